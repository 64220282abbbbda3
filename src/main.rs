//! The `mokuteki` binary: parse the command line, run, exit with the code `run` returns.

use clap::Parser;

fn main() {
    let cli = mokuteki::cli::Cli::parse();
    let command = mokuteki::cli::Command::from_cli(cli);
    let lang = mokuteki::error::Lang::from_env();
    let code = mokuteki::cli::run(
        &command,
        &mut std::io::stdout(),
        &mut std::io::stderr(),
        lang,
    );
    std::process::exit(code);
}
