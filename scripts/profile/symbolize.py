#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Instruction profile by kernel function from tb-count plugin output.

usage: symbolize.py SYSTEM_MAP COUNTS [COUNTS2 --ops N]

With one counts file: guest instructions per function over the whole run.
With two runs of the same payload that differ only in their number of
operations, COUNTS2 doing --ops more than COUNTS: the difference, divided
by --ops, is the cost of one operation, boot and set-up cancelled out.
Addresses outside the kernel's text are reported as [user].
"""
import argparse
import bisect
import collections


def load_map(path):
    syms = []
    for line in open(path):
        parts = line.split()
        if len(parts) >= 3 and parts[1] in 'tTwW':
            syms.append((int(parts[0], 16), parts[2]))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def profile(path, addrs, names):
    prof = collections.Counter()
    lo, hi = addrs[0], addrs[-1] + 0x100000
    for line in open(path):
        vaddr, insns, execs = line.split()
        vaddr = int(vaddr, 16)
        if lo <= vaddr < hi:
            name = names[bisect.bisect_right(addrs, vaddr) - 1]
        else:
            name = '[user]'
        prof[name] += int(insns) * int(execs)
    return prof


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('system_map')
    ap.add_argument('counts', help='tb-count output of the shorter run')
    ap.add_argument('counts2', nargs='?', help='tb-count output of the longer run')
    ap.add_argument('--ops', type=float, default=1.0,
                    help='operations the longer run did more (default 1)')
    ap.add_argument('--top', type=int, default=40)
    ap.add_argument('--min', type=float, default=0.5,
                    help='hide functions below this many instructions')
    args = ap.parse_args()
    addrs, names = load_map(args.system_map)
    prof = profile(args.counts, addrs, names)
    if args.counts2:
        prof2 = profile(args.counts2, addrs, names)
        prof = {k: (prof2.get(k, 0) - prof.get(k, 0)) / args.ops
                for k in set(prof) | set(prof2)}
    total = sum(prof.values())
    print(f'{total:12.1f}  total')
    for name, n in sorted(prof.items(), key=lambda kv: -kv[1])[:args.top]:
        if abs(n) >= args.min:
            print(f'{n:12.1f}  {name}')


if __name__ == '__main__':
    main()
