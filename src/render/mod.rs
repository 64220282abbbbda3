//! Rendering: the source and the templates to the bytes of every output, in memory.

pub mod budget;
pub mod columns;
pub mod context;
pub mod document;
pub mod encoding;
pub mod escape;
pub mod filters;
pub mod legal;
pub mod mailing;
pub mod numbering;
pub mod steps;
pub mod templates;

use std::sync::{Arc, RwLock};

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::parallel;
use crate::source::Source;
use context::{Page, TextSettings};
use filters::SharedSettings;
use mailing::Settings;
use templates::Template;

/// One rendered output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// `/`-separated path relative to the output folder, e.g. `notice.html`.
    pub path: String,
    /// The bytes to write: UTF-8, LF line ends, one final newline (text outputs may be
    /// Shift_JIS with CRLF instead, see [`encoding`]).
    pub content: Vec<u8>,
}

/// Everything a build produced in memory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// The outputs, sorted by path.
    pub outputs: Vec<Output>,
    /// Things the user should know that did not stop the build (a line that could not be
    /// broken), not yet located in the source.
    pub warnings: Vec<crate::diagnostic::Problem>,
    /// Warnings located in the user's templates: variables of the original form they read.
    pub template_warnings: Vec<Diagnostic>,
}

/// The templates, compiled once, to render any number of sources with.
///
/// Compiling the templates costs about as much as rendering them, so a federation
/// compiles them once per thread rather than once per source, and a single build compiles
/// them while the source is being read. The filters follow the [`Settings`] of the source
/// being rendered.
pub struct Renderer {
    tera: tera::Tera,
    templates: Vec<Template>,
    /// Where the user's templates read variables of the original form.
    legacy: Vec<Diagnostic>,
    settings: SharedSettings,
    jobs: usize,
    /// The most bytes the outputs of one render may hold together.
    output_limit: u64,
}

impl Renderer {
    /// Compiles `templates`. The renderer renders on one thread until [`Renderer::jobs`]
    /// says otherwise.
    pub fn new(templates: Vec<Template>) -> Result<Renderer> {
        let settings: SharedSettings = Arc::new(RwLock::new(Settings::default()));
        let mut tera = tera::Tera::new();
        // Every value printed into a page or a Markdown file is escaped for that format,
        // unless it is already markup of the format (a component's output, the one
        // sanitising path for prose, `markdown`): nothing depends on a filter at each place.
        tera.autoescape_on([".html", ".htm", ".xml", ".md"]);
        tera.set_escape_fn(escape::escape);
        filters::register(&mut tera, &settings);
        steps::register(&mut tera);
        add_templates(&mut tera, &templates)?;
        let legacy = templates
            .iter()
            .filter(|t| {
                !t.name
                    .strip_prefix(templates::COMPARE_FOLDER)
                    .is_some_and(|rest| rest.starts_with('/'))
            })
            .filter_map(|t| match &t.origin {
                templates::Origin::File(path) => Some((t, path)),
                templates::Origin::BuiltIn => None,
            })
            .flat_map(|(t, path)| {
                templates::legacy_variables(&t.content).into_iter().map(
                    move |(variable, line, column)| {
                        Diagnostic::at(
                            path,
                            &t.content,
                            line,
                            column,
                            Problem::LegacyVariable { variable },
                        )
                    },
                )
            })
            .collect();
        Ok(Renderer {
            tera,
            templates,
            legacy,
            settings,
            jobs: 1,
            output_limit: budget::MAX_OUTPUT_BYTES,
        })
    }

    /// Renders the templates of a source on up to `jobs` threads at once (a federation,
    /// which builds a source per core already, keeps one).
    pub fn jobs(mut self, jobs: usize) -> Renderer {
        self.jobs = jobs.max(1);
        self
    }

    /// Bounds the outputs of each render to `bytes` together ([`budget::MAX_OUTPUT_BYTES`]
    /// unless told otherwise).
    pub fn output_limit(mut self, bytes: u64) -> Renderer {
        self.output_limit = bytes;
        self
    }

    /// Renders every template that is not a partial for `source`. Takes `&mut self` because
    /// the filters follow `settings` until the next call.
    pub fn render(&mut self, source: &Source, settings: &Settings) -> Result<Rendered> {
        let page = Page::new(
            source,
            TextSettings {
                width: settings.columns,
                title_align: filters::align_name(settings.title_align),
                sender_align: filters::align_name(settings.sender_align),
                digits: settings.digits,
            },
        );
        let mut rendered = self.render_page(&page, &page.documents, settings);
        parallel::drop_later(self.jobs, page);
        if let Ok(rendered) = &mut rendered {
            rendered.template_warnings = self.legacy.clone();
        }
        rendered
    }

    /// Renders every template that is not a partial with `page` as the context (what the
    /// templates see), the filters following `settings`; the templates of a document family
    /// render once for each of `documents` of that family.
    pub fn render_page<P: serde::Serialize>(
        &mut self,
        page: &P,
        documents: &[document::DocumentView],
        settings: &Settings,
    ) -> Result<Rendered> {
        *self
            .settings
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = *settings;
        let context = tera::Context::from_serialize(page).map_err(|e| {
            Error::Template(Box::new(Diagnostic::at(
                "",
                "",
                0,
                0,
                Problem::Template {
                    name: String::new(),
                    detail: e.to_string(),
                },
            )))
        })?;
        // A template of a document family (`notice.*`, `beppyo2.*`) renders once per
        // document of that family, into `{document id}.{rest}`, with the document as
        // `document`; any other template renders once.
        let mut contexts: Vec<tera::Context> = Vec::new();
        let mut pages: Vec<(&Template, String, Option<usize>)> = Vec::new();
        for template in &self.templates {
            let Some(path) = template.output_name() else {
                continue;
            };
            let family = (!path.contains('/'))
                .then(|| path.split_once('.'))
                .flatten()
                .filter(|(stem, _)| document::FAMILIES.contains(stem));
            match family {
                Some((stem, rest)) => {
                    for view in documents.iter().filter(|d| d.family == stem) {
                        let mut per_document = context.clone();
                        per_document.insert("document", view);
                        contexts.push(per_document);
                        pages.push((
                            template,
                            format!("{}.{rest}", view.id),
                            Some(contexts.len() - 1),
                        ));
                    }
                }
                None => pages.push((template, path.to_owned(), None)),
            }
        }
        // Plain-text outputs first: breaking their lines makes them the longest to render
        // (a third of the work at 10,000 items), and started last they would finish alone.
        // The results are put back in order below, so this changes only the timing.
        pages.sort_by_key(|(_, path, _)| !path.ends_with(".txt"));
        let budget = budget::Budget::new(self.output_limit);
        let results = parallel::map(&pages, self.jobs, |(template, path, index)| {
            let context = index.map_or(&context, |i| &contexts[i]);
            filters::take_warnings(); // anything a failed render on this thread left
            // `render_to` into bytes rather than `render`, which checks that the whole
            // output is UTF-8 though Tera writes nothing but strings: a tenth of the
            // rendering of 1,000 items, for a copy of the interpreter compiled into this
            // crate (1.6 s of a release build).
            let mut text = budget::Capped::new(&budget);
            escape::set_format(path);
            steps::reset();
            let result = self
                .tera
                .render_to(template.tera_name(), context, &mut text);
            if text.exceeded {
                return Err(too_large(template, path, budget.limit()));
            }
            if result.is_err() && steps::spent() {
                return Err(too_long(template, path));
            }
            result.map_err(|e| template_error(&self.templates, template, &e))?;
            let output = Output {
                path: path.clone(),
                content: normalize(text.bytes),
            };
            Ok((output, filters::take_warnings()))
        });
        let mut rendered = Rendered::default();
        // In template order, whichever thread rendered what: the first error is the same
        // every time, and so is the order of the warnings.
        for result in results {
            let (output, warnings) = result?;
            rendered.outputs.push(output);
            rendered.warnings.extend(warnings);
        }
        rendered.outputs.sort_by(|a, b| a.path.cmp(&b.path));
        parallel::drop_later(self.jobs, (context, contexts));
        Ok(rendered)
    }
}

/// Adds the templates to `tera`. Tera checks a template's `extends` and `include` when it is
/// added, so a template whose layout or partial is not there yet is tried again after the others;
/// when a round adds none, the error is that of the first template failing for a reason of its
/// own (rather than for a missing layout or partial, which only follows from another's error).
fn add_templates(tera: &mut tera::Tera, templates: &[Template]) -> Result<()> {
    // The usual case: all at once, so Tera links them once rather than after each one.
    let all = templates
        .iter()
        .map(|t| (t.tera_name(), t.content.as_str()));
    if tera.add_raw_templates(all).is_ok() {
        return Ok(());
    }
    let mut pending: Vec<&Template> = templates.iter().collect();
    while !pending.is_empty() {
        let mut failed = Vec::new();
        for template in &pending {
            if let Err(error) = tera.add_raw_template(template.tera_name(), &template.content) {
                failed.push((*template, error));
            }
        }
        if failed.len() == pending.len() {
            let (template, error) = failed
                .iter()
                .find(|(_, e)| !is_missing_dependency(e))
                .unwrap_or(&failed[0]);
            return Err(template_error(templates, template, error));
        }
        pending = failed.into_iter().map(|(t, _)| t).collect();
    }
    Ok(())
}

/// Whether Tera refused a template only because its layout or a partial is not loaded.
fn is_missing_dependency(error: &tera::Error) -> bool {
    matches!(error.kind(), tera::ErrorKind::MissingParent { .. })
        || error.to_string().contains("Unknown template")
}

/// LF line ends, no trailing blanks, exactly one final newline. Works on the bytes Tera
/// wrote (UTF-8; every byte it looks at is ASCII), in place: the text is neither validated
/// nor copied again.
fn normalize(mut text: Vec<u8>) -> Vec<u8> {
    let len = text.len();
    let (mut read, mut write) = (0, 0);
    let mut unterminated = false;
    while read < len {
        let newline = text[read..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| read + i);
        let mut end = newline.unwrap_or(len);
        if end > read && text[end - 1] == b'\r' {
            end -= 1;
        }
        while end > read && matches!(text[end - 1], b' ' | b'\t') {
            end -= 1;
        }
        text.copy_within(read..end, write);
        write += end - read;
        match newline {
            Some(at) => {
                // `write` never passes `read`: the line only got shorter.
                text[write] = b'\n';
                write += 1;
                read = at + 1;
            }
            None => {
                unterminated = true;
                read = len;
            }
        }
    }
    text.truncate(write);
    if unterminated {
        text.push(b'\n');
    }
    while text.ends_with(b"\n\n") {
        text.pop();
    }
    if text.is_empty() {
        text.push(b'\n');
    }
    text
}

/// The error of a render whose outputs grew past the budget, located in the template whose
/// output went past it.
fn too_large(template: &Template, output: &str, limit: u64) -> Error {
    let path = match &template.origin {
        templates::Origin::File(path) => path.clone(),
        templates::Origin::BuiltIn => std::path::Path::new("(built-in)").join(&template.name),
    };
    Error::Template(Box::new(Diagnostic::at(
        path,
        &template.content,
        0,
        0,
        Problem::OutputTooLarge {
            output: output.to_owned(),
            limit,
        },
    )))
}

/// The error of a render whose loops gave more than the budget of `range`, located in the
/// template whose output was being rendered.
fn too_long(template: &Template, output: &str) -> Error {
    let path = match &template.origin {
        templates::Origin::File(path) => path.clone(),
        templates::Origin::BuiltIn => std::path::Path::new("(built-in)").join(&template.name),
    };
    Error::Template(Box::new(Diagnostic::at(
        path,
        &template.content,
        0,
        0,
        Problem::TooManySteps {
            output: output.to_owned(),
            limit: steps::MAX_RANGE_STEPS,
        },
    )))
}

/// A template error as a diagnostic located in the template it happened in (which may be a
/// partial the rendered template includes), with Tera's own description.
fn template_error(templates: &[Template], rendered: &Template, error: &tera::Error) -> Error {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            Some(report)
        }
        _ => None,
    };
    let at = report
        .and_then(|r| templates.iter().find(|t| t.tera_name() == r.filename()))
        .unwrap_or(rendered);
    let path = match &at.origin {
        templates::Origin::File(path) => path.clone(),
        templates::Origin::BuiltIn => std::path::Path::new("(built-in)").join(&at.name),
    };
    let (line, column, detail) = match report {
        Some(r) => (
            r.span().start_line,
            r.span().start_col + 1,
            r.message().to_owned(),
        ),
        None => (0, 0, error.to_string()),
    };
    Error::Template(Box::new(Diagnostic::at(
        path,
        &at.content,
        line,
        column,
        Problem::Template {
            name: at.name.clone(),
            detail,
        },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_get_lf_no_trailing_blanks_and_one_final_newline() {
        let normalized =
            |text: &str| String::from_utf8(normalize(text.as_bytes().to_vec())).unwrap();
        assert_eq!(normalized("a \r\nb\t\r\n\r\n\r\n"), "a\nb\n");
        assert_eq!(normalized("a"), "a\n");
        assert_eq!(normalized(""), "\n");
        assert_eq!(normalized("\n\nx"), "\n\nx\n", "leading blank lines stay");
        assert_eq!(
            normalized("\u{3000}字 \n"),
            "\u{3000}字\n",
            "a full-width space is text"
        );
    }

    #[test]
    fn normalizing_in_place_agrees_with_normalizing_line_by_line() {
        // The plain reading of the rule, line by line into a new string.
        fn reference(text: &str) -> String {
            let mut out = String::new();
            let mut lines: Vec<&str> = text.split('\n').collect();
            if lines.last() == Some(&"") {
                lines.pop();
            }
            for line in lines {
                let line = line.strip_suffix('\r').unwrap_or(line);
                out.push_str(line.trim_end_matches([' ', '\t']));
                out.push('\n');
            }
            while out.ends_with("\n\n") {
                out.pop();
            }
            if out.is_empty() {
                out.push('\n');
            }
            out
        }
        let alphabet = [" ", "\t", "\r", "\n", "a", "字", "\u{3000}"];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..5_000 {
            let mut text = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for _ in 0..state % 24 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            let ours = String::from_utf8(normalize(text.clone().into_bytes())).unwrap();
            assert_eq!(ours, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn escaping_matches_teras_own() {
        use super::escape::escape_html;
        for input in [
            "",
            "当組合<script>alert('x')</script>",
            "a & b \"c\" <d> 'e'",
            "&&<<>>",
            "健康増進施設（保養所等）の運営",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            escape_html(input, &mut ours).unwrap();
            tera::escape_html(input, &mut teras).unwrap();
            assert_eq!(ours, teras, "{input}");
        }
    }
}
