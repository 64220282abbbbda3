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

/// A character no published text may hold: a control character other than a line break or
/// a tab, or a bidirectional override or isolate, which reorders the text shown around it.
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The schemes an address may have in any field: a page (`https:`, `http:`), mail
/// (`mailto:`) or a telephone number (`tel:`).
pub const URL_SCHEMES: &[&str] = &["https", "http", "mailto", "tel"];

/// The scheme of `url` (`javascript` of `javascript:…`), if it has one. Control characters
/// and blanks, which a browser skips, are skipped here too.
pub fn url_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = url.find(':')?;
    // A colon after the path starts (`a/b:c`, `?q=a:b`) is no scheme's.
    if url.find(['/', '?', '#']).is_some_and(|slash| slash < colon) {
        return None;
    }
    Some(url[..colon].to_ascii_lowercase())
}

/// Whether `url` may be published as a link: one of [`URL_SCHEMES`], or an address
/// relative to the page (no scheme) when `relative` allows it.
pub fn is_allowed_url(url: &str, relative: bool) -> bool {
    match url_scheme(url) {
        Some(scheme) => URL_SCHEMES.contains(&scheme.as_str()),
        None => relative,
    }
}
