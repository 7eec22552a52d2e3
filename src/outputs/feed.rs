//! An Atom feed of a news section, so people can follow updates in a feed reader.

use super::{made, xml_escape, Built, Files, Output};
use crate::load::config::SiteConfig;
use crate::text::error::Result;

/// The news feed output, `news/atom.xml` (or the `feed_section`'s).
pub struct Feed;

impl Output for Feed {
    fn name(&self) -> &'static str {
        "the news feed"
    }

    fn make(&self, site: &Built, files: &mut Files) -> Result<()> {
        let Some((section, pages)) = site.feed else {
            return Ok(());
        };
        let title = site
            .models
            .first()
            .and_then(|m| m.page_at(section))
            .map(|p| p.meta.title.as_str())
            .unwrap_or("News");
        for (p, _) in pages.iter().filter(|(p, _)| p.meta.date.is_none()) {
            files.report(undated(&p.file, section));
        }
        let mut entries: Vec<FeedEntry> = pages
            .iter()
            .filter_map(|(p, html)| {
                Some(FeedEntry {
                    title: &p.meta.title,
                    url: &p.url,
                    date: p.meta.date.as_deref()?,
                    updated: p.meta.updated.as_deref(),
                    summary: p.meta.description.as_deref(),
                    content_html: html,
                })
            })
            .collect();
        let changes = change_entries(site);
        entries.extend(changes.iter().map(ChangeEntry::entry));
        entries.sort_by(|a, b| b.date.cmp(a.date).then_with(|| a.title.cmp(b.title)));
        let feed_url = format!("{section}atom.xml");
        let xml = atom(site.config, title, section, &feed_url, &entries);
        let rel = format!("{}atom.xml", section.trim_start_matches('/'));
        files.write(&rel, made(self.name()), xml.as_bytes())
    }
}

/// The warning for a news item without a date, which the feed of `section` leaves out.
fn undated(file: &str, section: &str) -> crate::text::diagnostics::Diagnostic {
    let feed = format!("{}atom.xml", section.trim_start_matches('/'));
    crate::text::diagnostics::Diagnostic::warning(format!(
        "this news item has no date, so the news feed ({feed}) leaves it out"
    ))
    .in_file(file.to_string())
    .help("add a line date: YYYY-MM-DD (the day it was published) to its front matter")
}

/// A change of the changelog, as the feed carries it: titled with the pages it touched,
/// linked to the change on the first one's "What changed".
struct ChangeEntry {
    title: String,
    url: String,
    date: String,
    summary: String,
    html: String,
}

impl ChangeEntry {
    fn entry(&self) -> FeedEntry<'_> {
        FeedEntry {
            title: &self.title,
            url: &self.url,
            date: &self.date,
            updated: None,
            summary: Some(&self.summary),
            content_html: &self.html,
        }
    }
}

/// The changelog's changes to pages of the default language, in the file's order.
fn change_entries(site: &Built) -> Vec<ChangeEntry> {
    let Some(model) = site.models.first() else {
        return Vec::new();
    };
    let safe = site.config.safe;
    site.changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let pages: Vec<&crate::model::Page> = c
                .pages
                .iter()
                .filter_map(|rel| model.by_rel.get(rel.as_str()))
                .filter_map(|&p| model.pages.get(p))
                .collect();
            let first = pages.first()?;
            let titles: Vec<&str> = pages.iter().map(|p| p.meta.title.as_str()).collect();
            Some(ChangeEntry {
                title: titles.join(", "),
                url: format!("{}#{}", first.url, crate::load::changes::anchor(i)),
                date: c.date.as_str().get(..10)?.to_string(),
                summary: c.text.to_string(),
                html: crate::markdown::render_plain(&c.text, safe),
            })
        })
        .collect()
}

/// One dated page of the news section.
pub struct FeedEntry<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    pub updated: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub content_html: &'a str,
}

/// The feed for the section at `section_url`; entries newest first. `updated` is the
/// newest entry's date, so the feed does not change unless the content does.
pub fn atom(
    config: &SiteConfig,
    title: &str,
    section_url: &str,
    feed_url: &str,
    entries: &[FeedEntry],
) -> String {
    let stamp = |d: &str| format!("{}T00:00:00Z", &d[..d.len().min(10)]);
    let newest = entries
        .iter()
        .map(|e| e.updated.unwrap_or(e.date))
        .max()
        .unwrap_or("1970-01-01");
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml_escape(&config.language)
    ));
    out.push_str(&format!(
        "  <title>{}</title>\n",
        xml_escape(&format!("{} – {title}", config.title))
    ));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_escape(&config.permalink(feed_url))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_escape(&config.permalink(section_url))
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n  <updated>{}</updated>\n",
        xml_escape(&config.permalink(section_url)),
        stamp(newest)
    ));
    if !config.organization.is_empty() {
        out.push_str(&format!(
            "  <author><name>{}</name></author>\n",
            xml_escape(&config.organization)
        ));
    }
    for e in entries {
        let link = config.permalink(e.url);
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml_escape(e.title)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_escape(&link)
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml_escape(&link)));
        out.push_str(&format!("    <published>{}</published>\n", stamp(e.date)));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            stamp(e.updated.unwrap_or(e.date))
        ));
        if let Some(s) = e.summary {
            out.push_str(&format!("    <summary>{}</summary>\n", xml_escape(s)));
        }
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml_escape(e.content_html)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
