//! The words of every located problem ([`Problem`]), in English and Japanese.

use super::lang::{Lang, visible};
use super::{IdKind, Nesting, PageRefusal, Problem};
use crate::text::numerals::{grouped, grouped_usize};

/// A `YYYY-MM-DD` date in 和暦 with half-width digits (令和7年12月2日), as messages write it.
fn japanese_date(date: &str) -> Option<String> {
    let date = crate::text::date::Date::parse(date).ok()?;
    crate::text::wareki::to_wareki(date, crate::text::wareki::Digits::HalfWidth)
}

/// The particulars of a joint use, named in Japanese, from their keys.
fn particulars(keys: &[String]) -> String {
    keys.iter()
        .map(|key| {
            let name = match key.as_str() {
                "statement" => "共同利用をする旨",
                "items" => "共同して利用される個人データの項目",
                "users" => "共同して利用する者の範囲",
                "purposes" => "利用する者の利用目的",
                "responsible" => "個人データの管理について責任を有する者",
                "responsible.name" => "責任を有する者の氏名又は名称",
                "responsible.address" => "責任を有する者の住所",
                "responsible.representative" => "責任を有する者の代表者の氏名",
                other => other,
            };
            format!("「{name}」（`{key}`）")
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list_ja(items: &[String]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join("、")
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
                "the file is {} bytes; a purposes file may be at most {} bytes. Is this the right file?",
                grouped(*size),
                grouped(*limit)
            ),
            Problem::TooLarge { size: None, limit } => format!(
                "the input is longer than {} bytes, the most a purposes file may be. Is this the right file?",
                grouped(*limit)
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
            Problem::MissingKey { key, parent } => match parent {
                Some(parent) => {
                    format!("`{parent}` lacks the key `{key}`; add it with its value")
                }
                None => format!("the key `{key}` is missing; add it with its value"),
            },
            Problem::MissingValue { key } if key.is_empty() => {
                "a value is missing here; write it".to_owned()
            }
            Problem::MissingValue { key } => {
                format!("`{key}` has no value; write it after the colon")
            }
            Problem::DuplicateKey { key } => match key {
                Some(k) => format!("the key `{k}` appears twice; keep one of them"),
                None => "a key appears twice; keep one of them".to_owned(),
            },
            Problem::InvalidValue { detail } => detail.clone(),
            Problem::InvalidDate { text, reason } if reason == "no_such_day" => {
                format!("`{text}` is not a day of the calendar")
            }
            Problem::InvalidDate { text, .. } => {
                format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2025-04-01")
            }
            Problem::UnknownChoice {
                key,
                value,
                allowed,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                format!(
                    "`{value}` is not a value of `{key}`; write one of {}.{hint}",
                    list(allowed)
                )
            }
            Problem::TabIndent => "a tab in the indentation; YAML indents with spaces only, so replace it with spaces".to_owned(),
            Problem::FullWidthSpace { context } => match context.as_str() {
                "dash" => "a full-width space 「　」 after `-`; write a half-width space".to_owned(),
                "colon" => "a full-width space 「　」 after the colon; write a half-width space".to_owned(),
                _ => "a full-width space 「　」 used as indentation; indent with half-width spaces".to_owned(),
            },
            Problem::FullWidthColon => "a full-width colon 「：」 after the key; write a half-width `: `".to_owned(),
            Problem::ColonInValue => "`: ` inside a value reads as the start of another key; put the whole value in quotes, e.g. `title: \"注意: 本文\"`".to_owned(),
            Problem::UnclosedQuote => "a quote is not closed, or text follows the closing quote; put the whole value in one pair of quotes (\" or ')".to_owned(),
            Problem::UnclosedBracket { open } => {
                let what = if *open == '{' { "keys and values" } else { "a list" };
                format!(
                    "the value starts with `{open}`, so it is read as {what} (and is not closed, or text follows it); if it is text, put the whole value in quotes"
                )
            }
            Problem::BadIndent => "the indentation does not line up: indent keys and `- ` entries of the same level with the same number of spaces".to_owned(),
            Problem::ReservedCharacter { character } => format!(
                "`{character}` is a YAML indicator and cannot start a value here; put the whole value in quotes"
            ),
            Problem::BadEscape => "a backslash in a double-quoted value starts no escape YAML knows; write `\\\\` for a backslash, or use single quotes".to_owned(),
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
            Problem::DuplicateId {
                kind,
                id,
                first_line,
            } => {
                let message = match kind {
                IdKind::Recipient => {
                    format!("recipient kind `{id}` is declared twice; ids must be unique")
                }
                IdKind::Category => {
                    format!("category `{id}` is declared twice; ids must be unique")
                }
                IdKind::JointUse => {
                    format!("joint-use record `{id}` is declared twice; ids must be unique")
                }
                IdKind::Group => format!("group `{id}` is declared twice; ids must be unique"),
                IdKind::Attribute => {
                    format!("attribute `{id}` is declared twice; ids must be unique")
                }
                IdKind::Document => {
                    format!("document `{id}` is declared twice; ids must be unique")
                }
                };
                match first_line {
                    0 => message,
                    line => message.replacen(
                        " is declared twice",
                        &format!(" is declared twice (first on line {line})"),
                        1,
                    ),
                }
            }
            Problem::UnknownRecipient {
                id,
                known,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                if known.is_empty() {
                    format!(
                        "`{id}` is not a recipient kind; no kinds are declared under `recipients`. Add it there."
                    )
                } else {
                    format!(
                        "`{id}` is not a recipient kind; the kinds declared under `recipients` are: {}.{hint} Add it under `recipients` or file the items under one of those.",
                        known.join(", ")
                    )
                }
            }
            Problem::RepeatedItem { text } => {
                format!("「{text}」 is listed twice in the same place; remove one")
            }
            Problem::RevisionOutOfOrder { date, previous } => format!(
                "revision date {date} is before {previous}; list revisions oldest first, after the date established"
            ),
            Problem::EffectiveBeforeRevision { date, revision } => format!(
                "the day it takes effect (施行日), {date}, is before the revision date {revision}; a revision cannot take effect before it is made. If it applies to an earlier day, write that day as `applies_from` (適用日)"
            ),
            Problem::AppliesBeforeRevision { date, revision } => format!(
                "the day it applies from (適用日), {date}, is before the revision date {revision}: a revision may apply retroactively, but check that the date is meant"
            ),
            Problem::RevisionMissing { after, first: false } => format!(
                "the purposes changed, but no revision (改正) is dated after {after}, the old version's last; add an entry below this one: `- date:` the day of the revision, and a `summary:` of the change"
            ),
            Problem::RevisionMissing { after, first: true } => format!(
                "the purposes changed, but no revision (改正) is dated after {after}, the old version's last; add `revisions:` under `dates:` with an entry `- date:` the day of the revision, and a `summary:` of the change"
            ),
            Problem::UnrecordedChange { after, first, places } => format!(
                "the purposes, bases of provision or joint use differ from those last published ({}), but no revision (改正) is dated after {after}, the last published; {}, or run the build with --accept-changes if the change needs no revision. Nothing was written",
                places.join(", "),
                if *first {
                    "add `revisions:` under `dates:` with an entry `- date:` the day of the revision, and a `summary:` of the change"
                } else {
                    "add an entry below this one: `- date:` the day of the revision, and a `summary:` of the change"
                }
            ),
            Problem::RevisionDropped { date } => format!(
                "the revision history published lists {date}, which this file no longer has (or has with another date); the history of revisions only grows: put the entry back, or run the build with --accept-changes if the published history was wrong. Nothing was written"
            ),
            Problem::DocumentVanishes { path } => format!(
                "{path} was published but would no longer be produced; check that no document or template was removed by mistake, or run the build with --accept-changes to remove it. Nothing was written"
            ),
            Problem::CutShort => "the file does not end with a line break, as a file cut short (an interrupted upload or copy) does, and it would replace what was published; check the end of the file and add a line break after the last line. Nothing was written".to_owned(),
            Problem::RecordUnreadable { reason } => format!(
                "the record of what was published (purposes.json in the output folder) cannot be read ({reason}), so the build cannot tell what it would replace; restore it, or run the build with --accept-changes to publish without comparing. Nothing was written"
            ),
            Problem::BeforeWareki { date } => format!(
                "{date} is before 1873, when Japan adopted the Gregorian calendar, so it cannot be written in 和暦; give a date from 1873-01-01 on"
            ),
            Problem::UnknownId {
                kind,
                id,
                known,
                suggestion,
            } => {
                let what = match kind {
                    IdKind::Recipient => "recipient kind",
                    IdKind::Category => "category",
                    IdKind::Group => "group",
                    IdKind::Attribute => "attribute",
                    IdKind::Document => "document",
                    IdKind::JointUse => "joint-use record",
                };
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" Did you mean `{s}`?"))
                    .unwrap_or_default();
                format!(
                    "there is no {what} `{id}`; the ids declared are: {}.{hint}",
                    known.join(", ")
                )
            }
            Problem::BadDocumentId { id } => format!(
                "the document id `{id}` names its output files: use ASCII letters, digits, `-` and `_` only"
            ),
            Problem::CategoriesAndGroups => "both `categories` and `groups` list categories; put every category in a group, or use `categories` alone".to_owned(),
            Problem::TemplateName { name } => format!(
                "the template file name 「{}」 holds a control character (a line break, a tab, an escape); an output cannot be named so: rename the file",
                visible(name)
            ),
            Problem::ControlCharacter { field, character } => format!(
                "`{field}` holds the invisible control character U+{:04X}; it would reach every output (and a reader's terminal) unseen: remove it",
                *character as u32
            ),
            Problem::TooMany { what, count, limit } => {
                let what = match what.as_str() {
                    "recipients" => "recipient kinds",
                    "categories" => "categories",
                    "items" => "purpose items",
                    "shown" => {
                        return format!(
                            "the documents print {count} purpose items in all (an item counts once for each part with `purposes` and each table that prints it); at most {limit} are accepted, far more than any society needs. Print the purposes in fewer parts or documents, or name the categories each part shows"
                        );
                    }
                    _ => "cells in the table (recipient kinds × categories)",
                };
                format!(
                    "the file has {} {what}; at most {} are accepted, far more than any society needs. Is this the right file?",
                    grouped_usize(*count),
                    grouped_usize(*limit)
                )
            }
            Problem::TooDeep {
                what: Nesting::Items,
                depth,
                limit,
            } => format!(
                "this item is at level {depth} of sub-items (an item of a list is at level 1); at most {limit} levels are accepted, as many as every built-in template can print. Write it at a higher level"
            ),
            Problem::TooDeep {
                what: Nesting::Records,
                depth,
                limit,
            } => format!(
                "`record` parts are nested {depth} deep here, one within another; at most {limit} are accepted, as many as every built-in template can print. Move the parts of this `record` into the one around it"
            ),
            Problem::OptionLikeStem { stem } => format!(
                "this source would build into the folder `{}`, whose name begins with `-`: a command run over the federation's folder (`tar cf backup.tar *`, `rm *`) would take it for an option and act on it. Rename the file so that it begins with a letter or a digit",
                visible(stem)
            ),
            Problem::LookAlikeStems { first } => format!(
                "this source's name and that of {} differ only in how their characters are encoded (composed or decomposed, as Unicode normalisation NFC and NFD write them), so their folders would look the same. Rename one of them",
                visible(first)
            ),
            Problem::MoreWarnings { count, shown } => format!(
                "{count} more warnings about how the text is written are not listed; only the first {shown} in the file are. Correct those and check again"
            ),
            Problem::TooManySteps { output, limit } => format!(
                "the loops of this template asked `range` for more than {limit} numbers while {} was rendered, and it was stopped; loops nested like these would run for hours. Loop over fewer numbers",
                visible(output)
            ),
            Problem::OutputTooLarge { output, limit } => format!(
                "the outputs grew past {limit} bytes together while {} was rendered, far more than any society's notice; a template may print without end here, or a long text may be printed by too many parts",
                visible(output)
            ),
            Problem::LegacyVariable { variable } => format!(
                "`{variable}` is a variable of the original form of purposes.yaml and will be removed in the next release: read the same facts from `document` (see Templates and outputs in the README)"
            ),
            Problem::UrlScheme { url } => format!(
                "the address {} cannot be published as a link: only addresses starting with https:, http:, mailto: or tel: are allowed",
                visible(url)
            ),
            Problem::RemoteImage { url } => format!(
                "the image {} is on another site, and the pages load nothing from elsewhere: put the image beside the pages and refer to it by a relative address",
                visible(url)
            ),
            Problem::FoldedItem => "this line starts with `- ` but is indented under the item above, so YAML reads it as the rest of that item's text, not as an item of its own: line its `- ` up with the items around it (a sub-item goes under `items:` of an item written as `- text: …`)".to_owned(),
            Problem::NotText { value, reads_as } => match (reads_as.as_str(), value.trim()) {
                ("null", "" | "~") => "this item has no text: write it after `- `, or remove the line".to_owned(),
                ("null", value) => format!(
                    "YAML reads `{value}` as no value at all: to write it as text, put it in quotes, `\"{value}\"`; otherwise remove the line"
                ),
                ("yes_no", value) => format!(
                    "YAML reads `{value}` as yes or no (true or false), not as text: put the item in quotes, `\"{value}\"`"
                ),
                (_, value) => format!(
                    "YAML reads `{value}` as a number, not as text: put the item in quotes, `\"{value}\"`"
                ),
            },
            Problem::ItemsWithoutKind { category, kind } => format!(
                "the items of category `{category}` are a plain list, while the table has recipient kinds: in the 別表 they span every column, and the notice gives them no kind heading. File them under a kind (`items:`, then `{kind}:` with the items under it), unless the category truly has no kinds"
            ),
            Problem::BadPage { id, why } => match why {
                PageRefusal::Itself => format!(
                    "`page: {id}` names the document itself, which cannot be printed within its own page: remove `page`, or name another notice"
                ),
                PageRefusal::Guest { page, cycle: true } => format!(
                    "documents `{id}` and `{page}` name each other as their page; one of them must be printed on a page of its own: remove `page` from one"
                ),
                PageRefusal::Guest { page, cycle: false } => format!(
                    "document `{id}` is itself printed on the page of `{page}`; a page must be a notice printed on its own: write `page: {page}`"
                ),
                PageRefusal::Table => format!(
                    "document `{id}` is a table; only a notice can hold another document on its page: name a notice, or print the table on its own"
                ),
            },
            Problem::PartShape => "a part holds exactly one of `text`, `purposes`, `record`, `legal` or `address` (a `heading` may go with any of them)".to_owned(),
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
            Problem::WrongShape { expected, key, .. } => {
                let key = key.as_ref().map(|k| format!(" (under `{k}`)")).unwrap_or_default();
                match expected.as_str() {
                    "list" => format!("a list is expected here{key}: write each entry on a line of its own, starting with `- ` (see the default purposes.yaml)"),
                    "keys" => format!("keys and values are expected here{key} (`key: value` lines), not a single value"),
                    "number" => format!("a number is expected here{key}, written in half-width digits"),
                    "item" => format!("a purpose is expected here{key}: a text, or keys `text` (with `notes` and `items` if needed)"),
                    _ => format!("a text is expected here{key} (`key: text` on one line, or `key: |` with the lines of text indented below it), not a list or keys"),
                }
            }
            Problem::NoSources => "this folder has no *.yaml or *.yml source files".to_owned(),
            Problem::SharedOutput { first, out } => format!(
                "{first} builds into {out} already; give each source of a federation its own file name"
            ),
            Problem::SourceStem { stem } => format!(
                "this source would build into the folder `{stem}`, which is not a folder of its own but the federation's output folder itself or the one above it; rename the file"
            ),
            Problem::JointUseIncomplete { id, missing } => format!(
                "joint-use record `{id}` lacks {}: under 個人情報保護法第27条第5項第3号 the person must be told in advance, or be able to know easily, that the data is used jointly, the items of data, the scope of the joint users, their purposes, and the name and address of the party responsible for managing the data and, for a corporation, its representative's name; write every particular",
                list(missing)
            ),
            Problem::UnknownJointUse { id, known } => format!(
                "`{id}` is not a joint-use record; the records declared under `joint_use` are: {}",
                if known.is_empty() { "none".to_owned() } else { list(known) }
            ),
            Problem::LawHolder { missing } => {
                let what = match (
                    missing.iter().any(|m| m.ends_with("address")),
                    missing.iter().any(|m| m.ends_with("representative")),
                ) {
                    (true, true) => "the society's address and its representative's name",
                    (true, false) => "the society's address",
                    _ => "the name of the society's representative",
                };
                format!(
                    "個人情報保護法第32条第1項第1号 requires {what}; add {}",
                    list(missing)
                )
            }
            Problem::LawRequests { missing } => format!(
                "個人情報保護法第32条第1項第3号 requires the procedure for requests (開示等の請求): where, how, and the fee if one is set; add {} (write 「無料」 as the fee if there is none)",
                list(missing)
            ),
            Problem::LawComplaints => "個人情報保護法第32条第1項第4号 and 施行令第10条第2号 require where complaints are filed; add `personal_data.complaints`".to_owned(),
            Problem::LawSecurity => "個人情報保護法第32条第1項第4号 and 施行令第10条第1号 require the security control measures taken; list them under `personal_data.security.measures`, or, where publishing them would hinder them, state under `on_request` that they are answered on request".to_owned(),
            Problem::LawContact => "no contact point: it is recommended to add under `organization.contacts` the name and how to reach the desk that receives requests (個人情報保護法第32条第1項第3号) and complaints, which a society is to endeavour to handle properly and promptly (第40条)".to_owned(),
            Problem::LawJointUseWithoutRecord => "this item speaks of 共同利用, but there is no joint-use record: 個人情報保護法第27条第5項第3号 requires its five particulars to be made known; add a record under `joint_use` and give this item `basis: {joint_use: id}`".to_owned(),
            Problem::LawSensitiveWithoutBasis { recipient } => format!(
                "this item gives 要配慮個人情報 to others (「{recipient}」) with no `basis`: under 個人情報保護法第27条第1項 and 第2項 that needs the person's consent or a legal basis, and opt-out is not allowed; write `basis: outsourcing`, `{{joint_use: id}}`, `{{law: …}}` or `consent`"
            ),
            Problem::LawProvisionWithoutBasis { recipient } => format!(
                "this item gives personal data to others (「{recipient}」) with no `basis`: under 個人情報保護法第27条第1項 that needs the person's consent or a case the law allows, and 委託 or 共同利用 must be said to be so (第27条第5項); write `basis: outsourcing`, `{{joint_use: id}}`, `{{law: …}}`, `consent` or `implied_consent`"
            ),
            Problem::LawForeignEnvironment => "personal data goes to a third party in a foreign country (個人情報保護法第28条), but the security measures do not include 外的環境の把握: add a measure under `personal_data.security.measures` saying that the society knows the country's system for the protection of personal information and takes its measures accordingly".to_owned(),
            Problem::LawNumberBasis { basis } => format!(
                "an item of 特定個人情報 rests on 「{basis}」: 番号法第19条 allows 特定個人情報 to be provided only in the cases it lists, never on consent nor in a joint use; name the item of 第19条 (e.g. `{{law: 番号法第19条第8号}}`)"
            ),
            Problem::LawMainPurposes { heading } => format!(
                "the purposes heading 「{heading}」 says 主な (main), but the section on retained personal data states that the purposes of all retained data are those listed under it (個人情報保護法第32条第1項第2号): drop 「主な」 from the heading, or list every purpose"
            ),
            Problem::PlaceholderDate { date } => format!(
                "{date} looks like a placeholder; write the real date"
            ),
            Problem::PlaceholderText => "「〇〇」 is still here: replace the placeholder with the real text".to_owned(),
            Problem::MixedWidth { found, suggestion } => format!(
                "half-width 「{found}」 in Japanese text; write the full-width 「{suggestion}」"
            ),
            Problem::MixedDigits { found, suggestion } => format!(
                "「{found}」 mixes full-width and half-width digits; write 「{suggestion}」"
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
            Problem::SplitRun { run, width } => format!(
                "「{run}」 cannot be broken and is wider than a line of the mailing text ({width} full-width characters), so it was split; shorten it (a shorter URL) or widen the lines"
            ),
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
                    "ファイルの文字コードが UTF-8 ではありません{guess}。UTF-8 で保存し直してください（メモ帳では「名前を付けて保存」で文字コードに UTF-8 を選びます）"
                )
            }
            Problem::TooLarge { size: Some(size), limit } => format!(
                "ファイルのサイズが {} バイトあります。利用目的のファイルとして読み込めるのは {} バイトまでです。指定したファイルが正しいか確認してください",
                grouped(*size),
                grouped(*limit)
            ),
            Problem::TooLarge { size: None, limit } => {
                let limit = grouped(*limit);
                format!(
                    "入力が {limit} バイトを超えています。利用目的のファイルとして読み込めるのは {limit} バイトまでです。指定したファイルが正しいか確認してください"
                )
            }
            Problem::EmptyFile => "ファイルに内容がありません。organization、notice、regulation、recipients、categories を書いてください（既定の purposes.yaml を基にすると簡単です）".to_owned(),
            Problem::Syntax { .. } => "YAML として読み取れません。この位置とその前の行の字下げ、「: 」、引用符を確認してください".to_owned(),
            Problem::MissingColon { key } => format!(
                "`{key}` の後にコロンがありません。`{key}: ` に続けて値を書いてください"
            ),
            Problem::UnknownKey {
                key,
                expected,
                suggestion,
            } => match suggestion {
                Some(s) => format!(
                    "`{key}` というキーはありません。`{s}` の書き誤りではありませんか（ここで使えるキー：{}）",
                    list_ja(expected)
                ),
                None => format!(
                    "`{key}` というキーはここでは使えません。使えるキーは {} です",
                    list_ja(expected)
                ),
            },
            Problem::MissingKey { key, parent } => match parent {
                Some(parent) => format!(
                    "`{parent}` に `{key}` がありません。`{key}: ` に続けて値を書き加えてください"
                ),
                None => format!(
                    "`{key}` がありません。`{key}: ` に続けて値を書き加えてください"
                ),
            },
            Problem::MissingValue { key } if key.is_empty() => {
                "値がありません。値を書いてください".to_owned()
            }
            Problem::MissingValue { key } => {
                format!("`{key}` の値がありません。`{key}: ` の後に値を書いてください")
            }
            Problem::DuplicateKey { key } => match key {
                Some(k) => format!("`{k}` が二度書かれています。一つにまとめてください"),
                None => "同じキーが二度書かれています。一つにまとめてください".to_owned(),
            },
            Problem::InvalidValue { .. } => "この値は使えません。書き方を確認してください".to_owned(),
            Problem::InvalidDate { text, reason } if reason == "no_such_day" => {
                format!("`{text}` という日はありません。日付を確認してください")
            }
            Problem::InvalidDate { text, .. } => {
                let era = ["明治", "大正", "昭和", "平成", "令和"]
                    .iter()
                    .any(|e| text.contains(e));
                let hint = if era { "和暦ではなく、" } else { "" };
                format!(
                    "`{text}` は日付として読めません。{hint}2025-04-01 のように、西暦の年-月-日を半角数字で書いてください"
                )
            }
            Problem::UnknownChoice {
                key,
                value,
                allowed,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!("`{s}` の書き誤りではありませんか。"))
                    .unwrap_or_default();
                format!(
                    "`{key}` に `{value}` は指定できません。{hint}指定できるのは {} です",
                    list_ja(allowed)
                )
            }
            Problem::TabIndent => "字下げにタブ文字が使われています。YAML の字下げは半角空白だけで書きます。タブを半角空白に置き換えてください".to_owned(),
            Problem::FullWidthSpace { context } => match context.as_str() {
                "dash" => "「-」の後の空白が全角「　」です。半角の空白にしてください".to_owned(),
                "colon" => "「:」の後の空白が全角「　」です。半角の空白にしてください".to_owned(),
                _ => "字下げに全角の空白「　」が使われています。字下げは半角空白で書いてください".to_owned(),
            },
            Problem::FullWidthColon => "全角のコロン「：」があります。半角の「: 」にしてください".to_owned(),
            Problem::ColonInValue => "値の中に「: 」があるため、次のキーの始まりと読まれています。値全体を引用符で囲んでください（例　title: \"注意: 本文\"）".to_owned(),
            Problem::UnclosedQuote => "引用符が閉じていないか、閉じた後に文字が続いています。値全体を一組の引用符（\" または '）で囲んでください".to_owned(),
            Problem::UnclosedBracket { open } => {
                let what = if *open == '{' { "キーと値の組" } else { "一覧" };
                format!(
                    "値が「{open}」で始まっているため、{what}として読まれています（閉じていないか、閉じた後に文字が続いています）。文として書くなら、値全体を引用符で囲んでください"
                )
            }
            Problem::BadIndent => "字下げがそろっていません。同じ階層のキーや「- 」は、同じ数の半角空白で字下げしてください".to_owned(),
            Problem::ReservedCharacter { character } => format!(
                "「{character}」は YAML の記号として読まれるため、ここから値を始めることはできません。値全体を引用符で囲んでください"
            ),
            Problem::BadEscape => "二重引用符（\"）の中で「\\」の後に、YAML の書き方にない文字が続いています。「\\」そのものは「\\\\」と書くか、値を単一引用符（'）で囲んでください".to_owned(),
            Problem::MultipleDocuments => "ファイルに YAML の文書が二つ以上あります（`---` の行で区切られています）。一つのファイルには文書を一つだけ書いてください".to_owned(),
            Problem::TooComplex { .. } => "入れ子が深すぎるか、別名（エイリアス）の展開が多すぎるため、読み込みを打ち切りました。利用目的のファイルとして正しいか確認してください".to_owned(),
            Problem::EmptyText { field } => match field.as_str() {
                "text" | "notes" => "空の項目があります。内容を書くか、この行を削除してください".to_owned(),
                "notice.closing" | "regulation.empty_cell" | "description" => format!(
                    "`{field}` の値が空です。内容を書くか、不要ならキーごと削除してください"
                ),
                _ => format!("`{field}` の値が空です。内容を書いてください"),
            },
            Problem::EmptyList { field } => match field.as_str() {
                "recipients" => {
                    "`recipients` が空です。提供先の種類を一つ以上書いてください".to_owned()
                }
                _ => format!("`{field}` が空です。利用目的の区分を一つ以上書いてください"),
            },
            Problem::DuplicateId {
                kind,
                id,
                first_line,
            } => {
                let message = match kind {
                IdKind::Recipient => format!(
                    "提供先の種類の id `{id}` が二度使われています。id は重複しないようにしてください"
                ),
                IdKind::Category => format!(
                    "区分の id `{id}` が二度使われています。id は重複しないようにしてください"
                ),
                IdKind::JointUse => format!(
                    "共同利用の id `{id}` が二度使われています。id は重複しないようにしてください"
                ),
                IdKind::Group => format!(
                    "グループの id `{id}` が二度使われています。id はそれぞれ別にしてください"
                ),
                IdKind::Attribute => format!(
                    "列の id `{id}` が二度使われています。id はそれぞれ別にしてください"
                ),
                IdKind::Document => format!(
                    "文書の id `{id}` が二度使われています。id はそれぞれ別にしてください"
                ),
                };
                match first_line {
                    0 => message,
                    line => message.replacen(
                        "が二度使われています",
                        &format!("が二度使われています（最初は {line} 行目）"),
                        1,
                    ),
                }
            }
            Problem::UnknownRecipient {
                id,
                known,
                suggestion,
            } => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!("`{s}` の書き誤りではありませんか。"))
                    .unwrap_or_default();
                if known.is_empty() {
                    format!(
                        "`{id}` という提供先の種類はありません。`recipients` に提供先の種類が一つもありません。`recipients` に加えてください"
                    )
                } else {
                    format!(
                        "`{id}` という提供先の種類はありません。{hint}`recipients` にあるのは {} です。`recipients` に加えるか、項目を既にある種類の下に移してください",
                        list_ja(known)
                    )
                }
            }
            Problem::RepeatedItem { text } => {
                format!("「{text}」が同じ欄に二度書かれています。一方を削除してください")
            }
            Problem::RevisionOutOfOrder { date, previous } => format!(
                "改正日 {date} が {previous} より前になっています。改正は制定日より後の日付で、古い順に並べてください"
            ),
            Problem::EffectiveBeforeRevision { date, revision } => format!(
                "施行日 {date} が改正日 {revision} より前になっています。改正日より前に施行することはできないため、施行日は改正日以後の日付にしてください。さかのぼって適用する場合は、その日を適用日（`applies_from`）に書いてください"
            ),
            Problem::AppliesBeforeRevision { date, revision } => format!(
                "適用日 {date} が改正日 {revision} より前になっています。さかのぼって適用する場合はこのままで構いませんが、日付に誤りがないか確認してください"
            ),
            Problem::RevisionMissing { after, first: false } => format!(
                "利用目的が変更されていますが、変更前の版の最後の日付（{after}）より後の日付の改正が記録されていません。この改正の次に、改正日（`- date:`）と改正の概要（`summary:`）を書いた新しい改正を追加してください"
            ),
            Problem::RevisionMissing { after, first: true } => format!(
                "利用目的が変更されていますが、変更前の版の最後の日付（{after}）より後の日付の改正が記録されていません。`dates:` の下に `revisions:` を設け、改正日（`- date:`）と改正の概要（`summary:`）を書いた改正を追加してください"
            ),
            Problem::UnrecordedChange { after, first, places } => format!(
                "前回の公表後に利用目的、提供の根拠又は共同利用が変更されていますが、公表済みの版の最後の日付（{after}）より後の日付の改正が記録されていません（変更箇所：{}）。{}。改正を要しない変更であれば、--accept-changes を付けてビルドしてください。ファイルは何も書き込んでいません",
                places.join("、"),
                if *first {
                    "`dates:` の下に `revisions:` を設け、改正日（`- date:`）と改正の概要（`summary:`）を書いた改正を追加してください"
                } else {
                    "この改正の次に、改正日（`- date:`）と改正の概要（`summary:`）を書いた新しい改正を追加してください"
                }
            ),
            Problem::RevisionDropped { date } => format!(
                "公表済みの改正の履歴にある {date} の改正が、このファイルにありません（削除されたか、日付が変わっています）。改正の履歴は追記するだけで、消したり書き換えたりしません。記載を元に戻してください。公表済みの履歴が誤っていた場合は、--accept-changes を付けてビルドしてください。ファイルは何も書き込んでいません"
            ),
            Problem::DocumentVanishes { path } => format!(
                "公表済みの {path} が出力されなくなります。文書やテンプレートを誤って削除していないか確認してください。削除してよい場合は、--accept-changes を付けてビルドしてください。ファイルは何も書き込んでいません"
            ),
            Problem::CutShort => "元ファイルが改行で終わっていません。アップロードやコピーの途中でファイルが切れた可能性があります。このままでは、公表済みの文書を不完全な内容で置き換えることになります。元ファイルの末尾を確認し、最後の行の後に改行を入れてください。ファイルは何も書き込んでいません".to_owned(),
            Problem::RecordUnreadable { reason } => format!(
                "公表した内容の記録（出力フォルダーの purposes.json）を読み取れません（{reason}）。このため、公表済みの内容と比較できません。記録を元に戻してください。比較せずに公表する場合は、--accept-changes を付けてビルドしてください。ファイルは何も書き込んでいません"
            ),
            Problem::BeforeWareki { date } => format!(
                "{date} は 1873 年（明治6年）の改暦より前の日付のため、和暦に直せません。1873-01-01 以後の日付にしてください"
            ),
            Problem::UnknownId {
                kind,
                id,
                known,
                suggestion,
            } => {
                let what = match kind {
                    IdKind::Recipient => "提供先の種類",
                    IdKind::Category => "区分",
                    IdKind::Group => "グループ",
                    IdKind::Attribute => "列",
                    IdKind::Document => "文書",
                    IdKind::JointUse => "共同利用の記録",
                };
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!("`{s}` の書き誤りではありませんか。"))
                    .unwrap_or_default();
                if known.is_empty() {
                    format!("`{id}` という{what}はありません。{what}がまだ一つも書かれていません")
                } else {
                    format!(
                        "`{id}` という{what}はありません。{hint}書かれている id は {} です",
                        list_ja(known)
                    )
                }
            }
            Problem::BadDocumentId { id } => format!(
                "文書の id `{id}` は出力ファイル名になるため、半角英数字と `-` `_` だけで書いてください"
            ),
            Problem::CategoriesAndGroups => "`categories` と `groups` の両方に区分があります。全ての区分をグループに入れるか、`categories` だけを使ってください".to_owned(),
            Problem::TemplateName { name } => format!(
                "テンプレートのファイル名「{}」に制御文字（改行・タブ・エスケープなど）が含まれています。出力ファイルにこの名前は付けられないため、ファイル名を変えてください",
                visible(name)
            ),
            Problem::ControlCharacter { field, character } => format!(
                "`{field}` に目に見えない制御文字 U+{:04X} が含まれています。気付かれないまま全ての出力（と読む人の端末）に渡ってしまうため、削除してください",
                *character as u32
            ),
            Problem::TooMany { what, count, limit } => {
                let what = match what.as_str() {
                    "recipients" => "提供先の種類",
                    "categories" => "区分",
                    "items" => "利用目的の項目",
                    "shown" => {
                        return format!(
                            "文書に載せる利用目的の項目が、合わせて {} 個になります（`purposes` のある部分や表が項目を載せるたびに数えます）。受け付けるのは {} 個までで、実際の組合で必要な数を大きく超えています。利用目的を載せる部分や文書を減らすか、各部分に載せる区分を指定してください",
                            grouped_usize(*count),
                            grouped_usize(*limit)
                        );
                    }
                    _ => "表の欄（提供先の種類 × 区分）",
                };
                format!(
                    "{what}が {} 個あります。受け付けるのは {} 個までで、実際の組合で必要な数を大きく超えています。正しいファイルか確認してください",
                    grouped_usize(*count),
                    grouped_usize(*limit)
                )
            }
            Problem::TooDeep {
                what: Nesting::Items,
                depth,
                limit,
            } => format!(
                "この項目は {depth} 階層目にあります（一覧の項目を 1 階層目と数えます）。どの組み込みテンプレートでも出力できるよう、項目の階層は {limit} までとしています。より上の階層に移してください"
            ),
            Problem::TooDeep {
                what: Nesting::Records,
                depth,
                limit,
            } => format!(
                "ここでは `record`（「記」…「以上」で囲む部分）が {depth} 重に入れ子になっています。どの組み込みテンプレートでも出力できるよう、入れ子は {limit} 重までとしています。この `record` の中身を、一つ外側の `record` に移してください"
            ),
            Problem::OptionLikeStem { stem } => format!(
                "この元ファイルの出力先は、ファイル名から決まる `{}` というフォルダーになります。名前が「-」で始まるため、一括ビルドの出力フォルダーでコマンド（`tar cf backup.tar *` や `rm *` など）を実行すると、このフォルダーの名前がオプションと解釈されてしまいます。ファイル名を英字又は数字で始まる名前に変えてください",
                visible(stem)
            ),
            Problem::LookAlikeStems { first } => format!(
                "この元ファイルの名前と {} の名前は、文字の表し方（Unicode の正規化形式 NFC と NFD のように、濁点などを一文字に合成するかどうか）が違うだけです。出力先のフォルダーの名前が同じに見えてしまうため、どちらかの名前を変えてください",
                visible(first)
            ),
            Problem::MoreWarnings { count, shown } => format!(
                "表記についての警告は、ファイルの先頭から {} 件だけを示しました。ほかに {} 件あります。示したものを直してから、もう一度確認してください",
                grouped_usize(*shown),
                grouped_usize(*count)
            ),
            Problem::TooManySteps { output, limit } => format!(
                "{} を作成している途中で、このテンプレートの繰り返し（`range`）で求めた数が {} 個を超えたため、処理を止めました。このように入れ子になった繰り返しは、終わるまでに何時間もかかります。繰り返しの回数を減らしてください",
                visible(output),
                grouped(*limit)
            ),
            Problem::OutputTooLarge { output, limit } => format!(
                "{} を作成している途中で、出力の合計が {} バイトを超えました。実際の組合の公表文よりもはるかに大きな量です。テンプレートが際限なく出力していないか、長い文章を多くの部分で繰り返し載せていないか確認してください",
                visible(output),
                grouped(*limit)
            ),
            Problem::LegacyVariable { variable } => format!(
                "`{variable}` は purposes.yaml の従来の形式に対応する変数で、次の版で廃止します。同じ内容を `document` から読み取るように、テンプレートを書き換えてください（README の「Templates and outputs」を参照）"
            ),
            Problem::UrlScheme { url } => format!(
                "アドレス {} はリンクとして掲載できません。使えるのは https:、http:、mailto:、tel: のいずれかで始まるアドレスだけです",
                visible(url)
            ),
            Problem::RemoteImage { url } => format!(
                "画像 {} は別のサイトにあります。ページは外部から何も読み込まないため使えません。画像をページと同じ場所に置き、相対アドレスで参照してください",
                visible(url)
            ),
            Problem::FoldedItem => "この行は `- ` で始まっていますが、上の項目より深く字下げされているため、YAML では上の項目の文の続きとして読まれ、別の項目になりません。前後の項目と `- ` の位置をそろえてください（下位の項目にするときは、上の項目を `- text: …` と書き、その `items:` の下に置きます）".to_owned(),
            Problem::NotText { value, reads_as } => match (reads_as.as_str(), value.trim()) {
                ("null", "" | "~") => "この項目には文がありません。`- ` の後に書くか、この行を削除してください".to_owned(),
                ("null", value) => format!(
                    "`{value}` は YAML では「値なし」として読まれます。文字として書くときは `\"{value}\"` のように引用符で囲み、そうでなければこの行を削除してください"
                ),
                ("yes_no", value) => format!(
                    "`{value}` は YAML では真偽値（はい・いいえ）として読まれ、文字になりません。`\"{value}\"` のように引用符で囲んでください"
                ),
                (_, value) => format!(
                    "`{value}` は YAML では数値として読まれ、文字になりません。`\"{value}\"` のように引用符で囲んでください"
                ),
            },
            Problem::ItemsWithoutKind { category, kind } => format!(
                "区分 `{category}` の項目が、提供先の種類に分けずに並べられています。表には提供先の種類の列があるため、別表ではこの行の項目が全ての列にまたがり、公表文では種類の見出しが付きません。`items:` の下に種類の id（例：`{kind}:`）を書き、その下に項目を置いてください（種類に分けない区分であれば、このままで構いません）"
            ),
            Problem::BadPage { id, why } => match why {
                PageRefusal::Itself => format!(
                    "`page: {id}` は、この文書自身を指しています。文書を自分のページの中に印刷することはできません。`page` を削除するか、別の公表文の id を書いてください"
                ),
                PageRefusal::Guest { page, cycle: true } => format!(
                    "文書 `{id}` と `{page}` が互いを `page` に指定しています。どちらか一方の `page` を削除し、その文書を単独のページとして出力してください"
                ),
                PageRefusal::Guest { page, cycle: false } => format!(
                    "文書 `{id}` 自体が `{page}` のページに印刷されるため、その中に印刷することはできません。単独のページを持つ公表文を指定し、`page: {page}` と書いてください"
                ),
                PageRefusal::Table => format!(
                    "文書 `{id}` は表の文書です。ほかの文書を同じページに印刷できるのは公表文だけです。公表文の id を書くか、表を単独のページとして出力してください"
                ),
            },
            Problem::PartShape => "文書の部分には `text`、`purposes`、`record`、`legal`、`address` のいずれか一つだけを書きます（`heading` はどれとも併せて書けます）".to_owned(),
            Problem::SplitGroup { group } => format!(
                "グループ「{group}」の区分が、他の区分をはさんで離れています。同じグループの区分は続けて書いてください"
            ),
            Problem::Template { name, detail } => match template_detail(detail) {
                Some(what) => format!("テンプレート {name} を処理できません。{what}"),
                None => format!(
                    "テンプレート {name} を処理できません（テンプレートエンジンの報告：{detail}）"
                ),
            },
            Problem::Unencodable {
                character,
                encoding,
                output,
                from_template,
            } => {
                let what = format!(
                    "「{character}」（U+{:04X}）は、{output} の文字コード {encoding} では書けません",
                    *character as u32
                );
                if *from_template {
                    format!("{what}。テンプレートにある文字です。テンプレートを直すか、--encoding utf-8 でビルドしてください")
                } else {
                    format!("{what}。別の文字に書き換えるか、--encoding utf-8 でビルドしてください")
                }
            }
            Problem::WidthOutOfRange { width, min, max } => format!(
                "`mailing.width` が全角 {width} 文字になっています。{min} から {max} までの数にしてください"
            ),
            Problem::WrongShape { expected, key, .. } => {
                let here = key
                    .as_ref()
                    .map_or_else(|| "ここ".to_owned(), |k| format!("`{k}` "));
                match expected.as_str() {
                    "list" => format!("{here}には一覧を書きます。各項目を「- 」で始まる行に一つずつ書いてください（既定の purposes.yaml を参照）"),
                    "keys" if key.is_none() => "ファイルには「キー: 値」の行（organization:、notice: など）を書きます。文だけを書くことはできません".to_owned(),
                    "keys" => format!("{here}には値を一つだけ書くのではなく、「キー: 値」の行を字下げして書きます"),
                    "number" => format!("{here}には数を半角数字で書きます"),
                    "item" => format!("{here}には利用目的を、文一つか、`text`（必要なら `notes`・`items` も）のキーで書きます"),
                    _ => format!("{here}には文を書きます（一行なら「キー: 文」、複数行なら「キー: |」の次の行から字下げして書きます）。一覧やキーは書けません"),
                }
            }
            Problem::NoSources => "このフォルダーには元ファイル（*.yaml・*.yml）がありません".to_owned(),
            Problem::SharedOutput { first, out } => format!(
                "{out} には {first} も出力します。一括ビルドでは、元ファイルごとに別のファイル名にしてください"
            ),
            Problem::SourceStem { stem } => format!(
                "この元ファイルの出力先は、ファイル名から決まる `{stem}` というフォルダーになります。これは元ファイルごとのフォルダーではなく、一括ビルドの出力フォルダーそのもの、またはその一つ上のフォルダーを指すため、出力できません。元ファイルの名前を変えてください"
            ),
            Problem::JointUseIncomplete { id, missing } => format!(
                "共同利用の記録 `{id}` に{}がありません。個人情報保護法第27条第5項第3号により、共同利用をするときは、その旨並びに「共同して利用される個人データの項目」、「共同して利用する者の範囲」、「利用する者の利用目的」及び「当該個人データの管理について責任を有する者の氏名又は名称及び住所並びに法人にあっては、その代表者の氏名」について、「あらかじめ、本人に通知し、又は本人が容易に知り得る状態に置いている」必要があります。全ての事項を書いてください",
                particulars(missing)
            ),
            Problem::UnknownJointUse { id, known } => {
                if known.is_empty() {
                    format!("`{id}` という共同利用の記録はありません。`joint_use` に共同利用の記録を書いてください")
                } else {
                    format!(
                        "`{id}` という共同利用の記録はありません。`joint_use` にあるのは {} です",
                        list_ja(known)
                    )
                }
            }
            Problem::LawHolder { missing } => {
                let what = match (
                    missing.iter().any(|m| m.ends_with("address")),
                    missing.iter().any(|m| m.ends_with("representative")),
                ) {
                    (true, true) => "住所及び代表者の氏名",
                    (true, false) => "住所",
                    _ => "代表者の氏名",
                };
                format!(
                    "個人情報保護法第32条第1項第1号により、{what}が必要です。{} を書いてください",
                    list_ja(missing)
                )
            }
            Problem::LawRequests { missing } => format!(
                "個人情報保護法第32条第1項第3号により、開示等の請求等に応じる手続（受付先、請求等の方法、手数料の額を定めた場合はその額）を本人の知り得る状態に置く必要があります。{} を書いてください（手数料を定めていない場合は「無料」と書きます）",
                list_ja(missing)
            ),
            Problem::LawComplaints => "個人情報保護法第32条第1項第4号及び同法施行令第10条第2号により、苦情の申出先が必要です。`personal_data.complaints` に書いてください".to_owned(),
            Problem::LawSecurity => "個人情報保護法第32条第1項第4号及び同法施行令第10条第1号により、講じている安全管理措置を本人の知り得る状態に置く必要があります。`personal_data.security.measures` に措置を書くか、公表すると安全管理に支障がある場合は `on_request` に求めに応じて回答する旨を書いてください".to_owned(),
            Problem::LawContact => "お問い合わせ窓口が書かれていません。開示等の請求等の受付先（個人情報保護法第32条第1項第3号）を示し、苦情の適切かつ迅速な処理に努める（同法第40条）ため、窓口の名称及び連絡先を `organization.contacts` に書くことをお勧めします".to_owned(),
            Problem::LawJointUseWithoutRecord => "この項目は共同利用に触れていますが、共同利用の記録（`joint_use`）がありません。個人情報保護法第27条第5項第3号により、共同利用には五つの事項をあらかじめ本人に通知するか、本人が容易に知り得る状態に置く必要があります。`joint_use` に記録を書き、この項目に `basis: {joint_use: id}` を付けてください".to_owned(),
            Problem::LawSensitiveWithoutBasis { recipient } => format!(
                "要配慮個人情報を外部（「{recipient}」）に提供する項目ですが、提供の根拠（`basis`）がありません。個人情報保護法第27条第1項及び第2項により、要配慮個人情報の第三者提供には本人の同意又は法令上の根拠が必要で、オプトアウトによる提供はできません。委託（`outsourcing`）、共同利用（`{{joint_use: id}}`）、法令（`{{law: 法令名}}`）、本人同意（`consent`）のいずれかを `basis` に書いてください"
            ),
            Problem::LawProvisionWithoutBasis { recipient } => format!(
                "外部（「{recipient}」）への提供を伴う項目ですが、提供の根拠（`basis`）がありません。個人データを第三者に提供するには、本人の同意を得るか、法令に基づく場合等に当たることが必要です（個人情報保護法第27条第1項）。委託や共同利用であれば第三者提供に当たりませんが、その旨を示してください（同条第5項）。委託（`outsourcing`）、共同利用（`{{joint_use: id}}`）、法令（`{{law: 法令名}}`）、本人同意（`consent`）、黙示による包括的な同意（`implied_consent`）のいずれかを `basis` に書いてください"
            ),
            Problem::LawForeignEnvironment => "外国にある第三者に個人データを提供していますが（個人情報保護法第28条）、安全管理措置に外的環境の把握が書かれていません。提供先の外国における個人情報の保護に関する制度を把握した上で安全管理措置を講じている旨を、「外的環境の把握：…」として `personal_data.security.measures` に書いてください".to_owned(),
            Problem::LawNumberBasis { basis } => format!(
                "特定個人情報の項目の提供の根拠が「{basis}」になっています。番号法第19条は、特定個人情報の提供を同条各号に当たる場合に限っており、本人の同意や共同利用は根拠になりません。該当する号を `{{law: 番号法第19条第8号}}` のように書いてください"
            ),
            Problem::LawMainPurposes { heading } => format!(
                "利用目的の見出し「{heading}」に「主な」とありますが、保有個人データに関する事項では、全ての保有個人データの利用目的はこの見出しの下に掲げたとおりであると記載します（個人情報保護法第32条第1項第2号）。見出しから「主な」を削るか、全ての利用目的を掲げてください"
            ),
            Problem::PlaceholderDate { date } => {
                format!("{date} は仮の日付のようです。実際の日付に書き換えてください")
            }
            Problem::PlaceholderText => "「〇〇」が残っています。仮の記載を実際の内容に書き換えてください".to_owned(),
            Problem::MixedWidth { found, suggestion } => format!(
                "日本語の文に半角の「{found}」があります。全角の「{suggestion}」にしてください"
            ),
            Problem::MixedDigits { found, suggestion } => format!(
                "「{found}」の中で全角と半角の数字が混ざっています。「{suggestion}」のようにそろえてください"
            ),
            Problem::AsciiPunctuation { found, suggestion } => format!(
                "日本語の文に半角の句読点「{found}」があります。「{suggestion}」にしてください"
            ),
            Problem::StraySpace => "日本語の文の中に空白があります。削除してください".to_owned(),
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
                // A quotation within a quotation stays 「」 (公用文作成の考え方): the
                // suggestion is pasted into a notice as it stands.
                format!("「{term}」は「{replacement}」に改めることを検討してください。{reason}{basis}")
            }
            Problem::SplitRun { run, width } => format!(
                "「{run}」は途中で改行できる所がなく、郵送用の本文の一行（全角 {width} 文字）に収まらないため、途中で改行しました。短い URL にするか、行の幅を広げてください"
            ),
        }
    }
}

/// Tera's most common reports, in Japanese: what the template refers to that does not exist.
fn template_detail(detail: &str) -> Option<String> {
    // Some reports come with a first line of their own, `error: …`.
    let detail = detail.trim_start_matches("error: ");
    let detail = detail.lines().next().unwrap_or(detail);
    let named = |prefix: &str| {
        detail
            .strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_owned)
    };
    let available = |label: &str| {
        detail
            .split_once(label)
            .map(|(_, list)| {
                let list = list.trim().trim_end_matches('.').replace(", ", "、");
                format!("（使えるのは {list}）")
            })
            .unwrap_or_default()
    };
    if let Some(name) = named("Field `") {
        return Some(format!(
            "項目 `{name}` がありません{}。purposes.yaml にない項目か、書き誤りではないか確認してください",
            available("Available fields:")
        ));
    }
    if let Some(name) = named("Variable `") {
        return Some(if detail.contains("exists but its value is undefined") {
            format!("変数 `{name}` の値がありません")
        } else {
            format!(
                "変数 `{name}` がありません{}。書き誤りではないか確認してください",
                available("Available variables:")
            )
        });
    }
    for (prefix, what) in [
        ("Unknown filter `", "フィルター"),
        ("Unknown function `", "関数"),
        ("Unknown test `", "テスト"),
        ("Unknown template `", "テンプレート"),
    ] {
        if let Some(name) = named(prefix) {
            return Some(format!("`{name}` という{what}はありません"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quotation_within_a_quotation_stays_in_corner_brackets() {
        // 公用文作成の考え方 (2022): 「」 inside 「」 stay 「」; the suggestion is pasted into a
        // notice as it stands.
        let message = Problem::Term {
            term: "番号法".into(),
            replacement: "行政手続における特定の個人を識別するための番号の利用等に関する法律（以下「番号法」という。）".into(),
            reason: "r".into(),
            since: None,
            law: None,
        }
        .message(Lang::Ja);
        assert!(
            message.contains("（以下「番号法」という。）」に改める"),
            "{message}"
        );
        assert!(!message.contains('『'), "{message}");
    }

    #[test]
    fn sizes_and_counts_take_thousands_separators() {
        let large = Problem::TooLarge {
            size: Some(5_000_000),
            limit: 4_194_304,
        };
        assert!(large.message(Lang::Ja).contains("4,194,304 バイト"));
        assert!(large.message(Lang::Ja).contains("5,000,000 バイト"));
        assert!(large.message(Lang::En).contains("4,194,304 bytes"));
        let many = Problem::TooMany {
            what: "items".into(),
            count: 123_456,
            limit: 100_000,
        };
        assert!(many.message(Lang::Ja).contains("123,456 個"));
        assert!(many.message(Lang::Ja).contains("100,000 個"));
    }

    #[test]
    fn an_unknown_recipient_with_no_kinds_declared_says_so() {
        let problem = Problem::UnknownRecipient {
            id: "internal".into(),
            known: vec![],
            suggestion: None,
        };
        for lang in [Lang::En, Lang::Ja] {
            let message = problem.message(lang);
            assert!(!message.contains("  "), "{message}");
            assert!(!message.contains(": ."), "{message}");
        }
        assert!(problem.message(Lang::Ja).contains("一つもありません"));
    }
}
