//! Characters that are invisible inside a word (a soft hyphen pasted from Word or a
//! PDF, a zero-width space): the checks and the glossary read a word without them.

/// Characters that are invisible inside a word: the soft hyphen (pasted from Word or a
/// PDF, or written `&shy;`), the zero-width space, the word joiner and the zero-width
/// no-break space (a byte-order mark). The checks read a word without them.
pub const INVISIBLE: [char; 4] = ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}'];

/// Whether `text` has one of the [`INVISIBLE`] characters: one search for the first byte
/// of their UTF-8 forms (C2, E2, EF), which plain ASCII text never has.
pub fn has_invisible(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|i| {
        matches!(
            bytes.get(i..(i + 3).min(bytes.len())),
            Some([0xC2, 0xAD, ..] | [0xE2, 0x80, 0x8B] | [0xE2, 0x81, 0xA0] | [0xEF, 0xBB, 0xBF])
        )
    })
}
