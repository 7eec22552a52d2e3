//! PDFs of printable pages (the policy brief), made by an installed Chromium, Chrome or
//! Edge in headless mode: the same engine the tests use, so the PDF is what a reader
//! would print. Chromium writes tagged PDFs with the page's language and, when asked,
//! an outline from the headings. The browser runs with its own empty profile, no
//! network services, and a time limit.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::text::error::{Error, Result};

/// Browser programs tried in order, after `PLAINSITE_BROWSER`.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "msedge",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
];

/// The longest one PDF may take.
const TIME_LIMIT: Duration = Duration::from_secs(90);

/// The browser to print with, if one is installed.
pub fn find_browser() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PLAINSITE_BROWSER").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    BROWSERS.iter().find_map(|name| {
        let path = Path::new(name);
        if path.is_absolute() {
            return path.is_file().then(|| path.to_path_buf());
        }
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    })
}

/// The PDFs of every brief on each of `papers` (`a4`, `letter`), beside the brief's page
/// (`plainsite brief`), printed with `browser`.
pub struct Pdfs<'a> {
    pub browser: PathBuf,
    pub papers: &'a [&'a str],
}

impl super::Export for Pdfs<'_> {
    fn what(&self) -> &'static str {
        "PDF"
    }

    fn command(&self) -> Option<&'static str> {
        Some("plainsite brief")
    }

    fn export(&self, site: &super::Written) -> Result<Vec<String>> {
        if site.briefs.is_empty() {
            return Err(super::no_brief());
        }
        site.problems
            .borrow_mut()
            .extend(super::placeholder_address(site.briefs));
        let mut made = Vec::new();
        for brief in site.briefs {
            for paper in self.papers {
                let rel = file_for(&brief.page, &brief.lang, paper);
                let page = site.dir.join(&brief.page);
                let pages = print_brief(&self.browser, &page, paper, &site.dir.join(&rel))
                    .map_err(|e| match e {
                        Error::Pdf { reason, .. } => Error::Pdf {
                            pdf: site.output.join(&rel),
                            reason,
                        },
                        e => e,
                    })?;
                if let Some(d) = too_long(site.checks, brief, &rel, paper, pages) {
                    site.problems.borrow_mut().push(d);
                }
                made.push(rel);
            }
        }
        Ok(made)
    }
}

/// The most pages a brief may print on: one sheet, both sides.
const SHEET: usize = 2;

/// The problem of a brief that printed on more than one sheet of `paper`.
fn too_long(
    checks: &crate::text::rule::CheckConfig,
    brief: &super::docx::Brief,
    pdf: &str,
    paper: &str,
    pages: usize,
) -> Option<crate::text::diagnostics::Diagnostic> {
    if pages <= SHEET {
        return None;
    }
    let paper = if paper == "a4" { "A4" } else { "US Letter" };
    let message = format!(
        "this brief prints on {pages} pages of {paper} ({pdf}): more than one sheet of paper, both sides"
    );
    let d = checks.diagnostic(crate::text::rule::Rule::BriefLength, message)?;
    Some(d.in_file(brief.source.clone()).help(
        "shorten it to what a decision maker needs: the key messages and recommendations, with a link to the site for the rest; or take out the chart",
    ))
}

/// The PDF of a brief page on one paper, beside the page: `brief/index.html` in English
/// on A4 is `brief/brief-en-a4.pdf`.
pub fn file_for(page: &str, lang: &str, paper: &str) -> String {
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

/// Prints `page` (a file) with `?paper=PAPER` to `pdf`.
pub fn print(browser: &Path, page: &Path, paper: &str, pdf: &Path) -> Result<()> {
    print_with(browser, page, &format!("paper={paper}"), pdf)
}

/// Prints a brief on `paper`: on one side when it fits; when it does not, again with
/// `sides=2`, which starts the second page about halfway (see the theme's brief.js), so
/// no second page is left nearly empty.
/// Returns the number of pages it printed on.
pub fn print_brief(browser: &Path, page: &Path, paper: &str, pdf: &Path) -> Result<usize> {
    print(browser, page, paper, pdf)?;
    let pages = page_count(&std::fs::read(pdf).unwrap_or_default());
    if pages <= 1 {
        return Ok(pages);
    }
    print_with(browser, page, &format!("paper={paper}&sides=2"), pdf)?;
    Ok(page_count(&std::fs::read(pdf).unwrap_or_default()))
}

/// The number of pages of a PDF written by Chromium: its `/Type /Page` objects (Chromium
/// writes page dictionaries uncompressed).
pub fn page_count(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && !w[needle.len()].is_ascii_alphanumeric())
        .count()
}

/// Prints `page` with `query` after its address. Chromium's sandbox is on unless
/// plainsite runs as root (Chromium refuses that) or the machine cannot give it one
/// (some containers), in which case the print is tried once more without it.
fn print_with(browser: &Path, page: &Path, query: &str, pdf: &Path) -> Result<()> {
    let fail = |reason: String| Error::Pdf {
        pdf: pdf.to_path_buf(),
        reason,
    };
    let page = page
        .canonicalize()
        .map_err(|e| fail(format!("{}: {e}", page.display())))?;
    let url = format!("{}?{query}", file_url(&page));
    let sandbox = !running_as_root();
    match run(browser, &url, pdf, sandbox, TIME_LIMIT) {
        Err(reason) if sandbox && reason.to_ascii_lowercase().contains("sandbox") => {
            run(browser, &url, pdf, false, TIME_LIMIT).map_err(fail)
        }
        other => other.map_err(fail),
    }
}

/// One run of the browser; the error is the reason, with the browser's last words.
fn run(
    browser: &Path,
    url: &str,
    pdf: &Path,
    sandbox: bool,
    limit: Duration,
) -> std::result::Result<(), String> {
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    // The browser's messages go to a file: a pipe nobody reads could fill and stall it.
    let log_path = profile.path().join("browser.log");
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let mut cmd = Command::new(browser);
    cmd.arg("--headless")
        .args([
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
        ])
        .args([
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log));
    if !sandbox {
        cmd.arg("--no-sandbox");
    }
    let _ = std::fs::remove_file(pdf);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                stop(&mut child);
                return Err(format!("it took more than {} s", limit.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let written = std::fs::read(pdf)
        .map(|b| b.starts_with(b"%PDF"))
        .unwrap_or(false);
    if written {
        return Ok(());
    }
    let messages = std::fs::read_to_string(&log_path).unwrap_or_default();
    let last = messages
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_string();
    Err(format!(
        "the browser ended ({status}) without writing a PDF: {last}"
    ))
}

/// Stops a browser that ran out of time, with every process it started (Chromium's
/// own, or whatever a wrapper script runs), which would otherwise run on. The browser
/// stays in plainsite's process group, so Ctrl-C reaches it too.
fn stop(child: &mut std::process::Child) {
    #[cfg(target_os = "linux")]
    {
        let pids: Vec<String> = descendants(child.id()).iter().map(u32::to_string).collect();
        if !pids.is_empty() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(&pids)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The processes `pid` started, and theirs, from each process's parent in /proc.
#[cfg(target_os = "linux")]
fn descendants(pid: u32) -> Vec<u32> {
    let parent_of = |entry: std::fs::DirEntry| -> Option<(u32, u32)> {
        let id: u32 = entry.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
        // "pid (name) state ppid …": the name may hold spaces and brackets.
        let ppid = stat.rsplit_once(") ")?.1.split(' ').nth(1)?.parse().ok()?;
        Some((id, ppid))
    };
    let all: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(parent_of)
        .collect();
    let (mut out, mut next) = (Vec::new(), vec![pid]);
    while let Some(p) = next.pop() {
        for &(id, ppid) in &all {
            if ppid == p && !out.contains(&id) {
                out.push(id);
                next.push(id);
            }
        }
    }
    out
}

/// A `file://` address for an absolute path, with the characters a URL cannot hold
/// percent-encoded.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from(if text.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .map(|uid| uid == "0")
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_browser_out_of_time_is_stopped_with_every_process_it_started() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let (script, pid) = (dir.path().join("browser"), dir.path().join("pid"));
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nsleep 1000 &\necho $! > {}\nwait\n",
                pid.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let pdf = dir.path().join("a.pdf");
        let err = run(&script, "file:///x", &pdf, false, Duration::from_secs(1)).unwrap_err();
        assert!(err.contains("took more than 1 s"), "{err}");
        let pid = std::fs::read_to_string(&pid).unwrap();
        // Gone, or a zombie (dead, waiting for whoever adopted it to reap it).
        std::thread::sleep(Duration::from_millis(200));
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim()));
        let alive = stat.is_ok_and(|s| {
            let state = s.rsplit_once(") ").map(|(_, rest)| rest.chars().next());
            state.flatten().is_some_and(|c| c != 'Z' && c != 'X')
        });
        assert!(!alive, "the browser's own process {pid} was left running");
    }

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/my site/brief/index.html")),
            "file:///tmp/my%20site/brief/index.html"
        );
        assert_eq!(file_url(Path::new("/a/é.html")), "file:///a/%C3%A9.html");
    }
}
