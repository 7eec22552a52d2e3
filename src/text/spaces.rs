//! Runs of white space folded to one space, in one pass and one allocation: what
//! `split_whitespace().collect::<Vec<_>>().join(" ")` gives, for text quoted in
//! diagnostics (a draft quotes tens of thousands of sentences); and text shortened at a
//! space, for a label or a quote with room for only so many characters.

/// `text` cut to at most `n` characters and "…", at the last space before the cut when
/// there is one in the second half (a title is never cut mid-word when it has words to
/// cut between); `text` itself when it fits.
pub fn shorten(text: &str, n: usize) -> std::borrow::Cow<'_, str> {
    let Some((cut, _)) = text.char_indices().nth(n) else {
        return text.into();
    };
    let head = &text[..cut];
    let at_space = head
        .rfind(char::is_whitespace)
        .filter(|&s| head[..s].chars().count() >= n / 2);
    let kept = head[..at_space.unwrap_or(cut)].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '(' | '\u{2013}' | '\u{2014}')
    });
    format!("{kept}…").into()
}

/// `text` with every run of white space (as [`char::is_whitespace`] says) made one
/// space, and none at either end.
pub fn fold(text: &str) -> String {
    if is_folded(text) {
        return text.to_string();
    }
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

/// [`fold`] of a text the caller owns, which is handed back as it is when nothing is to
/// be folded (a link's words nearly always).
pub fn fold_owned(text: String) -> String {
    if is_folded(&text) {
        return text;
    }
    fold(&text)
}

/// Whether `text` has no white space but single spaces between words: most sentences.
/// Read byte by byte; only a character outside ASCII whose first byte can begin white
/// space (U+0085, U+00A0, U+1680, U+2000 to U+205F, U+3000) is decoded.
fn is_folded(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Most sentences have no byte that can begin white space but the single spaces
    // between words: that is looked for 32 bytes at a time, with no branch per byte
    // (the loop below takes one per byte, over every sentence a draft quotes).
    let special = |b: u8| matches!(b, b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let plain = !may_have_other_space(bytes)
        || (bytes.chunks(32)).all(|chunk| !chunk.iter().fold(false, |any, &b| any | special(b)));
    if plain {
        // Built once: `memmem::find` built a searcher for each of a draft's sentences.
        static TWO_SPACES: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        let two = TWO_SPACES.get_or_init(|| memchr::memmem::Finder::new(b"  "));
        return two.find(bytes).is_none();
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        let space = match b {
            b' ' => true,
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => text
                .get(i..)
                .and_then(|t| t.chars().next())
                .is_some_and(char::is_whitespace),
            _ => false,
        };
        if space && (after_space || b != b' ') {
            return false;
        }
        after_space = space;
    }
    true
}

/// Whether `bytes` has a byte below 0x0E or from 0x80 up: where every byte that can
/// begin white space but ' ' is. Read eight bytes at a time with no branch (a draft
/// quotes tens of thousands of sentences of printable ASCII).
fn may_have_other_space(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut eights = bytes.chunks_exact(8);
    let mut marks = 0u64;
    for eight in &mut eights {
        let mut word = [0u8; 8];
        word.copy_from_slice(eight);
        let x = u64::from_le_bytes(word);
        // The high bit of a byte below 0x0E (a borrow only runs up from such a byte,
        // so it marks none where there is none), or of a byte from 0x80 up.
        marks |= (x.wrapping_sub(ONES * 0x0E) & !x) | x;
    }
    marks & HIGH != 0 || (eights.remainder().iter()).any(|&b| !(0x0E..0x80).contains(&b))
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
    fn shorten_cuts_at_a_space_and_never_mid_word() {
        assert_eq!(shorten("Fair pay", 40), "Fair pay");
        assert_eq!(
            shorten(
                "Taking part in health-system work, and what it does to health",
                40
            ),
            "Taking part in health-system work, and…"
        );
        // Exactly `n` characters fit.
        assert_eq!(shorten("abcd", 4), "abcd");
        // No space in the second half (one long word, or Chinese): cut where it must.
        assert_eq!(shorten("a bcdefghij", 6), "a bcde…");
        assert_eq!(shorten("参与卫生系统工作的人", 4), "参与卫生…");
    }

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
            "one two three",
            " lead",
            "trail ",
            "x\u{85}y \u{201c}curly\u{201d} \u{1680}ogham \u{205f}math \u{2029}para",
            "\u{e9}t\u{e9} \u{4e2d}\u{6587} \u{20ac}5",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold(text), joined, "{text:?}");
            assert_eq!(fold_owned(text.to_string()), joined, "{text:?}");
        }
    }

    #[test]
    fn bytes_read_eight_at_a_time_say_what_each_byte_says() {
        let pieces: Vec<&str> = "a|Z| |  |~|\u{7f}|\u{d}|\u{e}|\u{9}|\u{0}|\u{1f}|\u{80}|\u{a0}|\u{e9}|\u{201c}|\u{3000}|results of the"
            .split('|')
            .collect();
        let texts = crate::text::pieced_texts(&pieces, 5_000, 24, false);
        let (mut plain, mut other) = (0, 0);
        for text in &texts {
            let bytes = text.as_bytes();
            let want = bytes.iter().any(|&b| !(0x0E..0x80).contains(&b));
            assert_eq!(may_have_other_space(bytes), want, "{text:?}");
            (plain, other) = (plain + usize::from(!want), other + usize::from(want));
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(is_folded(text), joined == *text, "{text:?}");
        }
        assert!(plain > 100 && other > 100, "{plain} {other}");
    }

    #[test]
    fn a_text_read_a_chunk_at_a_time_is_folded_when_splitting_and_joining_keeps_it() {
        let long =
            "Across the longitudinal follow-up period, clients of the programme endorsed it.";
        for at in [0, 1, 30, 31, 32, 33, 63, 64, long.len() - 1] {
            for insert in [
                " ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{201c}", "\u{e9}", "x",
            ] {
                let mut text = long.to_string();
                text.insert_str(at, insert);
                let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
                assert_eq!(is_folded(&text), joined == text, "{text:?}");
            }
        }
    }
}
