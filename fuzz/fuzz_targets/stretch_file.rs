//! Fuzzes a stretch file, as the content loader reads one (`SourceFile::parse_all::<Stretch>`).
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| stretchsheet::robustness::stretch_file(bytes));
