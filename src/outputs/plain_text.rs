//! Plain-text copies of the pages meant to travel (each brief and slide deck), beside the
//! page: `/brief/brief.txt` next to `/brief/`. The text is what the page's `<main>` says,
//! read from the rendered page with a browser's parser (scraper): headings underlined,
//! paragraphs apart, list items and table rows on their own lines, a chart as its text
//! alternative and its data table, links as "text (address)" with the site's own
//! addresses made absolute (glossary links as their words only), and no HTML left. Screen-reader-only text stays: it says
//! what the eye gets from the layout. Controls (buttons, navigation, the data table's
//! "show" switch) and hidden parts are left out.

use scraper::{CaseSensitivity::CaseSensitive, ElementRef, Node, Selector};
use url::Url;

use crate::outputs::built_page::fold_space;

/// The plain-text file of a page address, beside its one-file copy: `/fr/slides/` gives
/// `fr/slides/slides.txt`.
pub fn file_for(url: &str) -> String {
    let offline = crate::outputs::offline::file_for(url);
    let stem = offline.strip_suffix(".html").unwrap_or(&offline);
    format!("{stem}.txt")
}

/// The text of the page `html`, whose web address is `address` (for its links).
pub fn of_page(html: &str, address: &str) -> String {
    // Read by recursion: nesting past what a browser keeps is flattened.
    let doc = crate::text::nesting::parse_document(html);
    let mut text = Text {
        base: Url::parse(address).ok(),
        ..Text::default()
    };
    let root = ["main", "article", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    text.children(root);
    text.flush();
    text.out.push('\n');
    text.out
}

/// The text written so far and the line being gathered.
#[derive(Default)]
struct Text {
    base: Option<Url>,
    out: String,
    /// Inline text of the block being read; `\n` where the page breaks a line.
    line: String,
    /// The list marker of the next block, when it is a list item.
    marker: Option<String>,
    /// How deep in lists the reading is.
    depth: usize,
    /// Whether the last block was a line of a list or table (kept without a blank line
    /// before the next one).
    last_tight: bool,
}

impl Text {
    fn children(&mut self, el: ElementRef) {
        for child in el.children() {
            match child.value() {
                // A line break in the page's source is a space; only `<br>` breaks.
                Node::Text(t) => self.line.push_str(&t.replace(['\n', '\r'], " ")),
                Node::Element(_) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        self.element(c);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, el: ElementRef) {
        let attr = |name: &str| el.value().attr(name);
        if attr("hidden").is_some() || attr("aria-hidden") == Some("true") {
            return;
        }
        match el.value().name() {
            "script" | "style" | "template" | "noscript" | "nav" | "button" | "summary"
            | "form" | "input" | "select" | "textarea" => {}
            name @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => self.heading(el, name),
            "ul" | "ol" => self.list(el),
            "li" => self.item(el),
            "tr" => self.row(el),
            "a" => self.link(el),
            "br" => self.line.push('\n'),
            "img" => {
                if let Some(alt) = attr("alt").filter(|a| !a.trim().is_empty()) {
                    self.line.push_str(&format!(" {alt} "));
                }
            }
            "svg" => self.picture(el),
            // A chart's caption shows its title and its takeaway on lines of their own.
            "figcaption" => {
                self.flush();
                for part in el.child_elements() {
                    self.element(part);
                    self.line.push('\n');
                }
                self.flush();
            }
            "p" | "div" | "section" | "article" | "header" | "footer" | "figure" | "blockquote"
            | "details" | "caption" | "table" | "dl" | "dt" | "dd" | "pre" | "aside"
            | "address" | "hr" => {
                self.flush();
                self.children(el);
                self.flush();
            }
            _ => self.children(el),
        }
    }

    /// A heading on its own line, underlined (`=` for the page's title, `-` below).
    fn heading(&mut self, el: ElementRef, name: &str) {
        self.flush();
        let title = self.inline(el);
        if title.is_empty() {
            return;
        }
        let mark = if name == "h1" { "=" } else { "-" };
        let underline = mark.repeat(title.chars().count());
        self.push(&format!("{title}\n{underline}"), false);
    }

    fn list(&mut self, el: ElementRef) {
        self.flush();
        self.depth += 1;
        let ordered = el.value().name() == "ol";
        let mut number = 0;
        for item in el.child_elements() {
            if item.value().name() == "li" {
                number += 1;
                let marker = if ordered {
                    format!("{number}.")
                } else {
                    "-".into()
                };
                self.marker = Some(marker);
            }
            self.element(item);
        }
        self.depth -= 1;
        self.flush();
    }

    fn item(&mut self, el: ElementRef) {
        self.flush();
        self.marker.get_or_insert_with(|| "-".into());
        self.children(el);
        self.flush();
    }

    /// A table row: its cells on one line, separated by ` | `.
    fn row(&mut self, el: ElementRef) {
        self.flush();
        let cells: Vec<String> = el
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .map(|c| self.inline(c))
            .collect();
        self.push(&cells.join(" | "), true);
    }

    /// A link's words, then its address when the words do not already say it. A link
    /// to the glossary reads as its words only: the text is for reading aloud and
    /// pasting into a message, where an address after each term is noise.
    fn link(&mut self, el: ElementRef) {
        let words = self.inline(el);
        self.line.push_str(&words);
        let Some(href) = el.value().attr("href") else {
            return;
        };
        if href.starts_with('#') || el.value().has_class("glossary-link", CaseSensitive) {
            return;
        }
        let address = match &self.base {
            Some(base) => base.join(href).map(String::from).unwrap_or(href.into()),
            None => href.to_string(),
        };
        let shown = address.strip_prefix("mailto:").unwrap_or(&address);
        if shown != words {
            self.line.push_str(&format!(" ({shown})"));
        }
    }

    /// A chart or other drawing: its text alternative, once (a chart draws the same
    /// picture for wide and narrow screens).
    fn picture(&mut self, el: ElementRef) {
        let Ok(desc) = Selector::parse("desc") else {
            return;
        };
        let Some(words) = el
            .select(&desc)
            .next()
            .map(|d| fold_space(&d.text().collect::<String>()))
        else {
            return;
        };
        self.flush();
        if !self.out.ends_with(&words) {
            self.push(&words, false);
        }
    }

    /// The inline text of `el`, on one line, read apart from the block around it.
    fn inline(&mut self, el: ElementRef) -> String {
        let outer = std::mem::take(&mut self.line);
        self.children(el);
        fold_space(&std::mem::replace(&mut self.line, outer))
    }

    /// Ends the block being gathered: each of its lines with white space folded.
    fn flush(&mut self) {
        let block: Vec<String> = self
            .line
            .split('\n')
            .map(fold_space)
            .filter(|l| !l.is_empty())
            .collect();
        self.line.clear();
        if block.is_empty() {
            return;
        }
        let block = block.join("\n");
        match self.marker.take() {
            Some(marker) => {
                let indent = "  ".repeat(self.depth.saturating_sub(1));
                self.push(&format!("{indent}{marker} {block}"), true);
            }
            None => self.push(&block, self.depth > 0),
        }
    }

    /// Adds a block: after a blank line, or on the next line when this block and the
    /// last are both lines of a list or table.
    fn push(&mut self, block: &str, tight: bool) {
        if block.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str(if tight && self.last_tight {
                "\n"
            } else {
                "\n\n"
            });
        }
        self.out.push_str(block);
        self.last_tight = tight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_is_beside_the_page_and_its_offline_copy() {
        assert_eq!(file_for("/brief/"), "brief/brief.txt");
        assert_eq!(file_for("/fr/slides/"), "fr/slides/slides.txt");
    }

    #[test]
    fn chart_reads_as_its_text_alternative_once_and_its_data_table() {
        let html = "<main><figure><figcaption><span>Pay</span> <span>Fair pay helps.</span></figcaption><svg role=img><desc>Bar chart.</desc><text>x</text></svg><svg role=img><desc>Bar chart.</desc></svg><details><summary>Show the data</summary><table><caption>Data</caption><tr><th>Who<th>Pay<tr><td>Peers<td>Fair</table></details></figure><nav><a href=/x>Next</a></nav></main>";
        assert_eq!(
            of_page(html, "https://example.org/brief/"),
            "Pay\nFair pay helps.\n\nBar chart.\n\nData\n\nWho | Pay\nPeers | Fair\n"
        );
    }

    #[test]
    fn glossary_links_read_as_plain_words_but_other_links_keep_their_address() {
        let html = "<main><p>A <a class=\"glossary-link\" href=\"/glossary/#realist-review\">realist review</a> by <a class=\"glossary-link\" href=\"/glossary/#pwud\"><abbr title=\"People who use drugs\">PWUD</abbr></a>. See the <a href=\"/guide/\">guide</a>.</p></main>";
        assert_eq!(
            of_page(html, "https://example.org/brief/"),
            "A realist review by PWUD. See the guide (https://example.org/guide/).\n"
        );
    }

    #[test]
    fn nested_and_numbered_lists_keep_their_markers_and_hidden_text_stays() {
        let html = "<main><ol><li>One<ul><li>A</li></ul></li><li>Two <span class=visually-hidden>(new)</span></li></ol><p>End\nof <a href=\"mailto:us@example.org\">us@example.org</a><br>Bye</p></main>";
        assert_eq!(
            of_page(html, "https://example.org/brief/"),
            "1. One\n  - A\n2. Two (new)\n\nEnd of us@example.org\nBye\n"
        );
    }
}
