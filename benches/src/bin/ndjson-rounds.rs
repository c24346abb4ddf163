//! `ndjson-rounds [ROUNDS]`: the mixed-batch ratios, measured interleaved.
//!
//! Criterion times each approach's samples back to back, so a slow spell of
//! a noisy machine (seconds long here) lands on one approach and skews its
//! ratio. This times one pass of every approach over the same 100k records
//! per round, in a rotating order, and reports each approach's median ratio
//! to `parse_only` of the same round, with the range over the rounds.
//! `cargo xtask bench` runs it after criterion.

use std::time::Instant;

use access_key_bench::{batch_approaches, ndjson};

fn main() {
    let rounds: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 21,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: ndjson-rounds [ROUNDS]");
            std::process::exit(2);
        }
    };
    let (text, lines) = ndjson(100_000);
    let records: Vec<&[u8]> = lines.into_iter().map(|r| &text[r]).collect();
    let approaches = batch_approaches();
    // One warm-up pass each; all but `parse_only` (which checks nothing)
    // must find the same invalid records.
    let invalid: Vec<usize> = approaches.iter().map(|(_, run)| run(&records)).collect();
    assert!(
        invalid[1..].windows(2).all(|w| w[0] == w[1]) && invalid[1] > 0,
        "approaches disagree on the invalid count: {invalid:?}"
    );
    let n = approaches.len();
    let mut seconds = vec![Vec::with_capacity(rounds); n];
    for round in 0..rounds {
        for k in 0..n {
            let i = (round + k) % n;
            let start = Instant::now();
            std::hint::black_box(approaches[i].1(&records));
            seconds[i].push(start.elapsed().as_secs_f64());
        }
    }
    println!("| mixed NDJSON, {rounds} interleaved rounds | median x parse | range |");
    println!("|---|---|---|");
    for (i, (id, _)) in approaches.iter().enumerate() {
        let mut ratios: Vec<f64> = (0..rounds).map(|r| seconds[i][r] / seconds[0][r]).collect();
        ratios.sort_by(f64::total_cmp);
        let median = ratios[rounds / 2];
        if i == 0 {
            let mut t = seconds[0].clone();
            t.sort_by(f64::total_cmp);
            let mbs = text.len() as f64 / t[rounds / 2] / 1e6;
            println!("| {id} | 1.00x (~{mbs:.0} MB/s) | - |");
        } else {
            println!(
                "| {id} | {median:.2}x | {:.2}x-{:.2}x |",
                ratios[0],
                ratios[rounds - 1]
            );
        }
    }
}
