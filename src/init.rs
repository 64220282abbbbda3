//! The `init` command: a starting `purposes.yaml` for a new society.
//!
//! The file holds the standard categories of a 健康保険組合, worded for current law, and
//! every section the law requires, with placeholders (「〇〇」, the date 2000-01-01) that
//! `mokuteki check` reports until they are filled in. It never replaces an existing file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Lang, Result};
use crate::output::create;
use crate::output::folder::{Folder, Missing};

/// The starting source, compiled into mokuteki.
pub const STARTER: &str = include_str!("../data/init.yaml");

/// The name of the file `init` writes.
pub const FILE_NAME: &str = "purposes.yaml";

/// Writes the starting `purposes.yaml` into `dir` (created if missing) and returns its
/// path. Refuses, leaving everything as it was, when anything is under that name already
/// (a file, a link, a FIFO).
///
/// The file is written whole under a temporary name first and then given its name by a
/// hard link, which never replaces anything: a full disk or a kill midway leaves no half
/// file under the name, which would read as the user's own and stop the next `init`.
pub fn init(dir: &Path) -> Result<PathBuf> {
    let folder = Folder::open_named(dir, Missing::Create)?.ok_or_else(|| Error::Write {
        path: dir.to_owned(),
        source: std::io::ErrorKind::NotFound.into(),
    })?;
    let path = folder.join(FILE_NAME);
    if folder.contains(FILE_NAME) {
        return Err(Error::SourceExists { path });
    }
    let (temporary, mut file) = create::temporary_in(&folder, FILE_NAME)?;
    let written = file
        .write_all(STARTER.as_bytes())
        .and_then(|()| file.sync_all());
    drop(file);
    let named = written.and_then(|()| name_new(&folder.join(&temporary), &path));
    let _ = folder.remove_file(&temporary);
    match named {
        Ok(()) => {
            let _ = folder.sync();
            Ok(path)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::SourceExists { path })
        }
        Err(source) => Err(Error::Write { path, source }),
    }
}

/// Gives the file `from` the name `to` as well, failing with `AlreadyExists` if anything
/// is there (a hard link never replaces); where the filesystem has no hard links, renames
/// it if nothing is there.
fn name_new(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(error),
        Err(_) if std::fs::symlink_metadata(to).is_ok() => {
            Err(std::io::ErrorKind::AlreadyExists.into())
        }
        Err(_) => std::fs::rename(from, to),
    }
}

/// What `init` says after writing the starting source.
pub fn source_initialised(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::En => format!(
            "wrote {}: replace each 〇〇 and the date 2000-01-01 with the society's own, then run `mokuteki check`",
            path.display()
        ),
        Lang::Ja => format!(
            "{} を作成しました。「〇〇」と日付 2000-01-01 を組合の実際の内容に書き換えてから、`mokuteki check` で確認してください",
            path.display()
        ),
    }
}
