// The browser's stems of words: the theme's Snowball stemmer of one language (the
// files search.js loads from snowball/) over the words on standard input, one a line,
// each lowercased as search.js does before stemming. Prints one stem a line.
// Usage: node tests/browser/stems.mjs SNOWBALL_DIR NAME < WORDS (NAME: english, french)
// Run by tests/search.rs, which requires the build's stems (rust-stemmers) to be the same.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [, , dir, name] = process.argv;
// The files are plain scripts that define globals, as in a page.
for (const file of ["base-stemmer.js", `${name}-stemmer.js`]) {
  vm.runInThisContext(readFileSync(path.join(dir, file), "utf8"), { filename: file });
}
const Make = globalThis[name.charAt(0).toUpperCase() + name.slice(1) + "Stemmer"];
const stemmer = new Make();
const words = readFileSync(0, "utf8").split("\n");
if (words[words.length - 1] === "") words.pop();
process.stdout.write(words.map((w) => stemmer.stemWord(w.toLowerCase())).join("\n") + "\n");
