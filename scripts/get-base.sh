#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Get the base kernel source from Debian's linux-source-<BASE> package and
# keep it as a git repository whose first commit is the pristine source.
#
# usage: scripts/get-base.sh BASE
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: $0 BASE"
BASE=$1
check_base "$BASE"
# series/<base>/BASE: PACKAGE VERSION [SUITE].  A SUITE is a Debian suite
# the machine's own apt sources do not carry (7.3 comes from
# trixie-backports): the harness adds it, pinned so that apt takes nothing
# from it but PACKAGE.
read -r PKG PIN SUITE <"$TOP/series/$BASE/BASE"
SUITE=${SUITE:-}
REPO=$(base_repo "$BASE")
WHAT="$PKG $PIN${SUITE:+ from $SUITE}"

stage_begin base

have_version() { dpkg-query -W -f='${Version}' "$PKG" 2>/dev/null || true; }

# add_suite: an apt source for $SUITE and a pin that keeps every package of
# it but $PKG out (priority -1: never installed, not even as a dependency).
add_suite() {
	local src=/etc/apt/sources.list.d/brk-$SUITE.sources
	local pref=/etc/apt/preferences.d/brk-$SUITE
	local mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -f "$keyring" ] || die "$keyring is missing: install the Debian package 'debian-archive-keyring' (needed to verify $SUITE)"
	printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
		"$mirror" "$SUITE" "$keyring" >"$src.tmp"
	printf 'Package: *\nPin: release n=%s\nPin-Priority: -1\n\nPackage: %s\nPin: release n=%s\nPin-Priority: 100\n' \
		"$SUITE" "$PKG" "$SUITE" >"$pref.tmp"
	mv "$src.tmp" "$src"
	mv "$pref.tmp" "$pref"
}

ver=$(have_version)
if [ "$ver" != "$PIN" ]; then
	[ "$(id -u)" = 0 ] || die "$WHAT is not installed (have '${ver:-none}'); run as root or install it"
	[ -z "$SUITE" ] || add_suite
	mkdir -p "$LOGS"
	if ! apt-get update >"$LOGS/apt-update.log" 2>&1 ||
		{ [ -n "$SUITE" ] && grep -qE "^(Err|W: Failed to fetch|E: ).*$SUITE" "$LOGS/apt-update.log"; }; then
		tail -n 15 "$LOGS/apt-update.log" | sed 's/^/  | /' >&2
		if [ -n "$SUITE" ]; then
			# Do not leave the machine's apt broken by a suite it cannot read.
			rm -f "/etc/apt/sources.list.d/brk-$SUITE.sources" "/etc/apt/preferences.d/brk-$SUITE"
			die "cannot get $PKG $PIN: apt-get update failed for Debian suite $SUITE (log: $LOGS/apt-update.log)"
		fi
		die "cannot get $PKG $PIN: apt-get update failed (log: $LOGS/apt-update.log)"
	fi
	avail=$(apt-cache madison "$PKG" | awk -F'|' '{gsub(/ /, "", $2); print $2}' | sort -u)
	[ -n "$avail" ] || die "package $PKG (version $PIN${SUITE:+, suite $SUITE}) is not in any apt source of this machine"
	if grep -qxF "$PIN" <<<"$avail"; then
		run_logged "$LOGS/apt-install-$PKG.log" "apt-get install $PKG=$PIN" \
			env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$PKG=$PIN"
	else
		warn "$WHAT (series/$BASE/BASE) is not available from apt (it has: ${avail//$'\n'/ }); using the newest $PKG instead. Patches may not apply."
		run_logged "$LOGS/apt-install-$PKG.log" "apt-get install $PKG" \
			env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
			--no-install-recommends "$PKG"
	fi
	ver=$(have_version)
	[ -n "$ver" ] || die "$PKG did not install"
fi

tarball=/usr/src/$PKG.tar.xz
[ -f "$tarball" ] || die "$PKG $ver is installed but $tarball is missing"
msg="Linux source from Debian $PKG $ver"

if [ -d "$REPO/.git" ]; then
	have=$(git -C "$REPO" log -1 --format=%s pristine 2>/dev/null || true)
	if [ "$have" = "$msg" ]; then
		stage_end "$PKG $ver (cached)"
		exit 0
	fi
	die "$REPO holds '${have:-no base commit}', but $PKG $ver is installed. Remove $REPO and $(tree_dir "$BASE") (export your work first) to extract it again."
fi

rm -rf "$REPO.tmp"
mkdir -p "$REPO.tmp"
run_logged "$LOGS/extract-$BASE.log" "extracting $tarball" \
	tar -xJf "$tarball" -C "$REPO.tmp" --strip-components=1
# Fixed identity and dates make the base commit the same on every machine,
# so series/ stays free of churn.
(
	cd "$REPO.tmp"
	export GIT_AUTHOR_NAME="Debian $PKG" GIT_AUTHOR_EMAIL="$PKG@packages.debian.org"
	export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
	export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
	# shellcheck disable=SC2016 # $0 is expanded by the inner sh
	run_logged "$LOGS/git-base-$BASE.log" "creating the base git repository" \
		sh -c 'git init -q -b base-'"$BASE"' . &&
		git config gc.auto 0 &&
		git config core.abbrev 12 &&
		git add -A -f . &&
		git commit -q --no-verify -m "$0" &&
		git tag pristine' "$msg"
	# Debian's top-level .gitignore ignores everything outside debian/, so
	# git would not see a new file such as a selftest.  A second commit
	# drops that block; it is the base the series applies to and never
	# part of a patch.
	if grep -qx '!/debian/' .gitignore; then
		from=$(($(grep -n '^# Debian packaging' .gitignore | cut -d: -f1) - 1))
		to=$(grep -nx '!/debian/' .gitignore | cut -d: -f1)
		sed -i "${from},${to}d" .gitignore
		git add .gitignore
		git commit -q --no-verify -m "harness: let git see new files outside debian/" \
			-m "Debian's .gitignore ignores every top-level entry but debian/." ||
			die "cannot commit the .gitignore fix-up in $REPO.tmp"
	fi
	git tag base
)
mv "$REPO.tmp" "$REPO"
stage_end "$PKG $ver ($(git -C "$REPO" rev-parse --short base))"
