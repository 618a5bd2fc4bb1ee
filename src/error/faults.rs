//! What can be wrong with one value or field, and how to say so. Every
//! stage reports a [`Fault`]; only this file words it.

use std::fmt;

use super::words::{number, quote};
use crate::limits::Bounds;
pub use crate::limits::Limit;
use crate::words::{and_list, or_list};

/// What is wrong with one value, field or file.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    // ---- numbers -------------------------------------------------------
    /// A content value above the format's maximum.
    AboveMax {
        value: f64,
        max: f64,
    },
    /// A content value below the format's minimum.
    BelowMin {
        value: f64,
        min: f64,
    },
    /// A typed value outside a shared limit.
    OutOfRange {
        value: i64,
        limit: Limit,
    },
    /// Text where a whole number was wanted.
    NotWhole {
        value: String,
        limit: Limit,
    },
    /// A number that cannot be what the field holds.
    BadNumber {
        value: String,
        expected: String,
    },
    /// A range written `[max, min]`.
    Backwards {
        min: u32,
        max: u32,
    },
    /// A number of degrees that is not a number.
    NotDegrees {
        value: f64,
        min: f64,
        max: f64,
    },
    /// A value that is not one of a few allowed numbers.
    NotOneOf {
        value: String,
        allowed: &'static str,
    },

    // ---- words, names and ids -----------------------------------------
    /// A word outside a fixed vocabulary.
    UnknownWord {
        noun: &'static str,
        word: String,
        allowed: Vec<String>,
        suggestion: Option<String>,
    },
    /// A name with a longer hint than the whole list (joints, body parts).
    UnknownName {
        noun: &'static str,
        name: String,
        suggestion: Option<String>,
        hint: &'static str,
    },
    /// A limb joint named without its side.
    JointNeedsSide {
        name: String,
        joint: String,
    },
    /// A body joint named with a side.
    JointHasNoSide {
        name: String,
        joint: String,
    },
    /// A depth table inside a depth table.
    NestedDepth,
    /// A stretch id the library does not have.
    UnknownStretch {
        id: String,
        suggestions: Vec<String>,
    },
    /// A word listed twice where each may come once.
    DuplicateWord {
        word: String,
    },
    /// `movement` names `rest` for a stretch that is a repeated move.
    RestMoves,
    /// The same stretch named as both the easier and the harder version.
    LinkBoth {
        id: String,
    },
    /// An `easier` or `harder` link to the stretch itself.
    LinkToSelf {
        link: &'static str,
    },
    /// `easier` or `harder` links that come back round to where they began.
    LinkLoop {
        link: &'static str,
        ids: Vec<String>,
    },
    /// An `easier` version that is harder than the stretch (or a `harder`
    /// one that is easier).
    LinkIntensity {
        link: &'static str,
        id: String,
        theirs: String,
        ours: String,
    },
    /// A file stem that is not a plain kebab-case id.
    BadId {
        stem: String,
    },
    /// An `id` field that differs from the file stem.
    IdDiffers {
        id: String,
        stem: String,
    },
    /// Two files with the same stem.
    DuplicateId {
        id: String,
        first: String,
    },
    /// Two goals with the same id in one file.
    DuplicateGoal {
        id: String,
    },
    /// A field the format does not have.
    UnknownField {
        name: String,
        suggestion: Option<String>,
        allowed: Vec<String>,
    },

    // ---- text ----------------------------------------------------------
    /// A required text that is empty.
    Empty {
        hint: &'static str,
    },
    /// Text longer than its field allows.
    TooLong {
        chars: usize,
        max: usize,
    },
    /// A list with too few or too many lines.
    LineCount {
        count: usize,
        min: u32,
        max: u32,
    },
    /// A character the sheet font does not have.
    MissingGlyph {
        c: char,
    },
    /// A control character that cannot be printed (tabs and line breaks
    /// are made spaces instead).
    ControlCharacter {
        c: char,
    },
    /// A text that will not fit the box it prints in.
    DoesNotFit {
        room: &'static str,
    },

    // ---- files ---------------------------------------------------------
    /// A required field or table is missing.
    Missing {
        what: String,
        hint: &'static str,
    },
    /// The file is not valid TOML (the reader's own words, cleaned).
    Syntax {
        message: String,
    },
    /// A value of the wrong type.
    WrongType {
        expected: String,
    },
    /// A file that is not UTF-8 text.
    NotUtf8 {
        offset: usize,
    },
    /// A file larger than its kind allows.
    TooBig {
        bytes: u64,
        max: u64,
    },
    /// A path that is not a regular file (a folder, a FIFO, a device).
    NotAFile {
        what: &'static str,
    },
    /// A file was named where a folder is needed.
    NotAFolder,
    /// A folder was named where an output file is needed.
    IsAFolder,
    /// A file that does not exist.
    NotFound,
    /// A file that cannot be read, and why in words.
    CannotRead {
        said: String,
    },
    /// A folder that holds a symlink loop or goes too deep.
    TooDeep {
        depth: usize,
    },
    /// A content folder with more stretch files than a library holds.
    TooManyFiles {
        max: usize,
    },
    /// A content folder whose files together are more than a library holds.
    LibraryFull {
        max: u64,
    },
    /// An output that cannot be written: its folder is missing.
    NoFolder {
        folder: String,
    },
    /// An output folder that already holds files.
    NotEmpty,

    // ---- pictures ------------------------------------------------------
    Picture(crate::doc::picture::PictureError),
    /// A photo figure given a file type the sheets do not take.
    NotPhotoType {
        name: String,
    },
    /// A photo figure that also has pose settings.
    PhotoAndPose,
    /// A photo that is missing beside the stretch file.
    PhotoMissing {
        name: String,
        path: String,
    },
    /// A stretch whose figure is a photo asked for as SVG.
    NoDrawnFigure,

    // ---- figures -------------------------------------------------------
    /// No figure at all.
    NoFigure,
    /// A figure with neither a pose nor a photo.
    NoPose,
    /// A figure without a support.
    NoSupport {
        allowed: String,
    },
    /// A limb side that does not fit the view.
    SideDoesNotFit {
        side: &'static str,
        view: &'static str,
        names: [&'static str; 2],
    },
    /// A turn in a side view.
    TurnInSideView,
    /// A depth given for something that is not a bone.
    DepthNotABone {
        kind: &'static str,
    },
    /// A lifted part the support does not rest on.
    LiftedNotResting {
        support: &'static str,
        part: String,
    },
    /// An arrow bent too far.
    ArrowBend {
        value: f64,
    },
    /// An arrow shifted too far.
    ArrowShift,
    /// A resting part that floats above its support.
    Floats {
        parts: String,
        amount: f64,
        above: &'static str,
    },
    /// A part that sinks into the floor or a prop.
    Sinks {
        part: String,
        amount: f64,
        into: &'static str,
    },
    /// A placement rule broken (chair height, wall contact, arrow shape…).
    Figure {
        rule: FigureRule,
    },

    // ---- doses ---------------------------------------------------------
    /// A dose with both a hold and a move time.
    HoldAndMove,
    /// A dose with neither.
    NeitherHoldNorMove,
    /// A prescribed value outside the stretch's own range.
    OutsideOwnRange {
        key: &'static str,
        value: u32,
        range: String,
    },
    /// A hold prescribed for a stretch that is a repeated move.
    HoldForAMove {
        id: String,
        hold: u32,
    },
    /// Two sides prescribed for a stretch that works both at once.
    BothSidesAtOnce {
        id: String,
    },
    /// A named stretch the patient's own limits rule out.
    RuledOut {
        id: String,
        /// Each limit that rules it out, in words.
        why: Vec<String>,
    },
    /// A `--stretch` argument that does not parse.
    BadChoice {
        part: String,
    },
    /// A dose key that is not hold, reps or sides.
    UnknownDoseKey {
        key: String,
    },
    /// No stretch id before the colon.
    NoStretchId,

    // ---- dates and plans -----------------------------------------------
    /// Text that is not a date.
    NotADate {
        value: String,
    },
    /// A date outside the years allowed.
    DateOutOfRange {
        value: String,
    },
    /// A plan whose last day falls after the years allowed.
    EndsOutOfRange {
        end: String,
    },
    /// No session days.
    NoDays,
    /// A day name that is not a weekday.
    UnknownDay {
        value: String,
    },
    /// A goal id the library does not have.
    UnknownGoal {
        id: String,
        known: Vec<String>,
    },
    /// The limits leave no stretch: how many each removed.
    NothingLeft {
        removed: Vec<Removed>,
    },
    /// A warning of `check`: a hold longer than a minute.
    LongHold {
        hold_s: u32,
    },
    /// A warning of `check`: one stretch at the top of its dose takes more
    /// than five minutes of a session.
    LongStretch {
        seconds: u32,
    },
    /// Too little time for even one stretch.
    TooShort {
        minutes: u32,
        shortest_s: u32,
    },
    /// A card with no room for a single stretch.
    NoRoom {
        paper: String,
    },
    /// A sheet that cannot hold what it must (its field named).
    Overflows,

    // ---- rosters -------------------------------------------------------
    /// A roster without a required column.
    NoColumn {
        column: &'static str,
        found: Vec<String>,
    },
    /// A roster with no rows.
    NoRows,
    /// A roster that is not CSV.
    NotCsv {
        message: String,
    },
    /// A roster that holds binary data (a spreadsheet saved in its own format).
    BinaryRoster,
    /// A roster with more rows than one run takes.
    TooManyRows {
        max: usize,
    },
    /// A row with more fields than the header has columns.
    ExtraFields {
        found: usize,
        columns: usize,
    },
    /// Columns a roster has that mean nothing here (a warning: they are ignored).
    UnknownColumns {
        names: Vec<String>,
        known: Vec<String>,
    },
    /// The same column twice in a roster's header.
    DuplicateColumn {
        name: String,
    },
    /// A yes-or-no cell that says neither.
    NotYesNo {
        value: String,
    },
    /// Stretches named alongside a prescription file or planner columns.
    ExercisesTwice {
        columns: Vec<String>,
    },

    // ---- prescriptions and links -----------------------------------------
    /// A prescription file of a format this version does not read.
    UnknownFormat {
        found: i64,
        known: u32,
    },
    /// A prescription without a single stretch.
    NoStretches,
    /// A web address that does not start with https:// or http://, or has spaces.
    NotAWebAddress {
        value: String,
    },
    /// A web address too long for a QR code of a sensible size.
    AddressTooLong {
        chars: usize,
        max: usize,
    },
}

/// How many stretches one setting removed, for [`Fault::NothingLeft`].
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub option: super::Input,
    /// What of the setting: " (you have: chair, wall)", " wrist-pain".
    pub detail: String,
    pub count: usize,
}

impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = if self.count == 1 { "1 stretch".to_string() } else { format!("{} stretches", self.count) };
        write!(f, "{}{} removed {n}", self.option, self.detail)
    }
}

/// A placement rule of the figure format, broken.
#[derive(Debug, Clone, PartialEq)]
pub enum FigureRule {
    /// The chair seat is not at a height that lets the feet reach the floor.
    ChairHeight { height: f64, min: f64, max: f64 },
    /// A part pressed against a wall or door frame that is not upright.
    NotUpright { part: String },
    /// Parts against a wall or door frame without one.
    NothingToPress { prop: &'static str },
    /// Parts against the wall are on different sides of the body.
    AgainstBothSides,
    /// A roll that does not fit under the back.
    RollDoesNotFit { prop: &'static str, amount: f64 },
    /// An arrow without a start pose to move from.
    ArrowNeedsStart,
    /// An arrow with none or more than one of move, circle and turn.
    ArrowKind,
    /// A move arrow whose point barely moves.
    ArrowTooShort { part: String, moved: f64, needed: f64 },
    /// A turn arrow in a side view, or a circle way that does not fit the view.
    ArrowWay { way: &'static str, view: &'static str, allowed: &'static str },
    /// An arrow pointing at a part the view cannot show.
    ArrowPart { part: String },
    /// `facing` in a side view, which always faces right.
    FacingInSideView,
    /// Anything else a placement check says, in its own words.
    Other(String),
}

impl Fault {
    /// A typed value outside `limit`.
    pub fn out_of_range(value: i64, limit: Limit) -> Self {
        Fault::OutOfRange { value, limit }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Fault::*;
        match self {
            AboveMax { value, max } => {
                write!(f, "{} is above the maximum of {}", number(*value), number(*max))
            }
            BelowMin { value, min } => {
                write!(f, "{} is below the minimum of {}", number(*value), number(*min))
            }
            OutOfRange { value, limit } => {
                let (side, bound) =
                    if *value > limit.max { ("more", limit.max) } else { ("less", limit.min) };
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
                let shown =
                    if value.chars().all(|c| c.is_ascii_digit()) { value.clone() } else { quote(value) };
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
                write!(
                    f,
                    "has a control character (U+{:04X}) that cannot be printed; remove it",
                    u32::from(*c)
                )
            }
            DoesNotFit { room } => write!(f, "is too long to fit {room}; shorten it"),
            Missing { what, hint: "" } => write!(f, "{what} is missing"),
            Missing { what, hint } => write!(f, "{what} is missing; {hint}"),
            Syntax { message } => f.write_str(message),
            WrongType { expected } => write!(f, "has the wrong type; write {expected}"),
            NotUtf8 { offset } => {
                write!(f, "is not UTF-8 text (bad byte at offset {offset}); save it as UTF-8")
            }
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
            NoDrawnFigure => f.write_str("has a photo, not a drawn figure; there is no SVG to write"),
            NoFigure => f.write_str("missing; add a [figure] table with a pose (see README) or a photo"),
            NoPose => f.write_str(
                "has neither a pose nor a photo; add a [figure.pose] table of joint angles (see README) or \
                 photo = \"photos/<file>.jpg\"",
            ),
            NoSupport { allowed } => write!(f, "missing; say what holds the body up: {allowed}"),
            SideDoesNotFit { side, view, names } => {
                write!(f, "a {view} view names limbs {}_ and {}_, not {side}_", names[0], names[1])
            }
            TurnInSideView => {
                f.write_str("a side view cannot show a turn; use a front or top view, or leave it out")
            }
            DepthNotABone { kind } => write!(
                f,
                "depth turns bones (torso, neck, shoulder, elbow, wrist, hip, knee, ankle), not the {kind}"
            ),
            LiftedNotResting { support, part } => write!(
                f,
                "a {support} figure does not rest on its {part}; list only parts the support rests on"
            ),
            ArrowBend { value } => write!(f, "{} is not allowed; use -170 to 170 degrees", number(*value)),
            ArrowShift => f.write_str("is too far; use -10 to 10 head heights in each direction"),
            Floats { parts, amount, above } => write!(
                f,
                "the {parts} float {} above the {above}; change the angles so they rest on it",
                heads(*amount)
            ),
            Sinks { part, amount, into } => write!(
                f,
                "the {part} sinks {} into the {into}; change the angles so nothing goes below it",
                heads(*amount)
            ),
            Figure { rule } => rule.fmt(f),
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
            UnknownDoseKey { key } => write!(f, "unknown dose key {}; use hold, reps or sides", quote(key)),
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
            TooShort { minutes, shortest_s } => {
                let shortest = shortest_s.div_ceil(60);
                let unit = if shortest == 1 { "minute" } else { "minutes" };
                write!(
                    f,
                    "{minutes} is too short; the shortest session these stretches allow is {shortest} {unit}"
                )
            }
            NoRoom { paper } => write!(
                f,
                "there is no room for a single stretch on {paper}; use a shorter title or larger paper"
            ),
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
            NoStretches => {
                f.write_str("has no stretches; add a [[stretch]] table with an id for each exercise")
            }
            NotAWebAddress { value } => write!(
                f,
                "{} is not a web address; write it in full, starting https://, without spaces",
                quote(value)
            ),
            AddressTooLong { chars, max } => write!(
                f,
                "is {chars} characters long; a QR code takes at most {max}; use a shorter link to the same page"
            ),
        }
    }
}

impl std::error::Error for Fault {}

impl fmt::Display for FigureRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FigureRule::*;
        match self {
            ChairHeight { height, min, max } => write!(
                f,
                "the chair seat would be {} head heights high; the hips must sit {}–{} head heights above the \
                 floor for the feet to reach it",
                number(*height),
                number(*min),
                number(*max)
            ),
            NotUpright { part } => write!(f, "the {part} must be upright to press against it"),
            NothingToPress { prop } => write!(f, "lists parts against a {prop}, but the figure has none"),
            AgainstBothSides => f.write_str("parts against the wall must all be on one side of the body"),
            RollDoesNotFit { prop, amount } => {
                write!(f, "the {prop} does not fit under the back ({} off)", heads(*amount))
            }
            ArrowNeedsStart => f.write_str("a move arrow needs a [figure.start] pose to move from"),
            ArrowKind => f.write_str("an arrow is exactly one of move, circle or turn"),
            ArrowTooShort { part, moved, needed } => write!(
                f,
                "the {part} moves only {} head heights; an arrow needs at least {} to be seen",
                number(*moved),
                number(*needed)
            ),
            ArrowWay { way, view, allowed } => {
                write!(f, "{} does not fit a {view} view; use {allowed}", quote(way))
            }
            ArrowPart { part } => write!(f, "{} cannot carry an arrow in this view", quote(part)),
            FacingInSideView => f.write_str(
                "a side view always faces right; facing = \"viewer\" or \"away\" is for front and top views",
            ),
            Other(message) => f.write_str(message),
        }
    }
}

/// A distance in head heights, with centimetres for a feel of scale.
fn heads(d: f64) -> String {
    const CM_PER_HEAD: f64 = 23.0;
    let d = d.abs();
    format!("{d:.2} head heights (about {} cm)", (d * CM_PER_HEAD).round() as i64)
}

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
