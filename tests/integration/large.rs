//! Large sources: rendered on several threads, hashed and written on several, and still the
//! same bytes, the same warnings in the same order, and a manifest that matches the files.

use std::collections::BTreeMap;
use std::path::Path;

use mokuteki::render::mailing::{Overrides, Settings};
use mokuteki::render::{Rendered, Renderer, templates};

use crate::support::{default_yaml_with, large_source, mokuteki, parse, root};

fn render_on(jobs: usize, yaml: &str) -> Rendered {
    let source = parse(yaml).expect("the generated source is valid");
    let settings = Settings::resolve(&source, &Overrides::default());
    Renderer::new(templates::load(None).unwrap())
        .unwrap()
        .jobs(jobs)
        .render(&source, &settings)
        .unwrap()
}

#[test]
fn a_source_renders_the_same_on_one_thread_or_several() {
    let yaml = large_source(1_500);
    let alone = render_on(1, &yaml);
    assert!(
        alone.warnings.len() >= 10,
        "the long links are split in the mailing text, with a warning each"
    );
    for jobs in [2, 3, 8] {
        let shared = render_on(jobs, &yaml);
        assert_eq!(
            shared.outputs, alone.outputs,
            "outputs differ with {jobs} threads"
        );
        assert_eq!(
            shared.warnings, alone.warnings,
            "warnings differ with {jobs} threads"
        );
    }
}

#[test]
fn one_renderer_follows_the_mailing_settings_of_each_source() {
    let default_yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let narrow_yaml = default_yaml_with(
        "\ncategories:\n",
        "\nmailing:\n  width: 20\n\ncategories:\n",
    );
    let mut renderer = Renderer::new(templates::load(None).unwrap()).unwrap();
    let mut in_turn = Vec::new();
    for yaml in [&default_yaml, &narrow_yaml, &default_yaml] {
        let source = parse(yaml).unwrap();
        let settings = Settings::resolve(&source, &Overrides::default());
        in_turn.push(renderer.render(&source, &settings).unwrap());
    }
    assert_eq!(in_turn[0], render_on(1, &default_yaml));
    assert_eq!(in_turn[1], render_on(1, &narrow_yaml));
    assert_eq!(
        in_turn[2], in_turn[0],
        "the narrow settings did not stay behind"
    );
    let text = |rendered: &Rendered| {
        let output = rendered
            .outputs
            .iter()
            .find(|o| o.path == "notice.txt")
            .unwrap();
        String::from_utf8(output.content.clone()).unwrap()
    };
    let widest = |rendered: &Rendered| {
        text(rendered)
            .lines()
            .map(mokuteki::text::width::str_width)
            .max()
            .unwrap()
    };
    assert!(widest(&in_turn[1]) <= 40 && widest(&in_turn[0]) > 40);
}

/// The manifest's lines, path → hash.
fn manifest(out: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(out.join(".mokuteki-manifest"))
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let (hash, path) = line.split_once("  ").unwrap();
            (path.to_owned(), hash.to_owned())
        })
        .collect()
}

#[test]
fn a_large_source_is_built_whole_with_a_manifest_that_matches_every_file() {
    let dir = tempfile::tempdir().unwrap();
    // Large enough for every step to share the cores: ~250 KB of source, ~2 MB written.
    let yaml = large_source(2_000);
    assert!(yaml.len() as u64 >= mokuteki::parallel::MIN_PARALLEL_SOURCE_BYTES);
    std::fs::write(dir.path().join("purposes.yaml"), &yaml).unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("(8 written, 0 unchanged)"), "{stderr}");

    let out = dir.path().join("out");
    let mut expected = render_on(1, &yaml);
    mokuteki::build::with_record(&mut expected, &parse(&yaml).unwrap());
    let written: usize = expected.outputs.iter().map(|o| o.content.len()).sum();
    assert!(written >= mokuteki::parallel::MIN_PARALLEL_BYTES);
    let hashes = manifest(&out);
    assert_eq!(hashes.len(), expected.outputs.len());
    for output in &expected.outputs {
        let on_disk = std::fs::read(out.join(&output.path)).unwrap();
        assert!(on_disk == output.content, "{} differs", output.path);
        assert_eq!(
            hashes[&output.path],
            mokuteki::output::sha256::hex(&on_disk),
            "{}",
            output.path
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.contains(".tmp") || name.contains("lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let again = mokuteki(dir.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("(0 written, 8 unchanged)"), "{stderr}");
    assert!(mokuteki(dir.path(), &["build", "--check"]).status.success());
}
