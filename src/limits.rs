//! The limits the command line, the planner and the file readers share,
//! as named constants, so a value allowed in one place is allowed in all.
//! At the bottom of the crate: it imports nothing of it. How a limit is
//! worded in messages is `error`'s business.

/// An inclusive range of whole numbers and what it bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub min: i64,
    pub max: i64,
    pub what: Bounds,
}

/// What a [`Limit`] bounds (for its message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bounds {
    SessionMinutes,
    PlanWeeks,
    SessionsPerWeek,
    TimesPerDay,
    HoldSeconds,
    RepSeconds,
    RestSeconds,
    Repetitions,
    Sides,
    Year,
    Seed,
}

impl Limit {
    const fn new(min: i64, max: i64, what: Bounds) -> Self {
        Limit { min, max, what }
    }

    /// Whether `v` lies within the limit.
    pub fn contains(&self, v: i64) -> bool {
        self.min <= v && v <= self.max
    }
}

/// Minutes in one session.
pub const MINUTES: Limit = Limit::new(1, 60, Bounds::SessionMinutes);
/// Weeks in a plan.
pub const WEEKS: Limit = Limit::new(1, 12, Bounds::PlanWeeks);
/// Sessions (or days with the routine) in a week.
pub const PER_WEEK: Limit = Limit::new(1, 7, Bounds::SessionsPerWeek);
/// Times a day a handout's routine is done.
pub const PER_DAY: Limit = Limit::new(1, 10, Bounds::TimesPerDay);
/// Seconds of one static hold, in content and prescriptions.
pub const HOLD_S: Limit = Limit::new(5, 120, Bounds::HoldSeconds);
/// Seconds one repetition of a move takes.
pub const REP_S: Limit = Limit::new(1, 30, Bounds::RepSeconds);
/// Seconds of rest between repetitions.
pub const REST_S: Limit = Limit::new(0, 120, Bounds::RestSeconds);
/// Repetitions per side.
pub const REPS: Limit = Limit::new(1, 30, Bounds::Repetitions);
/// One side, or both.
pub const SIDES: Limit = Limit::new(1, 2, Bounds::Sides);
/// The years a date may fall in.
pub const YEARS: Limit = Limit::new(1900, 2200, Bounds::Year);
/// The seed that varies a plan.
pub const SEED: Limit = Limit::new(0, u32::MAX as i64, Bounds::Seed);

/// The longest text field on a sheet (a patient's name, a title), in
/// characters.
pub const LINE_CHARS: usize = 200;
/// The longest clinician's notes, in characters (about 3,000 words).
pub const NOTES_CHARS: usize = 25_000;
/// The longest clinic footer, in characters (two lines at the foot of a page).
pub const FOOTER_CHARS: usize = 300;
/// The most bytes of a TOML, notes or roster file read.
pub const TEXT_FILE_BYTES: u64 = 1024 * 1024;
/// The most bytes of all the files of one content folder together (the
/// built-in library is under 100 KB).
pub const LIBRARY_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes of a picture file read.
pub const PICTURE_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most bytes of a roster file read: 100,000 patients with long notes.
pub const ROSTER_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// The most patients (rows under the header) one roster holds.
pub const ROSTER_ROWS: usize = 100_000;
/// The longest web address printed as a QR code, in characters (a code
/// for it stays under 35 mm wide).
pub const URL_CHARS: usize = 120;
