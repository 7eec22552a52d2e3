//! Safe mode (`safe = true` in site.toml), for sites that take pages from the community:
//! raw HTML in Markdown loses scripts, styles, frames, embedded objects, forms, event
//! handlers (`onclick=`) and `javascript:` addresses. Each removal is reported, so the
//! authors see what changed; everything else is kept as written.

/// Elements removed with everything inside them.
const REMOVE_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "template", "noembed", "noframes", "frameset",
    "textarea", "select",
];

/// Elements removed on their own (their content, if any, stays).
const REMOVE_TAG: &[&str] = &[
    "embed", "base", "meta", "link", "frame", "form", "input", "button", "applet",
];

/// Attributes that hold addresses.
const ADDRESS_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "srcset",
];

/// Cleans raw HTML that may be split over several pieces (one Markdown event each).
#[derive(Debug, Default)]
pub struct Sanitizer {
    /// Inside an element removed with its content: its name.
    skipping: Option<String>,
}

impl Sanitizer {
    /// Cleans one piece of HTML; returns it with what was removed, in words.
    pub fn clean(&mut self, html: &str) -> (String, Vec<String>) {
        let mut out = String::with_capacity(html.len());
        let mut removed = Vec::new();
        let mut rest = html;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                if self.skipping.is_none() {
                    out.push_str(rest);
                }
                break;
            };
            if self.skipping.is_none() {
                out.push_str(&rest[..lt]);
            }
            rest = &rest[lt..];
            let end = tag_end(rest);
            let tag = &rest[..end];
            rest = &rest[end..];
            if tag.starts_with("<!--") {
                if self.skipping.is_none() {
                    out.push_str(tag);
                }
                continue;
            }
            let closing = tag.starts_with("</");
            let name: String = tag
                .trim_start_matches("</")
                .trim_start_matches('<')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
                .collect::<String>()
                .to_ascii_lowercase();
            if let Some(skip) = &self.skipping {
                if closing && *skip == name {
                    self.skipping = None;
                }
                continue;
            }
            if name.is_empty() {
                out.push_str(&tag.replace('<', "&lt;"));
                continue;
            }
            if REMOVE_WITH_CONTENT.contains(&name.as_str()) {
                if !closing {
                    removed.push(format!("a <{name}> element and what is inside it"));
                    if !tag.ends_with("/>") {
                        self.skipping = Some(name);
                    }
                }
                continue;
            }
            if REMOVE_TAG.contains(&name.as_str()) {
                if !closing {
                    removed.push(format!("a <{name}> tag"));
                }
                continue;
            }
            if closing {
                out.push_str(tag);
                continue;
            }
            out.push_str(&clean_attributes(tag, &name, &mut removed));
        }
        (out, removed)
    }
}

/// Where the tag that starts `s` ends (quotes respected).
fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map(|i| i + 3).unwrap_or(s.len());
    }
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The tag without event handlers and without `javascript:` (or similar) addresses.
fn clean_attributes(tag: &str, name: &str, removed: &mut Vec<String>) -> String {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let self_closing = inner.ends_with('/');
    let inner = inner.trim_end_matches('/');
    let mut out = format!("<{}", &inner[..name.len().min(inner.len())]);
    let mut rest = &inner[name.len().min(inner.len())..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let attr_len = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let attr = &rest[..attr_len];
        rest = &rest[attr_len..];
        let mut value: Option<&str> = None;
        let after = rest.trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let (val, len) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = v[1..].find(q).map(|i| i + 1).unwrap_or(v.len() - 1);
                    (&v[..(close + 1).min(v.len())], (close + 1).min(v.len()))
                }
                _ => {
                    let e = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..e], e)
                }
            };
            value = Some(val);
            rest = &v[len..];
        }
        let lower = attr.to_ascii_lowercase();
        if lower.starts_with("on") {
            removed.push(format!("the {lower} attribute of a <{name}> tag"));
            continue;
        }
        if ADDRESS_ATTRIBUTES.contains(&lower.as_str()) {
            let v: String = value
                .unwrap_or("")
                .trim_matches(['"', '\''])
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if v.starts_with("javascript:")
                || v.starts_with("vbscript:")
                || v.starts_with("data:text/html")
            {
                removed.push(format!(
                    "a {} address in the {lower} attribute of a <{name}> tag",
                    v.split(':').next().unwrap_or("script")
                ));
                continue;
            }
        }
        if lower.is_empty() {
            break;
        }
        out.push(' ');
        out.push_str(attr);
        if let Some(v) = value {
            out.push('=');
            out.push_str(v);
        }
    }
    if self_closing {
        out.push_str(" /");
    }
    out.push('>');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> (String, Vec<String>) {
        Sanitizer::default().clean(html)
    }

    #[test]
    fn removes_scripts_handlers_and_script_addresses() {
        let (out, removed) = clean(
            r#"<p onclick="x()">Hi <a href="javascript:alert(1)" title="t">there</a></p><script>alert(1)</script><iframe src="https://e.org"></iframe><img src="a.png" alt="A" onerror=x()>"#,
        );
        assert_eq!(
            out,
            r#"<p>Hi <a title="t">there</a></p><img src="a.png" alt="A">"#
        );
        assert_eq!(removed.len(), 5, "{removed:?}");
    }

    #[test]
    fn keeps_safe_html_and_spans_pieces() {
        let mut s = Sanitizer::default();
        assert_eq!(
            s.clean("<details><summary>More</summary>").0,
            "<details><summary>More</summary>"
        );
        assert_eq!(s.clean("<script>").0, "");
        assert_eq!(
            s.clean("var x = '<b>';").0,
            "",
            "content of a removed script is dropped across pieces"
        );
        assert_eq!(s.clean("</script><b>ok</b>").0, "<b>ok</b>");
        assert_eq!(
            clean("<a href=' JaVaScRiPt:x'>y</a>").1.len(),
            1,
            "case and spaces do not hide a script address"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<a",
            "<a href='",
            "<script",
            "</",
            "<a =x>",
            "<é onclick=1>",
            "<p on>",
        ] {
            let _ = clean(s);
        }
    }
}
