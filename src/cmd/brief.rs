//! `plainsite brief`: builds the site, then prints each policy brief (every page made
//! with the `brief.html` template, in every language) to PDF on A4 and US Letter paper
//! with an installed Chromium, Chrome or Edge. The PDFs are written next to the brief's
//! page in the output folder. Without a browser it says how to print from one instead.
//! With `--docx` it writes each brief as a Word file to edit instead.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::SiteArgs;
use crate::load::config::Overrides;
use crate::outputs::{docx, pdf};
use crate::pipeline::{self, BuildOptions, Mode};
use crate::text::diagnostics::Reporter;
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

/// Writes the Word file of each brief that `wanted`, beside its page.
pub fn write_word_files(
    output: &std::path::Path,
    briefs: &[docx::Brief],
    wanted: impl Fn(&docx::Brief) -> bool,
) -> Result<()> {
    for brief in briefs.iter().filter(|b| wanted(b)) {
        let file = output.join(docx::file_for(&brief.page, &brief.lang));
        docx::write(brief, output, &file).map_err(|reason| {
            Error::Refused(format!(
                "could not write the Word file of the brief: {reason}"
            ))
        })?;
        eprintln!("Wrote {}", file.display());
    }
    Ok(())
}

/// Builds the site for a command that then makes files from it (PDFs, Word files,
/// EPUBs); returns the output folder and what the build did. `what` names those files
/// in the message when the build fails.
pub(super) fn build_site(
    site: &SiteArgs,
    output: Option<&PathBuf>,
    what: &str,
) -> Result<(PathBuf, pipeline::Summary)> {
    let output = output
        .cloned()
        .unwrap_or_else(|| pipeline::default_output(&site.root));
    // Checked and resolved once, so the files go into the folder the build wrote.
    let output = crate::write::OutputDir::new(&site.root, &output)?
        .path()
        .to_path_buf();
    let opts = BuildOptions {
        today: None,
        only: None,
        overdue: None,
        root: site.root.clone(),
        output: output.clone(),
        overrides: Overrides::default(),
        drafts: site.drafts,
        mode: Mode::Build,
        checks: true,
        report: None,
    };
    let reporter = Reporter::new().strict(site.strict);
    let summary = match pipeline::run(&opts, &reporter) {
        Ok(s) => s,
        Err(e) => {
            if reporter.errors() > 0 {
                eprintln!("Build failed: {}; no {what} was made", reporter.errors());
            }
            return Err(e);
        }
    };
    eprintln!("{}", summary.line("Built"));
    Ok((output, summary))
}

pub fn execute(args: BriefArgs) -> Result<()> {
    let what = if args.docx { "Word file" } else { "PDF" };
    let (output, summary) = build_site(&args.site, args.output.as_ref(), what)?;
    if summary.printable.is_empty() {
        return Err(Error::Refused(
            "the site has no brief to print\n  = help: make a page with template: brief.html in its front matter, e.g. content/brief.md".into(),
        ));
    }
    if args.docx {
        return write_word_files(&output, &summary.briefs, |_| true);
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
            pdf::print_brief(&browser, &page_file, paper, &pdf_file)?;
            eprintln!("Wrote {}", pdf_file.display());
        }
    }
    Ok(())
}
