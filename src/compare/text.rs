//! Character-level differences between two texts: which characters of each side changed.
//!
//! Japanese has no spaces to split words at, so texts are compared character by character,
//! with the semantic cleanup of the `dissimilar` crate keeping a rewritten phrase together
//! rather than underlining it in pieces around a coincidental 「の」.

use serde::Serialize;

/// A run of characters of one side, changed or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The characters.
    pub text: String,
    /// True when they differ from the other side (they get the 傍線, the underline).
    pub changed: bool,
}

impl Segment {
    /// An unchanged run.
    pub fn plain(text: impl Into<String>) -> Segment {
        Segment {
            text: text.into(),
            changed: false,
        }
    }

    /// A changed run.
    pub fn changed(text: impl Into<String>) -> Segment {
        Segment {
            text: text.into(),
            changed: true,
        }
    }
}

/// The two sides of a compared text: the new one's segments and the old one's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextDiff {
    /// 改正後: unchanged runs and inserted ones.
    pub new: Vec<Segment>,
    /// 改正前: unchanged runs and deleted ones.
    pub old: Vec<Segment>,
}

/// Compares `old` with `new` character by character.
pub fn diff(old: &str, new: &str) -> TextDiff {
    let mut result = TextDiff {
        new: Vec::new(),
        old: Vec::new(),
    };
    for chunk in dissimilar::diff(old, new) {
        match chunk {
            dissimilar::Chunk::Equal(text) => {
                push(&mut result.new, text, false);
                push(&mut result.old, text, false);
            }
            dissimilar::Chunk::Insert(text) => push(&mut result.new, text, true),
            dissimilar::Chunk::Delete(text) => push(&mut result.old, text, true),
        }
    }
    result
}

/// Appends a run, joining it to the previous one when both are changed or both are not.
fn push(segments: &mut Vec<Segment>, text: &str, changed: bool) {
    match segments.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => segments.push(Segment {
            text: text.to_owned(),
            changed,
        }),
    }
}

/// How alike two texts are, from 0 (nothing in common) to 1 (equal): twice the unchanged
/// characters over the characters of both.
pub fn similarity(old: &str, new: &str) -> f64 {
    if old == new {
        return 1.0;
    }
    let total = old.chars().count() + new.chars().count();
    if total == 0 {
        return 1.0;
    }
    let same: usize = dissimilar::diff(old, new)
        .iter()
        .map(|chunk| match chunk {
            dissimilar::Chunk::Equal(text) => text.chars().count(),
            _ => 0,
        })
        .sum();
    (2 * same) as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| {
                if s.changed {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn only_the_changed_characters_are_marked_on_each_side() {
        let d = diff(
            "保険給付及び付加給付の実施",
            "保険給付、付加給付及び高額療養費の支給の実施",
        );
        assert_eq!(marked(&d.old), "保険給付[及び]付加給付の実施");
        assert_eq!(
            marked(&d.new),
            "保険給付[、]付加給付[及び高額療養費の支給]の実施"
        );
    }

    #[test]
    fn a_rewritten_phrase_is_marked_whole_not_around_a_coincidental_particle() {
        let d = diff(
            "被保険者証の発行管理",
            "資格確認書及び資格情報のお知らせの交付",
        );
        assert_eq!(marked(&d.old), "[被保険者証の発行管理]");
        assert_eq!(marked(&d.new), "[資格確認書及び資格情報のお知らせの交付]");
    }

    #[test]
    fn similarity_runs_from_nothing_to_equal() {
        assert_eq!(similarity("保険給付", "保険給付"), 1.0);
        assert_eq!(similarity("保険給付", "健診"), 0.0);
        let s = similarity("保険給付の実施", "保険給付等の実施");
        assert!(s > 0.9 && s < 1.0, "{s}");
    }
}
