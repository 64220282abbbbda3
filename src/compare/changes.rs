//! What changed between two versions, as a list a person reads: the notice of change to
//! members is made from it, and `--format json` prints it.

use serde::Serialize;

use super::align;
use crate::facts::catalogue::{Catalogue, Category, Entry};

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
        /// True when it moved from a kind that keeps data within the society into one
        /// that gives it to others: to them it is a new provision.
        provision: bool,
        /// The old wording.
        old: String,
        /// The new wording (the same as `old` unless reworded too).
        new: String,
    },
    /// An item's sub-items or its sensitivity changed; its own text did not.
    ItemDetails {
        /// Its category.
        place: Place,
        /// Its kind.
        kind: KindName,
        /// The item.
        text: String,
    },
    /// The basis of an item's provision changed (委託 to 本人の同意, say): the item is
    /// published with another note.
    ItemBasis {
        /// Its category.
        place: Place,
        /// Its kind.
        kind: KindName,
        /// The item.
        text: String,
        /// The old basis as its note names it, e.g. 「委託」; none when it had no basis.
        old: Option<String>,
        /// The new note; none when it has none now.
        new: Option<String>,
    },
    /// A note (※) was added: under the category, after its items, or under an item.
    NoteAdded {
        /// Its category.
        place: Place,
        /// The item it is under, if any.
        item: Option<String>,
        /// The note.
        text: String,
    },
    /// A note was removed.
    NoteRemoved {
        /// Its category.
        place: Place,
        /// The item it was under, if any.
        item: Option<String>,
        /// The note.
        text: String,
    },
    /// The value of a further column (保有個人データの内容, …) changed.
    AttributeChanged {
        /// Its category.
        place: Place,
        /// The column's heading.
        column: String,
        /// The old value ("" for none).
        old: String,
        /// The new value ("" for none).
        new: String,
    },
    /// A particular of a joint-use record (第27条第5項第3号) changed.
    JointUse {
        /// The record's id.
        id: String,
        /// Which particular: `statement`, `items`, `users`, `purposes`,
        /// `responsible_name`, `responsible_address` or `responsible_representative`;
        /// `record` when the whole record was added or removed.
        particular: String,
        /// The particular's label as printed.
        label: String,
        /// The old text ("" for none).
        old: String,
        /// The new text ("" for none).
        new: String,
    },
}

impl Change {
    /// The category the change is in, if it is in one.
    pub fn place(&self) -> Option<&Place> {
        match self {
            Change::KindAdded { .. }
            | Change::KindRemoved { .. }
            | Change::KindRenamed { .. }
            | Change::JointUse { .. } => None,
            Change::CategoryAdded { place, .. }
            | Change::CategoryRemoved { place, .. }
            | Change::CategoryRenamed { place, .. }
            | Change::CategoryText { place }
            | Change::CategoryMoved { place }
            | Change::ItemAdded { place, .. }
            | Change::ItemRemoved { place, .. }
            | Change::ItemReworded { place, .. }
            | Change::ItemMoved { place, .. }
            | Change::ItemDetails { place, .. }
            | Change::ItemBasis { place, .. }
            | Change::NoteAdded { place, .. }
            | Change::NoteRemoved { place, .. }
            | Change::AttributeChanged { place, .. } => Some(place),
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
    out.extend(joint_use_changes(old, new));
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
    if oc.group != nc.group || oc.description != nc.description || oc.sensitive != nc.sensitive {
        out.push(Change::CategoryText {
            place: place.clone(),
        });
    }
    attribute_changes(out, &place, &oc.attributes, &nc.attributes);
    note_changes(out, &place, None, &oc.notes, &nc.notes);
    note_changes(out, &place, None, &oc.notes_after, &nc.notes_after);
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
            let gives = |c: &Catalogue, id: &str| c.kind(id).is_some_and(|k| k.provision);
            out.push(Change::ItemMoved {
                place: place.clone(),
                from: kind_name(old, &before.kind),
                to: kind_name(new, &entry.kind),
                provision: !gives(old, &before.kind) && gives(new, &entry.kind),
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
        } else if before.items != entry.items || before.sensitive != entry.sensitive {
            out.push(Change::ItemDetails {
                place: place.clone(),
                kind: kind_name(new, &entry.kind),
                text: entry.text.clone(),
            });
        }
        if before.basis_label != entry.basis_label {
            out.push(Change::ItemBasis {
                place: place.clone(),
                kind: kind_name(new, &entry.kind),
                text: entry.text.clone(),
                old: before.basis_label.clone(),
                new: entry.basis_label.clone(),
            });
        }
        note_changes(out, &place, Some(&entry.text), &before.notes, &entry.notes);
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

/// The notes added and removed between two lists of notes (a reworded note is one of each:
/// the notice of change names both).
fn note_changes(
    out: &mut Vec<Change>,
    place: &Place,
    item: Option<&String>,
    old: &[String],
    new: &[String],
) {
    for text in new.iter().filter(|n| !old.contains(n)) {
        out.push(Change::NoteAdded {
            place: place.clone(),
            item: item.cloned(),
            text: text.clone(),
        });
    }
    for text in old.iter().filter(|o| !new.contains(o)) {
        out.push(Change::NoteRemoved {
            place: place.clone(),
            item: item.cloned(),
            text: text.clone(),
        });
    }
}

/// The further columns whose value changed, by column heading.
fn attribute_changes(
    out: &mut Vec<Change>,
    place: &Place,
    old: &[(String, String)],
    new: &[(String, String)],
) {
    let value = |list: &[(String, String)], column: &str| {
        list.iter()
            .find(|(c, _)| c == column)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    };
    let mut columns: Vec<&String> = new.iter().map(|(c, _)| c).collect();
    columns.extend(
        old.iter()
            .map(|(c, _)| c)
            .filter(|c| !new.iter().any(|(n, _)| n == *c)),
    );
    for column in columns {
        let (o, n) = (value(old, column), value(new, column));
        if o != n {
            out.push(Change::AttributeChanged {
                place: place.clone(),
                column: column.clone(),
                old: o,
                new: n,
            });
        }
    }
}

/// The changes of the joint-use records, particular by particular, records matched by id.
pub fn joint_use_changes(old: &Catalogue, new: &Catalogue) -> Vec<Change> {
    let mut out = Vec::new();
    let by_id = |c: &Catalogue, id: &str| c.joint_use.iter().find(|r| r.id == id).cloned();
    let mut ids: Vec<&str> = new.joint_use.iter().map(|r| r.id.as_str()).collect();
    ids.extend(
        old.joint_use
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| !new.joint_use.iter().any(|r| r.id == *id)),
    );
    for id in ids {
        let (o, n) = (by_id(old, id), by_id(new, id));
        let fields = |r: &Option<crate::facts::catalogue::JointUse>| {
            r.as_ref().map(|r| r.fields()).unwrap_or_default()
        };
        let (of, nf) = (fields(&o), fields(&n));
        if o.is_none() || n.is_none() {
            let name = |r: &crate::facts::catalogue::JointUse| {
                if r.title.is_empty() {
                    r.id.clone()
                } else {
                    r.title.clone()
                }
            };
            out.push(Change::JointUse {
                id: id.to_owned(),
                particular: "record".to_owned(),
                label: o.as_ref().or(n.as_ref()).map(name).unwrap_or_default(),
                old: o.as_ref().map(name).unwrap_or_default(),
                new: n.as_ref().map(name).unwrap_or_default(),
            });
            continue;
        }
        let mut keys: Vec<&String> = nf.iter().map(|f| &f.key).collect();
        keys.extend(
            of.iter()
                .map(|f| &f.key)
                .filter(|k| !nf.iter().any(|f| &f.key == *k)),
        );
        for key in keys {
            let find = |list: &[crate::facts::catalogue::Field]| {
                list.iter().find(|f| &f.key == key).cloned()
            };
            let (before, after) = (find(&of), find(&nf));
            // Items of a list are read in a row, as the notice of change quotes them.
            let text = |f: &Option<crate::facts::catalogue::Field>| {
                f.as_ref()
                    .map(|f| f.text.replace(crate::facts::catalogue::PARAGRAPH, "、"))
                    .unwrap_or_default()
            };
            if text(&before) != text(&after) {
                let label = after.as_ref().or(before.as_ref()).map(|f| f.label.clone());
                out.push(Change::JointUse {
                    id: id.to_owned(),
                    particular: key.rsplit(':').next().unwrap_or_default().to_owned(),
                    label: label.unwrap_or_default(),
                    old: text(&before),
                    new: text(&after),
                });
            }
        }
    }
    out
}
