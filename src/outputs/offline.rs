//! One-file offline copies of pages meant to travel (the slides): the theme's style
//! sheets and script written into the page, its fonts as `data:` addresses, and links
//! to the rest of the site made absolute, so a community worker can copy one HTML file
//! to a USB stick and open it on any computer without the internet. The page's
//! Content-Security-Policy allows exactly that inline style and script, by their
//! SHA-256 hashes, and nothing from any other place. Photos of the site go inside the
//! file too (one `<img>` with a `data:` address, its alt text kept), cleaned of
//! metadata as they are published.

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

/// The widest copy of a photo a one-file page carries: sharp on a projector's slide
/// or a printed brief, and a few of them keep the file small enough to send.
const PHOTO_PX: u32 = 960;

/// Each photo of the site in a rendered offline page (a `<picture>`, or an `<img>` whose
/// `src` is a root-relative address under `base_path` of a JPEG, PNG, WebP or GIF in
/// `content_dir`) as one `<img>` holding its pixels as a `data:` address: at most
/// [`PHOTO_PX`] wide, re-encoded without metadata, with its `alt`, `title`, `width`
/// and `height`. A photo that cannot be read stays as it was (the build reports it).
pub fn inline_photos(html: &str, base_path: &str, content_dir: &Path) -> String {
    use crate::text::html_scan::start_tags;
    let tags = start_tags(html);
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    for (i, tag) in tags.iter().enumerate() {
        if tag.at < done || !matches!(tag.name.as_str(), "picture" | "img") {
            continue;
        }
        // A <picture> is replaced up to its end tag by the <img> inside it.
        let (img, end) = match tag.name.as_str() {
            "picture" => {
                let Some(close) = html[tag.end..].find("</picture>") else {
                    continue;
                };
                let end = tag.end + close + "</picture>".len();
                match tags[i + 1..].iter().find(|t| t.name == "img" && t.at < end) {
                    Some(img) => (img, end),
                    None => continue,
                }
            }
            _ => (tag, tag.end),
        };
        if let Some(inline) = inline_img(img, base_path, content_dir) {
            out.push_str(&html[done..tag.at]);
            out.push_str(&inline);
            done = end;
        }
    }
    out.push_str(&html[done..]);
    out
}

/// The `<img>` for the site photo `img` shows, its pixels inside; None when `img` shows
/// no readable photo of the site.
fn inline_img(
    img: &crate::text::html_scan::StartTag,
    base_path: &str,
    content_dir: &Path,
) -> Option<String> {
    use crate::outputs::images::{decode, encode, narrowed, raster_format};
    use crate::text::escape::escape;
    let attr = |name: &str| {
        img.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let rel = attr("src")?.strip_prefix(base_path)?;
    let format = raster_format(rel)?;
    if rel.split('/').any(|part| part == ".." || part.is_empty()) {
        return None;
    }
    let image = decode(&std::fs::read(content_dir.join(rel)).ok()?, format).ok()?;
    let image = match image.width() > PHOTO_PX {
        true => narrowed(&image, PHOTO_PX),
        false => image,
    };
    // A GIF may move and WebP is not read by every old browser: both go in as PNG.
    let (format, mime) = match format {
        image::ImageFormat::Jpeg => (format, "image/jpeg"),
        _ => (image::ImageFormat::Png, "image/png"),
    };
    let bytes = encode(&image, format).ok()?;
    let mut tag = format!(
        "<img src=\"data:{mime};base64,{}\"",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    );
    for name in ["width", "height", "alt", "title"] {
        if let Some(value) = attr(name) {
            tag.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
    }
    tag.push('>');
    Some(tag)
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
