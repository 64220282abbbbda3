//! Judging a revision: a change of the purposes must be recorded as a revision (改正) dated
//! after the old version's last, and each change is listed for a person to confirm, since
//! whether it stays within what is reasonably related to the old purposes (個人情報保護法
//! 第17条第2項) is not something a tool can decide.

use std::path::Path;

use serde::Serialize;

use super::changes::Change;
use crate::error::{Diagnostic, Problem};
use crate::facts::catalogue::Catalogue;
use crate::source::Source;

/// The error when `new` changes the purposes of `old` without a revision dated after old's
/// last date; it points at the place in `new` (read from `path`, text `text`) where the
/// revision belongs. `None` when the revision is recorded, or nothing needs one.
pub fn missing_revision(
    old: &Catalogue,
    new: &Catalogue,
    source: &Source,
    path: &Path,
    text: &str,
) -> Option<Diagnostic> {
    let last_old = super::publish_guard::unrecorded(old, new)?;
    let (line, column, first) = super::publish_guard::revision_place(source, text);
    Some(Diagnostic::at(
        path,
        text,
        line,
        column,
        Problem::RevisionMissing {
            after: last_old,
            first,
        },
    ))
}

/// A change a person must confirm, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    /// The change.
    pub change: Change,
    /// What to confirm, in the language of messages.
    pub message: String,
}

/// The changes a person must confirm: every change of the purposes but a change of order.
pub fn confirmations(changes: &[Change], lang: crate::error::Lang) -> Vec<Confirmation> {
    changes
        .iter()
        .filter(|c| !matches!(c, Change::CategoryMoved { .. }))
        .map(|change| Confirmation {
            change: change.clone(),
            message: super::words::confirmation(change, lang),
        })
        .collect()
}
