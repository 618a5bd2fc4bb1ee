//! The text of one content file, kept beside what was read from it so that a
//! problem found later can point at its line and column.

use std::ops::Range as Span;

use toml::de::{DeTable, DeValue};

use crate::error::Problem;

/// One content file's name and text.
pub struct SourceFile {
    /// The name shown in messages (a path, or `content/...` for built-ins).
    pub name: String,
    pub text: String,
}

impl SourceFile {
    /// A problem at the place `span` in this file.
    pub fn problem_at(&self, span: Option<Span<usize>>, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: self.name.clone(),
            at: span.map(|s| line_col(&self.text, s.start)),
            field: field.to_string(),
            message: message.into(),
        }
    }

    /// A problem with the field at dotted `path` (`dose.hold_s`, `steps[2]`),
    /// placed at the field's value, or the nearest parent the file has.
    pub fn problem(&self, path: &str, message: impl Into<String>) -> Problem {
        self.problem_at(self.span_of(path), path, message)
    }

    /// A problem reported by the TOML reader, placed and named by its span.
    pub fn parse_problem(&self, err: &toml::de::Error) -> Problem {
        let span = err.span();
        let field = span.clone().map(|s| self.path_at(s.start)).unwrap_or_default();
        self.problem_at(span, &field, err.message().trim().replace('\n', " "))
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

    /// The dotted path of the innermost field whose value covers `offset`.
    pub fn path_at(&self, offset: usize) -> String {
        let Ok(root) = DeTable::parse(&self.text) else {
            return String::new();
        };
        let mut path = String::new();
        walk(root.get_ref(), offset, &mut path);
        path
    }
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

    fn file(text: &str) -> SourceFile {
        SourceFile { name: "x.toml".into(), text: text.into() }
    }

    #[test]
    fn finds_nested_fields_and_array_items() {
        let f = file("name = \"a\"\nsteps = [\"one\", \"two\"]\n\n[dose]\nreps = 3\nhold_s = 300\n");
        assert_eq!(f.problem("dose.hold_s", "too long").to_string(), "x.toml:6:10: dose.hold_s: too long");
        assert_eq!(f.problem("steps[1]", "x").at, Some((2, 17)));
        // A missing field points at its parent.
        assert_eq!(f.problem("dose.rep_s", "x").at, Some((4, 1)));
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
