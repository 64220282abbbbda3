//! The two versions compared: a file, or a file as a git revision holds it
//! (`HEAD~1:purposes.yaml`), read with `git cat-file blob` from the repository the sources
//! live in.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, GitFailure, Result};
use crate::source::load::{self, Loaded, MAX_SOURCE_BYTES};

/// Where one version comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    /// A file on disk.
    File(PathBuf),
    /// A file as a git revision holds it.
    Git {
        /// The revision: a commit, a tag, `HEAD~1`, ….
        revision: String,
        /// The file's path, as git reads it after the colon (relative to the top of the
        /// repository, or, when it starts with `./`, to the folder git is run in: that of
        /// the other version's file).
        path: String,
    },
}

impl Version {
    /// Reads a command-line argument: `REV:PATH` is a revision's file (a single letter
    /// before the colon is a Windows drive, not a revision), anything else a file, and so is
    /// a path written as one (starting with `./`, `../` or `/`), whatever it holds. A file
    /// whose name reads as `REV:PATH` is not taken for the revision: reading the revision
    /// refuses the ambiguity (see [`Version::load`]), so that a file planted under that name
    /// cannot stand in for the version in git.
    pub fn parse(argument: &str) -> Version {
        let as_file = PathBuf::from(argument);
        let written_as_path = ["./", "../", "/"]
            .iter()
            .any(|start| argument.starts_with(start));
        if written_as_path {
            return Version::File(as_file);
        }
        match argument.split_once(':') {
            Some((revision, path))
                if !revision.is_empty() && revision.len() > 1 && !path.is_empty() =>
            {
                Version::Git {
                    revision: revision.to_owned(),
                    path: path.to_owned(),
                }
            }
            _ => Version::File(as_file),
        }
    }

    /// How messages name this version: the file's path, or `REV:PATH`.
    pub fn name(&self) -> PathBuf {
        match self {
            Version::File(path) => path.clone(),
            Version::Git { revision, path } => PathBuf::from(format!("{revision}:{path}")),
        }
    }

    /// The file on disk, for a version that is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Version::File(path) => Some(path),
            Version::Git { .. } => None,
        }
    }

    /// Reads and checks this version. `repository` is a folder inside the git repository
    /// to read a revision from. A revision's file is refused when a file of the same name
    /// (`REV:PATH`) exists too: which of them is meant cannot be told.
    pub fn load(&self, repository: &Path) -> Result<Loaded> {
        match self {
            Version::File(path) => load::read_file(path),
            Version::Git { revision, path } => {
                if std::fs::symlink_metadata(self.name()).is_ok() {
                    return Err(Error::Git {
                        version: self.name(),
                        failure: GitFailure::Ambiguous,
                    });
                }
                let bytes = git_show(repository, revision, path)?;
                load::read_bytes(&self.name(), &bytes)
            }
        }
    }
}

/// The variables through which the environment would make git read another repository,
/// object store or history than that of the folder it is run in (from git's own list,
/// `git rev-parse --local-env-vars`, less the configuration ones an operator may set on
/// purpose): run from a git hook, or a shell with `GIT_DIR` set, mokuteki would otherwise
/// compare a file of another repository.
pub const REPOSITORY_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_IMPLICIT_WORK_TREE",
    "GIT_COMMON_DIR",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_GRAFT_FILE",
    "GIT_SHALLOW_FILE",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// The most of git's error output kept for the message.
const MAX_GIT_MESSAGE: u64 = 16 * 1024;

/// The bytes of `path` at `revision`, from `git cat-file blob` run in `repository`.
///
/// `cat-file blob` gives exactly one file's bytes or an error: unlike `git show`, it never
/// reads a name it cannot resolve as a path to filter a log by (which printed nothing and
/// succeeded), never lists a folder, shows a range or a commit, and runs no diff or text
/// conversion driver. Its output is read up to the limit of a source, then git is stopped.
fn git_show(repository: &Path, revision: &str, path: &str) -> Result<Vec<u8>> {
    let name = PathBuf::from(format!("{revision}:{path}"));
    let failed = |failure: GitFailure| Error::Git {
        version: name.clone(),
        failure,
    };
    // A revision that looks like an option would be read by git as one.
    if revision.starts_with('-') {
        return Err(failed(GitFailure::OptionLike));
    }
    // The size first, which git reads from the object's header: a blob of gigabytes is
    // refused before git inflates it (it did, 200–300 MB of memory, when only its output
    // was bounded). A name git cannot resolve is left to `cat-file blob`, which says why.
    if let Some(size) = git_blob_size(repository, &name)
        && size > MAX_SOURCE_BYTES
    {
        return Err(failed(GitFailure::TooLarge {
            limit: MAX_SOURCE_BYTES,
        }));
    }
    let mut command = git(repository);
    command
        .args(["cat-file", "blob"])
        .arg(&name)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|error| failed(GitFailure::NotRun(error.to_string())))?;
    let (Some(mut stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(failed(GitFailure::NotRun("no pipe".to_owned())));
    };
    let messages = std::thread::spawn(move || read_bounded_draining(stderr, MAX_GIT_MESSAGE));
    let mut bytes = Vec::new();
    let read = (&mut stdout)
        .take(MAX_SOURCE_BYTES + 1)
        .read_to_end(&mut bytes);
    if read.is_err() || bytes.len() as u64 > MAX_SOURCE_BYTES {
        // Stop git rather than read (or wait for) the rest.
        let _ = child.kill();
    }
    drop(stdout);
    let status = child.wait();
    let message = messages.join().unwrap_or_default();
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(failed(GitFailure::TooLarge {
            limit: MAX_SOURCE_BYTES,
        }));
    }
    let status = status.map_err(|error| failed(GitFailure::NotRun(error.to_string())))?;
    if let Err(error) = read {
        return Err(failed(GitFailure::NotRun(error.to_string())));
    }
    if !status.success() {
        let message = String::from_utf8_lossy(&message).trim().to_owned();
        return Err(failed(GitFailure::Refused(message)));
    }
    Ok(bytes)
}

/// git, run in `repository` with the variables that would choose another repository
/// removed, no prompt and standard input closed.
fn git(repository: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(repository)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null());
    for variable in REPOSITORY_VARIABLES {
        command.env_remove(variable);
    }
    command
}

/// The size in bytes of the object `name` (`REV:PATH`), as `git cat-file -s` gives it;
/// `None` when git cannot say.
fn git_blob_size(repository: &Path, name: &Path) -> Option<u64> {
    let output = git(repository)
        .args(["cat-file", "-s"])
        .arg(name)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    std::str::from_utf8(&output.stdout)
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Reads at most `limit` bytes of `reader`, then reads the rest into nothing, so that the
/// writer at the other end of a pipe is never blocked.
fn read_bounded_draining(mut reader: impl Read, limit: u64) -> Vec<u8> {
    let mut kept = Vec::new();
    let _ = (&mut reader).take(limit).read_to_end(&mut kept);
    let _ = std::io::copy(&mut reader, &mut std::io::sink());
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_and_path_is_read_from_git_and_a_drive_letter_is_not() {
        assert_eq!(
            Version::parse("HEAD~1:purposes.yaml"),
            Version::Git {
                revision: "HEAD~1".into(),
                path: "purposes.yaml".into()
            }
        );
        assert_eq!(
            Version::parse("C:purposes.yaml"),
            Version::File("C:purposes.yaml".into())
        );
        assert_eq!(
            Version::parse("no-colon.yaml"),
            Version::File("no-colon.yaml".into())
        );
    }
}
