//! What makes a chart readable without seeing it: a `<title>` and a `<desc>` that says the
//! data in words, a data table one click away (present without JavaScript), the data as
//! CSV, and a figure caption with the takeaway.

use super::layout::waffle_sentence;
use super::numbers::Numbers;
use super::spec::{Body, Chart};
use crate::load::i18n::Strings;
use crate::text::escape::escape;

/// The data in words, for `<desc>` and for the alt text of the PNG.
// Long because says each chart kind's data in words, one arm of a match on Body per kind, so the compiler names a kind left out.
pub fn describe(chart: &Chart, w: &Strings) -> String {
    if let Some(d) = &chart.description {
        return d.clone();
    }
    let n = Numbers::of(w);
    let unit = |v: f64| n.with_unit(v, chart.unit.as_deref());
    // Punctuation is the language's too: "Quand : …" in French, "。" and "；" in Chinese.
    let (colon, semicolon, comma, stop) = (
        n.colon(),
        w.get("semicolon"),
        w.get("comma"),
        w.get("full_stop"),
    );
    let list = |items: Vec<String>| items.join(semicolon);
    let said = |kind: &str, what: String| format!("{kind} {what}{stop}");
    let text = match &chart.body {
        Body::Bar(points) => said(
            w.get("chart_bar"),
            list(
                points
                    .iter()
                    .map(|(l, v)| format!("{l}{colon}{}", unit(*v)))
                    .collect(),
            ),
        ),
        Body::Grouped { groups, rows, .. } => said(
            &w.fill(
                "chart_grouped",
                &[("groups", &groups.join(&format!(" {} ", w.get("chart_and"))))],
            ),
            list(
                rows.iter()
                    .map(|(l, vs)| {
                        format!(
                            "{l}{colon}{}",
                            vs.iter()
                                .zip(groups)
                                .map(|(v, g)| format!("{g} {}", unit(*v)))
                                .collect::<Vec<_>>()
                                .join(comma)
                        )
                    })
                    .collect(),
            ),
        ),
        Body::Stacked(points) => {
            let total: f64 = points.iter().map(|p| p.1).sum::<f64>().max(1e-9);
            said(
                w.get("chart_stacked"),
                list(
                    points
                        .iter()
                        .map(|(l, v)| format!("{l}{colon}{}", n.percent_of(*v, total)))
                        .collect(),
                ),
            )
        }
        Body::Waffle {
            value,
            total,
            label,
        } => said(
            w.get("chart_waffle"),
            waffle_sentence(*value, *total, label, w),
        ),
        Body::Flow(steps) => said(
            w.get("chart_flow"),
            list(
                steps
                    .iter()
                    .map(|s| {
                        let mut t = match s.count {
                            Some(c) => format!("{}{colon}{}", s.label, unit(c)),
                            None => s.label.clone(),
                        };
                        if let Some((e, c)) = &s.excluded {
                            t.push_str(&format!(
                                " ({}{colon}{e}{})",
                                w.get("chart_left_out"),
                                c.map(|c| format!("{comma}{}", unit(c))).unwrap_or_default()
                            ));
                        }
                        t
                    })
                    .collect(),
            ),
        ),
        Body::Pathway {
            contexts,
            mechanisms,
            outcomes,
        } => {
            let mut t = format!(
                "{} {}{colon}{}{stop}",
                w.get("chart_pathway"),
                w.get("chart_when"),
                contexts.join(semicolon)
            );
            if !mechanisms.is_empty() {
                t.push_str(&format!(
                    " {}{colon}{}{stop}",
                    w.get("chart_what_happens"),
                    mechanisms.join(semicolon)
                ));
            }
            let results = outcomes.iter().map(|(o, b)| {
                format!(
                    "{} ({})",
                    o,
                    w.get(if *b { "chart_benefit" } else { "chart_harm" })
                )
            });
            t.push_str(&format!(
                " {}{colon}{}{stop}",
                w.get("chart_results"),
                results.collect::<Vec<_>>().join(semicolon)
            ));
            t
        }
        Body::Steps(steps) => said(
            w.get("chart_steps"),
            list(
                steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{}. {}", i + 1, s.label))
                    .collect(),
            ),
        ),
    };
    // A label that ends its own sentence ("… 85 papers.") does not get a second stop.
    text.replace(&format!("{stop}{stop}"), stop)
}

/// The data as rows: a header row, then one row per item, numbers written as `n` says.
// Long because makes each chart kind's data table, one arm of a match on Body per kind, so the compiler names a kind left out.
pub fn rows(chart: &Chart, w: &Strings, n: Numbers) -> Vec<Vec<String>> {
    let number = |v: f64| n.number(v);
    let h = |key: &str| w.get(key).to_string();
    let unit_head = |h: &str| match &chart.unit {
        Some(u) => format!("{h} ({u})"),
        None => h.to_string(),
    };
    match &chart.body {
        Body::Bar(points) => std::iter::once(vec![h("col_item"), unit_head(w.get("col_value"))])
            .chain(points.iter().map(|(l, v)| vec![l.clone(), number(*v)]))
            .collect(),
        Body::Grouped { groups, rows, .. } => std::iter::once(
            std::iter::once(h("col_item"))
                .chain(groups.iter().map(|g| unit_head(g)))
                .collect(),
        )
        .chain(rows.iter().map(|(l, vs)| {
            std::iter::once(l.clone())
                .chain(vs.iter().map(|v| number(*v)))
                .collect()
        }))
        .collect(),
        Body::Stacked(points) => {
            let total: f64 = points.iter().map(|p| p.1).sum::<f64>().max(1e-9);
            std::iter::once(vec![
                h("col_share"),
                unit_head(w.get("col_value")),
                h("col_percent"),
            ])
            .chain(
                points
                    .iter()
                    .map(|(l, v)| vec![l.clone(), number(*v), n.percent_of(*v, total)]),
            )
            .collect()
        }
        Body::Waffle {
            value,
            total,
            label,
        } => vec![
            vec![h("col_group"), h("col_count"), h("col_out_of")],
            vec![label.clone(), number(*value), number(*total)],
        ],
        Body::Flow(steps) => std::iter::once(vec![
            h("col_step"),
            unit_head(w.get("col_count")),
            h("col_left_out"),
        ])
        .chain(steps.iter().map(|s| {
            vec![
                s.label.clone(),
                s.count.map(number).unwrap_or_default(),
                s.excluded
                    .as_ref()
                    .map(|(e, c)| {
                        format!(
                            "{e}{}",
                            c.map(|c| format!("{}{}", n.colon(), number(c)))
                                .unwrap_or_default()
                        )
                    })
                    .unwrap_or_default(),
            ]
        }))
        .collect(),
        Body::Pathway {
            contexts,
            mechanisms,
            outcomes,
        } => {
            let mut r = vec![vec![h("col_part"), h("col_text")]];
            r.extend(contexts.iter().map(|c| vec![h("chart_when"), c.clone()]));
            r.extend(
                mechanisms
                    .iter()
                    .map(|m| vec![h("chart_what_happens"), m.clone()]),
            );
            r.extend(outcomes.iter().map(|(o, b)| {
                vec![
                    h(if *b {
                        "chart_result_benefit"
                    } else {
                        "chart_result_harm"
                    }),
                    o.clone(),
                ]
            }));
            r
        }
        Body::Steps(steps) => {
            std::iter::once(vec![h("col_step"), h("chart_what_happens"), h("col_more")])
                .chain(steps.iter().enumerate().map(|(i, s)| {
                    vec![
                        (i + 1).to_string(),
                        s.label.clone(),
                        s.note.clone().unwrap_or_default(),
                    ]
                }))
                .collect()
        }
    }
}

/// The data as CSV (RFC 4180 quoting).
pub fn csv(chart: &Chart, w: &Strings) -> String {
    rows(chart, w, Numbers::plain())
        .iter()
        .map(|r| r.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(",") + "\r\n")
        .collect()
}

/// One CSV cell. Text that a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a `'` in front, as OWASP's
/// CSV-injection guidance says; plain numbers such as `-3` or `+4.5` stay numbers.
fn csv_cell(c: &str) -> String {
    let formula = c.starts_with(['=', '+', '-', '@', '\t', '\r']) && c.parse::<f64>().is_err();
    let c = if formula {
        format!("'{c}")
    } else {
        c.to_string()
    };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

/// Which picture of a chart an SVG is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SvgUse {
    /// In the page, on wide screens and paper.
    Wide,
    /// In the page, on narrow screens (the theme shows one of the two).
    Narrow,
    /// On a slide.
    Slide,
    /// The downloadable file, with its own colours.
    File,
}

/// Replaces plotters' root tag with an accessible, responsive one and adds the
/// `<title>` and `<desc>` the root points at.
pub fn finish_svg(svg: &str, id: &str, chart: &Chart, kind: SvgUse, w: &Strings) -> String {
    let standalone = kind == SvgUse::File;
    let (class, id) = match kind {
        SvgUse::Narrow => ("chart-svg chart-narrow", format!("{id}-narrow")),
        SvgUse::Wide => ("chart-svg chart-wide", id.to_string()),
        SvgUse::Slide | SvgUse::File => ("chart-svg", id.to_string()),
    };
    let body_start = svg.find('>').map(|i| i + 1).unwrap_or(0);
    let inner = svg[body_start..]
        .trim_start()
        .trim_end()
        .trim_end_matches("</svg>");
    let view_box = svg[..body_start]
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or("0 0 640 400");
    let xmlns = if standalone {
        " xmlns=\"http://www.w3.org/2000/svg\""
    } else {
        ""
    };
    let style = if standalone {
        standalone_style()
    } else {
        String::new()
    };
    format!(
        "<svg{xmlns} class=\"{class}\" viewBox=\"{view_box}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{family}\">\
<title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>{style}{inner}</svg>",
        family = escape(super::scene::FAMILY),
        title = escape(&chart.title),
        desc = escape(&describe(chart, w)),
    )
}

/// The light-mode colours written into a standalone SVG file (no page CSS there).
fn standalone_style() -> String {
    let marks: String = super::palette::LIGHT
        .iter()
        .enumerate()
        .map(|(i, (r, g, b))| {
            format!(".c{i}{{fill:#{r:02x}{g:02x}{b:02x}}}.c{i}s{{stroke:#{r:02x}{g:02x}{b:02x}}}")
        })
        .collect();
    format!("<style>.ct{{fill:#1b1b1b}}.cm{{fill:#474747}}.cb{{fill:#1d6b3a}}.ch{{fill:#a11d2b}}.cl{{fill:#474747}}.cp{{fill:#f1f1ee}}.cts{{stroke:#1b1b1b}}.cls{{stroke:#474747}}.cbs{{stroke:#1d6b3a}}.chs{{stroke:#a11d2b}}.cps{{stroke:#f1f1ee}}{marks}</style>")
}

/// The figure a page shows: caption with the takeaway, the chart (scrolling sideways on
/// small screens so its text stays large), the data table and the downloads.
pub fn figure(chart: &Chart, id: &str, svg: &str, files_path: &str, w: &Strings) -> String {
    let data = rows(chart, w, Numbers::of(w));
    let mut table = format!(
        "<table><caption>{}</caption><thead><tr>",
        escape(&w.fill("chart_table_caption", &[("title", &chart.title)]))
    );
    for h in &data[0] {
        table.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    table.push_str("</tr></thead><tbody>");
    for row in &data[1..] {
        table.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if i == 0 {
                table.push_str(&format!("<th scope=\"row\">{}</th>", escape(c)));
            } else {
                table.push_str(&format!("<td>{}</td>", escape(c)));
            }
        }
        table.push_str("</tr>");
    }
    table.push_str("</tbody></table>");
    let example = if chart.example {
        format!(
            "<p class=\"chart-example\"><strong>{}</strong> {}</p>",
            escape(w.get("chart_example_title")),
            escape(w.get("chart_example_text"))
        )
    } else {
        String::new()
    };
    let source = chart
        .source
        .as_ref()
        .map(|s| {
            format!(
                "<p class=\"chart-source\">{} {}</p>",
                escape(w.get("chart_source")),
                escape(s)
            )
        })
        .unwrap_or_default();
    let t = escape(&chart.title);
    let of = escape(&w.fill("chart_of", &[("title", &chart.title)]));
    let word = |key: &str| escape(w.get(key));
    format!(
        "<figure class=\"chart\" id=\"{id}\">\n<figcaption><span class=\"chart-title\">{t}</span> <span class=\"chart-takeaway\">{takeaway}</span></figcaption>\n{example}\
<div class=\"chart-frame\" role=\"group\" aria-label=\"{label}\" tabindex=\"0\">{svg}</div>\n{source}\
<details class=\"chart-data\"><summary>{show}<span class=\"visually-hidden\"> {of}</span></summary>{table}</details>\n\
<p class=\"chart-downloads\">{download}{colon}<a href=\"{files_path}{id}.csv\" download>{data_file}<span class=\"visually-hidden\"> {of}</span> (CSV)</a>, \
<a href=\"{files_path}{id}.png\" download>{picture}<span class=\"visually-hidden\"> {of}</span> (PNG)</a>, \
<a href=\"{files_path}{id}-slide.png\" download>{slide_picture}<span class=\"visually-hidden\"> {of}</span> (PNG, 1920 × 1080)</a>, \
<a href=\"{files_path}{id}.svg\" download>{picture}<span class=\"visually-hidden\"> {of}</span> (SVG)</a>, \
<a href=\"{files_path}{id}.txt\" download>{text}<span class=\"visually-hidden\"> {of}</span></a></p>\n</figure>\n",
        takeaway = escape(&chart.takeaway),
        label = escape(&w.fill("chart_label", &[("title", &chart.title)])),
        show = word("chart_data"),
        download = word("chart_download"),
        colon = word("colon"),
        data_file = word("chart_data_file"),
        picture = word("chart_picture"),
        slide_picture = word("chart_slide_picture"),
        text = word("chart_text"),
    )
}

/// The [`figure`] `html` of a chart whose title another chart on the page has: what
/// its controls are called for a screen reader (\"Data (CSV) of “Title”\") gets the
/// chart's number on the page (\"of “Title” (2)\"), so that no two of the page's links
/// read the same and go to different files.
pub fn tell_apart(html: &str, title: &str, n: usize, w: &Strings) -> String {
    let of = escape(&w.fill("chart_of", &[("title", title)]));
    html.replace(
        &format!("<span class=\"visually-hidden\"> {of}</span>"),
        &format!("<span class=\"visually-hidden\"> {of} ({n})</span>"),
    )
}

#[cfg(test)]
mod csv_tests {
    use super::csv_cell;

    #[test]
    fn csv_cells_that_spreadsheets_would_run_as_formulas_are_quoted_as_text() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("+cmd"), "'+cmd");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("-3"), "-3");
        assert_eq!(csv_cell("+4.5"), "+4.5");
        assert_eq!(csv_cell("Plain, text"), "\"Plain, text\"");
    }
}
