//! Japanese text helpers: display width, full-width numerals, calendar dates and 和暦,
//! line breaking, Markdown to HTML or plain text, and places (line and column) in a text.

pub mod date;
pub mod markdown;
pub mod numerals;
pub mod position;
pub mod sjis;
pub mod table;
pub mod wareki;
pub mod width;
pub mod wrap;
