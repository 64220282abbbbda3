//! The `build` command: source and templates to files in the output folder.

use std::path::PathBuf;

use crate::error::Result;
use crate::output::write::{WriteReport, write_outputs};
use crate::render::mailing::{Overrides, Settings};
use crate::render::{self, Rendered, encoding, templates};
use crate::source;

/// Where a build reads and writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// The source file, `purposes.yaml`.
    pub source: PathBuf,
    /// The folder of template overrides; `None` to use only the built-in templates.
    pub templates: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// The command line's overrides of the `mailing:` settings.
    pub mailing: Overrides,
}

/// Loads the source and renders every template in memory; writes nothing.
pub fn render(options: &BuildOptions) -> Result<Rendered> {
    let (source, text) = source::load_with_text(&options.source)?;
    let templates = templates::load(options.templates.as_deref())?;
    let settings = Settings::resolve(&source, &options.mailing);
    let mut rendered = render::render(&source, &templates, &settings)?;
    encoding::encode_outputs(
        &mut rendered.outputs,
        settings.encoding,
        &source,
        &options.source,
        &text,
    )?;
    Ok(rendered)
}

/// Renders everything, then writes it. Nothing is written if anything fails to render.
pub fn build(options: &BuildOptions) -> Result<(Rendered, WriteReport)> {
    let rendered = render(options)?;
    crate::fs::create_dir_all(&options.out)?;
    let report = write_outputs(&options.out, &rendered.outputs)?;
    Ok((rendered, report))
}
