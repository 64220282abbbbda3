//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mokuteki::build::BuildOptions;
use mokuteki::render::Rendered;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Renders a source with the built-in templates (and optional overrides), in memory.
pub fn render(source: &Path, templates: Option<&Path>) -> mokuteki::Result<Rendered> {
    mokuteki::build::load_and_render(&BuildOptions {
        source: source.to_owned(),
        templates: templates.map(Path::to_owned),
        out: PathBuf::from("unused"),
        ..BuildOptions::default()
    })
}

/// Renders the repository's default purposes.yaml with the built-in templates.
pub fn render_default() -> Rendered {
    render(&root().join("purposes.yaml"), None).expect("the default purposes.yaml builds")
}

/// One output of a render, as text.
pub fn output<'a>(rendered: &'a Rendered, path: &str) -> &'a str {
    let output = rendered
        .outputs
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("no output {path}"));
    std::str::from_utf8(&output.content).expect("outputs are UTF-8")
}

/// Parses YAML text as a source, from a temporary file name used in messages.
pub fn parse(yaml: &str) -> mokuteki::Result<mokuteki::source::Source> {
    mokuteki::source::load_bytes(Path::new("purposes.yaml"), yaml.as_bytes())
}

/// The default purposes.yaml with `from` replaced by `to` (which must occur).
pub fn default_yaml_with(from: &str, to: &str) -> String {
    let yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    assert!(yaml.contains(from), "purposes.yaml has no {from:?}");
    yaml.replacen(from, to, 1)
}

/// `line:column` of the `occurrence`-th (from 1) place where `needle` is written in `yaml`,
/// the column counted in characters from 1 and moved on by `after` characters: derived from
/// the text, so that editing a comment of purposes.yaml moves the expectation with it.
pub fn place_of(yaml: &str, needle: &str, occurrence: usize, after: usize) -> String {
    let byte = yaml
        .match_indices(needle)
        .nth(occurrence - 1)
        .unwrap_or_else(|| panic!("no {needle:?} number {occurrence}"))
        .0;
    let line = yaml[..byte].matches('\n').count() + 1;
    let line_start = yaml[..byte].rfind('\n').map_or(0, |i| i + 1);
    let column = yaml[line_start..byte].chars().count() + 1 + after;
    format!("{line}:{column}")
}

/// `line:column` where `needle` first starts in `yaml`.
pub fn place(yaml: &str, needle: &str) -> String {
    place_of(yaml, needle, 1, 0)
}

/// The variables that ask this test binary, started again by [`crashing`], to run
/// `mokuteki` with the arguments given (one a line) and abort after the renames given.
const CRASH_ARGS: &str = "MOKUTEKI_TEST_CRASH_ARGS";
const CRASH_AFTER: &str = "MOKUTEKI_TEST_CRASH_AFTER";

/// A command that runs `mokuteki ARGS` as the program does, in a process that aborts after
/// `renames` renames, as a crash or a power cut would stop it: this test binary, started
/// again to run [`crashing_build`] alone, which turns the library's fault point on. The
/// shipped program has no way to reach that fault point.
pub fn crashing(args: &[&str], renames: usize) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("the test binary's path"));
    command
        .args([
            "--exact",
            "support::crashing_build",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CRASH_ARGS, args.join("\n"))
        .env(CRASH_AFTER, renames.to_string());
    command
}

/// The other side of [`crashing`]: runs the command it was given, as `main` does, with the
/// fault point on. Started any other way, it does nothing.
#[test]
#[ignore = "run by `crashing`, in a process of its own that aborts"]
fn crashing_build() {
    use clap::Parser;
    let (Ok(args), Ok(renames)) = (std::env::var(CRASH_ARGS), std::env::var(CRASH_AFTER)) else {
        return;
    };
    mokuteki::output::write::abort_after_renames(renames.parse().expect("a number"));
    let lang = mokuteki::error::Lang::from_env();
    let cli = mokuteki::cli::Cli::try_parse_from(std::iter::once("mokuteki").chain(args.lines()))
        .expect("the arguments parse");
    let command = mokuteki::cli::Command::from_cli(cli);
    let code = mokuteki::cli::run(
        &command,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        lang,
    );
    std::process::exit(code);
}

/// Runs the mokuteki binary in `dir`.
pub fn mokuteki(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("the binary runs")
}

/// Runs the mokuteki binary in `dir`, standard input from `stdin`; fails the test instead
/// of hanging when it does not end within a minute (a FIFO opened for reading blocks until
/// a writer comes, a request that never ends holds a thread).
pub fn mokuteki_that_must_end(dir: &Path, args: &[&str], stdin: Stdio) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    for _ in 0..600 {
        if child
            .try_wait()
            .expect("the binary can be waited for")
            .is_some()
        {
            return child.wait_with_output().expect("its output is read");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("mokuteki {args:?} hangs");
}

/// Text with the temporary folder masked, so messages can be compared.
pub fn masked(text: &[u8], dir: &Path) -> String {
    String::from_utf8_lossy(text).replace(&dir.display().to_string(), "[DIR]")
}

/// Whether the snapshots are to be rewritten: `MOKUTEKI_BLESS=1`, and no other value (an
/// empty or `0` value left in a shell must not rewrite them unnoticed).
pub fn blessing() -> bool {
    bless_requested(std::env::var_os("MOKUTEKI_BLESS").as_deref())
}

/// Whether a value of `MOKUTEKI_BLESS` asks for the snapshots to be rewritten.
pub fn bless_requested(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| v == "1")
}

/// Compares `actual` with the snapshot file at `path`; rewrites it with `MOKUTEKI_BLESS=1`.
pub fn assert_snapshot(path: &Path, actual: &str) {
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("no snapshot {}; run with MOKUTEKI_BLESS=1", path.display()));
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the snapshot at line {}:\n  expected: {:?}\n  actual:   {:?}\n(run with MOKUTEKI_BLESS=1 if the change is intended)",
            path.display(),
            first_difference + 1,
            expected.lines().nth(first_difference),
            actual.lines().nth(first_difference)
        );
    }
}

/// Compares every output of `rendered` with its snapshot under `dir`, and finds the files
/// under `dir` that no output produces any more (the manifest aside): with
/// `MOKUTEKI_BLESS=1` they are removed, otherwise the test fails naming them.
pub fn assert_snapshots(dir: &Path, rendered: &Rendered) {
    for output in &rendered.outputs {
        assert_snapshot(
            &dir.join(&output.path),
            std::str::from_utf8(&output.content).unwrap(),
        );
    }
    let produced: Vec<PathBuf> = rendered.outputs.iter().map(|o| dir.join(&o.path)).collect();
    let stale: Vec<PathBuf> = walkdir_files(dir)
        .into_iter()
        .filter(|path| !produced.contains(path))
        .filter(|path| path.file_name().is_none_or(|n| n != ".mokuteki-manifest"))
        .collect();
    if blessing() {
        for path in &stale {
            std::fs::remove_file(path).unwrap();
        }
        return;
    }
    assert!(
        stale.is_empty(),
        "snapshot files that no output produces any more: {stale:?}\n(run with MOKUTEKI_BLESS=1 to remove them)"
    );
}

/// Every file under `dir`, recursively.
fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn only_the_value_1_blesses() {
    use std::ffi::OsStr;
    assert!(bless_requested(Some(OsStr::new("1"))));
    for value in ["", "0", "true", "yes", " 1"] {
        assert!(!bless_requested(Some(OsStr::new(value))), "{value:?}");
    }
    assert!(!bless_requested(None));
}

/// A copy of the repository's default project (purposes.yaml) in a fresh temporary folder.
pub fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("purposes.yaml"),
        dir.path().join("purposes.yaml"),
    )
    .unwrap();
    dir
}

/// The default purposes.yaml with its categories replaced by `items` generated purpose
/// items, 50 to a category, spread over the recipient kinds (as `bench/generate.py large`).
/// Every 97th item carries a URL too long for a line of the mailing text, so rendering
/// leaves warnings.
pub fn large_source(items: usize) -> String {
    let yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let (head, _) = yaml.split_once("\ncategories:\n").unwrap();
    let kinds = [
        "internal",
        "review_and_payment",
        "other_businesses",
        "provide_to_other_agencies",
        "receive_from_other_agencies",
    ];
    let mut text = format!("{head}\ncategories:\n");
    for category in 0..items.div_ceil(50) {
        text.push_str(&format!(
            "  - id: c{category:05}\n    title: 利用目的の区分その{}\n    items:\n",
            category + 1
        ));
        let numbers = category * 50..(category * 50 + 50).min(items);
        for (k, kind) in kinds.iter().enumerate() {
            let cell: Vec<usize> = numbers.clone().filter(|n| n % kinds.len() == k).collect();
            if cell.is_empty() {
                continue;
            }
            text.push_str(&format!("      {kind}:\n"));
            for n in cell {
                let link = if n % 97 == 0 {
                    format!("（https://example.org/{}）", "a".repeat(90 + n % 7))
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "        - 加入者の資格確認及び保険給付に係る事務その{}{link}\n",
                    n + 1
                ));
            }
        }
    }
    text
}
