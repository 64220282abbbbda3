//! Atomic file writes: stage, flush, rename; remove only what mokuteki wrote.
//!
//! Everything here goes through the open output folder ([`OutputFolder`]): files are
//! created, flushed, renamed and removed relative to the open folder that holds them, so a
//! folder swapped for a link while a build runs changes nothing the build does.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};
use crate::output::folder::{Folder, Missing, OutputFolder};
use crate::output::manifest::Writer;
use crate::output::plan::Plan;
use crate::output::{create, manifest};
use crate::parallel;
use crate::render::Output;

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Outputs written because they were new or changed.
    pub written: Vec<String>,
    /// Outputs left alone because the file already had the same bytes.
    pub unchanged: Vec<String>,
    /// Files mokuteki wrote before and no longer produces, removed.
    pub removed: Vec<String>,
    /// Files mokuteki wrote before and no longer produces, kept because they changed since.
    pub kept: Vec<String>,
}

/// The fault point of the crash-consistency tests: how many renames a build of this
/// process makes before it aborts, 0 for never (see [`abort_after_renames`]).
static ABORT_AFTER_RENAMES: AtomicUsize = AtomicUsize::new(0);

/// Makes every later build of this process abort after `renames` renames, as a crash or a
/// power cut would stop it, for the tests that check what such a build leaves behind. The
/// `mokuteki` program never calls it, and no variable or option reaches it: a build that is
/// shipped or run by hand cannot be made to abort. It used to be a cargo feature, which
/// made the tests build the whole crate a second time.
pub fn abort_after_renames(renames: usize) {
    ABORT_AFTER_RENAMES.store(renames, Ordering::Relaxed);
}

/// Writes `outputs` into the output folder `folder`, which the caller has locked.
///
/// Every file is checked before any is written: a file in the way that mokuteki did not
/// write (not in the manifest) stops the build with nothing written. The new files are
/// staged as hidden temporary files beside their targets and flushed to disk; the manifest
/// is updated to list them; then each is renamed into place, so a reader sees the old or
/// the new file, never half of one. Files whose bytes are unchanged are not touched, so
/// their modification times stay. Files mokuteki wrote before and no longer produces are
/// removed if they still hold what it wrote; changed ones are kept and reported. The final
/// manifest records `fingerprint`, the inputs' (see [`crate::incremental`]), and is
/// stamped for the next build ([`stamp`]); it records the command
/// `writer` too, which is refused a folder another command wrote. A file mokuteki wrote
/// that was edited since stops the build too, unless `replace_edited` (`--force`).
pub fn write_outputs(
    folder: OutputFolder,
    outputs: &[Output],
    fingerprint: Option<&str>,
    writer: Writer,
    replace_edited: bool,
) -> Result<WriteReport> {
    let mut staged = stage(folder, outputs, fingerprint, writer, replace_edited)?;
    flush(std::slice::from_mut(&mut staged))?;
    let report = staged.publish()?;
    sync_folders(&staged.changed_folders())?;
    if fingerprint.is_some() {
        stamp(staged.root())?;
    }
    Ok(report)
}

/// Called after a build wrote the output folder `folder` with its fingerprint (see
/// [`crate::incremental`]): when the mokuteki program is newer than the manifest (a new
/// mokuteki that found nothing to change, so left the manifest as it was), writes the
/// manifest again with the same bytes, so that the next build with the same inputs is
/// skipped.
pub fn stamp(folder: &Folder) -> Result<()> {
    let Some(file) = folder.open_regular(manifest::FILE_NAME)? else {
        return Ok(());
    };
    let Some(modified) = file.metadata().ok().and_then(|meta| meta.modified().ok()) else {
        return Ok(());
    };
    if !manifest::program_is_newer(modified) {
        return Ok(());
    }
    let bytes = crate::fs::read_opened(
        &folder.join(manifest::FILE_NAME),
        file,
        crate::fs::MAX_FILE_BYTES,
    )?;
    write_atomic(folder, manifest::FILE_NAME, &bytes)
}

/// A write checked and staged (new files written under temporary names, not yet flushed
/// or visible), holding the output folder open. Dropped before [`Staged::publish`], it
/// removes its temporary files.
#[derive(Debug)]
pub struct Staged {
    plan: Plan,
    /// The intent manifest: its temporary file's name in the output folder, and its bytes.
    intent: Option<(String, Vec<u8>)>,
    /// Each staged file: the output's path, and its temporary file's name beside it. None
    /// is kept open: a federation stages many sources before it flushes them, and open
    /// files are a limited resource.
    files: Vec<(String, String)>,
    /// The folders whose entries the publication changed (`/`-separated, relative to the
    /// output folder; empty for the output folder itself).
    changed: BTreeSet<String>,
}

/// Checks the output folder and stages the files of a write (see [`write_outputs`]).
pub fn stage(
    folder: OutputFolder,
    outputs: &[Output],
    fingerprint: Option<&str>,
    writer: Writer,
    replace_edited: bool,
) -> Result<Staged> {
    let out_dir = folder.path().to_owned();
    let plan = Plan::new(out_dir.clone(), Some(folder), outputs, fingerprint, writer)?;
    if let Some(path) = plan.in_the_way.first() {
        return Err(Error::WouldOverwrite {
            path: out_dir.join(path),
        });
    }
    if !replace_edited && !plan.edited.is_empty() {
        return Err(Error::Edited {
            paths: plan.edited.iter().map(|path| out_dir.join(path)).collect(),
        });
    }
    remove_leftover_temporaries(&plan)?;
    let contents: BTreeMap<&str, &[u8]> = outputs
        .iter()
        .map(|o| (o.path.as_str(), o.content.as_slice()))
        .collect();
    let mut staged = Staged {
        intent: None,
        files: Vec::new(),
        changed: BTreeSet::new(),
        plan,
    };
    if staged.plan.to_write().next().is_none() {
        return Ok(staged);
    }
    // The intent: the manifest as it must be before any new file appears, listing every
    // file about to appear, so a crash between two renames leaves only files the next
    // build may replace.
    let mut intent = staged.plan.old_manifest.clone();
    // No fingerprint until every file is in place: a build stopped half-way must not look
    // up to date to the next one.
    intent.fingerprint = None;
    intent.writer = writer;
    for relative in staged.plan.to_write() {
        // The plan hashed every output already.
        intent.files.insert(
            relative.clone(),
            staged.plan.new_manifest.files[relative].clone(),
        );
    }
    // What each file about to be replaced holds now: after a crash half-way, the next build
    // must tell an old file not yet replaced from one edited by hand.
    intent.replacing = staged.plan.replacing.clone();
    let bytes = intent.to_bytes();
    let to_write: Vec<String> = staged.plan.to_write().cloned().collect();
    let folder = staged
        .plan
        .folder_mut()
        .expect("a staged write has its folder");
    let temporary = write_new_unflushed(folder.root(), manifest::FILE_NAME, &bytes)?;
    staged.intent = Some((temporary, bytes));
    // The folders of new outputs are made now, each inside its parent, never through a link.
    for relative in &to_write {
        folder.reach(relative, Missing::Create)?;
    }
    let folder = staged.plan.folder().expect("a staged write has its folder");
    // Large outputs are written on every core: copying them into the page cache is most of
    // the time of writing them.
    let jobs = parallel::jobs_for_bytes(to_write.iter().map(|r| contents[r.as_str()].len()).sum());
    let written = parallel::map(&to_write, jobs, |relative| {
        let (parent, name) = folder.parent_of(relative).expect("reached above");
        write_new_unflushed(parent, name, contents[relative.as_str()])
    });
    let mut failed = None;
    for (relative, result) in to_write.into_iter().zip(written) {
        match result {
            Ok(temporary) => {
                // Listed even when another file failed, so that dropping `staged` removes it.
                staged.files.push((relative, temporary));
            }
            Err(error) => {
                failed.get_or_insert(error);
            }
        }
    }
    match failed {
        Some(error) => Err(error),
        None => Ok(staged),
    }
}

/// Flushes the staged files of every write in `batch` to disk, each file on its own (see
/// `flush_files`).
pub fn flush(batch: &mut [Staged]) -> Result<()> {
    let files: Vec<StagedFile<'_>> = batch
        .iter()
        .flat_map(|staged| staged.staged_files())
        .collect();
    flush_files(&files)
}

impl Staged {
    /// The output folder itself, open.
    pub fn root(&self) -> &Folder {
        self.output_folder().root()
    }

    fn output_folder(&self) -> &OutputFolder {
        self.plan.folder().expect("a staged write has its folder")
    }

    /// Each staged file (the intent manifest first).
    fn staged_files(&self) -> impl Iterator<Item = StagedFile<'_>> {
        let folder = self.output_folder();
        let intent = self.intent.iter().map(|(temporary, _)| StagedFile {
            folder: folder.root(),
            temporary,
            target: manifest::FILE_NAME,
        });
        intent.chain(self.files.iter().map(|(relative, temporary)| {
            let (parent, target) = folder.parent_of(relative).expect("reached when staged");
            StagedFile {
                folder: parent,
                temporary,
                target,
            }
        }))
    }

    /// Makes the staged write visible: the intent manifest, then one rename per file
    /// (the fault point counts these), then the removal of stale files and the final
    /// manifest. The folders whose entries changed ([`Staged::changed_folders`]) are left
    /// for the caller to flush ([`sync_folders`]) for the renames to survive a power cut.
    pub fn publish(&mut self) -> Result<WriteReport> {
        let out_dir = self.output_folder().path().to_owned();
        let mut manifest_on_disk = self.plan.old_manifest_bytes.clone();
        if let Some((temporary, bytes)) = self.intent.take() {
            let root = self.root();
            if let Err(source) = root.rename(&temporary, manifest::FILE_NAME) {
                let _ = root.remove_file(&temporary);
                return Err(Error::Write {
                    path: out_dir.join(manifest::FILE_NAME),
                    source,
                });
            }
            manifest_on_disk = Some(bytes);
            self.changed.insert(String::new());
        }
        let fault_after = fault_after_renames();
        let files = std::mem::take(&mut self.files);
        let folder = self.plan.folder().expect("a staged write has its folder");
        for (count, (relative, temporary)) in files.iter().enumerate() {
            let (parent, name) = folder.parent_of(relative).expect("reached when staged");
            if let Err(source) = parent.rename(temporary, name) {
                for (later, temporary) in &files[count..] {
                    if let Some((parent, _)) = folder.parent_of(later) {
                        let _ = parent.remove_file(temporary);
                    }
                }
                return Err(Error::Write {
                    path: out_dir.join(relative),
                    source,
                });
            }
            if fault_after == Some(count + 1) {
                std::process::abort();
            }
            self.changed.insert(folder_of(relative).to_owned());
        }

        let plan = &self.plan;
        let mut report = WriteReport {
            written: plan.to_write().cloned().collect(),
            unchanged: plan.unchanged.clone(),
            removed: Vec::new(),
            kept: plan.kept.clone(),
        };
        for relative in &plan.removed {
            let (parent, name) = folder
                .parent_of(relative)
                .expect("the plan read the file through its folder");
            parent.remove_file(name).map_err(|source| Error::Write {
                path: out_dir.join(relative),
                source,
            })?;
            self.changed.insert(folder_of(relative).to_owned());
            remove_empty_parents(folder, relative);
            report.removed.push(relative.clone());
        }
        // The final manifest; usually the intent written above already says exactly this.
        let final_manifest = plan.new_manifest.to_bytes();
        if manifest_on_disk.as_deref() != Some(final_manifest.as_slice()) {
            write_atomic(folder.root(), manifest::FILE_NAME, &final_manifest)?;
        }
        Ok(report)
    }

    /// The folders whose entries the publication changed, to flush ([`sync_folders`]).
    pub fn changed_folders(&self) -> Vec<&Folder> {
        let folder = self.output_folder();
        self.changed
            .iter()
            .filter_map(|relative| folder.folder(relative))
            .collect()
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Not published (or only in part): take the temporary files away again.
        let Some(folder) = self.plan.folder() else {
            return;
        };
        if let Some((temporary, _)) = &self.intent {
            let _ = folder.root().remove_file(temporary);
        }
        for (relative, temporary) in &self.files {
            if let Some((parent, _)) = folder.parent_of(relative) {
                let _ = parent.remove_file(temporary);
            }
        }
    }
}

/// The folder part of a `/`-separated path; empty for a file in the output folder itself.
fn folder_of(relative: &str) -> &str {
    relative.rsplit_once('/').map_or("", |(folder, _)| folder)
}

/// Flushes the entries of folders that received renames, each folder on its own, several
/// at once (see `flush_files`).
pub fn sync_folders(folders: &[&Folder]) -> Result<()> {
    let jobs = FLUSH_THREADS.min(folders.len());
    parallel::map(folders, jobs, |folder| {
        folder.sync().map_err(|source| Error::Write {
            path: folder.path().to_owned(),
            source,
        })
    })
    .into_iter()
    .collect()
}

/// The fault point: the renames after which this build aborts, if a test asked for it.
fn fault_after_renames() -> Option<usize> {
    match ABORT_AFTER_RENAMES.load(Ordering::Relaxed) {
        0 => None,
        renames => Some(renames),
    }
}

/// Removes temporary files an interrupted build left beside the files it was writing.
/// The caller holds the lock, so no other build is writing them now.
fn remove_leftover_temporaries(plan: &Plan) -> Result<()> {
    let Some(folder) = plan.folder() else {
        return Ok(());
    };
    let manifest_name = manifest::FILE_NAME.to_owned();
    let names = plan
        .old_manifest
        .files
        .keys()
        .chain(plan.new_manifest.files.keys())
        .chain([&manifest_name]);
    let mut folders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for relative in names {
        let (parent, name) = relative.rsplit_once('/').unwrap_or(("", relative));
        folders.entry(parent).or_default().push(name);
    }
    for (relative, targets) in folders {
        // A folder the plan did not reach does not exist: nothing was left there.
        let Some(parent) = folder.folder(relative) else {
            continue;
        };
        let Ok(names) = parent.regular_files() else {
            continue;
        };
        // mokuteki only ever stages regular files: anything else under such a name (a link,
        // a folder) was put there by someone else and is left alone. A random-token name
        // is this version's whatever its target: a build stopped while staging a file that
        // the source no longer produces left it, and no manifest lists that target.
        for name in names {
            if create::is_staged_name(&name)
                || targets
                    .iter()
                    .any(|target| create::is_temporary_of(&name, target))
            {
                parent.remove_file(&name).map_err(|source| Error::Write {
                    path: parent.join(&name),
                    source,
                })?;
            }
        }
    }
    Ok(())
}

/// Removes the files a stopped build staged in `folder` (see [`create::is_staged_name`]);
/// the caller holds the lock, so no build is staging them now. Anything else, and anything
/// that cannot be removed, is left as it is: this only tidies up.
pub fn remove_staged_leftovers(folder: &Folder) {
    let Ok(names) = folder.regular_files() else {
        return;
    };
    for name in names.iter().filter(|name| create::is_staged_name(name)) {
        let _ = folder.remove_file(name);
    }
}

/// Removes the folders above the removed file `relative` that it leaves empty, up to the
/// output folder, each from its parent's open folder (never through a link: removing a
/// link or a folder that holds anything fails, so nothing else can be lost).
fn remove_empty_parents(folder: &OutputFolder, relative: &str) {
    let mut current = folder_of(relative);
    while !current.is_empty() {
        let (parent, name) = current.rsplit_once('/').unwrap_or(("", current));
        let Some(parent_folder) = folder.folder(parent) else {
            break;
        };
        if parent_folder.remove_folder(name).is_err() {
            break;
        }
        current = parent;
    }
}

/// Writes `content` into a new temporary file in `folder` beside the file `name` (see
/// [`create::temporary_in`]) and closes it, not flushed yet; returns its name. An
/// error names the file `name`, not its temporary.
fn write_new_unflushed(folder: &Folder, name: &str, content: &[u8]) -> Result<String> {
    let (temporary, mut file) = create::temporary_in(folder, name)?;
    match file.write_all(content) {
        Ok(()) => Ok(temporary),
        Err(source) => {
            let _ = folder.remove_file(&temporary);
            Err(Error::Write {
                path: folder.join(name),
                source,
            })
        }
    }
}

/// A staged file waiting to be flushed.
struct StagedFile<'a> {
    /// The open folder that holds it.
    folder: &'a Folder,
    /// Its temporary name in that folder.
    temporary: &'a str,
    /// The name it will have once published, for messages.
    target: &'a str,
}

/// How many files or folders are flushed at once. Flushing mostly waits for the disk, not
/// for a core; several flushes waiting together share the filesystem's journal commits.
pub const FLUSH_THREADS: usize = 16;

/// Flushes freshly written files to disk, each with its own `fsync`, on up to
/// [`FLUSH_THREADS`] threads, opening each file only while it is flushed.
///
/// One `syncfs` for all of them would be fewer calls, but it flushes every unwritten byte
/// of the whole filesystem, other programs' included: beside a backup keeping gigabytes
/// unwritten, a build took a median of 725 ms instead of 2.6 ms. A file's own flush waits
/// only for what this build wrote.
fn flush_files(files: &[StagedFile<'_>]) -> Result<()> {
    let jobs = FLUSH_THREADS.min(files.len());
    parallel::map(files, jobs, |staged| {
        // The staged file is ours: anything else under its name now is not flushed.
        let flushed = staged
            .folder
            .open_existing_for_writing(staged.temporary)
            .and_then(|file| file.sync_all());
        // Named as the file being written: its temporary's random name means nothing to
        // whoever reads the message.
        flushed.map_err(|source| Error::Write {
            path: staged.folder.join(staged.target),
            source,
        })
    })
    .into_iter()
    .collect()
}

/// Replaces the file `name` in `folder` with `content` atomically: temporary file, flush,
/// rename, flush of the folder.
pub fn write_atomic(folder: &Folder, name: &str, content: &[u8]) -> Result<()> {
    let (temporary, mut file) = create::temporary_in(folder, name)?;
    let result = (|| -> std::io::Result<()> {
        file.write_all(content)?;
        file.sync_all()?;
        folder.rename(&temporary, name)?;
        folder.sync()
    })();
    result.map_err(|source| {
        let _ = folder.remove_file(&temporary);
        Error::Write {
            path: folder.join(name),
            source,
        }
    })
}

/// Creates a file that must not exist yet (not even as a link), and flushes it.
pub fn write_new(path: &Path, content: &[u8]) -> Result<()> {
    let mut file = create::new_file(path)?;
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
}
