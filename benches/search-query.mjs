// Query time of the site's search in Chromium from file://, with the CPU slowed down 4
// times (DevTools' throttling, a mid-range phone): the time from submitting the form
// to the result count in the live region, which includes loading the sentence files of
// the shown results. The first search also loads and unpacks the index: timed apart.
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

// Submits `query` and resolves with the milliseconds until the count is announced.
const timed = (query) =>
  page.evaluate(
    (q) =>
      new Promise((resolve) => {
        const form = document.querySelector("form.site-search");
        const status = form.querySelector(".search-status");
        status.textContent = "";
        const start = performance.now();
        new MutationObserver((_, o) => {
          if (status.textContent) {
            o.disconnect();
            resolve([performance.now() - start, status.textContent]);
          }
        }).observe(status, { childList: true, characterData: true, subtree: true });
        form.querySelector("input").value = q;
        form.requestSubmit();
      }),
    query,
  );

const [first, firstCount] = await timed(QUERIES[0]);
console.log(`first search, index loaded and unpacked: ${first.toFixed(0)} ms (${firstCount})`);
const times = [];
for (let round = 0; round < 3; round++) {
  for (const q of QUERIES) {
    const [ms, count] = await timed(q);
    times.push(ms);
    if (round === 0) console.log(`  "${q}": ${ms.toFixed(1)} ms (${count})`);
  }
}
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
console.log(`queries after the first (${times.length}): median ${at(0.5).toFixed(1)} ms, 90th percentile ${at(0.9).toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(1)} ms`);
await context.close();
