//! Speed and size of each sheet, as a user gets it: the whole process from
//! start to file written. Run with `cargo bench --bench sheets`.
//!
//! For every sheet it runs the release binary many times and reports the
//! fastest and median wall time, the PDF's size and the process's peak
//! memory, against the targets below. Exits with status 1 when a target is
//! missed, so the targets hold.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One sheet to measure.
struct Case {
    name: &'static str,
    args: Vec<String>,
    /// Target median wall time.
    time: Duration,
    /// Target PDF size, if any.
    bytes: Option<u64>,
}

/// Peak memory target for every sheet.
const PEAK_KB: u64 = 20 * 1024;
const RUNS: usize = 60;

fn main() {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_stretchsheet"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let clinic = root.join("examples/clinic/clinic.toml");
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases = [
        Case {
            name: "card",
            args: args(&["card", "-o", "card.pdf"]),
            time: Duration::from_millis(8),
            bytes: Some(30 * 1000),
        },
        Case {
            name: "4-week plan",
            args: args(&[
                "plan",
                "--goal",
                "posture",
                "--minutes",
                "10",
                "--weeks",
                "4",
                "--format",
                "pdf",
                "-o",
                "plan.pdf",
            ]),
            time: Duration::from_millis(15),
            bytes: Some(45 * 1000),
        },
        Case {
            name: "handout with logo",
            args: args(&[
                "handout",
                "--clinic",
                clinic.to_str().unwrap(),
                "--patient",
                "Ann Lee",
                "--clinician",
                "Sam Patel",
                "--stretch",
                "doorway-chest-stretch:hold=30,reps=3",
                "--stretch",
                "cat-cow",
                "--stretch",
                "thread-the-needle",
                "--per-day",
                "1",
                "--per-week",
                "5",
                "-o",
                "handout.pdf",
            ]),
            time: Duration::from_millis(12),
            bytes: None,
        },
    ];

    println!("{:<18} {:>9} {:>9} {:>10} {:>9}  verdict", "sheet", "min ms", "median", "PDF bytes", "peak KB");
    let mut missed = 0;
    for case in &cases {
        let mut times = Vec::with_capacity(RUNS);
        let mut peak = 0;
        // A few runs first so the binary and its files are in memory, as
        // they are for someone printing sheets one after another.
        for _ in 0..3 {
            run_once(&exe, &case.args, dir.path());
        }
        for _ in 0..RUNS {
            let (took, kb) = run_once(&exe, &case.args, dir.path());
            times.push(took);
            peak = peak.max(kb);
        }
        times.sort();
        let median = times[RUNS / 2];
        let output = dir.path().join(case.args.iter().skip_while(|a| *a != "-o").nth(1).unwrap());
        let bytes = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
        let mut faults = Vec::new();
        if median > case.time {
            faults.push(format!("time over {} ms", case.time.as_millis()));
        }
        if let Some(limit) = case.bytes.filter(|&limit| bytes > limit) {
            faults.push(format!("size over {limit} bytes"));
        }
        if peak > PEAK_KB {
            faults.push(format!("memory over {PEAK_KB} KB"));
        }
        let verdict = if faults.is_empty() { "ok".to_string() } else { faults.join(", ") };
        missed += faults.len();
        println!(
            "{:<18} {:>9.2} {:>9.2} {:>10} {:>9}  {verdict}",
            case.name,
            ms(times[0]),
            ms(median),
            bytes,
            peak
        );
    }
    if missed > 0 {
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs the binary once: wall time from spawn to exit, and peak resident
/// memory (KB) from the kernel's accounting of the child.
fn run_once(exe: &Path, args: &[String], dir: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let child = Command::new(exe)
        .args(["--today", "2026-11-21"])
        .args(args)
        .current_dir(dir)
        .spawn()
        .expect("the binary starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct the kernel fills in; `pid` is our
    // own child, waited for exactly once here (the `Child` is not waited).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert_eq!(waited, pid, "waiting for the child failed");
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{args:?} failed");
    std::mem::forget(child);
    (took, usage.ru_maxrss as u64)
}
