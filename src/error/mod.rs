//! The errors of the library, typed; `main` renders them once, at the edge.

use std::path::PathBuf;

mod words;

pub use crate::diagnostic::{Diagnostic, Lang, Problem, Severity};

/// Everything that can go wrong in mokuteki. The words, in English and Japanese, are
/// beside these types (`error/words.rs`).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{}", words::error_message(self, Lang::En))]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("{}", words::error_message(self, Lang::En))]
    Write {
        /// What could not be written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Something other than a regular file where mokuteki reads or writes one: a link
    /// planted in the output folder, a FIFO, a device.
    #[error("{}", words::not_a_file(path, *kind, Lang::En))]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What is there instead.
        kind: FileKind,
    },
    /// A file (other than the source, whose size is a located problem) larger than
    /// mokuteki reads.
    #[error("{}", words::too_large(path, *size, *limit, Lang::En))]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size, when it says it (a pipe does not).
        size: Option<u64>,
        /// The largest size read.
        limit: u64,
    },
    /// The source file has problems; each one is located.
    #[error("{}", render_diagnostics(.0, Lang::En, false))]
    Source(Vec<Diagnostic>),
    /// A template could not be compiled or rendered; located in the template.
    #[error("{0}")]
    Template(Box<Diagnostic>),
    /// A text output holds a character its encoding (Shift_JIS) cannot hold; the diagnostic
    /// points at the place in the source it came from, or at the output's line.
    #[error("{0}")]
    Unencodable(Box<Diagnostic>),
    /// A file would be overwritten that mokuteki did not write.
    #[error("{}", words::error_message(self, Lang::En))]
    WouldOverwrite {
        /// The file in the way.
        path: PathBuf,
    },
    /// `init` would replace an existing source file.
    #[error("{}", words::error_message(self, Lang::En))]
    SourceExists {
        /// The file that exists.
        path: PathBuf,
    },
    /// Files mokuteki wrote were changed since (edited by hand): a build would lose those
    /// changes, so it replaces them only with `--force`.
    #[error("{}", words::error_message(self, Lang::En))]
    Edited {
        /// The edited files.
        paths: Vec<PathBuf>,
    },
    /// The manifest in the output folder cannot be understood.
    #[error("{}", words::error_message(self, Lang::En))]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The output folder is a dangerous place to build into.
    #[error("{}", words::error_message(self, Lang::En))]
    Refused {
        /// The output folder.
        path: PathBuf,
        /// Why it is refused.
        reason: Refusal,
    },
    /// The output folder holds the outputs of another mokuteki command (a build's, or a
    /// comparison's), which writing there would remove.
    #[error("{}", words::error_message(self, Lang::En))]
    OtherCommand {
        /// The output folder.
        path: PathBuf,
        /// The command that wrote it.
        owner: Writer,
        /// One of that command's files in it.
        file: String,
    },
    /// `build --check` on a folder `mokuteki compare` wrote: a build would refuse it, since it
    /// would remove the comparison's files, so the folder was not compared with a build.
    #[error("{}", words::error_message(self, Lang::En))]
    WouldRemoveComparison {
        /// The output folder.
        path: PathBuf,
        /// One of the comparison's files in it.
        file: String,
    },
    /// The manifest in the output folder belongs to another user than the one running the
    /// build: whoever could plant it there could make it list files mokuteki never wrote
    /// (for the build to remove) or hide an edit, so it is not read.
    #[error("{}", words::error_message(self, Lang::En))]
    UntrustedManifest {
        /// The manifest file.
        path: PathBuf,
        /// The user id that owns it.
        owner: u32,
    },
    /// The `templates/` folder beside a folder of sources belongs to another user than the
    /// one running the build (or others may write to it): whoever dropped it there would
    /// decide what every society's pages contain.
    #[error("{}", words::error_message(self, Lang::En))]
    ForeignTemplates {
        /// The templates folder.
        path: PathBuf,
        /// The user id that owns it.
        owner: u32,
    },
    /// A folder inside the output folder is a symbolic link. mokuteki opens every folder
    /// below the output folder without following links, so that nobody who can write
    /// there can send a build's files (or its removals) elsewhere.
    #[error("{}", words::error_message(self, Lang::En))]
    FolderLink {
        /// The link, where a folder was expected.
        path: PathBuf,
    },
    /// Another build holds the output folder's lock.
    #[error("{}", words::error_message(self, Lang::En))]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it.
        holder: LockHolder,
    },
    /// `build --check` found that the output folder is not what a build would produce.
    #[error("{}", words::error_message(self, Lang::En))]
    Differs {
        /// The output folder.
        path: PathBuf,
        /// How many files would be added, changed or removed.
        count: usize,
    },
    /// A version given to `compare` as `REV:PATH` could not be read from git.
    #[error("cannot read {} from git: {failure}", version.display())]
    Git {
        /// The version, `REV:PATH`.
        version: PathBuf,
        /// What went wrong.
        failure: GitFailure,
    },
    /// The preview (`mokuteki serve`) cannot listen on its address, usually because the
    /// port is in use.
    #[error("{}", words::error_message(self, Lang::En))]
    Listen {
        /// The address, e.g. `127.0.0.1:8917`.
        address: String,
        /// Why.
        source: std::io::Error,
    },
    /// Some sources of a federation build failed: nothing was written for them, and the
    /// others were built.
    #[error("{}", render_failures(failed, *built, Lang::En))]
    Federation {
        /// Each failing source with its error.
        failed: Vec<(PathBuf, Error)>,
        /// How many sources were built.
        built: usize,
    },
}

/// Who holds an output folder's lock, as far as its file tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockHolder {
    /// A build, named by the lock file: its process id and host, when the file names them.
    Process {
        /// The process id.
        pid: Option<u32>,
        /// The host it runs on.
        host: Option<String>,
    },
    /// Other builds, one after another: each time the lock was released, another took it
    /// first, until this build gave up.
    OtherBuilds,
}

/// Why an output folder is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It is the filesystem root.
    Root,
    /// It is the user's home folder.
    Home,
    /// It is the current folder, the project root.
    CurrentFolder,
    /// It holds the source file.
    HoldsSource(PathBuf),
    /// It holds, or is inside, the templates folder.
    Templates(PathBuf),
    /// It is not empty and has no manifest of an earlier build.
    NotEmpty {
        /// How many entries it holds.
        entries: usize,
    },
}

/// What a path turned out to be where a regular file was needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Directory,
    /// A symbolic link (never followed where mokuteki creates or locks files).
    SymbolicLink,
    /// A FIFO (named pipe): reading it waits for a writer, maybe forever.
    Fifo,
    /// A socket.
    Socket,
    /// A character or block device, such as `/dev/zero`.
    Device,
    /// A regular file that has other names (hard links): writing it would change a file
    /// elsewhere.
    HardLinked,
    /// Anything else that is not a regular file.
    Other,
}

impl FileKind {
    /// What `meta` describes, if it is not a plain regular file.
    pub fn of(meta: &std::fs::Metadata) -> Option<FileKind> {
        let kind = meta.file_type();
        if kind.is_file() {
            return None;
        }
        if kind.is_dir() {
            return Some(FileKind::Directory);
        }
        if kind.is_symlink() {
            return Some(FileKind::SymbolicLink);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Some(FileKind::Fifo);
            }
            if kind.is_socket() {
                return Some(FileKind::Socket);
            }
            if kind.is_char_device() || kind.is_block_device() {
                return Some(FileKind::Device);
            }
        }
        Some(FileKind::Other)
    }
}

/// Which mokuteki command wrote an output folder, as its manifest records
/// ([`crate::output::manifest`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Writer {
    /// `mokuteki build`. A manifest that names no command is a build's.
    #[default]
    Build,
    /// `mokuteki compare`: the 新旧対照表 and the notice of change.
    Compare,
}

impl Writer {
    /// The command's name, as the manifest and the messages write it.
    pub fn command(self) -> &'static str {
        match self {
            Writer::Build => "build",
            Writer::Compare => "compare",
        }
    }
}

/// The name of the manifest in an output folder mokuteki wrote
/// ([`crate::output::manifest`]); a folder that is not empty and lacks it is refused
/// ([`Refusal::NotEmpty`]).
pub const MANIFEST_FILE_NAME: &str = ".mokuteki-manifest";

fn render_failures(failed: &[(PathBuf, Error)], built: usize, lang: Lang) -> String {
    let mut text = failed
        .iter()
        .map(|(source, error)| match error {
            // Located diagnostics name the source file already.
            Error::Source(_) | Error::Template(_) | Error::Unencodable(_) => {
                error.render_message(lang)
            }
            _ => format!("{}: {}", source.display(), error.render_message(lang)),
        })
        .collect::<Vec<_>>()
        .join(&format!("\n\n{}: ", lang.error_word()));
    text.push_str("\n\n");
    text.push_str(&words::federation_failed(lang, failed.len(), built));
    text
}

/// Diagnostics as the terminal shows them, each after its `error: ` or `warning: ` (but the
/// first when `first_word` is false).
fn render_diagnostics(diagnostics: &[Diagnostic], lang: Lang, first_word: bool) -> String {
    let mut text = String::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 || first_word {
            let word = match d.severity() {
                Severity::Error => lang.error_word(),
                Severity::Warning => lang.warning_word(),
            };
            let gap = if i > 0 { "\n\n" } else { "" };
            text.push_str(&format!("{gap}{word}: "));
        }
        text.push_str(&d.to_text(lang));
    }
    if diagnostics.len() > 1 {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        text.push_str(&format!(
            "\n\n{}",
            lang.summary(errors, diagnostics.len() - errors)
        ));
    }
    text
}

impl Error {
    /// The exit code for this error: 1 for problems in the user's files (the source, a
    /// template, an unencodable character) and for `build --check` finding differences,
    /// 2 for I/O trouble, refused output folders and a held lock.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Source(_)
            | Error::Template(_)
            | Error::Unencodable(_)
            | Error::Differs { .. } => 1,
            Error::Read { .. }
            | Error::Write { .. }
            | Error::NotAFile { .. }
            | Error::TooLarge { .. }
            | Error::WouldOverwrite { .. }
            | Error::SourceExists { .. }
            | Error::Edited { .. }
            | Error::Manifest { .. }
            | Error::Refused { .. }
            | Error::OtherCommand { .. }
            | Error::WouldRemoveComparison { .. }
            | Error::UntrustedManifest { .. }
            | Error::ForeignTemplates { .. }
            | Error::FolderLink { .. }
            | Error::Locked { .. }
            | Error::Git { .. }
            | Error::Listen { .. } => 2,
            Error::Federation { failed, .. } => {
                failed.iter().map(|(_, e)| e.exit_code()).max().unwrap_or(1)
            }
        }
    }

    /// The located diagnostics this error carries, if it is a problem in the user's files.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Source(d) => d.clone(),
            Error::Template(d) | Error::Unencodable(d) => vec![(**d).clone()],
            Error::Federation { failed, .. } => {
                failed.iter().flat_map(|(_, e)| e.diagnostics()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The whole report in `lang`, each problem after its `error: ` or `warning: `.
    pub fn to_text(&self, lang: Lang) -> String {
        match self {
            Error::Source(d) => render_diagnostics(d, lang, true),
            other => format!("{}: {}", lang.error_word(), other.render_message(lang)),
        }
    }

    /// The message in `lang`, without the leading `error: `.
    pub fn render_message(&self, lang: Lang) -> String {
        match self {
            Error::Source(d) => render_diagnostics(d, lang, false),
            Error::Template(d) | Error::Unencodable(d) => d.to_text(lang),
            Error::Federation { failed, built } => render_failures(failed, *built, lang),
            other => words::error_message(other, lang),
        }
    }
}

/// Why git gave no file.
#[derive(Debug, thiserror::Error)]
pub enum GitFailure {
    /// The revision starts with `-`, which git would read as an option.
    #[error("a revision cannot start with `-`")]
    OptionLike,
    /// A file is named like the revision's file (`REV:PATH`) too, so which is meant cannot
    /// be told; the file is written `./REV:PATH`.
    #[error(
        "a file of the same name exists too; to compare that file, write its name starting with ./"
    )]
    Ambiguous,
    /// git itself could not be started.
    #[error("git could not be run ({0}); is it installed?")]
    NotRun(String),
    /// git refused; its own words.
    #[error("{0}")]
    Refused(String),
    /// The file is larger than a purposes file can be (git is stopped once it has given
    /// more, so its whole size is not known).
    #[error(
        "the file is larger than {} bytes, the most a purposes file may hold",
        crate::text::numerals::grouped(*.limit)
    )]
    TooLarge {
        /// The largest size accepted.
        limit: u64,
    },
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
