//! Same source, same bytes: across builds, and in the form of every file.

use crate::support::{mokuteki, project};

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
