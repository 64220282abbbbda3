//! The 新旧対照表 as rows: 改正後 on the left, 改正前 on the right, the changed characters
//! marked on both sides, unchanged passages shortened to 「（略）」, a new entry faced by
//! 「（新設）」 and a removed one by 「（削る）」.
//!
//! Each row is one line of each side, so a printed table can break between any two lines
//! and never inside one, and the two sides stay level.

use serde::Serialize;

use super::align::{self, Row as Aligned};
use super::text::{Segment, diff};
use crate::facts::catalogue::{Catalogue, Category, Entry, Field, Kind};
use crate::text::numerals::full_width_digits;
use crate::text::wareki::Digits;

/// 「（略）」: an unchanged passage.
pub const OMITTED: &str = "（略）";
/// 「（新設）」: on the old side, facing something new.
pub const ADDED: &str = "（新設）";
/// 「（削る）」: on the new side, facing something removed.
pub const REMOVED: &str = "（削る）";

/// What a line of the table is, for the templates' layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A category's number and title, or a section heading of the notice.
    Title,
    /// A group heading.
    Group,
    /// A category's description, or prose of the notice.
    Text,
    /// A note (※).
    Note,
    /// The heading of a recipient kind, over its items.
    Kind,
    /// A purpose.
    Item,
    /// 「（略）」.
    Omitted,
    /// 「（新設）」.
    Added,
    /// 「（削る）」.
    Removed,
}

/// One line of one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// What the line is.
    pub role: Role,
    /// How deep it is indented (0 for a title).
    pub depth: usize,
    /// The indent as text: a full-width space per level, for text outputs.
    pub indent: String,
    /// Its text, in runs; the changed runs get the 傍線.
    pub segments: Vec<Segment>,
}

impl Line {
    fn new(role: Role, depth: usize, segments: Vec<Segment>) -> Line {
        Line {
            role,
            depth,
            indent: "\u{3000}".repeat(depth),
            segments,
        }
    }

    fn marker(role: Role, depth: usize) -> Line {
        let text = match role {
            Role::Added => ADDED,
            Role::Removed => REMOVED,
            _ => OMITTED,
        };
        Line::new(role, depth, vec![Segment::plain(text)])
    }

    /// The line's text with every run marked changed (a new or removed entry is underlined
    /// whole).
    fn all_changed(mut self) -> Line {
        for segment in &mut self.segments {
            segment.changed = true;
        }
        self
    }
}

/// One row: a line of 改正後 and a line of 改正前 (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// 改正後, the left column.
    pub new: Option<Line>,
    /// 改正前, the right column.
    pub old: Option<Line>,
    /// True for a row of 「（略）」 on both sides.
    pub omitted: bool,
}

/// Rows being collected; unchanged passages are kept as placeholders and shortened to one
/// 「（略）」 row each run when the sheet is finished.
#[derive(Debug, Default)]
struct Sheet {
    rows: Vec<Option<Row>>,
}

impl Sheet {
    /// An unchanged passage.
    fn same(&mut self) {
        self.rows.push(None);
    }

    fn row(&mut self, new: Option<Line>, old: Option<Line>) {
        self.rows.push(Some(Row {
            new,
            old,
            omitted: false,
        }));
    }

    /// Lines of each side next to each other, the shorter side padded with empty lines.
    fn zip(&mut self, new: Vec<Line>, old: Vec<Line>) {
        let (mut new, mut old) = (new.into_iter(), old.into_iter());
        loop {
            match (new.next(), old.next()) {
                (None, None) => break,
                (n, o) => self.row(n, o),
            }
        }
    }

    fn changed(&self) -> bool {
        self.rows.iter().any(Option::is_some)
    }

    fn append(&mut self, other: Sheet) {
        self.rows.extend(other.rows);
    }

    /// The rows, each run of unchanged passages as one 「（略）」 row, indented as deep as
    /// the first line after it (or `depth` at the end).
    fn finish(self, depth: usize) -> Vec<Row> {
        let mut out: Vec<Row> = Vec::new();
        let mut pending = false;
        for row in self.rows {
            match row {
                None => pending = true,
                Some(row) => {
                    if std::mem::take(&mut pending) {
                        let depth = row
                            .new
                            .as_ref()
                            .or(row.old.as_ref())
                            .map_or(depth, |l| l.depth);
                        out.push(omitted_row(depth));
                    }
                    out.push(row);
                }
            }
        }
        if pending {
            out.push(omitted_row(depth));
        }
        out
    }
}

fn omitted_row(depth: usize) -> Row {
    Row {
        new: Some(Line::marker(Role::Omitted, depth)),
        old: Some(Line::marker(Role::Omitted, depth)),
        omitted: true,
    }
}

/// The rows of the table of the regulation (別表): its head (the recipient kinds), then
/// each category.
/// Categories are numbered as the table numbers them, in `digits`.
pub fn table_rows(old: &Catalogue, new: &Catalogue, digits: Digits) -> Vec<Row> {
    let mut sheet = Sheet::default();
    sheet.append(head(old, new));
    sheet.append(categories(old, new, digits));
    sheet.finish(0)
}

/// The rows of the notice: its own texts and its dates (the purposes are those of the
/// table, compared there). `dated` writes a date of the source in the notice's style.
pub fn notice_rows(old: &Catalogue, new: &Catalogue, dated: &dyn Fn(&str) -> String) -> Vec<Row> {
    let mut sheet = Sheet::default();
    let names = |c: &Catalogue| -> Vec<Field> {
        c.organization
            .iter()
            .filter(|f| f.key.starts_with("organization."))
            .cloned()
            .collect()
    };
    fields(&mut sheet, &names(old), &names(new));
    fields(&mut sheet, &old.notice, &new.notice);
    fields(&mut sheet, &old.particulars(), &new.particulars());
    if !old.same_purposes(new) {
        let see = format!(
            "（利用目的の改正は、{}の新旧対照表のとおり）",
            new.regulation.table
        );
        let line = text_line(Role::Text, 0, &see);
        sheet.row(Some(line.clone()), Some(line));
    }
    dates(&mut sheet, old, new, dated);
    sheet.finish(0)
}

fn text_line(role: Role, depth: usize, text: &str) -> Line {
    Line::new(role, depth, vec![Segment::plain(text)])
}

/// A text present on both sides: nothing if it is the same, else one row with its
/// differences.
fn compared(sheet: &mut Sheet, role: Role, depth: usize, old: &str, new: &str) {
    if old == new {
        sheet.same();
    } else {
        let d = diff(old, new);
        sheet.row(
            Some(Line::new(role, depth, d.new)),
            Some(Line::new(role, depth, d.old)),
        );
    }
}

/// An optional text (a description, a group heading).
fn compared_optional(
    sheet: &mut Sheet,
    role: Role,
    depth: usize,
    old: Option<&str>,
    new: Option<&str>,
) {
    match (old, new) {
        (None, None) => {}
        (Some(o), Some(n)) => compared(sheet, role, depth, o, n),
        (None, Some(n)) => sheet.row(
            Some(text_line(role, depth, n).all_changed()),
            Some(Line::marker(Role::Added, depth)),
        ),
        (Some(o), None) => sheet.row(
            Some(Line::marker(Role::Removed, depth)),
            Some(text_line(role, depth, o).all_changed()),
        ),
    }
}

/// The table's head: a row per recipient kind whose column changed, was added or removed.
fn head(old: &Catalogue, new: &Catalogue) -> Sheet {
    let mut sheet = Sheet::default();
    let keys = |kinds: &[Kind]| -> Vec<String> { kinds.iter().map(|k| k.id.clone()).collect() };
    let (old_ids, new_ids) = (keys(&old.kinds), keys(&new.kinds));
    let pairs: Vec<(usize, usize)> = new_ids
        .iter()
        .enumerate()
        .filter_map(|(n, id)| Some((old_ids.iter().position(|o| o == id)?, n)))
        .collect();
    let rows = align::side_by_side(
        &(0..old_ids.len()).collect::<Vec<_>>(),
        &(0..new_ids.len()).collect::<Vec<_>>(),
        &pairs,
    );
    let mut body = Sheet::default();
    for row in rows {
        let column = |k: &Kind| format!("【{}】", k.column);
        match (row.old, row.new) {
            (Some(o), Some(n)) => compared(
                &mut body,
                Role::Kind,
                1,
                &column(&old.kinds[o]),
                &column(&new.kinds[n]),
            ),
            (None, Some(n)) => body.row(
                Some(text_line(Role::Kind, 1, &column(&new.kinds[n])).all_changed()),
                Some(Line::marker(Role::Added, 1)),
            ),
            (Some(o), None) => body.row(
                Some(Line::marker(Role::Removed, 1)),
                Some(text_line(Role::Kind, 1, &column(&old.kinds[o])).all_changed()),
            ),
            (None, None) => {}
        }
    }
    if body.changed() {
        let title = text_line(Role::Title, 0, "表頭（利用の区分）");
        sheet.row(Some(title.clone()), Some(title));
        sheet.append(body);
    } else if !old.kinds.is_empty() || !new.kinds.is_empty() {
        sheet.same();
    }
    sheet
}

/// A category's number and the point after it, as the table writes them: 「３」「．」, or
/// 「3」「.」 with half-width digits.
fn number(number: usize, digits: Digits) -> (String, &'static str) {
    match digits {
        Digits::FullWidth => (full_width_digits(&number.to_string()), "．"),
        Digits::HalfWidth => (number.to_string(), "."),
    }
}

/// A category's number as the table shows it: its own label if it has one, else the
/// number of its place.
fn label(category: &Category, index: usize, digits: Digits) -> (String, &'static str) {
    match &category.label {
        Some(label) => (label.clone(), ""),
        None => number(index, digits),
    }
}

/// The numbered title of a category: 「１．…」.
fn numbered(category: &Category, index: usize, digits: Digits) -> String {
    let (digits, point) = label(category, index, digits);
    format!("{digits}{point}{}", category.title)
}

fn categories(old: &Catalogue, new: &Catalogue, digits: Digits) -> Sheet {
    let mut sheet = Sheet::default();
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
    for row in rows {
        match (row.old, row.new) {
            (Some(o), Some(n)) => category(&mut sheet, old, new, (o, n), digits),
            (None, Some(n)) => {
                let lines = category_lines(new, &new.categories[n], n + 1, digits);
                let mut old_side = vec![Line::marker(Role::Added, 0)];
                old_side.truncate(lines.len());
                sheet.zip(lines, old_side);
            }
            (Some(o), None) => {
                let lines = category_lines(old, &old.categories[o], o + 1, digits);
                sheet.zip(vec![Line::marker(Role::Removed, 0)], lines);
            }
            (None, None) => {}
        }
    }
    sheet
}

/// Every line of a category, underlined whole (a category added or removed).
fn category_lines(
    catalogue: &Catalogue,
    category: &Category,
    index: usize,
    digits: Digits,
) -> Vec<Line> {
    let title = numbered(category, index, digits);
    let mut lines = vec![text_line(Role::Title, 0, &title)];
    if let Some(group) = &category.group {
        lines.push(text_line(Role::Group, 1, group));
    }
    if let Some(description) = &category.description {
        lines.push(text_line(Role::Text, 1, description));
    }
    lines.extend(
        category
            .attributes
            .iter()
            .map(|(column, text)| text_line(Role::Text, 1, &attribute(column, text))),
    );
    lines.extend(category.notes.iter().map(|n| text_line(Role::Note, 1, n)));
    for kind in kinds_in(catalogue, category) {
        if let Some(k) = catalogue.kind(&kind) {
            lines.push(text_line(Role::Kind, 1, &format!("【{}】", k.column)));
        }
        for entry in category.items.iter().filter(|e| e.kind == kind) {
            lines.extend(entry_lines(entry, 2));
        }
    }
    lines.extend(
        category
            .notes_after
            .iter()
            .map(|n| text_line(Role::Note, 1, n)),
    );
    lines.into_iter().map(Line::all_changed).collect()
}

/// The kinds a category files items under, in the order of the catalogue's kinds (then any
/// others, as written).
fn kinds_in(catalogue: &Catalogue, category: &Category) -> Vec<String> {
    let mut kinds: Vec<String> = catalogue
        .kinds
        .iter()
        .filter(|k| category.items.iter().any(|e| e.kind == k.id))
        .map(|k| k.id.clone())
        .collect();
    for entry in &category.items {
        if !kinds.contains(&entry.kind) {
            kinds.push(entry.kind.clone());
        }
    }
    kinds
}

/// An entry's lines: its text after 「・」, its notes, its sub-items one level deeper.
fn entry_lines(entry: &Entry, depth: usize) -> Vec<Line> {
    let mut lines = vec![text_line(
        Role::Item,
        depth,
        &format!("・{}", entry.printed()),
    )];
    lines.extend(
        entry
            .notes
            .iter()
            .map(|n| text_line(Role::Note, depth + 1, n)),
    );
    for item in &entry.items {
        lines.extend(entry_lines(item, depth + 1));
    }
    lines
}

/// A category present in both versions.
fn category(
    sheet: &mut Sheet,
    old: &Catalogue,
    new: &Catalogue,
    (o, n): (usize, usize),
    digits: Digits,
) {
    let (oc, nc) = (&old.categories[o], &new.categories[n]);
    let renumbered = label(oc, o + 1, digits) != label(nc, n + 1, digits);
    let mut body = Sheet::default();
    compared_optional(
        &mut body,
        Role::Group,
        1,
        oc.group.as_deref(),
        nc.group.as_deref(),
    );
    compared_optional(
        &mut body,
        Role::Text,
        1,
        oc.description.as_deref(),
        nc.description.as_deref(),
    );
    attributes(&mut body, &oc.attributes, &nc.attributes);
    strings(&mut body, Role::Note, 1, &oc.notes, &nc.notes);
    items(&mut body, old, new, oc, nc);
    strings(&mut body, Role::Note, 1, &oc.notes_after, &nc.notes_after);

    let number_segments = |category: &Category, index: usize, changed: bool| {
        let (text, point) = label(category, index, digits);
        vec![Segment { text, changed }, Segment::plain(point)]
    };
    if oc.title == nc.title && !body.changed() {
        if renumbered {
            let mut new_line = number_segments(nc, n + 1, true);
            new_line.push(Segment::plain(OMITTED));
            let mut old_line = number_segments(oc, o + 1, true);
            old_line.push(Segment::plain(OMITTED));
            sheet.row(
                Some(Line::new(Role::Title, 0, new_line)),
                Some(Line::new(Role::Title, 0, old_line)),
            );
        } else {
            sheet.same();
        }
        return;
    }
    let d = diff(&oc.title, &nc.title);
    let mut new_line = number_segments(nc, n + 1, renumbered);
    new_line.extend(d.new);
    let mut old_line = number_segments(oc, o + 1, renumbered);
    old_line.extend(d.old);
    sheet.row(
        Some(Line::new(Role::Title, 0, new_line)),
        Some(Line::new(Role::Title, 0, old_line)),
    );
    sheet.append(body);
}

/// A further column's value as a line: 「column：text」.
fn attribute(column: &str, text: &str) -> String {
    format!("{column}：{text}")
}

/// The values of the further columns, paired by column.
fn attributes(sheet: &mut Sheet, old: &[(String, String)], new: &[(String, String)]) {
    for (column, text) in new {
        let before = old
            .iter()
            .find(|(c, _)| c == column)
            .map(|(c, t)| attribute(c, t));
        compared_optional(
            sheet,
            Role::Text,
            1,
            before.as_deref(),
            Some(&attribute(column, text)),
        );
    }
    for (column, text) in old {
        if !new.iter().any(|(c, _)| c == column) {
            compared_optional(sheet, Role::Text, 1, Some(&attribute(column, text)), None);
        }
    }
}

/// Lists of texts without kinds (notes): paired by content, laid out side by side.
fn strings(sheet: &mut Sheet, role: Role, depth: usize, old: &[String], new: &[String]) {
    let partner = align::pair(&align::text_keys(old), &align::text_keys(new));
    let pairs: Vec<(usize, usize)> = partner
        .iter()
        .enumerate()
        .filter_map(|(n, o)| Some(((*o)?, n)))
        .collect();
    let rows = align::side_by_side(
        &(0..old.len()).collect::<Vec<_>>(),
        &(0..new.len()).collect::<Vec<_>>(),
        &pairs,
    );
    lay_out(sheet, &rows, |sheet, o, n| match (o, n) {
        (Some(o), Some(n)) if pairs.contains(&(o, n)) => {
            compared(sheet, role, depth, &old[o], &new[n]);
        }
        _ => sheet.zip(
            n.map(|n| text_line(role, depth, &new[n]).all_changed())
                .into_iter()
                .collect(),
            o.map(|o| text_line(role, depth, &old[o]).all_changed())
                .into_iter()
                .collect(),
        ),
    });
}

/// Lays out aligned rows: a pair through `pair`, an entry alone as new or removed, and a
/// removed entry directly followed by an added one (neither paired elsewhere) as one
/// replacement, side by side.
fn lay_out(
    sheet: &mut Sheet,
    rows: &[Aligned],
    mut pair: impl FnMut(&mut Sheet, Option<usize>, Option<usize>),
) {
    let mut i = 0;
    while i < rows.len() {
        let row = rows[i];
        match (row.old, row.new) {
            (Some(_), Some(_)) => pair(sheet, row.old, row.new),
            (Some(o), None) => match rows.get(i + 1) {
                Some(next) if next.old.is_none() && next.new.is_some() => {
                    pair(sheet, Some(o), next.new);
                    i += 1;
                }
                _ => pair(sheet, Some(o), None),
            },
            (None, n) => pair(sheet, None, n),
        }
        i += 1;
    }
}

/// The items of a category present in both versions, kind by kind.
fn items(sheet: &mut Sheet, old: &Catalogue, new: &Catalogue, oc: &Category, nc: &Category) {
    let partner = align::pair(&align::entry_keys(&oc.items), &align::entry_keys(&nc.items));
    let mut kinds = kinds_in(new, nc);
    for kind in kinds_in(old, oc) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    for kind in kinds {
        let old_here: Vec<usize> = (0..oc.items.len())
            .filter(|&o| oc.items[o].kind == kind)
            .collect();
        let new_here: Vec<usize> = (0..nc.items.len())
            .filter(|&n| nc.items[n].kind == kind)
            .collect();
        let pairs: Vec<(usize, usize)> = new_here
            .iter()
            .filter_map(|&n| {
                let o = partner[n]?;
                (oc.items[o].kind == kind).then_some((o, n))
            })
            .collect();
        let paired_old: Vec<usize> = partner.iter().flatten().copied().collect();
        let rows = align::side_by_side(&old_here, &new_here, &pairs);
        let mut body = Sheet::default();
        let mut i = 0;
        while i < rows.len() {
            let row = rows[i];
            match (row.old, row.new) {
                (Some(o), Some(n)) if pairs.contains(&(o, n)) => {
                    entry_pair(&mut body, &oc.items[o], &nc.items[n], 2);
                }
                (Some(o), None) => {
                    // A removed entry directly followed by an added one: a replacement.
                    let next_added = rows.get(i + 1).and_then(|next| match (next.old, next.new) {
                        (None, Some(n)) if partner[n].is_none() => Some(n),
                        _ => None,
                    });
                    match next_added {
                        Some(n) if !paired_old.contains(&o) => {
                            body.zip(
                                changed_lines(&nc.items[n], 2),
                                changed_lines(&oc.items[o], 2),
                            );
                            i += 1;
                        }
                        _ => body.zip(
                            vec![Line::marker(Role::Removed, 2)],
                            changed_lines(&oc.items[o], 2),
                        ),
                    }
                }
                (None, Some(n)) => body.zip(
                    changed_lines(&nc.items[n], 2),
                    vec![Line::marker(Role::Added, 2)],
                ),
                _ => {}
            }
            i += 1;
        }
        if body.changed() {
            let heading = |catalogue: &Catalogue| {
                catalogue
                    .kind(&kind)
                    .map(|k| text_line(Role::Kind, 1, &format!("【{}】", k.column)))
            };
            // A list without kinds has no heading to show.
            if !kind.is_empty() {
                sheet.row(heading(new), heading(old));
            }
            sheet.append(body);
        } else {
            sheet.same();
        }
    }
}

fn changed_lines(entry: &Entry, depth: usize) -> Vec<Line> {
    entry_lines(entry, depth)
        .into_iter()
        .map(Line::all_changed)
        .collect()
}

/// An entry in both versions (its text the same or reworded), with its notes and sub-items.
fn entry_pair(sheet: &mut Sheet, old: &Entry, new: &Entry, depth: usize) {
    if old == new {
        sheet.same();
        return;
    }
    let (o, n) = (
        format!("・{}", old.printed()),
        format!("・{}", new.printed()),
    );
    if o == n {
        // Only its notes or sub-items changed: the text stands as the place they are in.
        sheet.row(
            Some(text_line(Role::Item, depth, &n)),
            Some(text_line(Role::Item, depth, &o)),
        );
    } else {
        compared(sheet, Role::Item, depth, &o, &n);
    }
    strings(sheet, Role::Note, depth + 1, &old.notes, &new.notes);
    let partner = align::pair(
        &align::sub_item_keys(&old.items),
        &align::sub_item_keys(&new.items),
    );
    let pairs: Vec<(usize, usize)> = partner
        .iter()
        .enumerate()
        .filter_map(|(n, o)| Some(((*o)?, n)))
        .collect();
    let rows = align::side_by_side(
        &(0..old.items.len()).collect::<Vec<_>>(),
        &(0..new.items.len()).collect::<Vec<_>>(),
        &pairs,
    );
    lay_out(sheet, &rows, |sheet, o, n| match (o, n) {
        (Some(o), Some(n)) if pairs.contains(&(o, n)) => {
            entry_pair(sheet, &old.items[o], &new.items[n], depth + 1);
        }
        (Some(o), Some(n)) => sheet.zip(
            changed_lines(&new.items[n], depth + 1),
            changed_lines(&old.items[o], depth + 1),
        ),
        (None, Some(n)) => sheet.zip(
            changed_lines(&new.items[n], depth + 1),
            vec![Line::marker(Role::Added, depth + 1)],
        ),
        (Some(o), None) => sheet.zip(
            vec![Line::marker(Role::Removed, depth + 1)],
            changed_lines(&old.items[o], depth + 1),
        ),
        (None, None) => {}
    });
}

/// Named texts (the notice's): paired by key; a section is shown under its heading.
fn fields(sheet: &mut Sheet, old: &[Field], new: &[Field]) {
    let pairs: Vec<(usize, usize)> = new
        .iter()
        .enumerate()
        .filter_map(|(n, f)| Some((old.iter().position(|o| o.key == f.key)?, n)))
        .collect();
    let rows = align::side_by_side(
        &(0..old.len()).collect::<Vec<_>>(),
        &(0..new.len()).collect::<Vec<_>>(),
        &pairs,
    );
    // A section of the notice, and a particular (住所, 共同利用者の範囲, …), stand under
    // their heading; the title, preamble and closing need none.
    let is_section = |f: &Field| {
        !(f.key.starts_with("organization.")
            || [
                "title",
                "preamble",
                "purposes_heading",
                "closing",
                "recipient:",
            ]
            .iter()
            .any(|k| f.key.starts_with(k)))
    };
    let lines = |f: &Field| {
        let mut lines = Vec::new();
        if is_section(f) {
            lines.push(text_line(Role::Title, 0, &f.label));
        }
        lines.push(text_line(Role::Text, 0, &f.text));
        lines.into_iter().map(Line::all_changed).collect::<Vec<_>>()
    };
    lay_out(sheet, &rows, |sheet, o, n| match (o, n) {
        (Some(o), Some(n)) if pairs.contains(&(o, n)) => {
            let (of, nf) = (&old[o], &new[n]);
            if of.text != nf.text && is_section(nf) {
                let heading = text_line(Role::Title, 0, &nf.label);
                sheet.row(Some(heading.clone()), Some(heading));
            }
            // Prose is compared paragraph by paragraph, so the unchanged ones are 「（略）」.
            strings(
                sheet,
                Role::Text,
                0,
                &paragraphs(&of.text),
                &paragraphs(&nf.text),
            );
        }
        (Some(o), Some(n)) => sheet.zip(lines(&new[n]), lines(&old[o])),
        (None, Some(n)) => sheet.zip(lines(&new[n]), vec![Line::marker(Role::Added, 0)]),
        (Some(o), None) => sheet.zip(vec![Line::marker(Role::Removed, 0)], lines(&old[o])),
        (None, None) => {}
    });
}

/// The paragraphs of a prose text (Markdown: a blank line between two).
fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim_matches('\n').to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// 制定 and each 改正, as the notice prints them.
fn dates(sheet: &mut Sheet, old: &Catalogue, new: &Catalogue, dated: &dyn Fn(&str) -> String) {
    let established = |c: &Catalogue| format!("{}制定", dated(&c.dates.established));
    compared(sheet, Role::Text, 0, &established(old), &established(new));
    let line = |r: &crate::facts::catalogue::Revision| {
        let mut text = format!("{}改正（{}）", dated(&r.date), r.summary);
        if let Some(effective) = &r.effective {
            text.push_str(&format!("、{}施行", dated(effective)));
        }
        if let Some(applies_from) = &r.applies_from {
            text.push_str(&format!("、{}適用", dated(applies_from)));
        }
        text
    };
    let old_lines: Vec<String> = old.dates.revisions.iter().map(line).collect();
    let new_lines: Vec<String> = new.dates.revisions.iter().map(line).collect();
    // Revisions are paired by their date, then laid out as texts.
    let pairs: Vec<(usize, usize)> = new
        .dates
        .revisions
        .iter()
        .enumerate()
        .filter_map(|(n, r)| {
            Some((
                old.dates.revisions.iter().position(|o| o.date == r.date)?,
                n,
            ))
        })
        .collect();
    let rows = align::side_by_side(
        &(0..old_lines.len()).collect::<Vec<_>>(),
        &(0..new_lines.len()).collect::<Vec<_>>(),
        &pairs,
    );
    for row in rows {
        match (row.old, row.new) {
            (Some(o), Some(n)) => compared(sheet, Role::Text, 0, &old_lines[o], &new_lines[n]),
            (None, Some(n)) => sheet.row(
                Some(text_line(Role::Text, 0, &new_lines[n]).all_changed()),
                Some(Line::marker(Role::Added, 0)),
            ),
            (Some(o), None) => sheet.row(
                Some(Line::marker(Role::Removed, 0)),
                Some(text_line(Role::Text, 0, &old_lines[o]).all_changed()),
            ),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::catalogue::Category;

    fn category(id: &str, title: &str) -> Category {
        Category {
            id: id.into(),
            title: title.into(),
            group: None,
            description: None,
            label: None,
            notes: Vec::new(),
            attributes: Vec::new(),
            notes_after: Vec::new(),
            sensitive: false,
            items: vec![Entry {
                kind: String::new(),
                text: format!("{title}の目的"),
                basis: None,
                basis_label: None,
                sensitive: false,
                notes: Vec::new(),
                items: Vec::new(),
            }],
        }
    }

    fn shown(line: &Option<Line>) -> String {
        line.as_ref().map_or(String::new(), |l| {
            l.segments
                .iter()
                .map(|s| {
                    if s.changed {
                        format!("[{}]", s.text)
                    } else {
                        s.text.clone()
                    }
                })
                .collect()
        })
    }

    #[test]
    fn prose_is_compared_paragraph_by_paragraph() {
        let notice = |preamble: &str| Catalogue {
            notice: vec![Field {
                label: "前文".into(),
                key: "preamble".into(),
                text: preamble.into(),
            }],
            ..Catalogue::default()
        };
        let old = notice("第一段落です。\n\n第二段落です。\n\n第三段落です。\n");
        let new = notice("第一段落です。\n\n第二の段落です。\n\n第三段落です。\n");
        let rows = notice_rows(&old, &new, &|d| d.to_owned());
        let pairs: Vec<(String, String)> = rows
            .iter()
            .map(|r| (shown(&r.new), shown(&r.old)))
            .collect();
        assert_eq!(
            pairs,
            [
                ("（略）".into(), "（略）".into()),
                ("第二[の]段落です。".into(), "第二段落です。".into()),
                ("（略）".into(), "（略）".into()),
            ]
        );
    }

    #[test]
    fn a_category_inserted_renumbers_the_next_ones_with_their_numbers_underlined() {
        let old = Catalogue {
            categories: vec![category("a", "給付"), category("c", "その他")],
            ..Catalogue::default()
        };
        let new = Catalogue {
            categories: vec![
                category("a", "給付"),
                category("b", "保健事業"),
                category("c", "その他"),
            ],
            ..Catalogue::default()
        };
        for (digits, renumbered) in [
            (Digits::FullWidth, ("[３]．（略）", "[２]．（略）")),
            (Digits::HalfWidth, ("[3].（略）", "[2].（略）")),
        ] {
            let rows = table_rows(&old, &new, digits);
            let pairs: Vec<(String, String)> = rows
                .iter()
                .map(|r| (shown(&r.new), shown(&r.old)))
                .collect();
            assert_eq!(pairs[0], ("（略）".into(), "（略）".into()));
            assert_eq!(pairs[1].1, "（新設）");
            assert_eq!(
                pairs.last().unwrap(),
                &(renumbered.0.to_owned(), renumbered.1.to_owned())
            );
        }
    }
}
