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
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");
const site = path.resolve(process.argv[2]);
const FRESH = Number(process.env.FRESH ?? 3);
const QUERIES = ["fair pay", "pay", "safe meetings", "roles", "support after hard days", "outreach", "plans for next year", "helped", "travel costs", "peer"];

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-query-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
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
