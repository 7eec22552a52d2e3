//! Slide decks for info sessions, from a page made with the `slides.html` template.
//!
//! A deck written by hand has one slide per `##` heading; a ```` ```notes ```` block on a
//! slide holds what the presenter says, kept off the slide. A deck page with no `##`
//! heading is built from the site's data: the key messages, one slide per
//! recommendation, the charts named in `extra.charts`. Both start with a title slide
//! and end with a closing slide that has the QR code of the site.

use serde::Serialize;

use crate::load::data::SiteData;
use crate::markdown::render_plain;
use crate::text::escape::escape;
use crate::text::html_scan;

/// One slide, for the template.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Slide {
    /// `slide-1`, `slide-2`…: the address of the slide (`#slide-2`).
    pub id: String,
    pub number: usize,
    /// `title`, `message`, `recommendation`, `chart`, `content` or `closing`.
    pub kind: &'static str,
    /// The heading, as HTML (inline markup kept).
    pub heading: String,
    /// The slide's body, as HTML.
    pub body: String,
    /// The speaker notes, as HTML (empty when there are none).
    pub notes: String,
    /// The chart shown on a chart slide (an id in charts.yaml).
    pub chart: Option<String>,
}

/// The slides of a deck page. `content` is the page's rendered Markdown.
pub fn deck(
    title: &str,
    content: &str,
    data: &SiteData,
    charts: &[String],
    notes_label: &str,
    safe: bool,
) -> Vec<Slide> {
    let (intro, written) = split(content);
    let mut slides = vec![slide("title", escape(title), intro, String::new(), None)];
    if written.is_empty() {
        for m in &data.key_messages {
            slides.push(slide(
                "message",
                escape(&m.title),
                inline(&m.text, safe),
                String::new(),
                None,
            ));
        }
        for r in &data.recommendations {
            let mut body = inline(&r.summary, safe);
            if !r.how.is_empty() {
                body.push_str("<ul>");
                for step in r.how.iter().take(3) {
                    body.push_str(&format!("<li>{}</li>", inline_only(step, safe)));
                }
                body.push_str("</ul>");
            }
            let notes = format!("<div class=\"speaker-notes\" role=\"note\">\n<p class=\"speaker-notes-title\">{}</p>\n{}</div>\n", escape(notes_label), render_plain(&r.why, safe));
            slides.push(slide("recommendation", escape(&r.title), body, notes, None));
        }
        for id in charts {
            slides.push(slide(
                "chart",
                String::new(),
                String::new(),
                String::new(),
                Some(id.clone()),
            ));
        }
    } else {
        for (heading, body) in written {
            let (body, notes) = take_notes(&body);
            slides.push(slide("content", heading, body, notes, None));
        }
    }
    slides.push(slide(
        "closing",
        String::new(),
        String::new(),
        String::new(),
        None,
    ));
    for (i, s) in slides.iter_mut().enumerate() {
        s.number = i + 1;
        s.id = format!("slide-{}", i + 1);
    }
    slides
}

fn slide(
    kind: &'static str,
    heading: String,
    body: String,
    notes: String,
    chart: Option<String>,
) -> Slide {
    Slide {
        id: String::new(),
        number: 0,
        kind,
        heading,
        body,
        notes,
        chart,
    }
}

/// Markdown text as a paragraph.
fn inline(text: &str, safe: bool) -> String {
    render_plain(text, safe)
}

/// Markdown text without its paragraph tags, for a list item.
fn inline_only(text: &str, safe: bool) -> String {
    let html = render_plain(text, safe);
    html.trim()
        .trim_start_matches("<p>")
        .trim_end_matches("</p>")
        .to_string()
}

/// Splits rendered HTML at its `<h2` headings: the part before the first heading, then
/// (heading's inner HTML, the HTML up to the next heading) for each.
pub fn split(html: &str) -> (String, Vec<(String, String)>) {
    let mut parts = html.split("<h2");
    let intro = parts.next().unwrap_or("").to_string();
    let mut slides = Vec::new();
    for part in parts {
        // ` id="x">Heading</h2>\nbody…`
        let Some(open_end) = part.find('>') else {
            continue;
        };
        let rest = &part[open_end + 1..];
        let (heading, body) = match rest.find("</h2>") {
            Some(close) => (&rest[..close], &rest[close + 5..]),
            None => (rest, ""),
        };
        slides.push((heading.to_string(), body.trim().to_string()));
    }
    (intro.trim().to_string(), slides)
}

/// Moves the speaker notes out of a slide's HTML.
fn take_notes(html: &str) -> (String, String) {
    const OPEN: &str = "<div class=\"speaker-notes\"";
    let mut body = String::new();
    let mut notes = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        body.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find("</div>").map(|e| e + 6).unwrap_or(after.len());
        notes.push_str(&after[..end]);
        rest = &after[end..];
    }
    body.push_str(rest);
    (body.trim().to_string(), notes)
}

/// What the slide stylesheet hides on a slide: a chart's download links.
const HIDDEN_ON_SLIDES: &[&str] = &["chart-downloads"];

/// Words the room sees on a slide, for the one-idea-per-slide check: not a chart's
/// picture, its description for screen readers, its data table until it is opened, nor
/// its download links (see [`html_scan::seen_text`]).
pub fn word_count(html: &str) -> usize {
    html_scan::seen_text(html, HIDDEN_ON_SLIDES)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_written_deck_has_a_slide_per_heading_and_its_notes_apart() {
        let html = "<p>Hello</p>\n<h2 id=\"a\">First <em>one</em></h2>\n<p>One idea.</p>\n<div class=\"speaker-notes\" role=\"note\">\n<p class=\"speaker-notes-title\">Speaker notes</p>\n<p>Say this.</p>\n</div>\n<h2 id=\"b\">Second</h2>\n<ul><li>x</li></ul>\n";
        let slides = deck(
            "Deck",
            html,
            &SiteData::default(),
            &[],
            "Speaker notes",
            false,
        );
        let kinds: Vec<&str> = slides.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, ["title", "content", "content", "closing"]);
        assert_eq!(slides[0].body, "<p>Hello</p>");
        assert_eq!(slides[1].heading, "First <em>one</em>");
        assert_eq!(slides[1].body, "<p>One idea.</p>");
        assert!(slides[1].notes.contains("Say this."));
        assert_eq!((slides[3].id.as_str(), slides[3].number), ("slide-4", 4));
    }

    #[test]
    fn a_deck_without_headings_is_built_from_the_data() {
        let mut data = SiteData::default();
        data.key_messages
            .push(serde_saphyr::from_str("title: M\ntext: Say it.\n").unwrap());
        let how = ["a", "b", "c", "d"].map(Into::into).to_vec();
        data.recommendations
            .push(crate::load::data::Recommendation {
                how,
                ..crate::load::data::Recommendation::minimal("pay", "Pay fairly", "Pay people.")
            });
        let slides = deck(
            "Deck",
            "<p>Intro</p>",
            &data,
            &["conditions".into()],
            "Notes",
            false,
        );
        let kinds: Vec<&str> = slides.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            ["title", "message", "recommendation", "chart", "closing"]
        );
        assert_eq!(
            slides[2].body.matches("<li>").count(),
            3,
            "at most three steps on a slide"
        );
        assert!(slides[2].notes.contains("Because."));
        assert_eq!(slides[3].chart.as_deref(), Some("conditions"));
    }

    #[test]
    fn words_are_counted_outside_tags() {
        assert_eq!(
            word_count("<p>Pay people <em>fairly</em>.</p><ul><li>now</li></ul>"),
            4
        );
    }
}
