//! `plainsite brief`: builds the site, then prints each policy brief (every page made
//! with the `brief.html` template, in every language) to PDF on A4 and US Letter paper
//! with an installed Chromium, Chrome or Edge. The PDFs are written next to the brief's
//! page in the output folder. Without a browser it says how to print from one instead.
//! With `--docx` it writes each brief as a Word file to edit instead.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::SiteArgs;
use crate::load::config::Overrides;
use crate::outputs::{docx, no_brief, pdf, Export};
use crate::pipeline::{self, BuildOptions, Mode};
use crate::text::error::{Error, Result};

/// Paper sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Paper {
    A4,
    Letter,
    /// One PDF for each.
    Both,
}

/// Options of this command.
#[derive(Debug, Args)]
pub struct BriefArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site and the PDFs (default: public/ in the site's folder).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The paper to print on.
    #[arg(long, value_enum, default_value_t = Paper::Both)]
    pub paper: Paper,
    /// Write each brief as a Word file (.docx) to edit, instead of PDFs (no browser
    /// needed).
    #[arg(long)]
    pub docx: bool,
}

/// Builds the site for a command that makes files from it (PDFs, Word files, EPUBs):
/// `export` writes them into the built site before it replaces the output folder, so a
/// failure leaves the last good site and its files as they were. Returns the output
/// folder and what the build did. Without `export` the site alone is built (`what`
/// names the files that were not made, in the message).
pub(super) fn build_site(
    site: &SiteArgs,
    output: Option<&PathBuf>,
    export: std::result::Result<&dyn Export, &str>,
) -> Result<(PathBuf, pipeline::Summary)> {
    let what = export.map_or_else(|what| what, |e| e.what());
    let output = output
        .cloned()
        .unwrap_or_else(|| pipeline::default_output(&site.root));
    // Checked and resolved once, so the files go into the folder the build wrote.
    let output = crate::write::OutputDir::new(&site.root, &output)?
        .path()
        .to_path_buf();
    let opts = BuildOptions {
        since: None,
        today: None,
        only: None,
        overdue: None,
        cancel: None,
        root: site.root.clone(),
        output: output.clone(),
        overrides: Overrides::default(),
        drafts: site.drafts,
        mode: Mode::Build,
        checks: true,
        report: None,
    };
    let reporter = site.reporter();
    let summary = match pipeline::run_then(&opts, &reporter, export.ok()) {
        Ok(s) => s,
        Err(e) => {
            if reporter.errors() > 0 {
                eprintln!("Build failed: {}; no {what} was made", reporter.errors());
            } else {
                eprintln!(
                    "No {what} was made; {} was left as it was",
                    output.display()
                );
            }
            return Err(e);
        }
    };
    eprintln!("{}", summary.line("Built"));
    super::print_files(&summary);
    Ok((output, summary))
}

pub fn execute(args: BriefArgs) -> Result<()> {
    let output = args.output.as_ref();
    if args.docx {
        return build_site(&args.site, output, Ok(&docx::WordFiles::Every)).map(|_| ());
    }
    let papers: &[&str] = match args.paper {
        Paper::A4 => &["a4"],
        Paper::Letter => &["letter"],
        Paper::Both => &["a4", "letter"],
    };
    let Some(browser) = pdf::find_browser() else {
        // The built pages are kept, to print from a browser by hand.
        let (output, summary) = build_site(&args.site, output, Err("PDF"))?;
        let first = summary.printable.first().ok_or_else(no_brief)?;
        return Err(Error::NoBrowser {
            page: output.join(&first.0).display().to_string(),
        });
    };
    build_site(&args.site, output, Ok(&pdf::Pdfs { browser, papers })).map(|_| ())
}
