//! Diagnostics: every problem found in a site, with the file, line and column where it
//! is, the offending line quoted, what is wrong and how to fix it.
//!
//! Problems are reported as they are found (ripgrep's model): a [`Reporter`] prints each
//! error and warning at once, counts suggestions per check and per page (printing them
//! only when asked), and the command decides its exit code at the end, so one run shows
//! every problem the build could reach. A problem is a small record: its line is a range
//! of the file's text, shared by every problem in that file, and it is formatted only
//! when it is shown. With `--format json` every problem is streamed to standard output.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use crate::text::rule::Rule;

/// How serious a problem is: an error fails the build, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// A hint worth a look; never fails a build, not even with --strict.
    Suggestion,
}

/// The text of the line a problem is on: a range of the file's text, which every problem
/// found in that file shares, or a copy for the few problems found where the file's text
/// is not shared. A copy of a long line is only its part around the problem: each of
/// 24,000 problems on a pasted line of 170 KB kept the whole line (4 GB).
#[derive(Debug, Clone)]
pub enum SourceLine {
    Shared {
        text: Arc<str>,
        start: usize,
        end: usize,
        /// Whether the whole text is ASCII (its [`LineIndex`] says): then a window of a
        /// long line is cut where its columns say, without reading the line up to there
        /// (a draft's paragraphs are lines of a thousand bytes).
        ascii: bool,
    },
    /// The line, or its part around the problem: `before` characters of the line are left
    /// out before `text`, and `cut` says the line goes on after it.
    Copied {
        text: Box<str>,
        before: usize,
        cut: bool,
    },
}

/// Lines up to this many bytes are copied whole; of a longer one, the part around the
/// problem is copied ([`EXCERPT`] characters on either side).
const COPIED_LINE: usize = 1024;

/// Characters of a long line copied on either side of a problem: more than a window
/// ([`SHOWN_LINE`]) reaches, so the problem is shown as it would be from the whole line.
const EXCERPT: usize = 2 * SHOWN_LINE;

impl SourceLine {
    /// The line, without its line break (of a long copied line, its part around the
    /// problem).
    pub fn as_str(&self) -> &str {
        match self {
            SourceLine::Shared {
                text, start, end, ..
            } => text.get(*start..*end).unwrap_or(""),
            SourceLine::Copied { text, .. } => text,
        }
        .trim_end_matches('\r')
    }

    /// A copy of `line` for a problem at its byte `at` (of the character there): whole
    /// if the line is short, else its part around the problem. `at` is found from the
    /// problem's column only for a long line.
    fn copied(line: &str, at: impl FnOnce(&str) -> usize) -> SourceLine {
        let line = line.trim_end_matches('\r');
        if line.len() <= COPIED_LINE {
            return SourceLine::Copied {
                text: line.into(),
                before: 0,
                cut: false,
            };
        }
        // A character takes four bytes at most: so many bytes hold [`EXCERPT`] characters
        // at least, on either side.
        let at = at(line).min(line.len());
        let mut start = at.saturating_sub(4 * EXCERPT);
        while !line.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 4 * EXCERPT).min(line.len());
        while !line.is_char_boundary(end) {
            end += 1;
        }
        SourceLine::Copied {
            text: line.get(start..end).unwrap_or_default().into(),
            before: line.get(..start).map_or(0, |s| s.chars().count()),
            cut: end < line.len(),
        }
    }
}

impl PartialEq for SourceLine {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SourceLine {}

/// Hashes nothing: a problem's file, line and column already say which line it is on,
/// and hashing a long line for every problem found on it was a tenth of a draft's build.
/// (Equal lines hash alike, as `Hash` must.)
impl Hash for SourceLine {
    fn hash<H: Hasher>(&self, _state: &mut H) {}
}

impl std::ops::Deref for SourceLine {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// The byte where character `n` of `line` starts (the line's length if it has fewer).
fn byte_of_char(line: &str, n: usize) -> usize {
    // Mostly ASCII up to there (one byte a character), checked at once.
    if line.as_bytes().get(..n).is_some_and(<[u8]>::is_ascii) {
        return n;
    }
    line.char_indices().nth(n).map_or(line.len(), |(i, _)| i)
}

/// The line; the part of a long line copied around a problem, with "…" where it was cut.
impl serde::Serialize for SourceLine {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SourceLine::Copied { text, before, cut } if *before > 0 || *cut => {
                let start = if *before > 0 { "\u{2026}" } else { "" };
                let end = if *cut { "\u{2026}" } else { "" };
                s.serialize_str(&format!("{start}{text}{end}"))
            }
            _ => s.serialize_str(self.as_str()),
        }
    }
}

/// Where a problem is: a file relative to the site root, a 1-based line and column, and
/// the text of that line when it is known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// How many characters the problem spans on its line (at least 1).
    pub length: usize,
    pub source_line: Option<SourceLine>,
}

/// One problem in the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The check that found the problem, for `[checks.rules]` and the summary.
    pub rule: Option<crate::text::rule::Rule>,
    pub message: String,
    /// Boxed: most results carry no problem, and a small `Err` keeps every `Result` small.
    pub location: Option<Box<Location>>,
    pub file_only: Option<Box<str>>,
    pub help: Option<String>,
    /// A sentence quoted in full, when the problem is a sentence.
    pub quote: Option<String>,
}

/// `text` with the characters that drive a terminal (the control characters but line
/// breaks and tabs: escape, bell, DEL, the C1 controls) shown as visible symbols (␛, ␇,
/// ␡, �): a file's name or a line of a site's text, quoted in a problem, must not clear
/// the screen or retitle the window of whoever reads it.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    // One pass the compiler can do many bytes at a time; 0xC2 starts the C1 controls
    // (and the rest of U+0080 to U+00BF, which the second pass lets through).
    let maybe = (text.bytes()).fold(false, |any, b| {
        any | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f) | (b == 0xc2)
    });
    if !maybe || !text.chars().any(is_terminal_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let shown = |c: char| match u32::from(c) {
        n @ 0..=0x1f if is_terminal_control(c) => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ if is_terminal_control(c) => '\u{fffd}',
        _ => c,
    };
    std::borrow::Cow::Owned(text.chars().map(shown).collect())
}

fn is_terminal_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// [`visible`] of an owned text, which is kept as it is when it has nothing to show.
fn visible_owned(text: String) -> String {
    match visible(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

impl Diagnostic {
    /// An error with no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule: None,
            message: visible_owned(message.into()),
            location: None,
            file_only: None,
            help: None,
            quote: None,
        }
    }

    /// A warning with no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// A suggestion with no location yet.
    pub fn suggestion(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Suggestion,
            ..Diagnostic::error(message)
        }
    }

    /// Names the check that found the problem.
    pub fn rule(mut self, rule: crate::text::rule::Rule) -> Self {
        self.rule = Some(rule);
        self
    }

    /// Marks `length` characters from the column (the offending words).
    pub fn span(mut self, length: usize) -> Self {
        if let Some(l) = self.location.as_mut() {
            l.length = length.max(1);
        }
        self
    }

    /// Quotes a whole sentence under the problem.
    pub fn quote(mut self, sentence: impl Into<String>) -> Self {
        self.quote = Some(visible_owned(cut_quote(sentence.into())));
        self
    }

    /// Places the problem at a line and column of a file whose text is known.
    pub fn at(self, file: &str, text: &str, line: usize, column: usize) -> Self {
        let source_line = text.lines().nth(line.saturating_sub(1));
        self.at_line(file, source_line, line, column)
    }

    /// Places the problem at a line whose text is already known: with a [`LineIndex`],
    /// many problems in one long file cost no more than one pass over it.
    pub fn at_line(self, file: &str, source: Option<&str>, line: usize, column: usize) -> Self {
        let source_line = source.map(|l| {
            // The byte of the problem's character (the line's end if it has fewer).
            let skip = column.saturating_sub(1);
            SourceLine::copied(l, |l| byte_of_char(l, skip))
        });
        self.placed(file, (line, column), source_line)
    }

    /// Places the problem at a byte offset of a file.
    pub fn at_offset(self, file: &str, index: &LineIndex, text: &str, offset: usize) -> Self {
        let (line, column) = index.locate(text, offset);
        let source_line = index.range(text, line).map(|(start, end)| {
            let at = offset.saturating_sub(start);
            SourceLine::copied(text.get(start..end).unwrap_or_default(), |_| at)
        });
        self.placed(file, (line, column), source_line)
    }

    /// Places the problem at a byte offset of a file whose text is shared: the problem
    /// keeps where its line is in that text, not a copy of it.
    pub fn at_shared(self, file: &str, index: &LineIndex, text: &Arc<str>, offset: usize) -> Self {
        let place = index.locate(text, offset);
        self.at_shared_place(file, index, text, place)
    }

    /// [`Diagnostic::at_shared`] for a place already located (its line and column).
    pub fn at_shared_place(
        self,
        file: &str,
        index: &LineIndex,
        text: &Arc<str>,
        (line, column): (usize, usize),
    ) -> Self {
        let source_line = index
            .range(text, line)
            .map(|(start, end)| SourceLine::Shared {
                text: Arc::clone(text),
                start,
                end,
                ascii: index.is_ascii(text),
            });
        self.placed(file, (line, column), source_line)
    }

    /// Places the problem at a line and column of a file, with the text of its line.
    fn placed(
        mut self,
        file: &str,
        (line, column): (usize, usize),
        source_line: Option<SourceLine>,
    ) -> Self {
        self.location = Some(Box::new(Location {
            file: visible(file).into_owned(),
            line,
            column,
            length: 1,
            source_line,
        }));
        self
    }

    /// Names the file of a problem that has no line (a missing file, an output page).
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file_only = Some(visible_owned(file.into()).into_boxed_str());
        self
    }

    /// Adds the sentence that tells the user how to fix the problem.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(visible_owned(help.into()));
        self
    }

    /// `file:line:column`, or the file alone, or nothing.
    pub fn place(&self) -> Option<String> {
        match (&self.location, &self.file_only) {
            (Some(l), _) => Some(format!("{}:{}:{}", l.file, l.line, l.column)),
            (None, Some(f)) => Some(f.to_string()),
            (None, None) => None,
        }
    }

    /// The file the problem is in, if it names one.
    pub fn file(&self) -> Option<&str> {
        self.location
            .as_deref()
            .map(|l| l.file.as_str())
            .or(self.file_only.as_deref())
    }

    /// The key a reporter tells problems apart by: a hash of all of the problem but the
    /// text of its quoted sentence, of which only the length is hashed. The sentence is
    /// the one at the problem's place (its file, line, column and length, which are
    /// hashed); hashing each long sentence's quote as well was a third of the hashing of
    /// a draft's shown problems.
    fn key(&self) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        let Diagnostic {
            severity,
            rule,
            message,
            location,
            file_only,
            help,
            quote,
        } = self;
        (severity, rule, message, location, file_only, help).hash(&mut hasher);
        quote.as_ref().map(String::len).hash(&mut hasher);
        hasher.finish()
    }

    /// Renders the problem the way rustc does, with or without terminal colours.
    pub fn render(&self, colour: bool) -> String {
        let mut out = String::new();
        self.render_into(&mut out, colour);
        out
    }

    /// Appends the problem, rendered as [`Diagnostic::render`] does, to `out`.
    pub fn render_into(&self, out: &mut String, colour: bool) {
        if colour {
            self.render_with::<true>(out);
        } else {
            self.render_with::<false>(out);
        }
    }

    /// [`Diagnostic::render_into`], with or without colours (`COLOUR`): each piece of
    /// fixed text, its colours included, is one constant, so that a draft's tens of
    /// thousands of findings are written in few, short copies, on the main thread after
    /// the pages.
    fn render_with<const COLOUR: bool>(&self, out: &mut String) {
        let pick = pick::<COLOUR>;
        let (head, tint) = match self.severity {
            Severity::Error => (pick("\x1b[1;31merror", "error"), pick("\x1b[1;31m", "")),
            Severity::Warning => (pick("\x1b[1;33mwarning", "warning"), pick("\x1b[1;33m", "")),
            Severity::Suggestion => (
                pick("\x1b[1;34msuggestion", "suggestion"),
                pick("\x1b[1;34m", ""),
            ),
        };
        let reset_nl = pick("\x1b[0m\n", "\n");
        out.push_str(head);
        if let Some(rule) = self.rule {
            out.push('[');
            out.push_str(rule.as_str());
            out.push(']');
        }
        out.push_str(pick("\x1b[0m\x1b[1m: ", ": "));
        out.push_str(&self.message);
        out.push_str(reset_nl);
        match (&self.location, &self.file_only) {
            (Some(l), _) => {
                out.push_str(pick("  \x1b[1;34m-->\x1b[0m ", "  --> "));
                out.push_str(&l.file);
                out.push(':');
                push_number(out, l.line);
                out.push(':');
                push_number(out, l.column);
                out.push('\n');
            }
            (None, Some(f)) => {
                out.push_str(pick("  \x1b[1;34m-->\x1b[0m ", "  --> "));
                out.push_str(f);
                out.push('\n');
            }
            (None, None) => {}
        }
        if let Some(l) = self.location.as_deref() {
            push_source_line::<COLOUR>(out, l, tint);
        }
        if let Some(q) = &self.quote {
            out.push_str(pick(
                "  \x1b[1;34m=\x1b[0m sentence: \u{201c}",
                "  = sentence: \u{201c}",
            ));
            out.push_str(q);
            out.push_str("\u{201d}\n");
        }
        if let Some(help) = &self.help {
            out.push_str(pick(
                "  \x1b[1;34m=\x1b[0m \x1b[1mhelp\x1b[0m: ",
                "  = help: ",
            ));
            out.push_str(help);
            out.push('\n');
        }
    }
}

/// The most of a quoted sentence shown: a paragraph written as one line can be
/// megabytes long, and the problem's place already shows where it is.
const MOST_QUOTED: usize = 600;

/// A sentence cut to [`MOST_QUOTED`] bytes (at a character), with "…" where it was cut.
fn cut_quote(mut sentence: String) -> String {
    if sentence.len() > MOST_QUOTED {
        let mut end = MOST_QUOTED;
        while !sentence.is_char_boundary(end) {
            end -= 1;
        }
        sentence.truncate(end);
        sentence.push('\u{2026}');
    }
    sentence
}

/// A piece of fixed text with its colours (`coloured`) or without (`plain`).
const fn pick<const COLOUR: bool>(coloured: &'static str, plain: &'static str) -> &'static str {
    if COLOUR {
        coloured
    } else {
        plain
    }
}

/// Appends the line a problem is on, with its number, and the carets under the problem
/// (in `tint`), as [`Diagnostic::render_into`] shows them, with or without colours.
fn push_source_line<const COLOUR: bool>(out: &mut String, location: &Location, tint: &str) {
    let pick = pick::<COLOUR>;
    let (blue, reset_nl) = (pick("\x1b[1;34m", ""), pick("\x1b[0m\n", "\n"));
    let Location {
        line,
        column,
        length,
        source_line: Some(src),
        ..
    } = location
    else {
        return;
    };
    let mut digits = itoa::Buffer::new();
    let number = digits.format(*line);
    let pad = number.len();
    push_repeated(out, ' ', pad);
    out.push_str(pick(" \x1b[1;34m|\x1b[0m\n", " |\n"));
    out.push_str(blue);
    out.push_str(number);
    out.push_str(pick("\x1b[0m \x1b[1;34m|\x1b[0m ", " | "));
    let start = out.len();
    let skip = column.saturating_sub(1);
    let ascii = matches!(src, SourceLine::Shared { ascii: true, .. });
    let (shown, before) = match src {
        SourceLine::Copied { text, before, cut } if *before > 0 || *cut => {
            push_excerpt_window(out, (text, *before, *cut), skip, *length)
        }
        _ => push_window(out, (src.as_str(), ascii), skip, *length),
    };
    let room = shown.saturating_sub(before).max(1);
    let marked = (*length).clamp(1, room);
    // The line's characters that drive a terminal are shown as symbols, one each.
    if let Some(std::borrow::Cow::Owned(line)) = out.get(start..).map(visible) {
        out.truncate(start);
        out.push_str(&line);
    }
    // In columns, not characters: a wide character (Han, most emoji) takes two.
    let shown = out.get(start..).unwrap_or_default();
    let (before, marked) = caret_columns((shown, ascii), before, marked);
    out.push('\n');
    push_repeated(out, ' ', pad);
    out.push_str(pick(" \x1b[1;34m|\x1b[0m ", " | "));
    push_repeated(out, ' ', before);
    out.push_str(tint);
    push_repeated(out, '^', marked);
    out.push_str(reset_nl);
}

/// Where the carets under `shown` (the part of the line shown) start and how many there
/// are, in columns, not characters: a wide character (Han, most emoji) takes two.
/// `before` and `marked`: the characters before the problem and those marked. With
/// `ascii_line` (the line is known to be ASCII), `shown` is ASCII but for a "…" at
/// either end where the line was cut, and is not read to say so.
fn caret_columns(
    (shown, ascii_line): (&str, bool),
    before: usize,
    marked: usize,
) -> (usize, usize) {
    let ascii = if ascii_line {
        !shown.starts_with('\u{2026}') && !shown.ends_with('\u{2026}')
    } else {
        shown.is_ascii()
    };
    if ascii {
        return (before, marked);
    }
    // A long line's window is cut with "…", one column wide, as printable ASCII is.
    if let Some(chars) = one_column_each(shown) {
        let before = before.min(chars);
        return (before, marked.min(chars - before).max(1));
    }
    use unicode_width::UnicodeWidthChar as _;
    let mut widths = shown.chars().map(|c| c.width().unwrap_or(0));
    let before = widths.by_ref().take(before).sum();
    (before, widths.take(marked).sum::<usize>().max(1))
}

/// How many characters `shown` has if each of them takes one column as the carets
/// count columns (`unicode_width`): printable ASCII, and the "…" at either end of a cut
/// line. A draft's long lines were measured character by character for that alone.
fn one_column_each(shown: &str) -> Option<usize> {
    let inner = shown.strip_prefix('\u{2026}').unwrap_or(shown);
    let cut_before = inner.len() < shown.len();
    let rest = inner.strip_suffix('\u{2026}').unwrap_or(inner);
    let cut_after = rest.len() < inner.len();
    // A fold, not a search that stops early: the whole line is read as a few wide words.
    let other = rest
        .bytes()
        .fold(false, |other, b| other | !(0x20..0x7f).contains(&b));
    (!other).then_some(rest.len() + usize::from(cut_before) + usize::from(cut_after))
}

/// Appends `n` copies of an ASCII character `c`, a slice at a time.
fn push_repeated(out: &mut String, c: char, mut n: usize) {
    const SPACES: &str = "                                                                ";
    const CARETS: &str = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^";
    let run = match c {
        ' ' => SPACES,
        '^' => CARETS,
        _ => {
            out.extend(std::iter::repeat_n(c, n));
            return;
        }
    };
    while n > 0 {
        let k = n.min(run.len());
        out.push_str(run.get(..k).unwrap_or_default());
        n -= k;
    }
}

/// Appends a number in decimal.
fn push_number(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

/// Lines longer than this many characters are shown as a window around the problem.
const SHOWN_LINE: usize = 100;

/// Characters shown before the problem when a long line is cut.
const SHOWN_BEFORE: usize = 30;

/// Appends the part of a source line to show (tabs as spaces; a long line cut to
/// [`SHOWN_LINE`] characters around the problem, "…" where it was cut) to `out`, and
/// says how many characters it appended and how many of them come before the problem's
/// first character (`skip` characters into the line), so the carets can be placed under
/// it. The line is copied in slices, not character by character: a draft shows tens of
/// thousands of long lines. With `ascii_line`, the line is known to be ASCII (it is not
/// read to say so).
fn push_window(
    out: &mut String,
    (line, ascii_line): (&str, bool),
    skip: usize,
    length: usize,
) -> (usize, usize) {
    // A window never reaches past this many characters: when the line has more bytes and
    // they are ASCII up to there, it has more characters than that too, and the rest of
    // a long paragraph's line is not read at all (it was, for each of a draft's findings).
    let reach = skip + SHOWN_LINE + length.min(SHOWN_LINE) + 1;
    let ascii_to =
        |to: usize| ascii_line || line.as_bytes().get(..to).is_some_and(<[u8]>::is_ascii);
    if line.len() > reach && ascii_to(reach) {
        let from = skip.saturating_sub(SHOWN_BEFORE);
        let to = from + SHOWN_LINE.max(skip - from + length.min(SHOWN_LINE));
        let before = from > 0;
        if before {
            out.push('\u{2026}');
        }
        push_untabbed(out, line.get(from..to).unwrap_or_default());
        out.push('\u{2026}');
        return (
            to - from + usize::from(before) + 1,
            skip - from + usize::from(before),
        );
    }
    let ascii = ascii_to(line.len());
    let total = if ascii {
        line.len()
    } else {
        line.chars().count()
    };
    if total <= SHOWN_LINE {
        push_untabbed(out, line);
        return (total, skip.min(total));
    }
    let from = skip
        .saturating_sub(SHOWN_BEFORE)
        .min(total.saturating_sub(SHOWN_LINE));
    let take = SHOWN_LINE.max(skip - from + length.min(SHOWN_LINE));
    let to = (from + take).min(total);
    // The byte offsets of the characters `from` and `to`.
    let (start, end) = if ascii {
        (from, to)
    } else {
        byte_range(line, from, to)
    };
    push_cut(
        out,
        line.get(start..end).unwrap_or_default(),
        (from, to, total),
        skip,
    )
}

/// The byte range of the characters `from` to `to` of `text`.
fn byte_range(text: &str, from: usize, to: usize) -> (usize, usize) {
    let mut at = text.char_indices().map(|(i, _)| i).chain([text.len()]);
    let start = at.nth(from).unwrap_or(text.len());
    let end = match to.saturating_sub(from) {
        0 => start,
        n => at.nth(n - 1).unwrap_or(text.len()),
    };
    (start, end)
}

/// Appends `shown`, the characters `from` to `to` of a line of `total` characters, with
/// "…" where the line was cut, as [`push_window`] says what it appended.
fn push_cut(
    out: &mut String,
    shown: &str,
    (from, to, total): (usize, usize, usize),
    skip: usize,
) -> (usize, usize) {
    let (before, after) = (from > 0, to < total);
    if before {
        out.push('\u{2026}');
    }
    push_untabbed(out, shown);
    if after {
        out.push('\u{2026}');
    }
    (
        to - from + usize::from(before) + usize::from(after),
        skip.saturating_sub(from) + usize::from(before),
    )
}

/// [`push_window`] for a long line of which only `excerpt` is known: its text, how many
/// characters of the line come before it, and whether the line goes on after it. The
/// excerpt reaches further on either side of the problem than a window does, so the
/// window shown is the one cut from the whole line.
fn push_excerpt_window(
    out: &mut String,
    (text, before, cut): (&str, usize, bool),
    skip: usize,
    length: usize,
) -> (usize, usize) {
    let chars = text.chars().count();
    // Of a line cut after the excerpt, more characters than any window reaches.
    let total = if cut {
        before + chars + SHOWN_LINE + 1
    } else {
        before + chars
    };
    let from = skip
        .saturating_sub(SHOWN_BEFORE)
        .min(total.saturating_sub(SHOWN_LINE))
        .max(before);
    let take = SHOWN_LINE.max(skip.saturating_sub(from) + length.min(SHOWN_LINE));
    let to = (from + take).min(total).min(before + chars);
    let (start, end) = byte_range(text, from - before, to - before);
    push_cut(
        out,
        text.get(start..end).unwrap_or_default(),
        (from, to, total),
        skip,
    )
}

/// Appends `text` with each tab as a space.
fn push_untabbed(out: &mut String, text: &str) {
    if text.contains('\t') {
        out.extend(text.chars().map(|c| if c == '\t' { ' ' } else { c }));
    } else {
        out.push_str(text);
    }
}

/// The byte offsets where lines start, computed once per file so that every position
/// lookup is a binary search.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// The length of the text indexed.
    len: usize,
    /// Whether that text is ASCII (a column is then a byte): a draft's paragraphs are
    /// long lines, and their characters were counted for each problem found on them.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
            ascii: text.is_ascii(),
        }
    }

    /// Whether `text`, the text indexed, is ASCII.
    fn is_ascii(&self, text: &str) -> bool {
        self.ascii && text.len() == self.len
    }

    /// The text of a 1-based line, without its line break.
    pub fn line<'a>(&self, text: &'a str, line: usize) -> Option<&'a str> {
        let (start, end) = self.range(text, line)?;
        text.get(start..end)
    }

    /// The byte range of a 1-based line, without its line break.
    pub fn range(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(text.len(), |&next| next - 1);
        text.get(start..end).map(|_| (start, end))
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        self.locate_after(text, offset, None)
    }

    /// [`LineIndex::locate`], given a place located before in the same text (its line,
    /// byte offset and column), if any: a paragraph of Markdown is one long line, and
    /// its problems come mostly in order, so the characters are counted on from that
    /// place when it is on the same line and before, not again from the line's start.
    pub fn locate_after(
        &self,
        text: &str,
        offset: usize,
        last: Option<(usize, usize, usize)>,
    ) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let (from, before) = match last {
            Some((l, o, c))
                if l == line && (start..=offset).contains(&o) && text.is_char_boundary(o) =>
            {
                (o, c - 1)
            }
            _ => (start, 0),
        };
        if self.is_ascii(text) {
            return (line, before + (offset - from) + 1);
        }
        match text.get(from..offset) {
            Some(s) => (line, before + s.chars().count() + 1),
            // Not at a character's start: the line's first column.
            None => (line, 1),
        }
    }

    /// [`LineIndex::locate`], counting from the line's start every time.
    #[cfg(test)]
    fn locate_from_line_start(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        (line, column)
    }
}

/// Findings that are only counted, not shown: a check's suggestions when the reporter
/// sums them (no `--suggestions`, no `--format json`, no author view). A check that knows
/// this skips writing their message, help and place; a finding is its rule, its file and
/// a key of where it is, so that one found twice (a data file shown on pages of two
/// languages) is counted once, as [`Reporter`] counts a shown problem once.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// The files the findings are in (a page has a handful), each with its name's hash.
    files: Vec<(Box<str>, u64)>,
    /// Each finding: its rule, the index of its file in `files`, and its key.
    found: Vec<(Rule, usize, u64)>,
}

impl Tally {
    /// Counts a finding of `rule` in `file`, `len` characters from byte `offset`.
    /// The key is a hash of the rule, the file's name (hashed once, when the file is
    /// first added), the offset and the length.
    pub fn add(&mut self, rule: Rule, file: &str, offset: usize, len: usize) {
        let at = match self.files.iter().position(|(f, _)| &**f == file) {
            Some(at) => at,
            None => {
                self.files.push((file.into(), fx_hash(file)));
                self.files.len() - 1
            }
        };
        let name = self.files.get(at).map_or(0, |&(_, hash)| hash);
        self.found
            .push((rule, at, fx_hash(&(rule, name, offset, len))));
    }

    /// How many findings each rule has.
    pub fn by_rule(&self) -> BTreeMap<Rule, usize> {
        let mut counts = BTreeMap::new();
        for (rule, _, _) in &self.found {
            *counts.entry(*rule).or_default() += 1;
        }
        counts
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
}

/// Prints problems as they come and counts them; the exit code is decided at the end.
///
/// Errors and warnings are printed as they are reported; suggestions are counted per
/// check and per page and printed only with `--suggestions` (a draft has tens of thousands
/// of them; [`Reporter::suggestion_summary`] sums them up). With `--format json` every
/// problem is written to standard output as it is reported, as one JSON array.
pub struct Reporter {
    inner: Mutex<ReporterState>,
    colour: bool,
    quiet: bool,
    /// Stream every problem as JSON to standard output instead of printing it.
    json: bool,
    /// Warnings count as errors.
    strict: bool,
    /// Print every suggestion, not only their sums.
    show_suggestions: bool,
    /// Keep every problem, not only errors (the dev server's author dashboard lists them).
    keep_all: bool,
}

#[derive(Default)]
struct ReporterState {
    errors: usize,
    warnings: usize,
    suggestions: usize,
    /// Keyed by the rule (compared as a number), named when read.
    by_rule: BTreeMap<Rule, usize>,
    /// Suggestions not printed, per file, per check.
    /// (Fx-hashed: one look-up per suggestion, and a draft has a hundred thousand.)
    held: rustc_hash::FxHashMap<String, BTreeMap<&'static str, usize>>,
    /// Errors, kept for the dev server's error page (warnings and suggestions are only
    /// printed and counted: a draft has tens of thousands).
    kept: Vec<Diagnostic>,
    /// A hash of every problem reported: a problem in a file every language shares (a
    /// data file, a page standing in for a translation) is reported once.
    /// Its keys are already hashes, so they are hashed again the cheap way.
    seen: rustc_hash::FxHashSet<u64>,
    /// The hashes of the problems shown on each page's own file while the pages rendered
    /// ([`Reporter::report_pages`]), by the hash of the file's name: a draft of 10,000
    /// pages shows half a million, which `seen` held in a 9.4 MB table (14 MB while it
    /// doubled). Here they take 8 bytes each, and are read only for a problem reported
    /// on that file later (a site-wide check's).
    own: rustc_hash::FxHashMap<u64, Box<[u64]>>,
    /// The JSON stream, once its first problem is written.
    json_out: Option<BufWriter<std::io::Stdout>>,
    /// What masks the names of people who are not named in full before a problem is
    /// printed, streamed or kept (see [`Reporter::mask_with`]).
    mask: Option<Mask>,
}

/// Masks what must not reach a terminal or a log in a problem (the names of people who
/// are not named in full): given by the build once it has read who they are.
pub type Mask = std::sync::Arc<dyn Fn(&mut Diagnostic) + Send + Sync>;

impl Reporter {
    /// A reporter that prints to standard error, in colour only on a terminal that
    /// accepts it (and never when `NO_COLOR` is set).
    pub fn new() -> Self {
        let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Reporter {
            inner: Mutex::new(ReporterState::default()),
            colour,
            quiet: false,
            json: false,
            strict: false,
            show_suggestions: false,
            keep_all: false,
        }
    }

    /// Masks every problem reported from now on with `mask` before it is printed,
    /// streamed as JSON or kept (`None`: none). Terminals and JSON reports end up in
    /// shared logs, and any problem can quote a line that names someone.
    pub fn mask_with(&self, mask: Option<Mask>) {
        self.lock().mask = mask;
    }

    /// Treats every warning as an error (`--strict`).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Keeps every problem for [`Reporter::diagnostics`], warnings and suggestions too
    /// (the dev server's author dashboard lists them all; a build keeps only errors).
    pub fn keep_all(mut self) -> Self {
        self.keep_all = true;
        self
    }

    /// Prints every suggestion (`--suggestions`), not only their sums.
    pub fn show_suggestions(mut self, show: bool) -> Self {
        self.show_suggestions = show;
        self
    }

    /// Streams every problem to standard output as JSON instead of printing it; call
    /// [`Reporter::finish_json`] at the end.
    pub fn collect_json(mut self, json: bool) -> Self {
        self.json = json;
        self
    }

    /// Closes the JSON array of problems on standard output (an empty one if there were none).
    pub fn finish_json(&self) {
        let mut state = self.lock();
        let end: &[u8] = if state.json_out.is_some() {
            b"\n]\n"
        } else {
            b"[]\n"
        };
        let mut out = state
            .json_out
            .take()
            .unwrap_or_else(|| BufWriter::new(std::io::stdout()));
        let _ = out.write_all(end);
        let _ = out.flush();
    }

    /// How many problems each rule found, by rule name.
    pub fn by_rule(&self) -> BTreeMap<String, usize> {
        self.lock()
            .by_rule
            .iter()
            .map(|(r, n)| (r.as_str().to_string(), *n))
            .collect()
    }

    pub fn suggestions(&self) -> usize {
        self.lock().suggestions
    }

    /// Like [`Reporter::by_rule`], for the problems printed: without the suggestions
    /// only summed up ([`Reporter::suggestion_summary`] counts those).
    pub fn shown_by_rule(&self) -> BTreeMap<String, usize> {
        let state = self.lock();
        let mut held: BTreeMap<&str, usize> = BTreeMap::new();
        for (rule, n) in state.held.values().flatten() {
            *held.entry(rule).or_default() += n;
        }
        state
            .by_rule
            .iter()
            .map(|(r, n)| {
                let held = held.get(r.as_str()).copied().unwrap_or(0);
                (r.as_str().to_string(), n - held.min(*n))
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// A reporter that keeps problems without printing them (tests, the dev server).
    pub fn silent() -> Self {
        Reporter {
            quiet: true,
            ..Reporter::new()
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ReporterState> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Reports one problem.
    pub fn report(&self, diagnostic: Diagnostic) {
        self.report_all(std::iter::once(diagnostic));
    }

    /// The check of a suggestion that is only summed, not printed: a check's suggestion,
    /// without `--suggestions` or `--format json`. A suggestion no check made (a note on
    /// the site's settings) is a one-off: it is always shown.
    fn summed(&self, d: &Diagnostic) -> Option<Rule> {
        d.rule
            .filter(|_| d.severity == Severity::Suggestion && !self.show_suggestions && !self.json)
    }

    /// Counts the suggestions of `diagnostics` that are only summed, and takes them out.
    /// The threads that render pages call it on each page's problems, so that a draft's
    /// tens of thousands of suggestions are never all held at once; their order does not
    /// matter, as only their sums are shown.
    pub fn count_summed(&self, diagnostics: &mut Vec<Diagnostic>) {
        if self.show_suggestions || self.json {
            return;
        }
        let mut state = self.lock();
        diagnostics.retain(|d| match self.summed(d) {
            Some(rule) => {
                if state.first_time(d) {
                    state.hold(d, rule);
                }
                false
            }
            None => true,
        });
    }

    /// Whether a check's suggestions are only counted: the checks may then hand them
    /// over as a [`Tally`] instead of writing each one out.
    pub fn counts_only(&self) -> bool {
        !self.show_suggestions && !self.json && !self.keep_all
    }

    /// Counts the findings of a [`Tally`], each once, as [`Reporter::count_summed`] counts
    /// the suggestions it takes out. `own`: a file no other tally has findings in (a
    /// page's own file, when no other page is made from it): its findings are told apart
    /// within this tally only, not kept for the whole build (a draft of 10,000 pages has
    /// 900,000 of them, a 19 MB table).
    pub fn count_tally(&self, tally: Tally, own: Option<&str>) {
        if tally.found.is_empty() {
            return;
        }
        let own = own.and_then(|own| tally.files.iter().position(|(f, _)| &**f == own));
        // Sized once for the page's own keys: grown as they came, it was put back
        // again and again.
        let mut here = rustc_hash::FxHashSet::with_capacity_and_hasher(
            own.map_or(0, |_| tally.found.len()),
            Default::default(),
        );
        let mut state = self.lock();
        // Summed per file and rule first: a page has a handful of each, and its
        // suggestions are many (a draft's page, about ninety).
        let mut sums: Vec<(usize, Rule, usize)> = Vec::new();
        for (rule, file, key) in tally.found {
            let new = if Some(file) == own {
                here.insert(key)
            } else {
                state.seen.insert(key)
            };
            if new {
                match sums.iter_mut().find(|(f, r, _)| *f == file && *r == rule) {
                    Some((_, _, n)) => *n += 1,
                    None => sums.push((file, rule, 1)),
                }
            }
        }
        for (file, rule, n) in sums {
            let page = tally.files.get(file).map_or("(site)", |(f, _)| &**f);
            state.count_held(page, rule, n);
        }
    }

    /// Reports several problems, in the order given, written to the terminal a chunk at a
    /// time ([`SHOWN_CHUNK`] bytes), never mixed with the problems of another call.
    pub fn report_all(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.report_pages([(None, diagnostics)]);
    }

    /// [`Reporter::report_all`] for the problems of several pages in turn, each with the
    /// page's own file when no other page is made from it (see `shared_files` in the
    /// pipeline): a problem on that file is told apart within the page and from those
    /// reported before, and its hash is kept with the file's, not in the build's table.
    pub fn report_pages<'f, D>(&self, pages: impl IntoIterator<Item = (Option<&'f str>, D)>)
    where
        D: IntoIterator<Item = Diagnostic>,
    {
        // Taken before the reporter's own lock, and held to the end: nothing else written
        // to the terminal (the server's "Changed: …") comes between one call's chunks.
        // Nothing takes the two the other way round: the reporter never prints while it
        // holds its lock but here.
        self.report_to(pages, std::io::stderr().lock());
    }

    /// [`Reporter::report_pages`], printing to `terminal`. The problems are counted and
    /// told apart under the reporter's lock, and written out after it is let go: the
    /// threads that render the next pages take that lock once a page to count their
    /// suggestions, and waited while a draft's thousands of warnings were written out.
    fn report_to<'f, D>(
        &self,
        pages: impl IntoIterator<Item = (Option<&'f str>, D)>,
        mut terminal: impl Write,
    ) where
        D: IntoIterator<Item = Diagnostic>,
    {
        thread_local! {
            // What is printed, kept from call to call: a draft prints tens of kilobytes
            // a page, and a new string grew to that size again for every page.
            static TEXT: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
        }
        let mut text = TEXT.take();
        text.reserve(SHOWN_CHUNK);
        let mut shown = Shown::default();
        let mut state = self.lock();
        for (own, diagnostics) in pages {
            let mut page = own.map(|file| state.own_file(file));
            let diagnostics = diagnostics.into_iter();
            // Room for the page's problems at once: a list grown one by one copied them.
            shown.later.reserve(diagnostics.size_hint().0);
            for d in diagnostics {
                self.report_one(&mut state, d, page.as_mut(), &mut shown);
            }
            if let Some(page) = page {
                state.keep_own(page);
            }
        }
        drop(state);
        // The terminal (standard error) is still held: the chunks of one call are not
        // mixed with another's.
        shown.write(&mut text, &mut terminal, self.colour);
        // A rare huge problem is not kept.
        if text.capacity() <= 4 * SHOWN_CHUNK {
            TEXT.set(text);
        }
    }

    /// Counts one problem of [`Reporter::report_to`], unless it was reported before, and
    /// streams it (JSON) or adds it to what is to be printed (`shown`).
    fn report_one(
        &self,
        state: &mut ReporterState,
        mut d: Diagnostic,
        page: Option<&mut OwnFile>,
        shown: &mut Shown,
    ) {
        if self.strict && d.severity == Severity::Warning {
            d.severity = Severity::Error;
        }
        let first = match page {
            Some(page) if d.file() == Some(page.file) => state.first_on_page(&d, page),
            _ => state.first_time(&d),
        };
        if !first {
            return;
        }
        let printed = match d.severity {
            Severity::Error => {
                state.errors += 1;
                true
            }
            Severity::Warning => {
                state.warnings += 1;
                true
            }
            Severity::Suggestion => match self.summed(&d) {
                Some(rule) => {
                    state.hold(&d, rule);
                    false
                }
                None => true,
            },
        };
        if let (Some(rule), true) = (d.rule, printed) {
            *state.by_rule.entry(rule).or_default() += 1;
        }
        if d.severity == Severity::Suggestion && printed {
            state.suggestions += 1;
        }
        let kept = d.severity == Severity::Error || self.keep_all;
        // Masked only when it is written or kept: a draft's suggestions are mostly only
        // counted.
        if let Some(mask) = (state.mask.as_ref()).filter(|_| self.json || printed || kept) {
            mask(&mut d);
        }
        if self.json {
            state.write_json(&d);
        } else if printed && !self.quiet {
            if kept {
                // Kept as well as printed: written out now, while it is at hand.
                shown.now(&d, self.colour);
            } else {
                shown.later.push(Ok(d));
                return;
            }
        }
        if kept {
            state.kept.push(d);
        }
    }

    pub fn errors(&self) -> usize {
        self.lock().errors
    }

    pub fn warnings(&self) -> usize {
        self.lock().warnings
    }

    /// Every error reported so far (warnings and suggestions are only printed and
    /// counted, unless [`Reporter::keep_all`] was asked for).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.lock().kept.clone()
    }

    /// The sums of the suggestions that were not printed: per check, then the pages with
    /// the most (at most `pages` of them, worst first), each line ready to print; empty
    /// when every suggestion was printed. `report` is where the author report is (or how
    /// to make one).
    pub fn suggestion_summary(&self, pages: usize, report: &str) -> Vec<String> {
        let state = self.lock();
        let held: usize = state.held.values().flat_map(|r| r.values()).sum();
        if held == 0 {
            return Vec::new();
        }
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for (rule, n) in state.held.values().flatten() {
            *by_rule.entry(rule).or_default() += n;
        }
        let mut lines = vec![
            format!(
                "{held} suggestion(s) not shown: add --suggestions to see them all, or read them page by page in {report}"
            ),
            format!("  by check: {}", counts(&by_rule)),
        ];
        let mut worst: Vec<(&String, usize, &BTreeMap<&'static str, usize>)> = state
            .held
            .iter()
            .map(|(file, rules)| (file, rules.values().sum(), rules))
            .collect();
        worst.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        for (file, n, rules) in worst.iter().take(pages) {
            lines.push(format!("  {}: {n} ({})", visible(file), counts(rules)));
        }
        if worst.len() > pages {
            lines.push(format!("  and {} more page(s)", worst.len() - pages));
        }
        lines
    }
}

/// What one [`Reporter::report_to`] call prints, in order: problems to write out once
/// the reporter's lock is let go, and (as ranges of `done`) those already written out
/// because the reporter keeps them too.
#[derive(Default)]
struct Shown {
    later: Vec<Result<Diagnostic, std::ops::Range<usize>>>,
    done: String,
}

impl Shown {
    /// Writes `d` out now, in its place among the problems written out later.
    fn now(&mut self, d: &Diagnostic, colour: bool) {
        let start = self.done.len();
        d.render_into(&mut self.done, colour);
        self.done.push('\n');
        self.later.push(Err(start..self.done.len()));
    }

    /// Writes every problem to `terminal`, in order, through `text` a chunk at a time:
    /// a batch of pages of a draft prints megabytes, and a string grown to hold them all
    /// was copied at every doubling.
    fn write(self, text: &mut String, terminal: &mut impl Write, colour: bool) {
        for item in self.later {
            match item {
                Ok(d) => {
                    d.render_into(text, colour);
                    text.push('\n');
                }
                Err(range) => text.push_str(self.done.get(range).unwrap_or("")),
            }
            if text.len() >= SHOWN_CHUNK {
                write_out(terminal, text);
            }
        }
        write_out(terminal, text);
    }
}

/// The problems shown so far on one page's own file (see [`Reporter::report_pages`]).
struct OwnFile<'f> {
    file: &'f str,
    keys: rustc_hash::FxHashSet<u64>,
}

/// A value's Fx hash: the key of a problem in the tables of problems reported.
fn fx_hash(value: &(impl Hash + ?Sized)) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    value.hash(&mut hasher);
    hasher.finish()
}

/// How much of [`Reporter::report_all`]'s text is gathered before it is written out.
const SHOWN_CHUNK: usize = 1 << 16;

/// Writes `text` to `terminal` (standard error), if it has anything, and empties it.
fn write_out(terminal: &mut impl Write, text: &mut String) {
    if !text.is_empty() {
        let _ = terminal.write_all(text.as_bytes());
        text.clear();
    }
}

/// `rule n, rule n` for a count per rule, the most frequent first.
fn counts(by_rule: &BTreeMap<&str, usize>) -> String {
    let mut list: Vec<(&&str, &usize)> = by_rule.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    list.iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ReporterState {
    /// Whether the problem was not reported before: a problem in a file every language
    /// shares (a data file, a page standing in for a translation) is reported once.
    fn first_time(&mut self, d: &Diagnostic) -> bool {
        let key = d.key();
        // A problem on a page's own file, reported after the page (a site-wide check's).
        let on_own =
            |file: &str| (self.own.get(&fx_hash(file))).is_some_and(|keys| keys.contains(&key));
        if !self.own.is_empty() && d.file().is_some_and(on_own) {
            return false;
        }
        self.seen.insert(key)
    }

    /// [`ReporterState::first_time`] for a problem on `page`'s own file: told apart from
    /// those reported before the pages and within the page, without adding to `seen`.
    fn first_on_page(&mut self, d: &Diagnostic, page: &mut OwnFile) -> bool {
        let key = d.key();
        !self.seen.contains(&key) && page.keys.insert(key)
    }

    /// What was shown on `file` already, as an [`OwnFile`] to add to.
    fn own_file<'f>(&mut self, file: &'f str) -> OwnFile<'f> {
        let keys = match self.own.remove(&fx_hash(file)) {
            Some(keys) => keys.iter().copied().collect(),
            None => rustc_hash::FxHashSet::default(),
        };
        OwnFile { file, keys }
    }

    /// Keeps the hashes of what was shown on a page's own file.
    fn keep_own(&mut self, page: OwnFile) {
        if !page.keys.is_empty() {
            let keys = page.keys.into_iter().collect();
            self.own.insert(fx_hash(page.file), keys);
        }
    }

    /// Counts a suggestion that is summed per check and per page, not printed.
    fn hold(&mut self, d: &Diagnostic, rule: Rule) {
        self.count_held(d.file().unwrap_or("(site)"), rule, 1);
    }

    /// Counts `n` suggestions of `rule` on `page`, summed and not printed.
    fn count_held(&mut self, page: &str, rule: Rule, n: usize) {
        self.suggestions += n;
        *self.by_rule.entry(rule).or_default() += n;
        // The page's name is copied once, not for each of its suggestions.
        if let Some(per_page) = self.held.get_mut(page) {
            *per_page.entry(rule.as_str()).or_default() += n;
            return;
        }
        self.held
            .entry(page.to_string())
            .or_default()
            .insert(rule.as_str(), n);
    }

    /// Writes one problem to the JSON stream, opening the array with the first.
    fn write_json(&mut self, d: &Diagnostic) {
        let out = match &mut self.json_out {
            Some(out) => {
                let _ = out.write_all(b",\n");
                out
            }
            None => {
                let mut out = BufWriter::new(std::io::stdout());
                let _ = out.write_all(b"[\n");
                self.json_out.insert(out)
            }
        };
        let _ = serde_json::to_writer(&mut *out, d);
    }
}

impl Default for Reporter {
    fn default() -> Self {
        Reporter::new()
    }
}

/// The candidate closest to a misspelt name, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&wrong.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        // Ties go to the first name in alphabetical order, so the same mistake gets the
        // same suggestion whatever order the names come in (often a hash set's).
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// Diagnostics of the checks, at the level a site sets for each rule.
impl crate::text::rule::CheckConfig {
    /// A diagnostic for `rule` at the site's level for it, or `None` when it is off.
    pub fn diagnostic(
        &self,
        rule: crate::text::rule::Rule,
        message: impl Into<String>,
    ) -> Option<Diagnostic> {
        self.diagnostic_at_level(rule, self.level(rule), message)
    }

    /// Like [`CheckConfig::diagnostic`] for rules whose level varies by finding (the
    /// respectful-language tiers); a site's `[checks.rules]` setting is a ceiling: it can
    /// lower every finding of the rule (to `suggestion`, or `off`) but never raise one.
    pub fn diagnostic_at_level(
        &self,
        rule: crate::text::rule::Rule,
        tier: crate::text::rule::Level,
        message: impl Into<String>,
    ) -> Option<Diagnostic> {
        let mut d = Diagnostic::error(message).rule(rule);
        d.severity = self.severity_at_level(rule, tier)?;
        Some(d)
    }

    /// How serious a finding of `rule` is on this site, or `None` when the rule is off.
    pub fn severity(&self, rule: crate::text::rule::Rule) -> Option<Severity> {
        self.severity_at_level(rule, self.level(rule))
    }

    /// How serious a finding of `rule` at `tier` is on this site (the site's setting caps
    /// it, as in [`CheckConfig::diagnostic_at_level`]), or `None` when it is off.
    pub fn severity_at_level(
        &self,
        rule: crate::text::rule::Rule,
        tier: crate::text::rule::Level,
    ) -> Option<Severity> {
        let level = self.levels.get(&rule).map_or(tier, |&cap| cap.min(tier));
        match level {
            crate::text::rule::Level::Error => Some(Severity::Error),
            crate::text::rule::Level::Warning => Some(Severity::Warning),
            crate::text::rule::Level::Suggestion => Some(Severity::Suggestion),
            crate::text::rule::Level::Off => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_that_drive_a_terminal_are_shown_as_symbols_in_every_part_of_a_problem() {
        assert_eq!(
            visible("plain « é »\tand\nlines"),
            "plain « é »\tand\nlines"
        );
        assert!(matches!(visible("é « »"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            visible("a\x1b[2Jb\x07\x7f\u{9b}c\r"),
            "a\u{241b}[2Jb\u{2407}\u{2421}\u{fffd}c\u{240d}"
        );
        let text = "title: \x1b]0;PWNED\x07\n";
        let d = Diagnostic::error("bad \x1b[31m")
            .at("content/esc\x1b[31m.md", text, 1, 8)
            .help("fix \x1b[0m")
            .quote("said \x1b[2J");
        for colour in [false, true] {
            let shown = d.render(colour);
            let own = shown.replace("\x1b[0m", "").replace("\x1b[1m", "");
            let own = (["\x1b[1;31m", "\x1b[1;34m", "\x1b[1;33m"].iter())
                .fold(own, |text, code| text.replace(code, ""));
            assert!(!own.contains('\x1b') && !own.contains('\x07'), "{shown:?}");
        }
        let long = "word ".repeat(1000);
        let quoted = Diagnostic::error("long").quote(long).quote.unwrap();
        assert_eq!(quoted.chars().last(), Some('\u{2026}'));
        assert!(quoted.len() <= MOST_QUOTED + 3, "{}", quoted.len());
    }

    /// Records each write it is given.
    #[derive(Default)]
    struct Writes(Vec<Vec<u8>>);

    impl Write for &mut Writes {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.push(buf.to_vec());
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What the reporter prints for `problems`, each as it renders, one after another.
    fn rendered(problems: &[Diagnostic]) -> String {
        let mut out = String::new();
        for d in problems {
            d.render_into(&mut out, false);
            out.push('\n');
        }
        out
    }

    #[test]
    fn many_problems_are_printed_in_slices_not_held_until_the_last() {
        let problems: Vec<Diagnostic> = (0..2_000)
            .map(|n| Diagnostic::warning(format!("problem {n}: {}", "word ".repeat(20))))
            .collect();
        let expected = rendered(&problems);
        let mut writes = Writes::default();
        Reporter::new().report_to([(None, problems)], &mut writes);
        assert!(writes.0.len() > 1, "{} bytes in one write", expected.len());
        let longest = writes.0.iter().map(Vec::len).max().unwrap_or(0);
        assert!(longest < SHOWN_CHUNK + 1_000, "a write of {longest} bytes");
        assert_eq!(String::from_utf8(writes.0.concat()).ok(), Some(expected));
    }

    #[test]
    fn errors_written_out_under_the_lock_keep_their_place_among_warnings() {
        let problems: Vec<Diagnostic> = (0..9)
            .map(|n| match n % 3 {
                0 => Diagnostic::error(format!("problem {n}")),
                _ => Diagnostic::warning(format!("problem {n}")),
            })
            .collect();
        let expected = rendered(&problems);
        let mut writes = Writes::default();
        let reporter = Reporter::new();
        reporter.report_to([(None, problems)], &mut writes);
        assert_eq!(String::from_utf8(writes.0.concat()).ok(), Some(expected));
        assert_eq!(reporter.diagnostics().len(), 3);
    }

    #[test]
    fn line_index_gives_the_text_of_a_line() {
        let text = "ab\r\ncdé\n\nfg";
        let idx = LineIndex::new(text);
        let lines: Vec<Option<&str>> = (0..=5).map(|n| idx.line(text, n)).collect();
        assert_eq!(
            lines,
            [None, Some("ab\r"), Some("cdé"), Some(""), Some("fg"), None]
        );
        let d = Diagnostic::error("x").at_offset("f", &idx, text, 1);
        assert_eq!(d.location.unwrap().source_line.as_deref(), Some("ab"));
    }

    #[test]
    fn line_index_finds_line_and_column() {
        let text = "ab\ncdé\nfg";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, 3), (2, 1));
        assert_eq!(idx.locate(text, 7), (2, 4)); // after the two-byte é
        assert_eq!(idx.locate(text, 8), (3, 1));
        assert_eq!(idx.locate(text, 100), (3, 3));
    }

    #[test]
    fn render_quotes_the_line_and_points_at_the_column() {
        let d = Diagnostic::error("broken link")
            .at("content/a.md", "one\nsee [x](y.md)\n", 2, 5)
            .help("fix it");
        let out = d.render(false);
        assert!(out.contains("--> content/a.md:2:5"), "{out}");
        assert!(out.contains("2 | see [x](y.md)"), "{out}");
        assert!(out.contains("  |     ^"), "{out}");
        assert!(out.contains("= help: fix it"), "{out}");
    }

    #[test]
    fn carets_under_wide_characters_count_two_columns_each() {
        let text = "我们使用世界卫生组织（WHO）的数据。";
        let column = text.find("WHO").unwrap();
        let out = Diagnostic::error("x")
            .at_offset("content/a.md", &LineIndex::new(text), text, column)
            .span(3)
            .render(false);
        // Ten Han characters and a full-width bracket before WHO: 22 columns.
        assert!(
            out.contains(&format!("  | {}^^^\n", " ".repeat(22))),
            "{out}"
        );
        let out = Diagnostic::error("x")
            .at_offset("content/a.md", &LineIndex::new(text), text, 0)
            .span(2)
            .render(false);
        assert!(out.contains("  | ^^^^\n"), "{out}");
    }

    #[test]
    fn a_long_line_is_shown_cut_around_the_problem_with_the_carets_under_it() {
        let line = format!("{} target {}", "a".repeat(300), "b".repeat(200));
        let d = Diagnostic::warning("x").at("f.md", &line, 1, 302).span(6);
        let out = d.render(false);
        let lines: Vec<&str> = out.lines().collect();
        let shown = lines[3].strip_prefix("1 | ").unwrap_or_default();
        let carets = lines[4].strip_prefix("  | ").unwrap_or_default();
        assert!(
            shown.starts_with('\u{2026}') && shown.ends_with('\u{2026}'),
            "{out}"
        );
        assert!(shown.chars().count() <= SHOWN_LINE + 2, "{out}");
        let at = carets.find('^').unwrap_or_default();
        let under: String = shown.chars().skip(at).take(6).collect();
        assert_eq!(under, "target", "{out}");
        assert_eq!(carets.trim(), "^^^^^^");
    }

    /// The window as it was cut character by character before it was copied in slices.
    fn window_char_by_char(line: &str, skip: usize, length: usize) -> (String, usize) {
        let total = line.chars().count();
        if total <= SHOWN_LINE {
            return (line.replace('\t', " "), skip.min(total));
        }
        let from = skip
            .saturating_sub(SHOWN_BEFORE)
            .min(total.saturating_sub(SHOWN_LINE));
        let take = SHOWN_LINE.max(skip - from + length.min(SHOWN_LINE));
        let mut shown = String::new();
        if from > 0 {
            shown.push('\u{2026}');
        }
        shown.extend(
            line.chars()
                .skip(from)
                .take(take)
                .map(|c| if c == '\t' { ' ' } else { c }),
        );
        if from + take < total {
            shown.push('\u{2026}');
        }
        (shown, skip - from + usize::from(from > 0))
    }

    #[test]
    fn a_line_window_copied_in_slices_is_the_one_cut_char_by_char() {
        let pieces = ["word ", "\t", "é", "中文", "“q”", "x"];
        let mut checked = 0;
        for seed in 0..60u64 {
            // A fixed pseudo-random line of 0 to about 400 characters.
            let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let mut next = |n: u64| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % n
            };
            let line: String = (0..next(120))
                .map(|_| pieces[next(pieces.len() as u64) as usize])
                .collect();
            checked += windows_are_those_cut_char_by_char(&line, 7, &[1, 5, 40, 150]);
        }
        assert!(checked > 1000, "{checked}");
    }

    /// Checks the window of `line` around every `step`-th character and past its end,
    /// for each of `lengths`, against [`window_char_by_char`]; returns how many it checked.
    fn windows_are_those_cut_char_by_char(line: &str, step: usize, lengths: &[usize]) -> usize {
        let mut checked = 0;
        for skip in (0..line.chars().count() + 3).step_by(step) {
            for &length in lengths {
                let (want, want_before) = window_char_by_char(line, skip, length);
                // A line known to be ASCII is cut as one read to say so.
                for known in [false, line.is_ascii()] {
                    let mut got = String::from("> ");
                    let (shown, before) = push_window(&mut got, (line, known), skip, length);
                    assert_eq!(got, format!("> {want}"), "{line:?} {skip} {length}");
                    assert_eq!(before, want_before, "{line:?} {skip} {length}");
                    assert_eq!(shown, want.chars().count(), "{line:?} {skip} {length}");
                    checked += 1;
                }
            }
        }
        checked
    }

    #[test]
    fn a_window_of_a_long_line_ascii_up_to_its_reach_is_the_one_cut_char_by_char() {
        let ascii = ["word ", "\t", "x", "ab, "];
        let other = ["é", "中文", "“q”"];
        let mut checked = 0;
        for seed in 0..40u64 {
            let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(3);
            let mut next = |n: u64| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % n
            };
            // An ASCII head of up to about 500 characters, then (or not) other characters.
            let mut line: String = (0..next(130))
                .map(|_| ascii[next(ascii.len() as u64) as usize])
                .collect();
            let tail = next(3) as usize;
            for _ in 0..tail * 20 {
                line.push_str(other[next(other.len() as u64) as usize]);
                line.push_str(ascii[next(ascii.len() as u64) as usize]);
            }
            let lengths = [0, 1, 5, 40, 99, 100, 101, 150];
            checked += windows_are_those_cut_char_by_char(&line, 5, &lengths);
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn carets_counted_in_characters_where_each_takes_one_column_are_those_counted_in_columns() {
        use crate::text::pieced_texts;
        use unicode_width::UnicodeWidthChar as _;
        let pieces = [
            "\u{2026}",
            "word",
            " ",
            "x",
            "~",
            "\x0c",
            "\x7f",
            "\u{e9}",
            "\u{4e2d}",
            "\u{1f600}",
        ];
        let mut checked = 0;
        for shown in pieced_texts(&pieces, 3_000, 12, false) {
            if shown.is_ascii() {
                continue;
            }
            let chars = shown.chars().count();
            for before in [0, 1, 2, 5, chars.saturating_sub(1), chars, chars + 3] {
                for marked in [1, 2, 4, 40] {
                    let mut widths = shown.chars().map(|c| c.width().unwrap_or(0));
                    let want_before: usize = widths.by_ref().take(before).sum();
                    let want = (want_before, widths.take(marked).sum::<usize>().max(1));
                    assert_eq!(
                        caret_columns((&shown, false), before, marked),
                        want,
                        "{shown:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn carets_under_a_window_of_an_ascii_line_are_those_of_a_window_read_whole() {
        use crate::text::pieced_texts;
        let pieces = ["word", " ", "x", "\t", "\x0c", "\x7f", "~"];
        let mut checked = 0;
        for line in pieced_texts(&pieces, 2_000, 14, false) {
            for (head, tail) in [
                ("", ""),
                ("\u{2026}", ""),
                ("", "\u{2026}"),
                ("\u{2026}", "\u{2026}"),
            ] {
                // A window as it is shown: tabs as spaces, "…" where the line was cut.
                let shown = format!("{head}{}{tail}", line.replace('\t', " "));
                let chars = shown.chars().count();
                for before in [0, 1, 2, 5, chars.saturating_sub(1), chars, chars + 3] {
                    for marked in [1, 2, 4, 40] {
                        assert_eq!(
                            caret_columns((&shown, true), before, marked),
                            caret_columns((&shown, false), before, marked),
                            "{shown:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// A problem rendered as it was before each piece of fixed text was one constant:
    /// colours and text pushed one by one.
    fn render_piece_by_piece(d: &Diagnostic, colour: bool) -> String {
        let mut out = String::new();
        let (red, yellow, blue, bold, reset) = if colour {
            (
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[1m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let (label, tint) = match d.severity {
            Severity::Error => ("error", red),
            Severity::Warning => ("warning", yellow),
            Severity::Suggestion => ("suggestion", blue),
        };
        out.extend([tint, label]);
        if let Some(rule) = d.rule {
            out.extend(["[", rule.as_str(), "]"]);
        }
        out.extend([reset, bold, ": ", &d.message, reset, "\n"]);
        match (&d.location, &d.file_only) {
            (Some(l), _) => {
                out.extend(["  ", blue, "-->", reset, " ", &l.file, ":"]);
                out.push_str(&format!("{}:{}\n", l.line, l.column));
            }
            (None, Some(f)) => out.extend(["  ", blue, "-->", reset, " ", f, "\n"]),
            (None, None) => {}
        }
        if let Some(Location {
            line,
            column,
            length,
            source_line: Some(src),
            ..
        }) = d.location.as_deref()
        {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            out.extend([&pad, " ", blue, "|", reset, "\n"]);
            out.extend([blue, &number, reset, " ", blue, "|", reset, " "]);
            let (shown, before) = push_window(
                &mut out,
                (src.as_str(), false),
                column.saturating_sub(1),
                *length,
            );
            out.push('\n');
            let room = shown.saturating_sub(before).max(1);
            out.extend([&pad, " ", blue, "|", reset, " ", &" ".repeat(before), tint]);
            out.extend(["^".repeat((*length).clamp(1, room)).as_str(), reset, "\n"]);
        }
        if let Some(q) = &d.quote {
            out.extend([
                "  ",
                blue,
                "=",
                reset,
                " sentence: \u{201c}",
                q,
                "\u{201d}\n",
            ]);
        }
        if let Some(help) = &d.help {
            out.extend([
                "  ", blue, "=", reset, " ", bold, "help", reset, ": ", help, "\n",
            ]);
        }
        out
    }

    #[test]
    fn a_problem_rendered_from_constant_pieces_is_the_one_rendered_piece_by_piece() {
        let text = format!(
            "one\n{}\tthe target “q” {}\nend",
            "a".repeat(150),
            "b".repeat(90)
        );
        let mut checked = 0;
        for severity in [Severity::Error, Severity::Warning, Severity::Suggestion] {
            for rule in [None, Some(Rule::Jargon)] {
                for place in 0..4 {
                    for extras in 0..4 {
                        let mut d = Diagnostic::error("“word” may be hard");
                        d.severity = severity;
                        d.rule = rule;
                        d = match place {
                            0 => d,
                            1 => d.in_file("content/a.md"),
                            2 => d.at("content/a.md", &text, 2, 158).span(6),
                            _ => d.at("content/b.md", &text, 1, 2),
                        };
                        if extras & 1 == 1 {
                            d = d.quote("A sentence, quoted.");
                        }
                        if extras & 2 == 2 {
                            d = d.help("use a plainer word");
                        }
                        for colour in [false, true] {
                            assert_eq!(d.render(colour), render_piece_by_piece(&d, colour));
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 192);
    }

    #[test]
    fn a_place_located_from_the_last_one_is_the_one_counted_from_its_line_start() {
        let pieces = ["word", " ", "\n", "\u{e9}", "中文", "\r\n", "x"];
        let texts = crate::text::pieced_texts(&pieces, 300, 40, true);
        let mut state = 7u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n.max(1)
        };
        let mut checked = 0;
        for text in &texts {
            let index = LineIndex::new(text);
            // Mostly forward, sometimes back, sometimes inside a character or past the end.
            let (mut at, mut last) = (0, None);
            for _ in 0..40 {
                at = match next(5) {
                    0 => next(text.len() + 3),
                    _ => at + next(12),
                };
                let (line, column) = index.locate_after(text, at, last);
                assert_eq!(
                    (line, column),
                    index.locate_from_line_start(text, at),
                    "{text:?} {at} after {last:?}"
                );
                last = Some((line, at, column));
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn a_problem_on_a_long_line_keeps_only_the_part_around_it_and_is_shown_as_from_the_whole_line()
    {
        let line: String = (0..3000)
            .map(|i| match i % 7 {
                0 => '\u{e9}',
                3 => '\u{4e2d}',
                5 => '\t',
                _ => 'a',
            })
            .collect();
        let shared: Arc<str> = Arc::from(line.as_str());
        for column in (1..3060).step_by(37) {
            for length in [1, 5, 150] {
                let copied = Diagnostic::warning("w")
                    .at_line("a.md", Some(&line), 1, column)
                    .span(length);
                let kept = copied
                    .location
                    .as_ref()
                    .and_then(|l| l.source_line.as_ref());
                assert!(kept.is_some_and(|l| l.as_str().len() < 8 * EXCERPT + 4));
                let mut whole = copied.clone();
                if let Some(l) = whole.location.as_mut() {
                    l.source_line = Some(SourceLine::Shared {
                        text: Arc::clone(&shared),
                        start: 0,
                        end: line.len(),
                        ascii: line.is_ascii(),
                    });
                }
                assert_eq!(
                    copied.render(false),
                    whole.render(false),
                    "{column} {length}"
                );
                let byte = line
                    .char_indices()
                    .nth(column - 1)
                    .map_or(line.len(), |(i, _)| i);
                let index = LineIndex::new(&line);
                let at_offset = Diagnostic::warning("w")
                    .at_offset("a.md", &index, &line, byte)
                    .span(length);
                if column <= 3000 {
                    assert_eq!(at_offset.render(false), whole.render(false), "{column}");
                }
            }
        }
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let d = Diagnostic::warning("x")
            .at("f.md", "one\ttwo three", 1, 9)
            .span(5);
        let out = d.render(false);
        assert!(
            out.contains("1 | one two three\n  |         ^^^^^\n"),
            "{out}"
        );
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        assert_eq!(did_you_mean("titel", ["title", "date"]), Some("title"));
        assert_eq!(did_you_mean("zzzzzz", ["title", "date"]), None);
    }

    #[test]
    fn did_you_mean_breaks_ties_the_same_way_in_any_order() {
        assert_eq!(did_you_mean("cat", ["hat", "bat"]), Some("bat"));
        assert_eq!(did_you_mean("cat", ["bat", "hat"]), Some("bat"));
    }

    /// Findings only counted are summed per check and per page, each place once (a data
    /// file checked on pages of two languages), with the suggestions written out.
    #[test]
    fn a_tally_is_summed_with_the_suggestions_and_counts_each_place_once() {
        let r = Reporter::silent();
        assert!(r.counts_only());
        let mut tally = Tally::default();
        tally.add(Rule::Jargon, "content/a.md", 10, 5);
        tally.add(Rule::Jargon, "content/a.md", 40, 5);
        tally.add(Rule::PassiveVoice, "content/_data/x.yaml", 3, 8);
        r.count_tally(tally, None);
        let mut again = Tally::default();
        again.add(Rule::PassiveVoice, "content/_data/x.yaml", 3, 8);
        r.count_tally(again, None);
        let mut written = vec![Diagnostic::suggestion("hard word").rule(Rule::Jargon).at(
            "content/b.md",
            "a hard word\n",
            1,
            3,
        )];
        r.count_summed(&mut written);
        assert!(written.is_empty());
        assert_eq!(r.suggestions(), 4);
        assert_eq!(
            r.suggestion_summary(5, "the report"),
            [
                "4 suggestion(s) not shown: add --suggestions to see them all, or read them page by page in the report",
                "  by check: jargon 3, passive-voice 1",
                "  content/a.md: 2 (jargon 2)",
                "  content/_data/x.yaml: 1 (passive-voice 1)",
                "  content/b.md: 1 (jargon 1)",
            ]
        );
        assert!(!Reporter::silent().keep_all().counts_only());
        assert!(!Reporter::silent().show_suggestions(true).counts_only());
        assert!(!Reporter::silent().collect_json(true).counts_only());
    }

    /// A page's own findings are counted once each, and only those in other files (a
    /// data file shown on pages of two languages) are kept to tell them apart later.
    #[test]
    fn a_tally_keeps_no_key_of_its_own_files_findings() {
        let r = Reporter::silent();
        let mut tally = Tally::default();
        tally.add(Rule::Jargon, "content/a.md", 10, 5);
        tally.add(Rule::Jargon, "content/a.md", 10, 5);
        tally.add(Rule::Jargon, "content/a.md", 40, 5);
        tally.add(Rule::PassiveVoice, "content/_data/x.yaml", 3, 8);
        r.count_tally(tally, Some("content/a.md"));
        let mut again = Tally::default();
        again.add(Rule::PassiveVoice, "content/_data/x.yaml", 3, 8);
        again.add(Rule::Jargon, "content/b.md", 10, 5);
        r.count_tally(again, Some("content/b.md"));
        assert_eq!(r.suggestions(), 4);
        assert_eq!(
            r.lock().seen.len(),
            1,
            "only the data file's finding is kept"
        );
    }

    /// A page's problems on its own file are told apart within the page and from those
    /// reported before or after it (a site-wide check's), without a key in the build's
    /// table; those on another file (a data file the page shows) keep theirs.
    #[test]
    fn a_pages_own_problems_keep_no_key_in_the_builds_table() {
        let r = Reporter::silent();
        let on = |file: &str, message: &str, line| {
            Diagnostic::warning(message).at(file, "a line\n", line, 1)
        };
        r.report_all([on("content/a.md", "before the pages", 1)]);
        let a = [
            on("content/a.md", "before the pages", 1),
            on("content/a.md", "hard", 2),
            on("content/a.md", "hard", 2),
            on("content/a.md", "hard", 3),
            on("content/_data/x.yaml", "shown", 1),
        ];
        let b = [
            on("content/b.md", "hard", 2),
            on("content/_data/x.yaml", "shown", 1),
        ];
        r.report_pages([
            (Some("content/a.md"), a.to_vec()),
            (Some("content/b.md"), b.to_vec()),
        ]);
        assert_eq!(r.warnings(), 5);
        assert_eq!(
            r.lock().seen.len(),
            2,
            "the first problem's and the data file's"
        );
        r.report_all([on("content/a.md", "hard", 3), on("content/b.md", "hard", 4)]);
        r.report_pages([(Some("content/b.md"), [on("content/b.md", "hard", 2)])]);
        assert_eq!(r.warnings(), 6, "only the new place is shown");
    }

    #[test]
    fn reporter_counts_by_severity() {
        let r = Reporter::silent();
        r.report(Diagnostic::error("a"));
        r.report(Diagnostic::warning("b"));
        r.report(Diagnostic::warning("c"));
        assert_eq!((r.errors(), r.warnings()), (1, 2));
    }
}

/// A value read from a YAML file together with where it was written, as the YAML parser
/// (serde-saphyr) reported it. It reads as the value (`Deref`) and is written out as the
/// value alone, so templates and JSON see plain data; diagnostics take its place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(transparent)]
pub struct Src<T>(pub serde_saphyr::Spanned<T>);

impl<T> Src<T> {
    /// A value made in code, with no place in a file (tests, defaults).
    pub fn new(value: T) -> Self {
        let at = serde_saphyr::Location::UNKNOWN;
        Src(serde_saphyr::Spanned {
            value,
            referenced: at,
            defined: at,
        })
    }

    /// The value itself.
    pub fn into_inner(self) -> T {
        self.0.value
    }

    /// (line, column) of the value, both counted from 1 (the column in characters).
    pub fn line_column(&self) -> (usize, usize) {
        (
            self.0.referenced.line() as usize,
            self.0.referenced.column() as usize,
        )
    }

    /// The byte offset of the value's first character in `text` (the file it was read from):
    /// the parser's byte offset, past an opening quote.
    pub fn offset(&self, text: &str) -> usize {
        yaml_offset(text, &self.0.referenced)
    }

    /// The bytes of `text` the parser read the value from (with quotes and indentation).
    pub fn source_range(&self, text: &str) -> std::ops::Range<usize> {
        let span = self.0.referenced.span();
        let start = span
            .byte_offset()
            .map_or_else(|| self.offset(text), |o| o as usize)
            .min(text.len());
        let len = span.byte_len().map_or(text.len() - start, |l| l as usize);
        start..(start + len).min(text.len())
    }

    /// Places a diagnostic at the value.
    pub fn place(&self, d: Diagnostic, file: &str, text: &str) -> Diagnostic {
        let (line, column) = self.line_column();
        d.at(file, text, line.max(1), column.max(1))
    }
}

/// The byte offset in `text` of a place the YAML parser reported, past an opening quote.
pub fn yaml_offset(text: &str, at: &serde_saphyr::Location) -> usize {
    let start = match at.span().byte_offset() {
        Some(o) => o as usize,
        None => {
            // Read without byte offsets: count to the line and column the parser gave.
            let line = (at.line() as usize).max(1);
            let line_start: usize = text
                .split_inclusive('\n')
                .take(line - 1)
                .map(str::len)
                .sum();
            let column = (at.column() as usize).max(1) - 1;
            line_start
                + text
                    .get(line_start..)
                    .unwrap_or("")
                    .char_indices()
                    .nth(column)
                    .map_or(0, |(i, _)| i)
        }
    };
    match text.get(start..).and_then(|r| r.chars().next()) {
        Some('"' | '\'') => start + 1,
        _ => start.min(text.len()),
    }
}

impl<T> std::ops::Deref for Src<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.value
    }
}

impl<T: std::fmt::Display> std::fmt::Display for Src<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.value.fmt(f)
    }
}

impl<T: PartialEq> PartialEq<T> for Src<T> {
    fn eq(&self, other: &T) -> bool {
        self.0.value == *other
    }
}

impl Src<String> {
    /// The byte offset in `text` (the file the value was read from) of byte `at` of the
    /// value: its own place when the file holds the value as it reads (no escapes, no
    /// folded lines), else the value's first character. The parser's offset, checked,
    /// never searched for.
    pub fn offset_at(&self, text: &str, at: usize) -> usize {
        let start = self.offset(text);
        let as_written = text.get(start..start + self.len()) == Some(self.as_str());
        match as_written && at <= self.len() {
            true => start + at,
            false => start,
        }
    }
}

impl PartialEq<str> for Src<String> {
    fn eq(&self, other: &str) -> bool {
        self.0.value == other
    }
}

impl PartialEq<&str> for Src<String> {
    fn eq(&self, other: &&str) -> bool {
        self.0.value == *other
    }
}

impl From<&str> for Src<String> {
    fn from(value: &str) -> Self {
        Src::new(value.to_string())
    }
}
