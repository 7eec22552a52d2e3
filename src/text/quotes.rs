//! Where quoted words are: spans inside quotation marks of any kind (straight, curly,
//! single, guillemets, 「」), where people speak for themselves. Shared by the markdown
//! stage (quoted words are never linked or expanded) and the checks (never flagged).

/// Quotation marks: an opening mark and the marks that close it.
const QUOTE_MARKS: &[(char, &[char])] = &[
    ('\u{201c}', &['\u{201d}']),
    ('\u{2018}', &['\u{2019}']),
    ('\u{201e}', &['\u{201c}', '\u{201d}']),
    ('\u{201a}', &['\u{2018}', '\u{2019}']),
    ('\u{ab}', &['\u{bb}']),
    ('\u{2039}', &['\u{203a}']),
    ('\u{300c}', &['\u{300d}']),
    ('\u{300e}', &['\u{300f}']),
    ('\u{300a}', &['\u{300b}']),
];

const STRAIGHT_DOUBLE: &[char] = &['"'];
const STRAIGHT_SINGLE: &[char] = &['\''];

/// Byte spans inside quotation marks in one text. A quote still open at the end of the
/// text runs to its end: English opens each paragraph of a long quote with a mark and
/// closes only the last one.
pub fn quoted_spans(text: &str) -> Vec<(usize, usize)> {
    QuoteTracker::default().spans(text)
}

/// Finds quotes across the pieces of one paragraph, as the markdown parser hands them
/// over (smart punctuation makes each quotation mark a piece of its own): a quote opened
/// in one piece goes on in the next until its closing mark.
#[derive(Debug, Default)]
pub struct QuoteTracker {
    /// What closes the outermost open quote.
    open: Option<&'static [char]>,
    prev: Option<char>,
    /// The last piece ended with a single closing mark after a letter: an apostrophe if
    /// the next piece starts with a letter ("don" "’" "t"), else the quote's end.
    maybe_closed: bool,
}

impl QuoteTracker {
    /// Byte spans of `piece` inside quotation marks (marks included), given the quotes
    /// left open by the pieces before it. A quote still open runs to the piece's end.
    pub fn spans(&mut self, piece: &str) -> Vec<(usize, usize)> {
        self.spans_reading(piece, piece.is_ascii())
    }

    /// [`QuoteTracker::spans`]; `ascii`: the piece is ASCII, and its marks are found with
    /// `memchr` (otherwise byte by byte).
    fn spans_reading(&mut self, piece: &str, ascii: bool) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        if piece.is_empty() {
            return spans;
        }
        if std::mem::take(&mut self.maybe_closed)
            && !piece.chars().next().is_some_and(char::is_alphanumeric)
        {
            self.open = None;
        }
        let mut start = self.open.map(|_| 0);
        let mut i = 0;
        // Only quotation marks open or close a quote, and each is `"`, `'` or outside
        // ASCII: everything else is stepped over at once (with `memchr` in ASCII text).
        while let Some(skip) = piece.as_bytes().get(i..).and_then(|rest| {
            if ascii {
                memchr::memchr2(b'"', b'\'', rest)
            } else {
                rest.iter()
                    .position(|&b| b == b'"' || b == b'\'' || !b.is_ascii())
            }
        }) {
            i += skip;
            let Some(c) = piece.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            if skip > 0 {
                self.prev = piece.get(..i).and_then(|r| r.chars().next_back());
            }
            let next = piece.get(i + c.len_utf8()..).and_then(|r| r.chars().next());
            match self.open {
                Some(closers) if next.is_none() && is_apostrophe(closers, self.prev, c, None) => {
                    // The piece's last character: the next piece tells which it is.
                    self.maybe_closed = true;
                }
                Some(closers) => {
                    if closes(closers, self.prev, c, next) {
                        spans.push((start.unwrap_or(0), i + c.len_utf8()));
                        self.open = None;
                        start = None;
                    }
                }
                None => {
                    self.open = opens(self.prev, c, next);
                    start = self.open.map(|_| i);
                }
            }
            self.prev = Some(c);
            i += c.len_utf8();
        }
        self.prev = piece.chars().next_back();
        if let Some(s) = start {
            spans.push((s, piece.len()));
        }
        spans
    }
}

/// What closes the quote `c` opens, if it opens one here.
fn opens(prev: Option<char>, c: char, next: Option<char>) -> Option<&'static [char]> {
    if let Some((_, closers)) = QUOTE_MARKS.iter().find(|(o, _)| *o == c) {
        Some(closers)
    } else if c == '"' && !prev.is_some_and(|p| p.is_ascii_digit()) {
        Some(STRAIGHT_DOUBLE)
    } else if c == '\'' && opens_straight_single(prev, next) {
        Some(STRAIGHT_SINGLE)
    } else {
        None
    }
}

/// Whether `c` closes a quote that `closers` close.
fn closes(closers: &[char], prev: Option<char>, c: char, next: Option<char>) -> bool {
    (closers.contains(&c) || (closers == STRAIGHT_DOUBLE && c == '"'))
        && !is_apostrophe(closers, prev, c, next)
}

/// Whether a single closing mark (straight or curly) that would close the quote is an
/// apostrophe inside a word: after a letter and before one ("don\u{2019}t"), or after a
/// letter at the end of a piece whose next piece is not known yet (`next` is `None`).
fn is_apostrophe(closers: &[char], prev: Option<char>, c: char, next: Option<char>) -> bool {
    let single = closers.contains(&c) && matches!(c, '\'' | '\u{2019}');
    single && prev.is_some_and(char::is_alphanumeric) && next.is_none_or(char::is_alphanumeric)
}

/// A straight single quote opens a quote after a space or an opening bracket and before a
/// letter (not an apostrophe inside a word such as "don't").
fn opens_straight_single(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p))
        && next.is_some_and(|n| n.is_alphanumeric() || n == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_of_ascii_text_found_with_memchr_are_those_found_byte_by_byte() {
        let pieces = [
            "\"", "'", "a", "don't", " ", "(", "-", ":", "1", ".", "x'", "'y",
        ];
        for text in crate::text::pieced_texts(&pieces, 20_000, 12, false) {
            // Whole, and cut in two as the markdown parser hands pieces over.
            let cut = text.len() / 2;
            let (mut fast, mut slow) = (QuoteTracker::default(), QuoteTracker::default());
            for piece in [&text[..cut], &text[cut..], text.as_str()] {
                assert_eq!(
                    fast.spans_reading(piece, true),
                    slow.spans_reading(piece, false),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_quote_goes_on_across_pieces_until_its_closing_mark() {
        let mut t = QuoteTracker::default();
        assert_eq!(t.spans("She said "), vec![]);
        assert_eq!(t.spans("\u{201c}"), vec![(0, 3)]);
        assert_eq!(t.spans("the HRB paid"), vec![(0, 12)]);
        assert_eq!(t.spans("\u{201d}"), vec![(0, 3)]);
        assert_eq!(t.spans(" and the HRB"), vec![]);
    }

    #[test]
    fn one_text_gives_the_same_spans_as_its_pieces_joined() {
        let text = "A \u{ab}b\u{bb} c 'd' e \"f\" g \u{300c}h\u{300d} i \u{2018}j";
        let spans = quoted_spans(text);
        assert_eq!(spans.len(), 5, "{spans:?}");
        assert_eq!(spans.last(), Some(&(text.len() - 4, text.len())));
    }

    #[test]
    fn a_right_single_mark_between_letters_is_an_apostrophe_inside_a_single_quote() {
        let text = "She said \u{2018}I don\u{2019}t know the HRB\u{2019} and left.";
        let close = text.rfind('\u{2019}').unwrap_or_default() + 3;
        assert_eq!(quoted_spans(text), vec![(9, close)]);
        // The same, in pieces as the markdown parser hands them over.
        let mut t = QuoteTracker::default();
        let pieces = [
            "She said ",
            "\u{2018}",
            "I don",
            "\u{2019}",
            "t know the HRB",
            "\u{2019}",
            " and left.",
        ];
        let spans: Vec<Vec<(usize, usize)>> = pieces.iter().map(|p| t.spans(p)).collect();
        assert_eq!(
            spans,
            [
                vec![],
                vec![(0, 3)],
                vec![(0, 5)],
                vec![(0, 3)],
                vec![(0, 14)],
                vec![(0, 3)],
                vec![]
            ]
        );
    }

    #[test]
    fn a_right_single_mark_at_the_end_of_a_piece_closes_when_no_letter_follows() {
        let mut t = QuoteTracker::default();
        let pieces = [
            "\u{2018}",
            "the HRB",
            "\u{2019}",
            " and",
            " \u{201c}",
            "x\u{201d}",
        ];
        let spans: Vec<Vec<(usize, usize)>> = pieces.iter().map(|p| t.spans(p)).collect();
        assert_eq!(
            spans,
            [
                vec![(0, 3)],
                vec![(0, 7)],
                vec![(0, 3)],
                vec![],
                vec![(1, 4)],
                vec![(0, 4)]
            ]
        );
    }
}
