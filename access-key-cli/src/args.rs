//! The command line, declared with clap's derive.
//!
//! clap renders `--help`, `--version`, usage errors (with suggestions) and
//! the shell completions; two checks need more than a declaration and run
//! after parsing: `--type` (a model type, named in the error with the known
//! ones) and the thread count, whose error names where it came from
//! (`--threads` or `ACCESS_KEY_THREADS`).

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use access_key_cli::input::{Input, Mode, MAX_RECORD};
use access_key_schema::{Limits, ModelType, ValidationErrors, MODEL_TYPES};
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use clap::{Arg, ArgMatches, Args, Command as ClapCommand, CommandFactory, FromArgMatches};
use clap::{Parser, Subcommand, ValueEnum};

/// Checks one record: parse and validate in one pass (a model type's `check`).
pub type Validator = fn(&[u8], &Limits) -> Result<(), ValidationErrors>;

/// The library's limits, except that a record may be as large as the
/// reader accepts (`MAX_RECORD`, 64 MiB) rather than 1 MiB: a file on disk
/// is not an untrusted request body.
pub const LIMITS: Limits = Limits {
    max_bytes: MAX_RECORD,
    ..Limits::DEFAULT
};

const USAGE: &str = "access-key validate [--type NAME] [--format text|json] [--threads N] [--ndjson|--document] [FILE ...]
       access-key schema [--type NAME]
       access-key completions SHELL
       access-key --help | --version";

const AFTER_HELP: &str = "\
Input: each FILE is one JSON document (it may span many lines, e.g. pretty-printed) or
NDJSON (one document per line, blank lines skipped), decided per file; --ndjson or
--document forces one reading for every FILE.

Reports never contain field values, so secrets are never printed. LINE is the 1-based
line where the record starts (FILE is `-` for standard input). A progress bar is shown
on stderr for large inputs when stderr is a terminal. The thread count defaults to
$ACCESS_KEY_THREADS if set, else every core; output order never depends on it.

Exit status: 0 every record valid, 1 some record invalid, 2 usage or I/O error.";

/// `access-key`: validate AWS IAM access-key JSON records, print their JSON Schema.
#[derive(Parser)]
#[command(
    name = "access-key",
    version,
    about = "Validate AWS IAM access-key JSON records, print their JSON Schema",
    override_usage = USAGE,
    after_help = AFTER_HELP,
    subcommand_required = true,
    arg_required_else_help = false
)]
pub struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Check every record of each FILE (`-` or no FILE: standard input)
    ///
    /// Each FILE is either one JSON document (it may span many lines, e.g.
    /// pretty-printed) or NDJSON (one document per line, blank lines
    /// skipped); this is decided per file unless --ndjson or --document says.
    /// Prints one line per invalid record, in input order, then a summary.
    Validate(ValidateArgs),
    /// Print the type's JSON Schema (draft 2020-12)
    ///
    /// Byte for byte the committed schema/NAME.schema.json.
    Schema {
        #[command(flatten)]
        model: ModelArg,
    },
    /// Print a completion script for SHELL to standard output
    ///
    /// For example `access-key completions bash > /etc/bash_completion.d/access-key`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
}

#[derive(Args)]
struct ModelArg {
    /// Model type
    #[arg(
        short = 't',
        long = "type",
        value_name = "NAME",
        default_value = "AccessKey",
        value_parser = ModelParser
    )]
    model: &'static ModelType,
}

#[derive(Args)]
struct ValidateArgs {
    #[command(flatten)]
    model: ModelArg,
    /// Output format
    ///
    /// text: `FILE:LINE: <report>` on stdout, the summary `checked N records:
    /// V valid, I invalid` on stderr. json: one object per invalid record per
    /// line, {"file", "line", "message", "fieldList"}, then {"checked",
    /// "valid", "invalid"}, all on stdout.
    #[arg(short, long, value_enum, value_name = "FORMAT", default_value_t = Format::Text)]
    format: Format,
    /// Validator threads (a whole number from 1 to 1024) [default: every core]
    #[arg(short = 'j', long, value_name = "N", env = "ACCESS_KEY_THREADS")]
    threads: Option<String>,
    /// Read every FILE as NDJSON: each non-blank line is one record
    #[arg(long, conflicts_with = "document")]
    ndjson: bool,
    /// Read every FILE as one JSON document (at most 64 MiB)
    #[arg(long)]
    document: bool,
    /// Files to check; `-` or none: standard input
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Output format of `validate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// `FILE:LINE: <report>` lines; the summary on stderr
    Text,
    /// One JSON object per invalid record, then a summary object, on stdout
    Json,
}

/// `access-key validate ...`.
pub struct ValidateOpts {
    pub check: Validator,
    pub format: Format,
    pub threads: usize,
    pub mode: Mode,
    pub inputs: Vec<Input>,
}

/// What to do.
pub enum Command {
    Schema(&'static ModelType),
    Validate(ValidateOpts),
    Completions(clap_complete::Shell),
}

/// `--type`: one of the model types. Its error names the value and lists the
/// known types; the types are also the possible values `--help` and the
/// completions show.
#[derive(Clone)]
struct ModelParser;

impl TypedValueParser for ModelParser {
    type Value = &'static ModelType;

    fn parse_ref(
        &self,
        cmd: &ClapCommand,
        _arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let name = value.to_string_lossy();
        access_key_schema::model_type(&name).ok_or_else(|| {
            let names: Vec<&str> = MODEL_TYPES.iter().map(|m| m.name).collect();
            let mut message = format!("unknown type `{name}`; known types: {}", names.join(", "));
            if let Some(similar) = similar(&name, &names) {
                message.push_str(&format!("\n\n  tip: a similar type exists: '{similar}'"));
            }
            cmd.clone().error(ErrorKind::InvalidValue, message)
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            MODEL_TYPES.iter().map(|m| PossibleValue::new(m.name)),
        ))
    }
}

/// The known name closest to `name` (case ignored), if it is close: at most
/// a third of its characters edited.
fn similar<'n>(name: &str, names: &[&'n str]) -> Option<&'n str> {
    let name = name.to_ascii_lowercase();
    names
        .iter()
        .map(|n| (edit_distance(&name, &n.to_ascii_lowercase()), *n))
        .filter(|&(d, n)| d * 3 <= n.len())
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

/// Levenshtein distance, by chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

/// The clap command, for completions.
pub fn command() -> ClapCommand {
    Cli::command()
}

/// Parses the arguments (program name first); `cores` is the default thread
/// count. Help, version and usage errors are clap errors: the caller prints
/// them (`--help` and `--version` are not failures).
pub fn parse<I, T>(args: I, cores: usize) -> Result<Command, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut cmd = Cli::command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))?;
    Ok(match cli.command {
        Cmd::Schema { model } => Command::Schema(model.model),
        Cmd::Completions { shell } => Command::Completions(shell),
        Cmd::Validate(v) => {
            let sub = matches
                .subcommand_matches("validate")
                .expect("the validate command was parsed");
            let threads = match &v.threads {
                None => cores.max(1),
                Some(value) => threads(value, sub).map_err(|message| {
                    let validate = cmd
                        .find_subcommand_mut("validate")
                        .expect("validate is a subcommand");
                    validate.error(ErrorKind::ValueValidation, message)
                })?,
            };
            let mode = match (v.ndjson, v.document) {
                (true, _) => Mode::Ndjson,
                (_, true) => Mode::Document,
                _ => Mode::Auto,
            };
            let mut inputs: Vec<Input> = v.files.into_iter().map(Input::from_arg).collect();
            if inputs.is_empty() {
                inputs.push(Input::Stdin);
            }
            Command::Validate(ValidateOpts {
                check: v.model.model.check,
                format: v.format,
                threads,
                mode,
                inputs,
            })
        }
    })
}

/// A usage error as this tool prints it: `access-key: <clap's message>`,
/// always with the usage (clap leaves it out of some value errors) and the
/// hint to run `--help`.
pub fn usage_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    if text.contains("\nUsage: ") {
        return format!("access-key: {text}");
    }
    let hint = "\nFor more information, try '--help'.";
    let (message, rest) = match text.find(hint) {
        Some(i) => text.split_at(i),
        None => (text, hint),
    };
    let usage = Cli::command().render_usage().to_string();
    format!(
        "access-key: {}\n\n{}\n{}",
        message.trim_end(),
        usage.trim_end(),
        rest.trim_end_matches('\n').to_owned() + "\n"
    )
}

/// The thread count, or an error naming where the value came from.
fn threads(value: &str, matches: &ArgMatches) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if (1..=1024).contains(&n) => Ok(n),
        _ => {
            let origin = match matches.value_source("threads") {
                Some(ValueSource::EnvVariable) => "ACCESS_KEY_THREADS",
                _ => "--threads",
            };
            Err(format!(
                "{origin} must be a whole number from 1 to 1024, got `{value}`"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str]) -> Result<Command, clap::Error> {
        parse(std::iter::once("access-key").chain(args.iter().copied()), 3)
    }

    fn validate(args: &[&str]) -> ValidateOpts {
        match parse_strs(args) {
            Ok(Command::Validate(o)) => o,
            Ok(_) => panic!("{args:?}: not validate"),
            Err(e) => panic!("{args:?}: {e}"),
        }
    }

    #[test]
    fn the_declaration_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn validate_defaults_and_options() {
        // The test process may have ACCESS_KEY_THREADS set; pass --threads.
        let o = validate(&["validate", "-j", "3"]);
        assert_eq!(o.format, Format::Text);
        assert_eq!(o.threads, 3);
        assert_eq!(o.mode, Mode::Auto);
        assert_eq!(o.inputs, [Input::Stdin]);

        let o = validate(&[
            "validate",
            "--format=json",
            "--type",
            "ListAccessKeysResponse",
            "--threads=5",
            "--ndjson",
            "a",
            "-",
            "--",
            "--b",
        ]);
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.threads, 5);
        assert_eq!(o.mode, Mode::Ndjson);
        assert_eq!(
            o.inputs,
            [
                Input::Path("a".into()),
                Input::Stdin,
                Input::Path("--b".into())
            ]
        );
        let o = validate(&[
            "validate",
            "-t",
            "AccessKeyMetadata",
            "-f",
            "json",
            "--document",
            "-j",
            "1",
        ]);
        assert_eq!(
            (o.format, o.threads, o.mode),
            (Format::Json, 1, Mode::Document)
        );
    }

    #[test]
    fn usage_errors() {
        for (args, needle) in [
            (
                &["validate", "--type", "Nope"][..],
                "known types: AccessKey,",
            ),
            (
                &["validate", "--type", "accesskey"],
                "a similar type exists: 'AccessKey'",
            ),
            (
                &["validate", "--format", "xml"],
                "[possible values: text, json]",
            ),
            (
                &["validate", "--threads", "0"],
                "--threads must be a whole number",
            ),
            (&["validate", "--type"], "a value is required"),
            (&["validate", "--bogus"], "unexpected argument '--bogus'"),
            (
                &["validate", "--ndjson", "--document"],
                "cannot be used with",
            ),
            (
                &["schema", "--format", "json"],
                "unexpected argument '--format'",
            ),
            (&["schema", "file"], "unexpected argument 'file'"),
            (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
            (&[], "requires a subcommand"),
        ] {
            match parse_strs(args) {
                Err(e) => {
                    let text = usage_error(&e);
                    assert!(text.starts_with("access-key: "), "{args:?}: {text}");
                    assert!(text.ends_with("try '--help'.\n"), "{args:?}: {text}");
                    assert!(text.contains(needle), "{args:?}: {text}");
                    assert!(text.contains("Usage:"), "{args:?}: {text}");
                    assert_eq!(e.exit_code(), 2, "{args:?}");
                }
                Ok(_) => panic!("{args:?} parsed"),
            }
        }
    }

    #[test]
    fn help_version_schema() {
        for args in [&["--help"][..], &["-h"], &["help"], &["validate", "-h"]] {
            let e = parse_strs(args).err().expect("help is an early exit");
            assert_eq!(e.kind(), ErrorKind::DisplayHelp, "{args:?}");
            assert_eq!(e.exit_code(), 0);
        }
        let e = parse_strs(&["-V"]).err().expect("version is an early exit");
        assert_eq!(e.kind(), ErrorKind::DisplayVersion);
        let Ok(Command::Schema(m)) = parse_strs(&["schema", "--type=AccessKeyMetadata"]) else {
            panic!()
        };
        assert_eq!(m.name, "AccessKeyMetadata");
        let help = Cli::command().render_help().to_string();
        assert!(help.contains("access-key validate [--type NAME]"), "{help}");
        let help = Cli::command()
            .find_subcommand_mut("validate")
            .unwrap()
            .render_long_help()
            .to_string();
        assert!(help.contains("ListAccessKeysResponse"), "{help}");
        assert!(help.contains("ACCESS_KEY_THREADS"), "{help}");
    }

    #[test]
    fn similar_names() {
        let names = ["AccessKey", "AccessKeyMetadata", "DeleteAccessKeyRequest"];
        assert_eq!(similar("acesskey", &names), Some("AccessKey"));
        assert_eq!(
            similar("AccessKeyMetadat", &names),
            Some("AccessKeyMetadata")
        );
        assert_eq!(similar("Secret", &names), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
