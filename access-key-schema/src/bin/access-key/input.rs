//! Reading inputs into batches of records: format detection, NDJSON
//! streaming with bounded buffers, the single-document cap.
//!
//! Detection rule, per file (see `Reader::file`):
//!
//! 1. Blank lines (only spaces, tabs, CR) are skipped, and a UTF-8 byte
//!    order mark at the very start is ignored.
//! 2. The first non-blank line is parsed on its own. If it is a complete JSON
//!    value, or is not a value for any reason other than ending too early
//!    (a syntax error), the file is NDJSON: every non-blank line is a record.
//! 3. If it ends too early (`{`, `[`, a truncated record...), the rest of the
//!    file is read (up to 64 MiB). If the text from that line to the end is
//!    exactly one JSON value, the file is one document (one record, at that
//!    line). Otherwise, if most of the following non-blank lines are complete
//!    JSON values on their own, the file is NDJSON whose first record is
//!    broken; else it is one (malformed) document, reported as one record.
//! 4. A document larger than 64 MiB is an I/O-class error (exit status 2);
//!    an NDJSON line longer than 64 MiB likewise. NDJSON files of any size
//!    stream in constant memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::args::Input;

/// Largest single document, and largest NDJSON line, accepted.
pub const MAX_RECORD: usize = 64 << 20;
/// A batch is handed to the validators once it has this many records...
pub const BATCH_RECORDS: usize = 8192;
/// ...or this many bytes.
pub const BATCH_BYTES: usize = 1 << 20;
/// Recycled batch buffers larger than this are shrunk back.
const KEEP_CAPACITY: usize = 4 << 20;

/// One record of a batch: where it starts in the input and in `data`.
#[derive(Clone, Copy, Debug)]
pub struct Record {
    pub line: u64,
    pub start: usize,
    pub end: usize,
}

/// A run of records of one input, in input order, plus an optional error
/// that ended the reading of that input (after those records).
#[derive(Debug, Default)]
pub struct Batch {
    pub input: usize,
    pub data: Vec<u8>,
    pub records: Vec<Record>,
    pub error: Option<String>,
}

impl Batch {
    pub fn record(&self, r: &Record) -> &[u8] {
        &self.data[r.start..r.end]
    }

    fn is_full(&self) -> bool {
        self.records.len() >= BATCH_RECORDS || self.data.len() >= BATCH_BYTES
    }

    fn is_empty(&self) -> bool {
        self.records.is_empty() && self.error.is_none()
    }

    /// Empties the batch for reuse, keeping (bounded) allocations.
    pub fn clear(&mut self) {
        self.data.clear();
        self.records.clear();
        self.error = None;
        if self.data.capacity() > KEEP_CAPACITY {
            self.data.shrink_to(BATCH_BYTES * 2);
        }
    }
}

/// Where full batches go.
pub trait Sink {
    /// Takes a full batch and returns an empty one to fill next, or `None`
    /// when the output side has stopped (reading should stop too).
    fn flush(&mut self, full: Batch) -> Option<Batch>;
}

/// The output side stopped: stop reading.
pub struct Stopped;

enum Failure {
    Stopped,
    Error(String),
}

impl From<Stopped> for Failure {
    fn from(_: Stopped) -> Self {
        Failure::Stopped
    }
}

/// Reads every input in order, handing batches to `sink`. `bytes_read`
/// counts input bytes, for the progress line.
pub fn read_all(
    inputs: &[Input],
    names: &[String],
    sink: &mut dyn Sink,
    first: Batch,
    bytes_read: &AtomicU64,
) {
    let mut reader = Reader {
        sink,
        batch: first,
        input: 0,
        name: "",
        bytes_read,
    };
    for (i, input) in inputs.iter().enumerate() {
        reader.input = i;
        reader.name = &names[i];
        reader.batch.input = i;
        let result = match input {
            Input::Stdin => reader.file(io::stdin().lock()),
            Input::Path(path) => match File::open(path) {
                Ok(f) => reader.file(BufReader::with_capacity(256 << 10, f)),
                Err(e) => Err(Failure::Error(format!("{}: {e}", names[i]))),
            },
        };
        let flushed = match result {
            Ok(()) => reader.flush_if_any(),
            Err(Failure::Stopped) => return,
            Err(Failure::Error(msg)) => {
                reader.batch.error = Some(msg);
                reader.flush_if_any()
            }
        };
        if flushed.is_err() {
            return;
        }
    }
}

/// Reads one input held in memory exactly as [`read_all`] reads a file (named
/// `name` in errors), then flushes what is left. Returns the number of input
/// bytes counted as read. Not used by the binary: `fuzz/` (the `ndjson`
/// target) and `tests/fuzz_corpus.rs` include this file to drive the reader.
#[allow(dead_code)]
pub fn read_bytes(bytes: &[u8], name: &str, sink: &mut dyn Sink) -> u64 {
    let bytes_read = AtomicU64::new(0);
    let mut reader = Reader {
        sink,
        batch: Batch::default(),
        input: 0,
        name,
        bytes_read: &bytes_read,
    };
    match reader.file(bytes) {
        Ok(()) => {
            let _ = reader.flush_if_any();
        }
        Err(Failure::Stopped) => {}
        Err(Failure::Error(msg)) => {
            reader.batch.error = Some(msg);
            let _ = reader.flush_if_any();
        }
    }
    bytes_read.load(Ordering::Relaxed)
}

struct Reader<'a> {
    sink: &'a mut dyn Sink,
    batch: Batch,
    input: usize,
    name: &'a str,
    bytes_read: &'a AtomicU64,
}

fn is_blank(line: &[u8]) -> bool {
    line.iter()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// Reads one line (with its `\n`) into `buf`, at most `MAX_RECORD` bytes of
/// content; returns the bytes read (0 at the end of the input).
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    r.take(MAX_RECORD as u64 + 1).read_until(b'\n', buf)
}

/// Whether a line read by `read_line` was cut at the limit.
fn too_long(line: &[u8]) -> bool {
    line.len() > MAX_RECORD && line.last() != Some(&b'\n')
}

/// What the first non-blank line says about the file.
fn ends_too_early(line: &[u8]) -> bool {
    matches!(serde_json::from_slice::<IgnoredAny>(line), Err(e) if e.is_eof())
}

/// Exactly one JSON value, then only whitespace.
fn is_one_value(text: &[u8]) -> bool {
    let mut de = serde_json::Deserializer::from_slice(text);
    IgnoredAny::deserialize(&mut de).is_ok() && de.end().is_ok()
}

/// Most non-blank lines after the first are complete JSON values.
fn looks_like_ndjson(text: &[u8]) -> bool {
    let (mut lines, mut values) = (0usize, 0usize);
    for line in text.split(|&b| b == b'\n').skip(1) {
        if is_blank(line) {
            continue;
        }
        lines += 1;
        if serde_json::from_slice::<IgnoredAny>(line).is_ok() {
            values += 1;
        }
    }
    lines > 0 && values * 2 > lines
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Reader<'_> {
    fn io_error(&self, e: io::Error) -> Failure {
        Failure::Error(format!("{}: {e}", self.name))
    }

    fn flush(&mut self) -> Result<(), Stopped> {
        let full = std::mem::take(&mut self.batch);
        match self.sink.flush(full) {
            Some(mut next) => {
                next.clear();
                next.input = self.input;
                self.batch = next;
                Ok(())
            }
            None => Err(Stopped),
        }
    }

    fn flush_if_any(&mut self) -> Result<(), Stopped> {
        if self.batch.is_empty() {
            Ok(())
        } else {
            self.flush()
        }
    }

    fn count(&self, n: usize) {
        self.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// One input, format detected as the module documentation says.
    fn file(&mut self, mut r: impl BufRead) -> Result<(), Failure> {
        let mut first = Vec::new();
        let mut line = 0u64;
        loop {
            first.clear();
            let n = read_line(&mut r, &mut first).map_err(|e| self.io_error(e))?;
            if n == 0 {
                return Ok(());
            }
            self.count(n);
            line += 1;
            if line == 1 && first.starts_with(BOM) {
                first.drain(..BOM.len());
            }
            if too_long(&first) {
                return Err(self.too_long(line));
            }
            if !is_blank(&first) {
                break;
            }
        }

        if !ends_too_early(&first) {
            // NDJSON: this line is the first record.
            self.push_document(line, &first)?;
            return self.lines(r, line, 0);
        }

        // Maybe one document spanning lines: read the rest, capped.
        let mut text = first;
        let limit = (MAX_RECORD + 1).saturating_sub(text.len()) as u64;
        let n = (&mut r)
            .take(limit)
            .read_to_end(&mut text)
            .map_err(|e| self.io_error(e))?;
        self.count(n);
        let over = text.len() > MAX_RECORD;
        if !over && is_one_value(&text) {
            return Ok(self.push_owned(line, text)?);
        }
        if looks_like_ndjson(&text) {
            // NDJSON with a broken first record: replay what was read.
            let replayed = text.len();
            return self.lines(Cursor::new(text).chain(r), line - 1, replayed);
        }
        if over {
            return Err(Failure::Error(format!(
                "{}:{line}: a single JSON document larger than {} MiB (the limit); \
                 use NDJSON (one record per line) for large inputs",
                self.name,
                MAX_RECORD >> 20
            )));
        }
        // One malformed document: the validator reports the syntax error.
        Ok(self.push_owned(line, text)?)
    }

    fn too_long(&self, line: u64) -> Failure {
        Failure::Error(format!(
            "{}:{line}: line longer than {} MiB (the limit)",
            self.name,
            MAX_RECORD >> 20
        ))
    }

    /// Adds a record by copying it into the current batch.
    fn push_document(&mut self, line: u64, bytes: &[u8]) -> Result<(), Stopped> {
        let start = self.batch.data.len();
        self.batch.data.extend_from_slice(bytes);
        self.batch.records.push(Record {
            line,
            start,
            end: self.batch.data.len(),
        });
        if self.batch.is_full() {
            self.flush()?;
        }
        Ok(())
    }

    /// A whole document as its own batch, without copying it.
    fn push_owned(&mut self, line: u64, bytes: Vec<u8>) -> Result<(), Stopped> {
        self.flush_if_any()?;
        let end = bytes.len();
        self.batch.data = bytes;
        self.batch.records.push(Record {
            line,
            start: 0,
            end,
        });
        self.flush()
    }

    /// NDJSON: every non-blank line is a record, read straight into the
    /// batch buffer. `line` is the number of lines already consumed; the
    /// first `counted` bytes were already counted as read.
    fn lines(
        &mut self,
        mut r: impl BufRead,
        mut line: u64,
        mut counted: usize,
    ) -> Result<(), Failure> {
        loop {
            let start = self.batch.data.len();
            let n = match read_line(&mut r, &mut self.batch.data) {
                Ok(n) => n,
                Err(e) => {
                    self.batch.data.truncate(start);
                    return Err(self.io_error(e));
                }
            };
            if n == 0 {
                return Ok(());
            }
            let fresh = n.saturating_sub(counted);
            counted -= n - fresh;
            self.count(fresh);
            line += 1;
            let bytes = &self.batch.data[start..];
            if too_long(bytes) {
                self.batch.data.truncate(start);
                return Err(self.too_long(line));
            }
            if is_blank(bytes) {
                self.batch.data.truncate(start);
                continue;
            }
            self.batch.records.push(Record {
                line,
                start,
                end: self.batch.data.len(),
            });
            if self.batch.is_full() {
                self.flush()?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Collect(Vec<Batch>);

    impl Sink for Collect {
        fn flush(&mut self, full: Batch) -> Option<Batch> {
            self.0.push(full);
            Some(Batch::default())
        }
    }

    /// (line, record text) of every record, and the errors.
    fn read(text: &[u8]) -> (Vec<(u64, String)>, Vec<String>) {
        let mut sink = Collect(Vec::new());
        let bytes = AtomicU64::new(0);
        {
            let mut reader = Reader {
                sink: &mut sink,
                batch: Batch::default(),
                input: 0,
                name: "f",
                bytes_read: &bytes,
            };
            let result = reader.file(Cursor::new(text.to_vec()));
            if let Err(Failure::Error(e)) = result {
                reader.batch.error = Some(e);
            }
            let _ = reader.flush_if_any();
        }
        assert_eq!(bytes.load(Ordering::Relaxed), text.len() as u64);
        let mut records = Vec::new();
        let mut errors = Vec::new();
        for b in &sink.0 {
            for r in &b.records {
                let s = String::from_utf8_lossy(b.record(r));
                records.push((r.line, s.trim_end().to_owned()));
            }
            errors.extend(b.error.clone());
        }
        (records, errors)
    }

    #[test]
    fn pretty_document_is_one_record() {
        let (records, errors) = read(b"\n  \n{\n  \"A\": [\n    1\n  ]\n}\n\n");
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].0, 3);
        assert!(errors.is_empty());
    }

    #[test]
    fn ndjson_skips_blank_lines_and_numbers_lines() {
        let (records, _) = read(b"{\"a\":1}\r\n\n  \n{\"a\":2}\n{oops\n[1]");
        let lines: Vec<u64> = records.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 4, 5, 6]);
        assert_eq!(records[2].1, "{oops");
    }

    #[test]
    fn ndjson_with_truncated_first_line() {
        let (records, _) = read(b"{\"a\":\n{\"a\":2}\n{\"a\":3}\n");
        let lines: Vec<u64> = records.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 3]);
    }

    #[test]
    fn malformed_pretty_document_is_one_record() {
        let (records, _) = read(b"{\n  \"a\": 1\n  \"b\": 2\n}\n");
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].0, 1);
    }

    #[test]
    fn bom_and_invalid_utf8() {
        let (records, _) = read(b"\xEF\xBB\xBF{\"a\":1}\n{\"a\":\"\xff\"}\n");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].1, "{\"a\":1}");
    }

    #[test]
    fn big_ndjson_is_batched() {
        let mut text = Vec::new();
        for i in 0..2500 {
            text.extend_from_slice(format!("{{\"n\":{i}}}\n").as_bytes());
        }
        let mut sink = Collect(Vec::new());
        let bytes = AtomicU64::new(0);
        read_all(
            &[Input::Path("/nonexistent/x".into())],
            &["x".into()],
            &mut sink,
            Batch::default(),
            &bytes,
        );
        assert!(sink.0[0].error.as_deref().unwrap().starts_with("x: "));
        let (records, _) = read(&text);
        assert_eq!(records.len(), 2500);
        assert_eq!(records[2499].0, 2500);
    }
}
