# Set-up shared by the bench scripts (sourced, not run): the repository as the current
# folder, RUNS and WORK, a release build of plainsite as $BIN, and the helpers below.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d -p "$([ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")")}
mkdir -p "$WORK"
cargo build --release --quiet
BIN=$PWD/target/release/plainsite

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

build_time() { # SITE_DIR: median wall time of RUNS builds, in ms
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "$BIN" build --root "$1" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | median
}

cpu_ms() { # SITE_DIR: CPU time (user + system) of one build, in ms
  /usr/bin/time -f "%U %S" -o "$WORK/time" "$BIN" build --root "$1" >/dev/null 2>&1
  awk '{ printf "%d\n", 1000 * ($1 + $2) }' "$WORK/time"
}

corpus() { # PAGES: makes the synthetic corpus of benches/corpus.py in $WORK, prints its site folder
  python3 benches/corpus.py "$WORK/c$1" "$1" --only plainsite >/dev/null
  dirname "$(find "$WORK/c$1" -name site.toml | head -1)"
}
