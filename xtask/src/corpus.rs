//! Deterministic differential-testing corpus for the AWS IAM `AccessKey` type
//! (this file) and the request and response shapes around it (`list_request`,
//! `list_response`, `update_request`, reusing this file's probe families).
//!
//! Every payload is a JSON document that probes a place where validators written
//! in different languages (regex dialects, length units, date parsers, type
//! coercion) might disagree. No verdict is computed here: callers run each
//! payload through the reference validator and compare.
//!
//! The corpus is fully deterministic: the only pseudo-randomness comes from a
//! fixed-seed xorshift generator defined in this file. Payloads are deduplicated
//! by their serialized JSON, keeping the first description.

use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::fmt::Write as _;

mod common;
mod list_request;
mod list_response;
mod update_request;

pub use list_request::list_access_keys_request_corpus;
pub use list_response::list_access_keys_response_corpus;
pub use update_request::update_access_key_request_corpus;

/// One corpus entry: a short human-readable description and the JSON payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub description: String,
    pub payload: Value,
}

const AK: &str = "AccessKeyId";
const SK: &str = "SecretAccessKey";
const ST: &str = "Status";
const UN: &str = "UserName";
const CD: &str = "CreateDate";
const FIELDS: [&str; 5] = [AK, SK, ST, UN, CD];

const BASE_AK: &str = "AKIAIOSFODNN7EXAMPLE";
const BASE_SK: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const BASE_ST: &str = "Active";
const BASE_UN: &str = "Bob";
const BASE_CD: &str = "2015-03-09T18:39:23Z";

/// ASCII `\w`.
const WORD: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
/// Extra punctuation allowed in `UserName`.
const UN_PUNCT: &str = "+=,.@-";
/// Upper-case alphanumerics, the alphabet of real access key ids.
const AK_ALPHA: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Length constraints of one string field, in code points.
#[derive(Clone, Copy)]
struct Spec {
    field: &'static str,
    min: usize,
    max: usize,
    /// A valid value of ordinary length.
    sample: &'static str,
}

const AK_SPEC: Spec = Spec {
    field: AK,
    min: 16,
    max: 128,
    sample: BASE_AK,
};
const UN_SPEC: Spec = Spec {
    field: UN,
    min: 1,
    max: 64,
    sample: BASE_UN,
};

/// Multibyte units used for length probes: (label, string).
const MULTIBYTE: [(&str, &str); 5] = [
    ("U+00E9 (2-byte)", "\u{E9}"),
    ("U+00F1 (2-byte)", "\u{F1}"),
    ("U+20AC (3-byte)", "\u{20AC}"),
    ("U+3042 (3-byte)", "\u{3042}"),
    ("U+1F600 (astral)", "\u{1F600}"),
];

/// Whitespace, line terminators and control characters: (label, string).
const WHITESPACE: [(&str, &str); 19] = [
    ("\\n", "\n"),
    ("\\r\\n", "\r\n"),
    ("\\r", "\r"),
    ("U+2028", "\u{2028}"),
    ("U+2029", "\u{2029}"),
    ("U+0085", "\u{85}"),
    ("NUL", "\u{0}"),
    ("tab", "\t"),
    ("space", " "),
    ("VT", "\u{B}"),
    ("FF", "\u{C}"),
    ("NBSP U+00A0", "\u{A0}"),
    ("U+3000", "\u{3000}"),
    ("ZWSP U+200B", "\u{200B}"),
    ("BOM U+FEFF", "\u{FEFF}"),
    ("U+1680", "\u{1680}"),
    ("U+180E", "\u{180E}"),
    ("DEL", "\u{7F}"),
    ("ESC", "\u{1B}"),
];

/// Characters that a Unicode-aware `\w` (or a case-insensitive / compatibility
/// matching engine) might accept but ASCII `\w` rejects: (label, char).
const UNICODE_WORD: [(&str, char); 37] = [
    ("U+00F1 n-tilde", '\u{F1}'),
    ("U+00E9 e-acute", '\u{E9}'),
    ("U+0663 Arabic-Indic 3", '\u{663}'),
    ("U+212A Kelvin sign", '\u{212A}'),
    ("U+017F long s", '\u{17F}'),
    ("U+FF21 fullwidth A", '\u{FF21}'),
    ("U+00B2 superscript 2", '\u{B2}'),
    ("U+00DF sharp s", '\u{DF}'),
    ("U+0130 dotted I", '\u{130}'),
    ("U+0131 dotless i", '\u{131}'),
    ("U+2126 Ohm sign", '\u{2126}'),
    ("U+FB01 fi ligature", '\u{FB01}'),
    ("U+2167 roman 8", '\u{2167}'),
    ("U+2460 circled 1", '\u{2460}'),
    ("U+203F undertie (Pc)", '\u{203F}'),
    ("U+FF3F fullwidth low line", '\u{FF3F}'),
    ("U+2040 char tie (Pc)", '\u{2040}'),
    ("U+FE33 vertical low line (Pc)", '\u{FE33}'),
    ("U+0660 Arabic-Indic 0", '\u{660}'),
    ("U+096B Devanagari 5", '\u{96B}'),
    ("U+1D7CE math bold 0", '\u{1D7CE}'),
    ("U+FF10 fullwidth 0", '\u{FF10}'),
    ("U+0430 Cyrillic a", '\u{430}'),
    ("U+03BF Greek omicron", '\u{3BF}'),
    ("U+200D ZWJ", '\u{200D}'),
    ("U+200C ZWNJ", '\u{200C}'),
    ("U+0301 combining acute", '\u{301}'),
    ("U+00AA feminine ordinal", '\u{AA}'),
    ("U+00B5 micro sign", '\u{B5}'),
    ("U+00B9 superscript 1", '\u{B9}'),
    ("U+00BD one half", '\u{BD}'),
    ("U+01C5 titlecase Dz", '\u{1C5}'),
    ("U+4E2D CJK", '\u{4E2D}'),
    ("U+24D0 circled a", '\u{24D0}'),
    ("U+1D538 math double-struck A", '\u{1D538}'),
    ("U+0101 a-macron", '\u{101}'),
    ("U+1E9E capital sharp s", '\u{1E9E}'),
];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn ch(cp: u32) -> char {
    char::from_u32(cp).expect("valid Unicode scalar value")
}

fn rep(unit: &str, n: usize) -> String {
    unit.repeat(n)
}

/// `n` ASCII word characters cycling through a readable alphabet.
fn ascii_word(n: usize) -> String {
    WORD.chars().cycle().take(n).collect()
}

/// Printable, escaped, truncated rendering of a string for descriptions.
fn esc(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() > 32 {
        let head: String = chars[..10].iter().collect();
        let tail: String = chars[chars.len() - 6..].iter().collect();
        return format!("{}..{} ({} cp)", esc(&head), esc(&tail), chars.len());
    }
    let mut out = String::from("\"");
    for c in chars {
        match c {
            ' '..='~' if c != '"' && c != '\\' => out.push(c),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\u{{{:X}}}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

fn base() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(AK.into(), json!(BASE_AK));
    m.insert(SK.into(), json!(BASE_SK));
    m.insert(ST.into(), json!(BASE_ST));
    m.insert(UN.into(), json!(BASE_UN));
    m.insert(CD.into(), json!(BASE_CD));
    m
}

/// Where [`Corpus::with`] puts the edited object: given the number of cases so
/// far and the object, a label for the description and the whole payload.
type Place = fn(usize, Value) -> (String, Value);

/// Collects cases, dropping payloads already seen (by serialized JSON).
struct Corpus {
    cases: Vec<Case>,
    seen: HashSet<String>,
    /// The object that [`Corpus::with`] edits.
    base: Map<String, Value>,
    /// Wraps the edited object into the payload; the object itself when `None`.
    place: Option<Place>,
}

impl Corpus {
    /// A corpus of `AccessKey` payloads: `with` edits [`base`].
    fn new() -> Self {
        Corpus::editing(base(), None)
    }

    /// A corpus whose `with` edits `base`, then wraps it with `place`.
    fn editing(base: Map<String, Value>, place: Option<Place>) -> Self {
        Corpus {
            cases: Vec::new(),
            seen: HashSet::new(),
            base,
            place,
        }
    }

    /// Returns true when the payload was new.
    fn push(&mut self, description: impl Into<String>, payload: Value) -> bool {
        let key = payload.to_string();
        if self.seen.insert(key) {
            self.cases.push(Case {
                description: description.into(),
                payload,
            });
            true
        } else {
            false
        }
    }

    /// Adds random payload number `*added` (labelled with what was broken
    /// in it) and counts it when it was new.
    fn push_random(&mut self, added: &mut usize, labels: &[String], payload: Map<String, Value>) {
        let desc = if labels.is_empty() {
            format!("random #{added}: all valid-looking")
        } else {
            format!("random #{added}: {}", labels.join("; "))
        };
        if self.push(desc, Value::Object(payload)) {
            *added += 1;
        }
    }

    /// Base payload with the given changes; `None` removes the field.
    fn with(&mut self, description: impl Into<String>, changes: &[(&str, Option<Value>)]) -> bool {
        let mut m = self.base.clone();
        for (k, v) in changes {
            match v {
                Some(v) => {
                    m.insert((*k).to_string(), v.clone());
                }
                None => {
                    m.remove(*k);
                }
            }
        }
        match self.place {
            None => self.push(description, Value::Object(m)),
            Some(place) => {
                // The same object is probed once, wherever it would be placed.
                if !self
                    .seen
                    .insert(format!("object {}", Value::Object(m.clone())))
                {
                    return false;
                }
                let (at, payload) = place(self.cases.len(), Value::Object(m));
                self.push(format!("{at} {}", description.into()), payload)
            }
        }
    }

    fn set(&mut self, description: impl Into<String>, field: &str, value: Value) -> bool {
        self.with(description, &[(field, Some(value))])
    }

    fn set_str(&mut self, field: &str, what: &str, s: &str) -> bool {
        self.set(
            format!("{field}: {what}"),
            field,
            Value::String(s.to_string()),
        )
    }
}

// ---------------------------------------------------------------------------
// Families
// ---------------------------------------------------------------------------

fn family_base(c: &mut Corpus) {
    c.push("base: valid payload", Value::Object(base()));
    c.with("base: CreateDate absent (valid)", &[(CD, None)]);
    c.set("base: CreateDate null (valid)", CD, Value::Null);
    c.set_str(ST, "Inactive (valid)", "Inactive");
    c.set_str(AK, "real-looking ASIA temporary id", "ASIAY34FZKBOKMUTVV7A");
    c.set_str(
        UN,
        "service-style name with all punct",
        "svc+deploy=prod,team.a@corp-1",
    );
}

fn boundary_lengths(spec: Spec) -> Vec<usize> {
    let mut v = vec![
        0,
        spec.min.saturating_sub(1),
        spec.min,
        spec.min + 1,
        spec.max - 1,
        spec.max,
        spec.max + 1,
        spec.max + 2,
    ];
    v.sort_unstable();
    v.dedup();
    v
}

fn family_lengths(c: &mut Corpus, spec: Spec) {
    let f = spec.field;
    let lens = boundary_lengths(spec);

    // Single-character ASCII fills.
    let mut fills: Vec<char> = vec!['A', 'z', '0', '_'];
    if f == UN {
        fills.extend(UN_PUNCT.chars());
    }
    for &fill in &fills {
        for &n in &lens {
            let s = rep(&fill.to_string(), n);
            c.set_str(f, &format!("{n} x '{fill}' (ASCII)"), &s);
        }
    }
    // Cycling ASCII word string.
    for &n in &lens {
        c.set_str(f, &format!("{n} x mixed ASCII word chars"), &ascii_word(n));
    }
    // UserName: allowed punctuation at the very start / end of boundary lengths.
    if f == UN {
        for p in UN_PUNCT.chars() {
            for &n in &[spec.max - 1, spec.max] {
                let s = format!("{p}{}", ascii_word(n));
                c.set_str(f, &format!("'{p}' + {n} ASCII = {} cp", n + 1), &s);
                let s = format!("{}{p}", ascii_word(n));
                c.set_str(f, &format!("{n} ASCII + '{p}' = {} cp", n + 1), &s);
            }
        }
        let all: String = UN_PUNCT.chars().cycle().take(spec.max).collect();
        c.set_str(f, "64 x cycled +=,.@- = max", &all);
        let all: String = UN_PUNCT.chars().cycle().take(spec.max + 1).collect();
        c.set_str(f, "65 x cycled +=,.@- = max+1", &all);
    }

    // Pure multibyte strings at code-point, byte and UTF-16 boundaries.
    let mut mb_lens = lens.clone();
    for d in [2, 3, 4] {
        mb_lens.push(spec.max / d);
        mb_lens.push(spec.max / d + 1);
        mb_lens.push(spec.min.div_ceil(d));
    }
    mb_lens.sort_unstable();
    mb_lens.dedup();
    for (label, unit) in MULTIBYTE {
        for &n in &mb_lens {
            let s = rep(unit, n);
            c.set_str(
                f,
                &format!(
                    "{n} x {label} = {} bytes, {} utf16",
                    s.len(),
                    s.encode_utf16().count()
                ),
                &s,
            );
        }
    }

    // Mixed: ASCII plus one multibyte char, total length at each boundary.
    let mixed_lens: Vec<usize> = [
        spec.min.saturating_sub(1),
        spec.min,
        spec.max - 1,
        spec.max,
        spec.max + 1,
    ]
    .into_iter()
    .filter(|&n| n >= 1)
    .collect();
    for (label, unit) in MULTIBYTE {
        for &n in &mixed_lens {
            let a = ascii_word(n - 1);
            c.set_str(
                f,
                &format!("{} ASCII + 1 {label} = {n} cp", n - 1),
                &format!("{a}{unit}"),
            );
            c.set_str(
                f,
                &format!("1 {label} + {} ASCII = {n} cp", n - 1),
                &format!("{unit}{a}"),
            );
            let (l, r) = a.split_at((n - 1) / 2);
            c.set_str(
                f,
                &format!("{label} in middle of {n} cp"),
                &format!("{l}{unit}{r}"),
            );
        }
    }

    // Combining marks: code points vs graphemes.
    let comb = "e\u{301}";
    for &n in &lens {
        let s = rep(comb, n);
        c.set_str(f, &format!("{n} graphemes e+U+0301 = {} cp", 2 * n), &s);
        let mut s = rep(comb, n / 2);
        if n % 2 == 1 {
            s.push('e');
        }
        c.set_str(f, &format!("{n} cp of e+U+0301 pairs"), &s);
    }
    for &n in &[spec.max - 2, spec.max - 1, spec.max] {
        let s = format!("{}{comb}", ascii_word(n));
        c.set_str(
            f,
            &format!("{n} ASCII + e+U+0301 = {} cp, {} graphemes", n + 2, n + 1),
            &s,
        );
        let s = format!("{}{}", ascii_word(n), '\u{301}');
        c.set_str(f, &format!("{n} ASCII + bare U+0301 = {} cp", n + 1), &s);
    }
    c.set_str(f, "NFC name Jos\\u{E9} padded", &pad(spec, "Jos\u{E9}"));
    c.set_str(f, "NFD name Jose\\u{301} padded", &pad(spec, "Jose\u{301}"));
    // Surrogate-range neighbours and noncharacters (valid JSON strings).
    for (label, cp) in [
        ("U+FFFF noncharacter", 0xFFFF),
        ("U+FFFD replacement", 0xFFFD),
        ("U+E000 private use", 0xE000),
        ("U+10FFFF max scalar", 0x10FFFF),
        ("U+D7FF before surrogates", 0xD7FF),
    ] {
        let s = pad(spec, &format!("AB{}", ch(cp)));
        c.set_str(f, &format!("contains {label}"), &s);
    }

    // A couple of very large probes (the only payloads > 2 KB).
    if f == AK {
        c.set_str(f, "10000 x 'A' (huge)", &rep("A", 10_000));
    } else {
        c.set_str(f, "10000 x 'a' (huge)", &rep("a", 10_000));
    }
    c.set_str(f, "1000 x 'A' (long)", &rep("A", 1000));
    c.set_str(f, "256 x 'A'", &rep("A", 256));
    c.set_str(f, "2*max ASCII", &ascii_word(spec.max * 2));
}

/// Pads `s` with ASCII word chars up to the spec's minimum length (if needed).
fn pad(spec: Spec, s: &str) -> String {
    let n = s.chars().count();
    if n >= spec.min {
        s.to_string()
    } else {
        format!("{s}{}", rep("X", spec.min - n))
    }
}

fn max_value(spec: Spec) -> String {
    ascii_word(spec.max)
}

fn min_value(spec: Spec) -> String {
    ascii_word(spec.min)
}

fn family_whitespace(c: &mut Corpus, spec: Spec) {
    let f = spec.field;
    let v = spec.sample;
    let (l, r) = v.split_at(v.len() / 2);
    let below_min = ascii_word(spec.min.saturating_sub(1));
    let maxv = max_value(spec);
    let minv = min_value(spec);
    for (label, w) in WHITESPACE {
        c.set_str(f, &format!("{label} alone"), w);
        c.set_str(f, &format!("{label} x min"), &rep(w, spec.min.max(2)));
        c.set_str(f, &format!("valid + trailing {label}"), &format!("{v}{w}"));
        c.set_str(f, &format!("leading {label} + valid"), &format!("{w}{v}"));
        c.set_str(f, &format!("{label} inside valid"), &format!("{l}{w}{r}"));
        c.set_str(
            f,
            &format!("{label} both ends of valid"),
            &format!("{w}{v}{w}"),
        );
        c.set_str(f, &format!("valid + {label} x2"), &format!("{v}{w}{w}"));
        c.set_str(
            f,
            &format!("min-length valid + trailing {label}"),
            &format!("{minv}{w}"),
        );
        c.set_str(
            f,
            &format!("max-length valid + trailing {label}"),
            &format!("{maxv}{w}"),
        );
        c.set_str(
            f,
            &format!("leading {label} + max-length valid"),
            &format!("{w}{maxv}"),
        );
        if !below_min.is_empty() {
            c.set_str(
                f,
                &format!("(min-1) ASCII + {label} = min cp"),
                &format!("{below_min}{w}"),
            );
        }
    }
}

fn family_unicode_word(c: &mut Corpus, spec: Spec) {
    let f = spec.field;
    let v = spec.sample;
    let (l, r) = v.split_at(v.len() / 2);
    let maxv = max_value(spec);
    let max_minus: String = maxv.chars().take(spec.max - 1).collect();
    for (label, u) in UNICODE_WORD {
        c.set_str(f, &format!("{label} alone"), &u.to_string());
        c.set_str(
            f,
            &format!("{label} x min"),
            &rep(&u.to_string(), spec.min.max(2)),
        );
        c.set_str(
            f,
            &format!("{label} embedded in valid"),
            &format!("{l}{u}{r}"),
        );
        c.set_str(f, &format!("{label} prefix of valid"), &format!("{u}{v}"));
        c.set_str(f, &format!("{label} suffix of valid"), &format!("{v}{u}"));
        c.set_str(
            f,
            &format!("{label} replaces last char of max"),
            &format!("{max_minus}{u}"),
        );
        c.set_str(
            f,
            &format!("{label} appended to max (max+1)"),
            &format!("{maxv}{u}"),
        );
        if f == AK {
            let s = format!("AKIA{u}{}", &BASE_AK[5..]);
            c.set_str(f, &format!("{label} replaces 5th char of 20-char id"), &s);
        }
    }
    // Case-insensitive-match probes: chars that fold to ASCII letters.
    let folds = [
        ('\u{212A}', 'K'),
        ('\u{17F}', 's'),
        ('\u{130}', 'I'),
        ('\u{131}', 'i'),
    ];
    for (u, a) in folds {
        let s: String = v
            .chars()
            .map(|x| if x.eq_ignore_ascii_case(&a) { u } else { x })
            .collect();
        if s != v {
            c.set_str(f, &format!("U+{:04X} substituted for '{a}'", u as u32), &s);
        }
    }
}

fn family_ascii(c: &mut Corpus, spec: Spec) {
    let f = spec.field;
    let v = spec.sample;
    let (l, r) = v.split_at(v.len() / 2);
    for b in 0x20u8..=0x7E {
        let x = b as char;
        let d = esc(&x.to_string());
        c.set_str(
            f,
            &format!("ASCII {d} (0x{b:02X}) inside valid"),
            &format!("{l}{x}{r}"),
        );
        c.set_str(
            f,
            &format!("ASCII {d} (0x{b:02X}) prefix"),
            &format!("{x}{v}"),
        );
        c.set_str(
            f,
            &format!("ASCII {d} (0x{b:02X}) suffix"),
            &format!("{v}{x}"),
        );
        c.set_str(
            f,
            &format!("ASCII {d} (0x{b:02X}) x min"),
            &rep(&x.to_string(), spec.min),
        );
    }
    for b in (0x00u8..=0x1F).chain(std::iter::once(0x7F)) {
        let x = b as char;
        c.set_str(
            f,
            &format!("control 0x{b:02X} inside valid"),
            &format!("{l}{x}{r}"),
        );
    }
    // Regex-syntax lookalikes that a naive pattern splice might interpret.
    for s in [
        "[\\w+=,.@-]+",
        "\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w\\w",
        ".*",
        "^Bob$",
        "Bob|x",
        "(?i)BOB",
        "$",
        "^",
        "a{1,64}",
        "\\",
        "\\n",
        "\\u00e9",
        "%00",
        "&amp;",
        "<script>",
    ] {
        c.set_str(
            f,
            &format!("regex/escape lookalike {}", esc(s)),
            &pad(spec, s),
        );
    }
}

fn family_status(c: &mut Corpus) {
    for v in ["Active", "Inactive"] {
        let lower = v.to_lowercase();
        let upper = v.to_uppercase();
        let mixed: String = v
            .chars()
            .enumerate()
            .map(|(i, x)| {
                if i % 2 == 0 {
                    x.to_ascii_lowercase()
                } else {
                    x.to_ascii_uppercase()
                }
            })
            .collect();
        c.set_str(ST, &format!("{v} exact"), v);
        c.set_str(ST, &format!("{v} lowercase"), &lower);
        c.set_str(ST, &format!("{v} UPPERCASE"), &upper);
        c.set_str(ST, &format!("{v} mixed case {mixed}"), &mixed);
        let last_upper = format!("{}{}", &v[..v.len() - 1], v[v.len() - 1..].to_uppercase());
        c.set_str(ST, &format!("{v} last letter upper"), &last_upper);
        for (label, w) in WHITESPACE {
            c.set_str(ST, &format!("{v} + trailing {label}"), &format!("{v}{w}"));
            c.set_str(ST, &format!("leading {label} + {v}"), &format!("{w}{v}"));
        }
        c.set_str(ST, &format!("{v} truncated"), &v[..v.len() - 1]);
        c.set_str(ST, &format!("{v} + 's'"), &format!("{v}s"));
        c.set_str(ST, &format!("{v} quoted"), &format!("\"{v}\""));
        c.set_str(
            ST,
            &format!("{v} dotless i U+0131 for i"),
            &v.replace('i', "\u{131}"),
        );
        c.set_str(
            ST,
            &format!("{v} fullwidth A"),
            &v.replacen('A', "\u{FF21}", 1),
        );
        c.set_str(ST, &format!("{v} Cyrillic a"), &v.replace('e', "\u{435}"));
        c.set(format!("Status: [\"{v}\"]"), ST, json!([v]));
        c.set(
            format!("Status: {{\"value\":\"{v}\"}}"),
            ST,
            json!({ "value": v }),
        );
    }
    c.set_str(ST, "empty", "");
    c.set_str(ST, "Deleted", "Deleted");
    c.set_str(ST, "Pending", "Pending");
    c.set_str(ST, "Expired", "Expired");
    c.set_str(ST, "Active,Inactive", "Active,Inactive");
    c.set_str(ST, "Active|Inactive", "Active|Inactive");
    c.set_str(ST, "ActiveInactive", "ActiveInactive");
    c.set_str(ST, "Active Inactive", "Active Inactive");
    c.set_str(ST, "string 'true'", "true");
    c.set_str(ST, "string '0'", "0");
    c.set_str(ST, "string '1'", "1");
    c.set_str(ST, "null string", "null");
    c.set_str(ST, "ACTIVE_STATUS", "ACTIVE_STATUS");
    c.set(ST.to_string() + ": null", ST, Value::Null);
    c.set(ST.to_string() + ": number 1", ST, json!(1));
    c.set(ST.to_string() + ": number 0", ST, json!(0));
    c.set(ST.to_string() + ": true", ST, json!(true));
    c.set(ST.to_string() + ": false", ST, json!(false));
    c.set(
        ST.to_string() + ": [\"Active\",\"Inactive\"]",
        ST,
        json!(["Active", "Inactive"]),
    );
    c.set(ST.to_string() + ": []", ST, json!([]));
    c.set(ST.to_string() + ": {}", ST, json!({}));
}

fn family_types(c: &mut Corpus) {
    let samples: [(&str, &str); 5] = [
        (AK, BASE_AK),
        (SK, BASE_SK),
        (ST, BASE_ST),
        (UN, BASE_UN),
        (CD, BASE_CD),
    ];
    let members: Vec<(&str, Value)> = samples.iter().map(|&(f, v)| (f, json!(v))).collect();
    common::family_wrong_types(c, &members);
    // AccessKeyId made of digits only: string (valid) vs number (wrong type).
    c.set_str(AK, "16 digits as string", "1234567890123456");
    c.set(
        AK.to_string() + ": 16 digits as number",
        AK,
        json!(1234567890123456u64),
    );
    c.set_str(AK, "20 digits as string", "12345678901234567890");
    c.set(
        AK.to_string() + ": 20 digits as number (u64)",
        AK,
        json!(12345678901234567890u64),
    );
    c.set_str(AK, "16 zeros as string", "0000000000000000");
    c.set_str(
        AK,
        "float-looking string 1234567890.123456",
        "1234567890.123456",
    );
    c.set_str(
        AK,
        "exponent-looking string 1e100000000000000",
        "1e100000000000000",
    );
    c.set(AK.to_string() + ": float 1.0e16", AK, json!(1.0e16));
    c.set(UN.to_string() + ": number 7", UN, json!(7));
    c.set(UN.to_string() + ": number 0.5", UN, json!(0.5));

    // Whole payload of the wrong type.
    let b = Value::Object(base());
    let wholes: Vec<(&str, Value)> = vec![
        ("empty array", json!([])),
        ("array containing valid payload", json!([b.clone()])),
        ("string", json!("AccessKey")),
        ("JSON-encoded valid payload as string", json!(b.to_string())),
        ("number 0", json!(0)),
        ("number 1", json!(1)),
        ("number 1.5", json!(1.5)),
        ("null", Value::Null),
        ("true", json!(true)),
        ("false", json!(false)),
        ("empty object", json!({})),
        (
            "valid payload nested under AccessKey",
            json!({ "AccessKey": b.clone() }),
        ),
        (
            "array of field values",
            json!([BASE_AK, BASE_SK, BASE_ST, BASE_UN, BASE_CD]),
        ),
    ];
    for (label, v) in wholes {
        c.push(format!("whole payload: {label}"), v);
    }
}

fn family_fields(c: &mut Corpus) {
    // Every subset of missing fields.
    for mask in 1u32..(1 << FIELDS.len()) {
        let removed: Vec<&str> = FIELDS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, f)| *f)
            .collect();
        let changes: Vec<(&str, Option<Value>)> = removed.iter().map(|f| (*f, None)).collect();
        c.with(format!("missing: {}", removed.join(", ")), &changes);
        // Same, but CreateDate null instead of absent when it is kept.
        if mask & (1 << 4) == 0 {
            let mut changes = changes.clone();
            changes.push((CD, Some(Value::Null)));
            c.with(
                format!("missing: {} (CreateDate null)", removed.join(", ")),
                &changes,
            );
        }
    }

    // Extra unknown fields.
    let extras: Vec<(&str, Value)> = vec![
        ("Extra", json!(1)),
        ("Extra", json!("x")),
        ("Extra", json!(null)),
        ("Extra", json!({ "AccessKeyId": "bad" })),
        ("accesskeyid", json!(BASE_AK)),
        ("accesskeyid", json!("bad")),
        ("ACCESSKEYID", json!(BASE_AK)),
        ("accessKeyId", json!(BASE_AK)),
        ("access_key_id", json!(BASE_AK)),
        ("AccessKeyID", json!(BASE_AK)),
        ("AccessKeyId ", json!(BASE_AK)),
        (" AccessKeyId", json!(BASE_AK)),
        ("AccessKeyId\u{0}", json!(BASE_AK)),
        ("AccessKeyId\u{200B}", json!(BASE_AK)),
        ("username", json!("bad name!")),
        ("USERNAME", json!(BASE_UN)),
        ("userName", json!(BASE_UN)),
        ("status", json!("Deleted")),
        ("STATUS", json!(BASE_ST)),
        ("createdate", json!("not a date")),
        ("createDate", json!(BASE_CD)),
        ("secretaccesskey", json!(BASE_SK)),
        ("", json!(1)),
        ("__proto__", json!({ "Status": "Deleted" })),
        ("constructor", json!(1)),
        ("$schema", json!("http://json-schema.org/draft-07/schema#")),
        ("$ref", json!("#")),
        ("additionalProperties", json!(true)),
        ("AccessKeyMetadata", json!({})),
        ("LastUsedDate", json!(BASE_CD)),
    ];
    for (k, v) in &extras {
        c.set(format!("extra field {}: {}", esc(k), v), k, v.clone());
    }
    c.with(
        "extra fields: several at once",
        &[
            ("Extra", Some(json!(1))),
            ("Other", Some(json!("x"))),
            ("Third", Some(json!([]))),
        ],
    );
    // Key-case variants replacing the real key (real key missing).
    for f in FIELDS {
        let valid = base()[f].clone();
        let variants = [
            f.to_lowercase(),
            f.to_uppercase(),
            format!("{}{}", f[..1].to_lowercase(), &f[1..]),
            format!("{f} "),
        ];
        for k in variants {
            c.with(
                format!("key {} instead of {f}", esc(&k)),
                &[(f, None), (k.as_str(), Some(valid.clone()))],
            );
        }
    }
    c.push("all fields missing, one extra", json!({ "Extra": 1 }));
    c.push("only CreateDate present", json!({ "CreateDate": BASE_CD }));
    c.push("only CreateDate null", json!({ "CreateDate": null }));

    // SecretAccessKey has no constraint beyond being a string.
    let sks: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("space", " ".into()),
        ("newline", "\n".into()),
        ("NUL", "\u{0}".into()),
        ("valid + trailing \\n", format!("{BASE_SK}\n")),
        ("1 char", "x".into()),
        ("1500 chars", rep("k", 1500)),
        (
            "unicode mix",
            "\u{E9}\u{20AC}\u{1F600}\u{301}\u{2028}".into(),
        ),
        (
            "all ASCII printable",
            (0x20u8..=0x7E).map(|b| b as char).collect(),
        ),
        (
            "all C0 controls",
            (0x00u8..=0x1F).map(|b| b as char).collect(),
        ),
        ("U+FFFF", "\u{FFFF}".into()),
        ("looks like JSON", "{\"a\":1}".into()),
        ("128 chars", rep("S", 128)),
        ("lowercase status word", "active".into()),
    ];
    for (label, s) in sks {
        c.set_str(SK, &label.replace('\n', "\\n"), &s);
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 31,
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn family_dates(c: &mut Corpus) {
    let mut list: Vec<String> = Vec::new();
    let mut add = |s: &str| list.push(s.to_string());

    // Forms AWS sends.
    for s in [
        "2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23.411Z",
        "2015-03-09T18:39:23.411000+00:00",
        "2013-06-04T18:17:34Z",
        "2013-06-04T18:17:34+00:00",
        "2015-03-09T18:39:23.000Z",
    ] {
        add(s);
    }
    // Feb 29 / Feb 28 / Feb 30 around leap and non-leap years.
    for y in [
        2000, 2004, 2024, 2400, 1600, 2096, 1900, 2100, 2023, 2019, 1700, 2200, 1996,
    ] {
        add(&format!("{y:04}-02-28T00:00:00Z"));
        add(&format!("{y:04}-02-29T12:00:00Z"));
        add(&format!("{y:04}-02-30T12:00:00Z"));
    }
    // Last day of each month and the day after, leap and non-leap.
    for y in [2023i64, 2024] {
        for m in 1..=12u32 {
            let d = days_in_month(y, m);
            add(&format!("{y:04}-{m:02}-{d:02}T23:59:59Z"));
            add(&format!("{y:04}-{m:02}-{:02}T00:00:00Z", d + 1));
        }
    }
    // Field range boundaries.
    for s in [
        "2015-00-09T18:39:23Z",
        "2015-13-09T18:39:23Z",
        "2015-99-09T18:39:23Z",
        "2015-03-00T18:39:23Z",
        "2015-03-32T18:39:23Z",
        "2015-03-99T18:39:23Z",
        "2015-04-31T18:39:23Z",
        "2015-03-09T00:00:00Z",
        "2015-03-09T23:00:00Z",
        "2015-03-09T24:00:00Z",
        "2015-03-09T25:00:00Z",
        "2015-03-09T18:59:23Z",
        "2015-03-09T18:60:23Z",
        "2015-03-09T18:99:23Z",
        "2015-03-09T18:39:59Z",
        "2015-03-09T18:39:60Z",
        "2015-03-09T18:39:61Z",
        "2015-03-09T23:59:59.999999999Z",
        // Leap seconds.
        "2016-12-31T23:59:60Z",
        "2016-12-31T23:59:60.5Z",
        "2016-12-31T23:59:60+00:00",
        "2016-12-31T15:59:60-08:00",
        "2015-06-30T23:59:60Z",
        "1998-12-31T23:59:60Z",
        // Epoch neighbourhood and extremes.
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "9999-12-31T23:59:59-01:00",
        "0000-01-01T00:00:00+01:00",
        "10000-01-01T00:00:00Z",
        "+10000-01-01T00:00:00Z",
        "+2015-03-09T18:39:23Z",
        "-0001-01-01T00:00:00Z",
        "-2015-03-09T18:39:23Z",
        "02015-03-09T18:39:23Z",
        "15-03-09T18:39:23Z",
        "2038-01-19T03:14:08Z",
        "2262-04-11T23:47:17Z",
        "1677-09-21T00:12:43Z",
        // Unpadded fields.
        "2015-3-09T18:39:23Z",
        "2015-03-9T18:39:23Z",
        "2015-3-9T18:39:23Z",
        "2015-03-09T8:39:23Z",
        "2015-03-09T18:9:23Z",
        "2015-03-09T18:39:3Z",
        "2015-003-09T18:39:23Z",
        "2015-03-009T18:39:23Z",
        "2015-03-09T018:39:23Z",
        // Separators and case.
        "2015-03-09t18:39:23Z",
        "2015-03-09T18:39:23z",
        "2015-03-09t18:39:23z",
        "2015-03-09 18:39:23Z",
        "2015-03-09_18:39:23Z",
        "2015-03-09  18:39:23Z",
        "2015-03-09T18:39:23",
        "2015-03-09T18:39:23.411",
        "2015-03-09 18:39:23",
        "2015-03-09T18:39:23Z+00:00",
        "2015-03-09T18:39:23+00:00Z",
        "2015-03-09T18:39:23ZZ",
        "2015-03-09T18:39:23 Z",
        "2015-03-09T18:39:23UTC",
        "2015-03-09T18:39:23 UTC",
        "2015-03-09T18:39:23GMT",
        "2015-03-09T18:39:23\u{2212}08:00",
        "2015/03/09T18:39:23Z",
        "2015.03.09T18:39:23Z",
        "2015-03-09T18.39.23Z",
        "20150309T183923Z",
        "20150309T18:39:23Z",
        "2015-03-09T183923Z",
        // Whitespace around.
        "2015-03-09T18:39:23Z\n",
        "2015-03-09T18:39:23Z\r\n",
        "2015-03-09T18:39:23Z ",
        " 2015-03-09T18:39:23Z",
        "\n2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23Z\u{0}",
        "2015-03-09T18:39:23Z\u{2028}",
        "\u{FEFF}2015-03-09T18:39:23Z",
        "2015-03-09T18:39:23.411Z\n",
        "2015-03-09T18:39:23+00:00\n",
        // Other ISO 8601 / non-RFC 3339 forms.
        "2015-W11-1T18:39:23Z",
        "2015W111T183923Z",
        "2015-W11",
        "2015-W11-1",
        "2015-068T18:39:23Z",
        "2015-068",
        "2015-03-09",
        "2015-03",
        "2015",
        "18:39:23Z",
        "18:39:23",
        "T18:39:23Z",
        "2015-03-09T18:39Z",
        "2015-03-09T18Z",
        "2015-03-09T",
        "2015-03-09TZ",
        "2015-03-09T18:39:23.411Z/2016-03-09T18:39:23Z",
        "P1D",
        "Mon, 09 Mar 2015 18:39:23 GMT",
        "Mon Mar  9 18:39:23 UTC 2015",
        "2015/03/09 18:39:23",
        "03/09/2015",
        "1425926363",
        "1425926363411",
        "now",
        "today",
        "",
        " ",
        "null",
        "Z",
        // Non-ASCII digits.
        "\u{FF12}\u{FF10}\u{FF11}\u{FF15}-03-09T18:39:23Z",
        "2015-03-0\u{669}T18:39:23Z",
        "2015-03-09T18:39:2\u{663}Z",
        "2015-03-09T18:39:23.\u{663}Z",
        "2015\u{2010}03\u{2010}09T18:39:23Z",
        "2015-03-09T18\u{FF1A}39:23Z",
    ] {
        add(s);
    }
    // Offsets.
    for off in [
        "Z",
        "+00:00",
        "-00:00",
        "+05:30",
        "-08:00",
        "+23:59",
        "-23:59",
        "+24:00",
        "-24:00",
        "-12:60",
        "+00:60",
        "+14:00",
        "-12:00",
        "+13:45",
        "+99:99",
        "+0530",
        "+05",
        "+5:30",
        "+05:3",
        "+05:30:00",
        "+05:30Z",
        "+ 05:30",
        "05:30",
        "+05:30 ",
        "-0",
        "+",
        "-",
    ] {
        add(&format!("2015-03-09T18:39:23{off}"));
        add(&format!("2015-03-09T18:39:23.411{off}"));
    }
    // Fractions of 1..=12 digits, with Z and with an offset.
    for n in 1..=12usize {
        let frac: String = "123456789012".chars().take(n).collect();
        add(&format!("2015-03-09T18:39:23.{frac}Z"));
        add(&format!("2015-03-09T18:39:23.{frac}+00:00"));
        add(&format!("2015-03-09T18:39:23.{}Z", rep("9", n)));
    }
    for s in [
        "2015-03-09T18:39:23.Z",
        "2015-03-09T18:39:23.+00:00",
        "2015-03-09T18:39:23.",
        "2015-03-09T18:39:23,411Z",
        "2015-03-09T18:39:23..411Z",
        "2015-03-09T18:39:23.411.5Z",
        "2015-03-09T18:39:23.abcZ",
        "2015-03-09T18:39:23.-1Z",
        "2015-03-09T18:39:23.1e3Z",
        "2015-03-09T18:39.5Z",
        "2015-03-09T18:39:23.0000000000000000000000000000000Z",
    ] {
        add(s);
    }
    for s in &list {
        c.set_str(CD, &esc(s), s);
    }

    // Non-string CreateDate values.
    let nonstr: Vec<(&str, Value)> = vec![
        ("epoch seconds 1425926363", json!(1425926363)),
        ("epoch millis 1425926363411", json!(1425926363411u64)),
        ("epoch float 1425926363.411", json!(1425926363.411)),
        ("number 0", json!(0)),
        ("number -1", json!(-1)),
        ("true", json!(true)),
        ("false", json!(false)),
        ("[date string]", json!([BASE_CD])),
        ("[2015,3,9]", json!([2015, 3, 9])),
        ("{\"$date\": ...}", json!({ "$date": BASE_CD })),
        ("{}", json!({})),
    ];
    for (label, v) in nonstr {
        c.set(format!("{CD}: {label}"), CD, v);
    }
}

fn family_multi(c: &mut Corpus) {
    let short_ak = ascii_word(15);
    let long_un = ascii_word(65);
    let cases: Vec<(&str, Changes)> = vec![
        (
            "multi: AK too short + UN too long",
            vec![(AK, Some(json!(short_ak))), (UN, Some(json!(long_un)))],
        ),
        (
            "multi: Status lowercase + Feb 30",
            vec![
                (ST, Some(json!("active"))),
                (CD, Some(json!("2015-02-30T00:00:00Z"))),
            ],
        ),
        (
            "multi: every field wrong type",
            vec![
                (AK, Some(json!(1))),
                (SK, Some(json!(true))),
                (ST, Some(json!([]))),
                (UN, Some(json!({}))),
                (CD, Some(json!(0))),
            ],
        ),
        (
            "multi: every field empty string",
            vec![
                (AK, Some(json!(""))),
                (SK, Some(json!(""))),
                (ST, Some(json!(""))),
                (UN, Some(json!(""))),
                (CD, Some(json!(""))),
            ],
        ),
        (
            "multi: every string field trailing \\n",
            vec![
                (AK, Some(json!(format!("{BASE_AK}\n")))),
                (SK, Some(json!(format!("{BASE_SK}\n")))),
                (ST, Some(json!("Active\n"))),
                (UN, Some(json!("Bob\n"))),
                (CD, Some(json!(format!("{BASE_CD}\n")))),
            ],
        ),
        (
            "multi: every field null",
            vec![
                (AK, Some(Value::Null)),
                (SK, Some(Value::Null)),
                (ST, Some(Value::Null)),
                (UN, Some(Value::Null)),
                (CD, Some(Value::Null)),
            ],
        ),
        (
            "multi: missing AK + bad UN char",
            vec![(AK, None), (UN, Some(json!("Bob!")))],
        ),
        (
            "multi: unicode AK + unicode UN",
            vec![
                (AK, Some(json!("AKIA\u{F1}OSFODNN7EXAMPLE"))),
                (UN, Some(json!("Jos\u{E9}"))),
            ],
        ),
        (
            "multi: AK max+1 + UN max+1",
            vec![
                (AK, Some(json!(ascii_word(129)))),
                (UN, Some(json!(ascii_word(65)))),
            ],
        ),
        (
            "multi: AK max + UN max (valid)",
            vec![
                (AK, Some(json!(ascii_word(128)))),
                (UN, Some(json!(ascii_word(64)))),
            ],
        ),
        (
            "multi: AK min + UN min (valid)",
            vec![
                (AK, Some(json!(ascii_word(16)))),
                (UN, Some(json!("a"))),
                (CD, None),
            ],
        ),
        (
            "multi: Status Deleted + extra field",
            vec![(ST, Some(json!("Deleted"))), ("Extra", Some(json!(1)))],
        ),
        (
            "multi: missing Status + leap second",
            vec![(ST, None), (CD, Some(json!("2016-12-31T23:59:60Z")))],
        ),
        (
            "multi: Kelvin AK + long-s UN",
            vec![
                (AK, Some(json!("A\u{212A}IAIOSFODNN7EXAMPLE"))),
                (UN, Some(json!("Bo\u{17F}"))),
            ],
        ),
        (
            "multi: UN valid + AK 16 astral",
            vec![(AK, Some(json!(rep("\u{1F600}", 16))))],
        ),
        (
            "multi: lowercase date + lowercase status",
            vec![
                (ST, Some(json!("inactive"))),
                (CD, Some(json!("2015-03-09t18:39:23z"))),
            ],
        ),
        (
            "multi: only AK and UN invalid, date absent",
            vec![
                (AK, Some(json!("short"))),
                (UN, Some(json!(""))),
                (CD, None),
            ],
        ),
        (
            "multi: missing everything but SK",
            vec![(AK, None), (ST, None), (UN, None), (CD, None)],
        ),
    ];
    for (d, ch) in cases {
        c.with(d, &ch);
    }
}

// ---------------------------------------------------------------------------
// Fixed-seed pseudo-random block
// ---------------------------------------------------------------------------

/// xorshift64 with a fixed seed: deterministic across runs and platforms.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn string_from(&mut self, alphabet: &str, n: usize) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        (0..n).map(|_| *self.pick(&chars)).collect()
    }
}

/// Characters that fail both patterns: whitespace, punctuation, Unicode word chars.
fn bad_chars() -> Vec<char> {
    let mut v: Vec<char> = UNICODE_WORD.iter().map(|(_, c)| *c).collect();
    for (_, w) in WHITESPACE {
        v.extend(w.chars().take(1));
    }
    v.extend("!\"#$%&'()*/:;<>?[\\]^`{|}~".chars());
    v.extend(MULTIBYTE.iter().filter_map(|(_, s)| s.chars().next()));
    v
}

type Gen = (String, Option<Value>);

/// Field edits applied to the base payload; `None` removes the field.
type Changes<'a> = Vec<(&'a str, Option<Value>)>;

fn insert_at(rng: &mut Rng, s: &str, x: char, replace: bool) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return x.to_string();
    }
    let i = rng.below(chars.len());
    if replace {
        chars[i] = x;
    } else {
        chars.insert(i, x);
    }
    chars.into_iter().collect()
}

fn wrong_type(rng: &mut Rng) -> (String, Value) {
    let opts: [(&str, Value); 7] = [
        ("num", json!(rng.range(0, 99_999))),
        ("true", json!(true)),
        ("false", json!(false)),
        ("null", Value::Null),
        ("[]", json!([])),
        ("{}", json!({})),
        ("float", json!(0.25)),
    ];
    let (l, v) = rng.pick(&opts).clone();
    (l.to_string(), v)
}

fn gen_name(rng: &mut Rng, spec: Spec, fault: bool, bad: &[char]) -> Gen {
    let tag = if spec.field == AK { "AK" } else { "UN" };
    let alphabet = if spec.field == AK {
        if rng.chance(60) {
            AK_ALPHA.to_string()
        } else {
            WORD.to_string()
        }
    } else if rng.chance(30) {
        format!("{WORD}{UN_PUNCT}")
    } else {
        WORD.to_string()
    };
    let valid_len = |rng: &mut Rng| -> usize {
        match rng.below(6) {
            0 => spec.min,
            1 => spec.max,
            2 => spec.sample.len(),
            _ => rng.range(spec.min, spec.max),
        }
    };
    if !fault {
        let n = valid_len(rng);
        let s = if spec.field == AK && n >= 4 && rng.chance(40) {
            let p = if rng.chance(50) { "AKIA" } else { "ASIA" };
            format!("{p}{}", rng.string_from(AK_ALPHA, n - 4))
        } else {
            rng.string_from(&alphabet, n)
        };
        return (format!("{tag} ok len {n}"), Some(json!(s)));
    }
    match rng.below(11) {
        0 => {
            let n = *rng.pick(&[spec.min.saturating_sub(1), spec.max + 1, spec.max + 2, 0]);
            (
                format!("{tag} ascii len {n}"),
                Some(json!(rng.string_from(&alphabet, n))),
            )
        }
        1 | 2 => {
            let n = valid_len(rng);
            let base = rng.string_from(&alphabet, n);
            let x = *rng.pick(bad);
            let replace = rng.chance(50);
            let s = insert_at(rng, &base, x, replace);
            let how = if replace { "replaced by" } else { "plus" };
            (
                format!("{tag} len {n} {how} U+{:04X}", x as u32),
                Some(json!(s)),
            )
        }
        3 => {
            let n = valid_len(rng);
            let (w, ws) = *rng.pick(&WHITESPACE);
            let s = format!("{}{ws}", rng.string_from(&alphabet, n));
            (format!("{tag} len {n} + trailing {w}"), Some(json!(s)))
        }
        4 => {
            let n = valid_len(rng);
            let s = format!("{}\n", rng.string_from(&alphabet, n));
            (format!("{tag} len {n} + \\n"), Some(json!(s)))
        }
        5 => {
            let (l, v) = wrong_type(rng);
            (format!("{tag} type {l}"), Some(v))
        }
        6 => (format!("{tag} absent"), None),
        7 => {
            let (l, unit) = *rng.pick(&MULTIBYTE);
            let n = *rng.pick(&[
                spec.min.saturating_sub(1).max(1),
                spec.min,
                spec.max,
                spec.max + 1,
            ]);
            let mixed = rng.chance(50);
            let s = if mixed {
                format!("{}{unit}", rng.string_from(&alphabet, n - 1))
            } else {
                rep(unit, n)
            };
            let what = if mixed { "ascii+1" } else { "all" };
            (format!("{tag} {n} cp {what} {l}"), Some(json!(s)))
        }
        8 => {
            let n = valid_len(rng);
            let s = format!(" {}", rng.string_from(&alphabet, n));
            (format!("{tag} len {n} leading space"), Some(json!(s)))
        }
        9 => {
            let n = valid_len(rng);
            let s = rng.string_from(&alphabet, n).to_lowercase();
            let s = insert_at(rng, &s, '\u{301}', false);
            (format!("{tag} len {n} + U+0301"), Some(json!(s)))
        }
        _ => (format!("{tag} empty"), Some(json!(""))),
    }
}

fn gen_status(rng: &mut Rng, fault: bool) -> Gen {
    let v = *rng.pick(&["Active", "Inactive"]);
    if !fault {
        return (format!("ST {v}"), Some(json!(v)));
    }
    let (l, val): (String, Value) = match rng.below(10) {
        0 => ("lower".into(), json!(v.to_lowercase())),
        1 => ("upper".into(), json!(v.to_uppercase())),
        2 => ("+\\n".into(), json!(format!("{v}\n"))),
        3 => ("+space".into(), json!(format!("{v} "))),
        4 => ("space+".into(), json!(format!(" {v}"))),
        5 => ("Deleted".into(), json!("Deleted")),
        6 => ("null".into(), Value::Null),
        7 => return ("ST absent".into(), None),
        8 => ("empty".into(), json!("")),
        _ => {
            let (l, v) = wrong_type(rng);
            (format!("type {l}"), v)
        }
    };
    (format!("ST {v} {l}"), Some(val))
}

fn gen_secret(rng: &mut Rng, fault: bool) -> Gen {
    if !fault {
        let n = rng.range(0, 60);
        let printable: String = (0x20u8..=0x7E).map(|b| b as char).collect();
        let mut s = rng.string_from(&printable, n);
        if rng.chance(10) {
            s.push_str("\u{E9}\u{1F600}\n");
        }
        return (format!("SK ok len {n}"), Some(json!(s)));
    }
    if rng.chance(30) {
        return ("SK absent".into(), None);
    }
    let (l, v) = wrong_type(rng);
    (format!("SK type {l}"), Some(v))
}

struct Dt {
    y: i64,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    frac: String,
    zone: String,
    sep: char,
}

impl Dt {
    fn render(&self) -> String {
        let year = if self.y < 0 {
            format!("-{:04}", -self.y)
        } else {
            format!("{:04}", self.y)
        };
        format!(
            "{year}-{:02}-{:02}{}{:02}:{:02}:{:02}{}{}",
            self.mo, self.d, self.sep, self.h, self.mi, self.s, self.frac, self.zone
        )
    }
}

fn random_dt(rng: &mut Rng) -> Dt {
    let y = if rng.chance(85) {
        rng.range(1970, 2099) as i64
    } else {
        rng.range(0, 9999) as i64
    };
    let mo = rng.range(1, 12) as u32;
    let mut d = rng.range(1, days_in_month(y, mo) as usize) as u32;
    let mut mo = mo;
    let mut y = y;
    if rng.chance(8) {
        // Force a Feb 29 on a leap year.
        y = *rng.pick(&[2000i64, 2004, 2008, 2012, 2016, 2020, 2024, 2028, 2400]);
        mo = 2;
        d = 29;
    }
    let frac = if rng.chance(50) {
        String::new()
    } else {
        let n = rng.range(1, 9);
        format!(".{}", rng.string_from("0123456789", n))
    };
    let zone = match rng.below(5) {
        0..=2 => "Z".to_string(),
        3 => "+00:00".to_string(),
        _ => {
            let sign = if rng.chance(50) { '+' } else { '-' };
            format!("{sign}{:02}:{:02}", rng.range(0, 23), rng.range(0, 59))
        }
    };
    Dt {
        y,
        mo,
        d,
        h: rng.range(0, 23) as u32,
        mi: rng.range(0, 59) as u32,
        s: rng.range(0, 59) as u32,
        frac,
        zone,
        sep: 'T',
    }
}

fn gen_date(rng: &mut Rng, fault: bool) -> Gen {
    if !fault {
        return match rng.below(10) {
            0 => ("CD absent".into(), None),
            1 => ("CD null".into(), Some(Value::Null)),
            _ => {
                let dt = random_dt(rng);
                ("CD ok".into(), Some(json!(dt.render())))
            }
        };
    }
    let mut dt = random_dt(rng);
    let what = match rng.below(18) {
        0 => {
            dt.y = *rng.pick(&[1900i64, 2100, 2023, 2019, 2015, 1800, 2200]);
            dt.mo = 2;
            dt.d = 29;
            "Feb 29 non-leap"
        }
        1 => {
            dt.d = days_in_month(dt.y, dt.mo) + 1;
            "day after month end"
        }
        2 => {
            dt.mo = *rng.pick(&[0u32, 13]);
            "month 00/13"
        }
        3 => {
            dt.d = 0;
            "day 00"
        }
        4 => {
            dt.h = 24;
            "hour 24"
        }
        5 => {
            dt.mi = 60;
            "minute 60"
        }
        6 => {
            dt.s = 60;
            "second 60"
        }
        7 => {
            dt.sep = 't';
            "lowercase t"
        }
        8 => {
            dt.zone = "z".into();
            "lowercase z"
        }
        9 => {
            dt.sep = ' ';
            "space separator"
        }
        10 => {
            dt.zone = String::new();
            "no zone"
        }
        11 => {
            dt.zone.push('\n');
            "trailing \\n"
        }
        12 => {
            dt.zone = format!("{}24:00", rng.pick(&["+", "-"]));
            "offset hour 24"
        }
        13 => {
            dt.zone = format!("{}{:02}:60", rng.pick(&["+", "-"]), rng.range(0, 23));
            "offset minute 60"
        }
        14 => {
            dt.frac = ".".into();
            "dot without digits"
        }
        15 => {
            dt.mo = rng.range(1, 9) as u32;
            dt.d = dt.d.min(28);
            let s = dt.render();
            let s = s.replacen(&format!("-{:02}-", dt.mo), &format!("-{}-", dt.mo), 1);
            return ("CD unpadded month".into(), Some(json!(s)));
        }
        16 => {
            let s = dt.render();
            return ("CD date only".into(), Some(json!(&s[..10.min(s.len())])));
        }
        _ => {
            return (
                "CD epoch number".into(),
                Some(json!(rng.range(0, 2_000_000_000))),
            )
        }
    };
    (format!("CD {what}"), Some(json!(dt.render())))
}

fn family_random(c: &mut Corpus, target: usize) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let bad = bad_chars();
    let mut added = 0usize;
    let mut attempts = 0usize;
    while added < target && attempts < target * 20 {
        attempts += 1;
        let n_faults = *rng.pick(&[0usize, 0, 1, 1, 1, 1, 2, 2, 3]);
        let mut faulty = [false; 5];
        let mut k = 0;
        while k < n_faults {
            let i = rng.below(5);
            if !faulty[i] {
                faulty[i] = true;
                k += 1;
            }
        }
        let parts = [
            gen_name(&mut rng, AK_SPEC, faulty[0], &bad),
            gen_secret(&mut rng, faulty[1]),
            gen_status(&mut rng, faulty[2]),
            gen_name(&mut rng, UN_SPEC, faulty[3], &bad),
            gen_date(&mut rng, faulty[4]),
        ];
        let mut m = Map::new();
        let mut labels = Vec::new();
        for (i, (label, v)) in parts.into_iter().enumerate() {
            if faulty[i] {
                labels.push(label);
            }
            if let Some(v) = v {
                m.insert(FIELDS[i].to_string(), v);
            }
        }
        if rng.chance(3) {
            m.insert("Extra".into(), json!(rng.range(0, 9)));
            labels.push("extra field".into());
        }
        c.push_random(&mut added, &labels, m);
    }
}

/// Builds the full corpus. Deterministic: same payloads in the same order on every call.
pub fn access_key_corpus() -> Vec<Case> {
    let mut c = Corpus::new();
    family_base(&mut c);
    for spec in [AK_SPEC, UN_SPEC] {
        family_lengths(&mut c, spec);
    }
    for spec in [AK_SPEC, UN_SPEC] {
        family_whitespace(&mut c, spec);
    }
    for spec in [AK_SPEC, UN_SPEC] {
        family_unicode_word(&mut c, spec);
    }
    for spec in [AK_SPEC, UN_SPEC] {
        family_ascii(&mut c, spec);
    }
    family_status(&mut c);
    family_types(&mut c);
    family_fields(&mut c);
    family_dates(&mut c);
    family_multi(&mut c);
    family_random(&mut c, 1000);
    c.cases
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(cases: &[Case], field: &str, value: &str) -> bool {
        cases
            .iter()
            .any(|c| c.payload.get(field).and_then(Value::as_str) == Some(value))
    }

    #[test]
    fn size_and_determinism() {
        let a = access_key_corpus();
        let b = access_key_corpus();
        assert!(a.len() >= 2200, "only {} cases", a.len());
        assert_eq!(a, b);
    }

    #[test]
    fn descriptions_non_empty_and_payloads_unique() {
        let cases = access_key_corpus();
        let mut seen = HashSet::new();
        for c in &cases {
            assert!(!c.description.trim().is_empty());
            assert!(
                seen.insert(c.payload.to_string()),
                "duplicate: {}",
                c.description
            );
        }
    }

    #[test]
    fn payloads_are_small() {
        let cases = access_key_corpus();
        let big: Vec<&str> = cases
            .iter()
            .filter(|c| c.payload.to_string().len() >= 2048)
            .map(|c| c.description.as_str())
            .collect();
        assert!(big.len() <= 4, "too many large payloads: {big:?}");
    }

    #[test]
    fn first_case_is_base() {
        let cases = access_key_corpus();
        assert_eq!(cases[0].payload, Value::Object(base()));
    }

    #[test]
    fn spot_checks() {
        let cases = access_key_corpus();
        assert!(has(&cases, UN, &"\u{1F600}".repeat(65)));
        assert!(has(&cases, UN, &"\u{1F600}".repeat(64)));
        assert!(has(&cases, UN, &"\u{E9}".repeat(64)));
        assert!(has(&cases, AK, &"\u{1F600}".repeat(129)));
        assert!(has(&cases, AK, &"A".repeat(15)));
        assert!(has(&cases, AK, &"A".repeat(129)));
        assert!(has(&cases, AK, &format!("{BASE_AK}\n")));
        assert!(has(&cases, UN, "Bob\n"));
        assert!(has(&cases, UN, "Bob\u{2028}"));
        assert!(has(&cases, UN, "\u{212A}"));
        assert!(has(
            &cases,
            UN,
            &format!("{}{}", ascii_word(63), '\u{FF21}')
        ));
        assert!(has(&cases, ST, "active"));
        assert!(has(&cases, ST, "ACTIVE"));
        assert!(has(&cases, ST, "Inactive\n"));
        assert!(has(&cases, CD, "2016-12-31T23:59:60Z"));
        assert!(has(&cases, CD, "2015-03-09T18:39:23.411000+00:00"));
        assert!(has(&cases, CD, "2100-02-29T12:00:00Z"));
        assert!(has(&cases, CD, "2000-02-29T12:00:00Z"));
        assert!(has(&cases, CD, "2015-03-09T18:39:23.123456789012Z"));
        assert!(has(&cases, CD, "2015-03-09T18:39:23.Z"));
        assert!(has(&cases, CD, "2015-W11-1T18:39:23Z"));
        for b in 0x20u8..=0x7E {
            let x = b as char;
            assert!(has(&cases, UN, &format!("B{x}ob")), "UserName with {x:?}");
            assert!(
                has(&cases, AK, &format!("AKIAIOSFOD{x}NN7EXAMPLE")),
                "AK with {x:?}"
            );
        }
        let payloads: Vec<&Value> = cases.iter().map(|c| &c.payload).collect();
        assert!(payloads.contains(&&json!([])));
        assert!(payloads.contains(&&json!({})));
        assert!(payloads.contains(&&Value::Null));
        assert!(cases
            .iter()
            .any(|c| c.payload.is_object() && c.payload.get(AK).is_none()));
        assert!(cases
            .iter()
            .any(|c| c.payload.get(CD).is_some_and(Value::is_number)));
    }
}
