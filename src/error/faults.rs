//! What can be wrong with one value or field: every stage reports a
//! [`Fault`]. How each is said is in `fault_words`, the one place faults
//! are worded.

use std::fmt;

pub use crate::limits::Limit;

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
    /// A stretch asked for in a position it is not done in.
    NotDoneIn {
        id: String,
        position: &'static str,
        positions: String,
    },

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
    /// A warning of `handout`: a prescribed hold or repetition count far
    /// (more than twice, or under half) from the stretch's usual range.
    FarFromUsual {
        id: String,
        /// "hold" (seconds) or "repetitions".
        what: &'static str,
        value: u32,
        usual: (u32, u32),
    },
    /// `--seated-only` with no chair to sit on.
    SeatedWithoutChair,
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
    /// A next appointment before the handout's own date.
    FollowUpBefore {
        follow_up: String,
        date: String,
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
    /// Angles for a position the figure is drawn in, or cannot be changed
    /// to (`drawn`: the position it shows, if standing or seated).
    UnusedPosition { position: &'static str, drawn: Option<&'static str> },
    /// Anything else a placement check says, in its own words.
    Other(String),
}

impl Fault {
    /// A typed value outside `limit`.
    pub fn out_of_range(value: i64, limit: Limit) -> Self {
        Fault::OutOfRange { value, limit }
    }
}
