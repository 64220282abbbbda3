//! Display width in the columns of a fixed-width font.

use unicode_width::UnicodeWidthChar;

/// The columns a character takes in a fixed-width Japanese font.
///
/// Full-width characters take 2. East Asian ambiguous characters (※ ○ ① and the like)
/// also take 2, as they do in every Japanese font; control characters take 0.
pub fn char_width(c: char) -> usize {
    c.width_cjk().unwrap_or(0)
}

/// The columns a string takes in a fixed-width Japanese font.
pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_ambiguous_take_two_columns() {
        assert_eq!(str_width("abc"), 3);
        assert_eq!(str_width("利用目的"), 8);
        assert_eq!(str_width("（）"), 4);
        assert_eq!(str_width("※○①"), 6);
        assert_eq!(str_width("ｱｲｳ"), 3, "half-width katakana is one column");
        assert_eq!(str_width("\u{3000}"), 2);
        assert_eq!(str_width("\n"), 0);
    }
}
