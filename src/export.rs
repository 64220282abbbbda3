//! `mokuteki templates`: the built-in templates written into a folder, as a starting point
//! for overrides.
//!
//! The folder may be one that others can write to. The folder named is used as it is (a
//! link there is the operator's choice), but below it nothing is followed: the `compare/`
//! folder is opened without following a link and each file is created in it, relative to
//! the opened folder, exclusively and without following a link. A link planted as
//! `compare/` is refused instead of receiving the templates, and anything already under a
//! template's name (a file, a link, even one leading nowhere) is left as it is.

use std::path::{Path, PathBuf};

use crate::error::{Error, Lang, Result};
use crate::render::templates::{BUILT_IN, COMPARE_BUILT_IN};

/// Writes the built-in templates into `dir` (created if missing). Returns the files
/// written, and those left as they were because something was there already.
pub fn export(dir: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    crate::fs::create_dir_all(dir)?;
    let (mut written, mut kept) = (Vec::new(), Vec::new());
    for (name, content) in BUILT_IN.iter().chain(COMPARE_BUILT_IN) {
        let path = dir.join(name);
        if create_new(dir, name, content.as_bytes())? {
            written.push(path);
        } else {
            kept.push(path);
        }
    }
    Ok((written, kept))
}

/// Creates `dir/name` (`name` relative, `/`-separated) with `content`; `false`, touching
/// nothing, when anything is there already.
#[cfg(unix)]
fn create_new(dir: &Path, name: &str, content: &[u8]) -> Result<bool> {
    use std::io::Write;

    use rustix::fs::{Mode, OFlags};

    let (folders, file_name) = name.rsplit_once('/').unwrap_or(("", name));
    let write_error = |path: PathBuf| move |source: std::io::Error| Error::Write { path, source };
    let directory = OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC;
    let mut folder = rustix::fs::open(dir, directory, Mode::empty())
        .map_err(|e| write_error(dir.to_owned())(e.into()))?;
    let mut at = dir.to_owned();
    for part in folders.split('/').filter(|p| !p.is_empty()) {
        at.push(part);
        match rustix::fs::mkdirat(&folder, part, Mode::from_raw_mode(0o777)) {
            Ok(()) | Err(rustix::io::Errno::EXIST) => {}
            Err(error) => return Err(write_error(at)(error.into())),
        }
        folder =
            match rustix::fs::openat(&folder, part, directory | OFlags::NOFOLLOW, Mode::empty()) {
                Ok(opened) => opened,
                Err(error) => {
                    let kind =
                        rustix::fs::statat(&folder, part, rustix::fs::AtFlags::SYMLINK_NOFOLLOW)
                            .ok()
                            .map(|stat| rustix::fs::FileType::from_raw_mode(stat.st_mode));
                    return Err(match kind {
                        Some(rustix::fs::FileType::Symlink) => Error::NotAFile {
                            path: at,
                            kind: crate::fs::FileKind::SymbolicLink,
                        },
                        _ => write_error(at)(error.into()),
                    });
                }
            };
    }
    let path = dir.join(name);
    let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    let file = match rustix::fs::openat(&folder, file_name, flags, Mode::from_raw_mode(0o666)) {
        Ok(file) => file,
        Err(rustix::io::Errno::EXIST) => return Ok(false),
        Err(error) => return Err(write_error(path)(error.into())),
    };
    let mut file = std::fs::File::from(file);
    file.write_all(content)
        .and_then(|()| file.sync_all())
        .map_err(write_error(path))?;
    Ok(true)
}

/// Creates `dir/name` with `content`; `false` when anything is there already.
#[cfg(not(unix))]
fn create_new(dir: &Path, name: &str, content: &[u8]) -> Result<bool> {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        crate::fs::create_dir_all(parent)?;
    }
    if std::fs::symlink_metadata(&path).is_ok() {
        return Ok(false);
    }
    crate::output::write::write_new(&path, content)?;
    Ok(true)
}

/// A template `mokuteki templates` wrote, or kept because it exists.
pub fn template_exported(lang: Lang, path: &Path, written: bool) -> String {
    match (lang, written) {
        (Lang::En, true) => format!("wrote {}", path.display()),
        (Lang::En, false) => format!("kept {} (exists already)", path.display()),
        (Lang::Ja, true) => format!("{} を書き出しました", path.display()),
        (Lang::Ja, false) => format!("{} は既にあるため、そのままにしました", path.display()),
    }
}
