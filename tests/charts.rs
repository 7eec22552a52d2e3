//! Charts in built sites: every chart has its text alternative wired up, a data table
//! with the spec's numbers, downloads that exist, and the same bytes on every build.

mod common;

use common::*;

#[test]
fn every_chart_is_accessible_and_its_files_exist() {
    let f = Fixture::new("basic");
    let err = assert_ok(&f.build());
    assert!(err.contains("2 charts"), "{err}");
    let page = f.read_output("guide/first/index.html");
    for id in ["guide-first-chart-1", "steps"] {
        assert!(
            page.contains(&format!("<figure class=chart id={id}>")),
            "{id}: {page}"
        );
        assert!(
            page.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")),
            "{id}"
        );
        assert!(page.contains(&format!("<title id={id}-title>")), "{id}");
        assert!(page.contains(&format!("<desc id={id}-desc>")), "{id}");
        for ext in ["svg", "png", "csv", "txt"] {
            assert!(
                f.public().join(format!("charts/{id}.{ext}")).is_file(),
                "{id}.{ext}"
            );
        }
    }
    assert!(page.contains("role=img"), "{page}");
    assert!(page.contains("<desc id=guide-first-chart-1-desc>Bar chart. Fair pay: 12 sources; Clear roles: 9 sources.</desc>"), "{page}");
    assert!(
        page.contains("<th scope=row>Fair pay<td>12"),
        "the table has the spec's numbers: {page}"
    );
    assert!(page.contains("Example data:"), "example data is labelled");
    assert_eq!(
        f.read_output("charts/guide-first-chart-1.csv"),
        "Item,Value (sources)\r\nFair pay,12\r\nClear roles,9\r\n"
    );
    let svg = f.read_output("charts/steps.svg");
    assert!(
        svg.starts_with("<?xml") && svg.contains("<style>"),
        "the SVG file carries its own colours"
    );
    let png = std::fs::read(f.public().join("charts/steps.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(f
        .read_output("charts/steps.txt")
        .contains("Steps in order. 1. Plan; 2. Do."));
}

#[test]
fn charts_are_byte_identical_across_builds() {
    let f = Fixture::new("basic");
    assert_ok(&f.build());
    let first = snapshot(&f.public().join("charts"));
    assert_ok(&f.build());
    assert_eq!(first, snapshot(&f.public().join("charts")));
}

#[test]
fn a_library_chart_can_show_on_several_pages_but_ids_stay_unique() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\n---\n\n```chart\nuse: steps\n```\n",
    );
    let err = assert_ok(&f.build());
    assert!(
        err.contains("2 charts"),
        "the shared chart is written once: {err}"
    );
    // Templates place library charts by id.
    f.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% if page.title == \"Second page\" %}{{ chart(id=\"steps\") }}{% endif %}{% endblock content %}");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\n---\n\nText.\n",
    );
    assert_ok(&f.build());
    assert!(f
        .read_output("guide/second/index.html")
        .contains("<figure class=chart id=steps>"));
    f.write("content/guide/second.md", "---\ntitle: Second page\n---\n\n```chart\nkind: steps\nid: steps\ntitle: Other\ntakeaway: K\nsteps:\n  - label: A\n```\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("two charts have the id \"steps\""), "{err}");
}

#[test]
fn a_bad_chart_is_an_error_at_its_line() {
    let f = Fixture::new("basic");
    f.write("content/guide/second.md", "---\ntitle: Second page\n---\n\nText.\n\n```chart\nkind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: .nan\n```\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("error: chart: the value of \"A\" is not a number (.nan)\n  --> content/guide/second.md:13:12"), "{err}");
    f.write("content/guide/second.md", "---\ntitle: Second page\n---\n\n```chart\nkind: bar\ntitle: T\ntakeaway: K\ncolors: ['#ffee00']\ndata:\n  - label: A\n    value: 1\n```\n");
    let err = assert_fails(&f.build());
    assert!(err.contains("#ffee00 has contrast"), "{err}");
    assert!(err.contains("--> content/guide/second.md:9:10"), "{err}");
    f.write(
        "content/guide/second.md",
        "---\ntitle: Second page\n---\n\n```chart\nuse: stpes\n```\n",
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("did you mean use: steps?"), "{err}");
}

#[test]
fn the_example_site_draws_its_charts_from_the_sources() {
    let out = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(BIN)
        .args(["build", "--root"])
        .arg(repo())
        .arg("--output")
        .arg(out.path().join("p"))
        .output()
        .unwrap();
    let err = assert_ok(&o);
    // The charts of every page in both languages, the French library included.
    assert!(err.contains("16 charts"), "{err}");
    let how = std::fs::read_to_string(out.path().join("p/about/how-we-did-it/index.html")).unwrap();
    assert!(
        how.contains("Publications used in the review: 85"),
        "the flow chart says 85 publications"
    );
}

#[test]
fn two_charts_with_one_title_are_one_warning_at_the_second_chart_not_at_the_theme_links() {
    let f = Fixture::new("basic");
    let chart = "```chart\nkind: bar\ntitle: Numbers\ntakeaway: K\ndata:\n  - label: A\n    value: 1\n```\n";
    f.write(
        "content/guide/second.md",
        &format!("---\ntitle: Second page\n---\n\n{chart}\nText.\n\n{chart}"),
    );
    let err = stderr(&f.run(&["check"]));
    assert_eq!(
        places_of(&err, "link-text-repeated", ""),
        ["content/guide/second.md:16:1"],
        "{err}"
    );
    assert!(
        err.contains("another chart on this page has the title"),
        "{err}"
    );
}

/// What `check` says of the basic site with a page whose text, from line 5, is `body`.
fn check_page_with(body: &str) -> String {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/second.md",
        &format!("---\ntitle: Second page\n---\n\n{body}"),
    );
    stderr(&f.run(&["check"]))
}

#[test]
fn a_value_that_is_not_finite_or_too_large_is_an_error_at_the_value_that_names_the_limit() {
    let err = check_page_with("```chart\nkind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: .nan\n  - label: B\n    value: .inf\n  - label: C\n    value: 1e308\n```\n");
    assert_eq!(
        places_of(&err, "error:", "chart: the value of"),
        [
            "content/guide/second.md:11:12",
            "content/guide/second.md:13:12",
            "content/guide/second.md:15:12"
        ],
        "{err}"
    );
    assert!(err.contains("\"B\" is not a number (.inf)"), "{err}");
    assert!(
        err.contains(
            "\"C\" is too large to draw (1e308): a chart draws numbers up to 1,000,000,000,000"
        ),
        "{err}"
    );
    assert!(!err.contains("0000000000000000"), "{err}");
}

/// Where `check` says "this value must be a number" on a page whose text, from line 5,
/// is `body`, and all it says, which has none of the parser's words `absent`.
fn not_a_number_on_page(body: &str, absent: &[&str]) -> (String, String) {
    let err = check_page_with(body);
    let place = place_of(&err, "error:", "chart: this value must be a number");
    assert!(absent.iter().all(|a| !err.contains(a)), "{err}");
    (place, err)
}

#[test]
fn a_value_in_words_is_a_number_to_write_in_digits_at_its_place() {
    let (place, err) = not_a_number_on_page(
        "```chart\nkind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: twelve\n```\n",
        &["floating point", "colon"],
    );
    assert_eq!(place, "content/guide/second.md:11:12");
    assert!(err.contains("write a number in digits"), "{err}");
}

#[test]
fn an_alias_that_does_not_fit_is_one_whole_sentence_at_the_alias_with_the_files_lines() {
    let (place, err) = not_a_number_on_page("Text.\n\n```chart\nkind: grouped\ntitle: G\ntakeaway: K\ngroups: &g [a, b]\ndata:\n  - label: A\n    values: *g\n```\n", &["(used", "defined at"]);
    assert_eq!(place, "content/guide/second.md:14:13");
    let anchor = "repeated (with *) from the one written at line 11;";
    assert!(err.contains(anchor), "{err}");
}

#[test]
fn a_chart_in_a_list_item_is_placed_with_the_items_indentation() {
    let (place, _) = not_a_number_on_page("- A chart:\n\n  ```chart\n  kind: bar\n  title: T\n  takeaway: K\n  data:\n    - label: A\n      value: .inf\n    - label: B\n      value: ten\n  ```\n", &[]);
    assert_eq!(place, "content/guide/second.md:15:14");
}

#[test]
fn a_value_in_charts_yaml_is_an_error_at_the_value() {
    let f = Fixture::new("basic");
    for (value, message) in [
        ("1e308", "too large to draw (1e308)"),
        (
            ".inf",
            "this value must be a number in digits: .inf and .nan",
        ),
    ] {
        f.write("content/_data/charts.yaml", &format!("- id: counts\n  kind: bar\n  title: Counts\n  takeaway: Most came back.\n  data:\n    - label: Came back\n      value: {value}\n"));
        let err = stderr(&f.run(&["check"]));
        let place = place_of(&err, "error:", message);
        assert_eq!(place, "content/_data/charts.yaml:7:14", "{value}");
        assert!(!err.contains("colon"), "{err}");
    }
}
