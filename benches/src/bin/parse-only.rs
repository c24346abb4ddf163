//! `parse-only FILE`: the CLI's floor. Reads FILE line by line and parses
//! each line with `serde_json::from_slice` into the plain struct, nothing
//! else, on one thread; prints the record count, bytes and throughput.

use std::io::{BufRead, BufReader};
use std::time::Instant;

use access_key_bench::PlainKey;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse-only FILE");
        std::process::exit(2);
    };
    let start = Instant::now();
    let file = std::fs::File::open(&path).expect("open FILE");
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = Vec::with_capacity(1 << 10);
    let (mut records, mut failed, mut bytes) = (0u64, 0u64, 0u64);
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).expect("read");
        if n == 0 {
            break;
        }
        bytes += n as u64;
        records += 1;
        if serde_json::from_slice::<PlainKey>(&line).is_err() {
            failed += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "parsed {records} records ({failed} failed), {:.1} MB in {secs:.2} s: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
