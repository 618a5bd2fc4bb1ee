//! Reads a clinic's roster: a CSV file with a header line and one patient
//! a row, as spreadsheets save it — quoted fields, a UTF-8 byte-order mark,
//! commas, semicolons or tabs between fields (found from the header).
//! Columns are known by their header names in any order and case; unknown
//! ones are listed so the caller can say so once. The file is read bounded
//! ([`ROSTER_FILE_BYTES`], at most [`ROSTER_ROWS`] rows); what each cell
//! means is for the caller.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::read_bytes;
use crate::error::{Error, Fault, FileKind, Result};
use crate::limits::{ROSTER_FILE_BYTES, ROSTER_ROWS};

/// A column a roster may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Patient,
    Clinician,
    Date,
    FollowUp,
    Notes,
    PerDay,
    PerWeek,
    Paper,
    Stretches,
    Prescription,
    Goal,
    Minutes,
    Avoid,
    Equipment,
    Older,
}

impl Column {
    pub const ALL: [Column; 15] = [
        Column::Patient,
        Column::Clinician,
        Column::Date,
        Column::FollowUp,
        Column::Notes,
        Column::PerDay,
        Column::PerWeek,
        Column::Paper,
        Column::Stretches,
        Column::Prescription,
        Column::Goal,
        Column::Minutes,
        Column::Avoid,
        Column::Equipment,
        Column::Older,
    ];

    /// The header name.
    pub fn name(self) -> &'static str {
        match self {
            Column::Patient => "patient",
            Column::Clinician => "clinician",
            Column::Date => "date",
            Column::FollowUp => "follow_up",
            Column::Notes => "notes",
            Column::PerDay => "per_day",
            Column::PerWeek => "per_week",
            Column::Paper => "paper",
            Column::Stretches => "stretches",
            Column::Prescription => "prescription",
            Column::Goal => "goal",
            Column::Minutes => "minutes",
            Column::Avoid => "avoid",
            Column::Equipment => "equipment",
            Column::Older => "older",
        }
    }

    /// The column a header names: any case, spaces or hyphens for
    /// underscores, a plural or singular where people write either.
    fn from_header(header: &str) -> Option<Column> {
        let name: String = header
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect();
        let name = match name.as_str() {
            "stretch" => "stretches",
            "goals" => "goal",
            "followup" => "follow_up",
            other => other,
        };
        Column::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// One patient's row.
#[derive(Debug, Clone)]
pub struct Row {
    /// The line it starts on (1 is the header).
    pub line: usize,
    record: csv::StringRecord,
}

/// A roster, read.
#[derive(Debug)]
pub struct Roster {
    /// The file as messages name it.
    pub name: String,
    /// The roster's folder: a prescription path in a row starts here.
    pub folder: PathBuf,
    /// Header names that are not known columns, in header order.
    pub unknown: Vec<String>,
    pub rows: Vec<Row>,
    columns: BTreeMap<Column, usize>,
    width: usize,
}

impl Roster {
    /// The row's cell in `column`, trimmed; `None` when the roster has no
    /// such column or the cell is empty.
    pub fn cell<'r>(&self, row: &'r Row, column: Column) -> Option<&'r str> {
        let text = row.record.get(*self.columns.get(&column)?)?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// What is wrong with the row's shape: more fields than columns.
    pub fn shape(&self, row: &Row) -> std::result::Result<(), Fault> {
        let found = row.record.len();
        if found > self.width && row.record.iter().skip(self.width).any(|f| !f.trim().is_empty()) {
            return Err(Fault::ExtraFields { found, columns: self.width });
        }
        Ok(())
    }

    /// Whether the roster has the column.
    pub fn has(&self, column: Column) -> bool {
        self.columns.contains_key(&column)
    }
}

/// Reads the roster at `path`.
pub fn load(path: &Path) -> Result<Roster> {
    let bytes = read_bytes(path, FileKind::Roster, ROSTER_FILE_BYTES)?;
    let fail = |fault| Error::file(FileKind::Roster, path, fault);
    let folder = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let text = text(&bytes).map_err(fail)?;
    parse(path.display().to_string(), folder, text).map_err(fail)
}

/// The roster's text: UTF-8, without a byte-order mark; binary files (a
/// spreadsheet's own format, a PDF) are refused as not CSV.
fn text(bytes: &[u8]) -> std::result::Result<&str, Fault> {
    let binary = bytes.contains(&0) || bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF");
    if binary {
        return Err(Fault::BinaryRoster);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Fault::NotUtf8 { offset: e.valid_up_to() })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Parses a roster's text.
pub fn parse(name: String, folder: PathBuf, text: &str) -> std::result::Result<Roster, Fault> {
    if text.trim().is_empty() {
        return Err(Fault::Empty {
            hint: "write a header line such as patient,stretches and one patient a row",
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(not_csv)?.clone();
    let (columns, unknown) = columns(&header)?;
    if !columns.contains_key(&Column::Patient) {
        let found = header.iter().map(str::trim).filter(|h| !h.is_empty()).map(str::to_string).collect();
        return Err(Fault::NoColumn { column: "patient", found });
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(not_csv)?;
        if record.iter().all(|field| field.trim().is_empty()) {
            continue; // the empty rows spreadsheets leave at the end
        }
        if rows.len() == ROSTER_ROWS {
            return Err(Fault::TooManyRows { max: ROSTER_ROWS });
        }
        let line = record.position().map_or(rows.len() + 2, |p| p.line() as usize);
        rows.push(Row { line, record });
    }
    if rows.is_empty() {
        return Err(Fault::NoRows);
    }
    Ok(Roster { name, folder, unknown, rows, columns, width: header.len() })
}

/// The known columns by position, and the unknown header names.
type Columns = (BTreeMap<Column, usize>, Vec<String>);

fn columns(header: &csv::StringRecord) -> std::result::Result<Columns, Fault> {
    let mut known = BTreeMap::new();
    let mut unknown = Vec::new();
    for (i, name) in header.iter().enumerate() {
        match Column::from_header(name) {
            Some(column) if known.insert(column, i).is_some() => {
                return Err(Fault::DuplicateColumn { name: name.trim().to_string() });
            }
            Some(_) => {}
            None if name.trim().is_empty() => {}
            None => unknown.push(name.trim().to_string()),
        }
    }
    Ok((known, unknown))
}

/// The separator the header line uses most: a comma, semicolon or tab
/// (quoted text not counted); a comma when there is none.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == b) {
            entry.1 += 1;
        }
    }
    counts.iter().max_by_key(|(d, n)| (*n, *d == b',')).map_or(b',', |(d, _)| *d)
}

fn not_csv(e: csv::Error) -> Fault {
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => {
            let line = pos.as_ref().map_or(0, |p| p.line());
            format!("line {line} is not UTF-8 text")
        }
        _ => crate::words::lower_first(&e.to_string()),
    };
    Fault::NotCsv { message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(text: &str) -> std::result::Result<Roster, String> {
        parse("roster.csv".into(), ".".into(), text).map_err(|f| f.to_string())
    }

    #[test]
    fn columns_by_name_in_any_order_with_quotes_and_a_mark() {
        let r = roster("\u{feff}Stretches,Patient,Follow-up\n\"cat-cow; thread-the-needle\",\"Lee, Ann\",\n")
            .unwrap();
        let row = &r.rows[0];
        assert_eq!(r.cell(row, Column::Patient), Some("Lee, Ann"));
        assert_eq!(r.cell(row, Column::Stretches), Some("cat-cow; thread-the-needle"));
        assert_eq!(r.cell(row, Column::FollowUp), None);
        assert_eq!(r.cell(row, Column::Notes), None);
        assert_eq!(row.line, 2);
    }

    #[test]
    fn semicolons_and_tabs_are_found_from_the_header() {
        let r =
            roster("patient;stretches;notes\nAnn Lee;cat-cow:reps=8,sides=1;\"Line one\nline two\"\nBo;x;\n")
                .unwrap();
        assert_eq!(r.cell(&r.rows[0], Column::Stretches), Some("cat-cow:reps=8,sides=1"));
        assert_eq!(r.cell(&r.rows[0], Column::Notes), Some("Line one\nline two"));
        assert_eq!(r.rows[1].line, 4, "a quoted line break moves the next row down");
        let r = roster("patient\tminutes\nAnn\t10\n").unwrap();
        assert_eq!(r.cell(&r.rows[0], Column::Minutes), Some("10"));
    }

    #[test]
    fn unknown_columns_are_listed_and_shapes_checked() {
        let r =
            roster("patient,dob,stretches,\nAnn,1950-01-01,cat-cow\nBo,,cat-cow,,extra\n\n,,,\n").unwrap();
        assert_eq!(r.unknown, ["dob"]);
        assert_eq!(r.rows.len(), 2, "blank rows are skipped");
        assert!(r.shape(&r.rows[0]).is_ok());
        assert!(
            r.shape(&r.rows[1]).unwrap_err().to_string().starts_with("has 5 fields but the header has 4")
        );
    }

    #[test]
    fn bad_rosters_say_why() {
        assert!(roster("").unwrap_err().starts_with("is empty; write a header line"));
        assert_eq!(
            roster("patient,notes\n").unwrap_err(),
            "has no rows; add one patient a row under the header"
        );
        assert_eq!(
            roster("name,notes\nAnn,x\n").unwrap_err(),
            "has no \"patient\" column (found name and notes)"
        );
        assert!(roster("patient,Patient\nA,B\n").unwrap_err().contains("twice"));
        assert!(
            text(b"PK\x03\x04rest").unwrap_err().to_string().contains("save it from the spreadsheet as CSV")
        );
        assert!(text(b"patient\n\xe9\n").unwrap_err().to_string().contains("not UTF-8"));
    }

    #[test]
    fn a_hundred_thousand_rows_are_read_and_more_are_refused() {
        let mut text = String::from("patient,stretches\n");
        for i in 0..ROSTER_ROWS {
            text.push_str(&format!("Patient {i},cat-cow\n"));
        }
        assert_eq!(roster(&text).unwrap().rows.len(), ROSTER_ROWS);
        text.push_str("One more,cat-cow\n");
        assert!(roster(&text).unwrap_err().starts_with("has more than 100000 rows"));
    }
}
