//! What was left as written in a template: dates at an obvious placeholder, and texts
//! still holding 〇〇.

use super::Findings;
use crate::error::Problem;
use crate::source::Date;
use crate::source::model::Source;

/// The marks of a text not filled in yet (full-width 〇 and the circle ○).
pub const PLACEHOLDER_MARKS: &[&str] = &["〇〇", "○○"];

/// The first day a notice under 個人情報保護法 can bear: the law was promulgated on
/// 2003-05-30. An earlier date, or one after 2099, is a placeholder.
const EARLIEST: Date = Date {
    year: 2003,
    month: 5,
    day: 30,
};

/// Whether `date` is one no real notice can bear.
pub fn is_placeholder_date(date: Date) -> bool {
    date < EARLIEST || date.year >= 2100
}

pub(super) fn check(source: &Source, findings: &mut Findings) {
    let mut all = Vec::new();
    let mut revisions = Vec::new();
    for dates in source.documents.iter().filter_map(|d| d.dates.as_ref()) {
        all.extend(&dates.established);
        revisions.extend(&dates.revisions);
    }
    for revision in revisions {
        all.push(&revision.date);
        all.extend(&revision.effective);
        all.extend(&revision.applies_from);
    }
    for date in all {
        if is_placeholder_date(date.value) {
            findings.at(
                date,
                Problem::PlaceholderDate {
                    date: date.value.to_string(),
                },
            );
        }
    }
    for text in source.texts() {
        if PLACEHOLDER_MARKS.iter().any(|m| text.value.contains(m)) {
            findings.at(text, Problem::PlaceholderText);
        }
    }
}
