//! Chart specs: the YAML an author writes (in a ```` ```chart ```` block or in
//! `content/_data/charts.yaml`), validated into a [`Chart`]. Every problem is an error
//! at its file, line and column: an unknown kind or key, labels and values that do not
//! pair up, a value that is not a number, negative, not finite or too large, an empty
//! series, a colour that fails contrast, or a chart past its [`Limits`] (checked
//! before any layout, so a chart's drawing time, memory and picture size stay bounded).

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::palette::check_author_colour;
use crate::text::diagnostics::{did_you_mean, Diagnostic};

/// Chart kinds, as written in `kind:`.
pub const KINDS: &[&str] = &[
    "bar", "grouped", "stacked", "waffle", "flow", "pathway", "steps",
];

/// Keys a chart spec may have.
pub const KEYS: &[&str] = &[
    "kind",
    "id",
    "title",
    "takeaway",
    "description",
    "source",
    "unit",
    "colors",
    "example",
    "data",
    "groups",
    "diverging",
    "value",
    "total",
    "label",
    "steps",
    "contexts",
    "mechanisms",
    "outcomes",
    "use",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChart {
    #[serde(default)]
    kind: Option<Spanned<String>>,
    #[serde(default)]
    id: Option<Spanned<String>>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    takeaway: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    colors: Vec<Spanned<String>>,
    #[serde(default)]
    example: bool,
    #[serde(default)]
    data: Vec<Spanned<RawPoint>>,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    diverging: bool,
    #[serde(default)]
    value: Option<Spanned<f64>>,
    #[serde(default)]
    total: Option<Spanned<f64>>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    steps: Vec<Spanned<RawStep>>,
    #[serde(default)]
    contexts: Vec<String>,
    #[serde(default)]
    mechanisms: Vec<String>,
    #[serde(default)]
    outcomes: Vec<RawOutcome>,
    #[serde(default, rename = "use")]
    use_: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    label: String,
    #[serde(default)]
    value: Option<Spanned<f64>>,
    #[serde(default)]
    values: Vec<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    label: String,
    #[serde(default)]
    count: Option<Spanned<f64>>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    excluded: Option<String>,
    #[serde(default)]
    excluded_count: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    text: String,
    effect: Spanned<String>,
}

/// What a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Horizontal bars: label and value.
    Bar(Vec<(String, f64)>),
    /// Bars in groups (before/after), or diverging (the second group to the left).
    Grouped {
        groups: Vec<String>,
        rows: Vec<(String, Vec<f64>)>,
        diverging: bool,
    },
    /// Shares of a whole in one bar.
    Stacked(Vec<(String, f64)>),
    /// `value` in `total`, as an icon array.
    Waffle {
        value: f64,
        total: f64,
        label: String,
    },
    /// Boxes from top to bottom with counts, and what was left out at each step.
    Flow(Vec<Step>),
    /// Contexts, mechanisms and outcomes, with benefit and harm paths.
    Pathway {
        contexts: Vec<String>,
        mechanisms: Vec<String>,
        outcomes: Vec<(String, bool)>,
    },
    /// Numbered steps in order.
    Steps(Vec<Step>),
}

/// A step of a flow or steps chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub label: String,
    pub count: Option<f64>,
    pub note: Option<String>,
    pub excluded: Option<(String, Option<f64>)>,
}

/// A validated chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: Option<String>,
    pub kind: &'static str,
    pub title: String,
    pub takeaway: String,
    pub description: Option<String>,
    pub source: Option<String>,
    pub unit: Option<String>,
    /// Author colours, already checked for contrast.
    pub colors: Vec<(u8, u8, u8)>,
    pub example: bool,
    pub body: Body,
}

/// A spec that points at a chart in `content/_data/charts.yaml`.
pub enum Parsed {
    Chart(Box<Chart>),
    Use(String),
}

/// Where a spec's YAML sits in its file, to place errors.
pub struct Place<'a> {
    pub file: &'a str,
    pub text: &'a str,
    /// Lines of the file before the YAML starts.
    pub line_offset: usize,
    /// Columns before the YAML on each line (the indentation of a data-file entry).
    pub column_offset: usize,
}

impl Place<'_> {
    fn at(&self, d: Diagnostic, line: u64, column: u64) -> Diagnostic {
        d.at(
            self.file,
            self.text,
            line as usize + self.line_offset,
            column as usize + self.column_offset,
        )
    }
    fn start(&self, d: Diagnostic) -> Diagnostic {
        d.at(self.file, self.text, self.line_offset.max(1), 1)
    }
}

/// The most a chart may hold. Past these a chart no longer fits a screen or a page, and
/// drawing it would take time and memory that grow with the data (10,000 bars took
/// 20 s, 3.3 GB and an 83 MB PNG); the guide (content/guide/charts.md) lists them.
pub struct Limits;

impl Limits {
    /// Bars of a bar chart, rows of a grouped chart.
    pub const BARS: usize = 60;
    /// Shares of a stacked bar.
    pub const SHARES: usize = 12;
    /// Groups (series) of a grouped chart, and author colours.
    pub const SERIES: usize = 8;
    /// Steps of a flow or steps chart.
    pub const STEPS: usize = 30;
    /// Contexts, mechanisms or outcomes of a pathway.
    pub const NODES: usize = 12;
    /// Characters in one label, note or title.
    pub const LABEL: usize = 300;
}

/// Errors for every part of a chart past its [`Limits`]: the first item over a count,
/// or the item whose text is too long.
// Long because one arm per chart kind, each with its own limits.
fn check_limits(raw: &RawChart, kind: &str, place: &Place) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let title = raw.title.as_deref().unwrap_or("").trim();
    let too_many = |what: &str, count: usize, limit: usize, help: &str| {
        Diagnostic::error(format!(
            "chart \"{title}\": {count} {what} is more than the {limit} a chart can show"
        ))
        .help(help.to_string())
    };
    let split = "split it into several charts, or show the numbers in a table";
    let spanned_count =
        |problems: &mut Vec<Diagnostic>, what: &str, items: &[(u64, u64)], limit: usize| {
            if let Some(&(line, column)) = items.get(limit) {
                problems.push(place.at(too_many(what, items.len(), limit, split), line, column));
            }
        };
    let data: Vec<(u64, u64)> = raw
        .data
        .iter()
        .map(|p| (p.referenced.line(), p.referenced.column()))
        .collect();
    let steps: Vec<(u64, u64)> = raw
        .steps
        .iter()
        .map(|p| (p.referenced.line(), p.referenced.column()))
        .collect();
    let colors: Vec<(u64, u64)> = raw
        .colors
        .iter()
        .map(|p| (p.referenced.line(), p.referenced.column()))
        .collect();
    match kind {
        "bar" | "grouped" => spanned_count(&mut problems, "bars", &data, Limits::BARS),
        "stacked" => spanned_count(&mut problems, "shares", &data, Limits::SHARES),
        "flow" | "steps" => spanned_count(&mut problems, "steps", &steps, Limits::STEPS),
        _ => {}
    }
    spanned_count(&mut problems, "colours", &colors, Limits::SERIES);
    let unplaced = [
        ("groups", raw.groups.len(), Limits::SERIES),
        ("contexts", raw.contexts.len(), Limits::NODES),
        ("mechanisms", raw.mechanisms.len(), Limits::NODES),
        ("outcomes", raw.outcomes.len(), Limits::NODES),
    ];
    for (what, count, limit) in unplaced {
        if count > limit {
            problems.push(place.start(too_many(what, count, limit, split)));
        }
    }
    let long = |text: &str| text.chars().count() > Limits::LABEL;
    let too_long = |what: &str| {
        Diagnostic::error(format!(
            "chart \"{title}\": {what} is longer than {} characters",
            Limits::LABEL
        ))
        .help("shorten it; say more in the text around the chart or in description:")
    };
    for p in &raw.data {
        if long(&p.value.label) {
            problems.push(place.at(
                too_long("a label"),
                p.referenced.line(),
                p.referenced.column(),
            ));
        }
    }
    for st in &raw.steps {
        let texts = [
            Some(&st.value.label),
            st.value.note.as_ref(),
            st.value.excluded.as_ref(),
        ];
        if texts.into_iter().flatten().any(|t| long(t)) {
            problems.push(place.at(
                too_long("a step's text"),
                st.referenced.line(),
                st.referenced.column(),
            ));
        }
    }
    let plain = [
        raw.title.as_deref(),
        raw.takeaway.as_deref(),
        raw.label.as_deref(),
        raw.unit.as_deref(),
    ];
    let lists = raw
        .groups
        .iter()
        .chain(&raw.contexts)
        .chain(&raw.mechanisms)
        .map(String::as_str);
    let outcomes = raw.outcomes.iter().map(|o| o.text.as_str());
    if plain
        .into_iter()
        .flatten()
        .chain(lists)
        .chain(outcomes)
        .any(long)
    {
        problems.push(place.start(too_long("a title, group or pathway text")));
    }
    problems
}

/// Largest value a chart draws (bigger numbers are almost always a typing mistake).
const MAX_VALUE: f64 = 1e12;
/// [`MAX_VALUE`] as a reader reads it.
const MAX_VALUE_WRITTEN: &str = "1,000,000,000,000 (a million million)";

/// A number as YAML writes it: `.nan` and `.inf` for what is not a number, and a number
/// too long to read (1e308 has 309 digits) with its power of ten.
fn as_written(v: f64) -> String {
    match v {
        _ if v.is_nan() => ".nan".into(),
        _ if v.is_infinite() => if v < 0.0 { "-.inf" } else { ".inf" }.into(),
        _ if v.abs() >= 1e15 => format!("{v:e}"),
        _ => v.to_string(),
    }
}

/// Parses and validates one chart spec.
pub fn parse(yaml: &str, place: &Place) -> Result<Parsed, Vec<Diagnostic>> {
    let raw: RawChart = serde_saphyr::from_str(yaml).map_err(|e| {
        let offset = (place.line_offset, place.column_offset);
        let mut d =
            crate::text::yaml_error::yaml_error_at(place.file, place.text, offset, &e, KEYS);
        d.message = match d.message.strip_prefix("invalid YAML") {
            Some(rest) => format!("invalid chart{rest}"),
            None => format!("chart: {}", d.message),
        };
        vec![d]
    })?;
    if let Some(u) = raw.use_ {
        return Ok(Parsed::Use(u.value));
    }
    let mut check = Check {
        place,
        title: String::new(),
        problems: Vec::new(),
    };
    let kind = check.kind(&raw);
    // Sizes first: nothing of a chart past its limits is laid out or drawn.
    let over = check_limits(&raw, kind, place);
    if !over.is_empty() {
        check.problems.extend(over);
        return Err(check.problems);
    }
    let (title, takeaway) = check.title_and_takeaway(&raw);
    let colors = check.colours(&raw);
    let Some(body) = check.body(&raw, kind) else {
        return Err(check.problems);
    };
    check.id(&raw);
    if !check.problems.is_empty() {
        return Err(check.problems);
    }
    Ok(Parsed::Chart(Box::new(Chart {
        id: raw.id.map(|i| i.value),
        kind,
        title,
        takeaway,
        description: raw.description.filter(|d| !d.trim().is_empty()),
        source: raw.source.filter(|d| !d.trim().is_empty()),
        unit: raw.unit.filter(|d| !d.trim().is_empty()),
        colors,
        example: raw.example,
        body,
    })))
}

/// The problems found in one spec so far, and what the messages need to name it.
struct Check<'p, 'a> {
    place: &'p Place<'a>,
    /// The chart's title as written, once read.
    title: String,
    problems: Vec<Diagnostic>,
}

impl Check<'_, '_> {
    /// An error at `line`:`column` of the spec.
    fn at(&mut self, d: Diagnostic, line: u64, column: u64) {
        let d = self.place.at(d, line, column);
        self.problems.push(d);
    }

    /// An error at the start of the spec.
    fn at_start(&mut self, d: Diagnostic) {
        let d = self.place.start(d);
        self.problems.push(d);
    }

    /// A number a chart draws: finite, not too large, and not negative (a diverging
    /// chart's side says which group a bar is); a problem is placed at the number.
    fn num(&mut self, v: &Spanned<f64>, what: &str) {
        let (n, written) = (v.value, as_written(v.value));
        let (problem, help) = if !n.is_finite() {
            (
                format!("{what} is not a number ({written})"),
                "write a number in digits, such as 12 or 3.5",
            )
        } else if n < 0.0 {
            (
                format!("{what} is negative ({written})"),
                "write a number of zero or more, such as 12 or 3.5",
            )
        } else if n.abs() > MAX_VALUE {
            (
                format!("{what} is too large to draw ({written}): a chart draws numbers up to {MAX_VALUE_WRITTEN}"),
                "check the number for extra digits; for very large amounts, count in a larger unit (write 3.5 and unit: billion people)",
            )
        } else {
            return;
        };
        let d = Diagnostic::error(format!("chart: {problem}")).help(help);
        self.at(d, v.referenced.line(), v.referenced.column());
    }

    /// The chart's kind; a missing or unknown kind is reported and read as a bar chart.
    fn kind(&mut self, raw: &RawChart) -> &'static str {
        let Some(k) = &raw.kind else {
            self.at_start(
                Diagnostic::error("chart: the kind is missing")
                    .help(format!("add kind: with one of {}", KINDS.join(", "))),
            );
            return "bar";
        };
        if let Some(k) = KINDS.iter().find(|x| **x == k.value) {
            return k;
        }
        let d = Diagnostic::error(format!("chart: there is no chart kind \"{}\"", k.value));
        let d = match did_you_mean(&k.value, KINDS.iter().copied()) {
            Some(s) => d.help(format!("did you mean {s}? Kinds: {}", KINDS.join(", "))),
            None => d.help(format!("kinds: {}", KINDS.join(", "))),
        };
        self.at(d, k.referenced.line(), k.referenced.column());
        "bar"
    }

    /// The title and takeaway, trimmed; each is required.
    fn title_and_takeaway(&mut self, raw: &RawChart) -> (String, String) {
        self.title = raw.title.clone().unwrap_or_default();
        let takeaway = raw.takeaway.clone().unwrap_or_default();
        if self.title.trim().is_empty() {
            self.at_start(Diagnostic::error("chart: the title is missing").help(
                "add title: with a short plain title, e.g. title: How the studies were found",
            ));
        }
        if takeaway.trim().is_empty() {
            self.at_start(Diagnostic::error("chart: the takeaway is missing").help("add takeaway: with the one thing a reader should get from the chart, in a sentence"));
        }
        (self.title.trim().to_string(), takeaway.trim().to_string())
    }

    /// The author's colours that pass the contrast checks.
    fn colours(&mut self, raw: &RawChart) -> Vec<(u8, u8, u8)> {
        let mut colors = Vec::new();
        for c in &raw.colors {
            match check_author_colour(&c.value) {
                Some(p) => {
                    let d = Diagnostic::error(format!("chart \"{}\": {p}", self.title));
                    self.at(d, c.referenced.line(), c.referenced.column());
                }
                None => {
                    if let Some(rgb) = crate::text::colour::Rgb::parse(&c.value) {
                        colors.push((rgb.0, rgb.1, rgb.2));
                    }
                }
            }
        }
        colors
    }

    /// The drawing of each kind; `None` when the spec cannot be read any further.
    fn body(&mut self, raw: &RawChart, kind: &str) -> Option<Body> {
        Some(match kind {
            "bar" => Body::Bar(self.points(raw)),
            "stacked" => self.stacked(raw),
            "grouped" => self.grouped(raw),
            "waffle" => self.waffle(raw)?,
            "flow" => Body::Flow(self.steps(raw)),
            "steps" => Body::Steps(self.steps(raw)),
            _ => self.pathway(raw),
        })
    }

    /// The labels and values of a bar or stacked chart.
    fn points(&mut self, raw: &RawChart) -> Vec<(String, f64)> {
        if raw.data.is_empty() {
            self.at_start(
                Diagnostic::error(format!("chart \"{}\": the data is empty", self.title))
                    .help("add data: with items such as - label: Fair pay, then value: 12"),
            );
        }
        let mut points = Vec::with_capacity(raw.data.len());
        for p in &raw.data {
            let (line, column) = (p.referenced.line(), p.referenced.column());
            match &p.value.value {
                None => {
                    let d = Diagnostic::error(format!("chart: \"{}\" has no value", p.value.label))
                        .help("add value: with a number");
                    self.at(d, line, column);
                }
                Some(v) => {
                    let what = format!("the value of \"{}\"", p.value.label);
                    self.num(v, &what);
                }
            }
            let v = p.value.value.as_ref().map_or(f64::NAN, |v| v.value);
            points.push((p.value.label.clone(), v));
        }
        points
    }

    /// Shares of one whole: at least one above zero.
    fn stacked(&mut self, raw: &RawChart) -> Body {
        let p = self.points(raw);
        if !p.is_empty() && p.iter().map(|x| x.1).sum::<f64>() <= 0.0 {
            self.at_start(
                Diagnostic::error(format!(
                    "chart \"{}\": the shares add up to zero",
                    self.title
                ))
                .help("give at least one share a value above zero"),
            );
        }
        Body::Stacked(p)
    }

    /// The steps of a flow or steps chart.
    fn steps(&mut self, raw: &RawChart) -> Vec<Step> {
        if raw.steps.is_empty() {
            self.at_start(
                Diagnostic::error(format!("chart \"{}\": there are no steps", self.title))
                    .help("add steps: with items such as - label: Searched four databases"),
            );
        }
        let mut steps = Vec::with_capacity(raw.steps.len());
        for s in &raw.steps {
            for (v, what) in [
                (&s.value.count, "count"),
                (&s.value.excluded_count, "excluded_count"),
            ] {
                if let Some(v) = v {
                    let what = format!("the {what} of \"{}\"", s.value.label);
                    self.num(v, &what);
                }
            }
            let number = |v: &Option<Spanned<f64>>| v.as_ref().map(|v| v.value);
            steps.push(Step {
                label: s.value.label.clone(),
                count: number(&s.value.count),
                note: s.value.note.clone(),
                excluded: (s.value.excluded.clone()).map(|e| (e, number(&s.value.excluded_count))),
            });
        }
        steps
    }

    /// Rows of values, one for each group.
    fn grouped(&mut self, raw: &RawChart) -> Body {
        let title = self.title.clone();
        if raw.groups.is_empty() {
            self.at_start(
                Diagnostic::error(format!("chart \"{title}\": a grouped chart needs groups"))
                    .help("add groups: with the names of the series, e.g. groups: [Before, After]"),
            );
        }
        if raw.data.is_empty() {
            self.at_start(
                Diagnostic::error(format!("chart \"{title}\": the data is empty"))
                    .help("add data: with items such as - label: Fair pay, then values: [3, 5]"),
            );
        }
        // One group to the left of the middle line, one to the right: a third was drawn
        // on the right with the second, and read as one of its bars.
        if raw.diverging && !raw.groups.is_empty() && raw.groups.len() != 2 {
            self.at_start(
                Diagnostic::error(format!(
                    "chart \"{title}\": a diverging chart has two groups, one each side, not {}",
                    raw.groups.len()
                ))
                .help("keep two groups, e.g. groups: [Harms, Helps], or take out diverging: true"),
            );
        }
        let mut rows = Vec::with_capacity(raw.data.len());
        for p in &raw.data {
            let (line, column) = (p.referenced.line(), p.referenced.column());
            if p.value.values.len() != raw.groups.len() {
                let d = Diagnostic::error(format!(
                    "chart: \"{}\" has {} for {}",
                    p.value.label,
                    crate::text::counted(p.value.values.len(), "value", "values"),
                    crate::text::counted(raw.groups.len(), "group", "groups"),
                ))
                .help(format!(
                    "give one value for each group, in the order they are listed: {}",
                    raw.groups.join(", ")
                ));
                self.at(d, line, column);
            }
            let what = format!("a value of \"{}\"", p.value.label);
            for v in &p.value.values {
                if raw.diverging && v.value < 0.0 {
                    // The side shows which group a bar is: a minus sign drew it the
                    // other way round from its label.
                    let d = Diagnostic::error(format!(
                        "chart: {what} is negative ({})",
                        as_written(v.value)
                    ))
                    .help("in a diverging chart the first group is drawn to the left already: write its values as numbers of zero or more, e.g. 3 for -3");
                    self.at(d, v.referenced.line(), v.referenced.column());
                    continue;
                }
                self.num(v, &what);
            }
            let values = p.value.values.iter().map(|v| v.value).collect();
            rows.push((p.value.label.clone(), values));
        }
        Body::Grouped {
            groups: raw.groups.clone(),
            rows,
            diverging: raw.diverging,
        }
    }

    /// `value` in `total`; `None` when either is missing.
    fn waffle(&mut self, raw: &RawChart) -> Option<Body> {
        let (Some(value), Some(total)) = (&raw.value, &raw.total) else {
            self.at_start(
                Diagnostic::error(format!(
                    "chart \"{}\": a waffle chart needs value and total",
                    self.title
                ))
                .help("add value: and total:, e.g. value: 3 and total: 10 for \"3 in 10\""),
            );
            return None;
        };
        let (v_line, v_col) = (value.referenced.line(), value.referenced.column());
        let (t_line, t_col) = (total.referenced.line(), total.referenced.column());
        self.num(value, "value");
        self.num(total, "total");
        let t = total.value;
        if t.is_finite() && (!(1.0..=1000.0).contains(&t) || t.fract() != 0.0) {
            let d = Diagnostic::error("chart: total must be a whole number from 1 to 1000")
                .help("use 10 or 100 for \"in 10\" or \"in 100\"");
            self.at(d, t_line, t_col);
        }
        if value.value > total.value {
            let d = Diagnostic::error("chart: value is larger than total")
                .help("the value is part of the total, e.g. 3 in 10");
            self.at(d, v_line, v_col);
        }
        Some(Body::Waffle {
            value: value.value,
            total: total.value,
            label: raw.label.clone().unwrap_or_else(|| "people".into()),
        })
    }

    /// Contexts, mechanisms and outcomes, each outcome a benefit or a harm.
    fn pathway(&mut self, raw: &RawChart) -> Body {
        if raw.contexts.is_empty() || raw.outcomes.is_empty() {
            self.at_start(Diagnostic::error(format!("chart \"{}\": a pathway needs contexts and outcomes", self.title)).help("add contexts: and outcomes: (each outcome with text: and effect: benefit or harm); mechanisms: is optional"));
        }
        let mut outcomes = Vec::with_capacity(raw.outcomes.len());
        for o in &raw.outcomes {
            let benefit = match o.effect.value.as_str() {
                "benefit" => true,
                "harm" => false,
                other => {
                    let d = Diagnostic::error(format!(
                        "chart: effect \"{other}\" is not benefit or harm"
                    ))
                    .help("write effect: benefit or effect: harm");
                    self.at(d, o.effect.referenced.line(), o.effect.referenced.column());
                    true
                }
            };
            outcomes.push((o.text.clone(), benefit));
        }
        Body::Pathway {
            contexts: raw.contexts.clone(),
            mechanisms: raw.mechanisms.clone(),
            outcomes,
        }
    }

    /// The id names the chart's files (charts/ID.svg): it must be one web-safe name.
    fn id(&mut self, raw: &RawChart) {
        let Some(id) = &raw.id else {
            return;
        };
        let example = crate::text::slug::example(&id.value, "pay-gap");
        let letters = format!("use lower-case letters, digits and hyphens, e.g. id: {example}");
        let problem = if id.value.trim().is_empty() {
            Some(("chart: the id is empty".to_string(), letters))
        } else if crate::text::slug::slugify(&id.value) != id.value {
            let p = format!("chart: id \"{}\" cannot be used in a file name", id.value);
            Some((p, letters))
        } else if crate::text::slug::is_device_name(&id.value) {
            let p = format!("chart: id \"{}\" is a name Windows cannot hold", id.value);
            let help = format!(
                "choose another id, e.g. id: {example}: it names the chart's files, and {}",
                crate::text::slug::WINDOWS_NAMES
            );
            Some((p, help))
        } else {
            None
        };
        if let Some((p, help)) = problem {
            let d = Diagnostic::error(p).help(help);
            self.at(d, id.referenced.line(), id.referenced.column());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_past_its_limits_is_an_error_at_the_first_item_over() {
        let mut yaml = String::from("kind: bar\ntitle: Many\ntakeaway: k\ndata:\n");
        for i in 0..10_000 {
            yaml.push_str(&format!("  - label: Bar {i}\n    value: {i}\n"));
        }
        let place = Place {
            file: "content/_data/charts.yaml",
            text: &yaml,
            line_offset: 0,
            column_offset: 0,
        };
        let Err(problems) = parse(&yaml, &place) else {
            panic!("10,000 bars were accepted")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        let d = &problems[0];
        assert!(
            d.message.contains("10000 bars is more than the 60"),
            "{}",
            d.message
        );
        assert!(d.help.as_deref().unwrap().contains("table"));
        let at = d.location.as_ref().unwrap();
        // Item 61 (index 60) starts on line 5 + 2 * 60.
        assert_eq!((at.line, at.column), (5 + 2 * Limits::BARS, 5));
    }

    fn at_start<'a>(file: &'a str, text: &'a str) -> Place<'a> {
        Place {
            file,
            text,
            line_offset: 0,
            column_offset: 0,
        }
    }

    #[test]
    fn long_labels_and_many_nodes_are_errors() {
        let label = "word ".repeat(100);
        let yaml =
            format!("kind: bar\ntitle: T\ntakeaway: k\ndata:\n  - label: {label}\n    value: 1\n");
        let Err(p) = parse(&yaml, &at_start("f", &yaml)) else {
            panic!("a 500-character label was accepted")
        };
        assert!(p[0].message.contains("longer than 300"), "{}", p[0].message);
        assert_eq!(p[0].location.as_ref().unwrap().line, 5);
        let contexts: Vec<String> = (0..13).map(|i| format!("c{i}")).collect();
        let yaml = format!(
            "kind: pathway\ntitle: T\ntakeaway: k\ncontexts: [{}]\noutcomes:\n  - text: o\n    effect: benefit\n",
            contexts.join(", ")
        );
        let Err(p) = parse(&yaml, &at_start("f", &yaml)) else {
            panic!("13 contexts were accepted")
        };
        assert!(p[0].message.contains("13 contexts"), "{}", p[0].message);
    }

    fn check(yaml: &str) -> Result<Chart, Vec<Diagnostic>> {
        let text = format!("---\ntitle: x\n---\n```chart\n{yaml}```\n");
        let place = Place {
            file: "content/a.md",
            text: &text,
            line_offset: 4,
            column_offset: 0,
        };
        match parse(yaml, &place)? {
            Parsed::Chart(c) => Ok(*c),
            Parsed::Use(_) => panic!("not a use"),
        }
    }

    #[test]
    fn a_good_bar_chart() {
        let c = check("kind: bar\ntitle: T\ntakeaway: K\nunit: sources\ndata:\n  - label: Fair pay\n    value: 12\n  - label: Clear roles\n    value: 9\n").unwrap();
        assert_eq!(
            c.body,
            Body::Bar(vec![("Fair pay".into(), 12.0), ("Clear roles".into(), 9.0)])
        );
    }

    #[test]
    fn bad_input_is_located() {
        let errs = check("kind: bra\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: 1\n")
            .unwrap_err();
        let loc = errs[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (5, 7), "{errs:?}");
        assert!(errs[0]
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean bar?"));
        for (yaml, words) in [
            ("kind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: -1\n", "negative"),
            ("kind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: .nan\n", "not a number"),
            ("kind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: 1e300\n", "too large"),
            ("kind: bar\ntitle: T\ntakeaway: K\ndata: []\n", "empty"),
            ("kind: bar\ntitle: T\ntakeaway: K\ndata:\n  - label: A\n    value: many\n", "chart: this value must be a number"),
            ("kind: grouped\ntitle: T\ntakeaway: K\ngroups: [a, b]\ndata:\n  - label: A\n    values: [1]\n", "1 value for 2 groups"),
            ("kind: grouped\ntitle: T\ntakeaway: K\ndiverging: true\ngroups: [a, b, c]\ndata:\n  - label: A\n    values: [1, 2, 3]\n", "two groups, one each side, not 3"),
            ("kind: grouped\ntitle: T\ntakeaway: K\ndiverging: true\ngroups: [a, b]\ndata:\n  - label: A\n    values: [-1, 2]\n", "is negative (-1)"),
            ("kind: bar\ntitle: T\ntakeaway: K\ncolour: red\n", "colour"),
            ("kind: bar\ntitle: T\ntakeaway: K\ncolors: ['#f0e442']\ndata:\n  - label: A\n    value: 1\n", "contrast"),
            ("kind: waffle\ntitle: T\ntakeaway: K\nvalue: 12\ntotal: 10\n", "larger than total"),
        ] {
            let errs = check(yaml).unwrap_err();
            assert!(errs.iter().any(|e| e.message.contains(words)), "{words}: {errs:?}");
            assert!(errs.iter().all(|e| e.location.is_some()), "{words}: every error is located");
        }
    }

    #[test]
    fn a_bad_number_is_an_error_at_the_number_written_as_yaml_writes_it() {
        let errs = check("kind: grouped\ntitle: T\ntakeaway: K\ngroups: [a, b]\ndata:\n  - label: A\n    values: [1, .inf]\n  - label: B\n    values: [1e308, -.inf]\n").unwrap_err();
        let said: Vec<(usize, usize, &str)> = errs
            .iter()
            .filter_map(|e| {
                let at = e.location.as_ref()?;
                Some((at.line, at.column, e.message.as_str()))
            })
            .collect();
        assert_eq!(
            said,
            [
                (11, 17, "chart: a value of \"A\" is not a number (.inf)"),
                (13, 14, "chart: a value of \"B\" is too large to draw (1e308): a chart draws numbers up to 1,000,000,000,000 (a million million)"),
                (13, 21, "chart: a value of \"B\" is not a number (-.inf)"),
            ]
        );
    }

    #[test]
    fn the_largest_value_is_written_as_it_is() {
        let digits: String = MAX_VALUE_WRITTEN
            .split(' ')
            .next()
            .unwrap_or_default()
            .replace(',', "");
        assert_eq!(digits.parse::<f64>(), Ok(MAX_VALUE));
    }
}
