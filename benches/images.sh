#!/usr/bin/env bash
# Image budgets (issue 17), with photos drawn by examples/bench_photo.rs (fixed grain,
# no file from elsewhere):
#   1. CPU (user + system) one 12-megapixel photo costs a build, all its sizes and
#      formats (JPEG and WebP at 480, 960, 1600 px and full size): a one-page site built
#      into a fresh folder with the photo, minus the same site without it (aim: 300 ms);
#   2. a 1,000-page site with 200 photos rebuilt with nothing changed, against the same
#      site without photos (aim: within 10%);
#   3. peak memory of a build with one 40-megapixel photo (aim: under 500 MB);
#   4. Zola's resize_image on the same 12-megapixel photo and sizes, when a Zola binary
#      is at $ZOLA (default /tmp/zola-build/release/zola).
# Medians of RUNS runs. Usage: bash benches/images.sh   (RUNS=7 WORK=/dev/shm/img to change)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-$(mktemp -d)}
ZOLA=${ZOLA:-/tmp/zola-build/release/zola}
mkdir -p "$WORK"
cargo build --release --quiet
cargo build --release --quiet --example bench_photo
BIN=$PWD/target/release/plainsite
PHOTO=$PWD/target/release/examples/bench_photo

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

cpu_ms() { # SITE_DIR: median CPU (user + system) of RUNS builds into a fresh folder, in ms
  for _ in $(seq "$RUNS"); do
    rm -rf "$1/public"
    /usr/bin/time -f "%U %S" -o "$WORK/time" "$BIN" build --root "$1" >/dev/null 2>&1
    awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$WORK/time"
  done | median
}

wall_ms() { # SITE_DIR: median wall time of RUNS rebuilds (nothing changed), in ms
  "$BIN" build --root "$1" >/dev/null 2>&1
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "$BIN" build --root "$1" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | median
}

one_page_site() { # DIR [PHOTO.jpg]: a one-page site, showing the photo when given
  rm -rf "$1"
  mkdir -p "$1/content"
  printf 'title = "Photo bench"\nbase_url = "https://example.org/"\n' >"$1/site.toml"
  printf -- '---\ntitle: Home\n---\n\nA page.\n' >"$1/content/_index.md"
  if [ -n "${2:-}" ]; then
    cp "$2" "$1/content/photo.jpg"
    printf '\n![People at a table in a meeting room](photo.jpg)\n' >>"$1/content/_index.md"
  fi
}

echo "== One 12-megapixel photo (4,000 x 3,000), all sizes and formats: CPU, median of $RUNS"
"$PHOTO" 4000 3000 "$WORK/12mp.jpg" 1
one_page_site "$WORK/with" "$WORK/12mp.jpg"
one_page_site "$WORK/without"
with=$(cpu_ms "$WORK/with")
without=$(cpu_ms "$WORK/without")
echo "build with the photo: $with ms CPU, without: $without ms; the photo: $((with - without)) ms (aim: 300 ms)"
ls -l "$WORK/with/public/" | awk '/photo/ { print "  " $5 " bytes  " $9 }'

echo "== 1,000 pages, 200 photos (3,000 x 2,000): rebuild with nothing changed, median of $RUNS"
python3 benches/corpus.py "$WORK/c1000" 1000 --only plainsite >/dev/null
site=$(dirname "$(find "$WORK/c1000" -name site.toml | head -1)")
cp -r "$site" "$WORK/c1000-photos"
n=0
while IFS= read -r page; do
  "$PHOTO" 3000 2000 "$(dirname "$page")/photo-$n.jpg" "$((n + 7))"
  printf '\n![People at a table in a meeting room](photo-%d.jpg)\n' "$n" >>"$page"
  n=$((n + 1))
done < <(find "$WORK/c1000-photos/content" -name '*.md' ! -name '_index.md' | sort | head -200)
start=$(date +%s%N)
"$BIN" build --root "$WORK/c1000-photos" >/dev/null 2>&1
echo "first build with $n photos: $((($(date +%s%N) - start) / 1000000)) ms"
plain=$(wall_ms "$site")
photos=$(wall_ms "$WORK/c1000-photos")
echo "rebuild without photos: $plain ms, with $n photos: $photos ms, added: $(awk -v a="$photos" -v b="$plain" 'BEGIN { printf "%.1f%%", 100 * (a - b) / b }') (aim: 10%)"

echo "== One 40-megapixel photo (7,728 x 5,152): peak memory of the build"
"$PHOTO" 7728 5152 "$WORK/40mp.jpg" 3
one_page_site "$WORK/big" "$WORK/40mp.jpg"
/usr/bin/time -f "%M" -o "$WORK/mem" "$BIN" build --root "$WORK/big" >/dev/null 2>&1
echo "peak resident memory: $(($(cat "$WORK/mem") / 1024)) MiB (aim: under 500 MB)"

echo "== Zola's resize_image, same photo and sizes"
if [ ! -x "$ZOLA" ]; then
  echo "no Zola binary at $ZOLA: skipped"
  exit 0
fi
z="$WORK/zola"
rm -rf "$z"
mkdir -p "$z/content" "$z/templates"
printf 'base_url = "https://example.org"\n' >"$z/config.toml"
cp "$WORK/12mp.jpg" "$z/content/photo.jpg"
printf '+++\ntitle = "Home"\n+++\n' >"$z/content/_index.md"
{
  echo '{% for w in [480, 960, 1600] %}{% set j = resize_image(path="photo.jpg", width=w, op="fit_width", format="jpg") %}{% set p = resize_image(path="photo.jpg", width=w, op="fit_width", format="webp") %}<img src="{{ j.url }}"><img src="{{ p.url }}">{% endfor %}'
  echo '{% set f = resize_image(path="photo.jpg", width=4000, op="fit_width", format="webp") %}<img src="{{ f.url }}">'
} >"$z/templates/index.html"
for _ in $(seq "$RUNS"); do
  rm -rf "$z/public" "$z/static/processed_images"
  (cd "$z" && /usr/bin/time -f "%U %S" -o "$WORK/time" "$ZOLA" build >/dev/null 2>&1)
  awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$WORK/time"
done | median | xargs -I{} echo "zola build with the photo's 7 copies: {} ms CPU"
