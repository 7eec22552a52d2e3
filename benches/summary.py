"""Sums up the runs of benches/compare.sh.

  python3 benches/summary.py lines RESULTS/CORPUS-PAGES PAGES
      one line per tool: median wall time, CPU time, peak memory, pages per second, and
      the ratio of the wall time to Zola's and Hugo's when they ran
  python3 benches/summary.py table RESULTS
      one Markdown table of every corpus and size, and the serve delays

Each results file holds one run a line, "wall user sys maxrss_kb" (or "fail"), as
/usr/bin/time -f "%e %U %S %M" writes them; a serve file holds the delays in ms.
"""
import os
import statistics
import sys

LABELS = {
    "zola": "Zola",
    "hugo": "Hugo",
    "zola-search": "Zola + search",
    "plainsite": "plainsite, checks + minify",
    "no-checks": "plainsite --no-checks",
    "no-search": "plainsite, checks + minify, no search",
    "pictures-drawn": "plainsite, chart PNGs drawn",
    "check-json": "plainsite check --format json",
    "no-minify": "plainsite, checks, no minify",
}
ORDER = list(LABELS)


def medians(path):
    """(wall s, cpu s, peak MiB, runs, failed runs) of one results file, or None."""
    rows, failed = [], 0
    for line in open(path):
        if line.strip() == "fail":
            failed += 1
        elif line.strip():
            rows.append([float(x) for x in line.split()])
    if not rows:
        return None
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[1] + r[2] for r in rows)
    mem = statistics.median(r[3] for r in rows) / 1024
    return wall, cpu, mem, len(rows), failed


def tools(folder):
    found = {name: medians(os.path.join(folder, name)) for name in ORDER
             if os.path.exists(os.path.join(folder, name))}
    return {k: v for k, v in found.items() if v}


# Which of plainsite's builds make a search index: they are also compared with Zola
# making its own ("Zola + search").
WITH_SEARCH = {"plainsite", "no-checks", "pictures-drawn", "check-json", "no-minify"}


def ratios(wall, found, name=None):
    peers = ["zola", "hugo"] + (["zola-search"] if name in WITH_SEARCH else [])
    return [(peer, wall / found[peer][0]) for peer in peers
            if peer in found and found[peer][0] > 0]


def lines(folder, pages):
    found = tools(folder)
    for name, (wall, cpu, mem, runs, failed) in found.items():
        r = "".join(f"  {x:5.2f}x {LABELS[p]}" for p, x in ratios(wall, found, name) if p != name)
        fails = f"  ({failed} failed)" if failed else ""
        print(f"{LABELS[name]:<30} {wall:7.3f} s wall {cpu:7.3f} s cpu {mem:8.1f} MiB "
              f"{pages / wall:9.0f} pages/s{r}  [{runs} runs]{fails}")


def table(results):
    groups = sorted(os.listdir(results), key=lambda g: (int(g.rsplit("-", 1)[1]), g.rsplit("-", 1)[0] != "plain", g))
    cols = [name for name in ORDER if any(
        os.path.exists(os.path.join(results, g, name)) for g in groups)]
    print("| corpus | pages | " + " | ".join(LABELS[c] for c in cols) + " |")
    print("|---|---|" + "---|" * len(cols))
    for g in groups:
        corpus, pages = g.rsplit("-", 1)
        found = tools(os.path.join(results, g))
        cells = []
        for c in cols:
            if c not in found:
                cells.append("—")
                continue
            wall, cpu, mem, _, _ = found[c]
            r = ", ".join(f"{x:.2f}× {LABELS[p]}" for p, x in ratios(wall, found, c) if p != c)
            cells.append(f"{wall:.2f} s, {cpu:.2f} s CPU, {mem:.0f} MiB" + (f" ({r})" if r else ""))
        print(f"| {corpus} | {int(pages):,} | " + " | ".join(cells) + " |")
    serve = [(g, os.path.join(results, g, "serve")) for g in groups]
    serve = [(g, p) for g, p in serve if os.path.exists(p)]
    if serve:
        print()
        print("| serve: save to reload signal | median | runs |")
        print("|---|---|---|")
        for g, p in serve:
            ms = [float(x) for x in open(p).read().split()]
            corpus, pages = g.rsplit("-", 1)
            print(f"| {corpus}, {int(pages):,} pages | {statistics.median(ms):.0f} ms | "
                  f"{', '.join(f'{x:.0f}' for x in ms)} |")


if __name__ == "__main__":
    if sys.argv[1] == "lines":
        lines(sys.argv[2], int(sys.argv[3]))
    else:
        table(sys.argv[2])
