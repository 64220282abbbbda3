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

/// The default source with a section whose body has hard line breaks, a list and a table.
fn source_with_a_table_and_hard_breaks() -> String {
    default_yaml_with(
        "  purposes_heading:",
        "  sections:
    - heading: お問い合わせ窓口
      body: |
        架空健康保険組合 個人情報相談窓口\\
        〒100-0000 東京都千代田区霞が関一丁目1番1号\\
        電話 03-0000-0000

        - 受付は平日のみです

        | 窓口 | 受付時間 | 電話番号 |
        | --- | :---: | ---: |
        | 本部 | ９時〜17時 | 03-0000-0000 |
        | 大阪支部（関西地区の事業所に勤務する被保険者の方の窓口） | ９時〜17時 | 06-0000-0000 |
  purposes_heading:",
    )
}

#[test]
fn hard_breaks_lists_and_tables_in_prose_reach_the_mailing_text() {
    let dir = project();
    std::fs::write(
        dir.path().join("purposes.yaml"),
        source_with_a_table_and_hard_breaks(),
    )
    .unwrap();
    ok(dir.path(), &["build"]);
    let text = String::from_utf8(read(&dir.path().join("out/notice.txt"))).unwrap();
    let at = text.find("■お問い合わせ窓口\n").expect("the section");
    let section: Vec<&str> = text[at..].lines().skip(1).take(18).collect();
    // Each hard-broken line on a line of its own, the paragraph's indent on the first.
    assert_eq!(
        section[..4],
        [
            "　架空健康保険組合 個人情報相談窓口",
            "〒100-0000 東京都千代田区霞が関一丁目1番1号",
            "電話 03-0000-0000",
            "・受付は平日のみです",
        ],
        "{section:#?}"
    );
    // The table ruled, its long cell wrapped within its column, every line as wide as the
    // others and no wider than the 36 full-width characters of the line.
    let table: Vec<&str> = section[4..]
        .iter()
        .copied()
        .take_while(|line| !line.is_empty())
        .collect();
    assert!(table[0].starts_with('┌') && table.last().unwrap().starts_with('└'));
    let widths: Vec<usize> = table.iter().map(|line| str_width(line)).collect();
    assert!(
        widths.iter().all(|&w| w == widths[0] && w <= 72),
        "{table:#?}"
    );
    let blank = |n: usize| "\u{3000}".repeat(n);
    // The first column takes what the others leave; headings centred and flush right as
    // the table's second row asks (on whole full-width characters).
    assert_eq!(
        table[1],
        format!(
            "│窓口{}│受付時間{}│{}電話番号│",
            blank(19),
            blank(1),
            blank(2)
        )
    );
    assert_eq!(
        table[3],
        format!("│本部{}│９時〜17時│03-0000-0000│", blank(19))
    );
    assert_eq!(
        table[5],
        "│大阪支部（関西地区の事業所に勤務する被保険│９時〜17時│06-0000-0000│"
    );
    assert_eq!(
        table[6],
        format!("│者の方の窓口）{}│{}│{}│", blank(14), blank(5), blank(6))
    );
    assert_eq!(table.len(), 8, "{table:#?}");

    // The box-drawing characters are in Shift_JIS too.
    ok(
        dir.path(),
        &["build", "--out", "sjis", "--encoding", "shift_jis"],
    );
    // (Windows-31J decodes 〜 as ～, the character Windows shows for it.)
    let sjis = decode_shift_jis(&read(&dir.path().join("sjis/notice.txt")));
    assert_eq!(sjis.replace('～', "〜"), text.replace('\n', "\r\n"));
}
