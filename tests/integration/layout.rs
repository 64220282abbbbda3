//! The mailing text as a printing clerk sees it: every line within the width at every
//! width, hanging indents under 【…】 headings and revisions, dashes kept in pairs, the
//! title centred and the sender flush right when asked, and the digits setting followed by
//! every output.

use std::path::{Path, PathBuf};

use mokuteki::build::{self, BuildOptions};
use mokuteki::render::Rendered;
use mokuteki::render::mailing::Overrides;
use mokuteki::text::width::str_width;

use crate::support::{default_yaml_with, fixture, output};

/// The default source with every text the mailing prints outside a list made long: the
/// title, the sender, a 【…】 heading, the revisions (one with a run of dashes wider than
/// any line), and `mailing` as given.
fn long_source(mailing: &str) -> String {
    let replacements = [
        (
            "notice:\n  title: 個人情報の利用目的\n",
            "notice:\n  title: 個人情報の利用目的について――加入者の皆様からお預かりする個人情報の取扱いに関するお知らせ（https://example.jp/privacy/notice/2025）\n",
        ),
        (
            "  name: 労働者健康安全機構健康保険組合",
            "  name: 労働者健康安全機構健康保険組合――本部・東日本支部・西日本支部合同事務局（個人情報保護担当）",
        ),
        (
            "    heading: 健保組合等の内部での利用に係る事例",
            "    heading: 健保組合等の内部での利用に係る事例（当組合の役職員及び業務の委託を受けた者が利用する場合を含む）",
        ),
        (
            "        summary: 特定個人情報の利用目的（番号法に基づく情報連携）を追加",
            "        summary: 特定個人情報の利用目的（番号法に基づく情報連携）を追加――――――あわせて……の表記を改めた\n        effective: 2018-01-01\n        applies_from: 2018-04-01",
        ),
        (
            "        summary: オンライン資格確認等システムの利用に係る利用目的を追加",
            &format!(
                "        summary: オンライン資格確認等システムの利用に係る利用目的を追加{}",
                "―".repeat(121)
            ),
        ),
    ];
    let mut yaml = default_yaml_with("organization:", &format!("{mailing}organization:"));
    for (from, to) in replacements {
        assert!(yaml.contains(from), "no {from:?}");
        yaml = yaml.replacen(from, to, 1);
    }
    yaml
}

/// A source written to a temporary folder, and the options to build it with.
struct Project {
    _dir: tempfile::TempDir,
    options: BuildOptions,
    text: String,
}

impl Project {
    fn new(yaml: &str) -> Project {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("purposes.yaml");
        std::fs::write(&source, yaml).unwrap();
        Project {
            options: options(&source),
            _dir: dir,
            text: yaml.to_owned(),
        }
    }
}

fn options(source: &Path) -> BuildOptions {
    BuildOptions {
        source: source.to_owned(),
        templates: None,
        out: PathBuf::from("unused"),
        ..BuildOptions::default()
    }
}

/// The widths the whole outputs are checked at: every one up to 20 (the narrowest break the
/// most lines), then every seventh, the default 36 and the widest allowed. The line breaker
/// itself is checked on random text at every width from 10 to 80 by its property test;
/// here the templates around it are, and rendering all 191 widths of every source was
/// most of the test suite's time.
fn sampled_widths() -> Vec<usize> {
    let range = mokuteki::render::mailing::WIDTH_RANGE;
    let mut widths: Vec<usize> = (*range.start()..=20)
        .chain((21..*range.end()).step_by(7))
        .chain([36, *range.end()])
        .collect();
    widths.sort_unstable();
    widths.dedup();
    widths
}

/// Renders `project` at each width (in full-width characters) with templates compiled once.
fn render_at_widths(project: &Project, widths: impl Iterator<Item = usize>) -> Vec<Rendered> {
    let source = mokuteki::source::load_bytes(&project.options.source, project.text.as_bytes())
        .expect("the source is valid");
    let mut renderer = build::compile(&project.options, 1).unwrap();
    widths
        .map(|width| {
            let options = BuildOptions {
                mailing: Overrides {
                    width: Some(width),
                    encoding: None,
                },
                ..options(&project.options.source)
            };
            build::render_source(&mut renderer, &source, &project.text, &options).unwrap()
        })
        .collect()
}

/// The text outputs of a render: every `*.txt`.
fn text_outputs(rendered: &Rendered) -> Vec<(&str, &str)> {
    let texts: Vec<(&str, &str)> = rendered
        .outputs
        .iter()
        .filter(|o| o.path.ends_with(".txt"))
        .map(|o| (o.path.as_str(), std::str::from_utf8(&o.content).unwrap()))
        .collect();
    assert!(!texts.is_empty());
    texts
}

/// The lines of `text` from the one starting with `start` to the next blank line.
fn block<'a>(text: &'a str, start: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(start))
        .take_while(|l| !l.is_empty())
        .collect()
}

#[test]
fn no_line_of_any_text_output_is_wider_than_the_width_at_any_width() {
    let alignments = [
        "",
        "mailing:\n  title_align: center\n  sender_align: right\n",
        "mailing:\n  punctuation: hang\n  title_align: right\n  sender_align: center\n",
    ];
    for mailing in alignments {
        let hang = mailing.contains("hang");
        let mut sources = vec![long_source(mailing)];
        if mailing.is_empty() {
            sources.push(default_yaml_with("organization:", "organization:"));
            // Every render fixture: groups, notes, sub-items, sections, the law's fields.
            for case in std::fs::read_dir(fixture("render")).unwrap() {
                let path = case.unwrap().path().join("purposes.yaml");
                sources.push(std::fs::read_to_string(path).unwrap());
            }
        }
        for yaml in sources {
            let project = Project::new(&yaml);
            let widths = sampled_widths();
            for (rendered, &width) in render_at_widths(&project, widths.iter().copied())
                .iter()
                .zip(&widths)
            {
                let columns = width * 2;
                for (path, text) in text_outputs(rendered) {
                    for line in text.lines() {
                        let hanging = hang
                            && line.ends_with(['、', '。', '，', '．'])
                            && str_width(line) - 2 <= columns;
                        assert!(
                            str_width(line) <= columns || hanging,
                            "{path} at width {width} ({mailing:?}): {line:?} is {} columns",
                            str_width(line)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn headings_and_revisions_hang_under_their_first_character() {
    let project = Project::new(&long_source(""));
    for rendered in render_at_widths(&project, 10..=60) {
        let text = output(&rendered, "notice.txt");
        // A 【…】 heading's lines after the first are indented until its 】.
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.starts_with('【') && !line.ends_with('】') {
                for next in lines.by_ref() {
                    assert!(next.starts_with('\u{3000}'), "{line:?} then {next:?}");
                    if next.ends_with('】') {
                        break;
                    }
                }
            }
        }
        // Each revision starts at the margin; its following lines are indented.
        let history = block(text, "■改正の経過");
        assert!(history.len() > 2, "{text}");
        for line in &history[1..] {
            assert!(
                line.starts_with("平成")
                    || line.starts_with("令和")
                    || line.starts_with('\u{3000}'),
                "{line:?} in {history:?}"
            );
        }
        assert_eq!(
            history
                .iter()
                .filter(|l| !l.starts_with('\u{3000}'))
                .count(),
            3,
            "the heading and two revisions: {history:?}"
        );
    }
}

#[test]
fn a_run_of_dashes_wider_than_a_line_is_split_in_pairs_and_reported() {
    let project = Project::new(&long_source(""));
    let rendered = render_at_widths(&project, [20].into_iter()).remove(0);
    let dash_lines: Vec<&str> = output(&rendered, "notice.txt")
        .lines()
        .map(|l| l.trim_start_matches('\u{3000}'))
        .filter(|l| l.starts_with('―'))
        .collect();
    assert!(dash_lines.len() >= 2, "{dash_lines:?}");
    for line in &dash_lines {
        let run = line.chars().take_while(|&c| c == '―').count();
        assert!(run >= 2, "a dash alone: {line:?}");
    }
    // The runs of six and of 121 dashes break only between pairs: every line but the last
    // of the long run holds an even number.
    let long: Vec<usize> = dash_lines
        .iter()
        .map(|l| l.chars().take_while(|&c| c == '―').count())
        .collect();
    assert_eq!(long.iter().sum::<usize>() % 121, 0, "{long:?}");
    for count in &long[..long.len() - 1] {
        assert_eq!(count % 2, 0, "{long:?}");
    }
    assert!(
        rendered
            .warnings
            .iter()
            .any(|w| matches!(w, mokuteki::diagnostic::Problem::SplitRun { run, .. } if run.contains(&"―".repeat(121)))),
        "the split is reported: {:?}",
        rendered.warnings
    );
}

#[test]
fn the_title_is_centred_and_the_sender_flush_right_when_asked() {
    let mailing = "mailing:\n  title_align: center\n  sender_align: right\n";
    for yaml in [
        long_source(mailing),
        default_yaml_with("organization:", &format!("{mailing}organization:")),
    ] {
        let project = Project::new(&yaml);
        for (rendered, width) in render_at_widths(&project, 10..=80).iter().zip(10..=80) {
            let columns = width * 2;
            let text = output(rendered, "notice.txt");
            let mut paragraphs = text.split("\n\n");
            let title = paragraphs.next().unwrap();
            let sender = paragraphs.next().unwrap();
            for line in title.lines() {
                let body = line.trim_start_matches([' ', '\u{3000}']);
                let before = str_width(line) - str_width(body);
                let after = columns - str_width(line);
                assert!(
                    before <= after && after - before <= 3,
                    "title at width {width} not centred: {line:?} ({before} | {after})"
                );
                assert!(line.starts_with('\u{3000}') || before == 0);
            }
            for line in sender.lines() {
                assert_eq!(
                    str_width(line),
                    columns,
                    "sender at width {width} not flush right: {line:?}"
                );
            }
        }
    }
}

#[test]
fn by_default_title_and_sender_stand_at_the_left_margin() {
    let project = Project::new(&long_source(""));
    for rendered in render_at_widths(&project, 10..=80) {
        let text = output(&rendered, "notice.txt");
        for line in text.split("\n\n").take(2).flat_map(str::lines) {
            assert!(!line.starts_with([' ', '\u{3000}']), "{line:?}");
        }
    }
}

#[test]
fn half_width_digits_number_the_categories_in_every_output() {
    let yaml = std::fs::read_to_string(fixture("render/nested/purposes.yaml")).unwrap();
    let yaml = yaml.replacen(
        "organization:",
        "mailing:\n  digits: half\norganization:",
        1,
    );
    let project = Project::new(&yaml);
    let rendered = render_at_widths(&project, [36].into_iter()).remove(0);
    let expected = [
        ("notice.txt", "1.資格管理に必要な利用目的"),
        ("notice.md", "### 1\\.資格管理に必要な利用目的"),
        ("notice.html", "<h3>1.資格管理に必要な利用目的</h3>"),
        (
            "notice.fragment.html",
            "<h3>1.資格管理に必要な利用目的</h3>",
        ),
        ("beppyo2.md", " 1\\.資格管理に必要な利用目的"),
        ("beppyo2.html", ">1.資格管理に必要な利用目的"),
        ("beppyo2.fragment.html", ">1.資格管理に必要な利用目的"),
    ];
    for (path, heading) in expected {
        let text = output(&rendered, path);
        assert!(text.contains(heading), "{path}: no {heading:?}");
        // Markdown escapes the full stop, which would otherwise start a list.
        let other = if path.ends_with(".md") {
            "4\\.その他"
        } else {
            "4.その他"
        };
        assert!(text.contains(other), "{path}");
        for full in ["１．", "２．", "３．", "４．", "平成１７年"] {
            assert!(!text.contains(full), "{path} still has {full}");
        }
    }
    // The dates and the numbered lists of the prose follow the same setting.
    let text = output(&rendered, "notice.txt");
    assert!(text.contains("平成17年4月1日制定"), "{text}");
    assert!(
        text.contains("\n1.健康保険組合連合会\n2.委託先の健診機関\n"),
        "{text}"
    );
}
