// Runs a built site's search.js in Node, with as much of a page as the script uses (a
// form with its field, status and results, script elements that load files of the
// output folder as a browser does from file://), and prints for each query one JSON
// line: the query, the count the live region announces, and the results' titles,
// addresses and whole text (with the sentence shown) in order.
// Usage: node tests/browser/query.mjs OUTPUT_DIR LANG QUERY... (run by tests/search.rs)
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [, , out, lang, ...queries] = process.argv;
const root = "file://" + path.resolve(out) + "/";

class Element {
  constructor(tag) {
    this.tag = tag;
    this.children = [];
    this.attrs = {};
    this.listeners = {};
    this.text = "";
  }
  appendChild(child) {
    this.children.push(child);
    if (child.tag === "script") run(child);
    return child;
  }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return this.attrs[k] ?? null; }
  removeAttribute(k) { delete this.attrs[k]; }
  addEventListener(type, f) { (this.listeners[type] ??= []).push(f); }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(""); }
  set textContent(v) { this.text = String(v); this.children = []; }
  querySelectorAll(tag) {
    const found = [];
    const walk = (e) => e.children.forEach((c) => { if (c.tag === tag) found.push(c); walk(c); });
    walk(this);
    return found;
  }
  focus() {}
}

// A script element's file, run as the page would run it, after the current task.
function run(script) {
  setImmediate(() => {
    try {
      const file = path.join(out, script.src.slice(root.length));
      vm.runInThisContext(readFileSync(file, "utf8"), { filename: file });
      script.onload?.();
    } catch (e) {
      script.onerror?.(e);
    }
  });
}

const input = new Element("input");
const status = new Element("div");
const panel = new Element("div");
const form = new Element("form");
Object.assign(form.attrs, { "data-lang": lang, "data-none": "0", "data-one": "1", "data-many": "{n}" });
form.querySelector = (s) => (s.startsWith("input") ? input : s === ".search-status" ? status : s === ".search-results" ? panel : null);
globalThis.self = globalThis;
globalThis.location = { protocol: "file:" };
globalThis.requestAnimationFrame = (f) => setImmediate(f);
globalThis.document = {
  currentScript: { src: root + "search.js" },
  querySelector: () => form,
  createElement: (tag) => new Element(tag),
  createTextNode: (text) => Object.assign(new Element("#text"), { text }),
  head: new Element("head"),
  activeElement: null,
};
vm.runInThisContext(readFileSync(path.join(out, "search.js"), "utf8"));

for (const query of queries) {
  input.value = query;
  // Not a key typed: the count is announced at once.
  await Promise.all(input.listeners.input.map((f) => f({ type: "change" })));
  // The sentences follow once their files have loaded: the list is busy until then.
  for (let waited = 0; panel.getAttribute("aria-busy") === "true" && waited < 5000; waited += 5) {
    await new Promise((r) => setTimeout(r, 5));
  }
  const list = panel.children[0];
  const results = (list ? list.children : []).map((li) => {
    const a = li.children[0];
    return [a.textContent, a.href.slice(root.length), li.textContent];
  });
  console.log(JSON.stringify({ query, count: status.textContent, results }));
}
process.exit(0);
