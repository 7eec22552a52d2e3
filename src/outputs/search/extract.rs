//! The searchable text of a rendered page: what a reader sees in its `<main>`, cut into
//! sections at each heading (and each glossary term, a `<dt>` with an id), each with the
//! anchor a result links to and its sentences. Navigation, scripts, pictures drawn in
//! SVG and hidden marks are left out. The theme's templates write the HTML, so a small
//! scan over its tags is enough; text is decoded from the entities templates write.

/// A part of a page between two headings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's text (empty for the text before the first heading).
    pub heading: String,
    /// The id a result links to: the heading's own, or the nearest enclosing one.
    pub anchor: String,
    pub sentences: Vec<String>,
}

/// An element whose content is not searched, by its name: the name as a constant.
fn skipped(name: &str) -> Option<&'static str> {
    Some(match name {
        "script" => "script",
        "style" => "style",
        "svg" => "svg",
        "nav" => "nav",
        "noscript" => "noscript",
        "template" => "template",
        "form" => "form",
        "button" => "button",
        "select" => "select",
        _ => return None,
    })
}

/// An element that ends a run of text (a sentence never spans two of them).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "div"
            | "section"
            | "article"
            | "blockquote"
            | "figcaption"
            | "caption"
            | "br"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "aside"
            | "header"
            | "footer"
            | "details"
            | "summary"
            | "pre"
            | "hr"
    )
}

/// The sections of the `<main>` element of `html`.
pub fn sections(html: &str) -> Vec<Section> {
    let Some(main) = main_part(html) else {
        return Vec::new();
    };
    let mut scan = Scan::default();
    let mut rest = main;
    while let Some(lt) = rest.find('<') {
        scan.text(&rest[..lt]);
        let after = &rest[lt..];
        if after.starts_with("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        scan.tag(&after[..end]);
        rest = &after[end..];
    }
    scan.text(rest);
    scan.finish()
}

/// The inside of `<main ...>...</main>`.
fn main_part(html: &str) -> Option<&str> {
    let start = html.find("<main")?;
    let open_end = start + html[start..].find('>')? + 1;
    let end = html[open_end..]
        .rfind("</main>")
        .map_or(html.len(), |e| open_end + e);
    Some(&html[open_end..end])
}

#[derive(Default)]
struct Scan {
    sections: Vec<Section>,
    current: Section,
    /// Text of the block being read, as written in the HTML.
    block: String,
    /// The block's text decoded, kept to reuse its memory.
    decoded: String,
    /// The block's text decoded and its white space folded, kept likewise.
    folded: String,
    /// The heading being read: its level (7 for a glossary term) and id.
    heading: Option<(u8, String)>,
    /// The level of the heading that gave the current anchor.
    anchor_level: u8,
    /// Depth inside skipped elements and the name that opened the outermost one.
    skip: Option<(&'static str, usize)>,
}

impl Scan {
    fn text(&mut self, raw: &str) {
        if self.skip.is_none() && !raw.is_empty() {
            self.block.push_str(raw);
        }
    }

    fn tag(&mut self, tag: &str) {
        let closing = tag.starts_with("</");
        let bare = tag.trim_start_matches(['<', '/']);
        let len = bare
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(bare.len());
        // Templates write tags in lower case: a copy only for the others.
        let name: std::borrow::Cow<str> = match &bare[..len] {
            n if n.bytes().any(|b| b.is_ascii_uppercase()) => n.to_ascii_lowercase().into(),
            n => n.into(),
        };
        let empty = tag.ends_with("/>");
        if let Some((skipped, depth)) = &mut self.skip {
            if *skipped == name && !empty {
                if closing {
                    *depth -= 1;
                } else {
                    *depth += 1;
                }
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if !closing && !empty {
            let hidden = || tag.contains("aria-hidden=\"true\"") || tag.contains(" hidden");
            let skip = skipped(&name).or_else(|| (name == "span" && hidden()).then_some("span"));
            if let Some(skip) = skip {
                self.skip = Some((skip, 1));
                return;
            }
        }
        let level = heading_level(&name, tag);
        match (level, closing) {
            (Some(_), true) if self.heading.is_some() => self.end_heading(),
            (Some(level), false) => {
                self.end_block();
                self.heading = Some((level, attribute(tag, "id").unwrap_or_default()));
            }
            _ if name == "img" => {
                if let Some(alt) = attribute(tag, "alt") {
                    self.block.push(' ');
                    self.block.push_str(&alt);
                    self.block.push(' ');
                }
            }
            _ if self.heading.is_none() && is_block(&name) => self.end_block(),
            _ => {}
        }
    }

    /// The block's text decoded with its white space folded, in `self.folded`; the
    /// block is emptied.
    fn fold_block(&mut self) {
        self.folded.clear();
        let text = if self.block.contains('&') {
            self.decoded.clear();
            decode_into(&self.block, &mut self.decoded);
            &self.decoded
        } else {
            &self.block
        };
        fold_space(text, &mut self.folded);
        self.block.clear();
    }

    /// A heading ends: the text read so far becomes its section's heading.
    fn end_heading(&mut self) {
        let Some((level, id)) = self.heading.take() else {
            return;
        };
        self.fold_block();
        let heading = self.folded.clone();
        let anchor = if !id.is_empty() {
            self.anchor_level = level;
            id
        } else if level <= self.anchor_level {
            self.anchor_level = 0;
            String::new()
        } else {
            self.current.anchor.clone()
        };
        let done = std::mem::replace(
            &mut self.current,
            Section {
                heading,
                anchor,
                sentences: Vec::new(),
            },
        );
        if !done.heading.is_empty() || !done.sentences.is_empty() {
            self.sections.push(done);
        }
    }

    fn end_block(&mut self) {
        if self.block.is_empty() {
            return;
        }
        self.fold_block();
        push_sentences(&self.folded, &mut self.current.sentences);
    }

    fn finish(mut self) -> Vec<Section> {
        if self.heading.is_some() {
            self.end_heading();
        }
        self.end_block();
        if !self.current.heading.is_empty() || !self.current.sentences.is_empty() {
            self.sections.push(self.current);
        }
        self.sections
    }
}

/// The level of a heading tag; a glossary term (`<dt id=...>`) counts as a heading
/// below all others.
fn heading_level(name: &str, tag: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
        b"dt" if tag.starts_with("</") || attribute(tag, "id").is_some() => Some(7),
        _ => None,
    }
}

/// The value of a double-quoted attribute of a tag, decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let pattern = format!(" {name}=\"");
    let start = tag.find(&pattern)? + pattern.len();
    let len = tag[start..].find('"')?;
    Some(decode(&tag[start..start + len]))
}

/// The words of `text` (split at white space) joined by single spaces, added to `out`.
fn fold_space(text: &str, out: &mut String) {
    let mut word = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), word) {
            (true, Some(start)) => {
                push_word(out, &text[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
    }
    if let Some(start) = word {
        push_word(out, &text[start..]);
    }
}

fn push_word(out: &mut String, word: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// The named entities templates and Markdown write, and numeric ones.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    decode_into(s, &mut out);
    out
}

/// [`decode`], added to `out`.
fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let entity = after.find(';').filter(|&e| e <= 10).map(|e| &after[1..e]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => e
                .strip_prefix("#x")
                .or_else(|| e.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

/// A block's text cut after each sentence's end mark.
#[cfg(test)]
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut folded = String::new();
    fold_space(text, &mut folded);
    push_sentences(&folded, &mut out);
    out
}

/// The sentences of a block's text, whose white space is folded (so a space is the only
/// white space in it), added to `out`: each ends after an end mark, a Chinese one or a
/// `.`, `!` or `?` followed by a space or the end.
fn push_sentences(text: &str, out: &mut Vec<String>) {
    const CHINESE: [&[u8]; 3] = ["。".as_bytes(), "！".as_bytes(), "？".as_bytes()];
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let end = match b {
            b'.' | b'!' | b'?' => matches!(bytes.get(i + 1), None | Some(b' ')).then_some(i + 1),
            0xE3 | 0xEF => {
                let rest = bytes.get(i..).unwrap_or_default();
                CHINESE.iter().any(|m| rest.starts_with(m)).then_some(i + 3)
            }
            _ => None,
        };
        if let Some(end) = end {
            push_trimmed(text.get(start..end).unwrap_or_default(), out);
            start = end;
        }
    }
    push_trimmed(text.get(start..).unwrap_or_default(), out);
}

fn push_trimmed(sentence: &str, out: &mut Vec<String>) {
    let s = sentence.trim();
    if !s.is_empty() {
        out.push(s.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_start_at_headings_and_keep_their_anchor() {
        let html = "<nav>Home</nav><main id=\"main\"><h1>Peer work</h1><p>Intro one. Intro two.</p>\
            <section aria-labelledby=\"k\"><h2 id=\"k\">Key &amp; messages</h2><ol><li><h3>Pay</h3><p>Paid fairly.</p></li></ol></section>\
            <h2>No id</h2><p>Text<svg><text>axis</text></svg> here</p></main><footer>x</footer>";
        let s = sections(html);
        let summary: Vec<(&str, &str, Vec<&str>)> = s
            .iter()
            .map(|s| {
                (
                    s.heading.as_str(),
                    s.anchor.as_str(),
                    s.sentences.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Peer work", "", vec!["Intro one.", "Intro two."]),
                ("Key & messages", "k", vec![]),
                ("Pay", "k", vec!["Paid fairly."]),
                ("No id", "", vec!["Text here"]),
            ]
        );
    }

    #[test]
    fn glossary_terms_are_sections_of_their_own() {
        let html = "<main><dl><div><dt id=\"pwud\">people who use drugs (<abbr>PWUD</abbr>)</dt><dd><p>Anyone.</p></dd></div></dl></main>";
        let s = sections(html);
        assert_eq!(s[0].heading, "people who use drugs (PWUD)");
        assert_eq!(s[0].anchor, "pwud");
        assert_eq!(s[0].sentences, ["Anyone."]);
    }

    #[test]
    fn hidden_marks_and_scripts_are_not_text() {
        let html = "<main><p><span class=\"m\" aria-hidden=\"true\">+</span> Good.<script>x()</script></p></main>";
        assert_eq!(sections(html)[0].sentences, ["Good."]);
    }

    #[test]
    fn sentences_end_at_marks_followed_by_space_and_at_chinese_marks() {
        assert_eq!(
            sentences("About 2.5 days. Yes! 同伴。报酬"),
            ["About 2.5 days.", "Yes!", "同伴。", "报酬"]
        );
    }

    #[test]
    fn entities_are_decoded_and_a_lone_ampersand_stays() {
        assert_eq!(
            decode("a &amp; b &#233; &#xE9; & c &bogus;"),
            "a & b é é & c &bogus;"
        );
    }

    #[test]
    fn a_page_without_main_has_no_sections() {
        assert!(sections("<p>x</p>").is_empty());
        assert!(sections("<main>").is_empty());
    }
}
