//! Part of the Markdown stage, serve mode only: a value from a data file (a finding's
//! summary, a glossary definition) rendered like the `markdown` filter renders it, with
//! each run of its text marked with the file, line and column it was read from
//! (`<span data-ps-file="…" data-ps-at="31:9">`). The author view places the checks'
//! problems on data pages with these marks, as it does on Markdown pages.
//!
//! The places come from the YAML parser's span of the value: each word of the value is
//! matched in order inside the bytes the parser read it from (a folded scalar spreads
//! its words over several indented lines), never searched for elsewhere.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::diagnostics::{LineIndex, Src};

/// Where the words of one data value are in its file.
pub struct ValuePlaces<'a> {
    /// The data file as shown in diagnostics (`content/_data/findings.yaml`).
    pub file: &'a str,
    /// Each word: its byte offset in the value, and its line and column in the file.
    words: Vec<(usize, (usize, usize))>,
}

impl<'a> ValuePlaces<'a> {
    /// Maps the words of `value`, read from `file_text`, to their places in the file.
    pub fn of(file: &'a str, file_text: &str, index: &LineIndex, value: &Src<String>) -> Self {
        let range = value.source_range(file_text);
        let mut cursor = value.offset(file_text).max(range.start);
        let mut words = Vec::new();
        for (at, word) in words_of(value) {
            let found = file_text
                .get(cursor..range.end)
                .and_then(|rest| rest.find(word))
                .map(|p| cursor + p);
            if let Some(f) = found {
                words.push((at, index.locate(file_text, f)));
                cursor = f + word.len();
            }
        }
        ValuePlaces { file, words }
    }
}

/// The words of `text` (runs of letters and digits, so markup such as `*` is left
/// out) with their byte offsets.
fn words_of(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Renders `text` as [`crate::markdown::render_plain`] does, each run of prose marked
/// with its place in the data file.
pub fn render_marked(text: &str, safe: bool, places: &ValuePlaces) -> String {
    let parser = Parser::new_ext(
        text,
        Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH,
    );
    let mut events = Vec::new();
    // No marks in code, nor in an image's alt text (written as an attribute).
    let mut plain_depth = 0usize;
    for (event, range) in parser.into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::Image { .. }) => plain_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::Image) => {
                plain_depth = plain_depth.saturating_sub(1)
            }
            _ => {}
        }
        match event {
            Event::Text(t) if plain_depth == 0 => {
                // Smart punctuation or an entity changed the words: one mark at its start.
                let as_written = text.get(range.clone()) == Some(&*t);
                let runs = if as_written {
                    runs(&t, range.start, places)
                } else {
                    first_place(range.start, places).map_or_else(Vec::new, |p| vec![(0, p)])
                };
                push_runs(&mut events, t, &runs, places.file);
            }
            e => events.push(e),
        }
    }
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if safe {
        crate::markdown::sanitize::clean(&html)
    } else {
        html
    }
}

/// A plain value (a title, a term: shown as written, not as Markdown) escaped, each
/// run of it marked with its place in the data file.
pub fn render_marked_text(text: &str, places: &ValuePlaces) -> String {
    let mut events = Vec::new();
    push_runs(
        &mut events,
        text.into(),
        &runs(text, 0, places),
        places.file,
    );
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// The place of the first word at or after value offset `at`.
fn first_place(at: usize, places: &ValuePlaces) -> Option<(usize, usize)> {
    places
        .words
        .iter()
        .find(|(w, _)| *w >= at)
        .map(|&(_, place)| place)
}

/// Splits a run of text (at value offset `start`) where its words stop following each
/// other in the file (a new line of a folded scalar, an escape in a quoted one): each
/// piece starts at a byte of `t` and a (line, column) where its first character is.
fn runs(t: &str, start: usize, places: &ValuePlaces) -> Vec<(usize, (usize, usize))> {
    let mut out: Vec<(usize, (usize, usize))> = Vec::new();
    let end = start + t.len();
    for &(at, (line, col)) in places
        .words
        .iter()
        .filter(|(w, _)| (start..end).contains(w))
    {
        let byte = at - start;
        let chars = t.get(..byte).map_or(0, |s| s.chars().count());
        match out.last() {
            Some(&(b, (l, c))) => {
                let since = t.get(b..byte).map_or(0, |s| s.chars().count());
                if l != line || c + since != col {
                    out.push((byte, (line, col)));
                }
            }
            // Characters before the first word (an opening bracket) sit just before it.
            None if col > chars => out.push((0, (line, col - chars))),
            None => out.push((byte, (line, col))),
        }
    }
    out
}

/// Writes `t` as its pieces, each inside its mark (the text itself is escaped by the
/// HTML writer); text before the first piece is written unmarked.
fn push_runs<'e>(
    events: &mut Vec<Event<'e>>,
    t: pulldown_cmark::CowStr<'e>,
    runs: &[(usize, (usize, usize))],
    file: &str,
) {
    let Some(&(first, _)) = runs.first() else {
        events.push(Event::Text(t));
        return;
    };
    if first > 0 {
        events.push(Event::Text(t[..first].to_string().into()));
    }
    for (i, &(from, (line, col))) in runs.iter().enumerate() {
        let to = runs.get(i + 1).map_or(t.len(), |r| r.0);
        let file = crate::text::escape::escape(file);
        events.push(Event::InlineHtml(
            format!(
                "<span data-ps-file=\"{file}\" data-ps-at=\"{line}:{col}\" data-ps-kind=\"text\">"
            )
            .into(),
        ));
        events.push(Event::Text(
            t.get(from..to).unwrap_or("").to_string().into(),
        ));
        events.push(Event::InlineHtml("</span>".into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str, key: &str) -> Src<String> {
        #[derive(serde::Deserialize)]
        struct Doc {
            #[serde(flatten)]
            map: std::collections::BTreeMap<String, Src<String>>,
        }
        let doc: Doc = serde_saphyr::from_str(text).unwrap();
        doc.map.into_iter().find(|(k, _)| k == key).unwrap().1
    }

    fn marked(file_text: &str, key: &str) -> String {
        let index = LineIndex::new(file_text);
        let v = value(file_text, key);
        let places = ValuePlaces::of("content/_data/f.yaml", file_text, &index, &v);
        render_marked(&v, false, &places)
    }

    #[test]
    fn a_plain_value_is_one_run_at_its_line_and_column() {
        let html = marked("id: a\nsummary: Peers utilise support.\n", "summary");
        assert_eq!(
            html,
            "<p><span data-ps-file=\"content/_data/f.yaml\" data-ps-at=\"2:10\" data-ps-kind=\"text\">Peers utilise support.</span></p>\n"
        );
    }

    #[test]
    fn a_folded_value_has_a_run_for_each_line_of_the_file() {
        let file = "summary: >\n  Peers help\n  people utilise it.\n";
        let html = marked(file, "summary");
        assert!(
            html.contains("data-ps-at=\"2:3\" data-ps-kind=\"text\">Peers help </span>"),
            "{html}"
        );
        assert!(
            html.contains("data-ps-at=\"3:3\" data-ps-kind=\"text\">people utilise it.</span>"),
            "{html}"
        );
    }

    #[test]
    fn a_title_is_marked_as_written_not_as_markdown() {
        let file = "- id: a\n  title: Peers *utilise* <care>\n";
        let index = LineIndex::new(file);
        #[derive(serde::Deserialize)]
        struct Entry {
            title: Src<String>,
        }
        let entries: Vec<Entry> = serde_saphyr::from_str(file).unwrap();
        let v = &entries[0].title;
        let places = ValuePlaces::of("content/_data/f.yaml", file, &index, v);
        assert_eq!(
            render_marked_text(v, &places),
            "<span data-ps-file=\"content/_data/f.yaml\" data-ps-at=\"2:10\" data-ps-kind=\"text\">Peers *utilise* &lt;care&gt;</span>"
        );
    }

    #[test]
    fn emphasis_splits_runs_at_their_own_columns() {
        let html = marked("text: \"We *utilise* it\"\n", "text");
        assert!(
            html.contains("data-ps-at=\"1:8\" data-ps-kind=\"text\">We </span><em>"),
            "{html}"
        );
        assert!(
            html.contains("data-ps-at=\"1:12\" data-ps-kind=\"text\">utilise</span></em>"),
            "{html}"
        );
    }
}
