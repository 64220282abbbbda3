//! The schema of `purposes.yaml`, as Rust types.
//!
//! Every struct rejects unknown keys, so a misspelt key is an error rather than a
//! silently ignored line. Texts that the checks must point at are [`Spanned`], so a
//! diagnostic can name the line and column they came from.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

pub use crate::text::wareki::Digits;
pub use crate::text::wrap::Punctuation;

use super::date::Date;
use super::legal::{Basis, Contact, JointUse, PersonalData, Representative};

/// A text from the source, with the place in `purposes.yaml` it was read from.
pub type Text = Spanned<String>;

/// The whole of `purposes.yaml`: one society's purposes of use and the prose around them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The society that publishes the notice.
    pub organization: Organization,
    /// The public notice: title, prose, further sections and its dates.
    pub notice: Notice,
    /// The internal regulation whose table (別表2) lists the same purposes.
    pub regulation: Regulation,
    /// The kinds of recipient, in order: the table's columns and the notice's 【…】 headings.
    pub recipients: Vec<RecipientKind>,
    /// The purpose categories, in order: the table's rows and the notice's numbered sections.
    pub categories: Vec<Category>,
    /// How the mailing text (`notice.txt`) is laid out and encoded; every key optional.
    #[serde(default)]
    pub mailing: Option<Mailing>,
    /// 保有個人データに関する事項（個人情報保護法第32条、施行令第10条）。 The matters about
    /// retained personal data the law requires to be known: requests, complaints, security
    /// measures, accredited body.
    #[serde(default)]
    #[schemars(with = "Option<PersonalData>")]
    pub personal_data: Option<Spanned<PersonalData>>,
    /// 共同利用（個人情報保護法第27条第5項第3号）、一件ずつ。 Joint uses of personal data,
    /// each with the five particulars the law requires.
    #[serde(default)]
    pub joint_use: Vec<JointUse>,
}

/// Settings of the mailing text, `notice.txt` (the `mailing:` section).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mailing {
    /// The line width in full-width characters (a half-width character counts as half).
    /// Default 36; `build --width` overrides it.
    #[serde(default)]
    #[schemars(with = "Option<usize>")]
    pub width: Option<Spanned<usize>>,
    /// What to do with 、。 at the margin: `push_out` (追い出し, the default) or `hang` (ぶら下げ).
    #[serde(default)]
    pub punctuation: Punctuation,
    /// The encoding of the text outputs: `utf-8` (LF, the default) or `shift_jis`
    /// (Windows-31J, CRLF). `build --encoding` overrides it.
    #[serde(default)]
    pub encoding: TextEncoding,
    /// The digits of 和暦 dates and of the categories' numbers in every output: `full`
    /// (令和７年, １．, the default) or `half` (令和7年, 1.).
    #[serde(default)]
    pub digits: Digits,
    /// Where the title stands on its lines: `left` (the default), `center` (centred, as on a
    /// printed letter) or `right`.
    #[serde(default)]
    pub title_align: Align,
    /// Where the sender, the society's name, stands: `left` (the default), `center` or
    /// `right` (flush right, as on a printed letter).
    #[serde(default)]
    pub sender_align: Align,
}

/// Where a line of the mailing text stands within the width.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred: the blank split evenly on both sides (the odd column on the right).
    Center,
    /// Flush right: the line ends at the margin.
    Right,
}

/// The character encoding of the text outputs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum TextEncoding {
    /// UTF-8 with LF line ends.
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// Shift_JIS as Windows writes it (Windows-31J, CP932), with CRLF line ends.
    #[serde(rename = "shift_jis")]
    ShiftJis,
}

impl Source {
    /// Every prose text of the source (the texts that reach the outputs, ids aside), in
    /// the order of the schema.
    pub fn texts(&self) -> Vec<&Text> {
        fn items<'a>(list: &'a [Item], out: &mut Vec<&'a Text>) {
            for item in list {
                out.push(&item.text);
                out.extend(&item.notes);
                items(&item.items, out);
            }
        }
        let mut out = vec![&self.organization.name, &self.organization.short_name];
        self.organization.legal_texts(&mut out);
        let notice = &self.notice;
        out.extend([&notice.title, &notice.preamble, &notice.purposes_heading]);
        for section in &notice.sections {
            out.extend([&section.heading, &section.body]);
        }
        out.extend(&notice.closing);
        for revision in &notice.dates.revisions {
            out.push(&revision.summary);
        }
        let regulation = &self.regulation;
        out.extend([
            &regulation.name,
            &regulation.table,
            &regulation.title,
            &regulation.empty_cell,
        ]);
        for recipient in &self.recipients {
            out.extend([&recipient.column, &recipient.heading]);
        }
        for category in &self.categories {
            out.push(&category.title);
            out.extend(&category.group);
            out.extend(&category.description);
            out.extend(&category.notes);
            for (_, list) in &category.items.0 {
                items(list, &mut out);
            }
        }
        if let Some(personal_data) = &self.personal_data {
            personal_data.value.texts(&mut out);
        }
        for record in &self.joint_use {
            record.texts(&mut out);
        }
        out
    }

    /// Every id of the source: recipient kinds, categories, and the recipient ids the
    /// categories file their items under.
    pub fn ids(&self) -> Vec<&Text> {
        let mut out: Vec<&Text> = self.recipients.iter().map(|r| &r.id).collect();
        for category in &self.categories {
            out.push(&category.id);
            out.extend(category.items.0.iter().map(|(kind, _)| kind));
        }
        out.extend(self.joint_use.iter().map(|record| &record.id));
        out
    }
}

/// The society that publishes the notice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Its full name, e.g. 「労働者健康安全機構健康保険組合」.
    #[schemars(with = "String")]
    pub name: Text,
    /// The short name the prose uses for it, e.g. 「当組合」.
    #[schemars(with = "String")]
    pub short_name: Text,
    /// 住所（個人情報保護法第32条第1項第1号）。 Its address (第32条第1項第1号).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub address: Option<Text>,
    /// 代表者の役職と氏名（第32条第1項第1号）。 Its representative's title and name.
    #[serde(default)]
    pub representative: Option<Representative>,
    /// お問い合わせ窓口（開示等の請求・苦情の受付）。 Contact points, where requests and
    /// complaints are received.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// The public notice (公表文).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The notice's title, e.g. 「個人情報の利用目的」.
    #[schemars(with = "String")]
    pub title: Text,
    /// The prose before the list of purposes (Markdown).
    #[schemars(with = "String")]
    pub preamble: Text,
    /// The heading over the list of purposes, e.g. 「健康保険組合の通常業務で想定される主な利用目的」.
    #[schemars(with = "String")]
    pub purposes_heading: Text,
    /// Further sections after the list, each with a heading and a Markdown body
    /// (共同利用, 開示等の請求, お問い合わせ窓口, …).
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The prose at the very end (Markdown), if any.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub closing: Option<Text>,
    /// When the notice was established (制定) and each time it was revised (改正).
    pub dates: Dates,
}

/// A section of the notice after the list of purposes.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's heading.
    #[schemars(with = "String")]
    pub heading: Text,
    /// The section's body (Markdown).
    #[schemars(with = "String")]
    pub body: Text,
}

/// The notice's dates: 制定 and every 改正, oldest first.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dates {
    /// The day the notice was established (制定), as `YYYY-MM-DD`.
    #[schemars(with = "Date")]
    pub established: Spanned<Date>,
    /// Each revision (改正), oldest first.
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

/// One revision (改正) of the notice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The day of the revision (改正日), as `YYYY-MM-DD`.
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
    /// What changed, in a few words, e.g. 「特定個人情報の利用目的を追加」.
    #[schemars(with = "String")]
    pub summary: Text,
    /// The day the revision takes effect (施行日), where it differs from the revision date.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub effective: Option<Spanned<Date>>,
    /// The day from which it applies (適用日), where it differs from the revision date.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub applies_from: Option<Spanned<Date>>,
}

/// The internal regulation and its table of purposes.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Regulation {
    /// The regulation's name, e.g. 「個人情報保護管理規程」.
    #[schemars(with = "String")]
    pub name: Text,
    /// The table's name within the regulation, e.g. 「別表2」.
    #[schemars(with = "String")]
    pub table: Text,
    /// The table's title, e.g. 「個人情報の利用目的」.
    #[schemars(with = "String")]
    pub title: Text,
    /// What an empty cell says. Default 「・なし」.
    #[serde(default = "default_empty_cell")]
    #[schemars(with = "String")]
    pub empty_cell: Text,
}

fn default_empty_cell() -> Text {
    Spanned::new(
        "・なし".to_owned(),
        serde_saphyr::Location::UNKNOWN,
        serde_saphyr::Location::UNKNOWN,
    )
}

/// A kind of recipient: a column of the table and a 【…】 heading in the notice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientKind {
    /// A stable identifier the categories use to file items under this kind, e.g. `internal`.
    #[schemars(with = "String")]
    pub id: Text,
    /// The column heading in the table, e.g. 「健保組合等の内部での利用に係るもの」.
    #[schemars(with = "String")]
    pub column: Text,
    /// The heading in the notice, without brackets, e.g. 「健保組合等の内部での利用に係る事例」.
    #[schemars(with = "String")]
    pub heading: Text,
    /// この区分の項目が他者への提供を伴うか。省略時は見出しに「提供」があるか（「提供を受け」を
    /// 除く）で判断します。 Whether items of this kind give data to others; by default,
    /// whether the column heading speaks of 提供 (not 提供を受ける).
    #[serde(default)]
    pub provision: Option<bool>,
}

impl RecipientKind {
    /// Whether items filed under this kind give data to someone outside the society.
    pub fn gives_data(&self) -> bool {
        self.provision.unwrap_or_else(|| {
            let says = |t: &Text| t.value.contains("提供") && !t.value.contains("提供を受");
            says(&self.column) || says(&self.heading)
        })
    }
}

/// A purpose category: a row of the table and a numbered section of the notice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// A stable identifier, e.g. `benefits`.
    #[schemars(with = "String")]
    pub id: Text,
    /// The category's title, e.g. 「被保険者等に対する保険給付に必要な利用目的」.
    #[schemars(with = "String")]
    pub title: Text,
    /// A group heading shared by consecutive categories, for two-level tables.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub group: Option<Text>,
    /// A sentence under the title that explains the category.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// Notes (※) printed under the category.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub notes: Vec<Text>,
    /// The items, filed under recipient kinds: `recipient id: [items]`, in any order.
    pub items: Cells,
    /// 要配慮個人情報（病歴、健診結果など）を扱う区分か（第2条第3項）。 Whether the category
    /// handles special-care-required personal information (health data, 第2条第3項).
    #[serde(default)]
    pub sensitive: bool,
}

/// A category's items under each recipient kind, in the order written.
///
/// Read from a YAML map `recipient id: [items]`; kept as a list so the keys keep their
/// locations (for "no such recipient kind" errors) and the order stays as written.
#[derive(Debug, Clone, Default)]
pub struct Cells(pub Vec<(Text, Vec<Item>)>);

impl<'de> Deserialize<'de> for Cells {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Cells;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from recipient-kind id to a list of purposes")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Cells, A::Error> {
                let mut cells = Vec::new();
                while let Some(key) = map.next_key::<Text>()? {
                    cells.push((key, map.next_value::<Vec<Item>>()?));
                }
                Ok(Cells(cells))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

impl JsonSchema for Cells {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cells".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The items, filed under recipient kinds: `recipient id: [items]`.",
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": generator.subschema_for::<Item>(),
            },
        })
    }
}

impl JsonSchema for Item {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Item".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "利用目的一つ：文字列、又は `text` と任意の `notes`・`items`・`basis`・`sensitive` を持つマップ。 One purpose: a string, or a map with `text` and optional `notes`, `items`, `basis` and `sensitive`.",
            "anyOf": [
                { "type": "string" },
                generator.subschema_for::<DetailedItem>(),
            ],
        })
    }
}

/// One purpose: a plain string, or a text with notes and sub-items.
#[derive(Debug, Clone)]
pub struct Item {
    /// The purpose itself.
    pub text: Text,
    /// Notes (※) printed under the item.
    pub notes: Vec<Text>,
    /// Sub-items that explain the purpose, one level deeper.
    pub items: Vec<Item>,
    /// The basis on which it involves others: 委託, 共同利用, 法令, 本人同意.
    pub basis: Option<Spanned<Basis>>,
    /// Whether it handles 要配慮個人情報 (the category's mark counts too).
    pub sensitive: bool,
}

/// The long form of an [`Item`], as written in YAML.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DetailedItem {
    #[schemars(with = "String")]
    text: Text,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    notes: Vec<Text>,
    #[serde(default)]
    items: Vec<Item>,
    /// 提供の根拠: `outsourcing`（委託）、`{joint_use: id}`（共同利用）、`{law: 法令名}`
    /// （法令に基づく場合）、`consent`（本人同意）。 The basis of a provision.
    #[serde(default)]
    #[schemars(with = "Option<Basis>")]
    basis: Option<Spanned<Basis>>,
    /// 要配慮個人情報を扱う項目か。 Whether the item handles 要配慮個人情報.
    #[serde(default)]
    sensitive: bool,
}

impl<'de> Deserialize<'de> for Item {
    /// An item is either a string or a map `{text, notes, items}`. Hand-written instead of
    /// an untagged enum, which would lose both the locations and the precise error messages.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Spanned gives the plain form its location; the long form carries its own.
        let spanned = Spanned::<StringOrItem>::deserialize(deserializer)?;
        Ok(match spanned.value {
            StringOrItem::Text(text) => Item {
                text: Spanned::new(text, spanned.referenced, spanned.defined),
                notes: Vec::new(),
                items: Vec::new(),
                basis: None,
                sensitive: false,
            },
            StringOrItem::Item(item) => *item,
        })
    }
}

/// Either form of an item, before the plain form is given its location.
enum StringOrItem {
    Text(String),
    Item(Box<Item>),
}

impl<'de> Deserialize<'de> for StringOrItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = StringOrItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a purpose: a string, or a map with `text` and optional `notes` and `items`",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<StringOrItem, E> {
                Ok(StringOrItem::Text(v.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<StringOrItem, E> {
                Ok(StringOrItem::Text(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<StringOrItem, A::Error> {
                let detailed =
                    DetailedItem::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(StringOrItem::Item(Box::new(Item {
                    text: detailed.text,
                    notes: detailed.notes,
                    items: detailed.items,
                    basis: detailed.basis,
                    sensitive: detailed.sensitive,
                })))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
