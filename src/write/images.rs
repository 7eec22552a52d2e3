//! Every JPEG, PNG, WebP and GIF the site publishes (content assets beside their pages,
//! the theme's static files) written cleaned of metadata (see [`crate::outputs::images`]).
//! A source image that holds a location is reported (rule `image-location`), so the
//! author knows their own copy still has it; one that cannot be read is an error at its
//! file and is not published.

use std::path::Path;

use image::ImageFormat;
use sha2::{Digest, Sha256};

use crate::outputs::images::{copies, has_location, shown_on};
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};
use crate::text::rule::{CheckConfig, Rule};
use crate::write::Staging;

/// The hidden folder of the output where each published image's key is kept (beside
/// the output's marker file): a hash of its source and of how plainsite processes it.
/// The way chart PNGs are, an image whose key matches is taken from the previous build
/// instead of decoded and encoded again.
pub const KEYS: &str = ".plainsite-images";

/// An image file to publish: where it is, its path in the output, how it is named in
/// messages, and the pages (their files) that show it.
pub struct Image<'a> {
    pub from: &'a Path,
    pub rel: &'a str,
    pub shown: &'a str,
    pub used_on: &'a [String],
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
    let &Image {
        from,
        rel,
        shown,
        used_on,
    } = image;
    let bytes = std::fs::read(from).map_err(|e| Error::read(from, e))?;
    let mut problems = Vec::new();
    if has_location(&bytes) {
        if let Some(d) = checks.diagnostic(
            Rule::ImageLocation,
            format!("this image holds the place where it was taken (GPS); the published copy does not, but your own file still does{}", shown_on(used_on)),
        ) {
            problems.push(d.in_file(shown).help("remove the location from your copy too (most photo apps can: \"remove location\"), or turn location off in the camera"));
        }
    }
    let Some(s) = staging else {
        // `check` publishes nothing: reading the image is enough to find its problems.
        if let Err(problem) = crate::outputs::images::decode(&bytes, format) {
            problems.push(problem.diagnostic(shown, used_on));
        }
        return Ok(problems);
    };
    let key = key(&bytes);
    let key_file = format!("{KEYS}/{rel}");
    if reuse(s, from, rel, &key_file, &key)? {
        return Ok(problems);
    }
    match copies(&bytes, rel, format) {
        Ok(files) => {
            for (name, bytes) in files {
                s.write(&name, &bytes)?;
            }
            s.write(&key_file, key.as_bytes())?;
        }
        Err(problem) => problems.push(problem.diagnostic(shown, used_on)),
    }
    Ok(problems)
}

/// What an image's published files depend on, as a hex SHA-256: its bytes and this
/// plainsite (its widths, formats and quality settings).
fn key(bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(format!("{:?}", crate::load::images::WIDTHS).as_bytes());
    h.update(crate::outputs::images::PROCESSING.as_bytes());
    h.update(bytes);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Takes the image's files from the previous build when its key there matches and each
/// file is there. Returns whether it did.
fn reuse(s: &Staging, from: &Path, rel: &str, key_file: &str, key: &str) -> Result<bool> {
    let same = s
        .previous(key_file)
        .and_then(|p| std::fs::read(p).ok())
        .is_some_and(|k| k == key.as_bytes());
    let Some((width, _)) = crate::load::images::displayed_size(from).filter(|_| same) else {
        return Ok(false);
    };
    let names: Vec<String> = crate::load::images::published(rel, width)
        .into_iter()
        .map(|(name, _, _)| name)
        .chain([key_file.to_string()])
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
    Ok(true)
}
