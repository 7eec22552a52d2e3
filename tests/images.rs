//! Images a site publishes: stripped of every byte of metadata (GPS above all), the
//! author warned about location data in their own files, and bad images reported at
//! their file without a panic.

mod common;

use common::pictures::{jpeg_with_gps, png_bomb};
use common::*;

/// The basic site with `bytes` at content/guide/`name`, shown on the second page.
fn site_with_image(name: &str, bytes: &[u8]) -> Fixture {
    let f = Fixture::new("basic");
    std::fs::write(f.root().join("content/guide").join(name), bytes).unwrap();
    f.write(
        "content/guide/second.md",
        &format!("---\ntitle: Second page\nweight: 2\n---\n\nBack to [the first page](first.md#first-part).\n\n![People sitting in a circle of chairs]({name})\n"),
    );
    f
}

#[test]
fn a_gps_tagged_jpeg_leaves_no_metadata_in_any_output_file() {
    let f = site_with_image("photo.jpg", &jpeg_with_gps());
    let err = assert_ok(&f.build());
    assert!(
        err.contains("[image-location]") && err.contains("content/guide/photo.jpg"),
        "{err}"
    );
    let published = std::fs::read(f.public().join("guide/photo.jpg")).unwrap();
    assert!(published.starts_with(&[0xFF, 0xD8]), "still a JPEG");
    // The GPS latitude as EXIF stores it (49/1 as two little-endian u32), the EXIF
    // header, the camera make and the comment: in no file of the output.
    let latitude: Vec<u8> = [49u32, 1, 16, 1]
        .iter()
        .flat_map(|n| n.to_le_bytes())
        .collect();
    let needles: [&[u8]; 4] = [b"Exif\0\0", b"Cam\0", b"123 Main St", &latitude];
    // The EPUB book too: each part of its zip package is read. (It packages no photo:
    // the photo's alt text stands in for it.)
    let out = f.run(&["epub"]);
    assert_ok(&out);
    let mut files = 0;
    // Chapters of a package that carry the photo's alt text.
    let mut epubs = 0;
    for (path, bytes) in snapshot(&f.public()) {
        let parts = match bytes.starts_with(b"PK") {
            true => {
                let parts = unzipped(&bytes);
                let alt = b"<span class=\"img-alt\">People sitting in a circle of chairs</span>";
                epubs += parts
                    .iter()
                    .filter(|p| p.windows(alt.len()).any(|w| w == alt))
                    .count();
                parts
            }
            false => vec![bytes],
        };
        for bytes in parts {
            files += 1;
            for needle in needles {
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "{} holds {:?}",
                    path.display(),
                    String::from_utf8_lossy(needle)
                );
            }
        }
    }
    assert!(
        epubs > 0,
        "the EPUB has the photo's alt text ({files} files read)"
    );
}

/// Every part of a zip package (an EPUB or Word file).
fn unzipped(bytes: &[u8]) -> Vec<Vec<u8>> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut part = Vec::new();
            zip.by_index(i).unwrap().read_to_end(&mut part).unwrap();
            part
        })
        .collect()
}

#[test]
fn check_warns_about_a_photo_that_holds_its_location() {
    let f = site_with_image("photo.jpg", &jpeg_with_gps());
    let err = stderr(&f.run(&["check"]));
    assert!(
        err.contains("this image holds the place where it was taken (GPS)")
            && err.contains("content/guide/photo.jpg"),
        "{err}"
    );
}

#[test]
fn a_truncated_jpeg_is_an_error_at_its_file_and_the_site_is_kept() {
    let source = jpeg_with_gps();
    let f = site_with_image("photo.jpg", &source[..source.len() / 3]);
    let err = assert_fails(&f.build());
    assert!(
        err.contains("this image cannot be read") && err.contains("content/guide/photo.jpg"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_bad_image_error_names_the_page_that_shows_it() {
    let source = jpeg_with_gps();
    let f = site_with_image("photo.jpg", &source[..source.len() / 3]);
    let err = assert_fails(&f.build());
    assert!(
        err.contains("it was not published; content/guide/second.md shows it"),
        "{err}"
    );
    let err = assert_fails(&f.run(&["check"]));
    assert!(err.contains("content/guide/second.md shows it"), "{err}");
}

#[test]
fn a_decompression_bomb_is_refused_at_its_file() {
    let f = site_with_image("bomb.png", &png_bomb());
    let err = assert_fails(&f.build());
    assert!(
        err.contains("this image is 20000 x 20000 pixels")
            && err.contains("content/guide/bomb.png"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_the_format_its_name_says_is_an_error_at_its_file() {
    let f = site_with_image("photo.webp", b"GIF89a but really nothing");
    let err = assert_fails(&f.build());
    assert!(err.contains("content/guide/photo.webp"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_photo_is_a_picture_with_srcset_widths_and_its_size() {
    let img = image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let f = site_with_image("photo.jpg", &jpeg);
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\n![People sitting in a circle of chairs](photo.jpg)\n\nLater on the page.\n\n![The same room, later](photo.jpg)\n",
    );
    assert_ok(&f.build());
    // (The page is minified: attributes sorted, quotes dropped where HTML allows.)
    let html = f.read_output("guide/second/index.html");
    assert!(
        html.contains(r#"<picture><source sizes="(min-width: 45em) 45em, 100vw" srcset="../../guide/photo-480w.webp 480w, ../../guide/photo-960w.webp 960w, ../../guide/photo.webp 1200w" type=image/webp><img alt="People sitting in a circle of chairs" decoding=async height=800 sizes="(min-width: 45em) 45em, 100vw" src=../../guide/photo.jpg srcset="../../guide/photo-480w.jpg 480w, ../../guide/photo-960w.jpg 960w, ../../guide/photo.jpg 1200w" width=1200></picture>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"alt="The same room, later" decoding=async height=800 loading=lazy"#),
        "the second image loads lazily: {html}"
    );
    for (name, width) in [
        ("photo-480w.jpg", 480),
        ("photo-960w.jpg", 960),
        ("photo.jpg", 1200),
        ("photo-480w.webp", 480),
        ("photo-960w.webp", 960),
        ("photo.webp", 1200),
    ] {
        let bytes = std::fs::read(f.public().join("guide").join(name)).unwrap();
        let copy = image::load_from_memory(&bytes).unwrap();
        assert_eq!(
            (copy.width(), copy.height()),
            (width, width * 2 / 3),
            "{name}"
        );
        if name.ends_with(".webp") {
            // A photo's WebP is lossy (a "VP8 " chunk, not lossless "VP8L"), and smaller
            // than the JPEG beside it.
            assert_eq!(&bytes[12..16], b"VP8 ", "{name} is lossy");
            let jpeg = std::fs::read(f.public().join("guide").join(name.replace(".webp", ".jpg")));
            assert!(
                bytes.len() < jpeg.unwrap().len(),
                "{name} is smaller than its JPEG"
            );
        }
    }
}

#[test]
fn an_unchanged_photo_is_reused_from_the_last_build_and_a_changed_one_is_processed_again() {
    let f = site_with_image("photo.jpg", &jpeg_with_gps());
    assert_ok(&f.build());
    let published = f.public().join("guide/photo.jpg");
    // Mark the published copy: a build that reuses it keeps the mark.
    let mut marked = std::fs::read(&published).unwrap();
    marked.extend(b"reused");
    std::fs::write(&published, &marked).unwrap();
    assert_ok(&f.build());
    assert_eq!(
        std::fs::read(&published).unwrap(),
        marked,
        "same source: reused"
    );

    let mut other = jpeg_with_gps();
    other.extend(b"\0"); // a different file (bytes after the image's end)
    std::fs::write(f.root().join("content/guide/photo.jpg"), &other).unwrap();
    assert_ok(&f.build());
    let fresh = std::fs::read(&published).unwrap();
    assert_ne!(fresh, marked, "a changed source is processed again");
    assert!(!fresh.ends_with(b"reused"));
}

#[test]
fn a_source_with_the_same_size_and_time_is_reused_without_being_read_again() {
    let source = jpeg_with_gps();
    let f = site_with_image("photo.jpg", &source);
    let path = f.root().join("content/guide/photo.jpg");
    assert_ok(&f.build());
    let published = std::fs::read(f.public().join("guide/photo.jpg")).unwrap();
    // Other bytes of the same length, given the same time back: a rebuild that read the
    // source would find it unreadable; one that trusts its size and time reuses it.
    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, vec![b'x'; source.len()]).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(time).unwrap();
    drop(file);
    let err = assert_ok(&f.build());
    assert_eq!(
        std::fs::read(f.public().join("guide/photo.jpg")).unwrap(),
        published
    );
    // The location the source held is still told, from the last build's record.
    assert!(
        err.contains("[image-location]") && err.contains("content/guide/photo.jpg"),
        "{err}"
    );
}

#[test]
fn a_touched_source_with_the_same_bytes_is_reused_not_processed_again() {
    let source = jpeg_with_gps();
    let f = site_with_image("photo.jpg", &source);
    assert_ok(&f.build());
    let published = f.public().join("guide/photo.jpg");
    let mut marked = std::fs::read(&published).unwrap();
    marked.extend(b"reused");
    std::fs::write(&published, &marked).unwrap();
    // Written again (a new time), the same bytes: read and hashed, then reused.
    std::fs::write(f.root().join("content/guide/photo.jpg"), &source).unwrap();
    assert_ok(&f.build());
    assert_eq!(std::fs::read(&published).unwrap(), marked);
}

#[test]
fn a_photo_wider_than_a_page_shows_is_published_at_1600_pixels_wide() {
    let f = site_with_image("photo.jpg", &grainy_jpeg(2400, 1500));
    assert_ok(&f.build());
    let html = f.read_output("guide/second/index.html");
    assert!(
        html.contains(r#"srcset="../../guide/photo-480w.jpg 480w, ../../guide/photo-960w.jpg 960w, ../../guide/photo.jpg 1600w" width=1600"#)
            && html.contains("height=1000"),
        "{html}"
    );
    for name in ["photo.jpg", "photo.webp"] {
        let bytes = std::fs::read(f.public().join("guide").join(name)).unwrap();
        let copy = image::load_from_memory(&bytes).unwrap();
        assert_eq!((copy.width(), copy.height()), (1600, 1000), "{name}");
    }
    assert!(!f.public().join("guide/photo-1600w.jpg").exists());
}

/// A small PNG (a flourish under a heading, say).
fn small_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 8, |x, _| image::Rgb([(x * 6) as u8, 80, 120]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

#[test]
fn an_image_marked_decorative_has_an_empty_alt_and_no_alt_text_finding() {
    let f = site_with_image("line.png", &small_png());
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\n![](line.png \"decorative\")\n\nSome words.\n\n![](square.svg \"decorative\")\n",
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("alt-text"), "{err}");
    let html = f.read_output("guide/second/index.html");
    // The picture and the plain image both: alt="" (minified to alt), no title.
    assert!(
        html.contains(r#"<img alt="" decoding=async height=8"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<img alt="" src=../../guide/square.svg>"#),
        "{html}"
    );
    assert!(!html.contains("decorative"), "{html}");
}

#[test]
fn an_image_without_alt_text_is_still_an_error_that_tells_of_the_decorative_marker() {
    let f = site_with_image("line.png", &small_png());
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\n![](line.png)\n",
    );
    let err = stderr(&f.build());
    assert!(
        err.contains("this image has no alt text") && err.contains("![](file.png \"decorative\")"),
        "{err}"
    );
}

#[test]
fn an_image_marked_decorative_with_alt_text_is_reported_at_its_line() {
    let f = site_with_image("line.png", &small_png());
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\n![A blue line](line.png \"decorative\")\n",
    );
    let err = stderr(&f.build());
    assert!(
        err.contains("this image is marked decorative but has alt text")
            && err.contains("content/guide/second.md:6:1"),
        "{err}"
    );
}

/// A `width` x `height` JPEG of fixed pseudo-random grain: heavy, as photos are.
fn grainy_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let img = image::RgbImage::from_fn(width, height, |_, _| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        image::Rgb([seed as u8, (seed >> 8) as u8, (seed >> 16) as u8])
    });
    let mut jpeg = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    jpeg
}

#[test]
fn a_page_over_the_weight_budget_is_a_warning_naming_its_heaviest_parts() {
    let f = site_with_image("photo.jpg", &grainy_jpeg(1600, 1200));
    with_weight_budget(&f, 100);
    let err = assert_ok(&f.build());
    assert!(
        err.contains("warning[page-weight]: this page weighs ")
            && err.contains("KB to load, over the budget of 100 KB; the heaviest parts are guide/photo-960w.webp (")
            && err.contains("--> content/guide/second.md"),
        "{err}"
    );
    // Only the page with the photo is over the budget.
    assert_eq!(err.matches("[page-weight]").count(), 1, "{err}");

    // The author report lists the heaviest pages of the last build, this one first.
    let table = heaviest_pages(&f);
    assert!(
        table.contains(
            "<th scope=\"row\"><code>content/guide/second.md</code></th>\n<td class=\"over\">"
        ),
        "{table}"
    );
}

/// Sets the site's page weight budget, in kilobytes.
fn with_weight_budget(f: &Fixture, kb: u32) {
    let config = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{config}page_weight_budget = {kb}\n"));
}

/// The author report's list of the heaviest pages, from `plainsite check --report`.
fn heaviest_pages(f: &Fixture) -> String {
    let report = f.root().join("report.html");
    let _ = f.run(&["check", "--report", report.to_str().unwrap()]);
    let html = std::fs::read_to_string(&report).unwrap();
    html.split("Heaviest pages to load")
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_page_weight_budget_that_is_not_a_number_of_kilobytes_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    with_weight_budget(&f, 0);
    let err = assert_fails(&f.build());
    assert!(
        err.contains("page_weight_budget = 0 is not a number of kilobytes from 10 to 100000")
            && err.contains("site.toml:6"),
        "{err}"
    );
}

#[test]
fn the_starter_site_has_a_photo_published_as_a_picture_with_its_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let new = std::process::Command::new(BIN)
        .args(["new", "s"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_ok(&new);
    let site = dir.path().join("s");
    let build = std::process::Command::new(BIN)
        .args(["build", "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let err = assert_ok(&build);
    assert!(err.contains("0 warnings, 0 errors"), "{err}");
    let html = std::fs::read_to_string(site.join("public/news/site-is-live/index.html")).unwrap();
    assert!(
        html.contains("<picture><source sizes=\"(min-width: 45em) 45em, 100vw\" srcset=\"../../news/coffee-480w.webp 480w")
            && html.contains("alt=\"A small cup of coffee on a dark red saucer"),
        "{html}"
    );
    assert!(site.join("public/news/coffee.webp").is_file());
}

/// The basic site with a 2,000 x 1,000 photo on a brief and on a slide deck, the
/// photo carrying a GPS position like a phone's (its EXIF segment put in front).
fn brief_and_deck_with_a_photo() -> Fixture {
    let f = Fixture::new("basic");
    let img = image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(2000, 1000, |x, y| {
        image::Rgb([(x / 8) as u8, (y / 4) as u8, 120])
    }));
    let mut plain = Vec::new();
    img.write_to(
        &mut std::io::Cursor::new(&mut plain),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    // The GPS segment of the small test photo, moved in front of this one's pixels.
    let gps = jpeg_with_gps();
    let app1_len = usize::from(u16::from_be_bytes([gps[4], gps[5]]));
    let mut photo = plain[..2].to_vec();
    photo.extend(&gps[2..4 + app1_len]);
    photo.extend(&plain[2..]);
    std::fs::write(f.root().join("content/wide.jpg"), photo).unwrap();
    for (name, template) in [("brief", "brief"), ("talk", "slides")] {
        f.write(
            &format!("content/{name}.md"),
            &format!("---\ntitle: A {name}\ndescription: The {name}.\ntemplate: {template}.html\n---\n\nPay people fairly for their work.\n\n![A row of chairs by a window](wide.jpg)\n"),
        );
    }
    f
}

#[test]
fn the_word_brief_carries_each_photo_with_its_alt_text_and_no_metadata() {
    let f = brief_and_deck_with_a_photo();
    assert_ok(&f.build());
    assert_ok(&f.run(&["brief", "--docx"]));
    let docx = std::fs::read(f.public().join("brief/brief-en.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let mut part = |name: &str| {
        use std::io::Read;
        let mut bytes = Vec::new();
        zip.by_name(name)
            .unwrap_or_else(|_| panic!("the Word file has {name}"))
            .read_to_end(&mut bytes)
            .unwrap();
        bytes
    };
    let doc = String::from_utf8(part("word/document.xml")).unwrap();
    assert!(
        doc.contains("descr=\"A row of chairs by a window\""),
        "the photo's alt text: {doc}"
    );
    let rels = String::from_utf8(part("word/_rels/document.xml.rels")).unwrap();
    assert!(rels.contains("Target=\"media/image1.jpeg\""), "{rels}");
    let types = String::from_utf8(part("[Content_Types].xml")).unwrap();
    assert!(types.contains("<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"));
    let photo = part("word/media/image1.jpeg");
    let img = image::load_from_memory(&photo).unwrap();
    assert_eq!((img.width(), img.height()), (960, 480), "the 960 px copy");
    assert!(!photo.windows(6).any(|w| w == b"Exif\0\0"), "no EXIF");
}

#[test]
fn the_one_file_brief_and_slides_carry_each_photo_inside_with_its_alt_text() {
    use base64::Engine;
    let f = brief_and_deck_with_a_photo();
    assert_ok(&f.build());
    for copy in ["brief/brief.html", "talk/talk.html"] {
        let html = f.read_output(copy);
        let start = html
            .find("<img src=\"data:image/jpeg;base64,")
            .unwrap_or_else(|| panic!("{copy} has the photo inside: {html}"));
        let tag = &html[start..start + html[start..].find('>').unwrap()];
        // Its size as published: 1,600 pixels wide at most (a page shows no more).
        assert!(
            tag.ends_with("width=\"1600\" height=\"800\" alt=\"A row of chairs by a window\""),
            "{copy}: {}",
            &tag[tag.len().saturating_sub(120)..]
        );
        assert!(
            !html.contains("srcset")
                && !html.contains("wide.jpg")
                && !html.contains("wide-")
                && !html.contains("<picture"),
            "{copy} loads nothing else"
        );
        let data = &tag["<img src=\"data:image/jpeg;base64,".len()..tag.find("\" width").unwrap()];
        let photo = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert_eq!(image::load_from_memory(&photo).unwrap().width(), 960);
        assert!(!photo.windows(6).any(|w| w == b"Exif\0\0"), "no EXIF");
    }
}

#[test]
fn check_weighs_a_page_with_italic_text_as_the_build_does() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\nBack to [the first page](first.md#first-part), with *stress*.\n",
    );
    with_weight_budget(&f, 10);
    let err = assert_ok(&f.build());
    let built = err
        .split("warning[page-weight]: this page weighs ")
        .find(|w| w.contains("--> content/guide/second.md"))
        .and_then(|w| w.split(" KB").next())
        .unwrap_or_default()
        .to_string();
    assert!(err.contains("italic"), "the italic face counts: {err}");

    let table = heaviest_pages(&f);
    let row = table
        .split("<code>content/guide/second.md</code></th>\n<td class=\"over\">")
        .nth(1)
        .unwrap_or_default();
    assert!(
        !built.is_empty() && row.starts_with(&format!("{built} KB")),
        "build: {built} KB; check: {}",
        &row[..row.len().min(80)]
    );
}
