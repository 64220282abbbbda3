//! An 適用日 before its 改正日: a revision may apply retroactively (a 附則 may say so), so it
//! is no error, but a date written by mistake would publish a wrong day.

use super::Findings;
use crate::error::Problem;
use crate::source::document::Revision;
use crate::source::model::Source;

pub(super) fn check(source: &Source, findings: &mut Findings) {
    let notice = source
        .notice
        .iter()
        .filter_map(|n| n.dates.as_ref())
        .flat_map(|d| &d.revisions);
    let documents = source
        .documents
        .iter()
        .filter_map(|d| d.dates.as_ref())
        .flat_map(|d| &d.revisions);
    let mut reported: Vec<(u64, u64)> = Vec::new();
    for revision in notice.chain(documents) {
        let Some(applies) = retroactive(revision) else {
            continue;
        };
        // The notice's dates are also those of the document made from it.
        let place = (applies.referenced.line(), applies.referenced.column());
        if reported.contains(&place) {
            continue;
        }
        reported.push(place);
        findings.at(
            applies,
            Problem::AppliesBeforeRevision {
                date: applies.value.to_string(),
                revision: revision.date.value.to_string(),
            },
        );
    }
}

/// The 適用日 of `revision`, when it is earlier than the 改正日.
pub(crate) fn retroactive(
    revision: &Revision,
) -> Option<&serde_saphyr::Spanned<crate::source::Date>> {
    revision
        .applies_from
        .as_ref()
        .filter(|applies| applies.value < revision.date.value)
}
