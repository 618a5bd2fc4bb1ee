//! A clinic's day, run as a clinic runs it: a starter folder from `init`,
//! handouts for a whole roster with `batch` (spreadsheet CSV quirks, bad
//! rows skipped with one line each, bad rosters refused whole), saved
//! prescriptions that reprint byte for byte and progress at the follow-up,
//! and QR codes that scan from a 150 dpi render.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::*;

/// A starter clinic folder made by `init` in `dir`; returns its path.
fn starter(dir: &Path) -> PathBuf {
    let out = run_in(dir, &["init", "clinic"]);
    assert!(ok(&out).is_empty(), "init prints nothing on stdout");
    dir.join("clinic")
}

/// `batch ROSTER` in `dir` with the starter clinic and library, to `out/`.
fn batch(dir: &Path, roster: &str, extra: &[&str]) -> std::process::Output {
    let mut args =
        vec!["batch", roster, "--clinic", "clinic/clinic.toml", "--library", "clinic", "-o", "out"];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

/// The PDF files in `dir`, sorted.
fn pdfs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.ends_with(".pdf"));
    names.sort();
    names
}

#[test]
fn init_makes_a_folder_that_checks_and_batches_as_it_is() {
    let dir = tempdir();
    let clinic = starter(dir.path());
    for file in ["clinic.toml", "logo.png", "roster.csv", "README.txt", "stretches/photos/example-photo.jpg"]
    {
        assert!(clinic.join(file).is_file(), "{file} missing");
    }
    let toml = std::fs::read_to_string(clinic.join("clinic.toml")).unwrap();
    for field in ["name", "address", "phone", "email", "website", "logo", "accent", "paper", "footer"] {
        assert!(toml.contains(&format!("\n{field} = ")), "clinic.toml lacks {field}");
    }
    let checked = ok(&run_in(dir.path(), &["check", "clinic"]));
    assert!(checked.starts_with("clinic: ok"), "{checked}");
    let out = run_in(
        dir.path(),
        &["batch", "clinic/roster.csv", "--clinic", "clinic/clinic.toml", "--library", "clinic", "-o", "out"],
    );
    ok(&out);
    assert_eq!(stderr(&out), "wrote 3 handouts to out/\n");
    let made = pdfs(&dir.path().join("out"));
    assert_eq!(made, ["handout-alex-example.pdf", "handout-blair-example.pdf", "handout-casey-example.pdf"]);
    for name in &made {
        assert_valid_pdf(&dir.path().join("out").join(name));
    }
    if let Some(text) = body_text(&dir.path().join("out/handout-alex-example.pdf"), "") {
        for phrase in
            ["Prepared for: Alex Example", "Seated arm raise (example)", "Side neck stretch (example)"]
        {
            assert!(text.contains(phrase), "{phrase:?} missing");
        }
    }
}

#[test]
fn init_never_writes_into_a_folder_that_holds_anything() {
    let dir = tempdir();
    let clinic = starter(dir.path());
    std::fs::write(clinic.join("clinic.toml"), "name = \"Mine\"\n").unwrap();
    let line = bad(&run_in(dir.path(), &["init", "clinic"]));
    assert_eq!(line, "stretchsheet: folder clinic: is not empty; name a new or empty folder");
    assert_eq!(std::fs::read_to_string(clinic.join("clinic.toml")).unwrap(), "name = \"Mine\"\n");
    std::fs::write(dir.path().join("file"), "x").unwrap();
    assert!(bad(&run_in(dir.path(), &["init", "file"])).contains("is not a folder"));
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    ok(&run_in(dir.path(), &["init", "empty"]));
    assert!(dir.path().join("empty/roster.csv").is_file());
    let hidden: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "a staging folder was left behind");
}

#[test]
fn a_spreadsheet_roster_with_a_mark_semicolons_quotes_and_twins() {
    let dir = tempdir();
    starter(dir.path());
    let roster = "\u{feff}Patient;Stretches;Notes;Per day\n\
                  Ann Lee;cat-cow:reps=8, sides=1;\"Breathe out; relax.\nThen rest.\";2\n\
                  ann lee;\"thread-the-needle; childs-pose:hold=25\";;\n\
                  Bo Chen;;;1\n";
    std::fs::write(dir.path().join("roster.csv"), roster).unwrap();
    let out = batch(dir.path(), "roster.csv", &[]);
    ok(&out);
    assert_eq!(stderr(&out), "wrote 3 handouts to out/\n");
    let made = pdfs(&dir.path().join("out"));
    assert_eq!(made, ["handout-ann-lee-2.pdf", "handout-ann-lee.pdf", "handout-bo-chen.pdf"]);
    if let Some(text) = body_text(&dir.path().join("out/handout-ann-lee.pdf"), "") {
        assert!(text.contains("Breathe out; relax. Then rest."), "notes missing");
        assert!(text.contains("Twice a day"), "per day missing");
        assert!(text.contains("8 times"), "dose missing");
    }
    if let Some(text) = body_text(&dir.path().join("out/handout-ann-lee-2.pdf"), "") {
        assert!(text.contains("Prepared for: ann lee") && text.contains("Hold 25 s"), "{text}");
    }
}

#[test]
fn a_bad_row_gets_one_line_and_the_other_rows_are_written() {
    let dir = tempdir();
    starter(dir.path());
    let roster = "patient,stretches,goal,minutes,follow_up\n\
                  Ann Lee,cat-cow,,,\n\
                  Bo Chen,cat-cwo,,,\n\
                  Cy Diaz,,posture,90,\n\
                  Di Eze,cat-cow,posture,,\n\
                  Ed Fox,,,,2026-13-01\n\
                  Flo Gill,,tension,5,\n";
    std::fs::write(dir.path().join("roster.csv"), roster).unwrap();
    let out = batch(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(
        lines[0].starts_with("roster.csv:3: stretches: unknown stretch \"cat-cwo\"; did you mean cat-cow?"),
        "{err}"
    );
    assert_eq!(lines[1], "roster.csv:4: minutes: 90 is more than 60 (a session is 1–60 minutes)");
    assert!(
        lines[2].starts_with("roster.csv:5: stretches: gives the exercises twice (also in goal)"),
        "{err}"
    );
    assert!(lines[3].starts_with("roster.csv:6: follow_up: \"2026-13-01\" is not a date"), "{err}");
    assert_eq!(lines[4], "wrote 2 handouts to out/; 4 rows failed");
    assert_eq!(pdfs(&dir.path().join("out")), ["handout-ann-lee.pdf", "handout-flo-gill.pdf"]);
}

#[test]
fn unknown_columns_are_reported_once_and_ignored() {
    let dir = tempdir();
    starter(dir.path());
    let roster = "patient,dob,stretches,room\nAnn Lee,1950-01-01,cat-cow,3\nBo Chen,1960-02-02,cat-cow,4\n";
    std::fs::write(dir.path().join("roster.csv"), roster).unwrap();
    let out = batch(dir.path(), "roster.csv", &[]);
    ok(&out);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("roster.csv:1: header: ignoring the unknown columns \"dob\" and \"room\""),
        "{err}"
    );
    assert_eq!(lines[1], "wrote 2 handouts to out/");
}

#[test]
fn bad_rosters_are_refused_whole_with_one_line_and_nothing_written() {
    let dir = tempdir();
    starter(dir.path());
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "sheet.csv",
            b"PK\x03\x04\x14\x00\x06\x00binary",
            "roster sheet.csv: is not a CSV file (it holds binary data",
        ),
        (
            "nopatient.csv",
            b"name,stretches\nAnn,cat-cow\n",
            "has no \"patient\" column (found name and stretches)",
        ),
        ("empty.csv", b"", "roster empty.csv: is empty"),
        ("header.csv", b"patient,stretches\n", "has no rows"),
        ("latin1.csv", b"patient\nZo\xeb\n", "is not UTF-8 text"),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let line = bad(&batch(dir.path(), name, &[]));
        assert!(line.contains(expected), "{name}: {line}");
        assert!(pdfs(&dir.path().join("out")).is_empty(), "{name}: something was written");
    }
    let mut big = String::from("patient,stretches\n");
    for i in 0..=100_000 {
        big.push_str(&format!("P{i},cat-cow\n"));
    }
    std::fs::write(dir.path().join("big.csv"), big).unwrap();
    let line = bad(&batch(dir.path(), "big.csv", &[]));
    assert!(
        line.ends_with("has more than 100000 rows; split it into several rosters of at most 100000 patients")
    );
}

#[test]
fn a_saved_prescription_reprints_byte_for_byte_and_progresses() {
    let dir = tempdir();
    starter(dir.path());
    let clinic = ["--clinic", "clinic/clinic.toml", "--library", "clinic"];
    let mut first = vec!["handout", "--patient", "Ann Lee", "--clinician", "Sam Patel", "--per-day", "1"];
    first.extend_from_slice(&clinic);
    first.extend_from_slice(&[
        "--stretch",
        "cat-cow",
        "--stretch",
        "childs-pose:hold=20",
        "--stretch",
        "example-seated-reach:reps=10",
        "--follow-up",
        "2026-12-05",
        "-o",
        "first.pdf",
        "--save",
        "ann.toml",
    ]);
    ok(&run_in(dir.path(), &first));
    let mut again = vec!["handout", "--from", "ann.toml", "-o", "again.pdf"];
    again.extend_from_slice(&clinic);
    ok(&run_in(dir.path(), &again));
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert!(read("first.pdf") == read("again.pdf"), "the reprint differs");

    let mut next = vec!["handout", "--from", "ann.toml", "--progress", "--date", "2026-12-05"];
    next.extend_from_slice(&clinic);
    next.extend_from_slice(&["-o", "next.pdf", "--save", "ann-2.toml"]);
    let out = run_in(dir.path(), &next);
    ok(&out);
    let err = stderr(&out);
    let changed = err.lines().find(|l| l.starts_with("what changed since 21 November 2026: ")).unwrap_or("");
    assert!(changed.contains("Cat-cow ") && changed.contains("(was "), "{err}");
    assert!(changed.contains("Child’s pose held 25 s (was 20 s)"), "{err}");
    assert!(changed.contains("Seated arm raise (example) unchanged (at the top of its range)"), "{err}");
    let saved = String::from_utf8(read("ann-2.toml")).unwrap();
    assert!(saved.contains("date = 2026-12-05\nfollow_up = 2026-12-19\n"), "{saved}");
    assert!(saved.contains("id = \"childs-pose\"\nhold_s = 25\n"), "{saved}");
    if let Some(text) = body_text(&dir.path().join("next.pdf"), "") {
        assert!(text.contains("What changed since 21 November 2026: Cat-cow"), "no what-changed line");
        assert!(
            text.contains("Date: 5 December 2026") && text.contains("Next appointment: 19 December 2026")
        );
    }
}

/// A stretch named in another of its positions is saved with it, reprinted
/// and progressed in it; a position it is not done in is one line.
#[test]
fn a_prescribed_position_is_saved_reprinted_and_progressed() {
    let dir = tempdir();
    let first = [
        "handout",
        "--patient",
        "Ann Lee",
        "--stretch",
        "chin-tucks:position=standing",
        "--stretch",
        "shoulder-blade-squeeze:position=seated,reps=8",
        "-o",
        "first.pdf",
        "--save",
        "ann.toml",
    ];
    ok(&run_in(dir.path(), &first));
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    let saved = String::from_utf8(read("ann.toml")).unwrap();
    assert!(saved.contains("id = \"chin-tucks\"\nreps = 8\nsides = 1\nposition = \"standing\"\n"), "{saved}");
    assert!(saved.contains("position = \"seated\""), "{saved}");
    ok(&run_in(dir.path(), &["handout", "--from", "ann.toml", "-o", "again.pdf"]));
    assert!(read("first.pdf") == read("again.pdf"), "the reprint differs");
    let next = [
        "handout",
        "--from",
        "ann.toml",
        "--progress",
        "--date",
        "2026-12-20",
        "-o",
        "n.pdf",
        "--save",
        "n.toml",
    ];
    ok(&run_in(dir.path(), &next));
    let progressed = String::from_utf8(read("n.toml")).unwrap();
    assert!(progressed.contains("position = \"standing\""), "{progressed}");
    let line = bad(&run_in(dir.path(), &["handout", "--stretch", "cat-cow:position=seated", "-o", "x.pdf"]));
    assert!(line.contains("seated") && line.contains("hands-and-knees"), "{line}");
    let line = bad(&run_in(dir.path(), &["handout", "--stretch", "cat-cow:position=upside", "-o", "x.pdf"]));
    assert!(line.contains("upside"), "{line}");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn a_batch_saves_prescriptions_that_reprint_its_handouts() {
    let dir = tempdir();
    starter(dir.path());
    ok(&batch(dir.path(), "clinic/roster.csv", &["--save", "rx"]));
    let rx = dir.path().join("rx/prescription-blair-example.toml");
    let text = std::fs::read_to_string(&rx).unwrap();
    assert!(text.contains("format = 1\npatient = \"Blair Example\""), "{text}");
    let args = [
        "handout",
        "--from",
        "rx/prescription-blair-example.toml",
        "--clinic",
        "clinic/clinic.toml",
        "--library",
        "clinic",
        "-o",
        "again.pdf",
    ];
    ok(&run_in(dir.path(), &args));
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    assert!(read("out/handout-blair-example.pdf") == read("again.pdf"), "the reprint differs");
}

#[test]
fn bad_prescriptions_name_the_file_and_line_and_overwrite_nothing() {
    let dir = tempdir();
    std::fs::write(dir.path().join("out.pdf"), "old").unwrap();
    let cases = [
        (
            "[[stretch]]\nid = \"cat-cwo\"\n",
            "ann.toml:4:6: stretch[0].id: unknown stretch \"cat-cwo\"; did you mean cat-cow?",
        ),
        (
            "[[stretch]]\nid = \"childs-pose\"\nhold_s = 300\n",
            "ann.toml:5:10: stretch[0].hold_s: 300 is more than 120 (a hold is 5–120 seconds)",
        ),
        ("[[stretch]]\nid = \"cat-cow\"\nreps = 0\n", "ann.toml:5:8: stretch[0].reps: 0 is less than 1"),
    ];
    for (stretches, expected) in cases {
        let text = format!("format = 1\ndate = 2026-11-21\n{stretches}");
        std::fs::write(dir.path().join("ann.toml"), text).unwrap();
        let line = bad(&run_in(dir.path(), &["handout", "--from", "ann.toml", "-o", "out.pdf"]));
        assert!(line.starts_with(expected), "{line}");
        assert_eq!(std::fs::read_to_string(dir.path().join("out.pdf")).unwrap(), "old");
    }
    let line = bad(&run_in(dir.path(), &["handout", "--from", "ann.toml", "--patient", "X"]));
    assert!(line.contains("--patient"), "{line}");
}

#[test]
fn a_roster_row_can_point_at_a_saved_prescription() {
    let dir = tempdir();
    starter(dir.path());
    let rx = "format = 1\ndate = 2026-11-21\nper_week = 4\n\n[[stretch]]\nid = \"cat-cow\"\nreps = 9\n";
    std::fs::create_dir(dir.path().join("rx")).unwrap();
    std::fs::write(dir.path().join("rx/ann.toml"), rx).unwrap();
    std::fs::write(
        dir.path().join("rx/bad.toml"),
        "format = 1\ndate = 2026-11-21\n[[stretch]]\nid = \"x\"\n",
    )
    .unwrap();
    let roster = "patient,prescription\nAnn Lee,rx/ann.toml\nBo Chen,rx/bad.toml\n";
    std::fs::write(dir.path().join("roster.csv"), roster).unwrap();
    let out = batch(dir.path(), "roster.csv", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("rx/bad.toml:4:6: stretch[0].id: unknown stretch \"x\""), "{err}");
    assert!(err.ends_with("wrote 1 handout to out/; 1 row failed\n"), "{err}");
    if let Some(text) = body_text(&dir.path().join("out/handout-ann-lee.pdf"), "") {
        assert!(
            text.contains("Prepared for: Ann Lee")
                && text.contains("9 times")
                && text.contains("4 days a week")
        );
    }
}

/// The codes printed on a handout, as zbarimg reads them from a 150 dpi
/// render of every page (None without pdftoppm or zbarimg).
fn scanned(pdf: &Path) -> Option<Vec<String>> {
    if !have("pdftoppm") || !have("zbarimg") {
        return None;
    }
    let prefix = pdf.with_extension("");
    let rendered =
        Command::new("pdftoppm").args(["-r", "150", "-gray", "-png"]).arg(pdf).arg(&prefix).output();
    assert!(rendered.expect("pdftoppm runs").status.success());
    let mut found = Vec::new();
    let folder = pdf.parent().expect("a folder");
    for entry in std::fs::read_dir(folder).expect("the folder").flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "png") {
            let out =
                Command::new("zbarimg").args(["-q", "--raw"]).arg(&path).output().expect("zbarimg runs");
            found.extend(String::from_utf8_lossy(&out.stdout).lines().map(str::to_string));
        }
    }
    found.sort();
    Some(found)
}

#[test]
fn qr_codes_of_the_website_and_a_video_scan_from_a_150_dpi_render() {
    let dir = tempdir();
    let clinic = starter(dir.path());
    let stretch = clinic.join("stretches/example-seated-reach.toml");
    let text = std::fs::read_to_string(&stretch).unwrap();
    let video = "https://your-clinic.example/videos/seated-arm-raise";
    let text = text.replace(&format!("# video = \"{video}\""), &format!("video = \"{video}\""));
    std::fs::write(&stretch, text).unwrap();
    let args = [
        "handout",
        "--clinic",
        "clinic/clinic.toml",
        "--library",
        "clinic",
        "--stretch",
        "example-seated-reach",
        "-o",
        "qr/qr.pdf",
    ];
    std::fs::create_dir(dir.path().join("qr")).unwrap();
    ok(&run_in(dir.path(), &args));
    let pdf = dir.path().join("qr/qr.pdf");
    if let Some(text) = body_text(&pdf, "") {
        assert!(
            text.replace("/ ", "/").contains("your-clinic.example/videos/seated-arm-raise"),
            "the short address is missing"
        );
    }
    if let Some(codes) = scanned(&pdf) {
        assert_eq!(codes, ["https://your-clinic.example", video]);
    }
    // A video must be a full address: `check` says so.
    ok(&run_in(dir.path(), &["check", "clinic"]));
    let text = std::fs::read_to_string(&stretch).unwrap().replace(video, "your-clinic.example/videos");
    std::fs::write(&stretch, text).unwrap();
    let line = bad(&run_in(dir.path(), &["check", "clinic"]));
    assert!(line.contains("video: \"your-clinic.example/videos\" is not a web address"), "{line}");
}

#[test]
fn a_prescription_keeps_the_patients_limits_and_its_follow_up_stays_within_them() {
    let dir = tempdir();
    let named = ["handout", "--avoid", "knee-pain", "--stretch", "quadruped-thoracic-rotation"];
    let line = bad(&run_in(dir.path(), &[&named[..], &["-o", "no.pdf"]].concat()));
    assert!(
        line.contains(
            "quadruped-thoracic-rotation is ruled out by the patient's limits (avoid with knee-pain"
        ) && line.ends_with("or add --allow-excluded to prescribe it anyway"),
        "{line}"
    );
    assert!(!dir.path().join("no.pdf").exists(), "nothing written for a refused handout");
    ok(&run_in(dir.path(), &[&named[..], &["--allow-excluded", "-o", "yes.pdf"]].concat()));

    // At the top of its range, the seated twist's harder version kneels:
    // the follow-up keeps it rather than step into what the limits rule out.
    let first = [
        "handout",
        "--avoid",
        "knee-pain",
        "--stretch",
        "seated-thoracic-rotation:reps=10",
        "--date",
        "2026-11-21",
        "-o",
        "a.pdf",
        "--save",
        "a.toml",
    ];
    ok(&run_in(dir.path(), &first));
    let saved = std::fs::read_to_string(dir.path().join("a.toml")).unwrap();
    assert!(
        saved.contains("\navoid = [\"knee-pain\"]\npaper"),
        "named stretches name their equipment: {saved}"
    );
    let next = ["handout", "--from", "a.toml", "--progress", "-o", "b.pdf", "--save", "b.toml"];
    let out = run_in(dir.path(), &next);
    ok(&out);
    assert!(
        stderr(&out).contains("Seated upper back twist unchanged (at the top of its range)"),
        "{}",
        stderr(&out)
    );
    let progressed = std::fs::read_to_string(dir.path().join("b.toml")).unwrap();
    assert!(progressed.contains("id = \"seated-thoracic-rotation\""), "{progressed}");
    assert!(progressed.contains("\navoid = [\"knee-pain\"]\n"), "the limits are kept: {progressed}");
}
