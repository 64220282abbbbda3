//! The `mokuteki` binary: parse the command line, run, render any error once.

use clap::Parser;

fn main() {
    let cli = mokuteki::cli::Cli::parse();
    let command = mokuteki::cli::Command::from_cli(cli);
    if let Err(error) = mokuteki::cli::run(&command, &mut std::io::stderr()) {
        eprintln!("error: {error}");
        std::process::exit(error.exit_code());
    }
}
