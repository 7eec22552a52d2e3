// The dev server in a real browser: a failed rebuild shows its error over the last good
// page, and fixing the file reloads the page by itself.
// Usage: node tests/browser/reload.mjs PATH/TO/plainsite SITE_DIR
import { spawn } from "node:child_process";
import { writeFileSync, readFileSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const [, , exe, site] = process.argv;
// The site gets French: the error over a French page is in French.
writeFileSync(path.join(site, "site.toml"), readFileSync(path.join(site, "site.toml"), "utf8") +
  "\n[languages.fr]\ntitle = \"Site d'essai\"\ndescription = \"Un petit site pour les tests.\"\n");
writeFileSync(path.join(site, "content/guide/second.fr.md"), "---\ntitle: Deuxième page\nweight: 2\n---\n\nRetour à [la première page](first.md#first-part).\n");
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(exe, ["serve", "--port", String(port)], { cwd: site, stdio: ["ignore", "ignore", "pipe"] });
let log = "";
await new Promise((resolve, reject) => {
  const t = setTimeout(() => reject(new Error("serve did not start:\n" + log)), 30000);
  server.stderr.on("data", (d) => {
    log += d;
    if (log.includes("Serving the site at")) {
      clearTimeout(t);
      resolve();
    }
  });
});
let passed = 0;
let failed = 0;
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-reload-")), {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const file = path.join(site, "content/guide/second.md");
  const good = readFileSync(file, "utf8");
  await page.goto(`http://127.0.0.1:${port}/guide/second/`);
  // A French page, and one whose words cannot be fetched (English then).
  const french = await context.newPage();
  await french.goto(`http://127.0.0.1:${port}/fr/guide/second/`);
  const cut = await context.newPage();
  await cut.route("**/__plainsite/words.json*", (route) => route.abort());
  await cut.goto(`http://127.0.0.1:${port}/fr/guide/second/`);
  await page.waitForTimeout(300);
  writeFileSync(file, "---\ntitle: [broken\n---\n");
  await page.waitForSelector("#plainsite-build-error", { timeout: 15000 });
  const text = await page.textContent("#plainsite-build-error");
  const role = await page.getAttribute("#plainsite-build-error", "role");
  const ok1 = text.includes("content/guide/second.md:2:") && role === "alert" && (await page.title()).startsWith("Second page") &&
    text.startsWith("The site did not build.");
  ok1 ? passed++ : (failed++, console.error(`FAIL the error shows over the last good page\n  ${text}`));
  await french.waitForSelector("#plainsite-build-error", { timeout: 15000 });
  await french.waitForFunction(() => document.querySelector("#plainsite-build-error strong").textContent.startsWith("Le site"), null, { timeout: 5000 }).catch(() => {});
  const fr = await french.textContent("#plainsite-build-error strong");
  const frOk = fr === "Le site n'a pas pu être construit. La page montre encore la dernière bonne version." &&
    (await french.textContent("#plainsite-build-error pre")).includes("content/guide/second.md:2:");
  frOk ? passed++ : (failed++, console.error(`FAIL the error over a French page is in French\n  ${fr}`));
  await cut.waitForSelector("#plainsite-build-error", { timeout: 15000 });
  const en = await cut.textContent("#plainsite-build-error strong");
  en === "The site did not build. It still shows the last good version." ? passed++
    : (failed++, console.error(`FAIL without its words the error is in English\n  ${en}`));
  await french.close();
  await cut.close();
  writeFileSync(file, good.replace("title: Second page", "title: Fixed page"));
  await page.waitForFunction(() => document.title.startsWith("Fixed page"), null, { timeout: 15000 });
  const gone = (await page.$("#plainsite-build-error")) === null;
  gone ? passed++ : (failed++, console.error("FAIL the page reloads without the error once fixed"));
  writeFileSync(file, good);
} catch (e) {
  failed++;
  console.error(`FAIL ${e.message}\n${log.slice(-2000)}`);
} finally {
  await context.close();
  server.kill();
}
console.log(`reload: ${passed} passed, ${failed} failed`);
// The last line, for tests/run.sh to add up.
console.log(`RESULT passed=${passed} failed=${failed}`);
process.exit(failed === 0 ? 0 : 1);
