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
}

/// [`escape`] for Tera's autoescape (its `set_escape_fn`): the same five entities as
/// Tera's own escaper, and a space for a control character (a YAML value's `\v`).
pub fn escape_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            b if is_control(char::from(b)) => b" ",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
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
