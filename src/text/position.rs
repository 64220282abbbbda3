//! Places in a text: a byte offset as the line and column a person counts, and back.

/// The 1-based line and column (in characters) of byte `offset` of `text`. An offset inside
/// a character counts as that character; one past the end, as the place after the last.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of 1-based `line` and `column` (in characters) in `text`: the end of
/// the line when it is shorter, the end of the text when it has fewer lines.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    text[line_start..]
        .char_indices()
        .take_while(|&(_, c)| c != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(
            || {
                text[line_start..]
                    .find('\n')
                    .map_or(text.len(), |end| line_start + end)
            },
            |(i, _)| line_start + i,
        )
}

/// The line and column (1-based) of a top-level `key:` of a YAML text, or
/// `None` when it is not written.
pub fn top_level_key(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|index| (index + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_places_correspond() {
        let text = "a: 1\ntitle: 個人情報\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 5), (2, 1));
        let jo = text.find('情').unwrap();
        assert_eq!(line_column(text, jo), (2, 10));
        assert_eq!(line_column(text, jo + 1), (2, 10), "inside a character");
        assert_eq!(line_column(text, text.len()), (3, 1));
        for (offset, _) in text.char_indices() {
            let (line, column) = line_column(text, offset);
            assert_eq!(offset_of(text, line, column), offset);
        }
        assert_eq!(offset_of(text, 1, 99), 4, "past the end of the line");
        assert_eq!(offset_of(text, 9, 1), text.len(), "past the last line");
    }
}
