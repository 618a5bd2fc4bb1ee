//! The clinic handout, run as a clinic runs it: branding, patient details,
//! every step and red flag in the PDF's text, long names and notes that
//! paginate, and one-line errors for bad clinic files, logos, characters
//! and prescriptions. (That a long name and long notes come out whole is
//! checked on the laid-out pages, in `layout`.)

use std::path::{Path, PathBuf};

use crate::harness::*;

const FOOTER: &str = "Riverside Physiotherapy · Questions? Call +1 555 0100";

/// A 900×300 PNG with a transparent checkerboard, like a real logo.
fn logo_png() -> Vec<u8> {
    let img = image::RgbaImage::from_fn(900, 300, |x, y| {
        if (x / 30 + y / 30) % 2 == 0 { image::Rgba([29, 107, 95, 255]) } else { image::Rgba([0, 0, 0, 0]) }
    });
    png(image::DynamicImage::ImageRgba8(img))
}

fn png(img: image::DynamicImage) -> Vec<u8> {
    let mut bytes = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).expect("a PNG");
    bytes
}

/// A clinic folder with a logo of `logo` bytes (a real PNG when None) and
/// `extra` lines in its clinic.toml; returns the clinic.toml path.
fn clinic(dir: &Path, logo: Option<&[u8]>, extra: &str) -> PathBuf {
    let logo = logo.map_or_else(logo_png, <[u8]>::to_vec);
    std::fs::write(dir.join("logo.png"), logo).unwrap();
    let toml = format!(
        "name = \"Riverside Physiotherapy\"\naddress = \"12 River Street, Springfield\"\nphone = \"+1 555 0100\"\n\
         email = \"desk@riverside.example\"\nwebsite = \"https://riverside.example\"\nlogo = \"logo.png\"\n\
         accent = \"#1d6b5f\"\nfooter = \"{FOOTER}\"\n{extra}"
    );
    let path = dir.join("clinic.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

const EXERCISES: [&str; 6] = [
    "--stretch",
    "doorway-chest-stretch:hold=30,reps=3",
    "--stretch",
    "cat-cow",
    "--stretch",
    "thread-the-needle:reps=2",
];

/// `handout` of [`EXERCISES`] for the clinic, to `dir/out.pdf`.
fn handout(dir: &Path, extra: &[&str]) -> std::process::Output {
    let clinic = clinic(dir, None, "");
    let mut args = vec!["handout", "--clinic", clinic.to_str().unwrap(), "-o", "out.pdf"];
    args.extend_from_slice(&EXERCISES);
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

/// The handout's one end-to-end read of the PDF's text.
#[test]
fn a_branded_handout_has_every_step_and_red_flag() {
    let dir = tempdir();
    let out = handout(
        dir.path(),
        &[
            "--patient",
            "Ann Lee",
            "--clinician",
            "Sam Patel",
            "--per-day",
            "1",
            "--per-week",
            "5",
            "--follow-up",
            "2026-12-10",
            "--notes",
            "Relax your shoulders between repetitions.",
        ],
    );
    ok(&out);
    let path = dir.path().join("out.pdf");
    assert_valid_pdf(&path);
    let Some(text) = body_text(&path, FOOTER) else { return };
    for expected in [
        "Riverside Physiotherapy",
        "12 River Street, Springfield",
        "Prepared for: Ann Lee",
        "Clinician: Sam Patel",
        "Next appointment: 10 December 2026",
        "Once a day, 5 days a week.",
        "Relax your shoulders between repetitions.",
        // The dose panel's labels and values (in whatever order the
        // PDF's text comes out).
        "Hold",
        "Repeat",
        "Sides",
        "How often",
        "30 seconds",
        "3 times",
        "Once a day, 5 days a week",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    assert!(!text.contains("s in all") && !text.contains(" min "), "a seconds total: {text}");
    for id in ["doorway-chest-stretch", "cat-cow", "thread-the-needle"] {
        assert_has_all(&text, "step", &strings(&stretch(id), "steps"));
    }
    assert_has_all(&text, "red flag", Safety::read().red_flags());
}

#[test]
fn default_name_comes_from_the_patient() {
    let dir = tempdir();
    let clinic = clinic(dir.path(), None, "paper = \"letter\"\n");
    let args =
        ["handout", "--clinic", clinic.to_str().unwrap(), "--patient", "Ann Lee", "--stretch", "cat-cow"];
    ok(&run_in(dir.path(), &args));
    let path = dir.path().join("handout-ann-lee.pdf");
    assert_eq!(page_sizes(&path)[0], LETTER, "the clinic's default paper");
}

/// A patient name of 34 words (over 290 characters).
pub fn long_name() -> String {
    (0..19).map(|i| format!("Name{i:04}")).collect::<Vec<_>>().join(" ")
}

/// Clinician's notes of 3000 words in one paragraph.
pub fn long_notes() -> String {
    let words = ["shoulder", "breathe", "gently", "posture", "stretch", "relax", "daily", "comfortable"];
    (0..3000).map(|i| words[i % words.len()]).collect::<Vec<_>>().join(" ")
}

#[test]
fn long_name_and_long_notes_paginate_into_a_valid_pdf() {
    let dir = tempdir();
    let name = long_name();
    assert!(name.len() >= 160);
    std::fs::write(dir.path().join("notes.txt"), long_notes()).unwrap();
    ok(&handout(dir.path(), &["--patient", &name, "--notes-file", "notes.txt"]));
    let path = dir.path().join("out.pdf");
    assert!(page_sizes(&path).len() >= 4);
    assert_valid_pdf(&path);
}

#[test]
fn same_input_gives_identical_bytes() {
    let dir = tempdir();
    ok(&handout(dir.path(), &["--patient", "Ann Lee"]));
    let a = std::fs::read(dir.path().join("out.pdf")).unwrap();
    ok(&handout(dir.path(), &["--patient", "Ann Lee"]));
    assert_eq!(a, std::fs::read(dir.path().join("out.pdf")).unwrap());
}

/// The one line a handout with this logo (or none, when `remove`) fails
/// with; an existing output file must stay as it was.
fn bad_logo(bytes: Option<&[u8]>, remove: bool) -> String {
    let dir = tempdir();
    let clinic = clinic(dir.path(), bytes, "");
    if remove {
        std::fs::remove_file(dir.path().join("logo.png")).unwrap();
    }
    std::fs::write(dir.path().join("out.pdf"), b"old").unwrap();
    let args = ["handout", "--clinic", clinic.to_str().unwrap(), "--stretch", "cat-cow", "-o", "out.pdf"];
    let line = bad(&run_in(dir.path(), &args));
    assert_eq!(std::fs::read(dir.path().join("out.pdf")).unwrap(), b"old", "old file replaced");
    line
}

#[test]
fn bad_logos_are_one_line_each() {
    assert!(bad_logo(None, true).contains("cannot read the clinic logo: it does not exist"));
    assert!(bad_logo(Some(b"this is text, not a picture"), false).contains("is not a picture"));
    let small = png(image::DynamicImage::new_rgb8(64, 64));
    let half = &small[..small.len() / 2];
    assert!(bad_logo(Some(half), false).contains("damaged"));
    // A PNG whose header claims 20000×20000 pixels.
    let mut huge = small.clone();
    huge[16..20].copy_from_slice(&20000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&20000u32.to_be_bytes());
    let crc = crc32fast::hash(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    let line = bad_logo(Some(&huge), false);
    assert!(line.contains("20000×20000 pixels"), "{line}");
}

#[test]
fn bad_clinic_files_name_the_line_and_field() {
    let dir = tempdir();
    let path = clinic(dir.path(), None, "fax = \"123\"\n");
    let clinic_args = ["handout", "--clinic", path.to_str().unwrap(), "--stretch", "cat-cow"];
    let line = bad(&run_in(dir.path(), &clinic_args));
    assert!(line.contains("clinic.toml:9:1: fax: unknown field \"fax\""), "{line}");

    let text =
        std::fs::read_to_string(&path).unwrap().replace("fax = \"123\"\n", "").replace("#1d6b5f", "green");
    std::fs::write(&path, text).unwrap();
    let line = bad(&run_in(dir.path(), &clinic_args));
    assert!(line.contains("accent: \"green\" is not allowed; use a colour written #RRGGBB"), "{line}");

    let line = bad(&run_in(dir.path(), &["handout", "--clinic", "nope.toml", "--stretch", "cat-cow"]));
    assert!(line.contains("nope.toml: cannot read the clinic file"), "{line}");
}

#[test]
fn a_character_no_font_has_is_refused_with_its_field() {
    let dir = tempdir();
    let line = bad(&handout(dir.path(), &["--patient", "李小龙"]));
    assert!(line.contains("--patient: the character \"李\" (U+674E) is not in the sheet font"), "{line}");
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn prescriptions_that_do_not_fit_the_stretch_are_refused() {
    rejects(&["handout", "--stretch", "cat-cow:hold=30"], "is a repeated move");
    rejects(
        &["handout", "--stretch", "cat-cow:hold=300"],
        "--stretch: 300 is more than 120 (a hold is 5–120 seconds)",
    );
}

/// The four exercises the issue measures a handout by, with the example
/// clinic, laid out on `paper`.
fn four_exercise_handout(paper: stretchsheet::doc::Paper, large_print: bool) -> stretchsheet::doc::Document {
    four_exercises_on(paper, false, large_print)
}

fn four_exercises_on(
    paper: stretchsheet::doc::Paper,
    landscape: bool,
    large_print: bool,
) -> stretchsheet::doc::Document {
    use stretchsheet::layout::SheetOptions;
    use stretchsheet::layout::sheets::{self, Photos};
    let library = stretchsheet::content::built_in().unwrap();
    let clinic = stretchsheet::input::clinic::load(&root().join("examples/clinic/clinic.toml")).unwrap();
    let ids = ["cat-cow", "thread-the-needle", "wall-chest-stretch", "chin-tucks"];
    let h = sheets::Handout {
        notes: Some("Keep your shoulders relaxed."),
        changes: None,
        ..crate::layout::handout(&library, &clinic, "Ann Lee", "")
    };
    let h = sheets::Handout { exercises: crate::layout::exercises(&library, &ids), ..h };
    let options = SheetOptions { paper, landscape, large_print, title: None };
    sheets::handout(&h, library.safety(), &Photos::new(), &options)
}

/// Where the first exercises cannot share the first page (sideways, A5),
/// what to know before starting fills it, and is not printed twice.
#[test]
fn a_first_page_the_exercises_cannot_share_holds_before_you_start() {
    use stretchsheet::doc::Paper;
    let text =
        |page: &stretchsheet::doc::Page| page.texts().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    for (paper, landscape) in
        [(Paper::Letter, true), (Paper::A4, true), (Paper::A5, false), (Paper::A4, false)]
    {
        let doc = four_exercises_on(paper, landscape, false);
        let pages: Vec<String> = doc.pages.iter().map(text).collect();
        let all = pages.join(" ");
        assert_eq!(all.matches("Before you start").count(), 1, "{paper:?} {landscape}");
        let first_has_exercise = pages[0].contains("Cat-cow");
        assert!(
            first_has_exercise || pages[0].contains("Before you start"),
            "{paper:?} {landscape}: page 1 holds neither an exercise nor what to know first"
        );
    }
}

/// Four exercises and the safety section fit three A4 or Letter pages;
/// each exercise's name (beside its figure), its own steps and a dose
/// panel with all four labels share a page; no seconds totals anywhere.
#[test]
fn four_exercises_fit_three_pages_each_whole_with_its_dose_panel() {
    use stretchsheet::doc::Paper;
    let library = stretchsheet::content::built_in().unwrap();
    for paper in [Paper::A4, Paper::Letter] {
        let doc = four_exercise_handout(paper, false);
        assert!(doc.pages.len() <= 3, "{paper:?}: {} pages", doc.pages.len());
        let texts: Vec<String> = doc
            .pages
            .iter()
            .map(|p| squash(&p.texts().map(|t| t.text.as_str()).collect::<Vec<_>>().join(" ")))
            .collect();
        let ids = ["cat-cow", "thread-the-needle", "wall-chest-stretch", "chin-tucks"];
        for (n, id) in ids.iter().enumerate() {
            let stretch = library.stretch(id).unwrap();
            let name = format!("{}. {}", n + 1, stretch.name);
            let on: Vec<usize> = (0..texts.len()).filter(|&p| texts[p].contains(&name)).collect();
            assert_eq!(on.len(), 1, "{paper:?}: {name} on pages {on:?}");
            let page = &texts[on[0]];
            for step in &stretch.steps {
                assert!(
                    page.contains(&squash(step)),
                    "{paper:?}: a step of {id} is off its figure's page: {step}"
                );
            }
            for label in ["Repeat", "Sides", "How often"] {
                assert!(page.matches(label).count() >= 1, "{paper:?}: no {label} beside {id}");
            }
        }
        let all = texts.join(" ");
        assert_eq!(
            all.matches("How often").count(),
            4 + 1,
            "{paper:?}: a panel per exercise and the routine's line"
        );
        for total in ["s in all", " min ", " s)"] {
            assert!(!all.contains(total), "{paper:?}: a seconds total {total:?}");
        }
    }
}

/// The emergency heading names the clinic's emergency number when its
/// file gives one, and the reader's local number otherwise.
#[test]
fn the_emergency_heading_names_the_clinics_number_or_the_local_one() {
    for (extra, heading) in [
        ("emergency_number = \"999\"\n", "Call 999 for emergency services now if you have"),
        ("", "Call your local emergency number now if you have"),
    ] {
        let dir = tempdir();
        let clinic = clinic(dir.path(), None, extra);
        let args = ["handout", "--clinic", clinic.to_str().unwrap(), "--stretch", "cat-cow", "-o", "out.pdf"];
        ok(&run_in(dir.path(), &args));
        let Some(text) = body_text(&dir.path().join("out.pdf"), FOOTER) else { return };
        assert!(text.contains(heading), "{heading:?} missing");
        assert!(!text.contains("Call emergency services now"), "the general heading as well");
    }
}

#[test]
fn a_next_appointment_before_the_handout_is_refused() {
    rejects(
        &["handout", "--stretch", "cat-cow", "--date", "2026-11-21", "--follow-up", "2026-11-01"],
        "--follow-up: 2026-11-01 is before the handout's date, 2026-11-21; give the next appointment on or after it",
    );
}

/// Every figure a handout draws measures at least 50 mm on the laid-out
/// page (its height, or its length for a pose lying wide), on every
/// paper, orientation and print size, for every stretch in the library.
#[test]
fn every_handout_figure_is_at_least_50_mm_everywhere() {
    use stretchsheet::doc::geom::mm;
    use stretchsheet::layout::sheets::{self, Photos};
    let library = stretchsheet::content::built_in().unwrap();
    let clinic = stretchsheet::input::clinic::load(&root().join("examples/clinic/clinic.toml")).unwrap();
    let ids: Vec<&str> = library.stretches().iter().map(|s| s.id.as_str()).collect();
    let h = sheets::Handout {
        exercises: crate::layout::exercises(&library, &ids),
        ..crate::layout::handout(&library, &clinic, "Ann Lee", "")
    };
    for options in crate::layout::options() {
        let doc = sheets::handout(&h, library.safety(), &Photos::new(), &options);
        let drawn: Vec<_> = doc.pages.iter().flat_map(crate::card::figures).collect();
        assert!(drawn.len() >= ids.len(), "{options:?}: {} figures for {} stretches", drawn.len(), ids.len());
        for (rect, _) in drawn {
            let size = crate::card::figure_size(&rect) / mm(1.0);
            assert!(size >= 50.0, "{options:?}: a figure of {size:.1} mm ({rect:?})");
        }
    }
}

/// A dose far from the stretch's usual range draws one warning line per
/// value on stderr (the handout is still written); a usual dose none.
#[test]
fn a_dose_far_from_the_usual_range_is_warned_about() {
    let dir = tempdir();
    let runs = [
        vec!["handout", "--stretch", "upper-trapezius-stretch:hold=120,reps=10", "-o", "far.pdf"],
        vec!["handout", "--stretch", "upper-trapezius-stretch:hold=30,reps=3", "-o", "usual.pdf"],
    ];
    let outs = run_all_in(dir.path(), &runs);
    let far = stderr(&outs[0]);
    assert!(outs[0].status.success(), "{far}");
    assert!(
        far.contains("warning: upper-trapezius-stretch: a hold of 120 s is far from its usual 15–30 s"),
        "{far}"
    );
    assert!(far.contains("10 repetitions are far from its usual 2–3"), "{far}");
    assert!(dir.path().join("far.pdf").exists());
    assert!(!stderr(&outs[1]).contains("warning"), "{}", stderr(&outs[1]));
}

/// A clinician's name too long to follow its label in the closing column
/// is printed whole on the line below, on every paper.
#[test]
fn a_long_clinician_name_is_printed_whole() {
    use stretchsheet::layout::sheets::{self, Photos};
    let library = stretchsheet::content::built_in().unwrap();
    let clinic = stretchsheet::input::clinic::load(&root().join("examples/clinic/clinic.toml")).unwrap();
    let name = "Dr Samantha Clinician-Smith";
    for options in crate::layout::options() {
        let h = sheets::Handout {
            clinician: Some(name),
            ..crate::layout::handout(&library, &clinic, "Ann Lee", "")
        };
        let doc = sheets::handout(&h, library.safety(), &Photos::new(), &options);
        let text = squash(
            &doc.pages.iter().flat_map(|p| p.texts().map(|t| t.text.clone())).collect::<Vec<_>>().join(" "),
        );
        assert!(text.contains(name), "{options:?}: the clinician's name is cut short");
    }
}

/// Names and notes in letters beyond plain ASCII, and the PDF string
/// delimiters, come back whole from the PDF's text, whichever fonts a
/// handout made before them shared.
#[test]
fn names_and_notes_in_any_letters_come_back_whole() {
    let dir = tempdir();
    let people = [
        ("Zoë Ångström-Núñez", "Łukasz Dvořák", "Breathe out (slowly) as you stretch; stop at 5/10 \\ pain."),
        ("Ann Lee", "Sam Patel", "Relax your shoulders (both) between repetitions."),
    ];
    for (k, (patient, clinician, notes)) in people.iter().enumerate() {
        let name = format!("out{k}.pdf");
        let clinic = clinic(dir.path(), None, "");
        let mut args = vec!["handout", "--clinic", clinic.to_str().unwrap(), "-o", &name];
        args.extend_from_slice(&EXERCISES);
        args.extend_from_slice(&["--patient", patient, "--clinician", clinician, "--notes", notes]);
        ok(&run_in(dir.path(), &args));
        let path = dir.path().join(&name);
        assert_valid_pdf(&path);
        let Some(text) = body_text(&path, FOOTER) else { return };
        for expected in
            [format!("Prepared for: {patient}"), format!("Clinician: {clinician}"), notes.to_string()]
        {
            assert!(text.contains(&expected), "missing {expected:?} in {text}");
        }
    }
}
