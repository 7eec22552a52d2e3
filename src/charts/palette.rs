//! Chart colours: a colour-blind-safe palette (Okabe-Ito hues, darkened for light mode
//! and lightened for dark mode so every mark reaches 3:1 against the page), and the
//! build-time check of colours an author picks.

use crate::text::colour::{passing_alternative, ratio, Rgb};

/// Mark colours in light mode (each at least 3.3:1 on the light page).
pub const LIGHT: [(u8, u8, u8); 6] = [
    (0x00, 0x72, 0xb2),
    (0xd5, 0x5e, 0x00),
    (0x00, 0x9c, 0x72),
    (0xbe, 0x71, 0x9b),
    (0xb8, 0x7f, 0x00),
    (0x45, 0x90, 0xba),
];

/// Mark colours in dark mode (each at least 3.3:1 on the dark page).
pub const DARK: [(u8, u8, u8); 6] = [
    (0x4f, 0x9f, 0xd8),
    (0xe8, 0x74, 0x2a),
    (0x19, 0xb8, 0x8a),
    (0xd9, 0x8b, 0xb8),
    (0xe6, 0x9f, 0x00),
    (0x7c, 0xc4, 0xee),
];

/// The page backgrounds charts sit on: light, dark, and paper.
pub const BACKGROUNDS: [(&str, Rgb); 3] = [
    ("light mode", Rgb(0xfb, 0xfa, 0xf7)),
    ("dark mode", Rgb(0x15, 0x17, 0x1a)),
    ("print", Rgb(0xff, 0xff, 0xff)),
];

/// Marks need 3:1 against their background (WCAG 1.4.11).
pub const MARK_CONTRAST: f64 = 3.0;

/// Why an author's colour cannot be used, with one that can, or `None` if it passes on
/// every background.
pub fn check_author_colour(colour: &str) -> Option<String> {
    let Some(c) = Rgb::parse(colour) else {
        return Some(format!(
            "\"{colour}\" is not a colour: write it as #rrggbb, e.g. #0072b2"
        ));
    };
    for (name, bg) in BACKGROUNDS {
        let r = ratio(c, bg);
        if r < MARK_CONTRAST {
            let alt = passing_alternative(c, bg, MARK_CONTRAST);
            let works_everywhere = BACKGROUNDS
                .iter()
                .all(|(_, b)| ratio(alt, *b) >= MARK_CONTRAST);
            let hint = if works_everywhere {
                format!("try {}", alt.hex())
            } else {
                "no single colour passes on both light and dark pages: leave colors out to use the theme's palette, which changes with the mode".to_string()
            };
            return Some(format!("{colour} has contrast {r:.2}:1 against the page in {name}; marks need 3:1 ({hint})"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_passes_in_both_modes() {
        for (i, (l, d)) in LIGHT.iter().zip(DARK.iter()).enumerate() {
            let (l, d) = (Rgb(l.0, l.1, l.2), Rgb(d.0, d.1, d.2));
            assert!(ratio(l, BACKGROUNDS[0].1) >= 3.0, "light {i}");
            assert!(ratio(l, BACKGROUNDS[2].1) >= 3.0, "print {i}");
            assert!(ratio(d, BACKGROUNDS[1].1) >= 3.0, "dark {i}");
        }
    }

    #[test]
    fn author_colours_are_checked() {
        assert!(check_author_colour("#f0e442")
            .unwrap()
            .contains("light mode"));
        assert!(
            check_author_colour("#777777").is_none(),
            "mid grey passes on light, dark and paper"
        );
        assert!(check_author_colour("yellow")
            .unwrap()
            .contains("not a colour"));
    }
}
