//! Where the elements of a page's Markdown were written, part of the Markdown stage:
//! headings by their words and ids, links and images by their words and addresses, and
//! the start tags of raw HTML by their attributes, each at the line and column the
//! Markdown parser gives (pulldown-cmark's offsets). The checks on the rendered HTML
//! place their problems with these instead of searching the page's text again.
//!
//! A page may write the same element twice (two images of one file, two links that
//! say "here"): the rendered page shows them in the order they are written, so the
//! checks count which of its like elements one is ([`Seen`]) and take the place of the
//! element written at that rank ([`ByValue::nth`]), not the first written.

use rustc_hash::FxHashMap;

use crate::text::diagnostics::LineIndex;
use crate::text::html_scan::{element_text, end_tags, start_tags, ELEMENT_TEXT_REACH};
use crate::text::spaces::{fold, fold_owned};

/// What an element is known by in the rendered HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A heading (Markdown or raw HTML), by its visible words.
    Heading(String),
    /// A heading's id as written into the HTML: its own (`{#id}`) or made from its words.
    HeadingId(String),
    /// A link (Markdown or raw HTML), by its visible words.
    LinkText(String),
    /// A Markdown link, by its address as written into the HTML.
    Address(String),
    /// A Markdown image, by its address as written into the HTML.
    Image(String),
    /// A Markdown table, at its first row (a raw HTML table is a [`Key::Tag`]).
    Table,
    /// A start tag of raw HTML, by its name (`table`).
    Tag(String),
    /// An attribute of a raw HTML start tag: its tag, its name and its value.
    Attr {
        tag: String,
        name: String,
        value: String,
    },
}

/// The places of a page's elements, in the order the parser met them.
#[derive(Debug, Clone, Default)]
pub struct Places {
    entries: Vec<(Key, (usize, usize))>,
}

impl Places {
    /// Where the first element known by `key` is written, as (line, column).
    pub fn first(&self, key: &Key) -> Option<(usize, usize)> {
        self.first_where(|k| k == key)
    }

    /// Where the first element whose key passes `test` is written.
    pub fn first_where(&self, test: impl Fn(&Key) -> bool) -> Option<(usize, usize)> {
        self.entries
            .iter()
            .find(|(k, _)| test(k))
            .map(|&(_, place)| place)
    }

    /// The place of the first link, image or raw HTML attribute written as `address`.
    pub fn address(&self, address: &str) -> Option<(usize, usize)> {
        self.first_where(|k| match k {
            Key::Address(a) | Key::Image(a) => a == address,
            Key::Attr { value, .. } => value == address,
            _ => false,
        })
    }

    /// The elements `value` picks, by what it says each is known by, in the order
    /// they are written.
    pub fn by_value<'p>(&'p self, value: impl Fn(&'p Key) -> Option<&'p str>) -> ByValue<'p> {
        self.entries
            .iter()
            .filter_map(|(k, place)| Some((value(k)?, *place)))
            .collect()
    }

    /// The links written with no words (Markdown's and raw HTML's), by their address.
    pub fn links_without_words(&self) -> ByValue<'_> {
        let empty: rustc_hash::FxHashSet<(usize, usize)> = self
            .entries
            .iter()
            .filter(|(k, _)| matches!(k, Key::LinkText(t) if t.is_empty()))
            .map(|&(_, place)| place)
            .collect();
        self.by_value(|k| match k {
            Key::Address(a) => Some(a.as_str()),
            Key::Attr { tag, name, value } if tag == "a" && name == "href" => Some(value),
            _ => None,
        })
        .keep(|place| empty.contains(&place))
    }

    /// Each raw HTML start tag with its place and its attributes (name, value), in the
    /// order they are written.
    pub fn raw_tags(&self) -> Vec<RawTag<'_>> {
        let mut tags: Vec<RawTag> = Vec::new();
        for (key, place) in &self.entries {
            match key {
                Key::Tag(name) => tags.push(RawTag {
                    name,
                    place: *place,
                    attrs: Vec::new(),
                }),
                Key::Attr { tag, name, value } => {
                    if let Some(t) = tags
                        .last_mut()
                        .filter(|t| t.name == tag && t.place == *place)
                    {
                        t.attrs.push((name, value));
                    }
                }
                _ => {}
            }
        }
        tags
    }

    /// Keeps only the raw HTML addresses (what [`Places::attr_values`] reads).
    pub fn keep_attrs(&mut self) {
        self.entries.retain(|(k, _)| is_address(k));
        self.entries.shrink_to_fit();
    }

    /// Every address a raw HTML tag links to or loads from (`href`, `src`, `action`, the
    /// attributes the scan reads links from) with the place of its tag. An attribute
    /// that only says the same words (`title="/findings/"`) is not a link.
    pub fn attr_values(&self) -> impl Iterator<Item = (&str, (usize, usize))> {
        self.entries.iter().filter_map(|(k, place)| match k {
            Key::Attr { value, .. } if is_address(k) => Some((value.as_str(), *place)),
            _ => None,
        })
    }
}

/// Whether `key` is a raw HTML attribute the scan reads a link from.
fn is_address(key: &Key) -> bool {
    matches!(key, Key::Attr { name, .. } if matches!(name.as_str(), "href" | "src" | "action"))
}

/// The places of one kind of element by what each is known by (its words, its address,
/// its id), each list in the order they are written: built once for a page's check, so
/// each of its problems is placed in one look-up.
#[derive(Debug, Default)]
pub struct ByValue<'p>(FxHashMap<&'p str, Vec<(usize, usize)>>);

impl<'p> FromIterator<(&'p str, (usize, usize))> for ByValue<'p> {
    fn from_iter<I: IntoIterator<Item = (&'p str, (usize, usize))>>(iter: I) -> Self {
        let mut by = ByValue::default();
        for (value, place) in iter {
            by.0.entry(value).or_default().push(place);
        }
        by
    }
}

impl ByValue<'_> {
    /// Where the `n`-th element (from 0) known by `value` is written. The rendered page
    /// shows the elements of the Markdown in the order they are written, so its `n`-th
    /// is the `n`-th written; when it shows more than were written (its template added
    /// some), the last written.
    pub fn nth(&self, value: &str, n: usize) -> Option<(usize, usize)> {
        let places = self.0.get(value)?;
        places.get(n).or(places.last()).copied()
    }

    /// Only the places `test` passes.
    fn keep(mut self, test: impl Fn((usize, usize)) -> bool) -> Self {
        for places in self.0.values_mut() {
            places.retain(|&place| test(place));
        }
        self.0.retain(|_, places| !places.is_empty());
        self
    }
}

/// How many of the rendered page's elements known by each value a check has met, to
/// tell like elements apart: the first met of a value is 0, the next 1, and so on.
#[derive(Debug, Default)]
pub struct Seen<'a>(FxHashMap<&'a str, usize>);

impl<'a> Seen<'a> {
    /// Room for `n` values: grown as they came, the table was built again and again
    /// (a page has about fifty links, a draft's thousands).
    pub fn with_capacity(n: usize) -> Self {
        Seen(FxHashMap::with_capacity_and_hasher(n, Default::default()))
    }

    /// Meets one more element known by `value`: how many were met before it.
    pub fn next(&mut self, value: &'a str) -> usize {
        let met = self.0.entry(value).or_default();
        *met += 1;
        *met - 1
    }
}

/// A start tag of raw HTML written in a page's Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTag<'p> {
    /// Its name in lower case.
    pub name: &'p str,
    /// Where it is written, as (line, column).
    pub place: (usize, usize),
    /// Its attributes as written: name and value.
    pub attrs: Vec<(&'p str, &'p str)>,
}

impl<'p> RawTag<'p> {
    /// The value of its attribute `name`, if it has one.
    pub fn attr(&self, name: &str) -> Option<&'p str> {
        self.attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// Collects the places while the Markdown stage reads a page.
pub(crate) struct PlaceRecorder<'t> {
    text: &'t str,
    index: &'t LineIndex,
    places: Places,
    /// Links being read: their words so far and where they start.
    open_links: Vec<(String, usize)>,
    /// Where a raw `<a>` written in running text starts, while its words are read:
    /// its `</a>` is another piece of raw HTML. One at most, as in a browser, where an
    /// `<a>` ends the one before.
    open_raw_link: Option<(String, usize)>,
}

impl<'t> PlaceRecorder<'t> {
    pub(crate) fn new(text: &'t str, index: &'t LineIndex) -> Self {
        PlaceRecorder {
            text,
            index,
            places: Places::default(),
            open_links: Vec::new(),
            open_raw_link: None,
        }
    }

    /// Records `key` at byte `offset` of the file.
    pub(crate) fn add(&mut self, key: Key, offset: usize) {
        let place = self.index.locate(self.text, offset);
        self.places.entries.push((key, place));
    }

    /// A heading ends: its words and the id the HTML gives it, at the heading's start.
    pub(crate) fn heading(&mut self, text: &str, id: &str, offset: usize) {
        self.add(Key::Heading(fold(text)), offset);
        self.add(Key::HeadingId(id.to_string()), offset);
    }

    pub(crate) fn open_link(&mut self, address: &str, offset: usize) {
        self.add(Key::Address(address.to_string()), offset);
        self.open_links.push((String::new(), offset));
    }

    /// Words read inside the open links. A raw link left open keeps no more words than
    /// the scan reads of one, so a page of unclosed `<a>` costs no more than its length.
    pub(crate) fn link_words(&mut self, text: &str) {
        for (words, _) in &mut self.open_links {
            words.push_str(text);
        }
        if let Some((words, _)) = self.open_raw_link.as_mut() {
            if words.len() < ELEMENT_TEXT_REACH {
                words.push_str(text);
            }
        }
    }

    pub(crate) fn close_link(&mut self) {
        if let Some((text, offset)) = self.open_links.pop() {
            self.add(Key::LinkText(fold_owned(text)), offset);
        }
    }

    /// A piece of raw HTML the parser gave at `range` of the body, which starts at
    /// byte `body_offset` of the file; `inline` when it is in running text, where the
    /// parser gives each tag as a piece of its own. When the piece is the body's text as
    /// written, each tag is placed at its own `<`; otherwise (inside a block quote,
    /// whose markers the parser took out) at the piece's start.
    pub(crate) fn raw_html(
        &mut self,
        html: &str,
        body: &str,
        range: std::ops::Range<usize>,
        (body_offset, inline): (usize, bool),
    ) {
        let as_written = body.get(range.clone()) == Some(html);
        if inline && end_tags(html).iter().any(|name| name == "a") {
            if let Some((words, offset)) = self.open_raw_link.take() {
                self.add(Key::LinkText(fold_owned(words)), offset);
            }
        }
        for tag in start_tags(html) {
            let offset = body_offset + range.start + if as_written { tag.at } else { 0 };
            self.add(Key::Tag(tag.name.clone()), offset);
            let words = match tag.name.as_str() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(Key::Heading as fn(_) -> _),
                "a" => Some(Key::LinkText as fn(_) -> _),
                _ => None,
            };
            match (words, element_text(html, &tag)) {
                (Some(key), Some(text)) => self.add(key(text), offset),
                // A link in running text: its words come as the page's text.
                (Some(_), None) if inline && tag.name == "a" => {
                    self.open_raw_link = Some((String::new(), offset))
                }
                _ => {}
            }
            for (name, value) in tag.attrs {
                let key = Key::Attr {
                    tag: tag.name.clone(),
                    name,
                    value,
                };
                self.add(key, offset);
            }
        }
    }

    pub(crate) fn finish(self) -> Places {
        self.places
    }
}

/// The places of a text read as one piece of raw HTML, for tests of the checks.
#[cfg(test)]
pub(crate) fn of_raw_html(text: &str) -> Places {
    let index = LineIndex::new(text);
    let mut r = PlaceRecorder::new(text, &index);
    r.raw_html(text, text, 0..text.len(), (0, false));
    r.finish()
}

/// Places given by hand, for tests of the checks.
#[cfg(test)]
pub(crate) fn of(entries: Vec<(Key, (usize, usize))>) -> Places {
    Places { entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_tags_are_placed_at_their_own_angle_bracket() {
        let text = "a\n<p>x</p> <img src=\"p.png\">\n";
        let index = LineIndex::new(text);
        let mut r = PlaceRecorder::new(text, &index);
        r.raw_html(&text[2..], text, 2..text.len(), (0, false));
        let places = r.finish();
        let img = Key::Attr {
            tag: "img".into(),
            name: "src".into(),
            value: "p.png".into(),
        };
        assert_eq!(places.first(&img), Some((2, 10)));
        assert_eq!(places.first(&Key::Tag("p".into())), Some((2, 1)));
    }

    #[test]
    fn the_nth_element_is_the_one_written_at_that_rank_or_the_last_written() {
        let words = |w: &str| Key::LinkText(w.into());
        let places = of(vec![
            (words("here"), (1, 1)),
            (words("other"), (2, 1)),
            (words("here"), (3, 1)),
        ]);
        let here = places.by_value(|k| match k {
            Key::LinkText(w) => Some(w.as_str()),
            _ => None,
        });
        assert_eq!(here.nth("here", 0), Some((1, 1)));
        assert_eq!(here.nth("here", 1), Some((3, 1)));
        assert_eq!(here.nth("here", 2), Some((3, 1)));
        assert_eq!(here.nth("gone", 0), None);
        let mut seen = Seen::default();
        assert_eq!([seen.next("a"), seen.next("b"), seen.next("a")], [0, 0, 1]);
    }

    #[test]
    fn a_raw_link_in_running_text_has_the_words_read_up_to_its_end_tag() {
        let text = "Read <a href=\"/x/\">here</a> now.";
        let index = LineIndex::new(text);
        let mut r = PlaceRecorder::new(text, &index);
        r.raw_html("<a href=\"/x/\">", text, 5..19, (0, true));
        r.link_words("here");
        r.raw_html("</a>", text, 23..27, (0, true));
        r.link_words(" now.");
        let places = r.finish();
        assert_eq!(places.first(&Key::LinkText("here".into())), Some((1, 6)));
    }
}
