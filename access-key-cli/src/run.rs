//! `validate`: N threads, each reading a batch, checking it and writing its
//! reports, and the output.
//!
//! Every thread runs the same loop ([`work`]): take a free slot, read the next
//! batch into it (the [`Reader`] sits behind a lock and resumes where the last
//! reader stopped), check its records and format the reports on the same
//! core, then hand the slot to the in-order writer. The writer is a lock, not
//! a thread: whoever delivers the next batch in input order writes it, and
//! any later ones already waiting; a batch that arrives early waits in a small
//! map. Exactly `2N` slots exist and a thread takes one before it reads, so
//! memory stays constant whatever the input size. With one thread the loop
//! runs on the main thread and the locks are never contended.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

use access_key_cli::input::{Batch, Input, Reader};
use access_key_schema::ValidationErrors;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::args::{Format, ValidateOpts, Validator, LIMITS};

/// A batch and what checking it found: the number of records, the invalid
/// ones' reports, already formatted, and their count.
#[derive(Default)]
struct Slot {
    batch: Batch,
    checked: u64,
    report: Vec<u8>,
    invalid: u64,
}

/// Checks every record of the slot's batch and formats the reports of the
/// invalid ones (input `name`).
fn check(validator: Validator, format: Format, name: &str, slot: &mut Slot) {
    slot.report.clear();
    slot.checked = 0;
    slot.invalid = 0;
    for r in slot.batch.records() {
        slot.checked += 1;
        if let Err(errors) = validator(r.bytes, &LIMITS) {
            slot.invalid += 1;
            format_report(format, name, r.line, &errors, &mut slot.report);
        }
    }
}

fn format_report(
    format: Format,
    file: &str,
    line: u64,
    errors: &ValidationErrors,
    out: &mut Vec<u8>,
) {
    match format {
        Format::Text => {
            // Writing to a Vec cannot fail.
            let _ = writeln!(out, "{file}:{line}: {errors}");
        }
        Format::Json => {
            let report = JsonReport { file, line, errors };
            if let Err(e) = serde_json::to_writer(&mut *out, &report) {
                // A report is strings and numbers: this does not happen, but
                // if it did, a missing line must not pass unnoticed.
                eprintln!("access-key: cannot write output: {e}");
                std::process::exit(2);
            }
            out.push(b'\n');
        }
    }
}

/// What the threads share.
struct Shared<'a> {
    validator: Validator,
    format: Format,
    names: &'a [String],
    /// The reader and the sequence number of the next batch it reads.
    reader: Mutex<(Reader<'a>, u64)>,
    writer: Mutex<InOrder<'a>>,
    free: Mutex<Vec<Slot>>,
    freed: Condvar,
}

/// The output, written in input order: checked batches wait in `early`
/// until every one before them is written.
struct InOrder<'a> {
    out: Output<'a>,
    next: u64,
    early: BTreeMap<u64, Slot>,
}

impl InOrder<'_> {
    /// The batch to write next, if it has arrived.
    fn take_next(&mut self) -> Option<Slot> {
        let slot = self.early.remove(&self.next)?;
        self.next += 1;
        Some(slot)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().expect("no thread panics holding a lock")
}

/// Runs `validate`; returns the exit status.
pub fn run(opts: ValidateOpts) -> u8 {
    let names: Vec<String> = opts.inputs.iter().map(Input::name).collect();
    let bytes_read = AtomicU64::new(0);
    let threads = opts.threads.max(1);
    let shared = Shared {
        validator: opts.check,
        format: opts.format,
        names: &names,
        reader: Mutex::new((Reader::new(&opts.inputs, &names, &bytes_read, opts.mode), 0)),
        writer: Mutex::new(InOrder {
            out: Output::new(opts.format, &bytes_read),
            next: 0,
            early: BTreeMap::new(),
        }),
        free: Mutex::new((0..2 * threads).map(|_| Slot::default()).collect()),
        freed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(|| work(&shared));
        }
        work(&shared);
    });
    let InOrder { out, early, .. } = shared.writer.into_inner().expect("no thread panicked");
    debug_assert!(early.is_empty());
    out.finish()
}

/// One thread's loop: read a batch, check it, deliver it; until the input
/// ends.
fn work(shared: &Shared<'_>) {
    loop {
        let mut slot = {
            let mut free = lock(&shared.free);
            loop {
                match free.pop() {
                    Some(slot) => break slot,
                    // Every slot waits behind a batch still being checked.
                    None => free = shared.freed.wait(free).expect("no thread panics"),
                }
            }
        };
        let seq = {
            let mut reader = lock(&shared.reader);
            if !reader.0.fill(&mut slot.batch) {
                drop(reader);
                lock(&shared.free).push(slot);
                shared.freed.notify_one();
                return;
            }
            reader.1 += 1;
            reader.1 - 1
        };
        let name = &shared.names[slot.batch.input];
        let checking = AssertUnwindSafe(|| check(shared.validator, shared.format, name, &mut slot));
        if panic::catch_unwind(checking).is_err() {
            // A bug (the validators never panic on any input; see
            // SECURITY.md). End the run now: the other threads would wait
            // for this batch forever.
            eprintln!("access-key: internal error while checking {name}");
            std::process::exit(2);
        }

        // Whoever delivers the next batch in order writes it and any later
        // ones already waiting.
        let mut w = lock(&shared.writer);
        w.early.insert(seq, slot);
        let mut freed = false;
        while let Some(mut slot) = w.take_next() {
            w.out.write(&mut slot);
            lock(&shared.free).push(slot);
            freed = true;
        }
        drop(w);
        if freed {
            shared.freed.notify_all();
        }
    }
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
    stdout: io::BufWriter<io::Stdout>,
    stdout_is_terminal: bool,
    checked: u64,
    invalid: u64,
    io_errors: bool,
    progress: Progress<'a>,
}

impl<'a> Output<'a> {
    fn new(format: Format, bytes_read: &'a AtomicU64) -> Self {
        let stdout = io::stdout();
        Output {
            format,
            stdout_is_terminal: stdout.is_terminal(),
            stdout: io::BufWriter::with_capacity(64 << 10, stdout),
            checked: 0,
            invalid: 0,
            io_errors: false,
            progress: Progress::new(bytes_read),
        }
    }

    /// Writes one batch's reports and error, then empties the slot.
    fn write(&mut self, slot: &mut Slot) {
        let batch = &mut slot.batch;
        self.checked += slot.checked;
        self.invalid += slot.invalid;
        if !slot.report.is_empty() {
            let result = if self.stdout_is_terminal && self.progress.enabled {
                // Reports to the terminal go above the bar, flushed at once.
                let stdout = &mut self.stdout;
                self.progress
                    .suspend(|| stdout.write_all(&slot.report).and_then(|()| stdout.flush()))
            } else {
                self.stdout.write_all(&slot.report)
            };
            self.check_output(result);
        }
        if let Some(error) = batch.error.take() {
            let stdout = &mut self.stdout;
            let result = self.progress.suspend(|| {
                let result = stdout.flush();
                if result.is_ok() {
                    eprintln!("access-key: {error}");
                }
                result
            });
            self.check_output(result);
            self.io_errors = true;
        }
        self.progress.tick(self.checked);
        batch.clear();
        slot.report.clear();
        if slot.report.capacity() > 4 << 20 {
            slot.report.shrink_to(1 << 20);
        }
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

/// The progress bar on stderr, `checked N records (R/s), M MB read`
/// (indicatif): only when stderr is a terminal, and only once the input is
/// large (over 8 MiB or 100,000 records); redrawn at most 4 times a second.
struct Progress<'a> {
    enabled: bool,
    bar: ProgressBar,
    bytes_read: &'a AtomicU64,
}

impl<'a> Progress<'a> {
    fn new(bytes_read: &'a AtomicU64) -> Self {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{spinner} checked {human_pos} records {msg} [{elapsed}]")
                .expect("a valid template"),
        );
        Progress {
            enabled: io::stderr().is_terminal(),
            bar,
            bytes_read,
        }
    }

    fn tick(&mut self, checked: u64) {
        if !self.enabled {
            return;
        }
        let bytes = self.bytes_read.load(Ordering::Relaxed);
        if self.bar.is_hidden() {
            if bytes <= 8 << 20 && checked <= 100_000 {
                return;
            }
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            self.bar.enable_steady_tick(Duration::from_millis(250));
        }
        self.bar.set_position(checked);
        let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "({:.0}/s), {:.1} MB read",
            checked as f64 / secs,
            bytes as f64 / 1e6
        ));
    }

    /// Runs `write` with the bar off the screen (output to a terminal).
    fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        self.bar.suspend(write)
    }

    fn clear(&mut self) {
        self.bar.finish_and_clear();
    }
}
