//! The author report (`plainsite check --report FILE`): every page with its reading
//! grade, word count, hardest sentences, jargon and problems, worst first, as one
//! accessible HTML page made with the theme's `report.html` template. It is for the
//! authors and is never part of the built site.

use serde::Serialize;

use super::prose::{ProseReport, Sentence};
use crate::text::escape::escape;

/// One page in the report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportRow {
    pub title: String,
    pub url: String,
    pub file: String,
    /// Flesch-Kincaid grade, when measured.
    pub grade: Option<f64>,
    pub grade_text: String,
    pub target: f64,
    pub over_target: bool,
    pub reading_ease: Option<f64>,
    pub language: String,
    pub words: usize,
    pub sentences: usize,
    pub measures: super::measures::Measures,
    pub long_sentences: usize,
    pub jargon: Vec<String>,
    pub hardest: Vec<Sentence>,
    /// Reading grade of each section of a long page.
    pub sections: Vec<super::prose::SectionGrade>,
    /// Problems found on the page, by rule.
    pub problems: Vec<(String, usize)>,
}

impl ReportRow {
    pub fn new(
        title: &str,
        url: &str,
        file: &str,
        prose: &ProseReport,
        problems: Vec<(String, usize)>,
    ) -> ReportRow {
        use super::measures::{Lang, Measure};
        let grade = prose.scores.map(|s| s.flesch_kincaid_grade);
        // The page's own headline measure: a grade in English, reading ease in French.
        let headline = Measure::headline(Lang::of(&prose.language))
            .and_then(|m| prose.measures.get(&m).map(|&v| (m, v)));
        ReportRow {
            title: title.to_string(),
            url: url.to_string(),
            file: file.to_string(),
            grade,
            grade_text: match (grade, headline) {
                (Some(g), _) => format!("{g:.1}"),
                (None, Some((m, v))) => format!("{v:.1} ({})", m.label()),
                (None, None) => "not measured".into(),
            },
            target: prose.target,
            over_target: match (grade, headline) {
                (Some(g), _) => g > prose.target,
                (None, Some((m, v))) => m.misses(v, prose.target),
                (None, None) => false,
            },
            reading_ease: prose
                .scores
                .map(|s| (s.flesch_reading_ease * 10.0).round() / 10.0),
            language: prose.language.clone(),
            words: prose.words,
            sentences: prose.sentences,
            measures: prose.measures.clone(),
            long_sentences: prose.long_sentences,
            jargon: prose.jargon.clone(),
            hardest: prose.hardest.iter().take(3).cloned().collect(),
            sections: prose.sections.clone(),
            problems,
        }
    }
}

/// One page's figures and problems, for the author view of the dev server.
#[derive(Debug, Clone, Serialize)]
pub struct PageProblems {
    pub title: String,
    /// The page's address on the site (with the base path).
    pub url: String,
    /// The page's own file, whose problems can be marked on its rendered words.
    pub file: String,
    pub figures: Option<ReportRow>,
    pub problems: Vec<crate::text::diagnostics::Diagnostic>,
    /// The data files the page's language reads, as (name without the language,
    /// `_data/glossary.yaml`; the file as shown, `content/_data/glossary.fr.yaml`).
    #[serde(skip)]
    pub data_files: std::sync::Arc<Vec<(String, String)>>,
    /// The lists of data entries the page shows, to which the author view adds.
    pub lists: Vec<DataList>,
}

/// A list of data entries a page shows: the kind of entry, and the address under which
/// a new entry's own page will be (findings and recommendations have pages).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataList {
    pub kind: crate::model::EntryKind,
    pub pages: Option<String>,
}

impl PageProblems {
    pub fn new(
        page: &crate::model::Page,
        url: &str,
        prose: Option<&ProseReport>,
        problems: &[crate::text::diagnostics::Diagnostic],
    ) -> PageProblems {
        PageProblems {
            title: page.meta.title.clone(),
            url: url.to_string(),
            file: page.file.clone(),
            figures: prose
                .map(|p| ReportRow::new(&page.meta.title, url, &page.file, p, Vec::new())),
            problems: problems.to_vec(),
            data_files: Default::default(),
            lists: Vec::new(),
        }
    }
}

/// One page of the JSON author report (`check --report FILE.json`).
#[derive(Debug, Serialize)]
pub struct PageFigures<'a> {
    pub file: &'a str,
    pub url: &'a str,
    pub language: &'a str,
    pub words: usize,
    pub sentences: usize,
    pub measures: &'a super::measures::Measures,
}

/// The last line of the HTML report: a later report may replace a file that ends with
/// it, and no other (the write stage's `write_over_own`).
pub const HTML_MARK: &str = "<!-- plainsite author report -->\n";

/// Whether `bytes` are a JSON report (a list of pages' figures, as [`json`] writes it).
pub fn is_json(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Figures {
        file: String,
        url: String,
        language: String,
        words: serde_json::Value,
        sentences: serde_json::Value,
        measures: serde_json::Value,
    }
    serde_json::from_slice::<Vec<Figures>>(bytes).is_ok_and(|pages| !pages.is_empty())
}

/// Whether `bytes` are an HTML report: one that ends with [`HTML_MARK`], or one an
/// earlier plainsite wrote before it had the mark (its table's caption has this id).
pub fn is_html(bytes: &[u8]) -> bool {
    let earlier = memchr::memmem::find(bytes, b"<caption id=\"ps-report-caption\">").is_some()
        && memchr::memmem::find(bytes, b"{{").is_none();
    // (A theme's report template has the caption too, with its `{{ }}`: never replaced.)
    bytes.ends_with(HTML_MARK.as_bytes()) || earlier
}

/// The JSON author report: every page's counts and measures, one object a page.
pub fn json(rows: &[ReportRow]) -> Vec<u8> {
    let pages: Vec<PageFigures> = rows
        .iter()
        .map(|r| PageFigures {
            file: &r.file,
            url: &r.url,
            language: &r.language,
            words: r.words,
            sentences: r.sentences,
            measures: &r.measures,
        })
        .collect();
    // Plain structs with string keys: serializing cannot fail.
    serde_json::to_vec_pretty(&pages).unwrap_or_else(|_| b"[]".to_vec())
}

/// Sorts rows worst first: most over the target, then most problems.
pub fn sort_worst_first(rows: &mut [ReportRow]) {
    rows.sort_by(|a, b| {
        let over = |r: &ReportRow| r.grade.map(|g| g - r.target).unwrap_or(f64::MIN);
        over(b)
            .total_cmp(&over(a))
            .then_with(|| {
                b.problems
                    .iter()
                    .map(|p| p.1)
                    .sum::<usize>()
                    .cmp(&a.problems.iter().map(|p| p.1).sum())
            })
            .then_with(|| a.url.cmp(&b.url))
    });
}

/// An accessible bar chart of the reading grade of each measured page, with the target
/// marked. Its data is the report's table, right below it.
pub fn grade_chart(rows: &[ReportRow]) -> String {
    let measured: Vec<&ReportRow> = rows.iter().filter(|r| r.grade.is_some()).collect();
    if measured.is_empty() {
        return String::new();
    }
    let (label_w, bar_w, row_h) = (330.0, 420.0, 30.0);
    let max = measured
        .iter()
        .filter_map(|r| r.grade)
        .fold(measured[0].target, f64::max)
        .max(1.0)
        .ceil()
        + 1.0;
    let height = 40.0 + row_h * measured.len() as f64;
    let x = |g: f64| label_w + bar_w * (g.max(0.0) / max);
    let mut svg = format!(
        "<svg class=\"report-chart\" role=\"img\" aria-labelledby=\"grade-chart-title grade-chart-desc\" viewBox=\"0 0 {w} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"grade-chart-title\">Reading grade of each page</title>\
<desc id=\"grade-chart-desc\">Bar chart. {desc}. The dashed line is the target, grade {t}.</desc>",
        w = label_w + bar_w + 60.0,
        desc = measured.iter().map(|r| format!("{}: grade {}", escape(&r.title), r.grade_text)).collect::<Vec<_>>().join("; "),
        t = measured[0].target
    );
    // The target line is drawn first, so each value is written over it, on a halo.
    let tx = x(measured[0].target);
    svg.push_str(&format!(
        "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"14\" y2=\"{:.1}\" class=\"target\"/>",
        height - 6.0
    ));
    for (i, r) in measured.iter().enumerate() {
        let y = 20.0 + row_h * i as f64;
        let g = r.grade.unwrap_or(0.0);
        let title = crate::text::spaces::shorten(&r.title, 40);
        let class = if r.over_target { "bar over" } else { "bar" };
        svg.push_str(&format!(
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" class=\"label\">{title}</text><rect x=\"{label_w}\" y=\"{ry}\" width=\"{bw:.1}\" height=\"{bh}\" class=\"{class}\"/><text x=\"{vx:.1}\" y=\"{ty}\" class=\"value\">{v}</text>",
            lx = label_w - 8.0,
            ty = y + 19.0,
            ry = y + 4.0,
            bw = x(g) - label_w,
            bh = row_h - 8.0,
            vx = x(g) + 6.0,
            v = r.grade_text,
            title = escape(&title),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::readability::Scores;

    fn row(url: &str, grade: Option<f64>, problems: usize) -> ReportRow {
        let prose = ProseReport {
            scores: grade.map(|g| Scores {
                flesch_kincaid_grade: g,
                ..Default::default()
            }),
            target: 8.0,
            ..Default::default()
        };
        ReportRow::new(url, url, "f", &prose, vec![("x".into(), problems)])
    }

    #[test]
    fn worst_first() {
        let mut rows = vec![
            row("/a/", Some(5.0), 0),
            row("/b/", Some(11.0), 0),
            row("/c/", None, 3),
            row("/d/", Some(5.0), 2),
        ];
        sort_worst_first(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(order, ["/b/", "/d/", "/a/", "/c/"]);
    }

    #[test]
    fn chart_has_a_text_alternative() {
        let svg = grade_chart(&[row("/a/ <x>", Some(9.5), 0)]);
        assert!(svg.contains("role=\"img\" aria-labelledby=\"grade-chart-title grade-chart-desc\""));
        assert!(svg.contains("/a/ &lt;x&gt;: grade 9.5"));
        assert!(svg.contains("class=\"bar over\""));
    }
}
