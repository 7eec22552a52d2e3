//! Page weight: what each built page costs a reader to load: its HTML as the build made
//! it (read back from the last build's file for `check`), and the files it loads as
//! the build wrote them. A page's weight is its HTML and every file it loads: stylesheets, the
//! fonts they declare (italic faces only when the page has italic text, as a browser
//! fetches a face only when text uses it), scripts, icons, and each image as a phone
//! loads it (see [`crate::load::images::phone_copy`]). A page over the site's budget
//! (`page_weight_budget` in site.toml) is a warning (rule `page-weight`) naming its
//! heaviest parts; the author report lists the heaviest pages.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use rayon::prelude::*;

use crate::checks::{PageReport, Written};
use crate::load::images::{phone_copy, ImageSizes};
use crate::text::diagnostics::Diagnostic;
use crate::text::rule::{CheckConfig, Rule};

/// One file a page loads, with its size in bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Part {
    /// Its path in the output.
    pub file: String,
    pub bytes: u64,
    /// In kilobytes, rounded up.
    pub kb: u64,
}

/// A page's total weight and its parts, heaviest first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageWeight {
    pub url: String,
    /// The file the page comes from, as diagnostics show it.
    pub file: String,
    pub total: u64,
    /// Total in kilobytes, rounded up, for the author report.
    pub kb: u64,
    pub parts: Vec<Part>,
}

/// The weight of each page in `reports`: its HTML as made ([`PageReport::written`]) or
/// else its file under `dir` (the written site), and the files it loads, from `dir`.
pub fn weigh(dir: &Path, reports: &[PageReport], images: &ImageSizes) -> Vec<PageWeight> {
    let mut fonts: HashMap<String, Vec<Face>> = HashMap::new();
    for report in reports {
        for css in loaded(report, "stylesheet or icon").filter(|t| t.ends_with(".css")) {
            fonts
                .entry(css.to_string())
                .or_insert_with(|| faces(dir, css));
        }
    }
    let sizes = Sizes::default();
    reports
        .par_iter()
        .filter_map(|r| weigh_page(dir, r, images, &fonts, &sizes))
        .collect()
}

/// The output paths of the files of one kind a page loads (`image`, `script`, ...).
fn loaded<'r>(report: &'r PageReport, kind: &'r str) -> impl Iterator<Item = &'r str> + 'r {
    report
        .scan
        .links
        .iter()
        .filter(move |l| l.kind == kind)
        .map(|l| {
            l.target
                .split('#')
                .next()
                .unwrap_or("")
                .trim_start_matches('/')
        })
        .filter(|t| !t.is_empty())
}

/// The sizes of the files pages load, each looked at once: every page loads the same
/// stylesheet, icon and fonts.
#[derive(Default)]
struct Sizes(std::sync::Mutex<HashMap<String, Option<u64>>>);

impl Sizes {
    fn of(&self, dir: &Path, file: &str) -> Option<u64> {
        let known = || self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(&size) = known().get(file) {
            return size;
        }
        let size = std::fs::metadata(dir.join(file)).ok().map(|m| m.len());
        known().insert(file.to_string(), size);
        size
    }
}

fn weigh_page(
    dir: &Path,
    report: &PageReport,
    images: &ImageSizes,
    fonts: &HashMap<String, Vec<Face>>,
    sizes: &Sizes,
) -> Option<PageWeight> {
    let html_file = page_file(&report.url);
    // A page the build wrote is known as written; `check` weighs the last build's file
    // (its italic text is the page's as `check` made it).
    let Written { bytes, italic } = match report.written {
        Some(written) => written,
        None => Written::of(
            std::fs::metadata(dir.join(&html_file)).ok()?.len(),
            &report.scan,
        ),
    };
    let mut files: BTreeSet<String> = BTreeSet::new();
    for target in loaded(report, "stylesheet or icon") {
        // Only what a browser fetches to show the page: not feeds or alternates.
        if [".css", ".svg", ".png", ".ico", ".webp", ".jpg"]
            .iter()
            .any(|e| target.ends_with(e))
        {
            files.insert(target.to_string());
        }
        for face in fonts.get(target).into_iter().flatten() {
            if italic || !face.italic {
                files.insert(face.file.clone());
            }
        }
    }
    files.extend(loaded(report, "script").map(str::to_string));
    for image in loaded(report, "image") {
        files.insert(match images.get(image) {
            Some(&(width, _)) => phone_copy(image, width),
            None => image.to_string(),
        });
    }
    let part = |file: String, bytes: u64| Part {
        file,
        bytes,
        kb: bytes.div_ceil(1000),
    };
    let mut parts = vec![part(html_file, bytes)];
    parts.extend(files.into_iter().filter_map(|file| {
        let bytes = sizes.of(dir, &file)?;
        Some(part(file, bytes))
    }));
    parts.sort_by(|a, b| b.bytes.cmp(&a.bytes).then_with(|| a.file.cmp(&b.file)));
    let total = parts.iter().map(|p| p.bytes).sum();
    Some(PageWeight {
        url: report.url.clone(),
        file: report.file.clone(),
        total,
        kb: total.div_ceil(1000),
        parts,
    })
}

/// The HTML file of the page at `url` (`/guide/` is `guide/index.html`).
fn page_file(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    match rel.is_empty() || rel.ends_with('/') {
        true => format!("{rel}index.html"),
        false => rel.to_string(),
    }
}

/// A font file a stylesheet declares, and whether it is an italic face.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Face {
    file: String,
    italic: bool,
}

/// The font faces of the stylesheet at `css` (an output path), their files resolved
/// against the stylesheet's folder.
fn faces(dir: &Path, css: &str) -> Vec<Face> {
    let text = std::fs::read_to_string(dir.join(css)).unwrap_or_default();
    let folder = css.rsplit_once('/').map_or("", |(f, _)| f);
    text.split("@font-face")
        .skip(1)
        .filter_map(|rule| {
            let body = &rule[..rule.find('}')?];
            let start = body.find("url(")? + 4;
            let url = body[start..]
                .split(')')
                .next()?
                .trim_matches(['"', '\'', ' ']);
            let file = match folder {
                "" => url.to_string(),
                f => format!("{f}/{url}"),
            };
            Some(Face {
                file,
                italic: body.contains("italic"),
            })
        })
        .collect()
}

/// A warning for each page heavier than `budget_kb` kilobytes, naming its three
/// heaviest parts.
pub fn over_budget(
    weights: &[PageWeight],
    budget_kb: u64,
    checks: &CheckConfig,
) -> Vec<Diagnostic> {
    weights
        .iter()
        .filter(|w| w.total > budget_kb * 1000)
        .filter_map(|w| {
            let heaviest: Vec<String> = w
                .parts
                .iter()
                .take(3)
                .map(|p| format!("{} ({} KB)", p.file, p.kb))
                .collect();
            let d = checks.diagnostic(
                Rule::PageWeight,
                format!(
                    "this page weighs {} KB to load, over the budget of {budget_kb} KB; the heaviest parts are {}",
                    w.kb,
                    heaviest.join(", ")
                ),
            )?;
            Some(d.in_file(w.file.clone()).help("readers on prepaid phone data pay for every kilobyte: show fewer or smaller photos on this page, or split it in two; page_weight_budget in site.toml sets the budget"))
        })
        .collect()
}

/// The `n` heaviest pages, heaviest first.
pub fn heaviest(weights: &[PageWeight], n: usize) -> Vec<PageWeight> {
    let mut sorted = weights.to_vec();
    sorted.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.url.cmp(&b.url)));
    sorted.truncate(n);
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_weighed_as_written_weighs_what_its_file_read_back_weighs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/fonts")).unwrap();
        std::fs::write(
            dir.path().join("s.css"),
            "@font-face { font-style: normal; src: url(a/fonts/r.woff2); }\n@font-face { font-style: italic; src: url(a/fonts/i.woff2); }",
        )
        .unwrap();
        std::fs::write(dir.path().join("a/fonts/r.woff2"), [0u8; 300]).unwrap();
        std::fs::write(dir.path().join("a/fonts/i.woff2"), [0u8; 200]).unwrap();
        let mut weights = Vec::new();
        let rewrite = crate::text::html_scan::Rewrite {
            page_url: "/",
            base_path: "",
            portable: false,
            relative: false,
        };
        for (n, html) in ["<p>plain</p>", "<p><em>stress</em></p>"]
            .iter()
            .enumerate()
        {
            std::fs::write(dir.path().join(format!("{n}.html")), html).unwrap();
            let link = |target: &str| crate::text::html_scan::Link {
                target: target.into(),
                raw: target.into(),
                kind: "stylesheet or icon",
            };
            let mut page = PageReport {
                url: format!("/{n}.html"),
                file: format!("{n}.md"),
                template: "page.html".into(),
                source_text: None,
                scan: Default::default(),
                md_links: Vec::new(),
                md_broken: Vec::new(),
                places: Default::default(),
                ignored: Vec::new(),
                written: None,
            };
            page.scan = crate::text::html_scan::scan_and_rewrite(html, &rewrite).1;
            page.scan.links.push(link("/s.css"));
            // `check` weighs a page from what its report keeps for the site.
            let mut kept = page.clone();
            kept.keep_for_site();
            let read_back = weigh(dir.path(), &[kept], &Default::default());
            page.written = Some(Written::of(html.len() as u64, &page.scan));
            let as_written = weigh(dir.path(), &[page], &Default::default());
            assert_eq!(as_written, read_back, "{html}");
            weights.extend(as_written);
        }
        // The italic font counts only on the page that shows italic text.
        let css = std::fs::metadata(dir.path().join("s.css")).unwrap().len();
        assert_eq!(weights[0].total, 12 + 300 + css);
        assert_eq!(weights[1].total, 22 + 300 + 200 + css);
    }

    #[test]
    fn a_page_address_is_its_index_file() {
        assert_eq!(page_file("/"), "index.html");
        assert_eq!(page_file("/guide/a/"), "guide/a/index.html");
        assert_eq!(page_file("/404.html"), "404.html");
    }

    #[test]
    fn font_faces_are_read_with_their_style_beside_the_stylesheet() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("theme")).unwrap();
        std::fs::write(
            dir.path().join("theme/s.css"),
            "@font-face { font-style: normal; src: url(fonts/a.woff2) format(\"woff2\"); }\n@font-face { font-style: italic; src: url(\"fonts/b.woff2\"); }\nbody { color: red }",
        )
        .unwrap();
        assert_eq!(
            faces(dir.path(), "theme/s.css"),
            [
                Face {
                    file: "theme/fonts/a.woff2".into(),
                    italic: false
                },
                Face {
                    file: "theme/fonts/b.woff2".into(),
                    italic: true
                }
            ]
        );
    }
}
