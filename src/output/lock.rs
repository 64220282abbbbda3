//! The output folder's lock: one build writes into a folder at a time.
//!
//! The lock is the operating system's exclusive lock (`flock`) on the file `.mokuteki-lock`
//! in the output folder. The system releases it when its holder ends, however it ends
//! (an error, SIGTERM, SIGKILL, a crash), so a lock is never stale: a lock file left behind
//! is simply taken by the next build, on any system, whatever process id it names. The
//! file holds the holder's process id and host name, only to name it in the message of a
//! build that finds the folder locked; it is removed when the build ends.
//!
//! The file is opened without following a link and checked, on the opened file, to be a
//! regular file with no other name, so a link planted under its name cannot make a build
//! write anywhere else.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, LockHolder, Result};
use crate::fs::FileKind;
use crate::output::create;

/// The lock's file name in the output folder.
pub const FILE_NAME: &str = ".mokuteki-lock";

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    /// The open lock file, which holds the system's lock until it is closed.
    file: File,
}

impl Lock {
    /// Takes the lock of `out_dir`, which must exist.
    pub fn acquire(out_dir: &Path) -> Result<Lock> {
        let path = out_dir.join(FILE_NAME);
        let write_error = |source| Error::Write {
            path: path.clone(),
            source,
        };
        // The holder removes the file before releasing the lock, so a build that opened
        // the file just before sees, once it has the lock, that the name is gone or names
        // another file, and starts again with the file there now.
        for _ in 0..100 {
            let mut file = open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        holder: Holder::read(&mut file).named(),
                        path,
                    });
                }
                Err(TryLockError::Error(source)) => return Err(write_error(source)),
            }
            if !still_named(&file, &path) {
                continue;
            }
            // Who holds it, for the message of a build that finds it locked. Not flushed to
            // disk: the lock only matters while its holder runs. If the disk is full, the
            // lock is held all the same and the message names an unknown process.
            let content = format!("pid {}\nhost {}\n", std::process::id(), host_name());
            let _ = file
                .set_len(0)
                .and_then(|()| file.write_all(content.as_bytes()));
            return Ok(Lock { path, file });
        }
        Err(Error::Locked {
            path,
            holder: LockHolder::OtherBuilds,
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, and only while the name is still this file (nobody
        // else removes a lock file another build holds).
        if still_named(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        // Closing the file (after this) releases the lock.
    }
}

/// Opens the lock file, creating it if needed: never through a link, never waiting on a
/// FIFO, and only a regular file with no other name.
fn open(path: &Path) -> Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true);
    create::no_follow(&mut options);
    let file = options.open(path).map_err(|source| {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if link {
            Error::NotAFile {
                path: path.to_owned(),
                kind: FileKind::SymbolicLink,
            }
        } else {
            Error::Write {
                path: path.to_owned(),
                source,
            }
        }
    })?;
    create::check_opened(&file, path)?;
    Ok(file)
}

/// Whether `path` still names the open `file` (the same file on the same device).
fn still_named(file: &File, path: &Path) -> bool {
    let (Ok(opened), Ok(named)) = (file.metadata(), std::fs::symlink_metadata(path)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        opened.dev() == named.dev() && opened.ino() == named.ino()
    }
    #[cfg(not(unix))]
    {
        // No file identity to compare: a file under the name is taken to be this one.
        let _ = opened;
        named.is_file()
    }
}

/// Who holds a lock, as read from its file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Holder {
    pid: Option<u32>,
    host: Option<String>,
}

impl Holder {
    fn parse(text: &str) -> Holder {
        let field = |key: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(key)?.strip_prefix(' '))
                .map(str::trim)
        };
        Holder {
            pid: field("pid").and_then(|pid| pid.parse().ok()),
            host: field("host").map(str::to_owned),
        }
    }

    /// The holder named in the lock file `file`. The holder writes its name just after
    /// taking the lock; a file still empty is read again a few times before the holder is
    /// called unknown.
    fn read(file: &mut File) -> Holder {
        let mut text = String::new();
        for _ in 0..50 {
            text.clear();
            let read = file
                .rewind()
                .and_then(|()| file.take(4096).read_to_string(&mut text));
            if read.is_ok() && text.ends_with('\n') {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        Holder::parse(&text)
    }

    /// The holder, as the message of a build that finds the folder locked names it.
    fn named(self) -> LockHolder {
        LockHolder::Process {
            pid: self.pid,
            host: self.host,
        }
    }
}

/// This machine's name, for the lock file; `localhost` if it cannot be read.
pub fn host_name() -> String {
    ["/proc/sys/kernel/hostname", "/etc/hostname"]
        .iter()
        .find_map(|path| std::fs::read_to_string(path).ok())
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_holder() {
        let holder = Holder::parse("pid 42\nhost web1\n");
        assert_eq!(
            holder.named(),
            LockHolder::Process {
                pid: Some(42),
                host: Some("web1".to_owned())
            }
        );
        assert_eq!(
            Holder::parse("").named(),
            LockHolder::Process {
                pid: None,
                host: None
            }
        );
    }

    #[test]
    fn one_holder_at_a_time_and_the_file_goes_with_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(dir.path()).unwrap();
        match Lock::acquire(dir.path()) {
            Err(Error::Locked { holder, .. }) => {
                assert_eq!(
                    holder,
                    LockHolder::Process {
                        pid: Some(std::process::id()),
                        host: Some(host_name())
                    }
                );
            }
            other => panic!("{other:?}"),
        }
        drop(lock);
        assert!(!dir.path().join(FILE_NAME).exists());
        drop(Lock::acquire(dir.path()).unwrap());
    }

    #[test]
    fn a_lock_file_removed_and_made_again_under_a_holder_is_not_shared() {
        // A build that opened the file of a holder which then ended: it must not hold the
        // lock on the old, removed file while a third build holds the new one.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let old = open(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        let third = Lock::acquire(dir.path()).unwrap();
        old.try_lock().unwrap();
        assert!(!still_named(&old, &path));
        assert!(matches!(
            Lock::acquire(dir.path()),
            Err(Error::Locked { .. })
        ));
        drop(third);
    }
}
