//! Creating files in an output folder that other people and processes may write to.
//!
//! Whoever can write to the folder can plant a symbolic link (or a hard link) under a name
//! a build is about to use, so that a build running as root writes through it into any
//! file. Every file mokuteki creates there is therefore created exclusively (it fails if
//! anything exists under the name, a link included, and never follows one), under a name
//! nobody can predict, and checked on the opened file itself rather than by its path;
//! relative to the open folder that holds it ([`crate::output::folder`]), so that no
//! folder on the way can be swapped for a link either.

use std::fs::File;
use std::hash::{BuildHasher, Hasher};
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};
use crate::fs::FileKind;
use crate::output::folder::Folder;

/// What marks a staged file: `.NAME` + this + a random token + `.tmp`.
pub const TEMPORARY_INFIX: &str = ".mokuteki-";

/// The suffix of every staged file.
pub const TEMPORARY_SUFFIX: &str = ".tmp";

/// The length of the random token in a staged file's name (hexadecimal digits).
pub const TOKEN_LEN: usize = 16;

/// Creates the file `path`, which must not exist: fails if anything is there, a link
/// included, without following it. The file is checked through its descriptor to be a
/// regular file with this one name.
pub fn new_file(path: &Path) -> Result<File> {
    open_new(path)
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
        .and_then(|file| check_opened(&file, path).map(|()| file))
}

/// Creates a hidden temporary file in `folder` beside the file `name`, named
/// `.NAME.mokuteki-TOKEN.tmp` with a random token, and returns its name and the open file.
/// An error names the file `name`, whose temporary it was to be.
pub fn temporary_in(folder: &Folder, name: &str) -> Result<(String, File)> {
    // A name taken already (planted, or left by a crash) is never reused: another is drawn.
    let mut attempts = 0;
    loop {
        let temporary = format!(
            ".{name}{TEMPORARY_INFIX}{}{TEMPORARY_SUFFIX}",
            random_token()
        );
        match folder.create_new(&temporary) {
            Ok(file) => {
                if let Err(error) = check_opened(&file, &folder.join(&temporary)) {
                    let _ = folder.remove_file(&temporary);
                    return Err(error);
                }
                return Ok((temporary, file));
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempts < 16 => {
                attempts += 1;
            }
            // Named as the file being written: a full disk is about that file, and the
            // temporary name means nothing to the reader.
            Err(source) => {
                return Err(Error::Write {
                    path: folder.join(name),
                    source,
                });
            }
        }
    }
}

fn open_new(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    no_follow(&mut options);
    options.open(path)
}

/// Whether `name` is the name of a staged file beside the file `target` (`notice.html`):
/// `.notice.html.mokuteki-` followed by the random token, or by the process id that older
/// versions used, and `.tmp`.
pub fn is_temporary_of(name: &str, target: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(target))
        .and_then(|rest| rest.strip_prefix(TEMPORARY_INFIX))
        .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX))
    else {
        return false;
    };
    let token = rest.len() == TOKEN_LEN
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let process_id = !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    token || process_id
}

/// Whether `name` is that of a file staged by this version for any target: `.NAME` +
/// [`TEMPORARY_INFIX`] + the random token of [`TOKEN_LEN`] hexadecimal digits +
/// [`TEMPORARY_SUFFIX`]. A build stopped while staging leaves such files beside outputs
/// that no manifest lists yet (a file the source stopped producing since); nothing but
/// mokuteki makes names of this shape.
pub fn is_staged_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX))
    else {
        return false;
    };
    let Some((target, token)) = rest.rsplit_once(TEMPORARY_INFIX) else {
        return false;
    };
    !target.is_empty()
        && token.len() == TOKEN_LEN
        && token
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Adds the flags that make opening `path` fail on a symbolic link in its last component
/// and never wait (a FIFO with no writer would block an ordinary open).
pub fn no_follow(options: &mut std::fs::OpenOptions) {
    #[cfg(unix)]
    {
        use rustix::fs::OFlags;
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((OFlags::NOFOLLOW | OFlags::NONBLOCK).bits() as i32);
    }
    #[cfg(not(unix))]
    let _ = options;
}

/// Checks an opened file, `path`: a regular file with no other name, so that writing to
/// it can change nothing outside the output folder.
pub fn check_opened(file: &File, path: &Path) -> Result<()> {
    let meta = file.metadata().map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let refused = |kind| {
        Err(Error::NotAFile {
            path: path.to_owned(),
            kind,
        })
    };
    if let Some(kind) = FileKind::of(&meta) {
        return refused(kind);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return refused(FileKind::HardLinked);
        }
    }
    Ok(())
}

/// Sixteen hexadecimal digits nobody can predict: a counter hashed with the keys the
/// standard library draws from the operating system's randomness for each process.
fn random_token() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u32(std::process::id());
    format!("{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_recognised_and_never_repeat() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open_named(dir.path(), crate::output::folder::Missing::Absent)
            .unwrap()
            .unwrap();
        let (first, _) = temporary_in(&folder, "notice.html").unwrap();
        let (second, _) = temporary_in(&folder, "notice.html").unwrap();
        assert_ne!(first, second);
        for name in [&first, &second] {
            assert!(is_temporary_of(name, "notice.html"), "{name}");
            assert!(!is_temporary_of(name, "notice.md"), "{name}");
        }
        assert!(is_temporary_of(
            ".notice.html.mokuteki-4242.tmp",
            "notice.html"
        ));
        assert!(!is_temporary_of(
            ".notice.html.mokuteki-.tmp",
            "notice.html"
        ));
        assert!(!is_temporary_of(
            ".notice.html.mokuteki-x1.tmp",
            "notice.html"
        ));
        assert!(is_staged_name(".gone.html.mokuteki-0123456789abcdef.tmp"));
        for other in [
            ".gone.html.mokuteki-4242.tmp",
            ".mokuteki-0123456789abcdef.tmp",
            "gone.html.mokuteki-0123456789abcdef.tmp",
            ".gone.html.mokuteki-0123456789ABCDEF.tmp",
            ".gone.html.mokuteki-0123456789abcdef.tmp.bak",
        ] {
            assert!(!is_staged_name(other), "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_under_the_name_is_neither_followed_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("new");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        assert!(matches!(
            new_file(&link),
            Err(Error::Write { source, .. }) if source.kind() == io::ErrorKind::AlreadyExists
        ));
        // A link to a name that does not exist yet is not followed either.
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("created-through"), &dangling).unwrap();
        assert!(new_file(&dangling).is_err());
        assert!(!dir.path().join("created-through").exists());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
