//! How many purpose items the documents of a source print, counted before rendering.
//!
//! Each part with `purposes` and each table prints the items of the catalogue again, so a
//! short source can ask for far more work than its size suggests (1,000 items shown by ten
//! parts of each of a hundred documents is a million items to render). The count is an
//! upper bound of what the templates print: a part's categories or groups narrow it, the
//! recipient kinds a style leaves out do not.

use std::collections::HashMap;

use crate::source::document::{Document, DocumentKind, Part};
use crate::source::model::{Item, Source, Text};

/// The most purpose items all the documents of a source may print together, an item
/// counting once for each part or table that prints it: the most items a source may have,
/// each printed by a notice and a table (as `notice:` and `regulation:` do), and room to
/// spare.
pub const MAX_SHOWN_ITEMS: usize = 250_000;

/// The first place where the items printed so far pass [`MAX_SHOWN_ITEMS`], with the count
/// of them all; `None` within the limit.
pub fn beyond_limit(source: &Source) -> Option<(&Text, usize)> {
    let counter = Counter::new(source);
    // The original form: the notice prints every item, and so does the regulation's table.
    let implied = [
        source.notice.as_ref().map(|n| &n.title),
        source.regulation.as_ref().map(|r| &r.title),
    ];
    let places = implied
        .into_iter()
        .flatten()
        .map(|at| (at, counter.all))
        .chain(
            source
                .documents
                .iter()
                .map(|d| (&d.id, counter.document(d))),
        );
    let mut total = 0usize;
    let mut first = None;
    for (at, shown) in places {
        total = total.saturating_add(shown);
        if total > MAX_SHOWN_ITEMS && first.is_none() {
            first = Some(at);
        }
    }
    first.map(|at| (at, total))
}

/// The items of each category and group, to count a part's selection.
struct Counter<'a> {
    all: usize,
    categories: HashMap<&'a str, usize>,
    groups: HashMap<&'a str, usize>,
}

impl<'a> Counter<'a> {
    fn new(source: &'a Source) -> Counter<'a> {
        let mut categories = HashMap::new();
        let mut all = 0usize;
        for category in source.all_categories() {
            let count: usize = category.items.lists().iter().map(|l| items_in(l)).sum();
            *categories.entry(category.id.value.as_str()).or_insert(0) += count;
            all += count;
        }
        let groups = source
            .groups
            .iter()
            .map(|g| {
                let count = g
                    .categories
                    .iter()
                    .map(|c| categories.get(c.id.value.as_str()).copied().unwrap_or(0))
                    .sum();
                (g.id.value.as_str(), count)
            })
            .collect();
        Counter {
            all,
            categories,
            groups,
        }
    }

    /// The items a selection of categories or groups holds: all when it names none.
    fn selection(&self, categories: Option<&Vec<Text>>, groups: Option<&Vec<Text>>) -> usize {
        let of = |ids: &Vec<Text>, map: &HashMap<&str, usize>| -> usize {
            ids.iter()
                .map(|id| map.get(id.value.as_str()).copied().unwrap_or(0))
                .sum()
        };
        match (categories, groups) {
            (Some(c), _) => of(c, &self.categories),
            (None, Some(g)) => of(g, &self.groups),
            (None, None) => self.all,
        }
    }

    /// The items a document prints: every part that shows purposes (records and
    /// attachments included) counts once at least, a table its selection.
    fn document(&self, document: &Document) -> usize {
        match document.kind {
            DocumentKind::Table => self.selection(document.categories.as_ref(), None).max(1),
            DocumentKind::Notice => {
                let mut shown = self.parts(&document.parts);
                for attachment in &document.attachments {
                    shown = shown.saturating_add(self.parts(&attachment.parts));
                }
                shown
            }
        }
    }

    fn parts(&self, parts: &[Part]) -> usize {
        parts.iter().fold(0usize, |shown, part| {
            let mut here = 0usize;
            if let Some(purposes) = &part.purposes {
                here = self
                    .selection(purposes.categories.as_ref(), purposes.groups.as_ref())
                    .max(1);
            }
            if let Some(record) = &part.record {
                here = here.saturating_add(self.parts(&record.value));
            }
            shown.saturating_add(here)
        })
    }
}

/// An item list's items, sub-items included.
fn items_in(items: &[Item]) -> usize {
    items.iter().map(|i| 1 + items_in(&i.items)).sum()
}
