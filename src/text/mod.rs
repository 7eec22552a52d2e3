//! The bottom layer, shared by every stage and importing none of them: errors and
//! diagnostics, HTML escaping, YAML error messages, colour maths, slugs, the HTML
//! scanner and the names of HTML's elements, how deeply HTML may nest, where quotes
//! are, the characters invisible inside a word, the check rules' identities and levels, and the small byte helpers
//! the fast readers share (cutting text at a byte, eight bytes as a number).

/// A table of what each byte is, for byte-by-byte readers (a lookup per byte rather
/// than comparisons): `class` for each ASCII byte `b`, and `outside` for each byte of a
/// character outside ASCII.
macro_rules! byte_table {
    ($outside:expr, |$b:ident| $class:expr) => {{
        let mut table = [$outside; 256];
        let mut $b = 0u8;
        while $b < 128 {
            table[$b as usize] = $class;
            $b += 1;
        }
        table
    }};
}
pub(crate) use byte_table;

/// `s` before and after its first `byte`, an ASCII character, as `split_once` cuts it:
/// found with `memchr` (every link of a site is cut at `#` and `?`, in the Markdown
/// stage and in the link check; a character search cost five times as much).
pub fn split_at_first(s: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let i = memchr::memchr(byte, s.as_bytes())?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s` before and after its last `byte`, an ASCII character, as `rsplit_once` cuts it.
pub fn split_at_last(s: &str, byte: u8) -> Option<(&str, &str)> {
    debug_assert!(byte.is_ascii());
    let i = memchr::memrchr(byte, s.as_bytes())?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// The eight bytes of `bytes` from `at` as one number (the first in its lowest byte),
/// zeros past the end: how the readers of 16 or 64 bytes at a time (search's words,
/// minify's text, escaping) load their bytes without a raw pointer.
#[inline(always)]
pub fn eight(bytes: &[u8], at: usize) -> u64 {
    if let Some(b) = bytes
        .get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
    {
        return u64::from_le_bytes(b);
    }
    let rest = bytes.get(at..).unwrap_or_default();
    let mut b = [0u8; 8];
    if let Some(to) = b.get_mut(..rest.len()) {
        to.copy_from_slice(rest);
    }
    u64::from_le_bytes(b)
}

/// Bytes in lowercase hexadecimal, two digits a byte (file keys from SHA-256 digests):
/// written digit by digit, not formatted, as a site makes one for every page.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Texts made of `pieces`, for tests that compare two ways of reading a text: `count`
/// texts of fewer than `most` pieces each, a piece followed by a space two times in three
/// when `spaces`. The seed is fixed, so every run reads the same texts.
#[cfg(test)]
pub(crate) fn pieced_texts(
    pieces: &[&str],
    count: usize,
    most: usize,
    spaces: bool,
) -> Vec<String> {
    let mut state = 11u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let mut text = String::new();
            for _ in 0..next() % most.max(1) {
                text.push_str(pieces.get(next() % pieces.len().max(1)).unwrap_or(&""));
                if spaces && next() % 3 > 0 {
                    text.push(' ');
                }
            }
            text
        })
        .collect()
}

/// A count with its noun, one or many: "1 value", "2 values".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub mod colour;
pub mod csl;
pub mod diagnostics;
pub mod error;
pub mod escape;
pub mod html_names;
pub mod html_scan;
pub mod invisible;
pub mod nesting;
pub mod punctuation;
pub mod quotes;
pub mod rule;
pub mod slug;
pub mod spaces;
pub mod yaml_error;

#[cfg(test)]
mod tests {
    #[test]
    fn hex_writes_two_lowercase_digits_a_byte_as_format_does() {
        let bytes: Vec<u8> = (0..=255).collect();
        let formatted: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(super::hex(&bytes), formatted);
        assert_eq!(super::hex(&[0, 15, 16, 255]), "000f10ff");
    }
}
