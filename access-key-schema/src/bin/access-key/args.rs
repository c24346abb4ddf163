//! Hand-written command-line parsing (no dependencies).

use std::ffi::OsString;
use std::path::PathBuf;

use access_key_schema::{Limits, ModelType, ValidationErrors, MODEL_TYPES};

/// Checks one record: parse and validate in one pass (a model type's `check`).
pub type Validator = fn(&[u8], &Limits) -> Result<(), ValidationErrors>;

/// The library's limits, except that a record may be as large as the
/// reader accepts (`MAX_RECORD`, 64 MiB) rather than 1 MiB: a file on disk
/// is not an untrusted request body.
pub const LIMITS: Limits = Limits {
    max_bytes: crate::input::MAX_RECORD,
    ..Limits::DEFAULT
};

/// Output format of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `FILE:LINE: <report>` lines; the summary on stderr.
    Text,
    /// One JSON object per invalid record, then a summary object, on stdout.
    Json,
}

/// One input of `validate`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`, or no FILE at all).
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl Input {
    /// The name used in reports: `-` for stdin, the path as given otherwise.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".into(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// `access-key validate ...`.
pub struct ValidateOpts {
    pub check: Validator,
    pub format: Format,
    pub threads: usize,
    pub inputs: Vec<Input>,
}

/// What to do.
pub enum Command {
    Help,
    Version,
    Schema(&'static ModelType),
    Validate(ValidateOpts),
}

/// A usage error: the message, printed with a hint; exit status 2.
#[derive(Debug)]
pub struct Usage(pub String);

pub const USAGE: &str = "\
Usage:
  access-key validate [--type NAME] [--format text|json] [--threads N] [FILE ...]
  access-key schema [--type NAME]
  access-key --help | --version";

/// The `--help` text.
pub fn help() -> String {
    let names: Vec<&str> = MODEL_TYPES.iter().map(|m| m.name).collect();
    format!(
        "\
access-key {version}: validate AWS IAM access-key JSON records, print their JSON Schema

{USAGE}

Commands:
  validate    Check every record of each FILE (`-` or no FILE: standard input).
              A file is either one JSON document (it may span many lines, e.g.
              pretty-printed) or NDJSON (one document per line, blank lines
              skipped); this is decided per file. Prints one line per invalid
              record, in input order, then a summary.
  schema      Print the type's JSON Schema (draft 2020-12), byte for byte the
              committed schema/NAME.schema.json.

Options:
  --type NAME         Model type (default AccessKey), one of:
                      {types}
  --format FORMAT     text (default): `FILE:LINE: <report>` on stdout, the
                        summary `checked N records: V valid, I invalid` on stderr.
                      json: one object per invalid record per line,
                        {{\"file\", \"line\", \"message\", \"fieldList\"}}, then
                        {{\"checked\", \"valid\", \"invalid\"}}, all on stdout.
  --threads N         Validator threads (default: $ACCESS_KEY_THREADS if set,
                      else every core). Output order never depends on it.
  -h, --help          Print this help.
  -V, --version       Print the version.

Reports never contain field values, so secrets are never printed. LINE is the
1-based line where the record starts (FILE is `-` for standard input). A
progress line is shown on stderr for large inputs when stderr is a terminal.

Exit status: 0 every record valid, 1 some record invalid, 2 usage or I/O error.
",
        version = env!("CARGO_PKG_VERSION"),
        types = wrap(&names, 22, 79),
    )
}

/// `items` joined with `, `, wrapped at `width` columns, continuation lines
/// indented by `indent` spaces (the first line is assumed already indented).
fn wrap(items: &[&str], indent: usize, width: usize) -> String {
    let mut out = String::new();
    let mut column = indent;
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            (*item).to_owned()
        };
        if i > 0 {
            if column + 1 + piece.len() > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                column = indent;
            } else {
                out.push(' ');
                column += 1;
            }
        }
        out.push_str(&piece);
        column += piece.len();
    }
    out
}

fn known_types() -> String {
    let names: Vec<&str> = MODEL_TYPES.iter().map(|m| m.name).collect();
    names.join(", ")
}

fn model(name: &str) -> Result<&'static ModelType, Usage> {
    access_key_schema::model_type(name).ok_or_else(|| {
        Usage(format!(
            "unknown type `{name}`; known types: {}",
            known_types()
        ))
    })
}

fn threads(value: &str, origin: &str) -> Result<usize, Usage> {
    match value.trim().parse::<usize>() {
        Ok(n) if (1..=1024).contains(&n) => Ok(n),
        _ => Err(Usage(format!(
            "{origin} must be a whole number from 1 to 1024, got `{value}`"
        ))),
    }
}

/// Parses the arguments after the program name. `env_threads` is the value
/// of `ACCESS_KEY_THREADS`, if set; `cores` the default thread count.
pub fn parse(
    args: Vec<OsString>,
    env_threads: Option<OsString>,
    cores: usize,
) -> Result<Command, Usage> {
    let mut args = args.into_iter();
    let Some(command) = args.next() else {
        return Err(Usage("missing command".into()));
    };
    let command = command.to_string_lossy().into_owned();
    let is_schema = match command.as_str() {
        "-h" | "--help" | "help" => return Ok(Command::Help),
        "-V" | "--version" => return Ok(Command::Version),
        "schema" => true,
        "validate" => false,
        other => return Err(Usage(format!("unknown command `{other}`"))),
    };

    let mut type_name: Option<String> = None;
    let mut format: Option<Format> = None;
    let mut thread_arg: Option<String> = None;
    let mut inputs = Vec::new();
    let mut options_done = false;

    while let Some(arg) = args.next() {
        if options_done {
            inputs.push(input(arg));
            continue;
        }
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            options_done = true;
            continue;
        }
        if text == "-" || !text.starts_with('-') {
            if is_schema {
                return Err(Usage(format!("`schema` takes no FILE, got `{text}`")));
            }
            inputs.push(input(arg));
            continue;
        }
        if text == "-h" || text == "--help" {
            return Ok(Command::Help);
        }
        if text == "-V" || text == "--version" {
            return Ok(Command::Version);
        }
        // `--name value` or `--name=value`.
        let (name, inline) = match text.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (text.clone(), None),
        };
        let allowed: &[&str] = if is_schema {
            &["--type"]
        } else {
            &["--type", "--format", "--threads"]
        };
        if !allowed.contains(&name.as_str()) {
            return Err(Usage(format!("unknown option `{name}` for `{command}`")));
        }
        let value = match inline {
            Some(v) => v,
            None => match args.next() {
                Some(v) => v.to_string_lossy().into_owned(),
                None => return Err(Usage(format!("`{name}` needs a value"))),
            },
        };
        match name.as_str() {
            "--type" => type_name = Some(value),
            "--format" => {
                format = Some(match value.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        return Err(Usage(format!(
                            "unknown format `{other}`; known formats: text, json"
                        )))
                    }
                })
            }
            _ => thread_arg = Some(value),
        }
    }

    let ty = model(type_name.as_deref().unwrap_or("AccessKey"))?;
    if is_schema {
        return Ok(Command::Schema(ty));
    }
    let check = ty.check;
    let threads = match (thread_arg, env_threads) {
        (Some(v), _) => threads(&v, "--threads")?,
        (None, Some(v)) => threads(&v.to_string_lossy(), "ACCESS_KEY_THREADS")?,
        (None, None) => cores.max(1),
    };
    if inputs.is_empty() {
        inputs.push(Input::Stdin);
    }
    Ok(Command::Validate(ValidateOpts {
        check,
        format: format.unwrap_or(Format::Text),
        threads,
        inputs,
    }))
}

fn input(arg: OsString) -> Input {
    if arg == "-" {
        Input::Stdin
    } else {
        Input::Path(PathBuf::from(arg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str], env: Option<&str>) -> Result<Command, Usage> {
        parse(
            args.iter().map(OsString::from).collect(),
            env.map(OsString::from),
            3,
        )
    }

    #[test]
    fn validate_defaults_and_options() {
        let Ok(Command::Validate(o)) = parse_strs(&["validate"], None) else {
            panic!()
        };
        assert_eq!(o.format, Format::Text);
        assert_eq!(o.threads, 3);
        assert_eq!(o.inputs, [Input::Stdin]);

        let Ok(Command::Validate(o)) = parse_strs(
            &[
                "validate",
                "--format=json",
                "--type",
                "ListAccessKeysResponse",
                "a",
                "-",
                "--",
                "--b",
            ],
            Some("2"),
        ) else {
            panic!()
        };
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.threads, 2);
        assert_eq!(
            o.inputs,
            [
                Input::Path("a".into()),
                Input::Stdin,
                Input::Path("--b".into())
            ]
        );

        let Ok(Command::Validate(o)) = parse_strs(&["validate", "--threads", "5"], Some("2"))
        else {
            panic!()
        };
        assert_eq!(o.threads, 5);
    }

    #[test]
    fn usage_errors() {
        for (args, env, needle) in [
            (
                &["validate", "--type", "Nope"][..],
                None,
                "known types: AccessKey,",
            ),
            (&["validate", "--format", "xml"], None, "text, json"),
            (&["validate", "--threads", "0"], None, "--threads"),
            (&["validate"], Some("many"), "ACCESS_KEY_THREADS"),
            (&["validate", "--type"], None, "needs a value"),
            (&["validate", "--bogus"], None, "unknown option"),
            (&["schema", "--format", "json"], None, "unknown option"),
            (&["schema", "file"], None, "takes no FILE"),
            (&["frobnicate"], None, "unknown command"),
            (&[], None, "missing command"),
        ] {
            match parse_strs(args, env) {
                Err(Usage(msg)) => assert!(msg.contains(needle), "{args:?}: {msg}"),
                Ok(_) => panic!("{args:?} parsed"),
            }
        }
    }

    #[test]
    fn help_version_schema() {
        assert!(matches!(parse_strs(&["--help"], None), Ok(Command::Help)));
        assert!(matches!(
            parse_strs(&["validate", "-h"], None),
            Ok(Command::Help)
        ));
        assert!(matches!(parse_strs(&["-V"], None), Ok(Command::Version)));
        let Ok(Command::Schema(m)) = parse_strs(&["schema", "--type=AccessKeyMetadata"], None)
        else {
            panic!()
        };
        assert_eq!(m.name, "AccessKeyMetadata");
        assert!(help().contains("ListAccessKeysResponse"));
    }
}
