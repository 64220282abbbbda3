//! The facts two versions are compared on, read out of a source: the recipient kinds, the
//! categories with their items, and the prose and dates of the notice.
//!
//! Only what the comparison needs is taken, as plain text: optional parts of the source
//! that a version does not have are simply empty here, so a comparison never depends on
//! how a version happens to be written.

use crate::source::Source;
use crate::source::document::Part;
use crate::source::model::Text;

/// One version of the purposes, as compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// The society's name and the short name the prose uses.
    pub organization: Vec<Field>,
    /// The regulation whose table lists the purposes: name, table, title.
    pub regulation: Regulation,
    /// The kinds of recipient (the table's columns), in order.
    pub kinds: Vec<Kind>,
    /// The purpose categories (the table's rows), in order.
    pub categories: Vec<Category>,
    /// The notice's own texts, in order: title, preamble, headings, sections, closing.
    pub notice: Vec<Field>,
    /// 制定 and each 改正.
    pub dates: Dates,
}

/// A named text of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// What the text is, e.g. 「前文」; sections are named by their heading.
    pub label: String,
    /// A key that stays the same between versions (`preamble`, `section:…`).
    pub key: String,
    /// The text.
    pub text: String,
}

/// The regulation and its table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regulation {
    /// e.g. 「個人情報保護管理規程」.
    pub name: String,
    /// e.g. 「別表2」.
    pub table: String,
    /// e.g. 「個人情報の利用目的」.
    pub title: String,
}

/// A kind of recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// Its id, which stays the same between versions.
    pub id: String,
    /// The column heading of the table.
    pub column: String,
    /// The heading in the notice (without 【】).
    pub heading: String,
}

/// A purpose category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Its id, which stays the same between versions.
    pub id: String,
    /// The title.
    pub title: String,
    /// The group heading it is filed under, if any.
    pub group: Option<String>,
    /// The sentence under the title, if any.
    pub description: Option<String>,
    /// Its own label in place of the computed number, if it has one ("" for none).
    pub label: Option<String>,
    /// Notes (※) under the category.
    pub notes: Vec<String>,
    /// The values of the table's further columns (保有個人データの内容, …), in the order of
    /// the columns: (column heading, text).
    pub attributes: Vec<(String, String)>,
    /// The items, each with the kind it is filed under (empty for a list without kinds).
    pub items: Vec<Entry>,
    /// Notes printed after the items.
    pub notes_after: Vec<String>,
}

/// A purpose, or a sub-item of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The id of the recipient kind it is filed under; empty for sub-items and kind-less lists.
    pub kind: String,
    /// The purpose.
    pub text: String,
    /// Its notes (※).
    pub notes: Vec<String>,
    /// Its sub-items.
    pub items: Vec<Entry>,
}

/// The dates of the notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    /// 制定, `YYYY-MM-DD`.
    pub established: String,
    /// Each 改正, oldest first.
    pub revisions: Vec<Revision>,
}

/// One 改正.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// 改正日, `YYYY-MM-DD`.
    pub date: String,
    /// What changed.
    pub summary: String,
    /// 施行日, if given.
    pub effective: Option<String>,
    /// 適用日, if given.
    pub applies_from: Option<String>,
}

impl Catalogue {
    /// The facts of a checked source.
    pub fn of(source: &Source) -> Catalogue {
        fn entry(kind: &str, item: &crate::source::model::Item) -> Entry {
            Entry {
                kind: kind.to_owned(),
                text: item.text.value.clone(),
                notes: item.notes.iter().map(|n| n.value.clone()).collect(),
                items: item.items.iter().map(|i| entry("", i)).collect(),
            }
        }
        let field = |label: &str, key: &str, text: &str| Field {
            label: label.to_owned(),
            key: key.to_owned(),
            text: text.to_owned(),
        };
        fn text_of(t: Option<&crate::source::model::Text>) -> &str {
            t.map_or("", |t| t.value.as_str())
        }
        let notice = source.main_notice();
        let prose = notice.map(|n| Prose::of(&n.parts)).unwrap_or_default();
        let mut fields = vec![
            field(
                "表題",
                "title",
                text_of(notice.and_then(|n| n.title.as_ref())),
            ),
            field(
                "前文",
                "preamble",
                text_of(prose.preambles.first().copied()),
            ),
            field(
                "利用目的の見出し",
                "purposes_heading",
                text_of(prose.purposes_heading),
            ),
        ];
        for (index, preamble) in prose.preambles.iter().enumerate().skip(1) {
            fields.push(field(
                "前文",
                &format!("preamble:{}", index + 1),
                &preamble.value,
            ));
        }
        for kind in &source.recipients {
            fields.push(field(
                "区分の見出し",
                &format!("recipient:{}", kind.id.value),
                &format!("【{}】", kind.notice_heading()),
            ));
        }
        for (heading, body) in &prose.sections {
            fields.push(field(
                &heading.value,
                &format!("section:{}", heading.value),
                &body.value,
            ));
        }
        for (index, closing) in prose.closings.iter().enumerate() {
            let key = match index {
                0 => "closing".to_owned(),
                n => format!("closing:{}", n + 1),
            };
            fields.push(field("結び", &key, &closing.value));
        }
        let table = source.main_table();
        let dates = notice.and_then(|n| n.dates.as_ref());
        Catalogue {
            organization: vec![
                field("名称", "organization.name", &source.organization.name.value),
                field(
                    "略称",
                    "organization.short_name",
                    text_of(source.organization.short_name.as_ref()),
                ),
            ],
            regulation: Regulation {
                name: text_of(table.and_then(|t| t.name.as_ref())).to_owned(),
                table: text_of(table.and_then(|t| t.table.as_ref())).to_owned(),
                title: text_of(table.and_then(|t| t.title.as_ref())).to_owned(),
            },
            kinds: source
                .recipients
                .iter()
                .map(|r| Kind {
                    id: r.id.value.clone(),
                    column: r.column.value.clone(),
                    heading: r.notice_heading().to_owned(),
                })
                .collect(),
            categories: source
                .groups
                .iter()
                .flat_map(|g| g.categories.iter().map(move |c| (c, g.title.as_ref())))
                .map(|(c, group)| Category {
                    id: c.id.value.clone(),
                    title: c.title.value.clone(),
                    group: group.map(|g| g.value.clone()),
                    description: c.description.as_ref().map(|d| d.value.clone()),
                    label: c.label.as_ref().map(|l| l.value.clone()),
                    notes: c.notes.iter().map(|n| n.value.clone()).collect(),
                    attributes: source
                        .attributes
                        .iter()
                        .filter_map(|a| {
                            let text = c.attributes.get(&a.id.value)?;
                            Some((a.column.value.clone(), text.value.clone()))
                        })
                        .collect(),
                    notes_after: c.notes_after.iter().map(|n| n.value.clone()).collect(),
                    items: c
                        .items
                        .cells()
                        .iter()
                        .flat_map(|(kind, items)| items.iter().map(|i| entry(&kind.value, i)))
                        .chain(c.items.plain().iter().map(|i| entry("", i)))
                        .collect(),
                })
                .collect(),
            notice: fields,
            dates: Dates {
                established: dates
                    .and_then(|d| d.established.as_ref())
                    .map(|d| d.value.to_string())
                    .unwrap_or_default(),
                revisions: dates
                    .iter()
                    .flat_map(|d| &d.revisions)
                    .map(|r| Revision {
                        date: r.date.value.to_string(),
                        summary: r
                            .summary
                            .as_ref()
                            .map(|s| s.value.clone())
                            .unwrap_or_default(),
                        effective: r.effective.as_ref().map(|d| d.value.to_string()),
                        applies_from: r.applies_from.as_ref().map(|d| d.value.to_string()),
                    })
                    .collect(),
            },
        }
    }

    /// The kind with this id.
    pub fn kind(&self, id: &str) -> Option<&Kind> {
        self.kinds.iter().find(|k| k.id == id)
    }

    /// The notice's own prose: its texts but the headings of the recipient kinds, which
    /// belong to the purposes.
    pub fn prose(&self) -> Vec<&Field> {
        self.notice
            .iter()
            .filter(|f| !f.key.starts_with("recipient:"))
            .collect()
    }

    /// The purposes themselves (kinds and categories with everything in them), without the
    /// prose and dates of the notice: what 個人情報保護法 第17条 and 第21条 are about.
    pub fn same_purposes(&self, other: &Catalogue) -> bool {
        self.kinds == other.kinds && self.categories == other.categories
    }
}

/// The prose of a notice's parts, by role: what the original form called the preamble, the
/// purposes' heading, the sections and the closing. Records are read through.
#[derive(Default)]
struct Prose<'a> {
    preambles: Vec<&'a Text>,
    purposes_heading: Option<&'a Text>,
    sections: Vec<(&'a Text, &'a Text)>,
    closings: Vec<&'a Text>,
}

impl<'a> Prose<'a> {
    fn of(parts: &'a [Part]) -> Prose<'a> {
        let mut prose = Prose::default();
        let mut seen_purposes = false;
        prose.read(parts, &mut seen_purposes);
        prose
    }

    fn read(&mut self, parts: &'a [Part], seen_purposes: &mut bool) {
        for part in parts {
            if part.purposes.is_some() {
                if !*seen_purposes {
                    self.purposes_heading = part.heading.as_ref();
                }
                *seen_purposes = true;
            } else if let Some(record) = &part.record {
                self.read(&record.value, seen_purposes);
            } else if let Some(text) = &part.text {
                match (&part.heading, *seen_purposes) {
                    (Some(heading), _) => self.sections.push((heading, text)),
                    (None, false) => self.preambles.push(text),
                    (None, true) => self.closings.push(text),
                }
            }
        }
    }
}
