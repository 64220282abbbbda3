//! Atomic file writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fs;
use crate::output::manifest::{self, Manifest};
use crate::render::Output;

/// What a write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Outputs written because they were new or changed.
    pub written: Vec<String>,
    /// Outputs left alone because the file already had the same bytes.
    pub unchanged: Vec<String>,
}

/// Writes `outputs` into `out_dir`.
///
/// Every file is checked before any is written: a file in the way that mokuteki did not
/// write (not in the manifest) stops the build with nothing written. Each file is written
/// to a temporary file beside it, flushed to disk and renamed into place, so a reader
/// sees the old or the new file, never half of one. Files whose bytes are unchanged are
/// not touched, so their modification times stay.
pub fn write_outputs(out_dir: &Path, outputs: &[Output]) -> Result<WriteReport> {
    let mut manifest = Manifest::read(out_dir)?;
    let mut report = WriteReport::default();
    let mut pending = Vec::new();
    for output in outputs {
        let path = out_dir.join(&output.path);
        match std::fs::read(&path) {
            Ok(existing) if existing == output.content => {
                report.unchanged.push(output.path.clone())
            }
            Ok(_) if !manifest.paths.contains(&output.path) => {
                return Err(Error::WouldOverwrite { path });
            }
            Ok(_) => pending.push((path, output)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                pending.push((path, output))
            }
            Err(source) => return Err(Error::Read { path, source }),
        }
    }
    let before = manifest.clone();
    manifest
        .paths
        .extend(outputs.iter().map(|o| o.path.clone()));
    let manifest_path = out_dir.join(manifest::FILE_NAME);
    let manifest_bytes = manifest.to_bytes();
    let mut files: Vec<(PathBuf, &[u8])> = pending
        .iter()
        .map(|(path, output)| (path.clone(), output.content.as_slice()))
        .collect();
    if manifest != before || !manifest_path.exists() {
        files.push((manifest_path, &manifest_bytes));
    }
    write_batch(out_dir, &files)?;
    report.written = pending.iter().map(|(_, o)| o.path.clone()).collect();
    Ok(report)
}

/// Replaces every file of `files` (all under `out_dir`) atomically, flushing them to disk
/// together: each is written to a temporary file beside it; then one flush of the
/// folder's filesystem (on Linux; elsewhere one per file); then each is renamed into place;
/// then each folder that received a file is flushed once, so the renames survive a power
/// cut. A reader sees the old or the new file, never half of one. If anything fails, the
/// temporary files are removed.
fn write_batch(out_dir: &Path, files: &[(PathBuf, &[u8])]) -> Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let mut temporaries: Vec<PathBuf> = Vec::with_capacity(files.len());
    let result = (|| -> Result<()> {
        let mut open = Vec::with_capacity(files.len());
        for (path, content) in files {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            let temporary = temporary_path(path);
            let written = std::fs::File::create(&temporary).and_then(|mut file| {
                file.write_all(content)?;
                Ok(file)
            });
            temporaries.push(temporary);
            open.push(written.map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?);
        }
        flush_files(out_dir, &open)?;
        drop(open);
        let mut folders: Vec<&Path> = Vec::new();
        for ((path, _), temporary) in files.iter().zip(&temporaries) {
            std::fs::rename(temporary, path).map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
            let folder = path.parent().unwrap_or(out_dir);
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
        temporaries.clear();
        for folder in folders {
            sync_folder(folder).map_err(|source| Error::Write {
                path: folder.to_owned(),
                source,
            })?;
        }
        Ok(())
    })();
    for temporary in &temporaries {
        let _ = std::fs::remove_file(temporary);
    }
    result
}

/// Flushes freshly written files to disk. On Linux, one `syncfs` of the output folder's
/// filesystem flushes them all at once, which is what makes a federation of a thousand
/// folders fast; elsewhere each file is flushed.
fn flush_files(out_dir: &Path, files: &[std::fs::File]) -> Result<()> {
    let error = |source| Error::Write {
        path: out_dir.to_owned(),
        source,
    };
    #[cfg(target_os = "linux")]
    if let Some(first) = files.first() {
        let _ = out_dir;
        return rustix::fs::syncfs(first).map_err(|e| error(e.into()));
    }
    for file in files {
        file.sync_all().map_err(error)?;
    }
    Ok(())
}

/// Replaces `path` with `content` atomically: temporary file, flush, rename.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let temporary = temporary_path(path);
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
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

/// Creates a file that must not exist yet.
pub fn write_new(path: &Path, content: &[u8]) -> Result<()> {
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)?;
        file.write_all(content)?;
        file.sync_all()
    })();
    result.map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

fn temporary_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.mokuteki-{}.tmp", std::process::id()))
}

/// Flushes a folder's entries, so the files renamed into it survive a power cut.
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

/// Flushes the folder entry of a renamed file, so the rename survives a power cut.
fn sync_parent(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        std::fs::File::open(parent)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
