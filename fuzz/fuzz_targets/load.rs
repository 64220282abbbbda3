//! Loading, checking and linting arbitrary bytes as purposes.yaml must never panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("purposes.yaml");
    if let Ok(loaded) = mokuteki::source::load::read_bytes(path, data) {
        let terms = mokuteki::lint::parse_terms(path, mokuteki::lint::BUILT_IN_TERMS)
            .expect("the built-in terms parse");
        let warnings = mokuteki::lint::lint(&loaded.source, &terms, path, &loaded.text);
        for d in loaded.problems.iter().chain(&warnings) {
            let _ = d.render(mokuteki::error::Lang::Ja);
        }
    }
});
