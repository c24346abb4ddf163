//! `validate`: the reader → validators → writer pipeline and the output.
//!
//! With one thread everything runs on the main thread. With N > 1, a reader
//! thread fills batches (up to 8,192 records or 1 MiB) and N - 1 validator
//! threads check them; the reader checks a batch itself whenever the
//! validators' queue is full (reading is much cheaper than checking, so it
//! would otherwise sit idle, holding a core's share), which makes N threads
//! checking. The main thread writes results in input order (batches carry
//! sequence numbers; out-of-order results wait in a small map). Exactly
//! `2N + 2` batch buffers circulate: the reader takes an empty one from a
//! bounded channel that the writer refills once a batch is written, so
//! memory stays constant whatever the input size.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use access_key_schema::ValidationErrors;
use serde::Serialize;

use crate::args::{Format, Input, ValidateOpts, Validator, LIMITS};
use crate::input::{read_all, Batch, Sink};

/// A validated batch: the invalid records' reports, and the buffer to reuse.
struct Checked {
    batch: Batch,
    invalid: Vec<(u64, ValidationErrors)>,
}

fn check(validator: Validator, batch: Batch) -> Checked {
    let invalid = batch
        .records
        .iter()
        .filter_map(|r| {
            validator(batch.record(r), &LIMITS)
                .err()
                .map(|e| (r.line, e))
        })
        .collect();
    Checked { batch, invalid }
}

/// Runs `validate`; returns the exit status.
pub fn run(opts: ValidateOpts) -> u8 {
    let names: Vec<String> = opts.inputs.iter().map(Input::name).collect();
    let bytes_read = AtomicU64::new(0);
    let mut out = Output::new(opts.format, &names, &bytes_read);
    if opts.threads <= 1 {
        let mut sink = Sequential {
            validator: opts.check,
            out: &mut out,
        };
        read_all(
            &opts.inputs,
            &names,
            &mut sink,
            Batch::default(),
            &bytes_read,
        );
    } else {
        parallel(&opts, &names, &mut out, &bytes_read);
    }
    out.finish()
}

/// One thread: validate and write each batch as soon as it is full.
struct Sequential<'a, 'b> {
    validator: Validator,
    out: &'a mut Output<'b>,
}

impl Sink for Sequential<'_, '_> {
    fn flush(&mut self, full: Batch) -> Option<Batch> {
        let checked = check(self.validator, full);
        Some(self.out.write(checked))
    }
}

/// The reader's side of the pipeline.
struct Pipe {
    seq: u64,
    validator: Validator,
    work: SyncSender<(u64, Batch)>,
    done: SyncSender<(u64, Checked)>,
    empty: Receiver<Batch>,
}

impl Sink for Pipe {
    fn flush(&mut self, full: Batch) -> Option<Batch> {
        let seq = self.seq;
        self.seq += 1;
        match self.work.try_send((seq, full)) {
            Ok(()) => {}
            // Every validator is busy and one batch waits: check this one here.
            Err(TrySendError::Full((seq, full))) => {
                self.done.send((seq, check(self.validator, full))).ok()?;
            }
            Err(TrySendError::Disconnected(_)) => return None,
        }
        self.empty.recv().ok()
    }
}

fn parallel(opts: &ValidateOpts, names: &[String], out: &mut Output<'_>, bytes_read: &AtomicU64) {
    let buffers = 2 * opts.threads + 2;
    let (empty_tx, empty_rx) = sync_channel::<Batch>(buffers);
    for _ in 0..buffers {
        empty_tx.send(Batch::default()).expect("receiver alive");
    }
    // One batch may wait for a validator; more, and the reader checks.
    let (work_tx, work_rx) = sync_channel::<(u64, Batch)>(1);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<(u64, Checked)>(buffers);
    let validator = opts.check;

    std::thread::scope(|scope| {
        let first = empty_rx.recv().expect("buffers were queued");
        let reader_done = done_tx.clone();
        scope.spawn(move || {
            let mut pipe = Pipe {
                seq: 0,
                validator,
                work: work_tx,
                done: reader_done,
                empty: empty_rx,
            };
            read_all(&opts.inputs, names, &mut pipe, first, bytes_read);
        });
        for _ in 1..opts.threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || loop {
                let job = work_rx.lock().expect("no worker panics").recv();
                let Ok((seq, batch)) = job else { break };
                if done_tx.send((seq, check(validator, batch))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);

        // Write in input order.
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        for (seq, checked) in done_rx {
            pending.insert(seq, checked);
            while let Some(checked) = pending.remove(&next) {
                let empty = out.write(checked);
                let _ = empty_tx.send(empty);
                next += 1;
            }
        }
    });
}

/// One JSON output line for an invalid record.
#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    line: u64,
    #[serde(flatten)]
    errors: &'a ValidationErrors,
}

#[derive(Serialize)]
struct JsonSummary {
    checked: u64,
    valid: u64,
    invalid: u64,
}

/// Writes reports, errors, the progress line and the summary.
struct Output<'a> {
    format: Format,
    names: &'a [String],
    stdout: io::BufWriter<io::StdoutLock<'static>>,
    stdout_is_terminal: bool,
    checked: u64,
    invalid: u64,
    io_errors: bool,
    progress: Progress<'a>,
}

impl<'a> Output<'a> {
    fn new(format: Format, names: &'a [String], bytes_read: &'a AtomicU64) -> Self {
        let stdout = io::stdout();
        Output {
            format,
            names,
            stdout_is_terminal: stdout.is_terminal(),
            stdout: io::BufWriter::with_capacity(64 << 10, stdout.lock()),
            checked: 0,
            invalid: 0,
            io_errors: false,
            progress: Progress::new(bytes_read),
        }
    }

    /// Writes one batch's results; returns its emptied buffer for reuse.
    fn write(&mut self, checked: Checked) -> Batch {
        let Checked { mut batch, invalid } = checked;
        let names = self.names;
        let name = &names[batch.input];
        self.checked += batch.records.len() as u64;
        self.invalid += invalid.len() as u64;
        if !invalid.is_empty() {
            if self.stdout_is_terminal {
                self.progress.clear();
            }
            for (line, errors) in &invalid {
                let result = match self.format {
                    Format::Text => writeln!(self.stdout, "{name}:{line}: {errors}"),
                    Format::Json => {
                        let report = JsonReport {
                            file: name,
                            line: *line,
                            errors,
                        };
                        serde_json::to_writer(&mut self.stdout, &report)
                            .map_err(io::Error::from)
                            .and_then(|()| self.stdout.write_all(b"\n"))
                    }
                };
                self.check_output(result);
            }
            if self.stdout_is_terminal && self.progress.enabled {
                let result = self.stdout.flush();
                self.check_output(result);
            }
        }
        if let Some(error) = batch.error.take() {
            let result = self.stdout.flush();
            self.check_output(result);
            self.progress.clear();
            eprintln!("access-key: {error}");
            self.io_errors = true;
        }
        self.progress.tick(self.checked);
        batch.clear();
        batch
    }

    /// Output that cannot be written ends the run at once: status 2, with a
    /// message unless the reader went away (`| head`).
    fn check_output(&mut self, result: io::Result<()>) {
        if let Err(e) = result {
            self.progress.clear();
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("access-key: cannot write output: {e}");
            }
            std::process::exit(2);
        }
    }

    /// The summary; returns the exit status.
    fn finish(mut self) -> u8 {
        let valid = self.checked - self.invalid;
        self.progress.clear();
        match self.format {
            Format::Text => {
                let result = self.stdout.flush();
                self.check_output(result);
                let noun = if self.checked == 1 {
                    "record"
                } else {
                    "records"
                };
                eprintln!(
                    "checked {} {noun}: {valid} valid, {} invalid",
                    self.checked, self.invalid
                );
            }
            Format::Json => {
                let summary = JsonSummary {
                    checked: self.checked,
                    valid,
                    invalid: self.invalid,
                };
                let result = serde_json::to_writer(&mut self.stdout, &summary)
                    .map_err(io::Error::from)
                    .and_then(|()| self.stdout.write_all(b"\n"))
                    .and_then(|()| self.stdout.flush());
                self.check_output(result);
            }
        }
        if self.io_errors {
            2
        } else if self.invalid > 0 {
            1
        } else {
            0
        }
    }
}

/// The `checked N records (R/s), M MB read` line: only when stderr is a
/// terminal and the input is large (over 8 MiB or 100,000 records).
struct Progress<'a> {
    enabled: bool,
    shown: bool,
    start: Instant,
    last: Instant,
    bytes_read: &'a AtomicU64,
}

impl<'a> Progress<'a> {
    const EVERY: Duration = Duration::from_millis(250);

    fn new(bytes_read: &'a AtomicU64) -> Self {
        let now = Instant::now();
        Progress {
            enabled: io::stderr().is_terminal(),
            shown: false,
            start: now,
            last: now,
            bytes_read,
        }
    }

    fn tick(&mut self, checked: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.last) < Self::EVERY {
            return;
        }
        self.last = now;
        let bytes = self.bytes_read.load(Ordering::Relaxed);
        if !self.shown && bytes <= 8 << 20 && checked <= 100_000 {
            return;
        }
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-3);
        let mut err = io::stderr().lock();
        let _ = write!(
            err,
            "\r\x1b[Kchecked {checked} records ({:.0}/s), {:.1} MB read",
            checked as f64 / secs,
            bytes as f64 / 1e6
        );
        let _ = err.flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            let _ = write!(io::stderr(), "\r\x1b[K");
            self.shown = false;
        }
    }
}
