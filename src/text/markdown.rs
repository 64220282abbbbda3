//! Markdown in prose fields: to HTML for the web pages, to plain blocks for the mailing text.

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{Arena, Options, parse_document};

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
    comrak::markdown_to_html(markdown, &options())
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
}

/// A block of plain text made from Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainBlock {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text on one line: emphasis dropped, links as 「text（URL）」.
    pub text: String,
}

/// Turns Markdown into plain blocks: emphasis dropped, links written as 「text（URL）」,
/// list items as bullets, headings as their text.
pub fn to_plain_blocks(markdown: &str) -> Vec<PlainBlock> {
    let arena = Arena::new();
    let root = parse_document(&arena, markdown, &options());
    let mut blocks = Vec::new();
    collect_blocks(root, 0, &mut blocks);
    blocks
}

fn collect_blocks<'a>(node: &'a AstNode<'a>, depth: usize, blocks: &mut Vec<PlainBlock>) {
    for child in node.children() {
        collect_block(child, depth, blocks);
    }
}

fn collect_block<'a>(child: &'a AstNode<'a>, depth: usize, blocks: &mut Vec<PlainBlock>) {
    let value = child.data.borrow().value.clone();
    match value {
        NodeValue::Paragraph => blocks.push(PlainBlock {
            kind: BlockKind::Paragraph,
            text: inline_text(child),
        }),
        NodeValue::Heading(_) => blocks.push(PlainBlock {
            kind: BlockKind::Heading,
            text: inline_text(child),
        }),
        NodeValue::List(list) => {
            for (index, item) in child.children().enumerate() {
                let mut kind = match list.list_type {
                    ListType::Bullet => BlockKind::Bullet(depth),
                    ListType::Ordered => BlockKind::Numbered(depth, list.start + index),
                };
                for part in item.children() {
                    if matches!(part.data.borrow().value, NodeValue::Paragraph) {
                        // The item's first paragraph carries the bullet; later ones do not.
                        blocks.push(PlainBlock {
                            kind: std::mem::replace(&mut kind, BlockKind::Paragraph),
                            text: inline_text(part),
                        });
                    } else {
                        collect_block(part, depth + 1, blocks);
                    }
                }
            }
        }
        NodeValue::CodeBlock(code) => {
            for line in code.literal.lines() {
                blocks.push(PlainBlock {
                    kind: BlockKind::Paragraph,
                    text: line.to_owned(),
                });
            }
        }
        NodeValue::ThematicBreak => {}
        _ => collect_blocks(child, depth, blocks),
    }
}

/// The text of an inline container on one line.
fn inline_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut text = String::new();
    push_inline(node, &mut text);
    text
}

fn push_inline<'a>(node: &'a AstNode<'a>, out: &mut String) {
    for child in node.children() {
        let value = child.data.borrow().value.clone();
        match value {
            NodeValue::Text(t) => out.push_str(&t),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::SoftBreak => {}
            NodeValue::LineBreak => {}
            NodeValue::HtmlInline(html) => out.push_str(&html),
            NodeValue::Link(link) => {
                let mut label = String::new();
                push_inline(child, &mut label);
                let url = link.url.strip_prefix("mailto:").unwrap_or(&link.url);
                if label == url || label.is_empty() {
                    out.push_str(url);
                } else {
                    out.push_str(&label);
                    out.push('（');
                    out.push_str(url);
                    out.push('）');
                }
            }
            _ => push_inline(child, out),
        }
    }
}

#[cfg(test)]
mod tests {
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
}
