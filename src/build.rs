//! The `build` command: source and templates to files in the output folder.

use std::path::PathBuf;

use crate::error::Result;
use crate::fs::Links;
use crate::incremental;
use crate::output::guard::{self, Inputs};
use crate::output::lock::Lock;
use crate::output::manifest::Writer;
use crate::output::write::{WriteReport, write_outputs};
use crate::parallel;
use crate::render::mailing::{Overrides, Settings};
use crate::render::{Rendered, Renderer, encoding, templates};
use crate::source::{self, Source};

/// Where a build reads and writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// The source file, `purposes.yaml`.
    pub source: PathBuf,
    /// The folder of template overrides; `None` to use only the built-in templates.
    pub templates: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
    /// Build even into a folder [`guard::check`] refuses (`--force`).
    pub force: bool,
    /// The command line's overrides of the `mailing:` settings.
    pub mailing: Overrides,
    /// Whether the source and the `terms.yaml` beside it may be symbolic links: followed
    /// for a source named on the command line, refused for one found in a folder of
    /// sources (a federation's `--source DIR`), which others may add files to.
    pub links: Links,
}

/// Loads the source and renders every template in memory; writes nothing.
pub fn load_and_render(options: &BuildOptions) -> Result<Rendered> {
    let loaded = source::load::read_file_with(&options.source, options.links)?.checked()?;
    let mut renderer = compile(options, parallel::jobs_for_source(&options.source))?;
    render_source(&mut renderer, &loaded.source, &loaded.text, options)
}

/// Loads and compiles the templates of a build (the built-in ones, overridden by the
/// user's), to render one source on up to `jobs` threads.
pub fn compile(options: &BuildOptions, jobs: usize) -> Result<Renderer> {
    let templates = templates::load(options.templates.as_deref())?;
    Ok(Renderer::new(templates)?.jobs(jobs))
}

/// Renders a checked source (whose file text is `text`) with templates compiled earlier,
/// in memory, encoded as the settings ask; writes nothing.
pub fn render_source(
    renderer: &mut Renderer,
    source: &Source,
    text: &str,
    options: &BuildOptions,
) -> Result<Rendered> {
    let settings = Settings::resolve(source, &options.mailing);
    let mut rendered = renderer.render(source, &settings)?;
    encoding::encode_outputs(
        &mut rendered.outputs,
        settings.encoding,
        source,
        &options.source,
        text,
    )?;
    Ok(rendered)
}

/// Writes what was rendered into the output folder: refuses a dangerous folder (unless
/// forced), locks it while writing, and writes atomically; the manifest records
/// `fingerprint`, that of the inputs rendered.
pub fn publish(
    options: &BuildOptions,
    rendered: &Rendered,
    fingerprint: Option<&str>,
) -> Result<WriteReport> {
    let lock = claim(options)?;
    let report = write_outputs(
        &options.out,
        &rendered.outputs,
        fingerprint,
        Writer::Build,
        options.force,
    );
    let report = match (report, fingerprint) {
        (Ok(report), Some(_)) => incremental::stamp(&options.out).map(|()| report),
        (report, _) => report,
    };
    drop(lock);
    report
}

/// Makes the output folder ready to be written: refuses a dangerous folder (unless
/// forced), creates it, and locks it; the lock is released when dropped.
pub fn claim(options: &BuildOptions) -> Result<Lock> {
    if !options.force {
        guard::check(
            &options.out,
            Inputs {
                source: &options.source,
                templates: options.templates.as_deref(),
            },
        )?;
    }
    crate::fs::create_dir_all(&options.out)?;
    Lock::acquire(&options.out)
}
