//! What templates see of the legal fields: the society's address, representative and
//! contact points, 保有個人データに関する事項, joint-use records and the basis of items, as
//! plain data. Every field is empty or absent when the source does not give it, so the
//! default templates print a section only when its data is there.

use serde::Serialize;
use serde_saphyr::Spanned;

use crate::source::legal::{self, Particular};
use crate::source::model::{Source, Text};

fn text(value: &Option<Text>) -> Option<String> {
    value.as_ref().map(|t| t.value.clone())
}

fn texts(values: &[Text]) -> Vec<String> {
    values.iter().map(|t| t.value.clone()).collect()
}

/// A representative: title, name, and both as printed (「理事長　山田太郎」).
#[derive(Debug, Clone, Serialize)]
pub struct Representative {
    /// 役職, if given.
    pub title: Option<String>,
    /// 氏名.
    pub name: String,
    /// The title and the name, separated by a full-width space.
    pub display: String,
}

impl Representative {
    /// The context of a source's representative.
    pub fn new(representative: &legal::Representative) -> Representative {
        Representative {
            title: text(&representative.title),
            name: representative.name.value.clone(),
            display: representative.display(),
        }
    }
}

/// A contact point (窓口).
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    /// 窓口の名称.
    pub name: String,
    /// 電話番号.
    pub phone: Option<String>,
    /// 受付時間.
    pub hours: Option<String>,
    /// 電子メールアドレス.
    pub email: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// What is given, as printed, in order.
    pub rows: Vec<Row>,
}

/// The society's contact points.
pub fn contacts(source: &Source) -> Vec<Contact> {
    source
        .organization
        .contacts
        .iter()
        .map(|c| {
            let phone = text(&c.phone);
            let hours = text(&c.hours);
            let email = text(&c.email);
            // Only a link a reader may follow: the source's check refuses any other.
            let url = text(&c.url).filter(|u| crate::text::is_allowed_url(u, false));
            let rows = phone
                .clone()
                .map(|p| Row::text("電話", p))
                .into_iter()
                .chain(hours.clone().map(|h| Row::text("受付時間", h)))
                .chain(email.clone().map(|address| Row {
                    label: "電子メール".into(),
                    value: RowValue::Email { address },
                }))
                .chain(url.clone().map(|address| Row {
                    label: "ウェブサイト".into(),
                    value: RowValue::Url { address },
                }))
                .collect();
            Contact {
                name: c.name.value.clone(),
                phone,
                hours,
                email,
                url,
                rows,
            }
        })
        .collect()
}

/// 保有個人データに関する事項 (第32条).
#[derive(Debug, Clone, Serialize)]
pub struct PersonalData {
    /// The procedure for requests, if given.
    pub requests: Option<Requests>,
    /// 苦情の申出先 (Markdown), if given.
    pub complaints: Option<String>,
    /// The security measures, if given.
    pub security: Option<Security>,
    /// The accredited body, if the society belongs to one.
    pub accredited_body: Option<AccreditedBody>,
    /// Provision to a third party in a foreign country (第28条), if the society does it.
    pub foreign: Option<Foreign>,
}

/// Provision to a third party in a foreign country (第28条).
#[derive(Debug, Clone, Serialize)]
pub struct Foreign {
    /// The countries.
    pub countries: Vec<String>,
    /// When data is provided.
    pub purposes: Vec<String>,
    /// The country's system (Markdown), if given.
    pub system: Option<String>,
    /// The recipient's measures (Markdown), if given.
    pub measures: Option<String>,
    /// The sentence that says the society provides data abroad.
    pub statement: String,
    /// What is given, as printed, in order.
    pub rows: Vec<Row>,
}

/// The procedure for requests (開示等の請求).
#[derive(Debug, Clone, Serialize)]
pub struct Requests {
    /// 受付先.
    #[serde(rename = "where")]
    pub where_: Option<String>,
    /// 請求の方法 (Markdown).
    pub how: Option<String>,
    /// 必要な書類.
    pub documents: Vec<String>,
    /// 手数料.
    pub fee: Option<String>,
    /// The sentence that opens the procedure: which requests it receives.
    pub intro: &'static str,
    /// What is given, as printed, in order.
    pub rows: Vec<Row>,
}

/// The security measures (安全管理措置).
#[derive(Debug, Clone, Serialize)]
pub struct Security {
    /// The measures, one by one.
    pub measures: Vec<String>,
    /// Or: the statement that they are answered on request.
    pub on_request: Option<String>,
}

/// An accredited personal information protection organisation.
#[derive(Debug, Clone, Serialize)]
pub struct AccreditedBody {
    /// 名称.
    pub name: String,
    /// 苦情の申出先 (Markdown), if given.
    pub complaints: Option<String>,
    /// The sentence that says the society is one of the body's members.
    pub statement: String,
    /// What is given, as printed, in order.
    pub rows: Vec<Row>,
}

/// The requests the procedure of 第32条第1項第3号 receives: the 利用目的の通知 is a 求め
/// (第32条第2項), the others are 請求 (第33条から第35条まで), together 「開示等の請求等」
/// (第37条); disclosure may be asked for as an electronic record (第33条第1項).
const REQUESTS_INTRO: &str = "保有個人データの利用目的の通知の求め並びに開示（第三者提供記録の開示を含む。）、訂正等（訂正、追加又は削除）及び利用停止等（利用の停止、消去又は第三者への提供の停止）の請求（以下「開示等の請求等」という。）は、次の手続により受け付けます。開示の請求に当たっては、電磁的記録の提供による方法、書面の交付による方法等のうちから、開示の方法を指定することができます。";

/// The fee's label: a fee may be charged only for the 利用目的の通知 and for 開示 (第38条第1項).
const FEE_LABEL: &str = "利用目的の通知及び開示の手数料";

/// The context of the source's 保有個人データに関する事項, if it has the section.
pub fn personal_data(source: &Source) -> Option<PersonalData> {
    let data = &source.personal_data.as_ref()?.value;
    Some(PersonalData {
        requests: data.requests.as_ref().map(|Spanned { value: r, .. }| {
            let (where_, how, documents, fee) = (
                text(&r.where_),
                text(&r.how),
                texts(&r.documents),
                text(&r.fee),
            );
            let rows = where_
                .clone()
                .map(|w| Row::text("受付窓口", w))
                .into_iter()
                .chain(how.clone().map(|h| Row::prose("請求の方法", h)))
                .chain((!documents.is_empty()).then(|| Row {
                    label: "必要な書類".into(),
                    value: RowValue::List {
                        items: documents.clone(),
                    },
                }))
                .chain(fee.clone().map(|f| Row::text(FEE_LABEL, f)))
                .collect();
            Requests {
                where_,
                how,
                documents,
                fee,
                intro: REQUESTS_INTRO,
                rows,
            }
        }),
        complaints: text(&data.complaints),
        security: data
            .security
            .as_ref()
            .map(|Spanned { value: s, .. }| Security {
                measures: texts(&s.measures),
                on_request: text(&s.on_request),
            }),
        accredited_body: data.accredited_body.as_ref().map(|b| {
            let (name, complaints) = (b.name.value.clone(), text(&b.complaints));
            let rows = std::iter::once(Row::text("名称", name.clone()))
                .chain(
                    complaints
                        .clone()
                        .map(|c| Row::prose("苦情の解決の申出先", c)),
                )
                .collect();
            let short_name = source.organization.prose_name();
            AccreditedBody {
                name,
                complaints,
                statement: format!("{short_name}は、次の認定個人情報保護団体の対象事業者です。"),
                rows,
            }
        }),
        foreign: data.foreign.as_ref().map(|Spanned { value: f, .. }| {
            let (countries, purposes) = (texts(&f.countries), texts(&f.purposes));
            let (system, measures) = (text(&f.system), text(&f.measures));
            let list = |label: &'static str, items: &Vec<String>| {
                (!items.is_empty()).then(|| Row {
                    label: label.into(),
                    value: RowValue::List {
                        items: items.clone(),
                    },
                })
            };
            let rows = list("提供先の外国の名称", &countries)
                .into_iter()
                .chain(list("提供する場面", &purposes))
                .chain(
                    system
                        .clone()
                        .map(|s| Row::prose("当該外国における個人情報の保護に関する制度", s)),
                )
                .chain(
                    measures
                        .clone()
                        .map(|m| Row::prose("提供先が講ずる個人情報の保護のための措置", m)),
                )
                .collect();
            let short_name = source.organization.prose_name();
            Foreign {
                countries,
                purposes,
                system,
                measures,
                statement: format!(
                    "{short_name}は、次のとおり、外国にある第三者に個人データを提供します。"
                ),
                rows,
            }
        }),
    })
}

/// A joint-use record (共同利用) with its five particulars.
#[derive(Debug, Clone, Serialize)]
pub struct JointUse {
    /// The record's id (for anchors and the items that refer to it).
    pub id: String,
    /// Its heading, if given.
    pub title: Option<String>,
    /// (1) 共同利用をする旨.
    pub statement: String,
    /// (2) 共同利用される個人データの項目.
    pub items: Vec<String>,
    /// (3) 共同利用者の範囲.
    pub users: String,
    /// (4) 利用目的.
    pub purposes: Vec<String>,
    /// (5) 責任を有する者.
    pub responsible: Responsible,
    /// The particulars (2) to (5) as printed, in order, each under its statutory label:
    /// what the templates lay out, in a table or line by line.
    pub rows: Vec<Row>,
}

/// One particular of a legal section, under its label.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// The label, e.g. 「共同利用者の範囲」.
    pub label: std::borrow::Cow<'static, str>,
    /// What it says: a list of items (printed with 「・」), or lines of one text.
    pub value: RowValue,
}

/// What a [`Row`] holds.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "form", rename_all = "snake_case")]
pub enum RowValue {
    /// Items, each on a line of its own with 「・」.
    List {
        /// The items.
        items: Vec<String>,
    },
    /// Lines of one text (a name, an address, a representative).
    Lines {
        /// The lines.
        lines: Vec<String>,
    },
    /// Prose (Markdown), through the one sanitising path of its format.
    Prose {
        /// The Markdown.
        text: String,
    },
    /// A mail address, linked.
    Email {
        /// The address.
        address: String,
    },
    /// A web address, linked.
    Url {
        /// The address.
        address: String,
    },
}

impl Row {
    fn text(label: &'static str, text: String) -> Row {
        Row {
            label: label.into(),
            value: RowValue::Lines { lines: vec![text] },
        }
    }

    fn prose(label: &'static str, text: String) -> Row {
        Row {
            label: label.into(),
            value: RowValue::Prose { text },
        }
    }
}

/// The society's name, address and representative as printed under 第32条第1項第1号.
pub fn organization_rows(source: &Source) -> Vec<Row> {
    let organization = &source.organization;
    std::iter::once(Row::text("名称", organization.name.value.clone()))
        .chain(text(&organization.address).map(|a| Row::text("住所", a)))
        .chain(
            organization
                .representative
                .as_ref()
                .map(|r| Row::text("代表者", r.display())),
        )
        .collect()
}

/// The party responsible for a joint use.
#[derive(Debug, Clone, Serialize)]
pub struct Responsible {
    /// 名称.
    pub name: String,
    /// 住所.
    pub address: String,
    /// 代表者, as printed (「理事長　山田太郎」).
    pub representative: String,
}

/// The source's joint-use records, each row only where the record gives its particular (an
/// incomplete record, such as an older one naming only the party responsible, is printed as
/// written; the check against the law warns about it).
pub fn joint_use(source: &Source) -> Vec<JointUse> {
    let or_empty = |t: &Option<Text>| text(t).unwrap_or_default();
    source
        .joint_use
        .iter()
        .map(|record| {
            let responsible = record.responsible.as_ref().map(|r| &r.value);
            let responsible = Responsible {
                name: responsible.map(|r| or_empty(&r.name)).unwrap_or_default(),
                address: responsible
                    .map(|r| or_empty(&r.address))
                    .unwrap_or_default(),
                representative: responsible
                    .and_then(|r| r.representative.as_ref())
                    .map(legal::Representative::display)
                    .unwrap_or_default(),
            };
            let items = texts(&record.items);
            let users = or_empty(&record.users);
            let purposes = texts(&record.purposes);
            // 個人情報保護法第27条第5項第3号, in its order and words.
            let particular = |of: Particular| match of {
                Particular::Items => Row {
                    label: "共同利用される個人データの項目".into(),
                    value: RowValue::List {
                        items: items.clone(),
                    },
                },
                Particular::Users => Row {
                    label: "共同利用者の範囲".into(),
                    value: RowValue::Lines {
                        lines: vec![users.clone()],
                    },
                },
                Particular::Purposes => Row {
                    label: "利用する者の利用目的".into(),
                    value: RowValue::List {
                        items: purposes.clone(),
                    },
                },
                Particular::Responsible => Row {
                    label: "個人データの管理について責任を有する者".into(),
                    value: RowValue::Lines {
                        lines: vec![
                            responsible.name.clone(),
                            responsible.address.clone(),
                            responsible.representative.clone(),
                        ],
                    },
                },
            };
            // The page's own rows first, in its order and words; then the particulars it
            // did not list, in the law's.
            let mut rows: Vec<Row> = record
                .rows
                .iter()
                .map(|row| match row.of {
                    Some(of) => {
                        let mut printed = particular(of);
                        if let Some(label) = &row.label {
                            printed.label = label.value.clone().into();
                        }
                        printed
                    }
                    None => Row {
                        label: text(&row.label).unwrap_or_default().into(),
                        value: RowValue::Lines {
                            lines: vec![text(&row.text).unwrap_or_default()],
                        },
                    },
                })
                .collect();
            for of in [
                Particular::Items,
                Particular::Users,
                Particular::Purposes,
                Particular::Responsible,
            ] {
                if !record.rows.iter().any(|r| r.of == Some(of)) {
                    rows.push(particular(of));
                }
            }
            let rows = rows
                .into_iter()
                .filter(|row| match &row.value {
                    RowValue::List { items } => !items.is_empty(),
                    RowValue::Lines { lines } => lines.iter().any(|l| !l.is_empty()),
                    _ => true,
                })
                .map(|mut row| {
                    if let RowValue::Lines { lines } = &mut row.value {
                        lines.retain(|l| !l.is_empty());
                    }
                    row
                })
                .collect();
            JointUse {
                id: record.id.value.clone(),
                title: text(&record.title),
                statement: or_empty(&record.statement),
                items,
                users,
                purposes,
                responsible,
                rows,
            }
        })
        .collect()
}

/// The basis of an item, as templates print it.
#[derive(Debug, Clone, Serialize)]
pub struct Basis {
    /// `outsourcing`, `joint_use`, `law`, `consent` or `implied_consent`.
    pub kind: &'static str,
    /// 委託, 共同利用, 法令に基づく提供, 本人の同意に基づく提供.
    pub label: &'static str,
    /// The joint-use record's id, for `joint_use`.
    pub joint_use: Option<String>,
    /// The law, for `law`.
    pub law: Option<String>,
    /// The words printed after the item: 「（委託）」, 「（法令に基づく提供：健康保険法第57条）」;
    /// empty where the item already says it (「医療機関への健診の委託」).
    pub note: String,
}

impl Basis {
    /// The context of the basis of the item that reads `text`.
    pub fn new(basis: &legal::Basis, text: &str) -> Basis {
        let (joint_use, law) = match basis {
            legal::Basis::JointUse(id) => (Some(id.value.clone()), None),
            legal::Basis::Law(law) => (None, Some(law.value.clone())),
            _ => (None, None),
        };
        // 「…の委託（委託）」 says it twice: the item's own words are enough.
        let said = match basis {
            legal::Basis::Outsourcing | legal::Basis::JointUse(_) => text.contains(basis.label()),
            legal::Basis::Law(law) => text.contains(law.value.as_str()),
            _ => false,
        };
        let note = match &law {
            _ if said => String::new(),
            // The member who disagrees must be told that they may say so.
            None if matches!(basis, legal::Basis::ImpliedConsent) => {
                format!(
                    "（{}。同意されない方は、お申し出ください。）",
                    basis.label()
                )
            }
            Some(law) => format!("（{}：{law}）", basis.label()),
            None => format!("（{}）", basis.label()),
        };
        Basis {
            kind: basis.kind(),
            label: basis.label(),
            joint_use,
            law,
            note,
        }
    }
}
