//! The shape of `src/`, checked: imports point only down the stage order, no module
//! circle, no long function without a reason, every file opens with a doc comment.
//!
//! The test reads the source text itself (no compiler plugin): comments and string
//! literals are blanked out, the rest is split into tokens, and `use crate::...`,
//! `crate::x::` and `super::` paths become edges between top-level modules and between
//! files. Paths in backticks in comments (rustdoc links such as `` [`crate::a::f`] ``)
//! count too: rustdoc resolves them, and docs pointing up the stages are a circle for a
//! reader. The file-level circle count runs across all stages
//! (`cargo test --test architecture circle`). The stage
//! order is the const [`STAGES`] below; moving a module between stages is one line there.
//!
//! Code under `#[cfg(test)]` is left out of the import graph: a unit test may build a
//! whole site through the pipeline without making its module depend on it. `main.rs` is
//! the binary above everything and is only checked for its doc comment and lengths.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages from the bottom (imports nothing above it) to the top, each with the
/// top-level modules of `src/` that belong to it. A module may import its own stage and
/// any stage listed before it. After the restructure of issue 12 each stage is one folder.
const STAGES: &[(&str, &[&str])] = &[
    ("text", &["text"]),
    ("load", &["load"]),
    ("model", &["model"]),
    ("charts", &["charts"]),
    ("markdown", &["markdown"]),
    ("checks", &["checks"]),
    ("theme", &["theme"]),
    ("outputs", &["outputs"]),
    ("write", &["write"]),
    ("pipeline", &["pipeline"]),
    ("server", &["server"]),
    ("cmd", &["cmd"]),
];

/// A function longer than this many lines needs a comment just above it that says why.
const MAX_FN_LINES: usize = 80;
/// The functions allowed to stay long, as (file under `src/`, function name); each also
/// says why in a "Long because" comment above it. Take a function off the list when it
/// is split.
const LONG_FUNCTIONS: &[(&str, &str)] = &[
    ("cmd/serve.rs", "execute"),
    ("pipeline/language.rs", "load"),
    ("load/people.rs", "words"),
    ("charts/accessible.rs", "describe"),
    ("charts/accessible.rs", "rows"),
    ("charts/layout.rs", "grouped"),
    ("charts/layout.rs", "pathway"),
    ("charts/spec.rs", "check_limits"),
    ("checks/html_a11y.rs", "check_page"),
    ("load/discover.rs", "discover"),
    ("load/frontmatter.rs", "validate"),
    ("markdown/mod.rs", "resolve_link"),
    ("model/mod.rs", "build"),
    ("model/mod.rs", "add_generated"),
    ("text/html_scan.rs", "scan_and_rewrite_with"),
];
/// The words that comment must contain (case-insensitive), e.g.
/// `// Long because the 18 states share one match; split per block in issue 12.`
const LONG_MARKER: &str = "long because";

// ---------------------------------------------------------------------------------
// Source text: comments and literals blanked, tokens with line numbers.
// ---------------------------------------------------------------------------------

/// `text` with every comment and the inside of every string and char literal replaced
/// by spaces, newlines kept, so token lines stay the lines of the file.
fn blank_comments_and_strings(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    while i < c.len() {
        let next = c.get(i + 1).copied();
        if c[i] == '/' && next == Some('/') {
            while i < c.len() && c[i] != '\n' {
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '/' && next == Some('*') {
            let mut depth = 0usize;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(&c, i) {
            // r"..." / r#"..."#: no escapes, ends at a quote and as many hashes.
            let open = 1 + hashes + 1;
            for _ in 0..open {
                out.push(' ');
            }
            i += open;
            while i < c.len() {
                if c[i] == '"' && (0..hashes).all(|k| c.get(i + 1 + k) == Some(&'#')) {
                    for _ in 0..=hashes {
                        out.push(' ');
                    }
                    i += 1 + hashes;
                    break;
                }
                blank(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '"' {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' && i + 1 < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                blank(&mut out, c[i]);
                i += 1;
            }
            if i < c.len() {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '\'' && is_char_literal(&c, i) {
            out.push(' ');
            i += 1;
            while i < c.len() && c[i] != '\'' {
                if c[i] == '\\' && i + 1 < c.len() {
                    out.push(' ');
                    i += 1;
                }
                blank(&mut out, c[i]);
                i += 1;
            }
            if i < c.len() {
                out.push(' ');
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn is_ident_char(ch: char) -> bool {
    ch.is_alphanumeric() || ch == '_'
}

/// At `r"`, `r#"`, `br"`, `cr#"`... (the `r` at `i`): how many `#` the string uses.
fn raw_string_start(c: &[char], i: usize) -> Option<usize> {
    if c[i] != 'r' {
        return None;
    }
    let before = i.checked_sub(1).map(|p| c[p]);
    let prefix_ok = match before {
        None => true,
        Some('b') | Some('c') => i < 2 || !is_ident_char(c[i - 2]),
        Some(ch) => !is_ident_char(ch),
    };
    if !prefix_ok {
        return None;
    }
    let mut j = i + 1;
    while c.get(j) == Some(&'#') {
        j += 1;
    }
    (c.get(j) == Some(&'"')).then_some(j - i - 1)
}

/// A `'` at `i` opens a char literal (`'a'`, `'\n'`, `'{'`), not a lifetime (`'a`).
fn is_char_literal(c: &[char], i: usize) -> bool {
    matches!(
        (c.get(i + 1), c.get(i + 2)),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}

#[derive(Debug, Clone, PartialEq)]
struct Token {
    text: String,
    line: usize,
}

/// Identifiers, `::` and single punctuation characters of blanked text, with 1-based lines.
fn tokens(blanked: &str) -> Vec<Token> {
    let c: Vec<char> = blanked.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if is_ident_char(ch) {
            let start = i;
            while i < c.len() && is_ident_char(c[i]) {
                i += 1;
            }
            out.push(Token {
                text: c[start..i].iter().collect(),
                line,
            });
        } else if ch == ':' && c.get(i + 1) == Some(&':') {
            out.push(Token {
                text: "::".into(),
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                text: ch.to_string(),
                line,
            });
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Imports
// ---------------------------------------------------------------------------------

/// One reference from a file to a top-level module of the crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    line: usize,
    target: String,
}

/// Marks the tokens inside `#[cfg(test)]` items (the attribute and the braced item
/// after it), which the import graph leaves out.
fn test_only_mask(toks: &[Token]) -> Vec<bool> {
    let mut mask = vec![false; toks.len()];
    let t = |k: usize| toks.get(k).map(|x| x.text.as_str()).unwrap_or("");
    let mut i = 0;
    while i < toks.len() {
        let is_cfg_test = t(i) == "#"
            && t(i + 1) == "["
            && t(i + 2) == "cfg"
            && t(i + 3) == "("
            && t(i + 4) == "test"
            && t(i + 5) == ")"
            && t(i + 6) == "]";
        if !is_cfg_test {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 7;
        while j < toks.len() && t(j) != "{" && t(j) != ";" {
            j += 1;
        }
        if t(j) == "{" {
            j = matching_brace(toks, j);
        }
        for m in mask.iter_mut().take(j.min(toks.len() - 1) + 1).skip(start) {
            *m = true;
        }
        i = j + 1;
    }
    mask
}

/// The index of the `}` closing the `{` at `open` (or the last token).
fn matching_brace(toks: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, tok) in toks.iter().enumerate().skip(open) {
        match tok.text.as_str() {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return k;
                }
            }
            _ => {}
        }
    }
    toks.len().saturating_sub(1)
}

/// The paths a `use` tree starting at `i` (just after `use`) names, each with the line
/// of its last segment, and the index after the closing `;`.
fn use_paths(toks: &[Token], mut i: usize) -> (Vec<(Vec<String>, usize)>, usize) {
    let mut paths = Vec::new();
    let mut prefix: Vec<Vec<String>> = vec![Vec::new()];
    let mut current: Vec<String> = Vec::new();
    let mut line = toks.get(i).map(|t| t.line).unwrap_or(0);
    let mut flush = |prefix: &[Vec<String>], current: &mut Vec<String>, line: usize| {
        if !current.is_empty() {
            let mut p: Vec<String> = prefix.concat();
            p.append(current);
            paths.push((p, line));
        }
    };
    while i < toks.len() {
        let tok = &toks[i];
        match tok.text.as_str() {
            ";" => {
                flush(&prefix, &mut current, line);
                return (paths, i + 1);
            }
            "{" => {
                prefix.push(std::mem::take(&mut current));
            }
            "}" => {
                flush(&prefix, &mut current, line);
                prefix.pop();
            }
            "," => flush(&prefix, &mut current, line),
            "::" => {}
            "as" => {
                // `use a::b as c`: the alias is not a path segment.
                i += 1;
            }
            s => {
                current.push(s.to_string());
                line = tok.line;
            }
        }
        i += 1;
    }
    (paths, i)
}

/// Where a path written in module `module` (segments of the file's module path, inline
/// modules included) points, as a path from the crate root, if it starts at the crate
/// (`crate::`, `super::`, `self::`). With `plain`, any other path is taken as relative
/// to `module` (a child module named without `self::`).
fn absolute(module: &[String], path: &[String], plain: bool) -> Option<Vec<String>> {
    let first = path.first()?.as_str();
    let rest: Vec<String> = match first {
        "crate" => path[1..].to_vec(),
        "self" => module.iter().chain(path[1..].iter()).cloned().collect(),
        "super" => {
            let supers = path.iter().take_while(|s| *s == "super").count();
            let kept = module.len().checked_sub(supers)?;
            module[..kept]
                .iter()
                .chain(path[supers..].iter())
                .cloned()
                .collect()
        }
        _ if plain => module.iter().chain(path.iter()).cloned().collect(),
        _ => return None,
    };
    Some(rest)
}

/// The top-level module a path written in module `module` reaches, if it starts at the
/// crate.
fn resolve(module: &[String], path: &[String]) -> Option<String> {
    absolute(module, path, false)?.into_iter().next()
}

/// A path written in a file: its line, the module it is written in (the file's, with
/// inline modules) and its segments as written.
struct RawPath {
    line: usize,
    here: Vec<String>,
    path: Vec<String>,
}

/// Every path in `use` items and every `a::b` path in code of a file in module
/// `module`, skipping code under `#[cfg(test)]`.
fn raw_paths(text: &str, module: &[String]) -> Vec<RawPath> {
    let toks = tokens(&blank_comments_and_strings(text));
    let test_only = test_only_mask(&toks);
    let mut found = Vec::new();
    // Inline `mod name {` blocks: (name, brace depth at which it closes).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let here = |inline: &[(String, usize)]| -> Vec<String> {
        module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(n, _)| n.clone()))
            .collect()
    };
    let test_lines: BTreeSet<usize> = toks
        .iter()
        .zip(&test_only)
        .filter(|(_, t)| **t)
        .map(|(tok, _)| tok.line)
        .collect();
    found.extend(
        doc_link_paths(text)
            .into_iter()
            .filter(|(line, _)| !test_lines.contains(line))
            .map(|(line, path)| RawPath {
                line,
                here: module.to_vec(),
                path,
            }),
    );
    while i < toks.len() {
        let t = toks[i].text.as_str();
        let next = toks.get(i + 1).map(|x| x.text.as_str()).unwrap_or("");
        let after = toks.get(i + 2).map(|x| x.text.as_str()).unwrap_or("");
        match t {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            "mod" if after == "{" => {
                inline.push((next.to_string(), depth));
                depth += 1;
                i += 3;
                continue;
            }
            "use" => {
                let (paths, end) = use_paths(&toks, i + 1);
                if !test_only[i] {
                    for (path, line) in paths {
                        let here = here(&inline);
                        found.push(RawPath { line, here, path });
                    }
                }
                i = end;
                continue;
            }
            _ if next == "::" && !test_only[i] && t.chars().all(is_ident_char) => {
                let prev = i.checked_sub(1).map(|p| toks[p].text.as_str());
                if prev != Some("::") && prev != Some("$") {
                    let mut path = vec![t.to_string()];
                    let mut k = i + 1;
                    while toks.get(k).is_some_and(|x| x.text == "::")
                        && toks
                            .get(k + 1)
                            .is_some_and(|x| x.text.chars().all(is_ident_char))
                    {
                        path.push(toks[k + 1].text.clone());
                        k += 2;
                    }
                    let line = toks[i].line;
                    found.push(RawPath {
                        line,
                        here: here(&inline),
                        path,
                    });
                    i = k;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The paths named in backticks in comments (rustdoc's links, `` [`crate::a::f`] ``),
/// with their 1-based lines: only those starting at `crate::`, `super::` or `self::`.
/// Rustdoc resolves them, so a module's docs pointing at a file depend on it as code
/// does. (Paths inside inline modules are taken from the file's module: docs there are
/// rare and point down.)
fn doc_link_paths(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(comment) = line.trim_start().strip_prefix("//") else {
            continue;
        };
        for quoted in comment.split('`').skip(1).step_by(2) {
            let path: Vec<String> = quoted
                .split("::")
                .map(|seg| seg.chars().take_while(|c| is_ident_char(*c)).collect())
                .collect();
            let starts = matches!(
                path.first().map(String::as_str),
                Some("crate" | "super" | "self")
            );
            if starts && path.len() > 1 && path.iter().all(|s| !s.is_empty()) {
                out.push((n + 1, path));
            }
        }
    }
    out
}

/// Every reference to a top-level module from a file in module `module`, skipping code
/// under `#[cfg(test)]`. Only names in `known` (the crate's top-level modules) count.
fn imports_of(text: &str, module: &[String], known: &BTreeSet<String>) -> Vec<Import> {
    raw_paths(text, module)
        .into_iter()
        .filter_map(|p| {
            let target = resolve(&p.here, &p.path)?;
            known.contains(&target).then_some(Import {
                line: p.line,
                target,
            })
        })
        .collect()
}

/// The files of `src/` a file in module `module` refers to, by their module paths
/// (`files`), each with the line of the reference: the longest file module each path
/// starts with.
fn file_imports(
    text: &str,
    module: &[String],
    files: &BTreeSet<Vec<String>>,
) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for p in raw_paths(text, module) {
        let Some(abs) = absolute(&p.here, &p.path, true) else {
            continue;
        };
        let target = (1..=abs.len())
            .rev()
            .map(|n| abs[..n].to_vec())
            .find(|m| files.contains(m));
        if let Some(target) = target.filter(|t| t.as_slice() != module) {
            out.push((p.line, target));
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Long functions
// ---------------------------------------------------------------------------------

/// A function: its name, the line of `fn` and how many lines it spans to its `}`.
#[derive(Debug, Clone, PartialEq)]
struct FnSpan {
    name: String,
    line: usize,
    lines: usize,
}

/// Every function with a body (`fn name ... { ... }`), nested ones included.
fn functions(text: &str) -> Vec<FnSpan> {
    let toks = tokens(&blank_comments_and_strings(text));
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if toks[i].text != "fn" {
            continue;
        }
        let Some(name) = toks
            .get(i + 1)
            .filter(|t| t.text.chars().all(is_ident_char))
        else {
            continue; // `fn(` is a function-pointer type
        };
        // The body is the first `{` outside parentheses, unless a `;` ends a declaration.
        let mut parens = 0i32;
        let mut k = i + 2;
        while k < toks.len() {
            match toks[k].text.as_str() {
                "(" | "[" => parens += 1,
                ")" | "]" => parens -= 1,
                "{" if parens == 0 => break,
                ";" if parens == 0 => break,
                _ => {}
            }
            k += 1;
        }
        if toks.get(k).is_some_and(|t| t.text == "{") {
            let end = matching_brace(&toks, k);
            let lines = toks[end].line - toks[i].line + 1;
            out.push(FnSpan {
                name: name.text.clone(),
                line: toks[i].line,
                lines,
            });
        }
    }
    out
}

/// Whether the comments and attributes right above line `fn_line` (1-based) say why the
/// function is long.
fn has_long_marker(text: &str, fn_line: usize) -> bool {
    let lines: Vec<&str> = text.lines().collect();
    let mut k = fn_line.saturating_sub(1);
    while k > 0 {
        let above = lines.get(k - 1).map(|l| l.trim()).unwrap_or("");
        let is_comment =
            above.starts_with("//") || above.starts_with("/*") || above.starts_with('*');
        if is_comment && above.to_lowercase().contains(LONG_MARKER) {
            return true;
        }
        if !(is_comment || above.starts_with("#[")) {
            return false;
        }
        k -= 1;
    }
    false
}

// ---------------------------------------------------------------------------------
// The crate
// ---------------------------------------------------------------------------------

struct SourceFile {
    /// Relative to `src/`, with `/`.
    rel: String,
    /// Module path: `charts/scene.rs` -> [charts, scene]; `lib.rs` -> [].
    module: Vec<String>,
    text: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn source_files() -> Vec<SourceFile> {
    let root = src_dir();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let rel = path
            .strip_prefix(&root)
            .expect("under src/")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        files.push(SourceFile {
            module: module_path(&rel),
            rel,
            text,
        });
    }
    files
}

/// `a/b.rs` -> [a, b]; `a/mod.rs` -> [a]; `lib.rs` and `main.rs` -> [].
fn module_path(rel: &str) -> Vec<String> {
    let stem = rel.trim_end_matches(".rs");
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn top_level_modules(files: &[SourceFile]) -> BTreeSet<String> {
    files
        .iter()
        .filter_map(|f| f.module.first().cloned())
        .collect()
}

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|(_, mods)| mods.contains(&module))
}

/// (file, line, from module, to module) for every cross-module import in the crate.
fn crate_imports(files: &[SourceFile]) -> Vec<(String, usize, String, String)> {
    let known = top_level_modules(files);
    let mut out = Vec::new();
    for f in files
        .iter()
        .filter(|f| f.rel != "main.rs" && f.rel != "lib.rs")
    {
        let from = f.module[0].clone();
        for imp in imports_of(&f.text, &f.module, &known) {
            if imp.target != from {
                out.push((f.rel.clone(), imp.line, from.clone(), imp.target));
            }
        }
    }
    // `use crate::x::{A, B}` names x twice on one line: one import.
    out.dedup();
    out
}

/// One cycle through each group of modules that reach one another (Tarjan's strongly
/// connected components), as `a -> b -> a`.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges
        .keys()
        .chain(edges.values().flat_map(|s| s.iter()))
        .collect();
    let mut out = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    for start in nodes {
        if done.contains(start) {
            continue;
        }
        if let Some(path) = shortest_cycle(edges, start) {
            done.extend(path.iter().cloned());
            out.push(path);
        }
    }
    out
}

/// The shortest path from `start` back to itself (breadth first), if any.
fn shortest_cycle(
    edges: &BTreeMap<String, BTreeSet<String>>,
    start: &String,
) -> Option<Vec<String>> {
    let mut parent: BTreeMap<String, String> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    while let Some(n) = queue.pop_front() {
        for m in edges.get(&n).into_iter().flatten() {
            if m == start {
                let mut path = vec![start.clone()];
                let mut cur = n.clone();
                while &cur != start {
                    path.push(cur.clone());
                    cur = parent[&cur].clone();
                }
                path.push(start.clone());
                let last = path.len() - 1;
                path[1..last].reverse();
                return Some(path);
            }
            if !parent.contains_key(m) {
                parent.insert(m.clone(), n.clone());
                queue.push_back(m.clone());
            }
        }
    }
    None
}

fn module_graph(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, _, from, to) in crate_imports(files) {
        edges.entry(from).or_default().insert(to);
    }
    edges
}

// ---------------------------------------------------------------------------------
// The checks on src/
// ---------------------------------------------------------------------------------

#[test]
fn every_source_file_opens_with_a_doc_comment() {
    let missing: Vec<String> = source_files()
        .into_iter()
        .filter(|f| !f.text.trim_start().starts_with("//!"))
        .map(|f| {
            format!(
                "src/{}: add a `//!` comment saying the module's role",
                f.rel
            )
        })
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn module_docs_number_their_stage_as_lib_rs_orders_it() {
    let mut wrong = Vec::new();
    for f in source_files() {
        let first = f.text.lines().next().unwrap_or("");
        let Some(rest) = first.strip_prefix("//! Stage ") else {
            continue;
        };
        let number: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let stage = f.module.first().and_then(|m| stage_of(m));
        if number.parse::<usize>().ok() != stage {
            wrong.push(format!(
                "src/{}: says stage {number}; {} is stage {} in STAGES and lib.rs",
                f.rel,
                f.module.first().map_or("", String::as_str),
                stage.map_or("none".into(), |s| s.to_string())
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_top_level_module_has_a_stage() {
    let files = source_files();
    let missing: Vec<String> = top_level_modules(&files)
        .into_iter()
        .filter(|m| stage_of(m).is_none())
        .map(|m| format!("src/{m}: add it to a stage in STAGES (tests/architecture.rs)"))
        .collect();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let found = cycles(&module_graph(&source_files()));
    let text: Vec<String> = found.iter().map(|c| c.join(" -> ")).collect();
    assert!(
        found.is_empty(),
        "import cycles between modules:\n{}",
        text.join("\n")
    );
}

/// The import graph between the files of each stage folder, by module path
/// (`charts::scene`). A folder's `mod.rs` is left out on both ends: it declares the
/// folder's files, lists them (e.g. `outputs::all`) and holds what they share, so it
/// and its files always refer to each other; the circles that matter are between two
/// files of the folder.
fn file_graph(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| !f.module.is_empty()) {
        for (_, target) in file_imports(&f.text, &f.module, &modules) {
            let nested = target.starts_with(&f.module) || f.module.starts_with(&target);
            if target.first() == f.module.first() && !nested {
                edges
                    .entry(f.module.join("::"))
                    .or_default()
                    .insert(target.join("::"));
            }
        }
    }
    edges
}

/// The import graph between all files of `src/`, across stages, by module path. Only
/// the edges between a folder's `mod.rs` and the files under it are left out (see
/// [`file_graph`]); every other reference counts, so a circle through two stages shows.
fn file_graph_all(files: &[SourceFile]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in files.iter().filter(|f| !f.module.is_empty()) {
        for (_, target) in file_imports(&f.text, &f.module, &modules) {
            let nested = target.starts_with(&f.module) || f.module.starts_with(&target);
            if !target.is_empty() && !nested {
                edges
                    .entry(f.module.join("::"))
                    .or_default()
                    .insert(target.join("::"));
            }
        }
    }
    edges
}

/// The strongly connected components with more than one node: each group of nodes that
/// all reach one another, sorted.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    let reach = |start: &String| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.clone()];
        while let Some(n) = stack.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    stack.push(m.clone());
                }
            }
        }
        seen
    };
    let reached: BTreeMap<&String, BTreeSet<String>> =
        edges.keys().map(|n| (n, reach(n))).collect();
    let mut out: Vec<BTreeSet<String>> = Vec::new();
    for (n, from_n) in &reached {
        if out.iter().any(|c| c.contains(*n)) || !from_n.contains(*n) {
            continue;
        }
        let group: BTreeSet<String> = from_n
            .iter()
            .filter(|m| reached.get(m).is_some_and(|r| r.contains(*n)))
            .cloned()
            .collect();
        if group.len() > 1 {
            out.push(group);
        }
    }
    out
}

#[test]
fn no_import_circle_between_files_across_stages() {
    let edges = file_graph_all(&source_files());
    let found = circles(&edges);
    let text: Vec<String> = found
        .iter()
        .map(|group| {
            let names: Vec<&str> = group.iter().map(String::as_str).collect();
            let one = group
                .first()
                .and_then(|start| shortest_cycle(&edges, start))
                .map(|c| c.join(" -> "))
                .unwrap_or_default();
            format!(
                "{} files: {}\n    e.g. {one}",
                group.len(),
                names.join(", ")
            )
        })
        .collect();
    assert!(
        found.is_empty(),
        "{} import circles between files of src/ (move what both use into a file lower down):\n{}",
        found.len(),
        text.join("\n")
    );
}

#[test]
fn no_import_cycle_between_files_of_a_stage() {
    let found = cycles(&file_graph(&source_files()));
    let text: Vec<String> = found.iter().map(|c| c.join(" -> ")).collect();
    assert!(
        found.is_empty(),
        "{} import cycles between files of a stage folder (move what both use into a file both import, or into the folder's mod.rs):\n{}",
        found.len(),
        text.join("\n")
    );
}

#[test]
fn imports_point_only_down_the_stage_order() {
    let mut upward = Vec::new();
    for (file, line, from, to) in crate_imports(&source_files()) {
        let (Some(a), Some(b)) = (stage_of(&from), stage_of(&to)) else {
            continue;
        };
        if b > a {
            upward.push(format!(
                "src/{file}:{line}: stage {} imports stage {} above it ({from} -> {to})",
                STAGES[a].0, STAGES[b].0
            ));
        }
    }
    assert!(
        upward.is_empty(),
        "{} upward imports:\n{}",
        upward.len(),
        upward.join("\n")
    );
}

#[test]
fn no_long_function_without_a_reason() {
    let mut long = Vec::new();
    let mut listed_long = BTreeSet::new();
    for f in source_files() {
        for func in functions(&f.text) {
            if func.lines <= MAX_FN_LINES {
                continue;
            }
            let listed = LONG_FUNCTIONS.contains(&(f.rel.as_str(), func.name.as_str()));
            if listed && has_long_marker(&f.text, func.line) {
                listed_long.insert((f.rel.clone(), func.name.clone()));
                continue;
            }
            long.push(format!(
                "src/{}:{}: fn {} is {} lines; split it, or say \"{LONG_MARKER} ...\" in a comment above it and add it to LONG_FUNCTIONS",
                f.rel, func.line, func.name, func.lines
            ));
        }
    }
    for (file, name) in LONG_FUNCTIONS {
        if !listed_long.contains(&(file.to_string(), name.to_string())) {
            long.push(format!(
                "src/{file}: fn {name} is in LONG_FUNCTIONS but is not over {MAX_FN_LINES} lines (or not there): take it off the list"
            ));
        }
    }
    assert!(
        long.is_empty(),
        "{} long functions:\n{}",
        long.len(),
        long.join("\n")
    );
}

// ---------------------------------------------------------------------------------
// The parser itself, on small strings
// ---------------------------------------------------------------------------------

fn known(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn module(path: &[&str]) -> Vec<String> {
    path.iter().map(|s| s.to_string()).collect()
}

/// The imports of `text` in module `path`, as `line:target`.
fn targets(text: &str, path: &[&str], names: &[&str]) -> Vec<String> {
    imports_of(text, &module(path), &known(names))
        .into_iter()
        .map(|i| format!("{}:{}", i.line, i.target))
        .collect()
}

#[test]
fn paths_in_comments_and_strings_are_not_imports() {
    let text = "// use crate::a::x;\n/* crate::a:: /* nested */ crate::a */\nlet s = \"crate::a::x\";\nlet r = r#\"use crate::a; \"#;\nlet c = '\"'; crate::b::f();\n";
    assert_eq!(targets(text, &["m"], &["a", "b"]), vec!["5:b"]);
}

#[test]
fn use_trees_name_each_module_with_its_line() {
    let text = "use crate::{\n    a::X,\n    b::{c::Y, Z as W},\n};\nuse crate::c;\n";
    assert_eq!(
        targets(text, &["m"], &["a", "b", "c"]),
        vec!["2:a", "3:b", "3:b", "5:c"]
    );
}

#[test]
fn super_resolves_from_the_file_and_its_inline_modules() {
    // In src/charts/scene.rs: super::super::x is the crate's x, super::spec stays in charts.
    let text = "use super::spec::S;\nfn f() { super::super::outputs::g(); }\nmod inner {\n    use super::super::super::write::W;\n}\n";
    assert_eq!(
        targets(text, &["charts", "scene"], &["charts", "outputs", "write"]),
        vec!["1:charts", "2:outputs", "4:write"]
    );
}

#[test]
fn cfg_test_code_is_left_out_of_the_graph() {
    let text = "use crate::a::X;\n#[cfg(test)]\nmod tests {\n    use crate::b::Y;\n}\n#[cfg(test)]\nuse crate::b::Z;\n";
    assert_eq!(targets(text, &["m"], &["a", "b"]), vec!["1:a"]);
}

#[test]
fn lifetimes_and_macro_crate_paths_do_not_confuse_the_parser() {
    let text = "fn f<'a>(x: &'a str) -> &'a str { $crate::b::g(); crate::a::h(x) }\n";
    assert_eq!(targets(text, &["m"], &["a", "b"]), vec!["1:a"]);
}

#[test]
fn function_lengths_run_from_fn_to_its_closing_brace() {
    let text = "trait T { fn decl(&self); }\nfn short() {}\nfn long(\n    x: [u8; 2],\n) -> u8 {\n    let s = \"}\";\n    x[0]\n}\nfn takes(f: fn(u8) -> u8) {}\n";
    let spans: Vec<(String, usize, usize)> = functions(text)
        .into_iter()
        .map(|f| (f.name, f.line, f.lines))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("short".into(), 2, 1),
            ("long".into(), 3, 6),
            ("takes".into(), 9, 1)
        ]
    );
}

#[test]
fn the_long_marker_may_sit_above_attributes_and_doc_comments() {
    let text = "// Long because the states share one match.\n/// Renders.\n#[inline]\nfn f() {}\n\n// unrelated\nfn g() {}\n";
    assert!(has_long_marker(text, 4));
    assert!(!has_long_marker(text, 7));
}

#[test]
fn cycles_are_found_and_printed_in_order() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        edges.entry(a.into()).or_default().insert(b.into());
    }
    assert_eq!(cycles(&edges), vec![module(&["a", "b", "c", "a"])]);
    if let Some(s) = edges.get_mut("c") {
        s.remove("a");
    }
    assert!(cycles(&edges).is_empty());
}

#[test]
fn circles_are_the_groups_that_reach_one_another() {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (a, b) in [
        ("a", "b"),
        ("b", "a"),
        ("c", "d"),
        ("d", "e"),
        ("e", "c"),
        ("e", "f"),
    ] {
        edges.entry(a.into()).or_default().insert(b.into());
    }
    let set = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        circles(&edges),
        vec![set(&["a", "b"]), set(&["c", "d", "e"])]
    );
}

#[test]
fn module_paths_follow_the_file_tree() {
    assert_eq!(module_path("charts/scene.rs"), module(&["charts", "scene"]));
    assert_eq!(module_path("charts/mod.rs"), module(&["charts"]));
    assert_eq!(module_path("lib.rs"), Vec::<String>::new());
}

/// Build output never depends on the clock (issue 18: review dates come from the files).
/// Only `check --today`'s default (`checks/review.rs::today`, called by `cmd/check.rs`)
/// and the editor's names for kept versions (`server/edit.rs`) read the date.
#[test]
fn only_check_today_and_the_editors_backups_read_the_clock() {
    let clocks = [
        "SystemTime",
        "Utc::now",
        "Local::now",
        "OffsetDateTime::now",
    ];
    let mut readers = BTreeSet::new();
    let mut today_callers = BTreeSet::new();
    for f in source_files() {
        let code = blank_comments_and_strings(&f.text);
        if clocks.iter().any(|c| code.contains(c)) {
            readers.insert(f.rel.clone());
        }
        if code.contains("review::today") {
            today_callers.insert(f.rel);
        }
    }
    assert_eq!(
        readers,
        known(&["checks/review.rs", "server/edit.rs"]),
        "a new reader of the clock: keep the date out of what a build writes"
    );
    assert_eq!(today_callers, known(&["cmd/check.rs"]));
}
