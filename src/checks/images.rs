//! Images without alt text in a rendered page's HTML (raw `<img>` tags in Markdown or
//! in templates), checked as each page is written. Markdown images with an empty alt
//! are reported by the Markdown stage, at their line.

use super::PageReport;
use crate::markdown::places::{Key, Places};
use crate::text::diagnostics::Diagnostic;
use crate::text::rule::Rule;

/// An `<img>` on the page with no `alt` attribute at all is an error: a screen reader
/// would read its file name. (`alt=""` is allowed: it marks a decorative image.)
pub fn check_images(page: &PageReport, config: &super::CheckConfig) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if page.ignored.contains(&Rule::AltText) {
        return problems;
    }
    for src in &page.scan.images_without_alt {
        let Some(d) = config.diagnostic(
            Rule::AltText,
            format!("the image \"{src}\" on {} has no alt attribute", page.url),
        ) else {
            continue;
        };
        let mut d = d.help("add alt=\"what the image shows\" to the <img> tag, or alt=\"\" if the image is only decoration");
        d = match (&page.source_text, raw_img_place(&page.places, src)) {
            (Some(text), Some((line, col))) => d.at(&page.file, text, line, col),
            _ => d.in_file(format!("{} (template {})", page.file, page.template)),
        };
        problems.push(d);
    }
    problems
}

/// Where the page's Markdown writes a raw `<img>` whose address names the same file as
/// `src` (the rendered page may have made the address absolute).
fn raw_img_place(places: &Places, src: &str) -> Option<(usize, usize)> {
    let file_name = src.rsplit('/').next().filter(|n| !n.is_empty())?;
    places.first_where(|k| match k {
        Key::Attr { tag, name, value } => {
            tag == "img" && name == "src" && value.rsplit('/').next() == Some(file_name)
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::html_scan::Scan;

    const SOURCE: &str = "---\ntitle: A\n---\n<img src=\"pic.png\">\n";

    #[test]
    fn reports_raw_img_without_alt_at_its_line() {
        let page = PageReport {
            url: "/a/".into(),
            file: "content/a.md".into(),
            template: "page.html".into(),
            source_text: Some(SOURCE.into()),
            scan: Scan {
                images_without_alt: vec!["/pic.png".into()],
                ..Default::default()
            },
            md_links: vec![],
            md_broken: vec![],
            places: crate::markdown::places::of_raw_html(SOURCE),
            ignored: vec![],
            written: None,
        };
        let d = check_images(&page, &Default::default());
        assert_eq!(d[0].location.as_ref().unwrap().line, 4);
    }
}
