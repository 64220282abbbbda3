//! Reading `purposes.yaml`: bytes to checked [`Source`].

use std::path::Path;

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::fs::{self, Links};
use crate::source::meaning;
use crate::source::model::Source;

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

/// Reads, parses and checks a source file (or standard input, for the path [`STDIN`]):
/// the source, or every problem found at once.
pub fn load_file(path: &Path) -> Result<Source> {
    Ok(read_file(path)?.checked()?.source)
}

/// Parses and checks the bytes of a source file; `path` is only used in messages.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Source> {
    Ok(read_bytes(path, bytes)?.checked()?.source)
}

/// Reads and parses a source file, returning the checks' problems alongside rather than as
/// an error, for `check`, which goes on to lint and render. YAML and schema errors, and a
/// file too large, are still errors. The path [`STDIN`] reads standard input.
pub fn read_file(path: &Path) -> Result<Loaded> {
    read_file_with(path, Links::Follow)
}

/// [`read_file`], following a link as the source only as `links` says.
pub fn read_file_with(path: &Path, links: Links) -> Result<Loaded> {
    let bytes = if path == Path::new(STDIN) {
        fs::read_stream_limited(path, std::io::stdin().lock(), MAX_SOURCE_BYTES)
    } else {
        fs::read_limited_with(path, MAX_SOURCE_BYTES, links)
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
    read_bytes(path, &bytes)
}

impl Loaded {
    /// The source with its text when the checks found no problem; otherwise every problem,
    /// as the error.
    pub fn checked(self) -> Result<Loaded> {
        if self.problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::Source(self.problems))
        }
    }
}

/// Parses the bytes of a source file and runs the checks, keeping their problems apart.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded> {
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
    let mut source: Source = serde_saphyr::from_str_with_options(&text, options)
        .map_err(|error| Error::Source(super::explain::explain(path, &text, &error)))?;
    // The checks name the keys as written; everything after them sees the one form.
    let problems = meaning::check(&source, path, &text);
    super::normal::normalize(&mut source);
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
        // Everything before the first bad byte is UTF-8.
        let before = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        let (line, column) = crate::text::position::line_column(before, before.len());
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
                    i += 2;
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
