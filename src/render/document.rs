//! The documents as templates see them: each document resolved into nested structure —
//! parts, groups, categories, kinds and items — with every number, label and heading level
//! computed here, so that templates only lay them out.
//!
//! The original form of the source (`notice:` and `regulation:`) is read as the two
//! documents it implies, `notice` and `beppyo2`; their defaults give the seeds' output.

use serde::Serialize;

use super::numbering::Numbering;
use crate::source::date::Date;
use crate::source::document::{
    Calendar, DateForm, Document, DocumentKind, EmptyKinds, KindHeading, KindLabels, KindOrder,
    Layout, Part, Placement, PurposesPart, Restart, Split, Style,
};
use crate::source::model::{self, Category, GroupForm, Item, Source, Text};
use crate::text::wareki::{Digits, to_wareki};

impl super::columns::HeldItem for ItemView {
    fn marker(&self) -> &str {
        &self.marker
    }
    fn text(&self) -> &str {
        &self.text
    }
    fn notes(&self) -> &[String] {
        &self.notes
    }
    fn sub_items(&self) -> &[ItemView] {
        &self.items
    }
}

/// The template families: a template `{family}.{format}.tera` renders once per document of
/// that kind.
pub const FAMILIES: &[&str] = &["notice", "beppyo2"];

/// One document, ready for its templates.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// The id, which names the outputs.
    pub id: String,
    /// `notice` or `table`.
    pub kind: &'static str,
    /// The title.
    pub title: String,
    /// The document's number (規程第３号), printed under the title.
    pub number: Option<String>,
    /// The society's name as printed on its line under the title; none when the document
    /// leaves the line out (`name_line: false`) or is a letter, which has its sender.
    pub name_line: Option<String>,
    /// The heading of the first purposes part, which the legal sections refer to.
    pub purposes_heading: Option<String>,
    /// The legal sections' sentence that every purpose of retained personal data is the
    /// one listed under that heading (第32条第1項第2号).
    pub purposes_statement: String,
    /// The letter head, in letter form.
    pub letter: Option<LetterView>,
    /// The dates, if printed.
    pub dates: Option<DatesView>,
    /// The body, part by part.
    pub parts: Vec<PartView>,
    /// Attachments printed after the body.
    pub attachments: Vec<AttachmentView>,
    /// Links to other documents, at the end.
    pub links: Vec<LinkView>,
    /// Documents printed on this one's page, after it.
    pub appended: Vec<DocumentView>,
    /// The table, for a table document.
    pub table: Option<TableView>,
    /// True for a document declared under `documents:`, whose pages carry the styles of
    /// the layouts it may choose (the implied two keep their original bytes).
    pub styled: bool,
    /// The page this document is printed on, when not its own.
    #[serde(skip)]
    pub page: Option<String>,
    /// The template family.
    #[serde(skip)]
    pub family: &'static str,
}

/// The letter head: addressee, date line, sender.
#[derive(Debug, Clone, Serialize)]
pub struct LetterView {
    /// 宛名.
    pub addressee: Option<String>,
    /// The date line, written out.
    pub date: Option<String>,
    /// The sender block, line by line.
    pub sender: Vec<String>,
}

/// A document's dates, written out.
#[derive(Debug, Clone, Serialize)]
pub struct DatesView {
    /// `top`, `under_title` or `end`.
    pub placement: &'static str,
    /// True when the label stands before the date (制定　令和７年４月１日).
    pub prefix: bool,
    /// 制定, if given.
    pub established: Option<String>,
    /// 制定's 施行 as an event (公布の日から施行).
    pub effective_event: Option<String>,
    /// The latest 改正, if any.
    pub last_revised: Option<String>,
    /// Every 改正, oldest first; empty when the history is not printed.
    pub revisions: Vec<RevisionView>,
    /// The line of 制定, finished: 「令和７年４月１日制定」 (or 「制定　令和７年４月１日」),
    /// with its 施行 as an event after 「、」.
    pub established_line: Option<String>,
    /// The line of the latest 改正, finished: 「令和７年４月１日最終改正」.
    pub last_revised_line: Option<String>,
}

/// One revision, its dates written out.
#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    /// 改正日.
    pub date: String,
    /// What changed.
    pub summary: Option<String>,
    /// 施行日.
    pub effective: Option<String>,
    /// 施行 as an event.
    pub effective_event: Option<String>,
    /// 適用日.
    pub applies_from: Option<String>,
    /// The whole entry, finished: 「令和７年４月１日改正（要旨）、令和７年６月１日施行」.
    pub line: String,
}

/// One part of the body.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    /// `text`, `purposes`, `record`, `law` (the legal sections) or `address` (the society's
    /// address, in `text`).
    pub kind: &'static str,
    /// `preamble` (prose without heading before any purposes), `closing` (prose without
    /// heading after them) or `section`.
    pub role: &'static str,
    /// Heading, if any.
    pub heading: Option<String>,
    /// The heading's number or label ("" for none).
    pub label: String,
    /// The heading's level (2 = h2 / ##).
    pub level: usize,
    /// Prose (Markdown).
    pub text: Option<String>,
    /// The purposes.
    pub purposes: Option<PurposesView>,
    /// The parts of a record (記 … 以上).
    pub parts: Vec<PartView>,
}

/// An attachment.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    /// Its title.
    pub title: String,
    /// Its parts.
    pub parts: Vec<PartView>,
}

/// A link to another document.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The target's id (its outputs are `{id}.html`, `{id}.md`).
    pub id: String,
    /// The regulation's name, for a table.
    pub name: Option<String>,
    /// The table's name, for a table.
    pub table: Option<String>,
    /// The target's title.
    pub title: String,
    /// What the link says: 「個人情報保護管理規程 別表2（個人情報の利用目的）」 for a table of a
    /// regulation, the title otherwise.
    pub label: String,
}

/// The purposes of a part, as groups of categories.
#[derive(Debug, Clone, Serialize)]
pub struct PurposesView {
    /// How kinds are shown: `heading`, `bullet`, `cell` or `none`.
    pub kind_style: &'static str,
    /// True when items carry markers other than the default 「・」 at every level.
    pub marked: bool,
    /// The groups, in order; categories outside any group are in groups without a title.
    pub groups: Vec<GroupView>,
    /// `layout: flat`: every item of the categories shown, in one list (a category without
    /// items gives its title); the templates then print this list instead of the groups.
    pub flat: Option<Vec<ItemView>>,
}

/// A group of categories.
#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    /// Its heading; none for categories outside any group.
    pub title: Option<String>,
    /// Its label ("" for none).
    pub label: String,
    /// Its heading level.
    pub level: usize,
    /// A sentence under the heading.
    pub description: Option<String>,
    /// Its categories.
    pub categories: Vec<CategoryView>,
}

/// A category in a notice.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// Its id.
    pub id: String,
    /// Its number, 1-based, as counted in this view.
    pub number: usize,
    /// Its label, e.g. 「１．」 ("" for none).
    pub label: String,
    /// Its title.
    pub title: String,
    /// Its heading level.
    pub level: usize,
    /// A sentence under the title.
    pub description: Option<String>,
    /// Notes before the items.
    pub notes: Vec<String>,
    /// Values of further columns, with their labels.
    pub attributes: Vec<AttributeView>,
    /// Its kinds, in the order shown, each with its items.
    pub kinds: Vec<KindView>,
    /// Items of a plain list (no kinds).
    pub items: Vec<ItemView>,
    /// Notes after the items.
    pub notes_after: Vec<String>,
}

/// A further column's value.
#[derive(Debug, Clone, Serialize)]
pub struct AttributeView {
    /// Its label.
    pub label: String,
    /// Its text.
    pub text: String,
}

/// A recipient kind within a category.
#[derive(Debug, Clone, Serialize)]
pub struct KindView {
    /// The kind's id.
    pub id: String,
    /// The heading as printed, e.g. 「【内部での利用に係る事例】」.
    pub label: String,
    /// The heading's level, when shown as a heading.
    pub level: usize,
    /// Its items.
    pub items: Vec<ItemView>,
    /// What an empty kind says (「・なし」), when it says anything.
    pub empty_text: Option<String>,
}

/// A purpose.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    /// The text.
    pub text: String,
    /// The basis of a provision (委託, 共同利用, 法令, 本人同意), if given.
    pub basis: Option<super::legal::Basis>,
    /// Whether the item (or its category) handles 要配慮個人情報.
    pub sensitive: bool,
    /// Its marker, e.g. 「・」 or 「（１）」 ("" for none).
    pub marker: String,
    /// Notes.
    pub notes: Vec<String>,
    /// Sub-items.
    pub items: Vec<ItemView>,
}

/// A table document's table(s).
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// The regulation's name.
    pub name: Option<String>,
    /// The table's name (別表2).
    pub table: Option<String>,
    /// The name and the table's name together, 「個人情報保護管理規程 別表2」, if either is given.
    pub heading: Option<String>,
    /// The heading of the title column.
    pub title_column: String,
    /// Further columns' headings.
    pub attribute_columns: Vec<String>,
    /// The kinds' column headings.
    pub columns: Vec<String>,
    /// The heading of the column of plain items, when any category has a plain list.
    pub items_column: Option<String>,
    /// True when a group column is printed.
    pub grouped: bool,
    /// What an empty cell says.
    pub empty_cell: String,
    /// True when items carry markers other than 「・」.
    pub marked: bool,
    /// One table, or one per group.
    pub sections: Vec<TableSection>,
    /// True when the table has more than four columns, every column counted (group,
    /// title, further columns, kinds, plain items): printed on landscape paper.
    pub landscape: bool,
}

/// One table.
#[derive(Debug, Clone, Serialize)]
pub struct TableSection {
    /// Its caption: the document's title, or the group's.
    pub caption: String,
    /// False when the caption says what the page's heading says already (a table titled
    /// by its document's title alone), which is then not printed twice.
    pub captioned: bool,
    /// The share of the table's width each column takes, in percent (see
    /// [`super::columns`]).
    pub widths: Vec<String>,
    /// Its rows.
    pub rows: Vec<Row>,
}

/// A row: one category.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The category's id.
    pub id: String,
    /// Its label (「１．」).
    pub label: String,
    /// Its title.
    pub title: String,
    /// The group, when the table has a group column.
    pub group: Option<String>,
    /// True on the first row of a group.
    pub group_starts: bool,
    /// On the first row of a group: its number of rows.
    pub group_size: usize,
    /// A sentence under the title.
    pub description: Option<String>,
    /// Notes before the items.
    pub notes: Vec<String>,
    /// Notes after the items.
    pub notes_after: Vec<String>,
    /// One text per further column ("" when the category has none).
    pub attributes: Vec<String>,
    /// One cell per kind, in the declared order.
    pub cells: Vec<CellView>,
    /// The plain items, for a category without kinds.
    pub items: Option<Vec<ItemView>>,
}

/// A cell of the table.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// The column heading.
    pub column: String,
    /// Its items.
    pub items: Vec<ItemView>,
}

/// The choices in force for a view: the part's over the document's over the defaults.
struct Resolved {
    numbering: Numbering,
    restart: Restart,
    group_numbering: Numbering,
    kind_heading: KindHeading,
    item_marker: Numbering,
    sub_item_marker: Numbering,
    empty_kinds: EmptyKinds,
    empty_text: String,
    kind_order: KindOrder,
    kind_labels: KindLabels,
    layout: Layout,
}

fn value(text: &Option<Text>) -> Option<String> {
    text.as_ref().map(|t| t.value.clone())
}

fn values(texts: &[Text]) -> Vec<String> {
    texts.iter().map(|t| t.value.clone()).collect()
}

impl Resolved {
    /// The default numbering follows the digits of the dates: 「１．」, or 「1.」 with
    /// half-width digits.
    fn new(styles: &[&Style], digits: Digits) -> Resolved {
        let default_numbering = match digits {
            Digits::FullWidth => "１．",
            Digits::HalfWidth => "1.",
        };
        fn pick<'a, T>(styles: &[&'a Style], field: impl Fn(&'a Style) -> Option<T>) -> Option<T> {
            styles.iter().rev().find_map(|s| field(s))
        }
        let pattern = |field: fn(&Style) -> &Option<Text>, default: &str| {
            Numbering::parse(
                pick(styles, |s| field(s).as_ref().map(|t| t.value.as_str())).unwrap_or(default),
            )
        };
        Resolved {
            numbering: pattern(|s| &s.numbering, default_numbering),
            restart: pick(styles, |s| s.restart).unwrap_or(Restart::RunOn),
            group_numbering: pattern(|s| &s.group_numbering, "none"),
            kind_heading: pick(styles, |s| s.kind_heading).unwrap_or(KindHeading::Lenticular),
            item_marker: pattern(|s| &s.item_marker, "・"),
            sub_item_marker: pattern(|s| &s.sub_item_marker, "・"),
            empty_kinds: pick(styles, |s| s.empty_kinds).unwrap_or(EmptyKinds::Omit),
            empty_text: pick(styles, |s| s.empty_text.as_ref().map(|t| t.value.clone()))
                .unwrap_or_else(|| "・なし".to_owned()),
            kind_order: pick(styles, |s| s.kind_order).unwrap_or(KindOrder::Declared),
            kind_labels: pick(styles, |s| s.kind_labels).unwrap_or(KindLabels::Category),
            layout: pick(styles, |s| s.layout).unwrap_or(Layout::Headings),
        }
    }

    fn marked(&self) -> bool {
        let dot = Numbering::parse("・");
        self.item_marker != dot || self.sub_item_marker != dot
    }

    fn items(&self, items: &[Item], depth: usize, sensitive: bool) -> Vec<ItemView> {
        let marker = if depth == 0 {
            &self.item_marker
        } else {
            &self.sub_item_marker
        };
        items
            .iter()
            .enumerate()
            .map(|(index, item)| ItemView {
                text: item.text.value.clone(),
                basis: item
                    .basis
                    .as_ref()
                    .map(|b| super::legal::Basis::new(&b.value, &item.text.value)),
                sensitive: sensitive || item.sensitive,
                marker: marker.label(index + 1),
                notes: values(&item.notes),
                items: self.items(&item.items, depth + 1, sensitive || item.sensitive),
            })
            .collect()
    }

    fn kind_label(&self, heading: &str) -> String {
        let (open, close) = match self.kind_heading {
            KindHeading::Lenticular => ("【", "】"),
            KindHeading::Tortoise => ("〔", "〕"),
            KindHeading::Square => ("［", "］"),
            KindHeading::Corner => ("「", "」"),
            _ => ("", ""),
        };
        format!("{open}{heading}{close}")
    }

    fn kind_style(&self) -> &'static str {
        match self.kind_heading {
            KindHeading::Bullet => "bullet",
            KindHeading::Cell => "cell",
            KindHeading::None => "none",
            _ => "heading",
        }
    }
}

/// Writes dates in a document's calendar.
#[derive(Clone, Copy)]
struct DateWriter {
    calendar: Calendar,
    digits: Digits,
    /// The label before the date (制定　令和７年…) rather than after it.
    prefix: bool,
}

impl DateWriter {
    fn write(&self, date: Date) -> String {
        match self.calendar {
            Calendar::Wareki => to_wareki(date, self.digits).unwrap_or_else(|| date.to_string()),
            Calendar::Seireki => format!("{}年{}月{}日", date.year, date.month, date.day),
        }
    }

    fn revisions(&self, revisions: &[model::Revision]) -> Vec<RevisionView> {
        revisions
            .iter()
            .map(|r| {
                let date = self.write(r.date.value);
                let summary = value(&r.summary);
                let effective = r.effective.as_ref().map(|d| self.write(d.value));
                let effective_event = value(&r.effective_event);
                let applies_from = r.applies_from.as_ref().map(|d| self.write(d.value));
                let mut line = self.labelled("改正", &date);
                if let Some(summary) = &summary {
                    line.push_str(&format!("（{summary}）"));
                }
                if let Some(effective) = &effective {
                    line.push_str(&format!("、{effective}施行"));
                }
                if let Some(event) = &effective_event {
                    line.push_str(&format!("、{event}"));
                }
                if let Some(applies_from) = &applies_from {
                    line.push_str(&format!("、{applies_from}適用"));
                }
                RevisionView {
                    date,
                    summary,
                    effective,
                    effective_event,
                    applies_from,
                    line,
                }
            })
            .collect()
    }

    /// A date with what happened on it: 「令和７年４月１日制定」, or 「制定　令和７年４月１日」 in
    /// the prefix form.
    fn labelled(&self, label: &str, date: &str) -> String {
        if label.is_empty() {
            date.to_owned()
        } else if self.prefix {
            format!("{label}　{date}")
        } else {
            format!("{date}{label}")
        }
    }
}

/// Builds every document of `source`, in order (the original form's `notice` and `beppyo2`
/// are the first documents, see [`crate::source::normal`]). Documents printed on another's
/// page are moved into it.
pub fn documents(source: &Source, digits: Digits) -> Vec<DocumentView> {
    let all = source
        .documents
        .iter()
        .map(|document| view(source, document, digits));
    // Documents printed on another's page go there, in order.
    let mut placed: Vec<DocumentView> = Vec::new();
    let mut guests = Vec::new();
    for document in all {
        match &document.page {
            Some(_) => guests.push(document),
            None => placed.push(document),
        }
    }
    for guest in guests {
        let host = guest.page.clone().unwrap_or_default();
        if let Some(host) = placed.iter_mut().find(|d| d.id == host) {
            host.appended.push(guest);
        }
    }
    placed
}

fn view(source: &Source, document: &Document, digits: Digits) -> DocumentView {
    let dates = document.dates.as_ref().map(|dates| {
        let bracketed = |line: String| {
            if dates.brackets {
                format!("（{line}）")
            } else {
                line
            }
        };
        let writer = DateWriter {
            calendar: dates.calendar,
            digits,
            prefix: dates.form == DateForm::Prefix,
        };
        let established = dates.established.as_ref().map(|d| writer.write(d.value));
        let effective_event = value(&dates.effective_event);
        let last_revised = dates.revisions.last().map(|r| writer.write(r.date.value));
        DatesView {
            placement: match dates.placement {
                Placement::Top => "top",
                Placement::AboveAddressee if document.letter.is_some() => "above_addressee",
                Placement::AboveAddressee => "top",
                Placement::UnderTitle => "under_title",
                Placement::End => "end",
            },
            prefix: writer.prefix,
            established_line: established.as_ref().map(|date| {
                let label = value(&dates.established_label);
                let line = writer.labelled(label.as_deref().unwrap_or("制定"), date);
                let line = match &effective_event {
                    Some(event) => format!("{line}、{event}"),
                    None => line,
                };
                bracketed(line)
            }),
            last_revised_line: last_revised.as_ref().map(|date| {
                let label = value(&dates.revised_label);
                bracketed(writer.labelled(label.as_deref().unwrap_or("最終改正"), date))
            }),
            established,
            effective_event,
            last_revised,
            revisions: if dates.history {
                writer.revisions(&dates.revisions)
            } else {
                Vec::new()
            },
        }
    });
    let letter = document.letter.as_ref().map(|letter| LetterView {
        addressee: value(&letter.addressee),
        date: letter.date.as_ref().map(|d| {
            DateWriter {
                calendar: letter.calendar,
                digits,
                prefix: false,
            }
            .write(d.value)
        }),
        // By default the organisation, and its representative's title and name if given.
        sender: match &letter.sender {
            Some(lines) => values(lines),
            None => std::iter::once(source.organization.name.value.clone())
                .chain(
                    source
                        .organization
                        .representative
                        .as_ref()
                        .map(|r| r.display()),
                )
                .collect(),
        },
    });
    let purposes_heading = first_purposes_heading(&document.parts);
    let links = document
        .links
        .iter()
        .filter_map(|id| link(source, &id.value))
        .collect();
    let mut view = DocumentView {
        id: document.id.value.clone(),
        kind: match document.kind {
            DocumentKind::Notice => "notice",
            DocumentKind::Table => "table",
        },
        title: value(&document.title).unwrap_or_default(),
        number: value(&document.number),
        name_line: (document.name_line && document.letter.is_none())
            .then(|| source.organization.name.value.clone()),
        // Without a short name, the full name; without a heading over the purposes, 「上記」.
        purposes_statement: format!(
            "{}が保有する全ての保有個人データの利用目的は、上記{}のとおりです。",
            source.organization.prose_name(),
            purposes_heading
                .as_deref()
                .map(|h| format!("「{h}」"))
                .unwrap_or_default()
        ),
        purposes_heading,
        letter,
        dates,
        parts: Vec::new(),
        attachments: Vec::new(),
        links,
        appended: Vec::new(),
        table: None,
        styled: !document.implied,
        page: value(&document.page),
        family: document.kind.family(),
    };
    match document.kind {
        DocumentKind::Notice => {
            let mut counter = 0;
            let mut seen_purposes = false;
            view.parts = parts(
                source,
                digits,
                document,
                &document.parts,
                2,
                &mut counter,
                &mut seen_purposes,
            );
            view.attachments = document
                .attachments
                .iter()
                .map(|a| {
                    let mut counter = 0;
                    let mut seen = true;
                    AttachmentView {
                        title: a.title.value.clone(),
                        parts: parts(
                            source,
                            digits,
                            document,
                            &a.parts,
                            3,
                            &mut counter,
                            &mut seen,
                        ),
                    }
                })
                .collect();
        }
        DocumentKind::Table => {
            let resolved = Resolved::new(&[&document.style], digits);
            // Its rows as a notice's list, for an output that has no tables (the mailing
            // text of the page the table is printed on).
            view.parts = vec![PartView {
                kind: "purposes",
                role: "section",
                heading: None,
                label: String::new(),
                level: 2,
                text: None,
                purposes: Some(purposes(
                    source,
                    &resolved,
                    document.categories.as_ref(),
                    None,
                    2,
                )),
                parts: Vec::new(),
            }];
            view.table = Some(table(
                source,
                &resolved,
                TableOptions {
                    name: value(&document.name),
                    table: value(&document.table),
                    caption: value(&document.title).unwrap_or_default(),
                    empty_cell: value(&document.empty_cell).unwrap_or_else(|| "・なし".to_owned()),
                    title_column: value(&document.title_column)
                        .unwrap_or_else(|| "利用目的".to_owned()),
                    items_column: value(&document.items_column)
                        .unwrap_or_else(|| "内容".to_owned()),
                    split: document.split,
                    only: document.categories.as_ref(),
                },
            ));
        }
    }
    view
}

/// The heading of the first purposes part, looking into records.
fn first_purposes_heading(parts: &[Part]) -> Option<String> {
    parts.iter().find_map(|part| {
        if part.purposes.is_some() {
            value(&part.heading)
        } else {
            part.record
                .as_ref()
                .and_then(|r| first_purposes_heading(&r.value))
        }
    })
}

/// A table's name as its regulation calls it: 「個人情報保護管理規程 別表2」, either part alone,
/// or none.
fn table_heading(name: Option<&str>, table: Option<&str>) -> Option<String> {
    match (name, table) {
        (Some(name), Some(table)) => Some(format!("{name} {table}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
        (None, None) => None,
    }
}

fn link(source: &Source, id: &str) -> Option<LinkView> {
    let target = source.documents.iter().find(|d| d.id.value == id)?;
    let (name, table) = (value(&target.name), value(&target.table));
    let title = value(&target.title).unwrap_or_default();
    let label = match table_heading(name.as_deref(), table.as_deref()) {
        Some(heading) if title.is_empty() => heading,
        Some(heading) => format!("{heading}（{title}）"),
        // A document without a title is linked by its id.
        None if title.is_empty() => id.to_owned(),
        None => title.clone(),
    };
    Some(LinkView {
        id: id.to_owned(),
        name,
        table,
        title,
        label,
    })
}

fn parts(
    source: &Source,
    digits: Digits,
    document: &Document,
    list: &[Part],
    level: usize,
    counter: &mut usize,
    seen_purposes: &mut bool,
) -> Vec<PartView> {
    let sections = document
        .section_numbering
        .as_ref()
        .map(|n| Numbering::parse(&n.value))
        .unwrap_or_else(Numbering::none);
    list.iter()
        .map(|part| {
            let label = match (&part.label, &part.heading) {
                (Some(own), _) => own.value.clone(),
                (None, Some(_)) => {
                    *counter += 1;
                    sections.label(*counter)
                }
                (None, None) => String::new(),
            };
            let inner = if part.heading.is_some() {
                level + 1
            } else {
                level
            };
            let (kind, purposes, children) = if let Some(p) = &part.purposes {
                *seen_purposes = true;
                let resolved = Resolved::new(&[&document.style, &p.style], digits);
                let only = p.categories.as_ref().or(document.categories.as_ref());
                (
                    "purposes",
                    Some(purposes(source, &resolved, only, Some(p), inner)),
                    Vec::new(),
                )
            } else if let Some(record) = &part.record {
                let mut inner_counter = 0;
                (
                    "record",
                    None,
                    parts(
                        source,
                        digits,
                        document,
                        &record.value,
                        inner,
                        &mut inner_counter,
                        seen_purposes,
                    ),
                )
            } else if part.legal == Some(true) {
                ("law", None, Vec::new())
            } else if part.address == Some(true) {
                ("address", None, Vec::new())
            } else {
                ("text", None, Vec::new())
            };
            let role = match (&part.heading, kind, *seen_purposes) {
                (None, "text", false) => "preamble",
                (None, "text", true) => "closing",
                _ => "section",
            };
            PartView {
                kind,
                role,
                heading: value(&part.heading),
                label,
                level: level.min(6),
                text: match part.address {
                    Some(true) => value(&source.organization.address),
                    _ => value(&part.text),
                },
                purposes,
                parts: children,
            }
        })
        .collect()
}

/// The categories shown, as groups: the real groups of `groups:`, or runs of categories
/// sharing the original `group:` heading (at the categories' own level).
fn purposes(
    source: &Source,
    resolved: &Resolved,
    only: Option<&Vec<Text>>,
    part: Option<&PurposesPart>,
    level: usize,
) -> PurposesView {
    let shown = |c: &Category| only.is_none_or(|ids| ids.iter().any(|id| id.value == c.id.value));
    let group_shown = |id: &str| {
        part.and_then(|p| p.groups.as_ref())
            .is_none_or(|ids| ids.iter().any(|g| g.value == id))
    };
    let mut groups: Vec<GroupView> = Vec::new();
    let mut number = 0;
    let mut group_number = 0;
    // The title of the last run shown: runs that meet once some categories are left out
    // print as one.
    let mut last_run: Option<Option<String>> = None;
    for group in &source.groups {
        let list: Vec<&Category> = group.categories.iter().filter(|c| shown(c)).collect();
        match group.form {
            GroupForm::Run => {
                if list.is_empty() {
                    continue;
                }
                let title = value(&group.title);
                if last_run.as_ref() != Some(&title) {
                    if resolved.restart == Restart::Group {
                        number = 0;
                    }
                    groups.push(GroupView {
                        title: title.clone(),
                        label: String::new(),
                        level: level.min(6),
                        description: None,
                        categories: Vec::new(),
                    });
                }
                for category in list {
                    number += 1;
                    let view = category_view(source, resolved, category, number, level);
                    if let Some(run) = groups.last_mut() {
                        run.categories.push(view);
                    }
                }
                last_run = Some(title);
            }
            GroupForm::Above => {
                last_run = None;
                if !group_shown(&group.id.value) || list.is_empty() {
                    continue;
                }
                if resolved.restart == Restart::Group {
                    number = 0;
                }
                let categories = list
                    .into_iter()
                    .map(|category| {
                        number += 1;
                        category_view(source, resolved, category, number, level + 1)
                    })
                    .collect();
                group_number += 1;
                groups.push(GroupView {
                    title: value(&group.title),
                    label: match &group.label {
                        Some(own) => own.value.clone(),
                        None => resolved.group_numbering.label(group_number),
                    },
                    level: level.min(6),
                    description: value(&group.description),
                    categories,
                });
            }
        }
    }
    let flat = (resolved.layout == Layout::Flat).then(|| {
        // Every item once, in the order shown, numbered through.
        let mut items: Vec<Item> = Vec::new();
        for category in source.all_categories().filter(|c| shown(c)) {
            let before = items.len();
            for list in category.items.lists() {
                items.extend(list.iter().cloned());
            }
            if items.len() == before {
                items.push(Item {
                    text: category.title.clone(),
                    notes: Vec::new(),
                    items: Vec::new(),
                    basis: None,
                    sensitive: category.sensitive,
                    sensitive_written: None,
                });
            }
        }
        resolved.items(&items, 0, false)
    });
    PurposesView {
        kind_style: resolved.kind_style(),
        marked: resolved.marked(),
        groups,
        flat,
    }
}

fn category_view(
    source: &Source,
    resolved: &Resolved,
    category: &Category,
    number: usize,
    level: usize,
) -> CategoryView {
    let heading_of = |recipient: &model::RecipientKind| {
        let own = match resolved.kind_labels {
            KindLabels::Category => category.headings.get(&recipient.id.value),
            KindLabels::Declared => None,
        };
        own.map_or_else(
            || recipient.notice_heading().to_owned(),
            |t| t.value.clone(),
        )
    };
    let mut order: Vec<&model::RecipientKind> = Vec::new();
    if resolved.kind_order == KindOrder::Written {
        for (kind, _) in category.items.cells() {
            if let Some(r) = source.recipients.iter().find(|r| r.id.value == kind.value)
                && !order.iter().any(|o| o.id.value == r.id.value)
            {
                order.push(r);
            }
        }
    }
    for recipient in &source.recipients {
        if !order.iter().any(|o| o.id.value == recipient.id.value) {
            order.push(recipient);
        }
    }
    let has_kinds = matches!(category.items, model::Items::ByKind(_));
    let kinds = if has_kinds {
        order
            .into_iter()
            .filter_map(|recipient| {
                let items = cell_items(category, &recipient.id.value);
                let empty = items.is_empty();
                let written = || {
                    category
                        .items
                        .cells()
                        .iter()
                        .any(|(k, _)| k.value == recipient.id.value)
                };
                let shown = match resolved.empty_kinds {
                    EmptyKinds::Omit => !empty,
                    EmptyKinds::Written => !empty || written(),
                    EmptyKinds::NoneText | EmptyKinds::Heading => true,
                };
                if !shown {
                    return None;
                }
                Some(KindView {
                    id: recipient.id.value.clone(),
                    label: resolved.kind_label(&heading_of(recipient)),
                    level: (level + 1).min(6),
                    items: resolved.items(&items, 0, category.sensitive),
                    empty_text: (empty && resolved.empty_kinds == EmptyKinds::NoneText)
                        .then(|| resolved.empty_text.clone()),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    CategoryView {
        id: category.id.value.clone(),
        number,
        label: match &category.label {
            Some(own) => own.value.clone(),
            None => resolved.numbering.label(number),
        },
        title: category.title.value.clone(),
        level: level.min(6),
        description: value(&category.description),
        notes: values(&category.notes),
        attributes: source
            .attributes
            .iter()
            .filter_map(|a| {
                category
                    .attributes
                    .get(&a.id.value)
                    .map(|text| AttributeView {
                        label: a.label.as_ref().unwrap_or(&a.column).value.clone(),
                        text: text.value.clone(),
                    })
            })
            .collect(),
        kinds,
        items: resolved.items(category.items.plain(), 0, category.sensitive),
        notes_after: values(&category.notes_after),
    }
}

/// The items filed under one kind (a kind written twice gives its items in order).
fn cell_items(category: &Category, kind: &str) -> Vec<Item> {
    category
        .items
        .cells()
        .iter()
        .filter(|(k, _)| k.value == kind)
        .flat_map(|(_, items)| items.iter().cloned())
        .collect()
}

struct TableOptions<'a> {
    name: Option<String>,
    table: Option<String>,
    caption: String,
    empty_cell: String,
    title_column: String,
    items_column: String,
    split: Split,
    only: Option<&'a Vec<Text>>,
}

fn table(source: &Source, resolved: &Resolved, options: TableOptions) -> TableView {
    let shown = |c: &Category| {
        options
            .only
            .is_none_or(|ids| ids.iter().any(|id| id.value == c.id.value))
    };
    // (group title, categories) runs, in order; runs of the original form that meet once
    // some categories are left out print as one.
    let mut runs: Vec<(Option<String>, Vec<&Category>)> = Vec::new();
    let mut last_was_run = false;
    for group in &source.groups {
        let list: Vec<&Category> = group.categories.iter().filter(|c| shown(c)).collect();
        if list.is_empty() {
            continue;
        }
        let title = value(&group.title);
        let is_run = group.form == GroupForm::Run;
        match runs.last_mut() {
            Some((last, previous)) if is_run && last_was_run && *last == title => {
                previous.extend(list)
            }
            _ => runs.push((title, list)),
        }
        last_was_run = is_run;
    }
    let row = |category: &Category, number: usize| Row {
        id: category.id.value.clone(),
        label: match &category.label {
            Some(own) => own.value.clone(),
            None => resolved.numbering.label(number),
        },
        title: category.title.value.clone(),
        group: None,
        group_starts: false,
        group_size: 0,
        description: value(&category.description),
        notes: values(&category.notes),
        notes_after: values(&category.notes_after),
        attributes: source
            .attributes
            .iter()
            .map(|a| {
                category
                    .attributes
                    .get(&a.id.value)
                    .map(|t| t.value.clone())
                    .unwrap_or_default()
            })
            .collect(),
        cells: source
            .recipients
            .iter()
            .map(|r| CellView {
                column: r.column.value.clone(),
                items: resolved.items(&cell_items(category, &r.id.value), 0, category.sensitive),
            })
            .collect(),
        items: match &category.items {
            model::Items::Plain(items) => Some(resolved.items(items, 0, category.sensitive)),
            model::Items::ByKind(_) => None,
        },
    };
    let mut number = 0;
    let mut sections = Vec::new();
    let split = options.split == Split::Groups;
    let grouped = !split && runs.iter().any(|(title, _)| title.is_some());
    if split {
        for (title, list) in &runs {
            if resolved.restart == Restart::Group {
                number = 0;
            }
            let rows = list
                .iter()
                .map(|c| {
                    number += 1;
                    row(c, number)
                })
                .collect();
            sections.push(TableSection {
                caption: title.clone().unwrap_or_else(|| options.caption.clone()),
                captioned: true,
                widths: Vec::new(),
                rows,
            });
        }
    } else {
        let mut rows = Vec::new();
        for (title, list) in &runs {
            if resolved.restart == Restart::Group {
                number = 0;
            }
            for (index, category) in list.iter().enumerate() {
                number += 1;
                let mut r = row(category, number);
                r.group = title.clone();
                r.group_starts = title.is_some() && index == 0;
                r.group_size = if r.group_starts { list.len() } else { 0 };
                rows.push(r);
            }
        }
        sections.push(TableSection {
            caption: options.caption.clone(),
            captioned: true,
            widths: Vec::new(),
            rows,
        });
    }
    let any_plain = source
        .all_categories()
        .any(|c| shown(c) && matches!(c.items, model::Items::Plain(_)));
    let items_column = (any_plain || source.recipients.is_empty()).then_some(options.items_column);
    let attribute_columns: Vec<String> = source
        .attributes
        .iter()
        .map(|a| a.column.value.clone())
        .collect();
    let columns: Vec<String> = source
        .recipients
        .iter()
        .map(|r| r.column.value.clone())
        .collect();
    // The page's heading is the regulation's name and table's, or else the title.
    let heading = table_heading(options.name.as_deref(), options.table.as_deref());
    let headline = heading.as_deref().unwrap_or(&options.caption);
    for section in &mut sections {
        section.captioned = section.caption != headline;
        section.widths = section_widths(
            section,
            grouped,
            &options.title_column,
            &attribute_columns,
            &columns,
            items_column.as_deref(),
            &options.empty_cell,
        );
    }
    let printed_columns = usize::from(grouped)
        + 1
        + attribute_columns.len()
        + columns.len()
        + usize::from(columns.is_empty() && items_column.is_some());
    TableView {
        landscape: printed_columns > 4,
        heading: table_heading(options.name.as_deref(), options.table.as_deref()),
        name: options.name,
        table: options.table,
        title_column: options.title_column,
        attribute_columns,
        columns,
        items_column,
        grouped,
        empty_cell: options.empty_cell,
        marked: resolved.marked(),
        sections,
    }
}

/// The widths of one table's columns, sized by what they hold (see [`super::columns`]).
fn section_widths(
    section: &TableSection,
    grouped: bool,
    title_column: &str,
    attribute_columns: &[String],
    columns: &[String],
    items_column: Option<&str>,
    empty_cell: &str,
) -> Vec<String> {
    use super::columns::{Held, NUMBER_WIDTH, items_held, widths_of};
    use crate::text::width::str_width;
    let text = |s: &str| Held {
        width: str_width(s),
        pieces: 1,
    };
    // The heading row counts for half its text, as in the original table.
    let heading = |s: &str| Held {
        width: str_width(s) / 2,
        pieces: 1,
    };
    let items_only = items_column.filter(|_| columns.is_empty());
    let mut header = Vec::new();
    if grouped {
        header.push(heading("区分"));
    }
    header.push(heading(title_column));
    header.extend(attribute_columns.iter().map(|c| heading(c)));
    header.extend(columns.iter().map(|c| heading(c)));
    header.extend(items_only.map(heading));
    let mut rows = vec![header];
    for row in &section.rows {
        let mut cells = Vec::new();
        if grouped {
            let label = row.group.as_deref().filter(|_| row.group_starts);
            cells.push(label.map_or_else(Held::default, text));
        }
        let mut title = Held {
            width: NUMBER_WIDTH + str_width(&row.title),
            pieces: 1,
        };
        for extra in row
            .description
            .iter()
            .chain(&row.notes)
            .chain(&row.notes_after)
        {
            title.width += str_width(extra);
            title.pieces += 1;
        }
        cells.push(title);
        cells.extend(row.attributes.iter().map(|a| text(a)));
        match &row.items {
            // Plain items span the kinds' columns: counted in the first, the rest empty.
            Some(items) => {
                let held = if items.is_empty() {
                    text(empty_cell)
                } else {
                    items_held(items)
                };
                cells.push(held);
                cells.extend((1..columns.len()).map(|_| Held::default()));
            }
            None => {
                cells.extend(row.cells.iter().map(|cell| {
                    if cell.items.is_empty() {
                        text(empty_cell)
                    } else {
                        items_held(&cell.items)
                    }
                }));
                if items_only.is_some() {
                    cells.push(text(empty_cell));
                }
            }
        }
        rows.push(cells);
    }
    widths_of(&rows)
}
