//! Share cards: for each page, a 1200 x 630 PNG with its title and the site's name in
//! the theme's header colours and font (the embedded Atkinson Hyperlegible, drawn as
//! chart pictures are), so a link shared in WhatsApp, Signal or Facebook shows a card
//! anyone can read. The page's `og:image` names it (see [`crate::theme::share_card`]).
//! Drawn in parallel after the pages are written (a slow output), and reused when
//! nothing on it changed (each PNG carries its key, as chart pictures do): linked from
//! the last build. Nothing is kept outside the output folder.

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::claims::Source;
use super::{Built, Files, Output, Store};
use crate::charts::scene::{
    png_key, to_flat_png, wrap, Align, PngSize, Role, Scene, Shape, TextFont,
};
use crate::text::colour::Rgb;
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};
use crate::theme::share_card::{card_path, HEIGHT, WIDTH};

/// The share cards output.
pub struct ShareCards;

/// One card to draw: its path in the output, the page's title and the site's name.
struct Card {
    rel: String,
    title: String,
    site: String,
}

/// The theme's colours a card is drawn in: background, text and accent.
#[derive(Debug, Clone, Copy)]
struct Colours {
    background: Rgb,
    text: Rgb,
    accent: Rgb,
}

impl Output for ShareCards {
    fn name(&self) -> &'static str {
        "the share cards"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        for problem in missing_own_images(site) {
            files.report(problem);
        }
        for card in cards(site) {
            files.claim(
                &card.rel,
                Source::made(
                    format!("the share card of \"{}\"", card.title),
                    crate::load::config::CONFIG_FILE,
                ),
            );
        }
        Ok(())
    }

    fn make_slow(&self, site: &Built, store: Option<&dyn Store>) -> Result<Vec<Diagnostic>> {
        let Some(store) = store else {
            return Ok(Vec::new());
        };
        let colours = colours(site);
        cards(site)
            .par_iter()
            .map(|card| write_card(card, colours, store))
            .collect::<Result<Vec<()>>>()?;
        Ok(Vec::new())
    }
}

/// Every page's card, in every language, and the not-found page's.
fn cards(site: &Built) -> Vec<Card> {
    let languages = site.config.languages.iter().map(|l| l.title.as_str());
    let mut out: Vec<Card> = site
        .models
        .iter()
        .zip(languages.chain(std::iter::repeat(site.config.title.as_str())))
        .flat_map(|(model, site_name)| {
            let drawn = model.pages.iter().filter(|p| p.meta.share_image.is_none());
            drawn.map(move |p| Card {
                rel: card_path(&p.url),
                title: p.meta.title.clone(),
                site: site_name.to_string(),
            })
        })
        .collect();
    let missing = super::not_found::page(site.theme);
    out.push(Card {
        rel: card_path(&missing.url),
        title: missing.meta.title,
        site: site.config.title.clone(),
    });
    out
}

/// An error for each page whose own share image is not a file beside it.
fn missing_own_images(site: &Built) -> Vec<Diagnostic> {
    let content = site.config.root.join("content");
    let pages = site
        .models
        .iter()
        .flat_map(|m| &m.pages)
        .filter(|p| !p.fallback);
    pages
        .filter_map(|page| {
            let image = page.meta.share_image.as_ref()?;
            let path = crate::theme::share_card::own_image(page)?;
            if content.join(&path).is_file() {
                return None;
            }
            let d = Diagnostic::error(format!("share_image \"{}\" is not a file beside this page", image.value))
                .help(format!("put the picture at content/{path}, or remove share_image to use the card plainsite draws"));
            Some(match std::fs::read_to_string(site.config.root.join(&page.file)) {
                Ok(text) => d.at(&page.file, &text, image.line, image.column),
                Err(_) => d.in_file(page.file.clone()),
            })
        })
        .collect()
}

/// The theme's header colours (its `--header-bg`, `--header-text` and `--header-focus`),
/// which the theme's contrast check already holds to 4.5:1.
fn colours(site: &Built) -> Colours {
    let css = std::fs::read_to_string(site.config.theme_dir().join("static/style.css"))
        .unwrap_or_default();
    let colour = |name: &str, default: Rgb| {
        crate::checks::contrast::light_colour(&css, name).unwrap_or(default)
    };
    Colours {
        background: colour("--header-bg", Rgb(0x0f, 0x3b, 0x5f)),
        text: colour("--header-text", Rgb(0xff, 0xff, 0xff)),
        accent: colour("--header-focus", Rgb(0xff, 0xd1, 0x66)),
    }
}

/// Writes one card, or takes it from the last build when its key matches.
fn write_card(card: &Card, colours: Colours, s: &dyn Store) -> Result<()> {
    let key = key(card, colours);
    let matches = |p: &std::path::PathBuf| png_key(p).as_deref() == Some(key.as_str());
    if let Some(previous) = s.previous(&card.rel).filter(matches) {
        return s.keep(&previous, &card.rel);
    }
    let png = to_flat_png(&scene(card, colours), &key, PngSize::Page)
        .map_err(|e| Error::write(s.path().join(&card.rel), std::io::Error::other(e)))?;
    s.write(&card.rel, &png)
}

/// What a card's picture depends on, as a hex SHA-256.
fn key(card: &Card, c: Colours) -> String {
    let mut h = Sha256::new();
    let colours = format!("{:?}", [c.background, c.text, c.accent]);
    for part in [env!("CARGO_PKG_VERSION"), &card.title, &card.site, &colours] {
        h.update(part.len().to_le_bytes());
        h.update(part.as_bytes());
    }
    crate::text::hex(&h.finalize())
}

/// Half the card's size: the picture is drawn at twice this (1200 x 630).
const W: f64 = (WIDTH / 2) as f64;
const H: f64 = (HEIGHT / 2) as f64;
const MARGIN: f64 = 30.0;

/// The card: the title large on the theme's header colour, up to four lines (a smaller
/// size for a long title, cut with "…" past that), an accent bar, the site's name.
fn scene(card: &Card, c: Colours) -> Scene {
    let custom = |Rgb(r, g, b): Rgb| Role::Custom(r, g, b);
    let mut scene = Scene::new(W);
    scene.height = H;
    scene.shapes.push(Shape::Rect {
        x: 0.0,
        y: 0.0,
        w: W,
        h: H,
        fill: custom(c.background),
    });
    let width = W - 2.0 * MARGIN;
    let (size, lines) = [34.0, 28.0, 24.0]
        .into_iter()
        .map(|size| (size, wrap(&card.title, size, true, width)))
        .find(|(_, lines)| lines.len() <= 4)
        .unwrap_or_else(|| (24.0, cut(wrap(&card.title, 24.0, true, width))));
    for (i, line) in lines.iter().enumerate() {
        scene.shapes.push(Shape::Text {
            x: MARGIN,
            y: MARGIN + size + i as f64 * size * 1.25,
            text: line.clone(),
            size,
            bold: true,
            align: Align::Start,
            role: custom(c.text),
        });
    }
    scene.shapes.push(Shape::Rect {
        x: MARGIN,
        y: H - 78.0,
        w: 60.0,
        h: 5.0,
        fill: custom(c.accent),
    });
    let site = wrap(&card.site, 18.0, false, width);
    scene.text_block(
        (MARGIN, H - 64.0),
        site.first().map_or("", String::as_str),
        TextFont::regular(18.0),
        width,
        Align::Start,
        custom(c.text),
    );
    scene
}

/// The first four lines, the last ending in "…".
fn cut(mut lines: Vec<String>) -> Vec<String> {
    lines.truncate(4);
    if let Some(last) = lines.last_mut() {
        last.push('…');
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The card of a page titled `title`, in the default theme's header colours.
    fn card(title: &str) -> (Card, Colours) {
        let card = Card {
            rel: "share/index.png".into(),
            title: title.into(),
            site: "The review".into(),
        };
        let colours = Colours {
            background: Rgb(15, 59, 95),
            text: Rgb(255, 255, 255),
            accent: Rgb(255, 209, 102),
        };
        (card, colours)
    }

    #[test]
    fn a_card_is_1200_by_630_pixels_in_the_theme_colours() {
        let (card, colours) = card("Taking part, staying well");
        let png = to_flat_png(&scene(&card, colours), "k", PngSize::Page).unwrap();
        let img = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(img.dimensions(), (WIDTH, HEIGHT));
        assert_eq!(img.get_pixel(5, 5).0, [15, 59, 95]);
        // Some pixels are the title's white.
        assert!(img.pixels().any(|p| p.0 == [255, 255, 255]));
    }

    #[test]
    fn a_card_filtered_for_flat_colour_has_the_pixels_of_a_chart_png() {
        let (card, colours) = card("Taking part, staying well: what people told us");
        let flat = to_flat_png(&scene(&card, colours), "k", PngSize::Page).unwrap();
        let paeth = crate::charts::scene::to_png(&scene(&card, colours), "k", PngSize::Page);
        let pixels = |png: &[u8]| image::load_from_memory(png).unwrap().to_rgb8();
        assert!(pixels(&flat) == pixels(&paeth.unwrap()), "same pixels");
    }

    #[test]
    fn a_very_long_title_is_cut_after_four_lines() {
        let lines = cut(vec![
            "a".into(),
            "b".into(),
            "c".into(),
            "d".into(),
            "e".into(),
        ]);
        assert_eq!(lines, ["a", "b", "c", "d…"]);
    }
}
