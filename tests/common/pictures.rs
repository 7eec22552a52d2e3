// Pictures for the image tests: a JPEG as a phone writes it, with a GPS position, and
// a decompression bomb (included by the unit tests, used by the integration tests).

/// A small JPEG carrying an EXIF APP1 segment with a GPS position (49.28 N,
/// 123.12 W), a camera make, and a comment segment: what a phone writes.
pub fn jpeg_with_gps() -> Vec<u8> {
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(32, 24, |x, y| {
        image::Rgb([(x * 8) as u8, (y * 10) as u8, 120])
    }));
    let mut plain = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut plain),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    let mut out = plain[..2].to_vec(); // SOI
    let app1 = exif_app1();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    let comment = b"taken at the drop-in, 123 Main St";
    out.extend([0xFF, 0xFE]);
    out.extend(((comment.len() + 2) as u16).to_be_bytes());
    out.extend(comment);
    out.extend(&plain[2..]);
    out
}

/// "Exif\0\0" then a little-endian TIFF: IFD0 with Make and a GPS pointer; the GPS
/// IFD with latitude and longitude (refs and rationals).
fn exif_app1() -> Vec<u8> {
    fn entry(t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32) {
        t.extend(tag.to_le_bytes());
        t.extend(kind.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value.to_le_bytes());
    }
    let mut t = b"II*\0".to_vec();
    t.extend(8u32.to_le_bytes());
    // IFD0 at 8: 2 entries -> 2 + 24 + 4 = 30 bytes, ends at 38.
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, 4, u32::from_le_bytes(*b"Cam\0")); // Make
    entry(&mut t, 0x8825, 4, 1, 38); // GPS IFD pointer
    t.extend(0u32.to_le_bytes());
    // GPS IFD at 38: 4 entries -> 2 + 48 + 4 = 54 bytes, data at 92.
    t.extend(4u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_le_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, 92);
    entry(&mut t, 0x0003, 2, 2, u32::from_le_bytes(*b"W\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, 116);
    t.extend(0u32.to_le_bytes());
    for (n, d) in [(49u32, 1u32), (16, 1), (48, 1), (123, 1), (7, 1), (12, 1)] {
        t.extend(n.to_le_bytes());
        t.extend(d.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(t);
    app1
}

/// A PNG that says it is 20,000 x 20,000 pixels (1.6 GB decoded as RGBA) with a few
/// bytes of pixel data: a decompression bomb's header.
pub fn png_bomb() -> Vec<u8> {
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 20_000, 20_000);
        enc.set_color(png::ColorType::Grayscale);
        let mut w = enc.write_header().unwrap();
        // A zlib stream of one stored block of ten zero bytes.
        let mut idat = vec![0x78, 0x01, 0x01, 10, 0, 0xF5, 0xFF];
        idat.extend([0u8; 10]);
        idat.extend([0x00, 0x0A, 0x00, 0x01]);
        w.write_chunk(png::chunk::IDAT, &idat).unwrap();
        std::mem::forget(w); // no IEND: the file is cut short, as a bomb may be
    }
    png
}
