//! What a build would do to the output folder, worked out before anything is touched.
//!
//! The same plan drives `build` (which carries it out) and `build --check` (which reports
//! it), so the check says exactly what a build would change.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::fs::FileKind;
use crate::output::folder::{Missing, OutputFolder};
use crate::output::manifest::{self, Manifest, Writer};
use crate::output::sha256;
use crate::parallel;
use crate::render::Output;

/// The difference between the rendered outputs and the output folder.
#[derive(Debug, Default)]
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
    /// The output folder, held open with every folder below it that holds a file of the
    /// plan: what the plan read is where the build writes. `None` while it does not exist.
    folder: Option<OutputFolder>,
    /// The output folder's path, for messages.
    out_dir: PathBuf,
}

impl Plan {
    /// Works out what writing `outputs` into the output folder `folder` (`out_dir`, `None`
    /// when it does not exist yet) would do, the new manifest recording `fingerprint` (see
    /// [`crate::incremental`]) and the command `writer`, which is refused a folder another
    /// command wrote (see [`Manifest::admit`]). Reads, never writes; every folder below the
    /// output folder that holds an output or a file of the manifest is opened without
    /// following links ([`Error::FolderLink`] for a link).
    pub fn new(
        out_dir: PathBuf,
        mut folder: Option<OutputFolder>,
        outputs: &[Output],
        fingerprint: Option<&str>,
        writer: Writer,
    ) -> Result<Plan> {
        let old_manifest_bytes = match &folder {
            Some(folder) => manifest::read_trusted(folder.root())?,
            None => None,
        };
        let manifest_path = out_dir.join(manifest::FILE_NAME);
        let old_manifest = match &old_manifest_bytes {
            Some(bytes) => Manifest::from_bytes(&manifest_path, bytes)?,
            None => Manifest::default(),
        };
        old_manifest.admit(&out_dir, writer, outputs)?;
        for output in outputs {
            if !manifest::is_safe_relative(&output.path) {
                return Err(Error::Write {
                    path: out_dir.join(&output.path),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "not a plain path inside the output folder",
                    ),
                });
            }
        }
        // Every folder on the way to a file of the plan, opened once, before the reads
        // below share them among threads.
        if let Some(folder) = &mut folder {
            for relative in outputs
                .iter()
                .map(|o| &o.path)
                .chain(old_manifest.files.keys())
            {
                folder.reach(relative, Missing::Absent)?;
            }
        }
        let mut plan = Plan {
            old_manifest: old_manifest.clone(),
            old_manifest_bytes,
            folder,
            out_dir,
            ..Plan::default()
        };
        plan.new_manifest.fingerprint = fingerprint.map(str::to_owned);
        plan.new_manifest.writer = writer;
        // Reading each existing file and hashing each output are independent: for large
        // outputs they share the cores.
        let jobs = parallel::jobs_for_bytes(outputs.iter().map(|o| o.content.len()).sum());
        let looked_at = parallel::map(outputs, jobs, |output| -> Result<(Existing, String)> {
            let recorded = old_manifest
                .files
                .get(&output.path)
                .is_some_and(Option::is_some)
                .then_some((&old_manifest, output.path.as_str()));
            let existing = plan.look_at(&output.path, &output.content, recorded)?;
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
            match plan.open(path)? {
                Opened::Missing => {} // gone already: dropped from the manifest
                // mokuteki never writes a link: one under the name is not what it wrote.
                Opened::Link => plan.kept.push(path.clone()),
                Opened::File(file) => {
                    let existing = crate::fs::read_opened(
                        &plan.inside(path),
                        file,
                        crate::fs::MAX_FILE_BYTES,
                    )?;
                    if old_manifest.wrote(path, &sha256::hex(&existing)) {
                        plan.removed.push(path.clone());
                    } else {
                        plan.kept.push(path.clone());
                    }
                }
            }
        }
        Ok(plan)
    }

    /// The path of `relative` in the output folder, for messages.
    pub fn inside(&self, relative: &str) -> PathBuf {
        self.out_dir.join(relative)
    }

    /// The output folder, open, if it exists.
    pub fn folder(&self) -> Option<&OutputFolder> {
        self.folder.as_ref()
    }

    /// The output folder, open, to create files and folders in, if it exists.
    pub fn folder_mut(&mut self) -> Option<&mut OutputFolder> {
        self.folder.as_mut()
    }

    /// What the file `relative` holds now, read through the folders the plan opened; empty
    /// when it is missing, a link, or cannot be read.
    pub fn read_existing(&self, relative: &str) -> Vec<u8> {
        match self.open(relative) {
            Ok(Opened::File(file)) => {
                crate::fs::read_opened(&self.inside(relative), file, crate::fs::MAX_FILE_BYTES)
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        }
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

    /// Opens the file `relative` for reading through the folders the plan opened.
    fn open(&self, relative: &str) -> Result<Opened> {
        let Some((folder, name)) = self
            .folder
            .as_ref()
            .and_then(|folder| folder.parent_of(relative))
        else {
            return Ok(Opened::Missing); // a folder on the way does not exist
        };
        match folder.open_regular(name) {
            Ok(Some(file)) => Ok(Opened::File(file)),
            Ok(None) => Ok(Opened::Missing),
            Err(Error::NotAFile {
                kind: FileKind::SymbolicLink,
                ..
            }) => Ok(Opened::Link),
            Err(error) => Err(error),
        }
    }

    /// Looks at the file `relative` where `content` is to be written; `recorded` is the
    /// manifest and the path it records a hash for, if it does. A file of another size is
    /// read only to compare it with the record.
    fn look_at(
        &self,
        relative: &str,
        content: &[u8],
        recorded: Option<(&Manifest, &str)>,
    ) -> Result<Existing> {
        let path = self.inside(relative);
        let file = match self.open(relative)? {
            Opened::Missing => return Ok(Existing::Missing),
            // Not what mokuteki wrote (it writes no links), and never read through: in the
            // way, or edited since if the manifest lists the name.
            Opened::Link => {
                return Ok(Existing::Other {
                    edited: true,
                    hash: None,
                });
            }
            Opened::File(file) => file,
        };
        let size = file
            .metadata()
            .map_err(|source| Error::Read {
                path: path.clone(),
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
            let existing = crate::fs::read_stream_limited(&path, file, content.len() as u64 + 1)?;
            return Ok(if existing == content {
                Existing::Same
            } else {
                Existing::Other {
                    edited: false,
                    hash: None,
                }
            });
        };
        let existing = crate::fs::read_stream_limited(&path, file, crate::fs::MAX_FILE_BYTES)?;
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
}

/// A file of the plan, opened for reading.
enum Opened {
    /// Nothing under the name (or a folder on the way is missing).
    Missing,
    /// A symbolic link under the name: not followed.
    Link,
    /// A regular file.
    File(std::fs::File),
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn output(path: &str, content: &str) -> Output {
        Output {
            path: path.to_owned(),
            content: content.as_bytes().to_vec(),
        }
    }

    #[test]
    fn links_in_the_output_folder_are_never_read_through() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        let secret = dir.path().join("secret");
        std::fs::write(&secret, "new\n").unwrap();
        // Under an output's name, a link to a file with the very bytes of the output: not
        // read, so not taken for the output; not written by mokuteki, so in the way.
        std::os::unix::fs::symlink(&secret, out.join("a.txt")).unwrap();
        let open = |out: &std::path::Path| OutputFolder::open(out, "".as_ref(), Missing::Absent);
        let plan = Plan::new(
            out.clone(),
            open(&out).unwrap(),
            &[output("a.txt", "new\n"), output("sub/b.txt", "b\n")],
            None,
            Writer::Build,
        )
        .unwrap();
        assert_eq!(plan.in_the_way, ["a.txt"]);
        assert_eq!(plan.added, ["sub/b.txt"]);
        assert!(plan.read_existing("a.txt").is_empty());

        // A folder on the way that is a link is refused, wherever it points.
        std::fs::remove_dir(out.join("sub")).unwrap();
        std::os::unix::fs::symlink(dir.path(), out.join("sub")).unwrap();
        match Plan::new(
            out.clone(),
            open(&out).unwrap(),
            &[output("sub/b.txt", "b\n")],
            None,
            Writer::Build,
        ) {
            Err(Error::FolderLink { path }) => assert_eq!(path, out.join("sub")),
            other => panic!("{other:?}"),
        }
        // No output folder yet: everything is added.
        let missing = dir.path().join("missing");
        let plan = Plan::new(
            missing.clone(),
            open(&missing).unwrap(),
            &[output("x", "x")],
            None,
            Writer::Build,
        )
        .unwrap();
        assert_eq!(plan.added, ["x"]);
    }
}
