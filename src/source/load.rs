//! Reading `purposes.yaml`: bytes to checked [`Source`].

use std::path::Path;

use crate::error::{Diagnostic, Error, Result};
use crate::fs;
use crate::source::model::Source;
use crate::source::validate::validate;

/// The largest source file read. A real one is a few kilobytes; anything near this is a
/// mistake (a wrong file), refused before parsing so it cannot exhaust memory.
pub const MAX_SOURCE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads, parses and checks a source file. Every problem found is returned at once.
pub fn load(path: &Path) -> Result<Source> {
    load_with_text(path).map(|(source, _)| source)
}

/// Like [`load`], and also returns the file's text (LF line ends), which the source's
/// locations point into.
pub fn load_with_text(path: &Path) -> Result<(Source, String)> {
    let size = fs::metadata(path)?.len();
    if size > MAX_SOURCE_BYTES {
        return Err(Error::Source(vec![Diagnostic::at(
            path,
            "",
            0,
            0,
            format!(
                "the file is {size} bytes; a purposes file may be at most {MAX_SOURCE_BYTES} bytes. Is this the right file?"
            ),
        )]));
    }
    let bytes = fs::read(path)?;
    let text = decode(path, &bytes)?;
    let source = parse_text(path, &text)?;
    Ok((source, text))
}

/// Parses and checks the bytes of a source file; `path` is only used in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Source> {
    parse_text(path, &decode(path, bytes)?)
}

fn parse_text(path: &Path, text: &str) -> Result<Source> {
    let options = serde_saphyr::options! { with_snippet: false };
    let source: Source = serde_saphyr::from_str_with_options(text, options)
        .map_err(|error| Error::Source(vec![yaml_diagnostic(path, text, &error)]))?;
    let problems = validate(&source, path, text);
    if problems.is_empty() {
        Ok(source)
    } else {
        Err(Error::Source(problems))
    }
}

/// The text of the file: UTF-8, with a byte order mark and CR line ends accepted.
fn decode(path: &Path, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let before = &bytes[..error.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        Error::Source(vec![Diagnostic::at(
            path,
            "",
            line,
            column,
            "the file is not UTF-8 text; save it as UTF-8 (in Notepad: 名前を付けて保存 → 文字コード UTF-8)",
        )])
    })?;
    Ok(text.replace("\r\n", "\n"))
}

/// A located diagnostic from a YAML or schema error.
fn yaml_diagnostic(path: &Path, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let message = error
        .without_snippet()
        .render_with_formatter(&serde_saphyr::UserMessageFormatter);
    let (line, column) = error
        .location()
        .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    // The location is shown in front of the message; drop the copy some messages end with.
    let suffix = format!(" at line {line}, column {column}");
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    Diagnostic::at(path, text, line, column, message)
}
