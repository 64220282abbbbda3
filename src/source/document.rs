//! Documents: what is published, and how each arranges the facts of the catalogue.
//!
//! A document is a notice (公表文, a page of parts) or a table (別表). Every choice of layout
//! is data here, with a default that gives the output of the seeds' template.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::text::Text;
use crate::text::date::Date;

/// One published document (`documents:` entry).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// 文書の id。出力ファイル名になります（`id: koukai` → koukai.html, koukai.md, …）。
    /// The document's id, which names its outputs (`koukai` → koukai.html, koukai.md, …):
    /// ASCII letters, digits, `-` and `_`.
    #[schemars(with = "String")]
    pub id: Text,
    /// 文書の種類: notice（公表文、既定）または table（規程の別表などの表）。
    /// The kind of document: `notice` (a page of parts, the default) or `table` (a 別表).
    #[serde(default)]
    pub kind: DocumentKind,
    /// 表題（省略すると表題なし）。 The document's title, e.g. 「個人情報の利用目的」; left out,
    /// the document has none (its page is named by the society alone).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// 文書番号（例「規程第３号」）。表題の下に印刷します。 The document's number, e.g.
    /// 「規程第３号」, printed under the title.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub number: Option<Text>,
    /// 表題の下に組合名の行を印刷するか（既定 true）。 Whether the society's name is printed on
    /// a line under the title (default true; a letter prints its sender instead).
    #[serde(default = "yes")]
    pub name_line: bool,
    /// 別の文書のページに続けて印刷するとき、その文書の id（この文書自身は出力されません）。
    /// Print this document on the page of the document with this id, after its body; it
    /// then has no outputs of its own (two titled documents on one page).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub page: Option<Text>,
    /// 表示の選択（番号、区分見出し、項目の記号など）。 How the purposes are shown.
    #[serde(default)]
    pub style: Style,
    /// 見出しのある部分の番号の書式（例 "1" "１．" "第１"）。省略すると番号なし。
    /// Numbering of the parts that have a heading (1 基本方針, 2 取得, …), written as the
    /// label of number one; none when left out.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub section_numbering: Option<Text>,
    /// 本文の部分、順に。 The body, part by part, in order (notice only).
    #[serde(default)]
    pub parts: Vec<Part>,
    /// 本文の後に印刷する別表・別添。 Attachments (別表, 別添) printed after the body.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// 末尾にリンクする他の文書の id。 Ids of documents linked at the end of this one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub links: Vec<Text>,
    /// 制定・改正の日付とその位置・書き方。 The dates of the document and where they stand.
    #[serde(default)]
    pub dates: Option<DocumentDates>,
    /// 通知文の形（宛名、日付、差出人）。 Letter form: addressee, date line, sender.
    #[serde(default)]
    pub letter: Option<Letter>,
    /// 表の文書: 規程の名前（例「個人情報保護管理規程」）。 Table: the regulation's name.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// 表の文書: 表の名前（例「別表2」）。 Table: the table's name within the regulation.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub table: Option<Text>,
    /// 表の文書: 空欄に書く文字。既定「・なし」。 Table: what an empty cell says.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub empty_cell: Option<Text>,
    /// 表の文書: 区分の列の見出し。既定「利用目的」。 Table: the heading of the title column.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub title_column: Option<Text>,
    /// 表の文書: 提供先の種類がない項目の列の見出し。既定「内容」。
    /// Table: the heading of the column of items that have no recipient kind.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub items_column: Option<Text>,
    /// 表の文書: groups（グループごとに一つの表）または none（一つの表、既定）。
    /// Table: `groups` prints one table per group; `none` (default) one table.
    #[serde(default)]
    pub split: Split,
    /// 載せる区分の id（省略するとすべて）。 Which categories to show (default: all).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub categories: Option<Vec<Text>>,
    /// True for the two documents the original form implies (`notice:` and `regulation:`),
    /// whose pages keep their original bytes: without the styles of the layouts that only
    /// documents declared under `documents:` may choose.
    #[serde(skip)]
    #[schemars(skip)]
    pub implied: bool,
}

/// The kind of a document, which picks its templates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// 公表文: a page of parts (`notice.*.tera`).
    #[default]
    Notice,
    /// 表: the purposes as a table (`beppyo2.*.tera`).
    Table,
}

impl DocumentKind {
    /// The name of the template family: templates `{family}.{format}.tera`.
    pub fn family(self) -> &'static str {
        match self {
            DocumentKind::Notice => "notice",
            DocumentKind::Table => "beppyo2",
        }
    }
}

/// Whether a table document prints one table or one per group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Split {
    /// 一つの表。 One table.
    #[default]
    None,
    /// グループごとに一つの表。 One table per group.
    Groups,
}

/// One part of a notice's body: exactly one of `text`, `purposes`, `record`, `legal` or
/// `address`, with an optional heading.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// 見出し（省略可）。 The part's heading, if any.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// 見出しの番号を自分で書くとき（例「第３」、"" で番号なし）。
    /// The heading's own label, replacing the computed number ("" for none).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// 文章（Markdown）。 Prose (Markdown).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
    /// 利用目的の一覧（カタログから）。 The purposes, from the catalogue.
    #[serde(default)]
    pub purposes: Option<PurposesPart>,
    /// 「記」…「以上」で囲む部分。 Parts framed by 「記」 … 「以上」.
    // Spanned, so that a record with nothing written in it can still be pointed at.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Part>>")]
    pub record: Option<Spanned<Vec<Part>>>,
    /// true: 共同利用、保有個人データに関する事項、お問い合わせ窓口をここに（`joint_use`、
    /// `personal_data`、`organization.contacts` から）。 true: the legal sections here (joint
    /// uses, matters about retained personal data, contact points), from the catalogue.
    #[serde(default)]
    pub legal: Option<bool>,
    /// true: 組合の住所の行をここに（`organization.address` から）。 true: the society's address
    /// as a line here, from `organization.address`.
    #[serde(default)]
    pub address: Option<bool>,
}

/// Which purposes a part shows, and how.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PurposesPart {
    /// 載せる区分の id（省略するとすべて）。 Which categories (default: all).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub categories: Option<Vec<Text>>,
    /// 載せるグループの id（省略するとすべて）。 Which groups (default: all).
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub groups: Option<Vec<Text>>,
    /// この部分だけの表示の選択。 Choices for this part, over the document's.
    #[serde(default)]
    pub style: Style,
}

/// An attachment (別表, 別添) printed after the body.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// 表題（例「別表」「別添」）。 Its title, e.g. 「別表」.
    #[schemars(with = "String")]
    pub title: Text,
    /// 内容の部分。 Its parts.
    pub parts: Vec<Part>,
}

/// How the purposes are shown. Every choice is optional; a part's choices override the
/// document's, and the defaults give the seeds' notice.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// 区分の番号の書式を一番目の番号で書きます: "１．"（既定）"1." "(1)" "（１）" "①" "ア" "第１" "none"。
    /// Category numbering, written as the label of number one: "１．" (default), "1.",
    /// "(1)", "（１）", "①", "一", "ア", "a", "第１", or "none".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub numbering: Option<Text>,
    /// 番号の振り方: run_on（通し番号、既定）または group（グループごとに１から）。
    /// `run_on` (numbers run through, default) or `group` (restart in each group).
    #[serde(default)]
    pub restart: Option<Restart>,
    /// グループ見出しの番号の書式（既定 none）。 Numbering of group headings (default none).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub group_numbering: Option<Text>,
    /// 提供先の種類の見出し: "【】"（既定）"〔〕" "［］" "「」" plain bullet cell none。
    /// How each recipient kind is headed.
    #[serde(default)]
    pub kind_heading: Option<KindHeading>,
    /// 項目の記号: "・"（既定）"○" "(1)" "①" "none" など。番号の書式も使えます。
    /// The marker of each item: "・" (default), "○", a numbering such as "(1)", or "none".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub item_marker: Option<Text>,
    /// 下位の項目の記号（既定「・」）。 The marker of sub-items (default "・").
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub sub_item_marker: Option<Text>,
    /// 項目のない区分: omit（省く、既定）none_text（「・なし」と書く）heading（見出しだけ）
    /// written（カテゴリに `kind: []` と書いた種類だけ見出しを出す）。
    /// A recipient kind without items: `omit` (default), `none_text`, or `heading` alone.
    #[serde(default)]
    pub empty_kinds: Option<EmptyKinds>,
    /// empty_kinds: none_text のときの文字（既定「・なし」）。 The text of an empty kind.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub empty_text: Option<Text>,
    /// 区分の順: declared（recipients の順、既定）または written（カテゴリに書いた順）。
    /// Order of the kinds in a category: `declared` (default) or `written`.
    #[serde(default)]
    pub kind_order: Option<KindOrder>,
    /// 並べ方: headings（区分ごとに見出し、既定）または flat（すべての項目を一つのリストに。
    /// 項目のない区分は表題を一項目として）。 `headings` (a heading per category, default) or
    /// `flat` (every item in one list; a category without items lists its title).
    #[serde(default)]
    pub layout: Option<Layout>,
    /// 区分の表記: category（カテゴリの headings を使う、既定）または declared（共通の表記）。
    /// Whether a category's own `headings` are used (`category`, default) or not.
    #[serde(default)]
    pub kind_labels: Option<KindLabels>,
}

/// Whether category numbers restart in each group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Restart {
    /// 通し番号。 Numbers run on through the groups.
    RunOn,
    /// グループごとに１から。 Numbers restart at 1 in each group.
    Group,
}

/// How a recipient kind is headed in a notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum KindHeading {
    /// 【…】
    #[serde(rename = "【】")]
    Lenticular,
    /// 〔…〕
    #[serde(rename = "〔〕")]
    Tortoise,
    /// ［…］
    #[serde(rename = "［］")]
    Square,
    /// 「…」
    #[serde(rename = "「」")]
    Corner,
    /// 括弧なしの小見出し。 A plain sub-heading.
    #[serde(rename = "plain")]
    Plain,
    /// 箇条書きの一項目とし、項目をその下に。 A bullet, its items nested under it.
    #[serde(rename = "bullet")]
    Bullet,
    /// 二列の小さな表（区分｜項目）。 A label cell in a two-column table.
    #[serde(rename = "cell")]
    Cell,
    /// 見出しなし（項目だけを続けて）。 No heading: the items alone.
    #[serde(rename = "none")]
    None,
}

/// What a recipient kind without items shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmptyKinds {
    /// 省く。 Left out.
    Omit,
    /// 見出しと「・なし」。 Its heading and the empty text.
    NoneText,
    /// 見出しだけ。 Its heading alone.
    Heading,
    /// カテゴリに空のリスト（`outside: []`）で書いた種類だけ、見出しを出す。 The heading alone,
    /// only for the kinds a category writes with an empty list (`outside: []`).
    Written,
}

/// In which order a category's kinds are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindOrder {
    /// `recipients` の順。 The declared order.
    Declared,
    /// カテゴリに書いた順（書いていない区分はその後）。 The order written in the category.
    Written,
}

/// How the purposes of a part are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// 区分ごとに見出し。 A heading per category, its kinds and items under it.
    Headings,
    /// すべての項目を一つのリストに。 Every item in one list.
    Flat,
}

/// Whether a category's own kind labels are used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KindLabels {
    /// カテゴリの `headings` を使う。 The category's own labels.
    Category,
    /// `recipients` の heading だけ。 The declared headings only.
    Declared,
}

/// A document's dates and how they are printed.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentDates {
    /// 制定日（YYYY-MM-DD、省略可）。 The day established (制定).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub established: Option<Spanned<Date>>,
    /// 制定時の施行が日付でないとき（例「公布の日から施行」）。
    /// When it took effect, as an event rather than a date (「公布の日から施行」).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub effective_event: Option<Text>,
    /// 改正、古い順。 Each revision, oldest first.
    #[serde(default)]
    pub revisions: Vec<Revision>,
    /// 位置: top（表題の上）under_title（表題の下）above_addressee（宛名の上）end（末尾、既定）。
    /// Where the dates stand: `top`, `under_title`, `above_addressee` or `end` (default).
    #[serde(default)]
    pub placement: Placement,
    /// 暦: wareki（令和７年、既定）または seireki（2025年）。 The calendar.
    #[serde(default)]
    pub calendar: Calendar,
    /// 書き方: suffix（令和７年４月１日制定、既定）または prefix（制定　令和７年４月１日）。
    /// `suffix` (date then 制定, default) or `prefix` (制定, a space, the date).
    #[serde(default)]
    pub form: DateForm,
    /// 改正の経過を載せるか（既定 true）。 Whether the revision history is printed.
    #[serde(default = "yes")]
    pub history: bool,
    /// 制定日の行の語（既定「制定」、"" で日付だけ）。 The word of the line of 制定 (default
    /// 「制定」; "" prints the date alone).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub established_label: Option<Text>,
    /// 最新の改正の行の語（既定「最終改正」、例「改正」）。 The word of the line of the latest
    /// revision (default 「最終改正」, e.g. 「改正」).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub revised_label: Option<Text>,
    /// 日付の行を括弧で囲む（「（平成17年4月1日制定）」、既定 false）。 Whether each date line is
    /// set in parentheses.
    #[serde(default)]
    pub brackets: bool,
}

fn yes() -> bool {
    true
}

/// Where a document's dates stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// 表題の上。 Above the title.
    Top,
    /// 表題の下。 Under the title.
    UnderTitle,
    /// 通知文の宛名の上（右上の日付の下）。通知文でなければ top と同じ。 Above a letter's
    /// addressee (under its date line); as `top` in a document that is not a letter.
    AboveAddressee,
    /// 末尾。 At the end.
    #[default]
    End,
}

/// The calendar dates are written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    /// 和暦: 令和７年４月１日.
    #[default]
    Wareki,
    /// 西暦: 2025年4月1日.
    Seireki,
}

/// Whether the label stands after or before the date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateForm {
    /// 令和７年４月１日制定.
    #[default]
    Suffix,
    /// 制定　令和７年４月１日.
    Prefix,
}

/// Letter form: addressee, date line and sender.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    /// 宛名（例「加入者各位」）。 The addressee, e.g. 「加入者各位」.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub addressee: Option<Text>,
    /// 右上の日付（YYYY-MM-DD）。 The date line at the top right.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub date: Option<Spanned<Date>>,
    /// 日付の暦（既定 wareki）。 The calendar of the date line.
    #[serde(default)]
    pub calendar: Calendar,
    /// 右寄せの差出人の行（例: 組合名、「理事長　山田　太郎」）。省略すると組合名と
    /// `organization.representative`。`[]` で差出人なし。 The sender block, line by line, aligned
    /// right; by default the organisation's name and its representative's title and name;
    /// `[]` for none.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub sender: Option<Vec<Text>>,
}

/// One revision (改正) of the notice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The day of the revision (改正日), as `YYYY-MM-DD`.
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
    /// What changed, in a few words, e.g. 「特定個人情報の利用目的を追加」; optional.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub summary: Option<Text>,
    /// The day the revision takes effect (施行日), where it differs from the revision date.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub effective: Option<Spanned<Date>>,
    /// The day from which it applies (適用日), where it differs from the revision date; it
    /// may be earlier (retroactive application).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub applies_from: Option<Spanned<Date>>,
    /// 施行が日付でないとき（例「公布の日から施行」）。 When it takes effect, as an event
    /// rather than a date, e.g. 「公布の日から施行」.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub effective_event: Option<Text>,
}
