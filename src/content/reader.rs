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
        || message.starts_with("wanted")
        || message.contains("out of range")
        || message.contains("too large")
        || message.contains("overflow")
    {
        Fault::WrongType { expected: expected(&field, message) }
    } else if message.contains("recursion") {
        Fault::Syntax { message: "is nested too deeply; write plain lists and tables".into() }
    } else if message.starts_with("duplicate key") {
        let key = span.as_ref().map(|s| text[s.clone()].trim().trim_matches(['"', '\'']).to_string());
        let key = key.filter(|k| !k.is_empty() && k.len() <= 80).unwrap_or_default();
        let fault = Fault::Syntax { message: "is given twice; keep one".into() };
        let field = if field.is_empty() { key } else { field };
        return Said { span, field, fault };
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
        "position" => "a position in double quotes, such as \"seated\"",
        "intensity" => "\"gentle\", \"moderate\" or \"deep\"",
        "areas" if listed => "an area in double quotes, such as \"upper-back\"",
        "avoid_if" if listed => "a condition in double quotes, such as \"wrist-pain\"",
        "equipment" if listed => "equipment in double quotes, such as \"chair\"",
        "props" if listed => "a prop in double quotes, such as \"floor\"",
        "touching" | "lifted" | "against" if listed => "a body part in double quotes, such as \"hands\"",
        "support" => "a support in double quotes, such as \"feet\"",
        "view" => "\"side\", \"front\" or \"top\"",
        "framing" => "\"whole\" or \"upper-body\"",
        "move" | "circle" => "a point of the body in double quotes, such as \"near_hand\"",
        "way" | "turn" => "a direction in double quotes, such as \"forward\"",
        "each" => "a side kind in double quotes",
        "reps" => "a whole number of repetitions, 1–30, or a [min, max] pair such as [2, 3]",
        "hold_s" => "a whole number of seconds, 5–120, or a [min, max] pair such as [20, 30]",
        "rep_s" => "a whole number of seconds, 1–30",
        "rest_s" => "a whole number of seconds, 0–120",
        "sides" => "1, or 2 for each side",
        "name" | "summary" | "about" | "disclaimer" | "id" | "photo" | "address" | "phone" | "email"
        | "website" | "footer" | "logo" | "accent" | "paper" | "video" | "emergency_number" => {
            "text in double quotes"
        }
        "steps" | "quick_steps" | "cues" | "cautions" | "aliases" | "general" | "stop" | "see_doctor"
        | "urgent" | "emergency" | "before_you_start" | "floor"
            if listed =>
        {
            "text in double quotes"
        }
        "steps" | "quick_steps" | "cues" | "cautions" | "aliases" | "general" | "stop" | "see_doctor"
        | "urgent" | "emergency" | "before_you_start" | "floor" => "a list of lines, such as [\"Sit tall.\"]",
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

/// A reader message on one line, backticks as quotes, and what the
/// reader expected put as what the text needs ("unclosed table; it needs
/// \"]\"").
fn plain(message: &str) -> String {
    let joined: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    joined
        .join("; ")
        .replace('`', "\"")
        .replace(", expected ", "; it needs ")
        .replace("expected ", "it needs ")
        .replace("invalid key-value pair; it needs key", "not a key = value line")
        .replace("invalid ", "bad ")
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

    /// Words of Rust, serde or the TOML reader that must never reach a
    /// message.
    const LEAKS: [&str; 24] = [
        "u8",
        "u16",
        "u32",
        "u64",
        "u128",
        "i8",
        "i16",
        "i32",
        "i64",
        "i128",
        "f32",
        "f64",
        "usize",
        "struct",
        "enum",
        "variant",
        "Option",
        "Vec",
        "String",
        "expected",
        "invalid",
        "recursion",
        "wanted",
        "Some",
    ];

    fn leaks(message: &str) -> Option<&'static str> {
        let words: Vec<&str> = message.split(|c: char| !c.is_alphanumeric()).collect();
        LEAKS.iter().copied().find(|leak| words.contains(leak)).or(message.contains('`').then_some("`"))
    }

    /// The spans of every value in a TOML text, tables searched inside.
    fn value_spans(text: &str) -> Vec<Span<usize>> {
        fn walk(table: &toml::de::DeTable, out: &mut Vec<Span<usize>>) {
            for (_, value) in table.iter() {
                match value.get_ref() {
                    toml::de::DeValue::Table(inner) => walk(inner, out),
                    toml::de::DeValue::Array(items) => {
                        out.push(value.span());
                        out.extend(items.iter().map(|item| item.span()));
                    }
                    _ => out.push(value.span()),
                }
            }
        }
        let mut out = Vec::new();
        if let Ok(root) = toml::de::DeTable::parse(text) {
            walk(root.get_ref(), &mut out);
        }
        out
    }

    /// Every value of `text` replaced in turn by each of a set of wrong
    /// values: every message is in words.
    fn every_wrong_value_is_worded<T: serde::de::DeserializeOwned>(name: &str, text: &str) {
        const WRONG: [&str; 9] =
            ["\"x\"", "5", "-1", "2.5", "true", "[1, \"a\"]", "{ a = 1 }", "1e400", "99999999999999999999"];
        let mut leaked = std::collections::BTreeSet::new();
        for span in value_spans(text) {
            for wrong in WRONG {
                let changed = format!("{}{wrong}{}", &text[..span.start], &text[span.end..]);
                let source = crate::content::SourceFile { name: name.into(), text: changed };
                for problem in source.parse_all::<T>().1 {
                    let line = format!("{}: {}", problem.field, problem.fault);
                    if leaks(&line).is_some() {
                        leaked.insert(format!("{wrong} -> {line}"));
                    }
                }
            }
        }
        assert!(leaked.is_empty(), "{name}: {leaked:#?}");
    }

    #[test]
    fn wrong_values_anywhere_are_worded_without_rust() {
        use crate::content::model::{GoalsFile, Safety, Stretch};
        for id in ["cat-cow", "overhead-reach", "shoulder-rolls", "thread-the-needle"] {
            let path = format!("stretches/{id}.toml");
            let text = crate::assets::content_file(&path).unwrap();
            every_wrong_value_is_worded::<Stretch>(&path, text);
        }
        every_wrong_value_is_worded::<GoalsFile>(
            "goals.toml",
            crate::assets::content_file("goals.toml").unwrap(),
        );
        every_wrong_value_is_worded::<Safety>(
            "safety.toml",
            crate::assets::content_file("safety.toml").unwrap(),
        );
        let clinic = "name = \"X\"\naddress = \"1 Road\"\nphone = \"1\"\nemail = \"a@b\"\nwebsite = \"w\"\n\
                      logo = \"l.png\"\naccent = \"#123456\"\npaper = \"a4\"\nfooter = \"F\"\n";
        every_wrong_value_is_worded::<crate::content::ClinicFile>("clinic.toml", clinic);
    }

    #[test]
    fn odd_files_are_worded_with_their_place() {
        use crate::content::model::Stretch;
        let cases = [
            (format!("name = {}{}\n", "[".repeat(5000), "]".repeat(5000)), "is nested too deeply"),
            ("name = \"a\"\nname = \"b\"\n".to_string(), "name: is given twice"),
            ("[figure]\nview = 3\n".to_string(), "figure.view: has the wrong type; write"),
        ];
        for (text, wanted) in cases {
            let source = crate::content::SourceFile { name: "x.toml".into(), text };
            let lines: Vec<String> =
                source.parse_all::<Stretch>().1.iter().map(ToString::to_string).collect();
            assert!(lines.iter().any(|l| l.contains(wanted)), "{wanted}: {lines:#?}");
            assert!(lines.iter().all(|l| l.starts_with("x.toml:") && leaks(l).is_none()), "{lines:#?}");
        }
    }
}
