//! Just enough HTTP/1.1 for a preview on this machine: read a request's head, answer with
//! one response and close the connection.

use std::io::{BufRead, BufReader, Read, Write};

/// The longest request head read; a browser's is well under 2 KB.
const MAX_HEAD: u64 = 16 * 1024;

/// A request, as far as the preview needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The path, percent-decoded, without the query.
    pub path: String,
    /// The query, after `?`, as sent.
    pub query: String,
    /// The `Host` header, when sent.
    pub host: Option<String>,
}

impl Request {
    /// Reads a request head from `stream`; `None` when it is not a request this server
    /// understands (or the client went away).
    pub fn read(stream: impl Read) -> Option<Request> {
        let mut reader = BufReader::new(stream.take(MAX_HEAD));
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let method = parts.next()?.to_owned();
        let target = parts.next()?.to_owned();
        if !parts.next()?.starts_with("HTTP/1.") {
            return None;
        }
        let (raw_path, query) = target.split_once('?').unwrap_or((&target, ""));
        let path = percent_decode(raw_path)?;
        let query = query.to_owned();
        let mut host = None;
        loop {
            line.clear();
            if reader.read_line(&mut line).ok()? == 0 {
                return None; // the head never ended
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("host")
            {
                host = Some(value.trim().to_owned());
            }
        }
        Some(Request {
            method,
            path,
            query,
            host,
        })
    }

    /// The value of `name` in the query (`?since=3` → `3`).
    pub fn query_value(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    }
}

/// A response: status, content type and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code, e.g. 200.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response with the given status, type and body.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type: content_type.to_owned(),
            body: body.into(),
        }
    }

    /// Writes the response (the head only, for `HEAD`) and nothing else: the connection is
    /// closed after it. Never cached: every request sees the latest render.
    pub fn write_to(&self, mut stream: impl Write, head_only: bool) -> std::io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            400 => "Bad Request",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Internal Server Error",
        };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// `%E5%88%A5` → `別`; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_browser_request() {
        let head = "GET /%E5%88%A5.html?since=4&x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept: */*\r\n\r\n";
        let request = Request::read(head.as_bytes()).unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.path, "/別.html");
        assert_eq!(request.query_value("since"), Some("4"));
        assert_eq!(request.query_value("y"), None);
        assert_eq!(request.host.as_deref(), Some("127.0.0.1:8000"));
    }

    #[test]
    fn refuses_what_is_not_a_request() {
        for bad in [
            "",
            "GET\r\n\r\n",
            "GET / SMTP\r\n\r\n",
            "GET /%zz HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\n",
        ] {
            assert_eq!(Request::read(bad.as_bytes()), None, "{bad:?}");
        }
    }

    #[test]
    fn writes_a_closed_uncached_response() {
        let mut out = Vec::new();
        Response::new(200, "text/plain; charset=utf-8", "本文")
            .write_to(&mut out, false)
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Length: 6\r\n"), "{text}");
        assert!(text.contains("Cache-Control: no-store\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n本文"), "{text}");
        let mut head = Vec::new();
        Response::new(404, "text/plain", "x")
            .write_to(&mut head, true)
            .unwrap();
        assert!(String::from_utf8(head).unwrap().ends_with("\r\n\r\n"));
    }
}
