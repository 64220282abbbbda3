//! `mokuteki compare`: the 新旧対照表 and the notice of change from two versions, kept as
//! snapshots under `tests/fixtures/compare/<case>/expected/`; the judgement of the revision;
//! versions read from git; exit codes, JSON and where it writes.

use std::path::Path;
use std::process::Command;

use mokuteki::compare::{CompareOptions, compare, input::Version};
use mokuteki::error::{Error, Lang, Problem};

use crate::support::{assert_snapshot, fixture, masked, mokuteki};

/// The documents of the revision from `case/old.yaml` to `case/new.yaml`, written into a
/// fresh folder: (name, text) in name order.
fn documents(case: &Path) -> mokuteki::Result<Vec<(String, String)>> {
    documents_of(case, "old.yaml", "new.yaml")
}

/// [`documents`] from the two versions named.
fn documents_of(case: &Path, old: &str, new: &str) -> mokuteki::Result<Vec<(String, String)>> {
    let out = tempfile::tempdir().unwrap();
    let options = CompareOptions::new(
        Version::File(case.join(old)),
        Version::File(case.join(new)),
        None,
        Some(out.path().join("revision")),
    );
    let outcome = compare(&options, Lang::Ja)?;
    let mut files = Vec::new();
    for output in &outcome.outputs {
        let written = std::fs::read_to_string(out.path().join("revision").join(&output.path))
            .expect("every output is written");
        assert_eq!(written.as_bytes(), output.content.as_slice());
        files.push((output.path.clone(), written));
    }
    Ok(files)
}

#[test]
fn each_revision_fixture_gives_its_shinkyu_and_henkou_snapshots() {
    let mut count = 0;
    for case in std::fs::read_dir(fixture("compare")).unwrap() {
        let case = case.unwrap().path();
        if !case.join("expected").is_dir() && std::env::var_os("MOKUTEKI_BLESS").is_none() {
            continue;
        }
        if matches!(
            case.file_name().and_then(|n| n.to_str()),
            Some("no-change" | "missing-revision")
        ) {
            continue;
        }
        let files = documents(&case).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["henkou.html", "henkou.txt", "shinkyu.html", "shinkyu.md"],
            "{}",
            case.display()
        );
        for (name, text) in &files {
            assert_snapshot(&case.join("expected").join(name), text);
        }
        count += 1;
    }
    assert!(count >= 12, "only {count} compare fixtures found");
}

/// Every fixture's two versions are also written in the `documents:` form
/// (`old.documents.yaml`, `new.documents.yaml`): the same facts give the same 新旧対照表 and
/// notice of change, and the same judgement, whichever form declares the documents.
#[test]
fn the_documents_form_of_each_fixture_gives_the_same_documents() {
    let mut count = 0;
    for case in std::fs::read_dir(fixture("compare")).unwrap() {
        let case = case.unwrap().path();
        if !case.join("old.documents.yaml").is_file() {
            continue;
        }
        let original = documents(&case).map_err(|e| e.to_string());
        let declared = documents_of(&case, "old.documents.yaml", "new.documents.yaml")
            .map_err(|e| e.to_string().replace(".documents.yaml", ".yaml"));
        match (&original, &declared) {
            (Ok(a), Ok(b)) => assert!(a == b, "{}: the outputs differ", case.display()),
            // The same refusal, but for its place in the file.
            (Err(a), Err(b)) => assert_eq!(
                a.split(':').next(),
                b.split(':').next(),
                "{}",
                case.display()
            ),
            _ => panic!("{}: {original:?} but {declared:?}", case.display()),
        }
        count += 1;
    }
    assert!(count >= 14, "only {count} fixtures in the documents: form");
}

/// The revision missing from a source in the `documents:` form is asked for at the main
/// notice's last revision, with its date: it used to be looked for in `notice:` only, and
/// the message named an empty date and no line.
#[test]
fn a_change_without_a_revision_is_found_in_the_documents_form_too() {
    let case = fixture("compare/missing-revision");
    let error = documents_of(&case, "old.documents.yaml", "new.documents.yaml").unwrap_err();
    let Error::Source(diagnostics) = &error else {
        panic!("{error}")
    };
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    let text = std::fs::read_to_string(case.join("new.documents.yaml")).unwrap();
    let line = text.lines().nth(d.line - 1).unwrap();
    assert_eq!(line.trim_start(), "- date: 2021-10-20", "line {}", d.line);
    assert_eq!(d.column, line.find('-').unwrap() + 1);
    assert_eq!(
        d.problem,
        Problem::RevisionMissing {
            after: "2021-10-20".into(),
            first: false
        }
    );
}

#[test]
fn a_reworded_item_is_one_change_with_only_its_changed_characters_underlined() {
    let files = documents(&fixture("compare/item-reworded")).unwrap();
    let md = &files.iter().find(|(n, _)| n == "shinkyu.md").unwrap().1;
    assert!(md.contains(
        "| 　　・被保険者資格の確認、被扶養者の認定並びに<ins>資格確認書及び資格情報のお知らせの交付</ins> | 　　・被保険者資格の確認、被扶養者の認定並びに<ins>健康保険被保険者証の発行管理</ins> |"
    ), "{md}");
    assert!(
        !md.contains("（新設）|") && !md.contains("| （削る）"),
        "{md}"
    );
}

#[test]
fn a_moved_item_is_cut_from_its_old_kind_and_new_in_the_other() {
    let files = documents(&fixture("compare/item-moved")).unwrap();
    let md = &files.iter().find(|(n, _)| n == "shinkyu.md").unwrap().1;
    assert!(
        md.contains("| 　　（削る） | 　　<ins>・特定健診、保健指導の実施</ins> |"),
        "{md}"
    );
    assert!(
        md.contains("| 　　<ins>・特定健診、保健指導の実施</ins> | 　　（新設） |"),
        "{md}"
    );
    let html = &files.iter().find(|(n, _)| n == "henkou.html").unwrap().1;
    assert!(
        // Into a column of provision to others: a new provision, not a mere move.
        html.contains("<li>「特定健診、保健指導の実施」を「他の事業者等への情報提供を伴うもの」の欄に追加（変更前は「健保組合等の内部での利用に係るもの」の欄に掲載）</li>"),
        "{html}"
    );
}

#[test]
fn identical_versions_write_nothing() {
    let case = fixture("compare/no-change");
    let out = tempfile::tempdir().unwrap();
    let run = mokuteki(
        &case,
        &[
            "compare",
            "old.yaml",
            "new.yaml",
            "--out",
            out.path().join("r").to_str().unwrap(),
        ],
    );
    assert_eq!(run.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&run.stderr).contains("say the same"));
    assert!(!out.path().join("r").exists(), "nothing is written");
}

#[test]
fn a_change_without_a_revision_names_where_to_add_one() {
    let case = fixture("compare/missing-revision");
    let error = documents(&case).unwrap_err();
    let Error::Source(diagnostics) = &error else {
        panic!("{error}")
    };
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!((d.line, d.column), (13, 7), "the last revision's `-`");
    assert_eq!(
        d.problem,
        Problem::RevisionMissing {
            after: "2021-10-20".into(),
            first: false
        }
    );
    let run = mokuteki(
        &case,
        &["compare", "old.yaml", "new.yaml", "--format", "json"],
    );
    assert_eq!(run.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["diagnostics"][0]["code"], "revision_missing");
    assert_eq!(json["diagnostics"][0]["line"], 13);
    assert!(!case.join("revision").exists(), "nothing is written");
}

#[test]
fn json_lists_the_changes_and_what_to_confirm() {
    let case = fixture("compare/item-added");
    let out = tempfile::tempdir().unwrap();
    let run = mokuteki(
        &case,
        &[
            "compare",
            "old.yaml",
            "new.yaml",
            "--out",
            out.path().join("r").to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        masked(&run.stderr, out.path())
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["identical"], false);
    assert_eq!(json["errors"], 0);
    assert_eq!(json["warnings"], 0);
    assert_eq!(json["changes"][0]["change"], "item_added");
    assert_eq!(
        json["changes"][0]["text"],
        "公金受取口座を利用した給付金の支払い"
    );
    assert_eq!(json["confirmations"].as_array().unwrap().len(), 1);
    assert_eq!(json["written"].as_array().unwrap().len(), 4);
}

#[test]
fn a_revision_is_read_from_the_git_repository_the_source_lives_in() {
    let case = fixture("compare/item-reworded");
    let repo = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=mokuteki",
                "-c",
                "user.email=mokuteki@example.invalid",
            ])
            .args([
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .current_dir(repo.path())
            .output()
            .expect("git runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q"]);
    std::fs::copy(case.join("old.yaml"), repo.path().join("purposes.yaml")).unwrap();
    git(&["add", "purposes.yaml"]);
    git(&["commit", "-q", "-m", "old"]);
    std::fs::copy(case.join("new.yaml"), repo.path().join("purposes.yaml")).unwrap();

    let run = mokuteki(
        repo.path(),
        &["compare", "HEAD:purposes.yaml", "purposes.yaml"],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        masked(&run.stderr, repo.path())
    );
    for name in ["shinkyu.md", "henkou.txt"] {
        assert_eq!(
            std::fs::read_to_string(repo.path().join("revision").join(name)).unwrap(),
            std::fs::read_to_string(case.join("expected").join(name)).unwrap(),
            "{name}"
        );
    }

    let run = mokuteki(
        repo.path(),
        &["compare", "no-such-rev:purposes.yaml", "purposes.yaml"],
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no-such-rev:purposes.yaml"));
}

#[test]
fn a_build_output_folder_is_refused_and_left_alone() {
    let case = fixture("compare/item-added");
    let dir = tempfile::tempdir().unwrap();
    for name in ["old.yaml", "new.yaml"] {
        std::fs::copy(case.join(name), dir.path().join(name)).unwrap();
    }
    let built = mokuteki(dir.path(), &["build", "--source", "new.yaml"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let before = std::fs::read(dir.path().join("out/notice.html")).unwrap();
    let run = mokuteki(
        dir.path(),
        &["compare", "old.yaml", "new.yaml", "--out", "out"],
    );
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join("out/notice.html")).unwrap(),
        before
    );
    assert!(!dir.path().join("out/shinkyu.html").exists());
    // Its own folder is written, and written again without complaint.
    for _ in 0..2 {
        let run = mokuteki(dir.path(), &["compare", "old.yaml", "new.yaml"]);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    assert!(dir.path().join("revision/shinkyu.html").exists());
}

#[test]
fn a_comparison_s_folder_is_refused_to_a_build_and_left_alone() {
    let case = fixture("compare/item-added");
    let dir = tempfile::tempdir().unwrap();
    for name in ["old.yaml", "new.yaml"] {
        std::fs::copy(case.join(name), dir.path().join(name)).unwrap();
    }
    let run = mokuteki(dir.path(), &["compare", "old.yaml", "new.yaml"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let folder = dir.path().join("revision");
    let snapshot = || {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                (
                    entry.file_name().to_string_lossy().into_owned(),
                    std::fs::read(entry.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    };
    let before = snapshot();
    assert_eq!(before.len(), 5, "four documents and the manifest");
    // Neither a build nor a forced one removes or replaces the comparison's files.
    for force in [false, true] {
        let mut args = vec!["build", "--source", "new.yaml", "--out", "revision"];
        if force {
            args.push("--force");
        }
        let built = mokuteki(dir.path(), &args);
        let stderr = masked(&built.stderr, dir.path());
        assert_eq!(built.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("refusing to build into revision: `mokuteki compare` wrote it")
                && stderr.contains("--out"),
            "{stderr}"
        );
        assert_eq!(snapshot(), before, "--force: {force}");
    }
    let checked = mokuteki(
        dir.path(),
        &[
            "build", "--check", "--source", "new.yaml", "--out", "revision",
        ],
    );
    let stderr = masked(&checked.stderr, dir.path());
    assert_eq!(checked.status.code(), Some(2), "{stderr}");
    // Worded as what a build would do: the check itself writes nothing anywhere.
    assert!(
        stderr.contains("a build would refuse to write into revision, so it was not compared")
            && !stderr.contains("refusing to build"),
        "{stderr}"
    );
    assert_eq!(snapshot(), before);
    // In Japanese, the same refusal.
    let built = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["build", "--source", "new.yaml", "--out", "revision"])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        stderr.contains("revision にはビルドの結果を出力しません"),
        "{stderr}"
    );
    assert_eq!(snapshot(), before);
    let checked = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args([
            "build", "--check", "--source", "new.yaml", "--out", "revision",
        ])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&checked.stderr);
    assert_eq!(checked.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("revision はビルドの出力先にできないため、ビルド結果と照合しませんでした"),
        "{stderr}"
    );
    assert_eq!(snapshot(), before);
    // The comparison writes its own folder again.
    let run = mokuteki(dir.path(), &["compare", "old.yaml", "new.yaml"]);
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(snapshot(), before);
}

#[test]
fn an_older_comparison_s_folder_is_taken_as_the_comparison_s() {
    // A manifest written before it named its command lists only the comparison's files:
    // compare writes there again and names itself from then on.
    let case = fixture("compare/item-added");
    let dir = tempfile::tempdir().unwrap();
    for name in ["old.yaml", "new.yaml"] {
        std::fs::copy(case.join(name), dir.path().join(name)).unwrap();
    }
    let run = mokuteki(dir.path(), &["compare", "old.yaml", "new.yaml"]);
    assert_eq!(run.status.code(), Some(0));
    let manifest = dir.path().join("revision/.mokuteki-manifest");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let marker = "# written by mokuteki compare\n";
    assert!(text.contains(marker), "{text}");
    std::fs::write(&manifest, text.replace(marker, "")).unwrap();
    let run = mokuteki(dir.path(), &["compare", "old.yaml", "new.yaml"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), text);
}

#[test]
fn compare_templates_are_overridden_from_the_compare_folder_and_build_ignores_them() {
    let case = fixture("compare/item-added");
    let dir = tempfile::tempdir().unwrap();
    for name in ["old.yaml", "new.yaml"] {
        std::fs::copy(case.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::create_dir_all(dir.path().join("templates/compare")).unwrap();
    std::fs::write(
        dir.path().join("templates/compare/henkou.txt.tera"),
        "{% for group in groups %}{{ group.title }}\n{% endfor %}",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["compare", "old.yaml", "new.yaml"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("revision/henkou.txt")).unwrap(),
        "被保険者等に対する保険給付に必要な利用目的\n"
    );
    let built = mokuteki(dir.path(), &["build", "--source", "new.yaml"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(!dir.path().join("out/compare").exists());
    assert!(!dir.path().join("out/henkou.txt").exists());
}

#[test]
fn the_readme_example_is_what_mokuteki_makes() {
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let case = fixture("compare/revision-of-default/expected");
    let md = std::fs::read_to_string(case.join("shinkyu.md")).unwrap();
    let table = md
        .lines()
        .skip_while(|l| !l.starts_with("| 改正後"))
        .take_while(|l| l.starts_with('|'));
    let txt = std::fs::read_to_string(case.join("henkou.txt")).unwrap();
    for line in table.chain(txt.lines().filter(|l| !l.is_empty())) {
        assert!(readme.contains(line), "README.md lacks {line:?}");
    }
}

#[test]
fn a_revision_of_the_wording_alone_needs_no_revision_entry_and_says_no_purpose_changed() {
    // prose-only/new.yaml rewords a paragraph of the preamble and records no revision.
    let files = documents(&fixture("compare/prose-only")).unwrap();
    let md = &files.iter().find(|(n, _)| n == "shinkyu.md").unwrap().1;
    assert!(md.starts_with("# 個人情報の利用目的 新旧対照表"), "{md}");
    assert!(
        !md.contains("別表2（"),
        "no table part when the table did not change: {md}"
    );
    assert!(
        md.contains(
            "| （略） | （略） |\n| 利用目的の詳細は、当組合の窓口<ins>及びホームページ</ins>"
        ),
        "{md}"
    );
    let txt = &files.iter().find(|(n, _)| n == "henkou.txt").unwrap().1;
    assert!(
        txt.contains("個人情報の利用目\n的に変更はありません。"),
        "{txt}"
    );
}

#[test]
fn a_run_too_long_for_the_mailing_width_is_a_warning_of_the_comparison() {
    let case = fixture("compare/item-added");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(case.join("old.yaml"), dir.path().join("old.yaml")).unwrap();
    let new = std::fs::read_to_string(case.join("new.yaml")).unwrap().replace(
        "公金受取口座を利用した給付金の支払い",
        "https://example.invalid/a-very-long-address-that-no-line-of-the-mailing-text-can-hold/and-more",
    );
    std::fs::write(dir.path().join("new.yaml"), new).unwrap();
    let run = mokuteki(
        dir.path(),
        &["compare", "old.yaml", "new.yaml", "--format", "json"],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert!(json["warnings"].as_u64().unwrap() >= 1, "{json:#}");
    assert_eq!(json["diagnostics"][0]["severity"], "warning");
}

#[test]
fn the_templates_command_writes_the_compare_templates_into_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = mokuteki(dir.path(), &["templates", "--dir", "t"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for (name, content) in mokuteki::render::templates::COMPARE_BUILT_IN {
        assert!(name.starts_with("compare/"), "{name}");
        assert_eq!(
            &std::fs::read_to_string(dir.path().join("t").join(name)).unwrap(),
            content
        );
    }
}

#[test]
fn every_published_fact_is_compared_and_named_in_the_notice_of_change() {
    // published-facts changes a basis, removes a note, extends an item, and changes the
    // society's address, the fee and two particulars of a joint-use record.
    let files = documents(&fixture("compare/published-facts")).unwrap();
    let file = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
    let md = file("shinkyu.md");
    // The basis note as the 別表 prints it, its change underlined (「（委託）」 is not
    // printed after an item that says 委託 itself).
    assert!(
        md.contains("| 　　・被保険者等の資格等のデータ処理の外部委託<ins>（本人の同意に基づく提供）</ins> | 　　・被保険者等の資格等のデータ処理の外部委託 |"),
        "{md}"
    );
    // An extended item is one reworded item, whatever its new length.
    assert!(
        md.contains("| 　　・加入者への医療費通知<ins>及び後発医薬品（ジェネリック医薬品）の利用促進に関する通知</ins> | 　　・加入者への医療費通知 |"),
        "{md}"
    );
    assert!(!md.contains("（新設） |\n| 　　（削る）"), "{md}");
    // The removed promise, the address, the fee and the joint use, each in its table.
    assert!(md.contains("<ins>※健診の結果は、本人の同意なく事業主に提供しません。</ins>"));
    assert!(
        md.contains("| 利用目的の通知及び開示の手数料 | 利用目的の通知及び開示の手数料 |"),
        "{md}"
    );
    assert!(md.contains("共同利用者の範囲 |"), "{md}");
    assert!(md.starts_with("# 個人情報保護管理規程 別表2及び「個人情報の利用目的」 新旧対照表"));
    assert!(md.contains("## 個人情報の利用目的（公表文）"), "{md}");

    let txt = file("henkou.txt");
    // Read with the mailing text's line breaks taken out.
    let flat = txt.replace("\n　　", "").replace("\n　", "");
    for expected in [
        "・「被保険者等の資格等のデータ処理の外部委託」の提供の根拠を「委託」から「本人の同意に基づく提供」に変更",
        "・注記「※健診の結果は、本人の同意なく事業主に提供しません。」を削除",
        "（３）共同利用",
        "このほか、「個人情報の利用目的」の利用目的以外の記載（住所、利用目的の通知及び開示の手数料）を変更しました。",
    ] {
        assert!(flat.contains(expected), "{expected}\n{txt}");
    }
    // Numbered in sequence, and no purpose change is told as none.
    assert!(txt.contains("（１）") && txt.contains("（２）"), "{txt}");
    assert!(!txt.contains("変更はありません"), "{txt}");
    let html = file("henkou.html");
    assert!(html.contains("<h3>（３）共同利用</h3>"), "{html}");
    assert!(html.contains(".mokuteki h3 { font-size: 1rem;"), "{html}");
}

#[test]
fn joint_use_and_basis_changes_are_judged_by_the_law() {
    let case = fixture("compare/published-facts");
    let options = CompareOptions::new(
        Version::File(case.join("old.yaml")),
        Version::File(case.join("new.yaml")),
        None,
        Some(tempfile::tempdir().unwrap().path().join("revision")),
    );
    let (outcome, _) = mokuteki::compare::prepare(&options, Lang::Ja).unwrap();
    let messages: Vec<&str> = outcome
        .confirmations
        .iter()
        .map(|c| c.message.as_str())
        .collect();
    let has = |needle: &str| messages.iter().any(|m| m.contains(needle));
    assert!(
        has("提供の根拠を「委託」から「本人の同意に基づく提供」に改めています"),
        "{messages:#?}"
    );
    assert!(
        has("注記「※健診の結果は、本人の同意なく事業主に提供しません。」を削除しています"),
        "{messages:#?}"
    );
    assert!(
        has("共同して利用する者の範囲を変更するには、原則として本人の同意が必要です"),
        "{messages:#?}"
    );
    assert!(has("遅滞なく、その旨を本人に通知し"), "{messages:#?}");

    // The same change of basis without a revision is refused, as a change of the purposes.
    let dir = tempfile::tempdir().unwrap();
    let new = std::fs::read_to_string(case.join("new.yaml")).unwrap();
    let without = new.replace(
        "      - date: 2026-12-01\n        summary: 提供の根拠、共同利用者の範囲及び医療費通知の利用目的を改正\n",
        "",
    );
    assert_ne!(without, new);
    std::fs::write(dir.path().join("new.yaml"), without).unwrap();
    let options = CompareOptions::new(
        Version::File(case.join("old.yaml")),
        Version::File(dir.path().join("new.yaml")),
        None,
        Some(dir.path().join("revision")),
    );
    let refused = mokuteki::compare::prepare(&options, Lang::En).unwrap_err();
    assert!(
        matches!(
            &refused,
            Error::Source(problems) if problems.iter().any(|d| matches!(
                &d.problem,
                Problem::RevisionMissing { after, .. } if after == "2024-11-01"
            ))
        ),
        "{refused:?}"
    );
}

#[test]
fn a_change_of_the_statutory_sections_alone_is_a_revision_of_the_notice_that_names_them() {
    // Before the catalogue held them, these versions were reported as saying the same.
    let files = documents(&fixture("compare/statutory-sections")).unwrap();
    let file = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
    let md = file("shinkyu.md");
    for changed in [
        "| <ins>電話　03\\-9876\\-5432</ins> |  |",
        "（表面のみ）",
        "又は郵送",
        "| <ins>外部からの不正アクセス等を防ぐため、ソフトウェアを最新の状態に保っています。</ins> |  |",
        "健康保険組合連合会の<ins>個人情報保護相談窓口</ins>",
    ] {
        assert!(md.contains(changed), "{changed}\n{md}");
    }
    let txt = file("henkou.txt");
    assert!(
        txt.contains("個人情報の利用目的に変更はありません。"),
        "{txt}"
    );
    for label in [
        "お問い合わせ窓口",
        "必要な書類",
        "苦情の申出先",
        "安全管理のために講じた措置",
        "認定個人情報保護団体",
    ] {
        assert!(txt.replace('\n', "").contains(label), "{label}\n{txt}");
    }
}

#[test]
fn a_change_of_purposes_applied_before_it_is_made_is_warned_of() {
    let case = fixture("compare/published-facts");
    let dir = tempfile::tempdir().unwrap();
    let new = std::fs::read_to_string(case.join("new.yaml"))
        .unwrap()
        .replace(
            "      - date: 2026-12-01\n",
            "      - date: 2026-12-01\n        applies_from: 2026-10-01\n",
        );
    std::fs::write(dir.path().join("new.yaml"), &new).unwrap();
    let options = CompareOptions::new(
        Version::File(case.join("old.yaml")),
        Version::File(dir.path().join("new.yaml")),
        None,
        Some(dir.path().join("revision")),
    );
    let (outcome, _) = mokuteki::compare::prepare(&options, Lang::Ja).unwrap();
    let line = new
        .lines()
        .position(|l| l.contains("applies_from: 2026-10-01"))
        .unwrap()
        + 1;
    assert!(
        outcome.warnings.iter().any(|w| w.line == line
            && matches!(&w.problem, Problem::AppliesBeforeRevision { date, revision }
                if date == "2026-10-01" && revision == "2026-12-01")),
        "{:?}",
        outcome.warnings
    );
    // Applied on the day or later: nothing to say.
    let (outcome, _) = mokuteki::compare::prepare(
        &CompareOptions::new(
            Version::File(case.join("old.yaml")),
            Version::File(case.join("new.yaml")),
            None,
            Some(dir.path().join("revision")),
        ),
        Lang::Ja,
    )
    .unwrap();
    assert!(
        !outcome
            .warnings
            .iter()
            .any(|w| matches!(w.problem, Problem::AppliesBeforeRevision { .. }))
    );
}

#[test]
fn a_document_beside_the_notice_and_the_table_is_compared_too() {
    let files = documents(&fixture("compare/other-documents")).unwrap();
    let file = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
    assert!(
        file("shinkyu.md").contains("| 当組合は、<ins>個人情報保護法その他の法令を遵守し、個人情報</ins>を適正に取り扱います。 | 当組合は、<ins>個人情報</ins>を適正に取り扱います。 |"),
        "{}",
        file("shinkyu.md")
    );
    let txt = file("henkou.txt").replace('\n', "");
    assert!(txt.contains("（個人情報保護方針：基本方針）"), "{txt}");
    assert!(
        txt.contains("個人情報の利用目的に変更はありません。"),
        "{txt}"
    );
}
