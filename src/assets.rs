//! What is built into the binary: the default content library and the fonts,
//! so the tool runs anywhere with no files beside it. A user's `--library`
//! folder adds to and overrides the built-in content (see `content::load`).

include!(concat!(env!("OUT_DIR"), "/content_files.rs"));

/// The text of a built-in content file by its path under `content/`.
pub fn content_file(path: &str) -> Option<&'static str> {
    CONTENT_FILES.iter().find(|(p, _)| *p == path).map(|(_, text)| *text)
}

/// The built-in stretch files: (path under `content/`, text).
pub fn stretch_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    CONTENT_FILES.iter().copied().filter(|(path, _)| path.starts_with("stretches/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_and_fonts_are_embedded() {
        assert!(content_file("goals.toml").is_some());
        assert!(content_file("safety.toml").is_some());
        assert!(stretch_files().count() >= 16);
    }
}
