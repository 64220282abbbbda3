//! What others can plant or send outside the output folder: the names and links in a
//! folder of sources or templates, what `compare` finds in its folder or asks git for, what
//! a terminal is shown, and what a client of the preview can send.

#![cfg(unix)]

use std::path::Path;
use std::process::Output;

use crate::support::{mokuteki, root};

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_source_named_dot_dot_yaml_cannot_build_into_the_federations_folder_or_above() {
    // `..yaml` has the stem `.`, `...yaml` the stem `..`: the folder of such a source
    // would be the federation's output folder itself, or the folder that holds it.
    for (name, stem) in [("..yaml", "."), ("...yaml", "..")] {
        let dir = tempfile::tempdir().unwrap();
        let societies = dir.path().join("societies");
        std::fs::create_dir_all(dir.path().join("www/public")).unwrap();
        std::fs::create_dir(&societies).unwrap();
        std::fs::copy(root().join("purposes.yaml"), societies.join("alpha.yaml")).unwrap();
        std::fs::copy(root().join("purposes.yaml"), societies.join(name)).unwrap();
        for force in [false, true] {
            let mut args = vec!["build", "--source", "societies", "--out", "www/public"];
            if force {
                args.push("--force");
            }
            let run = mokuteki(dir.path(), &args);
            assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
            assert!(
                stderr(&run).contains(&format!(
                    "societies/{name}: this source would build into the folder `{stem}`"
                )),
                "{name}: {}",
                stderr(&run)
            );
            // Refused before anything is built: neither the federation's folder nor the
            // one above it received a file.
            assert_eq!(names(&dir.path().join("www")), ["public"], "{name}");
            assert!(names(&dir.path().join("www/public")).is_empty(), "{name}");
        }
    }
}

#[test]
fn names_and_text_from_elsewhere_reach_the_terminal_made_visible() {
    let dir = tempfile::tempdir().unwrap();
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    // A file name that retitles the terminal and clears it, in a folder of sources.
    let hostile = "x\u{1b}]2;owned\u{7}\u{1b}[2J\u{202e}";
    std::fs::write(
        societies.join(format!("{hostile}.yaml")),
        "organization: [\n",
    )
    .unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--out", "www"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    // A generated file edited by someone who can write to the output folder, shown by
    // `build --check --diff`.
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("purposes.yaml"),
    )
    .unwrap();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let notice = dir.path().join("out/notice.md");
    let mut edited = std::fs::read_to_string(&notice).unwrap();
    edited.push_str(&format!("{hostile}\n"));
    std::fs::write(&notice, edited).unwrap();
    let diff = mokuteki(dir.path(), &["build", "--check", "--diff"]);
    assert_eq!(diff.status.code(), Some(1), "{}", stderr(&diff));
    // git's answer quotes the revision it was given.
    let git = mokuteki(
        dir.path(),
        &[
            "compare",
            &format!("{hostile}:purposes.yaml"),
            "purposes.yaml",
        ],
    );
    assert_eq!(git.status.code(), Some(2), "{}", stderr(&git));
    for (what, bytes) in [
        ("a file name", &run.stderr),
        ("a diff", &diff.stdout),
        ("git's answer", &git.stderr),
    ] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{what} reached the terminal raw: {text:?}"
        );
        assert!(text.contains("x\\u{1b}]2;owned\\u{7}"), "{what}: {text}");
    }
}
