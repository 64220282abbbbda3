//! Writing into the output folder: only files mokuteki wrote are ever replaced.

use crate::support::{mokuteki, project};

#[test]
fn a_file_mokuteki_did_not_write_is_never_overwritten() {
    let dir = project();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/notice.html"), "the society's own page").unwrap();
    // A folder with files and no manifest is refused outright.
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("refusing to build into out"), "{stderr}");
    // Even with --force, a file mokuteki did not write is not replaced.
    let run = mokuteki(dir.path(), &["build", "--force"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("notice.html exists and was not written by mokuteki"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/notice.html")).unwrap(),
        "the society's own page"
    );
    assert!(
        !dir.path().join("out/notice.txt").exists(),
        "nothing is written when one file is in the way"
    );
}

#[test]
fn stray_files_survive_and_unchanged_files_are_not_rewritten() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    std::fs::write(dir.path().join("out/robots.txt"), "User-agent: *\n").unwrap();
    let notice = dir.path().join("out/notice.html");
    let before = std::fs::metadata(&notice).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));

    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("0 written, 8 unchanged"));
    assert_eq!(
        std::fs::metadata(&notice).unwrap().modified().unwrap(),
        before
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/robots.txt")).unwrap(),
        "User-agent: *\n"
    );
}

#[test]
fn a_changed_source_rewrites_only_what_changed() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let yaml = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    std::fs::write(
        dir.path().join("purposes.yaml"),
        yaml.replacen("empty_cell: ・なし", "empty_cell: ・該当なし", 1),
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("3 written, 5 unchanged"), "{stderr}");
    let table = std::fs::read_to_string(dir.path().join("out/beppyo2.md")).unwrap();
    assert!(table.contains("・該当なし"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_staged_file_left_for_an_output_no_longer_produced_is_removed() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let out = dir.path().join("out");
    // As a build stopped while staging `gone.html` (which no manifest lists yet) leaves it.
    let staged = out.join(".gone.html.mokuteki-0123456789abcdef.tmp");
    std::fs::write(&staged, "half of a page").unwrap();
    // The process-id form is recognised only beside an output the manifests list: this one
    // could be anybody's, and stays.
    let older_form = out.join(".gone.html.mokuteki-4242.tmp");
    std::fs::write(&older_form, "someone's").unwrap();
    #[cfg(unix)]
    let link = {
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = out.join(".other.html.mokuteki-fedcba9876543210.tmp");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        link
    };
    // A changed source: the build writes (an up-to-date folder is not even looked at).
    let yaml = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    std::fs::write(
        dir.path().join("purposes.yaml"),
        yaml.replacen("empty_cell: ・なし", "empty_cell: ・該当なし", 1),
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!staged.exists(), "the staged file of a stopped build stays");
    assert_eq!(std::fs::read_to_string(&older_form).unwrap(), "someone's");
    #[cfg(unix)]
    {
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("victim")).unwrap(),
            "keep"
        );
    }
}

#[test]
fn a_stopped_build_s_staged_files_go_even_when_the_folder_is_up_to_date() {
    let dir = project();
    assert!(mokuteki(dir.path(), &["build"]).status.success());
    let out = dir.path().join("out");
    // What a build stopped while staging leaves when its source is then put back as it
    // was: a lock file nobody holds and staged files, in a folder that is up to date.
    std::fs::write(out.join(".mokuteki-lock"), "pid 1\nhost elsewhere\n").unwrap();
    let staged = out.join(".notice.html.mokuteki-0123456789abcdef.tmp");
    std::fs::write(&staged, "half of a page").unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("0 written, 8 unchanged"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!out.join(".mokuteki-lock").exists());
    assert!(!staged.exists(), "the staged file of a stopped build stays");
}
