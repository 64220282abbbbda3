//! The encoding of the text outputs (`*.txt`): UTF-8 with LF, or Shift_JIS with CRLF.

use std::path::Path;

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::render::Output;
use crate::source::Source;
use crate::source::model::{Text, TextEncoding};
use crate::text::position::{line_column, offset_of};
use crate::text::sjis;

/// Whether an output is a text output, the only kind that is re-encoded.
pub fn is_text_output(path: &str) -> bool {
    path.ends_with(".txt")
}

/// Re-encodes the text outputs for `encoding`; the others stay UTF-8.
///
/// With Shift_JIS, line ends become CRLF, and a character CP932 cannot hold is an error
/// that names it, its code point and the place in the source file (`source_path`, whose
/// text is `source_text`) where it was written.
pub fn encode_outputs(
    outputs: &mut [Output],
    encoding: TextEncoding,
    source: &Source,
    source_path: &Path,
    source_text: &str,
) -> Result<()> {
    if encoding == TextEncoding::Utf8 {
        return Ok(());
    }
    for output in outputs.iter_mut().filter(|o| is_text_output(&o.path)) {
        let text = String::from_utf8_lossy(&output.content).replace('\n', "\r\n");
        match sjis::encode(&text) {
            Ok(bytes) => output.content = bytes,
            Err(bad) => {
                return Err(Error::Unencodable(Box::new(unencodable(
                    bad,
                    &text,
                    &output.path,
                    source,
                    source_path,
                    source_text,
                ))));
            }
        }
    }
    Ok(())
}

fn unencodable(
    bad: sjis::Unencodable,
    output_text: &str,
    output_path: &str,
    source: &Source,
    source_path: &Path,
    source_text: &str,
) -> Diagnostic {
    let c = bad.character;
    let problem = |from_template| Problem::Unencodable {
        character: c,
        encoding: "Shift_JIS (Windows-31J)".to_owned(),
        output: output_path.to_owned(),
        from_template,
    };
    if let Some((line, column)) = locate(c, source, source_text) {
        return Diagnostic::at(source_path, source_text, line, column, problem(false));
    }
    // Not in any text of the source: a template wrote it; point at the output's line.
    let (line, column) = line_column(output_text, bad.offset);
    Diagnostic::at(output_path, output_text, line, column, problem(true))
}

/// The line and column, in the source file, of the first occurrence of `c` inside a text
/// of the source that contains it.
fn locate(c: char, source: &Source, source_text: &str) -> Option<(usize, usize)> {
    let text = source_texts(source)
        .into_iter()
        .find(|t| t.value.contains(c) && t.referenced.line() > 0)?;
    let (line, column) = (
        text.referenced.line() as usize,
        text.referenced.column() as usize,
    );
    // From the text's start, find the character itself in the file (it is written literally
    // unless escaped in a quoted string; then the text's start is the best place known).
    let start = offset_of(source_text, line, column);
    let Some(found) = source_text[start..].find(c) else {
        return Some((line, column));
    };
    Some(line_column(source_text, start + found))
}

/// Every text of the source, ids included, in file order.
fn source_texts(source: &Source) -> Vec<&Text> {
    let mut out = source.texts();
    out.extend(source.ids());
    out.sort_by_key(|t| (t.referenced.line(), t.referenced.column()));
    out
}
