# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# Shared by test.sh and test-debug.sh: prepare the host, base and tree, run
# named stages that each write "passed failed skipped" to $R/<name>, and
# print the summary whose last line counts test cases.  Source it after
# lib.sh with ARCHES and R (the results directory) set, and call prepare for
# each base the stages use.

S=$TOP/scripts
rm -rf "$R"
mkdir -p "$R"
t0=$(date +%s)

# shellcheck disable=SC2086 # ARCHES is a list
"$S/deps.sh" $ARCHES || die "installing the host packages failed"

# prepare BASE: its source from Debian and its tree with the series applied.
prepare() {
	"$S/get-base.sh" "$1" || die "getting the base $1 failed"
	"$S/make-tree.sh" "$1" || die "making the tree of $1 failed"
}

stages=()
# stage NAME CMD...: run CMD... RESULT; a failing stage does not stop others.
stage() {
	local name=$1
	shift
	stages+=("$name")
	say ""
	say "######## $name"
	"$@" "$R/$name"
	echo $? >"$R/$name.rc"
}

# summary TITLE: the per-stage table and "N passed, N failed[, N skipped]";
# fails when anything failed.
summary() {
	local name p f s P=0 F=0 K=0 line
	say ""
	say "######## $1 ($(($(date +%s) - t0))s)"
	for name in "${stages[@]}"; do
		if [ -f "$R/$name" ]; then
			read -r p f s <"$R/$name"
		else
			# The stage died before it could count anything.
			p=0 f=1 s=0
		fi
		printf '  %-26s %4s passed %4s failed %4s skipped\n' "$name" "$p" "$f" "$s"
		P=$((P + p)) F=$((F + f)) K=$((K + s))
	done
	line="$P passed, $F failed"
	[ "$K" = 0 ] || line="$line, $K skipped"
	say "$line"
	[ "$F" = 0 ]
}
