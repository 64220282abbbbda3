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
