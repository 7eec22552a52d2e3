//! YAML and serde error messages made into diagnostics: the place of the problem, the
//! valid keys or values, and a did-you-mean. Shared by front matter, data files and
//! chart specs (YAML) and site.toml (serde's unknown-field message).

use crate::text::diagnostics::{did_you_mean, Diagnostic};

/// Turns a YAML error into a diagnostic in `file`, whose YAML starts after
/// `line_offset` lines. Unknown keys get a did-you-mean and the list of valid keys.
pub fn yaml_error(
    file: &str,
    text: &str,
    line_offset: usize,
    e: &serde_saphyr::Error,
    keys: &[&str],
) -> Diagnostic {
    let full = e.without_snippet().to_string();
    let message = full.lines().next().unwrap_or("invalid YAML").trim();
    let message = message.split(", expected one of").next().unwrap_or(message);
    let message = strip_location_suffix(message);
    let mut d = Diagnostic::error(format!("invalid YAML: {message}"));
    d = match e.location() {
        Some(loc) if loc.line() > 0 => d.at(
            file,
            text,
            loc.line() as usize + line_offset,
            (loc.column() as usize).max(1),
        ),
        _ => d.at(file, text, line_offset.max(1), 1),
    };
    if let Some((value, allowed)) = unknown_variant(&full) {
        let list = match allowed.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => allowed.join(", "),
        };
        match did_you_mean(value, allowed.iter().copied()) {
            Some(s) => d.help(format!(
                "did you mean {s}? The values allowed here are: {list}"
            )),
            None => d.help(format!("the values allowed here are: {list}")),
        }
    } else if let Some(unknown) = unknown_field(&full) {
        let mut help = format!("valid keys here are: {}", keys.join(", "));
        if let Some(s) = did_you_mean(unknown, keys.iter().copied()) {
            help = format!("did you mean `{s}`? {help}");
        }
        d.help(help)
    } else if let Some(missing) = full
        .split("missing field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        d.help(format!("add a line `{missing}: ...` here"))
    } else if full.contains("duplicate") {
        d.help("each key may appear once: remove or rename one of them")
    } else {
        d.help("check the indentation and punctuation on this line; text with a colon followed by a space needs quotes, e.g. title: \"Roles: who does what\"")
    }
}

/// The value and the allowed values in serde's "unknown variant `x`, expected one of
/// `a`, `b`" (or "expected `a` or `b`").
fn unknown_variant(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = message.split("unknown variant `").nth(1)?;
    let (value, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected")?.1.lines().next().unwrap_or("");
    let expected = strip_location_suffix(expected.trim().trim_start_matches("one of").trim());
    let allowed: Vec<&str> = expected
        .split([',', ' '])
        .map(|v| v.trim_matches('`'))
        .filter(|v| !v.is_empty() && *v != "or")
        .collect();
    (!allowed.is_empty()).then_some((value, allowed))
}

/// serde-saphyr may end a message with " at line X column Y": the diagnostic shows the
/// place itself.
fn strip_location_suffix(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// The name inside serde's "unknown field `x`" message.
pub fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}
