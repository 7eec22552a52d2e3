//! Where a list field's value lies in a data file (`consent:` or `credit:` of a person),
//! for the entry form that writes it again as a flow list. The parser gives the places of
//! the key, the value and each item; between them there is only the list's punctuation
//! (`-`, `[`, `,`, `]`), blank space and comments, which this reads so that a `]` or `#`
//! in a comment is never taken for the list's own, and the comments are kept.

use std::ops::Range;

/// The part of the file a new flow list replaces (`from..to`), what goes before the list
/// (`: ` when the key's colon is in the part), and the comments inside it.
#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    pub from: usize,
    pub to: usize,
    pub lead: &'static str,
    pub comments: Vec<String>,
}

/// The place of the value at `at`, whose key ends at `key_end`, with its items' places
/// when it is a sequence. None when something else is between them (an anchor, a tag
/// before a block list's items), which the form would lose.
pub fn place(
    text: &str,
    key_end: usize,
    at: Range<usize>,
    items: Option<&[Range<usize>]>,
) -> Option<Place> {
    let whole = |from: usize, to: usize, lead| Place {
        from,
        to,
        lead,
        comments: Vec::new(),
    };
    let items = match items {
        // An alias (`*name`) has its items where the anchor is: the alias is replaced.
        Some(items) if items.iter().all(|r| r.start >= at.start) => items,
        _ if at.is_empty() => {
            // Nothing after the colon (`consent:`): the list goes after it.
            let colon = key_end + text.get(key_end..)?.find(':')?;
            let gap = text.get(key_end..colon)?;
            return gap
                .trim()
                .is_empty()
                .then(|| whole(key_end, colon + 1, ": "));
        }
        _ => return Some(whole(at.start, at.end, "")),
    };
    let mut comments = Vec::new();
    if text.get(at.start..)?.starts_with('[') {
        let last = between(text, at.start + 1, items, ",", &mut comments)?;
        let close = scan(text.get(last..)?, ",", &mut comments).ok()?? + last;
        return Some(Place {
            from: at.start,
            to: close + 1,
            lead: "",
            comments,
        });
    }
    let to = between(text, key_end, items, ":-", &mut comments)?;
    Some(Place {
        from: key_end,
        to,
        lead: ": ",
        comments,
    })
}

/// Reads the gaps from `start` to each item in turn, and returns where the last ends.
fn between(
    text: &str,
    start: usize,
    items: &[Range<usize>],
    marks: &str,
    comments: &mut Vec<String>,
) -> Option<usize> {
    let mut after = start;
    for item in items {
        match scan(text.get(after..item.start)?, marks, comments) {
            Ok(None) => after = item.end,
            _ => return None,
        }
    }
    Some(after)
}

/// Reads a gap between a list's items: blank space, the `marks` allowed there and
/// comments (each kept). Stops at a `]` and returns where it is; an error for anything
/// else.
fn scan(gap: &str, marks: &str, comments: &mut Vec<String>) -> Result<Option<usize>, ()> {
    let mut at = 0;
    while let Some(c) = gap[at..].chars().next() {
        match c {
            '#' => {
                let end = gap[at..].find('\n').map_or(gap.len(), |n| at + n);
                comments.push(gap[at..end].trim_end().to_string());
                at = end;
                continue;
            }
            ']' => return Ok(Some(at)),
            c if c.is_whitespace() || marks.contains(c) => {}
            _ => return Err(()),
        }
        at += c.len_utf8();
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_keeps_its_comments_and_stops_at_a_bracket_outside_them() {
        let mut comments = Vec::new();
        assert_eq!(scan(" # a ] b\n  , ]x", ",", &mut comments), Ok(Some(13)));
        assert_eq!(comments, ["# a ] b"]);
        assert_eq!(scan(" &a ", ",", &mut comments), Err(()));
    }
}
