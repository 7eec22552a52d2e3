//! Chart layouts: each kind of chart as a [`Scene`] of boxes, bars, lines and wrapped
//! labels. Every value is written next to its mark, so colour is never the only way to
//! read a chart; harm paths are dashed and labelled, not only red.

use super::numbers::Numbers;
use super::scene::{text_width, Align, Role, Scene, Shape, TextFont};
use super::spec::{Body, Chart, Step};

/// Chart width in CSS pixels; text is 16 px at this size.
pub const WIDTH: f64 = 640.0;
const TEXT: f64 = 16.0;
const LINE: f64 = TEXT * 1.3;
const PAD: f64 = 12.0;

/// Lays out a chart.
pub fn layout(chart: &Chart, w: &crate::load::i18n::Strings) -> Scene {
    let mark = |i: usize| match chart.colors.get(i) {
        Some(&(r, g, b)) => Role::Custom(r, g, b),
        None => Role::Mark(i),
    };
    let mut s = Scene::new(WIDTH);
    let n = Numbers::of(w);
    let unit = chart.unit.as_deref();
    let h = match &chart.body {
        Body::Bar(points) => bars(&mut s, points, &|v| n.with_unit(v, unit), &mark),
        Body::Grouped {
            groups,
            rows,
            diverging,
        } => grouped(
            &mut s,
            groups,
            rows,
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
        ),
        Body::Stacked(points) => stacked(&mut s, points, n, &mark),
        Body::Waffle {
            value,
            total,
            label,
        } => waffle(&mut s, *value, *total, label, &mark, w),
        Body::Flow(steps) => flow(&mut s, steps, &|label, v| {
            format!("{label}{}{}", n.colon(), n.with_unit(v, unit))
        }),
        Body::Pathway {
            contexts,
            mechanisms,
            outcomes,
        } => pathway(&mut s, contexts, mechanisms, outcomes, w),
        Body::Steps(steps) => step_list(&mut s, steps),
    };
    s.height = h.ceil();
    s
}

fn bars(
    s: &mut Scene,
    points: &[(String, f64)],
    value: &dyn Fn(f64) -> String,
    mark: &dyn Fn(usize) -> Role,
) -> f64 {
    let label_w = 210.0;
    let value_w = points
        .iter()
        .map(|(_, v)| text_width(&value(*v), TEXT, true))
        .fold(0.0, f64::max)
        + PAD;
    let bar_x = label_w + PAD;
    let bar_max = (WIDTH - bar_x - value_w).max(80.0);
    let max = points.iter().map(|p| p.1).fold(0.0, f64::max).max(1e-9);
    let mut y = PAD;
    for (label, v) in points {
        let lines = super::scene::wrap(label, TEXT, false, label_w).len().max(1) as f64;
        let row_h = (lines * LINE).max(28.0);
        s.text_block(
            (label_w, y + (row_h - lines * LINE) / 2.0 - 3.0),
            label,
            TextFont::regular(TEXT),
            label_w,
            Align::End,
            Role::Text,
        );
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

fn grouped(
    s: &mut Scene,
    groups: &[String],
    rows: &[(String, Vec<f64>)],
    diverging: bool,
    value_label: &dyn Fn(usize, f64) -> String,
    mark: &dyn Fn(usize) -> Role,
) -> f64 {
    let label_w = 200.0;
    let mut y = PAD;
    // Legend: a swatch and each group's name (values are labelled too).
    let mut x = label_w + PAD;
    for (i, g) in groups.iter().enumerate() {
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
        x += 22.0 + text_width(g, TEXT, false) + 24.0;
    }
    y += 34.0;
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
    let axis_x = label_w + PAD + (WIDTH - label_w - PAD) / 2.0;
    for (label, values) in rows {
        let lines = super::scene::wrap(label, TEXT, false, label_w).len().max(1) as f64;
        let row_h = (values.len() as f64 * (bar_h + 6.0)).max(lines * LINE);
        s.text_block(
            (label_w, y),
            label,
            TextFont::bold(TEXT),
            label_w,
            Align::End,
            Role::Text,
        );
        for (gi, v) in values.iter().enumerate() {
            let by = y + gi as f64 * (bar_h + 6.0);
            if diverging {
                let half = (WIDTH - axis_x - label_room).max(40.0);
                let w = (half * v.abs() / max).max(2.0);
                let left = gi == 0;
                let x0 = if left { axis_x - w } else { axis_x };
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
                    (axis_x + w + 6.0, Align::Start)
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
            } else {
                let room = (WIDTH - label_w - PAD * 2.0 - label_room).max(60.0);
                let w = (room * v / max).max(2.0);
                s.shapes.push(Shape::Rect {
                    x: label_w + PAD,
                    y: by,
                    w,
                    h: bar_h,
                    fill: mark(gi),
                });
                s.shapes.push(Shape::Text {
                    x: label_w + PAD + w + 6.0,
                    y: by + 15.0,
                    text: value_label(gi, *v),
                    size: TEXT,
                    bold: false,
                    align: Align::Start,
                    role: Role::Text,
                });
            }
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
    let (x0, w_all, bar_h) = (PAD, WIDTH - 2.0 * PAD, 44.0);
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
            WIDTH - x0 - 40.0,
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
    let cell = 36.0;
    let r = 13.0;
    let sentence = waffle_sentence(value, total, label, w);
    let mut y = PAD;
    y += s.text_block(
        (PAD, y),
        &sentence,
        TextFont::bold(20.0),
        WIDTH - 2.0 * PAD,
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

fn flow(s: &mut Scene, steps: &[Step], labelled: &dyn Fn(&str, f64) -> String) -> f64 {
    let box_w = 330.0;
    let side_x = box_w + 80.0;
    let side_w = WIDTH - side_x - PAD;
    let mut y = PAD;
    let mut prev_bottom: Option<f64> = None;
    for step in steps {
        let mut text = step.label.clone();
        if let Some(c) = step.count {
            text = labelled(&text, c);
        }
        let lines = super::scene::wrap(&text, TEXT, true, box_w - 2.0 * PAD).len() as f64;
        let note_lines = step
            .note
            .as_ref()
            .map(|n| super::scene::wrap(n, 15.0, false, box_w - 2.0 * PAD).len() as f64)
            .unwrap_or(0.0);
        let h = lines * LINE + note_lines * 15.0 * 1.3 + 2.0 * PAD;
        if let Some(pb) = prev_bottom {
            s.arrow(
                (PAD + box_w / 2.0, pb),
                (PAD + box_w / 2.0, y),
                Role::Line,
                false,
            );
        }
        s.shapes.push(Shape::Rect {
            x: PAD,
            y,
            w: box_w,
            h,
            fill: Role::Panel,
        });
        s.shapes.push(Shape::Frame {
            x: PAD,
            y,
            w: box_w,
            h,
            stroke: Role::Line,
            dashed: false,
        });
        let th = s.text_block(
            (PAD * 2.0, y + PAD + 1.0),
            &text,
            TextFont::bold(TEXT),
            box_w - 2.0 * PAD,
            Align::Start,
            Role::Text,
        );
        if let Some(n) = &step.note {
            s.text_block(
                (PAD * 2.0, y + PAD + 1.0 + th),
                n,
                TextFont::regular(15.0),
                box_w - 2.0 * PAD,
                Align::Start,
                Role::Muted,
            );
        }
        if let Some((ex, count)) = &step.excluded {
            let ex_text = match count {
                Some(c) => labelled(ex, *c),
                None => ex.clone(),
            };
            let eh = super::scene::wrap(&ex_text, 15.0, false, side_w - 2.0 * PAD).len() as f64
                * 15.0
                * 1.3
                + 2.0 * PAD;
            let ey = y + (h - eh) / 2.0;
            s.arrow(
                (PAD + box_w, y + h / 2.0),
                (side_x, y + h / 2.0),
                Role::Line,
                true,
            );
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
                TextFont::regular(15.0),
                side_w - 2.0 * PAD,
                Align::Start,
                Role::Text,
            );
        }
        prev_bottom = Some(y + h);
        y += h + 40.0;
    }
    y - 40.0 + PAD
}

fn pathway(
    s: &mut Scene,
    contexts: &[String],
    mechanisms: &[String],
    outcomes: &[(String, bool)],
    w: &crate::load::i18n::Strings,
) -> f64 {
    // Each column: its heading, then its boxes (text, and benefit or harm for results).
    type Column<'a> = (&'a str, Vec<(String, Option<bool>)>);
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
    let gap = 44.0;
    let col_w = (WIDTH - 2.0 * PAD - gap * (columns.len() - 1) as f64) / columns.len() as f64;
    let mut bottom: f64 = 0.0;
    let mut col_boxes: Vec<Vec<(f64, f64)>> = Vec::new();
    for (ci, (heading, items)) in columns.iter().enumerate() {
        let x = PAD + ci as f64 * (col_w + gap);
        s.shapes.push(Shape::Text {
            x,
            y: PAD + 18.0,
            text: heading.to_string(),
            size: 18.0,
            bold: true,
            align: Align::Start,
            role: Role::Text,
        });
        let mut y = PAD + 34.0;
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
            let lines = super::scene::wrap(&shown, 15.0, false, col_w - 2.0 * PAD).len() as f64;
            let h = lines * 15.0 * 1.3 + 2.0 * PAD;
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
                TextFont::regular(15.0),
                col_w - 2.0 * PAD,
                Align::Start,
                Role::Text,
            );
            boxes.push((y, y + h));
            y += h + 10.0;
        }
        bottom = bottom.max(y);
        col_boxes.push(boxes);
    }
    // A bracket gathers each column (together, these lead on), and an arrow goes from it
    // to every box of the next column; arrows into harms are dashed.
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
    bottom + PAD
}

fn step_list(s: &mut Scene, steps: &[Step]) -> f64 {
    let r = 18.0;
    let cx = PAD + r;
    let text_x = cx + r + 16.0;
    let text_w = WIDTH - text_x - PAD;
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
        if let Some(n) = &step.note {
            h += s.text_block(
                (text_x, y + 2.0 + h),
                n,
                TextFont::regular(15.0),
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
            let s = layout(&chart, &Default::default());
            assert!(s.height > 20.0);
            for shape in &s.shapes {
                if let Shape::Rect { x, w, .. } = shape {
                    assert!(*x >= 0.0 && x + w <= WIDTH + 0.5, "{shape:?}");
                }
                if let Shape::Text { size, .. } = shape {
                    assert!(*size >= 14.0, "text is at least 14 px");
                }
            }
        }
    }
}
