//! The writing room's form for one data entry (`serve --edit`): a finding, a
//! recommendation, a glossary term, a key message or a person, read from its data file
//! (the page's language's own, `findings.fr.yaml` on a French page) and saved
//! by splicing only the values that changed, at the places serde-saphyr's spans give.
//! Everything outside those values (comments, order, other entries, formatting) stays
//! byte for byte. Each new value is written by serde-saphyr's own serializer, and the
//! file as it would be saved is read back by the build's own data loader first: a file
//! that does not load, or an entry that does not read back as the form said, is not
//! written.

use std::collections::HashMap;
use std::ops::Range;

use serde_saphyr::Spanned;

use super::list;

pub use crate::model::EntryKind;

/// One field of the form: its key in the data file and, when the data model allows only
/// some values, those values; `many` when the file holds a list of them.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Field {
    pub name: &'static str,
    pub choices: &'static [&'static str],
    pub required: bool,
    pub many: bool,
}

const fn text(name: &'static str, required: bool) -> Field {
    Field {
        name,
        choices: &[],
        required,
        many: false,
    }
}

const fn choice(name: &'static str, choices: &'static [&'static str]) -> Field {
    Field {
        name,
        choices,
        required: true,
        many: false,
    }
}

/// The value of one field of a form: one line of text, or the values chosen from a list
/// (written to the file as a flow list, `consent: [site, brief]`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
pub enum FormValue {
    One(String),
    Many(Vec<String>),
}

impl FormValue {
    /// The values of a list field, trimmed, without empty ones.
    fn list(&self) -> Vec<String> {
        let all = match self {
            FormValue::One(v) => vec![v.clone()],
            FormValue::Many(vs) => vs.clone(),
        };
        all.iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// The value of a one-line field, trimmed; several values are refused.
    fn one(&self, name: &str) -> Result<&str, String> {
        match self {
            FormValue::One(v) => Ok(v.trim()),
            FormValue::Many(_) => Err(format!("{name} takes one value, not a list")),
        }
    }
}

/// The values of a form, by field name.
pub type FormValues = HashMap<String, FormValue>;

/// The values `effect` may take (see [`crate::load::data::Effect`]).
const EFFECTS: &[&str] = &["benefit", "harm", "both"];
/// The values `named` may take (see [`crate::load::people::Naming`]).
const NAMINGS: &[&str] = &["full", "initials", "pseudonym", "role-only", "anonymous"];
/// The outputs a person may agree to be named in (see [`crate::load::people::Channel`]).
const CHANNELS: &[&str] = &["site", "brief", "slides", "citation"];

impl EntryKind {
    /// The data file's name under `content/_data/`.
    pub fn file(self) -> &'static str {
        match self {
            EntryKind::Finding => "_data/findings.yaml",
            EntryKind::Recommendation => "_data/recommendations.yaml",
            EntryKind::GlossaryTerm => "_data/glossary.yaml",
            EntryKind::KeyMessage => "_data/key_messages.yaml",
            EntryKind::Person => "_data/people.yaml",
        }
    }

    /// The kind of entry a data file holds.
    pub fn of_file(file: &str) -> Option<EntryKind> {
        [
            EntryKind::Finding,
            EntryKind::Recommendation,
            EntryKind::GlossaryTerm,
            EntryKind::KeyMessage,
            EntryKind::Person,
        ]
        .into_iter()
        .find(|k| file == format!("content/{}", k.file()))
    }

    /// The key that names an entry; none for a person, known by their place.
    pub fn id_key(self) -> Option<&'static str> {
        match self {
            EntryKind::Finding | EntryKind::Recommendation => Some("id"),
            EntryKind::GlossaryTerm => Some("term"),
            EntryKind::KeyMessage => Some("title"),
            EntryKind::Person => None,
        }
    }

    /// The fields of the data model the form edits: one-line texts, choices, and a
    /// person's `consent` and `credit`, lists of choices (other lists, such as `tags`,
    /// stay in the file as they are).
    pub fn fields(self) -> &'static [Field] {
        match self {
            EntryKind::Finding => FINDING_FIELDS,
            EntryKind::Recommendation => RECOMMENDATION_FIELDS,
            EntryKind::GlossaryTerm => GLOSSARY_FIELDS,
            EntryKind::KeyMessage => KEY_MESSAGE_FIELDS,
            EntryKind::Person => PERSON_FIELDS,
        }
    }
}

const FINDING_FIELDS: &[Field] = &[
    text("title", true),
    text("summary", true),
    text("context", false),
    text("mechanism", false),
    text("outcome", false),
    choice("effect", EFFECTS),
    text("evidence", false),
];
const RECOMMENDATION_FIELDS: &[Field] = &[
    text("title", true),
    text("summary", true),
    text("why", true),
];
const GLOSSARY_FIELDS: &[Field] = &[text("definition", true), text("abbreviation", false)];
const KEY_MESSAGE_FIELDS: &[Field] = &[text("text", true)];
const PERSON_FIELDS: &[Field] = &[
    choice("named", NAMINGS),
    // Nobody is named anywhere until they agree to it: without it a person added
    // here would never show.
    Field {
        name: "consent",
        choices: CHANNELS,
        required: false,
        many: true,
    },
    text("name", false),
    text("family_name", false),
    text("pseudonym", false),
    text("role", false),
    text("group", false),
    Field {
        name: "credit",
        choices: crate::load::people::CreditRole::KEYS,
        required: false,
        many: true,
    },
    text("credentials", false),
    text("affiliation", false),
    text("orcid", false),
    text("paid", false),
    text("photo_alt", false),
];

/// One entry of a data file: where each of its keys and values is, in file order.
struct Entry {
    values: Vec<Value>,
}

/// One key of an entry and its value.
struct Value {
    key: String,
    /// Where the key is, in bytes.
    key_at: Range<usize>,
    /// Where the value is, in bytes.
    at: Range<usize>,
    /// The value, when it is a single one (not a list or a map).
    text: Option<String>,
    /// The values, when it is a list of single ones, or a single one or nothing (`~`),
    /// which a list field reads as a list of one or none.
    list: Option<Vec<String>>,
    /// Where the items are, when the value is a list (a sequence in the file).
    items: Option<Vec<Range<usize>>>,
}

type RawEntry = HashMap<Spanned<String>, Spanned<serde_json::Value>>;

fn byte_range(s: &serde_saphyr::Span) -> Option<Range<usize>> {
    let start = usize::try_from(s.byte_offset()?).ok()?;
    let len = usize::try_from(s.byte_len()?).ok()?;
    Some(start..start + len)
}

/// The places of a list's items, when a value is a list; none for anything else (the
/// place serde-saphyr gives a list is where it starts, not its whole).
struct Items(Option<Vec<Range<usize>>>);

impl<'de> serde::Deserialize<'de> for Items {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Items;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<IgnoredAny>>()? {
                    items.extend(byte_range(&item.referenced.span()));
                }
                Ok(Items(Some(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Items, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Items(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Items, E> {
                Ok(Items(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Items, E> {
                Ok(Items(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Items, E> {
                Ok(Items(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Items, E> {
                Ok(Items(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Items, E> {
                Ok(Items(None))
            }
            fn visit_unit<E>(self) -> Result<Items, E> {
                Ok(Items(None))
            }
            fn visit_none<E>(self) -> Result<Items, E> {
                Ok(Items(None))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// The entries of a data file's list, with their places.
fn entries(text: &str) -> Result<Vec<Entry>, String> {
    let raw: Vec<RawEntry> = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    let mut lists: Vec<HashMap<String, Items>> =
        serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
    raw.into_iter()
        .zip(lists.iter_mut())
        .map(|(map, items)| {
            let mut values = Vec::new();
            for (k, v) in map {
                let key = byte_range(&k.referenced.span()).ok_or("no place for a key")?;
                let value = byte_range(&v.referenced.span()).ok_or("no place for a value")?;
                let list = match &v.value {
                    serde_json::Value::Array(items) => items.iter().map(one_value).collect(),
                    serde_json::Value::Null => Some(Vec::new()),
                    one => one_value(one).map(|v| vec![v]),
                };
                let spans = items.remove(&k.value).and_then(|i| i.0);
                values.push(Value {
                    key: k.value,
                    key_at: key,
                    at: value,
                    text: one_value(&v.value),
                    list,
                    items: spans,
                });
            }
            values.sort_by_key(|v| v.key_at.start);
            Ok(Entry { values })
        })
        .collect()
}

/// A single value as text: a string, a number or a yes/no.
fn one_value(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Entry {
    fn get(&self, key: &str) -> Option<&Value> {
        self.values.iter().find(|v| v.key == key)
    }
}

/// The entry of `kind` named `id` in `text`: its fields' values, for the form.
pub fn read(kind: EntryKind, text: &str, id: &str) -> Result<Vec<(Field, FormValue)>, String> {
    let all = entries(text)?;
    let entry = find(&all, kind, id)?;
    Ok(kind
        .fields()
        .iter()
        .map(|f| {
            let value = entry.get(f.name);
            let value = match f.many {
                true => FormValue::Many(value.and_then(|v| v.list.clone()).unwrap_or_default()),
                false => FormValue::One(value.and_then(|v| v.text.clone()).unwrap_or_default()),
            };
            (*f, value)
        })
        .collect())
}

/// The entry named `id`: by its id key, or for a person by its place in the list
/// (counted from 0).
fn find<'a>(all: &'a [Entry], kind: EntryKind, id: &str) -> Result<&'a Entry, String> {
    let Some(key) = kind.id_key() else {
        return id
            .parse::<usize>()
            .ok()
            .and_then(|i| all.get(i))
            .ok_or_else(|| format!("no entry number {id}"));
    };
    all.iter()
        .find(|e| e.get(key).and_then(|v| v.text.as_deref()) == Some(id))
        .ok_or_else(|| format!("no entry with {key} {id:?}"))
}

/// `text` with the entry of `kind` named `id` given the `values` of the form's fields;
/// each changed value is replaced at its span, a new one added on a line after the
/// entry's last, an emptied optional one taken out with its line. Nothing else changes.
pub fn splice(
    kind: EntryKind,
    text: &str,
    id: &str,
    values: &FormValues,
) -> Result<String, String> {
    let all = entries(text)?;
    let entry = find(&all, kind, id)?;
    // Edits as (byte range, replacement), applied from the end so ranges stay right.
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for field in kind.fields() {
        let Some(new) = values.get(field.name) else {
            continue;
        };
        let old = entry.get(field.name);
        let edit = if field.many {
            let kept = old.and_then(|v| v.list.as_deref()).unwrap_or_default();
            list_edit(text, field, old, &with_unoffered(field, kept, new.list()))?
        } else {
            one_edit(text, field, old, new.one(field.name)?)?
        };
        match edit {
            Some(Edit::At(range, with)) => edits.push((range, with)),
            Some(Edit::Add(line)) => {
                let (indent, end) = after_entry(text, entry, &all)?;
                let eol = eol(text);
                edits.push((end..end, format!("{eol}{indent}{}: {line}", field.name)));
            }
            None => {}
        }
    }
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (range, with) in edits {
        out.replace_range(range, &with);
    }
    Ok(out)
}

/// A change to one key of an entry: text in place of a range, or a new line after the
/// entry's last, with the value written after `key: `.
enum Edit {
    At(Range<usize>, String),
    Add(String),
}

/// The change that gives a one-line field the value `new`, if it changed.
fn one_edit(
    text: &str,
    field: &Field,
    old: Option<&Value>,
    new: &str,
) -> Result<Option<Edit>, String> {
    if new.contains(['\n', '\r']) {
        return Err(format!("{} must be one line", field.name));
    }
    Ok(match old {
        Some(Value { text: None, .. }) => {
            return Err(format!("{} is not a single value in the file", field.name))
        }
        Some(v) if v.text.as_deref() == Some(new) => None,
        Some(v) if new.is_empty() && !field.required => {
            Some(take_out(text, v.key_at.start, v.at.end, String::new()))
        }
        Some(v) => Some(Edit::At(v.at.clone(), scalar(new)?)),
        None if new.is_empty() => None,
        None => Some(Edit::Add(scalar(new)?)),
    })
}

/// The list a form's chosen `new` values make with the values of `old` (the list in the
/// file) that the form has no box for, such as a typo or a channel it does not know: those
/// are kept after the chosen ones, for the loader to report at their line, never dropped.
fn with_unoffered(field: &Field, old: &[String], mut new: Vec<String>) -> Vec<String> {
    let unoffered = old
        .iter()
        .filter(|v| !field.choices.contains(&v.as_str()) && !new.contains(v));
    let unoffered: Vec<String> = unoffered.cloned().collect();
    new.extend(unoffered);
    new
}

/// A value posted for a field with choices that is not one of them, as (the field's
/// name, the value); none when every value is one of its field's choices. An empty value
/// is not given, and left to the checks of what is needed.
pub fn not_a_choice(kind: EntryKind, values: &FormValues) -> Option<(&'static str, String)> {
    kind.new_fields()
        .into_iter()
        .filter(|f| !f.choices.is_empty())
        .find_map(|f| {
            let posted = match (values.get(f.name)?, f.many) {
                (FormValue::One(v), false) => vec![v.trim().to_string()],
                (v, _) => v.list(),
            };
            posted
                .into_iter()
                .find(|v| !v.is_empty() && !f.choices.contains(&v.as_str()))
                .map(|v| (f.name, v))
        })
}

/// The change that gives a list field the values `new`, if they changed: the list is
/// written as a flow list in place of the old one (block or flow, or a single value or
/// none, `~`) after its key, and taken out with its lines when nothing is chosen. The
/// comments inside the old list are kept, on their own lines above the key.
fn list_edit(
    text: &str,
    field: &Field,
    old: Option<&Value>,
    new: &[String],
) -> Result<Option<Edit>, String> {
    let Some(v) = old else {
        return Ok(match new.is_empty() {
            true => None,
            false => Some(Edit::Add(flow_list(new)?)),
        });
    };
    if v.list.as_deref() == Some(new) {
        return Ok(None);
    }
    if v.list.is_none() {
        return Err(format!("{} is not a list in the file", field.name));
    }
    let place =
        list::place(text, v.key_at.end, v.at.clone(), v.items.as_deref()).ok_or_else(|| {
            format!(
                "{} is written in a way this form cannot change: change it in the file",
                field.name
            )
        })?;
    let line = text[..v.key_at.start].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line..v.key_at.start]
        .chars()
        .map(|c| if c == '-' { ' ' } else { c })
        .collect();
    let eol = eol(text);
    let notes: String = place
        .comments
        .iter()
        .map(|c| format!("{indent}{c}{eol}"))
        .collect();
    if !new.is_empty() {
        let kept = &text[line..place.from];
        let with = format!("{notes}{kept}{}{}", place.lead, flow_list(new)?);
        return Ok(Some(Edit::At(line..place.to, with)));
    }
    Ok(Some(take_out(text, v.key_at.start, place.to, notes)))
}

/// How the lines of `text` end: `\r\n` in a file written so, else `\n`.
fn eol(text: &str) -> &'static str {
    match text.contains("\r\n") {
        true => "\r\n",
        false => "\n",
    }
}

/// Takes out a key (at `key`) and its value (up to `to`) with their lines, leaving
/// `notes` (whole lines) in their place. When the key is the first of its entry
/// (`- name: ...`), the entry's dash stays, alone on its line (or with the notes).
fn take_out(text: &str, key: usize, to: usize, notes: String) -> Edit {
    let line = text[..key].rfind('\n').map_or(0, |i| i + 1);
    if !text[line..key].contains('-') {
        return Edit::At(whole_lines(text, key..to), notes);
    }
    let end = text[to..].find('\n').map_or(text.len(), |i| to + i);
    let dash = line + text[line..key].trim_end().len();
    let notes = notes.trim();
    match notes.is_empty() {
        true => Edit::At(dash..end, String::new()),
        false => Edit::At(dash..end, format!(" {notes}")),
    }
}

/// Values as serde-saphyr writes a flow list, `[site, brief]`, on one line.
fn flow_list(values: &[String]) -> Result<String, String> {
    let yaml = serde_saphyr::to_string(&serde_saphyr::FlowSeq(values.to_vec()))
        .map_err(|e| e.to_string())?;
    let yaml = yaml.trim_end_matches('\n');
    if yaml.contains('\n') {
        return Err("this list cannot be written on one line".into());
    }
    Ok(yaml.to_string())
}

impl EntryKind {
    /// The fields of a new entry: the key that names it first, then the others.
    pub fn new_fields(self) -> Vec<Field> {
        let id = self.id_key().map(|k| text(k, true));
        id.into_iter()
            .chain(self.fields().iter().copied())
            .collect()
    }
}

/// `text` with a new entry of `kind` added at the end of its list, after the last
/// entry's last line: its keys indented as the last entry's are, each value written on
/// one line by serde-saphyr. Nothing else changes. An empty file gets its first entry.
pub fn append(kind: EntryKind, text: &str, values: &FormValues) -> Result<String, String> {
    let mut lines = Vec::new();
    for field in kind.new_fields() {
        let edit = match values.get(field.name) {
            Some(v) if field.many => list_edit(text, &field, None, &v.list())?,
            Some(v) => one_edit(text, &field, None, v.one(field.name)?)?,
            None => None,
        };
        match edit {
            Some(Edit::Add(value)) => lines.push(format!("{}: {value}", field.name)),
            _ if field.required => return Err(format!("{} is needed", field.name)),
            _ => {}
        }
    }
    let all = if text.trim().is_empty() {
        Vec::new()
    } else {
        entries(text)?
    };
    let eol = eol(text);
    let Some(last) = all.last() else {
        let sep = if text.is_empty() || text.ends_with('\n') {
            ""
        } else {
            eol
        };
        return Ok(format!(
            "{text}{sep}- {}{eol}",
            lines.join(&format!("{eol}  "))
        ));
    };
    let first_key = last
        .values
        .first()
        .ok_or("the last entry is empty")?
        .key_at
        .start;
    let line_start = text[..first_key].rfind('\n').map_or(0, |i| i + 1);
    // `- ` (or `  - `) before the last entry's first key, and the indent of its others.
    let dash = &text[line_start..first_key];
    if !dash.trim_end().ends_with('-') {
        return Err("the list's entries do not start with \"- key:\"".into());
    }
    let indent = dash.replace('-', " ");
    let (_, end) = after_entry(text, last, &all)?;
    // A blank line before the last entry (and its comments): one before the new one too.
    let blank = if text[..line_start]
        .lines()
        .rev()
        .find(|l| !l.trim_start().starts_with('#'))
        .is_some_and(|l| l.trim().is_empty())
    {
        eol
    } else {
        ""
    };
    let block = lines.join(&format!("{eol}{indent}"));
    Ok(format!(
        "{}{eol}{blank}{dash}{block}{}",
        &text[..end],
        &text[end..]
    ))
}

/// The name of the entry just added at the end of `text` with the form's `values`: the
/// value of its id key, or for a person their place (the last).
pub fn new_entry_id(kind: EntryKind, text: &str, values: &FormValues) -> Result<String, String> {
    match kind.id_key() {
        Some(key) => match values.get(key) {
            Some(v) => v.one(key).map(str::to_string),
            None => Ok(String::new()),
        },
        None => Ok(entries(text)?.len().saturating_sub(1).to_string()),
    }
}

/// Whether the entry named `id` in `text` reads back with the form's `values`.
pub fn reads_back(
    kind: EntryKind,
    text: &str,
    id: &str,
    values: &FormValues,
) -> Result<(), String> {
    for (field, value) in read(kind, text, id)? {
        let Some(wanted) = values.get(field.name) else {
            continue;
        };
        let same = match (&value, field.many) {
            (FormValue::Many(now), true) => *now == with_unoffered(&field, now, wanted.list()),
            (FormValue::One(now), false) => wanted.one(field.name).is_ok_and(|w| w == now),
            _ => false,
        };
        if !same {
            return Err(format!("{} would not be saved as written", field.name));
        }
    }
    Ok(())
}

/// A value as serde-saphyr writes it, on one line.
pub fn scalar(value: &str) -> Result<String, String> {
    // A long value is folded over lines by default: one line keeps the splice in the
    // value's own line.
    let mut options = serde_saphyr::SerializerOptions::default();
    options.prefer_block_scalars = false;
    let yaml = serde_saphyr::to_string_with_options(&value, options).map_err(|e| e.to_string())?;
    let yaml = yaml.trim_end_matches('\n');
    if yaml.contains('\n') {
        return Err("this value cannot be written on one line".into());
    }
    Ok(yaml.to_string())
}

/// The range widened to whole lines, with the line end after it.
fn whole_lines(text: &str, range: Range<usize>) -> Range<usize> {
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i + 1);
    start..end
}

/// The indentation of the entry's keys, and where a new line of it goes: after its last
/// line that is not blank or a comment, before the next entry.
fn after_entry(text: &str, entry: &Entry, all: &[Entry]) -> Result<(String, usize), String> {
    let first_key = entry
        .values
        .first()
        .ok_or("the entry is empty")?
        .key_at
        .start;
    let last_key = entry.values.last().map_or(first_key, |v| v.key_at.start);
    let line_start = text[..last_key].rfind('\n').map_or(0, |i| i + 1);
    let indent: String = text[line_start..last_key]
        .chars()
        .map(|c| if c == '-' { ' ' } else { c })
        .collect();
    // The next entry starts on the line of its first key.
    let next = all
        .iter()
        .filter_map(|e| e.values.first().map(|v| v.key_at.start))
        .filter(|&start| start > last_key)
        .min()
        .map_or(text.len(), |start| {
            text[..start].rfind('\n').map_or(0, |i| i + 1)
        });
    let mut end = next;
    while end > last_key {
        let body = text[..end].trim_end_matches(['\n', '\r']);
        let line_at = body.rfind('\n').map_or(0, |i| i + 1).max(line_start);
        let line = body[line_at..].trim();
        if !line.is_empty() && !line.starts_with('#') {
            return Ok((indent, body.len()));
        }
        end = line_at;
    }
    Ok((
        indent,
        text[last_key..]
            .find('\n')
            .map_or(text.len(), |i| last_key + i),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Findings.\n- id: a\n  title: First\n  summary: \"Quoted: text\"\n  effect: benefit\n\n# The second one.\n- id: b\n  title: Second # a comment\n  summary: Two.\n  context: Some context.\n  effect: harm\n  tags: [x, y]\n";

    fn with(pairs: &[(&str, &str)]) -> FormValues {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), FormValue::One(v.to_string())))
            .collect()
    }

    fn one(v: &FormValue) -> &str {
        match v {
            FormValue::One(v) => v,
            FormValue::Many(_) => panic!("a list: {v:?}"),
        }
    }

    #[test]
    fn reads_one_entry_by_its_id() {
        let b = read(EntryKind::Finding, FILE, "b").unwrap();
        let get = |n: &str| one(&b.iter().find(|(f, _)| f.name == n).unwrap().1).to_string();
        assert_eq!(get("title"), "Second");
        assert_eq!(get("effect"), "harm");
        assert_eq!(get("mechanism"), "");
        assert!(read(EntryKind::Finding, FILE, "c").is_err());
    }

    #[test]
    fn a_changed_value_is_replaced_and_nothing_else() {
        let out = splice(
            EntryKind::Finding,
            FILE,
            "b",
            &with(&[
                ("title", "Second: changed"),
                ("effect", "both"),
                ("summary", "Two."),
            ]),
        )
        .unwrap();
        assert_eq!(
            out,
            FILE.replace("title: Second #", "title: \"Second: changed\" #")
                .replace("effect: harm", "effect: both")
        );
        let back = read(EntryKind::Finding, &out, "b").unwrap();
        assert_eq!(one(&back[0].1), "Second: changed");
    }

    #[test]
    fn a_quoted_value_is_replaced_whole() {
        let out = splice(
            EntryKind::Finding,
            FILE,
            "a",
            &with(&[("summary", "Plain.")]),
        )
        .unwrap();
        assert_eq!(out, FILE.replace("\"Quoted: text\"", "Plain."));
    }

    #[test]
    fn a_new_value_gets_a_line_and_an_emptied_one_loses_its_line() {
        let out = splice(
            EntryKind::Finding,
            FILE,
            "b",
            &with(&[("mechanism", "How."), ("context", "")]),
        )
        .unwrap();
        assert_eq!(
            out,
            FILE.replace("  context: Some context.\n", "")
                .replace("tags: [x, y]\n", "tags: [x, y]\n  mechanism: How.\n")
        );
    }

    #[test]
    fn a_long_value_stays_on_one_line_and_a_new_one_goes_after_a_block_list() {
        let file = "- id: a\n  title: T\n  summary: S\n  effect: benefit\n  tags:\n    - x\n    - y\n# next\n- id: b\n  title: U\n  summary: S\n  effect: harm\n";
        let long = "word ".repeat(60).trim().to_string();
        let out = splice(
            EntryKind::Finding,
            file,
            "a",
            &with(&[("summary", &long), ("evidence", "The review.")]),
        )
        .unwrap();
        assert_eq!(
            out,
            file.replace(
                "summary: S\n  effect: benefit",
                &format!("summary: {long}\n  effect: benefit")
            )
            .replace("    - y\n", "    - y\n  evidence: The review.\n")
        );
    }

    #[test]
    fn a_new_entry_goes_after_the_last_one_and_nothing_else_changes() {
        let out = append(
            EntryKind::Finding,
            FILE,
            &with(&[
                ("id", "c"),
                ("title", "Third: new"),
                ("summary", "Three."),
                ("effect", "both"),
                ("context", ""),
            ]),
        )
        .unwrap();
        assert_eq!(
            out,
            format!(
                "{FILE}\n- id: c\n  title: \"Third: new\"\n  summary: Three.\n  effect: both\n"
            )
        );
        let c = read(EntryKind::Finding, &out, "c").unwrap();
        assert_eq!(one(&c[0].1), "Third: new");
    }

    #[test]
    fn a_new_entry_goes_before_comments_after_the_list_and_into_an_empty_file() {
        let file = "- term: A\n  definition: B.\n# The end.\n";
        let values = with(&[("term", "C"), ("definition", "D.")]);
        let out = append(EntryKind::GlossaryTerm, file, &values).unwrap();
        assert_eq!(
            out,
            "- term: A\n  definition: B.\n- term: C\n  definition: D.\n# The end.\n"
        );
        let first = append(EntryKind::GlossaryTerm, "# Words.\n", &values).unwrap();
        assert_eq!(first, "# Words.\n- term: C\n  definition: D.\n");
        let missing = append(EntryKind::GlossaryTerm, file, &with(&[("term", "C")]));
        assert_eq!(missing, Err("definition is needed".to_string()));
    }

    const PEOPLE: &str = "- named: full\n  name: Ana Poe\n  consent:\n    - site\n    - slides # and the slides\n  role: Peer worker\n- named: initials\n  name: Jane Doe\n  consent: [site] # only here\n";

    fn consent(of: &str, id: &str) -> FormValue {
        let person = read(EntryKind::Person, of, id).unwrap();
        person
            .into_iter()
            .find(|(f, _)| f.name == "consent")
            .unwrap()
            .1
    }

    fn choose(values: &[&str]) -> FormValues {
        let list = values.iter().map(|v| v.to_string()).collect();
        [("consent".to_string(), FormValue::Many(list))].into()
    }

    #[test]
    fn consent_is_read_as_a_list_from_a_block_or_a_flow_list() {
        assert_eq!(
            consent(PEOPLE, "0"),
            FormValue::Many(vec!["site".into(), "slides".into()])
        );
        assert_eq!(consent(PEOPLE, "1"), FormValue::Many(vec!["site".into()]));
    }

    #[test]
    fn a_changed_list_is_written_as_a_flow_list_in_place_of_the_old_one() {
        let out = splice(EntryKind::Person, PEOPLE, "0", &choose(&["site", "brief"])).unwrap();
        assert_eq!(
            out,
            PEOPLE.replace(
                "  consent:\n    - site\n    - slides # and the slides\n",
                "  consent: [site, brief] # and the slides\n"
            ),
            "the comment after the list stays"
        );
        let out = splice(EntryKind::Person, PEOPLE, "1", &choose(&["brief", "site"])).unwrap();
        assert_eq!(
            out,
            PEOPLE.replace("consent: [site] #", "consent: [brief, site] #")
        );
        assert_eq!(
            splice(EntryKind::Person, PEOPLE, "1", &choose(&["site"])).unwrap(),
            PEOPLE,
            "the same values change nothing"
        );
    }

    #[test]
    fn a_persons_credit_roles_are_a_list_of_the_fourteen_and_saved_as_one() {
        let file = "- named: full\n  name: A\n  credit:\n    - methodology\n  role: R\n";
        let person = read(EntryKind::Person, file, "0").unwrap();
        let (field, value) = person.iter().find(|(f, _)| f.name == "credit").unwrap();
        assert!(field.many);
        assert_eq!(field.choices.len(), 14);
        assert_eq!(*value, FormValue::Many(vec!["methodology".into()]));
        let chosen = [(
            "credit".to_string(),
            FormValue::Many(vec!["methodology".into(), "formal-analysis".into()]),
        )];
        assert_eq!(
            splice(EntryKind::Person, file, "0", &chosen.into()).unwrap(),
            "- named: full\n  name: A\n  credit: [methodology, formal-analysis]\n  role: R\n"
        );
    }

    #[test]
    fn a_person_whose_consent_is_empty_or_one_word_can_still_be_saved() {
        let person =
            |consent: &str| format!("- named: full\n  name: A\n  consent:{consent}\n  role: R\n");
        for (written, read_as) in [
            (" ~", vec![]),
            ("", vec![]),
            (" site # yes", vec!["site".to_string()]),
        ] {
            let file = person(written);
            assert_eq!(
                consent(&file, "0"),
                FormValue::Many(read_as.clone()),
                "{written:?}"
            );
            let mut renamed = choose(&read_as.iter().map(String::as_str).collect::<Vec<_>>());
            renamed.insert("name".into(), FormValue::One("B".into()));
            assert_eq!(
                splice(EntryKind::Person, &file, "0", &renamed).as_deref(),
                Ok(file.replace("name: A", "name: B").as_str()),
                "{written:?}"
            );
            let out = splice(EntryKind::Person, &file, "0", &choose(&["site", "brief"])).unwrap();
            assert!(
                out.contains("  consent: [site, brief]"),
                "{written:?}: {out}"
            );
            assert_eq!(
                consent(&out, "0"),
                FormValue::Many(vec!["site".into(), "brief".into()])
            );
            let out = splice(EntryKind::Person, &file, "0", &choose(&[])).unwrap();
            assert_eq!(
                consent(&out, "0"),
                FormValue::Many(vec![]),
                "{written:?}: {out}"
            );
            assert!(
                out.contains("name: A\n") && out.contains("role: R\n"),
                "{out}"
            );
        }
    }

    /// The people file `file` once the first person's consent is `values`.
    fn saved(file: &str, values: &[&str]) -> String {
        splice(EntryKind::Person, file, "0", &choose(values)).unwrap()
    }

    #[test]
    fn an_emptied_value_that_is_its_entrys_first_key_keeps_the_entrys_dash() {
        let file = "- named: full\n  name: A\n- name: B # them\n  named: initials\n";
        let out = splice(EntryKind::Person, file, "1", &with(&[("name", "")])).unwrap();
        assert_eq!(out, "- named: full\n  name: A\n-\n  named: initials\n");
        assert_eq!(entries(&out).unwrap().len(), 2);
    }

    #[test]
    fn a_list_that_is_its_entrys_first_key_keeps_the_entrys_dash() {
        let file = "- consent: [site] # yes\n  named: full\n  name: A\n";
        let out = saved(file, &[]);
        assert_eq!(out, "-\n  named: full\n  name: A\n");
        let noted = "- consent: # asked\n    - site\n  named: full\n";
        let out = saved(noted, &[]);
        assert_eq!(out, "- # asked\n  named: full\n");
        assert_eq!(entries(&out).unwrap().len(), 1);
        assert_eq!(consent(&out, "0"), FormValue::Many(vec![]));
        assert_eq!(saved(file, &["brief"]), file.replace("[site]", "[brief]"));
    }

    #[test]
    fn comments_inside_a_rewritten_list_are_kept_above_it() {
        let block = "- named: full\n  name: A\n  consent: # asked in May\n    - site # one\n    # a note\n    - slides\n  role: R\n";
        assert_eq!(
            saved(block, &["brief"]),
            "- named: full\n  name: A\n  # asked in May\n  # one\n  # a note\n  consent: [brief]\n  role: R\n"
        );
        assert_eq!(
            saved(block, &[]),
            "- named: full\n  name: A\n  # asked in May\n  # one\n  # a note\n  role: R\n"
        );
        let flow = "- named: full\n  name: A\n  consent: [site, # the site\n    slides] # end\n  role: R\n";
        assert_eq!(
            saved(flow, &["site"]),
            "- named: full\n  name: A\n  # the site\n  consent: [site] # end\n  role: R\n"
        );
    }

    #[test]
    fn comments_kept_in_a_file_with_crlf_lines_end_as_its_lines_do() {
        let file = "- named: full\r\n  consent: # asked\r\n    - site\r\n  role: R\r\n";
        assert_eq!(
            saved(file, &["brief"]),
            "- named: full\r\n  # asked\r\n  consent: [brief]\r\n  role: R\r\n"
        );
    }

    #[test]
    fn a_new_line_in_a_file_with_crlf_lines_ends_as_its_lines_do() {
        let file = FILE.replace('\n', "\r\n");
        let out = splice(
            EntryKind::Finding,
            &file,
            "a",
            &with(&[("context", "New.")]),
        )
        .unwrap();
        assert_eq!(
            out,
            file.replace(
                "effect: benefit\r\n",
                "effect: benefit\r\n  context: New.\r\n"
            )
        );
    }

    #[test]
    fn a_new_entry_in_a_file_with_crlf_lines_ends_its_lines_as_the_file_does() {
        let values = with(&[
            ("id", "c"),
            ("title", "T"),
            ("summary", "S."),
            ("effect", "both"),
        ]);
        let file = FILE.replace('\n', "\r\n");
        let out = append(EntryKind::Finding, &file, &values).unwrap();
        let added = "- id: c\r\n  title: T\r\n  summary: S.\r\n  effect: both\r\n";
        assert_eq!(out, format!("{file}\r\n{added}"));
        let out = append(EntryKind::Finding, "# None yet.\r\n", &values).unwrap();
        assert_eq!(out, format!("# None yet.\r\n{added}"));
    }

    #[test]
    fn a_bracket_in_a_comment_does_not_end_a_flow_list() {
        let file = "- named: full\n  name: A\n  consent: [site, slides # [x] ]\n  ]\n  role: R\n";
        assert_eq!(
            saved(file, &["site"]),
            "- named: full\n  name: A\n  # [x] ]\n  consent: [site]\n  role: R\n"
        );
    }

    #[test]
    fn a_list_with_an_anchor_or_tag_before_its_items_is_refused_not_broken() {
        let file = "- named: full\n  name: A\n  consent: &c\n    - site\n- named: full\n  name: B\n  consent: *c\n";
        assert!(splice(EntryKind::Person, file, "0", &choose(&["brief"])).is_err());
        let flow = "- named: full\n  name: A\n  consent: !!seq [site]\n";
        assert_eq!(
            splice(EntryKind::Person, flow, "0", &choose(&["brief"])).unwrap(),
            flow.replace("[site]", "[brief]")
        );
    }

    #[test]
    fn a_list_with_nothing_chosen_is_taken_out_and_a_new_one_gets_its_line() {
        let out = splice(EntryKind::Person, PEOPLE, "0", &choose(&[])).unwrap();
        assert_eq!(
            out,
            PEOPLE.replace(
                "  consent:\n    - site\n    - slides # and the slides\n",
                ""
            )
        );
        let out = splice(EntryKind::Person, &out, "0", &choose(&["citation"])).unwrap();
        assert_eq!(
            out,
            PEOPLE.replace(
                "  consent:\n    - site\n    - slides # and the slides\n  role: Peer worker\n",
                "  role: Peer worker\n  consent: [citation]\n"
            )
        );
        let mut values = choose(&["site"]);
        values.insert("named".into(), FormValue::One("pseudonym".into()));
        values.insert("pseudonym".into(), FormValue::One("Kit".into()));
        let added = append(EntryKind::Person, PEOPLE, &values).unwrap();
        assert_eq!(
            added,
            format!("{PEOPLE}- named: pseudonym\n  consent: [site]\n  pseudonym: Kit\n")
        );
        assert!(reads_back(EntryKind::Person, &added, "2", &values).is_ok());
    }

    #[test]
    fn a_value_on_two_lines_is_refused() {
        assert!(splice(EntryKind::Finding, FILE, "a", &with(&[("title", "a\nb")])).is_err());
    }

    #[test]
    fn a_listed_value_the_form_has_no_box_for_is_kept_after_the_chosen_ones() {
        let file = "- named: full\n  name: A\n  consent: [site, sldies]\n  credit: [future-role, methodology]\n  role: R\n";
        let values: FormValues = [
            ("consent".to_string(), FormValue::Many(vec!["brief".into()])),
            ("credit".to_string(), FormValue::Many(vec![])),
        ]
        .into();
        let out = splice(EntryKind::Person, file, "0", &values).unwrap();
        assert_eq!(
            out,
            "- named: full\n  name: A\n  consent: [brief, sldies]\n  credit: [future-role]\n  role: R\n"
        );
        assert_eq!(reads_back(EntryKind::Person, &out, "0", &values), Ok(()));
        // Chosen as they were: nothing changes.
        assert_eq!(saved(file, &["site"]), file);
    }

    #[test]
    fn a_posted_value_that_is_not_one_of_its_fields_choices_is_named() {
        let named = |pairs: &[(&str, FormValue)]| {
            let values: FormValues = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            not_a_choice(EntryKind::Person, &values)
        };
        let many = |vs: &[&str]| FormValue::Many(vs.iter().map(|v| v.to_string()).collect());
        let one = |v: &str| FormValue::One(v.to_string());
        assert_eq!(
            named(&[("named", one("full")), ("consent", many(&["site"]))]),
            None
        );
        assert_eq!(named(&[("named", one("")), ("credit", many(&[]))]), None);
        assert_eq!(
            named(&[("named", one("famous"))]),
            Some(("named", "famous".to_string()))
        );
        assert_eq!(
            named(&[("consent", many(&["site", "radio"]))]),
            Some(("consent", "radio".to_string()))
        );
        assert_eq!(
            named(&[("credit", many(&["methodology", "typing"]))]),
            Some(("credit", "typing".to_string()))
        );
        let effect: FormValues = [("effect".to_string(), one("maybe"))].into();
        assert_eq!(
            not_a_choice(EntryKind::Finding, &effect),
            Some(("effect", "maybe".to_string()))
        );
        assert_eq!(
            not_a_choice(
                EntryKind::Finding,
                &with(&[("effect", "both"), ("title", "x")])
            ),
            None
        );
    }
}
