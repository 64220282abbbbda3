//! Japanese text helpers: display width, full-width numerals, 和暦 dates, line breaking,
//! and Markdown to HTML or plain text.

pub mod markdown;
pub mod numerals;
pub mod sjis;
pub mod wareki;
pub mod width;
pub mod wrap;
