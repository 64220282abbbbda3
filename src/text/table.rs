//! Tables in fixed-width text: ruled with box-drawing characters, as a printed letter shows
//! them, each cell wrapped with 禁則処理 to fit the line width.
//!
//! Box-drawing characters take two columns in a Japanese font (as full-width characters
//! do), and every one of them is in Shift_JIS, so the rules line up in print and in either
//! encoding. A table too wide for the line even with its cells wrapped is written as a list
//! instead: each row a 「・」 item, each cell on its own line after its column's heading.

use crate::text::width::str_width;
use crate::text::wrap::{Punctuation, WrapOptions, Wrapped, wrap};

/// Where a column's cells stand within its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellAlign {
    /// Flush left (also a column given no alignment).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// A table as text: the first row is the heading row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextTable {
    /// The alignment of each column.
    pub alignments: Vec<CellAlign>,
    /// The rows, heading row first; each cell's text on one line.
    pub rows: Vec<Vec<String>>,
}

/// The narrowest a column may be made by wrapping its cells: two full-width characters.
pub const MIN_COLUMN: usize = 4;

/// Lays `table` out in `width` columns, each line starting with `indent`. The lines are
/// in [`Wrapped::lines`]; runs too wide for their cell, split, in [`Wrapped::split_runs`].
pub fn lay_out(table: &TextTable, width: usize, indent: &str) -> Wrapped {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return Wrapped::default();
    }
    // One rule of two columns on each side of every cell.
    let room = width.saturating_sub(str_width(indent) + 2 * (columns + 1));
    match column_widths(table, columns, room) {
        Some(widths) => ruled(table, &widths, indent),
        None => listed(table, width, indent),
    }
}

/// The width of each column: as wide as its widest cell when the table fits in `room`,
/// otherwise the room shared out, narrow columns keeping their width; `None` when even
/// [`MIN_COLUMN`] each does not fit. Every width is even, so that the rules (two columns a
/// character) meet the cells exactly.
fn column_widths(table: &TextTable, columns: usize, room: usize) -> Option<Vec<usize>> {
    let natural: Vec<usize> = (0..columns)
        .map(|j| {
            let widest = table
                .rows
                .iter()
                .filter_map(|row| row.get(j))
                .map(|cell| str_width(cell))
                .max()
                .unwrap_or(0);
            widest.next_multiple_of(2).max(2)
        })
        .collect();
    if natural.iter().sum::<usize>() <= room {
        return Some(natural);
    }
    if room < MIN_COLUMN * columns {
        return None;
    }
    // Narrowest first: a column narrower than its share keeps its width, and what it leaves
    // goes to the wider ones.
    let mut order: Vec<usize> = (0..columns).collect();
    order.sort_by_key(|&j| natural[j]);
    let mut widths = vec![0; columns];
    let mut left = room;
    for (done, &j) in order.iter().enumerate() {
        let share = (left / (columns - done)) / 2 * 2;
        widths[j] = natural[j].min(share).max(MIN_COLUMN);
        left -= widths[j];
    }
    Some(widths)
}

/// The table ruled: a frame, a rule under every row, each cell wrapped to its column.
fn ruled(table: &TextTable, widths: &[usize], indent: &str) -> Wrapped {
    let rule = |left: char, middle: char, right: char| {
        let mut line = String::from(indent);
        line.push(left);
        for (j, width) in widths.iter().enumerate() {
            if j > 0 {
                line.push(middle);
            }
            line.push_str(&"─".repeat(width / 2));
        }
        line.push(right);
        line
    };
    let mut out = Wrapped::default();
    out.lines.push(rule('┌', '┬', '┐'));
    for (index, row) in table.rows.iter().enumerate() {
        if index > 0 {
            out.lines.push(rule('├', '┼', '┤'));
        }
        let cells: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(j, &width)| {
                let text = row.get(j).map_or("", String::as_str);
                // 、。 never hang past a cell: they would break the rule beside it.
                let wrapped = wrap(text, &WrapOptions::new(width));
                out.split_runs.extend(wrapped.split_runs);
                let align = table.alignments.get(j).copied().unwrap_or_default();
                wrapped
                    .lines
                    .iter()
                    .map(|line| pad(line, width, align))
                    .collect()
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for n in 0..height {
            let mut line = String::from(indent);
            line.push('│');
            for (cell, &width) in cells.iter().zip(widths) {
                match cell.get(n) {
                    Some(text) => line.push_str(text),
                    None => line.push_str(&blank(width)),
                }
                line.push('│');
            }
            out.lines.push(line);
        }
    }
    out.lines.push(rule('└', '┴', '┘'));
    out
}

/// The table as a list, for a line too narrow for its columns: each row after the heading
/// row a 「・」 item, each cell on a line of its own after its column's heading and 「：」.
fn listed(table: &TextTable, width: usize, indent: &str) -> Wrapped {
    let (heading, body) = match table.rows.split_first() {
        Some((heading, body)) => (heading.as_slice(), body),
        None => return Wrapped::default(),
    };
    let mut out = Wrapped::default();
    for row in body {
        for (j, cell) in row.iter().enumerate() {
            let label = heading.get(j).map_or("", String::as_str);
            let text = if label.is_empty() {
                cell.clone()
            } else {
                format!("{label}：{cell}")
            };
            let first = format!("{indent}{}", if j == 0 { "・" } else { "\u{3000}" });
            let options = WrapOptions {
                first_indent: first,
                rest_indent: format!("{indent}\u{3000}"),
                overflow: Punctuation::PushOut,
                ..WrapOptions::new(width)
            };
            let wrapped = wrap(&text, &options);
            out.split_runs.extend(wrapped.split_runs);
            out.lines.extend(wrapped.lines);
        }
    }
    out
}

/// `text` placed within `width` columns, the rest blank.
fn pad(text: &str, width: usize, align: CellAlign) -> String {
    let room = width.saturating_sub(str_width(text));
    let before = match align {
        CellAlign::Left => 0,
        CellAlign::Center => room / 4 * 2,
        CellAlign::Right => room,
    };
    let after = room - before;
    // A half-width space, when one is needed, stands next to the text, so that the
    // full-width spaces keep to the full-width grid.
    let after = match after % 2 {
        1 => format!(" {}", "\u{3000}".repeat(after / 2)),
        _ => blank(after),
    };
    format!("{}{text}{after}", blank(before))
}

/// Blank space `columns` wide: full-width spaces, and a half-width one for an odd column.
fn blank(columns: usize) -> String {
    let mut blank = "\u{3000}".repeat(columns / 2);
    if columns % 2 == 1 {
        blank.push(' ');
    }
    blank
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> TextTable {
        TextTable {
            alignments: Vec::new(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
                .collect(),
        }
    }

    #[test]
    fn a_table_that_fits_is_ruled_at_its_natural_width() {
        let t = table(&[
            &["窓口", "電話"],
            &["本部", "03-0000-0000"],
            &["支部", "06-1111"],
        ]);
        assert_eq!(
            lay_out(&t, 72, "").lines,
            [
                "┌──┬──────┐",
                "│窓口│電話　　　　│",
                "├──┼──────┤",
                "│本部│03-0000-0000│",
                "├──┼──────┤",
                "│支部│06-1111 　　│",
                "└──┴──────┘",
            ]
        );
    }

    #[test]
    fn a_wide_table_wraps_its_cells_and_keeps_every_line_within_the_width() {
        let t = table(&[
            &["区分", "内容", "備考"],
            &[
                "保険給付",
                "被保険者資格の確認、被扶養者の認定並びに資格確認書の発行管理",
                "※マイナ保険証をお持ちでない方に限ります。",
            ],
            &["保健事業", "健康の保持・増進のための健診", ""],
        ]);
        for width in [40, 50, 72, 100] {
            let lines = lay_out(&t, width, "　").lines;
            let widths: Vec<usize> = lines.iter().map(|l| str_width(l)).collect();
            assert!(
                widths.iter().all(|&w| w == widths[0] && w <= width),
                "{width}: {lines:#?}"
            );
            assert!(lines[0].starts_with("　┌") && lines[lines.len() - 1].starts_with("　└"));
            // The first column's cells, read down its lines, give back their texts.
            let first: String = lines
                .iter()
                .filter_map(|l| l.strip_prefix("　│"))
                .map(|l| l.split('│').next().unwrap().trim_end_matches('\u{3000}'))
                .collect();
            assert_eq!(first, "区分保険給付保健事業", "{width}: {lines:#?}");
        }
    }

    #[test]
    fn a_table_too_wide_for_the_line_becomes_a_list() {
        let t = table(&[
            &[
                "区分", "内部", "委託", "提供", "受領", "照会", "備考", "根拠",
            ],
            &[
                "保険給付",
                "資格確認",
                "外部委託",
                "情報連携",
                "請求受付",
                "文書照会",
                "なし",
                "健康保険法",
            ],
        ]);
        let lines = lay_out(&t, 40, "　").lines;
        assert_eq!(lines[0], "　・区分：保険給付");
        assert_eq!(lines[1], "　　内部：資格確認");
        assert_eq!(lines[7], "　　根拠：健康保険法");
        assert_eq!(lines.len(), 8);
    }

    #[test]
    fn columns_align_as_asked() {
        let mut t = table(&[&["金額", "摘要"], &["100", "事務手数料"]]);
        t.alignments = vec![CellAlign::Right, CellAlign::Center];
        let lines = lay_out(&t, 72, "").lines;
        assert_eq!(lines[3], "│ 100│事務手数料│");
        assert_eq!(lines[1], "│金額│　摘要　　│", "{lines:#?}");
    }
}
