//! The `mokuteki` binary: parse the command line, run, exit with the code `run` returns.

use clap::Parser;

fn main() {
    let lang = mokuteki::error::Lang::from_env();
    let cli = match mokuteki::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => mokuteki::cli::usage_error(&error, lang),
    };
    let command = mokuteki::cli::Command::from_cli(cli);
    let code = mokuteki::cli::run(
        &command,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        lang,
    );
    std::process::exit(code);
}
