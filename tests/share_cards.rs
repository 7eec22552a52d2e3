//! Share cards: each page names a 1200 x 630 picture of its title and the site's name
//! (`og:image`, with its alt text), drawn at build and reused when nothing changed.

mod common;

use common::*;

#[test]
fn each_page_names_its_share_card_and_the_card_is_1200_by_630() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let html = f.read_output("guide/second/index.html");
    for meta in [
        "<meta content=https://example.org/share/guide/second.png property=og:image>",
        "<meta content=1200 property=og:image:width><meta content=630 property=og:image:height>",
        "<meta content=\"Second page – Fixture site\" property=og:image:alt>",
        "<meta content=summary_large_image name=twitter:card>",
        "<meta content=\"Second page – Fixture site\" name=twitter:image:alt>",
    ] {
        assert!(html.contains(meta), "{meta} in {html}");
    }
    for card in ["share/guide/second.png", "share/index.png", "share/404.png"] {
        let bytes = std::fs::read(f.public().join(card)).unwrap();
        let img = image::load_from_memory(&bytes).unwrap();
        assert_eq!((img.width(), img.height()), (1200, 630), "{card}");
    }
}

#[test]
fn an_unchanged_share_card_is_reused_and_a_new_title_draws_it_again() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let card = f.public().join("share/guide/second.png");
    // Mark the published card (bytes after its end): a build that reuses it keeps them.
    let mut marked = std::fs::read(&card).unwrap();
    marked.extend(b"reused");
    std::fs::write(&card, &marked).unwrap();
    assert_ok(&f.build());
    assert_eq!(std::fs::read(&card).unwrap(), marked, "reused");
    let page = std::fs::read_to_string(f.root().join("content/guide/second.md")).unwrap();
    f.write(
        "content/guide/second.md",
        &page.replace("title: Second page", "title: A new title"),
    );
    assert_ok(&f.build());
    assert!(
        !std::fs::read(&card).unwrap().ends_with(b"reused"),
        "drawn again"
    );
}

#[test]
fn an_authors_own_share_image_wins_over_the_drawn_card() {
    let f = Fixture::new("basic");
    let img = image::RgbImage::from_pixel(120, 63, image::Rgb([200, 40, 40]));
    img.save(f.root().join("content/guide/card.png")).unwrap();
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\nshare_image: card.png\nshare_image_alt: A red square\n---\n\nText.\n",
    );
    assert_ok(&f.build());
    let html = f.read_output("guide/second/index.html");
    assert!(
        html.contains("<meta content=https://example.org/guide/card.png property=og:image><meta content=\"A red square\" property=og:image:alt>"),
        "{html}"
    );
    assert!(!f.public().join("share/guide/second.png").exists());
}

#[test]
fn an_own_share_image_without_alt_text_or_file_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\nshare_image: card.png\n---\n\nText.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("share_image has no share_image_alt")
            && err.contains("content/guide/second.md:4:14"),
        "{err}"
    );
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\nshare_image: card.png\nshare_image_alt: A red square\n---\n\nText.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("share_image \"card.png\" is not a file beside this page")
            && err.contains("content/guide/second.md:4:14"),
        "{err}"
    );
}
