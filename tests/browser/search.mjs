// Search in Debian's Chromium, from file:// (a site on a USB stick), over http from a
// plain static server, and from the dev server (`plainsite serve`, with its reload
// script): a query typed in the header shows the right page first, the count is in the
// accessibility tree (the live region), Enter moves focus to the first result, Escape
// brings it back, and axe finds no violation with the results open. Screenshots at
// 320, 390 and 1280 px, light and dark, go to tests/artifacts/search/.
// Usage: node tests/browser/search.mjs SITE_OUTPUT_DIR LANGUAGES_FIXTURE_OUTPUT_DIR PLAINSITE
// (the dev server serves the example site, the checkout this script is in, and the
// languages fixture, the folder above its output; each into a temporary folder)
import { spawn } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const [, , siteDir, langDir, exe] = process.argv;
const artifacts = path.resolve(here, "..", "artifacts", "search");
mkdirSync(artifacts, { recursive: true });
const axeSource = readFileSync(path.join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");

let passed = 0;
let failed = 0;
const check = (ok, what, detail = "") => {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL ${what}${detail ? "\n  " + detail : ""}`);
  }
};

// A plain static server for a folder, on a free port of 127.0.0.1.
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".png": "image/png" };
function serve(dir) {
  const server = createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (!file.startsWith(dir)) { res.writeHead(403); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-search-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  bypassCSP: false,
  viewport: { width: 1280, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });

// Types `query` into the search field of `url`; returns the first result's address.
async function search(url, query) {
  await page.goto(url);
  await page.fill("#site-search-q", query);
  await page.waitForFunction(() => document.querySelector(".search-status")?.textContent.trim() && !document.querySelector(".search-results[aria-busy]"), null, { timeout: 5000 }).catch(() => {});
  return page.evaluate(() => document.querySelector(".search-results a")?.getAttribute("href") ?? "");
}

// `plainsite serve` of a site's folder into a temporary folder, on a free port.
const devServers = [];
const devOutputs = [];
async function devServe(root) {
  const port = await new Promise((resolve) => {
    const s = createNetServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const output = mkdtempSync(path.join(tmpdir(), "plainsite-search-serve-"));
  devOutputs.push(output);
  const server = spawn(exe, ["serve", "--root", root, "--output", output, "--port", String(port)], { stdio: ["ignore", "ignore", "pipe"] });
  devServers.push(server);
  let log = "";
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`serve ${root} did not start:\n${log.slice(-2000)}`)), 600000);
    server.stderr.on("data", (d) => {
      log += d;
      if (log.includes("Serving the site at")) {
        clearTimeout(t);
        resolve();
      }
    });
  });
  return `http://127.0.0.1:${port}/`;
}

const site = path.resolve(siteDir);
const langs = path.resolve(langDir);
const servers = [await serve(site), await serve(langs)];
const bases = {
  file: [pathToFileURL(site).href + "/", pathToFileURL(langs).href + "/"],
  http: servers.map((s) => `http://127.0.0.1:${s.address().port}/`),
};
if (exe) bases.serve = [await devServe(path.resolve(here, "..", "..")), await devServe(path.dirname(langs))];
else check(false, "the dev server is checked too", "give the plainsite executable as the third argument");
// The address of a home page: `index.html` from a disk, the folder over http.
const home = (scheme, n, rel) => bases[scheme][n] + rel + (scheme === "file" ? "index.html" : "");
const cases = [
  ["English", "pay", (s) => home(s, 0, ""), /recommendations\/pay-fairly\//],
  ["French", "rémunération", (s) => home(s, 0, "fr/"), /fr\/(recommendations\/pay-fairly|topics\/pay)\//],
  ["French without accents", "remuneration", (s) => home(s, 0, "fr/"), /fr\/(recommendations\/pay-fairly|topics\/pay)\//],
  // Stemmed in the browser by the theme's Snowball stemmer: words the site never wrote.
  ["English word never written", "payings", (s) => home(s, 0, ""), /recommendations\/pay-fairly\//],
  ["French word never written", "rémunérerions", (s) => home(s, 0, "fr/"), /fr\/(recommendations\/pay-fairly|topics\/pay)\//],
  ["abbreviation", "PWUD", (s) => home(s, 0, ""), /glossary\/(index\.html)?#people-who-use-drugs$/],
  ["Chinese", "报酬", (s) => home(s, 1, "zh/"), /zh\/(index\.html)?(#.*)?$/],
];
for (const scheme of Object.keys(bases)) {
  for (const [what, query, url, expected] of cases) {
    const first = await search(url(scheme), query);
    check(expected.test(first), `${scheme}: "${query}" (${what}) shows the right page first`, `first result: ${first || "none"}`);
  }
  // The live region is in the page, empty, before the first count is put in it: a
  // screen reader announces changes to a region it already knows, not a new one.
  await page.goto(cases[0][2](scheme));
  const region = await page.evaluate(() => [...document.querySelectorAll("form.site-search [role=status]")].map((e) => e.textContent));
  check(region.length === 1 && region[0] === "", `${scheme}: the search's live region is in the page, empty, once the page has loaded`, JSON.stringify(region));
  // The live region's text is in the accessibility tree.
  await search(cases[0][2](scheme), "pay");
  const tree = await page.locator("form.site-search").ariaSnapshot();
  check(/status: \d+ results?/.test(tree), `${scheme}: the accessibility tree reads the result count`, tree.split("\n").slice(0, 6).join("\n  "));
  // Enter moves focus to the first result; Escape closes the results and returns.
  await page.focus("#site-search-q");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  const focused = await page.evaluate(() => document.activeElement?.closest(".search-results") !== null && document.activeElement?.tagName);
  check(focused === "A", `${scheme}: Enter moves focus to the first result`, String(focused));
  await page.keyboard.press("ArrowDown");
  const second = await page.evaluate(() => [...document.querySelectorAll(".search-results a")].indexOf(document.activeElement));
  check(second === 1, `${scheme}: the down arrow moves to the next result`, String(second));
  await page.keyboard.press("Escape");
  const back = await page.evaluate(() => document.activeElement?.id);
  check(back === "site-search-q", `${scheme}: Escape returns to the field`, String(back));
  // The first result's link leads to a page that exists.
  await search(cases[0][2](scheme), "pay");
  await page.click(".search-results a");
  await page.waitForLoadState();
  check(/recommendations\/pay-fairly\//.test(page.url()) && (await page.title()).includes("Pay"), `${scheme}: the first result opens its page`, page.url());
  // Marks in the sentence.
  await search(cases[0][2](scheme), "pay");
  const marks = await page.evaluate(() => [...document.querySelectorAll(".search-results mark")].map((m) => m.textContent.toLowerCase()));
  check(marks.length > 0 && marks.every((m) => m.startsWith("pay") || m.startsWith("paid")), `${scheme}: matched words are marked`, marks.join(", "));
  // A lone first letter stands for the words it begins, not for itself ("c" is a word: hepatitis C).
  await search(cases[0][2](scheme), "c");
  const [shown, lone] = await page.evaluate(() => [document.querySelectorAll(".search-results li").length, [...document.querySelectorAll(".search-results mark")].map((m) => m.textContent.toLowerCase())]);
  check(shown > 0 && lone.length > 0 && lone.every((m) => m.startsWith("c") && m.length > 1), `${scheme}: one letter finds the words it begins, not itself`, `${shown} results; marked: ${lone.join(", ")}`);
}
// A theme that adds search.js twice (its base template and a page's own) still has
// one search: the second copy does nothing, so a key moves focus one result, once, and
// each count is told once (the live region changes as often as with one copy: a
// second search would write each count again, and a screen reader would say it twice).
// How many times the live region changes while "pay" is typed and answered.
const statusChanges = async () => {
  await page.evaluate(() => {
    window.statusChanges = 0;
    new MutationObserver((records) => { window.statusChanges += records.length; })
      .observe(document.querySelector(".search-status"), { childList: true, characterData: true, subtree: true });
  });
  await page.fill("#site-search-q", "pay");
  await page.waitForFunction(() => document.querySelector(".search-status")?.textContent.trim() && !document.querySelector(".search-results[aria-busy]"), null, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(300);
  return page.evaluate(() => window.statusChanges);
};
for (const scheme of Object.keys(bases)) {
  await page.goto(cases[0][2](scheme));
  const once = await statusChanges();
  await page.goto(cases[0][2](scheme));
  await page.evaluate(() => new Promise((resolve, reject) => {
    const again = document.createElement("script");
    again.src = document.querySelector("script[src$='search.js']").src;
    again.onload = resolve;
    again.onerror = reject;
    document.head.appendChild(again);
  }));
  const twiceTold = await statusChanges();
  await page.focus("#site-search-q");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  await page.keyboard.press("ArrowDown");
  const twice = await page.evaluate(() => [document.querySelectorAll(".search-status").length, [...document.querySelectorAll(".search-results a")].indexOf(document.activeElement)]);
  check(twice[0] === 1 && twice[1] === 1, `${scheme}: search.js run twice makes one search (one live region; the down arrow moves one result)`, JSON.stringify(twice));
  check(once > 0 && twiceTold === once, `${scheme}: search.js run twice tells each count once (the live region changes as often as with one copy)`, `one copy: ${once} changes; two copies: ${twiceTold}`);
}
check(errors.length === 0, "no script errors (the page's security policy allows search)", errors.join("\n  "));

// axe with results open, in light and dark; screenshots at three widths.
const axeContext = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-search-axe-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  bypassCSP: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const axePage = await axeContext.newPage();
for (const scheme of ["light", "dark"]) {
  await axePage.emulateMedia({ colorScheme: scheme });
  for (const width of [320, 390, 1280]) {
    await axePage.setViewportSize({ width, height: 800 });
    await axePage.goto(pathToFileURL(path.join(site, "index.html")).href);
    await axePage.fill("#site-search-q", "pay");
    await axePage.waitForFunction(() => document.querySelector(".search-status")?.textContent.trim() && !document.querySelector(".search-results[aria-busy]"), null, { timeout: 5000 }).catch(() => {});
    await axePage.screenshot({ path: path.join(artifacts, `search-${width}-${scheme}.png`) });
    const wide = await axePage.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(wide <= 0, `${scheme} ${width} px: nothing scrolls sideways with results open`, `${wide} px too wide`);
    if (width !== 390) {
      await axePage.addScriptTag({ content: axeSource });
      const violations = await axePage.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      check(violations.length === 0, `axe, ${scheme}, ${width} px, results open: 0 violations`, violations.join("\n  "));
    }
  }
}
// The A–Z page: every page and term, in both languages.
for (const rel of ["a-z/index.html", "fr/a-z/index.html"]) {
  await axePage.goto(pathToFileURL(path.join(site, rel)).href);
  const entries = await axePage.evaluate(() => document.querySelectorAll(".a-z-list li").length);
  check(entries > 20, `${rel} lists the pages and terms`, `${entries} entries`);
}
await axeContext.close();
await context.close();
servers.forEach((s) => s.close());
devServers.forEach((s) => s.kill());
devOutputs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
console.log(`RESULT passed=${passed} failed=${failed}`);
process.exit(failed ? 1 : 0);
