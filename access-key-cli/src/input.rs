//! Reading inputs into batches: format detection, NDJSON streaming with
//! bounded buffers, the single-document cap.
//!
//! The reader is pulled: [`Reader::fill`] reads the next batch and returns,
//! and the next call resumes there. NDJSON is read [`CHUNK`] bytes at a time
//! straight into the batch and cut after the last complete line (the rest
//! opens the next batch); the reader only counts the lines, and the thread
//! that checks the batch splits it into records ([`Batch::records`]).
//!
//! Detection rule, per file (see `Reader::start`):
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
//!
//! [`Mode::Ndjson`] and [`Mode::Document`] (`--ndjson`, `--document`) skip
//! the detection: every non-blank line is a record, or the whole input (from
//! its first non-blank line) is one.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::IgnoredAny;
use serde::Deserialize;

use std::path::PathBuf;

/// One input of `access-key validate`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`, or no FILE at all).
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Input {
    /// `-` is standard input, anything else a path.
    pub fn from_arg(arg: impl Into<PathBuf>) -> Self {
        let path = arg.into();
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::Path(path)
        }
    }

    /// The name used in reports: `-` for stdin, the path as given otherwise.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// How an input is split into records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Decided per input, as the module documentation says (the default).
    #[default]
    Auto,
    /// Every non-blank line is one record.
    Ndjson,
    /// The whole input is one record (at most [`MAX_RECORD`] bytes).
    Document,
}

/// Largest single document, and largest NDJSON line, accepted.
pub const MAX_RECORD: usize = 64 << 20;
/// NDJSON is read this many bytes at a time; a batch is one such read, cut
/// after its last complete line.
pub const CHUNK: usize = 1 << 20;
/// Recycled batch buffers larger than this are shrunk back.
const KEEP_CAPACITY: usize = 4 << 20;

/// One record: its line number in its input and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct Record<'b> {
    /// The 1-based line where the record starts.
    pub line: u64,
    /// The record's text (a line keeps its line ending).
    pub bytes: &'b [u8],
}

/// A piece of one input, in input order: complete lines of NDJSON, or one
/// whole document; plus an optional error that ended the reading of that
/// input (after that text). The reader only copies text in and counts its
/// lines; splitting it into records ([`Batch::records`]) is left to the
/// thread that checks them.
#[derive(Debug, Default)]
pub struct Batch {
    /// The index of the input the text comes from.
    pub input: usize,
    /// `buf[..len]` is the text. The bytes after it are scratch space, kept
    /// initialized so that reads into it need no zeroing.
    buf: Vec<u8>,
    len: usize,
    /// The line number of the text's first line.
    first_line: u64,
    /// The text is one document (a single record), not lines.
    document: bool,
    /// The error that ended the reading of this input, if one did.
    pub error: Option<String>,
}

impl Batch {
    /// The non-blank lines (or the one document), numbered.
    pub fn records(&self) -> Records<'_> {
        Records {
            rest: &self.buf[..self.len],
            line: self.first_line.wrapping_sub(1),
            document: self.document,
        }
    }

    fn is_empty(&self) -> bool {
        self.len == 0 && self.error.is_none()
    }

    /// Makes a whole document this (empty) batch's only record, without
    /// copying it.
    fn own(&mut self, line: u64, bytes: Vec<u8>) {
        debug_assert!(self.is_empty());
        self.len = bytes.len();
        self.buf = bytes;
        self.first_line = line;
        self.document = true;
    }

    /// Appends text, growing the buffer as needed.
    fn append(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if self.buf.len() < end {
            self.buf.resize(end, 0);
        }
        self.buf[self.len..end].copy_from_slice(bytes);
        self.len = end;
    }

    /// Empties the batch for reuse, keeping (bounded) allocations.
    pub fn clear(&mut self) {
        self.len = 0;
        self.document = false;
        self.error = None;
        if self.buf.capacity() > KEEP_CAPACITY {
            self.buf.truncate(2 * CHUNK);
            self.buf.shrink_to_fit();
        }
    }
}

/// The records of a [`Batch`].
pub struct Records<'b> {
    rest: &'b [u8],
    /// The number of the line before `rest`.
    line: u64,
    document: bool,
}

impl<'b> Iterator for Records<'b> {
    type Item = Record<'b>;

    fn next(&mut self) -> Option<Record<'b>> {
        if self.document {
            self.document = false;
            let bytes = std::mem::take(&mut self.rest);
            return Some(Record {
                line: self.line.wrapping_add(1),
                bytes,
            });
        }
        while !self.rest.is_empty() {
            let end = memchr::memchr(b'\n', self.rest).map_or(self.rest.len(), |i| i + 1);
            let (bytes, rest) = self.rest.split_at(end);
            self.rest = rest;
            self.line += 1;
            if !is_blank(bytes) {
                return Some(Record {
                    line: self.line,
                    bytes,
                });
            }
        }
        None
    }
}

/// Where batches go, for [`read_bytes`].
pub trait Sink {
    /// Takes a filled batch and returns an empty one to fill next, or `None`
    /// to stop reading.
    fn flush(&mut self, full: Batch) -> Option<Batch>;
}

/// What is read: the command line's inputs, or one input held in memory.
enum Inputs<'a> {
    Files(&'a [Input]),
    Memory(&'a [u8]),
}

/// An open input, as the reader reads it.
type Source<'a> = Box<dyn BufRead + Send + 'a>;

impl<'a> Inputs<'a> {
    fn len(&self) -> usize {
        match self {
            Inputs::Files(inputs) => inputs.len(),
            Inputs::Memory(_) => 1,
        }
    }

    fn open(&self, i: usize) -> io::Result<Source<'a>> {
        Ok(match self {
            Inputs::Files(inputs) => match &inputs[i] {
                Input::Stdin => Box::new(BufReader::with_capacity(256 << 10, io::stdin())),
                Input::Path(path) => {
                    Box::new(BufReader::with_capacity(256 << 10, File::open(path)?))
                }
            },
            Inputs::Memory(bytes) => Box::new(*bytes),
        })
    }
}

/// An NDJSON input being streamed.
struct Lines<'a> {
    r: Source<'a>,
    /// Complete lines handed out so far.
    line: u64,
    /// Bytes still to come that were already counted as read (a replay).
    counted: usize,
    /// The start of a line whose end is still to be read.
    carry: Vec<u8>,
}

/// Reads inputs, in order, into batches on demand ([`Reader::fill`]): each
/// call resumes where the last one stopped, so whichever thread needs work
/// next reads it (under a lock) and checks it on the same core.
pub struct Reader<'a> {
    inputs: Inputs<'a>,
    names: &'a [String],
    bytes_read: &'a AtomicU64,
    /// The input being read, or next to open.
    index: usize,
    /// `Some` while input `index` streams as NDJSON.
    lines: Option<Lines<'a>>,
    mode: Mode,
}

impl<'a> Reader<'a> {
    /// A reader of `inputs` (named `names` in errors), split into records
    /// as `mode` says; `bytes_read` counts input bytes, for the progress line.
    pub fn new(
        inputs: &'a [Input],
        names: &'a [String],
        bytes_read: &'a AtomicU64,
        mode: Mode,
    ) -> Self {
        Reader::over(Inputs::Files(inputs), names, bytes_read, mode)
    }

    fn over(
        inputs: Inputs<'a>,
        names: &'a [String],
        bytes_read: &'a AtomicU64,
        mode: Mode,
    ) -> Self {
        Reader {
            inputs,
            names,
            bytes_read,
            index: 0,
            lines: None,
            mode,
        }
    }

    /// Empties `batch` and fills it with the next text of one input (about
    /// [`CHUNK`] bytes of whole lines, or one document), plus the error that
    /// ended that input, if one did. Returns `false`, with `batch` empty, once
    /// every input has been read.
    pub fn fill(&mut self, batch: &mut Batch) -> bool {
        batch.clear();
        while self.index < self.inputs.len() {
            batch.input = self.index;
            let result = match self.lines.take() {
                Some(mut lines) => match self.stream(&mut lines, batch) {
                    Ok(true) => {
                        self.lines = Some(lines);
                        return true;
                    }
                    Ok(false) => Ok(()),
                    Err(e) => Err(e),
                },
                None => match self.inputs.open(self.index) {
                    Err(e) => Err(self.io_error(e)),
                    Ok(r) => match self.start(r, batch) {
                        Ok(Some(lines)) => {
                            self.lines = Some(lines);
                            continue;
                        }
                        Ok(None) => Ok(()),
                        Err(e) => Err(e),
                    },
                },
            };
            // Input `index` is done: its last records and its error, if any.
            self.index += 1;
            batch.error = result.err();
            if !batch.is_empty() {
                return true;
            }
        }
        false
    }

    fn name(&self) -> &str {
        &self.names[self.index]
    }

    fn io_error(&self, e: io::Error) -> String {
        format!("{}: {e}", self.name())
    }

    fn too_long(&self, line: u64) -> String {
        format!(
            "{}:{line}: line longer than {} MiB (the limit)",
            self.name(),
            MAX_RECORD >> 20
        )
    }

    fn count(&self, n: usize) {
        self.bytes_read.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// The start of an input, format detected as the module documentation
    /// says, into `batch` (empty: a batch holds one input's records). Returns
    /// the rest of the input to stream as NDJSON, if it is NDJSON.
    fn start(&self, mut r: Source<'a>, batch: &mut Batch) -> Result<Option<Lines<'a>>, String> {
        let mut first = Vec::new();
        let mut line = 0u64;
        loop {
            first.clear();
            let n = read_line(&mut r, &mut first).map_err(|e| self.io_error(e))?;
            if n == 0 {
                return Ok(None);
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

        if self.mode == Mode::Ndjson || (self.mode == Mode::Auto && !ends_too_early(&first)) {
            // NDJSON: this line is the first record.
            batch.first_line = line;
            batch.append(&first);
            return Ok(Some(Lines {
                r,
                line,
                counted: 0,
                carry: Vec::new(),
            }));
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
        if !over && (self.mode == Mode::Document || is_one_value(&text)) {
            batch.own(line, text);
            return Ok(None);
        }
        if self.mode == Mode::Auto && looks_like_ndjson(&text) {
            // NDJSON with a broken first record: replay what was read.
            let counted = text.len();
            return Ok(Some(Lines {
                r: Box::new(Cursor::new(text).chain(r)),
                line: line - 1,
                counted,
                carry: Vec::new(),
            }));
        }
        if over {
            return Err(format!(
                "{}:{line}: a single JSON document larger than {} MiB (the limit); \
                 use NDJSON (one record per line) for large inputs",
                self.name(),
                MAX_RECORD >> 20
            ));
        }
        // One malformed document: the validator reports the syntax error.
        batch.own(line, text);
        Ok(None)
    }

    /// NDJSON: reads about [`CHUNK`] bytes straight into the batch, after
    /// the line the last read left unfinished, and cuts the text after its
    /// last complete line. Returns `true` if the input may have more,
    /// `false` at its end.
    fn stream(&self, l: &mut Lines<'a>, batch: &mut Batch) -> Result<bool, String> {
        let mut fresh = 0;
        let result = self.stream_counting(l, batch, &mut fresh);
        self.count(fresh);
        result
    }

    fn stream_counting(
        &self,
        l: &mut Lines<'a>,
        batch: &mut Batch,
        fresh: &mut usize,
    ) -> Result<bool, String> {
        if batch.len == 0 {
            batch.first_line = l.line + 1;
        }
        // Text before `start` ends with a newline; the carried line has none.
        let start = batch.len;
        batch.append(&l.carry);
        l.carry.clear();
        let mut len = batch.len;
        let mut target = len + CHUNK;
        let mut eof = false;
        let cut = loop {
            if batch.buf.len() < target {
                batch.buf.resize(target, 0);
            }
            let from = len;
            let mut failed = None;
            while len < target {
                match l.r.read(&mut batch.buf[len..target]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(n) => {
                        let replayed = n.min(l.counted);
                        l.counted -= replayed;
                        *fresh += n - replayed;
                        len += n;
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        failed = Some(e);
                        break;
                    }
                }
            }
            if let Some(e) = failed {
                // Keep the complete lines; the unfinished one is lost.
                let cut =
                    memchr::memrchr(b'\n', &batch.buf[start..len]).map_or(start, |i| start + i + 1);
                self.finish(l, batch, start, cut);
                return Err(self.io_error(e));
            }
            let line_end = if eof {
                Some(len)
            } else {
                memchr::memrchr(b'\n', &batch.buf[from..len]).map(|i| from + i + 1)
            };
            if len - start > MAX_RECORD {
                // Only the first line can be this long: it alone spans reads.
                let first = memchr::memchr(b'\n', &batch.buf[start..len]).unwrap_or(len - start);
                if first > MAX_RECORD {
                    self.finish(l, batch, start, start);
                    return Err(self.too_long(l.line + 1));
                }
            }
            match line_end {
                Some(cut) => break cut,
                // One line longer than the read: read on.
                None => target = len + CHUNK,
            }
        };
        l.carry.extend_from_slice(&batch.buf[cut..len]);
        self.finish(l, batch, start, cut);
        Ok(!eof)
    }

    /// Ends the batch's text at `cut` and counts the lines from `start`.
    fn finish(&self, l: &mut Lines<'a>, batch: &mut Batch, start: usize, cut: usize) {
        batch.len = cut;
        let text = &batch.buf[start..cut];
        let newlines = memchr::memchr_iter(b'\n', text).count();
        let unterminated = text.last().is_some_and(|&b| b != b'\n');
        l.line += (newlines + usize::from(unterminated)) as u64;
    }
}

/// Reads one input held in memory exactly as [`Reader`] reads a file (named
/// `name` in errors, split as `mode` says), handing each batch to `sink`.
/// Returns the number of input bytes counted as read. The `ndjson` fuzz
/// target and the tests drive the reader through it.
pub fn read_bytes(bytes: &[u8], name: &str, mode: Mode, sink: &mut dyn Sink) -> u64 {
    let bytes_read = AtomicU64::new(0);
    let names = [name.to_owned()];
    let mut reader = Reader::over(Inputs::Memory(bytes), &names, &bytes_read, mode);
    let mut batch = Batch::default();
    while reader.fill(&mut batch) {
        match sink.flush(batch) {
            Some(next) => batch = next,
            None => break,
        }
    }
    bytes_read.load(Ordering::Relaxed)
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
        read_as(text, Mode::Auto)
    }

    /// The same, with the records split as `mode` says.
    fn read_as(text: &[u8], mode: Mode) -> (Vec<(u64, String)>, Vec<String>) {
        let mut sink = Collect(Vec::new());
        let counted = read_bytes(text, "f", mode, &mut sink);
        assert_eq!(counted, text.len() as u64);
        let mut records = Vec::new();
        let mut errors = Vec::new();
        for b in &sink.0 {
            assert!(!b.is_empty(), "an empty batch was handed out");
            for r in b.records() {
                let s = String::from_utf8_lossy(r.bytes);
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
    fn forced_modes_skip_the_detection() {
        // Detected as one document; forced NDJSON, each line is a record.
        let pretty = b"\n{\n  \"a\": 1\n}\n";
        assert_eq!(read(pretty).0, [(2, "{\n  \"a\": 1\n}".to_owned())]);
        let lines: Vec<u64> = read_as(pretty, Mode::Ndjson)
            .0
            .iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(lines, [2, 3, 4]);
        // Detected as NDJSON; forced document, one record from the first
        // non-blank line (a malformed one: the validator reports it).
        let ndjson = b"\xEF\xBB\xBF\n{\"a\":1}\n{\"a\":2}\n";
        assert_eq!(read(ndjson).0.len(), 2);
        let (records, errors) = read_as(ndjson, Mode::Document);
        assert_eq!(records, [(2, "{\"a\":1}\n{\"a\":2}".to_owned())]);
        assert!(errors.is_empty());
        // Empty input: no record in any mode.
        for mode in [Mode::Auto, Mode::Ndjson, Mode::Document] {
            assert_eq!(read_as(b" \n\n", mode), (vec![], vec![]), "{mode:?}");
        }
    }

    #[test]
    fn input_from_arg() {
        assert_eq!(Input::from_arg("-"), Input::Stdin);
        assert_eq!(Input::from_arg("--b"), Input::Path("--b".into()));
        assert_eq!(Input::from_arg("a").name(), "a");
        assert_eq!(Input::Stdin.name(), "-");
    }

    #[test]
    fn bom_and_invalid_utf8() {
        let (records, _) = read(b"\xEF\xBB\xBF{\"a\":1}\n{\"a\":\"\xff\"}\n");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].1, "{\"a\":1}");
    }

    /// Batches are reads of about `CHUNK` bytes cut after a complete line;
    /// the cut-off start of a line opens the next batch, and line numbers
    /// run on across batches.
    #[test]
    fn big_ndjson_is_batched() {
        let mut text = Vec::new();
        let mut i = 0;
        while text.len() < 3 * CHUNK + CHUNK / 2 {
            i += 1;
            text.extend_from_slice(
                format!("{{\"n\":{i},\"pad\":\"{}\"}}\n", "p".repeat(i % 97)).as_bytes(),
            );
            if i % 1000 == 0 {
                text.extend_from_slice(b"  \n");
            }
        }
        let mut sink = Collect(Vec::new());
        read_bytes(&text, "f", Mode::Auto, &mut sink);
        assert_eq!(sink.0.len(), 4);
        let mut next = 1;
        for b in &sink.0 {
            let t = &b.buf[..b.len];
            assert!(t.len() > CHUNK - 200 || std::ptr::eq(b, sink.0.last().unwrap()));
            assert!(t.len() <= CHUNK + 200, "{}", t.len());
            assert_eq!(t.last(), Some(&b'\n'));
            for r in b.records() {
                let want = format!("{{\"n\":{next},\"pad\":\"{}\"}}\n", "p".repeat(next % 97));
                assert_eq!(r.bytes, want.as_bytes(), "record {next}");
                assert_eq!(r.line, next as u64 + (next as u64 - 1) / 1000);
                next += 1;
            }
        }
        assert_eq!(next, i + 1);
    }

    /// Inputs are read in order, a batch never mixes two, and an input that
    /// cannot be opened is an error in its own batch between the others.
    #[test]
    fn inputs_in_order_with_errors_between() {
        let dir = std::env::temp_dir().join(format!("ak-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a");
        let b = dir.join("b");
        std::fs::write(&a, b"{\"a\":1}\n{\"a\":2}\n").unwrap();
        std::fs::write(&b, b"{\n  \"b\": 1\n}\n").unwrap();
        let inputs = [
            Input::Path(a),
            Input::Path(dir.join("missing")),
            Input::Path(b),
        ];
        let names: Vec<String> = ["a", "missing", "b"].map(String::from).to_vec();
        let bytes = AtomicU64::new(0);
        let mut reader = Reader::new(&inputs, &names, &bytes, Mode::Auto);
        let mut batch = Batch::default();
        let mut seen = Vec::new();
        while reader.fill(&mut batch) {
            let lines: Vec<u64> = batch.records().map(|r| r.line).collect();
            let error = batch
                .error
                .as_deref()
                .map(|e| e.split(':').next().unwrap().to_owned());
            seen.push((batch.input, lines, error));
        }
        assert!(!reader.fill(&mut batch), "stays done");
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            seen,
            [
                (0, vec![1, 2], None),
                (1, vec![], Some("missing".to_owned())),
                (2, vec![1], None),
            ]
        );
        assert_eq!(bytes.load(Ordering::Relaxed), 16 + 13);
    }

    /// Lines longer than a read (`CHUNK`) span several reads;
    /// blank lines among them are skipped and counted.
    #[test]
    fn long_lines_across_buffer_refills() {
        let long = format!("{{\"k\":\"{}\"}}", "x".repeat(CHUNK + (700 << 10)));
        let text = format!("{{\"a\":1}}\n{long}\n  \n{long}\r\n{{\"b\":2}}");
        let path = std::env::temp_dir().join(format!("ak-long-{}", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let inputs = [Input::Path(path.clone())];
        let names = ["long".to_owned()];
        let bytes = AtomicU64::new(0);
        let mut reader = Reader::new(&inputs, &names, &bytes, Mode::Auto);
        let mut batch = Batch::default();
        let mut records = Vec::new();
        while reader.fill(&mut batch) {
            assert_eq!(batch.error, None);
            for r in batch.records() {
                records.push((r.line, r.bytes.to_vec()));
            }
        }
        std::fs::remove_file(&path).unwrap();
        assert_eq!(bytes.load(Ordering::Relaxed), text.len() as u64);
        let lines: Vec<u64> = records.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
        assert_eq!(records[1].1, format!("{long}\n").as_bytes());
        assert_eq!(records[2].1, format!("{long}\r\n").as_bytes());
        assert_eq!(records[3].1, b"{\"b\":2}");
    }
}
