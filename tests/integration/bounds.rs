//! Bounds on the work a source or a template can ask for: what the documents print is
//! counted before rendering, and what a render writes is capped while it runs.

use std::process::Stdio;

use mokuteki::render::mailing::{Overrides, Settings};
use mokuteki::render::{Renderer, templates};

use crate::support::{mokuteki_that_must_end, parse, root};

/// A short source that asks for much: `items` items, printed by `parts` parts with
/// `purposes` in each of `documents` documents.
fn amplified(items: usize, documents: usize, parts: usize) -> String {
    let mut yaml =
        String::from("organization:\n  name: 架空健康保険組合\n  short_name: 当組合\ndocuments:\n");
    for d in 0..documents {
        yaml.push_str(&format!(
            "  - id: d{d}\n    title: 個人情報の利用目的\n    parts:\n"
        ));
        for _ in 0..parts {
            yaml.push_str("      - purposes: {}\n");
        }
    }
    yaml.push_str(
        "recipients:\n  - id: internal\n    column: 内部での利用\ncategories:\n  - id: c\n    title: 保険給付\n    items:\n      internal:\n",
    );
    for i in 0..items {
        yaml.push_str(&format!("        - 保険給付に係る事務その{i}\n"));
    }
    yaml
}

#[test]
fn documents_that_print_the_items_too_often_are_refused_before_rendering() {
    // 1,000 items, 100 documents of 10 parts: under 100 KB, a million items to render.
    let yaml = amplified(1_000, 100, 10);
    assert!(yaml.len() < 100_000);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("purposes.yaml"), &yaml).unwrap();
    for args in [
        &["check", "--format", "json"][..],
        &["build", "--check", "--format", "json"][..],
    ] {
        let started = std::time::Instant::now();
        let run = mokuteki_that_must_end(dir.path(), args, Stdio::null());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{args:?} rendered: {:?}",
            started.elapsed()
        );
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        let found = report["diagnostics"].as_array().unwrap();
        // The document where the count passes the limit: the 26th prints items 250,001 on.
        let line = yaml.lines().position(|l| l == "  - id: d25").unwrap() + 1;
        assert!(
            found.iter().any(|d| d["code"] == "too_many"
                && d["params"]["what"] == "shown"
                && d["params"]["count"] == 1_000_000
                && d["line"] == line),
            "{args:?}: {found:?}"
        );
    }
    // As many documents and parts build when they print fewer items.
    let yaml = amplified(10, 100, 10);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("purposes.yaml"), &yaml).unwrap();
    let run = mokuteki_that_must_end(dir.path(), &["check"], Stdio::null());
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_render_stops_where_its_outputs_pass_the_bound_and_names_the_output() {
    let yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let source = parse(&yaml).unwrap();
    let settings = Settings::resolve(&source, &Overrides::default());
    let render = |limit: u64| {
        Renderer::new(templates::load(None).unwrap())
            .unwrap()
            .output_limit(limit)
            .render(&source, &settings)
    };
    let whole: u64 = render(u64::MAX)
        .unwrap()
        .outputs
        .iter()
        .map(|o| o.content.len() as u64)
        .sum();
    assert!(render(whole + 1_000).is_ok());
    let error = render(whole / 2).unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("grew past") && text.contains(&format!("{}", whole / 2)),
        "{text}"
    );
}

#[test]
fn thousands_of_warnings_on_one_line_share_it_and_are_summed_up_in_one_line() {
    // One item holding 「社会保険庁」 16,000 times: 240 KB, a warning for each.
    let yaml = crate::support::default_yaml_with(
        "        - 保険給付及び付加給付の実施",
        &format!(
            "        - 保険給付及び付加給付の実施{}",
            "社会保険庁".repeat(16_000)
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("purposes.yaml"), &yaml).unwrap();
    let started = std::time::Instant::now();
    let run = crate::support::mokuteki(dir.path(), &["check", "--format", "json"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let found = report["diagnostics"].as_array().unwrap();
    let terms = found.iter().filter(|d| d["code"] == "term").count();
    assert_eq!(terms, mokuteki::lint::MAX_WARNINGS, "{}", found.len());
    let summary: Vec<_> = found
        .iter()
        .filter(|d| d["code"] == "more_warnings")
        .collect();
    assert_eq!(summary.len(), 1, "{found:?}");
    // The rest of the 16,000, and the few warnings of the default source after them.
    let more = summary[0]["params"]["count"].as_u64().unwrap();
    assert!((15_800..15_850).contains(&more), "{more}");
    // On the terminal, each warning shows the line around its column, not 240 KB of it.
    let run = crate::support::mokuteki(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.len() < 400_000, "{} bytes", stderr.len());
    assert!(stderr.contains("…社会保険庁"), "{}", &stderr[..2000]);
}

#[test]
fn a_template_that_loops_without_end_is_stopped_with_the_output_named() {
    let dir = crate::support::project();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/notice.txt.tera"),
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}\n",
    )
    .unwrap();
    // Without the bound it spun until killed; the helper fails the test after a minute.
    let run = mokuteki_that_must_end(dir.path(), &["check"], Stdio::null());
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("templates/notice.txt.tera")
            && stderr.contains(
                "asked `range` for more than 10000000 numbers while notice.txt was rendered"
            ),
        "{stderr}"
    );
}
