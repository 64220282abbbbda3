//! Every message, in English and in Japanese, kept as a snapshot
//! (`tests/fixtures/messages/every-message.txt`): each problem and error the program can
//! report, with each branch of its wording. A new variant does not compile here until it
//! is given a sample, so none goes unread.

use std::path::PathBuf;

use mokuteki::Error;
use mokuteki::cli::{Usage, usage};
use mokuteki::compare::changes::{Change, KindName, Place};
use mokuteki::compare::words::confirmation;
use mokuteki::diagnostic::{Diagnostic, IdKind, Lang, Nesting, PageRefusal, Problem};
use mokuteki::error::{GitFailure, LockHolder, Refusal};
use mokuteki::fs::FileKind;
use mokuteki::output::manifest::Writer;

use crate::support::{assert_snapshot, fixture};

/// The index of a problem's variant: exhaustive, so that a variant added to [`Problem`]
/// must be given a sample in [`problems`] before this compiles.
fn problem_variant(problem: &Problem) -> usize {
    match problem {
        Problem::NotUtf8 { .. } => 0,
        Problem::TooLarge { .. } => 1,
        Problem::EmptyFile => 2,
        Problem::Syntax { .. } => 3,
        Problem::MissingColon { .. } => 4,
        Problem::UnknownKey { .. } => 5,
        Problem::MissingKey { .. } => 6,
        Problem::DuplicateKey { .. } => 7,
        Problem::MissingValue { .. } => 8,
        Problem::InvalidValue { .. } => 9,
        Problem::MultipleDocuments => 10,
        Problem::TooComplex { .. } => 11,
        Problem::EmptyText { .. } => 12,
        Problem::EmptyList { .. } => 13,
        Problem::DuplicateId { .. } => 14,
        Problem::UnknownRecipient { .. } => 15,
        Problem::RepeatedItem { .. } => 16,
        Problem::RevisionOutOfOrder { .. } => 17,
        Problem::EffectiveBeforeRevision { .. } => 18,
        Problem::SplitGroup { .. } => 19,
        Problem::WrongShape { .. } => 20,
        Problem::NoSources => 21,
        Problem::SharedOutput { .. } => 22,
        Problem::Unencodable { .. } => 23,
        Problem::WidthOutOfRange { .. } => 24,
        Problem::Template { .. } => 25,
        Problem::MixedWidth { .. } => 26,
        Problem::AsciiPunctuation { .. } => 27,
        Problem::StraySpace => 28,
        Problem::DoubleSpace => 29,
        Problem::TrailingSpace => 30,
        Problem::Term { .. } => 31,
        Problem::RevisionMissing { .. } => 32,
        Problem::InvalidDate { .. } => 33,
        Problem::UnknownChoice { .. } => 34,
        Problem::TabIndent => 35,
        Problem::FullWidthSpace { .. } => 36,
        Problem::FullWidthColon => 37,
        Problem::ColonInValue => 38,
        Problem::UnclosedQuote => 39,
        Problem::UnclosedBracket { .. } => 40,
        Problem::BadIndent => 41,
        Problem::ReservedCharacter { .. } => 42,
        Problem::BadEscape => 43,
        Problem::SplitRun { .. } => 44,
        Problem::MixedDigits { .. } => 45,
        Problem::JointUseIncomplete { .. } => 46,
        Problem::UnknownJointUse { .. } => 47,
        Problem::LawHolder { .. } => 48,
        Problem::LawRequests { .. } => 49,
        Problem::LawComplaints => 50,
        Problem::LawSecurity => 51,
        Problem::LawContact => 52,
        Problem::LawJointUseWithoutRecord => 53,
        Problem::LawSensitiveWithoutBasis { .. } => 54,
        Problem::PlaceholderDate { .. } => 55,
        Problem::PlaceholderText => 56,
        Problem::BeforeWareki { .. } => 57,
        Problem::UnknownId { .. } => 58,
        Problem::BadDocumentId { .. } => 59,
        Problem::CategoriesAndGroups => 60,
        Problem::PartShape => 61,
        Problem::TemplateName { .. } => 62,
        Problem::ControlCharacter { .. } => 63,
        Problem::RemoteImage { .. } => 64,
        Problem::TooMany { .. } => 65,
        Problem::SourceStem { .. } => 66,
        Problem::TooDeep { .. } => 67,
        Problem::UrlScheme { .. } => 68,
        Problem::LegacyVariable { .. } => 69,
        Problem::UnrecordedChange { .. } => 70,
        Problem::RevisionDropped { .. } => 71,
        Problem::DocumentVanishes { .. } => 72,
        Problem::CutShort => 73,
        Problem::RecordUnreadable { .. } => 74,
        Problem::AppliesBeforeRevision { .. } => 75,
        Problem::LawMainPurposes { .. } => 76,
        Problem::LawProvisionWithoutBasis { .. } => 77,
        Problem::LawNumberBasis { .. } => 78,
        Problem::LawForeignEnvironment => 79,
        Problem::BadPage { .. } => 80,
        Problem::FoldedItem => 81,
        Problem::NotText { .. } => 82,
        Problem::ItemsWithoutKind { .. } => 83,
        Problem::OutputTooLarge { .. } => 84,
        Problem::MoreWarnings { .. } => 85,
        Problem::OptionLikeStem { .. } => 86,
        Problem::LookAlikeStems { .. } => 87,
        Problem::TooManySteps { .. } => 88,
    }
}

/// How many variants [`problem_variant`] numbers.
const PROBLEM_VARIANTS: usize = 89;

/// A sample of every problem, and of each branch of its wording.
fn problems() -> Vec<Problem> {
    let s = |text: &str| text.to_owned();
    vec![
        Problem::NotUtf8 {
            guess: Some(s("Shift_JIS")),
        },
        Problem::NotUtf8 { guess: None },
        Problem::TooLarge {
            size: Some(31_457_280),
            limit: 4_194_304,
        },
        Problem::TooLarge {
            size: None,
            limit: 4_194_304,
        },
        Problem::EmptyFile,
        Problem::Syntax {
            detail: s("did not find expected key"),
        },
        Problem::MissingColon { key: s("title") },
        Problem::UnknownKey {
            key: s("shortname"),
            expected: vec![s("name"), s("short_name")],
            suggestion: Some(s("short_name")),
        },
        Problem::UnknownKey {
            key: s("zzz"),
            expected: vec![s("name"), s("short_name")],
            suggestion: None,
        },
        Problem::MissingKey {
            key: s("title"),
            parent: Some(s("notice")),
        },
        Problem::MissingKey {
            key: s("regulation"),
            parent: None,
        },
        Problem::DuplicateKey {
            key: Some(s("title")),
        },
        Problem::DuplicateKey { key: None },
        Problem::MissingValue { key: s("title") },
        Problem::MissingValue { key: s("") },
        Problem::InvalidValue {
            detail: s("invalid date 2025-02-30"),
        },
        Problem::MultipleDocuments,
        Problem::TooComplex {
            detail: s("limits breached"),
        },
        Problem::EmptyText {
            field: s("notice.title"),
        },
        Problem::EmptyList {
            field: s("recipients"),
        },
        Problem::EmptyList {
            field: s("categories"),
        },
        Problem::DuplicateId {
            kind: IdKind::Recipient,
            id: s("internal"),
            first_line: 0,
        },
        Problem::DuplicateId {
            kind: IdKind::Category,
            id: s("benefits"),
            first_line: 24,
        },
        Problem::DuplicateId {
            kind: IdKind::JointUse,
            id: s("kenporen"),
            first_line: 7,
        },
        Problem::UnknownRecipient {
            id: s("internl"),
            known: vec![s("internal"), s("outside")],
            suggestion: Some(s("internal")),
        },
        Problem::UnknownRecipient {
            id: s("zzz"),
            known: vec![s("internal")],
            suggestion: None,
        },
        Problem::RepeatedItem {
            text: s("保険給付の実施"),
        },
        Problem::RevisionOutOfOrder {
            date: s("2004-04-01"),
            previous: s("2005-04-01"),
        },
        Problem::EffectiveBeforeRevision {
            date: s("2024-10-01"),
            revision: s("2024-11-01"),
        },
        Problem::SplitGroup {
            group: s("保険給付"),
        },
        Problem::WrongShape {
            expected: s("list"),
            found: Some(s("text")),
            key: Some(s("recipients")),
        },
        Problem::WrongShape {
            expected: s("list"),
            found: None,
            key: None,
        },
        Problem::WrongShape {
            expected: s("keys"),
            found: Some(s("text")),
            key: Some(s("notice")),
        },
        Problem::WrongShape {
            expected: s("keys"),
            found: Some(s("text")),
            key: None,
        },
        Problem::WrongShape {
            expected: s("text"),
            found: Some(s("list")),
            key: Some(s("title")),
        },
        Problem::WrongShape {
            expected: s("number"),
            found: Some(s("text")),
            key: Some(s("width")),
        },
        Problem::WrongShape {
            expected: s("item"),
            found: Some(s("list")),
            key: Some(s("internal")),
        },
        Problem::NoSources,
        Problem::SharedOutput {
            first: s("a/alpha.yaml"),
            out: s("public/alpha"),
        },
        Problem::Unencodable {
            character: '𠮷',
            encoding: s("Shift_JIS (Windows-31J)"),
            output: s("notice.txt"),
            from_template: false,
        },
        Problem::Unencodable {
            character: '😀',
            encoding: s("Shift_JIS (Windows-31J)"),
            output: s("notice.txt"),
            from_template: true,
        },
        Problem::WidthOutOfRange {
            width: 300,
            min: 10,
            max: 200,
        },
        Problem::Template {
            name: s("notice.html.tera"),
            detail: s("Variable `x` not found in context"),
        },
        Problem::Template {
            name: s("notice.md.tera"),
            detail: s("Field `subtitle` is not defined. Available fields: preamble, title"),
        },
        Problem::Template {
            name: s("notice.md.tera"),
            detail: s("error: Unknown filter `nofilter`\n"),
        },
        Problem::Template {
            name: s("notice.md.tera"),
            detail: s("Unexpected end of template"),
        },
        Problem::MixedWidth {
            found: s("("),
            suggestion: s("（"),
        },
        Problem::AsciiPunctuation {
            found: s("."),
            suggestion: s("。"),
        },
        Problem::StraySpace,
        Problem::DoubleSpace,
        Problem::TrailingSpace,
        Problem::Term {
            term: s("健康保険被保険者証"),
            replacement: s("資格確認書"),
            reason: s("被保険者証は廃止されました"),
            since: Some(s("2024-12-02")),
            law: Some(s("健康保険法")),
        },
        Problem::Term {
            term: s("健康保険被保険者証"),
            replacement: s("資格確認書"),
            reason: s("被保険者証は廃止されました"),
            since: None,
            law: None,
        },
        Problem::RevisionMissing {
            after: s("2024-11-01"),
            first: false,
        },
        Problem::RevisionMissing {
            after: s("2005-04-01"),
            first: true,
        },
        Problem::InvalidDate {
            text: s("2005-4-1"),
            reason: s("format"),
        },
        Problem::InvalidDate {
            text: s("平成17年4月1日"),
            reason: s("format"),
        },
        Problem::InvalidDate {
            text: s("2025-02-30"),
            reason: s("no_such_day"),
        },
        Problem::UnknownChoice {
            key: s("punctuation"),
            value: s("hnag"),
            allowed: vec![s("push_out"), s("hang")],
            suggestion: Some(s("hang")),
        },
        Problem::UnknownChoice {
            key: s("encoding"),
            value: s("euc-jp"),
            allowed: vec![s("utf-8"), s("shift_jis")],
            suggestion: None,
        },
        Problem::TabIndent,
        Problem::FullWidthSpace {
            context: s("indent"),
        },
        Problem::FullWidthSpace { context: s("dash") },
        Problem::FullWidthSpace {
            context: s("colon"),
        },
        Problem::FullWidthColon,
        Problem::ColonInValue,
        Problem::UnclosedQuote,
        Problem::UnclosedBracket { open: '[' },
        Problem::BadIndent,
        Problem::ReservedCharacter { character: '@' },
        Problem::BadEscape,
        Problem::SplitRun {
            run: s("https://example.jp/a/very/long/address"),
            width: 36,
        },
        Problem::MixedDigits {
            found: s("９時〜17時"),
            suggestion: s("9時〜17時"),
        },
        Problem::JointUseIncomplete {
            id: s("kenporen"),
            missing: vec![
                s("statement"),
                s("items"),
                s("users"),
                s("purposes"),
                s("responsible"),
                s("responsible.name"),
                s("responsible.address"),
                s("responsible.representative"),
            ],
        },
        Problem::UnknownJointUse {
            id: s("kenpo_ren"),
            known: vec![s("kenporen")],
        },
        Problem::UnknownJointUse {
            id: s("kenporen"),
            known: vec![],
        },
        Problem::LawHolder {
            missing: vec![s("organization.address"), s("organization.representative")],
        },
        Problem::LawHolder {
            missing: vec![s("organization.address")],
        },
        Problem::LawHolder {
            missing: vec![s("organization.representative")],
        },
        Problem::LawRequests {
            missing: vec![s("personal_data.requests")],
        },
        Problem::LawRequests {
            missing: vec![s("personal_data.requests.fee")],
        },
        Problem::LawComplaints,
        Problem::LawSecurity,
        Problem::LawContact,
        Problem::LawJointUseWithoutRecord,
        Problem::LawSensitiveWithoutBasis {
            recipient: s("他の事業者等への情報提供を伴うもの"),
        },
        Problem::PlaceholderDate {
            date: s("2000-01-01"),
        },
        Problem::PlaceholderText,
        Problem::BeforeWareki {
            date: s("1850-04-01"),
        },
        Problem::UnknownId {
            kind: IdKind::Category,
            id: s("benfits"),
            known: vec![s("benefits"), s("health")],
            suggestion: Some(s("benefits")),
        },
        Problem::UnknownId {
            kind: IdKind::Document,
            id: s("beppyo"),
            known: vec![s("notice")],
            suggestion: None,
        },
        Problem::BadDocumentId { id: s("公表文") },
        Problem::CategoriesAndGroups,
        Problem::PartShape,
        Problem::TemplateName {
            name: s("evil\nnotice.html\u{1b}]0;x\u{7}\u{202e}.tera"),
        },
        Problem::ControlCharacter {
            field: s("notice.title"),
            character: '\u{202e}',
        },
        Problem::RemoteImage {
            url: s("https://tracker.example/p.gif"),
        },
        Problem::TooMany {
            what: s("recipients"),
            count: 3000,
            limit: 100,
        },
        Problem::TooMany {
            what: s("categories"),
            count: 9000,
            limit: 5000,
        },
        Problem::TooMany {
            what: s("items"),
            count: 200000,
            limit: 100000,
        },
        Problem::TooMany {
            what: s("cells"),
            count: 900000,
            limit: 100000,
        },
        Problem::TooMany {
            what: s("shown"),
            count: 1000000,
            limit: 250000,
        },
        Problem::SourceStem { stem: s("..") },
        Problem::TooDeep {
            what: Nesting::Items,
            depth: 11,
            limit: 10,
        },
        Problem::TooDeep {
            what: Nesting::Records,
            depth: 4,
            limit: 3,
        },
        Problem::UrlScheme {
            url: s("javascript:alert(1)"),
        },
        Problem::LegacyVariable {
            variable: s("column_widths"),
        },
        Problem::UnrecordedChange {
            after: s("2021-10-20"),
            first: false,
            places: vec![s("８．その他"), s("共同利用")],
        },
        Problem::UnrecordedChange {
            after: s("2005-04-01"),
            first: true,
            places: vec![s("１．保険給付")],
        },
        Problem::RevisionDropped {
            date: s("2017-11-13"),
        },
        Problem::DocumentVanishes {
            path: s("beppyo2.html"),
        },
        Problem::CutShort,
        Problem::RecordUnreadable {
            reason: s("format 2 (this mokuteki reads format 1)"),
        },
        Problem::AppliesBeforeRevision {
            date: s("2025-04-01"),
            revision: s("2025-06-01"),
        },
        Problem::LawMainPurposes {
            heading: s("当組合の主な利用目的"),
        },
        Problem::LawProvisionWithoutBasis {
            recipient: s("他の事業者等への情報提供を伴うもの"),
        },
        Problem::LawNumberBasis {
            basis: s("本人の同意に基づく提供"),
        },
        Problem::LawForeignEnvironment,
        Problem::BadPage {
            id: s("koukai"),
            why: PageRefusal::Itself,
        },
        Problem::BadPage {
            id: s("kanri"),
            why: PageRefusal::Guest {
                page: s("koukai"),
                cycle: false,
            },
        },
        Problem::BadPage {
            id: s("kanri"),
            why: PageRefusal::Guest {
                page: s("koukai"),
                cycle: true,
            },
        },
        Problem::BadPage {
            id: s("beppyo"),
            why: PageRefusal::Table,
        },
        Problem::FoldedItem,
        Problem::NotText {
            value: s("123"),
            reads_as: s("number"),
        },
        Problem::NotText {
            value: s("yes"),
            reads_as: s("yes_no"),
        },
        Problem::NotText {
            value: s("null"),
            reads_as: s("null"),
        },
        Problem::NotText {
            value: s(""),
            reads_as: s("null"),
        },
        Problem::ItemsWithoutKind {
            category: s("benefits"),
            kind: s("internal"),
        },
        Problem::OutputTooLarge {
            output: s("notice.html"),
            limit: 268435456,
        },
        Problem::MoreWarnings {
            count: 15800,
            shown: 200,
        },
        Problem::OptionLikeStem {
            stem: s("--checkpoint-action=exec=sh x.sh"),
        },
        Problem::LookAlikeStems {
            first: s("societies/がくえん.yaml"),
        },
        Problem::TooManySteps {
            output: s("notice.html"),
            limit: 10000000,
        },
    ]
}

/// The index of an error's variant: exhaustive, as [`problem_variant`].
fn error_variant(error: &Error) -> usize {
    match error {
        Error::Read { .. } => 0,
        Error::Write { .. } => 1,
        Error::NotAFile { .. } => 2,
        Error::TooLarge { .. } => 3,
        Error::Source(_) => 4,
        Error::Template(_) => 5,
        Error::Unencodable(_) => 6,
        Error::WouldOverwrite { .. } => 7,
        Error::Edited { .. } => 8,
        Error::Manifest { .. } => 9,
        Error::Refused { .. } => 10,
        Error::FolderLink { .. } => 11,
        Error::Locked { .. } => 12,
        Error::Differs { .. } => 13,
        Error::Federation { .. } => 14,
        Error::Git { .. } => 15,
        Error::SourceExists { .. } => 16,
        Error::Listen { .. } => 17,
        Error::OtherCommand { .. } => 18,
        Error::WouldRemoveComparison { .. } => 19,
        Error::UntrustedManifest { .. } => 20,
        Error::ForeignTemplates { .. } => 21,
    }
}

/// How many variants [`error_variant`] numbers.
const ERROR_VARIANTS: usize = 22;

/// A sample of every error, and of each kind of file that is not a regular one.
fn errors() -> Vec<Error> {
    let path = |p: &str| PathBuf::from(p);
    let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    let located = |problem| Diagnostic::at("purposes.yaml", "title: 個人情報\n", 1, 8, problem);
    let mut samples = vec![
        Error::Read {
            path: path("purposes.yaml"),
            source: io(),
        },
        Error::Write {
            path: path("out/notice.html"),
            source: io(),
        },
    ];
    // A write that found no room: each is worded, with what to do, in both languages.
    for kind in [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::QuotaExceeded,
        std::io::ErrorKind::FileTooLarge,
    ] {
        samples.push(Error::Write {
            path: path("out/notice.html"),
            source: std::io::Error::from(kind),
        });
    }
    for kind in [
        FileKind::Directory,
        FileKind::SymbolicLink,
        FileKind::Fifo,
        FileKind::Socket,
        FileKind::Device,
        FileKind::HardLinked,
        FileKind::Other,
    ] {
        samples.push(Error::NotAFile {
            path: path("purposes.yaml"),
            kind,
        });
    }
    samples.extend([
        Error::TooLarge {
            path: path("purposes.yaml"),
            size: Some(31_457_280),
            limit: 4_194_304,
        },
        Error::TooLarge {
            path: path("purposes.yaml"),
            size: None,
            limit: 4_194_304,
        },
        Error::Source(vec![located(Problem::StraySpace)]),
        Error::Source(vec![
            located(Problem::EmptyFile),
            located(Problem::TrailingSpace),
        ]),
        Error::Template(Box::new(located(Problem::Template {
            name: "notice.html.tera".into(),
            detail: "Variable `x` not found in context".into(),
        }))),
        Error::Unencodable(Box::new(located(Problem::Unencodable {
            character: '𠮷',
            encoding: "Shift_JIS (Windows-31J)".into(),
            output: "notice.txt".into(),
            from_template: false,
        }))),
        Error::WouldOverwrite {
            path: path("out/notice.html"),
        },
        Error::Edited {
            paths: vec![path("out/notice.md")],
        },
        Error::Edited {
            paths: vec![path("out/notice.md"), path("out/beppyo2.md")],
        },
        Error::Manifest {
            path: path("out/.mokuteki-manifest"),
            line: 3,
            message: "a line without a hash".into(),
        },
        Error::Refused {
            path: path("/"),
            reason: Refusal::Root,
        },
        Error::Refused {
            path: path("/home/user"),
            reason: Refusal::Home,
        },
        Error::Refused {
            path: path("project"),
            reason: Refusal::CurrentFolder,
        },
        Error::Refused {
            path: path("data"),
            reason: Refusal::HoldsSource(path("data/purposes.yaml")),
        },
        Error::Refused {
            path: path("templates/out"),
            reason: Refusal::Templates(path("templates")),
        },
        Error::Refused {
            path: path("documents"),
            reason: Refusal::NotEmpty { entries: 12 },
        },
        Error::FolderLink {
            path: path("out/s001"),
        },
        Error::Locked {
            path: path("out/.mokuteki-lock"),
            holder: LockHolder::Process {
                pid: Some(42),
                host: Some("web1".into()),
            },
        },
        Error::Locked {
            path: path("out/.mokuteki-lock"),
            holder: LockHolder::Process {
                pid: Some(42),
                host: None,
            },
        },
        Error::Locked {
            path: path("out/.mokuteki-lock"),
            holder: LockHolder::Process {
                pid: None,
                host: Some("web1".into()),
            },
        },
        Error::Locked {
            path: path("out/.mokuteki-lock"),
            holder: LockHolder::Process {
                pid: None,
                host: None,
            },
        },
        Error::Locked {
            path: path("out/.mokuteki-lock"),
            holder: LockHolder::OtherBuilds,
        },
        Error::Differs {
            path: path("out"),
            count: 2,
        },
        Error::Federation {
            failed: vec![
                (
                    path("a.yaml"),
                    Error::Source(vec![located(Problem::EmptyFile)]),
                ),
                (
                    path("b.yaml"),
                    Error::Read {
                        path: path("b.yaml"),
                        source: io(),
                    },
                ),
            ],
            built: 3,
        },
    ]);
    for failure in [
        GitFailure::OptionLike,
        GitFailure::Ambiguous,
        GitFailure::NotRun("No such file or directory (os error 2)".into()),
        GitFailure::Refused("fatal: invalid object name 'v9'.".into()),
        GitFailure::TooLarge { limit: 4_194_304 },
    ] {
        samples.push(Error::Git {
            version: path("v1:purposes.yaml"),
            failure,
        });
    }
    samples.push(Error::SourceExists {
        path: path("purposes.yaml"),
    });
    samples.push(Error::Listen {
        address: "127.0.0.1:8917".into(),
        source: std::io::Error::from(std::io::ErrorKind::AddrInUse),
    });
    samples.extend([
        Error::OtherCommand {
            path: path("revision"),
            owner: Writer::Compare,
            file: "henkou.html".into(),
        },
        Error::OtherCommand {
            path: path("out"),
            owner: Writer::Build,
            file: "beppyo2.fragment.html".into(),
        },
        Error::WouldRemoveComparison {
            path: path("revision"),
            file: "henkou.html".into(),
        },
        Error::UntrustedManifest {
            path: path("out/.mokuteki-manifest"),
            owner: 65534,
        },
        Error::ForeignTemplates {
            path: path("societies/templates"),
            owner: 65534,
        },
    ]);
    samples
}

/// The summary lines of a run, with each branch of their wording: name, English,
/// Japanese.
fn summaries() -> Vec<(String, String, String)> {
    use mokuteki::compare::words::{comparison_written, confirm_heading, versions_identical};
    use mokuteki::federation::{federation_legal_summary, federation_warnings_summary};
    let mut lines = Vec::new();
    // compare's own lines: identical versions, what it wrote, the heading of what to confirm.
    let (old, new, out) = (
        std::path::Path::new("old.yaml"),
        std::path::Path::new("new.yaml"),
        std::path::Path::new("revision"),
    );
    lines.push((
        "compare: identical".to_owned(),
        versions_identical(old, new, Lang::En),
        versions_identical(old, new, Lang::Ja),
    ));
    lines.push((
        "compare: written".to_owned(),
        comparison_written(3, 4, out, Lang::En),
        comparison_written(3, 4, out, Lang::Ja),
    ));
    lines.push((
        "compare: confirm".to_owned(),
        confirm_heading(Lang::En).to_owned(),
        confirm_heading(Lang::Ja).to_owned(),
    ));
    for count in [1, 5] {
        lines.push((
            format!("legal summary, {count}"),
            Lang::En.legal_summary(count),
            Lang::Ja.legal_summary(count),
        ));
    }
    let names = |count: usize| -> Vec<PathBuf> {
        ["a.yaml", "b.yaml", "c.yaml"][..count]
            .iter()
            .map(PathBuf::from)
            .collect()
    };
    for (points, sources) in [(1, 1), (5, 1), (10, 2), (15, 3), (7000, 1400)] {
        let named = names(sources.min(3));
        lines.push((
            format!("federation legal summary, {points} in {sources}"),
            federation_legal_summary(Lang::En, points, sources, &named),
            federation_legal_summary(Lang::Ja, points, sources, &named),
        ));
    }
    // Only a run with more warnings than it lists prints this line.
    for (warnings, sources) in [(21, 1), (24, 6), (5600, 1400)] {
        let named = names(sources.min(3));
        lines.push((
            format!("federation warnings summary, {warnings} in {sources}"),
            federation_warnings_summary(Lang::En, warnings, sources, &named),
            federation_warnings_summary(Lang::Ja, warnings, sources, &named),
        ));
    }
    let folder = PathBuf::from("public/beta");
    lines.push((
        "federation folder left behind".to_owned(),
        mokuteki::federation::federation_left_behind(Lang::En, &folder),
        mokuteki::federation::federation_left_behind(Lang::Ja, &folder),
    ));
    lines.push((
        "federation folder pruned".to_owned(),
        mokuteki::federation::federation_pruned(Lang::En, &folder),
        mokuteki::federation::federation_pruned(Lang::Ja, &folder),
    ));
    lines
}

/// Whether `c` is Japanese script or full-width punctuation.
fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF60}')
}

#[test]
fn every_message_reads_as_written_in_both_languages() {
    let problems = problems();
    let mut seen: Vec<usize> = problems.iter().map(problem_variant).collect();
    seen.dedup();
    assert_eq!(
        seen,
        (0..PROBLEM_VARIANTS).collect::<Vec<_>>(),
        "a sample of each problem, in order"
    );
    let errors = errors();
    let mut seen: Vec<usize> = errors.iter().map(error_variant).collect();
    seen.dedup();
    assert_eq!(
        seen,
        (0..ERROR_VARIANTS).collect::<Vec<_>>(),
        "a sample of each error, in order"
    );

    let mut text = String::new();
    for problem in &problems {
        let (en, ja) = (problem.message(Lang::En), problem.message(Lang::Ja));
        text.push_str(&format!("## {}\nen: {en}\nja: {ja}\n\n", problem.code()));
        assert!(!en.is_empty() && !ja.is_empty(), "{problem:?}");
        assert_ne!(en, ja, "{problem:?}");
        assert!(ja.chars().any(is_japanese), "not Japanese: {ja}");
    }
    for error in &errors {
        let (en, ja) = (error.to_text(Lang::En), error.to_text(Lang::Ja));
        text.push_str(&format!(
            "## error {}\nen: {en}\nja: {ja}\n\n",
            error_variant(error)
        ));
        assert_ne!(en, ja, "{error:?}");
        assert!(ja.chars().any(is_japanese), "not Japanese: {ja}");
    }
    for change in changes() {
        let (en, ja) = (
            confirmation(&change, Lang::En),
            confirmation(&change, Lang::Ja),
        );
        let tag = serde_json::to_value(&change).unwrap()["change"]
            .as_str()
            .unwrap()
            .to_owned();
        text.push_str(&format!("## confirmation {tag}\nen: {en}\nja: {ja}\n\n"));
        assert_ne!(en, ja, "{change:?}");
        assert!(ja.chars().any(is_japanese), "not Japanese: {ja}");
    }
    for (name, en, ja) in summaries() {
        text.push_str(&format!("## {name}\nen: {en}\nja: {ja}\n\n"));
        assert_ne!(en, ja, "{name}");
        assert!(ja.chars().any(is_japanese), "not Japanese: {ja}");
    }
    // A command line that cannot be parsed: clap words it in English, mokuteki in Japanese.
    let mut seen: Vec<usize> = usages().iter().map(|(u, _)| usage_variant(u)).collect();
    seen.dedup();
    assert_eq!(
        seen,
        (0..8).collect::<Vec<_>>(),
        "a sample of each usage, in order"
    );
    for (problem, command) in usages() {
        let ja = usage(&problem, command);
        text.push_str(&format!(
            "## usage {}\nja: {ja}\n\n",
            variant_name(&format!("{problem:?}"))
        ));
        assert!(ja.chars().any(is_japanese), "not Japanese: {ja}");
    }
    assert_snapshot(&fixture("messages/every-message.txt"), &text);
}

/// The index of a usage problem's variant: exhaustive, as [`problem_variant`].
fn usage_variant(problem: &Usage) -> usize {
    match problem {
        Usage::UnknownFlag(_) => 0,
        Usage::UnknownCommand(_) => 1,
        Usage::InvalidValue { .. } => 2,
        Usage::Missing(_) => 3,
        Usage::MissingValue(_) => 4,
        Usage::Unexpected(_) => 5,
        Usage::Conflict(..) => 6,
        Usage::Other => 7,
    }
}

/// A sample of every command line that cannot be parsed, with the command it was for,
/// and each branch of its wording.
fn usages() -> Vec<(Usage, Option<&'static str>)> {
    let s = |text: &str| text.to_owned();
    vec![
        (Usage::UnknownFlag(s("--sorce")), Some("build")),
        (Usage::UnknownFlag(s("--sorce")), None),
        (Usage::UnknownCommand(s("buld")), None),
        (
            Usage::InvalidValue {
                flag: s("--width <N>"),
                value: s("300"),
            },
            Some("build"),
        ),
        (
            Usage::InvalidValue {
                flag: s("--encoding <ENCODING>"),
                value: s("euc-jp"),
            },
            Some("build"),
        ),
        (
            Usage::InvalidValue {
                flag: s("--format <FORMAT>"),
                value: s("yaml"),
            },
            Some("check"),
        ),
        (
            Usage::InvalidValue {
                flag: s("--jobs <N>"),
                value: s("0"),
            },
            Some("build"),
        ),
        (
            Usage::InvalidValue {
                flag: s("--port <PORT>"),
                value: s("http"),
            },
            Some("serve"),
        ),
        (Usage::Missing(s("<OLD>、<NEW>")), Some("compare")),
        (Usage::MissingValue(s("--source <FILE|DIR>")), Some("build")),
        (Usage::Unexpected(s("b")), Some("init")),
        (Usage::Conflict(s("--check"), s("--force")), Some("build")),
        (Usage::Other, Some("compare")),
    ]
}

/// The name of an enum value's variant, as its `Debug` form begins.
fn variant_name(debug: &str) -> String {
    debug
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// Whether `text` builds `Type::Variant` somewhere, not only matches it: after the variant
/// and its fields, a pattern goes on with `=>`, `=`, `|` or `if`, or has `..` among its
/// fields, or follows the `|` of another alternative.
fn constructs(text: &str, path: &str) -> bool {
    text.match_indices(path).any(|(at, _)| {
        let rest = &text[at + path.len()..];
        if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            return false; // a longer name
        }
        // An alternative of a pattern follows a `|`; a closure's parameters come in pairs.
        let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
        if line.trim_end().ends_with('|') && line.matches('|').count() % 2 == 1 {
            return false;
        }
        let mut depth = 0;
        let mut end = 0;
        for (i, c) in rest.char_indices() {
            match c {
                '{' | '(' => depth += 1,
                '}' | ')' if depth > 0 => depth -= 1,
                c if depth == 0 && !c.is_whitespace() => {
                    end = i;
                    break;
                }
                _ => {}
            }
            end = i + c.len_utf8();
        }
        let (fields, after) = rest.split_at(end);
        let after = after.trim_start_matches([')', ' ', '\n']);
        !(fields.contains("..")
            || after.starts_with("=>")
            || after.starts_with('=')
            || after.starts_with('|')
            || after.starts_with("if "))
    })
}

#[test]
fn every_problem_and_error_is_produced_somewhere() {
    // The program's code, but for the declarations and wording of the messages.
    let mut code = String::new();
    let mut folders = vec![crate::support::root().join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("diagnostic") && !path.ends_with("error") {
                    folders.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                code.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut unproduced = Vec::new();
    for name in problems().iter().map(|p| variant_name(&format!("{p:?}"))) {
        if !constructs(&code, &format!("Problem::{name}")) {
            unproduced.push(format!("Problem::{name}"));
        }
    }
    for error in errors() {
        let mut paths = vec![format!("Error::{}", variant_name(&format!("{error:?}")))];
        // And the reasons an error carries.
        match &error {
            Error::Refused { reason, .. } => {
                paths.push(format!("Refusal::{}", variant_name(&format!("{reason:?}"))));
            }
            Error::Git { failure, .. } => {
                paths.push(format!(
                    "GitFailure::{}",
                    variant_name(&format!("{failure:?}"))
                ));
            }
            Error::Locked { holder, .. } => {
                paths.push(format!(
                    "LockHolder::{}",
                    variant_name(&format!("{holder:?}"))
                ));
            }
            _ => {}
        }
        for path in paths {
            if !constructs(&code, &path) {
                unproduced.push(path);
            }
        }
    }
    unproduced.dedup();
    assert!(
        unproduced.is_empty(),
        "declared, worded and never produced: {unproduced:?}"
    );
}

/// A sample of every change `compare` asks a person to confirm, and of each branch of its
/// wording.
fn changes() -> Vec<Change> {
    let s = |text: &str| text.to_owned();
    let place = Place {
        category: s("health_services"),
        title: s("保健事業に必要な利用目的"),
        number: 2,
    };
    let kind = |id: &str, column: &str| KindName {
        id: s(id),
        column: s(column),
    };
    let internal = kind("internal", "健保組合等の内部での利用に係るもの");
    let others = kind("other_businesses", "他の事業者等への情報提供を伴うもの");
    let joint = |particular: &str, label: &str| Change::JointUse {
        id: s("kenporen"),
        particular: s(particular),
        label: s(label),
        old: s("旧"),
        new: s("新"),
    };
    vec![
        Change::KindAdded {
            kind: others.clone(),
        },
        Change::KindRemoved {
            kind: others.clone(),
        },
        Change::KindRenamed {
            id: s("internal"),
            old: s("内部での利用"),
            new: s("健保組合等の内部での利用に係るもの"),
        },
        Change::CategoryAdded {
            place: place.clone(),
            texts: vec![s("特定健康診査の実施")],
        },
        Change::CategoryRemoved {
            place: place.clone(),
            texts: vec![s("特定健康診査の実施")],
        },
        Change::CategoryRenamed {
            place: place.clone(),
            old: s("保健事業"),
        },
        Change::CategoryText {
            place: place.clone(),
        },
        Change::CategoryMoved {
            place: place.clone(),
        },
        Change::ItemAdded {
            place: place.clone(),
            kind: internal.clone(),
            text: s("公金受取口座を利用した給付金の支払い"),
        },
        Change::ItemRemoved {
            place: place.clone(),
            kind: internal.clone(),
            text: s("老人保健拠出金の算定"),
        },
        Change::ItemReworded {
            place: place.clone(),
            kind: internal.clone(),
            old: s("特定健診、保健指導の実施"),
            new: s("特定健康診査及び特定保健指導の実施"),
        },
        Change::ItemMoved {
            place: place.clone(),
            from: others.clone(),
            to: internal.clone(),
            provision: false,
            old: s("健診結果の保管"),
            new: s("健診結果の保管"),
        },
        Change::ItemMoved {
            place: place.clone(),
            from: internal.clone(),
            to: others.clone(),
            provision: true,
            old: s("健診結果の分析"),
            new: s("健診結果の分析"),
        },
        Change::ItemDetails {
            place: place.clone(),
            kind: internal.clone(),
            text: s("特定健康診査の実施"),
        },
        Change::ItemBasis {
            place: place.clone(),
            kind: others.clone(),
            text: s("データ処理の外部委託"),
            old: Some(s("委託")),
            new: Some(s("本人の同意に基づく提供")),
        },
        Change::ItemBasis {
            place: place.clone(),
            kind: others.clone(),
            text: s("健診結果の提供"),
            old: None,
            new: Some(s("本人の同意に基づく提供")),
        },
        Change::NoteAdded {
            place: place.clone(),
            item: None,
            text: s("※健診の結果は、本人の同意なく事業主に提供しません。"),
        },
        Change::NoteRemoved {
            place: place.clone(),
            item: Some(s("特定健康診査の実施")),
            text: s("※健診の結果は、本人の同意なく事業主に提供しません。"),
        },
        Change::AttributeChanged {
            place,
            column: s("保有個人データの内容"),
            old: s("健診結果"),
            new: s("健診結果、問診票"),
        },
        joint(
            "purposes",
            "健康保険組合連合会との共同利用：利用する者の利用目的",
        ),
        joint(
            "responsible_name",
            "健康保険組合連合会との共同利用：個人データの管理について責任を有する者の名称",
        ),
        joint(
            "responsible_address",
            "健康保険組合連合会との共同利用：個人データの管理について責任を有する者の住所",
        ),
        joint("users", "健康保険組合連合会との共同利用：共同利用者の範囲"),
        joint("record", "健康保険組合連合会との共同利用"),
        joint(
            "statement",
            "健康保険組合連合会との共同利用：共同利用をする旨",
        ),
    ]
}
