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

/// `plainsite serve ARGS` in the fixture's folder, its messages on a pipe. The system's
/// temporary folder, where serve builds, is the fixture's own (`serve_tmp`).
fn spawn_serve(f: &Fixture, args: &[&str]) -> Child {
    std::fs::create_dir_all(serve_tmp(f)).unwrap();
    Command::new(BIN)
        .arg("serve")
        .args(args)
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .env("TMPDIR", serve_tmp(f))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap()
}

/// The names in `dir` that contain `part`.
fn names_in(dir: &std::path::Path, part: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(part))
        .collect()
}

/// Adds a page whose chart has an unknown kind: a build of it fails.
fn with_a_bad_chart(f: &Fixture) {
    f.write(
        "content/news/bad-chart.md",
        "---\ntitle: Bad chart\n---\n\n```chart\nkind: nope\n```\n",
    );
}

/// The temporary folder the fixture's serve builds in, beside the site.
fn serve_tmp(f: &Fixture) -> std::path::PathBuf {
    f.dir.path().join("tmp")
}

/// Starts serving on `port` (0: any free one, read from what the server prints).
fn start_on(f: &Fixture, port: u16) -> Server {
    start_with(f, &["--port", &port.to_string()], "Serving the site at").0
}

/// Starts `plainsite serve ARGS` and waits for a line with `ready`; returns the server
/// on the port it printed, and every line up to `ready`.
fn start_with(f: &Fixture, args: &[&str], ready: &str) -> (Server, String) {
    let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
    let mut child = spawn_serve(f, args);
    let stderr = child.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut server = Server {
        child,
        port: 0,
        lines,
        _turn: turn,
    };
    let seen = wait_for_line(&server, ready);
    server.port = seen
        .split("Serving the site at http://127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    (server, seen)
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
    assert_eq!(body, r#"{"error":null,"pages_only":false,"version":1}"#);
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

/// The one-page update starts from the site the last build loaded, and reads only the
/// saved file again. A data file changed while the full build after it still runs is
/// not in that loaded site: a text edit then must not show the old data.
#[test]
fn a_text_edit_during_the_build_after_a_data_change_shows_the_new_data() {
    let f = Fixture::new("basic");
    let s = start(&f);
    f.write_atomic(
        "content/_data/charts.yaml",
        "- id: steps\n  kind: steps\n  title: Two steps\n  takeaway: There are two steps.\n  steps:\n    - label: Prepare\n    - label: Do\n",
    );
    wait_for_line(&s, "Changed: content/_data/charts.yaml");
    let page = std::fs::read_to_string(f.root().join("content/guide/first.md")).unwrap();
    f.write_atomic(
        "content/guide/first.md",
        &page.replace("Text with a note.", "Text edited while serving."),
    );
    wait_for_line(&s, "Updated content/guide/first.md in ");
    let (_, _, body) = get(s.port, "/guide/first/");
    assert!(body.contains("Text edited while serving."), "{body}");
    assert!(
        body.contains("Prepare"),
        "the page shows the new chart data"
    );
}

#[test]
fn one_page_edit_with_a_broken_link_is_not_written_to_public() {
    let f = Fixture::new("basic");
    let s = start(&f);
    let (_, _, before) = get(s.port, "/guide/second/");
    // The front matter stays the same, so this is a quick one-page update.
    f.write_atomic(
        "content/guide/second.md",
        "---\ntitle: Second page\nweight: 2\n---\n\nGo to [nowhere](/no-such-page/).\n",
    );
    wait_for_line(&s, "still serving the last good site");
    let (_, _, after) = get(s.port, "/guide/second/");
    drop(s);
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
    let (_, _, built) = get(s.port, "/sitemap.xml");
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
    let left = names_in(&f.root(), "plainsite-staging");
    assert!(left.is_empty(), "staging folders left behind: {left:?}");
}

#[test]
fn a_cancelled_build_renders_no_further_page_and_writes_nothing() {
    // The watchdog sets this flag when a render runs too long; the build's other
    // threads check it between pages, so an abandoned build stops instead of running on.
    let f = Fixture::new("basic");
    with_a_bad_chart(&f);
    let out = f.dir.path().join("public");
    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let opts = plainsite::pipeline::BuildOptions {
        since: None,
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
        today: None,
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

#[test]
fn the_author_view_gets_each_pages_problems_as_json() {
    let f = Fixture::new("author");
    let s = start(&f);
    let (status, _, page) = get(s.port, "/planted/");
    assert_eq!(status, 200);
    assert!(page.contains("<script src=\"/__plainsite/author.js\"></script>"));
    assert!(page.contains("<span data-ps-at=\"10:1\" data-ps-kind=\"text\">We will utilize"));
    let (status, head, body) = get(s.port, "/__plainsite/page.json?url=%2Fplanted%2F");
    assert_eq!(status, 200);
    assert!(head.contains("application/json"), "{head}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let places: Vec<String> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let l = &d["location"];
            format!("{} {}:{}:{}", d["rule"], l["file"], l["line"], l["column"])
        })
        .collect();
    assert_eq!(
        places,
        [
            r#""long-sentence" "content/planted.md":8:1"#,
            r#""respectful-language" "content/planted.md":8:16"#,
            r#""jargon" "content/planted.md":10:9"#,
            r#""link-text" "content/planted.md":10:49"#,
        ]
    );
    // The words the formulas count: the title and the heading are left out.
    assert_eq!(json["figures"]["words"], 63);
    let (_, _, unknown) = get(s.port, "/__plainsite/page.json?url=/no/such/");
    assert_eq!(unknown, "null");
    let (status, _, report) = get(s.port, "/__plainsite/report/");
    assert_eq!(status, 200);
    assert!(report.contains("<script src=\"../author.js\"></script>"));
    let (_, _, site) = get(s.port, "/__plainsite/site.json");
    assert!(site.contains("\"file\":\"content/planted.md\""), "{site}");
}

#[test]
fn a_problem_in_a_findings_text_is_marked_at_its_words_on_the_findings_page() {
    let f = Fixture::new("author");
    let s = start(&f);
    let (status, _, page) = get(s.port, "/findings/support/");
    assert_eq!(status, 200);
    let (_, _, body) = get(
        s.port,
        "/__plainsite/page.json?url=%2Ffindings%2Fsupport%2F",
    );
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let jargon = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "jargon")
        .map(|d| {
            let l = &d["location"];
            format!("{}:{}:{}", l["file"], l["line"], l["column"])
        });
    assert_eq!(
        jargon.as_deref(),
        Some(r#""content/_data/findings.yaml":6:68"#),
        "{body}"
    );
    // The run of text that holds the word starts at the value's first word, so the
    // author view finds the word by its column.
    assert!(
        page.contains("<span data-ps-file=\"content/_data/findings.yaml\" data-ps-at=\"6:12\" data-ps-kind=\"text\">The partnership is more likely to be healthy when peers utilize support.</span>"),
        "{page}"
    );
}

#[test]
fn a_findings_title_is_marked_and_two_values_with_the_same_text_each_have_their_own_place() {
    let f = Fixture::new("author");
    f.write(
        "content/_data/key_messages.yaml",
        "- title: Peers utilize support\n  text: Ask the team.\n- title: Two\n  text: Ask the team.\n",
    );
    let findings = std::fs::read_to_string(f.root().join("content/_data/findings.yaml")).unwrap();
    f.write(
        "content/_data/findings.yaml",
        &findings.replace(
            "title: Support helps people stay well",
            "title: Support helps people utilize care",
        ),
    );
    let s = start(&f);
    let (_, _, finding) = get(s.port, "/findings/support/");
    let (_, _, json) = get(
        s.port,
        "/__plainsite/page.json?url=%2Ffindings%2Fsupport%2F",
    );
    assert!(
        json.contains(r#""file":"content/_data/findings.yaml","line":4,"column":31"#),
        "the jargon in the title is found at its place: {json}"
    );
    assert!(
        finding.contains("<h1><span data-ps-file=\"content/_data/findings.yaml\" data-ps-at=\"4:10\" data-ps-kind=\"text\">Support helps people utilize care</span></h1>"),
        "{finding}"
    );
    let (_, _, home) = get(s.port, "/");
    assert!(
        home.contains("<span data-ps-file=\"content/_data/key_messages.yaml\" data-ps-at=\"1:10\" data-ps-kind=\"text\">Peers utilize support</span>"),
        "{home}"
    );
    for at in ["2:9", "4:9"] {
        let run = format!("data-ps-at=\"{at}\" data-ps-kind=\"text\">Ask the team.</span>");
        assert_eq!(home.matches(&run).count(), 1, "{at}: {home}");
    }
}

#[test]
fn serve_leaves_the_published_folder_as_the_last_build_made_it() {
    let f = Fixture::new("author");
    assert_ok(&f.build());
    let before = snapshot(&f.public());
    let s = start(&f);
    let (_, _, page) = get(s.port, "/planted/");
    assert!(page.contains("data-ps-at="), "serve marks the page");
    // A save while serving: serve builds again, in its own folder.
    let planted = f.root().join("content/planted.md");
    let text = std::fs::read_to_string(&planted).unwrap();
    f.write_atomic("content/planted.md", &format!("{text}\nOne more line.\n"));
    wait_for_line(&s, "Changed:");
    wait_for_line(&s, "Built ");
    assert!(
        snapshot(&f.public()) == before,
        "serve wrote into public/, the folder people publish"
    );
    drop(s);
    let leftovers = names_in(&f.root(), "plainsite");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_first_build_that_fails_does_not_claim_a_last_good_site() {
    let f = Fixture::new("basic");
    with_a_bad_chart(&f);
    let (s, seen) = start_with(&f, &["--port", "0"], "Build failed");
    drop(s);
    assert!(
        seen.contains("the site shows once they are fixed"),
        "{seen}"
    );
    assert!(!seen.contains("last good site"), "{seen}");
}

#[test]
fn ctrl_c_removes_the_folder_serve_built_in() {
    let f = Fixture::new("basic");
    let s = start(&f);
    let made = std::fs::read_dir(serve_tmp(&f)).unwrap().count();
    assert_eq!(
        made, 1,
        "serve builds in one folder of the temporary folder"
    );
    let pid = s.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_dir(serve_tmp(&f)).unwrap().count() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let left: Vec<_> = std::fs::read_dir(serve_tmp(&f)).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_built_site_is_the_same_whether_or_not_serve_ran_before() {
    let f = Fixture::new("author");
    assert_ok(&f.build());
    let before = snapshot(&f.public());
    {
        let s = start(&f);
        let (_, _, page) = get(s.port, "/planted/");
        assert!(page.contains("data-ps-at="), "serve marks the page");
    }
    assert_ok(&f.build());
    let after = snapshot(&f.public());
    assert!(
        before == after,
        "build after serve differs from build before it"
    );
    for (path, bytes) in &before {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("data-ps-") && !text.contains("__plainsite"),
            "{path:?} holds a trace of the dev server"
        );
    }
}

/// `plainsite serve --edit` on the author fixture, and the key it printed.
fn start_editing(f: &Fixture) -> (Server, String) {
    let (server, seen) = start_with(f, &["--port", "0", "--edit"], "Editing is on");
    let token = seen.split("/?edit=").last().unwrap().trim().to_string();
    (server, token)
}

/// A raw HTTP/1.1 request with the given extra header lines and body.
fn send(port: u16, head: &str, body: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    (status, body)
}

/// A save request: `host`, `origin` and `token` as given (None leaves the header out).
fn save(
    port: u16,
    host: &str,
    origin: Option<&str>,
    token: Option<&str>,
    body: &str,
) -> (u16, String) {
    post(port, "save", host, origin, token, body)
}

/// A POST to the page editor's `action` (`save`, `check`), headers as for [`save`].
fn post(
    port: u16,
    action: &str,
    host: &str,
    origin: Option<&str>,
    token: Option<&str>,
    body: &str,
) -> (u16, String) {
    let mut head = format!(
        "POST /__plainsite/edit/{action} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(o) = origin {
        head.push_str(&format!("Origin: {o}\r\n"));
    }
    if let Some(t) = token {
        head.push_str(&format!("X-Plainsite-Token: {t}\r\n"));
    }
    head.push_str("\r\n");
    send(port, &head, body.as_bytes())
}

/// `body` posted to the editor's `action` as the author view sends it: with the key,
/// from this server's own pages.
fn post_as_editor(
    s: &Server,
    token: &str,
    action: &str,
    body: &serde_json::Value,
) -> (u16, String) {
    post(
        s.port,
        action,
        &s.host(),
        Some(&s.origin()),
        Some(token),
        &body.to_string(),
    )
}

/// The page's source and version as the editor opens it.
fn open_page(port: u16, token: &str, page: &str) -> (u16, serde_json::Value) {
    open(port, token, "source", page)
}

/// What the editor's `action` (`source`, `entry`) answers for the page at `page`.
fn open(port: u16, token: &str, action: &str, page: &str) -> (u16, serde_json::Value) {
    let (status, body) = send(
        port,
        &format!("GET /__plainsite/edit/{action}?page={page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nX-Plainsite-Token: {token}\r\n\r\n"),
        b"",
    );
    (
        status,
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
    )
}

fn save_json(page: &str, base: &str, text: &str) -> String {
    serde_json::json!({ "page": page, "base": base, "text": text }).to_string()
}

#[test]
fn edits_without_the_key_from_another_origin_or_host_or_outside_content_are_refused() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let planted = f.root().join("content/planted.md");
    let before = std::fs::read_to_string(&planted).unwrap();
    let (status, opened) = open_page(s.port, &token, "/planted/");
    assert_eq!(status, 200, "{opened}");
    let base = opened["version"].as_str().unwrap().to_string();
    for action in ["save", "check"] {
        refuses_foreign_requests(&s, &token, action, &base);
    }
    let (status, _) = open_page(s.port, "wrong", "/planted/");
    assert_eq!(status, 403, "reading the source needs the key too");

    assert_eq!(std::fs::read_to_string(&planted).unwrap(), before);
    assert!(!f.root().join("history").exists());
    let config = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    assert!(config.contains("Author view fixture"));
}

/// Each refusal of a POST to the editor's `action`: no key, a wrong key, another
/// Origin or none, another Host, a page outside `content/`, an oversized body.
fn refuses_foreign_requests(s: &Server, token: &str, action: &str, base: &str) {
    let edit = save_json("/planted/", base, "---\ntitle: Hacked\n---\nHacked.\n");
    let huge = save_json("/planted/", base, &"a".repeat(2 * 1024 * 1024));
    refuses_without_key_origin_or_host(s, token, action, &edit, &huge);
    for page in [
        "/../site.toml",
        "../site.toml",
        "/site.toml",
        "content/planted.md",
        "/no/such/",
    ] {
        let outside = save_json(page, base, "x");
        let (status, _) = post(
            s.port,
            action,
            &s.host(),
            Some(&s.origin()),
            Some(token),
            &outside,
        );
        assert_eq!(status, 404, "{action}: {page}");
    }
}

/// A POST of `body` to the editor's `action` is refused without the key, with a wrong
/// one, from another Origin or none, for another Host; `huge` is refused as too large.
fn refuses_without_key_origin_or_host(
    s: &Server,
    token: &str,
    action: &str,
    body: &str,
    huge: &str,
) {
    let (host, origin) = (s.host(), s.origin());
    let status = |host: &str, origin: Option<&str>, token: Option<&str>, body: &str| {
        post(s.port, action, host, origin, token, body).0
    };
    assert_eq!(
        status(&host, Some(&origin), None, body),
        403,
        "{action}: no key"
    );
    assert_eq!(
        status(&host, Some(&origin), Some("0123"), body),
        403,
        "{action}: wrong key"
    );
    let evil_origin = Some("http://evil.example");
    assert_eq!(
        status(&host, evil_origin, Some(token), body),
        403,
        "{action}: another origin"
    );
    assert_eq!(
        status(&host, None, Some(token), body),
        403,
        "{action}: no origin"
    );
    let evil = format!("evil.example:{}", s.port);
    let evil_self = format!("http://{evil}");
    assert_eq!(
        status(&evil, Some(&evil_self), Some(token), body),
        403,
        "{action}: another host (DNS rebinding)"
    );
    assert_eq!(
        status(&host, Some(&origin), Some(token), huge),
        413,
        "{action}: oversized body"
    );
}

impl Server {
    /// This server's Host header, and the Origin of its own pages.
    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

#[test]
fn a_save_is_checked_refused_on_conflict_and_keeps_every_earlier_version() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let (host, origin) = (s.host(), s.origin());
    let planted = f.root().join("content/planted.md");
    let first = std::fs::read_to_string(&planted).unwrap();
    let (_, opened) = open_page(s.port, &token, "/planted/");
    let base = opened["version"].as_str().unwrap().to_string();
    assert_eq!(opened["text"], first.as_str());

    let broken = save_json("/planted/", &base, "---\ntitle: [broken\n---\nText.\n");
    let (status, body) = save(s.port, &host, Some(&origin), Some(&token), &broken);
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("content/planted.md:2:"),
        "the problem names its line: {body}"
    );
    assert_eq!(
        std::fs::read_to_string(&planted).unwrap(),
        first,
        "nothing written"
    );

    let second = first.replace("We will utilize", "We will use");
    let good = save_json("/planted/", &base, &second);
    let (status, body) = save(s.port, &host, Some(&origin), Some(&token), &good);
    assert_eq!(status, 200, "{body}");
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), second);

    // A teammate's change on disk since the editor opened the page: the stale save is
    // refused and both versions come back.
    let theirs = second.replace("## What we found", "## What the team found");
    f.write_atomic("content/planted.md", &theirs);
    let stale = save_json("/planted/", &base, &first.replace("utilize", "employ"));
    let (status, body) = save(s.port, &host, Some(&origin), Some(&token), &stale);
    assert_eq!(status, 409, "{body}");
    let conflict: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(conflict["current"], theirs.as_str());
    assert!(conflict["yours"].as_str().unwrap().contains("employ"));
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), theirs);

    let fresh = conflict["version"].as_str().unwrap();
    let third = theirs.replace("Planted problems", "Planted problems, edited");
    let (status, _) = save(
        s.port,
        &host,
        Some(&origin),
        Some(&token),
        &save_json("/planted/", fresh, &third),
    );
    assert_eq!(status, 200);
    let history = f.root().join("history/content/planted.md");
    let mut kept: Vec<String> = std::fs::read_dir(&history)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    kept.sort();
    let mut expected = vec![first.clone(), theirs.clone()];
    expected.sort();
    assert_eq!(kept, expected, "every earlier version is kept");
    // Serve's own build after the save holds the output folder: stop serve first.
    drop(s);
    assert_ok(&f.build());
    assert!(
        !f.public().join("history").exists(),
        "history is not published"
    );
}

#[test]
fn edit_on_an_address_other_computers_can_reach_needs_an_explicit_flag() {
    let f = Fixture::new("author");
    let out = Command::new(BIN)
        .args([
            "serve",
            "--port",
            "0",
            "--interface",
            "0.0.0.0",
            "--allow-network",
            "--edit",
        ])
        .current_dir(f.root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--edit works only on this computer"), "{err}");
    assert!(err.contains("--allow-network-edit"), "{err}");
}

#[test]
fn without_edit_the_editor_is_not_there() {
    let f = Fixture::new("author");
    let s = start(&f);
    let port = s.port;
    let body = save_json("/planted/", "x", "y");
    let (status, _) = save(
        port,
        &format!("127.0.0.1:{port}"),
        Some(&format!("http://127.0.0.1:{port}")),
        Some("x"),
        &body,
    );
    assert_eq!(status, 404);
}

#[test]
fn a_live_check_returns_the_problems_and_preview_of_unsaved_text_and_writes_nothing() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let (host, origin) = (s.host(), s.origin());
    let planted = f.root().join("content/planted.md");
    let before = std::fs::read_to_string(&planted).unwrap();
    let (_, _, served_before) = get(s.port, "/planted/");
    let unsaved = before.replace("We will utilize", "We will operationalize");
    let body = serde_json::json!({ "page": "/planted/", "text": unsaved }).to_string();
    let (status, answer) = post(s.port, "check", &host, Some(&origin), Some(&token), &body);
    assert_eq!(status, 200, "{answer}");
    let answer: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let problems = answer["page"]["problems"].as_array().unwrap();
    let jargon: Vec<_> = problems
        .iter()
        .filter(|d| d["rule"] == "jargon")
        .map(|d| {
            let l = &d["location"];
            (l["line"].clone(), l["column"].clone(), d["message"].clone())
        })
        .collect();
    assert_eq!(jargon.len(), 1, "{problems:?}");
    assert_eq!(
        (jargon[0].0.as_u64(), jargon[0].1.as_u64()),
        (Some(10), Some(9))
    );
    assert!(jargon[0].2.as_str().unwrap().contains("operationalize"));
    let html = answer["html"].as_str().unwrap();
    assert!(
        html.contains("operationalize") && html.contains("data-ps-at"),
        "{html}"
    );
    assert!(answer["page"]["figures"]["words"].as_u64().unwrap() > 0);

    let broken = serde_json::json!({ "page": "/planted/", "text": "---\ntitle: [x\n---\n" });
    let (status, answer) = post(
        s.port,
        "check",
        &host,
        Some(&origin),
        Some(&token),
        &broken.to_string(),
    );
    assert_eq!(status, 422, "{answer}");
    assert!(answer.contains("content/planted.md:2:"), "{answer}");

    assert_eq!(std::fs::read_to_string(&planted).unwrap(), before);
    assert_eq!(get(s.port, "/planted/").2, served_before);
    assert!(!f.root().join("history").exists());
}

/// The form of the entry the page at `page` shows.
fn open_entry(port: u16, token: &str, page: &str) -> (u16, serde_json::Value) {
    open(port, token, "entry", page)
}

fn entry_json(base: &str, values: &[(&str, &str)]) -> String {
    let values: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .map(|(k, v)| (k.to_string(), (*v).into()))
        .collect();
    serde_json::json!({ "page": "/findings/harm/", "base": base, "values": values }).to_string()
}

#[test]
fn a_finding_form_saves_one_entry_and_leaves_the_rest_of_the_file_byte_for_byte() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let (host, origin) = (s.host(), s.origin());
    let file = f.root().join("content/_data/findings.yaml");
    let first = std::fs::read_to_string(&file).unwrap();
    let (status, form) = open_entry(s.port, &token, "/findings/harm/");
    assert_eq!(status, 200, "{form}");
    let fields = form["fields"].as_array().unwrap();
    let effect = fields.iter().find(|f| f["name"] == "effect").unwrap();
    assert_eq!(effect["value"], "harm");
    assert_eq!(
        effect["choices"],
        serde_json::json!(["benefit", "harm", "both"])
    );
    let base = form["version"].as_str().unwrap().to_string();
    let entry = |values: &[(&str, &str)], base: &str| {
        post(
            s.port,
            "entry",
            &host,
            Some(&origin),
            Some(&token),
            &entry_json(base, values),
        )
    };

    let (status, body) = entry(&[("effect", "maybe")], &base);
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("Good or bad for health: \\\"maybe\\\" is not one of the choices"),
        "{body}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        first,
        "nothing written"
    );

    let (status, body) = entry(
        &[
            ("title", "Taking part: it can also harm"),
            ("effect", "both"),
            ("mechanism", "Low pay."),
        ],
        &base,
    );
    assert_eq!(status, 200, "{body}");
    let second = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        second,
        first
            .replace(
                "title:   Taking part can also cause harm   #",
                "title:   \"Taking part: it can also harm\"   #"
            )
            .replace("effect: harm\n", "effect: both\n  mechanism: Low pay.\n"),
        "only the entry's changed values differ"
    );

    f.write_atomic(
        "content/_data/findings.yaml",
        &second.replace("Low pay.", "Low pay and stigma."),
    );
    let (status, body) = entry(&[("effect", "harm")], &base);
    assert_eq!(status, 409, "{body}");
    let conflict: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(conflict["current"]["mechanism"], "Low pay and stigma.");
    assert_eq!(conflict["yours"]["effect"], "harm");

    let kept = std::fs::read_dir(f.root().join("history/content/_data/findings.yaml"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(kept, [first], "the version replaced is kept");

    let (status, _) = open_entry(s.port, "wrong", "/findings/harm/");
    assert_eq!(status, 403);
    let (status, _) = open_entry(s.port, &token, "/planted/");
    assert_eq!(status, 404, "a page not made from data has no form");
    refuses_foreign_entry_saves(&s, &token, conflict["version"].as_str().unwrap());
}

/// A glossary term has no page of its own: the author view names it by kind and term,
/// and its form edits that one entry of the glossary.
#[test]
fn a_glossary_term_is_edited_by_its_name_and_nothing_else_in_the_file_changes() {
    let f = Fixture::new("basic");
    let (s, token) = start_editing(&f);
    let file = f.root().join("content/_data/glossary.yaml");
    let first = std::fs::read_to_string(&file).unwrap();
    let (status, form) = open_entry(s.port, &token, "glossary_term:Fixture");
    assert_eq!(status, 200, "{form}");
    let fields = form["fields"].as_array().unwrap();
    let definition = fields.iter().find(|f| f["name"] == "definition").unwrap();
    assert_eq!(definition["value"], "A small site made for tests.");
    let body = serde_json::json!({
        "page": "glossary_term:Fixture",
        "base": form["version"],
        "values": { "definition": "A small site for tests." }
    })
    .to_string();
    let (status, answer) = post(
        s.port,
        "entry",
        &s.host(),
        Some(&s.origin()),
        Some(&token),
        &body,
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        first.replace("A small site made for tests.", "A small site for tests.")
    );
    for name in [
        "glossary_term:Nobody",
        "glossary_term:",
        "person:Fixture",
        "key_message:Fixture",
    ] {
        let (status, _) = open_entry(s.port, &token, name);
        assert_eq!(status, 404, "{name}");
    }
    let (status, _) = open_entry(s.port, "wrong", "glossary_term:Fixture");
    assert_eq!(status, 403);
}

/// The entry form's saves are refused like the page editor's.
fn refuses_foreign_entry_saves(s: &Server, token: &str, base: &str) {
    let body = entry_json(base, &[("effect", "benefit")]);
    let huge = entry_json(base, &[("summary", &"a".repeat(2 * 1024 * 1024))]);
    refuses_without_key_origin_or_host(s, token, "entry", &body, &huge);
    for page in [
        "/../site.toml",
        "/planted/",
        "/findings/",
        "/findings/nobody/",
    ] {
        let outside = body.replace("/findings/harm/", page);
        let (status, _) = post(
            s.port,
            "entry",
            &s.host(),
            Some(&s.origin()),
            Some(token),
            &outside,
        );
        assert_eq!(status, 404, "{page}");
    }
}

#[test]
fn a_new_page_is_made_only_by_name_never_over_a_file_and_only_with_the_key() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let (host, origin) = (s.host(), s.origin());
    let new =
        |title: &str, name: &str| serde_json::json!({ "title": title, "name": name }).to_string();
    let make = |title: &str, name: &str| {
        post(
            s.port,
            "new",
            &host,
            Some(&origin),
            Some(&token),
            &new(title, name),
        )
    };
    let made = f.root().join("content/our-team.md");

    let (status, body) = make("Our team: who we are", "our-team");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"url\":\"/our-team/\""), "{body}");
    assert_eq!(
        std::fs::read_to_string(&made).unwrap(),
        "---\ntitle: \"Our team: who we are\"\n---\n\n"
    );
    let (status, body) = make("Again", "our-team");
    assert_eq!(status, 409, "{body}");
    assert!(
        std::fs::read_to_string(&made)
            .unwrap()
            .contains("who we are"),
        "never over a file"
    );
    // An address a page has already, though no file has the name: the findings' list.
    let (status, body) = make("Our findings", "findings");
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("The address /findings/ is used already, by content/_data/findings.yaml"),
        "{body}"
    );
    assert!(!f.root().join("content/findings.md").exists());
    for name in ["../site", "a/b", "", "-x", "Planted", "planted.md"] {
        let (status, _) = make("T", name);
        assert_eq!(status, 422, "{name:?}");
    }
    let (status, _) = make("", "empty-title");
    assert_eq!(status, 422, "a title is needed");

    let huge = new(&"a".repeat(2 * 1024 * 1024), "huge");
    refuses_without_key_origin_or_host(&s, &token, "new", &new("Hacked", "hacked"), &huge);
    assert!(!f.root().join("content/hacked.md").exists());
    assert!(!f.root().join("content/huge.md").exists());
    assert!(!f.root().join("site.md").exists());
}

/// The author fixture with French and a page of people: three people, the first not
/// named on the site.
fn with_french_and_people(f: &Fixture) {
    let config = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{config}\n[languages.fr]\ntitle = \"Site de test\"\ndescription = \"Un petit site pour les tests.\"\n"),
    );
    f.write(
        "content/_data/findings.fr.yaml",
        "# Les résultats, en français.\n- id: support\n  title: Le soutien aide\n  summary: Participer est plus sain avec du soutien.\n  effect: benefit\n\n- id: harm\n  title: Participer peut aussi nuire\n  summary: Quand ça se passe mal, participer peut nuire.\n  effect: harm\n",
    );
    f.write(
        "content/_data/people.yaml",
        "# The team.\n- named: anonymous\n  consent: [site]\n- named: initials\n  name: Jane Doe\n  role: Peer researcher\n  consent: [site]\n- named: full\n  name: Sam Roe\n  consent: [site]\n",
    );
    f.write(
        "content/who.md",
        "---\ntitle: Who made this\ntemplate: people.html\n---\nThe team.\n",
    );
}

/// The author fixture with a French language and people, served with editing on.
fn editing_in_french_with_people() -> (Fixture, Server, String) {
    let f = Fixture::new("author");
    with_french_and_people(&f);
    let (s, token) = start_editing(&f);
    (f, s, token)
}

#[test]
fn the_french_pages_form_edits_the_french_file_and_a_person_is_edited_by_their_place() {
    let (f, s, token) = editing_in_french_with_people();
    let english = std::fs::read_to_string(f.root().join("content/_data/findings.yaml")).unwrap();
    let french_file = f.root().join("content/_data/findings.fr.yaml");
    let french = std::fs::read_to_string(&french_file).unwrap();
    let (status, form) = open_entry(s.port, &token, "/fr/findings/harm/");
    assert_eq!(status, 200, "{form}");
    assert_eq!(form["file"], "content/_data/findings.fr.yaml");
    let summary = |form: &serde_json::Value| {
        form["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "summary")
            .map(|f| f["value"].clone())
    };
    assert_eq!(
        summary(&form),
        Some("Quand ça se passe mal, participer peut nuire.".into())
    );
    let save = |page: &str, on: Option<&str>, base: &serde_json::Value, values| {
        let body = serde_json::json!({ "page": page, "on": on, "base": base, "values": values });
        post(
            s.port,
            "entry",
            &s.host(),
            Some(&s.origin()),
            Some(&token),
            &body.to_string(),
        )
    };
    let twice = serde_json::json!({ "kind": "finding", "on": "/fr/findings/harm/", "base": form["version"],
        "values": { "id": "harm", "title": "Encore", "summary": "Deux fois.", "effect": "harm" } });
    let (status, body) = post_as_editor(&s, &token, "add", &twice);
    assert_eq!(
        status, 422,
        "the French file is checked as findings: {body}"
    );
    assert!(body.contains("content/_data/findings.fr.yaml:"), "{body}");
    assert_eq!(std::fs::read_to_string(&french_file).unwrap(), french);
    let values = serde_json::json!({ "summary": "Participer peut nuire quand ça se passe mal." });
    let (status, body) = save("/fr/findings/harm/", None, &form["version"], values);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        std::fs::read_to_string(&french_file).unwrap(),
        french.replace(
            "Quand ça se passe mal, participer peut nuire.",
            "Participer peut nuire quand ça se passe mal."
        )
    );
    assert_eq!(
        std::fs::read_to_string(f.root().join("content/_data/findings.yaml")).unwrap(),
        english,
        "the English file is left as it was"
    );

    // People: by their place among those the page shows (Jane Doe is shown as JD).
    let people_file = f.root().join("content/_data/people.yaml");
    let people = std::fs::read_to_string(&people_file).unwrap();
    let (status, form) = open_entry(s.port, &token, "person:1&on=/who/");
    assert_eq!(status, 200, "{form}");
    assert_eq!(form["id"], "Sam Roe");
    let named = form["fields"].as_array().unwrap()[0].clone();
    assert_eq!(named["value"], "full");
    assert_eq!(
        named["choices"],
        serde_json::json!(["full", "initials", "pseudonym", "role-only", "anonymous"])
    );
    let values = serde_json::json!({ "named": "full", "role": "Community worker" });
    let (status, body) = save("person:1", Some("/who/"), &form["version"], values);
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        std::fs::read_to_string(&people_file).unwrap(),
        people.replace(
            "name: Sam Roe\n  consent: [site]\n",
            "name: Sam Roe\n  consent: [site]\n  role: Community worker\n"
        )
    );
    let (status, form) = open_entry(s.port, &token, "person:0&on=/who/");
    assert_eq!((status, form["id"].as_str()), (200, Some("JD")));
    let (status, _) = open_entry(s.port, &token, "person:2&on=/who/");
    assert_eq!(status, 409, "only two people are shown");
    let values = serde_json::json!({ "named": "famous" });
    let (status, body) = save("person:0", Some("/who/"), &form["version"], values);
    assert_eq!(status, 422, "a value the data model does not allow: {body}");
}

#[test]
fn a_persons_form_on_a_file_with_a_typo_names_the_line_in_the_pages_language() {
    let (f, s, token) = editing_in_french_with_people();
    let people = "content/_data/people.yaml";
    let text = std::fs::read_to_string(f.root().join(people)).unwrap();
    // Line 10 is Sam Roe's consent.
    f.write(
        people,
        &text.replace(
            "name: Sam Roe\n  consent: [site]",
            "name: Sam Roe\n  consent: [sitte]",
        ),
    );
    let get_in = |lang: &str, id: &str| {
        send(
            s.port,
            &format!("GET /__plainsite/edit/entry?page={id}&on=/who/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nX-Plainsite-Token: {token}\r\nX-Plainsite-Lang: {lang}\r\n\r\n", s.host()),
            b"",
        )
    };
    assert_eq!(
        get_in("fr", "person:0"),
        (
            409,
            "content/_data/people.yaml a un problème à la ligne 10 : corrigez-le d'abord dans le fichier, puis rouvrez ce formulaire".to_string()
        )
    );
    f.write(people, &text);
    assert_eq!(
        get_in("en", "person:7"),
        (
            409,
            "This person is no longer where the page shows them: reload the page, then try again"
                .to_string()
        )
    );
}

#[test]
fn a_posted_value_that_is_not_one_of_its_fields_choices_is_refused_in_the_pages_language() {
    let (f, s, token) = editing_in_french_with_people();
    let data = f.root().join("content/_data");
    let files = || {
        ["findings.yaml", "findings.fr.yaml", "people.yaml"]
            .map(|n| std::fs::read_to_string(data.join(n)).unwrap())
    };
    let before = files();
    // The author view sends the page's language with each save.
    let send_in = |lang: &str, action: &str, body: serde_json::Value| {
        let body = body.to_string();
        let head = format!(
            "POST /__plainsite/edit/{action} HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Plainsite-Token: {token}\r\nX-Plainsite-Lang: {lang}\r\nContent-Length: {}\r\n\r\n",
            s.host(),
            s.origin(),
            body.len()
        );
        let (status, answer) = send(s.port, &head, body.as_bytes());
        let answer: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
        (
            status,
            answer["problems"][0].as_str().unwrap_or("").to_string(),
        )
    };
    let (_, finding) = open_entry(s.port, &token, "/fr/findings/harm/");
    let (_, person) = open_entry(s.port, &token, "person:1&on=/who/");
    let (_, new_person) = open(s.port, &token, "add", "x&kind=person&on=/who/");
    let (_, new_finding) = open(s.port, &token, "add", "x&kind=finding&on=/findings/");
    let save = |page: &str, form: &serde_json::Value, on: &str, values| {
        let body = serde_json::json!({ "page": page, "on": on, "base": form["version"], "values": values });
        ("entry", body)
    };
    let add = |kind: &str, form: &serde_json::Value, on: &str, values| {
        let body = serde_json::json!({ "kind": kind, "on": on, "base": form["version"], "values": values });
        ("add", body)
    };
    let values = [
        serde_json::json!({ "effect": "maybe", "summary": "Changed." }),
        serde_json::json!({ "named": "famous", "role": "R" }),
        serde_json::json!({ "named": "full", "consent": ["site", "radio"] }),
        serde_json::json!({ "named": "full", "name": "Ana Poe", "credit": ["methodology", "typing"] }),
        serde_json::json!({ "id": "pay", "title": "Pay", "summary": "Fair.", "effect": "maybe" }),
    ];
    let [effect, named, consent, credit, new_effect] = values;
    let fr_finding = "/fr/findings/harm/";
    let posts = [
        save(fr_finding, &finding, fr_finding, effect),
        save("person:1", &person, "/who/", named),
        save("person:1", &person, "/who/", consent),
        add("person", &new_person, "/who/", credit),
        add("finding", &new_finding, "/findings/", new_effect),
    ];
    let said = [
        (
            "fr",
            "Bon ou mauvais pour la santé : « maybe » ne fait pas partie des choix",
        ),
        (
            "en",
            "How to name them: \"famous\" is not one of the choices",
        ),
        (
            "en",
            "Where they agreed to be named: \"radio\" is not one of the choices",
        ),
        (
            "fr",
            "Ce que la personne a fait : « typing » ne fait pas partie des choix",
        ),
        (
            "en",
            "Good or bad for health: \"maybe\" is not one of the choices",
        ),
    ];
    for ((action, body), (lang, said)) in posts.into_iter().zip(said) {
        let (status, problem) = send_in(lang, action, body.clone());
        assert_eq!(status, 422, "{body}: {problem}");
        assert!(problem.starts_with(said), "{body}: {problem}");
    }
    assert_eq!(files(), before, "nothing written");
    assert!(
        !f.root().join("history").exists(),
        "nothing kept as replaced"
    );
}

#[test]
fn a_new_finding_is_checked_then_added_at_the_end_of_the_list_keeping_the_rest_of_the_file() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let file = f.root().join("content/_data/findings.yaml");
    let first = std::fs::read_to_string(&file).unwrap();
    let (status, form) = open(s.port, &token, "add", "x&kind=finding&on=/findings/harm/");
    assert_eq!(status, 200, "{form}");
    let names: Vec<_> = form["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "id",
            "title",
            "summary",
            "context",
            "mechanism",
            "outcome",
            "effect",
            "evidence"
        ]
    );
    assert_eq!(form["file"], "content/_data/findings.yaml");
    let base = form["version"].clone();
    let add = |values: serde_json::Value, base: &serde_json::Value| {
        let body = serde_json::json!({ "kind": "finding", "on": "/findings/harm/", "base": base, "values": values });
        post_as_editor(&s, &token, "add", &body)
    };
    let new = serde_json::json!({ "id": "pay", "title": "Fair pay helps", "summary": "People stay when the pay is fair.", "effect": "benefit" });

    let mut broken = new.clone();
    broken["effect"] = "maybe".into();
    let (status, body) = add(broken, &base);
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("\\\"maybe\\\" is not one of the choices"),
        "{body}"
    );
    let mut twice = new.clone();
    twice["id"] = "harm".into();
    let (status, body) = add(twice, &base);
    assert_eq!(status, 422, "an id already there: {body}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        first,
        "nothing written"
    );

    let (status, body) = add(new.clone(), &base);
    assert_eq!(status, 200, "{body}");
    let added = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        added,
        format!("{first}\n- id: pay\n  title: Fair pay helps\n  summary: People stay when the pay is fair.\n  effect: benefit\n"),
        "the new entry is added after the last, the rest byte for byte"
    );
    let kept = std::fs::read_dir(f.root().join("history/content/_data/findings.yaml"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(kept, [first], "the version replaced is kept");
    let (status, body) = add(new.clone(), &base);
    assert_eq!(status, 409, "a form opened before the change: {body}");

    for kind in ["people", "../site", ""] {
        let (status, _) = open(s.port, &token, "add", &format!("x&kind={kind}"));
        assert_eq!(status, 404, "{kind:?}");
    }
    let (status, _) = open(s.port, "wrong", "add", "x&kind=finding");
    assert_eq!(status, 403);
    let body = serde_json::json!({ "kind": "finding", "base": base, "values": new }).to_string();
    let huge = serde_json::json!({ "kind": "finding", "base": base, "values": { "summary": "a".repeat(2 * 1024 * 1024) } }).to_string();
    refuses_without_key_origin_or_host(&s, &token, "add", &body, &huge);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), added);
}

#[test]
fn each_list_page_offers_its_add_and_a_new_person_is_checked_then_added_keeping_the_file() {
    let (f, s, token) = editing_in_french_with_people();
    let lists = |url: &str| {
        let (_, _, body) = get(
            s.port,
            &format!("/__plainsite/page.json?url={}", url.replace('/', "%2F")),
        );
        let json: serde_json::Value = serde_json::from_str(&body).unwrap();
        json["lists"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| format!("{} {}", l["kind"].as_str().unwrap(), l["pages"]))
            .collect::<Vec<_>>()
    };
    assert_eq!(lists("/findings/"), ["finding \"/findings/\""]);
    assert_eq!(lists("/findings/harm/"), ["finding \"/findings/\""]);
    assert_eq!(lists("/fr/findings/"), ["finding \"/fr/findings/\""]);
    assert_eq!(lists("/"), ["key_message null"]);
    assert_eq!(lists("/who/"), ["person null"]);
    assert_eq!(lists("/planted/"), Vec::<String>::new());

    let file = f.root().join("content/_data/people.yaml");
    let first = std::fs::read_to_string(&file).unwrap();
    let (status, form) = open(s.port, &token, "add", "x&kind=person&on=/who/");
    assert_eq!(status, 200, "{form}");
    let named = &form["fields"][0];
    assert_eq!(named["name"], "named");
    assert_eq!(
        named["choices"],
        serde_json::json!(["full", "initials", "pseudonym", "role-only", "anonymous"])
    );
    let add = |values: serde_json::Value| {
        let body = serde_json::json!({ "kind": "person", "on": "/who/", "base": form["version"], "values": values });
        post_as_editor(&s, &token, "add", &body)
    };
    let (status, body) = add(serde_json::json!({ "named": "nickname", "name": "Ana Poe" }));
    assert_eq!(status, 422, "a naming the model does not allow: {body}");
    assert!(
        body.contains("\\\"nickname\\\" is not one of the choices"),
        "{body}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    let (status, body) =
        add(serde_json::json!({ "named": "full", "name": "Ana Poe", "role": "Peer worker" }));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{first}- named: full\n  name: Ana Poe\n  role: Peer worker\n"),
        "added after the last person, the rest byte for byte"
    );
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["id"], "3", "a person is known by their place");
    let kept = std::fs::read_dir(f.root().join("history/content/_data/people.yaml"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(kept, [first], "the version replaced is kept");
    let (status, _) = add(serde_json::json!({ "named": "full", "name": "Ana Poe" }));
    assert_eq!(status, 409, "a form opened before the change");
}

#[test]
fn a_person_added_with_consent_to_the_site_is_written_with_it_and_shows_on_the_people_page() {
    let (f, s, token) = editing_in_french_with_people();
    let file = f.root().join("content/_data/people.yaml");
    let first = std::fs::read_to_string(&file).unwrap();
    let (status, form) = open(s.port, &token, "add", "x&kind=person&on=/who/");
    assert_eq!(status, 200, "{form}");
    let consent = form["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "consent")
        .cloned()
        .unwrap_or_default();
    assert_eq!(consent["many"], true, "{form}");
    assert_eq!(consent["value"], serde_json::json!([]));
    assert_eq!(
        consent["choices"],
        serde_json::json!(["site", "brief", "slides", "citation"])
    );
    let (_, _, page) = get(s.port, "/who/");
    assert!(!page.contains("Ana Poe"), "not there before");
    let (since, _) = wait_for_build(s.port, 0, |_| true);
    let add = |values: serde_json::Value| {
        let body = serde_json::json!({ "kind": "person", "on": "/who/", "base": form["version"], "values": values });
        post_as_editor(&s, &token, "add", &body)
    };
    let (status, body) = add(
        serde_json::json!({ "named": "full", "name": "Ana Poe", "consent": ["site", "nowhere"] }),
    );
    assert_eq!(status, 422, "a channel the model does not have: {body}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    let (status, body) = add(
        serde_json::json!({ "named": "full", "name": "Ana Poe", "consent": ["site"], "role": "" }),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{first}- named: full\n  consent: [site]\n  name: Ana Poe\n"),
        "consent written as a flow list, the rest byte for byte"
    );
    wait_for_build(s.port, since, |b| b.contains("\"error\":null"));
    let (_, _, page) = get(s.port, "/who/");
    assert!(
        page.contains("Ana Poe"),
        "named on the site once saved:\n{page}"
    );
}

#[test]
fn a_persons_consent_is_read_as_a_list_replaced_as_a_flow_list_and_taken_out_when_none_is_left() {
    let f = Fixture::new("author");
    with_french_and_people(&f);
    let file = f.root().join("content/_data/people.yaml");
    let block = "# The team.\n- named: anonymous\n  consent: [site]\n- named: initials\n  name: Jane Doe\n  consent:\n    - site\n    - slides # on the slides too\n  role: Peer researcher\n- named: full\n  name: Sam Roe\n  consent: [site]\n";
    f.write("content/_data/people.yaml", block);
    let (s, token) = start_editing(&f);
    // Jane Doe is the first person the site names (the first is anonymous).
    let (status, form) = open(s.port, &token, "entry", "person:0&on=/who/");
    assert_eq!(status, 200, "{form}");
    let consent = form["fields"][1].clone();
    assert_eq!(consent["name"], "consent");
    assert_eq!(consent["value"], serde_json::json!(["site", "slides"]));
    let save = |base: &serde_json::Value, consent: serde_json::Value| {
        let body = serde_json::json!({ "page": "person:0", "on": "/who/", "base": base, "values": { "named": "initials", "consent": consent } });
        post_as_editor(&s, &token, "entry", &body)
    };
    let (status, body) = save(&form["version"], serde_json::json!(["site", "brief"]));
    assert_eq!(status, 200, "{body}");
    let now = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        now,
        block.replace(
            "  consent:\n    - site\n    - slides # on the slides too\n",
            "  consent: [site, brief] # on the slides too\n"
        )
    );
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    let (status, body) = save(&answer["version"], serde_json::json!([]));
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        now.replace("  consent: [site, brief] # on the slides too\n", ""),
        "no box ticked: the key is taken out with its line"
    );
}

#[test]
fn a_sites_own_writing_room_word_reaches_the_browser_and_its_refusals() {
    let f = Fixture::new("author");
    f.write(
        "i18n/fr.toml",
        "[writing_room]\nview = \"Vue des autrices\"\nrefused_no_key = \"Il manque la clé.\"\n",
    );
    let (s, _token) = start_editing(&f);
    let words = |lang: &str| {
        let (status, _, body) = get(s.port, &format!("/__plainsite/words.json?lang={lang}"));
        assert_eq!(status, 200);
        serde_json::from_str::<serde_json::Value>(&body).unwrap()
    };
    let fr = words("fr");
    assert_eq!(fr["view"], "Vue des autrices", "the site's word");
    assert_eq!(fr["save"], "Enregistrer", "the theme's for the others");
    assert_eq!(fr["choice_consent_site"], "sur ce site web");
    assert_eq!(words("en")["view"], "Author view");
    assert_eq!(words("zh")["view"], "作者视图");
    assert_eq!(
        words("de")["view"],
        "Author view",
        "a language the theme lacks"
    );
    assert_eq!(words("..%2F..%2Fsite")["view"], "Author view", "no path");
    assert!(
        words("fr").get("home").is_none(),
        "only the writing room's words"
    );
    let (status, body) = send(
        s.port,
        &format!("GET /__plainsite/edit/source?page=/planted/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nX-Plainsite-Lang: fr\r\n\r\n", s.host()),
        b"",
    );
    assert_eq!(status, 403);
    assert!(body.contains("Il manque la clé."), "{body}");
}

/// A PNG of `side` × `side` pixels of noise from a fixed seed (it does not compress).
fn noise_png(side: u32) -> Vec<u8> {
    let mut seed: u32 = 7;
    let picture = image::RgbImage::from_fn(side, side, |_, _| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let [a, b, c, _] = seed.to_le_bytes();
        image::Rgb([a, b, c])
    });
    let mut out = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

/// Sends `body` (an image's bytes) to the page editor's image address with `query`.
fn post_image(s: &Server, token: &str, query: &str, body: &[u8]) -> (u16, String) {
    let head = format!(
        "POST /__plainsite/edit/image?{query} HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\nX-Plainsite-Token: {token}\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
        s.host(),
        s.origin(),
        body.len()
    );
    send(s.port, &head, body)
}

#[test]
fn refusals_of_the_edit_and_image_addresses_are_in_the_pages_language() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let image = |lang: &str, key: &str| {
        let head = format!(
            "POST /__plainsite/edit/image?page=/planted/&name=a.png&alt= HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\nX-Plainsite-Token: {key}\r\nX-Plainsite-Lang: {lang}\r\nConnection: close\r\nContent-Length: 4\r\n\r\n",
            s.host(),
            s.origin(),
        );
        send(s.port, &head, b"abcd")
    };
    let (status, body) = image("fr", &token);
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("Ce fichier n'est pas une image PNG, JPEG, GIF ou WebP"),
        "{body}"
    );
    let (status, body) = image("fr-CA", "wrong");
    assert_eq!(status, 403);
    assert!(body.contains("il faut la clé"), "{body}");
    let (_, body) = image("zh", "wrong");
    assert!(body.contains("编辑需要"), "{body}");
    let (_, body) = image("ar", "wrong");
    assert!(body.contains("يحتاج التعديل"), "{body}");
    let (_, body) = image("de", "wrong");
    assert!(body.contains("Editing needs the key"), "{body}");
    let (status, body) = send(
        s.port,
        &format!("GET /__plainsite/edit/source?page=/nowhere/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nX-Plainsite-Token: {token}\r\nX-Plainsite-Lang: fr\r\n\r\n", s.host()),
        b"",
    );
    assert_eq!(status, 404);
    assert!(
        body.contains("Aucune page à cette adresse ne peut être modifiée ici"),
        "{body}"
    );
}

#[test]
fn an_image_is_added_beside_the_page_with_its_alt_text_and_every_bad_upload_is_refused() {
    let f = Fixture::new("author");
    let (s, token) = start_editing(&f);
    let content = f.root().join("content");
    let before = snapshot(&content);
    let small = noise_png(4);
    let big = noise_png(700);
    assert!(big.len() > 1024 * 1024, "bigger than a page's text may be");

    let (status, body) = post_image(
        &s,
        &token,
        "page=/planted/&name=My%20Chart.PNG&alt=",
        &small,
    );
    assert_eq!(status, 422, "no alt text: {body}");
    let (status, body) = post_image(
        &s,
        &token,
        "page=/planted/&name=notes.png&alt=Notes",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    assert_eq!(status, 422, "not an image: {body}");
    let (status, body) = post_image(
        &s,
        &token,
        "page=/planted/&name=cut.png&alt=Cut",
        &small[..20],
    );
    assert_eq!(status, 422, "an image cut short: {body}");
    for page in ["/findings/harm/", "/../", "/no/such/"] {
        let (status, _) = post_image(&s, &token, &format!("page={page}&name=a.png&alt=A"), &small);
        assert_eq!(status, 404, "{page}");
    }
    assert!(snapshot(&content) == before, "nothing was written");

    let (status, body) = post_image(
        &s,
        &token,
        "page=/planted/&name=My%20Chart.PNG&alt=A%20chart%20of%20pay",
        &big,
    );
    assert_eq!(status, 200, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(answer["markdown"], "![A chart of pay](my-chart.png)");
    assert_eq!(answer["file"], "content/my-chart.png");
    assert_eq!(
        std::fs::read(f.root().join("content/my-chart.png")).unwrap(),
        big
    );

    let (status, body) = post_image(
        &s,
        &token,
        "page=/planted/&name=my-chart.png&decorative=1",
        &small,
    );
    assert_eq!(status, 200, "{body}");
    let answer: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        answer["markdown"], "![](my-chart-2.png \"decorative\")",
        "never over a file"
    );
    assert_eq!(
        std::fs::read(f.root().join("content/my-chart.png")).unwrap(),
        big
    );

    let (status, body) = post_image(
        &s,
        &token,
        "page=/planted/&name=..%2F..%2Fsite.toml&alt=A",
        &small,
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("\"file\":\"content/site.png\""),
        "the name is made safe: {body}"
    );
    assert!(
        !f.root().join("site.png").exists()
            && !f.root().parent().unwrap().join("site.png").exists()
    );

    let tricks = snapshot(&content);
    refuses_without_key_origin_or_host(
        &s,
        &token,
        "image?page=/planted/&name=a.png&alt=A",
        "x",
        &"a".repeat(6 * 1024 * 1024),
    );
    assert!(
        snapshot(&content) == tricks,
        "a refused upload writes nothing"
    );
}

/// A file or page the writing room makes cannot name someone who chose not to be named
/// on the site (every build would then fail, and the browser cannot rename or delete
/// it), nor take a name Windows keeps for a device: refused before anything is written,
/// the name not repeated.
#[test]
fn the_writing_room_refuses_a_name_title_or_alt_text_naming_a_hidden_person_and_device_names() {
    let f = Fixture::new("author");
    f.write(
        "content/_data/people.yaml",
        "- named: anonymous\n  name: Ottoline Brackwater\n",
    );
    let (s, token) = start_editing(&f);
    let content = f.root().join("content");
    let before = snapshot(&content);
    let hidden = "These words name someone who chose not to be named on the site";
    let device = "Windows keeps this name for its devices";
    let small = noise_png(4);
    for (query, why) in [
        (
            "page=/planted/&name=Ottoline%20Brackwater.png&alt=A%20dot",
            hidden,
        ),
        (
            "page=/planted/&name=dot.png&alt=Ottoline%20Brackwater%20smiling",
            hidden,
        ),
        ("page=/planted/&name=CON.png&alt=A%20dot", device),
    ] {
        let (status, body) = post_image(&s, &token, query, &small);
        assert_eq!(status, 422, "{query}: {body}");
        assert!(body.contains(why), "{query}: {body}");
        assert!(!body.to_lowercase().contains("brackwater"), "{body}");
    }
    for (title, name, why) in [
        ("Story of Ottoline Brackwater", "story", hidden),
        ("A story", "ottoline-brackwater", hidden),
        ("A story", "con", device),
        ("A story", "lpt1", device),
    ] {
        let new = serde_json::json!({ "title": title, "name": name });
        let (status, body) = post_as_editor(&s, &token, "new", &new);
        assert_eq!(status, 422, "{name}: {body}");
        assert!(body.contains(why), "{name}: {body}");
        assert!(!body.to_lowercase().contains("brackwater"), "{body}");
    }
    assert!(snapshot(&content) == before, "nothing was written");
    let new = serde_json::json!({ "title": "A story", "name": "lpt10" });
    assert_eq!(post_as_editor(&s, &token, "new", &new).0, 200);
}
