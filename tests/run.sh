#!/usr/bin/env bash
# The whole test suite of plainsite:
#   1. unit and integration tests (cargo test);
#   2. a build of the example site (twice, to check the output is the same);
#   3. browser checks over every page of it: axe-core in Debian's Chromium and the
#      W3C Nu HTML Checker (tests/browser/check-site.mjs); each minified page against
#      the same page unminified (minify.mjs);
#   4. the slides in Chromium: keyboard, presenter view, offline one-file copy (slides.mjs);
#   5. the dev server in Chromium: errors over the page, reload when fixed (reload.mjs);
#   6. the EPUB books through DAISY Ace (npm @daisy/ace, with Debian's Chromium).
# The Word brief is opened by LibreOffice and the EPUB books checked by EPUBCheck inside
# step 1 (tests/docx_epub.rs), which cannot skip them here.
# It installs what it needs when it is missing: Debian's chromium, a Java runtime,
# pdfinfo (poppler-utils, for the brief's PDFs), a font with Chinese characters (for the
# screenshots of Chinese pages), EPUBCheck (epubcheck, for the EPUB books), LibreOffice
# Writer (libreoffice-writer-nogui, for the Word brief: large, about 300 MB, so only
# when missing), and the npm packages in tests/browser (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
[ -f /usr/share/java/epubcheck.jar ] || missing+=(epubcheck)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
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

# The brief's PDF test and the Word and EPUB checks must not skip here: Chromium,
# pdfinfo, LibreOffice and EPUBCheck are installed above.
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

# The EPUB books through DAISY Ace, the accessibility checker of the publishing world:
# no violation. Ace is installed beside the other browser tools, without its install
# scripts (they fetch Electron, which its Chromium runner does not need).
if [ ! -x tests/browser/ace/node_modules/.bin/ace-puppeteer ]; then
  mkdir -p tests/browser/ace
  (cd tests/browser/ace && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund @daisy/ace@1.4.6)
fi
./target/release/plainsite epub --output "$work/books"
for book in "$work"/books/*.epub; do
  PUPPETEER_EXECUTABLE_PATH="$(command -v chromium)" tests/browser/ace/node_modules/.bin/ace-puppeteer \
    --silent --force --outdir "$work/ace-report" "$book"
  node -e '
    const r = require(process.argv[1]);
    const found = r.assertions.flatMap((a) => a.assertions.map((x) => a["earl:testSubject"].url + ": " + x["earl:test"]["dct:title"]));
    if (r["earl:result"]["earl:outcome"] !== "pass" || found.length) { console.error("FAIL: Ace on " + process.argv[2] + "\n" + found.join("\n")); process.exit(1); }
    console.log("Ace: no violation in " + process.argv[2]);
  ' "$work/ace-report/report.json" "$(basename "$book")"
done

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
