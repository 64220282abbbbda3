//! A full disk at every point of a build, by two means:
//!
//! - a file size limit (`RLIMIT_FSIZE`, with `SIGXFSZ` ignored so that a write fails with
//!   `EFBIG` instead of killing the build), set on the build alone and swept so that the
//!   first write that fails is, in turn, the lock's content, the intent manifest, each staged
//!   output, the final manifest and the manifest written again for the incremental stamp;
//! - a real `ENOSPC` on a small tmpfs mounted in a user and mount namespace of the test's
//!   own (`unshare -Urm`, unprivileged), filled to exactly 0 bytes free and then to every
//!   page short of what the build needs, and to every file short of the files it needs.
//!   Where the system allows no such namespace, the test says so on stderr and only the
//!   size limit is checked.
//!
//! At every cut: the build exits with 2 and a message that names the file (never a staged
//! temporary) and says plainly that the disk is full or the file too large; every file is
//! the old one or the new one, whole; the build took its staged files and its lock file away
//! as it ended; the next build starts at once; and once there is room, the next build leaves
//! exactly what a fresh build leaves.

use std::collections::BTreeSet;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use mokuteki::output::manifest::Manifest;
use mokuteki::output::sha256;

use super::{
    LOCK, MANIFEST, Tree, Versions, assert_next_build_completes, build, built, copy_tree,
    is_staged, mokuteki, run_folder, stderr, tree,
};
use crate::support::{default_yaml_with, root};

/// How the Japanese message says that the disk is full.
const DISK_FULL: &str = "ディスクの空き容量が足りません";

/// How the English message says it.
const DISK_FULL_ENGLISH: &str = "the disk is full";

/// How the Japanese message says that a file would be larger than a process may write.
const TOO_LARGE: &str = "ファイルの大きさの上限を超えます";

/// How the English message says it.
const TOO_LARGE_ENGLISH: &str = "the file would exceed the size limit for files";

/// The society's name in the default source, changed to change every output.
const NAME: &str = "労働者健康安全機構健康保険組合";

/// One build of an output folder, for a full disk to stop.
struct Scenario {
    name: &'static str,
    dir: tempfile::TempDir,
    /// The source the build reads.
    source: PathBuf,
    /// The folder as published before the build; absent for a first build.
    published: PathBuf,
    versions: Versions,
    /// Whether the build only writes the manifest again (the stamp).
    stamp_only: bool,
}

impl Scenario {
    /// Every output changes: the folder published from the default source is built again
    /// after the society's name changed.
    fn replace() -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        for (folder, yaml) in [
            ("old", default_yaml_with(NAME, NAME)),
            ("new", default_yaml_with(NAME, "架空健康保険組合")),
        ] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join("purposes.yaml"), yaml).unwrap();
        }
        let published = dir.path().join("published");
        let old = built(
            dir.path(),
            &dir.path().join("old/purposes.yaml"),
            &published,
        );
        let source = dir.path().join("new/purposes.yaml");
        let new = built(dir.path(), &source, &dir.path().join("reference"));
        for (path, content) in new.iter().filter(|(p, _)| p.as_str() != MANIFEST) {
            assert_ne!(old.get(path), Some(content), "{path} must change");
        }
        Scenario {
            name: "every output replaced",
            dir,
            source,
            published,
            versions: Versions { old, new },
            stamp_only: false,
        }
    }

    /// A first build, into no folder, with templates so small that every output is smaller
    /// than the manifest: a size limit can then stop the build after every output is in
    /// place, at the final manifest.
    fn first_with_small_outputs() -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("new/templates");
        std::fs::create_dir_all(&templates).unwrap();
        let source = dir.path().join("new/purposes.yaml");
        std::fs::copy(root().join("purposes.yaml"), &source).unwrap();
        for output in [
            "notice.html",
            "notice.fragment.html",
            "notice.md",
            "notice.txt",
            "beppyo2.html",
            "beppyo2.fragment.html",
            "beppyo2.md",
        ] {
            std::fs::write(
                templates.join(format!("{output}.tera")),
                format!("{{{{ organization.name }}}} {output}\n"),
            )
            .unwrap();
        }
        let new = built(dir.path(), &source, &dir.path().join("reference"));
        let manifest = new[MANIFEST].len();
        // The pages are small; the record of what was published (purposes.json) holds the
        // whole catalogue whatever the templates print.
        assert!(
            new.iter()
                .filter(|(name, _)| name.as_str() != "purposes.json")
                .all(|(_, content)| content.len() <= manifest)
        );
        Scenario {
            name: "first build, small outputs",
            published: dir.path().join("published"),
            dir,
            source,
            versions: Versions {
                old: Tree::new(),
                new,
            },
            stamp_only: false,
        }
    }

    /// Nothing changes, but the manifest is older than the mokuteki program: the build
    /// renders, finds every file as it is, and writes the manifest again with the same
    /// bytes, so that the next build is skipped (the stamp, see `incremental::stamp`).
    fn stamp() -> Scenario {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("purposes.yaml");
        std::fs::copy(root().join("purposes.yaml"), &source).unwrap();
        let published = dir.path().join("published");
        let new = built(dir.path(), &source, &published);
        std::fs::File::options()
            .write(true)
            .open(published.join(MANIFEST))
            .unwrap()
            .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(946_684_800))
            .unwrap();
        Scenario {
            name: "manifest stamped again",
            dir,
            source,
            published,
            versions: Versions {
                old: new.clone(),
                new,
            },
            stamp_only: true,
        }
    }

    /// What the build writes, with the sizes.
    fn writes(&self) -> Writes {
        let Versions { old, new } = &self.versions;
        if self.stamp_only {
            return Writes {
                intent: None,
                outputs: Vec::new(),
                manifest: new[MANIFEST].len() as u64,
            };
        }
        let outputs: Vec<(String, u64)> = self
            .versions
            .outputs()
            .filter(|(path, content)| old.get(*path) != Some(*content))
            .map(|(path, content)| (path.clone(), content.len() as u64))
            .collect();
        // The intent lists the new files without the fingerprint, and what each file it
        // replaces holds now.
        let mut intent = Manifest::parse(std::str::from_utf8(&new[MANIFEST]).unwrap()).unwrap();
        intent.fingerprint = None;
        for (path, _) in &outputs {
            if let Some(content) = old.get(path) {
                intent.replacing.insert(path.clone(), sha256::hex(content));
            }
        }
        Writes {
            intent: Some(intent.to_bytes().len() as u64),
            outputs,
            manifest: new[MANIFEST].len() as u64,
        }
    }

    /// A copy of the published folder, for one run: `runs/NAME/out`.
    fn folder_for(&self, name: &str) -> PathBuf {
        let out = run_folder(&self.dir.path().join("runs"), name).join("out");
        copy_tree(&self.published, &out);
        out
    }
}

/// The files a build writes, in the order it writes them, with their sizes (the lock's
/// content aside: it fits in any limit above a few bytes, and the build goes on without it).
struct Writes {
    /// The intent manifest, when files are replaced.
    intent: Option<u64>,
    /// The staged outputs.
    outputs: Vec<(String, u64)>,
    /// The final manifest (or the manifest written again by the stamp).
    manifest: u64,
}

impl Writes {
    fn sizes(&self) -> impl Iterator<Item = u64> + '_ {
        self.intent
            .into_iter()
            .chain(self.outputs.iter().map(|(_, size)| *size))
            .chain([self.manifest])
    }

    /// The files one of which the build must name when no file may be larger than
    /// `limit`: the first write that does not fit (the outputs are written together).
    fn first_too_large(&self, limit: u64) -> Vec<String> {
        if self.intent.is_some_and(|size| size > limit) {
            return vec![MANIFEST.to_owned()];
        }
        let outputs: Vec<String> = self
            .outputs
            .iter()
            .filter(|(_, size)| *size > limit)
            .map(|(path, _)| path.clone())
            .collect();
        if outputs.is_empty() {
            vec![MANIFEST.to_owned()]
        } else {
            outputs
        }
    }
}

/// The file a build's error message names, relative to `out`: the path between the word
/// for error and 「に書き込めません」 (or `cannot write` and the colon, in English).
fn named_file(log: &str, out: &Path) -> Option<String> {
    let prefix = format!("{}/", out.display());
    log.lines().find_map(|line| {
        let path = line
            .strip_prefix("エラー: ")
            .and_then(|rest| rest.split_once(" に書き込めません"))
            .map(|(path, _)| path)
            .or_else(|| {
                line.strip_prefix("error: cannot write ")
                    .and_then(|rest| rest.split_once(": "))
                    .map(|(path, _)| path)
            })?;
        path.strip_prefix(&prefix).map(str::to_owned)
    })
}

/// `command` run with no file allowed to grow beyond `limit` bytes, and `SIGXFSZ` ignored,
/// so that such a write fails with `EFBIG`.
fn with_file_size_limit(mut command: Command, limit: u64) -> Command {
    // SAFETY: between fork and exec only async-signal-safe calls are made (signal,
    // setrlimit), on values copied into the closure.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: limit as libc::rlim_t,
                rlim_max: limit as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    command
}

#[test]
fn a_file_size_limit_at_every_write_of_a_build() {
    let mut cuts = 0;
    for scenario in [
        Scenario::replace(),
        Scenario::first_with_small_outputs(),
        Scenario::stamp(),
    ] {
        let writes = scenario.writes();
        let largest = writes.sizes().max().unwrap();
        // Each write cut one byte short, the lock's content cut too, and room for all.
        let mut limits: BTreeSet<u64> = [0, 1, 8, largest].into();
        limits.extend(writes.sizes().map(|size| size - 1));
        for limit in limits {
            let context = format!("{}, no file over {limit} bytes", scenario.name);
            let out = scenario.folder_for(&format!("limit-{limit}"));
            let command = build(scenario.dir.path(), &scenario.source, &out);
            let run = with_file_size_limit(command, limit).output().unwrap();
            let log = stderr(&run);
            if limit >= largest {
                assert!(run.status.success(), "{context}: {log}");
                assert!(tree(&out) == scenario.versions.new, "{context}");
                continue;
            }
            cuts += 1;
            assert_eq!(run.status.code(), Some(2), "{context}: {log}");
            assert!(log.contains(TOO_LARGE), "{context}: {log}");
            let named = named_file(&log, &out).unwrap_or_else(|| panic!("{context}: {log}"));
            assert!(
                writes.first_too_large(limit).contains(&named),
                "{context}: the message names {named}, the first write too large was one of {:?}",
                writes.first_too_large(limit)
            );
            scenario.versions.assert_whole(&out, false, &context);
            assert_next_build_completes(
                scenario.dir.path(),
                &scenario.source,
                &out,
                &scenario.versions,
                &context,
            );
        }
    }
    eprintln!("full disk: a file size limit cut {cuts} builds, each at another write");
    assert!(cuts >= 15, "{cuts}");

    // The same in English.
    let scenario = Scenario::replace();
    let out = scenario.folder_for("english");
    let mut command = mokuteki(
        scenario.dir.path(),
        &[
            "build",
            "--source",
            scenario.source.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        true,
    );
    command.stdout(Stdio::null());
    let run = with_file_size_limit(command, 0).output().unwrap();
    let log = stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{log}");
    assert!(
        log.contains(&format!(
            "error: cannot write {}/{MANIFEST}: {TOO_LARGE_ENGLISH}",
            out.display()
        )),
        "{log}"
    );
}

/// Why the test cannot mount a tmpfs of its own here, if it cannot.
#[cfg(target_os = "linux")]
fn no_tmpfs(dir: &Path) -> Option<String> {
    let mount_point = dir.join("probe");
    std::fs::create_dir(&mount_point).unwrap();
    let probe = Command::new("unshare")
        .args([
            "-Urm",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k probe \"$0\"",
        ])
        .arg(&mount_point)
        .stdin(Stdio::null())
        .output();
    match probe {
        Err(error) => Some(format!("unshare cannot be run: {error}")),
        Ok(run) if !run.status.success() => Some(format!(
            "unshare -Urm and mount -t tmpfs failed: {}",
            stderr(&run).trim()
        )),
        Ok(_) => None,
    }
}

/// What one run of `full_disk.sh` left for a given number of free pages or files.
#[cfg(target_os = "linux")]
struct Case {
    folder: PathBuf,
}

#[cfg(target_os = "linux")]
impl Case {
    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.folder.join(name)).unwrap()
    }

    fn code(&self, run: &str) -> i32 {
        self.read(&format!("{run}.code")).trim().parse().unwrap()
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_real_full_disk_at_every_page_and_every_file_a_build_needs() {
    let probe = tempfile::tempdir().unwrap();
    if let Some(reason) = no_tmpfs(probe.path()) {
        eprintln!(
            "full disk: no tmpfs of the test's own can be mounted here ({reason}); \
             only the file size limit was checked"
        );
        return;
    }
    let mut figures = Vec::new();
    for (scenario, mode) in [
        (Scenario::replace(), "bytes"),
        (Scenario::first_with_small_outputs(), "bytes"),
        (Scenario::stamp(), "bytes"),
        (Scenario::replace(), "inodes"),
    ] {
        let mount_point = run_folder(scenario.dir.path(), &format!("tmpfs-{mode}"));
        let results = run_folder(scenario.dir.path(), &format!("results-{mode}"));
        let out = mount_point.join("out");
        let published = if scenario.published.exists() {
            scenario.published.to_str().unwrap()
        } else {
            "-"
        };
        let run = Command::new("unshare")
            .args([
                "-Urm",
                "sh",
                "-c",
                include_str!("full_disk.sh"),
                "full_disk.sh",
            ])
            .arg(env!("CARGO_BIN_EXE_mokuteki"))
            .args([&mount_point, &scenario.source])
            .arg(published)
            .arg(&results)
            .arg(mode)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            run.status.code(),
            Some(0),
            "{}, {mode}: {}",
            scenario.name,
            stderr(&run)
        );
        let cases = std::fs::read_dir(&results).unwrap().count();
        for free in 0..cases {
            let context = format!("{}, {free} free ({mode})", scenario.name);
            let case = Case {
                folder: results.join(free.to_string()),
            };
            assert_eq!(case.read("free").trim(), free.to_string(), "{context}");
            let log = case.read("full.stderr");
            if free + 1 == cases {
                assert_eq!(case.code("full"), 0, "{context}: {log}");
                assert!(
                    tree(&case.folder.join("after-full")) == scenario.versions.new,
                    "{context}"
                );
            } else {
                assert_eq!(case.code("full"), 2, "{context}: {log}");
                assert!(log.contains(DISK_FULL), "{context}: {log}");
                let named = named_file(&log, &out).unwrap_or_else(|| panic!("{context}: {log}"));
                assert!(
                    !is_staged(&named)
                        && (scenario.versions.new.contains_key(&named) || named == LOCK),
                    "{context}: the message names {named}"
                );
                scenario
                    .versions
                    .assert_whole(&case.folder.join("after-full"), false, &context);
            }
            if free == 0 {
                // Still full: the same failure again, not a lock left behind.
                let again = case.read("again.stderr");
                assert_eq!(case.code("again"), 2, "{context}: {again}");
                assert!(again.contains(DISK_FULL_ENGLISH), "{context}: {again}");
                assert!(named_file(&again, &out).is_some(), "{context}: {again}");
            }
            assert_eq!(
                case.code("recovered"),
                0,
                "{context}: {}",
                case.read("recovered.stderr")
            );
            let recovered = tree(&case.folder.join("after-recovered"));
            assert!(
                recovered == scenario.versions.new,
                "{context}: once there is room, the folder is not a fresh build's: {:?}",
                recovered.keys().collect::<Vec<_>>()
            );
        }
        figures.push(format!("{}, {mode}: {} cuts", scenario.name, cases - 1));
    }
    eprintln!("full disk on a tmpfs: {}", figures.join("; "));
}
