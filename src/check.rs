//! The `check` command: load, validate, lint and render every template in memory, writing
//! nothing, and report every problem found.

use crate::build::{self, BuildOptions};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::render::Rendered;
use crate::{lint, source};

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Errors and warnings, located, in file order (the source's first, then templates').
    pub diagnostics: Vec<Diagnostic>,
    /// Notes from rendering that are not tied to a place (e.g. a line that cannot be broken).
    pub render_warnings: Vec<String>,
    /// Everything rendered, when the source and every template rendered; `build` writes
    /// this rather than render twice.
    pub rendered: Option<Rendered>,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Whether publishing must stop: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors() > 0 || (deny_warnings && self.warnings() > 0)
    }
}

/// Checks everything `build` would use, without writing. Problems in the user's files are
/// in the report; only trouble reading them is an `Err`.
pub fn check(options: &BuildOptions) -> Result<Report> {
    let mut report = Report::default();
    let loaded = match source::load::read(&options.source) {
        Ok(loaded) => loaded,
        Err(Error::Source(diagnostics)) => {
            report.diagnostics = diagnostics;
            return Ok(report);
        }
        Err(other) => return Err(other),
    };
    report.diagnostics = loaded.problems;
    match lint::load_terms(&options.source) {
        Ok(terms) => report.diagnostics.extend(lint::lint(
            &loaded.source,
            &terms,
            &options.source,
            &loaded.text,
        )),
        Err(Error::Source(diagnostics)) => report.diagnostics.extend(diagnostics),
        Err(other) => return Err(other),
    }
    report.diagnostics.sort_by_key(|d| (d.line, d.column));
    if report.errors() > 0 {
        // The templates expect a source that passed the checks.
        return Ok(report);
    }
    match build::render_source(&loaded.source, &loaded.text, options) {
        Ok(rendered) => {
            report.render_warnings = rendered.warnings.clone();
            report.rendered = Some(rendered);
        }
        Err(Error::Template(diagnostic) | Error::Unencodable(diagnostic)) => {
            report.diagnostics.push(*diagnostic)
        }
        Err(other) => return Err(other),
    }
    Ok(report)
}
