#!/usr/bin/env bash
# Side-by-side build times of plainsite, Zola and Hugo on the same synthetic site.
#
#   bash benches/compare.sh [PAGES...]        (default: 1000 10000)
#
# Both corpora are built at each size: "plain" (finished plain-language pages, about one
# finding a page) and "draft" (academic prose as a team first writes it, dozens of
# findings a page); CORPORA="draft" runs one. VARIANTS=0 leaves out plainsite's other
# configurations (--no-checks, no minify, check --format json, pictures drawn). Each tool's line ends with its ratio to Zola
# and to Hugo (wall time) when they ran.
# Peers: Hugo from PATH (Debian: apt-get install hugo); Zola from ZOLA=/path/to/zola or
# PATH. Missing peers are skipped. Each build runs RUNS times (default 5) after a warm-up;
# the script prints the median wall time, CPU time (user + system), peak memory and
# pages per second, and the ratios to plainsite. plainsite reuses a chart's PNG from the
# previous output when the chart has not changed (as Zola and Hugo keep processed
# images), so it is also timed with the PNGs removed before each run: a first build. It also times a no-change rebuild and,
# for the first size, the delay from saving a page in `plainsite serve` until the
# rebuilt page is announced to the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
read -r -a CORPORA <<<"${CORPORA:-plain draft}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
WORK=${WORK:-$(mktemp -d)}
[ -n "${PLAINSITE:-}" ] || cargo build --release --quiet
PLAINSITE=${PLAINSITE:-$PWD/target/release/plainsite}
ZOLA=${ZOLA:-$(command -v zola || true)}
HUGO=${HUGO:-$(command -v hugo || true)}
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d)"
echo "peers: plainsite $($PLAINSITE --version | cut -d' ' -f2)${ZOLA:+, $($ZOLA --version)}${HUGO:+, hugo $($HUGO version | cut -d' ' -f2)}"
[ -n "$ZOLA" ] || echo "zola: not found (set ZOLA=/path/to/zola); skipped"
[ -n "$HUGO" ] || echo "hugo: not found (apt-get install hugo); skipped"

# The median wall time of each peer in the current corpus and size, for the ratios.
ZOLA_WALL=""
HUGO_WALL=""
# measure NAME DIR PAGES CMD...: runs CMD in DIR, RUNS times after one warm-up, and prints
# the medians, with the ratio of the wall time to Zola's and Hugo's when they are known.
measure() {
  local name=$1 dir=$2 pages=$3; shift 3
  (cd "$dir" && "$@" >/dev/null 2>&1) || { echo "$name: build failed"; return; }
  local out="" tfile
  tfile=$(mktemp)
  for _ in $(seq "$RUNS"); do
    (cd "$dir" && /usr/bin/time -o "$tfile" -f "%e %U %S %M" "$@" >/dev/null 2>&1) || true
    out+=$(tail -1 "$tfile")$'\n'
  done
  rm -f "$tfile"
  python3 - "$name" "$pages" "$ZOLA_WALL" "$HUGO_WALL" <<PY
import statistics, sys
name, pages = sys.argv[1], int(sys.argv[2])
peers = [(p, float(w)) for p, w in (("Zola", sys.argv[3]), ("Hugo", sys.argv[4])) if w]
rows = [list(map(float, l.split())) for l in """$out""".strip().splitlines() if l.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
mem = statistics.median(r[3] for r in rows) / 1024
ratios = "".join(f"  {wall / w:5.2f}x {p}" for p, w in peers)
print(f"{name:<30} {wall:7.3f} s wall {cpu:7.3f} s cpu {mem:8.1f} MiB {pages / wall:9.0f} pages/s{ratios}")
open("$WORK/last-wall", "w").write(f"{wall}")
PY
}

for n in "${SIZES[@]}"; do
  for corpus in "${CORPORA[@]}"; do
    echo
    echo "== $n pages, $corpus corpus"
    dir=$WORK/$corpus-$n
    python3 benches/corpus.py "$dir" "$n" --prose "$corpus"
    # The peers first, so that every plainsite line carries its ratios to them.
    ZOLA_WALL=""
    HUGO_WALL=""
    if [ -n "$ZOLA" ]; then measure "zola" "$dir/zola" "$n" "$ZOLA" build --force; ZOLA_WALL=$(cat "$WORK/last-wall"); fi
    if [ -n "$HUGO" ]; then measure "hugo" "$dir/hugo" "$n" "$HUGO" --quiet; HUGO_WALL=$(cat "$WORK/last-wall"); fi
    measure "plainsite (checks, minify)" "$dir/plainsite" "$n" "$PLAINSITE" build
    # VARIANTS=0 times the default build only (for the table of the three tools).
    [ "${VARIANTS:-1}" = 0 ] && continue
    # The same with no chart pictures to reuse from the previous output (a first build).
    measure "plainsite, pictures drawn" "$dir/plainsite" "$n" sh -c "rm -f public/charts/*.png; exec $PLAINSITE build"
    measure "plainsite --no-checks" "$dir/plainsite" "$n" "$PLAINSITE" build --no-checks
    measure "plainsite check --format json" "$dir/plainsite" "$n" "$PLAINSITE" check --format json
    sed -i 's/^organization = "Bench"$/organization = "Bench"\nminify = false/' "$dir/plainsite/site.toml"
    measure "plainsite (checks, no minify)" "$dir/plainsite" "$n" "$PLAINSITE" build
    measure "plainsite (no checks/minify)" "$dir/plainsite" "$n" "$PLAINSITE" build --no-checks
    sed -i '/^minify = false$/d' "$dir/plainsite/site.toml"
  done
done

for n in "${SIZES[@]}"; do
for corpus in "${CORPORA[@]}"; do
echo
echo "== serve: save one page of $n ($corpus corpus) until the reload signal"
python3 - "$PLAINSITE" "$WORK/$corpus-$n/plainsite" <<'PY'
import json, os, socket, statistics, subprocess, sys, time, urllib.request
exe, site = sys.argv[1], sys.argv[2]
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
import threading
p = subprocess.Popen([exe, "serve", "--port", str(port)], cwd=site, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
ready = threading.Event()
def drain():
    # Keep reading, so the server never waits on a full pipe.
    for line in p.stderr:
        if "Serving" in line:
            ready.set()
threading.Thread(target=drain, daemon=True).start()
try:
    ready.wait(60)
    def poll(since=None):
        q = "" if since is None else f"?since={since}"
        return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/__plainsite/poll{q}", timeout=30))
    v = poll()["version"]
    page = os.path.join(site, "content/planning/page-0.md")
    text = open(page).read()
    times = []
    for i in range(7):
        tmp = page + ".tmp"
        with open(tmp, "w") as f:
            f.write(text + f"\nEdit {i}.\n")
        t0 = time.monotonic()
        os.replace(tmp, page)
        state = poll(v)
        while state["version"] == v:
            state = poll(v)
        times.append((time.monotonic() - t0) * 1000)
        v = state["version"]
        # SERVE_PAUSE=0.2 saves the next edit while the full build is still running.
        time.sleep(float(os.environ.get("SERVE_PAUSE", "1.0")))
        v = poll()["version"]
    print(f"save to reload signal: median {statistics.median(times):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})")
finally:
    p.terminate()
PY
done
done
