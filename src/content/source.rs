//! The text of one TOML file (a stretch, the goals, the safety text, a
//! clinic file, a prescription), kept beside what was read from it so that
//! a problem found later can point at its line and column. Parsing reports
//! every problem of the file in one run: after a bad key or value the
//! reader blanks it out and reads on.

use std::ops::Range as Span;

use serde::de::DeserializeOwned;
use toml::de::{DeTable, DeValue};

use crate::error::{Fault, Problem};

/// The most problems one file reports before the reader gives up.
const MAX_ROUNDS: usize = 50;
/// How many bytes the reader goes through hunting one file's problems
/// (each round reads the whole file again): a large file gets fewer
/// rounds, so no file takes long.
const HUNT_BYTES: usize = 4 * 1024 * 1024;

/// One content file's name and text.
pub struct SourceFile {
    /// The name shown in messages (a path, or `content/...` for built-ins).
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// A problem at the place `span` in this file.
    pub fn problem_at(&self, span: Option<Span<usize>>, field: &str, fault: Fault) -> Problem {
        Problem {
            file: self.name.clone(),
            at: span.map(|s| line_col(&self.text, s.start)),
            field: field.to_string(),
            fault,
        }
    }

    /// A problem with the field at dotted `path` (`dose.hold_s`, `steps[2]`),
    /// placed at the field's value, or the nearest parent the file has.
    pub fn problem(&self, path: &str, fault: Fault) -> Problem {
        self.problem_at(self.span_of(path), path, fault)
    }

    /// Reads the file as a `T`, or every problem found in it.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Vec<Problem>> {
        match self.parse_all() {
            (Some(value), problems) if problems.is_empty() => Ok(value),
            (_, problems) => Err(problems),
        }
    }

    /// Reads the file as a `T` as far as it can, with every problem found:
    /// after each bad key or value the reader blanks it out (offsets stay
    /// put) and reads the rest, until the file reads or nothing more can be
    /// learnt. The value, when the rest reads, can still be validated.
    pub fn parse_all<T: DeserializeOwned>(&self) -> (Option<T>, Vec<Problem>) {
        // Most files read at once; only a file with problems is copied to
        // be blanked out.
        if let Ok(read) = toml::from_str::<T>(&self.text) {
            return (Some(read), Vec::new());
        }
        let mut text = self.text.clone();
        let mut problems: Vec<Problem> = Vec::new();
        let mut value = None;
        let mut blanked: Vec<String> = Vec::new();
        let rounds = (HUNT_BYTES / self.text.len().max(1)).clamp(1, MAX_ROUNDS);
        for _ in 0..rounds {
            let err = match toml::from_str::<T>(&text) {
                Ok(read) => {
                    value = Some(read);
                    break;
                }
                Err(err) => err,
            };
            let said = super::reader::translate(&err, &text);
            if let Some(missing) = said.missing()
                && blanked.iter().any(|b| b == missing || b.ends_with(&format!(".{missing}")))
            {
                // A field this reader blanked out is now missing: its own
                // problem is already reported.
                break;
            }
            let missing = said.missing().is_some();
            let field = said.field.clone();
            problems.push(self.problem_at(said.span.clone(), &field, said.fault));
            // A missing field cannot be blanked out; nothing more to learn.
            let next =
                if missing { None } else { said.span.and_then(|span| blank_entry(&mut text, span.start)) };
            match next {
                Some(path) => blanked.push(path),
                None => break,
            }
        }
        problems.sort_by_key(|p| p.at);
        (value, problems)
    }

    /// Where the value at `path` is, or the closest parent that exists.
    pub fn span_of(&self, path: &str) -> Option<Span<usize>> {
        let root = DeTable::parse(&self.text).ok()?;
        let mut span = None;
        let mut current: Option<&DeValue> = None;
        let mut table = Some(root.get_ref());
        for segment in segments(path) {
            let next = match (segment, table, current) {
                (Segment::Key(key), Some(t), _) => t.get(key),
                (Segment::Index(i), _, Some(DeValue::Array(items))) => items.get(i),
                _ => None,
            };
            let Some(value) = next else { break };
            span = Some(value.span());
            current = Some(value.get_ref());
            table = value.get_ref().as_table();
        }
        span
    }

    /// Where the value of the top-level `key` starts (`key = value`, before
    /// any table), found by a scan of the lines rather than a parse: for a
    /// problem found once the text is gone. `None` for a key written any
    /// other way (quoted, dotted) or not there.
    pub fn top_level_value_at(&self, key: &str) -> Option<(usize, usize)> {
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with('[') {
                return None;
            }
            let indent = line.len() - trimmed.len();
            if let Some(rest) = trimmed.strip_prefix(key)
                && let Some(value) = rest.trim_start().strip_prefix('=')
            {
                let at = offset + indent + key.len() + (rest.len() - value.len());
                let start = at + (value.len() - value.trim_start().len());
                return Some(line_col(&self.text, start));
            }
            offset += line.len();
        }
        None
    }

    /// The dotted path of the innermost field whose value covers `offset`.
    pub fn path_at(&self, offset: usize) -> String {
        path_in(&self.text, offset)
    }
}

/// The dotted path of the innermost field of `text` whose value covers
/// `offset` (empty when the text does not parse or nothing covers it).
pub fn path_in(text: &str, offset: usize) -> String {
    let Ok(root) = DeTable::parse(text) else {
        return String::new();
    };
    let mut path = String::new();
    walk(root.get_ref(), offset, &mut path);
    path
}

/// Appends to `path` the field whose value covers `offset`; returns whether
/// one does. A table's own span is only its header, so tables are searched
/// inside as well.
fn walk(table: &DeTable, offset: usize, path: &mut String) -> bool {
    for (key, value) in table.iter() {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key.get_ref());
        let here = value.span().contains(&offset) || key.span().contains(&offset);
        match value.get_ref() {
            DeValue::Table(inner) if walk(inner, offset, path) || here => return true,
            DeValue::Array(items) if here => {
                if let Some(i) = items.iter().position(|v| v.span().contains(&offset)) {
                    path.push_str(&format!("[{i}]"));
                }
                return true;
            }
            _ if here => return true,
            _ => {}
        }
        path.truncate(len);
    }
    false
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> impl Iterator<Item = Segment<'_>> {
    path.split('.').flat_map(|part| {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        let index = rest.trim_end_matches(']').parse().ok().map(Segment::Index);
        std::iter::once(Segment::Key(key)).chain(index)
    })
}

/// Blanks out (with spaces, keeping line breaks, so offsets stay put) the
/// `key = value` entry whose key or value covers `offset`; returns its
/// dotted path, or `None` when no entry covers it.
fn blank_entry(text: &mut String, offset: usize) -> Option<String> {
    let root = DeTable::parse(text).ok()?;
    let mut path = String::new();
    let (start, end) = entry_span(root.get_ref(), offset, &mut path)?;
    let blanked: String = text[start..end].chars().map(|c| if c == '\n' { '\n' } else { ' ' }).collect();
    text.replace_range(start..end, &blanked);
    Some(path)
}

/// The byte range of the innermost `key = value` entry covering `offset`.
fn entry_span(table: &DeTable, offset: usize, path: &mut String) -> Option<(usize, usize)> {
    for (key, value) in table.iter() {
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key.get_ref());
        if let DeValue::Table(inner) = value.get_ref()
            && let Some(found) = entry_span(inner, offset, path)
        {
            return Some(found);
        }
        let (k, v) = (key.span(), value.span());
        let inline = v.start > k.start;
        if inline && (k.contains(&offset) || v.contains(&offset)) {
            return Some((k.start, v.end));
        }
        path.truncate(len);
    }
    None
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_level_value_is_found_by_its_line_as_a_parse_would_place_it() {
        let text = "name = \"A\"\n  harder =  \"b\"\neasierx = 1\neasier=\"c\"\n[dose]\nharder2 = 1\n";
        let file = SourceFile { name: "a.toml".into(), text: text.into() };
        for key in ["harder", "easier", "name"] {
            let parsed = file.span_of(key).map(|s| line_col(text, s.start));
            assert_eq!(file.top_level_value_at(key), parsed, "{key}");
        }
        assert_eq!(file.top_level_value_at("harder"), Some((2, 13)));
        assert_eq!(file.top_level_value_at("dose"), None, "a table is not a value");
        assert_eq!(file.top_level_value_at("harder2"), None, "inside a table");
    }

    fn file(text: &str) -> SourceFile {
        SourceFile { name: "x.toml".into(), text: text.into() }
    }

    #[test]
    fn finds_nested_fields_and_array_items() {
        let f = file("name = \"a\"\nsteps = [\"one\", \"two\"]\n\n[dose]\nreps = 3\nhold_s = 300\n");
        let fault = || Fault::AboveMax { value: 300.0, max: 120.0 };
        assert_eq!(
            f.problem("dose.hold_s", fault()).to_string(),
            "x.toml:6:10: dose.hold_s: 300 is above the maximum of 120"
        );
        assert_eq!(f.problem("steps[1]", fault()).at, Some((2, 17)));
        // A missing field points at its parent.
        assert_eq!(f.problem("dose.rep_s", fault()).at, Some((4, 1)));
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        name: String,
        reps: u32,
        #[serde(default)]
        steps: Vec<String>,
    }

    #[test]
    fn every_bad_key_and_value_of_a_file_is_reported() {
        let f = file("nmae = \"x\"\nname = \"a\"\nreps = \"many\"\nextra = 1\n");
        let problems = f.parse::<Sample>().unwrap_err();
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with("x.toml:1:1: nmae: unknown field \"nmae\"; did you mean name?"),
            "{lines:#?}"
        );
        assert!(lines[2].starts_with("x.toml:4:1: extra: unknown field \"extra\"; use name, reps or steps"));
        assert!(lines.iter().any(|l| l.starts_with("x.toml:3:8: reps: ")), "{lines:#?}");
        assert!(
            lines.iter().any(|l| l.starts_with("x.toml:4:1: extra: unknown field \"extra\"")),
            "{lines:#?}"
        );
    }

    #[test]
    fn a_missing_field_is_reported_as_missing_at_the_top() {
        let f = file("reps = 3\n");
        let problems = f.parse::<Sample>().unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "x.toml:1:1: name: name is missing");
    }

    #[test]
    fn names_the_field_under_an_offset() {
        let text = "name = \"a\"\n[dose]\nreps = [1, \"x\"]\n";
        let f = file(text);
        let at = text.find("\"x\"").unwrap();
        assert_eq!(f.path_at(at), "dose.reps[1]");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("a\n°bc", 5), (2, 3));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
