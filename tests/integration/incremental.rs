//! Incremental builds: nothing changed since the last build → nothing rendered or written;
//! any change to any input → rendered again.

use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::{default_yaml_with, mokuteki, project, root};

/// What a build of `dir` did, from its report on stderr.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Skipped: up to date, nothing rendered.
    Skipped,
    /// Rendered (and written where something changed).
    Rendered,
}

fn build(dir: &Path, args: &[&str]) -> Outcome {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let run = mokuteki(dir, &all);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    if stderr.contains("is up to date: nothing it is built from has changed") {
        // Nothing was checked either: the default source's lint warning is not repeated.
        assert!(!stderr.contains("warning"), "{stderr}");
        Outcome::Skipped
    } else {
        assert!(stderr.contains("built 8 files into") || stderr.contains("built 9 files into"));
        Outcome::Rendered
    }
}

fn fingerprint(dir: &Path) -> String {
    let manifest = std::fs::read_to_string(dir.join("out/.mokuteki-manifest")).unwrap();
    manifest
        .lines()
        .find_map(|l| l.strip_prefix("# fingerprint "))
        .expect("the manifest records a fingerprint")
        .to_owned()
}

#[test]
fn an_unchanged_build_renders_and_writes_nothing() {
    let dir = project();
    assert_eq!(build(dir.path(), &[]), Outcome::Rendered);
    let manifest = dir.path().join("out/.mokuteki-manifest");
    let before = std::fs::metadata(&manifest).unwrap().modified().unwrap();
    assert_eq!(build(dir.path(), &[]), Outcome::Skipped);
    assert_eq!(build(dir.path(), &[]), Outcome::Skipped);
    assert_eq!(
        std::fs::metadata(&manifest).unwrap().modified().unwrap(),
        before
    );
    // The fingerprint names no path and no time: the committed out/ of this repository was
    // built from the same inputs, and records the same one.
    assert_eq!(fingerprint(dir.path()), fingerprint(&root()));
}

#[test]
fn a_change_to_any_input_renders_again() {
    let dir = project();
    let p = dir.path();
    assert_eq!(build(p, &[]), Outcome::Rendered);

    // The source: even a comment (the outputs stay the same, the fingerprint does not).
    let before = fingerprint(p);
    let mut yaml = std::fs::read_to_string(p.join("purposes.yaml")).unwrap();
    yaml.push_str("# a comment\n");
    std::fs::write(p.join("purposes.yaml"), &yaml).unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    assert_ne!(fingerprint(p), before);
    assert_eq!(build(p, &[]), Outcome::Skipped);

    // The terminology list beside the source: added, changed, removed.
    let terms = p.join("terms.yaml");
    std::fs::write(
        &terms,
        "- term: 当組合\n  replacement: 本組合\n  reason: 試験\n",
    )
    .unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    assert_eq!(build(p, &[]), Outcome::Skipped);
    std::fs::write(
        &terms,
        "- term: 当組合\n  replacement: 本組合\n  reason: 試験２\n",
    )
    .unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    std::fs::remove_file(&terms).unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    assert_eq!(build(p, &[]), Outcome::Skipped);

    // The templates folder: an empty one changes nothing; a template added, edited,
    // overriding a built-in one, removed.
    let templates = p.join("templates");
    std::fs::create_dir(&templates).unwrap();
    assert_eq!(build(p, &[]), Outcome::Skipped);
    std::fs::write(
        templates.join("extra.txt.tera"),
        "{{ organization.name }}\n",
    )
    .unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    assert!(p.join("out/extra.txt").is_file());
    assert_eq!(build(p, &[]), Outcome::Skipped);
    std::fs::write(
        templates.join("extra.txt.tera"),
        "{{ organization.short_name }}\n",
    )
    .unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    let partial = "_purposes.txt.tera";
    let built_in = std::fs::read_to_string(root().join("templates").join(partial)).unwrap();
    std::fs::write(templates.join(partial), built_in.clone()).unwrap();
    // The same text as the built-in one: the same build.
    assert_eq!(build(p, &[]), Outcome::Skipped);
    std::fs::write(templates.join(partial), format!("{built_in}\n")).unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    std::fs::remove_file(templates.join(partial)).unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    std::fs::remove_file(templates.join("extra.txt.tera")).unwrap();
    // extra.txt was published: its removal is accepted (the publish guard would stop).
    assert_eq!(build(p, &["--accept-changes"]), Outcome::Rendered);
    assert!(!p.join("out/extra.txt").exists());
    assert_eq!(build(p, &[]), Outcome::Skipped);

    // The flags that change outputs.
    assert_eq!(build(p, &["--width", "30"]), Outcome::Rendered);
    assert_eq!(build(p, &["--width", "30"]), Outcome::Skipped);
    assert_eq!(build(p, &["--encoding", "shift_jis"]), Outcome::Rendered);
    assert_eq!(build(p, &["--encoding", "shift_jis"]), Outcome::Skipped);
    assert_eq!(build(p, &[]), Outcome::Rendered);
    // --deny-warnings checks again: whether the last build had warnings is not recorded.
    let denied = mokuteki(p, &["build", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert_eq!(build(p, &[]), Outcome::Skipped);
}

#[test]
fn an_output_changed_since_the_build_or_a_newer_mokuteki_renders_again() {
    let dir = project();
    let p = dir.path();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    let notice = p.join("out/notice.txt");
    let written = std::fs::read(&notice).unwrap();

    std::fs::write(&notice, "edited by hand\n").unwrap();
    // --check sees it and says so, like a build.
    let check = mokuteki(p, &["build", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&check.stdout),
        "edited notice.txt\n"
    );
    // A file edited by hand is replaced only when forced (see hardening.rs).
    assert_eq!(mokuteki(p, &["build"]).status.code(), Some(2));
    assert_eq!(build(p, &["--force"]), Outcome::Rendered);
    assert_eq!(std::fs::read(&notice).unwrap(), written);
    let check = mokuteki(p, &["build", "--check"]);
    assert_eq!(check.status.code(), Some(0));

    std::fs::remove_file(&notice).unwrap();
    assert_eq!(build(p, &[]), Outcome::Rendered);
    assert_eq!(std::fs::read(&notice).unwrap(), written);
    assert_eq!(build(p, &[]), Outcome::Skipped);

    // A mokuteki built after the manifest was written (a new version, or the same version
    // rebuilt) renders again.
    let manifest = std::fs::File::options()
        .append(true)
        .open(p.join("out/.mokuteki-manifest"))
        .unwrap();
    manifest
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(86_400))
        .unwrap();
    drop(manifest);
    assert_eq!(build(p, &[]), Outcome::Rendered);
    // It found nothing to change, yet the next build is skipped again.
    assert_eq!(build(p, &[]), Outcome::Skipped);
}

#[test]
fn a_federation_renders_only_the_sources_that_changed() {
    let dir = tempfile::tempdir().unwrap();
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    for (name, society) in [("a", "甲"), ("b", "乙"), ("c", "丙")] {
        let yaml = default_yaml_with(
            "労働者健康安全機構健康保険組合",
            &format!("{society}健康保険組合"),
        );
        std::fs::write(societies.join(format!("{name}.yaml")), yaml).unwrap();
    }
    let run = |expected: &str| {
        let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert!(run.status.success(), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    };
    run("(24 files, 24 written, 0 unchanged; 3 sources rendered, 0 up to date)");
    run("(24 files, 0 written, 24 unchanged; 0 sources rendered, 3 up to date)");
    let manifest = |name: &str| societies.join(format!("out/{name}/.mokuteki-manifest"));
    let a_before = std::fs::metadata(manifest("a"))
        .unwrap()
        .modified()
        .unwrap();
    let yaml = std::fs::read_to_string(societies.join("b.yaml")).unwrap();
    std::fs::write(
        societies.join("b.yaml"),
        yaml.replace("乙健康保険組合", "乙川健康保険組合"),
    )
    .unwrap();
    run("(24 files, 8 written, 16 unchanged; 1 sources rendered, 2 up to date)");
    assert_eq!(
        std::fs::metadata(manifest("a"))
            .unwrap()
            .modified()
            .unwrap(),
        a_before
    );
    assert!(
        std::fs::read_to_string(societies.join("out/b/notice.txt"))
            .unwrap()
            .contains("乙川健康保険組合")
    );
    run("(24 files, 0 written, 24 unchanged; 0 sources rendered, 3 up to date)");
}
