//! The broken-file corpus (`tests/fixtures/broken/`): every file fails `check` with the
//! expected exit code, names the expected line:column and problem code, and nothing panics.

use std::path::Path;

use crate::support::{fixture, mokuteki};

/// Makes the files too big to commit: a 30 MB file and 10,000-deep nesting.
fn generate(dir: &Path) {
    let mut big = String::from("organization:\n  name: |\n");
    let line = "    個人情報の利用目的を記載します。\n";
    while big.len() < 30 * 1024 * 1024 {
        big.push_str(line);
    }
    std::fs::write(dir.join("generated-30mb.yaml"), big).unwrap();
    let deep = format!("{}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(dir.join("generated-deep.yaml"), deep).unwrap();
}

#[test]
fn every_broken_file_is_rejected_where_it_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let manifest = std::fs::read_to_string(fixture("broken/expect.txt")).unwrap();
    let mut count = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [name, exit, at, code] = fields[..] else {
            panic!("bad line in expect.txt: {line}");
        };
        let path = if name.starts_with("generated-") {
            dir.path().join(name)
        } else {
            fixture("broken").join(name)
        };
        let path = path.to_str().unwrap();
        let run = mokuteki(dir.path(), &["check", "--source", path, "--format", "json"]);
        let stdout = String::from_utf8_lossy(&run.stdout);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert_eq!(
            run.status.code(),
            Some(exit.parse().unwrap()),
            "{name}: {stdout}"
        );
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let first = &report["diagnostics"][0];
        assert_eq!(first["code"], code, "{name}: {report:#}");
        let (line, column) = at.split_once(':').unwrap();
        assert_eq!(first["line"].to_string(), line, "{name}: {report:#}");
        if column != "?" {
            assert_eq!(first["column"].to_string(), column, "{name}: {report:#}");
        }
        // The text report names the same place, file:line:column.
        let text = mokuteki(dir.path(), &["check", "--source", path]);
        let text = String::from_utf8_lossy(&text.stderr);
        let place = if line == "0" {
            format!("{path}: ")
        } else {
            format!("{path}:{line}:")
        };
        assert!(text.contains(&place), "{name}: {text}");
        count += 1;
    }
    assert!(count >= 30, "the corpus has {count} files");
}

/// The files of the corpus as `expect.txt` lists them (the generated ones made in `dir`),
/// each with its path.
fn corpus(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    generate(dir);
    let manifest = std::fs::read_to_string(fixture("broken/expect.txt")).unwrap();
    manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|line| {
            let name = line.split_whitespace().next().unwrap().to_owned();
            let path = if name.starts_with("generated-") {
                dir.join(&name)
            } else {
                fixture("broken").join(&name)
            };
            (name, path)
        })
        .collect()
}

/// `check`'s report of `path` on stderr, with `LANG` set to `lang`.
fn report_in(dir: &Path, path: &Path, lang: &str) -> String {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["check", "--source", path.to_str().unwrap()])
        .current_dir(dir)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    String::from_utf8_lossy(&run.stderr).into_owned()
}

/// Runs of two or more English words in a Japanese report, outside what is quoted from the
/// user's file or names a thing: the quoted source lines, paths, `code`, 「values」.
fn english_runs(report: &str, path: &Path) -> Vec<String> {
    let mut runs = Vec::new();
    for line in report.lines() {
        let trimmed = line.trim_start();
        let quoted_source = trimmed.starts_with('|')
            || trimmed
                .split_once(" |")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        if quoted_source {
            continue;
        }
        let mut text = line.replace(&path.display().to_string(), "");
        for (open, close) in [('`', '`'), ('「', '」')] {
            while let Some(start) = text.find(open) {
                let after = start + open.len_utf8();
                let Some(len) = text[after..].find(close) else {
                    break;
                };
                text.replace_range(start..after + len + close.len_utf8(), " ");
            }
        }
        let mut run: Vec<&str> = Vec::new();
        for token in text.split_whitespace() {
            let word = token.trim_matches(|c: char| ",.;:()（）、。".contains(c));
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
                run.push(word);
                continue;
            }
            if run.len() >= 2 {
                runs.push(run.join(" "));
            }
            run.clear();
        }
        if run.len() >= 2 {
            runs.push(run.join(" "));
        }
    }
    runs
}

#[test]
fn the_corpus_reads_in_both_languages_with_no_english_sentence_in_the_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus(dir.path());
    for (name, path) in &corpus {
        let english = report_in(dir.path(), path, "C");
        let japanese = report_in(dir.path(), path, "ja_JP.UTF-8");
        assert!(english.starts_with("error: "), "{name}: {english}");
        assert!(japanese.starts_with("エラー: "), "{name}: {japanese}");
        assert_ne!(english, japanese, "{name}");
        let runs = english_runs(&japanese, path);
        assert!(runs.is_empty(), "{name}: English in {japanese}: {runs:?}");
    }
    assert!(corpus.len() >= 40, "the corpus has {} files", corpus.len());
}

#[test]
fn the_detector_finds_english_sentences() {
    let path = Path::new("p.yaml");
    // What the Japanese reports said before (issue: English leaking into Japanese).
    assert_eq!(
        english_runs(
            "エラー: p.yaml:1:1: 値が正しくありません: `x` is not a date",
            path
        ),
        ["is not a date"]
    );
    assert!(
        english_runs(
            "エラー: 「a b c」と `mokuteki build` は YAML の UTF-8 で",
            path
        )
        .is_empty()
    );
    assert_eq!(
        english_runs("ここには a purpose: a string, or a map を書きます", path),
        ["a purpose a string or a map"]
    );
    assert_eq!(
        english_runs(
            "エラー: p.yaml:2:3: mapping values are not allowed in this context",
            path
        ),
        ["mapping values are not allowed in this context"]
    );
}

#[test]
fn every_independent_problem_of_a_file_is_reported_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    for (name, expected) in [
        (
            "three-misspelt-keys.yaml",
            vec![(4, "unknown_key"), (8, "unknown_key"), (17, "unknown_key")],
        ),
        (
            "several-independent.yaml",
            vec![
                (7, "unknown_key"),
                (10, "invalid_date"),
                (19, "unknown_key"),
            ],
        ),
        // A problem of shape and problems of meaning, which the checks find once the
        // misspelt key is read as the key it suggests.
        (
            "keys-and-meaning.yaml",
            vec![
                (5, "unknown_key"),
                (13, "revision_out_of_order"),
                (23, "duplicate_id"),
            ],
        ),
    ] {
        let path = fixture("broken").join(name);
        let run = mokuteki(
            dir.path(),
            &[
                "check",
                "--source",
                path.to_str().unwrap(),
                "--format",
                "json",
            ],
        );
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let found: Vec<(u64, String)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expected: Vec<(u64, String)> = expected
            .into_iter()
            .map(|(l, c)| (l, c.to_owned()))
            .collect();
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn a_bom_and_crlf_check_clean_like_lf() {
    let yaml = std::fs::read_to_string(fixture("render/nested/purposes.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let crlf = format!("\u{feff}{}", yaml.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("purposes.yaml"), crlf).unwrap();
    let run = mokuteki(dir.path(), &["check", "--format", "json"]);
    let lf = mokuteki(
        &fixture("render/nested"),
        &["check", "--format", "json", "--source", "purposes.yaml"],
    );
    assert_eq!(run.status.code(), lf.status.code());
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).replace(&dir.path().display().to_string(), ""),
        String::from_utf8_lossy(&lf.stdout)
            .replace(&fixture("render/nested").display().to_string(), "")
    );
}
