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
