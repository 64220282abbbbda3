//! `mokuteki init`: a starting purposes.yaml whose placeholders the check reports until
//! they are filled in, and that never replaces an existing file.

use serde_json::Value;

use crate::support::mokuteki;

/// The codes of the findings of `check --format json` in `dir`, and its exit code.
fn check(dir: &std::path::Path, extra: &[&str]) -> (Vec<String>, Option<i32>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend(extra);
    let run = mokuteki(dir, &args);
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let codes = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect();
    (codes, run.status.code())
}

#[test]
fn the_starting_source_passes_the_check_only_once_its_placeholders_are_filled() {
    let dir = tempfile::tempdir().unwrap();
    let run = mokuteki(dir.path(), &["init", "society"]);
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let project = dir.path().join("society");
    let path = project.join("purposes.yaml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, mokuteki::init::STARTER);

    // As written: only the placeholders are reported, each of them.
    let (codes, exit) = check(&project, &[]);
    assert_eq!(exit, Some(0), "warnings do not fail the check");
    assert!(codes.contains(&"placeholder_date".to_owned()), "{codes:?}");
    assert_eq!(
        codes.iter().filter(|c| *c == "placeholder_text").count(),
        6,
        "{codes:?}"
    );
    assert!(
        codes.iter().all(|c| c.starts_with("placeholder_")),
        "{codes:?}"
    );
    assert_eq!(check(&project, &["--deny-warnings"]).1, Some(1));

    // Filled in: nothing to report, and it builds into every output.
    let filled = written
        .replace("〇〇健康保険組合", "みどり健康保険組合")
        .replace("〇〇県〇〇市〇〇", "東京都千代田区霞が関一丁目2番3号")
        .replace("〇〇　〇〇", "山田　太郎")
        .replace("〇〇-〇〇〇〇-〇〇〇〇", "03-1234-5678")
        .replace("fee: 〇〇", "fee: 無料")
        .replace("established: 2000-01-01", "established: 2025-04-01");
    std::fs::write(&path, &filled).unwrap();
    let (codes, exit) = check(&project, &["--deny-warnings"]);
    assert_eq!((codes.as_slice(), exit), (&[][..], Some(0)));
    let built = mokuteki(&project, &["build", "--deny-warnings"]);
    assert_eq!(built.status.code(), Some(0), "{built:?}");
    let notice = std::fs::read_to_string(project.join("out/notice.md")).unwrap();
    // The item says 委託 already: no 「（委託）」 after it.
    assert!(notice.contains("医療機関への健診の委託"), "{notice}");
    assert!(
        !notice.contains("医療機関への健診の委託（委託）"),
        "{notice}"
    );
    // All the purposes are listed, as the statement under 第32条第1項第2号 says.
    assert!(!notice.contains("主な利用目的"), "{notice}");
    let notice = std::fs::read_to_string(project.join("out/notice.txt")).unwrap();
    for part in ["保有個人データに関する事項", "お問い合わせ窓口", "（委託）"]
    {
        assert!(notice.contains(part), "{part}");
    }

    // Any one placeholder left is reported again.
    let one_left = filled.replace("fee: 無料", "fee: 〇〇");
    std::fs::write(&path, one_left).unwrap();
    assert_eq!(check(&project, &[]).0, ["placeholder_text"]);
}

#[test]
fn the_starting_source_asks_for_the_front_of_the_number_card_only() {
    // 番号法第20条: a copy of the back collects a 個人番号 outside the law.
    let starter = mokuteki::init::STARTER;
    assert!(!starter.contains("本人確認書類（個人番号カード、"));
    assert!(starter.contains("個人番号カードの表面"));
    assert!(starter.contains("表面だけとし、個人番号が記載された裏面は添えないでください"));
    assert!(!starter.contains("主な利用目的"));
}

#[test]
fn init_never_replaces_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, "organization: {name: 既存}\n").unwrap();
    let run = mokuteki(dir.path(), &["init"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("exists already, so nothing was written"),
        "{run:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "organization: {name: 既存}\n"
    );
}
