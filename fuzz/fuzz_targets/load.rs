//! Arbitrary bytes as purposes.yaml: loading, checking, linting, rendering every built-in
//! template and encoding the mailing text must never panic, hang or exhaust memory; what
//! is refused is refused with a located diagnostic.
#![no_main]

use std::path::Path;
use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use mokuteki::build::{self, BuildOptions};
use mokuteki::render::Renderer;

/// The built-in templates, compiled once for the whole run.
fn renderer() -> &'static Mutex<Renderer> {
    static RENDERER: OnceLock<Mutex<Renderer>> = OnceLock::new();
    RENDERER.get_or_init(|| {
        let options = BuildOptions {
            source: "purposes.yaml".into(),
            ..BuildOptions::default()
        };
        Mutex::new(build::compile(&options, 1).expect("the built-in templates compile"))
    })
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("purposes.yaml");
    let Ok(loaded) = mokuteki::source::load::read_bytes(path, data) else {
        return;
    };
    let terms = mokuteki::lint::parse_terms(path, mokuteki::lint::BUILT_IN_TERMS)
        .expect("the built-in terms parse");
    let warnings = mokuteki::lint::lint(&loaded.source, &terms, path, &loaded.text);
    for d in loaded.problems.iter().chain(&warnings) {
        let _ = d.to_text(mokuteki::error::Lang::Ja);
    }
    if !loaded.problems.is_empty() {
        return; // a build stops here: only a checked source is rendered
    }
    let options = BuildOptions {
        source: path.to_owned(),
        ..BuildOptions::default()
    };
    let mut renderer = renderer().lock().unwrap_or_else(|p| p.into_inner());
    // Rendering and encoding (Shift_JIS when the source asks for it) may refuse the source
    // with an error, never panic.
    if let Ok(rendered) =
        build::render_source(&mut renderer, &loaded.source, &loaded.text, &options)
    {
        for output in &rendered.outputs {
            assert!(!output.path.is_empty());
        }
    }
});
