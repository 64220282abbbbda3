//! Every item of both real documents (copied under tests/fixtures/seeds/) appears under
//! its category and recipient kind, in the source and in every output.
//!
//! The documents disagree in places; `normalize` applies the choices recorded as
//! comments in purposes.yaml, and nothing else.

use mokuteki::source::Source;

use crate::support::{fixture, output, render_default, root};

/// The corrections purposes.yaml makes to the seeds' wording (each noted there).
fn normalize(text: &str) -> String {
    text.trim()
        .replace("紹介及び提供", "照会及び提供")
        .replace("保健指導への実施状況", "保健指導の実施状況")
        .replace("(保養所等)", "（保養所等）")
        .replace("にかかる", "に係る")
}

/// (category title, recipient heading or column, item) as the seed lists them.
type SeedItem = (String, usize, String);

/// The table 別表2: tab-separated, a header row of columns, a row per category.
fn table_seed() -> Vec<SeedItem> {
    let text = std::fs::read_to_string(fixture("seeds/beppyo2.tsv")).unwrap();
    let mut items = Vec::new();
    for row in text.lines().filter(|l| l.contains('\t')).skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        assert_eq!(cells.len(), 6, "{row}");
        let title = cells[0]
            .split_once(". ")
            .unwrap()
            .1
            .split(' ')
            .next()
            .unwrap()
            .to_owned();
        for (column, cell) in cells[1..].iter().enumerate() {
            for piece in cell.split("<li>").skip(1) {
                let item = piece.split("</li>").next().unwrap();
                items.push((title.clone(), column, normalize(item)));
            }
        }
    }
    items
}

/// The notice: numbered categories, 【…】 headings, ・ items hard-wrapped across lines.
fn notice_seed(source: &Source) -> Vec<SeedItem> {
    let text = std::fs::read_to_string(fixture("seeds/notice.txt")).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let start = lines.iter().position(|l| l.starts_with("1．")).unwrap();
    let (mut title, mut kind) = (String::new(), usize::MAX);
    let mut items: Vec<SeedItem> = Vec::new();
    let mut in_description = false;
    for line in &lines[start..] {
        let first = line.chars().next().unwrap();
        if matches!(first, '1'..='9' | '１'..='９') && line.contains('．') {
            title = line.split_once('．').unwrap().1.trim().to_owned();
            in_description = title == "特定個人情報";
        } else if let Some(heading) = line.strip_prefix('【') {
            let heading = heading
                .trim_end_matches('】')
                .replace("健康保険組合等", "健保組合等");
            kind = source
                .recipients
                .iter()
                .position(|r| r.notice_heading() == heading)
                .unwrap_or_else(|| panic!("no recipient kind with heading {heading}"));
            in_description = false;
        } else if let Some(item) = line.strip_prefix('・') {
            items.push((title.clone(), kind, item.to_owned()));
        } else if !in_description {
            items.last_mut().unwrap().2.push_str(line); // a hard-wrapped continuation
        }
    }
    items
        .into_iter()
        .map(|(t, k, i)| (t, k, normalize(&i)))
        .collect()
}

/// The source's category whose title the seed's title names (the seeds word two titles
/// differently; purposes.yaml notes which wording it chose).
fn category_of<'a>(source: &'a Source, seed_title: &str) -> &'a mokuteki::source::model::Category {
    let seed_title = seed_title
        .replace("健保組合の運営", "健康保険組合の運営")
        .replace("システム利用に係る", "システムの利用に係る");
    source
        .all_categories()
        .find(|c| c.title.value == seed_title)
        .unwrap_or_else(|| panic!("no category titled {seed_title}"))
}

fn check(items: &[SeedItem], source: &Source) {
    let rendered = render_default();
    let text_lines: Vec<String> = output(&rendered, "notice.txt")
        .lines()
        .map(|l| l.trim_start_matches(['\u{3000}', ' ']).to_owned())
        .collect();
    let joined_text = text_lines.join("");
    for (title, kind, item) in items {
        let category = category_of(source, title);
        let recipient = &source.recipients[*kind];
        let filed = category
            .items
            .cells()
            .iter()
            .filter(|(k, _)| k.value == recipient.id.value)
            .flat_map(|(_, items)| items)
            .any(|i| i.text.value == *item);
        assert!(
            filed,
            "「{item}」 is not under {} / {}",
            category.id.value, recipient.id.value
        );

        // In the HTML notice: inside the category's section, after its kind's heading.
        let html = output(&rendered, "notice.html");
        let section = html
            .split(&format!(
                "<section class=\"mokuteki-category\" id=\"{}\">",
                category.id.value
            ))
            .nth(1)
            .unwrap()
            .split("</section>")
            .next()
            .unwrap();
        let under_kind = section
            .split(&format!("【{}】", recipient.notice_heading()))
            .nth(1)
            .unwrap_or_else(|| panic!("no {} in {}", recipient.notice_heading(), category.id.value))
            .split("</ul>")
            .next()
            .unwrap();
        assert!(
            under_kind.contains(&format!("<li>{item}</li>")),
            "notice.html: 「{item}」"
        );

        // In the HTML table: in the category's row, in the kind's column.
        let table = output(&rendered, "beppyo2.html");
        let row = table
            .split(&format!("<tr id=\"{}\">", category.id.value))
            .nth(1)
            .unwrap()
            .split("</tr>")
            .next()
            .unwrap();
        let cell = row.split("<td>").nth(kind + 1).unwrap();
        assert!(
            cell.contains(&format!("<li>{item}</li>")),
            "beppyo2.html: 「{item}」"
        );

        // In the Markdown notice, as a list item.
        assert!(
            output(&rendered, "notice.md").contains(&format!("- {item}\n")),
            "notice.md: 「{item}」"
        );

        // In the mailing text, once its line breaks and indentation are taken out.
        assert!(
            joined_text.contains(&format!("・{item}")),
            "notice.txt: 「{item}」"
        );
    }
}

#[test]
fn every_item_of_the_table_seed_is_in_every_output() {
    let source = mokuteki::source::load_file(&root().join("purposes.yaml")).unwrap();
    let items = table_seed();
    assert_eq!(items.len(), 38, "the table lists 38 items");
    check(&items, &source);
}

#[test]
fn every_item_of_the_notice_seed_is_in_every_output() {
    let source = mokuteki::source::load_file(&root().join("purposes.yaml")).unwrap();
    let items = notice_seed(&source);
    assert_eq!(items.len(), 38, "the notice lists 38 items");
    check(&items, &source);
}

#[test]
fn the_source_has_no_item_the_seeds_lack() {
    let source = mokuteki::source::load_file(&root().join("purposes.yaml")).unwrap();
    let total: usize = source
        .all_categories()
        .flat_map(|c| c.items.cells())
        .map(|(_, items)| items.len())
        .sum();
    assert_eq!(total, table_seed().len());
}
