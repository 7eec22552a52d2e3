// Save-to-highlight in the writing room: on the 1,000-page benchmark site, the time from
// pressing Save in the page editor (plainsite serve --edit) to the mark of the new
// problem showing on the open page in Chromium. Each run adds a new long sentence with
// a word of its own to the page and waits for a mark holding that word; median of RUNS.
// Usage: python3 benches/corpus.py DIR 1000 --only plainsite &&
//        node benches/author-save.mjs PATH/TO/plainsite DIR/plainsite [RUNS]
// (run it from tests/browser/, or with NODE_PATH pointing at its node_modules)
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");
const [, , exe, site, runsArg] = process.argv;
const runs = Number(runsArg ?? 7);

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(exe, ["serve", "--port", String(port), "--edit"], { cwd: site, stdio: ["ignore", "ignore", "pipe"] });
let log = "";
await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error("serve did not start:\n" + log)), 120000);
  server.stderr.on("data", (d) => {
    log += d;
    if (log.includes("Editing is on")) {
      clearTimeout(t);
      resolve();
    }
  });
});
const key = log.match(/\?edit=([0-9a-f]+)/)[1];
// A page in the middle of the site.
const section = readdirSync(path.join(site, "content"), { withFileTypes: true }).find((d) => d.isDirectory() && !d.name.startsWith("_"));
const pageFile = readdirSync(path.join(site, "content", section.name)).filter((f) => f.endsWith(".md") && f !== "_index.md").sort()[5];
const url = `/${section.name}/${pageFile.replace(/\.md$/, "")}/`;

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-save-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const times = [];
const swaps = [];
const reloads = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${port}${url}?edit=${key}`, { waitUntil: "load" });
  await page.evaluate(() => localStorage.setItem("plainsite-author-view", "on"));
  await page.reload({ waitUntil: "load" });
  await page.click("text=Edit this page");
  await page.waitForSelector("#ps-editor-text");
  // When each of the dev server's answers arrived, for VERBOSE.
  await page.evaluate(() => {
    window.benchLog = [];
    const real = window.fetch;
    window.fetch = (url, opts) => real(url, opts).then((r) => {
      window.benchLog.push([String(url).replace(/^.*\/\/[^/]+/, "").split("?")[0], performance.now()]);
      return r;
    });
  });
  for (let i = 0; i < runs; i++) {
    // A word of this run's own: earlier runs left theirs in the page.
    const word = "Quokka" + (Date.now() * 10 + i).toString(36).replace(/[0-9]/g, (d) => "abcdefghij"[d]);
    await page.evaluate((w) => {
      const t = document.getElementById("ps-editor-text");
      t.value += `\n\n${w} and the people who took part in this study told the team many long and detailed stories about the services they used over the years, the workers they met there, and the changes they would like to see in every one of those places.\n`;
    }, word);
    const ms = await page.evaluate(
      (w) =>
        new Promise((resolve, reject) => {
          const found = () => Array.from(document.querySelectorAll("mark.ps-hl")).some((m) => m.textContent.includes(w));
          const started = performance.now();
          window.benchLog = [];
          // The page may reload instead of updating in place: the time then carries
          // over in sessionStorage.
          sessionStorage.setItem("bench-started", String(Date.now()));
          let swapped = null;
          const watch = new MutationObserver(() => {
            if (swapped === null && document.body.textContent.includes(w)) { swapped = performance.now() - started; }
            if (found()) {
              watch.disconnect();
              resolve([performance.now() - started, swapped, window.benchLog.map(([u, t]) => `${u} ${(t - started).toFixed(0)}`).join(", ")]);
            }
          });
          watch.observe(document.body, { childList: true, subtree: true });
          document.querySelector("#ps-editor button.ps-toggle").click();
          setTimeout(() => reject(new Error("no mark after 20 s")), 20000);
        }),
      word,
    );
    times.push(ms[0]);
    swaps.push(ms[1]);
    if (process.env.VERBOSE) { console.log(`run ${i}: ${ms[0].toFixed(0)} ms; answers: ${ms[2]}`); }
    // Let the full build that follows the one-page update finish (WAIT ms; on a busy
    // machine it takes longer, and the next save then waits for it to stop).
    await page.waitForTimeout(Number(process.env.WAIT ?? 1500));
  }
  // For comparison, what the page cost before it was updated in place: a reload,
  // then the author view's marks.
  for (let i = 0; i < runs; i++) {
    const started = Date.now();
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.waitForSelector("mark.ps-hl", { timeout: 20000 });
    reloads.push(Date.now() - started);
  }
} finally {
  await context.close();
  server.kill();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
if (process.env.VERBOSE) {
  console.log(`page text swapped in after: ${swaps.map((t) => t.toFixed(0)).join(", ")} ms`);
  console.log(log.split("\n").filter((l) => l.startsWith("Updated")).join("\n"));
}
reloads.sort((a, b) => a - b);
console.log(`a reload to its marks (the page's part before in-place updates): median ${reloads[Math.floor(runs / 2)]} ms (${reloads.join(", ")} ms)`);
console.log(`save to mark, ${runs} runs on ${url}: median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")} ms)`);
