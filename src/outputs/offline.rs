//! One-file offline copies of pages meant to travel (the slides): the theme's style
//! sheets and script written into the page, its fonts as `data:` addresses, and links
//! to the rest of the site made absolute, so a community worker can copy one HTML file
//! to a USB stick and open it on any computer without the internet. The page's
//! Content-Security-Policy allows exactly that inline style and script, by their
//! SHA-256 hashes, and nothing from any other place.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256};

/// What the offline page writes inline.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OfflineAssets {
    pub css: String,
    pub js: String,
    pub csp: String,
}

/// Reads `css` and `js` (files of the theme's `static/` folder) for inlining.
pub fn assets(static_dir: &Path, css: &[&str], js: &str) -> Result<OfflineAssets, String> {
    let read = |name: &str| {
        std::fs::read_to_string(static_dir.join(name)).map_err(|e| format!("{name}: {e}"))
    };
    let mut style = String::new();
    for name in css {
        style.push_str(&inline_fonts(&read(name)?, static_dir));
        style.push('\n');
    }
    let script = read(js)?;
    let csp = format!(
        "default-src 'none'; img-src data:; font-src data:; style-src '{}'; script-src '{}'; base-uri 'none'; form-action 'none'",
        hash(&style),
        hash(&script)
    );
    Ok(OfflineAssets {
        css: style,
        js: script,
        csp,
    })
}

/// The CSP source for an inline element's text.
fn hash(text: &str) -> String {
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// `url(fonts/x.woff2)` in a style sheet as a `data:` address of the file.
fn inline_fonts(css: &str, static_dir: &Path) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("url(") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let Some(end) = after.find(')') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let target = after[..end].trim().trim_matches(['"', '\'']);
        let mime = match target.rsplit('.').next() {
            Some("woff2") => Some("font/woff2"),
            Some("woff") => Some("font/woff"),
            Some("svg") => Some("image/svg+xml"),
            Some("png") => Some("image/png"),
            _ => None,
        };
        // A theme picture is inlined cleaned of metadata, as it is published.
        let read = std::fs::read(static_dir.join(target))
            .ok()
            .and_then(
                |bytes| match crate::outputs::images::raster_format(target) {
                    Some(format) => crate::outputs::images::clean(&bytes, format).ok(),
                    None => Some(bytes),
                },
            );
        match (mime, read) {
            (Some(mime), Some(bytes)) if !target.contains("..") && !target.contains(':') => {
                out.push_str(&format!(
                    "url(data:{mime};base64,{})",
                    base64::engine::general_purpose::STANDARD.encode(bytes)
                ));
            }
            _ => out.push_str(&format!("url({})", &after[..end])),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Root-relative addresses of the site (`href="/base/x"`) made absolute
/// (`href="https://example.org/base/x"`), so links from the file lead to the site.
pub fn absolutize(html: &str, base_path: &str, base_url: &str) -> String {
    let mut out = html.to_string();
    for attr in ["href", "src"] {
        out = out.replace(
            &format!("{attr}=\"{base_path}"),
            &format!("{attr}=\"{base_url}"),
        );
    }
    out
}

/// The offline file of a page address, beside the page: `/fr/slides/` gives
/// `fr/slides/slides.html`.
pub fn file_for(url: &str) -> String {
    let dir = url.trim_start_matches('/');
    let name = dir
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("slides");
    format!("{dir}{name}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_inlined_and_the_policy_hashes_the_inline_parts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("fonts")).unwrap();
        std::fs::write(dir.path().join("fonts/a.woff2"), b"wOF2").unwrap();
        std::fs::write(dir.path().join("s.css"), "@font-face { src: url(fonts/a.woff2) format(\"woff2\"); }\nbody { background: url(https://x.example/t.png); }").unwrap();
        std::fs::write(dir.path().join("s.js"), "go();").unwrap();
        let a = assets(dir.path(), &["s.css"], "s.js").unwrap();
        assert!(
            a.css.contains("url(data:font/woff2;base64,d09GMg==)"),
            "{}",
            a.css
        );
        assert!(
            a.css.contains("url(https://x.example/t.png)"),
            "other addresses stay"
        );
        assert!(a.csp.contains(&format!("script-src '{}'", hash("go();"))));
        assert!(a.csp.starts_with("default-src 'none'"));
    }

    #[test]
    fn addresses_and_file_names() {
        assert_eq!(
            absolutize(
                "<a href=\"/b/x/\">x</a><img src=\"/b/i.png\">",
                "/b/",
                "https://e.org/b/"
            ),
            "<a href=\"https://e.org/b/x/\">x</a><img src=\"https://e.org/b/i.png\">"
        );
        assert_eq!(file_for("/fr/slides/"), "fr/slides/slides.html");
        assert_eq!(file_for("/info-session/"), "info-session/info-session.html");
        assert_eq!(file_for("/"), "slides.html");
    }
}
