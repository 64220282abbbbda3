//! Atomic file writes: stage, flush, rename; remove only what mokuteki wrote.

use std::io::Write;
use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::fs;
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

/// The environment variable of the test-only fault point: in a build with the
/// `fault-injection` feature, the process aborts after this many renames, as a crash or
/// power cut would stop it.
pub const FAULT_AFTER_RENAMES: &str = "MOKUTEKI_FAULT_AFTER_RENAMES";

/// Writes `outputs` into `out_dir`, which the caller has locked.
///
/// Every file is checked before any is written: a file in the way that mokuteki did not
/// write (not in the manifest) stops the build with nothing written. The new files are
/// staged as hidden temporary files beside their targets and flushed to disk; the manifest
/// is updated to list them; then each is renamed into place, so a reader sees the old or
/// the new file, never half of one. Files whose bytes are unchanged are not touched, so
/// their modification times stay. Files mokuteki wrote before and no longer produces are
/// removed if they still hold what it wrote; changed ones are kept and reported. The final
/// manifest records `fingerprint`, the inputs' (see [`crate::incremental`]), and the
/// command `writer`, which is refused a folder another command wrote. A file
/// mokuteki wrote that was edited since stops the build too, unless `replace_edited`
/// (`--force`).
pub fn write_outputs(
    out_dir: &Path,
    outputs: &[Output],
    fingerprint: Option<&str>,
    writer: Writer,
    replace_edited: bool,
) -> Result<WriteReport> {
    let mut staged = stage(out_dir, outputs, fingerprint, writer, replace_edited)?;
    flush(std::slice::from_mut(&mut staged))?;
    let (report, folders) = staged.publish()?;
    sync_folders(&folders)?;
    Ok(report)
}

/// A write checked and staged (new files written under temporary names, not yet flushed
/// or visible). Dropped without [`Staged::publish`], it removes its temporary files.
#[derive(Debug)]
pub struct Staged {
    out_dir: PathBuf,
    plan: Plan,
    /// The intent manifest: its temporary file and its bytes.
    intent: Option<(PathBuf, Vec<u8>)>,
    /// Each staged file: temporary path, final path. None is kept open: a federation
    /// stages many sources before it flushes them, and open files are a limited resource.
    files: Vec<(PathBuf, PathBuf)>,
}

/// Checks the output folder and stages the files of a write (see [`write_outputs`]).
pub fn stage(
    out_dir: &Path,
    outputs: &[Output],
    fingerprint: Option<&str>,
    writer: Writer,
    replace_edited: bool,
) -> Result<Staged> {
    let plan = Plan::new(out_dir, outputs, fingerprint, writer)?;
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
        out_dir: out_dir.to_owned(),
        intent: None,
        files: Vec::new(),
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
    let temporary = write_new_unflushed(&out_dir.join(manifest::FILE_NAME), &bytes)?;
    staged.intent = Some((temporary, bytes));
    let mut to_write = Vec::new();
    for relative in staged.plan.to_write() {
        let path = staged.plan.inside(relative)?;
        // The folder itself exists (it is locked); only deeper ones may need creating.
        if let Some(parent) = path.parent().filter(|&parent| parent != out_dir) {
            fs::create_dir_all(parent)?;
        }
        to_write.push((path, contents[relative.as_str()]));
    }
    // Large outputs are written on every core: copying them into the page cache is most of
    // the time of writing them.
    let jobs = parallel::jobs_for_bytes(to_write.iter().map(|(_, c)| c.len()).sum());
    let written = parallel::map(&to_write, jobs, |(path, content)| {
        write_new_unflushed(path, content)
    });
    let mut failed = None;
    for ((path, _), result) in to_write.into_iter().zip(written) {
        match result {
            Ok(temporary) => {
                // Listed even when another file failed, so that dropping `staged` removes it.
                staged.files.push((temporary, path));
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
/// [`flush_files`]).
pub fn flush(batch: &mut [Staged]) -> Result<()> {
    let files: Vec<&Path> = batch
        .iter()
        .flat_map(|staged| {
            let intent = staged
                .intent
                .iter()
                .map(|(temporary, _)| temporary.as_path());
            intent.chain(
                staged
                    .files
                    .iter()
                    .map(|(temporary, _)| temporary.as_path()),
            )
        })
        .collect();
    flush_files(&files)
}

impl Staged {
    /// Makes the staged write visible: the intent manifest, then one rename per file
    /// (the fault point counts these), then the removal of stale files and the final
    /// manifest. Returns the report and the folders whose entries changed, which the
    /// caller flushes ([`sync_folders`]) for the renames to survive a power cut.
    pub fn publish(mut self) -> Result<(WriteReport, Vec<PathBuf>)> {
        let out_dir = self.out_dir.clone();
        let mut folders: Vec<PathBuf> = Vec::new();
        let mut manifest_on_disk = self.plan.old_manifest_bytes.clone();
        if let Some((temporary, bytes)) = self.intent.take() {
            let manifest_path = out_dir.join(manifest::FILE_NAME);
            if let Err(source) = std::fs::rename(&temporary, &manifest_path) {
                let _ = std::fs::remove_file(&temporary);
                return Err(Error::Write {
                    path: manifest_path,
                    source,
                });
            }
            manifest_on_disk = Some(bytes);
            folders.push(out_dir.clone());
        }
        let fault_after = fault_after_renames();
        let files = std::mem::take(&mut self.files);
        for (count, (temporary, path)) in files.iter().enumerate() {
            if let Err(source) = std::fs::rename(temporary, path) {
                for (later, _) in &files[count..] {
                    let _ = std::fs::remove_file(later);
                }
                return Err(Error::Write {
                    path: path.clone(),
                    source,
                });
            }
            if fault_after == Some(count + 1) {
                std::process::abort();
            }
            let folder = path.parent().unwrap_or(&out_dir).to_owned();
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }

        let plan = &self.plan;
        let mut report = WriteReport {
            written: plan.to_write().cloned().collect(),
            unchanged: plan.unchanged.clone(),
            removed: Vec::new(),
            kept: plan.kept.clone(),
        };
        for relative in &plan.removed {
            let path = plan.inside(relative)?;
            std::fs::remove_file(&path).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
            remove_empty_parents(&out_dir, &path);
            report.removed.push(relative.clone());
        }
        // The final manifest; usually the intent written above already says exactly this.
        let final_manifest = plan.new_manifest.to_bytes();
        if manifest_on_disk.as_deref() != Some(final_manifest.as_slice()) {
            write_atomic(&out_dir.join(manifest::FILE_NAME), &final_manifest)?;
        }
        Ok((report, folders))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        // Not published (or only in part): take the temporary files away again.
        if let Some((temporary, _)) = &self.intent {
            let _ = std::fs::remove_file(temporary);
        }
        for (temporary, _) in &self.files {
            let _ = std::fs::remove_file(temporary);
        }
    }
}

/// Flushes the entries of folders that received renames, each folder on its own, several
/// at once (see [`flush_files`]).
pub fn sync_folders(folders: &[PathBuf]) -> Result<()> {
    let jobs = FLUSH_THREADS.min(folders.len());
    parallel::map(folders, jobs, |folder| {
        sync_folder(folder).map_err(|source| Error::Write {
            path: folder.clone(),
            source,
        })
    })
    .into_iter()
    .collect()
}

/// The fault point: only a build with the `fault-injection` feature, which only the tests
/// enable, reads the variable; any other build never aborts.
fn fault_after_renames() -> Option<usize> {
    if cfg!(feature = "fault-injection") {
        std::env::var(FAULT_AFTER_RENAMES).ok()?.parse().ok()
    } else {
        None
    }
}

/// Removes temporary files an interrupted build left beside the files it was writing.
/// The caller holds the lock, so no other build is writing them now.
fn remove_leftover_temporaries(plan: &Plan) -> Result<()> {
    let manifest_name = manifest::FILE_NAME.to_owned();
    let names = plan
        .old_manifest
        .files
        .keys()
        .chain(plan.new_manifest.files.keys())
        .chain([&manifest_name]);
    let mut folders: BTreeMap<PathBuf, Vec<String>> = BTreeMap::new();
    for relative in names {
        let path = plan.inside(relative)?;
        if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
            folders
                .entry(parent.to_owned())
                .or_default()
                .push(name.to_string_lossy().into_owned());
        }
    }
    for (folder, targets) in folders {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // mokuteki only ever stages regular files: anything else under such a name (a
            // link, a folder) was put there by someone else and is left alone.
            let regular = entry.file_type().is_ok_and(|kind| kind.is_file());
            if regular
                && targets
                    .iter()
                    .any(|target| create::is_temporary_of(&name, target))
            {
                let path = entry.path();
                std::fs::remove_file(&path).map_err(|source| Error::Write { path, source })?;
            }
        }
    }
    Ok(())
}

/// Removes the folders above a removed file that it leaves empty, up to `out_dir`.
/// `remove_dir` fails on a folder that holds anything, so nothing else can be lost.
fn remove_empty_parents(out_dir: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(current) = folder {
        if current == out_dir || !current.starts_with(out_dir) {
            break;
        }
        if std::fs::remove_dir(current).is_err() {
            break;
        }
        folder = current.parent();
    }
}

/// Writes `content` into a new temporary file beside `path` (see
/// [`create::temporary_beside`]) and closes it, not flushed yet; returns its path.
fn write_new_unflushed(path: &Path, content: &[u8]) -> Result<PathBuf> {
    let (temporary, mut file) = create::temporary_beside(path)?;
    match file.write_all(content) {
        Ok(()) => Ok(temporary),
        Err(source) => {
            let _ = std::fs::remove_file(&temporary);
            Err(Error::Write {
                path: temporary,
                source,
            })
        }
    }
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
fn flush_files(files: &[&Path]) -> Result<()> {
    let jobs = FLUSH_THREADS.min(files.len());
    parallel::map(files, jobs, |&path| {
        let flushed = (|| {
            let mut options = std::fs::OpenOptions::new();
            options.write(true);
            // The staged file is ours: anything else under its name now is not flushed.
            create::no_follow(&mut options);
            options.open(path)?.sync_all()
        })();
        flushed.map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
    })
    .into_iter()
    .collect()
}

/// Replaces `path` with `content` atomically: temporary file, flush, rename.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let (temporary, mut file) = create::temporary_beside(path)?;
    let result = (|| -> std::io::Result<()> {
        file.write_all(content)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        sync_parent(path)
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        Error::Write {
            path: path.to_owned(),
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

/// Flushes the folder entry of a renamed file, so the rename survives a power cut.
fn sync_parent(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(parent) => sync_folder(parent),
        None => Ok(()),
    }
}

/// Flushes a folder's entries (new names, renames) to disk.
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        std::fs::File::open(folder)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}
