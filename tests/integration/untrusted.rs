//! What others can plant or send outside the output folder: the names and links in a
//! folder of sources or templates, what `compare` finds in its folder or asks git for, what
//! a terminal is shown, and what a client of the preview can send.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{mokuteki, mokuteki_that_must_end, root};

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_source_named_dot_dot_yaml_cannot_build_into_the_federations_folder_or_above() {
    // `..yaml` has the stem `.`, `...yaml` the stem `..`: the folder of such a source
    // would be the federation's output folder itself, or the folder that holds it.
    for (name, stem) in [("..yaml", "."), ("...yaml", "..")] {
        let dir = tempfile::tempdir().unwrap();
        let societies = dir.path().join("societies");
        std::fs::create_dir_all(dir.path().join("www/public")).unwrap();
        std::fs::create_dir(&societies).unwrap();
        std::fs::copy(root().join("purposes.yaml"), societies.join("alpha.yaml")).unwrap();
        std::fs::copy(root().join("purposes.yaml"), societies.join(name)).unwrap();
        for force in [false, true] {
            let mut args = vec!["build", "--source", "societies", "--out", "www/public"];
            if force {
                args.push("--force");
            }
            let run = mokuteki(dir.path(), &args);
            assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
            assert!(
                stderr(&run).contains(&format!(
                    "societies/{name}: this source would build into the folder `{stem}`"
                )),
                "{name}: {}",
                stderr(&run)
            );
            // Refused before anything is built: neither the federation's folder nor the
            // one above it received a file.
            assert_eq!(names(&dir.path().join("www")), ["public"], "{name}");
            assert!(names(&dir.path().join("www/public")).is_empty(), "{name}");
        }
    }
}

#[test]
fn names_and_text_from_elsewhere_reach_the_terminal_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    // A file name that retitles the terminal and clears it, in a folder of sources.
    let hostile = "x\u{1b}]2;owned\u{7}\u{1b}[2J\u{202e}";
    std::fs::write(
        societies.join(format!("{hostile}.yaml")),
        "organization: [\n",
    )
    .unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--out", "www"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    // A generated file edited by someone who can write to the output folder, shown by
    // `build --check --diff`.
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("purposes.yaml"),
    )
    .unwrap();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let notice = dir.path().join("out/notice.md");
    let mut edited = std::fs::read_to_string(&notice).unwrap();
    edited.push_str(&format!("{hostile}\n"));
    std::fs::write(&notice, edited).unwrap();
    let diff = mokuteki(dir.path(), &["build", "--check", "--diff"]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    // git's answer quotes the revision it was given.
    let git = mokuteki(
        dir.path(),
        &[
            "compare",
            &format!("{hostile}:purposes.yaml"),
            "purposes.yaml",
        ],
    );
    assert_eq!(git.status.code(), Some(2), "{}", stderr(&git));
    for (what, bytes) in [
        ("a file name", &run.stderr),
        ("a diff", &diff.stdout),
        ("git's answer", &git.stderr),
    ] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{what} reached the terminal raw: {text:?}"
        );
        assert!(text.contains("x\\u{1b}]2;owned\\u{7}"), "{what}: {text}");
    }
}

/// Runs git in `dir` with an author and no signing, and checks that it succeeded.
fn git(dir: &Path, args: &[&str]) {
    let run = Command::new("git")
        .args([
            "-c",
            "user.name=mokuteki",
            "-c",
            "user.email=m@example.invalid",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// A repository holding the old version of the compare fixture `item-reworded` as
/// `purposes.yaml` in its last commit, and the new one in its work tree.
fn repository() -> tempfile::TempDir {
    let case = root().join("tests/fixtures/compare/item-reworded");
    let repo = tempfile::tempdir().unwrap();
    git(repo.path(), &["init", "-q"]);
    std::fs::copy(case.join("old.yaml"), repo.path().join("purposes.yaml")).unwrap();
    std::fs::create_dir(repo.path().join("folder")).unwrap();
    std::fs::write(repo.path().join("folder/a.yaml"), "x: 1\n").unwrap();
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "old"]);
    std::fs::copy(case.join("new.yaml"), repo.path().join("purposes.yaml")).unwrap();
    repo
}

#[test]
fn a_revision_names_one_file_or_git_refuses_it() {
    let repo = repository();
    // `git show` read a folder as its listing, a range as nothing, and a name it could not
    // resolve as a path to filter the log by (printing nothing, and succeeding).
    for version in [
        "HEAD:folder",
        "HEAD~0..HEAD:purposes.yaml",
        "HEAD\u{1b}:purposes.yaml",
    ] {
        let run = mokuteki(repo.path(), &["compare", version, "purposes.yaml"]);
        assert_eq!(run.status.code(), Some(2), "{version}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("from git: "),
            "{version}: {}",
            stderr(&run)
        );
        assert!(!repo.path().join("revision").exists(), "{version}");
    }
    let run = mokuteki(
        repo.path(),
        &["compare", "HEAD:purposes.yaml", "purposes.yaml"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn git_reads_the_repository_the_file_lives_in_whatever_the_environment_names() {
    let repo = repository();
    // Another repository, as a git hook's environment would name it, whose purposes.yaml
    // does not even parse.
    let other = tempfile::tempdir().unwrap();
    git(other.path(), &["init", "-q"]);
    std::fs::write(other.path().join("purposes.yaml"), "organization: [\n").unwrap();
    git(other.path(), &["add", "."]);
    git(other.path(), &["commit", "-q", "-m", "other"]);
    let run = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["compare", "HEAD:purposes.yaml", "purposes.yaml"])
        .current_dir(repo.path())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env("GIT_DIR", other.path().join(".git"))
        .env("GIT_WORK_TREE", other.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let expected = root().join("tests/fixtures/compare/item-reworded/expected/shinkyu.md");
    assert_eq!(
        std::fs::read_to_string(repo.path().join("revision/shinkyu.md")).unwrap(),
        std::fs::read_to_string(expected).unwrap()
    );
}

#[test]
fn a_file_in_git_larger_than_a_source_is_refused_without_reading_it_all() {
    let repo = repository();
    let mut big = std::fs::read_to_string(repo.path().join("purposes.yaml")).unwrap();
    let line = format!("# {}\n", "x".repeat(1022));
    while big.len() <= 5 * 1024 * 1024 {
        big.push_str(&line);
    }
    std::fs::write(repo.path().join("big.yaml"), &big).unwrap();
    git(repo.path(), &["add", "big.yaml"]);
    git(repo.path(), &["commit", "-q", "-m", "big"]);
    let run = mokuteki(repo.path(), &["compare", "HEAD:big.yaml", "purposes.yaml"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(
            "cannot read HEAD:big.yaml from git: the file is larger than 4,194,304 bytes"
        ),
        "{}",
        stderr(&run)
    );
}

#[test]
fn git_is_asked_the_size_of_a_file_before_it_inflates_it() {
    let repo = repository();
    let mut big = std::fs::read_to_string(repo.path().join("purposes.yaml")).unwrap();
    let line = format!("# {}\n", "x".repeat(1022));
    while big.len() <= 5 * 1024 * 1024 {
        big.push_str(&line);
    }
    std::fs::write(repo.path().join("big.yaml"), &big).unwrap();
    git(repo.path(), &["add", "big.yaml"]);
    git(repo.path(), &["commit", "-q", "-m", "big"]);
    // git, through a script that notes each command it is given.
    let real = Command::new("sh")
        .args(["-c", "command -v git"])
        .output()
        .unwrap();
    let real = String::from_utf8(real.stdout).unwrap().trim().to_owned();
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("log");
    let script = bin.path().join("git");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{real}' \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let run = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["compare", "HEAD:big.yaml", "purposes.yaml"])
        .current_dir(repo.path())
        .env("PATH", path)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("the file is larger than 4,194,304 bytes"),
        "{}",
        stderr(&run)
    );
    let asked = std::fs::read_to_string(&log).unwrap();
    assert!(asked.contains("cat-file -s HEAD:big.yaml"), "{asked}");
    assert!(!asked.contains("cat-file blob HEAD:big.yaml"), "{asked}");
}

#[test]
fn what_is_planted_in_compares_output_folder_is_neither_waited_on_nor_followed() {
    let case = root().join("tests/fixtures/compare/item-added");
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "not mokuteki's\n").unwrap();
    let old = case.join("old.yaml");
    let new = case.join("new.yaml");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    for name in [".mokuteki-manifest", ".mokuteki-lock", "shinkyu.html"] {
        for planted in ["fifo", "link"] {
            let out = dir.path().join(format!("rev-{planted}{name}"));
            std::fs::create_dir(&out).unwrap();
            if planted == "fifo" {
                let made = Command::new("mkfifo").arg(out.join(name)).status().unwrap();
                assert!(made.success());
            } else {
                std::os::unix::fs::symlink(&victim, out.join(name)).unwrap();
            }
            let out = out.to_str().unwrap();
            let run = mokuteki_that_must_end(
                dir.path(),
                &["compare", old, new, "--out", out],
                Stdio::null(),
            );
            assert_eq!(
                run.status.code(),
                Some(2),
                "{planted} {name}: {}",
                stderr(&run)
            );
            assert!(
                stderr(&run).contains(name),
                "{planted} {name}: {}",
                stderr(&run)
            );
        }
    }
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "not mokuteki's\n"
    );
}

/// A file elsewhere that a link planted in a folder of inputs points at: its first line is
/// what a message quoting the line it could not read would show.
fn secret(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("shadow");
    std::fs::write(&path, "root:$6$salt$SECRETHASH:19000:0:99999:7:::\n").unwrap();
    path
}

fn make_fifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success());
}

#[test]
fn links_and_fifos_in_a_folder_of_sources_are_refused_and_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret(dir.path());
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    std::fs::copy(root().join("purposes.yaml"), societies.join("alpha.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, societies.join("beta.yaml")).unwrap();
    make_fifo(&societies.join("gamma.yaml"));
    let run = mokuteki_that_must_end(
        dir.path(),
        &["build", "--source", "societies", "--out", "www"],
        Stdio::null(),
    );
    let text = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{text}");
    assert!(
        !text.contains("SECRETHASH"),
        "the file behind the link was read: {text}"
    );
    assert!(
        text.contains("societies/beta.yaml: it is a symbolic link"),
        "{text}"
    );
    assert!(
        text.contains("societies/gamma.yaml: it is a FIFO"),
        "{text}"
    );
    assert!(text.contains("2 of 3 sources failed"), "{text}");
    assert!(dir.path().join("www/alpha/notice.html").is_file());
    // Named on the command line, the same link is the operator's choice, and followed.
    let named = mokuteki(dir.path(), &["check", "--source", "societies/beta.yaml"]);
    assert!(stderr(&named).contains("SECRETHASH"), "{}", stderr(&named));

    // A terms list or a templates folder beside the sources, planted as a link.
    std::fs::remove_file(societies.join("beta.yaml")).unwrap();
    std::fs::remove_file(societies.join("gamma.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, societies.join("terms.yaml")).unwrap();
    let run = mokuteki_that_must_end(
        dir.path(),
        &["build", "--source", "societies", "--out", "www"],
        Stdio::null(),
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!stderr(&run).contains("SECRETHASH"), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("terms.yaml: it is a symbolic link"),
        "{}",
        stderr(&run)
    );
    std::fs::remove_file(societies.join("terms.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), societies.join("templates")).unwrap();
    let run = mokuteki_that_must_end(
        dir.path(),
        &["build", "--source", "societies", "--out", "www"],
        Stdio::null(),
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("templates: it is a symbolic link"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn links_and_fifos_in_the_templates_folder_are_refused_not_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let secret = secret(dir.path());
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("purposes.yaml"),
    )
    .unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("notice.md.tera"), "{{ 1 }}\n").unwrap();
    for (name, plant) in [
        ("notice.html.tera", "file link"),
        ("extra.txt.tera", "fifo"),
        ("compare", "folder link"),
    ] {
        let path = templates.join(name);
        match plant {
            "file link" => std::os::unix::fs::symlink(&secret, &path).unwrap(),
            "fifo" => make_fifo(&path),
            _ => std::os::unix::fs::symlink(&elsewhere, &path).unwrap(),
        }
        for command in ["build", "check"] {
            let run = mokuteki_that_must_end(dir.path(), &[command], Stdio::null());
            let text = stderr(&run);
            assert_eq!(run.status.code(), Some(2), "{plant}, {command}: {text}");
            assert!(
                text.contains(&format!("templates/{name}: it is a")),
                "{text}"
            );
            assert!(!text.contains("SECRETHASH"), "{text}");
        }
        std::fs::remove_file(&path).unwrap();
        assert!(!dir.path().join("out").exists());
    }
}

/// GET `path` from the preview at `address`: the status, or `None` when the connection was
/// closed without one.
fn status_of(address: std::net::SocketAddr, path: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").ok()?;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).get(9..12)?.parse().ok()
}

#[test]
fn no_client_can_stop_the_preview_answering_others() {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;

    use mokuteki::serve::Limits;

    let (_dir, address, stop, server) = preview_with(Limits {
        connections: 2,
        ..Limits::default()
    });

    // Clients that connect and send nothing take every connection the preview answers at
    // once; the next one is told so at once rather than given a thread of its own (with
    // enough of them, the system ran out of threads and the preview stopped accepting).
    let idle: Vec<_> = (0..2)
        .map(|_| std::net::TcpStream::connect(address).unwrap())
        .collect();
    assert_eq!(status_of(address, "/"), Some(503));
    drop(idle);
    let answered = (0..200).find_map(|_| {
        std::thread::sleep(std::time::Duration::from_millis(25));
        (status_of(address, "/notice.html") == Some(200)).then_some(())
    });
    assert!(
        answered.is_some(),
        "the preview answers again once they leave"
    );

    // A client that sends its request a byte at a time is cut off long before it is done.
    let mut slow = std::net::TcpStream::connect(address).unwrap();
    let head = format!(
        "GET / HTTP/1.1\r\nHost: {address}\r\nX-Pad: {}\r\n\r\n",
        "a".repeat(200)
    );
    // How many bytes were sent when the preview closed the connection.
    let mut cut_off_at = None;
    for (sent, byte) in head.bytes().enumerate() {
        if slow.write_all(&[byte]).is_err() {
            cut_off_at = Some(sent);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        slow.set_nonblocking(true).unwrap();
        let mut answer = [0; 64];
        let waiting =
            matches!(slow.read(&mut answer), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
        slow.set_nonblocking(false).unwrap();
        if !waiting {
            cut_off_at = Some(sent);
            break;
        }
    }
    assert!(
        cut_off_at.is_some_and(|sent| sent < head.len() / 2),
        "a request sent a byte at a time held its connection until byte {cut_off_at:?} of {}",
        head.len()
    );

    stop.store(true, Ordering::SeqCst);
    server.join().unwrap().unwrap();
}

#[test]
fn the_templates_are_written_only_into_the_folder_named() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::create_dir(&elsewhere).unwrap();
    // A link planted as the folder of compare's templates, and one as a template's name
    // that leads nowhere (creating through it would create its target).
    std::os::unix::fs::symlink(&elsewhere, templates.join("compare")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("created"), templates.join("notice.md.tera"))
        .unwrap();
    let run = mokuteki(dir.path(), &["templates", "--dir", "templates"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("templates/compare: it is a symbolic link"),
        "{}",
        stderr(&run)
    );
    assert!(
        names(&elsewhere).is_empty(),
        "written through the link: {:?}",
        names(&elsewhere)
    );
    assert!(!dir.path().join("created").exists());
    // Without the folder link, every other template is written, the link left as it is.
    std::fs::remove_file(templates.join("compare")).unwrap();
    let run = mokuteki(dir.path(), &["templates", "--dir", "templates"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(templates.join("compare/henkou.txt.tera").is_file());
    assert!(
        stderr(&run).contains("kept templates/notice.md.tera"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.path().join("created").exists());
    assert!(
        std::fs::symlink_metadata(templates.join("notice.md.tera"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_file_named_like_a_revision_cannot_stand_in_for_it() {
    let repo = repository();
    // Someone who can add files where compare runs plants the new version under the name
    // of the old one in git: compare found the versions identical and wrote nothing.
    std::fs::copy(
        repo.path().join("purposes.yaml"),
        repo.path().join("HEAD:purposes.yaml"),
    )
    .unwrap();
    let run = mokuteki(
        repo.path(),
        &["compare", "HEAD:purposes.yaml", "purposes.yaml"],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(
            "cannot read HEAD:purposes.yaml from git: a file of the same name exists too"
        ),
        "{}",
        stderr(&run)
    );
    // Written as a path, it is that file.
    let run = mokuteki(
        repo.path(),
        &["compare", "./HEAD:purposes.yaml", "purposes.yaml"],
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(stderr(&run).contains("say the same"), "{}", stderr(&run));
}

#[test]
fn the_preview_serves_its_renders_only_never_a_file() {
    use std::io::{Read, Write};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use mokuteki::build::BuildOptions;
    use mokuteki::error::Lang;
    use mokuteki::serve::{Preview, ServeOptions};

    let dir = tempfile::tempdir().unwrap();
    let secret = secret(dir.path());
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("purposes.yaml"),
    )
    .unwrap();
    // What someone who can write to out/ might plant for the preview to send.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&secret, out.join("notice.html")).unwrap();
    std::os::unix::fs::symlink(&secret, out.join("planted.html")).unwrap();
    make_fifo(&out.join("fifo.html"));
    let options = ServeOptions {
        build: BuildOptions {
            source: dir.path().join("purposes.yaml"),
            out,
            ..BuildOptions::default()
        },
        port: 0,
        templates_beside: false,
    };
    let preview = Preview::bind(&options, Lang::En).unwrap();
    let address = preview.address();
    assert!(address.ip().is_loopback(), "{address}");
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || preview.serve(&stop, &mut std::io::sink()))
    };
    let get = |target: &str| {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        String::from_utf8_lossy(&response).into_owned()
    };
    let notice = get("/notice.html");
    assert!(notice.starts_with("HTTP/1.1 200 "), "{notice}");
    assert!(
        notice.contains("X-Content-Type-Options: nosniff\r\n"),
        "{notice}"
    );
    assert!(
        notice.contains("Content-Type: text/html; charset=utf-8\r\n"),
        "{notice}"
    );
    for target in [
        "/planted.html",
        "/fifo.html",
        "/../shadow",
        "/%2e%2e/shadow",
        "/%2E%2E%2Fshadow",
        "/..%5cshadow",
        "/..\\shadow",
        "/notice.html%00",
        &format!("/{}", secret.display()),
        &format!("//{}", secret.display()),
        "/purposes.yaml",
        "/out/notice.html",
    ] {
        let response = get(target);
        assert!(
            response.starts_with("HTTP/1.1 404 ") || response.starts_with("HTTP/1.1 400 "),
            "{target}: {response}"
        );
        assert!(!response.contains("SECRETHASH"), "{target}: {response}");
    }
    stop.store(true, Ordering::SeqCst);
    server.join().unwrap().unwrap();
}

#[test]
fn init_never_writes_through_what_is_planted_under_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "not mokuteki's\n").unwrap();
    for plant in ["link", "dangling link", "fifo"] {
        let target = dir.path().join(plant.replace(' ', "-"));
        std::fs::create_dir(&target).unwrap();
        let path = target.join("purposes.yaml");
        match plant {
            "link" => std::os::unix::fs::symlink(&victim, &path).unwrap(),
            "dangling link" => {
                std::os::unix::fs::symlink(dir.path().join("created"), &path).unwrap();
            }
            _ => make_fifo(&path),
        }
        let run = mokuteki_that_must_end(
            dir.path(),
            &["init", target.to_str().unwrap()],
            Stdio::null(),
        );
        assert_eq!(run.status.code(), Some(2), "{plant}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("exists already"),
            "{plant}: {}",
            stderr(&run)
        );
    }
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "not mokuteki's\n"
    );
    assert!(!dir.path().join("created").exists());
}

#[test]
fn what_is_not_a_regular_file_is_refused_before_it_is_opened() {
    use std::sync::mpsc;

    // Opening a device can act on it (a watchdog, a tape), and a link to one can be put
    // where mokuteki looks for a file. A FIFO shows whether it was opened: a writer waiting
    // to open it is woken by the first reader.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    make_fifo(&fifo);
    std::os::unix::fs::symlink(&fifo, dir.path().join("purposes.yaml")).unwrap();
    let (opened, woken) = mpsc::channel();
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let file = std::fs::OpenOptions::new().write(true).open(&fifo);
            let _ = opened.send(());
            drop(file);
        })
    };
    let run = mokuteki_that_must_end(dir.path(), &["check"], Stdio::null());
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("purposes.yaml: it is a FIFO"),
        "{}",
        stderr(&run)
    );
    let was_opened = woken
        .recv_timeout(std::time::Duration::from_secs(1))
        .is_ok();
    // Wake the writer ourselves if it still waits, so the test ends (without waiting for a
    // writer if it does not).
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nonblocking = rustix::fs::OFlags::NONBLOCK.bits() as i32;
        let reader = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(nonblocking)
            .open(&fifo);
        drop(reader);
    }
    writer.join().unwrap();
    assert!(!was_opened, "mokuteki opened the FIFO before refusing it");
}

#[test]
fn init_cut_short_by_a_full_disk_leaves_no_half_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    // No file may grow past a few blocks (SIGXFSZ ignored, so the write fails as on a
    // full disk): the starting file is larger.
    let run = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" init society")
        .arg(env!("CARGO_BIN_EXE_mokuteki"))
        .current_dir(dir.path())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("society/purposes.yaml"),
        "{}",
        stderr(&run)
    );
    // Nothing under the name, and no temporary left: the next init writes the whole file.
    assert!(
        names(&dir.path().join("society")).is_empty(),
        "{:?}",
        names(&dir.path().join("society"))
    );
    let run = mokuteki(dir.path(), &["init", "society"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("society/purposes.yaml")).unwrap(),
        mokuteki::init::STARTER
    );
}

/// A folder `societies/` of sources named `names` (copies of the default source), in a
/// fresh folder.
fn societies(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    for name in names {
        std::fs::copy(root().join("purposes.yaml"), societies.join(name)).unwrap();
    }
    dir
}

#[test]
fn a_source_named_like_an_option_or_like_another_is_refused() {
    let option = "--checkpoint-action=exec=sh x.sh.yaml";
    let dir = societies(&["alpha.yaml", option]);
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("whose name begins with `-`"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.path().join("societies/out").exists());

    // が composed (NFC) and decomposed (NFD): two names that look the same.
    let (composed, decomposed) = ("\u{304C}くえん.yaml", "\u{304B}\u{3099}くえん.yaml");
    let dir = societies(&[composed, decomposed]);
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("differ only in how their characters are encoded"),
        "{}",
        stderr(&run)
    );
    assert!(!dir.path().join("societies/out").exists());
}

#[test]
fn a_hard_linked_source_in_a_folder_of_sources_is_refused_and_not_read() {
    let dir = societies(&["alpha.yaml"]);
    let secret = secret(dir.path());
    std::fs::hard_link(&secret, dir.path().join("societies/beta.yaml")).unwrap();
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_ne!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("societies/beta.yaml: it has other names (hard links)"),
        "{}",
        stderr(&run)
    );
    assert!(!stderr(&run).contains("SECRETHASH"), "{}", stderr(&run));
    assert!(!dir.path().join("societies/out/beta").exists());
}

#[test]
fn a_source_removed_from_the_folder_is_reported_and_pruned_on_request() {
    let dir = societies(&["alpha.yaml", "beta.yaml"]);
    let out = dir.path().join("societies/out");
    assert!(
        mokuteki(dir.path(), &["build", "--source", "societies"])
            .status
            .success()
    );
    std::fs::remove_file(dir.path().join("societies/beta.yaml")).unwrap();
    // The operator's own file in the folder stays whatever happens.
    std::fs::write(out.join("beta/robots.txt"), "User-agent: *\n").unwrap();
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("societies/out/beta was built from a source that is no longer given"),
        "{}",
        stderr(&run)
    );
    assert!(out.join("beta/notice.html").exists());
    let run = mokuteki(dir.path(), &["build", "--source", "societies", "--prune"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("removed what mokuteki wrote into"),
        "{}",
        stderr(&run)
    );
    assert_eq!(names(&out.join("beta")), ["robots.txt"]);
    assert!(out.join("alpha/notice.html").exists());
    // Nothing mokuteki wrote is left there, its manifest included: no more reports.
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("beta"), "{}", stderr(&run));
    // A single source has no federation's folders to prune.
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies/alpha.yaml", "--prune"],
    );
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
}

#[test]
fn templates_dropped_beside_a_folder_of_sources_are_used_only_when_the_builds_user_owns_them() {
    let is_root =
        std::fs::metadata("/proc/self").is_ok_and(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0);
    if !is_root {
        return; // giving a folder to another user takes root
    }
    let dir = societies(&["alpha.yaml"]);
    let templates = dir.path().join("societies/templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("notice.fragment.html.tera"),
        "<script>alert('planted')</script>\n",
    )
    .unwrap();
    let give = |uid: u32| {
        for path in [
            templates.clone(),
            templates.join("notice.fragment.html.tera"),
        ] {
            std::os::unix::fs::lchown(&path, Some(uid), Some(uid)).unwrap();
        }
    };
    let planted = dir.path().join("societies/out/alpha/notice.fragment.html");
    give(65534);
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("belongs to another user (user id 65534)"),
        "{}",
        stderr(&run)
    );
    assert!(!planted.exists());
    // Writable by anyone, though the build's user owns it: refused too.
    give(0);
    std::fs::set_permissions(
        &templates,
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!planted.exists());
    // Named on the command line, they are the operator's choice, whoever owns them.
    give(65534);
    let run = mokuteki(
        dir.path(),
        &[
            "build",
            "--source",
            "societies",
            "--templates",
            "societies/templates",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        std::fs::read_to_string(&planted)
            .unwrap()
            .contains("planted")
    );
    // The build's own, writable by it alone, are used beside the sources as before.
    give(0);
    std::fs::set_permissions(
        &templates,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    std::fs::remove_dir_all(dir.path().join("societies/out")).unwrap();
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(planted.exists());
}

#[test]
fn pages_waiting_for_the_next_render_do_not_starve_the_others_and_leave_when_closed() {
    use std::io::{Read, Write};
    use std::sync::atomic::Ordering;
    use std::time::Duration;

    use mokuteki::serve::Limits;

    let (_dir, address, stop, server) = preview_with(Limits {
        connections: 4,
        waiting: 8,
        ..Limits::default()
    });
    // The current render, which the reload script waits to be newer than.
    let version = {
        let mut stream = std::net::TcpStream::connect(address).unwrap();
        write!(
            stream,
            "GET /_mokuteki/changes?since=999999 HTTP/1.1\r\nHost: {address}\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        response
            .rsplit("\r\n\r\n")
            .next()
            .unwrap()
            .trim()
            .to_owned()
    };
    // A wait for the next render; `None` when the preview closed the connection at once.
    let try_wait = || {
        let mut stream = std::net::TcpStream::connect(address).ok()?;
        write!(
            stream,
            "GET /_mokuteki/changes?since={version} HTTP/1.1\r\nHost: {address}\r\n\r\n"
        )
        .ok()?;
        Some(stream)
    };
    // Whether the preview holds a wait (neither answered nor closed it).
    let is_held = |stream: &mut std::net::TcpStream| {
        stream.set_nonblocking(true).unwrap();
        let mut byte = [0; 1];
        let held =
            matches!(stream.read(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
        stream.set_nonblocking(false).unwrap();
        held
    };
    // A wait the preview holds, opened once the one before is held (a burst of them may
    // find every connection still reading its request, and be told 503).
    let wait = || {
        for _ in 0..50 {
            if let Some(mut stream) = try_wait() {
                std::thread::sleep(Duration::from_millis(100));
                if is_held(&mut stream) {
                    return stream;
                }
            }
        }
        panic!("no wait was held");
    };
    // Twice as many open pages waiting as there are connections: the pages are still served.
    let waiting: Vec<_> = (0..8).map(|_| wait()).collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..3 {
        assert_eq!(status_of(address, "/notice.html"), Some(200));
    }
    // One more than may wait is told so at once.
    assert_eq!(
        status_of(address, &format!("/_mokuteki/changes?since={version}")),
        Some(503)
    );
    // Closed, they free their places within moments (a few seconds at most on a busy
    // machine), not after the whole wait of 20 s: eight new waits are held again.
    drop(waiting);
    let started = std::time::Instant::now();
    let mut again = Vec::new();
    while again.len() < 8 {
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "the closed waits kept their places"
        );
        if let Some(mut stream) = try_wait() {
            std::thread::sleep(Duration::from_millis(100));
            if is_held(&mut stream) {
                again.push(stream);
            }
        }
    }
    stop.store(true, Ordering::SeqCst);
    server.join().unwrap().unwrap();
}

/// The preview of a copy of the default source on a free port, with `limits`, serving on a
/// thread until `stop` is set: its folder (kept alive by the caller), address, stop flag and
/// thread.
fn preview_with(
    limits: mokuteki::serve::Limits,
) -> (
    tempfile::TempDir,
    std::net::SocketAddr,
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<mokuteki::Result<()>>,
) {
    use mokuteki::build::BuildOptions;
    use mokuteki::error::Lang;
    use mokuteki::serve::{Preview, ServeOptions};
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("purposes.yaml"),
    )
    .unwrap();
    let options = ServeOptions {
        build: BuildOptions {
            source: dir.path().join("purposes.yaml"),
            out: dir.path().join("out"),
            ..BuildOptions::default()
        },
        port: 0,
        templates_beside: false,
    };
    let preview = Preview::bind(&options, Lang::En)
        .unwrap()
        .with_limits(limits);
    let address = preview.address();
    let stop = Arc::new(AtomicBool::new(false));
    let server = {
        let stop = Arc::clone(&stop);
        std::thread::spawn(move || preview.serve(&stop, &mut std::io::sink()))
    };
    (dir, address, stop, server)
}
