//! The one form of the facts: the original form of the source turned into documents and
//! groups, right after it is checked.
//!
//! A source may still be written in the original form: `notice:` and `regulation:` for the
//! two documents, and a `group:` heading on each category. Checks run on the source as
//! written, so that they name the keys the user wrote; everything after them (rendering,
//! `compare`, the law check, the lint) sees only this form:
//! - `notice:` is the document `notice` and `regulation:` the table document `beppyo2`,
//!   first among `documents:`, marked [`Document::implied`];
//! - every category stands in a group: `categories:` becomes runs of consecutive categories
//!   that share a `group:` heading (or have none), each a [`GroupForm::Run`].
//!
//! Values are moved, never copied, so every text keeps its place in the file.

use serde_saphyr::{Location, Spanned};

use super::document::{
    Calendar, DateForm, Document, DocumentDates, DocumentKind, Part, Placement, PurposesPart,
    Split, Style,
};
use super::model::{Group, GroupForm, Notice, Regulation, Source, Text};

/// Turns `source` into the one form, in place. Total: it never fails, whatever the checks
/// found.
pub fn normalize(source: &mut Source) {
    let mut implied = Vec::new();
    let notice = source.notice.take();
    let regulation = source.regulation.take();
    if let Some(notice) = notice {
        implied.push(notice_document(notice, regulation.is_some()));
    }
    if let Some(regulation) = regulation {
        implied.push(table_document(regulation));
    }
    implied.append(&mut source.documents);
    source.documents = implied;

    let categories = std::mem::take(&mut source.categories);
    let mut runs: Vec<Group> = Vec::new();
    for mut category in categories {
        let title = category.group.take();
        match runs.last_mut() {
            Some(run)
                if run.title.as_ref().map(|t| &t.value) == title.as_ref().map(|t| &t.value) =>
            {
                run.categories.push(category)
            }
            _ => runs.push(Group {
                id: unplaced(String::new()),
                title,
                label: None,
                description: None,
                categories: vec![category],
                form: GroupForm::Run,
            }),
        }
    }
    runs.append(&mut source.groups);
    source.groups = runs;
}

/// A text the user did not write: no place in the file.
fn unplaced(value: String) -> Text {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// An empty document of `kind`, to be filled in.
fn document(id: &str, kind: DocumentKind, title: Text) -> Document {
    Document {
        id: unplaced(id.to_owned()),
        kind,
        title: Some(title),
        number: None,
        name_line: true,
        page: None,
        style: Style::default(),
        section_numbering: None,
        parts: Vec::new(),
        attachments: Vec::new(),
        links: Vec::new(),
        dates: None,
        letter: None,
        name: None,
        table: None,
        empty_cell: None,
        title_column: None,
        items_column: None,
        split: Split::None,
        categories: None,
        implied: true,
    }
}

/// A part holding prose, with an optional heading.
fn text_part(heading: Option<Text>, text: Text) -> Part {
    Part {
        heading,
        label: None,
        text: Some(text),
        purposes: None,
        record: None,
        legal: None,
        address: None,
    }
}

/// `notice:` as the document `notice`: preamble, the purposes under their heading, the
/// sections, the legal sections, the closing; the dates at the end; a link to the table.
fn notice_document(notice: Notice, linked_table: bool) -> Document {
    let mut document = document("notice", DocumentKind::Notice, notice.title);
    let mut parts = Vec::new();
    if let Some(preamble) = notice.preamble {
        parts.push(text_part(None, preamble));
    }
    parts.push(Part {
        heading: notice.purposes_heading,
        label: None,
        text: None,
        purposes: Some(PurposesPart::default()),
        record: None,
        legal: None,
        address: None,
    });
    for section in notice.sections {
        parts.push(text_part(Some(section.heading), section.body));
    }
    parts.push(Part {
        heading: None,
        label: None,
        text: None,
        purposes: None,
        record: None,
        legal: Some(true),
        address: None,
    });
    if let Some(closing) = notice.closing {
        parts.push(text_part(None, closing));
    }
    document.parts = parts;
    document.dates = notice.dates.map(|dates| DocumentDates {
        established: Some(dates.established),
        effective_event: None,
        revisions: dates.revisions,
        placement: Placement::End,
        calendar: Calendar::Wareki,
        form: DateForm::Suffix,
        history: true,
        established_label: None,
        revised_label: None,
        brackets: false,
    });
    if linked_table {
        document.links.push(unplaced("beppyo2".to_owned()));
    }
    document
}

/// `regulation:` as the table document `beppyo2`.
fn table_document(regulation: Regulation) -> Document {
    let mut document = document("beppyo2", DocumentKind::Table, regulation.title);
    document.name = Some(regulation.name);
    document.table = Some(regulation.table);
    document.empty_cell = Some(regulation.empty_cell);
    document
}
