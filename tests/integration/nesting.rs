//! Items and records nested as deeply as a source may nest them are printed by every
//! built-in template; one level more is refused at its place in the source, before the
//! template engine's own limit could stop the build with no place to show.

use mokuteki::error::{Error, Lang, Problem};
use mokuteki::source::validate::{MAX_ITEM_DEPTH, MAX_RECORD_DEPTH};

use crate::support::{place, render};

/// `depth` levels of items, one item per level, each `indent` deeper than the one above;
/// the deepest is 「第N階層の項目」.
fn nested_items(depth: usize, indent: usize) -> String {
    let mut yaml = String::new();
    for level in 1..=depth {
        let pad = " ".repeat(indent + 4 * (level - 1));
        yaml.push_str(&format!("{pad}- text: 第{level}階層の項目\n"));
        if level < depth {
            yaml.push_str(&format!("{pad}  items:\n"));
        }
    }
    yaml
}

/// Parts of `records` records one within another around the purposes, each record
/// headed 「第N重の記」, each `indent` deeper than the one above.
fn nested_records(records: usize, indent: usize) -> String {
    let mut yaml = String::new();
    for level in 1..=records {
        let pad = " ".repeat(indent + 4 * (level - 1));
        yaml.push_str(&format!("{pad}- heading: 第{level}重の記\n"));
        yaml.push_str(&format!("{pad}  record:\n"));
    }
    let pad = " ".repeat(indent + 4 * records);
    yaml.push_str(&format!("{pad}- purposes: {{}}\n"));
    yaml
}

/// A source that nests as deeply as every built-in template is asked to print: items
/// `items` levels deep, under kinds and in a plain list, shown in a notice's body, in a
/// document printed on its page and in an attachment, each within `records` records, and
/// in the table.
fn deep_source(items: usize, records: usize) -> String {
    format!(
        "organization:
  name: 架空深層健康保険組合
recipients:
  - id: internal
    column: 内部での利用
    heading: 内部での利用
  - id: outside
    column: 外部への提供
    heading: 外部への提供
categories:
  - id: benefits
    title: 保険給付
    items:
      internal:
{kinds}      outside:
        - 外部委託
  - id: health
    title: 保健事業
    items:
{plain}documents:
  - id: koukai
    title: 個人情報の利用目的
    parts:
{body}    attachments:
      - title: 別表
        parts:
{attachment}  - id: kanri
    title: 個人情報の管理について
    page: koukai
    parts:
{guest}  - id: beppyo
    kind: table
    title: 利用目的の表
",
        kinds = nested_items(items, 8),
        plain = nested_items(items, 6),
        body = nested_records(records, 6),
        attachment = nested_records(records, 10),
        guest = nested_records(records, 6),
    )
}

fn write(yaml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, yaml).unwrap();
    (dir, path)
}

#[test]
fn items_and_records_at_the_limits_are_printed_by_every_built_in_template() {
    let (_dir, path) = write(&deep_source(MAX_ITEM_DEPTH, MAX_RECORD_DEPTH));
    let rendered = render(&path, None).unwrap_or_else(|e| panic!("{}", e.to_text(Lang::En)));
    let deepest = format!("第{MAX_ITEM_DEPTH}階層の項目");
    let mut printed = 0;
    for output in &rendered.outputs {
        let text = String::from_utf8_lossy(&output.content);
        if !output.path.ends_with(".fragment.html") {
            // The notice (with the document on its page and the attachment) and the table.
            assert!(text.contains(&deepest), "{}", output.path);
            printed += 1;
        }
    }
    assert!(printed >= 5, "{printed} outputs");
}

#[test]
fn an_item_one_level_deeper_is_refused_at_its_place() {
    let yaml = deep_source(MAX_ITEM_DEPTH + 1, 0);
    let (_dir, path) = write(&yaml);
    let Err(Error::Source(problems)) = render(&path, None) else {
        panic!("not refused");
    };
    let too_deep = format!("第{}階層の項目", MAX_ITEM_DEPTH + 1);
    let places: Vec<String> = problems
        .iter()
        .map(|d| {
            assert_eq!(
                d.problem,
                Problem::TooDeep {
                    what: mokuteki::diagnostic::Nesting::Items,
                    depth: MAX_ITEM_DEPTH + 1,
                    limit: MAX_ITEM_DEPTH,
                }
            );
            format!("{}:{}", d.line, d.column)
        })
        .collect();
    // Under the kind and in the plain list: each at its first item too deep.
    assert_eq!(places.len(), 2, "{places:?}");
    assert_eq!(places[0], place(&yaml, &too_deep));
    assert_eq!(places[1], crate::support::place_of(&yaml, &too_deep, 2, 0));
    let text = problems[0].to_text(Lang::Ja);
    assert!(
        text.contains(&format!(
            "この項目は {} 階層目にあります",
            MAX_ITEM_DEPTH + 1
        )),
        "{text}"
    );
}

#[test]
fn a_record_one_level_deeper_is_refused_at_its_place() {
    let yaml = deep_source(1, MAX_RECORD_DEPTH + 1);
    let (_dir, path) = write(&yaml);
    let Err(Error::Source(problems)) = render(&path, None) else {
        panic!("not refused");
    };
    // The body, the attachment and the document on the page: each at the heading of the
    // part whose record is one too many.
    let heading = format!("第{}重の記", MAX_RECORD_DEPTH + 1);
    let places: Vec<String> = problems
        .iter()
        .map(|d| {
            assert_eq!(
                d.problem,
                Problem::TooDeep {
                    what: mokuteki::diagnostic::Nesting::Records,
                    depth: MAX_RECORD_DEPTH + 1,
                    limit: MAX_RECORD_DEPTH,
                }
            );
            format!("{}:{}", d.line, d.column)
        })
        .collect();
    let expected: Vec<String> = (1..=3)
        .map(|n| crate::support::place_of(&yaml, &heading, n, 0))
        .collect();
    assert_eq!(places, expected);
}
