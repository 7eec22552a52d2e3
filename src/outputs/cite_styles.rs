//! Stage 7, reference styles: a [`Work`] as an APA or Vancouver reference, formatted by
//! hayagriva from the CSL styles and locales bundled in the binary (no network), and as
//! BibTeX, RIS and CSL-JSON for reference managers.

use std::sync::Arc;

use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::LocaleCode;
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
};
use serde_json::{json, Value};

use crate::load::people::Shown;

/// What is cited: the site or one page of it.
#[derive(Debug, Clone)]
pub struct Work<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The people credited, in order; empty: the organization is the author.
    pub authors: Vec<Shown>,
    pub organization: &'a str,
    /// `YYYY-MM-DD`: published, and last changed.
    pub date: Option<&'a str>,
    pub modified: Option<&'a str>,
    pub url: String,
    pub doi: Option<&'a str>,
    pub lang: &'a str,
}

/// A reference style the cite block offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CiteStyle {
    /// APA 7th edition.
    Apa,
    /// Vancouver, as health journals use (Elsevier's CSL style: the bundled NLM style
    /// leaves out the authors of web pages).
    Vancouver,
}

/// The hayagriva entry of a work, written as its YAML (JSON is YAML), from typed
/// structs: a tree of `serde_json::Value` maps cost 16,000 instructions a reference.
fn entry_yaml(w: &Work) -> String {
    #[derive(serde::Serialize)]
    struct Entry<'a> {
        work: Web<'a>,
    }
    #[derive(serde::Serialize)]
    struct Web<'a> {
        r#type: &'static str,
        title: &'a str,
        author: Vec<Author<'a>>,
        url: &'a str,
        organization: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<&'a str>,
        #[serde(rename = "serial-number", skip_serializing_if = "Option::is_none")]
        serial_number: Option<Doi<'a>>,
    }
    #[derive(serde::Serialize)]
    struct Doi<'a> {
        doi: &'a str,
    }
    let author = if w.authors.is_empty() {
        vec![Author {
            name: w.organization,
            given_name: None,
        }]
    } else {
        w.authors.iter().map(hayagriva_person).collect()
    };
    let entry = Entry {
        work: Web {
            r#type: "web",
            title: w.title,
            author,
            url: &w.url,
            organization: w.organization,
            date: w.date,
            serial_number: w.doi.map(|doi| Doi { doi }),
        },
    };
    serde_json::to_string(&entry).unwrap_or_default()
}

/// A person as hayagriva names an author.
#[derive(serde::Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(rename = "given-name", skip_serializing_if = "Option::is_none")]
    given_name: Option<&'a str>,
}

fn hayagriva_person(p: &Shown) -> Author<'_> {
    match (&p.family, &p.given) {
        (Some(f), given) => Author {
            name: f,
            given_name: given.as_deref(),
        },
        _ => Author {
            name: &p.name,
            given_name: None,
        },
    }
}

/// The work as a reference in `style`, in plain text, in the language `lang`.
///
/// hayagriva's CSL engine takes about 150 µs a reference, two a page: 15% of the CPU of
/// a 1,000-page build. A site's pages differ mostly in their title, address and date,
/// so the reference is formatted once per style and everything else, with placeholders
/// for the title, the address and the date's year and day, and the page's own are put
/// in their places ([`Template`]). A title or address the styles
/// might change (quotes, dashes, markup, an address the URL parser rewrites) is
/// formatted whole, and so is any work whose placeholders do not come out as they went
/// in.
pub fn reference(w: &Work, style: CiteStyle) -> Option<String> {
    references(w, [style])[0].take()
}

/// [`reference`] in each of `styles`: the work's shape is made once for them all.
pub fn references<const N: usize>(w: &Work, styles: [CiteStyle; N]) -> [Option<String>; N] {
    let shape = Shape::of(w);
    styles.map(|style| match &shape {
        Some(shape) => from_shape(w, shape, style),
        None => format_reference(w, style),
    })
}

/// [`reference`] of a work whose shape is `shape`.
fn from_shape(w: &Work, shape: &Shape, style: CiteStyle) -> Option<String> {
    let key = (
        style,
        crate::text::csl::is_french(w.lang),
        shape.yaml.clone(),
    );
    let cached = shapes()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&key)
        .cloned();
    let template = match cached {
        Some(template) => template,
        None => {
            let text = format_reference(&shape.work(w), style);
            let template = text.and_then(|t| Template::of(t, shape)).map(Arc::new);
            let mut shapes = shapes().lock().unwrap_or_else(|p| p.into_inner());
            if shapes.len() >= MAX_SHAPES {
                shapes.clear();
            }
            shapes.insert(key, template.clone());
            template
        }
    };
    match template.and_then(|t| t.fill(w, shape.date.as_ref())) {
        Some(t) => Some(t),
        None => format_reference(w, style),
    }
}

/// A shape's reference as hayagriva formatted it, and where its placeholders are:
/// a page's own title, address, year and day are put in their places, without a
/// search of the text for each at every page.
struct Template {
    text: String,
    /// Each placeholder's place in `text` (where it starts, how long it is), in order.
    gaps: Vec<(usize, usize, Gap)>,
}

/// What a placeholder of a [`Template`] stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gap {
    Title,
    Url,
    Year,
    Day,
}

impl Template {
    /// The formatted text of `shape`'s work, or `None` when a placeholder did not come
    /// out exactly once, as it went in (the day may be left out), or two overlap.
    fn of(text: String, shape: &Shape) -> Option<Template> {
        let at_most_once = |mark: &str| -> Option<Option<usize>> {
            let mut found = text.match_indices(mark).map(|(at, _)| at);
            let first = found.next();
            found.next().is_none().then_some(first)
        };
        let once = |mark: &str| at_most_once(mark).flatten();
        let mut gaps = vec![
            (once(&shape.title)?, shape.title.len(), Gap::Title),
            (once(URL_MARK)?, URL_MARK.len(), Gap::Url),
        ];
        if let Some(marks) = &shape.date {
            gaps.push((once(YEAR_MARK)?, YEAR_MARK.len(), Gap::Year));
            if marks.day.is_some() {
                if let Some(at) = at_most_once(DAY_MARK)? {
                    gaps.push((at, DAY_MARK.len(), Gap::Day));
                }
            }
        }
        gaps.sort_unstable_by_key(|&(at, _, _)| at);
        let apart = gaps.windows(2).all(|w| w[0].0 + w[0].1 <= w[1].0);
        apart.then_some(Template { text, gaps })
    }

    /// The reference of `w`, whose date's marks are `date`.
    fn fill(&self, w: &Work, date: Option<&DateMarks>) -> Option<String> {
        let mut out = String::with_capacity(self.text.len() + w.title.len() + w.url.len());
        let mut from = 0;
        for &(at, len, gap) in &self.gaps {
            out.push_str(self.text.get(from..at)?);
            out.push_str(match gap {
                Gap::Title => w.title,
                Gap::Url => &w.url,
                Gap::Year => &date?.year,
                Gap::Day => date?.day.as_deref()?,
            });
            from = at + len;
        }
        out.push_str(self.text.get(from..)?);
        Some(out)
    }
}

/// The address put in place of a page's, once formatted.
const URL_MARK: &str = "https://zqxplainsiteurlzqx.invalid/";
/// Reference shapes kept; a dev server that runs for days starts over past this.
const MAX_SHAPES: usize = 4096;

type ShapeKey = (CiteStyle, bool, String);

/// Each shape's template; `None` for a shape formatted whole at each work.
type Shapes = rustc_hash::FxHashMap<ShapeKey, Option<Arc<Template>>>;

fn shapes() -> &'static std::sync::Mutex<Shapes> {
    static SHAPES: std::sync::OnceLock<std::sync::Mutex<Shapes>> = std::sync::OnceLock::new();
    SHAPES.get_or_init(Default::default)
}

/// A work's placeholders: the kinds of its title's first and last characters (which a
/// style may capitalize, or join with the punctuation after them: any digit, small or
/// capital ASCII letter is as good as another) around a word of its own; and, for a
/// date written `YYYY-MM-DD`, the year and the day (the month's name is the style's and
/// the language's, so it stays). A site's pages then share a few shapes: hayagriva
/// formatted each page's date and title ending again, 10-12% of a build.
struct Shape {
    title: String,
    date: Option<DateMarks>,
    /// The entry with its placeholders, as hayagriva reads it: the shape's key.
    yaml: String,
}

/// The year and day put in place of a work's date, and the date's own.
struct DateMarks {
    /// The placeholder date, `1111-MM-DD`.
    date: String,
    year: String,
    /// The day as a reference writes it, when its placeholder is [`DAY_MARK`] (the
    /// first of a month keeps its own date: French writes it « 1er »).
    day: Option<String>,
}

/// The year put in place of a work's, once formatted.
const YEAR_MARK: &str = "1111";
/// The day put in place of a work's (from the 2nd to the 31st).
const DAY_MARK: &str = "28";

impl DateMarks {
    /// The marks for `date` when it is a full `YYYY-MM-DD` date, from the year 1000 on.
    fn of(date: &str) -> Option<DateMarks> {
        let b = date.as_bytes();
        let digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
        let shaped = b.len() == 10 && digits(0..4) && digits(5..7) && digits(8..10);
        if !shaped || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.first() == Some(&b'0')
        {
            return None;
        }
        let (year, month, day) = (date.get(0..4)?, date.get(5..7)?, date.get(8..10)?);
        let day_number: u8 = day.parse().ok()?;
        let month_number: u8 = month.parse().ok()?;
        if !(1..=12).contains(&month_number) || !(1..=31).contains(&day_number) {
            return None;
        }
        let (mark, day) = if day_number == 1 {
            (day, None)
        } else {
            (DAY_MARK, Some(day_number.to_string()))
        };
        Some(DateMarks {
            date: format!("{YEAR_MARK}-{month}-{mark}"),
            year: year.to_string(),
            day,
        })
    }
}

/// A character of a title's placeholder: any ASCII digit, small or capital letter as
/// good as another of its kind (a style may capitalize a letter, or join a digit or a
/// letter with what follows); any other character itself.
fn ascii_kind(c: char) -> char {
    match c {
        '0'..='9' => '0',
        'a'..='z' => 'a',
        'A'..='Z' => 'A',
        c => c,
    }
}

impl Shape {
    fn of(w: &Work) -> Option<Shape> {
        let plain_title = w.title.split(' ').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ',' | '.' | ':' | ';' | '?' | '!'))
        });
        let same_url = url::Url::parse(&w.url).is_ok_and(|u| u.as_str() == w.url);
        if !plain_title || !same_url || w.url.contains(URL_MARK) {
            return None;
        }
        let first = ascii_kind(w.title.chars().next()?);
        let last = ascii_kind(w.title.chars().next_back()?);
        let title = format!("{first}zqxplainsitetitlezqx{last}");
        if w.title.contains("zqxplainsitetitlezqx") {
            return None;
        }
        let mut shape = Shape {
            title,
            date: w.date.and_then(DateMarks::of),
            yaml: String::new(),
        };
        shape.yaml = entry_yaml(&shape.work(w));
        // The marks must be the only places their digits are (an organization named
        // "Team 28", a DOI with 1111 in it): otherwise the date is kept as it is.
        if let Some(marks) = &shape.date {
            let once = |mark: &str| shape.yaml.matches(mark).count() == 1;
            if !once(YEAR_MARK) || (marks.day.is_some() && !once(DAY_MARK)) {
                shape.date = None;
                shape.yaml = entry_yaml(&shape.work(w));
            }
        }
        Some(shape)
    }

    fn work<'a>(&'a self, w: &Work<'a>) -> Work<'a> {
        Work {
            title: &self.title,
            url: URL_MARK.to_string(),
            date: self.date.as_ref().map_or(w.date, |d| Some(d.date.as_str())),
            ..w.clone()
        }
    }
}

/// The work as a reference in `style`, formatted whole by hayagriva.
fn format_reference(w: &Work, style: CiteStyle) -> Option<String> {
    let library = hayagriva::io::from_yaml_str(&entry_yaml(w)).ok()?;
    let entry = library.get("work")?;
    let code = locale_code(w.lang);
    let csl = crate::text::csl::style_in(archived(style), &code)?;
    let locales = crate::text::csl::locales_for(&code);
    let locale = Some(code);
    let mut driver = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        vec![CitationItem::with_entry(entry)],
        csl,
        locale.clone(),
        locales,
        None,
    ));
    let done = driver.finish(BibliographyRequest::new(csl, locale, locales));
    let item = done.bibliography?.items.into_iter().next()?;
    // The first field, when a style sets one apart, is the number of a numbered list.
    let mut out = String::new();
    item.content
        .write_buf(&mut out, BufWriteFormat::Plain)
        .ok()?;
    // Marks the style joins, collapsed as CSL processors do (hayagriva keeps both).
    let out = crate::text::punctuation::collapse(out.trim());
    Some(without_hanging_retrieved(&out, &w.url))
}

/// `reference` without the word APA puts before the address of a work with no date
/// (« Retrieved », « Consulté »), which goes with the day the page was read: a build
/// cannot know that day, and the word alone before the address is not a sentence
/// (« Retrieved https://… »). APA 7 gives the address alone when there is no such day.
fn without_hanging_retrieved(reference: &str, url: &str) -> String {
    ["Retrieved", "Consulté"]
        .iter()
        .fold(reference.to_string(), |out, word| {
            out.replace(&format!("{word} {url}"), url)
        })
}

/// The CSL style in hayagriva's archive of each style plainsite cites in.
fn archived(style: CiteStyle) -> ArchivedStyle {
    match style {
        CiteStyle::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
        CiteStyle::Vancouver => ArchivedStyle::ElsevierVancouver,
    }
}

/// The CSL locale a work in `lang` is cited in: French for French, US English for
/// every other language (the references' words, "Retrieved", "n.d.", are in one of
/// the two).
fn locale_code(lang: &str) -> LocaleCode {
    LocaleCode(if crate::text::csl::is_french(lang) {
        "fr-FR".into()
    } else {
        "en-US".into()
    })
}

/// Reads, once, the styles and the locales (those of the languages `langs`) the pages'
/// references are formatted with: about 20 million instructions of parsing from
/// hayagriva's archive. A build calls it on a core of its own while its files are
/// still being found and read, which leave that core idle; otherwise the first page of
/// each core reads them, at the start of the busiest phase, one core waiting on the
/// other's lock. Returns the locales read.
pub fn warm_up<'a>(langs: impl IntoIterator<Item = &'a str>) -> Vec<LocaleCode> {
    let mut codes: Vec<LocaleCode> = Vec::new();
    for code in langs.into_iter().map(locale_code) {
        if !codes.contains(&code) {
            for style in [CiteStyle::Apa, CiteStyle::Vancouver] {
                let _ = crate::text::csl::style_in(archived(style), &code);
            }
            let _ = crate::text::csl::locales_for(&code);
            codes.push(code);
        }
    }
    codes
}

/// A BibTeX value: braces keep capitals; braces and backslashes in the text are
/// dropped, as BibTeX cannot hold them unescaped.
fn bib(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| !matches!(c, '{' | '}' | '\\'))
        .collect();
    format!("{{{}}}", clean.replace('&', "\\&").replace('%', "\\%"))
}

fn author_names(w: &Work) -> Vec<String> {
    if w.authors.is_empty() {
        return vec![format!("{{{}}}", w.organization)];
    }
    w.authors
        .iter()
        .map(|p| match (&p.family, &p.given) {
            (Some(f), Some(g)) => format!("{f}, {g}"),
            _ => format!("{{{}}}", p.name),
        })
        .collect()
}

/// The work as a BibTeX `@online` entry.
pub fn bibtex(w: &Work, key: &str) -> String {
    let mut out = format!("@online{{{key},\n");
    out += &format!("  title = {},\n", bib(w.title));
    out += &format!("  author = {{{}}},\n", author_names(w).join(" and "));
    out += &format!("  organization = {},\n", bib(w.organization));
    if let Some(d) = w.date {
        out += &format!("  date = {{{d}}},\n");
    }
    out += &format!("  url = {{{}}},\n", w.url);
    if let Some(doi) = w.doi {
        out += &format!("  doi = {{{doi}}},\n");
    }
    out += &format!("  langid = {{{}}},\n}}\n", w.lang);
    out
}

/// The work as an RIS record (type ELEC, a web page).
pub fn ris(w: &Work) -> String {
    let mut out = String::from("TY  - ELEC\r\n");
    out += &format!("TI  - {}\r\n", w.title);
    if w.authors.is_empty() {
        out += &format!("AU  - {}\r\n", w.organization);
    }
    for p in &w.authors {
        match (&p.family, &p.given) {
            (Some(f), Some(g)) => out += &format!("AU  - {f}, {g}\r\n"),
            _ => out += &format!("AU  - {}\r\n", p.name),
        }
    }
    out += &format!("PB  - {}\r\n", w.organization);
    if let Some(d) = w.date {
        out += &format!(
            "DA  - {}\r\nPY  - {}\r\n",
            d.replace('-', "/"),
            &d[..d.len().min(4)]
        );
    }
    out += &format!("UR  - {}\r\n", w.url);
    if let Some(doi) = w.doi {
        out += &format!("DO  - {doi}\r\n");
    }
    out += &format!("LA  - {}\r\nER  - \r\n", w.lang);
    out
}

/// The work as CSL-JSON (a list of one item), as Zotero and citeproc read it.
pub fn csl_json(w: &Work, key: &str) -> String {
    let authors: Vec<Value> = if w.authors.is_empty() {
        vec![json!({"literal": w.organization})]
    } else {
        w.authors
            .iter()
            .map(|p| match (&p.family, &p.given) {
                (Some(f), Some(g)) => json!({"family": f, "given": g}),
                _ => json!({"literal": p.name}),
            })
            .collect()
    };
    let mut item = json!({
        "id": key,
        "type": "webpage",
        "title": w.title,
        "author": authors,
        "publisher": w.organization,
        "URL": w.url,
        "language": w.lang,
    });
    if let Some(d) = w.date {
        let parts: Vec<Value> = d
            .split('-')
            .filter_map(|p| p.parse::<u32>().ok())
            .map(Value::from)
            .collect();
        item["issued"] = json!({"date-parts": [parts]});
    }
    if let Some(doi) = w.doi {
        item["DOI"] = json!(doi);
    }
    serde_json::to_string_pretty(&json!([item])).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warm_up_reads_each_locale_the_references_of_a_site_in_these_languages_use_once() {
        let read = warm_up(["en", "fr-CA", "fr", "en-GB", "zh-Hans", "frr"]);
        assert_eq!(
            read,
            [LocaleCode("en-US".into()), LocaleCode("fr-FR".into())]
        );
        // The locale a page of each language is formatted with is among them.
        for lang in ["en", "fr-CA", "zh-Hans"] {
            assert!(read.contains(&locale_code(lang)), "{lang}");
        }
        // North Frisian (`frr`) is not French, though its code starts the same.
        assert_eq!(locale_code("frr"), LocaleCode("en-US".into()));
        assert_eq!(locale_code("FR-ca"), LocaleCode("fr-FR".into()));
    }

    fn person(given: &str, family: &str) -> Shown {
        Shown {
            name: format!("{given} {family}"),
            given: Some(given.into()),
            family: Some(family.into()),
            ..Default::default()
        }
    }

    fn work(authors: Vec<Shown>) -> Work<'static> {
        Work {
            title: "Taking part, staying well",
            description: None,
            authors,
            organization: "The review team",
            date: Some("2026-11-25"),
            modified: None,
            url: "https://example.org/taking-part/".into(),
            doi: None,
            lang: "en",
        }
    }

    #[test]
    fn apa_in_french_writes_the_day_before_the_month_as_french_apa_guides_do() {
        let french = |title, date| Work {
            title,
            date: Some(date),
            lang: "fr",
            ..work(vec![person("Ginetta", "Salvalaggio")])
        };
        let apa = |w: &Work| reference(w, CiteStyle::Apa).unwrap();
        assert_eq!(
            apa(&french("Participer et rester en bonne santé", "2026-11-25")),
            "Salvalaggio, G. (2026, 25 novembre). Participer et rester en bonne santé. https://example.org/taking-part/"
        );
        // The first of a month in plain letters, « 1er » (the French CSL locale's
        // « 1ᵉʳ » raises them), and months beyond ASCII.
        let first = apa(&french("Notes", "2024-01-01"));
        assert!(first.contains("(2024, 1er janvier)."), "{first}");
        assert!(apa(&french("Notes", "2024-08-15")).contains("(2024, 15 août)."));
        assert!(apa(&french("Notes", "2024-02-05")).contains("(2024, 5 février)."));
        // A date in the title is the author's: only the reference's own moves.
        assert!(
            apa(&french("Compte rendu (2025, janvier 3)", "2026-03-05"))
                .contains("(2026, 5 mars). Compte rendu (2025, janvier 3)."),
            "{}",
            apa(&french("Compte rendu (2025, janvier 3)", "2026-03-05"))
        );
        // English, and Vancouver in French, are as the styles write them.
        assert!(apa(&work(Vec::new())).contains("(2026, November 25)."));
        let vancouver = reference(&french("Notes", "2026-11-25"), CiteStyle::Vancouver).unwrap();
        assert_eq!(
            vancouver,
            "Salvalaggio G. Notes 2026. https://example.org/taking-part/."
        );
        // Without a date of its own, a date in the title stays as written.
        let undated = Work {
            date: None,
            ..french("Compte rendu (2025, janvier 3)", "2026-03-05")
        };
        assert!(
            apa(&undated).contains("Compte rendu (2025, janvier 3)."),
            "{}",
            apa(&undated)
        );
    }

    #[test]
    fn an_undated_work_is_cited_with_each_styles_words_for_no_date_in_each_language() {
        // No date is given to the engine: each style writes its own words for none, in
        // the page's language (APA's « s.d. » as French APA guides write it). APA's
        // "Retrieved" and « Consulté », which go with the day a page was read (a build
        // knows none), are left out, as APA 7 gives the address alone then.
        let undated = |lang| Work {
            date: None,
            lang,
            ..work(vec![person("Ginetta", "Salvalaggio")])
        };
        let url = "https://example.org/taking-part/";
        for (lang, style, cited) in [
            (
                "en",
                CiteStyle::Apa,
                format!("Salvalaggio, G. (n.d.). Taking part, staying well. {url}"),
            ),
            (
                "en",
                CiteStyle::Vancouver,
                format!("Salvalaggio G. Taking part, staying well n.d. {url}."),
            ),
            (
                "fr",
                CiteStyle::Apa,
                format!("Salvalaggio, G. (s.d.). Taking part, staying well. {url}"),
            ),
            (
                "fr-CA",
                CiteStyle::Apa,
                format!("Salvalaggio, G. (s.d.). Taking part, staying well. {url}"),
            ),
            (
                "fr",
                CiteStyle::Vancouver,
                format!("Salvalaggio G. Taking part, staying well s.\u{a0}d. {url}."),
            ),
        ] {
            assert_eq!(
                reference(&undated(lang), style).as_deref(),
                Some(cited.as_str()),
                "{lang} {style:?}"
            );
        }
    }

    #[test]
    fn apa_and_vancouver_come_from_the_bundled_csl_styles() {
        let w = work(vec![
            person("Ginetta", "Salvalaggio"),
            person("Nathaniel", "Le Chalifoux"),
        ]);
        let apa = reference(&w, CiteStyle::Apa).unwrap();
        let vancouver = reference(&w, CiteStyle::Vancouver).unwrap();
        assert_eq!(
            apa,
            "Salvalaggio, G., & Le Chalifoux, N. (2026, November 25). Taking part, staying well. https://example.org/taking-part/"
        );
        assert_eq!(
            vancouver,
            "Salvalaggio G, Le Chalifoux N. Taking part, staying well 2026. https://example.org/taking-part/."
        );
        let org = reference(&work(Vec::new()), CiteStyle::Apa).unwrap();
        assert!(
            org.starts_with("The review team. (2026, November 25)."),
            "{org}"
        );
    }

    #[test]
    fn a_reference_with_its_date_put_back_is_the_one_formatted_whole_on_every_day() {
        // Every day of a leap year, and some days of other years, in both styles and
        // both languages: the year and day put in the shape's text give what hayagriva
        // gives for the work itself.
        let mut dates: Vec<String> = Vec::new();
        for month in 1..=12u32 {
            for day in 1..=31u32 {
                let short = matches!(month, 4 | 6 | 9 | 11) && day > 30;
                if !(short || (month == 2 && day > 29)) {
                    dates.push(format!("2024-{month:02}-{day:02}"));
                }
            }
        }
        dates.extend(
            [
                "1999-12-31",
                "2000-01-01",
                "2026-11-05",
                "2100-06-21",
                "1000-03-09",
            ]
            .map(String::from),
        );
        let people = [Vec::new(), vec![person("Ginetta", "Salvalaggio")]];
        let mut filled = 0;
        for (i, date) in dates.iter().enumerate() {
            for lang in ["en", "fr"] {
                for style in [CiteStyle::Apa, CiteStyle::Vancouver] {
                    let w = Work {
                        title: "Notes on planning 7",
                        date: Some(date),
                        lang,
                        authors: people[i % people.len()].clone(),
                        ..work(Vec::new())
                    };
                    let shape = Shape::of(&w).unwrap();
                    filled += usize::from(shape.date.is_some());
                    assert_eq!(
                        reference(&w, style),
                        format_reference(&w, style),
                        "{date} {lang} {style:?}"
                    );
                }
            }
        }
        assert_eq!(filled, dates.len() * 4);
    }

    #[test]
    fn a_date_is_kept_in_the_shape_where_its_marks_would_be_ambiguous() {
        let w = |organization, date, doi| Work {
            organization,
            date,
            doi,
            ..work(Vec::new())
        };
        let marked = |w: &Work| Shape::of(w).is_some_and(|s| s.date.is_some());
        assert!(marked(&w("The review team", Some("2026-11-25"), None)));
        assert!(!marked(&w("Team 28", Some("2026-11-25"), None)));
        assert!(marked(&w("Team 28", Some("2026-11-01"), None)));
        assert!(!marked(&w(
            "The review team",
            Some("2026-11-25"),
            Some("10.1111/add.1")
        )));
        for date in [
            "2026-11",
            "2026",
            "0999-01-02",
            "2026-13-02",
            "2026-02-32",
            "26-11-25",
        ] {
            assert!(!marked(&w("The review team", Some(date), None)), "{date}");
        }
        for style in [CiteStyle::Apa, CiteStyle::Vancouver] {
            let team = w("Team 28", Some("2026-11-25"), Some("10.1111/add.1"));
            assert_eq!(reference(&team, style), format_reference(&team, style));
        }
    }

    #[test]
    fn titles_that_start_and_end_with_letters_of_one_kind_share_a_shape() {
        // A site's titles start with every letter: hayagriva formatted each letter's
        // shape again (4 million instructions each).
        let shape = |title| {
            let w = Work {
                title,
                ..work(Vec::new())
            };
            Shape::of(&w).map(|s| s.yaml)
        };
        let pay = shape("Pay and roles");
        assert!(pay.is_some());
        assert_eq!(shape("Roles and pay"), pay);
        assert_ne!(
            shape("roles and pay"),
            pay,
            "a small first letter may be capitalized"
        );
        assert_ne!(shape("Roles and pay?"), pay);
        assert_eq!(shape("2 roles"), shape("7 roles"));
    }

    #[test]
    fn a_reference_from_its_cached_shape_is_the_one_formatted_whole() {
        let titles = [
            "Taking part, staying well",
            "notes on planning 0",
            "what we found: pay and roles?",
            "Why it matters!",
            "Qui a pris part ; ce que nous avons appris.",
            "报酬和角色",
            "Étape 2. la suite",
            "A",
            "Ends with a full stop.",
        ];
        let urls = [
            "https://example.org/taking-part/",
            "https://example.org/fr/notes/page-1/",
            "http://localhost:1111/a-z/",
        ];
        let people = [
            Vec::new(),
            vec![person("Ginetta", "Salvalaggio")],
            vec![
                person("Ginetta", "Salvalaggio"),
                person("Nathaniel", "Le Chalifoux"),
            ],
        ];
        for (i, title) in titles.iter().enumerate() {
            for url in urls {
                for style in [CiteStyle::Apa, CiteStyle::Vancouver] {
                    let w = Work {
                        title,
                        url: url.to_string(),
                        authors: people[i % people.len()].clone(),
                        lang: if i % 2 == 0 { "en" } else { "fr" },
                        doi: (i % 3 == 0).then_some("10.1234/abc"),
                        date: (i % 4 != 0).then_some("2026-11-25"),
                        ..work(Vec::new())
                    };
                    let whole = format_reference(&w, style);
                    assert_eq!(reference(&w, style), whole, "{title} {url} {style:?}");
                    assert_eq!(
                        reference(&w, style),
                        whole,
                        "{title} {url} {style:?} (cached)"
                    );
                }
            }
        }
        // The placeholders came out as they went in, so the shapes were used.
        let shapes = shapes().lock().unwrap();
        assert!(shapes.values().flatten().any(|t| {
            let gaps: Vec<Gap> = t.gaps.iter().map(|g| g.2).collect();
            gaps.contains(&Gap::Title) && gaps.contains(&Gap::Url) && gaps.contains(&Gap::Day)
        }));
    }

    #[test]
    fn a_year_or_title_with_the_marks_digits_is_put_in_without_a_second_look() {
        // The year 2028 holds the day's mark, "28": each mark's place is found once, in
        // the shape's text, before anything is put in. Put in one after the other, the
        // day went into the year where a style leaves the day out (Vancouver: "205" for
        // 2028-03-05).
        for (title, date) in [
            ("Report 28", "2028-03-28"),
            ("The 1111 plan", "1928-12-09"),
            ("Pay", "2028-01-01"),
            ("Pay", "2028-03-05"),
            ("Roles", "2128-02-08"),
        ] {
            for lang in ["en", "fr"] {
                let w = Work {
                    title,
                    date: Some(date),
                    lang,
                    ..work(vec![person("Ginetta", "Salvalaggio")])
                };
                let shape = Shape::of(&w).unwrap();
                for style in [CiteStyle::Apa, CiteStyle::Vancouver] {
                    let whole = format_reference(&w, style);
                    assert!(whole.as_deref().is_some_and(|t| t.contains(&date[..4])));
                    let text = format_reference(&shape.work(&w), style).unwrap();
                    let template = Template::of(text, &shape).expect("a template");
                    let filled = template.fill(&w, shape.date.as_ref());
                    assert_eq!(filled, whole, "{title} {date} {lang} {style:?}");
                    assert_eq!(reference(&w, style), whole, "{title} {date} {style:?}");
                }
            }
        }
    }

    #[test]
    fn titles_sharing_a_shape_each_get_their_own_reference_from_it() {
        // The second title's reference comes from the first's shape, formatted once.
        for style in [CiteStyle::Apa, CiteStyle::Vancouver] {
            for title in ["Pay and roles", "Roles and pay", "Support and pay"] {
                let w = Work {
                    title,
                    ..work(vec![person("Ginetta", "Salvalaggio")])
                };
                assert_eq!(reference(&w, style), format_reference(&w, style), "{title}");
            }
        }
    }

    #[test]
    fn a_template_refuses_a_mark_met_twice_or_a_year_left_out() {
        let w = Work {
            title: "Pay",
            date: Some("2026-11-25"),
            ..work(Vec::new())
        };
        let shape = Shape::of(&w).unwrap();
        let text = |t: &str| t.replace("T", &shape.title).replace("U", URL_MARK);
        let ok = Template::of(text("T (1111, November 28). U"), &shape).unwrap();
        assert_eq!(
            ok.fill(&w, shape.date.as_ref()).unwrap(),
            format!("Pay (2026, November 25). {}", w.url)
        );
        // The day may be left out; the year may not.
        assert!(Template::of(text("T (1111). U"), &shape).is_some());
        assert!(Template::of(text("T. U"), &shape).is_none());
        for twice in [
            "T T (1111, 28). U",
            "T (1111, 28). U U",
            "T (1111, 28 28). U",
            "T 1111 1111 U",
        ] {
            assert!(Template::of(text(twice), &shape).is_none(), "{twice}");
        }
    }
}
