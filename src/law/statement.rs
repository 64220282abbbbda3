//! 保有個人データの利用目的 (第32条第1項第2号): the purposes of *all* retained data. The
//! legal section says they are those listed under the purposes heading above; a heading
//! that calls them the main (主な) purposes contradicts it.

use super::Findings;
use crate::error::Problem;
use crate::source::document::{DocumentKind, Part};
use crate::source::model::{Source, Text};

pub(super) fn check(source: &Source, findings: &mut Findings) {
    if source.personal_data.is_none() {
        return; // no legal section, no statement to contradict
    }
    let mut reported: Vec<(u32, u32)> = Vec::new();
    for document in source
        .documents
        .iter()
        .filter(|d| d.kind == DocumentKind::Notice)
    {
        let Some(heading) = first_purposes_heading(&document.parts) else {
            continue;
        };
        let place = (
            heading.referenced.line() as u32,
            heading.referenced.column() as u32,
        );
        if heading.value.contains("主な") && !reported.contains(&place) {
            reported.push(place);
            findings.at(
                heading,
                Problem::LawMainPurposes {
                    heading: heading.value.clone(),
                },
            );
        }
    }
}

/// The heading the legal section's statement cites: that of the first part listing the
/// purposes, in a `record` too.
fn first_purposes_heading(parts: &[Part]) -> Option<&Text> {
    parts.iter().find_map(|part| {
        if part.purposes.is_some() {
            part.heading.as_ref()
        } else {
            part.record
                .as_ref()
                .and_then(|r| first_purposes_heading(&r.value))
        }
    })
}
