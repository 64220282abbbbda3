//! Signals at any moment of a build: SIGTERM, SIGINT and SIGKILL, sent at moments spread
//! over a build's measured duration and at moments the folder shows (the first staged file,
//! the intent manifest in place), to a single build of a large source and to a federation of
//! many sources; and SIGTERM and SIGINT to `mokuteki serve` while it renders. The moment
//! between two renames, too short to hit from outside, is reached with the test-only fault
//! point, which aborts a build after each rename in turn.
//!
//! Whatever the moment, the assertions are on what the folder holds, never on times: every
//! output old or new and whole; a manifest that accounts for every file, so that
//! `build --check` lists exactly the files not yet new; and a next build that takes the lock
//! at once, succeeds, and leaves no staged file and no lock file.
//!
//! `build` does not catch SIGTERM or SIGINT: what a killed build leaves (hidden staged files,
//! a lock file nobody holds) is what a SIGKILL or a power cut leaves too, and the next build
//! clears it; these tests check that it does.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

use super::{
    LOCK, MANIFEST, Reached, Versions, assert_next_build_completes, build, built, check_changes,
    copy_tree, crashing_build, is_staged, mokuteki, run_folder, stderr, tree,
};
use crate::support::{default_yaml_with, large_source};

/// The society's name in the default source, changed to change every output.
const NAME: &str = "労働者健康安全機構健康保険組合";

/// The signals sent, with their names.
const SIGNALS: [(i32, &str); 3] = [
    (libc::SIGTERM, "SIGTERM"),
    (libc::SIGINT, "SIGINT"),
    (libc::SIGKILL, "SIGKILL"),
];

/// When a signal is sent to a build.
#[derive(Debug, Clone, Copy)]
enum When {
    /// This long after the build started.
    After(Duration),
    /// As soon as a staged file shows in the folder.
    FirstStaged,
    /// As soon as a manifest is not the published one any more (the intent is in place).
    ManifestReplaced,
    /// As soon as a manifest is the final one (the build's last write is done; its lock
    /// is still held while the folder is flushed, in a federation until the whole batch
    /// is).
    ManifestFinal,
}

/// A source built before, changed so that every output changes, and built again: the
/// folder as published from the old source, the new source, and both versions.
struct Project {
    dir: tempfile::TempDir,
    /// The new source (a file, or a folder of sources for a federation).
    source: PathBuf,
    published: PathBuf,
    versions: Versions,
    /// How long a build of the new source over the published folder took once.
    duration: Duration,
}

impl Project {
    /// Builds `old` into the published folder and `new` into a reference one; `write`
    /// puts the source text given into the folder `old/` or `new/`.
    fn new(write: impl Fn(&Path, bool)) -> Project {
        let dir = tempfile::tempdir().unwrap();
        for (folder, is_new) in [("old", false), ("new", true)] {
            let folder = dir.path().join(folder);
            std::fs::create_dir(&folder).unwrap();
            write(&folder, is_new);
        }
        let single = dir.path().join("new/purposes.yaml");
        let (old_source, source) = if single.exists() {
            (dir.path().join("old/purposes.yaml"), single)
        } else {
            (dir.path().join("old"), dir.path().join("new"))
        };
        let published = dir.path().join("published");
        let old = built(dir.path(), &old_source, &published);
        // A first build of the new source takes about as long as the build the signals
        // interrupt, of the new source over the old folder.
        let start = Instant::now();
        let new = built(dir.path(), &source, &dir.path().join("reference"));
        let duration = start.elapsed();
        let versions = Versions { old, new };
        for (path, content) in versions.outputs() {
            assert_ne!(versions.old.get(path), Some(content), "{path} must change");
        }
        Project {
            dir,
            source,
            published,
            versions,
            duration,
        }
    }

    /// A copy of the published folder, for one run.
    fn folder_for(&self, name: &str) -> PathBuf {
        let out = run_folder(&self.dir.path().join("runs"), name).join("out");
        copy_tree(&self.published, &out);
        out
    }

    /// The moments to interrupt a build for the `nth` signal of three: `spread` moments
    /// spread over the measured duration (each signal at other ones), then the moments the
    /// folder shows.
    fn moments(&self, nth: u32, spread: u32) -> Vec<When> {
        let mut moments: Vec<When> = (0..spread)
            .map(|i| When::After(self.duration * (3 * i + nth + 1) / (3 * spread + 1)))
            .collect();
        moments.extend([
            When::FirstStaged,
            When::ManifestReplaced,
            When::ManifestFinal,
        ]);
        moments
    }
}

/// Whether any of `folders` holds a staged file.
fn any_staged(folders: &[PathBuf]) -> bool {
    folders.iter().any(|folder| {
        std::fs::read_dir(folder).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|entry| is_staged(&entry.file_name().to_string_lossy()))
        })
    })
}

/// An output folder a build writes, watched for the moments it shows.
struct Watched {
    folder: PathBuf,
    /// The manifest as published before the build.
    published: Option<Vec<u8>>,
    /// The manifest the build writes last.
    last: Option<Vec<u8>>,
}

impl Watched {
    /// The folders of `sources` (`""` for `out` itself) under `out`.
    fn folders(out: &Path, sources: &[String], versions: &Versions) -> Vec<Watched> {
        sources
            .iter()
            .map(|source| {
                let manifest = if source.is_empty() {
                    MANIFEST.to_owned()
                } else {
                    format!("{source}/{MANIFEST}")
                };
                Watched {
                    folder: out.join(source),
                    published: versions.old.get(&manifest).cloned(),
                    last: versions.new.get(&manifest).cloned(),
                }
            })
            .collect()
    }

    fn manifest(&self) -> Option<Vec<u8>> {
        std::fs::read(self.folder.join(MANIFEST)).ok()
    }
}

/// Sends `signal` to `child` at `when` (or not at all, if it ends first) and waits for it;
/// `watched` are the output folders the build writes.
fn interrupt(mut child: Child, signal: i32, when: When, watched: &[Watched]) -> ExitStatus {
    let start = Instant::now();
    let paths: Vec<PathBuf> = watched.iter().map(|w| w.folder.clone()).collect();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status; // ended before the moment came
        }
        let now = match when {
            When::After(delay) => start.elapsed() >= delay,
            When::FirstStaged => any_staged(&paths),
            When::ManifestReplaced => watched.iter().any(|w| w.manifest() != w.published),
            When::ManifestFinal => watched.iter().any(|w| w.manifest() == w.last),
        };
        if now {
            break;
        }
        match when {
            When::After(delay) => std::thread::sleep(
                (delay.saturating_sub(start.elapsed())).min(Duration::from_millis(5)),
            ),
            _ => std::thread::yield_now(),
        }
    }
    // SAFETY: kill has no memory effects; the child has not been waited for, so its
    // process id still names it (a zombie at worst).
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
    assert_eq!(sent, 0, "{}", std::io::Error::last_os_error());
    child.wait().unwrap()
}

/// Checks how a build sent `signal` ended: by the signal, or on its own before it came.
fn assert_ended_by(status: ExitStatus, signal: i32, context: &str) -> bool {
    let killed = status.signal() == Some(signal);
    assert!(killed || status.success(), "{context}: {status:?}");
    killed
}

/// The tally of one test: per signal, how many builds it ended and how far each had got.
#[derive(Default)]
struct Tally {
    counts: BTreeMap<(&'static str, &'static str), usize>,
    finished_first: BTreeMap<&'static str, usize>,
}

impl Tally {
    fn add(&mut self, signal: &'static str, killed: bool, reached: Reached) {
        if killed {
            *self.counts.entry((signal, reached.describe())).or_default() += 1;
        } else {
            *self.finished_first.entry(signal).or_default() += 1;
        }
    }

    fn report(&self, what: &str) -> String {
        let mut lines = vec![format!("signals, {what}:")];
        for (_, name) in SIGNALS {
            let reached: Vec<String> = self
                .counts
                .iter()
                .filter(|((signal, _), _)| *signal == name)
                .map(|((_, reached), count)| format!("{count} {reached}"))
                .collect();
            let killed: usize = self
                .counts
                .iter()
                .filter(|((signal, _), _)| *signal == name)
                .map(|(_, count)| count)
                .sum();
            lines.push(format!(
                "  {name}: {killed} builds ended by it ({}); {} had finished first",
                reached.join(", "),
                self.finished_first.get(name).unwrap_or(&0)
            ));
        }
        lines.join("\n")
    }
}

#[test]
fn a_build_ended_by_a_signal_at_any_moment_leaves_whole_files_and_the_next_build_completes() {
    let project = Project::new(|folder, is_new| {
        let yaml = large_source(600);
        let yaml = if is_new {
            yaml.replace(NAME, "架空健康保険組合")
        } else {
            yaml
        };
        std::fs::write(folder.join("purposes.yaml"), yaml).unwrap();
    });
    let dir = project.dir.path();
    let mut tally = Tally::default();
    for (nth, (signal, name)) in SIGNALS.into_iter().enumerate() {
        for (index, when) in project.moments(nth as u32, 6).into_iter().enumerate() {
            let context = format!("{name} {when:?}");
            let out = project.folder_for(&format!("{name}-{index}"));
            let child = build(dir, &project.source, &out).spawn().unwrap();
            let watched = Watched::folders(&out, &[String::new()], &project.versions);
            let status = interrupt(child, signal, when, &watched);
            let killed = assert_ended_by(status, signal, &context);
            let reached = project.versions.assert_whole(&out, true, &context);
            tally.add(name, killed, reached);
            // The manifest as the next build reads it: --check lists the files not new yet.
            let expected = project.versions.expected_changes(&out);
            let (code, changes) = check_changes(dir, &project.source, &out);
            assert_eq!(changes, expected, "{context}: build --check");
            assert_eq!(code, Some(i32::from(!expected.is_empty())), "{context}");
            assert_next_build_completes(dir, &project.source, &out, &project.versions, &context);
        }
    }
    eprintln!(
        "{}",
        tally.report(&format!(
            "one source of 600 items (a build took {} ms once)",
            project.duration.as_millis()
        ))
    );
}

#[test]
fn a_federation_ended_by_a_signal_at_any_moment_leaves_every_source_whole() {
    const SOURCES: usize = 8;
    let project = Project::new(|folder, is_new| {
        for n in 0..SOURCES {
            let name = if is_new {
                format!("新第{n}健康保険組合")
            } else {
                format!("第{n}健康保険組合")
            };
            let yaml = default_yaml_with(NAME, &name);
            std::fs::write(folder.join(format!("s{n:02}.yaml")), yaml).unwrap();
        }
    });
    let dir = project.dir.path();
    let sources: Vec<String> = project.versions.folders().into_iter().collect();
    assert_eq!(sources.len(), SOURCES);
    let mut tally = Tally::default();
    for (nth, (signal, name)) in SIGNALS.into_iter().enumerate() {
        // A federation stages every source of a batch before it renames any: the first
        // staged file comes early, the first intent late, when the batch is published.
        let mut moments = project.moments(nth as u32, 2);
        moments.retain(|when| !matches!(when, When::FirstStaged));
        for (index, when) in moments.into_iter().enumerate() {
            let context = format!("federation, {name} {when:?}");
            let out = project.folder_for(&format!("{name}-{index}"));
            let child = build(dir, &project.source, &out).spawn().unwrap();
            let watched = Watched::folders(&out, &sources, &project.versions);
            let status = interrupt(child, signal, when, &watched);
            let killed = assert_ended_by(status, signal, &context);
            assert!(
                tree(&out).keys().all(|path| path.contains('/')),
                "{context}: a file beside the sources' folders"
            );
            let mut furthest = Reached::Nothing;
            for source in &sources {
                let versions = project.versions.folder(source);
                let folder = out.join(source);
                let context = format!("{context}, {source}");
                let reached = versions.assert_whole(&folder, true, &context);
                furthest = furthest.max(reached);
                if reached == Reached::Renaming {
                    let single = project.source.join(format!("{source}.yaml"));
                    let expected = versions.expected_changes(&folder);
                    let (code, changes) = check_changes(dir, &single, &folder);
                    assert_eq!(changes, expected, "{context}: build --check");
                    assert_eq!(code, Some(i32::from(!expected.is_empty())), "{context}");
                }
            }
            tally.add(name, killed, furthest);
            assert_next_build_completes(dir, &project.source, &out, &project.versions, &context);
        }
    }
    eprintln!(
        "{}",
        tally.report(&format!(
            "a federation of {SOURCES} sources, the furthest source counted (a build took {} ms once)",
            project.duration.as_millis()
        ))
    );
}

#[test]
fn a_crash_after_each_rename_leaves_a_folder_the_next_build_completes() {
    // The moment between two renames is too short for a signal sent from outside to land
    // in it reliably: the test-only fault point aborts the build there, after each rename
    // in turn, as a crash would.
    let project = Project::new(|folder, is_new| {
        let name = if is_new {
            "架空健康保険組合"
        } else {
            NAME
        };
        std::fs::write(folder.join("purposes.yaml"), default_yaml_with(NAME, name)).unwrap();
    });
    let dir = project.dir.path();
    let outputs = project.versions.outputs().count();
    for renames in 1..=outputs {
        let context = format!("a crash after {renames} renames");
        let out = project.folder_for(&format!("crash-{renames}"));
        let run = crashing_build(dir, &project.source, &out, renames)
            .output()
            .unwrap();
        assert_eq!(run.status.signal(), Some(libc::SIGABRT), "{context}");
        let reached = project.versions.assert_whole(&out, true, &context);
        assert_eq!(reached, Reached::Renaming, "{context}");
        let files = tree(&out);
        let new = project
            .versions
            .outputs()
            .filter(|(path, content)| files.get(*path) == Some(content))
            .count();
        assert_eq!(new, renames, "{context}");
        let expected = project.versions.expected_changes(&out);
        let (code, changes) = check_changes(dir, &project.source, &out);
        assert_eq!(changes, expected, "{context}: build --check");
        assert_eq!(code, Some(1), "{context}");
        assert_next_build_completes(dir, &project.source, &out, &project.versions, &context);
    }
}

#[test]
fn a_lock_file_left_after_the_last_write_is_removed_by_the_next_build_even_with_nothing_to_do() {
    // A build killed after its final manifest and before it removed its lock file leaves
    // exactly this: every file new, and a lock file nobody holds. The next build finds
    // nothing to do; it must still not leave the lock file there for ever.
    let project = Project::new(|folder, is_new| {
        let name = if is_new {
            "架空健康保険組合"
        } else {
            NAME
        };
        std::fs::write(folder.join("purposes.yaml"), default_yaml_with(NAME, name)).unwrap();
    });
    let dir = project.dir.path();
    let out = run_folder(dir, "killed-at-the-end").join("out");
    copy_tree(&dir.join("reference"), &out);
    std::fs::write(out.join(LOCK), "pid 4194304\nhost elsewhere\n").unwrap();
    let run = build(dir, &project.source, &out).output().unwrap();
    assert!(stderr(&run).contains("最新です"), "{}", stderr(&run));
    assert_next_build_completes(dir, &project.source, &out, &project.versions, "single");

    // The same for each source of a federation.
    let sources = dir.join("sources");
    std::fs::create_dir(&sources).unwrap();
    std::fs::copy(&project.source, sources.join("a.yaml")).unwrap();
    std::fs::copy(&project.source, sources.join("b.yaml")).unwrap();
    let out = dir.join("federation");
    let built = built(dir, &sources, &out);
    std::fs::write(out.join("b").join(LOCK), "pid 4194304\nhost elsewhere\n").unwrap();
    let versions = Versions {
        old: built.clone(),
        new: built,
    };
    assert_next_build_completes(dir, &sources, &out, &versions, "federation");
}

/// A running `mokuteki serve` in `dir`: the child and its log, past the line with the
/// address.
fn serve(dir: &Path) -> (Child, BufReader<std::process::ChildStderr>) {
    let mut child = mokuteki(dir, &["serve", "--port", "0"], false)
        .spawn()
        .unwrap();
    let mut log = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    log.read_line(&mut first).unwrap();
    assert!(first.contains("http://127.0.0.1:"), "{first}");
    (child, log)
}

#[test]
fn serve_stopped_while_it_renders_leaves_nothing_behind_and_ctrl_c_ends_it_with_0() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("purposes.yaml");
    let yaml = large_source(600);
    std::fs::write(&source, &yaml).unwrap();
    let before: Vec<String> = tree(dir.path()).into_keys().collect();
    let mut stopped = BTreeMap::<&str, usize>::new();
    for (signal, name) in &SIGNALS[..2] {
        for (round, delay) in [0, 100, 200, 300, 450].into_iter().enumerate() {
            let context = format!("serve, {name} {delay} ms after a save");
            let (child, mut log) = serve(dir.path());
            // A save as an editor makes it; the preview renders again within its poll.
            let saving = dir.path().join("purposes.yaml.saving");
            let changed = yaml.replace(NAME, &format!("第{round}健康保険組合"));
            std::fs::write(&saving, changed).unwrap();
            std::fs::rename(&saving, &source).unwrap();
            std::thread::sleep(Duration::from_millis(delay));
            let status = interrupt(child, *signal, When::After(Duration::ZERO), &[]);
            let mut rest = String::new();
            log.read_to_string(&mut rest).unwrap();
            if *signal == libc::SIGINT {
                assert_eq!(status.code(), Some(0), "{context}: {rest}");
            } else {
                assert!(
                    status.signal() == Some(*signal) || status.success(),
                    "{context}: {status:?}"
                );
            }
            *stopped.entry(name).or_default() += 1;
            let after: Vec<String> = tree(dir.path()).into_keys().collect();
            assert_eq!(after, before, "{context}: serve left files behind");
            assert!(!dir.path().join("out").exists(), "{context}");
        }
    }
    eprintln!("signals, serve: stopped {stopped:?} times while it rendered a changed source");
}
