//! Glossary linking, part of the Markdown stage: the first use of each glossary term on
//! a page becomes a link to its definition (a plain link, so it works by keyboard and
//! touch), and the first use of each abbreviation is marked with `<abbr>` and followed
//! by its meaning in the text, unless the page has already spelled it out. Never inside
//! links, headings, code or image descriptions; never on the glossary page itself.
//!
//! One automaton finds every term in one pass over a text.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::load::data::GlossaryEntry;
use crate::text::escape::escape;
use crate::text::invisible::{has_invisible, INVISIBLE};

/// The glossary, ready to search texts.
pub struct GlossaryMatcher {
    terms: Option<AhoCorasick>,
    term_entry: Vec<usize>,
    abbreviations: Option<AhoCorasick>,
    abbreviation_entry: Vec<usize>,
    entries: Vec<Entry>,
}

struct Entry {
    term: String,
    url: String,
    abbreviation: Option<String>,
}

/// What one page has linked and seen so far.
#[derive(Debug, Default)]
pub struct PageGlossary {
    linked: BTreeSet<usize>,
    abbreviated: BTreeSet<usize>,
    spelled_out: BTreeSet<usize>,
    /// Entries used on the page (for the glossary's "used on" lists).
    pub used: BTreeSet<usize>,
}

impl GlossaryMatcher {
    pub fn new(glossary: &[GlossaryEntry]) -> GlossaryMatcher {
        let mut term_patterns = Vec::new();
        let mut term_entry = Vec::new();
        let mut abbr_patterns = Vec::new();
        let mut abbreviation_entry = Vec::new();
        for (i, g) in glossary.iter().enumerate() {
            for form in std::iter::once(&g.term).chain(g.also.iter()) {
                if !form.trim().is_empty() {
                    term_patterns.push(form.trim().to_lowercase());
                    term_entry.push(i);
                }
            }
            if let Some(a) = g.abbreviation.as_ref().filter(|a| !a.trim().is_empty()) {
                abbr_patterns.push(a.trim().to_string());
                abbreviation_entry.push(i);
            }
        }
        let build = |patterns: &[String], case_insensitive: bool| {
            (!patterns.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(case_insensitive)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns)
                    .ok()
            })?
        };
        GlossaryMatcher {
            terms: build(&term_patterns, true),
            term_entry,
            abbreviations: build(&abbr_patterns, false),
            abbreviation_entry,
            entries: glossary
                .iter()
                .map(|g| Entry {
                    term: g.term.to_string(),
                    url: g.url.clone(),
                    abbreviation: g.abbreviation.as_ref().map(|a| a.to_string()),
                })
                .collect(),
        }
    }

    /// Whether `word` is a glossary abbreviation.
    pub fn has_abbreviation(&self, word: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.abbreviation.as_deref() == Some(word))
    }

    /// Whether `word` (any case, singular or plural) is a word of a glossary term.
    pub fn has_term_word(&self, word: &str) -> bool {
        let w = word.to_lowercase();
        let singular = w.strip_suffix('s').unwrap_or(&w);
        self.entries.iter().any(|e| {
            e.term
                .to_lowercase()
                .split_whitespace()
                .any(|t| t == w || t == singular)
        })
    }

    /// Where terms and abbreviations are written in `text`, in order: (start, end,
    /// entry, whether it is an abbreviation). A term with a soft hyphen or another
    /// invisible character inside a word ("sub\u{ad}stance use") is found as written
    /// without it, at its place in `text` (the character kept in the link).
    fn hits(&self, text: &str) -> Vec<(usize, usize, usize, bool)> {
        if !has_invisible(text) {
            return self.visible_hits(text);
        }
        // `at[i]`: where byte `i` of the text without them is in `text`.
        let mut plain = String::with_capacity(text.len());
        let mut at = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices().filter(|(_, c)| !INVISIBLE.contains(c)) {
            plain.push(c);
            at.extend(i..i + c.len_utf8());
        }
        at.push(text.len());
        let place = |p: usize| at.get(p).copied().unwrap_or(text.len());
        (self.visible_hits(&plain).into_iter())
            .map(|(s, e, entry, abbr)| (place(s), place(e - 1) + 1, entry, abbr))
            .collect()
    }

    /// [`GlossaryMatcher::hits`] in a text without invisible characters. An abbreviation
    /// inside a term is the term's.
    fn visible_hits(&self, text: &str) -> Vec<(usize, usize, usize, bool)> {
        let mut hits: Vec<(usize, usize, usize, bool)> = Vec::new();
        if let Some(ac) = &self.terms {
            for m in ac.find_iter(text) {
                if at_word_boundary(text, m.start(), m.end()) {
                    hits.push((
                        m.start(),
                        m.end(),
                        self.term_entry[m.pattern().as_usize()],
                        false,
                    ));
                }
            }
        }
        if let Some(ac) = &self.abbreviations {
            for m in ac.find_iter(text) {
                if at_word_boundary(text, m.start(), m.end())
                    && !hits.iter().any(|h| m.start() < h.1 && h.0 < m.end())
                {
                    hits.push((
                        m.start(),
                        m.end(),
                        self.abbreviation_entry[m.pattern().as_usize()],
                        true,
                    ));
                }
            }
        }
        hits.sort();
        hits
    }

    /// Rewrites one run of text as HTML, linking and expanding what comes first on the
    /// page. Returns `None` when there is nothing to change. `can_link` is false inside
    /// links and headings, where terms are only recorded as used. Words in `quoted`
    /// spans (inside quotation marks) are the speaker's own: left as written, but the
    /// page still counts as using the term.
    pub fn process(
        &self,
        text: &str,
        page: &mut PageGlossary,
        can_link: bool,
        quoted: &[(usize, usize)],
    ) -> Option<String> {
        let mut hits = self.hits(text);
        hits.retain(|&(start, end, entry, _)| {
            let inside = quoted.iter().any(|q| start < q.1 && q.0 < end);
            if inside {
                page.used.insert(entry);
            }
            !inside
        });
        if hits.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut last = 0;
        let mut changed = false;
        for (start, end, entry, is_abbr) in hits {
            page.used.insert(entry);
            let e = &self.entries[entry];
            let written = &text[start..end];
            out.push_str(&escape(&text[last..start]));
            last = end;
            if !is_abbr {
                page.spelled_out.insert(entry);
                if can_link && page.linked.insert(entry) {
                    out.push_str(&format!(
                        "<a class=\"glossary-link\" href=\"{}\">{}</a>",
                        escape(&e.url),
                        escape(written)
                    ));
                    changed = true;
                    continue;
                }
                out.push_str(&escape(written));
                continue;
            }
            if !can_link || !page.abbreviated.insert(entry) {
                out.push_str(&escape(written));
                continue;
            }
            changed = true;
            let abbr = format!(
                "<abbr title=\"{}\">{}</abbr>",
                escape(&e.term),
                escape(written)
            );
            if page.linked.insert(entry) {
                out.push_str(&format!(
                    "<a class=\"glossary-link\" href=\"{}\">{abbr}</a>",
                    escape(&e.url)
                ));
            } else {
                out.push_str(&abbr);
            }
            if !page.spelled_out.contains(&entry) {
                out.push_str(&format!(" ({})", escape(&in_running_text(&e.term))));
                page.spelled_out.insert(entry);
            }
        }
        out.push_str(&escape(&text[last..]));
        changed.then_some(out)
    }
}

/// A glossary term as it reads inside a sentence: "People who use drugs" becomes "people
/// who use drugs", but a name keeps its capitals ("Health Research Board", "HIV test").
fn in_running_text(term: &str) -> String {
    let mut words = term.split_whitespace();
    let first_is_sentence_case = words.next().is_some_and(|w| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
    });
    let rest_lower = words.all(|w| !w.chars().next().is_some_and(char::is_uppercase));
    if !(first_is_sentence_case && rest_lower) {
        return term.to_string();
    }
    let mut chars = term.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a match stands as a word: no letter or digit runs on from either side. Chinese
/// writes no spaces, so next to a Han character (in the term or the text) any place is a
/// boundary: terms are matched on characters.
fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let han = crate::load::languages::is_han;
    let (first, last) = (
        text[start..end].chars().next(),
        text[..end].chars().next_back(),
    );
    let joins = |neighbour: Option<char>, edge: Option<char>| {
        neighbour.is_some_and(|c| c.is_alphanumeric() && !han(c)) && !edge.is_some_and(han)
    };
    !joins(text[..start].chars().next_back(), first) && !joins(text[end..].chars().next(), last)
}

/// A glossary entry for tests.
#[cfg(test)]
pub(crate) fn test_entry(term: &str, abbr: Option<&str>, url: &str) -> GlossaryEntry {
    GlossaryEntry {
        term: term.into(),
        definition: "d".into(),
        abbreviation: abbr.map(Into::into),
        also: vec![],
        anchor: String::new(),
        url: url.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> GlossaryMatcher {
        let entry = test_entry;
        GlossaryMatcher::new(&[
            entry("Realist review", None, "/glossary/#realist-review"),
            entry("People who use drugs", Some("PWUD"), "/glossary/#pwud"),
        ])
    }

    #[test]
    fn links_the_first_use_only() {
        let g = glossary();
        let mut page = PageGlossary::default();
        let out = g
            .process(
                "A realist review is a review. Another realist review.",
                &mut page,
                true,
                &[],
            )
            .unwrap();
        assert_eq!(out, "A <a class=\"glossary-link\" href=\"/glossary/#realist-review\">realist review</a> is a review. Another realist review.");
        assert!(g
            .process("realist review again", &mut page, true, &[])
            .is_none());
    }

    /// A soft hyphen or a zero-width space pasted inside a term's word does not hide
    /// the term: it is linked with the character kept as written.
    #[test]
    fn a_term_with_an_invisible_character_inside_a_word_is_linked() {
        let g = glossary();
        for c in crate::text::invisible::INVISIBLE {
            let mut page = PageGlossary::default();
            let text = format!("A real{c}ist review helps.");
            let out = g.process(&text, &mut page, true, &[]).unwrap_or_default();
            assert_eq!(
                out,
                format!("A <a class=\"glossary-link\" href=\"/glossary/#realist-review\">real{c}ist review</a> helps.")
            );
        }
    }

    #[test]
    fn expands_an_abbreviation_at_first_use() {
        let g = glossary();
        let mut page = PageGlossary::default();
        let out = g
            .process("PWUD took part. PWUD were paid.", &mut page, true, &[])
            .unwrap();
        assert_eq!(
            out,
            "<a class=\"glossary-link\" href=\"/glossary/#pwud\"><abbr title=\"People who use drugs\">PWUD</abbr></a> (people who use drugs) took part. PWUD were paid."
        );
    }

    #[test]
    fn an_expanded_name_keeps_its_capitals() {
        let g = GlossaryMatcher::new(&[test_entry(
            "Health Research Board",
            Some("HRB"),
            "/glossary/#hrb",
        )]);
        let out = g
            .process("The HRB funds it.", &mut PageGlossary::default(), true, &[])
            .unwrap_or_default();
        assert!(out.contains("</a> (Health Research Board) funds"), "{out}");
        assert_eq!(
            in_running_text("People who use drugs"),
            "people who use drugs"
        );
        assert_eq!(in_running_text("HIV test"), "HIV test");
    }

    #[test]
    fn no_expansion_when_already_spelled_out() {
        let g = glossary();
        let mut page = PageGlossary::default();
        let out = g
            .process(
                "People who use drugs (PWUD) took part.",
                &mut page,
                true,
                &[],
            )
            .unwrap();
        assert!(
            out.ends_with("(<abbr title=\"People who use drugs\">PWUD</abbr>) took part."),
            "{out}"
        );
    }

    #[test]
    fn chinese_terms_are_linked_without_spaces() {
        let g = GlossaryMatcher::new(&[test_entry("纳洛酮", None, "/glossary/#naloxone")]);
        let mut page = PageGlossary::default();
        let out = g.process("同伴带着纳洛酮去公园。", &mut page, true, &[]);
        assert!(
            out.as_deref()
                .is_some_and(|o| o.contains("/glossary/#naloxone")),
            "{out:?}"
        );
    }

    #[test]
    fn respects_word_boundaries_and_headings() {
        let g = glossary();
        let mut page = PageGlossary::default();
        assert!(g
            .process("Surrealist reviews and PWUDs", &mut page, true, &[])
            .is_none());
        assert!(
            g.process("A realist review", &mut page, false, &[])
                .is_none(),
            "nothing is linked where links are not allowed"
        );
        assert!(page.used.contains(&0), "but the use is recorded");
        assert!(
            g.process("realist review <b>", &mut page, true, &[])
                .unwrap()
                .contains("&lt;b&gt;"),
            "text is escaped"
        );
    }
}
