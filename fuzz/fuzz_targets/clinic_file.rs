//! Fuzzes a clinic file, as `handout --clinic` reads one (`ClinicFile::parse`).
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| stretchsheet::robustness::clinic_file(bytes));
