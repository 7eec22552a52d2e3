//! Shared layer (text), HTML scan: one pass over a rendered page that records its ids, links and
//! images for the checks, and rewrites the site's own root-relative addresses
//! (`/findings/`) into relative ones (`../../findings/`), so the built folder works at
//! any base path and opened from a disk. In portable mode, links to folders also get
//! `index.html`, which a browser needs when there is no web server.

use std::ops::Range;

/// What the checks need to know about one rendered page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    pub ids: Vec<String>,
    /// Site-internal addresses this page points at.
    pub links: Vec<Link>,
    /// `src` of each `<img>` that has no `alt` attribute.
    pub images_without_alt: Vec<String>,
    /// Headings in order: level, id and text.
    pub headings: Vec<(u8, String, String)>,
    /// Links with their visible text (alt text of images included).
    pub anchors: Vec<Anchor>,
    /// The tables that have no header cell, each by its rank among the page's tables
    /// (0 for its first `<table>`), in the order they end.
    pub tables_without_headers: Vec<usize>,
    /// Values of every `lang` attribute.
    pub langs: Vec<String>,
    /// Files the page would load from another website: (tag, address).
    pub external: Vec<(String, String)>,
    /// How deeply elements nest at most (recursive tools need to know).
    pub max_depth: usize,
    /// The page's Content-Security-Policy, from each `<meta http-equiv>` that sets one
    /// (a browser applies every one of them).
    pub policies: Vec<String>,
    /// It has an element shown in italics (`em`, `i`, `cite`), for which a browser
    /// fetches the italic font faces.
    pub italic: bool,
}

pub use crate::text::html_names::VOID;

/// A link and what it says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub href: String,
    pub text: String,
    /// It has an aria-label or aria-labelledby, which gives its name.
    pub labelled: bool,
}

/// An address inside the site that a page points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Root-relative, base path removed, fragment kept (`/findings/#top`).
    pub target: String,
    /// The address as written in the HTML.
    pub raw: String,
    /// What points at it: "link", "image", ...
    pub kind: &'static str,
}

/// How to rewrite addresses.
#[derive(Debug, Clone, Copy)]
pub struct Rewrite<'a> {
    /// The page's own address, with the base path (`/review/findings/x/`).
    pub page_url: &'a str,
    pub base_path: &'a str,
    pub portable: bool,
    /// False for pages served at any address (the 404 page): addresses stay root-relative.
    pub relative: bool,
}

/// What another reader of a page sees of it while [`scan_and_rewrite`] walks it, so the
/// page's markup is tokenized once: the text between tags as written (not decoded), and
/// each tag with its name in lower case. Comments and declarations are not shown.
pub trait Walk {
    /// Text between two pieces of markup, or the content of an element whose content is
    /// text (`<textarea>`, `<title>`, `<script>`, `<style>`); `at` is where it starts.
    fn text(&mut self, at: usize, text: &str);
    /// A start tag: its name in lower case and its markup from `<` to `>`, at `at`.
    fn start(&mut self, at: usize, name: &str, markup: &str);
    /// An end tag `</name>` at `at`, its name in lower case.
    fn end(&mut self, at: usize, name: &str);
    /// A comment or a declaration (`<!doctype html>`), from `<` to `>`, at `at`.
    fn comment(&mut self, _at: usize, _markup: &str) {}
}

/// A scan no one else reads along.
impl Walk for () {
    fn text(&mut self, _: usize, _: &str) {}
    fn start(&mut self, _: usize, _: &str, _: &str) {}
    fn end(&mut self, _: usize, _: &str) {}
}

/// A reader that may be there or not.
impl<W: Walk> Walk for Option<W> {
    fn text(&mut self, at: usize, text: &str) {
        if let Some(w) = self {
            w.text(at, text);
        }
    }
    fn start(&mut self, at: usize, name: &str, markup: &str) {
        if let Some(w) = self {
            w.start(at, name, markup);
        }
    }
    fn end(&mut self, at: usize, name: &str) {
        if let Some(w) = self {
            w.end(at, name);
        }
    }
    fn comment(&mut self, at: usize, markup: &str) {
        if let Some(w) = self {
            w.comment(at, markup);
        }
    }
}

/// Two readers reading along.
impl<A: Walk, B: Walk> Walk for (A, B) {
    fn text(&mut self, at: usize, text: &str) {
        self.0.text(at, text);
        self.1.text(at, text);
    }
    fn start(&mut self, at: usize, name: &str, markup: &str) {
        self.0.start(at, name, markup);
        self.1.start(at, name, markup);
    }
    fn end(&mut self, at: usize, name: &str) {
        self.0.end(at, name);
        self.1.end(at, name);
    }
    fn comment(&mut self, at: usize, markup: &str) {
        self.0.comment(at, markup);
        self.1.comment(at, markup);
    }
}

/// Scans `html` and returns it with the site's addresses rewritten.
pub fn scan_and_rewrite(html: &str, rw: &Rewrite) -> (String, Scan) {
    scan_and_rewrite_with(html, rw, &mut ())
}

/// [`scan_and_rewrite`], showing `walk` each piece of the page as it is read.
// Long because one pass over the HTML both records and rewrites, so the scan and the rewritten page cannot disagree.
pub fn scan_and_rewrite_with(html: &str, rw: &Rewrite, walk: &mut impl Walk) -> (String, Scan) {
    let mut scan = Scan::default();
    // Addresses are made relative within the site, so that `../` never climbs above
    // the output folder.
    let base = rw.base_path.trim_end_matches('/');
    let page_site_path = rw.page_url.strip_prefix(base).unwrap_or(rw.page_url);
    let up = depth_of(page_site_path);
    let mut out = String::with_capacity(html.len() + 256);
    let mut copied = 0;
    let mut open_anchor: Option<(String, bool, usize)> = None;
    let mut open_heading: Option<(u8, String, usize)> = None;
    // The open tables: each one's rank and whether it has a header cell yet.
    let mut tables: Vec<(usize, bool)> = Vec::new();
    let mut tables_met = 0;
    let mut depth = 0usize;
    let mut text_from = 0;
    let mut tokens = Tokens::new(html);
    while let Some(token) = tokens.next() {
        if let Some(text) = html.get(text_from..token.at).filter(|t| !t.is_empty()) {
            walk.text(text_from, text);
        }
        text_from = token.end;
        let tag = match token.markup {
            Markup::Start(tag) => tag,
            Markup::End(name) => {
                let name = lower(name);
                walk.end(token.at, &name);
                depth = depth.saturating_sub(1);
                close_element(
                    &mut scan,
                    html,
                    token.at,
                    &name,
                    &mut open_anchor,
                    &mut open_heading,
                    &mut tables,
                );
                continue;
            }
            Markup::Comment | Markup::Declaration => {
                walk.comment(token.at, html.get(token.at..token.end).unwrap_or_default());
                continue;
            }
        };
        let name = lower(tag.name);
        scan.italic |= matches!(&*name, "em" | "i" | "cite");
        walk.start(
            token.at,
            &name,
            html.get(token.at..tag.end).unwrap_or_default(),
        );
        if let Some(text) = html.get(tag.end..token.end).filter(|t| !t.is_empty()) {
            // The content of an element whose content is text.
            walk.text(tag.end, text);
        }
        let mut alt = false;
        let mut src_value = None;
        let mut href_value = String::new();
        let mut labelled = false;
        let mut id_value = String::new();
        let mut policy = (false, None);
        for attr in &tag.attrs {
            let value = &html[attr.value.clone()];
            let attr_name = lower(attr.name);
            if attr_name == "href" {
                href_value = decode(value);
            }
            if attr_name == "aria-label" || attr_name == "aria-labelledby" {
                labelled = !value.trim().is_empty();
            }
            // Other addresses a tag loads from: each is judged as the policy judges it.
            let loaded = match (&*name, &*attr_name) {
                ("img", "srcset") => Some("img"),
                ("source", "srcset") => Some("picture source"),
                ("video", "poster") => Some("video poster"),
                ("object", "data") => Some("object"),
                ("button" | "input", "formaction") => Some("form button"),
                _ => None,
            };
            if let Some(label) = loaded {
                let urls = match &*attr_name {
                    "srcset" => value
                        .split(',')
                        .filter_map(|c| c.split_ascii_whitespace().next())
                        .collect(),
                    _ => vec![value],
                };
                for url in urls.into_iter().filter(|u| is_remote(u)) {
                    scan.external.push((label.to_string(), decode(url)));
                }
            }
            match &*attr_name {
                "lang" => scan.langs.push(decode(value)),
                "id" => {
                    id_value = decode(value);
                    scan.ids.push(id_value.clone());
                }
                "alt" => alt = true,
                "http-equiv" if name == "meta" => {
                    policy.0 = value.eq_ignore_ascii_case("content-security-policy")
                }
                "content" if name == "meta" => policy.1 = Some(decode(value)),
                "href" | "src" | "action" => {
                    if name == "img" {
                        src_value = Some(value.to_string());
                    }
                    let label = match &*name {
                        "a" => None,
                        "link" => link_label(&tag, html),
                        other => Some(other),
                    };
                    if let (true, Some(label)) = (is_remote(value), label) {
                        scan.external.push((label.to_string(), decode(value)));
                    }
                    if let Some(resolved) = resolve_relative(page_site_path, value) {
                        scan.links.push(Link {
                            target: decode(&resolved),
                            raw: value.to_string(),
                            kind: kind_of(&name),
                        });
                        continue;
                    }
                    if let Some(raw) = value
                        .strip_prefix(base)
                        .filter(|_| value.starts_with('/') && !value.starts_with("//"))
                    {
                        let kind = kind_of(&name);
                        let site_path = if raw.is_empty() {
                            "/".to_string()
                        } else {
                            raw.to_string()
                        };
                        scan.links.push(Link {
                            target: decode(&site_path),
                            raw: value.to_string(),
                            kind,
                        });
                        if rw.relative {
                            out.push_str(&html[copied..attr.value.start]);
                            push_relative_url(&mut out, up, &site_path, rw.portable);
                            copied = attr.value.end;
                        }
                    }
                }
                // The copies of a picture (written by the build itself, not checked as
                // links): each address made relative like `src`.
                "srcset" if rw.relative && value.contains(base) => {
                    out.push_str(&html[copied..attr.value.start]);
                    out.push_str(&relative_srcset(value, base, up, rw.portable));
                    copied = attr.value.end;
                }
                _ => {}
            }
        }
        if let (true, Some(content)) = policy {
            scan.policies.push(content);
        }
        if name == "img" && !alt {
            scan.images_without_alt.push(src_value.unwrap_or_default());
        }
        if !VOID.contains(&&*name) && !html[..tag.end].ends_with("/>") {
            depth += 1;
            scan.max_depth = scan.max_depth.max(depth);
        }
        match &*name {
            "a" if !href_value.is_empty() => open_anchor = Some((href_value, labelled, tag.end)),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                open_heading = Some((name.as_bytes()[1] - b'0', id_value, tag.end))
            }
            "table" => {
                tables.push((tables_met, false));
                tables_met += 1;
            }
            "th" => {
                if let Some(t) = tables.last_mut() {
                    t.1 = true;
                }
            }
            _ => {}
        }
        tokens.recycle(tag.attrs);
    }
    if let Some(text) = html.get(text_from..).filter(|t| !t.is_empty()) {
        walk.text(text_from, text);
    }
    out.push_str(&html[copied..]);
    (out, scan)
}

/// At the end tag `</name>` (at `at`, `name` in lower case): records the link, heading
/// or table it closes.
fn close_element(
    scan: &mut Scan,
    html: &str,
    at: usize,
    name: &str,
    open_anchor: &mut Option<(String, bool, usize)>,
    open_heading: &mut Option<(u8, String, usize)>,
    tables: &mut Vec<(usize, bool)>,
) {
    match name {
        "a" => {
            if let Some((href, labelled, start)) = open_anchor.take() {
                scan.anchors.push(Anchor {
                    href,
                    text: visible_text(&html[start..at]),
                    labelled,
                });
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            if let Some((level, id, start)) = open_heading.take() {
                scan.headings
                    .push((level, id, visible_text(&html[start..at])));
            }
        }
        "table" => {
            if let Some((rank, false)) = tables.pop() {
                scan.tables_without_headers.push(rank);
            }
        }
        _ => {}
    }
}

/// What a `<link>` loads from its address, to judge it by: a style sheet (or a file
/// fetched ahead, `preload`) as "link", an icon as "icon link"; `None` for a link that
/// only names another address (canonical, alternate) and loads nothing.
fn link_label(tag: &TagInfo, html: &str) -> Option<&'static str> {
    let rel = tag
        .attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case("rel"))
        .map(|a| html[a.value.clone()].to_ascii_lowercase())
        .unwrap_or_default();
    let has = |word: &str| rel.split_ascii_whitespace().any(|w| w == word);
    if has("stylesheet") || has("preload") || has("prefetch") || has("modulepreload") {
        Some("link")
    } else if rel.split_ascii_whitespace().any(|w| w.ends_with("icon")) {
        Some("icon link")
    } else {
        None
    }
}

/// Whether an address is on another website (`https://`, `//`; the scheme in any case).
pub fn is_remote(value: &str) -> bool {
    let scheme = |s: &str| {
        value
            .get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    };
    scheme("http://") || scheme("https://") || value.starts_with("//")
}

fn kind_of(tag: &str) -> &'static str {
    match tag {
        "a" => "link",
        "img" => "image",
        "link" => "stylesheet or icon",
        "script" => "script",
        "form" => "form",
        _ => "address",
    }
}

/// A relative address (`#notes`, `pic.png`, `../x/`) resolved against the page's own
/// address, so the checks can test it; `None` for absolute and external addresses.
fn resolve_relative(page_site_path: &str, value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty()
        || v.starts_with('/')
        || v.contains(':')
            && v.split(':')
                .next()
                .map(|s| !s.contains('/'))
                .unwrap_or(false)
    {
        return None;
    }
    if v.starts_with('#') {
        return Some([page_site_path, v].concat());
    }
    let dir = match page_site_path.rfind('/') {
        Some(i) => &page_site_path[..=i],
        None => "/",
    };
    let (path, suffix) = match v.find(['#', '?']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let trailing = if path.ends_with('/') || path.is_empty() {
        "/"
    } else {
        ""
    };
    let joined = parts.join("/");
    let resolved = if joined.is_empty() {
        "/".to_string()
    } else {
        format!("/{joined}{trailing}")
    };
    Some(format!("{resolved}{suffix}"))
}

/// `s` in lower case, copied only when it has capitals (tags and attributes are mostly
/// written in lower case: a page has thousands).
pub fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

struct Attr<'a> {
    name: &'a str,
    value: Range<usize>,
}

struct TagInfo<'a> {
    name: &'a str,
    attrs: Vec<Attr<'a>>,
    end: usize,
}

/// A start tag written in a piece of raw HTML: where its `<` is, its name in lower
/// case, and its attributes (names in lower case, values decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub at: usize,
    /// Just after its `>`.
    pub end: usize,
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

/// A tag as [`tags`] reads it.
pub enum TagAt<'a> {
    /// A start tag: its name as written, the whole tag (with its attributes), and
    /// whether it ends with `/>`.
    Start {
        name: &'a str,
        markup: &'a str,
        self_closing: bool,
    },
    /// An end tag: its name as written.
    End(&'a str),
}

/// The start and end tags of `html` in order, each with the range it takes (a
/// script's or style's content with its start tag); comments and declarations are
/// skipped. Linear work, as the crate's one tokenizer is.
pub fn tags(html: &str) -> impl Iterator<Item = (Range<usize>, TagAt<'_>)> {
    Tokens::new(html).filter_map(move |token| {
        let tag = match token.markup {
            Markup::Start(tag) => TagAt::Start {
                name: tag.name,
                markup: html.get(token.at..tag.end).unwrap_or_default(),
                self_closing: html.get(..tag.end).is_some_and(|h| h.ends_with("/>")),
            },
            Markup::End(name) => TagAt::End(name),
            Markup::Comment | Markup::Declaration => return None,
        };
        Some((token.at..token.end, tag))
    })
}

/// The start tags in a piece of raw HTML, in order; comments and end tags are skipped.
pub fn start_tags(html: &str) -> Vec<StartTag> {
    Tokens::new(html)
        .filter_map(|token| match token.markup {
            Markup::Start(tag) => Some(StartTag {
                at: token.at,
                end: tag.end,
                name: tag.name.to_ascii_lowercase(),
                attrs: tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.to_ascii_lowercase(), decode(&html[a.value.clone()])))
                    .collect(),
            }),
            _ => None,
        })
        .collect()
}

/// The names of the end tags in a piece of raw HTML, in lower case and in order.
pub fn end_tags(html: &str) -> Vec<String> {
    Tokens::new(html)
        .filter_map(|token| match token.markup {
            Markup::End(name) => Some(name.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// One piece of markup the tokenizer found.
enum Markup<'a> {
    /// `<!-- ... -->`.
    Comment,
    /// `<!doctype ...>`, `<?xml ...?>`.
    Declaration,
    /// `</name>`: the name as written (any case), trimmed.
    End(&'a str),
    Start(TagInfo<'a>),
}

struct Token<'a> {
    /// Where its `<` is.
    at: usize,
    /// Just after it (after the content of a skipped element).
    end: usize,
    markup: Markup<'a>,
}

/// The elements whose content is text, not markup: the tokenizer steps over it to
/// their end tag.
pub const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// The one HTML tokenizer of the crate: comments, declarations, end tags and start tags
/// in order. A `<` that starts no tag is text and is stepped over; the content of
/// [`RAW_TEXT`] elements is skipped up to their end tag (any case). Every stop is at an
/// ASCII byte, so positions stay on character boundaries; each byte is read a bounded
/// number of times, so broken or hostile markup costs linear work.
struct Tokens<'a> {
    html: &'a str,
    i: usize,
    /// Whether to step over the content of [`RAW_TEXT`] elements.
    raw_text: bool,
    /// A list of attributes given back by the caller ([`Tokens::recycle`]), which the
    /// next start tag's are read into: a page has thousands of start tags, and a new
    /// list each was an allocation and a growth each.
    spare: Vec<Attr<'a>>,
}

impl<'a> Tokens<'a> {
    fn new(html: &'a str) -> Self {
        Tokens {
            html,
            i: 0,
            raw_text: true,
            spare: Vec::new(),
        }
    }

    /// Gives back a start tag's list of attributes once it is read, for the next.
    fn recycle(&mut self, mut attrs: Vec<Attr<'a>>) {
        attrs.clear();
        self.spare = attrs;
    }

    /// A tokenizer that leaves it to the caller to skip elements' content (with
    /// [`Tokens::resume_at`]).
    fn without_raw_text(html: &'a str) -> Self {
        Tokens {
            raw_text: false,
            ..Tokens::new(html)
        }
    }

    /// Goes on from `pos` (a character boundary at or after the last token's end).
    fn resume_at(&mut self, pos: usize) {
        self.i = pos.max(self.i);
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let (html, bytes) = (self.html, self.html.as_bytes());
        loop {
            let at = self.i + memchr(b'<', bytes.get(self.i..)?)?;
            let rest = &html[at..];
            let to_gt = || memchr(b'>', &bytes[at..]).map_or(html.len(), |e| at + e + 1);
            let next = bytes.get(at + 1).copied().unwrap_or(b' ');
            let (end, markup) = if rest.starts_with("<!--") {
                let end = rest.find("-->").map_or(html.len(), |e| at + e + 3);
                (end, Markup::Comment)
            } else if next == b'/' {
                let end = to_gt();
                // Up to the `>` found, or the end of the page when there is none.
                let close = end - usize::from(bytes[end - 1] == b'>');
                let name = trimmed(&html[at + 2..close.max(at + 2)]);
                (end, Markup::End(name))
            } else if next == b'!' || next == b'?' {
                (to_gt(), Markup::Declaration)
            } else if next.is_ascii_alphabetic() {
                let tag = parse_tag(html, at, std::mem::take(&mut self.spare));
                let mut end = tag.end.max(at + 1);
                if self.raw_text && RAW_TEXT.iter().any(|r| tag.name.eq_ignore_ascii_case(r)) {
                    end = find_end_tag(bytes, end, tag.name).unwrap_or(html.len());
                }
                (end, Markup::Start(tag))
            } else {
                self.i = at + 1;
                continue;
            };
            self.i = end;
            return Some(Token { at, end, markup });
        }
    }
}

/// `text.trim()`, without the search for white space when `text` starts and ends with
/// an ASCII letter or digit (the name of nearly every end tag: a page has thousands).
fn trimmed(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        return text;
    }
    text.trim()
}

/// The text a reader sees of a piece of raw HTML, each piece between two tags followed
/// by a space: not the inside of an element a sighted reader does not see, which is
/// skipped to its end tag. Those are pictures drawn in SVG (their labels are the
/// picture's), text for screen readers only (the class `visually-hidden`, the `hidden`
/// and `aria-hidden="true"` attributes), an element with one of `hidden_classes` (what
/// a stylesheet hides there), and a `<details>` element past its `<summary>`, until
/// it is opened. Scripts, styles and comments are never text.
pub fn seen_text(html: &str, hidden_classes: &[&str]) -> String {
    let mut out = String::new();
    let mut from = 0;
    // The element being skipped: its name, how many of its kind are open inside it.
    let mut skipping: Option<(&str, usize)> = None;
    // Whether each `<details>` that holds this place is open.
    let mut details: Vec<bool> = Vec::new();
    for token in Tokens::new(html) {
        if skipping.is_none() {
            decode_into(html.get(from..token.at).unwrap_or_default(), &mut out);
            out.push(' ');
        }
        from = token.end;
        let closes = |end: &str, name: &str| end.eq_ignore_ascii_case(name);
        match (token.markup, &mut skipping) {
            (Markup::Start(tag), Some((name, open))) => {
                *open += usize::from(closes(tag.name, name) && !is_void(tag.name));
            }
            (Markup::End(end), Some((name, open))) if closes(end, name) => {
                *open -= 1;
                if *open == 0 {
                    skipping = None;
                }
            }
            (Markup::Start(tag), None)
                if !is_void(tag.name) && unseen(html, &tag, hidden_classes) =>
            {
                skipping = Some((tag.name, 1));
            }
            (Markup::Start(tag), None) if closes(tag.name, "details") => {
                details.push(
                    tag.attrs
                        .iter()
                        .any(|a| a.name.eq_ignore_ascii_case("open")),
                );
            }
            (Markup::End(end), None) if closes(end, "details") => {
                details.pop();
            }
            // What a closed `<details>` holds after its summary, to its end tag.
            (Markup::End(end), None)
                if closes(end, "summary") && details.last() == Some(&false) =>
            {
                details.pop();
                skipping = Some(("details", 1));
            }
            _ => {}
        }
    }
    if skipping.is_none() {
        decode_into(html.get(from..).unwrap_or_default(), &mut out);
    }
    out
}

/// Elements that have no end tag.
fn is_void(name: &str) -> bool {
    VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// Whether a sighted reader does not see what the start tag `tag` opens (see
/// [`seen_text`]).
fn unseen(html: &str, tag: &TagInfo, hidden_classes: &[&str]) -> bool {
    if tag.name.eq_ignore_ascii_case("svg") {
        return true;
    }
    tag.attrs.iter().any(|a| {
        let value = || html.get(a.value.clone()).unwrap_or_default();
        match lower(a.name).as_ref() {
            "hidden" => true,
            "aria-hidden" => value().eq_ignore_ascii_case("true"),
            "class" => value()
                .split_ascii_whitespace()
                .any(|c| c == "visually-hidden" || hidden_classes.contains(&c)),
            _ => false,
        }
    })
}

/// How far after a start tag [`element_text`] looks for its end tag, so that many
/// unclosed tags in one piece of HTML cost linear work.
pub const ELEMENT_TEXT_REACH: usize = 2000;

/// The visible words of the element `tag` opens in `html`, when its end tag follows
/// within [`ELEMENT_TEXT_REACH`] bytes.
pub fn element_text(html: &str, tag: &StartTag) -> Option<String> {
    let reach = html.len().min(tag.end + ELEMENT_TEXT_REACH);
    let end = find_whole_end_tag(html.as_bytes().get(..reach)?, tag.end, &tag.name)?;
    Some(visible_text(html.get(tag.end..end)?))
}

/// Parses the start tag at `start` (which is at `<`).
fn parse_tag<'a>(html: &'a str, start: usize, mut attrs: Vec<Attr<'a>>) -> TagInfo<'a> {
    let b = html.as_bytes();
    let mut i = start + 1;
    let name_start = i;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = &html[name_start..i];
    attrs.clear();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            break;
        }
        let an = i;
        while i < b.len()
            && !b[i].is_ascii_whitespace()
            && b[i] != b'='
            && b[i] != b'>'
            && b[i] != b'/'
        {
            i += 1;
        }
        let attr_name = &html[an..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = i..i;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = memchr(q, &b[vs..]).map(|p| vs + p).unwrap_or(b.len());
                value = vs..ve;
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = vs..i;
            }
        }
        // A value with no name (`<a ="x">`) has been stepped over above; every stop
        // of this loop is an ASCII byte, so `i` always stays on a character boundary.
        if attr_name.is_empty() {
            continue;
        }
        attrs.push(Attr {
            name: attr_name,
            value,
        });
    }
    TagInfo {
        name,
        attrs,
        end: (i + 1).min(b.len()),
    }
}

/// Where `</name` (any case) starts at or after `from`. It reads each byte once, so a
/// page of many `<script>` elements stays linear.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(pos) = memchr(b'<', bytes.get(at..)?) {
        let lt = at + pos;
        let after = lt + 2;
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(after..after + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(lt);
        }
        at = lt + 1;
    }
    None
}

/// Where the end tag of the whole name `name` starts at or after `from`: `</abbr>` does
/// not end an `<a>`.
fn find_whole_end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = find_end_tag(bytes, at, name)?;
        let next = bytes.get(lt + 2 + name.len());
        if next.is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace()) {
            return Some(lt);
        }
        at = lt + 1;
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    memchr::memchr(needle, hay)
}

/// A piece of text a reader sees in raw HTML, as a range of the HTML it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextRun {
    pub range: Range<usize>,
    /// What the text is: running text, quoted speech, or an image's alt text.
    pub kind: RunKind,
    /// A block element (`<p>`, `<li>`, `<td>`, ...) starts or ends before it, so it
    /// starts a new block of prose.
    pub starts_block: bool,
}

/// What a [`TextRun`] of raw HTML is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    Text,
    /// Text inside a `<blockquote>`: someone else's words, as a Markdown quote is.
    Quote,
    /// The words of an attribute a reader sees or hears: an image's alt text, a
    /// tooltip, an accessible name, a form field's hint.
    Alt,
}

/// Elements whose content is not prose a reader sees: it is skipped whole.
const NOT_PROSE: &[&str] = &[
    "script", "style", "pre", "code", "textarea", "template", "svg", "math",
];

/// Elements that start and end a block of prose.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "figure",
    "figcaption",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "details",
    "summary",
    "br",
    "hr",
    "main",
];

/// Whether a piece of raw HTML written in running text separates the words either
/// side of it, as a browser shows them: a line break (`<br>`, `<br/>`) or the start or
/// end of a block (`<p>`, `</div>`). `<wbr>` (a place a long word may break), `<span>`
/// and comments do not.
pub fn separates_words(html: &str) -> bool {
    Tokens::without_raw_text(html).any(|token| {
        let name = match token.markup {
            Markup::Start(tag) => tag.name,
            Markup::End(name) => name,
            Markup::Comment | Markup::Declaration => return false,
        };
        BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name))
    })
}

/// The text a reader sees in a piece of raw HTML (an HTML block of a page), each run at
/// its place in `html`: text between tags, split at character references (`&amp;`),
/// and the alt text of images. Text inside a `<blockquote>` is quoted speech
/// ([`RunKind::Quote`]). Comments and the content of code, scripts and styles are left
/// out.
pub fn text_runs(html: &str) -> Vec<TextRun> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut starts_block = true;
    let mut text_from = 0;
    // How many `<blockquote>` the text is inside.
    let mut quotes = 0usize;
    let mut tokens = Tokens::without_raw_text(html);
    while let Some(token) = tokens.next() {
        let lt = token.at;
        push_text(html, text_from..lt, quotes, &mut starts_block, &mut out);
        text_from = match token.markup {
            Markup::Comment => token.end,
            Markup::Start(tag) => {
                let name = tag.name.to_ascii_lowercase();
                starts_block |= BLOCKS.contains(&name.as_str());
                quotes += usize::from(name == "blockquote");
                out.extend(shown_attribute_runs(html, &tag, &name));
                if NOT_PROSE.contains(&name.as_str()) {
                    starts_block = true;
                    let close = find_end_tag(bytes, tag.end, &name).unwrap_or(html.len());
                    let after = html[close..]
                        .find('>')
                        .map(|e| close + e + 1)
                        .unwrap_or(html.len());
                    tokens.resume_at(after);
                    after.max(token.end)
                } else {
                    token.end
                }
            }
            Markup::End(_) | Markup::Declaration => {
                // An end tag, a doctype or a processing instruction.
                let name = html[lt + 2..]
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("");
                starts_block |= BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name));
                let quote_ends = matches!(token.markup, Markup::End(_))
                    && name.eq_ignore_ascii_case("blockquote");
                quotes -= usize::from(quote_ends && quotes > 0);
                token.end
            }
        };
    }
    push_text(
        html,
        text_from..html.len(),
        quotes,
        &mut starts_block,
        &mut out,
    );
    out
}

/// The text runs of `html[range]`, quoted speech when inside `quotes` block quotes; the
/// first starts a block when `starts` says so.
fn push_text(
    html: &str,
    range: Range<usize>,
    quotes: usize,
    starts: &mut bool,
    out: &mut Vec<TextRun>,
) {
    let kind = if quotes > 0 {
        RunKind::Quote
    } else {
        RunKind::Text
    };
    for run in without_references(html, range.start, range.end) {
        if !html[run.clone()].trim().is_empty() {
            out.push(TextRun {
                range: run,
                kind,
                starts_block: std::mem::take(starts),
            });
        }
    }
}

/// Attributes whose words a reader sees or hears: a tooltip (`title`, also what an
/// `<abbr>` stands for), a screen reader's name or description, a form field's hint,
/// a menu option's or a track's label. An image's `alt` is read from `<img>` only.
const SHOWN_ATTRIBUTES: &[&str] = &[
    "title",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "placeholder",
    "label",
];

/// The words of a start tag's attributes a reader sees or hears ([`SHOWN_ATTRIBUTES`],
/// and `alt` on an image), each a short text on its own, in the order written.
fn shown_attribute_runs<'t>(
    html: &'t str,
    tag: &'t TagInfo,
    name: &'t str,
) -> impl Iterator<Item = TextRun> + 't {
    tag.attrs
        .iter()
        .filter(move |a| {
            let attr = a.name.to_ascii_lowercase();
            SHOWN_ATTRIBUTES.contains(&attr.as_str()) || (attr == "alt" && name == "img")
        })
        .filter(|a| !html[a.value.clone()].trim().is_empty())
        .map(|a| TextRun {
            range: a.value.clone(),
            kind: RunKind::Alt,
            starts_block: false,
        })
}

/// The pieces of `html[from..to]` between character references (`&amp;`, `&#39;`).
fn without_references(html: &str, from: usize, to: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = from;
    let mut at = from;
    while let Some(amp) = html[at..to].find('&').map(|p| at + p) {
        let semi = html[amp..to]
            .find(';')
            .filter(|&n| n > 1 && n <= 32)
            .filter(|&n| {
                html[amp + 1..amp + n]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#')
            });
        match semi {
            Some(n) => {
                out.push(start..amp);
                start = amp + n + 1;
                at = start;
            }
            None => at = amp + 1,
        }
    }
    out.push(start..to);
    out.retain(|r| !r.is_empty());
    out
}

/// The text a reader sees or hears in a piece of HTML: tags removed, the alt text of
/// images kept, white space folded.
fn visible_text(html: &str) -> String {
    // Most links' and headings' text has no markup and no reference: only its white
    // space is folded (and it is returned as it is when it has none to fold).
    if memchr::memchr2(b'<', b'&', html.as_bytes()).is_none() {
        return crate::text::spaces::fold(html);
    }
    markup_text(html)
}

/// [`visible_text`] of any piece of HTML.
fn markup_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('>')
            .map(|c| open + c + 1)
            .unwrap_or(rest.len());
        let tag = &rest[open..close];
        if tag
            .as_bytes()
            .get(..4)
            .is_some_and(|t| t.eq_ignore_ascii_case(b"<img"))
        {
            let info = parse_tag(tag, 0, Vec::new());
            if let Some(a) = info
                .attrs
                .iter()
                .find(|a| a.name.eq_ignore_ascii_case("alt"))
            {
                out.push(' ');
                out.push_str(&tag[a.value.clone()]);
                out.push(' ');
            }
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    match out.contains('&') {
        true => crate::text::spaces::fold(&decode(&out)),
        false => crate::text::spaces::fold(&out),
    }
}

/// `s` with its character references decoded: the named ones templates and Markdown
/// write, and numeric ones; any other `&` stays as written.
pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    decode_into(s, &mut out);
    out
}

/// [`decode`], added to `out`.
pub fn decode_into(s: &str, out: &mut String) {
    decode_known_into(s, out);
}

/// [`decode_into`]; false when an `&` that a browser may read as the start of a
/// reference (a letter, a digit or `#` follows it) was left as written, so that the
/// text decoded here may not be the text a browser reads.
pub fn decode_known_into(s: &str, out: &mut String) -> bool {
    let mut known = true;
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let entity = after.find(';').filter(|&e| e <= 10).map(|e| &after[1..e]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => numeric_reference(e),
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
                known &= !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '#');
            }
        }
    }
    out.push_str(rest);
    known
}

/// The character of a numeric reference's name (`#233`, `#xE9`), as a browser reads it
/// (the HTML standard's "numeric character reference end state"): digits only (no
/// sign); U+FFFD for zero, a surrogate or a number past Unicode; and the numbers 128 to
/// 159, which old pages wrote for Windows-1252's characters, as those characters.
fn numeric_reference(name: &str) -> Option<char> {
    let (digits, radix) = match name.strip_prefix('#')? {
        hex if hex.starts_with(['x', 'X']) => (&hex[1..], 16),
        dec => (dec, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let n = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
    let windows_1252 = n
        .checked_sub(0x80)
        .and_then(|i| WINDOWS_1252_C1.get(i as usize))
        .copied()
        .filter(|&c| c != '\0');
    Some(windows_1252.unwrap_or_else(|| {
        char::from_u32(n)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{fffd}')
    }))
}

/// What a browser reads for the references `&#128;` to `&#159;`: Windows-1252's
/// characters at those numbers; `\0` where it keeps the number's own (control)
/// character. From the HTML standard's table of replacements.
const WINDOWS_1252_C1: [char; 32] = [
    '\u{20AC}', '\0', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\0', '\u{017D}', '\0', '\0',
    '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}',
    '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\0', '\u{017E}', '\u{0178}',
];

/// A `srcset` value with each site address (`/base/a-480w.jpg 480w`) made relative, on
/// a page `depth` folders down.
fn relative_srcset(value: &str, base: &str, depth: usize, portable: bool) -> String {
    let candidates = value.split(", ").map(|c| {
        let (url, size) = c.split_once(' ').unwrap_or((c, ""));
        match url.strip_prefix(base).filter(|_| url.starts_with('/')) {
            Some(raw) => {
                let mut out = String::with_capacity(raw.len() + size.len() + 16);
                push_relative_url(&mut out, depth, raw, portable);
                out.push(' ');
                out.push_str(size);
                out.truncate(out.trim_end().len());
                out
            }
            None => c.to_string(),
        }
    });
    candidates.collect::<Vec<_>>().join(", ")
}

/// The address of `target` relative to the page at `page_url` (both root-relative).
pub fn relative_url(page_url: &str, target: &str, portable: bool) -> String {
    let mut out = String::with_capacity(target.len() + 16);
    push_relative_url(&mut out, depth_of(page_url), target, portable);
    out
}

/// How many folders down from the site's root the page at `page_url` is: the `../`
/// its addresses start with. Taken once a page, not once a link.
fn depth_of(page_url: &str) -> usize {
    let folders = page_url
        .as_bytes()
        .split(|&b| b == b'/')
        .filter(|s| !s.is_empty())
        .count();
    folders - usize::from(!page_url.ends_with('/') && page_url.len() > 1)
}

/// The address of `target` (root-relative) relative to a page `depth` folders down,
/// written at the end of `out`.
fn push_relative_url(out: &mut String, depth: usize, target: &str, portable: bool) {
    let (path, suffix) = match memchr::memchr2(b'#', b'?', target.as_bytes()) {
        Some(i) => target.split_at(i),
        None => (target, ""),
    };
    let start = out.len();
    for _ in 0..depth {
        out.push_str("../");
    }
    out.push_str(path.trim_start_matches('/'));
    let rel = &out[start..];
    if portable && (rel.is_empty() || rel.ends_with('/')) {
        out.push_str("index.html");
    }
    if out.len() == start {
        out.push_str("./");
    }
    out.push_str(suffix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_text_leaves_out_what_a_sighted_reader_does_not_see() {
        let seen = |html: &str| {
            seen_text(html, &["gone"])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            seen("<p>Call &amp; stay.<svg><title>T</title><text>12</text></svg></p>"),
            "Call & stay."
        );
        assert_eq!(
            seen("<a>data<span class=\"x visually-hidden\"> of the chart</span> (CSV)</a>"),
            "data (CSV)"
        );
        assert_eq!(
            seen("<p hidden>a</p><p aria-hidden=\"true\">b</p><p aria-hidden=false>c</p>"),
            "c"
        );
        // Nested elements of the same kind inside one skipped.
        assert_eq!(seen("<div class=gone><div>a</div>b<br></div>c"), "c");
        // A closed details shows its summary only; an open one, all.
        assert_eq!(
            seen("<details><summary>See <b>numbers</b></summary><table><tr><td>9</table></details>after"),
            "See numbers after"
        );
        assert_eq!(
            seen("<details open><summary>S</summary>in</details>x"),
            "S in x"
        );
        assert_eq!(
            seen("<details><summary>Out</summary><details open><summary>In</summary>y</details></details>z"),
            "Out z"
        );
        assert_eq!(seen("<img alt=\"a picture\"><p>b"), "b");
    }

    /// A start tag's attributes are read into a list given back after it: the next tag
    /// sees only its own (no alt, id or language of the one before).
    #[test]
    fn a_tags_attributes_are_not_seen_by_the_next_tag() {
        let rw = Rewrite {
            page_url: "/a/",
            base_path: "/",
            portable: false,
            relative: true,
        };
        let html = "<img src=a alt=x id=i lang=fr><img src=b><a href=/c/>t</a><p>";
        let (_, scan) = scan_and_rewrite(html, &rw);
        assert_eq!(scan.images_without_alt, ["b"]);
        assert_eq!(scan.ids, ["i"]);
        assert_eq!(scan.langs, ["fr"]);
    }

    /// End tag names are trimmed as `str::trim` trims them, with and without white
    /// space, ASCII or not, at either end.
    #[test]
    fn end_tag_names_are_trimmed_as_str_trim_does() {
        for text in [
            "",
            " ",
            "p",
            "p ",
            " p",
            "h2\n",
            "li\u{a0}",
            "\u{3000}td",
            "a b",
            "é",
            "x\u{2003}",
        ] {
            assert_eq!(trimmed(text), text.trim(), "{text:?}");
        }
        let names: Vec<_> = Tokens::new("</p ><\u{a0}/x></LI\t></h2\u{a0}>")
            .filter_map(|t| match t.markup {
                Markup::End(name) => Some(name),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["p", "LI", "h2"]);
    }

    #[test]
    fn line_breaks_and_block_tags_separate_words_but_word_breaks_do_not() {
        for tag in [
            "<br>",
            "<BR/>",
            "<br />",
            "<hr>",
            "</p>",
            "<div class=\"x\">",
        ] {
            assert!(separates_words(tag), "{tag}");
        }
        for tag in [
            "<wbr>",
            "<span>",
            "</em>",
            "<!-- br -->",
            "<abbr title=\"x\">",
        ] {
            assert!(!separates_words(tag), "{tag}");
        }
    }

    #[test]
    fn a_numeric_reference_is_read_as_a_browser_reads_it() {
        assert_eq!(decode("&#65;&#x41;&#X41;"), "AAA");
        assert_eq!(
            decode("&#+65; &#x+41; &#-1; &#; &#x;"),
            "&#+65; &#x+41; &#-1; &#; &#x;"
        );
        assert_eq!(decode("&#0;&#xD800;&#x110000;"), "\u{fffd}\u{fffd}\u{fffd}");
        assert_eq!(decode("&#128;&#x92;&#151;&#159;"), "€’—Ÿ");
        assert_eq!(decode("&#129;&#x9D;&#160;"), "\u{81}\u{9d}\u{a0}");
    }

    #[test]
    fn entities_are_decoded_and_a_lone_ampersand_stays() {
        assert_eq!(
            decode("a &amp; b &#233; &#xE9; & c &bogus;"),
            "a & b é é & c &bogus;"
        );
    }

    /// What a [`Walk`] is shown, as text: `T(..)` text, `S(name)` start, `E(name)` end.
    #[derive(Default)]
    struct Shown(Vec<String>);

    impl Walk for Shown {
        fn text(&mut self, at: usize, text: &str) {
            self.0.push(format!("{at}T({text})"));
        }
        fn start(&mut self, at: usize, name: &str, markup: &str) {
            self.0.push(format!("{at}S({name}:{markup})"));
        }
        fn end(&mut self, at: usize, name: &str) {
            self.0.push(format!("{at}E({name})"));
        }
    }

    #[test]
    fn a_walk_is_shown_every_text_and_tag_in_order_and_the_content_of_text_elements() {
        let html = "<P class=\"a>b\">1 < 2<!-- c --></P><textarea><b>x</b></textarea>end";
        let mut shown = Shown::default();
        scan_and_rewrite_with(html, &rw("/", false), &mut shown);
        assert_eq!(
            shown.0,
            [
                "0S(p:<P class=\"a>b\">)",
                "15T(1 < 2)",
                "30E(p)",
                "34S(textarea:<textarea>)",
                "44T(<b>x</b>)",
                "52E(textarea)",
                "63T(end)",
            ]
        );
    }

    fn rw<'a>(page: &'a str, portable: bool) -> Rewrite<'a> {
        Rewrite {
            page_url: page,
            base_path: "/",
            portable,
            relative: true,
        }
    }

    #[test]
    fn relative_urls() {
        assert_eq!(
            relative_url("/findings/x/", "/glossary/#a", false),
            "../../glossary/#a"
        );
        assert_eq!(relative_url("/", "/glossary/", false), "glossary/");
        assert_eq!(relative_url("/", "/", false), "./");
        assert_eq!(relative_url("/", "/", true), "index.html");
        assert_eq!(relative_url("/a/", "/style.css", true), "../style.css");
        assert_eq!(relative_url("/a/b/", "/c/", true), "../../c/index.html");
        assert_eq!(relative_url("/404.html", "/c/", false), "c/");
    }

    #[test]
    fn an_address_made_relative_is_judged_apart_from_what_was_written_before_it() {
        for (page, target, portable, expected) in [
            ("/", "/", false, "./"),
            ("/", "/", true, "index.html"),
            ("/", "/#top", false, "./#top"),
            ("/a/b/", "/c/?q=1", true, "../../c/index.html?q=1"),
            ("/a/b.html", "/c.css", false, "../c.css"),
        ] {
            let mut out = String::from("href=");
            push_relative_url(&mut out, depth_of(page), target, portable);
            assert_eq!(out, format!("href={expected}"), "{page} {target}");
        }
    }

    #[test]
    fn each_address_of_a_srcset_is_made_relative_with_its_width() {
        let depth = depth_of("/guide/photo/");
        assert_eq!(
            relative_srcset("/b/a-480w.jpg 480w, /b/a.jpg 1200w", "/b", depth, false),
            "../../a-480w.jpg 480w, ../../a.jpg 1200w"
        );
        assert_eq!(
            relative_srcset(
                "/b/a.jpg, https://e.org/x.jpg 2x, /b/c/ ",
                "/b",
                depth,
                true
            ),
            "../../a.jpg, https://e.org/x.jpg 2x, ../../c/index.html"
        );
    }

    #[test]
    fn a_page_has_italic_text_only_where_an_element_shows_it() {
        for (html, italic) in [
            ("<p><em>a</em></p>", true),
            ("<P><I class=k>a</I>", true),
            ("<cite>A book</cite>", true),
            ("<p>plain</p><embed src=x><iframe></iframe>", false),
            ("<script>var a = '<em>';</script><!-- <i> -->", false),
            ("<p>a < i > b</p>", false),
        ] {
            let (_, scan) = scan_and_rewrite(html, &rw("/", false));
            assert_eq!(scan.italic, italic, "{html}");
        }
    }

    #[test]
    fn text_taken_as_it_is_is_what_reading_its_markup_gives() {
        for html in [
            "the notes on research 522",
            "a",
            "",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\nb",
            "a &amp; b",
            "a <em>b</em>",
            "1 < 2",
            "caf\u{e9} au lait",
            "a\u{a0}b",
            "x\u{3000}",
            "\u{3000}\u{3000}",
        ] {
            let folded = html.split_whitespace().collect::<Vec<_>>().join(" ");
            let plain = !html.contains(['<', '&']);
            assert_eq!(visible_text(html), markup_text(html), "{html:?}");
            if plain {
                assert_eq!(visible_text(html), folded, "{html:?}");
            }
        }
    }

    #[test]
    fn scans_ids_links_images_and_rewrites() {
        let html = r#"<!-- <a href="/no/"> --><a href="/findings/#top" id="x">F</a><img src="/a.png"><script>var s = "<a href='/no/'>";</script><a href="https://e.org/">E</a><p id='y'>"#;
        let (out, scan) = scan_and_rewrite(html, &rw("/findings/one/", false));
        assert_eq!(scan.ids, ["x", "y"]);
        let links: Vec<(&str, &str)> = scan
            .links
            .iter()
            .map(|l| (l.target.as_str(), l.kind))
            .collect();
        assert_eq!(links, [("/findings/#top", "link"), ("/a.png", "image")]);
        let (_, relative) = scan_and_rewrite(
            r##"<a href="#n">x</a><img src="p.png" alt=""><a href="../b/">b</a><a href="mailto:a@b.c">m</a>"##,
            &rw("/a/one/", false),
        );
        let links: Vec<&str> = relative.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(links, ["/a/one/#n", "/a/one/p.png", "/a/b/"]);
        assert_eq!(scan.images_without_alt, ["/a.png"]);
        assert!(
            out.contains(r#"<a href="../../findings/#top" id="x">"#),
            "{out}"
        );
        assert!(out.contains(r#"src="../../a.png""#), "{out}");
        assert!(
            out.contains("<a href='/no/'>"),
            "script text is left alone: {out}"
        );
        assert!(out.contains("https://e.org/"));
    }

    #[test]
    fn base_path_is_removed_for_checks() {
        let r = Rewrite {
            page_url: "/review/",
            base_path: "/review/",
            portable: false,
            relative: true,
        };
        let (out, scan) = scan_and_rewrite(r#"<a href="/review/findings/">x</a>"#, &r);
        assert_eq!(scan.links[0].target, "/findings/");
        assert_eq!(out, r#"<a href="findings/">x</a>"#);
    }

    #[test]
    fn tables_without_header_cells_are_known_by_their_rank() {
        let html = "<table><tr><th>h</th></tr></table><table><tr><td>1</td></tr></table>";
        let (_, scan) = scan_and_rewrite(html, &rw("/", false));
        assert_eq!(scan.tables_without_headers, [1]);
    }

    #[test]
    fn an_end_tag_ends_only_the_element_of_its_whole_name() {
        let html = "<a href=\"/x/\"><abbr>WHO</abbr> advice</a>";
        let tag = &start_tags(html)[0];
        assert_eq!(element_text(html, tag).as_deref(), Some("WHO advice"));
        assert_eq!(end_tags(html), ["abbr", "a"]);
    }

    #[test]
    fn collects_headings_links_tables_and_langs() {
        let html = r#"<h1 id="t">Title <em>here</em></h1><a href="/x/">Read <img src="a.png" alt="more"></a><a href="/y/" aria-label="Y"></a><table><tr><td>1</td></tr></table><table><tr><th>h</th></tr></table><p lang="fr">oui</p>"#;
        let (_, scan) = scan_and_rewrite(html, &rw("/", false));
        assert_eq!(
            scan.headings,
            [(1, "t".to_string(), "Title here".to_string())]
        );
        assert_eq!(
            scan.anchors[0],
            Anchor {
                href: "/x/".into(),
                text: "Read more".into(),
                labelled: false
            }
        );
        assert!(scan.anchors[1].labelled);
        assert_eq!(scan.tables_without_headers, [0]);
        assert_eq!(scan.langs, ["fr"]);
    }

    #[test]
    fn script_text_is_skipped_up_to_its_end_tag_in_any_case() {
        let html = r#"<script>var a = "<a href='/x/'>";</SCRIPT><a href="/y/">y</a>"#;
        let (_, scan) = scan_and_rewrite(html, &rw("/", false));
        let links: Vec<&str> = scan.links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(links, ["/y/"]);
    }

    #[test]
    fn start_tags_inside_a_script_or_style_are_text() {
        let html = r#"<p id="a"><script>if (a<b) { x = "<img src='/y.png'>"; }</SCRIPT><style>q<i{}</style><em>"#;
        let names: Vec<String> = start_tags(html).into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["p", "script", "style", "em"]);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"",
            "<img alt",
            "<script>",
            "<!--",
            "<a =x>",
            "<é>",
            "<a/=''é",
            "<script>x</SCRIPT",
        ] {
            let _ = scan_and_rewrite(s, &rw("/", true));
            let _ = start_tags(s);
            let _ = text_runs(s);
        }
    }
}
