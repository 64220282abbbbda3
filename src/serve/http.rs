//! Just enough HTTP/1.1 for a preview on this machine: read a request's head, answer with
//! one response and close the connection.

use std::io::{BufRead, BufReader, Read, Write};

/// The longest request head read; a browser's is well under 2 KB.
const MAX_HEAD: u64 = 16 * 1024;

/// How many reads a request head may take. A browser's arrives in one or two; a client
/// that sends it a few bytes at a time, to hold a connection open for as long as each read
/// may wait, is cut off after these, so one read timeout bounds the whole head (no clock
/// is read: the program never asks for the time).
pub const MAX_HEAD_READS: usize = 16;

/// A reader that gives at most `reads_left` reads, then fails as timed out.
struct Budgeted<R> {
    inner: R,
    reads_left: usize,
}

impl<R: Read> Read for Budgeted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.reads_left == 0 {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.reads_left -= 1;
        self.inner.read(buf)
    }
}

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
    /// understands, it is longer than 16 KB or comes in more than [`MAX_HEAD_READS`]
    /// pieces, or the client went away.
    pub fn read(stream: impl Read) -> Option<Request> {
        let mut reader = BufReader::new(Budgeted {
            inner: stream.take(MAX_HEAD),
            reads_left: MAX_HEAD_READS,
        });
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
            503 => "Service Unavailable",
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

    /// A client that sends one byte per read.
    struct Dribble(std::collections::VecDeque<u8>);

    impl Read for Dribble {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.pop_front(), buf.first_mut()) {
                (Some(byte), Some(first)) => {
                    *first = byte;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn a_head_sent_a_byte_at_a_time_is_cut_off() {
        let head = "GET / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n";
        assert_eq!(Request::read(Dribble(head.bytes().collect())), None);
        // The same head in pieces a real client might send it in is read.
        let pieces = head.as_bytes().chunks(head.len() / 3 + 1);
        let chained = pieces.fold(Box::new(std::io::empty()) as Box<dyn Read>, |r, p| {
            Box::new(r.chain(p))
        });
        assert_eq!(Request::read(chained).unwrap().path, "/");
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
