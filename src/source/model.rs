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

pub use super::text::Text;

/// The whole of `purposes.yaml`: the organisation, the catalogue of facts (recipient kinds,
/// attributes, categories or groups of them), the documents that arrange them, and settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// 公表する組合。 The society that publishes the documents.
    pub organization: Organization,
    /// 公表文（従来の形）。文書 `notice` になります。 The public notice in the original form:
    /// the document `notice` (outputs notice.*).
    #[serde(default)]
    pub notice: Option<Notice>,
    /// 規程の別表（従来の形）。文書 `beppyo2` になり、公表文からリンクされます。省略すると別表は出力されません。
    /// The regulation whose table lists the purposes: the document `beppyo2`, linked from
    /// the notice. Without it there are no 別表 outputs.
    #[serde(default)]
    pub regulation: Option<Regulation>,
    /// 提供先の種類（表の列、公表文の【…】見出し）。省略可。 The kinds of recipient, in order:
    /// the table's columns and the notice's 【…】 headings. Optional: no kinds, no matrix.
    #[serde(default)]
    pub recipients: Vec<RecipientKind>,
    /// 区分以外の列（例「保有個人データの内容」）。 Further columns per category that are not
    /// recipient kinds, e.g. 保有個人データの内容.
    #[serde(default)]
    pub attributes: Vec<Attribute>,
    /// 利用目的の区分、順に（表の行、公表文の番号付きの節）。 The purpose categories, in order.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// 区分のグループ（二階層）。`categories` の代わりに書きます。 Groups of categories, a real
    /// heading level above them; written instead of `categories`.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// 公表する文書、順に。 The documents to publish, in order, besides `notice` and
    /// `regulation`. No document, no output.
    #[serde(default)]
    pub documents: Vec<super::document::Document>,
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
    /// Every category of the catalogue in order: those of `categories`, then those of each
    /// group (after loading, every category is in a group: see [`super::normal`]).
    pub fn all_categories(&self) -> impl Iterator<Item = &Category> {
        self.categories
            .iter()
            .chain(self.groups.iter().flat_map(|g| g.categories.iter()))
    }

    /// The main notice: the document `notice`, or else the first notice printed on a page
    /// of its own. Its dates are the revisions of the purposes (個人情報保護法第21条).
    pub fn main_notice(&self) -> Option<&super::document::Document> {
        use super::document::DocumentKind;
        let own_page =
            |d: &&super::document::Document| d.kind == DocumentKind::Notice && d.page.is_none();
        self.documents
            .iter()
            .filter(own_page)
            .find(|d| d.id.value == "notice")
            .or_else(|| self.documents.iter().find(own_page))
    }

    /// The main table: the document `beppyo2`, or else the first table document.
    pub fn main_table(&self) -> Option<&super::document::Document> {
        use super::document::DocumentKind;
        let table = |d: &&super::document::Document| d.kind == DocumentKind::Table;
        self.documents
            .iter()
            .filter(table)
            .find(|d| d.id.value == "beppyo2")
            .or_else(|| self.documents.iter().find(table))
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
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub short_name: Option<Text>,
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

impl Organization {
    /// What the prose calls the society: its short name, or else its full name.
    pub fn prose_name(&self) -> &str {
        self.short_name
            .as_ref()
            .unwrap_or(&self.name)
            .value
            .as_str()
    }

    /// The texts of the legal fields (address, representative, contacts), in file order.
    pub fn legal_texts<'a>(&'a self, out: &mut Vec<&'a Text>) {
        out.extend(&self.address);
        if let Some(representative) = &self.representative {
            representative.texts(out);
        }
        for contact in &self.contacts {
            out.push(&contact.name);
            out.extend(
                [&contact.phone, &contact.hours, &contact.email, &contact.url]
                    .into_iter()
                    .flatten(),
            );
        }
    }
}

/// The public notice (公表文).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// The notice's title, e.g. 「個人情報の利用目的」.
    #[schemars(with = "String")]
    pub title: Text,
    /// The prose before the list of purposes (Markdown), if any.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub preamble: Option<Text>,
    /// The heading over the list of purposes, e.g. 「健康保険組合の通常業務で想定される主な利用目的」, if any.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub purposes_heading: Option<Text>,
    /// Further sections after the list, each with a heading and a Markdown body
    /// (共同利用, 開示等の請求, お問い合わせ窓口, …).
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The prose at the very end (Markdown), if any.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub closing: Option<Text>,
    /// When the notice was established (制定) and each time it was revised (改正), if printed.
    #[serde(default)]
    pub dates: Option<Dates>,
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

pub use super::document::Revision;

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
    /// Default: the column heading.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// この区分の項目が他者への提供を伴うか。省略時は見出しに「提供」があるか（「提供を受け」を
    /// 除く）で判断します。 Whether items of this kind give data to others; by default,
    /// whether the column heading speaks of 提供 (not 提供を受ける).
    #[serde(default)]
    pub provision: Option<bool>,
}

impl RecipientKind {
    /// The heading in a notice: `heading`, or the column heading when there is none.
    pub fn notice_heading(&self) -> &str {
        self.heading.as_ref().unwrap_or(&self.column).value.as_str()
    }

    /// Whether items filed under this kind give data to someone outside the society.
    pub fn gives_data(&self) -> bool {
        self.provision.unwrap_or_else(|| {
            let says = |t: &str| t.contains("提供") && !t.contains("提供を受");
            says(&self.column.value) || says(self.notice_heading())
        })
    }
}

/// A further column of the table that is not a recipient kind, e.g. 保有個人データの内容.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribute {
    /// 列の id（カテゴリの `attributes` で使う）。 The id the categories use.
    #[schemars(with = "String")]
    pub id: Text,
    /// 表の列見出し。 The column heading in the table.
    #[schemars(with = "String")]
    pub column: Text,
    /// 公表文での表記（既定: 列見出し）。 The label in a notice (default: the column heading).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
}

/// A group of categories: a heading level above them, and a table of its own on request.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// グループの id。 A stable identifier.
    #[schemars(with = "String")]
    pub id: Text,
    /// 見出し（例「一般の個人情報」）。 The group's heading.
    // Always written under `groups:`; none only for a run of the original form's categories
    // without a `group:` heading.
    #[serde(deserialize_with = "present")]
    #[schemars(with = "String")]
    pub title: Option<Text>,
    /// 番号を自分で書くとき（"" で番号なし）。 Its own label instead of the computed one.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// 見出しの下の文。 A sentence under the heading.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// このグループの区分、順に。 Its categories, in order.
    pub categories: Vec<Category>,
    /// Where the heading stands: above its categories (`groups:`), or beside them at their
    /// own level, unnumbered (a run of the original form's `group:` headings).
    #[serde(skip)]
    #[schemars(skip)]
    pub form: GroupForm,
}

/// Where a group's heading stands relative to its categories.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GroupForm {
    /// A heading level above its categories, numbered by `group_numbering` (`groups:`).
    #[default]
    Above,
    /// At its categories' own level and never numbered: a run of consecutive categories
    /// that share the original form's `group:` heading (or have none).
    Run,
}

/// A key that must be written though its value is kept as an `Option` (serde would
/// otherwise take a missing `Option` field as `None`).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Text>, D::Error> {
    Text::deserialize(deserializer).map(Some)
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
    /// 番号を自分で書くとき（表題が番号を含むなら ""）。 Its own label instead of the computed
    /// number; "" when the title carries its number already.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// A group heading shared by consecutive categories, for two-level tables.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub group: Option<Text>,
    /// A sentence under the title that explains the category.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub description: Option<Text>,
    /// Notes (※) printed under the category, before its items.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub notes: Vec<Text>,
    /// 項目の後の注記（例「詳細は別記のとおり」）。 Notes printed after the items.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub notes_after: Vec<Text>,
    /// 区分以外の列の値: `attribute id: 文`。 Values of the further columns: `attribute id: text`.
    #[serde(default)]
    pub attributes: Labels,
    /// このカテゴリでの提供先の種類の表記（公表文のみ）: `recipient id: 表記`。
    /// This category's own label for a recipient kind in a notice: `recipient id: label`.
    #[serde(default)]
    pub headings: Labels,
    /// The items: filed under recipient kinds (`recipient id: [items]`), or a plain list
    /// with no kinds. Optional: a category whose items are not listed yet.
    #[serde(default)]
    pub items: Items,
    /// 要配慮個人情報（病歴、健診結果など）を扱う区分か（第2条第3項）。 Whether the category
    /// handles special-care-required personal information (health data, 第2条第3項).
    #[serde(default)]
    pub sensitive: bool,
}

/// A category's items: under recipient kinds, or a plain list.
#[derive(Debug, Clone)]
pub enum Items {
    /// `recipient id: [items]`, in the order written.
    ByKind(Cells),
    /// A plain list, no kinds.
    Plain(Vec<Item>),
}

impl Default for Items {
    fn default() -> Self {
        Items::ByKind(Cells::default())
    }
}

impl Items {
    /// The cells filed under kinds (none for a plain list).
    pub fn cells(&self) -> &[(Text, Vec<Item>)] {
        match self {
            Items::ByKind(cells) => &cells.0,
            Items::Plain(_) => &[],
        }
    }

    /// The items of a plain list (none when filed under kinds).
    pub fn plain(&self) -> &[Item] {
        match self {
            Items::ByKind(_) => &[],
            Items::Plain(items) => items,
        }
    }

    /// Every item list: each cell's, or the plain list.
    pub fn lists(&self) -> Vec<&[Item]> {
        match self {
            Items::ByKind(cells) => cells.0.iter().map(|(_, l)| l.as_slice()).collect(),
            Items::Plain(items) => vec![items.as_slice()],
        }
    }
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Items;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a map from recipient-kind id to a list of purposes, or a list of purposes",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Items, A::Error> {
                Cells::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Items::ByKind)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Items, A::Error> {
                Vec::<Item>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(Items::Plain)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl JsonSchema for Items {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Items".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "項目: 提供先の種類ごと（`recipient id: [項目]`）または種類なしのリスト。 The items: filed under recipient kinds (`recipient id: [items]`), or a plain list.",
            "anyOf": [
                generator.subschema_for::<Cells>(),
                { "type": "array", "items": generator.subschema_for::<Item>() },
            ],
        })
    }
}

/// Texts keyed by an id (`id: text`), in the order written, keys with their places.
#[derive(Debug, Clone, Default)]
pub struct Labels(pub Vec<(Text, Text)>);

impl Labels {
    /// The text under `id`, if any.
    pub fn get(&self, id: &str) -> Option<&Text> {
        self.0.iter().find(|(k, _)| k.value == id).map(|(_, v)| v)
    }
}

impl<'de> Deserialize<'de> for Labels {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Labels;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from id to text")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Labels, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<Text>()? {
                    out.push((key, map.next_value::<Text>()?));
                }
                Ok(Labels(out))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

impl JsonSchema for Labels {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Labels".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "id ごとの文: `id: 文`。 A text per id: `id: text`.",
            "type": "object",
            "additionalProperties": { "type": "string" },
        })
    }
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
    /// What the source says of 要配慮個人情報, if it says (`sensitive: false` overrides what
    /// the check infers from the wording).
    pub sensitive_written: Option<bool>,
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
    /// 要配慮個人情報を扱う項目か。省略時は文言（健診、レセプト、診療、病歴、服薬）から推定
    /// します。 Whether the item handles 要配慮個人情報; by default inferred from its words.
    #[serde(default)]
    sensitive: Option<bool>,
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
                sensitive_written: None,
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
                    sensitive: detailed.sensitive == Some(true),
                    sensitive_written: detailed.sensitive,
                })))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
