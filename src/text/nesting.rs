//! Shared layer: how deeply HTML may nest. Nobody means a page nested thousands of
//! levels deep (lists or quotes inside each other, `<div>`s never closed), and a
//! browser does not show one: Chrome's parser keeps 512 levels and puts whatever is
//! deeper beside the 512th. Two things went wrong on one here: the readers that walk a
//! parsed page by recursion (the EPUB, Word and plain-text copies) ran out of stack,
//! and html5ever, which safe mode's sanitizer parses with, looks down the elements
//! open at each tag, so 100,000 levels took half a minute.
//!
//! [`flatten`] leaves out, in one pass, the tags that would open elements past
//! [`MAX_DEPTH`] (their text stays, in order), before html5ever reads the page. It
//! follows what the parser closes without an end tag (`<li>` after `<li>`, a `<p>`
//! before a `<div>`, a cell before the next row) and counts the bold or italic the
//! parser opens again after a block closes them, so an ordinary page, however long,
//! is left as it is. [`parse_document`] parses a page so and, as a guarantee for the
//! recursive readers, moves up the text of anything the parser still nested deeper
//! than [`MAX_TREE_DEPTH`].

use std::borrow::Cow;
use std::collections::HashMap;

use super::html_names::{CLOSES_P, FORMATTING, MARKERS, SCOPE, SPECIAL, VOID};
use super::html_scan::{self, lower, TagAt};

/// The deepest nesting kept, as in Chrome's parser.
pub const MAX_DEPTH: usize = 512;

/// The deepest element [`parse_document`] gives: [`MAX_DEPTH`] and the few elements
/// the parser adds on its own (`<html>`, `<body>`, a table's `<tbody>`).
pub const MAX_TREE_DEPTH: usize = MAX_DEPTH + 64;

/// Elements whose start tag the parser merges into the one already open.
const MERGED: &[&str] = &["html", "head", "body"];

/// Elements whose start tag closes an open `<p>` besides [`CLOSES_P`] (whose end
/// tag may not be left out before them).
const ALSO_CLOSES_P: &[&str] = &[
    "center", "dd", "dir", "dt", "li", "listing", "summary", "xmp",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// How far down the open elements a tag closed without its end tag is looked for
/// (the `<li>` a new `<li>` closes is nearly always the element open, or just under
/// it). Past this the element is taken to stay open: the count can only grow.
const REACH: usize = 8;

/// `html` with the tags that would nest past [`MAX_DEPTH`] left out, or as it is
/// when it nests no deeper. Linear work: each element is opened and closed once, and
/// each tag looks at a bounded number of open elements.
pub fn flatten(html: &str) -> Cow<'_, str> {
    let mut nesting = Nesting::default();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut last_end = 0;
    for (range, tag) in html_scan::tags(html) {
        if range.start > last_end {
            nesting.text();
        }
        last_end = range.end;
        let keep = match tag {
            TagAt::Start {
                name,
                markup,
                self_closing,
            } => nesting.start(lower(name), markup, self_closing),
            TagAt::End(name) => nesting.end(&lower(name)),
        };
        if !keep {
            let out = out.get_or_insert_with(|| String::with_capacity(html.len()));
            out.push_str(html.get(copied..range.start).unwrap_or_default());
            copied = range.end;
        }
    }
    match out {
        Some(mut out) => {
            out.push_str(html.get(copied..).unwrap_or_default());
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// Parses a whole page as a browser does (scraper, on html5ever), in time linear in
/// its size however deeply it nests, and with no element deeper than
/// [`MAX_TREE_DEPTH`]: the pages that outputs read back to walk by recursion.
pub fn parse_document(html: &str) -> scraper::Html {
    let mut doc = scraper::Html::parse_document(&flatten(html));
    flatten_tree(&mut doc.tree);
    doc
}

/// Leaves no element deeper than [`MAX_TREE_DEPTH`] in `tree`: the elements below
/// one that deep are taken out, their text kept in its place, in order.
fn flatten_tree(tree: &mut ego_tree::Tree<scraper::Node>) {
    let mut deepest = Vec::new();
    let mut depth = 0usize;
    for edge in tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                depth += 1;
                if depth == MAX_TREE_DEPTH && node.has_children() {
                    deepest.push(node.id());
                }
            }
            ego_tree::iter::Edge::Close(_) => depth -= 1,
        }
    }
    for id in deepest {
        let Some(node) = tree.get(id) else { continue };
        let texts: Vec<_> = node
            .descendants()
            .skip(1)
            .filter(|n| n.value().is_text())
            .map(|n| n.id())
            .collect();
        let children: Vec<_> = node.children().map(|c| c.id()).collect();
        for child in children {
            if let Some(mut child) = tree.get_mut(child) {
                child.detach();
            }
        }
        for text in texts {
            if let Some(mut node) = tree.get_mut(id) {
                node.append_id(text);
            }
        }
    }
}

/// An element open, as [`Nesting`] counts it.
struct Open<'a> {
    name: Cow<'a, str>,
    /// Whether its start tag is kept (it is within [`MAX_DEPTH`]).
    kept: bool,
    /// Whether it is a kept marker.
    marker: bool,
    /// A kept formatting element the parser would open again once a block around it
    /// closes (one it has not forgotten for a fourth like it).
    listed: bool,
    /// Its whole start tag: the parser tells formatting elements apart by it.
    markup: &'a str,
}

/// The elements open in a scope, by name, and where its scope element is.
#[derive(Default)]
struct Scope<'a> {
    /// Index of the element that opened it in [`Nesting::open`] (`None`: the page).
    at: Option<usize>,
    counts: HashMap<Cow<'a, str>, usize>,
}

/// The elements open while a page is read, as html5ever would have them.
struct Nesting<'a> {
    open: Vec<Open<'a>>,
    /// How many of `open` are kept.
    kept: usize,
    /// One for the page, then one for each scope element open.
    scopes: Vec<Scope<'a>>,
    /// Kept formatting elements closed by a block around them, which the parser opens
    /// again at the next text: (name, start tag).
    waiting: Vec<(Cow<'a, str>, &'a str)>,
    /// For each marker open: where in `waiting` it starts, and its place in `open`.
    marks: Vec<(usize, usize)>,
    /// Where the listed formatting elements are in `open`.
    listed: Vec<usize>,
    /// SVG or MathML elements open: there `/>` closes an element.
    foreign: usize,
}

impl Default for Nesting<'_> {
    fn default() -> Self {
        Nesting {
            open: Vec::new(),
            kept: 0,
            scopes: vec![Scope::default()],
            waiting: Vec::new(),
            marks: Vec::new(),
            listed: Vec::new(),
            foreign: 0,
        }
    }
}

impl<'a> Nesting<'a> {
    /// How deep the parser may nest what comes next: the elements open, and those it
    /// may open again.
    fn depth(&self) -> usize {
        self.kept + self.waiting.len()
    }

    /// Where the formatting elements since the innermost marker start, in `waiting`
    /// and in `open`.
    fn since_marker(&self) -> (usize, usize) {
        self.marks.last().copied().unwrap_or((0, 0))
    }

    /// Text: the parser opens the formatting elements waiting again around it.
    fn text(&mut self) {
        let (from, _) = self.since_marker();
        if self.waiting.len() > from {
            let again: Vec<_> = self.waiting.drain(from..).collect();
            for (name, markup) in again {
                self.push(name, true, markup);
            }
        }
    }

    /// A start tag: whether to keep it.
    fn start(&mut self, name: Cow<'a, str>, markup: &'a str, self_closing: bool) -> bool {
        if MERGED.contains(&&*name) {
            return true;
        }
        self.close_implied(&name);
        if !SPECIAL.contains(&&*name) || matches!(&*name, "img" | "br" | "input" | "wbr") {
            self.text();
        }
        // `/>` closes an element in SVG or MathML (and `<svg/>` itself), not in HTML.
        let foreign = self.foreign > 0 || matches!(&*name, "svg" | "math");
        if VOID.contains(&&*name) || (self_closing && foreign) {
            return true;
        }
        self.add_table_parts(&name);
        let kept = self.depth() < MAX_DEPTH;
        if kept && FORMATTING.contains(&&*name) {
            self.forget_fourth(markup);
        }
        self.push(name, kept, markup);
        kept
    }

    /// An end tag: whether to keep it (not when it closes an element left out).
    fn end(&mut self, name: &str) -> bool {
        if MERGED.contains(&name) || VOID.contains(&name) {
            return true;
        }
        let found = match name {
            "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" => {
                self.in_table_scope(name)
            }
            "p" => self.near(name, &["button"]),
            "li" => self.near(name, &["ol", "ul"]),
            _ if SPECIAL.contains(&name) => self.in_scope(name),
            // Any other end tag closes its element only when no special one is open
            // inside it (HTML's "any other end tag").
            _ => self.near(name, SPECIAL),
        };
        if found {
            return self.close(name);
        }
        // An end tag of a formatting element closed earlier: not opened again.
        let (from, _) = self.since_marker();
        if let Some(i) = self.waiting[from..].iter().rposition(|(n, _)| n == name) {
            self.waiting.remove(from + i);
        }
        true
    }

    /// Closes what the start tag `name` closes without an end tag.
    fn close_implied(&mut self, name: &str) {
        let stop_li: &[&str] = &["ol", "ul", "menu"];
        match name {
            "li" => self.close_near("li", stop_li),
            "dd" | "dt" => {
                self.close_near("dd", &["dl"]);
                self.close_near("dt", &["dl"]);
            }
            "a" | "nobr" | "button" => self.close_near(name, &[]),
            "tr" | "tbody" | "thead" | "tfoot" => {
                self.close_cell();
                if self.top_is("tr") {
                    self.close("tr");
                }
                if name != "tr" && ["tbody", "thead", "tfoot"].iter().any(|t| self.top_is(t)) {
                    self.pop_once();
                }
            }
            "td" | "th" => self.close_cell(),
            "option" => self.close_top(&["option"]),
            "optgroup" => self.close_top(&["option", "optgroup"]),
            "rt" | "rp" => self.close_top(&["rt", "rp"]),
            _ => {}
        }
        if CLOSES_P.contains(&name) || ALSO_CLOSES_P.contains(&name) {
            self.close_near("p", &["button"]);
        }
        if HEADINGS.contains(&name) {
            self.close_top(HEADINGS);
        }
    }

    /// The parser's own `<tbody>` and `<tr>` around a row or cell written straight
    /// in a table.
    fn add_table_parts(&mut self, name: &str) {
        let needs: &[&str] = match (name, self.open.last().map(|o| &*o.name)) {
            ("tr", Some("table")) => &["tbody"],
            ("td" | "th", Some("table")) => &["tbody", "tr"],
            ("td" | "th", Some("tbody" | "thead" | "tfoot")) => &["tr"],
            _ => &[],
        };
        for part in needs {
            let kept = self.depth() < MAX_DEPTH;
            self.push(Cow::Borrowed(part), kept, "");
        }
    }

    /// A fourth formatting element like three since the last marker (open or
    /// waiting): the parser forgets the first, which stays open if it is (HTML's
    /// "Noah's Ark clause").
    fn forget_fourth(&mut self, markup: &str) {
        let (from, open_from) = self.since_marker();
        let open: Vec<usize> = (self.listed.iter().copied())
            .filter(|&i| i >= open_from && self.open.get(i).is_some_and(|o| o.markup == markup))
            .collect();
        let waiting: Vec<usize> = (from..self.waiting.len())
            .filter(|&i| self.waiting[i].1 == markup)
            .collect();
        if open.len() + waiting.len() < 3 {
            return;
        }
        match (open.first(), waiting.first()) {
            (Some(&i), _) => {
                if let Some(o) = self.open.get_mut(i) {
                    o.listed = false;
                }
                self.listed.retain(|&j| j != i);
            }
            (None, Some(&i)) => {
                self.waiting.remove(i);
            }
            (None, None) => {}
        }
    }

    fn push(&mut self, name: Cow<'a, str>, kept: bool, markup: &'a str) {
        let at = self.open.len();
        if let Some(scope) = self.scopes.last_mut() {
            *scope.counts.entry(name.clone()).or_default() += 1;
        }
        if SCOPE.contains(&&*name) {
            self.scopes.push(Scope {
                at: Some(at),
                counts: HashMap::new(),
            });
        }
        let marker = kept && MARKERS.contains(&&*name);
        if marker {
            self.marks.push((self.waiting.len(), at));
        }
        let listed = kept && FORMATTING.contains(&&*name);
        if listed {
            self.listed.push(at);
        }
        self.foreign += usize::from(matches!(&*name, "svg" | "math"));
        self.kept += usize::from(kept);
        self.open.push(Open {
            name,
            kept,
            marker,
            listed,
            markup,
        });
    }

    /// Closes the innermost element open; returns it.
    fn pop_once(&mut self) -> Option<Open<'a>> {
        let open = self.open.pop()?;
        if self.scopes.len() > 1 && self.scopes.last().and_then(|s| s.at) == Some(self.open.len()) {
            self.scopes.pop();
        }
        if let Some(n) = self
            .scopes
            .last_mut()
            .and_then(|s| s.counts.get_mut(&open.name))
        {
            *n = n.saturating_sub(1);
        }
        if open.marker {
            if let Some((m, _)) = self.marks.pop() {
                self.waiting.truncate(m);
            }
        }
        if open.listed {
            self.listed.pop();
        }
        self.foreign -= usize::from(matches!(&*open.name, "svg" | "math") && self.foreign > 0);
        self.kept -= usize::from(open.kept);
        Some(open)
    }

    /// Closes elements up to the innermost `name`; returns whether its start tag was
    /// kept. Formatting elements closed on the way wait to be opened again.
    fn close(&mut self, name: &str) -> bool {
        while let Some(open) = self.pop_once() {
            if open.name == name {
                return open.kept;
            }
            if open.listed {
                self.waiting.push((open.name, open.markup));
            }
        }
        true
    }

    fn top_is(&self, name: &str) -> bool {
        self.open.last().is_some_and(|o| o.name == name)
    }

    /// Closes the innermost element when it is one of `names`.
    fn close_top(&mut self, names: &[&str]) {
        if let Some(name) = self
            .open
            .last()
            .map(|o| o.name.to_string())
            .filter(|n| names.contains(&n.as_str()))
        {
            self.close(&name);
        }
    }

    /// Closes `name` when it is open within [`REACH`] and before a scope element or
    /// one of `stop`.
    fn close_near(&mut self, name: &str, stop: &[&str]) {
        if self.near(name, stop) {
            self.close(name);
        }
    }

    /// Whether `name` is open within [`REACH`], before a scope element or one of
    /// `stop` (other than `name` itself).
    fn near(&self, name: &str, stop: &[&str]) -> bool {
        for open in self.open.iter().rev().take(REACH) {
            if open.name == name {
                return true;
            }
            if SCOPE.contains(&&*open.name) || stop.contains(&&*open.name) {
                return false;
            }
        }
        false
    }

    /// Whether `name` is open in the innermost scope.
    fn in_scope(&self, name: &str) -> bool {
        self.scopes
            .last()
            .and_then(|s| s.counts.get(name))
            .is_some_and(|&n| n > 0)
    }

    /// Whether the table part `name` is open, looking out through the cells and
    /// captions around (a row's end tag closes its open cell).
    fn in_table_scope(&self, name: &str) -> bool {
        for scope in self.scopes.iter().rev() {
            if scope.counts.get(name).is_some_and(|&n| n > 0) {
                return true;
            }
            let element = scope.at.and_then(|i| self.open.get(i)).map(|o| &*o.name);
            match element {
                Some(e) if e == name => return true,
                Some("td" | "th" | "caption") => {}
                _ => return false,
            }
        }
        false
    }

    /// Closes the cell open in the innermost scope, if any.
    fn close_cell(&mut self) {
        let cell = self
            .scopes
            .last()
            .and_then(|s| s.at)
            .and_then(|i| self.open.get(i))
            .map(|o| o.name.to_string())
            .filter(|n| n == "td" || n == "th");
        if let Some(cell) = cell {
            self.close(&cell);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How deep the elements of `html`, parsed by html5ever, nest at most.
    fn parsed_depth(html: &str) -> usize {
        let doc = scraper::Html::parse_document(html);
        let mut depth = 0usize;
        let mut deepest = 0;
        for edge in doc.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(_) => depth += 1,
                ego_tree::iter::Edge::Close(_) => depth -= 1,
            }
            deepest = deepest.max(depth);
        }
        deepest
    }

    #[test]
    fn ordinary_pages_are_left_as_they_are_however_long() {
        let rows = "<tr><td><b>a<td>b</b>".repeat(2000);
        let long = [
            "<p>one<p>two".repeat(2000),
            format!("<ul>{}</ul>", "<li>item<li><p>para".repeat(2000)),
            format!("<table>{rows}</table>"),
            "<p><b>bold</p>".repeat(2000),
            "<dl><dt>a<dd>b</dl><svg><path d=\"M0\"/><rect/></svg>".repeat(2000),
            "<a href=1>x<a href=2>y".repeat(2000),
            format!(
                "{}{}",
                "<div><span>".repeat(250),
                "</span></div>".repeat(250)
            ),
        ];
        for html in &long {
            assert!(matches!(flatten(html), Cow::Borrowed(_)), "{}", &html[..40]);
        }
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_with_its_text_kept() {
        let deep = [
            format!("{}x", "<div>".repeat(100_000)),
            format!(
                "{}x{}",
                "<ul><li>".repeat(50_000),
                "</li></ul>".repeat(50_000)
            ),
            format!("{}x", "<span>".repeat(100_000)),
            // The bold of each block opened again after it (reconstruction), with
            // distinct tags or alike (the parser keeps three alike).
            (0..2000)
                .map(|i| {
                    format!(
                        "<div>{}</div>t",
                        (0..8)
                            .map(|k| format!("<b id=b{i}-{k}>"))
                            .collect::<String>()
                    )
                })
                .collect(),
            "<div><b><b><b><b><b></div>t".repeat(2000),
            // End tags that the parser does not take to close what they name.
            "<li><ul></li>".repeat(20_000),
            "<span><div></span>".repeat(20_000),
            "<p><object></p>".repeat(20_000),
            "<table><tr><td>".repeat(20_000),
        ];
        for html in &deep {
            let flat = flatten(html);
            let depth = parsed_depth(&flat);
            assert!(depth <= MAX_TREE_DEPTH, "{depth} for {}", &html[..40]);
            assert!(depth >= MAX_DEPTH / 2, "{depth} for {}", &html[..40]);
        }
        assert!(flatten(&deep[0]).ends_with("<div>x"));
    }

    #[test]
    fn the_parsed_tree_is_never_deeper_than_the_limit() {
        // Parsed as it is (not flattened first), the tree is cut.
        let mut doc = scraper::Html::parse_document(&format!("{}deep", "<span>".repeat(2000)));
        flatten_tree(&mut doc.tree);
        let html = doc.root_element().html();
        assert!(html.contains("deep"));
        let spans = html.matches("<span>").count();
        assert!(spans < MAX_TREE_DEPTH, "{spans}");
    }
}
