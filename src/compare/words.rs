//! The words of `compare`, in English and Japanese: what a person must confirm about each
//! change of the purposes, and what the command says when it is done.

use std::path::Path;

use super::changes::{Change, Place};
use crate::diagnostic::Lang;
use crate::text::numerals::full_width_digits;

/// What a person must confirm about one change of the purposes, in `lang`: whether it
/// stays within what is reasonably related to the old purposes (個人情報保護法 第17条第2項),
/// which only a person can judge.
pub fn confirmation(change: &Change, lang: Lang) -> String {
    use Change as C;
    let at = |place: &Place| match lang {
        Lang::En => format!("{}. {}", place.number, place.title),
        Lang::Ja => format!(
            "{}．{}",
            full_width_digits(&place.number.to_string()),
            place.title
        ),
    };
    match (change, lang) {
        (C::ItemAdded { place, text, .. }, Lang::En) => format!(
            "{}: new purpose 「{text}」. Personal data already held may be used for it only if it is reasonably related to the old purposes (Art. 17(2)), with the person's consent (Art. 18(1)), or in a case of Art. 18(3) (required by law, among others); confirm which",
            at(place)
        ),
        (C::ItemAdded { place, text, .. }, Lang::Ja) => format!(
            "{}：利用目的「{text}」を追加しています。既に保有している個人情報をこの目的に利用できるのは、変更前の利用目的と関連性を有すると合理的に認められる場合（第17条第2項）、本人の同意を得た場合（第18条第1項）又は法令に基づく場合など第18条第3項各号に当たる場合です。いずれに当たるか確認してください",
            at(place)
        ),
        (C::ItemRemoved { place, text, .. }, Lang::En) => format!(
            "{}: purpose 「{text}」 removed. Confirm that no personal data is used for it any longer, and whether the data kept for it is still needed",
            at(place)
        ),
        (C::ItemRemoved { place, text, .. }, Lang::Ja) => format!(
            "{}：利用目的「{text}」を削除しています。この目的での利用を終えていること、そのために保有している個人情報がなお必要かを確認してください",
            at(place)
        ),
        (
            C::ItemReworded {
                place, old, new, ..
            },
            Lang::En,
        ) => format!(
            "{}: 「{old}」 reworded as 「{new}」. Confirm the new wording is reasonably related to the old (Art. 17(2)); otherwise it is a new purpose that needs consent, unless a case of Art. 18(3) applies (required by law, among others)",
            at(place)
        ),
        (
            C::ItemReworded {
                place, old, new, ..
            },
            Lang::Ja,
        ) => format!(
            "{}：「{old}」を「{new}」に改めています。変更前の利用目的と関連性を有すると合理的に認められる範囲内か（第17条第2項）確認してください。範囲を超える場合は、法令に基づく場合など第18条第3項各号に当たるときを除き、本人の同意が必要です",
            at(place)
        ),
        (
            C::ItemMoved {
                place,
                from,
                to,
                new,
                provision: true,
                ..
            },
            Lang::En,
        ) => format!(
            "{}: 「{new}」 moved from 「{}」 into 「{}」, a column of provision to others. To them this is a new provision: it needs the person's consent (Art. 27(1)) or another basis of Art. 27 (outsourcing, joint use, a law); confirm which",
            at(place),
            from.column,
            to.column
        ),
        (
            C::ItemMoved {
                place,
                from,
                to,
                new,
                provision: true,
                ..
            },
            Lang::Ja,
        ) => format!(
            "{}：「{new}」を「{}」から他者への提供の欄「{}」に移しています。新たな第三者提供に当たる場合は、本人の同意（第27条第1項）、法令に基づく場合等（同項各号）又は委託若しくは共同利用（同条第5項第1号又は第3号）のいずれかによる必要があります。いずれによるか、併せて変更前の利用目的との関連性（第17条第2項）を確認してください",
            at(place),
            from.column,
            to.column
        ),
        (
            C::ItemMoved {
                place,
                from,
                to,
                new,
                ..
            },
            Lang::En,
        ) => format!(
            "{}: 「{new}」 moved from 「{}」 to 「{}」. Who receives the data changes: confirm it is reasonably related to the old purpose (Art. 17(2)), and for a provision to a third party its basis (Art. 27)",
            at(place),
            from.column,
            to.column
        ),
        (
            C::ItemMoved {
                place,
                from,
                to,
                new,
                ..
            },
            Lang::Ja,
        ) => format!(
            "{}：「{new}」を「{}」から「{}」に移しています。利用・提供の範囲が変わるため、変更前の利用目的との関連性（第17条第2項）と、第三者提供に当たる場合はその根拠（第27条）を確認してください",
            at(place),
            from.column,
            to.column
        ),
        (C::ItemDetails { place, text, .. }, Lang::En) => format!(
            "{}: the notes or sub-items of 「{text}」 changed. Confirm they do not widen the purpose",
            at(place)
        ),
        (C::ItemDetails { place, text, .. }, Lang::Ja) => format!(
            "{}：「{text}」の注記又は細目を改めています。利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::CategoryAdded { place, texts }, Lang::En) => format!(
            "{}: new category with {} purpose(s). Confirm each is reasonably related to the old purposes (Art. 17(2)), that consent will be obtained (Art. 18(1)), or that a case of Art. 18(3) applies (required by law, among others)",
            at(place),
            texts.len()
        ),
        (C::CategoryAdded { place, texts }, Lang::Ja) => format!(
            "{}：区分を新設しています（利用目的 {} 件）。それぞれ、変更前の利用目的と関連性を有すると合理的に認められるか（第17条第2項）、本人の同意を得るか（第18条第1項）、又は法令に基づく場合など第18条第3項各号に当たるかを確認してください",
            at(place),
            texts.len()
        ),
        (C::CategoryRemoved { place, texts }, Lang::En) => format!(
            "{}: category removed with {} purpose(s). Confirm no personal data is used for them any longer",
            at(place),
            texts.len()
        ),
        (C::CategoryRemoved { place, texts }, Lang::Ja) => format!(
            "{}：区分を削除しています（利用目的 {} 件）。これらの目的での利用を終えていることを確認してください",
            at(place),
            texts.len()
        ),
        (C::CategoryRenamed { place, old }, Lang::En) => format!(
            "{}: the title was 「{old}」. Confirm the new title does not widen the purposes under it",
            at(place)
        ),
        (C::CategoryRenamed { place, old }, Lang::Ja) => format!(
            "{}：見出しを「{old}」から改めています。見出しの下の利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::CategoryText { place }, Lang::En) => format!(
            "{}: the description, group, notes or further columns changed. Confirm they do not widen the purposes",
            at(place)
        ),
        (C::CategoryText { place }, Lang::Ja) => format!(
            "{}：説明、グループ、注記又はその他の列を改めています。利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::CategoryMoved { place }, Lang::En) => format!("{}: moved in the order", at(place)),
        (C::CategoryMoved { place }, Lang::Ja) => format!("{}：掲載順を変えています", at(place)),
        (C::KindAdded { kind }, Lang::En) => format!(
            "recipient kind 「{}」 added. Confirm the basis of each use or provision filed under it (Art. 17(2), Art. 27)",
            kind.column
        ),
        (C::KindAdded { kind }, Lang::Ja) => format!(
            "提供先の種類「{}」を追加しています。この種類に書いた利用・提供それぞれの根拠（第17条第2項、第27条）を確認してください",
            kind.column
        ),
        (C::KindRemoved { kind }, Lang::En) => format!(
            "recipient kind 「{}」 removed. Confirm no use or provision of that kind continues",
            kind.column
        ),
        (C::KindRemoved { kind }, Lang::Ja) => format!(
            "提供先の種類「{}」を削除しています。この種類の利用・提供を続けていないことを確認してください",
            kind.column
        ),
        (C::KindRenamed { old, new, .. }, Lang::En) => format!(
            "recipient kind 「{old}」 renamed 「{new}」. Confirm the items under it still belong there"
        ),
        (C::KindRenamed { old, new, .. }, Lang::Ja) => format!(
            "提供先の種類「{old}」を「{new}」に改めています。この種類に書いた利用目的がなお当てはまるか確認してください"
        ),
        (
            C::ItemBasis {
                place,
                text,
                old,
                new,
                ..
            },
            Lang::En,
        ) => format!(
            "{}: the basis of 「{text}」 changed from {} to {}. A change of basis is a change of how the data reaches others: confirm the new basis holds (Art. 27), and obtain consent where it is the basis",
            at(place),
            old.as_deref().unwrap_or("none"),
            new.as_deref().unwrap_or("none")
        ),
        (
            C::ItemBasis {
                place,
                text,
                old,
                new,
                ..
            },
            Lang::Ja,
        ) => format!(
            "{}：「{text}」の提供の根拠を「{}」から「{}」に改めています。新しい根拠の要件を満たすか（第27条）確認し、本人の同意による場合は、あらかじめ同意を得てください",
            at(place),
            old.as_deref().unwrap_or("記載なし"),
            new.as_deref().unwrap_or("記載なし")
        ),
        (C::NoteAdded { place, text, .. }, Lang::En) => format!(
            "{}: note 「{text}」 added. Confirm it does not widen the purposes",
            at(place)
        ),
        (C::NoteAdded { place, text, .. }, Lang::Ja) => format!(
            "{}：注記「{text}」を追加しています。利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::NoteRemoved { place, text, .. }, Lang::En) => format!(
            "{}: note 「{text}」 removed. A note may be a promise or a limit on the purposes (that data is not given to the employer without consent, say): confirm that removing it does not widen them",
            at(place)
        ),
        (C::NoteRemoved { place, text, .. }, Lang::Ja) => format!(
            "{}：注記「{text}」を削除しています。注記が利用又は提供を制限する旨（本人の同意なく事業主に提供しない旨など）を定めている場合は、削除によって利用目的の範囲が広がります。そのような注記でないか確認してください",
            at(place)
        ),
        (C::AttributeChanged { place, column, .. }, Lang::En) => format!(
            "{}: 「{column}」 changed. Confirm the personal data held and its use still match the purposes",
            at(place)
        ),
        (C::AttributeChanged { place, column, .. }, Lang::Ja) => format!(
            "{}：「{column}」の記載を改めています。保有する個人データとその利用が利用目的に沿っているか確認してください",
            at(place)
        ),
        (
            C::JointUse {
                particular, label, ..
            },
            Lang::En,
        ) => match particular.as_str() {
            "purposes" => format!(
                "joint use, 「{label}」 changed: a change of the joint users' purposes must be made known to the person, or put where the person can easily know it, in advance (Art. 27(6))"
            ),
            "responsible_name" => format!(
                "joint use, 「{label}」 changed: another party responsible must be made known in advance; the same party under a new name, without delay (Art. 27(6)); confirm which applies"
            ),
            "responsible_address" | "responsible_representative" => format!(
                "joint use, 「{label}」 changed: a change of the address or representative of the party responsible must be made known to the person, or put where the person can easily know it, without delay (Art. 27(6))"
            ),
            "items" | "users" => format!(
                "joint use, 「{label}」 changed: a change of the data items or of the scope of joint users generally needs the person's consent (Art. 27(5)(iii), Guidelines 3-6-3); confirm"
            ),
            "record" => format!(
                "joint use 「{label}」 added or removed: confirm that the five particulars of Art. 27(5)(iii) were made known before the joint use starts, or that the joint use has ended"
            ),
            _ => format!(
                "joint use, 「{label}」 changed: confirm the person was told, or can easily know, the new wording (Art. 27(5)(iii))"
            ),
        },
        (
            C::JointUse {
                particular, label, ..
            },
            Lang::Ja,
        ) => match particular.as_str() {
            "purposes" => format!(
                "「{label}」を改めています。共同して利用する者の利用目的を変更するときは、あらかじめ、その旨を本人に通知し、又は本人が容易に知り得る状態に置く必要があります（第27条第6項）"
            ),
            "responsible_name" => format!(
                "「{label}」を改めています。責任を有する者を変更するときはあらかじめ、同じ者の名称（氏名）が変わったときは遅滞なく、その旨を本人に通知し、又は本人が容易に知り得る状態に置く必要があります（第27条第6項）。いずれに当たるか確認してください"
            ),
            "responsible_address" | "responsible_representative" => format!(
                "「{label}」を改めています。責任を有する者の住所又は代表者の氏名の変更は、遅滞なく、その旨を本人に通知し、又は本人が容易に知り得る状態に置く必要があります（第27条第6項）"
            ),
            "items" | "users" => format!(
                "「{label}」を改めています。共同して利用される個人データの項目又は共同して利用する者の範囲を変更するには、原則として本人の同意が必要です（通則ガイドライン3-6-3）。同意を得ているか確認してください"
            ),
            "record" => format!(
                "共同利用の記録「{label}」を追加又は削除しています。追加の場合は、第27条第5項第3号に規定する事項を、あらかじめ（共同利用を始める前に）本人に通知し、又は本人が容易に知り得る状態に置いたか、削除の場合は、その共同利用を終えているかを確認してください"
            ),
            _ => format!(
                "「{label}」を改めています。改めた内容を本人に通知し、又は本人が容易に知り得る状態に置いたか確認してください（第27条第5項第3号）"
            ),
        },
    }
}

/// `compare` of two versions that say the same: nothing to write.
pub fn versions_identical(old: &Path, new: &Path, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} and {} say the same (comments and layout aside); nothing was written",
            old.display(),
            new.display()
        ),
        Lang::Ja => format!(
            "{} と {} の内容は同じです（コメントや書式の違いを除く）。何も書き込んでいません",
            old.display(),
            new.display()
        ),
    }
}

/// What `compare` wrote.
pub fn comparison_written(changes: usize, files: usize, out: &Path, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{changes} change(s) of the purposes; wrote the 新旧対照表 and the notice of change ({files} files) into {}",
            out.display()
        ),
        Lang::Ja => format!(
            "利用目的の変更 {changes} 件。新旧対照表と変更のお知らせ（{files} ファイル）を {} に出力しました",
            out.display()
        ),
    }
}

/// The heading over the changes a person must confirm.
pub fn confirm_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Confirm each change (個人情報保護法 Art. 17(2): a purpose may be changed only within what is reasonably related to the old one; a tool cannot judge this):"
        }
        Lang::Ja => {
            "次の変更について、それぞれ確認してください。利用目的は、変更前の利用目的と関連性を有すると合理的に認められる範囲を超えて変更できません（個人情報保護法第17条第2項）。その範囲内かどうかは、ツールでは判断できません。"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_of_a_change_of_purpose_is_quoted_as_the_law_reads_today() {
        // 第17条第2項 lost 「相当の」 in the amendment in force since 2017-05-30.
        let heading = confirm_heading(Lang::Ja);
        assert!(heading.contains("関連性を有すると合理的に認められる範囲"));
        assert!(heading.contains("第17条第2項"));
        assert!(!heading.contains("相当の関連性"));
    }
}
