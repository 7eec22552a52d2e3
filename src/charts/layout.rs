//! Chart layouts: each kind of chart as a [`Scene`] of boxes, bars, lines and wrapped
//! labels. Every value is written next to its mark, so colour is never the only way to
//! read a chart; harm paths are dashed and labelled, not only red.

use super::numbers::Numbers;
use super::scene::{text_width, Align, Role, Scene, Shape, TextFont};
use super::spec::{Body, Chart, Step};

/// Chart width in CSS pixels on a page; text is 16 px at this size.
pub const WIDTH: f64 = 640.0;
const TEXT: f64 = 16.0;
const LINE: f64 = TEXT * 1.3;
const PAD: f64 = 12.0;

/// Where a chart is shown, which decides its layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// A page on a wide screen, and paper: 640 units, columns side by side.
    Page,
    /// A phone (down to 320 px): 320 units, columns stacked, labels above their bars.
    Narrow,
    /// A projected slide: 960 units, no notes, every text at least 16 units (shown at
    /// 1.75 times or more, 28 px, on a 1920 x 1080 screen), flows read left to right.
    Slide,
}

impl Fit {
    /// The scene's width in units.
    pub fn width(self) -> f64 {
        match self {
            Fit::Page => WIDTH,
            Fit::Narrow => 320.0,
            Fit::Slide => 960.0,
        }
    }

    /// The size of secondary text (notes, boxes of a pathway, exclusions).
    fn small(self) -> f64 {
        match self {
            Fit::Slide => TEXT,
            _ => 15.0,
        }
    }

    /// Whether notes under steps are drawn (a slide keeps fewer words).
    fn notes(self) -> bool {
        self != Fit::Slide
    }
}

/// Lays out a chart for where it is shown.
pub fn layout(chart: &Chart, w: &crate::load::i18n::Strings, fit: Fit) -> Scene {
    let mark = |i: usize| match chart.colors.get(i) {
        Some(&(r, g, b)) => Role::Custom(r, g, b),
        None => Role::Mark(i),
    };
    let mut s = Scene::new(fit.width());
    let n = Numbers::of(w);
    let unit = chart.unit.as_deref();
    let h = match &chart.body {
        Body::Bar(points) => bars(&mut s, points, &|v| n.with_unit(v, unit), &mark, fit),
        Body::Grouped {
            groups,
            rows,
            diverging,
        } => grouped(
            &mut s,
            (groups, rows),
            *diverging,
            &|gi, v| {
                format!(
                    "{}{}{}",
                    groups.get(gi).map(String::as_str).unwrap_or(""),
                    n.colon(),
                    n.with_unit(v, unit)
                )
            },
            &mark,
            fit,
        ),
        Body::Stacked(points) => stacked(&mut s, points, n, &mark),
        Body::Waffle {
            value,
            total,
            label,
        } => waffle(&mut s, *value, *total, label, &mark, w),
        Body::Flow(steps) => {
            let labelled =
                |label: &str, v: f64| format!("{label}{}{}", n.colon(), n.with_unit(v, unit));
            match fit {
                Fit::Slide if steps.len() <= 6 => flow_across(&mut s, steps, &labelled),
                _ => flow(&mut s, steps, &labelled, fit),
            }
        }
        Body::Pathway {
            contexts,
            mechanisms,
            outcomes,
        } => pathway(&mut s, contexts, mechanisms, outcomes, w, fit),
        Body::Steps(steps) => step_list(&mut s, steps, fit),
    };
    s.height = h.ceil();
    s
}

/// Where a row's label goes: beside its bars (wide) or above them (narrow), and the
/// room it takes.
struct RowLabel {
    above: bool,
    width: f64,
}

impl RowLabel {
    fn of(fit: Fit, wide: f64, width: f64) -> RowLabel {
        match fit {
            Fit::Narrow => RowLabel {
                above: true,
                width: width - 2.0 * PAD,
            },
            Fit::Page => RowLabel {
                above: false,
                width: wide,
            },
            Fit::Slide => RowLabel {
                above: false,
                width: wide * 1.5,
            },
        }
    }

    /// Where the bars start.
    fn bar_x(&self) -> f64 {
        if self.above {
            PAD
        } else {
            self.width + PAD
        }
    }

    /// Draws the label of a row of height `row_h` (beside) at `y`; returns the height
    /// the label takes above the bars (0 beside them).
    fn draw(&self, s: &mut Scene, y: f64, row_h: f64, label: &str, font: TextFont) -> f64 {
        if self.above {
            return s.text_block((PAD, y), label, font, self.width, Align::Start, Role::Text) + 4.0;
        }
        let lines = super::scene::wrap(label, font.size, font.bold, self.width)
            .len()
            .max(1) as f64;
        s.text_block(
            (self.width, y + (row_h - lines * LINE) / 2.0 - 3.0),
            label,
            font,
            self.width,
            Align::End,
            Role::Text,
        );
        0.0
    }

    /// Lines the label takes beside the bars (0 above them).
    fn lines_beside(&self, label: &str, font: TextFont) -> f64 {
        if self.above {
            0.0
        } else {
            super::scene::wrap(label, font.size, font.bold, self.width)
                .len()
                .max(1) as f64
        }
    }
}

fn bars(
    s: &mut Scene,
    points: &[(String, f64)],
    value: &dyn Fn(f64) -> String,
    mark: &dyn Fn(usize) -> Role,
    fit: Fit,
) -> f64 {
    let width = s.width;
    let label = RowLabel::of(fit, 210.0, width);
    let value_w = points
        .iter()
        .map(|(_, v)| text_width(&value(*v), TEXT, true))
        .fold(0.0, f64::max)
        + PAD;
    let bar_x = label.bar_x();
    let bar_max = (width - bar_x - value_w).max(80.0);
    let max = points.iter().map(|p| p.1).fold(0.0, f64::max).max(1e-9);
    let mut y = PAD;
    for (text, v) in points {
        let lines = label.lines_beside(text, TextFont::regular(TEXT));
        let row_h = (lines * LINE).max(28.0);
        y += label.draw(s, y, row_h, text, TextFont::regular(TEXT));
        let w = (bar_max * v / max).max(2.0);
        s.shapes.push(Shape::Rect {
            x: bar_x,
            y: y + row_h / 2.0 - 11.0,
            w,
            h: 22.0,
            fill: mark(0),
        });
        s.shapes.push(Shape::Text {
            x: bar_x + w + 6.0,
            y: y + row_h / 2.0 + 6.0,
            text: value(*v),
            size: TEXT,
            bold: true,
            align: Align::Start,
            role: Role::Text,
        });
        y += row_h + PAD;
    }
    y
}

/// The key of a grouped chart: a swatch and each group's name, wrapping onto more lines
/// when the width runs out. Returns the height it takes.
fn legend(s: &mut Scene, groups: &[String], x0: f64, mark: &dyn Fn(usize) -> Role) -> f64 {
    let (mut x, mut y) = (x0, PAD);
    for (i, g) in groups.iter().enumerate() {
        let w = 22.0 + text_width(g, TEXT, false);
        if x > x0 && x + w > s.width - PAD {
            x = x0;
            y += 26.0;
        }
        s.shapes.push(Shape::Rect {
            x,
            y: y + 3.0,
            w: 16.0,
            h: 16.0,
            fill: mark(i),
        });
        s.shapes.push(Shape::Text {
            x: x + 22.0,
            y: y + 17.0,
            text: g.clone(),
            size: TEXT,
            bold: false,
            align: Align::Start,
            role: Role::Text,
        });
        x += w + 24.0;
    }
    y + 34.0
}

// Long because the axis, legend and bars share one set of running coordinates.
fn grouped(
    s: &mut Scene,
    (groups, rows): (&[String], &[(String, Vec<f64>)]),
    diverging: bool,
    value_label: &dyn Fn(usize, f64) -> String,
    mark: &dyn Fn(usize) -> Role,
    fit: Fit,
) -> f64 {
    let width = s.width;
    let label = RowLabel::of(fit, 200.0, width);
    let bar_x = label.bar_x();
    let mut y = legend(s, groups, bar_x, mark);
    let max = rows
        .iter()
        .flat_map(|r| r.1.iter())
        .map(|v| v.abs())
        .fold(0.0, f64::max)
        .max(1e-9);
    let label_room = rows
        .iter()
        .flat_map(|r| {
            r.1.iter()
                .enumerate()
                .map(|(gi, v)| text_width(&value_label(gi, *v), TEXT, false))
        })
        .fold(0.0, f64::max)
        + 8.0;
    let bar_h = 20.0;
    let top = y;
    let axis_x = bar_x + (width - bar_x) / 2.0;
    for (text, values) in rows {
        let lines = label.lines_beside(text, TextFont::bold(TEXT));
        let row_h = (values.len() as f64 * (bar_h + 6.0)).max(lines * LINE);
        // Beside the bars, the label's top is the row's top.
        let label_y = match label.above {
            true => y,
            false => y + 3.0 - (row_h - lines * LINE) / 2.0,
        };
        y += label.draw(s, label_y, row_h, text, TextFont::bold(TEXT));
        for (gi, v) in values.iter().enumerate() {
            let by = y + gi as f64 * (bar_h + 6.0);
            let left = diverging && gi == 0;
            let (x0, w) = if diverging {
                let half = (width - axis_x - label_room).max(40.0);
                let w = (half * v.abs() / max).max(2.0);
                (if left { axis_x - w } else { axis_x }, w)
            } else {
                let room = (width - bar_x - PAD - label_room).max(60.0);
                (bar_x, (room * v / max).max(2.0))
            };
            s.shapes.push(Shape::Rect {
                x: x0,
                y: by,
                w,
                h: bar_h,
                fill: mark(gi),
            });
            let (tx, align) = if left {
                (x0 - 6.0, Align::End)
            } else {
                (x0 + w + 6.0, Align::Start)
            };
            s.shapes.push(Shape::Text {
                x: tx,
                y: by + 15.0,
                text: value_label(gi, *v),
                size: TEXT,
                bold: false,
                align,
                role: Role::Text,
            });
        }
        y += row_h + PAD * 1.5;
    }
    if diverging {
        s.shapes.push(Shape::Line {
            points: vec![(axis_x, top - 4.0), (axis_x, y - PAD)],
            stroke: Role::Line,
            width: 2.0,
            dashed: false,
        });
    }
    y
}

fn stacked(
    s: &mut Scene,
    points: &[(String, f64)],
    n: Numbers,
    mark: &dyn Fn(usize) -> Role,
) -> f64 {
    let total: f64 = points.iter().map(|p| p.1).sum::<f64>().max(1e-9);
    let (x0, w_all, bar_h) = (PAD, s.width - 2.0 * PAD, 44.0);
    let mut x = x0;
    let y = PAD;
    for (i, (_, v)) in points.iter().enumerate() {
        let w = w_all * v / total;
        s.shapes.push(Shape::Rect {
            x,
            y,
            w,
            h: bar_h,
            fill: mark(i),
        });
        // A white gap between shares, so neighbours never touch.
        if i > 0 {
            s.shapes.push(Shape::Line {
                points: vec![(x, y), (x, y + bar_h)],
                stroke: Role::Panel,
                width: 3.0,
                dashed: false,
            });
        }
        x += w;
    }
    // The key below the bar: each share with its swatch, name and percentage.
    let mut ky = y + bar_h + PAD * 1.5;
    for (i, (label, v)) in points.iter().enumerate() {
        s.shapes.push(Shape::Rect {
            x: x0,
            y: ky + 2.0,
            w: 18.0,
            h: 18.0,
            fill: mark(i),
        });
        let text = format!("{label}{}{}", n.colon(), n.percent_of(*v, total));
        let h = s.text_block(
            (x0 + 28.0, ky - 1.0),
            &text,
            TextFont::regular(TEXT),
            s.width - x0 - 40.0,
            Align::Start,
            Role::Text,
        );
        ky += h.max(24.0) + 6.0;
    }
    ky + PAD
}

fn waffle(
    s: &mut Scene,
    value: f64,
    total: f64,
    label: &str,
    mark: &dyn Fn(usize) -> Role,
    w: &crate::load::i18n::Strings,
) -> f64 {
    let total_n = total.round() as usize;
    let filled = value.round() as usize;
    let per_row = if total_n <= 10 { total_n.max(1) } else { 10 };
    // Ten places a row, smaller on a narrow screen.
    let cell = ((s.width - 2.0 * PAD) / 10.0).min(36.0);
    let r = cell * 13.0 / 36.0;
    let sentence = waffle_sentence(value, total, label, w);
    let mut y = PAD;
    y += s.text_block(
        (PAD, y),
        &sentence,
        TextFont::bold(20.0),
        s.width - 2.0 * PAD,
        Align::Start,
        Role::Text,
    ) + PAD;
    for i in 0..total_n {
        let (row, col) = (i / per_row, i % per_row);
        let (cx, cy) = (PAD + r + col as f64 * cell, y + r + row as f64 * cell);
        if i < filled {
            s.shapes.push(Shape::Circle {
                cx,
                cy,
                r,
                fill: mark(0),
            });
        } else {
            // Empty places are outlines: a different shape, not only a lighter colour.
            let pts: Vec<(f64, f64)> = (0..=24)
                .map(|k| {
                    let a = k as f64 / 24.0 * std::f64::consts::TAU;
                    (cx + (r - 1.5) * a.cos(), cy + (r - 1.5) * a.sin())
                })
                .collect();
            s.shapes.push(Shape::Line {
                points: pts,
                stroke: Role::Line,
                width: 2.5,
                dashed: false,
            });
        }
    }
    let rows = total_n.div_ceil(per_row) as f64;
    y + rows * cell + PAD
}

/// "About 3 in 10 people", from the data.
pub fn waffle_sentence(
    value: f64,
    total: f64,
    label: &str,
    w: &crate::load::i18n::Strings,
) -> String {
    let exact = value.fract().abs() < 1e-9;
    let n = Numbers::of(w);
    let v = if exact {
        n.number(value)
    } else {
        n.number(value.round())
    };
    let key = if exact {
        "chart_n_in_total"
    } else {
        "chart_about_n_in_total"
    };
    let s = w.fill(
        key,
        &[("n", &v), ("total", &n.number(total)), ("label", label)],
    );
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn flow(s: &mut Scene, steps: &[Step], labelled: &dyn Fn(&str, f64) -> String, fit: Fit) -> f64 {
    let width = s.width;
    let narrow = fit == Fit::Narrow;
    // Wide: steps on the left, what was left out beside them. Narrow: steps across the
    // width, what was left out below each, indented from the line that joins the steps.
    let box_w = if narrow { width - 2.0 * PAD } else { 330.0 };
    let (side_x, spine_x) = if narrow {
        (PAD + 44.0, PAD + 20.0)
    } else {
        (box_w + 80.0, PAD + box_w / 2.0)
    };
    let side_w = width - side_x - PAD;
    let small = fit.small();
    let mut y = PAD;
    let mut prev_bottom: Option<f64> = None;
    for step in steps {
        let mut text = step.label.clone();
        if let Some(c) = step.count {
            text = labelled(&text, c);
        }
        let note = step.note.as_ref().filter(|_| fit.notes());
        let lines = super::scene::wrap(&text, TEXT, true, box_w - 2.0 * PAD).len() as f64;
        let note_lines = note
            .map(|n| super::scene::wrap(n, small, false, box_w - 2.0 * PAD).len() as f64)
            .unwrap_or(0.0);
        let h = lines * LINE + note_lines * small * 1.3 + 2.0 * PAD;
        if let Some(pb) = prev_bottom {
            s.arrow((spine_x, pb), (spine_x, y), Role::Line, false);
        }
        step_box(
            s,
            (PAD, y, box_w, h),
            &text,
            note.map(String::as_str),
            small,
        );
        let mut bottom = y + h;
        if let Some((ex, count)) = &step.excluded {
            let ex_text = match count {
                Some(c) => labelled(ex, *c),
                None => ex.clone(),
            };
            let eh = super::scene::wrap(&ex_text, small, false, side_w - 2.0 * PAD).len() as f64
                * small
                * 1.3
                + 2.0 * PAD;
            let (ey, from) = if narrow {
                let ey = y + h + 16.0;
                (ey, (spine_x, ey + eh / 2.0))
            } else {
                (y + (h - eh) / 2.0, (PAD + box_w, y + h / 2.0))
            };
            s.arrow(from, (side_x, from.1), Role::Line, true);
            s.shapes.push(Shape::Frame {
                x: side_x,
                y: ey,
                w: side_w,
                h: eh,
                stroke: Role::Line,
                dashed: true,
            });
            s.text_block(
                (side_x + PAD, ey + PAD + 1.0),
                &ex_text,
                TextFont::regular(small),
                side_w - 2.0 * PAD,
                Align::Start,
                Role::Text,
            );
            if narrow {
                bottom = ey + eh;
            }
        }
        prev_bottom = Some(y + h);
        y = bottom + 40.0;
    }
    y - 40.0 + PAD
}

/// A step of a flow: a panel with a frame, its label in bold and its note below.
fn step_box(
    s: &mut Scene,
    (x, y, w, h): (f64, f64, f64, f64),
    text: &str,
    note: Option<&str>,
    small: f64,
) {
    s.shapes.push(Shape::Rect {
        x,
        y,
        w,
        h,
        fill: Role::Panel,
    });
    s.shapes.push(Shape::Frame {
        x,
        y,
        w,
        h,
        stroke: Role::Line,
        dashed: false,
    });
    let th = s.text_block(
        (x + PAD, y + PAD + 1.0),
        text,
        TextFont::bold(TEXT),
        w - 2.0 * PAD,
        Align::Start,
        Role::Text,
    );
    if let Some(n) = note {
        s.text_block(
            (x + PAD, y + PAD + 1.0 + th),
            n,
            TextFont::regular(small),
            w - 2.0 * PAD,
            Align::Start,
            Role::Muted,
        );
    }
}

/// A flow for a slide: the steps left to right, what was left out below each.
fn flow_across(s: &mut Scene, steps: &[Step], labelled: &dyn Fn(&str, f64) -> String) -> f64 {
    let n = steps.len().max(1) as f64;
    let gap = 36.0;
    let box_w = (s.width - 2.0 * PAD - gap * (n - 1.0)) / n;
    let inner = box_w - 2.0 * PAD;
    let texts: Vec<String> = steps
        .iter()
        .map(|st| match st.count {
            Some(c) => labelled(&st.label, c),
            None => st.label.clone(),
        })
        .collect();
    let h = texts
        .iter()
        .map(|t| super::scene::wrap(t, TEXT, true, inner).len() as f64)
        .fold(1.0, f64::max)
        * LINE
        + 2.0 * PAD;
    let y = PAD;
    let mut bottom = y + h;
    for (i, (step, text)) in steps.iter().zip(&texts).enumerate() {
        let x = PAD + i as f64 * (box_w + gap);
        if i > 0 {
            s.arrow(
                (x - gap + 2.0, y + h / 2.0),
                (x - 2.0, y + h / 2.0),
                Role::Line,
                false,
            );
        }
        step_box(s, (x, y, box_w, h), text, None, TEXT);
        if let Some((ex, count)) = &step.excluded {
            let ex_text = match count {
                Some(c) => labelled(ex, *c),
                None => ex.clone(),
            };
            let ey = y + h + 36.0;
            s.arrow(
                (x + box_w / 2.0, y + h),
                (x + box_w / 2.0, ey),
                Role::Line,
                true,
            );
            let eh =
                super::scene::wrap(&ex_text, TEXT, false, inner).len() as f64 * LINE + 2.0 * PAD;
            s.shapes.push(Shape::Frame {
                x,
                y: ey,
                w: box_w,
                h: eh,
                stroke: Role::Line,
                dashed: true,
            });
            s.text_block(
                (x + PAD, ey + PAD + 1.0),
                &ex_text,
                TextFont::regular(TEXT),
                inner,
                Align::Start,
                Role::Text,
            );
            bottom = bottom.max(ey + eh);
        }
    }
    bottom + PAD
}

/// A column of a pathway: its heading, then its boxes (text, and benefit or harm for
/// results).
type Column<'a> = (&'a str, Vec<(String, Option<bool>)>);

// Long because the columns, boxes and arrows share one set of running coordinates.
fn pathway(
    s: &mut Scene,
    contexts: &[String],
    mechanisms: &[String],
    outcomes: &[(String, bool)],
    w: &crate::load::i18n::Strings,
    fit: Fit,
) -> f64 {
    let columns: Vec<Column> = {
        let mut c = vec![(
            w.get("chart_when"),
            contexts
                .iter()
                .map(|t| (t.clone(), None))
                .collect::<Vec<_>>(),
        )];
        if !mechanisms.is_empty() {
            c.push((
                w.get("chart_what_happens"),
                mechanisms.iter().map(|t| (t.clone(), None)).collect(),
            ));
        }
        c.push((
            w.get("chart_result"),
            outcomes
                .iter()
                .map(|(t, b)| (t.clone(), Some(*b)))
                .collect(),
        ));
        c
    };
    let narrow = fit == Fit::Narrow;
    let small = fit.small();
    let gap = 44.0;
    let col_w = if narrow {
        s.width - 2.0 * PAD
    } else {
        (s.width - 2.0 * PAD - gap * (columns.len() - 1) as f64) / columns.len() as f64
    };
    let mut bottom: f64 = 0.0;
    let mut col_boxes: Vec<Vec<(f64, f64)>> = Vec::new();
    // Narrow: the columns one under another, an arrow down between them.
    let mut top = PAD;
    for (ci, (heading, items)) in columns.iter().enumerate() {
        let x = if narrow {
            PAD
        } else {
            PAD + ci as f64 * (col_w + gap)
        };
        if narrow && ci > 0 {
            s.arrow(
                (s.width / 2.0, top - 6.0),
                (s.width / 2.0, top + 30.0),
                Role::Line,
                false,
            );
            top += 40.0;
        }
        s.shapes.push(Shape::Text {
            x,
            y: top + 18.0,
            text: heading.to_string(),
            size: 18.0,
            bold: true,
            align: Align::Start,
            role: Role::Text,
        });
        let mut y = top + 34.0;
        let mut boxes = Vec::new();
        for (text, effect) in items {
            let shown = match effect {
                Some(true) => format!(
                    "+ {}{}{text}",
                    w.get("chart_benefit_label"),
                    Numbers::of(w).colon()
                ),
                Some(false) => format!(
                    "\u{2212} {}{}{text}",
                    w.get("chart_harm_label"),
                    Numbers::of(w).colon()
                ),
                None => text.clone(),
            };
            let lines = super::scene::wrap(&shown, small, false, col_w - 2.0 * PAD).len() as f64;
            let h = lines * small * 1.3 + 2.0 * PAD;
            let (stroke, dashed) = match effect {
                Some(true) => (Role::Benefit, false),
                Some(false) => (Role::Harm, true),
                None => (Role::Line, false),
            };
            s.shapes.push(Shape::Rect {
                x,
                y,
                w: col_w,
                h,
                fill: Role::Panel,
            });
            s.shapes.push(Shape::Frame {
                x,
                y,
                w: col_w,
                h,
                stroke,
                dashed,
            });
            s.text_block(
                (x + PAD, y + PAD + 1.0),
                &shown,
                TextFont::regular(small),
                col_w - 2.0 * PAD,
                Align::Start,
                Role::Text,
            );
            boxes.push((y, y + h));
            y += h + 10.0;
        }
        bottom = bottom.max(y);
        if narrow {
            top = y;
        }
        col_boxes.push(boxes);
    }
    if !narrow {
        brackets(s, &columns, &col_boxes, col_w, gap);
    }
    bottom + PAD
}

/// A bracket gathers each column of a pathway (together, these lead on), and an arrow
/// goes from it to every box of the next column; arrows into harms are dashed.
fn brackets(
    s: &mut Scene,
    columns: &[Column],
    col_boxes: &[Vec<(f64, f64)>],
    col_w: f64,
    gap: f64,
) {
    for ci in 0..columns.len() - 1 {
        let bracket_x = PAD + ci as f64 * (col_w + gap) + col_w + 12.0;
        let x1 = PAD + (ci + 1) as f64 * (col_w + gap) - 4.0;
        let from = &col_boxes[ci];
        let to = &col_boxes[ci + 1];
        let mid = |b: &(f64, f64)| (b.0 + b.1) / 2.0;
        let (first, last_box) = (
            from.first().map(mid).unwrap_or(0.0),
            from.last().map(mid).unwrap_or(0.0),
        );
        let (t_first, t_last) = (
            to.first().map(mid).unwrap_or(first),
            to.last().map(mid).unwrap_or(first),
        );
        let top = first.min(t_first);
        let bottom = last_box.max(t_last);
        for b in from {
            s.shapes.push(Shape::Line {
                points: vec![(bracket_x - 12.0, mid(b)), (bracket_x, mid(b))],
                stroke: Role::Line,
                width: 2.5,
                dashed: false,
            });
        }
        s.shapes.push(Shape::Line {
            points: vec![(bracket_x, top), (bracket_x, bottom)],
            stroke: Role::Line,
            width: 2.5,
            dashed: false,
        });
        let into_results = ci + 1 == columns.len() - 1;
        for (bi, b) in to.iter().enumerate() {
            let harm = into_results && columns[ci + 1].1.get(bi).and_then(|i| i.1) == Some(false);
            s.arrow(
                (bracket_x, mid(b)),
                (x1, mid(b)),
                if harm { Role::Harm } else { Role::Line },
                harm,
            );
        }
    }
}

fn step_list(s: &mut Scene, steps: &[Step], fit: Fit) -> f64 {
    let r = 18.0;
    let cx = PAD + r;
    let text_x = cx + r + 16.0;
    let text_w = s.width - text_x - PAD;
    let mut y = PAD;
    let mut centres = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let cy = y + r;
        centres.push(cy);
        s.shapes.push(Shape::Circle {
            cx,
            cy,
            r,
            fill: Role::Mark(0),
        });
        s.shapes.push(Shape::Text {
            x: cx,
            y: cy + 6.0,
            text: (i + 1).to_string(),
            size: TEXT,
            bold: true,
            align: Align::Middle,
            role: Role::Panel,
        });
        let mut h = s.text_block(
            (text_x, y + 2.0),
            &step.label,
            TextFont::bold(17.0),
            text_w,
            Align::Start,
            Role::Text,
        );
        if let Some(n) = step.note.as_ref().filter(|_| fit.notes()) {
            h += s.text_block(
                (text_x, y + 2.0 + h),
                n,
                TextFont::regular(fit.small()),
                text_w,
                Align::Start,
                Role::Muted,
            );
        }
        y += h.max(2.0 * r) + 22.0;
    }
    for w in centres.windows(2) {
        s.shapes.push(Shape::Line {
            points: vec![(cx, w[0] + r + 2.0), (cx, w[1] - r - 2.0)],
            stroke: Role::Line,
            width: 3.0,
            dashed: false,
        });
    }
    y - 22.0 + PAD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waffle_sentences() {
        assert_eq!(
            waffle_sentence(3.0, 10.0, "people", &Default::default()),
            "3 in 10 people"
        );
        assert_eq!(
            waffle_sentence(2.7, 10.0, "people", &Default::default()),
            "About 3 in 10 people"
        );
    }

    #[test]
    fn layouts_fit_the_width() {
        let steps = vec![Step {
            label: "A very long step label that needs wrapping onto more than one line".into(),
            count: Some(85.0),
            note: Some("n".into()),
            excluded: Some(("Left out".into(), Some(3.0))),
        }];
        let bodies = vec![
            Body::Bar(vec![
                (
                    "Psychological and cultural support and cultural safety".into(),
                    5.0,
                ),
                ("B".into(), 1.0),
            ]),
            Body::Grouped {
                groups: vec!["Before".into(), "After".into()],
                rows: vec![("A".into(), vec![1.0, 3.0])],
                diverging: true,
            },
            Body::Stacked(vec![("A".into(), 1.0), ("B".into(), 3.0)]),
            Body::Waffle {
                value: 3.0,
                total: 10.0,
                label: "people".into(),
            },
            Body::Flow(steps.clone()),
            Body::Pathway {
                contexts: vec!["Clear roles".into()],
                mechanisms: vec![],
                outcomes: vec![("Healthy".into(), true), ("Harm".into(), false)],
            },
            Body::Steps(steps),
        ];
        for body in bodies {
            let chart = Chart {
                id: None,
                kind: "bar",
                title: "T".into(),
                takeaway: "K".into(),
                description: None,
                source: None,
                unit: None,
                colors: vec![],
                example: false,
                body,
            };
            for fit in [Fit::Page, Fit::Narrow, Fit::Slide] {
                let s = layout(&chart, &Default::default(), fit);
                assert!(s.height > 20.0);
                let least = if fit == Fit::Slide { 16.0 } else { 14.0 };
                for shape in &s.shapes {
                    if let Shape::Rect { x, w, .. } | Shape::Frame { x, w, .. } = shape {
                        assert!(*x >= 0.0 && x + w <= fit.width() + 0.5, "{fit:?} {shape:?}");
                    }
                    if let Shape::Text {
                        size,
                        x,
                        text,
                        bold,
                        align,
                        ..
                    } = shape
                    {
                        assert!(*size >= least, "{fit:?}: text is at least {least} units");
                        let w = text_width(text, *size, *bold);
                        let (l, r) = match align {
                            Align::Start => (*x, x + w),
                            Align::Middle => (x - w / 2.0, x + w / 2.0),
                            Align::End => (x - w, *x),
                        };
                        assert!(
                            l >= -0.5 && r <= fit.width() + 0.5,
                            "{fit:?}: {text} fits ({l}..{r})"
                        );
                    }
                }
            }
        }
    }
}
