//! HTML and XML escaping of text, shared by every stage that writes markup.

/// Escapes text for an HTML attribute or element, or XML. Control characters other
/// than tab and line ends (Word's manual line break is U+000B) become spaces: XML does
/// not allow them (a feed or an SVG with one does not open), HTML calls them errors, and
/// left out they would glue two words.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, &mut out);
    out
}

/// [`escape`], added to `out`.
pub fn escape_into(s: &str, out: &mut String) {
    let mut start = 0;
    while let Some(i) = next_special(s.as_bytes(), start) {
        // Both ends are at ASCII bytes: character boundaries.
        debug_assert!(s.is_char_boundary(i), "{i} in {s:?}");
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push_str(entity(s.as_bytes()[i]));
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// What an escaped byte becomes (see [`next_special`]).
fn entity(b: u8) -> &'static str {
    match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        _ => " ",
    }
}

/// Where the next byte to escape is in `bytes`, at or after `from`: `&`, `<`, `>`, the
/// two quotes, or a control character of [`is_control`] (each one byte, and never part
/// of a longer UTF-8 character). Sixteen bytes are tested at a time: most text has
/// nothing to escape, and every value a template shows goes through here.
fn next_special(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        let mask = special_mask(&sixteen(bytes, at));
        if mask != 0 {
            // Padding is never special, so the byte found is inside `bytes`.
            return Some(at + mask.trailing_zeros() as usize);
        }
        at += 16;
    }
    None
}

/// The 16 bytes of `bytes` from `at`, padded past its end with a byte never escaped.
fn sixteen(bytes: &[u8], at: usize) -> [u8; 16] {
    if let Some(Ok(chunk)) = bytes.get(at..at + 16).map(<[u8; 16]>::try_from) {
        return chunk;
    }
    let mut chunk = [b'a'; 16];
    let rest = bytes.get(at..).unwrap_or_default();
    if let Some(to) = chunk.get_mut(..rest.len()) {
        to.copy_from_slice(rest);
    }
    chunk
}

/// Bit `k` set for each byte `k` of `chunk` to escape.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn special_mask(chunk: &[u8; 16]) -> u32 {
    // SAFETY: compiled only when the target enables SSE2 (the `cfg` above), so the
    // processor running this has it.
    unsafe { special_mask_sse2(chunk) }
}

/// [`special_mask`] with SSE2's byte comparisons: a control byte is below 0x20 but tab,
/// line feed and return (adding -128 moves 0x00-0x1F to -128..-97, below -96 in a
/// signed comparison, and every byte from 0x80 up above it).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn special_mask_sse2(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::{
        __m128i, _mm_add_epi8, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };
    let half = |at: usize| super::eight(chunk, at) as i64;
    let v = _mm_set_epi64x(half(8), half(0));
    let is = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
    let or = |a: __m128i, b: __m128i| _mm_or_si128(a, b);
    let markup = or(
        or(or(is(b'&'), is(b'<')), or(is(b'>'), is(b'"'))),
        is(b'\''),
    );
    let below_space = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(-128)), _mm_set1_epi8(-96));
    let line = or(or(is(b'\t'), is(b'\n')), is(b'\r'));
    let control = _mm_andnot_si128(line, below_space);
    _mm_movemask_epi8(or(markup, control)) as u32 & 0xffff
}

/// [`special_mask`] a byte at a time (targets other than x86_64 with SSE2; the tests
/// compare it with the other).
#[cfg_attr(all(target_arch = "x86_64", target_feature = "sse2"), allow(dead_code))]
fn special_mask_bytes(chunk: &[u8; 16]) -> u32 {
    let special =
        |b: u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'') || is_control(char::from(b));
    (chunk.iter().enumerate()).fold(0, |mask, (k, &b)| mask | u32::from(special(b)) << k)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use special_mask_bytes as special_mask;

/// [`escape`] for Tera's autoescape (its `set_escape_fn`): the same five entities as
/// Tera's own escaper, and a space for a control character (a YAML value's `\v`).
pub fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(i) = next_special(bytes, start) {
        out.write_all(bytes.get(start..i).unwrap_or_default())?;
        out.write_all(entity(bytes[i]).as_bytes())?;
        start = i + 1;
    }
    out.write_all(bytes.get(start..).unwrap_or_default())
}

/// A control character XML does not allow (C0 but tab, line feed and carriage return).
pub fn is_control(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

/// Where the first control character of [`is_control`] is in `text`, if it has one.
/// Such a character is one byte below 0x20 (no byte of a longer UTF-8 character is), so
/// the bytes are read 64 at a time without decoding, a whole source file at once.
pub fn first_control(text: &str) -> Option<usize> {
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    let bytes = text.as_bytes();
    let chunk = bytes
        .chunks(64)
        .position(|c| c.iter().fold(false, |e, &b| e | control(b)))?;
    let from = chunk * 64;
    let within = bytes.get(from..)?.iter().position(|&b| control(b))?;
    Some(from + within)
}

/// `text` with a space for each control character of [`is_control`].
pub fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    match first_control(text).is_some() {
        true => text.replace(is_control, " ").into(),
        false => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escaping a character at a time: the oracle for [`escape_into`] and [`escape_to`].
    fn escape_chars(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c if is_control(c) => out.push(' '),
                c => out.push(c),
            }
        }
        out
    }

    /// Every byte value, at every place of a chunk, is found to escape or not as a byte
    /// at a time finds it.
    #[test]
    fn each_byte_is_escaped_or_not_sixteen_at_a_time_as_one_at_a_time() {
        for b in 0..=255u8 {
            for k in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[k] = b;
                chunk[15 - k] = b;
                assert_eq!(
                    special_mask(&chunk),
                    special_mask_bytes(&chunk),
                    "byte {b:#x} at {k}"
                );
            }
        }
    }

    /// Texts of plain words, every character escaped, control characters, tabs and line
    /// ends, and characters beyond ASCII, of every length around 16 bytes.
    #[test]
    fn text_is_escaped_as_a_character_at_a_time() {
        let pieces = [
            "word",
            "a",
            " ",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "\u{b}",
            "\u{0}",
            "\u{1f}",
            "\t",
            "\n",
            "\r",
            "é",
            "“",
            "报酬",
            "\u{7f}",
            "0123456789abcdef",
        ];
        for text in crate::text::pieced_texts(&pieces, 3000, 20, true) {
            let oracle = escape_chars(&text);
            assert_eq!(escape(&text), oracle, "{text:?}");
            let mut written = Vec::new();
            escape_to(&text, &mut written).unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), oracle, "{text:?}");
        }
    }

    #[test]
    fn control_characters_become_spaces_in_html_and_xml_and_the_rest_is_escaped() {
        let text = "A\u{b}B & <c> \"d\" 'e'\tf\ng";
        let expected = "A B &amp; &lt;c&gt; &quot;d&quot; &#39;e&#39;\tf\ng";
        assert_eq!(escape(text), expected);
        let mut out = Vec::new();
        escape_to(text, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        assert_eq!(without_controls("a\u{1}b"), "a b");
    }

    #[test]
    fn the_first_control_character_is_found_by_byte_as_by_character() {
        let long = format!("{}é\u{b}", "a\tb\r\n".repeat(40));
        for text in ["", "plain\ttext\r\n", "\u{1}", "é😀\u{1f}x", long.as_str()] {
            let by_char = text
                .char_indices()
                .find(|&(_, c)| is_control(c))
                .map(|p| p.0);
            assert_eq!(first_control(text), by_char, "{text:?}");
        }
    }
}
