//! Pairing the entries of two lists and laying them out side by side.
//!
//! Entries are paired by content: the same text first (in the same kind, then in any), then
//! texts alike enough to be one entry reworded. Within one kind, pairs that keep their
//! order are shown on one line; the others, and entries without a partner, stand alone on
//! their own side at their own place.

use super::text::similarity;

/// How alike two texts must be to count as one entry reworded rather than one removed and
/// another added (twice the shared characters over all characters).
pub const REWORDED: f64 = 0.5;

/// How alike two texts in different kinds must be to count as one entry moved and reworded.
pub const MOVED_REWORDED: f64 = 0.7;

/// One entry of either list, as paired: its kind and its text.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// The kind it is filed under (empty when the list has no kinds).
    pub kind: &'a str,
    /// Its text.
    pub text: &'a str,
}

/// The keys of catalogue entries: each under its kind.
pub fn entry_keys(entries: &[crate::facts::catalogue::Entry]) -> Vec<Key<'_>> {
    entries
        .iter()
        .map(|e| Key {
            kind: &e.kind,
            text: &e.text,
        })
        .collect()
}

/// The keys of sub-items: their kinds do not count.
pub fn sub_item_keys(entries: &[crate::facts::catalogue::Entry]) -> Vec<Key<'_>> {
    entries
        .iter()
        .map(|e| Key {
            kind: "",
            text: &e.text,
        })
        .collect()
}

/// The keys of plain texts (notes).
pub fn text_keys(texts: &[String]) -> Vec<Key<'_>> {
    texts.iter().map(|t| Key { kind: "", text: t }).collect()
}

/// Pairs old entries with new ones: for each new entry, the old one it continues, if any.
///
/// Exact texts are paired before similar ones, and entries of the same kind before entries
/// of different kinds; among similar texts the most alike are paired first. The result
/// depends only on the lists, never on hashing order.
pub fn pair(old: &[Key<'_>], new: &[Key<'_>]) -> Vec<Option<usize>> {
    let mut partner: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    for same_kind in [true, false] {
        for (n, new_key) in new.iter().enumerate() {
            if partner[n].is_some() {
                continue;
            }
            let found = old.iter().enumerate().position(|(o, old_key)| {
                !taken[o]
                    && old_key.text == new_key.text
                    && (!same_kind || old_key.kind == new_key.kind)
            });
            if let Some(o) = found {
                partner[n] = Some(o);
                taken[o] = true;
            }
        }
    }
    for same_kind in [true, false] {
        let threshold = if same_kind { REWORDED } else { MOVED_REWORDED };
        let mut candidates = Vec::new();
        for (n, new_key) in new.iter().enumerate() {
            if partner[n].is_some() {
                continue;
            }
            for (o, old_key) in old.iter().enumerate() {
                if taken[o] || (same_kind && old_key.kind != new_key.kind) {
                    continue;
                }
                let score = similarity(old_key.text, new_key.text);
                if score >= threshold {
                    candidates.push((score, o, n));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        for (_, o, n) in candidates {
            if !taken[o] && partner[n].is_none() {
                taken[o] = true;
                partner[n] = Some(o);
            }
        }
    }
    partner
}

/// A line of a side-by-side layout: an old entry, a new entry, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The index of the old entry shown on this line.
    pub old: Option<usize>,
    /// The index of the new entry shown on this line.
    pub new: Option<usize>,
}

/// Lays out two lists side by side. `old` and `new` are the indices of the entries to lay
/// out, each in its own order; `pairs` (old, new) are the entries that continue each other.
///
/// Pairs that keep their relative order (the longest run of them that does) share a line;
/// a pair out of order is shown as two lines, the old entry at its old place and the new
/// one at its new place. Entries without a line of their own partner come where they stand
/// in their own list.
pub fn side_by_side(old: &[usize], new: &[usize], pairs: &[(usize, usize)]) -> Vec<Row> {
    let position_in_old = |o: usize| old.iter().position(|&x| x == o);
    // The pairs in the order of the new list, by the old entry's position.
    let mut ordered: Vec<(usize, usize, usize)> = new
        .iter()
        .filter_map(|&n| {
            let &(o, _) = pairs.iter().find(|&&(_, pn)| pn == n)?;
            Some((position_in_old(o)?, o, n))
        })
        .collect();
    ordered.sort_by_key(|&(_, _, n)| new.iter().position(|&x| x == n));
    let keep = longest_increasing(&ordered.iter().map(|p| p.0).collect::<Vec<_>>());
    let kept: Vec<(usize, usize)> = keep.iter().map(|&i| (ordered[i].1, ordered[i].2)).collect();

    let mut rows = Vec::new();
    let mut next_old = 0;
    for &n in new {
        match kept.iter().find(|&&(_, kn)| kn == n) {
            Some(&(o, _)) => {
                let at = position_in_old(o).expect("kept pairs are in the old list");
                rows.extend(old[next_old..at].iter().map(|&o| Row {
                    old: Some(o),
                    new: None,
                }));
                next_old = at + 1;
                rows.push(Row {
                    old: Some(o),
                    new: Some(n),
                });
            }
            None => rows.push(Row {
                old: None,
                new: Some(n),
            }),
        }
    }
    rows.extend(old[next_old..].iter().map(|&o| Row {
        old: Some(o),
        new: None,
    }));
    rows
}

/// The indices of a longest strictly increasing subsequence of `values` (the first such,
/// so the result is always the same).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    let n = values.len();
    let mut length = vec![1usize; n];
    let mut previous = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if values[j] < values[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = j;
            }
        }
    }
    let Some(mut at) = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut out = vec![at];
    while previous[at] != usize::MAX {
        at = previous[at];
        out.push(at);
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys<'a>(list: &'a [(&'a str, &'a str)]) -> Vec<Key<'a>> {
        list.iter()
            .map(|&(kind, text)| Key { kind, text })
            .collect()
    }

    #[test]
    fn same_text_pairs_first_then_similar_text_then_across_kinds() {
        let old = [
            ("in", "保険給付の実施"),
            ("in", "健診の実施"),
            ("out", "統計の作成"),
        ];
        let new = [
            ("in", "健診の実施"),
            ("in", "保険給付等の実施"),
            ("in", "統計の作成"),
            ("in", "全く新しい目的"),
        ];
        assert_eq!(
            pair(&keys(&old), &keys(&new)),
            vec![Some(1), Some(0), Some(2), None]
        );
    }

    #[test]
    fn unrelated_texts_are_not_paired() {
        let old = [("in", "被保険者証の発行管理")];
        let new = [("in", "資格確認書の交付")];
        assert_eq!(pair(&keys(&old), &keys(&new)), vec![None]);
    }

    #[test]
    fn removed_entries_stay_at_their_old_place() {
        // old: a b c; new: a c d  → a|a, b|-, c|c, -|d
        let rows = side_by_side(&[0, 1, 2], &[10, 11, 12], &[(0, 10), (2, 11)]);
        let shown: Vec<_> = rows.iter().map(|r| (r.old, r.new)).collect();
        assert_eq!(
            shown,
            vec![
                (Some(0), Some(10)),
                (Some(1), None),
                (Some(2), Some(11)),
                (None, Some(12))
            ]
        );
    }

    #[test]
    fn a_pair_out_of_order_is_shown_at_both_places() {
        // old: a b c; new: c a b → c moved to the front.
        let rows = side_by_side(&[0, 1, 2], &[10, 11, 12], &[(2, 10), (0, 11), (1, 12)]);
        let shown: Vec<_> = rows.iter().map(|r| (r.old, r.new)).collect();
        assert_eq!(
            shown,
            vec![
                (None, Some(10)),
                (Some(0), Some(11)),
                (Some(1), Some(12)),
                (Some(2), None)
            ]
        );
    }
}
