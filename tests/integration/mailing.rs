//! The mailing text's settings: width, punctuation, 和暦 digits, and Shift_JIS for vendors.

use std::path::Path;

use mokuteki::text::width::str_width;

use crate::support::{default_yaml_with, masked, mokuteki, project};

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn ok(dir: &Path, args: &[&str]) {
    let run = mokuteki(dir, args);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn decode_shift_jis(bytes: &[u8]) -> String {
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    assert!(!had_errors, "the Shift_JIS output does not decode");
    text.into_owned()
}

#[test]
fn a_shift_jis_build_decodes_back_to_the_utf8_text_with_crlf() {
    let dir = project();
    ok(dir.path(), &["build", "--out", "utf8"]);
    ok(
        dir.path(),
        &["build", "--out", "sjis", "--encoding", "shift_jis"],
    );
    let utf8 = String::from_utf8(read(&dir.path().join("utf8/notice.txt"))).unwrap();
    let sjis = read(&dir.path().join("sjis/notice.txt"));
    assert!(!utf8.contains('\r'));
    assert_eq!(decode_shift_jis(&sjis), utf8.replace('\n', "\r\n"));
    assert_eq!(&sjis[..4], b"\x8C\xC2\x90\x6C", "「個人」 in Shift_JIS");
    // The other outputs stay UTF-8.
    for name in ["notice.html", "notice.md", "beppyo2.html", "beppyo2.md"] {
        assert_eq!(
            read(&dir.path().join("utf8").join(name)),
            read(&dir.path().join("sjis").join(name)),
            "{name}"
        );
    }
}

#[test]
fn the_mailing_section_sets_width_encoding_punctuation_and_digits() {
    let dir = project();
    let yaml = default_yaml_with(
        "organization:",
        "mailing:\n  width: 20\n  punctuation: hang\n  encoding: shift_jis\n  digits: half\n\norganization:",
    );
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    ok(dir.path(), &["build"]);
    let text = decode_shift_jis(&read(&dir.path().join("out/notice.txt")));
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
    assert!(text.contains("平成17年4月1日制定"), "{text}");
    for line in text.lines() {
        let hangs = line.ends_with(['、', '。']);
        let limit = if hangs { 42 } else { 40 };
        assert!(
            str_width(line) <= limit,
            "{line:?} is wider than 20 characters"
        );
    }
    assert!(
        text.lines().any(|l| str_width(l) == 42),
        "some 、。 hangs past the margin"
    );
    // The flags override the file.
    ok(
        dir.path(),
        &[
            "build",
            "--out",
            "wide",
            "--encoding",
            "utf-8",
            "--width",
            "30",
        ],
    );
    let text = String::from_utf8(read(&dir.path().join("wide/notice.txt"))).unwrap();
    assert!(text.lines().all(|l| str_width(l) <= 62));
    assert!(text.lines().any(|l| str_width(l) > 42));
}

#[test]
fn the_default_width_is_36_full_width_characters() {
    let dir = project();
    ok(dir.path(), &["build"]);
    let text = String::from_utf8(read(&dir.path().join("out/notice.txt"))).unwrap();
    assert!(text.lines().all(|l| str_width(l) <= 72));
    assert!(text.lines().any(|l| str_width(l) == 72));
}

#[test]
fn a_width_out_of_range_is_refused() {
    let dir = project();
    let run = mokuteki(dir.path(), &["build", "--width", "5"]);
    assert_eq!(run.status.code(), Some(2));
    let yaml = default_yaml_with("organization:", "mailing:\n  width: 500\norganization:");
    let line = yaml.lines().position(|l| l == "  width: 500").unwrap() + 1;
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = masked(&run.stderr, dir.path());
    let expected = format!("purposes.yaml:{line}:10: `mailing.width` is 500");
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_character_shift_jis_cannot_hold_is_an_error_at_its_place() {
    let dir = project();
    let yaml = default_yaml_with(
        "purposes_heading: 健康保険組合の",
        "purposes_heading: 健康保険組合の〜𠮷",
    );
    let line = yaml
        .lines()
        .position(|l| l.contains('𠮷'))
        .expect("the line")
        + 1;
    let column = yaml
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .position(|c| c == '𠮷')
        .unwrap()
        + 1;
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    let run = mokuteki(dir.path(), &["build", "--encoding", "shift_jis"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = masked(&run.stderr, dir.path());
    assert!(
        stderr.contains(&format!(
            "purposes.yaml:{line}:{column}: 「𠮷」 (U+20BB7) cannot be written in Shift_JIS"
        )),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists(), "nothing is written");
    // In UTF-8 the same source builds, and 〜 alone converts to ～ in Shift_JIS.
    ok(dir.path(), &["build"]);
    let yaml = default_yaml_with(
        "purposes_heading: 健康保険組合の",
        "purposes_heading: 健康保険組合の9時〜17時",
    );
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    ok(
        dir.path(),
        &["build", "--encoding", "shift_jis", "--out", "sjis"],
    );
    let text = decode_shift_jis(&read(&dir.path().join("sjis/notice.txt")));
    assert!(text.contains("9時～17時"), "{text}");
}
