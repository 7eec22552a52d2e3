//! Colour maths shared by the contrast check and the chart palette: sRGB colours,
//! WCAG contrast ratios and the nearest colour that reaches a ratio.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.trim().strip_prefix('#')?;
        let hex = |t: &str| u8::from_str_radix(t, 16).ok();
        match h.len() {
            3 => {
                let d: Vec<u8> = h
                    .chars()
                    .map(|c| c.to_digit(16).map(|v| v as u8 * 17))
                    .collect::<Option<_>>()?;
                Some(Rgb(d[0], d[1], d[2]))
            }
            6 => Some(Rgb(hex(&h[0..2])?, hex(&h[2..4])?, hex(&h[4..6])?)),
            _ => None,
        }
    }

    /// WCAG relative luminance.
    pub fn luminance(self) -> f64 {
        let ch = |c: u8| {
            let v = c as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Mixes towards `other` by `t` (0 to 1).
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The colour closest to `fg` (darker or lighter) that reaches `needed` on `bg`.
pub fn passing_alternative(fg: Rgb, bg: Rgb, needed: f64) -> Rgb {
    let towards = if bg.luminance() > 0.18 {
        Rgb(0, 0, 0)
    } else {
        Rgb(255, 255, 255)
    };
    (1..=100)
        .map(|i| fg.mix(towards, i as f64 / 100.0))
        .find(|c| ratio(*c, bg) >= needed)
        .unwrap_or(towards)
}
