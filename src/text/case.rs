//! Lower case for comparing what readers see (link texts, words): the same as
//! [`str::to_lowercase`], without looking up the Unicode case tables for the characters
//! most pages are written in. A site has tens of thousands of link texts, most of them
//! starting with a capital, and many of them holding a character beyond ASCII (an accent,
//! a dash, a curly quote, a Chinese character), which sent each one through the tables.

use std::borrow::Cow;

/// `text` in lower case, as [`str::to_lowercase`] gives it: borrowed when it has no
/// capital, worked out here for ASCII, Latin-1 and characters that have no case (general
/// punctuation, Arabic, Chinese and Japanese), and by the standard library otherwise.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    if !text
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        return Cow::Borrowed(text);
    }
    if text.is_ascii() {
        return Cow::Owned(text.to_ascii_lowercase());
    }
    if !text.chars().all(|c| quick_lower(c).is_some()) {
        return Cow::Owned(text.to_lowercase());
    }
    Cow::Owned(text.chars().filter_map(quick_lower).collect())
}

/// A character's lower case when it is found without the case tables: an ASCII or
/// Latin-1 capital moves by 32, and the other characters of these ranges have no lower
/// case of their own. A unit test compares every one with the standard library.
#[inline]
fn quick_lower(c: char) -> Option<char> {
    match c {
        'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => char::from_u32(c as u32 + 32),
        '\0'..='\u{BF}'
        | '\u{D7}'
        | '\u{DF}'..='\u{FF}'
        | '\u{600}'..='\u{6FF}'
        | '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{9FFF}' => Some(c),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_lowered_without_the_tables_is_lowered_as_the_standard_library_does() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if let Some(lower) = quick_lower(c) {
                assert_eq!(lower.to_string(), c.to_lowercase().to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_text_is_lowered_as_the_standard_library_lowers_it() {
        for text in [
            "",
            "read more",
            "Words we use",
            "Index A–Z",
            "École et ÉTÉ « Rémunération »",
            "搜索本站",
            "ابحث في هذا الموقع",
            // Beyond the quick ranges: the standard library's own rules (a Greek final
            // sigma, a capital with a dot above).
            "ΟΔΟΣ",
            "İstanbul",
            "Ǆ and ǅ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
        assert!(matches!(lowercase("read more"), Cow::Borrowed(_)));
    }
}
