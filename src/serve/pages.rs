//! The pages only the preview shows: the index, the error page, a text output in a page,
//! "not found"; and the reload script, put into every page served and into no output.

use crate::error::Lang;
use crate::render::Output;

use super::words::{self, PreviewWord};

const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// The path under which the preview's own addresses live; no template writes there.
pub const INTERNAL_PREFIX: &str = "/_mokuteki/";

/// The address that shows a text output in a page that reloads by itself.
pub const VIEW_PREFIX: &str = "/_mokuteki/view/";

/// `page` (HTML) with the reload script for a render of `version`, before `</body>` when
/// there is one, else at the end (a fragment).
pub fn with_reload(page: &[u8], version: u64) -> Vec<u8> {
    let script = format!(
        "<script>{}</script>\n",
        RELOAD_SCRIPT.replace("__VERSION__", &version.to_string())
    );
    let closing = page
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(page.len());
    let mut served = Vec::with_capacity(page.len() + script.len());
    served.extend_from_slice(&page[..closing]);
    served.extend_from_slice(script.as_bytes());
    served.extend_from_slice(&page[closing..]);
    served
}

/// The index: a link to every output, and the warnings of the last render.
pub fn index(outputs: &[Output], warnings: &[String], lang: Lang, version: u64) -> Vec<u8> {
    let mut body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<ul>\n",
        escape(PreviewWord::IndexTitle.text(lang)),
        escape(PreviewWord::IndexIntro.text(lang))
    );
    for output in outputs {
        let link = link(&output.path);
        body.push_str(&format!(
            "<li><a href=\"/{link}\">{}</a>",
            escape(&output.path)
        ));
        if !output.path.ends_with(".html") {
            body.push_str(&format!(
                " (<a href=\"{VIEW_PREFIX}{link}\">{}</a>)",
                escape(PreviewWord::LiveView.text(lang))
            ));
        }
        body.push_str("</li>\n");
    }
    body.push_str("</ul>\n");
    if !warnings.is_empty() {
        body.push_str(&format!(
            "<h2>{}</h2>\n<pre>{}</pre>\n",
            escape(PreviewWord::Warnings.text(lang)),
            escape(&warnings.join("\n\n"))
        ));
    }
    page(PreviewWord::IndexTitle.text(lang), &body, version)
}

/// The page shown in place of every output while the source cannot be built: each
/// problem as the command line prints it (file:line:column, the line, a marker).
pub fn error(source: &str, report: &str, lang: Lang, version: u64) -> Vec<u8> {
    let title = words::error_title(lang, source);
    let body = format!(
        "<h1>{}</h1>\n<p>{}</p>\n<pre class=\"problems\">{}</pre>\n",
        escape(&title),
        escape(PreviewWord::ErrorIntro.text(lang)),
        escape(report)
    );
    page(&title, &body, version)
}

/// A text output in a page of its own, reloading by itself.
pub fn text_view(path: &str, text: &str, lang: Lang, version: u64) -> Vec<u8> {
    let body = format!(
        "<p><a href=\"/\">{}</a> · <a href=\"/{}\">{}</a></p>\n<pre>{}</pre>\n",
        escape(PreviewWord::AllOutputs.text(lang)),
        link(path),
        escape(path),
        escape(text)
    );
    page(path, &body, version)
}

/// The page for an address that is no output.
pub fn not_found(lang: Lang, version: u64) -> Vec<u8> {
    let body = format!(
        "<p>{}</p>\n<p><a href=\"/\">{}</a></p>\n",
        escape(PreviewWord::NotFound.text(lang)),
        escape(PreviewWord::AllOutputs.text(lang))
    );
    page(PreviewWord::NotFound.text(lang), &body, version)
}

fn page(title: &str, body: &str, version: u64) -> Vec<u8> {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6}}pre{{white-space:pre-wrap;background:#f6f6f6;padding:1rem;overflow-x:auto}}.problems{{background:#fff0f0;border-left:4px solid #c00}}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    );
    with_reload(html.as_bytes(), version)
}

/// An output path as a link: each segment percent-encoded where a URL needs it.
fn link(path: &str) -> String {
    let mut encoded = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body_or_at_the_end() {
        let page = with_reload(b"<html><body><p>x</p></BODY></html>", 7);
        let text = String::from_utf8(page).unwrap();
        assert!(text.starts_with("<html><body><p>x</p><script>"), "{text}");
        assert!(text.ends_with("</script>\n</BODY></html>"), "{text}");
        assert!(text.contains("var version = 7;"), "{text}");
        let fragment = String::from_utf8(with_reload(b"<div>x</div>\n", 1)).unwrap();
        assert!(fragment.starts_with("<div>x</div>\n<script>"), "{fragment}");
    }

    #[test]
    fn the_error_page_escapes_the_report() {
        let page = error("a.yaml", "1 | <b>&", Lang::Ja, 3);
        let text = String::from_utf8(page).unwrap();
        assert!(text.contains("a.yaml から文書を生成できません"), "{text}");
        assert!(text.contains("1 | &lt;b&gt;&amp;"), "{text}");
    }

    #[test]
    fn links_are_encoded() {
        assert_eq!(link("feeds/別 表.txt"), "feeds/%E5%88%A5%20%E8%A1%A8.txt");
    }
}
