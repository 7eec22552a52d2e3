//! Stage 4, Markdown: turns a page body into HTML in one pass over pulldown-cmark's
//! events, doing what its default HTML output does not:
//!
//! - heading ids (from `{#id}` or the heading text, made unique) and a table of contents;
//! - footnotes as a labelled "Notes" section with back-links;
//! - GitHub alerts (`> [!NOTE]`) as callout boxes with a visible title;
//! - tables with `scope` on header cells and alignment as classes, not inline styles;
//! - links to other pages by their `.md` path resolved to web addresses, and a broken
//!   one reported at its file, line and column;
//! - images without alt text reported at their place.
//!
//! Glossary terms are linked by [`glossary`]; raw HTML is cleaned in safe mode by
//! [`sanitize`].

mod balance;
pub mod citations;
pub mod data_marks;
pub mod glossary;
pub mod picture;
pub mod places;
pub mod reader_text;
pub mod sanitize;
mod walk;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Options, Parser};

use crate::markdown::glossary::{GlossaryMatcher, PageGlossary};
use crate::model::SiteModel;
use crate::text::diagnostics::{did_you_mean, Diagnostic, LineIndex};
use crate::text::escape::escape;
use crate::text::invisible::{has_invisible, INVISIBLE};
use crate::text::rule::Rule;
use crate::text::slug::{slugify, unique_id, IdSet};
use crate::text::{split_at_first, split_at_last};

/// The Markdown extensions plainsite turns on.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
}

/// An entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// An internal link to check once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// Root-relative address without the fragment (empty for a link within the page).
    pub path: String,
    pub fragment: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// A rendered page body.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<LinkRef>,
    /// Addresses already reported as broken, left as written (not to report twice).
    pub broken: Vec<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The page's prose, block by block, for the plain-language checks.
    pub blocks: Vec<ProseBlock>,
    /// Short texts on their own that readers see (alt text, table cells) and quoted
    /// speech: not the page's running text. Their sentences count in its measures only
    /// where they make them harder; the words of labels and cells are checked.
    pub labels: Vec<ProseBlock>,
    /// The source of each chart block drawn on the page, for the checks on its words.
    pub chart_sources: Vec<reader_text::Gathered>,
    /// Glossary entries (by index) used on the page.
    pub glossary_used: std::collections::BTreeSet<usize>,
    /// Charts drawn from the page's chart blocks, for the build to write.
    pub charts: Vec<crate::charts::ChartOutput>,
    /// Where the page's headings, links and raw HTML tags are written.
    pub places: places::Places,
}

/// What kind of block a piece of prose is. Headings and list items count as sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    /// A short text on its own: alt text, a chart's words. Its words get every check,
    /// but it is not a sentence of the page and does not count in its reading measures.
    Label,
    /// A table cell: a label whose words also read on with the other cells of its row
    /// (`row` numbers the page's table rows). Its sentences count in the reading
    /// measures only where they make them harder.
    Cell {
        row: u32,
    },
    /// A paragraph, list item or heading of quoted speech (a plain block quote): the
    /// quoted person's words, left out of the checks. Its sentences count in the
    /// reading measures only where they make them harder.
    Quote,
}

impl BlockKind {
    /// Whether blocks of this kind are the page's running prose, whose sentences the
    /// reading measures count as they come (labels, cells and quotes are not).
    pub fn in_flow(self) -> bool {
        matches!(
            self,
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::ListItem
        )
    }
}

/// A block of prose with the place of each piece in the source file.
#[derive(Debug, Clone)]
pub struct ProseBlock {
    pub kind: BlockKind,
    pub text: String,
    /// (offset in `text`, byte offset in the file) where each piece starts.
    pub map: Vec<(usize, usize)>,
    pub start_offset: usize,
    /// Rules turned off for this block by a `<!-- plainsite-ignore rule -->` comment.
    pub ignore: Vec<String>,
    /// The heading level, for headings (0 otherwise).
    pub level: u8,
}

impl ProseBlock {
    /// A block of `kind` with no words yet, written in the `size` bytes of the source
    /// from `offset`. Its text has room for as many bytes (the words seldom take more
    /// than their Markdown), and its map for a few pieces: most blocks never grow.
    fn empty(kind: BlockKind, (offset, size): (usize, usize), ignore: Vec<String>) -> Self {
        ProseBlock {
            kind,
            text: String::with_capacity(size),
            map: Vec::with_capacity(4),
            start_offset: offset,
            ignore,
            level: 0,
        }
    }

    /// Takes the [`INVISIBLE`] characters out of the block's text, so that "ad\u{ad}dict"
    /// is read as the word "addict", while the map still gives each character left its
    /// place in the file. A text without them (nearly all) is left as it is after one
    /// search ([`has_invisible`]).
    pub fn drop_invisible(&mut self) {
        if !has_invisible(&self.text) {
            return;
        }
        let mut text = String::with_capacity(self.text.len());
        let mut map: Vec<(usize, usize)> = Vec::with_capacity(self.map.len() + 4);
        let mut entry = 0;
        let mut gap = false;
        for (i, c) in self.text.char_indices() {
            // The old pieces that start here start at the same character of the new text.
            while self.map.get(entry).is_some_and(|&(p, _)| p <= i) {
                if let Some(&(p, f)) = self.map.get(entry) {
                    push_piece(&mut map, text.len(), f + (i - p));
                }
                entry += 1;
            }
            if INVISIBLE.contains(&c) {
                gap = true;
                continue;
            }
            if gap {
                // The character after an invisible one: a new piece at its place.
                push_piece(&mut map, text.len(), self.file_offset(i));
                gap = false;
            }
            text.push(c);
        }
        self.text = text;
        self.map = map;
    }

    /// The byte offset in the file of position `pos` of the block's text.
    pub fn file_offset(&self, pos: usize) -> usize {
        let i = self
            .map
            .partition_point(|&(p, _)| p <= pos)
            .saturating_sub(1);
        match self.map.get(i) {
            Some(&(p, f)) => f + (pos - p),
            None => self.start_offset,
        }
    }
}

/// Adds a piece starting at `pos` of a block's text and `file` in the file, in place of
/// the piece that starts there already.
fn push_piece(map: &mut Vec<(usize, usize)>, pos: usize, file: usize) {
    match map.last_mut() {
        Some(last) if last.0 == pos => last.1 = file,
        _ => map.push((pos, file)),
    }
}

/// The rules named in a `<!-- plainsite-ignore rule rule -->` comment (all rules when
/// none is named).
fn ignore_comment(html: &str) -> Option<Vec<String>> {
    let inner = html.trim().strip_prefix("<!--")?.trim_start();
    let rest = inner.strip_prefix("plainsite-ignore")?;
    let rest = rest
        .trim_end()
        .trim_end_matches("-->")
        .trim()
        .trim_start_matches(':')
        .trim();
    Some(if rest.is_empty() {
        vec!["*".to_string()]
    } else {
        rest.split([' ', ','])
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect()
    })
}

/// What the renderer needs to resolve links and link glossary terms.
pub struct LinkContext<'a> {
    pub model: &'a SiteModel,
    /// The glossary to link terms to, if the site has one.
    pub glossary: Option<&'a GlossaryMatcher>,
    /// The checks' settings, for the levels of the rules found while rendering.
    pub checks: &'a crate::text::rule::CheckConfig,
    /// Charts kept in `content/_data/charts.yaml`, for chart blocks with `use:`.
    pub charts: Option<&'a crate::charts::ChartLibrary>,
    /// Safe mode: raw HTML is cleaned (see [`crate::markdown::sanitize`]).
    pub safe: bool,
    /// Asset paths relative to `content/`.
    pub assets: &'a HashSet<String>,
    /// The site's base path (`/` or `/review/`).
    pub base_path: &'a str,
    /// The language's address prefix (`/fr`), empty for the default language.
    pub lang_prefix: &'a str,
    /// The theme's words in the page's language.
    pub strings: &'a crate::load::i18n::Strings,
    /// Displayed sizes of the raster assets, for `<picture>` with `width` and `height`.
    pub images: &'a crate::load::images::ImageSizes,
    /// Serve mode only: mark each run of prose with the line and column of its source
    /// (`<span data-ps-at="12:5">`), so the author view can place the checks' problems
    /// on the rendered words. Never set for `build`.
    pub source_marks: bool,
}

/// Where a Markdown body sits in its file, for diagnostics.
pub struct Source<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub body_offset: usize,
    /// The page's path under `content/`.
    pub rel: &'a str,
}

/// Renders a page body.
pub fn render(body: &str, src: &Source, links: &LinkContext) -> Rendered {
    let mut ids = IdSet::default();
    let mut cites = citations::prepare(body, src, links, &mut ids);
    let mut r = Renderer {
        src,
        links,
        out: Rendered {
            diagnostics: std::mem::take(&mut cites.problems),
            ..Default::default()
        },
        cites,
        current: None,
        quote: None,
        label: None,
        glossary: PageGlossary::default(),
        ids,
        footnotes: Vec::new(),
        note_numbers: HashMap::new(),
        in_note: 0,
        note_blocks: Vec::new(),
        held: links
            .safe
            .then(|| crate::markdown::sanitize::Held::new(body)),
        places: places::PlaceRecorder::new(src.text, src.index),
    };
    r.run(body);
    r.out.places = r.places.finish();
    r.out
}

/// How Markdown from a data file is read: plain CommonMark with smart punctuation.
const DATA_OPTIONS: Options =
    Options::ENABLE_SMART_PUNCTUATION.union(Options::ENABLE_STRIKETHROUGH);

/// Renders Markdown from a data file (a definition, a reason) where pages are not
/// linked by path: plain CommonMark with smart punctuation.
/// In safe mode the result is cleaned ([`crate::markdown::sanitize`]): data files are written by
/// the same community as the pages.
pub fn render_plain(text: &str, safe: bool) -> String {
    let parser = Parser::new_ext(text, DATA_OPTIONS);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, parser);
    if safe {
        crate::markdown::sanitize::clean(&html)
    } else {
        html
    }
}

/// The events of Markdown from a data file as [`render_plain`] writes them, each with
/// its place in `text`, less what is inside an image's alt text: pulldown-cmark writes
/// it as the text of the `alt` attribute, so its raw HTML and links open nothing and
/// safe mode has nothing to remove from them.
fn data_events(text: &str) -> impl Iterator<Item = (Event<'_>, std::ops::Range<usize>)> {
    let mut in_image = 0usize;
    let parser = Parser::new_ext(text, DATA_OPTIONS).into_offset_iter();
    parser.filter(move |(event, _)| {
        let outside = in_image == 0;
        match event {
            Event::Start(pulldown_cmark::Tag::Image { .. }) => in_image += 1,
            Event::End(pulldown_cmark::TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ => {}
        }
        outside
    })
}

/// Where raw HTML in Markdown from a data file is left open (see [`balance`]): each
/// place as an offset into `text`, what is wrong, and what to do. Pages get the same
/// check while they render.
pub fn raw_html_problems(text: &str) -> Vec<(usize, String, String)> {
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut found = balance::Balance::default();
    for (event, range) in data_events(text) {
        if let Event::Html(h) | Event::InlineHtml(h) = &event {
            found.feed(h, range.start, text.get(range.clone()) == Some(&**h));
        }
    }
    found
        .finish()
        .into_iter()
        .map(|(at, p)| (at, p.message(), p.help()))
        .collect()
}

/// What safe mode removes from Markdown from a data file when [`render_plain`] cleans
/// it, each removal with its offset in `text` and in the words a page's removal is
/// reported with (raw HTML and links, as a page's while it renders).
pub fn unsafe_removals(text: &str) -> Vec<(usize, sanitize::Removed)> {
    let mut found = Vec::new();
    for (event, range) in data_events(text) {
        match &event {
            Event::Html(h) | Event::InlineHtml(h) => {
                found.extend(sanitize::removed_from_html(h).map(|r| (range.start, r)));
            }
            Event::Start(pulldown_cmark::Tag::Link { dest_url, .. })
                if sanitize::is_script_address(dest_url) =>
            {
                found.push((range.start, sanitize::removed_link_address()));
            }
            _ => {}
        }
    }
    found
}

struct Renderer<'a, 'b> {
    src: &'b Source<'a>,
    links: &'b LinkContext<'a>,
    out: Rendered,
    current: Option<ProseBlock>,
    /// The block of quoted speech being read, if any: it becomes a [`BlockKind::Quote`].
    /// Kept apart from `current`, since a quote can be inside a list item.
    quote: Option<ProseBlock>,
    /// The alt text or table cell being read, if any.
    label: Option<ProseBlock>,
    glossary: PageGlossary,
    ids: IdSet,
    /// The page's `[@key]` citations and reference list.
    cites: citations::PageCites,
    /// Footnote definitions: label and their events.
    footnotes: Vec<(String, Vec<Event<'a>>)>,
    note_numbers: HashMap<String, usize>,
    /// How deep in footnote definitions the walk is, and the prose blocks read there:
    /// they go after the page's other blocks, where readers read the notes, so a note
    /// defined between two halves of a sentence does not cut it in two.
    in_note: usize,
    note_blocks: Vec<ProseBlock>,
    /// Safe mode: the charts, kept out of the sanitizer (plainsite drew them).
    held: Option<crate::markdown::sanitize::Held>,
    places: places::PlaceRecorder<'a>,
}

impl<'a, 'b> Renderer<'a, 'b> {
    /// Draws a chart block; a bad spec is reported and leaves a visible notice.
    /// Speaker notes (a ```notes block): kept off the slides and shown in the presenter
    /// view; on an ordinary page they show as a labelled note.
    fn speaker_notes(&self, text: &str) -> String {
        let body = if self.links.safe {
            format!("<p>{}</p>", escape(text.trim()))
        } else {
            render_plain(text, false)
        };
        format!("<div class=\"speaker-notes\" role=\"note\">\n<p class=\"speaker-notes-title\">{}</p>\n{body}</div>\n", escape(self.links.strings.get("speaker_notes")))
    }

    fn chart(&mut self, yaml: &str, fence_offset: usize) -> String {
        let (fence_line, fence_column) = self.src.index.locate(self.src.text, fence_offset);
        // The block's lines start where its fence does (in a list item, or after a block
        // quote's "> "): the parser gives them without what comes before.
        let place = crate::charts::spec::Place {
            file: self.src.file,
            text: self.src.text,
            line_offset: fence_line,
            column_offset: fence_column.saturating_sub(1),
        };
        let n = self.out.charts.len() + 1;
        let page = crate::text::slug::slugify(
            self.src
                .rel
                .trim_end_matches(".md")
                .trim_end_matches("_index"),
        );
        let default_id = unique_id(
            format!(
                "{}chart-{n}",
                if page.is_empty() {
                    String::new()
                } else {
                    format!("{page}-")
                }
            ),
            &mut self.ids,
        );
        let library = crate::charts::ChartLibrary::default();
        let lib = self.links.charts.unwrap_or(&library);
        match lib.render_block(
            yaml,
            &place,
            &default_id,
            &self.charts_path(),
            self.links.strings,
        ) {
            Ok((mut html, out)) => {
                self.ids.insert(out.id.clone());
                if self.out.charts.iter().any(|c| c.title == out.title) {
                    html = crate::charts::accessible::tell_apart(
                        &html,
                        &out.title,
                        n,
                        self.links.strings,
                    );
                    let message = format!("another chart on this page has the title \u{201c}{}\u{201d}: a screen reader names both charts' downloads and data tables alike", out.title);
                    self.rule_at(fence_offset, Rule::LinkTextRepeated, &message, "give each chart on the page its own title (title: in the chart block, or in content/_data/charts.yaml)");
                }
                self.out.charts.push(out);
                html
            }
            Err(problems) => {
                self.out.diagnostics.extend(problems);
                "<p class=\"chart-error\">This chart could not be drawn.</p>\n".to_string()
            }
        }
    }

    /// Starts a block of prose to check, unless inside code, tables or notes; `prose`:
    /// `None` where words are not read, `Some(true)` in quoted speech. The block is
    /// written in `size` bytes of the source from `offset`.
    fn start_block(
        &mut self,
        kind: BlockKind,
        (offset, size): (usize, usize),
        pending_ignore: &mut Vec<String>,
        prose: Option<bool>,
    ) {
        let Some(quoted) = prose else {
            return;
        };
        let slot = if quoted {
            &mut self.quote
        } else {
            &mut self.current
        };
        if let Some(item) = slot
            .as_mut()
            .filter(|b| b.kind == BlockKind::ListItem && kind == BlockKind::Paragraph)
        {
            // A list item's next paragraph goes on in the item's block, after a space:
            // its first word is not glued to the item's last.
            if !item.text.is_empty() && !item.text.ends_with(char::is_whitespace) {
                item.map.push((item.text.len(), offset));
                item.text.push(' ');
            }
            return;
        }
        let ignore = std::mem::take(pending_ignore);
        *slot = Some(ProseBlock::empty(kind, (offset, size), ignore));
    }

    /// Ends the block of `kind` being read: quoted speech goes with the labels, as a
    /// [`BlockKind::Quote`], since it is not the page's running prose.
    fn end_block(&mut self, kind: BlockKind) {
        let has = |b: &Option<ProseBlock>| b.as_ref().is_some_and(|b| b.kind == kind);
        let words = |b: &ProseBlock| !b.text.trim().is_empty();
        if has(&self.quote) {
            if let Some(mut b) = self.quote.take().filter(words) {
                b.kind = BlockKind::Quote;
                b.drop_invisible();
                self.out.labels.push(b);
            }
        } else if has(&self.current) {
            if let Some(mut b) = self.current.take().filter(words) {
                b.drop_invisible();
                if self.in_note > 0 {
                    self.note_blocks.push(b);
                } else {
                    self.out.blocks.push(b);
                }
            }
        }
    }

    /// Adds `text`, read at `offset`, to the label or block being read (`quoted`: to
    /// the block of quoted speech).
    fn push_prose(&mut self, text: &str, offset: usize, quoted: bool) {
        let block = if quoted {
            self.quote.as_mut()
        } else {
            self.label.as_mut().or(self.current.as_mut())
        };
        if let Some(b) = block {
            b.map.push((b.text.len(), offset));
            b.text.push_str(text);
        }
    }

    /// Starts a label (alt text, a table cell) written in `size` bytes from `offset`.
    fn start_label(&mut self, kind: BlockKind, at: (usize, usize), ignore: &[String]) {
        self.label = Some(ProseBlock::empty(kind, at, ignore.to_vec()));
    }

    fn end_label(&mut self) {
        if let Some(mut b) = self.label.take().filter(|b| !b.text.trim().is_empty()) {
            b.drop_invisible();
            self.out.labels.push(b);
        }
    }

    /// The text of a raw HTML block, as paragraphs of the page's prose (of quoted
    /// speech when `quoted`: the block is in a Markdown quote), and the alt text of its
    /// images, as labels. A `plainsite-ignore` comment before it applies to it.
    fn html_prose(
        &mut self,
        html: &reader_text::Gathered,
        pending_ignore: &mut Vec<String>,
        quoted: bool,
    ) {
        let (paragraphs, labels) = html.html_prose(pending_ignore, quoted);
        if !paragraphs.is_empty() || !labels.is_empty() {
            pending_ignore.clear();
        }
        if self.in_note > 0 {
            self.note_blocks.extend(paragraphs);
        } else {
            self.out.blocks.extend(paragraphs);
        }
        self.out.labels.extend(labels);
    }

    /// Alt text must say what an image shows: not empty, not a file name, not "image
    /// of", not a paragraph.
    fn check_alt(&mut self, alt: &str, at: usize) {
        let a = alt.trim();
        let lower = a.to_lowercase();
        let problem = if a.is_empty() {
            Some(("this image has no alt text".to_string(), "describe what the image shows between the brackets: ![A bar chart of ...](file.png); if it is only decoration, mark it so screen readers skip it: ![](file.png \"decorative\")"))
        } else if lower.ends_with(".png")
            || lower.ends_with(".jpg")
            || lower.ends_with(".jpeg")
            || lower.ends_with(".svg")
            || lower.ends_with(".gif")
            || lower.ends_with(".webp")
        {
            Some((
                format!("the alt text \"{a}\" is a file name"),
                "describe what the image shows, in words",
            ))
        } else if [
            "image of",
            "picture of",
            "photo of",
            "graphic of",
            "an image",
            "a picture",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
        {
            Some((
                format!("the alt text \"{a}\" starts by saying it is an image"),
                "screen readers already say it is an image: start with what it shows",
            ))
        } else if a.chars().count() > 150 {
            Some((format!("the alt text is {} characters long", a.chars().count()), "keep alt text under 150 characters; put a longer description in the text or a caption"))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            self.rule_at(at, Rule::AltText, &message, help);
        }
    }

    /// Appends the labelled notes section, in the order the notes are first referenced.
    fn push_footnotes(&mut self, html: &mut String) {
        if self.footnotes.is_empty() {
            return;
        }
        let mut notes = std::mem::take(&mut self.footnotes);
        notes.sort_by_key(|(label, _)| self.note_numbers.get(label).copied().unwrap_or(usize::MAX));
        let heading_id = unique_id("notes".into(), &mut self.ids);
        html.push_str(&format!("<section class=\"footnotes\" aria-labelledby=\"{heading_id}\">\n<h2 id=\"{heading_id}\">{}</h2>\n<ol>\n", escape(self.links.strings.get("notes"))));
        for (label, events) in notes {
            let slug = escape(&slugify(&label));
            html.push_str(&format!("<li id=\"fn-{slug}\">"));
            pulldown_cmark::html::push_html(html, events.into_iter());
            if let Some(n) = self.note_numbers.get(&label) {
                let words = self.links.strings;
                html.push_str(&format!(
                    "<p class=\"footnote-back\"><a href=\"#fnref-{slug}\">{}<span class=\"visually-hidden\"> {}</span></a></p>",
                    escape(words.get("back")),
                    escape(&words.fill("back_to_note", &[("n", &n.to_string())]))
                ));
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n</section>\n");
    }

    /// Resolves a link or image address; reports what cannot be resolved.
    fn resolve(
        &mut self,
        dest: &CowStr<'a>,
        offset: usize,
        link_type: LinkType,
        image: bool,
    ) -> CowStr<'a> {
        if matches!(link_type, LinkType::Email) {
            return dest.clone();
        }
        match resolve_link(dest, self.src.rel, self.links) {
            Resolved::External => dest.clone(),
            Resolved::Unbuilt => {
                self.out.broken.push(dest.to_string());
                dest.clone()
            }
            Resolved::Internal { path, fragment } => {
                let (line, column) = self.src.index.locate(self.src.text, offset);
                let url = match &fragment {
                    Some(f) => format!(
                        "{}#{f}",
                        if path.is_empty() {
                            String::new()
                        } else {
                            self.site_path(&path)
                        }
                    ),
                    None => self.site_path(&path),
                };
                self.out.links.push(LinkRef {
                    path,
                    fragment,
                    line,
                    column,
                });
                url.into()
            }
            Resolved::Broken { message, help } => {
                let what = if image { "image" } else { "link" };
                self.out.broken.push(dest.to_string());
                self.rule_at(
                    offset,
                    Rule::BrokenLink,
                    &format!("broken {what}: {message}"),
                    &help,
                );
                dest.clone()
            }
        }
    }

    /// The `<picture>` for an image whose address is a raster asset of the site.
    fn picture(&self, dest: &str, url: &str, title: &str, lazy: bool) -> Option<picture::Picture> {
        let Resolved::Internal { path, .. } = resolve_link(dest, self.src.rel, self.links) else {
            return None;
        };
        let rel = path.trim_start_matches('/');
        let &(width, height) = self.links.images.get(rel)?;
        Some(picture::Picture {
            rel: rel.to_string(),
            url: url.to_string(),
            width,
            height,
            lazy,
            title: title.to_string(),
        })
    }

    fn site_path(&self, path: &str) -> String {
        [self.links.base_path, path.trim_start_matches('/')].concat()
    }

    /// Reports a rule's finding at its level on this site.
    /// Where this language's chart files are: `/charts/`, or `/fr/charts/`.
    fn charts_path(&self) -> String {
        format!(
            "{}{}/",
            self.links.base_path,
            crate::load::languages::charts_folder(self.links.lang_prefix)
        )
    }

    /// The opening tag that marks where a run of text or an image starts in the source
    /// file (serve mode only; see [`LinkContext::source_marks`]).
    fn source_mark(&self, offset: usize, kind: &str) -> Event<'a> {
        let (line, column) = self.src.index.locate(self.src.text, offset);
        Event::InlineHtml(
            format!("<span data-ps-at=\"{line}:{column}\" data-ps-kind=\"{kind}\">").into(),
        )
    }

    fn rule_at(&mut self, offset: usize, rule: Rule, message: &str, help: &str) {
        if let Some(d) = self.links.checks.diagnostic(rule, message) {
            self.out.diagnostics.push(
                d.at_offset(self.src.file, self.src.index, self.src.text, offset)
                    .help(help),
            );
        }
    }

    /// Safe mode's removal at `offset` in the page's file (rule `unsafe-html`).
    fn removed_at(&mut self, offset: usize, removed: &sanitize::Removed) {
        self.rule_at(offset, Rule::UnsafeHtml, &removed.message, removed.help);
    }
}

/// The class of a callout and the key of its title in the theme's words.
fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "callout_note"),
        BlockQuoteKind::Tip => ("tip", "callout_tip"),
        BlockQuoteKind::Important => ("important", "callout_important"),
        BlockQuoteKind::Warning => ("warning", "callout_warning"),
        BlockQuoteKind::Caution => ("caution", "callout_caution"),
    }
}

/// Where a link in a page points.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, an email address, a phone number: left as written.
    External,
    /// A page or file of this site: root-relative path (empty for the same page).
    Internal {
        path: String,
        fragment: Option<String>,
    },
    Broken {
        message: String,
        help: String,
    },
    /// A page that data would make, but its data file has an error already reported:
    /// left as written and not reported again.
    Unbuilt,
}

/// Resolves a link written in the page at `page_rel` (a path under `content/`).
// Long because one chain of decisions over the forms a link takes (outside, anchor, file, page, data page, language).
pub fn resolve_link(dest: &str, page_rel: &str, ctx: &LinkContext) -> Resolved {
    let dest = dest.trim();
    if dest.is_empty() {
        return Resolved::Broken {
            message: "the address is empty".into(),
            help: "put the page's .md path or a web address between the brackets: [text](page.md)"
                .into(),
        };
    }
    if has_scheme(dest) || dest.starts_with("//") {
        return Resolved::External;
    }
    let (path, fragment) = match split_at_first(dest, b'#') {
        Some((p, f)) => (p, Some(f.to_string()).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let path = split_at_first(path, b'?').map_or(path, |(p, _)| p);
    if path.is_empty() {
        return Resolved::Internal {
            path: String::new(),
            fragment,
        };
    }
    let page_dir = split_at_last(page_rel, b'/').map_or("", |(d, _)| d);
    let from_root = path.starts_with('/') || path.starts_with("@/");
    if ends_with_ignore_case(path, ".md") {
        let target = if from_root {
            content_path("", path.trim_start_matches('@').trim_start_matches('/'))
        } else {
            content_path(page_dir, path)
        };
        let Some(target) = target else {
            return Resolved::Broken {
                message: format!("\"{path}\" points outside content/"),
                help: "link only to pages inside the site's content/ folder".into(),
            };
        };
        return match ctx.model.by_rel.get(&target) {
            Some(&i) => Resolved::Internal {
                path: ctx.model.pages[i].url.clone(),
                fragment,
            },
            // Its data file's error is reported already.
            None if ctx.model.unbuilt.contains(&target) => Resolved::Unbuilt,
            None => {
                let keys = ctx.model.by_rel.keys().map(String::as_str);
                let help = match did_you_mean(&target, keys) {
                    Some(s) => format!("did you mean content/{s}? Paths are relative to this page's folder, or to content/ when they start with /"),
                    None => "link to a page by the path of its .md file, relative to this page's folder (or to content/ when it starts with /)".into(),
                };
                Resolved::Broken {
                    message: format!("no page at content/{target}"),
                    help,
                }
            }
        };
    }
    if from_root {
        // A web address inside the site (/glossary/): checked once every page exists.
        let p = path.trim_start_matches('@');
        return Resolved::Internal {
            path: p.to_string(),
            fragment,
        };
    }
    let Some(target) = content_path(page_dir, path) else {
        return Resolved::Broken {
            message: format!("\"{path}\" points outside content/"),
            help: "keep images and files inside content/, next to the page".into(),
        };
    };
    if ctx.assets.contains(&target) {
        Resolved::Internal {
            path: format!("/{target}"),
            fragment,
        }
    } else {
        Resolved::Broken {
            message: format!("no file at content/{target}"),
            help: "put the file next to the page in content/, or link to a page by the path of its .md file".into(),
        }
    }
}

fn has_scheme(s: &str) -> bool {
    match split_at_first(s, b':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'-' || c == b'.')
        }
        None => false,
    }
}

fn join(dir: &str, path: &str) -> String {
    if dir.is_empty() {
        path.to_string()
    } else {
        [dir, "/", path].concat()
    }
}

/// Whether `s` ends with `suffix`, an ASCII text, in any case (`.MD`).
fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    let (s, suffix) = (s.as_bytes(), suffix.as_bytes());
    s.len() >= suffix.len() && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// The path under `content/` of `path`, written in a page in the folder `dir`: `.` and
/// `..` resolved, in composed form; `None` when it climbs above `content/`.
fn content_path(dir: &str, path: &str) -> Option<String> {
    plain_content_path(dir, path).or_else(|| normalize(&join(dir, path)))
}

/// [`content_path`] for the common link, made in one allocation: ASCII, its parts names but
/// for `../` at its start, in a folder whose parts are all names. `None` for any other
/// path (one that climbs above `content/` among them), left to [`normalize`].
fn plain_content_path(dir: &str, path: &str) -> Option<String> {
    if !path.is_ascii() || !dir.is_ascii() || !(dir.is_empty() || all_names(dir)) {
        return None;
    }
    let (mut dir, mut rest) = (dir, path);
    while let Some(after) = rest.strip_prefix("../") {
        if dir.is_empty() {
            return None;
        }
        dir = split_at_last(dir, b'/').map_or("", |(parent, _)| parent);
        rest = after;
    }
    all_names(rest).then(|| join(dir, rest))
}

/// Whether every `/`-separated part of `path` is a name: not empty, `.` or `..`.
fn all_names(path: &str) -> bool {
    (path.as_bytes().split(|&b| b == b'/')).all(|part| !matches!(part, b"" | b"." | b".."))
}

/// Resolves `.` and `..`; `None` when the path climbs above `content/`.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(crate::text::slug::composed(&parts.join("/")).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::{SourceFile, SourceKind};

    /// A soft hyphen, zero-width space, word joiner or byte-order mark inside a word is
    /// taken out of a block's text; each character left keeps its place in the file.
    #[test]
    fn invisible_characters_are_taken_out_of_a_blocks_words_keeping_their_places() {
        // "The ad\u{ad}dict and ju&shy;nkie", the entity read as its own piece.
        let file = "xxThe ad\u{ad}dict and ju&shy;nkie";
        let mut b = ProseBlock {
            kind: BlockKind::Paragraph,
            text: "The ad\u{ad}dict and ju\u{ad}nkie".to_string(),
            map: vec![(0, 2), (19, 21), (21, 26)],
            start_offset: 2,
            ignore: Vec::new(),
            level: 0,
        };
        b.drop_invisible();
        assert_eq!(b.text, "The addict and junkie");
        for (word, at) in [("addict", 6), ("and", 15), ("junkie", 19)] {
            let pos = b.text.find(word).unwrap_or(usize::MAX);
            assert_eq!(b.file_offset(pos), at, "{word}");
            assert_eq!(file.get(at..at + 2), word.get(..2), "{word}");
        }
        // After the hyphen: "dict" and "nkie" are where they are in the file.
        assert_eq!(b.file_offset(b.text.find("dict").unwrap_or(0)), 10);
        assert_eq!(b.file_offset(b.text.find("nkie").unwrap_or(0)), 26);
        for c in INVISIBLE {
            let mut b = ProseBlock {
                text: format!("Opera{c}tional{c}ization"),
                map: vec![(0, 0)],
                ..b.clone()
            };
            b.drop_invisible();
            assert_eq!(b.text, "Operationalization");
            let w = c.len_utf8();
            assert_eq!(b.file_offset(5), 5 + w);
            assert_eq!(b.file_offset(11), 11 + 2 * w);
        }
    }

    /// The quick test for invisible characters says what a plain search says, and a
    /// block without them is left exactly as it was.
    #[test]
    fn the_quick_test_for_invisible_characters_agrees_with_a_plain_search() {
        let texts = [
            "plain ASCII text",
            "caf\u{e9} \u{201c}quoted\u{201d} \u{2014} dash",
            "\u{a0}no-break\u{a0}space \u{ac} \u{ae}",
            "\u{2061}\u{200c}\u{200d}\u{feff}",
            "ad\u{ad}dict",
            "zero\u{200b}width",
            "word\u{2060}joiner",
            "\u{ef}\u{bb}\u{bf}",
            "\u{e2}",
            "end \u{c2}",
        ];
        for t in texts {
            assert_eq!(has_invisible(t), t.contains(INVISIBLE), "{t:?}");
            if !has_invisible(t) {
                let mut b = ProseBlock {
                    kind: BlockKind::Paragraph,
                    text: t.to_string(),
                    map: vec![(0, 7)],
                    start_offset: 7,
                    ignore: Vec::new(),
                    level: 0,
                };
                b.drop_invisible();
                assert_eq!((b.text.as_str(), b.map.as_slice()), (t, &[(0, 7)][..]));
            }
        }
    }

    fn model() -> SiteModel {
        let sources = vec![
            SourceFile::new(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            SourceFile::new("recs/pay.md", SourceKind::Page, "---\ntitle: Pay\n---\n"),
        ];
        crate::model::build(
            &sources,
            &Default::default(),
            false,
            "",
            &Default::default(),
        )
        .0
    }

    fn render_str(body: &str) -> Rendered {
        render_with(body, None)
    }

    fn render_with(body: &str, glossary: Option<&GlossaryMatcher>) -> Rendered {
        render_marked(body, glossary, false)
    }

    fn render_marked(body: &str, glossary: Option<&GlossaryMatcher>, marks: bool) -> Rendered {
        render_in(body, glossary, marks, &Default::default(), false)
    }

    fn render_in(
        body: &str,
        glossary: Option<&GlossaryMatcher>,
        marks: bool,
        strings: &crate::load::i18n::Strings,
        safe: bool,
    ) -> Rendered {
        let m = model();
        let assets: HashSet<String> = ["recs/chart.png".to_string()].into();
        let checks = crate::text::rule::CheckConfig::default();
        let ctx = LinkContext {
            model: &m,
            glossary,
            checks: &checks,
            charts: None,
            safe,
            assets: &assets,
            base_path: "/",
            lang_prefix: "",
            strings,
            images: &Default::default(),
            source_marks: marks,
        };
        let text = format!("---\ntitle: x\n---\n{body}");
        let index = LineIndex::new(&text);
        let src = Source {
            file: "content/recs/x.md",
            text: &text,
            index: &index,
            body_offset: text.len() - body.len(),
            rel: "recs/x.md",
        };
        render(body, &src, &ctx)
    }

    #[test]
    fn straight_double_quotes_become_the_page_languages_quotation_marks() {
        let fr = crate::load::i18n::Strings::from_pairs(&[
            ("quote_open", "\u{ab}\u{202f}"),
            ("quote_close", "\u{202f}\u{bb}"),
        ]);
        let body = "Il a dit \"bonjour\", puis \u{ab}\u{a0}salut\u{a0}\u{bb} et \u{201c}ciao\u{201d}. Code `\"x\"`, [lien](http://a.org \"le \\\"titre\\\"\") et l'eau.\n";
        let html = render_in(body, None, false, &fr, false).html;
        for want in [
            "dit \u{ab}\u{202f}bonjour\u{202f}\u{bb},",
            "\u{ab}\u{a0}salut\u{a0}\u{bb}",
            "\u{201c}ciao\u{201d}",
            "<code>\"x\"</code>",
            "title=\"le &quot;titre&quot;\"",
            "l\u{2019}eau",
        ] {
            assert!(html.contains(want), "{want} in {html}");
        }
        let en = render_str(body).html;
        assert!(en.contains("dit \u{201c}bonjour\u{201d},"), "{en}");
    }

    #[test]
    fn serve_marks_each_run_of_prose_with_its_source_line_and_column() {
        let body = "## A *title*\n\nSay [click here](other.md) and\n`code` ![A chart](chart.png).\n\n```\nnot prose\n```\n";
        let html = render_marked(body, None, true).html;
        // The body starts on line 4 of the file (after three lines of front matter).
        for mark in [
            "<h2 id=\"a-title\"><span data-ps-at=\"4:4\" data-ps-kind=\"text\">A </span><em><span data-ps-at=\"4:7\" data-ps-kind=\"text\">title</span></em></h2>",
            "<span data-ps-at=\"6:6\" data-ps-kind=\"text\">click here</span></a>",
            "<span data-ps-at=\"7:8\" data-ps-kind=\"image\"><img src=",
            "alt=\"A chart\" /></span>",
        ] {
            assert!(html.contains(mark), "{mark} in {html}");
        }
        assert!(
            !html.contains("<span data-ps-at=\"10:"),
            "code is not marked: {html}"
        );
        let plain = render_marked(body, None, false).html;
        assert!(
            !plain.contains("data-ps"),
            "no marks unless serving: {plain}"
        );
    }

    #[test]
    fn quoted_words_and_marked_passages_keep_the_authors_text() {
        let g = GlossaryMatcher::new(&[crate::markdown::glossary::test_entry(
            "Health Research Board",
            Some("HRB"),
            "/glossary/#hrb",
        )]);
        let quoted = render_with("> The HRB (health research board) said so.\n", Some(&g));
        assert!(
            quoted
                .html
                .contains("<p>The HRB (health research board) said so.</p>"),
            "{}",
            quoted.html
        );
        let marked = render_with(
            "<!-- no-glossary -->\n\nThe HRB paid.\n\n<!-- /no-glossary -->\n\nThe HRB paid.\n",
            Some(&g),
        );
        assert!(
            marked.html.contains("<p>The HRB paid.</p>"),
            "{}",
            marked.html
        );
        assert!(
            marked.html.contains("<abbr title=\"Health Research Board\">HRB</abbr></a> (Health Research Board) paid."),
            "linking resumes after the passage: {}",
            marked.html
        );
    }

    /// A glossary with one abbreviation (HRB), and the HTML of its expansion.
    fn hrb_glossary() -> (GlossaryMatcher, &'static str) {
        let g = GlossaryMatcher::new(&[crate::markdown::glossary::test_entry(
            "Health Research Board",
            Some("HRB"),
            "/glossary/#hrb",
        )]);
        (g, "<abbr title=\"Health Research Board\">HRB</abbr>")
    }

    #[test]
    fn words_in_inline_quotation_marks_are_not_linked_or_expanded() {
        let (g, abbr) = hrb_glossary();
        for body in [
            "She said \"the HRB paid\" and left.\n",
            "She said \u{201c}the HRB paid\u{201d} and left.\n",
            "She said 'the HRB paid' and left.\n",
            "She said \u{2018}the HRB paid\u{2019} and left.\n",
            "Elle a dit \u{ab} the HRB paid \u{bb} et partit.\n",
            "她说\u{300c}the HRB paid\u{300d}。\n",
            "She said \"the *HRB* paid\" and left.\n",
            "She said \"it's the HRB that paid\" and left.\n",
        ] {
            let html = render_with(body, Some(&g)).html;
            assert!(!html.contains(abbr), "quoted words changed: {html}");
        }
        // Linking starts after the closing mark, in the same paragraph and piece.
        let after = render_with("She said \"ask them\" and the HRB paid.\n", Some(&g)).html;
        assert!(after.contains(abbr), "{after}");
        // A quote left open runs to the end of its paragraph only.
        let open = render_with("\u{201c}The HRB paid.\n\nThe HRB paid.\n", Some(&g)).html;
        assert!(
            open.contains("<p>\u{201c}The HRB paid.</p>") && open.contains(abbr),
            "{open}"
        );
    }

    #[test]
    fn an_apostrophe_inside_a_single_quote_does_not_end_it() {
        let (g, abbr) = hrb_glossary();
        for body in [
            "She said 'I don't know the HRB' and left.\n",
            "She said \u{2018}I don\u{2019}t know the HRB\u{2019} and left.\n",
        ] {
            let html = render_with(body, Some(&g)).html;
            assert!(!html.contains(abbr), "quoted words changed: {html}");
        }
        let after = render_with("She said 'I don't know' and the HRB paid.\n", Some(&g)).html;
        assert!(after.contains(abbr), "{after}");
    }

    #[test]
    fn a_quote_left_open_in_a_table_cell_ends_with_its_cell() {
        let (g, abbr) = hrb_glossary();
        let body = "| Said | Paid by |\n|---|---|\n| \u{201c}We were paid | the HRB |\n";
        let html = render_with(body, Some(&g)).html;
        assert!(html.contains(abbr), "{html}");
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let r = render_str("## Why it matters\n\n## Why it matters\n\n### Custom {#mine}\n");
        assert!(
            r.html
                .contains("<h2 id=\"why-it-matters\">Why it matters</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"why-it-matters-2\">"));
        assert!(r.html.contains("<h3 id=\"mine\">Custom</h3>"));
        assert_eq!(r.toc.len(), 3);
    }

    #[test]
    fn md_links_resolve_and_broken_ones_are_located() {
        let r =
            render_str("See [pay](pay.md#how) and [home](../_index.md).\n\nAnd [bad](pya.md).\n");
        assert!(r.html.contains("href=\"/recs/pay/#how\""), "{}", r.html);
        assert!(r.html.contains("href=\"/\""), "{}", r.html);
        assert_eq!(r.diagnostics.len(), 1);
        let d = &r.diagnostics[0];
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (6, 5));
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("did you mean content/recs/pay.md"),
            "{d:?}"
        );
        assert_eq!(r.links[0].fragment.as_deref(), Some("how"));
    }

    /// The quick way to a link's path under `content/` gives what the general one gives
    /// (`normalize` of the joined path) for every path, and is taken for the common ones.
    #[test]
    fn the_quick_content_path_agrees_with_the_general_one() {
        let decomposed = "cafe\u{301}.md";
        let dirs = [
            "",
            "recs",
            "a/b",
            "a/./b",
            "a//b",
            "a/..",
            "caf\u{e9}",
            decomposed,
        ];
        let paths = [
            "pay.md",
            "../x.md",
            "../../x.md",
            "../../../x.md",
            "a/./b.md",
            "./b.md",
            "a//b.md",
            "/b.md",
            "b.md/",
            "a/../b.md",
            "..",
            "../",
            ".",
            "",
            "caf\u{e9}.md",
            decomposed,
            "../caf\u{e9}.md",
            "a%20b.md",
            "x.md?query",
            "x.md#frag",
            "X.MD",
            "..x/y.md",
            "x/...md",
        ];
        for dir in dirs {
            for path in paths {
                let general = normalize(&join(dir, path));
                assert_eq!(content_path(dir, path), general, "{dir:?} {path:?}");
                if let Some(quick) = plain_content_path(dir, path) {
                    assert_eq!(Some(quick), general, "{dir:?} {path:?}");
                }
            }
        }
        for (dir, path, want) in [
            ("recs", "pay.md", "recs/pay.md"),
            ("a/b", "../x/page-1.md", "a/x/page-1.md"),
            ("a/b", "../../x.md", "x.md"),
            ("", "a%20b.MD", "a%20b.MD"),
        ] {
            assert_eq!(plain_content_path(dir, path).as_deref(), Some(want));
        }
    }

    /// A link's query and fragment are left out of its path, and `.md` is read in any
    /// case, by the quick way as by the general one.
    #[test]
    fn a_links_query_fragment_and_case_are_read_as_before() {
        let body = "[a](pay.md?x=1#how) [b](pay.md#) [c](../recs/./pay.md) [d](/recs//pay.md)\n";
        let r = render_str(body);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        let count = |href: &str| r.html.matches(href).count();
        assert_eq!(count("href=\"/recs/pay/#how\""), 1, "{}", r.html);
        assert_eq!(count("href=\"/recs/pay/\""), 3, "{}", r.html);
        let broken = render_str("[e](pay.md%20) [f](caf\u{e9}.md) [g](PAY.MD)\n");
        let messages: Vec<&str> = (broken.diagnostics.iter())
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            messages,
            [
                "broken link: no file at content/recs/pay.md%20",
                "broken link: no page at content/recs/caf\u{e9}.md",
                "broken link: no page at content/recs/PAY.MD",
            ]
        );
    }

    /// An address has a scheme when letters, digits, `+`, `-` or `.` come before its
    /// first colon; a link is cut at its first `#` and `?` and the page's folder at its
    /// last `/`.
    #[test]
    fn schemes_and_the_cuts_of_an_address() {
        for (s, want) in [
            ("https://x.org", true),
            ("mailto:a@b.org", true),
            ("tel:+353", true),
            ("c++-x.y:z", true),
            ("a/b:c", false),
            (":x", false),
            ("caf\u{e9}:x", false),
            ("x.md", false),
            ("x.md#a:b", false),
        ] {
            assert_eq!(has_scheme(s), want, "{s}");
        }
        assert_eq!(split_at_first("a#b#c", b'#'), Some(("a", "b#c")));
        assert_eq!(split_at_first("\u{e9}#", b'#'), Some(("\u{e9}", "")));
        assert_eq!(split_at_last("a/b/c.md", b'/'), Some(("a/b", "c.md")));
        assert_eq!(split_at_last("c.md", b'/'), None);
    }

    /// Safe mode takes a script address out of a link in any case, after any spaces.
    #[test]
    fn safe_mode_removes_script_addresses_written_in_any_case() {
        let body = "[a](JavaScript:x()) [b](< VBScript:y>) [c](DATA:Text/HTML,z) [d](javascript.md) [e](data:text/plain,x)\n";
        let r = render_in(body, None, false, &Default::default(), true);
        let removed = (r.diagnostics.iter())
            .filter(|d| d.message == "safe mode removed a script address from a link")
            .count();
        assert_eq!(removed, 3, "{:?}", r.diagnostics);
        assert_eq!(r.html.matches("href=\"#\"").count(), 3, "{}", r.html);
    }

    #[test]
    fn raw_html_in_alt_text_opens_nothing_and_a_self_closed_svg_is_closed() {
        let body = "![A chart with <b>bold](chart.png)\n\nAn <svg class=\"i\"/> icon.\n";
        let r = render_str(body);
        let structure: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == Some(Rule::HtmlStructure))
            .collect();
        assert!(structure.is_empty(), "{structure:?}");
        assert!(raw_html_problems(body).is_empty());
        // The same tag outside an image is left open.
        assert_eq!(raw_html_problems("A <b>bold").len(), 1);
    }

    /// Markdown from a data file: each removal safe mode makes from it is said once,
    /// at its offset, in a page's words; what the sanitizer leaves (code, an image's
    /// alt text, an ordinary link) is not.
    #[test]
    fn safe_mode_removals_from_data_text_are_said_once_at_their_offsets() {
        let text = "Go <b onclick=\"x()\">now</b> `<script>` ![<i onclick=y>](a.png)\n\n[Here](javascript:x()) or [there](https://e.org).\n\n<script>x()</script>\n";
        let found: Vec<(usize, String)> = unsafe_removals(text)
            .into_iter()
            .map(|(at, r)| (at, r.message))
            .collect();
        assert_eq!(
            found,
            [
                (
                    3,
                    "safe mode removed the onclick attribute of a <b> tag".into()
                ),
                (64, "safe mode removed a script address from a link".into()),
                (
                    115,
                    "safe mode removed a <script> element and what is inside it".into()
                ),
            ]
        );
        let clean = render_plain(text, true);
        assert!(
            !clean.contains("<b onclick") && !clean.contains("javascript"),
            "{clean}"
        );
        // Raw HTML in alt text is written as the attribute's text.
        assert!(clean.contains("alt=\"&lt;i onclick=y&gt;\""), "{clean}");
        assert!(unsafe_removals("A *plain* [link](https://e.org).").is_empty());
    }

    #[test]
    fn links_outside_content_are_refused() {
        let r = render_str("[x](../../../etc/passwd.md) ![y](../../secret.png)\n");
        assert_eq!(r.diagnostics.len(), 2);
        assert!(r.diagnostics[0].message.contains("outside content/"));
    }

    #[test]
    fn images_need_alt_text_and_assets_resolve() {
        let r = render_str("![](chart.png)\n\n![A chart](chart.png)\n");
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].message.contains("no alt text"));
        assert!(
            r.html.contains("src=\"/recs/chart.png\" alt=\"A chart\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn footnotes_are_labelled_with_back_links() {
        let r = render_str("Text.[^a] More.[^b]\n\n[^b]: Second.\n[^a]: First.\n");
        assert!(
            r.html
                .contains("<section class=\"footnotes\" aria-labelledby=\"notes\">"),
            "{}",
            r.html
        );
        let first = r.html.find("id=\"fn-a\"").unwrap();
        let second = r.html.find("id=\"fn-b\"").unwrap();
        assert!(first < second, "notes are in the order they are used");
        assert!(r.html.contains("href=\"#fnref-a\""));
        assert!(r.html.contains("id=\"fnref-a\""));
    }

    /// The attributes a reader sees or hears of tags written in running text (in a
    /// paragraph, over two lines, in a table cell) are labels at their places; a tag in
    /// an HTML block is read with its block, text between tags with the paragraph.
    #[test]
    fn attributes_of_inline_html_are_labels_at_their_places() {
        let body = "The <abbr title=\"people who use drugs\">PWUD</abbr> met. See <span\naria-label=\"Help for peers\">go</span>.\n\n| a | <input placeholder=\"Your name\"> |\n|---|---|\n| c | d |\n\n<div title=\"In a block\">Block text.</div>\n";
        let r = render_str(body);
        let text = format!("---\ntitle: x\n---\n{body}");
        let labels: Vec<(&str, usize)> = (r.labels.iter())
            .filter(|b| b.kind == BlockKind::Label)
            .map(|b| (b.text.as_str(), b.file_offset(0)))
            .collect();
        let at = |words: &str| text.find(words).unwrap();
        assert_eq!(
            labels,
            [
                ("people who use drugs", at("people who")),
                ("Help for peers", at("Help for")),
                ("Your name", at("Your name")),
                ("In a block", at("In a block")),
            ]
        );
    }

    /// A plain quote's blocks are quoted speech, apart from the page's prose (a quote
    /// inside a list item is not the item's words); a table's cells say their row.
    #[test]
    fn quoted_speech_and_table_cells_are_kept_apart_from_the_running_text() {
        let r = render_str("- An item\n\n  > Quoted in the item.\n\n> Quoted alone.\n\nRunning text.\n\n| a | b |\n|---|---|\n| c | d |\n");
        let blocks: Vec<(&str, BlockKind)> = (r.blocks.iter().chain(&r.labels))
            .map(|b| (b.text.trim(), b.kind))
            .collect();
        let cell = |row| BlockKind::Cell { row };
        assert_eq!(
            blocks,
            [
                ("An item", BlockKind::ListItem),
                ("Running text.", BlockKind::Paragraph),
                ("Quoted in the item.", BlockKind::Quote),
                ("Quoted alone.", BlockKind::Quote),
                ("a", cell(1)),
                ("b", cell(1)),
                ("c", cell(2)),
                ("d", cell(2)),
            ]
        );
    }

    /// A note defined between two halves of a sentence is read where readers read it,
    /// after the page's text, so the sentence's halves stay next to each other; a list
    /// item's next paragraph goes on after a space, not glued to the item's last word.
    #[test]
    fn notes_come_after_the_running_text_and_an_items_paragraphs_stay_apart() {
        let body = "We asked people[^1]\n\n[^1]: A note.\n\nwhat helps.\n\n- They said yes and\n\n  then left.\n";
        let r = render_str(body);
        let blocks: Vec<&str> = r.blocks.iter().map(|b| b.text.trim()).collect();
        assert_eq!(
            blocks,
            [
                "We asked people",
                "what helps.",
                "They said yes and then left.",
                "A note."
            ]
        );
        // The item's second paragraph is placed where it is written.
        let item = &r.blocks[2];
        let then = item.text.find("then").unwrap_or(0);
        let (they, then_in_body) = (body.find("They"), body.find("then"));
        let from_they = then_in_body.zip(they).map(|(a, b)| a - b);
        assert_eq!(
            Some(item.file_offset(then) - item.file_offset(0)),
            from_they
        );
    }

    /// A line break written as HTML in running text reads as a space, as the browser
    /// shows it; a place a long word may break (`<wbr>`) joins its two halves.
    #[test]
    fn a_line_break_written_as_html_separates_words() {
        let r = render_str("People<br>who use<br/>drugs and peer<wbr>workers.\n");
        assert_eq!(r.blocks[0].text, "People who use drugs and peerworkers.");
    }

    #[test]
    fn alerts_become_callouts_and_tables_have_scope() {
        let r = render_str("> [!IMPORTANT]\n> Pay people.\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n");
        assert!(
            r.html
                .contains("<div class=\"callout callout-important\" role=\"note\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("Key message"));
        assert!(
            r.html
                .contains("<th scope=\"col\">a</th><th scope=\"col\" class=\"align-right\">b</th>"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("style="));
    }

    #[test]
    fn smart_punctuation_and_heading_warnings() {
        let r = render_str("# Big\n\n#### Deep\n\n\"Quoted\" -- yes\n");
        assert!(
            r.html.contains("\u{201c}Quoted\u{201d} \u{2013} yes"),
            "{}",
            r.html
        );
        assert_eq!(r.diagnostics.len(), 2);
    }

    #[test]
    fn a_heading_with_no_words_is_named_at_its_line_and_one_with_a_picture_is_not() {
        let r = render_str("## \n\nText.\n\n##\n\n## {#}\n\n## ![Our logo](logo.png)\n");
        let empty: Vec<usize> = r
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with("this heading has no words"))
            .filter_map(|d| d.location.as_ref().map(|l| l.line))
            .collect();
        assert_eq!(empty, [4, 8, 10], "{:?}", r.diagnostics);
    }

    #[test]
    fn an_id_the_author_gave_twice_is_named_at_the_second_heading() {
        let r = render_str("## One {#same}\n\n## Two {#same}\n\n## Same\n");
        let d: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.rule == Some(Rule::DuplicateId))
            .collect();
        assert_eq!(d.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(d[0].location.as_ref().map(|l| l.line), Some(6));
        assert!(d[0].message.starts_with("the id same is already used"));
    }
}
