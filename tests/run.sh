#!/usr/bin/env bash
# The whole test suite of plainsite:
#   1. unit and integration tests (cargo test), cargo fmt --check and cargo clippy;
#   2. a build of the example site (twice, to check the output is the same);
#   3. browser checks over every page of it: axe-core in Debian's Chromium and the
#      W3C Nu HTML Checker (tests/browser/check-site.mjs); each minified page against
#      the same page unminified (minify.mjs);
#   4. the slides in Chromium: keyboard, presenter view, offline one-file copy, each
#      slide fitting 1280 x 720 to 1920 x 1080 (slides.mjs); no page of the example or
#      the starter site scrolling sideways at 320 px (narrow.mjs);
#   5. a site in three languages through the same browser checks; search in both sites
#      from file:// and over http (search.mjs);
#   6. the dev server in Chromium: errors over the page, reload when fixed (reload.mjs);
#      the author view on a site with planted problems: marks at the right words, reached
#      by Tab and named with their explanation, axe with the view on and off (author.mjs);
#   7. the checkout is left as it was found (no new or changed files).
# The Word brief is opened by LibreOffice and the EPUB books checked by EPUBCheck in
# step 1 (tests/docx_epub.rs, which cannot skip them here); the EPUB books go through
# DAISY Ace in step 2.
# It installs what it needs when it is missing: Debian's chromium, a Java runtime,
# pdfinfo (poppler-utils, for the brief's PDFs), a font with Chinese characters (for the
# screenshots of Chinese pages), EPUBCheck (epubcheck), LibreOffice Writer
# (libreoffice-writer-nogui: large, about 200 MB, so only when missing), the npm
# packages in tests/browser (npm ci), citeproc-js (npm ci in tests/citeproc), DAISY Ace
# (npm ci in tests/browser/ace) and
# cffconvert (PyPI, to validate CITATION.cff against the CFF 1.2 schema).
#
# Every stage counts its checks and a failing stage does not stop the ones after it. The
# long output of cargo goes to target/test-logs/ (failures are shown here). The last line
# is the total, "N passed, N failed"; the exit status is 1 when any check failed.
set -uo pipefail
cd "$(dirname "$0")/.."

logs=target/test-logs
mkdir -p "$logs"
passed=0
failed=0
started=$SECONDS
in_git=false
git rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=true
$in_git && checkout_before=$(git status --porcelain)

# Adds a stage's counts to the total and says them.
add() { # NAME PASSED FAILED
  passed=$((passed + $2))
  failed=$((failed + $3))
  echo "   $1: $2 passed, $3 failed"
}

# One check: a command that passes or fails. Its output goes to a log, shown on failure.
check() { # NAME LOG_FILE COMMAND...
  local name=$1 log=$logs/$2
  shift 2
  if "$@" >"$log" 2>&1; then
    add "$name" 1 0
  else
    add "$name" 0 1
    echo "   FAIL $name (the end of $log):"
    tail -n 30 "$log" | sed 's/^/     /'
  fi
}

# A browser script: its counts come from its last line, "RESULT passed=N failed=M". A
# script that ends without that line (it crashed) counts as one failure.
browser() { # NAME COMMAND...
  local name=$1 log=$logs/$1.log
  shift
  "$@" 2>&1 | tee "$log" | grep -v '^RESULT ' | sed 's/^/   /'
  local status=${PIPESTATUS[0]}
  local result
  result=$(grep '^RESULT ' "$log" | tail -n 1)
  if [[ $result =~ ^RESULT\ passed=([0-9]+)\ failed=([0-9]+)$ ]]; then
    local p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
    [ "$status" -eq 0 ] || [ "$f" -gt 0 ] || f=1
    add "$name" "$p" "$f"
  else
    echo "   FAIL $name stopped without its result (exit status $status)"
    add "$name" 0 1
  fi
}

install_missing() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  command -v pdfinfo >/dev/null 2>&1 || missing+=(poppler-utils)
  [ -f /usr/share/java/epubcheck.jar ] || missing+=(epubcheck)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  command -v pip3 >/dev/null 2>&1 || command -v cffconvert >/dev/null 2>&1 || missing+=(python3-pip)
  if command -v fc-list >/dev/null 2>&1; then
    [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
  else
    missing+=(fontconfig fonts-wqy-microhei)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "   Installing ${missing[*]} (Debian packages)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q >"$logs/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=600 "${missing[@]}" >>"$logs/apt.log" 2>&1 ||
      return 1
  fi
  if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] || [ ! -f tests/browser/node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund >/dev/null 2>&1) || return 1
  fi
  if ! command -v cffconvert >/dev/null 2>&1; then
    pip3 install -q cffconvert==2.0.0 >>"$logs/apt.log" 2>&1 ||
      pip3 install -q --break-system-packages cffconvert==2.0.0 >>"$logs/apt.log" 2>&1 ||
      return 1
  fi
  # citeproc-js, the CSL reference processor, for the citation comparison.
  if [ ! -f tests/citeproc/node_modules/citeproc/package.json ]; then
    (cd tests/citeproc && npm ci --no-audit --no-fund >/dev/null 2>&1) || return 1
  fi
  # DAISY Ace, from its own package.json and lock file (npm ci installs exactly the
  # versions locked there), without install scripts: they fetch Electron, which its
  # Chromium runner does not need.
  if [ ! -x tests/browser/ace/node_modules/.bin/ace-puppeteer ]; then
    (cd tests/browser/ace && npm ci --ignore-scripts --no-audit --no-fund >/dev/null 2>&1) || return 1
  fi
}

# cargo test, its per-target "test result: ... X passed; Y failed" lines added up. A run
# that fails with no failed test (it did not compile) counts as one failure.
cargo_tests() {
  local log=$logs/cargo-test.log
  # The brief's PDF test and the Word and EPUB checks must not skip here: Chromium,
  # pdfinfo, LibreOffice and EPUBCheck are installed above.
  PLAINSITE_REQUIRE_BROWSER=1 cargo test --all-targets --no-fail-fast >"$log" 2>&1
  local status=$?
  local p f
  read -r p f < <(awk '/^test result: / { for (i = 2; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i - 1); if ($i ~ /^failed;?$/) f += $(i - 1) } } END { print p + 0, f + 0 }' "$log")
  if [ "$status" -ne 0 ]; then
    [ "$f" -gt 0 ] || f=1
    echo "   FAIL cargo test (the whole output is in $log):"
    { grep -E '^(error(\[E[0-9]+\])?:|test .* FAILED$)' "$log"; sed -n '/^failures:$/,/^test result:/p' "$log"; } |
      head -n 80 | sed 's/^/     /'
  fi
  add "cargo test" "$p" "$f"
}

# The example site built a second time gives the same files.
builds_the_same() {
  ./target/release/plainsite build --output "$work/again" && diff -r "$work/public" "$work/again"
}

# An EPUB book through DAISY Ace (with Debian's Chromium): no violation.
ace_passes() { # BOOK
  local report=$work/ace-report
  PUPPETEER_EXECUTABLE_PATH="$(command -v chromium)" tests/browser/ace/node_modules/.bin/ace-puppeteer \
    --silent --force --outdir "$report" "$1" || return 1
  node -e '
    const r = require(process.argv[1]);
    const found = r.assertions.flatMap((a) => a.assertions.map((x) => a["earl:testSubject"].url + ": " + x["earl:test"]["dct:title"]));
    if (r["earl:result"]["earl:outcome"] !== "pass" || found.length) { console.error(found.join("\n")); process.exit(1); }
  ' "$report/report.json"
}

# A picture of a page, to look at (charts must show the Chinese and Arabic glyphs).
screenshot() { # PAGE PNG
  rm -f "$2"
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --window-size=1000,1200 --screenshot="$2" "file://$1" && [ -s "$2" ]
}

# The test command leaves the checkout as it found it.
checkout_unchanged() {
  local now
  now=$(git status --porcelain)
  [ "$now" = "$checkout_before" ] && return 0
  echo "The checkout changed during the tests (git status --porcelain, before and after):"
  diff <(echo "$checkout_before") <(echo "$now")
  return 1
}

echo "== Prerequisites"
install_missing || {
  echo "   FAIL installing prerequisites (see $logs/apt.log, or run npm ci in tests/browser)"
  add "prerequisites" 0 1
}

echo "== cargo test, fmt and clippy (logs in $logs/)"
cargo_tests
check "cargo fmt --check" fmt.log cargo fmt --check
check "cargo clippy -D warnings" clippy.log cargo clippy --all-targets -- -D warnings

echo "== The example site"
check "cargo build --release" build-release.log cargo build --release
# Without a temporary folder every path below would start at / : stop instead.
if ! work=$(mktemp -d) || [ -z "$work" ]; then
  echo "   FAIL no temporary folder could be made (is the disk full?)"
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
fi
trap 'rm -rf "$work"' EXIT
check "the example site builds" build-example.log ./target/release/plainsite build --output "$work/public"
check "the example site builds the same twice" build-again.log builds_the_same
browser check-site node tests/browser/check-site.mjs "$work/public"

# Citations and reference lists, APA and Vancouver, against citeproc-js with the same
# CSL files (works of five kinds: articles, a book, a chapter, a report, a web page).
browser citeproc node tests/citeproc/compare.mjs "$PWD/target/release/plainsite"

# `plainsite new`, built, for the narrow-screen check; and in French with its English
# translation (`--language fr,en`), for axe, the Nu checker and the narrow screen.
starter_site() {
  local bin=$PWD/target/release/plainsite
  (cd "$work" && "$bin" new starter) && "$bin" build --root "$work/starter"
}
starter_site_fr() {
  local bin=$PWD/target/release/plainsite
  (cd "$work" && "$bin" new starter-fr --language fr,en) && "$bin" build --root "$work/starter-fr"
}

# The minifier changes nothing a reader gets: each page against the same page unminified.
mkdir "$work/plain"
cp -r content themes site.toml "$work/plain/"
[ ! -d i18n ] || cp -r i18n "$work/plain/"
sed -i '1i minify = false' "$work/plain/site.toml"
check "the example site builds unminified" build-plain.log ./target/release/plainsite build --root "$work/plain"
browser minify node tests/browser/minify.mjs "$work/public" "$work/plain/public"

# The info-session slides: keys, presenter view, text size, axe, no-JavaScript stack,
# and the one-file copy with the network cut off.
browser slides node tests/browser/slides.mjs "$work/public" slides/

# Nothing scrolls sideways at 320 px, on the example site and on a new starter site;
# pictures of every chart at 320, 390 and 1280 px in tests/artifacts/narrow.
browser narrow node tests/browser/narrow.mjs "$work/public" example
check "a new starter site builds" build-starter.log starter_site
browser narrow-starter node tests/browser/narrow.mjs "$work/starter/public" starter
check "a new French starter site with English builds" build-starter-fr.log starter_site_fr
browser check-site-starter-fr node tests/browser/check-site.mjs "$work/starter-fr/public" starter-fr
browser narrow-starter-fr node tests/browser/narrow.mjs "$work/starter-fr/public" starter-fr
# The EPUB books of the example site through DAISY Ace.
check "the example site's EPUB books are written" epub.log ./target/release/plainsite epub --output "$work/books"
for book in "$work"/books/*.epub; do
  check "DAISY Ace finds no violation in $(basename "$book")" "ace-$(basename "$book").log" ace_passes "$book"
done

echo "== A site in English, Chinese and Arabic (right to left)"
cp -r tests/fixtures/languages "$work/languages"
cp -r themes "$work/languages/themes"
check "the languages site builds" build-languages.log ./target/release/plainsite build --root "$work/languages"
browser check-site-languages node tests/browser/check-site.mjs "$work/languages/public" languages
# Search from file://, over http and from the dev server: English, French and Chinese queries, the live
# region in the accessibility tree, keys, axe with results open; pictures at 320, 390
# and 1280 px, light and dark, in tests/artifacts/search.
browser search node tests/browser/search.mjs "$work/public" "$work/languages/public" "$PWD/target/release/plainsite"
mkdir -p tests/artifacts/languages
for lang in zh ar; do
  check "a picture of the $lang home page" "screenshot-$lang.log" \
    screenshot "$work/languages/public/$lang/index.html" "tests/artifacts/languages/$lang.png"
done

echo "== The dev server in a real browser"
cp -r tests/fixtures/basic "$work/reload-site"
cp -r themes "$work/reload-site/themes"
browser reload node tests/browser/reload.mjs "$PWD/target/release/plainsite" "$work/reload-site"
cp -r tests/fixtures/author "$work/author-site"
cp -r themes "$work/author-site/themes"
browser author node tests/browser/author.mjs "$PWD/target/release/plainsite" "$work/author-site"

echo "== The checkout"
if $in_git; then
  check "the checkout is left as it was" checkout.log checkout_unchanged
else
  echo "   not a git checkout: not checked"
fi

elapsed=$((SECONDS - started))
echo "Finished in $((elapsed / 60)) min $((elapsed % 60)) s; logs in $logs/"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
