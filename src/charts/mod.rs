//! Stage 5b, charts: infographics drawn at build time from YAML, accessible without the
//! author doing anything extra. A chart is written in a page as a ```` ```chart ````
//! block, or kept in `content/_data/charts.yaml` and placed with `use: ID`.
//!
//! - [`spec`] validates what the author wrote;
//! - [`layout`] places every bar, box, arrow and label (with the font's own metrics);
//! - [`scene`] paints it with plotters, as SVG for the page and PNG for documents;
//! - [`accessible`] adds the title, the description in words, the data table and CSV;
//! - [`palette`] keeps colours colour-blind safe and above 3:1 in light and dark mode.

pub mod accessible;
pub mod fonts;
pub mod layout;
pub mod numbers;
pub mod palette;
pub mod scene;
pub mod spec;

use std::collections::HashMap;

use crate::load::discover::SourceFile;
use crate::text::diagnostics::Diagnostic;
use spec::{Chart, Parsed, Place};

/// A chart ready to write: the page shows `html`; the build writes the files.
#[derive(Debug, Clone)]
pub struct ChartOutput {
    pub id: String,
    pub scene: scene::Scene,
    /// The SVG file (with its own colours, for use outside the site).
    pub svg_file: String,
    pub csv: String,
    /// The text alternative, written beside the pictures.
    pub alt: String,
    /// Where the chart was written, for error messages.
    pub place: String,
    /// The output folder of its files: `charts`, or `fr/charts` for a translation.
    pub folder: String,
}

/// The charts kept in `content/_data/charts.yaml`, by id.
#[derive(Default)]
pub struct ChartLibrary {
    charts: HashMap<String, Chart>,
}

impl ChartLibrary {
    /// The ids of the library's charts.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.charts.keys().map(String::as_str)
    }

    /// The title of a library chart.
    pub fn title_of(&self, id: &str) -> Option<&str> {
        self.charts.get(id).map(|c| c.title.as_str())
    }

    /// Reads `content/_data/charts.yaml`: a list of chart specs, each with an `id`.
    pub fn load(file: Option<&SourceFile>) -> (ChartLibrary, Vec<Diagnostic>) {
        let mut lib = ChartLibrary::default();
        let mut problems = Vec::new();
        let Some(file) = file else {
            return (lib, problems);
        };
        if let Some(d) = crate::load::data::not_a_list(file) {
            problems.push(d);
            return (lib, problems);
        }
        let shown = file.display();
        let entries = list_entries(&file.text);
        // A list written another way (indented, or in brackets) would be skipped.
        let parsed = serde_saphyr::from_str::<Vec<serde::de::IgnoredAny>>(&file.text)
            .map_or(entries.len(), |v| v.len());
        if parsed > entries.len() {
            problems.push(
                Diagnostic::error(format!("charts.yaml holds {parsed} charts, but only {} start with a dash at the start of a line", entries.len()))
                    .in_file(shown.clone())
                    .help("write each chart as a block: a line starting with - id: at the start of the line, then its keys indented by two spaces"),
            );
        }
        for (line_offset, yaml) in entries {
            let place = Place {
                file: &shown,
                text: &file.text,
                line_offset,
                column_offset: 2,
            };
            match spec::parse(&yaml, &place) {
                Ok(Parsed::Chart(c)) => match c.id.clone() {
                    Some(id) if lib.charts.contains_key(&id) => problems.push(Diagnostic::error(format!("two charts have the id \"{id}\"")).at(&shown, &file.text, line_offset + 1, 1).help("give each chart its own id")),
                    Some(id) => {
                        lib.charts.insert(id, *c);
                    }
                    None => problems.push(Diagnostic::error("this chart has no id").at(&shown, &file.text, line_offset + 1, 1).help("add id: with a short name, then place the chart in a page with a chart block holding use: NAME")),
                },
                Ok(Parsed::Use(_)) => problems.push(Diagnostic::error("a chart in charts.yaml cannot use another chart").at(&shown, &file.text, line_offset + 1, 1)),
                Err(mut ds) => problems.append(&mut ds),
            }
        }
        (lib, problems)
    }

    /// Draws every chart of the library, for templates (`chart(id=...)`): the figure HTML
    /// by id, and the files to write.
    pub fn render_all(
        &self,
        files_path: &str,
        words: &crate::load::i18n::Strings,
    ) -> (HashMap<String, String>, Vec<ChartOutput>) {
        let mut ids: Vec<&String> = self.charts.keys().collect();
        ids.sort();
        let mut html = HashMap::new();
        let mut outputs = Vec::new();
        for id in ids {
            let chart = &self.charts[id];
            let slug = crate::text::slug::slugify(id);
            if let Ok((h, out)) =
                render(chart, &slug, files_path, "content/_data/charts.yaml", words)
            {
                html.insert(id.clone(), h);
                outputs.push(out);
            }
        }
        (html, outputs)
    }

    /// Renders a chart block of a page. `default_id` names it when the spec does not.
    pub fn render_block(
        &self,
        yaml: &str,
        place: &Place,
        default_id: &str,
        files_path: &str,
        words: &crate::load::i18n::Strings,
    ) -> Result<(String, ChartOutput), Vec<Diagnostic>> {
        let chart = match spec::parse(yaml, place)? {
            Parsed::Chart(c) => *c,
            Parsed::Use(id) => match self.charts.get(&id) {
                Some(c) => c.clone(),
                None => {
                    let mut d = Diagnostic::error(format!(
                        "there is no chart \"{id}\" in content/_data/charts.yaml"
                    ));
                    if let Some(s) = crate::text::diagnostics::did_you_mean(
                        &id,
                        self.charts.keys().map(String::as_str),
                    ) {
                        d = d.help(format!("did you mean use: {s}?"));
                    }
                    return Err(vec![d.at(place.file, place.text, place.line_offset + 1, 1)]);
                }
            },
        };
        let id = chart
            .id
            .clone()
            .map(|i| crate::text::slug::slugify(&i))
            .unwrap_or_else(|| default_id.to_string());
        render(&chart, &id, files_path, place.file, words).map_err(|e| {
            vec![
                Diagnostic::error(format!("could not draw the chart \"{}\": {e}", chart.title)).at(
                    place.file,
                    place.text,
                    place.line_offset.max(1),
                    1,
                ),
            ]
        })
    }
}

/// Lays out and draws a chart: the page's HTML and the files to write.
pub fn render(
    chart: &Chart,
    id: &str,
    files_path: &str,
    place: &str,
    w: &crate::load::i18n::Strings,
) -> Result<(String, ChartOutput), String> {
    let scene = layout::layout(chart, w);
    let raw = scene::to_svg(&scene)?;
    let inline = accessible::finish_svg(&raw, id, chart, false, w);
    let html = accessible::figure(chart, id, &inline, files_path, w);
    let out = ChartOutput {
        id: id.to_string(),
        svg_file: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
            accessible::finish_svg(&raw, id, chart, true, w)
        ),
        csv: accessible::csv(chart, w),
        alt: format!(
            "{}\n\n{}\n\n{}\n",
            chart.title,
            chart.takeaway,
            accessible::describe(chart, w)
        ),
        scene,
        place: place.to_string(),
        folder: "charts".to_string(),
    };
    Ok((html, out))
}

/// Splits a YAML list into its entries: (lines before the entry, the entry's YAML with
/// the `- ` and its indentation removed).
fn list_entries(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("- ") {
            out.push((i, format!("{rest}\n")));
        } else if let Some((_, entry)) = out.last_mut() {
            entry.push_str(line.strip_prefix("  ").unwrap_or(line.trim_start()));
            entry.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    #[test]
    fn library_entries_and_use() {
        let file = SourceFile::new("_data/charts.yaml", SourceKind::Data, "# charts\n- id: steps\n  kind: steps\n  title: Five steps\n  takeaway: The review had five steps.\n  steps:\n    - label: Decide the scope\n    - label: Search\n- id: bad\n  kind: bar\n  title: T\n  takeaway: K\n  data:\n    - label: A\n      value: -3\n");
        let (lib, problems) = ChartLibrary::load(Some(&file));
        assert_eq!(problems.len(), 1, "{problems:?}");
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!(
            (loc.line, loc.column),
            (14, 7),
            "the error is placed in the data file: {problems:?}"
        );
        let page = "---\ntitle: p\n---\n```chart\nuse: steps\n```\n";
        let place = Place {
            file: "content/p.md",
            text: page,
            line_offset: 4,
            column_offset: 0,
        };
        let (html, out) = lib
            .render_block(
                "use: steps\n",
                &place,
                "p-1",
                "/charts/",
                &Default::default(),
            )
            .unwrap();
        assert!(html.contains("<figure class=\"chart\" id=\"steps\">"));
        assert!(html.contains("aria-labelledby=\"steps-title steps-desc\""));
        assert!(
            html.contains(
                "<desc id=\"steps-desc\">Steps in order. 1. Decide the scope; 2. Search.</desc>"
            ),
            "{html}"
        );
        assert!(out.svg_file.starts_with("<?xml"));
        assert!(out
            .csv
            .starts_with("Step,What happens,More\r\n1,Decide the scope,"));
        let err = lib
            .render_block(
                "use: step\n",
                &place,
                "p-1",
                "/charts/",
                &Default::default(),
            )
            .unwrap_err();
        assert!(err[0].help.as_deref().unwrap().contains("use: steps"));
    }

    #[test]
    fn the_same_chart_draws_the_same_bytes() {
        let yaml = "kind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: 3\n  - label: B\n    value: 5\n";
        let place = Place {
            file: "f",
            text: yaml,
            line_offset: 0,
            column_offset: 0,
        };
        let lib = ChartLibrary::default();
        let a = lib
            .render_block(yaml, &place, "x", "/charts/", &Default::default())
            .unwrap();
        let b = lib
            .render_block(yaml, &place, "x", "/charts/", &Default::default())
            .unwrap();
        assert_eq!(a.0, b.0);
        assert_eq!(a.1.svg_file, b.1.svg_file);
    }
}
