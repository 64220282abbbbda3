//! Lint: warnings about how the Japanese text is written (mixed widths, ASCII punctuation,
//! stray spaces) and about outdated or mistaken terms. Each warning points at its spot.

mod digits;
mod kinds;
mod terms;

use std::path::Path;

use crate::error::{Diagnostic, Problem};
use crate::source::model::{Source, Text};
use crate::source::visit::Role;

pub use terms::{BUILT_IN_TERMS, Term, USER_TERMS_FILE, find_terms, load_terms, parse_terms};

/// The most lint warnings listed for one file; the rest are counted in one line.
pub const MAX_WARNINGS: usize = 200;

/// Every warning about the texts of `source`; `text` is the file's content (LF line ends).
/// At most [`MAX_WARNINGS`] are listed, in file order, and one more says how many were not.
pub fn lint(source: &Source, terms: &[Term], path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut lines = Lines::new(text);
    let mut found = Vec::new();
    let mut fields = Vec::new();
    source.visit(&mut |f| {
        if matches!(f.role, Role::Prose | Role::Label) {
            fields.push(f);
        }
    });
    for field in fields {
        let value = field.text;
        let location = value.referenced;
        if location.line() == 0 {
            continue; // a default, not written in the file
        }
        let mut findings = check_text(&value.value, terms);
        // A label's last space parts it from the heading it is printed before (「１ 基本方針」).
        if field.role == Role::Label && field.name == "label" {
            let end = value.value.chars().count().saturating_sub(1);
            findings.retain(|(i, p)| !(*i == end && *p == Problem::TrailingSpace));
        }
        if findings.is_empty() {
            continue;
        }
        let start = location.span().byte_offset().unwrap_or(0) as usize;
        let places = align(&value.value, text, start, lines.place(start));
        for (index, problem) in findings {
            let (line, column) = places
                .get(index)
                .copied()
                .unwrap_or((location.line() as usize, location.column() as usize));
            found.push(Diagnostic::on_line(
                path,
                lines.line(line),
                line,
                column,
                problem,
            ));
        }
    }
    found.extend(undefined_abbreviations(source, terms, path, text));
    found.extend(kinds::unfiled(source, path, text));
    found.sort_by_key(|d| (d.line, d.column));
    found.dedup();
    if found.len() > MAX_WARNINGS {
        let more = found.len() - MAX_WARNINGS;
        found.truncate(MAX_WARNINGS);
        found.push(Diagnostic::at(
            path,
            text,
            0,
            0,
            Problem::MoreWarnings {
                count: more,
                shown: MAX_WARNINGS,
            },
        ));
    }
    found
}

/// The lines of a file, each copied once however many warnings show it.
struct Lines<'a> {
    text: &'a str,
    /// The byte where each line starts.
    starts: Vec<usize>,
    shared: std::collections::HashMap<usize, std::sync::Arc<str>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines {
            text,
            starts,
            shared: std::collections::HashMap::new(),
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`, as
    /// [`crate::text::position::line_column`] counts them, without reading the lines before.
    fn place(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// Line `number` (1-based), shared with every other warning on it.
    fn line(&mut self, number: usize) -> Option<std::sync::Arc<str>> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        let text = self.text;
        let line = self.shared.entry(number).or_insert_with(|| {
            let rest = &text[start..];
            std::sync::Arc::from(rest.split('\n').next().unwrap_or(""))
        });
        Some(line.clone())
    }
}

/// An abbreviation (a term with `defined_by`) that the source uses but never defines,
/// reported once, at its first use in the file.
fn undefined_abbreviations(
    source: &Source,
    terms: &[Term],
    path: &Path,
    text: &str,
) -> Vec<Diagnostic> {
    let texts: Vec<&Text> = source
        .texts()
        .into_iter()
        .filter(|t| t.referenced.line() != 0)
        .collect();
    let mut found = Vec::new();
    for term in terms.iter().filter(|t| t.needs_definition()) {
        if texts.iter().any(|t| term.is_defined_in(&t.value)) {
            continue;
        }
        let first = texts
            .iter()
            .filter_map(|t| t.value.find(term.term.as_str()).map(|at| (t, at)))
            .min_by_key(|(t, _)| (t.referenced.line(), t.referenced.column()));
        if let Some((value, at)) = first {
            let start = value.referenced.span().byte_offset().unwrap_or(0) as usize;
            let index = value.value[..at].chars().count();
            let (line, column) = align(&value.value, text, start, Lines::new(text).place(start))
                .get(index)
                .copied()
                .unwrap_or((
                    value.referenced.line() as usize,
                    value.referenced.column() as usize,
                ));
            found.push(Diagnostic::at(
                path,
                text,
                line,
                column,
                term.problem(&term.term),
            ));
        }
    }
    found
}

/// The line and column in `file` of each character of `value`, a scalar that starts at byte
/// `start`: the characters are matched in order, skipping what YAML adds around them
/// (indentation, quotes, folded line breaks).
fn align(
    value: &str,
    file: &str,
    start: usize,
    (mut line, mut column): (usize, usize),
) -> Vec<(usize, usize)> {
    let mut start = start.min(file.len());
    while !file.is_char_boundary(start) {
        start -= 1;
    }
    let mut rest = file[start..].chars();
    let mut places = Vec::with_capacity(value.chars().count());
    for wanted in value.chars() {
        loop {
            let Some(c) = rest.next() else {
                return places;
            };
            let here = (line, column);
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
            if c == wanted || (wanted == ' ' && c == '\n') {
                places.push(here);
                break;
            }
        }
    }
    places
}

/// Whether `c` is Japanese script or full-width punctuation.
fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}' // CJK punctuation, hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF01}'..='\u{FF60}') // full-width forms
}

/// The findings in one text, each with the index of the character it points at.
pub fn check_text(value: &str, terms: &[Term]) -> Vec<(usize, Problem)> {
    let chars: Vec<char> = value.chars().collect();
    let mut found = Vec::new();
    let mut line_start = true;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let ja_before = prev.is_some_and(is_japanese);
        let ja_after = next.is_some_and(is_japanese);
        match c {
            '(' | ')' if ja_before || ja_after => found.push((
                i,
                Problem::MixedWidth {
                    found: c.to_string(),
                    suggestion: if c == '(' { "（" } else { "）" }.to_owned(),
                },
            )),
            ',' | '.' | '!' | '?' | ':' | ';'
                if ja_before && next.is_none_or(|n| n.is_whitespace() || is_japanese(n)) =>
            {
                let suggestion = match c {
                    ',' => "、",
                    '.' => "。",
                    '!' => "！",
                    '?' => "？",
                    ':' => "：",
                    _ => "；",
                };
                found.push((
                    i,
                    Problem::AsciiPunctuation {
                        found: c.to_string(),
                        suggestion: suggestion.to_owned(),
                    },
                ));
            }
            ' ' | '\t' | '\u{3000}' => {
                let rest_of_line_blank = chars[i..]
                    .iter()
                    .take_while(|&&n| n != '\n')
                    .all(|n| matches!(n, ' ' | '\t' | '\u{3000}'));
                let blank_before = prev.is_some_and(|p| matches!(p, ' ' | '\t' | '\u{3000}'));
                if line_start {
                    // Indentation (Markdown lists, code) is left alone.
                } else if rest_of_line_blank {
                    if !blank_before {
                        found.push((i, Problem::TrailingSpace));
                    }
                } else if c != '\u{3000}' && !blank_before && next == Some(c) {
                    found.push((i, Problem::DoubleSpace));
                } else if c == ' '
                    && !blank_before
                    && next != Some(' ')
                    && ((ja_before && next.is_some_and(|n| is_japanese(n) || n.is_ascii_digit()))
                        || (prev.is_some_and(|p| p.is_ascii_digit()) && ja_after))
                    // 「電話 03-0000-0000」: a space before a phone number or postal code is
                    // the convention.
                    && !digits::conventional_number_at(&chars, i + 1)
                {
                    found.push((i, Problem::StraySpace));
                }
            }
            _ => {}
        }
        line_start = c == '\n' || (line_start && matches!(c, ' ' | '\t' | '\u{3000}'));
    }
    found.extend(digits::check(value));
    found.extend(find_terms(value, terms));
    found.sort_by_key(|(i, _)| *i);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(usize, String)> {
        check_text(text, &[])
            .into_iter()
            .map(|(i, p)| (i, p.code()))
            .collect()
    }

    #[test]
    fn half_width_brackets_in_japanese_are_found() {
        assert_eq!(
            codes("健康増進施設(保養所等)の運営"),
            [(6, "mixed_width".into()), (11, "mixed_width".into())]
        );
        assert!(codes("[リンク](https://example.jp)").is_empty());
    }

    #[test]
    fn stray_spaces_are_found() {
        assert_eq!(
            codes("第 19 条第 7号"),
            [
                (1, "stray_space".into()),
                (4, "stray_space".into()),
                (7, "stray_space".into())
            ]
        );
        assert_eq!(codes("a  b"), [(1, "double_space".into())]);
        assert_eq!(codes("文。 \n次"), [(2, "trailing_space".into())]);
        assert!(codes("- 項目\n  - 下位の項目").is_empty());
    }

    #[test]
    fn ascii_punctuation_in_japanese_is_found() {
        assert_eq!(codes("提供します."), [(5, "ascii_punctuation".into())]);
        assert!(codes("example.jp と TEL: 03").is_empty());
    }

    #[test]
    fn half_width_digits_among_full_width_ones_are_found() {
        assert_eq!(codes("第１９条第7号"), [(5, "mixed_width".into())]);
        assert!(codes("第19条第7号").is_empty());
    }

    #[test]
    fn the_built_in_terms_parse_and_are_found() {
        let terms = parse_terms(Path::new("t.yaml"), BUILT_IN_TERMS).unwrap();
        let found = check_text("情報の紹介及び提供", &terms);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 3);
    }

    fn lint_yaml(yaml: &str) -> Vec<Diagnostic> {
        let path = Path::new("p.yaml");
        let source = crate::source::load_bytes(path, yaml.as_bytes()).unwrap();
        let terms = parse_terms(Path::new("t.yaml"), BUILT_IN_TERMS).unwrap();
        lint(&source, &terms, path, yaml)
    }

    const MINIMAL: &str = "organization: {name: 健康保険組合, short_name: 当組合}
notice:
  title: 個人情報の利用目的
  preamble: PREAMBLE
  purposes_heading: 利用目的
  dates: {established: 2005-04-01}
regulation: {name: 規程, table: 別表2, title: 利用目的}
recipients: [{id: internal, column: 内部, heading: 内部}]
categories:
  - id: benefits
    title: 保険給付
    items:
      internal: [番号法に定める利用事務]
";

    #[test]
    fn an_undefined_abbreviation_is_reported_once_at_its_first_use() {
        let found = lint_yaml(&MINIMAL.replace("PREAMBLE", "番号法に基づく情報連携を行います"));
        let terms: Vec<_> = found
            .iter()
            .filter(|d| matches!(&d.problem, Problem::Term { term, .. } if term == "番号法"))
            .collect();
        assert_eq!(terms.len(), 1, "{found:?}");
        assert_eq!((terms[0].line, terms[0].column), (4, 13));
    }

    #[test]
    fn a_defined_abbreviation_is_not_reported() {
        let found = lint_yaml(&MINIMAL.replace(
            "PREAMBLE",
            "行政手続における特定の個人を識別するための番号の利用等に関する法律（以下「番号法」という。）に基づき",
        ));
        assert!(found.is_empty(), "{found:?}");
    }
}
