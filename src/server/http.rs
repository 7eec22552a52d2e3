//! The small part of HTTP/1.1 the dev server needs: read one request from a connection
//! within a size and time limit (parsing is httparse's), and write one response.
//!
//! Limits protect the other readers of the site: a request head larger than 16 KiB is
//! refused, and a client that takes longer than the deadline to send its request (a
//! slow or half-open client) is dropped, so it holds only its own thread and only for a
//! while. A POST (the page editor's, with `serve --edit`) may carry a body of at most
//! [`MAX_BODY`] bytes (an image sent to [`super::image::UPLOAD_PATH`]: at most
//! [`super::image::MAX_IMAGE`]), announced by Content-Length; a larger one is refused unread.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

/// The largest request head (request line and headers) accepted.
const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;
/// The largest request body accepted (a page's Markdown, sent by the page editor).
pub const MAX_BODY: usize = 1024 * 1024;

/// A request the server understood.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// The request target as sent: path and query.
    pub target: String,
    /// `HEAD` asks for the headers only.
    pub head_only: bool,
    /// Whether the client wants to send another request on this connection.
    pub keep_alive: bool,
    /// The Host header, lower case, when there is one.
    pub host: Option<String>,
    /// A POST (the page editor's requests); GET and HEAD otherwise.
    pub post: bool,
    /// The Origin header, lower case, when there is one.
    pub origin: Option<String>,
    /// The editing token sent in the `X-Plainsite-Token` header.
    pub token: Option<String>,
    /// The language of the page that sent the request (`X-Plainsite-Lang`), for the
    /// words of a refusal.
    pub lang: Option<String>,
    /// The body of a POST.
    pub body: Vec<u8>,
}

/// Why no request could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The client closed the connection (or sent nothing before the deadline).
    Closed,
    /// The head is not HTTP, or has a body the server does not take.
    Bad,
    /// The method is not GET, HEAD or POST.
    Method,
    /// The body is larger than [`MAX_BODY`].
    BodyTooLarge,
    /// The head is larger than [`MAX_HEAD`].
    TooLarge,
}

/// One response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// The target of a redirect.
    pub location: Option<String>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
            body,
            location: None,
        }
    }

    pub fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    pub fn redirect(location: String) -> Response {
        Response {
            location: Some(location),
            ..Response::text(301, "Moved")
        }
    }
}

/// A client connection and the bytes read from it but not yet used.
pub struct Connection {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Connection {
    pub fn new(stream: TcpStream) -> Connection {
        Connection {
            stream,
            buf: Vec::with_capacity(1024),
        }
    }

    /// Reads the next request; the whole head must arrive before `deadline`.
    pub fn read_request(&mut self, deadline: Instant) -> Result<Request, ReadError> {
        loop {
            if let Some(request) = self.parse()? {
                return Ok(request);
            }
            if self.buf.len() >= MAX_HEAD + super::image::MAX_IMAGE {
                return Err(ReadError::TooLarge);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                return Err(ReadError::Closed);
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) | Err(_) => return Err(ReadError::Closed),
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
    }

    /// A complete request at the start of the buffer, removed from it.
    fn parse(&mut self) -> Result<Option<Request>, ReadError> {
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut req = httparse::Request::new(&mut headers);
        let used = match req.parse(&self.buf) {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) if self.buf.len() >= MAX_HEAD => {
                return Err(ReadError::TooLarge)
            }
            Ok(httparse::Status::Partial) => return Ok(None),
            Err(httparse::Error::TooManyHeaders) => return Err(ReadError::TooLarge),
            Err(_) => return Err(ReadError::Bad),
        };
        let (head_only, post) = match req.method {
            Some("GET") => (false, false),
            Some("HEAD") => (true, false),
            Some("POST") => (false, true),
            _ => return Err(ReadError::Method),
        };
        let header = |name: &str| {
            req.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
        };
        // Only a POST has a body, and only one of a stated length (no chunks).
        let length = match header("content-length") {
            Some(v) => v.trim().parse::<usize>().map_err(|_| ReadError::Bad)?,
            None => 0,
        };
        if header("transfer-encoding").is_some() || (!post && length > 0) {
            return Err(ReadError::Bad);
        }
        let path = req.path.unwrap_or("/").split('?').next().unwrap_or("");
        let cap = if path.ends_with(super::image::UPLOAD_PATH) {
            super::image::MAX_IMAGE
        } else {
            MAX_BODY
        };
        if length > cap {
            return Err(ReadError::BodyTooLarge);
        }
        if self.buf.len() < used + length {
            return Ok(None);
        }
        let raw = |name: &str| {
            req.headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
                .map(|h| String::from_utf8_lossy(h.value).into_owned())
        };
        let token = raw("x-plainsite-token");
        let lang = raw("x-plainsite-lang");
        let connection = header("connection").unwrap_or_default();
        let keep_alive = match req.version {
            Some(1) => !connection.contains("close"),
            _ => connection.contains("keep-alive"),
        };
        let target = req.path.unwrap_or("/").to_string();
        let host = header("host");
        let origin = header("origin");
        let body = self.buf[used..used + length].to_vec();
        self.buf.drain(..used + length);
        Ok(Some(Request {
            target,
            head_only,
            keep_alive,
            host,
            post,
            origin,
            token,
            lang,
            body,
        }))
    }

    /// Writes a response; `keep_alive` says whether the connection stays open after it.
    pub fn respond(
        &mut self,
        response: &Response,
        head_only: bool,
        keep_alive: bool,
    ) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n",
            response.status,
            reason(response.status),
            response.content_type,
            response.body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        );
        if let Some(location) = &response.location {
            // Only characters that cannot end the header line.
            let safe: String = location.chars().filter(|c| !c.is_control()).collect();
            head.push_str(&format!("Location: {safe}\r\n"));
        }
        head.push_str("\r\n");
        self.stream.write_all(head.as_bytes())?;
        if !head_only {
            self.stream.write_all(&response.body)?;
        }
        self.stream.flush()
    }

    /// Answers a request that could not be read, when there is an answer to give.
    pub fn refuse(&mut self, error: &ReadError) {
        let response = match error {
            ReadError::Closed => return,
            ReadError::Bad => Response::text(400, "Bad request"),
            ReadError::Method => Response::text(405, "Only GET, HEAD and POST are served"),
            ReadError::BodyTooLarge => Response::text(413, "Request body too large"),
            ReadError::TooLarge => Response::text(431, "Request header too large"),
        };
        let _ = self.respond(&response, false, false);
    }

    pub fn stream(&self) -> &TcpStream {
        &self.stream
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;
    use std::time::Duration;

    /// A connection whose client has sent `bytes`.
    fn conn_with(bytes: &[u8]) -> (Connection, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        client.write_all(bytes).unwrap();
        let (server, _) = listener.accept().unwrap();
        (Connection::new(server), client)
    }

    fn get(target: &str) -> Request {
        Request {
            target: target.into(),
            head_only: false,
            keep_alive: true,
            host: None,
            post: false,
            origin: None,
            token: None,
            lang: None,
            body: Vec::new(),
        }
    }

    fn soon() -> Instant {
        Instant::now() + Duration::from_millis(300)
    }

    #[test]
    fn reads_pipelined_requests_one_by_one() {
        let (mut c, _client) = conn_with(
            b"GET /a?x=1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /b HTTP/1.1\r\nConnection: close\r\n\r\n",
        );
        assert_eq!(
            c.read_request(soon()),
            Ok(Request {
                target: "/a?x=1".into(),
                head_only: false,
                keep_alive: true,
                host: Some("h".into()),
                ..get("/a?x=1")
            })
        );
        assert_eq!(
            c.read_request(soon()),
            Ok(Request {
                target: "/b".into(),
                head_only: true,
                keep_alive: false,
                host: None,
                ..get("/b")
            })
        );
    }

    #[test]
    fn refuses_what_it_does_not_serve() {
        assert_eq!(
            conn_with(b"PUT / HTTP/1.1\r\n\r\n").0.read_request(soon()),
            Err(ReadError::Method)
        );
        let big = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert_eq!(
            conn_with(big.as_bytes()).0.read_request(soon()),
            Err(ReadError::BodyTooLarge)
        );
        assert_eq!(
            conn_with(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                .0
                .read_request(soon()),
            Err(ReadError::Bad)
        );
        assert_eq!(
            conn_with(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
                .0
                .read_request(soon()),
            Err(ReadError::Bad)
        );
        assert_eq!(
            conn_with(b"\x00\x01 nonsense\r\n\r\n")
                .0
                .read_request(soon()),
            Err(ReadError::Bad)
        );
        let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(
            conn_with(huge.as_bytes()).0.read_request(soon()),
            Err(ReadError::TooLarge)
        );
    }

    #[test]
    fn a_post_body_is_read_whole_and_the_next_request_after_it() {
        let (mut c, _client) = conn_with(
            b"POST /s HTTP/1.1\r\nOrigin: http://127.0.0.1:1\r\nX-Plainsite-Token: AbC\r\nContent-Length: 5\r\n\r\nhelloGET /n HTTP/1.1\r\n\r\n",
        );
        let r = c.read_request(soon()).unwrap();
        assert!(r.post);
        assert_eq!(r.body, b"hello");
        assert_eq!(r.token.as_deref(), Some("AbC"));
        assert_eq!(r.origin.as_deref(), Some("http://127.0.0.1:1"));
        assert_eq!(c.read_request(soon()).unwrap().target, "/n");
    }

    #[test]
    fn a_half_sent_request_times_out() {
        let (mut c, _client) = conn_with(b"GET / HTTP/1.1\r\nHost: x\r\n");
        let started = Instant::now();
        assert_eq!(c.read_request(soon()), Err(ReadError::Closed));
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn http_1_0_closes_unless_asked() {
        let (mut c, _client) = conn_with(b"GET / HTTP/1.0\r\n\r\n");
        assert!(!c.read_request(soon()).unwrap().keep_alive);
    }
}
