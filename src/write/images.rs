//! Every JPEG, PNG, WebP and GIF the site publishes (content assets beside their pages,
//! the theme's static files) written cleaned of metadata (see [`crate::outputs::images`]).
//! A source image that holds a location is reported (rule `image-location`), so the
//! author knows their own copy still has it; one that cannot be read is an error at its
//! file and is not published.

use std::path::Path;

use image::ImageFormat;

use crate::outputs::images::{copies, has_location};
use crate::text::diagnostics::Diagnostic;
use crate::text::error::{Error, Result};
use crate::text::rule::CheckConfig;
use crate::write::Staging;

/// Publishes the image at `from` as `rel`, cleaned, with its narrower copies. Returns the site problems found (a
/// location in the source, an image that cannot be published); a failed write is an
/// error. With no staging (`check`), the image is still read and checked.
pub fn publish(
    from: &Path,
    rel: &str,
    shown: &str,
    format: ImageFormat,
    staging: Option<&Staging>,
    checks: &CheckConfig,
) -> Result<Vec<Diagnostic>> {
    let bytes = std::fs::read(from).map_err(|e| Error::read(from, e))?;
    let mut problems = Vec::new();
    if has_location(&bytes) {
        if let Some(d) = checks.diagnostic(
            "image-location",
            "this image holds the place where it was taken (GPS); the published copy does not, but your own file still does",
        ) {
            problems.push(d.in_file(shown).help("remove the location from your copy too (most photo apps can: \"remove location\"), or turn location off in the camera"));
        }
    }
    match copies(&bytes, rel, format) {
        Ok(files) => {
            if let Some(s) = staging {
                for (name, bytes) in files {
                    s.write(&name, &bytes)?;
                }
            }
        }
        Err(problem) => problems.push(problem.diagnostic(shown)),
    }
    Ok(problems)
}
