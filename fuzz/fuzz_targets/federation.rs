//! Arbitrary bytes as a federation's folder of sources: the first byte chooses how many
//! sources, then each has a name (up to a NUL byte, made a file name) and a content (up to
//! the next NUL byte). Planning and building them must never panic or hang, and nothing may
//! be written outside the federation's output folder or into the folder of sources.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.split(|&b| b == 0);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let societies = dir.path().join("societies");
    std::fs::create_dir(&societies).expect("made");
    for _ in 0..1 + count % 4 {
        let (Some(name), Some(content)) = (parts.next(), parts.next()) else {
            break;
        };
        let name = String::from_utf8_lossy(name).replace(['/', '\0'], "_");
        if name.is_empty() || name == "." || name == ".." {
            continue;
        }
        let _ = std::fs::write(societies.join(format!("{name}.yaml")), content);
    }
    let before: Vec<_> = std::fs::read_dir(&societies)
        .expect("listed")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    let options = mokuteki::federation::FederationOptions {
        inputs: vec![societies.clone()],
        templates: None,
        out: dir.path().join("public"),
        jobs: Some(1),
        force: false,
        deny_warnings: false,
        prune: false,
        mailing: Default::default(),
    };
    if let Ok(planned) = mokuteki::federation::plan(&options) {
        let _ = mokuteki::federation::build_all(&planned, 1, false);
    }
    for entry in std::fs::read_dir(dir.path()).expect("listed") {
        let name = entry.expect("an entry").file_name();
        assert!(
            name == "societies" || name == "public",
            "written outside: {name:?}"
        );
    }
    let after: Vec<_> = std::fs::read_dir(&societies)
        .expect("listed")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(
        before.len(),
        after.len(),
        "the folder of sources was changed"
    );
});
