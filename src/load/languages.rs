//! The languages of a site: the default one from `language` in site.toml and the others
//! from `[languages.CODE]` tables. Each other language lives under its own address
//! prefix (`/fr/`), its pages are `name.CODE.md` files next to the originals, and its
//! data files are `_data/name.CODE.yaml`. A language is named in itself in the switcher.

use serde::{Deserialize, Serialize};

/// Whether `c` is a Han character (CJK Unified Ideographs and their extensions): Chinese
/// text, which has no spaces between words.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// One `[languages.CODE]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    /// The site's title in this language, with where its value is written.
    pub title: Option<toml::Spanned<String>>,
    pub description: Option<toml::Spanned<String>>,
    /// The organization's name in this language, for the footer, slides and feed.
    pub organization: Option<String>,
    /// The language's name in itself, when the built-in list does not have it.
    pub name: Option<String>,
    /// `ltr` or `rtl`, when the built-in list does not know the script's direction.
    pub dir: Option<String>,
}

/// One language of the site, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// The BCP 47 code, e.g. `fr` or `fr-CA`.
    pub code: String,
    /// The name of the language in itself, e.g. `Français`.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Address prefix: empty for the default language, `/fr` for the others.
    pub prefix: String,
    pub title: String,
    pub description: String,
    /// The organization's name in this language; `None` keeps the site's `organization`.
    pub organization: Option<String>,
    pub is_default: bool,
    /// Where this language's own title and description are written in site.toml.
    #[serde(skip)]
    pub written: WordPlaces,
}

/// Where a language's title and description are written in site.toml: the TOML parser's
/// spans of their values (quotes included); `None` for one taken from the default
/// language or not written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordPlaces {
    pub title: Option<std::ops::Range<usize>>,
    pub description: Option<std::ops::Range<usize>>,
}

impl Language {
    pub fn new(
        code: &str,
        raw: RawLanguage,
        is_default: bool,
        site_title: &str,
        site_description: &str,
    ) -> Language {
        let span = |value: &Option<toml::Spanned<String>>| value.as_ref().map(|v| v.span());
        let written = WordPlaces {
            title: span(&raw.title),
            description: span(&raw.description),
        };
        let dir = match raw.dir.as_deref() {
            Some("rtl") => "rtl",
            Some(_) => "ltr",
            None => direction(code),
        };
        Language {
            code: code.to_string(),
            name: raw
                .name
                .unwrap_or_else(|| own_name(code).unwrap_or(code).to_string()),
            dir,
            prefix: if is_default {
                String::new()
            } else {
                format!("/{code}")
            },
            title: (raw.title.map(toml::Spanned::into_inner))
                .unwrap_or_else(|| site_title.to_string()),
            description: (raw.description.map(toml::Spanned::into_inner))
                .unwrap_or_else(|| site_description.to_string()),
            organization: raw.organization,
            is_default,
            written,
        }
    }
}

/// The site's languages from site.toml: the default one first, then each
/// `[languages.CODE]` table in the order written. Codes are case-insensitive (BCP 47)
/// and kept in their canonical case (`fr`, `zh-Hans`, `pt-BR`); a code listed twice, a
/// code that is not one, or the default language listed again is an error at its place
/// (`at` places a diagnostic at a byte offset of site.toml). The site's `title` and
/// `description` are the default language's, and the others' unless they have their own.
pub fn from_config(
    default: &str,
    raw: std::collections::BTreeMap<toml::Spanned<String>, RawLanguage>,
    (site_title, site_description): (&toml::Spanned<String>, Option<&toml::Spanned<String>>),
    at: &dyn Fn(
        usize,
        crate::text::diagnostics::Diagnostic,
    ) -> crate::text::diagnostics::Diagnostic,
    problems: &mut Vec<crate::text::diagnostics::Diagnostic>,
) -> Vec<Language> {
    use crate::text::diagnostics::Diagnostic;
    let (title, description) = (
        site_title.get_ref().as_str(),
        site_description.map_or("", |d| d.get_ref().as_str()),
    );
    let own = RawLanguage {
        title: Some(site_title.clone()),
        description: site_description.cloned(),
        ..Default::default()
    };
    let mut languages = vec![Language::new(default, own, true, title, description)];
    let mut tables: Vec<(toml::Spanned<String>, RawLanguage)> = raw.into_iter().collect();
    tables.sort_by_key(|(code, _)| code.span().start);
    for (spanned, lang) in tables {
        let offset = spanned.span().start;
        let written = spanned.into_inner();
        let shown = if written
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            written.clone()
        } else {
            format!("\"{}\"", written.replace('\\', "\\\\").replace('"', "\\\""))
        };
        let code = canonical(&written);
        if !is_language_tag(&written) {
            problems.push(at(
                offset,
                Diagnostic::error(format!(
                    "[languages.{shown}]: \"{written}\" is not a language code"
                ))
                .help("use a BCP 47 code such as \"fr\", \"zh\" or \"ar\""),
            ));
        } else if code == default {
            problems.push(at(offset, Diagnostic::error(format!("[languages.{shown}] is the site's default language")).help("list only the other languages under [languages]; the default one is `language`")));
        } else if languages.iter().any(|l| l.code == code) {
            problems.push(at(
                offset,
                Diagnostic::error(format!("[languages.{shown}] is the language {code} again"))
                    .help("language codes are the same in upper and lower case: keep one [languages] table for each language"),
            ));
        } else if lang
            .dir
            .as_deref()
            .is_some_and(|d| d != "ltr" && d != "rtl")
        {
            problems.push(at(
                offset,
                Diagnostic::error(format!(
                    "[languages.{shown}]: dir must be \"ltr\" or \"rtl\""
                ))
                .help("write dir = \"rtl\" for scripts written right to left, such as Arabic"),
            ));
        } else {
            languages.push(Language::new(&code, lang, false, title, description));
        }
    }
    languages
}

/// A language code in its canonical case (BCP 47, section 2.1.1): the language in
/// lower case, a four-letter script in title case, a two-letter region in upper case,
/// everything else (and everything after a one-letter extension) in lower case.
pub fn canonical(code: &str) -> String {
    let mut after_singleton = false;
    code.split('-')
        .enumerate()
        .map(|(i, part)| {
            let letters = part.chars().all(|c| c.is_ascii_alphabetic());
            let out = match (i, part.len()) {
                (0, _) => part.to_ascii_lowercase(),
                _ if after_singleton => part.to_ascii_lowercase(),
                (_, 4) if letters => {
                    let lower = part.to_ascii_lowercase();
                    lower[..1].to_ascii_uppercase() + &lower[1..]
                }
                (_, 2) if letters => part.to_ascii_uppercase(),
                _ => part.to_ascii_lowercase(),
            };
            after_singleton |= i > 0 && part.len() == 1;
            out
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The output folder of a language's chart files, from its address prefix: `charts`
/// for the default language, `fr/charts` for French.
pub fn charts_folder(prefix: &str) -> String {
    match prefix.trim_matches('/') {
        "" => "charts".to_string(),
        code => format!("{code}/charts"),
    }
}

/// The primary subtag of a language code: `fr` for `fr-CA`.
pub fn primary(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

/// Scripts written right to left.
pub fn direction(code: &str) -> &'static str {
    match primary(&code.to_ascii_lowercase()) {
        "ar" | "he" | "fa" | "ur" | "ps" | "sd" | "yi" | "dv" | "ug" | "ckb" => "rtl",
        _ => "ltr",
    }
}

/// A language's name in itself.
pub fn own_name(code: &str) -> Option<&'static str> {
    Some(match primary(&code.to_ascii_lowercase()) {
        "en" => "English",
        "fr" => "Français",
        "zh" => "中文",
        "ar" => "العربية",
        "es" => "Español",
        "pt" => "Português",
        "de" => "Deutsch",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "ru" => "Русский",
        "uk" => "Українська",
        "fa" => "فارسی",
        "he" => "עברית",
        "ur" => "اردو",
        "hi" => "हिन्दी",
        "pa" => "ਪੰਜਾਬੀ",
        "bn" => "বাংলা",
        "tl" => "Tagalog",
        "vi" => "Tiếng Việt",
        "ko" => "한국어",
        "ja" => "日本語",
        "so" => "Soomaali",
        "sw" => "Kiswahili",
        "iu" => "ᐃᓄᒃᑎᑐᑦ",
        "cr" => "ᓀᐦᐃᔭᐍᐏᐣ",
        "oj" => "ᐊᓂᔑᓈᐯᒧᐎᓐ",
        "mi" => "Te reo Māori",
        _ => return None,
    })
}

/// The name of `rel`'s translation into `code`: `about/team.fr.md` for `about/team.md`,
/// `_data/findings.fr.yaml` for `_data/findings.yaml` (the suffix [`split_suffix`] reads).
pub fn translated_name(rel: &str, code: &str) -> String {
    let (folder, name) = match rel.rsplit_once('/') {
        Some((folder, name)) => (format!("{folder}/"), name),
        None => (String::new(), rel),
    };
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{folder}{stem}.{code}.{ext}"),
        _ => rel.to_string(),
    }
}

/// A language's name in English, for plainsite's messages (which are in English):
/// `French` for `fr-CA`, where [`own_name`] gives « Français ».
pub fn english_name(code: &str) -> Option<&'static str> {
    Some(match primary(&code.to_ascii_lowercase()) {
        "en" => "English",
        "fr" => "French",
        "zh" => "Chinese",
        "ar" => "Arabic",
        "es" => "Spanish",
        "pt" => "Portuguese",
        "de" => "German",
        "it" => "Italian",
        "nl" => "Dutch",
        "pl" => "Polish",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "fa" => "Persian",
        "he" => "Hebrew",
        "ur" => "Urdu",
        "hi" => "Hindi",
        "pa" => "Punjabi",
        "bn" => "Bengali",
        "tl" => "Tagalog",
        "vi" => "Vietnamese",
        "ko" => "Korean",
        "ja" => "Japanese",
        "so" => "Somali",
        "sw" => "Swahili",
        "iu" => "Inuktitut",
        "cr" => "Cree",
        "oj" => "Ojibwe",
        "mi" => "Māori",
        _ => return None,
    })
}

/// Splits a language suffix off a file name: `page.fr.md` gives (`page.md`, `fr`) when
/// `fr` is one of `codes`.
pub fn split_suffix<'a>(file_name: &str, codes: &'a [String]) -> Option<(String, &'a str)> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    let (base, code) = stem.rsplit_once('.')?;
    let code = codes.iter().find(|c| c.eq_ignore_ascii_case(code))?;
    Some((format!("{base}.{ext}"), code.as_str()))
}

/// A language-like suffix that is not one of the site's languages (`page.es.md` on a
/// site without Spanish), so the author can be told.
pub fn unknown_suffix(file_name: &str) -> Option<&str> {
    let (stem, _) = file_name.rsplit_once('.')?;
    let (_, code) = stem.rsplit_once('.')?;
    own_name(code).filter(|_| code.len() <= 3).map(|_| code)
}

/// A loose check of a BCP 47 tag: a 2-3 letter language, then subtags of 1-8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_translation_is_named_with_its_code_before_the_extension() {
        assert_eq!(translated_name("about/team.md", "fr"), "about/team.fr.md");
        assert_eq!(translated_name("_index.md", "zh-Hans"), "_index.zh-Hans.md");
        assert_eq!(
            translated_name("_data/findings.yaml", "fr-CA"),
            "_data/findings.fr-CA.yaml"
        );
        // What split_suffix reads back.
        let codes = ["fr".to_string()];
        let named = translated_name("news/_index.md", "fr");
        assert_eq!(
            split_suffix(named.rsplit('/').next().unwrap(), &codes),
            Some(("_index.md".into(), "fr"))
        );
    }

    use super::*;

    #[test]
    fn names_directions_and_suffixes() {
        let fr = Language::new("fr-CA", RawLanguage::default(), false, "T", "D");
        assert_eq!(
            (fr.name.as_str(), fr.dir, fr.prefix.as_str()),
            ("Français", "ltr", "/fr-CA")
        );
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(
            (charts_folder(""), charts_folder("/fr")),
            ("charts".to_string(), "fr/charts".to_string())
        );
        let codes = vec!["fr".to_string(), "zh".to_string()];
        assert_eq!(
            split_suffix("_index.fr.md", &codes),
            Some(("_index.md".into(), "fr"))
        );
        assert_eq!(
            split_suffix("findings.zh.yaml", &codes),
            Some(("findings.yaml".into(), "zh"))
        );
        assert_eq!(split_suffix("page.es.md", &codes), None);
        assert_eq!(split_suffix("v1.2.md", &codes), None);
        assert_eq!(unknown_suffix("page.es.md"), Some("es"));
        assert_eq!(unknown_suffix("report.final.md"), None);
    }

    #[test]
    fn language_codes_are_written_in_their_canonical_case() {
        for (written, expected) in [
            ("FR", "fr"),
            ("zh-hans", "zh-Hans"),
            ("PT-br", "pt-BR"),
            ("sr-latn-rs", "sr-Latn-RS"),
            ("es-419", "es-419"),
            ("en-x-AB", "en-x-ab"),
        ] {
            assert_eq!(canonical(written), expected);
        }
    }
}
