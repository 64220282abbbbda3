//! `mokuteki serve`: a live preview on this machine. Every output is rendered in memory and
//! served at `http://127.0.0.1:PORT/`; the source, the terms list and the templates are
//! watched, and open pages reload by themselves after a save, or show the errors instead.
//! Nothing is ever written to the output folder.
//!
//! No HTTP or file-watching crate: the standard library's `TcpListener` answers the few
//! requests of one person's browser, and the watcher polls the build's fingerprint (see
//! [`crate::incremental`]), which reads exactly the inputs a build reads, templates added
//! or removed included.

pub mod http;
pub mod pages;
pub mod site;
pub mod words;

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crate::build::BuildOptions;
use crate::error::{Error, Lang, Result, Severity};
use crate::{check, incremental};
use site::{Site, Snapshot};

/// The port the preview listens on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8917;

/// How often the watcher looks at the inputs.
pub const POLL_INTERVAL: Duration = Duration::from_millis(150);

/// What one client may take of the preview, so that none can stop it answering others:
/// a connection over the limit is answered `503` at once and closed, a client that sends
/// nothing, or its request a few bytes at a time, loses its connection after one read
/// timeout or [`http::MAX_HEAD_READS`] reads, and one that does not read its answer after
/// the write timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How many connections are answered at once (each open page holds one, waiting for
    /// the next render).
    pub connections: usize,
    /// How long one read of a request waits for the client.
    pub read_timeout: Duration,
    /// How many reload requests may wait for the next render at once. A waiting request
    /// gives its connection back to the pages (every open page keeps one waiting, and 64 of
    /// them took every connection), and one over this limit is answered `503` at once.
    pub waiting: usize,
    /// How long one write of an answer waits for the client to take it.
    pub write_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 64,
            read_timeout: Duration::from_secs(10),
            waiting: 256,
            write_timeout: Duration::from_secs(10),
        }
    }
}

/// What the preview renders and where it listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// The build it previews; its output folder is never written.
    pub build: BuildOptions,
    /// The port on 127.0.0.1; 0 lets the system choose a free one.
    pub port: u16,
    /// Whether `templates/` beside the source is looked for at each look at the inputs
    /// (no `--templates` given): a folder created while the preview runs is used at once.
    pub templates_beside: bool,
}

impl ServeOptions {
    /// The build as it is now: with the templates folder beside the source if it exists
    /// at this moment and none was given.
    pub fn current_build(&self) -> BuildOptions {
        let mut build = self.build.clone();
        if self.templates_beside {
            let beside = build
                .source
                .parent()
                .unwrap_or(std::path::Path::new(""))
                .join("templates");
            build.templates = beside.is_dir().then_some(beside);
        }
        build
    }
}

/// Renders the source once, in memory, as the preview shows it.
pub fn snapshot(options: &BuildOptions, lang: Lang) -> Snapshot {
    let word = |severity| match severity {
        Severity::Error => lang.error_word(),
        Severity::Warning => lang.warning_word(),
    };
    match check::check(options) {
        Ok(report) if !report.fails(false) => {
            let warnings: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", word(d.severity()), d.to_text(lang)))
                .collect();
            Snapshot::Built {
                outputs: report.rendered.map(|r| r.outputs).unwrap_or_default(),
                warnings,
            }
        }
        Ok(report) => {
            let mut text: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", word(d.severity()), d.to_text(lang)))
                .collect();
            text.push(lang.summary(report.errors(), report.warnings()));
            Snapshot::Failed {
                report: text.join("\n\n"),
            }
        }
        Err(error) => Snapshot::Failed {
            report: error.to_text(lang),
        },
    }
}

/// A preview listening on its port, not yet serving.
pub struct Preview {
    listener: TcpListener,
    address: SocketAddr,
    site: Arc<Site>,
    options: ServeOptions,
    lang: Lang,
    limits: Limits,
}

impl Preview {
    /// Renders the source and binds `127.0.0.1:port`; a port in use is an
    /// [`Error::Listen`].
    pub fn bind(options: &ServeOptions, lang: Lang) -> Result<Preview> {
        let wanted = SocketAddr::from((Ipv4Addr::LOCALHOST, options.port));
        let listener = TcpListener::bind(wanted).map_err(|source| Error::Listen {
            address: wanted.to_string(),
            source,
        })?;
        let address = listener.local_addr().map_err(|source| Error::Listen {
            address: wanted.to_string(),
            source,
        })?;
        let source_name = options.build.source.display().to_string();
        let site = Site::new(
            snapshot(&options.current_build(), lang),
            &source_name,
            address.port(),
            lang,
        );
        Ok(Preview {
            listener,
            address,
            site: Arc::new(site),
            options: options.clone(),
            lang,
            limits: Limits::default(),
        })
    }

    /// The same preview with other limits on its clients.
    pub fn with_limits(self, limits: Limits) -> Preview {
        Preview { limits, ..self }
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The preview's address, as printed.
    pub fn url(&self) -> String {
        format!("http://{}/", self.address)
    }

    /// Serves until `stop` is set (then wakes itself with a connection of its own, see
    /// [`wake`]). Requests are answered on threads of their own; the calling thread watches
    /// the inputs and prints a line on `log` after each new render.
    pub fn serve(self, stop: &AtomicBool, log: &mut dyn Write) -> Result<()> {
        let Preview {
            listener,
            address,
            site,
            options,
            lang,
            limits,
        } = self;
        let listening = {
            let site = Arc::clone(&site);
            std::thread::spawn(move || accept(listener, &site, limits))
        };
        let fingerprint =
            |build: &BuildOptions| incremental::fingerprint(build).map_err(|e| e.to_text(Lang::En));
        let mut last = fingerprint(&options.current_build());
        while !stop.load(Ordering::SeqCst) {
            std::thread::sleep(POLL_INTERVAL);
            let build = options.current_build();
            let now = fingerprint(&build);
            if now == last {
                continue;
            }
            last = now;
            let snapshot = snapshot(&build, lang);
            match &snapshot {
                Snapshot::Built { outputs, .. } => {
                    let _ = writeln!(log, "{}", words::rendered(lang, outputs.len()));
                }
                Snapshot::Failed { report } => {
                    let _ = writeln!(log, "{report}");
                }
            }
            site.publish(snapshot);
        }
        site.stop();
        wake(address);
        let _ = listening.join();
        let _ = writeln!(log, "{}", words::stopped(lang));
        Ok(())
    }
}

/// Wakes a preview's listening thread so it sees that it must stop.
pub fn wake(address: SocketAddr) {
    let _ = TcpStream::connect_timeout(&address, Duration::from_secs(1));
}

/// A connection being answered: counted while it lives.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept(listener: TcpListener, site: &Arc<Site>, limits: Limits) {
    let open = Arc::new(AtomicUsize::new(0));
    let waiting = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if site.is_stopping() {
            break;
        }
        let Ok(stream) = stream else { continue };
        if open.load(Ordering::SeqCst) >= limits.connections {
            refuse_busy(&stream);
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let slot = Slot(Arc::clone(&open));
        let site = Arc::clone(site);
        let waiting = Arc::clone(&waiting);
        // A thread that cannot be started (the system is out of them) drops the
        // connection, and its slot, instead of ending the listening thread.
        let _ = std::thread::Builder::new().spawn(move || {
            answer(stream, &site, limits, slot, &waiting);
        });
    }
}

/// How often a waiting reload request looks whether its client is still there.
const WAIT_STEP: Duration = Duration::from_millis(250);

/// Answers a connection over the limit without waiting for it: its request is not read,
/// and the short answer fits in the socket's buffer or is dropped.
fn refuse_busy(stream: &TcpStream) {
    let mut head = Vec::new();
    let busy = http::Response::new(503, "text/plain; charset=utf-8", "busy\n");
    if busy.write_to(&mut head, false).is_ok() && stream.set_nonblocking(true).is_ok() {
        let _ = (&*stream).write(&head);
    }
}

fn answer(stream: TcpStream, site: &Site, limits: Limits, slot: Slot, waiting: &Arc<AtomicUsize>) {
    // A client that sends nothing, or does not read, does not hold its thread for long.
    let _ = stream.set_read_timeout(Some(limits.read_timeout));
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let Some(request) = http::Request::read(&stream) else {
        let bad = http::Response::new(400, "text/plain; charset=utf-8", "bad request\n");
        let _ = bad.write_to(&stream, false);
        return;
    };
    let response = match site.long_poll(&request) {
        Some(since) => {
            // Waiting is not answering: the connection goes back to the pages, and the
            // wait counts against the waiting requests' own limit.
            drop(slot);
            if waiting.fetch_add(1, Ordering::SeqCst) >= limits.waiting {
                waiting.fetch_sub(1, Ordering::SeqCst);
                http::Response::new(503, "text/plain; charset=utf-8", "busy\n")
            } else {
                let _waiting = Slot(Arc::clone(waiting));
                match wait_while_connected(&stream, site, since) {
                    Some(version) => {
                        http::Response::new(200, "text/plain; charset=utf-8", version.to_string())
                    }
                    None => return, // the client left: nothing to answer
                }
            }
        }
        None => {
            let response = site.respond(&request);
            drop(slot);
            response
        }
    };
    let _ = response.write_to(&stream, request.method == "HEAD");
}

/// Waits, as [`site::LONG_POLL`] says, for a render newer than `since`, looking every
/// [`WAIT_STEP`] whether the client closed its connection; `None` when it did (its thread
/// ends then, not after the whole wait).
fn wait_while_connected(stream: &TcpStream, site: &Site, since: u64) -> Option<u64> {
    let steps = (site::LONG_POLL.as_millis() / WAIT_STEP.as_millis()).max(1);
    let mut version = since;
    for _ in 0..steps {
        version = site.wait_for_change(since, WAIT_STEP);
        if version != since || site.is_stopping() {
            return Some(version);
        }
        if has_closed(stream) {
            return None;
        }
    }
    Some(version)
}

/// Whether the client at the other end closed the connection (or it broke): a read that
/// does not wait finds its end.
fn has_closed(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut byte = [0u8; 1];
    let closed = match stream.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(error) => error.kind() != std::io::ErrorKind::WouldBlock,
    };
    let _ = stream.set_nonblocking(false);
    closed
}

/// Runs `mokuteki serve` until Ctrl-C: prints the address on `log`, then a line per
/// render.
pub fn run(options: &ServeOptions, log: &mut dyn Write, lang: Lang) -> Result<()> {
    let preview = Preview::bind(options, lang)?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        // Ctrl-C ends the loop of `serve`, which then stops the listening thread; a
        // handler set already (a second preview in one process) leaves the default one.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let source = options.build.source.display().to_string();
    let _ = writeln!(log, "{}", words::serving(lang, &source, &preview.url()));
    if let Snapshot::Failed { report } = &*preview.site.current() {
        let _ = writeln!(log, "{report}");
    }
    preview.serve(&stop, log)
}
