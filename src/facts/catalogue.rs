//! The published facts of a source, as plain text: the recipient kinds, the categories with
//! their items (basis and sensitivity included), the prose and dates of the notice, the
//! society's particulars and contacts, the statutory sections (保有個人データに関する事項),
//! the joint-use records and the other documents' texts.
//!
//! `compare` compares two versions on it, and a build keeps it beside its outputs as the
//! record of what it published (see [`super::record`]). Optional parts of the source that a
//! version does not have are simply empty here, so a comparison never depends on how a
//! version happens to be written. Where a view computes what is printed (a basis note, a
//! representative's line), the catalogue takes the view's words.

use serde::{Deserialize, Serialize};

use crate::render::legal;
use crate::source::Source;
use crate::source::document::Part;
use crate::source::model::Text;

/// One version of the purposes, as compared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// The society's name and the short name the prose uses, its address, representative
    /// and contacts.
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
    /// The joint-use records (共同利用), with every particular of 第27条第5項第3号.
    #[serde(default)]
    pub joint_use: Vec<JointUse>,
    /// 保有個人データに関する事項: the request procedure and fee, complaints, security
    /// measures and the accredited body, as printed.
    #[serde(default)]
    pub personal_data: Vec<Field>,
    /// The texts of the documents other than the main notice and table: titles, prose and
    /// dates, keyed by the document's id.
    #[serde(default)]
    pub documents: Vec<Field>,
}

/// A joint-use record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointUse {
    /// Its id, which stays the same between versions.
    pub id: String,
    /// Its heading, if any.
    pub title: String,
    /// 共同利用をする旨.
    pub statement: String,
    /// 共同利用される個人データの項目.
    pub items: Vec<String>,
    /// 共同利用者の範囲.
    pub users: String,
    /// 利用する者の利用目的.
    pub purposes: Vec<String>,
    /// The party responsible: 名称.
    pub responsible_name: String,
    /// Its 住所.
    pub responsible_address: String,
    /// Its 代表者, as printed.
    pub responsible_representative: String,
}

/// A named text of the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// What the text is, e.g. 「前文」; sections are named by their heading.
    pub label: String,
    /// A key that stays the same between versions (`preamble`, `section:…`).
    pub key: String,
    /// The text.
    pub text: String,
}

/// The regulation and its table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// e.g. 「個人情報保護管理規程」.
    pub name: String,
    /// e.g. 「別表2」.
    pub table: String,
    /// e.g. 「個人情報の利用目的」.
    pub title: String,
}

/// A kind of recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kind {
    /// Its id, which stays the same between versions.
    pub id: String,
    /// The column heading of the table.
    pub column: String,
    /// The heading in the notice (without 【】).
    pub heading: String,
    /// True when items filed under it give personal data to others (a provision column).
    pub provision: bool,
}

/// A purpose category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// True when the category handles 要配慮個人情報.
    pub sensitive: bool,
}

/// A purpose, or a sub-item of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The id of the recipient kind it is filed under; empty for sub-items and kind-less lists.
    pub kind: String,
    /// The purpose.
    pub text: String,
    /// The basis of a provision as printed after the item, e.g. 「（委託）」; none when
    /// nothing is printed (no basis, or an item that says it in its own words).
    pub basis: Option<String>,
    /// The basis of a provision by its name, e.g. 「委託」, printed or not.
    pub basis_label: Option<String>,
    /// True when the item handles 要配慮個人情報 (set on it or on its category).
    pub sensitive: bool,
    /// Its notes (※).
    pub notes: Vec<String>,
    /// Its sub-items.
    pub items: Vec<Entry>,
}

/// The dates of the notice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// 制定, `YYYY-MM-DD`.
    pub established: String,
    /// Each 改正, oldest first.
    pub revisions: Vec<Revision>,
}

/// One 改正.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

impl Entry {
    /// The item as printed: its text and its basis note.
    pub fn printed(&self) -> String {
        match &self.basis {
            Some(note) => format!("{}{note}", self.text),
            None => self.text.clone(),
        }
    }
}

impl JointUse {
    /// Its particulars as named texts, keyed `joint_use:{id}:{particular}`, labelled as
    /// 第27条第5項第3号 names them.
    pub fn fields(&self) -> Vec<Field> {
        let name = if self.title.is_empty() {
            "共同利用".to_owned()
        } else {
            self.title.clone()
        };
        [
            ("共同利用をする旨", "statement", self.statement.clone()),
            (
                "共同利用される個人データの項目",
                "items",
                self.items.join("\n"),
            ),
            ("共同利用者の範囲", "users", self.users.clone()),
            (
                "利用する者の利用目的",
                "purposes",
                self.purposes.join(PARAGRAPH),
            ),
            (
                "個人データの管理について責任を有する者の名称",
                "responsible_name",
                self.responsible_name.clone(),
            ),
            (
                "個人データの管理について責任を有する者の住所",
                "responsible_address",
                self.responsible_address.clone(),
            ),
            (
                "個人データの管理について責任を有する者の代表者",
                "responsible_representative",
                self.responsible_representative.clone(),
            ),
        ]
        .into_iter()
        .filter(|(_, _, text)| !text.is_empty())
        .map(|(label, particular, text)| Field {
            label: format!("{name}：{label}"),
            key: format!("joint_use:{}:{particular}", self.id),
            text,
        })
        .collect()
    }
}

impl Catalogue {
    /// The facts of a checked source.
    pub fn of(source: &Source) -> Catalogue {
        fn entry(kind: &str, item: &crate::source::model::Item, sensitive: bool) -> Entry {
            let sensitive = sensitive || item.sensitive;
            Entry {
                kind: kind.to_owned(),
                text: item.text.value.clone(),
                basis: item
                    .basis
                    .as_ref()
                    .map(|b| legal::Basis::new(&b.value, &item.text.value).note)
                    .filter(|note| !note.is_empty()),
                basis_label: item.basis.as_ref().map(|b| b.value.label().to_owned()),
                sensitive,
                notes: item.notes.iter().map(|n| n.value.clone()).collect(),
                items: item.items.iter().map(|i| entry("", i, sensitive)).collect(),
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
            organization: organization(source),
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
                    provision: r.gives_data(),
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
                    sensitive: c.sensitive,
                    items: c
                        .items
                        .cells()
                        .iter()
                        .flat_map(|(kind, items)| {
                            items.iter().map(|i| entry(&kind.value, i, c.sensitive))
                        })
                        .chain(c.items.plain().iter().map(|i| entry("", i, c.sensitive)))
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
            joint_use: legal::joint_use(source)
                .into_iter()
                .map(|record| JointUse {
                    id: record.id,
                    title: record.title.unwrap_or_default(),
                    statement: record.statement,
                    items: record.items,
                    users: record.users,
                    purposes: record.purposes,
                    responsible_name: record.responsible.name,
                    responsible_address: record.responsible.address,
                    responsible_representative: record.responsible.representative,
                })
                .collect(),
            personal_data: personal_data(source),
            documents: other_documents(source),
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

    /// The facts a change of which must be recorded as a revision: the purposes and the
    /// joint-use records (whose purposes and responsible party 第27条第6項 asks to make
    /// known before they change).
    pub fn same_revisable(&self, other: &Catalogue) -> bool {
        self.same_purposes(other) && self.joint_use == other.joint_use
    }

    /// The published particulars outside the purposes and the notice's own texts: the
    /// society's (address, representative, contacts), 保有個人データに関する事項, the
    /// joint-use records and the other documents, as named texts in order.
    pub fn particulars(&self) -> Vec<Field> {
        let mut fields: Vec<Field> = self
            .organization
            .iter()
            .filter(|f| !f.key.starts_with("organization."))
            .cloned()
            .collect();
        fields.extend(self.personal_data.iter().cloned());
        fields.extend(self.joint_use.iter().flat_map(JointUse::fields));
        fields.extend(self.documents.iter().cloned());
        fields
    }
}

fn field(label: &str, key: String, text: String) -> Field {
    Field {
        label: label.to_owned(),
        key,
        text,
    }
}

/// Items or lines of one fact as one text: a paragraph each, so that the 新旧対照表 shows
/// an unchanged one as 「（略）」 and a changed one on a row of its own.
pub const PARAGRAPH: &str = "\n\n";

/// A statutory row's value as one text, a paragraph per item or line.
fn row_text(value: &legal::RowValue) -> String {
    match value {
        legal::RowValue::List { items } => items.join(PARAGRAPH),
        legal::RowValue::Lines { lines } => lines.join(PARAGRAPH),
        legal::RowValue::Prose { text } => text.clone(),
        legal::RowValue::Email { address } | legal::RowValue::Url { address } => address.clone(),
    }
}

/// The society's name and short name, then its particulars (住所, 代表者) as the statutory
/// section prints them, then each contact point with what it gives.
fn organization(source: &Source) -> Vec<Field> {
    let organization = &source.organization;
    let mut fields = vec![
        field(
            "名称",
            "organization.name".to_owned(),
            organization.name.value.clone(),
        ),
        field(
            "略称",
            "organization.short_name".to_owned(),
            organization
                .short_name
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
        ),
    ];
    for row in legal::organization_rows(source).iter().skip(1) {
        fields.push(field(
            &row.label,
            format!("organization:{}", row.label),
            row_text(&row.value),
        ));
    }
    for (index, contact) in legal::contacts(source).into_iter().enumerate() {
        let mut text = contact.name.clone();
        for row in &contact.rows {
            text.push_str(PARAGRAPH);
            text.push_str(&row.label);
            text.push('\u{3000}');
            text.push_str(&row_text(&row.value));
        }
        fields.push(field(
            "お問い合わせ窓口",
            format!("contact:{}", index + 1),
            text,
        ));
    }
    fields
}

/// 保有個人データに関する事項, particular by particular, as printed.
fn personal_data(source: &Source) -> Vec<Field> {
    let Some(data) = legal::personal_data(source) else {
        return Vec::new();
    };
    let mut fields = Vec::new();
    if let Some(requests) = &data.requests {
        for row in &requests.rows {
            fields.push(field(
                &row.label,
                format!("requests:{}", row.label),
                row_text(&row.value),
            ));
        }
    }
    if let Some(complaints) = data.complaints {
        fields.push(field("苦情の申出先", "complaints".to_owned(), complaints));
    }
    if let Some(security) = data.security {
        fields.push(field(
            "安全管理のために講じた措置",
            "security.measures".to_owned(),
            security.measures.join(PARAGRAPH),
        ));
        if let Some(on_request) = security.on_request {
            fields.push(field(
                "安全管理のために講じた措置",
                "security.on_request".to_owned(),
                on_request,
            ));
        }
    }
    if let Some(body) = data.accredited_body {
        for row in &body.rows {
            fields.push(field(
                "認定個人情報保護団体",
                format!("accredited_body:{}", row.label),
                row_text(&row.value),
            ));
        }
    }
    fields
}

/// The documents other than the main notice and the main table: each one's title, the
/// prose of its parts and its dates, keyed by its id.
fn other_documents(source: &Source) -> Vec<Field> {
    let main = [
        source.main_notice().map(|d| d.id.value.as_str()),
        source.main_table().map(|d| d.id.value.as_str()),
    ];
    let mut fields = Vec::new();
    for document in &source.documents {
        let id = document.id.value.as_str();
        if main.contains(&Some(id)) {
            continue;
        }
        fields.push(field(
            "表題",
            format!("document:{id}:title"),
            document
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
        ));
        let mut texts = Vec::new();
        document_texts(&document.parts, &mut texts);
        // Named with the document's title: the notice of change names where it changed.
        let title = document.title.as_ref().map_or(id, |t| t.value.as_str());
        for (index, (heading, text)) in texts.into_iter().enumerate() {
            fields.push(field(
                &format!("{title}：{}", heading.unwrap_or("本文")),
                format!("document:{id}:part:{}", index + 1),
                text.to_owned(),
            ));
        }
        if let Some(dates) = &document.dates {
            if let Some(established) = &dates.established {
                fields.push(field(
                    "制定",
                    format!("document:{id}:established"),
                    established.value.to_string(),
                ));
            }
            for (index, revision) in dates.revisions.iter().enumerate() {
                fields.push(field(
                    "改正",
                    format!("document:{id}:revision:{}", index + 1),
                    revision.date.value.to_string(),
                ));
            }
        }
    }
    fields
}

/// The prose parts of a document, records read through, with their headings.
fn document_texts<'a>(parts: &'a [Part], out: &mut Vec<(Option<&'a str>, &'a str)>) {
    for part in parts {
        if let Some(record) = &part.record {
            document_texts(&record.value, out);
        } else if let Some(text) = &part.text {
            out.push((part.heading.as_ref().map(|h| h.value.as_str()), &text.value));
        }
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
