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

/// Hostile text in one field at a time, for every text field the source has: each is found
/// by [`mokuteki::source::Source::visit`], the traversal every check uses, so a field added
/// later is covered without editing this test.
mod every_field {
    use std::path::Path;

    use mokuteki::build::{self, BuildOptions};
    use mokuteki::compare::{CompareOptions, compare, input::Version};
    use mokuteki::error::Lang;
    use mokuteki::source::visit::Role;

    use crate::support::{fixture, root};

    /// Payloads: an HTML block, an unclosed comment that would hide the rest of a page,
    /// inline HTML, script links (one with its colon written as an entity), and entities
    /// that decode to control characters and a bidirectional override.
    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script><iframe src=x></iframe>",
        "<!-- 以下を隠す",
        "当組合<img src=x onerror=alert(1)>の[案内](javascript&#58;alert(1))と[窓口](javascript:alert(2))&#27;[0m&#x202E;&#8;",
    ];

    /// What no output may carry, in the HTML that a page is or that a Markdown file becomes
    /// in a site generator that renders raw HTML.
    fn check_html(html: &str, what: &str) {
        let lower = html.to_ascii_lowercase();
        for markup in [
            "<script",
            "<iframe",
            "<img",
            "<!-- 以下",
            "href=\"javascript",
            "src=\"javascript",
        ] {
            assert!(!lower.contains(markup), "{what} lets {markup} through");
        }
        check_text(html, what);
    }

    fn check_text(text: &str, what: &str) {
        if let Some(c) = text.chars().find(|&c| mokuteki::text::is_hidden_control(c)) {
            panic!("{what} carries the control character {c:?}");
        }
    }

    /// A page of the preview without the one reload script the preview adds to it.
    fn without_reload(page: &[u8]) -> String {
        let page = String::from_utf8_lossy(page).into_owned();
        let start = page
            .rfind("<script>")
            .expect("the preview adds its reload script");
        let end = page[start..].find("</script>").unwrap() + start + "</script>".len();
        format!("{}{}", &page[..start], &page[end..])
    }

    /// What the preview serves of `outputs`: its index, each page with its reload script,
    /// and each Markdown or text file shown in a page of its own.
    fn check_preview(outputs: &[(String, Vec<u8>)], what: &str) {
        use mokuteki::serve::pages;
        let rendered: Vec<mokuteki::render::Output> = outputs
            .iter()
            .map(|(path, content)| mokuteki::render::Output {
                path: path.clone(),
                content: content.clone(),
            })
            .collect();
        let index = pages::index(&rendered, &[], Lang::Ja, 1);
        check_html(
            &without_reload(&index),
            &format!("{what}: the preview's index"),
        );
        for (path, content) in outputs {
            let served = if path.ends_with(".html") {
                pages::with_reload(content, 1)
            } else {
                pages::text_view(path, &String::from_utf8_lossy(content), Lang::Ja, 1)
            };
            check_html(
                &without_reload(&served),
                &format!("{what}: the preview of {path}"),
            );
        }
    }

    fn check_outputs(outputs: &[(String, Vec<u8>)], what: &str) {
        let mut unsafe_render = comrak::Options::default();
        unsafe_render.render.r#unsafe = true;
        unsafe_render.extension.table = true;
        unsafe_render.extension.autolink = true;
        for (path, content) in outputs {
            let text = String::from_utf8_lossy(content);
            let what = format!("{what}: {path}");
            if path.ends_with(".html") {
                check_html(&text, &what);
            } else if path.ends_with(".md") {
                check_text(&text, &what);
                check_html(&comrak::markdown_to_html(&text, &unsafe_render), &what);
            } else {
                check_text(&text, &what);
            }
        }
    }

    /// The source `text` with the scalar at bytes `start..end` replaced by `payload`.
    fn spliced(text: &str, start: usize, end: usize, payload: &str) -> String {
        let quoted = serde_json::to_string(payload).unwrap();
        format!("{}{quoted}{}", &text[..start], &text[end..])
    }

    /// Every field of the source at `path` in turn, with each payload; returns how many
    /// variants were built and checked, and how many the checks refused.
    /// With `old`, each variant is also compared with that older version.
    fn attack(text: &str, dir: &Path, old: Option<&str>) -> (usize, usize) {
        let base = dir.join("base.yaml");
        std::fs::write(&base, text).unwrap();
        let source = mokuteki::source::load_file(&base).unwrap();
        if let Some(old) = old {
            std::fs::write(&base, old).unwrap();
        }
        let mut places = Vec::new();
        source.visit(&mut |field| {
            let location = field.text.referenced;
            let span = location.span();
            if matches!(field.role, Role::Prose | Role::Label)
                && location.line() != 0
                && let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len())
            {
                places.push((field.name, start as usize, (start + len) as usize));
            }
        });
        places.sort_by_key(|p| p.1);
        places.dedup_by_key(|p| p.1);
        let (mut built, mut refused) = (0, 0);
        let variant = dir.join("variant.yaml");
        let options = BuildOptions {
            source: variant.clone(),
            out: dir.join("unused"),
            ..BuildOptions::default()
        };
        // The templates compiled once for every variant, as a federation compiles them once
        // for its sources: rendering is what is under test, and compiling them again for
        // each of some 300 variants was most of this test's time.
        let mut renderer = build::compile(&options, 1).unwrap();
        for (name, start, end) in places {
            for payload in PAYLOADS {
                std::fs::write(&variant, spliced(text, start, end, payload)).unwrap();
                let what = format!("{name} at byte {start} = {payload:?}");
                let loaded = mokuteki::source::load::read_file(&variant).and_then(|l| l.checked());
                let rendered = match loaded.and_then(|loaded| {
                    build::render_source(&mut renderer, &loaded.source, &loaded.text, &options)
                }) {
                    Ok(rendered) => rendered,
                    Err(_) => {
                        refused += 1;
                        continue;
                    }
                };
                built += 1;
                let outputs: Vec<(String, Vec<u8>)> = rendered
                    .outputs
                    .into_iter()
                    .map(|o| (o.path, o.content))
                    .collect();
                check_outputs(&outputs, &what);
                check_preview(&outputs, &what);
                if old.is_some() {
                    let out = dir.join("revision");
                    let options = CompareOptions::new(
                        Version::File(base.clone()),
                        Version::File(variant.clone()),
                        None,
                        Some(out.clone()),
                    );
                    let outcome = compare(&options, Lang::Ja)
                        .unwrap_or_else(|e| panic!("{what}: compare: {e}"));
                    let outputs: Vec<(String, Vec<u8>)> = outcome
                        .outputs
                        .into_iter()
                        .map(|o| (o.path, o.content))
                        .collect();
                    check_outputs(&outputs, &format!("compare, {what}"));
                    let _ = std::fs::remove_dir_all(&out);
                }
            }
        }
        (built, refused)
    }

    #[test]
    fn hostile_text_in_any_field_reaches_no_output_as_markup() {
        let dir = tempfile::tempdir().unwrap();
        // The default source, with a revision of its own so that compare takes any change
        // from the default as it is.
        let default = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
        let last = "        summary: オンライン資格確認等システムの利用に係る利用目的を追加\n";
        assert!(default.contains(last));
        let revised = default.replacen(
            last,
            &format!("{last}      - date: 2030-04-01\n        summary: 利用目的を改めた\n"),
            1,
        );
        let (built, refused) = attack(&revised, dir.path(), Some(&default));
        assert!(
            built >= 150,
            "only {built} variants of the default source built"
        );
        assert!(
            refused * 10 <= built,
            "{refused} of {} refused",
            built + refused
        );
        // Sources in the documents: form, with the legal sections, letters and attachments.
        for case in [
            "law",
            "letter",
            "attachment",
            "multi-document",
            "kind-styles",
        ] {
            let text =
                std::fs::read_to_string(fixture(&format!("render/{case}/purposes.yaml"))).unwrap();
            let (built, _) = attack(&text, dir.path(), None);
            assert!(built >= 20, "{case}: only {built} variants built");
        }
    }
}

/// A contact's address is published as a link, so only `https:`, `http:`, `mailto:` and
/// `tel:` are taken: a `javascript:` address, even with its colon written as an entity or
/// its scheme in capitals, is refused at its place.
#[test]
fn a_contact_address_of_another_scheme_is_refused_at_its_place() {
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " data:text/html,x",
        "vbscript:x",
    ] {
        let yaml = format!(
            "organization:\n  name: 架空健康保険組合\n  contacts:\n    - name: 窓口\n      url: \"{url}\"\n"
        );
        let error = crate::support::parse(&yaml).unwrap_err();
        let mokuteki::Error::Source(diagnostics) = &error else {
            panic!("{error}")
        };
        assert_eq!(diagnostics.len(), 1, "{url}: {error}");
        assert_eq!(
            diagnostics[0].problem,
            mokuteki::error::Problem::UrlScheme {
                url: url.to_owned()
            }
        );
        assert_eq!(
            (diagnostics[0].line, diagnostics[0].column),
            (5, 12),
            "{url}"
        );
    }
    for url in [
        "https://kenpo.example.jp/",
        "mailto:a@kenpo.example.jp",
        "tel:03-0000-0000",
    ] {
        let yaml = format!(
            "organization:\n  name: 架空健康保険組合\n  contacts:\n    - name: 窓口\n      url: \"{url}\"\n"
        );
        assert!(crate::support::parse(&yaml).is_ok(), "{url}");
    }
}
