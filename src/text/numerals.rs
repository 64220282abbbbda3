//! Full-width numerals (１２３), as Japanese documents number their headings.

/// Writes an ASCII-digit number with full-width digits: `12` → 「１２」.
pub fn full_width_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_only_ascii_digits() {
        assert_eq!(full_width_digits("1"), "１");
        assert_eq!(full_width_digits("2025"), "２０２５");
        assert_eq!(full_width_digits("第19条"), "第１９条");
        assert_eq!(full_width_digits("１"), "１");
    }
}
