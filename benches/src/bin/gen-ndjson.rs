//! `gen-ndjson FILE [MEGABYTES] [--dirty]`: writes the benchmark's mixed
//! AccessKey records (deterministic, ~10% invalid, all rule violations) to
//! FILE until it holds at least MEGABYTES (default 1024) MB; with `--dirty`,
//! the dirty batch's records (30% invalid over every kind of problem,
//! malformed records included). For the CLI throughput measurement: write
//! it to /tmp, never commit it.

use std::io::{BufWriter, Write};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: gen-ndjson FILE [MEGABYTES]");
        std::process::exit(2);
    };
    let mb: u64 = args.next().map_or(1024, |s| s.parse().expect("MEGABYTES"));
    let dirty = args.next().as_deref() == Some("--dirty");
    let file = std::fs::File::create(&path).expect("create FILE");
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let records = if dirty {
        access_key_bench::write_dirty(&mut out, mb * 1_000_000)
    } else {
        access_key_bench::write_ndjson(&mut out, mb * 1_000_000)
    }
    .expect("write");
    out.flush().expect("write");
    eprintln!("wrote {records} records to {path}");
}
