//! Writes a photo-like JPEG for the image benchmarks (benches/images.sh): smooth light
//! with a fixed pseudo-random grain, as a camera's file has, so the figures do not
//! depend on a file from elsewhere. Usage: `bench_photo WIDTH HEIGHT OUT.jpg [SEED]`.

use image::{DynamicImage, RgbImage};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [width, height, out, rest @ ..] = args.as_slice() else {
        return Err("usage: bench_photo WIDTH HEIGHT OUT.jpg [SEED]".into());
    };
    let (width, height): (u32, u32) = (width.parse()?, height.parse()?);
    let mut seed = rest.first().map_or(Ok(1), |s| s.parse::<u64>())? | 1;
    let img = RgbImage::from_fn(width, height, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let grain = (seed % 24) as u32;
        let r = (x * 180 / width + grain + 40).min(255) as u8;
        let g = (y * 160 / height + grain + 50).min(255) as u8;
        let b = ((x + y) * 120 / (width + height) + grain + 60).min(255) as u8;
        image::Rgb([r, g, b])
    });
    let file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(file, 90);
    DynamicImage::ImageRgb8(img).write_with_encoder(encoder)?;
    Ok(())
}
