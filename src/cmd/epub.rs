//! `plainsite epub`: builds the site, then writes it as one EPUB 3 book per language
//! into the output folder (see `outputs::epub` for what a book holds).

use std::path::PathBuf;

use clap::Args;

use super::SiteArgs;
use crate::outputs::epub;
use crate::text::error::{Error, Result};

/// Options of this command.
#[derive(Debug, Args)]
pub struct EpubArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site and the books (default: public/ in the site's folder).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

pub fn execute(args: EpubArgs) -> Result<()> {
    let finish = |w: &crate::pipeline::Written| {
        let mut made = Vec::new();
        for book in w.books.iter().filter(|b| !b.pages.is_empty()) {
            let rel = epub::file_for(book);
            epub::write(book, w.dir, &w.dir.join(&rel)).map_err(|reason| {
                Error::Refused(format!(
                    "could not write the EPUB book ({}): {reason}",
                    book.lang
                ))
            })?;
            made.push(rel);
        }
        Ok(made)
    };
    super::brief::build_site(&args.site, args.output.as_ref(), "EPUB", &finish).map(|_| ())
}
