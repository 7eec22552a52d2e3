//! QR codes for the brief and the slides: an address encoded with the qrcode crate and
//! drawn as one SVG path (dark runs of each row), black on white whatever the page's
//! colour scheme, with a quiet zone of four modules so phones read it from paper.
//! The SVG carries `role="img"` and a label; the address is always printed beside it.

use qrcode::{Color, EcLevel, QrCode};

/// The quiet zone around the code, in modules (the standard asks for four).
const QUIET: usize = 4;

/// The SVG for `url`, labelled `label`; `None` when the address is too long to encode.
pub fn svg(url: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET));
            } else {
                x += 1;
            }
        }
    }
    let label = crate::text::escape::escape(label);
    Some(format!(
        "<svg class=\"qr-code\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"{path}\"/></svg>"
    ))
}

/// The dark modules of a QR SVG made by [`svg`], as rows of booleans including the
/// quiet zone: for tests that decode what was written.
pub fn modules_of(svg: &str) -> Option<Vec<Vec<bool>>> {
    let size: usize = svg
        .split("viewBox=\"0 0 ")
        .nth(1)?
        .split(' ')
        .next()?
        .parse()
        .ok()?;
    let d = svg.split(" d=\"").nth(1)?.split('"').next()?;
    let mut grid = vec![vec![false; size]; size];
    for part in d.split('M').filter(|p| !p.is_empty()) {
        let (xy, rest) = part.split_once('h')?;
        let (x, y) = xy.split_once(' ')?;
        let (x, y): (usize, usize) = (x.parse().ok()?, y.parse().ok()?);
        let run: usize = rest.split('v').next()?.parse().ok()?;
        for cell in grid.get_mut(y)?.iter_mut().skip(x).take(run) {
            *cell = true;
        }
    }
    Some(grid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_decodes_to_the_address() {
        let url = "https://example.org/taking-part/";
        let svg = svg(url, "QR code").unwrap();
        assert!(svg.contains("role=\"img\" aria-label=\"QR code\""));
        let grid = modules_of(&svg).unwrap();
        assert_eq!(decode(&grid, 8).as_deref(), Some(url));
    }

    #[test]
    fn too_long_an_address_is_none() {
        assert!(svg(&"x".repeat(5000), "QR").is_none());
    }

    /// Decodes a module grid with rqrr, each module drawn `scale` pixels wide.
    pub fn decode(grid: &[Vec<bool>], scale: usize) -> Option<String> {
        let size = grid.len() * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
            if grid[y / scale][x / scale] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        grids.first()?.decode().ok().map(|(_, text)| text)
    }
}
