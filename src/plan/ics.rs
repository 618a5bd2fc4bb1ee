//! Plans as iCalendar (RFC 5545) for any calendar app (`plan --format
//! ics`): one all-day event per session with the routine's stretches and
//! doses in its description and a reminder at 09:00 that day.
//!
//! - Lines end in CRLF and are folded at 75 octets (never inside a UTF-8
//!   character); text values escape `\`, `;`, `,` and newlines.
//! - `UID` is `<YYYYMMDD>-<hash>@stretchsheet`, the hash taken over the
//!   plan's inputs (request and calendar), so importing the same plan again
//!   updates its events instead of adding copies.
//! - `DTSTAMP` is the plan's start date at 00:00 UTC, not the clock, so the
//!   same inputs give byte-identical files.
//! - Events are all-day (`DTSTART;VALUE=DATE`), transparent (they do not
//!   block time), with a `VALARM` (`ACTION:DISPLAY`, `TRIGGER:PT9H`: nine
//!   hours after the start of the day).

use std::fmt::Write as _;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::describe;
use super::schedule::{Plan, Session};
use crate::words::duration;

const PRODID: &str = concat!("-//stretchsheet//stretchsheet ", env!("CARGO_PKG_VERSION"), "//EN");

impl Plan {
    /// The plan as an iCalendar file.
    pub fn to_ics(&self) -> String {
        let mut lines: Vec<String> = vec![
            "BEGIN:VCALENDAR".into(),
            "VERSION:2.0".into(),
            format!("PRODID:{PRODID}"),
            "CALSCALE:GREGORIAN".into(),
            "METHOD:PUBLISH".into(),
            format!("X-WR-CALNAME:{}", escape(&self.calendar_name())),
        ];
        let key = self.inputs_hash();
        let stamp = format!("{}T000000Z", compact(self.calendar.start));
        for session in &self.sessions {
            self.event(&mut lines, session, &key, &stamp);
        }
        lines.push("END:VCALENDAR".into());
        let mut out = String::new();
        for line in &lines {
            out.push_str(&fold(line));
        }
        out
    }

    fn calendar_name(&self) -> String {
        if self.goals.is_empty() {
            "Stretch plan".into()
        } else {
            format!("Stretch plan: {}", self.goals.join(", "))
        }
    }

    fn event(&self, lines: &mut Vec<String>, session: &Session, key: &str, stamp: &str) {
        let label = &self.routines[session.routine].label;
        let minutes = (session.total_s + 30) / 60;
        let summary = format!("Stretch: routine {label} ({minutes} min)");
        let day = compact(session.date);
        let next = compact(session.date.succ_opt().unwrap_or(session.date));
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{day}-{key}@stretchsheet"),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{day}"),
            format!("DTEND;VALUE=DATE:{next}"),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&self.description(session))),
            "TRANSP:TRANSPARENT".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            format!("DESCRIPTION:{}", escape(&summary)),
            "TRIGGER:PT9H".into(),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }

    /// The session's stretches with doses, one a line.
    fn description(&self, session: &Session) -> String {
        let mut text = format!(
            "Week {} of {}, routine {}: {} in all.\n",
            session.week,
            self.calendar.weeks,
            self.routines[session.routine].label,
            duration(session.total_s)
        );
        for (n, item) in session.items.iter().enumerate() {
            let _ = writeln!(
                text,
                "{}. {}: {} ({})",
                n + 1,
                item.name,
                describe(&item.prescription),
                duration(item.seconds)
            );
        }
        text.push_str("Stretch to mild tension, never pain. Stop if it hurts.");
        text
    }

    /// A short hash of everything the plan was built from, so importing
    /// the same plan again updates its events. The hashed text is a
    /// canonical string built from the words the inputs are written with
    /// on the command line (never from Rust's debug output, so renaming a
    /// type changes no event id):
    ///
    /// `goals=posture;minutes=10;equipment=chair,wall;no_floor=0;seated_only=0;avoid=;older=0;seed=0;start=2026-11-23;days=mon,wed,fri;weeks=4`
    fn inputs_hash(&self) -> String {
        let digest = Sha256::digest(self.canonical_inputs().as_bytes());
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The plan's inputs as the documented canonical string.
    fn canonical_inputs(&self) -> String {
        let r = &self.request;
        let c = &self.calendar;
        let join = |words: Vec<&str>| words.join(",");
        let flag = |b: bool| if b { "1" } else { "0" };
        let days: Vec<String> =
            c.days.iter().map(|d| super::words::day_name(*d).to_ascii_lowercase()).collect();
        format!(
            "goals={};minutes={};equipment={};no_floor={};seated_only={};avoid={};older={};seed={};start={};days={};weeks={}",
            self.goals.join(","),
            r.minutes,
            join(r.equipment.iter().map(|e| e.as_str()).collect()),
            flag(r.no_floor),
            flag(r.seated_only),
            join(r.avoid.iter().map(|a| a.as_str()).collect()),
            flag(r.older),
            r.seed,
            c.start,
            days.join(","),
            c.weeks
        )
    }
}

/// "20261123".
fn compact(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no physical line exceeds 75 octets, each
/// ending in CRLF (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut room = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            used = 0;
            room = 74;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Calendar, Request, build};
    use chrono::Weekday::*;

    fn plan(seed: u64) -> Plan {
        let library = crate::content::built_in().unwrap();
        let calendar = Calendar { start: "2026-11-23".parse().unwrap(), days: vec![Mon, Wed, Fri], weeks: 2 };
        let mut request = Request::new(vec!["posture".into()], 10);
        request.seed = seed;
        build(&library, &request, &calendar).unwrap()
    }

    /// Unfolds the physical lines back into content lines.
    fn unfold(ics: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for physical in ics.split("\r\n").filter(|l| !l.is_empty()) {
            match physical.strip_prefix(' ') {
                Some(rest) => lines.last_mut().unwrap().push_str(rest),
                None => lines.push(physical.to_string()),
            }
        }
        lines
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets() {
        let ics = plan(0).to_ics();
        assert!(ics.ends_with("\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let long = "é".repeat(100);
        for line in fold(&long).split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(unfold(&fold(&long)), [long]);
    }

    #[test]
    fn one_event_per_session_with_stable_uids_and_alarms() {
        let p = plan(0);
        let lines = unfold(&p.to_ics());
        assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        assert!(lines.contains(&"VERSION:2.0".to_string()));
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
        let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(count("BEGIN:VEVENT"), p.sessions.len());
        assert_eq!(count("END:VEVENT"), p.sessions.len());
        assert_eq!(count("BEGIN:VALARM"), p.sessions.len());
        assert_eq!(count("DTSTAMP:20261123T000000Z"), p.sessions.len());
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20261123".to_string()));
        assert!(lines.iter().any(|l| l.starts_with("SUMMARY:Stretch: routine A (")));
        let uids: std::collections::BTreeSet<&String> =
            lines.iter().filter(|l| l.starts_with("UID:")).collect();
        assert_eq!(uids.len(), p.sessions.len());
        assert_eq!(p.to_ics(), plan(0).to_ics());
        let other = plan(1).to_ics();
        assert!(!other.contains(uids.iter().next().unwrap().as_str()));
    }

    #[test]
    fn event_ids_hash_a_canonical_string_of_the_inputs() {
        assert_eq!(
            plan(0).canonical_inputs(),
            "goals=posture;minutes=10;equipment=chair,wall;no_floor=0;seated_only=0;avoid=;older=0;seed=0;\
             start=2026-11-23;days=mon,wed,fri;weeks=2"
        );
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
