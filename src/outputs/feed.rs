//! An Atom feed of a news section, so people can follow updates in a feed reader.

use super::xml_escape;
use crate::load::config::SiteConfig;

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
