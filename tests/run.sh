#!/usr/bin/env bash
# The whole test suite of plainsite:
#   1. unit and integration tests (cargo test);
#   2. a build of the example site (twice, to check the output is the same);
#   3. browser checks over every page of it: axe-core in Debian's Chromium and the
#      W3C Nu HTML Checker (tests/browser/check-site.mjs); each minified page against
#      the same page unminified (minify.mjs);
#   4. the slides in Chromium: keyboard, presenter view, offline one-file copy (slides.mjs);
#   5. the dev server in Chromium: errors over the page, reload when fixed (reload.mjs).
# It installs what it needs when it is missing: Debian's chromium, a Java runtime,
# pdfinfo (poppler-utils, for the brief's PDFs), a font with Chinese characters (for the
# screenshots of Chinese pages), and the npm packages in tests/browser (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
if command -v fc-list >/dev/null 2>&1; then
  [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
else
  missing+=(fontconfig fonts-wqy-microhei)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (Debian packages)"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] || [ ! -f tests/browser/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund)
fi

# The brief's PDF test must not skip here: Chromium and pdfinfo are installed above.
PLAINSITE_REQUIRE_BROWSER=1 cargo test --all-targets

cargo build --release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./target/release/plainsite build --output "$work/public"
./target/release/plainsite build --output "$work/again"
if ! diff -r "$work/public" "$work/again" >/dev/null; then
  echo "FAIL: building the example site twice gave different files"
  diff -r "$work/public" "$work/again" | head -20
  exit 1
fi
node tests/browser/check-site.mjs "$work/public"

# The minifier changes nothing a reader gets: each page against the same page unminified.
mkdir "$work/plain"
cp -r content themes site.toml "$work/plain/"
[ ! -d i18n ] || cp -r i18n "$work/plain/"
sed -i '1i minify = false' "$work/plain/site.toml"
./target/release/plainsite build --root "$work/plain"
node tests/browser/minify.mjs "$work/public" "$work/plain/public"

# The info-session slides: keys, presenter view, text size, axe, no-JavaScript stack,
# and the one-file copy with the network cut off.
node tests/browser/slides.mjs "$work/public" slides/

# A site in English, Chinese and Arabic (right to left) through the same checks.
cp -r tests/fixtures/languages "$work/languages"
cp -r themes "$work/languages/themes"
./target/release/plainsite build --root "$work/languages"
node tests/browser/check-site.mjs "$work/languages/public" languages
# Pictures of the Chinese and Arabic pages, to look at (charts must show the glyphs).
for lang in zh ar; do
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --window-size=1000,1200 --screenshot="tests/artifacts/languages/$lang.png" \
    "file://$work/languages/public/$lang/index.html" 2>/dev/null
done

# The dev server in a real browser, on a copy of the fixture site with the default theme.
cp -r tests/fixtures/basic "$work/reload-site"
cp -r themes "$work/reload-site/themes"
node tests/browser/reload.mjs "$PWD/target/release/plainsite" "$work/reload-site"
