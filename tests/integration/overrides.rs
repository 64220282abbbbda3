//! Templates: built in, overridden by file name, extended by new files.

use mokuteki::render::templates;

use crate::support::{mokuteki, output, project, render, root};

#[test]
fn a_user_template_overrides_the_built_in_one_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notice.txt.tera"),
        "{{ organization.name }} だけ\n",
    )
    .unwrap();
    let rendered = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap();
    assert_eq!(
        output(&rendered, "notice.txt"),
        "労働者健康安全機構健康保険組合 だけ\n"
    );
    // The others are still the built-in ones.
    let default = crate::support::render_default();
    assert_eq!(
        output(&rendered, "notice.html"),
        output(&default, "notice.html")
    );
}

#[test]
fn a_new_template_adds_an_output_and_a_partial_adds_none() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("feeds")).unwrap();
    std::fs::write(
        dir.path().join("feeds/ids.txt.tera"),
        "{% include \"_shared.txt\" %}{% for c in categories %}{{ c.id }} {% endfor %}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("_shared.txt.tera"), "ids: ").unwrap();
    std::fs::write(dir.path().join("README.md"), "not a template").unwrap();
    let rendered = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap();
    let names: Vec<&str> = rendered.outputs.iter().map(|o| o.path.as_str()).collect();
    assert!(names.contains(&"feeds/ids.txt"), "{names:?}");
    assert!(
        !names
            .iter()
            .any(|n| n.contains("_shared") || n.contains("README")),
        "{names:?}"
    );
    assert!(output(&rendered, "feeds/ids.txt").starts_with("ids: benefits contributions"));
}

#[test]
fn a_layout_can_be_overridden_for_every_page() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_base.html.tera"),
        "<!DOCTYPE html><html lang=\"ja\"><title>{% block title %}{% endblock title %}</title><body class=\"cms\">{% block body %}{% endblock body %}</body></html>\n",
    )
    .unwrap();
    let rendered = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap();
    for page in ["notice.html", "beppyo2.html"] {
        assert!(
            output(&rendered, page).contains("<body class=\"cms\">"),
            "{page}"
        );
    }
}

#[test]
fn templates_command_writes_the_built_ins_and_keeps_existing_files() {
    let dir = project();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(dir.path().join("templates/notice.txt.tera"), "mine\n").unwrap();
    let run = mokuteki(dir.path(), &["templates"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("templates/notice.txt.tera")).unwrap(),
        "mine\n"
    );
    for (name, content) in templates::BUILT_IN
        .iter()
        .filter(|(n, _)| *n != "notice.txt.tera")
    {
        assert_eq!(
            &std::fs::read_to_string(dir.path().join("templates").join(name)).unwrap(),
            content
        );
    }
    assert!(String::from_utf8_lossy(&run.stderr).contains("kept"));
}

#[test]
fn the_built_in_templates_are_the_files_in_templates() {
    for (name, content) in templates::BUILT_IN {
        let file = std::fs::read_to_string(root().join("templates").join(name)).unwrap();
        assert_eq!(&file, content, "{name}");
    }
    for (name, content) in templates::COMPARE_BUILT_IN {
        let file = std::fs::read_to_string(root().join("templates").join(name)).unwrap();
        assert_eq!(&file, content, "{name}");
    }
    let files = |dir: &std::path::Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_file())
            .count()
    };
    assert_eq!(
        files(&root().join("templates")),
        templates::BUILT_IN.len(),
        "a template file is not compiled in"
    );
    assert_eq!(
        files(&root().join("templates").join(templates::COMPARE_FOLDER)),
        templates::COMPARE_BUILT_IN.len(),
        "a compare template file is not compiled in"
    );
}

/// The notice is built of one component a file: overriding how a recipient kind's items
/// print is the few lines of `_kind_items.html.tera`, and the rest stays built in.
#[test]
fn one_component_is_overridden_by_its_own_small_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("_kind_items.html.tera"),
        "{% component kind_items(kind, marked) %}<p class=\"mine\">{{ kind.items | length }}</p>{% endcomponent kind_items %}\n",
    )
    .unwrap();
    let rendered = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap();
    let notice = output(&rendered, "notice.html");
    assert!(notice.contains("<p class=\"mine\">"), "{notice}");
    assert!(notice.contains("<h1>個人情報の利用目的</h1>"));
    let default = crate::support::render_default();
    assert_eq!(
        output(&rendered, "notice.md"),
        output(&default, "notice.md")
    );
}

/// A component defined in a file of another name replaces the built-in file of that
/// component: an override of the former `_document.html.tera`, which defined every
/// component of the notice in one file, builds as before instead of clashing.
#[test]
fn a_component_defined_in_another_file_replaces_the_built_in_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut all = String::new();
    for name in [
        "date_lines",
        "kind_items",
        "purposes_view",
        "notice_part",
        "notice_body",
    ] {
        all.push_str(
            &std::fs::read_to_string(root().join(format!("templates/_{name}.html.tera"))).unwrap(),
        );
    }
    let all = all.replace(
        "<section class=\"mokuteki-category\"",
        "<section class=\"old-override\"",
    );
    std::fs::write(dir.path().join("_document.html.tera"), all).unwrap();
    let rendered = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap();
    let notice = output(&rendered, "notice.html");
    assert!(notice.contains("<section class=\"old-override\""));
    let default = crate::support::render_default();
    assert_eq!(
        notice.replace("old-override", "mokuteki-category"),
        output(&default, "notice.html")
    );
}

/// A user's template that still reads a variable of the original form gets a warning from
/// `check` at the place it reads it, naming the variable; names the template binds itself,
/// or reaches through `document`, are not such a variable.
#[test]
fn check_warns_where_a_template_reads_a_variable_of_the_original_form() {
    let dir = project();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("notice.titles.txt.tera"),
        "{# notice and categories in a comment are fine #}\n{{ \"notice\" }} {{ document.dates }}\n{% set dates = 1 %}{{ dates }}\n{{ notice.title }}\n{% for c in categories %}{{ c.title }}{% endfor %}{{ notice.title }}\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let found: Vec<(String, u64, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "legacy_variable")
        .map(|d| {
            (
                d["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("notice.titles.txt.tera".to_owned(), 4, 4),
            ("notice.titles.txt.tera".to_owned(), 5, 13)
        ],
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );
    assert!(String::from_utf8_lossy(&run.stdout).contains("`notice`"));
}

/// The built-in templates read no variable of the original form: a project whose
/// `templates/` holds them all, as `mokuteki templates` writes them, gets no such warning
/// (compare's templates have a context of their own, where `notice` is no such variable).
#[test]
fn the_built_in_templates_read_no_variable_of_the_original_form() {
    for (name, content) in templates::BUILT_IN {
        assert_eq!(
            templates::legacy_variables(content),
            Vec::<(String, usize, usize)>::new(),
            "{name}"
        );
    }
}

/// The variables of the original form are read back from the one form unchanged, for the
/// templates that still use them.
#[test]
fn the_variables_of_the_original_form_still_hold_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("legacy.txt.tera"),
        "{{ notice.title }}|{{ notice.purposes_heading }}|{{ notice.sections | length }}|{{ notice.preamble is not none }}|{{ dates.established }}|{{ regulation.table }}|{{ column_widths | length }}\n",
    )
    .unwrap();
    let rendered = render(&root().join("purposes.yaml"), Some(dir.path())).unwrap();
    assert_eq!(
        output(&rendered, "legacy.txt"),
        "個人情報の利用目的|健康保険組合の通常業務で想定される主な利用目的|0|true|2005-04-01|別表2|6\n"
    );
}
