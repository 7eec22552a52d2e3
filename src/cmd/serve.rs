//! `plainsite serve`: builds the site, serves it on this computer, rebuilds on every
//! change and reloads the open page. A failed rebuild shows its error in the terminal
//! and over the page, and the last good site stays served. Each build runs on threads
//! of its own, so a template stuck in a loop costs that build only: the watchdog gives
//! it up, serve reports it and goes on serving the last good site.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use clap::Args;

use super::SiteArgs;
use crate::load::config::Overrides;
use crate::pipeline::{self, BuildOptions, Mode};
use crate::server::{DevServer, Shared};
use crate::text::diagnostics::Reporter;
use crate::text::error::{Error, Result};

/// Options of this command.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The network interface to listen on. Only this computer can see 127.0.0.1; use
    /// another address only if other people on your network should see the site.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: String,
    /// Let other computers on the network see the site: needed with an --interface that
    /// is not this computer's own (127.0.0.1, ::1, localhost).
    #[arg(long)]
    pub allow_network: bool,
    /// Where to write the site while serving (default: a folder of its own in the
    /// system's temporary folder, removed when serve stops; public/ keeps the last build).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Let the author view edit pages in the browser. The address printed holds a
    /// secret key for this run; only this computer can edit.
    #[arg(long)]
    pub edit: bool,
    /// With --edit on an --interface other than this computer's own: let other
    /// computers on the network edit pages too (anyone who has the printed address).
    #[arg(long, requires = "edit")]
    pub allow_network_edit: bool,
}

// Long because it sets up the server, the first build and the watch loop, which share the options and the server's state.
pub fn execute(args: ServeArgs) -> Result<()> {
    let interface = args.interface.clone();
    check_interface(&interface, args.allow_network)?;
    if args.edit && !is_loopback(&interface) && !args.allow_network_edit {
        return Err(Error::Refused(format!(
            "--edit works only on this computer, and {interface} is not this computer's own address\n  = help: leave out --interface to edit on this computer; to let other computers on your network edit pages too, add --allow-network-edit"
        )));
    }
    let editor = if args.edit {
        Some(crate::server::edit::Editor::new(
            &args.site.root,
            args.allow_network_edit,
        )?)
    } else {
        None
    };
    let token = editor.as_ref().map(|e| e.token().to_string());
    let (output, _scratch) = serve_output(args.output.as_deref())?;
    // Checked and resolved once, so the server reads the folder the builds write.
    let output = crate::write::OutputDir::new(&args.site.root, &output)?
        .path()
        .to_path_buf();
    let host = if interface.contains(':') {
        format!("[{interface}]")
    } else {
        interface.clone()
    };
    let shared = Arc::new(Shared::default());
    // Listen first, so the address the site is built for has the port the system gave
    // (with --port 0, any free one).
    let server = DevServer::start(
        &format!("{host}:{}", args.port),
        output.clone(),
        "/".into(),
        Arc::clone(&shared),
        editor,
    )?;
    let addr = format!("{host}:{}", server.addr.port());
    let opts = BuildOptions {
        since: None,
        today: None,
        only: None,
        overdue: None,
        cancel: None,
        root: args.site.root.clone(),
        output: output.clone(),
        overrides: Overrides {
            base_url: Some(format!("http://{addr}/")),
        },
        drafts: args.site.drafts,
        mode: Mode::Serve,
        checks: true,
        report: None,
    };
    let _ = shared.build.set(opts.clone());
    let strict = args.site.strict;
    let mut last = rebuild(&opts, &shared, args.site.timings, strict, true, None);
    let watcher = crate::server::watch::watch(&args.site.root, Duration::from_millis(50)).map_err(
        |reason| Error::Server {
            addr: addr.clone(),
            reason: format!("could not watch the site's files: {reason}"),
        },
    )?;
    eprintln!("Serving the site at http://{addr}/ (press Ctrl+C to stop)");
    if let Some(token) = token {
        eprintln!("Editing is on. Open this address to edit pages (it holds this run's secret key; do not share it): http://{addr}/?edit={token}");
    }
    let root = args
        .site
        .root
        .canonicalize()
        .unwrap_or_else(|_| args.site.root.clone());
    // The full build after a change runs in the background, so the next edit never waits
    // for it: a newer change stops it (it is stale) and starts another.
    let mut running: Option<FullBuild> = None;
    // The site as the last good build loaded it, while every change since was to the
    // text of pages (which the one-page updates put in it).
    let mut kept = last.as_ref().map(|s| s.warm.clone()).unwrap_or_default();
    loop {
        let changed = match watcher.changes.recv_timeout(Duration::from_millis(50)) {
            Ok(changed) => changed,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Some(done) = running.as_ref().and_then(FullBuild::finished) {
                    take_build(done, &mut last, &mut kept);
                    running = None;
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // The build running now is stale: it is given up, and the edited page is
        // written without waiting for it to end (the next full build waits instead).
        let before = running
            .take()
            .and_then(|build| build.give_up(&mut last, &mut kept));
        let names: Vec<String> = changed
            .iter()
            .take(3)
            .map(|p| match p.strip_prefix(&root) {
                // The watcher missed events: the whole site is rebuilt.
                Ok(rel) if rel.as_os_str().is_empty() => "the whole site".to_string(),
                Ok(rel) => rel.display().to_string(),
                Err(_) => p.display().to_string(),
            })
            .collect();
        eprintln!("Changed: {}", names.join(", "));
        let edits = last
            .as_ref()
            .and_then(|s| body_only_edits(&root, &changed, &s.front_matter));
        if edits.is_none() {
            kept = Default::default();
        }
        let timings = args.site.timings;
        let reloaded =
            edits.is_some_and(|files| update_pages(&opts, files, &shared, &names, &kept, timings));
        running = Some(FullBuild::start(
            &opts,
            &shared,
            (timings, strict, !reloaded),
            before,
        ));
    }
    if let Some(build) = running.take() {
        build.stop();
    }
    server.stop();
    Ok(())
}

/// Takes in a full build that ended: a good one is now the last good build, and its
/// loaded site the one the next one-page updates start from.
fn take_build(
    result: Option<pipeline::Summary>,
    last: &mut Option<pipeline::Summary>,
    kept: &mut pipeline::Kept,
) {
    if let Some(summary) = result {
        *kept = summary.warm.clone();
        *last = Some(summary);
    }
}

/// Whether the interface is this computer's own address.
fn is_loopback(interface: &str) -> bool {
    interface
        .parse::<std::net::IpAddr>()
        .map(|ip| ip.is_loopback())
        .unwrap_or(interface == "localhost")
}

/// Refuses an address other computers can reach unless `--allow-network` says so.
fn check_interface(interface: &str, allow_network: bool) -> Result<()> {
    let loopback = is_loopback(interface);
    if !loopback && !allow_network {
        return Err(Error::Refused(format!(
            "serve listens only on this computer, and {interface} is not this computer's own address\n  = help: to let other computers on your network see the site while it runs, add --allow-network"
        )));
    }
    if !loopback {
        eprintln!("warning: serving on {interface}: other computers on this network can see the site while it runs");
    }
    Ok(())
}

/// An edit to the text of pages (not their front matter) changes no other page: those
/// pages are re-rendered into the served folder and the browser reloads at once. With
/// the site `kept` from the last build, only the changed files are read again. The
/// full build follows, for everything site-wide (links, glossary, feed). Returns
/// whether the pages were updated.
fn update_pages(
    opts: &BuildOptions,
    files: std::collections::HashSet<String>,
    shared: &Arc<Shared>,
    names: &[String],
    kept: &pipeline::Kept,
    timings: bool,
) -> bool {
    let started = std::time::Instant::now();
    let quick = BuildOptions {
        only: Some(files),
        ..opts.clone()
    };
    let reporter = Arc::new(Reporter::silent());
    let result = if kept.is_some() {
        let kept = kept.clone();
        run_bounded_with(&quick, &reporter, move |o, r| kept.update(o, r))
    } else {
        run_bounded(&quick, &reporter)
    };
    let Ok(mut summary) = result else {
        return false;
    };
    shared.author.update(std::mem::take(&mut summary.author));
    shared.publish_pages();
    eprintln!(
        "Updated {} in {:.0} ms; checking the whole site",
        names.join(", "),
        started.elapsed().as_secs_f64() * 1000.0
    );
    if timings {
        super::print_timings(&summary);
    }
    true
}

/// The files under `content/` behind `changed` when every change is to the text of an
/// existing page and none to its front matter; otherwise `None`.
fn body_only_edits(
    root: &std::path::Path,
    changed: &[PathBuf],
    front_matter: &std::collections::HashMap<String, u64>,
) -> Option<std::collections::HashSet<String>> {
    let content = root.join("content");
    let mut files = std::collections::HashSet::new();
    for path in changed {
        let rel = path.strip_prefix(&content).ok()?;
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !rel.ends_with(".md") || rel.starts_with("_data/") {
            return None;
        }
        let text = std::fs::read_to_string(path).ok()?;
        let source = crate::load::discover::SourceFile::new(
            rel.clone(),
            crate::load::discover::SourceKind::Page,
            text,
        );
        let (_, body_offset) = crate::load::frontmatter::parse(&source).ok()?;
        let hash = pipeline::front_matter_hash(&source.text[..body_offset.min(source.text.len())]);
        if front_matter.get(&rel) != Some(&hash) {
            return None;
        }
        files.insert(rel);
    }
    (!files.is_empty()).then_some(files)
}

/// A full build running on a thread of its own, which a newer change can stop.
struct FullBuild {
    /// The build's cancel flag ([`BuildOptions::cancel`]), which the render watchdog
    /// sets too.
    cancel: Arc<AtomicBool>,
    /// Set by [`FullBuild::stop`] and [`FullBuild::give_up`] only: the build was given
    /// up for a newer change.
    stopped: Arc<Stopped>,
    done: mpsc::Receiver<Option<pipeline::Summary>>,
}

impl FullBuild {
    /// Starts [`rebuild`] in the background, once the build `after` (given up) has
    /// ended and let the output folder go.
    fn start(
        opts: &BuildOptions,
        shared: &Arc<Shared>,
        (timings, strict, publish_ok): (bool, bool, bool),
        after: Option<FullBuild>,
    ) -> FullBuild {
        let cancel = Arc::new(AtomicBool::new(false));
        let opts = BuildOptions {
            cancel: Some(Arc::clone(&cancel)),
            ..opts.clone()
        };
        let (tx, done) = mpsc::channel();
        let shared = Arc::clone(shared);
        let stopped = Arc::new(Stopped::default());
        let stop = Arc::clone(&stopped);
        let build = move || {
            if let Some(before) = after {
                let _ = before.done.recv();
            }
            // Given up already, while it waited: a newer change starts another.
            let result = if stop.is_set() {
                None
            } else {
                rebuild(&opts, &shared, timings, strict, publish_ok, Some(&stop))
            };
            let _ = tx.send(result);
        };
        let spawned = std::thread::Builder::new()
            .name("full-build".into())
            .spawn(build);
        if spawned.is_err() {
            eprintln!(
                "could not start the full build in the background; run plainsite serve again"
            );
        }
        FullBuild {
            cancel,
            stopped,
            done,
        }
    }

    /// The build's result once it has finished: `Some(None)` for a failed build.
    fn finished(&self) -> Option<Option<pipeline::Summary>> {
        self.done.try_recv().ok()
    }

    /// Stops the build, stale after a newer change, and waits until it has let the
    /// output folder go (it renders no more pages and writes nothing); a build that had
    /// already finished gives its result.
    fn stop(self) -> Option<pipeline::Summary> {
        self.stopped.set();
        self.cancel.store(true, Ordering::SeqCst);
        self.done.recv().ok().flatten()
    }

    /// Gives the build up, stale after a newer change, without waiting for it: from
    /// now on it cannot swap its folder in, and a one-page update may write the output
    /// meanwhile (see [`crate::write::Staging::in_place`]). A build that had already
    /// finished is taken in as the last build and `None` is returned; otherwise the
    /// build, still ending, for the next full build to wait for.
    fn give_up(
        self,
        last: &mut Option<pipeline::Summary>,
        kept: &mut pipeline::Kept,
    ) -> Option<FullBuild> {
        if let Some(done) = self.finished() {
            take_build(done, last, kept);
            return None;
        }
        self.stopped.set();
        self.cancel.store(true, Ordering::SeqCst);
        Some(self)
    }
}

/// Whether serve gave a build up for a newer change. A build tells the open pages how
/// it went only through [`Stopped::report`], so one given up after its swap (which it had
/// finished) never overwrites the newer problem list of the change that replaced it, nor
/// reloads the pages after it.
#[derive(Default)]
struct Stopped {
    flag: AtomicBool,
    reporting: std::sync::Mutex<()>,
}

impl Stopped {
    /// Gives the build up; waits for a report under way to end.
    fn set(&self) {
        let _reporting = self.reporting.lock().unwrap_or_else(|p| p.into_inner());
        self.flag.store(true, Ordering::SeqCst);
    }

    fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }

    /// Runs `report` unless the build was given up; says whether it ran.
    fn report(&self, report: impl FnOnce()) -> bool {
        let _reporting = self.reporting.lock().unwrap_or_else(|p| p.into_inner());
        if self.is_set() {
            return false;
        }
        report();
        true
    }
}
/// Where `serve` builds the site: `--output`, or a folder of its own made for this run in
/// the system's temporary folder (readable by this user only; removed when serve stops).
/// Never `public/`: that is the folder people publish, and the pages served carry the
/// dev server's scripts and are not minified; a `build` made while serve runs stays.
fn serve_output(output: Option<&Path>) -> Result<(PathBuf, Option<tempfile::TempDir>)> {
    if let Some(output) = output {
        return Ok((output.to_path_buf(), None));
    }
    let scratch = tempfile::Builder::new()
        .prefix("plainsite-serve-")
        .tempdir()
        .map_err(|e| Error::write(std::env::temp_dir(), e))?;
    // Ctrl+C ends serve: the folder goes first (a link in it is removed, never followed).
    crate::write::remove_when_interrupted(scratch.path());
    // A folder inside it, so the build's staging folder and lock are private too.
    Ok((scratch.path().join("site"), Some(scratch)))
}

/// Builds once and tells the open pages how it went; a good build that only confirms a
/// page already reloaded (`publish_ok` false) sends no second reload.
fn rebuild(
    opts: &BuildOptions,
    shared: &Shared,
    timings: bool,
    strict: bool,
    publish_ok: bool,
    stopped: Option<&Stopped>,
) -> Option<pipeline::Summary> {
    let reporter = Arc::new(Reporter::new().strict(strict).keep_all());
    let tell_pages = |tell: &mut dyn FnMut()| match stopped {
        Some(stopped) => stopped.report(tell),
        None => {
            tell();
            true
        }
    };
    match run_bounded(opts, &reporter) {
        // A newer change stopped it: the next build says how that one went.
        Err(_) if stopped.is_some_and(Stopped::is_set) => {
            eprintln!("note: this build was stopped for a newer change; the next build starts now");
            None
        }
        Ok(mut summary) => {
            eprintln!("{}", summary.line("Built"));
            // A build given up after its swap: the newer change reports instead.
            tell_pages(&mut || {
                shared
                    .author
                    .full(std::mem::take(&mut summary.author), reporter.diagnostics());
                if publish_ok || shared.snapshot().1.is_some() {
                    shared.publish(None);
                }
            });
            if timings {
                super::print_timings(&summary);
            }
            Some(summary)
        }
        Err(e) => {
            let mut report: String = reporter
                .diagnostics()
                .iter()
                .filter(|d| d.severity == crate::text::diagnostics::Severity::Error)
                .map(|d| d.render(false))
                .collect::<Vec<_>>()
                .join("\n");
            if report.is_empty() || matches!(e, Error::RenderStopped(_)) {
                report = e.to_string();
            }
            match &e {
                Error::BuildFailed(_) => {}
                // The watchdog's message says what it is.
                Error::RenderStopped(message) => eprintln!("{message}"),
                _ => eprintln!("error: {e}"),
            }
            // Serve's own folder is made by the first build that works.
            let serving = match opts.output.exists() {
                true => "still serving the last good site",
                false => "the site shows once they are fixed",
            };
            eprintln!(
                "Build failed: {} error(s); {serving}",
                reporter.errors().max(1)
            );
            tell_pages(&mut || shared.publish(Some(report.clone())));
            None
        }
    }
}

/// Runs one build on a thread of its own with its own worker threads, and waits for it
/// or for the watchdog to give it up. Tera cannot be interrupted, so a render stuck in a
/// loop keeps its threads until Tera's own limits end it; its build has no staging
/// folder left and writes nothing (see [`crate::theme::watchdog`]), and the next build runs on
/// fresh threads.
fn run_bounded(opts: &BuildOptions, reporter: &Arc<Reporter>) -> Result<pipeline::Summary> {
    run_bounded_with(opts, reporter, pipeline::run)
}

/// [`run_bounded`] for any run of the pipeline: a full one, or a one-page update from
/// the kept site.
fn run_bounded_with(
    opts: &BuildOptions,
    reporter: &Arc<Reporter>,
    run: impl FnOnce(&BuildOptions, &Reporter) -> Result<pipeline::Summary> + Send + 'static,
) -> Result<pipeline::Summary> {
    let (overdue_tx, overdue) = mpsc::channel();
    let (done_tx, done) = mpsc::channel();
    let opts = BuildOptions {
        since: None,
        today: None,
        overdue: Some(overdue_tx),
        ..opts.clone()
    };
    let reporter = Arc::clone(reporter);
    let cannot =
        |e: &dyn std::fmt::Display| Error::Refused(format!("could not start a build: {e}"));
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("build-{i}"))
        .build()
        .map_err(|e| cannot(&e))?;
    std::thread::Builder::new()
        .name("build".into())
        .spawn(move || {
            let result = pool.install(|| run(&opts, &reporter));
            let _ = done_tx.send(result);
        })
        .map_err(|e| cannot(&e))?;
    loop {
        if let Ok(message) = overdue.try_recv() {
            return Err(Error::RenderStopped(message));
        }
        match done.recv_timeout(Duration::from_millis(20)) {
            Ok(result) => {
                return match overdue.try_recv() {
                    Ok(message) => Err(Error::RenderStopped(message)),
                    Err(_) => result,
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Error::Refused("the build stopped unexpectedly".into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn copy_dir(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let dest = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }

    #[test]
    fn a_build_given_up_after_it_finished_does_not_tell_the_pages() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&repo.join("tests/fixtures/basic"), &root);
        copy_dir(&repo.join("themes/default"), &root.join("themes/default"));
        let opts = BuildOptions {
            root: root.clone(),
            output: root.join("public"),
            overrides: Overrides::default(),
            drafts: false,
            mode: Mode::Serve,
            checks: true,
            report: None,
            only: None,
            since: None,
            today: None,
            overdue: None,
            cancel: None,
        };
        let shared = Shared::default();
        let stopped = Stopped::default();
        assert!(rebuild(&opts, &shared, false, false, true, Some(&stopped)).is_some());
        assert_eq!(
            shared.snapshot().0,
            1,
            "a build still wanted reloads the pages"
        );
        // Given up once its swap was done: the change that replaced it reports instead.
        stopped.set();
        assert!(rebuild(&opts, &shared, false, false, true, Some(&stopped)).is_some());
        assert_eq!(shared.snapshot().0, 1, "a build given up reloads nothing");
    }
}
