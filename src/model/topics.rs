//! Topic pages: each id in a page's `tags` (front matter, or a finding's or
//! recommendation's entry) names a topic of `content/_data/topics.yaml`, whose name and
//! description are in the file's language. Each topic with pages gets a page at
//! `/topics/ID/` (under the language's prefix) listing them, and `/topics/` lists the
//! topics. A site without `topics.yaml` shows no topics, as before; with it, a tag it
//! does not name is an error at the tag. A topic's `aliases` (old ids, or old
//! addresses) become redirects to its page, in every language, like a page's.

use std::collections::HashMap;

use crate::load::data::{SiteData, Topic};
use crate::load::data_file::DataFile;
use crate::load::discover::SourceFile;
use crate::load::frontmatter::{FrontMatter, Placed};
use crate::model::{Page, PageKind, SiteModel};
use crate::text::diagnostics::{did_you_mean, Diagnostic};
use crate::text::slug::composed;

/// The data file that names the topics.
pub const TOPICS_FILE: &str = DataFile::Topics.rel();

/// Where the topics index sits in the menu: after the news (70), before the glossary (90).
const MENU_WEIGHT: i64 = 80;

/// The address of the topics index of a language.
pub fn index_url(model: &SiteModel) -> String {
    format!("{}topics/", model.home)
}

/// The address of a topic's page.
fn topic_url(model: &SiteModel, id: &str) -> String {
    format!("{}topics/{id}/", model.home)
}

/// The topic pages of a page's tags, in the order the tags are written.
pub fn pages_of<'m>(page: &Page, model: &'m SiteModel) -> Vec<&'m Page> {
    page.meta
        .tags
        .iter()
        .filter_map(|t| model.page_at(&topic_url(model, &t.value)))
        .filter(|p| matches!(p.kind, PageKind::Topic(_)))
        .collect()
}

/// The index page's words, in the language of the site.
pub struct IndexWords<'a> {
    pub title: &'a str,
    pub description: &'a str,
}

/// The default language's topics file and its topics, given to a language whose own
/// translation of the file may leave some out.
pub type Original<'a> = Option<(&'a SourceFile, &'a [Topic])>;

/// Checks every tag against `topics.yaml` and adds the topic pages and their index.
/// Does nothing when the language has no topics file. A topic that the language's own
/// file (`topics.fr.yaml`) leaves out, but `original` (the default language's) has,
/// stands in for its translation, as an untranslated page does: its page shows the
/// default language's name, and a warning at the language's file says what to add.
/// The index is in the language's words (`words`): it never stands in for anything.
pub fn add_topic_pages(
    model: &mut SiteModel,
    data: &SiteData,
    sources: &[SourceFile],
    words: &IndexWords,
    original: Original,
) -> Vec<Diagnostic> {
    let mut problems = repeated_tags(model, sources);
    // Without topics.yaml no tag makes a page: each one is named.
    let Some(topics) = &data.topics else {
        problems.extend(unknown_tags(model, data, sources, (&[], &[])));
        return problems;
    };
    let Some(file) = sources.iter().find(|s| s.rel == TOPICS_FILE) else {
        return problems;
    };
    let original = original.filter(|_| !file.fallback);
    // A topic of the translation that the original lacks is none of the site's.
    let stray = stray_ids(topics, original);
    if !data.unread(crate::load::data_file::DataFile::Topics) {
        problems.extend(not_in_original(topics, file, original));
    }
    let missing = left_out(topics, original);
    let missing_ids: Vec<&str> = missing.iter().map(|(_, _, t)| t.id.as_str()).collect();
    problems.extend(unknown_tags(model, data, sources, (&missing_ids, &stray)));
    let mut topic_pages = Vec::new();
    let own = (topics.iter().enumerate())
        .filter(|(_, topic)| !stray.contains(&composed(&topic.id).into_owned()))
        .map(|(t, topic)| (t, file, topic, false));
    let standing = missing
        .iter()
        .map(|&(t, from, topic)| (t, from, topic, true));
    for (t, from, topic, stands_in) in own.chain(standing) {
        let id = composed(&topic.id);
        let mut tagged: Vec<usize> = (0..model.pages.len())
            .filter(|&i| model.pages[i].meta.tags.iter().any(|g| g.value == *id))
            .collect();
        // A topic without a name was reported at it: a page without a title is no page.
        if tagged.is_empty() || topic.name.trim().is_empty() {
            continue;
        }
        if stands_in && !data.unread(crate::load::data_file::DataFile::Topics) {
            problems.push(not_translated(&id, file, topics, from));
        }
        tagged.sort_by(|&a, &b| model.pages[a].meta.title.cmp(&model.pages[b].meta.title));
        let mut page = generated(
            PageKind::Topic(t),
            from,
            format!("topics/{id}.md"),
            topic_url(model, &id),
            &topic.name,
        );
        // Its name and description are the default language's when its file stands in.
        page.fallback = from.fallback || stands_in;
        page.meta.description = topic.description.as_ref().map(|d| d.to_string());
        page.meta.aliases = topic.aliases.iter().map(alias_address).collect();
        page.parent = Some(index_url(model));
        page.children = tagged;
        let what = format!("the page of the topic \"{id}\"");
        match place(model, page, &what) {
            Ok(i) => topic_pages.push(i),
            Err(taken) => problems.extend(taken),
        }
    }
    if !topic_pages.is_empty() {
        problems.extend(add_index(model, file, words, topic_pages));
    }
    problems
}

/// Adds the topics index, listing `topic_pages` by name, to the model and its menu.
fn add_index(
    model: &mut SiteModel,
    file: &SourceFile,
    words: &IndexWords,
    mut topic_pages: Vec<usize>,
) -> Vec<Diagnostic> {
    topic_pages.sort_by_key(|&i| model.pages[i].meta.title.to_lowercase());
    let mut index = generated(
        PageKind::Topics,
        file,
        "topics/_index.md".into(),
        index_url(model),
        words.title,
    );
    index.meta.description = Some(words.description.to_string());
    index.parent = Some(model.home.clone());
    index.children = topic_pages;
    index.meta.weight = MENU_WEIGHT;
    match place(model, index, "the topics index") {
        Ok(i) => {
            model.add_to_menu(i);
            Vec::new()
        }
        Err(taken) => taken.into_iter().collect(),
    }
}

/// The topics of `original` (the default language's file) that `topics` (a
/// translation) leaves out, each with its place in that file and the file.
fn left_out<'a>(
    topics: &[Topic],
    original: Original<'a>,
) -> Vec<(usize, &'a SourceFile, &'a Topic)> {
    let Some((from, all)) = original else {
        return Vec::new();
    };
    let ids: Vec<std::borrow::Cow<str>> = topics.iter().map(|t| composed(&t.id)).collect();
    (all.iter().enumerate())
        .filter(|(_, t)| !ids.contains(&composed(&t.id)))
        .map(|(i, t)| (i, from, t))
        .collect()
}

/// The ids of a translation's topics that the default language's topics (`original`)
/// do not have.
fn stray_ids(topics: &[Topic], original: Original) -> Vec<String> {
    let Some((_, all)) = original else {
        return Vec::new();
    };
    let ids: Vec<std::borrow::Cow<str>> = all.iter().map(|t| composed(&t.id)).collect();
    (topics.iter())
        .map(|t| composed(&t.id))
        .filter(|id| !ids.contains(id))
        .map(|id| id.into_owned())
        .collect()
}

/// Each topic of a translated topics `file` whose id the default language's file does
/// not have, as a warning at its id: tags are the same ids in every language, so a
/// translated (or misspelt) id names no topic of the site's pages.
fn not_in_original(topics: &[Topic], file: &SourceFile, original: Original) -> Vec<Diagnostic> {
    let Some((from, all)) = original else {
        return Vec::new();
    };
    let ids: Vec<std::borrow::Cow<str>> = all.iter().map(|t| composed(&t.id)).collect();
    let names: Vec<&str> = ids.iter().map(|id| &**id).collect();
    (topics.iter())
        .filter(|t| !ids.contains(&composed(&t.id)))
        .map(|t| {
            let id = composed(&t.id);
            let d = Diagnostic::warning(format!(
                "the topic \"{id}\" is not in {}: no page of the site can have it",
                from.display()
            ));
            let (line, column) = t.id.line_column();
            let d = d.at(&file.display(), &file.text, line.max(1), column.max(1));
            match did_you_mean(&id, names.iter().copied()) {
                Some(s) => d.help(format!(
                    "a topic's id stays as in {} in every language: did you mean {s}?",
                    from.display()
                )),
                None => d.help(format!(
                    "a topic's id stays as in {} in every language ({}); only its name and description are translated",
                    from.display(),
                    names.join(", ")
                )),
            }
        })
        .collect()
}

/// The warning for a topic that pages of a language have, which the language's
/// topics `file` leaves out: at the file's last entry (where the topic would be
/// added), or its first line when it has none.
fn not_translated(id: &str, file: &SourceFile, topics: &[Topic], from: &SourceFile) -> Diagnostic {
    let (line, column) = topics.last().map_or((1, 1), |t| t.id.line_column());
    Diagnostic::warning(format!(
        "the topic \"{id}\" is not in {}: its page shows the name from {}",
        file.display(),
        from.display()
    ))
    .at(&file.display(), &file.text, line.max(1), column.max(1))
    .help(format!(
        "add the topic to {} with its name in this language, e.g.\n    - id: {id}\n      name: Its name in this language",
        file.display()
    ))
}

/// A topic's alias as an old address: an old id (`pay`) is the address its page had,
/// `/topics/pay/`; an address is kept as it is (checked with every other alias).
fn alias_address(alias: &crate::text::diagnostics::Src<String>) -> Placed {
    let mut placed = crate::model::placed(alias);
    let id = placed.value.trim();
    if !id.starts_with('/') && !id.is_empty() {
        placed.value = format!("/topics/{}/", composed(id));
    }
    placed
}

/// Adds a generated page (`what`, in words) to the model; when a page of the author's
/// has its address or its path under `content/` already, the error at that page
/// (none when that page stands in for a translation: it was reported in its own
/// language). Without the error the topic page would silently be lost.
fn place(model: &mut SiteModel, page: Page, what: &str) -> Result<usize, Option<Diagnostic>> {
    let (url, rel, file) = (page.url.clone(), page.rel.clone(), page.file.clone());
    if let Some(i) = model.push(page) {
        return Ok(i);
    }
    let holder = model
        .page_at(&url)
        .or_else(|| model.by_rel.get(&rel).map(|&i| &model.pages[i]));
    let Some(holder) = holder.filter(|h| !h.fallback) else {
        return Err(None);
    };
    let taken = if holder.url == url {
        format!("the address {url}")
    } else {
        format!("the path {rel} that links to {url} use")
    };
    Err(Some(
        Diagnostic::error(format!(
            "{} takes {taken}, where {what} goes: that page would be lost",
            holder.file
        ))
        .in_file(holder.file.clone())
        .help(format!(
            "give this page another address: rename its file or folder (a page may also set slug: in its front matter); {what} is made from {file}, where its name and description are written"
        )),
    ))
}

/// A page made from `topics.yaml`.
fn generated(kind: PageKind, file: &SourceFile, rel: String, url: String, title: &str) -> Page {
    Page {
        kind,
        file: file.display(),
        rel,
        source: None,
        body_offset: 0,
        meta: FrontMatter {
            title: title.to_string(),
            extra: serde_json::json!({}),
            ..Default::default()
        },
        url,
        parent: None,
        template: "section.html".into(),
        children: Vec::new(),
        // Made in the language's words (the index) or set by the caller (a topic page).
        fallback: false,
    }
}

/// Each tag that names no topic, as an error at the tag; when the site has no
/// topics.yaml, each tag once, as a warning at its first place with the number of
/// pages it is on (a site may keep tags for later, but not unseen, and a site of a
/// thousand tagged pages needs one line a tag, not a thousand). Pages standing in for a
/// missing translation were checked in their own language. `standing_in` are the ids
/// of the default language's topics that stand in for the language's own; `stray`, the
/// ids of the language's that the default language's topics lack (no topic's).
fn unknown_tags(
    model: &SiteModel,
    data: &SiteData,
    sources: &[SourceFile],
    (standing_in, stray): (&[&str], &[String]),
) -> Vec<Diagnostic> {
    if data.unread(crate::load::data_file::DataFile::Topics) {
        return Vec::new();
    }
    let ids: Vec<std::borrow::Cow<str>> = (data.topics.iter().flatten())
        .map(|t| composed(&t.id))
        .filter(|id| !stray.iter().any(|s| s == id))
        .chain(standing_in.iter().map(|&id| composed(id)))
        .collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    let own = || model.pages.iter().filter(|p| !p.fallback);
    for tags in own().map(|p| &p.meta.tags) {
        // Pages, not uses: a tag written twice on a page is on one page.
        for (i, tag) in tags.iter().enumerate() {
            if !tags[..i].iter().any(|t| t.value == tag.value) {
                *uses.entry(tag.value.as_str()).or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for page in own() {
        for tag in page
            .meta
            .tags
            .iter()
            .filter(|t| !ids.iter().any(|id| *id == t.value))
        {
            let Some(source) = source_of(page, sources) else {
                continue;
            };
            if !ids.is_empty() {
                let ids: Vec<&str> = ids.iter().map(|id| &**id).collect();
                out.push(unknown_tag(tag, source, &ids));
            } else if let Some(n) = uses.remove(tag.value.as_str()) {
                out.push(tag_without_topics(tag, source, n, data.topics.is_some()));
            }
        }
    }
    out
}

/// A tag written twice on one page (or data entry), as a warning at the second; the
/// page keeps each tag once, so it is listed under each topic once and shows it once.
/// Pages standing in for a missing translation were checked in their own language.
fn repeated_tags(model: &mut SiteModel, sources: &[SourceFile]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in model.pages.iter_mut().filter(|p| !p.fallback) {
        let source = source_of(page, sources);
        let tags = &mut page.meta.tags;
        let mut i = 0;
        while i < tags.len() {
            if !tags[..i].iter().any(|t| t.value == tags[i].value) {
                i += 1;
                continue;
            }
            let tag = tags.remove(i);
            let Some(source) = source else {
                continue;
            };
            out.push(
                Diagnostic::warning(format!("tag \"{}\" is given twice", tag.value))
                    .at(&source.display(), &source.text, tag.line, tag.column)
                    .help("remove this one: the page is listed under each topic once"),
            );
        }
    }
    out
}

/// A tag on a site with no topics (no topics.yaml, or an empty one), at its first
/// place, found on `pages` pages.
/// `has_file`: the site has the file, with no topics in it.
fn tag_without_topics(
    tag: &Placed,
    source: &SourceFile,
    pages: usize,
    has_file: bool,
) -> Diagnostic {
    let on = match pages {
        1 => String::new(),
        n => format!(" (it is on {n} pages)"),
    };
    let why = match has_file {
        true => "content/_data/topics.yaml lists no topics",
        false => "the site has no content/_data/topics.yaml",
    };
    Diagnostic::warning(format!("tag \"{}\" makes no topic page{on}: {why}", tag.value))
    .at(&source.display(), &source.text, tag.line, tag.column)
    .help(format!(
        "make content/_data/topics.yaml with each topic's id and name, e.g.\n    - id: {}\n      name: Its name in plain words",
        tag.value
    ))
}

fn unknown_tag(tag: &Placed, source: &SourceFile, ids: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(format!(
        "tag \"{}\" is not a topic of content/_data/topics.yaml",
        tag.value
    ))
    .at(&source.display(), &source.text, tag.line, tag.column);
    match did_you_mean(&tag.value, ids.iter().copied()) {
        Some(s) => d.help(format!("did you mean {s}?")),
        None => d.help(format!(
            "use one of the topic ids ({}), or add the topic to content/_data/topics.yaml with an id and a name",
            ids.join(", ")
        )),
    }
}

/// The file a page's front matter or data entry is written in.
pub fn source_of<'s>(page: &Page, sources: &'s [SourceFile]) -> Option<&'s SourceFile> {
    if let Some(i) = page.source {
        return sources.get(i);
    }
    let rel = match page.kind {
        PageKind::Finding(_) => DataFile::Findings.rel(),
        PageKind::Recommendation(_) => DataFile::Recommendations.rel(),
        PageKind::Topic(_) | PageKind::Topics => TOPICS_FILE,
        _ => return None,
    };
    sources.iter().find(|s| s.rel == rel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::discover::SourceKind;

    fn site(topics: &str, page: &str) -> (SiteModel, Vec<Diagnostic>) {
        site_of(Some(topics), page)
    }

    /// A home page, the page `a.md`, and `topics.yaml` when given.
    fn site_of(topics: Option<&str>, page: &str) -> (SiteModel, Vec<Diagnostic>) {
        let mut sources = vec![
            SourceFile::new(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            SourceFile::new("a.md", SourceKind::Page, page),
        ];
        if let Some(topics) = topics {
            sources.push(SourceFile::new(TOPICS_FILE, SourceKind::Data, topics));
        }
        let data_files: Vec<&SourceFile> = sources[2..].iter().collect();
        let (data, problems) = crate::load::data::load(&data_files);
        assert!(problems.is_empty(), "{problems:?}");
        let (mut model, problems) =
            crate::model::build(&sources, &data, false, "", &Default::default());
        assert!(problems.is_empty(), "{problems:?}");
        let words = IndexWords {
            title: "Topics",
            description: "d",
        };
        let problems = add_topic_pages(&mut model, &data, &sources, &words, None);
        (model, problems)
    }

    /// A French site: a French page and an English page standing in for its
    /// translation, both tagged, with `topics.fr.yaml` (`fr_topics`) beside the
    /// default language's `topics.yaml` (`topics`), when given.
    fn french_site(fr_topics: Option<&str>, topics: &str) -> (SiteModel, Vec<Diagnostic>) {
        let french = |rel: &str, kind, text: &str| SourceFile {
            file: rel.replace(".", ".fr."),
            lang: Some("fr".into()),
            ..SourceFile::new(rel, kind, text)
        };
        let mut sources = vec![
            french(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Accueil\n---\n",
            ),
            french(
                "a.md",
                SourceKind::Page,
                "---\ntitle: A\ntags: [pay]\n---\n",
            ),
            SourceFile {
                fallback: true,
                ..SourceFile::new(
                    "b.md",
                    SourceKind::Page,
                    "---\ntitle: B\ntags: [care]\n---\n",
                )
            },
        ];
        let original = SourceFile::new(TOPICS_FILE, SourceKind::Data, topics);
        sources.push(match fr_topics {
            Some(text) => french(TOPICS_FILE, SourceKind::Data, text),
            None => SourceFile {
                fallback: true,
                ..original.clone()
            },
        });
        let (data, problems) = crate::load::data::load(&[&sources[3]]);
        assert!(problems.is_empty(), "{problems:?}");
        let (original_data, _) = crate::load::data::load(&[&original]);
        let original_topics = original_data.topics.unwrap();
        let (mut model, problems) =
            crate::model::build(&sources, &data, false, "/fr", &Default::default());
        assert!(problems.is_empty(), "{problems:?}");
        let words = IndexWords {
            title: "Sujets",
            description: "d",
        };
        let original =
            Some((&original, original_topics.as_slice())).filter(|_| fr_topics.is_some());
        let problems = add_topic_pages(&mut model, &data, &sources, &words, original);
        (model, problems)
    }

    #[test]
    fn a_topic_the_translation_leaves_out_stands_in_with_a_warning_at_its_last_entry() {
        let topics = "- id: pay\n  name: Pay\n- id: care\n  name: Care\n";
        let (model, problems) = french_site(Some("- id: pay\n  name: Paie\n"), topics);
        let care = model
            .page_at("/fr/topics/care/")
            .expect("the English topic stands in");
        assert_eq!(care.meta.title, "Care");
        assert!(care.fallback, "its name is the default language's");
        assert_eq!(care.file, "content/_data/topics.yaml");
        assert!(!model.page_at("/fr/topics/pay/").unwrap().fallback);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "the topic \"care\" is not in content/_data/topics.fr.yaml: its page shows the name from content/_data/topics.yaml"
        );
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("content/_data/topics.fr.yaml", 1, 7)
        );
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("- id: care\n"));
        // A file with no entries: the warning is at its first line.
        let (_, problems) = french_site(Some("[]\n"), topics);
        let lines: Vec<usize> = problems
            .iter()
            .map(|d| d.location.as_ref().unwrap().line)
            .collect();
        assert_eq!(lines, [1, 1], "{problems:?}");
    }

    #[test]
    fn a_tag_naming_a_topic_only_the_translation_has_is_an_error_and_makes_no_page() {
        let topics = "- id: paie\n  name: Pay\n- id: care\n  name: Care\n";
        let fr = "- id: pay\n  name: Paie\n- id: care\n  name: Soins\n";
        let (model, problems) = french_site(Some(fr), topics);
        let errors: Vec<(&str, Option<&str>)> = (problems.iter())
            .filter(|d| d.severity == crate::text::diagnostics::Severity::Error)
            .map(|d| (d.message.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            errors,
            [(
                "tag \"pay\" is not a topic of content/_data/topics.yaml",
                Some("did you mean paie?")
            )]
        );
        assert!(model.page_at("/fr/topics/pay/").is_none());
        assert!(model.page_at("/fr/topics/care/").is_some());
    }

    #[test]
    fn a_translated_topic_id_the_original_lacks_is_a_warning_at_that_id() {
        let topics = "- id: pay\n  name: Pay\n- id: care\n  name: Care\n";
        let fr =
            "- id: pay\n  name: Paie\n- id: cares\n  name: Soins\n- id: soins\n  name: Soins\n";
        let (_, problems) = french_site(Some(fr), topics);
        let found: Vec<(&str, usize, usize, &str)> = problems
            .iter()
            .filter(|d| d.message.contains("no page of the site"))
            .map(|d| {
                let loc = d.location.as_ref().unwrap();
                (
                    d.message.as_str(),
                    loc.line,
                    loc.column,
                    d.help.as_deref().unwrap(),
                )
            })
            .collect();
        let file = "content/_data/topics.yaml";
        assert_eq!(
            found,
            [
                (
                    "the topic \"cares\" is not in content/_data/topics.yaml: no page of the site can have it",
                    3,
                    7,
                    "a topic's id stays as in content/_data/topics.yaml in every language: did you mean care?"
                ),
                (
                    "the topic \"soins\" is not in content/_data/topics.yaml: no page of the site can have it",
                    5,
                    7,
                    "a topic's id stays as in content/_data/topics.yaml in every language (pay, care); only its name and description are translated"
                ),
            ],
            "{file}"
        );
    }

    #[test]
    fn the_topics_index_is_in_the_languages_words_even_when_its_topics_stand_in() {
        let topics = "- id: pay\n  name: Pay\n- id: care\n  name: Care\n";
        let (model, problems) = french_site(None, topics);
        assert!(problems.is_empty(), "{problems:?}");
        let index = model.page_at("/fr/topics/").unwrap();
        assert_eq!(index.meta.title, "Sujets");
        assert!(!index.fallback, "the index is in French");
        assert!(model.page_at("/fr/topics/pay/").unwrap().fallback);
    }

    #[test]
    fn a_tag_makes_a_topic_page_named_from_the_data_file() {
        let (model, problems) = site(
            "- id: pay\n  name: Pay and money\n",
            "---\ntitle: A\ntags: [pay]\n---\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let topic = model.page_at("/topics/pay/").unwrap();
        assert_eq!(topic.meta.title, "Pay and money");
        assert_eq!(model.pages[topic.children[0]].url, "/a/");
        let index = model.page_at("/topics/").unwrap();
        assert_eq!(index.kind, PageKind::Topics);
        assert_eq!(
            pages_of(model.page_at("/a/").unwrap(), &model)[0].url,
            "/topics/pay/"
        );
    }

    /// The topics of `site_of` with more pages of the author's, by path and text.
    fn site_with(more: &[(&str, &str)]) -> (SiteModel, Vec<Diagnostic>) {
        let mut sources = vec![
            SourceFile::new(
                "_index.md",
                SourceKind::SectionIndex,
                "---\ntitle: Home\n---\n",
            ),
            SourceFile::new(
                "a.md",
                SourceKind::Page,
                "---\ntitle: A\ntags: [pay]\n---\n",
            ),
        ];
        for (rel, text) in more {
            let kind = match rel.ends_with("_index.md") {
                true => SourceKind::SectionIndex,
                false => SourceKind::Page,
            };
            sources.push(SourceFile::new(*rel, kind, *text));
        }
        let topics = "- id: pay\n  name: Pay\n";
        sources.push(SourceFile::new(TOPICS_FILE, SourceKind::Data, topics));
        let data_files: Vec<&SourceFile> = sources.last().into_iter().collect();
        let (data, _) = crate::load::data::load(&data_files);
        let (mut model, problems) =
            crate::model::build(&sources, &data, false, "", &Default::default());
        assert!(problems.is_empty(), "{problems:?}");
        let words = IndexWords {
            title: "Topics",
            description: "d",
        };
        let problems = add_topic_pages(&mut model, &data, &sources, &words, None);
        (model, problems)
    }

    #[test]
    fn a_page_of_the_authors_at_a_topic_page_or_the_topics_index_is_an_error_at_it() {
        let file_of = |d: &Diagnostic| d.file_only.as_deref().unwrap_or_default().to_string();
        let (_, problems) = site_with(&[("topics/pay.md", "---\ntitle: Mine\n---\n")]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "content/topics/pay.md takes the address /topics/pay/, where the page of the topic \"pay\" goes: that page would be lost"
        );
        assert_eq!(file_of(&problems[0]), "content/topics/pay.md");
        let (_, index) = site_with(&[("topics/_index.md", "---\ntitle: All\n---\n")]);
        assert_eq!(index.len(), 1, "{index:?}");
        assert_eq!(
            index[0].message,
            "content/topics/_index.md takes the address /topics/, where the topics index goes: that page would be lost"
        );
        assert_eq!(file_of(&index[0]), "content/topics/_index.md");
        assert!(problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("content/_data/topics.yaml"));
        // A slug moves the page away, but links to topics/pay.md would still reach it.
        let (_, problems) = site_with(&[("topics/pay.md", "---\ntitle: Mine\nslug: mine\n---\n")]);
        assert_eq!(
            problems[0].message,
            "content/topics/pay.md takes the path topics/pay.md that links to /topics/pay/ use, where the page of the topic \"pay\" goes: that page would be lost"
        );
        let (model, problems) = site_with(&[("topics/other.md", "---\ntitle: Other\n---\n")]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(model.page_at("/topics/pay/").is_some());
    }

    #[test]
    fn a_topics_old_ids_and_addresses_become_its_pages_aliases() {
        let (model, problems) = site(
            "- id: payment\n  name: Pay\n  aliases: [pay, /money/]\n",
            "---\ntitle: A\ntags: [payment]\n---\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let topic = model.page_at("/topics/payment/").unwrap();
        let aliases: Vec<(&str, usize, usize)> = topic
            .meta
            .aliases
            .iter()
            .map(|a| (a.value.as_str(), a.line, a.column))
            .collect();
        assert_eq!(aliases, [("/topics/pay/", 3, 13), ("/money/", 3, 18)]);
    }

    #[test]
    fn a_tag_with_a_decomposed_accent_names_its_topic() {
        let (model, problems) = site(
            "- id: sant\u{e9}\n  name: Health\n",
            "---\ntitle: A\ntags: [sante\u{301}]\n---\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(model.page_at("/topics/sant\u{e9}/").is_some());
        let (model, problems) = site(
            "- id: sante\u{301}\n  name: Health\n",
            "---\ntitle: A\ntags: [sant\u{e9}]\n---\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(model.page_at("/topics/sant\u{e9}/").is_some());
    }

    #[test]
    fn the_topics_index_is_in_the_menu_by_its_weight() {
        let (model, _) = site(
            "- id: pay\n  name: Pay\n",
            "---\ntitle: A\ntags: [pay]\nmenu: true\nweight: 90\n---\n",
        );
        let menu: Vec<&str> = model.menu.iter().map(|m| m.url.as_str()).collect();
        assert_eq!(menu, ["/topics/", "/a/"]);
        assert_eq!(model.menu[0].title, "Topics");
    }

    #[test]
    fn unknown_tag_is_an_error_at_the_tag() {
        let (_, problems) = site(
            "- id: pay\n  name: Pay\n",
            "---\ntitle: A\ntags:\n  - pya\n---\n",
        );
        assert_eq!(problems.len(), 1);
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!(
            (loc.file.as_str(), loc.line, loc.column),
            ("content/a.md", 4, 5)
        );
        assert_eq!(problems[0].help.as_deref(), Some("did you mean pay?"));
    }

    #[test]
    fn a_tag_without_topics_yaml_is_one_warning_at_its_first_place_with_its_pages() {
        let (_, problems) = site_of(None, "---\ntitle: A\ntags: [pay, pay, care]\n---\n");
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "tag \"pay\" is given twice",
                "tag \"pay\" makes no topic page: the site has no content/_data/topics.yaml",
                "tag \"care\" makes no topic page: the site has no content/_data/topics.yaml"
            ]
        );
        let sources: Vec<SourceFile> = ["_index.md", "a.md", "b.md"]
            .iter()
            .map(|f| {
                let kind = match *f {
                    "_index.md" => SourceKind::SectionIndex,
                    _ => SourceKind::Page,
                };
                SourceFile::new(*f, kind, "---\ntitle: T\ntags: [pay]\n---\n")
            })
            .collect();
        let (model, _) = crate::model::build(
            &sources,
            &SiteData::default(),
            false,
            "",
            &Default::default(),
        );
        let problems = unknown_tags(&model, &SiteData::default(), &sources, (&[], &[]));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("(it is on 3 pages)"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_tag_without_topics_yaml_is_a_warning_at_the_tag() {
        let (_, problems) = site_of(None, "---\ntitle: A\ntags: [pay]\n---\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].message,
            "tag \"pay\" makes no topic page: the site has no content/_data/topics.yaml"
        );
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (3, 8));
    }
}
