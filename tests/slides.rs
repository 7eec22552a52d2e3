//! Slide decks: a hand-written deck gets one slide per `##` heading with its speaker
//! notes kept apart, a slide with too many words is flagged, and the one-file copy
//! carries its own style, script and fonts, allowed by hash and nothing else.

mod common;

use common::*;

const DECK: &str = "---
title: Our talk
description: A short talk.
template: slides.html
---

Welcome, everyone.

## Why we met

We met to share what we learned.

```notes
Thank people for coming. Say who you are.
```

## What we learned

- People need fair pay.
- People need clear roles.

## Too much on one slide

This slide has far too many words on it, because it tries to say everything at once, all the details and every exception, the history of the project, the names of everyone who helped, and what we will do next year when the money comes in.
";

#[test]
fn a_hand_written_deck_has_a_slide_per_heading_and_notes_kept_apart() {
    let f = Fixture::new("basic");
    f.write("content/talk.md", DECK);
    let err = assert_ok(&f.build());
    let html = f.read_output("talk/index.html");
    for n in 1..=5 {
        assert!(
            html.contains(&format!("id=slide-{n} ")),
            "slide {n}: {html}"
        );
    }
    assert!(!html.contains("id=slide-6 "), "title + 3 slides + closing");
    assert!(
        html.contains("<h1 id=slide-1-title>Our talk</h1>"),
        "{html}"
    );
    assert!(
        html.contains("<h2 id=slide-2-title>Why we met</h2>"),
        "{html}"
    );
    let notes_at = html.find("Thank people for coming").unwrap();
    let notes_box = html[..notes_at].rfind("class=slide-notes").unwrap();
    let slide_inner_end = html[..notes_at].rfind("</div>").unwrap();
    assert!(
        notes_box > html.find("id=slide-2 ").unwrap()
            && notes_box < html.find("id=slide-3 ").unwrap()
            && slide_inner_end < notes_box,
        "notes sit outside the slide's content"
    );
    assert!(html.contains("2 of 5"), "slide numbers");
    assert!(
        err.contains("warning[slide-text]: slide 4 has 46 words"),
        "{err}"
    );
}

#[test]
fn the_one_file_copy_needs_nothing_else() {
    let f = Fixture::new("basic");
    f.write("content/talk.md", DECK);
    assert_ok(&f.build());
    let page = f.read_output("talk/index.html");
    assert!(
        page.contains("<a download href=../talk/talk.html>"),
        "the deck links its one-file copy: {page}"
    );
    let offline = std::fs::read_to_string(f.public().join("talk/talk.html")).unwrap();
    assert!(
        offline.contains("<style>") && offline.contains("<script>"),
        "style and script inline"
    );
    assert!(
        offline.contains("url(data:font/woff2;base64,"),
        "fonts inline"
    );
    assert!(
        !offline.contains("<link rel=\"stylesheet\"") && !offline.contains("<script src="),
        "nothing loaded from files"
    );
    assert!(
        offline.contains(
            "content=\"default-src 'none'; img-src data:; font-src data:; style-src 'sha256-"
        ),
        "a strict policy"
    );
    // Links back to the site are absolute, so they work from a USB stick.
    assert!(
        offline.contains("href=\"https://example.org/") || !offline.contains("href=\"/"),
        "no root-relative links"
    );
    for line in offline
        .lines()
        .filter(|l| l.contains("href=\"") || l.contains("src=\""))
    {
        assert!(
            !line.contains("href=\"/") && !line.contains("src=\"/") && !line.contains("href=\"../"),
            "{line}"
        );
    }
}

#[test]
fn a_deck_naming_an_unknown_chart_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write(
        "content/talk.md",
        "---\ntitle: Our talk\ntemplate: slides.html\nextra:\n  charts: [stpes]\n---\n\nHello.\n",
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("error: extra.charts names the chart \"stpes\", which is not in content/_data/charts.yaml\n  --> content/talk.md:5:12"), "{err}");
}

/// The one-idea-per-slide check counts the words the room sees: a chart on a
/// hand-written slide adds its title, takeaway and the summary of its data table, not
/// its picture's labels, its description for screen readers, the table until it is
/// opened, or its download links (the slide stylesheet hides them). Those put a slide
/// of nine words over the limit.
#[test]
fn a_chart_on_a_slide_counts_only_the_words_the_room_sees() {
    let f = Fixture::new("basic");
    f.write(
        "content/talk.md",
        "---\ntitle: Our talk\ntemplate: slides.html\n---\n\n## What to do\n\nCall 911. Give naloxone. Stay with the person.\n\n```chart\nuse: steps\n```\n",
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("slide-text"), "{err}");
}
