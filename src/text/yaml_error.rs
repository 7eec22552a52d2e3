//! YAML and serde error messages made into diagnostics: the place of the problem, the
//! valid keys or values, and a did-you-mean. Shared by front matter, data files and
//! chart specs (YAML) and site.toml (serde's unknown-field message).

use crate::text::diagnostics::{did_you_mean, Diagnostic};

/// Turns a YAML error into a diagnostic in `file`, whose YAML starts after
/// `line_offset` lines. An unknown key is named in plain words, with a did-you-mean and,
/// when it is short, the list of the keys plainsite knows there (`keys`, when serde's
/// error does not list them).
pub fn yaml_error(
    file: &str,
    text: &str,
    line_offset: usize,
    e: &serde_saphyr::Error,
    keys: &[&str],
) -> Diagnostic {
    yaml_error_at(file, text, (line_offset, 0), e, keys)
}

/// [`yaml_error`] for YAML that starts `offset.0` lines into `text` and whose lines each
/// start `offset.1` columns in (a chart block in a list item).
pub fn yaml_error_at(
    file: &str,
    text: &str,
    (line_offset, column_offset): (usize, usize),
    e: &serde_saphyr::Error,
    keys: &[&str],
) -> Diagnostic {
    // An alias (*name) whose value does not fit here: the error is the value's own, and
    // its place is where the alias is; the parser's words name both by lines of the YAML
    // alone, which are not the file's.
    let full = original(e).to_string();
    let message = full.lines().next().unwrap_or("invalid YAML").trim();
    let message = message.split(", expected one of").next().unwrap_or(message);
    let message = strip_location_suffix(message);
    let tab = is_about_a_tab(message).then_some(TAB);
    let kind = tab
        .or_else(|| wrong_kind(message))
        .or_else(|| too_big(&full));
    let (line, column) = match e.location() {
        Some(loc) if loc.line() > 0 => (
            loc.line() as usize + line_offset,
            (loc.column() as usize).max(1) + column_offset,
        ),
        _ => (line_offset.max(1), 1 + column_offset),
    };
    let (line, column) = match tab {
        Some(_) => tab_place(text, line, column).unwrap_or((line, column)),
        None => (line, column),
    };
    let quote = unclosed_quote(original(e)).map(|(l, c)| (l + line_offset, c + column_offset));
    let (line, column) = quote.unwrap_or((line, column));
    let (message, help) = match (kind, quote) {
        (_, Some((line, column))) => {
            unclosed_quote_words(quote_at(text, line, column), line, column)
        }
        (Some((what, help)), _) if what.starts_with("this ") => (what.into(), help.into()),
        (Some((what, help)), _) => (format!("this value must be {what}"), help.into()),
        (None, None) => match unknown_field_in(original(e), &full, keys) {
            Some((name, known)) => unknown_setting(name, &known),
            // The YAML is sound; a setting plainsite needs is not there.
            None => match missing_field(&full) {
                Some(name) => (
                    format!("`{name}` is missing here, and plainsite needs it"),
                    help_for(&full),
                ),
                None => (
                    format!("invalid YAML: {}", plain_duplicate(message)),
                    help_for(&full),
                ),
            },
        },
    };
    let d = Diagnostic::error(message);
    let help = match anchor_line(e) {
        Some(defined) => format!(
            "this value is repeated (with *) from the one written at line {}; {help}",
            defined + line_offset
        ),
        None => help,
    };
    d.at(file, text, line, column).help(help)
}

/// The error behind an alias's and a snippet's wrappers.
fn original(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    use serde_saphyr::Error;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = e {
        e = error;
    }
    e
}

/// The line of the YAML where the anchor (&name) of a failing alias (*name) is written.
fn anchor_line(mut e: &serde_saphyr::Error) -> Option<usize> {
    use serde_saphyr::Error;
    while let Error::WithSnippet { error, .. } = e {
        e = error;
    }
    let Error::AliasError { locations, .. } = e else {
        return None;
    };
    let defined = locations.defined_location;
    (defined.line() > 0 && defined != locations.reference_location)
        .then_some(defined.line() as usize)
}

/// What to do about the error `full`, whose kind the parser's words do not name, in a
/// sentence.
fn help_for(full: &str) -> String {
    if let Some((value, allowed)) = unknown_variant(full) {
        let list = or_list(&allowed);
        match did_you_mean(value, allowed.iter().copied()) {
            Some(s) => format!("did you mean {s}? The values allowed here are: {list}"),
            None => format!("the values allowed here are: {list}"),
        }
    } else if let Some(missing) = missing_field(full) {
        format!("add a line `{missing}: ...` here")
    } else if full.contains("duplicate") {
        "each key may appear once: remove or rename one of them".into()
    } else {
        "check the indentation and punctuation on this line; text with a colon followed by a space needs quotes, e.g. title: \"Roles: who does what\"".into()
    }
}

/// The setting serde's words `full` say is missing (`summary` for "missing field
/// `summary`").
fn missing_field(full: &str) -> Option<&str> {
    full.split("missing field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
}

/// Names joined with commas, the last two with "or": "a, b or c".
fn or_list(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.join(", "),
    }
}

/// The most settings a help lists after a did-you-mean: a longer list (front matter has
/// over twenty) hides the one suggested.
const SHORT_LIST: usize = 15;

/// serde's "unknown field `titel`" in plain words, and what to do: the closest setting
/// plainsite knows where it is written (`known`), and the list of them when it is short
/// or nothing is close. Shared by YAML (front matter, data files, charts) and site.toml.
pub fn unknown_setting(name: &str, known: &[&str]) -> (String, String) {
    let message = format!("plainsite does not know the setting `{name}`");
    let list = match known {
        [one] => format!("The one setting plainsite knows here is {one}"),
        _ => format!(
            "The settings plainsite knows here are: {}",
            known.join(", ")
        ),
    };
    let help = match did_you_mean(name, known.iter().copied()) {
        Some(s) if known.len() <= SHORT_LIST => format!("did you mean `{s}`? {list}"),
        Some(s) => format!("did you mean `{s}`?"),
        None if known.is_empty() => "check its spelling, or remove the line".to_string(),
        None => format!("check its spelling, or remove the line. {list}"),
    };
    (message, help)
}

/// The name of an unknown field in the error `e` (whose text is `full`), and the names
/// serde expected where it is (from the error itself, so a key misspelt in a nested
/// group is compared with that group's keys); `keys` when the error lists none.
fn unknown_field_in<'a>(
    e: &'a serde_saphyr::Error,
    full: &'a str,
    keys: &[&'a str],
) -> Option<(&'a str, Vec<&'a str>)> {
    let (name, expected) = match e {
        serde_saphyr::Error::SerdeUnknownField {
            field, expected, ..
        } => (field.as_str(), expected.to_vec()),
        _ => unknown_field_and_expected(full)?,
    };
    let known = if expected.is_empty() {
        keys.to_vec()
    } else {
        expected
    };
    Some((name, known))
}

/// Where a quoted value the parser found no end to opens (a line and column of the
/// YAML, counted from 1), from the parser's error: "unclosed quote".
fn unclosed_quote(e: &serde_saphyr::Error) -> Option<(usize, usize)> {
    use serde_saphyr::granit_parser::ErrorKind;
    let serde_saphyr::Error::ExternalMessage { source, .. } = e else {
        return None;
    };
    let serde_saphyr::ExternalMessageSource::Parser(scan) = &**source else {
        return None;
    };
    let at = scan.marker();
    (scan.kind() == &ErrorKind::UnclosedQuotedScalar).then(|| (at.line(), at.col() + 1))
}

/// The quote mark at the place the parser gave (`line` and `column` of `text`, counted
/// from 1), if one is there.
fn quote_at(text: &str, line: usize, column: usize) -> Option<char> {
    let c = text
        .lines()
        .nth(line.checked_sub(1)?)?
        .chars()
        .nth(column.checked_sub(1)?)?;
    matches!(c, '"' | '\'').then_some(c)
}

/// A quote opened at `line` and `column` and never closed, in plain words: which mark,
/// where it is, and what to do.
fn unclosed_quote_words(quote: Option<char>, line: usize, column: usize) -> (String, String) {
    let (mark, example) = match quote {
        Some('\'') => ("quote mark (')", "title: 'My page'"),
        _ => ("quote mark (\")", "title: \"My page\""),
    };
    (
        format!("this {mark} opens a text that is never closed"),
        format!("the {mark} at line {line}, column {column} starts a text in quotes, and nothing ends it: put the same quote mark at the end of that text, on the same line, e.g. {example}"),
    )
}

/// What a tab the YAML parser stopped at is, and what to do.
const TAB: (&str, &str) = (
    "this line is indented with a tab: YAML indents with spaces only",
    "replace the tab with spaces, so the line's key lines up with the keys of its group",
);

/// Whether the parser's message is about a tab ("while scanning a plain scalar, found a
/// tab", "tabs disallowed within this context (block indentation)", ...).
fn is_about_a_tab(message: &str) -> bool {
    message
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word == "tab" || word == "tabs")
}

/// Where the tab is that the parser stopped at, which may be after the place it gives
/// (1-based `line` and `column` of `text`): the parser names the start of the value it
/// was reading ("title: Tab" on line 2 for a tab that starts line 3), or the first
/// character after the tab. The tab is the one at that place, or else the first that
/// indents a line with words on it from that line on: tabs are what YAML forbids in
/// indentation, so the loader knows each one's place exactly.
fn tab_place(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let mut lines = text.lines().enumerate().skip(line.saturating_sub(1));
    let (_, first) = lines.clone().next()?;
    if first.chars().nth(column.saturating_sub(1)) == Some('\t') {
        return Some((line, column));
    }
    lines.find_map(|(i, l)| {
        let indent = l.len() - l.trim_start_matches([' ', '\t']).len();
        let words = !l[indent..].trim().is_empty() && !l[indent..].starts_with('#');
        let tab = l[..indent].find('\t').filter(|_| words)?;
        Some((i + 1, tab + 1))
    })
}

/// The parser's limits (serde-saphyr's budget, and the recursion limit), which keep a
/// hostile file from using up the memory: what went over, in plain words, and what to do.
fn too_big(full: &str) -> Option<(&'static str, &'static str)> {
    if full.contains("Depth") || full.contains("recursion limit") {
        return Some((
            "this YAML is nested too deeply: lists and maps inside each other, more than 64 levels",
            "settings and data are only a few levels deep; look for a run of [ or { or - that opens a list inside a list, and remove it",
        ));
    }
    full.contains("budget breached").then_some((
        "this YAML is too big to read: too many values, aliases (*name) or characters",
        "split the file, or write each value out instead of repeating it with & and * (anchors and aliases)",
    ))
}

/// What a value must be and how to write it, in plain words, for the type names of
/// serde and serde-saphyr ("invalid i64", "expected sequence start", "a boolean"), or
/// `None` for a message that names no type.
pub fn plain_kind(name: &str) -> Option<(&'static str, &'static str)> {
    let name = name
        .trim()
        .trim_start_matches("a ")
        .trim_start_matches("an ");
    Some(match name {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
        | "u128" | "usize" | "integer" => (
            "a whole number",
            "write a whole number such as 3, with no quotes, words or decimals",
        ),
        "f32" | "f64" | "float" | "floating point" | "number" => {
            ("a number", "write a number in digits, such as 12 or 3.5")
        }
        "boolean" | "bool" => ("true or false", "write true or false, with no quotes"),
        "sequence" | "sequence start" | "list" => (
            "a list",
            "write the items in brackets, [pay, support], or one item per line, each starting with \"- \"",
        ),
        "string" | "string scalar" | "str" => (
            "one value, not a list or a group of keys",
            "write one value after the colon: a word, a number, or text in quotes",
        ),
        "map" | "mapping" | "mapping start" | "struct" => (
            "a group of keys",
            "write lines of key: value under it, each indented by two spaces",
        ),
        _ => return None,
    })
}

/// The kind a YAML value should have been, from serde-saphyr's "invalid i64" or
/// "expected sequence start".
fn wrong_kind(message: &str) -> Option<(&'static str, &'static str)> {
    // "cannot deserialize null into string; use Option<String>": `title: ~` or
    // `title: null`, which YAML reads as no value (the advice is for programmers).
    if message.starts_with("cannot deserialize null") {
        return Some((
            "written out: ~ and null mean no value in YAML",
            "write the value after the colon, or put it in quotes (\"~\") if ~ or null is what you mean",
        ));
    }
    // "non-finite float `.inf` rejected by the configured policy": .inf or .nan, read
    // where any value may be (a data file for the templates), which no page can show.
    if message.starts_with("non-finite float") {
        return Some((
            "a number in digits: .inf and .nan are not numbers a page can show",
            "write a number in digits, such as 12 or 3.5",
        ));
    }
    // "externally tagged enum expected scalar or mapping": a list or a group of keys
    // where one of a few words goes (effect: benefit).
    if message.contains("enum expected") {
        return Some((
            "one word, not a list or a group of keys",
            "write one of the words this key allows after the colon, such as effect: benefit",
        ));
    }
    let name = message
        .strip_prefix("invalid ")
        .or_else(|| message.strip_prefix("expected "))?;
    plain_kind(name)
}

/// serde-saphyr's "duplicate mapping key: title, set DuplicateKeyPolicy in Options if
/// acceptable" without the advice meant for programmers.
fn plain_duplicate(message: &str) -> std::borrow::Cow<'_, str> {
    match message.strip_prefix("duplicate mapping key: ") {
        Some(rest) => {
            let key = rest.split(", set ").next().unwrap_or(rest);
            format!("the key {key} is written twice").into()
        }
        None => message.into(),
    }
}

/// The value and the allowed values in serde's "unknown variant `x`, expected one of
/// `a`, `b`" (or "expected `a` or `b`").
fn unknown_variant(message: &str) -> Option<(&str, Vec<&str>)> {
    unknown_and_expected(message, "unknown variant `").filter(|(_, allowed)| !allowed.is_empty())
}

/// The name and the names serde expected in its "unknown field `x`, expected one of `a`,
/// `b`" (none for "there are no fields"): site.toml's errors are only this text.
pub fn unknown_field_and_expected(message: &str) -> Option<(&str, Vec<&str>)> {
    unknown_and_expected(message, "unknown field `")
}

/// The name after `intro` (serde's "unknown variant `" or "unknown field `") and the
/// names listed after "expected" in `message`.
fn unknown_and_expected<'a>(message: &'a str, intro: &str) -> Option<(&'a str, Vec<&'a str>)> {
    let rest = message.split(intro).nth(1)?;
    let (value, rest) = rest.split_once('`')?;
    let Some((_, expected)) = rest.split_once("expected") else {
        return Some((value, Vec::new()));
    };
    let expected = expected.lines().next().unwrap_or("");
    let expected = strip_location_suffix(expected.trim().trim_start_matches("one of").trim());
    let allowed: Vec<&str> = expected
        .split([',', ' '])
        .map(|v| v.trim_matches('`'))
        .filter(|v| !v.is_empty() && *v != "or")
        .collect();
    Some((value, allowed))
}

/// serde-saphyr may end a message with " at line X column Y": the diagnostic shows the
/// place itself.
fn strip_location_suffix(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Meta {
        title: Option<String>,
        weight: Option<i64>,
        draft: Option<bool>,
        tags: Option<Vec<String>>,
        effect: Option<Effect>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "lowercase")]
    enum Effect {
        Benefit,
        Harm,
    }

    fn said(yaml: &str) -> (String, String) {
        let e = serde_saphyr::from_str::<Meta>(yaml).unwrap_err();
        let d = yaml_error(
            "f.md",
            yaml,
            0,
            &e,
            &["title", "weight", "draft", "tags", "effect"],
        );
        (d.message, d.help.unwrap_or_default())
    }

    #[test]
    fn an_unclosed_quote_is_named_at_the_place_it_opens_with_what_to_do() {
        let help = |mark: &str, at: &str, example: &str| {
            format!("the quote mark ({mark}) at {at} starts a text in quotes, and nothing ends it: put the same quote mark at the end of that text, on the same line, e.g. {example}")
        };
        let double = ("\"", "title: \"My page\"");
        let single = ("'", "title: 'My page'");
        // The YAML, the lines before it in its file, the quote and its place.
        let cases = [
            ("title: \"My page\nweight: 2\n", 1, double, (2, 8)),
            ("weight: 2\ntitle: 'My page\n", 1, single, (3, 8)),
            (
                "- id: a\n  title: \"It helps\n  summary: S.\n",
                0,
                double,
                (2, 10),
            ),
            ("tags: [pay, \"roles]\n", 0, double, (1, 13)),
        ];
        for (yaml, before, (mark, example), (line, column)) in cases {
            let file = format!("{}{yaml}", "---\n".repeat(before));
            let e = serde_saphyr::from_str::<serde_json::Value>(yaml).unwrap_err();
            let d = yaml_error("f.md", &file, before, &e, &[]);
            let at = d.location.as_ref().map(|l| (l.line, l.column));
            assert_eq!(at, Some((line, column)), "{yaml:?}");
            assert_eq!(
                d.message,
                format!("this quote mark ({mark}) opens a text that is never closed")
            );
            let place = format!("line {line}, column {column}");
            assert_eq!(d.help, Some(help(mark, &place, example)), "{yaml:?}");
        }
    }

    #[test]
    fn a_missing_setting_is_said_in_plain_words_not_as_invalid_yaml() {
        // The YAML is sound (a translator's half-done entry): what is missing is said.
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Entry {
            id: String,
            summary: String,
        }
        let yaml = "- id: early\n  title: Tôt\n";
        let e = serde_saphyr::from_str::<Vec<Entry>>(yaml).unwrap_err();
        let d = yaml_error("f.yaml", yaml, 0, &e, &["id", "summary"]);
        assert_eq!(
            d.message,
            "`summary` is missing here, and plainsite needs it"
        );
        assert_eq!(d.help.as_deref(), Some("add a line `summary: ...` here"));
    }

    #[test]
    fn an_unknown_key_is_said_in_plain_words_with_the_keys_of_its_own_group() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Page {
            title: Option<String>,
            weight: Option<i64>,
            style: Option<Style>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Style {
            colour: Option<String>,
        }
        let said = |yaml: &str| {
            let e = serde_saphyr::from_str::<Page>(yaml).unwrap_err();
            let d = yaml_error("f.md", yaml, 0, &e, &["title", "weight", "style"]);
            let at = d.location.as_ref().map(|l| (l.line, l.column));
            (at, d.message, d.help.unwrap_or_default())
        };
        assert_eq!(
            said("title: A\ntitel: B\n"),
            (
                Some((2, 1)),
                "plainsite does not know the setting `titel`".into(),
                "did you mean `title`? The settings plainsite knows here are: title, weight, style"
                    .into()
            )
        );
        // In a group, the group's own keys: serde's error lists them.
        assert_eq!(
            said("style:\n  color: red\n"),
            (
                Some((2, 3)),
                "plainsite does not know the setting `color`".into(),
                "did you mean `colour`? The one setting plainsite knows here is colour".into()
            )
        );
        assert_eq!(
            said("flavour: mint\n").2,
            "check its spelling, or remove the line. The settings plainsite knows here are: title, weight, style"
        );
        // A long list is left out when one key is close: the suggestion is the help.
        let many: Vec<String> = (0..20).map(|n| format!("key{n}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(unknown_setting("kye3", &many).1, "did you mean `key3`?");
    }

    #[test]
    fn a_tab_that_indents_a_line_is_placed_at_the_tab_not_where_the_parser_stopped() {
        let cases = [
            ("title: Tab\n\tdescription: x\n", (2, 1)),
            ("- id: a\n  title: T\n\tsummary: s\n", (3, 1)),
            ("a:\n  b: 1\n  \tc: 2\n", (3, 3)),
            ("text: |\n\tcode\n", (2, 1)),
            ("title: x\n\t\n\tdescription: y\n", (3, 1)),
        ];
        for (yaml, place) in cases {
            let e = serde_saphyr::from_str::<serde_json::Value>(yaml).unwrap_err();
            let d = yaml_error("f.yaml", yaml, 0, &e, &[]);
            let at = d.location.as_ref().map(|l| (l.line, l.column));
            assert_eq!(at, Some(place), "{yaml:?}: {e}");
            assert!(
                d.message.contains("indented with a tab"),
                "{yaml:?}: {}",
                d.message
            );
            assert!(d.help.unwrap_or_default().contains("spaces"));
        }
        // Front matter: the YAML starts after the file's first line.
        let file = "---\ntitle: Tab\n\tdescription: x\n---\n";
        let e = serde_saphyr::from_str::<serde_json::Value>("title: Tab\n\tdescription: x\n")
            .unwrap_err();
        let d = yaml_error("f.md", file, 1, &e, &[]);
        assert_eq!(d.location.map(|l| (l.line, l.column)), Some((3, 1)));
    }

    #[test]
    fn an_alias_whose_value_does_not_fit_is_one_sentence_at_the_alias_with_the_files_lines() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Chart {
            groups: Vec<String>,
            values: Vec<f64>,
        }
        let yaml = "groups: &g [a, b]\nvalues: *g\n";
        let e = serde_saphyr::from_str::<Chart>(yaml).unwrap_err();
        // The YAML is lines 9 and 10 of its file.
        let file = format!("{}{yaml}", "x\n".repeat(8));
        let d = yaml_error("f.md", &file, 8, &e, &[]);
        assert_eq!(d.message, "this value must be a number");
        let at = d.location.as_ref().map(|l| (l.line, l.column));
        assert_eq!(at, Some((10, 9)));
        assert_eq!(
            d.help.as_deref(),
            Some("this value is repeated (with *) from the one written at line 9; write a number in digits, such as 12 or 3.5")
        );
    }

    #[test]
    fn yaml_nested_too_deeply_is_named_in_plain_words_not_the_parsers() {
        let maps = "extra: ".to_string() + &"{a: ".repeat(100) + "1" + &"}".repeat(100);
        let lists = "extra: ".to_string() + &"[".repeat(300) + &"]".repeat(300);
        for yaml in [maps, lists] {
            let e = serde_saphyr::from_str::<serde_json::Value>(&yaml).unwrap_err();
            let d = yaml_error("f.md", &yaml, 0, &e, &[]);
            assert!(d.message.contains("nested too deeply"), "{}", d.message);
            assert!(d.help.unwrap_or_default().contains("a list inside a list"));
        }
    }

    #[test]
    fn a_value_written_as_nothing_is_named_in_plain_words_not_the_programmers() {
        #[derive(serde::Deserialize, Debug)]
        struct Named {
            #[allow(dead_code)]
            name: String,
        }
        for yaml in ["name: ~\n", "name: null\n"] {
            let e = serde_saphyr::from_str::<Named>(yaml).unwrap_err();
            let d = yaml_error("f.md", yaml, 0, &e, &["name"]);
            assert_eq!(
                d.message,
                "this value must be written out: ~ and null mean no value in YAML"
            );
            assert!(!d.message.contains("Option"), "{}", d.message);
            assert!(d.help.unwrap_or_default().contains("(\"~\")"));
        }
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_named_in_plain_words_with_how_to_write_it() {
        let cases = [
            (
                "weight: heavy\n",
                "this value must be a whole number",
                "such as 3",
            ),
            (
                "weight: 2.5\n",
                "this value must be a whole number",
                "no quotes, words or decimals",
            ),
            (
                "draft: \"maybe\"\n",
                "this value must be true or false",
                "write true or false",
            ),
            ("tags: pay\n", "this value must be a list", "[pay, support]"),
            (
                "weight: [1, 2]\n",
                "this value must be one value, not a list or a group of keys",
                "one value after the colon",
            ),
            (
                "title: a\ntitle: b\n",
                "invalid YAML: the key title is written twice",
                "each key may appear once",
            ),
            (
                "effect: [harm]\n",
                "this value must be one word, not a list or a group of keys",
                "effect: benefit",
            ),
        ];
        for (yaml, message, help) in cases {
            let (m, h) = said(yaml);
            assert_eq!(m, message, "{yaml}");
            assert!(h.contains(help), "{yaml}: {h}");
            assert!(!h.contains("colon followed by a space"), "{yaml}: {h}");
        }
    }
}
