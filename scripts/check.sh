#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Check series/<BASE> the way a maintainer would: every patch applies in
# order with git am, is clean under checkpatch.pl --strict (0 errors,
# 0 warnings, 0 checks), and the tree after each patch builds: the series
# head for x86_64 and arm64, every patch before it for x86_64 (or
# CHECK_EACH_ARCHES), kernel and brk selftests; and no patch adds a W=1 or
# sparse (C=1) warning in the C files it changes, compared with the tree
# before it (CHECK_W1=0 skips that).  The builds run in a separate tree
# under build/check/ so the working tree is not touched.
#
# usage: scripts/check.sh BASE RESULT     writes "passed failed skipped"
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: $0 BASE RESULT"
BASE=$1 RESULT=$2
check_base "$BASE"
export ROOT=$BUILD/check
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
REPO=$(base_repo "$BASE")
CT=$(tree_dir "$BASE")
SER=$TOP/series/$BASE
ARCHES=${CHECK_ARCHES:-x86_64 arm64}
EACH_ARCHES=${CHECK_EACH_ARCHES:-x86_64}
# The series head's KUnit configuration (the working tree is the series
# head: make test makes it first), lent to the patches before it.
FINAL_KCONF=
if [ -f "$BUILD/tree/$BASE/$KUNITCONFIG" ]; then
	FINAL_KCONF=$BUILD/check/kunitconfig-$BASE
	mkdir -p "$BUILD/check"
	cp "$BUILD/tree/$BASE/$KUNITCONFIG" "$FINAL_KCONF"
fi
mkdir -p "$LOGS" "$(dirname "$RESULT")"
rm -f "$RESULT"
pass=0 fail=0
ok() { pass=$((pass + 1)); say "  ok   $*"; }
bad() { fail=$((fail + 1)); say "  FAIL $*"; }

# W=1 and sparse (C=1) on the C files a patch changes, before and after it,
# in an x86_64 build directory configured like the series head's test
# kernel: a patch may not add a warning there.  The warnings are compared
# without their line and column numbers, as a multiset.
W1=$BUILD/check/w1-$BASE
HEAD_CONFIG=$BUILD/out/$BASE/x86_64-test/.config
# w1_build FILE... : the warnings of compiling FILE... now, one per line.
w1_build() {
	local objs=() f log=$LOGS/w1.log
	for f in "$@"; do
		[ -f "$CT/$f" ] && objs+=("${f%.c}.o")
	done
	[ "${#objs[@]}" -gt 0 ] || return 0
	mkdir -p "$W1"
	cp "$HEAD_CONFIG" "$W1/.config"
	(cd "$W1" && rm -f "${objs[@]}")
	kmake "$W1" x86_64 -C "$CT" olddefconfig >"$log" 2>&1 || true
	kmake "$W1" x86_64 -C "$CT" W=1 C=1 CHECK="sparse" "${objs[@]}" >>"$log" 2>&1 ||
		echo "BUILD FAILED: ${objs[*]}"
	# The kernel's checker-valid.sh turns C=1 off when sparse cannot parse
	# what the kernel needs (7.x: __typeof_unqual__, newer than Debian's
	# sparse 0.6.4): say so instead of counting a sparse run.
	if grep -q 'C=1 specified, but sparse is not available or not up to date' "$log"; then
		touch "$W1/.sparse-too-old"
	fi
	grep -E '^[^ :]+:[0-9]+(:[0-9]+)?: (warning|error):' "$log" |
		sed -E 's/^([^ :]+):[0-9]+(:[0-9]+)?: /\1: /' | sort || true
}

stage_begin check
[ "${CHECK_W1:-1}" != 1 ] || need_cmd sparse sparse
git -C "$REPO" rev-parse -q --verify base >/dev/null 2>&1 ||
	die "no base repository at $REPO (make base BASE=$BASE)"
mapfile -t patches < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$SER/series" 2>/dev/null || true)
[ "${#patches[@]}" -gt 0 ] || die "series/$BASE/series lists no patches"

# The check tree: detached at base, reset in place so that files the
# series does not touch keep their timestamps and builds stay incremental.
if [ ! -d "$CT" ]; then
	mkdir -p "$(dirname "$CT")"
	git -C "$REPO" worktree prune
	git -C "$REPO" worktree add -q -f --detach "$CT" base || die "cannot create $CT"
fi
git -C "$CT" am --abort >/dev/null 2>&1 || true
git -C "$CT" checkout -q -f --detach base
git -C "$CT" clean -q -f -d
git -C "$CT" config user.name >/dev/null || git -C "$CT" config user.name "brk harness"
git -C "$CT" config user.email >/dev/null || git -C "$CT" config user.email brk-harness@localhost

i=0
for p in "${patches[@]}"; do
	i=$((i + 1))
	f=$SER/$p
	t0=$(date +%s)
	say "[$i/${#patches[@]}] $p"
	# The C files of the kernel this patch changes, for W=1 and sparse.
	w1_files=()
	if [ -f "$HEAD_CONFIG" ] && [ "${CHECK_W1:-1}" = 1 ]; then
		mapfile -t w1_files < <(git -C "$CT" apply --numstat "$f" 2>/dev/null |
			awk '{ print $3 }' | grep -E '\.c$' | grep -vE '^(tools|Documentation|scripts|samples)/' || true)
	fi
	w1_before=
	[ "${#w1_files[@]}" = 0 ] || w1_before=$(w1_build "${w1_files[@]}")
	if ! git -C "$CT" am -q --keep-cr "$f" >"$LOGS/am.log" 2>&1; then
		git -C "$CT" am --abort >/dev/null 2>&1 || true
		bad "$p: does not apply ($(grep -m1 -E 'error|patch failed' "$LOGS/am.log" || true))"
		say "  remaining patches not checked"
		fail=$((fail + ${#patches[@]} - i))
		break
	fi
	# checkpatch: a patch is clean only with 0 errors, 0 warnings, 0 checks.
	cp_log=$LOGS/checkpatch-$i.log
	# Two checks need what a Debian source tree lacks or are done here
	# instead: UNKNOWN_COMMIT_ID looks the SHAs of Fixes: and "commit ...
	# upstream." up in the git history, which the tarball does not have;
	# FILE_PATH_CHANGES asks for a MAINTAINERS change with every new file,
	# unless the patch changes MAINTAINERS, whether or not an entry covers
	# the file already: below, a patch that adds files without changing
	# MAINTAINERS must add only files that a MAINTAINERS section other
	# than THE REST covers.
	(cd "$CT" && perl scripts/checkpatch.pl --strict \
		--ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES "$f") >"$cp_log" 2>&1 || true
	uncovered=$(cd "$CT" && git diff --quiet HEAD~1 HEAD -- MAINTAINERS &&
		git diff --name-only --diff-filter=A HEAD~1 HEAD |
		while read -r added; do
			perl scripts/get_maintainer.pl --no-git --no-git-fallback \
				--no-email --no-l --subsystem --no-rolestats -f "$added" 2>/dev/null |
				grep -qvx 'THE REST' || echo "$added"
		done) || true
	if [ -n "$uncovered" ]; then
		bad "$p: no MAINTAINERS section covers the new file(s): ${uncovered//$'\n'/ }"
	fi
	summary=$(grep -E '^total: ' "$cp_log" | tail -n 1)
	if grep -qE '^total: 0 errors, 0 warnings, (0 checks, )?[0-9]+ lines checked' "$cp_log"; then
		ok "$p: checkpatch --strict: $summary"
	else
		grep -E '^(ERROR|WARNING|CHECK):' -A 3 "$cp_log" | head -n 30 | sed 's/^/       /'
		bad "$p: checkpatch --strict: ${summary:-did not run} (log: $cp_log)"
	fi
	if [ "${#w1_files[@]}" -gt 0 ]; then
		rm -f "$W1/.sparse-too-old"
		w1_after=$(w1_build "${w1_files[@]}")
		w1_what="W=1 and sparse"
		[ ! -f "$W1/.sparse-too-old" ] ||
			w1_what="W=1 (sparse not run: $(sparse --version 2>/dev/null || echo sparse) is too old for $BASE's checker-valid.sh)"
		w1_new=$(comm -13 <(echo "$w1_before") <(echo "$w1_after") | grep -v '^$' || true)
		# A build that failed after the patch is a failure even when it
		# also failed before it: no warning would have been compared.
		if grep -q '^BUILD FAILED' <<<"$w1_after" && ! grep -q '^BUILD FAILED' <<<"$w1_new"; then
			w1_new=$(printf '%s\n%s' "$(grep '^BUILD FAILED' <<<"$w1_after")" "$w1_new")
		fi
		if [ -z "$w1_new" ]; then
			ok "$p: $w1_what: no new warnings in ${w1_files[*]}"
		else
			echo "$w1_new" | head -n 20 | sed 's/^/       /'
			bad "$p: $w1_what: $(echo "$w1_new" | wc -l) new warning(s) in ${w1_files[*]} (log: $LOGS/w1.log)"
		fi
	fi
	# The series head is built for every architecture; the patches before
	# it for CHECK_EACH_ARCHES (x86_64 unless told otherwise), where a
	# patch that changes nothing the kernel build reads (only tools/,
	# Documentation/, MAINTAINERS) leaves the previous kernel as it was
	# and only needs its selftests built.
	arches=$ARCHES kernel=yes
	if [ "$i" -lt "${#patches[@]}" ]; then
		arches=$EACH_ARCHES
		git -C "$CT" diff --name-only HEAD~1 HEAD |
			grep -qvE '^(tools/|Documentation/|MAINTAINERS$)' || kernel=no
	fi
	for arch in $arches; do
		if [ "$kernel" = no ]; then
			if git -C "$CT" diff --quiet HEAD~1 HEAD -- tools/testing/selftests/brk; then
				ok "$p: $arch kernel and brk selftests unchanged by this patch"
			elif HEADERS_ONLY=1 EXTRA_FRAGMENT=$FINAL_KCONF "$TOP/scripts/build-kernel.sh" \
				"$BASE" "$arch" test patched >"$LOGS/build-$i-$arch.log" 2>&1 &&
				"$TOP/scripts/build-selftests.sh" "$BASE" "$arch" test patched \
				>>"$LOGS/build-$i-$arch.log" 2>&1; then
				ok "$p: $arch brk selftests build (the kernel is unchanged by this patch)"
			else
				tail -n 15 "$LOGS/build-$i-$arch.log" | sed 's/^/       /'
				bad "$p: $arch selftests build (log: $LOGS/build-$i-$arch.log)"
			fi
			continue
		fi
		# The working tree's kernel (make run) may already be this
		# very source and config: then it has been built.
		main=$BUILD/out/$BASE/$arch-test
		here="$(source_stamp "$CT") $(config_stamp "$arch" test "$CT")"
		if [ -f "$main/.harness-built" ] && [ "$(cat "$main/.harness-built")" = "$here" ]; then
			# The selftests are cheap: build them from that tree.
			if [ -d "$CT/tools/testing/selftests/brk" ] &&
				! ROOT=$BUILD "$TOP/scripts/build-selftests.sh" "$BASE" "$arch" test patched \
					>"$LOGS/build-$i-$arch.log" 2>&1; then
				tail -n 15 "$LOGS/build-$i-$arch.log" | sed 's/^/       /'
				bad "$p: $arch selftests build (log: $LOGS/build-$i-$arch.log)"
			else
				ok "$p: $arch builds (same source and config as $main, built there)"
			fi
			continue
		fi
		if EXTRA_FRAGMENT=$FINAL_KCONF "$TOP/scripts/build-kernel.sh" "$BASE" "$arch" test patched \
			>"$LOGS/build-$i-$arch.log" 2>&1; then
			if [ -d "$CT/tools/testing/selftests/brk" ] &&
				! "$TOP/scripts/build-selftests.sh" "$BASE" "$arch" test patched >>"$LOGS/build-$i-$arch.log" 2>&1; then
				tail -n 15 "$LOGS/build-$i-$arch.log" | sed 's/^/       /'
				bad "$p: $arch selftests build (log: $LOGS/build-$i-$arch.log)"
			else
				ok "$p: $arch builds"
			fi
		else
			tail -n 15 "$LOGS/build-$i-$arch.log" | sed 's/^/       /'
			bad "$p: $arch kernel build (log: $LOGS/build-$i-$arch.log)"
		fi
	done
	say "  ($(($(date +%s) - t0))s)"
done

# The configurations the test robot builds on the head: NOMMU, COMPAT_BRK,
# clang (CHECK_ROBOT=0 skips them).
if [ "${CHECK_ROBOT:-1}" = 1 ]; then
	robot_res=$BUILD/check/robot-$BASE.result
	ROOT=$BUILD "$TOP/scripts/check-robot.sh" "$BASE" "$robot_res" || true
	read -r rp rf _ <"$robot_res" || { rp=0 rf=1; }
	pass=$((pass + rp)) fail=$((fail + rf))
fi

echo "$pass $fail 0" >"$RESULT"
stage_end "series/$BASE: ${#patches[@]} patches, $pass passed, $fail failed"
[ "$fail" = 0 ]
