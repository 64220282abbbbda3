//! A plain value that YAML folded an item into: a line that starts with `- ` but is indented
//! under the item above is not a new item, it continues that item's text
//! (「…の把握 - 健康保険料…の徴収」). Found at the line where the would-be item starts.

use std::path::Path;

use crate::error::{Diagnostic, Problem};
use crate::source::model::Source;

/// Every line of `text` that starts with `- ` and that YAML read as the continuation of a
/// plain value of `source`.
pub fn check(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut found = Vec::new();
    source.visit(&mut |field| {
        let value = field.text;
        let line = value.referenced.line() as usize;
        if line == 0 || !value.value.contains(" - ") {
            return;
        }
        if let Some((at, column)) = folded_dash(
            &lines,
            line,
            value.referenced.column() as usize,
            &value.value,
        ) {
            found.push(Diagnostic::at(path, text, at, column, Problem::FoldedItem));
        }
    });
    found
}

/// The line and column of the first `- ` that the plain value starting at `line:column`
/// folded in, if any.
fn folded_dash(lines: &[&str], line: usize, column: usize, value: &str) -> Option<(usize, usize)> {
    let first = lines.get(line - 1)?;
    let content: String = first.chars().skip(column.saturating_sub(1)).collect();
    // Quoted values and block scalars keep what is written; only a plain value folds.
    if content.starts_with(['"', '\'', '|', '>']) {
        return None;
    }
    let content = match content.find(" #") {
        Some(at) => &content[..at],
        None => content.as_str(),
    };
    let mut rest = value.strip_prefix(content.trim_end())?;
    for (index, next) in lines.iter().enumerate().skip(line) {
        if rest.is_empty() {
            return None;
        }
        let trimmed = next.trim();
        if trimmed.is_empty() {
            continue;
        }
        rest = rest.strip_prefix(' ')?;
        let dash = trimmed.starts_with("- ");
        rest = rest.strip_prefix(trimmed)?;
        if dash {
            let indent = next.chars().take_while(|c| *c == ' ').count();
            return Some((index + 1, indent + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_line_folded_into_a_plain_value_is_found() {
        let lines = ["  - 把握", "    - 徴収", "  - 次"];
        assert_eq!(folded_dash(&lines, 1, 5, "把握 - 徴収"), Some((2, 5)));
        // Continued text without a dash, or a quoted value, is no such mistake.
        let lines = ["  - 把握", "    続き - 徴収"];
        assert_eq!(folded_dash(&lines, 1, 5, "把握 続き - 徴収"), None);
        let lines = ["  - \"把握", "    - 徴収\""];
        assert_eq!(folded_dash(&lines, 1, 5, "把握 - 徴収"), None);
    }
}
