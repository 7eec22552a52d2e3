#!/usr/bin/env bash
# Image budgets (issue 17), on photos made by examples/bench_photo.rs from the example
# site's real photo (content/news/coffee.jpg, CC0), enlarged, the same bytes every run:
#   1. CPU (user + system) one 12-megapixel photo costs a build, all its sizes and
#      formats (JPEG and WebP at 480, 960 and 1,600 px, the widest plainsite publishes):
#      a one-page site built into a fresh folder with the photo, minus the same site
#      without it (aim: 300 ms);
#   2. Zola's resize_image on the same photo and sizes, when a Zola binary is at $ZOLA;
#   3. a 1,000-page site with 200 photos (each with its own grain, so each is a
#      different file) rebuilt with nothing changed, against the same site without
#      photos (aim: within 10%);
#   4. peak memory of a build with one 40-megapixel photo (aim: under 500 MB).
# Medians of RUNS runs. Usage: bash benches/images.sh
#   (RUNS=7 WORK=/dev/shm/img ZOLA=path/to/zola to change)
. "$(dirname "$0")/common.sh"
ZOLA=${ZOLA:-}
cargo build --release --quiet --example bench_photo
SOURCE=$PWD/content/news/coffee.jpg
photo() { "$PWD/target/release/examples/bench_photo" "$SOURCE" "$@"; }

median_cpu_ms() { # COMMAND...: median CPU (user + system) of RUNS runs of COMMAND, in ms; the
  # caller's clean() runs before each
  for _ in $(seq "$RUNS"); do
    clean
    /usr/bin/time -f "%U %S" -o "$WORK/time" "$@" >/dev/null 2>&1
    awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$WORK/time"
  done | median
}

one_page_site() { # DIR [PHOTO.jpg]: a one-page site, showing the photo when given
  rm -rf "$1"
  mkdir -p "$1/content"
  cp -r themes "$1/"
  printf 'title = "Photo bench"\nbase_url = "https://example.org/"\n' >"$1/site.toml"
  printf -- '---\ntitle: Home\n---\n\nA page.\n' >"$1/content/_index.md"
  if [ -n "${2:-}" ]; then
    cp "$2" "$1/content/photo.jpg"
    printf '\n![A cup of coffee on a saucer, on a wooden table](photo.jpg)\n' >>"$1/content/_index.md"
  fi
}

echo "== One 12-megapixel photo (4,243 x 2,828), all sizes and formats: CPU, median of $RUNS"
photo 4243 2828 "$WORK/12mp.jpg"
one_page_site "$WORK/with" "$WORK/12mp.jpg"
one_page_site "$WORK/without"
clean() { rm -rf "$WORK/with/public" "$WORK/without/public"; }
with=$(median_cpu_ms "$BIN" build --root "$WORK/with")
# The files the photo became (the next runs' clean() removes them).
find "$WORK/with/public" -name 'photo*' -printf '  %s bytes  %P\n' | sort -k3
without=$(median_cpu_ms "$BIN" build --root "$WORK/without")
echo "plainsite build with the photo: $with ms CPU, without: $without ms; the photo: $((with - without)) ms (aim: 300 ms)"

echo "== Zola's resize_image, same photo and sizes (JPEG and WebP at 480, 960 and 1600 px)"
if [ -z "$ZOLA" ] || [ ! -x "$ZOLA" ]; then
  echo "skipped: set ZOLA to a Zola binary (ZOLA=${ZOLA:-unset})"
else
  z="$WORK/zola"
  rm -rf "$z"
  mkdir -p "$z/content" "$z/templates"
  printf 'base_url = "https://example.org"\n' >"$z/config.toml"
  cp "$WORK/12mp.jpg" "$z/content/photo.jpg"
  printf '+++\ntitle = "Home"\n+++\n' >"$z/content/_index.md"
  {
    echo '{% for w in [480, 960, 1600] %}{% for f in ["jpg", "webp"] %}{% set r = resize_image(path="photo.jpg", width=w, op="fit_width", format=f, quality=80) %}<img src="{{ r.url }}" alt="">{% endfor %}{% endfor %}'
  } >"$z/templates/index.html"
  clean() { rm -rf "$z/public" "$z/static/processed_images"; }
  zwith=$(cd "$z" && median_cpu_ms "$ZOLA" build)
  printf 'nothing\n' >"$z/templates/index.html"
  zwithout=$(cd "$z" && median_cpu_ms "$ZOLA" build)
  echo "zola build with the photo's 6 copies: $zwith ms CPU, without: $zwithout ms; the photo: $((zwith - zwithout)) ms"
fi

echo "== 1,000 pages, 200 photos (3,000 x 2,000): rebuild with nothing changed, median of $RUNS"
site=$(corpus 1000)
rm -rf "$WORK/c1000-photos"
cp -r "$site" "$WORK/c1000-photos"
n=0
while IFS= read -r page; do
  photo 3000 2000 "$(dirname "$page")/photo-$n.jpg" "$((n + 7))"
  printf '\n![A cup of coffee on a saucer, on a wooden table](photo-%d.jpg)\n' "$n" >>"$page"
  n=$((n + 1))
done < <(find "$WORK/c1000-photos/content" -name '*.md' ! -name '_index.md' | sort | head -200)
/usr/bin/time -f "%e s wall, %U s user, %S s system" -o "$WORK/time" "$BIN" build --root "$WORK/c1000-photos" >/dev/null 2>&1
echo "first build with $n photos: $(cat "$WORK/time")"
"$BIN" build --root "$site" >/dev/null 2>&1
added() { awk -v a="$2" -v b="$1" 'BEGIN { printf "%.1f%%", 100 * (a - b) / b }'; }
plain=$(build_time "$site")
photos=$(build_time "$WORK/c1000-photos")
echo "rebuild without photos: $plain ms, with $n photos: $photos ms (wall), added: $(added "$plain" "$photos") (aim: 10%)"
# CPU time, the two sites' builds alternating, so a load that comes and goes weighs on both.
for _ in $(seq "$RUNS"); do echo "$(cpu_ms "$site") $(cpu_ms "$WORK/c1000-photos")"; done >"$WORK/cpu"
plain=$(cut -d' ' -f1 "$WORK/cpu" | median)
photos=$(cut -d' ' -f2 "$WORK/cpu" | median)
echo "rebuild CPU without photos: $plain ms, with $n photos: $photos ms, added: $(added "$plain" "$photos") (aim: 10%)"

echo "== One 40-megapixel photo (7,746 x 5,164): peak memory of the build"
photo 7746 5164 "$WORK/40mp.jpg"
one_page_site "$WORK/big" "$WORK/40mp.jpg"
/usr/bin/time -f "%M %U %S" -o "$WORK/mem" "$BIN" build --root "$WORK/big" >/dev/null 2>&1
read -r kb user sys <"$WORK/mem"
echo "peak resident memory: $((kb / 1024)) MiB (aim: under 500 MB); CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') ms"
