//! What reaches the operator's terminal: every byte the command line prints for people
//! passes through [`Visible`], so that no text from elsewhere can act on the terminal.
//!
//! Messages make the user text they quote visible already (see [`super::lang::visible`]),
//! but much of what is printed comes from places others control: file names listed from a
//! folder of sources, what git answers, the lines of a generated file someone edited
//! (`build --check --diff`). An escape sequence in any of them could retitle or clear the
//! terminal, move its cursor, or hide the lines around it; one filter at the edge catches
//! them all.

use std::io::{self, Write};

/// A writer that writes every control character other than a line break and a tab, and
/// every bidirectional override, as a visible escape (`\u{1b}`, `\u{202e}`), and bytes that
/// are not UTF-8 as `\x{..}`. Text without such characters passes byte for byte.
pub struct Visible<W: Write> {
    inner: W,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<W: Write> Visible<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Visible<W> {
        Visible {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what is pending up to the last whole character; with `all`, the rest too
    /// (an incomplete character at the very end is shown as bytes).
    fn drain(&mut self, all: bool) -> io::Result<()> {
        let mut shown = String::with_capacity(self.pending.len());
        let mut rest: &[u8] = &self.pending;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    shown.push_str(&super::lang::visible_keeping(text, &['\n', '\t']));
                    rest = &[];
                    break;
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    let valid = std::str::from_utf8(valid).unwrap_or_default();
                    shown.push_str(&super::lang::visible_keeping(valid, &['\n', '\t']));
                    match error.error_len() {
                        Some(len) => {
                            for byte in &after[..len] {
                                shown.push_str(&format!("\\x{{{byte:02x}}}"));
                            }
                            rest = &after[len..];
                        }
                        // A character cut at the end of this write: its rest comes next.
                        None if !all => {
                            rest = after;
                            break;
                        }
                        None => {
                            for byte in after {
                                shown.push_str(&format!("\\x{{{byte:02x}}}"));
                            }
                            rest = &[];
                            break;
                        }
                    }
                }
            }
        }
        let kept = rest.to_vec();
        self.pending = kept;
        self.inner.write_all(shown.as_bytes())
    }
}

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Visible<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut visible = Visible::new(&mut out);
            for piece in pieces {
                visible.write_all(piece).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plain_text_passes_byte_for_byte() {
        let text = "error: 別表.yaml:3:5: 区分\n\tline\n";
        assert_eq!(shown(&[text.as_bytes()]), text);
    }

    #[test]
    fn control_characters_and_overrides_are_made_visible() {
        assert_eq!(
            shown(&["a\u{1b}]2;x\u{7}b\rc\u{202e}d\u{9b}e\n".as_bytes()]),
            "a\\u{1b}]2;x\\u{7}b\\rc\\u{202e}d\\u{9b}e\n"
        );
    }

    #[test]
    fn a_character_split_between_writes_is_kept_whole() {
        // 別 is E5 88 A5; U+202E is E2 80 AE.
        let text = "別\u{202e}".as_bytes();
        for cut in 0..text.len() {
            let (a, b) = text.split_at(cut);
            assert_eq!(shown(&[a, b]), "別\\u{202e}", "cut at {cut}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_shown_as_bytes() {
        assert_eq!(
            shown(&[b"a\x82\xa0b", b"\xe5\x88"]),
            "a\\x{82}\\x{a0}b\\x{e5}\\x{88}"
        );
    }
}
