//! What the compare templates see: the two tables of rows, the changes grouped by category,
//! and the names and dates of the newer version.

use serde::Serialize;

use super::changes::{Change, Place};
use super::table::{self, Row};
use crate::facts::catalogue::{Catalogue, Revision};
use crate::render::mailing::Settings;
use crate::source::Date;
use crate::text::wareki::to_wareki;

/// The whole context of the compare templates.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The title of the 新旧対照表, naming the regulation and its table.
    pub title: String,
    /// The society (as the new version names it).
    pub organization: Organization,
    /// The regulation and its table.
    pub regulation: Regulation,
    /// The notice.
    pub notice: Notice,
    /// The revision being made: the new version's latest 改正 dated after the old
    /// version's last date, if any.
    pub revision: Option<RevisionDates>,
    /// The rows of the table of the regulation; empty when it did not change.
    pub table: Vec<Row>,
    /// The rows of the notice's own texts and dates; empty when they did not change.
    pub notice_rows: Vec<Row>,
    /// Changes of the recipient kinds.
    pub kind_changes: Vec<Change>,
    /// Changes of the joint-use records, particular by particular.
    pub joint_use_changes: Vec<Change>,
    /// The labels of the other published particulars that changed (住所, 手数料, …), for
    /// the notice of change to name them.
    pub particular_changes: Vec<String>,
    /// Changes inside categories, grouped by category, in the table's order.
    pub groups: Vec<Group>,
    /// True when the notice's own texts changed.
    pub notice_changed: bool,
    /// True when the purposes changed (kinds, categories, items); false for a revision of
    /// the notice's wording alone, which needs no notice of change.
    pub purposes_changed: bool,
    /// The width of text outputs in display columns.
    pub text: TextSettings,
}

/// The society.
#[derive(Debug, Clone, Serialize)]
pub struct Organization {
    /// Its name.
    pub name: String,
    /// The short name the prose uses (当組合).
    pub short_name: String,
}

/// The regulation.
#[derive(Debug, Clone, Serialize)]
pub struct Regulation {
    /// e.g. 個人情報保護管理規程.
    pub name: String,
    /// e.g. 別表2.
    pub table: String,
    /// e.g. 個人情報の利用目的.
    pub title: String,
}

/// The notice.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// Its title.
    pub title: String,
}

/// The dates of the revision, `YYYY-MM-DD` (the `wareki` filter writes them in 和暦).
#[derive(Debug, Clone, Serialize)]
pub struct RevisionDates {
    /// 改正日.
    pub date: String,
    /// What changed.
    pub summary: String,
    /// 施行日, if given.
    pub effective: Option<String>,
    /// 適用日, if given.
    pub applies_from: Option<String>,
}

/// The changes of one category.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// The category's number (in the version that has it, the new one if both do).
    pub number: usize,
    /// Its title.
    pub title: String,
    /// Its changes, for the notice of change (a change of order alone is left out).
    pub changes: Vec<Change>,
}

/// Settings of the plain-text layout.
#[derive(Debug, Clone, Serialize)]
pub struct TextSettings {
    /// Line width in display columns.
    pub width: usize,
}

impl Page {
    /// The context for the revision from `old` to `new`.
    pub fn new(
        old: &Catalogue,
        new: &Catalogue,
        changes: &[Change],
        notice_changed: bool,
        settings: &Settings,
    ) -> Page {
        let digits = settings.digits;
        let dated = move |text: &str| {
            Date::parse(text)
                .ok()
                .and_then(|d| to_wareki(d, digits))
                .unwrap_or_else(|| text.to_owned())
        };
        let unless_all_omitted = |rows: Vec<Row>| {
            if rows.iter().all(|r| r.omitted) {
                Vec::new()
            } else {
                rows
            }
        };
        let last_old = old
            .dates
            .revisions
            .last()
            .map_or(&old.dates.established, |r| &r.date);
        let revision = new
            .dates
            .revisions
            .iter()
            .rfind(|r| &r.date > last_old)
            .map(|r: &Revision| RevisionDates {
                date: r.date.clone(),
                summary: r.summary.clone(),
                effective: r.effective.clone(),
                applies_from: r.applies_from.clone(),
            });
        let mut groups: Vec<Group> = Vec::new();
        let mut kind_changes = Vec::new();
        let mut joint_use_changes = Vec::new();
        for change in changes {
            if matches!(change, Change::CategoryMoved { .. }) {
                continue;
            }
            if matches!(change, Change::JointUse { .. }) {
                joint_use_changes.push(change.clone());
                continue;
            }
            let Some(Place { title, number, .. }) = change.place() else {
                kind_changes.push(change.clone());
                continue;
            };
            match groups.last_mut() {
                Some(group) if group.number == *number && &group.title == title => {
                    group.changes.push(change.clone());
                }
                _ => groups.push(Group {
                    number: *number,
                    title: title.clone(),
                    changes: vec![change.clone()],
                }),
            }
        }
        let field = |key: &str| {
            new.notice
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.text.clone())
                .unwrap_or_default()
        };
        let organization = |key: &str| {
            new.organization
                .iter()
                .find(|f| f.key == key)
                .map(|f| f.text.clone())
                .unwrap_or_default()
        };
        let regulation = Regulation {
            name: new.regulation.name.clone(),
            table: new.regulation.table.clone(),
            title: new.regulation.title.clone(),
        };
        let table = unless_all_omitted(table::table_rows(old, new, digits));
        let notice_rows = unless_all_omitted(table::notice_rows(old, new, &dated));
        // Each document revised is named: the regulation's table, the notice, or both (a
        // source without a regulation, or a revision of the notice alone, names the
        // notice).
        let title = if regulation.name.is_empty() || table.is_empty() {
            format!("{} 新旧対照表", field("title"))
        } else if notice_rows.is_empty() {
            format!("{} {} 新旧対照表", regulation.name, regulation.table)
        } else {
            format!(
                "{} {}及び「{}」 新旧対照表",
                regulation.name,
                regulation.table,
                field("title")
            )
        };
        Page {
            title,
            organization: Organization {
                name: organization("organization.name"),
                short_name: organization("organization.short_name"),
            },
            regulation,
            notice: Notice {
                title: field("title"),
            },
            revision,
            table,
            notice_rows,
            kind_changes,
            joint_use_changes,
            particular_changes: particular_changes(old, new),
            groups,
            notice_changed,
            purposes_changed: !old.same_revisable(new),
            text: TextSettings {
                width: settings.columns,
            },
        }
    }
}

/// The labels of the particulars outside the purposes (joint use aside, which is listed
/// change by change) that differ between the versions, in the new version's order, each
/// once.
fn particular_changes(old: &Catalogue, new: &Catalogue) -> Vec<String> {
    let (before, after) = (old.particulars(), new.particulars());
    let mut labels: Vec<String> = Vec::new();
    let changed = after
        .iter()
        .filter(|f| !before.iter().any(|b| b.key == f.key && b.text == f.text))
        .chain(
            before
                .iter()
                .filter(|b| !after.iter().any(|f| f.key == b.key)),
        )
        .filter(|f| !f.key.starts_with("joint_use:"));
    for field in changed {
        if !labels.contains(&field.label) {
            labels.push(field.label.clone());
        }
    }
    labels
}
