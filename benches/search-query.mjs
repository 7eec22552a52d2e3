// Query time of the site's search in Chromium from file://, with the CPU slowed down 4
// times (DevTools' throttling, a mid-range phone): the time from submitting the form
// to the result count in the live region (the titles are shown with it), and apart the
// time until the sentence files of the shown results have loaded and filled them in.
// The first search also loads and unpacks the index: timed apart. Then each query once
// more on a fresh page whose index is loaded (by another query) but whose lists for
// this query's words are not yet read: the slowest case, a word's first use. On a
// machine shared with other work a clock time can be many times the work done, so
// each is taken on FRESH fresh pages (default 3) and the least kept.
// Usage: node benches/search-query.mjs SITE_OUTPUT_DIR   (run by benches/search.sh)
//
// `--typed` measures what a reader meets instead: on a fresh page, click the field,
// then type a word key by key (the first key 300 ms after the click, then one every
// 150 ms), from file:// and over http from 127.0.0.1. It times each key press (the
// event's own time, so a busy page's wait counts) to the next results shown (count and
// titles in the page, taken at the next frame): for the last key, until its word's
// results; for the first key, until the first results. Several output folders (the
// same corpus with another search.js or index) take turns, page by page.
// Usage: node benches/search-query.mjs --typed SITE_OUTPUT_DIR...   (ROUNDS=3)
import { createReadStream, existsSync, mkdtempSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");
const BROWSER = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};
if (process.argv[2] === "--typed") {
  await typed(process.argv.slice(3).map((d) => path.resolve(d)));
  process.exit(0);
}
const site = path.resolve(process.argv[2]);
const FRESH = Number(process.env.FRESH ?? 3);
const QUERIES = ["fair pay", "pay", "safe meetings", "roles", "support after hard days", "outreach", "plans for next year", "helped", "travel costs", "peer"];

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-query-")), BROWSER);
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
await page.goto(pathToFileURL(path.join(site, "index.html")).href);

// Submits `query` and resolves with the milliseconds until the count is announced
// (the titles are shown with it), the milliseconds until the sections and sentences
// of the shown results are filled in (their files loaded), and the count.
const timed = (query) =>
  page.evaluate(
    (q) =>
      new Promise((resolve) => {
        const form = document.querySelector("form.site-search");
        const status = form.querySelector(".search-status");
        const panel = form.querySelector(".search-results");
        status.textContent = "";
        const start = performance.now();
        let counted = 0;
        const done = () => {
          if (!counted && status.textContent) counted = performance.now() - start;
          if (counted && !panel.hasAttribute("aria-busy")) {
            observer.disconnect();
            resolve([counted, performance.now() - start, status.textContent]);
          }
        };
        const observer = new MutationObserver(done);
        observer.observe(form, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ["aria-busy"] });
        form.querySelector("input").value = q;
        form.requestSubmit();
      }),
    query,
  );

const [first, firstFull, firstCount] = await timed(QUERIES[0]);
console.log(`first search, index loaded and unpacked: ${first.toFixed(0)} ms to the count, ${firstFull.toFixed(0)} ms to the sentences (${firstCount})`);
const times = [];
const full = [];
for (let round = 0; round < 3; round++) {
  for (const q of QUERIES) {
    const [ms, all, count] = await timed(q);
    times.push(ms);
    full.push(all);
    if (round === 0) console.log(`  "${q}": ${ms.toFixed(1)} ms to the count and titles, ${all.toFixed(1)} ms to the sentences (${count})`);
  }
}
const summary = (what, list) => {
  list.sort((a, b) => a - b);
  const at = (p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
  console.log(`${what} (${list.length} queries after the first): median ${at(0.5).toFixed(1)} ms, 90th percentile ${at(0.9).toFixed(1)} ms, slowest ${list[list.length - 1].toFixed(1)} ms`);
};
summary("to the count and titles", times);
summary("to the sentences", full);

// First use of each query's words: a fresh page, its index loaded by a query that
// shares no word with it.
const firstUse = [];
for (const q of QUERIES) {
  let least = Infinity;
  for (let n = 0; n < FRESH; n++) {
    await page.goto(pathToFileURL(path.join(site, "index.html")).href);
    await timed("zzzz");
    least = Math.min(least, (await timed(q))[0]);
  }
  firstUse.push(least);
  console.log(`  "${q}", first use: ${least.toFixed(1)} ms to the count and titles (least of ${FRESH} fresh pages)`);
}
summary(`first use of the words, to the count and titles, least of ${FRESH} fresh pages each`, firstUse);
await context.close();

// A plain static server for a folder, on a free port of 127.0.0.1.
function serve(dir) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
  const server = createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// In the page: the time of each key press and of each change of the results (at the
// next frame, when they are painted), with the query they answer (the field's value
// as the script last read it) and the count in the live region then. The results are
// the list of titles, which search.js replaces for each query: the live region is
// told the count only once the reader stops typing.
function watch() {
  const form = document.querySelector("form.site-search");
  const status = form.querySelector(".search-status");
  const input = form.querySelector("input[type=search]");
  const value = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value");
  let read = "";
  Object.defineProperty(input, "value", {
    get() { return (read = value.get.call(this)); },
    set(v) { value.set.call(this, v); },
  });
  const panel = form.querySelector(".search-results");
  const log = (self.typedLog = { keys: [], shown: [], filled: [] });
  new MutationObserver(() => {
    if (!panel.hasAttribute("aria-busy")) requestAnimationFrame(() => setTimeout(() => log.filled.push(performance.now())));
  }).observe(panel, { attributes: true, attributeFilter: ["aria-busy"] });
  document.addEventListener("keydown", (e) => log.keys.push(e.timeStamp), true);
  new MutationObserver(() => {
    const query = read;
    requestAnimationFrame(() => setTimeout(() => log.shown.push([performance.now(), status.textContent, query])));
  }).observe(panel, { childList: true });
}

// One reader: a fresh page at `url`, click, then `word` key by key. Resolves with the
// milliseconds from the last key to its results, from the first key to the first
// results, the slowest key to the next results, from the last key to its results'
// sentences (their files loaded), and the count finally shown.
async function reader(context, url, word) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(url);
  await page.evaluate(watch);
  await page.click("form.site-search input[type=search]");
  const start = Date.now();
  const pressed = [];
  for (let i = 0; i < word.length; i++) {
    const wait = start + 300 + 150 * i - Date.now();
    if (wait > 0) await new Promise((f) => setTimeout(f, wait));
    pressed.push(page.keyboard.press(word[i]));
  }
  await Promise.all(pressed);
  // The results are final when nothing has changed for 1.5 s (at most 15 s).
  let last = "";
  for (let quiet = 0, n = 0; quiet < 3 && n < 30; n++) {
    await new Promise((f) => setTimeout(f, 500));
    const now = await page.evaluate(() => JSON.stringify(self.typedLog.shown) + document.querySelector(".search-results").textContent);
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  const log = await page.evaluate(() => self.typedLog);
  const final = await page.evaluate(() => document.querySelector(".search-status").textContent);
  await page.close();
  const [first, lastKey] = [log.keys[0], log.keys[log.keys.length - 1]];
  const after = (t) => log.shown.find((s) => s[0] >= t);
  const slowest = Math.max(...log.keys.map((k) => (after(k)?.[0] ?? Infinity) - k));
  const firstShown = after(first);
  // The last key's results: the first shown for the whole word.
  const mine = log.shown.find((s) => s[0] >= lastKey && s[2] === word);
  const filled = mine ? log.filled.find((t) => t >= mine[0]) : undefined;
  return [mine ? mine[0] - lastKey : Infinity, firstShown ? firstShown[0] - first : Infinity, slowest, filled ? filled - lastKey : Infinity, final];
}

async function typed(sites) {
  const ROUNDS = Number(process.env.ROUNDS ?? 3);
  const WORDS = (process.env.WORDS ?? "pay,support,people,meetings,outreach,helped,travel,roles,decisions,advocacy,1003").split(",");
  const servers = await Promise.all(sites.map(serve));
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-typed-")), BROWSER);
  const runs = {};
  const note = (key, value) => (runs[key] = runs[key] ?? []).push(value);
  for (let round = 0; round < ROUNDS; round++) {
    for (const word of WORDS) {
      for (const how of ["file", "http"]) {
        for (let s = 0; s < sites.length; s++) {
          const url = how === "file" ? pathToFileURL(path.join(sites[s], "index.html")).href : `http://127.0.0.1:${servers[s].address().port}/`;
          const [lastKey, firstKey, slowest, sentences, count] = await reader(context, url, word);
          note(`${s} ${how} sentences`, sentences);
          note(`${s} ${how} last`, lastKey);
          note(`${s} ${how} first`, firstKey);
          note(`${s} ${how} slowest`, slowest);
          console.log(`site ${s} ${how} "${word}": last key ${lastKey.toFixed(1)} ms, first results ${firstKey.toFixed(1)} ms, slowest key ${slowest.toFixed(1)} ms, sentences ${sentences.toFixed(1)} ms (${count})`);
        }
      }
    }
  }
  const at = (list, p) => list[Math.min(list.length - 1, Math.floor(p * list.length))];
  for (let s = 0; s < sites.length; s++) {
    console.log(`site ${s}: ${sites[s]}`);
    for (const how of ["file", "http"]) {
      for (const what of ["last", "first", "slowest", "sentences"]) {
        const list = runs[`${s} ${how} ${what}`].sort((a, b) => a - b);
        console.log(`  ${how}, ${{ last: "last key to its results", first: "first key to the first results", slowest: "slowest key to the next results", sentences: "last key to its results' sentences" }[what]}: median ${at(list, 0.5).toFixed(1)} ms, 90th percentile ${at(list, 0.9).toFixed(1)} ms (${list.length} pages)`);
      }
    }
  }
  await context.close();
  servers.forEach((s) => s.close());
}
