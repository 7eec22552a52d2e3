//! Accessibility checks on a rendered page: one h1 and no skipped heading levels, link
//! text that says where a link goes, tables with header cells, unique ids, valid
//! language tags, and key messages first on the home page. A problem that comes from
//! the page's Markdown is reported at its line; one from a template, at the template.

use std::borrow::Cow;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{CheckConfig, PageReport};
use crate::markdown::places::{ByValue, Key, Places, Seen};
use crate::text::diagnostics::Diagnostic;
use crate::text::rule::Rule;

/// Link texts that do not say where a link goes.
const VAGUE: &[&str] = &[
    "click here",
    "here",
    "click",
    "read more",
    "more",
    "learn more",
    "link",
    "this link",
    "this page",
    "this",
    "go",
    "details",
    "more info",
    "find out more",
];

/// A link's words in lower case without a closing '.', '!', ':' or '…', as the
/// repeated-text check compares them: borrowed when lower-casing changes nothing.
fn lower_link_text(text: &str) -> Cow<'_, str> {
    let closing = ['.', '!', ':', '\u{2026}'];
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(text.trim_end_matches(closing));
    }
    // Capitals in ASCII (most link texts): a byte each, without Unicode's tables.
    let mut lower = match text.is_ascii() {
        true => text.to_ascii_lowercase(),
        false => text.to_lowercase(),
    };
    lower.truncate(lower.trim_end_matches(closing).len());
    Cow::Owned(lower)
}

/// Runs the checks on one page. `md_heading_order` is true when the Markdown stage has
/// already reported the page's heading levels.
// Long because one check per rule in a row over the page's scan; split per rule next.
pub fn check_page(
    page: &PageReport,
    config: &CheckConfig,
    md_heading_order: bool,
    is_home: bool,
    has_key_messages: bool,
    base_url: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let scan = &page.scan;
    let places = &page.places;
    let place = |d: Diagnostic, at: Option<(usize, usize)>| place(page, d, at);

    let h1 = scan.headings.iter().filter(|h| h.0 == 1).count();
    if h1 != 1 && !md_heading_order {
        if let Some(d) = config.diagnostic(
            Rule::HeadingOrder,
            format!(
                "the page {} has {h1} main headings (h1); it needs exactly one",
                page.url
            ),
        ) {
            out.push(place(
                d.help("give the page one h1, its title; use h2 and below inside it"),
                None,
            ));
        }
    }
    if !md_heading_order {
        out.extend(skipped_levels(page, config));
    }

    // Keyed by each link's words in lower case, borrowed from the page when they are
    // already (a draft has tens of thousands of links: no copies of each).
    // Sized for every link at once: grown as they came, the table was built again and
    // again (a draft's page has about fifty links).
    let mut by_text: HashMap<Cow<str>, &str> =
        HashMap::with_capacity_and_hasher(scan.anchors.len(), Default::default());
    let mut reported = HashSet::default();
    // Which of the links with the same words (or of the links without words to the
    // same address) each one is: its place is the one written at that rank.
    let (mut words_seen, mut empty_seen) =
        (Seen::with_capacity(scan.anchors.len()), Seen::default());
    let (mut by_words, mut without_words) = (None, None);
    for a in &scan.anchors {
        let text = a.text.trim();
        let rank = words_seen.next(text);
        let key = lower_link_text(text);
        let lower: &str = &key;
        if text.is_empty() && !a.labelled {
            let rank = empty_seen.next(&a.href);
            if let Some(d) =
                config.diagnostic(Rule::LinkText, format!("a link to {} has no text", a.href))
            {
                let written = without_words.get_or_insert_with(|| places.links_without_words());
                let at = written.nth(&a.href, rank);
                out.push(place(
                    d.help("put words in the link that say where it goes"),
                    at.or_else(|| places.address(&a.href)),
                ));
            }
        } else if VAGUE.contains(&lower) && !a.labelled {
            if let Some(d) = config.diagnostic(
                Rule::LinkText,
                format!("the link text \u{201c}{text}\u{201d} does not say where the link goes"),
            ) {
                let at = by_words
                    .get_or_insert_with(|| link_words(places))
                    .nth(text, rank);
                out.push(place(d.help("use words that name the destination, e.g. \u{201c}read the recommendations\u{201d}").span(text.chars().count() + 2), at));
            }
        }
        // A link reported broken already leads nowhere: it is not a second place.
        if text.is_empty() || page.md_broken.contains(&a.href) {
            continue;
        }
        // The address without its fragment and "index.html" (found byte by byte: a
        // draft has tens of thousands of links, and a searcher is built for each).
        let href = a.href.as_str();
        let mut target = memchr::memchr(b'#', href.as_bytes())
            .and_then(|i| href.get(..i))
            .unwrap_or(href);
        while let Some(rest) = target.strip_suffix("index.html") {
            target = rest;
        }
        match by_text.get(lower) {
            Some(other) if *other != target && reported.insert(lower.to_string()) => {
                if let Some(d) = config.diagnostic(Rule::LinkTextRepeated, format!("two links say \u{201c}{text}\u{201d} but lead to different places ({other} and {})", a.href)) {
                    let at = by_words.get_or_insert_with(|| link_words(places)).nth(text, rank);
                    out.push(place(d.help("give each link its own words, so people know which is which"), at));
                }
            }
            Some(_) => {}
            None => {
                by_text.insert(key, target);
            }
        }
    }

    out.extend(tables_without_headers(page, config));
    out.extend(ids_used_twice(page, config));
    out.extend(bad_language_tags(page, config));

    // Read only for a page that loads something from elsewhere (few do).
    let policies = match scan.external.is_empty() {
        true => super::policy::Policies::default(),
        false => super::policy::Policies::read(&scan.policies).on_site(base_url),
    };
    let (mut seen, mut loads) = (Seen::with_capacity(scan.external.len()), None);
    for (tag, url) in &scan.external {
        let rank = seen.next(url);
        let a = if tag.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        let message = if policies.allows_url(super::policy::directive_for(tag), url) {
            format!("this page loads {url} ({a} {tag}) from another website")
        } else {
            format!("the site's security policy stops {url} ({a} {tag}) from another website: it will not load")
        };
        if let Some(d) = config.diagnostic(Rule::ExternalResource, message) {
            let at = loads.get_or_insert_with(|| loaded(places)).nth(url, rank);
            out.push(place(d.help("copy the file into the site (next to the page, or in the theme's static/ folder): nothing should load from another host, so the site has no trackers and works offline"), at));
        }
    }
    if is_home {
        let first_h2 = scan.headings.iter().find(|h| h.0 == 2);
        let first = first_h2
            .is_some_and(|h| h.1 == "ps-key-messages" || h.2.eq_ignore_ascii_case("key messages"));
        let problem = if !has_key_messages {
            Some("the home page has no key messages")
        } else if !first {
            Some("the key messages are not the first thing on the home page")
        } else {
            None
        };
        if let Some(p) = problem {
            if let Some(d) = config.diagnostic(Rule::KeyMessages, p) {
                out.push(place(d.help("list the two to five things readers most need to know in content/_data/key_messages.yaml; the theme shows them first"), None));
            }
        }
    }
    out
}

/// `d` at the line and column of the page's Markdown where its element is written, or
/// at the page's template when the Markdown does not write it.
fn place(page: &PageReport, d: Diagnostic, at: Option<(usize, usize)>) -> Diagnostic {
    match (&page.source_text, at) {
        (Some(text), Some((line, col))) => d.at(&page.file, text, line, col),
        _ => d.in_file(format!("{} (template {})", page.file, page.template)),
    }
}

/// The headings that skip a level (h2 then h4), each at its own place: of two headings
/// with the same words, the one that skips.
fn skipped_levels(page: &PageReport, config: &CheckConfig) -> Vec<Diagnostic> {
    let seen = Seen::with_capacity(page.scan.headings.len());
    let (mut out, mut last, mut seen, mut written) = (Vec::new(), 0u8, seen, None);
    for (level, _, text) in &page.scan.headings {
        let words = text.trim();
        let rank = seen.next(words);
        if last > 0 && *level > last + 1 {
            if let Some(d) = config.diagnostic(
                Rule::HeadingOrder,
                format!("the heading \u{201c}{text}\u{201d} skips a level (h{last} to h{level})"),
            ) {
                let headings = written.get_or_insert_with(|| {
                    page.places.by_value(|k| match k {
                        Key::Heading(words) => Some(words.as_str()),
                        _ => None,
                    })
                });
                let at = headings.nth(words, rank);
                out.push(place(page, d.help(format!("make it an h{}", last + 1)), at));
            }
        }
        last = *level;
    }
    out
}

/// The links of the page's Markdown by their words.
fn link_words(places: &Places) -> ByValue<'_> {
    places.by_value(|k| match k {
        Key::LinkText(words) => Some(words.as_str()),
        _ => None,
    })
}

/// The addresses the page's Markdown loads a file from: its images, and the addresses
/// of its raw HTML tags other than links (`<a>` only names a page).
fn loaded(places: &Places) -> ByValue<'_> {
    places.by_value(|k| match k {
        Key::Image(address) => Some(address.as_str()),
        Key::Attr { tag, value, .. } if tag != "a" => Some(value.as_str()),
        _ => None,
    })
}

/// The page's tables without header cells, in one problem at the first of them.
fn tables_without_headers(page: &PageReport, config: &CheckConfig) -> Option<Diagnostic> {
    let first = *page.scan.tables_without_headers.iter().min()?;
    let d = config.diagnostic(
        Rule::TableHeaders,
        format!(
            "{} table(s) on {} have no header cells",
            page.scan.tables_without_headers.len(),
            page.url
        ),
    )?;
    // Markdown's tables and raw HTML's, in the order they are written, as the scan
    // ranks them.
    let tables = page.places.by_value(|k| match k {
        Key::Table => Some("table"),
        Key::Tag(name) if name == "table" => Some("table"),
        _ => None,
    });
    let d = d.help(
        "give each table a header row (<th> cells), so screen readers can say what each column is",
    );
    Some(place(page, d, tables.nth("table", first)))
}

/// Each use of an id after its first, at its own place.
fn ids_used_twice(page: &PageReport, config: &CheckConfig) -> Vec<Diagnostic> {
    let (mut out, mut seen, mut written) =
        (Vec::new(), Seen::with_capacity(page.scan.ids.len()), None);
    for id in &page.scan.ids {
        let rank = seen.next(id);
        if rank == 0 {
            continue;
        }
        if let Some(d) = config.diagnostic(
            Rule::DuplicateId,
            format!("the id \"{id}\" is used twice on {}", page.url),
        ) {
            let ids = written.get_or_insert_with(|| {
                page.places.by_value(|k| match k {
                    Key::HeadingId(id) => Some(id.as_str()),
                    Key::Attr { name, value, .. } if name == "id" => Some(value.as_str()),
                    _ => None,
                })
            });
            let d = d.help("each id must be unique on a page: rename one of them");
            out.push(place(page, d, ids.nth(id, rank)));
        }
    }
    out
}

/// Each `lang` attribute whose value is not a language code, at its own place.
fn bad_language_tags(page: &PageReport, config: &CheckConfig) -> Vec<Diagnostic> {
    let (mut out, mut seen, mut written) =
        (Vec::new(), Seen::with_capacity(page.scan.langs.len()), None);
    for lang in &page.scan.langs {
        let rank = seen.next(lang);
        if crate::load::languages::is_language_tag(lang) {
            continue;
        }
        if let Some(d) = config.diagnostic(
            Rule::LanguageTag,
            format!("lang=\"{lang}\" is not a language code"),
        ) {
            let langs = written.get_or_insert_with(|| {
                page.places.by_value(|k| match k {
                    Key::Attr { name, value, .. } if name == "lang" => Some(value.as_str()),
                    _ => None,
                })
            });
            let d = d.help("use a BCP 47 code such as en, fr or fr-CA");
            out.push(place(page, d, langs.nth(lang, rank)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::html_scan::{scan_and_rewrite, Rewrite};

    /// Link texts are compared in lower case as Unicode lower-cases them, whether they
    /// are ASCII or not, without their closing mark.
    #[test]
    fn link_texts_are_lower_cased_as_unicode_does() {
        for text in [
            "read more",
            "Read More.",
            "PDF!",
            "A\u{2013}Z index",
            "RÉSUMÉ:",
            "\u{130}stanbul",
            "Ça…",
        ] {
            let mut oracle = text.to_lowercase();
            oracle.truncate(oracle.trim_end_matches(['.', '!', ':', '\u{2026}']).len());
            assert_eq!(lower_link_text(text), oracle, "{text:?}");
        }
    }

    fn page(html: &str, source: &str) -> PageReport {
        let (_, scan) = scan_and_rewrite(
            html,
            &Rewrite {
                page_url: "/a/",
                base_path: "/",
                portable: false,
                relative: false,
            },
        );
        PageReport {
            url: "/a/".into(),
            file: "content/a.md".into(),
            template: "page.html".into(),
            source_text: Some(source.into()),
            scan,
            md_links: vec![],
            md_broken: vec![],
            places: Default::default(),
            ignored: vec![],
            written: None,
        }
    }

    fn rules(d: &[Diagnostic]) -> Vec<Rule> {
        d.iter().filter_map(|d| d.rule).collect()
    }

    #[test]
    fn a_clean_page_passes() {
        let p = page(
            r#"<h1>T</h1><h2 id="x">A</h2><a href="/b/">The recommendations</a><table><tr><th>h</th></tr></table>"#,
            "",
        );
        assert!(check_page(&p, &CheckConfig::default(), false, false, true, "").is_empty());
    }

    #[test]
    fn finds_each_problem() {
        let source = "---\ntitle: A\n---\nSee [click here](b.md) and [Pay](c.md).\n";
        let html = r#"<h1>T</h1><h3>Deep</h3><a href="/b/">click here</a><a href="/c/">Pay</a><a href="/d/">Pay</a><a href="/e/"></a><table><tr><td>1</td></tr></table><p id="x"></p><p id="x" lang="english"></p>"#;
        let mut p = page(html, source);
        p.places = crate::markdown::places::of(vec![(Key::LinkText("click here".into()), (4, 5))]);
        let d = check_page(&p, &CheckConfig::default(), false, false, true, "");
        assert_eq!(
            rules(&d),
            [
                Rule::HeadingOrder,
                Rule::LinkText,
                Rule::LinkTextRepeated,
                Rule::LinkText,
                Rule::TableHeaders,
                Rule::DuplicateId,
                Rule::LanguageTag
            ],
            "{d:?}"
        );
        let tracked = page(
            r#"<h1>T</h1><script src="https://cdn.example.com/x.js"></script><link rel="canonical" href="https://example.org/"><a href="https://example.org/">Our partner</a><img alt="x" src="//cdn.example.com/p.png">"#,
            "",
        );
        assert_eq!(
            rules(&check_page(
                &tracked,
                &CheckConfig::default(),
                false,
                false,
                true,
                ""
            )),
            [Rule::ExternalResource, Rule::ExternalResource]
        );
        let mut framed = page(
            r#"<h1>T</h1><iframe title="Talk" src="https://www.youtube.com/embed/x"></iframe><img alt="x" src="https://cdn.example.com/p.png">"#,
            "",
        );
        let messages = |p: &PageReport| -> Vec<String> {
            check_page(p, &CheckConfig::default(), false, false, true, "")
                .into_iter()
                .map(|d| d.message)
                .collect()
        };
        framed.scan.policies = vec!["default-src 'self'; img-src 'self' data:".into()];
        let blocked = messages(&framed);
        assert!(
            blocked
                .iter()
                .all(|m| m.contains("security policy stops") && !m.contains("loads")),
            "a blocked frame does not load: {blocked:?}"
        );
        framed.scan.policies =
            vec!["default-src 'self'; frame-src https://www.youtube.com; img-src *".into()];
        let allowed = messages(&framed);
        assert!(
            allowed.iter().all(|m| m.contains("this page loads")),
            "{allowed:?}"
        );
        assert!(
            allowed.iter().any(|m| m.contains("(an iframe)"))
                && allowed.iter().any(|m| m.contains("(an img)")),
            "an iframe, an img: {allowed:?}"
        );
        let vague = &d[1];
        assert_eq!(
            (
                vague.location.as_ref().unwrap().line,
                vague.location.as_ref().unwrap().column
            ),
            (4, 5)
        );
    }

    #[test]
    fn srcset_poster_object_formaction_and_upper_case_schemes_are_files_from_another_website() {
        let mut p = page(
            r#"<h1>T</h1><img alt="x" src="a.png" srcset="https://cdn.example.org/big.jpg 2x, small.jpg 1x"><picture><source srcset="https://cdn.example.org/p.webp"></picture><video poster="https://example.org/poster.jpg"></video><object data="https://example.org/r.pdf"></object><button formaction="https://example.org/go">Go</button><img alt="y" src="HTTPS://CDN.EXAMPLE.ORG/y.png"><link rel="icon" href="https://example.org/i.png"><link rel="alternate" href="https://example.org/fr/"><link rel="stylesheet" href="https://example.org/s.css">"#,
            "",
        );
        p.scan.policies = vec!["default-src 'self'; img-src 'self' data: https://example.org; object-src 'none'; form-action 'self'".into()];
        let found: Vec<String> = check_page(&p, &CheckConfig::default(), false, false, true, "")
            .into_iter()
            .map(|d| d.message)
            .collect();
        let stops = |what: &str| {
            format!(
                "the site's security policy stops {what} from another website: it will not load"
            )
        };
        assert_eq!(
            found,
            [
                stops("https://cdn.example.org/big.jpg (an img)"),
                stops("https://cdn.example.org/p.webp (a picture source)"),
                "this page loads https://example.org/poster.jpg (a video poster) from another website".to_string(),
                stops("https://example.org/r.pdf (an object)"),
                stops("https://example.org/go (a form button)"),
                stops("HTTPS://CDN.EXAMPLE.ORG/y.png (an img)"),
                "this page loads https://example.org/i.png (an icon link) from another website".to_string(),
                stops("https://example.org/s.css (a link)"),
            ]
        );
    }

    #[test]
    fn home_page_needs_key_messages_first() {
        let good = page(
            r#"<h1>T</h1><h2 id="ps-key-messages">Key messages</h2><h2>Other</h2>"#,
            "",
        );
        assert!(check_page(&good, &CheckConfig::default(), false, true, true, "").is_empty());
        let bad = page(
            r#"<h1>T</h1><h2>Other</h2><h2 id="ps-key-messages">Key messages</h2>"#,
            "",
        );
        assert_eq!(
            rules(&check_page(
                &bad,
                &CheckConfig::default(),
                false,
                true,
                true,
                ""
            )),
            [Rule::KeyMessages]
        );
        assert_eq!(
            rules(&check_page(
                &good,
                &CheckConfig::default(),
                false,
                true,
                false,
                ""
            )),
            [Rule::KeyMessages]
        );
    }
}
