//! Replays the committed fuzz seed corpus (`fuzz/corpus/<target>/`) through
//! the fuzz targets' own bodies (the `access-key-fuzz` library, built without
//! libFuzzer) on stable `cargo test`, so every seed, and every crash input
//! once added to the corpus as a regression seed, is checked in CI without
//! libFuzzer or nightly flags. `cargo fuzz run <target>` explores further
//! (see SECURITY.md).

use std::path::PathBuf;

use access_key_fuzz as targets;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = xtask::workspace_root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "{}: only {} seeds",
        dir.display(),
        files.len()
    );
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

fn replay(target: &str, run: fn(&[u8])) {
    let seeds = corpus(target);
    for (path, bytes) in &seeds {
        let outcome = std::panic::catch_unwind(|| run(bytes));
        assert!(outcome.is_ok(), "{target}: seed {} fails", path.display());
    }
    println!("{target}: {} seeds replayed", seeds.len());
}

#[test]
fn from_json_corpus() {
    replay("from_json", targets::from_json);
}

#[test]
fn ndjson_corpus() {
    replay("ndjson", targets::ndjson);
}

#[test]
fn pattern_corpus() {
    replay("pattern", targets::pattern);
}
