//! Publishing for unattended pipelines: nothing written on failure, crash-consistent
//! renames, stale files removed, dangerous folders refused, `--check`, the lock.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::time::SystemTime;

use crate::support::{mokuteki, project, render, root};

/// Every file under `dir` (hidden ones too) with its bytes and modification time.
fn tree(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            files.insert(
                relative.to_string_lossy().replace('\\', "/"),
                (
                    std::fs::read(entry.path()).unwrap(),
                    entry.metadata().unwrap().modified().unwrap(),
                ),
            );
        }
    }
    files
}

fn names(dir: &Path) -> Vec<String> {
    tree(dir).into_keys().collect()
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

fn stdout(run: &Output) -> String {
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The outputs of `yaml` rendered in memory with the built-in templates.
fn expected(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    render(&dir.join("purposes.yaml"), None)
        .unwrap()
        .outputs
        .into_iter()
        .map(|o| (o.path, o.content))
        .collect()
}

fn edit_source(dir: &Path, from: &str, to: &str) {
    let path = dir.join("purposes.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert!(yaml.contains(from), "purposes.yaml has no {from:?}");
    std::fs::write(&path, yaml.replace(from, to)).unwrap();
}

/// Asserts `out` holds exactly `outputs`, a manifest whose hashes match, and nothing else.
fn assert_complete(out: &Path, outputs: &BTreeMap<String, Vec<u8>>) {
    let files = tree(out);
    let mut listed: Vec<&String> = files.keys().collect();
    listed.retain(|name| name.as_str() != ".mokuteki-manifest");
    assert_eq!(listed, outputs.keys().collect::<Vec<_>>(), "files in out/");
    for (name, content) in outputs {
        assert!(files[name].0 == *content, "{name} is not the new content");
    }
    let manifest = String::from_utf8(files[".mokuteki-manifest"].0.clone()).unwrap();
    for (name, content) in outputs {
        let line = format!("{}  {name}", mokuteki::output::sha256::hex(content));
        assert!(manifest.lines().any(|l| l == line), "manifest:\n{manifest}");
    }
}

#[test]
fn a_broken_template_leaves_out_unchanged_byte_for_byte() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    std::fs::write(dir.path().join("out/robots.txt"), "User-agent: *\n").unwrap();
    let before = tree(&dir.path().join("out"));
    edit_source(dir.path(), "empty_cell: ・なし", "empty_cell: ・該当なし");
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/notice.txt.tera"),
        "{{ organization.name | no_such_filter }}\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(tree(&dir.path().join("out")), before);
}

#[test]
fn a_crash_between_renames_leaves_whole_files_and_the_next_build_completes() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let old = expected(dir.path());
    // Every output changes: the society's name is on each.
    edit_source(
        dir.path(),
        "労働者健康安全機構健康保険組合",
        "架空健康保険組合",
    );
    let new = expected(dir.path());
    assert!(old.iter().all(|(name, content)| new[name] != *content));

    let crashed = crate::support::crashing(&["build"], 1)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(crashed.status.code().is_none(), "the fault point aborts");

    // Every output is whole: the old file or the new one, never a mix; exactly one is new.
    let files = tree(&out);
    let mut renewed = 0;
    for name in old.keys() {
        let content = &files[name].0;
        assert!(
            *content == old[name] || *content == new[name],
            "{name} is torn"
        );
        renewed += usize::from(*content == new[name]);
    }
    assert_eq!(renewed, 1);
    // Staged files are hidden temporaries, never under an output's name; the dead
    // process's lock is still there.
    let others: Vec<&String> = files
        .keys()
        .filter(|n| !old.contains_key(*n) && n.as_str() != ".mokuteki-manifest")
        .collect();
    assert!(!others.is_empty());
    for name in &others {
        assert!(
            name.as_str() == ".mokuteki-lock" || (name.starts_with('.') && name.ends_with(".tmp")),
            "unexpected {name}"
        );
    }
    assert!(others.iter().any(|n| n.as_str() == ".mokuteki-lock"));

    // The next build recovers the lock, replaces the rest and cleans up.
    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("({} written, 1 unchanged)", output_count() - 1)),
        "{}",
        stderr(&run)
    );
    assert_complete(&out, &new);
}

#[test]
fn stale_generated_files_are_removed_and_other_files_kept() {
    let dir = project();
    let out = dir.path().join("out");
    std::fs::create_dir_all(dir.path().join("templates/feeds")).unwrap();
    std::fs::write(dir.path().join("templates/extra.txt.tera"), "extra\n").unwrap();
    std::fs::write(dir.path().join("templates/feeds/ids.txt.tera"), "ids\n").unwrap();
    std::fs::write(dir.path().join("templates/edited.txt.tera"), "as built\n").unwrap();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    assert!(out.join("feeds/ids.txt").exists() && out.join("extra.txt").exists());
    std::fs::write(out.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(out.join("edited.txt"), "changed by a person\n").unwrap();

    for name in ["extra.txt", "feeds/ids.txt", "edited.txt"] {
        std::fs::remove_file(dir.path().join("templates").join(name.to_owned() + ".tera")).unwrap();
    }
    let check = mokuteki(dir.path(), &["build", "--check", "--accept-changes"]);
    assert_eq!(check.status.code(), Some(1));
    let listing = stdout(&check);
    assert!(listing.contains("removed extra.txt\n"), "{listing}");
    assert!(listing.contains("removed feeds/ids.txt\n"), "{listing}");
    assert!(listing.contains("kept edited.txt"), "{listing}");

    // The outputs of the removed templates were published: their removal is accepted.
    let run = mokuteki(dir.path(), &["build", "--accept-changes"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let log = stderr(&run);
    assert!(
        log.contains("removed extra.txt (no longer produced)"),
        "{log}"
    );
    assert!(log.contains("warning: kept edited.txt"), "{log}");
    assert!(!out.join("extra.txt").exists() && !out.join("feeds").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("edited.txt")).unwrap(),
        "changed by a person\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("robots.txt")).unwrap(),
        "User-agent: *\n"
    );
    let manifest = std::fs::read_to_string(out.join(".mokuteki-manifest")).unwrap();
    assert!(!manifest.contains("edited.txt"), "{manifest}");
    // Further builds keep both files and change nothing.
    let before = tree(&out);
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    assert_eq!(tree(&out), before);
    assert!(mokuteki(dir.path(), &["build", "--check"]).status.success());
}

#[test]
fn a_paths_only_manifest_is_migrated() {
    let dir = project();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    for name in names(&root().join("out")) {
        if name != ".mokuteki-manifest" {
            std::fs::copy(root().join("out").join(&name), out.join(&name)).unwrap();
        }
    }
    let mut old_manifest =
        String::from("# Files written by mokuteki. It replaces only these; do not edit.\n");
    for output in crate::support::render_default().outputs {
        old_manifest.push_str(&output.path);
        old_manifest.push('\n');
    }
    old_manifest.push_str("old.txt\n");
    std::fs::write(out.join(".mokuteki-manifest"), old_manifest).unwrap();
    std::fs::write(out.join("old.txt"), "written by an older mokuteki\n").unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains(&format!("0 written, {} unchanged", output_count())));
    // Without a recorded hash, a file no longer produced cannot be proven unchanged: kept.
    assert!(stderr(&run).contains("warning: kept old.txt"));
    assert!(out.join("old.txt").exists());
    std::fs::remove_file(out.join("old.txt")).unwrap();
    assert_complete(&out, &expected(dir.path()));
}

#[test]
fn a_tampered_manifest_cannot_make_a_build_delete_outside_out() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let manifest = dir.path().join("out/.mokuteki-manifest");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str("../purposes.yaml\n");
    std::fs::write(&manifest, text).unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        // The header line, the fingerprint, a line per output, then the tampered line.
        stderr(&run).contains(&format!(".mokuteki-manifest:{}:", output_count() + 3)),
        "{}",
        stderr(&run)
    );
    assert!(dir.path().join("purposes.yaml").exists());
}

/// Runs a build expected to be refused; checks the message and that nothing changed.
fn assert_refused(dir: &Path, args: &[&str], reason: &str, watched: &Path) {
    let before = tree(watched);
    let run = mokuteki(dir, args);
    assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
    let log = stderr(&run);
    assert!(log.contains("refusing to build into"), "{log}");
    assert!(log.contains(reason), "{log}");
    assert!(log.contains("--force"), "{log}");
    assert_eq!(
        tree(watched),
        before,
        "{args:?} touched {}",
        watched.display()
    );
}

#[test]
fn dangerous_targets_are_refused_without_touching_anything() {
    let dir = project();
    let path = dir.path();
    std::fs::create_dir(path.join("templates")).unwrap();
    std::fs::write(path.join("templates/extra.txt.tera"), "x\n").unwrap();
    assert_refused(path, &["build", "--out", "."], "the project root", path);
    assert_refused(
        path,
        &["build", "--out", "templates"],
        "templates folder",
        path,
    );
    assert_refused(
        path,
        &["build", "--out", "templates/out"],
        "templates folder",
        path,
    );
    assert_refused(path, &["build", "--out", "/"], "the filesystem root", path);
    assert!(!Path::new("/.mokuteki-manifest").exists());

    // The folder holding the source, seen from elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let source = path.join("purposes.yaml");
    let source = source.to_str().unwrap();
    let out = path.to_str().unwrap();
    assert_refused(
        elsewhere.path(),
        &["build", "--source", source, "--out", out],
        "it holds the source",
        path,
    );
    // A parent of the project holds the source too.
    let parent = path.parent().unwrap().to_str().unwrap();
    let run = mokuteki(
        elsewhere.path(),
        &["build", "--source", source, "--out", parent],
    );
    assert_eq!(run.status.code(), Some(2));

    // The home folder, even when empty.
    let home = tempfile::tempdir().unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["build", "--out", home.path().to_str().unwrap()])
        .current_dir(path)
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("it is your home folder"),
        "{}",
        stderr(&run)
    );
    assert!(names(home.path()).is_empty());

    // A folder with files and no manifest; --force builds there and keeps the files.
    std::fs::create_dir(path.join("site")).unwrap();
    std::fs::write(path.join("site/index.html"), "home page\n").unwrap();
    assert_refused(
        path,
        &["build", "--out", "site"],
        "is not empty (1 entries) and has no .mokuteki-manifest",
        path,
    );
    let run = mokuteki(path, &["build", "--out", "site", "--force"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_to_string(path.join("site/index.html")).unwrap(),
        "home page\n"
    );
    // Now it has a manifest: no --force needed any more.
    assert!(mokuteki(path, &["build", "--out", "site"]).status.success());
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_output_folder_are_not_followed() {
    let dir = project();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates/feeds")).unwrap();
    std::fs::write(dir.path().join("templates/feeds/ids.txt.tera"), "ids\n").unwrap();
    assert!(
        mokuteki(dir.path(), &["build", "--out", "site"])
            .status
            .success()
    );
    std::fs::remove_dir_all(dir.path().join("site/feeds")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("site/feeds")).unwrap();
    edit_source(dir.path(), "empty_cell: ・なし", "empty_cell: ・該当なし");
    let before = tree(&dir.path().join("site"));
    let run = mokuteki(dir.path(), &["build", "--out", "site"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("site/feeds is a symbolic link where a folder was expected"),
        "{}",
        stderr(&run)
    );
    assert!(names(outside.path()).is_empty());
    assert_eq!(tree(&dir.path().join("site")), before, "nothing written");
}

#[test]
fn check_in_json_prints_one_json_object_and_nothing_else() {
    let dir = project();
    let run = mokuteki(
        dir.path(),
        &["build", "--check", "--format", "json", "--diff"],
    );
    assert_eq!(run.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&run))
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(&run)));
    assert_eq!(report["ok"], false);
    assert_eq!(report["exit_code"], 1);
    let changes = report["changes"].as_array().unwrap();
    assert_eq!(changes.len(), output_count() + 1, "{report:#}");
    let notice = changes.iter().find(|c| c["path"] == "notice.html").unwrap();
    assert_eq!(notice["kind"], "added");
    assert!(
        notice["diff"]
            .as_str()
            .unwrap()
            .starts_with("--- /dev/null\n+++ b/notice.html\n")
    );
    assert!(report["error"].as_str().unwrap().contains("file(s) differ"));
    assert_eq!(stderr(&run), "", "nothing beside the JSON");

    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let run = mokuteki(dir.path(), &["build", "--check", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout(&run)).unwrap();
    assert_eq!(report["ok"], true);
    assert_eq!(report["changes"], serde_json::json!([]));
}

#[test]
fn check_passes_and_fails_correctly() {
    let dir = project();
    let out = dir.path().join("out");
    let run = mokuteki(dir.path(), &["build", "--check"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stdout(&run).contains("added notice.html\n"),
        "{}",
        stdout(&run)
    );
    assert!(!out.exists(), "--check writes nothing");

    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let run = mokuteki(dir.path(), &["build", "--check"]);
    assert_eq!(run.status.code(), Some(0), "{}", stdout(&run));
    assert_eq!(stdout(&run), "");

    let before = tree(&out);
    edit_source(dir.path(), "empty_cell: ・なし", "empty_cell: ・該当なし");
    let run = mokuteki(dir.path(), &["build", "--check"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(
        stdout(&run),
        "changed .mokuteki-manifest\nchanged beppyo2.fragment.html\nchanged beppyo2.html\nchanged beppyo2.md\n"
    );
    assert!(
        stderr(&run).contains("4 file(s) differ"),
        "{}",
        stderr(&run)
    );
    let run = mokuteki(dir.path(), &["build", "--check", "--diff"]);
    assert_eq!(run.status.code(), Some(1));
    let diff = stdout(&run);
    assert!(
        diff.contains("--- a/beppyo2.md\n+++ b/beppyo2.md\n@@ -"),
        "{diff}"
    );
    assert!(diff.contains("\n-| ") && diff.contains("・なし"), "{diff}");
    assert!(
        diff.contains("\n+| ") && diff.contains("・該当なし"),
        "{diff}"
    );
    assert_eq!(tree(&out), before, "--check writes nothing");

    // A file in the way is reported too.
    std::fs::remove_file(out.join(".mokuteki-manifest")).unwrap();
    let run = mokuteki(dir.path(), &["build", "--check"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stdout(&run).contains("in the way beppyo2.md\n"),
        "{}",
        stdout(&run)
    );
}

#[test]
fn the_committed_out_passes_check() {
    let run = mokuteki(&root(), &["build", "--check"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
}

#[test]
fn a_held_lock_stops_a_second_build_and_names_its_holder() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    edit_source(dir.path(), "empty_cell: ・なし", "empty_cell: ・該当なし");
    let host = mokuteki::output::lock::host_name();
    // This test process holds the lock, as a running build does.
    let folder = mokuteki::output::folder::Folder::open_named(
        &out,
        mokuteki::output::folder::Missing::Absent,
    )
    .unwrap()
    .unwrap();
    let held = mokuteki::output::lock::Lock::acquire(&std::sync::Arc::new(folder)).unwrap();
    let before = tree(&out);
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2));
    let log = stderr(&run);
    assert!(
        log.contains(&format!(
            "is locked by process {} on host {host}",
            std::process::id()
        )),
        "{log}"
    );
    assert!(!log.contains("delete the lock file"), "{log}");
    // In Japanese, the holder is named too.
    let run = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .arg("build")
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let log = stderr(&run);
    assert!(
        log.contains(&format!(
            "mokuteki の別のビルド（ホスト {host}、プロセス番号 {}）が同じフォルダーに出力しています",
            std::process::id()
        )),
        "{log}"
    );
    assert_eq!(tree(&out), before);
    drop(held);
}

#[test]
fn a_lock_left_by_a_dead_process_is_recovered() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let host = mokuteki::output::lock::host_name();
    std::fs::write(
        out.join(".mokuteki-lock"),
        format!("pid {dead}\nhost {host}\n"),
    )
    .unwrap();
    edit_source(dir.path(), "empty_cell: ・なし", "empty_cell: ・該当なし");
    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_complete(&out, &expected(dir.path()));
}

#[test]
fn the_lock_is_released_when_a_build_fails() {
    let dir = project();
    let out = dir.path().join("out");
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    edit_source(dir.path(), "empty_cell: ・なし", "empty_cell: ・該当なし");
    std::fs::remove_file(out.join("beppyo2.md")).unwrap();
    std::fs::create_dir(out.join("beppyo2.md")).unwrap(); // cannot be read as a file
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!out.join(".mokuteki-lock").exists());
}

#[test]
fn concurrent_builds_end_with_one_complete_consistent_out() {
    for round in 0..4 {
        let dir = project();
        let out = dir.path().join("out");
        if round % 2 == 1 {
            assert!(mokuteki(dir.path(), &["build"]).status.success());
            edit_source(
                dir.path(),
                "労働者健康安全機構健康保険組合",
                "架空健康保険組合",
            );
        }
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_mokuteki"))
                .arg("build")
                .current_dir(dir.path())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (first, second) = (spawn(), spawn());
        let runs = [
            first.wait_with_output().unwrap(),
            second.wait_with_output().unwrap(),
        ];
        let succeeded = runs.iter().filter(|r| r.status.success()).count();
        assert!(succeeded >= 1);
        for run in runs.iter().filter(|r| !r.status.success()) {
            assert_eq!(run.status.code(), Some(2));
            assert!(
                stderr(run).contains("is locked by process"),
                "{}",
                stderr(run)
            );
        }
        assert_complete(&out, &expected(dir.path()));
    }
}

/// How many outputs the default source builds.
fn output_count() -> usize {
    crate::support::render_default().outputs.len()
}
