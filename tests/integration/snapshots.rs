//! Each output, kept as a snapshot: the committed `out/` for the default source, and
//! `expected/` folders for the fixtures under `tests/fixtures/render/`.

use crate::support::{assert_snapshots, fixture, render, render_default, root};

#[test]
fn committed_out_is_what_the_build_produces() {
    let rendered = render_default();
    let names: Vec<&str> = rendered.outputs.iter().map(|o| o.path.as_str()).collect();
    assert_eq!(
        names,
        [
            "beppyo2.fragment.html",
            "beppyo2.html",
            "beppyo2.md",
            "notice.fragment.html",
            "notice.html",
            "notice.md",
            "notice.txt",
            "purposes.json"
        ]
    );
    assert_snapshots(&root().join("out"), &rendered);
}

#[test]
fn fixture_outputs_match_their_snapshots() {
    let cases = std::fs::read_dir(fixture("render")).unwrap();
    let mut count = 0;
    for case in cases {
        let case = case.unwrap().path();
        let templates = case.join("templates");
        let rendered = render(
            &case.join("purposes.yaml"),
            templates.is_dir().then_some(templates.as_path()),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        assert_snapshots(&case.join("expected"), &rendered);
        count += 1;
    }
    assert!(count >= 1, "no render fixtures found");
}
