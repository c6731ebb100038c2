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

# need_disk GIB WHAT: fail now, naming the directory and the numbers, when
# the file system under $BUILD has less than GIB GiB free beyond what
# $BUILD already holds (a warm build reuses that); a full disk part way
# through fails builds with messages that point everywhere but here.
need_disk() {
	local want=$1 what=$2 avail have
	mkdir -p "$BUILD"
	avail=$(df -Pk "$BUILD" | awk 'NR == 2 { print int($4 / 1048576) }')
	have=$(du -sk "$BUILD" 2>/dev/null | awk '{ print int($1 / 1048576) }')
	[ $((avail + have)) -ge "$want" ] && return 0
	die "$what needs about $want GiB under $BUILD (the clean-clone run used that); it has $have GiB there and $avail GiB free on $(df -P "$BUILD" | awk 'NR == 2 { print $6 }'): free space or set BUILD= to a larger disk"
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
	if [ "$F" != 0 ] && [ "$(df -Pk "$BUILD" | awk 'NR == 2 { print $4 }')" -lt 1048576 ]; then
		say "less than 1 GiB is free under $BUILD: failures above may be the full disk"
	fi
	line="$P passed, $F failed"
	[ "$K" = 0 ] || line="$line, $K skipped"
	say "$line"
	[ "$F" = 0 ]
}
