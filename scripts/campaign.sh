#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A campaign of the model-checked random tester (brk_model) on one kernel,
# split over boots of BOOT_SEEDS seeds (2000 operations each).  Each boot
# is one line of docs/campaigns.tsv, so campaigns add up across sessions
# and machines and any line can be run again: the line names the seeds,
# the kernel (the git tree of mm/, the config fragments, and a git tree of
# the whole source but tools/testing/ and Documentation/ other than its
# Kconfig) and the tester
# (the git tree of tools/testing/selftests/brk).
#
# usage: scripts/campaign.sh BASE ARCH CONFIG SERIES OPS
#        scripts/campaign.sh --total     (the ledger's sums)
# Environment: SEED (first seed; default: one above the highest seed the
# ledger has for these kernel coordinates), BOOT_SEEDS (seeds per boot,
# default 200), MODEL_ARGS (more brk_model options, e.g. -M), TIMEOUT
# (per boot; default 40 s per seed plus 300 s: arm64 debug kernels have taken
# up to 25 s per seed with the host busy).
#
# A divergence, a splat or a hung guest ends the campaign: it is recorded,
# the tester's output and the console log are kept under
# build/results/campaign/, and the exit status is non-zero.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

LEDGER=$TOP/docs/campaigns.tsv
HEADER=$'# date\tbase\tarch\tconfig\tseries\tmm\tconfigs\ttester\tfirst_seed\tseeds\tops\tdivergences\tseconds\tops_per_s\tresult\targs\tkernel'

# The sums of the ledger, by base/arch/config/series and kernel source
# (lines from before the kernel column count as kernel "?").
total() {
	[ -f "$LEDGER" ] || die "no ledger at $LEDGER"
	awk -F'\t' '!/^#/ && NF >= 15 {
		k = $2 " " $3 " " $4 " " $5 " " (NF >= 17 ? $17 : "?")
		ops[k] += $11; div[k] += $12; secs[k] += $13; boots[k]++
		if ($15 != "pass") bad[k]++
		all += $11
	}
	END {
		for (k in ops)
			printf "%-41s %10d ops %3d divergences %5d boots (%d not passed) %7.0f s\n",
			       k, ops[k], div[k], boots[k], bad[k], secs[k]
		printf "total %d ops\n", all
	}' "$LEDGER" | sort
}

if [ "${1:-}" = --total ]; then
	total
	exit 0
fi
[ $# -eq 5 ] || die "usage: $0 BASE ARCH CONFIG patched|none OPS, or $0 --total"
kernel_args "$1" "$2" "$3" "$4"
OPS=$5
if ! [[ "$OPS" =~ ^[1-9][0-9]*$ ]]; then
	die "OPS must be a positive number, not '$OPS'"
fi
PER_SEED=2000
BOOT_SEEDS=${BOOT_SEEDS:-200}
if ! [[ "$BOOT_SEEDS" =~ ^[1-9][0-9]*$ ]]; then
	die "BOOT_SEEDS must be a positive number, not '$BOOT_SEEDS'"
fi
MODEL_ARGS=${MODEL_ARGS:-}
# The ledger's seeds and operation counts come from SEED, OPS and BOOT_SEEDS.
if [[ " $MODEL_ARGS" =~ \ -[scn] ]]; then
	die "MODEL_ARGS must not set -s, -c or -n (SEED, OPS and BOOT_SEEDS do): '$MODEL_ARGS'"
fi
S=$TOP/scripts
RES=$ROOT/results/campaign
mkdir -p "$RES" "$(dirname "$LEDGER")"
[ -f "$LEDGER" ] || echo "$HEADER" >"$LEDGER"

SRC=$(src_dir "$BASE" "$SERIES")
TREE=$(tree_dir "$BASE")
# What the numbers are about: committed sources only.
for d in "$SRC" "$TREE"; do
	[ -z "$(git -C "$d" status --porcelain --untracked-files=no)" ] ||
		die "$d has uncommitted changes: a campaign must name what it ran (commit or make export first)"
done
MM=$(git -C "$SRC" rev-parse --short=12 HEAD:mm)
TESTER=$(git -C "$TREE" rev-parse --short=12 HEAD:tools/testing/selftests/brk)
# Everything the kernel is built from: the source with tools/ pruned to
# what a build uses (all but tools/testing/: objtool, tools/include) and
# Documentation/ to the Kconfig the top-level Kconfig sources, as a tree
# object, so `git ls-tree` can show it.
kernel_tree() {
	local tools docs
	tools=$(git -C "$SRC" ls-tree HEAD:tools | grep -v $'\ttesting$' |
		git -C "$SRC" mktree)
	docs=$(git -C "$SRC" ls-tree HEAD:Documentation | grep $'\tKconfig$' |
		git -C "$SRC" mktree)
	git -C "$SRC" ls-tree HEAD |
		sed -e "s/^\(040000 tree \)[0-9a-f]*\(\ttools\)$/\1$tools\2/" \
		    -e "s/^\(040000 tree \)[0-9a-f]*\(\tDocumentation\)$/\1$docs\2/" |
		git -C "$SRC" mktree | cut -c1-12
}
KERNEL=$(kernel_tree)
CFG_STAMP=$(config_stamp "$ARCH" "$CONFIG" "$SRC" | cut -c1-12)

"$S/build-kernel.sh" "$BASE" "$ARCH" "$CONFIG" "$SERIES" >&2
"$S/build-selftests.sh" "$BASE" "$ARCH" "$CONFIG" "$SERIES" >&2
BIN=$OUT/kselftest-install/brk/brk_model
[ -x "$BIN" ] || die "no $BIN: the series has no brk_model"

if [ -z "${SEED:-}" ]; then
	SEED=$(awk -F'\t' -v k="$BASE $ARCH $CONFIG $SERIES" '
		!/^#/ && $2 " " $3 " " $4 " " $5 == k && $9 + $10 > nx { nx = $9 + $10 }
		END { print nx ? nx : 1 }' "$LEDGER")
fi
[[ "$SEED" =~ ^[0-9]+$ ]] || die "SEED must be a number, not '$SEED'"

seeds_left=$(((OPS + PER_SEED - 1) / PER_SEED))
say "campaign: $BASE $ARCH $CONFIG $SERIES, $seeds_left seeds from $SEED ($((seeds_left * PER_SEED)) ops), $BOOT_SEEDS per boot; kernel $KERNEL (mm $MM), tester $TESTER"
t_all=$(date +%s)
done_ops=0
while [ "$seeds_left" -gt 0 ]; do
	n=$BOOT_SEEDS
	[ "$n" -le "$seeds_left" ] || n=$seeds_left
	name=$BASE-$ARCH-$CONFIG-$SERIES-s$SEED-c$n
	out=$RES/$name.out
	t0=$(date +%s)
	set +e
	# shellcheck disable=SC2086 # MODEL_ARGS is a list of options
	TIMEOUT=${TIMEOUT:-$((n * 40 + 300))} "$S/boot-payload.sh" "$BASE" "$ARCH" "$CONFIG" "$SERIES" \
		"$BIN" "-s $SEED -c $n $MODEL_ARGS" >"$out" 2>"$RES/$name.log"
	rc=$?
	set -e
	secs=$(($(date +%s) - t0))
	ops=$(sed -n 's/^# \([0-9]*\) ops executed and checked in .*/\1/p' "$out" | tail -n 1)
	divs=$(sed -n 's/^# \([0-9]*\) divergences in .*/\1/p' "$out" | tail -n 1)
	rate=$(sed -n 's/^# [0-9]* ops executed and checked in .* s, \([0-9]*\) ops\/s$/\1/p' "$out" | tail -n 1)
	case $rc in
	0) result=pass ;;
	124) result=timeout ;;
	125) result=splat ;;
	*) result=fail ;;
	esac
	[ "${divs:-0}" = 0 ] || result=diverged
	# A pass must have run every operation it was asked for.
	if [ "$result" = pass ] && [ "${ops:-0}" != $((n * PER_SEED)) ]; then
		result=short
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$BASE" "$ARCH" "$CONFIG" "$SERIES" \
		"$MM" "$CFG_STAMP" "$TESTER" "$SEED" "$n" "${ops:-0}" "${divs:-0}" \
		"$secs" "${rate:-0}" "$result" "${MODEL_ARGS:--}" "$KERNEL" >>"$LEDGER"
	say "  seeds $SEED..$((SEED + n - 1)): ${ops:-0} ops, ${divs:-0} divergences, $secs s (${rate:-0} ops/s in the guest): $result"
	if [ "$result" != pass ]; then
		cp "$LOGS/payload-$BASE-$ARCH-$CONFIG-$SERIES.console" "$RES/$name.console" 2>/dev/null || true
		grep -E '^(not ok|# seed|#   )' "$out" | head -n 40 >&2 || true
		# boot.sh's account of a splat, a timeout or a dead guest.
		grep -E '^(  ! |ERROR|WARNING)' "$RES/$name.log" | head -n 25 >&2 || true
		die "campaign stopped at seeds $SEED..$((SEED + n - 1)): $result (output: $out, console: $RES/$name.console)"
	fi
	done_ops=$((done_ops + ops))
	SEED=$((SEED + n))
	seeds_left=$((seeds_left - n))
done
say "campaign done: $done_ops ops in $(($(date +%s) - t_all)) s, 0 divergences"
