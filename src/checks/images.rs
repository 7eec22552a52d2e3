//! Images without alt text in a rendered page's HTML (raw `<img>` tags in Markdown or
//! in templates), checked as each page is written. Markdown images with an empty alt
//! are reported by the Markdown stage, at their line.

use super::PageReport;
use crate::markdown::places::{ByValue, Places, Seen};
use crate::text::diagnostics::Diagnostic;
use crate::text::rule::Rule;

/// An `<img>` on the page with no `alt` attribute at all is an error: a screen reader
/// would read its file name. (`alt=""` is allowed: it marks a decorative image.)
pub fn check_images(page: &PageReport, config: &super::CheckConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if page.ignored.contains(&Rule::AltText) {
        return problems;
    }
    let mut seen = Seen::default();
    let mut written = None;
    for src in &page.scan.images_without_alt {
        let file_name = file_name(src);
        let rank = seen.next(file_name);
        let Some(d) = config.diagnostic(
            Rule::AltText,
            format!("the image \"{src}\" on {} has no alt attribute", page.url),
        ) else {
            continue;
        };
        let mut d = d.help("add alt=\"what the image shows\" to the <img> tag, or alt=\"\" if the image is only decoration");
        let written = written.get_or_insert_with(|| raw_imgs_without_alt(&page.places));
        d = match (&page.source_text, written.nth(file_name, rank)) {
            (Some(text), Some((line, col))) => d.at(&page.file, text, line, col),
            _ => d.in_file(format!("{} (template {})", page.file, page.template)),
        };
        problems.push(d);
    }
    problems
}

/// The raw `<img>` tags of the page's Markdown that have no `alt` attribute, by the
/// name of their file (the rendered page may have made the address absolute). An
/// image of the same file that has alt text is another image.
fn raw_imgs_without_alt(places: &Places) -> ByValue<'_> {
    let tags = places.raw_tags();
    tags.into_iter()
        .filter(|t| t.name == "img" && t.attr("alt").is_none())
        .filter_map(|t| Some((file_name(t.attr("src")?), t.place)))
        .collect()
}

/// The last part of an address: the name of its file.
fn file_name(src: &str) -> &str {
    src.rsplit('/').next().unwrap_or(src)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::html_scan::Scan;

    const SOURCE: &str = "---\ntitle: A\n---\n<img src=\"pic.png\">\n";

    /// The report of a page written as `source` whose images without alt are `srcs`.
    fn page(source: &str, srcs: &[&str]) -> PageReport {
        PageReport {
            url: "/a/".into(),
            file: "content/a.md".into(),
            template: "page.html".into(),
            source_text: Some(source.into()),
            scan: Scan {
                images_without_alt: srcs.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            },
            md_links: vec![],
            md_broken: vec![],
            places: crate::markdown::places::of_raw_html(source),
            ignored: vec![],
            written: None,
        }
    }

    fn lines(d: &[Diagnostic]) -> Vec<usize> {
        d.iter()
            .filter_map(|d| Some(d.location.as_ref()?.line))
            .collect()
    }

    #[test]
    fn reports_raw_img_without_alt_at_its_line() {
        let d = check_images(&page(SOURCE, &["/pic.png"]), &Default::default());
        assert_eq!(lines(&d), [4]);
    }

    #[test]
    fn images_of_one_file_without_alt_are_each_at_their_own_tag_not_at_one_with_alt() {
        let source =
            "<img src=\"p.png\" alt=\"A cup\">\n<img src=\"p.png\">\n<img src=\"p.png\">\n";
        let d = check_images(&page(source, &["/p.png", "/p.png"]), &Default::default());
        assert_eq!(lines(&d), [2, 3]);
    }
}
