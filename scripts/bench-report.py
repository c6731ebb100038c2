#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn scripts/bench.sh's raw brk_bench outputs into results.json,
results.md and a gnuplot script for chart.png.

usage: bench-report.py BENCH_DIR BASE BENCH_ARGS SMP ARCH...
env:   BENCH_PATCHES: the patch numbers whose kernels ran too (p<N>)
"""
import json
import os
import re
import statistics
import sys

bdir, base, args, smp = sys.argv[1:5]
arches = sys.argv[5:]
patches = os.environ.get("BENCH_PATCHES", "").split()
raw = os.path.join(bdir, "raw")
name_re = re.compile(r"^(?P<arch>[^-]+)-(?P<mode>icount|wall)-(?P<series>none|patched|p\d+)-(?P<n>\d+)\.out$")

# data[arch][mode][series][workload] = [value per run]
data = {}
headers = {}
for f in sorted(os.listdir(raw)):
    m = name_re.match(f)
    if not m or m["arch"] not in arches:
        continue
    per = data.setdefault(m["arch"], {}).setdefault(m["mode"], {}).setdefault(m["series"], {})
    for line in open(os.path.join(raw, f)):
        fields = line.split()
        if not fields:
            continue
        kv = dict(x.split("=", 1) for x in fields[1:] if "=" in x)
        if fields[0] == "brk_bench":
            headers[(m["arch"], m["series"])] = kv
            continue
        if "ns_per_op" not in kv:
            continue
        per.setdefault(fields[0], []).append(float(kv["ns_per_op"]))
        if "ns_per_fault" in kv:
            per.setdefault(fields[0] + "_fault", []).append(float(kv["ns_per_fault"]))

results = {"base": base, "brk_bench_args": args, "smp": int(smp), "arches": {}}
md = [
    "# brk_bench: unpatched vs patched %s kernel" % base,
    "",
    "Kernels built from `configs/bench.config` (+ `bench-<arch>.config`), "
    "booted under QEMU TCG (%s vCPUs on the wall clock), payloads: %s.  "
    "**instr/op**: guest instructions per operation under `-icount "
    "shift=0,sleep=off` (deterministic; spread = (max-min)/min over the "
    "runs).  **wall ns/op**: median over the wall-clock runs, A/B "
    "interleaved.  Ratio = patched / unpatched; below 1 is faster."
    % (smp, args),
    "",
]
for arch in arches:
    d = data.get(arch)
    if not d:
        continue
    rel = {s: headers.get((arch, s), {}).get("release", "?") for s in ("none", "patched")}
    md += ["## %s" % arch, "",
           "unpatched: `%s`, patched: `%s`" % (rel["none"], rel["patched"]), "",
           "| workload | unpatched instr/op | patched instr/op | ratio | spread | "
           "unpatched wall ns/op | patched wall ns/op | ratio |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    ares = {}
    names = list(d.get("wall", {}).get("none", {}).keys())
    names += [n for n in d.get("icount", {}).get("none", {}) if n not in names]
    for w in names:
        row = {}
        for mode in ("icount", "wall"):
            for s in ("none", "patched"):
                vals = d.get(mode, {}).get(s, {}).get(w, [])
                row["%s_%s" % (mode, s)] = vals
        ic_b, ic_p = row["icount_none"], row["icount_patched"]
        wa_b, wa_p = row["wall_none"], row["wall_patched"]

        def med(v):
            return statistics.median(v) if v else None

        def ratio(a, b):
            return b / a if a and b else None
        spreads = [(max(v) - min(v)) / min(v) for v in (ic_b, ic_p) if v and min(v) > 0]
        spread = max(spreads) if spreads else None
        ares[w] = {
            "icount_ns_per_op": {"unpatched": ic_b, "patched": ic_p},
            "wall_ns_per_op": {"unpatched": wa_b, "patched": wa_p},
            "icount_ratio": ratio(med(ic_b), med(ic_p)),
            "wall_ratio": ratio(med(wa_b), med(wa_p)),
            "icount_spread": spread,
        }

        def fmt(v, p=0):
            return "-" if v is None else ("{:,.%df}" % p).format(v)
        md.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            w, fmt(med(ic_b)), fmt(med(ic_p)), fmt(ares[w]["icount_ratio"], 3),
            "-" if spread is None else "%.2f %%" % (100 * spread),
            fmt(med(wa_b)), fmt(med(wa_p)), fmt(ares[w]["wall_ratio"], 3)))
    md.append("")
    per_patch = {}
    if patches:
        cols = ["none"] + ["p" + p for p in patches] + ["patched"]
        md += ["Per patch (%s): instr/op of the kernel after each patch, "
               "median of the ICOUNT runs, in the same rounds:" % arch, "",
               "| workload | unpatched | " + " | ".join("after %s" % p for p in patches)
               + " | series |", "|---|" + "---:|" * (len(cols))]
        for w in names:
            vals = [d.get("icount", {}).get(c, {}).get(w, []) for c in cols]
            if not any(vals):
                continue
            per_patch[w] = {c: v for c, v in zip(cols, vals)}
            md.append("| %s | %s |" % (w, " | ".join(
                "{:,.0f}".format(statistics.median(v)) if v else "-" for v in vals)))
        md.append("")
    results["arches"][arch] = {"release": rel, "workloads": ares, "per_patch": per_patch}

with open(os.path.join(bdir, "results.json"), "w") as f:
    json.dump(results, f, indent=1)
with open(os.path.join(bdir, "results.md"), "w") as f:
    f.write("\n".join(md) + "\n")

# Chart: patched/unpatched ratio per workload, instructions and wall clock,
# one panel per architecture.
gp = [
    'set terminal pngcairo noenhanced size 1200,%d font ",10"' % (420 * max(1, len(results["arches"]))),
    'set output "%s"' % os.path.join(bdir, "chart.png"),
    "set style data histograms",
    "set style histogram cluster gap 1",
    "set style fill solid 0.8 border -1",
    "set boxwidth 0.9",
    "set grid ytics",
    "set yrange [0:*]",
    "set xtics rotate by -30",
    'set ylabel "patched / unpatched"',
    "set key top left",
    "set multiplot layout %d,1" % max(1, len(results["arches"])),
]
for arch, ar in results["arches"].items():
    dat = os.path.join(bdir, "chart-%s.dat" % arch)
    with open(dat, "w") as f:
        for w, r in ar["workloads"].items():
            f.write("%s %.4f %.4f\n" % (w, r["icount_ratio"] or 0, r["wall_ratio"] or 0))
    gp += ['set title "%s %s: brk_bench, patched vs unpatched (1.0 = unchanged)"' % (base, arch),
           'plot "%s" using 2:xtic(1) title "instructions (ICOUNT)", '
           '"" using 3 title "wall clock (TCG)", 1 notitle lc rgb "black"' % dat]
gp.append("unset multiplot")
with open(os.path.join(bdir, "chart.gp"), "w") as f:
    f.write("\n".join(gp) + "\n")
print("\n".join(md))
