//! `dirty-rounds [ROUNDS]`: issue 14's figures measured interleaved, as
//! `ndjson-rounds` does for the mixed batch: each round times, in a rotating
//! order, every approach over the 100k dirty records, and 20,000 calls of
//! parse-only and `from_json` on each class payload; prints each figure's
//! median ratio to parse-only of the same round (for a class: parse-only of
//! the same payload, and of the valid payload), with the range.

use std::hint::black_box;
use std::time::Instant;

use access_key_bench::{dirty, dirty_approaches, PlainKey, CLASSES, VALID};
use access_key_schema::{from_json, AccessKey};

const CALLS: usize = 20_000;

fn time(f: impl Fn()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64()
}

fn parse(payload: &[u8]) -> f64 {
    time(|| {
        for _ in 0..CALLS {
            black_box(serde_json::from_slice::<PlainKey>(black_box(payload)).is_ok());
        }
    })
}

fn ours(payload: &[u8]) -> f64 {
    time(|| {
        for _ in 0..CALLS {
            black_box(from_json::<AccessKey>(black_box(payload)).is_ok());
        }
    })
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

fn main() {
    let rounds: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        None => 11,
        Some(Ok(n)) if n > 0 => n,
        Some(_) => {
            eprintln!("usage: dirty-rounds [ROUNDS]");
            std::process::exit(2);
        }
    };
    let (text, lines, _) = dirty(100_000);
    let records: Vec<&[u8]> = lines.into_iter().map(|r| &text[r]).collect();
    let approaches = dirty_approaches();
    for (_, run) in &approaches {
        black_box(run(&records));
    }
    let n = approaches.len();
    let mut batch = vec![Vec::new(); n];
    // Per class: (parse-only of the payload, from_json of it); and the valid payload's parse.
    let mut class = vec![(Vec::new(), Vec::new()); CLASSES.len()];
    let mut valid_parse = Vec::new();
    for round in 0..rounds {
        for k in 0..n {
            let i = (round + k) % n;
            batch[i].push(time(|| {
                black_box(approaches[i].1(&records));
            }));
        }
        valid_parse.push(parse(VALID));
        for (c, &(_, payload, _)) in CLASSES.iter().enumerate() {
            if round % 2 == 0 {
                class[c].0.push(parse(payload));
                class[c].1.push(ours(payload));
            } else {
                class[c].1.push(ours(payload));
                class[c].0.push(parse(payload));
            }
        }
    }
    println!("| dirty 100k, {rounds} interleaved rounds | median x parse | range |");
    println!("|---|---|---|");
    for (i, (id, _)) in approaches.iter().enumerate() {
        let ratios = (0..rounds).map(|r| batch[i][r] / batch[0][r]).collect();
        let (m, lo, hi) = median(ratios);
        if i == 0 {
            let (t, _, _) = median(batch[0].clone());
            println!(
                "| {id} | 1.00x (~{:.0} MB/s) | - |",
                text.len() as f64 / t / 1e6
            );
        } else {
            println!("| {id} | {m:.2}x | {lo:.2}x-{hi:.2}x |");
        }
    }
    println!();
    println!("| payload | parse-only of it | `from_json` x its parse-only | range | x parse-only of the valid payload |");
    println!("|---|---|---|---|---|");
    for (c, &(id, _, _)) in CLASSES.iter().enumerate() {
        let (p, _, _) = median(class[c].0.clone());
        let ratios = (0..rounds).map(|r| class[c].1[r] / class[c].0[r]).collect();
        let (m, lo, hi) = median(ratios);
        let to_valid = (0..rounds)
            .map(|r| class[c].1[r] / valid_parse[r])
            .collect();
        let (v, _, _) = median(to_valid);
        println!(
            "| {id} | {:.0} ns | {m:.2}x | {lo:.2}x-{hi:.2}x | {v:.2}x |",
            p / CALLS as f64 * 1e9
        );
    }
}
