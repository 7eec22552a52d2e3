//! Stage 3, charts: infographics drawn at build time from YAML, accessible without the
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
use crate::text::diagnostics::{Diagnostic, Src};
use spec::{Chart, Parsed, Place};

/// A chart ready to write: the page shows `html`; the build writes the files.
#[derive(Debug, Clone)]
pub struct ChartOutput {
    pub id: String,
    pub scene: scene::Scene,
    /// The projection layout, drawn as the slide-sized PNG.
    pub slide_scene: scene::Scene,
    /// The title and takeaway, printed above the chart in its PNGs.
    pub title: String,
    pub takeaway: String,
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

/// A library chart's figure HTML: for pages, and for slides (projection layout).
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub page: String,
    pub slide: String,
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

    /// The takeaway of a library chart.
    pub fn takeaway_of(&self, id: &str) -> Option<&str> {
        self.charts.get(id).map(|c| c.takeaway.as_str())
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
        let entries = match parsed_entries(&shown, &file.text) {
            Ok(entries) => entries,
            Err(d) => {
                problems.push(d);
                return (lib, problems);
            }
        };
        for (line_offset, yaml) in entries {
            let place = Place {
                file: &shown,
                text: &file.text,
                line_offset,
                column_offset: 0,
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
    ) -> (HashMap<String, Figures>, Vec<ChartOutput>) {
        let mut ids: Vec<&String> = self.charts.keys().collect();
        ids.sort();
        let mut html = HashMap::new();
        let mut outputs = Vec::new();
        for id in ids {
            let chart = &self.charts[id];
            let slug = crate::text::slug::slugify(id);
            if let Ok((page, out)) =
                render(chart, &slug, files_path, "content/_data/charts.yaml", words)
            {
                let slide = slide_figure(chart, &slug, &out.slide_scene, files_path, words);
                html.insert(id.clone(), Figures { page, slide });
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
    let scene = layout::layout(chart, w, layout::Fit::Page);
    let raw = scene::to_svg(&scene)?;
    // Two pictures, one shown at a time by the theme's CSS: wide, and stacked for phones.
    let narrow = scene::to_svg(&layout::layout(chart, w, layout::Fit::Narrow))?;
    let inline = accessible::finish_svg(&raw, id, chart, accessible::SvgUse::Wide, w)
        + &accessible::finish_svg(&narrow, id, chart, accessible::SvgUse::Narrow, w);
    let html = accessible::figure(chart, id, &inline, files_path, w);
    let out = ChartOutput {
        id: id.to_string(),
        slide_scene: layout::layout(chart, w, layout::Fit::Slide),
        title: chart.title.clone(),
        takeaway: chart.takeaway.clone(),
        svg_file: format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
            accessible::finish_svg(&raw, id, chart, accessible::SvgUse::File, w)
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

/// A chart's figure for a slide: the projection layout, whose text is at least 28 px
/// on a 1920 x 1080 screen (the slide's heading is the takeaway; see `slides.css`).
fn slide_figure(
    chart: &Chart,
    id: &str,
    scene: &scene::Scene,
    files_path: &str,
    w: &crate::load::i18n::Strings,
) -> String {
    let svg = scene::to_svg(scene)
        .map(|raw| accessible::finish_svg(&raw, id, chart, accessible::SvgUse::Slide, w))
        .unwrap_or_default();
    accessible::figure(chart, id, &svg, files_path, w)
}

/// What a piece of a chart's text is, for the checks on its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordRole {
    /// The chart's title.
    Title,
    /// A sentence: the takeaway, the description, a note.
    Sentence,
    /// A label: a bar, a step, a group, a box of a pathway.
    Label,
}

/// The words of one chart a reader sees, read leniently (the spec's own checks report
/// what is malformed), each with its place from the YAML parser.
#[derive(Debug, Default, serde::Deserialize)]
struct RawWords {
    #[serde(default)]
    title: Option<Src<String>>,
    #[serde(default)]
    takeaway: Option<Src<String>>,
    #[serde(default)]
    description: Option<Src<String>>,
    #[serde(default)]
    label: Option<Src<String>>,
    /// What the values count ("people"): shown after every number.
    #[serde(default)]
    unit: Option<Src<String>>,
    #[serde(default)]
    groups: Vec<Src<String>>,
    #[serde(default)]
    contexts: Vec<Src<String>>,
    #[serde(default)]
    mechanisms: Vec<Src<String>>,
    #[serde(default)]
    data: Vec<RawItemWords>,
    #[serde(default)]
    steps: Vec<RawItemWords>,
    #[serde(default)]
    outcomes: Vec<RawItemWords>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct RawItemWords {
    #[serde(default)]
    label: Option<Src<String>>,
    #[serde(default)]
    text: Option<Src<String>>,
    #[serde(default)]
    note: Option<Src<String>>,
    #[serde(default)]
    excluded: Option<Src<String>>,
}

/// Every word a reader sees in the charts of `charts.yaml` (titles, takeaways,
/// descriptions, labels and units), in file order, with its place. Empty when the file cannot
/// be read (its problems are reported by [`ChartLibrary::load`]).
pub fn library_words(text: &str) -> Vec<(WordRole, Src<String>)> {
    let Ok(charts) = serde_saphyr::from_str::<Vec<RawWords>>(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for c in charts {
        words_of(c, &mut out);
    }
    out
}

/// Every word a reader sees in one chart block of a page, with its place in the block's
/// text. Empty for a block that cannot be read (the spec's checks report it).
pub fn block_words(text: &str) -> Vec<(WordRole, Src<String>)> {
    let mut out = Vec::new();
    if let Ok(chart) = serde_saphyr::from_str::<RawWords>(text) {
        words_of(chart, &mut out);
    }
    out
}

/// The words of one chart, in the order they are written.
fn words_of(c: RawWords, out: &mut Vec<(WordRole, Src<String>)>) {
    out.extend(c.title.map(|t| (WordRole::Title, t)));
    for t in [c.takeaway, c.description].into_iter().flatten() {
        out.push((WordRole::Sentence, t));
    }
    let labels = c
        .label
        .into_iter()
        .chain(c.unit)
        .chain(c.groups)
        .chain(c.contexts)
        .chain(c.mechanisms);
    out.extend(labels.map(|l| (WordRole::Label, l)));
    for item in c.data.into_iter().chain(c.steps).chain(c.outcomes) {
        for l in [item.label, item.text, item.excluded].into_iter().flatten() {
            out.push((WordRole::Label, l));
        }
        out.extend(item.note.map(|n| (WordRole::Sentence, n)));
    }
}

const BLOCKS: &str = "write each chart as a block: a line starting with - id: at the start of the line, then its keys indented by two spaces";

/// Splits a YAML list into its entries, at the lines where the YAML parser says each
/// entry starts: (lines of the file before the entry, the entry's own YAML). The dash
/// that opens an entry becomes a space, so every line and column of the entry's YAML is
/// the line (after the offset) and column it has in the file.
fn parsed_entries(file: &str, text: &str) -> Result<Vec<(usize, String)>, Diagnostic> {
    let starts: Vec<(usize, usize)> =
        serde_saphyr::from_str::<Vec<serde_saphyr::Spanned<serde::de::IgnoredAny>>>(text)
            .map_err(|e| crate::text::yaml_error::yaml_error(file, text, 0, &e, &[]))?
            .iter()
            .map(|e| (e.referenced.line() as usize, e.referenced.column() as usize))
            .collect();
    let index = crate::text::diagnostics::LineIndex::new(text);
    let line_start = |line: usize| index.line_start(line).unwrap_or(text.len());
    let mut out = Vec::new();
    for (i, &(line, column)) in starts.iter().enumerate() {
        let end = match starts.get(i + 1) {
            Some(&(next, _)) if next == line => {
                return Err(Diagnostic::error(format!(
                    "charts.yaml holds {} charts, but some share a line",
                    starts.len()
                ))
                .at(file, text, line, column)
                .help(BLOCKS));
            }
            Some(&(next, _)) => line_start(next),
            None => text.len(),
        };
        let start = line_start(line);
        let entry = text.get(start..end).unwrap_or("");
        let lead = entry
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(entry.len(), |(b, _)| b);
        let (before, rest) = entry.split_at(lead);
        if before
            .trim_start_matches([' ', '\t', '-'])
            .contains(|c: char| !c.is_whitespace())
        {
            return Err(Diagnostic::error(
                "charts.yaml must be a list of charts written as blocks",
            )
            .at(file, text, line, 1)
            .help(BLOCKS));
        }
        out.push((line - 1, format!("{}{rest}", " ".repeat(before.len()))));
    }
    Ok(out)
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
            (15, 14),
            "the error is placed at the value in the data file: {problems:?}"
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
