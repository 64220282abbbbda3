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

/// A count or size with a comma every three digits, as official writing sets numbers of
/// four digits or more: `4194304` → 「4,194,304」.
pub fn grouped(number: impl Into<u64>) -> String {
    let digits = number.into().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// [`grouped`] for a `usize`.
pub fn grouped_usize(number: usize) -> String {
    grouped(u64::try_from(number).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_four_digits_or_more_are_grouped_by_three() {
        assert_eq!(grouped(0u64), "0");
        assert_eq!(grouped(999u64), "999");
        assert_eq!(grouped(1000u64), "1,000");
        assert_eq!(grouped(4_194_304u64), "4,194,304");
        assert_eq!(grouped(31_457_280u64), "31,457,280");
        assert_eq!(grouped_usize(100_000), "100,000");
    }

    #[test]
    fn converts_only_ascii_digits() {
        assert_eq!(full_width_digits("1"), "１");
        assert_eq!(full_width_digits("2025"), "２０２５");
        assert_eq!(full_width_digits("第19条"), "第１９条");
        assert_eq!(full_width_digits("１"), "１");
    }
}
