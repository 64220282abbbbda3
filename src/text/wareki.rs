//! 和暦 (Japanese era) dates: 令和７年４月１日.

use crate::text::date::Date;
use crate::text::numerals::full_width_digits;

/// An era and the first day of the Gregorian calendar that belongs to it.
struct Era {
    name: &'static str,
    first_day: (u16, u8, u8),
}

/// The eras since Japan adopted the Gregorian calendar (明治6年 = 1873), newest first.
const ERAS: [Era; 5] = [
    Era {
        name: "令和",
        first_day: (2019, 5, 1),
    },
    Era {
        name: "平成",
        first_day: (1989, 1, 8),
    },
    Era {
        name: "昭和",
        first_day: (1926, 12, 25),
    },
    Era {
        name: "大正",
        first_day: (1912, 7, 30),
    },
    Era {
        name: "明治",
        first_day: (1868, 10, 23),
    },
];

/// The first day a 和暦 date can be given for: before it Japan used the lunisolar calendar.
const GREGORIAN_ADOPTION: (u16, u8, u8) = (1873, 1, 1);

/// Which digits 和暦 dates are written with: `mailing.digits` in purposes.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, schemars::JsonSchema)]
#[schemars(
    rename = "DigitStyle",
    description = "Which digits 和暦 dates are written with."
)]
pub enum Digits {
    /// Full-width: 令和７年４月１日.
    #[default]
    #[serde(rename = "full")]
    FullWidth,
    /// Half-width: 令和7年4月1日.
    #[serde(rename = "half")]
    HalfWidth,
}

/// Writes a date in 和暦: 令和７年４月１日, with 元年 for an era's first year.
///
/// Returns `None` for a day before 1873-01-01, when Japan adopted the Gregorian calendar.
pub fn to_wareki(date: Date, digits: Digits) -> Option<String> {
    let key = (date.year, date.month, date.day);
    if key < GREGORIAN_ADOPTION {
        return None;
    }
    let era = ERAS.iter().find(|era| key >= era.first_day)?;
    let year_of_era = date.year - era.first_day.0 + 1;
    let year = if year_of_era == 1 {
        "元".to_owned()
    } else {
        year_of_era.to_string()
    };
    let text = format!("{}{}年{}月{}日", era.name, year, date.month, date.day);
    Some(match digits {
        Digits::FullWidth => full_width_digits(&text),
        Digits::HalfWidth => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wareki(y: u16, m: u8, d: u8) -> String {
        to_wareki(Date::new(y, m, d).unwrap(), Digits::HalfWidth).unwrap()
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(wareki(1989, 1, 7), "昭和64年1月7日");
        assert_eq!(wareki(1989, 1, 8), "平成元年1月8日");
        assert_eq!(wareki(2019, 4, 30), "平成31年4月30日");
        assert_eq!(wareki(2019, 5, 1), "令和元年5月1日");
        assert_eq!(wareki(1926, 12, 24), "大正15年12月24日");
        assert_eq!(wareki(1926, 12, 25), "昭和元年12月25日");
        assert_eq!(wareki(1912, 7, 29), "明治45年7月29日");
        assert_eq!(wareki(1912, 7, 30), "大正元年7月30日");
    }

    #[test]
    fn digits_setting() {
        let date = Date::new(2025, 4, 1).unwrap();
        assert_eq!(
            to_wareki(date, Digits::FullWidth).unwrap(),
            "令和７年４月１日"
        );
        assert_eq!(to_wareki(date, Digits::HalfWidth).unwrap(), "令和7年4月1日");
        let date = Date::new(2005, 12, 31).unwrap();
        assert_eq!(
            to_wareki(date, Digits::FullWidth).unwrap(),
            "平成１７年１２月３１日"
        );
    }

    #[test]
    fn before_the_gregorian_calendar_has_no_wareki() {
        assert_eq!(
            to_wareki(Date::new(1872, 12, 31).unwrap(), Digits::FullWidth),
            None
        );
        assert_eq!(wareki(1873, 1, 1), "明治6年1月1日");
    }
}
