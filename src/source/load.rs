//! Reading `purposes.yaml`: bytes to checked [`Source`].

use std::path::Path;

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::fs;
use crate::source::model::Source;
use crate::source::validate::validate;

/// The largest source file read. A real one is a few kilobytes; anything near this is a
/// mistake (a wrong file), refused before parsing so it cannot exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// The source path that stands for standard input.
pub const STDIN: &str = "-";

/// A parsed source with its text and the problems the checks found in it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The parsed source; fit to publish only when `problems` is empty.
    pub source: Source,
    /// The file's text, UTF-8 with LF line ends: what every location refers to.
    pub text: String,
    /// The problems of meaning found by the checks, located.
    pub problems: Vec<Diagnostic>,
}

/// Reads, parses and checks a source file. Every problem found is returned at once.
pub fn load(path: &Path) -> Result<Source> {
    into_checked(read(path)?)
}

/// Reads and parses a source file, returning the checks' problems alongside rather than as
/// an error, for `check`, which goes on to lint and render. YAML and schema errors, and a
/// file too large, are still errors. The path [`STDIN`] reads standard input.
pub fn read(path: &Path) -> Result<Loaded> {
    let bytes = if path == Path::new(STDIN) {
        fs::read_stream_limited(path, std::io::stdin().lock(), MAX_SOURCE_BYTES)
    } else {
        fs::read_limited(path, MAX_SOURCE_BYTES)
    };
    let bytes = bytes.map_err(|error| match error {
        Error::TooLarge { size, limit, .. } => Error::Source(vec![Diagnostic::at(
            path,
            "",
            0,
            0,
            Problem::TooLarge { size, limit },
        )]),
        other => other,
    })?;
    parse_loaded(path, &bytes)
}

/// Parses and checks the bytes of a source file; `path` is only used in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Source> {
    into_checked(parse_loaded(path, bytes)?)
}

/// Like [`load`], and also returns the file's text (LF line ends), which the source's
/// locations point into.
pub fn load_with_text(path: &Path) -> Result<(Source, String)> {
    let loaded = read(path)?;
    let text = loaded.text.clone();
    Ok((into_checked(loaded)?, text))
}

fn into_checked(loaded: Loaded) -> Result<Source> {
    if loaded.problems.is_empty() {
        Ok(loaded.source)
    } else {
        Err(Error::Source(loaded.problems))
    }
}

/// Parses the bytes of a source file and runs the checks, keeping their problems apart.
pub fn parse_loaded(path: &Path, bytes: &[u8]) -> Result<Loaded> {
    let text = decode(path, bytes)?;
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(Error::Source(vec![Diagnostic::at(
            path,
            &text,
            1,
            1,
            Problem::EmptyFile,
        )]));
    }
    let options = serde_saphyr::options! { with_snippet: false };
    let source: Source = serde_saphyr::from_str_with_options(&text, options)
        .map_err(|error| Error::Source(vec![yaml_diagnostic(path, &text, &error)]))?;
    let problems = validate(&source, path, &text);
    Ok(Loaded {
        source,
        text,
        problems,
    })
}

/// The text of the file: UTF-8, with a byte order mark and CR line ends accepted.
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let before = &bytes[..error.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Error::Source(vec![Diagnostic::at(
            path,
            "",
            line,
            column,
            Problem::NotUtf8 {
                guess: guess_encoding(bytes).map(str::to_owned),
            },
        )])
    })?;
    Ok(text.replace("\r\n", "\n"))
}

/// The legacy Japanese encoding the bytes most likely are, for the "not UTF-8" message.
pub fn guess_encoding(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some("UTF-16");
    }
    let shift_jis = {
        let mut i = 0;
        let mut ok = true;
        while i < bytes.len() {
            match bytes[i] {
                0x00..=0x7F | 0xA1..=0xDF => i += 1,
                0x81..=0x9F | 0xE0..=0xFC
                    if matches!(bytes.get(i + 1), Some(0x40..=0x7E | 0x80..=0xFC)) =>
                {
                    i += 2
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        ok
    };
    let euc_jp = {
        let mut i = 0;
        let mut ok = true;
        while i < bytes.len() {
            match bytes[i] {
                0x00..=0x7F => i += 1,
                0x8E if matches!(bytes.get(i + 1), Some(0xA1..=0xDF)) => i += 2,
                0xA1..=0xFE if matches!(bytes.get(i + 1), Some(0xA1..=0xFE)) => i += 2,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        ok
    };
    // Shift_JIS lead bytes 0x81–0x9F never occur in EUC-JP text; prefer EUC-JP otherwise.
    let sjis_only = bytes
        .iter()
        .any(|b| (0x81..=0x9F).contains(b) && *b != 0x8E);
    match (shift_jis, euc_jp) {
        (true, true) if sjis_only => Some("Shift_JIS"),
        (_, true) => Some("EUC-JP"),
        (true, false) => Some("Shift_JIS"),
        (false, false) => None,
    }
}

/// Every key of the schema, for recognising a key whose colon was forgotten.
const KEYS: &[&str] = &[
    "organization",
    "name",
    "short_name",
    "notice",
    "title",
    "preamble",
    "purposes_heading",
    "sections",
    "heading",
    "body",
    "closing",
    "dates",
    "established",
    "revisions",
    "date",
    "summary",
    "effective",
    "applies_from",
    "regulation",
    "table",
    "empty_cell",
    "recipients",
    "id",
    "column",
    "categories",
    "group",
    "description",
    "notes",
    "items",
    "text",
];

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
        let looks_like = KEYS.contains(&key.as_str())
            && (rest.is_empty() || rest.starts_with([' ', '\t']))
            && !rest.trim_start().starts_with(':')
            && !lines[index].contains(": ");
        looks_like.then(|| (index + 1, indent + dash + key.chars().count() + 1, key))
    })
}

/// A located diagnostic from a YAML or schema error.
fn yaml_diagnostic(path: &Path, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
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
        E::SerdeUnknownField {
            field, expected, ..
        } => Problem::UnknownKey {
            key: field.clone(),
            expected: expected.iter().map(|e| (*e).to_owned()).collect(),
            suggestion: crate::diagnostic::nearest(field, expected.iter().copied()),
        },
        E::SerdeMissingField { field, .. } => Problem::MissingKey {
            key: (*field).to_owned(),
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
        } => Problem::WrongType {
            found: unexpected.clone(),
            expected: expected.clone(),
        },
        E::Message { msg, .. } => Problem::InvalidValue {
            detail: msg.clone(),
        },
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => Problem::WrongShape {
                expected: "list".to_owned(),
            },
            "mapping start" => Problem::WrongShape {
                expected: "keys".to_owned(),
            },
            "string scalar" | "scalar" => Problem::WrongShape {
                expected: "text".to_owned(),
            },
            _ => Problem::Syntax { detail: detail() },
        },
        _ => Problem::Syntax { detail: detail() },
    };
    if matches!(
        problem,
        Problem::Syntax { .. } | Problem::WrongType { .. } | Problem::WrongShape { .. }
    ) && let Some((line, column, key)) = forgotten_colon(text, line.max(1))
    {
        return Diagnostic::at(path, text, line, column, Problem::MissingColon { key });
    }
    Diagnostic::at(path, text, line, column, problem)
}
