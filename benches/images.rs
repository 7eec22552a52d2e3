//! One 12-megapixel photo (4,000 x 3,000) through everything the build publishes for
//! it: decoded, cleaned, and encoded at full size and at each narrower width
//! (`cargo bench --bench images`). The photo is drawn here (smooth light and a fixed
//! pseudo-random grain, like a camera's), so the figure does not depend on a file.

use image::{DynamicImage, ImageFormat, RgbImage};
use plainsite::outputs::images::{copies, decode};

fn main() {
    divan::main();
}

/// A 4,000 x 3,000 JPEG at quality 90 with photo-like content.
fn photo() -> Vec<u8> {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let img = RgbImage::from_fn(4000, 3000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let grain = (seed % 24) as u32;
        let r = (x * 180 / 4000 + grain + 40).min(255) as u8;
        let g = (y * 160 / 3000 + grain + 50).min(255) as u8;
        let b = ((x + y) * 120 / 7000 + grain + 60).min(255) as u8;
        image::Rgb([r, g, b])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    DynamicImage::ImageRgb8(img)
        .write_with_encoder(enc)
        .unwrap();
    out.into_inner()
}

#[divan::bench(sample_count = 5)]
fn decode_12_megapixels(b: divan::Bencher) {
    let bytes = photo();
    b.bench(|| decode(divan::black_box(&bytes), ImageFormat::Jpeg).unwrap());
}

#[divan::bench(sample_count = 5)]
fn all_sizes_and_formats_12_megapixels(b: divan::Bencher) {
    let bytes = photo();
    b.bench(|| copies(divan::black_box(&bytes), "photo.jpg", ImageFormat::Jpeg).unwrap());
}
