//! A category whose items are a plain list while the table has recipient kinds: in the 別表
//! the row's items then span every column, and the notice loses its kind heading. Most
//! often the kind's key was forgotten, so it is a warning at the category.

use std::path::Path;

use crate::error::{Diagnostic, Problem};
use crate::source::model::{Items, Source};

/// A warning for each category with plain items in a source that declares kinds.
pub fn unfiled(source: &Source, path: &Path, text: &str) -> Vec<Diagnostic> {
    let Some(kind) = source.recipients.first() else {
        return Vec::new();
    };
    source
        .all_categories()
        .filter(|c| matches!(&c.items, Items::Plain(items) if !items.is_empty()))
        .map(|c| {
            Diagnostic::at(
                path,
                text,
                c.id.referenced.line() as usize,
                c.id.referenced.column() as usize,
                Problem::ItemsWithoutKind {
                    category: c.id.value.clone(),
                    kind: kind.id.value.clone(),
                },
            )
        })
        .collect()
}
