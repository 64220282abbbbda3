//! Arbitrary bytes as `compare`'s two versions (split at the first NUL byte): comparing
//! them and rendering the 新旧対照表 and the notice of change must never panic, hang or
//! exhaust memory; what is refused is refused with an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mokuteki::compare::{CompareOptions, input::Version};

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, data),
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("old.yaml"), old).expect("written");
    std::fs::write(dir.path().join("new.yaml"), new).expect("written");
    let options = CompareOptions::new(
        Version::File(dir.path().join("old.yaml")),
        Version::File(dir.path().join("new.yaml")),
        None,
        Some(dir.path().join("revision")),
    );
    let _ = mokuteki::compare::prepare(&options, mokuteki::error::Lang::Ja);
});
