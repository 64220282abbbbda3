//! Faults an unattended build must survive: a full disk at every point of a build, and a
//! signal at any moment of one.
//!
//! After each fault the same things are checked, on the folder as a web server would read
//! it: every output is the old file or the new one, whole (never torn, never empty); the
//! manifest accounts for every file as the next build reads it (no output taken for a file
//! edited by hand); the lock is not held, so the next build starts at once; and that next
//! build succeeds and leaves exactly what a fresh build leaves, with no staged file and no
//! lock file.

#![cfg(unix)]

mod full_disk;
mod signals;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mokuteki::output::manifest::Manifest;
use mokuteki::output::sha256;

/// The manifest's file name.
const MANIFEST: &str = ".mokuteki-manifest";

/// The lock's file name.
const LOCK: &str = ".mokuteki-lock";

/// The files of a folder: `/`-separated relative path → bytes.
type Tree = BTreeMap<String, Vec<u8>>;

/// Every file under `dir`, hidden ones included; empty when `dir` does not exist.
fn tree(dir: &Path) -> Tree {
    let mut files = Tree::new();
    if !dir.exists() {
        return files;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            files.insert(
                relative.to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

/// The last component of a `/`-separated path.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether `path` names a file a build stages before renaming it into place
/// (`.NAME.mokuteki-TOKEN.tmp`).
fn is_staged(path: &str) -> bool {
    let name = file_name(path);
    name.starts_with('.') && name.contains(".mokuteki-") && name.ends_with(".tmp")
}

/// Whether `path` names a lock file.
fn is_lock(path: &str) -> bool {
    file_name(path) == LOCK
}

/// Whether `path` names a manifest.
fn is_manifest(path: &str) -> bool {
    file_name(path) == MANIFEST
}

/// Copies the folder `from` (which may be absent) to `to`, which must not exist yet,
/// keeping the files' modification times.
fn copy_tree(from: &Path, to: &Path) {
    if !from.exists() {
        return;
    }
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
            let modified = entry.metadata().unwrap().modified().unwrap();
            std::fs::File::options()
                .write(true)
                .open(&target)
                .unwrap()
                .set_modified(modified)
                .unwrap();
        }
    }
}

/// The two versions of an output folder a build goes between: what was published before
/// (empty for a first build) and what the build publishes, each with its manifest.
#[derive(Debug, Clone)]
struct Versions {
    old: Tree,
    new: Tree,
}

/// How far an interrupted build got, as its folder shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reached {
    /// The folder as published before; no staged file.
    Nothing,
    /// The folder as published before, with staged files beside it.
    Staged,
    /// The intent manifest in place: the files are being renamed (some may be new).
    Renaming,
    /// Every file new and the final manifest in place.
    Everything,
}

impl Reached {
    /// How a report names it.
    fn describe(self) -> &'static str {
        match self {
            Reached::Nothing => "before anything was written",
            Reached::Staged => "while staging",
            Reached::Renaming => "while renaming",
            Reached::Everything => "after the last write",
        }
    }
}

impl Versions {
    /// The versions of the subfolder `folder` (a source's folder in a federation).
    fn folder(&self, folder: &str) -> Versions {
        let inside = |tree: &Tree| -> Tree {
            tree.iter()
                .filter_map(|(path, content)| {
                    let rest = path.strip_prefix(folder)?.strip_prefix('/')?;
                    Some((rest.to_owned(), content.clone()))
                })
                .collect()
        };
        Versions {
            old: inside(&self.old),
            new: inside(&self.new),
        }
    }

    /// The subfolders holding a manifest in the new version (the sources of a federation),
    /// `""` for the folder itself.
    fn folders(&self) -> BTreeSet<String> {
        self.new
            .keys()
            .filter(|path| is_manifest(path))
            .map(|path| {
                path.rsplit_once('/')
                    .map_or("", |(folder, _)| folder)
                    .to_owned()
            })
            .collect()
    }

    /// The outputs (every file but the manifest) of the new version.
    fn outputs(&self) -> impl Iterator<Item = (&String, &Vec<u8>)> {
        self.new.iter().filter(|(path, _)| !is_manifest(path))
    }

    /// Checks what a build stopped at any point left in `out`, one output folder (not a
    /// federation's), and tells how far it got. `leftovers`: whether staged files and the
    /// lock file may remain (a killed build leaves them to the next one); a build that
    /// failed and ended on its own must have taken them away.
    fn assert_whole(&self, out: &Path, leftovers: bool, context: &str) -> Reached {
        let files = tree(out);
        let mut staged = 0;
        for (path, content) in &files {
            if is_manifest(path) {
                continue;
            }
            if is_staged(path) || is_lock(path) {
                assert!(
                    leftovers,
                    "{context}: {path} was left behind by a build that ended on its own"
                );
                assert!(!path.contains('/'), "{context}: {path} is in a subfolder");
                staged += usize::from(is_staged(path));
                continue;
            }
            let old = self.old.get(path) == Some(content);
            let new = self.new.get(path) == Some(content);
            assert!(
                old || new,
                "{context}: {path} is neither the old file nor the new one ({} bytes: torn, empty or foreign)",
                content.len()
            );
        }
        for path in self.old.keys().filter(|path| !is_manifest(path)) {
            assert!(
                files.contains_key(path) || !self.new.contains_key(path),
                "{context}: {path} was published and is gone"
            );
        }
        // The manifest accounts for every output as the next build reads it: a file whose
        // hash it does not record would be taken for one edited by hand.
        let manifest_bytes = files.get(MANIFEST);
        match manifest_bytes {
            Some(bytes) => {
                let text = std::str::from_utf8(bytes).unwrap();
                let manifest = Manifest::parse(text)
                    .unwrap_or_else(|e| panic!("{context}: the manifest is unreadable: {e:?}"));
                for (path, content) in &files {
                    if is_manifest(path) || is_staged(path) || is_lock(path) {
                        continue;
                    }
                    assert!(
                        manifest.wrote(path, &sha256::hex(content)),
                        "{context}: the manifest does not account for {path}:\n{text}"
                    );
                }
            }
            None => {
                let outputs: Vec<&String> = files
                    .keys()
                    .filter(|path| !is_staged(path) && !is_lock(path))
                    .collect();
                assert!(
                    outputs.is_empty(),
                    "{context}: outputs with no manifest: {outputs:?}"
                );
            }
        }
        let everything_new = self
            .outputs()
            .all(|(path, content)| files.get(path) == Some(content));
        if manifest_bytes == self.new.get(MANIFEST) && everything_new {
            Reached::Everything
        } else if manifest_bytes == self.old.get(MANIFEST) {
            if staged > 0 {
                Reached::Staged
            } else {
                Reached::Nothing
            }
        } else {
            Reached::Renaming
        }
    }

    /// What `build --check` must list for the folder `out` left as it is: each output that
    /// is not the new file yet, and the manifest when it is not the final one; as
    /// (kind, path), sorted by path.
    fn expected_changes(&self, out: &Path) -> Vec<(String, String)> {
        let files = tree(out);
        let mut changes: Vec<(String, String)> = self
            .new
            .iter()
            .filter(|(path, content)| files.get(*path) != Some(content))
            .map(|(path, _)| {
                let kind = if files.contains_key(path) {
                    "changed"
                } else {
                    "added"
                };
                (kind.to_owned(), path.clone())
            })
            .collect();
        changes.sort_by(|a, b| a.1.cmp(&b.1));
        changes
    }
}

/// The mokuteki binary run with `args` in `dir`, with its messages in Japanese (the
/// language of its users; `english` for the other one), no standard input, and both
/// outputs captured. SIGINT and SIGTERM get their default action back, should the test
/// run with them ignored (as a shell's background job is), so that a signal ends it.
fn mokuteki(dir: &Path, args: &[&str], english: bool) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mokuteki"));
    command.args(args);
    set_up(command, dir, english)
}

/// `command` (a mokuteki run) set up as [`mokuteki`] sets up its own.
fn set_up(mut command: Command, dir: &Path, english: bool) -> Command {
    command
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LANG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if !english {
        command.env("LANG", "ja_JP.UTF-8");
    }
    // SAFETY: between fork and exec only async-signal-safe calls are made (signal).
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            libc::signal(libc::SIGTERM, libc::SIG_DFL);
            Ok(())
        });
    }
    command
}

/// `mokuteki build --source SOURCE --out OUT` in `dir`, in Japanese.
fn build(dir: &Path, source: &Path, out: &Path) -> Command {
    mokuteki(
        dir,
        &[
            "build",
            "--source",
            source.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        false,
    )
}

/// [`build`] in a process that aborts after `renames` renames (see
/// [`crate::support::crashing`]).
fn crashing_build(dir: &Path, source: &Path, out: &Path, renames: usize) -> Command {
    let args = [
        "build",
        "--source",
        source.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    set_up(crate::support::crashing(&args, renames), dir, false)
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Runs a build that must succeed and returns what it wrote into `out`.
fn built(dir: &Path, source: &Path, out: &Path) -> Tree {
    let run = build(dir, source, out).output().unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    tree(out)
}

/// Checks the build that follows a fault: it takes the lock at once, succeeds, and leaves
/// exactly `versions.new`, no staged file and no lock file.
fn assert_next_build_completes(
    dir: &Path,
    source: &Path,
    out: &Path,
    versions: &Versions,
    context: &str,
) {
    let run = build(dir, source, out).output().unwrap();
    let log = stderr(&run);
    assert!(
        run.status.success(),
        "{context}: the next build failed:\n{log}"
    );
    assert!(!log.contains("ロック"), "{context}: {log}");
    let files = tree(out);
    let differing: Vec<&String> = files
        .keys()
        .chain(versions.new.keys())
        .filter(|path| files.get(*path) != versions.new.get(*path))
        .collect();
    assert!(
        differing.is_empty(),
        "{context}: after the next build, these differ from a fresh build's folder: {differing:?}"
    );
}

/// `build --check --format json` on `out`: its exit code and the (kind, path) of each
/// change it lists, sorted by path.
fn check_changes(dir: &Path, source: &Path, out: &Path) -> (Option<i32>, Vec<(String, String)>) {
    let run = mokuteki(
        dir,
        &[
            "build",
            "--check",
            "--format",
            "json",
            "--source",
            source.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        false,
    )
    .output()
    .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}{}",
            String::from_utf8_lossy(&run.stdout),
            stderr(&run)
        )
    });
    let mut changes: Vec<(String, String)> = report["changes"]
        .as_array()
        .unwrap_or_else(|| panic!("{report}"))
        .iter()
        .map(|change| {
            (
                change["kind"].as_str().unwrap().to_owned(),
                change["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    changes.sort_by(|a, b| a.1.cmp(&b.1));
    (run.status.code(), changes)
}

/// A folder for one run: `base/NAME`, which must not exist yet.
fn run_folder(base: &Path, name: &str) -> PathBuf {
    let folder = base.join(name);
    assert!(!folder.exists());
    std::fs::create_dir_all(&folder).unwrap();
    folder
}
