//! The dev server: serves the output folder over HTTP on loopback, and tells open pages
//! when to reload through a long-polling endpoint that exposes nothing but a build
//! number and, after a failed build, its error message.
//!
//! It serves only files inside the output folder: `..` segments (encoded or not),
//! backslashes and symbolic links that lead outside are refused.

use std::io::Cursor;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::error::{Error, Result};

/// The state of the last build, shared between the builder and the server.
#[derive(Debug, Default)]
pub struct BuildState {
    /// Goes up by one after every build, good or failed.
    pub version: u64,
    /// The error report of the last build, when it failed.
    pub error: Option<String>,
}

/// Build state and a condition variable that wakes waiting reload requests.
#[derive(Debug, Default)]
pub struct Shared {
    state: Mutex<BuildState>,
    changed: Condvar,
}

impl Shared {
    /// Records a finished build and wakes every waiting page.
    pub fn publish(&self, error: Option<String>) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.version += 1;
        s.error = error;
        self.changed.notify_all();
    }

    /// The current build number and error.
    pub fn snapshot(&self) -> (u64, Option<String>) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        (s.version, s.error.clone())
    }

    /// Waits until the build number differs from `since`, or `timeout` passes.
    fn wait_change(&self, since: u64, timeout: Duration) -> (u64, Option<String>) {
        let s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let (s, _) = self.changed.wait_timeout_while(s, timeout, |s| s.version == since).unwrap_or_else(|p| p.into_inner());
        (s.version, s.error.clone())
    }
}

const RELOAD_JS: &str = include_str!("reload.js");
const WORKERS: usize = 8;
const MAX_WAITING: usize = 64;
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

/// A running dev server.
pub struct DevServer {
    server: Arc<Server>,
    pub addr: std::net::SocketAddr,
}

impl DevServer {
    /// Starts serving `output` at `addr` under the site's base path.
    pub fn start(addr: &str, output: PathBuf, base_path: String, shared: Arc<Shared>) -> Result<DevServer> {
        let server = Server::from_listener(listen(addr)?, None).map_err(|e| Error::Server { addr: addr.to_string(), reason: e.to_string() })?;
        let local = server.server_addr().to_ip().ok_or_else(|| Error::Server { addr: addr.to_string(), reason: "not an IP address".into() })?;
        let server = Arc::new(server);
        let waiting = Arc::new(AtomicUsize::new(0));
        for _ in 0..WORKERS {
            let server = Arc::clone(&server);
            let (output, base_path, shared, waiting) = (output.clone(), base_path.clone(), Arc::clone(&shared), Arc::clone(&waiting));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &output, &base_path, &shared, &waiting);
                }
            });
        }
        Ok(DevServer { server, addr: local })
    }

    /// Stops accepting requests.
    pub fn stop(&self) {
        self.server.unblock();
    }
}

/// A listening socket with room for 1,024 waiting connections (the default 128 drops
/// connections when hundreds of requests arrive at once).
fn listen(addr: &str) -> Result<std::net::TcpListener> {
    use std::net::ToSocketAddrs;
    let fail = |reason: String| Error::Server { addr: addr.to_string(), reason };
    let sock_addr = addr.to_socket_addrs().map_err(|e| fail(e.to_string()))?.next().ok_or_else(|| fail("not an address".into()))?;
    let socket = socket2::Socket::new(socket2::Domain::for_address(sock_addr), socket2::Type::STREAM, None).map_err(|e| fail(e.to_string()))?;
    socket.set_reuse_address(true).map_err(|e| fail(e.to_string()))?;
    socket.bind(&sock_addr.into()).map_err(|e| fail(e.to_string()))?;
    socket.listen(1024).map_err(|e| fail(e.to_string()))?;
    // Accepted connections inherit this: a client that stops sending is dropped after a
    // while instead of holding a connection thread for ever.
    let _ = socket.set_read_timeout(Some(Duration::from_secs(15)));
    Ok(socket.into())
}

fn handle(request: Request, output: &Path, base_path: &str, shared: &Arc<Shared>, waiting: &Arc<AtomicUsize>) {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let Some(site_path) = path.strip_prefix(base_path.trim_end_matches('/')) else {
        return respond(request, 404, "text/plain; charset=utf-8", b"Not found".to_vec());
    };
    match site_path {
        "/__plainsite/reload.js" => respond(request, 200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec()),
        "/__plainsite/poll" => {
            let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse::<u64>().ok());
            let (version, error) = match since {
                Some(v) if waiting.load(Ordering::Relaxed) < MAX_WAITING => {
                    // Hold the request on its own thread so waiting pages never block files.
                    let shared = Arc::clone(shared);
                    let waiting = Arc::clone(waiting);
                    waiting.fetch_add(1, Ordering::Relaxed);
                    std::thread::spawn(move || {
                        let (version, error) = shared.wait_change(v, POLL_TIMEOUT);
                        waiting.fetch_sub(1, Ordering::Relaxed);
                        respond(request, 200, "application/json", poll_body(version, error.as_deref()));
                    });
                    return;
                }
                _ => shared.snapshot(),
            };
            respond(request, 200, "application/json", poll_body(version, error.as_deref()))
        }
        _ => serve_file(request, output, site_path, base_path, shared),
    }
}

fn poll_body(version: u64, error: Option<&str>) -> Vec<u8> {
    serde_json::json!({ "version": version, "error": error }).to_string().into_bytes()
}

fn serve_file(request: Request, output: &Path, site_path: &str, base_path: &str, shared: &Shared) {
    let Some(rel) = safe_relative(site_path) else {
        return respond(request, 403, "text/plain; charset=utf-8", b"Forbidden".to_vec());
    };
    let mut path = output.join(&rel);
    if path.is_dir() {
        if !site_path.ends_with('/') {
            let location = format!("{}{}/", base_path.trim_end_matches('/'), site_path);
            let mut response = Response::from_data(Vec::new()).with_status_code(StatusCode(301));
            if let Ok(h) = Header::from_bytes(&b"Location"[..], location.as_bytes()) {
                response.add_header(h);
            }
            let _ = request.respond(response);
            return;
        }
        path.push("index.html");
    }
    // Symbolic links that lead outside the output folder are refused.
    let inside = match (path.canonicalize(), output.canonicalize()) {
        (Ok(p), Ok(o)) => p.starts_with(o),
        _ => false,
    };
    if inside {
        if let Ok(bytes) = std::fs::read(&path) {
            return respond(request, 200, content_type(&path), bytes);
        }
    }
    let (_, error) = shared.snapshot();
    match (std::fs::read(output.join("404.html")), error) {
        (Ok(page), _) => respond(request, 404, "text/html; charset=utf-8", page),
        (Err(_), Some(e)) => respond(request, 500, "text/html; charset=utf-8", error_page(&e).into_bytes()),
        (Err(_), None) => respond(request, 404, "text/plain; charset=utf-8", b"Not found".to_vec()),
    }
}

/// A page that shows a build error when there is no good site to show yet.
fn error_page(error: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site did not build</title></head><body><main><h1>The site did not build</h1><pre>{}</pre><p>Fix the problem and save the file: this page reloads by itself.</p></main><script src=\"/__plainsite/reload.js\"></script></body></html>",
        crate::markdown::escape(error)
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

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::new(StatusCode(status), Vec::new(), Cursor::new(body.clone()), Some(body.len()), None);
    for (k, v) in [("Content-Type", content_type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")] {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        assert_eq!(safe_relative("/findings/x/"), Some(PathBuf::from("findings/x")));
        assert_eq!(safe_relative("/a%20b.png"), Some(PathBuf::from("a b.png")));
        for bad in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/a/%2E%2E/%2e%2e/x", "/a\\..\\b", "/%5c..%5cx", "/x%00", "/%zz", "/C:/x"] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }

    #[test]
    fn waiting_wakes_on_publish() {
        let shared = Arc::new(Shared::default());
        let s2 = Arc::clone(&shared);
        let t = std::thread::spawn(move || s2.wait_change(0, Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(50));
        shared.publish(Some("boom".into()));
        assert_eq!(t.join().unwrap(), (1, Some("boom".into())));
    }
}
