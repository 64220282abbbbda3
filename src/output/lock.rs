//! The output folder's lock: one build writes into a folder at a time.
//!
//! The lock is a file, `.mokuteki-lock`, created atomically with its content (so exactly one
//! process can create it, and no other ever reads it half written) and holding the process id and host name of its holder. It is removed
//! when the build ends, also when it fails. A lock left by a process that no longer runs
//! on this host (a crash, a kill) is recovered; one from another host is reported, since
//! its process cannot be checked from here.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The lock's file name in the output folder.
pub const FILE_NAME: &str = ".mokuteki-lock";

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    content: String,
}

impl Lock {
    /// Takes the lock of `out_dir`, which must exist; recovers a stale one.
    pub fn acquire(out_dir: &Path) -> Result<Lock> {
        let path = out_dir.join(FILE_NAME);
        let content = format!("pid {}\nhost {}\n", std::process::id(), host_name());
        // A stale lock is recovered at most a few times, then we give up rather than loop.
        for _ in 0..3 {
            match create(&path, &content) {
                Ok(()) => return Ok(Lock { path, content }),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(Error::Write { path, source }),
            }
            let held = match std::fs::read_to_string(&path) {
                Ok(held) => held,
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => continue,
                Err(source) => return Err(Error::Read { path, source }),
            };
            let holder = Holder::parse(&held);
            if !holder.is_dead() {
                return Err(Error::Locked {
                    path,
                    holder: holder.describe(),
                });
            }
            recover(&path, &held)?;
        }
        Err(Error::Locked {
            path,
            holder: "other builds that keep taking it".to_owned(),
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove it only if it is still ours.
        if std::fs::read_to_string(&self.path).is_ok_and(|held| held == self.content) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Creates the lock file with its content in one step: the content is written to a
/// temporary file first, then linked under the lock's name, which fails if the lock exists.
/// A second build therefore never reads a lock whose content is not written yet.
fn create(path: &Path, content: &str) -> std::io::Result<()> {
    let temporary = path.with_file_name(format!("{FILE_NAME}.new-{}", std::process::id()));
    // Not flushed to disk: a lock only matters while its process runs, and one lost in a
    // power cut is one fewer stale lock to recover.
    std::fs::write(&temporary, content)?;
    let linked = std::fs::hard_link(&temporary, path);
    let _ = std::fs::remove_file(&temporary);
    match linked {
        Err(error) if error.kind() != std::io::ErrorKind::AlreadyExists => {
            // A filesystem without hard links: create the file in place instead.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)?;
            file.write_all(content.as_bytes())
        }
        other => other,
    }
}

/// Moves a stale lock aside and deletes it. Moving first (a single rename) means two
/// processes recovering the same stale lock cannot both succeed: the second finds the
/// first one's fresh lock under the name, sees it differs, and puts it back.
fn recover(path: &Path, stale: &str) -> Result<()> {
    let aside = path.with_file_name(format!("{FILE_NAME}.stale-{}", std::process::id()));
    match std::fs::rename(path, &aside) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Write {
                path: path.to_owned(),
                source,
            });
        }
    }
    if std::fs::read_to_string(&aside).is_ok_and(|moved| moved == stale) {
        let _ = std::fs::remove_file(&aside);
    } else {
        let _ = std::fs::rename(&aside, path);
    }
    Ok(())
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

    /// Whether the holder is certainly gone: same host, and no such process.
    fn is_dead(&self) -> bool {
        let Some(pid) = self.pid else {
            return false; // unreadable: leave it to a person
        };
        if self.host.as_deref() != Some(host_name().as_str()) {
            return false;
        }
        let proc = Path::new("/proc");
        proc.join("self").exists() && !proc.join(pid.to_string()).exists()
    }

    fn describe(&self) -> String {
        let pid = self.pid.map_or_else(
            || "an unknown process".to_owned(),
            |p| format!("process {p}"),
        );
        match &self.host {
            Some(host) => format!("{pid} on host {host}"),
            None => pid,
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
        assert_eq!(holder.pid, Some(42));
        assert_eq!(holder.describe(), "process 42 on host web1");
        assert!(
            !holder.is_dead(),
            "a lock from another host is never taken over"
        );
    }

    #[test]
    fn a_live_holder_is_not_dead() {
        let holder = Holder::parse(&format!(
            "pid {}\nhost {}\n",
            std::process::id(),
            host_name()
        ));
        assert!(!holder.is_dead());
    }
}
