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
        let mut made = Vec::new();
        for brief in site.briefs {
            for paper in self.papers {
                let rel = file_for(&brief.page, &brief.lang, paper);
                let page = site.dir.join(&brief.page);
                print_brief(&self.browser, &page, paper, &site.dir.join(&rel))?;
                made.push(rel);
            }
        }
        Ok(made)
    }
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
pub fn print_brief(browser: &Path, page: &Path, paper: &str, pdf: &Path) -> Result<()> {
    print(browser, page, paper, pdf)?;
    if page_count(&std::fs::read(pdf).unwrap_or_default()) > 1 {
        print_with(browser, page, &format!("paper={paper}&sides=2"), pdf)?;
    }
    Ok(())
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
    match run(browser, &url, pdf, sandbox) {
        Err(reason) if sandbox && reason.to_ascii_lowercase().contains("sandbox") => {
            run(browser, &url, pdf, false).map_err(fail)
        }
        other => other.map_err(fail),
    }
}

/// One run of the browser; the error is the reason, with the browser's last words.
fn run(browser: &Path, url: &str, pdf: &Path, sandbox: bool) -> std::result::Result<(), String> {
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
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("it took more than {} s", TIME_LIMIT.as_secs()));
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

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/my site/brief/index.html")),
            "file:///tmp/my%20site/brief/index.html"
        );
        assert_eq!(file_url(Path::new("/a/é.html")), "file:///a/%C3%A9.html");
    }
}
