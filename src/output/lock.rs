//! The output folder's lock: one build writes into a folder at a time.
//!
//! The lock is the operating system's exclusive lock (`flock`) on the file `.mokuteki-lock`
//! in the output folder. The system releases it when its holder ends, however it ends
//! (an error, SIGTERM, SIGKILL, a crash), so a lock is never stale: a lock file left behind
//! is simply taken by the next build, on any system, whatever process id it names. The
//! file holds the holder's process id and host name, only to name it in the message of a
//! build that finds the folder locked; it is removed when the build ends.
//!
//! The file is opened relative to the open output folder, without following a link, and
//! checked, on the opened file, to be a regular file with no other name, so a link planted
//! under its name cannot make a build write anywhere else.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Error, LockHolder, Result};
use crate::fs::FileKind;
use crate::output::create;
use crate::output::folder::Folder;

/// The lock's file name in the output folder.
pub const FILE_NAME: &str = ".mokuteki-lock";

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    /// The output folder, where the lock file is.
    folder: Arc<Folder>,
    /// The open lock file, which holds the system's lock until it is closed.
    file: File,
}

impl Lock {
    /// Takes the lock of the open output folder `folder`.
    pub fn acquire(folder: &Arc<Folder>) -> Result<Lock> {
        let path = folder.join(FILE_NAME);
        let write_error = |source| Error::Write {
            path: path.clone(),
            source,
        };
        // The holder removes the file before releasing the lock, so a build that opened
        // the file just before sees, once it has the lock, that the name is gone or names
        // another file, and starts again with the file there now.
        for _ in 0..100 {
            let mut file = open(folder)?;
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
            if !folder.names_file(FILE_NAME, &file) {
                continue;
            }
            // Who holds it, for the message of a build that finds it locked. Not flushed to
            // disk: the lock only matters while its holder runs. If the disk is full, the
            // lock is held all the same and the message names an unknown process.
            let content = format!("pid {}\nhost {}\n", std::process::id(), host_name());
            let _ = file
                .set_len(0)
                .and_then(|()| file.write_all(content.as_bytes()));
            return Ok(Lock {
                folder: Arc::clone(folder),
                file,
            });
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
        if self.folder.names_file(FILE_NAME, &self.file) {
            let _ = self.folder.remove_file(FILE_NAME);
        }
        // Closing the file (after this) releases the lock.
    }
}

/// Opens the lock file in `folder`, creating it if needed: never through a link, never
/// waiting on a FIFO, and only a regular file with no other name.
fn open(folder: &Folder) -> Result<File> {
    let path: PathBuf = folder.join(FILE_NAME);
    let file = match folder.open_or_create(FILE_NAME) {
        Ok(file) => file,
        Err(source) => {
            // Opened without following: a link under the name fails to open; say so.
            return Err(match folder.open_regular(FILE_NAME) {
                Err(Error::NotAFile {
                    kind: FileKind::SymbolicLink,
                    ..
                }) => Error::NotAFile {
                    path,
                    kind: FileKind::SymbolicLink,
                },
                _ => Error::Write { path, source },
            });
        }
    };
    create::check_opened(&file, &path)?;
    Ok(file)
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

    fn folder(dir: &std::path::Path) -> Arc<Folder> {
        let missing = crate::output::folder::Missing::Absent;
        Arc::new(Folder::open_named(dir, missing).unwrap().unwrap())
    }

    #[test]
    fn one_holder_at_a_time_and_the_file_goes_with_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let lock = Lock::acquire(&folder(dir.path())).unwrap();
        match Lock::acquire(&folder(dir.path())) {
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
        drop(Lock::acquire(&folder(dir.path())).unwrap());
    }

    #[test]
    fn a_lock_file_removed_and_made_again_under_a_holder_is_not_shared() {
        // A build that opened the file of a holder which then ended: it must not hold the
        // lock on the old, removed file while a third build holds the new one.
        let dir = tempfile::tempdir().unwrap();
        let folder = folder(dir.path());
        let old = open(&folder).unwrap();
        std::fs::remove_file(dir.path().join(FILE_NAME)).unwrap();
        let third = Lock::acquire(&folder).unwrap();
        old.try_lock().unwrap();
        assert!(!folder.names_file(FILE_NAME, &old));
        assert!(matches!(Lock::acquire(&folder), Err(Error::Locked { .. })));
        drop(third);
    }
}
