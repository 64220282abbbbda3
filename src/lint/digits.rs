//! Lint of digits: the widths of the digits of one text should agree, within the
//! conventions of Japanese official writing.
//!
//! - Phone numbers, postal codes, times, URLs and e-mail addresses are written with
//!   half-width digits by convention: never asked to be full-width.
//! - One number or date must not mix widths: 「１2月」, 「令和2年４月１日」, 「９時〜17時」.
//! - In a text whose other numbers are full-width, a half-width one is out of place:
//!   「第１９条第7号」.

use crate::diagnostic::Problem;

/// A numeric expression: digits with what joins them into one number, date, time or
/// phone number, e.g. `03-0000-0000`, `令和2年４月１日`, `９時〜17時`.
#[derive(Debug)]
struct Expression {
    /// Index of its first character in the text.
    start: usize,
    /// Its characters.
    text: Vec<char>,
}

impl Expression {
    fn has(&self, wide: bool) -> bool {
        self.text
            .iter()
            .any(|&c| if wide { is_wide(c) } else { c.is_ascii_digit() })
    }

    /// Half-width by convention: a phone number, a postal code or a time.
    fn is_conventionally_half(&self) -> bool {
        let text: String = self.text.iter().map(|&c| narrow(c)).collect();
        let groups: Vec<&str> = text.split(['-', '‐', '－', '−']).collect();
        let all_digits = |g: &&str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
        let phone = groups.len() == 3 && groups.iter().all(all_digits) && text.starts_with('0');
        let postal = groups.len() == 2
            && groups.iter().all(all_digits)
            && groups[0].len() == 3
            && groups[1].len() == 4;
        let time = (text.contains(':') || text.contains('時') || text.contains('分'))
            && !text.contains(['年', '月', '日']);
        phone || postal || time
    }
}

fn is_wide(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// The half-width form of a full-width digit or colon; other characters as they are.
fn narrow(c: char) -> char {
    if is_wide(c) {
        char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)
    } else if c == '：' {
        ':'
    } else {
        c
    }
}

fn widen(c: char) -> char {
    if c.is_ascii_digit() {
        char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
    } else {
        c
    }
}

/// Characters that join digits into one expression.
fn joins(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '時'
            | '分'
            | '秒'
            | ':'
            | '：'
            | '-'
            | '‐'
            | '－'
            | '−'
            | '〜'
            | '～'
            | ','
            | '，'
            | '.'
            | '．'
            | '/'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || is_wide(c)
}

/// The spans of URLs and e-mail addresses, whose characters are never looked at.
fn addresses(chars: &[char]) -> Vec<std::ops::Range<usize>> {
    let is_address_char =
        |c: char| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'*+,;=%".contains(c);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Compared in place: a string of the next characters made for each one was a
        // tenth of a small build's time.
        let rest = &chars[i..];
        let starts_url = ["http://", "https://", "www."].iter().any(|prefix| {
            let mut rest = rest.iter();
            prefix.chars().all(|p| rest.next() == Some(&p))
        });
        if starts_url || (chars[i] == '@' && i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            let mut start = i;
            if !starts_url {
                while start > 0
                    && (chars[start - 1].is_ascii_alphanumeric()
                        || ".+_-".contains(chars[start - 1]))
                {
                    start -= 1;
                }
            }
            let mut end = i;
            while end < chars.len() && is_address_char(chars[end]) {
                end += 1;
            }
            spans.push(start..end);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    spans
}

/// The numeric expressions of a text, outside URLs and e-mail addresses.
fn expressions(chars: &[char]) -> Vec<Expression> {
    let skipped = addresses(chars);
    let in_address = |i: usize| skipped.iter().any(|r| r.contains(&i));
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) || in_address(i) {
            i += 1;
            continue;
        }
        // An era name before the year belongs to the date: 令和2年.
        let start = i;
        let mut end = i;
        while end < chars.len()
            && !in_address(end)
            && (is_digit(chars[end])
                || (joins(chars[end]) && chars.get(end + 1).is_some_and(|&n| is_digit(n)))
                || (matches!(chars[end], '年' | '月' | '日' | '時' | '分' | '秒')))
        {
            end += 1;
        }
        found.push(Expression {
            start,
            text: chars[start..end].to_vec(),
        });
        i = end;
    }
    found
}

/// Whether the numeric expression starting at `index` is a phone number or a postal code,
/// which are half-width and set apart by a space by convention.
pub fn conventional_number_at(chars: &[char], index: usize) -> bool {
    if !chars.get(index).is_some_and(|&c| is_digit(c)) {
        return false;
    }
    expressions(&chars[index..]).first().is_some_and(|e| {
        e.start == 0
            && e.is_conventionally_half()
            && !e.text.iter().any(|c| matches!(c, '時' | '分' | ':' | '：'))
    })
}

/// The findings about digits in one text, each with the index of the character it points at.
pub fn check(value: &str) -> Vec<(usize, Problem)> {
    let chars: Vec<char> = value.chars().collect();
    let expressions = expressions(&chars);
    let mut found = Vec::new();
    // The text's own style: full-width when a number that is not half-width by convention
    // is written full-width.
    let full_width_text = expressions
        .iter()
        .any(|e| e.has(true) && !e.has(false) && !e.is_conventionally_half());
    for expression in &expressions {
        let (wide, half) = (expression.has(true), expression.has(false));
        let text: String = expression.text.iter().collect();
        if wide && half {
            // One number, date or time in two widths: unify it, half-width where that is the
            // convention, otherwise as the text writes its numbers.
            let to_half = expression.is_conventionally_half() || !full_width_text;
            let suggestion: String = expression
                .text
                .iter()
                .map(|&c| if to_half { narrow(c) } else { widen(c) })
                .collect();
            let first_odd = expression
                .text
                .iter()
                .position(|&c| {
                    if to_half {
                        is_wide(c)
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .unwrap_or(0);
            found.push((
                expression.start + first_odd,
                Problem::MixedDigits {
                    found: text,
                    suggestion,
                },
            ));
        } else if half && full_width_text && !expression.is_conventionally_half() {
            let digits: String = expression.text.iter().map(|&c| widen(c)).collect();
            found.push((
                expression.start,
                Problem::MixedWidth {
                    found: text,
                    suggestion: digits,
                },
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, String, String)> {
        check(text)
            .into_iter()
            .map(|(i, p)| match p {
                Problem::MixedDigits { found, suggestion } => (i, found, suggestion),
                Problem::MixedWidth { found, suggestion } => (i, found, suggestion),
                other => (i, other.code(), String::new()),
            })
            .collect()
    }

    #[test]
    fn phone_numbers_postal_codes_times_urls_and_addresses_stay_half_width() {
        for text in [
            "電話 03-0000-0000（平日９時から１７時まで）",
            "〒105-0001 東京都港区虎ノ門１丁目",
            "受付は9:00〜17:00です。第１条による。",
            "詳しくは https://example.jp/2024/12/notice.html をご覧ください（第１項）。",
            "問合せ先 info2024@example.jp（第２項）",
            "フリーダイヤル 0120-000-000 は第１項のとおり",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn a_space_before_a_phone_number_is_the_convention() {
        let codes: Vec<String> = crate::lint::check_text("電話 03-0000-0000", &[])
            .into_iter()
            .map(|(_, p)| p.code())
            .collect();
        assert_eq!(codes, Vec::<String>::new());
        let codes: Vec<String> = crate::lint::check_text("第 19 条", &[])
            .into_iter()
            .map(|(_, p)| p.code())
            .collect();
        assert_eq!(codes, ["stray_space", "stray_space"]);
    }

    #[test]
    fn the_readme_example_gets_one_warning_for_its_time_range() {
        assert_eq!(
            found("電話 03-0000-0000（平日９時〜17時）"),
            [(18, "９時〜17時".into(), "9時〜17時".into())]
        );
    }

    #[test]
    fn a_number_or_date_in_two_widths_is_found() {
        assert_eq!(found("１2月"), [(0, "１2月".into(), "12月".into())]);
        assert_eq!(
            found("令和2年４月１日から施行する。第１条"),
            [(2, "2年４月１日".into(), "２年４月１日".into())]
        );
        assert_eq!(
            found("令和2年の改正により、第１９条を改めた"),
            [(2, "2年".into(), "２年".into())]
        );
    }

    #[test]
    fn half_width_numbers_among_full_width_ones_are_found() {
        assert_eq!(found("第１９条第7号"), [(5, "7".into(), "７".into())]);
        assert_eq!(found("第19条第7号"), []);
        assert_eq!(found("令和7年4月1日"), []);
        assert_eq!(found("令和７年４月１日"), []);
    }
}
