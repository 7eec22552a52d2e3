//! Fonts for chart text. Labels are measured and drawn with the theme's embedded
//! Atkinson Hyperlegible, which covers Latin scripts. Text with characters it lacks
//! (Chinese, Arabic, Cyrillic…) is measured and drawn in the PNG with the first font
//! that has them all: from the site's `fonts/` folder, then the computer's font folders.
//! The SVG keeps the theme's font list, so the reader's browser picks its own font for
//! such characters, as it does for the page around the chart.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ab_glyph::{Font, FontRef, GlyphId};

static REGULAR: &[u8] = include_bytes!("AtkinsonHyperlegible-Regular.ttf");
static BOLD: &[u8] = include_bytes!("AtkinsonHyperlegible-Bold.ttf");

/// The font list written into SVG charts, and the name the PNG drawing uses.
pub const FAMILY: &str = "'Atkinson Hyperlegible', Verdana, sans-serif";

/// Folders searched for a font with the characters the theme's font lacks, after the
/// site's own `fonts/`.
const SYSTEM_DIRS: &[&str] = &[
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:\\Windows\\Fonts",
];

/// The theme's fonts, regular and bold; registered with plotters on first use.
pub fn theme() -> &'static (FontRef<'static>, FontRef<'static>) {
    static F: OnceLock<(FontRef<'static>, FontRef<'static>)> = OnceLock::new();
    F.get_or_init(|| {
        let _ = plotters::style::register_font(FAMILY, plotters::style::FontStyle::Normal, REGULAR);
        let _ = plotters::style::register_font(FAMILY, plotters::style::FontStyle::Bold, BOLD);
        (
            FontRef::try_from_slice(REGULAR).expect("the embedded regular font is valid"),
            FontRef::try_from_slice(BOLD).expect("the embedded bold font is valid"),
        )
    })
}

/// A font found for characters the theme's font lacks.
pub struct Fallback {
    /// The name it is registered under with plotters.
    pub family: &'static str,
    pub font: FontRef<'static>,
}

/// Whether the theme's font has every character of `text`.
pub fn covered(text: &str) -> bool {
    let (regular, _) = theme();
    let ascii = ascii_glyphs(false);
    text.chars().all(|c| {
        c.is_whitespace()
            || match ascii.get(c as usize) {
                Some(id) => id.0 != 0,
                None => regular.glyph_id(c).0 != 0,
            }
    })
}

/// The glyph of each ASCII character in the theme's regular or bold font, looked up
/// once: a chart's labels are measured character by character, several times each.
pub fn ascii_glyphs(bold: bool) -> &'static [GlyphId; 128] {
    static GLYPHS: OnceLock<[[GlyphId; 128]; 2]> = OnceLock::new();
    let both = GLYPHS.get_or_init(|| {
        let (regular, bold) = theme();
        [regular, bold].map(|font| std::array::from_fn(|i| font.glyph_id(i as u8 as char)))
    });
    &both[usize::from(bold)]
}

static SITE_DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Adds the site's `fonts/` folder to the places searched first.
pub fn use_site_fonts(dir: &Path) {
    let mut dirs = SITE_DIRS.lock().unwrap_or_else(|p| p.into_inner());
    if dir.is_dir() && !dirs.iter().any(|d| d == dir) {
        dirs.push(dir.to_path_buf());
    }
}

/// A font with every character of `text` that the theme's font lacks, if this computer
/// or the site has one. Fonts are read once and kept for the rest of the run.
pub fn fallback_for(text: &str) -> Option<&'static Fallback> {
    static LOADED: Mutex<Vec<&'static Fallback>> = Mutex::new(Vec::new());
    static SCANNED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let needed: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && theme().0.glyph_id(*c).0 == 0)
        .collect();
    let has_all = |f: &FontRef| needed.iter().all(|c| f.glyph_id(*c).0 != 0);
    let mut loaded = LOADED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(f) = loaded.iter().find(|f| has_all(&f.font)) {
        return Some(*f);
    }
    let mut scanned = SCANNED.lock().unwrap_or_else(|p| p.into_inner());
    for path in candidates() {
        if scanned.contains(&path) {
            continue;
        }
        scanned.push(path.clone());
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        // Kept for the whole run: plotters and ab_glyph borrow the bytes.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let Ok(font) = FontRef::try_from_slice(bytes) else {
            continue;
        };
        let family: &'static str =
            Box::leak(format!("plainsite-fallback-{}", loaded.len()).into_boxed_str());
        let _ = plotters::style::register_font(family, plotters::style::FontStyle::Normal, bytes);
        let _ = plotters::style::register_font(family, plotters::style::FontStyle::Bold, bytes);
        let fallback: &'static Fallback = Box::leak(Box::new(Fallback { family, font }));
        loaded.push(fallback);
        if has_all(&fallback.font) {
            return Some(fallback);
        }
    }
    None
}

/// Font files to try, the site's first, each folder in name order (so a build picks the
/// same font every time on one computer).
fn candidates() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = SITE_DIRS.lock().unwrap_or_else(|p| p.into_inner()).clone();
    dirs.extend(SYSTEM_DIRS.iter().map(PathBuf::from));
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/fonts"));
        dirs.push(Path::new(&home).join(".fonts"));
    }
    let mut out = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .max_depth(5)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| {
                matches!(
                    p.extension()
                        .and_then(|e| e.to_str())
                        .map(str::to_ascii_lowercase)
                        .as_deref(),
                    Some("ttf" | "otf" | "ttc")
                )
            })
            .collect();
        // Sans-serif faces first: chart labels should match the page's plain style.
        files.sort_by_key(|p| !p.to_string_lossy().to_ascii_lowercase().contains("sans") as u8);
        out.extend(files);
    }
    out
}

/// The characters of `text` that no font here can draw.
pub fn undrawable(text: &str) -> Vec<char> {
    if covered(text) || fallback_for(text).is_some() {
        return Vec::new();
    }
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && theme().0.glyph_id(*c).0 == 0)
        .collect();
    missing.dedup();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_text_is_covered_by_the_theme_font() {
        assert!(covered("Fair pay, clear roles – café 85%"));
        assert!(!covered("得到报酬"));
    }
}
