// The page minifier changes nothing a reader or a screen reader gets: every page of a
// site built with `minify = true` is loaded in Debian's Chromium beside the same page
// built with `minify = false`, and the two must have the same document tree (elements,
// attributes and text, with whitespace-only text left out) and the same rendered text.
// Usage: node tests/browser/minify.mjs MINIFIED_DIR PLAIN_DIR
import { mkdtempSync, readFileSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [, , minDir, plainDir] = process.argv;
const pages = [];
const isRedirect = (file) => readFileSync(file, "utf8").includes('http-equiv="refresh"');
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    // A redirect page (an old address) leaves at once; check-site.mjs checks it.
    else if (name.endsWith(".html") && !isRedirect(full)) pages.push(path.relative(minDir, full));
  }
})(minDir);
if (pages.length === 0) {
  console.error(`no HTML files in ${minDir}`);
  process.exit(1);
}

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-minify-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  javaScriptEnabled: false,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = context.pages()[0] ?? (await context.newPage());
const tree = () => {
  const out = [];
  (function walk(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.data.replace(/[ \t\n\r\f]+/g, " ");
      if (text.trim()) out.push(`#text ${text}`);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const attrs = [...node.attributes].map((a) => `${a.name}=${a.value}`).sort().join(" ");
      out.push(`<${node.nodeName.toLowerCase()} ${attrs}>`);
      for (const child of node.childNodes) walk(child);
      out.push(`</${node.nodeName.toLowerCase()}>`);
    }
  })(document.documentElement);
  return { tree: out.join("\n"), text: document.body ? document.body.innerText : "" };
};

let failed = 0;
for (const rel of pages) {
  const seen = [];
  for (const dir of [minDir, plainDir]) {
    await page.goto(pathToFileURL(path.join(dir, rel)).href);
    seen.push(await page.evaluate(tree));
  }
  const [min, plain] = seen;
  for (const what of ["tree", "text"]) {
    if (min[what] !== plain[what]) {
      failed++;
      const a = min[what].split("\n"), b = plain[what].split("\n");
      const i = a.findIndex((line, k) => line !== b[k]);
      console.error(`FAIL ${rel}: the minified page's ${what} differs at line ${i + 1}\n  minified: ${a[i]}\n  as written: ${b[i]}`);
    }
  }
}
await context.close();
console.log(`minify: ${pages.length} pages compared, ${failed} differences`);
// The last line, for tests/run.sh to add up: two checks a page (tree and text).
console.log(`RESULT passed=${pages.length * 2 - failed} failed=${failed}`);
process.exit(failed ? 1 : 0);
