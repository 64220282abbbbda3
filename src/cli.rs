//! The command line: parsed into plain data first ([`Command`]), then acted on ([`run`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::error::{Lang, Result, Severity};
use crate::render::templates;
use crate::{check, schema};

/// mokuteki: one purposes.yaml, every document of a society's 個人情報の利用目的.
#[derive(Debug, Parser)]
#[command(name = "mokuteki", version, about, long_about = None)]
#[command(
    after_help = "Exit codes (build and check): 0 success; 1 a problem in purposes.yaml or a template (or a warning, with --deny-warnings); 2 a file could not be read or written, or the command line is wrong.\nMessages are in Japanese when LC_ALL or LANG starts with `ja`."
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
        /// The source file.
        #[arg(long, value_name = "FILE", default_value = "purposes.yaml")]
        source: PathBuf,
        /// A folder of templates that override the built-in ones by file name
        /// [default: templates/ beside the source, if it exists].
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// The output folder [default: out/ beside the source].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
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
        /// How problems are reported.
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Print the JSON Schema of purposes.yaml, for editors that validate YAML as you type.
    Schema,
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

/// A command, resolved to plain data with every default filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Build the outputs.
    Build(BuildOptions, ReportArgs),
    /// Check everything, write nothing.
    Check(BuildOptions, ReportArgs),
    /// Print the JSON Schema of the source.
    Schema,
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
                report,
            } => Command::Build(resolve(source, templates, out), report),
            CliCommand::Check {
                source,
                templates,
                report,
            } => Command::Check(resolve(source, templates, None), report),
            CliCommand::Schema => Command::Schema,
            CliCommand::Templates { dir } => Command::ExportTemplates { dir },
        }
    }
}

fn resolve(source: PathBuf, templates: Option<PathBuf>, out: Option<PathBuf>) -> BuildOptions {
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
    }
}

/// Runs a command, printing results on `stdout` and reports on `stderr` in `lang`;
/// returns the exit code (0 success, 1 problems in the user's files, 2 I/O trouble).
pub fn run(command: &Command, stdout: &mut dyn Write, stderr: &mut dyn Write, lang: Lang) -> i32 {
    match run_inner(command, stdout, stderr, lang) {
        Ok(code) => code,
        Err(error) => {
            let json = match command {
                Command::Build(_, r) | Command::Check(_, r) => r.format == Format::Json,
                _ => false,
            };
            if json {
                let diagnostics: Vec<_> = error
                    .diagnostics()
                    .iter()
                    .map(|d| d.to_json(lang))
                    .collect();
                let value = serde_json::json!({
                    "ok": false,
                    "exit_code": error.exit_code(),
                    "error": error.render(lang),
                    "diagnostics": diagnostics,
                });
                let _ = writeln!(stdout, "{value:#}");
            } else {
                let _ = writeln!(stderr, "{}", error.render(lang));
            }
            error.exit_code()
        }
    }
}

fn run_inner(
    command: &Command,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
    lang: Lang,
) -> Result<i32> {
    match command {
        Command::Check(options, args) => {
            let report = check::check(options)?;
            let failed = report.fails(args.deny_warnings);
            print_report(&report, args, failed, stdout, stderr, lang, None);
            Ok(if failed { 1 } else { 0 })
        }
        Command::Build(options, args) => {
            let report = check::check(options)?;
            if report.fails(args.deny_warnings) {
                print_report(&report, args, true, stdout, stderr, lang, None);
                return Ok(1);
            }
            let (rendered, written) = build::build(options)?;
            let summary = format!(
                "built {} files into {} ({} written, {} unchanged)",
                rendered.outputs.len(),
                options.out.display(),
                written.written.len(),
                written.unchanged.len()
            );
            print_report(&report, args, false, stdout, stderr, lang, Some(summary));
            Ok(0)
        }
        Command::Schema => {
            let _ = stdout.write_all(schema::schema_json().as_bytes());
            Ok(0)
        }
        Command::ExportTemplates { dir } => {
            let (written, kept) = templates::export(dir)?;
            for path in &written {
                let _ = writeln!(stderr, "wrote {}", path.display());
            }
            for path in &kept {
                let _ = writeln!(stderr, "kept {} (exists already)", path.display());
            }
            Ok(0)
        }
    }
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
        let value = serde_json::json!({
            "ok": !failed,
            "exit_code": if failed { 1 } else { 0 },
            "errors": report.errors(),
            "warnings": report.warnings(),
            "diagnostics": report.diagnostics.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
            "render_warnings": report.render_warnings,
            "summary": summary,
        });
        let _ = writeln!(stdout, "{value:#}");
        return;
    }
    for d in &report.diagnostics {
        let word = match d.severity() {
            Severity::Error => lang.error_word(),
            Severity::Warning => lang.warning_word(),
        };
        let _ = writeln!(stderr, "{word}: {}\n", d.render(lang));
    }
    for warning in &report.render_warnings {
        let _ = writeln!(stderr, "{}: {warning}", lang.warning_word());
    }
    if !report.diagnostics.is_empty() {
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
