//! Whether a page's raw HTML is closed as it was opened. An author's `<textarea>`,
//! `<title>` or `<!--` that is never closed turns the rest of the page, the theme's
//! footer included, into text in a box, a title or a comment; an `<a>` or `<b>` left
//! open runs on into every block after it; a `</div>` with nothing of the author's to
//! close closes part of the theme's layout. Browsers show all of these without a word
//! (and the W3C checker calls each an error), so the Markdown stage reads the raw HTML
//! pieces of a body in order, as one stream, and names each such place.
//!
//! The pieces come from pulldown-cmark (an HTML block gives one piece a line, inline
//! HTML one a tag), with their offsets in the file. A tag written over several lines is
//! carried from one piece to the next. Only what the author wrote is read; the HTML
//! that plainsite writes around it is always closed.

use crate::text::html_names::{KNOWN, OPTIONAL_END, RAW_TEXT, VOID};

/// Elements whose content is SVG or MathML, where `/>` closes any element.
const FOREIGN: &[&str] = &["math", "svg"];

/// What the author's raw HTML leaves wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// `<!--` with no `-->` after it.
    OpenComment,
    /// A raw-text element (`<textarea>`, `<title>`, `<script>` ...) never closed.
    OpenRawText(String),
    /// `<plaintext>`: nothing after it is ever read as HTML again.
    Plaintext,
    /// An element never closed; `slash` when it was written `<div/>`.
    Unclosed { name: String, slash: bool },
    /// An end tag with no element of the author's open to close.
    Stray(String),
    /// A tag with no `>` to end it (what it starts with, such as `<div` or `</p`).
    Unended(String),
    /// A start tag of an element HTML does not have, as written (shortened).
    Unknown(String),
}

impl Problem {
    /// What is wrong, in a few plain words.
    pub(super) fn message(&self) -> String {
        match self {
            Problem::OpenComment => "this HTML comment is never closed with -->".into(),
            Problem::OpenRawText(name) => format!("<{name}> is never closed with </{name}>"),
            Problem::Plaintext => "<plaintext> turns the rest of the page into plain text".into(),
            Problem::Unclosed { name, slash: true } => {
                format!("<{name}/> does not close itself in HTML: it stays open")
            }
            Problem::Unclosed { name, .. } => format!("<{name}> is never closed with </{name}>"),
            Problem::Stray(name) => format!("</{name}> closes nothing this page opened"),
            Problem::Unended(start) => format!("{start} is never ended with >"),
            // The tag itself is hidden (`<y and z>` hides "y and z"); what follows it shows.
            Problem::Unknown(tag) => {
                format!("{tag} is read as an HTML tag that HTML does not have, so the tag itself does not show")
            }
        }
    }

    /// What the reader would see, and what to do.
    pub(super) fn help(&self) -> String {
        match self {
            Problem::OpenComment => "readers see nothing after it: the rest of the page is hidden. Close the comment with --> or remove <!--".into(),
            Problem::OpenRawText(name) => format!("browsers show everything after it, the rest of the page too, as the text of this <{name}>; add </{name}> where it should end, or remove it"),
            Problem::Plaintext => "remove <plaintext>; to show code, use a code block (``` before and after it)".into(),
            Problem::Unclosed { name, slash: true } => format!("write <{name}></{name}>"),
            Problem::Unclosed { name, .. } => format!("browsers carry it on into the rest of the page, the site's menu and footer too; add </{name}> where it should end"),
            Problem::Stray(name) => format!("it can close part of the site's layout around the page; remove </{name}> or add the <{name}> it was meant to close"),
            Problem::Unended(_) => "browsers read what follows, up to the next >, as part of the tag, and it disappears; add > where the tag should end".into(),
            Problem::Unknown(_) => "to show the sign <, write \\< or &lt;; if you meant a tag, check its name".into(),
        }
    }
}

/// What the stream is inside at the end of the last piece.
#[derive(Debug, Default)]
enum State {
    #[default]
    Markup,
    /// In a comment opened at this offset.
    Comment(usize),
    /// In the text of a raw-text element.
    RawText { name: String, at: usize },
    /// After `<plaintext>`: the rest is text.
    Plaintext,
}

/// An element of the author's that is open.
#[derive(Debug)]
struct Open {
    name: String,
    at: usize,
    slash: bool,
}

/// The raw HTML of one body, read piece by piece.
#[derive(Debug, Default)]
pub(super) struct Balance {
    state: State,
    open: Vec<Open>,
    /// A tag begun in one piece and not ended in it, and where it starts in the file.
    partial: Option<(String, usize)>,
    /// Elements closed early by an end tag of an element around them: the stray end
    /// tag each one's author wrote later is not a second problem.
    closed_early: Vec<String>,
    /// SVG or MathML elements open (`/>` closes any element in them).
    foreign: usize,
    problems: Vec<(usize, Problem)>,
    /// See [`Balance::take_deepest`].
    deepest: (usize, usize),
}

impl Balance {
    /// Reads one piece of raw HTML. `at` is where it starts in the file and `exact`
    /// whether it is written there as it is (not cut out of a quote or a list item, whose
    /// markers pulldown-cmark takes away); if not, its problems are placed at its start.
    pub(super) fn feed(&mut self, piece: &str, at: usize, exact: bool) {
        let joined;
        let (text, base, origin) = match self.partial.take() {
            Some((mut head, start)) => {
                let len = head.len();
                head.push_str(piece);
                joined = head;
                (joined.as_str(), start, Some(len))
            }
            None => (piece, at, None),
        };
        // Where byte `i` of `text` is in the file.
        let place = |i: usize| match origin {
            Some(len) if i < len => base,
            Some(len) if exact => at + (i - len),
            None if exact => at + i,
            _ => at,
        };
        self.read(text, &place);
    }

    /// The problems of the whole body, in the order of the file.
    /// The most of the author's elements open at once since the last call, and where
    /// the innermost of them opened (the limit of nesting is checked in between).
    pub(super) fn take_deepest(&mut self) -> (usize, usize) {
        let now = (self.open.len(), self.open.last().map_or(0, |o| o.at));
        std::mem::replace(&mut self.deepest, now)
    }

    pub(super) fn finish(mut self) -> Vec<(usize, Problem)> {
        match std::mem::take(&mut self.state) {
            State::Comment(at) => self.problems.push((at, Problem::OpenComment)),
            State::RawText { name, at } => self.problems.push((at, Problem::OpenRawText(name))),
            State::Plaintext | State::Markup => {}
        }
        if let Some((text, at)) = self.partial.take() {
            let start: String = text
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(20)
                .collect();
            self.problems.push((at, Problem::Unended(start)));
        }
        for open in std::mem::take(&mut self.open) {
            self.unclosed(open);
        }
        self.problems.sort_by_key(|(at, _)| *at);
        self.problems
    }

    /// Reads `text` from its start; `place` gives a byte's offset in the file.
    fn read(&mut self, text: &str, place: &dyn Fn(usize) -> usize) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            i = match &self.state {
                State::Plaintext => return,
                State::Comment(_) => match comment_end(&bytes[i..]) {
                    Some(end) => {
                        self.state = State::Markup;
                        i + end
                    }
                    None => return,
                },
                State::RawText { name, .. } => match raw_text_end(&text[i..], name) {
                    Some(end) => {
                        self.state = State::Markup;
                        i + end
                    }
                    None => return,
                },
                State::Markup => match memchr::memchr(b'<', &bytes[i..]) {
                    Some(lt) => self.markup(text, i + lt, place),
                    None => return,
                },
            };
        }
    }

    /// Reads what starts at the `<` at `lt`; returns where reading goes on.
    fn markup(&mut self, text: &str, lt: usize, place: &dyn Fn(usize) -> usize) -> usize {
        let rest = &text[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            // `<!-->` and `<!--->` are whole (empty) comments.
            if after.starts_with('>') || after.starts_with("->") {
                return lt + rest.find('>').map_or(rest.len(), |g| g + 1);
            }
            self.state = State::Comment(place(lt));
            return lt + 4;
        }
        let b = rest.as_bytes();
        let is_tag = matches!(b.get(1), Some(c) if c.is_ascii_alphabetic())
            || (b.get(1) == Some(&b'/') && matches!(b.get(2), Some(c) if c.is_ascii_alphabetic()));
        let is_other = matches!(b.get(1), Some(b'!' | b'?'));
        if !is_tag && !is_other {
            return lt + 1;
        }
        let Some(len) = tag_len(rest) else {
            self.partial = Some((rest.to_string(), place(lt)));
            return text.len();
        };
        if is_tag {
            self.tag(&rest[..len], place(lt));
        }
        lt + len
    }

    /// A whole start or end tag written at `at`.
    fn tag(&mut self, tag: &str, at: usize) {
        let end = tag.as_bytes()[1] == b'/';
        let Some(name) = tag_name(&tag[1 + usize::from(end)..]) else {
            return;
        };
        if end {
            self.end_tag(name, at);
            return;
        }
        let slash = tag.ends_with("/>");
        // `/>` closes any element in SVG or MathML, and `<svg/>` and `<math/>` themselves.
        let foreign = self.foreign > 0 || FOREIGN.contains(&name.as_str());
        if VOID.contains(&name.as_str()) || (slash && foreign) {
            return;
        }
        if self.foreign == 0 && RAW_TEXT.contains(&name.as_str()) {
            self.state = State::RawText { name, at };
            return;
        }
        if self.foreign == 0 && is_office(&name) {
            // Word's `<o:p>`: left out of the page (see `without_office_tags`).
            return;
        }
        if self.foreign == 0 && name == "plaintext" {
            self.problems.push((at, Problem::Plaintext));
            self.state = State::Plaintext;
            return;
        }
        if self.foreign == 0 && !name.contains('-') && KNOWN.binary_search(&name.as_str()).is_err()
        {
            let shown = crate::text::spaces::shorten(tag, 40).into_owned();
            self.problems.push((at, Problem::Unknown(shown)));
            // Its end tag, if the author wrote one, is the same mistake.
            self.closed_early.push(name);
            return;
        }
        if FOREIGN.contains(&name.as_str()) {
            self.foreign += 1;
        }
        self.open.push(Open { name, at, slash });
        if self.open.len() > self.deepest.0 {
            self.deepest = (self.open.len(), at);
        }
    }

    /// An end tag: it closes the latest open element of its name, and any left open
    /// inside that one.
    fn end_tag(&mut self, name: String, at: usize) {
        if self.foreign == 0 && is_office(&name) {
            return;
        }
        let Some(i) = self.open.iter().rposition(|o| o.name == name) else {
            if let Some(k) = self.closed_early.iter().rposition(|n| *n == name) {
                self.closed_early.remove(k);
            } else if !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) {
                self.problems.push((at, Problem::Stray(name)));
            }
            return;
        };
        let inner: Vec<Open> = self.open.drain(i + 1..).collect();
        for open in inner {
            if !OPTIONAL_END.contains(&open.name.as_str()) {
                self.closed_early.push(open.name.clone());
            }
            self.unclosed(open);
        }
        if let Some(open) = self.open.pop() {
            if FOREIGN.contains(&open.name.as_str()) {
                self.foreign = self.foreign.saturating_sub(1);
            }
        }
    }

    /// An element that was never closed is a problem unless HTML lets its end tag go.
    fn unclosed(&mut self, open: Open) {
        if FOREIGN.contains(&open.name.as_str()) {
            self.foreign = self.foreign.saturating_sub(1);
        }
        if !OPTIONAL_END.contains(&open.name.as_str()) {
            let problem = Problem::Unclosed {
                name: open.name,
                slash: open.slash,
            };
            self.problems.push((open.at, problem));
        }
    }
}

/// Whether a tag's name (in lower case) has a prefix, as the Office tags a paste from
/// Word brings (`o:p`, `w:sdt`, `v:shape`, `st1:place`): HTML has no such element.
/// (`<https://example.org>` and `<mailto:a@b.org>` are not: the first has nothing after
/// its colon, the second an `@`.)
fn is_office(name: &str) -> bool {
    let Some((prefix, local)) = name.split_once(':') else {
        return false;
    };
    let word = |s: &str, more: &[u8]| {
        s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || more.contains(&c))
    };
    prefix
        .bytes()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && word(prefix, b"")
        && !local.is_empty()
        && word(local, b"-_.")
}

/// `piece`, a piece of raw HTML, without its Office tags (`<o:p>`, `</o:p>`), or `None`
/// if it has none. HTML has no such element and a browser shows only what is inside
/// one, so the page is written with what is inside and without the tags: it stays
/// valid HTML and loses nothing. Comments and tags inside SVG or MathML are left as
/// they are.
pub(super) fn without_office_tags(piece: &str) -> Option<String> {
    let b = piece.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut kept, mut foreign) = (0, 0, 0usize);
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) {
        let rest = &piece[lt..];
        if rest.starts_with("<!--") {
            i = lt + 4 + comment_end(&b[lt + 4..]).unwrap_or(b.len() - lt - 4);
            continue;
        }
        let end = rest.as_bytes().get(1) == Some(&b'/');
        let Some(name) = tag_name(&rest[1 + usize::from(end)..]) else {
            i = lt + 1;
            continue;
        };
        let len = tag_len(rest).unwrap_or(rest.len());
        if FOREIGN.contains(&name.as_str()) {
            foreign = if end {
                foreign.saturating_sub(1)
            } else {
                foreign + 1
            };
        } else if foreign == 0 && is_office(&name) {
            let out = out.get_or_insert_with(|| String::with_capacity(piece.len()));
            out.push_str(&piece[kept..lt]);
            kept = lt + len;
        }
        i = lt + len.max(1);
    }
    let mut out = out?;
    out.push_str(&piece[kept..]);
    Some(out)
}

/// Where a comment's text ends, just after its `-->` (or `--!>`, which browsers also
/// take as the end), or `None` if it does not end in `b`.
fn comment_end(b: &[u8]) -> Option<usize> {
    let plain = memchr::memmem::find(b, b"-->").map(|k| k + 3);
    let bang = memchr::memmem::find(b, b"--!>").map(|k| k + 4);
    match (plain, bang) {
        (Some(p), Some(q)) => Some(p.min(q)),
        (p, q) => p.or(q),
    }
}

/// The lower-cased name at the start of a tag's text (after `<` or `</`).
fn tag_name(s: &str) -> Option<String> {
    let end = s
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(s.len());
    let name = &s[..end];
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// The length of the tag (or `<!...>`, `<?...>`) at the start of `s`, up to and with its
/// `>`, skipping quoted attribute values; `None` if it does not end in `s`.
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if matches!(b.get(1), Some(b'!' | b'?')) {
        return s.find('>').map(|g| g + 1);
    }
    let mut quote = None;
    let mut after_equals = false;
    for (i, &c) in b.iter().enumerate().skip(1) {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if after_equals => quote = Some(c),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
        if quote.is_none() && !c.is_ascii_whitespace() {
            after_equals = c == b'=';
        }
    }
    None
}

/// Where the text of a raw-text element `name` ends: just after its end tag, or `None`
/// if it does not end in `s`.
fn raw_text_end(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&b[from..], b"</") {
        let start = from + k + 2;
        let end = start + name.len();
        let named = b
            .get(start..end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let delimited =
            matches!(b.get(end), Some(c) if c.is_ascii_whitespace() || *c == b'/' || *c == b'>');
        if named && delimited {
            return Some(s[end..].find('>').map_or(s.len(), |g| end + g + 1));
        }
        from = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of pieces fed in order, each written where the last one ended.
    fn problems(pieces: &[&str]) -> Vec<(usize, Problem)> {
        let mut b = Balance::default();
        let mut at = 0;
        for p in pieces {
            b.feed(p, at, true);
            at += p.len();
        }
        b.finish()
    }

    fn unclosed(name: &str) -> Problem {
        Problem::Unclosed {
            name: name.into(),
            slash: false,
        }
    }

    #[test]
    fn closed_html_has_no_problem() {
        let ok = [
            "<div class=\"x\">\n",
            "<details><summary>More</summary>\n",
            "<p>One<p>Two <br> <img src=a.png alt=\"a > b\"></p>\n",
            "<ul><li>a<li>b</ul>\n",
            "<svg viewBox=\"0 0 1 1\"><title>Dot</title><circle r=\"1\"/></svg>\n",
            "<!-- note --><!--><!---><!-- bang --!>\n",
            "<svg class=\"icon\" viewBox=\"0 0 1 1\"/><math/>\n",
            "<textarea>x</TEXTAREA ><script>if (a</b) {}</script>\n",
            "</details>\n",
            "</div>\n",
        ];
        assert_eq!(problems(&ok), vec![]);
    }

    #[test]
    fn a_comment_never_closed_is_placed_at_its_start() {
        assert_eq!(
            problems(&["text\n", "  <!-- hidden\n", "more\n"]),
            vec![(7, Problem::OpenComment)]
        );
    }

    #[test]
    fn raw_text_never_closed_takes_the_rest() {
        assert_eq!(
            problems(&["<textarea>\n", "</div>\n", "<b>\n"]),
            vec![(0, Problem::OpenRawText("textarea".into()))]
        );
        assert_eq!(
            problems(&["<title>x</titles>"]),
            vec![(0, Problem::OpenRawText("title".into()))]
        );
    }

    #[test]
    fn an_element_left_open_is_named_once_and_its_late_end_tag_is_not_stray() {
        // `</b>` closes <b> with <i> still open inside it; the later `</i>` is the same
        // mistake.
        assert_eq!(
            problems(&["<b>", "<i>", "</b>", "</i>", "<a href=x>"]),
            vec![(3, unclosed("i")), (14, unclosed("a"))]
        );
    }

    #[test]
    fn an_end_tag_with_nothing_to_close_is_stray_unless_html_ignores_it() {
        assert_eq!(
            problems(&["</div>", "</p>", "</li>", "</br>"]),
            vec![(0, Problem::Stray("div".into()))]
        );
    }

    #[test]
    fn a_self_closed_html_element_stays_open() {
        assert_eq!(
            problems(&["<div/>"]),
            vec![(
                0,
                Problem::Unclosed {
                    name: "div".into(),
                    slash: true
                }
            )]
        );
    }

    #[test]
    fn a_tag_over_several_lines_is_read_whole() {
        assert_eq!(
            problems(&["<a href=\"x\"\n", "   title='>'>\n", "</a>\n"]),
            vec![]
        );
        assert_eq!(
            problems(&["x <div\n", "  class=a\n"]),
            vec![(2, Problem::Unended("<div".into()))]
        );
    }

    #[test]
    fn known_names_are_sorted_for_the_binary_search() {
        assert!(KNOWN.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_tag_html_does_not_have_is_named_once_with_its_words() {
        assert_eq!(
            problems(&[
                "<y and z>",
                "</y>",
                "<my-widget>",
                "</my-widget>",
                "<svg><foo/></svg>"
            ]),
            vec![(0, Problem::Unknown("<y and z>".into()))]
        );
    }

    #[test]
    fn office_tags_from_word_are_no_problem_and_are_left_out_of_the_page() {
        let pasted =
            "<p class=MsoNormal><span lang=EN-CA>Clinics were closed.<o:p></o:p></span></p>";
        assert_eq!(
            problems(&[pasted, "<st1:place>Toronto</st1:place>"]),
            vec![]
        );
        assert_eq!(
            without_office_tags(pasted).as_deref(),
            Some("<p class=MsoNormal><span lang=EN-CA>Clinics were closed.</span></p>")
        );
        assert_eq!(
            without_office_tags("<W:Sdt a='>'>In <st1:place>Toronto</st1:place></W:Sdt>")
                .as_deref(),
            Some("In Toronto")
        );
        let kept = "<!-- <o:p> --><svg><a:b/></svg> a < b <https://example.org>";
        assert_eq!(without_office_tags(kept), None);
    }

    #[test]
    fn a_self_closed_svg_leaves_html_after_it_read_as_html() {
        assert_eq!(
            problems(&["<svg/>", "<textarea>"]),
            vec![(6, Problem::OpenRawText("textarea".into()))]
        );
    }

    #[test]
    fn plaintext_is_always_a_problem() {
        assert_eq!(
            problems(&["<plaintext>", "</plaintext>"]),
            vec![(0, Problem::Plaintext)]
        );
    }

    #[test]
    fn a_piece_not_written_as_it_is_places_its_problems_at_its_start() {
        let mut b = Balance::default();
        b.feed("ok <b>", 10, false);
        assert_eq!(b.finish(), vec![(10, unclosed("b"))]);
    }

    #[test]
    fn any_bytes_read_without_panic() {
        let mut seed = 7u64;
        for _ in 0..300 {
            let mut b = Balance::default();
            let mut piece = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let parts = [
                    "<", ">", "/", "!--", "-->", "a", "é", "\"", "'", "=", " ", "textarea", "svg",
                    "\n", "</",
                ];
                piece.push_str(parts[(seed >> 33) as usize % parts.len()]);
            }
            for (k, line) in piece.split_inclusive('\n').enumerate() {
                b.feed(line, k * 3, k % 2 == 0);
            }
            let _ = b.finish();
        }
    }
}
