//! Adding an image from the page editor (`serve --edit`): what an upload must be before
//! it is written beside the page. Its type is read from its bytes by the `image` crate
//! (never from the name or the header the browser sends) and it must decode as that
//! type; its name is made of small letters, digits and dashes, with the extension of the
//! type found; it is never written over a file; and it needs alt text, unless the author
//! says it is decorative. The answer is the Markdown to put in the page.

use std::io::Write as _;
use std::path::Path;

use super::refusal::Refusal;

/// The largest image taken, in bytes (the page editor's other requests take at most
/// 1 MiB).
pub const MAX_IMAGE: usize = 5 * 1024 * 1024;

/// The address the page editor sends images to.
pub const UPLOAD_PATH: &str = "/__plainsite/edit/image";

/// The extension of an image whose bytes are a PNG, JPEG, GIF or WebP picture that
/// decodes and that the build can open (at most 12,000 pixels a side); otherwise why not.
pub fn sniff(bytes: &[u8]) -> Result<&'static str, Refusal> {
    use image::ImageFormat;
    let format = image::guess_format(bytes).map_err(|_| Refusal::NotAnImage)?;
    let ext = match format {
        ImageFormat::Png => "png",
        ImageFormat::Jpeg => "jpg",
        ImageFormat::Gif => "gif",
        ImageFormat::WebP => "webp",
        _ => return Err(Refusal::NotAnImage),
    };
    let (width, height) = image::ImageReader::with_format(std::io::Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|_| Refusal::ImageCutShort)?;
    // The build would refuse it at once: the page would stop updating.
    let most = crate::outputs::images::MAX_SIDE;
    if width > most || height > most {
        return Err(Refusal::ImageTooLarge);
    }
    Ok(ext)
}

/// A safe file name stem from the name the author's file had: small letters, digits
/// and dashes only (`My Photo (1).JPG` gives `my-photo-1`), `image` when nothing is left.
pub fn safe_stem(name: &str) -> String {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or("");
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    // Accents taken off letters (`été` gives `ete`), other letters left out.
    use unicode_normalization::UnicodeNormalization as _;
    let plain: String = stem.nfd().filter(|c| c.is_ascii()).collect();
    let slug: String = crate::text::slug::slugify(&plain)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(60)
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "image".to_string()
    } else {
        slug.to_string()
    }
}

/// The Markdown for the image `file`: with its alt text, or marked decorative. An empty
/// alt text that is not marked decorative is refused, as is one on several lines.
pub fn markdown(file: &str, alt: &str, decorative: bool) -> Result<String, Refusal> {
    if decorative {
        return Ok(format!("![]({file} \"decorative\")"));
    }
    let alt = alt.trim();
    if alt.is_empty() {
        return Err(Refusal::NoAltText);
    }
    if alt.contains(['\n', '\r']) {
        return Err(Refusal::AltOnOneLine);
    }
    let mut escaped = String::with_capacity(alt.len());
    for c in alt.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    Ok(format!("![{escaped}]({file})"))
}

/// Writes `bytes` in `folder` as `STEM.EXT`, or `STEM-2.EXT`... when that name is taken:
/// never over a file. Returns the name written.
pub fn write_free(folder: &Path, stem: &str, ext: &str, bytes: &[u8]) -> std::io::Result<String> {
    for n in 1..=100 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let mut tmp = tempfile::Builder::new()
            .prefix(".plainsite-image-")
            .suffix(".tmp")
            .tempfile_in(folder)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        match tmp.persist_noclobber(folder.join(&name)) {
            Ok(_) => return Ok(name),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.error),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "too many images with this name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        image::RgbImage::new(2, 2)
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn the_type_comes_from_the_bytes_and_they_must_decode() {
        assert_eq!(sniff(&png()), Ok("png"));
        assert!(sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>").is_err());
        let mut cut = png();
        cut.truncate(20);
        assert!(sniff(&cut).is_err(), "a PNG cut short");
    }

    #[test]
    fn a_picture_larger_than_the_build_opens_is_refused_at_once() {
        // A GIF whose header says 30,000 x 30,000 pixels (a few bytes on the wire).
        let mut gif = Vec::new();
        image::RgbaImage::new(1, 1)
            .write_to(&mut std::io::Cursor::new(&mut gif), image::ImageFormat::Gif)
            .unwrap();
        gif[6..10].copy_from_slice(&[0x30, 0x75, 0x30, 0x75]);
        assert_eq!(sniff(&gif), Err(Refusal::ImageTooLarge));
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_stem("My Photo (1).JPG"), "my-photo-1");
        assert_eq!(safe_stem("../../site.toml"), "site");
        assert_eq!(safe_stem("..\\evil.png"), "evil");
        assert_eq!(safe_stem("...."), "image");
        assert_eq!(safe_stem("Été 2024.png"), "ete-2024");
        assert_eq!(safe_stem("照片.jpg"), "image");
    }

    #[test]
    fn alt_text_is_needed_unless_decorative() {
        assert_eq!(
            markdown("a.png", "Three people [at] work", false),
            Ok("![Three people \\[at\\] work](a.png)".into())
        );
        assert!(markdown("a.png", "  ", false).is_err());
        assert_eq!(
            markdown("a.png", "", true),
            Ok("![](a.png \"decorative\")".into())
        );
    }

    #[test]
    fn an_image_is_never_written_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), "mine").unwrap();
        assert_eq!(write_free(dir.path(), "a", "png", b"x").unwrap(), "a-2.png");
        assert_eq!(std::fs::read(dir.path().join("a.png")).unwrap(), b"mine");
    }
}
