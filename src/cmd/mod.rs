//! The command line: one file per subcommand (mdBook's layout), each with its own
//! arguments and an `execute` function.

pub mod build;
pub mod check;
pub mod new;
pub mod serve;

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
    Build(build::BuildArgs),
    /// Build the site, show it in your browser and rebuild it when you save a file.
    Serve(serve::ServeArgs),
    /// Run every check on the site without writing anything.
    Check(check::CheckArgs),
    /// Make a new site in a folder, ready to build.
    New(new::NewArgs),
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
}

/// Prints the time of each stage.
pub fn print_timings(summary: &crate::pipeline::Summary) {
    for (stage, t) in &summary.timings {
        eprintln!("  {:>8.1} ms  {stage}", t.as_secs_f64() * 1000.0);
    }
}
