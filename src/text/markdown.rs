//! Markdown in prose fields: to HTML for the web pages, to plain blocks for the mailing text.

use comrak::nodes::{AstNode, ListType, NodeValue, TableAlignment};
use comrak::{Arena, Options, parse_document};

use crate::text::table::{CellAlign, TextTable};

/// The Markdown dialect of prose fields: CommonMark with GitHub's tables, strikethrough and
/// autolinks, emphasis that works next to Japanese punctuation, and raw HTML escaped so a
/// `<script>` in the source shows as text.
fn options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.cjk_friendly_emphasis = true;
    options.render.r#unsafe = false;
    options.render.escape = true;
    options
}

/// Renders Markdown to an HTML fragment. Raw HTML in the input is escaped, never passed on.
pub fn to_html(markdown: &str) -> String {
    let arena = Arena::new();
    let options = options();
    let root = parse_document(&arena, markdown, &options);
    sanitize(root, false);
    let mut out = String::new();
    comrak::format_html(root, &options, &mut out).expect("writing into a String does not fail");
    out
}

/// Makes the tree of a prose field safe to publish, in place; true when anything changed.
/// - A link whose address is not one of [`crate::text::URL_SCHEMES`] or relative keeps its
///   text but loses its address (an image may also be `data:`): entities are decoded by
///   then, so `javascript&#58;` is caught as `javascript:`.
/// - A control character or a bidirectional override, which an entity (`&#27;`,
///   `&#x202E;`) can put into the text though the source holds none, becomes U+FFFD.
/// - For Markdown (`to_markdown`), raw HTML becomes code: inline HTML a code span, an HTML
///   block a fenced code block. The HTML writer escapes it by itself.
fn sanitize<'a>(root: &'a AstNode<'a>, to_markdown: bool) -> bool {
    let mut changed = false;
    for node in root.descendants().collect::<Vec<_>>() {
        let mut data = node.data.borrow_mut();
        let mut unlink = false;
        match &mut data.value {
            NodeValue::HtmlInline(html) if to_markdown => {
                let literal = html.clone();
                let num_backticks = longest_run(&literal, '`') + 1;
                data.value = NodeValue::Code(comrak::nodes::NodeCode {
                    num_backticks,
                    literal,
                });
                changed = true;
            }
            NodeValue::HtmlBlock(block) if to_markdown => {
                let mut literal = block.literal.clone();
                if !literal.ends_with('\n') {
                    literal.push('\n');
                }
                let fence_length = (longest_run(&literal, '`') + 1).max(3);
                data.value = NodeValue::CodeBlock(Box::new(comrak::nodes::NodeCodeBlock {
                    fenced: true,
                    fence_char: b'`',
                    fence_length,
                    literal,
                    closed: true,
                    ..Default::default()
                }));
                changed = true;
            }
            NodeValue::Link(link) if is_refused_address(&link.url, false) => unlink = true,
            NodeValue::Image(link) if is_refused_address(&link.url, true) => unlink = true,
            NodeValue::Text(text) => changed |= replace_hidden(text.to_mut()),
            NodeValue::Code(code) => changed |= replace_hidden(&mut code.literal),
            NodeValue::CodeBlock(block) => changed |= replace_hidden(&mut block.literal),
            NodeValue::HtmlInline(html) => changed |= replace_hidden(html),
            NodeValue::HtmlBlock(block) => changed |= replace_hidden(&mut block.literal),
            _ => {}
        }
        if unlink {
            drop(data);
            for child in node.children().collect::<Vec<_>>() {
                node.insert_before(child);
            }
            node.detach();
            changed = true;
        }
    }
    changed
}

/// Replaces every control character and bidirectional override in `text` with U+FFFD;
/// true when there was one.
fn replace_hidden(text: &mut String) -> bool {
    if !text.chars().any(crate::text::is_hidden_control) {
        return false;
    }
    *text = text
        .chars()
        .map(|c| {
            if crate::text::is_hidden_control(c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    true
}

/// The addresses of the images in `markdown` that a browser would fetch from another site
/// (an address with a scheme, or starting with `//`); `data:` images are inline and not
/// counted. The pages promise to load nothing from elsewhere.
pub fn remote_images(markdown: &str) -> Vec<String> {
    if !markdown.contains("![") && !markdown.contains("]:") {
        return Vec::new(); // no image syntax: not worth parsing
    }
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    root.descendants()
        .filter_map(|node| match &node.data.borrow().value {
            NodeValue::Image(link) if is_remote(&link.url) => Some(link.url.to_string()),
            _ => None,
        })
        .collect()
}

/// Whether a browser would fetch `url` from elsewhere than the page's own folder.
fn is_remote(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") || url.starts_with("\\\\") {
        return true;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) if colon > slash => false,
        (Some(colon), _) => !url[..colon].eq_ignore_ascii_case("data"),
        _ => false,
    }
}

/// Prose for the `.md` outputs, under the policy of the pages: raw HTML is shown as code,
/// never passed on as markup, and a link to a script address (`javascript:`, `vbscript:`,
/// `file:`, `data:`) keeps its text but loses its address. Other site generators render the
/// Markdown files we publish, many with raw HTML on. A text with neither comes back
/// unchanged, byte for byte; one with either is written out again as CommonMark.
pub fn to_safe_markdown(markdown: &str) -> std::borrow::Cow<'_, str> {
    if !markdown.contains(['<', ':', '&']) {
        // No HTML, no address, no entity: nothing to parse.
        return std::borrow::Cow::Borrowed(markdown);
    }
    let arena = Arena::new();
    let mut options = options();
    let root = parse_document(&arena, markdown, &options);
    if !sanitize(root, true) {
        return std::borrow::Cow::Borrowed(markdown);
    }
    // Code always fenced: an indented block's first line would lose its indentation, and
    // so become raw HTML again, to a template that trims the text.
    options.render.prefer_fenced = true;
    let mut out = String::new();
    comrak::format_commonmark(root, &options, &mut out)
        .expect("writing into a String does not fail");
    std::borrow::Cow::Owned(out)
}

/// The longest run of `c` in `text`.
fn longest_run(text: &str, c: char) -> usize {
    text.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

/// Whether a prose link to `url` loses its address: one that is neither relative nor of
/// [`crate::text::URL_SCHEMES`] (`javascript:`, `vbscript:`, `file:`, …); an image may
/// also be inline (`data:`).
fn is_refused_address(url: &str, image: bool) -> bool {
    let inline_image = image && crate::text::url_scheme(url).as_deref() == Some("data");
    !(crate::text::is_allowed_url(url, true) || inline_image)
}

/// What a block of plain text is, for layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph: begins with a full-width space in the mailing text.
    Paragraph,
    /// A heading, as its text.
    Heading,
    /// A list item at a nesting depth (0 = top level), printed with a 「・」 bullet.
    Bullet(usize),
    /// An ordered list item at a nesting depth, with its number.
    Numbered(usize, usize),
    /// A table at a list nesting depth, its cells as plain text; the block's own text is
    /// empty.
    Table(usize, TextTable),
}

/// A block of plain text made from Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainBlock {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text: emphasis dropped, links as 「text（URL）」, a hard line break (two spaces or
    /// `\` at the end of a line) as a line feed.
    pub text: String,
}

/// Turns Markdown into plain blocks: emphasis dropped, links written as 「text（URL）」,
/// list items as bullets, headings as their text.
///
/// The tree is walked with a stack of its own rather than by recursion, so that text nested
/// thousands of levels deep (`>>>>…`, `****…`) is converted like any other instead of
/// exhausting the thread's stack.
pub fn to_plain_blocks(markdown: &str) -> Vec<PlainBlock> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    sanitize(root, false);
    let mut blocks = Vec::new();
    // Work still to do, the next step on top.
    let mut pending: Vec<Step<'_>> = children_reversed(root)
        .map(|child| Step::Block(child, 0))
        .collect();
    while let Some(step) = pending.pop() {
        let (node, depth) = match step {
            Step::Text(node, kind) => {
                blocks.push(PlainBlock {
                    kind,
                    text: inline_text(node),
                });
                continue;
            }
            Step::Block(node, depth) => (node, depth),
        };
        let value = node.data.borrow().value.clone();
        match value {
            NodeValue::Paragraph => pending.push(Step::Text(node, BlockKind::Paragraph)),
            NodeValue::Heading(_) => pending.push(Step::Text(node, BlockKind::Heading)),
            NodeValue::List(list) => {
                let mut steps = Vec::new();
                for (index, item) in node.children().enumerate() {
                    let mut kind = match list.list_type {
                        ListType::Bullet => BlockKind::Bullet(depth),
                        ListType::Ordered => BlockKind::Numbered(depth, list.start + index),
                    };
                    for part in item.children() {
                        if matches!(part.data.borrow().value, NodeValue::Paragraph) {
                            // The item's first paragraph carries the bullet; later ones do not.
                            let kind = std::mem::replace(&mut kind, BlockKind::Paragraph);
                            steps.push(Step::Text(part, kind));
                        } else {
                            steps.push(Step::Block(part, depth + 1));
                        }
                    }
                }
                pending.extend(steps.into_iter().rev());
            }
            NodeValue::CodeBlock(code) => {
                for line in code.literal.lines() {
                    blocks.push(PlainBlock {
                        kind: BlockKind::Paragraph,
                        text: line.to_owned(),
                    });
                }
            }
            NodeValue::Table(table) => blocks.push(PlainBlock {
                kind: BlockKind::Table(depth, text_table(node, &table.alignments)),
                text: String::new(),
            }),
            NodeValue::ThematicBreak => {}
            _ => pending.extend(children_reversed(node).map(|child| Step::Block(child, depth))),
        }
    }
    blocks
}

/// A table node's rows (the heading row first) and the alignment of its columns.
fn text_table<'a>(node: &'a AstNode<'a>, alignments: &[TableAlignment]) -> TextTable {
    TextTable {
        alignments: alignments
            .iter()
            .map(|a| match a {
                TableAlignment::Center => CellAlign::Center,
                TableAlignment::Right => CellAlign::Right,
                TableAlignment::None | TableAlignment::Left => CellAlign::Left,
            })
            .collect(),
        rows: node
            .children()
            .map(|row| row.children().map(inline_text).collect())
            .collect(),
    }
}

/// One step of the walk of [`to_plain_blocks`].
enum Step<'a> {
    /// A block node to convert, at a list nesting depth.
    Block(&'a AstNode<'a>, usize),
    /// An inline container to print as one block of `kind`.
    Text(&'a AstNode<'a>, BlockKind),
}

/// The children of `node`, last first: pushed onto a stack, they come off in order.
fn children_reversed<'a>(node: &'a AstNode<'a>) -> impl Iterator<Item = &'a AstNode<'a>> {
    node.reverse_children()
}

/// The text of an inline container on one line, walked without recursion as the blocks are.
fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    /// One step of the walk: a node to print, or the end of a link whose label starts at a
    /// byte of the text.
    enum Inline<'a> {
        Node(&'a AstNode<'a>),
        LinkEnd { url: String, label_start: usize },
    }
    let mut out = String::new();
    let mut pending: Vec<Inline<'_>> = children_reversed(node).map(Inline::Node).collect();
    while let Some(step) = pending.pop() {
        let child = match step {
            Inline::Node(child) => child,
            Inline::LinkEnd { url, label_start } => {
                let label = &out[label_start..];
                let url = url.strip_prefix("mailto:").unwrap_or(&url);
                if label == url || label.is_empty() {
                    out.truncate(label_start);
                    out.push_str(url);
                } else {
                    out.push('（');
                    out.push_str(url);
                    out.push('）');
                }
                continue;
            }
        };
        let value = child.data.borrow().value.clone();
        match value {
            NodeValue::Text(t) => out.push_str(&t),
            NodeValue::Code(code) => out.push_str(&code.literal),
            // Japanese text runs on across a soft break; a hard one is kept.
            NodeValue::SoftBreak => {}
            NodeValue::LineBreak => out.push('\n'),
            NodeValue::HtmlInline(html) => out.push_str(&html),
            NodeValue::Link(link) => {
                pending.push(Inline::LinkEnd {
                    url: link.url.clone(),
                    label_start: out.len(),
                });
                pending.extend(children_reversed(child).map(Inline::Node));
            }
            _ => pending.extend(children_reversed(child).map(Inline::Node)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn safe_markdown_leaves_clean_prose_alone_and_defuses_html_and_script_links() {
        use std::borrow::Cow;
        let clean = "当組合は、次のとおり公表します。\n\n電話 03-0000-0000（平日９時〜17時）\n\n[案内](https://example.jp/a)\n";
        assert!(matches!(super::to_safe_markdown(clean), Cow::Borrowed(_)));
        let hostile = "前文<script>alert(1)</script>です。\n\n<div onclick=\"x()\">\n箱\n</div>\n\n[押す](javascript:alert(1)) と [JS]( JaVaScRiPt:alert(2) )\n\n![画像](data:image/png;base64,AAAA)\n";
        let safe = super::to_safe_markdown(hostile);
        let html = comrak::markdown_to_html(&safe, &{
            let mut o = comrak::Options::default();
            o.render.r#unsafe = true; // as a careless site generator would render it
            o
        });
        assert!(!html.contains("<script"), "{safe}\n---\n{html}");
        assert!(!html.contains("<div"), "{safe}\n---\n{html}");
        assert!(
            !html.to_lowercase().contains("javascript:"),
            "{safe}\n---\n{html}"
        );
        assert!(
            safe.contains("押す") && safe.contains("前文") && safe.contains("箱"),
            "{safe}"
        );
        assert!(html.contains("data:image/png"), "data: images stay: {html}");
    }

    use super::*;

    #[test]
    fn html_escapes_raw_html() {
        let html = to_html("当組合は<script>alert(1)</script>**重要**です。");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<strong>重要</strong>"), "{html}");
    }

    #[test]
    fn emphasis_next_to_japanese_punctuation() {
        let html = to_html("**「加入者」**という。");
        assert!(html.contains("<strong>「加入者」</strong>"), "{html}");
    }

    #[test]
    fn plain_blocks_drop_emphasis_and_spell_out_links() {
        let blocks = to_plain_blocks(
            "**当組合**の窓口は[こちら](https://example.jp/)です。\n改行は続く。\n\n- 一つ目\n- 二つ目\n  - 下位\n\n## 見出し\n",
        );
        assert_eq!(
            blocks,
            vec![
                PlainBlock {
                    kind: BlockKind::Paragraph,
                    text: "当組合の窓口はこちら（https://example.jp/）です。改行は続く。".into()
                },
                PlainBlock {
                    kind: BlockKind::Bullet(0),
                    text: "一つ目".into()
                },
                PlainBlock {
                    kind: BlockKind::Bullet(0),
                    text: "二つ目".into()
                },
                PlainBlock {
                    kind: BlockKind::Bullet(1),
                    text: "下位".into()
                },
                PlainBlock {
                    kind: BlockKind::Heading,
                    text: "見出し".into()
                },
            ]
        );
    }

    #[test]
    fn deeply_nested_markdown_converts_without_exhausting_the_stack() {
        // 20,000 quote levels and 100,000 emphasis marks: a recursive walk overflows a test
        // thread's stack on both.
        let quotes = format!("{} 深い引用", ">".repeat(20_000));
        assert_eq!(
            to_plain_blocks(&quotes),
            vec![PlainBlock {
                kind: BlockKind::Paragraph,
                text: "深い引用".into()
            }]
        );
        let marks = "*".repeat(100_000);
        let emphasis = format!("{marks}深い強調{marks}");
        assert_eq!(to_plain_blocks(&emphasis)[0].text, "深い強調");
    }

    #[test]
    fn hard_breaks_stay_and_tables_keep_their_cells() {
        let blocks = to_plain_blocks(
            "一行目\\\n二行目  \n三行目\n\n| 窓口 | 電話 |\n| --- | ---: |\n| 本部 | 03 |\n",
        );
        assert_eq!(blocks[0].text, "一行目\n二行目\n三行目");
        assert_eq!(
            blocks[1].kind,
            BlockKind::Table(
                0,
                TextTable {
                    alignments: vec![CellAlign::Left, CellAlign::Right],
                    rows: vec![
                        vec!["窓口".to_owned(), "電話".to_owned()],
                        vec!["本部".to_owned(), "03".to_owned()],
                    ],
                }
            )
        );
    }
}
