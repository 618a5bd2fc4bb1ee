//! How each [`Fault`] is said: one line of plain words naming the value,
//! what is wrong and what is allowed. The only place faults are worded;
//! each kind of fault has its own function.

use std::fmt;

use super::faults::Fault;
use super::figure_words::figures;
use super::words::{number, quote};
use crate::limits::{Bounds, Limit};
use crate::words::{and_list, or_list};

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Fault::*;
        match self {
            AboveMax { .. }
            | BelowMin { .. }
            | OutOfRange { .. }
            | NotWhole { .. }
            | BadNumber { .. }
            | Backwards { .. }
            | NotDegrees { .. }
            | NotOneOf { .. }
            | UnknownWord { .. }
            | UnknownName { .. }
            | JointNeedsSide { .. }
            | JointHasNoSide { .. }
            | NestedDepth
            | UnknownStretch { .. }
            | DuplicateWord { .. } => values(self, f),
            RestMoves
            | LinkBoth { .. }
            | LinkToSelf { .. }
            | LinkLoop { .. }
            | LinkIntensity { .. }
            | BadId { .. }
            | IdDiffers { .. }
            | DuplicateId { .. }
            | DuplicateGoal { .. } => library(self, f),
            UnknownField { .. }
            | Empty { .. }
            | TooLong { .. }
            | LineCount { .. }
            | MissingGlyph { .. }
            | ControlCharacter { .. }
            | DoesNotFit { .. }
            | Missing { .. }
            | Syntax { .. }
            | WrongType { .. }
            | NotUtf8 { .. } => text(self, f),
            TooBig { .. }
            | NotAFile { .. }
            | NotAFolder
            | IsAFolder
            | NotFound
            | CannotRead { .. }
            | TooDeep { .. }
            | TooManyFiles { .. }
            | LibraryFull { .. }
            | NoFolder { .. }
            | NotEmpty
            | Picture { .. }
            | NotPhotoType { .. }
            | PhotoAndPose
            | PhotoMissing { .. } => files(self, f),
            NoDrawnFigure
            | NotDoneIn { .. }
            | NoFigure
            | NoPose
            | NoSupport { .. }
            | SideDoesNotFit { .. }
            | TurnInSideView
            | DepthNotABone { .. }
            | LiftedNotResting { .. }
            | ArrowBend { .. }
            | ArrowShift
            | Floats { .. }
            | Sinks { .. }
            | Figure { .. } => figures(self, f),
            HoldAndMove
            | NeitherHoldNorMove
            | OutsideOwnRange { .. }
            | HoldForAMove { .. }
            | BothSidesAtOnce { .. }
            | RuledOut { .. }
            | BadChoice { .. }
            | UnknownDoseKey { .. }
            | NoStretchId
            | NotADate { .. }
            | DateOutOfRange { .. }
            | EndsOutOfRange { .. }
            | NoDays
            | UnknownDay { .. }
            | UnknownGoal { .. }
            | NothingLeft { .. }
            | LongHold { .. }
            | FarFromUsual { .. }
            | LongStretch { .. }
            | SeatedWithoutChair
            | TooShort { .. } => doses(self, f),
            NoRoom { .. }
            | Overflows
            | NoColumn { .. }
            | NoRows
            | NotCsv { .. }
            | BinaryRoster
            | TooManyRows { .. }
            | ExtraFields { .. }
            | UnknownColumns { .. }
            | DuplicateColumn { .. }
            | NotYesNo { .. }
            | ExercisesTwice { .. }
            | FollowUpBefore { .. }
            | UnknownFormat { .. }
            | NoStretches
            | NotAWebAddress { .. }
            | AddressTooLong { .. } => sheets(self, f),
        }
    }
}

/// Numbers and words outside what is allowed.
fn values(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        AboveMax { value, max } => {
            write!(f, "{} is above the maximum of {}", number(*value), number(*max))
        }
        BelowMin { value, min } => {
            write!(f, "{} is below the minimum of {}", number(*value), number(*min))
        }
        OutOfRange { value, limit } => {
            let (side, bound) = if *value > limit.max { ("more", limit.max) } else { ("less", limit.min) };
            write!(f, "{value} is {side} than {bound} ({})", bounds(limit))
        }
        NotWhole { value, limit } => {
            write!(f, "{} is not a whole number; use {}", quote(value), limit_words(limit))
        }
        BadNumber { value, expected } => write!(f, "{value} is not allowed; write {expected}"),
        Backwards { min, max } => write!(f, "[{min}, {max}] runs backwards; write [min, max]"),
        NotDegrees { value, min, max } => {
            write!(f, "{value} is not a number of degrees; use {} to {}", number(*min), number(*max))
        }
        NotOneOf { value, allowed } => {
            let shown = if value.chars().all(|c| c.is_ascii_digit()) { value.clone() } else { quote(value) };
            write!(f, "{shown} is not allowed; use {allowed}")
        }
        UnknownWord { noun, word, allowed, suggestion } => {
            write!(f, "unknown {noun} {}", quote(word))?;
            match suggestion {
                Some(near) => write!(f, "; did you mean {near}? (use {})", or_list(allowed)),
                None => write!(f, "; use {}", or_list(allowed)),
            }
        }
        UnknownName { noun, name, suggestion, hint } => match suggestion {
            Some(near) => write!(f, "unknown {noun} {}; did you mean {near}?", quote(name)),
            None => write!(f, "unknown {noun} {}; {hint}", quote(name)),
        },
        JointNeedsSide { name, joint: j } => write!(
            f,
            "unknown joint {}; say which {j}: near_{j} or far_{j} (side view), left_{j} or right_{j} \
             (front and top views)",
            quote(name)
        ),
        JointHasNoSide { name, joint } => {
            write!(f, "unknown joint {}; the {joint} has no side, write {joint}", quote(name))
        }
        NestedDepth => f.write_str("unknown joint \"depth\"; a depth table holds joint names only"),
        UnknownStretch { id, suggestions } => {
            write!(f, "unknown stretch {}; ", quote(id))?;
            if suggestions.is_empty() {
                f.write_str("`stretchsheet list` shows every id")
            } else {
                write!(f, "did you mean {}? (`stretchsheet list` shows every id)", or_list(suggestions))
            }
        }
        DuplicateWord { word } => write!(f, "{} is listed twice; name it once", quote(word)),
        _ => unreachable!("Display sends only these faults here"),
    }
}

/// The library's own rules: rests, links, ids and goals.
fn library(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        RestMoves => f.write_str(
            "names \"rest\" but the dose is a repeated move; a rest is a still hold (dose.hold_s)",
        ),
        LinkBoth { id } => {
            write!(f, "{} is both the easier and the harder version; name different stretches", quote(id))
        }
        LinkToSelf { .. } => f.write_str("names the stretch itself; name another stretch"),
        LinkLoop { link, ids } => write!(
            f,
            "the {link} versions go round in a circle ({}); end the chain at a stretch with no {link} version",
            ids.join(" → ")
        ),
        LinkIntensity { link, id, theirs, ours } => {
            let (way, rule) = if *link == "easier" {
                ("more", "an easier version must be as gentle or gentler")
            } else {
                ("less", "a harder version must be as demanding or more")
            };
            write!(f, "{} is {theirs}, {way} demanding than this {ours} stretch; {rule}", quote(id))
        }
        BadId { stem } => write!(
            f,
            "file name {} is not a valid id; use lowercase letters, digits and single hyphens",
            quote(stem)
        ),
        IdDiffers { id, stem } => write!(
            f,
            "{} differs from the file name; the id must equal the file stem {}",
            quote(id),
            quote(stem)
        ),
        DuplicateId { id, first } => {
            write!(f, "duplicate id {}: {first} has the same file name", quote(id))
        }
        DuplicateGoal { id } => write!(f, "duplicate goal id {}", quote(id)),
        _ => unreachable!("Display sends only these faults here"),
    }
}

/// Fields, text and TOML syntax.
fn text(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        UnknownField { name, suggestion, allowed } => {
            write!(f, "unknown field {}", quote(name))?;
            match suggestion {
                Some(near) => write!(f, "; did you mean {near}?"),
                None if allowed.is_empty() => Ok(()),
                None => write!(f, "; use {}", or_list(allowed)),
            }
        }
        Empty { hint: "" } => f.write_str("is empty"),
        Empty { hint } => write!(f, "is empty; {hint}"),
        TooLong { chars, max } => write!(f, "is {chars} characters long; the maximum is {max}"),
        LineCount { count, min, max } => write!(f, "has {count} lines; write {min} to {max}"),
        MissingGlyph { c } => write!(
            f,
            "the character {} (U+{:04X}) is not in the sheet font; use plain letters, digits and common \
             punctuation",
            quote(&c.to_string()),
            u32::from(*c)
        ),
        ControlCharacter { c } => {
            write!(f, "has a control character (U+{:04X}) that cannot be printed; remove it", u32::from(*c))
        }
        DoesNotFit { room } => write!(f, "is too long to fit {room}; shorten it"),
        Missing { what, hint: "" } => write!(f, "{what} is missing"),
        Missing { what, hint } => write!(f, "{what} is missing; {hint}"),
        Syntax { message } => f.write_str(message),
        WrongType { expected } => write!(f, "has the wrong type; write {expected}"),
        NotUtf8 { offset } => {
            write!(f, "is not UTF-8 text (bad byte at offset {offset}); save it as UTF-8")
        }
        _ => unreachable!("Display sends only these faults here"),
    }
}

/// Files, folders and pictures.
fn files(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        TooBig { bytes, max } => write!(
            f,
            "is {} large; the most allowed is {}",
            super::words::bytes(*bytes),
            super::words::bytes(*max)
        ),
        NotAFile { what } => write!(f, "is {what}, not a regular file; name a file"),
        NotAFolder => f.write_str("is not a folder; name a folder"),
        IsAFolder => f.write_str("is a folder; give a file name such as sheet.pdf"),
        NotFound => f.write_str("does not exist"),
        CannotRead { said } => write!(f, "cannot be read: {said}"),
        TooDeep { depth } => write!(
            f,
            "has folders more than {depth} deep, or a link that loops back; flatten it or remove the link"
        ),
        TooManyFiles { max } => {
            write!(f, "is one file too many; a library holds at most {max} stretch files")
        }
        LibraryFull { max } => write!(
            f,
            "is not read: a content folder holds at most {} of files in all; split it into smaller folders",
            super::words::bytes(*max)
        ),
        NoFolder { folder } => write!(f, "cannot be written: the folder {folder} does not exist"),
        NotEmpty => f.write_str("is not empty; name a new or empty folder"),
        Picture(problem) => super::words::picture(f, problem),
        NotPhotoType { name } => {
            write!(f, "{} is not a PNG or JPEG file; use a .png, .jpg or .jpeg file", quote(name))
        }
        PhotoAndPose => f.write_str(
            "a figure is a photo or a drawn pose, not both; remove the photo or the pose settings",
        ),
        PhotoMissing { name, path } => write!(
            f,
            "{} was not found; the path is relative to the stretch file ({path} does not exist)",
            quote(name)
        ),
        _ => unreachable!("Display sends only these faults here"),
    }
}

/// Doses, dates and what a plan asks for.
fn doses(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        HoldAndMove => {
            f.write_str("has both hold_s and rep_s; a static hold has hold_s, a repeated move has rep_s")
        }
        NeitherHoldNorMove => f.write_str(
            "has neither hold_s nor rep_s; a static hold needs hold_s, a repeated move needs rep_s",
        ),
        OutsideOwnRange { key, value, range } => {
            write!(f, "{key}={value} is outside this stretch's range of {range}")
        }
        HoldForAMove { id, hold } => {
            write!(f, "{id}:hold={hold}: {id} is a repeated move, not a hold; prescribe reps instead")
        }
        BothSidesAtOnce { id } => {
            write!(f, "{id}:sides=2: {id} works both sides at once; leave sides out or use sides=1")
        }
        RuledOut { id, why } => write!(
            f,
            "{id} is ruled out by the patient's limits ({}); choose another stretch, or add \
             --allow-excluded to prescribe it anyway",
            why.join("; ")
        ),
        BadChoice { part } => {
            write!(f, "{} is not key=value; use hold=SECONDS, reps=N or sides=1|2", quote(part))
        }
        UnknownDoseKey { key } => {
            write!(f, "unknown dose key {}; use hold, reps, sides or position", quote(key))
        }
        NoStretchId => f.write_str("a stretch id is missing; write ID or ID:hold=30,reps=3,sides=2"),
        NotADate { value } => {
            write!(f, "{} is not a date; write YYYY-MM-DD, for example 2026-03-02", quote(value))
        }
        DateOutOfRange { value } => write!(
            f,
            "{value} is outside the years {}–{}; use a date in that range",
            crate::limits::YEARS.min,
            crate::limits::YEARS.max
        ),
        EndsOutOfRange { end } => write!(
            f,
            "the plan would end on {end}, after the year {}; start earlier or plan fewer weeks",
            crate::limits::YEARS.max
        ),
        NoDays => f.write_str("no session days; name at least one day, such as mon,wed,fri"),
        UnknownDay { value } => {
            write!(f, "unknown day {}; use mon, tue, wed, thu, fri, sat or sun", quote(value))
        }
        UnknownGoal { id, known } => write!(f, "unknown goal {}; use {}", quote(id), or_list(known)),
        NothingLeft { removed } => {
            let parts: Vec<String> = removed.iter().map(ToString::to_string).collect();
            write!(f, "no stretch is left: {}; loosen one of these", parts.join(", "))
        }
        LongHold { hold_s } => write!(
            f,
            "warning: a hold of {hold_s} s is over a minute; most people stretch 10–30 s (30–60 s when older)"
        ),
        LongStretch { seconds } => write!(
            f,
            "warning: at the top of its dose this stretch takes {} in one session, over 5 minutes",
            crate::words::duration(*seconds)
        ),
        FarFromUsual { id, what: "hold", value, usual: (low, high) } => write!(
            f,
            "warning: {id}: a hold of {value} s is far from its usual {low}–{high} s; check the prescription"
        ),
        FarFromUsual { id, value, usual: (low, high), .. } => write!(
            f,
            "warning: {id}: {value} repetitions are far from its usual {low}–{high}; check the prescription"
        ),
        SeatedWithoutChair => {
            f.write_str("seated stretches need a chair to sit on; add chair to the equipment you have")
        }
        TooShort { minutes, shortest_s } => {
            let shortest = shortest_s.div_ceil(60);
            let unit = if shortest == 1 { "minute" } else { "minutes" };
            write!(
                f,
                "{minutes} is too short; the shortest session these stretches allow is {shortest} {unit}"
            )
        }
        _ => unreachable!("Display sends only these faults here"),
    }
}

/// Sheets, rosters, prescriptions and web addresses.
fn sheets(fault: &Fault, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use Fault::*;
    match fault {
        NoRoom { paper } => {
            write!(f, "there is no room for a single stretch on {paper}; use a shorter title or larger paper")
        }
        Overflows => f.write_str("is too long for the sheet; shorten it"),
        NoColumn { column, found } => {
            write!(f, "has no {} column", quote(column))?;
            if found.is_empty() { Ok(()) } else { write!(f, " (found {})", and_list(found)) }
        }
        NoRows => f.write_str("has no rows; add one patient a row under the header"),
        NotCsv { message } => write!(f, "is not a CSV file: {message}"),
        BinaryRoster => f.write_str(
            "is not a CSV file (it holds binary data, as a spreadsheet's own format does); save it from \
             the spreadsheet as CSV UTF-8",
        ),
        TooManyRows { max } => {
            write!(f, "has more than {max} rows; split it into several rosters of at most {max} patients")
        }
        ExtraFields { found, columns } => write!(
            f,
            "has {found} fields but the header has {columns} columns; put quotes around a value that holds \
             the separator"
        ),
        UnknownColumns { names, known } => {
            let quoted: Vec<String> = names.iter().map(|n| quote(n)).collect();
            let noun = if names.len() == 1 { "column" } else { "columns" };
            write!(
                f,
                "ignoring the unknown {noun} {}; the columns read are {}",
                and_list(&quoted),
                and_list(known)
            )
        }
        DuplicateColumn { name } => write!(f, "has the column {} twice; keep one", quote(name)),
        NotYesNo { value } => {
            write!(f, "{} is not yes or no; write yes or no (or leave it empty)", quote(value))
        }
        FollowUpBefore { follow_up, date } => write!(
            f,
            "{follow_up} is before the handout's date, {date}; give the next appointment on or after it"
        ),
        ExercisesTwice { columns } => write!(
            f,
            "gives the exercises twice (also in {}); give stretches, a prescription or the planner columns",
            and_list(columns)
        ),
        UnknownFormat { found, known } => write!(
            f,
            "format {found} is not one this version reads; it reads format {known} (a newer stretchsheet \
             may have written the file)"
        ),
        NoStretches => f.write_str("has no stretches; add a [[stretch]] table with an id for each exercise"),
        NotAWebAddress { value } => write!(
            f,
            "{} is not a web address; write it in full, starting https://, without spaces",
            quote(value)
        ),
        AddressTooLong { chars, max } => write!(
            f,
            "is {chars} characters long; a QR code takes at most {max}; use a shorter link to the same page"
        ),
        _ => unreachable!("Display sends only these faults here"),
    }
}

impl std::error::Error for Fault {}

/// What a limit bounds, in words: "a session is 1–60 minutes".
fn bounds(limit: &Limit) -> String {
    let (min, max) = (limit.min, limit.max);
    match limit.what {
        Bounds::SessionMinutes => format!("a session is {min}–{max} minutes"),
        Bounds::PlanWeeks => format!("a plan is {min}–{max} weeks"),
        Bounds::SessionsPerWeek => format!("{min}–{max} days a week"),
        Bounds::TimesPerDay => format!("{min}–{max} times a day"),
        Bounds::HoldSeconds => format!("a hold is {min}–{max} seconds"),
        Bounds::RepSeconds => format!("a repetition takes {min}–{max} seconds"),
        Bounds::RestSeconds => format!("a rest is {min}–{max} seconds"),
        Bounds::Repetitions => format!("{min}–{max} repetitions"),
        Bounds::Sides => "1 for one side, 2 for each side".into(),
        Bounds::Year => format!("years {min}–{max}"),
        Bounds::Seed => format!("a seed is a whole number from {min} to {max}"),
    }
}

/// How to write a value within a limit: "a whole number from 1 to 60".
fn limit_words(limit: &Limit) -> String {
    format!("a whole number from {} to {} ({})", limit.min, limit.max, bounds(limit))
}
