//! The schema of purposes.yaml: what it accepts, and what it rejects, where.

use mokuteki::Error;

use crate::support::{default_yaml_with, parse, place, place_of, root};

/// The problems of a source that must fail, as `line:column: message` lines.
fn problems(yaml: &str) -> Vec<String> {
    match parse(yaml) {
        Ok(_) => panic!("accepted a bad source"),
        Err(Error::Source(diagnostics)) => diagnostics
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message()))
            .collect(),
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

/// The source has exactly these problems, each `place: message`.
fn assert_problems(yaml: &str, expected: &[(String, &str)]) {
    let expected: Vec<String> = expected
        .iter()
        .map(|(at, message)| format!("{at}: {message}"))
        .collect();
    assert_eq!(problems(yaml), expected);
}

#[test]
fn the_default_source_is_valid() {
    let source = mokuteki::source::load_file(&root().join("purposes.yaml")).unwrap();
    assert_eq!(source.recipients.len(), 5);
    assert_eq!(source.all_categories().count(), 8);
}

#[test]
fn items_may_carry_notes_and_sub_items() {
    let source =
        mokuteki::source::load_file(&crate::support::fixture("render/nested/purposes.yaml"))
            .unwrap();
    let item = &source.all_categories().next().unwrap().items.cells()[0].1[1];
    assert_eq!(item.notes.len(), 1);
    assert_eq!(item.items.len(), 2);
    assert_eq!(item.items[1].items.len(), 1, "sub-items nest further");
}

#[test]
fn an_unknown_key_is_rejected_where_it_is() {
    let yaml = default_yaml_with("  short_name: 当組合", "  shortname: 当組合");
    assert_problems(
        &yaml,
        &[(
            place(&yaml, "shortname"),
            "unknown key `shortname`; did you mean `short_name`? (allowed here: `address`, `contacts`, `name`, `representative`, `short_name`)",
        )],
    );
}

#[test]
fn a_missing_key_is_rejected() {
    let yaml = default_yaml_with("  title: 個人情報の利用目的\n  # Markdown", "  # Markdown");
    assert_problems(
        &yaml,
        &[(
            // At the key whose value lacks it.
            place_of(&yaml, "notice:", 1, 0),
            "`notice` lacks the key `title`; add it with its value",
        )],
    );
}

#[test]
fn a_wrong_type_is_rejected_where_it_is() {
    let yaml = default_yaml_with(
        "    revisions:\n",
        "    revisions: 改正なし\n    old_revisions:\n",
    );
    assert_problems(
        &yaml,
        &[
            (
                place(&yaml, "改正なし"),
                "a list is expected here (under `revisions`): write each entry on a line of its own, starting with `- ` (see the default purposes.yaml)",
            ),
            // Independent of it, and reported in the same run.
            (
                place(&yaml, "old_revisions:"),
                "unknown key `old_revisions`; the keys allowed here are: `established`, `revisions`",
            ),
        ],
    );
}

#[test]
fn a_duplicate_key_is_rejected() {
    let yaml = default_yaml_with(
        "  short_name: 当組合",
        "  short_name: 当組合\n  short_name: 本組合",
    );
    assert_problems(
        &yaml,
        &[(
            place_of(&yaml, "short_name", 2, 0),
            "the key `short_name` appears twice; keep one of them",
        )],
    );
}

#[test]
fn an_item_under_an_undeclared_recipient_kind_is_rejected() {
    let yaml = default_yaml_with(
        "      other_businesses:\n        - 高額療養費",
        "      other_business:\n        - 高額療養費",
    );
    assert_problems(
        &yaml,
        &[(
            place(&yaml, "other_business:"),
            "`other_business` is not a recipient kind; the kinds declared under `recipients` are: internal, review_and_payment, other_businesses, provide_to_other_agencies, receive_from_other_agencies. Did you mean `other_businesses`? Add it under `recipients` or file the items under one of those.",
        )],
    );
}

#[test]
fn every_semantic_problem_is_reported_at_once() {
    let yaml = default_yaml_with("  - id: contributions", "  - id: benefits")
        .replacen(
            "        - 保険給付及び付加給付の実施",
            "        - 番号法に定める利用事務",
            1,
        )
        .replacen(
            "    column: 審査支払機関への情報提供を伴うもの",
            "    column: \"  \"",
            1,
        )
        .replacen("      - date: 2017-11-13", "      - date: 2001-01-01", 1);
    let first = place_of(&yaml, "id: benefits", 1, 4);
    let first = first.split(':').next().unwrap();
    assert_problems(
        &yaml,
        &[
            (
                place(&yaml, "2001-01-01"),
                "revision date 2001-01-01 is before 2005-04-01; list revisions oldest first, after the date established",
            ),
            (
                place_of(&yaml, "\"  \"", 1, 0),
                "`column` is empty; write the text or remove the key",
            ),
            (
                place_of(&yaml, "- 番号法に定める利用事務", 2, 2),
                "「番号法に定める利用事務」 is listed twice in the same place; remove one",
            ),
            (
                place_of(&yaml, "id: benefits", 2, 4),
                &format!(
                    "category `benefits` is declared twice (first on line {first}); ids must be unique"
                ),
            ),
        ],
    );
}

#[test]
fn impossible_dates_are_rejected() {
    let yaml = default_yaml_with("2005-04-01", "2005-02-30");
    assert_problems(
        &yaml,
        &[(
            place(&yaml, "2005-02-30"),
            "`2005-02-30` is not a day of the calendar",
        )],
    );
    let yaml = default_yaml_with("2005-04-01", "平成17年4月1日");
    assert_problems(
        &yaml,
        &[(
            place(&yaml, "平成17年4月1日"),
            "`平成17年4月1日` is not a date: write it as YYYY-MM-DD, e.g. 2025-04-01",
        )],
    );
}

#[test]
fn an_effective_date_before_its_revision_is_rejected() {
    let yaml = default_yaml_with(
        "        summary: 特定個人情報の利用目的（番号法に基づく情報連携）を追加",
        "        summary: 特定個人情報の利用目的（番号法に基づく情報連携）を追加\n        effective: 2017-01-01",
    );
    assert_problems(
        &yaml,
        &[(
            place(&yaml, "2017-01-01"),
            "the day it takes effect (施行日), 2017-01-01, is before the revision date 2017-11-13; a revision cannot take effect before it is made. If it applies to an earlier day, write that day as `applies_from` (適用日)",
        )],
    );
}

#[test]
fn a_long_form_item_rejects_unknown_keys() {
    let yaml = default_yaml_with(
        "        - 保険給付及び付加給付の実施",
        "        - text: 保険給付及び付加給付の実施\n          note: ※誤り",
    );
    assert_problems(
        &yaml,
        &[(
            place(&yaml, "note: ※誤り"),
            "unknown key `note`; did you mean `notes`? (allowed here: `basis`, `items`, `notes`, `sensitive`, `text`)",
        )],
    );
}

#[test]
fn a_category_whose_kinds_are_all_empty_is_accepted() {
    // Real notices print such a category (its items are not listed yet).
    let yaml = default_yaml_with(
        "      internal:\n        - 標準報酬月額及び標準賞与額の把握\n        - 健康保険料、介護保険料、調整保険料の徴収\n",
        "      internal: []\n",
    );
    crate::support::parse(&yaml).unwrap();
}

#[test]
fn a_split_group_is_rejected() {
    let yaml = std::fs::read_to_string(crate::support::fixture("render/nested/purposes.yaml"))
        .unwrap()
        .replacen(
            "    title: その他",
            "    group: 第一群\n    title: その他",
            1,
        );
    assert_problems(
        &yaml,
        &[(
            place_of(&yaml, "第一群", 3, 0),
            "group 「第一群」 appears again after other categories; keep a group's categories together",
        )],
    );
}

#[test]
fn non_utf8_input_is_rejected_with_its_place() {
    let mut bytes = b"organization:\n  name: ".to_vec();
    bytes.extend([0x93, 0x96]); // 「当」 in Shift_JIS
    match mokuteki::source::load_bytes(std::path::Path::new("p.yaml"), &bytes) {
        Err(Error::Source(d)) => {
            assert_eq!((d[0].line, d[0].column), (2, 9));
            assert!(d[0].message().contains("not UTF-8"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_bom_and_crlf_are_accepted() {
    let yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(yaml.replace('\n', "\r\n").into_bytes());
    assert!(mokuteki::source::load_bytes(std::path::Path::new("p.yaml"), &bytes).is_ok());
}
