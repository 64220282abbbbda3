//! The checks of meaning of a parsed source, all together: the source's own
//! ([`super::validate`]) and the errors of its legal fields ([`crate::law::validate`]).

use std::path::Path;

use crate::error::Diagnostic;
use crate::source::model::Source;

/// Every problem of meaning of a parsed source, in file order; an empty list means it is
/// fit to publish.
pub fn check(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut problems = super::validate::validate(source, path, text);
    problems.extend(super::folded::check(source, path, text));
    problems.extend(crate::law::validate(source, path, text));
    problems.sort_by_key(|d| (d.line, d.column));
    problems
}
