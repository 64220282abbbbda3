//! Provision of 要配慮個人情報 to others (第27条第1項・第2項): it needs the person's consent
//! or a legal basis, opt-out is not allowed, and 委託 or 共同利用 must be said to be so.

use super::Findings;
use crate::error::Problem;
use crate::source::model::{Item, Source};

pub(super) fn check(source: &Source, findings: &mut Findings) {
    for category in source.all_categories() {
        for (kind, items) in category.items.cells() {
            let Some(recipient) = source.recipients.iter().find(|r| r.id.value == kind.value)
            else {
                continue;
            };
            if !recipient.gives_data() {
                continue;
            }
            for item in items {
                without_basis(item, category.sensitive, false, &mut |item| {
                    findings.at(
                        &item.text,
                        Problem::LawSensitiveWithoutBasis {
                            recipient: recipient.column.value.clone(),
                        },
                    );
                });
            }
        }
    }
}

/// Calls `report` with each 要配慮 item (marked itself, or by its category or parent) that
/// has no basis of its own nor from its parent. A sub-item inherits its parent's basis.
fn without_basis<'a>(
    item: &'a Item,
    sensitive: bool,
    has_basis: bool,
    report: &mut dyn FnMut(&'a Item),
) {
    let sensitive = sensitive || item.sensitive;
    let has_basis = has_basis || item.basis.is_some();
    if sensitive && !has_basis {
        report(item);
        return; // its sub-items explain the same provision
    }
    for sub in &item.items {
        without_basis(sub, sensitive, has_basis, report);
    }
}
