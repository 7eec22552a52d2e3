// The slides in Debian's Chromium: keys move between slides and change the address,
// the presenter view shows the notes, text is at least 28 px on a 1920 x 1080 screen
// (a chart's too), every slide fits 1280 x 720, 1366 x 768 and 1920 x 1080 with its
// counter in view,
// axe finds nothing on any slide (normal and presenter view), the deck is a scrolling
// stack without JavaScript, and the one-file copy works from a folder of its own with
// the network cut off. Screenshots of every slide go to tests/artifacts/slides.
// Usage: node tests/browser/slides.mjs SITE_OUTPUT_DIR DECK_PATH (e.g. public slides/)
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const [, , outDir, deckPath] = process.argv;
const deckDir = path.resolve(outDir, deckPath);
const deckUrl = pathToFileURL(path.join(deckDir, "index.html")).href;
const offlineName = path.basename(deckDir) + ".html";
const artifacts = path.resolve(here, "..", "artifacts", "slides");
mkdirSync(artifacts, { recursive: true });
const axeSource = readFileSync(path.join(here, "node_modules", "axe-core", "axe.min.js"), "utf8");
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

let passed = 0;
let failed = 0;
const check = (ok, what, detail = "") => {
  if (ok) passed++;
  else {
    failed++;
    console.error(`FAIL ${what}${detail ? "\n  " + detail : ""}`);
  }
};

async function launch(options = {}) {
  return chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), "plainsite-slides-")), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1920, height: 1080 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    ...options,
  });
}

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, tags);
  check(violations.length === 0, `axe on the slides (${label})`, violations.join("\n  "));
}

const hash = (page) => page.evaluate(() => window.location.hash);

// Opens slide n through the address, as a shared link would, and waits until the deck
// has made it the current slide (hashchange arrives after the script that set it).
async function showSlide(page, n) {
  await page.evaluate((n) => { window.location.hash = `#slide-${n}`; }, n);
  await page.waitForFunction((n) => document.getElementById(`slide-${n}`).classList.contains("is-current"), n, { timeout: 5000 });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

// 1. Keyboard, address, presenter view, text size, axe, screenshots.
// Reduced motion: slides jump instead of gliding, so each screenshot shows one slide.
let context = await launch({ bypassCSP: true, reducedMotion: "reduce" });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(deckUrl);
  const count = await page.locator(".slide").count();
  check(count >= 3, `the deck has slides (${count})`);
  await page.keyboard.press("End");
  check((await hash(page)) === `#slide-${count}`, "End goes to the last slide", await hash(page));
  await page.keyboard.press("Home");
  check((await hash(page)) === "#slide-1", "Home goes to the first slide", await hash(page));
  const steps = [["ArrowRight", 2], ["PageDown", 3], ["Space", 4], ["ArrowDown", 5], ["PageUp", 4], ["ArrowLeft", 3], ["ArrowUp", 2]];
  for (const [key, n] of steps) {
    await page.keyboard.press(key);
    check((await hash(page)) === `#slide-${n}`, `${key} moves to slide ${n}`, await hash(page));
  }
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check(focused === "slide-2", "focus follows the current slide", focused);
  const status = await page.textContent(".deck-status");
  check(/^2 of \d+: \S/.test(status), "a live region says which slide is shown", status);
  // Scrolling the stack (a touch screen, a mouse wheel) moves the current slide too.
  await page.evaluate(() => window.scrollTo(0, document.getElementById("slide-5").offsetTop));
  const scrolled = await page.waitForFunction(() => window.location.hash === "#slide-5", null, { timeout: 5000 }).then(() => true, () => false);
  check(scrolled, "scrolling to slide 5 makes it the current slide", await hash(page));
  // Each slide: screenshot, and no body text under 28 px at 1920 x 1080.
  for (let n = 1; n <= count; n++) {
    await showSlide(page, n);
    await page.screenshot({ path: path.join(artifacts, `slide-${n}.png`) });
    const small = await page.evaluate((n) => {
      const slide = document.getElementById(`slide-${n}`);
      const out = [];
      for (const el of slide.querySelectorAll(".slide-inner p, .slide-inner li, .slide-inner h1, .slide-inner h2, .slide-inner figcaption")) {
        if (el.closest(".chart-data, .visually-hidden") || el.getClientRects().length === 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (el.textContent.trim() && size < 28) out.push(`${el.tagName} ${size}px: ${el.textContent.trim().slice(0, 40)}`);
      }
      return out;
    }, n);
    check(small.length === 0, `slide ${n}: text at least 28 px`, small.join("\n  "));
  }
  // Every slide fits the screens a room has, its counter and frame in view; a chart's
  // own text (in the SVG, scaled to the slide) is at least 28 px at 1920 x 1080.
  for (const [width, height] of [[1280, 720], [1366, 768], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    for (let n = 1; n <= count; n++) {
      await showSlide(page, n);
      if (width !== 1920) await page.screenshot({ path: path.join(artifacts, `slide-${n}-${width}x${height}.png`) });
      const fit = await page.evaluate((n) => {
        const slide = document.getElementById(`slide-${n}`);
        const r = slide.getBoundingClientRect();
        const counter = slide.querySelector(".slide-number").getBoundingClientRect();
        const inner = slide.querySelector(".slide-inner").getBoundingClientRect();
        const svgText = [...slide.querySelectorAll("svg.chart-svg text")].map((t) => parseFloat(t.getAttribute("font-size")) * t.ownerSVGElement.getScreenCTM().a);
        return {
          height: Math.round(r.height),
          counter: counter.bottom <= innerHeight + 0.5 && counter.right <= innerWidth + 0.5 && counter.top >= inner.bottom - 1,
          frame: inner.right <= innerWidth + 0.5 && document.documentElement.scrollWidth <= innerWidth,
          chartText: svgText.length ? Math.min(...svgText) : null,
        };
      }, n);
      check(fit.height <= height + 1, `slide ${n} fits ${width} x ${height}`, `it is ${fit.height} px tall`);
      check(fit.counter && fit.frame, `slide ${n}: counter and frame in view at ${width} x ${height}`, JSON.stringify(fit));
      if (width === 1920 && fit.chartText !== null) {
        check(fit.chartText >= 28, `slide ${n}: chart text at least 28 px at 1920 x 1080`, `${fit.chartText.toFixed(1)} px`);
        console.log(`slide ${n}: chart text ${fit.chartText.toFixed(1)} px at 1920 x 1080`);
      }
    }
  }
  const notesHidden = await page.evaluate(() => [...document.querySelectorAll(".slide-notes")].every((n) => getComputedStyle(n).display === "none"));
  check(notesHidden, "speaker notes stay off the slides");
  await axe(page, "slides");
  await page.keyboard.press("Home");
  const withNotes = await page.evaluate(() => {
    const i = [...document.querySelectorAll(".slide")].findIndex((s) => s.querySelector(".slide-notes"));
    return i + 1;
  });
  check(withNotes > 0, "some slide has speaker notes");
  await showSlide(page, withNotes);
  await page.keyboard.press("p");
  const presenter = await page.evaluate((n) => {
    const notes = document.querySelector(`#slide-${n} .slide-notes`);
    return document.body.classList.contains("presenter") && getComputedStyle(notes).display !== "none";
  }, withNotes);
  check(presenter, "P opens the presenter view with the notes");
  await page.screenshot({ path: path.join(artifacts, "presenter.png") });
  await axe(page, "presenter view");
  await page.keyboard.press("p");
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: path.join(artifacts, "handouts.pdf"), format: "A4" });
  const printedNotes = await page.evaluate(() => [...document.querySelectorAll(".slide-notes")].every((n) => getComputedStyle(n).display !== "none"));
  check(printedNotes, "handouts print the notes under each slide");
  await page.emulateMedia({ media: "screen" });
} catch (e) {
  check(false, e.message);
} finally {
  await context.close();
}

// 2. Without JavaScript: a stack of full-screen slides that snap as they scroll.
context = await launch({ javaScriptEnabled: false });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(deckUrl + "#slide-3");
  await page.waitForTimeout(1500);
  const stack = await page.evaluate(() => ({
    snap: getComputedStyle(document.documentElement).scrollSnapType,
    tall: [...document.querySelectorAll(".slide")].every((s) => s.getBoundingClientRect().height >= window.innerHeight - 1),
    top: Math.round(document.getElementById("slide-3").getBoundingClientRect().top),
  }));
  check(stack.snap.includes("y") && stack.snap.includes("mandatory"), "without JavaScript the slides snap", stack.snap);
  check(stack.tall, "each slide fills the screen");
  check(Math.abs(stack.top) < 2, "#slide-3 opens at slide 3 without JavaScript", String(stack.top));
} catch (e) {
  check(false, e.message);
} finally {
  await context.close();
}

// 3. The one-file copy, alone in a folder, with every network request refused.
const alone = mkdtempSync(path.join(tmpdir(), "plainsite-usb-"));
copyFileSync(path.join(deckDir, offlineName), path.join(alone, offlineName));
context = await launch();
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const requests = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") && url.includes(offlineName)) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const violations = [];
  page.on("console", (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  await page.goto(pathToFileURL(path.join(alone, offlineName)).href);
  await page.waitForTimeout(300);
  const state = await page.evaluate(async () => {
    await document.fonts.ready;
    return {
      font: document.fonts.check('700 32px "Atkinson Hyperlegible"'),
      styled: document.getElementById("slide-1").getBoundingClientRect().height >= window.innerHeight - 1,
      charts: document.querySelectorAll(".slide svg.chart-svg").length,
      qr: document.querySelectorAll(".slide svg.qr-code").length,
    };
  });
  await page.keyboard.press("ArrowRight");
  check((await hash(page)) === "#slide-2", "the one-file slides move by keyboard", await hash(page));
  check(requests.length === 0, "the one-file slides load nothing else", requests.join("\n  "));
  check(violations.length === 0, "the one-file slides break no security policy", violations.join("\n  "));
  check(state.font && state.styled, "the one-file slides have their fonts and styles", JSON.stringify(state));
  check(state.charts >= 1 && state.qr === 1, "the one-file slides show the charts and the QR code", JSON.stringify(state));
  await page.screenshot({ path: path.join(artifacts, "offline-slide-2.png") });
} catch (e) {
  check(false, e.message);
} finally {
  await context.close();
}

console.log(`slides: ${passed} passed, ${failed} failed`);
// The last line, for tests/run.sh to add up.
console.log(`RESULT passed=${passed} failed=${failed}`);
process.exit(failed ? 1 : 0);
