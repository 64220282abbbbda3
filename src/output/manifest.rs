//! The manifest: which files in the output folder mokuteki wrote, and what it wrote.
//!
//! mokuteki overwrites a file only if the manifest lists it, so it never replaces a file
//! that a person put into the output folder; it removes a listed file it no longer
//! produces only while the file still has the content recorded here.
//!
//! The format is the one `sha256sum` prints, so `cd out && sha256sum -c .mokuteki-manifest`
//! verifies a published folder: one `HASH  PATH` line per file, sorted by path, after a
//! `#` comment. The first format listed paths only; such lines are read with no hash.
//!
//! A second comment line records the fingerprint of the build's inputs (see
//! [`crate::incremental`]); `sha256sum` skips it as it skips every `#` line.
//!
//! A folder that `compare` wrote says so in a comment line of its own (see [`Writer`]): a
//! build and a comparison never write into one folder, since each would remove the other's
//! files as outputs it no longer produces. A build's manifest has no such line, so it keeps
//! the bytes it had before the line existed.

use std::collections::BTreeMap;
use std::path::{Component, Path};
use std::sync::OnceLock;
use std::time::SystemTime;

use crate::error::{Error, Result};
use crate::render::Output;

/// The manifest's file name in the output folder (the errors name it too).
pub use crate::error::MANIFEST_FILE_NAME as FILE_NAME;

/// Which command wrote an output folder (the errors name it too).
pub use crate::error::Writer;

const HEADER: &str = "# Files written by mokuteki, as `sha256sum` prints them. It replaces or removes only these; do not edit.\n";

/// The start of the comment line that names the command that wrote the folder, when it is
/// not `build`.
const WRITER_PREFIX: &str = "# written by mokuteki ";

/// The start of the comment line that records the fingerprint of the inputs.
const FINGERPRINT_PREFIX: &str = "# fingerprint ";

/// The start of a comment line of an intent manifest: `# replacing HASH  PATH`, the hash of
/// what the file held before the build that wrote the intent replaced it.
const REPLACING_PREFIX: &str = "# replacing ";

/// Whether the running mokuteki program was modified after `time`, a manifest's (or its
/// time cannot be known): a new build of mokuteki, even of the same version, renders
/// everything again.
pub fn program_is_newer(time: SystemTime) -> bool {
    static PROGRAM_MODIFIED: OnceLock<Option<SystemTime>> = OnceLock::new();
    let program = PROGRAM_MODIFIED.get_or_init(|| {
        let path = std::env::current_exe().ok()?;
        std::fs::metadata(path).ok()?.modified().ok()
    });
    program.is_none_or(|program| program > time)
}

/// Reads the manifest of the folder `folder` (whose path is `out_dir`), opened as every
/// file there is; `None` when there is none. A manifest that another user owns is refused
/// ([`Error::UntrustedManifest`]): in a folder others can write to, it may have been planted
/// to list a file mokuteki never wrote (which a build would then remove) or to hide an edit.
pub fn read_trusted(folder: &crate::output::folder::Folder) -> Result<Option<Vec<u8>>> {
    let Some(file) = folder.open_regular(FILE_NAME)? else {
        return Ok(None);
    };
    let path = folder.join(FILE_NAME);
    let meta = file.metadata().map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    if let Some(owner) = foreign_owner(&meta) {
        return Err(Error::UntrustedManifest { path, owner });
    }
    crate::fs::read_opened(&path, file, crate::fs::MAX_FILE_BYTES).map(Some)
}

/// The owner of a file, when it is not the user running mokuteki.
#[cfg(unix)]
pub fn foreign_owner(meta: &std::fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    (meta.uid() != me).then_some(meta.uid())
}

/// The owner of a file, when it is not the user running mokuteki (never known here).
#[cfg(not(unix))]
pub fn foreign_owner(_meta: &std::fs::Metadata) -> Option<u32> {
    None
}

/// Whether the manifest can vouch for a skipped build: owned by the user running mokuteki
/// and writable by nobody else (its group included). A build is skipped only on its word,
/// so one that someone else could have edited in place makes the build render again, which
/// then restores any output whose edit it was changed to hide.
#[cfg(unix)]
pub fn vouches(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    foreign_owner(meta).is_none() && meta.permissions().mode() & 0o022 == 0
}

/// Whether the manifest can vouch for a skipped build (always, where files have no owner).
#[cfg(not(unix))]
pub fn vouches(_meta: &std::fs::Metadata) -> bool {
    true
}

/// The files mokuteki wrote: `/`-separated paths relative to the output folder, each with
/// the SHA-256 of the content written (lowercase hex), or `None` when an older manifest
/// recorded only the path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Path to content hash, sorted by path.
    pub files: BTreeMap<String, Option<String>>,
    /// The fingerprint of the inputs of the build that wrote these files (64 lowercase hex
    /// digits), `None` when no build completed with this manifest (an older version's, or
    /// the intent of a build still renaming its files).
    pub fingerprint: Option<String>,
    /// Only in the intent of a build still renaming its files (see
    /// [`crate::output::write`]): for each file about to be replaced, the hash of what it
    /// held before. A build interrupted half-way leaves either content in such a file, and
    /// neither counts as an edit by hand.
    pub replacing: BTreeMap<String, String>,
    /// The command that wrote the folder.
    pub writer: Writer,
}

impl Manifest {
    /// Parses the bytes of the manifest file at `path` (named in errors).
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Manifest> {
        let text = std::str::from_utf8(bytes).map_err(|_| Error::Read {
            path: path.to_owned(),
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
            ),
        })?;
        Manifest::parse(text).map_err(|(line, message)| Error::Manifest {
            path: path.to_owned(),
            line,
            message,
        })
    }

    /// Parses manifest text; an error names the 1-based line.
    pub fn parse(text: &str) -> std::result::Result<Manifest, (usize, String)> {
        let mut files = BTreeMap::new();
        let mut fingerprint = None;
        let mut replacing = BTreeMap::new();
        let mut writer = Writer::Build;
        for (index, line) in text.lines().enumerate() {
            if let Some(command) = line.strip_prefix(WRITER_PREFIX) {
                if command == Writer::Compare.command() {
                    writer = Writer::Compare;
                }
                continue;
            }
            if let Some((hash, path)) = line.strip_prefix(REPLACING_PREFIX).and_then(split_hashed) {
                replacing.insert(path.to_owned(), hash.to_owned());
                continue;
            }
            if let Some(hex) = line.strip_prefix(FINGERPRINT_PREFIX) {
                fingerprint = is_lowercase_sha256(hex).then(|| hex.to_owned());
                continue;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (hash, path) = match split_hashed(line) {
                Some((hash, path)) => (Some(hash.to_owned()), path),
                None => (None, line),
            };
            if !is_safe_relative(path) {
                return Err((
                    index + 1,
                    format!("{path:?} is not a plain path inside the output folder"),
                ));
            }
            files.insert(path.to_owned(), hash);
        }
        Ok(Manifest {
            files,
            fingerprint,
            replacing,
            writer,
        })
    }

    /// Refuses to let the command `writer` write `outputs` into `out_dir`, the folder of
    /// this manifest, when another command wrote it: writing there would remove that
    /// command's files. A manifest that names no command is a build's, or one that an older
    /// `compare` wrote; such a manifest lists only the outputs of that comparison, so
    /// `compare` is refused only when the manifest lists a file it does not produce.
    pub fn admit(&self, out_dir: &Path, writer: Writer, outputs: &[Output]) -> Result<()> {
        let theirs = match (self.writer, writer) {
            (Writer::Compare, Writer::Build) => self.files.keys().next(),
            (Writer::Build, Writer::Compare) => self
                .files
                .keys()
                .find(|path| !outputs.iter().any(|output| &output.path == *path)),
            _ => None,
        };
        match theirs {
            Some(file) => Err(Error::OtherCommand {
                path: out_dir.to_owned(),
                owner: self.writer,
                file: file.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Records that `path` was written with content whose SHA-256 is `hash` (see
    /// [`super::sha256::hex`]; the plan hashes outputs on several threads).
    pub fn record(&mut self, path: &str, hash: String) {
        self.files.insert(path.to_owned(), Some(hash));
    }

    /// Whether `hash` is what mokuteki wrote into `path`, or what it held before a build that
    /// was interrupted replaced it.
    pub fn wrote(&self, path: &str, hash: &str) -> bool {
        self.files.get(path).and_then(Option::as_deref) == Some(hash)
            || self.replacing.get(path).map(String::as_str) == Some(hash)
    }

    /// Whether the manifest lists `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The manifest as file content, in a stable order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = String::from(HEADER);
        if self.writer != Writer::Build {
            text.push_str(WRITER_PREFIX);
            text.push_str(self.writer.command());
            text.push('\n');
        }
        if let Some(fingerprint) = &self.fingerprint {
            text.push_str(FINGERPRINT_PREFIX);
            text.push_str(fingerprint);
            text.push('\n');
        }
        for (path, hash) in &self.replacing {
            text.push_str(REPLACING_PREFIX);
            text.push_str(hash);
            text.push_str("  ");
            text.push_str(path);
            text.push('\n');
        }
        for (path, hash) in &self.files {
            if let Some(hash) = hash {
                text.push_str(hash);
                text.push_str("  ");
            }
            text.push_str(path);
            text.push('\n');
        }
        text.into_bytes()
    }
}

/// `HASH  PATH` (64 lowercase hex digits, two spaces) split in two; `None` for a bare path.
fn split_hashed(line: &str) -> Option<(&str, &str)> {
    let hash = line.get(..64)?;
    let path = line.get(64..)?.strip_prefix("  ")?;
    (is_lowercase_sha256(hash) && !path.is_empty()).then_some((hash, path))
}

/// Whether `text` is a SHA-256 digest as the manifest writes it: 64 lowercase hex digits.
fn is_lowercase_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// A relative path of normal components only: no `..`, no root, no `.`, no control
/// character.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        // A line break would split the manifest's line; no other control character
        // belongs in a file name either.
        && !path.chars().any(char::is_control)
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_paths_only_format() {
        let m = Manifest::parse("# old\nbeppyo2.html\nnotice.txt\n").unwrap();
        assert_eq!(m.files.len(), 2);
        assert_eq!(m.files["notice.txt"], None);
    }

    #[test]
    fn round_trips_hashes_in_sha256sum_format() {
        let mut m = Manifest::default();
        m.record("feeds/ids.txt", super::super::sha256::hex(b"abc"));
        m.record("a  b.txt", super::super::sha256::hex(b""));
        let text = String::from_utf8(m.to_bytes()).unwrap();
        assert!(text.contains(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  feeds/ids.txt\n"
        ));
        assert_eq!(Manifest::parse(&text).unwrap(), m);
    }

    #[test]
    fn round_trips_the_fingerprint_as_a_comment() {
        let mut m = Manifest::default();
        m.record("notice.txt", super::super::sha256::hex(b"x"));
        m.fingerprint = Some(super::super::sha256::hex(b"inputs"));
        let text = String::from_utf8(m.to_bytes()).unwrap();
        let line = text.lines().nth(1).unwrap();
        assert!(line.starts_with("# fingerprint "), "{text}");
        assert_eq!(Manifest::parse(&text).unwrap(), m);
        // A fingerprint that is not a digest is not one.
        let bad = text.replace(line, "# fingerprint xyz");
        assert_eq!(Manifest::parse(&bad).unwrap().fingerprint, None);
    }

    #[test]
    fn a_comparison_s_manifest_names_its_command_and_a_build_s_does_not() {
        let mut m = Manifest::default();
        m.record("notice.html", super::super::sha256::hex(b"x"));
        let build = String::from_utf8(m.to_bytes()).unwrap();
        assert!(!build.contains("# written by mokuteki "), "{build}");
        assert_eq!(Manifest::parse(&build).unwrap().writer, Writer::Build);
        m.writer = Writer::Compare;
        let compare = String::from_utf8(m.to_bytes()).unwrap();
        assert_eq!(
            compare.lines().nth(1),
            Some("# written by mokuteki compare")
        );
        assert_eq!(Manifest::parse(&compare).unwrap(), m);
    }

    #[test]
    fn neither_command_is_admitted_into_the_other_s_folder() {
        let output = |path: &str| Output {
            path: path.to_owned(),
            content: Vec::new(),
        };
        let out = Path::new("revision");
        let mut compared = Manifest::default();
        compared.record("shinkyu.html", super::super::sha256::hex(b"x"));
        compared.writer = Writer::Compare;
        match compared.admit(out, Writer::Build, &[output("notice.html")]) {
            Err(Error::OtherCommand { owner, file, .. }) => {
                assert_eq!((owner, file.as_str()), (Writer::Compare, "shinkyu.html"));
            }
            other => panic!("{other:?}"),
        }
        // Its own folder, even when a file it wrote is no longer produced.
        assert!(compared.admit(out, Writer::Compare, &[]).is_ok());

        let mut built = Manifest::default();
        built.record("notice.html", super::super::sha256::hex(b"x"));
        match built.admit(out, Writer::Compare, &[output("shinkyu.html")]) {
            Err(Error::OtherCommand { owner, file, .. }) => {
                assert_eq!((owner, file.as_str()), (Writer::Build, "notice.html"));
            }
            other => panic!("{other:?}"),
        }
        assert!(built.admit(out, Writer::Build, &[]).is_ok());
        // An older comparison's manifest names no command, and lists only its outputs.
        let mut older = Manifest::default();
        older.record("shinkyu.html", super::super::sha256::hex(b"x"));
        assert!(
            older
                .admit(out, Writer::Compare, &[output("shinkyu.html")])
                .is_ok()
        );
    }

    #[test]
    fn errors_in_the_file_name_it() {
        let path = Path::new("out/.mokuteki-manifest");
        match Manifest::from_bytes(path, b"# ok\nnotice.html\n../x\n") {
            Err(Error::Manifest { path: p, line, .. }) => {
                assert_eq!((p.as_path(), line), (path, 3));
            }
            other => panic!("{other:?}"),
        }
        match Manifest::from_bytes(path, b"notice.html\n\xff\n") {
            Err(Error::Read { path: p, source }) => {
                assert_eq!(p, path);
                assert_eq!(source.kind(), std::io::ErrorKind::InvalidData);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_paths_leaving_the_folder() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "./a"] {
            assert!(Manifest::parse(&format!("{bad}\n")).is_err(), "{bad}");
        }
    }
}
