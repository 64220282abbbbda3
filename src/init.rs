//! The `init` command: a starting `purposes.yaml` for a new society.
//!
//! The file holds the standard categories of a 健康保険組合, worded for current law, and
//! every section the law requires, with placeholders (「〇〇」, the date 2000-01-01) that
//! `mokuteki check` reports until they are filled in. It never replaces an existing file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The starting source, compiled into mokuteki.
pub const STARTER: &str = include_str!("../data/init.yaml");

/// The name of the file `init` writes.
pub const FILE_NAME: &str = "purposes.yaml";

/// Writes the starting `purposes.yaml` into `dir` (created if missing) and returns its
/// path. Refuses, leaving everything as it was, when the file exists already.
pub fn init(dir: &Path) -> Result<PathBuf> {
    crate::fs::create_dir_all(dir)?;
    let path = dir.join(FILE_NAME);
    // create_new: an existing file (or one created meanwhile) is never replaced.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::SourceExists { path });
        }
        Err(source) => return Err(Error::Write { path, source }),
    };
    file.write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    Ok(path)
}
