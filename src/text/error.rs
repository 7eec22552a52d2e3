//! Fatal errors: problems that stop a command before or after the build itself
//! (a folder that cannot be read or written, an output folder plainsite refuses).
//!
//! Problems inside the site's files are not errors of this kind: they are
//! [`crate::text::diagnostics::Diagnostic`]s, so that every one of them is reported in one run.

use std::path::PathBuf;

/// A problem that stops the current command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Refused(String),
    /// The disk filled up while the build wrote: one problem of the whole build (the
    /// same words for every file not written, so it is said once).
    #[error("{0}")]
    DiskFull(String),
    #[error("the site has {0} error(s); nothing was written")]
    BuildFailed(usize),
    /// A template ran past render_time_limit and serve gave the build up.
    #[error("{0}")]
    RenderStopped(String),
    #[error("the dev server could not start on {addr}: {reason}")]
    Server { addr: String, reason: String },
    /// No Chromium, Chrome or Edge to print PDFs with.
    #[error("no Chromium, Chrome or Edge browser was found to make the PDF\n  = help: install one (on Debian or Ubuntu: sudo apt install chromium), or set PLAINSITE_BROWSER to its path\n  = help: or print it yourself: open {page} in a browser, press Ctrl+P (Cmd+P on a Mac), choose \"Save as PDF\", and pick A4 or Letter paper")]
    NoBrowser { page: String },
    #[error("the browser could not make {pdf}: {reason}")]
    Pdf { pdf: PathBuf, reason: String },
}

/// Result type of plainsite's fallible functions.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Wraps an I/O error from reading `path`.
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    /// The problem as a diagnostic of `file`; a full disk is the build's, not the file's,
    /// and is given no file, so that it is reported once however many files it stopped.
    pub fn diagnostic_of(&self, file: &str) -> crate::text::diagnostics::Diagnostic {
        let d = crate::text::diagnostics::Diagnostic::error(self.to_string());
        match self {
            Error::DiskFull(_) => d,
            _ => d.in_file(file.to_string()),
        }
    }

    /// Wraps an I/O error from writing `path`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }
}
