//! Numbers and labels as a page prints them: a style is written as the label of number one
//! (`"（１）"`, `"①"`, `"第１"`), and [`Numbering::label`] gives the label of any number.

/// How numbers are counted in a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counter {
    /// 1, 2, 3
    Ascii,
    /// １, ２, ３
    FullWidth,
    /// ①, ②, ③ (to 50; then the full-width number in parentheses)
    Circled,
    /// 一, 二, 三 … 十一
    Kanji,
    /// ア, イ, ウ … (五十音順)
    Katakana,
    /// a, b, c
    LowerLatin,
    /// A, B, C
    UpperLatin,
}

/// A numbering style: text around a counter, a fixed marker (「・」「○」), or nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbering {
    prefix: String,
    counter: Option<Counter>,
    suffix: String,
}

const KATAKANA: &[char] = &[
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ',
    'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ',
    'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ヲ', 'ン',
];
const KANJI_DIGITS: &[char] = &['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

impl Numbering {
    /// No label at all (`"none"` or `""`).
    pub fn none() -> Numbering {
        Numbering {
            prefix: String::new(),
            counter: None,
            suffix: String::new(),
        }
    }

    /// Reads a style written as the label of number one. The first counter character
    /// (`1`, `１`, `①`, `一`, `ア`, `a`, `A`) is the number; what surrounds it is kept. A
    /// text without one is a fixed marker (「・」「○」). `none` and `""` mean no label.
    pub fn parse(pattern: &str) -> Numbering {
        if pattern == "none" || pattern.is_empty() {
            return Numbering::none();
        }
        let found = pattern.char_indices().find_map(|(at, c)| {
            let counter = match c {
                '1' => Counter::Ascii,
                '１' => Counter::FullWidth,
                '①' => Counter::Circled,
                '一' => Counter::Kanji,
                'ア' => Counter::Katakana,
                'a' => Counter::LowerLatin,
                'A' => Counter::UpperLatin,
                _ => return None,
            };
            Some((at, c.len_utf8(), counter))
        });
        match found {
            Some((at, len, counter)) => Numbering {
                prefix: pattern[..at].to_owned(),
                counter: Some(counter),
                suffix: pattern[at + len..].to_owned(),
            },
            None => Numbering {
                prefix: pattern.to_owned(),
                counter: None,
                suffix: String::new(),
            },
        }
    }

    /// True when the style prints nothing.
    pub fn is_none(&self) -> bool {
        self.counter.is_none() && self.prefix.is_empty()
    }

    /// True when the style counts (rather than a fixed marker or nothing).
    pub fn counts(&self) -> bool {
        self.counter.is_some()
    }

    /// The label of `number` (1-based).
    pub fn label(&self, number: usize) -> String {
        let Some(counter) = self.counter else {
            return self.prefix.clone();
        };
        let digits = match counter {
            Counter::Ascii => number.to_string(),
            Counter::FullWidth => crate::text::numerals::full_width_digits(&number.to_string()),
            Counter::Circled => match number {
                1..=20 => char::from_u32(0x2460 + number as u32 - 1)
                    .map(String::from)
                    .unwrap_or_default(),
                21..=35 => char::from_u32(0x3251 + number as u32 - 21)
                    .map(String::from)
                    .unwrap_or_default(),
                36..=50 => char::from_u32(0x32B1 + number as u32 - 36)
                    .map(String::from)
                    .unwrap_or_default(),
                _ => format!(
                    "（{}）",
                    crate::text::numerals::full_width_digits(&number.to_string())
                ),
            },
            Counter::Kanji => kanji(number),
            Counter::Katakana => letters(number, KATAKANA),
            Counter::LowerLatin => letters(number, &('a'..='z').collect::<Vec<_>>()),
            Counter::UpperLatin => letters(number, &('A'..='Z').collect::<Vec<_>>()),
        };
        format!("{}{digits}{}", self.prefix, self.suffix)
    }
}

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 百五.
fn kanji(number: usize) -> String {
    if number == 0 {
        return "〇".to_owned();
    }
    let mut out = String::new();
    let mut rest = number;
    for (unit, name) in [(1000, '千'), (100, '百'), (10, '十')] {
        let count = rest / unit;
        rest %= unit;
        if count > 9 {
            return crate::text::numerals::full_width_digits(&number.to_string());
        }
        if count > 1 {
            out.push(KANJI_DIGITS[count]);
        }
        if count > 0 {
            out.push(name);
        }
    }
    if rest > 0 {
        out.push(KANJI_DIGITS[rest]);
    }
    out
}

/// 1 → the first letter, past the end → the letters doubled (aa, ab, …).
fn letters(number: usize, alphabet: &[char]) -> String {
    let mut n = number;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(alphabet[n % alphabet.len()]);
        n /= alphabet.len();
    }
    out.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pattern: &str) -> Vec<String> {
        let style = Numbering::parse(pattern);
        [1, 2, 10, 12].iter().map(|&n| style.label(n)).collect()
    }

    #[test]
    fn the_styles_of_real_notices() {
        assert_eq!(labels("１．"), ["１．", "２．", "１０．", "１２．"]);
        assert_eq!(labels("1."), ["1.", "2.", "10.", "12."]);
        assert_eq!(labels("(1)"), ["(1)", "(2)", "(10)", "(12)"]);
        assert_eq!(
            labels("（１）"),
            ["（１）", "（２）", "（１０）", "（１２）"]
        );
        assert_eq!(labels("①"), ["①", "②", "⑩", "⑫"]);
        assert_eq!(labels("第１"), ["第１", "第２", "第１０", "第１２"]);
        assert_eq!(labels("一、"), ["一、", "二、", "十、", "十二、"]);
        assert_eq!(labels("ア"), ["ア", "イ", "コ", "シ"]);
        assert_eq!(labels("(a)"), ["(a)", "(b)", "(j)", "(l)"]);
    }

    #[test]
    fn markers_and_none() {
        assert_eq!(labels("・"), ["・", "・", "・", "・"]);
        assert_eq!(labels("○"), ["○", "○", "○", "○"]);
        assert!(Numbering::parse("none").is_none());
        assert_eq!(labels("none"), ["", "", "", ""]);
        assert!(!Numbering::parse("○").counts());
        assert!(Numbering::parse("(1)").counts());
    }

    #[test]
    fn large_numbers() {
        let circled = Numbering::parse("①");
        assert_eq!(circled.label(21), "㉑");
        assert_eq!(circled.label(36), "㊱");
        assert_eq!(circled.label(50), "㊿");
        assert_eq!(circled.label(51), "（５１）");
        assert_eq!(kanji(20), "二十");
        assert_eq!(kanji(105), "百五");
        assert_eq!(letters(27, &('a'..='z').collect::<Vec<_>>()), "aa");
    }
}
