//! `build --check`: what a build would change in the output folder, listed (and diffed).

use serde::Serialize;

use crate::diagnostic::Lang;
use crate::output::diff;
use crate::output::manifest;
use crate::output::plan::Plan;
use crate::render::Output;

/// What a build would do to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The file does not exist yet.
    Added,
    /// The file exists with other bytes.
    Changed,
    /// A file mokuteki did not write stands where an output goes; a build refuses it.
    InTheWay,
    /// A file mokuteki wrote was changed since (by hand); a build refuses to replace it
    /// without `--force`.
    Edited,
    /// mokuteki wrote the file before and no longer produces it.
    Removed,
}

/// One file a build would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// What would happen to it.
    pub kind: ChangeKind,
    /// `/`-separated path relative to the output folder.
    pub path: String,
    /// A unified diff of the change, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<String>,
}

/// What `build --check` found: the changes a build would make, sorted by path, and the
/// files it would keep although it no longer produces them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// The files a build would add, change or remove, or refuse to replace.
    pub changes: Vec<Change>,
    /// Files no longer produced but changed since mokuteki wrote them: a build keeps them.
    pub kept: Vec<String>,
}

/// Compares the output folder with `outputs`, as `plan` found it; with `diff`, each change
/// carries a unified diff.
pub fn list(plan: &Plan, outputs: &[Output], diff: bool) -> Changes {
    let new = |path: &str| -> Vec<u8> {
        outputs
            .iter()
            .find(|o| o.path == path)
            .map(|o| o.content.clone())
            .unwrap_or_default()
    };
    // Read through the folders the plan opened: never through a link.
    let old = |path: &str| plan.read_existing(path);
    let mut found: Vec<(ChangeKind, String, Vec<u8>, Vec<u8>)> = Vec::new();
    for path in &plan.added {
        found.push((ChangeKind::Added, path.clone(), Vec::new(), new(path)));
    }
    for path in &plan.changed {
        let kind = if plan.edited.contains(path) {
            ChangeKind::Edited
        } else {
            ChangeKind::Changed
        };
        found.push((kind, path.clone(), old(path), new(path)));
    }
    for path in &plan.in_the_way {
        found.push((ChangeKind::InTheWay, path.clone(), old(path), new(path)));
    }
    for path in &plan.removed {
        found.push((ChangeKind::Removed, path.clone(), old(path), Vec::new()));
    }
    if plan.manifest_changes() {
        let kind = if plan.old_manifest_bytes.is_some() {
            ChangeKind::Changed
        } else {
            ChangeKind::Added
        };
        found.push((
            kind,
            manifest::FILE_NAME.to_owned(),
            plan.old_manifest_bytes.clone().unwrap_or_default(),
            plan.new_manifest.to_bytes(),
        ));
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    let changes = found
        .into_iter()
        .map(|(kind, path, before, after)| {
            let diff = diff.then(|| unified(kind, &path, &before, &after));
            Change { kind, path, diff }
        })
        .collect();
    Changes {
        changes,
        kept: plan.kept.clone(),
    }
}

/// The unified diff of one change, `/dev/null` standing for the side that does not exist.
fn unified(kind: ChangeKind, path: &str, before: &[u8], after: &[u8]) -> String {
    let old_name = if kind == ChangeKind::Added {
        "/dev/null".to_owned()
    } else {
        format!("a/{path}")
    };
    let new_name = if kind == ChangeKind::Removed {
        "/dev/null".to_owned()
    } else {
        format!("b/{path}")
    };
    diff::unified(
        &old_name,
        &new_name,
        &String::from_utf8_lossy(before),
        &String::from_utf8_lossy(after),
    )
}

impl Changes {
    /// The report for people: one line per change (`added PATH`, `changed PATH`,
    /// `removed PATH`, `in the way PATH`), each followed by its diff when there is one, then
    /// a line per kept file; in `lang`.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut text = String::new();
        for change in &self.changes {
            text.push_str(&change_line(change.kind, &change.path, lang));
            text.push('\n');
            if let Some(diff) = &change.diff {
                text.push_str(diff);
            }
        }
        for path in &self.kept {
            text.push_str(&kept_line(path, lang));
            text.push('\n');
        }
        text
    }
}

/// A line of `build --check`: what a build would do to a file.
fn change_line(kind: ChangeKind, path: &str, lang: Lang) -> String {
    use ChangeKind as K;
    match (kind, lang) {
        (K::Added, Lang::En) => format!("added {path}"),
        (K::Changed, Lang::En) => format!("changed {path}"),
        (K::InTheWay, Lang::En) => format!("in the way {path}"),
        (K::Edited, Lang::En) => format!("edited {path}"),
        (K::Removed, Lang::En) => format!("removed {path}"),
        (K::Added, Lang::Ja) => format!("追加 {path}"),
        (K::Changed, Lang::Ja) => format!("変更 {path}"),
        (K::InTheWay, Lang::Ja) => format!(
            "競合 {path}（mokuteki が書いたファイルではないため、ビルドは上書きせずに止まります）"
        ),
        (K::Edited, Lang::Ja) => format!(
            "編集 {path}（mokuteki が書いた後に変更されているため、ビルドは --force なしでは置き換えずに止まります）"
        ),
        (K::Removed, Lang::Ja) => format!("削除 {path}"),
    }
}

/// A line of `build --check`: a file no longer produced that a build keeps.
fn kept_line(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "kept {path} (no longer produced, changed since mokuteki wrote it; a build keeps it)"
        ),
        Lang::Ja => format!(
            "保持 {path}（出力しなくなったファイルですが、mokuteki が書いた後に変更されているため、ビルドでは残します）"
        ),
    }
}
