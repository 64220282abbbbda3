//! The library's front door: a project from a path or from a string, checked, rendered in
//! memory, or published into a folder. Everything else of the crate is the machinery
//! behind these few calls.
//!
//! ```
//! let yaml = "organization:\n  name: 架空健康保険組合\ndocuments:\n  - id: notice\n    title: 個人情報の利用目的\n    parts:\n      - purposes: {}\ncategories:\n  - id: a\n    title: 保険給付\n    items:\n      - 保険給付の実施\n";
//! let project = mokuteki::Project::from_str("purposes.yaml", yaml).unwrap();
//! let rendered = project.render().unwrap();
//! let page = rendered.outputs.iter().find(|o| o.path == "notice.html").unwrap();
//! assert!(String::from_utf8_lossy(&page.content).contains("保険給付の実施"));
//! ```

use std::path::{Path, PathBuf};

use crate::build::{self, BuildOptions};
use crate::error::{Diagnostic, Result};
use crate::output::write::WriteReport;
use crate::render::mailing::Settings;
use crate::render::{Rendered, Renderer, encoding, templates};
use crate::source::Source;
use crate::source::load::{self, Loaded};

/// A checked source with the templates it is rendered through.
#[derive(Debug, Clone)]
pub struct Project {
    /// Where the source was read from (used in messages, and beside which a build looks
    /// for `templates/` when the project came from a path).
    path: PathBuf,
    /// The parsed source in the one form of the facts, its text, and what the checks
    /// found in it (errors refuse the project; see [`Project::problems`]).
    loaded: Loaded,
    /// The folder of template overrides, if any.
    templates: Option<PathBuf>,
}

impl Project {
    /// Reads and checks the source at `path`. Templates beside it (`templates/`) override the
    /// built-in ones, as for `mokuteki build`.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Project> {
        let path = path.as_ref().to_owned();
        let loaded = load::read_file(&path)?.checked()?;
        let beside = path
            .parent()
            .map(|dir| dir.join("templates"))
            .filter(|dir| dir.is_dir());
        Ok(Project {
            path,
            loaded,
            templates: beside,
        })
    }

    /// Parses and checks `yaml` as if read from `name` (used only in messages); the
    /// built-in templates render it.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(name: impl AsRef<Path>, yaml: &str) -> Result<Project> {
        let path = name.as_ref().to_owned();
        let loaded = load::read_bytes(&path, yaml.as_bytes())?.checked()?;
        Ok(Project {
            path,
            loaded,
            templates: None,
        })
    }

    /// The same project rendered through the templates of `dir` over the built-in ones.
    pub fn with_templates(mut self, dir: impl AsRef<Path>) -> Project {
        self.templates = Some(dir.as_ref().to_owned());
        self
    }

    /// The source, in the one form of the facts.
    pub fn source(&self) -> &Source {
        &self.loaded.source
    }

    /// The warnings of the check against the law and of the lint, with the built-in
    /// terminology list and a `terms.yaml` beside a source read from a path (a project
    /// with errors is never made).
    pub fn problems(&self) -> Result<Vec<Diagnostic>> {
        let terms = crate::lint::load_terms(&self.path, crate::fs::Links::Follow)?;
        let mut found = crate::law::check(&self.loaded.source, &self.path, &self.loaded.text);
        found.extend(crate::lint::lint(
            &self.loaded.source,
            &terms,
            &self.path,
            &self.loaded.text,
        ));
        found.sort_by_key(|d| (d.line, d.column));
        Ok(found)
    }

    /// Renders every output in memory, encoded as the source's `mailing:` settings ask;
    /// writes nothing.
    pub fn render(&self) -> Result<Rendered> {
        let templates = templates::load(self.templates.as_deref())?;
        let mut renderer = Renderer::new(templates)?;
        let settings = Settings::resolve(&self.loaded.source, &Default::default());
        let mut rendered = renderer.render(&self.loaded.source, &settings)?;
        encoding::encode_outputs(
            &mut rendered.outputs,
            settings.encoding,
            &self.loaded.source,
            &self.path,
            &self.loaded.text,
        )?;
        build::with_record(&mut rendered, &self.loaded.source);
        Ok(rendered)
    }

    /// Renders and publishes into the folder `out` as `mokuteki build` does: refusing a
    /// folder that holds what mokuteki did not write, locked, atomically, never touching
    /// a file it did not create.
    pub fn publish(&self, out: impl AsRef<Path>) -> Result<WriteReport> {
        let rendered = self.render()?;
        let options = BuildOptions {
            source: self.path.clone(),
            templates: self.templates.clone(),
            out: out.as_ref().to_owned(),
            publish_guard: true,
            ..BuildOptions::default()
        };
        // The publish guard, as a build runs it: changed purposes need their revision.
        let refused = crate::compare::publish_guard::check_published(
            &options,
            &self.loaded.source,
            &self.loaded.text,
            &rendered.outputs,
        );
        if !refused.is_empty() {
            return Err(crate::Error::Source(refused));
        }
        build::publish(&options, &rendered, None)
    }
}
