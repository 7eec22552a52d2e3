//! The policy brief as a Word document (.docx) an advocate can edit before a meeting:
//! made from the brief page the build wrote, so it says exactly what the page says.
//! Headings use Word's own Heading 1-3 styles (the navigation pane and a screen reader
//! find them), lists are Word lists, the chart is its PNG with the chart's description
//! as alt text, then its data as a table with a header row; links stay links (to the
//! website), the QR code comes with its printed address, the document's language is
//! set, and text uses the site's font with Verdana then Arial when it is not installed.
//!
//! The package (WordprocessingML in a zip) is written here directly; see Cargo.toml.

use std::path::Path;

use qrcode::{Color, EcLevel, QrCode};
use scraper::{ElementRef, Node, Selector};

use super::built_page::{self, fold_space, visually_hidden, xml_escape, BuiltPage, Part, Target};

/// A brief of the site, and what the Word file needs to know about it.
#[derive(Debug, Clone)]
pub struct Brief {
    /// The brief's page in the output folder (`brief/index.html`).
    pub page: String,
    /// BCP 47 language code and writing direction of the brief.
    pub lang: String,
    pub rtl: bool,
    /// The site's address (ending in `/`), for links.
    pub base_url: String,
    /// `a4` or `letter`.
    pub paper: String,
    /// `docx: true` in the brief's front matter: `plainsite build` writes it too.
    pub on_build: bool,
    /// Its source file under `content/`, for problems.
    pub source: String,
}

impl Brief {
    /// The brief of `page` in a site with `config` (the language's configuration).
    pub fn new(
        page: &crate::model::Page,
        config: &crate::load::config::SiteConfig,
        rtl: bool,
    ) -> Brief {
        Brief {
            page: format!("{}index.html", page.url.trim_start_matches('/')),
            lang: config.language.clone(),
            rtl,
            base_url: config.base_url.clone(),
            paper: config.paper.clone(),
            on_build: page.meta.extra.get("docx").and_then(|v| v.as_bool()) == Some(true),
            source: page.file.clone(),
        }
    }
}

/// The Word files of the briefs, beside their pages: every brief (`plainsite brief
/// --docx`, where a site without one is an error) or only those with `docx: true` in
/// their front matter (`plainsite build`).
pub enum WordFiles {
    Every,
    AskedOnBuild,
}

impl super::Export for WordFiles {
    fn what(&self) -> &'static str {
        "Word file"
    }

    fn command(&self) -> Option<&'static str> {
        match self {
            WordFiles::Every => Some("plainsite brief --docx"),
            WordFiles::AskedOnBuild => None,
        }
    }

    fn export(&self, site: &super::Written) -> crate::text::error::Result<Vec<String>> {
        if matches!(self, WordFiles::Every) && site.briefs.is_empty() {
            return Err(super::no_brief());
        }
        let wanted = |b: &&Brief| matches!(self, WordFiles::Every) || b.on_build;
        if matches!(self, WordFiles::Every) {
            site.problems
                .borrow_mut()
                .extend(super::placeholder_address(site.briefs));
        }
        let mut made = Vec::new();
        for brief in site.briefs.iter().filter(wanted) {
            let rel = file_for(&brief.page, &brief.lang);
            write(brief, site.dir, &site.dir.join(&rel)).map_err(|reason| {
                crate::text::error::Error::Refused(format!(
                    "could not write the Word file of the brief: {reason}"
                ))
            })?;
            made.push(rel);
        }
        Ok(made)
    }
}

/// The Word file beside a brief page: `brief/index.html` in English gives
/// `brief/brief-en.docx`.
pub fn file_for(page: &str, lang: &str) -> String {
    let dir = page.strip_suffix("index.html").unwrap_or(page);
    let stem = dir
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("brief");
    format!("{dir}{stem}-{lang}.docx")
}

/// Writes `brief`, from the page in `output`, as the Word file `dest`.
pub fn write(brief: &Brief, output: &Path, dest: &Path) -> Result<(), String> {
    let page = built_page::read(output, &brief.page)?;
    let selector = Selector::parse("article.brief, main").map_err(|e| e.to_string())?;
    let Some(article) = page.html.select(&selector).next() else {
        return Err(format!("{}: no brief article in the page", brief.page));
    };
    let mut doc = Doc::new(brief, output, &page);
    doc.blocks(article, 0);
    let title = page
        .html
        .select(&Selector::parse("h1").map_err(|e| e.to_string())?)
        .next()
        .map(built_page::text)
        .unwrap_or_default();
    let parts = doc.package(&title)?;
    built_page::write_zip(dest, &parts)
}

/// The output file of the photo `img` shows on the page at `page` and its extension in
/// the package: the widest copy in its `srcset` at most [`PHOTO_PX`] wide, or its `src`.
fn photo_file(page: &str, img: ElementRef) -> Option<(String, &'static str)> {
    let src = img.attr("src")?;
    let ext = match crate::outputs::images::raster_format(src)? {
        image::ImageFormat::Jpeg => "jpeg",
        image::ImageFormat::Png => "png",
        _ => return None,
    };
    let narrow = img
        .attr("srcset")
        .unwrap_or_default()
        .split(',')
        .filter_map(|c| {
            let (url, w) = c.trim().split_once(' ')?;
            Some((w.trim().strip_suffix('w')?.parse::<u32>().ok()?, url))
        })
        .filter(|&(w, _)| w <= PHOTO_PX)
        .max_by_key(|&(w, _)| w);
    let url = narrow.map_or(src, |(_, url)| url);
    match built_page::resolve(page, url) {
        Target::Site { file, .. } if !file.contains("..") => Some((file, ext)),
        _ => None,
    }
}

/// A table cell's content: its paragraphs, or the one empty paragraph Word requires.
fn or_empty(paragraphs: String) -> String {
    match paragraphs.is_empty() {
        true => "<w:p/>".into(),
        false => paragraphs,
    }
}

/// Word's measures: EMU per centimetre.
const EMU_PER_CM: u64 = 360_000;
/// The chart's width on the page, in centimetres: within A4's and Letter's column with
/// 1.8 cm margins, and small enough that the brief ends on its second page on both.
const CHART_CM: u64 = 10;
/// The QR code's printed width, in centimetres (phones read it from 2 cm).
const QR_CM: u64 = 2;

/// The widest copy of a photo the Word file takes: sharp at 12 cm on paper, and a brief
/// with a few photos stays small enough to send by email.
const PHOTO_PX: u32 = 960;
/// A photo's printed width, in centimetres (narrower when the photo has fewer pixels).
const PHOTO_CM: u64 = 12;

/// A picture in the package, and its file extension (`png` or `jpeg`).
struct Media {
    bytes: Vec<u8>,
    ext: &'static str,
}

/// The document being written.
struct Doc<'a> {
    source: &'a Brief,
    output: &'a Path,
    page: &'a BuiltPage,
    body: String,
    /// External link targets, in order: relationship `rIdL{n}`.
    links: Vec<String>,
    /// Pictures, in order: relationship `rIdM{n}`, file `media/image{n}.png` (or `.jpeg`).
    media: Vec<Media>,
    /// Numbered lists so far (each restarts at 1).
    numbered: usize,
}

/// The list a paragraph belongs to: its numbering and depth.
#[derive(Clone, Copy)]
struct ListItem {
    num_id: usize,
    level: usize,
}

/// Inline formatting.
#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    link: bool,
}

/// Numbering id of bullet lists; numbered lists get 2, 3, ...
const BULLETS: usize = 1;

impl<'a> Doc<'a> {
    fn new(source: &'a Brief, output: &'a Path, page: &'a BuiltPage) -> Doc<'a> {
        Doc {
            source,
            output,
            page,
            body: String::new(),
            links: Vec::new(),
            media: Vec::new(),
            numbered: 0,
        }
    }

    /// The block-level content of `el`; `depth` is the list nesting.
    fn blocks(&mut self, el: ElementRef, depth: usize) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) if !t.trim().is_empty() => {
                    let mut runs = String::new();
                    self.run(t, Fmt::default(), &mut runs);
                    self.paragraph(None, None, &runs);
                }
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.block(c, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn block(&mut self, el: ElementRef, depth: usize) {
        if visually_hidden(&el) {
            return;
        }
        let classes: Vec<&str> = el.value().classes().collect();
        match el.value().name() {
            "h1" => self.heading(el, 1),
            "h2" => self.heading(el, 2),
            "h3" | "h4" | "h5" | "h6" => self.heading(el, 3),
            "ul" => self.list(el, BULLETS, depth),
            "ol" => {
                self.numbered += 1;
                self.list(el, BULLETS + self.numbered, depth)
            }
            "table" => self.table(el),
            "figure" if classes.contains(&"chart") => self.chart(el),
            "div" if classes.contains(&"brief-qr") => self.qr(el),
            "img" => {
                let run = self.photo(el);
                self.paragraph(None, None, &run);
            }
            "nav" | "script" | "style" | "svg" | "button" | "summary" | "template" => {}
            "p" if classes.contains(&"chart-downloads") => {}
            "p" | "blockquote" | "figcaption" | "dt" | "dd" | "pre" => {
                let style = match el.value().name() {
                    "blockquote" => Some("Quote"),
                    _ if classes.contains(&"lede") => Some("Subtitle"),
                    _ => None,
                };
                let runs = self.inlines(el);
                self.paragraph(style, None, &runs);
            }
            _ => self.blocks(el, depth),
        }
    }

    fn heading(&mut self, el: ElementRef, level: usize) {
        let runs = self.inlines(el);
        self.paragraph(Some(&format!("Heading{level}")), None, &runs);
    }

    fn list(&mut self, el: ElementRef, num_id: usize, depth: usize) {
        for li in el.child_elements().filter(|c| c.value().name() == "li") {
            let mut runs = String::new();
            let mut nested = Vec::new();
            for child in li.children() {
                match ElementRef::wrap(child) {
                    Some(c) if matches!(c.value().name(), "ul" | "ol") => nested.push(c),
                    Some(c) if c.value().name() == "p" => {
                        if !runs.is_empty() {
                            self.run(" ", Fmt::default(), &mut runs);
                        }
                        self.inline_children(c, Fmt::default(), &mut runs);
                    }
                    Some(c) => self.inline(c, Fmt::default(), &mut runs),
                    None => {
                        if let Node::Text(t) = child.value() {
                            self.run(t, Fmt::default(), &mut runs);
                        }
                    }
                }
            }
            let item = ListItem {
                num_id,
                level: depth.min(2),
            };
            self.paragraph(Some("ListParagraph"), Some(item), &runs);
            for n in nested {
                self.block(n, depth + 1);
            }
        }
    }

    /// A table, its `thead` rows (or a first row of `th` cells) repeated as header rows.
    fn table(&mut self, el: ElementRef) {
        if let Some(caption) = el.child_elements().find(|c| c.value().name() == "caption") {
            let mut runs = String::new();
            let bold = Fmt {
                bold: true,
                ..Fmt::default()
            };
            self.inline_children(caption, bold, &mut runs);
            self.paragraph(Some("Caption"), None, &runs);
        }
        let Ok(rows) = Selector::parse("tr") else {
            return;
        };
        let rows: Vec<ElementRef> = el.select(&rows).collect();
        let columns = rows
            .iter()
            .map(|r| r.child_elements().count())
            .max()
            .unwrap_or(1)
            .max(1);
        let width = 9000 / columns;
        let mut xml = String::from("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
        for _ in 0..columns {
            xml.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
        }
        xml.push_str("</w:tblGrid>");
        for (i, row) in rows.iter().enumerate() {
            let in_head = row
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| p.value().name() == "thead");
            let all_th = row.child_elements().all(|c| c.value().name() == "th");
            let header = in_head || (i == 0 && all_th);
            xml.push_str("<w:tr>");
            if header {
                xml.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            }
            for cell in row.child_elements() {
                let fmt = Fmt {
                    bold: cell.value().name() == "th",
                    ..Fmt::default()
                };
                let mut runs = String::new();
                self.inline_children(cell, fmt, &mut runs);
                xml.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p>{}{runs}</w:p></w:tc>",
                    self.paragraph_props(Some("TableText"), None)
                ));
            }
            xml.push_str("</w:tr>");
        }
        xml.push_str("</w:tbl>");
        self.body.push_str(&xml);
    }

    /// A chart: its PNG (which prints its title and takeaway) with the title,
    /// description and takeaway as alt text, its source, and its data table.
    fn chart(&mut self, el: ElementRef) {
        let mut description = String::new();
        let mut takeaway = String::new();
        for child in el.child_elements() {
            match child.value().name() {
                "figcaption" => {
                    // The title and takeaway are printed in the chart's picture and go in
                    // its alt text: once is enough on paper.
                    takeaway = child
                        .child_elements()
                        .filter(|p| !p.value().classes().any(|c| c == "chart-title"))
                        .map(built_page::text)
                        .collect::<Vec<_>>()
                        .join(" ");
                }
                "div" => {
                    if let Ok(desc) = Selector::parse("svg desc") {
                        description = child
                            .select(&desc)
                            .next()
                            .map(built_page::text)
                            .unwrap_or_default();
                    }
                    if description.is_empty() {
                        description = child.attr("aria-label").unwrap_or_default().to_string();
                    }
                }
                _ => {}
            }
        }
        let title = el
            .select(&Selector::parse(".chart-title").expect("a valid selector"))
            .next()
            .map(built_page::text)
            .unwrap_or_default();
        let alt = match description.contains(takeaway.trim()) {
            true => fold_space(&format!("{title}. {description}")),
            false => fold_space(&format!("{title}. {description} {takeaway}")),
        };
        if let Some(bytes) = self.chart_png(el) {
            self.picture(bytes, &alt, CHART_CM);
        }
        for child in el.child_elements() {
            if child.value().name() != "figcaption" && child.value().name() != "div" {
                self.block(child, 0);
            }
        }
    }

    /// The chart's PNG, from its download link.
    fn chart_png(&self, el: ElementRef) -> Option<Vec<u8>> {
        let links = Selector::parse("a[href$=\".png\"]").ok()?;
        let href = el.select(&links).next()?.attr("href")?;
        match built_page::resolve(&self.page.path, href) {
            Target::Site { file, .. } if !file.contains("..") => {
                std::fs::read(self.output.join(file)).ok()
            }
            _ => None,
        }
    }

    /// The QR code, as a PNG labelled with its address, then the printed address.
    fn qr(&mut self, el: ElementRef) {
        let label = el
            .select(&Selector::parse("svg").expect("a valid selector"))
            .next()
            .and_then(|s| s.attr("aria-label"))
            .unwrap_or_default()
            .to_string();
        let address = el
            .select(&Selector::parse(".brief-url").expect("a valid selector"))
            .next()
            .map(built_page::text)
            .unwrap_or_default();
        // Side by side in a table without borders, as on the printed brief: the code
        // alone on a line took the space that let the brief end on its second page.
        let start = self.body.len();
        if let Some(png) = qr_png(&address) {
            self.picture(png, &label, QR_CM);
        }
        let code = self.body.split_off(start);
        for p in el.child_elements().filter(|c| c.value().name() == "p") {
            let runs = self.inlines(p);
            self.paragraph(None, None, &runs);
        }
        let text = self.body.split_off(start);
        let (code, text) = (or_empty(code), or_empty(text));
        let (left, right) = (QR_CM * 567 + 284, 9000 - QR_CM * 567 - 284);
        self.body.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{left}\"/><w:gridCol w:w=\"{right}\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"{left}\" w:type=\"dxa\"/></w:tcPr>{code}</w:tc><w:tc><w:tcPr><w:tcW w:w=\"{right}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>{text}</w:tc></w:tr></w:tbl>"
        ));
    }

    /// A picture in its own paragraph, `width_cm` wide, with `alt` as its description.
    fn picture(&mut self, bytes: Vec<u8>, alt: &str, width_cm: u64) {
        let Some((w, h)) = png_size(&bytes) else {
            return;
        };
        let run = self.drawing(
            Media { bytes, ext: "png" },
            (w, h),
            alt,
            width_cm * EMU_PER_CM,
        );
        self.paragraph(None, None, &run);
    }

    /// A photo of the page (`<img>`, alone or in its `<picture>`) as a drawing run with
    /// the page's alt text as its description: its JPEG or PNG copy at most
    /// [`PHOTO_PX`] wide, read from the output folder (published without metadata).
    /// Nothing for an image that is not a JPEG or PNG of the site.
    fn photo(&mut self, el: ElementRef) -> String {
        let Some((file, ext)) = photo_file(&self.page.path, el) else {
            return String::new();
        };
        let Some(bytes) = std::fs::read(self.output.join(file)).ok() else {
            return String::new();
        };
        let Some((w, h)) = image::ImageReader::new(std::io::Cursor::new(&bytes))
            .with_guessed_format()
            .ok()
            .and_then(|r| r.into_dimensions().ok())
        else {
            return String::new();
        };
        // 960 pixels fill 12 cm; a smaller photo prints smaller rather than blurred.
        let cx = PHOTO_CM * EMU_PER_CM * u64::from(w.min(PHOTO_PX)) / u64::from(PHOTO_PX);
        let alt = el.attr("alt").unwrap_or_default();
        self.drawing(Media { bytes, ext }, (w, h), alt, cx)
    }

    /// The run that shows `media` (`size` in pixels) `cx` EMU wide, with `alt` as its
    /// description.
    fn drawing(&mut self, media: Media, (w, h): (u32, u32), alt: &str, cx: u64) -> String {
        let ext = media.ext;
        self.media.push(media);
        let n = self.media.len();
        let cy = cx * u64::from(h) / u64::from(w.max(1));
        let alt = xml_escape(alt);
        format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"image{n}.{ext}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdM{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    }

    fn paragraph_props(&self, style: Option<&str>, list: Option<ListItem>) -> String {
        let mut props = String::new();
        if let Some(style) = style {
            props.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
        }
        if let Some(item) = list {
            props.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                item.level, item.num_id
            ));
        }
        if self.source.rtl {
            props.push_str("<w:bidi/>");
        }
        if props.is_empty() {
            props
        } else {
            format!("<w:pPr>{props}</w:pPr>")
        }
    }

    fn paragraph(&mut self, style: Option<&str>, list: Option<ListItem>, runs: &str) {
        if runs.is_empty() {
            return;
        }
        let props = self.paragraph_props(style, list);
        self.body.push_str(&format!("<w:p>{props}{runs}</w:p>"));
    }

    /// The runs of an element's inline content.
    fn inlines(&mut self, el: ElementRef) -> String {
        let mut runs = String::new();
        self.inline_children(el, Fmt::default(), &mut runs);
        runs
    }

    fn inline_children(&mut self, el: ElementRef, fmt: Fmt, out: &mut String) {
        for child in el.children() {
            match child.value() {
                Node::Text(t) => self.run(t, fmt, out),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.inline(c, fmt, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn inline(&mut self, el: ElementRef, fmt: Fmt, out: &mut String) {
        if visually_hidden(&el) {
            return;
        }
        match el.value().name() {
            "strong" | "b" => self.inline_children(el, Fmt { bold: true, ..fmt }, out),
            "em" | "i" | "cite" => self.inline_children(
                el,
                Fmt {
                    italic: true,
                    ..fmt
                },
                out,
            ),
            "br" => out.push_str("<w:r><w:br/></w:r>"),
            "img" => out.push_str(&self.photo(el)),
            "svg" | "script" | "style" | "button" => {}
            "a" => match el.attr("href") {
                Some(href) if !href.starts_with('#') => {
                    let address = match built_page::resolve(&self.page.path, href) {
                        Target::Site { file, fragment } => built_page::web_address(
                            &self.source.base_url,
                            &file,
                            fragment.as_deref(),
                        ),
                        Target::Outside(address) => address,
                    };
                    self.links.push(address);
                    let mut runs = String::new();
                    self.inline_children(el, Fmt { link: true, ..fmt }, &mut runs);
                    out.push_str(&format!(
                        "<w:hyperlink r:id=\"rIdL{}\" w:history=\"1\">{runs}</w:hyperlink>",
                        self.links.len()
                    ));
                }
                _ => self.inline_children(el, fmt, out),
            },
            _ => self.inline_children(el, fmt, out),
        }
    }

    /// A run of text, its white space folded as a browser would.
    fn run(&self, text: &str, fmt: Fmt, out: &mut String) {
        let mut folded = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                // No space at the start of a paragraph.
                if space && !(out.is_empty() && folded.is_empty()) {
                    folded.push(' ');
                }
                space = false;
                folded.push(c);
            }
        }
        if space && !(out.is_empty() && folded.is_empty()) {
            folded.push(' ');
        }
        if folded.is_empty() {
            return;
        }
        let mut props = String::new();
        if fmt.link {
            props.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
        }
        if fmt.bold {
            props.push_str("<w:b/><w:bCs/>");
        }
        if fmt.italic {
            props.push_str("<w:i/><w:iCs/>");
        }
        if self.source.rtl {
            props.push_str("<w:rtl/>");
        }
        let props = if props.is_empty() {
            props
        } else {
            format!("<w:rPr>{props}</w:rPr>")
        };
        out.push_str(&format!(
            "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml_escape(&folded)
        ));
    }

    /// Every part of the .docx file.
    fn package(&self, title: &str) -> Result<Vec<Part>, String> {
        let mut parts = vec![
            Part::new("[Content_Types].xml", CONTENT_TYPES),
            Part::new("_rels/.rels", ROOT_RELS),
            Part::new("docProps/core.xml", self.core(title)),
            Part::new("word/document.xml", self.document()),
            Part::new("word/_rels/document.xml.rels", self.relationships()),
            Part::new("word/styles.xml", self.styles()),
            Part::new("word/numbering.xml", self.numbering()),
            Part::new("word/fontTable.xml", FONT_TABLE),
            Part::new("word/settings.xml", self.settings()),
        ];
        for (i, m) in self.media.iter().enumerate() {
            parts.push(Part::new(
                format!("word/media/image{}.{}", i + 1, m.ext),
                m.bytes.clone(),
            ));
        }
        Ok(parts)
    }

    fn document(&self) -> String {
        let (w, h) = match self.source.paper.as_str() {
            "a4" => (11906, 16838),
            _ => (12240, 15840),
        };
        format!(
            "{XML_HEAD}<w:document {NAMESPACES}><w:body>{}<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"/><w:pgMar w:top=\"851\" w:right=\"1021\" w:bottom=\"851\" w:left=\"1021\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
            self.body
        )
    }

    fn relationships(&self) -> String {
        let mut rels = String::from("<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/><Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>");
        for (i, link) in self.links.iter().enumerate() {
            rels.push_str(&format!(
                "<Relationship Id=\"rIdL{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"{}\" TargetMode=\"External\"/>",
                i + 1,
                xml_escape(link)
            ));
        }
        for (i, m) in self.media.iter().enumerate() {
            rels.push_str(&format!("<Relationship Id=\"rIdM{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image{}.{}\"/>", i + 1, i + 1, m.ext));
        }
        format!("{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>")
    }

    /// Styles: the language and font in the defaults, Word's built-in heading, list,
    /// caption and hyperlink styles, and a table style with borders.
    fn styles(&self) -> String {
        let lang = xml_escape(&self.source.lang);
        let heading = |n: usize, size: usize| {
            format!("<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"160\" w:after=\"80\"/><w:outlineLvl w:val=\"{}\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr></w:style>", n - 1)
        };
        format!(
            "{XML_HEAD}<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"{FONT}\" w:hAnsi=\"{FONT}\" w:cs=\"{FONT}\" w:eastAsia=\"{FONT}\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"100\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
{}{}{}\
<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:ind w:left=\"567\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"60\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr></w:style>\
<w:style w:type=\"character\" w:styleId=\"Hyperlink\"><w:name w:val=\"Hyperlink\"/><w:uiPriority w:val=\"99\"/><w:rPr><w:color w:val=\"0B4F8A\"/><w:u w:val=\"single\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"767676\"/></w:tblBorders><w:tblCellMar><w:left w:w=\"108\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>",
            heading(1, 36),
            heading(2, 28),
            heading(3, 24)
        )
    }

    /// One bullet list definition and one numbered, each numbered list restarting at 1.
    fn numbering(&self) -> String {
        let levels = |bullet: bool| {
            (0..3)
                .map(|l| {
                    let (fmt, text) = if bullet {
                        ("bullet", ["•", "◦", "▪"][l].to_string())
                    } else {
                        ("decimal", format!("%{}.", l + 1))
                    };
                    format!("<w:lvl w:ilvl=\"{l}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"{}\" w:hanging=\"360\"/></w:pPr></w:lvl>", 720 * (l + 1))
                })
                .collect::<String>()
        };
        let mut xml = format!(
            "{XML_HEAD}<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}</w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"hybridMultilevel\"/>{}</w:abstractNum><w:num w:numId=\"{BULLETS}\"><w:abstractNumId w:val=\"0\"/></w:num>",
            levels(true),
            levels(false)
        );
        for i in 1..=self.numbered {
            xml.push_str(&format!("<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>", BULLETS + i));
        }
        xml.push_str("</w:numbering>");
        xml
    }

    fn settings(&self) -> String {
        format!(
            "{XML_HEAD}<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:themeFontLang w:val=\"{}\"/><w:defaultTabStop w:val=\"720\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>",
            xml_escape(&self.source.lang)
        )
    }

    fn core(&self, title: &str) -> String {
        format!(
            "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:language>{}</dc:language></cp:coreProperties>",
            xml_escape(title),
            xml_escape(&self.source.lang)
        )
    }
}

/// The site's font, as Word should look for it.
const FONT: &str = "Atkinson Hyperlegible";

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const NAMESPACES: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

/// The site's font, then a safe fallback: Word and LibreOffice use `altName` and the
/// sans-serif family when the font is not installed.
const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:font w:name=\"Atkinson Hyperlegible\"><w:altName w:val=\"Verdana\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font><w:font w:name=\"Verdana\"><w:altName w:val=\"Arial\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>";

/// Pixels of a PNG, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .ok()?;
    let info = reader.info();
    Some((info.width, info.height))
}

/// The QR code of `url` as a black-on-white PNG, 8 pixels a module, with the quiet
/// zone of four modules.
fn qr_png(url: &str) -> Option<Vec<u8>> {
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; size * size];
    for (i, c) in colors.iter().enumerate() {
        if *c != Color::Dark {
            continue;
        }
        let (mx, my) = (i % width + QUIET, i / width + QUIET);
        for y in my * SCALE..(my + 1) * SCALE {
            let row = y * size;
            pixels[row + mx * SCALE..row + (mx + 1) * SCALE].fill(0);
        }
    }
    let mut out = Vec::new();
    {
        let side = u32::try_from(size).ok()?;
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_file_sits_beside_the_brief() {
        assert_eq!(file_for("brief/index.html", "en"), "brief/brief-en.docx");
        assert_eq!(file_for("fr/note/index.html", "fr"), "fr/note/note-fr.docx");
        assert_eq!(file_for("index.html", "en"), "brief-en.docx");
    }

    #[test]
    fn the_qr_picture_is_a_png_of_whole_modules() {
        let png = qr_png("https://example.org/").unwrap();
        let (w, h) = png_size(&png).unwrap();
        assert_eq!(w, h);
        assert_eq!(w % 8, 0);
    }
}
