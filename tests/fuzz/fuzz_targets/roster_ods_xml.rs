#![no_main]
//! Fuzz target `roster_ods_xml`; the body is `hrs_widget_fuzz::run` (tests/fuzz/src/lib.rs).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hrs_widget_fuzz::run("roster_ods_xml", data);
});
