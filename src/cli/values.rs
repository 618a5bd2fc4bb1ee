//! Reading the values people type: numbers within the shared limits
//! (spaces around them allowed), dates, weekday names in full or short and
//! in any case, paper sizes and vocabulary words with "did you mean" for
//! near misses. Each parser fails with a [`Fault`], worded in `error`.

use chrono::{NaiveDate, Weekday};

use crate::content::Equipment;
use crate::content::vocab::unknown_word;
use crate::doc::Paper;
use crate::error::Fault;
use crate::limits::{self, Limit};
use crate::plan::Choice;

/// A whole number within `limit`.
fn number(s: &str, limit: Limit) -> Result<i64, Fault> {
    let text = s.trim();
    let value: i64 = text.parse().map_err(|_| Fault::NotWhole { value: s.to_string(), limit })?;
    if limit.contains(value) { Ok(value) } else { Err(Fault::out_of_range(value, limit)) }
}

fn small(s: &str, limit: Limit) -> Result<u32, Fault> {
    number(s, limit).map(|v| u32::try_from(v).unwrap_or(u32::MAX))
}

pub fn minutes(s: &str) -> Result<u32, Fault> {
    small(s, limits::MINUTES)
}

pub fn weeks(s: &str) -> Result<u32, Fault> {
    small(s, limits::WEEKS)
}

pub fn per_week(s: &str) -> Result<u32, Fault> {
    small(s, limits::PER_WEEK)
}

pub fn per_day(s: &str) -> Result<u32, Fault> {
    small(s, limits::PER_DAY)
}

pub fn seed(s: &str) -> Result<u64, Fault> {
    number(s, limits::SEED).map(|v| u64::try_from(v).unwrap_or(0))
}

/// A date written YYYY-MM-DD, in the years 1900–2200.
pub fn date(s: &str) -> Result<NaiveDate, Fault> {
    crate::content::prescription::date(s)
}

/// A weekday: "mon" or "monday", in any case.
pub fn weekday(s: &str) -> Result<Weekday, Fault> {
    const NAMES: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let wanted = s.trim().to_ascii_lowercase();
    let found =
        NAMES.iter().position(|full| wanted == *full || (wanted.len() >= 3 && full.starts_with(&wanted)));
    match found {
        Some(i) => Ok(Weekday::try_from(i as u8).unwrap_or(Weekday::Mon)),
        None => {
            let short: Vec<String> = NAMES.iter().map(|n| n[..3].to_string()).collect();
            let full: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
            let near = crate::content::vocab::nearest(&wanted, &full)
                .map(|n| n[..3].to_string())
                .or_else(|| crate::content::vocab::nearest(&wanted, &short));
            Err(Fault::UnknownWord { noun: "day", word: s.to_string(), allowed: short, suggestion: near })
        }
    }
}

/// A paper size in any case.
pub fn paper(s: &str) -> Result<Paper, Fault> {
    s.parse().map_err(|()| unknown_word("paper", s, Paper::ALL.iter().map(|p| p.as_str())))
}

/// A vocabulary word in any case (positions, conditions, equipment).
pub fn word<T: std::str::FromStr<Err = Fault>>(s: &str) -> Result<T, Fault> {
    s.parse()
}

/// Equipment, or `none`.
pub fn equipment(s: &str) -> Result<Option<Equipment>, Fault> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let words = std::iter::once("none").chain(Equipment::ALL.iter().map(|e| e.as_str()));
    s.parse::<Equipment>().map(Some).map_err(|_| unknown_word("equipment", s, words))
}

/// A stretch to prescribe: `ID[:hold=30,reps=3,sides=2]`.
pub fn choice(s: &str) -> Result<Choice, Fault> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_within_limits_in_words() {
        assert_eq!(minutes(" 5"), Ok(5));
        assert_eq!(minutes("90").unwrap_err().to_string(), "90 is more than 60 (a session is 1–60 minutes)");
        assert_eq!(
            seed("-1").unwrap_err().to_string(),
            "-1 is less than 0 (a seed is a whole number from 0 to 4294967295)"
        );
        assert!(minutes("ten").unwrap_err().to_string().starts_with("\"ten\" is not a whole number; use"));
    }

    #[test]
    fn days_in_full_or_short_in_any_case() {
        assert_eq!(weekday("Monday"), Ok(Weekday::Mon));
        assert_eq!(weekday("WED"), Ok(Weekday::Wed));
        assert_eq!(weekday("thurs"), Ok(Weekday::Thu));
        let e = weekday("funday").unwrap_err().to_string();
        assert!(e.starts_with("unknown day \"funday\";"), "{e}");
        let e = weekday("tusday").unwrap_err().to_string();
        assert!(e.contains("did you mean tue?"), "{e}");
    }

    #[test]
    fn dates_papers_and_words() {
        assert!(date("2026-02-30").unwrap_err().to_string().contains("is not a date"));
        assert!(date("9999-12-27").unwrap_err().to_string().contains("outside the years 1900–2200"));
        assert_eq!(paper("Letter"), Ok(Paper::Letter));
        assert!(paper("b4").unwrap_err().to_string().contains("use a4, letter or a5"));
        assert_eq!(equipment("None"), Ok(None));
        assert!(equipment("bench").unwrap_err().to_string().contains("use none, chair, wall"));
    }
}
