//! The words of every message, in English and Japanese, written once here.

use std::path::Path;

use super::{IdKind, Problem};
use crate::fs::FileKind;

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

    /// The closing count line, e.g. `3 errors, 1 warning`.
    pub fn summary(self, errors: usize, warnings: usize) -> String {
        match self {
            Lang::En => format!(
                "{errors} error{}, {warnings} warning{}",
                if errors == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            ),
            Lang::Ja => format!("エラー {errors} 件、警告 {warnings} 件"),
        }
    }
}

/// The message for a path that is not a regular file where one is read or written.
pub fn not_a_file(path: &Path, kind: FileKind, lang: Lang) -> String {
    let path = path.display();
    match lang {
        Lang::En => {
            let what = match kind {
                FileKind::Directory => "it is a folder",
                FileKind::SymbolicLink => "it is a symbolic link",
                FileKind::Fifo => "it is a FIFO (named pipe)",
                FileKind::Socket => "it is a socket",
                FileKind::Device => "it is a device",
                FileKind::HardLinked => "it has other names (hard links)",
                FileKind::Other => "it is not a regular file",
            };
            format!(
                "{path}: {what}; mokuteki reads and writes only regular files (and never writes through a link). Remove it if nobody should have put it there, or use another path"
            )
        }
        Lang::Ja => {
            let what = match kind {
                FileKind::Directory => "フォルダーです",
                FileKind::SymbolicLink => "シンボリックリンクです",
                FileKind::Fifo => "FIFO（名前付きパイプ）です",
                FileKind::Socket => "ソケットです",
                FileKind::Device => "デバイスファイルです",
                FileKind::HardLinked => "ハードリンクで別の名前も付いています",
                FileKind::Other => "通常のファイルではありません",
            };
            format!(
                "{path}: {what}。mokuteki は通常のファイルだけを読み書きします（リンクの先には書き込みません）。置かれるはずのないものなら削除し、そうでなければ別のパスを指定してください"
            )
        }
    }
}

/// The message for a file larger than mokuteki reads (`size` is `None` for a pipe).
pub fn too_large(path: &Path, size: Option<u64>, limit: u64, lang: Lang) -> String {
    let path = path.display();
    match (lang, size) {
        (Lang::En, Some(size)) => {
            format!("{path}: the file is {size} bytes; at most {limit} bytes are read")
        }
        (Lang::En, None) => {
            format!("{path}: more than {limit} bytes; at most {limit} bytes are read")
        }
        (Lang::Ja, Some(size)) => {
            format!(
                "{path}: ファイルが {size} バイトあります。読み込めるのは {limit} バイトまでです"
            )
        }
        (Lang::Ja, None) => {
            format!("{path}: {limit} バイトを超えています。読み込めるのは {limit} バイトまでです")
        }
    }
}

/// A `YYYY-MM-DD` date in 和暦 with half-width digits (令和7年12月2日), as messages write it.
fn japanese_date(date: &str) -> Option<String> {
    let date = crate::source::Date::parse(date).ok()?;
    crate::text::wareki::to_wareki(date, crate::text::wareki::Digits::HalfWidth)
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Problem {
    /// The message in `lang`: what is wrong, and what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Ja => self.japanese(),
        }
    }

    fn english(&self) -> String {
        match self {
            Problem::NotUtf8 { guess } => {
                let guess = guess
                    .as_ref()
                    .map(|g| format!(" (it looks like {g})"))
                    .unwrap_or_default();
                format!(
                    "the file is not UTF-8 text{guess}; save it as UTF-8 (in Notepad: 名前を付けて保存 → 文字コード UTF-8)"
                )
            }
            Problem::TooLarge { size: Some(size), limit } => format!(
                "the file is {size} bytes; a purposes file may be at most {limit} bytes. Is this the right file?"
            ),
            Problem::TooLarge { size: None, limit } => format!(
                "the input is longer than {limit} bytes, the most a purposes file may be. Is this the right file?"
            ),
            Problem::EmptyFile => "the file is empty; it should hold organization, notice, regulation, recipients and categories (start from the default purposes.yaml)".to_owned(),
            Problem::Syntax { detail } => format!("this is not valid YAML: {detail}"),
            Problem::MissingColon { key } => format!(
                "`{key}` looks like a key without its colon; write `{key}: ` followed by the value"
            ),
            Problem::UnknownKey {
                key,
                expected,
                suggestion,
            } => match suggestion {
                Some(s) => format!(
                    "unknown key `{key}`; did you mean `{s}`? (allowed here: {})",
                    list(expected)
                ),
                None => format!(
                    "unknown key `{key}`; the keys allowed here are: {}",
                    list(expected)
                ),
            },
            Problem::MissingKey { key } => {
                format!("the key `{key}` is missing here; add it with its value")
            }
            Problem::DuplicateKey { key } => match key {
                Some(k) => format!("the key `{k}` appears twice; keep one of them"),
                None => "a key appears twice; keep one of them".to_owned(),
            },
            Problem::WrongType { found, expected } => {
                format!("expected {expected} here, but found {found}")
            }
            Problem::InvalidValue { detail } => detail.clone(),
            Problem::MultipleDocuments => "the file holds more than one YAML document (a line `---`); keep one document per file".to_owned(),
            Problem::TooComplex { detail } => format!(
                "the file is too deeply nested or repeats too much to be a purposes file ({detail})"
            ),
            Problem::EmptyText { field } => {
                format!("`{field}` is empty; write the text or remove the key")
            }
            Problem::EmptyList { field } => match field.as_str() {
                "recipients" => {
                    "`recipients` is empty: declare at least one recipient kind".to_owned()
                }
                _ => format!("`{field}` is empty: declare at least one purpose category"),
            },
            Problem::DuplicateId { kind, id } => match kind {
                IdKind::Recipient => {
                    format!("recipient kind `{id}` is declared twice; ids must be unique")
                }
                IdKind::Category => {
                    format!("category `{id}` is declared twice; ids must be unique")
                }
            },
            Problem::UnknownRecipient {
                id,
                known,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                format!(
                    "`{id}` is not a recipient kind; the kinds declared under `recipients` are: {}.{hint} Add it under `recipients` or file the items under one of those.",
                    known.join(", ")
                )
            }
            Problem::RepeatedItem { text } => {
                format!("「{text}」 is listed twice in the same place; remove one")
            }
            Problem::NoItems { category } => {
                format!("category `{category}` has no purposes; add at least one item")
            }
            Problem::RevisionOutOfOrder { date, previous } => format!(
                "revision date {date} is before {previous}; list revisions oldest first, after the date established"
            ),
            Problem::EffectiveBeforeRevision { date, revision } => format!(
                "{date} is before the revision date {revision}; a revision cannot take effect before it is made"
            ),
            Problem::RevisionMissing { after, first: false } => format!(
                "the purposes changed, but no revision (改正) is dated after {after}, the old version's last; add an entry below this one: `- date:` the day of the revision, and a `summary:` of the change"
            ),
            Problem::RevisionMissing { after, first: true } => format!(
                "the purposes changed, but no revision (改正) is dated after {after}, the old version's last; add `revisions:` under `dates:` with an entry `- date:` the day of the revision, and a `summary:` of the change"
            ),
            Problem::SplitGroup { group } => format!(
                "group 「{group}」 appears again after other categories; keep a group's categories together"
            ),
            Problem::Template { name, detail } => format!("template {name}: {detail}"),
            Problem::Unencodable {
                character,
                encoding,
                output,
                from_template,
            } => {
                let what = format!(
                    "「{character}」 (U+{:04X}) cannot be written in {encoding}, the encoding chosen for {output}",
                    *character as u32
                );
                if *from_template {
                    format!("{what}; a template writes it: change the template, or build with --encoding utf-8")
                } else {
                    format!("{what}; write another character here, or build with --encoding utf-8")
                }
            }
            Problem::WidthOutOfRange { width, min, max } => format!(
                "`mailing.width` is {width} full-width characters; it must be from {min} to {max}"
            ),
            Problem::WrongShape { expected } => match expected.as_str() {
                "list" => "a list is expected here: write each entry on a line of its own, starting with `- ` (see the default purposes.yaml)".to_owned(),
                "keys" => "keys and values are expected here (`key: value` lines), not a single value".to_owned(),
                _ => "a text is expected here (`key: text` on one line, or `key: |` with the lines of text indented below it), not a list or keys".to_owned(),
            },
            Problem::NoSources => "this folder has no *.yaml or *.yml source files".to_owned(),
            Problem::SharedOutput { first, out } => format!(
                "{first} builds into {out} already; give each source of a federation its own file name"
            ),
            Problem::MixedWidth { found, suggestion } => format!(
                "half-width 「{found}」 in Japanese text; write the full-width 「{suggestion}」"
            ),
            Problem::AsciiPunctuation { found, suggestion } => format!(
                "ASCII punctuation 「{found}」 in a Japanese sentence; write 「{suggestion}」"
            ),
            Problem::StraySpace => "a space inside Japanese text; remove it".to_owned(),
            Problem::DoubleSpace => "two spaces in a row; keep one".to_owned(),
            Problem::TrailingSpace => "spaces at the end of the line; remove them".to_owned(),
            Problem::Term {
                term,
                replacement,
                reason,
                since,
                law,
            } => {
                let mut basis = String::new();
                if let Some(law) = law {
                    basis.push_str(&format!("; {law}"));
                }
                if let Some(since) = since {
                    basis.push_str(&format!("; since {since}"));
                }
                format!("「{term}」: consider 「{replacement}」 ({reason}{basis})")
            }
        }
    }

    fn japanese(&self) -> String {
        match self {
            Problem::NotUtf8 { guess } => {
                let guess = guess
                    .as_ref()
                    .map(|g| format!("（{g} のようです）"))
                    .unwrap_or_default();
                format!(
                    "ファイルが UTF-8 ではありません{guess}。UTF-8 で保存し直してください（メモ帳: 名前を付けて保存 → 文字コード UTF-8）"
                )
            }
            Problem::TooLarge { size: Some(size), limit } => format!(
                "ファイルが {size} バイトあります。利用目的のファイルは {limit} バイトまでです。正しいファイルか確認してください"
            ),
            Problem::TooLarge { size: None, limit } => format!(
                "入力が {limit} バイトを超えています。利用目的のファイルは {limit} バイトまでです。正しいファイルか確認してください"
            ),
            Problem::EmptyFile => "ファイルが空です。organization、notice、regulation、recipients、categories を書いてください（既定の purposes.yaml を元にしてください）".to_owned(),
            Problem::Syntax { detail } => format!("YAML の書き方に誤りがあります: {detail}"),
            Problem::MissingColon { key } => format!(
                "`{key}` の後にコロンがないようです。`{key}: ` に続けて値を書いてください"
            ),
            Problem::UnknownKey {
                key,
                expected,
                suggestion,
            } => match suggestion {
                Some(s) => format!(
                    "`{key}` というキーはありません。`{s}` の誤りではありませんか（ここで使えるキー: {}）",
                    list(expected)
                ),
                None => format!(
                    "`{key}` というキーはありません。ここで使えるキーは {} です",
                    list(expected)
                ),
            },
            Problem::MissingKey { key } => {
                format!("ここに `{key}` がありません。値とともに追加してください")
            }
            Problem::DuplicateKey { key } => match key {
                Some(k) => format!("キー `{k}` が二回書かれています。一つにしてください"),
                None => "同じキーが二回書かれています。一つにしてください".to_owned(),
            },
            Problem::WrongType { found, expected } => {
                format!("ここには {expected} を書きます（書かれているのは {found}）")
            }
            Problem::InvalidValue { detail } => format!("値が正しくありません: {detail}"),
            Problem::MultipleDocuments => "ファイルに YAML 文書が複数あります（`---` の行）。一つのファイルには一つの文書だけを書いてください".to_owned(),
            Problem::TooComplex { detail } => format!(
                "入れ子が深すぎるか、繰り返しが多すぎて、利用目的のファイルとして扱えません（{detail}）"
            ),
            Problem::EmptyText { field } => {
                format!("`{field}` が空です。文を書くか、キーごと削除してください")
            }
            Problem::EmptyList { field } => match field.as_str() {
                "recipients" => {
                    "`recipients` が空です。提供先の種類を一つ以上書いてください".to_owned()
                }
                _ => format!("`{field}` が空です。利用目的の区分を一つ以上書いてください"),
            },
            Problem::DuplicateId { kind, id } => match kind {
                IdKind::Recipient => {
                    format!("提供先の種類 `{id}` が二回宣言されています。id は重複できません")
                }
                IdKind::Category => {
                    format!("区分 `{id}` が二回宣言されています。id は重複できません")
                }
            },
            Problem::UnknownRecipient {
                id,
                known,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!("`{s}` の誤りではありませんか。"))
                    .unwrap_or_default();
                format!(
                    "`{id}` という提供先の種類はありません。`recipients` で宣言されているのは {} です。{hint}`recipients` に追加するか、これらのいずれかの下に書いてください",
                    known.join(", ")
                )
            }
            Problem::RepeatedItem { text } => {
                format!("「{text}」が同じ欄に二回あります。一つを削除してください")
            }
            Problem::NoItems { category } => {
                format!("区分 `{category}` に利用目的がありません。一つ以上書いてください")
            }
            Problem::RevisionOutOfOrder { date, previous } => format!(
                "改正日 {date} が {previous} より前です。改正は制定日の後に、古い順に書いてください"
            ),
            Problem::EffectiveBeforeRevision { date, revision } => format!(
                "{date} が改正日 {revision} より前です。改正前に施行・適用することはできません"
            ),
            Problem::RevisionMissing { after, first: false } => format!(
                "利用目的が変更されていますが、変更前の最終日付（{after}）より後の改正が記録されていません。この改正の下に、改正日を `- date:` に、改正の概要を `summary:` に書いた改正を追加してください"
            ),
            Problem::RevisionMissing { after, first: true } => format!(
                "利用目的が変更されていますが、変更前の最終日付（{after}）より後の改正が記録されていません。`dates:` の下に `revisions:` を設け、改正日を `- date:` に、改正の概要を `summary:` に書いた改正を追加してください"
            ),
            Problem::SplitGroup { group } => format!(
                "グループ「{group}」が他の区分をはさんで再び現れます。同じグループの区分はまとめて書いてください"
            ),
            Problem::Template { name, detail } => format!("テンプレート {name}: {detail}"),
            Problem::Unencodable {
                character,
                encoding,
                output,
                from_template,
            } => {
                let what = format!(
                    "「{character}」（U+{:04X}）は {output} の文字コード {encoding} で書けません",
                    *character as u32
                );
                if *from_template {
                    format!("{what}。テンプレートが書いている文字です。テンプレートを直すか、--encoding utf-8 でビルドしてください")
                } else {
                    format!("{what}。別の文字に書き換えるか、--encoding utf-8 でビルドしてください")
                }
            }
            Problem::WidthOutOfRange { width, min, max } => format!(
                "`mailing.width` が全角 {width} 文字です。{min} から {max} の間で指定してください"
            ),
            Problem::WrongShape { expected } => match expected.as_str() {
                "list" => "ここには一覧を書きます。各項目を `- ` で始まる行に一つずつ書いてください（既定の purposes.yaml を参照）".to_owned(),
                "keys" => "ここには値を一つだけではなく、`キー: 値` の行を書きます".to_owned(),
                _ => "ここには文章を一つ書きます（一行なら `キー: 文章`、複数行なら `キー: |` の下に字下げして）。一覧やキーは書けません".to_owned(),
            },
            Problem::NoSources => "このフォルダーには元ファイル（*.yaml・*.yml）がありません".to_owned(),
            Problem::SharedOutput { first, out } => format!(
                "{first} が既に {out} に出力します。一括ビルドでは元ファイルごとに別のファイル名を付けてください"
            ),
            Problem::MixedWidth { found, suggestion } => format!(
                "日本語の文に半角の「{found}」があります。全角の「{suggestion}」にしてください"
            ),
            Problem::AsciiPunctuation { found, suggestion } => format!(
                "日本語の文に半角の句読点「{found}」があります。「{suggestion}」にしてください"
            ),
            Problem::StraySpace => "日本語の文中に空白があります。削除してください".to_owned(),
            Problem::DoubleSpace => "空白が二つ続いています。一つにしてください".to_owned(),
            Problem::TrailingSpace => "行末に空白があります。削除してください".to_owned(),
            Problem::Term {
                term,
                replacement,
                reason,
                since,
                law,
            } => {
                let basis: Vec<String> = law
                    .iter()
                    .map(|law| format!("根拠：{law}"))
                    .chain(
                        since
                            .as_deref()
                            .and_then(japanese_date)
                            .map(|d| format!("{d}から")),
                    )
                    .collect();
                let basis = if basis.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", basis.join("、"))
                };
                format!(
                    "「{term}」は「{replacement}」に改めることを検討してください。{reason}{basis}"
                )
            }
        }
    }
}

/// What a person must confirm about one change of the purposes, in `lang`: whether it
/// stays within what is reasonably related to the old purposes (個人情報保護法 第17条第2項),
/// which only a person can judge.
pub fn confirmation(change: &crate::compare::changes::Change, lang: Lang) -> String {
    use crate::compare::changes::Change as C;
    let at = |place: &crate::compare::changes::Place| match lang {
        Lang::En => format!("{}. {}", place.number, place.title),
        Lang::Ja => format!("{}．{}", place.number, place.title),
    };
    match (change, lang) {
        (C::ItemAdded { place, text, .. }, Lang::En) => format!(
            "{}: new purpose 「{text}」. Personal data already held may be used for it only if it is reasonably related to the old purposes (Art. 17(2)), or with the person's consent (Art. 18(1)); confirm which",
            at(place)
        ),
        (C::ItemAdded { place, text, .. }, Lang::Ja) => format!(
            "{}：利用目的「{text}」を追加しています。既に保有している個人情報をこの目的に利用するには、変更前の利用目的と相当の関連性を有すると合理的に認められること（第17条第2項）又は本人の同意（第18条第1項）が必要です。いずれに当たるか確認してください",
            at(place)
        ),
        (C::ItemRemoved { place, text, .. }, Lang::En) => format!(
            "{}: purpose 「{text}」 removed. Confirm that no personal data is used for it any longer, and whether the data kept for it is still needed",
            at(place)
        ),
        (C::ItemRemoved { place, text, .. }, Lang::Ja) => format!(
            "{}：利用目的「{text}」を削除しています。この目的での利用を終えていること、そのために保有している個人情報がなお必要かを確認してください",
            at(place)
        ),
        (
            C::ItemReworded {
                place, old, new, ..
            },
            Lang::En,
        ) => format!(
            "{}: 「{old}」 reworded as 「{new}」. Confirm the new wording is reasonably related to the old (Art. 17(2)); otherwise it is a new purpose that needs consent",
            at(place)
        ),
        (
            C::ItemReworded {
                place, old, new, ..
            },
            Lang::Ja,
        ) => format!(
            "{}：「{old}」を「{new}」に改めています。変更前の利用目的と相当の関連性を有すると合理的に認められる範囲内か（第17条第2項）確認してください。範囲を超える場合は本人の同意が必要です",
            at(place)
        ),
        (
            C::ItemMoved {
                place,
                from,
                to,
                new,
                ..
            },
            Lang::En,
        ) => format!(
            "{}: 「{new}」 moved from 「{}」 to 「{}」. Who receives the data changes: confirm it is reasonably related to the old purpose (Art. 17(2)), and for a provision to a third party its basis (Art. 27)",
            at(place),
            from.column,
            to.column
        ),
        (
            C::ItemMoved {
                place,
                from,
                to,
                new,
                ..
            },
            Lang::Ja,
        ) => format!(
            "{}：「{new}」を「{}」から「{}」に移しています。利用・提供の範囲が変わるため、変更前の利用目的との関連性（第17条第2項）と、第三者提供に当たる場合はその根拠（第27条）を確認してください",
            at(place),
            from.column,
            to.column
        ),
        (C::ItemDetails { place, text, .. }, Lang::En) => format!(
            "{}: the notes or sub-items of 「{text}」 changed. Confirm they do not widen the purpose",
            at(place)
        ),
        (C::ItemDetails { place, text, .. }, Lang::Ja) => format!(
            "{}：「{text}」の注記又は細目を改めています。利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::CategoryAdded { place, texts }, Lang::En) => format!(
            "{}: new category with {} purpose(s). Confirm each is reasonably related to the old purposes (Art. 17(2)), or that consent will be obtained (Art. 18(1))",
            at(place),
            texts.len()
        ),
        (C::CategoryAdded { place, texts }, Lang::Ja) => format!(
            "{}：区分を新設しています（利用目的 {} 件）。それぞれ変更前の利用目的と相当の関連性を有するか（第17条第2項）、又は本人の同意を得るか（第18条第1項）確認してください",
            at(place),
            texts.len()
        ),
        (C::CategoryRemoved { place, texts }, Lang::En) => format!(
            "{}: category removed with {} purpose(s). Confirm no personal data is used for them any longer",
            at(place),
            texts.len()
        ),
        (C::CategoryRemoved { place, texts }, Lang::Ja) => format!(
            "{}：区分を削除しています（利用目的 {} 件）。これらの目的での利用を終えていることを確認してください",
            at(place),
            texts.len()
        ),
        (C::CategoryRenamed { place, old }, Lang::En) => format!(
            "{}: the title was 「{old}」. Confirm the new title does not widen the purposes under it",
            at(place)
        ),
        (C::CategoryRenamed { place, old }, Lang::Ja) => format!(
            "{}：見出しを「{old}」から改めています。見出しの下の利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::CategoryText { place }, Lang::En) => format!(
            "{}: the description, group or notes changed. Confirm they do not widen the purposes",
            at(place)
        ),
        (C::CategoryText { place }, Lang::Ja) => format!(
            "{}：説明、グループ又は注記を改めています。利用目的の範囲を広げるものでないか確認してください",
            at(place)
        ),
        (C::CategoryMoved { place }, Lang::En) => format!("{}: moved in the order", at(place)),
        (C::CategoryMoved { place }, Lang::Ja) => format!("{}：掲載順を変えています", at(place)),
        (C::KindAdded { kind }, Lang::En) => format!(
            "recipient kind 「{}」 added. Confirm the basis of each use or provision filed under it (Art. 17(2), Art. 27)",
            kind.column
        ),
        (C::KindAdded { kind }, Lang::Ja) => format!(
            "区分「{}」を新設しています。この区分の利用・提供それぞれの根拠（第17条第2項、第27条）を確認してください",
            kind.column
        ),
        (C::KindRemoved { kind }, Lang::En) => format!(
            "recipient kind 「{}」 removed. Confirm no use or provision of that kind continues",
            kind.column
        ),
        (C::KindRemoved { kind }, Lang::Ja) => format!(
            "区分「{}」を削除しています。この区分の利用・提供を続けていないことを確認してください",
            kind.column
        ),
        (C::KindRenamed { old, new, .. }, Lang::En) => format!(
            "recipient kind 「{old}」 renamed 「{new}」. Confirm the items under it still belong there"
        ),
        (C::KindRenamed { old, new, .. }, Lang::Ja) => format!(
            "区分「{old}」を「{new}」に改めています。その区分の利用目的がなお当てはまるか確認してください"
        ),
    }
}

/// `compare` of two versions that say the same: nothing to write.
pub fn versions_identical(old: &std::path::Path, new: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} and {} say the same (comments and layout aside); nothing was written",
            old.display(),
            new.display()
        ),
        Lang::Ja => format!(
            "{} と {} の内容は同じです（コメントや書式の違いを除く）。何も書き込んでいません",
            old.display(),
            new.display()
        ),
    }
}

/// What `compare` wrote.
pub fn comparison_written(
    changes: usize,
    files: usize,
    out: &std::path::Path,
    lang: Lang,
) -> String {
    match lang {
        Lang::En => format!(
            "{changes} change(s) of the purposes; wrote the 新旧対照表 and the notice of change ({files} files) into {}",
            out.display()
        ),
        Lang::Ja => format!(
            "利用目的の変更 {changes} 件。新旧対照表と変更のお知らせ（{files} ファイル）を {} に出力しました",
            out.display()
        ),
    }
}

/// The heading over the changes a person must confirm.
pub fn confirm_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::En => {
            "Confirm each change (個人情報保護法 Art. 17(2): a purpose may be changed only within what is reasonably related to the old one; a tool cannot judge this):"
        }
        Lang::Ja => {
            "次の変更をそれぞれ確認してください（個人情報保護法第17条第2項：利用目的の変更は、変更前の利用目的と相当の関連性を有すると合理的に認められる範囲に限られます。ツールでは判断できません）:"
        }
    }
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

    #[test]
    fn both_languages_say_something_for_every_problem() {
        let problems = [
            Problem::NotUtf8 {
                guess: Some("Shift_JIS".into()),
            },
            Problem::MissingColon {
                key: "title".into(),
            },
            Problem::Term {
                term: "a".into(),
                replacement: "b".into(),
                reason: "c".into(),
                since: Some("2025-12-02".into()),
                law: Some("d".into()),
            },
            Problem::Unencodable {
                character: '𠮷',
                encoding: "Shift_JIS (Windows-31J)".into(),
                output: "notice.txt".into(),
                from_template: false,
            },
            Problem::WidthOutOfRange {
                width: 300,
                min: 10,
                max: 200,
            },
            Problem::WrongShape {
                expected: "list".into(),
            },
            Problem::WrongShape {
                expected: "keys".into(),
            },
            Problem::WrongShape {
                expected: "text".into(),
            },
        ];
        for p in problems {
            assert_ne!(p.message(Lang::En), p.message(Lang::Ja));
            assert!(!p.message(Lang::Ja).is_empty());
        }
    }
}
