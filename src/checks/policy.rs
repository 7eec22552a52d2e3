//! The page's own Content-Security-Policy, read from the rendered page, and what it
//! stops of an author's raw HTML: inline scripts, event handlers (`onclick`),
//! `javascript:` addresses, `style` attributes and `<style>` blocks (rule
//! `security-policy`), and files from other websites (told by `external-resource`). A
//! browser does nothing with what the policy stops and says so only in its console; a
//! site whose theme loosens its policy is told nothing about what it allows.

use super::{CheckConfig, PageReport};
use crate::markdown::places::RawTag;
use crate::text::diagnostics::{Diagnostic, LineIndex};
use crate::text::html_scan::is_remote;
use crate::text::rule::Rule;

/// Every policy a page sets; a browser applies each of them, so a thing is allowed
/// only when all of them allow it.
#[derive(Debug, Default)]
pub struct Policies {
    each: Vec<Vec<(String, Vec<String>)>>,
    /// The site's own origin (`https://example.org`), which `'self'` allows.
    origin: String,
}

/// What a directive governs, with the directives a browser falls back on in order.
const FALLBACKS: &[(&str, &[&str])] = &[
    ("script-src-elem", &["script-src", "default-src"]),
    ("script-src-attr", &["script-src", "default-src"]),
    ("style-src-elem", &["style-src", "default-src"]),
    ("style-src-attr", &["style-src", "default-src"]),
    ("frame-src", &["child-src", "default-src"]),
    ("img-src", &["default-src"]),
    ("media-src", &["default-src"]),
    ("object-src", &["default-src"]),
    ("font-src", &["default-src"]),
    // form-action has no fallback.
];

impl Policies {
    /// Reads the policies a page sets (each `<meta http-equiv="Content-Security-Policy">`).
    pub fn read(policies: &[String]) -> Policies {
        let each = policies
            .iter()
            .map(|p| {
                let mut directives: Vec<(String, Vec<String>)> = Vec::new();
                for d in p.split(';') {
                    let mut words = d.split_ascii_whitespace();
                    let Some(name) = words.next() else { continue };
                    let name = name.to_ascii_lowercase();
                    // The first of two directives of one name is the one that counts.
                    if directives.iter().all(|(n, _)| *n != name) {
                        directives.push((name, words.map(str::to_string).collect()));
                    }
                }
                directives
            })
            .collect();
        Policies {
            each,
            origin: String::new(),
        }
    }

    /// The policies of a page of the site at `base_url`: `'self'` allows its addresses.
    pub fn on_site(mut self, base_url: &str) -> Policies {
        self.origin = origin(base_url);
        self
    }

    /// Whether every policy allows what `directive` governs, tested on its sources.
    fn allows(&self, directive: &str, test: impl Fn(&[String]) -> bool) -> bool {
        let fallbacks = FALLBACKS
            .iter()
            .find(|(d, _)| *d == directive)
            .map_or(&[][..], |(_, f)| *f);
        self.each.iter().all(|policy| {
            let sources = std::iter::once(directive)
                .chain(fallbacks.iter().copied())
                .find_map(|d| policy.iter().find(|(n, _)| n == d));
            sources.is_none_or(|(_, s)| test(s))
        })
    }

    /// Whether inline code that `directive` governs runs: `'unsafe-inline'`, which a
    /// nonce or a hash beside it turns off, and for scripts `'strict-dynamic'` too.
    pub fn allows_inline(&self, directive: &str) -> bool {
        let script = directive.starts_with("script-src");
        self.allows(directive, |sources| {
            let has = |w: &str| sources.iter().any(|s| s.eq_ignore_ascii_case(w));
            let keyed = sources.iter().any(|s| {
                let s = s.to_ascii_lowercase();
                s.starts_with("'nonce-")
                    || s.starts_with("'sha")
                    || (script && s == "'strict-dynamic'")
            });
            has("'unsafe-inline'") && !keyed
        })
    }

    /// Whether a file of the site's own may load as `directive` says (`'self'`, `*`).
    pub fn allows_own(&self, directive: &str) -> bool {
        self.allows(directive, |sources| {
            sources
                .iter()
                .any(|s| s.eq_ignore_ascii_case("'self'") || s == "*")
        })
    }

    /// Whether a file at `url` on another website may load as `directive` says.
    pub fn allows_url(&self, directive: &str, url: &str) -> bool {
        let own = !self.origin.is_empty() && origin(url) == self.origin;
        self.allows(directive, |sources| {
            sources
                .iter()
                .any(|s| (own && s.eq_ignore_ascii_case("'self'")) || source_matches(s, url))
        })
    }
}

/// The origin of an absolute address (`https://example.org:8080`), in lower case;
/// empty for any other.
fn origin(url: &str) -> String {
    let url = url.to_ascii_lowercase();
    match url.split_once("://") {
        Some((scheme, rest)) if !scheme.is_empty() => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            format!("{scheme}://{host}")
        }
        _ => String::new(),
    }
}

/// Whether the source expression `source` (`*`, `https:`, `*.example.com`,
/// `https://cdn.example.com/lib/`) lets `url`, an address on another website, load.
fn source_matches(source: &str, url: &str) -> bool {
    let source = source.to_ascii_lowercase();
    let url = url.to_ascii_lowercase();
    let (scheme, rest) = match url.split_once("//") {
        Some(("", r)) => ("https", r),
        Some((s, r)) => (s.trim_end_matches(':'), r),
        None => ("https", url.as_str()),
    };
    if source == "*" {
        return matches!(scheme, "http" | "https");
    }
    if source.starts_with('\'') {
        return false;
    }
    if let Some(s) = source.strip_suffix(':') {
        return s == scheme || (s == "http" && scheme == "https");
    }
    let (want_scheme, host_path) = match source.split_once("://") {
        Some((s, r)) => (Some(s), r),
        None => (None, source.as_str()),
    };
    if want_scheme.is_some_and(|s| s != scheme && !(s == "http" && scheme == "https")) {
        return false;
    }
    let split = |t: &str| -> (String, String) {
        let end = t.find('/').unwrap_or(t.len());
        let host = t[..end].split(':').next().unwrap_or_default().to_string();
        (host, t[end..].to_string())
    };
    let (want_host, want_path) = split(host_path);
    // A source's path is matched against the address's path alone, not its query or
    // fragment.
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (host, path) = split(rest);
    let host_ok = match want_host.strip_prefix("*.") {
        Some(parent) => host.ends_with(&format!(".{parent}")),
        None => host == want_host,
    };
    let path_ok = want_path.is_empty()
        || if want_path.ends_with('/') {
            path.starts_with(&want_path)
        } else {
            path == want_path
        };
    host_ok && path_ok
}

/// The directive that governs a file a `tag` loads from another website.
pub fn directive_for(tag: &str) -> &'static str {
    match tag {
        "script" => "script-src-elem",
        "link" | "style" => "style-src-elem",
        "iframe" | "frame" => "frame-src",
        "audio" | "video" | "source" | "track" => "media-src",
        "object" | "embed" => "object-src",
        "form" | "form button" => "form-action",
        _ => "img-src",
    }
}

/// The attributes whose value is an address a browser follows or loads: only there does
/// `javascript:` run code (in an `alt` or a `title` it is words).
const ADDRESS_ATTRS: &[&str] = &["href", "src", "action", "formaction", "xlink:href"];

/// Whether a `<script>` runs: a data block (`type="application/ld+json"`, a template)
/// is never run, so no policy stops it.
fn runs(tag: &RawTag) -> bool {
    let kind = tag
        .attr("type")
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let essence = kind.split(';').next().unwrap_or_default().trim();
    essence.is_empty()
        || matches!(essence, "module" | "importmap" | "speculationrules")
        || essence.ends_with("javascript")
        || essence.ends_with("ecmascript")
        || essence.ends_with("jscript")
        || essence.ends_with("livescript")
}

/// Whether an attribute is an event handler (`onclick`, `onload`): `on` and letters.
/// (`onboarding-step` is a name of the author's own, not an event.)
fn is_handler(name: &str) -> bool {
    name.strip_prefix("on")
        .is_some_and(|event| !event.is_empty() && event.bytes().all(|c| c.is_ascii_alphabetic()))
}

/// What the page's policy stops of one raw HTML tag: (what, what to do instead). Its
/// `style` attributes are counted apart ([`styles`]).
fn stopped(tag: &RawTag, policies: &Policies) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let scripts = policies.allows_inline("script-src-attr");
    if tag.name == "script"
        && tag.attr("src").is_none()
        && runs(tag)
        && !policies.allows_inline("script-src-elem")
    {
        out.push(("this <script> written in the page".to_string(), "put the script in a .js file in the theme's static/ folder and load it with <script src>"));
    }
    if tag.name == "style" && !policies.allows_inline("style-src-elem") {
        out.push(("this <style> block".to_string(), "put the styles in a .css file in the theme's static/ folder, or in the theme's own stylesheet"));
    }
    // `object-src 'none'` stops every object and embed, the site's own files too (a file
    // from another website is told by `external-resource`).
    let loads = match tag.name {
        "object" => tag.attr("data"),
        "embed" => tag.attr("src"),
        _ => None,
    };
    if loads.is_some_and(|url| !is_remote(url.trim_start())) && !policies.allows_own("object-src") {
        out.push((
            format!("this <{}>", tag.name),
            "link to the file instead, as in [The report](report.pdf)",
        ));
    }
    for (name, value) in &tag.attrs {
        if is_handler(name) && !scripts {
            out.push((format!("the {name} attribute of this <{}>", tag.name), "use a link or a <details> block, or a script in a .js file of the theme that listens for the event"));
        } else if ADDRESS_ATTRS.contains(name)
            && value
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("javascript:")
            && !policies.allows_inline("script-src-elem")
        {
            out.push((
                format!(
                    "the javascript: address in the {name} attribute of this <{}>",
                    tag.name
                ),
                "link to a page instead, or put the script in a .js file of the theme",
            ));
        }
    }
    out
}

/// The places of the tags whose `style` attribute the page's policy stops (an empty
/// `style=""` has nothing to stop).
fn styles<'p>(page: &'p PageReport, policies: &Policies) -> Vec<RawTag<'p>> {
    if policies.allows_inline("style-src-attr") {
        return Vec::new();
    }
    let styled = |tag: &RawTag| tag.attr("style").is_some_and(|v| !v.trim().is_empty());
    let mut tags = page.places.raw_tags();
    tags.retain(styled);
    tags
}

/// Warns at each raw HTML tag of the page's Markdown that the page's own policy stops;
/// `style` attributes, which text pasted from a word processor has on every paragraph,
/// are summed in one warning at the first. Safe mode removes all of these before the
/// page is written (and says so, rule `unsafe-html`), so the caller runs this only
/// outside safe mode.
pub fn check_page(page: &PageReport, config: &CheckConfig) -> Vec<Diagnostic> {
    let policies = Policies::read(&page.scan.policies);
    let Some(text) = &page.source_text else {
        return Vec::new();
    };
    let mut index = None;
    let mut at = |d: Diagnostic, place: (usize, usize)| {
        let index = index.get_or_insert_with(|| LineIndex::new(text));
        d.at_shared_place(&page.file, index, text, place)
    };
    let mut out = Vec::new();
    let styles = styles(page, &policies);
    let message = match styles.as_slice() {
        [] => None,
        [one] => Some(format!("the site's security policy stops the style attribute of this <{}>: a browser will ignore it", one.name)),
        many => Some(format!("this page has {} style attributes (from a word processor?): the site's security policy stops them, and a browser ignores them", many.len())),
    };
    let first = styles.first().map(|tag| tag.place);
    if let (Some(message), Some(place)) = (message, first) {
        if let Some(d) = config.diagnostic(Rule::SecurityPolicy, message) {
            let help = if styles.len() == 1 {
                "give the tag a class and style the class in the theme's stylesheet"
            } else {
                "delete the style attributes; to change how text looks, give the tags a class and style the class in the theme's stylesheet"
            };
            out.push(at(d.help(help), place));
        }
    }
    for tag in page.places.raw_tags() {
        for (what, instead) in stopped(&tag, &policies) {
            let message =
                format!("the site's security policy stops {what}: a browser will ignore it");
            if let Some(d) = config.diagnostic(Rule::SecurityPolicy, message) {
                out.push(at(d.help(instead), tag.place));
            }
        }
    }
    out.sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.column)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    fn policies(p: &[&str]) -> Policies {
        Policies::read(&p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn the_site_policy_stops_inline_code_and_other_hosts() {
        let p = policies(&[SITE]);
        assert!(!p.allows_inline("script-src-elem"));
        assert!(!p.allows_inline("style-src-attr"));
        assert!(!p.allows_url("frame-src", "https://www.youtube.com/embed/x"));
        assert!(!p.allows_url("img-src", "https://cdn.example.com/p.png"));
    }

    #[test]
    fn a_loosened_policy_allows_what_it_names() {
        let p = policies(&["default-src 'self'; style-src 'self' 'unsafe-inline'; frame-src https://www.youtube.com; img-src *.example.com"]);
        assert!(p.allows_inline("style-src-attr"));
        assert!(!p.allows_inline("script-src-attr"));
        assert!(p.allows_url("frame-src", "https://www.youtube.com/embed/x"));
        assert!(!p.allows_url("frame-src", "https://vimeo.com/x"));
        assert!(p.allows_url("img-src", "https://cdn.example.com/p.png"));
    }

    #[test]
    fn a_nonce_turns_unsafe_inline_off_and_no_policy_allows_all() {
        let p = policies(&["script-src 'unsafe-inline' 'nonce-abc'"]);
        assert!(!p.allows_inline("script-src-elem"));
        assert!(policies(&[]).allows_inline("script-src-elem"));
        let both = policies(&["script-src 'unsafe-inline'", "script-src 'self'"]);
        assert!(
            !both.allows_inline("script-src-attr"),
            "every policy applies"
        );
    }

    /// The security-policy findings (message, line, column) of a page whose Markdown
    /// is `source` (read as raw HTML) under `policy`.
    fn findings(source: &str, policy: &str) -> Vec<(String, usize, usize)> {
        let page = PageReport {
            url: "/a/".into(),
            file: "content/a.md".into(),
            template: "page.html".into(),
            source_text: Some(source.into()),
            scan: crate::text::html_scan::Scan {
                policies: vec![policy.to_string()],
                ..Default::default()
            },
            md_links: vec![],
            md_broken: vec![],
            places: crate::markdown::places::of_raw_html(source),
            ignored: vec![],
            written: None,
        };
        check_page(&page, &CheckConfig::default())
            .into_iter()
            .map(|d| {
                let at = d.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
                (d.message, at.0, at.1)
            })
            .collect()
    }

    #[test]
    fn inline_script_handlers_and_styles_are_warned_at_their_tags() {
        let source = "<p style=\"color: red\">Red</p>\n<button onclick=\"go()\">Go</button>\n<script>go();</script><style>p {}</style>\n<script src=\"/x.js\"></script><a href=\"javascript:go()\">Go</a>";
        let found = findings(source, SITE);
        let places: Vec<_> = found.iter().map(|f| (f.1, f.2)).collect();
        assert_eq!(
            places,
            [(1, 1), (2, 1), (3, 1), (3, 23), (4, 30)],
            "{found:?}"
        );
        assert!(
            found[0].0.contains("style attribute of this <p>"),
            "{found:?}"
        );
        assert!(found[1].0.contains("onclick attribute"), "{found:?}");
        assert!(found[4].0.contains("javascript: address"), "{found:?}");
    }

    /// The line and column of each finding in `source` on [`SITE`].
    fn places_of(source: &str) -> Vec<(usize, usize)> {
        (findings(source, SITE).into_iter())
            .map(|f| (f.1, f.2))
            .collect()
    }

    #[test]
    fn javascript_colon_is_warned_in_an_address_only_not_in_alt_or_title_words() {
        let source = "<img alt=\"JavaScript: a guide\" title=\"javascript: why\" src=\"/a.png\">\n<a href=\" JavaScript:go()\">Go</a>";
        let places = places_of(source);
        assert_eq!(places, [(2, 1)]);
    }

    #[test]
    fn a_script_data_block_is_not_warned_but_a_module_is() {
        let source = "<script type=\"application/ld+json\">{}</script>\n<script type=\"text/template\">x</script>\n<script type=\"module\">go()</script>\n<script type=\"text/javascript\">go()</script>";
        let places = places_of(source);
        assert_eq!(places, [(3, 1), (4, 1)]);
    }

    #[test]
    fn strict_dynamic_turns_unsafe_inline_off_for_scripts_only() {
        let p = policies(&["script-src 'unsafe-inline' 'strict-dynamic' https:; style-src 'unsafe-inline' 'strict-dynamic'"]);
        assert!(!p.allows_inline("script-src-elem"));
        assert!(!p.allows_inline("script-src-attr"));
        assert!(p.allows_inline("style-src-attr"));
    }

    #[test]
    fn self_allows_an_address_on_the_sites_own_origin_only() {
        let p = policies(&[SITE]).on_site("https://example.org/study/");
        assert!(p.allows_url("img-src", "https://example.org/favicon.png"));
        assert!(p.allows_url("img-src", "HTTPS://Example.org"));
        assert!(!p.allows_url("img-src", "https://example.org.evil.net/a.png"));
        assert!(!p.allows_url("img-src", "http://example.org/a.png"));
        assert!(!policies(&[SITE]).allows_url("img-src", "https://example.org/a.png"));
    }

    #[test]
    fn a_file_source_allows_its_address_with_a_query_or_a_fragment() {
        let p = policies(&["default-src 'self'; script-src https://cdn.example.com/lib.js; img-src https://img.example.com/p/"]);
        assert!(p.allows_url("script-src-elem", "https://cdn.example.com/lib.js?v=2"));
        assert!(p.allows_url("script-src-elem", "https://cdn.example.com/lib.js#x"));
        assert!(p.allows_url("img-src", "https://img.example.com/p/a.png?w=200"));
        assert!(!p.allows_url("img-src", "https://img.example.com/q?p/"));
    }

    #[test]
    fn a_policy_that_allows_inline_code_gets_no_warning() {
        let source = "<p style=\"color: red\" onclick=\"go()\">Red</p><script>go();</script><style>p {}</style>";
        let open = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";
        assert_eq!(findings(source, open), []);
    }

    #[test]
    fn style_attributes_are_summed_in_one_warning_at_the_first_and_an_empty_one_is_not_counted() {
        let pasted = "<p class=MsoNormal style=\"margin:0\"><span style=\"font-size:12pt\">One.</span></p>\n<p style=\"\">Two.</p>\n<p style=\"margin:0\">Three.</p>";
        assert_eq!(
            findings(pasted, SITE),
            [("this page has 3 style attributes (from a word processor?): the site's security policy stops them, and a browser ignores them".to_string(), 1, 1)]
        );
        assert_eq!(findings("<div style=\" \">Nothing.</div>", SITE), []);
    }

    #[test]
    fn only_on_and_letters_is_an_event_handler() {
        let source = "<div onboarding-step=\"2\">A</div>\n<div onClick=\"go()\">B</div>";
        assert_eq!(places_of(source), [(2, 1)]);
    }

    #[test]
    fn an_object_of_the_sites_own_is_stopped_by_object_src_none() {
        let source = "<object data=\"report.pdf\" type=\"application/pdf\">The report</object>\n<embed src=\"/a.pdf\">";
        let found = findings(source, SITE);
        assert_eq!(
            found.iter().map(|f| (f.1, f.2)).collect::<Vec<_>>(),
            [(1, 1), (2, 1)]
        );
        assert_eq!(
            found[0].0,
            "the site's security policy stops this <object>: a browser will ignore it"
        );
        assert_eq!(findings(source, "default-src 'self'"), []);
    }
}
