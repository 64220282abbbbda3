//! Characters in the structure of a YAML file that look right on screen and are wrong:
//! a tab or a full-width space as indentation, a full-width colon after a key, a full-width
//! space after `-` or `:`. The YAML parser reports these far from where they are (a tab on
//! line 18 at 17:9, a full-width space as a missing key on the line before); this scan
//! points at the character itself.
//!
//! Texts in block scalars (`|`, `>`) are left alone: there a full-width space that starts a
//! paragraph is content.

use super::tree::Place;
use crate::diagnostic::Problem;

/// A character found in the structure, and the text with each one replaced by what was
/// meant, so that the rest of the file can still be checked.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Each character found, at its place.
    pub found: Vec<(Place, Problem)>,
    /// The text with every character found replaced.
    pub repaired: String,
    /// Per line (1-based), the columns where the repair added (or took away) characters,
    /// and how many: a place in the repaired text after such a column lies that many
    /// columns further right than in the file.
    shifts: Vec<(usize, usize, isize)>,
}

impl Scan {
    /// The place in the file of a place in the repaired text.
    pub fn original(&self, place: Place) -> Place {
        let shift: isize = self
            .shifts
            .iter()
            .filter(|(line, column, _)| *line == place.line && place.column > *column)
            .map(|(_, _, delta)| delta)
            .sum();
        Place {
            line: place.line,
            column: (place.column as isize - shift).max(1) as usize,
        }
    }
}

const FULL_WIDTH_SPACE: char = '\u{3000}';

/// Scans `text` (LF line ends).
pub fn scan(text: &str) -> Scan {
    let mut scan = Scan::default();
    let mut block: Option<usize> = None; // the indentation a block scalar's lines exceed
    // The last line with content, repaired: a tab stands for the indentation it implies.
    let mut previous = String::new();
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let spaces = line.chars().take_while(|&c| c == ' ').count();
        if let Some(parent) = block {
            if line.trim().is_empty() || spaces > parent {
                scan.repaired.push_str(line);
                scan.repaired.push('\n');
                continue;
            }
            block = None;
        }
        let repaired = scan_line(line, number, implied_indent(&previous), &mut scan);
        if opens_block_scalar(&repaired) {
            block = Some(spaces);
        }
        let content = repaired.trim_start();
        if !content.is_empty() && !content.starts_with('#') {
            previous.clone_from(&repaired);
        }
        scan.repaired.push_str(&repaired);
        scan.repaired.push('\n');
    }
    scan.repaired.pop();
    scan
}

/// The indentation a line after `previous` most likely means when it is indented with a
/// tab: its sibling's (the column of `previous`'s content, after any `- `), or one level
/// deeper when `previous` opens a block (`key:` with no value).
fn implied_indent(previous: &str) -> usize {
    let chars: Vec<char> = previous.chars().collect();
    let mut i = chars.iter().take_while(|&&c| c == ' ').count();
    while chars.get(i) == Some(&'-') && chars.get(i + 1) == Some(&' ') {
        i += 2;
        i += chars[i..].iter().take_while(|&&c| c == ' ').count();
    }
    let content = match previous.find(" #") {
        Some(at) => &previous[..at],
        None => previous,
    };
    if content.trim_end().ends_with(':') {
        i + 2
    } else {
        i
    }
}

/// One line outside block scalars: its repaired text; findings are added to `scan`. A
/// tab or a full-width space in the indentation is replaced, with the whole indentation,
/// by `implied` spaces.
fn scan_line(line: &str, number: usize, implied: usize, scan: &mut Scan) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let indent = chars
        .iter()
        .take_while(|&&c| matches!(c, ' ' | '\t' | FULL_WIDTH_SPACE))
        .count();
    let wrong = chars[..indent].iter().position(|&c| c != ' ');
    let rest_is_comment = chars.get(indent).is_none_or(|&c| c == '#');
    let mut i = 0;
    if let Some(at) = wrong {
        if rest_is_comment {
            out.extend(&chars);
            return out;
        }
        let problem = if chars[at] == '\t' {
            Problem::TabIndent
        } else {
            Problem::FullWidthSpace {
                context: "indent".to_owned(),
            }
        };
        scan.found.push((place(number, at), problem));
        out.push_str(&" ".repeat(implied));
        scan.shifts
            .push((number, 0, implied as isize - indent as isize));
        i = indent;
    } else {
        out.extend(&chars[..indent]);
        i += indent;
    }
    if chars.get(i) == Some(&'#') {
        out.extend(&chars[i..]);
        return out;
    }
    // List markers: `- `, or `-` with a full-width space.
    while chars.get(i) == Some(&'-') {
        match chars.get(i + 1) {
            Some(' ') => {
                out.push_str("- ");
                i += 2;
            }
            Some(&FULL_WIDTH_SPACE) => {
                scan.found.push((
                    place(number, i + 1),
                    Problem::FullWidthSpace {
                        context: "dash".to_owned(),
                    },
                ));
                out.push_str("- ");
                i += 2;
            }
            _ => break,
        }
        while chars.get(i) == Some(&' ') {
            out.push(' ');
            i += 1;
        }
    }
    // A key: ASCII letters, digits and `_`, then its colon.
    let key_end = i + chars[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
        .count();
    let starts_key = chars
        .get(i)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == '_');
    if starts_key {
        let mut j = key_end;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        match chars.get(j) {
            Some('：') => {
                scan.found.push((place(number, j), Problem::FullWidthColon));
                out.extend(&chars[i..j]);
                out.push(':');
                if chars.get(j + 1).is_some_and(|c| *c != ' ') {
                    out.push(' ');
                    scan.shifts.push((number, j + 1, 1));
                }
                out.extend(&chars[j + 1..]);
                return out;
            }
            Some(':') if chars.get(j + 1) == Some(&FULL_WIDTH_SPACE) => {
                scan.found.push((
                    place(number, j + 1),
                    Problem::FullWidthSpace {
                        context: "colon".to_owned(),
                    },
                ));
                out.extend(&chars[i..=j]);
                out.push(' ');
                out.extend(&chars[j + 2..]);
                return out;
            }
            _ => {}
        }
    }
    out.extend(&chars[i..]);
    out
}

fn place(line: usize, index: usize) -> Place {
    Place {
        line,
        column: index + 1,
    }
}

/// Whether a line ends with a block scalar's header (`key: |`, `- >-`, `|2`), comments aside.
fn opens_block_scalar(line: &str) -> bool {
    let content = match line.find(" #") {
        Some(at) => &line[..at],
        None => line,
    };
    let content = content.trim_end();
    let header = content.rsplit(' ').next().unwrap_or("");
    let mut chars = header.chars();
    let is_header = matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'));
    let before = content[..content.len() - header.len()].trim_end();
    is_header && (before.is_empty() || before.ends_with(':') || before.ends_with('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, usize, String)> {
        scan(text)
            .found
            .into_iter()
            .map(|(p, problem)| (p.line, p.column, problem.code()))
            .collect()
    }

    #[test]
    fn a_tab_is_found_on_its_own_line() {
        assert_eq!(
            found("a:\n  b: 1\n\tc: 2\n"),
            [(3, 1, "tab_indent".to_owned())]
        );
        let s = scan("a:\n  b: 1\n\tc: 2\n");
        assert_eq!(s.repaired, "a:\n  b: 1\n  c: 2\n");
        assert_eq!(
            s.original(Place { line: 3, column: 3 }),
            Place { line: 3, column: 2 }
        );
    }

    #[test]
    fn full_width_characters_in_the_structure_are_found() {
        assert_eq!(
            found("a:\n\u{3000}title: x\n"),
            [(2, 1, "full_width_space".to_owned())]
        );
        assert_eq!(
            found("a:\n  title：個人情報\n"),
            [(2, 8, "full_width_colon".to_owned())]
        );
        assert_eq!(
            scan("a:\n  title：個人情報\n").repaired,
            "a:\n  title: 個人情報\n"
        );
        assert_eq!(
            found("a:\n  -\u{3000}x\n  title:\u{3000}y\n"),
            [
                (2, 4, "full_width_space".to_owned()),
                (3, 9, "full_width_space".to_owned())
            ]
        );
    }

    #[test]
    fn block_scalars_and_comments_are_content() {
        let text = "a:\n  body: |\n    \u{3000}段落です。\n\t\n  b: x # 注：\n\t# comment\n";
        assert_eq!(found(text), []);
        assert_eq!(found("a: >-\n  \u{3000}x\nb:\u{3000}y\n").len(), 1);
        assert_eq!(found("note: 注意：重要\ntitle: a：b\n"), []);
    }
}
