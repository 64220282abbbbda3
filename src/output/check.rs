//! `build --check`: what a build would change in the output folder, listed (and diffed).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::output::diff;
use crate::output::manifest;
use crate::output::plan::Plan;
use crate::render::Output;

/// Writes one line per difference (`added PATH`, `changed PATH`, `removed PATH`, and
/// `in the way PATH` for a file a build would refuse to replace), with `diff` a unified
/// diff after each; returns `Error::Differs` unless the folder is what a build leaves.
pub fn report(
    out_dir: &Path,
    plan: &Plan,
    outputs: &[Output],
    diff: bool,
    w: &mut dyn Write,
) -> Result<()> {
    let new = |path: &str| -> Vec<u8> {
        outputs
            .iter()
            .find(|o| o.path == path)
            .map(|o| o.content.clone())
            .unwrap_or_default()
    };
    let old = |path: &str| std::fs::read(out_dir.join(path)).unwrap_or_default();
    let mut lines: Vec<(&str, String, Vec<u8>, Vec<u8>)> = Vec::new();
    for path in &plan.added {
        lines.push(("added", path.clone(), Vec::new(), new(path)));
    }
    for path in &plan.changed {
        lines.push(("changed", path.clone(), old(path), new(path)));
    }
    for path in &plan.in_the_way {
        lines.push(("in the way", path.clone(), old(path), new(path)));
    }
    for path in &plan.removed {
        lines.push(("removed", path.clone(), old(path), Vec::new()));
    }
    if plan.manifest_changes() {
        let kind = if plan.old_manifest_bytes.is_some() {
            "changed"
        } else {
            "added"
        };
        lines.push((
            kind,
            manifest::FILE_NAME.to_owned(),
            plan.old_manifest_bytes.clone().unwrap_or_default(),
            plan.new_manifest.to_bytes(),
        ));
    }
    lines.sort_by(|a, b| a.1.cmp(&b.1));
    let io = |source| Error::Write {
        path: "standard output".into(),
        source,
    };
    for (kind, path, before, after) in &lines {
        writeln!(w, "{kind} {path}").map_err(io)?;
        if diff {
            let old_name = if *kind == "added" {
                "/dev/null".to_owned()
            } else {
                format!("a/{path}")
            };
            let new_name = if *kind == "removed" {
                "/dev/null".to_owned()
            } else {
                format!("b/{path}")
            };
            let text = diff::unified(
                &old_name,
                &new_name,
                &String::from_utf8_lossy(before),
                &String::from_utf8_lossy(after),
            );
            w.write_all(text.as_bytes()).map_err(io)?;
        }
    }
    for path in &plan.kept {
        writeln!(
            w,
            "kept {path} (no longer produced, changed since mokuteki wrote it; a build keeps it)"
        )
        .map_err(io)?;
    }
    if lines.is_empty() {
        return Ok(());
    }
    Err(Error::Differs {
        path: out_dir.to_owned(),
        count: lines.len(),
    })
}
