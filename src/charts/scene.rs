//! A chart as a list of shapes and texts (a scene), laid out with the embedded font's
//! own metrics, then painted by plotters: to SVG for the page (colours become classes,
//! so the theme's light, dark and print styles apply) and to PNG for slides and documents.

use ab_glyph::{Font as _, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;

/// The font family written in the SVG: the theme's font, then fallbacks.
pub use super::fonts::FAMILY;

/// What a colour means; the theme decides the actual colour in each mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Text,
    Muted,
    /// A data series, 0 to 5.
    Mark(usize),
    Benefit,
    Harm,
    /// Box borders and arrows.
    Line,
    /// Box fills behind text.
    Panel,
    /// A colour the author chose, as `#rrggbb`.
    Custom(u8, u8, u8),
}

/// Text alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Start,
    Middle,
    End,
}

/// One shape of a chart, in chart units (1 unit = 1 CSS pixel at the chart's full size).
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: Role,
    },
    /// A rectangle outline (optionally dashed).
    Frame {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        stroke: Role,
        dashed: bool,
    },
    Line {
        points: Vec<(f64, f64)>,
        stroke: Role,
        width: f64,
        dashed: bool,
    },
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Role,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        fill: Role,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        bold: bool,
        align: Align,
        role: Role,
    },
}

/// A laid-out chart.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    pub shapes: Vec<Shape>,
}

/// Width of `text` at `size` pixels, from the font's advances.
/// Kerning pairs count, as in the browser and the PNG.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    // A CSS font size is the em size; ab_glyph scales by the font's full height.
    let (font, scale) = font_for(text, size, bold);
    let (regular, bold_font) = super::fonts::theme();
    let theme_font = if bold { bold_font } else { regular };
    let ascii = std::ptr::eq(font, theme_font).then(|| super::fonts::ascii_glyphs(bold));
    // ab_glyph's scaled advance and kerning (factor times unscaled value), with the
    // factor worked out once rather than from the font's height for every character.
    let factor = scale.x / font.height_unscaled();
    let mut prev = None;
    let mut width = 0.0;
    for c in text.chars() {
        let id = match ascii.and_then(|glyphs| glyphs.get(c as usize)) {
            Some(&id) => id,
            None => font.glyph_id(c),
        };
        if let Some(p) = prev {
            width += (factor * font.kern_unscaled(p, id)) as f64;
        }
        width += (factor * font.h_advance_unscaled(id)) as f64;
        prev = Some(id);
    }
    width
}

/// The font a text is measured and drawn with: the theme's, or a fallback that has
/// every character, scaled so `size` is its em size in pixels.
fn font_for(text: &str, size: f64, bold: bool) -> (&'static ab_glyph::FontRef<'static>, PxScale) {
    let (regular, bold_font) = super::fonts::theme();
    let theme_font = if bold { bold_font } else { regular };
    let font = match super::fonts::covered(text) {
        true => theme_font,
        false => super::fonts::fallback_for(text).map_or(theme_font, |f| &f.font),
    };
    let em = font.units_per_em().unwrap_or(1000.0);
    (
        font,
        PxScale::from(size as f32 * font.height_unscaled() / em),
    )
}

/// Breaks `text` into lines no wider than `width`, between words only (and between
/// characters in scripts written without spaces, such as Chinese). A single word wider
/// than the line stays whole on its own line.
pub fn wrap(text: &str, size: f64, bold: bool, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for (word, spaced) in breakable(text) {
        let candidate = match (line.is_empty(), spaced) {
            (true, _) => word.to_string(),
            (false, true) => format!("{line} {word}"),
            (false, false) => format!("{line}{word}"),
        };
        if !line.is_empty() && text_width(&candidate, size, bold) > width {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The pieces a line may break between, each with whether a space comes before it.
fn breakable(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        let mut start = 0;
        let mut first = true;
        for (i, c) in word.char_indices() {
            if is_unspaced(c) {
                // Punctuation such as 。 or ，stays with the character before it.
                if i > start {
                    out.push((&word[start..i], first));
                    first = false;
                }
                start = i;
                let end = i + c.len_utf8();
                let next_is_punct = word[end..].chars().next().is_some_and(|n| {
                    matches!(
                        n,
                        '，' | '。' | '、' | '：' | '；' | '！' | '？' | '）' | '」' | '』'
                    )
                });
                if !next_is_punct {
                    out.push((&word[start..end], first));
                    first = false;
                    start = end;
                }
            }
        }
        if start < word.len() {
            out.push((&word[start..], first));
        }
    }
    out
}

/// Characters of scripts written without spaces between words (CJK).
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

/// The size (in CSS pixels) and weight of a block of chart text.
#[derive(Debug, Clone, Copy)]
pub struct TextFont {
    pub size: f64,
    pub bold: bool,
}

impl TextFont {
    pub const fn regular(size: f64) -> TextFont {
        TextFont { size, bold: false }
    }

    pub const fn bold(size: f64) -> TextFont {
        TextFont { size, bold: true }
    }
}

impl Scene {
    pub fn new(width: f64) -> Scene {
        Scene {
            width,
            height: 0.0,
            shapes: Vec::new(),
        }
    }

    /// Every text drawn in the scene.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }

    /// Adds wrapped text with its first line's top at `(x, y)`; returns the height it takes.
    pub fn text_block(
        &mut self,
        (x, y): (f64, f64),
        text: &str,
        TextFont { size, bold }: TextFont,
        width: f64,
        align: Align,
        role: Role,
    ) -> f64 {
        let line_h = size * 1.3;
        let lines = wrap(text, size, bold, width);
        for (i, l) in lines.iter().enumerate() {
            self.shapes.push(Shape::Text {
                x,
                y: y + size + i as f64 * line_h,
                text: l.clone(),
                size,
                bold,
                align,
                role,
            });
        }
        lines.len() as f64 * line_h
    }

    /// An arrow from `a` to `b` with a filled head.
    pub fn arrow(&mut self, a: (f64, f64), b: (f64, f64), role: Role, dashed: bool) {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-6);
        let (ux, uy) = (dx / len, dy / len);
        let head = 10.0;
        let base = (b.0 - ux * head, b.1 - uy * head);
        self.shapes.push(Shape::Line {
            points: vec![a, base],
            stroke: role,
            width: 2.5,
            dashed,
        });
        let (px, py) = (-uy * head * 0.55, ux * head * 0.55);
        self.shapes.push(Shape::Polygon {
            points: vec![b, (base.0 + px, base.1 + py), (base.0 - px, base.1 - py)],
            fill: role,
        });
    }
}

/// The colours of the PNG (light theme, on white), and the sentinel colours written in
/// the SVG before they become classes.
fn png_colour(role: Role) -> RGBColor {
    match role {
        Role::Text => RGBColor(0x1b, 0x1b, 0x1b),
        Role::Muted => RGBColor(0x47, 0x47, 0x47),
        Role::Mark(i) => {
            let (r, g, b) = super::palette::LIGHT[i % super::palette::LIGHT.len()];
            RGBColor(r, g, b)
        }
        Role::Benefit => RGBColor(0x1d, 0x6b, 0x3a),
        Role::Harm => RGBColor(0xa1, 0x1d, 0x2b),
        Role::Line => RGBColor(0x47, 0x47, 0x47),
        Role::Panel => RGBColor(0xf1, 0xf1, 0xee),
        Role::Custom(r, g, b) => RGBColor(r, g, b),
    }
}

/// Sentinel colours: each role gets a colour no author would pick, replaced by a class.
fn sentinel(role: Role) -> RGBColor {
    match role {
        Role::Text => RGBColor(1, 1, 1),
        Role::Muted => RGBColor(1, 1, 2),
        Role::Mark(i) => RGBColor(1, 2, (i % 6) as u8),
        Role::Benefit => RGBColor(1, 3, 0),
        Role::Harm => RGBColor(1, 3, 1),
        Role::Line => RGBColor(1, 3, 2),
        Role::Panel => RGBColor(1, 3, 3),
        Role::Custom(r, g, b) => RGBColor(r, g, b),
    }
}

/// The class names that replace the sentinel colours in the SVG.
fn class_replacements() -> Vec<(String, String)> {
    let mut roles = vec![
        (Role::Text, "ct"),
        (Role::Muted, "cm"),
        (Role::Benefit, "cb"),
        (Role::Harm, "ch"),
        (Role::Line, "cl"),
        (Role::Panel, "cp"),
    ];
    let marks = ["c0", "c1", "c2", "c3", "c4", "c5"];
    roles.extend((0..6).map(|i| (Role::Mark(i), marks[i])));
    let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let mut out = Vec::new();
    for (role, class) in roles {
        let c = hex(sentinel(role));
        out.push((format!("fill=\"{c}\""), format!("class=\"{class}\"")));
        out.push((format!("stroke=\"{c}\""), format!("class=\"{class}s\"")));
    }
    out
}

/// Paints a scene on any plotters drawing area.
/// `picture` is true for the PNG, whose text is drawn here (so characters the theme's
/// font lacks need another font); the SVG's text is drawn by the reader's browser.
fn paint<DB: DrawingBackend>(
    scene: &Scene,
    area: &DrawingArea<DB, plotters::coord::Shift>,
    colour: fn(Role) -> RGBColor,
    picture: bool,
) -> Result<(), String> {
    let _ = super::fonts::theme();
    let pt = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    for shape in &scene.shapes {
        match shape {
            Shape::Rect { x, y, w, h, fill } => {
                area.draw(&Rectangle::new(
                    [pt(*x, *y), pt(x + w, y + h)],
                    colour(*fill).filled(),
                ))
                .map_err(err)?;
            }
            Shape::Frame {
                x,
                y,
                w,
                h,
                stroke,
                dashed,
            } => {
                let pts = vec![(*x, *y), (x + w, *y), (x + w, y + h), (*x, y + h), (*x, *y)];
                draw_line(area, &pts, colour(*stroke), 2.0, *dashed).map_err(err)?;
            }
            Shape::Line {
                points,
                stroke,
                width,
                dashed,
            } => draw_line(area, points, colour(*stroke), *width, *dashed).map_err(err)?,
            Shape::Polygon { points, fill } => {
                area.draw(&Polygon::new(
                    points.iter().map(|p| pt(p.0, p.1)).collect::<Vec<_>>(),
                    colour(*fill).filled(),
                ))
                .map_err(err)?;
            }
            Shape::Circle { cx, cy, r, fill } => {
                area.draw(&Circle::new(
                    pt(*cx, *cy),
                    r.round() as i32,
                    colour(*fill).filled(),
                ))
                .map_err(err)?;
            }
            // The PNG's text is drawn after, glyph by glyph with kerning (see `draw_text`).
            Shape::Text { .. } if picture => {}
            Shape::Text {
                x,
                y,
                text,
                size,
                bold,
                align,
                role,
            } => {
                let fill = colour(*role);
                let style = text_style(*size, *bold, *align, &fill);
                // Control characters (Word's line break, U+000B) are not allowed in XML.
                let text = crate::text::escape::without_controls(text);
                area.draw(&Text::new(text.into_owned(), pt(*x, *y), style))
                    .map_err(err)?;
            }
        }
    }
    Ok(())
}

/// The style of a text the SVG's reader draws.
fn text_style<'a>(size: f64, bold: bool, align: Align, fill: &'a RGBColor) -> TextStyle<'a> {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    // plotters writes font-size as size / 1.24: give it the size it divides.
    let font = FontDesc::new(FontFamily::Name(FAMILY), size * 1.24, style);
    let h = match align {
        Align::Start => HPos::Left,
        Align::Middle => HPos::Center,
        Align::End => HPos::Right,
    };
    TextStyle::from(font)
        .color(fill)
        .pos(Pos::new(h, VPos::Bottom))
}

/// Draws a polyline, as dashes when asked (so a harm path differs by more than colour).
fn draw_line<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    points: &[(f64, f64)],
    colour: RGBColor,
    width: f64,
    dashed: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = ShapeStyle::from(&colour).stroke_width(width.round() as u32);
    let pt = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    if !dashed {
        return area.draw(&PathElement::new(
            points.iter().map(|p| pt(*p)).collect::<Vec<_>>(),
            style,
        ));
    }
    for seg in points.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let (dash, gap) = (9.0, 6.0);
        let mut t = 0.0;
        while t < len {
            let e = (t + dash).min(len);
            let p = |s: f64| (a.0 + (b.0 - a.0) * s / len, a.1 + (b.1 - a.1) * s / len);
            area.draw(&PathElement::new(vec![pt(p(t)), pt(p(e))], style))?;
            t += dash + gap;
        }
    }
    Ok(())
}

/// The scene as an SVG document (root tag still plotters'; the accessible wrapper is
/// written by the chart stage's `accessible.rs`).
pub fn to_svg(scene: &Scene) -> Result<String, String> {
    let mut out = String::new();
    {
        let size = (scene.width.ceil() as u32, scene.height.ceil() as u32);
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        paint(scene, &root, sentinel, false)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(with_classes(&out))
}

/// The SVG with each sentinel colour's attribute replaced by its class, in one pass
/// over it (a chart's SVG has thousands of attributes; a pass per colour read it 24
/// times, 27 million instructions on a site of 100 charts).
fn with_classes(svg: &str) -> String {
    static CLASSES: std::sync::LazyLock<Option<(aho_corasick::AhoCorasick, Vec<String>)>> =
        std::sync::LazyLock::new(|| {
            let (from, to): (Vec<String>, Vec<String>) = class_replacements().into_iter().unzip();
            // No attribute is a part of another (`fill="#..."` against
            // `stroke="#..."`), and no class makes an attribute, so replacing them all
            // at once gives what replacing them one after another gave.
            let finder = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(from)
                .ok()?;
            Some((finder, to))
        });
    match &*CLASSES {
        Some((finder, classes)) => finder.replace_all(svg, classes),
        None => class_replacements()
            .iter()
            .fold(svg.to_string(), |out, (from, to)| out.replace(from, to)),
    }
}

/// The PNG text chunk keyword that holds a chart picture's key (the chart-files output
/// reads it to reuse a PNG already drawn).
pub const KEY_CHUNK: &str = "plainsite-chart";

/// The most pixels a chart's PNG may have (width x height): 4096 x 4096, eight times a
/// 1920 x 1080 screen. A chart within its limits fits (the tallest, 60 bars with
/// 300-character labels, is 637 x 22,021 at its own size, and its page PNG is drawn
/// smaller than twice its size to fit); past it a picture is an error, so a chart's
/// memory never grows with its data.
pub const MAX_PNG_PIXELS: usize = 4096 * 4096;

/// The size of a chart's PNG.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PngSize {
    /// The page layout at twice its size, as wide as its content.
    Page,
    /// 1920 x 1080, for a slide of the author's own deck.
    Slide,
}

/// A picture that says what it shows on its own: the chart's title and takeaway above
/// the chart, on a canvas as wide as the chart's content (a flow whose boxes fill the
/// left half does not leave the right half empty).
pub fn with_header(scene: &Scene, title: &str, takeaway: &str) -> Scene {
    let pad = 12.0;
    let right = scene.shapes.iter().map(shape_right).fold(0.0, f64::max);
    let width = (right + pad).clamp(scene.width.min(480.0), scene.width);
    let mut out = Scene::new(width);
    let mut y = pad;
    y += out.text_block(
        (pad, y),
        title,
        TextFont::bold(22.0),
        width - 2.0 * pad,
        Align::Start,
        Role::Text,
    );
    y += out.text_block(
        (pad, y + 2.0),
        takeaway,
        TextFont::regular(17.0),
        width - 2.0 * pad,
        Align::Start,
        Role::Text,
    ) + 8.0;
    out.shapes
        .extend(scene.shapes.iter().map(|s| transform(s, 1.0, (0.0, y))));
    out.height = (y + scene.height).ceil();
    out
}

/// The right edge of a shape.
fn shape_right(s: &Shape) -> f64 {
    match s {
        Shape::Rect { x, w, .. } | Shape::Frame { x, w, .. } => x + w,
        Shape::Line { points, .. } | Shape::Polygon { points, .. } => {
            points.iter().map(|p| p.0).fold(0.0, f64::max)
        }
        Shape::Circle { cx, r, .. } => cx + r,
        Shape::Text {
            x,
            text,
            size,
            bold,
            align,
            ..
        } => {
            let w = text_width(text, *size, *bold);
            match align {
                Align::Start => x + w,
                Align::Middle => x + w / 2.0,
                Align::End => *x,
            }
        }
    }
}

/// The scene as a PNG on white, with `key` in a text chunk (see [`png_key`]): at twice
/// its size (less if that passes [`MAX_PNG_PIXELS`]), or scaled and centred on a 1920 x 1080 slide. Made in memory, so the file
/// is written whole (the dev server replaces files in place and must never send half a
/// picture).
pub fn to_png(scene: &Scene, key: &str, size: PngSize) -> Result<Vec<u8>, String> {
    let (pixels, size) = to_pixels(scene, size)?;
    encode_png(&pixels, size, key)
}

/// The scene as [`to_png`] draws it, filtered for pictures of flat colour and text (a
/// share card): each row as its difference from the row above (PNG's Up filter), a
/// subtraction a processor does many bytes at a time, where Paeth's prediction was
/// a fifth of a first build's CPU with a card for each page. A flat background
/// becomes runs of zeros, which compress as well.
pub fn to_flat_png(scene: &Scene, key: &str, size: PngSize) -> Result<Vec<u8>, String> {
    let (pixels, size) = to_pixels(scene, size)?;
    encode_png_filtered(&pixels, size, key, png::FilterType::Up)
}

/// The scene drawn into RGB pixels, with its size in pixels.
fn to_pixels(scene: &Scene, size: PngSize) -> Result<(Vec<u8>, (u32, u32)), String> {
    let (canvas, scale, offset) = match size {
        PngSize::Page => {
            // Twice the size, or less for a very tall chart, down to its own size.
            // One pixel more each way, for rounding up to whole pixels.
            let area = (scene.width + 1.0) * (scene.height + 1.0);
            let k = (MAX_PNG_PIXELS as f64 / area).sqrt().clamp(1.0, 2.0);
            let c = ((scene.width * k).ceil(), (scene.height * k).ceil());
            (c, k, (0.0, 0.0))
        }
        PngSize::Slide => {
            let (w, h) = (1920.0, 1080.0);
            let k = (w / scene.width.max(1.0)).min(h / scene.height.max(1.0));
            let off = ((w - scene.width * k) / 2.0, (h - scene.height * k) / 2.0);
            ((w, h), k, off)
        }
    };
    let scaled = Scene {
        width: canvas.0,
        height: canvas.1,
        shapes: scene
            .shapes
            .iter()
            .map(|s| transform(s, scale, offset))
            .collect(),
    };
    let size = png_dimensions(canvas)?;
    let mut pixels = vec![255u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
        paint(&scaled, &root, png_colour, true)?;
        root.present().map_err(|e| e.to_string())?;
    }
    for shape in &scaled.shapes {
        if let Shape::Text { .. } = shape {
            draw_text(&mut pixels, size, shape);
        }
    }
    Ok((pixels, size))
}

/// A canvas's whole pixels, or why it cannot be a PNG: not finite, empty, or past
/// [`MAX_PNG_PIXELS`] (checked before any pixel is allocated).
fn png_dimensions((w, h): (f64, f64)) -> Result<(u32, u32), String> {
    let pixels = w * h;
    if !pixels.is_finite() || w < 1.0 || h < 1.0 || pixels > MAX_PNG_PIXELS as f64 {
        return Err(format!(
            "the chart's picture would be {w:.0} x {h:.0} pixels, more than the {MAX_PNG_PIXELS} \
             a PNG may have; split the chart into several, or shorten its labels"
        ));
    }
    Ok((w as u32, h as u32))
}

/// Draws a text shape into RGB pixels with ab_glyph: each glyph placed at the font's
/// advance plus its kerning with the glyph before (so "university" reads as one word),
/// its coverage blended over what is below.
fn draw_text(pixels: &mut [u8], (w, h): (u32, u32), shape: &Shape) {
    let Shape::Text {
        x,
        y,
        text,
        size,
        bold,
        align,
        role,
    } = shape
    else {
        return;
    };
    let (font, scale) = font_for(text, *size, *bold);
    let scaled = font.as_scaled(scale);
    let width = text_width(text, *size, *bold) as f32;
    let left = match align {
        Align::Start => *x as f32,
        Align::Middle => *x as f32 - width / 2.0,
        Align::End => *x as f32 - width,
    };
    // `y` is the bottom of the text's line box, as plotters places it in the SVG.
    let baseline = *y as f32 + scaled.descent();
    let colour = png_colour(*role);
    let (mut caret, mut prev) = (left, None);
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(p) = prev {
            caret += scaled.kern(p, id);
        }
        let glyph = id.with_scale_and_position(scale, ab_glyph::point(caret, baseline));
        caret += scaled.h_advance(id);
        prev = Some(id);
        let Some(outline) = font.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        outline.draw(|gx, gy, cover| {
            let (px, py) = (
                bounds.min.x as i64 + gx as i64,
                bounds.min.y as i64 + gy as i64,
            );
            if px < 0 || py < 0 || px >= w as i64 || py >= h as i64 {
                return;
            }
            let i = (py as usize * w as usize + px as usize) * 3;
            let a = cover.clamp(0.0, 1.0);
            for (k, c) in [colour.0, colour.1, colour.2].into_iter().enumerate() {
                if let Some(p) = pixels.get_mut(i + k) {
                    *p = (*p as f32 * (1.0 - a) + c as f32 * a).round() as u8;
                }
            }
        });
    }
}

/// Encodes RGB pixels as a PNG with `key` in a text chunk.
fn encode_png(pixels: &[u8], size: (u32, u32), key: &str) -> Result<Vec<u8>, String> {
    // Flat colours and text: fast compression with the Paeth filter gives files as small
    // as the `image` crate's defaults did, in 20% less time.
    encode_png_filtered(pixels, size, key, png::FilterType::Paeth)
}

/// RGB `pixels` as a PNG with fast compression and `filter` on every row.
fn encode_png_filtered(
    pixels: &[u8],
    size: (u32, u32),
    key: &str,
    filter: png::FilterType,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(pixels.len() / 8);
    let mut encoder = png::Encoder::new(&mut bytes, size.0, size.1);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(filter);
    encoder
        .add_text_chunk(KEY_CHUNK.to_string(), key.to_string())
        .map_err(|e| e.to_string())?;
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(pixels).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The key a PNG written by [`to_png`] carries, read from its header chunks only: the
/// chunks before the image data are read and checked one by one, as a decoder would
/// (which also set up its inflater for every chart and share card of a rebuild, 1% of
/// it). A file that is not a PNG, is cut short or has a damaged chunk has no key.
pub fn png_key(path: &std::path::Path) -> Option<String> {
    use std::io::Read;
    const SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
    /// Header chunks longer than this are not ours.
    const LONGEST: u32 = 1 << 20;
    let mut file = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    let mut head = [0u8; 8];
    file.read_exact(&mut head).ok()?;
    if &head != SIGNATURE {
        return None;
    }
    let mut key = None;
    let mut chunk = Vec::new();
    for n in 0.. {
        file.read_exact(&mut head).ok()?;
        let (length, kind) = head.split_at(4);
        let length = u32::from_be_bytes(length.try_into().ok()?);
        if (n == 0) != (kind == b"IHDR") || kind == b"IEND" || length > LONGEST {
            return None;
        }
        if kind == b"IDAT" {
            return key;
        }
        // The chunk's data and its checksum.
        chunk.clear();
        (&mut file)
            .take(u64::from(length) + 4)
            .read_to_end(&mut chunk)
            .ok()?;
        let (data, crc) = chunk.split_at_checked(usize::try_from(length).ok()?)?;
        let mut check = crc32fast::Hasher::new();
        check.update(kind);
        check.update(data);
        if crc != check.finalize().to_be_bytes() {
            return None;
        }
        if kind == b"tEXt" && key.is_none() {
            let nul = data.iter().position(|&b| b == 0)?;
            let (keyword, text) = data.split_at(nul);
            if keyword == KEY_CHUNK.as_bytes() {
                // Latin-1, as PNG text is: each byte is its own character.
                key = Some(text.iter().skip(1).map(|&b| char::from(b)).collect());
            }
        }
    }
    None
}

/// A shape scaled by `k`, then moved by `(dx, dy)`.
fn transform(s: &Shape, k: f64, (dx, dy): (f64, f64)) -> Shape {
    let p = |v: &Vec<(f64, f64)>| v.iter().map(|(x, y)| (x * k + dx, y * k + dy)).collect();
    match s {
        Shape::Rect { x, y, w, h, fill } => Shape::Rect {
            x: x * k + dx,
            y: y * k + dy,
            w: w * k,
            h: h * k,
            fill: *fill,
        },
        Shape::Frame {
            x,
            y,
            w,
            h,
            stroke,
            dashed,
        } => Shape::Frame {
            x: x * k + dx,
            y: y * k + dy,
            w: w * k,
            h: h * k,
            stroke: *stroke,
            dashed: *dashed,
        },
        Shape::Line {
            points,
            stroke,
            width,
            dashed,
        } => Shape::Line {
            points: p(points),
            stroke: *stroke,
            width: width * k,
            dashed: *dashed,
        },
        Shape::Polygon { points, fill } => Shape::Polygon {
            points: p(points),
            fill: *fill,
        },
        Shape::Circle { cx, cy, r, fill } => Shape::Circle {
            cx: cx * k + dx,
            cy: cy * k + dy,
            r: r * k,
            fill: *fill,
        },
        Shape::Text {
            x,
            y,
            text,
            size,
            bold,
            align,
            role,
        } => Shape::Text {
            x: x * k + dx,
            y: y * k + dy,
            text: text.clone(),
            size: size * k,
            bold: *bold,
            align: *align,
            role: *role,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text's width as ab_glyph's scaled font gives it: the oracle for [`text_width`].
    fn text_width_scaled(text: &str, size: f64, bold: bool) -> f64 {
        let (font, scale) = font_for(text, size, bold);
        let scaled = font.as_scaled(scale);
        let (mut prev, mut width) = (None, 0.0);
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                width += scaled.kern(p, id) as f64;
            }
            width += scaled.h_advance(id) as f64;
            prev = Some(id);
        }
        width
    }

    /// Every sentinel colour, side by side, as fill and stroke, among colours that are
    /// no sentinel: one pass replaces them as 24 passes one after another did.
    #[test]
    fn sentinel_colours_become_classes_in_one_pass_as_in_one_pass_each() {
        let pairs = class_replacements();
        let mut svg = String::from("<svg><rect fill=\"#010100\" stroke=\"#0A0B0C\"/>");
        for (i, (from, _)) in pairs.iter().enumerate() {
            svg.push_str(&format!("<rect {from}"));
            if i % 3 == 0 {
                svg.push_str(&format!(" {}", pairs[(i * 7) % pairs.len()].0));
            }
            svg.push_str(" fill=\"#ABCDEF\"/>");
        }
        svg.push_str("<text fill=\"#010101\">fill=\"#010102\"</text></svg>");
        let mut oracle = svg.clone();
        for (from, to) in &pairs {
            oracle = oracle.replace(from, to);
        }
        assert_eq!(with_classes(&svg), oracle);
        assert!(
            pairs.iter().all(|(from, _)| !oracle.contains(from)),
            "{oracle}"
        );
        assert!(oracle.contains("fill=\"#010100\""), "{oracle}");
    }

    #[test]
    fn text_width_from_the_ascii_table_is_the_fonts_own_to_the_last_bit() {
        let texts = [
            "Fair pay",
            "AVATAR, Tj, Wo, \"quoted\" ~ {braces} 12.5% (n=3)",
            "Rémunération équitable",
            "公平的报酬 and pay",
            "\u{7f}\t tab",
            "",
        ];
        for text in texts {
            for bold in [false, true] {
                for size in [11.0, 14.5, 28.0] {
                    assert_eq!(
                        text_width(text, size, bold).to_bits(),
                        text_width_scaled(text, size, bold).to_bits(),
                        "{text:?} at {size}, bold {bold}"
                    );
                }
            }
        }
    }

    /// The key as the png crate's decoder reads it: the oracle for [`png_key`].
    fn png_key_decoded(path: &std::path::Path) -> Option<String> {
        let file = std::fs::File::open(path).ok()?;
        let reader = png::Decoder::new(std::io::BufReader::new(file))
            .read_info()
            .ok()?;
        reader
            .info()
            .uncompressed_latin1_text
            .iter()
            .find(|t| t.keyword == KEY_CHUNK)
            .map(|t| t.text.clone())
    }

    #[test]
    fn a_key_read_chunk_by_chunk_is_the_one_a_png_decoder_reads() {
        let dir = tempfile::tempdir().unwrap();
        let pixels = vec![200u8; 4 * 3 * 3];
        let keyed = encode_png(&pixels, (4, 3), "chart-9f2c\u{e9}").unwrap();
        let mut other = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut other, 4, 3);
            encoder.set_color(png::ColorType::Rgb);
            encoder.add_text_chunk("Title".into(), "x".into()).unwrap();
            encoder
                .add_text_chunk(KEY_CHUNK.into(), "second".into())
                .unwrap();
            let mut w = encoder.write_header().unwrap();
            w.write_image_data(&pixels).unwrap();
        }
        let mut bad_crc = keyed.clone();
        let text_at = keyed.windows(4).position(|w| w == b"tEXt").unwrap();
        bad_crc[text_at + 6] ^= 1;
        let files: Vec<(&str, Vec<u8>)> = vec![
            ("keyed", keyed.clone()),
            ("other", other),
            (
                "no key",
                encode_png_filtered(&pixels, (4, 3), "", png::FilterType::Up).unwrap(),
            ),
            ("cut in its text", keyed[..text_at + 10].to_vec()),
            ("cut after its text", keyed[..text_at + 40].to_vec()),
            ("bad checksum", bad_crc),
            ("not a png", b"GIF89a and more bytes".to_vec()),
            ("empty", Vec::new()),
        ];
        for (name, bytes) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            assert_eq!(png_key(&path), png_key_decoded(&path), "{name}");
        }
        assert_eq!(
            png_key(&dir.path().join("keyed")).as_deref(),
            Some("chart-9f2c\u{e9}")
        );
        assert_eq!(
            png_key(&dir.path().join("other")).as_deref(),
            Some("second")
        );
        assert_eq!(png_key(&dir.path().join("missing")), None);
    }

    #[test]
    fn a_png_past_the_pixel_cap_is_an_error_before_any_pixel_is_allocated() {
        let mut s = Scene::new(5000.0);
        s.height = 5000.0;
        let e = to_png(&s, "k", PngSize::Page).unwrap_err();
        assert!(e.contains("5000 x 5000 pixels"), "{e}");
        s.height = f64::INFINITY;
        assert!(to_png(&s, "k", PngSize::Page).is_err());
    }

    #[test]
    fn a_tall_chart_png_is_drawn_smaller_than_twice_its_size_to_fit_the_cap() {
        let mut s = Scene::new(600.0);
        s.height = 20_000.0;
        let png = to_png(&s, "k", PngSize::Page).unwrap();
        let info = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .unwrap()
            .info()
            .clone();
        let pixels = info.width as usize * info.height as usize;
        assert!(
            pixels <= MAX_PNG_PIXELS && info.width >= 600,
            "{} x {}",
            info.width,
            info.height
        );
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_punctuation() {
        let pieces: Vec<&str> = breakable("没有得到报酬。好 ok")
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(pieces, ["没", "有", "得", "到", "报", "酬。", "好", "ok"]);
        let lines = wrap("没有得到报酬的人很多很多很多很多", 16.0, false, 60.0);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), "没有得到报酬的人很多很多很多很多");
    }

    #[test]
    fn wraps_between_words_only() {
        let lines = wrap(
            "Psychological and cultural support and cultural safety",
            16.0,
            false,
            150.0,
        );
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(
                text_width(l, 16.0, false) <= 150.0 || !l.contains(' '),
                "{l}"
            );
        }
        assert_eq!(
            lines.join(" "),
            "Psychological and cultural support and cultural safety"
        );
        assert_eq!(
            wrap("Supercalifragilistic", 16.0, false, 20.0),
            ["Supercalifragilistic"]
        );
    }

    #[test]
    fn svg_has_real_text_and_classes_not_colours() {
        let mut s = Scene::new(200.0);
        s.height = 50.0;
        s.shapes.push(Shape::Rect {
            x: 0.0,
            y: 0.0,
            w: 10.0,
            h: 10.0,
            fill: Role::Mark(1),
        });
        s.shapes.push(Shape::Text {
            x: 5.0,
            y: 30.0,
            text: "Fair pay & <roles>".into(),
            size: 16.0,
            bold: false,
            align: Align::Start,
            role: Role::Text,
        });
        let svg = to_svg(&s).unwrap();
        assert!(svg.contains("class=\"c1\""), "{svg}");
        assert!(svg.contains("class=\"ct\""), "{svg}");
        assert!(svg.contains("Fair pay &amp; &lt;roles&gt;"), "{svg}");
        assert!(svg.contains("font-size=\"16\""), "{svg}");
        assert_eq!(
            to_svg(&s).unwrap(),
            svg,
            "the same scene gives the same bytes"
        );
    }
}
