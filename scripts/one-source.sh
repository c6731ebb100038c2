#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The brk selftests are written once and applied to every base: the
# tools/testing/selftests/brk directory at the head of each base's tree
# (made from its series) must be the same git tree object.  A kernel
# difference belongs in the test (a skip with its reason, or an
# expectation by version), not in a second copy of the file.
#
# usage: scripts/one-source.sh BASE... RESULT   writes "passed failed skipped"
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || die "usage: $0 BASE... RESULT"
RESULT=${*: -1}
set -- "${@:1:$#-1}"
mkdir -p "$(dirname "$RESULT")"
echo "0 1 0" >"$RESULT"
stage_begin one-source
first='' first_base='' bad=0
for base in "$@"; do
	check_base "$base"
	tree=$(tree_dir "$base")
	id=$(git -C "$tree" rev-parse -q --verify HEAD:tools/testing/selftests/brk 2>/dev/null) ||
		die "series/$base adds no tools/testing/selftests/brk"
	if [ -z "$first" ]; then
		first=$id first_base=$base
	elif [ "$id" != "$first" ]; then
		say "  tools/testing/selftests/brk differs between $first_base and $base:" >&2
		git -C "$tree" diff --stat "$first" "$id" 2>/dev/null | sed 's/^/  | /' >&2 ||
			say "  ($first_base: $first, $base: $id)" >&2
		bad=$((bad + 1))
	fi
done
echo "$(($# - bad)) $bad 0" >"$RESULT"
stage_end "tools/testing/selftests/brk: $([ "$bad" = 0 ] && echo "one tree ($first) in $*" || echo "$bad base(s) differ from $first_base")"
[ "$bad" = 0 ]
