//! Stage 1 (load), front matter: splits a page into its YAML front matter and Markdown body,
//! and validates the front matter into a typed [`FrontMatter`]. YAML errors point into
//! the `.md` file at the right line and column.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::load::discover::SourceFile;
use crate::text::diagnostics::{did_you_mean, yaml_offset, Diagnostic, LineIndex};
pub use crate::text::yaml_error::yaml_error;

/// Every front matter key, for did-you-mean suggestions and the user guide.
pub const FRONT_MATTER_KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "reviewed",
    "review_due",
    "evidence_to",
    "weight",
    "draft",
    "template",
    "slug",
    "tags",
    "aliases",
    "authors",
    "content_warning",
    "menu",
    "summary",
    "reading_grade",
    "ignore_checks",
    "glossary_links",
    "share_image",
    "share_image_alt",
    "extra",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Spanned<String>,
    #[serde(default)]
    description: Option<Spanned<String>>,
    #[serde(default)]
    date: Option<Spanned<String>>,
    #[serde(default)]
    updated: Option<Spanned<String>>,
    #[serde(default)]
    reviewed: Option<Spanned<String>>,
    #[serde(default)]
    review_due: Option<Spanned<String>>,
    #[serde(default)]
    evidence_to: Option<Spanned<String>>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    template: Option<Spanned<String>>,
    #[serde(default)]
    slug: Option<Spanned<String>>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    authors: Vec<Spanned<String>>,
    #[serde(default)]
    content_warning: Option<Spanned<String>>,
    #[serde(default)]
    menu: bool,
    #[serde(default)]
    summary: Option<Spanned<String>>,
    #[serde(default)]
    reading_grade: Option<f64>,
    #[serde(default)]
    ignore_checks: Vec<Spanned<String>>,
    #[serde(default)]
    glossary_links: Option<bool>,
    #[serde(default)]
    share_image: Option<Spanned<String>>,
    #[serde(default)]
    share_image_alt: Option<Spanned<String>>,
    #[serde(default)]
    extra: Option<serde_json::Value>,
}

/// The chart ids under `extra.charts` and `extra.chart`, read again with their places
/// (extra is free-form).
#[derive(Debug, Deserialize)]
struct RawExtraCharts {
    #[serde(default)]
    extra: Option<RawChartIds>,
}

#[derive(Debug, Deserialize)]
struct RawChartIds {
    /// The charts of a slide deck, a slide each.
    #[serde(default)]
    charts: Vec<Spanned<String>>,
    /// The chart of a policy brief.
    #[serde(default)]
    chart: Option<Spanned<String>>,
}

/// Where front-matter values are written: byte offsets in the page file, from the YAML
/// parser, for diagnostics and the checks on the words.
#[derive(Debug, Clone, Default)]
pub struct FrontPlaces {
    pub title: usize,
    pub description: Option<usize>,
    pub summary: Option<usize>,
    pub content_warning: Option<usize>,
    pub share_image_alt: Option<usize>,
    pub date: Option<usize>,
    pub updated: Option<usize>,
    pub review_due: Option<usize>,
    /// Each entry of `authors`, in order.
    pub authors: Vec<usize>,
    /// Each chart id under `extra.charts` (a deck's slides) and `extra.chart` (a
    /// brief's), with its offset.
    pub extra_charts: Vec<(String, usize)>,
}

/// A value from the front matter with the line and column it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub value: String,
    pub line: usize,
    pub column: usize,
}

/// A page's validated front matter.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    pub title: String,
    pub description: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub updated: Option<String>,
    /// When the page was last reviewed, when its next review is due, and when the search
    /// for evidence it rests on ended (`YYYY-MM-DD`).
    pub reviewed: Option<String>,
    pub review_due: Option<String>,
    pub evidence_to: Option<String>,
    pub weight: i64,
    pub draft: bool,
    pub template: Option<Placed>,
    pub slug: Option<String>,
    /// Topic ids (`content/_data/topics.yaml`), each with its place.
    pub tags: Vec<Placed>,
    /// Old addresses of the page, each written as a redirect to it.
    pub aliases: Vec<Placed>,
    pub authors: Vec<String>,
    pub content_warning: Option<String>,
    /// Shown in the site's main navigation.
    pub menu: bool,
    /// A plain summary of a page that is harder to read, shown first.
    pub summary: Option<String>,
    /// This page's reading-grade target, in place of the site's.
    pub reading_grade: Option<f64>,
    /// Checks turned off for this page.
    pub ignore_checks: Vec<crate::text::rule::Rule>,
    /// `glossary_links: false` turns off glossary links and abbreviation expansion on
    /// this page (unset means on).
    pub glossary_links: Option<bool>,
    /// The author's own share card (`og:image`): a JPEG or PNG beside the page, and what
    /// it shows. Without it the build draws one.
    pub share_image: Option<Placed>,
    pub share_image_alt: Option<String>,
    pub extra: serde_json::Value,
    /// Where the values above are written in the page file.
    pub places: FrontPlaces,
}

/// A page split into front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML (the opening `---`), to place YAML errors in the file.
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// Byte offset of the YAML in the file.
    pub yaml_offset: usize,
}

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(Diagnostic::error("this page has no front matter")
            .at(file, text, 1, 1)
            .help("start the file with a line ---, then a line such as title: Pay people fairly, then another line ---"));
    }
    let mut offset = first_end;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map(|i| offset + i + 1)
            .unwrap_or(text.len());
        let line = text[offset..end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: &text[first_end..offset],
                yaml_line_offset: 1,
                body: &text[end..],
                body_offset: end,
                yaml_offset: first_end,
            });
        }
        offset = end;
    }
    Err(Diagnostic::error("the front matter is not closed")
        .at(file, text, 1, 1)
        .help("add a line with only --- after the last front matter line (title, description and so on)"))
}

/// Whether the front matter's `extra` has `charts` or `chart`, whose ids' places
/// [`parse`] then reads.
fn has_extra_charts(extra: &Option<serde_json::Value>) -> bool {
    (extra.as_ref()).is_some_and(|e| e.get("charts").is_some() || e.get("chart").is_some())
}

/// Splits and validates a page's front matter. Returns it with the body's offset, or
/// every problem it has.
pub fn parse(source: &SourceFile) -> Result<(FrontMatter, usize), Vec<Diagnostic>> {
    match read(source)? {
        (fm, body, problems) if problems.is_empty() => Ok((fm, body)),
        (_, _, problems) => Err(problems),
    }
}

/// [`parse`], but a front matter that could be read, with a title, comes back with its
/// problems and without the values that have one (a date that is not a date): the
/// build then goes on to the page's body, and its problems are reported in the same
/// run, where one wrong date hid them until it was mended.
pub fn read(source: &SourceFile) -> Result<(FrontMatter, usize, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (fm, body, problems) = validate(source)?;
    let no_title = fm.title.trim().is_empty();
    match no_title {
        true => Err(problems),
        false => Ok((fm, body, problems)),
    }
}

/// Splits and validates a page's front matter: the values read, the body's offset, and
/// the problems; `Err` when the front matter cannot be read at all.
// Long because it validates each front-matter key in turn, each problem at its span.
fn validate(source: &SourceFile) -> Result<(FrontMatter, usize, Vec<Diagnostic>), Vec<Diagnostic>> {
    let file = source.display();
    let text = &source.text;
    let parts = split(&file, text).map_err(|d| vec![d])?;
    let raw: RawFrontMatter = match serde_saphyr::from_str(parts.yaml) {
        Ok(r) => r,
        Err(e) => {
            return Err(vec![yaml_error(
                &file,
                text,
                parts.yaml_line_offset,
                &e,
                FRONT_MATTER_KEYS,
            )])
        }
    };
    let mut problems = Vec::new();
    let placed = |s: &Spanned<String>| Placed {
        value: s.value.clone(),
        line: s.referenced.line() as usize + parts.yaml_line_offset,
        column: s.referenced.column() as usize,
    };
    let mut check_date = |s: &Option<Spanned<String>>, key: &str| -> Option<String> {
        let p = s.as_ref().map(placed)?;
        if is_date(&p.value) {
            Some(p.value[..10].to_string())
        } else {
            problems.push(
                Diagnostic::error(format!("{key} \"{}\" is not a date", p.value))
                    .at(&file, text, p.line, p.column)
                    .help(format!(
                        "write the date as year-month-day, e.g. {key}: 2026-11-25"
                    )),
            );
            None
        }
    };
    let date = check_date(&raw.date, "date");
    let updated = check_date(&raw.updated, "updated");
    let reviewed = check_date(&raw.reviewed, "reviewed");
    let review_due = check_date(&raw.review_due, "review_due");
    let evidence_to = check_date(&raw.evidence_to, "evidence_to");
    if let (Some(r), Some(due), Some(at)) =
        (&reviewed, &review_due, raw.review_due.as_ref().map(placed))
    {
        if due < r {
            problems.push(
                Diagnostic::error(format!(
                    "the next review ({due}) is due before the last one ({r})"
                ))
                .at(&file, text, at.line, at.column)
                .help("set review_due to a date after reviewed"),
            );
        }
    }
    let at = |s: &Spanned<String>| parts.yaml_offset + yaml_offset(parts.yaml, &s.referenced);
    let places = FrontPlaces {
        title: at(&raw.title),
        description: raw.description.as_ref().map(at),
        summary: raw.summary.as_ref().map(at),
        content_warning: raw.content_warning.as_ref().map(at),
        share_image_alt: raw.share_image_alt.as_ref().map(at),
        date: raw.date.as_ref().map(at),
        updated: raw.updated.as_ref().map(at),
        review_due: raw.review_due.as_ref().map(at),
        authors: raw.authors.iter().map(at).collect(),
        // Read again for their places only when there are charts (few pages).
        extra_charts: has_extra_charts(&raw.extra)
            .then(|| serde_saphyr::from_str::<RawExtraCharts>(parts.yaml).ok())
            .flatten()
            .and_then(|r| r.extra)
            .map(|e| {
                (e.charts.iter().chain(&e.chart))
                    .map(|c| (c.value.clone(), at(c)))
                    .collect()
            })
            .unwrap_or_default(),
    };
    if raw.title.value.trim().is_empty() {
        problems.push(
            Diagnostic::error("the title is empty")
                .at_offset(&file, &LineIndex::new(text), text, places.title)
                .help("write a short plain title, e.g. title: Pay people fairly"),
        );
    }
    // A value with a problem is not used (see `read`).
    let slug = raw
        .slug
        .as_ref()
        .map(placed)
        .filter(|s| match slug_problem(s) {
            Some(d) => {
                problems.push(d.at(&file, text, s.line, s.column));
                false
            }
            None => true,
        });
    let share_image = raw.share_image.as_ref().map(placed);
    let share_alt = raw.share_image_alt.as_ref().map(|a| a.value.as_str());
    let before = problems.len();
    check_share_image(share_image.as_ref(), share_alt, &file, text, &mut problems);
    // A value with a problem is not used (see `read`).
    let share_image = share_image.filter(|_| problems.len() == before);
    let extra = match raw.extra {
        None | Some(serde_json::Value::Null) => serde_json::Value::Object(Default::default()),
        Some(v @ serde_json::Value::Object(_)) => v,
        Some(_) => {
            problems.push(Diagnostic::error("extra must be a map of names to values").at(&file, text, 2, 1).help("write extra: on its own line, then indented lines such as  audience: community workers"));
            serde_json::Value::Object(Default::default())
        }
    };
    let rule_names: Vec<&str> = crate::text::rule::Rule::ALL
        .iter()
        .map(|r| r.as_str())
        .collect();
    for rule in &raw.ignore_checks {
        if !rule_names.contains(&rule.value.as_str()) {
            let p = placed(rule);
            let mut d = Diagnostic::error(format!("there is no check named \"{}\"", rule.value))
                .at(&file, text, p.line, p.column);
            d = match did_you_mean(&rule.value, rule_names.iter().copied()) {
                Some(s) => d.help(format!("did you mean {s}?")),
                None => d.help(format!("checks: {}", rule_names.join(", "))),
            };
            problems.push(d);
        }
    }
    let fm = FrontMatter {
        title: raw.title.value.trim().to_string(),
        description: raw
            .description
            .map(|d| d.value.trim().to_string())
            .filter(|d| !d.is_empty()),
        date,
        updated,
        reviewed,
        review_due,
        evidence_to,
        weight: raw.weight,
        draft: raw.draft,
        template: raw.template.as_ref().map(placed),
        slug: slug.map(|s| s.value),
        // Composed, so a tag typed with a decomposed accent (a Mac's) names its topic.
        tags: raw.tags.iter().map(placed).map(composed_value).collect(),
        aliases: raw.aliases.iter().map(placed).collect(),
        authors: raw.authors.into_iter().map(|a| a.value).collect(),
        content_warning: raw
            .content_warning
            .map(|c| c.value)
            .filter(|c| !c.trim().is_empty()),
        menu: raw.menu,
        summary: raw
            .summary
            .map(|s| s.value)
            .filter(|s| !s.trim().is_empty()),
        reading_grade: raw.reading_grade,
        // Unknown ids were reported above.
        ignore_checks: raw
            .ignore_checks
            .iter()
            .filter_map(|s| crate::text::rule::Rule::parse(&s.value))
            .collect(),
        glossary_links: raw.glossary_links,
        share_image,
        share_image_alt: raw
            .share_image_alt
            .map(|a| a.value)
            .filter(|a| !a.trim().is_empty()),
        extra,
        places,
    };
    Ok((fm, parts.body_offset, problems))
}

/// What is wrong with a slug, if anything: it is the name of the page's folder in the
/// output, so it must be one part of a web address, and a name every disk can hold, as
/// a file's name must ([`crate::load::discover`]): not too long, and not a name Windows
/// keeps for itself (`con`, `aux`, `lpt1`).
fn slug_problem(s: &Placed) -> Option<Diagnostic> {
    use crate::text::slug::{slugify, too_long, windows_cannot_hold, WINDOWS_NAMES};
    let value = s.value.as_str();
    Some(if value.trim().is_empty() {
        Diagnostic::error("the slug is empty")
            .help("write the last part of the page's address in lower-case letters, digits and hyphens, e.g. slug: pay-fairly, or remove the slug line to use the file name")
    } else if slugify(value) != value {
        Diagnostic::error(format!("slug \"{value}\" cannot be used in a web address")).help(
            format!(
                "use lower-case letters, digits and hyphens, e.g. slug: {}",
                crate::text::slug::example(value, "pay-fairly")
            ),
        )
    } else if let Some(long) = too_long(value) {
        Diagnostic::error(format!("the slug {long}"))
            .help("shorten it to a few words: it is the last part of the page's address")
    } else if windows_cannot_hold(value) {
        Diagnostic::error(format!("slug \"{value}\" is a name Windows cannot hold")).help(format!(
            "choose another slug: it names the page's folder, and {WINDOWS_NAMES}"
        ))
    } else {
        return None;
    })
}

/// An author's share image must be a JPEG or PNG (what chat apps show) with alt text.
fn check_share_image(
    image: Option<&Placed>,
    alt: Option<&str>,
    file: &str,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(p) = image else {
        return;
    };
    let ext = p
        .value
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    if !matches!(ext.as_str(), "jpg" | "jpeg" | "png") {
        problems.push(
            Diagnostic::error(format!("share_image \"{}\" is not a JPEG or PNG picture", p.value))
                .at(file, text, p.line, p.column)
                .help("chat apps and social sites show JPEG and PNG pictures; save it as one, 1200 x 630 pixels"),
        );
    }
    if alt.is_none_or(|a| a.trim().is_empty()) {
        problems.push(
            Diagnostic::error("share_image has no share_image_alt")
                .at(file, text, p.line, p.column)
                .help("say what the picture shows, e.g. share_image_alt: Five chairs around a table in a meeting room"),
        );
    }
}

/// `YYYY-MM-DD`, optionally followed by a time of day (see [`is_time`]): a date with
/// anything else after it (« 2026-01-01 this is not a time ») is not a date, where its
/// end was dropped without a word.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
    };
    let day = match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (1..=days_in_month(y, m)).contains(&d),
        _ => false,
    };
    day && s
        .get(10..)
        .is_some_and(|time| time.is_empty() || is_time(time))
}

/// A time of day after a date, as YAML and TOML write one: `T` (or spaces), hours and
/// minutes, seconds if any (with a fraction), then a time zone if any: `Z`, `+02:00`,
/// `-0500`. Each number in its range (a leap second is 60).
fn is_time(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['T', 't']).or_else(|| {
        let trimmed = s.trim_start_matches([' ', '\t']);
        (trimmed.len() < s.len()).then_some(trimmed)
    }) else {
        return false;
    };
    // Two digits (one for the hour) up to a limit, and what follows them.
    let number = |s: &'_ str, max: u32, one_digit: bool| -> Option<(u32, usize)> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let fits = digits == 2 || (one_digit && digits == 1);
        let n: u32 = s.get(..digits)?.parse().ok()?;
        (fits && n <= max).then_some((n, digits))
    };
    let Some((_, h)) = number(rest, 23, true) else {
        return false;
    };
    let Some(rest) = rest[h..].strip_prefix(':') else {
        return false;
    };
    let Some((_, m)) = number(rest, 59, false) else {
        return false;
    };
    let mut rest = &rest[m..];
    if let Some(after) = rest.strip_prefix(':') {
        let Some((_, sec)) = number(after, 60, false) else {
            return false;
        };
        rest = &after[sec..];
        if let Some(fraction) = rest.strip_prefix('.') {
            rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    is_zone(rest.trim_start_matches([' ', '\t']))
}

/// A time zone after a time of day: none, `Z`, or `+HH`, `+HH:MM`, `+HHMM` (or `-`).
fn is_zone(s: &str) -> bool {
    let Some(offset) = s.strip_prefix(['+', '-']) else {
        return matches!(s, "" | "Z" | "z");
    };
    let b = offset.as_bytes();
    let two = |at: usize, max: u32| {
        offset
            .get(at..at + 2)
            .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|t| t.parse::<u32>().ok())
            .is_some_and(|n| n <= max)
    };
    match b.len() {
        1 => b[0].is_ascii_digit(),
        2 => two(0, 23),
        4 => two(0, 23) && two(2, 59),
        5 => two(0, 23) && b[2] == b':' && two(3, 59),
        _ => false,
    }
}

/// The days of a month of the Gregorian calendar (0 for a month that does not exist).
fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// `p` with its value in Unicode's composed form (see [`crate::text::slug::composed`]).
pub fn composed_value(mut p: Placed) -> Placed {
    if let std::borrow::Cow::Owned(c) = crate::text::slug::composed(&p.value) {
        p.value = c;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    fn page(text: &str) -> SourceFile {
        SourceFile::new("p.md", SourceKind::Page, text)
    }

    #[test]
    fn a_slug_windows_cannot_hold_is_an_error_at_its_value_as_a_file_name_is() {
        for name in ["con", "aux", "nul", "prn", "com1", "lpt9"] {
            let errs = parse(&page(&format!("---\ntitle: A\nslug: {name}\n---\n"))).unwrap_err();
            let d = &errs[0];
            let at = d.location.as_ref().map(|l| (l.line, l.column));
            assert_eq!(at, Some((3, 7)), "{name}");
            assert_eq!(
                d.message,
                format!("slug \"{name}\" is a name Windows cannot hold")
            );
            assert_eq!(
                d.help.as_deref(),
                Some(
                    format!(
                        "choose another slug: it names the page's folder, and {}",
                        crate::text::slug::WINDOWS_NAMES
                    )
                    .as_str()
                )
            );
        }
        // Names that only start like one are names like any other.
        for name in ["console", "com10", "con-x", "lpt", "auxiliary"] {
            let (fm, _) = parse(&page(&format!("---\ntitle: A\nslug: {name}\n---\n"))).unwrap();
            assert_eq!(fm.slug.as_deref(), Some(name));
        }
        // Too long for a disk: at the slug, not at the page once its address is made.
        let long = "a".repeat(201);
        let errs = parse(&page(&format!("---\ntitle: A\nslug: {long}\n---\n"))).unwrap_err();
        assert_eq!(errs[0].message, "the slug \"aaaaaaaaaaaaaaaaaaaaaaaa…\" is 201 bytes long, and an address part may have at most 200");
        assert_eq!(
            errs[0].location.as_ref().map(|l| (l.line, l.column)),
            Some((3, 7))
        );
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = split("p.md", "---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_offset, 17);
    }

    #[test]
    fn windows_line_endings_are_accepted() {
        let (fm, off) = parse(&page("---\r\ntitle: A\r\ndate: 2026-01-02\r\n---\r\nBody")).unwrap();
        assert_eq!(fm.title, "A");
        assert_eq!(fm.date.as_deref(), Some("2026-01-02"));
        assert_eq!(off, 38);
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert!(split("p.md", "---\ntitle: A\nBody")
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(split("p.md", "# Hello")
            .unwrap_err()
            .message
            .contains("no front matter"));
    }

    #[test]
    fn unknown_key_points_at_its_line_with_a_suggestion() {
        let errs = parse(&page("---\ntitle: A\ntags: []\ndraftt: true\n---\n")).unwrap_err();
        let d = &errs[0];
        assert_eq!(d.location.as_ref().unwrap().line, 4, "{d:?}");
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `draft`?"),
            "{d:?}"
        );
    }

    #[test]
    fn malformed_yaml_points_into_the_md_file() {
        let errs = parse(&page("---\ntitle: A\ndescription: [unclosed\n---\n")).unwrap_err();
        let loc = errs[0].location.as_ref().unwrap();
        assert!(loc.line >= 3, "{:?}", errs[0]);
        assert_eq!(loc.file, "content/p.md");
    }

    #[test]
    fn missing_title_and_bad_date() {
        let errs = parse(&page("---\ndescription: x\n---\n")).unwrap_err();
        assert!(errs[0].message.contains("title"), "{:?}", errs[0]);
        let errs = parse(&page("---\ntitle: A\ndate: 25/11/2026\n---\n")).unwrap_err();
        let d = &errs[0];
        assert_eq!(
            (
                d.location.as_ref().unwrap().line,
                d.location.as_ref().unwrap().column
            ),
            (3, 7),
            "{d:?}"
        );
    }

    #[test]
    fn an_unknown_enum_value_lists_the_allowed_values() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct E {
            effect: crate::load::data::Effect,
        }
        let e = serde_saphyr::from_str::<E>("effect: good\n").unwrap_err();
        let d = yaml_error("f.yaml", "effect: good\n", 0, &e, &["effect"]);
        assert_eq!(
            d.help.as_deref(),
            Some("the values allowed here are: benefit, harm or both"),
            "{e}"
        );
    }

    #[test]
    fn dates() {
        assert!(is_date("2026-11-25"));
        assert!(is_date("2026-11-25T10:00:00Z"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("2026-02-30"));
        assert!(!is_date("2026-02-29"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("1900-02-29"));
        assert!(is_date("2000-02-29"));
        assert!(!is_date("2026-04-31"));
        assert!(!is_date("26-11-25"));
        // A time of day after the date, as YAML and TOML write it; nothing else.
        for timed in [
            "2026-11-25T10:00",
            "2026-11-25 10:00:00",
            "2026-11-25T9:05:30.25+02:00",
            "2026-11-25t23:59:60Z",
            "2026-11-25 10:00:00 -0500",
            "2026-11-25T10:00-05",
        ] {
            assert!(is_date(timed), "{timed}");
        }
        for not in [
            "2026-01-01 this is not a time",
            "2024-02-29T25:61:00Z",
            "2026-11-25T10",
            "2026-11-25T10:00:00 Europe",
            "2026-11-25T10:00+25:00",
            "2026-11-25T",
            "2026-11-25x",
        ] {
            assert!(!is_date(not), "{not}");
        }
    }
}
