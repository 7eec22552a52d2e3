//! `plainsite new DIR`: makes a new site that builds at once.

use std::path::PathBuf;

use clap::Args;

use crate::text::error::Result;

/// Options of this command.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The folder to make the site in.
    pub dir: PathBuf,
}

pub fn execute(args: NewArgs) -> Result<()> {
    let count = crate::cmd::scaffold::create(&args.dir)?;
    let shown = args.dir.display();
    eprintln!("Made a new site in {shown} ({count} files).");
    eprintln!("Next: plainsite serve --root {shown}   (then open http://127.0.0.1:1111/)");
    Ok(())
}
