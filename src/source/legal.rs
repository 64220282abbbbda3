//! The parts of `purposes.yaml` that 個人情報保護法 requires a society to publish or make
//! known: who the society is (第32条第1項第1号), the matters about retained personal data
//! (保有個人データに関する事項, 第32条 and 施行令第10条), joint-use records (共同利用,
//! 第27条第5項第3号), and the basis on which an item gives data to others.
//!
//! Every field is optional in the schema, so that every older purposes.yaml still reads;
//! `mokuteki check` says which ones the law requires (see [`crate::law`]).

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::text::Text;

/// The representative of a society or of the party responsible for a joint use.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// 役職（例「理事長」）。 The title, e.g. 「理事長」.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// 氏名。 The name.
    #[schemars(with = "String")]
    pub name: Text,
}

impl Representative {
    /// 「理事長　山田太郎」: the title and the name, separated by a full-width space.
    pub fn display(&self) -> String {
        match &self.title {
            Some(title) => format!("{}\u{3000}{}", title.value, self.name.value),
            None => self.name.value.clone(),
        }
    }
}

/// A contact point (窓口): where people ask, request or complain.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// 窓口の名称（例「個人情報相談窓口」）。 The name of the contact point.
    #[schemars(with = "String")]
    pub name: Text,
    /// 電話番号。 The telephone number.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub phone: Option<Text>,
    /// 受付時間（例「平日９時〜17時」）。 The hours it answers.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub hours: Option<Text>,
    /// 電子メールアドレス。 An e-mail address.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub email: Option<Text>,
    /// 問い合わせフォーム等の URL。 The address of a web form or page.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<Text>,
}

/// 保有個人データに関する事項 (個人情報保護法第32条第1項, 施行令第10条): what every
/// society must keep where the person can know it.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonalData {
    /// 開示・訂正・利用停止等の請求の手続（第32条第1項第3号）。 How to request disclosure,
    /// correction, suspension of use and the like (第32条第1項第3号).
    #[serde(default)]
    #[schemars(with = "Option<Requests>")]
    pub requests: Option<Spanned<Requests>>,
    /// 苦情の申出先（施行令第10条第2号）（Markdown）。 Where to file complaints (Markdown).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub complaints: Option<Text>,
    /// 安全管理措置（施行令第10条第1号）。 The security control measures taken.
    #[serde(default)]
    #[schemars(with = "Option<Security>")]
    pub security: Option<Spanned<Security>>,
    /// 加入している認定個人情報保護団体（施行令第10条第3号）。加入していなければ省略します。
    /// The accredited personal information protection organisation the society belongs
    /// to, if any.
    #[serde(default)]
    pub accredited_body: Option<AccreditedBody>,
    /// 外国にある第三者への提供（第28条）。行う場合だけ書きます。安全管理措置には外的環境の
    /// 把握を含めます。 Provision to a third party in a foreign country, if the society does
    /// it; the security measures then include 外的環境の把握.
    #[serde(default)]
    #[schemars(with = "Option<Foreign>")]
    pub foreign: Option<Spanned<Foreign>>,
}

/// Provision of personal data to a third party in a foreign country (第28条): a contractor
/// or a cloud abroad. 委託 does not exempt it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Foreign {
    /// 提供先の外国の名称。 The countries.
    #[schemars(with = "Vec<String>")]
    pub countries: Vec<Text>,
    /// 提供する場面（例「海外療養費に係る翻訳の外部委託」）。 When data is provided.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub purposes: Vec<Text>,
    /// 当該外国における個人情報の保護に関する制度（Markdown）。 The country's system for
    /// the protection of personal information (Markdown).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub system: Option<Text>,
    /// 提供先が講ずる個人情報の保護のための措置（Markdown）。 The measures the recipient
    /// takes (Markdown).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub measures: Option<Text>,
}

/// The procedure for requests about retained personal data (第32条第1項第3号, 第37条, 第38条).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requests {
    /// 請求の受付先（例「下記のお問い合わせ窓口」）。 Where requests are received.
    #[serde(default, rename = "where")]
    #[schemars(with = "Option<String>")]
    pub where_: Option<Text>,
    /// 請求の方法（例「所定の請求書を郵送」）（Markdown）。 How to make a request (Markdown).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub how: Option<Text>,
    /// 請求に必要な書類（本人確認書類など）。 What to bring or enclose (identification…).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub documents: Vec<Text>,
    /// 手数料（第38条）。定めていなければ「無料」。 The fee (第38条), or 「無料」.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub fee: Option<Text>,
}

/// The security control measures (安全管理措置, 施行令第10条第1号): listed, or answered on
/// request where publishing them would hinder them.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// 講じている措置、一つずつ。 The measures taken, one by one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub measures: Vec<Text>,
    /// 公表すると支障がある場合に、求めに応じて回答する旨の文。 Instead of the list: the
    /// statement that the measures are answered on request.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub on_request: Option<Text>,
}

/// An accredited personal information protection organisation (認定個人情報保護団体).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccreditedBody {
    /// 団体の名称。 Its name.
    #[schemars(with = "String")]
    pub name: Text,
    /// 苦情の申出先（Markdown）。 Where to file complaints with it (Markdown).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub complaints: Option<Text>,
}

/// A joint use of personal data (共同利用, 第27条第5項第3号): the five particulars the person
/// must be told of, or be able to know easily, before the data is shared.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointUse {
    /// 識別子。項目の `basis: {joint_use: id}` で参照します。 An identifier, referred to by
    /// items' `basis: {joint_use: id}`.
    #[schemars(with = "String")]
    pub id: Text,
    /// 見出し（例「健康保険組合連合会との共同利用」）。 A heading for the record.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
    /// (1) 共同利用をする旨の文。 (1) The statement that the data is used jointly.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub statement: Option<Text>,
    /// (2) 共同利用される個人データの項目。 (2) The items of personal data used jointly.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub items: Vec<Text>,
    /// (3) 共同利用者の範囲。 (3) The scope of the joint users.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub users: Option<Text>,
    /// (4) 利用する者の利用目的。 (4) The joint users' purposes of use.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub purposes: Vec<Text>,
    /// (5) 個人データの管理について責任を有する者。 (5) The party responsible for managing
    /// the data: name, address and representative.
    #[serde(default)]
    #[schemars(with = "Option<Responsible>")]
    pub responsible: Option<Spanned<Responsible>>,
    /// 公表文での事項の順と表記、追加の事項（省略すると法の順と表記）。書かなかった事項は
    /// その後に法の順で続きます。 The rows as the page prints them: its own order and labels,
    /// and further rows (「取り扱う者の範囲」); particulars not listed follow in the law's order.
    #[serde(default)]
    pub rows: Vec<JointUseRow>,
}

/// One row of a joint-use record as the page prints it: a particular under the page's own
/// label, or a further row of the page's own.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointUseRow {
    /// 事項: items | users | purposes | responsible（省略すると追加の事項）。 Which particular;
    /// left out, a further row with its own `text`.
    #[serde(default)]
    pub of: Option<Particular>,
    /// 表記（省略すると法の表記）。 The page's label (default: the law's).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub label: Option<Text>,
    /// 追加の事項の内容。 The text of a further row.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub text: Option<Text>,
}

/// A particular of a joint use that a row may print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Particular {
    /// 共同利用される個人データの項目。
    Items,
    /// 共同利用者の範囲。
    Users,
    /// 利用する者の利用目的。
    Purposes,
    /// 個人データの管理について責任を有する者。
    Responsible,
}

/// The party responsible for a joint use (第27条第5項第3号).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsible {
    /// 名称（氏名）。 Its name.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub name: Option<Text>,
    /// 住所。 Its address.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub address: Option<Text>,
    /// 法人の場合の代表者。 Its representative, for a corporation.
    #[serde(default)]
    pub representative: Option<Representative>,
}

/// The basis on which an item involves others (第27条).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// 委託（第27条第5項第1号）: outsourcing, not a provision to a third party.
    #[serde(alias = "委託")]
    Outsourcing,
    /// 共同利用（第27条第5項第3号）: a joint use, naming its record's id.
    #[serde(alias = "共同利用")]
    JointUse(Text),
    /// 法令に基づく場合（第27条第1項第1号）: naming the law (and article).
    #[serde(alias = "法令")]
    Law(Text),
    /// 本人の同意（第27条第1項）: the person's consent.
    #[serde(alias = "本人同意")]
    Consent,
    /// 黙示による包括的な同意: consent presumed where the person, told of the provision,
    /// does not object, as 健保組合 notices use it for payments through the employer
    /// (e.g. a refund paid into the payroll account); the notice says that a member who
    /// disagrees may ask otherwise.
    #[serde(alias = "黙示による包括的な同意", alias = "黙示の同意")]
    ImpliedConsent,
}

impl JsonSchema for Basis {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Basis".into()
    }

    /// Written by hand so that the Japanese spellings the loader accepts are in it too.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let reference = |keys: [&str; 2], description: &str| {
            keys.map(|key| {
                schemars::json_schema!({
                    "description": description,
                    "type": "object",
                    "properties": { key: { "type": "string" } },
                    "required": [key],
                    "additionalProperties": false,
                })
            })
        };
        let [joint_use, joint_use_ja] = reference(
            ["joint_use", "共同利用"],
            "共同利用（第27条第5項第3号）：共同利用の記録の id。 A joint use, naming its record's id.",
        );
        let [law, law_ja] = reference(
            ["law", "法令"],
            "法令に基づく提供（第27条第1項第1号）：法令名（条項）。 A provision required by law, naming it.",
        );
        schemars::json_schema!({
            "description": "提供の根拠（個人情報保護法第27条）。 The basis on which an item involves others: outsourcing（委託）, consent（本人同意）, implied_consent（黙示による包括的な同意）, {joint_use: id}（共同利用）or {law: 法令名}（法令）.",
            "anyOf": [
                {
                    "description": "outsourcing / 委託（第27条第5項第1号）、consent / 本人同意（第27条第1項）、implied_consent / 黙示による包括的な同意（同意しない方は申し出られる旨を添えて印字します）",
                    "type": "string",
                    "enum": ["outsourcing", "委託", "consent", "本人同意", "implied_consent", "黙示による包括的な同意", "黙示の同意"],
                },
                joint_use,
                joint_use_ja,
                law,
                law_ja,
            ],
        })
    }
}

impl Basis {
    /// The stable name templates and reports use: `outsourcing`, `joint_use`, `law`,
    /// `consent`, `implied_consent`.
    pub fn kind(&self) -> &'static str {
        match self {
            Basis::Outsourcing => "outsourcing",
            Basis::JointUse(_) => "joint_use",
            Basis::Law(_) => "law",
            Basis::Consent => "consent",
            Basis::ImpliedConsent => "implied_consent",
        }
    }

    /// The standard wording, e.g. 「委託」, 「法令に基づく提供」.
    pub fn label(&self) -> &'static str {
        match self {
            Basis::Outsourcing => "委託",
            Basis::JointUse(_) => "共同利用",
            Basis::Law(_) => "法令に基づく提供",
            Basis::Consent => "本人の同意に基づく提供",
            Basis::ImpliedConsent => "黙示による包括的な同意に基づく提供",
        }
    }
}

/// Where a [`Basis`] was written, for messages about it.
pub type SpannedBasis = Spanned<Basis>;

impl Representative {
    /// Its texts (title, name), in file order.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a Text>) {
        out.extend(&self.title);
        out.push(&self.name);
    }
}

impl PersonalData {
    /// Every text of the section, in file order.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a Text>) {
        if let Some(Spanned {
            value: requests, ..
        }) = &self.requests
        {
            out.extend(&requests.where_);
            out.extend(&requests.how);
            out.extend(&requests.documents);
            out.extend(&requests.fee);
        }
        out.extend(&self.complaints);
        if let Some(Spanned {
            value: security, ..
        }) = &self.security
        {
            out.extend(&security.measures);
            out.extend(&security.on_request);
        }
        if let Some(body) = &self.accredited_body {
            out.push(&body.name);
            out.extend(&body.complaints);
        }
        if let Some(Spanned { value: foreign, .. }) = &self.foreign {
            out.extend(&foreign.countries);
            out.extend(&foreign.purposes);
            out.extend(&foreign.system);
            out.extend(&foreign.measures);
        }
    }
}

impl JointUse {
    /// Every prose text of the record (its id aside), in file order.
    pub fn texts<'a>(&'a self, out: &mut Vec<&'a Text>) {
        out.extend(&self.title);
        out.extend(&self.statement);
        out.extend(&self.items);
        out.extend(&self.users);
        out.extend(&self.purposes);
        if let Some(Spanned {
            value: responsible, ..
        }) = &self.responsible
        {
            out.extend(&responsible.name);
            out.extend(&responsible.address);
            if let Some(representative) = &responsible.representative {
                representative.texts(out);
            }
        }
        for row in &self.rows {
            out.extend(&row.label);
            out.extend(&row.text);
        }
    }
}
