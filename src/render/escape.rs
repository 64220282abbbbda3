//! Escaping per output format: every value a template prints is escaped for the format of
//! the output being rendered, HTML for a page and Markdown for a `.md` file, by Tera's
//! autoescape. Templates never have to remember a filter.
//!
//! Tera takes one escape function for all templates, so the format is set per render on the
//! rendering thread ([`set_format`]); a render runs on one thread from start to end.

use std::cell::Cell;

/// The formats whose outputs are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML pages and fragments: the five entities.
    Html,
    /// Markdown files: every character Markdown reads as markup is backslash-escaped.
    Markdown,
}

impl Format {
    /// The format of the output at `path`: Markdown for `.md`, HTML for anything else
    /// (Tera escapes only `.html`, `.htm`, `.xml` and `.md` templates at all).
    pub fn of(path: &str) -> Format {
        if path.ends_with(".md") {
            Format::Markdown
        } else {
            Format::Html
        }
    }
}

thread_local! {
    static FORMAT: Cell<Format> = const { Cell::new(Format::Html) };
}

/// Sets the format of the output this thread renders next, from its path.
pub fn set_format(path: &str) {
    FORMAT.with(|format| format.set(Format::of(path)));
}

/// The escape function Tera calls for every value it prints into an escaped template.
pub fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match FORMAT.with(Cell::get) {
        Format::Html => escape_html(input, out),
        Format::Markdown => write_markdown(input, out),
    }
}

/// HTML escaping with the same five entities as Tera's own, but writing each run of text
/// between them in one piece rather than byte by byte (escaping was the largest single
/// cost of rendering the pages).
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (at, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..at])?;
        out.write_all(entity)?;
        start = at + 1;
    }
    out.write_all(&bytes[start..])
}

/// Escapes the characters that Markdown would read as markup, so a text prints as itself:
/// punctuation is backslash-escaped, `&` too (so `&#x202E;` is not read as an entity), and
/// a line break becomes `<br>`, since the text is one line of Markdown (a table row, a list
/// item) that a raw line break would split, starting a heading or a row of its own.
pub fn escape_markdown(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    write_markdown(text, &mut out).expect("writing into a Vec does not fail");
    String::from_utf8(out).expect("only ASCII is inserted between whole characters")
}

/// [`escape_markdown`] written straight into `out`, each run of plain text in one piece.
fn write_markdown(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let text = text.trim_end_matches(['\n', '\r']);
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let replacement: &[u8] = match c {
            '\r' => b"",
            '\n' => b"<br>",
            c if is_markdown_markup(c) => {
                out.write_all(&text.as_bytes()[start..at])?;
                out.write_all(b"\\")?;
                start = at;
                continue;
            }
            _ => continue,
        };
        out.write_all(&text.as_bytes()[start..at])?;
        out.write_all(replacement)?;
        start = at + c.len_utf8();
    }
    out.write_all(&text.as_bytes()[start..])
}

/// Whether Markdown may read `c` as markup.
fn is_markdown_markup(c: char) -> bool {
    matches!(
        c,
        '\\' | '`'
            | '*'
            | '_'
            | '{'
            | '}'
            | '['
            | ']'
            | '<'
            | '>'
            | '('
            | ')'
            | '#'
            | '+'
            | '-'
            | '.'
            | '!'
            | '|'
            | '~'
            | '&'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_leaves_japanese_alone() {
        assert_eq!(
            escape_markdown("保険給付（付加給付）"),
            "保険給付（付加給付）"
        );
        assert_eq!(escape_markdown("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(escape_markdown("&#x202E;"), "\\&\\#x202E;");
    }

    #[test]
    fn the_format_follows_the_output() {
        assert_eq!(Format::of("notice.md"), Format::Markdown);
        assert_eq!(Format::of("compare/shinkyu.md"), Format::Markdown);
        assert_eq!(Format::of("notice.html"), Format::Html);
    }
}
