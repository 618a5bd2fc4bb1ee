//! Turns what the TOML reader says about a file into a [`Fault`] in plain
//! words: an unknown field with the nearest known one, a missing field
//! reported as missing, a value of the wrong type with what the field
//! expects ("a whole number of repetitions…"), never a Rust type name.

use std::ops::Range as Span;

use crate::error::Fault;

/// How the content's own readers mark a number out of range (followed by
/// the number) and a range of the wrong shape, for [`translate`] to word.
pub const BAD_NUMBER: &str = "stretchsheet-bad-number";
pub const RANGE_SHAPE: &str = "stretchsheet-range-shape";

/// One problem the reader found: where, in which field, and what.
pub struct Said {
    pub span: Option<Span<usize>>,
    pub field: String,
    pub fault: Fault,
}

impl Said {
    /// The field a "missing field" problem names.
    pub fn missing(&self) -> Option<&str> {
        match &self.fault {
            Fault::Missing { what, .. } => Some(what.as_str()),
            _ => None,
        }
    }
}

/// What the reader's error `err` means, given the text it read.
pub fn translate(err: &toml::de::Error, text: &str) -> Said {
    let message = err.message().trim();
    let span = err.span().map(|s| s.start.min(text.len())..s.end.min(text.len()));
    let field = span.as_ref().map(|s| super::source::path_in(text, s.start)).unwrap_or_default();
    if let Some(name) = between(message, "missing field `", "`") {
        // Reported at the top of the file (or of the table that lacks it).
        let table = if field.is_empty() || span.as_ref().is_none_or(|s| s.start == 0) { "" } else { &field };
        let at = if table.is_empty() { Some(0..0) } else { span };
        let full = if table.is_empty() { name.to_string() } else { format!("{table}.{name}") };
        return Said { span: at, field: full, fault: Fault::Missing { what: name.to_string(), hint: "" } };
    }
    let fault = if let Some(value) = message.strip_prefix(BAD_NUMBER) {
        Fault::BadNumber { value: value.trim().to_string(), expected: expected(&field, message) }
    } else if message.starts_with(RANGE_SHAPE) {
        Fault::WrongType { expected: expected(&field, message) }
    } else if let Some(name) = between(message, "unknown field `", "`") {
        let allowed = backticked(message.split_once("expected").map_or("", |(_, rest)| rest));
        let suggestion = nearest(name, &allowed);
        Fault::UnknownField { name: name.to_string(), suggestion, allowed }
    } else if let Some(word) = between(message, "unknown variant `", "`") {
        let allowed = backticked(message.split_once("expected").map_or("", |(_, rest)| rest));
        let suggestion = nearest(word, &allowed);
        Fault::UnknownWord { noun: noun(&field), word: word.to_string(), allowed, suggestion }
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
        || message.contains("out of range")
        || message.contains("too large")
    {
        Fault::WrongType { expected: expected(&field, message) }
    } else if message.contains("recursion limit") {
        Fault::Syntax { message: "is nested too deeply; write plain lists and tables".into() }
    } else {
        Fault::Syntax { message: plain(message) }
    };
    Said { span, field, fault }
}

/// The text between `start` and the next `end`, when `text` holds `start`.
fn between<'t>(text: &'t str, start: &str, end: &str) -> Option<&'t str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// Every `word` in backticks.
fn backticked(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// The allowed word nearest to `wanted`, if it is near enough to suggest.
pub fn nearest(wanted: &str, allowed: &[String]) -> Option<String> {
    allowed
        .iter()
        .map(|a| (strsim::jaro_winkler(a, wanted), a))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a.clone())
}

/// What a field's words are called in messages.
fn noun(field: &str) -> &'static str {
    match last(field) {
        "position" | "positions" => "position",
        "equipment" => "equipment",
        "areas" => "area",
        "avoid_if" => "condition",
        "intensity" => "intensity",
        "view" => "view",
        "support" => "support",
        "props" => "prop",
        "framing" => "framing",
        "each" => "side kind",
        "way" | "turn" => "direction",
        _ => "word",
    }
}

/// The last segment of a dotted path, without an index.
fn last(field: &str) -> &str {
    let seg = field.rsplit('.').next().unwrap_or(field);
    seg.split('[').next().unwrap_or(seg)
}

/// What a field expects, in words.
fn expected(field: &str, message: &str) -> String {
    let in_pose = field.starts_with("figure.pose") || field.starts_with("figure.start");
    let listed = field.ends_with(']');
    let phrase = match last(field) {
        _ if in_pose => "a number of degrees, such as 45",
        "reps" => "a whole number of repetitions, 1–30, or a [min, max] pair such as [2, 3]",
        "hold_s" => "a whole number of seconds, 5–120, or a [min, max] pair such as [20, 30]",
        "rep_s" => "a whole number of seconds, 1–30",
        "rest_s" => "a whole number of seconds, 0–120",
        "sides" => "1, or 2 for each side",
        "name" | "summary" | "about" | "disclaimer" | "id" | "photo" | "address" | "phone" | "email"
        | "website" | "footer" | "logo" | "accent" | "paper" | "video" => "text in double quotes",
        "steps" | "quick_steps" | "cues" | "cautions" | "aliases" | "general" | "stop" | "see_doctor"
        | "urgent" | "emergency" | "before_you_start"
            if listed =>
        {
            "text in double quotes"
        }
        "steps" | "quick_steps" | "cues" | "cautions" | "aliases" | "general" | "stop" | "see_doctor"
        | "urgent" | "emergency" | "before_you_start" => "a list of lines, such as [\"Sit tall.\"]",
        "goals" | "areas" | "equipment" | "avoid_if" | "props" | "touching" | "lifted" | "against" => {
            "a list of words in double quotes, such as [\"posture\"]"
        }
        "bend" => "a number of degrees, -170 to 170",
        "shift" => "two numbers [right, up] in head heights",
        "size" => "a number of head heights",
        "both" => "true or false",
        _ => return fallback(message),
    };
    phrase.to_string()
}

/// The reader's own expectation, with Rust type names put in words.
fn fallback(message: &str) -> String {
    let want = message.split_once("expected").map_or("a different kind of value", |(_, rest)| rest.trim());
    let words = [
        ("u8", "a whole number"),
        ("u16", "a whole number"),
        ("u32", "a whole number"),
        ("u64", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("i128", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
        ("a string", "text in double quotes"),
        ("a sequence", "a list in square brackets"),
        ("struct ", "a table "),
        ("a boolean", "true or false"),
    ];
    let mut out = want.to_string();
    for (rust, plain) in words {
        out = out.replace(rust, plain);
    }
    plain(&out)
}

/// A reader message on one line, backticks as quotes.
fn plain(message: &str) -> String {
    let joined: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    joined.join("; ").replace('`', "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rust_type_names_become_words() {
        assert_eq!(fallback("invalid type: string \"x\", expected f32"), "a number");
        assert_eq!(fallback("invalid type: map, expected a sequence"), "a list in square brackets");
        assert_eq!(expected("figure.pose.near_elbow", "expected f32"), "a number of degrees, such as 45");
        assert!(expected("dose.reps", "").starts_with("a whole number of repetitions"));
    }

    #[test]
    fn near_names_are_suggested() {
        let allowed = vec!["name".to_string(), "summary".into()];
        assert_eq!(nearest("sumary", &allowed).as_deref(), Some("summary"));
        assert_eq!(nearest("zzz", &allowed), None);
    }
}
