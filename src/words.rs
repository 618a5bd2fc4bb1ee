//! Small pieces of English every stage shares: joining lists ("a, b and
//! c", "a, b or c"), counts with their noun, durations as people say them
//! and as a terminal shows them; and user text made fit to print
//! ([`one_line`], [`paragraphs`], [`control_char`]). At the bottom of the
//! crate: it imports nothing of it.

/// Joins items as "a, b and c".
pub fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    join(items, "and")
}

/// Joins items as "a, b or c".
pub fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    join(items, "or")
}

fn join<S: AsRef<str>>(items: &[S], last_word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {last_word} {}", head.join(", "), last.as_ref())
        }
    }
}

/// "1 session", "3 sessions" (nouns with a plain plural).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// Seconds exactly, for a terminal: "45 s", "9 min 34 s", "10 min".
pub fn duration(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// Seconds as people say them on a sheet: "about 30 seconds", "about 1
/// minute", "about 2 minutes", "about 15 minutes" (to the nearest half
/// minute below five minutes, the nearest minute above).
pub fn about(seconds: u32) -> String {
    if seconds < 45 {
        let s = (seconds.max(5) + 2) / 5 * 5;
        return format!("about {s} seconds");
    }
    let halves = (seconds + 15) / 30;
    let (whole, half) = (halves / 2, halves % 2 == 1);
    match (whole, half) {
        (0, _) | (1, false) => "about 1 minute".into(),
        (w, true) if w < 5 => format!("about {w}½ minutes"),
        (w, _) => {
            let m = if w >= 5 { (seconds + 30) / 60 } else { w };
            format!("about {m} minutes")
        }
    }
}

/// Lower-cases the first letter ("Hold 20 s" → "hold 20 s") unless the
/// word is an acronym ("ECG").
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_uppercase() => s.to_string(),
        (Some(first), _) => first.to_lowercase().chain(s.chars().skip(1)).collect(),
        _ => String::new(),
    }
}

/// The closing line of a run that wrote a file: "wrote desk-card.pdf (1
/// page, A4)", noting when an existing file was replaced.
pub fn wrote(what: &str, detail: Option<String>, replaced: bool) -> String {
    let mut notes: Vec<String> = detail.into_iter().collect();
    if replaced {
        notes.push("replaced the file that was there".into());
    }
    if notes.is_empty() { format!("wrote {what}") } else { format!("wrote {what} ({})", notes.join("; ")) }
}

/// The soft hyphen: invisible unless a line breaks there, which the sheets
/// never do, so it is dropped.
const SOFT_HYPHEN: char = '\u{ad}';

/// Text meant as one line (a name, a title) as it prints: tabs, line
/// breaks and runs of spacing become one space, the ends are trimmed and
/// soft hyphens dropped. Other control characters are kept, for
/// [`control_char`] to find.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() && c != '\u{a0}') {
        let word: String = word.chars().filter(|&c| c != SOFT_HYPHEN).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Text in paragraphs (a clinician's notes): line breaks kept (CR LF and
/// CR become LF), each line made [`one_line`], and any run of blank lines
/// one blank line, so a paragraph break stays one.
pub fn paragraphs(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace(['\r', '\u{2028}', '\u{2029}', '\u{85}'], "\n");
    let mut out = String::with_capacity(unix.len());
    let mut blank = false;
    for line in unix.split('\n').map(one_line) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// The first control character in `text` other than a line break (after
/// [`one_line`] or [`paragraphs`], one that cannot be printed).
pub fn control_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        c != '\n'
            && (c.is_control()
                || matches!(c, '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_join_with_and_or_or() {
        assert_eq!(and_list(&["a"]), "a");
        assert_eq!(and_list(&["a", "b", "c"]), "a, b and c");
        assert_eq!(or_list(&["a", "b"]), "a or b");
        assert_eq!(or_list::<&str>(&[]), "");
    }

    #[test]
    fn durations_read_plainly() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(574), "9 min 34 s");
        assert_eq!(duration(600), "10 min");
        assert_eq!(count(1, "session"), "1 session");
        assert_eq!(count(3, "session"), "3 sessions");
    }

    #[test]
    fn rounded_durations_say_what_people_say() {
        assert_eq!(about(20), "about 20 seconds");
        assert_eq!(about(30), "about 30 seconds");
        assert_eq!(about(50), "about 1 minute");
        assert_eq!(about(101), "about 1½ minutes");
        assert_eq!(about(115), "about 2 minutes");
        assert_eq!(about(541), "about 9 minutes");
        assert_eq!(about(575), "about 10 minutes");
        assert_eq!(about(28), "about 30 seconds");
        assert_eq!(about(60), "about 1 minute");
        assert_eq!(about(148), "about 2½ minutes");
        // No seconds totals on a patient's sheet, however long.
        for s in [5, 44, 45, 101, 151, 299, 300, 601, 3600] {
            let said = about(s);
            assert!(said.starts_with("about ") && !said.contains(" s ") && !said.ends_with(" s"), "{said}");
        }
    }

    #[test]
    fn first_letters_lower_but_acronyms_stay() {
        assert_eq!(lower_first("Hold 20 s"), "hold 20 s");
        assert_eq!(lower_first("ECG changes"), "ECG changes");
    }

    #[test]
    fn user_text_is_made_printable() {
        assert_eq!(one_line("  Ann\tLee\n\r  Smith\u{ad}son "), "Ann Lee Smithson");
        assert_eq!(one_line("Zo\u{eb}\u{a0}B"), "Zo\u{eb}\u{a0}B");
        assert_eq!(paragraphs("One\r\ntwo\t three\n \n\n\nFour\r"), "One\ntwo three\n\nFour");
        assert_eq!(control_char("a\nb"), None);
        assert_eq!(control_char("bell\u{7}"), Some('\u{7}'));
        assert_eq!(control_char("right\u{202e}left"), Some('\u{202e}'));
    }
}
