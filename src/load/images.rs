//! The raster images among the content's and theme's files: their formats (by
//! extension), their displayed sizes read from the file header only (EXIF orientation
//! applied, so a portrait photo taken sideways is tall), and the names of the narrower
//! copies the build publishes for `srcset`. The Markdown stage writes `width`, `height`
//! and `srcset` from these; the write stage (`write/images.rs`) writes the files under the
//! same names.

use std::collections::HashMap;
use std::path::Path;

use image::{ImageDecoder, ImageFormat, ImageReader};

/// The widths of the narrower copies of a photo, for phones, tablets and computers.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The widest copy of an image plainsite publishes: the text column (45em, 720 CSS
/// pixels) on a screen of 2 device pixels per CSS pixel needs 1,440, and a phone of 3
/// (400 CSS pixels) 1,200. A wider photo is published at this width (its "full size"
/// copy): a page never shows more, and each pixel more costs time at every build.
pub const MAX_WIDTH: u32 = WIDTHS[WIDTHS.len() - 1];

/// Displayed size (width, height) of each raster asset, by its path under `content/`.
pub type ImageSizes = HashMap<String, (u32, u32)>;

/// The raster formats plainsite re-encodes, by file extension.
pub fn raster_format(rel: &str) -> Option<ImageFormat> {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        "png" => Some(ImageFormat::Png),
        "webp" => Some(ImageFormat::WebP),
        "gif" => Some(ImageFormat::Gif),
        _ => None,
    }
}

/// The sizes of the raster files among `files` (content path, file), read in parallel;
/// a file whose header cannot be read is left out (its error is reported when it is
/// published).
pub fn sizes<'a>(
    files: impl rayon::iter::ParallelIterator<Item = (&'a str, &'a Path)>,
) -> ImageSizes {
    use rayon::iter::ParallelIterator;
    files
        .filter(|(rel, _)| raster_format(rel).is_some())
        .filter_map(|(rel, path)| Some((rel.to_string(), displayed_size(path)?)))
        .collect()
}

/// Width and height as published and shown (orientation applied, at most [`MAX_WIDTH`]
/// wide), from the header only.
pub fn displayed_size(path: &Path) -> Option<(u32, u32)> {
    size_within(path, HEAD).or_else(|| size_within(path, u64::MAX))
}

/// How much of a file is read first for its size. The image crate's JPEG decoder reads
/// all its input before it parses the headers, so without a limit each rebuild read every
/// photo in full (about 5% of a 1,000-page rebuild with 200 photos). A camera's EXIF,
/// XMP and colour profile come before the frame header and fit in this; a file whose
/// header is further in is read again in full.
const HEAD: u64 = 256 * 1024;

/// [`displayed_size`] from the first `limit` bytes of the file.
fn size_within(path: &Path, limit: u64) -> Option<(u32, u32)> {
    use std::io::Read;
    let format = raster_format(&path.to_string_lossy())?;
    let file = std::io::BufReader::new(std::fs::File::open(path).ok()?.take(limit));
    let mut decoder = ImageReader::with_format(file, format).into_decoder().ok()?;
    let (w, h) = decoder.dimensions();
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation::*;
        matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
    });
    Some(published_size(if turned { (h, w) } else { (w, h) }))
}

/// The size an image of `(width, height)` pixels is published at: narrowed to
/// [`MAX_WIDTH`] when wider, its proportions kept.
pub fn published_size((width, height): (u32, u32)) -> (u32, u32) {
    match width > MAX_WIDTH {
        true => (MAX_WIDTH, scaled_height(width, height, MAX_WIDTH)),
        false => (width, height),
    }
}

/// The height of a `width` x `height` image scaled to `to` pixels wide (at least 1).
pub fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let h = u64::from(height) * u64::from(to) / u64::from(width.max(1));
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// The narrower widths published for an image `width` pixels wide.
pub fn narrower(width: u32) -> impl Iterator<Item = u32> {
    WIDTHS.into_iter().filter(move |&w| w < width)
}

/// Whether WebP copies are published beside the original format: for JPEG photos
/// (lossy WebP, about a third smaller) and PNG pictures (lossless WebP, smaller too).
/// GIFs may move and WebPs are WebP already.
pub fn has_webp(rel: &str) -> bool {
    matches!(
        raster_format(rel),
        Some(ImageFormat::Png | ImageFormat::Jpeg)
    )
}

/// The width a phone's screen needs: 400 CSS pixels at 2 device pixels each, so a
/// phone picks the first `srcset` copy at least this wide.
pub const PHONE_WIDTH: u32 = 800;

/// The copy of the image at `rel` (`width` pixels wide) a phone loads from its
/// `<picture>`: WebP when there is one, the narrowest copy at least [`PHONE_WIDTH`] wide
/// (or the full size). The page weight counts this one.
pub fn phone_copy(rel: &str, width: u32) -> String {
    let own = rel.rsplit_once('.').map_or("", |(_, e)| e);
    let ext = if has_webp(rel) { "webp" } else { own };
    let copy = narrower(width).find(|&w| w >= PHONE_WIDTH);
    copy_name(rel, copy, ext)
}

/// Every file published for an image at `rel` that is `width` pixels wide: (path in the
/// output, width of the copy or None for full size, format). The first is `rel` itself.
pub fn published(rel: &str, width: u32) -> Vec<(String, Option<u32>, ImageFormat)> {
    let Some(format) = raster_format(rel) else {
        return Vec::new();
    };
    let ext = rel.rsplit_once('.').map_or("", |(_, e)| e);
    let mut out = vec![(rel.to_string(), None, format)];
    out.extend(narrower(width).map(|w| (copy_name(rel, Some(w), ext), Some(w), format)));
    if has_webp(rel) {
        out.push((copy_name(rel, None, "webp"), None, ImageFormat::WebP));
        out.extend(
            narrower(width).map(|w| (copy_name(rel, Some(w), "webp"), Some(w), ImageFormat::WebP)),
        );
    }
    out
}

/// The name of a copy: `guide/photo.jpg` at 480 pixels in WebP is `guide/photo-480w.webp`;
/// `width` None is the full-size copy (`guide/photo.webp`).
pub fn copy_name(rel: &str, width: Option<u32>, ext: &str) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    match width {
        Some(w) => format!("{stem}-{w}w.{ext}"),
        None => format!("{stem}.{ext}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_are_named_by_width_and_format() {
        assert_eq!(
            copy_name("guide/photo.jpg", Some(480), "jpg"),
            "guide/photo-480w.jpg"
        );
        assert_eq!(copy_name("a.b/p.png", None, "webp"), "a.b/p.webp");
        assert_eq!(narrower(1000).collect::<Vec<_>>(), [480, 960]);
        assert_eq!(narrower(480).count(), 0);
    }

    #[test]
    fn a_photo_wider_than_a_page_shows_is_published_at_the_widest_copy() {
        assert_eq!(published_size((4243, 2828)), (1600, 1066));
        assert_eq!(published_size((2828, 4243)), (1600, 2400));
        assert_eq!(published_size((1600, 900)), (1600, 900));
        assert_eq!(published_size((600, 400)), (600, 400));
        assert_eq!(published_size((100_000, 1)), (1600, 1));
    }

    /// A JPEG of `width` x `height` noise (so it does not compress to nothing), with
    /// `padding` application segments of 64 KB each before its frame header.
    fn jpeg(width: u32, height: u32, padding: usize) -> Vec<u8> {
        let mut seed = 7u32;
        let pixels = (0..width * height * 3).map(|_| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as u8
        });
        let picture = image::RgbImage::from_raw(width, height, pixels.collect()).unwrap();
        let mut bytes = Vec::new();
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 90);
        picture.write_with_encoder(encoder).unwrap();
        let segments = (0..padding).flat_map(|_| {
            let mut segment = vec![0xFF, 0xEF, 0xFF, 0xFF];
            segment.resize(2 + 0xFFFF, b'.');
            segment
        });
        let mut file = bytes[..2].to_vec();
        file.extend(segments);
        file.extend_from_slice(&bytes[2..]);
        file
    }

    #[test]
    fn a_photos_size_is_read_from_its_first_bytes_not_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grain.jpg");
        std::fs::write(&path, jpeg(1200, 800, 0)).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 2 * HEAD);
        assert_eq!(size_within(&path, HEAD), Some((1200, 800)));
        assert_eq!(displayed_size(&path), Some((1200, 800)));
    }

    #[test]
    fn a_photo_whose_header_lies_past_the_first_bytes_is_read_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("padded.jpg");
        std::fs::write(&path, jpeg(40, 30, 5)).unwrap();
        assert_eq!(size_within(&path, HEAD), None);
        assert_eq!(displayed_size(&path), Some((40, 30)));
    }

    #[test]
    fn a_phone_loads_the_first_webp_copy_wide_enough_for_its_screen() {
        assert_eq!(phone_copy("a/photo.jpg", 4000), "a/photo-960w.webp");
        assert_eq!(phone_copy("a/photo.jpg", 900), "a/photo.webp");
        assert_eq!(phone_copy("a/anim.gif", 2000), "a/anim-960w.gif");
    }
}
