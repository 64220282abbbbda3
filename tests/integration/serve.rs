//! `mokuteki serve`: the preview, driven over HTTP as a browser would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use crate::support::{output, project, render};

/// A running preview, stopped (killed) when dropped.
struct Preview {
    child: Child,
    address: String,
    log: mpsc::Receiver<String>,
}

impl Preview {
    fn start(dir: &Path, lang: Option<&str>) -> Preview {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mokuteki"));
        command
            .args(["serve", "--port", "0"])
            .current_dir(dir)
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .stderr(Stdio::piped());
        if let Some(lang) = lang {
            command.env("LANG", lang);
        }
        let mut child = command.spawn().unwrap();
        let (send, log) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let first = log.recv().expect("serve prints its address");
        let start = first.find("http://127.0.0.1:").expect(&first) + "http://".len();
        let address = first[start..].split('/').next().unwrap().to_owned();
        Preview {
            child,
            address,
            log,
        }
    }

    /// GET `path`: status, content type, body.
    fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(response[..split].to_vec()).unwrap();
        let status = head[9..12].parse().unwrap();
        let content_type = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Type: "))
            .unwrap_or_default()
            .to_owned();
        (status, content_type, response[split + 4..].to_vec())
    }

    fn text(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.get(path);
        (status, String::from_utf8(body).unwrap())
    }

    /// The version of the render shown now.
    fn version(&self) -> u64 {
        self.text("/_mokuteki/changes?since=0").1.parse().unwrap()
    }

    /// Waits (as the reload script does) until a render newer than `since` is shown.
    fn wait_after(&self, since: u64) -> u64 {
        // Each request waits up to 20 s for a change; three unanswered ones mean none came.
        for _ in 0..3 {
            let now: u64 = self
                .text(&format!("/_mokuteki/changes?since={since}"))
                .1
                .parse()
                .unwrap();
            if now != since {
                return now;
            }
        }
        panic!("the preview did not follow the change");
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Saves `content` as an editor that writes a new file and renames it does, so that the
/// preview never reads half a file.
fn save(path: &Path, content: &str) {
    let temporary = path.with_extension("saving");
    std::fs::write(&temporary, content).unwrap();
    std::fs::rename(&temporary, path).unwrap();
}

fn interrupt(child: &Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_preview_serves_every_output_follows_each_save_and_shows_errors() {
    let dir = project();
    let source = dir.path().join("purposes.yaml");
    let yaml = std::fs::read_to_string(&source).unwrap();
    let mut preview = Preview::start(dir.path(), None);
    let expected = render(&source, None).unwrap();

    let (status, index) = preview.text("/");
    assert_eq!(status, 200);
    for output in &expected.outputs {
        assert!(
            index.contains(&format!("href=\"/{}\"", output.path)),
            "{index}"
        );
    }
    // Pages: the output with the reload script, which no built output holds.
    let (status, content_type, page) = preview.get("/notice.html");
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("/_mokuteki/changes"));
    assert!(!output(&expected, "notice.html").contains("/_mokuteki/changes"));
    assert_eq!(
        page.replacen(
            &page[page.find("<script>").unwrap()..page.find("</script>\n").unwrap() + 10],
            "",
            1
        ),
        output(&expected, "notice.html")
    );
    // Markdown and text: exactly the bytes a build writes, as plain text in UTF-8.
    for path in ["notice.md", "beppyo2.md", "notice.txt"] {
        let (status, content_type, body) = preview.get(&format!("/{path}"));
        assert_eq!(status, 200);
        assert_eq!(content_type, "text/plain; charset=utf-8");
        assert_eq!(body, output(&expected, path).as_bytes());
    }
    assert_eq!(preview.get("/no-such.html").0, 404);

    // A save: the pages follow.
    let before = preview.version();
    save(
        &source,
        &yaml.replace("労働者健康安全機構健康保険組合", "架空健康保険組合"),
    );
    let after = preview.wait_after(before);
    let (status, page) = preview.text("/notice.html");
    assert_eq!(status, 200);
    assert!(page.contains("架空健康保険組合"), "{page}");
    assert!(preview.text("/notice.txt").1.contains("架空健康保険組合"));

    // A broken save: every page shows where and what, as the command line does.
    save(&source, &yaml.replacen("  short_name:", "  shortname:", 1));
    let broken = preview.wait_after(after);
    for path in ["/", "/notice.html", "/notice.md"] {
        let (status, page) = preview.text(path);
        assert_eq!(status, 500, "{path}");
        assert!(page.contains("purposes.yaml:"), "{page}");
        assert!(
            page.contains("unknown key `shortname`; did you mean `short_name`?"),
            "{page}"
        );
        assert!(page.contains("|   shortname: 当組合\n"), "{page}");
        assert!(page.contains("|   ^"), "{page}");
        assert!(
            page.contains("/_mokuteki/changes"),
            "the error page reloads too"
        );
    }
    // The next good save brings the pages back.
    save(&source, &yaml);
    preview.wait_after(broken);
    let (status, page) = preview.text("/notice.html");
    assert_eq!(status, 200);
    assert!(page.contains("労働者健康安全機構健康保険組合"));

    // A template added to the folder is an output at once.
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    let now = preview.version();
    save(
        &dir.path().join("templates/extra.txt.tera"),
        "{{ organization.short_name }}\n",
    );
    preview.wait_after(now);
    assert_eq!(preview.text("/extra.txt"), (200, "当組合\n".to_owned()));

    // Nothing was ever written; Ctrl-C stops it cleanly.
    assert!(!dir.path().join("out").exists());
    interrupt(&preview.child);
    let status = preview.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let log: Vec<String> = preview.log.iter().collect();
    assert_eq!(
        log.last().map(String::as_str),
        Some("preview stopped"),
        "{log:?}"
    );
}

#[test]
fn the_error_page_speaks_the_users_language() {
    let dir = project();
    let source = dir.path().join("purposes.yaml");
    let yaml = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, yaml.replacen("  short_name:", "  shortname:", 1)).unwrap();
    let preview = Preview::start(dir.path(), Some("ja_JP.UTF-8"));
    let (status, page) = preview.text("/notice.html");
    assert_eq!(status, 500);
    assert!(
        page.contains("purposes.yaml から文書を生成できません"),
        "{page}"
    );
    assert!(
        page.contains("`shortname` というキーはありません"),
        "{page}"
    );
    assert!(
        page.contains("保存すると、このページは自動で再読み込みされます"),
        "{page}"
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let dir = project();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = crate::support::mokuteki(dir.path(), &["serve", "--port", &port]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
    assert!(
        stderr.contains("Choose another one with --port"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}
