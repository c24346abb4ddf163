#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| access_key_fuzz::from_json(data));
