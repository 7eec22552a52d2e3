//! `plainsite new DIR`: makes a new site that builds at once, in the languages asked for.

use std::path::PathBuf;

use clap::Args;

use crate::cmd::scaffold::{self, Languages};
use crate::text::error::Result;

/// Options of this command.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to make the site in.
    pub dir: PathBuf,
    /// The site's language, then any others, with commas: `--language fr,en` makes a
    /// site in French with its English translation. The example pages come in English
    /// (en) and French (fr); the theme also has its words in Chinese (zh) and Arabic (ar).
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub language: Vec<String>,
}

pub fn execute(args: NewArgs) -> Result<()> {
    let languages = Languages::parse(&args.language)?;
    let count = scaffold::create(&args.dir, &languages)?;
    let shown = args.dir.display();
    eprintln!("Made a new site in {shown} ({count} files).");
    eprintln!("Next: plainsite serve --root {shown}   (then open http://127.0.0.1:1111/)");
    Ok(())
}
