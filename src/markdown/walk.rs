//! The event loop of the Markdown stage: each pulldown-cmark event of a page body goes
//! to the method for its kind (headings, quotes, code and chart blocks, raw HTML,
//! tables, links, images, text), which returns the events to write in its place. What
//! those methods share while a body is read is [`Walk`].

use std::ops::Range;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag,
    TagEnd,
};

use super::{
    callout, escape, ignore_comment, options, picture, reader_text, slugify, unique_id, BlockKind,
    ProseBlock, Renderer, TocEntry,
};
use crate::text::html_scan::separates_words;
use crate::text::quotes::QuoteTracker;
use crate::text::rule::Rule;

/// A heading's start tag up to its attributes, and its end tag, by level (0 unused).
const HEADING_OPEN: [&str; 7] = ["<h6", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6"];
const HEADING_CLOSE: [&str; 7] = [
    "</h6>\n", "</h1>\n", "</h2>\n", "</h3>\n", "</h4>\n", "</h5>\n", "</h6>\n",
];

/// The events an event method writes in its place. Nearly always one, handed on as it
/// is: a page has thousands of events, and a list for each (even one kept on the stack)
/// cost more in moving and dropping than the events' own work.
pub(super) enum Emit<'a> {
    Nothing,
    One(Event<'a>),
    /// Several, in order (a heading with its words, a run of text marked for `serve`).
    Many(Vec<Event<'a>>),
}

impl<'a> Emit<'a> {
    /// Adds `event` after the ones already there.
    fn push(&mut self, event: Event<'a>) {
        *self = match std::mem::replace(self, Emit::Nothing) {
            Emit::Nothing => Emit::One(event),
            Emit::One(first) => Emit::Many(vec![first, event]),
            Emit::Many(mut all) => {
                all.push(event);
                Emit::Many(all)
            }
        };
    }

    /// Adds the events to `events` (a heading or a footnote being gathered).
    fn append_to(self, events: &mut Vec<Event<'a>>) {
        match self {
            Emit::Nothing => {}
            Emit::One(event) => events.push(event),
            Emit::Many(all) => events.extend(all),
        }
    }
}

/// A body's events as the HTML writer reads them: each of the parser's events goes to
/// its method, and what that returns is handed on, or gathered while a heading or a
/// footnote definition is open.
struct Stream<'r, 'a, 'b, I> {
    parsed: I,
    renderer: &'r mut Renderer<'a, 'b>,
    walk: &'r mut Walk<'a>,
    body: &'a str,
    /// The rest of the last method's events when it returned several.
    queued: std::vec::IntoIter<Event<'a>>,
}

impl<'a, I: Iterator<Item = (Event<'a>, Range<usize>)>> Iterator for Stream<'_, 'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.queued.next() {
            return Some(event);
        }
        loop {
            let (event, range) = self.parsed.next()?;
            match event {
                Event::Start(_) => self.walk.depth += 1,
                Event::End(_) => self.walk.depth = self.walk.depth.saturating_sub(1),
                _ => {}
            }
            let at = range.start;
            let emit = self.renderer.event(self.walk, event, range, self.body);
            self.renderer.note_depth(self.walk, at);
            if let Some(Pending::Heading { events, .. } | Pending::Footnote { events, .. }) =
                self.walk.stack.last_mut()
            {
                emit.append_to(events);
                continue;
            }
            match emit {
                Emit::Nothing => {}
                Emit::One(event) => return Some(event),
                Emit::Many(all) => {
                    self.queued = all.into_iter();
                    if let Some(event) = self.queued.next() {
                        return Some(event);
                    }
                }
            }
        }
    }
}

/// Events being gathered for a heading or a footnote definition.
enum Pending<'a> {
    Heading {
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        events: Vec<Event<'a>>,
        text: String,
        /// Where the heading starts in the file.
        at: usize,
    },
    Footnote {
        label: String,
        events: Vec<Event<'a>>,
    },
}

/// What the event methods share while one body is read.
#[derive(Default)]
pub(super) struct Walk<'a> {
    stack: Vec<Pending<'a>>,
    in_head: bool,
    aligns: Vec<Alignment>,
    cell: usize,
    tables: usize,
    image_alt: Option<(String, usize)>,
    /// A photo of the site, written as a `<picture>` when its alt text is complete.
    picture: Option<picture::Picture>,
    /// The image's title is the `decorative` marker: `![](line.png "decorative")`.
    decorative: bool,
    images_seen: usize,
    last_level: u8,
    /// Where prose is not checked: code, quoted speech (plain blockquotes), tables,
    /// notes, raw HTML blocks.
    no_prose: usize,
    /// Plain block quotes open: their words are read as quoted speech when nothing
    /// else keeps them from the checks.
    quoted: usize,
    /// The rules a `plainsite-ignore` comment above the outermost plain quote turns
    /// off: for each of its blocks.
    quote_ignore: Vec<String>,
    /// The page's table rows so far, head rows included.
    rows: u32,
    in_link: usize,
    in_heading: bool,
    quotes: Vec<bool>,
    pending_ignore: Vec<String>,
    chart_block: Option<(reader_text::Gathered, usize)>,
    notes_block: Option<String>,
    in_code: bool,
    /// The lines of a raw HTML block being read, and whether it is in quoted speech
    /// (`> <p>…</p>`).
    html_block: Option<(reader_text::Gathered, bool)>,
    /// The rules turned off for a table's cells.
    table_ignore: Vec<String>,
    alt_label: bool,
    /// Between `<!-- no-glossary -->` and `<!-- /no-glossary -->`: no glossary links.
    no_glossary: bool,
    /// Quotation marks open in the block's running text, whose words stay as written.
    inline_quotes: QuoteTracker,
    /// The author's raw HTML, read as one stream to find what is left open.
    balance: super::balance::Balance,
    /// Markdown elements open (lists, items, quotes, emphasis...).
    depth: usize,
    /// The page was found nested past what a browser keeps (said once).
    too_deep: bool,
}

/// Whether `event` starts or ends a paragraph or a list item (a definition list's terms
/// and definitions among them).
fn is_prose_block(event: &Event) -> bool {
    use Tag::{DefinitionListDefinition as Dd, DefinitionListTitle as Dt, Item, Paragraph};
    use TagEnd::{DefinitionListDefinition as EndDd, DefinitionListTitle as EndDt};
    matches!(
        event,
        Event::Start(Paragraph | Item | Dt | Dd)
            | Event::End(TagEnd::Paragraph | TagEnd::Item | EndDt | EndDd)
    )
}

impl Walk<'_> {
    /// How the words being read are prose: `None` where they are not read (code,
    /// tables, notes, raw HTML blocks), `Some(true)` in quoted speech.
    fn prose(&self) -> Option<bool> {
        match self.no_prose {
            0 => Some(false),
            n if n == self.quoted => Some(true),
            _ => None,
        }
    }
}

impl<'a> Renderer<'a, '_> {
    /// Reads the body's events and writes the page's HTML.
    pub(super) fn run(&mut self, body: &'a str) {
        let mut w = Walk {
            last_level: 1,
            ..Walk::default()
        };
        let parser = Parser::new_with_broken_link_callback(
            body,
            options(),
            Some(super::citations::callback),
        );
        let mut html = String::with_capacity(body.len() * 3 / 2);
        // Written as they are read, not gathered first: a page has thousands of events,
        // and moving them into one list cost more than writing them.
        let events = Stream {
            parsed: parser.into_offset_iter(),
            renderer: self,
            walk: &mut w,
            body,
            queued: Vec::new().into_iter(),
        };
        pulldown_cmark::html::push_html(&mut html, events);
        for (at, problem) in std::mem::take(&mut w.balance).finish() {
            self.rule_at(at, Rule::HtmlStructure, &problem.message(), &problem.help());
        }
        self.push_footnotes(&mut html);
        let notes = std::mem::take(&mut self.note_blocks);
        self.out.blocks.extend(notes);
        self.cites.push_list(&mut html, self.held.as_mut());
        if let Some(held) = &self.held {
            html = held.clean(&html);
        }
        self.out.html = html;
        self.out.glossary_used = std::mem::take(&mut self.glossary.used);
    }

    /// One event: the events to write in its place (none while it is gathered).
    fn event(
        &mut self,
        w: &mut Walk<'a>,
        event: Event<'a>,
        range: Range<usize>,
        body: &'a str,
    ) -> Emit<'a> {
        let offset = self.src.body_offset + range.start;
        match event {
            Event::Start(Tag::Link { ref dest_url, .. }) if super::citations::is_cite(dest_url) => {
                self.cites.skipping = true;
                Emit::One(Event::InlineHtml(
                    self.cites.next_html(self.held.as_mut()).into(),
                ))
            }
            Event::End(TagEnd::Link) if self.cites.skipping => {
                self.cites.skipping = false;
                Emit::Nothing
            }
            _ if self.cites.skipping => Emit::Nothing,
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => self.heading_start(w, level, id, classes, (offset, range.len())),
            Event::End(TagEnd::Heading(_)) => self.heading_end(w),
            _ if is_prose_block(&event) => self.block_event(w, event, (offset, range.len())),
            Event::Start(Tag::FootnoteDefinition(_))
            | Event::End(TagEnd::FootnoteDefinition)
            | Event::FootnoteReference(_) => self.footnote_event(w, event),
            Event::Start(Tag::BlockQuote(kind)) => self.quote_start(w, kind),
            Event::End(TagEnd::BlockQuote(kind)) => self.quote_end(w, kind),
            Event::Start(Tag::CodeBlock(kind)) => self.code_block_start(w, kind, offset),
            Event::End(TagEnd::CodeBlock) => self.code_block_end(w),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {
                self.html_block_event(w, event)
            }
            Event::Html(_) | Event::InlineHtml(_) => self.raw_html(w, event, range, body),
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::TableCell)
            | Event::End(
                TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell,
            ) => self.table_event(w, event, (offset, range.len())),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.title_label(&title, body.get(range).unwrap_or(""), offset);
                self.link_start(w, link_type, dest_url, title, id, offset)
            }
            Event::End(TagEnd::Link) => self.link_end(w, event),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if !picture::is_decorative(&title) {
                    self.title_label(&title, body.get(range.clone()).unwrap_or(""), offset);
                }
                let at = (offset, range.len());
                self.image_start(w, link_type, dest_url, title, id, at)
            }
            Event::End(TagEnd::Image) => self.image_end(w),
            Event::Text(t) => {
                let t = self.quote_mark(t, range, body);
                self.text(w, t, offset)
            }
            Event::Code(t) => self.code(w, t),
            Event::SoftBreak | Event::HardBreak => self.line_break(w, event, offset),
            other => Emit::One(other),
        }
    }

    /// Nesting past what a browser keeps (lists in lists, quotes in quotes, raw HTML
    /// elements never closed), said once, where it passes the limit (rule
    /// `deep-nesting`): what is deeper is flattened ([`crate::text::nesting`]).
    fn note_depth(&mut self, w: &mut Walk<'a>, at: usize) {
        use crate::text::nesting::MAX_DEPTH;
        let (html_depth, html_at) = w.balance.take_deepest();
        if w.too_deep || w.depth + html_depth <= MAX_DEPTH {
            return;
        }
        w.too_deep = true;
        // Where the raw HTML passes the limit, when it does.
        let offset = match w.depth > MAX_DEPTH {
            true => self.src.body_offset + at,
            false => html_at,
        };
        self.rule_at(
            offset,
            Rule::DeepNesting,
            &format!("this is nested more than {MAX_DEPTH} levels deep (lists, quotes or HTML elements inside each other)"),
            "browsers show what is deeper side by side, and so do the EPUB, Word and text copies of the page (and safe mode); nest fewer levels, or close the HTML elements you open",
        );
    }

    /// A link ends: its words are placed.
    fn link_end(&mut self, w: &mut Walk<'a>, event: Event<'a>) -> Emit<'a> {
        w.in_link = w.in_link.saturating_sub(1);
        self.places.close_link();
        Emit::One(event)
    }

    /// A line break inside a block separates its words, as a space does.
    fn line_break(&mut self, w: &mut Walk<'a>, event: Event<'a>, offset: usize) -> Emit<'a> {
        // A link's words too, as the page shows them: "click here" over two lines.
        self.places.link_words(" ");
        if let (Some(quoted), None) = (w.prose(), &w.image_alt) {
            self.push_prose(" ", offset, quoted);
        }
        Emit::One(event)
    }

    /// Paragraphs and list items (a definition list's terms and definitions among them):
    /// blocks of the page's prose.
    /// The block is written in `size` bytes of the source from `offset`.
    fn block_event(&mut self, w: &mut Walk<'a>, event: Event<'a>, at: (usize, usize)) -> Emit<'a> {
        w.inline_quotes = QuoteTracker::default();
        let prose = w.prose();
        if prose == Some(true) && matches!(event, Event::Start(_)) {
            w.pending_ignore.extend(w.quote_ignore.iter().cloned());
        }
        match &event {
            Event::Start(Tag::Paragraph) => {
                self.start_block(BlockKind::Paragraph, at, &mut w.pending_ignore, prose)
            }
            Event::End(TagEnd::Paragraph) => self.end_block(BlockKind::Paragraph),
            Event::Start(Tag::Item | Tag::DefinitionListTitle | Tag::DefinitionListDefinition) => {
                self.end_block(BlockKind::ListItem);
                self.start_block(BlockKind::ListItem, at, &mut w.pending_ignore, prose);
            }
            _ => self.end_block(BlockKind::ListItem),
        }
        Emit::One(event)
    }

    /// A heading starts: its level is checked, and its events are gathered until it ends.
    fn heading_start(
        &mut self,
        w: &mut Walk<'a>,
        level: HeadingLevel,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        (offset, size): (usize, usize),
    ) -> Emit<'a> {
        w.inline_quotes = QuoteTracker::default();
        w.stack.push(Pending::Heading {
            level,
            id,
            classes,
            events: Vec::new(),
            text: String::with_capacity(size),
            at: offset,
        });
        let lvl = level as u8;
        if lvl == 1 {
            self.rule_at(
                offset,
                Rule::HeadingOrder,
                "this heading is a second main heading (h1): the page title is already the h1",
                "start the page's headings at ## (h2)",
            );
        } else if lvl > w.last_level + 1 {
            self.rule_at(
                offset,
                Rule::HeadingOrder,
                &format!("this heading skips a level (h{} to h{lvl})", w.last_level),
                &format!(
                    "use {} here, so the outline has no gaps for screen reader users",
                    "#".repeat(w.last_level as usize + 1)
                ),
            );
        }
        w.last_level = lvl;
        w.in_heading = true;
        let prose = w.prose();
        if prose == Some(true) {
            w.pending_ignore.extend(w.quote_ignore.iter().cloned());
        }
        let at = (offset, size);
        self.start_block(BlockKind::Heading, at, &mut w.pending_ignore, prose);
        if let Some(b) = self.current.as_mut() {
            b.level = lvl;
        }
        Emit::Nothing
    }

    /// A heading ends: it gets its id (its own, or its words made unique) and a place
    /// in the table of contents.
    fn heading_end(&mut self, w: &mut Walk<'a>) -> Emit<'a> {
        w.in_heading = false;
        self.end_block(BlockKind::Heading);
        let Some(Pending::Heading {
            level,
            id,
            classes,
            events: inner,
            text,
            at,
        }) = w.stack.pop()
        else {
            return Emit::Nothing;
        };
        self.heading_problems(&text, id.as_deref(), &inner, at);
        let id = unique_id(
            id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&text)),
            &mut self.ids,
        );
        // The id the HTML gets, made ones too: the page's ids are told apart by rank.
        self.places.heading(&text, &id, at);
        let lvl = level as u8;
        // A heading with no words (named above) gets no empty link in the contents.
        if (lvl == 2 || lvl == 3) && !text.trim().is_empty() {
            self.out.toc.push(TocEntry {
                level: lvl,
                id: id.clone(),
                title: text.trim().to_string(),
            });
        }
        // Written piece by piece, not formatted: every page has dozens of headings.
        let mut open = String::with_capacity(id.len() + 16);
        open.push_str(HEADING_OPEN.get(usize::from(lvl)).copied().unwrap_or("<h6"));
        open.push_str(" id=\"");
        crate::text::escape::escape_into(&id, &mut open);
        if !classes.is_empty() {
            open.push_str("\" class=\"");
            crate::text::escape::escape_into(&classes.join(" "), &mut open);
        }
        open.push_str("\">");
        let close = HEADING_CLOSE
            .get(usize::from(lvl))
            .copied()
            .unwrap_or("</h6>\n");
        // The heading's own events, between its tags: a heading has few.
        let mut all = inner;
        all.insert(0, Event::Html(open.into()));
        all.push(Event::Html(CowStr::Borrowed(close)));
        Emit::Many(all)
    }

    /// A heading with no words (screen readers announce an empty heading), or an id the
    /// author gave that the page already has (links to it would go to the first).
    fn heading_problems(&mut self, text: &str, id: Option<&str>, inner: &[Event<'a>], at: usize) {
        let named = |e: &Event| {
            matches!(
                e,
                Event::Start(Tag::Image { .. }) | Event::Html(_) | Event::InlineHtml(_)
            )
        };
        if text.trim().is_empty() && !inner.iter().any(named) {
            self.rule_at(
                at,
                Rule::HeadingOrder,
                "this heading has no words: a screen reader announces an empty heading",
                "write the heading's words after the #, or remove the line",
            );
        }
        if let Some(id) = id.filter(|id| self.ids.contains(*id)) {
            self.rule_at(
                at,
                Rule::DuplicateId,
                &format!("the id {id} is already used on this page: this heading gets another, and links to #{id} go to the first"),
                "give each heading an id of its own, or leave {#...} out and let plainsite make one",
            );
        }
    }

    /// Footnote definitions are gathered for the notes at the end; a reference becomes
    /// a numbered link to its note.
    fn footnote_event(&mut self, w: &mut Walk<'a>, event: Event<'a>) -> Emit<'a> {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                self.in_note += 1;
                w.stack.push(Pending::Footnote {
                    label: label.to_string(),
                    events: Vec::new(),
                });
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.in_note = self.in_note.saturating_sub(1);
                if let Some(Pending::Footnote {
                    label,
                    events: inner,
                }) = w.stack.pop()
                {
                    self.footnotes.push((label, inner));
                }
            }
            Event::FootnoteReference(label) => {
                let next = self.note_numbers.len() + 1;
                let n = *self.note_numbers.entry(label.to_string()).or_insert(next);
                let slug = slugify(&label);
                let back_id = if n == next {
                    format!(" id=\"fnref-{}\"", escape(&slug))
                } else {
                    String::new()
                };
                return Emit::One(Event::Html(
                    format!("<sup class=\"footnote-ref\"><a href=\"#fn-{s}\"{back_id}><span class=\"visually-hidden\">{note} </span>{n}</a></sup>", s = escape(&slug), note = escape(self.links.strings.get("note"))).into(),
                ));
            }
            _ => {}
        }
        Emit::Nothing
    }

    /// A GitHub alert becomes a callout box; a plain quote is quoted speech, whose
    /// words are not checked (they count in the reading measures only where they make
    /// them harder).
    fn quote_start(&mut self, w: &mut Walk<'a>, kind: Option<BlockQuoteKind>) -> Emit<'a> {
        w.quotes.push(kind.is_none());
        match kind {
            Some(kind) => {
                let (class, key) = callout(kind);
                let title = escape(self.links.strings.get(key));
                Emit::One(Event::Html(format!("<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n").into()))
            }
            None => {
                if w.quoted == 0 {
                    w.quote_ignore = w.pending_ignore.clone();
                }
                w.no_prose += 1;
                w.quoted += 1;
                Emit::One(Event::Start(Tag::BlockQuote(None)))
            }
        }
    }

    fn quote_end(&mut self, w: &mut Walk<'a>, kind: Option<BlockQuoteKind>) -> Emit<'a> {
        if w.quotes.pop().unwrap_or(false) {
            w.no_prose = w.no_prose.saturating_sub(1);
            w.quoted = w.quoted.saturating_sub(1);
        }
        match kind {
            Some(_) => Emit::One(Event::Html("</div>\n".into())),
            None => Emit::One(Event::End(TagEnd::BlockQuote(None))),
        }
    }

    /// A ```notes block and a ```chart block are gathered; other code is written as
    /// it is and its words are not checked.
    fn code_block_start(
        &mut self,
        w: &mut Walk<'a>,
        kind: CodeBlockKind<'a>,
        offset: usize,
    ) -> Emit<'a> {
        if let CodeBlockKind::Fenced(lang) = &kind {
            match lang.trim() {
                "notes" => {
                    w.notes_block = Some(String::new());
                    return Emit::Nothing;
                }
                "chart" => {
                    w.chart_block = Some((reader_text::Gathered::default(), offset));
                    return Emit::Nothing;
                }
                _ => {}
            }
        }
        w.no_prose += 1;
        w.in_code = true;
        Emit::One(Event::Start(Tag::CodeBlock(kind)))
    }

    /// Speaker notes and charts are written when their block ends.
    fn code_block_end(&mut self, w: &mut Walk<'a>) -> Emit<'a> {
        if let Some(text) = w.notes_block.take() {
            return Emit::One(Event::Html(self.speaker_notes(&text).into()));
        }
        if let Some((yaml, at)) = w.chart_block.take() {
            let chart = self.chart(&yaml.text, at);
            // Checked even inside a block quote: a chart's words are the author's own,
            // not the words of someone quoted.
            self.out.chart_sources.push(yaml);
            let chart = match self.held.as_mut() {
                Some(held) => held.hold(chart),
                None => chart,
            };
            return Emit::One(Event::Html(chart.into()));
        }
        w.no_prose = w.no_prose.saturating_sub(1);
        w.in_code = false;
        Emit::One(Event::End(TagEnd::CodeBlock))
    }

    /// A raw HTML block: its words are read as the page's prose when it ends.
    fn html_block_event(&mut self, w: &mut Walk<'a>, event: Event<'a>) -> Emit<'a> {
        if matches!(event, Event::Start(_)) {
            if let Some(quoted) = w.prose() {
                w.html_block = Some((reader_text::Gathered::default(), quoted));
            }
            w.no_prose += 1;
        } else {
            w.no_prose = w.no_prose.saturating_sub(1);
            if let Some((gathered, quoted)) = w.html_block.take() {
                if quoted {
                    w.pending_ignore.extend(w.quote_ignore.iter().cloned());
                }
                self.html_prose(&gathered, &mut w.pending_ignore, quoted);
            }
        }
        Emit::One(event)
    }

    /// A piece of raw HTML: its tags' places, the `no-glossary` and `plainsite-ignore`
    /// comments, and in safe mode what the sanitizer will remove.
    fn raw_html(
        &mut self,
        w: &mut Walk<'a>,
        event: Event<'a>,
        range: Range<usize>,
        body: &'a str,
    ) -> Emit<'a> {
        let offset = self.src.body_offset + range.start;
        let (Event::Html(h) | Event::InlineHtml(h)) = &event else {
            return Emit::One(event);
        };
        if let Some((gathered, _)) = w.html_block.as_mut() {
            gathered.push(h, offset);
        }
        // Raw HTML in an image's alt text is dropped by pulldown-cmark: it opens nothing.
        if w.image_alt.is_none() {
            let as_written = body.get(range.clone()) == Some(&**h);
            w.balance.feed(h, offset, as_written);
        }
        let inline = matches!(event, Event::InlineHtml(_));
        // A tag in running text (`<abbr title="…">`): the words of its attributes a
        // reader sees or hears, at their places, as in an HTML block.
        if inline && w.image_alt.is_none() {
            self.inline_attribute_labels(h, body.get(range.clone()).unwrap_or(""), offset);
        }
        self.places
            .raw_html(h, body, range.clone(), (self.src.body_offset, inline));
        // A line break or a block's tag in running text reads as a space: "people<br>who"
        // is two words.
        if let (true, None, Some(quoted)) = (inline, &w.image_alt, w.prose()) {
            if separates_words(h) {
                self.push_prose(" ", offset, quoted);
            }
        }
        match h.trim() {
            "<!-- no-glossary -->" => w.no_glossary = true,
            "<!-- /no-glossary -->" => w.no_glossary = false,
            _ => {}
        }
        if let Some(rules) = ignore_comment(h) {
            match self.current.as_mut() {
                Some(b) if range.start > 0 && b.start_offset < offset => b.ignore.extend(rules),
                _ => w.pending_ignore.extend(rules),
            }
        }
        // Word's Office tags (`<o:p>`) are left out: the page keeps what is inside them.
        let event = match super::balance::without_office_tags(h) {
            Some(kept) if matches!(event, Event::Html(_)) => Event::Html(kept.into()),
            Some(kept) => Event::InlineHtml(kept.into()),
            None => event,
        };
        let (Event::Html(h) | Event::InlineHtml(h)) = &event else {
            return Emit::One(event);
        };
        // Safe mode cleans the whole body at the end (a tag and its end come in
        // different pieces); here each removal is reported.
        if self.links.safe {
            for removed in crate::markdown::sanitize::removed_from_html(h) {
                self.removed_at(offset, &removed);
            }
        }
        Emit::One(event)
    }

    /// Tables in a labelled, scrollable region, with `scope` on header cells and
    /// alignment as classes; each cell's words are a label of their own.
    /// The event is written in `size` bytes of the source from `offset`.
    fn table_event(&mut self, w: &mut Walk<'a>, event: Event<'a>, at: (usize, usize)) -> Emit<'a> {
        // Fixed tags are borrowed, not made: a table writes one for every cell.
        let html: CowStr<'a> = match event {
            Event::Start(Tag::Table(a)) => {
                if w.no_prose == 0 {
                    w.table_ignore = std::mem::take(&mut w.pending_ignore);
                }
                w.tables += 1;
                w.aligns = a;
                self.places.add(super::places::Key::Table, at.0);
                format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Table {}\"><table>\n", w.tables).into()
            }
            Event::End(TagEnd::Table) => {
                w.table_ignore.clear();
                CowStr::Borrowed("</tbody></table></div>\n")
            }
            Event::Start(Tag::TableHead) => {
                w.rows += 1;
                w.in_head = true;
                w.cell = 0;
                CowStr::Borrowed("<thead><tr>")
            }
            Event::End(TagEnd::TableHead) => {
                w.in_head = false;
                CowStr::Borrowed("</tr></thead>\n<tbody>\n")
            }
            Event::Start(Tag::TableRow) => {
                w.rows += 1;
                w.cell = 0;
                CowStr::Borrowed("<tr>")
            }
            Event::End(TagEnd::TableRow) => CowStr::Borrowed("</tr>\n"),
            Event::Start(Tag::TableCell) => CowStr::Borrowed(self.cell_start(w, at)),
            Event::End(TagEnd::TableCell) => {
                self.end_label();
                if w.prose() == Some(true) {
                    // A cell of a table in quoted speech is quoted speech (`cell_start`).
                    self.end_block(BlockKind::Paragraph);
                }
                w.cell += 1;
                CowStr::Borrowed(if w.in_head { "</th>" } else { "</td>" })
            }
            other => return Emit::One(other),
        };
        Emit::One(Event::Html(html))
    }

    /// A table cell's start tag; its words are read as a label.
    fn cell_start(&mut self, w: &mut Walk<'a>, at: (usize, usize)) -> &'static str {
        // A quote left open in one cell ends with its cell.
        w.inline_quotes = QuoteTracker::default();
        let tag = match (w.in_head, w.aligns.get(w.cell)) {
            (true, Some(Alignment::Left)) => "<th scope=\"col\" class=\"align-left\">",
            (true, Some(Alignment::Center)) => "<th scope=\"col\" class=\"align-center\">",
            (true, Some(Alignment::Right)) => "<th scope=\"col\" class=\"align-right\">",
            (true, _) => "<th scope=\"col\">",
            (false, Some(Alignment::Left)) => "<td class=\"align-left\">",
            (false, Some(Alignment::Center)) => "<td class=\"align-center\">",
            (false, Some(Alignment::Right)) => "<td class=\"align-right\">",
            (false, _) => "<td>",
        };
        match w.prose() {
            Some(false) => {
                let ignore = w.table_ignore.clone();
                self.start_label(BlockKind::Cell { row: w.rows }, at, &ignore);
            }
            Some(true) => {
                let mut ignore = w.quote_ignore.clone();
                self.start_block(BlockKind::Paragraph, at, &mut ignore, Some(true));
            }
            None => {}
        }
        tag
    }

    /// A link: its address resolved (a page's `.md` path becomes its web address), and
    /// in safe mode a script address removed.
    fn link_start(
        &mut self,
        w: &mut Walk<'a>,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        offset: usize,
    ) -> Emit<'a> {
        w.in_link += 1;
        let scripted = crate::markdown::sanitize::is_script_address(&dest_url);
        let dest = if self.links.safe && scripted {
            self.removed_at(offset, &crate::markdown::sanitize::removed_link_address());
            CowStr::from("#")
        } else {
            self.resolve(&dest_url, offset, link_type, false)
        };
        self.places.open_link(&dest, offset);
        Emit::One(Event::Start(Tag::Link {
            link_type,
            dest_url: dest,
            title,
            id,
        }))
    }

    /// An image: its alt text is gathered (and checked when it ends); a photo of the
    /// site becomes a `<picture>`.
    fn image_start(
        &mut self,
        w: &mut Walk<'a>,
        link_type: LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        (offset, size): (usize, usize),
    ) -> Emit<'a> {
        let mut emit = Emit::Nothing;
        w.image_alt = Some((String::new(), offset));
        if self.links.source_marks {
            emit.push(self.source_mark(offset, "image"));
        }
        // Alt text is a label of its own, unless the image is in a table cell, whose
        // words it joins.
        w.alt_label = w.no_prose == 0 && self.label.is_none();
        if w.alt_label {
            let ignore = self.current.as_ref().map(|b| b.ignore.clone());
            let at = (offset, size);
            self.start_label(BlockKind::Label, at, &ignore.unwrap_or_default());
        }
        let dest = self.resolve(&dest_url, offset, link_type, true);
        self.places
            .add(super::places::Key::Image(dest.to_string()), offset);
        w.images_seen += 1;
        w.decorative = picture::is_decorative(&title);
        let title = if w.decorative {
            CowStr::Borrowed("")
        } else {
            title
        };
        w.picture = self.picture(&dest_url, &dest, &title, w.images_seen > 1);
        if w.picture.is_none() {
            emit.push(Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            }));
        }
        emit
    }

    /// The title of a link or an image (`[text](address "title")`), which readers see
    /// as a tooltip: a label of the page, at its place in the link's own source
    /// (`source`, read at `offset`), where it is written last. A title written with
    /// escapes or in a reference definition elsewhere is not placed, so not checked.
    fn title_label(&mut self, title: &str, source: &str, offset: usize) {
        if title.trim().is_empty() {
            return;
        }
        let Some(at) = source.rfind(title) else {
            return;
        };
        let ignore = self.current.as_ref().map(|b| b.ignore.clone());
        let mut label = ProseBlock {
            kind: BlockKind::Label,
            text: title.to_string(),
            map: vec![(0, offset + at)],
            start_offset: offset + at,
            ignore: ignore.unwrap_or_default(),
            level: 0,
        };
        label.drop_invisible();
        self.out.labels.push(label);
    }

    /// The words of the attributes of a tag in running text that a reader sees or hears
    /// (`<abbr title>`, `<img alt>`, `aria-label`, `placeholder`), each a label at its
    /// place in the file; `html` is the tag as the parser hands it over, read from
    /// `source` at `offset`. The words between the tags are the Markdown's own, read as
    /// its text.
    fn inline_attribute_labels(&mut self, html: &str, source: &str, offset: usize) {
        if !html.contains('=') {
            return;
        }
        let Some(tag) = reader_text::Gathered::inline(html, source, offset) else {
            return;
        };
        let within = self.label.as_ref().or(self.current.as_ref());
        let ignore = within.map(|b| b.ignore.clone()).unwrap_or_default();
        self.out.labels.extend(tag.attribute_labels(&ignore));
    }

    fn image_end(&mut self, w: &mut Walk<'a>) -> Emit<'a> {
        let alt = w.image_alt.take();
        match (&alt, std::mem::take(&mut w.decorative)) {
            (Some((alt, at)), false) => self.check_alt(alt, *at),
            (Some((alt, at)), true) if !alt.trim().is_empty() => {
                let (message, help) = picture::DECORATIVE_WITH_ALT;
                self.rule_at(*at, Rule::AltText, message, help);
            }
            _ => {}
        }
        if std::mem::take(&mut w.alt_label) {
            self.end_label();
        }
        let mut emit = match (w.picture.take(), alt) {
            (Some(p), Some((alt, _))) => Emit::One(Event::InlineHtml(p.html(&alt).into())),
            _ => Emit::One(Event::End(TagEnd::Image)),
        };
        if self.links.source_marks {
            emit.push(Event::InlineHtml("</span>".into()));
        }
        emit
    }

    /// A quotation mark that smart punctuation made of a straight double quote (`"`), as
    /// the page's language writes it (theme words `quote_open` and `quote_close`: « » in
    /// French); any other text as it is. Marks the author typed (“ or «), code and link
    /// titles stay as written.
    fn quote_mark(&self, t: CowStr<'a>, range: Range<usize>, body: &str) -> CowStr<'a> {
        if body.get(range) != Some("\"") {
            return t;
        }
        let key = match &*t {
            "\u{201c}" => "quote_open",
            "\u{201d}" => "quote_close",
            _ => return t,
        };
        match self.links.strings.get(key) {
            mark if mark == &*t || mark == key => t,
            mark => CowStr::from(mark.to_string()),
        }
    }

    /// Text: gathered into a notes or chart block, or an image's alt text; otherwise
    /// the page's prose, with its glossary terms linked.
    fn text(&mut self, w: &mut Walk<'a>, t: CowStr<'a>, offset: usize) -> Emit<'a> {
        if let Some(text) = w.notes_block.as_mut() {
            text.push_str(&t);
            return Emit::Nothing;
        }
        if let Some((yaml, _)) = w.chart_block.as_mut() {
            yaml.push(&t, offset);
            return Emit::Nothing;
        }
        self.places.link_words(&t);
        if let Some((alt, _)) = w.image_alt.as_mut() {
            alt.push_str(&t);
            if w.no_prose == 0 && self.label.is_some() {
                self.push_prose(&t, offset, false);
            }
            return if w.picture.is_none() {
                Emit::One(Event::Text(t))
            } else {
                Emit::Nothing
            };
        }
        if let Some(Pending::Heading { text, .. }) = w.stack.last_mut() {
            text.push_str(&t);
        }
        if let Some(quoted) = w.prose() {
            self.push_prose(&t, offset, quoted);
        }
        self.prose_text(w, t, offset)
    }

    /// The page's running text, with glossary terms linked: never inside links,
    /// headings or code (code is not even looked at). Quoted words (a plain block
    /// quote) and passages the author turned linking off for are left as written.
    fn prose_text(&mut self, w: &mut Walk<'a>, t: CowStr<'a>, offset: usize) -> Emit<'a> {
        let linking = self
            .links
            .glossary
            .filter(|_| !self.src.rel.eq_ignore_ascii_case("glossary.md"));
        let can_link = w.in_link == 0 && !w.in_heading && !w.in_head;
        let as_written = w.no_glossary || w.quotes.iter().any(|&plain| plain);
        // The quotation marks matter only to the glossary: without one they are not read.
        let event = match linking.and_then(|g| {
            let quoted = w.inline_quotes.spans(&t);
            (!w.in_code && !as_written)
                .then(|| g.process(&t, &mut self.glossary, can_link, &quoted))
                .flatten()
        }) {
            Some(html) => Event::InlineHtml(html.into()),
            None => Event::Text(t),
        };
        if !(self.links.source_marks && w.no_prose == 0) {
            return Emit::One(event);
        }
        let open = self.source_mark(offset, "text");
        Emit::Many(vec![open, event, Event::InlineHtml("</span>".into())])
    }

    /// Inline code: part of an image's alt text or a heading's words, never checked.
    fn code(&mut self, w: &mut Walk<'a>, t: CowStr<'a>) -> Emit<'a> {
        self.places.link_words(&t);
        if let Some((alt, _)) = w.image_alt.as_mut() {
            alt.push_str(&t);
            if w.picture.is_some() {
                return Emit::Nothing;
            }
        }
        if let Some(Pending::Heading { text, .. }) = w.stack.last_mut() {
            text.push_str(&t);
        }
        Emit::One(Event::Code(t))
    }
}
