//! Fuzzes a logo or photo, as the sheets decode one (`doc::picture::decode`).
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| stretchsheet::robustness::picture(bytes));
