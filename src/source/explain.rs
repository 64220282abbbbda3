//! Explaining a file the typed loader rejected: every independent problem, each at the
//! character that causes it, in our own words (never the parser's).
//!
//! The loader stops at its first error, and the parser describes what it expected rather
//! than what the writer did. So, only when loading fails, the file is looked at again:
//! characters in its structure ([`super::scan`]), then its tree against the schema
//! ([`super::shape`]). The loader's own error is the last resort, mapped to a typed problem.

use std::path::Path;

use serde_saphyr::granit_parser::{ErrorKind, ScanError};

use super::scan;
use super::shape;
use super::tree::{self, Place, ReadError};
use crate::diagnostic::{Diagnostic, Problem};

/// Every problem that explains why `text` could not be loaded; `error` is the loader's.
pub fn explain(path: &Path, text: &str, error: &serde_saphyr::Error) -> Vec<Diagnostic> {
    let scan = scan::scan(text);
    let mut found: Vec<(Place, Problem)> = scan.found.clone();
    let readable = if found.is_empty() {
        text
    } else {
        &scan.repaired
    };
    match tree::read(readable) {
        Ok(Some(root)) => {
            let shape = shape::check(&root);
            let meaning = meaning_despite_keys(path, readable, &shape);
            found.extend(
                shape
                    .into_iter()
                    .chain(meaning)
                    .map(|(place, problem)| (scan.original(place), problem)),
            );
        }
        Ok(None) => {}
        Err(ReadError::MultipleDocuments(place)) => {
            found.push((scan.original(place), Problem::MultipleDocuments));
        }
        // With characters found in the structure, a syntax error is most likely theirs.
        Err(ReadError::Syntax(error)) if found.is_empty() => {
            let place = Place::of(error.marker());
            let (place, problem) = refine(text, place, syntax_problem(&error));
            found.push(located_syntax(text, place, problem));
        }
        Err(ReadError::Syntax(_)) => {}
    }
    if found.is_empty() {
        return vec![loader_diagnostic(path, text, error)];
    }
    found.sort_by_key(|(place, _)| *place);
    found.dedup();
    found
        .into_iter()
        .map(|(place, problem)| Diagnostic::at(path, text, place.line, place.column, problem))
        .collect()
}

/// The problems of meaning (an id declared twice, dates out of order, …) in a file whose only
/// problems of shape are unknown keys and dates that are no day: found by the checks once
/// each misspelt key is read as the key it suggests, any other unknown key is left out, and
/// each bad date stands in for a valid one (the order of dates is then not judged). Lines
/// keep their numbers.
fn meaning_despite_keys(
    path: &Path,
    readable: &str,
    shape: &[(Place, Problem)],
) -> Vec<(Place, Problem)> {
    let only_keys = shape
        .iter()
        .all(|(_, p)| matches!(p, Problem::UnknownKey { .. } | Problem::InvalidDate { .. }));
    let dates_replaced = shape
        .iter()
        .any(|(_, p)| matches!(p, Problem::InvalidDate { .. }));
    if shape.is_empty() || !only_keys {
        return Vec::new();
    }
    let mut lines: Vec<String> = readable.split('\n').map(str::to_owned).collect();
    // Per renamed line: the column after the key, and how many characters longer it became.
    let mut renamed: Vec<(usize, usize, isize)> = Vec::new();
    for (place, problem) in shape {
        let Some(line) = place.line.checked_sub(1).and_then(|i| lines.get_mut(i)) else {
            return Vec::new();
        };
        if let Problem::InvalidDate { .. } = problem {
            // The value, up to what ends a plain scalar in a flow or a comment, becomes a
            // day of the same length or less; the columns after it do not matter here.
            let start = line
                .char_indices()
                .nth(place.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i);
            let end = line[start..]
                .find([',', '}', ']', '#'])
                .map_or(line.len(), |i| start + i);
            line.replace_range(start..end, "2000-01-01 ");
            continue;
        }
        let Problem::UnknownKey {
            key, suggestion, ..
        } = problem
        else {
            continue;
        };
        let start = line
            .char_indices()
            .nth(place.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i);
        if !line[start..].starts_with(key.as_str()) {
            return Vec::new();
        }
        match suggestion {
            Some(suggestion) => {
                line.replace_range(start..start + key.len(), suggestion);
                let delta = suggestion.chars().count() as isize - key.chars().count() as isize;
                renamed.push((place.line, place.column + key.chars().count(), delta));
            }
            None => {
                // The key and everything indented under it.
                let indent = place.column - 1;
                line.clear();
                for next in lines.iter_mut().skip(place.line) {
                    let spaces = next.chars().take_while(|&c| c == ' ').count();
                    if !next.trim().is_empty() && spaces <= indent {
                        break;
                    }
                    next.clear();
                }
            }
        }
    }
    let repaired = lines.join("\n");
    let options = serde_saphyr::options! { with_snippet: false };
    let Ok(source) = serde_saphyr::from_str_with_options::<super::Source>(&repaired, options)
    else {
        return Vec::new();
    };
    super::meaning::check(&source, path, &repaired)
        .into_iter()
        .filter(|d| {
            !dates_replaced
                || !matches!(
                    d.problem,
                    Problem::RevisionOutOfOrder { .. }
                        | Problem::EffectiveBeforeRevision { .. }
                        | Problem::RevisionMissing { .. }
                )
        })
        .map(|d| {
            let shift = renamed
                .iter()
                .filter(|(line, after, _)| *line == d.line && d.column >= *after)
                .map(|(_, _, delta)| *delta)
                .sum::<isize>();
            let column = (d.column as isize - shift).max(1) as usize;
            (
                Place {
                    line: d.line,
                    column,
                },
                d.problem,
            )
        })
        .collect()
}

/// A syntax problem placed where the writer went wrong rather than where the parser noticed:
/// `key: ` on a line that continues a value is indentation, not a colon inside the value;
/// an unclosed quote is pointed at where it opens.
fn refine(text: &str, place: Place, problem: Problem) -> (Place, Problem) {
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(line) = place.line.checked_sub(1).and_then(|i| lines.get(i)) else {
        return (place, problem);
    };
    if let Some((column, open)) = bracket_value(line)
        && matches!(
            problem,
            Problem::BadIndent | Problem::Syntax { .. } | Problem::UnclosedBracket { .. }
        )
    {
        let place = Place {
            line: place.line,
            column,
        };
        return (place, Problem::UnclosedBracket { open });
    }
    match problem {
        Problem::ColonInValue => {
            let before: String = line.chars().take(place.column.saturating_sub(1)).collect();
            let content = before.trim_start();
            let content = content.strip_prefix("- ").unwrap_or(content).trim_end();
            let is_key = !content.is_empty()
                && content
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_');
            if is_key {
                let indent = before.chars().count() - before.trim_start().chars().count();
                let place = Place {
                    line: place.line,
                    column: indent + 1,
                };
                return (place, Problem::BadIndent);
            }
            (place, Problem::ColonInValue)
        }
        Problem::UnclosedQuote | Problem::BadIndent => {
            // The nearest quote opened before the error and never closed up to it: the
            // parser was still inside that string when it stopped, however far below.
            let opened = (0..place.line.min(lines.len())).rev().find_map(|i| {
                let column = opening_quote(lines[i])?;
                let quote = lines[i].chars().nth(column - 1)?;
                let after: String = lines[i].chars().skip(column).collect();
                let rest = lines[i + 1..place.line.min(lines.len())].join("\n");
                (!closes(&after, quote) && !closes(&rest, quote)).then_some((i + 1, column))
            });
            match opened {
                Some((line, column)) => (Place { line, column }, Problem::UnclosedQuote),
                None => (place, problem),
            }
        }
        other => (place, other),
    }
}

/// The column and the bracket of a value that starts with `[` or `{` on `line`, e.g.
/// `title: [重要] お知らせ`, which YAML reads as a list.
fn bracket_value(line: &str) -> Option<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let i = value_start(&chars)?;
    let open = *chars.get(i).filter(|c| matches!(c, '[' | '{'))?;
    Some((i + 1, open))
}

/// Where the value of a line starts: after its indentation, a list's `- `, a plain key and
/// its `:`, and the spaces after them.
fn value_start(chars: &[char]) -> Option<usize> {
    let mut i = chars.iter().position(|c| !c.is_whitespace())?;
    if chars.get(i) == Some(&'-') && chars.get(i + 1) == Some(&' ') {
        i += 2;
    }
    while chars
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
    {
        i += 1;
    }
    if chars.get(i) == Some(&':') {
        i += 1;
    }
    while chars.get(i) == Some(&' ') {
        i += 1;
    }
    Some(i)
}

/// Whether `text` holds the closing `quote` of a string (in a double-quoted one, a quote
/// after a backslash is escaped).
fn closes(text: &str, quote: char) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        if c == quote && !escaped {
            return true;
        }
        escaped = quote == '"' && c == '\\' && !escaped;
    }
    false
}

/// The column of a quote that opens a value on `line` and is not closed on it.
fn opening_quote(line: &str) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let i = value_start(&chars)?;
    let quote = *chars.get(i).filter(|c| matches!(c, '"' | '\''))?;
    let count = chars[i..].iter().filter(|&&c| c == quote).count();
    (count % 2 == 1).then_some(i + 1)
}

/// A syntax problem, or the forgotten colon of a key nearby that explains it.
fn located_syntax(text: &str, place: Place, problem: Problem) -> (Place, Problem) {
    if matches!(
        problem,
        Problem::Syntax { .. } | Problem::BadIndent | Problem::ColonInValue
    ) && let Some((line, column, key)) = forgotten_colon(text, place.line.max(1))
    {
        return (Place { line, column }, Problem::MissingColon { key });
    }
    (place, problem)
}

/// The parser's error as our own problem.
pub fn syntax_problem(error: &ScanError) -> Problem {
    match error.kind() {
        ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidColonPlacement => {
            Problem::ColonInValue
        }
        ErrorKind::UnclosedQuotedScalar
        | ErrorKind::InvalidTrailingSingleQuotedScalar
        | ErrorKind::InvalidTrailingDoubleQuotedScalar => Problem::UnclosedQuote,
        ErrorKind::UnclosedFlowCollection { open } => Problem::UnclosedBracket { open: *open },
        ErrorKind::MismatchedFlowCollectionEnd { open, .. } => {
            Problem::UnclosedBracket { open: *open }
        }
        ErrorKind::UnexpectedEofFlowSequence | ErrorKind::ExpectedFlowSequenceSeparator => {
            Problem::UnclosedBracket { open: '[' }
        }
        ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofImplicitFlowMapping
        | ErrorKind::ExpectedFlowMappingSeparator => Problem::UnclosedBracket { open: '{' },
        ErrorKind::InvalidIndentation
        | ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::InvalidBlockScalarIndent
        | ErrorKind::BlockSequenceEntryNotAllowed
        | ErrorKind::MappingKeyNotAllowed
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::InvalidFlowScalarIndent => Problem::BadIndent,
        ErrorKind::TabInIndentation
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabNotAllowed
        | ErrorKind::TabAtBlockScalarStart
        | ErrorKind::TabInPlainScalar => Problem::TabIndent,
        ErrorKind::UnexpectedCharacter { character } => Problem::ReservedCharacter {
            character: *character,
        },
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidLowSurrogateHexEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidUnicodeEscape => Problem::BadEscape,
        ErrorKind::RecursionLimitExceeded => Problem::TooComplex {
            detail: error.info(),
        },
        _ => Problem::Syntax {
            detail: error.info(),
        },
    }
}

/// Every key of the schema, for recognising a key whose colon was forgotten: read from the
/// JSON Schema of the model, so a new field is known here without being listed.
fn keys() -> &'static std::collections::BTreeSet<String> {
    static KEYS: std::sync::OnceLock<std::collections::BTreeSet<String>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        fn collect(value: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
            match value {
                serde_json::Value::Object(map) => {
                    if let Some(serde_json::Value::Object(properties)) = map.get("properties") {
                        out.extend(properties.keys().cloned());
                    }
                    map.values().for_each(|v| collect(v, out));
                }
                serde_json::Value::Array(list) => list.iter().for_each(|v| collect(v, out)),
                _ => {}
            }
        }
        let schema = schemars::schema_for!(crate::source::Source);
        let mut out = std::collections::BTreeSet::new();
        collect(&schema.to_value(), &mut out);
        out
    })
}

/// A line near `line` that is a known key followed by a value without the colon between,
/// e.g. `  title 個人情報の利用目的`: its line, the column after the key, and the key.
fn forgotten_colon(text: &str, line: usize) -> Option<(usize, usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let last = line.min(lines.len());
    (last.saturating_sub(3)..last).rev().find_map(|index| {
        let content = lines[index].trim_start();
        let indent = lines[index].chars().count() - content.chars().count();
        let (dash, content) = match content.strip_prefix("- ") {
            Some(rest) => (2, rest.trim_start()),
            None => (0, content),
        };
        let key: String = content
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let rest = &content[key.len()..];
        let looks_like = keys().contains(&key)
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
            && !rest.trim_start().starts_with(':')
            && !lines[index].contains(": ");
        looks_like.then(|| (index + 1, indent + dash + key.chars().count() + 1, key))
    })
}

/// What the serde vocabulary of a type names, in ours: `list`, `keys`, `number`, `empty`
/// or `text`.
fn kind_of(serde_words: &str) -> &'static str {
    if serde_words.contains("sequence") || serde_words.contains("list") {
        "list"
    } else if serde_words.contains("map") || serde_words.contains("struct") {
        "keys"
    } else if serde_words.contains("unit") || serde_words.contains("null") {
        "empty"
    } else if serde_words.contains("integer") || serde_words.contains("number") {
        "number"
    } else {
        "text"
    }
}

/// A located diagnostic from the loader's own error: the last resort, when the closer look
/// found nothing.
fn loader_diagnostic(path: &Path, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    use serde_saphyr::Error as E;
    let mut error = error.without_snippet();
    while let E::AliasError { error: inner, .. } = error {
        error = inner.without_snippet();
    }
    let (line, column) = error
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    let detail = || {
        let message = error.render_with_formatter(&serde_saphyr::UserMessageFormatter);
        // The location is shown in front of the message; drop the copy some messages end with.
        let suffix = format!(" at line {line}, column {column}");
        message.strip_suffix(&suffix).unwrap_or(&message).to_owned()
    };
    let problem = match error {
        E::ExternalMessage { source, .. } => match &**source {
            serde_saphyr::ExternalMessageSource::Parser(scan) => syntax_problem(scan),
            _ => Problem::Syntax { detail: detail() },
        },
        E::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownKey {
            key: field.clone(),
            expected: expected.iter().map(|e| (*e).to_owned()).collect(),
            suggestion: crate::diagnostic::nearest(field, expected.iter().copied()),
        },
        E::SerdeMissingField { field, .. } => Problem::MissingKey {
            key: (*field).to_owned(),
            parent: None,
        },
        E::DuplicateMappingKey { key, .. } => Problem::DuplicateKey { key: key.clone() },
        E::MultipleDocuments { .. } => Problem::MultipleDocuments,
        E::Budget { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Problem::TooComplex { detail: detail() },
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Problem::WrongShape {
            expected: kind_of(expected).to_owned(),
            found: Some(kind_of(unexpected).to_owned()),
            key: None,
        },
        E::NullIntoString { .. } => Problem::MissingValue { key: String::new() },
        E::Message { msg, .. } => date_in(msg).unwrap_or_else(|| Problem::InvalidValue {
            detail: msg.clone(),
        }),
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => Problem::WrongShape {
                expected: "list".to_owned(),
                found: None,
                key: None,
            },
            "mapping start" => Problem::WrongShape {
                expected: "keys".to_owned(),
                found: None,
                key: None,
            },
            "string scalar" | "scalar" => Problem::WrongShape {
                expected: "text".to_owned(),
                found: None,
                key: None,
            },
            _ => Problem::Syntax { detail: detail() },
        },
        _ => Problem::Syntax { detail: detail() },
    };
    let place = Place { line, column };
    let (place, problem) = match problem {
        Problem::WrongShape { .. } => match forgotten_colon(text, line.max(1)) {
            Some((line, column, key)) => (Place { line, column }, Problem::MissingColon { key }),
            None => (place, problem),
        },
        other => located_syntax(text, place, other),
    };
    Diagnostic::at(path, text, place.line, place.column, problem)
}

/// The date problem a message of the date parser names, e.g. "`2005-4-1` is not a date".
fn date_in(message: &str) -> Option<Problem> {
    let text = message.split('`').nth(1)?;
    crate::text::date::Date::parse(text)
        .err()
        .map(|error| shape::date_problem(&error))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::error::Error;

    /// Every line of the default file broken in the ways people break YAML: each gives
    /// located problems, in both languages, and nothing panics.
    #[test]
    fn every_line_broken_in_common_ways_is_explained() {
        let good = include_str!("../../purposes.yaml");
        let lines: Vec<&str> = good.lines().collect();
        let edits: [fn(&str) -> String; 5] = [
            |l| format!("\t{}", l.trim_start()),
            |l| l.replacen(": ", "：", 1),
            |l| l.replacen(": ", ": \"", 1),
            |l| l.replacen(": ", ": [", 1),
            |l| format!(" {l}"),
        ];
        for (index, line) in lines.iter().enumerate() {
            if line.trim_start().starts_with('#') || line.trim().is_empty() {
                continue;
            }
            for edit in edits {
                let mut broken = lines.clone();
                let changed = edit(line);
                broken[index] = &changed;
                let text = broken.join("\n");
                if let Err(Error::Source(problems)) =
                    crate::source::load::load_bytes(Path::new("p.yaml"), text.as_bytes())
                {
                    assert!(!problems.is_empty());
                    for problem in &problems {
                        assert!(problem.line <= lines.len() + 1, "{problem:?}");
                        assert!(!problem.problem.message(crate::error::Lang::Ja).is_empty());
                    }
                }
            }
        }
    }
}
