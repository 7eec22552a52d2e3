//! Writes a large JPEG for the image benchmarks (benches/images.sh) by enlarging a real
//! photo (the example site's `content/news/coffee.jpg`) to the size asked, the same
//! bytes every run. With a SEED, a fixed pseudo-random grain is added, as a camera's
//! sensor adds it, so photos made with different seeds are different files.
//! Usage: `bench_photo SOURCE WIDTH HEIGHT OUT.jpg [SEED]`.

use image::imageops::FilterType;
use image::DynamicImage;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, width, height, out, rest @ ..] = args.as_slice() else {
        return Err("usage: bench_photo SOURCE WIDTH HEIGHT OUT.jpg [SEED]".into());
    };
    let (width, height): (u32, u32) = (width.parse()?, height.parse()?);
    let mut img = image::open(source)?
        .resize_exact(width, height, FilterType::CatmullRom)
        .to_rgb8();
    if let Some(seed) = rest.first() {
        let mut seed = seed.parse::<u64>()? | 1;
        for value in img.iter_mut() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            *value = value.saturating_add((seed % 12) as u8).saturating_sub(6);
        }
    }
    let file = std::io::BufWriter::new(std::fs::File::create(out)?);
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(file, 90);
    DynamicImage::ImageRgb8(img).write_with_encoder(encoder)?;
    Ok(())
}
