//! The document model: which outputs each document writes, and the choices of layout that
//! the snapshots of `tests/fixtures/render/` show in full.

use crate::support::{fixture, parse, render};

fn outputs(case: &str) -> Vec<String> {
    render(&fixture(&format!("render/{case}/purposes.yaml")), None)
        .unwrap()
        .outputs
        .into_iter()
        .map(|o| o.path)
        .collect()
}

fn output(case: &str, path: &str) -> String {
    let rendered = render(&fixture(&format!("render/{case}/purposes.yaml")), None).unwrap();
    let output = rendered.outputs.iter().find(|o| o.path == path).unwrap();
    String::from_utf8(output.content.clone()).unwrap()
}

#[test]
fn a_notice_without_a_regulation_writes_no_table_and_links_to_none() {
    assert_eq!(
        outputs("minimal-notice"),
        [
            "notice.fragment.html",
            "notice.html",
            "notice.md",
            "notice.txt",
            "purposes.json"
        ]
    );
    assert!(!output("minimal-notice", "notice.html").contains("beppyo2"));
}

#[test]
fn documents_name_their_outputs_and_one_printed_on_another_page_has_none() {
    let names = outputs("multi-document");
    assert!(names.contains(&"tokutei.html".to_owned()), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with("kanri")), "{names:?}");
    let notice = output("multi-document", "notice.html");
    assert!(notice.contains("<h1>個人情報の管理について</h1>"));
    // The notice shows only the categories it chose.
    assert!(!notice.contains("番号法に定める事務"));
}

#[test]
fn no_document_means_no_output() {
    let yaml =
        "organization:\n  name: 架空健康保険組合\ncategories:\n  - id: a\n    title: 保険給付\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, yaml).unwrap();
    assert!(render(&path, None).unwrap().outputs.is_empty());
}

#[test]
fn numbers_restart_in_each_group_and_an_own_label_replaces_the_number() {
    let text = output("numbering-styles", "notice.txt");
    assert!(
        text.contains("◆第２　保健事業\n\n（１）特定健康診査"),
        "{text}"
    );
    assert!(text.contains("\nＡ．その他（表題に番号を含む）"), "{text}");
}

#[test]
fn references_to_undeclared_ids_are_rejected() {
    let yaml = "organization:\n  name: 架空\ncategories:\n  - id: a\n    title: 保険給付\ndocuments:\n  - id: n\n    title: t\n    links: [beppyo]\n    parts:\n      - purposes:\n          categories: [b]\n";
    let problems = match parse(yaml) {
        Err(mokuteki::Error::Source(d)) => d.iter().map(|d| d.message()).collect::<Vec<_>>(),
        other => panic!("accepted: {other:?}"),
    };
    assert!(
        problems.iter().any(|p| p.contains("`beppyo`")),
        "{problems:?}"
    );
    assert!(problems.iter().any(|p| p.contains("`b`")), "{problems:?}");
}

#[test]
fn an_application_date_before_the_revision_is_accepted() {
    // 適用日 earlier than 改正日: retroactive application, as a 附則 may say.
    let text = output("dates-placement", "notice.txt");
    assert!(text.contains("令和６年４月\n　１日適用") || text.contains("令和６年４月１日適用"));
}

#[test]
fn a_part_holds_exactly_one_content() {
    for parts in [
        "      - heading: 見出しだけ\n",
        "      - legal: false\n",
        "      - text: 文\n        legal: true\n",
    ] {
        let yaml = format!(
            "organization:\n  name: 架空\ndocuments:\n  - id: n\n    title: t\n    parts:\n{parts}"
        );
        match parse(&yaml) {
            Err(mokuteki::Error::Source(d)) => assert!(
                d.iter()
                    .any(|d| d.problem == mokuteki::diagnostic::Problem::PartShape),
                "{parts}: {:?}",
                d.iter().map(|d| d.message()).collect::<Vec<_>>()
            ),
            other => panic!("{parts}: accepted: {other:?}"),
        }
    }
}

/// A table declared under `documents:` with more than four columns is printed on landscape
/// paper, every column counted: it used to be decided from the original form's columns, so
/// such a table was printed portrait.
#[test]
fn a_declared_table_of_more_than_four_columns_prints_landscape() {
    let page = |attributes: usize| {
        let mut yaml = String::from(
            "organization:\n  name: 架空健康保険組合\ndocuments:\n  - id: hyou\n    kind: table\n    title: 個人情報の利用目的\n    name: 個人情報保護管理規程\n    table: 別表\nrecipients:\n  - id: internal\n    column: 内部での利用\n  - id: others\n    column: 外部への提供\nattributes:\n",
        );
        for a in 0..attributes {
            yaml.push_str(&format!(
                "  - id: a{a}\n    column: 保有個人データの内容{a}\n"
            ));
        }
        yaml.push_str("categories:\n  - id: a\n    title: 保険給付\n    items:\n      internal:\n        - 保険給付の実施\n");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("purposes.yaml");
        std::fs::write(&path, yaml).unwrap();
        let rendered = render(&path, None).unwrap();
        let page = rendered
            .outputs
            .iter()
            .find(|o| o.path == "hyou.html")
            .unwrap();
        String::from_utf8(page.content.clone()).unwrap()
    };
    let landscape = "@page { size: A4 landscape; }";
    // Title, three further columns and two kinds: six columns.
    assert!(page(3).contains(landscape));
    // Title, one further column and two kinds: four.
    assert!(!page(1).contains(landscape));
}

/// `name_line: false` leaves out the society's name under the title, in every format of a
/// notice and of a table; most real pages print the title alone.
#[test]
fn a_document_may_leave_out_the_name_line() {
    let yaml = |name_line: &str| {
        format!(
            "organization:\n  name: 架空健康保険組合\ndocuments:\n  - id: kouhyou\n    title: 個人情報の利用目的\n{name_line}    parts:\n      - purposes: {{}}\n  - id: hyou\n    kind: table\n    title: 利用目的の一覧\n{name_line}recipients:\n  - id: internal\n    column: 内部での利用\ncategories:\n  - id: a\n    title: 保険給付\n    items:\n      internal:\n        - 保険給付の実施\n"
        )
    };
    let outputs = |yaml: String| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("purposes.yaml");
        std::fs::write(&path, yaml).unwrap();
        render(&path, None).unwrap().outputs
    };
    let shown = outputs(yaml(""));
    let left_out = outputs(yaml("    name_line: false\n"));
    assert_eq!(shown.len(), 8);
    // The record of what is published names the society whatever the pages print.
    let pages = |outputs: &[mokuteki::render::Output]| -> Vec<mokuteki::render::Output> {
        outputs
            .iter()
            .filter(|o| o.path != "purposes.json")
            .cloned()
            .collect()
    };
    let (shown, left_out) = (pages(&shown), pages(&left_out));
    for (with, without) in shown.iter().zip(&left_out) {
        let with = String::from_utf8_lossy(&with.content);
        let without = String::from_utf8_lossy(&without.content);
        // The name stays in the page's <title> only.
        let body = |text: &str| {
            text.split_once("</title>")
                .map_or(text.to_owned(), |(_, rest)| rest.to_owned())
        };
        assert!(body(&with).contains("架空健康保険組合"), "{with}");
        assert!(!body(&without).contains("架空健康保険組合"), "{without}");
        assert!(without.contains("個人情報の利用目的") || without.contains("利用目的の一覧"));
    }
}
