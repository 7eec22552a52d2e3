//! Slugs: the lower-case, hyphenated names used in web addresses and heading ids; and
//! names in Unicode's composed form, so a file name and a link to it meet.

/// `s` in Unicode's composed form (NFC). A Mac saves a file named "café.md" with "é" as
/// "e" and a combining accent (the decomposed form), while the same name typed in a link
/// is one character: file names, links and titles are compared composed, so they meet.
pub fn composed(s: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return s.into();
    }
    s.nfc().collect::<String>().into()
}

/// The most bytes a part of a page's address may have: a disk allows 255 in a file or
/// folder name, and the build adds to a page's last part (its share picture,
/// `NAME.png`).
pub const MOST_PART_BYTES: usize = 200;

/// What is wrong with a part of an address that is too long for a disk, if it is:
/// its start, its length and the limit, in words for authors.
pub fn too_long(part: &str) -> Option<String> {
    if part.len() <= MOST_PART_BYTES {
        return None;
    }
    let start: String = part.chars().take(24).collect();
    Some(format!(
        "\"{start}…\" is {} bytes long, and an address part may have at most {MOST_PART_BYTES}",
        part.len()
    ))
}

/// Whether Windows (and a USB stick formatted for it) cannot hold a file or folder
/// named `name`: `con`, `prn`, `aux`, `nul`, `com1`-`com9`, `lpt1`-`lpt9` with any
/// extension, a name ending in a dot or a space, and the characters `<>:"|?*\` and
/// control characters. Sites are copied to USB sticks and Windows laptops.
pub fn windows_cannot_hold(name: &str) -> bool {
    let reserved = is_device_name(name.split('.').next().unwrap_or("").trim_end());
    let bad_char = (name.chars()).any(|c| "<>:\"|?*\\".contains(c) || c.is_control());
    reserved || bad_char || name.ends_with('.') || name.ends_with(' ')
}

/// Whether `stem`, a name without its extension, is one Windows keeps for a device
/// (`con`, `prn`, `aux`, `nul`, `com1` to `com9`, `lpt1` to `lpt9`, in any case): a file
/// or folder of that name cannot be opened there, nor copied onto a Windows computer.
pub fn is_device_name(stem: &str) -> bool {
    let stem = stem.to_ascii_lowercase();
    let numbered = |prefix: &str| {
        stem.strip_prefix(prefix)
            .is_some_and(|n| n.len() == 1 && matches!(n.as_bytes()[0], b'1'..=b'9'))
    };
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul") || numbered("com") || numbered("lpt")
}

/// A name to suggest in place of `value`, for a help: `value` as a slug, or `fallback`
/// when nothing of it is left, never a name Windows cannot hold (`con` gives `con-1`).
pub fn example(value: &str, fallback: &str) -> String {
    match slugify(value) {
        s if s.is_empty() => fallback.to_string(),
        s if is_device_name(&s) => format!("{s}-1"),
        s => s,
    }
}

/// The names [`windows_cannot_hold`] refuses, for the help of a problem with one.
pub const WINDOWS_NAMES: &str = "Windows (and USB sticks formatted for it) cannot hold the names con, prn, aux, nul, com1-com9 or lpt1-lpt9 with any extension, names ending in a dot or a space, or the characters < > : \" | ? * \\";

/// Turns a title into a slug: letters and digits are kept (lower-cased), every other run
/// of characters becomes one hyphen. "Pay people fairly!" becomes "pay-people-fairly".
pub fn slugify(text: &str) -> String {
    let text = composed(text);
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            // ASCII, nearly every letter of a title, lower-cased without the Unicode tables.
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c != '\'' && c != '\u{2019}' {
            pending_dash = true;
        }
    }
    out
}

/// The ids already given on a page. Fx-hashed: every heading, footnote and reference
/// of every page is looked up here, and ids are not chosen by an attacker to collide
/// (a page's own author writes them).
pub type IdSet = rustc_hash::FxHashSet<String>;

/// Makes `id` unique among `taken` by adding -2, -3 and so on, and records it.
pub fn unique_id(id: String, taken: &mut IdSet) -> String {
    let base = if id.is_empty() {
        "section".to_string()
    } else {
        id
    };
    if !taken.contains(&base) {
        taken.insert(base.clone());
        return base;
    }
    let mut n = 2;
    let mut candidate = format!("{base}-{n}");
    while taken.contains(&candidate) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    taken.insert(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_example_name_is_never_one_windows_cannot_hold() {
        assert_eq!(example("CON", "pay"), "con-1");
        assert_eq!(example("Pay Fairly", "pay"), "pay-fairly");
        assert_eq!(example("?!", "pay"), "pay");
    }

    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Pay people fairly!"), "pay-people-fairly");
        assert_eq!(
            slugify("  What we found: 85 publications "),
            "what-we-found-85-publications"
        );
        assert_eq!(slugify("People's roles"), "peoples-roles");
        assert_eq!(slugify("Rémunération équitable"), "rémunération-équitable");
        assert_eq!(slugify("!!!"), "");
        // Letters outside ASCII are lower-cased as Unicode says, ASCII ones alike.
        assert_eq!(
            slugify("ÉTUDE Ǆ İstanbul ΣΑΣ"),
            "étude-ǆ-i\u{307}stanbul-σασ"
        );
        assert_eq!(slugify("Step 2: A-Z"), "step-2-a-z");
    }

    #[test]
    fn unique_ids_get_numbers() {
        let mut taken = Default::default();
        assert_eq!(unique_id("notes".into(), &mut taken), "notes");
        assert_eq!(unique_id("notes".into(), &mut taken), "notes-2");
        assert_eq!(unique_id(String::new(), &mut taken), "section");
        assert_eq!(unique_id("notes".into(), &mut taken), "notes-3");
        assert_eq!(unique_id("notes-3".into(), &mut taken), "notes-3-2");
        assert_eq!(unique_id("section".into(), &mut taken), "section-2");
    }

    #[test]
    fn an_address_part_is_too_long_over_the_limit_only() {
        assert_eq!(too_long(&"a".repeat(MOST_PART_BYTES)), None);
        let said = too_long(&"é".repeat(101)).unwrap_or_default();
        assert!(said.contains("is 202 bytes long"), "{said}");
        assert!(
            said.starts_with(&format!("\"{}…\"", "é".repeat(24))),
            "{said}"
        );
    }
}
