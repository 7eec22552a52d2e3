//! Runs of white space folded to one space, in one pass and one allocation: what
//! `split_whitespace().collect::<Vec<_>>().join(" ")` gives, for text quoted in
//! diagnostics (a draft quotes tens of thousands of sentences).

/// `text` with every run of white space (as [`char::is_whitespace`] says) made one
/// space, and none at either end.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), word) {
            (true, Some(start)) => {
                push_word(&mut out, text.get(start..i).unwrap_or_default());
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
    }
    if let Some(start) = word {
        push_word(&mut out, text.get(start..).unwrap_or_default());
    }
    out
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_gives_what_splitting_and_joining_gives() {
        for text in [
            "",
            "   ",
            "one",
            "  two  words ",
            "a\tb\nc\r\n d\u{b}e\u{c}f",
            "non\u{a0}breaking\u{2003}em\u{3000}ideographic",
            "caf\u{e9}  na\u{ef}ve\n\n\u{201c}quoted\u{201d}",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold(text), joined, "{text:?}");
        }
    }
}
