//! Problems in the review's data files are reported where the words are written: the
//! places come from the YAML parser, so a problem in the middle of a file (and in a
//! glossary the build sorts by term) is at its own line and column.

mod common;

use common::*;

const GLOSSARY: &str = "\
- term: Zinc
  definition: A metal the body needs in small amounts.
- term: Harm reduction
  definition: >
    Ways to make drug use safer,
    offered to addicts without judgement.
- term: Alpha
  definition: The first letter.
";

const FINDINGS: &str = "\
- id: helps
  title: It helps
  summary: Something helps.
  effect: benefit
  evidence: Two studies said so.
- id: trust
  title: Trust grows
  summary: Peers build trust.
  context: Two studies said so.
  mechanism: \"Staff stopped calling people addicts.\"
  effect: benefit
- id: later
  title: Later
  summary: It lasts.
  effect: benefit
";

// Indented by two spaces: a list the parser reads as any other.
const CHARTS: &str = "  - id: steps
    kind: steps
    title: Two steps
    takeaway: There are two steps.
    steps:
      - label: Plan
      - label: Do
  - id: counts
    kind: bar
    title: Counts
    takeaway: Most came back.
    data:
      - label: Came back
        value: -3
  - id: more
    kind: steps
    title: More steps
    takeaway: There are more steps.
    steps:
      - label: Plan
";

#[test]
fn problems_in_the_middle_of_data_files_are_at_their_line_and_column() {
    let f = Fixture::new("basic");
    f.write("content/_data/glossary.yaml", GLOSSARY);
    f.write("content/_data/findings.yaml", FINDINGS);
    f.write("content/_data/charts.yaml", CHARTS);
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        places_of(&err, "respectful-language", "addicts"),
        [
            "content/_data/findings.yaml:10:44",
            "content/_data/glossary.yaml:6:16"
        ],
        "{err}"
    );
    assert_eq!(
        place_of(&err, "error:", "\"Came back\" is negative"),
        "content/_data/charts.yaml:14:16"
    );
}

#[test]
fn chart_titles_takeaways_and_labels_in_charts_yaml_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/charts.yaml",
        "- id: steps\n  kind: steps\n  title: Two steps\n  takeaway: Most representatives met twice.\n  steps:\n    - label: Plan\n    - label: Find eligible people\n    - label: Talk to addicts\n",
    );
    let err = assert_fails(&f.run(&["check", "--suggestions"]));
    assert_eq!(
        place_of(&err, "jargon", "representatives"),
        "content/_data/charts.yaml:4:18"
    );
    assert_eq!(
        place_of(&err, "jargon", "eligible"),
        "content/_data/charts.yaml:7:19"
    );
    assert_eq!(
        place_of(&err, "respectful-language", "addicts"),
        "content/_data/charts.yaml:8:22"
    );
}

#[test]
fn a_pages_title_description_and_summary_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write(
        "content/news/words.md",
        "---\ntitle: Talking to addicts\ndescription: A page about the utilization of services.\nsummary: Most representatives met twice.\n---\nWe met. We talked.\n",
    );
    let err = assert_fails(&f.run(&["check", "--suggestions"]));
    assert_eq!(
        place_of(&err, "respectful-language", "addicts"),
        "content/news/words.md:2:19"
    );
    assert_eq!(
        place_of(&err, "jargon", "utilization"),
        "content/news/words.md:3:31"
    );
    assert_eq!(
        place_of(&err, "jargon", "representatives"),
        "content/news/words.md:4:15"
    );
}

#[test]
fn theme_words_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write(
        "i18n/en.toml",
        "# The site's own words.\nprivacy = \"This site tracks no addicts.\"\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        place_of(&err, "respectful-language", "addicts"),
        "i18n/en.toml:2:32"
    );
}

/// A page whose every kind of text a reader sees names "addicts" once: alt text, a
/// table cell, a footnote, a raw HTML block (at the top and inside a list, where the
/// parser hands its lines over without their indent), and a chart block, in a block
/// quote too (a chart's words are the author's, not someone quoted).
const EVERY_TEXT: &str = "\
---
title: Words
---
We met. We talked.

![A room full of addicts](square.svg)

| Group | Note |
|---|---|
| Peers | We paid addicts. |

A note.[^1]

[^1]: Staff stopped calling people addicts.

<div class=\"box\">
<p>We met the
addicts.</p>
</div>

- In a list:

  <p>Talk to
  addicts here.</p>

```chart
kind: steps
title: Two steps
takeaway: Most addicts came back.
steps:
  - label: Plan
  - label: Ask addicts
```

> ```chart
> kind: steps
> title: Quoted steps
> takeaway: The chart is ours.
> steps:
>   - label: Plan
>   - label: Ask addicts
> ```
";

#[test]
fn alt_text_table_cells_footnotes_raw_html_and_chart_blocks_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write("content/guide/every-text.md", EVERY_TEXT);
    let err = assert_fails(&f.run(&["check"]));
    let mut found = places_of(&err, "respectful-language", "addicts");
    found.sort_by_key(|p| {
        let mut n = p
            .split(':')
            .skip(1)
            .map(|n| n.parse::<usize>().unwrap_or(0));
        (n.next(), n.next())
    });
    assert_eq!(
        found,
        [
            "content/guide/every-text.md:6:18",
            "content/guide/every-text.md:10:19",
            "content/guide/every-text.md:14:36",
            "content/guide/every-text.md:18:1",
            "content/guide/every-text.md:24:3",
            "content/guide/every-text.md:29:16",
            "content/guide/every-text.md:32:16",
            "content/guide/every-text.md:41:18",
        ],
        "{err}"
    );
}

#[test]
fn roles_groups_and_credits_in_people_yaml_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/people.yaml",
        "- named: full\n  name: Ann\n  consent: [site]\n  role: Talks to addicts\n- named: full\n  name: Bo\n  consent: [site]\n  group: >\n    Paid for each meeting with\n    representatives of addicts.\n",
    );
    let err = assert_fails(&f.run(&["check", "--suggestions"]));
    assert_eq!(
        places_of(&err, "respectful-language", "addicts"),
        [
            "content/_data/people.yaml:4:18",
            "content/_data/people.yaml:10:24"
        ],
        "{err}"
    );
    assert_eq!(
        place_of(&err, "jargon", "representatives"),
        "content/_data/people.yaml:10:5"
    );
}

#[test]
fn placeholders_in_theme_words_are_not_checked_as_words() {
    let f = Fixture::new("basic");
    f.write(
        "i18n/en.toml",
        "made_by = \", by {organization}.\"\nnote = \"Note {representatives} here.\"\n",
    );
    let out = stderr(&f.run(&["check"]));
    assert!(
        places_of(&out, "jargon", "organization").is_empty(),
        "{out}"
    );
    assert!(
        places_of(&out, "jargon", "representatives").is_empty(),
        "{out}"
    );
}

#[test]
fn an_unknown_id_in_the_sites_respectful_terms_is_a_warning_at_the_id() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/respectful_terms.yaml",
        "- id: junkie\n  tier: suggestion\n- id: addictt\n  tier: off\n- id: our_own\n  pattern: \"\\\\bclients\\\\b\"\n",
    );
    let err = stderr(&f.run(&["check"]));
    assert_eq!(
        places_of(&err, "warning:", "no built-in respectful term has the id"),
        ["content/_data/respectful_terms.yaml:3:7"],
        "{err}"
    );
    assert!(err.contains("did you mean id: addict?"), "{err}");
}

/// A pattern of the site's respectful terms that can match no text at all, or that is
/// not a valid regular expression, is an error at that pattern's line and column (not
/// thousands of findings of “”, not a file without a line).
#[test]
fn a_bad_respectful_term_pattern_is_an_error_at_the_pattern() {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/respectful_terms.yaml",
        "- id: ok\n  pattern: \"fine\"\n  prefer: x\n- id: empty\n  pattern: \"x*\"\n  prefer: nothing\n  tier: warning\n- id: bad\n  pattern: \"(unclosed\"\n  prefer: x\n- id: context\n  pattern: dope\n  unless_after: \"s?\"\n",
    );
    let out = f.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(
        places_of(
            &err,
            "error:",
            "has pattern: \"x*\" that can match no text at all"
        ),
        ["content/_data/respectful_terms.yaml:5:12"],
        "{err}"
    );
    assert_eq!(
        places_of(
            &err,
            "error:",
            "has pattern: \"(unclosed\" that is not a valid"
        ),
        ["content/_data/respectful_terms.yaml:9:12"],
        "{err}"
    );
    assert_eq!(
        places_of(
            &err,
            "error:",
            "has unless_after: \"s?\" that can match no text"
        ),
        ["content/_data/respectful_terms.yaml:13:17"],
        "{err}"
    );
    assert!(!err.contains("\u{201c}\u{201d}"), "{err}");
    assert_eq!(out.status.code(), Some(1), "{err}");
}

/// The places of every respectful-language finding whose message has `words`, in file,
/// line and column order.
fn respectful_places(err: &str, words: &str) -> Vec<String> {
    let mut found = places_of(err, "respectful-language", words);
    found.sort_by_key(|p| {
        let mut parts = p.split(':');
        let file = parts.next().unwrap_or("").to_string();
        let mut n = parts.map(|n| n.parse::<usize>().unwrap_or(0));
        (file, n.next(), n.next())
    });
    found
}

#[test]
fn the_sites_title_and_description_in_site_toml_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write(
        "site.toml",
        "title = \"Help for addicts\"\ndescription = \"\"\"\nA site for addicts\nand their families.\"\"\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\norganization = \"Test team\"\n\n[languages.fr]\ntitle = \"Aide\"\ndescription = 'Pour les toxicomanes.'\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        respectful_places(&err, "addicts"),
        ["site.toml:1:19", "site.toml:3:12"],
        "{err}"
    );
    assert_eq!(
        respectful_places(&err, "toxicomanes"),
        ["site.toml:11:25"],
        "{err}"
    );
}

/// A page's words readers see outside its running text: the content warning, the share
/// image's alt text, the tooltips, accessible names, hints and labels of an HTML block,
/// and the titles of a link and of an image.
const HIDDEN_WORDS: &str = "\
---
title: Hidden words
content_warning: This page quotes addicts.
share_image: card.png
share_image_alt: A room full of addicts
---
We met. We talked.

<div title=\"Notes on addicts\" aria-label=\"Help for addicts\">
<input placeholder=\"Name an addict here\">
<select><option label=\"For addicts\">One</option></select>
</div>

Read [the notes](https://example.org/ \"Notes on addicts\") and see the room.

![A room with chairs](square.svg \"The addicts meeting in 2020\")
";

#[test]
fn content_warnings_share_alt_text_html_attributes_and_titles_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    let img = image::RgbImage::from_pixel(120, 63, image::Rgb([200, 40, 40]));
    img.save(f.root().join("content/guide/card.png")).unwrap();
    f.write("content/guide/hidden.md", HIDDEN_WORDS);
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        respectful_places(&err, "addict"),
        [
            "content/guide/hidden.md:3:35",
            "content/guide/hidden.md:5:33",
            "content/guide/hidden.md:9:22",
            "content/guide/hidden.md:9:52",
            "content/guide/hidden.md:10:29",
            "content/guide/hidden.md:11:28",
            "content/guide/hidden.md:14:49",
            "content/guide/hidden.md:16:39",
        ],
        "{err}"
    );
    assert!(err.contains("Check found 8 errors"), "{err}");
}

/// Tags written in running text, not in an HTML block: in a paragraph (one over two
/// lines), around an image, in a table cell, in a quote (a tooltip is the author's
/// words, not the quoted person's), over two lines in a list item and in a quote.
const INLINE_HTML: &str = "\
---
title: Inline words
---
We met. We talked.

The <abbr title=\"people who are addicts\">PWA</abbr> met us. Type in
<input placeholder=\"Name an addict\"> and <span
aria-label=\"Help for addicts\">go</span>.

See <img src=\"/guide/square.svg\" alt=\"A room of addicts\" title=\"Addicts at work\"> here.

| Group | Note |
|---|---|
| <abbr title=\"For addicts\">PWA</abbr> | We met. |

> She said <q title=\"In the words of addicts\">no</q>.

- A <abbr
  title=\"Said by addicts\">PWA</abbr> list item.

> A <span
> aria-label=\"Help for
>   addicts\">tip</span> in a quote.
";

#[test]
fn attributes_of_html_tags_in_running_text_are_checked_where_they_are_written() {
    let f = Fixture::new("basic");
    f.write("content/guide/inline.md", INLINE_HTML);
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        respectful_places(&err, "ddict"),
        [
            "content/guide/inline.md:6:33",
            "content/guide/inline.md:7:29",
            "content/guide/inline.md:8:22",
            "content/guide/inline.md:10:49",
            "content/guide/inline.md:10:65",
            "content/guide/inline.md:14:20",
            "content/guide/inline.md:16:38",
            "content/guide/inline.md:19:18",
            "content/guide/inline.md:23:5",
        ],
        "{err}"
    );
}

#[test]
fn topic_names_and_descriptions_changes_and_the_accessibility_statement_are_checked_where_they_are_written(
) {
    let f = Fixture::new("basic");
    f.write(
        "content/_data/topics.yaml",
        "- id: pay\n  name: Pay for addicts\n  description: >\n    How peers get paid,\n    and what addicts said.\n",
    );
    f.write(
        "content/_data/changes.yaml",
        "- date: 2026-11-30\n  pages: [guide/first.md]\n  text: We took out the words about *addicts*.\n",
    );
    f.write(
        "content/_data/accessibility.yaml",
        "title: Access for addicts\nchecked: 2026-11-30\ncontact: \"Write to [us@example.org](mailto:us@example.org).\"\nexceptions:\n  - criterion: \"1.2.2\"\n    text: The video about addicts has no captions yet.\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        respectful_places(&err, "addicts"),
        [
            "content/_data/accessibility.yaml:1:19",
            "content/_data/accessibility.yaml:6:27",
            "content/_data/changes.yaml:3:38",
            "content/_data/topics.yaml:2:17",
            "content/_data/topics.yaml:5:14",
        ],
        "{err}"
    );
}

#[test]
fn a_charts_unit_is_checked_where_it_is_written() {
    let f = Fixture::new("basic");
    let charts = std::fs::read_to_string(f.root().join("content/_data/charts.yaml")).unwrap();
    f.write(
        "content/_data/charts.yaml",
        &format!("{charts}- id: paid\n  kind: bar\n  title: People who got paid\n  takeaway: Most people were paid.\n  unit: addicts\n  data:\n    - label: Peers\n      value: 12\n    - label: Others\n      value: 9\n"),
    );
    f.write(
        "content/guide/chart.md",
        "---\ntitle: Chart\n---\nWe met. We talked.\n\n```chart\nkind: bar\ntitle: People who came\ntakeaway: Most people came back.\nunit: addicts\ndata:\n  - label: Peers\n    value: 12\n  - label: Others\n    value: 9\n```\n",
    );
    let err = assert_fails(&f.run(&["check"]));
    assert_eq!(
        respectful_places(&err, "addicts"),
        [
            "content/_data/charts.yaml:12:9",
            "content/guide/chart.md:10:7"
        ],
        "{err}"
    );
}
