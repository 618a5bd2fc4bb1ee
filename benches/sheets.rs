//! Speed and size of each sheet, as a user gets it: the whole process from
//! start to file written. Run with `cargo bench --bench sheets`.
//!
//! For every sheet it runs the release binary many times and reports the
//! fastest and median wall time, the PDF's size and the process's peak
//! memory, against the targets below. Exits with status 1 when a target is
//! missed, so the targets hold. Then a clinic's day: `batch` of a
//! generated 1,000-patient roster, every handout written. The last cases
//! run `list`, `card`, a 30-minute `plan` and the `gallery` over a
//! generated library of 5,000 stretches (`--library`), made from copies of
//! the built-in stretch files.

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
/// Stretches in the big library, and the runs of each of its cases.
const BIG_LIBRARY: usize = 5000;
const BIG_RUNS: usize = 5;

/// A library of `n` stretch files in `dir/stretches`, made from copies of
/// the built-in ones: copy `k` (from 1) of `cat-cow` is `cat-cow-v001`,
/// named "Cat-cow 1" (at most 40 characters), without aliases, and for
/// two copies in three serving other goals. Every file stays valid for
/// `check`.
fn big_library(root: &Path, dir: &Path, n: usize) {
    let mut originals: Vec<(String, String)> = std::fs::read_dir(root.join("content/stretches"))
        .expect("the built-in stretches")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, std::fs::read_to_string(&p).expect("a stretch file"))
        })
        .collect();
    originals.sort();
    let goals = ["tension", "mobility", "posture", "desk-break", "gentle-start"];
    let folder = dir.join("stretches");
    std::fs::create_dir_all(&folder).expect("the library folder");
    for i in 0..n {
        let (id, text) = &originals[i % originals.len()];
        let k = i / originals.len() + 1;
        let mut out = String::with_capacity(text.len());
        let mut in_aliases = false;
        for line in text.lines() {
            if in_aliases {
                in_aliases = !line.trim_end().ends_with(']');
                continue;
            }
            if let Some(name) = line.strip_prefix("name = \"").and_then(|l| l.strip_suffix('"')) {
                let suffix = format!(" {k}");
                let kept: String = name.chars().take(40 - suffix.len()).collect();
                out.push_str(&format!("name = \"{}{suffix}\"\n", kept.trim_end()));
            } else if line.starts_with("aliases = ") {
                in_aliases = !line.trim_end().ends_with(']');
                out.push_str("aliases = []\n");
            } else if line.starts_with("goals = ") && !k.is_multiple_of(3) {
                out.push_str(&format!("goals = [\"{}\", \"{}\"]\n", goals[k % 5], goals[(k + 2) % 5]));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        std::fs::write(folder.join(format!("{id}-v{k:03}.toml")), out).expect("a stretch file is written");
    }
}

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
        big("5k: list", &["list", "--library", "big"], 150, 40),
        big("5k: card", &["card", "--library", "big", "-o", "big-card.pdf"], 150, 40),
        big(
            "5k: 30-min plan",
            &["plan", "--library", "big", "--minutes", "30", "--format", "pdf", "-o", "big-plan.pdf"],
            150,
            40,
        ),
        big("5k: gallery", &["gallery", "--library", "big", "-o", "big-gallery.pdf"], 2000, 150),
    ];
    std::fs::write(dir.path().join("roster.csv"), roster(PATIENTS)).expect("the roster is written");
    big_library(root, &dir.path().join("big"), BIG_LIBRARY);

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
        // The file or folder written (none for `list`, which prints).
        let output = case.args.iter().skip_while(|a| *a != "-o").nth(1);
        let bytes = output.map_or(0, |output| output_bytes(&dir.path().join(output)));
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

/// A case over the big library: its targets in milliseconds and MB.
fn big(name: &'static str, args: &[&str], ms: u64, mb: u64) -> Case {
    Case {
        name,
        args: args.iter().map(|s| s.to_string()).collect(),
        time: Duration::from_millis(ms),
        bytes: None,
        runs: BIG_RUNS,
        peak_kb: mb * 1024,
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
        .stdout(std::process::Stdio::null())
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
