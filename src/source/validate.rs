//! Checks of meaning that the schema alone cannot express, each pointing at its place.

use std::collections::HashSet;
use std::ops::RangeInclusive;
use std::path::Path;

use serde_saphyr::Spanned;

use crate::diagnostic::{IdKind, Nesting, PageRefusal, nearest};
use crate::error::{Diagnostic, Problem};
use crate::source::document::{DocumentKind, Part};
use crate::source::model::{Item, Revision, Source, Text};
use crate::source::visit::Role;
use crate::text::date::Date;
use crate::text::position;

/// Collects the problems of a parsed source that its own checks find, in file order (those
/// of its legal fields are the law's: [`super::meaning`] runs both).
pub fn validate(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let mut checker = Checker {
        path,
        text,
        problems: Vec::new(),
    };
    checker.check(source);
    checker.problems.sort_by_key(|d| (d.line, d.column));
    checker.problems
}

/// The widths a mailing can have, in full-width characters (`mailing.width`, `--width`):
/// narrower leaves no room for a heading's numbering and hanging indent; wider than any
/// paper a mailing is printed on.
pub const WIDTH_RANGE: RangeInclusive<usize> = 10..=200;

/// The most recipient kinds (columns of the table) a source may declare.
pub const MAX_RECIPIENT_KINDS: usize = 100;
/// The most purpose categories (rows of the table).
pub const MAX_CATEGORIES: usize = 5_000;
/// The most purpose items, sub-items included.
pub const MAX_ITEMS: usize = 100_000;
/// The most cells of the table, recipient kinds × categories.
pub const MAX_TABLE_CELLS: usize = 100_000;
/// The deepest level of items: an item of a list is at level 1, its sub-items at level 2.
///
/// The template engine stops at components nested 20 deep, and the built-in templates
/// print one level of items per component, inside up to four of their own, one more for a
/// document printed on another's page, and one per `record` around the purposes. At these
/// limits the deepest item is printed at depth 18 (the tests in `nesting.rs` print items and records at these limits).
pub const MAX_ITEM_DEPTH: usize = 10;
/// The most `record` parts one within another (see [`MAX_ITEM_DEPTH`]).
pub const MAX_RECORD_DEPTH: usize = 3;

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

    /// Refuses sources far larger than any society's before they are rendered: the table
    /// alone grows with kinds × categories.
    fn check_counts(&mut self, source: &Source) {
        let kinds: Vec<&Text> = source.recipients.iter().map(|r| &r.id).collect();
        let categories: Vec<&Text> = source.all_categories().map(|c| &c.id).collect();
        let mut items = Vec::new();
        source.visit(&mut |field| {
            if field.name == "text" && field.role == Role::Prose {
                items.push(field.text);
            }
        });
        for (what, found, limit) in [
            ("recipients", &kinds, MAX_RECIPIENT_KINDS),
            ("categories", &categories, MAX_CATEGORIES),
            ("items", &items, MAX_ITEMS),
        ] {
            if let Some(beyond) = found.get(limit) {
                self.report(
                    *beyond,
                    Problem::TooMany {
                        what: what.to_owned(),
                        count: found.len(),
                        limit,
                    },
                );
            }
        }
        let cells = kinds.len() * categories.len();
        if cells > MAX_TABLE_CELLS
            && let Some(last) = categories.last()
        {
            self.report(
                *last,
                Problem::TooMany {
                    what: "cells".to_owned(),
                    count: cells,
                    limit: MAX_TABLE_CELLS,
                },
            );
        }
        if let Some((at, count)) = crate::source::shown::beyond_limit(source) {
            self.report(
                at,
                Problem::TooMany {
                    what: "shown".to_owned(),
                    count,
                    limit: crate::source::shown::MAX_SHOWN_ITEMS,
                },
            );
        }
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
        let mut texts = Vec::new();
        source.visit(&mut |field| {
            if matches!(field.role, Role::Prose | Role::Id) {
                texts.push((field.name, field.text));
            }
        });
        for (name, text) in texts {
            self.non_empty(name, text);
        }
        for url in source
            .organization
            .contacts
            .iter()
            .filter_map(|c| c.url.as_ref())
        {
            if !crate::text::is_allowed_url(&url.value, false) {
                self.report(
                    url,
                    Problem::UrlScheme {
                        url: url.value.clone(),
                    },
                );
            }
        }
        self.check_counts(source);
        let mut all = Vec::new();
        source.visit(&mut |field| all.push((field.name, field.role, field.text)));
        for (name, role, text) in all {
            if let Some(character) = text
                .value
                .chars()
                .find(|&c| crate::text::is_hidden_control(c))
            {
                self.report(
                    text,
                    Problem::ControlCharacter {
                        field: name.to_owned(),
                        character,
                    },
                );
            }
            if role == Role::Prose {
                for url in crate::text::markdown::remote_images(&text.value) {
                    self.report(text, Problem::RemoteImage { url });
                }
            }
        }
        self.check_dates(source);
        if let Some(width) = source.mailing.as_ref().and_then(|m| m.width.as_ref())
            && !WIDTH_RANGE.contains(&width.value)
        {
            let range = WIDTH_RANGE;
            self.report(
                width,
                Problem::WidthOutOfRange {
                    width: width.value,
                    min: *range.start(),
                    max: *range.end(),
                },
            );
        }
        for (field, empty) in [
            ("recipients", source.recipients.is_empty()),
            ("categories", source.categories.is_empty()),
        ] {
            // Absent is fine; written and empty is a slip.
            if empty && let Some((line, column)) = position::top_level_key(self.text, field) {
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
        if !source.categories.is_empty()
            && let Some(first) = source.groups.first()
        {
            self.report(&first.id, Problem::CategoriesAndGroups);
        }
        let recipient_ids = self.unique(IdKind::Recipient, source.recipients.iter().map(|r| &r.id));
        let attribute_ids = self.unique(IdKind::Attribute, source.attributes.iter().map(|a| &a.id));
        let category_ids = self.unique(IdKind::Category, source.all_categories().map(|c| &c.id));
        let group_ids = self.unique(IdKind::Group, source.groups.iter().map(|g| &g.id));
        self.check_legacy_groups(source);
        for category in source.all_categories() {
            for (kind, items) in category.items.cells() {
                self.known(IdKind::Recipient, kind, &recipient_ids);
                self.check_items(items, 1);
            }
            self.check_items(category.items.plain(), 1);
            for (kind, _) in &category.headings.0 {
                self.known(IdKind::Recipient, kind, &recipient_ids);
            }
            for (attribute, _) in &category.attributes.0 {
                self.known(IdKind::Attribute, attribute, &attribute_ids);
            }
        }
        self.check_documents(source, &category_ids, &group_ids);
    }

    /// Reports ids declared twice; returns the ids in order of declaration.
    fn unique<'s>(&mut self, kind: IdKind, ids: impl Iterator<Item = &'s Text>) -> Vec<String> {
        let mut seen: Vec<&Text> = Vec::new();
        for id in ids {
            match seen.iter().find(|s| s.value == id.value) {
                Some(first) => self.report(
                    id,
                    Problem::DuplicateId {
                        kind,
                        id: id.value.clone(),
                        first_line: first.referenced.line() as usize,
                    },
                ),
                None => seen.push(id),
            }
        }
        seen.into_iter().map(|t| t.value.clone()).collect()
    }

    /// Reports a reference to an id not among `known`.
    fn known(&mut self, kind: IdKind, id: &Text, known: &[String]) {
        if known.contains(&id.value) {
            return;
        }
        let suggestion = nearest(&id.value, known.iter().map(String::as_str));
        let problem = match kind {
            IdKind::Recipient => Problem::UnknownRecipient {
                id: id.value.clone(),
                suggestion,
                known: known.to_vec(),
            },
            _ => Problem::UnknownId {
                kind,
                id: id.value.clone(),
                known: known.to_vec(),
                suggestion,
            },
        };
        self.report(id, problem);
    }

    /// The original `group:` headings: a group's categories must stand together.
    fn check_legacy_groups(&mut self, source: &Source) {
        let mut finished_groups: HashSet<&str> = HashSet::new();
        let mut current_group: Option<&str> = None;
        for category in &source.categories {
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
        }
    }

    fn check_documents(&mut self, source: &Source, categories: &[String], groups: &[String]) {
        let mut documents: Vec<String> = Vec::new();
        if source.notice.is_some() {
            documents.push("notice".to_owned());
        }
        if source.regulation.is_some() {
            documents.push("beppyo2".to_owned());
        }
        let mut declared: Vec<&Text> = Vec::new();
        for document in &source.documents {
            let id = &document.id.value;
            let file_name = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !file_name {
                self.report(&document.id, Problem::BadDocumentId { id: id.clone() });
            }
            if documents.contains(id) {
                // The original form's documents are not written under `documents:`.
                let first_line = declared
                    .iter()
                    .find(|d| &d.value == id)
                    .map_or(0, |d| d.referenced.line() as usize);
                self.report(
                    &document.id,
                    Problem::DuplicateId {
                        kind: IdKind::Document,
                        id: id.clone(),
                        first_line,
                    },
                );
            } else {
                documents.push(id.clone());
                declared.push(&document.id);
            }
        }
        for document in &source.documents {
            for link in &document.links {
                self.known(IdKind::Document, link, &documents);
            }
            if let Some(page) = &document.page {
                // A page must be a notice that is printed on its own page.
                let hosts: Vec<String> = documents
                    .iter()
                    .filter(|id| {
                        source
                            .documents
                            .iter()
                            .find(|d| &d.id.value == *id)
                            .is_none_or(|d| d.page.is_none() && d.kind == DocumentKind::Notice)
                            && id.as_str() != "beppyo2"
                    })
                    .cloned()
                    .collect();
                let named = source.documents.iter().find(|d| d.id.value == page.value);
                let why = match named {
                    _ if page.value == document.id.value => Some(PageRefusal::Itself),
                    Some(named) if named.kind == DocumentKind::Table => Some(PageRefusal::Table),
                    Some(named) => named.page.as_ref().map(|of| PageRefusal::Guest {
                        page: of.value.clone(),
                        cycle: of.value == document.id.value,
                    }),
                    // The original form's regulation is the table `beppyo2`.
                    None if page.value == "beppyo2" && source.regulation.is_some() => {
                        Some(PageRefusal::Table)
                    }
                    None => None,
                };
                match why {
                    Some(why) => self.report(
                        page,
                        Problem::BadPage {
                            id: page.value.clone(),
                            why,
                        },
                    ),
                    None => self.known(IdKind::Document, page, &hosts),
                }
            }
            for id in document.categories.iter().flatten() {
                self.known(IdKind::Category, id, categories);
            }
            self.check_parts(&document.parts, categories, groups, 0);
            for attachment in &document.attachments {
                self.check_parts(&attachment.parts, categories, groups, 0);
            }
            if let Some(dates) = &document.dates {
                let wareki = dates.calendar == crate::source::document::Calendar::Wareki;
                self.check_revisions(dates.established.as_ref(), &dates.revisions, wareki);
            }
        }
    }

    /// Checks `parts`, which lie within `records` record parts.
    fn check_parts(
        &mut self,
        parts: &[Part],
        categories: &[String],
        groups: &[String],
        records: usize,
    ) {
        for part in parts {
            let contents = [
                part.text.is_some(),
                part.purposes.is_some(),
                part.record.is_some(),
                part.legal == Some(true),
                part.address == Some(true),
            ]
            .iter()
            .filter(|&&b| b)
            .count();
            if contents != 1 {
                let at = part
                    .heading
                    .as_ref()
                    .or(part.text.as_ref())
                    .or(part.label.as_ref());
                match at {
                    Some(at) => self.report(at, Problem::PartShape),
                    None => self.problems.push(Diagnostic::at(
                        self.path,
                        self.text,
                        0,
                        0,
                        Problem::PartShape,
                    )),
                }
            }
            if let Some(purposes) = &part.purposes {
                for id in purposes.categories.iter().flatten() {
                    self.known(IdKind::Category, id, categories);
                }
                for id in purposes.groups.iter().flatten() {
                    self.known(IdKind::Group, id, groups);
                }
            }
            if let Some(record) = &part.record {
                if records < MAX_RECORD_DEPTH {
                    self.check_parts(&record.value, categories, groups, records + 1);
                } else {
                    self.record_too_deep(part, records + 1);
                }
            }
        }
    }

    /// Reports the record of `part`, the `depth`-th one within another, where the part is
    /// written (its heading, say).
    fn record_too_deep(&mut self, part: &Part, depth: usize) {
        let problem = Problem::TooDeep {
            what: Nesting::Records,
            depth,
            limit: MAX_RECORD_DEPTH,
        };
        match first_written(std::slice::from_ref(part)) {
            Some(at) => self.report(at, problem),
            // Nothing written in it: where the record's list starts.
            None => match &part.record {
                Some(record) => self.report(record, problem),
                None => self
                    .problems
                    .push(Diagnostic::at(self.path, self.text, 0, 0, problem)),
            },
        }
    }

    /// Checks a list of items at level `depth` (1 for the items of a category).
    fn check_items(&mut self, items: &[Item], depth: usize) {
        let mut seen = HashSet::new();
        for item in items {
            if depth > MAX_ITEM_DEPTH {
                // The first item too deep in each list; the deeper ones go with it.
                self.report(
                    &item.text,
                    Problem::TooDeep {
                        what: Nesting::Items,
                        depth,
                        limit: MAX_ITEM_DEPTH,
                    },
                );
                return;
            }
            if !seen.insert(item.text.value.trim()) {
                self.report(
                    &item.text,
                    Problem::RepeatedItem {
                        text: item.text.value.trim().to_owned(),
                    },
                );
            }
            self.check_items(&item.items, depth + 1);
        }
    }

    fn check_dates(&mut self, source: &Source) {
        if let Some(dates) = source.notice.as_ref().and_then(|n| n.dates.as_ref()) {
            self.check_revisions(Some(&dates.established), &dates.revisions, true);
        }
    }

    /// Revisions oldest first, after 制定; a 施行日 not before its revision. A 適用日 may be
    /// earlier than the revision (retroactive application): the check against the law
    /// warns of it ([`crate::law`]). Dates printed in 和暦 must be
    /// from 1873 on, when the Gregorian calendar began in Japan.
    fn check_revisions(
        &mut self,
        established: Option<&Spanned<Date>>,
        revisions: &[Revision],
        wareki: bool,
    ) {
        if wareki {
            let every = established
                .into_iter()
                .chain(revisions.iter().flat_map(|r| {
                    std::iter::once(&r.date)
                        .chain(r.effective.as_ref())
                        .chain(r.applies_from.as_ref())
                }));
            for date in every {
                let written = crate::text::wareki::to_wareki(
                    date.value,
                    crate::text::wareki::Digits::HalfWidth,
                );
                if written.is_none() {
                    self.report(
                        date,
                        Problem::BeforeWareki {
                            date: date.value.to_string(),
                        },
                    );
                }
            }
        }
        let mut previous = established.map(|d| d.value);
        for revision in revisions {
            if let Some(before) = previous
                && revision.date.value < before
            {
                self.report(
                    &revision.date,
                    Problem::RevisionOutOfOrder {
                        date: revision.date.value.to_string(),
                        previous: before.to_string(),
                    },
                );
            }
            previous = Some(previous.map_or(revision.date.value, |p| p.max(revision.date.value)));
            if let Some(effective) = &revision.effective
                && effective.value < revision.date.value
            {
                self.report(
                    effective,
                    Problem::EffectiveBeforeRevision {
                        date: effective.value.to_string(),
                        revision: revision.date.value.to_string(),
                    },
                );
            }
        }
    }
}

/// The first text written in `parts` (a heading, a label, a text, a category or group
/// chosen), in file order: where a problem of the parts as a whole is shown.
fn first_written(parts: &[Part]) -> Option<&Text> {
    parts.iter().find_map(|part| {
        let purposes = part.purposes.as_ref().and_then(|p| {
            p.categories
                .iter()
                .flatten()
                .chain(p.groups.iter().flatten())
                .next()
        });
        part.heading
            .as_ref()
            .or(part.label.as_ref())
            .or(part.text.as_ref())
            .or(purposes)
            .or_else(|| part.record.as_ref().and_then(|r| first_written(&r.value)))
    })
}
