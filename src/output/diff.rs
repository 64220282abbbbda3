//! A small unified line diff, for `build --check --diff`.
//!
//! Written here rather than taken from a crate: outputs are a few hundred lines, so a
//! longest-common-subsequence table over the lines between the common head and tail is
//! fast enough and is a few dozen lines of code.

use std::fmt::Write as _;

/// Lines of context around each change, as `diff -u` shows.
const CONTEXT: usize = 3;

/// Above this many table cells, the changed middle is shown as removed then added whole.
const MAX_CELLS: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// The unified diff from `old` to `new` with `---`/`+++` headers; empty when equal.
pub fn unified(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = edit_script(&a, &b);
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    // Walk the script, cutting it into hunks separated by more than 2 * CONTEXT same lines.
    let changes: Vec<usize> = (0..ops.len()).filter(|&i| ops[i] != Op::Same).collect();
    let mut start = 0;
    while start < changes.len() {
        let mut end = start;
        while end + 1 < changes.len() && changes[end + 1] - changes[end] <= 2 * CONTEXT + 1 {
            end += 1;
        }
        let from = changes[start].saturating_sub(CONTEXT);
        let to = (changes[end] + CONTEXT + 1).min(ops.len());
        // Line numbers at `from`.
        let (mut i, mut j) = (0, 0);
        for op in &ops[..from] {
            match op {
                Op::Same => (i, j) = (i + 1, j + 1),
                Op::Delete => i += 1,
                Op::Insert => j += 1,
            }
        }
        let old_count = ops[from..to].iter().filter(|&&o| o != Op::Insert).count();
        let new_count = ops[from..to].iter().filter(|&&o| o != Op::Delete).count();
        let _ = writeln!(
            out,
            "@@ -{} +{} @@",
            range(i, old_count),
            range(j, new_count)
        );
        for op in &ops[from..to] {
            match op {
                Op::Same => {
                    let _ = writeln!(out, " {}", a[i]);
                    (i, j) = (i + 1, j + 1);
                }
                Op::Delete => {
                    let _ = writeln!(out, "-{}", a[i]);
                    i += 1;
                }
                Op::Insert => {
                    let _ = writeln!(out, "+{}", b[j]);
                    j += 1;
                }
            }
        }
        start = end + 1;
    }
    if !old.is_empty() && !old.ends_with('\n') || !new.is_empty() && !new.ends_with('\n') {
        out.push_str("\\ (a file does not end with a newline)\n");
    }
    out
}

/// `start,count` as `diff -u` writes it (1-based; `start` is the line before an empty range).
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

/// A shortest edit script from `a` to `b`.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops = vec![Op::Same; head];
    if x.len().saturating_mul(y.len()) > MAX_CELLS {
        ops.extend(std::iter::repeat_n(Op::Delete, x.len()));
        ops.extend(std::iter::repeat_n(Op::Insert, y.len()));
    } else {
        // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
        let width = y.len() + 1;
        let mut lcs = vec![0u32; (x.len() + 1) * width];
        for i in (0..x.len()).rev() {
            for j in (0..y.len()).rev() {
                lcs[i * width + j] = if x[i] == y[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < x.len() || j < y.len() {
            if i < x.len() && j < y.len() && x[i] == y[j] {
                ops.push(Op::Same);
                (i, j) = (i + 1, j + 1);
            } else if i < x.len()
                && (j == y.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                ops.push(Op::Delete);
                i += 1;
            } else {
                ops.push(Op::Insert);
                j += 1;
            }
        }
    }
    ops.extend(std::iter::repeat_n(Op::Same, tail));
    ops
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a", "b", "x\n", "x\n"), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assert_eq!(
            unified("a/x", "b/x", old, new),
            "--- a/x\n+++ b/x\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }

    #[test]
    fn added_and_removed_files() {
        assert_eq!(
            unified("/dev/null", "b/x", "", "a\nb\n"),
            "--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n"
        );
        assert_eq!(
            unified("a/x", "/dev/null", "a\n", ""),
            "--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n"
        );
    }

    #[test]
    fn distant_changes_make_two_hunks() {
        let old: String = (1..=20).map(|n| format!("{n}\n")).collect();
        let new: String = (1..=20)
            .map(|n| match n {
                2 => "two\n".to_owned(),
                19 => "nineteen\n".to_owned(),
                n => format!("{n}\n"),
            })
            .collect();
        let diff = unified("a", "b", &old, &new);
        assert_eq!(diff.matches("@@ -").count(), 2, "{diff}");
        assert!(diff.contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n"), "{diff}");
    }
}
