//! Every JPEG, PNG, WebP and GIF the site publishes (content assets beside their pages,
//! the theme's static files) written cleaned of metadata (see [`crate::outputs::images`]).
//! A source image that holds a location is reported (rule `image-location`), so the
//! author knows their own copy still has it; one that cannot be read is an error at its
//! file and is not published.

use std::path::Path;

use image::ImageFormat;
use sha2::{Digest, Sha256};

use crate::load::images::displayed_size;
use crate::outputs::images::{copies, has_location, shown_on};
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};
use crate::text::rule::{CheckConfig, Rule};
use crate::write::Staging;

/// The hidden folder of the output where each published image's record is kept (beside
/// the output's marker file): the key of its source and of how plainsite processes it,
/// with the source's size and modification time when it was read. The way chart PNGs
/// are, an image whose key matches is taken from the previous build instead of decoded
/// and encoded again.
pub const KEYS: &str = ".plainsite-images";

/// An image file to publish: where it is, its path in the output, how it is named in
/// messages, and the pages (their files) that show it.
pub struct Image<'a> {
    pub from: &'a Path,
    pub rel: &'a str,
    pub shown: &'a str,
    pub used_on: &'a [String],
}

/// What the last build knew of an image, kept in its file under [`KEYS`] (JSON): a
/// rebuild that finds the source's size and time unchanged trusts `key` without
/// reading the source again, and takes its width and location from here.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Record {
    /// Hex SHA-256 of this plainsite's processing settings and the source's bytes.
    key: String,
    /// How plainsite processed it ([`settings`]), so a new version never trusts `stamp`.
    settings: String,
    /// The source's size in bytes and modification time (nanoseconds since 1970).
    stamp: (u64, u128),
    /// The published width, which names the narrower copies.
    width: u32,
    /// Whether the source holds a GPS position (warned about at every build).
    location: bool,
}

/// Publishes the image, cleaned, with its narrower copies. Returns the site problems
/// found (a location in the source, an image that cannot be published), each naming
/// the pages that show the image; a failed write is an error. With no staging
/// (`check`), the image is still read and checked.
pub fn publish(
    image: &Image,
    format: ImageFormat,
    staging: Option<&Staging>,
    checks: &CheckConfig,
) -> Result<Vec<Diagnostic>> {
    let Some(s) = staging else {
        // `check` publishes nothing: reading the image is enough to find its problems.
        let bytes = std::fs::read(image.from).map_err(|e| Error::read(image.from, e))?;
        let mut problems = location_warning(image, has_location(&bytes), checks);
        if let Err(problem) = crate::outputs::images::decode(&bytes, format) {
            problems.push(problem.diagnostic(image.shown, image.used_on));
        }
        return Ok(problems);
    };
    let key_file = format!("{KEYS}/{}", image.rel);
    let last = last_record(s, &key_file);
    let stamp = stamp(image.from);
    if let Some(last) = last.as_ref().filter(|r| stamp.is_some_and(|t| r.fresh(t))) {
        // Same size and time as when the last build read it: kept without reading it.
        if keep(s, image.rel, &key_file, last.width, None)? {
            return Ok(location_warning(image, last.location, checks));
        }
    }
    let bytes = std::fs::read(image.from).map_err(|e| Error::read(image.from, e))?;
    let location = has_location(&bytes);
    let mut problems = location_warning(image, location, checks);
    let key = key(&bytes);
    let record = |width| Record {
        key: key.clone(),
        settings: settings(),
        stamp: stamp.unwrap_or_default(),
        width,
        location,
    };
    if let Some(last) = last.filter(|r| r.key == key) {
        // Touched or copied, not changed: kept, with the new time recorded.
        if keep(
            s,
            image.rel,
            &key_file,
            last.width,
            Some(&record(last.width)),
        )? {
            return Ok(problems);
        }
    }
    match copies(&bytes, image.rel, format) {
        Ok(files) => {
            let width = displayed_size(image.from).map_or(0, |(w, _)| w);
            for (name, bytes) in files {
                s.write(&name, &bytes)?;
            }
            write_record(s, &key_file, &record(width))?;
        }
        Err(problem) => problems.push(problem.diagnostic(image.shown, image.used_on)),
    }
    Ok(problems)
}

/// The warning that the source holds a location, when it does and the rule is on.
fn location_warning(image: &Image, location: bool, checks: &CheckConfig) -> Vec<Diagnostic> {
    if !location {
        return Vec::new();
    }
    let message = format!("this image holds the place where it was taken (GPS); the published copy does not, but your own file still does{}", shown_on(image.used_on));
    checks
        .diagnostic(Rule::ImageLocation, message)
        .map(|d| d.in_file(image.shown).help("remove the location from your copy too (most photo apps can: \"remove location\"), or turn location off in the camera"))
        .into_iter()
        .collect()
}

impl Record {
    /// Whether the source is as it was when this record was written, by this plainsite.
    fn fresh(&self, stamp: (u64, u128)) -> bool {
        self.stamp == stamp && self.settings == settings()
    }
}

/// The source's size and modification time, or None when the system does not say.
fn stamp(from: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(from).ok()?;
    let time = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), time.as_nanos()))
}

/// The record the last build left for the image, if it is one this plainsite reads.
fn last_record(s: &Staging, key_file: &str) -> Option<Record> {
    let bytes = std::fs::read(s.previous(key_file)?).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn write_record(s: &Staging, key_file: &str, record: &Record) -> Result<()> {
    let json = serde_json::to_vec(record)
        .map_err(|e| Error::write(s.path().join(key_file), std::io::Error::other(e)))?;
    s.write(key_file, &json)
}

/// How plainsite processes images, as a hex SHA-256: its version, widths and settings.
fn settings() -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(format!("{:?}", crate::load::images::WIDTHS).as_bytes());
    h.update(crate::outputs::images::PROCESSING.as_bytes());
    crate::text::hex(&h.finalize())
}

/// What an image's published files depend on, as a hex SHA-256: its bytes and this
/// plainsite's [`settings`].
fn key(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(settings().as_bytes());
    h.update(bytes);
    crate::text::hex(&h.finalize())
}

/// Takes the image's files (those of an image `width` pixels wide) from the previous
/// build when each is there, with its record (the last one, or `record` when given).
/// Returns whether it did.
fn keep(
    s: &Staging,
    rel: &str,
    key_file: &str,
    width: u32,
    record: Option<&Record>,
) -> Result<bool> {
    let names: Vec<String> = crate::load::images::published(rel, width)
        .into_iter()
        .map(|(name, _, _)| name)
        .collect();
    let Some(found) = names
        .iter()
        .map(|n| s.previous(n))
        .collect::<Option<Vec<_>>>()
    else {
        return Ok(false);
    };
    for (path, name) in found.iter().zip(&names) {
        s.keep(path, name)?;
    }
    match (record, s.previous(key_file)) {
        (Some(r), _) => write_record(s, key_file, r)?,
        (None, Some(path)) => s.keep(&path, key_file)?,
        (None, None) => return Ok(false),
    }
    Ok(true)
}
