//! Provision of personal data to others (第27条): every item filed under a kind that gives
//! data to others needs its basis — consent, a law, or 委託 or 共同利用, which are not
//! provision to a third party. For 要配慮個人情報 opt-out is not allowed either (第27条第2項);
//! an item is taken to handle it when marked, or when its words speak of health data,
//! unless it says `sensitive: false`. A 特定個人情報 may be provided only as 番号法第19条
//! lists: never on consent nor in a joint use.

use super::Findings;
use crate::error::Problem;
use crate::source::legal::Basis;
use crate::source::model::{Category, Item, Source};

/// Words that speak of health data (要配慮個人情報: 病歴, the results of 健診, 診療).
const HEALTH_WORDS: [&str; 6] = ["健診", "健康診断", "レセプト", "診療", "病歴", "服薬"];

/// Words that speak of 特定個人情報.
const NUMBER_WORDS: [&str; 2] = ["特定個人情報", "個人番号"];

pub(super) fn check(source: &Source, findings: &mut Findings) {
    for category in source.all_categories() {
        let numbers = speaks_of_numbers(category);
        for (kind, items) in category.items.cells() {
            let recipient = source.recipients.iter().find(|r| r.id.value == kind.value);
            for item in items {
                if numbers {
                    numbers_on_consent(item, findings);
                }
                let Some(recipient) = recipient.filter(|r| r.gives_data()) else {
                    continue;
                };
                without_basis(item, category.sensitive, false, &mut |item, sensitive| {
                    let recipient = recipient.column.value.clone();
                    let problem = if sensitive {
                        Problem::LawSensitiveWithoutBasis { recipient }
                    } else {
                        Problem::LawProvisionWithoutBasis { recipient }
                    };
                    findings.at(&item.text, problem);
                });
            }
        }
        for item in category.items.plain() {
            if numbers {
                numbers_on_consent(item, findings);
            }
        }
    }
}

/// Whether the category is one of 特定個人情報.
fn speaks_of_numbers(category: &Category) -> bool {
    let says = |text: &str| NUMBER_WORDS.iter().any(|w| text.contains(w));
    says(&category.title.value)
        || category
            .description
            .as_ref()
            .is_some_and(|d| says(&d.value))
}

/// Whether the item handles 要配慮個人情報: marked so, in a category marked so, or speaking
/// of health data without saying `sensitive: false`.
fn is_sensitive(item: &Item, inherited: bool) -> bool {
    match item.sensitive_written {
        Some(written) => written,
        None => inherited || HEALTH_WORDS.iter().any(|w| item.text.value.contains(w)),
    }
}

/// Calls `report` with each item that has no basis of its own nor from its parent, with
/// whether it (or a sub-item) handles 要配慮個人情報. A sub-item inherits its parent's basis;
/// an item reported stands for its sub-items.
fn without_basis<'a>(
    item: &'a Item,
    sensitive: bool,
    has_basis: bool,
    report: &mut dyn FnMut(&'a Item, bool),
) {
    let sensitive = is_sensitive(item, sensitive);
    if !has_basis && item.basis.is_none() {
        report(item, sensitive || any_sensitive(&item.items, sensitive));
        return;
    }
    for sub in &item.items {
        without_basis(sub, sensitive, true, report);
    }
}

fn any_sensitive(items: &[Item], inherited: bool) -> bool {
    items.iter().any(|item| {
        let sensitive = is_sensitive(item, inherited);
        sensitive || any_sensitive(&item.items, sensitive)
    })
}

/// Reports an item of 特定個人情報 (or a sub-item) resting on consent or a joint use.
fn numbers_on_consent(item: &Item, findings: &mut Findings) {
    if let Some(basis) = &item.basis
        && matches!(
            basis.value,
            Basis::Consent | Basis::ImpliedConsent | Basis::JointUse(_)
        )
    {
        findings.at(
            &item.text,
            Problem::LawNumberBasis {
                basis: basis.value.label().to_owned(),
            },
        );
    }
    for sub in &item.items {
        numbers_on_consent(sub, findings);
    }
}
