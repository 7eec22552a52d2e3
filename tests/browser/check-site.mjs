// Browser checks of a built site, in Debian's Chromium:
//   - axe-core (WCAG 2.0/2.1/2.2 A and AA rules, plus best practice) on every page,
//     in light and dark colour schemes;
//   - the skip link moves focus to the main content;
//   - no sideways scrolling at 320 CSS pixels;
//   - the W3C Nu HTML Checker on every page (one call, errors only);
//   - screenshots of the home page at 390 and 1280 pixels, kept in tests/artifacts.
// Usage: node tests/browser/check-site.mjs PATH/TO/public
import { createServer } from "node:http";
import { readFile, readdir, stat, mkdtemp, mkdir } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] ?? "public");
// Screenshots go to tests/artifacts/NAME (the optional second argument), one folder per site.
const artifacts = path.resolve(here, "..", "artifacts", process.argv[3] ?? "example");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

async function htmlFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await htmlFiles(p)));
    else if (entry.name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".xml": "application/xml", ".png": "image/png", ".js": "text/javascript" };

// A plain static server over the built folder, on loopback only, at the site's base
// path (taken from the home page's canonical address), as a web host would serve it.
function serve(root, prefix) {
  const server = createServer(async (req, res) => {
    try {
      let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!p.startsWith(prefix)) throw new Error("outside the site");
      let file = path.join(root, p.slice(prefix.length));
      if (!file.startsWith(root)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end(await readFile(path.join(root, "404.html")).catch(() => "not found"));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let passed = 0;
let failed = 0;
function result(ok, label, detail) {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL ${label}\n${detail ?? ""}`);
  }
}

const files = await htmlFiles(site);
if (files.length === 0) {
  console.error(`no HTML files in ${site}`);
  process.exit(1);
}
const home = await readFile(path.join(site, "index.html"), "utf8");
const canonical = home.match(/<link[^>]*rel="?canonical"?[^>]*>/)?.[0].match(/href="?([^" >]+)/)?.[1];
const prefix = canonical ? new URL(canonical).pathname : "/";
const server = await serve(site, prefix);
const base = `http://127.0.0.1:${server.address().port}${prefix.replace(/\/$/, "")}`;
const axeSource = await readFile(path.join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
const context = await chromium.launchPersistentContext(await mkdtemp(path.join(tmpdir(), "plainsite-chromium-")), {
  executablePath: chromiumPath,
  headless: true,
  // The pages forbid inline scripts (Content-Security-Policy); axe is injected as one.
  bypassCSP: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = context.pages()[0] ?? (await context.newPage());
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

// A redirect page (an old address, `aliases`) leaves at once: it must reach its page,
// and is checked by axe with its refresh taken out.
async function checkRedirect(rel, url, text) {
  const to = text.match(/http-equiv="refresh" content="0; url=([^"]+)"/)?.[1];
  const target = to ? new URL(to, url).href : "(none)";
  await page.goto(url, { waitUntil: "load" });
  await page.waitForURL(target, { timeout: 5000 }).catch(() => {});
  result(page.url() === target, `redirect reaches its page: ${rel}`, `  ended at ${page.url()}, expected ${target}`);
  const still = text.replace(/<meta http-equiv="refresh"[^>]*>/, "");
  await page.route(url, (route) => route.fulfill({ body: still, contentType: "text/html; charset=utf-8" }));
  await page.goto(url, { waitUntil: "load" });
  await page.unroute(url);
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}`);
  }, tags);
  result(violations.length === 0, `axe: ${rel}`, violations.join("\n"));
}

for (const file of files) {
  const rel = path.relative(site, file).split(path.sep).join("/");
  const url = `${base}/${rel}`;
  const text = await readFile(file, "utf8");
  if (text.includes('http-equiv="refresh"')) {
    await checkRedirect(rel, url, text);
    continue;
  }
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(url, { waitUntil: "load" });
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
      return r.violations.map((v) => `  ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.split("\n").join(" ")}`).join("\n"));
    }, tags);
    result(violations.length === 0, `axe ${scheme}: ${rel}`, violations.join("\n"));
  }
  // Charts: a text alternative wired to the SVG's own title and desc, a data table, and
  // every mark (3:1) and label (4.5:1) readable against the page, in both colour schemes.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(url, { waitUntil: "load" });
    const problems = await page.evaluate(() => {
      const out = [];
      const lum = (rgb) => {
        const m = rgb.match(/\d+(\.\d+)?/g);
        if (!m) return null;
        const [r, g, b] = m.slice(0, 3).map((v) => {
          const c = Number(v) / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const bg = lum(getComputedStyle(document.body).backgroundColor);
      for (const fig of document.querySelectorAll("figure.chart")) {
        const svg = fig.querySelector("svg");
        const ids = (svg?.getAttribute("aria-labelledby") || "").split(" ");
        if (svg?.getAttribute("role") !== "img") out.push(`${fig.id}: svg has no role=img`);
        if (ids.length !== 2 || !ids.every((id) => svg.querySelector(`[id="${id}"]`))) out.push(`${fig.id}: aria-labelledby does not point at its title and desc`);
        if (!svg?.querySelector("title")?.textContent.trim() || !svg?.querySelector("desc")?.textContent.trim()) out.push(`${fig.id}: empty title or desc`);
        const table = fig.querySelector("details table");
        if (!table?.querySelector("caption") || !table.querySelector("th[scope]")) out.push(`${fig.id}: no data table with a caption and header cells`);
        for (const el of svg?.querySelectorAll("rect, circle, polygon, polyline, text") ?? []) {
          const s = getComputedStyle(el);
          const isText = el.tagName === "text";
          const paint = el.tagName === "polyline" ? s.stroke : s.fill;
          if (!paint || paint === "none") continue;
          // Box fills behind text are backgrounds, not marks.
          if (el.classList.contains("cp") || el.classList.contains("cps")) continue;
          const l = lum(paint);
          if (l === null) continue;
          const need = isText ? 4.5 : 3;
          // Text drawn on a box is measured against the box.
          let against = bg;
          if (isText) {
            const box = [...svg.querySelectorAll("rect.cp, circle.c0")].find((b) => {
              const r = b.getBBox(), t = el.getBBox();
              return t.x >= r.x - 1 && t.x + t.width <= r.x + r.width + 1 && t.y >= r.y - 1 && t.y + t.height <= r.y + r.height + 1;
            });
            if (box) against = lum(getComputedStyle(box).fill);
          }
          const r = ratio(l, against);
          if (r < need) out.push(`${fig.id}: ${el.tagName}.${el.getAttribute("class")} ${paint} has ${r.toFixed(2)}:1 (needs ${need}:1)`);
        }
      }
      return out;
    });
    result(problems.length === 0, `charts readable (${scheme}): ${rel}`, [...new Set(problems)].map((p) => "  " + p).join("\n"));
  }
  // Reflow: no sideways scrolling at 320 CSS pixels (WCAG 1.4.10).
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(url, { waitUntil: "load" });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  result(overflow <= 0, `reflow at 320px: ${rel}`, `  the page is ${overflow}px wider than the screen`);
}

// The skip link is the first thing keyboard users reach, and it moves focus to <main>.
await page.setViewportSize({ width: 1280, height: 900 });
await page.goto(`${base}/index.html`);
await page.keyboard.press("Tab");
// In the home page's language: "Skip to main content", "Aller au contenu principal".
const skip = { en: "Skip to main content", fr: "Aller au contenu principal" };
const first = await page.evaluate(() => document.activeElement?.textContent?.trim());
const lang = await page.evaluate(() => document.documentElement.lang.split("-")[0]);
await page.keyboard.press("Enter");
const focused = await page.evaluate(() => document.activeElement?.id);
result(first === (skip[lang] ?? skip.en) && focused === "main", "skip link moves focus to main", `  first focus: ${first}; after Enter: ${focused}`);

// Every element reached by Tab shows where the focus is (WCAG 2.4.7).
for (const rel of ["index.html", "about/how-we-did-it/index.html", "glossary/index.html"].filter((r) => files.some((f) => f.endsWith(r)))) {
  await page.goto(`${base}/${rel}`);
  const hidden = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || (s.boxShadow && s.boxShadow !== "none");
      return { visible, what: `${el.tagName.toLowerCase()} ${el.textContent.trim().slice(0, 40)}` };
    });
    if (!info) break;
    if (!info.visible) hidden.push(info.what);
  }
  result(hidden.length === 0, `visible focus on every element: ${rel}`, hidden.map((h) => "  no visible focus: " + h).join("\n"));
}

await mkdir(artifacts, { recursive: true });
// Forced colours (Windows high contrast) and text at 200%: kept as pictures to look at,
// and the larger text must still fit without sideways scrolling.
await page.setViewportSize({ width: 1280, height: 900 });
await page.emulateMedia({ forcedColors: "active" });
await page.goto(`${base}/index.html`);
await page.screenshot({ path: path.join(artifacts, "home-forced-colors.png"), fullPage: true });
await page.emulateMedia({ forcedColors: "none" });
for (const rel of ["index.html", "about/how-we-did-it/index.html"].filter((r) => files.some((f) => f.endsWith(r)))) {
  await page.setViewportSize({ width: 640, height: 900 });
  await page.goto(`${base}/${rel}`);
  await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  result(wide <= 0, `text at 200% fits: ${rel}`, `  the page is ${wide}px wider than the screen`);
  await page.screenshot({ path: path.join(artifacts, `text-200-${rel.replace(/\//g, "_")}.png`), fullPage: true });
}
for (const width of [390, 1280]) {
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${base}/index.html`);
  await page.screenshot({ path: path.join(artifacts, `home-${width}.png`), fullPage: true });
}
// A topic page and a list split into pages, to look at.
for (const rel of ["topics/pay/index.html", "findings/page/2/index.html"].filter((r) => files.some((f) => f.endsWith(r)))) {
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${base}/${rel}`);
    await page.screenshot({ path: path.join(artifacts, `${rel.replace(/\/index\.html$/, "").replace(/\//g, "_")}-${width}.png`), fullPage: true });
  }
}
await context.close();
server.close();

// The W3C Nu HTML Checker, once over every page (each start of the JVM costs seconds).
const vnu = path.join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
let vnuOut = "";
try {
  execFileSync("java", ["-jar", vnu, "--errors-only", "--format", "gnu", ...files], { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
} catch (e) {
  vnuOut = `${e.stdout ?? ""}${e.stderr ?? ""}`;
}
const vnuErrors = vnuOut.split("\n").filter((l) => l.trim());
for (const file of files) {
  const mine = vnuErrors.filter((l) => l.includes(file));
  result(mine.length === 0, `Nu HTML Checker: ${path.relative(site, file)}`, mine.map((l) => "  " + l).join("\n"));
}
const unplaced = vnuErrors.filter((l) => !files.some((f) => l.includes(f)));
result(unplaced.length === 0, "Nu HTML Checker ran", unplaced.join("\n"));

console.log(`Checked ${files.length} pages in Chromium and the Nu HTML Checker.`);
console.log(`browser: ${passed} passed, ${failed} failed`);
// The last line, for tests/run.sh to add up.
console.log(`RESULT passed=${passed} failed=${failed}`);
process.exit(failed === 0 ? 0 : 1);
