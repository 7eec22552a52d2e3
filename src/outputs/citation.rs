//! Stage 7 (outputs), citations: what readers' tools need to cite the site. `CITATION.cff` at the
//! output root (Citation File Format 1.2), `citation_*` meta tags (Google Scholar,
//! Zotero) and schema.org JSON-LD on every page, and the cite page's APA and Vancouver
//! references (formatted from the CSL styles bundled in hayagriva, no network) with
//! BibTeX, RIS and CSL-JSON downloads.
//!
//! Authors are the people who agreed to be named in citations, as each chose
//! ([`crate::load::people`]); on a page, only those who also agreed to be named in that
//! page's output. With none, the site's organization is the author. Dates come from
//! front matter, never from the clock.

use serde::Serialize;
use serde_json::Value;

use crate::load::config::SiteConfig;
use crate::load::people::{Channel, Person, Shown};
use crate::model::Page;
pub use crate::theme::views::{MetaTag, PageCite};

pub use super::cite_styles::Work;

/// The people to name as authors of a page of `channel`.
pub fn authors_on(people: &[Person], channel: Channel) -> Vec<Shown> {
    people
        .iter()
        .filter(|p| p.shown(channel).is_some())
        .filter_map(|p| p.shown(Channel::Citation))
        .collect()
}

/// The key of the site's entry in `citation.bib` and `citation.json`: its title in ASCII
/// letters, digits and underscores (« Le résumé » gives `le_resume`), since classic
/// BibTeX refuses any other character in a key; `site` when nothing is left (a title in
/// Chinese).
pub fn citation_key(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = title.nfd().filter(char::is_ascii).collect();
    match crate::text::slug::slugify(&folded).replace('-', "_") {
        key if key.is_empty() => "site".to_string(),
        key => key,
    }
}

/// The latest `updated` or `date` of the pages.
pub fn latest_date(pages: &[Page]) -> Option<&str> {
    pages
        .iter()
        .filter(|p| !p.fallback)
        .filter_map(|p| p.meta.updated.as_deref().or(p.meta.date.as_deref()))
        .max()
}

/// The work a page is, for its meta tags and JSON-LD.
pub fn page_work<'a>(page: &'a Page, people: &[Person], config: &'a SiteConfig) -> Work<'a> {
    Work {
        title: &page.meta.title,
        description: page.meta.description.as_deref(),
        authors: authors_on(people, crate::checks::credit::channel_of(page)),
        organization: &config.organization,
        date: page.meta.date.as_deref(),
        modified: page.meta.updated.as_deref().or(page.meta.date.as_deref()),
        url: config.permalink(&page.url),
        doi: config.doi.as_deref(),
        lang: &config.language,
    }
}

/// The work the whole site is, for `CITATION.cff`: its authors are the people who
/// agreed to be named on the site and in citations; its date, the latest page date.
pub fn site_work<'a>(pages: &'a [Page], people: &[Person], config: &'a SiteConfig) -> Work<'a> {
    let latest = latest_date(pages);
    Work {
        title: &config.title,
        description: Some(config.description.as_str()).filter(|d| !d.is_empty()),
        authors: authors_on(people, Channel::Site),
        organization: &config.organization,
        date: latest,
        modified: latest,
        url: config.permalink("/"),
        doi: config.doi.as_deref(),
        lang: &config.language,
    }
}

impl PageCite {
    pub fn of(work: &Work, report: bool) -> PageCite {
        use super::cite_styles::CiteStyle;
        let [apa, vancouver] =
            super::cite_styles::references(work, [CiteStyle::Apa, CiteStyle::Vancouver]);
        PageCite {
            meta: meta_tags(work)
                .into_iter()
                .map(|(name, content)| MetaTag { name, content })
                .collect(),
            json_ld: json_ld(work, report),
            apa,
            vancouver,
        }
    }
}

/// A page's citation metadata, from its language's people and configuration.
/// A page is cited with its `date`, else its `updated`, else `original`'s (the date
/// of the page a translation translates), else with none: the styles then write
/// their words for no date (APA's « n.d. »), and the meta tags and JSON-LD give none.
/// Never another page's date, which would say the page was published when it was not.
pub fn page_cite(
    page: &Page,
    people: &[Person],
    config: &SiteConfig,
    original: Option<&str>,
) -> PageCite {
    let mut work = page_work(page, people, config);
    work.date = work.date.or(page.meta.updated.as_deref()).or(original);
    PageCite::of(&work, page.role() == crate::model::PageRole::Brief)
}

/// "Family, Given" for citation tags, or the name as chosen.
fn inverted(p: &Shown) -> String {
    match (&p.family, &p.given) {
        (Some(f), Some(g)) => format!("{f}, {g}"),
        (Some(f), None) => f.clone(),
        _ => p.name.clone(),
    }
}

fn meta_tags(w: &Work) -> Vec<(&'static str, String)> {
    let mut out = vec![("citation_title", w.title.to_string())];
    if w.authors.is_empty() {
        out.push(("citation_author", w.organization.to_string()));
    }
    for a in &w.authors {
        out.push(("citation_author", inverted(a)));
        if let Some(o) = &a.orcid {
            out.push(("citation_author_orcid", format!("https://orcid.org/{o}")));
        }
    }
    if let Some(d) = w.date {
        out.push(("citation_publication_date", d.replace('-', "/")));
    }
    out.push(("citation_publisher", w.organization.to_string()));
    out.push(("citation_language", w.lang.to_string()));
    out.push(("citation_public_url", w.url.clone()));
    if let Some(doi) = w.doi {
        out.push(("citation_doi", doi.to_string()));
    }
    out
}

/// A schema.org organization.
#[derive(Serialize)]
struct OrganizationLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

fn organization_ld(name: &str) -> OrganizationLd<'_> {
    OrganizationLd {
        kind: "Organization",
        name,
    }
}

/// A schema.org person. The fields of this and [`WorkLd`] are in the order of their
/// names, as `serde_json` wrote them when the metadata was made as a `Value`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PersonLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<OrganizationLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    name: &'a str,
}

fn person_ld(p: &Shown) -> PersonLd<'_> {
    let (family_name, given_name) = match (&p.family, &p.given) {
        (Some(f), Some(g)) => (Some(f.as_str()), Some(g.as_str())),
        _ => (None, None),
    };
    PersonLd {
        kind: "Person",
        affiliation: p.affiliation.as_deref().map(organization_ld),
        family_name,
        given_name,
        identifier: p.orcid_url.as_deref(),
        name: &p.name,
    }
}

/// An author: a person, or the organization when the work names none.
#[derive(Serialize)]
#[serde(untagged)]
enum AuthorLd<'a> {
    Person(PersonLd<'a>),
    Organization(OrganizationLd<'a>),
}

/// A page's schema.org metadata, serialized straight to its text (built first as a
/// `Value`, a tree of maps, it cost about 20 M instructions on a 1,000-page build).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WorkLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Vec<AuthorLd<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<String>,
    in_language: &'a str,
    name: &'a str,
    publisher: OrganizationLd<'a>,
    url: &'a str,
}

fn json_ld(w: &Work, report: bool) -> String {
    let author = if w.authors.is_empty() {
        vec![AuthorLd::Organization(organization_ld(w.organization))]
    } else {
        w.authors
            .iter()
            .map(|a| AuthorLd::Person(person_ld(a)))
            .collect()
    };
    let ld = WorkLd {
        context: "https://schema.org",
        kind: if report { "Report" } else { "ScholarlyArticle" },
        author,
        date_modified: w.modified,
        date_published: w.date,
        description: w.description,
        headline: w.title,
        identifier: w.doi.map(|doi| format!("https://doi.org/{doi}")),
        in_language: w.lang,
        name: w.title,
        publisher: organization_ld(w.organization),
        url: &w.url,
    };
    let text = serde_json::to_string(&ld).unwrap_or_else(|_| "{}".into());
    // `</script>` inside a string would end the script element.
    if text.contains('<') {
        text.replace('<', "\\u003c")
    } else {
        text
    }
}

/// A YAML scalar: JSON's double-quoted string, which YAML reads the same.
fn q(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// The `CITATION.cff` output.
pub struct CitationFile;

impl super::Output for CitationFile {
    fn name(&self) -> &'static str {
        "the citation file"
    }

    fn make(
        &self,
        site: &super::Built,
        files: &mut super::Files,
    ) -> crate::text::error::Result<()> {
        let Some(model) = site.models.first() else {
            return Ok(());
        };
        let work = site_work(&model.pages, site.people, site.config);
        let made = || super::made("the citation files");
        files.write("CITATION.cff", made(), cff(&work).as_bytes())?;
        let key = citation_key(&site.config.title);
        use super::cite_styles::{bibtex, csl_json, ris};
        files.write("citation.bib", made(), bibtex(&work, &key).as_bytes())?;
        files.write("citation.ris", made(), ris(&work).as_bytes())?;
        files.write("citation.json", made(), csl_json(&work, &key).as_bytes())
    }
}

/// `CITATION.cff` (Citation File Format 1.2.0) for a work.
pub fn cff(w: &Work) -> String {
    let mut out = String::from(
        "# This file says how to cite this site. It follows the Citation File Format 1.2.0.\n",
    );
    out += "cff-version: 1.2.0\n";
    out += "message: \"If you use this work, please cite it as below.\"\n";
    out += &format!("title: {}\n", q(w.title));
    if let Some(d) = w.description {
        out += &format!("abstract: {}\n", q(d));
    }
    out += "authors:\n";
    if w.authors.is_empty() {
        out += &format!("  - name: {}\n", q(w.organization));
    }
    for a in &w.authors {
        out += &cff_person(a);
    }
    if let Some(d) = w.modified.or(w.date) {
        out += &format!("date-released: {}\n", q(d));
    }
    out += &format!("url: {}\n", q(&w.url));
    if let Some(doi) = w.doi {
        out += &format!("doi: {}\n", q(doi));
    }
    out
}

fn cff_person(a: &Shown) -> String {
    let mut out = match (&a.family, &a.given) {
        (Some(f), g) => {
            let mut s = format!("  - family-names: {}\n", q(f));
            if let Some(g) = g {
                s += &format!("    given-names: {}\n", q(g));
            }
            s
        }
        _ => format!("  - alias: {}\n", q(&a.name)),
    };
    if let Some(o) = &a.orcid_url {
        out += &format!("    orcid: {}\n", q(o));
    }
    if let Some(af) = &a.affiliation {
        out += &format!("    affiliation: {}\n", q(af));
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_citation_key_is_ascii_for_classic_bibtex() {
        assert_eq!(
            citation_key("Le résumé de notre revue"),
            "le_resume_de_notre_revue"
        );
        assert_eq!(
            citation_key("Taking part, staying well"),
            "taking_part_staying_well"
        );
        assert_eq!(citation_key("参与研究"), "site");
    }

    use super::*;

    fn shown(name: &str, given: Option<&str>, family: Option<&str>) -> Shown {
        Shown {
            name: name.into(),
            given: given.map(Into::into),
            family: family.map(Into::into),
            ..Default::default()
        }
    }

    fn work(authors: Vec<Shown>) -> Work<'static> {
        Work {
            title: "Taking part: a </script> summary",
            description: None,
            authors,
            organization: "The review team",
            date: Some("2026-11-25"),
            modified: Some("2026-11-28"),
            url: "https://example.org/".into(),
            doi: Some("10.5281/zenodo.1234567"),
            lang: "en",
        }
    }

    /// The metadata as it was made before: a `Value` tree, written.
    fn json_ld_as_a_tree(w: &Work, report: bool) -> String {
        use serde_json::json;
        let person = |p: &Shown| {
            let mut v = json!({"@type": "Person", "name": p.name});
            if let (Some(f), Some(g)) = (&p.family, &p.given) {
                v["familyName"] = json!(f);
                v["givenName"] = json!(g);
            }
            if let Some(o) = &p.orcid_url {
                v["identifier"] = json!(o);
            }
            if let Some(a) = &p.affiliation {
                v["affiliation"] = json!({"@type": "Organization", "name": a});
            }
            v
        };
        let organization = json!({"@type": "Organization", "name": w.organization});
        let mut v = json!({
            "@context": "https://schema.org",
            "@type": if report { "Report" } else { "ScholarlyArticle" },
            "headline": w.title, "name": w.title, "url": w.url, "inLanguage": w.lang,
            "publisher": organization,
            "author": if w.authors.is_empty() {
                json!([organization])
            } else {
                Value::Array(w.authors.iter().map(person).collect())
            },
        });
        for (key, value) in [("description", w.description), ("datePublished", w.date)] {
            if let Some(d) = value {
                v[key] = json!(d);
            }
        }
        if let Some(d) = w.modified {
            v["dateModified"] = json!(d);
        }
        if let Some(doi) = w.doi {
            v["identifier"] = json!(format!("https://doi.org/{doi}"));
        }
        v.to_string().replace('<', "\\u003c")
    }

    #[test]
    fn json_ld_is_written_as_the_value_tree_wrote_it() {
        let mut full = shown("Ginetta Salvalaggio", Some("Ginetta"), Some("Salvalaggio"));
        full.orcid_url = Some("https://orcid.org/0000-0002-1825-0097".into());
        full.affiliation = Some("A <b>\"quoted\"</b> place".into());
        let mut orcid = shown("Family only", None, Some("Chalifoux"));
        orcid.orcid_url = Some("https://orcid.org/0000-0001-5109-3700".into());
        let people = [
            vec![],
            vec![full, shown("NLC", None, None)],
            vec![orcid, shown("Given only", Some("Nathaniel"), None)],
        ];
        for (n, authors) in people.into_iter().enumerate() {
            for report in [false, true] {
                let mut w = work(authors.clone());
                w.title = "Pay </script> & \"roles\"\n";
                if n == 0 {
                    (w.date, w.modified, w.doi) = (None, None, None);
                } else {
                    w.description = Some("What we <i>found</i>.");
                }
                assert_eq!(json_ld(&w, report), json_ld_as_a_tree(&w, report));
            }
        }
    }

    #[test]
    fn json_ld_names_authors_as_chosen_and_cannot_end_its_script() {
        let w = work(vec![
            shown(
                "Nathaniel Le Chalifoux",
                Some("Nathaniel"),
                Some("Le Chalifoux"),
            ),
            shown("NLC", None, None),
        ]);
        let ld = PageCite::of(&w, false).json_ld;
        assert!(!ld.contains("</script>"), "{ld}");
        let v: Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(v["@type"], "ScholarlyArticle");
        assert_eq!(v["author"][0]["familyName"], "Le Chalifoux");
        assert_eq!(v["author"][1]["name"], "NLC");
        assert_eq!(v["dateModified"], "2026-11-28");
        assert_eq!(v["identifier"], "https://doi.org/10.5281/zenodo.1234567");
    }

    #[test]
    fn the_sites_doi_is_in_the_meta_tags_and_citation_cff() {
        let w = work(Vec::new());
        assert!(meta_tags(&w).contains(&("citation_doi", "10.5281/zenodo.1234567".into())));
        assert!(cff(&w).contains("doi: \"10.5281/zenodo.1234567\"\n"));
        let without = Work { doi: None, ..w };
        assert!(!meta_tags(&without)
            .iter()
            .any(|(k, _)| *k == "citation_doi"));
        assert!(!cff(&without).contains("doi:"));
    }

    #[test]
    fn cff_without_people_credits_the_organization() {
        let text = cff(&work(Vec::new()));
        assert!(
            text.contains("authors:\n  - name: \"The review team\"\n"),
            "{text}"
        );
        let text = cff(&work(vec![shown("Robin", None, None)]));
        assert!(text.contains("  - alias: \"Robin\"\n"), "{text}");
    }
}
