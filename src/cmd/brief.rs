//! `plainsite brief`: builds the site, then prints each policy brief (every page made
//! with the `brief.html` template, in every language) to PDF on A4 and US Letter paper
//! with an installed Chromium, Chrome or Edge. The PDFs are written next to the brief's
//! page in the output folder. Without a browser it says how to print from one instead.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::SiteArgs;
use crate::config::Overrides;
use crate::error::{Error, Result};
use crate::outputs::pdf;
use crate::pipeline::{self, BuildOptions, Mode};

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
}

pub fn execute(args: BriefArgs) -> Result<()> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| pipeline::default_output(&args.site.root));
    // Checked and resolved once, so the PDFs go into the folder the build wrote.
    let output = crate::write::OutputDir::new(&args.site.root, &output)?
        .path()
        .to_path_buf();
    let opts = BuildOptions {
        only: None,
        overdue: None,
        root: args.site.root.clone(),
        output: output.clone(),
        overrides: Overrides::default(),
        drafts: args.site.drafts,
        mode: Mode::Build,
        checks: true,
        report: None,
    };
    let reporter = args.site.reporter();
    let summary = match pipeline::run(&opts, &reporter) {
        Ok(s) => s,
        Err(e) => {
            if reporter.errors() > 0 {
                eprintln!("Build failed: {}; no PDF was made", reporter.errors());
            }
            return Err(e);
        }
    };
    eprintln!("{}", summary.line("Built"));
    if summary.printable.is_empty() {
        return Err(Error::Refused(
            "the site has no brief to print\n  = help: make a page with template: brief.html in its front matter, e.g. content/brief.md".into(),
        ));
    }
    let first_page = output.join(&summary.printable[0].0);
    let Some(browser) = pdf::find_browser() else {
        return Err(Error::NoBrowser {
            page: first_page.display().to_string(),
        });
    };
    let papers: &[&str] = match args.paper {
        Paper::A4 => &["a4"],
        Paper::Letter => &["letter"],
        Paper::Both => &["a4", "letter"],
    };
    for (page, lang) in &summary.printable {
        let page_file = output.join(page);
        let dir = page_file.parent().unwrap_or(&output).to_path_buf();
        let stem = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "brief".into());
        for paper in papers {
            let pdf_file = dir.join(format!("{stem}-{lang}-{paper}.pdf"));
            pdf::print(&browser, &page_file, paper, &pdf_file)?;
            eprintln!("Wrote {}", pdf_file.display());
        }
    }
    Ok(())
}
