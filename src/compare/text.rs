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

/// Compares `old` with `new` character by character, then widens each changed passage to
/// the 字句 an amending sentence would name (see [`widen`]).
pub fn diff(old: &str, new: &str) -> TextDiff {
    let mut ops = Vec::new();
    for chunk in dissimilar::diff(old, new) {
        let (text, side) = match chunk {
            dissimilar::Chunk::Equal(text) => (text, Side::Both),
            dissimilar::Chunk::Insert(text) => (text, Side::New),
            dissimilar::Chunk::Delete(text) => (text, Side::Old),
        };
        ops.extend(text.chars().map(|c| Op {
            c,
            side,
            changed: side != Side::Both,
        }));
    }
    widen(&mut ops);
    let side = |keep: Side| {
        let chars: Vec<(char, bool)> = ops
            .iter()
            .filter(|op| op.side == Side::Both || op.side == keep)
            .map(|op| (op.c, op.changed))
            .collect();
        runs(&chars)
    };
    TextDiff {
        new: side(Side::New),
        old: side(Side::Old),
    }
}

/// Which side a character of the aligned texts is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Both,
    New,
    Old,
}

/// A character of the aligned texts: on both sides (unchanged unless widened into), or
/// on one.
#[derive(Debug, Clone, Copy)]
struct Op {
    c: char,
    side: Side,
    changed: bool,
}

/// The class of a character for the bounds of a 字句: a run of kanji, of katakana or of
/// letters and digits is one word; hiragana, punctuation and the rest stand between words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Kanji,
    Katakana,
    Alphanumeric,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '々'
        | '〆'
        | 'ヶ' => Class::Kanji,
        // 「・」 (U+30FB) is in the katakana block but separates words.
        '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => {
            Class::Katakana
        }
        c if c.is_alphanumeric() && !('\u{3040}'..='\u{309F}').contains(&c) => Class::Alphanumeric,
        _ => Class::Other,
    }
}

/// The conjunctions 法制執務 writes in kanji and kana (及び, 又は, 並びに, 若しくは, 等): they
/// join words and are not part of one, so a change that starts or ends with one is not
/// widened across it.
const CONJUNCTIONS: &[&str] = &["及び", "又は", "並びに", "若しくは", "等"];

/// True when `chars` starts (`at_end` false) or ends (true) with a conjunction.
fn conjunction_at(chars: &[char], at_end: bool) -> bool {
    CONJUNCTIONS.iter().any(|word| {
        let word: Vec<char> = word.chars().collect();
        if at_end {
            chars.ends_with(&word)
        } else {
            chars.starts_with(&word)
        }
    })
}

/// Widens each changed passage to whole words: a change that begins or ends inside a run of
/// kanji, katakana or letters takes that whole run, on both sides at once (the run is
/// shared), so that 傍線 marks the 字句 an amending sentence names — 「特定健診、保健指導」
/// and 「特定健康診査及び特定保健指導」, not 「診、」 and 「康診査及び特定」 — and never a lone
/// character of a word. Rules of our own on character classes: a morphological segmenter
/// would carry a dictionary of tens of megabytes for what these runs decide.
fn widen(ops: &mut [Op]) {
    let mut i = 0;
    while i < ops.len() {
        if !ops[i].changed {
            i += 1;
            continue;
        }
        let (start, mut end) = (i, i);
        while end + 1 < ops.len() && ops[end + 1].changed {
            end += 1;
        }
        for side in [Side::New, Side::Old] {
            let chars: Vec<char> = ops[start..=end]
                .iter()
                .filter(|op| op.side == side || op.side == Side::Both)
                .map(|op| op.c)
                .collect();
            let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
                continue;
            };
            if class(first) != Class::Other && !conjunction_at(&chars, false) {
                let mut s = start;
                while s > 0
                    && ops[s - 1].side == Side::Both
                    && !ops[s - 1].changed
                    && class(ops[s - 1].c) == class(first)
                {
                    s -= 1;
                    ops[s].changed = true;
                }
            }
            if class(last) != Class::Other && !conjunction_at(&chars, true) {
                while end + 1 < ops.len()
                    && ops[end + 1].side == Side::Both
                    && !ops[end + 1].changed
                    && class(ops[end + 1].c) == class(last)
                {
                    end += 1;
                    ops[end].changed = true;
                }
            }
        }
        i = end + 1;
    }
}

/// Characters with their marks, as runs.
fn runs(chars: &[(char, bool)]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut buffer = [0; 4];
    for (c, changed) in chars {
        push(&mut segments, c.encode_utf8(&mut buffer), *changed);
    }
    segments
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

/// How alike two texts are, from 0 (nothing in common) to 1 (equal), whatever their
/// lengths: twice the unchanged characters over the characters of both, or, when one text
/// keeps most of the other (an item extended, 「加入者への医療費通知」 to 「加入者への医療費
/// 通知及び後発医薬品…に関する通知」), three quarters of the share of the shorter one kept.
/// A text of fewer than four characters is judged on the first measure alone.
pub fn similarity(old: &str, new: &str) -> f64 {
    if old == new {
        return 1.0;
    }
    let (a, b) = (old.chars().count(), new.chars().count());
    if a + b == 0 {
        return 1.0;
    }
    let same: usize = dissimilar::diff(old, new)
        .iter()
        .map(|chunk| match chunk {
            dissimilar::Chunk::Equal(text) => text.chars().count(),
            _ => 0,
        })
        .sum();
    let both = (2 * same) as f64 / (a + b) as f64;
    let shorter = a.min(b);
    if shorter < 4 {
        return both;
    }
    both.max(0.75 * same as f64 / shorter as f64)
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
    fn the_underline_marks_whole_words_not_characters_of_one() {
        let d = diff(
            "特定健診、保健指導の実施",
            "特定健康診査及び特定保健指導の実施",
        );
        assert_eq!(marked(&d.old), "[特定健診、保健指導]の実施");
        assert_eq!(marked(&d.new), "[特定健康診査及び特定保健指導]の実施");
        // Katakana and letters are words too; hiragana stands between them.
        let d = diff("レセプトの点検", "レセプトデータの点検");
        assert_eq!(marked(&d.new), "[レセプトデータ]の点検");
    }

    #[test]
    fn an_extended_item_is_alike_whatever_its_new_length() {
        let old = "加入者への医療費通知";
        let new = "加入者への医療費通知及び後発医薬品（ジェネリック医薬品）の利用促進に関する通知";
        assert!(similarity(old, new) >= crate::compare::align::REWORDED);
        // Short texts are not matched by one shared word.
        assert!(similarity("健診", "健診結果の通知") < crate::compare::align::REWORDED);
    }

    #[test]
    fn similarity_runs_from_nothing_to_equal() {
        assert_eq!(similarity("保険給付", "保険給付"), 1.0);
        assert_eq!(similarity("保険給付", "健診"), 0.0);
        let s = similarity("保険給付の実施", "保険給付等の実施");
        assert!(s > 0.9 && s < 1.0, "{s}");
    }
}
