//! The library's front door, `mokuteki::Project`: a project from a string or a path,
//! checked, rendered in memory, published.

use mokuteki::Project;

use crate::support::{render_default, root};

#[test]
fn a_project_from_the_default_file_renders_what_the_build_renders() {
    let project = Project::from_path(root().join("purposes.yaml")).unwrap();
    assert_eq!(project.render().unwrap().outputs, render_default().outputs);
    // The default file's warnings: the law check's and the lint's.
    let problems = project.problems().unwrap();
    assert_eq!(problems.len(), 37, "{problems:?}");
}

#[test]
fn a_project_from_a_string_is_checked_and_rendered_without_a_file() {
    let yaml = std::fs::read_to_string(root().join("purposes.yaml")).unwrap();
    let project = Project::from_str("purposes.yaml", &yaml).unwrap();
    assert_eq!(project.render().unwrap().outputs, render_default().outputs);
    let error = Project::from_str("purposes.yaml", "organization: [").unwrap_err();
    assert!(matches!(error, mokuteki::Error::Source(_)), "{error}");
}

#[test]
fn a_project_publishes_into_a_folder_and_refuses_one_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let project = Project::from_path(root().join("purposes.yaml")).unwrap();
    let report = project.publish(dir.path().join("out")).unwrap();
    assert!(dir.path().join("out/notice.html").is_file(), "{report:?}");
    std::fs::create_dir(dir.path().join("site")).unwrap();
    std::fs::write(dir.path().join("site/index.html"), "mine").unwrap();
    assert!(project.publish(dir.path().join("site")).is_err());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site/index.html")).unwrap(),
        "mine"
    );
}
