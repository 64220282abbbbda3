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
    for (path, output) in pending {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_atomic(&path, &output.content)?;
        report.written.push(output.path.clone());
    }
    let before = manifest.clone();
    manifest
        .paths
        .extend(outputs.iter().map(|o| o.path.clone()));
    if manifest != before || !out_dir.join(manifest::FILE_NAME).exists() {
        write_atomic(&out_dir.join(manifest::FILE_NAME), &manifest.to_bytes())?;
    }
    Ok(report)
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
