//! Stage 1 (load), config: reads `site.toml` and validates it into a typed [`SiteConfig`]
//! before any other work is done. Unknown keys are errors at their line that say so in
//! plain words, with the closest key plainsite knows.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::text::diagnostics::{did_you_mean, Diagnostic, LineIndex};
use crate::text::rule::{CheckConfig, Level, Rule};
use crate::text::yaml_error::{unknown_field_and_expected, unknown_setting};

/// The name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.toml";

/// The site's source folders at its root: what serve watches, and never an output.
pub const SITE_FOLDERS: [&str; 5] = ["content", "themes", "templates", "i18n", "fonts"];

/// Every key `site.toml` accepts, in the order the user guide lists them.
pub const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "organization",
    "feed_section",
    "page_size",
    "portable",
    "search",
    "minify",
    "safe",
    "render_time_limit",
    "page_weight_budget",
    "paper",
    "doi",
    "citation_style",
    "languages",
    "checks",
];

/// Every key of the `[checks]` table.
pub const CHECK_KEYS: &[&str] = &[
    "reading_grade",
    "sentence_words",
    "paragraph_sentences",
    "sentence_characters",
    "paragraph_characters",
    "targets",
    "contrast",
    "allow",
    "rules",
];

/// `site.toml` as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: toml::Spanned<String>,
    #[serde(default)]
    description: Option<toml::Spanned<String>>,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    organization: String,
    #[serde(default)]
    feed_section: Option<String>,
    #[serde(default = "default_page_size")]
    page_size: i64,
    #[serde(default)]
    portable: bool,
    #[serde(default = "default_search")]
    search: bool,
    #[serde(default = "default_minify")]
    minify: RawMinify,
    #[serde(default)]
    safe: bool,
    #[serde(default = "default_render_time_limit")]
    render_time_limit: f64,
    #[serde(default = "default_page_weight_budget")]
    page_weight_budget: i64,
    #[serde(default = "default_paper")]
    paper: String,
    #[serde(default)]
    doi: Option<String>,
    #[serde(default)]
    citation_style: Option<String>,
    #[serde(default)]
    languages:
        std::collections::BTreeMap<toml::Spanned<String>, crate::load::languages::RawLanguage>,
    #[serde(default)]
    checks: Option<RawChecks>,
}

/// `[checks]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecks {
    reading_grade: Option<f64>,
    sentence_words: Option<usize>,
    paragraph_sentences: Option<usize>,
    sentence_characters: Option<usize>,
    paragraph_characters: Option<usize>,
    /// Reading targets by language code, each in that language's measure.
    #[serde(default)]
    targets: std::collections::BTreeMap<String, f64>,
    contrast: Option<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    rules: std::collections::BTreeMap<String, String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_page_size() -> i64 {
    20
}
fn default_paper() -> String {
    "a4".into()
}
fn default_render_time_limit() -> f64 {
    30.0
}
fn default_page_weight_budget() -> i64 {
    500
}
fn default_search() -> bool {
    true
}

fn default_minify() -> RawMinify {
    RawMinify::On(true)
}

/// `minify = true`, `false` or `"smallest"` as written.
#[derive(Debug)]
enum RawMinify {
    On(bool),
    Named(String),
}

/// Read by hand so a wrong value says what is expected (serde's untagged enums say only
/// "did not match any variant").
impl<'de> serde::Deserialize<'de> for RawMinify {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawMinify;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false or \"smallest\"")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<RawMinify, E> {
                Ok(RawMinify::On(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<RawMinify, E> {
                Ok(RawMinify::Named(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// How built pages are made smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Minify {
    /// Pages as the templates wrote them.
    Off,
    /// Whitespace and comments only, in one fast pass (`minify = true`, the default).
    Whitespace,
    /// minify-html: also quotes, optional end tags and entities (`minify = "smallest"`).
    Smallest,
}

/// Where each key of `site.toml` is, from the TOML parser, for problems found after it
/// is read (a `feed_section` that names no section).
#[derive(Debug, Clone, Default)]
pub struct KeyPlaces {
    text: std::sync::Arc<str>,
    keys: std::sync::Arc<std::collections::HashMap<String, usize>>,
}

/// The validated site configuration, with the folders the build reads and writes.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL of the site, always ending in `/`.
    pub base_url: String,
    /// The path part of `base_url`, always starting and ending in `/` (usually just `/`).
    pub base_path: String,
    pub language: String,
    pub theme: String,
    pub organization: String,
    pub feed_section: Option<String>,
    /// The most pages a list (a section, a topic) shows on one page.
    pub page_size: usize,
    /// Internal links end in `index.html`, so the built folder works opened from a disk.
    pub portable: bool,
    /// A search field on every page, its index per language, and the A–Z index page.
    pub search: bool,
    pub minify: Minify,
    /// Raw HTML in pages loses scripts, frames and event handlers (community sites).
    pub safe: bool,
    /// The longest one page's template may take before the build is stopped.
    pub render_time_limit: std::time::Duration,
    /// The most a page should weigh to load, in kilobytes (1,000 bytes).
    pub page_weight_budget: u64,
    /// The paper the policy brief prints on: `a4` or `letter`.
    pub paper: String,
    /// The site's DOI (`10.1234/abcd`), for citations, when it has one.
    pub doi: Option<String>,
    /// The CSL style of `[@key]` citations and reference lists (`citation_style`;
    /// default APA).
    #[serde(skip)]
    pub citation_style: hayagriva::archive::ArchivedStyle,
    /// Every language of the site, the default one first.
    pub languages: Vec<crate::load::languages::Language>,
    pub checks: CheckConfig,
    #[serde(skip)]
    pub root: PathBuf,
    /// Where each key of site.toml is written.
    #[serde(skip)]
    pub places: KeyPlaces,
}

impl SiteConfig {
    /// The text of site.toml as written (empty when there is none).
    pub fn text(&self) -> &str {
        &self.places.text
    }

    /// The text of site.toml and the offset of `key` in it, if it is written there.
    pub fn place_of(&self, key: &str) -> Option<(&str, usize)> {
        let offset = *self.places.keys.get(key)?;
        Some((&self.places.text, offset))
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }
    /// The site's own templates, which override the theme's one by one.
    pub fn site_templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }

    /// The absolute URL of a root-relative path such as `/findings/`.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// A root-relative path (`/findings/`) with the site's base path in front.
    pub fn site_path(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }
}

/// Overrides given on the command line.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub base_url: Option<String>,
}

/// Reads and validates `site.toml` under `root`.
pub fn load(root: &Path, overrides: &Overrides) -> Result<SiteConfig, Vec<Diagnostic>> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read(&path) {
        Ok(bytes) => crate::load::discover::utf8_text(bytes, CONFIG_FILE).map_err(|d| vec![d])?,
        Err(e) => {
            return Err(vec![Diagnostic::error(format!("could not read {CONFIG_FILE}: {e}"))
                .in_file(path.display().to_string())
                .help(format!(
                    "run plainsite in a site folder (one with {CONFIG_FILE}), pass --root DIR, or make a new site with `plainsite new DIR`"
                ))])
        }
    };
    parse(&text, root, overrides)
}

/// Validates the text of `site.toml`: each key in turn, each problem at its key.
pub fn parse(
    text: &str,
    root: &Path,
    overrides: &Overrides,
) -> Result<SiteConfig, Vec<Diagnostic>> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(text, &e)])?;
    let mut problems = Vec::new();
    let index = LineIndex::new(text);
    let keys = key_places(text);
    let at_key = |key: &str, d: Diagnostic| -> Diagnostic {
        if d.location.is_some() {
            return d;
        }
        match keys.get(key.trim_matches('"')) {
            Some(&offset) => d.at_offset(CONFIG_FILE, &index, text, offset),
            None => d,
        }
    };
    check_numbers_and_names(&raw, &mut problems, &at_key);
    let (base_url, base_path) = base_address(&raw.base_url, overrides, &mut problems, &at_key);
    let minify = minify_of(&raw.minify, &mut problems, &at_key);
    let render_time_limit =
        std::time::Duration::from_secs_f64(raw.render_time_limit.clamp(1.0, 3600.0));
    let language = crate::load::languages::canonical(&raw.language);
    let languages = crate::load::languages::from_config(
        &language,
        raw.languages,
        (&raw.title, raw.description.as_ref()),
        &|offset, d| d.at_offset(CONFIG_FILE, &index, text, offset),
        &mut problems,
    );
    let checks = check_config(raw.checks, &mut problems, &at_key);
    let doi = doi_of(raw.doi.as_deref(), &mut problems, &at_key);
    let citation_style = citation_style(raw.citation_style.as_deref(), &mut problems, &at_key);
    let config = SiteConfig {
        title: raw.title.into_inner(),
        description: (raw.description.map(toml::Spanned::into_inner)).unwrap_or_default(),
        base_url,
        base_path,
        language,
        theme: raw.theme,
        organization: raw.organization,
        feed_section: raw.feed_section,
        page_size: raw.page_size.clamp(1, 1000) as usize,
        portable: raw.portable,
        search: raw.search,
        minify,
        safe: raw.safe,
        render_time_limit,
        page_weight_budget: raw.page_weight_budget.clamp(10, 100_000) as u64,
        paper: raw.paper.to_ascii_lowercase(),
        doi,
        citation_style,
        languages,
        checks,
        root: root.to_path_buf(),
        places: KeyPlaces {
            text: text.into(),
            keys: std::sync::Arc::new(keys.clone()),
        },
    };
    check_theme(&config, root, &mut problems, &at_key);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

/// Where `site.toml` says a problem is: at the key's place when it has one.
type AtKey<'a> = &'a dyn Fn(&str, Diagnostic) -> Diagnostic;

/// The keys checked alone: the title is not empty, the language is a language code,
/// the paper is a size plainsite knows, and each number is in its range.
fn check_numbers_and_names(raw: &RawConfig, problems: &mut Vec<Diagnostic>, at_key: AtKey) {
    if raw.title.get_ref().trim().is_empty() {
        problems.push(at_key(
            "title",
            Diagnostic::error("the site title is empty")
                .help("write the site's name, e.g. title = \"Taking part, staying well\""),
        ));
    }
    if !crate::load::languages::is_language_tag(&raw.language) {
        problems.push(at_key(
            "language",
            Diagnostic::error(format!(
                "language \"{}\" is not a language code",
                raw.language
            ))
            .help("use a BCP 47 code such as \"en\", \"fr\" or \"fr-CA\""),
        ));
    }
    if !(raw.render_time_limit.is_finite() && (1.0..=3600.0).contains(&raw.render_time_limit)) {
        problems.push(at_key(
            "render_time_limit",
            Diagnostic::error(format!(
                "render_time_limit = {} is not a number of seconds from 1 to 3600",
                raw.render_time_limit
            ))
            .help("the default is 30 seconds, e.g. render_time_limit = 30"),
        ));
    }
    let paper = raw.paper.to_ascii_lowercase();
    if paper != "a4" && paper != "letter" {
        problems.push(at_key(
            "paper",
            Diagnostic::error(format!(
                "paper = \"{}\" is not a paper size plainsite knows",
                raw.paper
            ))
            .help("write paper = \"a4\" or paper = \"letter\""),
        ));
    }
    if !(1..=1000).contains(&raw.page_size) {
        problems.push(at_key(
            "page_size",
            Diagnostic::error(format!(
                "page_size = {} is not a number of pages from 1 to 1000",
                raw.page_size
            ))
            .help("the default is 20, e.g. page_size = 20"),
        ));
    }
    if !(10..=100_000).contains(&raw.page_weight_budget) {
        problems.push(at_key(
            "page_weight_budget",
            Diagnostic::error(format!(
                "page_weight_budget = {} is not a number of kilobytes from 10 to 100000",
                raw.page_weight_budget
            ))
            .help("the default is 500 kilobytes, e.g. page_weight_budget = 500"),
        ));
    }
}

/// The site's address (`--base-url` over `base_url`), ending in `/`, and its path part.
fn base_address(
    raw_base_url: &str,
    overrides: &Overrides,
    problems: &mut Vec<Diagnostic>,
    at_key: AtKey,
) -> (String, String) {
    let from_flag = overrides.base_url.is_some();
    let base_url = overrides
        .base_url
        .clone()
        .unwrap_or_else(|| raw_base_url.to_string());
    let url_checked = check_base_url(&base_url);
    if let Err(why) = &url_checked {
        let (name, example) = if from_flag {
            ("--base-url", "--base-url https://example.org/")
        } else {
            ("base_url", "base_url = \"https://example.org/\"")
        };
        problems.push(at_key(
            if from_flag { "--base-url" } else { "base_url" },
            Diagnostic::error(format!("{name} {base_url:?} is not a web address: {why}"))
                .help(format!("write the full address where the site will live, starting with https://, e.g. {example}")),
        ));
    }
    let base_url = if base_url.ends_with('/') {
        base_url
    } else {
        format!("{base_url}/")
    };
    let base_path = match base_url.split_once("://") {
        Some((scheme, rest))
            if (scheme == "http" || scheme == "https") && !rest.starts_with('/') =>
        {
            rest.find('/')
                .map(|i| rest[i..].to_string())
                .unwrap_or_else(|| "/".into())
        }
        _ if url_checked.is_err() => "/".into(),
        _ => {
            problems.push(at_key(
                "base_url",
                Diagnostic::error(format!("base_url \"{base_url}\" is not a web address"))
                    .help("write the full address where the site will live, starting with https://, e.g. base_url = \"https://example.org/\""),
            ));
            "/".into()
        }
    };
    (base_url, base_path)
}

/// `minify`: true, false or "smallest".
fn minify_of(raw: &RawMinify, problems: &mut Vec<Diagnostic>, at_key: AtKey) -> Minify {
    match raw {
        RawMinify::On(true) => Minify::Whitespace,
        RawMinify::On(false) => Minify::Off,
        RawMinify::Named(n) if n == "smallest" => Minify::Smallest,
        RawMinify::Named(n) => {
            problems.push(at_key("minify", Diagnostic::error(format!("minify = \"{n}\" is not a way plainsite knows to minify")).help("write minify = true (fast, the default), minify = \"smallest\" (smallest pages, slower) or minify = false")));
            Minify::Whitespace
        }
    }
}

/// `doi`, without a `https://doi.org/` or `doi:` in front; an error when it is not one.
fn doi_of(raw: Option<&str>, problems: &mut Vec<Diagnostic>, at_key: AtKey) -> Option<String> {
    let doi = raw.map(|d| {
        d.trim()
            .trim_start_matches("https://doi.org/")
            .trim_start_matches("doi:")
            .to_string()
    });
    if let Some(d) = doi
        .as_deref()
        .filter(|d| !d.starts_with("10.") || !d.contains('/'))
    {
        problems.push(
            at_key(
                "doi",
                Diagnostic::error(format!("doi = \"{d}\" is not a DOI")),
            )
            .help("write the DOI as it is registered, e.g. doi = \"10.5281/zenodo.1234567\", or remove the line"),
        );
    }
    doi
}

/// `theme`: a plain folder name, and a folder of `themes/` with templates.
fn check_theme(config: &SiteConfig, root: &Path, problems: &mut Vec<Diagnostic>, at_key: AtKey) {
    let plain_name = !config.theme.is_empty()
        && !config.theme.starts_with('.')
        && config
            .theme
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !plain_name {
        problems.push(at_key("theme", Diagnostic::error(format!("theme \"{}\" is not the name of a folder in themes/", config.theme)).help("write the folder's name alone, e.g. theme = \"default\" for themes/default; a theme cannot be outside the site")).in_file(CONFIG_FILE));
    } else if !config.theme_dir().join("templates").is_dir() {
        let themes = list_themes(&root.join("themes"));
        let mut d = Diagnostic::error(format!(
            "theme \"{}\" was not found in themes/",
            config.theme
        ));
        d = match did_you_mean(&config.theme, themes.iter().map(String::as_str)) {
            Some(s) => d.help(format!("did you mean theme = \"{s}\"?")),
            None if themes.is_empty() => d.help("put a theme in themes/NAME/templates, or make a new site with `plainsite new DIR`, which includes the default theme"),
            None => d.help(format!("themes found: {}", themes.join(", "))),
        };
        problems.push(at_key("theme", d).in_file(CONFIG_FILE));
    }
}

/// Validates `[checks]`: rule names and levels must be known.
/// `citation_style`: a style hayagriva bundles, by name; APA when not set.
fn citation_style(
    name: Option<&str>,
    problems: &mut Vec<Diagnostic>,
    at_key: &dyn Fn(&str, Diagnostic) -> Diagnostic,
) -> hayagriva::archive::ArchivedStyle {
    use crate::text::csl::{style, style_named, style_names};
    let apa = hayagriva::archive::ArchivedStyle::AmericanPsychologicalAssociation;
    let Some(name) = name else { return apa };
    match style_named(name) {
        Some(s) if style(s).is_some() => s,
        found => {
            let what = if found.is_some() {
                "only names a variant of another style"
            } else {
                "is not a citation style plainsite knows"
            };
            let d = Diagnostic::error(format!("citation_style = \"{name}\" {what}"));
            let help = match did_you_mean(name, style_names()) {
                Some(s) => format!("did you mean citation_style = \"{s}\"?"),
                None => "write \"apa\" (author and year) or \"vancouver\" (numbers), or the name of another CSL style, e.g. \"chicago-author-date\"".to_string(),
            };
            problems.push(at_key("citation_style", d).help(help));
            apa
        }
    }
}

fn check_config(
    raw: Option<RawChecks>,
    problems: &mut Vec<Diagnostic>,
    at_key: &dyn Fn(&str, Diagnostic) -> Diagnostic,
) -> CheckConfig {
    let mut c = CheckConfig::default();
    let Some(raw) = raw else { return c };
    if let Some(g) = raw.reading_grade {
        if !(1.0..=20.0).contains(&g) {
            problems.push(at_key(
                "reading_grade",
                Diagnostic::error(format!("reading_grade {g} is not a school grade"))
                    .help("use a grade between 1 and 20; plain language aims for 8 or lower"),
            ));
        }
        c.reading_grade = g;
    }
    if let Some(n) = raw.sentence_words {
        c.sentence_words = n.max(1);
    }
    if let Some(n) = raw.paragraph_sentences {
        c.paragraph_sentences = n.max(1);
    }
    if let Some(n) = raw.sentence_characters {
        c.sentence_characters = n.max(1);
    }
    if let Some(n) = raw.paragraph_characters {
        c.paragraph_characters = n.max(1);
    }
    for (code, target) in raw.targets {
        if !target.is_finite() || !(0.0..=200.0).contains(&target) {
            problems.push(at_key(
                "targets",
                Diagnostic::error(format!("the reading target {target} for \"{code}\" is out of range"))
                    .help("use a number in the language's measure: a grade for English (8), a reading ease for French (60), a percentage of uncommon characters for Chinese (2)"),
            ));
            continue;
        }
        c.targets.insert(code, target);
    }
    match raw.contrast.as_deref() {
        None | Some("AA") => {}
        Some("AAA") => c.aaa_contrast = true,
        Some(other) => problems.push(at_key("contrast", Diagnostic::error(format!("contrast \"{other}\" is not a WCAG level")).help("write contrast = \"AA\" (4.5:1 for text) or contrast = \"AAA\" (7:1 for body text)"))),
    }
    c.allow = raw.allow;
    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    for (rule, level) in raw.rules {
        let Some(id) = Rule::parse(&rule) else {
            let mut d = Diagnostic::error(format!("there is no check named \"{rule}\""));
            d = match did_you_mean(&rule, names.iter().copied()) {
                Some(s) => d.help(format!(
                    "did you mean \"{s}\"? Checks: {}",
                    names.join(", ")
                )),
                None => d.help(format!("checks: {}", names.join(", "))),
            };
            // A rule name is a bare key (long-sentence = ...) or a quoted one.
            let d = at_key(&rule, d);
            problems.push(at_key(&format!("\"{rule}\""), d));
            continue;
        };
        match Level::parse(&level) {
            Some(l) => {
                c.levels.insert(id, l);
            }
            None => problems.push(at_key(
                &rule,
                Diagnostic::error(format!("\"{level}\" is not a level for {rule}"))
                    .help("use \"error\", \"warning\", \"suggestion\" or \"off\""),
            )),
        }
    }
    c
}

/// Why `url` cannot be the site's address, if it cannot: it is written into every page
/// (canonical links, feeds, the sitemap, QR codes), so it must be a plain http(s)
/// address with a host and none of the characters that could end an attribute or a tag.
fn check_base_url(url: &str) -> Result<(), String> {
    if let Some(c) = url.chars().find(|c| {
        matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`') || c.is_whitespace() || c.is_control()
    }) {
        return Err(format!(
            "it contains {c:?}, which a web address cannot hold"
        ));
    }
    let parsed = url::Url::parse(url).map_err(|e| e.to_string())?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "it starts with {}: instead of https://",
            parsed.scheme()
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("it has no host name".into());
    }
    if parsed.query().is_some()
        || parsed.fragment().is_some()
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return Err(
            "it has a query (?), a fragment (#) or a user name, which a site address cannot have"
                .into(),
        );
    }
    Ok(())
}

fn list_themes(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().join("templates").is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Turns a TOML error into a diagnostic at its line; an unknown key is said as front
/// matter's is ([`unknown_setting`]), with the keys of its own table.
fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let expected = message
        .split_once("invalid type: ")
        .and_then(|(_, rest)| rest.split_once(", expected "))
        .map(|(_, expected)| expected);
    let plain = expected.and_then(crate::text::yaml_error::plain_kind);
    let unknown = unknown_field_and_expected(&message).map(|(name, known)| {
        let known = if known.is_empty() {
            CONFIG_KEYS.to_vec()
        } else {
            known
        };
        (name, unknown_setting(name, &known))
    });
    let mut d = match (plain, &unknown) {
        (_, Some((_, (words, _)))) => Diagnostic::error(format!("{CONFIG_FILE}: {words}")),
        _ if expected == Some("a string") => Diagnostic::error(format!(
            "{CONFIG_FILE}: this value must be text in double quotes"
        )),
        (Some((what, _)), _) => {
            Diagnostic::error(format!("{CONFIG_FILE}: this value must be {what}"))
        }
        (None, _) => Diagnostic::error(format!("{CONFIG_FILE}: {}", first_sentence(&message))),
    };
    if let Some(span) = e.span() {
        d = d.at_offset(CONFIG_FILE, &LineIndex::new(text), text, span.start);
    } else {
        d = d.in_file(CONFIG_FILE);
    }
    if let Some((unknown, (_, help))) = unknown {
        let table = CONFIG_KEYS
            .contains(&unknown)
            .then(|| table_holding(text, unknown))
            .flatten();
        d = d.help(match table {
            Some(table) => format!("{unknown} is a setting of the whole site, but here it is inside [{table}], which goes on to the next line that starts with [: move the line up, above the first [table] line"),
            None => help,
        });
    } else if message.contains("missing field") {
        d = d.help(format!("{CONFIG_FILE} needs at least title and base_url, e.g.\n    title = \"My site\"\n    base_url = \"https://example.org/\""));
    } else if let Some(expected) = expected {
        d = d.help(match (expected, plain) {
            ("a string", _) => {
                "this key takes text in double quotes, e.g. title = \"My site\"".to_string()
            }
            (_, Some((what, _))) => format!("this key takes {what}, e.g. {}", toml_example(what)),
            (other, None) => format!("this key takes {other}"),
        });
    } else if message.contains("duplicate key") {
        d = d.help("each key is set once in its [table]: remove one of the two lines");
    } else {
        d = d.help("check the TOML syntax on this line: text values need double quotes, e.g. title = \"My site\"");
    }
    d
}

/// The table (`languages.fr`, `checks`) of site.toml that holds `key`, read as plain
/// TOML, when a key of the whole site was written below a table's heading.
fn table_holding(text: &str, key: &str) -> Option<String> {
    fn find(table: &toml::Table, key: &str, path: &str) -> Option<String> {
        table.iter().find_map(|(name, value)| {
            let inner = value.as_table()?;
            let here = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            if inner.contains_key(key) {
                return Some(here);
            }
            find(inner, key, &here)
        })
    }
    find(&text.parse::<toml::Table>().ok()?, key, "")
}

/// A value of each plain kind as site.toml writes it.
fn toml_example(what: &str) -> &'static str {
    match what {
        "a whole number" => "page_size = 20",
        "a number" => "reading_grade = 8.5",
        "true or false" => "search = true",
        "a list" => "allow = [\"VANDU\", \"MEDLINE\"]",
        _ => "[checks] on a line of its own, with its keys below it",
    }
}

fn first_sentence(message: &str) -> &str {
    message.split(", expected one of").next().unwrap_or(message)
}

/// Where each key of `site.toml` is written, as the TOML parser read it: the byte offset
/// of the key's first appearance in the file, by name (at any depth: `title`, `fr`,
/// `rules`, a rule's name).
fn key_places(text: &str) -> std::collections::HashMap<String, usize> {
    fn walk(table: &toml::de::DeTable, out: &mut std::collections::HashMap<String, usize>) {
        for (key, value) in table.iter() {
            let at = out.entry(key.get_ref().to_string()).or_insert(usize::MAX);
            *at = (*at).min(key.span().start);
            match value.get_ref() {
                toml::de::DeValue::Table(t) => walk(t, out),
                toml::de::DeValue::Array(items) => {
                    for item in items {
                        if let toml::de::DeValue::Table(t) = item.get_ref() {
                            walk(t, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = std::collections::HashMap::new();
    if let Ok(table) = toml::de::DeTable::parse(text) {
        walk(table.get_ref(), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::languages::is_language_tag;

    fn root_with_theme() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes/default/templates")).unwrap();
        dir
    }

    #[test]
    fn reading_targets_and_chinese_limits_are_set_per_language() {
        let dir = root_with_theme();
        let text = "title = \"T\"\nbase_url = \"https://example.org/\"\n[checks]\nreading_grade = 7\nsentence_characters = 40\n[checks.targets]\nfr = 65\nzh = 3.5\n";
        let c = parse(text, dir.path(), &Overrides::default())
            .unwrap()
            .checks;
        assert_eq!(c.sentence_characters, 40);
        assert_eq!(c.paragraph_characters, 200);
        assert_eq!(c.reading_grade, 7.0);
        assert_eq!(c.targets.get("fr"), Some(&65.0));
        assert_eq!(c.targets.get("zh"), Some(&3.5));
        let errs = parse(
            &text.replace("zh = 3.5", "zh = -1"),
            dir.path(),
            &Overrides::default(),
        )
        .unwrap_err();
        assert!(errs[0].message.contains("reading target -1"), "{errs:?}");
    }

    #[test]
    fn a_whole_site_key_written_below_a_table_says_to_move_it_up() {
        let dir = root_with_theme();
        let text = "title = \"T\"\nbase_url = \"https://example.org/\"\n[languages.fr]\ntitle = \"T\"\nportable = true\n";
        let errs = parse(text, dir.path(), &Overrides::default()).unwrap_err();
        let help = errs[0].help.clone().unwrap_or_default();
        assert!(
            help.starts_with(
                "portable is a setting of the whole site, but here it is inside [languages.fr]"
            ),
            "{errs:?}"
        );
        assert_eq!(errs[0].location.as_ref().map(|l| l.line), Some(5));
    }

    /// Each language keeps where its own title and description are written, for the
    /// checks of those words; a language without its own has none.
    #[test]
    fn each_languages_title_and_description_keep_their_places_in_site_toml() {
        let dir = root_with_theme();
        let text = "title = \"Site\"\ndescription = \"\"\"\nTwo\nlines.\"\"\"\nbase_url = \"https://example.org/\"\n[languages.FR]\ntitle = 'Le site'\n[languages.de]\nname = \"Deutsch\"\n";
        let config = parse(text, dir.path(), &Overrides::default()).unwrap();
        let places: Vec<(&str, Option<&str>, Option<&str>)> = (config.languages.iter())
            .map(|l| {
                let at = |r: &Option<std::ops::Range<usize>>| r.clone().map(|r| &text[r]);
                (
                    l.code.as_str(),
                    at(&l.written.title),
                    at(&l.written.description),
                )
            })
            .collect();
        assert_eq!(
            places,
            [
                ("en", Some("\"Site\""), Some("\"\"\"\nTwo\nlines.\"\"\"")),
                ("fr", Some("'Le site'"), None),
                ("de", None, None),
            ]
        );
        assert_eq!(config.languages[2].title, "Site");
        assert_eq!(config.languages[2].description, "Two\nlines.");
    }

    #[test]
    fn page_size_is_twenty_unless_set_and_zero_is_an_error_at_its_line() {
        let dir = root_with_theme();
        let base = "title = \"T\"\nbase_url = \"https://example.org/\"\n";
        let parsed =
            |extra: &str| parse(&format!("{base}{extra}"), dir.path(), &Overrides::default());
        assert_eq!(parsed("").unwrap().page_size, 20);
        assert_eq!(parsed("page_size = 5\n").unwrap().page_size, 5);
        let errs = parsed("page_size = 0\n").unwrap_err();
        assert_eq!(
            errs[0].message,
            "page_size = 0 is not a number of pages from 1 to 1000"
        );
        assert_eq!(
            errs[0].location.as_ref().map(|l| l.line),
            Some(3),
            "{errs:?}"
        );
    }

    #[test]
    fn minify_takes_true_false_or_smallest_and_says_so() {
        let dir = root_with_theme();
        let base = "title = \"T\"\nbase_url = \"https://example.org/\"\n";
        for (value, expected) in [
            ("true", Minify::Whitespace),
            ("false", Minify::Off),
            ("\"smallest\"", Minify::Smallest),
        ] {
            assert_eq!(
                parse(
                    &format!("{base}minify = {value}\n"),
                    dir.path(),
                    &Overrides::default()
                )
                .unwrap()
                .minify,
                expected
            );
        }
        let errs = parse(
            &format!("{base}minify = 3\n"),
            dir.path(),
            &Overrides::default(),
        )
        .unwrap_err();
        assert!(
            errs[0]
                .message
                .contains("expected true, false or \"smallest\""),
            "{errs:?}"
        );
        assert_eq!(
            errs[0].help.as_deref(),
            Some("this key takes true, false or \"smallest\"")
        );
        assert_eq!(errs[0].location.as_ref().unwrap().line, 3);
        let errs = parse(
            &format!("{base}minify = \"small\"\n"),
            dir.path(),
            &Overrides::default(),
        )
        .unwrap_err();
        assert!(
            errs[0]
                .help
                .as_deref()
                .unwrap()
                .contains("minify = \"smallest\""),
            "{errs:?}"
        );
    }

    #[test]
    fn valid_config_gets_defaults_and_base_path() {
        let dir = root_with_theme();
        let c = parse(
            "title = \"T\"\nbase_url = \"https://example.org/review\"\n",
            dir.path(),
            &Overrides::default(),
        )
        .unwrap();
        assert_eq!(c.base_url, "https://example.org/review/");
        assert_eq!(c.base_path, "/review/");
        assert_eq!(c.language, "en");
        assert_eq!(c.minify, Minify::Whitespace);
        assert_eq!(
            c.permalink("/findings/"),
            "https://example.org/review/findings/"
        );
    }

    #[test]
    fn unknown_key_names_line_and_the_valid_keys_of_its_own_table() {
        let dir = root_with_theme();
        let said = |toml: &str| {
            let errs = parse(toml, dir.path(), &Overrides::default()).unwrap_err();
            let d = &errs[0];
            let line = d.location.as_ref().unwrap().line;
            (line, d.message.clone(), d.help.clone().unwrap_or_default())
        };
        let top = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
        assert_eq!(
            said(&format!("{top}titel = \"x\"\n")),
            (
                3,
                "site.toml: plainsite does not know the setting `titel`".into(),
                "did you mean `title`?".into()
            )
        );
        // A key of [checks] is compared with the keys of [checks], not of the whole site.
        assert_eq!(
            said(&format!("{top}[checks]\nreading_grad = 8\n")),
            (
                4,
                "site.toml: plainsite does not know the setting `reading_grad`".into(),
                "did you mean `reading_grade`? The settings plainsite knows here are: reading_grade, sentence_words, paragraph_sentences, sentence_characters, paragraph_characters, targets, contrast, allow, rules".into()
            )
        );
        let (_, _, help) = said(&format!("{top}[languages.fr]\nzzz = \"x\"\n"));
        assert_eq!(help, "check its spelling, or remove the line. The settings plainsite knows here are: title, description, organization, name, dir");
    }

    #[test]
    fn bad_values_are_reported_together() {
        let dir = root_with_theme();
        let errs = parse("title = \"T\"\nbase_url = \"example.org\"\nlanguage = \"english!\"\ntheme = \"defualt\"\n", dir.path(), &Overrides::default()).unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
        assert_eq!(
            errs[2].help.as_deref(),
            Some("did you mean theme = \"default\"?")
        );
    }

    #[test]
    fn base_url_with_markup_or_a_bad_scheme_is_refused_at_its_line() {
        let dir = root_with_theme();
        for url in [
            "https://e.org/\"><script>alert(1)</script>",
            "https://e.org/'onmouseover='x",
            "https://e.org/<b>",
            "https://e.org/a b",
            "https://e.org\\\\x",
            "javascript:alert(1)//",
            "ftp://e.org/",
            "https:///",
            "https://e.org/?q=1",
            "https://user@e.org/",
        ] {
            let text = format!("title = \"T\"\n\nbase_url = {}\n", toml::Value::from(url));
            let errs = parse(&text, dir.path(), &Overrides::default()).unwrap_err();
            assert_eq!(errs.len(), 1, "{url}: {errs:?}");
            assert!(
                errs[0].message.contains("is not a web address"),
                "{url}: {errs:?}"
            );
            let at = errs[0].location.as_ref().unwrap();
            assert_eq!((at.line, at.column), (3, 1), "{url}");
        }
        for url in [
            "https://e.org",
            "http://localhost:8080/review/",
            "https://e.org/a-b_c~d/",
        ] {
            let text = format!("title = \"T\"\nbase_url = \"{url}\"\n");
            assert!(
                parse(&text, dir.path(), &Overrides::default()).is_ok(),
                "{url}"
            );
        }
    }

    #[test]
    fn base_url_flag_with_markup_is_refused() {
        let dir = root_with_theme();
        let o = Overrides {
            base_url: Some("https://e.org/\"><script>x</script>".into()),
        };
        let text = "title = \"T\"\nbase_url = \"https://e.org/\"\n";
        let errs = parse(text, dir.path(), &o).unwrap_err();
        assert!(errs[0].message.starts_with("--base-url"), "{errs:?}");
    }

    #[test]
    fn theme_outside_themes_folder_is_refused_at_its_line() {
        let dir = root_with_theme();
        std::fs::create_dir_all(dir.path().join("outside/templates")).unwrap();
        for theme in ["../outside", "../../outside", "/etc", "a/b", ".", "..", ""] {
            let text =
                format!("title = \"T\"\ntheme = \"{theme}\"\nbase_url = \"https://e.org/\"\n");
            let errs = parse(&text, dir.path(), &Overrides::default()).unwrap_err();
            assert_eq!(errs.len(), 1, "{theme}: {errs:?}");
            assert!(
                errs[0]
                    .message
                    .contains("is not the name of a folder in themes/"),
                "{theme}: {errs:?}"
            );
            assert_eq!(errs[0].location.as_ref().unwrap().line, 2, "{theme}");
        }
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("fr-CA"));
        assert!(!is_language_tag("english"));
        assert!(!is_language_tag(""));
    }
}
