//! HTML and XML escaping of text, shared by every stage that writes markup.

/// Escapes text for an HTML attribute or element, or XML. Control characters other
/// than tab and line ends (Word's manual line break is U+000B) are left out: XML does
/// not allow them (a feed or an SVG with one does not open) and HTML calls them errors.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A control character XML does not allow (C0 but tab, line feed and carriage return).
pub fn is_control(c: char) -> bool {
    (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')
}

/// `text` without the control characters of [`is_control`].
pub fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    match text.contains(is_control) {
        true => text
            .chars()
            .filter(|&c| !is_control(c))
            .collect::<String>()
            .into(),
        false => text.into(),
    }
}
