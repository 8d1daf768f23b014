#![no_main]
//! Fuzz target `share_fragment`; the body is `hrs_widget_fuzz::run` (tests/fuzz/src/lib.rs).

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = hrs_widget_fuzz::run("share_fragment", data);
});
