//! Every YAML text shows as text in every HTML output, never as markup.

use crate::support::{fixture, render};

#[test]
fn script_in_every_field_is_escaped_in_html() {
    let source = fixture("hostile/purposes.yaml");
    let yaml = std::fs::read_to_string(&source).unwrap();
    let fields = yaml.matches("<script>").count();
    assert!(
        fields >= 20,
        "the fixture should put a script in every field, has {fields}"
    );
    let rendered = render(&source, None).unwrap();
    for output in rendered
        .outputs
        .iter()
        .filter(|o| o.path.ends_with(".html"))
    {
        let html = std::str::from_utf8(&output.content).unwrap();
        assert!(
            !html.contains("<script"),
            "{} lets a <script> through",
            output.path
        );
        assert!(
            !html.contains("<img"),
            "{} lets an <img> through",
            output.path
        );
        assert!(
            html.contains("&lt;script&gt;"),
            "{} dropped the text",
            output.path
        );
    }
    let notice = crate::support::output(&rendered, "notice.html");
    // Every text field appears (escaped) in the notice, except the table-only ones.
    let shown = notice.matches("&lt;script&gt;").count();
    assert!(
        shown >= fields - 3,
        "only {shown} of {fields} fields shown escaped"
    );
}

#[test]
fn markdown_tables_keep_hostile_text_inside_its_cell() {
    let rendered = render(&fixture("hostile/purposes.yaml"), None).unwrap();
    let table = crate::support::output(&rendered, "beppyo2.md");
    let header = table.lines().find(|l| l.starts_with('|')).unwrap();
    let columns = header.matches(" |").count();
    for row in table.lines().filter(|l| l.starts_with('|')) {
        let unescaped_pipes = row.match_indices(" |").count();
        assert_eq!(
            unescaped_pipes, columns,
            "row breaks out of its cells: {row}"
        );
    }
}

#[test]
fn markdown_outputs_carry_no_markup_for_a_site_generator_that_renders_raw_html() {
    let rendered = render(&fixture("hostile/purposes.yaml"), None).unwrap();
    let mut unsafe_render = comrak::Options::default();
    unsafe_render.render.r#unsafe = true;
    unsafe_render.extension.table = true;
    for output in rendered.outputs.iter().filter(|o| o.path.ends_with(".md")) {
        let markdown = std::str::from_utf8(&output.content).unwrap();
        let html = comrak::markdown_to_html(markdown, &unsafe_render);
        for markup in ["<script", "<img"] {
            assert!(
                !html.contains(markup),
                "{} lets {markup} through to a site generator:\n{markdown}",
                output.path
            );
        }
        assert!(
            markdown.contains("script"),
            "{} dropped the text",
            output.path
        );
    }
}
