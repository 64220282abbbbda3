//! The settings of the mailing text: `mailing:` in purposes.yaml, overridden by `build` flags.

use crate::source::Source;
use crate::source::model::{Align, TextEncoding};
use crate::text::wareki::Digits;
use crate::text::wrap::Punctuation;

/// The default line width in full-width characters: the seed mailing's own line length.
pub const DEFAULT_WIDTH_CHARS: usize = 36;

/// The widths accepted, in full-width characters (the source's checks hold them).
pub use crate::source::validate::WIDTH_RANGE;

/// What the command line may override.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--width`: the line width in full-width characters.
    pub width: Option<usize>,
    /// `--encoding`: the encoding of the text outputs.
    pub encoding: Option<TextEncoding>,
}

/// The settings in force for one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The line width in display columns (twice the width in full-width characters).
    pub columns: usize,
    /// 追い出し or ぶら下げ.
    pub overflow: Punctuation,
    /// The encoding of the text outputs.
    pub encoding: TextEncoding,
    /// The digits of 和暦 dates and of the categories' numbers.
    pub digits: Digits,
    /// Where the title stands on its lines.
    pub title_align: Align,
    /// Where the sender (the society's name) stands on its lines.
    pub sender_align: Align,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            columns: DEFAULT_WIDTH_CHARS * 2,
            overflow: Punctuation::PushOut,
            encoding: TextEncoding::Utf8,
            digits: Digits::FullWidth,
            title_align: Align::Left,
            sender_align: Align::Left,
        }
    }
}

impl Settings {
    /// The settings of `source`, with the command line's overrides applied.
    pub fn resolve(source: &Source, overrides: &Overrides) -> Settings {
        let mailing = source.mailing.clone().unwrap_or_default();
        let width = overrides
            .width
            .or(mailing.width.map(|w| w.value))
            .unwrap_or(DEFAULT_WIDTH_CHARS);
        Settings {
            columns: width * 2,
            overflow: mailing.punctuation,
            encoding: overrides.encoding.unwrap_or(mailing.encoding),
            digits: mailing.digits,
            title_align: mailing.title_align,
            sender_align: mailing.sender_align,
        }
    }
}
