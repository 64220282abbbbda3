//! A federation: several sources in one run, each into its own folder.

use std::process::Command;

use crate::support::{default_yaml_with, masked, mokuteki, root};

/// A folder `societies/` of three sources: the default, a variant, and one with a
/// misspelt key.
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
    let gamma = std::fs::read_to_string(dir.path().join("societies/gamma.yaml")).unwrap();
    let at = crate::support::place(&gamma, "shortname");
    assert!(
        stderr.contains(&format!(
            "societies/gamma.yaml:{at}: unknown key `shortname`; did you mean `short_name`?"
        )),
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

/// A folder `societies/` of `count` sources, each naming a society of its own, so that a
/// source built into another's folder shows; every third has a narrower mailing text, so
/// that settings left over from the source a thread built before show too.
fn many_sources(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).unwrap();
    for n in 0..count {
        let mut yaml = default_yaml_with(
            "労働者健康安全機構健康保険組合",
            &format!("第{n}健康保険組合"),
        );
        if n % 3 == 1 {
            yaml.push_str("\nmailing:\n  width: 30\n");
        }
        std::fs::write(societies.join(format!("s{n:03}.yaml")), yaml).unwrap();
    }
    dir
}

#[test]
fn federation_outputs_do_not_depend_on_the_number_of_threads() {
    // Each thread takes a batch of sources at a time: enough sources for three batches
    // keep several threads busy with 4 jobs, while 1 job builds them all alone.
    let count = 2 * mokuteki::federation::BATCH + 5;
    let dir = many_sources(count);
    let build = |jobs: usize| {
        let options = mokuteki::federation::FederationOptions {
            inputs: vec![dir.path().join("societies")],
            templates: None,
            out: dir.path().join(format!("out-{jobs}")),
            jobs: Some(jobs),
            force: false,
            publish_guard: true,
            deny_warnings: false,
            prune: false,
            mailing: Default::default(),
        };
        let outcomes = mokuteki::federation::build(&options).unwrap();
        assert_eq!(outcomes.len(), count);
        for outcome in outcomes {
            let expected = crate::support::render_default().outputs.len();
            assert_eq!(outcome.result.unwrap().files, expected);
        }
        walk(&options.out)
    };
    let alone = build(1);
    // Each folder holds its own source's society.
    for n in [0, count / 2, count - 1] {
        let (_, notice) = alone
            .iter()
            .find(|(path, _)| *path == std::path::Path::new(&format!("s{n:03}/notice.txt")))
            .unwrap();
        assert!(String::from_utf8_lossy(notice).contains(&format!("第{n}健康保険組合")));
    }
    assert_eq!(alone, build(4));
}

#[cfg(unix)]
#[test]
fn a_federation_keeps_few_files_open() {
    // Two threads staging a batch of sources each, 8 files a source, with 128 files
    // allowed open: staged files kept open until their batch is flushed would need 512.
    let dir = many_sources(2 * mokuteki::federation::BATCH + 5);
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 128 && exec \"$0\" build --source societies --jobs 2")
        .arg(env!("CARGO_BIN_EXE_mokuteki"))
        .current_dir(dir.path())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("built 69 of 69 sources"), "{stderr}");
}

#[test]
fn jobs_is_for_a_federation_and_at_least_one() {
    let dir = federation();
    std::fs::remove_file(dir.path().join("societies/gamma.yaml")).unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--jobs", "1"],
    );
    assert_eq!(run.status.code(), Some(0));
    let single = mokuteki(
        dir.path(),
        &["build", "--source", "societies/alpha.yaml", "--jobs", "2"],
    );
    assert_eq!(single.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&single.stderr).contains("--jobs sets how many sources"));
    let zero = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--jobs", "0"],
    );
    assert_eq!(zero.status.code(), Some(2));
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
    // The default source has lint warnings (ten outdated terms and wordings), shown for each source,
    // and findings of the check against the law, counted in one line for the run: not
    // fatal.
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(
        stderr.matches("warning: societies/").count(),
        20,
        "{stderr}"
    );
    // One line for the run, not one per source.
    assert_eq!(stderr.matches("the check against").count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "warning: the check against 個人情報保護法 found 54 points to review in 2 sources (societies/alpha.yaml, societies/beta.yml); `mokuteki check --source FILE` lists those of a source"
        ),
        "{stderr}"
    );
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
fn a_large_federation_sums_up_the_check_against_the_law_in_one_line() {
    let dir = many_sources(6);
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("the check against"))
        .collect();
    assert_eq!(
        lines,
        [
            "warning: the check against 個人情報保護法 found 162 points to review in 6 sources (societies/s000.yaml, societies/s001.yaml, societies/s002.yaml and 3 more); `mokuteki check --source FILE` lists those of a source"
        ],
        "{stderr}"
    );
    // An unchanged run checks nothing again, and says nothing of the law.
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    assert_eq!(run.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&run.stderr).contains("the check against"));
}

#[test]
fn a_large_federation_sums_up_its_warnings_in_one_line_and_lists_every_error() {
    // Two default sources have 20 warnings (ten outdated terms and wordings each): each is
    // listed at its place.
    let dir = many_sources(2);
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr.matches("warning: societies/").count(),
        20,
        "{stderr}"
    );
    assert!(!stderr.contains("too many to list"), "{stderr}");

    // Four more make 60: one line for the run; a broken source's error is still listed.
    for n in 2..6 {
        let more = default_yaml_with(
            "労働者健康安全機構健康保険組合",
            &format!("第{n}健康保険組合"),
        );
        std::fs::write(dir.path().join(format!("societies/s{n:03}.yaml")), more).unwrap();
    }
    let broken = default_yaml_with("  short_name:", "  shortname:");
    std::fs::write(dir.path().join("societies/s006.yaml"), broken).unwrap();
    let run = mokuteki(
        dir.path(),
        &["build", "--source", "societies", "--out", "public"],
    );
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("warning: societies/").count(), 0, "{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|line| line.contains("too many to list"))
        .collect();
    assert_eq!(
        lines,
        [
            "warning: 60 warnings in 6 sources (societies/s000.yaml, societies/s001.yaml, societies/s002.yaml and 3 more), too many to list here; `mokuteki check --source FILE` lists those of a source"
        ],
        "{stderr}"
    );
    assert!(
        stderr.contains("error: societies/s006.yaml:18:3: unknown key `shortname`"),
        "{stderr}"
    );

    // In Japanese, the same line.
    let run = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["build", "--source", "societies", "--out", "japanese"])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let stderr = masked(&run.stderr, dir.path());
    assert!(
        stderr.contains(
            "警告: 元ファイル 6 件（societies/s000.yaml、societies/s001.yaml、societies/s002.yaml ほか 3 件）に警告が合わせて 60 件あります。件数が多いため、ここでは個別に表示していません。"
        ),
        "{stderr}"
    );

    // Denied, the warnings are the sources' errors: every one is listed at its place.
    let run = mokuteki(
        dir.path(),
        &[
            "build",
            "--source",
            "societies",
            "--out",
            "denied",
            "--deny-warnings",
        ],
    );
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("too many to list"), "{stderr}");
    assert_eq!(stderr.matches("」: consider 「").count(), 60, "{stderr}");
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

#[test]
fn the_terms_list_beside_a_folder_of_sources_lints_them_and_is_no_source() {
    let dir = federation();
    let societies = dir.path().join("societies");
    std::fs::remove_file(societies.join("gamma.yaml")).unwrap();
    // Fewer warnings of the built-in list, so that each source's are listed at their place.
    for name in ["alpha.yaml", "beta.yml"] {
        let yaml = std::fs::read_to_string(societies.join(name)).unwrap();
        std::fs::write(societies.join(name), yaml.replace("の為、", "のため、")).unwrap();
    }
    std::fs::write(
        societies.join("terms.yaml"),
        "- term: 付加給付\n  replacement: 付加給付（独自給付）\n  reason: 組合の表記\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build", "--source", "societies"]);
    let stderr = masked(&run.stderr, dir.path());
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("built 2 of 2 sources"), "{stderr}");
    assert!(
        stderr.contains("societies/alpha.yaml")
            && stderr.contains("「付加給付」: consider 「付加給付（独自給付）」"),
        "{stderr}"
    );
    assert!(!societies.join("out/terms").exists());
}
