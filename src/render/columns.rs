//! The widths of the 別表's columns, sized by what they hold.
//!
//! Left to itself a browser gives every column of a wide table about the width of its
//! longest line, so a column that says 「・なし」 in almost every row is as wide as the busiest
//! one, and the busiest is squeezed into a tall, narrow strip. Instead the widths are chosen
//! to make the table as short as they can: a row is as tall as its tallest cell, and a
//! cell's height is the text it holds (measured in the columns of a fixed-width font)
//! divided by its column's width, plus half a line for each item or paragraph, whose last
//! line is on average half empty. No column gets less than [`MIN_SHARE`], so that its
//! heading stays readable.

use crate::text::width::str_width;

/// The narrowest a column may be, in tenths of a percent of the table's width: about six
/// full-width characters of a page 80 characters wide, enough for 「・なし」 and a heading
/// wrapped over three lines.
pub const MIN_SHARE: u32 = 80;

/// The width of the whole table, in the columns of a fixed-width font, that heights are
/// estimated for: a 1280-pixel screen and a landscape A4 page both hold about 75 full-width
/// characters (the choice scales every height alike but weighs the half lines).
const TABLE_COLUMNS: u64 = 150;

/// The columns of a cell that hold no text: its padding (half a character on each side) and
/// the hanging 「・」 of its items.
const CELL_OVERHEAD: u64 = 4;

/// What a category's numbering adds to its title's width (「１．」).
pub const NUMBER_WIDTH: usize = 4;

/// What one cell holds: its text set in one line, and how many pieces (items, paragraphs)
/// each begin a line of their own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    /// Its text set in one line, in columns.
    pub width: usize,
    /// How many pieces begin a line of their own.
    pub pieces: usize,
}

/// An item as a cell holds it: its marker and text, its notes, its sub-items.
pub trait HeldItem {
    /// The marker printed before it (「・」).
    fn marker(&self) -> &str;
    /// The purpose itself.
    fn text(&self) -> &str;
    /// Its notes (※).
    fn notes(&self) -> &[String];
    /// Its sub-items.
    fn sub_items(&self) -> &[Self]
    where
        Self: Sized;
}

/// What a cell's items hold: each with its marker, notes and sub-items.
pub fn items_held<I: HeldItem>(items: &[I]) -> Held {
    let mut held = Held::default();
    for item in items {
        held.width += str_width(item.marker()) + str_width(item.text());
        held.pieces += 1;
        for note in item.notes() {
            held.width += str_width(note);
            held.pieces += 1;
        }
        let sub = items_held(item.sub_items());
        held.width += sub.width;
        held.pieces += sub.pieces;
    }
    held
}

/// The shares of the columns of `rows` (the heading row first), in percent with one decimal.
pub fn widths_of(rows: &[Vec<Held>]) -> Vec<String> {
    shares(rows)
        .into_iter()
        .map(|share| format!("{}.{}", share / 10, share % 10))
        .collect()
}

/// The estimated height of a table whose columns take `shares` (of 1000), in thousandths
/// of a line.
fn height(rows: &[Vec<Held>], shares: &[u32]) -> u64 {
    rows.iter()
        .map(|row| {
            row.iter()
                .zip(shares)
                .map(|(held, &share)| cell_height(held, share))
                .max()
                .unwrap_or(0)
        })
        .sum()
}

/// The estimated height of one cell whose column takes `share` (of 1000), in thousandths of
/// a line (a column narrower than its overhead counts as one character wide).
fn cell_height(held: &Held, share: u32) -> u64 {
    let columns = (u64::from(share) * TABLE_COLUMNS)
        .saturating_sub(CELL_OVERHEAD * 1000)
        .max(1000);
    held.width as u64 * 1_000_000 / columns + 500 * held.pieces as u64
}

/// Shares of 1000 for the columns of `rows`, none below [`MIN_SHARE`] (unless there are too
/// many columns for that), adding up to exactly 1000, that make the table short. Three
/// starts (in proportion to each column's largest cell, to the square root of all it holds,
/// which is best when every row's cells are alike, and equal shares) are each improved by
/// [`improve`]; the shortest table wins, the earlier start of equals.
fn shares(rows: &[Vec<Held>]) -> Vec<u32> {
    let count = rows.first().map_or(0, Vec::len);
    if count == 0 {
        return Vec::new();
    }
    let floor = MIN_SHARE.min(1000 / count as u32);
    let largest: Vec<usize> = (0..count)
        .map(|k| rows.iter().map(|row| row[k].width).max().unwrap_or(0))
        .collect();
    let root_of_all: Vec<usize> = (0..count)
        .map(|k| rows.iter().map(|row| row[k].width).sum::<usize>().isqrt())
        .collect();
    let starts = [
        proportional(&largest, floor),
        proportional(&root_of_all, floor),
        proportional(&vec![1; count], floor),
    ];
    let mut best: Option<(u64, Vec<u32>)> = None;
    for start in starts {
        let improved = improve(rows, start, floor);
        let tall = height(rows, &improved);
        if best.as_ref().is_none_or(|(best, _)| tall < *best) {
            best = Some((tall, improved));
        }
    }
    best.expect("three starts").1
}

/// Moves part of one column's share to one or two others while that makes the table
/// shorter, in steps of 5 %, 1 % and 0.1 % (two at once, for a row whose tallest cells
/// are in two columns), keeping every share at `floor` or more.
fn improve(rows: &[Vec<Held>], mut shares: Vec<u32>, floor: u32) -> Vec<u32> {
    let count = shares.len();
    let mut best = height(rows, &shares);
    // Each move: the column giving, and the one or two receiving `step` each.
    let mut moves: Vec<(usize, usize, Option<usize>)> = Vec::new();
    for from in 0..count {
        for to in (0..count).filter(|&to| to != from) {
            moves.push((from, to, None));
            for also in (to + 1..count).filter(|&also| also != from) {
                moves.push((from, to, Some(also)));
            }
        }
    }
    let apply = |shares: &mut [u32], (from, to, also): (usize, usize, Option<usize>), step: u32| {
        shares[from] -= step * (1 + u32::from(also.is_some()));
        shares[to] += step;
        if let Some(also) = also {
            shares[also] += step;
        }
    };
    for step in [50, 10, 1] {
        let mut heights = Heights::new(rows, &shares, step);
        loop {
            let mut improved = None;
            for &candidate in &moves {
                let given = step * (1 + u32::from(candidate.2.is_some()));
                if shares[candidate.0] < floor + given {
                    continue;
                }
                let tried = heights.after(candidate);
                if tried < best {
                    best = tried;
                    improved = Some(candidate);
                }
            }
            let Some(chosen) = improved else { break };
            apply(&mut shares, chosen, step);
            heights.moved(rows, &shares, chosen);
        }
    }
    shares
}

/// The cells' heights at the current shares and one step either side, so that the height
/// of the table after a move is found without dividing again: the search tries every move
/// of every column at each step, and recomputing every cell for each was most of a build's
/// time. The heights it gives are those [`height`] computes.
struct Heights {
    step: u32,
    /// Per column, per row: the cell's height at the column's share now, with one step
    /// less, with two steps less, and with one step more (0 where a row has no such cell).
    now: Vec<Vec<u64>>,
    less: Vec<Vec<u64>>,
    less_twice: Vec<Vec<u64>>,
    more: Vec<Vec<u64>>,
    /// Per row, its four tallest cells now, tallest first, as (height, column): a move
    /// changes at most three columns, so the tallest of the others is among them.
    tallest: Vec<[(u64, usize); 4]>,
}

impl Heights {
    fn new(rows: &[Vec<Held>], shares: &[u32], step: u32) -> Heights {
        let mut heights = Heights {
            step,
            now: vec![Vec::new(); shares.len()],
            less: vec![Vec::new(); shares.len()],
            less_twice: vec![Vec::new(); shares.len()],
            more: vec![Vec::new(); shares.len()],
            tallest: Vec::new(),
        };
        for column in 0..shares.len() {
            heights.column(rows, shares, column);
        }
        heights.rank();
        heights
    }

    /// Computes one column's heights at its share and a step either side.
    fn column(&mut self, rows: &[Vec<Held>], shares: &[u32], column: usize) {
        let at = |share: u32| -> Vec<u64> {
            rows.iter()
                .map(|row| row.get(column).map_or(0, |held| cell_height(held, share)))
                .collect()
        };
        let share = shares[column];
        self.now[column] = at(share);
        self.less[column] = at(share.saturating_sub(self.step));
        self.less_twice[column] = at(share.saturating_sub(2 * self.step));
        self.more[column] = at(share + self.step);
    }

    /// Finds each row's four tallest cells.
    fn rank(&mut self) {
        let rows = self.now.first().map_or(0, Vec::len);
        self.tallest = (0..rows)
            .map(|row| {
                let mut top = [(0, usize::MAX); 4];
                for (column, heights) in self.now.iter().enumerate() {
                    let cell = (heights[row], column);
                    if let Some(place) = top.iter().position(|t| cell.0 > t.0) {
                        top[place..].rotate_right(1);
                        top[place] = cell;
                    }
                }
                top
            })
            .collect()
    }

    /// The table's height after `(from, to, also)` moves one step.
    fn after(&self, (from, to, also): (usize, usize, Option<usize>)) -> u64 {
        let given = if also.is_some() {
            &self.less_twice[from]
        } else {
            &self.less[from]
        };
        let changed = |column: usize| column == from || column == to || Some(column) == also;
        self.tallest
            .iter()
            .enumerate()
            .map(|(row, top)| {
                let others = top
                    .iter()
                    .find(|(_, column)| !changed(*column))
                    .map_or(0, |(height, _)| *height);
                let receiving = also.map_or(0, |also| self.more[also][row]);
                others
                    .max(given[row])
                    .max(self.more[to][row])
                    .max(receiving)
            })
            .sum()
    }

    /// Takes in a move made: the shares are those after it.
    fn moved(
        &mut self,
        rows: &[Vec<Held>],
        shares: &[u32],
        (from, to, also): (usize, usize, Option<usize>),
    ) {
        for column in [Some(from), Some(to), also].into_iter().flatten() {
            self.column(rows, shares, column);
        }
        self.rank();
    }
}

/// Shares of 1000 in proportion to `weights`, none below `floor`, adding up to exactly 1000.
fn proportional(weights: &[usize], floor: u32) -> Vec<u32> {
    // Columns held at the floor, and the share left for the others, in proportion to
    // their weights; a column falling below the floor joins the held ones.
    let mut held = vec![false; weights.len()];
    loop {
        let free: u64 = weights
            .iter()
            .zip(&held)
            .filter(|(_, held)| !**held)
            .map(|(&w, _)| w.max(1) as u64)
            .sum();
        let left = 1000 - floor * held.iter().filter(|h| **h).count() as u32;
        let mut shares: Vec<u32> = weights
            .iter()
            .zip(&held)
            .map(|(&w, &held)| {
                if held {
                    floor
                } else {
                    (w.max(1) as u64 * u64::from(left) / free.max(1)) as u32
                }
            })
            .collect();
        let mut newly_held = false;
        for (share, held) in shares.iter().zip(held.iter_mut()) {
            if !*held && *share < floor {
                *held = true;
                newly_held = true;
            }
        }
        if newly_held {
            continue;
        }
        // What rounding down left over goes to the widest column, the first of equals.
        let rest = 1000 - shares.iter().sum::<u32>();
        let widest = (0..shares.len())
            .max_by_key(|&i| (shares[i], std::cmp::Reverse(i)))
            .expect("at least one column");
        shares[widest] += rest;
        return shares;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(width: usize) -> Held {
        Held { width, pieces: 1 }
    }

    #[test]
    fn proportional_shares_follow_the_weights_and_add_up_to_the_whole() {
        assert_eq!(proportional(&[100, 100], 80), [500, 500]);
        assert_eq!(proportional(&[100, 300], 80), [250, 750]);
        assert_eq!(proportional(&[1, 1, 1], 80), [334, 333, 333]);
        let result = proportional(&[6, 250, 250], 80);
        assert_eq!(result, [80, 460, 460]);
    }

    #[test]
    fn a_column_of_almost_nothing_gets_the_floor_and_the_busy_ones_the_rest() {
        // Three rows: the first column is busy in one row, the second in another, the
        // third says 「・なし」 throughout.
        let rows = vec![
            vec![held(300), held(6), held(6)],
            vec![held(6), held(300), held(6)],
            vec![held(6), held(6), held(6)],
        ];
        let result = shares(&rows);
        assert_eq!(result.iter().sum::<u32>(), 1000);
        assert!((MIN_SHARE..=100).contains(&result[2]), "{result:?}");
        assert!(result[0].abs_diff(result[1]) <= 10, "{result:?}");
    }

    #[test]
    fn the_table_gets_no_taller_than_with_equal_columns() {
        let rows = vec![
            vec![held(40), held(120), held(6), held(250)],
            vec![held(30), held(80), held(6), held(6)],
            vec![held(130), held(6), held(180), held(6)],
        ];
        let result = shares(&rows);
        assert!(height(&rows, &result) < height(&rows, &[250; 4]));
        assert!(result.iter().all(|&s| s >= MIN_SHARE));
        assert_eq!(shares(&[vec![held(1); 20]]), [50; 20]);
        assert_eq!(shares(&[]), Vec::<u32>::new());
    }

    #[test]
    fn a_move_tried_gives_the_height_the_table_would_have() {
        // Rows of unequal lengths too: a missing cell counts for nothing, as in `height`.
        let rows = vec![
            vec![held(40), held(120), held(6), held(250), held(0)],
            vec![held(30), held(80), held(6), held(6), held(90)],
            vec![held(130), held(6), held(180), held(6), held(6)],
            vec![held(500), held(3)],
            vec![],
        ];
        let count = 5;
        for start in [
            vec![200; 5],
            vec![80, 320, 200, 300, 100],
            vec![960, 10, 10, 10, 10],
        ] {
            for step in [50, 10, 1] {
                let mut shares = start.clone();
                let mut heights = Heights::new(&rows, &shares, step);
                for round in 0..4 {
                    for from in 0..count {
                        for to in (0..count).filter(|&to| to != from) {
                            for also in [None]
                                .into_iter()
                                .chain((to + 1..count).filter(|&a| a != from).map(Some))
                            {
                                let given = step * (1 + u32::from(also.is_some()));
                                if shares[from] < given {
                                    continue;
                                }
                                let mut after = shares.clone();
                                after[from] -= given;
                                after[to] += step;
                                if let Some(also) = also {
                                    after[also] += step;
                                }
                                assert_eq!(
                                    heights.after((from, to, also)),
                                    height(&rows, &after),
                                    "{shares:?} moving {step} from {from} to {to} and {also:?}"
                                );
                            }
                        }
                    }
                    // Make a move, and go on from the shares after it.
                    let (from, to) = (round % count, (round + 1) % count);
                    if shares[from] >= step {
                        shares[from] -= step;
                        shares[to] += step;
                        heights.moved(&rows, &shares, (from, to, None));
                    }
                }
            }
        }
    }
}
