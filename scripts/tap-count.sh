#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Count the test cases in kselftest TAP output: the nested results each
# test binary prints ("# ok N", "# not ok N", "# SKIP" directives).  A
# binary that failed (or was skipped) without a nested result of that kind,
# say one that crashed or timed out, counts as one case of its own, and so
# does a binary that passed without printing nested results.
#
# usage: scripts/tap-count.sh TAP_FILE      prints "passed failed skipped"
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 TAP_FILE" >&2; exit 1; }
awk '
function flush() {
	if (!inbin) return
	if (top == "fail" && nf == 0) f++
	if (top == "skip" && ns == 0 && np == 0) s++
	if (top == "pass" && np + nf + ns == 0) p++
	nf = ns = np = 0
}
/^# (not )?ok [0-9]+ / {
	if ($0 ~ /# (SKIP|skip)/) { s++; ns++ }
	else if ($2 == "not") { f++; nf++ }
	else { p++; np++ }
	inbin = 1
	next
}
/^(not )?ok [0-9]+ / {
	inbin = 1
	if ($0 ~ /# (SKIP|skip)/) top = "skip"
	else if ($1 == "not") top = "fail"
	else top = "pass"
	flush()
	inbin = 0
	next
}
END { print p + 0, f + 0, s + 0 }' "$1"
