//! `plainsite brief`: builds the site, then prints each policy brief (every page made
//! with the `brief.html` template, in every language) to PDF on A4 and US Letter paper
//! with an installed Chromium, Chrome or Edge. The PDFs are written next to the brief's
//! page in the output folder. Without a browser it says how to print from one instead.
//! With `--docx` it writes each brief as a Word file to edit instead.

use std::path::{Path, PathBuf};

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

/// Writes the Word file of each brief that `wanted` beside its page in `dir` (a build's
/// staging folder); returns their paths under it.
pub fn write_word_files(
    dir: &Path,
    briefs: &[docx::Brief],
    wanted: impl Fn(&docx::Brief) -> bool,
) -> Result<Vec<String>> {
    let mut made = Vec::new();
    for brief in briefs.iter().filter(|b| wanted(b)) {
        let rel = docx::file_for(&brief.page, &brief.lang);
        docx::write(brief, dir, &dir.join(&rel)).map_err(|reason| {
            Error::Refused(format!(
                "could not write the Word file of the brief: {reason}"
            ))
        })?;
        made.push(rel);
    }
    Ok(made)
}

/// Builds the site for a command that makes files from it (PDFs, Word files, EPUBs):
/// `finish` writes them into the built site before it replaces the output folder, so a
/// failure leaves the last good site and its files as they were. Returns the output
/// folder and what the build did. `what` names those files in the message when the
/// build fails.
pub(super) fn build_site(
    site: &SiteArgs,
    output: Option<&PathBuf>,
    what: &str,
    finish: pipeline::Finish,
) -> Result<(PathBuf, pipeline::Summary)> {
    let output = output
        .cloned()
        .unwrap_or_else(|| pipeline::default_output(&site.root));
    // Checked and resolved once, so the files go into the folder the build wrote.
    let output = crate::write::OutputDir::new(&site.root, &output)?
        .path()
        .to_path_buf();
    let opts = BuildOptions {
        since: None,
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
    let reporter = Reporter::new().strict(site.strict);
    let summary = match pipeline::run_then(&opts, &reporter, Some(finish)) {
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
    for file in &summary.made {
        eprintln!("Wrote {}", file.display());
    }
    Ok((output, summary))
}

/// The error for a site without a brief.
fn no_brief() -> Error {
    Error::Refused(
        "the site has no brief to print\n  = help: make a page with template: brief.html in its front matter, e.g. content/brief.md".into(),
    )
}

pub fn execute(args: BriefArgs) -> Result<()> {
    if args.docx {
        let finish = |w: &pipeline::Written| match w.briefs.is_empty() {
            true => Err(no_brief()),
            false => write_word_files(w.dir, w.briefs, |_| true),
        };
        return build_site(&args.site, args.output.as_ref(), "Word file", &finish).map(|_| ());
    }
    let papers: &[&str] = match args.paper {
        Paper::A4 => &["a4"],
        Paper::Letter => &["letter"],
        Paper::Both => &["a4", "letter"],
    };
    let Some(browser) = pdf::find_browser() else {
        // The built pages are kept, to print from a browser by hand.
        let (output, summary) =
            build_site(&args.site, args.output.as_ref(), "PDF", &|_| Ok(Vec::new()))?;
        let first = summary.printable.first().ok_or_else(no_brief)?;
        return Err(Error::NoBrowser {
            page: output.join(&first.0).display().to_string(),
        });
    };
    let finish = |w: &pipeline::Written| {
        if w.briefs.is_empty() {
            return Err(no_brief());
        }
        let mut made = Vec::new();
        for brief in w.briefs {
            for paper in papers {
                let rel = pdf_for(&brief.page, &brief.lang, paper);
                pdf::print_brief(&browser, &w.dir.join(&brief.page), paper, &w.dir.join(&rel))?;
                made.push(rel);
            }
        }
        Ok(made)
    };
    build_site(&args.site, args.output.as_ref(), "PDF", &finish).map(|_| ())
}

/// The PDF of a brief page on one paper, beside the page: `brief/index.html` in English
/// on A4 is `brief/brief-en-a4.pdf`.
fn pdf_for(page: &str, lang: &str, paper: &str) -> String {
    let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
    let stem = dir
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("brief");
    match dir {
        "" => format!("{stem}-{lang}-{paper}.pdf"),
        _ => format!("{dir}/{stem}-{lang}-{paper}.pdf"),
    }
}
