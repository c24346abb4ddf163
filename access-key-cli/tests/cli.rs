//! End-to-end tests of the `access-key` binary: each test spawns it.
//!
//! A test of the `access-key-cli` package, so Cargo builds the binary first
//! and `CARGO_BIN_EXE_access-key` names it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_access-key");

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

fn run_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Out {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_remove("ACCESS_KEY_THREADS")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn access-key");
    let writer = stdin.map(|input| {
        let mut pipe = child.stdin.take().unwrap();
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&input);
        })
    });
    let output = child.wait_with_output().expect("wait for access-key");
    if let Some(w) = writer {
        w.join().unwrap();
    }
    Out {
        code: output.status.code().expect("exited normally"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Out {
    run_with(args, None, &[])
}

/// A file in the temp dir, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, contents: &[u8]) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "access-key-cli-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn key(id: &str, status: &str, user: &str) -> Value {
    json!({
        "UserName": user,
        "AccessKeyId": id,
        "Status": status,
        "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "CreateDate": "2013-06-04T18:17:34Z",
    })
}

fn valid() -> Value {
    key("AKIAIOSFODNN7EXAMPLE", "Active", "Bob")
}

/// Two violations: too short, and `!` is not a word character.
fn invalid() -> Value {
    key("short!", "Active", "Bob")
}

const TWO_ERRORS: &str = "2 validation errors detected: Value at '/AccessKeyId' failed";

fn ndjson(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

#[test]
fn valid_pretty_printed_document_exits_0() {
    let text = format!("\n{}\n", serde_json::to_string_pretty(&valid()).unwrap());
    assert!(text.lines().count() > 5);
    let f = TempFile::new("pretty.json", text.as_bytes());
    let out = run(&["validate", f.arg()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "checked 1 record: 1 valid, 0 invalid\n");
}

#[test]
fn invalid_pretty_printed_document_reports_its_first_line() {
    let text = format!("\n\n{}", serde_json::to_string_pretty(&invalid()).unwrap());
    let f = TempFile::new("pretty-bad.json", text.as_bytes());
    let out = run(&["validate", f.arg()]);
    assert_eq!(out.code, 1);
    assert_eq!(out.lines().len(), 1);
    assert!(
        out.stdout
            .starts_with(&format!("{}:3: {TWO_ERRORS}", f.arg())),
        "{}",
        out.stdout
    );
}

#[test]
fn ndjson_reports_each_invalid_line_with_file_and_line() {
    // Lines: 1 valid, 2 invalid, 3 blank (skipped), 4 valid, 5 invalid.
    let text = format!(
        "{}\n{}\n\n{}\n{}\n",
        valid(),
        invalid(),
        valid(),
        key("AKIAIOSFODNN7EXAMPLE", "Active", "")
    );
    let f = TempFile::new("some-bad.ndjson", text.as_bytes());
    let out = run(&["validate", f.arg()]);
    assert_eq!(out.code, 1);
    let lines = out.lines();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].starts_with(&format!("{}:2: {TWO_ERRORS}", f.arg())));
    assert!(lines[1].starts_with(&format!(
        "{}:5: 2 validation errors detected: Value at '/UserName' failed",
        f.arg()
    )));
    assert_eq!(out.stderr, "checked 4 records: 2 valid, 2 invalid\n");
}

#[test]
fn stdin_with_dash_and_without_file() {
    let text = ndjson(&[valid(), invalid(), valid()]);
    for args in [&["validate", "-"][..], &["validate"]] {
        let out = run_with(args, Some(text.as_bytes()), &[]);
        assert_eq!(out.code, 1, "{args:?}");
        let lines = out.lines();
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with(&format!("-:2: {TWO_ERRORS}")),
            "{args:?}"
        );
        assert_eq!(out.stderr, "checked 3 records: 2 valid, 1 invalid\n");
    }
    let out = run_with(&["validate"], Some(b""), &[]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "checked 0 records: 0 valid, 0 invalid\n");
}

#[test]
fn several_files_in_order() {
    let a = TempFile::new("a.ndjson", ndjson(&[invalid(), valid()]).as_bytes());
    let b = TempFile::new(
        "b.json",
        serde_json::to_string_pretty(&invalid()).unwrap().as_bytes(),
    );
    let out = run_with(
        &["validate", a.arg(), "-", b.arg()],
        Some(ndjson(&[valid(), invalid()]).as_bytes()),
        &[],
    );
    assert_eq!(out.code, 1);
    let prefixes: Vec<String> = out
        .lines()
        .iter()
        .map(|l| l.split(": ").next().unwrap().to_owned())
        .collect();
    assert_eq!(
        prefixes,
        [
            format!("{}:1", a.arg()),
            "-:2".to_owned(),
            format!("{}:1", b.arg())
        ]
    );
    assert_eq!(out.stderr, "checked 5 records: 2 valid, 3 invalid\n");
}

#[test]
fn json_format_lines_parse_with_the_right_fields() {
    let text = ndjson(&[valid(), invalid(), valid(), invalid()]);
    let f = TempFile::new("json.ndjson", text.as_bytes());
    let out = run(&["validate", "--format", "json", f.arg()]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "");
    let values: Vec<Value> = out
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).expect(l))
        .collect();
    assert_eq!(values.len(), 3);
    for (v, line) in values[..2].iter().zip([2, 4]) {
        let obj = v.as_object().unwrap();
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["fieldList", "file", "line", "message"]);
        assert_eq!(v["file"], f.arg());
        assert_eq!(v["line"], line);
        assert!(v["message"].as_str().unwrap().starts_with(TWO_ERRORS));
        let fields = v["fieldList"].as_array().unwrap();
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[0]["path"], "/AccessKeyId");
        assert_eq!(fields[0]["code"], "length");
        assert_eq!(fields[1]["code"], "pattern");
    }
    assert_eq!(values[2], json!({"checked": 4, "valid": 2, "invalid": 2}));
}

#[test]
fn list_access_keys_response_from_the_aws_cli() {
    let aws = br#"{
    "AccessKeyMetadata": [
        {
            "UserName": "Bob",
            "AccessKeyId": "AKIAIOSFODNN7EXAMPLE",
            "Status": "Active",
            "CreateDate": "2013-06-04T18:17:34Z"
        }
    ],
    "IsTruncated": false
}
"#;
    let f = TempFile::new("list.json", aws);
    let out = run(&["validate", "--type", "ListAccessKeysResponse", f.arg()]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stderr, "checked 1 record: 1 valid, 0 invalid\n");

    let one_line = br#"{"AccessKeyMetadata": [{"UserName": "Bob", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Status": "Active", "CreateDate": "2013-06-04T18:17:34Z"}, {"UserName": "", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"}], "IsTruncated": false}"#;
    let out = run_with(
        &["validate", "--type=ListAccessKeysResponse"],
        Some(one_line),
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stdout
            .contains("Value at '/AccessKeyMetadata/1/UserName' failed"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_model_type_is_accepted_by_type() {
    for m in access_key_schema::MODEL_TYPES {
        let out = run_with(&["validate", "--type", m.name], Some(b"{}\n"), &[]);
        assert!(out.code == 0 || out.code == 1, "{}: {}", m.name, out.stderr);
        let summary = out.stderr.lines().last().unwrap_or_default();
        assert!(
            summary.starts_with("checked 1 record: "),
            "{}: {summary}",
            m.name
        );
    }
}

#[test]
fn unknown_type_exits_2_listing_the_known_ones() {
    let out = run_with(&["validate", "--type", "SecretKey"], Some(b"{}"), &[]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("unknown type `SecretKey`"),
        "{}",
        out.stderr
    );
    for m in access_key_schema::MODEL_TYPES {
        assert!(out.stderr.contains(m.name), "{} not listed", m.name);
    }
    let out = run(&["schema", "--type", "SecretKey"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("known types: AccessKey,"));
}

#[test]
fn missing_file_exits_2_naming_it() {
    let dir = std::env::temp_dir();
    let missing = dir.join(format!(
        "access-key-cli-{}-missing.ndjson",
        std::process::id()
    ));
    let good = TempFile::new("good.ndjson", ndjson(&[valid()]).as_bytes());
    let out = run(&["validate", missing.to_str().unwrap(), good.arg()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains(&format!("access-key: {}: No such file", missing.display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("(os error 2)"));
    // The other files are still checked.
    assert!(out
        .stderr
        .ends_with("checked 1 record: 1 valid, 0 invalid\n"));

    let out = run(&["validate", dir.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(out
        .stderr
        .contains(&format!("access-key: {}: ", dir.display())));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["validate", "--format", "yaml"],
        &["validate", "--threads", "0"],
        &["validate", "--bogus"],
    ] {
        let out = run(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.starts_with("access-key: "), "{args:?}");
        assert!(out.stderr.contains("Usage:"), "{args:?}");
    }
    let out = run_with(&["validate"], Some(b""), &[("ACCESS_KEY_THREADS", "lots")]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("ACCESS_KEY_THREADS"));
}

#[test]
fn help_and_version() {
    for flag in ["--help", "-h", "help"] {
        let out = run(&[flag]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("access-key validate [--type NAME]"));
        assert!(out.stdout.contains("ACCESS_KEY_THREADS"));
        assert!(out.stdout.contains("Exit status"));
    }
    let out = run(&["--version"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        format!("access-key {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn schema_prints_the_committed_file_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for m in access_key_schema::MODEL_TYPES {
        let out = run(&["schema", "--type", m.name]);
        assert_eq!(out.code, 0);
        let committed =
            std::fs::read_to_string(root.join(format!("schema/{}.schema.json", m.name))).unwrap();
        assert!(out.stdout == committed, "{} differs", m.name);
        assert_eq!(out.stdout, (m.schema)());
    }
    let out = run(&["schema"]);
    assert_eq!(out.stdout, (access_key_schema::MODEL_TYPES[0].schema)());
}

#[test]
fn a_secret_in_an_invalid_record_is_never_printed() {
    const CANARY: &str = "CANARYs3cr3tWJALRXUTNFEMI9876";
    let mut bad = key("no", "Enabled", "bad user name");
    bad["SecretAccessKey"] = CANARY.into();
    let mut wrong_type = valid();
    wrong_type["SecretAccessKey"] = json!([CANARY]);
    wrong_type["Status"] = json!(CANARY);
    let text = format!(
        "{bad}\n{wrong_type}\n{{\"SecretAccessKey\": \"{CANARY}\", \"Status\": }}\n{{\"SecretAccessKey\": \"{CANARY}\"\n"
    );
    let f = TempFile::new("canary.ndjson", text.as_bytes());
    for format in ["text", "json"] {
        let out = run(&["validate", "--format", format, f.arg()]);
        assert_eq!(out.code, 1);
        assert_eq!(
            out.stdout.lines().count(),
            if format == "text" { 4 } else { 5 }
        );
        assert!(!out.stdout.contains("CANARY"), "{}", out.stdout);
        assert!(!out.stderr.contains("CANARY"), "{}", out.stderr);
    }
}

#[test]
fn malformed_and_non_utf8_lines_are_invalid_records_and_the_run_continues() {
    let mut text = format!("{}\n{{\"AccessKeyId\": \"AKIA\",,}}\n", valid()).into_bytes();
    text.extend_from_slice(b"{\"AccessKeyId\": \"AKIA\xff\xfe\"}\n");
    text.extend_from_slice(format!("{}\n", invalid()).as_bytes());
    let f = TempFile::new("malformed.ndjson", &text);
    let out = run(&["validate", "--format", "json", f.arg()]);
    assert_eq!(out.code, 1);
    let values: Vec<Value> = out
        .lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(values.len(), 4, "{}", out.stdout);
    assert_eq!(values[0]["line"], 2);
    assert_eq!(values[0]["fieldList"][0]["code"], "syntax");
    assert_eq!(values[1]["line"], 3);
    assert_eq!(values[1]["fieldList"][0]["code"], "syntax");
    assert_eq!(values[2]["line"], 4);
    assert_eq!(values[2]["fieldList"][0]["code"], "length");
    assert_eq!(values[3], json!({"checked": 4, "valid": 1, "invalid": 3}));
}

/// 70,000 lines (about ten 1 MiB batches), every 7th invalid (three
/// different ways), checked with two threads (each reads and checks batches
/// of its own; whichever delivers the next one in input order writes it):
/// reports come out in input order with the right lines, exactly as with
/// one thread.
#[test]
fn multi_threaded_run_keeps_input_order() {
    let mut text = String::new();
    let mut expected = Vec::new();
    for n in 1..=70_000u32 {
        let id = format!("AKIA{n:016}");
        let record = if n % 7 == 0 {
            expected.push(n);
            match n % 3 {
                0 => key(&id, "Unknown", "Bob"),
                1 => key(&id, "Active", &"x".repeat(65)),
                _ => key("AKIA", "Active", "Bob"),
            }
        } else {
            key(&id, "Active", &format!("user{n}"))
        };
        text.push_str(&record.to_string());
        text.push('\n');
    }
    let f = TempFile::new("many.ndjson", text.as_bytes());
    let two = run(&["validate", "--threads", "2", f.arg()]);
    assert_eq!(two.code, 1);
    let lines: Vec<u32> = two
        .lines()
        .iter()
        .map(|l| {
            let rest = l.strip_prefix(f.arg()).unwrap().strip_prefix(':').unwrap();
            rest.split(':').next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(lines, expected);
    assert_eq!(
        two.stderr,
        "checked 70000 records: 60000 valid, 10000 invalid\n"
    );

    let one = run_with(&["validate", f.arg()], None, &[("ACCESS_KEY_THREADS", "1")]);
    assert_eq!(one.stdout, two.stdout);
    let four = run_with(
        &["validate", "--format", "json", "-"],
        Some(text.as_bytes()),
        &[("ACCESS_KEY_THREADS", "4")],
    );
    let json_lines: Vec<u64> = four
        .lines()
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).unwrap()["line"].as_u64())
        .collect();
    assert_eq!(
        json_lines,
        expected.iter().map(|&n| n as u64).collect::<Vec<_>>()
    );
}

/// Over 8 MiB of input with stderr piped: no progress line, only the summary.
#[test]
fn no_progress_line_when_stderr_is_piped() {
    let mut record = valid().to_string();
    record.insert_str(record.len() - 1, &" ".repeat(1200));
    let text: String = (0..8000).map(|_| format!("{record}\n")).collect();
    assert!(text.len() > 9 << 20);
    let out = run_with(&["validate", "--threads", "2"], Some(text.as_bytes()), &[]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "checked 8000 records: 8000 valid, 0 invalid\n");
}

/// A single document over the 64 MiB cap is refused with a clear message.
#[test]
fn oversized_single_document_exits_2() {
    let mut text = b"[\n".to_vec();
    text.resize(65 << 20, b' ');
    text.extend_from_slice(b"\n]\n");
    let f = TempFile::new("huge.json", &text);
    let out = run(&["validate", f.arg()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(&format!(
            "access-key: {}:1: a single JSON document larger than 64 MiB",
            f.arg()
        )),
        "{}",
        out.stderr
    );
}

/// A document over the library's 1 MiB request-body default is still
/// validated: the CLI's own cap is 64 MiB.
#[test]
fn a_multi_megabyte_document_is_validated() {
    let entry =
        json!({"UserName": "Bob", "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "Status": "Active"});
    let doc = json!({"AccessKeyMetadata": vec![entry; 20_000], "IsTruncated": false});
    let text = serde_json::to_string_pretty(&doc).unwrap();
    assert!(text.len() > 2 << 20);
    let f = TempFile::new("big-list.json", text.as_bytes());
    let out = run(&["validate", "--type", "ListAccessKeysResponse", f.arg()]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(out.stderr, "checked 1 record: 1 valid, 0 invalid\n");
}

#[test]
fn aws_cli_samples_validate_from_their_files() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/samples");
    for (ty, files) in [
        (
            "CreateAccessKeyResponse",
            ["create-access-key.v1.json", "create-access-key.v2.json"],
        ),
        (
            "ListAccessKeysResponse",
            ["list-access-keys.v1.json", "list-access-keys.v2.json"],
        ),
    ] {
        let paths: Vec<String> = files.iter().map(|f| format!("{samples}/{f}")).collect();
        let mut args = vec!["validate", "--type", ty];
        args.extend(paths.iter().map(String::as_str));
        let out = run(&args);
        assert_eq!(out.code, 0, "{ty}: {}", out.stderr);
        assert!(
            out.stderr.contains("checked 2 records: 2 valid, 0 invalid"),
            "{}",
            out.stderr
        );
        assert!(!out.stdout.contains("EXAMPLEKEY") && !out.stderr.contains("EXAMPLEKEY"));
    }
}

/// `--ndjson` and `--document` skip the per-file detection.
#[test]
fn forced_input_modes() {
    // Detected as one document; as NDJSON every one of its lines is a
    // malformed record.
    let pretty = serde_json::to_string_pretty(&valid()).unwrap();
    let lines = pretty.lines().count() as u64;
    let f = TempFile::new("forced.json", pretty.as_bytes());
    let out = run(&["validate", f.arg()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = run(&["validate", "--ndjson", "--format", "json", f.arg()]);
    assert_eq!(out.code, 1);
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(
        summary,
        json!({"checked": lines, "valid": 0, "invalid": lines})
    );

    // Detected as NDJSON; as one document it is malformed (trailing text),
    // one record at its first non-blank line.
    let text = format!("\n{}", ndjson(&[valid(), valid()]));
    let f = TempFile::new("forced.ndjson", text.as_bytes());
    let out = run(&["validate", f.arg()]);
    assert_eq!(out.stderr, "checked 2 records: 2 valid, 0 invalid\n");
    let out = run_with(&["validate", "--document", "-"], Some(text.as_bytes()), &[]);
    assert_eq!(out.code, 1);
    assert_eq!(out.lines().len(), 1);
    assert!(
        out.stdout.starts_with("-:2: 1 validation error detected: Value at '' failed to satisfy constraint: Member must be valid JSON"),
        "{}",
        out.stdout
    );
    assert_eq!(out.stderr, "checked 1 record: 0 valid, 1 invalid\n");

    let out = run(&["validate", "--ndjson", "--document", f.arg()]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("access-key: "), "{}", out.stderr);
    assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
}

/// Short flags, `--name=value`, and a close miss gets a suggestion.
#[test]
fn short_flags_and_suggestions() {
    let text = ndjson(&[valid(), invalid()]);
    let out = run_with(
        &["validate", "-t", "AccessKey", "-f", "json", "-j", "2", "-"],
        Some(text.as_bytes()),
        &[],
    );
    assert_eq!(out.code, 1);
    assert_eq!(out.lines().len(), 2);
    let out = run(&["validate", "--formt", "json"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("tip: a similar argument exists: '--format'"),
        "{}",
        out.stderr
    );
    let out = run(&["schema", "--type", "accesskey"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("a similar type exists: 'AccessKey'"),
        "{}",
        out.stderr
    );
}

#[test]
fn shell_completions() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        assert!(out.stdout.contains("access-key"), "{shell}");
        assert!(out.stdout.contains("threads"), "{shell}");
    }
    let out = run(&["completions", "bash"]);
    assert!(
        out.stdout.contains("ListAccessKeysResponse"),
        "the model types complete"
    );
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.code, 2);
}
