//! 共同利用 (第27条第5項第3号): every record complete, every reference to a record that
//! exists, and no item that speaks of 共同利用 while no record is kept.

use std::collections::HashMap;

use super::Findings;
use crate::diagnostic::IdKind;
use crate::error::Problem;
use crate::source::legal::{Basis, JointUse};
use crate::source::model::{Item, Source};

/// The words that show an item is about a joint use.
const MENTIONS: &[&str] = &["共同利用"];

/// Errors: ids declared twice, references to no record.
pub(super) fn validate(source: &Source, findings: &mut Findings) {
    let mut ids = HashMap::new();
    for record in &source.joint_use {
        let line = record.id.referenced.line() as usize;
        if let Some(&first_line) = ids.get(record.id.value.as_str()) {
            findings.at(
                &record.id,
                Problem::DuplicateId {
                    kind: IdKind::JointUse,
                    id: record.id.value.clone(),
                    first_line,
                },
            );
        } else {
            ids.insert(record.id.value.as_str(), line);
        }
    }
    let known: Vec<String> = source
        .joint_use
        .iter()
        .map(|r| r.id.value.clone())
        .collect();
    for category in source.all_categories() {
        for items in category.items.lists() {
            each_item(items, &mut |item| {
                if let Some(basis) = &item.basis
                    && let Basis::JointUse(id) = &basis.value
                    && !known.contains(&id.value)
                {
                    findings.at(
                        id,
                        Problem::UnknownJointUse {
                            id: id.value.clone(),
                            known: known.clone(),
                        },
                    );
                }
            });
        }
    }
}

/// The keys of the particulars a record lacks, in the order of the law.
fn missing_particulars(record: &JointUse) -> Vec<String> {
    let mut missing = Vec::new();
    let mut lacks = |key: &str, absent: bool| {
        if absent {
            missing.push(key.to_owned());
        }
    };
    lacks("statement", record.statement.is_none());
    lacks("items", record.items.is_empty());
    lacks("users", record.users.is_none());
    lacks("purposes", record.purposes.is_empty());
    match &record.responsible {
        None => lacks("responsible", true),
        Some(responsible) => {
            let responsible = &responsible.value;
            lacks("responsible.name", responsible.name.is_none());
            lacks("responsible.address", responsible.address.is_none());
            lacks(
                "responsible.representative",
                responsible.representative.is_none(),
            );
        }
    }
    missing
}

/// Warnings: an item that speaks of 共同利用 when no record is kept.
pub(super) fn check(source: &Source, findings: &mut Findings) {
    // An incomplete record is printed as written (an older one may name only the party
    // responsible): a finding against the law, not a broken file.
    for record in &source.joint_use {
        let missing = missing_particulars(record);
        if !missing.is_empty() {
            findings.at(
                &record.id,
                Problem::JointUseIncomplete {
                    id: record.id.value.clone(),
                    missing,
                },
            );
        }
    }
    if !source.joint_use.is_empty() {
        return;
    }
    for category in source.all_categories() {
        for items in category.items.lists() {
            each_item(items, &mut |item| {
                if MENTIONS.iter().any(|m| item.text.value.contains(m)) {
                    findings.at(&item.text, Problem::LawJointUseWithoutRecord);
                }
            });
        }
    }
}

/// Calls `visit` with every item of `items` and their sub-items, depth first.
fn each_item<'a>(items: &'a [Item], visit: &mut dyn FnMut(&'a Item)) {
    for item in items {
        visit(item);
        each_item(&item.items, visit);
    }
}
