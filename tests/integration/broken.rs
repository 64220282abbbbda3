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
