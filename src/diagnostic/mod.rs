//! Located problems, typed: what is wrong ([`Problem`], a code with parameters) and where
//! ([`Diagnostic`]). The words are produced once, by [`messages`], in English or Japanese.

pub mod lang;
pub mod messages;
pub mod terminal;

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

pub use lang::Lang;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Publishing is refused.
    Error,
    /// Worth fixing; publishing goes on unless warnings are denied.
    Warning,
}

/// Which list of identifiers an id was declared twice in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdKind {
    /// `recipients`.
    Recipient,
    /// `categories` (also inside `groups`).
    Category,
    /// `joint_use`.
    JointUse,
    /// `groups`.
    Group,
    /// `attributes`.
    Attribute,
    /// `documents` (with `notice` and `beppyo2` when `notice:` and `regulation:` are given).
    Document,
}

/// What is nested more deeply than every built-in template can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nesting {
    /// Purpose items within items (sub-items).
    Items,
    /// `record` parts (記 … 以上) within records.
    Records,
}

/// Why a document named by `page:` cannot hold another: it is not a notice printed on its
/// own page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageRefusal {
    /// The document names itself.
    Itself,
    /// The document named is itself printed on the page of `page`; `cycle` when that is
    /// the document that names it.
    Guest {
        /// The page the named document is printed on.
        page: String,
        /// True when the two name each other.
        cycle: bool,
    },
    /// The document named is a table.
    Table,
}

/// What is wrong: a stable code (the variant's snake_case name) with its parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum Problem {
    /// The bytes are not UTF-8; `guess` names the encoding they most likely are.
    NotUtf8 {
        /// e.g. `Shift_JIS`, when the bytes look like it.
        guess: Option<String>,
    },
    /// The file is larger than a purposes file can reasonably be.
    TooLarge {
        /// Its size in bytes, when known (standard input or a pipe does not say).
        size: Option<u64>,
        /// The largest size accepted.
        limit: u64,
    },
    /// The file holds nothing (or only comments).
    EmptyFile,
    /// The YAML itself is malformed; `detail` is the parser's own description.
    Syntax {
        /// What the parser said.
        detail: String,
    },
    /// A line that looks like a key but has no colon after it.
    MissingColon {
        /// The would-be key.
        key: String,
    },
    /// A key the schema does not know.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The keys allowed at that place.
        expected: Vec<String>,
        /// The allowed key nearest to the one written, if it is near.
        suggestion: Option<String>,
    },
    /// A required key is absent.
    MissingKey {
        /// The key.
        key: String,
        /// The key whose value lacks it (`notice`), when it is not the top level.
        parent: Option<String>,
    },
    /// A key with nothing after its colon, where a value is needed.
    MissingValue {
        /// The key.
        key: String,
    },
    /// A key appears twice in the same map.
    DuplicateKey {
        /// The key, when known.
        key: Option<String>,
    },
    /// A value of the right kind that is not acceptable, as its type explains it.
    InvalidValue {
        /// Why.
        detail: String,
    },
    /// A text where a date belongs that is not one.
    InvalidDate {
        /// The text as written.
        text: String,
        /// `format` (not `YYYY-MM-DD`) or `no_such_day` (2月30日).
        reason: String,
    },
    /// A value that must be one of a few words is none of them.
    UnknownChoice {
        /// The key.
        key: String,
        /// The value as written.
        value: String,
        /// The words allowed.
        allowed: Vec<String>,
        /// The allowed word nearest to the one written, if it is near.
        suggestion: Option<String>,
    },
    /// A tab in the indentation; YAML indents with spaces only.
    TabIndent,
    /// A full-width space where YAML needs a half-width one.
    FullWidthSpace {
        /// Where: `indent` (as indentation), `dash` (after a list's `-`) or `colon` (after
        /// a key's colon).
        context: String,
    },
    /// A full-width colon 「：」 after a key, where YAML needs `: `.
    FullWidthColon,
    /// `: ` inside a value that is not quoted: YAML reads it as a second key.
    ColonInValue,
    /// A quoted value whose closing quote is missing (or text after it).
    UnclosedQuote,
    /// A bracket `[` or `{` that is not closed: a value starting with one is read as a list
    /// or a map.
    UnclosedBracket {
        /// The opening bracket.
        open: char,
    },
    /// Indentation that does not line up with the keys around it.
    BadIndent,
    /// A value that starts with a character YAML reserves (`@`, `` ` ``, …).
    ReservedCharacter {
        /// The character.
        character: char,
    },
    /// A backslash in a double-quoted value that is not a valid escape.
    BadEscape,
    /// More than one YAML document (`---`) in the file.
    MultipleDocuments,
    /// The file is too deeply nested or expands too many aliases to be a purposes file.
    TooComplex {
        /// The parser's description of the limit reached.
        detail: String,
    },
    /// A text is empty or only spaces.
    EmptyText {
        /// The key, e.g. `notice.title`.
        field: String,
    },
    /// A list that must not be empty is.
    EmptyList {
        /// `recipients` or `categories`.
        field: String,
    },
    /// An id declared twice.
    DuplicateId {
        /// Where.
        kind: IdKind,
        /// The id.
        id: String,
        /// The line of its first declaration (0 when not known), so that both places are
        /// named.
        first_line: usize,
    },
    /// Items filed under a recipient kind that is not declared.
    UnknownRecipient {
        /// The id written.
        id: String,
        /// The ids declared under `recipients`.
        known: Vec<String>,
        /// The declared id nearest to the one written, if it is near.
        suggestion: Option<String>,
    },
    /// The same item twice in one cell.
    RepeatedItem {
        /// The item.
        text: String,
    },
    /// A revision dated before the previous date (制定 or the previous 改正).
    RevisionOutOfOrder {
        /// The revision's date.
        date: String,
        /// The date it should follow.
        previous: String,
    },
    /// Law: an item given to others with no basis (第27条第1項).
    LawProvisionWithoutBasis {
        /// The recipient kind's column heading.
        recipient: String,
    },
    /// Law: an item of 特定個人情報 resting on consent or a joint use, which 番号法第19条
    /// does not allow.
    LawNumberBasis {
        /// The basis written, as labelled (「本人の同意に基づく提供」).
        basis: String,
    },
    /// Law: data goes to a third party in a foreign country (第28条), but the security
    /// measures do not include 外的環境の把握.
    LawForeignEnvironment,
    /// Law: the purposes heading says 主な (main) while the legal section states that the
    /// purposes of all retained data are those listed (第32条第1項第2号).
    LawMainPurposes {
        /// The heading.
        heading: String,
    },
    /// A 施行日 before its revision's date: a revision cannot take effect before it is made.
    EffectiveBeforeRevision {
        /// The 施行日.
        date: String,
        /// The revision's date.
        revision: String,
    },
    /// An 適用日 before its revision's date: allowed (a revision may apply retroactively),
    /// but worth a second look.
    AppliesBeforeRevision {
        /// The 適用日.
        date: String,
        /// The revision's date.
        revision: String,
    },
    /// `compare`: the new version changes the purposes, but records no revision (改正)
    /// dated after the old version's last date.
    RevisionMissing {
        /// The old version's last date (its last 改正, or its 制定).
        after: String,
        /// True when the new version has no revision at all (the place shown is 制定).
        first: bool,
    },
    /// A build would publish changed purposes, provisions or joint use, but the source
    /// records no revision dated after the last one published (the publish guard).
    UnrecordedChange {
        /// The last date published (its last 改正, or its 制定).
        after: String,
        /// True when the source has no revision at all (the place shown is 制定).
        first: bool,
        /// Where the purposes changed: 「３．保健事業に必要な利用目的」, 「共同利用」, ….
        places: Vec<String>,
    },
    /// A revision (or the 制定) that was published is missing from the source, or has
    /// another date: the history of revisions only grows (the publish guard).
    RevisionDropped {
        /// Its published date.
        date: String,
    },
    /// A document that was published would no longer be produced (the publish guard).
    DocumentVanishes {
        /// Its path in the output folder.
        path: String,
    },
    /// The source does not end with a line break, as a file cut short does, and would
    /// replace what was published (the publish guard).
    CutShort,
    /// The record of what was published (`purposes.json`) cannot be read, so the build
    /// cannot judge what it would replace (the publish guard).
    RecordUnreadable {
        /// Why.
        reason: String,
    },
    /// A date before 1873, when Japan adopted the Gregorian calendar: it has no 和暦.
    BeforeWareki {
        /// The date.
        date: String,
    },
    /// A reference to an id that is not declared.
    UnknownId {
        /// Which list it should be declared in.
        kind: IdKind,
        /// The id written.
        id: String,
        /// The ids declared.
        known: Vec<String>,
        /// The declared id nearest to the one written, if it is near.
        suggestion: Option<String>,
    },
    /// A document id that cannot name its output files.
    BadDocumentId {
        /// The id written.
        id: String,
    },
    /// Both `categories` and `groups` hold categories.
    CategoriesAndGroups,
    /// A part of a document without content, or with more than one kind of content.
    PartShape,
    /// A plain value that YAML folded a line starting with `- ` into: an item indented under
    /// the one above, which became part of its text.
    FoldedItem,
    /// An item YAML reads as something other than text (`123`, `yes`, `null`).
    NotText {
        /// The value as written.
        value: String,
        /// What YAML reads it as: `number`, `yes_no` or `null`.
        reads_as: String,
    },
    /// A category whose items are a plain list while the table has recipient kinds.
    ItemsWithoutKind {
        /// The category's id.
        category: String,
        /// The first kind declared, to show how items are filed.
        kind: String,
    },
    /// `page:` names a document that cannot hold another.
    BadPage {
        /// The document named.
        id: String,
        /// Why it cannot.
        why: PageRefusal,
    },
    /// A template file whose name holds a control character (a line break, a tab, an
    /// escape): an output cannot be named so, nor listed in the manifest.
    TemplateName {
        /// The name, as read.
        name: String,
    },
    /// A control character (other than a line break or a tab) or a bidirectional override
    /// in a value: it would reach every output unseen.
    ControlCharacter {
        /// The field, e.g. `notice.title`.
        field: String,
        /// The character.
        character: char,
    },
    /// More of something than any real society has (recipient kinds, categories, items,
    /// cells of the table): refused before rendering, which would take minutes and
    /// gigabytes.
    TooMany {
        /// What: `recipients`, `categories`, `items`, `cells` (kinds × categories) or `shown`
        /// (the items all the documents print, see [`crate::source::shown`]).
        what: String,
        /// How many there are.
        count: usize,
        /// The most accepted.
        limit: usize,
    },
    /// A source of a federation whose file stem begins with `-`: its folder would be taken
    /// for an option by a command run over the federation's folder (`tar cf x *`).
    OptionLikeStem {
        /// The file stem, as the output folder would be named.
        stem: String,
    },
    /// Two sources of a federation whose file names differ only in Unicode normalisation
    /// (composed or decomposed characters): their folders would look the same.
    LookAlikeStems {
        /// The other source.
        first: String,
    },
    /// The lint found more warnings in a file than are listed: the rest, counted.
    MoreWarnings {
        /// The warnings not listed.
        count: usize,
        /// The warnings listed, the first in file order.
        shown: usize,
    },
    /// A template's loops asked `range` for more numbers than one output may use (nested
    /// loops that would spin for hours).
    TooManySteps {
        /// The output being rendered, e.g. `notice.html`.
        output: String,
        /// The most numbers `range` may give for one output.
        limit: u64,
    },
    /// The outputs of one source grew past the most a render may write (a template that
    /// prints without end, or a long text printed by many parts).
    OutputTooLarge {
        /// The output being rendered when the bound was reached, e.g. `notice.html`.
        output: String,
        /// The most bytes the outputs may hold together.
        limit: u64,
    },
    /// Items (or records) nested more deeply than every built-in template can print: the
    /// template engine stops at a fixed depth, and the error would name no place in the
    /// source.
    TooDeep {
        /// What is nested.
        what: Nesting,
        /// How deep this one is: 1 for an item of a list (a record in the body).
        depth: usize,
        /// The deepest accepted.
        limit: usize,
    },
    /// An image in prose that the pages would load from another site.
    RemoteImage {
        /// Its address.
        url: String,
    },
    /// An address to be published as a link with a scheme other than `https:`, `http:`,
    /// `mailto:` and `tel:` (a `javascript:` address would run in the reader's browser).
    UrlScheme {
        /// The address.
        url: String,
    },
    /// A user's template reads a variable of the original form (`notice`, `categories`,
    /// `column_widths`, …), given for one more release only.
    LegacyVariable {
        /// The variable.
        variable: String,
    },
    /// A group whose categories are not together.
    SplitGroup {
        /// The group's name.
        group: String,
    },
    /// A value of the wrong shape: a single value where a list or keys and values belong,
    /// or a list or keys where a text belongs.
    WrongShape {
        /// What belongs here: `list`, `keys` (a mapping), `text`, `number` or `item` (a text,
        /// or keys with `text`).
        expected: String,
        /// What was written, when known: `list`, `keys`, `text` or `empty`.
        found: Option<String>,
        /// The key the value stands under, when known.
        key: Option<String>,
    },
    /// Render warning: a run of characters that cannot be broken (a long URL) is wider than
    /// a line of the mailing text, and had to be split.
    SplitRun {
        /// The run.
        run: String,
        /// The line width, in full-width characters.
        width: usize,
    },
    /// A folder given as the sources of a federation holds none.
    NoSources,
    /// Two sources of a federation would build into the same folder.
    SharedOutput {
        /// The first source that builds there.
        first: String,
        /// The folder.
        out: String,
    },
    /// A source of a federation whose file stem cannot name a folder of its own: `.` or
    /// `..` (from `..yaml`, `...yaml`), which would put its outputs into the federation's
    /// folder itself or the folder above it.
    SourceStem {
        /// The file stem, as the output folder would be named.
        stem: String,
    },
    /// A text output holds a character its encoding cannot hold.
    Unencodable {
        /// The character.
        character: char,
        /// The encoding, e.g. `Shift_JIS (Windows-31J)`.
        encoding: String,
        /// The output it would be written to.
        output: String,
        /// True when no text of the source holds it: a template wrote it.
        from_template: bool,
    },
    /// `mailing.width` is outside the widths a mailing can have.
    WidthOutOfRange {
        /// The width given, in full-width characters.
        width: usize,
        /// The smallest width accepted.
        min: usize,
        /// The largest width accepted.
        max: usize,
    },
    /// A template could not be compiled or rendered (including a reference to a field
    /// that does not exist).
    Template {
        /// The template's name.
        name: String,
        /// Tera's description.
        detail: String,
    },
    /// A joint-use record (共同利用) lacks one or more of the particulars
    /// 個人情報保護法第27条第5項第3号 requires.
    JointUseIncomplete {
        /// The record's id.
        id: String,
        /// The missing keys, e.g. `users`, `responsible.address`.
        missing: Vec<String>,
    },
    /// An item's `basis: {joint_use: id}` names no joint-use record.
    UnknownJointUse {
        /// The id written.
        id: String,
        /// The ids declared under `joint_use`.
        known: Vec<String>,
    },
    /// Law: the society's address or representative is missing (第32条第1項第1号).
    LawHolder {
        /// The missing keys: `organization.address`, `organization.representative`.
        missing: Vec<String>,
    },
    /// Law: the procedure for requests (開示等の請求) is missing or incomplete
    /// (第32条第1項第3号).
    LawRequests {
        /// The missing keys of `personal_data.requests`, or `personal_data.requests` itself.
        missing: Vec<String>,
    },
    /// Law: where to file complaints is not given (施行令第10条第2号).
    LawComplaints,
    /// Law: the security control measures are neither listed nor offered on request
    /// (施行令第10条第1号).
    LawSecurity,
    /// Law: no contact point is given (第32条第1項第3号, 第40条).
    LawContact,
    /// Law: an item speaks of 共同利用 but the source has no joint-use record
    /// (第27条第5項第3号).
    LawJointUseWithoutRecord,
    /// Law: an item gives 要配慮個人情報 to others with no basis (第27条第1項・第2項).
    LawSensitiveWithoutBasis {
        /// The recipient kind's column heading.
        recipient: String,
    },
    /// A date left at an obvious placeholder.
    PlaceholderDate {
        /// The date, `YYYY-MM-DD`.
        date: String,
    },
    /// A text still holding the placeholder 〇〇.
    PlaceholderText,
    /// Lint: a half-width character among full-width Japanese text.
    MixedWidth {
        /// What was found.
        found: String,
        /// The full-width form.
        suggestion: String,
    },
    /// Lint: one number, date or time written in both full-width and half-width digits.
    MixedDigits {
        /// The expression as written.
        found: String,
        /// The same in one width.
        suggestion: String,
    },
    /// Lint: ASCII punctuation inside a Japanese sentence.
    AsciiPunctuation {
        /// What was found.
        found: String,
        /// The Japanese punctuation mark.
        suggestion: String,
    },
    /// Lint: a space inside Japanese text, e.g. 「第 19 条」.
    StraySpace,
    /// Lint: two or more spaces in a row.
    DoubleSpace,
    /// Lint: spaces at the end of a line.
    TrailingSpace,
    /// Lint: an outdated or mistaken term from the terminology list.
    Term {
        /// The term found.
        term: String,
        /// What to write instead.
        replacement: String,
        /// Why.
        reason: String,
        /// The day the change took effect (`YYYY-MM-DD`), when the list says.
        since: Option<String>,
        /// The law (and article) behind the change, when the list says.
        law: Option<String>,
    },
}

impl Problem {
    /// The stable code, e.g. `unknown_key`.
    pub fn code(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_owned))
            .unwrap_or_default()
    }

    /// Lint findings are warnings; everything else stops publishing.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::MixedWidth { .. }
            | Problem::MixedDigits { .. }
            | Problem::AsciiPunctuation { .. }
            | Problem::StraySpace
            | Problem::DoubleSpace
            | Problem::TrailingSpace
            | Problem::Term { .. }
            | Problem::SplitRun { .. }
            | Problem::MoreWarnings { .. }
            | Problem::LegacyVariable { .. }
            | Problem::ItemsWithoutKind { .. } => Severity::Warning,
            problem if problem.is_legal() => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Whether this is a finding of the check against the law (a warning `build` only
    /// counts, and `check` lists).
    pub fn is_legal(&self) -> bool {
        matches!(
            self,
            Problem::LawHolder { .. }
                | Problem::LawRequests { .. }
                | Problem::LawComplaints
                | Problem::LawSecurity
                | Problem::LawContact
                | Problem::LawJointUseWithoutRecord
                | Problem::JointUseIncomplete { .. }
                | Problem::LawSensitiveWithoutBasis { .. }
                | Problem::LawMainPurposes { .. }
                | Problem::LawProvisionWithoutBasis { .. }
                | Problem::LawNumberBasis { .. }
                | Problem::LawForeignEnvironment
                | Problem::AppliesBeforeRevision { .. }
                | Problem::PlaceholderDate { .. }
                | Problem::PlaceholderText
        )
    }
}

/// A problem at a place in a file, shown like a compiler's: `file:line:column`, the line,
/// and a marker under the spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, or 0 when the place is not known.
    pub line: usize,
    /// 1-based column in characters, or 0 when the place is not known.
    pub column: usize,
    /// What is wrong.
    pub problem: Problem,
    /// The text of the offending line, when known: shared by the diagnostics of one line
    /// (thousands of warnings on one long line hold one copy of it).
    pub source_line: Option<Arc<str>>,
}

impl Diagnostic {
    /// A diagnostic at `line:column` of `path`, with the offending line taken from `text`.
    pub fn at(
        path: impl Into<PathBuf>,
        text: &str,
        line: usize,
        column: usize,
        problem: Problem,
    ) -> Diagnostic {
        let source_line = (line > 0)
            .then(|| text.lines().nth(line - 1).map(Arc::from))
            .flatten();
        Diagnostic::on_line(path, source_line, line, column, problem)
    }

    /// A diagnostic at `line:column` of `path` whose line (`source_line`) the caller has
    /// already, to share it with others.
    pub fn on_line(
        path: impl Into<PathBuf>,
        source_line: Option<Arc<str>>,
        line: usize,
        column: usize,
        problem: Problem,
    ) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line,
            column,
            problem,
            source_line,
        }
    }

    /// A diagnostic at the first place `needle` is written in `text`, or for the whole file
    /// when it is not found there (a template wrote it).
    pub fn found(
        path: impl Into<PathBuf>,
        text: &str,
        needle: &str,
        problem: Problem,
    ) -> Diagnostic {
        match text.find(needle).filter(|_| !needle.is_empty()) {
            Some(byte) => {
                let (line, column) = crate::text::position::line_column(text, byte);
                Diagnostic::at(path, text, line, column, problem)
            }
            None => Diagnostic::at(path, text, 0, 0, problem),
        }
    }

    /// A render warning, located where the source writes what it is about.
    pub fn of_render_warning(path: impl Into<PathBuf>, text: &str, problem: Problem) -> Diagnostic {
        let needle = match &problem {
            Problem::SplitRun { run, .. } => run.clone(),
            _ => String::new(),
        };
        Diagnostic::found(path, text, &needle, problem)
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }

    /// The message in English.
    pub fn message(&self) -> String {
        self.problem.message(Lang::En)
    }

    /// The whole report in `lang`: `file:line:column: message`, then the line and a marker.
    pub fn to_text(&self, lang: Lang) -> String {
        let path = self.path.display();
        // User text (a key, a value, a line of the source) reaches the terminal with its
        // control characters made visible: an escape sequence in a key must not retitle or
        // clear the operator's terminal.
        let message = lang::visible_keeping(&self.problem.message(lang), &['\n', '\t']);
        if self.line == 0 {
            return format!("{path}: {message}");
        }
        let mut out = format!("{path}:{}:{}: {message}", self.line, self.column);
        if let Some(source_line) = &self.source_line {
            let (source_line, column) = excerpt(source_line, self.column);
            let source_line = &lang::visible_keeping(&source_line, &['\t']);
            let number = self.line.to_string();
            let gutter = " ".repeat(number.len());
            // The marker sits under the column, counted in display columns so it lines up
            // under full-width text in a terminal.
            let before: String = source_line.chars().take(column.saturating_sub(1)).collect();
            let pad = " ".repeat(crate::text::width::str_width(&before));
            out.push_str(&format!(
                "\n{gutter} |\n{number} | {source_line}\n{gutter} | {pad}^"
            ));
        }
        out
    }

    /// The diagnostic for machines: location, severity, code, parameters and message.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let problem = serde_json::to_value(&self.problem).unwrap_or_default();
        serde_json::json!({
            "file": self.path.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "severity": self.severity(),
            "code": problem.get("code"),
            "params": problem.get("params").cloned().unwrap_or_else(|| serde_json::json!({})),
            "message": self.problem.message(lang),
        })
    }
}

/// The most characters of a line a report shows; a longer line is shown around the column.
const MAX_SHOWN_LINE: usize = 160;

/// The part of `line` a report shows, and the column within it: the whole line when it is
/// short, otherwise [`MAX_SHOWN_LINE`] characters around `column` with `…` where it is cut
/// (a warning on a line of 240 KB prints a few hundred bytes, not the line).
fn excerpt(line: &str, column: usize) -> (std::borrow::Cow<'_, str>, usize) {
    let length = line.chars().count();
    if length <= MAX_SHOWN_LINE {
        return (line.into(), column);
    }
    let start = column
        .saturating_sub(1 + MAX_SHOWN_LINE / 2)
        .min(length - MAX_SHOWN_LINE);
    let end = start + MAX_SHOWN_LINE;
    let mut shown: String = if start > 0 {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(line.chars().skip(start).take(MAX_SHOWN_LINE));
    if end < length {
        shown.push('…');
    }
    let column = column - start + usize::from(start > 0);
    (shown.into(), column)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text(Lang::En))
    }
}

/// The allowed word nearest to `word`, if it is near enough to be a typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|&(distance, _)| distance <= limit)
        .min()
        .map(|(_, c)| c.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_lines_up_under_full_width_text() {
        let text = "a: 1\ntitle: 個人情報\n";
        // Column 10 is 「情」, after 「title: 個人」 (7 + 4 display columns).
        let d = Diagnostic::at("p.yaml", text, 2, 10, Problem::StraySpace);
        assert_eq!(
            d.to_string(),
            "p.yaml:2:10: a space inside Japanese text; remove it\n  |\n2 | title: 個人情報\n  |            ^"
        );
    }

    #[test]
    fn codes_are_snake_case() {
        let p = Problem::UnknownKey {
            key: "x".into(),
            expected: vec![],
            suggestion: None,
        };
        assert_eq!(p.code(), "unknown_key");
        assert_eq!(Problem::EmptyFile.code(), "empty_file");
    }

    #[test]
    fn near_misses_are_suggested() {
        assert_eq!(
            nearest("shortname", ["name", "short_name"]),
            Some("short_name".into())
        );
        assert_eq!(nearest("zzz", ["name", "short_name"]), None);
    }
}
