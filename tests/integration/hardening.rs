//! Unattended runs over an output folder that others can write to: nothing is ever written
//! through a link planted there, nothing planted makes a build hang, and the lock cannot
//! be fooled or left behind.

#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::support::{mokuteki, mokuteki_that_must_end, project, render_default};

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// A file outside the output folder that a planted link points at, with its content.
fn victim(dir: &Path) -> (std::path::PathBuf, &'static str) {
    let path = dir.join("victim.txt");
    let content = "root:x:0:0:a file nobody may overwrite\n";
    std::fs::write(&path, content).unwrap();
    (path, content)
}

/// Runs `mokuteki build` in `dir` after `setup`, a shell snippet run in the same process
/// (`exec`), so that `$$` in it is the build's process id.
fn build_after(dir: &Path, setup: &str) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!("{setup}\nexec \"$0\" build"))
        .arg(env!("CARGO_BIN_EXE_mokuteki"))
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

/// Makes every output of the default source change, so the build writes each of them.
fn change_every_output(dir: &Path) {
    let path = dir.join("purposes.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        yaml.replace("労働者健康安全機構健康保険組合", "架空健康保険組合"),
    )
    .unwrap();
}

#[test]
fn links_planted_under_every_predictable_name_are_never_written_through() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    change_every_output(dir.path());
    let (victim, content) = victim(dir.path());
    // Every name a build could choose from its own process id: the lock's temporaries,
    // the manifest's and each output's staged file.
    let mut names = vec![
        ".mokuteki-lock.new-$$".to_owned(),
        ".mokuteki-lock.stale-$$".to_owned(),
        ".mokuteki-manifest.mokuteki-$$.tmp".to_owned(),
    ];
    for output in render_default().outputs {
        names.push(format!(".{}.mokuteki-$$.tmp", output.path));
    }
    let setup = names
        .iter()
        .map(|name| format!("ln -s ../victim.txt \"out/{name}\""))
        .collect::<Vec<_>>()
        .join("\n");
    let run = build_after(dir.path(), &setup);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
    // The build wrote its files and left the planted links alone.
    let notice = std::fs::read_to_string(dir.path().join("out/notice.html")).unwrap();
    assert!(notice.contains("架空健康保険組合"));
    let links = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_type().unwrap().is_symlink())
        .count();
    assert_eq!(links, names.len());
}

#[test]
fn a_link_planted_as_the_lock_is_refused_and_not_followed() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    change_every_output(dir.path());
    let (victim, content) = victim(dir.path());
    std::os::unix::fs::symlink(&victim, out.join(".mokuteki-lock")).unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(".mokuteki-lock: it is a symbolic link"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
    assert!(
        std::fs::symlink_metadata(out.join(".mokuteki-lock"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_hard_link_planted_as_the_lock_is_refused_and_not_truncated() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    change_every_output(dir.path());
    let (victim, content) = victim(dir.path());
    std::fs::hard_link(&victim, out.join(".mokuteki-lock")).unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("has other names (hard links)"),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
}

fn make_fifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_fifo_planted_as_the_lock_or_an_output_does_not_make_the_build_hang() {
    for name in [".mokuteki-lock", "notice.html", ".mokuteki-manifest"] {
        let dir = project();
        let out = dir.path().join("out");
        assert!(mokuteki(dir.path(), &["build"]).status.success());
        change_every_output(dir.path());
        std::fs::remove_file(out.join(name)).unwrap_or_default();
        make_fifo(&out.join(name));
        let run = mokuteki_that_must_end(dir.path(), &["build"], Stdio::null());
        assert_eq!(run.status.code(), Some(2), "{name}: {}", stderr(&run));
        assert!(
            stderr(&run).contains(&format!("{name}: it is a FIFO")),
            "{name}: {}",
            stderr(&run)
        );
    }
}

#[test]
fn a_lock_file_nobody_holds_is_taken_whatever_process_it_names() {
    // The lock file of a build that was killed names its process; the id may belong to
    // another process by now (here: this test, which is alive), or even to the build
    // itself after a restart. Only a lock that a running build holds stops a build.
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    change_every_output(dir.path());
    let host = mokuteki::output::lock::host_name();
    std::fs::write(
        out.join(".mokuteki-lock"),
        format!("pid {}\nhost {host}\n", std::process::id()),
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!out.join(".mokuteki-lock").exists());
    // The same with the build's own process id in the file.
    let path = dir.path().join("purposes.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, yaml.replace("架空健康保険組合", "仮健康保険組合")).unwrap();
    let run = build_after(
        dir.path(),
        &format!("printf 'pid %s\\nhost {host}\\n' $$ > out/.mokuteki-lock"),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!out.join(".mokuteki-lock").exists());
}

#[test]
fn sources_that_are_not_regular_files_are_refused_without_reading_them() {
    let dir = project();
    make_fifo(&dir.path().join("fifo.yaml"));
    for (source, what) in [
        ("/dev/zero", "/dev/zero: it is a device"),
        ("fifo.yaml", "fifo.yaml: it is a FIFO"),
    ] {
        for args in [
            &["build", "--source", source, "--out", "out"][..],
            &["check", "--source", source],
        ] {
            let run = mokuteki_that_must_end(dir.path(), args, Stdio::null());
            assert_eq!(run.status.code(), Some(2), "{source}: {}", stderr(&run));
            assert!(stderr(&run).contains(what), "{source}: {}", stderr(&run));
        }
    }
    assert!(!dir.path().join("out").exists());
}

#[test]
fn standard_input_is_read_as_the_source_and_bounded() {
    let dir = project();
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let run = mokuteki_that_must_end(dir.path(), &["check", "--source", "-"], zero.into());
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("-: the input is longer than 4,194,304 bytes"),
        "{}",
        stderr(&run)
    );
    let source = std::fs::File::open(dir.path().join("purposes.yaml")).unwrap();
    let run = mokuteki_that_must_end(
        dir.path(),
        &["build", "--source", "-", "--out", "out"],
        source.into(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let expected = render_default();
    for output in &expected.outputs {
        assert_eq!(
            std::fs::read(dir.path().join("out").join(&output.path)).unwrap(),
            output.content,
            "{}",
            output.path
        );
    }
}

#[test]
fn a_generated_file_edited_by_hand_is_not_replaced_without_force() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    change_every_output(dir.path());
    // Someone fixes a typo on the server, in the published page.
    let edited = "<p>edited by hand</p>\n";
    std::fs::write(out.join("notice.md"), edited).unwrap();
    let before = std::fs::read(out.join("notice.html")).unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("out/notice.md was changed after mokuteki wrote it"),
        "{}",
        stderr(&run)
    );
    // Nothing was written: the edit and every other file are as they were.
    assert_eq!(
        std::fs::read_to_string(out.join("notice.md")).unwrap(),
        edited
    );
    assert_eq!(std::fs::read(out.join("notice.html")).unwrap(), before);
    // --check names it too, and --force replaces it.
    let check = mokuteki(dir.path(), &["build", "--check"]);
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("edited notice.md"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let run = mokuteki(dir.path(), &["build", "--force"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_ne!(
        std::fs::read_to_string(out.join("notice.md")).unwrap(),
        edited
    );
    // A file edited back to what the build produces is simply unchanged.
    let notice = std::fs::read(out.join("notice.md")).unwrap();
    std::fs::write(out.join("notice.md"), &notice).unwrap();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
}

#[test]
fn a_template_named_with_a_line_break_is_refused_before_the_manifest_is_touched() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let manifest = std::fs::read(out.join(".mokuteki-manifest")).unwrap();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/evil\nnotice.html  x.txt.tera"),
        "text\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    // The name is shown with its line break made visible, not printed raw.
    assert!(
        stderr(&run).contains("evil\\nnotice.html  x.txt.tera"),
        "{}",
        stderr(&run)
    );
    assert_eq!(
        std::fs::read(out.join(".mokuteki-manifest")).unwrap(),
        manifest
    );
}

#[test]
fn control_characters_in_user_text_reach_the_terminal_made_visible() {
    let dir = project();
    let yaml = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    // A key holding an escape sequence that would retitle the terminal; then raw control
    // characters in the line quoted under the message.
    for (first_line, shown) in [
        ("\"\\e]0;pwned\\a\": x", "\\u{1b}]0;pwned\\u{7}"),
        ("x: \u{1b}[2J\u{202e}", "\\u{1b}[2J\\u{202e}"),
    ] {
        std::fs::write(
            dir.path().join("purposes.yaml"),
            format!("{first_line}\n{yaml}"),
        )
        .unwrap();
        let run = mokuteki(dir.path(), &["check"]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        let log = stderr(&run);
        assert!(
            !log.contains('\u{1b}') && !log.contains('\u{7}') && !log.contains('\u{202e}'),
            "{log:?}"
        );
        assert!(log.contains(shown), "{log}");
    }
}

#[test]
fn control_characters_and_remote_images_in_values_are_refused_where_they_are() {
    use crate::support::default_yaml_with;
    for (from, to, code) in [
        (
            "title: 個人情報の利用目的",
            "title: \"個人情報の\\e[2J利用目的\"",
            "control_character",
        ),
        (
            "title: 個人情報の利用目的",
            "title: \"個人情報の\u{202e}的目用利\"",
            "control_character",
        ),
        (
            "title: 個人情報の利用目的",
            "title: \"個人情報の\\0利用目的\"",
            "control_character",
        ),
        (
            "    当組合の個人情報の利用目的は、",
            "    ![](https://tracker.example/p.gif)当組合の個人情報の利用目的は、",
            "remote_image",
        ),
        (
            "    当組合の個人情報の利用目的は、",
            "    ![](//tracker.example/p.gif)当組合の個人情報の利用目的は、",
            "remote_image",
        ),
    ] {
        let yaml = default_yaml_with(from, to);
        let first = to.lines().next().unwrap();
        let line = yaml.lines().position(|l| l.contains(first)).unwrap() + 1;
        let dir = project();
        std::fs::write(dir.path().join("purposes.yaml"), &yaml).unwrap();
        let run = mokuteki(dir.path(), &["check", "--format", "json"]);
        assert_eq!(run.status.code(), Some(1), "{to}: {}", stderr(&run));
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let found = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            // At the value: its line, or the first line of a block of prose holding it.
            .any(|d| {
                d["code"] == code
                    && d["line"]
                        .as_u64()
                        .is_some_and(|l| l > 0 && l <= line as u64)
                    && d["line"].as_u64().is_some_and(|l| l + 3 >= line as u64)
            });
        assert!(found, "{to}: {report}");
    }
}

/// Runs `check --format json` on `yaml` and returns its diagnostics.
fn check_json(yaml: &str) -> Vec<serde_json::Value> {
    let dir = project();
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    let run = mokuteki_that_must_end(dir.path(), &["check", "--format", "json"], Stdio::null());
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn sources_larger_than_any_society_are_refused_before_rendering_where_they_grow() {
    use crate::support::default_yaml_with;
    // 101 recipient kinds: the 101st is named.
    let mut kinds = String::from("recipients:\n");
    for n in 0..101 {
        kinds.push_str(&format!(
            "  - id: kind{n}\n    column: 提供先{n}\n    heading: 提供先{n}の事例\n"
        ));
    }
    let yaml = default_yaml_with("recipients:\n", &kinds);
    let line = yaml.lines().position(|l| l == "  - id: kind100").unwrap() + 1;
    let found = check_json(&yaml);
    assert!(
        found.iter().any(|d| d["code"] == "too_many"
            && d["line"] == line
            && d["params"]["what"] == "recipients"),
        "{found:?}"
    );
    // 100 kinds by 1,001 categories: more cells than the table may have.
    let kinds: String = kinds
        .lines()
        .take(1 + 100 * 3)
        .map(|l| format!("{l}\n"))
        .collect();
    let mut categories = String::from("categories:\n");
    for n in 0..1001 {
        categories.push_str(&format!(
            "  - id: c{n}\n    title: 区分{n}\n    items:\n      kind0: [項目{n}]\n"
        ));
    }
    let yaml = std::fs::read_to_string(crate::support::root().join("purposes.yaml")).unwrap();
    let head = &yaml[..yaml.find("recipients:\n").unwrap()];
    let found = check_json(&format!("{head}{kinds}{categories}"));
    assert!(
        found
            .iter()
            .any(|d| d["code"] == "too_many" && d["params"]["what"] == "cells"),
        "{found:?}"
    );
}

#[test]
fn a_line_break_in_an_item_cannot_split_a_markdown_table_row_or_start_a_heading() {
    use crate::support::{default_yaml_with, output};
    let yaml = default_yaml_with(
        "        - 保険給付及び付加給付の実施",
        "        - \"保険給付及び付加給付の実施\\n# 偽の見出し\\n| 偽 | 行 |\"",
    );
    let dir = project();
    std::fs::write(dir.path().join("purposes.yaml"), &yaml).unwrap();
    let rendered = crate::support::render(&dir.path().join("purposes.yaml"), None).unwrap();
    for name in ["notice.md", "beppyo2.md"] {
        let text = output(&rendered, name);
        // The whole item stays on its line: a row of the table, an item of the list.
        assert!(
            text.lines().any(|l| l.contains("付加給付の実施")
                && l.contains("偽の見出し")
                && l.contains("偽 \\| 行")),
            "{name}:\n{text}"
        );
    }
}

/// Gives `path` to another user, as if that user had put it there.
fn give_away(path: &Path) {
    std::os::unix::fs::lchown(path, Some(65534), Some(65534)).unwrap();
}

/// The manifest of `out` with the hash of `file` replaced by the hash of what it holds now.
fn forge_manifest(out: &Path, file: &str) -> String {
    let manifest = std::fs::read_to_string(out.join(".mokuteki-manifest")).unwrap();
    let now = std::fs::read(out.join(file)).unwrap();
    let hash = {
        use std::io::Write;
        let mut child = Command::new("sha256sum")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&now).unwrap();
        let out = child.wait_with_output().unwrap();
        String::from_utf8(out.stdout).unwrap()[..64].to_owned()
    };
    manifest
        .lines()
        .map(|line| match line.strip_suffix(&format!("  {file}")) {
            Some(_) => format!("{hash}  {file}\n"),
            None => format!("{line}\n"),
        })
        .collect()
}

#[test]
fn a_forged_manifest_cannot_hide_an_edit() {
    if !is_root() {
        return; // giving a file to another user takes root
    }
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let built = std::fs::read(out.join("notice.html")).unwrap();
    let planted = "<script>alert('planted')</script>\n";

    // Someone else replaces the page and the manifest, the page's new hash in it.
    std::fs::write(out.join("notice.html"), planted).unwrap();
    let forged = forge_manifest(&out, "notice.html");
    std::fs::remove_file(out.join(".mokuteki-manifest")).unwrap();
    std::fs::write(out.join(".mokuteki-manifest"), &forged).unwrap();
    give_away(&out.join(".mokuteki-manifest"));
    for args in [
        &["build"][..],
        &["build", "--check"][..],
        &["build", "--force"][..],
    ] {
        let run = mokuteki(dir.path(), args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("belongs to another user (user id 65534)"),
            "{args:?}: {}",
            stderr(&run)
        );
        assert!(!String::from_utf8_lossy(&run.stdout).contains("up to date"));
    }
    assert_eq!(
        std::fs::read_to_string(out.join("notice.html")).unwrap(),
        planted
    );

    // A manifest of the build's user that others may write (its group here) is edited in
    // place: it cannot vouch for a skipped build, and the build puts the page back.
    std::fs::remove_file(out.join(".mokuteki-manifest")).unwrap();
    std::fs::write(out.join(".mokuteki-manifest"), &forged).unwrap();
    std::fs::set_permissions(
        out.join(".mokuteki-manifest"),
        std::os::unix::fs::PermissionsExt::from_mode(0o664),
    )
    .unwrap();
    let check = mokuteki(dir.path(), &["build", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("notice.html"),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read(out.join("notice.html")).unwrap(), built);
    // The manifest it writes vouches for the next build, which is skipped.
    let again = mokuteki(dir.path(), &["build"]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("up to date")
            || stderr(&again).contains("up to date"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn a_manifest_planted_in_a_shared_folder_cannot_make_the_build_remove_others_files() {
    if !is_root() {
        return;
    }
    let dir = project();
    let out = dir.path().join("out");
    // A shared folder with the sticky bit: everyone may add files, and remove only their own.
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::os::unix::fs::PermissionsExt::from_mode(0o1777)).unwrap();
    std::fs::write(out.join(".htaccess"), "Require all denied\n").unwrap();
    std::fs::write(out.join("robots.txt"), "User-agent: *\n").unwrap();
    // Before the first build, another user plants a manifest that lists root's two files.
    let listed = ["Require all denied\n", "User-agent: *\n"];
    let mut manifest = String::from("# planted\n");
    for (name, content) in [".htaccess", "robots.txt"].iter().zip(listed) {
        std::fs::write(out.join("tmp"), content).unwrap();
        let sum = Command::new("sha256sum")
            .arg(out.join("tmp"))
            .output()
            .unwrap();
        manifest.push_str(&format!(
            "{}  {name}\n",
            &String::from_utf8_lossy(&sum.stdout)[..64]
        ));
    }
    std::fs::remove_file(out.join("tmp")).unwrap();
    std::fs::write(out.join(".mokuteki-manifest"), manifest).unwrap();
    give_away(&out.join(".mokuteki-manifest"));
    for args in [&["build"][..], &["build", "--force"][..]] {
        let run = mokuteki(dir.path(), args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
        assert!(stderr(&run).contains(".mokuteki-manifest belongs to another user"));
    }
    assert!(out.join(".htaccess").exists() && out.join("robots.txt").exists());
    assert!(!out.join("notice.html").exists());
}

/// Whether the tests run as root (only root can give a file to another user).
fn is_root() -> bool {
    let uid = std::fs::metadata("/proc/self").map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    uid.is_ok_and(|u| u == 0)
}
