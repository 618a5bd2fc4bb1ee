//! What is built into the binary: the default content library and the fonts,
//! so the tool runs anywhere with no files beside it. A user's `--library`
//! folder adds to and overrides the built-in content (see `content::load`).
//! Also the starter clinic folder `init` writes (`assets/starter/`).

include!(concat!(env!("OUT_DIR"), "/content_files.rs"));

/// The files of the starter clinic folder: (path inside it, bytes).
pub static STARTER_FILES: &[(&str, &[u8])] = &[
    ("README.txt", include_bytes!("../assets/starter/README.txt")),
    ("clinic.toml", include_bytes!("../assets/starter/clinic.toml")),
    ("logo.png", include_bytes!("../assets/starter/logo.png")),
    ("roster.csv", include_bytes!("../assets/starter/roster.csv")),
    (
        "stretches/example-seated-reach.toml",
        include_bytes!("../assets/starter/stretches/example-seated-reach.toml"),
    ),
    (
        "stretches/example-photo-stretch.toml",
        include_bytes!("../assets/starter/stretches/example-photo-stretch.toml"),
    ),
    (
        "stretches/photos/example-photo.jpg",
        include_bytes!("../assets/starter/stretches/photos/example-photo.jpg"),
    ),
];

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
