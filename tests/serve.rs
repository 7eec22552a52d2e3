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
    start_on(f, free_port())
}

/// `plainsite serve ARGS` in the fixture's folder, its messages on a pipe.
fn spawn_serve(f: &Fixture, args: &[&str]) -> Child {
    Command::new(BIN)
        .arg("serve")
        .args(args)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
}

/// Starts serving on `port` (0: any free one, read from what the server prints).
fn start_on(f: &Fixture, port: u16) -> Server {
    let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let mut child = spawn_serve(f, &["--port", &port.to_string()]);
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server {
        child,
        port,
        lines,
        _turn: turn,
    };
    let seen = wait_for_line(&server, "Serving the site at");
    let port = seen
        .split("Serving the site at http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(port);
    server.port = port;
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
    get_from_host(port, path, "127.0.0.1")
}

fn get_from_host(port: u16, path: &str, host: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
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

#[test]
fn a_path_starting_with_two_slashes_redirects_on_this_server() {
    let f = Fixture::new("basic");
    let s = start(&f);
    for (path, location) in [("//guide", "/guide/"), ("///guide", "/guide/")] {
        let (status, head, _) = get(s.port, path);
        assert_eq!(status, 301, "{path}");
        let sent = head
            .lines()
            .find_map(|l| l.strip_prefix("Location: "))
            .unwrap_or("");
        assert_eq!(sent, location, "{path}: a `//` address names another host");
    }
}

#[test]
fn port_zero_serves_and_builds_on_the_port_the_system_gave() {
    let f = Fixture::new("basic");
    let s = start_on(&f, 0);
    assert_ne!(s.port, 0, "the printed address has the real port");
    let (status, _, body) = get(s.port, "/");
    assert_eq!(status, 200);
    assert!(
        !body.contains("127.0.0.1:0/"),
        "port 0 is embedded in the page"
    );
    let built = f.read_output("sitemap.xml");
    assert!(
        built.contains(&format!("http://127.0.0.1:{}/", s.port)),
        "{built}"
    );
}

#[test]
fn a_request_for_another_host_name_is_refused() {
    let f = Fixture::new("basic");
    let s = start(&f);
    assert_eq!(get_from_host(s.port, "/", "localhost").0, 200);
    // A page on evil.example whose name was pointed at 127.0.0.1 (DNS rebinding).
    let (status, _, body) = get_from_host(s.port, "/__plainsite/poll", "evil.example");
    assert_eq!(status, 403, "{body}");
}

#[test]
fn serving_beyond_this_computer_needs_allow_network() {
    let f = Fixture::new("basic");
    let mut child = spawn_serve(&f, &["--port", "0", "--interface", "0.0.0.0"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    let _ = child.stderr.take().unwrap().read_to_string(&mut err);
    assert_eq!(
        status.and_then(|s| s.code()),
        Some(1),
        "it served on 0.0.0.0: {err}"
    );
    assert!(err.contains("--allow-network"), "{err}");
}

#[test]
fn a_runaway_template_stops_that_build_and_the_server_keeps_serving() {
    let f = Fixture::new("basic");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write("site.toml", &format!("{toml}render_time_limit = 1\n"));
    let s = start(&f);
    let base = f.root().join("themes/default/templates/base.html");
    let good = std::fs::read_to_string(&base).unwrap();
    let runaway = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{{ j }}{% endfor %}{% endfor %}";
    f.write_atomic(
        "themes/default/templates/base.html",
        &format!("{runaway}{good}"),
    );
    let seen = wait_for_line(&s, "still serving the last good site");
    assert!(
        seen.contains("took more than 1 s") && seen.contains("render_time_limit"),
        "{seen}"
    );
    let (_, body) = wait_for_build(s.port, 1, |b| b.contains("render_time_limit"));
    // Whichever page's render was caught first: every page goes through base.html.
    assert!(
        body.contains("the template themes/default/templates/"),
        "the open page names the template: {body}"
    );
    let (status, _, home) = get(s.port, "/");
    assert_eq!(status, 200, "the server is still running");
    assert!(
        home.contains("Fixture home"),
        "the last good site is served"
    );
    f.write_atomic("themes/default/templates/base.html", &good);
    wait_for_line(&s, "Built");
    let left: Vec<String> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("plainsite-staging"))
        .collect();
    assert!(left.is_empty(), "staging folders left behind: {left:?}");
}

#[test]
fn a_cancelled_build_renders_no_further_page_and_writes_nothing() {
    // The watchdog sets this flag when a render runs too long; the build's other
    // threads check it between pages, so an abandoned build stops instead of running on.
    let f = Fixture::new("basic");
    f.write(
        "content/news/bad-chart.md",
        "---\ntitle: Bad chart\n---\n\n```chart\nkind: nope\n```\n",
    );
    let out = f.dir.path().join("public");
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let opts = plainsite::pipeline::BuildOptions {
        root: f.root(),
        output: out.clone(),
        overrides: Default::default(),
        drafts: false,
        mode: plainsite::pipeline::Mode::Serve,
        report: None,
        checks: true,
        only: None,
        overdue: None,
        cancel: Some(cancel),
    };
    let reporter = plainsite::text::diagnostics::Reporter::silent();
    let result = plainsite::pipeline::run(&opts, &reporter);
    assert!(
        result
            .as_ref()
            .is_err_and(|e| e.to_string().contains("stopped")),
        "{:?}",
        result.map(|s| s.pages)
    );
    assert_eq!(
        reporter.errors(),
        0,
        "no page was rendered, so none has an error"
    );
    assert!(!out.exists());
    let left: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("site")]);
}
