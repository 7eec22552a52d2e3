//! No page is silently lost and every bad value is a clear error: two outputs at one
//! address, empty ids and slugs, language codes that differ only in case, data files
//! of the wrong shape, names Windows cannot hold, impossible dates, and problems
//! reported once (not once per language, not once per knock-on).

mod common;

use common::*;

/// Changes the `basic` fixture and builds it: returns the run's standard error after
/// checking the exit code.
fn build_after(change: impl FnOnce(&Fixture), code: i32) -> String {
    build_fixture_after("basic", change, code)
}

fn build_fixture_after(name: &str, change: impl FnOnce(&Fixture), code: i32) -> String {
    let f = Fixture::new(name);
    change(&f);
    let o = f.build();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(code), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

const FINDING: &str = "  title: It helps\n  summary: Something helps.\n  effect: benefit\n";

#[test]
fn a_finding_with_an_empty_id_is_an_error_at_its_value() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/findings.yaml",
                &format!("- id: \"\"\n{FINDING}"),
            )
        },
        1,
    );
    assert!(
        err.contains("error: the id is empty\n  --> content/_data/findings.yaml:1:7"),
        "{err}"
    );
}

#[test]
fn ids_that_are_blank_dots_or_slashes_are_errors_at_their_value() {
    for (id, shown) in [
        ("\"  \"", "the id is empty"),
        ("\"..\"", "id \"..\" cannot be used in a web address"),
        ("a/b", "id \"a/b\" cannot be used in a web address"),
    ] {
        let err = build_after(
            |f| {
                f.write(
                    "content/_data/findings.yaml",
                    &format!("- id: {id}\n{FINDING}"),
                )
            },
            1,
        );
        assert!(
            err.contains(&format!(
                "error: {shown}\n  --> content/_data/findings.yaml:1:7"
            )),
            "{id}: {err}"
        );
    }
}

#[test]
fn a_recommendation_with_an_empty_id_is_an_error_at_its_value() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/recommendations.yaml",
                "- title: Act\n  id: ''\n  summary: s\n  why: w\n  findings: [helps]\n",
            )
        },
        1,
    );
    assert!(
        err.contains("error: the id is empty\n  --> content/_data/recommendations.yaml:2:7"),
        "{err}"
    );
}

#[test]
fn a_page_with_an_empty_slug_is_an_error_at_its_value() {
    let err = build_after(
        |f| {
            f.write(
                "content/news/one.md",
                "---\ntitle: First news\nslug: \"\"\ndate: 2026-01-02\n---\nIt happened.\n",
            )
        },
        1,
    );
    assert!(
        err.contains("error: the slug is empty\n  --> content/news/one.md:3:7"),
        "{err}"
    );
}

#[test]
fn a_language_code_that_is_also_a_section_is_two_outputs_at_one_address() {
    let err = build_after(
        |f| {
            let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
            f.write(
                "site.toml",
                &format!("{toml}\n[languages.new]\ntitle = \"N\"\n"),
            );
            f.write(
                "content/new/_index.md",
                "---\ntitle: New things\n---\nNew.\n",
            );
        },
        1,
    );
    assert!(
        err.contains(
            "error: two outputs would be written to new/index.html\n  --> content/_index.md"
        ),
        "{err}"
    );
    assert!(
        err.contains("the home page of language \"new\" (content/_index.md) and content/new/_index.md are both written there"),
        "{err}"
    );
}

#[test]
fn language_codes_are_case_insensitive_and_written_in_canonical_case() {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.FR]\ntitle = \"F\"\n\n[languages.PT-br]\ntitle = \"P\"\n"),
    );
    assert_ok(&f.build());
    assert!(f.public().join("fr/index.html").is_file());
    assert!(f.public().join("pt-BR/index.html").is_file());
    assert!(!f.public().join("FR").exists());
}

#[test]
fn a_language_listed_twice_in_different_case_is_an_error_at_its_line() {
    let err = build_after(
        |f| {
            let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
            let lines = toml.lines().count();
            f.write(
                "site.toml",
                &format!(
                    "{}\n[languages.fr]\ntitle = \"F\"\n\n[languages.FR]\ntitle = \"G\"\n",
                    toml.trim_end()
                ),
            );
            assert_eq!(lines, 5);
        },
        1,
    );
    assert!(
        err.contains("error: [languages.FR] is the language fr again\n  --> site.toml:9:12"),
        "{err}"
    );
}

#[test]
fn a_quoted_bad_language_code_is_an_error_at_its_line() {
    let err = build_after(
        |f| {
            let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
            f.write(
                "site.toml",
                &format!("{}\n[languages.\"f r\"]\ntitle = \"F\"\n", toml.trim_end()),
            );
        },
        1,
    );
    assert!(
        err.contains(
            "error: [languages.\"f r\"]: \"f r\" is not a language code\n  --> site.toml:6:12"
        ),
        "{err}"
    );
}

#[test]
fn findings_yml_beside_findings_yaml_is_an_error_naming_both() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/findings.yml",
                &format!("- id: other\n{FINDING}"),
            )
        },
        1,
    );
    assert!(
        err.contains("error: content/_data/findings.yml and content/_data/findings.yaml are the same data file twice\n  --> content/_data/findings.yml"),
        "{err}"
    );
}

#[test]
fn findings_yml_alone_is_read_and_its_errors_name_it() {
    let err = build_after(
        |f| {
            std::fs::remove_file(f.root().join("content/_data/findings.yaml")).unwrap();
            f.write(
                "content/_data/findings.yml",
                &format!("- id: helps\n{FINDING}- id: helps\n{FINDING}"),
            );
        },
        1,
    );
    assert!(
        err.contains(
            "error: two findings have the id \"helps\"\n  --> content/_data/findings.yml:5:7"
        ),
        "{err}"
    );
}

#[test]
fn a_charts_yaml_that_is_not_a_list_is_an_error_at_its_line() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/charts.yaml",
                "id: steps\nkind: steps\ntitle: Two steps\ntakeaway: T.\nsteps:\n  - label: Plan\n",
            )
        },
        1,
    );
    assert!(
        err.contains(
            "error: charts.yaml must be a list of charts\n  --> content/_data/charts.yaml:1:1"
        ),
        "{err}"
    );
}

/// The place is where the parser finds the map, after a comment and a document marker.
#[test]
fn a_charts_yaml_map_after_a_document_marker_is_placed_at_the_map() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/charts.yaml",
                "# The site's charts\n---\n\n  id: steps\n  kind: steps\n  title: Two steps\n",
            )
        },
        1,
    );
    assert!(
        err.contains(
            "error: charts.yaml must be a list of charts\n  --> content/_data/charts.yaml:4:3"
        ),
        "{err}"
    );
}

#[test]
fn a_findings_yaml_that_is_a_map_is_an_error_saying_a_list_is_expected() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/findings.yaml",
                &format!("id: helps\n{}", FINDING.replace("  ", "")),
            )
        },
        1,
    );
    assert!(
        err.contains("error: findings.yaml must be a list of findings\n  --> content/_data/findings.yaml:1:1"),
        "{err}"
    );
}

#[test]
fn names_windows_cannot_hold_are_a_warning_at_the_file() {
    let err = build_after(
        |f| {
            f.write("content/guide/aux.md", "---\ntitle: Aux\n---\nText.\n");
            f.write("content/guide/what?.md", "---\ntitle: What\n---\nText.\n");
        },
        0,
    );
    assert!(
        err.contains(
            "warning: Windows cannot hold a file named \"aux.md\"\n  --> content/guide/aux.md"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "warning: Windows cannot hold a file named \"what?.md\"\n  --> content/guide/what?.md"
        ),
        "{err}"
    );
}

/// A slug names the page's folder, so it goes through the check a file's name does:
/// `slug: con` is an error at the value, where a file named `con.md` was flagged and
/// the slug was not.
#[test]
fn a_slug_windows_cannot_hold_is_an_error_at_its_value() {
    let err = build_after(
        |f| {
            f.write(
                "content/guide/second.md",
                "---\ntitle: Second\nslug: con\n---\nText.\n",
            )
        },
        1,
    );
    assert!(
        err.contains("error: slug \"con\" is a name Windows cannot hold\n  --> content/guide/second.md:3:7\n  |\n3 | slug: con\n  |       ^\n  = help: choose another slug: it names the page's folder, and Windows (and USB sticks formatted for it) cannot hold the names con, prn, aux, nul, com1-com9 or lpt1-lpt9 with any extension, names ending in a dot or a space, or the characters < > : \" | ? * \\\n"),
        "{err}"
    );
}

/// Ids name folders and files too (`findings/con/`, `topics/aux/`, `charts/lpt1.svg`):
/// a name Windows cannot hold is an error at the id, as it is at a slug or a file name.
#[test]
fn an_id_windows_cannot_hold_is_an_error_at_it_in_every_data_file_and_chart() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/findings.yaml",
                &format!("- id: con\n{FINDING}"),
            );
            f.write("content/_data/topics.yaml", "- id: aux\n  name: Help\n");
            f.write(
                "content/guide/second.md",
                "---\ntitle: Second\n---\n```chart\nkind: bar\nid: lpt1\ntitle: Sources\ntakeaway: Most talk about pay.\ndata:\n  - label: Pay\n    value: 3\n```\n",
            );
        },
        1,
    );
    let windows = "Windows (and USB sticks formatted for it) cannot hold the names con, prn, aux, nul, com1-com9 or lpt1-lpt9";
    for (message, at) in [
        (
            "id \"con\" is a name Windows cannot hold",
            "content/_data/findings.yaml:1:7",
        ),
        (
            "id \"aux\" is a name Windows cannot hold",
            "content/_data/topics.yaml:1:7",
        ),
        (
            "chart: id \"lpt1\" is a name Windows cannot hold",
            "content/guide/second.md:6:5",
        ),
    ] {
        assert!(
            err.contains(&format!("error: {message}\n  --> {at}\n")),
            "{message}: {err}"
        );
    }
    assert_eq!(err.matches(windows).count(), 3, "{err}");
}

#[test]
fn folders_differing_only_in_case_that_collide_on_windows_are_an_error() {
    let err = build_after(
        |f| {
            f.write("content/About/_index.md", "---\ntitle: About\n---\nText.\n");
            f.write("content/about/_index.md", "---\ntitle: about\n---\nText.\n");
        },
        1,
    );
    assert!(
        err.contains("error: two outputs differ only in upper and lower case: About/index.html and about/index.html\n  --> content/about/_index.md"),
        "{err}"
    );
}

#[test]
fn february_30_is_not_a_date() {
    let err = build_after(
        |f| {
            f.write(
                "content/news/one.md",
                "---\ntitle: First news\ndate: 2026-02-30\n---\nIt happened.\n",
            )
        },
        1,
    );
    assert!(
        err.contains("error: date \"2026-02-30\" is not a date\n  --> content/news/one.md:3:7"),
        "{err}"
    );
}

#[test]
fn a_problem_in_a_data_file_shared_by_languages_is_reported_once() {
    let err = build_fixture_after(
        "languages",
        |f| {
            f.write(
                "content/_data/glossary.yaml",
                "- term: Word\n  definitio: x\n",
            );
        },
        1,
    );
    assert_eq!(
        err.matches("content/_data/glossary.yaml:2:3").count(),
        1,
        "{err}"
    );
    assert!(err.contains("1 error,"), "{err}");
}

#[test]
fn one_bad_finding_is_reported_once_without_knock_on_errors() {
    let err = build_after(
        |f| {
            f.write(
                "content/_data/findings.yaml",
                "- id: helps\n  title: It helps\n  summary: Something helps.\n  effect: good\n",
            );
            f.write(
                "content/guide/first.md",
                &format!(
                    "{}\n\nSee [the finding](../findings/helps.md).\n",
                    std::fs::read_to_string(f.root().join("content/guide/first.md")).unwrap()
                ),
            );
        },
        1,
    );
    assert!(err.contains("content/_data/findings.yaml:4:11"), "{err}");
    assert!(err.contains("1 error,"), "{err}");
}

#[test]
fn an_unknown_effect_lists_the_allowed_values() {
    for value in ["good", "5", "benfit"] {
        let err = build_after(
            |f| {
                f.write(
                    "content/_data/findings.yaml",
                    &format!("- id: helps\n  title: It helps\n  summary: Something helps.\n  effect: {value}\n"),
                )
            },
            1,
        );
        assert!(
            err.contains("values allowed here are: benefit, harm or both"),
            "{value}: {err}"
        );
    }
}

#[test]
fn a_chart_id_that_cannot_name_a_file_is_an_error_at_its_value() {
    for (id, message) in [
        ("\"\"", "chart: the id is empty"),
        (
            "../steps",
            "chart: id \"../steps\" cannot be used in a file name",
        ),
    ] {
        let err = build_after(
            |f| {
                f.write(
                    "content/_data/charts.yaml",
                    &format!("- id: {id}\n  kind: steps\n  title: Two steps\n  takeaway: T.\n  steps:\n    - label: Plan\n"),
                )
            },
            1,
        );
        assert!(
            err.contains(&format!(
                "error: {message}\n  --> content/_data/charts.yaml:1:7"
            )),
            "{id}: {err}"
        );
    }
}

/// A page of the author's at /findings/ or /glossary/ would take the place of the list
/// the data files make; a folder's `_index.md` keeps the list below its words, and so
/// does content/glossary.md.
#[test]
fn a_page_at_the_address_of_a_data_list_is_an_error_and_a_folder_page_is_not() {
    let err = build_after(
        |f| {
            f.write(
                "content/findings.md",
                "---\ntitle: Our findings\n---\n\nWords.\n",
            );
            f.write(
                "content/glossary/_index.md",
                "---\ntitle: Our words\n---\n\nWords.\n",
            );
        },
        1,
    );
    assert!(
        err.contains("error: content/findings.md takes the address /findings/, where the list in content/_data/findings.yaml goes: the list would not be shown\n  --> content/findings.md"),
        "{err}"
    );
    assert!(
        err.contains("error: content/glossary/_index.md takes the address /glossary/"),
        "{err}"
    );
    build_after(
        |f| {
            f.write(
                "content/findings/_index.md",
                "---\ntitle: Our findings\n---\n\nWords.\n",
            );
            f.write(
                "content/glossary.md",
                "---\ntitle: Our words\n---\n\nWords.\n",
            );
        },
        0,
    );
}

/// A Mac saves "café.md" decomposed (e + a combining accent); a link typed to it is
/// composed. Both forms, of a page and of a file, meet, and the published names are
/// composed (the form a browser sends back).
#[test]
fn a_name_with_an_accent_is_found_whether_saved_composed_or_decomposed() {
    let f = Fixture::new("basic");
    f.write(
        "content/guide/cafe\u{301}.md",
        "---\ntitle: Cafe\n---\n\nText.\n",
    );
    f.write(
        "content/guide/caf\u{e9}-two.md",
        "---\ntitle: Cafe two\n---\n\nText.\n",
    );
    f.write("content/guide/me\u{301}nu.pdf", "x");
    f.write(
        "content/guide/links.md",
        "---\ntitle: Links\n---\n\nSee [the caf\u{e9}](caf\u{e9}.md), [the other](cafe\u{301}-two.md) and [the m\u{e9}nu](m\u{e9}nu.pdf).\n",
    );
    assert_ok(&f.build());
    for out in [
        "guide/caf\u{e9}/index.html",
        "guide/caf\u{e9}-two/index.html",
        "guide/m\u{e9}nu.pdf",
    ] {
        assert!(f.public().join(out).exists(), "{out}");
    }
}

/// A page whose front matter cannot be read is one error: the links to it are not
/// reported again as broken.
#[test]
fn a_page_that_cannot_be_read_is_one_error_not_one_more_for_each_link_to_it() {
    let err = build_after(
        |f| {
            let first = std::fs::read_to_string(f.root().join("content/guide/first.md")).unwrap();
            f.write(
                "content/guide/first.md",
                &first.replacen("---\n", "---\nweight: heavy\n", 1),
            );
        },
        1,
    );
    assert!(
        err.contains("error: this value must be a whole number"),
        "{err}"
    );
    assert!(!err.contains("broken"), "{err}");
}

/// A broken link is one error: its words are not a second place that "two links say"
/// leads to.
#[test]
fn a_broken_link_is_not_also_a_repeated_link_text() {
    let err = build_after(
        |f| {
            f.write(
                "content/guide/links.md",
                "---\ntitle: Links\n---\n\nSee [the first page](first.md) or [the first page](gone.md).\n",
            )
        },
        1,
    );
    assert!(err.contains("no page at content/guide/gone.md"), "{err}");
    assert!(!err.contains("link-text-repeated"), "{err}");
}

/// A broken link written percent-encoded is placed in the page that has it, not blamed
/// on the theme.
#[test]
fn a_broken_percent_encoded_link_is_placed_in_its_page() {
    let err = build_after(
        |f| {
            f.write(
                "content/guide/caf\u{e9}.md",
                "---\ntitle: Cafe\n---\n\nText.\n",
            );
            f.write(
                "content/guide/links.md",
                "---\ntitle: Links\n---\n\nSee [the cafe](/guide/caf%C3%A9/#nowhere).\n",
            );
        },
        1,
    );
    assert!(
        err.contains("has no anchor #nowhere\n  --> content/guide/links.md:5:5"),
        "{err}"
    );
}
