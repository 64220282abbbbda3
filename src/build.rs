//! The `build` command: source and templates to files in the output folder.

use std::path::{Path, PathBuf};

use crate::error::{Lang, Result};
use crate::facts::record::{self, Record};
use crate::fs::Links;
use crate::output::folder::{Missing, OutputFolder};
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
    /// The folder the operator named, when `out` is a folder mokuteki chose below it (a
    /// federation's `--out`, of which `out` is `<it>/<source stem>`); `None` when `out`
    /// itself was named. Links are followed only in the part the operator named: every
    /// folder below it is opened without following one (see [`crate::output::folder`]).
    pub out_root: Option<PathBuf>,
    /// Build even into a folder [`guard::check`] refuses (`--force`).
    pub force: bool,
    /// The command line's overrides of the `mailing:` settings.
    pub mailing: Overrides,
    /// Whether the publish guard runs: what would be published is compared with the record
    /// of the last publication in the output folder (see [`crate::compare::publish_guard`]).
    /// Off for a preview, and when the operator accepts the changes (`--accept-changes`).
    pub publish_guard: bool,
    /// Whether the source and the `terms.yaml` beside it may be symbolic links: followed
    /// for a source named on the command line, refused for one found in a folder of
    /// sources (a federation's `--source DIR`), which others may add files to.
    pub links: Links,
}

impl BuildOptions {
    /// The output folder as the folder the operator named and the path below it that
    /// mokuteki chose (empty when `out` itself was named).
    pub fn out_location(&self) -> (&Path, &Path) {
        match &self.out_root {
            Some(root) => match self.out.strip_prefix(root) {
                Ok(below) => (root, below),
                // Not below it after all: `out` as named, as for a single build.
                Err(_) => (&self.out, Path::new("")),
            },
            None => (&self.out, Path::new("")),
        }
    }
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
    with_record(&mut rendered, source);
    Ok(rendered)
}

/// Adds the record of what is published ([`Record`]) to the outputs, in path order.
pub fn with_record(rendered: &mut Rendered, source: &Source) {
    // A source with no document publishes nothing, not even a record of nothing.
    if rendered.outputs.is_empty() {
        return;
    }
    let record = Record::of(source, &rendered.outputs).to_output();
    let at = rendered
        .outputs
        .partition_point(|o| o.path.as_str() < record.path.as_str());
    rendered.outputs.insert(at, record);
}

/// The record of the last publication in the output folder, if there is one: `Ok(None)`
/// when the folder or the record does not exist, `Err` with the reason when it cannot be
/// read.
pub fn published_record(options: &BuildOptions) -> std::result::Result<Option<Record>, String> {
    use std::io::Read;
    let (named, below) = options.out_location();
    // A folder a build would refuse is reported when the build claims it.
    let Ok(Some(folder)) = OutputFolder::open(named, below, Missing::Absent) else {
        return Ok(None);
    };
    let file = match folder.root().open_regular(record::FILE_NAME) {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(None),
        Err(error) => return Err(error.to_text(Lang::En)),
    };
    let mut bytes = Vec::new();
    file.take(source::load::MAX_SOURCE_BYTES * 16)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Record::parse(&bytes).map(Some)
}

/// Writes what was rendered into the output folder: refuses a dangerous folder (unless
/// forced), locks it while writing, and writes atomically; the manifest records
/// `fingerprint`, that of the inputs rendered.
pub fn publish(
    options: &BuildOptions,
    rendered: &Rendered,
    fingerprint: Option<&str>,
) -> Result<WriteReport> {
    let (lock, folder) = claim(options)?;
    let report = write_outputs(
        folder,
        &rendered.outputs,
        fingerprint,
        Writer::Build,
        options.force,
    );
    drop(lock);
    report
}

/// For a build that finds its folder up to date and so writes nothing and takes no lock:
/// removes a lock file that nobody holds. A build killed after its last write and before it
/// removed its lock file leaves one (a federation keeps its sources' locks until the whole
/// batch is flushed, so there the moment is long); without this, it would stay until the
/// inputs change. A lock a running build holds, or anything but a regular file under its
/// name, is left alone.
pub fn clear_stale_lock(options: &BuildOptions) {
    let (named, below) = options.out_location();
    let Ok(Some(folder)) = OutputFolder::open(named, below, Missing::Absent) else {
        return;
    };
    if let Ok(Some(_)) = folder.root().open_regular(crate::output::lock::FILE_NAME) {
        // Taken and released at once: releasing it removes the file. While it is held, the
        // staged files a build stopped in its tracks left beside the outputs (whose inputs
        // are as they were: the source put back, say) are taken away too.
        if let Ok(lock) = Lock::acquire(folder.root()) {
            crate::output::write::remove_staged_leftovers(folder.root());
            drop(lock);
        }
    }
}

/// Makes the output folder ready to be written: refuses a link below the folder the
/// operator named and a dangerous folder (unless forced), creates it, opens it and locks
/// it; the lock is released when dropped.
pub fn claim(options: &BuildOptions) -> Result<(Lock, OutputFolder)> {
    let (named, below) = options.out_location();
    // Opened first, creating nothing: a link on the way is refused before anything else
    // looks at the folder by its path.
    let existing = OutputFolder::open(named, below, Missing::Absent)?;
    if !options.force {
        guard::check(
            &options.out,
            Inputs {
                source: &options.source,
                templates: options.templates.as_deref(),
            },
            existing.as_ref().map(|folder| &**folder.root()),
        )?;
    }
    let folder = match existing {
        Some(folder) => folder,
        None => OutputFolder::open(named, below, Missing::Create)?
            .expect("a folder is created when missing"),
    };
    let lock = Lock::acquire(folder.root())?;
    Ok((lock, folder))
}

// The words of a build, in English and Japanese.

/// What a build says when it stops on problems: the counts, and that nothing was written.
pub fn stopped(lang: Lang, errors: usize, warnings: usize, deny_warnings: bool) -> String {
    let counts = lang.summary(errors, warnings);
    match (lang, errors == 0 && deny_warnings) {
        (Lang::En, true) => format!(
            "{counts}; stopped because warnings are denied (--deny-warnings): nothing was written"
        ),
        (Lang::En, false) => format!("{counts}; nothing was written"),
        (Lang::Ja, true) => format!(
            "警告が {warnings} 件あり、--deny-warnings が指定されているため、出力を中止しました。ファイルは何も書き込んでいません"
        ),
        (Lang::Ja, false) => {
            format!("{counts}。エラーがあるため、ファイルは何も書き込んでいません")
        }
    }
}

/// The summary of a build of one source.
pub fn built(lang: Lang, files: usize, out: &Path, written: usize, unchanged: usize) -> String {
    match lang {
        Lang::En => format!(
            "built {files} files into {} ({written} written, {unchanged} unchanged)",
            out.display()
        ),
        Lang::Ja => format!(
            "{} に {files} 件のファイルを出力しました（書き込み {written} 件、変更なし {unchanged} 件）",
            out.display()
        ),
    }
}

/// The summary of a build skipped because nothing it is built from has changed.
pub fn up_to_date(lang: Lang, out: &Path, unchanged: usize) -> String {
    match lang {
        Lang::En => format!(
            "{} is up to date: nothing it is built from has changed since the last build, so nothing was rendered (0 written, {unchanged} unchanged)",
            out.display()
        ),
        Lang::Ja => format!(
            "{} は最新です。前回のビルドから出力のもとになるものが何も変わっていないため、何も処理していません（書き込み 0 件、変更なし {unchanged} 件）",
            out.display()
        ),
    }
}

/// A file a build removed because it is no longer produced.
pub fn removed(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!("removed {path} (no longer produced)"),
        Lang::Ja => format!("{path} を削除しました（出力しなくなったファイルです）"),
    }
}

/// A file no longer produced that a build kept because it was edited.
pub fn kept_edited(lang: Lang, path: &str) -> String {
    match lang {
        Lang::En => format!(
            "{}: kept {path}: no longer produced, but changed since mokuteki wrote it; delete it yourself if it is not wanted",
            lang.warning_word()
        ),
        Lang::Ja => format!(
            "{}: {path} は出力しなくなったファイルですが、mokuteki が書いた後に変更されているため残しました。不要なら削除してください",
            lang.warning_word()
        ),
    }
}
