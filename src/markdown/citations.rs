//! Stage 4, citations: `[@key]`, `[@a; @b]` and `[-@key]` (the year without the
//! author) in a page's Markdown, formatted by hayagriva's CSL processor in the site's
//! style ([`crate::load::references`]), and the page's reference list: a labelled
//! section with a heading, each entry's DOI and address linked, and back-links from
//! each entry to the places that cite it.
//!
//! pulldown-cmark reads `[@key]` as a link whose reference is not defined; the
//! renderer's [`callback`] turns it into a link to [`SCHEME`], and the renderer puts the
//! citation this module formatted in its place. [`prepare`] reads the body once before
//! rendering, because a citation's text depends on every other citation of the page
//! (numbers in order of first use, "2005a" and "2005b").

use std::collections::HashMap;

use hayagriva::citationberg::taxonomy::{Locator, Term};
use hayagriva::citationberg::{
    CitationFormat, FontStyle, FontVariant, FontWeight, IndependentStyle, StyleCategory,
    TextDecoration, VerticalAlign,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, ElemMeta, Formatting, LocatorPayload, Rendered, SpecificLocator,
};
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Parser, Tag};

use crate::load::i18n::Strings;
use crate::load::references::{Entries, References};
use crate::markdown::sanitize::Held;
use crate::text::csl::{locales_for, style_in};
use crate::text::diagnostics::{did_you_mean, Diagnostic};
use crate::text::escape::escape;
use crate::text::slug::{slugify, unique_id};

/// The address a citation's link gets from [`callback`], followed by what it cites.
pub const SCHEME: &str = "plainsite-cite:";

/// One work cited in a `[...]` group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite {
    pub key: String,
    /// `[-@key]`: the year only, when the sentence already names the author.
    pub suppress_author: bool,
    /// Where `@key` starts in the group's text.
    pub at: usize,
    /// What follows the key after a comma (`p. 3`, `chap. 2`), where it starts in the
    /// group's text; read against the CSL locale's terms by [`read_locator`].
    pub locator: Option<(String, usize)>,
    /// The locator as read: its kind and its value (`3`, `3-5`).
    pub read: Option<(Locator, String)>,
}

/// The works a `[@a; -@b]` group cites, or `None` when the text is not a citation
/// (it then stays as written).
pub fn parse_group(text: &str) -> Option<Vec<Cite>> {
    let mut cites = Vec::new();
    let mut start = 0;
    for part in text.split(';') {
        let lead = part.len() - part.trim_start().len();
        let item = part.trim();
        let (suppress_author, rest) = match item.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, item),
        };
        let (head, locator) = match rest.split_once(',') {
            Some((head, after)) => (head.trim_end(), Some(after)),
            None => (rest, None),
        };
        let key = head.strip_prefix('@')?;
        let valid = |c: char| c.is_alphanumeric() || "_:.#$%&-+?<>~/".contains(c);
        if key.is_empty() || !key.chars().all(valid) {
            return None;
        }
        let at = start + lead + usize::from(suppress_author);
        let locator = locator.map(|after| {
            let from = at + (rest.len() - after.len()) + (after.len() - after.trim_start().len());
            (after.trim().to_string(), from)
        });
        cites.push(Cite {
            key: key.to_string(),
            suppress_author,
            at,
            locator,
            read: None,
        });
        start += part.len() + 1;
    }
    Some(cites)
}

/// pulldown-cmark's broken-link callback: `[@key]` becomes a link to [`SCHEME`].
pub fn callback<'a>(link: BrokenLink<'a>) -> Option<(CowStr<'a>, CowStr<'a>)> {
    (link.link_type == LinkType::Shortcut && parse_group(&link.reference).is_some())
        .then(|| (format!("{SCHEME}{}", link.reference).into(), "".into()))
}

/// Whether a link's address is a citation's.
pub fn is_cite(dest: &str) -> bool {
    dest.starts_with(SCHEME)
}

/// A page's citations, formatted, and its reference list.
#[derive(Debug, Default)]
pub struct PageCites {
    /// The HTML of each citation, in the order of the page.
    html: Vec<String>,
    next: usize,
    /// Inside a citation's link: its words are the key, not text to show.
    pub skipping: bool,
    list: String,
    /// Unknown keys, a page citing without a references file.
    pub problems: Vec<Diagnostic>,
}

impl PageCites {
    /// The next citation's HTML (as written when it could not be formatted), held out
    /// of safe mode's cleaning: plainsite made it.
    pub fn next_html(&mut self, held: Option<&mut Held>) -> String {
        self.next += 1;
        let html = self.html.get(self.next - 1).cloned().unwrap_or_default();
        match held {
            Some(h) => h.hold(html),
            None => html,
        }
    }

    /// Appends the reference list, if the page cites anything.
    pub fn push_list(&mut self, html: &mut String, held: Option<&mut Held>) {
        let list = std::mem::take(&mut self.list);
        match held {
            Some(h) if !list.is_empty() => html.push_str(&h.hold(list)),
            _ => html.push_str(&list),
        }
    }
}

/// Where a page's Markdown is, for the places of unknown keys.
struct Place<'a> {
    file: &'a str,
    text: &'a str,
    index: &'a crate::text::diagnostics::LineIndex,
    body_offset: usize,
}

/// A group found in the body: its works and where it starts.
struct Group {
    cites: Vec<Cite>,
    written: String,
    offset: usize,
}

/// Reads the body's citations, reports unknown keys at their place, and formats them
/// and the reference list. Ids it uses go into `ids`, so headings do not take them.
pub fn prepare(
    body: &str,
    src: &super::Source,
    links: &super::LinkContext,
    ids: &mut crate::text::slug::IdSet,
) -> PageCites {
    if !body.contains('@') {
        return PageCites::default();
    }
    let groups = find_groups(body);
    if groups.is_empty() {
        return PageCites::default();
    }
    let place = Place {
        file: src.file,
        text: src.text,
        index: src.index,
        body_offset: src.body_offset,
    };
    let mut problems = Vec::new();
    let Some(refs) = links.model.references.as_deref() else {
        // A references file with an error (reported) is a list the page cites from.
        for g in groups.iter().filter(|_| !links.model.references_unread) {
            problems.push(
                Diagnostic::error(format!(
                    "this page cites {}, but the site has no list of references",
                    g.written
                ))
                .at_offset(place.file, place.index, place.text, place.body_offset + g.offset)
                .help("put the works in content/_data/references.bib (BibTeX) or references.json (CSL-JSON); write \\[@ for a bracket that is not a citation"),
            );
        }
        return PageCites {
            problems,
            ..written_as_is(&groups)
        };
    };
    let keys = refs.keys();
    let mut groups = groups;
    for g in &mut groups {
        for c in g.cites.iter().filter(|c| !keys.contains(&c.key)) {
            problems.push(unknown_key(c, g, &place, &keys, &refs.file));
        }
        let offset = g.offset;
        for c in &mut g.cites {
            let Some((text, at)) = &c.locator else {
                continue;
            };
            c.read = read_locator(text, &refs.locale());
            if c.read.is_none() {
                problems.push(unread_locator(
                    text,
                    place.body_offset + offset + 1 + at,
                    &place,
                ));
            }
        }
    }
    PageCites {
        problems,
        ..format(&groups, refs, &keys, links.strings, ids)
    }
}

fn find_groups(body: &str) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut cb = callback;
    let parser = Parser::new_with_broken_link_callback(body, super::options(), Some(&mut cb));
    for (event, range) in parser.into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let Some(text) = dest_url.strip_prefix(SCHEME) else {
                continue;
            };
            groups.push(Group {
                cites: parse_group(text).unwrap_or_default(),
                written: format!("[{text}]"),
                offset: range.start,
            });
        }
    }
    groups
}

fn written_as_is(groups: &[Group]) -> PageCites {
    PageCites {
        html: groups.iter().map(|g| escape(&g.written)).collect(),
        ..Default::default()
    }
}

fn unknown_key(c: &Cite, g: &Group, place: &Place, keys: &[String], file: &str) -> Diagnostic {
    // The key's place: after the group's `[` and what comes before it in the group.
    let offset = place.body_offset + g.offset + 1 + c.at;
    let d = Diagnostic::error(format!("no reference has the key \"{}\"", c.key))
        .at_offset(place.file, place.index, place.text, offset)
        .span(c.key.len() + 1);
    match did_you_mean(&c.key, keys.iter().map(String::as_str)) {
        Some(s) => d.help(format!("did you mean [@{s}]? The keys are in {file}")),
        None => d.help(format!(
            "use the key of an entry in {file}, e.g. [@{}]",
            keys.first().map_or("key", String::as_str)
        )),
    }
}

/// The CSL locator kinds (CSL 1.0.2, "Locators"), by their CSL names.
const LOCATORS: &[&str] = &[
    "act",
    "appendix",
    "article-locator",
    "book",
    "canon",
    "chapter",
    "column",
    "elocation",
    "equation",
    "figure",
    "folio",
    "issue",
    "line",
    "note",
    "opus",
    "page",
    "paragraph",
    "part",
    "rule",
    "scene",
    "section",
    "sub-verbo",
    "supplement",
    "table",
    "timestamp",
    "title",
    "title-locator",
    "verse",
    "volume",
];

/// A locator as written after a key (`p. 3`, `pp. 3-5`, `chapter 2`, `chap. 2`), read
/// as Pandoc reads it: its label is one of the locator terms of the page's CSL locale
/// or of English (long, short or symbol form, singular or plural, any case), or the
/// locator's CSL name; a bare number is a page. `None` when no term matches or no
/// value follows.
pub fn read_locator(
    text: &str,
    locale: &hayagriva::citationberg::LocaleCode,
) -> Option<(Locator, String)> {
    let lower = text.to_lowercase();
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        return Some((Locator::Page, text.to_string()));
    }
    let wanted = [locale.0.as_str(), "en-US"];
    let terms = locales_for(locale)
        .iter()
        .filter(|l| {
            l.lang
                .as_ref()
                .is_some_and(|c| wanted.contains(&c.0.as_str()))
        })
        .filter_map(|l| l.terms.as_ref())
        .flat_map(|t| &t.terms);
    let kinds: Vec<(Locator, &str)> = LOCATORS
        .iter()
        .filter_map(|n| Some((n.parse().ok()?, *n)))
        .collect();
    // A locale writes "chapter" once, as the kind of work and the locator alike.
    let kind_of = |t: Term| {
        kinds
            .iter()
            .find(|(k, _)| t.is_lexically_same(Term::Locator(*k)))
            .map(|(k, _)| *k)
    };
    let mut labels: Vec<(Locator, String)> = terms
        .filter_map(|t| Some((kind_of(t.name)?, t)))
        .flat_map(|(kind, t)| {
            [t.single(), t.multiple()].map(|w| w.map(|w| (kind, w.to_lowercase())))
        })
        .flatten()
        .chain(kinds.iter().map(|(k, n)| (*k, n.replace('-', " "))))
        .filter(|(_, label)| !label.is_empty())
        .collect();
    // The longest label first: "pp." before "p.".
    labels.sort_by_key(|(_, label)| std::cmp::Reverse(label.chars().count()));
    labels.into_iter().find_map(|(kind, label)| {
        let rest = lower.strip_prefix(&label)?;
        let value = rest.trim_start();
        let parted = label.ends_with('.') || rest.len() > value.len();
        // The value as written (its case kept) when lower case did not change lengths.
        let written = (lower.len() == text.len())
            .then(|| text.get(text.len() - value.len()..))
            .flatten()
            .unwrap_or(value);
        (parted && !value.is_empty()).then(|| (kind, written.to_string()))
    })
}

fn unread_locator(text: &str, offset: usize, place: &Place) -> Diagnostic {
    Diagnostic::error(format!("plainsite cannot read the locator \"{text}\""))
        .at_offset(place.file, place.index, place.text, offset)
        .span(text.len())
        .help("write a page as p. 3 or pp. 3-5, a chapter as chapter 2 or chap. 2, a section as section 4 (the words of the page's language work too)")
}

/// Whether the style cites by author and year (`[-@key]` then gives the year alone).
fn author_date(csl: &IndependentStyle) -> bool {
    csl.info.category.iter().any(|c| {
        matches!(
            c,
            StyleCategory::CitationFormat {
                format: CitationFormat::AuthorDate
            }
        )
    })
}

/// Runs hayagriva's citation processor over the page's groups, for entries of one
/// concrete type (its entry trait is not public, so this is a macro, not a function).
macro_rules! drive {
    ($lookup:expr, $groups:expr, $csl:expr, $locale:expr) => {{
        let mut driver = BibliographyDriver::new();
        for g in $groups {
            let items: Vec<_> =
                g.cites
                    .iter()
                    .filter_map(|c| {
                        let entry = $lookup(c.key.as_str())?;
                        let purpose =
                            (c.suppress_author && author_date($csl)).then_some(CitePurpose::Year);
                        let locator = c.read.as_ref().map(|(kind, value)| {
                            SpecificLocator(*kind, LocatorPayload::Str(value))
                        });
                        Some(CitationItem::new(entry, locator, None, false, purpose))
                    })
                    .collect();
            driver.citation(CitationRequest::new(
                items,
                $csl,
                Some($locale.clone()),
                locales_for(&$locale),
                None,
            ));
        }
        driver.finish(BibliographyRequest::new(
            $csl,
            Some($locale.clone()),
            locales_for(&$locale),
        ))
    }};
}

fn format(
    groups: &[Group],
    refs: &References,
    keys: &[String],
    strings: &Strings,
    ids: &mut crate::text::slug::IdSet,
) -> PageCites {
    let Some(csl) = style_in(refs.style, &refs.locale()) else {
        return written_as_is(groups);
    };
    // Only the known works; a group citing none stays as written.
    let known: Vec<Group> = groups
        .iter()
        .map(|g| Group {
            cites: g
                .cites
                .iter()
                .filter(|c| keys.contains(&c.key))
                .cloned()
                .collect(),
            written: g.written.clone(),
            offset: g.offset,
        })
        .collect();
    let rendered = process(&known, refs, csl);
    // Ids: one per cited work, one per citation.
    let mut entry_ids: HashMap<String, String> = HashMap::new();
    for item in rendered.bibliography.iter().flat_map(|b| &b.items) {
        let id = unique_id(format!("ref-{}", slugify(&item.key)), ids);
        entry_ids.insert(item.key.clone(), id);
    }
    let mut places: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = rendered.citations.iter();
    let mut html = Vec::new();
    for g in &known {
        let Some(citation) = out.next().filter(|_| !g.cites.is_empty()) else {
            html.push(escape(&g.written));
            continue;
        };
        let cite_id = unique_id(format!("cite-{}", html.len() + 1), ids);
        for c in &g.cites {
            let at = places.entry(c.key.clone()).or_default();
            at.push(cite_id.clone());
        }
        let inner = citation_html(g, &citation.citation, csl, &entry_ids, strings);
        html.push(format!(
            "<span class=\"citation\" id=\"{cite_id}\">{inner}</span>"
        ));
    }
    let lists = Lists {
        entry_ids: &entry_ids,
        places: &places,
        langs: &other_languages(refs),
    };
    PageCites {
        html,
        list: rendered
            .bibliography
            .map(|b| reference_list(&b.items, &lists, strings, ids))
            .unwrap_or_default(),
        ..Default::default()
    }
}

/// The groups that cite known works, through hayagriva's processor.
fn process(known: &[Group], refs: &References, csl: &IndependentStyle) -> Rendered {
    let cited = known.iter().filter(|g| !g.cites.is_empty());
    let locale = refs.locale();
    match &refs.entries {
        Entries::Bib(lib) => drive!(|k: &str| lib.get(k), cited, csl, locale),
        Entries::Csl(items) => {
            let by_id: HashMap<String, &hayagriva::citationberg::json::Item> = items
                .iter()
                .filter_map(|i| Some((i.id()?.into_owned(), i)))
                .collect();
            drive!(|k: &str| by_id.get(k).copied(), cited, csl, locale)
        }
    }
}

/// One citation's HTML, each work linked to its entry.
fn citation_html(
    g: &Group,
    citation: &ElemChildren,
    csl: &IndependentStyle,
    entry_ids: &HashMap<String, String>,
    strings: &Strings,
) -> String {
    let link = |i: usize| {
        g.cites
            .get(i)
            .and_then(|c| entry_ids.get(&c.key))
            .map(|id| format!("#{id}"))
    };
    let mut inner = String::new();
    write_children(citation, &mut inner, &link, strings);
    // The year alone, in the style's own brackets.
    if author_date(csl) && g.cites.iter().all(|c| c.suppress_author) {
        let layout = &csl.citation.layout;
        let (open, close) = (layout.prefix.as_deref(), layout.suffix.as_deref());
        inner = format!(
            "{}{inner}{}",
            escape(open.unwrap_or_default()),
            escape(close.unwrap_or_default())
        );
    }
    inner
}

/// The language of each work written in another language than the pages', from
/// BibTeX's `langid` or `language` and CSL-JSON's `language`: the entry is marked
/// with it, so screen readers read its title in that language.
fn other_languages(refs: &References) -> HashMap<String, String> {
    let page = refs.lang.split('-').next().unwrap_or_default();
    let langs: Vec<(String, String)> = match &refs.entries {
        Entries::Bib(lib) => lib
            .iter()
            .filter_map(|e| Some((e.key().to_string(), e.language()?.to_string())))
            .collect(),
        Entries::Csl(items) => items
            .iter()
            .filter_map(|i| {
                let lang = i.0.get("language")?.to_str()?.into_owned();
                Some((i.id()?.into_owned(), lang))
            })
            .collect(),
    };
    langs
        .into_iter()
        .filter(|(_, l)| {
            let primary = l.split(['-', '_']).next().unwrap_or_default();
            !primary.is_empty() && !primary.eq_ignore_ascii_case(page)
        })
        .collect()
}

/// What the reference list links to, by key.
struct Lists<'a> {
    entry_ids: &'a HashMap<String, String>,
    places: &'a HashMap<String, Vec<String>>,
    langs: &'a HashMap<String, String>,
}

fn reference_list(
    items: &[hayagriva::BibliographyItem],
    lists: &Lists,
    strings: &Strings,
    ids: &mut crate::text::slug::IdSet,
) -> String {
    let Lists {
        entry_ids,
        places,
        langs,
    } = lists;
    let heading = unique_id("references".into(), ids);
    let mut out = format!(
        "<section class=\"references\" aria-labelledby=\"{heading}\">\n<h2 id=\"{heading}\">{}</h2>\n<ul class=\"reference-list\">\n",
        escape(strings.get("references"))
    );
    let none = |_: usize| None;
    for item in items {
        let id = entry_ids.get(&item.key).cloned().unwrap_or_default();
        out += &format!("<li id=\"{id}\">");
        if let Some(first) = &item.first_field {
            out += "<span class=\"reference-label\">";
            write_child(first, &mut out, &none, strings);
            out += "</span> ";
        }
        // The work's own words in its language; the back-links in the page's. The
        // marks the style joins are collapsed as CSL processors do (hayagriva keeps
        // both: « (2021,) »).
        let mut reference = String::new();
        write_children(&item.content, &mut reference, &none, strings);
        let reference = crate::text::punctuation::collapse(&reference);
        match langs.get(&item.key) {
            Some(lang) => out += &format!("<span lang=\"{}\">{reference}</span>", escape(lang)),
            None => out += &reference,
        }
        out += &back_links(
            places.get(&item.key).map_or(&[][..], Vec::as_slice),
            strings,
        );
        out += "</li>\n";
    }
    out + "</ul>\n</section>\n"
}

/// Links from an entry back to each place that cites it.
fn back_links(places: &[String], strings: &Strings) -> String {
    match places {
        [] => String::new(),
        [one] => format!(
            " <a class=\"reference-back\" href=\"#{one}\">{}</a>",
            escape(strings.get("back_to_citation"))
        ),
        many => {
            let links: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(n, id)| {
                    format!(
                        "<a href=\"#{id}\"><span class=\"visually-hidden\">{} </span>{}</a>",
                        escape(strings.get("citation_place")),
                        n + 1
                    )
                })
                .collect();
            format!(
                " <span class=\"reference-back\">{} {}</span>",
                escape(strings.get("back_to_citations")),
                links.join(" ")
            )
        }
    }
}

fn write_children(
    children: &ElemChildren,
    out: &mut String,
    link: &dyn Fn(usize) -> Option<String>,
    strings: &Strings,
) {
    for child in &children.0 {
        write_child(child, out, link, strings);
    }
}

/// hayagriva's own HTML does not escape text, so plainsite writes it: text escaped,
/// formatting as elements (no inline styles, for the page's security policy), web
/// addresses and DOIs as links, and each cited work linked to its entry.
fn write_child(
    child: &ElemChild,
    out: &mut String,
    link: &dyn Fn(usize) -> Option<String>,
    strings: &Strings,
) {
    match child {
        ElemChild::Text(t) => formatted(&t.formatting, &escape(&t.text), out),
        ElemChild::Markup(m) => out.push_str(&escape(m)),
        ElemChild::Link { text, url } => {
            let words = escape(&text.text);
            if url.starts_with("https://") || url.starts_with("http://") {
                let mut inner = String::new();
                formatted(&text.formatting, &words, &mut inner);
                out.push_str(&format!("<a href=\"{}\">{inner}</a>", escape(url)));
            } else {
                formatted(&text.formatting, &words, out);
            }
        }
        ElemChild::Elem(e) => {
            let target = match e.meta {
                Some(ElemMeta::Entry(i)) => link(i),
                _ => None,
            };
            let mut inner = String::new();
            write_children(&e.children, &mut inner, link, strings);
            match target {
                Some(href) => {
                    // A bare number ("1") names nothing on its own.
                    let hidden = if inner.chars().any(char::is_alphabetic) {
                        String::new()
                    } else {
                        format!(
                            "<span class=\"visually-hidden\">{} </span>",
                            escape(strings.get("reference"))
                        )
                    };
                    out.push_str(&format!(
                        "<a href=\"{}\">{hidden}{inner}</a>",
                        escape(&href)
                    ));
                }
                None => out.push_str(&inner),
            }
        }
        ElemChild::Transparent { .. } => {}
    }
}

/// Text with its CSL formatting as HTML elements.
fn formatted(f: &Formatting, text: &str, out: &mut String) {
    let mut open = Vec::new();
    if f.font_style == FontStyle::Italic {
        open.push(("<i>", "</i>"));
    }
    if f.font_weight == FontWeight::Bold {
        open.push(("<b>", "</b>"));
    }
    if f.font_variant == FontVariant::SmallCaps {
        open.push(("<span class=\"small-caps\">", "</span>"));
    }
    if f.text_decoration == TextDecoration::Underline {
        open.push(("<u>", "</u>"));
    }
    match f.vertical_align {
        VerticalAlign::Sup => open.push(("<sup>", "</sup>")),
        VerticalAlign::Sub => open.push(("<sub>", "</sub>")),
        _ => {}
    }
    for (start, _) in &open {
        out.push_str(start);
    }
    out.push_str(text);
    for (_, end) in open.iter().rev() {
        out.push_str(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_of_keys_are_citations_and_other_brackets_are_not() {
        let g = parse_group("@pawson2005; -@wong2013").unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!((g[0].key.as_str(), g[0].at), ("pawson2005", 0));
        assert_eq!(
            (g[1].key.as_str(), g[1].at, g[1].suppress_author),
            ("wong2013", 14, true)
        );
        assert!(parse_group("see @a").is_none());
        assert!(parse_group("@").is_none());
        assert!(parse_group("x").is_none());
        assert!(parse_group("@a b").is_none());
    }

    #[test]
    fn a_locator_follows_the_key_after_a_comma() {
        let g = parse_group("@a, p. 3; -@b ,  chap. 2").unwrap();
        assert_eq!(g[0].key, "a");
        assert_eq!(g[0].locator, Some(("p. 3".into(), 4)));
        assert_eq!(g[1].key, "b");
        assert_eq!(g[1].locator, Some(("chap. 2".into(), 17)));
        assert!(parse_group("@a b, p. 3").is_none());
    }

    #[test]
    fn locators_are_read_with_the_locale_terms() {
        let en = crate::text::csl::locale_of("en");
        let fr = crate::text::csl::locale_of("fr");
        let read = read_locator;
        assert_eq!(read("p. 3", &en), Some((Locator::Page, "3".into())));
        assert_eq!(read("pp. 3-5", &en), Some((Locator::Page, "3-5".into())));
        assert_eq!(read("Chapter 2", &en), Some((Locator::Chapter, "2".into())));
        assert_eq!(read("chap. 2", &fr), Some((Locator::Chapter, "2".into())));
        assert_eq!(read("12", &en), Some((Locator::Page, "12".into())));
        assert_eq!(read("section 4", &en), Some((Locator::Section, "4".into())));
        assert_eq!(read("folder 3", &en), None);
        assert_eq!(read("p.", &en), None);
        assert_eq!(read("page3", &en), None);
        assert_eq!(read("İİ 3", &en), None);
    }
}
