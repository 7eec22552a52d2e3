//! Photos and pictures without what the camera wrote in them: an image is decoded and
//! encoded again, its EXIF orientation applied first, so no EXIF, XMP, IPTC, GPS
//! position or comment is left in the bytes plainsite publishes (the files beside the
//! pages, written by the write stage's `write/images.rs`, and pictures inlined in offline
//! slides).
//!
//! Decoding has limits (pixels per side and memory), so a decompression bomb or a
//! corrupt file is a problem reported at the image, never a panic or a huge allocation;
//! such an image is not published.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::load::images::MAX_WIDTH;
use crate::text::diagnostics::Diagnostic;

/// The longest side plainsite decodes: a 40-megapixel camera's 7,728 pixels fit, a
/// 20,000-pixel decompression bomb does not.
pub const MAX_SIDE: u32 = 12_000;

/// The most memory one decoded image may take (a 40-megapixel RGBA photo is 160 MB).
const MAX_MEMORY: u64 = 256 * 1024 * 1024;

/// Quality of re-encoded JPEGs: visually the same as a camera's file at about half its size.
const JPEG_QUALITY: u8 = 85;

/// Quality of the lossy WebP copies of photos: about a third smaller than the JPEG at
/// [`JPEG_QUALITY`] and alike to the eye (libwebp's own default is 75).
const WEBP_QUALITY: f32 = 80.0;

/// libwebp's effort (0 fastest to 6 smallest; its default is 4): 2 skips the
/// rate-distortion search, which was half of a photo's WebP time.
const WEBP_METHOD: i32 = 2;

/// How plainsite processes images, part of each image's reuse key: a change here makes
/// the next build process every image again.
pub const PROCESSING: &str =
    "at most 1600 wide, each copy from the next wider (box filter); jpeg q85, webp lossy q80 method 2 for photos, lossless for pictures";

pub use crate::load::images::raster_format;

/// Why an image cannot be published.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImageProblem {
    #[error("this image is {width} x {height} pixels, more than plainsite opens ({MAX_SIDE} pixels a side)")]
    TooLarge { width: u32, height: u32 },
    #[error("this image cannot be read: {0}")]
    Unreadable(String),
    #[error("this file's contents are not a {0} image")]
    WrongFormat(&'static str),
}

impl ImageProblem {
    /// What the author can do about it.
    fn help(&self) -> &'static str {
        match self {
            ImageProblem::TooLarge { .. } => "resize the image to at most 4,000 pixels wide before adding it; a page never shows more",
            ImageProblem::Unreadable(_) => "open the image in an image editor and save it again as JPEG or PNG; the file may be cut short or damaged",
            ImageProblem::WrongFormat(_) => "save the image again in the format its name says (JPEG, PNG, WebP or GIF), or rename it",
        }
    }

    /// The problem as an error at the image file `shown`, naming the pages that show it.
    pub fn diagnostic(&self, shown: &str, used_on: &[String]) -> Diagnostic {
        Diagnostic::error(format!("{self}; it was not published{}", shown_on(used_on)))
            .in_file(shown)
            .help(self.help())
    }
}

/// "; content/a.md shows it" (or "; content/a.md and content/b.md show it"), or
/// nothing for an image no page shows (a theme file, a download).
pub fn shown_on(pages: &[String]) -> String {
    match pages {
        [] => String::new(),
        [one] => format!("; {one} shows it"),
        [first @ .., last] => format!("; {} and {last} show it", first.join(", ")),
    }
}

/// An image decoded within the limits, orientation applied, ready to encode.
pub fn decode(
    bytes: &[u8],
    format: ImageFormat,
) -> std::result::Result<DynamicImage, ImageProblem> {
    let unreadable = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => too_large(bytes, format),
        e => ImageProblem::Unreadable(e.to_string()),
    };
    let found = image::guess_format(bytes).map_err(unreadable)?;
    if found != format {
        return Err(ImageProblem::WrongFormat(format_name(format)));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_MEMORY);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    if let Some(o) = orientation {
        image.apply_orientation(o);
    }
    Ok(image)
}

/// The size a refused image says it has (for the message), read from its header only.
fn too_large(bytes: &[u8], format: ImageFormat) -> ImageProblem {
    let size = ImageReader::with_format(Cursor::new(bytes), format).into_dimensions();
    match size {
        Ok((width, height)) => ImageProblem::TooLarge { width, height },
        Err(e) => ImageProblem::Unreadable(e.to_string()),
    }
}

fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Png => "PNG",
        ImageFormat::WebP => "WebP",
        ImageFormat::Gif => "GIF",
        _ => "known",
    }
}

/// Encodes `image` in `format` with nothing but the pixels (no metadata chunk or segment).
pub fn encode(
    image: &DynamicImage,
    format: ImageFormat,
) -> std::result::Result<Vec<u8>, ImageProblem> {
    let mut out = Cursor::new(Vec::new());
    let failed = |e: image::ImageError| ImageProblem::Unreadable(e.to_string());
    match format {
        ImageFormat::Jpeg => {
            let rgb = rgb8(image);
            let encoder =
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            rgb.write_with_encoder(encoder).map_err(failed)?;
        }
        ImageFormat::WebP => {
            let rgba = DynamicImage::ImageRgba8(image.to_rgba8());
            let encoder = image::codecs::webp::WebPEncoder::new_lossless(&mut out);
            rgba.write_with_encoder(encoder).map_err(failed)?;
        }
        ImageFormat::Gif => {
            let rgba = DynamicImage::ImageRgba8(image.to_rgba8());
            rgba.write_to(&mut out, ImageFormat::Gif).map_err(failed)?;
        }
        _ => image.write_to(&mut out, ImageFormat::Png).map_err(failed)?,
    }
    Ok(out.into_inner())
}

/// A photo as a lossy WebP (libwebp, through the `webp` crate), made from its pixels
/// alone, so it holds no metadata either.
pub fn encode_webp_photo(image: &DynamicImage) -> std::result::Result<Vec<u8>, ImageProblem> {
    let rgb = rgb8(image);
    let mut config = webp::WebPConfig::new()
        .map_err(|()| ImageProblem::Unreadable("the WebP encoder did not start".into()))?;
    config.quality = WEBP_QUALITY;
    config.method = WEBP_METHOD;
    webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
        .encode_advanced(&config)
        .map(|memory| memory.to_vec())
        .map_err(|e| ImageProblem::Unreadable(format!("{e:?}")))
}

/// The image's RGB pixels: borrowed when it is RGB already (a JPEG photo), so a
/// 40-megapixel photo is not copied once more for each file made from it.
fn rgb8(image: &DynamicImage) -> std::borrow::Cow<'_, image::RgbImage> {
    match image.as_rgb8() {
        Some(rgb) => std::borrow::Cow::Borrowed(rgb),
        None => std::borrow::Cow::Owned(image.to_rgb8()),
    }
}

/// The image re-encoded in its own format without metadata.
pub fn clean(bytes: &[u8], format: ImageFormat) -> std::result::Result<Vec<u8>, ImageProblem> {
    decode(bytes, format).and_then(|img| encode(&img, format))
}

/// Every file published for the image at `rel`: itself cleaned (narrowed to
/// [`MAX_WIDTH`] when wider), its narrower copies (see [`crate::load::images`]) and WebP
/// copies (lossy for photos, lossless for PNG pictures); encoded in parallel. Each is
/// (path in the output, bytes).
pub fn copies(
    bytes: &[u8],
    rel: &str,
    format: ImageFormat,
) -> std::result::Result<Vec<(String, Vec<u8>)>, ImageProblem> {
    use rayon::prelude::*;
    let image = capped(decode(bytes, format)?);
    let sizes = sizes(&image);
    crate::load::images::published(rel, image.width())
        .into_par_iter()
        .map(|(name, width, to)| {
            let copy = width
                .and_then(|w| sizes.iter().find(|s| s.width() == w))
                .unwrap_or(&image);
            let bytes = match (to, format) {
                (ImageFormat::WebP, ImageFormat::Jpeg) => encode_webp_photo(copy)?,
                _ => encode(copy, to)?,
            };
            Ok((name, bytes))
        })
        .collect()
}

/// The image narrowed to [`MAX_WIDTH`] when it is wider (a page never shows more).
fn capped(image: DynamicImage) -> DynamicImage {
    match image.width() > MAX_WIDTH {
        true => narrowed(&image, MAX_WIDTH),
        false => image,
    }
}

/// The narrower copies of `image`, widest first, each made from the one before it
/// (not from the full size): each shrink then reads a quarter of the pixels or fewer.
fn sizes(image: &DynamicImage) -> Vec<DynamicImage> {
    let widths: Vec<u32> = crate::load::images::narrower(image.width()).collect();
    let mut out: Vec<DynamicImage> = Vec::with_capacity(widths.len());
    for &w in widths.iter().rev() {
        let from = out.last().unwrap_or(image);
        let copy = narrowed(from, w);
        out.push(copy);
    }
    out
}

/// The image scaled to `width` pixels wide, its proportions kept.
pub fn narrowed(image: &DynamicImage, width: u32) -> DynamicImage {
    use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
    let height = crate::load::images::scaled_height(image.width(), image.height(), width);
    // A box filter averages the pixels each new pixel covers (area averaging, made for
    // shrinking), with SIMD; alpha is weighted as it should be.
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Box));
    let mut out = DynamicImage::new(width, height, image.color());
    match Resizer::new().resize(image, &mut out, &options) {
        Ok(()) => out,
        // A pixel layout the resizer does not take (none that a decoder gives here).
        Err(_) => image.thumbnail_exact(width, height),
    }
}

/// Whether the image's EXIF holds a GPS position (any field of the GPS directory).
pub fn has_location(bytes: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .is_ok_and(|exif| exif.fields().any(|f| f.tag.context() == exif::Context::Gps))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The test pictures are shared with the integration tests.
    include!("../../tests/common/pictures.rs");

    #[test]
    fn a_phone_photo_with_gps_is_seen_to_hold_a_location() {
        assert!(has_location(&jpeg_with_gps()));
    }

    #[test]
    fn a_cleaned_jpeg_keeps_no_exif_gps_or_comment() {
        let source = jpeg_with_gps();
        let clean = encode(
            &decode(&source, ImageFormat::Jpeg).unwrap(),
            ImageFormat::Jpeg,
        )
        .unwrap();
        assert!(!has_location(&clean));
        for needle in [&b"Exif"[..], b"Cam\0", b"Main St", b"http://ns.adobe.com"] {
            assert!(
                !clean.windows(needle.len()).any(|w| w == needle),
                "{:?} survived",
                String::from_utf8_lossy(needle)
            );
        }
        // No APP1 (EXIF/XMP), APP13 (IPTC) or COM segment.
        for marker in [0xE1u8, 0xED, 0xFE] {
            assert!(
                !clean.windows(2).any(|w| w == [0xFF, marker]),
                "marker {marker:x}"
            );
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_by_its_header() {
        let png = png_bomb();
        assert_eq!(
            decode(&png, ImageFormat::Png).unwrap_err(),
            ImageProblem::TooLarge {
                width: 20_000,
                height: 20_000
            }
        );
    }

    #[test]
    fn a_truncated_jpeg_is_unreadable_not_a_panic() {
        let source = jpeg_with_gps();
        let cut = &source[..source.len() / 3];
        assert!(matches!(
            decode(cut, ImageFormat::Jpeg),
            Err(ImageProblem::Unreadable(_))
        ));
        assert!(matches!(
            decode(b"not an image at all", ImageFormat::Png),
            Err(ImageProblem::Unreadable(_))
        ));
    }

    #[test]
    fn a_png_named_jpg_is_the_wrong_format() {
        let img = DynamicImage::ImageRgb8(image::RgbImage::new(4, 4));
        let png = encode(&img, ImageFormat::Png).unwrap();
        assert_eq!(
            decode(&png, ImageFormat::Jpeg).unwrap_err(),
            ImageProblem::WrongFormat("JPEG")
        );
    }
}
