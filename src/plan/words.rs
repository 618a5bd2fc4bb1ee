//! The plan's words for dates, weekdays, weeks and changes of level, and
//! the review line of a long plan, as its text, JSON, calendar and sheets
//! print them.

use chrono::{NaiveDate, Weekday};

use super::Plan;

/// Weeks from which a plan asks for a review with a professional.
pub const REVIEW_FROM_WEEKS: u32 = 6;

impl Plan {
    /// The line a plan of [`REVIEW_FROM_WEEKS`] weeks or more carries
    /// (progress needs a fresh look by someone who knows the patient, and a
    /// next step); `None` for a shorter plan. Text and JSON print it; sheets
    /// may.
    pub fn review_note(&self) -> Option<&'static str> {
        (self.calendar.weeks >= REVIEW_FROM_WEEKS)
            .then_some("Review your plan with your physiotherapist or doctor after about 4–6 weeks.")
    }

    /// The line an older adult's plan carries, unless it already leaves
    /// out what thin bones should not do: bones and falls are worth a
    /// word with a professional before starting.
    pub fn older_note(&self) -> Option<&'static str> {
        let bones = self.request.avoid.contains(&crate::content::Condition::Osteoporosis);
        (self.request.older && !bones).then_some(
            "If you have thin bones (osteoporosis), or have had a fracture or a fall, ask your doctor or \
             physiotherapist which of these stretches suit you before you start.",
        )
    }

    /// The line a desk-break plan carries: a break is short and repeated
    /// through the day, and the desk card holds one to keep by the screen;
    /// `None` for other goals.
    pub fn desk_break_note(&self) -> Option<&'static str> {
        self.request.desk_break().then_some(
            "Repeat this short break through your working day, about once an hour; \
             `stretchsheet card` prints one on a page to keep by your screen.",
        )
    }

    /// The desk-break line of a printed plan: as
    /// [`desk_break_note`](Self::desk_break_note), without the command.
    pub fn desk_break_print_note(&self) -> Option<&'static str> {
        self.request
            .desk_break()
            .then_some("Repeat this short break through your working day, about once an hour.")
    }
}

use crate::content::{Level, Position};
use crate::words::and_list;

/// "Mon 23 Nov 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

pub fn short_date(date: NaiveDate) -> String {
    date.format("%a %-d %b").to_string()
}

/// "Mon", "Tue", …
pub fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

/// What the reader does between two levels.
pub fn level_change_words(from: Position, to: Position) -> &'static str {
    use Level::*;
    match (from.level(), to.level()) {
        (Standing, Seated) => "sit down",
        (Seated, Standing) => "stand up",
        (Standing | Seated, Kneeling) => "get down onto the floor",
        (Standing | Seated, Lying) => "lie down on the floor",
        (Kneeling, Lying) => "lie down",
        (Lying, Kneeling) => "come up onto your knees",
        (Kneeling | Lying, Standing) => "get up and stand",
        (Kneeling | Lying, Seated) => "get up and sit down",
        _ => "change position",
    }
}

/// "week 2", "weeks 1–3", "weeks 1, 2 and 4".
pub fn week_list(weeks: &[u32]) -> String {
    match weeks {
        [one] => format!("week {one}"),
        [first, .., last] if (last - first) as usize + 1 == weeks.len() => format!("weeks {first}–{last}"),
        _ => {
            let words: Vec<String> = weeks.iter().map(ToString::to_string).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            format!("weeks {}", and_list(&words))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_of_six_weeks_or_more_asks_for_a_review() {
        let library = crate::content::built_in().unwrap();
        let request = super::super::Request::new(vec!["posture".into()], 10);
        let start = "2026-11-23".parse().unwrap();
        let plan = |weeks| {
            let calendar = super::super::Calendar { start, days: vec![Weekday::Mon], weeks };
            super::super::build(&library, &request, &calendar).unwrap()
        };
        for weeks in 1..REVIEW_FROM_WEEKS {
            assert_eq!(plan(weeks).review_note(), None, "{weeks} weeks");
        }
        for weeks in REVIEW_FROM_WEEKS..=12 {
            let note = plan(weeks).review_note().unwrap();
            assert!(note.starts_with("Review your plan with your physiotherapist or doctor"), "{note}");
        }
    }

    #[test]
    fn dates_and_lists() {
        let d: NaiveDate = "2026-11-23".parse().unwrap();
        assert_eq!(long_date(d), "Mon 23 Nov 2026");
        assert_eq!(short_date(d), "Mon 23 Nov");
        assert_eq!(week_list(&[2]), "week 2");
        assert_eq!(week_list(&[1, 2, 3]), "weeks 1–3");
        assert_eq!(week_list(&[1, 2, 4]), "weeks 1, 2 and 4");
        assert_eq!(
            level_change_words(Position::Standing, Position::HandsAndKnees),
            "get down onto the floor"
        );
    }

    #[test]
    fn an_older_adults_plan_says_to_ask_about_bones_and_falls() {
        let library = crate::content::built_in().unwrap();
        let calendar = super::super::Calendar {
            start: "2026-11-23".parse().unwrap(),
            days: super::super::Calendar::spread(3),
            weeks: 2,
        };
        let mut request = super::super::Request::new(vec!["posture".into()], 10);
        request.older = true;
        let plan = super::super::build(&library, &request, &calendar).unwrap();
        assert!(plan.older_note().is_some_and(|n| n.contains("thin bones")));
        request.avoid.insert(crate::content::Condition::Osteoporosis);
        let plan = super::super::build(&library, &request, &calendar).unwrap();
        assert_eq!(plan.older_note(), None, "the plan already leaves out what thin bones should not do");
        request.older = false;
        request.avoid.clear();
        assert_eq!(super::super::build(&library, &request, &calendar).unwrap().older_note(), None);
    }
}
