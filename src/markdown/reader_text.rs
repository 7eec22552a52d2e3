//! Text a reader sees in a page that is not running Markdown prose: the text of raw HTML
//! blocks, the attributes a reader sees or hears of tags in running text (`<abbr
//! title>`), and the source of chart blocks. Each is gathered from the Markdown parser's
//! events with the file offset of every piece (pulldown-cmark's ranges), so the checks
//! can place each word exactly: the HTML scanner ([`crate::text::html_scan::text_runs`])
//! or the YAML parser says where a word is inside the gathered text, and [`Gathered`]
//! says where that is in the file. Nothing is searched for again.

use std::ops::Range;

use super::{BlockKind, ProseBlock};
use crate::text::html_scan::{text_runs, RunKind};

/// Text gathered from several events of the Markdown parser (the lines of an HTML block,
/// of a chart block), with where each piece starts in the file.
#[derive(Debug, Default, Clone)]
pub struct Gathered {
    pub text: String,
    /// (offset in `text`, byte offset in the file) where each piece starts.
    pieces: Vec<(usize, usize)>,
}

impl Gathered {
    /// Adds a piece the parser read at `file_offset`.
    pub fn push(&mut self, piece: &str, file_offset: usize) {
        self.pieces.push((self.text.len(), file_offset));
        self.text.push_str(piece);
    }

    /// A piece of inline HTML as the parser hands it over (`piece`), read from `source`
    /// at `file_offset`: as written, or, when it runs over lines inside a quote or a list
    /// item, without each next line's `>` or indent, so each of its lines is the end of
    /// its line in the file. `None` when the lines do not match so (a tab read as
    /// spaces).
    pub fn inline(piece: &str, source: &str, file_offset: usize) -> Option<Gathered> {
        let mut g = Gathered::default();
        if piece == source {
            g.push(piece, file_offset);
            return Some(g);
        }
        let (mut lines, mut written) = (piece.split_inclusive('\n'), source.split_inclusive('\n'));
        let mut at = file_offset;
        loop {
            match (lines.next(), written.next()) {
                (None, None) => return Some(g),
                (Some(line), Some(in_file)) if in_file.ends_with(line) => {
                    g.push(line, at + in_file.len() - line.len());
                    at += in_file.len();
                }
                _ => return None,
            }
        }
    }

    /// The byte offset in the file of position `pos` of the gathered text.
    pub fn file_offset(&self, pos: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(p, _)| p <= pos)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(&(p, f)) => f + pos.saturating_sub(p),
            None => 0,
        }
    }

    /// A block made of `ranges` of the gathered text (joined by spaces), each mapped to
    /// the file piece by piece; `None` when they hold no words.
    fn block(
        &self,
        kind: BlockKind,
        ranges: &[Range<usize>],
        ignore: &[String],
    ) -> Option<ProseBlock> {
        let first = ranges.first()?;
        let mut b = ProseBlock {
            kind,
            text: String::new(),
            map: Vec::new(),
            start_offset: self.file_offset(first.start),
            ignore: ignore.to_vec(),
            level: 0,
        };
        for r in ranges {
            if !b.text.is_empty() {
                b.text.push(' ');
            }
            // A run can go over the end of a piece (a line of an HTML block inside a
            // list): a new map entry at each piece that starts inside it.
            let mut cuts = vec![r.start];
            cuts.extend(
                self.pieces
                    .iter()
                    .map(|&(p, _)| p)
                    .filter(|&p| p > r.start && p < r.end),
            );
            cuts.push(r.end);
            for w in cuts.windows(2) {
                b.map.push((b.text.len(), self.file_offset(w[0])));
                b.text.push_str(self.text.get(w[0]..w[1]).unwrap_or(""));
            }
        }
        b.map.dedup_by_key(|&mut (p, _)| p);
        b.drop_invisible();
        (!b.text.trim().is_empty()).then_some(b)
    }

    /// The prose of a raw HTML block: paragraphs of its text (a new one at each block
    /// element, so `<p>` and `<li>` end sentences); then, as short texts on their own,
    /// the alt text of its images ([`BlockKind::Label`]) and the paragraphs of its
    /// `<blockquote>`s ([`BlockKind::Quote`], quoted speech as a Markdown quote is). In
    /// a Markdown quote (`quoted`), all its text is quoted speech.
    pub fn html_prose(
        &self,
        ignore: &[String],
        quoted_block: bool,
    ) -> (Vec<ProseBlock>, Vec<ProseBlock>) {
        let mut out = (Vec::new(), Vec::new());
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut quoted = false;
        for run in text_runs(&self.text) {
            let now_quoted = match run.kind {
                RunKind::Alt => {
                    (out.1).extend(self.block(BlockKind::Label, &[run.range], ignore));
                    continue;
                }
                RunKind::Text => quoted_block,
                RunKind::Quote => true,
            };
            if run.starts_block || now_quoted != quoted {
                self.end_run(&mut runs, quoted, ignore, &mut out);
            }
            quoted = now_quoted;
            runs.push(run.range);
        }
        self.end_run(&mut runs, quoted, ignore, &mut out);
        out
    }

    /// The words of the attributes a reader sees or hears in the tags of inline HTML
    /// (`<abbr title="…">`, `<img alt="…">`), each a label of its own; the text between
    /// the tags is the Markdown's own, read there.
    pub fn attribute_labels(&self, ignore: &[String]) -> Vec<ProseBlock> {
        text_runs(&self.text)
            .into_iter()
            .filter(|run| matches!(run.kind, RunKind::Alt))
            .filter_map(|run| self.block(BlockKind::Label, &[run.range], ignore))
            .collect()
    }

    /// Ends the block of `runs`: a paragraph (`out.0`), or quoted speech, kept with the
    /// labels (`out.1`) as a Markdown quote is.
    fn end_run(
        &self,
        runs: &mut Vec<Range<usize>>,
        quoted: bool,
        ignore: &[String],
        out: &mut (Vec<ProseBlock>, Vec<ProseBlock>),
    ) {
        if quoted {
            (out.1).extend(self.block(BlockKind::Quote, runs, ignore));
        } else {
            (out.0).extend(self.block(BlockKind::Paragraph, runs, ignore));
        }
        runs.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file text at each word's place must be the word itself.
    fn words_in_place(file: &str, b: &ProseBlock) {
        let mut pos = 0;
        for w in b.text.split_whitespace() {
            let at = b.text[pos..].find(w).unwrap() + pos;
            let f = b.file_offset(at);
            assert_eq!(&file[f..f + w.len()], w, "{b:?}");
            pos = at + w.len();
        }
    }

    #[test]
    fn html_block_text_keeps_each_word_at_its_place_in_the_file() {
        // Two lines of an HTML block inside a list item: the parser hands them over
        // without their indent, each with its own place.
        let file = "- item\n\n  <div class=\"note\"><p>People were\n  paid &amp; thanked.</p><p>Second part</p>\n  <img src=\"a.png\" alt=\"A room with chairs\"></div>\n";
        let mut g = Gathered::default();
        for line in file.lines().skip(2) {
            let piece = line.trim_start();
            let at = file.find(piece).unwrap();
            g.push(&format!("{piece}\n"), at);
        }
        let (paragraphs, labels) = g.html_prose(&[], false);
        let texts: Vec<&str> = paragraphs.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["People were\npaid   thanked.", "Second part"]);
        for b in paragraphs.iter().chain(&labels) {
            words_in_place(file, b);
        }
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].text, "A room with chairs");
        assert_eq!(labels[0].kind, BlockKind::Label);
    }

    #[test]
    fn a_blockquote_in_html_is_quoted_speech_at_its_place() {
        let file = "<div><p>Our words.</p><blockquote><p>Their words, at length.</p><blockquote>Nested too.</blockquote></blockquote><p>Ours again.</p></div>\n";
        let mut g = Gathered::default();
        g.push(file, 0);
        let (paragraphs, labels) = g.html_prose(&[], false);
        let texts = |b: &[ProseBlock]| b.iter().map(|b| b.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&paragraphs), ["Our words.", "Ours again."]);
        assert_eq!(texts(&labels), ["Their words, at length.", "Nested too."]);
        assert!(labels.iter().all(|b| b.kind == BlockKind::Quote));
        for b in paragraphs.iter().chain(&labels) {
            words_in_place(file, b);
        }
        // Inside a Markdown quote, every word of the block is quoted speech.
        let (paragraphs, labels) = g.html_prose(&[], true);
        assert!(paragraphs.is_empty(), "{paragraphs:?}");
        assert_eq!(labels.len(), 4);
    }

    #[test]
    fn the_attributes_of_an_inline_tag_are_labels_at_their_place() {
        let file = "Our <abbr title=\"people who use drugs\">PWUD</abbr> team";
        let tag = "<abbr title=\"people who use drugs\">";
        let mut g = Gathered::default();
        g.push(tag, 4);
        let labels = g.attribute_labels(&["jargon".to_string()]);
        assert_eq!(labels.len(), 1, "{labels:?}");
        assert_eq!(labels[0].text, "people who use drugs");
        assert_eq!(labels[0].kind, BlockKind::Label);
        assert_eq!(labels[0].ignore, ["jargon"]);
        words_in_place(file, &labels[0]);
        // An end tag, or a start tag without such attributes, has none.
        for tag in ["</abbr>", "<span class=\"x\">", "<br>"] {
            let mut g = Gathered::default();
            g.push(tag, 0);
            assert!(g.attribute_labels(&[]).is_empty(), "{tag}");
        }
    }

    #[test]
    fn a_tag_over_lines_in_a_quote_keeps_each_line_at_its_place() {
        let file = "> A <span\n> title=\"Two\n>   lines\">x</span>\n";
        let source = &file[4..file.find(">x").unwrap() + 1];
        let piece = "<span\ntitle=\"Two\n  lines\">";
        let g = Gathered::inline(piece, source, 4).unwrap();
        assert_eq!(g.text, piece);
        let labels = g.attribute_labels(&[]);
        assert_eq!(labels.len(), 1, "{labels:?}");
        words_in_place(file, &labels[0]);
        // As written, one piece; lines that do not end their lines in the file, none.
        assert_eq!(Gathered::inline("<b>", "<b>", 7).unwrap().file_offset(1), 8);
        assert!(Gathered::inline("<span\ntitle=\"x\">", "<span\n>\ttitle=\"y\">", 0).is_none());
    }

    #[test]
    fn scripts_styles_code_and_comments_are_not_prose() {
        let html = "<script>var x = 1;</script><style>p{}</style><!-- a note -->\n<pre>code here</pre><p>Seen</p>";
        let mut g = Gathered::default();
        g.push(html, 10);
        let (paragraphs, labels) = g.html_prose(&[], false);
        let texts: Vec<&str> = paragraphs.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Seen"]);
        assert!(labels.is_empty());
        assert_eq!(
            paragraphs[0].file_offset(0),
            10 + html.find("Seen").unwrap()
        );
    }
}
