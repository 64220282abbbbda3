//! The generated Markdown, parsed back with comrak, says what the source says.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, parse_document};

use crate::support::{fixture, output, render, render_default, root};

fn cell_lines<'a>(cell: &'a AstNode<'a>) -> Vec<String> {
    let mut lines = vec![String::new()];
    for node in cell.descendants().skip(1) {
        match &node.data.borrow().value {
            NodeValue::Text(t) => lines.last_mut().unwrap().push_str(t),
            NodeValue::HtmlInline(html) if html == "<br>" => lines.push(String::new()),
            NodeValue::HtmlInline(other) => panic!("unexpected HTML in a cell: {other}"),
            _ => {}
        }
    }
    lines
}

/// The table of a Markdown document: rows of cells, each cell its lines.
fn table(markdown: &str) -> Vec<Vec<Vec<String>>> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.table = true;
    let root = parse_document(&arena, markdown, &options);
    let table = root
        .descendants()
        .find(|n| matches!(n.data.borrow().value, NodeValue::Table(_)))
        .expect("the Markdown has a table");
    table
        .children()
        .map(|row| row.children().map(cell_lines).collect())
        .collect()
}

fn expected_lines(items: &[mokuteki::source::model::Item], indent: &str, out: &mut Vec<String>) {
    for item in items {
        out.push(format!("{indent}・{}", item.text.value));
        for note in &item.notes {
            out.push(format!("{indent}　{}", note.value));
        }
        expected_lines(&item.items, &format!("{indent}　"), out);
    }
}

fn assert_round_trip(source_path: &std::path::Path, markdown: &str) {
    let source = mokuteki::source::load_file(source_path).unwrap();
    let rows = table(markdown);
    let offset = usize::from(source.groups.iter().any(|g| g.title.is_some()));
    assert_eq!(
        rows.len(),
        source.all_categories().count() + 1,
        "a header row and a row per category"
    );
    let header = &rows[0];
    for (index, recipient) in source.recipients.iter().enumerate() {
        assert_eq!(
            header[offset + 1 + index],
            std::slice::from_ref(&recipient.column.value)
        );
    }
    for (category, row) in source.all_categories().zip(&rows[1..]) {
        assert!(
            row[offset][0].ends_with(&category.title.value),
            "{:?}",
            row[offset]
        );
        for (index, recipient) in source.recipients.iter().enumerate() {
            let mut expected = Vec::new();
            for (kind, items) in category.items.cells() {
                if kind.value == recipient.id.value {
                    expected_lines(items, "", &mut expected);
                }
            }
            if expected.is_empty() {
                expected.push(
                    source
                        .main_table()
                        .unwrap()
                        .empty_cell
                        .as_ref()
                        .unwrap()
                        .value
                        .clone(),
                );
            }
            assert_eq!(
                row[offset + 1 + index],
                expected,
                "{} / {}",
                category.id.value,
                recipient.id.value
            );
        }
    }
}

#[test]
fn the_default_table_parses_back_to_the_source() {
    let rendered = render_default();
    assert_round_trip(
        &root().join("purposes.yaml"),
        output(&rendered, "beppyo2.md"),
    );
}

#[test]
fn a_table_with_groups_notes_and_sub_items_parses_back_to_the_source() {
    let path = fixture("render/nested/purposes.yaml");
    let rendered = render(&path, None).unwrap();
    assert_round_trip(&path, output(&rendered, "beppyo2.md"));
}
