//! The files `plainsite new` writes: a small starter site in the languages asked for,
//! and the default theme, all built into the binary so a new site works with nothing
//! else installed.
//!
//! The starter's pages and data exist in English and French (`starter/en`,
//! `starter/fr`), each a whole site with the same file names and ids, so either can be
//! the site's language and the other its translation (`about.md` and `about.fr.md`).
//! Another language the theme has words for can be added beside them: its pages show the
//! first language's text, with the theme's notice, until they are translated.

use std::path::Path;

use include_dir::{include_dir, Dir};

use crate::load::languages;
use crate::text::error::{Error, Result};

use crate::load::builtin_theme::{files_of, DEFAULT_THEME};

/// The starter site in each language that has one (`en/`, `fr/`), and the files every
/// language shares (`shared/`: a photo).
static STARTER: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/cmd/starter");

/// The languages of a new site, checked before anything is written: the first is the
/// site's own, with the starter's pages in it; the others follow.
#[derive(Debug)]
pub struct Languages {
    main: Written,
    others: Vec<Other>,
}

/// A language with the starter's pages in it.
#[derive(Debug)]
struct Written {
    code: String,
    pages: &'static Dir<'static>,
}

/// A language after the first.
#[derive(Debug)]
enum Other {
    /// Its pages come translated (`about.fr.md`).
    Written(Written),
    /// The theme has words for it, the starter no pages: its readers get the first
    /// language's pages with a notice until someone translates them.
    ThemeWordsOnly(String),
}

impl Languages {
    /// Checks the codes given to `plainsite new --language` (the site's language first).
    pub fn parse(codes: &[String]) -> Result<Languages> {
        let mut seen: Vec<String> = Vec::new();
        for code in codes {
            let code = code.trim();
            if !languages::is_language_tag(code) {
                return Err(Error::Refused(format!(
                    "\"{code}\" is not a language code; use codes such as en, fr or fr-CA, e.g. --language fr,en"
                )));
            }
            let code = languages::canonical(code);
            let primary = languages::primary(&code);
            if let Some(same) = seen.iter().find(|s| languages::primary(s) == primary) {
                let what = match same == &code {
                    true => format!("{code} is given twice"),
                    false => format!("{same} and {code} are the same language, and would have the same name in the site's language menu"),
                };
                return Err(Error::Refused(format!(
                    "{what}; give each language once, the site's own first"
                )));
            }
            seen.push(code);
        }
        let mut codes = seen.into_iter();
        let Some(first) = codes.next() else {
            return Languages::parse(&["en".to_string()]);
        };
        let main = written_in(&first).ok_or_else(|| no_pages_in(&first))?;
        let others = codes.map(other).collect::<Result<Vec<_>>>()?;
        Ok(Languages { main, others })
    }
}

/// The starter's pages in the language of `code` (`fr` for `fr-CA`), if it has them.
fn written_in(code: &str) -> Option<Written> {
    let pages = STARTER.get_dir(languages::primary(code))?;
    Some(Written {
        code: code.to_string(),
        pages,
    })
}

/// A language after the first, with its pages or with the theme's words only.
fn other(code: String) -> Result<Other> {
    if let Some(w) = written_in(&code) {
        return Ok(Other::Written(w));
    }
    if theme_has_words_in(&code) {
        return Ok(Other::ThemeWordsOnly(code));
    }
    Err(Error::Refused(format!(
        "the default theme has no words in {code} yet (it has {}). Make the site without it; then copy themes/default/i18n/en.toml to i18n/{}.toml beside site.toml, translate each line, and add [languages.{code}] to site.toml",
        theme_languages().join(", "),
        languages::primary(&code),
    )))
}

/// Why a site cannot start in `code`: the starter has no pages in it.
fn no_pages_in(code: &str) -> Error {
    let words_too = match theme_has_words_in(code) {
        true => format!(
            " The theme has words in {code}, so it can be a second language: --language en,{code}."
        ),
        false => String::new(),
    };
    Error::Refused(format!(
        "plainsite has example pages in English (en) and French (fr) only, and a site starts in the language of its pages.{words_too} To write a site in {code}, make it in English or French, set language = \"{code}\" in site.toml, and write your pages in {code}"
    ))
}

/// Whether the default theme has its words (menus, labels) in the language of `code`.
fn theme_has_words_in(code: &str) -> bool {
    theme_languages().contains(&languages::primary(code))
}

/// The languages the default theme has words in (`en`, `fr`, …).
fn theme_languages() -> Vec<&'static str> {
    DEFAULT_THEME
        .get_dir("i18n")
        .map(|d| {
            d.files()
                .filter_map(|f| f.path().file_stem()?.to_str())
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the starter site in `langs` and the default theme into `dir`, which must be
/// new or empty.
pub fn create(dir: &Path, langs: &Languages) -> Result<usize> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .map_err(|e| Error::read(dir, e))?;
        if !empty {
            return Err(Error::Refused(format!(
                "{} already exists and is not empty; choose a new folder name",
                dir.display()
            )));
        }
    }
    let mut count = 0;
    let main = langs.main.pages;
    count += write_dir(main, dir, &|p| !is_settings(p), None)?;
    if let Some(shared) = STARTER.get_dir("shared") {
        count += write_dir(shared, dir, &|_| true, None)?;
    }
    for other in &langs.others {
        if let Other::Written(w) = other {
            count += write_dir(w.pages, dir, &is_content_text, Some(&w.code))?;
        }
    }
    write(&dir.join("site.toml"), settings(langs)?.as_bytes())?;
    count += 1;
    count += write_dir(
        &DEFAULT_THEME,
        &dir.join("themes").join("default"),
        &|_| true,
        None,
    )?;
    Ok(count)
}

/// `site.toml`, which [`settings`] writes for every language at once.
fn is_settings(path: &Path) -> bool {
    path == Path::new("site.toml")
}

/// A page or data file of `content/`, which a translation has its own copy of.
fn is_content_text(path: &Path) -> bool {
    path.starts_with("content") && path.extension().is_some_and(|e| e == "md" || e == "yaml")
}

/// The new site's `site.toml`: the first language's, then a table for each other one,
/// with its words when the starter has them.
fn settings(langs: &Languages) -> Result<String> {
    let main = &langs.main;
    let text = file_text(main.pages, "site.toml")?;
    let mut out = text.replace(
        &format!("language = \"{}\"", languages::primary(&main.code)),
        &format!("language = \"{}\"", main.code),
    );
    for other in &langs.others {
        match other {
            Other::Written(w) => {
                let words = file_text(w.pages, "site.toml")?;
                out.push_str(&format!("\n[languages.{}]\n", w.code));
                for key in ["title", "description", "organization"] {
                    if let Some(line) = words.lines().find(|l| l.starts_with(&format!("{key} ="))) {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            Other::ThemeWordsOnly(code) => {
                out.push_str(&format!("\n[languages.{code}]\n{}\n", translate_here(main)));
            }
        }
    }
    Ok(out)
}

/// The comment in a language table the starter has no words for, in the first language.
fn translate_here(main: &Written) -> &'static str {
    match languages::primary(&main.code) {
        "fr" => "# Écrivez ici le titre, la description et le nom de l’organisation dans cette langue :\n# title = \"…\"\n# description = \"…\"\n# organization = \"…\"",
        _ => "# Write the site's title, description and organization in this language here:\n# title = \"…\"\n# description = \"…\"\n# organization = \"…\"",
    }
}

/// A text file of the built-in starter.
fn file_text(d: &Dir, name: &str) -> Result<String> {
    d.get_file(d.path().join(name))
        .and_then(|f| f.contents_utf8())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::Refused(format!(
                "this plainsite was built without its starter {name}"
            ))
        })
}

/// Writes the files of `d` that `keep` accepts (given their paths within `d`) under
/// `to`, each named for `code` when given (`about.md` as `about.fr.md`).
fn write_dir(
    d: &Dir,
    to: &Path,
    keep: &dyn Fn(&Path) -> bool,
    code: Option<&str>,
) -> Result<usize> {
    let mut count = 0;
    for file in files_of(d) {
        let within = file.path().strip_prefix(d.path()).unwrap_or(file.path());
        if keep(within) {
            write(&to.join(named_for(within, code)), file.contents())?;
            count += 1;
        }
    }
    Ok(count)
}

/// `path` as the translation into `code` names it: `content/about.md` as
/// `content/about.fr.md`; as it is without a code.
fn named_for(path: &Path, code: Option<&str>) -> std::path::PathBuf {
    match code {
        Some(code) => languages::translated_name(&path.to_string_lossy(), code).into(),
        None => path.to_path_buf(),
    }
}

/// Writes one file, making its folder first.
fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::write(p, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths of a starter's files, within it.
    fn paths(code: &str) -> Vec<std::path::PathBuf> {
        let d = STARTER.get_dir(code).unwrap();
        let mut out: Vec<_> = files_of(d)
            .iter()
            .map(|f| f.path().strip_prefix(d.path()).unwrap().to_path_buf())
            .collect();
        out.sort();
        out
    }

    /// The `id:` lines of a starter's data file, in order.
    fn ids(code: &str, file: &str) -> Vec<String> {
        let d = STARTER.get_dir(code).unwrap();
        let text = file_text(d, &format!("content/_data/{file}")).unwrap();
        text.lines()
            .filter(|l| l.trim_start().starts_with("- id:"))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_english_and_french_starters_pair_file_for_file_and_id_for_id() {
        // Either is the other's translation: `about.md` beside `about.fr.md`.
        assert_eq!(paths("en"), paths("fr"));
        for file in ["findings.yaml", "recommendations.yaml"] {
            assert_eq!(ids("en", file), ids("fr", file), "{file}");
        }
    }

    #[test]
    fn a_translation_s_files_are_named_with_its_code_before_the_extension() {
        let named = |p: &str, c| named_for(Path::new(p), c);
        assert_eq!(
            named("content/about.md", Some("fr")),
            Path::new("content/about.fr.md")
        );
        assert_eq!(
            named("content/_data/findings.yaml", Some("fr-CA")),
            Path::new("content/_data/findings.fr-CA.yaml")
        );
        assert_eq!(
            named("content/about.md", None),
            Path::new("content/about.md")
        );
    }

    #[test]
    fn the_first_language_is_english_unless_one_is_given() {
        let langs = Languages::parse(&[]).unwrap();
        assert_eq!(langs.main.code, "en");
        let langs = Languages::parse(&["FR-ca".into(), "zh-hans".into()]).unwrap();
        assert_eq!(langs.main.code, "fr-CA");
        assert!(matches!(&langs.others[..], [Other::ThemeWordsOnly(c)] if c == "zh-Hans"));
    }
}
