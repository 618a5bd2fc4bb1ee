//! A prescription: what one handout prescribed, kept as a small TOML file
//! (`handout --save`, `batch --save`) that reprints the same handout
//! (`handout --from`) and is progressed at the follow-up. [`Prescription`]
//! is the checked form every handout is made from; [`Prescription::to_toml`]
//! writes the documented file and [`Prescription::parse`] reads one back,
//! every problem placed at its line and column. Pure: the file is read at
//! the input edge; the library it is checked against is passed in.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::library::Library;
use super::model::Effort;
use super::source::SourceFile;
use super::vocab::{Condition, Equipment, Position};
use crate::doc::{Fonts, Paper};
use crate::error::{Fault, Problem};
use crate::limits::{self, Limit};

/// The version of the file format this program writes and reads.
pub const FORMAT: u32 = 1;

/// A handout's whole content besides the clinic's branding and the library's
/// text: who it is for, when, how often, and each stretch with its dose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prescription {
    pub patient: Option<String>,
    pub clinician: Option<String>,
    pub date: NaiveDate,
    pub follow_up: Option<NaiveDate>,
    pub per_day: Option<u32>,
    pub per_week: Option<u32>,
    pub notes: Option<String>,
    /// Older adult: standard holds of 30–60 s for a stretch given without one.
    pub older: bool,
    /// What the patient cannot do or does not have, so that a follow-up
    /// never steps into a stretch the first handout would have left out.
    pub limits: Limits,
    pub sheet: Sheet,
    pub stretches: Vec<Prescribed>,
}

/// The patient's limits a prescription was made under.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Limits {
    /// Conditions to avoid stretches for.
    pub avoid: BTreeSet<Condition>,
    /// What the patient has; `None` when not recorded (then nothing is
    /// ruled out for want of equipment).
    pub equipment: Option<BTreeSet<Equipment>>,
    /// No kneeling, hands-and-knees or lying stretches.
    pub no_floor: bool,
    /// Only seated stretches.
    pub seated_only: bool,
}

/// The paper and print options the handout was made with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sheet {
    pub paper: Paper,
    pub landscape: bool,
    pub large_print: bool,
    pub title: Option<String>,
}

/// One prescribed stretch; a part of the dose left out is the stretch's
/// standard one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prescribed {
    pub id: String,
    /// Seconds per hold (static stretches only).
    pub hold_s: Option<u32>,
    /// Repetitions per side.
    pub reps: Option<u32>,
    /// 1, or 2 for each side.
    pub sides: Option<u32>,
    /// The position it is done in, when not the stretch's first.
    pub position: Option<Position>,
}

/// The file as written, before it is checked.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: i64,
    patient: Option<String>,
    clinician: Option<String>,
    date: DateText,
    follow_up: Option<DateText>,
    per_day: Option<i64>,
    per_week: Option<i64>,
    notes: Option<String>,
    #[serde(default)]
    older: bool,
    #[serde(default)]
    avoid: Vec<String>,
    equipment: Option<Vec<String>>,
    #[serde(default)]
    no_floor: bool,
    #[serde(default)]
    seated_only: bool,
    paper: Option<String>,
    #[serde(default)]
    landscape: bool,
    #[serde(default)]
    large_print: bool,
    title: Option<String>,
    #[serde(default)]
    stretch: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    hold_s: Option<i64>,
    reps: Option<i64>,
    sides: Option<i64>,
    position: Option<String>,
}

/// A date written as text ("2026-11-21") or as a TOML date (2026-11-21).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum DateText {
    Text(String),
    Date(toml::value::Datetime),
}

impl DateText {
    fn text(&self) -> String {
        match self {
            DateText::Text(text) => text.clone(),
            DateText::Date(date) => date.to_string(),
        }
    }
}

/// A date written YYYY-MM-DD, in the years 1900–2200.
pub fn date(text: &str) -> Result<NaiveDate, Fault> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Fault::NotADate { value: text.to_string() })?;
    if limits::YEARS.contains(i64::from(date.year())) {
        Ok(date)
    } else {
        Err(Fault::DateOutOfRange { value: date.to_string() })
    }
}

impl Prescription {
    /// Reads and checks a prescription file against the library: every
    /// problem (an unknown stretch, a dose out of range, a bad date) with
    /// its line and column.
    pub fn parse(source: &SourceFile, library: &Library) -> Result<Prescription, Vec<Problem>> {
        let file: File = source.parse()?;
        let mut checker = Checker { source, problems: Vec::new() };
        if file.format != i64::from(FORMAT) {
            checker.fail("format", Fault::UnknownFormat { found: file.format, known: FORMAT });
        }
        let prescription = checker.prescription(&file, library);
        let mut problems = checker.problems;
        problems.sort_by_key(|p| p.at);
        if problems.is_empty() { Ok(prescription) } else { Err(problems) }
    }

    /// The documented TOML file: comments saying what each part is, then
    /// the values; [`Prescription::parse`] reads it back to an equal value.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(HEADER);
        out.push_str(&format!("format = {FORMAT}\n"));
        let text = |out: &mut String, key: &str, value: &Option<String>| {
            if let Some(value) = value {
                out.push_str(&format!("{key} = {}\n", quoted(value)));
            }
        };
        text(&mut out, "patient", &self.patient);
        text(&mut out, "clinician", &self.clinician);
        out.push_str(&format!("date = {}\n", self.date));
        if let Some(next) = self.follow_up {
            out.push_str(&format!("follow_up = {next}\n"));
        }
        for (key, value) in [("per_day", self.per_day), ("per_week", self.per_week)] {
            if let Some(n) = value {
                out.push_str(&format!("{key} = {n}\n"));
            }
        }
        text(&mut out, "notes", &self.notes);
        if self.older {
            out.push_str("older = true\n");
        }
        self.limits.write(&mut out);
        out.push_str(&format!("paper = \"{}\"\n", self.sheet.paper.as_str()));
        for (key, on) in [("landscape", self.sheet.landscape), ("large_print", self.sheet.large_print)] {
            if on {
                out.push_str(&format!("{key} = true\n"));
            }
        }
        text(&mut out, "title", &self.sheet.title);
        for s in &self.stretches {
            out.push_str(&format!("\n[[stretch]]\nid = {}\n", quoted(&s.id)));
            for (key, value) in [("hold_s", s.hold_s), ("reps", s.reps), ("sides", s.sides)] {
                if let Some(n) = value {
                    out.push_str(&format!("{key} = {n}\n"));
                }
            }
            if let Some(position) = s.position {
                out.push_str(&format!("position = \"{}\"\n", position.as_str()));
            }
        }
        out
    }
}

/// What the top of every saved prescription says.
const HEADER: &str = "\
# A stretchsheet prescription: what one handout prescribed.
#   Reprint it:     stretchsheet handout --from THIS-FILE --clinic clinic.toml
#   Progress it:    stretchsheet handout --from THIS-FILE --progress --save NEXT-FILE
# Dates are YYYY-MM-DD; per_day is 1-10 times a day, per_week 1-7 days a week.
# Each [[stretch]] is one exercise: its id (`stretchsheet list` shows them),
# hold_s (seconds per hold; a repeated move has none), reps (repetitions per
# side) and sides (1, or 2 for each side). A part left out is the stretch's
# standard dose. avoid, equipment, no_floor and seated_only are the patient's
# limits (as on the command line): a follow-up keeps within them.
# The file holds the patient's name: keep it as you keep notes.
";

impl Limits {
    /// The lines of the file that say these limits; none for no limits.
    fn write(&self, out: &mut String) {
        let words = |words: Vec<&str>| {
            let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
            format!("[{}]", quoted.join(", "))
        };
        if !self.avoid.is_empty() {
            out.push_str(&format!("avoid = {}\n", words(self.avoid.iter().map(|c| c.as_str()).collect())));
        }
        if let Some(have) = &self.equipment {
            out.push_str(&format!("equipment = {}\n", words(have.iter().map(|e| e.as_str()).collect())));
        }
        for (key, on) in [("no_floor", self.no_floor), ("seated_only", self.seated_only)] {
            if on {
                out.push_str(&format!("{key} = true\n"));
            }
        }
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Checks a file's values, collecting every problem.
struct Checker<'s> {
    source: &'s SourceFile,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn fail(&mut self, field: &str, fault: Fault) {
        self.problems.push(self.source.problem(field, fault));
    }

    fn prescription(&mut self, file: &File, library: &Library) -> Prescription {
        let date = self.date("date", &file.date.text()).unwrap_or_default();
        let follow_up = file.follow_up.as_ref().and_then(|d| self.date("follow_up", &d.text()));
        let paper = file.paper.as_deref().map_or(Some(Paper::default()), |text| self.paper(text));
        for (field, text, max) in [
            ("patient", &file.patient, limits::LINE_CHARS),
            ("clinician", &file.clinician, limits::LINE_CHARS),
            ("title", &file.title, limits::LINE_CHARS),
            ("notes", &file.notes, limits::NOTES_CHARS),
        ] {
            if let Some(text) = text {
                self.text(field, text, max);
            }
        }
        if file.stretch.is_empty() {
            self.fail("format", Fault::NoStretches);
        }
        let stretches =
            file.stretch.iter().enumerate().map(|(i, entry)| self.entry(i, entry, library)).collect();
        Prescription {
            patient: file.patient.clone(),
            clinician: file.clinician.clone(),
            date,
            follow_up,
            per_day: self.number("per_day", file.per_day, limits::PER_DAY),
            per_week: self.number("per_week", file.per_week, limits::PER_WEEK),
            notes: file.notes.clone(),
            older: file.older,
            limits: self.limits(file),
            sheet: Sheet {
                paper: paper.unwrap_or_default(),
                landscape: file.landscape,
                large_print: file.large_print,
                title: file.title.clone(),
            },
            stretches,
        }
    }

    fn limits(&mut self, file: &File) -> Limits {
        Limits {
            avoid: self.words("avoid", &file.avoid),
            equipment: file.equipment.as_ref().map(|have| self.words("equipment", have)),
            no_floor: file.no_floor,
            seated_only: file.seated_only,
        }
    }

    /// Words of one vocabulary; each unknown one is a problem at its place.
    fn words<T: FromStr<Err = Fault> + Ord>(&mut self, field: &str, words: &[String]) -> BTreeSet<T> {
        let mut found = BTreeSet::new();
        for (i, word) in words.iter().enumerate() {
            match word.parse::<T>() {
                Ok(value) => {
                    found.insert(value);
                }
                Err(fault) => self.fail(&format!("{field}[{i}]"), fault),
            }
        }
        found
    }

    fn date(&mut self, field: &str, text: &str) -> Option<NaiveDate> {
        date(text).map_err(|fault| self.fail(field, fault)).ok()
    }

    fn paper(&mut self, text: &str) -> Option<Paper> {
        let found = text.parse::<Paper>().ok();
        if found.is_none() {
            let allowed = Paper::ALL.iter().map(|p| p.as_str().to_string()).collect();
            let word = text.to_string();
            self.fail("paper", Fault::UnknownWord { noun: "paper", word, allowed, suggestion: None });
        }
        found
    }

    fn text(&mut self, field: &str, text: &str, max: usize) {
        let chars = text.chars().count();
        if chars > max {
            self.fail(field, Fault::TooLong { chars, max });
        } else if let Some(c) = Fonts::get().missing(text) {
            self.fail(field, Fault::MissingGlyph { c });
        }
    }

    fn number(&mut self, field: &str, value: Option<i64>, limit: Limit) -> Option<u32> {
        let value = value?;
        if limit.contains(value) {
            u32::try_from(value).ok()
        } else {
            self.fail(field, Fault::out_of_range(value, limit));
            None
        }
    }

    /// One stretch: known to the library, its dose within the shared
    /// limits and fitting what the stretch is.
    fn entry(&mut self, i: usize, entry: &Entry, library: &Library) -> Prescribed {
        let at = |key: &str| format!("stretch[{i}].{key}");
        let prescribed = Prescribed {
            id: entry.id.clone(),
            hold_s: self.number(&at("hold_s"), entry.hold_s, limits::HOLD_S),
            reps: self.number(&at("reps"), entry.reps, limits::REPS),
            sides: self.number(&at("sides"), entry.sides, limits::SIDES),
            position: entry.position.as_deref().and_then(|p| match p.parse::<Position>() {
                Ok(position) => Some(position),
                Err(fault) => {
                    self.fail(&at("position"), fault);
                    None
                }
            }),
        };
        let Some(stretch) = library.stretch(&entry.id) else {
            self.fail(&at("id"), library.unknown_stretch(&entry.id));
            return prescribed;
        };
        if let Some(fault) = prescribed.position.and_then(|p| stretch.not_done_in(p)) {
            self.fail(&at("position"), fault);
        }
        if let (Some(hold), Effort::Moves { .. }) = (prescribed.hold_s, stretch.dose.effort()) {
            self.fail(&at("hold_s"), Fault::HoldForAMove { id: stretch.id.clone(), hold });
        }
        if prescribed.sides == Some(2) && stretch.dose.sides == 1 {
            self.fail(&at("sides"), Fault::BothSidesAtOnce { id: stretch.id.clone() });
        }
        prescribed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Prescription {
        Prescription {
            patient: Some("Ann \"Nan\" Lee".into()),
            clinician: Some("Sam Patel".into()),
            date: "2026-11-21".parse().unwrap(),
            follow_up: Some("2026-12-05".parse().unwrap()),
            per_day: Some(1),
            per_week: Some(5),
            notes: Some("Relax your shoulders.\n\nBreathe out as you turn.".into()),
            older: false,
            limits: Limits {
                avoid: [Condition::Osteoporosis, Condition::KneePain].into_iter().collect(),
                equipment: Some([Equipment::Chair].into_iter().collect()),
                no_floor: true,
                seated_only: false,
            },
            sheet: Sheet { paper: Paper::Letter, landscape: false, large_print: true, title: None },
            stretches: vec![
                Prescribed {
                    id: "cat-cow".into(),
                    hold_s: None,
                    reps: Some(8),
                    sides: Some(1),
                    position: None,
                },
                Prescribed {
                    id: "childs-pose".into(),
                    hold_s: Some(30),
                    reps: Some(3),
                    sides: Some(1),
                    position: None,
                },
            ],
        }
    }

    fn parse(text: &str) -> Result<Prescription, Vec<String>> {
        let library = crate::content::built_in().unwrap();
        let source = SourceFile { name: "ann.toml".into(), text: text.into() };
        Prescription::parse(&source, &library).map_err(|ps| ps.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let text = sample().to_toml();
        assert!(text.starts_with("# A stretchsheet prescription"), "{text}");
        assert!(text.contains("\n[[stretch]]\nid = \"cat-cow\"\nreps = 8\nsides = 1\n"), "{text}");
        assert!(
            text.contains(
                "\navoid = [\"knee-pain\", \"osteoporosis\"]\nequipment = [\"chair\"]\nno_floor = true\n"
            ),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), sample());
    }

    #[test]
    fn unknown_stretches_and_doses_out_of_range_are_placed() {
        let text = "format = 1\ndate = \"2026-11-21\"\n\n[[stretch]]\nid = \"cat-cwo\"\n\n[[stretch]]\n\
                    id = \"childs-pose\"\nhold_s = 300\n";
        let problems = parse(text).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].starts_with(
                "ann.toml:5:6: stretch[0].id: unknown stretch \"cat-cwo\"; did you mean cat-cow"
            )
        );
        assert_eq!(
            problems[1],
            "ann.toml:9:10: stretch[1].hold_s: 300 is more than 120 (a hold is 5–120 seconds)"
        );
    }

    #[test]
    fn unknown_limits_are_placed() {
        let text = "format = 1\ndate = 2026-11-21\navoid = [\"osteoporosis\", \"bad-knees\"]\n\
                    equipment = [\"chiar\"]\n[[stretch]]\nid = \"cat-cow\"\n";
        let problems = parse(text).unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].starts_with("ann.toml:3:26: avoid[1]: unknown condition \"bad-knees\""),
            "{problems:#?}"
        );
        assert!(
            problems[1].contains("equipment[0]: unknown equipment \"chiar\"; did you mean chair"),
            "{problems:#?}"
        );
    }

    #[test]
    fn dates_formats_and_misfits_are_refused() {
        let problems =
            parse("format = 2\ndate = \"2026-02-30\"\n[[stretch]]\nid = \"cat-cow\"\nhold_s = 20\n")
                .unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("format 2 is not one this version reads"));
        assert!(problems[1].starts_with("ann.toml:2:"), "{problems:#?}");
        assert!(problems[2].contains("cat-cow is a repeated move"));
        assert!(parse("format = 1\ndate = 2026-11-21\n").unwrap_err()[0].contains("has no stretches"));
    }
}
