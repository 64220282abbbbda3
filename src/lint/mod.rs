//! Lint: warnings about how the Japanese text is written (mixed widths, ASCII punctuation,
//! stray spaces) and about outdated or mistaken terms. Each warning points at its spot.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::source::model::Source;

/// The terminology list shipped with mokuteki.
pub const BUILT_IN_TERMS: &str = include_str!("../../data/terms.yaml");

/// The file name of a society's own terminology list, looked for beside the source.
pub const USER_TERMS_FILE: &str = "terms.yaml";

/// An outdated or mistaken term, what to write instead and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term to warn about.
    pub term: String,
    /// What to write instead.
    pub replacement: String,
    /// Why.
    pub reason: String,
}

/// Parses a terminology list; `path` is only used in messages.
pub fn parse_terms(path: &Path, text: &str) -> Result<Vec<Term>> {
    serde_saphyr::from_str::<Vec<Term>>(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
        Error::Source(vec![Diagnostic::at(
            path,
            text,
            line,
            column,
            Problem::Syntax {
                detail: error
                    .without_snippet()
                    .render_with_formatter(&serde_saphyr::UserMessageFormatter),
            },
        )])
    })
}

/// The built-in terms, followed by those of `terms.yaml` beside `source_path`, if it exists.
pub fn load_terms(source_path: &Path) -> Result<Vec<Term>> {
    let mut terms = parse_terms(Path::new("(built-in) data/terms.yaml"), BUILT_IN_TERMS)?;
    let user = source_path
        .parent()
        .unwrap_or(Path::new(""))
        .join(USER_TERMS_FILE);
    if user.is_file() {
        let text = crate::fs::read_to_string(&user)?;
        terms.extend(parse_terms(&user, &text)?);
    }
    Ok(terms)
}

/// Every warning about the texts of `source`; `text` is the file's content (LF line ends).
pub fn lint(source: &Source, terms: &[Term], path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for value in source.texts() {
        let location = value.referenced;
        if location.line() == 0 {
            continue; // a default, not written in the file
        }
        let findings = check_text(&value.value, terms);
        if findings.is_empty() {
            continue;
        }
        let start = location.span().byte_offset().unwrap_or(0) as usize;
        let places = align(&value.value, text, start);
        for (index, problem) in findings {
            let (line, column) = places
                .get(index)
                .copied()
                .unwrap_or((location.line() as usize, location.column() as usize));
            found.push(Diagnostic::at(path, text, line, column, problem));
        }
    }
    found.sort_by_key(|d| (d.line, d.column));
    found.dedup();
    found
}

/// The line and column in `file` of each character of `value`, a scalar that starts at byte
/// `start`: the characters are matched in order, skipping what YAML adds around them
/// (indentation, quotes, folded line breaks).
fn align(value: &str, file: &str, start: usize) -> Vec<(usize, usize)> {
    let start = start.min(file.len());
    let start = (0..=start)
        .rev()
        .find(|&i| file.is_char_boundary(i))
        .unwrap_or(0);
    let line = file[..start].matches('\n').count() + 1;
    let line_start = file[..start].rfind('\n').map_or(0, |i| i + 1);
    let column = file[line_start..start].chars().count() + 1;
    let mut rest = file[start..].chars();
    let (mut line, mut column) = (line, column);
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
    let has_full_width_digits = chars.iter().any(|c| ('０'..='９').contains(c));
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
            '0'..='9' if has_full_width_digits && !prev.is_some_and(|p| p.is_ascii_digit()) => {
                let digits: String = chars[i..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .collect();
                let wide: String = digits
                    .chars()
                    .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
                    .collect();
                found.push((
                    i,
                    Problem::MixedWidth {
                        found: digits,
                        suggestion: wide,
                    },
                ));
            }
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
                {
                    found.push((i, Problem::StraySpace));
                }
            }
            _ => {}
        }
        line_start = c == '\n' || (line_start && matches!(c, ' ' | '\t' | '\u{3000}'));
    }
    for term in terms {
        let mut from = 0;
        while let Some(at) = value[from..].find(&term.term) {
            let byte = from + at;
            found.push((
                value[..byte].chars().count(),
                Problem::Term {
                    term: term.term.clone(),
                    replacement: term.replacement.clone(),
                    reason: term.reason.clone(),
                },
            ));
            from = byte + term.term.len();
        }
    }
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
}
