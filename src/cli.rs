//! The command line: parsed into plain data first ([`Command`]), then acted on ([`run`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::error::Result;
use crate::federation::{self, FederationOptions};
use crate::render::templates;

/// mokuteki: one purposes.yaml, every document of a society's 個人情報の利用目的.
#[derive(Debug, Parser)]
#[command(name = "mokuteki", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success; 1 a problem in purposes.yaml or a template; 2 a file could not be read or written, or the command line is wrong."
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
    /// Build several sources, each into its own folder.
    Federation(FederationOptions),
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
            } => {
                if source.len() > 1 || source[0].is_dir() {
                    return Command::Federation(federation_options(source, templates, out));
                }
                let source = source.into_iter().next().expect("clap gives a default");
                let base = source.parent().map(Path::to_path_buf).unwrap_or_default();
                let templates = templates.or_else(|| {
                    let beside = base.join("templates");
                    beside.is_dir().then_some(beside)
                });
                let out = out.unwrap_or_else(|| base.join("out"));
                Command::Build(BuildOptions {
                    source,
                    templates,
                    out,
                })
            }
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
        }
        Command::Federation(options) => federation::run(options, stderr)?,
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
