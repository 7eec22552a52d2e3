//! The dev server: serves the output folder over HTTP on loopback, and tells open pages
//! when to reload through a long-polling endpoint that exposes nothing but a build
//! number, after a failed build its error message, and whether the change touched only
//! the text of pages (an open page then swaps in its new content instead of reloading).
//!
//! It serves only files inside the output folder: `..` segments (encoded or not),
//! backslashes and symbolic links that lead outside are refused. Redirects name a path
//! on this server only (`/fr/`, never `//fr/`, which a browser reads as another host).
//! On loopback, a request must name this computer in its Host header, so a web page
//! whose domain is pointed at 127.0.0.1 (DNS rebinding) cannot read the site or its
//! build errors.

pub mod author;
pub mod edit;
pub mod entry;
mod http;
mod image;
mod list;
pub mod refusal;
pub mod watch;
pub mod words;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use http::{Connection, Request, Response};

use crate::text::error::{Error, Result};

/// The state of the last build, shared between the builder and the server.
#[derive(Debug, Default)]
pub struct BuildState {
    /// Goes up by one after every build, good or failed.
    pub version: u64,
    /// The error report of the last build, when it failed.
    pub error: Option<String>,
    /// The last change was a one-page update: only the text in the pages' `<main>`
    /// changed, so an open page can swap it in place of a reload.
    pub pages_only: bool,
}

/// Build state and a condition variable that wakes waiting reload requests.
#[derive(Debug, Default)]
pub struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
    /// Each page's figures and problems, for the author view.
    pub author: author::AuthorData,
    /// The options serve builds with, for the page editor's live preview.
    pub build: std::sync::OnceLock<crate::pipeline::BuildOptions>,
}

impl Shared {
    /// Records a finished build and wakes every waiting page.
    pub fn publish(&self, error: Option<String>) {
        self.publish_as(error, false);
    }

    /// Records a one-page update (see [`BuildState::pages_only`]) and wakes every
    /// waiting page.
    pub fn publish_pages(&self) {
        self.publish_as(None, true);
    }

    fn publish_as(&self, error: Option<String>, pages_only: bool) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.version += 1;
        s.error = error;
        s.pages_only = pages_only;
        self.changed.notify_all();
    }

    /// The current build number and error.
    pub fn snapshot(&self) -> (u64, Option<String>) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        (s.version, s.error.clone())
    }

    /// The build number and error, and whether that change was a one-page update.
    fn poll_now(&self) -> (u64, Option<String>, bool) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        (s.version, s.error.clone(), s.pages_only)
    }

    /// Waits until the build number differs from `since`, or `timeout` passes.
    fn wait_change(&self, since: u64, timeout: Duration) -> (u64, Option<String>, bool) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| s.version == since)
            .unwrap_or_else(|p| p.into_inner());
        (s.version, s.error.clone(), s.pages_only)
    }
}

const RELOAD_JS: &str = include_str!("reload.js");
/// Connections served at once; a client beyond that is told to try again (503).
const MAX_CONNECTIONS: usize = 1024;
/// Pages waiting for a reload signal at once; more get an immediate answer.
const MAX_WAITING: usize = 64;
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// The time a client has to send a whole request head.
const REQUEST_TIME: Duration = Duration::from_secs(10);
/// The time an idle kept-alive connection is held open for a next request.
const IDLE_TIME: Duration = Duration::from_secs(5);
/// Requests on one connection before it is closed.
const MAX_REQUESTS: usize = 1000;

/// Where and what the server serves.
struct Site {
    /// Only requests whose Host names this computer are answered.
    loopback: bool,
    output: PathBuf,
    base_path: String,
    shared: Arc<Shared>,
    waiting: AtomicUsize,
    connections: AtomicUsize,
    /// The page editor, with `serve --edit`.
    edit: Option<edit::Editor>,
}

/// A running dev server.
pub struct DevServer {
    pub addr: SocketAddr,
    stopped: Arc<AtomicBool>,
}

impl DevServer {
    /// Starts serving `output` at `addr` under the site's base path: one thread accepts
    /// connections and each connection gets a thread of its own, so a slow client holds
    /// up nobody but itself.
    pub fn start(
        addr: &str,
        output: PathBuf,
        base_path: String,
        shared: Arc<Shared>,
        edit: Option<edit::Editor>,
    ) -> Result<DevServer> {
        let listener = listen(addr)?;
        let local = listener.local_addr().map_err(|e| Error::Server {
            addr: addr.to_string(),
            reason: e.to_string(),
        })?;
        let stopped = Arc::new(AtomicBool::new(false));
        let site = Arc::new(Site {
            loopback: local.ip().is_loopback(),
            output,
            base_path,
            shared,
            waiting: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            edit,
        });
        let stop = Arc::clone(&stopped);
        std::thread::Builder::new()
            .name("accept".into())
            .spawn(move || accept_loop(listener, site, stop))
            .map_err(|e| Error::Server {
                addr: addr.to_string(),
                reason: e.to_string(),
            })?;
        Ok(DevServer {
            addr: local,
            stopped,
        })
    }

    /// Stops accepting connections.
    pub fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_millis(200));
    }
}

fn accept_loop(listener: TcpListener, site: Arc<Site>, stopped: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stopped.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let _ = stream.set_write_timeout(Some(REQUEST_TIME));
        if site.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            site.connections.fetch_sub(1, Ordering::SeqCst);
            let mut conn = Connection::new(stream);
            let _ = conn.respond(
                &Response::text(503, "Too many connections; try again"),
                false,
                false,
            );
            continue;
        }
        let site_for_thread = Arc::clone(&site);
        let spawned = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                serve_connection(Connection::new(stream), &site_for_thread);
                site_for_thread.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            site.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Answers requests on one connection until the client closes it, goes quiet, or asks
/// for it to be closed.
fn serve_connection(mut conn: Connection, site: &Site) {
    let _ = conn.stream().set_nodelay(true);
    for n in 0..MAX_REQUESTS {
        let wait = if n == 0 { REQUEST_TIME } else { IDLE_TIME };
        let request = match conn.read_request(Instant::now() + wait) {
            Ok(r) => r,
            Err(e) => return conn.refuse(&e),
        };
        let response = if site.loopback && !names_this_computer(request.host.as_deref()) {
            Response::text(403, "This server answers only to localhost and 127.0.0.1")
        } else {
            route(&request, site)
        };
        let keep_alive = request.keep_alive && n + 1 < MAX_REQUESTS;
        if conn
            .respond(&response, request.head_only, keep_alive)
            .is_err()
            || !keep_alive
        {
            return;
        }
    }
}

/// Whether a Host header (lower case) names this computer: `localhost`, a loopback
/// address, with or without a port. A request without one (HTTP/1.0) is let through.
fn names_this_computer(host: Option<&str>) -> bool {
    let Some(host) = host else { return true };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A listening socket with room for 1,024 waiting connections (the default 128 drops
/// connections when hundreds of requests arrive at once).
fn listen(addr: &str) -> Result<TcpListener> {
    use std::net::ToSocketAddrs;
    let fail = |reason: String| Error::Server {
        addr: addr.to_string(),
        reason,
    };
    let sock_addr = addr
        .to_socket_addrs()
        .map_err(|e| fail(e.to_string()))?
        .next()
        .ok_or_else(|| fail("not an address".into()))?;
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(sock_addr),
        socket2::Type::STREAM,
        None,
    )
    .map_err(|e| fail(e.to_string()))?;
    socket
        .set_reuse_address(true)
        .map_err(|e| fail(e.to_string()))?;
    socket
        .bind(&sock_addr.into())
        .map_err(|e| fail(e.to_string()))?;
    socket.listen(1024).map_err(|e| fail(e.to_string()))?;
    Ok(socket.into())
}

/// The answer to one request.
fn route(request: &Request, site: &Site) -> Response {
    let target = request.target.as_str();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let Some(site_path) = path.strip_prefix(site.base_path.trim_end_matches('/')) else {
        return Response::text(404, "Not found");
    };
    if let Some(action) = site_path.strip_prefix("/__plainsite/edit/") {
        return match &site.edit {
            Some(editor) => editor.handle(action, query, request, &site.shared),
            None => Response::text(404, "Editing is off: start with plainsite serve --edit"),
        };
    }
    if request.post {
        return Response::text(405, "Only the page editor takes POST requests");
    }
    match site_path {
        "/__plainsite/reload.js" => Response::new(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        ),
        "/__plainsite/poll" => {
            let since = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse::<u64>().ok());
            let (version, error, pages_only) = match since {
                // This connection's own thread waits; files are served by others.
                Some(v) if site.waiting.fetch_add(1, Ordering::SeqCst) < MAX_WAITING => {
                    let answer = site.shared.wait_change(v, POLL_TIMEOUT);
                    site.waiting.fetch_sub(1, Ordering::SeqCst);
                    answer
                }
                Some(_) => {
                    site.waiting.fetch_sub(1, Ordering::SeqCst);
                    site.shared.poll_now()
                }
                None => site.shared.poll_now(),
            };
            Response::new(
                200,
                "application/json",
                poll_body(version, error.as_deref(), pages_only),
            )
        }
        "/__plainsite/author.js" => Response::new(
            200,
            "text/javascript; charset=utf-8",
            author::AUTHOR_JS.as_bytes().to_vec(),
        ),
        "/__plainsite/author.css" => Response::new(
            200,
            "text/css; charset=utf-8",
            author::AUTHOR_CSS.as_bytes().to_vec(),
        ),
        "/__plainsite/page.json" => {
            let url = query_value(query, "url").unwrap_or_default();
            Response::new(200, "application/json", site.shared.author.page_json(&url))
        }
        "/__plainsite/site.json" => {
            Response::new(200, "application/json", site.shared.author.site_json())
        }
        "/__plainsite/words.json" => {
            let lang = query_value(query, "lang");
            let (words, lang) = words::load(site.shared.build.get(), lang.as_deref());
            Response::new(200, "application/json", words::json(&words, &lang))
        }
        author::REPORT_PATH => {
            let (words, lang) = words::load(site.shared.build.get(), None);
            let page = author::report_page(&words, &lang);
            Response::new(200, "text/html; charset=utf-8", page)
        }
        _ => serve_file(site, site_path),
    }
}

fn poll_body(version: u64, error: Option<&str>, pages_only: bool) -> Vec<u8> {
    serde_json::json!({ "version": version, "error": error, "pages_only": pages_only })
        .to_string()
        .into_bytes()
}

fn serve_file(site: &Site, site_path: &str) -> Response {
    let Some(rel) = safe_relative(site_path) else {
        return Response::text(403, "Forbidden");
    };
    let mut path = site.output.join(&rel);
    if path.is_dir() {
        if !site_path.ends_with('/') {
            return Response::redirect(folder_location(&site.base_path, &rel));
        }
        path.push("index.html");
    }
    // Symbolic links that lead outside the output folder are refused.
    let inside = match (path.canonicalize(), site.output.canonicalize()) {
        (Ok(p), Ok(o)) => p.starts_with(o),
        _ => false,
    };
    if inside {
        if let Ok(bytes) = std::fs::read(&path) {
            return Response::new(200, content_type(&path), bytes);
        }
    }
    let (_, error) = site.shared.snapshot();
    match (std::fs::read(site.output.join("404.html")), error) {
        (Ok(page), _) => Response::new(404, "text/html; charset=utf-8", page),
        (Err(_), Some(e)) => Response::new(
            500,
            "text/html; charset=utf-8",
            error_page(&e, site.shared.build.get()).into_bytes(),
        ),
        (Err(_), None) => Response::text(404, "Not found"),
    }
}

/// The address of a folder, for a redirect: the base path and the folder's normalized,
/// percent-encoded path, so it always starts with one `/` and stays on this server.
fn folder_location(base_path: &str, rel: &Path) -> String {
    let mut location = base_path.trim_end_matches('/').to_string();
    for part in rel.components() {
        location.push('/');
        for b in part.as_os_str().to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
                location.push(char::from(b));
            } else {
                location.push_str(&format!("%{b:02X}"));
            }
        }
    }
    location.push('/');
    location
}

/// A page that shows a build error when there is no good site to show yet, in the
/// language of the site `build` makes.
fn error_page(error: &str, build: Option<&crate::pipeline::BuildOptions>) -> String {
    use crate::text::escape::escape;
    let (words, lang) = words::load(build, None);
    let say = |key: &str| words::html(&words, key);
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{title}</h1><pre>{error}</pre><p>{fix}</p></main><script src=\"/__plainsite/reload.js\"></script></body></html>",
        lang = escape(&lang),
        dir = crate::load::languages::direction(&lang),
        title = say("build_failed_title"),
        error = escape(error),
        fix = say("build_failed_fix"),
    )
}

/// The path under the output folder for a request path, or `None` when it tries to leave
/// the folder (`..`, encoded or not), holds a backslash or a NUL, or is not UTF-8.
pub fn safe_relative(site_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(site_path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => {
                let c = Path::new(p).components().next();
                if !matches!(c, Some(Component::Normal(_))) || p.contains(':') {
                    return None;
                }
                out.push(p);
            }
        }
    }
    Some(out)
}

/// The value of `name` in a query string, decoded.
fn query_value(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        .and_then(percent_decode)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlays_english_until_its_words_come_is_the_themes_english() {
        let english = crate::load::i18n::Strings::default();
        let said = english.get("writing_room.build_failed");
        assert!(
            RELOAD_JS.contains(&format!("build_failed: \"{said}\"")),
            "{said}"
        );
    }

    #[test]
    fn the_page_shown_before_any_good_build_is_in_the_sites_language() {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("site.toml"), "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://example.org/\"\nlanguage = \"fr\"\norganization = \"O\"\n").unwrap();
        std::fs::create_dir_all(site.path().join("themes/default/i18n")).unwrap();
        std::fs::create_dir_all(site.path().join("themes/default/templates")).unwrap();
        std::fs::write(
            site.path().join("themes/default/i18n/fr.toml"),
            "[writing_room]\nbuild_failed_title = \"Le site <b>cass\u{e9}</b>\"\n",
        )
        .unwrap();
        let opts = crate::pipeline::BuildOptions {
            root: site.path().to_path_buf(),
            output: site.path().join("public"),
            overrides: Default::default(),
            drafts: false,
            mode: crate::pipeline::Mode::Serve,
            report: None,
            checks: true,
            only: None,
            since: None,
            today: None,
            overdue: None,
            cancel: None,
        };
        let page = error_page("x < y", Some(&opts));
        assert!(page.contains("<html lang=\"fr\" dir=\"ltr\">"), "{page}");
        assert!(
            page.contains("<h1>Le site &lt;b&gt;cass\u{e9}&lt;/b&gt;</h1>"),
            "{page}"
        );
        assert!(page.contains("<pre>x &lt; y</pre>"), "{page}");
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        assert_eq!(
            safe_relative("/findings/x/"),
            Some(PathBuf::from("findings/x"))
        );
        assert_eq!(safe_relative("/a%20b.png"), Some(PathBuf::from("a b.png")));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/a\\..\\b",
            "/%5c..%5cx",
            "/x%00",
            "/%zz",
            "/C:/x",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }

    #[test]
    fn redirects_stay_on_this_server() {
        for (path, location) in [
            ("//fr", "/fr/"),
            ("///a//b", "/a/b/"),
            ("/a b", "/a%20b/"),
            ("/%2F%2Fevil.example", "/evil.example/"),
        ] {
            let rel = safe_relative(path).unwrap();
            assert_eq!(folder_location("/", &rel), location, "{path}");
        }
        assert_eq!(folder_location("/review/", Path::new("fr")), "/review/fr/");
    }

    #[test]
    fn only_hosts_naming_this_computer_are_answered() {
        for ok in [
            None,
            Some("localhost:1111"),
            Some("127.0.0.1"),
            Some("[::1]:80"),
            Some("a.localhost"),
        ] {
            assert!(names_this_computer(ok), "{ok:?}");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.evil.example",
            "[::2]",
        ] {
            assert!(!names_this_computer(Some(bad)), "{bad}");
        }
    }

    #[test]
    fn waiting_wakes_on_publish() {
        let shared = Arc::new(Shared::default());
        let s2 = Arc::clone(&shared);
        let t = std::thread::spawn(move || s2.wait_change(0, Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(50));
        shared.publish(Some("boom".into()));
        assert_eq!(t.join().unwrap(), (1, Some("boom".into()), false));
    }
}
