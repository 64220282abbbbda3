//! Every output of the notice carries the same facts, in the same order: the title, the
//! sender, every heading, category, note and item, 制定, 最終改正, the heading 改正の経過
//! and every revision with its dates.

use mokuteki::render::context::{Item, Page, TextSettings};
use mokuteki::source::{Date, Source};
use mokuteki::text::wareki::{Digits, to_wareki};

use crate::support::{default_yaml_with, fixture, output, parse, render, root};

/// Reads an output back as plain text.
type Reader = fn(&str) -> String;

/// The notice's outputs and how each is read back as plain text.
const OUTPUTS: [(&str, Reader); 4] = [
    ("notice.html", html_text),
    ("notice.fragment.html", html_text),
    ("notice.md", markdown_text),
    ("notice.txt", plain_text),
];

/// Text without its whitespace (line breaks, indentation, the padding of a centred line).
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of an HTML page: tags dropped, entities decoded.
fn html_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    squash(&text)
}

/// The text of a Markdown document: line breaks written `<br>` dropped, escapes undone.
fn markdown_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut chars = markdown
        .replace("<br>", "")
        .chars()
        .collect::<Vec<_>>()
        .into_iter();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.extend(chars.next()),
            _ => text.push(c),
        }
    }
    squash(&text)
}

fn plain_text(text: &str) -> String {
    squash(text)
}

fn wareki(date: &str, digits: Digits) -> String {
    to_wareki(Date::parse(date).unwrap(), digits).unwrap()
}

fn item_facts(items: &[Item], facts: &mut Vec<String>) {
    for item in items {
        facts.push(item.text.clone());
        facts.extend(item.notes.iter().cloned());
        item_facts(&item.items, facts);
    }
}

/// What the notice says, in the order it says it.
fn facts(source: &Source, digits: Digits) -> Vec<String> {
    let page = Page::new(
        source,
        TextSettings {
            width: 72,
            title_align: "left",
            sender_align: "left",
            digits,
        },
    );
    let number = |n: usize| match digits {
        Digits::FullWidth => format!(
            "{}．",
            mokuteki::text::numerals::full_width_digits(&n.to_string())
        ),
        Digits::HalfWidth => format!("{n}."),
    };
    let notice = page.notice.as_ref().expect("a notice");
    let mut facts = vec![notice.title.clone(), page.organization.name.clone()];
    facts.extend(notice.purposes_heading.clone());
    for category in &page.categories {
        if category.group_starts {
            facts.extend(category.group.clone());
        }
        facts.push(format!("{}{}", number(category.number), category.title));
        facts.extend(category.description.clone());
        facts.extend(category.notes.iter().cloned());
        for cell in category.cells.iter().filter(|c| !c.items.is_empty()) {
            facts.push(format!("【{}】", cell.heading));
            item_facts(&cell.items, &mut facts);
        }
    }
    facts.extend(notice.sections.iter().map(|s| s.heading.clone()));
    let dates = page.dates.as_ref().expect("dates");
    facts.push(format!("{}制定", wareki(&dates.established, digits)));
    if let Some(last) = &dates.last_revised {
        facts.push(format!("{}最終改正", wareki(last, digits)));
        facts.push("改正の経過".to_owned());
    }
    for revision in &dates.revisions {
        let mut line = format!("{}改正", wareki(&revision.date, digits));
        if let Some(summary) = &revision.summary {
            line.push_str(&format!("（{summary}）"));
        }
        if let Some(date) = &revision.effective {
            line.push_str(&format!("、{}施行", wareki(date, digits)));
        }
        if let Some(date) = &revision.applies_from {
            line.push_str(&format!("、{}適用", wareki(date, digits)));
        }
        facts.push(line);
    }
    facts
}

/// Checks that every output of `yaml` carries its facts in order; returns how many.
fn assert_same_facts(yaml: &str, digits: Digits) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, yaml).unwrap();
    let rendered = render(&path, None).unwrap();
    let facts = facts(&parse(yaml).unwrap(), digits);
    for (name, read) in OUTPUTS {
        let text = read(output(&rendered, name));
        let mut from = 0;
        for fact in &facts {
            let fact = squash(fact);
            match text[from..].find(&fact) {
                Some(at) => from += at + fact.len(),
                None if text.contains(&fact) => panic!("{name}: {fact:?} is out of order"),
                None => panic!("{name}: {fact:?} is missing"),
            }
        }
    }
    facts.len()
}

#[test]
fn every_output_of_the_notice_carries_the_same_facts() {
    let default = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let nested = std::fs::read_to_string(fixture("render/nested/purposes.yaml")).unwrap();
    assert!(assert_same_facts(&default, Digits::FullWidth) > 60);
    assert!(assert_same_facts(&nested, Digits::FullWidth) > 20);
    let half = nested.replacen(
        "organization:",
        "mailing:\n  digits: half\norganization:",
        1,
    );
    assert_same_facts(&half, Digits::HalfWidth);
    let centred = default_yaml_with(
        "organization:",
        "mailing:\n  width: 12\n  title_align: center\n  sender_align: right\norganization:",
    );
    assert_same_facts(&centred, Digits::FullWidth);
}

#[test]
fn a_notice_never_revised_shows_no_history() {
    let yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let (head, tail) = yaml.split_once("    revisions:\n").unwrap();
    let tail = tail.split_once("\n\n").unwrap().1;
    let yaml = format!("{head}\n{tail}");
    assert_same_facts(&yaml, Digits::FullWidth);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, &yaml).unwrap();
    let rendered = render(&path, None).unwrap();
    for (name, _) in OUTPUTS {
        let text = output(&rendered, name);
        assert!(!text.contains("改正"), "{name}");
        assert!(text.contains("制定"), "{name}");
    }
}
