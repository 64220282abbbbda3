//! The errors of the library, typed; `main` renders them once, at the edge.

use std::fmt;
use std::path::PathBuf;

/// A problem at a place in a file, shown like a compiler's: `file:line:column`, the line,
/// and a marker under the spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, or 0 when the place is not known.
    pub line: usize,
    /// 1-based column in characters, or 0 when the place is not known.
    pub column: usize,
    /// What is wrong, and what to do about it.
    pub message: String,
    /// The text of the offending line, when known.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `line:column` of `path`, with the offending line taken from `text`.
    pub fn at(
        path: impl Into<PathBuf>,
        text: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let source_line = (line > 0)
            .then(|| text.lines().nth(line - 1).map(str::to_owned))
            .flatten();
        Diagnostic {
            path: path.into(),
            line,
            column,
            message: message.into(),
            source_line,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.line == 0 {
            return write!(f, "{path}: {}", self.message);
        }
        writeln!(f, "{path}:{}:{}: {}", self.line, self.column, self.message)?;
        if let Some(source_line) = &self.source_line {
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            // The marker sits under the column, counted in display columns so it lines up
            // under full-width text in a terminal.
            let before: String = source_line
                .chars()
                .take(self.column.saturating_sub(1))
                .collect();
            let pad = " ".repeat(crate::text::width::str_width(&before));
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {source_line}")?;
            write!(f, "{gutter} | {pad}^")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in mokuteki.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The source file has problems; each one is located.
    #[error("{}", render_all(.0))]
    Source(Vec<Diagnostic>),
    /// A template could not be compiled or rendered.
    #[error("template {name} ({origin}):\n{message}")]
    Template {
        /// The template's name, e.g. `notice.html.tera`.
        name: String,
        /// Where it was loaded from: a file of the user's, or built in.
        origin: String,
        /// Tera's report, with the template's line and column.
        message: String,
    },
    /// A file would be overwritten that mokuteki did not write.
    #[error("{} exists and was not written by mokuteki; move it away or choose another folder", path.display())]
    WouldOverwrite {
        /// The file in the way.
        path: PathBuf,
    },
    /// Some sources of a federation build failed: nothing was written for them, and the
    /// others were built.
    #[error("{}", render_failures(failed, *built))]
    Federation {
        /// Each failing source with its error.
        failed: Vec<(PathBuf, Error)>,
        /// How many sources were built.
        built: usize,
    },
}

fn render_failures(failed: &[(PathBuf, Error)], built: usize) -> String {
    let mut text = failed
        .iter()
        .map(|(source, error)| match error {
            // Located diagnostics name the source file already.
            Error::Source(_) => error.to_string(),
            _ => format!("{}: {error}", source.display()),
        })
        .collect::<Vec<_>>()
        .join("\n\nerror: ");
    text.push_str(&format!(
        "\n\n{} of {} sources failed, and nothing was written for them; {built} built, each into its own folder",
        failed.len(),
        failed.len() + built
    ));
    text
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    // The caller prints the first "error: "; every further problem gets its own.
    let mut text = diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n\nerror: ");
    if diagnostics.len() > 1 {
        text.push_str(&format!("\n\n{} problems found", diagnostics.len()));
    }
    text
}

impl Error {
    /// The process exit code for this error: 1 for problems in the user's files (the source,
    /// a template), 2 for I/O trouble.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Source(_) | Error::Template { .. } => 1,
            Error::Read { .. } | Error::Write { .. } | Error::WouldOverwrite { .. } => 2,
            Error::Federation { failed, .. } => {
                failed.iter().map(|(_, e)| e.exit_code()).max().unwrap_or(1)
            }
        }
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines_up_under_full_width_text() {
        let text = "a: 1\ntitle: 個人情報\n";
        // Column 10 is 「情」, after 「title: 個人」 (7 + 4 display columns).
        let d = Diagnostic::at("p.yaml", text, 2, 10, "too short");
        assert_eq!(
            d.to_string(),
            "p.yaml:2:10: too short\n  |\n2 | title: 個人情報\n  |            ^"
        );
    }
}
