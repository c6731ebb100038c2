#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the working tree's branch back into series/<BASE>/ as git
# format-patch files, a series file and a cover letter.
#
# usage: scripts/export.sh BASE                 write series/<BASE>/
#        scripts/export.sh --check BASE         exit 1 and say what differs
#        scripts/export.sh --description FILE   print a cover letter's text
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# The subject and body of a cover letter, as a branch description.
description() {
	awk '
	BEGIN { hdr = 1 }
	hdr && /^Subject: / { subj = $0; sub(/^Subject: (\[[^]]*\] )?/, "", subj); insubj = 1; next }
	hdr && insubj && /^[ \t]/ { s = $0; sub(/^[ \t]+/, " ", s); subj = subj s; next }
	hdr && /^$/ { hdr = 0; insubj = 0; next }
	hdr { insubj = 0; next }
	/^[^ \t].* \([0-9]+\):$/ { exit }
	{ body[n++] = $0 }
	END {
		while (n > 0 && body[n - 1] == "") n--
		print subj
		print ""
		for (i = 0; i < n; i++) print body[i]
	}' "$1"
}

mode="export"
case ${1:-} in
--check) mode=check; shift ;;
--description) description "$2"; exit 0 ;;
esac
[ $# -eq 1 ] || die "usage: $0 [--check] BASE"
BASE=$1
check_base "$BASE"
TREE=$(tree_dir "$BASE")
BR=$(branch_name "$BASE")
SER=$TOP/series/$BASE

stage_begin "export"
git -C "$TREE" rev-parse -q --verify "$BR" >/dev/null 2>&1 ||
	die "no working tree at $TREE (run make tree BASE=$BASE)"
cur=$(git -C "$TREE" symbolic-ref -q --short HEAD || echo detached)
[ "$cur" = "$BR" ] || die "$TREE is on '$cur', not on $BR (finish the rebase or check out $BR)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(git -C "$TREE" rev-list --count "base..$BR")
if [ "$n" -gt 0 ]; then
	git -C "$TREE" format-patch -q -n --zero-commit --no-signature \
		--cover-letter --cover-from-description=subject \
		--subject-prefix=PATCH -o "$tmp" "base..$BR" ||
		die "git format-patch failed in $TREE"
fi
for f in "$tmp"/*.patch; do
	[ -e "$f" ] && [ "$(basename "$f")" != 0000-cover-letter.patch ] && basename "$f"
done >"$tmp/series"

# Two versions of a file are the same when they differ at most in the
# cover letter's Date: line, which format-patch sets to now.
same() {
	[ -f "$2" ] && cmp -s <(grep -v '^Date: ' "$1") <(grep -v '^Date: ' "$2")
}

diffs=
for f in "$tmp"/*.patch "$tmp/series"; do
	[ -e "$f" ] || continue
	b=$(basename "$f")
	if ! same "$f" "$SER/$b"; then
		if [ -f "$SER/$b" ]; then diffs="$diffs changed:$b"; else diffs="$diffs new:$b"; fi
		[ $mode = export ] && cp "$f" "$SER/$b"
	fi
done
for f in "$SER"/*.patch; do
	[ -e "$f" ] || continue
	b=$(basename "$f")
	if [ ! -e "$tmp/$b" ]; then
		diffs="$diffs removed:$b"
		[ $mode = export ] && rm -f "$f"
	fi
done
dirty=$(git -C "$TREE" status --porcelain --untracked-files=no)

if [ $mode = check ]; then
	for d in $diffs; do say "  series/$BASE: ${d%%:*} ${d#*:}"; done
	[ -z "$dirty" ] || say "$dirty" | sed 's/^/  uncommitted in tree: /'
	if [ -n "$diffs$dirty" ]; then
		say "series/$BASE differs from $TREE (make export BASE=$BASE writes commits; commit changes first)"
		exit 1
	fi
	stage_end "series/$BASE matches $TREE ($n patches)"
	exit 0
fi
[ -z "$dirty" ] || warn "$TREE has uncommitted changes that were not exported"
stage_end "series/$BASE: $n patches${diffs:+, updated:$diffs}"
