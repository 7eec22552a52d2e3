//! Page minification, the fast way (`minify = true`, the default): one pass over the
//! page that only removes what cannot change how it reads or renders.
//!
//! - Comments are dropped.
//! - A run of whitespace in text becomes one space; next to the start or end tag of a
//!   block element (`p`, `li`, `div`, `meta`, …) it goes entirely, because a browser
//!   drops whitespace there anyway.
//! - Whitespace between a tag's attributes becomes one space; before `>` it goes. The
//!   attributes are put in alphabetical order (as minify-html does), so pages compress
//!   better and a tag reads the same on every page.
//! - Quotes around an attribute value go where HTML allows it (`class=note`): a value
//!   with no space, quote, `=`, `<`, `>` or backtick, not followed by `/`.
//! - End tags HTML lets a page leave out go (`</li>` before `<li>` or the list's end,
//!   `</p>` before a block or its parent's end, table cells and rows, `</head>`,
//!   `</body>`, `</html>`), following the rules in the HTML standard's "Optional tags".
//! - The `/` of a void element (`<img … />`) goes; an SVG element's `/>` stays.
//! - `pre`, `textarea`, `script`, `style` and `title` are copied as they are.
//!
//! Entities and everything else are left alone. The pages mean and show the same, and
//! stay valid: the test suite runs the Nu checker on every built page, and compares each
//! minified page's document tree and text with the page as written, in Chromium
//! (`tests/browser/minify.mjs`). minify-html
//! (`minify = "smallest"`) does more of the same with a full parse; on plainsite's
//! pages it saves about as much, at several times the cost.

use crate::text::html_names::{CLOSES_P, VOID};
use std::hash::BuildHasher;

/// Elements whose surrounding whitespace a browser never shows: metadata, sections,
/// grouping, lists, tables and forms' block parts (the HTML "flow" blocks). Sorted.
const BLOCKS: &[&str; 55] = &[
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Whether the end tag `</name>` may be left out when `next` (a tag name, and whether it
/// is an end tag) comes straight after it, or `None` (the end of the page).
fn end_tag_optional(name: &[u8], next: Option<(&[u8], bool)>) -> bool {
    let start = |names: &[&[u8]]| matches!(next, Some((n, false)) if names.contains(&n));
    let starts_block_closing_p =
        matches!(next, Some((n, false)) if CLOSES_P_KEYS.contains(&key(n)));
    let parent_ends = matches!(next, Some((_, true)));
    match name {
        b"li" => start(&[b"li"]) || parent_ends,
        b"p" => {
            starts_block_closing_p
                || matches!(next, Some((n, true)) if ![&b"a"[..], b"audio", b"del", b"ins", b"map", b"noscript", b"video"].contains(&n))
        }
        b"dt" => start(&[b"dd", b"dt"]),
        b"dd" => start(&[b"dd", b"dt"]) || parent_ends,
        b"td" | b"th" => start(&[b"td", b"th"]) || parent_ends,
        b"tr" => start(&[b"tr"]) || parent_ends,
        b"thead" => start(&[b"tbody", b"tfoot"]),
        b"tbody" => start(&[b"tbody", b"tfoot"]) || parent_ends,
        b"tfoot" => parent_ends,
        b"option" => start(&[b"optgroup", b"option"]) || parent_ends,
        b"head" => matches!(next, Some((_, false))),
        b"body" => matches!(next, Some((b"html", true)) | None),
        b"html" => next.is_none(),
        _ => false,
    }
}

/// The tag after `from`, past whitespace: `Some(None)` at the end of the page,
/// `Some(Some(..))` for a tag, `None` for text, a comment or anything else.
fn next_tag(html: &[u8], from: usize, ahead: &mut Ahead) -> Option<Option<(Name, bool)>> {
    let j = from + html[from..].iter().take_while(|b| is_space(**b)).count();
    if j == html.len() {
        return Some(None);
    }
    if html[j] != b'<' {
        return None;
    }
    ahead.tag_name(html, j).map(Some)
}

/// The last tag read ahead of the minifier (the next tag after an end tag or a run of
/// whitespace), so it is not read again when the minifier gets there.
struct Ahead {
    at: usize,
    tag: Option<(Name, bool)>,
}

impl Ahead {
    /// [`tag_name`] at `at`, from the last read when it was there.
    fn tag_name(&mut self, html: &[u8], at: usize) -> Option<(Name, bool)> {
        if self.at != at {
            self.at = at;
            self.tag = tag_name(html, at);
        }
        self.tag
    }
}

/// Elements whose content is copied exactly.
const VERBATIM: &[&str; 5] = &["pre", "textarea", "script", "style", "title"];

const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// A tag's name in lower case, kept on the stack (a page has thousands of tags). Names
/// longer than 16 bytes (longer than any this module looks for) are kept empty: they
/// match nothing.
#[derive(Clone, Copy)]
struct Name {
    /// Zero past `len`, so that the 16 bytes read as a number are the name's [`key`].
    bytes: [u8; 16],
    len: u8,
}

impl Name {
    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len as usize]
    }

    /// The name as one number (its [`key`], in one load), to compare with the lists.
    fn key(&self) -> u128 {
        u128::from_le_bytes(self.bytes)
    }

    fn is_block(&self) -> bool {
        self.len > 0 && BLOCK_KEYS.binary_search(&self.key()).is_ok()
    }
}

/// A name of at most 16 bytes as one number, so comparing names is one comparison.
const fn key(name: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < name.len() && i < 16 {
        k |= (name[i] as u128) << (8 * i);
        i += 1;
    }
    k
}

/// A list of names as keys, in rising order (for a binary search; sorted when the
/// program is compiled).
const fn keys<const N: usize>(names: &[&str; N]) -> [u128; N] {
    let mut keys = [0u128; N];
    let mut i = 0;
    while i < N {
        keys[i] = key(names[i].as_bytes());
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let moved = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = moved;
            j -= 1;
        }
        i += 1;
    }
    keys
}

static BLOCK_KEYS: [u128; BLOCKS.len()] = keys(BLOCKS);
static CLOSES_P_KEYS: [u128; CLOSES_P.len()] = keys(CLOSES_P);
static VOID_KEYS: [u128; VOID.len()] = keys(VOID);
static VERBATIM_KEYS: [u128; VERBATIM.len()] = keys(VERBATIM);

/// The name of the tag that starts at `at` (`<p …`, `</li>`), and whether it is an end
/// tag; `None` for anything that is not a start or end tag.
fn tag_name(html: &[u8], at: usize) -> Option<(Name, bool)> {
    let mut i = at + 1;
    let end = html.get(i) == Some(&b'/');
    if end {
        i += 1;
    }
    let start = i;
    while html.get(i).is_some_and(|&b| NAME_BYTES[usize::from(b)]) {
        i += 1;
    }
    if i == start || !html[start].is_ascii_alphabetic() {
        return None;
    }
    let mut name = Name {
        bytes: [0; 16],
        len: 0,
    };
    let len = i - start;
    if len > name.bytes.len() {
        return Some((name, end));
    }
    name.len = len as u8;
    match html.get(start..start + 16).map(<[u8; 16]>::try_from) {
        // A name's bytes are letters, digits, `-` and `:`, and each of them but a
        // capital has the bit 0x20: setting it in all 16 bytes at once makes the
        // capitals small and changes nothing else; the bytes past the name are cleared.
        Some(Ok(chunk)) => {
            let keep = u128::MAX.checked_shr(8 * (16 - len) as u32).unwrap_or(0);
            let lowered = (u128::from_le_bytes(chunk) | u128::from_le_bytes([0x20; 16])) & keep;
            name.bytes = lowered.to_le_bytes();
        }
        _ => {
            for (to, from) in name.bytes.iter_mut().zip(&html[start..i]) {
                *to = from.to_ascii_lowercase();
            }
        }
    }
    Some((name, end))
}

/// The bytes of a tag's name as [`tag_name`] reads it: ASCII letters and digits, `-`
/// and `:`.
static NAME_BYTES: [bool; 256] = crate::text::byte_table!(false, |b| b.is_ascii_alphanumeric()
    || b == b'-'
    || b == b':');

fn is_block_tag(html: &[u8], at: usize, ahead: &mut Ahead) -> bool {
    ahead
        .tag_name(html, at)
        .is_some_and(|(name, _)| name.is_block())
}

/// Finds `</name` (any case) from `from`; the index of its `<`.
fn find_end_tag(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let n = name.len();
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', &html[i..]) {
        let at = i + off;
        if html.get(at + 1) == Some(&b'/')
            && html.len() >= at + 2 + n
            && html[at + 2..at + 2 + n].eq_ignore_ascii_case(name)
        {
            let after = html.get(at + 2 + n).copied();
            if after.is_none_or(|b| is_space(b) || b == b'>' || b == b'/') {
                return Some(at);
            }
        }
        i = at + 1;
    }
    None
}

/// Copies a tag from `at` (its `<`) to its `>`, with whitespace between attributes made
/// one space and none before `>`. Returns the index after the tag. Runs of ordinary
/// bytes and whole quoted values are copied at once (a page is mostly tags).
fn copy_tag(html: &[u8], at: usize, out: &mut Vec<u8>) -> usize {
    let mut i = at;
    while i < html.len() {
        let b = html[i];
        if !TAG_STOP[b as usize] {
            let run = html[i..]
                .iter()
                .position(|&c| TAG_STOP[c as usize])
                .map_or(html.len(), |p| i + p);
            out.extend_from_slice(&html[i..run]);
            i = run;
            continue;
        }
        match b {
            b'"' | b'\'' => {
                let close = memchr::memchr(b, &html[i + 1..]);
                // A value that may go unquoted is written without its quotes.
                if let (Some(len), Some(&b'=')) = (close, out.last()) {
                    let value = &html[i + 1..i + 1 + len];
                    let after = html.get(i + 2 + len).copied();
                    let plain = !value.is_empty()
                        && !value.iter().any(|&c| {
                            is_space(c) || matches!(c, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`')
                        });
                    if plain && after.is_some_and(|c| is_space(c) || c == b'>') {
                        out.extend_from_slice(value);
                        i += len + 2;
                        continue;
                    }
                }
                // The value as written, quotes and all (to the end of the page when it
                // is never closed).
                let end = close.map_or(html.len(), |len| i + len + 2);
                out.extend_from_slice(&html[i..end]);
                i = end;
            }
            b'>' => {
                out.push(b);
                return i + 1;
            }
            _ => {
                let mut j = i;
                while j < html.len() && is_space(html[j]) {
                    j += 1;
                }
                // `<br />`: the space before `/>` is kept, so `/` never joins an
                // unquoted value before it.
                if html.get(j) != Some(&b'>') {
                    out.push(b' ');
                }
                i = j;
            }
        }
    }
    i
}

/// The bytes that end a run of text: `<` and whitespace.
static TEXT_STOP: [bool; 256] = crate::text::byte_table!(false, |b| b == b'<' || is_space(b));

/// The bytes [`copy_tag`] looks at one by one: quotes, `>` and whitespace.
static TAG_STOP: [bool; 256] =
    crate::text::byte_table!(false, |b| matches!(b, b'"' | b'\'' | b'>') || is_space(b));

/// Puts the attributes of the start tag written at `out[start..]` in order of their
/// names (a stable sort: of two with the same name, the first still wins).
fn sort_attributes(out: &mut Vec<u8>, start: usize) {
    let tag = &out[start..];
    let Some(body_start) = tag.iter().position(|&b| b == b' ') else {
        return;
    };
    if tag.last() != Some(&b'>') {
        return;
    }
    let body = &tag[body_start + 1..tag.len() - 1];
    // Where each attribute ends (a space outside quotes); most tags have one or none.
    let mut ends = [0usize; 32];
    let (mut count, mut i) = (0, 0);
    while let Some(off) = memchr::memchr3(b' ', b'"', b'\'', &body[i..]) {
        i += off;
        match body[i] {
            b' ' => {
                if count == ends.len() {
                    return;
                }
                ends[count] = i;
                count += 1;
            }
            q => match memchr::memchr(q, &body[i + 1..]) {
                Some(len) => i += len + 1,
                None => return,
            },
        }
        i += 1;
    }
    if count == 0 {
        return;
    }
    // The attributes, on the stack (at most 33, as `ends` allows).
    let mut all: [&[u8]; 33] = [&[]; 33];
    let mut from = 0;
    for (piece, &end) in all.iter_mut().zip(&ends[..count]) {
        *piece = &body[from..end];
        from = end + 1;
    }
    all[count] = &body[from..];
    let mut pieces = &mut all[..=count];
    // A closing `/` (`<rect … />`, `<rect x="1"/>`) stays last. A `/` that ends an
    // unquoted value (`href=../`) is part of the value.
    let mut self_closing = false;
    if let Some(last) = pieces.last_mut() {
        if *last == b"/" {
            let n = pieces.len() - 1;
            pieces = &mut pieces[..n];
            self_closing = true;
        } else if last.ends_with(b"\"/") || last.ends_with(b"'/") {
            *last = &last[..last.len() - 1];
            self_closing = true;
        }
    }
    // By the name as written (templates write names in lower case; SVG's `viewBox` sorts
    // among the capitals, which is as good as any fixed order).
    fn name<'a>(piece: &&'a [u8]) -> &'a [u8] {
        piece.split(|&b| b == b'=').next().unwrap_or(piece)
    }
    if pieces.len() < 2 || pieces.windows(2).all(|w| name(&w[0]) <= name(&w[1])) {
        return;
    }
    pieces.sort_by_key(name);
    let mut sorted = Vec::with_capacity(tag.len());
    sorted.extend_from_slice(&tag[..body_start]);
    for p in pieces.iter() {
        sorted.push(b' ');
        sorted.extend_from_slice(p);
    }
    if self_closing {
        sorted.extend_from_slice(b" /");
    }
    sorted.push(b'>');
    out.truncate(start);
    out.extend_from_slice(&sorted);
}

/// Drops the meaningless `/` of a void element's start tag written at `out[start..]`
/// (`<img src=a.png />` becomes `<img src=a.png>`).
fn drop_void_slash(out: &mut Vec<u8>, start: usize, name: &Name) {
    if !out.ends_with(b"/>") || !VOID_KEYS.contains(&name.key()) {
        return;
    }
    let slash = out.len() - 2;
    let before = out[slash - 1];
    let right_after_name = slash == start + 1 + name.len as usize;
    if before == b' ' {
        out.truncate(slash - 1);
    } else if before == b'"' || before == b'\'' || right_after_name {
        out.truncate(slash);
    } else {
        // `<img src=a.png/>`: the `/` belongs to the unquoted value.
        return;
    }
    out.push(b'>');
}

/// The end of the text that starts at `from` (not a space) and is copied as it is: to
/// the next `<` or run of whitespace, past single spaces between words (which the
/// whitespace rule would write again as they are).
fn text_run(html: &[u8], from: usize) -> usize {
    #[allow(unused_mut)]
    let mut i = from;
    // Sixteen bytes at a time while the byte after them can be read too (a page's text
    // is millions of bytes; a byte at a time was seven instructions each).
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(Ok(chunk)) = html.get(i..i + 17).map(<&[u8; 17]>::try_from) {
        let stops = text_stops(chunk);
        if stops != 0 {
            return i + stops.trailing_zeros() as usize;
        }
        i += 16;
    }
    text_run_bytes(html, i)
}

/// [`text_run`] a byte at a time (the end of a page; targets other than x86_64 with
/// SSE2).
fn text_run_bytes(html: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < html.len() {
        let b = html[i];
        if TEXT_STOP[b as usize]
            && (b != b' ' || html.get(i + 1).is_none_or(|&c| TEXT_STOP[c as usize]))
        {
            return i;
        }
        i += 1;
    }
    i
}

/// Where a run of text stops among the first 16 bytes of `chunk`, as bits
/// (bit `k` for byte `k`): at `<` or white space other than a space, and at a space
/// followed by either (`chunk[16]` follows the last), as [`text_run_bytes`] reads it.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn text_stops(chunk: &[u8; 17]) -> u32 {
    // SAFETY: compiled only when the target enables SSE2 (the `cfg` above), so the
    // processor running this has it.
    unsafe { text_stops_sse2(chunk) }
}

/// [`text_stops`] with SSE2's byte comparisons.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn text_stops_sse2(chunk: &[u8; 17]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_set_epi64x,
    };
    let half = |at: usize| crate::text::eight(chunk, at) as i64;
    let load = |at: usize| _mm_set_epi64x(half(at + 8), half(at));
    let is = |v: __m128i, b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
    let stop = |v: __m128i| {
        let space = _mm_or_si128(_mm_or_si128(is(v, b' '), is(v, b'\t')), is(v, b'\n'));
        let other = _mm_or_si128(_mm_or_si128(is(v, b'\r'), is(v, b'\x0c')), is(v, b'<'));
        _mm_or_si128(space, other)
    };
    let (here, next) = (load(0), load(1));
    let space = is(here, b' ');
    let stops = _mm_or_si128(
        _mm_andnot_si128(space, stop(here)),
        _mm_and_si128(space, stop(next)),
    );
    _mm_movemask_epi8(stops) as u32 & 0xffff
}

/// How many start tags [`start_tag`] keeps, per thread: enough for a theme's, without
/// holding every page's own. 4,096 held 1.7 MiB at the peak of a 1,000-page build (a
/// heap profile), mostly pages' own links, for no fewer instructions.
const KEPT_TAGS: usize = 1024;

/// How many start tags met once [`start_tag`] remembers, per thread, by hash: it
/// forgets them all when there are more (a page's own links, met once, are most). 7,168
/// hashes fill a table of 8,192 places without it growing: 72 KiB a thread, let go
/// once the tags kept are [`KEPT_TAGS`].
const SEEN_ONCE: usize = 7168;

/// The longest start tag [`start_tag`] keeps, in bytes: a theme's are well under it.
const KEPT_TAG_BYTES: usize = 512;

/// Start tags as written (to their `>`) and as minified, and the hashes of those met
/// once only.
#[derive(Default)]
struct Written {
    tags: rustc_hash::FxHashMap<Box<[u8]>, Box<[u8]>>,
    once: rustc_hash::FxHashSet<u64>,
}

impl Written {
    /// Keeps what a tag (its bytes to its `>`) became, if it was met before: a tag is
    /// kept the second time it is met. Kept the first time, the tags of one page with
    /// a thousand links (the A–Z page, a long list) filled the table, and the theme's
    /// tags, on every page, were written in full on every page after it (1% of a
    /// 1,000-page build's instructions). A hash met twice by chance only keeps a tag
    /// early: the table is looked up by the tag's bytes.
    fn keep(&mut self, tag: &[u8], written: &[u8]) {
        if self.tags.len() >= KEPT_TAGS {
            return;
        }
        let hash = rustc_hash::FxBuildHasher.hash_one(tag);
        if self.once.remove(&hash) {
            self.tags.insert(tag.into(), written.into());
            if self.tags.len() >= KEPT_TAGS {
                self.once = Default::default();
            }
            return;
        }
        if self.once.len() >= SEEN_ONCE {
            self.once.clear();
        }
        self.once.insert(hash);
    }
}

std::thread_local! {
    /// Start tags with attributes already written, as they are in the page up to their
    /// `>` with what they became: a theme writes the same tags on every page (its
    /// header, menu, search form and footer), each costing a copy and a sort of its
    /// attributes. What a tag becomes depends on its bytes alone.
    static WRITTEN: std::cell::RefCell<Written> = Default::default();
}

/// Writes the start tag at `at` (named `name`), as [`copy_tag`] copies it with its
/// attributes sorted and a void element's `/` dropped; returns the index after it. A
/// tag with attributes met before (the same bytes to its first `>`) is written as it
/// was then.
fn start_tag(html: &[u8], at: usize, name: &Name, out: &mut Vec<u8>) -> usize {
    let plain = html.get(at + 1 + usize::from(name.len)) == Some(&b'>') && name.len > 0;
    let first_end = (!plain)
        .then(|| memchr::memchr(b'>', html.get(at..)?))
        .flatten()
        .map(|e| at + e + 1);
    let known = |tags: &Written| {
        let end = first_end?;
        out.extend_from_slice(tags.tags.get(html.get(at..end)?)?);
        Some(end)
    };
    if let Some(end) = WRITTEN.with_borrow(known) {
        return end;
    }
    let tag_start = out.len();
    let end = copy_tag(html, at, out);
    sort_attributes(out, tag_start);
    drop_void_slash(out, tag_start, name);
    // Kept only when the tag ends at its first `>` (none in a quoted value): the bytes
    // to that `>` are then all that made it. A long tag (a chart's path, an image as a
    // `data:` address) is a page's own: kept, it would hold its bytes twice per thread.
    if first_end == Some(end) && end - at <= KEPT_TAG_BYTES {
        WRITTEN.with_borrow_mut(|tags| tags.keep(&html[at..end], &out[tag_start..]));
    }
    end
}

/// Minifies a page as described at the top of this module.
pub fn minify(html: &str) -> Vec<u8> {
    let html = html.as_bytes();
    let mut out = Vec::with_capacity(html.len());
    let mut i = 0;
    // Whether what was last written ends at a block tag (or the start of the page).
    let mut after_block = true;
    let mut ahead = Ahead {
        at: usize::MAX,
        tag: None,
    };
    while i < html.len() {
        let b = html[i];
        if b == b'<' {
            if html[i..].starts_with(b"<!--") {
                i = memchr::memmem::find(&html[i + 4..], b"-->")
                    .map_or(html.len(), |e| i + 4 + e + 3);
                continue;
            }
            match ahead.tag_name(html, i) {
                Some((name, is_end)) => {
                    after_block = name.is_block();
                    if is_end {
                        let close = memchr::memchr(b'>', &html[i..]).map(|e| i + e + 1);
                        let next = close.and_then(|c| next_tag(html, c, &mut ahead));
                        if let (Some(close), Some(next)) = (close, next) {
                            if end_tag_optional(
                                name.as_bytes(),
                                next.as_ref().map(|(n, e)| (n.as_bytes(), *e)),
                            ) {
                                i = close;
                                continue;
                            }
                        }
                    }
                    i = if is_end {
                        copy_tag(html, i, &mut out)
                    } else {
                        start_tag(html, i, &name, &mut out)
                    };
                    if !is_end && name.len > 0 && VERBATIM_KEYS.contains(&name.key()) {
                        let end = find_end_tag(html, i, name.as_bytes()).unwrap_or(html.len());
                        out.extend_from_slice(&html[i..end]);
                        i = end;
                    }
                }
                // `<!doctype …>`, `<?…>` or a `<` that starts no tag: copied.
                None => {
                    let end = if matches!(html.get(i + 1), Some(b'!') | Some(b'?')) {
                        memchr::memchr(b'>', &html[i..]).map_or(html.len(), |e| i + e + 1)
                    } else {
                        i + 1
                    };
                    out.extend_from_slice(&html[i..end]);
                    after_block = end > i + 1;
                    i = end;
                }
            }
        } else if is_space(b) {
            let mut j = i;
            while j < html.len() && is_space(html[j]) {
                j += 1;
            }
            // A doctype counts as a block; a comment does not (it goes, the words stay apart).
            let doctype = html[j..].starts_with(b"<!") && !html[j..].starts_with(b"<!--");
            let before_block = j == html.len()
                || (html[j] == b'<' && (is_block_tag(html, j, &mut ahead) || doctype));
            if !after_block && !before_block && out.last() != Some(&b' ') {
                out.push(b' ');
            }
            i = j;
        } else {
            let stop = text_run(html, i);
            out.extend_from_slice(&html[i..stop]);
            after_block = false;
            i = stop;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::minify;

    /// A tag's name read a byte at a time and lower-cased byte by byte: the oracle for
    /// [`super::tag_name`].
    fn tag_name_bytes(html: &[u8], at: usize) -> Option<(Vec<u8>, bool)> {
        let end = html.get(at + 1) == Some(&b'/');
        let start = at + 1 + usize::from(end);
        let len = (html.get(start..)?.iter())
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if len == 0 || !html[start].is_ascii_alphabetic() {
            return None;
        }
        let name = match len > 16 {
            true => Vec::new(),
            false => html[start..start + len].to_ascii_lowercase(),
        };
        Some((name, end))
    }

    /// Every byte value at every place of names of every length to 17, with the page
    /// ending right after the name or further on, as start and end tags.
    #[test]
    fn tag_names_of_every_byte_and_length_are_read_as_byte_by_byte() {
        for len in 1..=17usize {
            for place in 0..len {
                for b in 0..=255u8 {
                    for after in [0usize, 1, 2, 15, 16, 20] {
                        let mut html = b"</".to_vec();
                        html.extend((0..len).map(|k| [b'A', b'z', b'-', b':', b'9'][k % 5]));
                        html[2 + place] = b;
                        html.extend(std::iter::repeat_n(b'>', after));
                        for at in [0, 1] {
                            let fast = super::tag_name(&html, at)
                                .map(|(n, e)| (n.as_bytes().to_vec(), e, n.key()));
                            let slow = tag_name_bytes(&html, at)
                                .map(|(n, e)| (n.clone(), e, super::key(&n)));
                            assert_eq!(fast, slow, "{html:?} at {at}");
                        }
                    }
                }
            }
        }
    }

    /// Names of every length to past 16, with capitals, digits, `-`, `:`, bytes beyond
    /// ASCII and what ends a name, near the page's end and far from it.
    #[test]
    fn tag_names_are_read_and_lower_cased_as_byte_by_byte() {
        let pieces = [
            "<",
            "</",
            "p",
            "P",
            "svg",
            "feGaussianBlur",
            "x-Y",
            "a:b",
            "h2",
            "9",
            "é",
            ">",
            " ",
            "/",
            "\"",
            "ABCDEFGHIJKLMNOPQ",
            "=",
        ];
        for text in crate::text::pieced_texts(&pieces, 3000, 12, false) {
            let bytes = text.as_bytes();
            for at in (0..bytes.len()).filter(|&i| bytes[i] == b'<') {
                let fast =
                    super::tag_name(bytes, at).map(|(name, end)| (name.as_bytes().to_vec(), end));
                assert_eq!(fast, tag_name_bytes(bytes, at), "{text:?} at {at}");
                if let Some((name, _)) = super::tag_name(bytes, at) {
                    assert_eq!(name.key(), super::key(name.as_bytes()), "{text:?} at {at}");
                }
            }
        }
    }

    /// Texts of words, single and double spaces, other white space, `<`, bytes beyond
    /// ASCII and a vertical tab (not white space in HTML): from every start, the run of
    /// text read 16 bytes at a time ends where a byte at a time ends it.
    #[test]
    fn text_runs_end_where_they_end_a_byte_at_a_time() {
        let pieces = [
            "word",
            "a",
            " ",
            "  ",
            "<",
            "<p>",
            "\n",
            "\t",
            "\r",
            "\x0c",
            "\x0b",
            "é",
            "“x”",
            "0123456789abcdef",
            "> ",
        ];
        for text in crate::text::pieced_texts(&pieces, 3000, 24, true) {
            let bytes = text.as_bytes();
            for from in 0..bytes.len() {
                let fast = super::text_run(bytes, from);
                assert_eq!(
                    fast,
                    super::text_run_bytes(bytes, from),
                    "{text:?} from {from}"
                );
            }
        }
    }

    fn m(s: &str) -> String {
        String::from_utf8(minify(s)).unwrap()
    }

    #[test]
    fn whitespace_next_to_blocks_goes_and_inside_text_becomes_one_space() {
        assert_eq!(
            m("<div><ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>\n</div>"),
            "<div><ul><li>One<li>Two</ul></div>"
        );
        assert_eq!(
            m("<p>Some   text\n   with <a href=\"x\">a  link</a> in it.</p>"),
            "<p>Some text with <a href=x>a link</a> in it.</p>"
        );
        assert_eq!(
            m("<p><em>one</em>\n<strong>two</strong></p>"),
            "<p><em>one</em> <strong>two</strong></p>",
            "space between inline elements stays"
        );
    }

    #[test]
    fn preformatted_scripts_and_quoted_values_are_left_alone() {
        let pre = "<pre><code>fn main() {\n    x  y\n}</code></pre>";
        assert_eq!(
            m(&format!("<div>\n{pre}\n</div>")),
            format!("<div>{pre}</div>")
        );
        assert_eq!(
            m("<script>\nif (a <b) {  x() }\n</script>"),
            "<script>\nif (a <b) {  x() }\n</script>"
        );
        assert_eq!(
            m("<textarea>\n  a\n</TEXTAREA>"),
            "<textarea>\n  a\n</TEXTAREA>"
        );
        assert_eq!(
            m("<a title=\"two  spaces\n here\"   href=x\n>t</a>"),
            "<a href=x title=\"two  spaces\n here\">t</a>"
        );
    }

    #[test]
    fn comments_go_and_the_doctype_stays() {
        assert_eq!(m("<!doctype html>\n<html>\n<!-- a note -->\n<head><title>T</title></head>\n<body><p>x</p></body></html>\n"), "<!doctype html><html><head><title>T</title><body><p>x");
        assert_eq!(m("<p>a<!-- x -->b</p>"), "<p>ab</p>");
    }

    #[test]
    fn a_start_tag_met_before_is_written_as_it_was_then() {
        // Each tag three times, after others: the second time it is kept, the third it
        // comes from the tags kept, and must read the same. Two tags have the same bytes
        // up to a `>` in a value.
        let tags = [
            (
                "<form role=\"search\" class=\"site-search\" action=\"../a-z/\">",
                "<form action=../a-z/ class=site-search role=search>",
            ),
            (
                "<a title=\"a > b\" href=\"x\">",
                "<a href=x title=\"a > b\">",
            ),
            (
                "<a title=\"a > c\" href=\"x\">",
                "<a href=x title=\"a > c\">",
            ),
            ("<img alt=\"x\" src=\"a.png\" />", "<img alt=x src=a.png>"),
            ("<input type=search id=q>", "<input id=q type=search>"),
        ];
        for _ in 0..3 {
            for (tag, minified) in tags {
                assert_eq!(m(&format!("<p>{tag}")), format!("<p>{minified}"), "{tag}");
            }
        }
    }

    #[test]
    fn a_page_of_links_met_once_leaves_room_for_the_theme_s_tags() {
        // The A–Z page, rendered first on its thread: more links of its own than the
        // tags kept. The theme's tags on the pages after it are still kept.
        let links: String = (0..2 * super::KEPT_TAGS)
            .map(|i| format!("<li><a href=\"../page-{i}/\">Page {i}</a>"))
            .collect();
        m(&format!("<ul>{links}</ul>"));
        let theme = "<nav class=\"menu\" aria-label=\"Site\">";
        for _ in 0..2 {
            assert_eq!(m(theme), "<nav aria-label=Site class=menu>");
        }
        let kept = super::WRITTEN.with_borrow(|w| w.tags.contains_key(theme.as_bytes()));
        assert!(kept, "the theme's tag was not kept");
    }

    #[test]
    fn the_tags_met_once_are_forgotten_past_their_number() {
        let links: String = (0..2 * super::SEEN_ONCE + 1)
            .map(|i| format!("<a href=\"../page-{i}/\">"))
            .collect();
        m(&links);
        let once = super::WRITTEN.with_borrow(|w| (w.once.len(), w.once.capacity()));
        assert!(once.0 <= super::SEEN_ONCE, "{} tags met once kept", once.0);
        assert!(once.1 <= 8192, "room for {} tags met once", once.1);
    }

    #[test]
    fn the_lists_are_sorted_and_long_names_match_nothing() {
        for list in [&super::BLOCKS[..], &super::CLOSES_P[..]] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        let long = "<custom-element-with-a-long-name>x</custom-element-with-a-long-name>";
        assert_eq!(m(long), long);
    }

    #[test]
    fn quotes_go_only_where_html_allows_it() {
        assert_eq!(
            m("<a class=\"note\" href=\"../../\">x</a>"),
            "<a class=note href=../../>x</a>"
        );
        assert_eq!(
            m("<html lang=\"en\" dir=\"ltr\"><img src=a.png alt=\"A b\" />"),
            "<html dir=ltr lang=en><img alt=\"A b\" src=a.png>",
            "attributes in order"
        );
        assert_eq!(
            m("<p>a<br/>b<br />c<img src=\"x\"/><img src=x/></p>"),
            "<p>a<br>b<br>c<img src=\"x\"><img src=x/></p>",
            "void elements lose their slash"
        );
        assert_eq!(
            m("<svg><rect y=\"2\" stroke=\"none\"/><path d=\"M0 0\" class=\"a\"/></svg>"),
            "<svg><rect stroke=\"none\" y=2 /><path class=\"a\" d=\"M0 0\" /></svg>",
            "a closing slash stays last"
        );
        assert_eq!(
            m("<a title=\"t\" href=../>x</a>"),
            "<a href=../ title=t>x</a>",
            "a slash in a value stays in it"
        );
        assert_eq!(
            m("<a title=\"two words\" data-x=\"a=b\" data-e=\"\" data-q='it\"s'>x</a>"),
            "<a data-e=\"\" data-q='it\"s' data-x=\"a=b\" title=\"two words\">x</a>"
        );
        assert_eq!(
            m("<svg><use href=\"a.svg\"/></svg>"),
            "<svg><use href=\"a.svg\"/></svg>",
            "a slash after the value would join it"
        );
        assert_eq!(
            m("<p title=\"x\">say \"hi\"</p>"),
            "<p title=x>say \"hi\"</p>",
            "quotes in text stay"
        );
    }

    #[test]
    fn end_tags_go_only_where_html_allows_it() {
        assert_eq!(
            m("<div><p>a</p>\n<p>b</p>\n<ul><li>c</li></ul><p>d</p></div>"),
            "<div><p>a<p>b<ul><li>c</ul><p>d</div>"
        );
        assert_eq!(
            m("<p>a</p> <span>b</span>"),
            "<p>a</p><span>b</span>",
            "inline content after a paragraph keeps its end tag"
        );
        assert_eq!(
            m("<a href=x><p>a</p></a>"),
            "<a href=x><p>a</p></a>",
            "not inside a link"
        );
        assert_eq!(
            m("<table><tr><th>a</th><td>b</td></tr>\n<tr><td>c</td></tr></table>"),
            "<table><tr><th>a<td>b<tr><td>c</table>"
        );
        assert_eq!(
            m("<dl><dt>a</dt><dt>b</dt><dd>c</dd><dd>d</dd></dl>"),
            "<dl><dt>a<dt>b<dd>c<dd>d</dl>"
        );
        assert_eq!(m("<select><option>a</option><optgroup label=g><option>b</option></optgroup></select>"), "<select><option>a<optgroup label=g><option>b</optgroup></select>");
        assert_eq!(
            m("<ul><li>a</li><!-- c --><li>b</li></ul>"),
            "<ul><li>a</li><li>b</ul>",
            "a comment after an end tag keeps it"
        );
        assert_eq!(m("<ul><li>a</li>text</ul>"), "<ul><li>a</li>text</ul>");
    }

    #[test]
    fn text_that_looks_like_a_tag_is_copied() {
        assert_eq!(m("<p>1 < 2  and 3>2</p>"), "<p>1 < 2 and 3>2</p>");
        assert_eq!(
            m("<br />\n<img src=a.png alt=\"\" />"),
            "<br> <img alt=\"\" src=a.png>"
        );
    }

    #[test]
    fn output_is_never_longer_and_keeps_every_non_space_character() {
        for s in [
            "",
            " ",
            "<",
            "<!--",
            "<a",
            "<a \"",
            "<pre>",
            "x\u{a0} y",
            "<p>é  ü</p>",
            "</",
            "<!",
            "a\r\n\tb",
        ] {
            let out = m(s);
            assert!(out.len() <= s.len(), "{s:?} -> {out:?}");
            let keep = |t: &str| {
                t.chars()
                    .filter(|c| !c.is_ascii_whitespace())
                    .collect::<String>()
            };
            if !s.contains("<!--") {
                assert_eq!(keep(&out), keep(s), "{s:?}");
            }
        }
    }
}
