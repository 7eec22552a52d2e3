//! A Markdown image of a photo in the site becomes a `<picture>`: narrower copies in
//! `srcset`, a WebP source before them (JPEG and PNG), `width` and `height` always (so the
//! page does not jump while it loads), and `loading="lazy" decoding="async"` for every
//! image after the page's first, which is usually on the first screen. The alt text is
//! the author's, escaped; an empty one (`![](x.jpg)`) is reported by the alt-text rule,
//! unless the author marks the image as decoration with the title `decorative`
//! (`![](x.jpg "decorative")`): then `alt=""` is written on purpose, and no title.

use crate::load::images::{copy_name, has_webp, narrower};
use crate::text::escape::escape;

/// What the image tag needs: the image's content path and published address, its
/// displayed size, and whether an image came before it on the page.
pub struct Picture {
    pub rel: String,
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub lazy: bool,
    pub title: String,
}

/// The title that marks an image as decoration, which screen readers skip.
const DECORATIVE: &str = "decorative";

/// Whether an image's title is the decorative marker (any case, spaces around).
pub fn is_decorative(title: &str) -> bool {
    title.trim().eq_ignore_ascii_case(DECORATIVE)
}

/// The finding for an image marked decorative that has alt text: (message, help).
pub const DECORATIVE_WITH_ALT: (&str, &str) = (
    "this image is marked decorative but has alt text",
    "remove the words between the brackets if the image is only decoration, or remove \"decorative\" if it shows something the reader needs",
);

/// How wide the image shows: the text column, or the whole screen on a phone.
const SIZES: &str = "(min-width: 45em) 45em, 100vw";

impl Picture {
    /// The `<picture>` element with `alt` as the image's text.
    pub fn html(&self, alt: &str) -> String {
        self.html_sized(alt, SIZES)
    }

    /// The `<picture>` element for an image shown `sizes` wide (a `sizes` attribute),
    /// so a browser fetches the narrowest copy that is sharp enough.
    pub fn html_sized(&self, alt: &str, sizes: &str) -> String {
        let ext = self.rel.rsplit_once('.').map_or("", |(_, e)| e);
        let mut out = String::from("<picture>");
        if has_webp(&self.rel) {
            out.push_str(&format!(
                "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                self.srcset("webp")
            ));
        }
        let title = match self.title.is_empty() {
            true => String::new(),
            false => format!(" title=\"{}\"", escape(&self.title)),
        };
        let lazy = match self.lazy {
            true => " loading=\"lazy\" decoding=\"async\"",
            false => " decoding=\"async\"",
        };
        out.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"{title}{lazy}></picture>",
            escape(&self.url),
            self.srcset(ext),
            self.width,
            self.height,
            escape(alt),
        ));
        out
    }

    /// `photo-480w.jpg 480w, ..., photo.jpg 1600w` in the format `ext`.
    fn srcset(&self, ext: &str) -> String {
        let base = self.url.strip_suffix(self.rel.as_str()).unwrap_or("");
        let mut parts: Vec<String> = narrower(self.width)
            .map(|w| format!("{}{} {w}w", base, copy_name(&self.rel, Some(w), ext)))
            .collect();
        parts.push(format!(
            "{}{} {}w",
            base,
            copy_name(&self.rel, None, ext),
            self.width
        ));
        escape(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picture(rel: &str, width: u32, lazy: bool) -> Picture {
        Picture {
            rel: rel.into(),
            url: format!("/base/{rel}"),
            width,
            height: width / 2,
            lazy,
            title: String::new(),
        }
    }

    #[test]
    fn a_photo_gets_srcset_widths_and_its_size() {
        assert_eq!(
            picture("guide/photo.jpg", 1200, false).html("People \"here\""),
            "<picture><source type=\"image/webp\" srcset=\"/base/guide/photo-480w.webp 480w, /base/guide/photo-960w.webp 960w, /base/guide/photo.webp 1200w\" sizes=\"(min-width: 45em) 45em, 100vw\"><img src=\"/base/guide/photo.jpg\" srcset=\"/base/guide/photo-480w.jpg 480w, /base/guide/photo-960w.jpg 960w, /base/guide/photo.jpg 1200w\" sizes=\"(min-width: 45em) 45em, 100vw\" width=\"1200\" height=\"600\" alt=\"People &quot;here&quot;\" decoding=\"async\"></picture>"
        );
    }

    #[test]
    fn a_png_gets_a_webp_source_and_later_images_load_lazily() {
        let html = picture("map.png", 500, true).html("A map");
        assert!(html.starts_with("<picture><source type=\"image/webp\" srcset=\"/base/map-480w.webp 480w, /base/map.webp 500w\""), "{html}");
        assert!(
            html.contains("loading=\"lazy\" decoding=\"async\""),
            "{html}"
        );
    }
}
