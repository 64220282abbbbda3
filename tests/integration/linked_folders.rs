//! Folders inside the output folder swapped for symbolic links: a federation's folder of a
//! source, a folder of templates' outputs. Whoever can write to the output folder can put a
//! link there, before a build or while it runs; no build may then create, replace, remove
//! or read anything where the link points.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::support::{default_yaml_with, mokuteki, root};

const LINK_MESSAGE: &str = "is a symbolic link where a folder was expected";

/// The name of a file that looks like the staged file of an interrupted build, as a build
/// removes them from its own folders.
const LEFTOVER: &str = ".notice.html.mokuteki-0123456789abcdef.tmp";

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Every entry of `folder` (not recursive) with its bytes; a folder or a link is marked.
fn entries(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            let content = if kind.is_file() {
                std::fs::read(entry.path()).unwrap()
            } else {
                b"<not a file>".to_vec()
            };
            (entry.file_name().to_string_lossy().into_owned(), content)
        })
        .collect()
}

/// Another society's published folder, written by mokuteki as root would write it: what a
/// link planted in the output folder would make a build take for its own folder (it has a
/// manifest whose hashes match, so writing there would replace its pages and removing
/// stale files there would remove them). It holds a file that looks like a leftover staged
/// file too.
fn victim(dir: &Path) -> PathBuf {
    let source = dir.join("other-society.yaml");
    std::fs::write(
        &source,
        default_yaml_with("労働者健康安全機構健康保険組合", "よその健康保険組合"),
    )
    .unwrap();
    let run = mokuteki(
        dir,
        &["build", "--source", "other-society.yaml", "--out", "victim"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let victim = dir.join("victim");
    std::fs::write(victim.join(LEFTOVER), "not mokuteki's to remove\n").unwrap();
    std::fs::write(victim.join("important.txt"), "a file nobody may remove\n").unwrap();
    victim
}

/// A folder `societies/` with the sources `s001.yaml` and `s002.yaml`.
fn federation(dir: &Path) {
    let societies = dir.join("societies");
    std::fs::create_dir(&societies).unwrap();
    std::fs::copy(root().join("purposes.yaml"), societies.join("s001.yaml")).unwrap();
    let other = default_yaml_with("労働者健康安全機構健康保険組合", "第二健康保険組合");
    std::fs::write(societies.join("s002.yaml"), other).unwrap();
}

fn build_federation(dir: &Path) -> Output {
    mokuteki(dir, &["build", "--source", "societies", "--out", "public"])
}

/// Changes every output of the source `path`, so that a build writes each of them.
fn change_source(path: &Path, to: &str) {
    let yaml = std::fs::read_to_string(path).unwrap();
    let changed = yaml.replacen("労働者健康安全機構健康保険組合", to, 1);
    assert_ne!(yaml, changed, "{}", path.display());
    std::fs::write(path, changed).unwrap();
}

/// Replaces the folder `folder` with a symbolic link to `target`.
fn swap_for_link(folder: &Path, target: &Path) {
    std::fs::remove_dir_all(folder).unwrap();
    std::os::unix::fs::symlink(target, folder).unwrap();
}

#[test]
fn a_federations_folder_that_is_a_link_is_refused_and_nothing_reaches_where_it_points() {
    for built_before in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        federation(dir.path());
        let public = dir.path().join("public");
        if built_before {
            assert!(build_federation(dir.path()).status.success());
            change_source(&dir.path().join("societies/s001.yaml"), "改称健康保険組合");
        } else {
            std::fs::create_dir_all(public.join("s001")).unwrap();
        }
        let victim = victim(dir.path());
        let before = entries(&victim);
        swap_for_link(&public.join("s001"), &victim);

        let run = build_federation(dir.path());
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
        let log = stderr(&run);
        assert!(
            log.contains(&format!("public/s001 {LINK_MESSAGE}")),
            "{log}"
        );
        assert_eq!(entries(&victim), before, "the folder the link points at");
        // The other source was built as usual.
        assert!(log.contains("built 1 of 2 sources"), "{log}");
        assert!(public.join("s002/notice.html").is_file());
        // The link itself is left alone.
        let link = std::fs::symlink_metadata(public.join("s001")).unwrap();
        assert!(link.file_type().is_symlink());
    }
}

/// A project whose templates write `sub/ids.txt` beside the built-in outputs.
fn project_with_subfolder() -> tempfile::TempDir {
    let dir = crate::support::project();
    std::fs::create_dir_all(dir.path().join("templates/sub")).unwrap();
    std::fs::write(
        dir.path().join("templates/sub/ids.txt.tera"),
        "{{ organization.name }}\n",
    )
    .unwrap();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    assert!(dir.path().join("out/sub/ids.txt").is_file());
    dir
}

#[test]
fn a_folder_of_templates_outputs_that_is_a_link_is_refused_for_writing_removing_and_checking() {
    // Written, removed as stale (its template gone), or compared by --check: each time
    // through a link to a folder holding a file of the same name and recorded content.
    for case in ["write", "remove", "check"] {
        let dir = project_with_subfolder();
        let out = dir.path().join("out");
        let victim = dir.path().join("victim");
        std::fs::create_dir(&victim).unwrap();
        std::fs::copy(out.join("sub/ids.txt"), victim.join("ids.txt")).unwrap();
        std::fs::write(victim.join(".ids.txt.mokuteki-0123456789abcdef.tmp"), "x\n").unwrap();
        let before = entries(&victim);
        match case {
            "write" => change_source(&dir.path().join("purposes.yaml"), "改称健康保険組合"),
            "remove" => std::fs::remove_dir_all(dir.path().join("templates")).unwrap(),
            _ => change_source(&dir.path().join("purposes.yaml"), "改称健康保険組合"),
        }
        swap_for_link(&out.join("sub"), &victim);
        // Removing a template removes a published output: accepted, so that the build
        // goes on to the folder.
        let args: &[&str] = match case {
            "check" => &["build", "--check", "--diff"],
            "remove" => &["build", "--accept-changes"],
            _ => &["build"],
        };
        let run = mokuteki(dir.path(), args);
        assert_eq!(run.status.code(), Some(2), "{case}: {}", stderr(&run));
        assert!(
            stderr(&run).contains(&format!("out/sub {LINK_MESSAGE}")),
            "{case}: {}",
            stderr(&run)
        );
        assert_eq!(entries(&victim), before, "{case}");
    }
}

#[test]
fn a_link_that_stays_inside_the_output_folder_is_refused_too() {
    let dir = project_with_subfolder();
    let out = dir.path().join("out");
    std::fs::create_dir(out.join("elsewhere")).unwrap();
    swap_for_link(&out.join("sub"), &out.join("elsewhere"));
    change_source(&dir.path().join("purposes.yaml"), "改称健康保険組合");
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("out/sub {LINK_MESSAGE}")),
        "{}",
        stderr(&run)
    );
    assert_eq!(std::fs::read_dir(out.join("elsewhere")).unwrap().count(), 0);
}

#[test]
fn a_link_under_an_outputs_name_is_never_read_and_replaced_only_when_forced() {
    let dir = crate::support::project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let out = dir.path().join("out");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "root's secret\n").unwrap();
    std::fs::remove_file(out.join("notice.html")).unwrap();
    std::os::unix::fs::symlink(&secret, out.join("notice.html")).unwrap();

    // --check --diff shows no byte of what the link points at.
    let run = mokuteki(dir.path(), &["build", "--check", "--diff"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let shown = String::from_utf8_lossy(&run.stdout);
    assert!(shown.contains("notice.html"), "{shown}");
    assert!(!shown.contains("root's secret"), "{shown}");
    // Not what mokuteki wrote: a build stops, as for a file edited by hand.
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("out/notice.html was changed"),
        "{}",
        stderr(&run)
    );
    // --force replaces the link itself, never the file it points at.
    let run = mokuteki(dir.path(), &["build", "--force"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        std::fs::symlink_metadata(out.join("notice.html"))
            .unwrap()
            .is_file()
    );
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "root's secret\n");
}

/// Swaps `folder` for a link to `target` and back again, as fast as it can, until `stop`:
/// the real folder is moved aside, the link moved in, then both moved back. Counts the
/// swaps in which the link stood in the folder's place. A folder a build made meanwhile
/// (the name was free for a moment) is removed, as an attacker would, to carry on.
fn swapper(folder: PathBuf, target: PathBuf, stop: Arc<AtomicBool>, swaps: Arc<AtomicUsize>) {
    let aside = folder.with_extension("aside");
    let link = folder.with_extension("link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    while !stop.load(Ordering::Relaxed) {
        if std::fs::rename(&folder, &aside).is_err() {
            std::thread::yield_now();
            continue;
        }
        if std::fs::rename(&link, &folder).is_ok() {
            swaps.fetch_add(1, Ordering::Relaxed);
            std::thread::yield_now();
            let _ = std::fs::rename(&folder, &link);
        }
        if std::fs::rename(&aside, &folder).is_err() {
            let made = std::fs::symlink_metadata(&folder).is_ok_and(|meta| meta.is_dir());
            if made {
                let _ = std::fs::remove_dir_all(&folder);
            }
            let _ = std::fs::rename(&aside, &folder);
        }
        std::thread::yield_now();
    }
}

/// How many builds run while a folder is swapped for a link beneath them.
const RACING_BUILDS: usize = 150;

#[test]
fn a_folder_swapped_for_a_link_while_builds_run_never_lets_one_reach_where_it_points() {
    let dir = tempfile::tempdir().unwrap();
    federation(dir.path());
    std::fs::remove_file(dir.path().join("societies/s002.yaml")).unwrap();
    assert!(build_federation(dir.path()).status.success());
    let victim = victim(dir.path());
    let before = entries(&victim);

    let stop = Arc::new(AtomicBool::new(false));
    let swaps = Arc::new(AtomicUsize::new(0));
    let attacker = {
        let (stop, swaps) = (Arc::clone(&stop), Arc::clone(&swaps));
        let (folder, target) = (dir.path().join("public/s001"), victim.clone());
        std::thread::spawn(move || swapper(folder, target, stop, swaps))
    };
    let source = dir.path().join("societies/s001.yaml");
    let original = std::fs::read_to_string(&source).unwrap();
    let mut built = 0;
    let mut reached = None;
    for run in 0..RACING_BUILDS {
        // Every build has every output to write: the society's name changes each time.
        let name = format!("第{run}健康保険組合");
        std::fs::write(
            &source,
            original.replacen("労働者健康安全機構健康保険組合", &name, 1),
        )
        .unwrap();
        let result = build_federation(dir.path());
        built += usize::from(result.status.success());
        if entries(&victim) != before {
            reached = Some((run, stderr(&result)));
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    attacker.join().unwrap();
    let swaps = swaps.load(Ordering::Relaxed);
    if let Some((run, log)) = reached {
        panic!(
            "build {} of {RACING_BUILDS} changed the folder the link points at \
             ({built} builds succeeded before, {swaps} swaps):\n{log}",
            run + 1
        );
    }
    assert_eq!(entries(&victim), before);
    // The race was run: the link stood in the folder's place, and builds got through.
    assert!(swaps > 0, "no swap happened");
    assert!(built > 0, "no build succeeded while the folder was swapped");
    eprintln!("{RACING_BUILDS} builds ({built} succeeded) against {swaps} swaps");
}
