//! Same source, same bytes: across builds, and in the form of every file.

use crate::support::{mokuteki, project, root};

#[test]
fn two_builds_write_the_same_bytes() {
    let (first, second) = (project(), project());
    for dir in [&first, &second] {
        let run = mokuteki(dir.path(), &["build"]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let mut names: Vec<_> = std::fs::read_dir(first.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 5);
    for name in names {
        let a = std::fs::read(first.path().join("out").join(&name)).unwrap();
        let b = std::fs::read(second.path().join("out").join(&name)).unwrap();
        assert_eq!(a, b, "{name:?} differs between two builds");
    }
}

#[test]
fn outputs_are_utf8_with_lf_and_one_final_newline() {
    for output in crate::support::render_default().outputs {
        let text = String::from_utf8(output.content).expect("UTF-8");
        assert!(!text.contains('\r'), "{} has CR", output.path);
        assert!(
            text.ends_with('\n') && !text.ends_with("\n\n"),
            "{} final newline",
            output.path
        );
        assert!(
            text.lines()
                .all(|l| !l.ends_with(' ') && !l.ends_with('\t')),
            "{} has trailing blanks",
            output.path
        );
    }
}

#[test]
fn nothing_the_outputs_are_made_from_reads_the_clock() {
    // The program never asks for the time (its tests may, to wait)...
    let mut files = vec![root().join("src")];
    let mut checked = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for clock in [
            "SystemTime::now",
            "Instant::now",
            "SOURCE_DATE_EPOCH",
            "chrono::",
            "OffsetDateTime",
        ] {
            assert!(
                !code.contains(clock),
                "{} reads the clock: {clock}",
                path.display()
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "{checked} files");
    // ...and a template has no function that gives it.
    let dir = project();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/notice.txt.tera"),
        "{{ now() }}\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["check"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("Unknown function `now`"), "{stderr}");
}
