//! Shapes of real notices and the mistakes a clerk makes: each layout bug found while writing
//! them, pinned on a small source written inline.

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};

use crate::support::render;

/// Renders `yaml` with the built-in templates; the outputs by name.
fn outputs(yaml: &str) -> std::collections::BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, yaml).unwrap();
    render(&path, None)
        .unwrap_or_else(|e| panic!("{e}"))
        .outputs
        .into_iter()
        .map(|o| (o.path, String::from_utf8(o.content).unwrap()))
        .collect()
}

const KINDS: &str = "organization:\n  name: 架空健康保険組合\nrecipients:\n  - id: internal\n    column: 内部での利用\ncategories:\n  - id: benefits\n    title: 保険給付に関する事務\n    items:\n      internal:\n        - 資格確認書の発行\n        - text: 保険給付の実施\n          items: [付加給付]\n";

/// A notice of the catalogue above with `style`.
fn notice_with_style(style: &str) -> String {
    format!(
        "{KINDS}documents:\n  - id: a\n    title: 利用目的\n    style: {style}\n    parts: [{{ purposes: {{}} }}]\n"
    )
}

/// The number of list items Markdown reads in `markdown`.
fn list_items(markdown: &str) -> usize {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &Options::default());
    root.descendants()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Item(_)))
        .count()
}

#[test]
fn items_with_their_own_markers_are_lines_in_markdown_not_bullets() {
    for (style, first, sub) in [
        (
            "{ item_marker: \"○\" }",
            "○資格確認書の発行",
            "　・付加給付",
        ),
        (
            "{ item_marker: \"1.\" }",
            "1\\.資格確認書の発行",
            "　・付加給付",
        ),
        ("{ item_marker: none }", "資格確認書の発行", "　・付加給付"),
    ] {
        let md = &outputs(&notice_with_style(style))["a.md"];
        assert_eq!(list_items(md), 0, "{style}: {md}");
        assert!(md.contains(&format!("\n\n{first}<br>\n")), "{style}: {md}");
        assert!(md.contains(&format!("<br>\n{sub}\n")), "{style}: {md}");
    }
    // The default 「・」 stays a bulleted list.
    let md = &outputs(&notice_with_style("{}"))["a.md"];
    assert_eq!(list_items(md), 3, "{md}");
}

/// The texts of Markdown's paragraphs, soft and hard breaks as line ends.
fn paragraphs(markdown: &str) -> Vec<String> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &Options::default());
    root.descendants()
        .filter(|n| matches!(n.data.borrow().value, NodeValue::Paragraph))
        .map(|p| {
            let mut text = String::new();
            for node in p.descendants() {
                match &node.data.borrow().value {
                    NodeValue::Text(t) => text.push_str(t),
                    NodeValue::SoftBreak | NodeValue::LineBreak => text.push('\n'),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

const LAW: &str = "organization:\n  name: 架空健康保険組合\n  short_name: 当組合\n  address: 東京都千代田区一丁目1番1号\njoint_use:\n  - id: kenporen\n    statement: 次のとおり共同して利用します。\n    items: [氏名]\n    users: 健康保険組合連合会\n    purposes: [健診結果の分析]\n    responsible: { name: 架空健康保険組合, address: 東京都千代田区一丁目1番1号, representative: { title: 理事長, name: 山田　太郎 } }\ncategories:\n  - id: benefits\n    title: 保険給付に関する事務\n    items: [資格確認書の発行]\n";

#[test]
fn a_legal_part_prints_its_heading_in_every_format() {
    let yaml = format!(
        "{LAW}documents:\n  - id: a\n    title: 利用目的\n    section_numbering: \"１　\"\n    parts:\n      - heading: 利用目的\n        purposes: {{}}\n      - heading: 法令に基づく公表事項\n        legal: true\n"
    );
    let out = outputs(&yaml);
    assert!(
        out["a.html"].contains("<h2>２　法令に基づく公表事項</h2>\n<div class=\"mokuteki-law\">")
    );
    assert!(out["a.md"].contains("\n## ２　法令に基づく公表事項\n\n## 個人データの共同利用\n"));
    assert!(out["a.txt"].contains("\n■２　法令に基づく公表事項\n■個人データの共同利用\n"));
}

#[test]
fn a_record_of_the_legal_sections_has_one_blank_line_after_ki_and_ki_stands_alone_in_markdown() {
    let yaml = format!(
        "{LAW}documents:\n  - id: a\n    title: 利用目的\n    parts:\n      - text: 前文\n      - record:\n          - text: 本文\n          - legal: true\n"
    );
    let out = outputs(&yaml);
    assert!(
        out["a.txt"].contains("\n記\n\n　本文\n\n■個人データの共同利用\n"),
        "{}",
        out["a.txt"]
    );
    let md = &out["a.md"];
    assert!(
        md.contains("\n前文\n\n記\n\n本文\n\n## 個人データの共同利用"),
        "{md}"
    );
    let paragraphs = paragraphs(md);
    assert!(paragraphs.contains(&"記".to_owned()), "{paragraphs:?}");
    assert!(paragraphs.contains(&"以上".to_owned()), "{paragraphs:?}");
}

#[test]
fn a_letter_with_dates_at_the_top_keeps_sender_and_dates_apart_in_markdown() {
    let yaml = format!(
        "{LAW}documents:\n  - id: a\n    title: 利用目的\n    letter: {{ addressee: 加入者各位, date: 2025-04-01, sender: [架空健康保険組合, 理事長　山田　太郎] }}\n    dates: {{ established: 2025-04-01, placement: top }}\n    parts: [{{ purposes: {{}} }}]\n"
    );
    let md = &outputs(&yaml)["a.md"];
    assert!(md.starts_with("令和７年４月１日\n\n"), "{md}");
    assert_eq!(
        paragraphs(md)[..4],
        [
            "令和７年４月１日",
            "加入者各位",
            "架空健康保険組合\n理事長　山田　太郎",
            "令和７年４月１日制定"
        ]
    );
}

#[test]
fn a_joint_use_record_in_markdown_has_no_header_row_the_page_lacks() {
    let yaml = format!(
        "{LAW}documents:\n  - id: a\n    title: 利用目的\n    parts: [{{ legal: true }}]\n"
    );
    let out = outputs(&yaml);
    assert!(!out["a.html"].contains("<th>事項</th>"));
    assert!(
        out["a.md"].contains("\n| | |\n| --- | --- |\n| 共同利用される個人データの項目 |"),
        "{}",
        out["a.md"]
    );
}

const TABLE: &str = "organization:\n  name: 架空健康保険組合\nrecipients:\n  - id: internal\n    column: 内部での利用\ncategories:\n  - id: benefits\n    title: 保険給付に関する事務\n    items:\n      internal: [資格確認書の発行]\n";

#[test]
fn a_table_printed_on_a_notices_page_brings_its_table() {
    let yaml = format!(
        "{TABLE}documents:\n  - id: a\n    title: 利用目的\n    parts: [{{ text: 前文 }}]\n  - id: t\n    kind: table\n    title: 別表\n    page: a\n"
    );
    let out = outputs(&yaml);
    assert_eq!(
        out.keys().collect::<Vec<_>>(),
        [
            "a.fragment.html",
            "a.html",
            "a.md",
            "a.txt",
            "purposes.json"
        ]
    );
    assert!(
        out["a.html"].contains("<hr>\n<h1>別表</h1>"),
        "{}",
        out["a.html"]
    );
    assert!(
        out["a.html"].contains(
            "<td><span class=\"mokuteki-label\" aria-hidden=\"true\">内部での利用</span>"
        )
    );
    assert!(out["a.md"].ends_with("# 別表\n\n架空健康保険組合\n\n| 利用目的 | 内部での利用 |\n| --- | --- |\n| １．保険給付に関する事務 | ・資格確認書の発行 |\n"), "{}", out["a.md"]);
    // The mailing text has no tables: the rows as a notice's list.
    assert!(out["a.txt"].ends_with("別表\n\n架空健康保険組合\n\n１．保険給付に関する事務\n【内部での利用】\n・資格確認書の発行\n"), "{}", out["a.txt"]);
}

#[test]
fn a_table_titled_by_its_title_alone_prints_it_once() {
    let yaml = format!("{TABLE}documents:\n  - id: t\n    kind: table\n    title: 利用目的の表\n");
    let html = &outputs(&yaml)["t.html"];
    assert_eq!(html.matches(">利用目的の表<").count(), 1, "{html}");
    // With the regulation's name as the heading, the caption still gives the title.
    let yaml = format!(
        "{TABLE}documents:\n  - id: t\n    kind: table\n    title: 利用目的の表\n    name: 個人情報保護管理規程\n"
    );
    let html = &outputs(&yaml)["t.html"];
    assert!(html.contains("<caption>利用目的の表</caption>"), "{html}");
}

#[test]
fn a_letter_with_an_empty_sender_prints_no_sender() {
    let yaml = format!(
        "{TABLE}documents:\n  - id: a\n    title: 利用目的\n    letter: {{ addressee: 加入者各位, sender: [] }}\n    parts: [{{ text: 本文 }}]\n"
    );
    let out = outputs(&yaml);
    for name in ["a.md", "a.txt"] {
        assert!(
            !out[name].contains("架空健康保険組合"),
            "{name}: {}",
            out[name]
        );
    }
    assert!(!out["a.html"].contains("mokuteki-sender\""));
    // Left out, the sender is the society.
    let yaml = yaml.replace(", sender: []", "");
    assert!(outputs(&yaml)["a.txt"].contains("架空健康保険組合"));
}

#[test]
fn the_legal_sections_without_a_short_name_or_a_purposes_heading_still_read_whole() {
    let yaml = "organization:\n  name: 架空健康保険組合\npersonal_data:\n  complaints: 窓口へ\n  accredited_body: { name: 健康保険組合連合会 }\ndocuments:\n  - id: a\n    title: 利用目的\n    parts: [{ purposes: {} }, { legal: true }]\ncategories:\n  - id: benefits\n    title: 保険給付に関する事務\n    items: [資格確認書の発行]\n";
    let out = outputs(yaml);
    for name in ["a.html", "a.md", "a.txt"] {
        let text = out[name].replace('\n', "");
        assert!(
            text.contains(
                "架空健康保険組合が保有する全ての保有個人データの利用目的は、上記のとおりです。"
            ),
            "{name}: {}",
            out[name]
        );
        assert!(
            text.contains("架空健康保険組合は、次の認定個人情報保護団体"),
            "{name}"
        );
        assert!(!text.contains("上記「」"), "{name}");
    }
}

/// `mokuteki check --format json` on `yaml`: the diagnostics.
fn check(yaml: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    let run = crate::support::mokuteki(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn a_numbers_label_may_end_in_the_space_that_parts_it_from_its_heading() {
    let yaml = format!(
        "{TABLE}documents:\n  - id: a\n    title: 利用目的\n    parts:\n      - label: \"１ \"\n        heading: 基本方針\n        text: 本文\n"
    );
    let found = check(&yaml);
    assert!(
        !found.iter().any(|d| d["code"] == "trailing_space"),
        "{found:#?}"
    );
    let yaml = yaml.replace("text: 本文", "text: \"本文 \"");
    assert!(check(&yaml).iter().any(|d| d["code"] == "trailing_space"));
}

/// The (line, code) of each diagnostic.
fn places(found: &[serde_json::Value]) -> Vec<(u64, String)> {
    found
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_unclosed_quote_in_the_middle_of_the_default_file_is_reported_where_it_opens() {
    let yaml = std::fs::read_to_string(crate::support::root().join("purposes.yaml")).unwrap();
    let mut lines: Vec<&str> = yaml.lines().collect();
    let middle = lines.len() / 2;
    lines.insert(middle, "broken: \"unclosed string");
    let found = check(&lines.join("\n"));
    assert_eq!(
        places(&found),
        [(middle as u64 + 1, "unclosed_quote".to_owned())],
        "{found:#?}"
    );
    assert_eq!(found[0]["column"], 9);
}

#[test]
fn a_tab_does_not_hide_the_other_problems_of_the_file() {
    let yaml = "organization:\n  name: 架空健康保険組合\nnotice:\n  titel: 利用目的\ncategories:\n  - id: benefits\n\ttitle: 保険給付\n    items: [一]\n  - id: x\n    titl: y\n";
    assert_eq!(
        places(&check(yaml)),
        [
            (4, "unknown_key".to_owned()),
            (7, "tab_indent".to_owned()),
            (10, "unknown_key".to_owned())
        ]
    );
}

#[test]
fn a_duplicate_id_is_reported_with_a_bad_date_and_names_both_places() {
    let yaml = "organization:\n  name: 架空健康保険組合\nnotice:\n  title: 利用目的\n  dates:\n    established: 2025-02-30\ncategories:\n  - id: benefits\n    title: 保険給付\n  - id: benefits\n    title: 保険給付２\n";
    let found = check(yaml);
    assert_eq!(
        places(&found),
        [
            (6, "invalid_date".to_owned()),
            (10, "duplicate_id".to_owned())
        ]
    );
    assert_eq!(found[1]["params"]["first_line"], 8);
    assert!(
        found[1]["message"]
            .as_str()
            .unwrap()
            .contains("(first on line 8)"),
        "{found:#?}"
    );
}

#[test]
fn a_document_may_leave_out_its_title_as_the_empty_title_message_advises() {
    let yaml =
        format!("{TABLE}documents:\n  - id: a\n    title: \"\"\n    parts: [{{ text: 本文 }}]\n");
    let found = check(&yaml);
    assert_eq!(places(&found), [(13, "empty_text".to_owned())]);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains("remove the key")
    );
    let yaml = yaml.replace("    title: \"\"\n", "    name_line: false\n");
    let out = outputs(&yaml);
    assert!(!out["a.html"].contains("<h1>"));
    assert!(out["a.html"].contains("<title>架空健康保険組合</title>"));
    assert_eq!(out["a.md"], "本文\n");
    assert!(!out["a.txt"].contains("架空健康保険組合"));
}

#[test]
fn plain_items_in_a_table_with_kinds_are_a_warning_at_the_category() {
    let yaml = format!("{TABLE}  - id: plain\n    title: 保健事業\n    items: [健康診査]\n");
    let found: Vec<_> = check(&yaml)
        .into_iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with("law_"))
        .collect();
    assert_eq!(
        places(&found),
        [(11, "items_without_kind".to_owned())],
        "{found:#?}"
    );
    assert_eq!(found[0]["severity"], "warning");
    // Without kinds a plain list is the only form, and no warning.
    let yaml = yaml
        .replace(
            "recipients:\n  - id: internal\n    column: 内部での利用\n",
            "",
        )
        .replace(
            "      internal: [資格確認書の発行]\n",
            "      - 資格確認書の発行\n",
        );
    assert!(
        !check(&yaml)
            .iter()
            .any(|d| d["code"] == "items_without_kind")
    );
}

#[test]
fn an_older_joint_use_record_naming_only_the_party_responsible_is_a_warning() {
    let yaml = std::fs::read_to_string(crate::support::fixture(
        "render/joint-use-rows/purposes.yaml",
    ))
    .unwrap();
    let found = check(&yaml);
    let incomplete: Vec<_> = found
        .iter()
        .filter(|d| d["code"] == "joint_use_incomplete")
        .collect();
    assert_eq!(incomplete.len(), 1, "{found:#?}");
    assert_eq!(incomplete[0]["severity"], "warning");
    assert!(
        found.iter().all(|d| d["severity"] == "warning"),
        "{found:#?}"
    );
}
