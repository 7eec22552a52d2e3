//! `plainsite epub`: builds the site, then writes it as one EPUB 3 book per language
//! into the output folder (see `outputs::epub` for what a book holds).

use std::path::PathBuf;

use clap::Args;

use super::SiteArgs;
use crate::outputs::epub;
use crate::text::error::Result;

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
    super::brief::build_site(&args.site, args.output.as_ref(), Ok(&epub::Books)).map(|_| ())
}
