//! A bounded random harness on the stable compiler, beside the cargo-fuzz targets in
//! `fuzz/` (which need a nightly compiler): mutated sources as `compare`'s two versions and
//! as a federation's folder of sources, under names chosen to be hostile. Nothing may panic,
//! hang or write outside the output folder; what is refused is refused with an error.
//!
//! The test run tries a few dozen cases; `MOKUTEKI_FUZZ_SECONDS=120` runs it for longer.

use std::path::Path;

use crate::support::{fixture, root};

/// A small, fast, reproducible generator (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that reach the corners of the loader, the checks and the templates.
const TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "- ",
    ": ",
    "\n",
    "\n  ",
    "\"",
    "'",
    "|\n",
    ">\n",
    "[",
    "]",
    "{",
    "}",
    "{{ x }}",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{3000}",
    "：",
    "\t",
    "---\n",
    "# ",
    "社会保険庁",
    "ｱｲｳ",
    "１２３",
    "https://",
    "javascript:alert(1)",
    "![x](https://e.example/p.gif)",
    "<script>",
    "令和",
    "9999",
    "id: x\n",
    "categories:\n",
    "documents:\n",
    "record:\n",
    "purposes: {}\n",
    "revisions:\n",
];

/// `seed` changed a few times: bytes replaced, ranges cut or repeated, tokens inserted, lines
/// taken from `other`.
fn mutate(random: &mut Random, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + random.below(6) {
        let at = random.below(bytes.len() + 1);
        match random.below(6) {
            0 if !bytes.is_empty() => {
                let at = at.min(bytes.len() - 1);
                bytes[at] = random.next() as u8;
            }
            1 => {
                let end = (at + random.below(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let end = (at + random.below(300)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                for _ in 0..1 + random.below(4) {
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
            3 | 4 => {
                let token = TOKENS[random.below(TOKENS.len())];
                bytes.splice(at..at, token.bytes());
            }
            _ => {
                let from = random.below(other.len());
                let end = (from + random.below(400)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    bytes
}

/// The seeds: the default source and the two versions of the comparison fixtures.
fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = vec![std::fs::read(root().join("purposes.yaml")).unwrap()];
    for case in ["item-added", "groups-and-columns", "many-changes"] {
        for name in ["old.yaml", "new.yaml"] {
            let path = fixture("compare").join(case).join(name);
            if let Ok(bytes) = std::fs::read(path) {
                seeds.push(bytes);
            }
        }
    }
    seeds
}

/// `compare`'s two versions: compared and rendered in memory; an error is fine, a panic is
/// not.
fn compare_two(dir: &Path, old: &[u8], new: &[u8]) {
    use mokuteki::compare::{CompareOptions, input::Version};
    std::fs::write(dir.join("old.yaml"), old).unwrap();
    std::fs::write(dir.join("new.yaml"), new).unwrap();
    let options = CompareOptions::new(
        Version::File(dir.join("old.yaml")),
        Version::File(dir.join("new.yaml")),
        None,
        Some(dir.join("revision")),
    );
    let _ = mokuteki::compare::prepare(&options, mokuteki::error::Lang::Ja);
}

/// File names a folder of sources may hold, some of them hostile.
const NAMES: &[&str] = &[
    "alpha.yaml",
    "beta.yml",
    "-x.yaml",
    "--checkpoint-action=exec=sh x.sh.yaml",
    "..yaml",
    "...yaml",
    "\u{304C}.yaml",
    "\u{304B}\u{3099}.yaml",
    "a\u{1b}[2J.yaml",
    "terms.yaml",
    "notes.txt",
    "\u{202e}lmth.yaml",
];

/// A federation's folder of mutated sources under `names`: planned and built; nothing may
/// be written outside the output folder.
fn federation_folder(dir: &Path, files: &[(&str, Vec<u8>)]) {
    let societies = dir.join("societies");
    std::fs::create_dir_all(&societies).unwrap();
    for (name, bytes) in files {
        std::fs::write(societies.join(name), bytes).unwrap();
    }
    let options = mokuteki::federation::FederationOptions {
        inputs: vec![societies.clone()],
        templates: None,
        out: dir.join("public"),
        jobs: Some(1),
        force: false,
        publish_guard: true,
        deny_warnings: false,
        prune: false,
        mailing: Default::default(),
    };
    if let Ok(planned) = mokuteki::federation::plan(&options) {
        let _ = mokuteki::federation::build_all(&planned, 1, false);
    }
    let mut top: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert!(
        top.iter()
            .all(|name| name == "societies" || name == "public"),
        "written outside the output folder: {top:?}"
    );
    let mut names: Vec<String> = std::fs::read_dir(&societies)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut given: Vec<String> = files.iter().map(|(n, _)| (*n).to_owned()).collect();
    given.sort();
    given.dedup();
    assert_eq!(names, given, "the folder of sources was changed");
}

#[test]
fn mutated_versions_and_folders_of_sources_are_refused_or_built_never_panicking() {
    let seconds: u64 = std::env::var("MOKUTEKI_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let started = std::time::Instant::now();
    let seeds = seeds();
    let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ seconds);
    let mut cases = 0;
    while cases < 24 || started.elapsed().as_secs() < seconds {
        let dir = tempfile::tempdir().unwrap();
        let seed = &seeds[random.below(seeds.len())];
        let other = &seeds[random.below(seeds.len())];
        if cases % 2 == 0 {
            let old = mutate(&mut random, seed, other);
            let new = if random.below(3) == 0 {
                old.clone()
            } else {
                mutate(&mut random, &old, other)
            };
            compare_two(dir.path(), &old, &new);
        } else {
            let files: Vec<(&str, Vec<u8>)> = (0..1 + random.below(3))
                .map(|_| {
                    let name = NAMES[random.below(NAMES.len())];
                    (name, mutate(&mut random, seed, other))
                })
                .collect();
            // One name given twice is one file, written last.
            let mut unique: Vec<(&str, Vec<u8>)> = Vec::new();
            for (name, bytes) in files {
                unique.retain(|(n, _)| *n != name);
                unique.push((name, bytes));
            }
            federation_folder(dir.path(), &unique);
        }
        cases += 1;
    }
    if seconds > 0 {
        eprintln!("{cases} cases in {:?}", started.elapsed());
    }
}
