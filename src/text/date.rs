//! Calendar dates as written in `purposes.yaml` (`YYYY-MM-DD`).

use std::fmt;

use serde::Deserialize;

/// A day of the Gregorian calendar, checked to exist (no 2月30日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date: write it as YYYY-MM-DD, e.g. 2025-04-01")]
    Format(String),
    /// Of the right form, but no such day.
    #[error("`{0}` is not a day of the calendar")]
    NoSuchDay(String),
}

impl Date {
    /// Makes a date, or `None` when there is no such day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD` (ASCII digits, four-two-two).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !well_formed {
            return Err(DateError::Format(text.to_owned()));
        }
        let number = |range: std::ops::Range<usize>| -> u16 {
            text[range].parse().expect("checked to be ASCII digits")
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        Date::new(year, month as u8, day as u8).ok_or_else(|| DateError::NoSuchDay(text.to_owned()))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day of the calendar, written YYYY-MM-DD.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_days_only() {
        assert_eq!(
            Date::parse("2025-04-01"),
            Ok(Date {
                year: 2025,
                month: 4,
                day: 1
            })
        );
        assert!(Date::parse("2024-02-29").is_ok());
        assert_eq!(
            Date::parse("2025-02-29"),
            Err(DateError::NoSuchDay("2025-02-29".into()))
        );
        assert!(Date::parse("1900-02-29").is_err());
        assert!(Date::parse("2000-02-29").is_ok());
        for bad in [
            "2025-4-1",
            "2025/04/01",
            "２０２５-04-01",
            "20250401",
            "",
            "2025-13-01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_as_iso() {
        assert_eq!(Date::new(2005, 4, 1).unwrap().to_string(), "2005-04-01");
    }
}
