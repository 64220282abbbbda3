//! Refusing dangerous output folders before anything is written.
//!
//! Pointing the output folder at the wrong place is how users of other generators lost
//! whole projects. mokuteki never deletes a file it did not write, but it still refuses to
//! write into a folder that is plainly not an output folder, unless told `--force`.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Refusal, Result};
use crate::output::folder::Folder;
use crate::output::{create, lock, manifest};

/// The places a build reads from, to keep the output folder away from them.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The source file.
    pub source: &'a Path,
    /// The templates folder, if any.
    pub templates: Option<&'a Path>,
}

/// Checks that `out` is a safe output folder; `Error::Refused` explains why not. `folder`
/// is `out` opened already ([`Folder`]), `None` when it does not exist yet: what it holds
/// is listed through it, never by its path, which someone may have swapped for a link by
/// now.
pub fn check(out: &Path, inputs: Inputs<'_>, folder: Option<&Folder>) -> Result<()> {
    let refuse = |reason: Refusal| {
        Err(Error::Refused {
            path: out.to_owned(),
            reason,
        })
    };
    let target = resolve(out);
    if target.parent().is_none() {
        return refuse(Refusal::Root);
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && target == resolve(Path::new(&home))
    {
        return refuse(Refusal::Home);
    }
    if let Ok(current) = std::env::current_dir()
        && target == resolve(&current)
    {
        return refuse(Refusal::CurrentFolder);
    }
    let source = resolve(inputs.source);
    if source.starts_with(&target) {
        return refuse(Refusal::HoldsSource(inputs.source.to_owned()));
    }
    if let Some(templates) = inputs.templates {
        let templates_resolved = resolve(templates);
        if templates_resolved.starts_with(&target) || target.starts_with(&templates_resolved) {
            return refuse(Refusal::Templates(templates.to_owned()));
        }
    }
    if let Some(folder) = folder
        && !folder.contains(manifest::FILE_NAME)
    {
        let entries = folder.entry_names().map_err(|source| Error::Read {
            path: out.to_owned(),
            source,
        })?;
        let others = entries.iter().filter(|name| !is_own_artifact(name)).count();
        if others > 0 {
            return refuse(Refusal::NotEmpty { entries: others });
        }
    }
    Ok(())
}

/// The lock and the hidden temporary files of a build that is running (or crashed) in an
/// output folder before its first manifest was written: they do not make it "not empty".
fn is_own_artifact(name: &str) -> bool {
    name == lock::FILE_NAME
        || name.starts_with(&format!("{}.stale-", lock::FILE_NAME))
        || name.starts_with(&format!("{}.new-", lock::FILE_NAME))
        || (name.starts_with('.')
            && name.contains(create::TEMPORARY_INFIX)
            && name.ends_with(create::TEMPORARY_SUFFIX))
}

/// The absolute, symlink-free form of `path`; for a path that does not exist yet, its
/// nearest existing ancestor resolved, with the rest appended.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(resolved) = std::fs::canonicalize(existing) {
            let mut result = resolved;
            for component in rest.iter().rev() {
                result.push(component);
            }
            return normalize(&result);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => return normalize(&absolute),
        }
    }
}

/// Removes `.` and `..` lexically (only in the part that does not exist yet).
fn normalize(path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                result.pop();
            }
            other => result.push(other),
        }
    }
    result
}
