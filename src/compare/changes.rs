//! What changed between two versions, as a list a person reads: the notice of change to
//! members is made from it, and `--format json` prints it.

use serde::Serialize;

use super::align;
use super::catalogue::{Catalogue, Category, Entry};

/// Where in the catalogue a change is: the category (by the title it has in the newer
/// version that has it) and, for an item, the recipient kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The category's id.
    pub category: String,
    /// The category's title.
    pub title: String,
    /// The category's number in the newer version that has it.
    pub number: usize,
}

/// A recipient kind, as named in the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindName {
    /// Its id (empty for a list without kinds).
    pub id: String,
    /// Its column heading.
    pub column: String,
}

/// One change of the purposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A recipient kind (a column of the table) was added.
    KindAdded {
        /// The kind.
        kind: KindName,
    },
    /// A recipient kind was removed.
    KindRemoved {
        /// The kind.
        kind: KindName,
    },
    /// A recipient kind's column heading or notice heading was reworded.
    KindRenamed {
        /// The kind's id.
        id: String,
        /// The old column heading.
        old: String,
        /// The new column heading.
        new: String,
    },
    /// A category was added, with every item in it.
    CategoryAdded {
        /// The category.
        place: Place,
        /// Its items.
        texts: Vec<String>,
    },
    /// A category was removed, with every item in it.
    CategoryRemoved {
        /// The category, numbered as it was.
        place: Place,
        /// Its items.
        texts: Vec<String>,
    },
    /// A category's title was reworded.
    CategoryRenamed {
        /// The category, with its new title.
        place: Place,
        /// The old title.
        old: String,
    },
    /// A category's group heading, description or notes changed.
    CategoryText {
        /// The category.
        place: Place,
    },
    /// A category moved to another place in the order.
    CategoryMoved {
        /// The category.
        place: Place,
    },
    /// An item was added.
    ItemAdded {
        /// Its category.
        place: Place,
        /// Its kind.
        kind: KindName,
        /// The item.
        text: String,
    },
    /// An item was removed.
    ItemRemoved {
        /// Its category.
        place: Place,
        /// Its kind.
        kind: KindName,
        /// The item.
        text: String,
    },
    /// An item was reworded (it stays in its kind).
    ItemReworded {
        /// Its category.
        place: Place,
        /// Its kind.
        kind: KindName,
        /// The old wording.
        old: String,
        /// The new wording.
        new: String,
    },
    /// An item was filed under another kind (and perhaps reworded).
    ItemMoved {
        /// Its category.
        place: Place,
        /// The kind it was under.
        from: KindName,
        /// The kind it is under now.
        to: KindName,
        /// The old wording.
        old: String,
        /// The new wording (the same as `old` unless reworded too).
        new: String,
    },
    /// An item's notes or sub-items changed; its own text did not.
    ItemDetails {
        /// Its category.
        place: Place,
        /// Its kind.
        kind: KindName,
        /// The item.
        text: String,
    },
}

impl Change {
    /// The category the change is in, if it is in one.
    pub fn place(&self) -> Option<&Place> {
        match self {
            Change::KindAdded { .. } | Change::KindRemoved { .. } | Change::KindRenamed { .. } => {
                None
            }
            Change::CategoryAdded { place, .. }
            | Change::CategoryRemoved { place, .. }
            | Change::CategoryRenamed { place, .. }
            | Change::CategoryText { place }
            | Change::CategoryMoved { place }
            | Change::ItemAdded { place, .. }
            | Change::ItemRemoved { place, .. }
            | Change::ItemReworded { place, .. }
            | Change::ItemMoved { place, .. }
            | Change::ItemDetails { place, .. } => Some(place),
        }
    }
}

fn kind_name(catalogue: &Catalogue, id: &str) -> KindName {
    KindName {
        id: id.to_owned(),
        column: catalogue
            .kind(id)
            .map(|k| k.column.clone())
            .unwrap_or_default(),
    }
}

fn texts(items: &[Entry]) -> Vec<String> {
    items.iter().map(|e| e.text.clone()).collect()
}

/// Every change of the purposes from `old` to `new`, in the order of the table: kinds,
/// then categories in the new order (a removed one where it stood).
pub fn changes(old: &Catalogue, new: &Catalogue) -> Vec<Change> {
    let mut out = Vec::new();
    for kind in &new.kinds {
        match old.kind(&kind.id) {
            None => out.push(Change::KindAdded {
                kind: kind_name(new, &kind.id),
            }),
            Some(before) if before != kind => out.push(Change::KindRenamed {
                id: kind.id.clone(),
                old: before.column.clone(),
                new: kind.column.clone(),
            }),
            Some(_) => {}
        }
    }
    for kind in &old.kinds {
        if new.kind(&kind.id).is_none() {
            out.push(Change::KindRemoved {
                kind: kind_name(old, &kind.id),
            });
        }
    }

    let pairs: Vec<(usize, usize)> = new
        .categories
        .iter()
        .enumerate()
        .filter_map(|(n, c)| Some((old.categories.iter().position(|o| o.id == c.id)?, n)))
        .collect();
    let rows = align::side_by_side(
        &(0..old.categories.len()).collect::<Vec<_>>(),
        &(0..new.categories.len()).collect::<Vec<_>>(),
        &pairs,
    );
    let place = |category: &Category, index: usize| Place {
        category: category.id.clone(),
        title: category.title.clone(),
        number: index + 1,
    };
    for row in rows {
        match (row.old, row.new) {
            (Some(o), Some(n)) => category_changes(&mut out, old, new, o, n),
            (None, Some(n)) => {
                let category = &new.categories[n];
                match pairs.iter().find(|p| p.1 == n) {
                    // Paired but out of order: moved, and compared where it now stands.
                    Some(&(o, _)) => {
                        out.push(Change::CategoryMoved {
                            place: place(category, n),
                        });
                        category_changes(&mut out, old, new, o, n);
                    }
                    None => out.push(Change::CategoryAdded {
                        place: place(category, n),
                        texts: texts(&category.items),
                    }),
                }
            }
            (Some(o), None) => {
                if !pairs.iter().any(|p| p.0 == o) {
                    let category = &old.categories[o];
                    out.push(Change::CategoryRemoved {
                        place: place(category, o),
                        texts: texts(&category.items),
                    });
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn category_changes(out: &mut Vec<Change>, old: &Catalogue, new: &Catalogue, o: usize, n: usize) {
    let (oc, nc) = (&old.categories[o], &new.categories[n]);
    let place = Place {
        category: nc.id.clone(),
        title: nc.title.clone(),
        number: n + 1,
    };
    if oc.title != nc.title {
        out.push(Change::CategoryRenamed {
            place: place.clone(),
            old: oc.title.clone(),
        });
    }
    if oc.group != nc.group
        || oc.description != nc.description
        || oc.notes != nc.notes
        || oc.attributes != nc.attributes
        || oc.notes_after != nc.notes_after
    {
        out.push(Change::CategoryText {
            place: place.clone(),
        });
    }
    let partner = align::pair(&align::entry_keys(&oc.items), &align::entry_keys(&nc.items));
    for (index, entry) in nc.items.iter().enumerate() {
        let Some(o) = partner[index] else {
            out.push(Change::ItemAdded {
                place: place.clone(),
                kind: kind_name(new, &entry.kind),
                text: entry.text.clone(),
            });
            continue;
        };
        let before = &oc.items[o];
        if before.kind != entry.kind {
            out.push(Change::ItemMoved {
                place: place.clone(),
                from: kind_name(old, &before.kind),
                to: kind_name(new, &entry.kind),
                old: before.text.clone(),
                new: entry.text.clone(),
            });
        } else if before.text != entry.text {
            out.push(Change::ItemReworded {
                place: place.clone(),
                kind: kind_name(new, &entry.kind),
                old: before.text.clone(),
                new: entry.text.clone(),
            });
        } else if before != entry {
            out.push(Change::ItemDetails {
                place: place.clone(),
                kind: kind_name(new, &entry.kind),
                text: entry.text.clone(),
            });
        }
    }
    for (o, entry) in oc.items.iter().enumerate() {
        if !partner.contains(&Some(o)) {
            out.push(Change::ItemRemoved {
                place: place.clone(),
                kind: kind_name(old, &entry.kind),
                text: entry.text.clone(),
            });
        }
    }
}
