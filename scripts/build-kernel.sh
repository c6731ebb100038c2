#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Configure and build one kernel out of tree: tinyconfig, then the fragments
# configs/common.config, configs/<ARCH>.config, configs/<CONFIG>.config and
# configs/<CONFIG>-<ARCH>.config (when present) and, for CONFIG=test, the
# source's lib/tests/brk.kunitconfig (when present), then a check that every
# option the fragments ask for is really set.
#
# usage: scripts/build-kernel.sh BASE ARCH CONFIG SERIES   (SERIES: patched|none)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

kernel_args "$@"
SRC=$(src_dir "$BASE" "$SERIES")
LOG=$LOGS/kernel-$BASE-$ARCH-$CONFIG-$SERIES.log

stage_begin kernel
[ -f "$SRC/Makefile" ] || die "no source at $SRC (run make tree BASE=$BASE first)"
[ -f "$TOP/configs/$CONFIG.config" ] || die "no configs/$CONFIG.config: unknown CONFIG '$CONFIG'"
need_cmd "$(cross_compile "$ARCH")gcc" "$([ "$ARCH" = arm64 ] && echo gcc-aarch64-linux-gnu || echo gcc)"
need_cmd ccache ccache

frags=$(config_fragments "$ARCH" "$CONFIG" "$SRC" | tr '\n' ' ')
stamp=$(config_stamp "$ARCH" "$CONFIG" "$SRC")
# EXTRA_FRAGMENT (make check): the series head's KUnit configuration for a
# tree in the middle of the series that has none yet, so that its kernel is
# configured like the head's and ccache can reuse the head's objects.  Its
# options that this tree does not define yet are not asked for.
# The unpatched base (SERIES=none) is configured the same way, with the
# series' KUnit configuration, so that every A/B compares kernels built from
# one configuration (apart from the options only the series defines).
if [ "$SERIES" = none ] && [ -z "${EXTRA_FRAGMENT:-}" ] && [ -f "$(tree_dir "$BASE")/$KUNITCONFIG" ]; then
	EXTRA_FRAGMENT=$(tree_dir "$BASE")/$KUNITCONFIG
fi
extra=
if [ -n "${EXTRA_FRAGMENT:-}" ] && { [ "$CONFIG" = test ] || [ "$CONFIG" = debug ]; } && [ ! -f "$SRC/$KUNITCONFIG" ]; then
	[ -f "$EXTRA_FRAGMENT" ] || die "EXTRA_FRAGMENT=$EXTRA_FRAGMENT does not exist"
	extra=$EXTRA_FRAGMENT
	frags="$frags$extra"
	stamp=$({ config_fragments "$ARCH" "$CONFIG"; echo "$extra"; } | xargs cat | sha256sum | cut -c1-16)
fi

mkdir -p "$OUT"
if [ ! -f "$OUT/.config" ] || [ "$(cat "$OUT/.harness-config" 2>/dev/null)" != "$stamp" ]; then
	rm -f "$OUT/.harness-config"
	run_logged "$LOG" "make tinyconfig ($BASE $ARCH)" kmake "$OUT" "$ARCH" -C "$SRC" tinyconfig
	# shellcheck disable=SC2086
	run_logged "$LOG.merge" "merging config fragments" \
		env ARCH="$ARCH" "$SRC/scripts/kconfig/merge_config.sh" -m -O "$OUT" "$OUT/.config" $frags
	run_logged "$LOG" "make olddefconfig" kmake "$OUT" "$ARCH" -C "$SRC" olddefconfig

	# Every line of every fragment must hold: a dependency that is not met
	# silently drops an option, and a test would then skip or lie.
	# A line after "# harness: where available" may be out of reach in a
	# kernel (PREEMPT_VOLUNTARY on 7.x's lazy-preemption architectures):
	# only when its dependencies are not met (the option is absent from
	# .config) is it named and skipped; set otherwise, it is an error.
	bad=()
	optional=0
	# shellcheck disable=SC2086
	while read -r line; do
		case $line in
		"# harness: where available")
			optional=1
			continue ;;
		CONFIG_*=*)
			opt=${line%%=*}
			was_optional=$optional
			optional=0
			grep -qxF "$line" "$OUT/.config" && continue
			# The fragments serve every base: an option this kernel
			# does not define (renamed or merged, such as
			# PROC_SYSCTL into SYSCTL in 7.x) is named, not fatal.
			if ! grep -rqsE "^[[:space:]]*(menu)?config ${opt#CONFIG_}\$" \
				--include='Kconfig*' "$SRC"; then
				say "  $opt: not defined in $BASE, skipped" >&2
				continue
			fi
			got=$(grep -E "^(# )?${opt}[= ]" "$OUT/.config") || {
				if [ "$was_optional" = 1 ]; then
					say "  $line: not available in $BASE $ARCH (its dependencies are not met): the kernel's default kept" >&2
					continue
				fi
				got="its dependencies are not met"
			}
			bad+=("$line (got: $got)") ;;
		"# CONFIG_"*" is not set")
			optional=0
			opt=${line#\# }
			opt=${opt%% *}
			! grep -q "^$opt=" "$OUT/.config" ||
				bad+=("$line (got: $(grep "^$opt=" "$OUT/.config"))") ;;
		esac
	done < <(cat $frags)
	if [ "${#bad[@]}" -gt 0 ]; then
		for b in "${bad[@]}"; do say "  not set as asked: $b" >&2; done
		die "kernel config for $BASE $ARCH $CONFIG does not have what configs/ asks for (see above; $OUT/.config)"
	fi
	echo "$stamp" >"$OUT/.harness-config"
fi

img=$(kernel_image "$ARCH")
rm -f "$OUT/.harness-built"
if [ "${HEADERS_ONLY:-0}" = 1 ]; then
	# make check: the exported headers the selftests build against.
	run_logged "$LOG" "exporting $BASE $ARCH headers" kmake "$OUT" "$ARCH" -C "$SRC" headers
	stage_end "$BASE $ARCH $CONFIG ${SERIES}: headers in $OUT/usr/include"
	exit 0
fi
src=$(source_stamp "$SRC")
run_logged "$LOG" "building $BASE $ARCH $CONFIG kernel ($SERIES)" \
	kmake "$OUT" "$ARCH" -C "$SRC" "$(basename "$img")" headers
# What was built: make check counts a patch whose source and config were
# already built here as built, instead of building it again.
[ -z "$src" ] || echo "$src $stamp" >"$OUT/.harness-built"
stage_end "$BASE $ARCH $CONFIG ${SERIES}: $OUT/$img"
