//! Stage 7, reference styles: a [`Work`] as an APA or Vancouver reference, formatted by
//! hayagriva from the CSL styles and locales bundled in the binary (no network), and as
//! BibTeX, RIS and CSL-JSON for reference managers.

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteStyle {
    /// APA 7th edition.
    Apa,
    /// Vancouver, as health journals use (Elsevier's CSL style: the bundled NLM style
    /// leaves out the authors of web pages).
    Vancouver,
}

/// The hayagriva entry of a work, written as its YAML (JSON is YAML).
fn entry_yaml(w: &Work) -> String {
    let authors: Vec<Value> = if w.authors.is_empty() {
        vec![json!({"name": w.organization})]
    } else {
        w.authors.iter().map(hayagriva_person).collect()
    };
    let mut e = json!({
        "type": "web",
        "title": w.title,
        "author": authors,
        "url": w.url,
        "organization": w.organization,
    });
    if let Some(d) = w.date {
        e["date"] = json!(d);
    }
    if let Some(doi) = w.doi {
        e["serial-number"] = json!({"doi": doi});
    }
    json!({"work": e}).to_string()
}

fn hayagriva_person(p: &Shown) -> Value {
    match (&p.family, &p.given) {
        (Some(f), Some(g)) => json!({"name": f, "given-name": g}),
        (Some(f), None) => json!({"name": f}),
        _ => json!({"name": p.name}),
    }
}

/// The work as a reference in `style`, in plain text, in the language `lang`.
pub fn reference(w: &Work, style: CiteStyle) -> Option<String> {
    let library = hayagriva::io::from_yaml_str(&entry_yaml(w)).ok()?;
    let entry = library.get("work")?;
    let csl = crate::text::csl::style(match style {
        CiteStyle::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
        CiteStyle::Vancouver => ArchivedStyle::ElsevierVancouver,
    })?;
    let locales = crate::text::csl::locales();
    let locale = Some(LocaleCode(if w.lang.starts_with("fr") {
        "fr-FR".into()
    } else {
        "en-US".into()
    }));
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
    Some(out.trim().to_string())
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
}
