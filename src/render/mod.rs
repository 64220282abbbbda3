//! Rendering: the source and the templates to the bytes of every output, in memory.

pub mod context;
pub mod filters;
pub mod templates;

use std::sync::{Arc, Mutex};

use crate::error::{Error, Result};
use crate::source::Source;
use context::{Page, TextSettings};
use templates::Template;

/// The default width of the mailing text: 36 full-width characters, as the seed notice.
pub const DEFAULT_TEXT_WIDTH: usize = 72;

/// One rendered output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// `/`-separated path relative to the output folder, e.g. `notice.html`.
    pub path: String,
    /// The bytes to write: UTF-8, LF line ends, one final newline.
    pub content: Vec<u8>,
}

/// Everything a build produced in memory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// The outputs, sorted by path.
    pub outputs: Vec<Output>,
    /// Things the user should know that did not stop the build.
    pub warnings: Vec<String>,
}

/// Renders every template that is not a partial.
pub fn render(source: &Source, templates: &[Template]) -> Result<Rendered> {
    Renderer::new(templates.to_vec())?.render(source)
}

/// The templates, compiled once, to render any number of sources with.
///
/// Compiling the templates costs about as much as rendering them, so a federation
/// compiles them once per thread rather than once per source.
pub struct Renderer {
    tera: tera::Tera,
    templates: Vec<Template>,
    warnings: Arc<Mutex<Vec<String>>>,
}

impl Renderer {
    /// Compiles `templates`; the first one that does not compile is the error.
    pub fn new(templates: Vec<Template>) -> Result<Renderer> {
        let warnings = Arc::new(Mutex::new(Vec::new()));
        let mut tera = tera::Tera::new();
        filters::register(&mut tera, DEFAULT_TEXT_WIDTH, &warnings);
        for template in &templates {
            tera.add_raw_template(template.tera_name(), &template.content)
                .map_err(|e| template_error(template, &e))?;
        }
        Ok(Renderer {
            tera,
            templates,
            warnings,
        })
    }

    /// Renders every template that is not a partial for `source`. Takes `&mut self` so the
    /// warnings collected belong to this source alone.
    pub fn render(&mut self, source: &Source) -> Result<Rendered> {
        self.warnings
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        let page = Page::new(
            source,
            TextSettings {
                width: DEFAULT_TEXT_WIDTH,
            },
        );
        let context = tera::Context::from_serialize(&page).map_err(|e| Error::Template {
            name: String::new(),
            origin: String::new(),
            message: e.to_string(),
        })?;
        let mut outputs = Vec::new();
        for template in &self.templates {
            let Some(path) = template.output_name() else {
                continue;
            };
            let text = self
                .tera
                .render(template.tera_name(), &context)
                .map_err(|e| template_error(template, &e))?;
            outputs.push(Output {
                path: path.to_owned(),
                content: normalize(&text).into_bytes(),
            });
        }
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        let warnings =
            std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|p| p.into_inner()));
        Ok(Rendered { outputs, warnings })
    }
}

/// LF line ends, no trailing blanks, exactly one final newline.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    for line in text.replace("\r\n", "\n").lines() {
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

fn template_error(template: &Template, error: &tera::Error) -> Error {
    Error::Template {
        name: template.name.clone(),
        origin: template.origin.to_string(),
        message: error.to_string(),
    }
}
