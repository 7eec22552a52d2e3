//! `plainsite serve` over real HTTP on 127.0.0.1: pages, redirects, the 404 page,
//! refused paths, and the rebuild-and-reload cycle, including a failed rebuild that
//! keeps the last good site.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

struct Server {
    child: Child,
    port: u16,
    lines: mpsc::Receiver<String>,
    /// One dev server at a time: the load test measures one server, not four.
    _turn: std::sync::MutexGuard<'static, ()>,
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(f: &Fixture) -> Server {
    let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let port = free_port();
    let mut child = Command::new(BIN)
        .args(["serve", "--port", &port.to_string()])
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let server = Server {
        child,
        port,
        lines,
        _turn: turn,
    };
    wait_for_line(&server, "Serving the site at");
    server
}

fn wait_for_line(s: &Server, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = String::new();
    while Instant::now() < deadline {
        if let Ok(line) = s.lines.recv_timeout(Duration::from_millis(100)) {
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(needle) {
                return seen;
            }
        }
    }
    panic!("no line with {needle:?} within 20 s; saw:\n{seen}");
}

/// A raw HTTP/1.1 request; returns the status code, the headers and the body.
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Read the head, then exactly Content-Length bytes, as browsers do (they do not wait
    // for the server to close the connection).
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(head_end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            if let Some(len) = length {
                if raw.len() >= head_end + 4 + len {
                    break;
                }
            }
        }
    }
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

#[test]
fn serves_pages_and_refuses_paths_outside_the_site() {
    let f = Fixture::new("basic");
    let s = start(&f);
    let (status, _, body) = get(s.port, "/");
    assert_eq!(status, 200);
    assert!(body.contains("Fixture home"));
    assert!(
        body.contains("__plainsite/reload.js"),
        "the reload script is added while serving"
    );
    let (status, head, _) = get(s.port, "/guide");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /guide/"), "{head}");
    let (status, head, _) = get(s.port, "/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"));
    let (status, _, body) = get(s.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("We could not find that page"));
    for bad in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2f..%2fetc/passwd",
        "/%5c..%5c..%5cetc%5cpasswd",
        "/guide/%00",
    ] {
        let (status, _, body) = get(s.port, bad);
        assert!(status == 403 || status == 404, "{bad}: {status}");
        assert!(!body.contains("root:"), "{bad} leaked a system file");
    }
    let (status, _, body) = get(s.port, "/__plainsite/poll");
    assert_eq!(status, 200);
    assert_eq!(body, r#"{"error":null,"version":1}"#);
}

/// Follows the reload channel until a build whose state satisfies `done`; returns it.
fn wait_for_build(port: u16, mut since: u64, done: impl Fn(&str) -> bool) -> (u64, String) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let (_, _, body) = get(port, &format!("/__plainsite/poll?since={since}"));
        let version = body
            .split("\"version\":")
            .nth(1)
            .and_then(|v| v.trim_end_matches('}').parse().ok())
            .unwrap_or(since);
        if version != since && done(&body) {
            return (version, body);
        }
        since = version;
    }
    panic!("no build matched within 30 s");
}

#[test]
fn rebuilds_on_change_and_keeps_the_last_good_site_on_error() {
    let f = Fixture::new("basic");
    let s = start(&f);
    f.write_atomic(
        "content/guide/second.md",
        "---\ntitle: Second page\n---\nFreshly edited text.\n",
    );
    let (v, _) = wait_for_build(s.port, 1, |b| b.contains(r#""error":null"#));
    let (_, _, page) = get(s.port, "/guide/second/");
    assert!(page.contains("Freshly edited text."), "{page}");

    f.write_atomic(
        "content/guide/second.md",
        "---\ntitle: [broken\n---\nBroken.\n",
    );
    let (v, body) = wait_for_build(s.port, v, |b| b.contains("content/guide/second.md:2:"));
    assert!(
        body.contains("content/guide/second.md:2:"),
        "the error names the file and line: {body}"
    );
    wait_for_line(&s, "still serving the last good site");
    let (status, _, page) = get(s.port, "/guide/second/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Freshly edited text."),
        "the last good page is still served"
    );

    f.write_atomic(
        "content/guide/second.md",
        "---\ntitle: Second page\n---\nFixed again.\n",
    );
    wait_for_build(s.port, v, |b| b.contains(r#""error":null"#));
    let (_, _, page) = get(s.port, "/guide/second/");
    assert!(page.contains("Fixed again."));
}

#[test]
fn listens_only_on_loopback_by_default() {
    let f = Fixture::new("basic");
    let s = start(&f);
    assert!(TcpStream::connect(("127.0.0.1", s.port)).is_ok());
    // 127.0.0.2 is this machine too, but a socket bound to 127.0.0.1 alone refuses it;
    // one bound to every interface would accept it.
    assert!(
        TcpStream::connect(("127.0.0.2", s.port)).is_err(),
        "the server listens beyond 127.0.0.1"
    );
}

/// Resident memory of a process, in KiB (Linux).
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// 300 half-open clients hold their connections while a normal request is answered at
/// once; then 200 clients send 10,000 requests, with no error and bounded memory.
#[test]
fn holds_up_under_load_and_slow_clients_do_not_block_others() {
    let f = Fixture::new("basic");
    let s = start(&f);
    let port = s.port;
    // Slow and half-open clients: connections that send half a request and wait.
    let slow: Vec<TcpStream> = (0..300)
        .filter_map(|_| {
            let mut c = TcpStream::connect(("127.0.0.1", port)).ok()?;
            c.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").ok()?;
            Some(c)
        })
        .collect();
    let started = Instant::now();
    let (status, _, _) = get(port, "/guide/first/");
    assert_eq!(status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "a normal request waited {:?} behind slow clients",
        started.elapsed()
    );

    // 200 clients at once, 10,000 requests in all, bounded in time.
    let before = rss_kib(s.child.id());
    let deadline = Instant::now() + Duration::from_secs(120);
    let handles: Vec<_> = (0..200)
        .map(|i| {
            std::thread::spawn(move || {
                let paths = ["/", "/guide/", "/guide/first/", "/style.css", "/nope/"];
                let mut bad = 0;
                for j in 0..50 {
                    if Instant::now() > deadline {
                        break;
                    }
                    let path = paths[(i + j) % paths.len()];
                    let (status, _, _) = get(port, path);
                    let expected = if path == "/nope/" { 404 } else { 200 };
                    if status != expected {
                        bad += 1;
                    }
                }
                bad
            })
        })
        .collect();
    let load_started = Instant::now();
    let errors: usize = handles.into_iter().map(|h| h.join().unwrap_or(1)).sum();
    eprintln!(
        "10,000 requests from 200 clients in {:?}; server memory {:?} KiB before, {:?} KiB after",
        load_started.elapsed(),
        before,
        rss_kib(s.child.id())
    );
    assert_eq!(errors, 0, "requests that failed under load");
    assert!(
        Instant::now() <= deadline,
        "10,000 requests took more than two minutes"
    );
    if let (Some(b), Some(a)) = (before, rss_kib(s.child.id())) {
        assert!(a < b + 100 * 1024, "memory grew from {b} KiB to {a} KiB");
    }
    drop(slow);
}

/// Editing only a page's text updates that page alone, at once; editing its front
/// matter (here its title, which the section lists) rebuilds the whole site.
#[test]
fn a_text_edit_updates_one_page_and_a_title_edit_the_whole_site() {
    let f = Fixture::new("basic");
    let s = start(&f);
    let page = std::fs::read_to_string(f.root().join("content/guide/first.md")).unwrap();
    f.write_atomic(
        "content/guide/first.md",
        &page.replace("Text with a note.", "Text edited while serving."),
    );
    let seen = wait_for_line(&s, "Built ");
    assert!(
        seen.contains("Updated content/guide/first.md in "),
        "the text edit took the one-page path:\n{seen}"
    );
    let (_, _, body) = get(s.port, "/guide/first/");
    assert!(body.contains("Text edited while serving."), "{body}");

    f.write_atomic(
        "content/guide/first.md",
        &page.replace("title: First page", "title: Renamed page"),
    );
    let seen = wait_for_line(&s, "Built ");
    assert!(
        !seen.contains("Updated content/guide/first.md"),
        "a title change rebuilds everything:\n{seen}"
    );
    let (_, _, listing) = get(s.port, "/guide/");
    assert!(
        listing.contains("Renamed page"),
        "the section lists the new title"
    );
}

#[test]
fn one_page_edit_with_a_broken_link_is_not_written_to_public() {
    let f = Fixture::new("basic");
    let s = start(&f);
    let before = f.read_output("guide/second/index.html");
    // The front matter stays the same, so this is a quick one-page update.
    f.write_atomic(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\nGo to [nowhere](/no-such-page/).\n",
    );
    wait_for_line(&s, "still serving the last good site");
    drop(s);
    let after = f.read_output("guide/second/index.html");
    assert!(
        !after.contains("no-such-page"),
        "the broken page was written"
    );
    assert_eq!(before, after);
}
