//! What the preview serves: the latest render (or its errors), and the answer to each
//! request, including the long wait of the reload script for the next render.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use super::http::{Request, Response};
use super::pages;
use crate::error::Lang;
use crate::render::Output;

/// How long the reload script's request waits for a change before it is answered anyway
/// (and asks again).
pub const LONG_POLL: Duration = Duration::from_secs(20);

/// The result of one render of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Snapshot {
    /// Every output, and the warnings as the command line prints them.
    Built {
        /// The outputs, sorted by path.
        outputs: Vec<Output>,
        /// Each warning, rendered in the user's language.
        warnings: Vec<String>,
    },
    /// The source (or a template, or reading a file) failed: every problem, rendered as
    /// the command line prints it.
    Failed {
        /// The report.
        report: String,
    },
}

struct State {
    version: u64,
    snapshot: Arc<Snapshot>,
}

/// The site the preview serves, shared by the threads answering requests and the one
/// watching the files.
pub struct Site {
    state: Mutex<State>,
    changed: Condvar,
    stopping: AtomicBool,
    lang: Lang,
    /// The source's name, for the error page's title.
    source_name: String,
    /// The hosts a request may name (the preview's own address), against pages of other
    /// sites reaching it through a name that resolves to this machine.
    hosts: Vec<String>,
}

impl Site {
    /// A site showing `snapshot`, for requests to 127.0.0.1 or localhost at `port`.
    pub fn new(snapshot: Snapshot, source_name: &str, port: u16, lang: Lang) -> Site {
        Site {
            state: Mutex::new(State {
                version: 1,
                snapshot: Arc::new(snapshot),
            }),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            lang,
            source_name: source_name.to_owned(),
            hosts: vec![format!("127.0.0.1:{port}"), format!("localhost:{port}")],
        }
    }

    /// Shows a new render; pages waiting for a change reload.
    pub fn publish(&self, snapshot: Snapshot) {
        let mut state = self.lock();
        state.version += 1;
        state.snapshot = Arc::new(snapshot);
        self.changed.notify_all();
    }

    /// Answers the waiting requests at once, as the preview stops.
    pub fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _state = self.lock();
        self.changed.notify_all();
    }

    /// The render shown now.
    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.lock().snapshot)
    }

    /// Whether the preview is stopping.
    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// The render `request` waits to be newer than, when it is the reload script's wait for
    /// the next render (a `GET` or `HEAD` of a known host); the waiting itself is left to
    /// the caller, which gives the connection back meanwhile.
    pub fn long_poll(&self, request: &Request) -> Option<u64> {
        let known_host = request
            .host
            .as_ref()
            .is_none_or(|host| self.hosts.iter().any(|h| h == host));
        (matches!(request.method.as_str(), "GET" | "HEAD")
            && known_host
            && request.path == "/_mokuteki/changes")
            .then(|| {
                request
                    .query_value("since")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
            })
    }

    /// The answer to `request`.
    pub fn respond(&self, request: &Request) -> Response {
        if request.method != "GET" && request.method != "HEAD" {
            return Response::new(405, "text/plain; charset=utf-8", "GET only\n");
        }
        if let Some(host) = &request.host
            && !self.hosts.iter().any(|h| h == host)
        {
            return Response::new(403, "text/plain; charset=utf-8", "unknown host\n");
        }
        if request.path == "/_mokuteki/changes" {
            let since = request
                .query_value("since")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let version = self.wait_for_change(since, LONG_POLL);
            return Response::new(200, "text/plain; charset=utf-8", version.to_string());
        }
        let (version, snapshot) = {
            let state = self.lock();
            (state.version, Arc::clone(&state.snapshot))
        };
        let lang = self.lang;
        let outputs = match &*snapshot {
            Snapshot::Failed { report } => {
                let page = pages::error(&self.source_name, report, lang, version);
                return Response::new(500, HTML, page);
            }
            Snapshot::Built { outputs, warnings } => {
                let is_index = request.path == "/"
                    || (request.path == "/index.html"
                        && !outputs.iter().any(|o| o.path == "index.html"));
                if is_index {
                    return Response::new(
                        200,
                        HTML,
                        pages::index(outputs, warnings, lang, version),
                    );
                }
                outputs
            }
        };
        let find = |path: &str| outputs.iter().find(|o| o.path == path);
        if let Some(path) = request.path.strip_prefix(pages::VIEW_PREFIX)
            && let Some(output) = find(path)
            && let Ok(text) = std::str::from_utf8(&output.content)
        {
            return Response::new(200, HTML, pages::text_view(path, text, lang, version));
        }
        match request.path.strip_prefix('/').and_then(find) {
            Some(output) if is_html(&output.path) => {
                Response::new(200, HTML, pages::with_reload(&output.content, version))
            }
            Some(output) => Response::new(
                200,
                &content_type(&output.path, &output.content),
                output.content.clone(),
            ),
            None => Response::new(404, HTML, pages::not_found(lang, version)),
        }
    }

    /// Waits until the render is newer than `since`, the preview stops, or `timeout`
    /// passes; returns the current version.
    pub fn wait_for_change(&self, since: u64, timeout: Duration) -> u64 {
        let state = self.lock();
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |state| {
                state.version == since && !self.is_stopping()
            })
            .unwrap_or_else(|p| p.into_inner());
        state.version
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

const HTML: &str = "text/html; charset=utf-8";

fn is_html(path: &str) -> bool {
    path.ends_with(".html") || path.ends_with(".htm")
}

/// The content type of an output other than a page: Markdown and text as plain text, in
/// UTF-8 or, for a mailing text encoded so, Shift_JIS.
fn content_type(path: &str, content: &[u8]) -> String {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    let utf8 = std::str::from_utf8(content).is_ok();
    let known = match extension {
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        _ => "text/plain",
    };
    match (known, utf8) {
        ("text/plain", false) => "text/plain; charset=Shift_JIS".to_owned(),
        (known, _) => format!("{known}; charset=utf-8"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let outputs = vec![
            Output {
                path: "notice.html".into(),
                content: b"<html><body>x</body></html>\n".to_vec(),
            },
            Output {
                path: "notice.md".into(),
                content: "# 利用目的\n".as_bytes().to_vec(),
            },
            Output {
                path: "notice.txt".into(),
                content: vec![0x82, 0xa0, b'\n'],
            },
        ];
        Site::new(
            Snapshot::Built {
                outputs,
                warnings: vec![],
            },
            "purposes.yaml",
            8000,
            Lang::En,
        )
    }

    fn get(site: &Site, path: &str) -> Response {
        site.respond(&Request {
            method: "GET".into(),
            path: path.into(),
            query: String::new(),
            host: Some("127.0.0.1:8000".into()),
        })
    }

    #[test]
    fn serves_pages_with_the_script_and_text_as_it_is() {
        let site = site();
        let page = get(&site, "/notice.html");
        assert_eq!((page.status, page.content_type.as_str()), (200, HTML));
        assert!(String::from_utf8_lossy(&page.body).contains("<script>"));
        let markdown = get(&site, "/notice.md");
        assert_eq!(markdown.content_type, "text/plain; charset=utf-8");
        assert_eq!(markdown.body, "# 利用目的\n".as_bytes());
        let text = get(&site, "/notice.txt");
        assert_eq!(text.content_type, "text/plain; charset=Shift_JIS");
        let index = String::from_utf8(get(&site, "/").body).unwrap();
        assert!(index.contains("href=\"/notice.md\""), "{index}");
        assert!(
            index.contains("href=\"/_mokuteki/view/notice.md\""),
            "{index}"
        );
        assert_eq!(get(&site, "/missing.html").status, 404);
        assert_eq!(get(&site, "/_mokuteki/view/notice.md").status, 200);
    }

    #[test]
    fn an_error_replaces_every_page_and_a_good_render_brings_them_back() {
        let site = site();
        site.publish(Snapshot::Failed {
            report: "error: purposes.yaml:3:3: unknown key".into(),
        });
        for path in ["/", "/notice.html", "/notice.md"] {
            let response = get(&site, path);
            assert_eq!(response.status, 500);
            assert!(String::from_utf8_lossy(&response.body).contains("purposes.yaml:3:3"));
        }
        assert_eq!(site.wait_for_change(1, Duration::ZERO), 2);
    }

    #[test]
    fn other_hosts_and_methods_are_refused() {
        let site = site();
        let mut request = Request {
            method: "GET".into(),
            path: "/".into(),
            query: String::new(),
            host: Some("attacker.example:8000".into()),
        };
        assert_eq!(site.respond(&request).status, 403);
        request.host = Some("localhost:8000".into());
        assert_eq!(site.respond(&request).status, 200);
        request.method = "POST".into();
        assert_eq!(site.respond(&request).status, 405);
    }

    #[test]
    fn a_waiting_request_is_answered_by_a_new_render() {
        let site = Arc::new(site());
        let waiter = {
            let site = Arc::clone(&site);
            std::thread::spawn(move || site.wait_for_change(1, Duration::from_secs(60)))
        };
        site.publish(Snapshot::Failed { report: "x".into() });
        assert_eq!(waiter.join().unwrap(), 2);
    }
}
