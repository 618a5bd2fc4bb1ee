//! The `stretchsheet` binary: parse the command line, run, print what went
//! wrong and exit with the status the error decides.

use std::io::Write as _;
use std::process::ExitCode;

use stretchsheet::cli::{self, Parsed};

fn main() -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let result = cli::parse(std::env::args_os(), today).and_then(|parsed| match parsed {
        Parsed::Run(config) => stretchsheet::run(*config, &mut std::io::stderr()).map(|()| 0),
        Parsed::Info { text, to_stderr, code } => {
            let printed = if to_stderr {
                std::io::stderr().write_all(text.as_bytes())
            } else {
                std::io::stdout().write_all(text.as_bytes())
            };
            Ok(if printed.is_ok() { code } else { 0 })
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            let e = e.renaming(cli::flag_names);
            if !matches!(e, stretchsheet::Error::ClosedPipe) {
                for line in e.lines() {
                    eprintln!("{line}");
                }
            }
            ExitCode::from(e.exit_code())
        }
    }
}
