#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Create the working tree: branch series-<BASE> on the pristine base commit,
# with every patch of series/<BASE>/series applied by git am.
#
# usage: scripts/make-tree.sh BASE
# FORCE=1 recreates a tree that holds commits or changes not in series/.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: $0 BASE"
BASE=$1
check_base "$BASE"
REPO=$(base_repo "$BASE")
TREE=$(tree_dir "$BASE")
BR=$(branch_name "$BASE")
SER=$TOP/series/$BASE
STATE=$ROOT/state/$BASE.applied

stage_begin tree
git -C "$REPO" rev-parse -q --verify base >/dev/null 2>&1 ||
	die "no base repository at $REPO (run make base BASE=$BASE)"

patches() {
	[ -f "$SER/series" ] || return 0
	grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$SER/series" || true
}

# A fingerprint of what the tree is made from.
series_sum() {
	{
		git -C "$REPO" rev-parse base
		[ -f "$SER/series" ] && cat "$SER/series"
		patches | while read -r p; do cat "$SER/$p"; done
	} | sha256sum | cut -c1-16
}
want=$(series_sum)

mkdir -p "$(dirname "$TREE")" "$(dirname "$STATE")" "$LOGS"
if [ -e "$TREE" ]; then
	head=$(git -C "$TREE" rev-parse HEAD 2>/dev/null || echo none)
	dirty=$(git -C "$TREE" status --porcelain --untracked-files=no 2>/dev/null || echo broken)
	read -r applied_sum applied_head 2>/dev/null <"$STATE" || { applied_sum=''; applied_head=''; }
	if [ "$head" = "$applied_head" ] && [ -z "$dirty" ] && [ "$applied_sum" = "$want" ]; then
		stage_end "$TREE up to date with series/$BASE ($(patches | wc -l) patches)"
		exit 0
	fi
	# When the tree already matches series/ (say, right after make export),
	# keep it: recreating it would touch every file and rebuild everything.
	if "$TOP/scripts/export.sh" --check "$BASE" >"$LOGS/tree-export-check.log" 2>&1; then
		echo "$want $head" >"$STATE"
		stage_end "$TREE matches series/$BASE ($(patches | wc -l) patches)"
		exit 0
	fi
	# Local work is safe to drop only when series/ already holds it.
	if [ "${FORCE:-0}" != 1 ] && { [ "$head" != "$applied_head" ] || [ -n "$dirty" ]; }; then
		sed 's/^/  | /' "$LOGS/tree-export-check.log" >&2
		die "$TREE has work that is not in series/$BASE (above): run 'make export BASE=$BASE' first, or FORCE=1 to discard it"
	fi
	git -C "$REPO" worktree remove --force "$TREE" 2>/dev/null || rm -rf "$TREE"
	git -C "$REPO" worktree prune
fi

rm -f "$STATE"
git -C "$REPO" worktree add -q -f -B "$BR" "$TREE" base ||
	die "cannot create worktree $TREE"
git -C "$TREE" config user.name >/dev/null ||
	git -C "$TREE" config user.name "$(git -C "$TOP" config user.name || echo brk harness)"
git -C "$TREE" config user.email >/dev/null ||
	git -C "$TREE" config user.email "$(git -C "$TOP" config user.email || echo brk-harness@localhost)"

n=0
while read -r p; do
	f=$SER/$p
	[ -f "$f" ] || die "series/$BASE/series lists $p but series/$BASE/$p does not exist"
	if ! git -C "$TREE" am -q --keep-cr "$f" >"$LOGS/tree-am.log" 2>&1; then
		say "ERROR: patch series/$BASE/$p does not apply to $BASE ($(head -n 1 "$SER/BASE")):" >&2
		git -C "$TREE" am --abort >/dev/null 2>&1 || true
		# git apply -v names each file and the hunk that failed.
		git -C "$TREE" apply --check -v "$f" 2>&1 |
			grep -E -v '^(Checking patch|Applied patch|Hunk .* applied cleanly)' |
			sed 's/^/  | /' >&2 || true
		die "git am stopped at series/$BASE/$p (patch $((n + 1)) of $(patches | wc -l)); the tree $TREE is left at the patch before it"
	fi
	n=$((n + 1))
done < <(patches)

# The cover letter's text becomes the branch description, which
# 'make export' turns back into the cover letter.
cover=$SER/0000-cover-letter.patch
if [ -f "$cover" ]; then
	"$TOP/scripts/export.sh" --description "$cover" >"$ROOT/state/$BASE.description"
	git -C "$TREE" config "branch.$BR.description" "$(cat "$ROOT/state/$BASE.description")"
fi

echo "$want $(git -C "$TREE" rev-parse HEAD)" >"$STATE"
stage_end "$TREE: $n patches applied on $(head -n 1 "$SER/BASE")"
