//! The output folder held open: every file and folder below it is reached from an open
//! folder, one name at a time, never by a path the system resolves again.
//!
//! Others may write to the output folder (a web server's, cron's, a sync tool's). A path
//! such as `out/s001/notice.html` is looked up anew by every call that takes it, so someone
//! who swaps `out/s001` for a symbolic link to `/etc` between a check and a write makes a
//! build running as root rename, create or remove files there. Here the folder the operator
//! named (`--out`) is opened once, following links as any path the operator gives; every
//! folder below it is opened from its parent's descriptor without following a link, and
//! every file is created, renamed, read and removed relative to the descriptor of the
//! folder that holds it. A link swapped in afterwards is never looked at: the build keeps
//! working in the folders it opened.
//!
//! On systems without descriptor-relative calls (Windows), the same operations go by path:
//! nobody there runs a build as an administrator over a folder that others may write to.

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::fs::FileKind;

/// How often a folder that changes while it is opened (removed after being created, or
/// swapped back and forth) is tried again before the build gives up.
const ATTEMPTS: usize = 16;

/// One open folder inside (or being) the output folder.
#[derive(Debug)]
pub struct Folder {
    /// The open folder; everything inside it is reached from here.
    #[cfg(unix)]
    fd: std::os::fd::OwnedFd,
    /// Where it was when opened, for messages (and the way to it where there are no
    /// descriptors).
    path: PathBuf,
}

/// Whether a folder that does not exist is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Create it (a build that writes).
    Create,
    /// Leave it missing (a plan, `--check`, the up-to-date test): nothing is written.
    Absent,
}

impl Folder {
    /// Opens the folder `path` as the operator named it, following links on the way (the
    /// operator chose the path, and it may be a link); with [`Missing::Create`], creates it
    /// and its parents first. `None` when it does not exist and is not created.
    pub fn open_named(path: &Path, missing: Missing) -> Result<Option<Folder>> {
        match sys::open_named(path) {
            Ok(folder) => return Ok(Some(folder)),
            Err(error) if error.kind() != io::ErrorKind::NotFound => {
                return Err(access_error(path, missing, error));
            }
            Err(_) if missing == Missing::Absent => return Ok(None),
            Err(_) => {}
        }
        std::fs::create_dir_all(path).map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })?;
        sys::open_named(path)
            .map(Some)
            .map_err(|source| access_error(path, missing, source))
    }

    /// Opens the folder `name` inside this one without following a link; with
    /// [`Missing::Create`], creates it when it does not exist. A symbolic link under the
    /// name is refused ([`Error::FolderLink`]), whether it was there before or appears
    /// while the folder is created. `None` when it does not exist and is not created.
    pub fn open_child(&self, name: &str, missing: Missing) -> Result<Option<Folder>> {
        let path = self.path.join(name);
        if !is_plain_name(name) {
            return Err(access_error(&path, missing, not_plain()));
        }
        for _ in 0..ATTEMPTS {
            match sys::open_child(self, name) {
                Ok(folder) => return Ok(Some(folder)),
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                // A folder the build may not enter is not one that changes: said at once.
                Err(error) if error.kind() == io::ErrorKind::PermissionDenied => {
                    return Err(access_error(&path, missing, error));
                }
                Err(error) => match self.kind_of(name) {
                    Some(Kind::SymbolicLink) => return Err(Error::FolderLink { path }),
                    // A folder again by now, or gone (swapped meanwhile): tried again.
                    Some(Kind::Folder) | None => continue,
                    Some(Kind::Other) => return Err(access_error(&path, missing, error)),
                },
            }
            if missing == Missing::Absent {
                return Ok(None);
            }
            match sys::make_child(self, name) {
                // Made here, or by someone else in the meantime: opened (never followed)
                // on the next turn either way.
                Ok(()) => {}
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(Error::Write { path, source }),
            }
        }
        Err(Error::Write {
            path,
            source: io::Error::other("the folder keeps changing while it is opened"),
        })
    }

    /// Where the folder was when it was opened.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path of `name` in this folder, for messages.
    pub fn join(&self, name: &str) -> PathBuf {
        self.path.join(name)
    }

    /// Creates the file `name`, which must not exist (a link under the name included, never
    /// followed), for writing; permissions 0o666 less the umask, as any new file.
    pub fn create_new(&self, name: &str) -> io::Result<File> {
        sys::create_new(self, name)
    }

    /// Opens the file `name` for reading and writing, creating it if it does not exist;
    /// never through a link, never waiting on a FIFO. The caller checks what it opened.
    pub fn open_or_create(&self, name: &str) -> io::Result<File> {
        sys::open_or_create(self, name)
    }

    /// Opens the existing file `name` for writing (to flush it), without following a link
    /// or waiting on a FIFO.
    pub fn open_existing_for_writing(&self, name: &str) -> io::Result<File> {
        sys::open_for_writing(self, name)
    }

    /// Opens the regular file `name` for reading: never through a link ([`FileKind::SymbolicLink`]),
    /// never waiting on a FIFO, and only a regular file, as checked on the opened file.
    /// `None` when there is nothing under the name.
    pub fn open_regular(&self, name: &str) -> Result<Option<File>> {
        let path = self.join(name);
        let file = match sys::open_for_reading(self, name) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(match self.kind_of(name) {
                    Some(Kind::SymbolicLink) => Error::NotAFile {
                        path,
                        kind: FileKind::SymbolicLink,
                    },
                    _ => Error::Read { path, source },
                });
            }
        };
        let meta = file.metadata().map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        match FileKind::of(&meta) {
            None => Ok(Some(file)),
            Some(kind) => Err(Error::NotAFile { path, kind }),
        }
    }

    /// Reads the regular file `name` whole (at most [`crate::fs::MAX_FILE_BYTES`]), as
    /// [`Folder::open_regular`] opens it; `None` when there is nothing under the name.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>> {
        match self.open_regular(name)? {
            Some(file) => {
                crate::fs::read_opened(&self.join(name), file, crate::fs::MAX_FILE_BYTES).map(Some)
            }
            None => Ok(None),
        }
    }

    /// Renames `from` to `to`, both in this folder; `to` is replaced if it exists (a link
    /// under the name is replaced, never followed).
    pub fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        sys::rename(self, from, to)
    }

    /// Removes the file (or link) `name` from this folder; a link is removed itself, never
    /// what it points at.
    pub fn remove_file(&self, name: &str) -> io::Result<()> {
        sys::remove_file(self, name)
    }

    /// Removes the empty folder `name` from this folder; fails on a folder that holds
    /// anything, and on a link.
    pub fn remove_folder(&self, name: &str) -> io::Result<()> {
        sys::remove_folder(self, name)
    }

    /// The names in this folder that are regular files (links and everything else left
    /// out), in no particular order. Names that are not UTF-8 are left out too: mokuteki
    /// never makes one.
    pub fn regular_files(&self) -> io::Result<Vec<String>> {
        sys::regular_files(self)
    }

    /// The names of every entry in this folder (`.` and `..` left out), whatever each is;
    /// a name that is not UTF-8 is given with replacement characters.
    pub fn entry_names(&self) -> io::Result<Vec<String>> {
        sys::entry_names(self)
    }

    /// Whether anything is under `name` in this folder (a link included, not followed).
    pub fn contains(&self, name: &str) -> bool {
        self.kind_of(name).is_some()
    }

    /// Whether `name` in this folder is, right now, the open `file` (the same file on the
    /// same device), not following a link.
    pub fn names_file(&self, name: &str, file: &File) -> bool {
        sys::names_file(self, name, file)
    }

    /// Flushes the folder's entries (new names, renames, removals) to disk.
    pub fn sync(&self) -> io::Result<()> {
        sys::sync(self)
    }

    /// What `name` is in this folder, not following a link; `None` when it cannot be told.
    fn kind_of(&self, name: &str) -> Option<Kind> {
        sys::kind_of(self, name)
    }
}

/// What an entry is, as far as refusing it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    SymbolicLink,
    Folder,
    Other,
}

/// The output folder of one build, held open with the folders below it that the build
/// uses, each opened once (see the module's documentation).
#[derive(Debug)]
pub struct OutputFolder {
    /// The output folder itself; shared with the lock, which lives in it.
    root: Arc<Folder>,
    /// Folders below it, by their `/`-separated path relative to it.
    below: BTreeMap<String, Folder>,
}

impl OutputFolder {
    /// Opens the output folder `named/below`: `named` as the operator gave it (following
    /// links), then each component of `below` (which may be empty) from its parent without
    /// following a link. `below` is the part mokuteki adds itself, such as a federation's
    /// folder for one source. With [`Missing::Create`], missing folders are created;
    /// otherwise `None` when one is missing.
    pub fn open(named: &Path, below: &Path, missing: Missing) -> Result<Option<OutputFolder>> {
        let Some(mut folder) = Folder::open_named(named, missing)? else {
            return Ok(None);
        };
        for component in below.components() {
            let name = component.as_os_str().to_str().unwrap_or_default();
            match folder.open_child(name, missing)? {
                Some(child) => folder = child,
                None => return Ok(None),
            }
        }
        Ok(Some(OutputFolder {
            root: Arc::new(folder),
            below: BTreeMap::new(),
        }))
    }

    /// The output folder itself.
    pub fn root(&self) -> &Arc<Folder> {
        &self.root
    }

    /// The output folder's path, for messages.
    pub fn path(&self) -> &Path {
        self.root.path()
    }

    /// Opens every folder on the way to the file `relative` (a `/`-separated path inside
    /// the output folder), each from its parent without following a link, and keeps them
    /// open for [`OutputFolder::parent_of`]. With [`Missing::Create`], creates those
    /// missing; otherwise returns `false` when one is missing.
    pub fn reach(&mut self, relative: &str, missing: Missing) -> Result<bool> {
        let Some((folders, _)) = relative.rsplit_once('/') else {
            return Ok(true);
        };
        let mut end = 0;
        for component in folders.split('/') {
            let parent_end = end;
            end += component.len();
            let key = &folders[..end];
            end += 1;
            if self.below.contains_key(key) {
                continue;
            }
            let parent = if parent_end == 0 {
                &*self.root
            } else {
                &self.below[&folders[..parent_end - 1]]
            };
            match parent.open_child(component, missing)? {
                Some(child) => {
                    self.below.insert(key.to_owned(), child);
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// The folder holding the file `relative` and the file's name in it, if that folder
    /// was reached ([`OutputFolder::reach`]).
    pub fn parent_of<'a>(&self, relative: &'a str) -> Option<(&Folder, &'a str)> {
        match relative.rsplit_once('/') {
            None => Some((&self.root, relative)),
            Some((folder, name)) => self.below.get(folder).map(|folder| (folder, name)),
        }
    }

    /// The folder at `relative` (a `/`-separated path of a folder; empty for the output
    /// folder itself), if it was reached.
    pub fn folder(&self, relative: &str) -> Option<&Folder> {
        if relative.is_empty() {
            Some(&self.root)
        } else {
            self.below.get(relative)
        }
    }

    /// Reads the regular file `relative` if every folder on the way exists and it does
    /// (see [`Folder::read`]); opens the folders on the way, creating none.
    pub fn read(&mut self, relative: &str) -> Result<Option<Vec<u8>>> {
        if !self.reach(relative, Missing::Absent)? {
            return Ok(None);
        }
        let (folder, name) = self.parent_of(relative).expect("reached");
        folder.read(name)
    }
}

/// Whether `name` is one plain name: not empty, not `.` or `..`, without a separator.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\'])
}

fn not_plain() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "not a plain name inside the output folder",
    )
}

/// The error of a folder that could not be opened: a read error when nothing is written.
fn access_error(path: &Path, missing: Missing, source: io::Error) -> Error {
    let path = path.to_owned();
    match missing {
        Missing::Create => Error::Write { path, source },
        Missing::Absent => Error::Read { path, source },
    }
}

#[cfg(unix)]
mod sys {
    //! The descriptor-relative calls.

    use std::fs::File;
    use std::io;
    use std::os::fd::AsFd;
    use std::path::Path;

    use rustix::fs::{AtFlags, CWD, FileType, Mode, OFlags};

    use super::{Folder, Kind};

    /// Flags of every open here: no descriptor leaks into a child process.
    const COMMON: OFlags = OFlags::CLOEXEC;

    /// Flags of every file opened inside the output folder: a link is refused, not
    /// followed; a FIFO does not make the open wait for a writer.
    const NO_FOLLOW: OFlags = OFlags::NOFOLLOW.union(OFlags::NONBLOCK).union(COMMON);

    const DIRECTORY: OFlags = OFlags::RDONLY.union(OFlags::DIRECTORY).union(COMMON);

    pub fn open_named(path: &Path) -> io::Result<Folder> {
        let fd = rustix::fs::openat(CWD, path, DIRECTORY, Mode::empty())?;
        Ok(Folder {
            fd,
            path: path.to_owned(),
        })
    }

    pub fn open_child(parent: &Folder, name: &str) -> io::Result<Folder> {
        let fd = rustix::fs::openat(
            &parent.fd,
            name,
            DIRECTORY | OFlags::NOFOLLOW,
            Mode::empty(),
        )?;
        Ok(Folder {
            fd,
            path: parent.path.join(name),
        })
    }

    pub fn make_child(parent: &Folder, name: &str) -> io::Result<()> {
        // 0o777 less the umask, as any new folder.
        Ok(rustix::fs::mkdirat(
            &parent.fd,
            name,
            Mode::from_raw_mode(0o777),
        )?)
    }

    fn open(folder: &Folder, name: &str, flags: OFlags) -> io::Result<File> {
        let fd = rustix::fs::openat(&folder.fd, name, flags, Mode::from_raw_mode(0o666))?;
        Ok(File::from(fd))
    }

    pub fn create_new(folder: &Folder, name: &str) -> io::Result<File> {
        open(
            folder,
            name,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | NO_FOLLOW,
        )
    }

    pub fn open_or_create(folder: &Folder, name: &str) -> io::Result<File> {
        open(folder, name, OFlags::RDWR | OFlags::CREATE | NO_FOLLOW)
    }

    pub fn open_for_writing(folder: &Folder, name: &str) -> io::Result<File> {
        open(folder, name, OFlags::WRONLY | NO_FOLLOW)
    }

    pub fn open_for_reading(folder: &Folder, name: &str) -> io::Result<File> {
        open(folder, name, OFlags::RDONLY | NO_FOLLOW)
    }

    pub fn rename(folder: &Folder, from: &str, to: &str) -> io::Result<()> {
        Ok(rustix::fs::renameat(&folder.fd, from, &folder.fd, to)?)
    }

    pub fn remove_file(folder: &Folder, name: &str) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(&folder.fd, name, AtFlags::empty())?)
    }

    pub fn remove_folder(folder: &Folder, name: &str) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(&folder.fd, name, AtFlags::REMOVEDIR)?)
    }

    pub fn regular_files(folder: &Folder) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in rustix::fs::Dir::read_from(&folder.fd)? {
            let entry = entry?;
            let Ok(name) = entry.file_name().to_str() else {
                continue;
            };
            let regular = match entry.file_type() {
                FileType::RegularFile => true,
                // Some filesystems do not say in the listing: asked, without following.
                FileType::Unknown => {
                    rustix::fs::statat(&folder.fd, name, AtFlags::SYMLINK_NOFOLLOW).is_ok_and(
                        |stat| FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile,
                    )
                }
                _ => false,
            };
            if regular {
                names.push(name.to_owned());
            }
        }
        Ok(names)
    }

    pub fn entry_names(folder: &Folder) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in rustix::fs::Dir::read_from(&folder.fd)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if name != "." && name != ".." {
                names.push(name);
            }
        }
        Ok(names)
    }

    pub fn names_file(folder: &Folder, name: &str, file: &File) -> bool {
        let (Ok(opened), Ok(named)) = (
            rustix::fs::fstat(file.as_fd()),
            rustix::fs::statat(&folder.fd, name, AtFlags::SYMLINK_NOFOLLOW),
        ) else {
            return false;
        };
        opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    pub fn sync(folder: &Folder) -> io::Result<()> {
        Ok(rustix::fs::fsync(&folder.fd)?)
    }

    pub fn kind_of(folder: &Folder, name: &str) -> Option<Kind> {
        let stat = rustix::fs::statat(&folder.fd, name, AtFlags::SYMLINK_NOFOLLOW).ok()?;
        Some(match FileType::from_raw_mode(stat.st_mode) {
            FileType::Symlink => Kind::SymbolicLink,
            FileType::Directory => Kind::Folder,
            _ => Kind::Other,
        })
    }
}

#[cfg(not(unix))]
mod sys {
    //! The same operations by path, where the system has no descriptor-relative calls.
    //! Nobody runs a build there as an administrator over a folder others may write to, so
    //! the window between a check and a use is accepted (see the module's documentation).

    use std::fs::{File, OpenOptions};
    use std::io;
    use std::path::Path;

    use super::{Folder, Kind};

    pub fn open_named(path: &Path) -> io::Result<Folder> {
        if std::fs::metadata(path)?.is_dir() {
            Ok(Folder {
                path: path.to_owned(),
            })
        } else {
            Err(io::Error::from(io::ErrorKind::NotADirectory))
        }
    }

    pub fn open_child(parent: &Folder, name: &str) -> io::Result<Folder> {
        let path = parent.path.join(name);
        let meta = std::fs::symlink_metadata(&path)?;
        if meta.is_dir() {
            Ok(Folder { path })
        } else {
            Err(io::Error::from(io::ErrorKind::NotADirectory))
        }
    }

    pub fn make_child(parent: &Folder, name: &str) -> io::Result<()> {
        std::fs::create_dir(parent.path.join(name))
    }

    pub fn create_new(folder: &Folder, name: &str) -> io::Result<File> {
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(folder.path.join(name))
    }

    fn refuse_link(folder: &Folder, name: &str) -> io::Result<()> {
        if kind_of(folder, name) == Some(Kind::SymbolicLink) {
            return Err(io::Error::other("a symbolic link"));
        }
        Ok(())
    }

    pub fn open_or_create(folder: &Folder, name: &str) -> io::Result<File> {
        refuse_link(folder, name)?;
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(folder.path.join(name))
    }

    pub fn open_for_writing(folder: &Folder, name: &str) -> io::Result<File> {
        refuse_link(folder, name)?;
        OpenOptions::new().write(true).open(folder.path.join(name))
    }

    pub fn open_for_reading(folder: &Folder, name: &str) -> io::Result<File> {
        refuse_link(folder, name)?;
        File::open(folder.path.join(name))
    }

    pub fn rename(folder: &Folder, from: &str, to: &str) -> io::Result<()> {
        std::fs::rename(folder.path.join(from), folder.path.join(to))
    }

    pub fn remove_file(folder: &Folder, name: &str) -> io::Result<()> {
        std::fs::remove_file(folder.path.join(name))
    }

    pub fn remove_folder(folder: &Folder, name: &str) -> io::Result<()> {
        std::fs::remove_dir(folder.path.join(name))
    }

    pub fn regular_files(folder: &Folder) -> io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(&folder.path)? {
            let entry = entry?;
            if entry.file_type()?.is_file()
                && let Ok(name) = entry.file_name().into_string()
            {
                names.push(name);
            }
        }
        Ok(names)
    }

    pub fn entry_names(folder: &Folder) -> io::Result<Vec<String>> {
        std::fs::read_dir(&folder.path)?
            .map(|entry| entry.map(|entry| entry.file_name().to_string_lossy().into_owned()))
            .collect()
    }

    pub fn names_file(folder: &Folder, name: &str, _file: &File) -> bool {
        // No file identity to compare: a file under the name is taken to be this one.
        std::fs::symlink_metadata(folder.path.join(name)).is_ok_and(|meta| meta.is_file())
    }

    pub fn sync(_folder: &Folder) -> io::Result<()> {
        // Folders cannot be opened to be flushed here; their entries are the system's.
        Ok(())
    }

    pub fn kind_of(folder: &Folder, name: &str) -> Option<Kind> {
        let meta = std::fs::symlink_metadata(folder.path.join(name)).ok()?;
        Some(if meta.file_type().is_symlink() {
            Kind::SymbolicLink
        } else if meta.is_dir() {
            Kind::Folder
        } else {
            Kind::Other
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn folders_below_are_opened_and_created_without_following_links() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir_all(real.join("inner")).unwrap();
        let victim = dir.path().join("victim");
        std::fs::create_dir(&victim).unwrap();
        // The folder the operator names may itself be a link.
        let out = dir.path().join("out");
        std::os::unix::fs::symlink(&real, &out).unwrap();
        std::os::unix::fs::symlink(&victim, real.join("away")).unwrap();
        // A link that stays inside is refused as well: nothing below is ever followed.
        std::os::unix::fs::symlink(real.join("inner"), real.join("near")).unwrap();

        let mut folder = OutputFolder::open(&out, Path::new(""), Missing::Absent)
            .unwrap()
            .unwrap();
        assert!(folder.reach("inner/a.html", Missing::Absent).unwrap());
        assert_eq!(
            folder.parent_of("inner/a.html").unwrap().0.path(),
            out.join("inner")
        );
        for link in ["away", "near"] {
            for missing in [Missing::Absent, Missing::Create] {
                match folder.reach(&format!("{link}/x/a.html"), missing) {
                    Err(Error::FolderLink { path }) => assert_eq!(path, out.join(link)),
                    other => panic!("{link}: {other:?}"),
                }
            }
        }
        assert!(!folder.reach("new/deeper/a.html", Missing::Absent).unwrap());
        assert!(folder.reach("new/deeper/a.html", Missing::Create).unwrap());
        assert!(real.join("new/deeper").is_dir());
        assert_eq!(std::fs::read_dir(&victim).unwrap().count(), 0);

        // A federation's folder below the named one: refused as a link, created as a folder.
        match OutputFolder::open(&out, Path::new("away"), Missing::Create) {
            Err(Error::FolderLink { path }) => assert_eq!(path, out.join("away")),
            other => panic!("{other:?}"),
        }
        assert!(
            OutputFolder::open(&out, Path::new("s001"), Missing::Absent)
                .unwrap()
                .is_none()
        );
        let source = OutputFolder::open(&out, Path::new("s001"), Missing::Create)
            .unwrap()
            .unwrap();
        assert_eq!(source.path(), out.join("s001"));
        assert!(real.join("s001").is_dir());
        for bad in ["..", "."] {
            assert!(OutputFolder::open(&out, Path::new(bad), Missing::Create).is_err());
        }
    }

    #[test]
    fn files_are_reached_from_the_folder_and_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let folder = Folder::open_named(dir.path(), Missing::Absent)
            .unwrap()
            .unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("link")).unwrap();
        assert!(matches!(
            folder.read("link"),
            Err(Error::NotAFile {
                kind: FileKind::SymbolicLink,
                ..
            })
        ));
        assert!(folder.create_new("link").is_err());
        assert!(folder.open_existing_for_writing("link").is_err());
        assert!(folder.open_or_create("link").is_err());
        assert_eq!(folder.read("missing").unwrap(), None);
        assert_eq!(folder.regular_files().unwrap(), vec!["victim.txt"]);
        folder.rename("link", "moved").unwrap();
        folder.remove_file("moved").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
