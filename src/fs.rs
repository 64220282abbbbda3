//! Filesystem helpers that put the path into every error, and read only regular files,
//! never more than a limit, never waiting on a pipe.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// What a path turned out to be (the errors name it, so it is theirs).
pub use crate::error::FileKind;

/// The largest file read besides the source: a terms list, a template, a manifest, an
/// output already in the output folder. Real ones are kilobytes; the largest outputs of
/// the largest sources accepted stay well below.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Whether a symbolic link as the last part of a path is followed when the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    /// Followed: the path was named on the command line (or is the default name of the
    /// source), where whoever runs mokuteki decides where it leads.
    #[default]
    Follow,
    /// Refused: the file was found in a folder that others may add files to (a folder of
    /// sources, a templates folder), where a link would let them make mokuteki read a file
    /// elsewhere and show it in a message or a page.
    Refuse,
}

/// Opens `path` for reading without waiting (a FIFO with no writer would block an ordinary
/// open forever) and checks, on the opened file, that it is a regular file.
pub fn open_regular(path: &Path) -> Result<std::fs::File> {
    open_regular_with(path, Links::Follow)
}

/// [`open_regular`], following a link as the last part of `path` only as `links` says; a
/// link refused is [`Error::NotAFile`].
///
/// What is not a regular file is refused before it is opened, not only after: opening a
/// device can act (a watchdog starts its countdown, a tape rewinds) and opening a FIFO
/// wakes a writer waiting on it, and a link to one can be named in a source's folder.
/// The opened file is checked again, for what was swapped in between.
pub fn open_regular_with(path: &Path, links: Links) -> Result<std::fs::File> {
    let read_error = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let looked_at = match links {
        Links::Follow => std::fs::metadata(path),
        Links::Refuse => std::fs::symlink_metadata(path),
    };
    if let Some(kind) = looked_at.ok().as_ref().and_then(FileKind::of) {
        return Err(Error::NotAFile {
            path: path.to_owned(),
            kind,
        });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // No controlling terminal taken on by opening one, as a job without a terminal
        // (cron) would.
        let mut flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
        if links == Links::Refuse {
            flags |= rustix::fs::OFlags::NOFOLLOW;
        }
        options.custom_flags(flags.bits() as i32);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(error) if links == Links::Refuse && is_link(path) => {
            drop(error);
            return Err(Error::NotAFile {
                path: path.to_owned(),
                kind: FileKind::SymbolicLink,
            });
        }
        Err(error) => return Err(read_error(error)),
    };
    let meta = file.metadata().map_err(read_error)?;
    match FileKind::of(&meta) {
        // A hard link is refused where a symbolic link is: whoever can add a file to the
        // folder could link a file elsewhere they cannot read (`/etc/shadow`) under a
        // source's name, for mokuteki to read and show.
        None if links == Links::Refuse && has_other_names(&meta) => Err(Error::NotAFile {
            path: path.to_owned(),
            kind: FileKind::HardLinked,
        }),
        None => Ok(file),
        Some(kind) => Err(Error::NotAFile {
            path: path.to_owned(),
            kind,
        }),
    }
}

/// Whether a regular file has more than one name (hard links).
#[cfg(unix)]
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) > 1
}

/// Whether a regular file has more than one name (never known here).
#[cfg(not(unix))]
fn has_other_names(_meta: &std::fs::Metadata) -> bool {
    false
}

/// Whether `path` itself is a symbolic link.
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Reads a whole regular file of at most `limit` bytes. Counts what is read, not what the
/// file claims to hold.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>> {
    read_limited_with(path, limit, Links::Follow)
}

/// [`read_limited`], following a link as the last part of `path` only as `links` says.
pub fn read_limited_with(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>> {
    read_opened(path, open_regular_with(path, links)?, limit)
}

/// Reads a whole regular file opened already (named `path` in errors) of at most `limit`
/// bytes, as [`read_limited`] does.
pub fn read_opened(path: &Path, file: std::fs::File, limit: u64) -> Result<Vec<u8>> {
    let claimed = file.metadata().map(|m| m.len()).unwrap_or(0);
    if claimed > limit {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            size: Some(claimed),
            limit,
        });
    }
    // Room for what the file claims and one byte more: read in one call, and the end seen
    // in a second (growing from nothing took ten reads for a file of 15 KB).
    let bytes = Vec::with_capacity(claimed as usize + 1);
    read_into(path, file, limit, bytes)
}

/// Reads `reader` (a file or standard input, named `path` in errors) to its end, but stops
/// with [`Error::TooLarge`] as soon as it gives more than `limit` bytes.
pub fn read_stream_limited(path: &Path, reader: impl Read, limit: u64) -> Result<Vec<u8>> {
    read_into(path, reader, limit, Vec::new())
}

fn read_into(path: &Path, reader: impl Read, limit: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>> {
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge {
            path: path.to_owned(),
            size: None,
            limit,
        });
    }
    Ok(bytes)
}

/// Reads a whole regular file (at most [`MAX_FILE_BYTES`]).
pub fn read(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, MAX_FILE_BYTES)
}

/// [`read`], following a link as the last part of `path` only as `links` says.
pub fn read_with(path: &Path, links: Links) -> Result<Vec<u8>> {
    read_limited_with(path, MAX_FILE_BYTES, links)
}

/// Whether there is something to read under `path`: a regular file (through a link, if
/// `links` follows them), or, when links are refused, a link, so that reading it reports
/// it instead of passing it over.
pub fn is_file_with(path: &Path, links: Links) -> bool {
    match links {
        Links::Follow => path.is_file(),
        Links::Refuse => std::fs::symlink_metadata(path)
            .is_ok_and(|m| m.file_type().is_file() || m.file_type().is_symlink()),
    }
}

/// Reads a whole regular file (at most [`MAX_FILE_BYTES`]) as UTF-8 text.
pub fn read_to_string(path: &Path) -> Result<String> {
    read_to_string_with(path, Links::Follow)
}

/// [`read_to_string`], following a link as the last part of `path` only as `links` says.
pub fn read_to_string_with(path: &Path, links: Links) -> Result<String> {
    String::from_utf8(read_with(path, links)?).map_err(|_| Error::Read {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ),
    })
}

/// Reads a regular file, or `None` if there is nothing under `path`.
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// The metadata of a file, following symbolic links.
pub fn metadata(path: &Path) -> Result<std::fs::Metadata> {
    std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn reads_are_bounded_by_what_is_read() {
        // /dev/zero claims no length and never ends.
        assert!(matches!(
            read_stream_limited(
                Path::new("/dev/zero"),
                std::fs::File::open("/dev/zero").unwrap(),
                1024
            ),
            Err(Error::TooLarge {
                size: None,
                limit: 1024,
                ..
            })
        ));
        assert!(matches!(
            read_limited(Path::new("/dev/zero"), 1024),
            Err(Error::NotAFile {
                kind: FileKind::Device,
                ..
            })
        ));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, [b'x'; 10]).unwrap();
        assert_eq!(read_limited(&file, 10).unwrap().len(), 10);
        assert!(matches!(
            read_limited(&file, 9),
            Err(Error::TooLarge {
                size: Some(10),
                limit: 9,
                ..
            })
        ));
        assert!(
            read_optional(&dir.path().join("missing"))
                .unwrap()
                .is_none()
        );
    }
}
