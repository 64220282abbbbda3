//! The two versions compared: a file, or a file as a git revision holds it
//! (`HEAD~1:purposes.yaml`), read with `git show` from the repository the sources live in.

use std::path::{Path, PathBuf};
use std::process::Command;

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
    /// Reads a command-line argument: an existing file is a file; otherwise `REV:PATH` is a
    /// revision's file (a single letter before the colon is a Windows drive, not a revision).
    pub fn parse(argument: &str) -> Version {
        let as_file = PathBuf::from(argument);
        if as_file.exists() {
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
    /// to read a revision from.
    pub fn load(&self, repository: &Path) -> Result<Loaded> {
        match self {
            Version::File(path) => load::read_file(path),
            Version::Git { revision, path } => {
                let bytes = git_show(repository, revision, path)?;
                load::read_bytes(&self.name(), &bytes)
            }
        }
    }
}

/// The bytes of `path` at `revision`, from `git show` run in `repository`.
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
    let output = Command::new("git")
        .arg("-C")
        .arg(repository)
        .arg("show")
        .arg(format!("{revision}:{path}"))
        .output()
        .map_err(|error| failed(GitFailure::NotRun(error.to_string())))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(failed(GitFailure::Refused(message)));
    }
    if output.stdout.len() as u64 > MAX_SOURCE_BYTES {
        return Err(failed(GitFailure::TooLarge {
            size: output.stdout.len() as u64,
            limit: MAX_SOURCE_BYTES,
        }));
    }
    Ok(output.stdout)
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
