//! The publish guard: a build compares what it would publish with the record of the last
//! publication (`purposes.json`) and stops, changing nothing, when purposes changed without
//! a new revision, the revision history shrank, a published document would vanish, or the
//! source looks cut short.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{mokuteki, project, root};

/// Every published file of a folder with its bytes (the manifest, mokuteki's own
/// bookkeeping of what it wrote, left out).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.file_name() != ".mokuteki-manifest" {
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .display()
                .to_string();
            out.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    out
}

fn build(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = mokuteki(dir, &all);
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

fn edit(dir: &Path, from: &str, to: &str) {
    let path = dir.join("purposes.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert!(yaml.contains(from), "no {from:?}");
    std::fs::write(path, yaml.replacen(from, to, 1)).unwrap();
}

/// A project built once: the published state to guard.
fn published() -> tempfile::TempDir {
    let dir = project();
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    dir
}

const ITEM: &str = "- 第三者求償事務において、保険会社・医療機関等への相談又は届出等";
const ITEM_REWORDED: &str =
    "- 第三者求償事務において、保険会社・医療機関・弁護士等への相談又は届出等";
const LAST_REVISION: &str =
    "        summary: オンライン資格確認等システムの利用に係る利用目的を追加\n";
const NEW_REVISION: &str = "        summary: オンライン資格確認等システムの利用に係る利用目的を追加\n      - date: 2026-12-01\n        summary: 第三者求償事務の相談先を追加\n";

#[test]
fn the_first_build_records_what_it_published() {
    let dir = published();
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/purposes.json")).unwrap())
            .unwrap();
    assert_eq!(record["format"], 1);
    assert_eq!(record["catalogue"]["dates"]["established"], "2005-04-01");
    let documents = record["documents"].as_array().unwrap();
    assert!(
        documents.iter().any(|d| d == "notice.html"),
        "{documents:?}"
    );
    assert!(!documents.iter().any(|d| d == "purposes.json"));
}

#[test]
fn a_changed_purpose_without_a_revision_stops_the_build_and_changes_nothing() {
    let dir = published();
    let before = files(&dir.path().join("out"));
    edit(dir.path(), ITEM, ITEM_REWORDED);
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("the purposes, bases of provision or joint use differ from those last published (８．その他)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("no revision (改正) is dated after 2021-10-20"),
        "{stderr}"
    );
    // Located at the last revision entry, where the new one goes.
    let yaml = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    let line = yaml
        .lines()
        .position(|l| l == "      - date: 2021-10-20")
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!("purposes.yaml:{line}:7:")),
        "{stderr}"
    );
    assert_eq!(
        files(&dir.path().join("out")),
        before,
        "nothing published changed"
    );

    // `build --check` says the same, and so does `check`.
    let (code, stderr) = build(dir.path(), &["--check"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("no revision (改正) is dated after"),
        "{stderr}"
    );
    let run = mokuteki(dir.path(), &["check"]);
    assert_eq!(run.status.code(), Some(1));

    // With the revision recorded, it publishes.
    edit(dir.path(), LAST_REVISION, NEW_REVISION);
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let notice = std::fs::read_to_string(dir.path().join("out/notice.html")).unwrap();
    assert!(notice.contains("弁護士等"));
}

#[test]
fn in_japanese_the_refusal_names_the_place_and_the_way_out() {
    let dir = published();
    edit(dir.path(), ITEM, ITEM_REWORDED);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .arg("build")
        .current_dir(dir.path())
        .env_remove("LC_ALL")
        .env("LANG", "ja_JP.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("前回の公表後に利用目的、提供の根拠又は共同利用が変更されていますが、公表済みの版の最後の日付（2021-10-20）より後の日付の改正が記録されていません（変更箇所：８．その他）。"),
        "{stderr}"
    );
    assert!(stderr.contains("--accept-changes"), "{stderr}");
}

#[test]
fn a_changed_basis_is_a_change_of_the_purposes() {
    let dir = published();
    edit(
        dir.path(),
        ITEM,
        "- text: 第三者求償事務において、保険会社・医療機関等への相談又は届出等\n          basis: outsourcing",
    );
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("differ from those last published"),
        "{stderr}"
    );
}

#[test]
fn accept_changes_publishes_on_purpose() {
    let dir = published();
    edit(dir.path(), ITEM, ITEM_REWORDED);
    let (code, stderr) = build(dir.path(), &["--accept-changes"]);
    assert_eq!(code, Some(0), "{stderr}");
    let record = std::fs::read_to_string(dir.path().join("out/purposes.json")).unwrap();
    assert!(
        record.contains("弁護士等"),
        "the record follows what was published"
    );
    // From then on, that is what is compared with.
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn the_revision_history_only_grows() {
    let dir = published();
    let before = files(&dir.path().join("out"));
    edit(
        dir.path(),
        "      - date: 2017-11-13\n        summary: 特定個人情報の利用目的（番号法に基づく情報連携）を追加\n",
        "",
    );
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("the revision history published lists 2017-11-13"),
        "{stderr}"
    );
    assert_eq!(files(&dir.path().join("out")), before);

    // A redated entry is refused too.
    let dir = published();
    edit(dir.path(), "- date: 2021-10-20", "- date: 2021-10-21");
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("lists 2021-10-20"), "{stderr}");
}

#[test]
fn a_published_document_does_not_vanish_unnoticed() {
    let dir = published();
    let before = files(&dir.path().join("out"));
    let yaml = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    let start = yaml.find("regulation:\n").unwrap();
    let end = yaml.find("# The table's columns").unwrap();
    std::fs::write(
        dir.path().join("purposes.yaml"),
        format!("{}{}", &yaml[..start], &yaml[end..]),
    )
    .unwrap();
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("beppyo2.html was published but would no longer be produced"),
        "{stderr}"
    );
    assert_eq!(files(&dir.path().join("out")), before);
    let (code, stderr) = build(dir.path(), &["--accept-changes"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!dir.path().join("out/beppyo2.html").exists());
}

#[test]
fn a_source_without_a_final_line_break_does_not_replace_what_was_published() {
    let dir = published();
    let path = dir.path().join("purposes.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    // The same facts without the final line break: nothing would change, so it passes.
    std::fs::write(&path, yaml.trim_end()).unwrap();
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(0), "{stderr}");
    // With a change of the prose only (no revision needed), it is refused.
    let cut = yaml
        .trim_end()
        .replacen("次のように公表いたします。", "次のように公表します。", 1);
    std::fs::write(&path, cut).unwrap();
    let (code, stderr) = build(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("does not end with a line break"),
        "{stderr}"
    );
}

#[test]
fn an_unreadable_record_stops_the_build_until_it_is_restored_or_accepted() {
    let dir = published();
    let record = dir.path().join("out/purposes.json");
    std::fs::write(&record, "{\"format\": 99}").unwrap();
    let (code, stderr) = build(dir.path(), &["--force"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("format 99"), "{stderr}");
}

/// Cuts `yaml` short at every 5 % of its bytes, after publishing the whole of it, and
/// builds each cut: none may change what was published.
fn no_cut_replaces_what_was_published(dir: &Path) {
    let path = dir.join("purposes.yaml");
    let whole = std::fs::read(&path).unwrap();
    let (code, stderr) = build(dir, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    let before = files(&dir.join("out"));
    for percent in (5..100).step_by(5) {
        let cut = &whole[..whole.len() * percent / 100];
        std::fs::write(&path, cut).unwrap();
        let (_, stderr) = build(dir, &[]);
        // A cut that leaves every fact as it was (inside a trailing comment) may build:
        // it changes nothing.
        assert_eq!(
            files(&dir.join("out")),
            before,
            "a cut at {percent} % changed what was published:\n{stderr}"
        );
    }
}

#[test]
fn no_cut_of_the_default_source_replaces_a_published_notice() {
    let dir = project();
    no_cut_replaces_what_was_published(dir.path());
}

#[test]
fn no_cut_of_inits_source_replaces_a_published_notice() {
    let dir = tempfile::tempdir().unwrap();
    let run = mokuteki(dir.path(), &["init", "."]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    no_cut_replaces_what_was_published(dir.path());
}

#[test]
fn a_federation_guards_each_source_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("societies");
    std::fs::create_dir(&sources).unwrap();
    let default = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    std::fs::write(sources.join("alpha.yaml"), &default).unwrap();
    std::fs::write(sources.join("beta.yaml"), &default).unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--out", "out"],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let beta_before = files(&dir.path().join("out/beta"));
    // alpha rewords its preamble (no revision needed); beta changes a purpose without one.
    std::fs::write(
        sources.join("alpha.yaml"),
        default.replacen("次のように公表いたします。", "次のように公表します。", 1),
    )
    .unwrap();
    std::fs::write(
        sources.join("beta.yaml"),
        default.replacen(ITEM, ITEM_REWORDED, 1),
    )
    .unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--out", "out"],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("beta.yaml"), "{stderr}");
    assert!(
        stderr.contains("no revision (改正) is dated after"),
        "{stderr}"
    );
    assert_eq!(files(&dir.path().join("out/beta")), beta_before);
    let alpha = std::fs::read_to_string(dir.path().join("out/alpha/notice.html")).unwrap();
    assert!(
        alpha.contains("次のように公表します。"),
        "alpha is built on its own"
    );
    let run = mokuteki(
        dir.path(),
        &[
            "build",
            "--source",
            "societies",
            "--out",
            "out",
            "--accept-changes",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
