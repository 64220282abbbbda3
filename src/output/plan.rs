//! What a build would do to the output folder, worked out before anything is touched.
//!
//! The same plan drives `build` (which carries it out) and `build --check` (which reports
//! it), so the check says exactly what a build would change.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::manifest::{self, Manifest, Writer};
use crate::output::sha256;
use crate::parallel;
use crate::render::Output;

/// The difference between the rendered outputs and the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Outputs whose file has the same bytes already.
    pub unchanged: Vec<String>,
    /// Outputs with no file yet.
    pub added: Vec<String>,
    /// Outputs whose file, written by mokuteki before, has other bytes.
    pub changed: Vec<String>,
    /// Outputs whose file mokuteki did not write: the build refuses to replace them.
    pub in_the_way: Vec<String>,
    /// Changed outputs (also in `changed`) whose file no longer holds what mokuteki wrote:
    /// edited by hand since. The build replaces them only when forced.
    pub edited: Vec<String>,
    /// The hash of what each changed output's file holds now, when it was read.
    pub replacing: std::collections::BTreeMap<String, String>,
    /// Files mokuteki wrote before, no longer produced, still as written: removed.
    pub removed: Vec<String>,
    /// Files mokuteki wrote before, no longer produced, changed since (or written under the
    /// old manifest that kept no hash): kept, and no longer listed in the manifest.
    pub kept: Vec<String>,
    /// The manifest as it was (empty if there was none).
    pub old_manifest: Manifest,
    /// The manifest after the build.
    pub new_manifest: Manifest,
    /// The manifest file's bytes now, `None` if there is none.
    pub old_manifest_bytes: Option<Vec<u8>>,
    /// The output folder, resolved once for [`Plan::inside`].
    folder: Confined,
}

impl Plan {
    /// Works out what writing `outputs` into `out_dir` would do, the new manifest recording
    /// `fingerprint` (see [`crate::incremental`]) and the command `writer`, which is refused
    /// a folder another command wrote (see [`Manifest::admit`]). Reads, never writes.
    pub fn new(
        out_dir: &Path,
        outputs: &[Output],
        fingerprint: Option<&str>,
        writer: Writer,
    ) -> Result<Plan> {
        let manifest_path = out_dir.join(manifest::FILE_NAME);
        let old_manifest_bytes = read_optional(&manifest_path)?;
        let old_manifest = match &old_manifest_bytes {
            Some(bytes) => Manifest::from_bytes(&manifest_path, bytes)?,
            None => Manifest::default(),
        };
        old_manifest.admit(out_dir, writer, outputs)?;
        let folder = Confined::new(out_dir);
        let mut plan = Plan {
            old_manifest: old_manifest.clone(),
            old_manifest_bytes,
            folder,
            ..Plan::default()
        };
        plan.new_manifest.fingerprint = fingerprint.map(str::to_owned);
        plan.new_manifest.writer = writer;
        // Reading each existing file and hashing each output are independent: for large
        // outputs they share the cores.
        let jobs = parallel::jobs_for_bytes(outputs.iter().map(|o| o.content.len()).sum());
        let looked_at = parallel::map(outputs, jobs, |output| -> Result<(Existing, String)> {
            let path = plan.folder.path(&output.path)?;
            let recorded = old_manifest
                .files
                .get(&output.path)
                .is_some_and(Option::is_some)
                .then_some((&old_manifest, output.path.as_str()));
            let existing = look_at(&path, &output.content, recorded)?;
            Ok((existing, sha256::hex(&output.content)))
        });
        for (output, looked_at) in outputs.iter().zip(looked_at) {
            let (existing, hash) = looked_at?;
            match existing {
                Existing::Same => plan.unchanged.push(output.path.clone()),
                Existing::Other { .. } if !old_manifest.contains(&output.path) => {
                    plan.in_the_way.push(output.path.clone());
                }
                Existing::Other { edited, hash } => {
                    if edited {
                        plan.edited.push(output.path.clone());
                    }
                    if let Some(hash) = hash {
                        plan.replacing.insert(output.path.clone(), hash);
                    }
                    plan.changed.push(output.path.clone());
                }
                Existing::Missing => plan.added.push(output.path.clone()),
            }
            plan.new_manifest.record(&output.path, hash);
        }
        for path in old_manifest.files.keys() {
            if plan.new_manifest.contains(path) {
                continue;
            }
            let full = plan.folder.path(path)?;
            let Some(existing) = read_optional(&full)? else {
                continue; // gone already: dropped from the manifest
            };
            if old_manifest.wrote(path, &sha256::hex(&existing)) {
                plan.removed.push(path.clone());
            } else {
                plan.kept.push(path.clone());
            }
        }
        Ok(plan)
    }

    /// The full path of `relative` in the output folder (see [`Confined::path`]).
    pub fn inside(&self, relative: &str) -> Result<PathBuf> {
        self.folder.path(relative)
    }

    /// The outputs that must be written: added and changed ones.
    pub fn to_write(&self) -> impl Iterator<Item = &String> {
        self.added.iter().chain(&self.changed)
    }

    /// Whether the manifest file would be rewritten.
    pub fn manifest_changes(&self) -> bool {
        self.old_manifest_bytes.as_deref() != Some(self.new_manifest.to_bytes().as_slice())
    }

    /// Whether the folder is exactly what a build would leave (nothing to write or remove).
    pub fn is_identical(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.in_the_way.is_empty()
            && self.removed.is_empty()
            && !self.manifest_changes()
    }
}

/// An output folder whose real location was looked up once, to check many paths against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confined {
    out_dir: PathBuf,
    /// The folder with every link resolved; `None` while it does not exist.
    root: Option<PathBuf>,
}

impl Confined {
    /// Resolves `out_dir` (resolving it again for every path was a few system calls per
    /// output, a tenth of a federation build).
    pub fn new(out_dir: &Path) -> Confined {
        Confined {
            out_dir: out_dir.to_owned(),
            root: std::fs::canonicalize(out_dir).ok(),
        }
    }

    /// The full path of `relative` in the folder, refusing a path that is not a plain
    /// relative one or that leaves the folder through a symbolic link on the way.
    pub fn path(&self, relative: &str) -> Result<PathBuf> {
        let out_dir = &self.out_dir;
        let escapes = |link: PathBuf| Error::Escapes {
            path: out_dir.join(relative),
            link,
        };
        if !manifest::is_safe_relative(relative) {
            return Err(escapes(out_dir.join(relative)));
        }
        let Some(root) = &self.root else {
            return Ok(out_dir.join(relative)); // no folder yet: nothing to follow
        };
        let mut current = out_dir.to_path_buf();
        for component in relative.split('/') {
            current.push(component);
            match std::fs::symlink_metadata(&current) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    let target = std::fs::canonicalize(&current).unwrap_or_default();
                    if !target.starts_with(root) || target == *root {
                        return Err(escapes(current));
                    }
                }
                Ok(_) => {}
                Err(_) => break, // does not exist yet: created as a plain folder or file
            }
        }
        Ok(out_dir.join(relative))
    }
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    crate::fs::read_optional(path)
}

/// What an output's file holds now.
enum Existing {
    /// No file.
    Missing,
    /// The output's bytes already.
    Same,
    /// Other bytes; `edited` when they are not what the manifest records either.
    Other {
        /// Changed since mokuteki wrote the file.
        edited: bool,
        /// The hash of the bytes, when they were read.
        hash: Option<String>,
    },
}

/// Looks at the file at `path` where `content` is to be written; `recorded` is the manifest
/// and the path it records a hash for, if it does. A file of another size is read only to
/// compare it with the record.
fn look_at(path: &Path, content: &[u8], recorded: Option<(&Manifest, &str)>) -> Result<Existing> {
    let file = match crate::fs::open_regular(path) {
        Ok(file) => file,
        Err(Error::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Existing::Missing);
        }
        Err(error) => return Err(error),
    };
    let size = file
        .metadata()
        .map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?
        .len();
    let Some(recorded) = recorded else {
        if size != content.len() as u64 {
            return Ok(Existing::Other {
                edited: false,
                hash: None,
            });
        }
        // One byte more than expected tells a file that grew since from the same content.
        let existing = crate::fs::read_stream_limited(path, file, content.len() as u64 + 1)?;
        return Ok(if existing == content {
            Existing::Same
        } else {
            Existing::Other {
                edited: false,
                hash: None,
            }
        });
    };
    let existing = crate::fs::read_stream_limited(path, file, crate::fs::MAX_FILE_BYTES)?;
    if existing == content {
        return Ok(Existing::Same);
    }
    let (manifest, relative) = recorded;
    let hash = sha256::hex(&existing);
    Ok(Existing::Other {
        edited: !manifest.wrote(relative, &hash),
        hash: Some(hash),
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_confined_folder_refuses_links_out_and_follows_links_within() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir_all(real.join("inner")).unwrap();
        // The output folder may itself be reached through a link.
        let out = dir.path().join("out");
        std::os::unix::fs::symlink(&real, &out).unwrap();
        std::os::unix::fs::symlink(dir.path(), real.join("away")).unwrap();
        std::os::unix::fs::symlink(real.join("inner"), real.join("near")).unwrap();

        let folder = Confined::new(&out);
        assert_eq!(folder.path("a.html").unwrap(), out.join("a.html"));
        assert_eq!(folder.path("near/a.html").unwrap(), out.join("near/a.html"));
        assert!(matches!(
            folder.path("away/a.html"),
            Err(Error::Escapes { .. })
        ));
        assert!(matches!(folder.path("../a"), Err(Error::Escapes { .. })));
        // Not there yet: nothing to follow, but still no way out by name.
        let missing = Confined::new(&dir.path().join("missing"));
        assert!(missing.path("a/b.html").is_ok());
        assert!(missing.path("/etc/passwd").is_err());
    }
}
