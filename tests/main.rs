//! The integration tests, one test binary (`cargo test --test main`): each
//! module below is a file beside this one, and all of them share the one
//! harness. Most modules run the binary as a user would; `layout`,
//! `pagination` and the second halves of `card` and `gallery` check sheets
//! through the library's API, on the laid-out pages.
//!
//! Cargo.toml turns off automatic test discovery, so a new file in `tests/`
//! runs only once it is declared here (the test below insists).

mod harness;

mod card;
mod catalog;
mod check;
mod clinic;
mod gallery;
mod handout;
mod hostile;
mod layout;
mod output;
mod pagination;
mod plan;
mod positions;
mod snapshots;

/// Every `tests/*.rs` is a module of this binary, so none is left unrun.
#[test]
fn every_test_file_is_a_module_here() {
    let tests = harness::root().join("tests");
    let main = std::fs::read_to_string(tests.join("main.rs")).expect("tests/main.rs");
    for entry in std::fs::read_dir(&tests).expect("tests/") {
        let path = entry.expect("an entry").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if path.extension().is_some_and(|e| e == "rs") && stem != "main" {
            assert!(
                main.contains(&format!("\nmod {stem};\n")),
                "tests/{stem}.rs is not declared in tests/main.rs"
            );
        }
    }
}
