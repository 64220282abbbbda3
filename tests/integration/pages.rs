//! The HTML pages and their fragments: shared markup, scoped classes and ids, self-contained.
//! (How they look and print is checked in a browser by `scripts/browser-test.sh`.)

use crate::support::{fixture, output, render, render_default, root};

#[test]
fn fragments_are_the_pages_content_without_html_or_head_and_scoped() {
    let rendered = render(&fixture("render/nested/purposes.yaml"), None).unwrap();
    for (page, fragment) in [
        ("notice.html", "notice.fragment.html"),
        ("beppyo2.html", "beppyo2.fragment.html"),
    ] {
        let page = output(&rendered, page);
        let fragment = output(&rendered, fragment);
        assert!(fragment.starts_with("<div class=\"mokuteki\" lang=\"ja\">\n<style>"));
        assert!(fragment.trim_end().ends_with("</div>"));
        for tag in [
            "<html", "<head>", "<body", "<main", "<script", ":root", "@page",
        ] {
            assert!(!fragment.contains(tag), "fragment has {tag}");
        }
        // Every class and id of the fragment is prefixed, every style rule scoped.
        for attribute in ["class=\"", "id=\""] {
            for value in fragment.split(attribute).skip(1) {
                assert!(value.starts_with("mokuteki"), "{attribute}{value:.40}");
            }
        }
        let style = fragment.split("<style>").nth(1).unwrap();
        let style = style.split("</style>").next().unwrap();
        for line in style
            .lines()
            .filter(|l| l.contains('{') && !l.contains('@'))
        {
            assert!(
                line.trim_start().starts_with(".mokuteki"),
                "unscoped: {line}"
            );
        }
        // The same content as the page, ids aside.
        let body = fragment.split("</style>").nth(1).unwrap();
        let body = body.trim_end().strip_suffix("</div>").unwrap().trim();
        assert!(
            page.contains(&body.replace("id=\"mokuteki-", "id=\"")),
            "the fragment's content differs from the page's"
        );
    }
}

#[test]
fn pages_are_self_contained() {
    let rendered = render_default();
    for page in ["notice.html", "beppyo2.html"] {
        let html = output(&rendered, page);
        for needle in ["<script", "<link", "src=", "url(", "@import", "http"] {
            assert!(!html.contains(needle), "{page} has {needle}");
        }
        assert!(html.contains("<html lang=\"ja\">"));
        assert!(html.contains("name=\"viewport\""));
        assert!(html.contains("<h1>"));
    }
    let table = output(&rendered, "beppyo2.html");
    assert!(table.contains("<caption>") && table.contains("<th scope=\"col\""));
    assert!(table.contains("<th scope=\"row\""));
    assert!(table.contains("@media screen and (max-width: 40rem)"));
    assert!(table.contains("thead { display: table-header-group; }"));
    let notice = output(&rendered, "notice.html");
    assert!(notice.contains("平成１７年４月１日制定"));
    assert!(notice.contains("令和３年１０月２０日最終改正"));
    assert!(notice.contains("<h2>改正の経過</h2>"));
    assert!(notice.contains("<a href=\"beppyo2.html\">"));
}

#[test]
fn a_broken_partial_is_named_rather_than_the_page_including_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_style.html.tera"),
        "<style>{% if %}</style>\n",
    )
    .unwrap();
    let error = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap_err();
    assert!(error.to_string().contains("_style.html"), "{error}");
    assert!(!error.to_string().contains("Unknown template"), "{error}");
}

/// The `<col>` widths of a 別表 page, in percent.
fn column_widths(page: &str) -> Vec<f64> {
    page.split("<col style=\"width: ")
        .skip(1)
        .map(|rest| rest.split('%').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn the_table_sizes_its_columns_by_content_and_prints_wide_tables_landscape() {
    let sparse = render(&fixture("render/sparse/purposes.yaml"), None).unwrap();
    let nested = render(&fixture("render/nested/purposes.yaml"), None).unwrap();
    for (rendered, columns, landscape) in [(&sparse, 5, true), (&nested, 4, false)] {
        for name in ["beppyo2.html", "beppyo2.fragment.html"] {
            let widths = column_widths(output(rendered, name));
            assert_eq!(widths.len(), columns, "{name}: a width per column");
            let total: f64 = widths.iter().sum();
            assert!((total - 100.0).abs() < 0.05, "{name}: {widths:?}");
            assert!(widths.iter().all(|&w| w >= 8.0), "{name}: {widths:?}");
        }
        let page = output(rendered, "beppyo2.html");
        assert_eq!(page.contains("@page { size: A4 landscape; }"), landscape);
        assert!(output(rendered, "notice.html").contains("@page { size: A4;"));
    }
    // The sparse table's last column says 「・なし」 in every row: it is the narrowest,
    // and the columns with the most to hold are the widest.
    let widths = column_widths(output(&sparse, "beppyo2.html"));
    let narrowest = widths.iter().cloned().fold(f64::INFINITY, f64::min);
    assert_eq!(widths[4], narrowest, "{widths:?}");
    assert!(
        widths[2] > 2.0 * widths[4] && widths[3] > 2.0 * widths[4],
        "{widths:?}"
    );
}
