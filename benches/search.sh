#!/usr/bin/env bash
# Search budgets (issue 16), measured on the synthetic corpus of benches/corpus.py and on
# the example site:
#   1. index size per language against the visible text it indexes (budget: 30%);
#   2. what search adds to the 1,000-page build (budget: 10%), `search = true` against
#      `search = false`: CPU time (user + system, so other work on the machine counts
#      less), median of RUNS builds each, the two taking turns;
#   3. query time on the 10,000-page site in Chromium with 4x CPU throttling (budget:
#      50 ms), by benches/search-query.mjs: submitted queries, then typed ones (--typed).
# Usage: bash benches/search.sh        (RUNS=7 WORK=DIR to change; by default the sites
# are written in memory, under /dev/shm, when the machine has it)
. "$(dirname "$0")/common.sh"

sizes() { # OUTPUT_DIR LABEL: per language, the first file a search loads and the text.
  python3 - "$1" "$2" <<'EOF'
import json, os, re, sys
out, label = sys.argv[1], sys.argv[2]
folder = os.path.join(out, "search")
for name in sorted(os.listdir(folder)):
    if "-" in name.rsplit(".", 1)[0] or not name.endswith(".js"):
        continue
    code = name[:-3]
    core = os.path.getsize(os.path.join(folder, name))
    raw = open(os.path.join(folder, name), encoding="utf-8").read()
    data = json.loads(raw.split("]=", 1)[1].rstrip().rstrip(";"))
    # [pages (title, address, ...), sections, forms, stems, post, shard, keys]
    text = sum(len(t.encode()) for t in data[0][0::2])
    # What every index has whatever its text (the script line, brackets, quotes and the
    # shard size), and what each page adds besides its words (title and address).
    page_list = sum(len(t.encode()) + 3 for t in data[0])
    fixed = len(raw.encode()) - page_list - sum(len(f.encode()) for f in data[1:5] + data[6:])
    shards = 0
    texts = []
    n = 0
    while os.path.exists(os.path.join(folder, f"{code}-{n}.js")):
        path = os.path.join(folder, f"{code}-{n}.js")
        shards += os.path.getsize(path)
        for section in json.loads(open(path, encoding="utf-8").read().split("]=", 1)[1].rstrip().rstrip(";")):
            text += len(section[0].encode()) + sum(len(s.encode()) for s in section[2:])
            texts += [section[0]] + section[2:]
        n += 1
    words = core - fixed - page_list
    # Each stem costs the index its spelling and about 4 bytes (its length, its list of
    # sections) whatever its number of uses: the index is small against the text only
    # where words repeat. Words counted roughly: runs of letters and digits, one per
    # character pair in Chinese.
    stems = data[4].count(",") + 1 if data[4] else 0
    uses = sum(max(len(w) - 1, 1) if re.search(r"[\u4e00-\u9fff]", w) else 1
               for t in texts for w in re.findall(r"\w+", t))
    print(f"{label} {code}: index {core:,} bytes = {100 * core / max(text, 1):.1f}% of {text:,} bytes of visible text; "
          f"fixed part {fixed} bytes, page list (titles, addresses) {page_list:,} bytes, "
          f"words {words:,} bytes = {100 * words / max(text, 1):.1f}% "
          f"({stems:,} stems, about {uses / max(stems, 1):.1f} uses each); "
          f"sentence files {shards:,} bytes ({n} files, loaded only for shown results)")
EOF
}

echo "== Index size"
"$BIN" build --output "$WORK/example" >/dev/null 2>&1
sizes "$WORK/example" example
# The languages fixture (English, Chinese, Arabic) with the default theme, for Chinese.
rm -rf "$WORK/languages"
cp -r tests/fixtures/languages "$WORK/languages"
mkdir -p "$WORK/languages/themes"
cp -r themes/default "$WORK/languages/themes/default"
"$BIN" build --root "$WORK/languages" >/dev/null 2>&1
sizes "$WORK/languages/public" "languages fixture"
site=$(corpus 1000)
"$BIN" build --root "$site" >/dev/null 2>&1
sizes "$site/public" "1,000 pages"

echo "== Build CPU time, 1,000 pages (median of $RUNS, taking turns)"
cp -r "$site" "$WORK/c1000-off"
# A key must come before any table in TOML: put it first.
{ echo 'search = false'; grep -v '^search = false$' "$site/site.toml"; } >"$WORK/c1000-off/site.toml"
"$BIN" build --root "$WORK/c1000-off" >/dev/null 2>&1
rm -f "$WORK/on" "$WORK/off"
for _ in $(seq "$RUNS"); do
  cpu_ms "$site" >>"$WORK/on"
  cpu_ms "$WORK/c1000-off" >>"$WORK/off"
done
on=$(median <"$WORK/on")
off=$(median <"$WORK/off")
echo "CPU time, search on: $on ms ($(paste -sd' ' "$WORK/on")), off: $off ms ($(paste -sd' ' "$WORK/off"))"
echo "added: $(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.1f%%", 100 * (a - b) / b }')"

echo "== Query time, 10,000 pages, Chromium with 4x CPU throttling"
big=$(corpus 10000)
"$BIN" build --root "$big" >/dev/null 2>&1
sizes "$big/public" "10,000 pages"
node benches/search-query.mjs "$big/public"
# The same as a reader meets it: click the field, type a word key by key.
node benches/search-query.mjs --typed "$big/public"
