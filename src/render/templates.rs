//! The templates: built into the binary, overridden by name from the user's folder.

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::fs::{self, FileKind, Links};

/// The file name suffix that marks a template.
pub const SUFFIX: &str = ".tera";

/// Pairs each built-in template's name with its text, compiled in from `templates/`.
macro_rules! built_in {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// The built-in templates, compiled into the binary so an installed binary works anywhere.
pub const BUILT_IN: &[(&str, &str)] = built_in![
    "_base.html.tera",
    "_beppyo2.html.tera",
    "_law.html.tera",
    "_law.md.tera",
    "_law.txt.tera",
    "_law_value.html.tera",
    "_md_law_row.md.tera",
    "_txt_law_row.txt.tera",
    "_layout.html.tera",
    // One component a file: an override is the few lines of the one block it changes.
    "_date_lines.html.tera",
    "_kind_items.html.tera",
    "_purposes_view.html.tera",
    "_notice_part.html.tera",
    "_notice_body.html.tera",
    "_hashes.md.tera",
    "_md_dates.md.tera",
    "_md_kind_items.md.tera",
    "_md_purposes.md.tera",
    "_md_part.md.tera",
    "_md_body.md.tera",
    "_md_table.md.tera",
    "_txt_dates.txt.tera",
    "_txt_purposes.txt.tera",
    "_txt_part.txt.tera",
    "_txt_body.txt.tera",
    "_notice.html.tera",
    "_purposes.html.tera",
    "_purposes.md.tera",
    "_purposes.txt.tera",
    "_style.html.tera",
    "beppyo2.fragment.html.tera",
    "beppyo2.html.tera",
    "beppyo2.md.tera",
    "notice.fragment.html.tera",
    "notice.html.tera",
    "notice.md.tera",
    "notice.txt.tera",
];

/// The folder, inside a templates folder, that holds the templates of `mokuteki compare`
/// (the 新旧対照表 and the notice of change). `build` leaves it alone.
pub const COMPARE_FOLDER: &str = "compare";

/// The built-in templates of `mokuteki compare`, overridden by the files of the same name in
/// the `compare/` folder of the user's templates.
pub const COMPARE_BUILT_IN: &[(&str, &str)] = built_in![
    "compare/_style.html.tera",
    "compare/henkou.html.tera",
    "compare/henkou.txt.tera",
    "compare/shinkyu.html.tera",
    "compare/shinkyu.md.tera",
];

/// Which templates a command renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Set {
    /// `build`: every template but those in `compare/`.
    Build,
    /// `compare`: only those in `compare/`.
    Compare,
}

impl Set {
    fn built_in(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Set::Build => BUILT_IN,
            Set::Compare => COMPARE_BUILT_IN,
        }
    }

    fn holds(self, name: &str) -> bool {
        let in_compare = name
            .strip_prefix(COMPARE_FOLDER)
            .is_some_and(|rest| rest.starts_with('/'));
        in_compare == (self == Set::Compare)
    }
}

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into mokuteki.
    BuiltIn,
    /// A file of the user's.
    File(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built in"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A template, by the name of its file relative to the templates folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// `/`-separated path relative to the templates folder, e.g. `notice.html.tera`.
    pub name: String,
    /// The template's text.
    pub content: String,
    /// Where it came from.
    pub origin: Origin,
}

impl Template {
    /// The output it renders to (`notice.html.tera` → `notice.html`), or `None` for a layout
    /// or partial (a file name starting with `_`), which writes nothing.
    pub fn output_name(&self) -> Option<&str> {
        let file_name = self.name.rsplit('/').next().unwrap_or(&self.name);
        if file_name.starts_with('_') {
            return None;
        }
        self.name.strip_suffix(SUFFIX)
    }

    /// The name Tera knows it by: the output name, so that `.html` templates are escaped.
    pub fn tera_name(&self) -> &str {
        self.name.strip_suffix(SUFFIX).unwrap_or(&self.name)
    }
}

/// The built-in templates, overridden or extended by the `*.tera` files under `dir`.
///
/// The result is sorted by name, whatever order the filesystem lists files in.
pub fn load(dir: Option<&Path>) -> Result<Vec<Template>> {
    load_set(Set::Build, dir)
}

/// The built-in templates of `mokuteki compare`, overridden or extended by the `*.tera`
/// files under `dir/compare/`. Their names keep the `compare/` folder in front.
pub fn load_compare(dir: Option<&Path>) -> Result<Vec<Template>> {
    load_set(Set::Compare, dir)
}

fn load_set(set: Set, dir: Option<&Path>) -> Result<Vec<Template>> {
    let mut templates: Vec<Template> = set
        .built_in()
        .iter()
        .map(|(name, content)| Template {
            name: (*name).to_owned(),
            content: (*content).to_owned(),
            origin: Origin::BuiltIn,
        })
        .collect();
    if let Some(dir) = dir {
        for user in load_dir(dir)?.into_iter().filter(|t| set.holds(&t.name)) {
            match templates.iter_mut().find(|t| t.name == user.name) {
                Some(built_in) => *built_in = user,
                None => templates.push(user),
            }
        }
        // A component the user defines replaces the built-in file of that component, in
        // whatever file the user wrote it: an override of the older `_document.html.tera`,
        // which held every component of the notice, still works.
        let own: Vec<String> = templates
            .iter()
            .filter(|t| t.origin != Origin::BuiltIn)
            .flat_map(|t| components_defined(&t.content))
            .collect();
        templates.retain(|t| {
            let file_of = |component: &String| {
                components_defined(&t.content) == std::slice::from_ref(component)
            };
            t.origin != Origin::BuiltIn || !own.iter().any(file_of)
        });
    }
    templates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(templates)
}

/// The names of the components a template defines (`{% component name(…) %}`).
pub fn components_defined(content: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = content;
    while let Some(at) = rest.find("{%") {
        rest = &rest[at + 2..];
        let tag = rest.trim_start_matches('-').trim_start();
        if let Some(after) = tag.strip_prefix("component ") {
            let name: String = after
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.push(name);
            }
        }
    }
    names
}

/// The variables of the original form, still given to templates for one more release.
pub const LEGACY_VARIABLES: &[&str] = &[
    "notice",
    "dates",
    "regulation",
    "recipients",
    "categories",
    "grouped",
    "column_widths",
];

/// Where a user's template reads a variable of [`LEGACY_VARIABLES`]: each variable once, at
/// its first use, as (variable, line, column). A name the template binds itself (`set`,
/// `for`, a component's parameter) or reaches through another (`document.dates`) is not
/// one of them.
pub fn legacy_variables(content: &str) -> Vec<(String, usize, usize)> {
    let tags = tag_bodies(content);
    let mut bound: Vec<&str> = Vec::new();
    let mut uses: Vec<(&str, usize)> = Vec::new();
    for (start, body) in &tags {
        let (start, body) = (*start, body.as_str());
        let tokens = identifiers(body);
        for (index, &(at, word)) in tokens.iter().enumerate() {
            let before = body[..at].trim_end();
            let after = body[at + word.len()..].trim_start();
            let previous = index.checked_sub(1).map(|i| tokens[i].1);
            let binds = matches!(previous, Some("set" | "set_global" | "for"))
                || (previous.is_some() && before.ends_with(',') && after.starts_with("in "))
                || (before.ends_with('(') || before.ends_with(','))
                    && tokens.first().is_some_and(|t| t.1 == "component");
            if binds {
                bound.push(word);
            } else if LEGACY_VARIABLES.contains(&word)
                && !before.ends_with('.')
                && !before.ends_with('|')
                && !after.starts_with('=')
                && !uses.iter().any(|(w, _)| *w == word)
            {
                uses.push((word, start + at));
            }
        }
    }
    uses.into_iter()
        .filter(|(word, _)| !bound.contains(word))
        .map(|(word, at)| {
            let (line, column) = crate::text::position::line_column(content, at);
            (word.to_owned(), line, column)
        })
        .collect()
}

/// The insides of every `{{ … }}` and `{% … %}` of a template, with where each starts;
/// comments and string literals are left out (a literal is blanked, keeping the offsets).
fn tag_bodies(content: &str) -> Vec<(usize, String)> {
    let mut bodies = Vec::new();
    let mut at = 0;
    while let Some(open) = content[at..].find('{').map(|i| at + i) {
        let close = match content.get(open + 1..open + 2) {
            Some("{") => "}}",
            Some("%") => "%}",
            Some("#") => "#}",
            _ => {
                at = open + 1;
                continue;
            }
        };
        let start = open + 2;
        let Some(end) = content[start..].find(close).map(|i| start + i) else {
            break;
        };
        if close != "#}" {
            let mut body = String::with_capacity(end - start);
            let mut quote = None;
            for c in content[start..end].chars() {
                match quote {
                    Some(q) if c == q => {
                        quote = None;
                        body.push(c);
                    }
                    Some(_) => body.extend(std::iter::repeat_n(' ', c.len_utf8())),
                    None => {
                        if matches!(c, '"' | '\'' | '`') {
                            quote = Some(c);
                        }
                        body.push(c);
                    }
                }
            }
            bodies.push((start, body));
        }
        at = end + 2;
    }
    bodies
}

/// The identifiers of a tag's body, with their offsets.
fn identifiers(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push((start, &body[start..i]));
        } else if c.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Reads every `*.tera` file under `dir`, in a stable order.
///
/// `dir` itself may be a link (it was named, or is the folder beside the source), but
/// nothing inside it is followed: a `*.tera` that is a link, a FIFO or a device, or a link
/// to a folder, is refused rather than read or passed over, and each template is opened
/// without following a link, so that a link put there in the meantime is refused too.
/// Whoever can add a file to the folder cannot make mokuteki read a file elsewhere into
/// the pages.
fn load_dir(dir: &Path) -> Result<Vec<Template>> {
    let mut templates = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|error| Error::Read {
            path: error.path().unwrap_or(dir).to_owned(),
            source: error.into(),
        })?;
        let kind = entry.file_type();
        let is_template = entry.file_name().to_string_lossy().ends_with(SUFFIX);
        if kind.is_symlink() && (is_template || entry.path().is_dir()) {
            return Err(Error::NotAFile {
                path: entry.path().to_owned(),
                kind: FileKind::SymbolicLink,
            });
        }
        if kind.is_dir() || !is_template {
            continue;
        }
        if !kind.is_file() {
            let kind = std::fs::symlink_metadata(entry.path())
                .ok()
                .and_then(|meta| FileKind::of(&meta))
                .unwrap_or(FileKind::Other);
            return Err(Error::NotAFile {
                path: entry.path().to_owned(),
                kind,
            });
        }
        let relative = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir stays under its root");
        let name = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if name.chars().any(char::is_control) {
            return Err(Error::Template(Box::new(Diagnostic::at(
                entry.path(),
                "",
                0,
                0,
                Problem::TemplateName { name },
            ))));
        }
        templates.push(Template {
            name,
            content: fs::read_to_string_with(entry.path(), Links::Refuse)?.replace("\r\n", "\n"),
            origin: Origin::File(entry.path().to_owned()),
        });
    }
    Ok(templates)
}
