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
    /// A text output holds a character its encoding (Shift_JIS) cannot hold; the diagnostic
    /// points at the place in the source it came from, or at the output's line.
    #[error("{0}")]
    Unencodable(Diagnostic),
    /// A file would be overwritten that mokuteki did not write.
    #[error("{} exists and was not written by mokuteki; move it away or choose another folder", path.display())]
    WouldOverwrite {
        /// The file in the way.
        path: PathBuf,
    },
    /// The manifest in the output folder cannot be understood.
    #[error("{}:{line}: {message}; the manifest lists the files mokuteki wrote, one per line", path.display())]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The output folder is a dangerous place to build into.
    #[error("refusing to build into {}: {reason}. Choose another folder with --out, or pass --force if you are sure", path.display())]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// Why it is refused.
        reason: String,
    },
    /// An output path leads out of the output folder through a symbolic link.
    #[error("refusing to write {}: {} is a symbolic link leading out of the output folder", path.display(), link.display())]
    Escapes {
        /// The output path.
        path: PathBuf,
        /// The symbolic link on the way.
        link: PathBuf,
    },
    /// Another build holds the output folder's lock.
    #[error("{} is locked by {holder}, another mokuteki build writing into this folder; try again when it ends (if no such build runs, delete the lock file)", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, e.g. `process 42 on host web1`.
        holder: String,
    },
    /// `build --check` found that the output folder is not what a build would produce.
    #[error("{} is not what a build produces: {count} file(s) differ; run `mokuteki build` to update it", path.display())]
    Differs {
        /// The output folder.
        path: PathBuf,
        /// How many files would be added, changed or removed.
        count: usize,
    },
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
    /// a template) and for `build --check` finding differences, 2 for I/O trouble and
    /// refused output folders.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Source(_)
            | Error::Template { .. }
            | Error::Differs { .. }
            | Error::Unencodable(_) => 1,
            Error::Read { .. }
            | Error::Write { .. }
            | Error::WouldOverwrite { .. }
            | Error::Manifest { .. }
            | Error::Refused { .. }
            | Error::Escapes { .. }
            | Error::Locked { .. } => 2,
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
