//! One traversal of the source: every text and id, with the name of its field.
//!
//! Validation (empty texts), the lint, the encoding check and the key suggestions all walk
//! the source through [`Source::visit`], so a new field is listed here once and every check
//! sees it.

use super::document::{Document, Part, Style};
use super::model::{Category, Item, Source, Text};

/// What a visited text is, which decides the checks it gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Prose that reaches the outputs: must not be empty, is linted.
    Prose,
    /// A text that may be empty (`label: ""` means no number) or whose own checks live
    /// elsewhere (the legal sections'): linted, not checked for emptiness here.
    Label,
    /// A declared id: must not be empty; checked for the encoding, not linted.
    Id,
    /// A reference to a declared id; checked for the encoding, not linted.
    Reference,
    /// A choice written as text (a numbering pattern): checked on its own, not linted.
    Choice,
}

/// One text of the source.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// The field's name as messages show it, e.g. `notice.title` or `title`.
    pub name: &'static str,
    /// What the text is.
    pub role: Role,
    /// The text, with its place in the file.
    pub text: &'a Text,
}

impl Source {
    /// Calls `visit` with every text and id of the source, in the order of the file's
    /// schema.
    pub fn visit<'a>(&'a self, visit: &mut dyn FnMut(Field<'a>)) {
        let mut v = |name, role, text| visit(Field { name, role, text });
        v("organization.name", Role::Prose, &self.organization.name);
        if let Some(short) = &self.organization.short_name {
            v("organization.short_name", Role::Prose, short);
        }
        let mut legal = Vec::new();
        self.organization.legal_texts(&mut legal);
        for text in legal {
            v("organization", Role::Label, text);
        }
        if let Some(notice) = &self.notice {
            v("notice.title", Role::Prose, &notice.title);
            if let Some(t) = &notice.preamble {
                v("notice.preamble", Role::Prose, t);
            }
            if let Some(t) = &notice.purposes_heading {
                v("notice.purposes_heading", Role::Prose, t);
            }
            for section in &notice.sections {
                v("heading", Role::Prose, &section.heading);
                v("body", Role::Prose, &section.body);
            }
            if let Some(t) = &notice.closing {
                v("notice.closing", Role::Prose, t);
            }
            if let Some(dates) = &notice.dates {
                for revision in &dates.revisions {
                    visit_revision(revision, &mut v);
                }
            }
        }
        if let Some(regulation) = &self.regulation {
            v("regulation.name", Role::Prose, &regulation.name);
            v("regulation.table", Role::Prose, &regulation.table);
            v("regulation.title", Role::Prose, &regulation.title);
            v("regulation.empty_cell", Role::Prose, &regulation.empty_cell);
        }
        for recipient in &self.recipients {
            v("id", Role::Id, &recipient.id);
            v("column", Role::Prose, &recipient.column);
            if let Some(heading) = &recipient.heading {
                v("heading", Role::Prose, heading);
            }
        }
        for attribute in &self.attributes {
            v("id", Role::Id, &attribute.id);
            v("column", Role::Prose, &attribute.column);
            if let Some(label) = &attribute.label {
                v("label", Role::Prose, label);
            }
        }
        for category in &self.categories {
            visit_category(category, &mut v);
        }
        for group in &self.groups {
            v("id", Role::Id, &group.id);
            if let Some(title) = &group.title {
                v("title", Role::Prose, title);
            }
            if let Some(label) = &group.label {
                v("label", Role::Label, label);
            }
            if let Some(d) = &group.description {
                v("description", Role::Prose, d);
            }
            for category in &group.categories {
                visit_category(category, &mut v);
            }
        }
        for document in &self.documents {
            visit_document(document, &mut v);
        }
        let mut legal = Vec::new();
        if let Some(personal_data) = &self.personal_data {
            personal_data.value.texts(&mut legal);
        }
        for record in &self.joint_use {
            record.texts(&mut legal);
        }
        for text in legal {
            v("legal", Role::Label, text);
        }
        for record in &self.joint_use {
            v("id", Role::Id, &record.id);
        }
    }

    /// Every text of the source that reaches the outputs (prose and labels), in order.
    pub fn texts(&self) -> Vec<&Text> {
        let mut out = Vec::new();
        self.visit(&mut |f| {
            if matches!(f.role, Role::Prose | Role::Label) {
                out.push(f.text);
            }
        });
        out
    }

    /// Every id of the source, declared or referred to.
    pub fn ids(&self) -> Vec<&Text> {
        let mut out = Vec::new();
        self.visit(&mut |f| {
            if matches!(f.role, Role::Id | Role::Reference) {
                out.push(f.text);
            }
        });
        out
    }
}

type Visit<'v, 'a> = dyn FnMut(&'static str, Role, &'a Text) + 'v;

fn visit_revision<'a>(revision: &'a super::model::Revision, v: &mut Visit<'_, 'a>) {
    if let Some(summary) = &revision.summary {
        v("summary", Role::Prose, summary);
    }
    if let Some(event) = &revision.effective_event {
        v("effective_event", Role::Prose, event);
    }
}

fn visit_category<'a>(category: &'a Category, v: &mut Visit<'_, 'a>) {
    v("id", Role::Id, &category.id);
    v("title", Role::Prose, &category.title);
    if let Some(label) = &category.label {
        v("label", Role::Label, label);
    }
    if let Some(group) = &category.group {
        v("group", Role::Prose, group);
    }
    if let Some(d) = &category.description {
        v("description", Role::Prose, d);
    }
    for note in &category.notes {
        v("notes", Role::Prose, note);
    }
    for (id, text) in &category.attributes.0 {
        v("attributes", Role::Reference, id);
        v("attributes", Role::Prose, text);
    }
    for (id, text) in &category.headings.0 {
        v("headings", Role::Reference, id);
        v("headings", Role::Prose, text);
    }
    for (kind, items) in category.items.cells() {
        v("items", Role::Reference, kind);
        visit_items(items, v);
    }
    visit_items(category.items.plain(), v);
    for note in &category.notes_after {
        v("notes_after", Role::Prose, note);
    }
}

fn visit_items<'a>(items: &'a [Item], v: &mut Visit<'_, 'a>) {
    for item in items {
        v("text", Role::Prose, &item.text);
        for note in &item.notes {
            v("notes", Role::Prose, note);
        }
        visit_items(&item.items, v);
    }
}

fn visit_style<'a>(style: &'a Style, v: &mut Visit<'_, 'a>) {
    for (name, pattern) in [
        ("numbering", &style.numbering),
        ("group_numbering", &style.group_numbering),
        ("item_marker", &style.item_marker),
        ("sub_item_marker", &style.sub_item_marker),
    ] {
        if let Some(p) = pattern {
            v(name, Role::Choice, p);
        }
    }
    if let Some(t) = &style.empty_text {
        v("empty_text", Role::Prose, t);
    }
}

fn visit_parts<'a>(parts: &'a [Part], v: &mut Visit<'_, 'a>) {
    for part in parts {
        if let Some(h) = &part.heading {
            v("heading", Role::Prose, h);
        }
        if let Some(l) = &part.label {
            v("label", Role::Label, l);
        }
        if let Some(t) = &part.text {
            v("text", Role::Prose, t);
        }
        if let Some(p) = &part.purposes {
            for id in p.categories.iter().flatten() {
                v("categories", Role::Reference, id);
            }
            for id in p.groups.iter().flatten() {
                v("groups", Role::Reference, id);
            }
            visit_style(&p.style, v);
        }
        if let Some(record) = &part.record {
            visit_parts(&record.value, v);
        }
    }
}

fn visit_document<'a>(document: &'a Document, v: &mut Visit<'_, 'a>) {
    v("id", Role::Id, &document.id);
    if let Some(title) = &document.title {
        v("title", Role::Prose, title);
    }
    if let Some(number) = &document.number {
        v("number", Role::Prose, number);
    }
    if let Some(page) = &document.page {
        v("page", Role::Reference, page);
    }
    visit_style(&document.style, v);
    if let Some(s) = &document.section_numbering {
        v("section_numbering", Role::Choice, s);
    }
    if let Some(letter) = &document.letter {
        if let Some(a) = &letter.addressee {
            v("addressee", Role::Prose, a);
        }
        for line in letter.sender.iter().flatten() {
            v("sender", Role::Prose, line);
        }
    }
    if let Some(dates) = &document.dates {
        if let Some(e) = &dates.effective_event {
            v("effective_event", Role::Prose, e);
        }
        // "" prints the date alone.
        if let Some(l) = &dates.established_label {
            v("established_label", Role::Label, l);
        }
        if let Some(l) = &dates.revised_label {
            v("revised_label", Role::Label, l);
        }
        for revision in &dates.revisions {
            visit_revision(revision, v);
        }
    }
    visit_parts(&document.parts, v);
    for attachment in &document.attachments {
        v("title", Role::Prose, &attachment.title);
        visit_parts(&attachment.parts, v);
    }
    for link in &document.links {
        v("links", Role::Reference, link);
    }
    for (name, text) in [
        ("name", &document.name),
        ("table", &document.table),
        ("empty_cell", &document.empty_cell),
        ("items_column", &document.items_column),
    ] {
        if let Some(t) = text {
            v(name, Role::Prose, t);
        }
    }
    // "" leaves the table's top-left cell empty.
    if let Some(t) = &document.title_column {
        v("title_column", Role::Label, t);
    }
    for id in document.categories.iter().flatten() {
        v("categories", Role::Reference, id);
    }
}
