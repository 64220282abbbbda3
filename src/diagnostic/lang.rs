//! The language of messages, and what every message does with the text it quotes: makes it
//! visible, and lists paths the way the language separates them.

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Japanese, when the locale is Japanese.
    Ja,
}

impl Lang {
    /// The language of the locale: Japanese when `LC_ALL` (or, if it is unset or empty,
    /// `LANG`) starts with `ja`, English otherwise.
    pub fn from_env() -> Lang {
        let value = |name| std::env::var(name).ok().filter(|v| !v.is_empty());
        Lang::from_locale(value("LC_ALL").or_else(|| value("LANG")).as_deref())
    }

    /// The language of a locale name such as `ja_JP.UTF-8`.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(l) if l.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The word that starts an error line.
    pub fn error_word(self) -> &'static str {
        match self {
            Lang::En => "error",
            Lang::Ja => "エラー",
        }
    }

    /// The word that starts a warning line.
    pub fn warning_word(self) -> &'static str {
        match self {
            Lang::En => "warning",
            Lang::Ja => "警告",
        }
    }

    /// The one line `build` prints instead of the findings of the check against the law.
    pub fn legal_summary(self, count: usize) -> String {
        let plural = count != 1;
        let count = crate::text::numerals::grouped_usize(count);
        match self {
            Lang::En => format!(
                "the check against 個人情報保護法 found {count} point{} to review; `mokuteki check` lists {}",
                if plural { "s" } else { "" },
                if plural { "them" } else { "it" }
            ),
            Lang::Ja => format!(
                "個人情報保護法に照らした確認で、見直すべき点が {count} 件あります。`mokuteki check` で一覧を表示できます"
            ),
        }
    }

    /// The closing count line, e.g. `3 errors, 1 warning`.
    pub fn summary(self, errors: usize, warnings: usize) -> String {
        let (plural_errors, plural_warnings) = (errors != 1, warnings != 1);
        let (errors, warnings) = (
            crate::text::numerals::grouped_usize(errors),
            crate::text::numerals::grouped_usize(warnings),
        );
        match self {
            Lang::En => format!(
                "{errors} error{}, {warnings} warning{}",
                if plural_errors { "s" } else { "" },
                if plural_warnings { "s" } else { "" }
            ),
            Lang::Ja => format!("エラー {errors} 件、警告 {warnings} 件"),
        }
    }
}

/// `text` with every control character and bidirectional override written as an escape
/// (`\n`, `\u{1b}`, `\u{202e}`), so that user text in a message can neither move the
/// terminal's cursor, retitle or clear it, nor reorder what is shown around it.
pub fn visible(text: &str) -> String {
    visible_keeping(text, &[])
}

/// Like [`visible`], but keeps the characters of `keep` (a tab or a line break that a
/// message or a quoted line of the source holds as such).
pub fn visible_keeping(text: &str, keep: &[char]) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() || bidi) && !keep.contains(&c) {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Paths as a message lists them: separated by commas (読点 in Japanese).
pub fn paths_list(paths: &[std::path::PathBuf], lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ", ",
        Lang::Ja => "、",
    };
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_chooses_the_language() {
        assert_eq!(Lang::from_locale(Some("ja_JP.UTF-8")), Lang::Ja);
        assert_eq!(Lang::from_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::from_locale(Some("C")), Lang::En);
        assert_eq!(Lang::from_locale(None), Lang::En);
    }
}
