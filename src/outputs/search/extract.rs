//! The searchable text of a rendered page: what a reader sees in its `<main>`, cut into
//! sections at each heading (and each glossary term, a `<dt>` with an id), each with the
//! anchor a result links to and its sentences. Navigation, scripts, pictures drawn in
//! SVG, hidden marks and what a template marks `data-search="skip"` (what every page
//! repeats, such as "cite this page") are left out. The page is not parsed again: a
//! [`Reader`] is shown its tags and text by the scan that rewrites the page's links
//! ([`crate::text::html_scan::scan_and_rewrite_with`]), and decodes the text's
//! character references with that module's decoder.

use std::borrow::Cow;

use super::Word;
use crate::text::eight;

/// The sections of a page (the parts between two headings), one after another in one
/// string, each as the sentence file writes it: the JSON array of its heading's text
/// (empty for the text before the first heading), the id a result links to (the
/// heading's own, or the nearest enclosing one), then its sentences, without the
/// closing `]`. The text is escaped once, while the page is read, into one string per
/// page: most of what search costs a build is going over the site's text, and text in
/// one place is read faster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sections {
    json: String,
    parts: Vec<Part>,
    /// Sections whose text is in a sentence file already and was dropped
    /// ([`Sections::forget`]): they still count.
    gone: usize,
}

/// Where a section is in [`Sections::json`]; the others are from its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Part {
    start: usize,
    /// Where its heading's string ends.
    heading_end: usize,
    /// Where its sentences start.
    text_start: usize,
    /// Bytes of visible text: the heading's and the sentences', unescaped.
    text_bytes: usize,
}

impl Sections {
    /// The same sections in memory of their own size (a string grows to up to twice
    /// its length): a build keeps a page's sections until its sentence file is written.
    pub fn shrunk(self) -> Sections {
        Sections {
            json: self.json.as_str().into(),
            parts: self.parts.as_slice().into(),
            gone: self.gone,
        }
    }

    /// The sections without their text, counted only (see [`Sections::forget`]).
    pub fn counted(mut self) -> Sections {
        self.forget();
        self
    }

    /// Drops the sections' text, which a sentence file has (see
    /// [`super::SentenceFiles`]); they still count in [`Sections::len`].
    pub fn forget(&mut self) {
        self.gone += self.parts.len();
        self.parts = Vec::new();
        self.json = String::new();
    }

    /// Starts a section. The one before is kept only if it has a heading or sentences.
    pub fn start(&mut self, heading: &str, anchor: &str) {
        self.drop_empty_last();
        let start = self.json.len();
        self.json.push('[');
        push_json(&mut self.json, heading);
        let heading_end = self.json.len() - start;
        self.json.push(',');
        push_json(&mut self.json, anchor);
        self.parts.push(Part {
            start,
            heading_end,
            text_start: self.json.len() - start,
            text_bytes: heading.len(),
        });
    }

    /// Adds a sentence to the last section (to a first one without heading if none).
    pub fn push_sentence(&mut self, sentence: &str) {
        if self.parts.is_empty() {
            self.start("", "");
        }
        self.json.push(',');
        push_json(&mut self.json, sentence);
        if let Some(last) = self.parts.last_mut() {
            last.text_bytes += sentence.len();
        }
    }

    /// Opens a sentence in the last section (in a first one without heading if none);
    /// its text follows through [`Sections::push_text`], then [`Sections::close_sentence`].
    fn open_sentence(&mut self) {
        if self.parts.is_empty() {
            self.start("", "");
        }
        self.json.push_str(",\"");
    }

    /// Text of the open sentence, escaped as JSON (`clean`: it has nothing to escape).
    fn push_text(&mut self, text: &str, clean: bool) {
        if clean {
            self.json.push_str(text);
        } else {
            push_escaped(&mut self.json, text);
        }
        if let Some(last) = self.parts.last_mut() {
            last.text_bytes += text.len();
        }
    }

    fn close_sentence(&mut self) {
        self.json.push('"');
    }

    fn drop_empty_last(&mut self) {
        let Some(&last) = self.parts.last() else {
            return;
        };
        let no_heading = last.heading_end == "[\"\"".len();
        if no_heading && last.start + last.text_start == self.json.len() {
            self.json.truncate(last.start);
            self.parts.pop();
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Section<'_>> {
        self.parts.iter().enumerate().map(|(i, part)| {
            let end = self.parts.get(i + 1).map_or(self.json.len(), |p| p.start);
            Section {
                json: self.json.get(part.start..end).unwrap_or_default(),
                part: *part,
            }
        })
    }

    /// How many sections, those forgotten too.
    pub fn len(&self) -> usize {
        self.gone + self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One section of [`Sections`].
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    json: &'a str,
    part: Part,
}

impl<'a> Section<'a> {
    /// The section's JSON array without its closing `]`.
    pub fn json(&self) -> &'a str {
        self.json
    }

    pub fn text_bytes(&self) -> usize {
        self.part.text_bytes
    }

    /// The heading's JSON string (flag 1) and the sentences' (flag 0): their words are
    /// those [`json_words`] reads from them as written, as quotes, commas and escapes
    /// all separate words as the characters they stand for do.
    pub fn texts(&self) -> [(&'a str, usize); 2] {
        let heading = self.json.get(..self.part.heading_end).unwrap_or_default();
        let text = self.json.get(self.part.text_start..).unwrap_or_default();
        [(heading, 1), (text, 0)]
    }

    /// The heading, the anchor and the sentences, decoded.
    #[cfg(test)]
    pub fn parts(&self) -> Vec<String> {
        serde_json::from_str(&format!("{}]", self.json)).unwrap()
    }
}

/// A string written as JSON, as `serde_json` writes it.
pub(super) fn push_json(out: &mut String, text: &str) {
    out.push('"');
    push_escaped(out, text);
    out.push('"');
}

/// The inside of a JSON string, as `serde_json` writes it (escapes are per character, so
/// pieces of a text escaped one by one give the text escaped). Most text has nothing to
/// escape and is copied as it is.
fn push_escaped(out: &mut String, text: &str) {
    if !needs_escape(text) {
        out.push_str(text);
        return;
    }
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into());
    out.push_str(json.get(1..json.len() - 1).unwrap_or_default());
}

/// Whether JSON escapes a character of `text`.
fn needs_escape(text: &str) -> bool {
    // Every byte is tested (no early exit), which the compiler does 16 or 32 at a time.
    text.bytes()
        .fold(false, |e, b| e | (b < 0x20) | (b == b'"') | (b == b'\\'))
}

/// What a byte of JSON string text is to [`json_words`] (a word's bytes are the
/// classes with the low bit set).
const SEPARATOR: u8 = 0;
/// An ASCII letter or digit.
const WORD: u8 = 1;
/// `\`, which starts an escape (`\"`, `\\`, `\n`, `\u0001`...).
const ESCAPE: u8 = 2;
/// A byte of a character beyond ASCII: it may belong to a word or not.
const HIGH: u8 = 3;

/// [`SEPARATOR`], [`WORD`], [`ESCAPE`] or [`HIGH`], by byte.
const JSON_BYTES: [u8; 256] = {
    let mut table = [HIGH; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table[b'\\' as usize] = ESCAPE;
    table
};

/// The words of JSON text as written (escaped), in order, as bytes with their [`Word`]
/// (the numbers the index finds a word by): those
/// [`words::raw_terms`](super::words::raw_terms) cuts from the text between its escapes.
/// Each escape stands for a character that separates words (a quote, a backslash, a
/// control character), so no word spans one. A run of ASCII letters and digits is a
/// word as it is, and its `Word` one or two loads of eight of the text's bytes; only a
/// run with bytes beyond ASCII is given to `raw_terms`, which knows which characters
/// are letters and cuts Chinese into pairs. Every word starts and ends at a character
/// boundary (an ASCII byte or the text's end), so an ASCII word, most words, is cut
/// from the bytes without testing that again.
///
/// The text is classified 64 bytes at a time into bit masks (SSE2 on x86_64, a byte
/// loop elsewhere), and each word is then found with a few operations on those masks,
/// not by a test per byte: about a word in every six bytes of a site's text. Each word
/// is given to `each`, not returned by an iterator, and its work is inlined (see
/// [`EachWord`]): the chunk's masks then stay in the processor's registers from one word
/// to the next, where an iterator's state went through memory at each word (a site has
/// about a million words).
#[inline(always)]
pub(super) fn json_words<'a>(text: &'a str, each: &mut impl EachWord<'a>) {
    let bytes = text.as_bytes();
    // Where the last escape met ends: an escape's letters and digits (`\n`, `\u0001`)
    // are not a word, and a backslash it holds (`\\`) starts none.
    let mut escaped_to = 0;
    let mut next = 0;
    while next < bytes.len() {
        let at = next;
        next = at + CHUNK;
        // The chunk's word bytes not given yet (its first byte lowest), and its bytes
        // beyond ASCII.
        let (mut words, high) = chunk_words(bytes, at, &mut escaped_to);
        while words != 0 {
            // The lowest run of word bytes, cleared by adding its lowest bit. It ends at
            // an ASCII separator or escape (or the end): a character boundary, and one
            // raw_terms separates at.
            let after = words & words.wrapping_add(words & words.wrapping_neg());
            let run = words ^ after;
            words = after;
            let start = at + run.trailing_zeros() as usize;
            let mut end = at + CHUNK - run.leading_zeros() as usize;
            let mut beyond = high & run != 0;
            if run >> (CHUNK - 1) != 0 {
                // The word may go on in the next chunk: the rest of it is read here,
                // and the next chunk starts after it. Bytes beyond ASCII are word
                // bytes (escapes hold none), so a character cut by the chunk's end is
                // read here whole, and no chunk starts inside one.
                while let Some(&b) = bytes.get(end) {
                    let class = JSON_BYTES[usize::from(b)];
                    if class & 1 == 0 {
                        break;
                    }
                    beyond |= class == HIGH;
                    end += 1;
                }
                next = end;
            }
            if !beyond {
                let word = bytes.get(start..end).unwrap_or_default();
                each.word(word, ascii_word(bytes, start, end));
                continue;
            }
            for word in super::words::raw_terms(text.get(start..end).unwrap_or_default()) {
                each.word(word.as_bytes(), Word::of(word.as_bytes()));
            }
        }
    }
}

/// What is done with each word [`json_words`] reads. A trait, not a closure, so that
/// an implementation can ask for its work to be inlined at both places `json_words`
/// gives a word (`#[inline(always)]`): a closure's body was called, not inlined.
pub(super) trait EachWord<'a> {
    fn word(&mut self, raw: &'a [u8], word: Word);
}

/// The bytes in a chunk of [`json_words`].
const CHUNK: usize = 64;

/// The masks of a chunk: its word bytes, those beyond ASCII, its backslashes.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn classify(chunk: &[u8; CHUNK]) -> (u64, u64, u64) {
    // SAFETY: compiled only when the target enables SSE2 (the `cfg` above), so the
    // processor running this has it.
    unsafe { classify_sse2(chunk) }
}

/// [`classify`] 16 bytes at a time: a byte is a letter when, made lower case and
/// moved so that `a` is -128, it is below -102 (a signed comparison); a digit likewise;
/// a byte beyond ASCII has its top bit, which `movemask` gathers as it is.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn classify_sse2(chunk: &[u8; CHUNK]) -> (u64, u64, u64) {
    use std::arch::x86_64::{
        _mm_add_epi8, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_set_epi64x,
    };
    let (mut words, mut high, mut escapes) = (0u64, 0u64, 0u64);
    for (k, part) in chunk.chunks_exact(16).enumerate() {
        let half = |at: usize| eight(part, at) as i64;
        let v = _mm_set_epi64x(half(8), half(0));
        let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_cmplt_epi8(
            _mm_add_epi8(lower, _mm_set1_epi8(0x1f)),
            _mm_set1_epi8(-102),
        );
        let digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x50)), _mm_set1_epi8(-118));
        let mask = |m| u64::from(_mm_movemask_epi8(m) as u16) << (16 * k);
        let beyond = mask(v);
        words |= mask(_mm_or_si128(letter, digit)) | beyond;
        high |= beyond;
        escapes |= mask(_mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8)));
    }
    (words, high, escapes)
}

/// The masks of a chunk: its word bytes, those beyond ASCII, its backslashes, a byte
/// at a time (processors without SSE2; the tests compare it with the other).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn classify_bytes(chunk: &[u8; CHUNK]) -> (u64, u64, u64) {
    let (mut words, mut high, mut escapes) = (0u64, 0u64, 0u64);
    for (i, &b) in chunk.iter().enumerate() {
        let class = JSON_BYTES[usize::from(b)];
        words |= u64::from(class & 1) << i;
        high |= u64::from(class == HIGH) << i;
        escapes |= u64::from(class == ESCAPE) << i;
    }
    (words, high, escapes)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use classify_bytes as classify;

/// The `len` bits from bit `from` (those past 64 left out).
#[inline(always)]
fn bits(from: usize, len: usize) -> u64 {
    let ones = u64::MAX
        .checked_shr(64u32.saturating_sub(len as u32))
        .unwrap_or(0);
    ones.checked_shl(from as u32).unwrap_or(0)
}

/// The [`Word`] of the ASCII word `bytes[start..end]`, read from the text around it:
/// the word's own bytes, or its first and last eight.
#[inline(always)]
fn ascii_word(bytes: &[u8], start: usize, end: usize) -> Word {
    match end - start {
        len @ 0..=8 => {
            let mask = u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
            Word::new(len, eight(bytes, start) & mask, 0)
        }
        len @ 9..=16 => Word::new(len, eight(bytes, start), eight(bytes, end - 8)),
        _ => Word::of(bytes.get(start..end).unwrap_or_default()),
    }
}

/// The chunk of `bytes` at `at` (spaces past the end) classified: its word bytes, with
/// its escapes (and the rest of one from the chunk before, up to `escaped_to`) cleared,
/// and its bytes beyond ASCII.
#[inline(always)]
fn chunk_words(bytes: &[u8], at: usize, escaped_to: &mut usize) -> (u64, u64) {
    let chunk = match bytes.get(at..at + CHUNK) {
        Some(full) => <[u8; CHUNK]>::try_from(full).unwrap_or([b' '; CHUNK]),
        None => {
            let rest = bytes.get(at..).unwrap_or_default();
            let mut chunk = [b' '; CHUNK];
            if let Some(to) = chunk.get_mut(..rest.len()) {
                to.copy_from_slice(rest);
            }
            chunk
        }
    };
    let (mut words, high, mut escapes) = classify(&chunk);
    words &= !bits(0, escaped_to.saturating_sub(at));
    while escapes != 0 {
        let bit = escapes.trailing_zeros() as usize;
        escapes &= escapes - 1;
        if at + bit < *escaped_to {
            continue;
        }
        let len = if bytes.get(at + bit + 1) == Some(&b'u') {
            6
        } else {
            2
        };
        *escaped_to = at + bit + len;
        words &= !bits(bit, len);
    }
    (words, high)
}

/// [`json_words`] as text.
#[cfg(test)]
fn json_terms(text: &str) -> impl Iterator<Item = &str> {
    struct Terms<'a>(Vec<&'a str>);
    impl<'a> EachWord<'a> for Terms<'a> {
        fn word(&mut self, raw: &'a [u8], word: Word) {
            assert!(word == Word::of(raw), "{raw:?}");
            self.0.push(std::str::from_utf8(raw).unwrap_or_default());
        }
    }
    let mut terms = Terms(Vec::new());
    json_words(text, &mut terms);
    terms.0.into_iter()
}

/// The parts of JSON text between its escapes (`\"`, `\\`, `\n`, `\u0001`...): the
/// way words were read from it before [`json_words`], kept as its oracle.
#[cfg(test)]
fn unescaped_parts(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(at) = memchr::memchr(b'\\', rest.as_bytes()) else {
            return Some(std::mem::take(&mut rest));
        };
        let part = rest.get(..at)?;
        let len = if rest.as_bytes().get(at + 1) == Some(&b'u') {
            6
        } else {
            2
        };
        rest = rest.get(at + len..).unwrap_or_default();
        Some(part)
    })
}

/// What an element is to the search, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Its content is not searched (the name as a constant).
    Skipped(&'static str),
    /// Not searched when hidden (`aria-hidden="true"`, `hidden`).
    Span,
    /// `h1` to `h6`, by level.
    Heading(u8),
    /// A glossary term when it has an id, else a block.
    Dt,
    Img,
    /// It ends a run of text (a sentence never spans two of them).
    Block,
    /// A block whose end tag HTML requires (not `<p>`, `<li>`, the table's cells and
    /// rows or `<caption>`, whose end tags may be left out, nor `<hr>` or `<br>`, which
    /// have none): what a theme marks `data-search="skip"` is left out with all it
    /// holds, up to that end.
    Container,
    Other,
}

/// One look at the name decides all a tag is to the search. The short names, most
/// tags, are matched byte by byte (a decision tree, not a string compared with each).
fn kind(name: &str) -> Kind {
    match name.as_bytes() {
        [b'p']
        | [b'l', b'i']
        | [b'd', b'd']
        | [b't', b'd' | b'h' | b'r']
        | [b'b', b'r']
        | [b'h', b'r'] => Kind::Block,
        [b'd', b'l']
        | [b'u' | b'o', b'l']
        | [b'd', b'i', b'v']
        | [b'p', b'r', b'e']
        | [b'm', b'e', b'n', b'u'] => Kind::Container,
        [b'd', b't'] => Kind::Dt,
        [b'h', d @ b'1'..=b'6'] => Kind::Heading(d - b'0'),
        [b'i', b'm', b'g'] => Kind::Img,
        [b's', b'p', b'a', b'n'] => Kind::Span,
        [b'n', b'a', b'v'] => Kind::Skipped("nav"),
        [b's', b'v', b'g'] => Kind::Skipped("svg"),
        [b'f', b'o', b'r', b'm'] => Kind::Skipped("form"),
        [_] | [_, _] | [_, _, _] | [_, _, _, _] => Kind::Other,
        _ => match name {
            "script" => Kind::Skipped("script"),
            "style" => Kind::Skipped("style"),
            "noscript" => Kind::Skipped("noscript"),
            "template" => Kind::Skipped("template"),
            "button" => Kind::Skipped("button"),
            "select" => Kind::Skipped("select"),
            "caption" => Kind::Block,
            "section" | "article" | "blockquote" | "table" | "aside" | "header" | "footer"
            | "details" | "summary" | "figure" | "figcaption" | "address" | "hgroup" | "search"
            | "fieldset" | "dialog" => Kind::Container,
            _ => Kind::Other,
        },
    }
}

/// The sections of the `<main>` element of `html`, read on their own (a build reads
/// them with a [`Reader`] while it rewrites the page's links).
#[cfg(test)]
fn sections(html: &str) -> Sections {
    let mut reader = Reader::new(html);
    let rewrite = crate::text::html_scan::Rewrite {
        page_url: "/",
        base_path: "",
        portable: false,
        relative: false,
    };
    crate::text::html_scan::scan_and_rewrite_with(html, &rewrite, &mut reader);
    reader.finish()
}

/// Reads a page's sections from the pieces of markup and text the page's one scan
/// ([`scan_and_rewrite_with`](crate::text::html_scan::scan_and_rewrite_with)) shows it:
/// the page's tags are found once for both.
pub struct Reader {
    /// The inside of `<main ...>...</main>` (empty when the page has none).
    main: std::ops::Range<usize>,
    scan: Scan,
}

impl Reader {
    /// A reader of the page `html` (it is told its pieces afterwards).
    pub fn new(html: &str) -> Self {
        let main = main_part(html).unwrap_or(0..0);
        let mut scan = Scan::default();
        // The sections' text is less than the markup it is read from: one allocation,
        // not one for each doubling of a page's text.
        scan.sections.json.reserve(main.len());
        Reader { main, scan }
    }

    /// The sections read.
    pub fn finish(self) -> Sections {
        if self.main.is_empty() {
            return Sections::default();
        }
        self.scan.finish()
    }
}

impl crate::text::html_scan::Walk for Reader {
    fn text(&mut self, at: usize, text: &str) {
        // Only what is inside `<main>`: both its ends are at ASCII bytes.
        let end = at + text.len();
        if at >= self.main.start && end <= self.main.end {
            // Most text: all of it inside.
            return self.scan.text(text);
        }
        if end <= self.main.start || at >= self.main.end {
            return;
        }
        let from = self.main.start.saturating_sub(at);
        let to = text.len() - end.saturating_sub(self.main.end);
        self.scan.text(text.get(from..to).unwrap_or_default());
    }

    fn start(&mut self, at: usize, name: &str, markup: &str) {
        if self.main.contains(&at) {
            self.scan.tag(name, false, markup);
        }
    }

    fn end(&mut self, at: usize, name: &str) {
        if self.main.contains(&at) {
            self.scan.tag(name, true, "");
        }
    }
}

/// Where the inside of `<main ...>...</main>` is.
fn main_part(html: &str) -> Option<std::ops::Range<usize>> {
    let start = memchr::memmem::find(html.as_bytes(), b"<main")?;
    let open_end = start + memchr::memchr(b'>', &html.as_bytes()[start..])? + 1;
    let end = memchr::memmem::rfind(&html.as_bytes()[open_end..], b"</main>")
        .map_or(html.len(), |e| open_end + e);
    Some(open_end..end)
}

#[derive(Default)]
struct Scan {
    sections: Sections,
    /// The anchor of the current section.
    anchor: String,
    /// Text of the block being read, as written in the HTML.
    block: String,
    /// The block's text decoded, kept to reuse its memory.
    decoded: String,
    /// The block's text decoded and its white space folded (or the sentence being
    /// read), kept likewise.
    folded: String,
    /// The heading being read: its level (7 for a glossary term) and id.
    heading: Option<(u8, String)>,
    /// The level of the heading that gave the current anchor.
    anchor_level: u8,
    /// Depth inside skipped elements and the name that opened the outermost one.
    skip: Option<(Cow<'static, str>, usize)>,
}

impl Scan {
    fn text(&mut self, raw: &str) {
        // The white space between two blocks' tags (a template's line breaks, most of a
        // page's pieces of text) is not copied: a block's white space before its first
        // word is folded away.
        if self.skip.is_some() || (self.block.is_empty() && is_blank(raw)) {
            return;
        }
        self.block.push_str(raw);
    }

    /// Whether the start tag `tag` (an element `name` of `kind`) opens what search
    /// leaves out with all it holds; if so, the skip starts.
    fn starts_skip(&mut self, kind: Kind, name: &str, tag: &str) -> bool {
        let hidden = || tag.contains("aria-hidden=\"true\"") || tag.contains(" hidden");
        let skip = match kind {
            Kind::Skipped(skip) => Cow::Borrowed(skip),
            Kind::Span if hidden() => Cow::Borrowed("span"),
            // What every page repeats (the "cite this page" block, the list of pages on
            // a home page) is left out where the theme says so. It ends the block before
            // it, as any block does. Most blocks have no attribute (`<ul>`) and are not
            // looked up.
            Kind::Container
                if tag.len() > name.len() + 2
                    && attribute(tag, SEARCH).as_deref() == Some("skip") =>
            {
                if self.heading.is_none() {
                    self.end_block();
                }
                Cow::Owned(name.to_string())
            }
            _ => return false,
        };
        self.skip = Some((skip, 1));
        true
    }

    /// A start tag (its markup `tag`) or an end tag, `name` in lower case.
    fn tag(&mut self, name: &str, closing: bool, tag: &str) {
        let empty = tag.ends_with("/>");
        if let Some((skipped, depth)) = &mut self.skip {
            if *skipped == name && !empty {
                if closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        let kind = kind(name);
        if !closing && !empty && self.starts_skip(kind, name, tag) {
            return;
        }
        // A glossary term (`<dt id=...>`) counts as a heading below all others.
        let level = match kind {
            Kind::Heading(level) => Some(level),
            Kind::Dt if closing || attribute(tag, ID).is_some() => Some(7),
            _ => None,
        };
        match (level, closing) {
            (Some(_), true) if self.heading.is_some() => self.end_heading(),
            (Some(level), false) => {
                self.end_block();
                self.heading = Some((level, attribute(tag, ID).unwrap_or_default()));
            }
            _ if kind == Kind::Img => {
                if let Some(alt) = attribute(tag, ALT) {
                    self.block.push(' ');
                    self.block.push_str(&alt);
                    self.block.push(' ');
                }
            }
            _ if self.heading.is_none()
                && matches!(kind, Kind::Block | Kind::Container | Kind::Dt) =>
            {
                self.end_block()
            }
            _ => {}
        }
    }

    /// The block's text decoded with its white space folded, in `self.folded`; the
    /// block is emptied.
    fn fold_block(&mut self) {
        self.folded.clear();
        if is_plain(&self.block) {
            // Single ASCII spaces, no reference: folding drops the first and last.
            let text = self.block.strip_prefix(' ').unwrap_or(&self.block);
            self.folded.push_str(text.strip_suffix(' ').unwrap_or(text));
            self.block.clear();
            return;
        }
        let text = if self.block.contains('&') {
            self.decoded.clear();
            crate::text::html_scan::decode_into(&self.block, &mut self.decoded);
            &self.decoded
        } else {
            &self.block
        };
        fold_space(text, &mut self.folded);
        self.block.clear();
    }

    /// A heading ends: the text read so far becomes its section's heading.
    fn end_heading(&mut self) {
        let Some((level, id)) = self.heading.take() else {
            return;
        };
        self.fold_block();
        if !id.is_empty() {
            self.anchor_level = level;
            self.anchor = id;
        } else if level <= self.anchor_level {
            self.anchor_level = 0;
            self.anchor.clear();
        }
        self.sections.start(&self.folded, &self.anchor);
    }

    fn end_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        // The spaces around an empty `alt` (`<img alt="">`), and what follows them.
        if is_blank(&self.block) {
            self.block.clear();
            return;
        }
        // Most blocks: nothing to decode or escape, single spaces; one test says so.
        if is_plain(&self.block) {
            push_folded_sentences(&self.block, true, &mut self.sections);
            self.block.clear();
            return;
        }
        let text = if memchr::memchr(b'&', self.block.as_bytes()).is_some() {
            self.decoded.clear();
            crate::text::html_scan::decode_into(&self.block, &mut self.decoded);
            &self.decoded
        } else {
            &self.block
        };
        push_sentences(text, &mut self.sections);
        self.block.clear();
    }

    fn finish(mut self) -> Sections {
        if self.heading.is_some() {
            self.end_heading();
        }
        self.end_block();
        self.sections.drop_empty_last();
        self.sections
    }
}

/// Whether `text` is only ASCII white space (or nothing).
fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_whitespace())
}

/// What starts the value of a tag's `id`, and of its `alt`.
const ID: &str = " id=\"";
const ALT: &str = " alt=\"";
/// `data-search="skip"`: an element a theme leaves out of search.
const SEARCH: &str = " data-search=\"";

/// The value of a double-quoted attribute of a tag, decoded (`start` is one of [`ID`],
/// [`ALT`]).
fn attribute(tag: &str, start: &str) -> Option<String> {
    // Tags are short: each space is tried (a substring search would first be built).
    let bytes = tag.as_bytes();
    let at = memchr::memchr_iter(b' ', bytes)
        .find(|&i| bytes[i..].starts_with(start.as_bytes()))?
        + start.len();
    let len = memchr::memchr(b'"', bytes.get(at..)?)?;
    Some(crate::text::html_scan::decode(tag.get(at..at + len)?))
}

/// The words of `text` (split at white space) joined by single spaces, added to `out`.
fn fold_space(text: &str, out: &mut String) {
    for (word, _) in words(text) {
        push_word(out, word);
    }
}

/// Bytes that may start a white space character: ASCII ones, and the first bytes of
/// the others (U+0085 and U+00A0, U+1680, U+2000 to U+205F, U+3000).
const MAYBE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The length of the white space character that starts `text`, 0 if none.
fn space_len(text: &str) -> usize {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() => usize::from(MAYBE_SPACE[usize::from(b)]),
        Some(&b) if MAYBE_SPACE[usize::from(b)] => text
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// The words of `text`, its runs of characters other than white space, each said to
/// be ASCII or not. Most text is ASCII: a byte is decoded as a character only when it
/// may start white space beyond ASCII.
fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            match space_len(rest) {
                0 => break,
                n => rest = rest.get(n..)?,
            }
        }
        let bytes = rest.as_bytes();
        let (mut end, mut high) = (0, 0);
        while let Some(&b) = bytes.get(end) {
            if MAYBE_SPACE[usize::from(b)] && space_len(rest.get(end..)?) > 0 {
                break;
            }
            high |= b;
            end += 1;
        }
        let (word, after) = rest.split_at(end);
        rest = after;
        (!word.is_empty()).then_some((word, high.is_ascii()))
    })
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// A block's text cut after each sentence's end mark.
#[cfg(test)]
fn sentences(text: &str) -> Vec<String> {
    let mut out = Sections::default();
    push_sentences(text, &mut out);
    out.iter().flat_map(|s| s.parts().split_off(2)).collect()
}

/// Whether the only white space of `text` is single ASCII spaces and its only marks a
/// sentence may end at are `.`, `!` and `?` (most blocks): no control character, no
/// two spaces in a row, no first byte of a white space character beyond ASCII (those
/// of [`MAYBE_SPACE`]) nor of a Chinese end mark (`。` starts like U+3000, `！` and `？`
/// with 0xEF). Every byte is tested, without an early exit, which the compiler does
/// many at a time.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let other = bytes.iter().fold(false, |e, &b| {
        e | (b < 0x20) | (b == 0xC2) | (b.wrapping_sub(0xE1) < 3) | (b == 0xEF)
    });
    !other && !has_double_space(bytes)
}

/// Whether a block's text as written in the HTML is [`is_folded`], has no character
/// reference (`&`) and nothing JSON escapes ([`needs_escape`]): most blocks. One test
/// of every byte, without an early exit, which the compiler does many at a time (a
/// block is short: a `memchr` for `&` cost more than this whole test).
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let other = bytes.iter().fold(false, |e, &b| {
        e | (b < 0x20)
            | (b == b'"')
            | (b == b'\\')
            | (b == b'&')
            | (b == 0xC2)
            | (b.wrapping_sub(0xE1) < 3)
            | (b == 0xEF)
    });
    !other && !has_double_space(bytes)
}

/// Whether two ASCII spaces follow each other in `bytes`.
fn has_double_space(bytes: &[u8]) -> bool {
    let next = bytes.get(1..).unwrap_or_default();
    bytes
        .iter()
        .zip(next)
        .fold(false, |e, (&a, &b)| e | ((a == b' ') & (b == b' ')))
}

/// [`push_sentences`] of a text [`is_folded`] accepts: without its first and last
/// space, its sentences end at each `.`, `!` or `?` that a space or the text's end
/// follows, and the space after one is dropped. The marks are found with `memchr`, not
/// byte by byte; a text whose first mark is its last byte, or that has none (most
/// blocks: one sentence), is one sentence after one search.
fn push_folded_sentences(text: &str, clean: bool, out: &mut Sections) {
    let text = text.strip_prefix(' ').unwrap_or(text);
    let text = text.strip_suffix(' ').unwrap_or(text);
    let bytes = text.as_bytes();
    let first = match memchr::memchr3(b'.', b'!', b'?', bytes) {
        Some(at) if at + 1 < bytes.len() => at,
        _ => {
            if !bytes.is_empty() {
                out.open_sentence();
                out.push_text(text, clean);
                out.close_sentence();
            }
            return;
        }
    };
    let after = bytes.get(first + 1..).unwrap_or_default();
    let others = memchr::memchr3_iter(b'.', b'!', b'?', after).map(|at| at + first + 1);
    let mut start = 0;
    for at in std::iter::once(first).chain(others) {
        let end = at + 1;
        if at >= start && bytes.get(end).is_none_or(|&b| b == b' ') {
            out.open_sentence();
            out.push_text(text.get(start..end).unwrap_or_default(), clean);
            out.close_sentence();
            start = end + 1;
        }
    }
    if start < bytes.len() {
        out.open_sentence();
        out.push_text(text.get(start..).unwrap_or_default(), clean);
        out.close_sentence();
    }
}

/// Bytes where [`push_spaced_sentences`] looks closer: white space (or the first byte of
/// a white space character beyond ASCII), `.`, `!` and `?`, and the first byte of the
/// Chinese end marks (`。` starts like U+3000, a space).
const STOPS: [bool; 256] = {
    let mut table = MAYBE_SPACE;
    table[b'.' as usize] = true;
    table[b'!' as usize] = true;
    table[b'?' as usize] = true;
    table[0xEF] = true;
    table
};

/// The sentences of a block's text, with its white space folded (its words joined by
/// one space), added to `out`. A sentence ends after a Chinese end mark, and after a
/// `.`, `!` or `?` that ends a word.
fn push_sentences(text: &str, out: &mut Sections) {
    // Most blocks have nothing to escape: their runs are then copied without a look.
    let clean = !needs_escape(text);
    if is_folded(text) {
        push_folded_sentences(text, clean, out);
    } else {
        push_spaced_sentences(text, clean, out);
    }
}

/// [`push_sentences`] of any text, in one pass, writing straight into the sentence
/// file's JSON: words that one space already separates are copied together.
fn push_spaced_sentences(text: &str, clean: bool, out: &mut Sections) {
    let bytes = text.as_bytes();
    // Where the text not yet written of the open sentence starts, if one is open.
    let mut run: Option<usize> = None;
    let mut i = 0;
    loop {
        // White space before a word (or at the end): one space keeps the run going, else it is folded.
        let space_start = i;
        while let Some(n) = text.get(i..).map(space_len).filter(|&n| n > 0) {
            i += n;
        }
        if i >= bytes.len() {
            if let Some(start) = run {
                out.push_text(text.get(start..space_start).unwrap_or_default(), clean);
                out.close_sentence();
            }
            return;
        }
        match run {
            Some(_) if i - space_start == 1 && bytes[space_start] == b' ' => {}
            Some(start) => {
                out.push_text(text.get(start..space_start).unwrap_or_default(), clean);
                out.push_text(" ", true);
                run = Some(i);
            }
            None => {
                out.open_sentence();
                run = Some(i);
            }
        }
        // The word, to the white space or the end that ends it; and the words after it
        // that one space separates, while a sentence is open (most text), without
        // going round the outer loop for each.
        while i < bytes.len() {
            while let Some(&b) = bytes.get(i) {
                let one_space = || {
                    b == b' '
                        && run.is_some()
                        && bytes
                            .get(i + 1)
                            .is_some_and(|&c| !MAYBE_SPACE[usize::from(c)])
                };
                if STOPS[usize::from(b)] && !one_space() {
                    break;
                }
                i += 1;
            }
            let rest = text.get(i..).unwrap_or_default();
            if rest.is_empty() || space_len(rest) > 0 {
                break;
            }
            let c = rest.chars().next().unwrap_or(' ');
            i += c.len_utf8();
            let ends = match c {
                '。' | '！' | '？' => true,
                '.' | '!' | '?' => text
                    .get(i..)
                    .is_none_or(|r| r.is_empty() || space_len(r) > 0),
                _ => false,
            };
            if let (true, Some(start)) = (ends, run) {
                out.push_text(text.get(start..i).unwrap_or_default(), clean);
                out.close_sentence();
                run = None;
                // The word goes on after a Chinese mark: a new sentence, no space.
                if text
                    .get(i..)
                    .is_some_and(|r| !r.is_empty() && space_len(r) == 0)
                {
                    out.open_sentence();
                    run = Some(i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_start_at_headings_and_keep_their_anchor() {
        let html = "<nav>Home</nav><main id=\"main\"><h1>Peer work</h1><p>Intro one. Intro two.</p>\
            <section aria-labelledby=\"k\"><h2 id=\"k\">Key &amp; messages</h2><ol><li><h3>Pay</h3><p>Paid fairly.</p></li></ol></section>\
            <h2>No id</h2><p>Text<svg><text>axis</text></svg> here</p></main><footer>x</footer>";
        let s = sections(html);
        let parts: Vec<Vec<String>> = s.iter().map(|s| s.parts()).collect();
        let summary: Vec<(&str, &str, Vec<&str>)> = parts
            .iter()
            .map(|p| {
                (
                    p[0].as_str(),
                    p[1].as_str(),
                    p[2..].iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Peer work", "", vec!["Intro one.", "Intro two."]),
                ("Key & messages", "k", vec![]),
                ("Pay", "k", vec!["Paid fairly."]),
                ("No id", "", vec!["Text here"]),
            ]
        );
    }

    #[test]
    fn a_heading_s_white_space_folds_whether_its_text_is_plain_or_not() {
        let html = "<main><h2 id=\"a\"> Pay gaps </h2><p>One.</p><h2 id=\"b\">\n Pay\tgaps &amp; more\n</h2>\
            <h2 id=\"c\"> </h2><p>Two.</p><h2 id=\"d\">Pay <em>gaps</em> </h2></main>";
        let headings: Vec<String> = sections(html)
            .iter()
            .map(|s| s.parts()[0].clone())
            .collect();
        assert_eq!(headings, ["Pay gaps", "Pay gaps & more", "", "Pay gaps"]);
    }

    #[test]
    fn what_a_template_marks_skip_is_left_out_with_all_it_holds() {
        let html = "<main><h1>Pay</h1><p>Paid fairly.</p>\
            <section data-search=\"skip\"><h2>More on this site</h2><section><p>Listed.</p></section><p>Also listed.</p></section>\
            <details class=\"cite-this\" data-search=\"skip\"><summary>Cite this page</summary><p>APA.</p></details>\
            <section data-search=\"keep\"><p>Kept too.</p></section><p>After.</p></main>";
        let parts: Vec<Vec<String>> = sections(html).iter().map(|s| s.parts()).collect();
        assert_eq!(
            parts,
            vec![vec![
                "Pay".to_string(),
                String::new(),
                "Paid fairly.".to_string(),
                "Kept too.".to_string(),
                "After.".to_string()
            ]]
        );
    }

    #[test]
    fn a_figure_a_template_marks_skip_is_left_out_and_a_figure_ends_the_sentence_before_it() {
        let html = "<main><p>Before<figure data-search=\"skip\"><p>Hidden words.</p></figure>\
            <p>Shown<figure><img alt=\"A chart\"></figure>After.</main>";
        assert_eq!(
            sentences_before_any_heading(html),
            ["Before", "Shown", "A chart", "After."]
        );
    }

    #[test]
    fn every_block_that_closes_a_paragraph_ends_its_sentence() {
        for name in ["address", "menu", "hgroup", "search", "fieldset", "dialog"] {
            let html = format!("<main><p>Write to us<{name}>1 Main Street</{name}>Thanks</main>");
            assert_eq!(
                sentences_before_any_heading(&html),
                ["Write to us", "1 Main Street", "Thanks"],
                "{name}"
            );
        }
    }

    /// The sentences of a page whose text is all before its first heading.
    fn sentences_before_any_heading(html: &str) -> Vec<String> {
        let parts: Vec<Vec<String>> = sections(html).iter().map(|s| s.parts()).collect();
        assert_eq!(parts.len(), 1, "{parts:?}");
        assert_eq!(
            parts[0][..2],
            [String::new(), String::new()],
            "heading, anchor"
        );
        parts[0][2..].to_vec()
    }

    #[test]
    fn a_skip_on_an_element_without_an_end_tag_is_ignored_and_the_rest_of_the_page_stays() {
        let html = "<main><p>First stays.</p><hr data-search=\"skip\"><p>Second stays.</p>\
            <p data-search=\"skip\">Third stays.<p>Fourth stays.<br data-search=\"skip\">Fifth stays.</main>";
        assert_eq!(
            sentences_before_any_heading(html),
            [
                "First stays.",
                "Second stays.",
                "Third stays.",
                "Fourth stays.",
                "Fifth stays."
            ]
        );
    }

    #[test]
    fn a_skipped_element_still_ends_the_sentence_before_it() {
        let html = "<main><div>Alpha words here <section data-search=\"skip\">Hidden words</section> omega words there</div></main>";
        assert_eq!(
            sentences_before_any_heading(html),
            ["Alpha words here", "omega words there"]
        );
    }

    #[test]
    fn each_tag_name_is_the_kind_it_was_when_matched_by_name() {
        let skipped = [
            "script", "style", "svg", "nav", "noscript", "template", "form", "button", "select",
        ];
        let blocks = [
            "p", "li", "dt", "dd", "td", "th", "tr", "caption", "br", "hr",
        ];
        let containers = [
            "div",
            "section",
            "article",
            "blockquote",
            "ul",
            "ol",
            "dl",
            "table",
            "aside",
            "header",
            "footer",
            "details",
            "summary",
            "figure",
            "figcaption",
            "pre",
            "menu",
            "address",
            "hgroup",
            "search",
            "fieldset",
            "dialog",
        ];
        let others = [
            "a", "b", "i", "em", "strong", "time", "thead", "abbr", "h7", "h0", "x",
        ];
        for name in skipped {
            assert_eq!(kind(name), Kind::Skipped(name));
        }
        for name in blocks.into_iter().filter(|&n| n != "dt") {
            assert_eq!(kind(name), Kind::Block, "{name}");
        }
        for name in containers {
            assert_eq!(kind(name), Kind::Container, "{name}");
        }
        assert_eq!(kind("dt"), Kind::Dt);
        for (level, name) in ["h1", "h2", "h3", "h4", "h5", "h6"].iter().enumerate() {
            assert_eq!(kind(name), Kind::Heading(level as u8 + 1));
        }
        assert_eq!((kind("img"), kind("span")), (Kind::Img, Kind::Span));
        for name in others {
            assert_eq!(kind(name), Kind::Other, "{name}");
        }
    }

    #[test]
    fn glossary_terms_are_sections_of_their_own() {
        let html = "<main><dl><div><dt id=\"pwud\">people who use drugs (<abbr>PWUD</abbr>)</dt><dd><p>Anyone.</p></dd></div></dl></main>";
        let s = sections(html);
        assert_eq!(
            s.iter().next().unwrap().parts(),
            ["people who use drugs (PWUD)", "pwud", "Anyone."]
        );
    }

    #[test]
    fn hidden_marks_and_scripts_are_not_text() {
        let html = "<main><p><span class=\"m\" aria-hidden=\"true\">+</span> Good.<script>x()</script></p></main>";
        assert_eq!(
            sections(html).iter().next().unwrap().parts()[2..],
            ["Good."]
        );
    }

    #[test]
    fn sentences_end_at_marks_followed_by_space_and_at_chinese_marks() {
        assert_eq!(
            sentences("About 2.5 days. Yes! 同伴。报酬"),
            ["About 2.5 days.", "Yes!", "同伴。", "报酬"]
        );
    }

    /// How sentences were cut before they were written straight into the JSON (a word at
    /// a time into a string per sentence): kept as the oracle of the one-pass cut.
    fn sentences_word_by_word(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut sentence = String::new();
        let mut end = |sentence: &mut String| {
            let s = sentence.trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
            sentence.clear();
        };
        let chinese_end = |text: &str| {
            text.char_indices()
                .find(|&(_, c)| matches!(c, '。' | '！' | '？'))
                .map(|(i, c)| i + c.len_utf8())
        };
        for (word, ascii) in words(text) {
            if !sentence.is_empty() {
                sentence.push(' ');
            }
            let mut rest = word;
            while let Some(at) = (!ascii).then(|| chinese_end(rest)).flatten() {
                let (piece, after) = rest.split_at(at);
                sentence.push_str(piece);
                end(&mut sentence);
                rest = after;
            }
            sentence.push_str(rest);
            if matches!(rest.as_bytes().last(), Some(b'.' | b'!' | b'?')) {
                end(&mut sentence);
            }
        }
        end(&mut sentence);
        out
    }

    /// Short texts of pieces chosen pseudo-randomly from `pieces` (the same texts every
    /// run).
    fn random_texts<'a>(pieces: &'a [&'a str], count: usize) -> impl Iterator<Item = String> + 'a {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        (0..count).map(move |_| {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = seed % 12;
            let mut r = seed;
            for _ in 0..len {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(r >> 33) as usize % pieces.len()]);
            }
            text
        })
    }

    #[test]
    fn sentences_cut_in_one_pass_are_those_cut_word_by_word() {
        let pieces = [
            "a", "bc", " ", "  ", "\t", "\n", ".", "!", "?", "。", "！", "？", "\u{a0}",
            "\u{3000}", "\u{2028}", "é", "£", "，", "报", "酬", "\"", "\\", "\u{1}", "2.5", "e.g.",
        ];
        for text in random_texts(&pieces, 20_000) {
            cut_as_word_by_word(&text);
        }
    }

    /// The sections [`push_sentences`] writes of `text`, once their sentences and bytes of
    /// text are checked against [`sentences_word_by_word`].
    fn cut_as_word_by_word(text: &str) -> Sections {
        let mut sections = Sections::default();
        push_sentences(text, &mut sections);
        let expected = sentences_word_by_word(text);
        assert_eq!(sentences(text), expected, "{text:?}");
        let bytes: usize = expected.iter().map(String::len).sum();
        assert_eq!(
            sections.iter().map(|s| s.text_bytes()).sum::<usize>(),
            bytes,
            "{text:?}"
        );
        sections
    }

    #[test]
    fn sentences_of_text_with_single_spaces_are_those_cut_word_by_word() {
        // Pieces that keep most texts to single spaces and marks `.`, `!` and `?`, which
        // are cut by `memchr` alone (`is_folded`).
        let pieces = [
            "a", "bc", " ", ".", "!", "?", "é", "ü", "\"", "\\", "2.5", "e.g.", " .", ". ",
        ];
        let mut folded = 0;
        for text in random_texts(&pieces, 20_000) {
            folded += usize::from(is_folded(&text));
            let sections = cut_as_word_by_word(&text);
            let mut spaced = Sections::default();
            push_spaced_sentences(&text, !needs_escape(&text), &mut spaced);
            assert_eq!(sections, spaced, "{text:?}");
        }
        assert!(folded > 5_000, "{folded} texts cut by marks alone");
        for text in [
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "同伴。",
            "a\u{ff01}",
            "a\u{3000}b",
        ] {
            assert!(!is_folded(text), "{text:?}");
        }
    }

    #[test]
    fn a_plain_block_is_one_without_references_or_escapes_that_is_folded() {
        let pieces = [
            "a", "bc", " ", "  ", ".", "&", "&amp;", "\"", "\\", "\u{1}", "\n", "\u{a0}",
            "\u{3000}", "。", "！", "é", "ü", "2.5",
        ];
        let mut plain = 0;
        for text in random_texts(&pieces, 20_000) {
            let expected = is_folded(&text) && !needs_escape(&text) && !text.contains('&');
            assert_eq!(is_plain(&text), expected, "{text:?}");
            plain += usize::from(expected);
        }
        assert!(plain > 1_000, "{plain} plain texts");
    }

    #[test]
    fn words_read_in_one_pass_over_the_json_are_those_read_between_its_escapes() {
        let pieces = [
            "a",
            "Bc9",
            " ",
            "\t",
            "\n",
            ".",
            "-",
            "\"",
            "\\",
            "\u{1}",
            "\u{1f}",
            "u0001",
            "é",
            "e\u{301}",
            "Œuvre",
            "£",
            "，",
            "报",
            "酬",
            "𠀀",
            "\u{a0}",
            "٣",
            "ب",
            "\u{2028}",
            "abcdefgh",
            "Zz0123456789xyz",
            "@[`{",
            "/:",
            "\u{7f}",
            "\u{80}",
        ];
        let texts: Vec<String> = random_texts(&pieces, 20_000).collect();
        // Texts of up to 11 pieces, then texts of 8 such texts: words and escapes that
        // cross from one chunk of 64 bytes into the next.
        for text in texts
            .iter()
            .cloned()
            .chain(texts.chunks(8).map(|t| t.concat()))
        {
            let mut json = String::new();
            push_json(&mut json, &text);
            let expected: Vec<&str> = unescaped_parts(&json)
                .flat_map(crate::outputs::search::words::raw_terms)
                .collect();
            let words: Vec<&str> = json_terms(&json).collect();
            assert_eq!(words, expected, "{text:?}");
        }
    }

    #[test]
    fn each_byte_is_classified_in_a_chunk_as_the_table_classifies_it() {
        // Every byte at every place in a chunk.
        for first in 0..256 {
            let chunk: [u8; CHUNK] = std::array::from_fn(|i| (first + i) as u8);
            assert_eq!(classify(&chunk), classify_bytes(&chunk), "from {first}");
        }
    }

    #[test]
    fn white_space_of_every_kind_folds_to_one_space() {
        let text = " a\tb\u{b}c\u{c}d\r\ne\u{a0}f\u{3000}g\u{2028}h  ";
        let mut out = String::new();
        fold_space(text, &mut out);
        assert_eq!(out, text.split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(out, "a b c d e f g h");
    }

    #[test]
    fn entities_decoded_into_a_block_fold_like_spaces() {
        let html = "<main><p>One&nbsp;two &amp; three&#46; Four.</p><p>  </p><p>Five</p></main>";
        assert_eq!(
            sections(html).iter().next().unwrap().parts()[2..],
            ["One two & three.", "Four.", "Five"]
        );
    }

    #[test]
    fn sentence_text_is_escaped_exactly_as_serde_json_escapes_it() {
        let texts = [
            "plain words",
            "a \"quote\" and a back\\slash",
            "tab\tnew line\nreturn\r bell\u{7} unit\u{1f} delete\u{7f}",
            "line\u{2028}separator, </script>, é, 报酬, 🙂",
            "",
        ];
        for text in texts {
            let mut out = String::new();
            push_json(&mut out, text);
            assert_eq!(out, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn words_read_from_the_escaped_text_are_the_words_of_the_text() {
        let heading = "A \"quoted\" head\\ing";
        let text = [
            "tab\u{1}bed\u{8}words and \"quotes\"",
            "back\\slash 报\u{1f}酬 u0001",
        ];
        let mut sections = Sections::default();
        sections.start(heading, "an-anchor");
        text.iter().for_each(|t| sections.push_sentence(t));
        let section = sections.iter().next().unwrap();
        let expected: Vec<(&str, usize)> = crate::outputs::search::words::raw_terms(heading)
            .map(|w| (w, 1))
            .chain(
                text.iter()
                    .flat_map(|t| crate::outputs::search::words::raw_terms(t))
                    .map(|w| (w, 0)),
            )
            .collect();
        let terms: Vec<(&str, usize)> = section
            .texts()
            .into_iter()
            .flat_map(|(text, flag)| json_terms(text).map(move |w| (w, flag)))
            .collect();
        assert_eq!(terms, expected);
        assert_eq!(
            section.text_bytes(),
            heading.len() + text[0].len() + text[1].len()
        );
        assert_eq!(section.parts(), [heading, "an-anchor", text[0], text[1]]);
    }

    #[test]
    fn a_page_without_main_has_no_sections() {
        assert!(sections("<p>x</p>").is_empty());
        assert!(sections("<main>").is_empty());
    }
}

/// The reader fed by the page's one scan against the second parse it replaced (43784a0),
/// on random well-formed HTML: the same sections. Where they differ on purpose (a `<`
/// that starts no tag, a `>` inside a quoted attribute, tags inside `<script>` or
/// `<textarea>`, unclosed `<p`, names such as `<p-x>`), the scan reads HTML as
/// browsers do; those pieces are left out.
#[cfg(test)]
mod against_a_second_parse {
    use super::*;

    /// The second parse of 43784a0, driving today's [`Scan`].
    fn old_sections(html: &str) -> Sections {
        let mut reader = Reader::new(html);
        let Some(r) = main_part(html) else {
            return Sections::default();
        };
        let main = &html[r];
        let scan = &mut reader.scan;
        let mut rest = main;
        while let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) {
            scan.text(&rest[..lt]);
            let after = &rest[lt..];
            if after.starts_with("<!--") {
                rest = after.find("-->").map_or("", |e| &after[e + 3..]);
                continue;
            }
            let end = memchr::memchr(b'>', after.as_bytes()).map_or(after.len(), |e| e + 1);
            let tag = &after[..end];
            let closing = tag.starts_with("</");
            let bytes = tag.as_bytes();
            let start = bytes
                .iter()
                .position(|&b| b != b'<' && b != b'/')
                .unwrap_or(bytes.len());
            let len = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - start);
            let name =
                crate::text::html_scan::lower(tag.get(start..start + len).unwrap_or_default());
            scan.tag(&name, closing, tag);
            rest = &after[end..];
        }
        scan.text(rest);
        if reader.main.is_empty() {
            return Sections::default();
        }
        reader.scan.finish()
    }

    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<h2 id=\"a\">",
        "</h2>",
        "<h3>",
        "</h3>",
        "<div>",
        "</div>",
        "<div data-search=\"skip\">",
        "<script>var a = 1;</script>",
        "<style>p{}</style>",
        "<textarea>t &amp; u</textarea>",
        "<title>T</title>",
        "&amp;",
        "&#233;",
        "&#x27;",
        "&nbsp;",
        "&é;",
        "&日本;",
        "&bogus;",
        "<!-- c -->",
        "<![CDATA[ x ]]>",
        "<!-- a<p>b -->",
        "é",
        "中文。",
        "مرحبا",
        "😀",
        "e\u{301}",
        "Word. ",
        "Two words? ",
        "<br/>",
        "<br>",
        "<img alt=\"pic\">",
        "<span>",
        "</span>",
        "<span aria-hidden=\"true\">",
        "<a href=\"/x\" title=\"ab\">",
        "</a>",
        "<dt id=\"t\">",
        "</dt>",
        "<nav>",
        "</nav>",
        "<P>",
        "</P >",
        "<svg>",
        "</svg>",
        "\n",
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "\u{2028}",
        "\"q\\",
        "\u{7f}",
        "<form>",
        "</form>",
        "<div\nclass=a>",
        "<h2 id=\"b\" data-search=\"skip\">",
        "<?x ?>",
        "<!doctype html>",
        "<DIV data-search=\"skip\">",
        "<div data-search='skip'>",
        "<h2 id=\"x&amp;y\">",
        "<h2 id=\"x&#47;y&nbsp;\">",
        "<img alt=\"a &amp; b\">",
        "<img alt=\"x\"/>",
        "<div data-search=\"skip\"/>",
        "<span class=\"visually-hidden\">",
        "<dt>",
        "<h1>",
        "</h1>",
        "<TEXTAREA>q</TEXTAREA>",
        "<script>x</SCRIPT>",
        "</main>",
        "<main>",
        "&#0;",
        "&#x110000;",
        "&#+65;",
        "&#1114111;",
        "\t",
        "\r\n",
        "\u{a0}",
        "\u{3000}",
        "。",
        "！",
        "<wbr>",
        "<p/>",
        "<h2 id=a>",
        "<dt id='q'>",
        "<img alt=pic>",
        "<h4 id=\"\">",
        "<nav aria-label=\"x\"><a>n</a></nav>",
        "<svg><title>s</title></svg>",
    ];

    fn html_of(pieces: &[usize]) -> String {
        let mut h = String::from("<body><main id=\"m\">");
        for &p in pieces {
            h.push_str(PIECES[p]);
        }
        h.push_str("</main><footer>f</footer>");
        h
    }

    fn differs(pieces: &[usize]) -> bool {
        let h = html_of(pieces);
        old_sections(&h) != sections(&h)
    }

    #[test]
    fn the_reader_finds_the_sections_a_second_parse_of_the_page_found() {
        let mut r: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut found: Vec<String> = Vec::new();
        let mut mismatches = 0;
        for _ in 0..20_000 {
            let mut pieces = Vec::new();
            r = r
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let n = 1 + (r >> 59) as usize;
            for _ in 0..n {
                r = r
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                pieces.push((r >> 33) as usize % PIECES.len());
            }
            if !differs(&pieces) {
                continue;
            }
            mismatches += 1;
            // Shrink: drop pieces while it still differs.
            let mut i = 0;
            while i < pieces.len() {
                let mut fewer = pieces.clone();
                fewer.remove(i);
                if differs(&fewer) {
                    pieces = fewer;
                } else {
                    i += 1;
                }
            }
            let shown: Vec<&str> = pieces.iter().map(|&p| PIECES[p]).collect();
            let key = format!("{shown:?}");
            if !found.contains(&key) {
                found.push(key);
            }
        }
        found.sort_by_key(|k| k.len());
        assert_eq!(mismatches, 0, "smallest pieces that differ: {found:#?}");
    }
}
