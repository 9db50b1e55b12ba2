//! What the examples do when their command line gives them nothing to run: one definition of
//! `--help` (stdout, exit 0) and of a usage error (stderr, exit 2), shared by both.

use std::process::ExitCode;

/// Why a command line gave nothing to run.
#[derive(Debug, PartialEq)]
pub enum Usage {
    /// `--help` or `-h`: the usage goes to stdout, exit code 0.
    Help,
    /// A usage error: the message and the usage go to stderr, exit code 2.
    Error(String),
}

impl Usage {
    /// The process's exit code for it.
    pub fn exit_code(&self) -> u8 {
        match self {
            Usage::Help => 0,
            Usage::Error(_) => 2,
        }
    }

    /// Prints it with the usage text and gives the exit code.
    pub fn report(&self, usage: &str) -> ExitCode {
        match self {
            Usage::Help => println!("{usage}"),
            Usage::Error(message) => eprintln!("error: {message}\n{usage}"),
        }
        ExitCode::from(self.exit_code())
    }
}
