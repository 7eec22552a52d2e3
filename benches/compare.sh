#!/usr/bin/env bash
# Side-by-side build times of plainsite, Zola and Hugo on the same synthetic site.
#
#   bash benches/compare.sh [PAGES...]        (default: 1000 10000)
#
# Both corpora are built at each size: "plain" (finished plain-language pages, about one
# finding a page) and "draft" (academic prose as a team first writes it, dozens of
# findings a page); CORPORA="draft" runs one.
#
# The builds are paired and alternating: after one warm-up build each, every round runs
# each tool once, in turn (zola, hugo, plainsite with checks and minify, plainsite
# --no-checks), RUNS rounds (default 5), so a machine that gets busier or quieter
# shifts every tool alike. Each line gives the median wall time, CPU time (user +
# system), peak memory and pages per second, and the ratio of the wall time to Zola's
# and Hugo's. The script ends with one Markdown table of every corpus and size.
#
# Peers: Hugo from PATH (Debian: apt-get install hugo); Zola from ZOLA=/path/to/zola or
# PATH. A missing peer is said so and skipped; its ratios are left out.
# Output goes to tmpfs (/dev/shm) when there is one, so the disk's noise stays out; set
# WORK= to choose the folder. VARIANTS=1 adds plainsite's other configurations to the
# rounds (chart PNGs drawn as in a first build, check --format json, no minify).
# LIKE_FOR_LIKE=0 leaves out the two builds that compare the same features: plainsite
# without its search index (`search = false`), and Zola with its own
# (`build_search_index = true`); the ratios to "Zola + search" are read against the
# plainsite builds that make an index, those to Zola against the one that does not.
# SERVE=0 leaves out the serve figures: the delay from saving a page in `plainsite
# serve` until the reload signal, median of 7 saves (SERVE_PAUSE=0.2 saves the next
# edit while the full build of the previous one is still running).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
read -r -a CORPORA <<<"${CORPORA:-plain draft}"
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
if [ -z "${WORK:-}" ]; then
  if [ -d /dev/shm ] && [ -w /dev/shm ]; then WORK=$(mktemp -d /dev/shm/plainsite-bench.XXXXXX); else WORK=$(mktemp -d); fi
fi
mkdir -p "$WORK"
[ -n "${PLAINSITE:-}" ] || cargo build --release --quiet
PLAINSITE=${PLAINSITE:-$PWD/target/release/plainsite}
ZOLA=${ZOLA:-$(command -v zola || true)}
HUGO=${HUGO:-$(command -v hugo || true)}
[ -z "$ZOLA" ] || [ -x "$ZOLA" ] || { echo "zola: $ZOLA is not a program; skipped"; ZOLA=""; }
# Each program runs from a fresh copy in one folder. The peak resident size counts a
# program's own code pages, and how many depends on how its file is held in memory:
# the same Zola peaked at 55 MiB from the file it was built as and at 61 MiB from a
# fresh copy (2026-12-06).
mkdir -p "$WORK/bin"
fresh() { # PROGRAM NAME: prints the copy's path (nothing when PROGRAM is empty)
  [ -n "$1" ] || return 0
  cp "$1" "$WORK/bin/$2" && echo "$WORK/bin/$2"
}
PLAINSITE=$(fresh "$PLAINSITE" plainsite)
ZOLA=$(fresh "$ZOLA" zola)
HUGO=$(fresh "$HUGO" hugo)
echo "machine: $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%d); output in $WORK ($(df --output=fstype "$WORK" | tail -1))"
echo "peers: plainsite $($PLAINSITE --version | cut -d' ' -f2)${ZOLA:+, $($ZOLA --version)}${HUGO:+, hugo $($HUGO version | cut -d' ' -f2)}"
[ -n "$ZOLA" ] || echo "zola: not found (set ZOLA=/path/to/zola); skipped"
[ -n "$HUGO" ] || echo "hugo: not found (apt-get install hugo); skipped"
RESULTS=$WORK/results
rm -rf "$RESULTS"
mkdir -p "$RESULTS"

# time_one FILE DIR CMD...: runs CMD in DIR once and appends "wall user sys maxrss_kb"
# to FILE ("fail" when it failed).
time_one() {
  local file=$1 dir=$2 tfile
  shift 2
  tfile=$(mktemp)
  if (cd "$dir" && /usr/bin/time -o "$tfile" -f "%e %U %S %M" "$@" >/dev/null 2>&1); then
    tail -1 "$tfile" >>"$file"
  else
    echo fail >>"$file"
  fi
  rm -f "$tfile"
}

for n in "${SIZES[@]}"; do
  for corpus in "${CORPORA[@]}"; do
    echo
    echo "== $n pages, $corpus corpus"
    dir=$WORK/$corpus-$n
    python3 benches/corpus.py "$dir" "$n" --prose "$corpus"
    out=$RESULTS/$corpus-$n
    mkdir -p "$out"
    # Each entry: a name (its results file), the folder it runs in, the command.
    names=() dirs=() cmds=()
    add() { names+=("$1"); dirs+=("$2"); cmds+=("$3"); }
    [ -z "$ZOLA" ] || add zola "$dir/zola" "$ZOLA build --force"
    [ -z "$HUGO" ] || add hugo "$dir/hugo" "$HUGO --quiet"
    add plainsite "$dir/plainsite" "$PLAINSITE build"
    add no-checks "$dir/plainsite" "$PLAINSITE build --no-checks"
    if [ "${LIKE_FOR_LIKE:-1}" = 1 ]; then
      # The same features on both sides: plainsite builds its search index by default
      # and Zola does not (`build_search_index = false` in the corpus). Zola with its
      # index, and plainsite without its own, in copies of the two sites.
      rm -rf "$dir/plainsite-nosearch"
      cp -r "$dir/plainsite" "$dir/plainsite-nosearch"
      echo "search = false" >>"$dir/plainsite-nosearch/site.toml"
      add no-search "$dir/plainsite-nosearch" "$PLAINSITE build"
      if [ -n "$ZOLA" ]; then
        rm -rf "$dir/zola-search"
        cp -r "$dir/zola" "$dir/zola-search"
        sed -i 's/^build_search_index = false$/build_search_index = true/' "$dir/zola-search/config.toml"
        add zola-search "$dir/zola-search" "$ZOLA build --force"
      fi
    fi
    if [ "${VARIANTS:-0}" = 1 ]; then
      rm -rf "$dir/plainsite-nominify"
      cp -r "$dir/plainsite" "$dir/plainsite-nominify"
      sed -i 's/^organization = "Bench"$/organization = "Bench"\nminify = false/' "$dir/plainsite-nominify/site.toml"
      add pictures-drawn "$dir/plainsite" "rm -f public/charts/*.png; exec $PLAINSITE build"
      add check-json "$dir/plainsite" "$PLAINSITE check --format json"
      add no-minify "$dir/plainsite-nominify" "$PLAINSITE build"
    fi
    for i in "${!names[@]}"; do
      (cd "${dirs[$i]}" && sh -c "${cmds[$i]}" >/dev/null 2>&1) || echo "${names[$i]}: warm-up build failed"
    done
    for _ in $(seq "$RUNS"); do
      for i in "${!names[@]}"; do
        time_one "$out/${names[$i]}" "${dirs[$i]}" sh -c "${cmds[$i]}"
      done
    done
    python3 benches/summary.py lines "$out" "$n"
  done
done

if [ "${SERVE:-1}" != 0 ]; then
for n in "${SIZES[@]}"; do
for corpus in "${CORPORA[@]}"; do
echo
echo "== serve: save one page of $n ($corpus corpus) until the reload signal"
python3 - "$PLAINSITE" "$WORK/$corpus-$n/plainsite" "$RESULTS/$corpus-$n/serve" <<'PY'
import json, os, socket, statistics, subprocess, sys, time, urllib.request
exe, site, result = sys.argv[1], sys.argv[2], sys.argv[3]
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
import threading
# serve builds in a folder of its own under the system's temporary folder: put it
# beside the builds (tmpfs), as they are.
env = dict(os.environ, TMPDIR=os.path.dirname(site))
p = subprocess.Popen([exe, "serve", "--port", str(port)], cwd=site, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
ready = threading.Event()
def drain():
    # Keep reading, so the server never waits on a full pipe.
    for line in p.stderr:
        if "Serving" in line:
            ready.set()
threading.Thread(target=drain, daemon=True).start()
try:
    ready.wait(120)
    def poll(since=None):
        q = "" if since is None else f"?since={since}"
        return json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/__plainsite/poll{q}", timeout=60))
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
        time.sleep(float(os.environ.get("SERVE_PAUSE", "1.0")))
        v = poll()["version"]
    with open(page + ".tmp", "w") as f:
        f.write(text)
    os.replace(page + ".tmp", page)
    open(result, "w").write(" ".join(f"{t:.0f}" for t in times) + "\n")
    print(f"save to reload signal: median {statistics.median(times):.0f} ms (runs: {', '.join(f'{t:.0f}' for t in times)})")
finally:
    p.terminate()
PY
done
done
fi

echo
python3 benches/summary.py table "$RESULTS"
