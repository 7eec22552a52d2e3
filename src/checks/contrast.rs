//! Colour contrast of the theme, checked at build time in light and dark mode: text
//! needs 4.5:1 (7:1 for body text when the site asks for AAA), other marks (focus rings,
//! borders that carry meaning) 3:1. The theme names its colour pairs in `theme.toml`;
//! the colours come from the custom properties in its `static/style.css`. A failing pair
//! gets the ratio and a colour that passes.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::CheckConfig;
use crate::text::colour::{passing_alternative, ratio, Rgb};
use crate::text::diagnostics::{Diagnostic, LineIndex};
use crate::text::rule::Rule;

/// `theme.toml` of a theme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeFile {
    #[serde(default)]
    pub contrast: Vec<Pair>,
}

/// A colour pair to check.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// Custom property of the foreground, e.g. `--text`.
    pub foreground: String,
    pub background: String,
    /// `body` (body text), `text` (other text) or `ui` (marks and focus rings).
    pub kind: String,
}

/// Custom properties of the light and dark schemes, with the line each is set on.
struct Palette {
    light: HashMap<String, (String, usize)>,
    dark: HashMap<String, (String, usize)>,
}

/// Reads `--name: value;` inside the top-level `:root` (light) and the `:root` inside
/// `@media (prefers-color-scheme: dark)` (dark, over the light values).
fn palette(css: &str) -> Palette {
    let mut light = HashMap::new();
    let mut dark = HashMap::new();
    let mut depth = 0usize;
    let mut media_dark_depth: Option<usize> = None;
    let mut in_root: Option<bool> = None; // Some(is_dark)
    let mut other_media_depth: Option<usize> = None;
    for (n, line) in css.lines().enumerate() {
        let t = line.trim();
        if t.starts_with("@media") && t.contains("prefers-color-scheme: dark") {
            media_dark_depth = Some(depth);
        } else if t.starts_with("@media") {
            other_media_depth = Some(depth);
        }
        if t.starts_with(":root") && other_media_depth.is_none() {
            in_root = Some(media_dark_depth.is_some());
        }
        if let Some(is_dark) = in_root {
            for decl in t
                .trim_start_matches(":root")
                .trim_start_matches('{')
                .split(';')
            {
                if let Some((k, v)) = decl.split_once(':') {
                    let k = k.trim();
                    if k.starts_with("--") {
                        let target = if is_dark { &mut dark } else { &mut light };
                        target.insert(
                            k.to_string(),
                            (v.trim().trim_end_matches('}').trim().to_string(), n + 1),
                        );
                    }
                }
            }
        }
        for c in t.chars() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if in_root.is_some() {
                        in_root = None;
                    }
                    if media_dark_depth == Some(depth) {
                        media_dark_depth = None;
                    }
                    if other_media_depth == Some(depth) {
                        other_media_depth = None;
                    }
                }
                _ => {}
            }
        }
    }
    Palette { light, dark }
}

/// The light scheme's colour of the custom property `name` (`--header-bg`) in `css`.
pub fn light_colour(css: &str, name: &str) -> Option<crate::text::colour::Rgb> {
    let palette = palette(css);
    let (value, _) = palette.light.get(name)?;
    crate::text::colour::Rgb::parse(value)
}

/// Checks the theme at `theme_dir`; `root` is the site root, for file names.
pub fn check_theme(root: &Path, theme_dir: &Path, config: &CheckConfig) -> Vec<Diagnostic> {
    let theme_file = theme_dir.join("theme.toml");
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let Ok(text) = std::fs::read_to_string(&theme_file) else {
        return Vec::new();
    };
    let theme: ThemeFile = match toml::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            let d = Diagnostic::error(format!("{}: {}", shown(&theme_file), e.message()))
                .help("each [[contrast]] needs foreground, background and kind");
            return vec![match e.span() {
                Some(s) => d.at_offset(&shown(&theme_file), &LineIndex::new(&text), &text, s.start),
                None => d.in_file(shown(&theme_file)),
            }];
        }
    };
    let css_path = theme_dir.join("static").join("style.css");
    let css = std::fs::read_to_string(&css_path).unwrap_or_default();
    check_pairs(&theme.contrast, &css, &shown(&css_path), config)
}

/// Checks colour pairs against the palette in `css`.
pub fn check_pairs(
    pairs: &[Pair],
    css: &str,
    css_file: &str,
    config: &CheckConfig,
) -> Vec<Diagnostic> {
    let p = palette(css);
    let mut out = Vec::new();
    for pair in pairs {
        let needed = match pair.kind.as_str() {
            "body" if config.aaa_contrast => 7.0,
            "body" | "text" => 4.5,
            _ => 3.0,
        };
        for (scheme, vars) in [("light", &p.light), ("dark", &p.dark)] {
            let get = |name: &str| vars.get(name).or_else(|| p.light.get(name));
            let (Some((fg_s, fg_line)), Some((bg_s, _))) =
                (get(&pair.foreground), get(&pair.background))
            else {
                if let Some(d) = config.diagnostic(
                    Rule::Contrast,
                    format!(
                        "the theme does not set {} or {} in {scheme} mode",
                        pair.foreground, pair.background
                    ),
                ) {
                    out.push(
                        d.in_file(css_file.to_string())
                            .help("set both colours as custom properties in :root"),
                    );
                }
                break;
            };
            let (Some(fg), Some(bg)) = (Rgb::parse(fg_s), Rgb::parse(bg_s)) else {
                continue;
            };
            let r = ratio(fg, bg);
            if r + 1e-9 < needed {
                let alt = passing_alternative(fg, bg, needed);
                if let Some(d) = config.diagnostic(Rule::Contrast, format!("{} ({fg_s}) on {} ({bg_s}) in {scheme} mode has contrast {r:.2}:1; it needs {needed}:1", pair.foreground, pair.background)) {
                    out.push(d.at(css_file, css, *fg_line, 1).help(format!("try {} ({:.2}:1)", alt.hex(), ratio(alt, bg))));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_match_wcag_examples() {
        let white = Rgb(255, 255, 255);
        assert!((ratio(Rgb::parse("#767676").unwrap(), white) - 4.54).abs() < 0.01);
        assert!((ratio(Rgb::parse("#b0b0b0").unwrap(), white) - 2.17).abs() < 0.02);
        assert!((ratio(Rgb(0, 0, 0), white) - 21.0).abs() < 1e-9);
        assert_eq!(Rgb::parse("#fff"), Some(white));
        assert_eq!(Rgb::parse("red"), None);
    }

    #[test]
    fn finds_failing_pairs_in_both_schemes_with_an_alternative() {
        let css = ":root {\n  --text: #222;\n  --bg: #fff;\n  --muted: #999;\n}\n@media (prefers-color-scheme: dark) {\n  :root {\n    --bg: #111;\n    --text: #eee;\n  }\n}\n@media print { :root { --muted: #000; } }\n";
        let pairs = vec![
            Pair {
                foreground: "--text".into(),
                background: "--bg".into(),
                kind: "body".into(),
            },
            Pair {
                foreground: "--muted".into(),
                background: "--bg".into(),
                kind: "text".into(),
            },
        ];
        let d = check_pairs(&pairs, css, "style.css", &CheckConfig::default());
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(
            d[0].message
                .contains("--muted (#999) on --bg (#fff) in light mode has contrast 2.85:1"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].location.as_ref().unwrap().line, 4);
        let alt = d[0].help.as_deref().unwrap();
        assert!(alt.starts_with("try #"), "{alt}");
        let aaa = CheckConfig {
            aaa_contrast: true,
            ..Default::default()
        };
        assert!(
            check_pairs(
                &pairs[..1],
                ":root { --text: #595959; --bg: #fff; }",
                "s",
                &aaa
            )
            .len()
                == 1
        );
    }

    #[test]
    fn the_default_theme_passes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let d = check_theme(dir, &dir.join("themes/default"), &CheckConfig::default());
        assert!(d.is_empty(), "{d:?}");
        let theme: ThemeFile = toml::from_str(
            &std::fs::read_to_string(dir.join("themes/default/theme.toml")).unwrap(),
        )
        .unwrap();
        assert!(theme.contrast.len() >= 10);
    }
}
