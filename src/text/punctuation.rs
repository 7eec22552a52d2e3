//! Shared helper, punctuation: two marks that meet where a citation style joins the
//! parts of a reference, and one of them is left out, as CSL processors do (citeproc-js,
//! the one Zotero uses). hayagriva leaves them both: APA's « (2021,) » for a work dated
//! by its year alone, Chicago's « “A Plain Report.”. » and « Journal of Things,. »
//! (typst/hayagriva#246, #354).

/// `html` (a formatted reference: text and inline tags) with the marks that meet
/// collapsed: a comma, semicolon or colon before a full stop or a closing bracket goes;
/// a full stop after a full stop, question or exclamation mark goes (an ellipsis stays),
/// as does one after a closing quote that has its own; a comma after a comma goes. Tags
/// between two marks do not keep them apart; spaces do. Character references (`&amp;`)
/// are text, never marks.
pub fn collapse(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // The last two characters of text written, the last with where it is in `out`.
    let mut last: Option<(usize, char)> = None;
    let mut before_last: Option<char> = None;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        let len = if c == '<' || c == '&' {
            // A tag, or a character reference: written as it is.
            let end = if c == '<' { '>' } else { ';' };
            let len = rest.find(end).map_or(rest.len(), |e| e + 1);
            out.push_str(&rest[..len]);
            if c == '&' {
                (before_last, last) = (last.map(|l| l.1), Some((out.len(), 'x')));
            }
            len
        } else {
            match joined(
                before_last,
                last.map(|l| l.1),
                c,
                rest[c.len_utf8()..].chars().next(),
            ) {
                Join::Both => {}
                Join::DropLast => {
                    if let Some((at, _)) = last {
                        out.remove(at);
                    }
                }
                Join::DropThis => {
                    rest = &rest[c.len_utf8()..];
                    continue;
                }
            }
            (before_last, last) = (last.map(|l| l.1), Some((out.len(), c)));
            out.push(c);
            c.len_utf8()
        };
        rest = &rest[len..];
    }
    out
}

/// Which of two marks that meet stays.
#[derive(Debug, PartialEq, Eq)]
enum Join {
    Both,
    /// The one written before goes.
    DropLast,
    /// The one coming goes.
    DropThis,
}

/// What becomes of `c`, coming after `last` (and `before_last` before it), with `next`
/// after it.
fn joined(before_last: Option<char>, last: Option<char>, c: char, next: Option<char>) -> Join {
    let Some(last) = last else {
        return Join::Both;
    };
    let ends = |m: Option<char>| matches!(m, Some('.' | '?' | '!'));
    let closing_quote = matches!(last, '”' | '’' | '"' | '»');
    match c {
        '.' if matches!(last, ',' | ';' | ':') => Join::DropLast,
        // Not an ellipsis: no full stop before the last, none after this one.
        '.' if matches!(last, '.' | '?' | '!') && before_last != Some('.') && next != Some('.') => {
            Join::DropThis
        }
        '.' | ',' if closing_quote && ends(before_last) => Join::DropThis,
        ',' if last == ',' => Join::DropThis,
        ')' | ']' if matches!(last, ',' | ';' | ':') => Join::DropLast,
        _ => Join::Both,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_a_citation_style_joins_are_collapsed_as_csl_processors_do() {
        for (from, to) in [
            (
                "Poe, P. (2021,). A plain report.",
                "Poe, P. (2021). A plain report.",
            ),
            (
                "Poe, Pat. 2021. “A Plain Report.”.",
                "Poe, Pat. 2021. “A Plain Report.”",
            ),
            ("<i>Journal of Things</i>,.", "<i>Journal of Things</i>."),
            ("“Why?”, she asked,, twice..", "“Why?” she asked, twice."),
            ("Ends here;.", "Ends here."),
            ("Really?.", "Really?"),
        ] {
            assert_eq!(collapse(from), to, "{from}");
        }
    }

    #[test]
    fn what_is_not_two_marks_meeting_is_left_as_it_is() {
        for same in [
            "Wait... then (2021).",
            "Smith &amp; Jones &amp;. Co",
            "A, (b) c. D",
            "“Title,” Journal, 3.",
            "https://example.org/a,b/c.",
            "<a href=\"x,.y\">x</a>",
            "e.g., this",
        ] {
            assert_eq!(collapse(same), same, "{same}");
        }
    }
}
