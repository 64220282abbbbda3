//! A federation: many sources built in one run, each into its own output folder, on every
//! core.
//!
//! `mokuteki build --source a.yaml --source b.yaml` (or `--source societies/`, a folder of
//! sources) builds each source exactly as a single `build` would, into `OUT/<file stem>/`.
//! Every source is checked; a source that fails writes nothing, the others are written, and
//! every failure is reported with its place.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::build::{self, BuildOptions};
use crate::diagnostic::lang::paths_list;
use crate::error::{Diagnostic, Error, Lang, Problem, Result};
use crate::fs::{FileKind, Links};
use crate::incremental::{self, Digest32};
use crate::output::lock::Lock;
use crate::output::manifest::Writer;
use crate::output::write::{self, Staged, WriteReport};
use crate::render::mailing::Overrides;
use crate::render::{Renderer, templates};
use crate::{check, lint};

/// The file name endings of a source inside a folder.
pub const SOURCE_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// What a federation build reads and writes, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FederationOptions {
    /// Source files, and folders whose `*.yaml` / `*.yml` files are sources.
    pub inputs: Vec<PathBuf>,
    /// Template overrides for every source; `None`: `templates/` beside each source, if it
    /// exists.
    pub templates: Option<PathBuf>,
    /// The folder that receives one folder per source, named after the source's file stem.
    pub out: PathBuf,
    /// How many sources to build at once; `None`: one per core.
    pub jobs: Option<usize>,
    /// Build even into folders the guard refuses (`--force`).
    pub force: bool,
    /// Whether each source's build runs the publish guard (off with `--accept-changes`).
    pub publish_guard: bool,
    /// A source with lint warnings fails, as a single `build --deny-warnings` would.
    pub deny_warnings: bool,
    /// Remove the folders built from sources no longer given (`--prune`); otherwise they
    /// are reported.
    pub prune: bool,
    /// The command line's overrides of every source's `mailing:` settings.
    pub mailing: Overrides,
}

/// One source's part of a federation build.
#[derive(Debug)]
pub struct SourceOutcome {
    /// The build of this source: its source, templates and output folder.
    pub options: BuildOptions,
    /// What was built, or why nothing was written.
    pub result: Result<Built>,
}

/// What a source's build did. The rendered bytes are not kept: a federation's memory
/// stays that of the sources being built at the moment, not of all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// How many outputs were rendered.
    pub files: usize,
    /// The warnings about the source (the lint's, and lines that could not be broken),
    /// located.
    pub lint: Vec<Diagnostic>,
    /// Which files were written and which were unchanged.
    pub report: WriteReport,
    /// Whether the source was rendered; `false` when nothing it is built from had changed
    /// since its last build (see [`crate::incremental`]).
    pub rendered: bool,
}

/// The sources `inputs` name: files as given, and the `*.yaml` / `*.yml` files directly in
/// each folder but `terms.yaml` (their terminology list), sorted by name. Each is paired with its build options.
///
/// Two sources with the same file stem would share an output folder, so that is refused
/// before anything is built.
pub fn plan(options: &FederationOptions) -> Result<Vec<BuildOptions>> {
    let mut sources = Vec::new();
    for input in &options.inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            let entries = std::fs::read_dir(input).map_err(|source| Error::Read {
                path: input.clone(),
                source,
            })?;
            for entry in entries {
                let entry = entry.map_err(|source| Error::Read {
                    path: input.clone(),
                    source,
                })?;
                let path = entry.path();
                // `terms.yaml` is the terminology list of the sources beside it, not one.
                let is_source = path
                    .extension()
                    .is_some_and(|e| SOURCE_EXTENSIONS.iter().any(|x| e == *x))
                    && entry.file_name() != lint::USER_TERMS_FILE;
                // A link, FIFO or device under a source's name is planned too, and its
                // build fails when it is read (links are not followed here): it is
                // reported, not passed over, and never read through.
                let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
                if is_source && !is_folder {
                    found.push(path);
                }
            }
            if found.is_empty() {
                return Err(Error::Source(vec![Diagnostic::at(
                    input,
                    "",
                    0,
                    0,
                    Problem::NoSources,
                )]));
            }
            found.sort();
            sources.extend(found.into_iter().map(|path| (path, Links::Refuse)));
        } else {
            sources.push((input.clone(), Links::Follow));
        }
    }
    let mut by_stem: BTreeMap<String, &PathBuf> = BTreeMap::new();
    let mut by_composed: BTreeMap<String, &PathBuf> = BTreeMap::new();
    let mut planned = Vec::with_capacity(sources.len());
    for (source, links) in &sources {
        let stem = source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // `..yaml` and `...yaml` have the stems `.` and `..`: their folder would be the
        // federation's output folder itself, or the one above it.
        if stem.is_empty() || stem == "." || stem == ".." {
            return Err(Error::Source(vec![Diagnostic::at(
                source,
                "",
                0,
                0,
                Problem::SourceStem { stem },
            )]));
        }
        // A folder named like an option (`--checkpoint-action=exec=sh x.sh`) is taken for
        // one by a command run over the federation's folder (`tar cf x *`).
        if stem.starts_with('-') {
            return Err(Error::Source(vec![Diagnostic::at(
                source,
                "",
                0,
                0,
                Problem::OptionLikeStem { stem },
            )]));
        }
        // Two names that differ only in how their characters are encoded (composed or
        // decomposed, NFC or NFD) give two folders that look the same.
        let composed: String =
            unicode_normalization::UnicodeNormalization::nfc(stem.as_str()).collect();
        if let Some(first) = by_composed.insert(composed, source)
            && !by_stem.contains_key(&stem)
        {
            return Err(Error::Source(vec![Diagnostic::at(
                source,
                "",
                0,
                0,
                Problem::LookAlikeStems {
                    first: first.display().to_string(),
                },
            )]));
        }
        if let Some(first) = by_stem.insert(stem.clone(), source) {
            return Err(Error::Source(vec![Diagnostic::at(
                source,
                "",
                0,
                0,
                Problem::SharedOutput {
                    first: first.display().to_string(),
                    out: options.out.join(&stem).display().to_string(),
                },
            )]));
        }
        let templates = match &options.templates {
            Some(templates) => Some(templates.clone()),
            None => templates_beside(source, *links)?,
        };
        planned.push(BuildOptions {
            source: source.clone(),
            templates,
            out: options.out.join(&stem),
            // The operator named the root; each source's folder is mokuteki's choice, opened
            // below it without following a link.
            out_root: Some(options.out.clone()),
            force: options.force,
            publish_guard: options.publish_guard,
            mailing: options.mailing,
            links: *links,
        });
    }
    Ok(planned)
}

/// The `templates/` folder beside `source`, if there is one. Beside a source found in a
/// folder of sources (links refused), a link in its place is refused rather than followed,
/// and so is a folder of another user's, or one others may write to: templates decide what
/// the pages contain, and dropping a folder beside the sources is not the way to choose
/// them (`--templates` is).
fn templates_beside(source: &Path, links: Links) -> Result<Option<PathBuf>> {
    let beside = source
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("templates");
    if links == Links::Refuse
        && std::fs::symlink_metadata(&beside).is_ok_and(|m| m.file_type().is_symlink())
    {
        return Err(Error::NotAFile {
            path: beside,
            kind: FileKind::SymbolicLink,
        });
    }
    if links == Links::Refuse
        && let Ok(meta) = std::fs::symlink_metadata(&beside)
        && meta.is_dir()
        && let Some(owner) = foreign_or_shared(&meta)
    {
        return Err(Error::ForeignTemplates {
            path: beside,
            owner,
        });
    }
    Ok(beside.is_dir().then_some(beside))
}

/// The owner of a folder when it is not the user running mokuteki, or when others than its
/// owner and group may write to it.
#[cfg(unix)]
fn foreign_or_shared(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    crate::output::manifest::foreign_owner(meta).or((meta.mode() & 0o002 != 0).then(|| meta.uid()))
}

/// Never known where files have no owner.
#[cfg(not(unix))]
fn foreign_or_shared(_meta: &std::fs::Metadata) -> Option<u32> {
    None
}

/// How many sources a thread stages before it flushes them to disk together: their files'
/// flushes are waited for at once, sharing the filesystem's journal commits, rather than
/// source by source. Fewer where the process may open few files ([`batch_for`]).
pub const BATCH: usize = 32;

/// The files a staged source keeps open until its batch is published: its output folder
/// and its lock, and room for one folder of templates' outputs below it.
const FILES_PER_STAGED_SOURCE: usize = 3;

/// The files a federation may have open besides its staged sources: the standard streams,
/// the flushes under way ([`write::FLUSH_THREADS`]), and each thread's templates, sources
/// and listings as it reads them.
const FILES_BESIDE_STAGED: usize = 48;

/// How many sources each of `jobs` threads stages before it flushes them: [`BATCH`], or
/// fewer when the open-file limit (`ulimit -n`) would not allow every thread's staged
/// sources to keep their folders and locks open at once. At least one.
pub fn batch_for(jobs: usize) -> usize {
    let spare = open_file_limit().saturating_sub(FILES_BESIDE_STAGED);
    (spare / (jobs.max(1) * FILES_PER_STAGED_SOURCE)).clamp(1, BATCH)
}

/// How many files this process may have open (the soft limit).
fn open_file_limit() -> usize {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile);
        limit
            .current
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX))
    }
    #[cfg(not(unix))]
    {
        usize::MAX
    }
}

/// Builds every planned source, `jobs` at a time, and returns one outcome per source in
/// the order given. A source that fails writes nothing; it does not stop the others.
pub fn build_all(planned: &[BuildOptions], jobs: usize, deny_warnings: bool) -> Vec<SourceOutcome> {
    let jobs = jobs.clamp(1, planned.len().max(1));
    let batch = batch_for(jobs);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<SourceOutcome>>> =
        planned.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                // The templates are compiled once per thread and folder of templates.
                let mut renderers = HashMap::new();
                // So are the terminology lists, once per folder of sources.
                let mut terms = HashMap::new();
                // And the digests of both for the sources' fingerprints.
                let mut digests = Digests::default();
                loop {
                    let start = next.fetch_add(batch, Ordering::Relaxed);
                    if start >= planned.len() {
                        break;
                    }
                    let indices = start..(start + batch).min(planned.len());
                    let prepared = indices
                        .clone()
                        .map(|index| {
                            prepare_one(
                                &planned[index],
                                &mut renderers,
                                &mut terms,
                                &mut digests,
                                deny_warnings,
                            )
                        })
                        .collect();
                    let results = publish_batch(&planned[indices.clone()], prepared);
                    for (index, result) in indices.zip(results) {
                        let outcome = SourceOutcome {
                            options: planned[index].clone(),
                            result,
                        };
                        *slots[index].lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .expect("every source is built")
        })
        .collect()
}

/// One source rendered, its folder claimed and its files staged, waiting for the batch's
/// flush; or a source whose folder is up to date, with nothing to stage.
struct Prepared {
    staged: Option<Staged>,
    pending: Pending,
}

/// What a prepared source keeps until it is published.
struct Pending {
    /// Held until the batch's folders are flushed; `None` for an up-to-date source.
    lock: Option<Lock>,
    files: usize,
    lint: Vec<Diagnostic>,
    /// The outputs of an up-to-date source, unchanged.
    up_to_date: Option<Vec<String>>,
}

/// The digests of the templates (by folder) and of the terminology lists (by the folder of
/// the sources), computed once per thread for the sources' fingerprints.
#[derive(Default)]
struct Digests {
    templates: HashMap<Option<PathBuf>, Digest32>,
    terms: HashMap<PathBuf, Digest32>,
}

impl Digests {
    /// The fingerprint of one source's build (see [`incremental::fingerprint`]).
    fn fingerprint(&mut self, options: &BuildOptions) -> Result<String> {
        let templates = match self.templates.entry(options.templates.clone()) {
            Entry::Occupied(entry) => *entry.get(),
            Entry::Vacant(entry) => *entry.insert(incremental::templates_digest_of(
                options.templates.as_deref(),
            )?),
        };
        let folder = options.source.parent().unwrap_or(Path::new("")).to_owned();
        let terms = match self.terms.entry(folder) {
            Entry::Occupied(entry) => *entry.get(),
            Entry::Vacant(entry) => {
                *entry.insert(incremental::terms_digest(&options.source, options.links)?)
            }
        };
        incremental::fingerprint_with(options, templates, terms)
    }
}

/// Checks one source as a single build does ([`check::check_with`]), with templates compiled
/// and terminology lists read earlier when a source before it used the same; then claims its
/// folder and stages its files. A source whose folder is up to date is not even read
/// (unless warnings are denied: whether it has any is not recorded).
fn prepare_one(
    options: &BuildOptions,
    renderers: &mut HashMap<Option<PathBuf>, Renderer>,
    terms: &mut HashMap<PathBuf, Vec<lint::Term>>,
    digests: &mut Digests,
    deny_warnings: bool,
) -> Result<Prepared> {
    let fingerprint = digests.fingerprint(options).ok();
    if !deny_warnings
        && let Some(files) = fingerprint
            .as_deref()
            .and_then(|f| incremental::up_to_date(options, f))
    {
        build::clear_stale_lock(options);
        return Ok(Prepared {
            staged: None,
            pending: Pending {
                lock: None,
                files: files.len(),
                lint: Vec::new(),
                up_to_date: Some(files),
            },
        });
    }
    let folder = options.source.parent().unwrap_or(Path::new("")).to_owned();
    let terms = match terms.entry(folder) {
        Entry::Occupied(entry) => Ok(entry.into_mut().as_slice()),
        Entry::Vacant(entry) => lint::load_terms(&options.source, options.links)
            .map(|terms| entry.insert(terms).as_slice()),
    };
    let renderer = match renderers.entry(options.templates.clone()) {
        Entry::Occupied(entry) => Ok(entry.into_mut()),
        // One thread per source already: each renders its templates one after another.
        Entry::Vacant(entry) => templates::load(options.templates.as_deref())
            .and_then(Renderer::new)
            .map(|renderer| entry.insert(renderer)),
    };
    // The same check as a single build's, on this thread.
    let report = check::check_with(options, renderer, terms)?;
    if report.fails(deny_warnings) {
        return Err(Error::Source(report.diagnostics));
    }
    let rendered = report
        .rendered
        .expect("a check that found no error rendered every output");
    let lint = report.diagnostics;
    let (lock, folder) = build::claim(options)?;
    let staged = write::stage(
        folder,
        &rendered.outputs,
        fingerprint.as_deref(),
        Writer::Build,
        options.force,
    )?;
    Ok(Prepared {
        staged: Some(staged),
        pending: Pending {
            lock: Some(lock),
            files: rendered.outputs.len(),
            lint,
            up_to_date: None,
        },
    })
}

/// Flushes a batch of staged sources together, publishes each, and flushes the folders
/// that changed together; then releases their locks.
fn publish_batch(planned: &[BuildOptions], prepared: Vec<Result<Prepared>>) -> Vec<Result<Built>> {
    let mut staged: Vec<Staged> = Vec::new();
    let pending: Vec<Result<Pending>> = prepared
        .into_iter()
        .map(|result| {
            result.map(|prepared| {
                staged.extend(prepared.staged);
                prepared.pending
            })
        })
        .collect();
    // A flush that fails fails every source of the batch; dropping a staged write takes
    // its temporary files away again.
    let flushed = write::flush(&mut staged);
    let mut next_staged = staged.iter_mut();
    let published: Vec<Result<(Pending, WriteReport)>> = pending
        .into_iter()
        .zip(planned)
        .map(|(pending, options)| {
            let pending = pending?;
            if let Some(files) = &pending.up_to_date {
                let report = WriteReport {
                    unchanged: files.clone(),
                    ..WriteReport::default()
                };
                return Ok((pending, report));
            }
            let staged = next_staged
                .next()
                .expect("one staged write per source to write");
            if let Err(error) = &flushed {
                return Err(batch_error(options, error));
            }
            let report = staged.publish()?;
            crate::output::write::stamp(staged.root())?;
            Ok((pending, report))
        })
        .collect();
    let folders: Vec<_> = staged.iter().flat_map(Staged::changed_folders).collect();
    let synced = write::sync_folders(&folders);
    published
        .into_iter()
        .zip(planned)
        .map(|(published, options)| {
            let (pending, report) = published?;
            drop(pending.lock);
            if let Err(error) = &synced {
                return Err(batch_error(options, error));
            }
            Ok(Built {
                files: pending.files,
                lint: pending.lint,
                report,
                rendered: pending.up_to_date.is_none(),
            })
        })
        .collect()
}

/// The error of one source when a flush shared by its batch failed with `error`: a failure
/// of the same kind, so that a full disk is worded as one for every source of the batch,
/// with the file that failed in its detail.
fn batch_error(options: &BuildOptions, error: &Error) -> Error {
    let kind = match error {
        Error::Read { source, .. } | Error::Write { source, .. } => source.kind(),
        _ => std::io::ErrorKind::Other,
    };
    Error::Write {
        path: options.out.clone(),
        source: std::io::Error::new(kind, error.to_string()),
    }
}

/// The number of sources built at once by default: one per core.
pub fn default_jobs() -> usize {
    crate::parallel::available()
}

/// Plans and builds a federation; the outcomes are in source order.
pub fn build(options: &FederationOptions) -> Result<Vec<SourceOutcome>> {
    let planned = plan(options)?;
    Ok(build_all(
        &planned,
        options.jobs.unwrap_or_else(default_jobs),
        options.deny_warnings,
    ))
}

/// The error of a federation build in which some sources failed: every failure, each
/// naming its source, and what was and was not written.
pub fn failures(outcomes: Vec<SourceOutcome>) -> Option<Error> {
    let total = outcomes.len();
    let failed: Vec<(PathBuf, Error)> = outcomes
        .into_iter()
        .filter_map(|o| o.result.err().map(|e| (o.options.source, e)))
        .collect();
    (!failed.is_empty()).then(|| Error::Federation {
        built: total - failed.len(),
        failed,
    })
}

/// How many sources a federation names in a line that sums up a run's findings.
const SOURCES_NAMED: usize = 3;

/// How many lint warnings a federation's run prints one by one, each at its place; beyond
/// this, one line sums them up. A few sources' warnings (the default purposes.yaml alone has
/// four) read well where they are and can each be acted on; a large federation's would run
/// to thousands of lines that bury its errors and its summary, while `mokuteki check
/// --source FILE` lists the warnings of any one source.
const WARNINGS_LISTED: usize = 20;

/// Findings of one kind in a federation's run, counted.
#[derive(Debug, Default)]
struct Tally {
    /// How many findings, in every source.
    count: usize,
    /// How many sources have any.
    sources: usize,
    /// The first few of those sources, in source order.
    named: Vec<PathBuf>,
}

impl Tally {
    /// Counts the `count` findings of `source`.
    fn add(&mut self, source: &Path, count: usize) {
        if count == 0 {
            return;
        }
        self.count += count;
        self.sources += 1;
        if self.named.len() < SOURCES_NAMED {
            self.named.push(source.to_owned());
        }
    }
}

/// Prints the lint warnings of a federation's sources, each at its place, or, when the
/// run has more than [`WARNINGS_LISTED`], one line that sums them up.
fn print_warnings(
    stderr: &mut dyn std::io::Write,
    lang: Lang,
    warned: &[(&Path, Vec<&Diagnostic>)],
) {
    let mut tally = Tally::default();
    for (source, warnings) in warned {
        tally.add(source, warnings.len());
    }
    if tally.count <= WARNINGS_LISTED {
        for diagnostic in warned.iter().flat_map(|(_, warnings)| warnings) {
            let _ = writeln!(
                stderr,
                "{}: {}\n",
                lang.warning_word(),
                diagnostic.to_text(lang)
            );
        }
        return;
    }
    let _ = writeln!(
        stderr,
        "{}: {}",
        lang.warning_word(),
        federation_warnings_summary(lang, tally.count, tally.sources, &tally.named)
    );
}

/// Builds a federation, reporting warnings and a summary on `stderr`; any failure is
/// returned as one [`Error::Federation`] after the others are written.
pub fn run(options: &FederationOptions, stderr: &mut dyn std::io::Write, lang: Lang) -> Result<()> {
    let outcomes = build(options)?;
    let (mut built, mut files, mut written, mut rendered) = (0, 0, 0, 0);
    // The check against the law is counted for the whole run, not listed: `check` lists
    // the findings of each source. The other warnings are listed when they are few.
    let mut legal = Tally::default();
    let mut warned = Vec::new();
    for outcome in &outcomes {
        if let Ok(done) = &outcome.result {
            let (points, warnings): (Vec<_>, Vec<_>) =
                done.lint.iter().partition(|d| d.problem.is_legal());
            legal.add(&outcome.options.source, points.len());
            if !warnings.is_empty() {
                warned.push((outcome.options.source.as_path(), warnings));
            }
            built += 1;
            files += done.files;
            written += done.report.written.len();
            rendered += usize::from(done.rendered);
        }
    }
    print_warnings(stderr, lang, &warned);
    if legal.count > 0 {
        let _ = writeln!(
            stderr,
            "{}: {}",
            lang.warning_word(),
            federation_legal_summary(lang, legal.count, legal.sources, &legal.named)
        );
    }
    let _ = writeln!(
        stderr,
        "{}",
        federation_built(
            lang,
            built,
            outcomes.len(),
            &options.out,
            files,
            written,
            rendered,
        )
    );
    let planned: Vec<BuildOptions> = outcomes.iter().map(|o| o.options.clone()).collect();
    let mut pruned = Vec::new();
    for stem in left_behind(&planned, &options.out) {
        let folder = options.out.join(&stem);
        if options.prune
            && let Some(first) = planned.first()
        {
            match prune(first, &options.out, &stem) {
                Ok(()) => {
                    let _ = writeln!(stderr, "{}", federation_pruned(lang, &folder));
                }
                Err(error) => pruned.push((folder, error)),
            }
        } else {
            let _ = writeln!(
                stderr,
                "{}: {}",
                lang.warning_word(),
                federation_left_behind(lang, &folder)
            );
        }
    }
    match failures(outcomes) {
        Some(error) => Err(error),
        None => match pruned.into_iter().next() {
            Some((_, error)) => Err(error),
            None => Ok(()),
        },
    }
}

/// The folders of `out` that a federation's build made (each holds a manifest) for a
/// source that is not among `planned`, by name, sorted. Links and anything but folders
/// are left out: a build never made them.
pub fn left_behind(planned: &[BuildOptions], out: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(out) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| !planned.iter().any(|p| p.out == out.join(name)))
        .filter(|name| {
            std::fs::symlink_metadata(out.join(name).join(crate::output::manifest::FILE_NAME))
                .is_ok_and(|meta| meta.is_file())
        })
        .collect();
    found.sort();
    found
}

/// Removes the folder `stem` of the federation's folder `out`, built from a source no
/// longer given: a build of nothing into it (which removes each file mokuteki wrote there
/// and nobody edited since, as a build removes an output it no longer produces, with the
/// same lock and the same refusals as `like`, a build of the federation), then its manifest
/// and the folder itself when nothing else is left in it.
fn prune(like: &BuildOptions, out: &Path, stem: &str) -> Result<()> {
    let options = BuildOptions {
        out: out.join(stem),
        out_root: Some(out.to_owned()),
        ..like.clone()
    };
    build::publish(&options, &crate::render::Rendered::default(), None)?;
    let (named, below) = options.out_location();
    let Some(folder) = crate::output::folder::OutputFolder::open(
        named,
        below,
        crate::output::folder::Missing::Absent,
    )?
    else {
        return Ok(());
    };
    let manifest = crate::output::manifest::read_trusted(folder.root())?
        .map(|bytes| {
            crate::output::manifest::Manifest::from_bytes(
                &folder.root().join(crate::output::manifest::FILE_NAME),
                &bytes,
            )
        })
        .transpose()?;
    // Only a manifest that lists nothing more goes: files it still lists stay listed.
    if manifest.is_some_and(|m| m.files.is_empty()) {
        let _ = folder
            .root()
            .remove_file(crate::output::manifest::FILE_NAME);
        if let Ok(Some(parent)) =
            crate::output::folder::Folder::open_named(out, crate::output::folder::Missing::Absent)
        {
            let _ = parent.remove_folder(stem);
        }
    }
    Ok(())
}

/// The warning about a folder built from a source no longer given.
pub fn federation_left_behind(lang: Lang, folder: &Path) -> String {
    let folder = crate::diagnostic::lang::visible(&folder.display().to_string());
    match lang {
        Lang::En => format!(
            "{folder} was built from a source that is no longer given, and its files are still published; if they should not be, run the same build with --prune to remove what mokuteki wrote there"
        ),
        Lang::Ja => format!(
            "{folder} は、今回指定されていない元ファイルから作ったフォルダーで、その中のファイルは公開されたままです。公開をやめる場合は、同じビルドを --prune を付けて実行すると、mokuteki が書いたファイルを削除します"
        ),
    }
}

/// The line about a folder removed by `--prune`.
pub fn federation_pruned(lang: Lang, folder: &Path) -> String {
    let folder = crate::diagnostic::lang::visible(&folder.display().to_string());
    match lang {
        Lang::En => format!(
            "removed what mokuteki wrote into {folder}, built from a source that is no longer given"
        ),
        Lang::Ja => format!(
            "今回指定されていない元ファイルから作った {folder} から、mokuteki が書いたファイルを削除しました"
        ),
    }
}

// The words of a federation's run, in English and Japanese.

use crate::text::numerals::grouped_usize;

/// The one line of a federation's run about the check against the law: `points` findings
/// in `sources` sources, the first of which are `named`; `check` lists those of a source.
pub fn federation_legal_summary(
    lang: Lang,
    points: usize,
    sources: usize,
    named: &[PathBuf],
) -> String {
    let more = sources.saturating_sub(named.len());
    let (plural_points, plural_sources) = (points != 1, sources != 1);
    let (points, sources) = (grouped_usize(points), grouped_usize(sources));
    match lang {
        Lang::En => {
            let names = sources_named(named, more, Lang::En);
            format!(
                "the check against 個人情報保護法 found {points} point{} to review in {sources} source{} ({names}); `mokuteki check --source FILE` lists those of a source",
                if plural_points { "s" } else { "" },
                if plural_sources { "s" } else { "" },
            )
        }
        Lang::Ja => {
            let names = sources_named(named, more, Lang::Ja);
            let together = if plural_sources { "合わせて" } else { "" };
            format!(
                "個人情報保護法に照らした確認で、元ファイル {sources} 件（{names}）に見直すべき点が{together} {points} 件あります。元ファイルごとの一覧は `mokuteki check --source ファイル名` で表示できます"
            )
        }
    }
}

/// The one line of a federation's run about its lint warnings, when there are too many to
/// list each at its place: `warnings` warnings in `sources` sources, the first of which are
/// `named`; `check` lists those of a source.
pub fn federation_warnings_summary(
    lang: Lang,
    warnings: usize,
    sources: usize,
    named: &[PathBuf],
) -> String {
    let more = sources.saturating_sub(named.len());
    let (plural_warnings, plural_sources) = (warnings != 1, sources != 1);
    let (warnings, sources) = (grouped_usize(warnings), grouped_usize(sources));
    match lang {
        Lang::En => {
            let names = sources_named(named, more, Lang::En);
            format!(
                "{warnings} warning{} in {sources} source{} ({names}), too many to list here; `mokuteki check --source FILE` lists those of a source",
                if plural_warnings { "s" } else { "" },
                if plural_sources { "s" } else { "" },
            )
        }
        Lang::Ja => {
            let names = sources_named(named, more, Lang::Ja);
            let together = if plural_sources { "合わせて" } else { "" };
            format!(
                "元ファイル {sources} 件（{names}）に警告が{together} {warnings} 件あります。件数が多いため、ここでは個別に表示していません。元ファイルごとの一覧は `mokuteki check --source ファイル名` で表示できます"
            )
        }
    }
}

/// The summary of a federation build: `rendered` of the `built` sources were rendered, the
/// others were up to date and not even read.
pub fn federation_built(
    lang: Lang,
    built: usize,
    total: usize,
    out: &Path,
    files: usize,
    written: usize,
    rendered: usize,
) -> String {
    let unchanged = files - written;
    let up_to_date = built - rendered;
    match lang {
        Lang::En => format!(
            "built {built} of {total} sources into {}/<name>/ ({files} files, {written} written, {unchanged} unchanged; {rendered} sources rendered, {up_to_date} up to date)",
            out.display()
        ),
        Lang::Ja => format!(
            "{total} 件の元ファイルのうち {built} 件を {}/<名前>/ に出力しました（ファイル {files} 件のうち書き込み {written} 件、変更なし {unchanged} 件。元ファイル {rendered} 件を処理し、{up_to_date} 件は更新の必要がありませんでした）",
            out.display()
        ),
    }
}

/// The sources a summary names, and how many more it does not (`a.yaml、b.yaml ほか 3 件`).
fn sources_named(named: &[PathBuf], more: usize, lang: Lang) -> String {
    let mut names = paths_list(named, lang);
    if more > 0 {
        names.push_str(&match lang {
            Lang::En => format!(" and {} more", grouped_usize(more)),
            Lang::Ja => format!(" ほか {} 件", grouped_usize(more)),
        });
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flush_that_found_the_disk_full_is_worded_so_for_every_source_of_its_batch() {
        let options = BuildOptions {
            out: "out/beta".into(),
            ..BuildOptions::default()
        };
        let failed = Error::Write {
            path: "out/alpha/notice.html".into(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        };
        assert_eq!(
            batch_error(&options, &failed).to_text(Lang::Ja),
            "エラー: out/beta に書き込めません（ディスクの空き容量が足りません）。不要なファイルを削除するなどして空き容量を確保してから、もう一度実行してください"
        );
        assert_eq!(
            batch_error(&options, &failed).to_text(Lang::En),
            "error: cannot write out/beta: the disk is full; free some space and run it again"
        );
    }
}
