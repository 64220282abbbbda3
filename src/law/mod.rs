//! The check against the law: what 個人情報保護法 requires a society to publish or make
//! known, compared with what the source says. Each finding names its article (see
//! [`crate::diagnostic::messages`]).
//!
//! Two kinds of finding: an incomplete joint-use record, or a reference to none, is an
//! error ([`validate`], run with the other checks of meaning); everything else is a
//! warning ([`check`]), which `check` lists, `build` counts, and `--deny-warnings` makes
//! fatal.

pub(crate) mod dates;
mod foreign;
mod holder;
mod joint_use;
mod placeholders;
mod provision;
mod statement;

use std::path::Path;

use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Problem};
use crate::source::model::Source;
use crate::text::position::top_level_key;

/// The errors of the legal fields: incomplete joint-use records, duplicate ids, and
/// references to records that do not exist.
pub fn validate(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut findings = Findings::new(path, text);
    joint_use::validate(source, &mut findings);
    findings.list
}

/// The warnings of the check against the law, in file order.
pub fn check(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut findings = Findings::new(path, text);
    holder::check(source, &mut findings);
    joint_use::check(source, &mut findings);
    provision::check(source, &mut findings);
    statement::check(source, &mut findings);
    dates::check(source, &mut findings);
    foreign::check(source, &mut findings);
    placeholders::check(source, &mut findings);
    findings.list.sort_by_key(|d| (d.line, d.column));
    findings.list
}

/// The findings of one source, each placed in its file.
struct Findings<'a> {
    path: &'a Path,
    text: &'a str,
    list: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    fn new(path: &'a Path, text: &'a str) -> Findings<'a> {
        Findings {
            path,
            text,
            list: Vec::new(),
        }
    }

    /// A finding at the place `value` was read from.
    fn at<T>(&mut self, value: &Spanned<T>, problem: Problem) {
        let location = value.referenced;
        self.place(
            location.line() as usize,
            location.column() as usize,
            problem,
        );
    }

    /// A finding at a top-level key of the file (`organization:`), or about the whole file
    /// when the key is not written.
    fn at_key(&mut self, key: &str, problem: Problem) {
        let (line, column) = top_level_key(self.text, key).unwrap_or((0, 0));
        self.place(line, column, problem);
    }

    fn place(&mut self, line: usize, column: usize, problem: Problem) {
        self.list
            .push(Diagnostic::at(self.path, self.text, line, column, problem));
    }
}
