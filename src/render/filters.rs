//! The filters mokuteki adds to Tera, available to every template.
//!
//! | filter | does |
//! |---|---|
//! | `markdown` | Markdown → HTML, raw HTML escaped (safe to print unescaped) |
//! | `markdown_text(indent="")` | Markdown → wrapped plain text: paragraphs start with 「　」, lists get 「・」, hard line breaks are kept, tables are ruled with box-drawing characters (or listed, when too wide) |
//! | `wrap(first="", rest="", hang=false, width=N, align="left")` | wraps with 禁則処理 at the text width (columns); `hang=true` aligns following lines under the text after `first`; `align="center"` or `"right"` places each line within the width |
//! | `wareki(digits=…)` | `2025-04-01` → 「令和７年４月１日」 (`digits="half"`: 「令和7年4月1日」; default `mailing.digits`) |
//! | `numbering(digits=…)` | a category's number as its heading writes it: 3 → 「３．」 (`digits="half"`: 「3.」; default `mailing.digits`) |
//! | `fullwidth` | ASCII digits → full-width digits: 12 → 「１２」 |
//! | `md_escape` | escapes Markdown's special characters in a text for `.md` outputs |
//! | `md_prose` | Markdown prose for `.md` outputs: raw HTML shown as code, script links unlinked; clean prose unchanged |

use std::cell::RefCell;
use std::sync::{Arc, RwLock};

use tera::{Kwargs, State, TeraResult, Value};

use crate::diagnostic::Problem;
use crate::render::mailing::Settings;
use crate::source::Date;
use crate::source::model::Align;
use crate::text::markdown::{self, BlockKind};
use crate::text::numerals::full_width_digits;
use crate::text::table;
use crate::text::wareki::{Digits, to_wareki};
use crate::text::width::str_width;
use crate::text::wrap::{WrapOptions, wrap};

/// The settings the filters follow, shared with the [`crate::render::Renderer`] that sets
/// them before each source: the templates are compiled once, whatever the settings.
pub type SharedSettings = Arc<RwLock<Settings>>;

thread_local! {
    /// Messages that filters leave for the user (an unbreakable run split, say), kept per
    /// thread so that each template rendered on a thread of its own gets its own.
    static WARNINGS: RefCell<Vec<Problem>> = const { RefCell::new(Vec::new()) };
}

/// Takes the messages the filters left on this thread since the last call.
pub fn take_warnings() -> Vec<Problem> {
    WARNINGS.with(|warnings| std::mem::take(&mut *warnings.borrow_mut()))
}

fn warn(message: Problem) {
    WARNINGS.with(|warnings| warnings.borrow_mut().push(message));
}

fn current(settings: &SharedSettings) -> Settings {
    *settings
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Registers every mokuteki filter on `tera`. `settings` gives the defaults, read at each
/// call: the text width in columns, 追い出し or ぶら下げ, and the digits of 和暦 dates.
pub fn register(tera: &mut tera::Tera, settings: &SharedSettings) {
    tera.register_filter("markdown", |text: &str, _: Kwargs, _: &State| {
        Value::safe_string(&markdown::to_html(text))
    });
    tera.register_filter("fullwidth", |value: Value, _: Kwargs, _: &State| {
        full_width_digits(&value.to_string())
    });
    // Kept for templates written before Markdown outputs were escaped by themselves: the
    // result is marked safe, so it is not escaped twice.
    tera.register_filter("md_escape", |text: &str, _: Kwargs, _: &State| {
        Value::safe_string(&super::escape::escape_markdown(text))
    });
    // The one sanitising path for prose into Markdown: already safe, and trimmed (code is
    // fenced, so trimming never turns it back into HTML).
    // With `indent`, the prose continues a list item (`- 請求の方法：…`): its further lines
    // are indented to stay in the item, and code, which cannot start mid-line, starts on a
    // line of its own.
    tera.register_filter(
        "md_prose",
        |text: &str, kwargs: Kwargs, _: &State| -> TeraResult<Value> {
            let safe = markdown::to_safe_markdown(text);
            let safe = safe.trim();
            let Some(indent) = kwargs.get::<&str>("indent")? else {
                return Ok(Value::safe_string(safe));
            };
            let mut out = String::with_capacity(safe.len());
            let own_line = safe.starts_with("```") || safe.starts_with("~~~");
            for (index, line) in safe.split('\n').enumerate() {
                if index > 0 || own_line {
                    out.push('\n');
                    if !line.is_empty() {
                        out.push_str(indent);
                    }
                }
                out.push_str(line);
            }
            Ok(Value::safe_string(&out))
        },
    );
    // An address as a Markdown autolink `<…>`, where backslash escapes do not work: a URL
    // of the schemes of [`crate::text::URL_SCHEMES`], or a mail address; anything else
    // prints as escaped text.
    tera.register_filter("md_autolink", |text: &str, _: Kwargs, _: &State| {
        let plain = !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '\\' | '&'));
        let mail = crate::text::url_scheme(text).is_none()
            && text.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !host.contains('@')
            });
        if plain && (mail || crate::text::is_allowed_url(text, false)) {
            Value::safe_string(&format!("<{text}>"))
        } else {
            Value::safe_string(&super::escape::escape_markdown(text))
        }
    });
    // A label written on two lines (「健保組合等の内部での\n利用に係るもの」) keeps its line
    // break in a page or a Markdown file: each line escaped for the output, joined by <br>.
    tera.register_filter(
        "breaks",
        |text: &str, _: Kwargs, _: &State| -> TeraResult<Value> {
            let mut out = Vec::with_capacity(text.len());
            for (index, line) in text.trim_end_matches('\n').split('\n').enumerate() {
                if index > 0 {
                    out.extend_from_slice(b"<br>");
                }
                super::escape::escape(line, &mut out).map_err(tera::Error::message)?;
            }
            Ok(Value::safe_string(&String::from_utf8_lossy(&out)))
        },
    );
    // Trimming keeps a value's safety: markup stays markup, text stays to be escaped.
    for (name, trim) in [
        ("trim", str::trim as fn(&str) -> &str),
        ("trim_start", str::trim_start),
        ("trim_end", str::trim_end),
    ] {
        tera.register_filter(name, move |value: Value, _: Kwargs, _: &State| {
            let safe = value.is_safe();
            let text = value.to_string();
            if safe {
                Value::safe_string(trim(&text))
            } else {
                Value::from(trim(&text))
            }
        });
    }
    let shared = Arc::clone(settings);
    tera.register_filter(
        "wareki",
        move |text: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let digits = digits_of(&kwargs, "wareki", &shared)?;
            let date =
                Date::parse(text).map_err(|e| tera::Error::message(format!("wareki: {e}")))?;
            to_wareki(date, digits).ok_or_else(|| {
                tera::Error::message(format!(
                    "wareki: {date} is before 1873, when Japan adopted the Gregorian calendar"
                ))
            })
        },
    );
    let shared = Arc::clone(settings);
    tera.register_filter(
        "numbering",
        move |value: Value, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let number = value.to_string();
            Ok(match digits_of(&kwargs, "numbering", &shared)? {
                Digits::FullWidth => format!("{}．", full_width_digits(&number)),
                Digits::HalfWidth => format!("{number}."),
            })
        },
    );
    let shared = Arc::clone(settings);
    tera.register_filter(
        "wrap",
        move |text: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let settings = current(&shared);
            let first = kwargs.get::<&str>("first")?.unwrap_or("");
            let rest = match (kwargs.get::<&str>("rest")?, kwargs.get::<bool>("hang")?) {
                (Some(rest), _) => rest.to_owned(),
                (None, Some(true)) => blank_of_width(str_width(first)),
                (None, _) => String::new(),
            };
            let align = match kwargs.get::<&str>("align")? {
                None | Some("left") => Align::Left,
                Some("center") => Align::Center,
                Some("right") => Align::Right,
                Some(other) => {
                    return Err(tera::Error::message(format!(
                        "wrap: align must be \"left\", \"center\" or \"right\", not \"{other}\""
                    )));
                }
            };
            let options = WrapOptions {
                width: kwargs.get::<usize>("width")?.unwrap_or(settings.columns),
                first_indent: first.to_owned(),
                rest_indent: rest,
                overflow: settings.overflow,
            };
            let wrapped = wrap_lines(text, &options);
            if align == Align::Left {
                return Ok(wrapped);
            }
            let lines: Vec<String> = wrapped
                .split('\n')
                .map(|line| align_line(line, options.width, align))
                .collect();
            Ok(lines.join("\n"))
        },
    );
    let shared = Arc::clone(settings);
    tera.register_filter(
        "markdown_text",
        move |text: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let settings = current(&shared);
            let indent = kwargs.get::<&str>("indent")?.unwrap_or("");
            let width = kwargs.get::<usize>("width")?.unwrap_or(settings.columns);
            let mut out = Vec::new();
            for block in markdown::to_plain_blocks(text) {
                let (first, rest) = match block.kind {
                    BlockKind::Table(depth, table) => {
                        let pad = format!("{indent}{}", "\u{3000}".repeat(depth));
                        let laid_out = table::lay_out(&table, width, &pad);
                        warn_split_runs(laid_out.split_runs, width);
                        out.push(laid_out.lines.join("\n"));
                        continue;
                    }
                    BlockKind::Paragraph => (format!("{indent}\u{3000}"), indent.to_owned()),
                    BlockKind::Heading => (indent.to_owned(), indent.to_owned()),
                    BlockKind::Bullet(depth) => {
                        let pad = format!("{indent}{}", "\u{3000}".repeat(depth));
                        (format!("{pad}・"), format!("{pad}\u{3000}"))
                    }
                    BlockKind::Numbered(depth, number) => {
                        let pad = format!("{indent}{}", "\u{3000}".repeat(depth));
                        let label = match settings.digits {
                            Digits::FullWidth => {
                                format!("{}．", full_width_digits(&number.to_string()))
                            }
                            Digits::HalfWidth => format!("{number}."),
                        };
                        let hang = blank_of_width(str_width(&label));
                        (format!("{pad}{label}"), format!("{pad}{hang}"))
                    }
                };
                let options = WrapOptions {
                    first_indent: first,
                    rest_indent: rest,
                    overflow: settings.overflow,
                    ..WrapOptions::new(width)
                };
                out.push(wrap_lines(&block.text, &options));
            }
            Ok(out.join("\n"))
        },
    );
}

/// The digits a filter writes: its `digits` argument, else the source's `mailing.digits`.
fn digits_of(kwargs: &Kwargs, filter: &str, settings: &SharedSettings) -> TeraResult<Digits> {
    match kwargs.get::<&str>("digits")? {
        None => Ok(current(settings).digits),
        Some("full") => Ok(Digits::FullWidth),
        Some("half") => Ok(Digits::HalfWidth),
        Some(other) => Err(tera::Error::message(format!(
            "{filter}: digits must be \"full\" or \"half\", not \"{other}\""
        ))),
    }
}

/// The name of an alignment as templates write it (`wrap(align=…)`).
pub fn align_name(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

/// Places one line within `width` columns: centred (on whole full-width spaces, the odd
/// column going to the right) or flush right (ending at the margin). A line as wide as the
/// width, or wider (a hanging 、。), stays as it is.
fn align_line(line: &str, width: usize, align: Align) -> String {
    let blank = width.saturating_sub(str_width(line));
    let before = match align {
        Align::Left => 0,
        Align::Center => blank / 4 * 2,
        Align::Right => blank,
    };
    if before == 0 || line.is_empty() {
        return line.to_owned();
    }
    format!("{}{line}", blank_of_width(before))
}

/// Wraps each line of `text` and records the runs that had to be split.
fn wrap_lines(text: &str, options: &WrapOptions) -> String {
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let options = if index == 0 {
            options.clone()
        } else {
            WrapOptions {
                first_indent: options.rest_indent.clone(),
                ..options.clone()
            }
        };
        let wrapped = wrap(line, &options);
        warn_split_runs(wrapped.split_runs, options.width);
        lines.extend(wrapped.lines);
    }
    lines.join("\n")
}

/// Leaves a warning for each unbreakable run that had to be split in a line of `columns`.
fn warn_split_runs(runs: Vec<String>, columns: usize) {
    for run in runs {
        warn(Problem::SplitRun {
            run: run.trim().to_owned(),
            width: columns / 2,
        });
    }
}

/// Blank space as wide as `columns`: full-width spaces, and one ASCII space for an odd column.
fn blank_of_width(columns: usize) -> String {
    let mut blank = "\u{3000}".repeat(columns / 2);
    if columns % 2 == 1 {
        blank.push(' ');
    }
    blank
}
