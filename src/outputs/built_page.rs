//! Outputs made from pages the build already wrote (the Word brief, the EPUB): a page
//! read back and parsed as a browser parses it, its links resolved to other output
//! files or to the site's web address, its text with white space folded, and the zip
//! package both formats are, written whole beside the old one and then swapped in.

use std::io::Write;
use std::path::Path;

use scraper::{ElementRef, Html, Node};

/// A page of the output folder, parsed.
pub struct BuiltPage {
    /// Its path in the output folder, e.g. `brief/index.html`.
    pub path: String,
    pub html: Html,
}

/// Reads and parses `path` (relative to `output`). Nesting past what a browser keeps
/// is flattened ([`crate::text::nesting`]): the formats walk the page by recursion.
pub fn read(output: &Path, path: &str) -> Result<BuiltPage, String> {
    let text = std::fs::read_to_string(output.join(path)).map_err(|e| format!("{path}: {e}"))?;
    Ok(BuiltPage {
        path: path.to_string(),
        html: crate::text::nesting::parse_document(&text),
    })
}

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the output folder (`index.html` added to folder addresses).
    Site {
        file: String,
        fragment: Option<String>,
    },
    /// Anywhere else: kept as written.
    Outside(String),
}

/// A stand-in host for resolving relative links; never contacted.
const LOCAL: &str = "http://output.invalid/";

/// Resolves `href`, written in the output file `page`.
pub fn resolve(page: &str, href: &str) -> Target {
    let outside = || Target::Outside(href.to_string());
    let Ok(base) = url::Url::parse(LOCAL).and_then(|b| b.join(page)) else {
        return outside();
    };
    let Ok(to) = base.join(href) else {
        return outside();
    };
    if to.scheme() != "http" || to.host_str() != Some("output.invalid") {
        return outside();
    }
    let mut file = to.path().trim_start_matches('/').to_string();
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    Target::Site {
        file,
        fragment: to.fragment().map(String::from),
    }
}

/// The web address of an output file, under the site's `base_url` (ending in `/`).
pub fn web_address(base_url: &str, file: &str, fragment: Option<&str>) -> String {
    let path = file.strip_suffix("index.html").unwrap_or(file);
    match fragment {
        Some(f) => format!("{base_url}{path}#{f}"),
        None => format!("{base_url}{path}"),
    }
}

/// Whether an element is text only for screen readers (`class="visually-hidden"`).
pub fn visually_hidden(el: &ElementRef) -> bool {
    el.value().classes().any(|c| c == "visually-hidden")
}

/// The text of an element as a reader sees it: white space folded to single spaces,
/// screen-reader-only text left out.
pub fn text(el: ElementRef) -> String {
    let mut out = String::new();
    collect_text(el, &mut out);
    fold_space(&out)
}

fn collect_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    if !visually_hidden(&c) {
                        collect_text(c, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Runs of white space as one space, trimmed (the shared helper's fold).
pub fn fold_space(text: &str) -> String {
    crate::text::spaces::fold(text)
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 does not allow (control characters).
            c if crate::text::escape::is_control(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One file of a zip package.
pub struct Part {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Stored without compression (EPUB's `mimetype` must be).
    pub stored: bool,
}

impl Part {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Part {
        Part {
            name: name.into(),
            bytes: bytes.into(),
            stored: false,
        }
    }
}

/// Writes `parts`, in order, as the zip file `dest`: first to a temporary file in the
/// same folder, then renamed over `dest`, so a failure leaves the last good file. The
/// entries carry a fixed date, so the same site gives the same bytes.
pub fn write_zip(dest: &Path, parts: &[Part]) -> Result<(), String> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", dest.display());
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(&e))?;
    let mut zip = zip::ZipWriter::new(tmp.as_file());
    for part in parts {
        let method = if part.stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(part.name.as_str(), options)
            .map_err(|e| fail(&e))?;
        zip.write_all(&part.bytes).map_err(|e| fail(&e))?;
    }
    zip.finish().map_err(|e| fail(&e))?;
    // Readable by all, like the site's other files (a temporary file is private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| fail(&e))?;
    }
    tmp.persist(dest).map_err(|e| fail(&e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_to_output_files_or_stay_outside() {
        assert_eq!(
            resolve("brief/index.html", "../glossary/#realist-review"),
            Target::Site {
                file: "glossary/index.html".into(),
                fragment: Some("realist-review".into())
            }
        );
        assert_eq!(
            resolve("fr/index.html", "about/"),
            Target::Site {
                file: "fr/about/index.html".into(),
                fragment: None
            }
        );
        assert_eq!(
            resolve("a/index.html", "mailto:x@example.org"),
            Target::Outside("mailto:x@example.org".into())
        );
        assert_eq!(
            resolve("a/index.html", "https://example.org/x"),
            Target::Outside("https://example.org/x".into())
        );
        assert_eq!(
            web_address("https://e.org/b/", "glossary/index.html", Some("x")),
            "https://e.org/b/glossary/#x"
        );
    }

    #[test]
    fn text_folds_space_and_leaves_out_screen_reader_text() {
        let html = Html::parse_fragment(
            "<p>Download  <a>data<span class=visually-hidden> of x</span>\n(CSV)</a></p>",
        );
        let p = html
            .select(&scraper::Selector::parse("p").unwrap())
            .next()
            .unwrap();
        assert_eq!(text(p), "Download data (CSV)");
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}d"),
            "a&lt;b &amp; &quot;c&quot; d"
        );
    }
}
