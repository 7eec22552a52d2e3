//! The command line: one file per subcommand (mdBook's layout), each with its own
//! arguments and an `execute` function.

pub mod brief;
pub mod build;
pub mod check;
pub mod epub;
pub mod new;
pub mod scaffold;
pub mod serve;
pub mod update_theme;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// plainsite builds a plain-language website from Markdown pages and YAML data, and
/// checks that everyone can read it.
#[derive(Debug, Parser)]
#[command(name = "plainsite", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (public/ unless you say otherwise).
    ///
    /// Problems are shown with the file, line and column, and how to fix them. If there
    /// is any error, the output folder is left exactly as it was and the exit code is 1.
    Build(build::BuildArgs),
    /// Build the site, show it in your browser and rebuild it when you save a file.
    ///
    /// The site is at http://127.0.0.1:1111/ unless you choose another port. Every time you
    /// save a page, a template, a data file or site.toml, the site is rebuilt and the page
    /// in your browser reloads. If the new version has an error, the error shows in the
    /// terminal and on the page, and the last good version stays up.
    Serve(serve::ServeArgs),
    /// Run every check on the site without writing anything.
    ///
    /// Checks broken links and anchors, images without alt text, and every problem a
    /// build would find. The exit code is 1 if there is any error.
    Check(check::CheckArgs),
    /// Make a new site in a folder, ready to build.
    ///
    /// Make a new site in DIR: a site.toml, a few example pages, example data (findings,
    /// recommendations, a glossary) and the default theme. DIR must be new or empty.
    New(new::NewArgs),
    /// Build the site and print its policy brief to PDF, on A4 and Letter paper.
    ///
    /// Every page made with the brief.html template is printed, in every language, by
    /// an installed Chromium, Chrome or Edge (set PLAINSITE_BROWSER to choose one). The
    /// PDFs are tagged for screen readers and written next to the brief's page.
    Brief(brief::BriefArgs),
    /// Build the site, then write it as one EPUB book per language, for e-readers.
    ///
    /// The book holds the home page and each menu entry with the pages under it,
    /// charts with their descriptions and data, and accessibility metadata. It is
    /// written to the output folder, e.g. public/taking-part-en.epub.
    Epub(epub::EpubArgs),
    /// Bring the site's copy of the default theme up to this plainsite's.
    ///
    /// plainsite new copies the theme into themes/default, so later fixes to the theme
    /// do not reach the site on their own. This replaces each file an earlier plainsite
    /// wrote and nobody changed, adds the theme's new files, and keeps each file you
    /// changed, naming it.
    UpdateTheme(update_theme::UpdateThemeArgs),
}

/// Options every command that reads a site shares.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site's folder: the one with site.toml in it.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include pages marked draft: true.
    #[arg(long)]
    pub drafts: bool,
    /// Show how long each step of the build took.
    #[arg(long)]
    pub timings: bool,
    /// Treat every warning as an error (suggestions stay suggestions).
    #[arg(long)]
    pub strict: bool,
    /// Print every suggestion. Without it, suggestions are summed per check and per page
    /// (worst pages first); the author report (`check --report`) lists them all.
    #[arg(long)]
    pub suggestions: bool,
}

impl SiteArgs {
    /// The reporter these options ask for.
    pub fn reporter(&self) -> crate::text::diagnostics::Reporter {
        crate::text::diagnostics::Reporter::new()
            .strict(self.strict)
            .show_suggestions(self.suggestions)
    }
}

/// How many suggestions' pages the summary names, worst first.
const WORST_PAGES: usize = 10;

/// Prints how many problems each check found, after the problems themselves, and sums up
/// the suggestions that were not printed. `report` is the author report, if one is written.
pub fn print_rule_counts(
    reporter: &crate::text::diagnostics::Reporter,
    report: Option<&std::path::Path>,
) {
    let counts = reporter.shown_by_rule();
    if !counts.is_empty() {
        let list: Vec<String> = counts.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        eprintln!("By check: {}", list.join(", "));
    }
    let report = match report {
        Some(file) => file.display().to_string(),
        None => "the author report (plainsite check --report report.html)".to_string(),
    };
    for line in reporter.suggestion_summary(WORST_PAGES, &report) {
        eprintln!("{line}");
    }
}

/// Prints the files a command made besides the site, and those of other commands the
/// build kept, grouped by command.
pub fn print_files(summary: &crate::pipeline::Summary) {
    for file in &summary.made {
        eprintln!("Wrote {}", file.display());
    }
    let mut commands: Vec<&str> = summary.kept.iter().map(|(_, c)| c.as_str()).collect();
    commands.sort();
    commands.dedup();
    for command in commands {
        let files: Vec<String> = summary
            .kept
            .iter()
            .filter(|(_, c)| c == command)
            .map(|(f, _)| f.display().to_string())
            .collect();
        let (what, they, them) = match files.len() {
            1 => ("a file", "It shows", "it"),
            _ => ("the files", "They show", "them"),
        };
        eprintln!(
            "Kept {what} that `{command}` made before: {}. {they} the site as it was then; run `{command}` again to update {them}, or delete {them}",
            files.join(", ")
        );
    }
}

/// Prints the time of each stage.
pub fn print_timings(summary: &crate::pipeline::Summary) {
    for (stage, t) in &summary.timings {
        eprintln!("  {:>8.1} ms  {stage}", t.as_secs_f64() * 1000.0);
    }
}
