//! Stage 6 (theme), templates: loads the theme's Tera templates, lets the site's own
//! `templates/` folder replace any one of them by name, registers plainsite's filters,
//! and turns Tera's errors into diagnostics at the template's line and column.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use crate::text::diagnostics::Diagnostic;

/// The loaded templates, with their sources for error messages.
pub struct Templates {
    pub tera: Tera,
    /// Template name to the file it came from (relative to the site root) and its text.
    sources: BTreeMap<String, (String, String)>,
    /// Stops a build whose template rendering runs past the time limit.
    pub watchdog: std::sync::Arc<crate::theme::watchdog::Watchdog>,
}

/// Template files by name: (the file as shown in messages, its text).
type TemplateSources = BTreeMap<String, (String, String)>;

/// Templates every theme must have.
pub const REQUIRED: &[&str] = &["index.html", "page.html", "section.html", "404.html"];

/// The theme's template files, then the site's over them, by name: (the file as shown
/// in messages, its text); with what could not be read and which required ones are
/// missing.
fn read_sources(
    root: &Path,
    theme_dir: &Path,
    site_dir: &Path,
) -> (TemplateSources, Vec<Diagnostic>) {
    let mut sources: TemplateSources = BTreeMap::new();
    let mut problems = Vec::new();
    for dir in [theme_dir.join("templates"), site_dir.to_path_buf()] {
        if !dir.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if !entry.file_type().is_file()
                || !matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("html" | "xml" | "svg" | "txt")
                )
            {
                continue;
            }
            let name = path
                .strip_prefix(&dir)
                .unwrap_or(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let shown = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    sources.insert(name, (shown, text));
                }
                Err(e) => problems.push(
                    Diagnostic::error(format!("could not read this template: {e}")).in_file(shown),
                ),
            }
        }
    }
    for name in REQUIRED {
        if !sources.contains_key(*name) {
            problems.push(
                Diagnostic::error(format!("the theme has no {name} template"))
                    .in_file(
                        theme_dir
                            .join("templates")
                            .strip_prefix(root)
                            .unwrap_or(theme_dir)
                            .display()
                            .to_string(),
                    )
                    .help(format!("add templates/{name} to the site or the theme")),
            );
        }
    }
    (sources, problems)
}

impl Templates {
    /// Loads `theme_dir/templates`, then `site_dir` over it.
    pub fn load(
        root: &Path,
        theme_dir: &Path,
        site_dir: &Path,
        charts: std::sync::Arc<std::collections::HashMap<String, crate::charts::Figures>>,
        time_limit: std::time::Duration,
        safe: bool,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let (sources, problems) = read_sources(root, theme_dir, site_dir);
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        tera.set_escape_fn(crate::text::escape::escape_to);
        register(&mut tera, safe);
        register_charts(&mut tera, charts);
        let templates: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, (_, t))| (n.as_str(), t.as_str()))
            .collect();
        let mut loaded = Templates {
            tera,
            sources: BTreeMap::new(),
            watchdog: std::sync::Arc::new(crate::theme::watchdog::Watchdog::start(time_limit)),
        };
        if let Err(e) = loaded.tera.add_raw_templates(templates) {
            loaded.sources = sources;
            return Err(vec![loaded.diagnose(&e, None)]);
        }
        loaded.sources = sources;
        Ok(loaded)
    }

    /// A copy for one language: its `site`, `data` and `t` (the theme's words) are
    /// global to every page, its charts come from its own chart library, and dates are
    /// written in its words.
    pub fn for_language<S: serde::Serialize, D: serde::Serialize>(
        &self,
        site: &S,
        data: &D,
        strings: &crate::load::i18n::Strings,
        charts: std::sync::Arc<std::collections::HashMap<String, crate::charts::Figures>>,
    ) -> Templates {
        let mut tera = self.tera.clone();
        register_charts(&mut tera, charts);
        let words = strings.clone();
        tera.register_filter("long_date", move |s: &str, _: Kwargs, _: &State| {
            words.long_date(s)
        });
        let context = tera.global_context();
        context.insert("site", site);
        context.insert("data", data);
        context.insert("t", strings);
        Templates {
            tera,
            sources: self.sources.clone(),
            watchdog: std::sync::Arc::clone(&self.watchdog),
        }
    }

    /// These templates with the data filters that mark each value a page shows from a
    /// data file with its place in the file, for the dev server (see [`SOURCE_MARKS`]).
    pub fn with_source_marks(mut self, safe: bool) -> Templates {
        register_data_filters(&mut self.tera, safe, true);
        self
    }

    /// A copy watched by a watchdog of its own, for another build: serve keeps the
    /// loaded templates between builds, and each build is watched and given up alone.
    pub fn for_another_build(&self, time_limit: std::time::Duration) -> Templates {
        Templates {
            tera: self.tera.clone(),
            sources: self.sources.clone(),
            watchdog: std::sync::Arc::new(crate::theme::watchdog::Watchdog::start(time_limit)),
        }
    }

    /// Each template's file (as shown in messages) and text, the site's over the theme's.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &str)> {
        self.sources.values().map(|(f, t)| (f.as_str(), t.as_str()))
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// Names of the loaded templates.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sources.keys().map(String::as_str)
    }

    /// Renders `name`; an error names the template's line and the page being built.
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        page: &str,
    ) -> Result<String, Diagnostic> {
        let _watched = self.watchdog.guard(
            self.sources
                .get(name)
                .map_or(name, |(file, _)| file.as_str()),
            page,
        );
        SHOWN.with(|shown| shown.borrow_mut().clear());
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnose(&e, Some(page)))
    }

    /// Turns a Tera error into a diagnostic at the template's line and column.
    pub fn diagnose(&self, e: &tera::Error, page: Option<&str>) -> Diagnostic {
        let while_building = page
            .map(|p| format!(" (while building {p})"))
            .unwrap_or_default();
        match e.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let message = format!("template error: {}{while_building}", report.message());
                let d = Diagnostic::error(message);
                let d = match self.sources.get(report.filename()) {
                    Some((shown, text)) => d.at(
                        shown,
                        text,
                        report.span().start_line,
                        report.span().start_col + 1,
                    ),
                    None => d.in_file(report.filename().to_string()),
                };
                d.help("fix the template at this place; Tera's syntax is described at https://keats.github.io/tera/docs/")
            }
            tera::ErrorKind::TemplateNotFound(name) => {
                let names: Vec<&str> = self.names().collect();
                let d = Diagnostic::error(format!(
                    "there is no template named \"{name}\"{while_building}"
                ));
                let d = match page {
                    Some(p) => d.in_file(p.to_string()),
                    None => d,
                };
                match crate::text::diagnostics::did_you_mean(name, names.iter().copied()) {
                    Some(s) => d.help(format!("did you mean template: {s}?")),
                    None => d.help(format!("templates available: {}", names.join(", "))),
                }
            }
            tera::ErrorKind::CircularInclude {
                tpl,
                include_chain: chain,
            }
            | tera::ErrorKind::CircularExtend {
                tpl,
                inheritance_chain: chain,
            } => self.circular(e, tpl, chain, &while_building),
            tera::ErrorKind::Msg(report) if self.locate_report(report).is_some() => {
                let (shown, text, line, column, message) =
                    self.locate_report(report).unwrap_or_default();
                Diagnostic::error(format!("template error: {message}{while_building}"))
                    .at(&shown, &text, line, column)
                    .help("fix the template at this place; Tera's syntax is described at https://keats.github.io/tera/docs/")
            }
            _ => {
                let mut msg = e.to_string();
                let mut source = std::error::Error::source(e);
                while let Some(s) = source {
                    msg.push_str(&format!(": {s}"));
                    source = s.source();
                }
                let d = Diagnostic::error(format!("template error: {msg}{while_building}"));
                match page {
                    Some(p) => d.in_file(p.to_string()),
                    None => d,
                }
            }
        }
    }

    /// A template that includes or extends itself, at the `include` or `extends` that
    /// closes the loop, as Tera's parser places it.
    fn circular(
        &self,
        e: &tera::Error,
        tpl: &str,
        chain: &[String],
        while_building: &str,
    ) -> Diagnostic {
        let includes = matches!(e.kind(), tera::ErrorKind::CircularInclude { .. });
        let (keyword, verb, base) = match includes {
            true => ("include", "includes", "include"),
            false => ("extends", "extends", "extend"),
        };
        let d = Diagnostic::error(format!(
            "template error: {tpl} {verb} itself in a loop ({}){while_building}",
            chain.join(" → ")
        ));
        // An include loop closes in the template before the last of the chain; an
        // extends loop is reported at the template that starts it.
        let from = match chain {
            [.., from, _] if includes => from.as_str(),
            _ => tpl,
        };
        let d = match self.sources.get(from) {
            Some((shown, text)) => match loop_place(from, text, chain.last(), includes) {
                Some((line, column)) => d.at(shown, text, line, column),
                None => d.in_file(shown.clone()),
            },
            None => d,
        };
        d.help(format!("a template cannot {base} itself, directly or through others; remove one `{keyword}` from the chain"))
    }
}

/// Where Tera's parser puts the tag of template `name` (source `text`) that closes a
/// loop, as (line, column). For an include of `target`, the template is parsed alone
/// under another name, so `target` is unknown and Tera reports where it is included. For an `extends`, a tag is
/// put on a line of its own before the text, so the `extends` is no longer first and
/// Tera reports it, one line down.
fn loop_place(
    name: &str,
    text: &str,
    target: Option<&String>,
    includes: bool,
) -> Option<(usize, usize)> {
    let mut alone = Tera::new();
    if includes {
        // Parsed under another name, so a template that includes itself names a
        // template Tera does not know either.
        let err = alone
            .add_raw_template(&format!("{name} (alone)"), text)
            .err()?;
        let tera::ErrorKind::Msg(reports) = err.kind() else {
            return None;
        };
        let at = reports.find(&format!("Unknown template `{}`", target?))?;
        let (line, column) = report_place(&reports[at..])?.1;
        return Some((line, column));
    }
    let err = alone
        .add_raw_template(name, &format!("{{{{ 1 }}}}\n{text}"))
        .err()?;
    let tera::ErrorKind::SyntaxError(report) = err.kind() else {
        return None;
    };
    let span = report.span();
    Some((span.start_line.checked_sub(1)?, span.start_col + 1))
}

/// The first place in a report Tera wrote as text (`--> name:line:col`): the name, then
/// line and column.
fn report_place(report: &str) -> Option<(&str, (usize, usize))> {
    let place = report.lines().find_map(|l| l.trim().strip_prefix("--> "))?;
    let mut parts = place.rsplitn(3, ':');
    let column = parts.next()?.trim().parse().ok()?;
    let line = parts.next()?.trim().parse().ok()?;
    Some((parts.next()?, (line, column)))
}

impl Templates {
    /// Finds the place in a report Tera wrote as text (`error: ...` then `--> name:line:col`).
    fn locate_report(&self, report: &str) -> Option<(String, String, usize, usize, String)> {
        let message = report
            .lines()
            .next()?
            .trim()
            .trim_start_matches("error:")
            .trim()
            .to_string();
        let (name, (line, column)) = report_place(report)?;
        let (shown, text) = self.sources.get(name)?;
        Some((shown.clone(), text.clone(), line, column, message))
    }
}

/// The context variables that hold, while serving only, the data values a page shows
/// rendered with their places in the data file marked (see
/// [`crate::markdown::data_marks`]): by the value's text, one rendering for each time
/// the data holds that text, in the file's order. [`SOURCE_MARKS`] holds the values
/// written in Markdown (the `markdown` filters), [`SOURCE_TEXT_MARKS`] the plain ones
/// (titles and terms, the `data_text` filter). `build` never sets them, so built pages
/// are the same with or without serve.
pub const SOURCE_MARKS: &str = "plainsite_source_marks";
/// See [`SOURCE_MARKS`].
pub const SOURCE_TEXT_MARKS: &str = "plainsite_source_text_marks";

std::thread_local! {
    /// How many times the page this thread renders has shown each marked value so far
    /// (by the context variable and the text), so that two values with the same text
    /// each get their own places: the first shown gets the first in the file. A page is
    /// rendered on one thread, and [`Templates::render`] starts each page afresh.
    static SHOWN: std::cell::RefCell<std::collections::HashMap<(&'static str, String), usize>> =
        Default::default();
}

/// The marked rendering of the data value `s` in the context variable `marks`, for
/// the next time the page shows it (see [`SHOWN`]).
fn marked(marks: &'static str, s: &str, state: &State) -> Option<String> {
    let all = state.get::<Value>(marks).ok().flatten()?;
    let each = all.as_map()?.get(&tera::value::Key::Str(s))?.as_array()?;
    let n = SHOWN.with(|shown| {
        let mut shown = shown.borrow_mut();
        let count = shown.entry((marks, s.to_string())).or_insert(0);
        *count += 1;
        *count - 1
    });
    // A template may show a value more often than the data holds it: its last place.
    each.get(n).or(each.last())?.as_str().map(str::to_string)
}

/// The filters that render data values: `markdown` (Markdown in data files, such as a
/// definition or a reason), `markdown_inline` (the same with the paragraph removed, for
/// text inside a heading or a list item) and `data_text` (a plain value, such as a
/// finding's title, escaped as `{{ value }}` is). With `marks` (serve only) each value
/// a page shows from a data file gets its marked rendering (see [`SOURCE_MARKS`]);
/// without (every other command), the look-up is never made.
fn register_data_filters(tera: &mut Tera, safe: bool, marks: bool) {
    let markdown = move |s: &str, state: &State| {
        marks
            .then(|| marked(SOURCE_MARKS, s, state))
            .flatten()
            .unwrap_or_else(|| crate::markdown::render_plain(s, safe))
    };
    tera.register_filter("markdown", move |s: &str, _: Kwargs, state: &State| {
        Value::safe_string(&markdown(s, state))
    });
    tera.register_filter(
        "markdown_inline",
        move |s: &str, _: Kwargs, state: &State| {
            let html = markdown(s, state);
            let inner = html
                .trim()
                .strip_prefix("<p>")
                .and_then(|h| h.strip_suffix("</p>"))
                .unwrap_or(html.trim());
            Value::safe_string(inner)
        },
    );
    tera.register_filter("data_text", move |s: &str, _: Kwargs, state: &State| {
        let marked = marks.then(|| marked(SOURCE_TEXT_MARKS, s, state)).flatten();
        Value::safe_string(&marked.unwrap_or_else(|| {
            let mut out = Vec::with_capacity(s.len());
            let _ = tera::escape_html(s, &mut out);
            String::from_utf8(out).unwrap_or_default()
        }))
    });
}

/// plainsite's own filters.
/// In safe mode the Markdown filters clean what they make.
fn register(tera: &mut Tera, safe: bool) {
    register_data_filters(tera, safe, false);
    // {{ qr_code(url=..., label=...) }}: a QR code as inline SVG.
    tera.register_function(
        "qr_code",
        |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let url: &str = kwargs.must_get("url")?;
            let label: &str = kwargs.get("label")?.unwrap_or("QR code");
            crate::theme::qr::svg(url, label)
                .map(|svg| Value::safe_string(&svg))
                .ok_or_else(|| {
                    tera::Error::message(format!("the address {url} is too long for a QR code"))
                })
        },
    );
    // 2026-11-25 as "25 November 2026".
    tera.register_filter("long_date", |s: &str, _: Kwargs, _: &State| long_date(s));
    // A name that starts a line ("l’équipe de la revue" under a slide title), with its
    // first letter a capital and the rest as written (unlike `capitalize`: "INPUD" stays).
    tera.register_filter("upper_first", |s: &str, _: Kwargs, _: &State| {
        upper_first(s)
    });
}

/// `s` with its first letter made a capital, the rest unchanged.
fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `{{ chart(id="review-steps") }}`: a chart from content/_data/charts.yaml;
/// `fit="slide"` gives its projection layout, for slides.
fn register_charts(
    tera: &mut Tera,
    charts: std::sync::Arc<std::collections::HashMap<String, crate::charts::Figures>>,
) {
    tera.register_function(
        "chart",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            let id: &str = kwargs.must_get("id")?;
            let slide = kwargs.get::<&str>("fit")? == Some("slide");
            match charts.get(id) {
                Some(f) if slide => Ok(Value::safe_string(&f.slide)),
                Some(f) => Ok(Value::safe_string(&f.page)),
                None => Err(tera::Error::message(format!(
                    "there is no chart \"{id}\" in content/_data/charts.yaml"
                ))),
            }
        },
    );
}

/// `YYYY-MM-DD` as "25 November 2026"; anything else as it is.
pub fn long_date(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = s.get(..10).unwrap_or(s).split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) if (1..=12).contains(&m) => format!("{d} {} {y}", MONTHS[m - 1]),
            _ => s.to_string(),
        },
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("themes/default/templates");
        std::fs::create_dir_all(&t).unwrap();
        for n in REQUIRED {
            std::fs::write(t.join(n), "{{ page.title }}").unwrap();
        }
        for (n, text) in files {
            let p = match n.strip_prefix("site:") {
                Some(site) => dir.path().join("templates").join(site),
                None => t.join(n),
            };
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        dir
    }

    fn load(dir: &tempfile::TempDir) -> Result<Templates, Vec<Diagnostic>> {
        Templates::load(
            dir.path(),
            &dir.path().join("themes/default"),
            &dir.path().join("templates"),
            Default::default(),
            std::time::Duration::from_secs(30),
            false,
        )
    }

    #[test]
    fn site_templates_override_the_theme() {
        let dir = theme(&[("site:page.html", "mine {{ page.title }}")]);
        let t = load(&dir).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({"title": "<T>"}));
        assert_eq!(t.render("page.html", &ctx, "x").unwrap(), "mine &lt;T&gt;");
    }

    #[test]
    fn syntax_errors_point_at_the_template_line() {
        let dir = theme(&[("page.html", "line one\n{% if x %}\nno end")]);
        let errs = load(&dir).err().unwrap();
        let loc = errs[0].location.as_ref().expect("located");
        assert_eq!(loc.file, "themes/default/templates/page.html");
        assert!(loc.line >= 2, "{:?}", errs[0]);
    }

    #[test]
    fn rendering_errors_name_the_page() {
        let dir = theme(&[("page.html", "{{ page.nope.deeper }}")]);
        let t = load(&dir).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({"title": "T"}));
        let d = t.render("page.html", &ctx, "content/a.md").unwrap_err();
        assert!(d.message.contains("content/a.md"), "{d:?}");
    }

    /// A map a template loops over keeps the order it was given in (a `BTreeMap`'s keys
    /// sorted; front matter's `extra`, a JSON value, sorted by key too), the same on
    /// every build.
    #[test]
    fn a_map_in_a_template_loop_keeps_its_order() {
        let dir = theme(&[(
            "page.html",
            "{% for k, v in page.m %}{{ k }}={{ v }} {% endfor %}",
        )]);
        let t = load(&dir).unwrap();
        let m: std::collections::BTreeMap<String, usize> =
            (0..12).map(|i| (format!("rule-{i:02}"), i)).collect();
        let expected: String = m.iter().map(|(k, v)| format!("{k}={v} ")).collect();
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({ "m": m }));
        assert_eq!(t.render("page.html", &ctx, "x").unwrap(), expected);
    }

    #[test]
    fn upper_first_capitalizes_only_the_first_letter() {
        let dir = theme(&[(
            "page.html",
            "{{ page.a | upper_first }}|{{ page.b | upper_first }}",
        )]);
        let t = load(&dir).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert(
            "page",
            &serde_json::json!({"a": "l’équipe de la revue", "b": "INPUD Canada"}),
        );
        assert_eq!(
            t.render("page.html", &ctx, "x").unwrap(),
            "L’équipe de la revue|INPUD Canada"
        );
    }

    #[test]
    fn data_values_are_marked_only_with_source_marks_and_each_same_text_in_its_turn() {
        let dir = theme(&[(
            "page.html",
            "{{ page.a | data_text }}|{{ page.a | data_text }}|{{ page.a | data_text }}|{{ page.m | markdown_inline }}",
        )]);
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({"a": "A & B", "m": "*m*"}));
        ctx.insert(
            SOURCE_TEXT_MARKS,
            &serde_json::json!({"A & B": ["<1>", "<2>"]}),
        );
        ctx.insert(SOURCE_MARKS, &serde_json::json!({"*m*": ["<p><m></p>"]}));
        let built = load(&dir).unwrap();
        assert_eq!(
            built.render("page.html", &ctx, "x").unwrap(),
            "A &amp; B|A &amp; B|A &amp; B|<em>m</em>",
            "without source marks (every command but serve) the marks are never looked up"
        );
        let served = load(&dir).unwrap().with_source_marks(false);
        for _ in 0..2 {
            assert_eq!(
                served.render("page.html", &ctx, "x").unwrap(),
                "<1>|<2>|<2>|<m>",
                "each value with the same text gets its own marks, from the start of each page"
            );
        }
    }

    #[test]
    fn markdown_filter_and_dates() {
        let dir = theme(&[(
            "page.html",
            "{{ page.t | markdown_inline }} {{ page.d | long_date }}",
        )]);
        let t = load(&dir).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert(
            "page",
            &serde_json::json!({"t": "*pay*", "d": "2026-11-25"}),
        );
        assert_eq!(
            t.render("page.html", &ctx, "x").unwrap(),
            "<em>pay</em> 25 November 2026"
        );
    }
}
