//! `one-payload CLASS parse|ours N`: N calls of serde_json parse-only (into
//! the plain struct) or `from_json::<AccessKey>` on one payload of
//! `CLASSES`, for instruction counts that the machine's noise cannot move:
//!
//!   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!       target/release/one-payload enum ours 20000     # minus N = 0
use std::hint::black_box;

use access_key_bench::{PlainKey, CLASSES};
use access_key_schema::{from_json, AccessKey};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [class, which, n] = &args[..] else {
        eprintln!("usage: one-payload CLASS parse|ours N");
        std::process::exit(2);
    };
    let Some(&(_, payload, _)) = CLASSES.iter().find(|(id, _, _)| id == class) else {
        eprintln!("unknown class {class}");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N");
    for _ in 0..n {
        match which.as_str() {
            "parse" => {
                black_box(serde_json::from_slice::<PlainKey>(black_box(payload)).is_ok());
            }
            _ => {
                black_box(from_json::<AccessKey>(black_box(payload)).is_ok());
            }
        }
    }
}
