//! A federation: several sources in one run, each into its own folder.

use crate::support::{default_yaml_with, masked, mokuteki, root};

/// A folder `societies/` of three sources: the default, a variant, and one with a
/// misspelt key on line 17.
fn federation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    std::fs::copy(root().join("purposes.yaml"), societies.join("alpha.yaml")).unwrap();
    let beta = default_yaml_with("労働者健康安全機構健康保険組合", "ベータ健康保険組合");
    std::fs::write(societies.join("beta.yml"), beta).unwrap();
    let broken = default_yaml_with("  short_name:", "  shortname:");
    std::fs::write(societies.join("gamma.yaml"), broken).unwrap();
    std::fs::write(societies.join("README.txt"), "not a source\n").unwrap();
    dir
}

#[test]
fn several_sources_build_into_a_folder_each() {
    let dir = federation();
    let run = mokuteki(
        dir.path(),
        &[
            "build",
            "--source",
            "societies/alpha.yaml",
            "--source",
            "societies/beta.yml",
            "--out",
            "public",
        ],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("built 2 of 2 sources"), "{stderr}");
    let alpha = std::fs::read(dir.path().join("public/alpha/notice.html")).unwrap();
    let beta = std::fs::read_to_string(dir.path().join("public/beta/notice.html")).unwrap();
    // Each folder holds exactly what a single build of that source writes.
    assert_eq!(
        alpha,
        std::fs::read(root().join("out/notice.html")).unwrap()
    );
    assert!(beta.contains("ベータ健康保険組合"));
    assert!(dir.path().join("public/beta/.mokuteki-manifest").is_file());
}

#[test]
fn a_folder_of_sources_builds_what_it_can_and_reports_every_failure() {
    let dir = federation();
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = masked(&run.stderr, dir.path());
    assert!(
        stderr.contains(
            "societies/gamma.yaml:18:3: unknown key `shortname`; did you mean `short_name`?"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 of 3 sources failed, and nothing was written for them; 2 built"),
        "{stderr}"
    );
    // The default output folder is out/ beside the sources, inside the folder.
    let out = dir.path().join("societies/out");
    for name in ["alpha", "beta"] {
        for file in [
            "notice.html",
            "notice.md",
            "notice.txt",
            "beppyo2.html",
            "beppyo2.md",
        ] {
            assert!(out.join(name).join(file).is_file(), "{name}/{file} missing");
        }
    }
    assert!(
        !out.join("gamma").exists(),
        "a failing source wrote something"
    );
    assert!(!out.join("README").exists());
}

#[test]
fn two_sources_with_the_same_name_are_refused_before_anything_is_built() {
    let dir = federation();
    std::fs::create_dir(dir.path().join("more")).unwrap();
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("more/alpha.yaml"),
    )
    .unwrap();
    let run = mokuteki(
        dir.path(),
        &[
            "build",
            "--source",
            "societies/alpha.yaml",
            "--source",
            "more/alpha.yaml",
            "--out",
            "public",
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("builds into public/alpha already"),
        "{stderr}"
    );
    assert!(!dir.path().join("public").exists());
}

#[test]
fn federation_outputs_do_not_depend_on_the_number_of_threads() {
    let dir = federation();
    std::fs::remove_file(dir.path().join("societies/gamma.yaml")).unwrap();
    let build = |jobs: usize| {
        let options = mokuteki::federation::FederationOptions {
            inputs: vec![dir.path().join("societies")],
            templates: None,
            out: dir.path().join(format!("out-{jobs}")),
            jobs: Some(jobs),
            force: false,
            deny_warnings: false,
            mailing: Default::default(),
        };
        for outcome in mokuteki::federation::build(&options).unwrap() {
            let expected = crate::support::render_default().outputs.len();
            assert_eq!(outcome.result.unwrap().files, expected);
        }
        walk(&options.out)
    };
    assert_eq!(build(1), build(4));
}

/// Every file under `dir`, relative path and bytes, sorted.
fn walk(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path.strip_prefix(dir).unwrap().to_owned(), bytes));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_federation_lints_each_source_and_denies_warnings_when_asked() {
    let dir = federation();
    std::fs::remove_file(dir.path().join("societies/gamma.yaml")).unwrap();
    // The default source has lint warnings (four outdated terms): shown, not fatal.
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(stderr.matches("warning: societies/").count(), 8, "{stderr}");
    assert!(stderr.contains("健康保険被保険者証の発行管理"), "{stderr}");

    // With --deny-warnings every source fails, and nothing new is written for it.
    std::fs::remove_dir_all(dir.path().join("societies/out")).unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--deny-warnings"],
    );
    assert_eq!(run.status.code(), Some(1));
    let stderr = masked(&run.stderr, dir.path());
    assert!(stderr.contains("2 of 2 sources failed"), "{stderr}");
    assert!(!dir.path().join("societies/out/alpha").exists());
}

#[test]
fn check_and_json_take_one_source() {
    let dir = federation();
    for flag in ["--check", "--format=json"] {
        let run = mokuteki(dir.path(), &["build", "--source", "societies", flag]);
        assert_eq!(run.status.code(), Some(2), "{flag}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("take one source"));
    }
}
