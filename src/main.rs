//! The `photon-budget` binary: the command line (and, with no arguments, the default preset).

use clap::Parser;
use photon_budget::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    run(Cli::parse())
}
