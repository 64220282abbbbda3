//! Japanese text helpers: display width, full-width numerals, 和暦 dates, line breaking,
//! Markdown to HTML or plain text, and places (line and column) in a text.

pub mod markdown;
pub mod numerals;
pub mod position;
pub mod sjis;
pub mod table;
pub mod wareki;
pub mod width;
pub mod wrap;
