//! `mokuteki compare OLD NEW`: the documents of a revision, from two versions of
//! purposes.yaml — the 新旧対照表 of the regulation's table and of the notice
//! (`shinkyu.html`, `shinkyu.md`) and the notice of change to members (`henkou.html`,
//! `henkou.txt`).
//!
//! The comparison is structural: recipient kinds and categories are matched by id, items
//! by content (a reworded item is one change, with its changed characters marked; an item
//! under another kind is a move). It also judges the revision: a change of the purposes
//! must be recorded as a 改正 dated after the old version's last, and each change is listed
//! for a person to confirm.

pub mod align;
pub mod changes;
pub mod context;
pub mod input;
pub mod judge;
pub mod publish_guard;
pub mod table;
pub mod text;
pub mod words;

use std::path::{Path, PathBuf};

use crate::error::{Error, Lang, Result};
use crate::facts::catalogue::Catalogue;
use crate::output::folder::{Missing, OutputFolder};
use crate::output::guard::{self, Inputs};
use crate::output::lock::Lock;
use crate::output::manifest::Writer;
use crate::output::write::{WriteReport, write_outputs};
use crate::render::mailing::{Overrides, Settings};
use crate::render::{Output, Renderer, encoding, templates};
use changes::Change;
use input::Version;
use judge::Confirmation;

/// What `compare` reads and where it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareOptions {
    /// The version before the revision.
    pub old: Version,
    /// The version after it.
    pub new: Version,
    /// The folder of template overrides (their `compare/` folder is used), if any.
    pub templates: Option<PathBuf>,
    /// The output folder.
    pub out: PathBuf,
}

impl CompareOptions {
    /// The options for `compare OLD NEW`: the templates default to `templates/` beside the
    /// new version's file, if it exists, and the output folder to `revision/` beside it
    /// (beside the current folder for a version read from git).
    pub fn new(
        old: Version,
        new: Version,
        templates: Option<PathBuf>,
        out: Option<PathBuf>,
    ) -> CompareOptions {
        let base = new
            .file()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let templates = templates.or_else(|| {
            let beside = base.join("templates");
            beside.is_dir().then_some(beside)
        });
        CompareOptions {
            old,
            new,
            templates,
            out: out.unwrap_or_else(|| base.join("revision")),
        }
    }

    /// The folder git is asked in for a version read from a revision: the folder of the
    /// other version's file, or the current folder.
    fn repository(&self) -> PathBuf {
        [&self.new, &self.old]
            .into_iter()
            .find_map(|v| v.file().and_then(Path::parent))
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

/// What a comparison found and did.
#[derive(Debug)]
pub struct Outcome {
    /// True when the two versions say the same (comments and layout aside); nothing is
    /// written then.
    pub identical: bool,
    /// The changes of the purposes.
    pub changes: Vec<Change>,
    /// True when the notice's own texts or dates changed.
    pub notice_changed: bool,
    /// The changes a person must confirm.
    pub confirmations: Vec<Confirmation>,
    /// The documents rendered.
    pub outputs: Vec<Output>,
    /// Things the user should know that did not stop the comparison (a run too long for a
    /// line of the mailing text, say), located in the new version where they can be.
    pub warnings: Vec<crate::error::Diagnostic>,
    /// What was written, when anything was.
    pub written: Option<WriteReport>,
}

/// Compares the two versions, renders the documents of the revision and writes them.
/// Problems in either version (or a change without a revision) are `Error::Source`.
pub fn compare(options: &CompareOptions, lang: Lang) -> Result<Outcome> {
    let (outcome, _) = prepare(options, lang)?;
    if outcome.identical {
        return Ok(outcome);
    }
    let written = publish(options, &outcome.outputs)?;
    Ok(Outcome {
        written: Some(written),
        ..outcome
    })
}

/// Everything but the writing: the comparison and the rendered documents (none when the
/// versions are identical).
pub fn prepare(options: &CompareOptions, lang: Lang) -> Result<(Outcome, Catalogue)> {
    let repository = options.repository();
    let old_loaded = options.old.load(&repository);
    let new_loaded = options.new.load(&repository);
    let mut problems = Vec::new();
    let (old_loaded, new_loaded) = match (old_loaded, new_loaded) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(Error::Source(a)), Err(Error::Source(b))) => {
            problems.extend(a);
            problems.extend(b);
            return Err(Error::Source(problems));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    problems.extend(old_loaded.problems.iter().cloned());
    problems.extend(new_loaded.problems.iter().cloned());
    if !problems.is_empty() {
        return Err(Error::Source(problems));
    }
    let old = Catalogue::of(&old_loaded.source);
    let new = Catalogue::of(&new_loaded.source);
    if old == new {
        let outcome = Outcome {
            identical: true,
            changes: Vec::new(),
            notice_changed: false,
            confirmations: Vec::new(),
            outputs: Vec::new(),
            warnings: Vec::new(),
            written: None,
        };
        return Ok((outcome, new));
    }
    if let Some(problem) = judge::missing_revision(
        &old,
        &new,
        &new_loaded.source,
        &options.new.name(),
        &new_loaded.text,
    ) {
        return Err(Error::Source(vec![problem]));
    }
    let changes = changes::changes(&old, &new);
    // A purpose of use applies from when it is made known, never before: a revision of the
    // purposes dated to apply earlier than it is made is worth a second look.
    let mut judged = Vec::new();
    if !old.same_revisable(&new) {
        let last_old = publish_guard::last_date(&old);
        let retroactive = new_loaded
            .source
            .main_notice()
            .and_then(|n| n.dates.as_ref())
            .into_iter()
            .flat_map(|d| &d.revisions)
            .filter(|r| r.date.value.to_string() > last_old)
            .filter_map(|r| Some((r, crate::law::dates::retroactive(r)?)));
        for (revision, applies) in retroactive {
            judged.push(crate::error::Diagnostic::at(
                options.new.name(),
                &new_loaded.text,
                applies.referenced.line() as usize,
                applies.referenced.column() as usize,
                crate::error::Problem::AppliesBeforeRevision {
                    date: applies.value.to_string(),
                    revision: revision.date.value.to_string(),
                },
            ));
        }
    }
    let notice_changed = old.prose() != new.prose()
        || old.organization != new.organization
        || old.particulars() != new.particulars();
    let confirmations = judge::confirmations(&changes, lang);

    let settings = Settings::resolve(&new_loaded.source, &Overrides::default());
    let page = context::Page::new(&old, &new, &changes, notice_changed, &settings);
    let templates = templates::load_compare(options.templates.as_deref())?;
    let mut rendered = Renderer::new(templates)?.render_page(&page, &[], &settings)?;
    for output in &mut rendered.outputs {
        if let Some(name) = output
            .path
            .strip_prefix(templates::COMPARE_FOLDER)
            .and_then(|p| p.strip_prefix('/'))
        {
            output.path = name.to_owned();
        }
    }
    encoding::encode_outputs(
        &mut rendered.outputs,
        settings.encoding,
        &new_loaded.source,
        &options.new.name(),
        &new_loaded.text,
    )?;
    let outcome = Outcome {
        identical: false,
        changes,
        notice_changed,
        confirmations,
        outputs: rendered.outputs,
        warnings: judged
            .into_iter()
            .chain(rendered.warnings.into_iter().map(|problem| {
                crate::error::Diagnostic::of_render_warning(
                    options.new.name(),
                    &new_loaded.text,
                    problem,
                )
            }))
            .collect(),
        written: None,
    };
    Ok((outcome, new))
}

/// Writes the documents into the output folder as a build writes: a dangerous folder is
/// refused, the folder is locked, files are replaced atomically and only if mokuteki wrote
/// them. A folder a build wrote is refused too, since writing there would remove the
/// build's files; the manifest records that `compare` wrote the folder, so that a build
/// refuses it in turn.
fn publish(options: &CompareOptions, outputs: &[Output]) -> Result<WriteReport> {
    let source = options
        .new
        .file()
        .map_or_else(|| PathBuf::from("purposes.yaml"), Path::to_path_buf);
    // Opened first, creating nothing, so that the guard lists it through the open folder.
    let existing = OutputFolder::open(&options.out, Path::new(""), Missing::Absent)?;
    guard::check(
        &options.out,
        Inputs {
            source: &source,
            templates: options.templates.as_deref(),
        },
        existing.as_ref().map(|folder| &**folder.root()),
    )?;
    let folder = match existing {
        Some(folder) => folder,
        None => OutputFolder::open(&options.out, Path::new(""), Missing::Create)?
            .expect("a folder is created when missing"),
    };
    let lock = Lock::acquire(folder.root())?;
    // compare has no --force: a document edited by hand is never replaced.
    let report = write_outputs(folder, outputs, None, Writer::Compare, false);
    drop(lock);
    report
}
