//! How error messages show values: quoted with control characters made
//! visible, cut to a readable length; paths, sizes, numbers and I/O
//! failures in plain words.

use std::fmt;
use std::path::Path;

use super::{Action, FileKind, Problem};
use crate::doc::picture::{MAX_PIXELS, MAX_SIDE, PictureError};

/// The most characters of a value a message repeats.
const MAX_SHOWN: usize = 80;

/// A value in double quotes, with tabs, line breaks and other control
/// characters written as escapes, cut to 80 characters with an ellipsis.
pub fn quote(value: &str) -> String {
    let mut out = String::from("\"");
    for (i, c) in value.chars().enumerate() {
        if i == MAX_SHOWN {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The most characters of a whole message taken from elsewhere (the
/// command-line parser's), which may repeat what was typed.
pub const MAX_LINE: usize = 400;

/// The most characters of a field's dotted path shown (a key may be long).
pub const MAX_FIELD: usize = 80;

/// `text` cut to `max` characters with an ellipsis.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A path as typed, control characters made visible, cut if very long.
pub fn path(path: &Path) -> String {
    let shown = path.display().to_string();
    let plain = shown.chars().all(|c| !c.is_control()) && shown.chars().count() <= MAX_SHOWN * 2;
    if plain { shown } else { quote(&shown) }
}

/// A number without a needless ".0".
pub fn number(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 { format!("{}", v as i64) } else { format!("{v}") }
}

/// A size in bytes as people read it: "1 MB", "512 KB", "20 bytes".
pub fn bytes(n: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    match n {
        n if n >= GB => format!("{:.1} GB", n as f64 / GB as f64),
        n if n >= MB && n % MB == 0 => format!("{} MB", n / MB),
        n if n >= MB => format!("{:.1} MB", n as f64 / MB as f64),
        n if n >= KB => format!("{} KB", n / KB),
        n => format!("{n} bytes"),
    }
}

/// What a file is for.
pub fn file_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::ContentFolder => "content folder",
        FileKind::StretchesFolder => "stretches folder",
        FileKind::ClinicFile => "clinic file",
        FileKind::Logo => "clinic logo",
        FileKind::Photo => "photo",
        FileKind::NotesFile => "notes file",
        FileKind::Roster => "roster",
        FileKind::Prescription => "prescription",
        FileKind::Output => "output",
        FileKind::Folder => "folder",
    }
}

/// What was being done, as the start of a message.
pub fn action(action: Action) -> &'static str {
    match action {
        Action::Read => "cannot read the",
        Action::Write => "cannot write the",
        Action::Create => "cannot create the",
    }
}

/// An I/O failure in plain words, without the operating system's codes.
pub fn io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let said = match e.kind() {
        NotFound => "it does not exist",
        PermissionDenied => "permission denied",
        AlreadyExists => "it already exists",
        StorageFull => "the disk is full",
        ReadOnlyFilesystem => "the disk is read-only",
        IsADirectory => "it is a folder",
        NotADirectory => "a part of the path is not a folder",
        InvalidFilename => "the name is too long or not allowed",
        FileTooLarge => "the file is too large",
        QuotaExceeded => "the disk quota is used up",
        BrokenPipe => "the reader has closed it",
        InvalidData => "it is not text",
        Interrupted | WouldBlock | TimedOut => "it did not answer",
        _ => return plain_os_message(e),
    };
    said.to_string()
}

/// The operating system's message without "(os error N)".
fn plain_os_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(at) => &text[..at],
        None => &text,
    };
    crate::words::lower_first(text)
}

/// What is wrong with picture bytes.
pub fn picture(f: &mut fmt::Formatter<'_>, problem: &PictureError) -> fmt::Result {
    match problem {
        PictureError::NotAPicture => f.write_str("is not a picture; use a PNG, JPEG, GIF, WebP or BMP file"),
        PictureError::Unreadable => f.write_str("is not a readable picture; save it again as PNG or JPEG"),
        PictureError::TooLarge { width, height, max_pixels } => {
            let megapixels = max_pixels / 1_000_000;
            write!(
                f,
                "is {width}×{height} pixels; use a picture of at most {MAX_SIDE} pixels on each side and \
                 {megapixels} megapixels in all"
            )?;
            if *max_pixels < MAX_PIXELS {
                f.write_str(" (a progressive JPEG; saved as a baseline JPEG it may have more)")?;
            }
            Ok(())
        }
        PictureError::Damaged => {
            f.write_str("is damaged (its pixel data is cut short or broken); save it again")
        }
        PictureError::TooMuchMemory => {
            f.write_str("would need too much memory to read; save it smaller, without large metadata")
        }
        PictureError::Unsupported => {
            f.write_str("uses a variant of its format that is not supported; save it as PNG or JPEG")
        }
    }
}

/// The closing line after several problems: "3 problems in 2 files".
pub fn problem_count(problems: &[Problem]) -> String {
    let mut files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
    files.sort_unstable();
    files.dedup();
    format!(
        "stretchsheet: {} in {}",
        crate::words::count(problems.len(), "problem"),
        crate::words::count(files.len(), "file")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_visibly_and_cut() {
        assert_eq!(quote("a\tb\n"), "\"a\\tb\\n\"");
        let long = quote(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), 80 + 3);
        assert!(long.ends_with("…\""));
        assert_eq!(cut("abcdef", 3), "abc…");
        assert_eq!(cut("abc", 3), "abc");
    }

    #[test]
    fn sizes_and_numbers_read_plainly() {
        assert_eq!(bytes(1024 * 1024), "1 MB");
        assert_eq!(bytes(50 * 1024 * 1024), "50 MB");
        assert_eq!(bytes(2048), "2 KB");
        assert_eq!(number(120.0), "120");
        assert_eq!(number(1.5), "1.5");
    }

    #[test]
    fn io_errors_lose_their_codes() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(io(&e), "it does not exist");
        let odd = std::io::Error::other("Something odd (os error 99)");
        assert_eq!(io(&odd), "something odd");
    }
}
