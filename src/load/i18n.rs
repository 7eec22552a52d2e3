//! The theme's words in each language: `themes/NAME/i18n/CODE.toml` (one flat table of
//! `key = "text"` per language), with the site's own `i18n/CODE.toml` over it. Keys a
//! language lacks come from English, so a half-translated theme still builds; a
//! language with no file at all is reported once.
//!
//! The words of the writing room (`plainsite serve --edit`: the author view, its forms
//! and its refusals) are in the same files, in a `[writing_room]` section: one place to
//! translate them, and a site overrides them like any other word. They are read as
//! `writing_room.KEY` and only the dev server uses them; no template or check sees them
//! as words of the site.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::text::diagnostics::Diagnostic;

/// The words of one language, for templates (`t.key`) and for Rust code.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(transparent)]
pub struct Strings(Arc<BTreeMap<String, String>>);

/// English.
impl Default for Strings {
    fn default() -> Self {
        static ENGLISH_WORDS: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        ENGLISH_WORDS
            .get_or_init(|| Strings(Arc::new(english())))
            .clone()
    }
}

impl Strings {
    /// The text for `key`, or the key itself when no file has it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.0.get(key).map_or(key, String::as_str)
    }

    /// The words of a section (`[writing_room]`), by their names in it.
    pub fn section(&self, name: &str) -> BTreeMap<&str, &str> {
        let prefix = format!("{name}.");
        self.0
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?, v.as_str())))
            .collect()
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `YYYY-MM-DD` in this language's long form; anything else as it is.
    pub fn long_date(&self, s: &str) -> String {
        let months: Vec<&str> = self.get("months").split(',').map(str::trim).collect();
        let parts: Vec<&str> = s.get(..10).unwrap_or(s).split('-').collect();
        match parts.as_slice() {
            [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
                (Ok(m), Ok(d)) if (1..=12).contains(&m) && months.len() == 12 => {
                    // The first of a month as the language writes it (French: « 1er »).
                    let day = match d {
                        1 => self.get("first_day").to_string(),
                        _ => d.to_string(),
                    };
                    self.fill(
                        "date",
                        &[("day", &day), ("month", months[m - 1]), ("year", y)],
                    )
                }
                _ => s.to_string(),
            },
            _ => s.to_string(),
        }
    }

    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Strings {
        Strings(Arc::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ))
    }
}

/// English, built in: the fallback for every key.
const ENGLISH: &str = include_str!("../../themes/default/i18n/en.toml");

/// The section of an i18n file that holds the writing room's words.
pub const WRITING_ROOM: &str = "writing_room";

/// The built-in English words.
fn english() -> BTreeMap<String, String> {
    words(ENGLISH)
        .map(|w| w.into_iter().map(|(k, v)| (k, v.into_inner())).collect())
        .unwrap_or_default()
}

/// What is wrong with an i18n file, and where (a byte range), when it knows.
pub struct WordsError {
    pub message: String,
    pub at: Option<std::ops::Range<usize>>,
}

/// One value at the top of an i18n file: a word, or a section of words.
enum Entry {
    Text(String),
    Section(Vec<(String, toml::Spanned<String>)>),
}

impl<'de> serde::Deserialize<'de> for Entry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Entry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text in double quotes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Entry, E> {
                Ok(Entry::Text(v.to_string()))
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut m: M) -> Result<Entry, M::Error> {
                let mut words = Vec::new();
                while let Some(key) = m.next_key::<String>()? {
                    words.push((key, m.next_value::<toml::Spanned<String>>()?));
                }
                Ok(Entry::Section(words))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The words of an i18n file, each at its place: `key = "text"` at the top, and the
/// `[writing_room]` section's as `writing_room.KEY`.
pub fn words(text: &str) -> Result<Vec<(String, toml::Spanned<String>)>, WordsError> {
    let table: BTreeMap<String, toml::Spanned<Entry>> =
        toml::from_str(text).map_err(|e| WordsError {
            message: e.message().to_string(),
            at: e.span(),
        })?;
    let mut out = Vec::new();
    for (key, value) in table {
        let at = value.span();
        match value.into_inner() {
            Entry::Text(s) => out.push((key, toml::Spanned::new(at, s))),
            Entry::Section(words) if key == WRITING_ROOM => out.extend(
                words
                    .into_iter()
                    .map(|(k, v)| (format!("{WRITING_ROOM}.{k}"), v)),
            ),
            Entry::Section(_) => {
                return Err(WordsError {
                    message: format!("{key} is not a section of words plainsite knows"),
                    at: Some(at),
                })
            }
        }
    }
    Ok(out)
}

/// The files that hold the words of `code`, in the order they apply (the theme's, then
/// the site's; `fr.toml` before `fr-CA.toml`), each with its path as shown to authors.
pub fn files(root: &Path, theme_dir: &Path, code: &str) -> Vec<(std::path::PathBuf, String)> {
    let primary = crate::load::languages::primary(code);
    let mut names = vec![format!("{primary}.toml")];
    if primary != code {
        names.push(format!("{code}.toml"));
    }
    let mut out = Vec::new();
    for dir in [theme_dir.join("i18n"), root.join("i18n")] {
        for name in &names {
            let path = dir.join(name);
            let shown = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push((path, shown));
        }
    }
    out
}

/// Loads the words of `code` from the theme and the site.
pub fn load(root: &Path, theme_dir: &Path, code: &str) -> (Strings, Vec<Diagnostic>) {
    load_checked(root, theme_dir, code, None)
}

/// [`load`], and, given the site's checks, the warning for the theme's labels the
/// language's files lack ([`untranslated`]), from the same reading of them.
pub fn load_checked(
    root: &Path,
    theme_dir: &Path,
    code: &str,
    checks: Option<&crate::text::rule::CheckConfig>,
) -> (Strings, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut table: BTreeMap<String, String> = english();
    let primary = crate::load::languages::primary(code);
    let mut found = primary == "en";
    let mut own = std::collections::BTreeSet::new();
    let mut first = None;
    for (path, shown) in files(root, theme_dir, code) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        found = true;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match words(&text) {
            Ok(words) => {
                own.extend(words.iter().map(|(k, _)| k.clone()));
                table.extend(words.into_iter().map(|(k, v)| (k, v.into_inner())));
            }
            Err(e) => {
                let index = crate::text::diagnostics::LineIndex::new(&text);
                let d = Diagnostic::error(format!("{name}: {}", e.message));
                problems.push(
                    match e.at {
                        Some(span) => d.at_offset(&shown, &index, &text, span.start),
                        None => d.in_file(shown.clone()),
                    }
                    .help(
                        "each line is key = \"text\", with the text in double quotes; \
                         the only section is [writing_room], the words of serve --edit",
                    ),
                );
            }
        }
        first.get_or_insert((shown, text));
    }
    if !found {
        problems.push(
            Diagnostic::warning(format!("the theme has no words for the language \"{code}\": its menus and labels stay in English"))
                .in_file(theme_dir.join("i18n").strip_prefix(root).unwrap_or(theme_dir).display().to_string())
                .help(format!("copy i18n/en.toml to i18n/{primary}.toml and translate the text on each line")),
        );
    }
    let english_only = primary.eq_ignore_ascii_case("en");
    if let (Some(checks), Some(first), false) = (checks, first, english_only) {
        problems.extend(untranslated(&own, first, code, checks));
    }
    (Strings(Arc::new(table)), problems)
}

/// The theme's words (the keys of the built-in English) that the files of `code` lack:
/// its pages show those in English, a menu or a label in the middle of French. One
/// warning (`missing-translation`, raised to a warning: readers see it) at the
/// language's first file, with plainsite's own lines for them when the default theme has
/// the language, read from `first` (its path as shown, and its text). None when
/// nothing is missing.
fn untranslated(
    own: &std::collections::BTreeSet<String>,
    (shown, text): (String, String),
    code: &str,
    checks: &crate::text::rule::CheckConfig,
) -> Option<Diagnostic> {
    let primary = crate::load::languages::primary(code);
    let missing: Vec<String> = english().into_keys().filter(|k| !own.contains(k)).collect();
    let named: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
    let more = match missing.len() {
        0 => return None,
        n if n > named.len() => format!(", and {} more", n - named.len()),
        _ => String::new(),
    };
    let d = checks.diagnostic_at_level(
        crate::text::rule::Rule::MissingTranslation,
        crate::text::rule::Level::Warning,
        format!(
            "{shown} has no words for {} of the theme's labels ({}{more}): pages in {code} show them in English",
            missing.len(),
            named.join(", ")
        ),
    )?;
    Some(d.at(&shown, &text, 1, 1).help(lines_for(primary, &missing)))
}

/// What to do about the theme's `missing` words in the language `primary`: the lines of
/// plainsite's own file for them, when the default theme has the language.
fn lines_for(primary: &str, missing: &[String]) -> String {
    let builtin = crate::load::builtin_theme::file(&format!("i18n/{primary}.toml"))
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| words(t).ok());
    let Some(builtin) = builtin else {
        return "add each one, translated from the theme's i18n/en.toml".to_string();
    };
    let line = |k: &str| {
        let (_, v) = builtin.iter().find(|(b, _)| b == k)?;
        let value = toml::Value::String(v.get_ref().clone());
        Some(format!("    {k} = {value}"))
    };
    let (top, section): (Vec<&String>, Vec<&String>) =
        missing.iter().partition(|k| !k.contains('.'));
    let mut out = vec!["if you did not change this file, run plainsite update-theme; else add plainsite's own lines for them:".to_string()];
    out.extend(top.iter().filter_map(|k| line(k)));
    if !section.is_empty() {
        out.push(format!(
            "  and, at the end of the file, under [{WRITING_ROOM}]:"
        ));
        let prefix = format!("{WRITING_ROOM}.");
        out.extend(
            section
                .iter()
                .filter_map(|k| line(k).map(|l| l.replacen(&prefix, "", 1))),
        );
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_language_has_every_english_key() {
        let english = english();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let words: BTreeMap<String, String> =
                super::words(&std::fs::read_to_string(&path).unwrap())
                    .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message))
                    .into_iter()
                    .map(|(k, v)| (k, v.into_inner()))
                    .collect();
            for key in english.keys() {
                assert!(words.contains_key(key), "{} lacks {key}", path.display());
            }
            for (key, text) in &words {
                assert!(
                    english.contains_key(key),
                    "{} has {key}, which English does not",
                    path.display()
                );
                for placeholder in [
                    "{n}",
                    "{total}",
                    "{language}",
                    "{url}",
                    "{day}",
                    "{month}",
                    "{year}",
                    "{organization}",
                    "{groups}",
                    "{title}",
                    "{label}",
                    "{file}",
                ] {
                    assert_eq!(
                        english[key].contains(placeholder),
                        text.contains(placeholder),
                        "{} {key}: {placeholder}",
                        path.display()
                    );
                }
            }
        }
    }

    #[test]
    fn dates_and_placeholders() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (fr, problems) = load(root, &root.join("themes/default"), "fr-CA");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(fr.long_date("2026-08-01"), "1er août 2026");
        assert_eq!(fr.long_date("2026-08-02"), "2 août 2026");
        assert_eq!(
            fr.fill("slide_of", &[("n", "2"), ("total", "9")]),
            "2 sur 9"
        );
        let (zh, _) = load(root, &root.join("themes/default"), "zh");
        assert_eq!(zh.long_date("2026-08-01"), "2026年8月1日");
        let (xx, problems) = load(root, &root.join("themes/default"), "xx");
        assert_eq!(xx.get("home"), "Home");
        assert_eq!(xx.long_date("2026-08-01"), "1 August 2026");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn the_writing_rooms_section_is_read_as_its_own_words_and_a_site_overrides_one() {
        let site = tempfile::tempdir().unwrap();
        let theme = site.path().join("theme");
        std::fs::create_dir_all(theme.join("i18n")).unwrap();
        std::fs::create_dir_all(site.path().join("i18n")).unwrap();
        std::fs::write(
            theme.join("i18n/fr.toml"),
            "home = \"Accueil\"\n[writing_room]\nsave = \"Enregistrer\"\nclose = \"Fermer\"\n",
        )
        .unwrap();
        std::fs::write(
            site.path().join("i18n/fr.toml"),
            "[writing_room]\nsave = \"Garder\"\n",
        )
        .unwrap();
        let (fr, problems) = load(site.path(), &theme, "fr");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(fr.get("home"), "Accueil");
        assert_eq!(fr.get("writing_room.save"), "Garder");
        assert_eq!(fr.get("writing_room.close"), "Fermer");
        let bad = super::words("[other]\nx = \"y\"\n").err().unwrap();
        assert!(bad.message.contains("other"), "{}", bad.message);
    }

    #[test]
    fn a_section_plainsite_does_not_know_is_reported_with_the_one_it_knows() {
        let site = tempfile::tempdir().unwrap();
        let theme = site.path().join("theme");
        std::fs::create_dir_all(site.path().join("i18n")).unwrap();
        std::fs::write(
            site.path().join("i18n/fr.toml"),
            "home = \"Accueil\"\n[writingroom]\nsave = \"Garder\"\n",
        )
        .unwrap();
        let (_, problems) = load(site.path(), &theme, "fr");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("writingroom"), "{problems:?}");
        let line = problems[0].location.as_ref().map(|l| l.line);
        assert_eq!(line, Some(2), "{problems:?}");
        let help = problems[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("[writing_room]"), "{help}");
    }
}
