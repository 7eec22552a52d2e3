//! A chart's files beside the pages: its SVG, CSV and text description, and its PNG
//! picture. Drawing and compressing a PNG costs more than rendering a page, so, the way
//! Zola and Hugo keep processed images between builds, a PNG whose chart has not
//! changed is taken from the previous build's output folder instead of drawn again.
//! Each PNG carries a key (a hash of the chart's drawing, the font used for scripts the
//! theme font lacks, and the plainsite version) in a text chunk; only a regular file
//! whose key matches is reused, so an edited chart, a newly installed font or a new
//! plainsite always draws afresh. Nothing outside the output folder is read or kept.

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::claims::Source;
use super::{Built, Files, Output, Store};
use crate::charts::ChartOutput;
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};

/// The chart files output: every chart's files, drawn in parallel.
pub struct ChartFiles;

impl Output for ChartFiles {
    fn name(&self) -> &'static str {
        "the chart files"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        for chart in site.charts {
            if let Some(warning) = undrawable(chart) {
                files.report(warning);
            }
        }
        for c in site.charts {
            for file in ["svg", "png", "csv", "txt", "-slide.png"] {
                let dot = if file.starts_with('-') { "" } else { "." };
                files.claim(
                    &format!("{}/{}{dot}{file}", c.folder, c.id),
                    Source::made(format!("chart \"{}\" ({})", c.id, c.place), c.place.clone()),
                );
            }
        }
        Ok(())
    }

    fn make_slow(&self, site: &Built, store: Option<&dyn Store>) -> Result<Vec<Diagnostic>> {
        site.charts
            .par_iter()
            .map(|c| write_chart(c, store))
            .collect::<Vec<Result<bool>>>()
            .into_iter()
            .try_for_each(|r| r.map(|_| ()))?;
        Ok(Vec::new())
    }
}

/// A warning when no font on this computer can draw some of the chart's characters.
fn undrawable(chart: &ChartOutput) -> Option<Diagnostic> {
    let text: String = chart.scene.texts().collect::<Vec<_>>().join(" ");
    let missing = crate::charts::fonts::undrawable(&text);
    if missing.is_empty() {
        return None;
    }
    let sample: String = missing.iter().take(8).collect();
    Some(
        Diagnostic::warning(format!("no font on this computer can draw the characters {sample} of chart \"{}\" in its PNG picture", chart.id))
            .in_file(chart.place.clone())
            .help("install a font for this script (on Debian or Ubuntu: fonts-noto-cjk for Chinese, Japanese and Korean), or put a .ttf or .otf file in the site's fonts/ folder; the web page's chart is not affected"),
    )
}

/// Writes a chart's SVG, PNGs (page size, and `-slide.png` at 1920 x 1080), CSV and text
/// description under its language's `charts/`.
/// Returns whether the PNG was reused from the previous build.
pub fn write_chart(chart: &ChartOutput, staging: Option<&dyn Store>) -> Result<bool> {
    let Some(s) = staging else { return Ok(false) };
    let dir = &chart.folder;
    s.write(
        &format!("{dir}/{}.svg", chart.id),
        chart.svg_file.as_bytes(),
    )?;
    s.write(&format!("{dir}/{}.csv", chart.id), chart.csv.as_bytes())?;
    s.write(&format!("{dir}/{}.txt", chart.id), chart.alt.as_bytes())?;
    let rel = format!("{dir}/{}.png", chart.id);
    let key = picture_key(chart);
    let slide_rel = format!("{dir}/{}-slide.png", chart.id);
    let reusable = |rel: &str| {
        s.previous(rel)
            .filter(|p| crate::charts::scene::png_key(p).as_deref() == Some(key.as_str()))
    };
    if let (Some(previous), Some(previous_slide)) = (reusable(&rel), reusable(&slide_rel)) {
        s.keep(&previous, &rel)?;
        s.keep(&previous_slide, &slide_rel)?;
        return Ok(true);
    }
    use crate::charts::scene::{to_png, with_header, PngSize};
    let pictures = [
        (rel, &chart.scene, PngSize::Page),
        (
            format!("{dir}/{}-slide.png", chart.id),
            &chart.slide_scene,
            PngSize::Slide,
        ),
    ];
    for (rel, scene, size) in pictures {
        let png = to_png(
            &with_header(scene, &chart.title, &chart.takeaway),
            &key,
            size,
        )
        .map_err(|e| Error::write(s.path().join(&rel), std::io::Error::other(e)))?;
        s.write(&rel, &png)?;
    }
    Ok(false)
}

/// What the PNG of a chart depends on, as a hex SHA-256.
fn picture_key(chart: &ChartOutput) -> String {
    let text: String = chart.scene.texts().collect::<Vec<_>>().join(" ");
    // As the drawing chooses it: the theme's font when it has every character.
    let font = match crate::charts::fonts::covered(&text) {
        true => "",
        false => crate::charts::fonts::fallback_for(&text).map_or("none", |f| f.family),
    };
    let mut h = Sha256::new();
    // The SVG holds the drawing and the title; the text file adds the takeaway the
    // pictures print above the chart.
    for part in [env!("CARGO_PKG_VERSION"), font, &chart.svg_file, &chart.alt] {
        h.update(part.len().to_le_bytes());
        h.update(part.as_bytes());
    }
    crate::text::hex(&h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Staging;

    fn chart(title: &str) -> ChartOutput {
        let words = crate::load::i18n::Strings::default();
        let yaml = format!("kind: bar\nid: c\ntitle: {title}\ntakeaway: A leads.\ndata:\n  - label: A\n    value: 3\n  - label: B\n    value: 1\n");
        let place = crate::charts::spec::Place {
            file: "content/p.md",
            text: &yaml,
            line_offset: 0,
            column_offset: 0,
        };
        crate::charts::ChartLibrary::default()
            .render_block(&yaml, &place, "c", "/charts/", &words)
            .unwrap()
            .1
    }

    #[test]
    fn an_unchanged_chart_reuses_its_picture_and_a_changed_one_is_drawn_again() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let first = Staging::new(root.path(), &out).unwrap();
        assert!(
            !write_chart(&chart("One"), Some(&first)).unwrap(),
            "nothing to reuse at first"
        );
        first.commit().unwrap();
        let png = std::fs::read(out.join("charts/c.png")).unwrap();

        let second = Staging::new(root.path(), &out).unwrap();
        assert!(
            write_chart(&chart("One"), Some(&second)).unwrap(),
            "same chart: picture reused"
        );
        second.commit().unwrap();
        assert_eq!(
            std::fs::read(out.join("charts/c.png")).unwrap(),
            png,
            "the reused picture is the same file"
        );

        let third = Staging::new(root.path(), &out).unwrap();
        assert!(
            !write_chart(&chart("Two"), Some(&third)).unwrap(),
            "a new title draws a new picture"
        );
        third.commit().unwrap();
        assert_ne!(std::fs::read(out.join("charts/c.png")).unwrap(), png);
    }

    #[test]
    fn a_picture_without_the_key_is_not_reused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        let first = Staging::new(root.path(), &out).unwrap();
        write_chart(&chart("One"), Some(&first)).unwrap();
        first.commit().unwrap();
        // Someone replaced the picture by hand: it has no key, so it is drawn again.
        std::fs::write(out.join("charts/c.png"), b"not a png").unwrap();
        let second = Staging::new(root.path(), &out).unwrap();
        assert!(!write_chart(&chart("One"), Some(&second)).unwrap());
        second.commit().unwrap();
        assert!(std::fs::read(out.join("charts/c.png"))
            .unwrap()
            .starts_with(b"\x89PNG"));
    }
}
