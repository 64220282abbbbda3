//! The command line: parsed into plain data first ([`Command`]), then acted on ([`run`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::compare::CompareOptions;
use crate::compare::input::Version;
use crate::diagnostic::terminal::Visible;
use crate::error::{Error, Lang, Result, Severity};
use crate::export;
use crate::federation::{self, FederationOptions};
use crate::fs::Links;
use crate::output::changes;
use crate::output::folder::{Missing, OutputFolder};
use crate::render::mailing::Overrides;
use crate::serve::{self, ServeOptions};
use crate::source::model::TextEncoding;
use crate::{check, incremental, schema};

/// mokuteki: one purposes.yaml, every document of a society's 個人情報の利用目的.
#[derive(Debug, Parser)]
#[command(name = "mokuteki", version, about, long_about = None)]
#[command(
    after_help = "Exit codes (build, check and compare): 0 success; 1 a problem in purposes.yaml or a template (or a warning, with --deny-warnings), or build --check found differences; 2 a file could not be read or written, the output folder is refused or locked, or the command line is wrong.\nMessages are in Japanese when LC_ALL or LANG starts with `ja`."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: CliCommand,
}

/// The subcommands, as clap parses them.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Build every document from purposes.yaml into the output folder.
    ///
    /// Renders every template in memory first; if anything fails, nothing is written.
    /// Only files mokuteki wrote before are replaced; other files in the folder are kept.
    Build {
        /// The source file. Give several, or a folder of *.yaml files, to build a federation:
        /// each source into its own folder OUT/<file stem>/, on every core.
        #[arg(long, value_name = "FILE|DIR", default_value = "purposes.yaml")]
        source: Vec<PathBuf>,
        /// A folder of templates that override the built-in ones by file name
        /// [default: templates/ beside the source, if it exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The output folder [default: out/ beside the source].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write nothing: compare the output folder with what a build would produce, list
        /// each file that would be added, changed or removed, and exit 1 if any would.
        #[arg(long)]
        check: bool,
        /// With --check, also print a unified diff of each difference.
        #[arg(long, requires = "check")]
        diff: bool,
        /// Build into a folder that is refused otherwise: a non-empty one without a
        /// manifest, the source's or templates' folder, the project root, home, or /; and
        /// replace files mokuteki wrote that were edited by hand since.
        #[arg(long, conflicts_with = "check")]
        force: bool,
        /// Publish even when what changed since the last publication would stop the build:
        /// purposes changed with no new revision, a published revision removed or redated,
        /// a published document no longer produced, a source that does not end with a line
        /// break.
        #[arg(long)]
        accept_changes: bool,
        /// With several sources, how many to build at once [default: one per core].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        jobs: Option<u16>,
        /// With several sources, also remove the folders built from sources that are no
        /// longer given: the files mokuteki wrote there, unless edited by hand since.
        #[arg(long, conflicts_with = "check")]
        prune: bool,
        /// The mailing text's settings.
        #[command(flatten)]
        mailing: MailingArgs,
        /// How problems are reported.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Check purposes.yaml and the templates without writing anything.
    ///
    /// Loads and validates the source, lints its Japanese text, and renders every template
    /// in memory. Exit codes: 0 clean (warnings allowed), 1 problems found, 2 a file could
    /// not be read or the command line is wrong.
    Check {
        /// The source file.
        #[arg(long, value_name = "FILE", default_value = "purposes.yaml")]
        source: PathBuf,
        /// A folder of templates that override the built-in ones by file name
        /// [default: templates/ beside the source, if it exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The mailing text's settings.
        #[command(flatten)]
        mailing: MailingArgs,
        /// How problems are reported.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Compare two versions of purposes.yaml and write the documents of the revision.
    ///
    /// Writes the 新旧対照表 (shinkyu.html, printed on A4 landscape, and shinkyu.md) and the
    /// notice of change to members (henkou.html, henkou.txt), and lists the changes a person
    /// must confirm. Stops with an error if the purposes changed but NEW records no revision
    /// (改正) dated after OLD's last. Identical versions: nothing is written.
    Compare {
        /// The version before the revision: a file, or REV:PATH read from git, e.g.
        /// HEAD~1:purposes.yaml, from the repository of the other version's file (PATH as
        /// git reads it: from the top of the repository, or from that file's folder when it
        /// starts with ./).
        #[arg(value_name = "OLD")]
        old: String,
        /// The version after the revision, in the same form.
        #[arg(value_name = "NEW")]
        new: String,
        /// A folder of templates; the files in its compare/ folder override the built-in
        /// ones by name [default: templates/ beside NEW, if it exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The output folder [default: revision/ beside NEW].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// `text` for people (on stderr), `json` for machines (on stdout).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Preview every output in a browser while you edit, at http://127.0.0.1:8917/.
    ///
    /// Renders in memory and serves the pages, fragments, Markdown and text on 127.0.0.1
    /// only. Watches the source, terms.yaml beside it and the templates; after a save,
    /// open pages reload by themselves, or show the errors. Never writes the output
    /// folder. Ctrl-C stops it.
    Serve {
        /// The source file.
        #[arg(long, value_name = "FILE", default_value = "purposes.yaml")]
        source: PathBuf,
        /// A folder of templates that override the built-in ones by file name
        /// [default: templates/ beside the source, if it exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The port on 127.0.0.1; 0 lets the system choose a free one.
        #[arg(long, value_name = "N", default_value_t = serve::DEFAULT_PORT)]
        port: u16,
        /// The mailing text's settings.
        #[command(flatten)]
        mailing: MailingArgs,
    },
    /// Print the JSON Schema of purposes.yaml, for editors that validate YAML as you type.
    Schema,
    /// Write a starting purposes.yaml for a new society into DIR (default: here).
    ///
    /// It holds the standard categories and every section the law requires, with
    /// placeholders (〇〇, 2000-01-01) that `check` reports until they are filled in.
    /// An existing purposes.yaml is never replaced.
    Init {
        /// The folder to write purposes.yaml into; created if missing.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
    /// Write the built-in templates into a folder, as a starting point for your own.
    ///
    /// Files that exist already are left untouched.
    Templates {
        /// Where to write them.
        #[arg(long, value_name = "DIR", default_value = "templates")]
        dir: PathBuf,
    },
}

/// How `build` and `check` report problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::Args)]
pub struct ReportArgs {
    /// `text` for people (on stderr), `json` for machines (on stdout).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings (lint findings) as errors: exit 1 and, for build, write nothing.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// The format of reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Readable text.
    #[default]
    Text,
    /// One JSON object.
    Json,
}

/// A combination of flags that cannot be honoured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unsupported {
    /// `build --check` or `--format json` with several sources.
    FederationSingleOnly,
    /// `--jobs` with a single source.
    JobsWithoutFederation,
    /// `--prune` with a single source.
    PruneWithoutFederation,
}

impl Unsupported {
    /// Why the combination of flags cannot be honoured, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        use Unsupported as U;
        match (self, lang) {
            (U::FederationSingleOnly, Lang::En) => "build --check and --format json take one source; run them on each source of a federation on its own".to_owned(),
            (U::FederationSingleOnly, Lang::Ja) => "build --check と --format json は元ファイルを一つだけ受け付けます。一括ビルドの元ファイルごとに実行してください".to_owned(),
            (U::JobsWithoutFederation, Lang::En) => "--jobs sets how many sources of a federation are built at once; give several sources or a folder of them".to_owned(),
            (U::JobsWithoutFederation, Lang::Ja) => "--jobs は一括ビルドで同時に処理する元ファイルの数です。元ファイルを複数指定するか、元ファイルのフォルダーを指定してください".to_owned(),
            (U::PruneWithoutFederation, Lang::En) => "--prune removes the folders of a federation built from sources no longer given; give several sources or a folder of them".to_owned(),
            (U::PruneWithoutFederation, Lang::Ja) => "--prune は、一括ビルドの出力フォルダーから、指定されなくなった元ファイルのフォルダーを削除するためのオプションです。元ファイルを複数指定するか、元ファイルのフォルダーを指定してください".to_owned(),
        }
    }
}

/// A command, resolved to plain data with every default filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Build the outputs.
    Build(BuildOptions, ReportArgs),
    /// Build several sources, each into its own folder.
    Federation(FederationOptions),
    /// A combination of flags that cannot be honoured.
    Unsupported(Unsupported),
    /// Compare the output folder with what a build would produce (`build --check`).
    Compare {
        /// What the build would read and write.
        options: BuildOptions,
        /// Print a unified diff of each difference.
        diff: bool,
        /// How problems are reported.
        report: ReportArgs,
    },
    /// Check everything, write nothing.
    Check(BuildOptions, ReportArgs),
    /// Compare two versions and write the documents of the revision.
    CompareVersions(CompareOptions, Format),
    /// Serve a live preview until Ctrl-C.
    Serve(ServeOptions),
    /// Print the JSON Schema of the source.
    Schema,
    /// Write a starting purposes.yaml.
    Init {
        /// The folder to write it into.
        dir: PathBuf,
    },
    /// Export the built-in templates.
    ExportTemplates {
        /// The folder to write them into.
        dir: PathBuf,
    },
}

impl Command {
    /// Resolves parsed arguments: paths default relative to the source's folder.
    pub fn from_cli(cli: Cli) -> Command {
        match cli.command {
            CliCommand::Build {
                source,
                templates,
                out,
                check,
                diff,
                force,
                accept_changes,
                jobs,
                prune,
                mailing,
                report,
            } => {
                if source.len() > 1 || source[0].is_dir() {
                    if check || report.format == Format::Json {
                        return Command::Unsupported(Unsupported::FederationSingleOnly);
                    }
                    let mut options = federation_options(source, templates, out);
                    options.force = force;
                    options.publish_guard = !accept_changes;
                    options.jobs = jobs.map(usize::from);
                    options.deny_warnings = report.deny_warnings;
                    options.prune = prune;
                    options.mailing = Overrides {
                        width: mailing.width,
                        encoding: mailing.encoding,
                    };
                    return Command::Federation(options);
                }
                if jobs.is_some() {
                    return Command::Unsupported(Unsupported::JobsWithoutFederation);
                }
                if prune {
                    return Command::Unsupported(Unsupported::PruneWithoutFederation);
                }
                let source = source.into_iter().next().expect("clap gives a default");
                let mut options = resolve(source, templates, out, mailing);
                options.force = force;
                options.publish_guard = !accept_changes;
                if check {
                    Command::Compare {
                        options,
                        diff,
                        report,
                    }
                } else {
                    Command::Build(options, report)
                }
            }
            CliCommand::Check {
                source,
                templates,
                mailing,
                report,
            } => Command::Check(resolve(source, templates, None, mailing), report),
            CliCommand::Compare {
                old,
                new,
                templates,
                out,
                format,
            } => Command::CompareVersions(
                CompareOptions::new(Version::parse(&old), Version::parse(&new), templates, out),
                format,
            ),
            CliCommand::Serve {
                source,
                templates,
                port,
                mailing,
            } => Command::Serve(ServeOptions {
                templates_beside: templates.is_none(),
                // A preview publishes nothing: a change is shown while its revision is
                // still being written.
                build: BuildOptions {
                    publish_guard: false,
                    ..resolve(source, templates, None, mailing)
                },
                port,
            }),
            CliCommand::Schema => Command::Schema,
            CliCommand::Init { dir } => Command::Init { dir },
            CliCommand::Templates { dir } => Command::ExportTemplates { dir },
        }
    }
}

/// A federation's options: the output folder defaults to `out/` beside the first source
/// (inside it, for a folder of sources), as for a single source.
fn federation_options(
    inputs: Vec<PathBuf>,
    templates: Option<PathBuf>,
    out: Option<PathBuf>,
) -> FederationOptions {
    let out = out.unwrap_or_else(|| {
        let first = &inputs[0];
        let base = if first.is_dir() {
            first.clone()
        } else {
            first.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        base.join("out")
    });
    FederationOptions {
        inputs,
        templates,
        out,
        jobs: None,
        force: false,
        publish_guard: true,
        deny_warnings: false,
        prune: false,
        mailing: Overrides::default(),
    }
}

fn resolve(
    source: PathBuf,
    templates: Option<PathBuf>,
    out: Option<PathBuf>,
    mailing: MailingArgs,
) -> BuildOptions {
    let base = source.parent().map(Path::to_path_buf).unwrap_or_default();
    let templates = templates.or_else(|| {
        let beside = base.join("templates");
        beside.is_dir().then_some(beside)
    });
    let out = out.unwrap_or_else(|| base.join("out"));
    BuildOptions {
        source,
        templates,
        out,
        out_root: None,
        force: false,
        publish_guard: true,
        mailing: Overrides {
            width: mailing.width,
            encoding: mailing.encoding,
        },
        links: Links::Follow,
    }
}

/// The mailing text's settings, overriding `mailing:` in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::Args)]
pub struct MailingArgs {
    /// The mailing text's line width in full-width characters [default: mailing.width
    /// in the source, or 36].
    #[arg(long, value_name = "N", value_parser = parse_width)]
    pub width: Option<usize>,
    /// The mailing text's encoding: utf-8 (LF) or shift_jis (Windows-31J, CRLF)
    /// [default: mailing.encoding in the source, or utf-8].
    #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
    pub encoding: Option<TextEncoding>,
}

fn parse_width(value: &str) -> std::result::Result<usize, String> {
    let range = crate::render::mailing::WIDTH_RANGE;
    match value.parse::<usize>() {
        Ok(width) if range.contains(&width) => Ok(width),
        _ => Err(format!(
            "the width is a number of full-width characters from {} to {}",
            range.start(),
            range.end()
        )),
    }
}

fn parse_encoding(value: &str) -> std::result::Result<TextEncoding, String> {
    match value.to_ascii_lowercase().replace('-', "_").as_str() {
        "utf_8" | "utf8" => Ok(TextEncoding::Utf8),
        "shift_jis" | "sjis" | "cp932" | "windows_31j" => Ok(TextEncoding::ShiftJis),
        _ => Err("the encoding is utf-8 or shift_jis".to_owned()),
    }
}

/// Reports a command line that cannot be parsed and exits: `--help` and `--version` as clap
/// prints them, anything else in `lang` with exit code 2.
pub fn usage_error(error: &clap::Error, lang: Lang) -> ! {
    use clap::error::ErrorKind;
    if lang == Lang::En
        || matches!(
            error.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        error.exit();
    }
    let _ = writeln!(
        std::io::stderr(),
        "{}: {}",
        lang.error_word(),
        usage(&usage_problem(error), subcommand_given().as_deref())
    );
    std::process::exit(2);
}

/// What is wrong with a command line, from clap's error.
fn usage_problem(error: &clap::Error) -> Usage {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join("、"),
        _ => String::new(),
    };
    match error.kind() {
        ErrorKind::UnknownArgument => {
            let argument = text(ContextKind::InvalidArg);
            if argument.starts_with('-') {
                Usage::UnknownFlag(argument)
            } else {
                Usage::Unexpected(argument)
            }
        }
        ErrorKind::InvalidSubcommand => Usage::UnknownCommand(text(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let flag = text(ContextKind::InvalidArg);
            match text(ContextKind::InvalidValue) {
                // `--source` at the end of the line, or `--width=`.
                value if value.is_empty() => Usage::MissingValue(flag),
                value => Usage::InvalidValue { flag, value },
            }
        }
        ErrorKind::MissingRequiredArgument => Usage::Missing(text(ContextKind::InvalidArg)),
        ErrorKind::ArgumentConflict => {
            Usage::Conflict(text(ContextKind::InvalidArg), text(ContextKind::PriorArg))
        }
        _ => Usage::Other,
    }
}

/// What is wrong with a command line that cannot be parsed (in English, clap says it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// A flag that no command has, e.g. `--sorce`.
    UnknownFlag(String),
    /// A command that does not exist.
    UnknownCommand(String),
    /// A value a flag does not take.
    InvalidValue {
        /// The flag, e.g. `--width <N>`.
        flag: String,
        /// The value given.
        value: String,
    },
    /// A required argument not given.
    Missing(String),
    /// A flag given without its value, e.g. `--source` at the end of the line.
    MissingValue(String),
    /// An argument the command does not take, e.g. a second folder for `init`.
    Unexpected(String),
    /// Two flags that cannot be given together.
    Conflict(String, String),
    /// Anything else.
    Other,
}

/// A command line that cannot be parsed, in Japanese; `command` is the subcommand it was
/// for, whose help the message points to.
pub fn usage(problem: &Usage, command: Option<&str>) -> String {
    let help = match command {
        Some(command) => format!("`mokuteki {command} --help` で使い方を確認してください"),
        None => "`mokuteki --help` で使い方を確認してください".to_owned(),
    };
    match problem {
        Usage::UnknownFlag(flag) => format!("{flag} というオプションはありません。{help}"),
        Usage::UnknownCommand(command) => {
            format!("{command} というコマンドはありません。{help}")
        }
        Usage::InvalidValue { flag, value } => {
            let flag = flag.split(' ').next().unwrap_or(flag);
            let expected = match flag {
                "--width" => {
                    let range = crate::render::mailing::WIDTH_RANGE;
                    format!(
                        "全角の文字数を {} から {} までの数で指定してください",
                        range.start(),
                        range.end()
                    )
                }
                "--encoding" => "utf-8 か shift_jis を指定してください".to_owned(),
                "--format" => "text か json を指定してください".to_owned(),
                "--jobs" => "1 以上の数を指定してください".to_owned(),
                _ => help.clone(),
            };
            format!("{flag} に「{value}」は指定できません。{expected}")
        }
        Usage::Missing(what) => format!("{what} を指定してください。{help}"),
        Usage::MissingValue(flag) => {
            let flag = flag.split(' ').next().unwrap_or(flag);
            format!("{flag} の値を指定してください。{help}")
        }
        Usage::Unexpected(argument) => {
            format!("余分な引数「{argument}」があります。{help}")
        }
        Usage::Conflict(a, b) => format!("{a} と {b} は同時に指定できません"),
        Usage::Other => format!("コマンドラインに誤りがあります。{help}"),
    }
}

/// The subcommand of this process's command line (`compare` in `mokuteki compare a.yaml`),
/// if its first argument names one: no option of `mokuteki` itself comes before it.
fn subcommand_given() -> Option<String> {
    let first = std::env::args_os().nth(1)?.into_string().ok()?;
    Cli::command()
        .get_subcommands()
        .any(|sub| sub.get_name() == first)
        .then_some(first)
}

/// Runs a command, printing results on `stdout` and reports on `stderr` in `lang`;
/// returns the exit code (0 success, 1 problems in the user's files, 2 I/O trouble).
///
/// Everything printed for people passes through [`Visible`]: a control character in a file
/// name, in git's answer or in a generated file someone edited reaches the terminal as a
/// visible escape. JSON goes out as it is (it escapes control characters itself).
pub fn run(command: &Command, stdout: &mut dyn Write, stderr: &mut dyn Write, lang: Lang) -> i32 {
    let json = prints_json(command);
    let mut stderr = Visible::new(stderr);
    let mut plain_stdout;
    let stdout: &mut dyn Write = if json || matches!(command, Command::Schema) {
        stdout
    } else {
        plain_stdout = Visible::new(stdout);
        &mut plain_stdout
    };
    let stderr: &mut dyn Write = &mut stderr;
    match run_inner(command, stdout, stderr, lang) {
        Ok(code) => code,
        Err(error) => {
            if json {
                let diagnostics: Vec<_> = error
                    .diagnostics()
                    .iter()
                    .map(|d| d.to_json(lang))
                    .collect();
                let value = serde_json::json!({
                    "ok": false,
                    "exit_code": error.exit_code(),
                    "error": error.to_text(lang),
                    "diagnostics": diagnostics,
                });
                let _ = writeln!(stdout, "{value:#}");
            } else {
                let _ = writeln!(stderr, "{}", error.to_text(lang));
            }
            error.exit_code()
        }
    }
}

/// Whether `command` prints its findings as one JSON object on standard output.
fn prints_json(command: &Command) -> bool {
    match command {
        Command::Build(_, r) | Command::Check(_, r) | Command::Compare { report: r, .. } => {
            r.format == Format::Json
        }
        Command::CompareVersions(_, format) => *format == Format::Json,
        _ => false,
    }
}

fn run_inner(
    command: &Command,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    lang: Lang,
) -> Result<i32> {
    if matches!(
        command,
        Command::Check(..) | Command::Build(..) | Command::Compare { .. }
    ) {
        // One source, rendered once, then the process ends.
        crate::parallel::leave_to_exit();
    }
    match command {
        Command::Check(options, args) => {
            let report = check::check(options)?;
            let failed = report.fails(args.deny_warnings);
            print_report(&report, args, failed, stdout, stderr, lang, None);
            Ok(i32::from(failed))
        }
        Command::Build(options, args) => {
            let fingerprint = fingerprint_of(options);
            if let Some(files) = skippable(options, args, fingerprint.as_deref()) {
                build::clear_stale_lock(options);
                let summary = build::up_to_date(lang, &options.out, files.len());
                let report = check::Report::default();
                print_report(&report, args, false, stdout, stderr, lang, Some(summary));
                return Ok(0);
            }
            let (report, rendered) = match check_and_render(options, args, stdout, stderr, lang)? {
                Ok(checked) => checked,
                Err(code) => return Ok(code),
            };
            let written = build::publish(options, &rendered, fingerprint.as_deref())?;
            let mut summary = build::built(
                lang,
                rendered.outputs.len(),
                &options.out,
                written.written.len(),
                written.unchanged.len(),
            );
            for path in &written.removed {
                summary.push('\n');
                summary.push_str(&build::removed(lang, path));
            }
            for path in &written.kept {
                summary.push('\n');
                summary.push_str(&build::kept_edited(lang, path));
            }
            print_report(&report, args, false, stdout, stderr, lang, Some(summary));
            Ok(0)
        }
        Command::Compare {
            options,
            diff,
            report: args,
        } => {
            let fingerprint = fingerprint_of(options);
            let (report, found) = if skippable(options, args, fingerprint.as_deref()).is_some() {
                // Nothing a build would change, known without rendering.
                (check::Report::default(), changes::Changes::default())
            } else {
                let (report, rendered) =
                    match check_and_render(options, args, stdout, stderr, lang)? {
                        Ok(checked) => checked,
                        Err(code) => return Ok(code),
                    };
                let (named, below) = options.out_location();
                let folder = OutputFolder::open(named, below, Missing::Absent)?;
                let plan = crate::output::plan::Plan::new(
                    options.out.clone(),
                    folder,
                    &rendered.outputs,
                    fingerprint.as_deref(),
                    crate::output::manifest::Writer::Build,
                )
                .map_err(as_checked)?;
                let found = changes::list(&plan, &rendered.outputs, *diff);
                (report, found)
            };
            let differs = (!found.changes.is_empty()).then(|| Error::Differs {
                path: options.out.clone(),
                count: found.changes.len(),
            });
            if args.format == Format::Json {
                // One JSON object and nothing else, so that the output parses.
                let mut value = report_json(&report, differs.is_some(), lang, None);
                value["changes"] = serde_json::json!(found.changes);
                value["kept"] = serde_json::json!(found.kept);
                if let Some(error) = &differs {
                    value["error"] = error.to_text(lang).into();
                }
                let _ = writeln!(stdout, "{value:#}");
                return Ok(differs.map_or(0, |e| e.exit_code()));
            }
            stdout
                .write_all(found.to_text(lang).as_bytes())
                .map_err(|source| Error::Write {
                    path: "standard output".into(),
                    source,
                })?;
            match differs {
                Some(error) => Err(error),
                None => Ok(0),
            }
        }
        Command::CompareVersions(options, format) => {
            let outcome = crate::compare::compare(options, lang)?;
            print_comparison(&outcome, options, *format, stdout, stderr, lang);
            Ok(0)
        }
        Command::Federation(options) => {
            federation::run(options, stderr, lang)?;
            Ok(0)
        }
        Command::Unsupported(unsupported) => {
            let message = unsupported.message(lang);
            let _ = writeln!(stderr, "{}: {message}", lang.error_word());
            Ok(2)
        }
        Command::Serve(options) => {
            serve::run(options, stderr, lang)?;
            Ok(0)
        }
        Command::Schema => {
            let _ = stdout.write_all(schema::schema_json().as_bytes());
            Ok(0)
        }
        Command::Init { dir } => {
            let path = crate::init::init(dir)?;
            let _ = writeln!(stderr, "{}", crate::init::source_initialised(lang, &path));
            Ok(0)
        }
        Command::ExportTemplates { dir } => {
            let (written, kept) = export::export(dir)?;
            for path in &written {
                let _ = writeln!(stderr, "{}", export::template_exported(lang, path, true));
            }
            for path in &kept {
                let _ = writeln!(stderr, "{}", export::template_exported(lang, path, false));
            }
            Ok(0)
        }
    }
}

/// The fingerprint of a build's inputs; `None` when one cannot be read, which the build
/// itself then reports.
fn fingerprint_of(options: &BuildOptions) -> Option<String> {
    incremental::fingerprint(options).ok()
}

/// The outputs of a build that can be skipped, its inputs unchanged since the last build
/// (see [`incremental`]). Never with `--deny-warnings`: the manifest does not say whether
/// the last build had warnings, so the source is checked again.
fn skippable(
    options: &BuildOptions,
    args: &ReportArgs,
    fingerprint: Option<&str>,
) -> Option<Vec<String>> {
    if args.deny_warnings {
        return None;
    }
    incremental::up_to_date(options, fingerprint?)
}

/// Prints what a comparison found and wrote: text on `stderr`, or one JSON object on
/// `stdout`.
fn print_comparison(
    outcome: &crate::compare::Outcome,
    options: &CompareOptions,
    format: Format,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    lang: Lang,
) {
    use crate::compare::words;
    let written = outcome.written.clone().unwrap_or_default();
    if format == Format::Json {
        let value = serde_json::json!({
            "ok": true,
            "exit_code": 0,
            "errors": 0,
            "warnings": outcome.warnings.len(),
            "diagnostics": outcome.warnings.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
            "identical": outcome.identical,
            "changes": outcome.changes,
            "notice_changed": outcome.notice_changed,
            "confirmations": outcome.confirmations,
            "out": options.out.to_string_lossy(),
            "written": written.written,
            "unchanged": written.unchanged,
            "removed": written.removed,
        });
        let _ = writeln!(stdout, "{value:#}");
        return;
    }
    if outcome.identical {
        let _ = writeln!(
            stderr,
            "{}",
            words::versions_identical(&options.old.name(), &options.new.name(), lang)
        );
        return;
    }
    for warning in &outcome.warnings {
        let _ = writeln!(
            stderr,
            "{}: {}\n",
            lang.warning_word(),
            warning.to_text(lang)
        );
    }
    let _ = writeln!(
        stderr,
        "{}",
        words::comparison_written(
            outcome.changes.len(),
            outcome.outputs.len(),
            &options.out,
            lang
        )
    );
    if !outcome.confirmations.is_empty() {
        let _ = writeln!(stderr, "\n{}", words::confirm_heading(lang));
        for confirmation in &outcome.confirmations {
            let _ = writeln!(stderr, "- {}", confirmation.message);
        }
    }
}

/// Checks the source and templates as `check` does. If the check fails, prints its report
/// and gives the exit code; otherwise gives the report and the rendered outputs.
fn check_and_render(
    options: &BuildOptions,
    args: &ReportArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    lang: Lang,
) -> Result<std::result::Result<(check::Report, crate::render::Rendered), i32>> {
    let mut report = check::check(options)?;
    if report.fails(args.deny_warnings) {
        let stopped = build::stopped(lang, report.errors(), report.warnings(), args.deny_warnings);
        print_report(&report, args, true, stdout, stderr, lang, Some(stopped));
        return Ok(Err(1));
    }
    let rendered = match report.rendered.take() {
        Some(rendered) => rendered,
        None => build::load_and_render(options)?,
    };
    Ok(Ok((report, rendered)))
}

/// A refusal met by `build --check`, worded as what a build would do: a folder that
/// `mokuteki compare` wrote is refused to a build, and so not compared with one.
fn as_checked(error: Error) -> Error {
    match error {
        Error::OtherCommand {
            path,
            owner: crate::output::manifest::Writer::Compare,
            file,
        } => Error::WouldRemoveComparison { path, file },
        other => other,
    }
}

/// A check's findings as the one JSON object `--format json` prints.
fn report_json(
    report: &check::Report,
    failed: bool,
    lang: Lang,
    summary: Option<String>,
) -> serde_json::Value {
    serde_json::json!({
        "ok": !failed,
        "exit_code": i32::from(failed),
        "errors": report.errors(),
        "warnings": report.warnings(),
        "diagnostics": report.diagnostics.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
        "summary": summary,
    })
}

/// Prints a check's findings: text on `stderr`, or one JSON object on `stdout`.
fn print_report(
    report: &check::Report,
    args: &ReportArgs,
    failed: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    lang: Lang,
    summary: Option<String>,
) {
    if args.format == Format::Json {
        let value = report_json(report, failed, lang, summary);
        let _ = writeln!(stdout, "{value:#}");
        return;
    }
    // A build that goes on counts the findings of the check against the law in one line;
    // `check`, and a build that stops, list them.
    let summarise_legal = summary.is_some() && !failed;
    let legal = report
        .diagnostics
        .iter()
        .filter(|d| d.problem.is_legal())
        .count();
    for d in &report.diagnostics {
        if summarise_legal && d.problem.is_legal() {
            continue;
        }
        let word = match d.severity() {
            Severity::Error => lang.error_word(),
            Severity::Warning => lang.warning_word(),
        };
        let _ = writeln!(stderr, "{word}: {}\n", d.to_text(lang));
    }
    if summarise_legal && legal > 0 {
        let _ = writeln!(
            stderr,
            "{}: {}",
            lang.warning_word(),
            lang.legal_summary(legal)
        );
    }
    let stopped = failed && summary.is_some();
    if !report.diagnostics.is_empty() && !stopped {
        let _ = writeln!(
            stderr,
            "{}",
            lang.summary(report.errors(), report.warnings())
        );
    }
    if let Some(summary) = summary {
        let _ = writeln!(stderr, "{summary}");
    }
}
