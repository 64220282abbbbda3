//! The publish guard: before a build replaces what it published, it compares what it is
//! about to publish with the record of the last publication (`purposes.json`, see
//! [`crate::facts::record`]), and stops when
//!
//! - the purposes, provisions or joint use changed with no revision (改正) dated after the
//!   last published one: 個人情報保護法 第21条 asks for the new purposes to be made known,
//!   and the notice shows when they changed;
//! - a published revision disappeared or changed its date: the history only grows;
//! - a published document would no longer be produced;
//! - the source does not end with a line break, as a file cut short does, and would
//!   replace what was published.
//!
//! The first build into an empty folder has nothing to compare with and passes.

use std::path::Path;

use super::changes::{Change, changes};
use crate::build::{self, BuildOptions};
use crate::error::{Diagnostic, Problem};
use crate::facts::catalogue::Catalogue;
use crate::facts::record::Record;
use crate::render::Output;
use crate::source::Source;

/// The guard's findings for a build of `source` (its file text `text`) that would publish
/// `outputs` into `options.out`, against the record of the last publication there. Empty
/// when there is no record (a first build) or nothing stops publishing.
pub fn check_published(
    options: &BuildOptions,
    source: &Source,
    text: &str,
    outputs: &[Output],
) -> Vec<Diagnostic> {
    match build::published_record(options) {
        Ok(None) => Vec::new(),
        Ok(Some(previous)) => check(
            &previous,
            &Record::of(source, outputs),
            source,
            &options.source,
            text,
        ),
        Err(reason) => vec![Diagnostic::at(
            &options.source,
            text,
            0,
            0,
            Problem::RecordUnreadable { reason },
        )],
    }
}

/// Every reason to stop publishing `next` over `previous`, located in the source (`path`,
/// its text `text`). Empty when publishing may go on.
pub fn check(
    previous: &Record,
    next: &Record,
    source: &Source,
    path: &Path,
    text: &str,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let (old, new) = (&previous.catalogue, &next.catalogue);
    let (line, column, first) = revision_place(source, text);
    if let Some(last_old) = unrecorded(old, new) {
        found.push(Diagnostic::at(
            path,
            text,
            line,
            column,
            Problem::UnrecordedChange {
                after: last_old,
                first,
                places: places(old, new),
            },
        ));
    }
    for revision in &old.dates.revisions {
        if !new.dates.revisions.iter().any(|r| r.date == revision.date) {
            found.push(Diagnostic::at(
                path,
                text,
                line,
                column,
                Problem::RevisionDropped {
                    date: revision.date.clone(),
                },
            ));
        }
    }
    if !old.dates.established.is_empty() && old.dates.established != new.dates.established {
        found.push(Diagnostic::at(
            path,
            text,
            line,
            column,
            Problem::RevisionDropped {
                date: old.dates.established.clone(),
            },
        ));
    }
    for document in &previous.documents {
        if !next.documents.contains(document) {
            found.push(Diagnostic::at(
                path,
                text,
                0,
                0,
                Problem::DocumentVanishes {
                    path: document.clone(),
                },
            ));
        }
    }
    if !text.is_empty() && !text.ends_with('\n') && previous != next {
        let last = text.lines().count();
        let column = text.lines().last().map_or(0, |l| l.chars().count() + 1);
        found.push(Diagnostic::at(path, text, last, column, Problem::CutShort));
    }
    found
}

/// The last date of `old`, when `new` changes what needs a revision (purposes, bases, joint
/// use) without recording one dated after it; `None` when nothing is missing.
pub fn unrecorded(old: &Catalogue, new: &Catalogue) -> Option<String> {
    if old.same_revisable(new) {
        return None;
    }
    let last_old = last_date(old);
    // Dates are `YYYY-MM-DD`, so they order as text.
    (!new.dates.revisions.iter().any(|r| r.date > last_old)).then_some(last_old)
}

/// The last date a catalogue records: its last 改正, or its 制定.
pub fn last_date(catalogue: &Catalogue) -> String {
    catalogue
        .dates
        .revisions
        .last()
        .map_or(&catalogue.dates.established, |r| &r.date)
        .clone()
}

/// Where a new revision belongs in the source: the line and column of the `-` that starts
/// the last revision entry of the main notice, or of its 制定 when it has no revision
/// (then `true`).
pub fn revision_place(source: &Source, text: &str) -> (usize, usize, bool) {
    let dates = source.main_notice().and_then(|n| n.dates.as_ref());
    match dates.and_then(|d| d.revisions.last()) {
        Some(revision) => {
            let line = revision.date.referenced.line() as usize;
            // The `-` that starts the entry, on its first line.
            let first_line = [
                Some(revision.date.referenced.line()),
                revision.summary.as_ref().map(|s| s.referenced.line()),
                revision.effective.as_ref().map(|e| e.referenced.line()),
                revision.applies_from.as_ref().map(|a| a.referenced.line()),
            ]
            .into_iter()
            .flatten()
            .min()
            .map_or(line, |l| l as usize);
            let column = text
                .lines()
                .nth(first_line.saturating_sub(1))
                .and_then(|l| l.chars().position(|c| c == '-'))
                .map_or(revision.date.referenced.column() as usize, |c| c + 1);
            (first_line, column, false)
        }
        None => {
            let established = dates.and_then(|d| d.established.as_ref());
            (
                established.map_or(0, |e| e.referenced.line() as usize),
                established.map_or(0, |e| e.referenced.column() as usize),
                true,
            )
        }
    }
}

/// Where the purposes changed, as a reader names the places: each category by its number
/// and title, 「共同利用」, 「表頭」 for the recipient kinds; each once, in order.
fn places(old: &Catalogue, new: &Catalogue) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for change in changes(old, new) {
        let place = match &change {
            Change::JointUse { .. } => "共同利用".to_owned(),
            Change::KindAdded { .. } | Change::KindRemoved { .. } | Change::KindRenamed { .. } => {
                "表頭（利用の区分）".to_owned()
            }
            other => match other.place() {
                Some(place) => format!(
                    "{}．{}",
                    crate::text::numerals::full_width_digits(&place.number.to_string()),
                    place.title
                ),
                None => continue,
            },
        };
        if !out.contains(&place) {
            out.push(place);
        }
    }
    out
}
