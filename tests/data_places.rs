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
        "content/_data/charts.yaml:13:9"
    );
}
