//! The `stretchsheet` binary: parse the command line, run, report.

use std::process::ExitCode;

use stretchsheet::cli::{self, Parsed};

fn main() -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let config = match cli::parse(std::env::args_os(), today) {
        Ok(Parsed::Run(config)) => config,
        Ok(Parsed::Info(info)) => {
            let _ = info.print();
            return ExitCode::SUCCESS;
        }
        Err(line) => {
            eprintln!("stretchsheet: {line}");
            return ExitCode::from(2);
        }
    };
    match stretchsheet::run(*config, &mut std::io::stderr()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(stretchsheet::Error::Content(problems)) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            if problems.len() > 1 {
                eprintln!("stretchsheet: {} problems found", problems.len());
            }
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("stretchsheet: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
