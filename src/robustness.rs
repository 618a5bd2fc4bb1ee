//! Arbitrary bytes against the readers. These are the entry points the
//! fuzz targets in `fuzz/` call, and the tests below run the same checks on
//! stable Rust over the fuzz corpus (`fuzz/corpus/<target>/`), random bytes
//! and random edits of real files. Whatever the bytes, a reader returns
//! (no panic, no endless loop), every problem it reports is one line in
//! words, and a picture comes back within its limits.

use crate::content::model::Stretch;
use crate::content::{ClinicFile, SourceFile};
use crate::doc::picture;

/// The box the picture target decodes for (a logo's, 50 × 22 mm).
const BOX: (f32, f32) = crate::content::clinic::LOGO_BOX;

/// Reads `bytes` as a stretch file, as the content loader does.
pub fn stretch_file(bytes: &[u8]) {
    let Some(source) = source(bytes) else { return };
    let (_, problems) = source.parse_all::<Stretch>();
    problems.iter().for_each(|p| assert_worded(&p.to_string()));
}

/// Reads `bytes` as a clinic file, as `handout --clinic` does.
pub fn clinic_file(bytes: &[u8]) {
    let Some(source) = source(bytes) else { return };
    match ClinicFile::parse(&source) {
        Ok((_, clinic)) => {
            for text in
                [Some(&clinic.name), clinic.footer.as_ref(), clinic.address.as_ref()].into_iter().flatten()
            {
                assert!(!text.chars().any(char::is_control), "{text:?}");
            }
        }
        Err(problems) => problems.iter().for_each(|p| assert_worded(&p.to_string())),
    }
}

/// Decodes `bytes` as a logo: either a picture no larger than the box
/// needs at 300 dpi, or a reason in words.
pub fn picture(bytes: &[u8]) {
    match picture::decode(bytes, BOX.0, BOX.1) {
        Ok(p) => {
            let most = |points: f32| (points * picture::DPI / 72.0).round() as u32;
            assert!(p.width >= 1 && p.height >= 1, "{}×{}", p.width, p.height);
            assert!(
                p.width <= most(BOX.0).max(1) && p.height <= most(BOX.1).max(1),
                "{}×{}",
                p.width,
                p.height
            );
            assert_eq!(p.pixels.len(), p.width as usize * p.height as usize * 3);
        }
        Err(e) => assert_worded(&crate::error::Fault::Picture(e).to_string()),
    }
}

fn source(bytes: &[u8]) -> Option<SourceFile> {
    let text = std::str::from_utf8(bytes).ok()?;
    Some(SourceFile { name: "fuzz.toml".into(), text: text.to_string() })
}

/// One line, of a length a terminal shows, with no Rust in it.
fn assert_worded(line: &str) {
    assert!(!line.contains('\n'), "more than one line: {line:?}");
    assert!(line.chars().count() <= 600, "too long: {}", line.chars().take(200).collect::<String>());
    for leak in ["u32", "u64", "i64", "i128", "f32", "f64", "Some(", "::", "recursion", "`"] {
        assert!(!line.contains(leak), "{leak} in {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every file of the fuzz corpus of `target`.
    fn corpus(target: &str) -> Vec<Vec<u8>> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
        let mut files: Vec<_> =
            std::fs::read_dir(&dir).expect("the fuzz corpus").flatten().map(|e| e.path()).collect();
        files.sort();
        assert!(!files.is_empty(), "{} is empty", dir.display());
        files.iter().map(|f| std::fs::read(f).expect("a corpus file")).collect()
    }

    #[test]
    fn the_fuzz_corpus_passes_as_ordinary_tests() {
        corpus("stretch_file").iter().for_each(|b| stretch_file(b));
        corpus("clinic_file").iter().for_each(|b| clinic_file(b));
        corpus("picture").iter().for_each(|b| picture(b));
    }

    /// A real file with up to `n` random edits: a byte changed, a range
    /// cut out or repeated.
    fn edited(seeds: Vec<Vec<u8>>, n: usize) -> impl Strategy<Value = Vec<u8>> {
        let edit = (any::<u8>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0u8..3);
        (prop::sample::select(seeds), prop::collection::vec(edit, 0..n)).prop_map(|(mut bytes, edits)| {
            for (byte, at, to, kind) in edits {
                if bytes.is_empty() {
                    break;
                }
                let (a, b) = (at.index(bytes.len()), to.index(bytes.len()));
                let (a, b) = (a.min(b), a.max(b));
                match kind {
                    0 => bytes[a] = byte,
                    1 => drop(bytes.drain(a..b)),
                    _ => {
                        let piece = bytes[a..b.min(a + 64)].to_vec();
                        bytes.splice(a..a, piece);
                    }
                }
            }
            bytes
        })
    }

    /// TOML-like text: keys, brackets, quotes, numbers and line breaks.
    fn tomlish() -> impl Strategy<Value = String> {
        "([a-z_.]{1,12} = (\"[ -~]{0,20}\"|-?[0-9]{1,25}(\\.[0-9]+)?|\\[[0-9, \"a]{0,20}\\]|true|\\{ ?[a-z]+ = [0-9]+ ?\\})\n|\\[\\[?[a-z.]{1,20}\\]\\]?\n|# [ -~]{0,10}\n){0,30}"
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_as_a_stretch_file(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            stretch_file(&bytes);
        }

        #[test]
        fn any_toml_like_text_as_a_stretch_or_clinic_file(text in tomlish()) {
            stretch_file(text.as_bytes());
            clinic_file(text.as_bytes());
        }

        #[test]
        fn edited_real_files_as_stretch_and_clinic_files(bytes in edited(corpus("stretch_file"), 8)) {
            stretch_file(&bytes);
            clinic_file(&bytes);
        }

        #[test]
        fn any_bytes_as_a_picture(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
            picture(&bytes);
        }

        #[test]
        fn edited_real_pictures(bytes in edited(corpus("picture"), 6)) {
            picture(&bytes);
        }
    }
}
