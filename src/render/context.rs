//! What templates see: the source turned into plain, ordered data.
//!
//! Templates get lists, never maps, so every output is in the order of the source.

use serde::Serialize;

use super::document::DocumentView;
use super::legal;
use crate::render::columns::{self, Held, NUMBER_WIDTH, items_held, widths_of};
use crate::source::document::DocumentKind;
use crate::source::model::{self, GroupForm, Source};
use crate::text::width::str_width;

/// The whole template context, under the names the templates use.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The society.
    pub organization: Organization,
    /// The public notice's prose (the original form), if any.
    pub notice: Option<Notice>,
    /// 制定 and 改正 dates of the original notice, if any.
    pub dates: Option<Dates>,
    /// The regulation and its table (the original form), if any.
    pub regulation: Option<Regulation>,
    /// Recipient kinds, in order.
    pub recipients: Vec<Recipient>,
    /// Purpose categories, in order.
    pub categories: Vec<Category>,
    /// True when any category has a group heading (the table gets a group column).
    pub grouped: bool,
    /// The share of the 別表's width each of its columns takes, in percent (「12.5」), in
    /// the table's order: the group column when `grouped`, the purposes, each recipient kind.
    pub column_widths: Vec<String>,
    /// Settings of the plain-text layout.
    pub text: TextSettings,
    /// 保有個人データに関する事項 (第32条), if the source has the section.
    pub personal_data: Option<legal::PersonalData>,
    /// Joint-use records (共同利用), in order.
    pub joint_use: Vec<legal::JointUse>,
    /// Every document with outputs of its own, resolved (see [`super::document`]).
    pub documents: Vec<super::document::DocumentView>,
}

/// The society.
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    /// Full name.
    pub name: String,
    /// Short name used in the prose (当組合), if given.
    pub short_name: Option<String>,
    /// 住所, if given.
    pub address: Option<String>,
    /// 代表者, if given.
    pub representative: Option<legal::Representative>,
    /// お問い合わせ窓口, in order.
    pub contacts: Vec<legal::Contact>,
    /// Its name, address and representative as printed (第32条第1項第1号), in order.
    pub rows: Vec<legal::Row>,
}

/// The notice's prose (Markdown fields are passed as written).
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// Title.
    pub title: String,
    /// Prose before the purposes (Markdown), if any.
    pub preamble: Option<String>,
    /// Heading over the purposes, if any.
    pub purposes_heading: Option<String>,
    /// Sections after the purposes.
    pub sections: Vec<Section>,
    /// Prose at the end (Markdown), or none.
    pub closing: Option<String>,
}

/// A section after the purposes.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Body (Markdown).
    pub body: String,
}

/// Dates, as `YYYY-MM-DD` (the `wareki` filter writes them in 和暦).
#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    /// 制定.
    pub established: String,
    /// Each 改正, oldest first.
    pub revisions: Vec<Revision>,
    /// The latest 改正, if any.
    pub last_revised: Option<String>,
}

/// One revision.
#[derive(Debug, Clone, Serialize)]
pub struct Revision {
    /// 改正日.
    pub date: String,
    /// What changed, if said.
    pub summary: Option<String>,
    /// 施行日, if it differs.
    pub effective: Option<String>,
    /// 適用日, if it differs.
    pub applies_from: Option<String>,
}

/// The regulation and its table.
#[derive(Debug, Clone, Serialize)]
pub struct Regulation {
    /// Regulation name.
    pub name: String,
    /// Table name (別表2).
    pub table: String,
    /// Table title.
    pub title: String,
    /// Text of an empty cell.
    pub empty_cell: String,
}

/// A recipient kind.
#[derive(Debug, Clone, Serialize)]
pub struct Recipient {
    /// Stable id.
    pub id: String,
    /// Column heading in the table.
    pub column: String,
    /// Heading in the notice (without 【】).
    pub heading: String,
}

/// A purpose category.
#[derive(Debug, Clone, Serialize)]
pub struct Category {
    /// Stable id.
    pub id: String,
    /// 1-based position.
    pub number: usize,
    /// Title.
    pub title: String,
    /// Group heading, if the category belongs to one.
    pub group: Option<String>,
    /// True on the first category of a group (where a template opens the group).
    pub group_starts: bool,
    /// On the first category of a group: how many categories the group has.
    pub group_size: usize,
    /// Description under the title.
    pub description: Option<String>,
    /// Notes (※).
    pub notes: Vec<String>,
    /// One cell per recipient kind, in the order of `recipients`, empty ones included.
    pub cells: Vec<Cell>,
}

/// A category's items under one recipient kind.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// The recipient kind's id.
    pub recipient: String,
    /// The recipient kind's column heading.
    pub column: String,
    /// The recipient kind's heading in the notice.
    pub heading: String,
    /// The items; empty for an empty cell.
    pub items: Vec<Item>,
}

/// A purpose.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The text.
    pub text: String,
    /// Notes (※).
    pub notes: Vec<String>,
    /// Sub-items.
    pub items: Vec<Item>,
    /// The basis of a provision (委託, 共同利用, 法令, 本人同意), if given.
    pub basis: Option<legal::Basis>,
    /// Whether the item (or its category) handles 要配慮個人情報.
    pub sensitive: bool,
}

/// Settings of the plain-text layout.
#[derive(Debug, Clone, Serialize)]
pub struct TextSettings {
    /// Line width in display columns (a full-width character is 2).
    pub width: usize,
    /// Where the title stands: `left`, `center` or `right` (the `wrap` filter's `align`).
    pub title_align: &'static str,
    /// Where the sender (the society's name) stands: `left`, `center` or `right`.
    pub sender_align: &'static str,
    /// The digits of 和暦 dates.
    #[serde(skip)]
    pub digits: crate::text::wareki::Digits,
}

fn item(item: &model::Item, sensitive: bool) -> Item {
    let sensitive = sensitive || item.sensitive;
    Item {
        text: item.text.value.clone(),
        notes: item.notes.iter().map(|n| n.value.clone()).collect(),
        items: item
            .items
            .iter()
            .map(|sub| self::item(sub, sensitive))
            .collect(),
        basis: item
            .basis
            .as_ref()
            .map(|b| legal::Basis::new(&b.value, &item.text.value)),
        sensitive,
    }
}

impl Notice {
    /// The original form's notice, read back from the view of the document it became (see
    /// [`crate::source::normal`]), by the roles the view gave its parts.
    fn of(view: &DocumentView) -> Notice {
        let text_of = |role: &str| {
            view.parts
                .iter()
                .find(|p| p.kind == "text" && p.role == role)
                .and_then(|p| p.text.clone())
        };
        Notice {
            title: view.title.clone(),
            preamble: text_of("preamble"),
            purposes_heading: view.purposes_heading.clone(),
            sections: view
                .parts
                .iter()
                .filter(|p| p.kind == "text")
                .filter_map(|p| {
                    Some(Section {
                        heading: p.heading.clone()?,
                        body: p.text.clone().unwrap_or_default(),
                    })
                })
                .collect(),
            closing: text_of("closing"),
        }
    }
}

impl Page {
    /// Builds the context from a checked source.
    pub fn new(source: &Source, text: TextSettings) -> Page {
        // The original form's `group:` heading of each category (a run's title); a
        // category of `groups:` had none here.
        let all: Vec<(&model::Category, Option<&model::Text>)> = source
            .groups
            .iter()
            .flat_map(|g| {
                let run = (g.form == GroupForm::Run)
                    .then_some(g.title.as_ref())
                    .flatten();
                g.categories.iter().map(move |c| (c, run))
            })
            .collect();
        let categories: Vec<Category> = all
            .iter()
            .enumerate()
            .map(|(index, (category, run))| {
                let group = run.map(|g| g.value.clone());
                let previous_group = index
                    .checked_sub(1)
                    .and_then(|i| all[i].1)
                    .map(|g| g.value.as_str());
                let group_starts = group.is_some() && group.as_deref() != previous_group;
                let group_size = if group_starts {
                    all[index..]
                        .iter()
                        .take_while(|(_, g)| g.map(|g| &g.value) == group.as_ref())
                        .count()
                } else {
                    0
                };
                let cells = source
                    .recipients
                    .iter()
                    .map(|recipient| Cell {
                        recipient: recipient.id.value.clone(),
                        column: recipient.column.value.clone(),
                        heading: recipient.notice_heading().to_owned(),
                        items: category
                            .items
                            .cells()
                            .iter()
                            .filter(|(kind, _)| kind.value == recipient.id.value)
                            .flat_map(|(_, items)| {
                                items.iter().map(|i| self::item(i, category.sensitive))
                            })
                            .collect(),
                    })
                    .collect();
                Category {
                    id: category.id.value.clone(),
                    number: index + 1,
                    title: category.title.value.clone(),
                    group,
                    group_starts,
                    group_size,
                    description: category.description.as_ref().map(|d| d.value.clone()),
                    notes: category.notes.iter().map(|n| n.value.clone()).collect(),
                    cells,
                }
            })
            .collect();
        let grouped = all.iter().any(|(_, run)| run.is_some());
        let headings: Vec<&str> = source
            .recipients
            .iter()
            .map(|r| r.column.value.as_str())
            .collect();
        let documents = super::document::documents(source, text.digits);
        let implied = |kind: DocumentKind| {
            source
                .documents
                .iter()
                .find(|d| d.implied && d.kind == kind)
        };
        let notice = implied(DocumentKind::Notice);
        let regulation = implied(DocumentKind::Table);
        let empty_cell = regulation
            .and_then(|r| r.empty_cell.as_ref())
            .map_or("・なし", |e| e.value.as_str());
        let column_widths = widths(&categories, &headings, empty_cell, grouped);
        Page {
            organization: Organization {
                name: source.organization.name.value.clone(),
                short_name: source
                    .organization
                    .short_name
                    .as_ref()
                    .map(|s| s.value.clone()),
                address: source
                    .organization
                    .address
                    .as_ref()
                    .map(|a| a.value.clone()),
                representative: source
                    .organization
                    .representative
                    .as_ref()
                    .map(legal::Representative::new),
                contacts: legal::contacts(source),
                rows: legal::organization_rows(source),
            },
            personal_data: legal::personal_data(source),
            joint_use: legal::joint_use(source),
            notice: notice.and_then(|_| {
                documents
                    .iter()
                    .find(|d| d.kind == "notice" && !d.styled)
                    .map(Notice::of)
            }),
            dates: notice.and_then(|n| n.dates.as_ref()).map(|dates| Dates {
                established: dates
                    .established
                    .as_ref()
                    .map(|e| e.value.to_string())
                    .unwrap_or_default(),
                revisions: dates
                    .revisions
                    .iter()
                    .map(|r| Revision {
                        date: r.date.value.to_string(),
                        summary: r.summary.as_ref().map(|s| s.value.clone()),
                        effective: r.effective.as_ref().map(|d| d.value.to_string()),
                        applies_from: r.applies_from.as_ref().map(|d| d.value.to_string()),
                    })
                    .collect(),
                last_revised: dates.revisions.last().map(|r| r.date.value.to_string()),
            }),
            regulation: regulation.map(|regulation| {
                let text = |t: &Option<model::Text>| {
                    t.as_ref().map(|t| t.value.clone()).unwrap_or_default()
                };
                Regulation {
                    name: text(&regulation.name),
                    table: text(&regulation.table),
                    title: text(&regulation.title),
                    empty_cell: empty_cell.to_owned(),
                }
            }),
            recipients: source
                .recipients
                .iter()
                .map(|r| Recipient {
                    id: r.id.value.clone(),
                    column: r.column.value.clone(),
                    heading: r.notice_heading().to_owned(),
                })
                .collect(),
            grouped,
            column_widths,
            categories,
            documents,
            text,
        }
    }
}

// The original form's 別表 column widths (`column_widths`), from the context's own
// categories; a table document's widths are computed with its view.
/// The share of the table's width each column takes, in percent with one decimal
/// (「12.5」), in the table's order: the group column (when `grouped`), the purposes, then
/// one column per recipient kind. `headings` are the recipient kinds' column headings;
/// `empty_cell` is what an empty cell says. The shares add up to 100.
fn widths(
    categories: &[Category],
    headings: &[&str],
    empty_cell: &str,
    grouped: bool,
) -> Vec<String> {
    let text = |s: &str| Held {
        width: str_width(s),
        pieces: 1,
    };
    let mut rows: Vec<Vec<Held>> = Vec::with_capacity(categories.len() + 1);
    // The heading row counts for half its text: a heading may wrap over more lines than a
    // cell, so that a column that says 「・なし」 in every row stays narrow.
    let heading = |s: &str| Held {
        width: str_width(s) / 2,
        pieces: 1,
    };
    let mut header = Vec::with_capacity(headings.len() + 2);
    if grouped {
        header.push(heading("区分"));
    }
    header.push(heading("利用目的"));
    header.extend(headings.iter().map(|h| heading(h)));
    rows.push(header);
    for category in categories {
        let mut row = Vec::with_capacity(category.cells.len() + 2);
        if grouped {
            let label = category.group.as_deref().filter(|_| category.group_starts);
            row.push(label.map_or_else(Held::default, text));
        }
        let mut title = Held {
            width: NUMBER_WIDTH + str_width(&category.title),
            pieces: 1,
        };
        for extra in category.description.iter().chain(&category.notes) {
            title.width += str_width(extra);
            title.pieces += 1;
        }
        row.push(title);
        row.extend(category.cells.iter().map(|cell| {
            if cell.items.is_empty() {
                text(empty_cell)
            } else {
                items_held(&cell.items)
            }
        }));
        rows.push(row);
    }
    widths_of(&rows)
}

impl columns::HeldItem for Item {
    fn marker(&self) -> &str {
        "・"
    }
    fn text(&self) -> &str {
        &self.text
    }
    fn notes(&self) -> &[String] {
        &self.notes
    }
    fn sub_items(&self) -> &[Item] {
        &self.items
    }
}
