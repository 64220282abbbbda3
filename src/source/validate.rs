//! Checks of meaning that the schema alone cannot express, each pointing at its place.

use std::collections::HashSet;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::diagnostic::{IdKind, nearest};
use crate::error::{Diagnostic, Problem};
use crate::source::model::{Item, Source, Text};

/// Collects every problem of a parsed source; an empty list means it is fit to publish.
pub fn validate(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut checker = Checker {
        path,
        text,
        problems: Vec::new(),
    };
    checker.check(source);
    checker
        .problems
        .extend(crate::law::validate(source, path, text));
    checker.problems.sort_by_key(|d| (d.line, d.column));
    checker.problems
}

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, problem: Problem) {
        let location = at.referenced;
        self.problems.push(Diagnostic::at(
            self.path,
            self.text,
            location.line() as usize,
            location.column() as usize,
            problem,
        ));
    }

    fn non_empty(&mut self, field: &str, value: &Text) {
        if value.value.trim().is_empty() {
            self.report(
                value,
                Problem::EmptyText {
                    field: field.to_owned(),
                },
            );
        }
    }

    fn check(&mut self, source: &Source) {
        self.non_empty("organization.name", &source.organization.name);
        self.non_empty("organization.short_name", &source.organization.short_name);
        let notice = &source.notice;
        self.non_empty("notice.title", &notice.title);
        self.non_empty("notice.preamble", &notice.preamble);
        self.non_empty("notice.purposes_heading", &notice.purposes_heading);
        for section in &notice.sections {
            self.non_empty("heading", &section.heading);
            self.non_empty("body", &section.body);
        }
        if let Some(closing) = &notice.closing {
            self.non_empty("notice.closing", closing);
        }
        self.check_dates(source);
        if let Some(width) = source.mailing.as_ref().and_then(|m| m.width.as_ref())
            && !crate::render::mailing::WIDTH_RANGE.contains(&width.value)
        {
            let range = crate::render::mailing::WIDTH_RANGE;
            self.report(
                width,
                Problem::WidthOutOfRange {
                    width: width.value,
                    min: *range.start(),
                    max: *range.end(),
                },
            );
        }
        let regulation = &source.regulation;
        self.non_empty("regulation.name", &regulation.name);
        self.non_empty("regulation.table", &regulation.table);
        self.non_empty("regulation.title", &regulation.title);
        self.non_empty("regulation.empty_cell", &regulation.empty_cell);

        let mut recipient_ids = HashSet::new();
        for recipient in &source.recipients {
            self.non_empty("id", &recipient.id);
            self.non_empty("column", &recipient.column);
            self.non_empty("heading", &recipient.heading);
            if !recipient_ids.insert(recipient.id.value.as_str()) {
                self.report(
                    &recipient.id,
                    Problem::DuplicateId {
                        kind: IdKind::Recipient,
                        id: recipient.id.value.clone(),
                    },
                );
            }
        }
        for (field, empty) in [
            ("recipients", source.recipients.is_empty()),
            ("categories", source.categories.is_empty()),
        ] {
            if empty {
                // An empty list keeps no location: point at its key, a top-level line.
                let (line, column) = top_level_key(self.text, field).unwrap_or((0, 0));
                self.problems.push(Diagnostic::at(
                    self.path,
                    self.text,
                    line,
                    column,
                    Problem::EmptyList {
                        field: field.to_owned(),
                    },
                ));
            }
        }

        let mut category_ids = HashSet::new();
        let mut finished_groups: HashSet<&str> = HashSet::new();
        let mut current_group: Option<&str> = None;
        for category in &source.categories {
            self.non_empty("id", &category.id);
            self.non_empty("title", &category.title);
            if !category_ids.insert(category.id.value.as_str()) {
                self.report(
                    &category.id,
                    Problem::DuplicateId {
                        kind: IdKind::Category,
                        id: category.id.value.clone(),
                    },
                );
            }
            let group = category.group.as_ref().map(|g| g.value.as_str());
            if group != current_group {
                if let Some(previous) = current_group {
                    finished_groups.insert(previous);
                }
                if let (Some(name), Some(at)) = (group, &category.group)
                    && finished_groups.contains(name)
                {
                    self.report(
                        at,
                        Problem::SplitGroup {
                            group: name.to_owned(),
                        },
                    );
                }
                current_group = group;
            }
            if let Some(description) = &category.description {
                self.non_empty("description", description);
            }
            for note in &category.notes {
                self.non_empty("notes", note);
            }
            let mut seen_kinds = HashSet::new();
            let mut item_count = 0;
            for (kind, items) in &category.items.0 {
                if !recipient_ids.contains(kind.value.as_str()) {
                    let known: Vec<&str> = source
                        .recipients
                        .iter()
                        .map(|r| r.id.value.as_str())
                        .collect();
                    self.report(
                        kind,
                        Problem::UnknownRecipient {
                            id: kind.value.clone(),
                            suggestion: nearest(&kind.value, known.iter().copied()),
                            known: known.iter().map(|k| (*k).to_owned()).collect(),
                        },
                    );
                }
                seen_kinds.insert(kind.value.as_str());
                item_count += items.len();
                self.check_items(items);
            }
            if item_count == 0 {
                self.report(
                    &category.id,
                    Problem::NoItems {
                        category: category.id.value.clone(),
                    },
                );
            }
        }
    }

    fn check_items(&mut self, items: &[Item]) {
        let mut seen = HashSet::new();
        for item in items {
            self.non_empty("text", &item.text);
            if !seen.insert(item.text.value.trim()) {
                self.report(
                    &item.text,
                    Problem::RepeatedItem {
                        text: item.text.value.trim().to_owned(),
                    },
                );
            }
            for note in &item.notes {
                self.non_empty("notes", note);
            }
            self.check_items(&item.items);
        }
    }

    fn check_dates(&mut self, source: &Source) {
        let dates = &source.notice.dates;
        // Every date is printed in 和暦, which begins with the Gregorian calendar in 1873.
        let every =
            std::iter::once(&dates.established).chain(dates.revisions.iter().flat_map(|r| {
                std::iter::once(&r.date)
                    .chain(r.effective.as_ref())
                    .chain(r.applies_from.as_ref())
            }));
        for date in every {
            let wareki =
                crate::text::wareki::to_wareki(date.value, crate::text::wareki::Digits::HalfWidth);
            if wareki.is_none() {
                self.report(
                    date,
                    Problem::BeforeWareki {
                        date: date.value.to_string(),
                    },
                );
            }
        }
        let mut previous = dates.established.value;
        for revision in &dates.revisions {
            self.non_empty("summary", &revision.summary);
            if revision.date.value < previous {
                self.report(
                    &revision.date,
                    Problem::RevisionOutOfOrder {
                        date: revision.date.value.to_string(),
                        previous: previous.to_string(),
                    },
                );
            }
            previous = previous.max(revision.date.value);
            for later in [&revision.effective, &revision.applies_from]
                .into_iter()
                .flatten()
            {
                if later.value < revision.date.value {
                    self.report(
                        later,
                        Problem::EffectiveBeforeRevision {
                            date: later.value.to_string(),
                            revision: revision.date.value.to_string(),
                        },
                    );
                }
            }
        }
    }
}

/// The line and column (1-based) of a top-level `key:` in the source text.
fn top_level_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|index| (index + 1, 1))
}
