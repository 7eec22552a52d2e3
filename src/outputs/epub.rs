//! The site as an EPUB 3 book, one per language, for e-readers and phones: the home
//! page, then each menu entry with the pages under it, in the menu's order, then as
//! back matter the other top-level pages (how to cite the work, its references). Each
//! chapter is the `<main>` of a page the build wrote, made well-formed XHTML: charts
//! stay inline SVG with their title, description and data table; links between pages
//! become links between chapters, other links lead to the website; navigation and
//! buttons are left out (the reading system has its own). The package carries the
//! metadata of EPUB Accessibility 1.1 (access modes, features, hazards, a summary and
//! the WCAG level it conforms to). Written with the zip crate (see Cargo.toml).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use scraper::{ElementRef, Node, Selector};

use super::built_page::{self, xml_escape, Part, Target};
use crate::load::config::SiteConfig;
use crate::load::languages::Language;
use crate::model::{PageKind, PageRole, SiteModel};

/// One language's book: what it is called and which output pages it holds.
#[derive(Debug, Clone)]
pub struct Book {
    pub lang: String,
    pub rtl: bool,
    pub title: String,
    pub description: String,
    pub publisher: String,
    /// The web address of the language's home page: the book's identifier.
    pub identifier: String,
    /// The site's address (ending in `/`), for links out of the book.
    pub base_url: String,
    /// `dcterms:modified`: the newest date of its pages, so the same site gives the
    /// same book.
    pub modified: String,
    /// Output files (`about/index.html`), in reading order.
    pub pages: Vec<String>,
    /// Where in `pages` the back matter starts (`pages.len()` when there is none).
    pub back_matter: usize,
}

/// Whether pages of `role` are left out of the book: slide decks have their own copy.
fn not_in_book(role: PageRole) -> bool {
    match role {
        PageRole::Deck => true,
        PageRole::Page | PageRole::Brief => false,
    }
}

/// The book of one language: its home page, then each menu entry followed by the
/// pages under it, in the menu's order, then the back matter. Pages shown in another
/// language (not translated yet) are left out.
pub fn book(config: &SiteConfig, lang: &Language, model: &SiteModel) -> Book {
    let mut order = Vec::new();
    let mut seen = HashSet::new();
    // The home page alone: the pages under it are the whole site, the menu says
    // which of them readers are meant to follow (not, say, a guide for site makers).
    if let Some(&home) = model.by_url.get(&model.home) {
        if model.pages.get(home).is_some_and(|p| !p.fallback) {
            order.push(home);
        }
        seen.insert(home);
    }
    for item in &model.menu {
        if let Some(&i) = model.by_url.get(&item.url) {
            add_with_children(model, i, &mut order, &mut seen);
        }
    }
    let back_matter = order.len();
    add_back_matter(model, &mut order, &mut seen);
    let modified = order
        .iter()
        .flat_map(|&i| {
            let meta = &model.pages[i].meta;
            [meta.date.as_deref(), meta.updated.as_deref()]
        })
        .flatten()
        .filter(|d| d.len() >= 10 && d.is_char_boundary(10))
        .map(|d| &d[..10])
        .filter(|d| {
            d.bytes().enumerate().all(|(i, b)| {
                matches!(i, 4 | 7) == (b == b'-') && (matches!(i, 4 | 7) || b.is_ascii_digit())
            })
        })
        .max()
        .unwrap_or("2000-01-01");
    Book {
        lang: lang.code.clone(),
        rtl: lang.dir == "rtl",
        title: config.title.clone(),
        description: config.description.clone(),
        publisher: config.organization.clone(),
        identifier: config.permalink(&model.home),
        base_url: config.base_url.clone(),
        modified: format!("{modified}T00:00:00Z"),
        pages: order
            .iter()
            .map(|&i| format!("{}index.html", model.pages[i].url.trim_start_matches('/')))
            .collect(),
        back_matter,
    }
}

/// The back matter: the top-level Markdown pages outside the menu (how to cite the
/// work, with its references), in the home page's order. Folders (a guide for site
/// makers), topic lists and pages with an output of their own (the brief, the
/// slides) are not part of it.
fn add_back_matter(model: &SiteModel, order: &mut Vec<usize>, seen: &mut HashSet<usize>) {
    let Some(&home) = model.by_url.get(&model.home) else {
        return;
    };
    for i in model.listed(home) {
        let Some(page) = model.pages.get(i) else {
            continue;
        };
        if page.kind == PageKind::Page && page.role() == PageRole::Page && !page.fallback {
            add_with_children(model, i, order, seen);
        }
    }
}

/// Page `i`, then the pages under it, each followed by its own, in order. Folders
/// can nest as deep as a path is long: a list of pages still to add stands in for
/// recursion.
fn add_with_children(
    model: &SiteModel,
    i: usize,
    order: &mut Vec<usize>,
    seen: &mut HashSet<usize>,
) {
    let mut next = vec![i];
    while let Some(i) = next.pop() {
        let Some(page) = model.pages.get(i) else {
            continue;
        };
        if page.fallback || not_in_book(page.role()) || !seen.insert(i) {
            continue;
        }
        order.push(i);
        // Reversed, so the first child is taken next.
        next.extend(model.listed(i).into_iter().rev());
    }
}

/// The site's EPUB books, one per language that has pages (`plainsite epub`).
pub struct Books;

impl super::Export for Books {
    fn what(&self) -> &'static str {
        "EPUB"
    }

    fn command(&self) -> Option<&'static str> {
        Some("plainsite epub")
    }

    fn export(&self, site: &super::Written) -> crate::text::error::Result<Vec<String>> {
        let mut made = Vec::new();
        for book in site.books.iter().filter(|b| !b.pages.is_empty()) {
            let rel = file_for(book);
            write(book, site.dir, &site.dir.join(&rel)).map_err(|reason| {
                crate::text::error::Error::Refused(format!(
                    "could not write the EPUB book ({}): {reason}",
                    book.lang
                ))
            })?;
            made.push(rel);
        }
        Ok(made)
    }
}

/// The EPUB file of a book in the output folder: `taking-part-en.epub` for a site at
/// `https://example.org/taking-part/`.
pub fn file_for(book: &Book) -> String {
    file_name(&book.base_url, &book.lang)
}

/// The EPUB file of the book in language `lang` of a site at `base_url`.
pub fn file_name(base_url: &str, lang: &str) -> String {
    let stem = url::Url::parse(base_url)
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(String::from))
                .or_else(|| u.host_str().map(String::from))
        })
        .filter(|s| {
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .unwrap_or_else(|| "site".into());
    format!("{stem}-{lang}.epub")
}

/// A chapter: its file in the book, title, and XHTML.
struct Chapter {
    file: String,
    title: String,
    xhtml: String,
    svg: bool,
    back_matter: bool,
}

/// Writes `book` from the pages in `output` as the EPUB file `dest`.
pub fn write(book: &Book, output: &Path, dest: &Path) -> Result<(), String> {
    let files: HashMap<&str, String> = book
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), format!("c{:03}.xhtml", i + 1)))
        .collect();
    let mut chapters = Vec::new();
    for (n, page) in book.pages.iter().enumerate() {
        let back_matter = n >= book.back_matter;
        let built = built_page::read(output, page)?;
        let main = Selector::parse("main").map_err(|e| e.to_string())?;
        let Some(main) = built.html.select(&main).next() else {
            continue;
        };
        let h1 = Selector::parse("h1").map_err(|e| e.to_string())?;
        let title = main
            .select(&h1)
            .next()
            .map(built_page::text)
            .unwrap_or_else(|| book.title.clone());
        let mut body = String::new();
        let writer = Xhtml {
            page,
            output,
            files: &files,
            base_url: &book.base_url,
        };
        writer.children(main, &mut body);
        chapters.push(Chapter {
            file: files.get(page.as_str()).cloned().unwrap_or_default(),
            svg: body.contains("<svg"),
            xhtml: document(book, &title, &body, back_matter),
            title,
            back_matter,
        });
    }
    let mut parts = vec![
        Part {
            name: "mimetype".into(),
            bytes: b"application/epub+zip".to_vec(),
            stored: true,
        },
        Part::new("META-INF/container.xml", CONTAINER),
        Part::new("EPUB/package.opf", package(book, &chapters)),
        Part::new("EPUB/nav.xhtml", nav(book, &chapters)),
        Part::new("EPUB/style.css", STYLE),
    ];
    for c in chapters {
        parts.push(Part::new(format!("EPUB/{}", c.file), c.xhtml));
    }
    built_page::write_zip(dest, &parts)
}

/// Turns a page's HTML into XHTML for the book.
struct Xhtml<'a> {
    /// The page's output file, for resolving its links.
    page: &'a str,
    /// The output folder, for the charts' own style.
    output: &'a Path,
    /// Output file -> chapter file.
    files: &'a HashMap<&'a str, String>,
    base_url: &'a str,
}

/// Elements left out of chapters: navigation, controls and anything that runs.
const DROPPED: &[&str] = &[
    "nav", "script", "noscript", "template", "button", "form", "input", "select", "textarea",
    "iframe", "object", "embed", "link", "meta", "applet", "basefont", "bgsound", "frame",
    "frameset", "noembed", "noframes", "spacer",
];

/// Elements HTML no longer has, which an author's raw HTML may still use and a browser
/// still shows, each with the element it becomes in the book (whose XHTML must be valid).
const OBSOLETE: &[(&str, &str)] = &[
    ("acronym", "abbr"),
    ("big", "span"),
    ("blink", "span"),
    ("center", "div"),
    ("dir", "ul"),
    ("font", "span"),
    ("listing", "pre"),
    ("marquee", "span"),
    ("nobr", "span"),
    ("plaintext", "pre"),
    ("strike", "s"),
    ("tt", "code"),
    ("xmp", "pre"),
];

/// The attributes an obsolete element keeps when it is renamed (`<font color>` has no
/// place on a `<span>`).
const GLOBAL: &[&str] = &["class", "dir", "id", "lang", "title"];

use crate::text::html_names::VOID;

impl Xhtml<'_> {
    fn children(&self, el: ElementRef, out: &mut String) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => out.push_str(&xml_escape(t)),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.element(c, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&self, el: ElementRef, out: &mut String) {
        let e = el.value();
        let in_svg = e.name.ns == html5ever::ns!(svg);
        let name = e.name();
        if !in_svg && (DROPPED.contains(&name) || (name == "style")) {
            return;
        }
        if name == "picture" && !in_svg {
            // A photo's <picture> is its <img>: the sources are other sizes of it.
            for img in el.child_elements().filter(|c| c.value().name() == "img") {
                self.element(img, out);
            }
            return;
        }
        if name == "img" {
            // Pictures are not packaged: their text stands in.
            if let Some(alt) = e.attr("alt").filter(|a| !a.is_empty()) {
                out.push_str(&format!(
                    "<span class=\"img-alt\">{}</span>",
                    xml_escape(alt)
                ));
            }
            return;
        }
        // E-readers seldom open <details>: the data table is shown as it is, without
        // the button-like summary that offers to show it.
        if name == "summary" && !in_svg {
            return;
        }
        let obsolete = (!in_svg)
            .then(|| OBSOLETE.iter().find(|(old, _)| *old == name))
            .flatten();
        let (name, extra_class) = match (name, obsolete) {
            ("details", _) if !in_svg => ("div", Some("details")),
            (_, Some((_, new))) => (*new, None),
            _ => (name, None),
        };
        out.push('<');
        out.push_str(name);
        if in_svg && name == "svg" {
            out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
        }
        for (attr, value) in e.attrs() {
            if obsolete.is_some() && !GLOBAL.contains(&attr) {
                continue;
            }
            if let Some(value) = self.attribute(name, attr, value, extra_class) {
                out.push_str(&format!(" {attr}=\"{}\"", xml_escape(&value)));
            }
        }
        if let Some(class) = extra_class.filter(|_| e.attr("class").is_none()) {
            out.push_str(&format!(" class=\"{class}\""));
        }
        if VOID.contains(&name) || (in_svg && el.children().next().is_none()) {
            out.push_str("/>");
            return;
        }
        out.push('>');
        if in_svg && name == "svg" && e.classes().any(|c| c == "chart-svg") {
            // On the site a chart takes its colours from the page's style sheet; in the
            // book it carries the style of its SVG download.
            out.push_str(&self.chart_style(el));
        }
        self.children(el, out);
        out.push_str(&format!("</{name}>"));
    }

    /// The `<style>` of the chart's SVG file, found from its figure's download link.
    fn chart_style(&self, svg: ElementRef) -> String {
        let figure = svg
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "figure");
        let link = Selector::parse("a[href$=\".svg\"]")
            .ok()
            .and_then(|s| figure.and_then(|f| f.select(&s).next().and_then(|a| a.attr("href"))));
        let Some(Target::Site { file, .. }) = link.map(|href| built_page::resolve(self.page, href))
        else {
            return String::new();
        };
        let text = std::fs::read_to_string(self.output.join(file)).unwrap_or_default();
        match (text.find("<style>"), text.find("</style>")) {
            (Some(start), Some(end)) if start < end => {
                text[start..end + "</style>".len()].to_string()
            }
            _ => String::new(),
        }
    }

    /// An attribute as written in the chapter, or `None` to leave it out.
    fn attribute(
        &self,
        element: &str,
        attr: &str,
        value: &str,
        extra_class: Option<&str>,
    ) -> Option<String> {
        let xml_name = attr
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && attr.starts_with(|c: char| c.is_ascii_alphabetic());
        if !xml_name || attr.starts_with("on") || attr == "download" || attr == "xmlns" {
            return None;
        }
        if attr == "class" {
            return Some(match extra_class {
                Some(c) => format!("{value} {c}"),
                None => value.to_string(),
            });
        }
        if attr == "href" && element == "a" {
            return Some(self.link(value));
        }
        if value.is_empty() && matches!(attr, "hidden" | "open" | "disabled") {
            return Some(attr.to_string());
        }
        Some(value.to_string())
    }

    /// A link: to a chapter when its page is in the book, else to the website.
    fn link(&self, href: &str) -> String {
        match built_page::resolve(self.page, href) {
            Target::Site { file, fragment } => match self.files.get(file.as_str()) {
                Some(chapter) => match fragment {
                    Some(f) => format!("{chapter}#{f}"),
                    None => chapter.clone(),
                },
                None => built_page::web_address(self.base_url, &file, fragment.as_deref()),
            },
            Target::Outside(address) => address,
        }
    }
}

fn lang_attributes(book: &Book) -> String {
    let lang = xml_escape(&book.lang);
    let dir = if book.rtl { "rtl" } else { "ltr" };
    format!("lang=\"{lang}\" xml:lang=\"{lang}\" dir=\"{dir}\"")
}

/// A chapter's XHTML document; a chapter of the back matter says so on its body.
fn document(book: &Book, title: &str, body: &str, back_matter: bool) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" {}>\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body{}>\n<main>{body}</main>\n</body>\n</html>\n",
        lang_attributes(book),
        xml_escape(title),
        if back_matter { " epub:type=\"backmatter\"" } else { "" },
    )
}

/// The navigation document: the table of contents and the landmarks.
fn nav(book: &Book, chapters: &[Chapter]) -> String {
    let mut items = String::new();
    for c in chapters {
        items.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            c.file,
            xml_escape(&c.title)
        ));
    }
    let first = chapters
        .first()
        .map(|c| c.file.as_str())
        .unwrap_or("nav.xhtml");
    let back_matter = chapters
        .iter()
        .find(|c| c.back_matter)
        .map(|c| {
            format!(
                "<li><a epub:type=\"backmatter\" href=\"{}\">{}</a></li>\n",
                c.file,
                xml_escape(&c.title)
            )
        })
        .unwrap_or_default();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" {lang}>\n<head>\n<meta charset=\"utf-8\"/>\n<title>{title}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n<body>\n<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">{title}</h1>\n<ol>\n{items}</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\" aria-label=\"Landmarks\">\n<ol>\n<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">{title}</a></li>\n<li><a epub:type=\"bodymatter\" href=\"{first}\">{first_title}</a></li>\n{back_matter}</ol>\n</nav>\n</body>\n</html>\n",
        lang = lang_attributes(book),
        title = xml_escape(&book.title),
        first_title = xml_escape(chapters.first().map(|c| c.title.as_str()).unwrap_or("")),
    )
}

/// The accessibility summary, in the metadata.
const A11Y_SUMMARY: &str = "This book is made from a plain-language website that meets WCAG 2.2 Level AA. Pages have headings in order and a table of contents. Each chart has a title, a short takeaway, a text description and its data as a table. Pictures have text alternatives. Nothing flashes and there is no sound.";

/// The package document: metadata, manifest and spine.
fn package(book: &Book, chapters: &[Chapter]) -> String {
    let mut manifest = String::from("<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n<item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n");
    let mut spine = String::from("<itemref idref=\"nav\"/>\n");
    for (i, c) in chapters.iter().enumerate() {
        let props = if c.svg { " properties=\"svg\"" } else { "" };
        manifest.push_str(&format!(
            "<item id=\"c{}\" href=\"{}\" media-type=\"application/xhtml+xml\"{props}/>\n",
            i + 1,
            c.file
        ));
        spine.push_str(&format!("<itemref idref=\"c{}\"/>\n", i + 1));
    }
    let meta = |property: &str, value: &str| {
        format!(
            "<meta property=\"{property}\">{}</meta>\n",
            xml_escape(value)
        )
    };
    let mut a11y = String::new();
    for mode in ["textual", "visual"] {
        a11y.push_str(&meta("schema:accessMode", mode));
    }
    a11y.push_str(&meta("schema:accessModeSufficient", "textual"));
    for feature in [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "longDescription",
        "displayTransformability",
    ] {
        a11y.push_str(&meta("schema:accessibilityFeature", feature));
    }
    a11y.push_str(&meta("schema:accessibilityHazard", "none"));
    a11y.push_str(&meta("schema:accessibilitySummary", A11Y_SUMMARY));
    a11y.push_str(&meta(
        "dcterms:conformsTo",
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
    ));
    a11y.push_str(&meta("a11y:certifiedBy", &book.publisher));
    let description = if book.description.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:description>{}</dc:description>\n",
            xml_escape(&book.description)
        )
    };
    let publisher = if book.publisher.is_empty() {
        String::new()
    } else {
        format!(
            "<dc:publisher>{}</dc:publisher>\n",
            xml_escape(&book.publisher)
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{lang}\" dir=\"{dir}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"uid\">{id}</dc:identifier>\n<dc:title>{title}</dc:title>\n<dc:language>{lang}</dc:language>\n{description}{publisher}<meta property=\"dcterms:modified\">{modified}</meta>\n{a11y}</metadata>\n<manifest>\n{manifest}</manifest>\n<spine page-progression-direction=\"{dir}\">\n{spine}</spine>\n</package>\n",
        lang = xml_escape(&book.lang),
        dir = if book.rtl { "rtl" } else { "ltr" },
        id = xml_escape(&book.identifier),
        title = xml_escape(&book.title),
        modified = book.modified,
    )
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// A plain style the reader's own settings can override: the site's font when the
/// device has it, charts as wide as the screen, tables with borders.
const STYLE: &str = "body { font-family: \"Atkinson Hyperlegible\", Verdana, sans-serif; line-height: 1.5; }\n\
h1, h2, h3 { line-height: 1.2; }\n\
svg { max-width: 100%; height: auto; }\n\
table { border-collapse: collapse; margin: 1em 0; }\n\
th, td { border: 1px solid #767676; padding: 0.25em 0.5em; text-align: start; vertical-align: top; }\n\
caption { font-weight: bold; text-align: start; }\n\
dt { font-weight: bold; margin-top: 1em; }\n\
dd { margin-inline-start: 1.5em; }\n\
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n\
figure { margin: 1em 0; }\n\
.chart-title { font-weight: bold; display: block; }\n\
.qr-code { width: 8em; height: 8em; }\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn book(base_url: &str) -> Book {
        Book {
            lang: "fr".into(),
            rtl: false,
            title: "T".into(),
            description: String::new(),
            publisher: String::new(),
            identifier: base_url.into(),
            base_url: base_url.into(),
            modified: "2026-01-01T00:00:00Z".into(),
            pages: vec!["index.html".into(), "about/index.html".into()],
            back_matter: 2,
        }
    }

    #[test]
    fn the_file_is_named_after_the_site_and_language() {
        assert_eq!(
            file_for(&book("https://example.org/taking-part/")),
            "taking-part-fr.epub"
        );
        assert_eq!(
            file_for(&book("https://example.org/")),
            "example.org-fr.epub"
        );
    }

    /// The chapter text of the `<main>` of `html`, a page at the site's root.
    fn chapter_of(html: &scraper::Html, files: &HashMap<&str, String>) -> String {
        let w = Xhtml {
            page: "index.html",
            output: Path::new("."),
            files,
            base_url: "https://e.org/",
        };
        let main = html
            .select(&Selector::parse("main").unwrap())
            .next()
            .unwrap();
        let mut out = String::new();
        w.children(main, &mut out);
        out
    }

    #[test]
    fn chapters_are_well_formed_and_link_to_each_other() {
        let html = scraper::Html::parse_document(
            "<main><p>A<br>B <a href=about/#x download>in</a> <a href=charts/c.csv>out</a></p><nav><a href=x>n</a></nav><details><summary>S</summary><table><tr><td>1</table></details><svg viewBox=\"0 0 1 1\"><desc>D</desc><rect width=1 height=1></rect></svg><img src=a.png alt=\"A & B\"><button>b</button></main>",
        );
        let files: HashMap<&str, String> = [
            ("index.html", "c001.xhtml".to_string()),
            ("about/index.html", "c002.xhtml".to_string()),
        ]
        .into();
        assert_eq!(
            chapter_of(&html, &files),
            "<p>A<br/>B <a href=\"c002.xhtml#x\">in</a> <a href=\"https://e.org/charts/c.csv\">out</a></p><div class=\"details\"><table><tbody><tr><td>1</td></tr></tbody></table></div><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><desc>D</desc><rect height=\"1\" width=\"1\"/></svg><span class=\"img-alt\">A &amp; B</span>"
        );
    }

    #[test]
    fn elements_html_no_longer_has_become_their_current_ones_in_the_book() {
        let html = scraper::Html::parse_document(
            "<main><center align=left>C</center><p><font color=red class=k lang=fr>red</font> <tt>x</tt> <strike>old</strike> <acronym title=\"World Health Organization\">WHO</acronym><basefont size=3></p></main>",
        );
        let files = HashMap::new();
        assert_eq!(
            chapter_of(&html, &files),
            "<div>C</div><p><span class=\"k\" lang=\"fr\">red</span> <code>x</code> <s>old</s> <abbr title=\"World Health Organization\">WHO</abbr></p>"
        );
    }
}
