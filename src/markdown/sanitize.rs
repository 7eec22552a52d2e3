//! Safe mode (`safe = true` in site.toml), for sites that take pages from the community:
//! every piece of author-supplied HTML (raw HTML in Markdown, data text rendered as
//! Markdown, the `markdown` template filters) goes through [ammonia], an allow-list
//! sanitizer built on html5ever, the HTML5 parser of Servo. It reads the markup exactly
//! as a browser does, so entity-encoded or whitespace-split `javascript:` addresses,
//! `/`-separated event attributes and parser tricks (`<noscript>`, `<svg>`, `<math>`)
//! cannot slip past it. What is allowed is what plainsite's Markdown and themes
//! legitimately write: headings with ids, tables, footnotes, figures, details, `aria-*`,
//! `role`, `lang`, `dir`, classes, images with `srcset`, links with `rel`.
//!
//! [`removals`] names what a piece of raw HTML loses, so authors see what changed.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements kept (their attributes are filtered further).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed with everything inside them (the rest lose only their tags).
const REMOVE_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "textarea",
    "select",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "svg",
    "math",
    "title",
    "frameset",
];

/// Attributes any kept element may have (and every `aria-*`).
const GENERIC_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "lang",
    "dir",
    "title",
    "hidden",
    "tabindex",
    "translate",
];

/// Attributes particular elements may have.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "rel", "type"]),
    (
        "img",
        &[
            "src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding",
        ],
    ),
    (
        "source",
        &["srcset", "sizes", "media", "type", "width", "height"],
    ),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("details", &["open", "name"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    // The dev server's marks of where text starts in the source (serve mode only).
    ("span", &["data-ps-at", "data-ps-kind", "data-ps-file"]),
    ("ins", &["cite", "datetime"]),
];

/// Address schemes kept; relative addresses (`../x/`, `#id`) are kept as written.
const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The one configured sanitizer, shared by every thread.
static POLICY: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(REMOVE_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .generic_attribute_prefixes(HashSet::from(["aria-"]))
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|(t, a)| (*t, a.iter().copied().collect()))
                .collect(),
        )
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        // Authors may write `rel`; adding "noopener noreferrer" to every link would
        // change the site's own links too.
        .link_rel(None)
        .strip_comments(true)
        // ammonia checks the schemes of href and src, not the addresses in srcset.
        .attribute_filter(|_, attr, value| match attr {
            "srcset" if value.split(',').any(|c| bad_scheme(c.trim()).is_some()) => None,
            _ => Some(value.into()),
        });
    b
});

/// `html` with everything outside the allow-list removed. Nesting past what a
/// browser keeps is flattened first: html5ever's work on each tag grows with the
/// depth, so 100,000 nested `<div>`s took half a minute.
pub fn clean(html: &str) -> String {
    POLICY
        .clean(&crate::text::nesting::flatten(html))
        .to_string()
}

/// HTML plainsite itself made (a chart's inline SVG) held out of [`clean`] while the
/// author's HTML around it is cleaned, then put back. Its placeholder holds a hash of
/// the page's source, so an author cannot write one: the text would have to contain
/// its own SHA-256.
pub struct Held {
    token: String,
    blocks: Vec<String>,
}

impl Held {
    /// Holds for a page whose source is `source`.
    pub fn new(source: &str) -> Held {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(source.as_bytes());
        let token = digest
            .iter()
            .take(16)
            .fold(String::from("plainsite"), |mut t, b| {
                t.push_str(&format!("{b:02x}"));
                t
            });
        Held {
            token,
            blocks: Vec::new(),
        }
    }

    /// Keeps `html` aside; returns the placeholder to write in its place.
    pub fn hold(&mut self, html: String) -> String {
        self.blocks.push(html);
        format!("\n{}-{}-\n", self.token, self.blocks.len() - 1)
    }

    /// `html` cleaned, with the held blocks back in their places.
    pub fn clean(&self, html: &str) -> String {
        let mut out = clean(html);
        for (n, block) in self.blocks.iter().enumerate() {
            out = out.replacen(&format!("{}-{n}-", self.token), block, 1);
        }
        out
    }
}

/// One removal as safe mode reports it, on a page or in a data file: what it removed
/// and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    pub message: String,
    pub help: &'static str,
}

/// Each removal safe mode makes from one piece of raw HTML, as it reports it.
pub fn removed_from_html(piece: &str) -> impl Iterator<Item = Removed> {
    removals(piece).into_iter().map(|what| Removed {
        message: format!("safe mode removed {what}"),
        help: "pages from the community may not run scripts or load frames; write the content in Markdown instead",
    })
}

/// Whether a Markdown link's address runs a script (`javascript:`, `vbscript:`,
/// `data:text/html`): safe mode removes it.
pub fn is_script_address(dest: &str) -> bool {
    let dest = dest.trim().as_bytes();
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .any(|scheme| {
            (dest.get(..scheme.len())).is_some_and(|d| d.eq_ignore_ascii_case(scheme.as_bytes()))
        })
}

/// The removal of a Markdown link's script address, as safe mode reports it.
pub fn removed_link_address() -> Removed {
    Removed {
        message: "safe mode removed a script address from a link".into(),
        help: "link to a page or a web address instead",
    }
}

/// What safe mode removes from one piece of raw HTML, in words (for the authors).
/// The piece is read by html5ever's tokenizer, so attribute values are decoded as a
/// browser decodes them.
pub fn removals(piece: &str) -> Vec<String> {
    let tokenizer = Tokenizer::new(Removals::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(piece));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// Collects removals while the tokenizer reads.
#[derive(Default)]
struct Removals {
    found: RefCell<Vec<String>>,
}

impl TokenSink for Removals {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if tag.kind == TagKind::StartTag {
                let mut found = self.found.borrow_mut();
                describe(&tag.name, &tag.attrs, &mut found);
            }
        }
        TokenSinkResult::Continue
    }
}

/// Adds what the sanitizer removes from one start tag.
fn describe(name: &str, attrs: &[html5ever::Attribute], found: &mut Vec<String>) {
    if REMOVE_WITH_CONTENT.contains(&name) {
        found.push(format!("a <{name}> element and what is inside it"));
        return;
    }
    if !TAGS.contains(&name) {
        found.push(format!("a <{name}> tag"));
        return;
    }
    let own = TAG_ATTRIBUTES
        .iter()
        .find(|(t, _)| *t == name)
        .map_or(&[][..], |(_, a)| *a);
    for a in attrs {
        let attr: &str = &a.name.local;
        let allowed =
            GENERIC_ATTRIBUTES.contains(&attr) || attr.starts_with("aria-") || own.contains(&attr);
        if !allowed {
            found.push(format!("the {attr} attribute of a <{name}> tag"));
        } else if let Some(scheme) = bad_scheme(&a.value) {
            found.push(format!(
                "a {scheme} address in the {attr} attribute of a <{name}> tag"
            ));
        }
    }
}

/// The scheme of an address safe mode refuses (`javascript`, `data`...), if any.
/// Only for reporting; [`clean`] decides with ammonia's own URL parser.
fn bad_scheme(value: &str) -> Option<String> {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let (scheme, _) = squeezed.split_once(':')?;
    let is_scheme = !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (is_scheme && !URL_SCHEMES.contains(&scheme)).then(|| scheme.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_scripts_handlers_and_script_addresses() {
        let html = r#"<p onclick="x()">Hi <a href="javascript:alert(1)" title="t">there</a></p><script>alert(1)</script><iframe src="https://e.org"></iframe><img src="a.png" alt="A" onerror=x()>"#;
        assert_eq!(
            clean(html),
            r#"<p>Hi <a title="t">there</a></p><img src="a.png" alt="A">"#
        );
        assert_eq!(removals(html).len(), 5, "{:?}", removals(html));
    }

    #[test]
    fn keeps_what_plainsite_markdown_writes() {
        let html = "<h2 id=\"a\" class=\"x\">A</h2>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table 1\"><table><thead><tr><th scope=\"col\" class=\"align-right\">h</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></div>\n<details open=\"\"><summary>More</summary><p lang=\"fr\" dir=\"ltr\">Oui</p></details>\n<img src=\"a.png\" srcset=\"a2.png 2x\" alt=\"A\" width=\"10\" height=\"5\"><a href=\"../b/#c\" rel=\"nofollow\">b</a>";
        assert_eq!(clean(html), html);
        assert!(removals(html).is_empty(), "{:?}", removals(html));
    }

    #[test]
    fn encoded_and_split_script_addresses_are_reported() {
        for html in [
            "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
            "<a href=' JaVaScRiPt:x'>y</a>",
        ] {
            assert_eq!(removals(html).len(), 1, "{html}");
            assert!(
                !clean(html).to_ascii_lowercase().contains("script"),
                "{html}"
            );
        }
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<a",
            "<a href='",
            "<script",
            "</",
            "<a =x>",
            "<é onclick=1>",
            "<p on>",
        ] {
            let _ = clean(s);
            let _ = removals(s);
        }
    }
}
