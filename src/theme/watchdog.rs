//! A time bound on template rendering. Tera caps `range` and component recursion but
//! not loops inside loops, so a theme mistake could hang a build for ever. Every render
//! registers here; a watcher thread acts when one runs longer than `render_time_limit`
//! (site.toml), after removing the unfinished staging folder, so the last good site
//! stays as it was. `build` stops with exit code 1. `serve` cannot stop a thread stuck
//! inside Tera, so it abandons the build instead ([`Watchdog::abandon_to`]): the message
//! goes to the server, which keeps serving the last good site, and the build, if its
//! render ever returns, sees [`Watchdog::abandoned`] and writes nothing.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What is being rendered and since when.
struct Running {
    started: Instant,
    template: String,
    page: String,
}

struct Inner {
    running: Mutex<HashMap<u64, Running>>,
    next: AtomicU64,
    limit: Duration,
    finished: AtomicBool,
    /// What to do before stopping: remove the unfinished staging folder (set by the
    /// pipeline, which owns the writing).
    cleanup: Mutex<Option<Cleanup>>,
    /// Where to send the message instead of ending the process (serve).
    abandon: Mutex<Option<Sender<String>>>,
    /// Set when the build is given up: by [`Inner::stop`], or by serve through the flag
    /// given to [`Watchdog::cancel_with`]. The build's threads check it between pages.
    abandoned: Mutex<Arc<AtomicBool>>,
}

/// Work to run once before a stopped build ends.
type Cleanup = Box<dyn FnOnce() + Send>;

/// Watches renders for as long as it lives.
pub struct Watchdog {
    inner: Arc<Inner>,
}

/// One render in progress; it is off the watch list when dropped.
pub struct Guard<'a> {
    inner: &'a Inner,
    id: u64,
}

impl Watchdog {
    pub fn start(limit: Duration) -> Watchdog {
        let inner = Arc::new(Inner {
            running: Mutex::new(HashMap::new()),
            next: AtomicU64::new(0),
            limit,
            finished: AtomicBool::new(false),
            cleanup: Mutex::new(None),
            abandon: Mutex::new(None),
            abandoned: Mutex::default(),
        });
        let watched = Arc::clone(&inner);
        let tick = (limit / 4).clamp(Duration::from_millis(20), Duration::from_millis(500));
        let _ = std::thread::Builder::new()
            .name("render-watchdog".into())
            .spawn(move || {
                while !watched.finished.load(Ordering::Relaxed) {
                    std::thread::sleep(tick);
                    if let Some(message) = watched.overdue() {
                        watched.stop(&message);
                        return;
                    }
                }
            });
        Watchdog { inner }
    }

    /// What to run (remove the staging folder) if the build has to be stopped.
    pub fn set_cleanup(&self, cleanup: impl FnOnce() + Send + 'static) {
        *self.inner.cleanup.lock().unwrap_or_else(|p| p.into_inner()) = Some(Box::new(cleanup));
    }

    /// Sends the message of an overdue render to `to` and marks the build abandoned,
    /// instead of ending the process.
    pub fn abandon_to(&self, to: Sender<String>) {
        *self.inner.abandon.lock().unwrap_or_else(|p| p.into_inner()) = Some(to);
    }

    /// Shares `flag` as this build's cancel flag: setting it gives the build up, as an
    /// overdue render does, and an overdue render sets it.
    pub fn cancel_with(&self, flag: Arc<AtomicBool>) {
        *self
            .inner
            .abandoned
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = flag;
    }

    /// Whether a render ran past the limit or the build was cancelled: it must render
    /// and write nothing more.
    pub fn abandoned(&self) -> bool {
        self.inner.is_abandoned()
    }

    /// Puts one render on the watch list.
    pub fn guard(&self, template: &str, page: &str) -> Guard<'_> {
        let id = self.inner.next.fetch_add(1, Ordering::Relaxed);
        let running = Running {
            started: Instant::now(),
            template: template.to_string(),
            page: page.to_string(),
        };
        self.inner
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, running);
        Guard {
            inner: &self.inner,
            id,
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        self.inner.finished.store(true, Ordering::Relaxed);
    }
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.inner
            .running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

impl Inner {
    fn is_abandoned(&self) -> bool {
        let flag = self.abandoned.lock().unwrap_or_else(|p| p.into_inner());
        flag.load(Ordering::SeqCst)
    }

    /// The message for a render that has run past the limit, if one has.
    fn overdue(&self) -> Option<String> {
        let running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        let late = running
            .values()
            .find(|r| r.started.elapsed() > self.limit)?;
        Some(overdue_message(&late.template, &late.page, self.limit))
    }

    /// Removes the staging folder, then ends the process, or, in serve, hands the
    /// message over and marks the build abandoned.
    fn stop(&self, message: &str) {
        self.abandoned
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .store(true, Ordering::SeqCst);
        if let Some(cleanup) = self
            .cleanup
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            cleanup();
        }
        let abandon = self
            .abandon
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        match abandon {
            Some(to) => {
                let _ = to.send(message.to_string());
            }
            None => {
                eprintln!("{message}");
                std::process::exit(1);
            }
        }
    }
}

fn overdue_message(template: &str, page: &str, limit: Duration) -> String {
    format!(
        "error: the template {template} took more than {} s to render {page}, so the build was stopped\n  = help: look for a loop that never ends in {template} (for example a `for` inside a `for` over large ranges); if the page really is that large, raise render_time_limit in site.toml\nThe output folder was left as it was.",
        limit.as_secs_f64()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_renders_leave_the_list_and_late_ones_are_found() {
        let dog = Watchdog::start(Duration::from_secs(3600));
        {
            let _g = dog.guard("page.html", "content/a.md");
            assert_eq!(dog.inner.running.lock().unwrap().len(), 1);
        }
        assert!(dog.inner.running.lock().unwrap().is_empty());
        let quick = Inner {
            running: Mutex::new(HashMap::new()),
            next: AtomicU64::new(0),
            limit: Duration::ZERO,
            finished: AtomicBool::new(false),
            cleanup: Mutex::new(None),
            abandon: Mutex::new(None),
            abandoned: Mutex::default(),
        };
        quick.running.lock().unwrap().insert(
            0,
            Running {
                started: Instant::now(),
                template: "loop.html".into(),
                page: "content/b.md".into(),
            },
        );
        std::thread::sleep(Duration::from_millis(2));
        let message = quick.overdue().unwrap();
        assert!(
            message.contains("loop.html")
                && message.contains("content/b.md")
                && message.contains("render_time_limit"),
            "{message}"
        );
    }

    #[test]
    fn an_overdue_render_in_serve_is_abandoned_not_the_process() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(".public.plainsite-staging-1");
        std::fs::create_dir(&staging).unwrap();
        let dog = Watchdog::start(Duration::from_millis(30));
        let dir = staging.clone();
        dog.set_cleanup(move || crate::write::remove_tree(&dir));
        let (tx, rx) = std::sync::mpsc::channel();
        dog.abandon_to(tx);
        let cancel = Arc::new(AtomicBool::new(false));
        dog.cancel_with(Arc::clone(&cancel));
        let _stuck = dog.guard("loop.html", "content/a.md");
        let message = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        assert!(message.contains("loop.html"), "{message}");
        assert!(dog.abandoned());
        assert!(
            cancel.load(Ordering::SeqCst),
            "the build's other threads see the flag"
        );
        assert!(
            !staging.exists(),
            "the unfinished staging folder is removed"
        );
    }
}
