//! `plainsite check`: runs every check on the site and writes nothing (but the author
//! report, when asked for).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{print_timings, SiteArgs};
use crate::load::config::Overrides;
use crate::pipeline::{self, BuildOptions, Mode};
use crate::text::error::Result;

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people: grouped by page, with the line quoted and the words marked.
    Text,
    /// For CI and editors: every problem, suggestions included, on standard output as
    /// one JSON array, written as the problems are found.
    Json,
}

/// Options of this command.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// How to print the problems.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write the author report (every page's reading grade, hardest sentences and
    /// problems, worst first) to this HTML file. It is not part of the site.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Report, as an error, each address an earlier build published that is now gone
    /// and not redirected: PATH is that build's `.plainsite-manifest`, or its output
    /// folder. Keeps printed handouts and QR codes working.
    #[arg(long, value_name = "PATH")]
    pub since: Option<PathBuf>,
    /// Warn about pages whose review_due date is on or before this date (YYYY-MM-DD;
    /// default: today). Only `check` looks at the date: a build never depends on it.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<String>,
}

fn parse_date(s: &str) -> std::result::Result<String, String> {
    if s.len() == 10 && crate::load::frontmatter::is_date(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "\"{s}\" is not a date: write it as year-month-day, e.g. 2026-11-30"
        ))
    }
}

pub fn execute(args: CheckArgs) -> Result<()> {
    // Before the checks run: a wrong path is the one thing to say.
    if let Some(since) = &args.since {
        std::fs::metadata(since).map_err(|e| crate::text::error::Error::read(since, e))?;
    }
    let json = args.format == Format::Json;
    let opts = BuildOptions {
        since: args.since.clone(),
        only: None,
        overdue: None,
        cancel: None,
        output: pipeline::default_output(&args.site.root),
        root: args.site.root.clone(),
        overrides: Overrides::default(),
        drafts: args.site.drafts,
        mode: Mode::Check,
        checks: true,
        report: args.report.clone(),
        today: Some(
            args.today
                .clone()
                .unwrap_or_else(crate::checks::review::today),
        ),
    };
    let reporter = args.site.reporter().collect_json(json);
    let started = std::time::Instant::now();
    let result = pipeline::run(&opts, &reporter);
    if json {
        reporter.finish_json();
    } else {
        super::print_rule_counts(&reporter, args.report.as_deref());
    }
    match result {
        Ok(summary) => {
            eprintln!("{}", summary.line("Checked"));
            if let Some(r) = &args.report {
                eprintln!("The author report is in {}", r.display());
            }
            if args.site.timings {
                print_timings(&summary);
            }
            Ok(())
        }
        Err(e) => {
            eprintln!(
                "Check found {}",
                pipeline::failure_line(&reporter, started.elapsed())
            );
            Err(e)
        }
    }
}
