// Every page of a built site in Debian's Chromium at 320 px wide (the narrowest phone
// WCAG 1.4.10 asks for): nothing scrolls sideways, neither the page nor any element
// inside it (a chart, a table wraps or scrolls in its own frame only when it is a
// table). Screenshots of every chart at 320, 390 and 1280 px go to
// tests/artifacts/narrow/LABEL, to look at.
// Usage: node tests/browser/narrow.mjs SITE_OUTPUT_DIR LABEL
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const [, , outDir, label = "site"] = process.argv;
const root = path.resolve(outDir);
const artifacts = path.resolve(here, "..", "artifacts", "narrow", label);
mkdirSync(artifacts, { recursive: true });

let passed = 0;
let failed = 0;
const check = (ok, what, detail = "") => {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL ${what}${detail ? "\n  " + detail : ""}`);
  }
};

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-narrow-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 320, height: 640 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await context.newPage();
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
// A redirect page (an old address) leaves at once; check-site.mjs checks it.
const isRedirect = (file) => readFileSync(file, "utf8").includes('http-equiv="refresh"');
const pages = walk(root)
  .filter((f) => f.endsWith(".html") && !isRedirect(f))
  .sort();
let shots = 0;
for (const file of pages) {
  const rel = path.relative(root, file);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(pathToFileURL(file).href);
  // The page itself, and anything wider than the screen that is not a scrolling table.
  const wide = await page.evaluate(() => {
    const out = [];
    const w = document.documentElement.clientWidth;
    // Shown only inside an ancestor that clips it within the screen (visually hidden text).
    const clipped = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if ((s.overflowX !== "visible" || s.clipPath !== "none") && a.getBoundingClientRect().right <= w + 1) return true;
      }
      return false;
    };
    if (document.documentElement.scrollWidth > w) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".table-wrap, pre, .visually-hidden, .slide-notes")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).display === "none") continue;
      // Visually hidden text (for screen readers) is clipped to nothing on purpose.
      if (getComputedStyle(el).clipPath !== "none") continue;
      if ((r.right > w + 1 && !clipped(el)) || (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")) {
        out.push(`<${el.tagName.toLowerCase()} class="${el.className?.baseVal ?? el.className}"> ${Math.round(r.left)}..${Math.round(r.right)} px, scrolls ${el.scrollWidth} in ${el.clientWidth}`);
      }
      if (out.length > 4) break;
    }
    return out;
  });
  check(wide.length === 0, `${label} ${rel}: nothing scrolls sideways at 320 px`, wide.join("\n  "));
  const charts = await page.locator("figure.chart").count();
  for (let i = 0; i < charts && !rel.startsWith("slides"); i++) {
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const name = `${rel.replace(/[\/\\]/g, "_").replace(/\.html$/, "")}-${i + 1}-${width}.png`;
      await page.locator("figure.chart").nth(i).screenshot({ path: path.join(artifacts, name) });
      shots++;
    }
    await page.setViewportSize({ width: 320, height: 640 });
  }
}
await context.close();
console.log(`${label}: ${pages.length} pages at 320 px, ${shots} chart screenshots`);
// The last line, for tests/run.sh to add up.
console.log(`RESULT passed=${passed} failed=${failed}`);
process.exit(failed ? 1 : 0);
