//! The command line: parsed into plain data first ([`Command`]), then acted on ([`run`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::error::Result;
use crate::output::check;
use crate::render::mailing::Overrides;
use crate::render::templates;
use crate::source::model::TextEncoding;

/// mokuteki: one purposes.yaml, every document of a society's 個人情報の利用目的.
#[derive(Debug, Parser)]
#[command(name = "mokuteki", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success; 1 a problem in purposes.yaml or a template, or build --check found differences; 2 a file could not be read or written, or the command line is wrong."
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
        /// Write nothing: compare the output folder with what a build would produce, list
        /// each file that would be added, changed or removed, and exit 1 if any would.
        #[arg(long)]
        check: bool,
        /// With --check, also print a unified diff of each difference.
        #[arg(long, requires = "check")]
        diff: bool,
        /// Build into a folder that is refused otherwise: a non-empty one without a
        /// manifest, the source's or templates' folder, the project root, home, or /.
        #[arg(long, conflicts_with = "check")]
        force: bool,
        /// The mailing text's line width in full-width characters [default: mailing.width
        /// in the source, or 36].
        #[arg(long, value_name = "N", value_parser = parse_width)]
        width: Option<usize>,
        /// The mailing text's encoding: utf-8 (LF) or shift_jis (Windows-31J, CRLF)
        /// [default: mailing.encoding in the source, or utf-8].
        #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
        encoding: Option<TextEncoding>,
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

/// A command, resolved to plain data with every default filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Build the outputs.
    Build(BuildOptions),
    /// Compare the output folder with what a build would produce.
    Check {
        /// What the build would read and write.
        options: BuildOptions,
        /// Print a unified diff of each difference.
        diff: bool,
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
                width,
                encoding,
            } => {
                let base = source.parent().map(Path::to_path_buf).unwrap_or_default();
                let templates = templates.or_else(|| {
                    let beside = base.join("templates");
                    beside.is_dir().then_some(beside)
                });
                let out = out.unwrap_or_else(|| base.join("out"));
                let options = BuildOptions {
                    source,
                    templates,
                    out,
                    force,
                    mailing: Overrides { width, encoding },
                };
                if check {
                    Command::Check { options, diff }
                } else {
                    Command::Build(options)
                }
            }
            CliCommand::Templates { dir } => Command::ExportTemplates { dir },
        }
    }
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

/// Runs a command, reporting progress on `stderr`.
pub fn run(command: &Command, stderr: &mut dyn Write) -> Result<()> {
    match command {
        Command::Build(options) => {
            let (rendered, report) = build::build(options)?;
            for warning in &rendered.warnings {
                let _ = writeln!(stderr, "warning: {warning}");
            }
            let _ = writeln!(
                stderr,
                "built {} files into {} ({} written, {} unchanged)",
                rendered.outputs.len(),
                options.out.display(),
                report.written.len(),
                report.unchanged.len()
            );
            for path in &report.removed {
                let _ = writeln!(stderr, "removed {path} (no longer produced)");
            }
            for path in &report.kept {
                let _ = writeln!(
                    stderr,
                    "warning: kept {path}: no longer produced, but changed since mokuteki wrote it; delete it yourself if it is not wanted"
                );
            }
        }
        Command::Check { options, diff } => {
            let (rendered, plan) = build::check(options)?;
            check::report(
                &options.out,
                &plan,
                &rendered.outputs,
                *diff,
                &mut std::io::stdout().lock(),
            )?;
        }
        Command::ExportTemplates { dir } => {
            let (written, kept) = templates::export(dir)?;
            for path in &written {
                let _ = writeln!(stderr, "wrote {}", path.display());
            }
            for path in &kept {
                let _ = writeln!(stderr, "kept {} (exists already)", path.display());
            }
        }
    }
    Ok(())
}
