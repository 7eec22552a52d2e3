//! The charts a page's front matter names, checked once the language's chart library
//! is read: `extra.charts` (a slide deck's chart slides) and `extra.chart` (a policy
//! brief's chart). A name the library does not have is reported at its place in the
//! page, with a did-you-mean, and taken out of the page: the page is then built without
//! that chart, where its template failed on it and the error pointed at the theme (and
//! every link to the page that was not built was reported broken).

use crate::charts::ChartLibrary;
use crate::load::discover::SourceFile;
use crate::model::Page;
use crate::text::diagnostics::{did_you_mean, Diagnostic, LineIndex};

/// Checks the charts each page names and takes out those that do not exist; returns a
/// problem for each.
pub fn check(pages: &mut [Page], charts: &ChartLibrary, sources: &[SourceFile]) -> Vec<Diagnostic> {
    let mut known: Vec<&str> = charts.ids().collect();
    known.sort_unstable();
    let mut problems = Vec::new();
    for page in pages {
        let Some(extra) = page.meta.extra.as_object_mut() else {
            continue;
        };
        let mut unknown = Vec::new();
        match extra.get_mut("charts") {
            Some(serde_json::Value::Array(ids)) => ids.retain(|id| match id.as_str() {
                Some(id) if known.contains(&id) => true,
                other => {
                    unknown.push(("charts", other.map(str::to_string)));
                    false
                }
            }),
            // One name, or anything else, where a list was meant.
            Some(_) => {
                extra.remove("charts");
                unknown.push(("charts", None));
            }
            None => {}
        }
        let chart = extra.get("chart");
        if chart.is_some_and(|id| !id.as_str().is_some_and(|id| known.contains(&id))) {
            let id = extra.remove("chart");
            unknown.push((
                "chart",
                id.as_ref().and_then(|i| i.as_str()).map(str::to_string),
            ));
        }
        let text = page
            .source
            .and_then(|i| sources.get(i))
            .map_or("", |s| &*s.text);
        for (key, id) in unknown {
            problems.push(unknown_chart(page, key, id.as_deref(), &known, text));
        }
    }
    problems
}

/// The problem of a chart name under `extra.<key>` that is not a chart: `id` is none
/// when the value is not a name at all (a number, a list).
fn unknown_chart(
    page: &Page,
    key: &str,
    id: Option<&str>,
    known: &[&str],
    text: &str,
) -> Diagnostic {
    let Some(id) = id else {
        let what = match key {
            "charts" => "a list of chart ids",
            _ => "the id of a chart",
        };
        return Diagnostic::error(format!("extra.{key} must be {what}"))
            .in_file(page.file.clone())
            .help(format!(
                "name charts from content/_data/charts.yaml, e.g. {key}: {}",
                example(key, known)
            ));
    };
    let d = Diagnostic::error(format!(
        "extra.{key} names the chart \"{id}\", which is not in content/_data/charts.yaml"
    ));
    // At the place that names it in the front matter, as the YAML parser read it.
    let place = page.meta.places.extra_charts.iter().find(|(c, _)| c == id);
    let d = match place {
        Some(&(_, offset)) => d.at_offset(&page.file, &LineIndex::new(text), text, offset),
        None => d.in_file(page.file.clone()),
    };
    match did_you_mean(id, known.iter().copied()) {
        Some(s) => d.help(format!("did you mean {s}?")),
        None if known.is_empty() => {
            d.help("the site has no charts yet: add one to content/_data/charts.yaml, or take this line out")
        }
        None => d.help(format!("charts there: {}", known.join(", "))),
    }
}

/// How a value of `extra.<key>` is written, with the first chart's id.
fn example(key: &str, known: &[&str]) -> String {
    let id = known.first().copied().unwrap_or("my-chart");
    match key {
        "charts" => format!("[{id}]"),
        _ => id.to_string(),
    }
}
