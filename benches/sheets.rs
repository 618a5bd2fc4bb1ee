//! Speed and size of each sheet, as a user gets it: the whole process from
//! start to file written. Run with `cargo bench --bench sheets`.
//!
//! For every sheet it runs the release binary many times and reports the
//! fastest and median wall time, the PDF's size and the process's peak
//! memory, against the targets below. Exits with status 1 when a target is
//! missed, so the targets hold. The last case is a clinic's day: `batch`
//! of a generated 1,000-patient roster, every handout written.

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
    /// Timed runs.
    runs: usize,
    /// Target peak memory, in KB.
    peak_kb: u64,
}

/// Peak memory target for every single sheet.
const PEAK_KB: u64 = 20 * 1024;
const RUNS: usize = 60;
/// Patients in the batch case's roster, and its targets.
const PATIENTS: usize = 1000;
const BATCH_TIME: Duration = Duration::from_secs(2);
const BATCH_PEAK_KB: u64 = 100 * 1024;
const BATCH_RUNS: usize = 5;

/// A roster of `n` patients as a clinic might export it: most with named
/// stretches and doses, every fourth picked by the planner from a goal.
fn roster(n: usize) -> String {
    let named = [
        "doorway-chest-stretch:hold=30,reps=3; cat-cow; thread-the-needle",
        "chin-tucks; seated-thoracic-rotation; upper-trapezius-stretch:hold=20",
        "shoulder-rolls; wall-chest-stretch; childs-pose; overhead-reach",
    ];
    let goals = ["posture", "tension", "mobility", "desk-break"];
    let mut text = String::from("patient,clinician,per_day,per_week,stretches,goal,minutes,notes\n");
    for i in 0..n {
        let (stretches, goal, minutes) =
            if i % 4 == 3 { ("", goals[i / 4 % 4], "10") } else { (named[i % 3], "", "") };
        text.push_str(&format!(
            "Patient {i:04},Sam Patel,1,5,\"{stretches}\",{goal},{minutes},\"Relax your shoulders; breathe out as you stretch.\"\n"
        ));
    }
    text
}

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
            runs: RUNS,
            peak_kb: PEAK_KB,
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
            runs: RUNS,
            peak_kb: PEAK_KB,
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
            runs: RUNS,
            peak_kb: PEAK_KB,
        },
        Case {
            name: "batch of 1,000",
            args: args(&["batch", "roster.csv", "--clinic", clinic.to_str().unwrap(), "-o", "out"]),
            time: BATCH_TIME,
            bytes: None,
            runs: BATCH_RUNS,
            peak_kb: BATCH_PEAK_KB,
        },
    ];
    std::fs::write(dir.path().join("roster.csv"), roster(PATIENTS)).expect("the roster is written");

    println!("{:<18} {:>9} {:>9} {:>10} {:>9}  verdict", "sheet", "min ms", "median", "PDF bytes", "peak KB");
    let mut missed = 0;
    for case in &cases {
        let mut times = Vec::with_capacity(case.runs);
        let mut peak = 0;
        // A few runs first so the binary and its files are in memory, as
        // they are for someone printing sheets one after another.
        for _ in 0..3.min(case.runs) {
            run_once(&exe, &case.args, dir.path());
        }
        for _ in 0..case.runs {
            let (took, kb) = run_once(&exe, &case.args, dir.path());
            times.push(took);
            peak = peak.max(kb);
        }
        times.sort();
        let median = times[case.runs / 2];
        let output = dir.path().join(case.args.iter().skip_while(|a| *a != "-o").nth(1).unwrap());
        let bytes = output_bytes(&output);
        let mut faults = Vec::new();
        if median > case.time {
            faults.push(format!("time over {} ms", case.time.as_millis()));
        }
        if let Some(limit) = case.bytes.filter(|&limit| bytes > limit) {
            faults.push(format!("size over {limit} bytes"));
        }
        if peak > case.peak_kb {
            faults.push(format!("memory over {} KB", case.peak_kb));
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

/// The file's size, or for a folder (a batch's) the mean size of its files.
fn output_bytes(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    };
    let sizes: Vec<u64> = entries.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).collect();
    sizes.iter().sum::<u64>() / (sizes.len().max(1) as u64)
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
