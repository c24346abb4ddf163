//! The validation report: every violation of a value, with its JSON Pointer,
//! a stable machine code and the AWS wording.
//!
//! Violations are recorded cheaply (a rendered path and a [`Constraint`] that
//! borrows static data from the generated code); messages are formatted only
//! when read. No violation holds the offending value (a `custom` check's
//! own message is kept only where no `sensitive` value is in its reach), so
//! a report can be logged or returned to a client without leaking what was
//! sent.

use std::fmt;

use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::path::Path;
use crate::rules;

/// What a `custom = f` check returns when the value is refused: a code of
/// the service's own vocabulary and a message, reported at the field's path
/// (or the struct's, for a check on the whole struct).
///
/// ```
/// use access_key_schema::CustomError;
/// let e = CustomError::new("odd", "Member must be even");
/// assert_eq!(e.code(), "odd");
/// assert_eq!(e.message(), "Member must be even");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomError {
    code: &'static str,
    message: std::borrow::Cow<'static, str>,
}

impl CustomError {
    /// A refusal with `code` (a fixed vocabulary, hence `'static`) and a
    /// message, static or built at run time. On a `sensitive` field, or on
    /// a struct with one, the report keeps the code but not the message
    /// (`Member must pass the check <code>`), since it could quote the secret.
    pub fn new(code: &'static str, message: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        CustomError {
            code,
            message: message.into(),
        }
    }

    /// The code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The constraint a report records for it.
    pub fn into_constraint(self) -> Constraint {
        Constraint::Custom {
            code: self.code,
            message: self.message,
        }
    }
}

impl fmt::Display for CustomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CustomError {}

/// The constraint a value failed to satisfy.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Constraint {
    /// Shorter than `min` (code points for strings, items for arrays).
    MinLength(usize),
    /// Longer than `max` (code points for strings, items for arrays).
    MaxLength(usize),
    /// Does not match the whole AWS pattern (shown as the model writes it).
    Pattern(&'static str),
    /// Not one of the allowed values.
    Enum(&'static [&'static str]),
    /// Less than the lower bound (the bound as written in the annotation).
    Minimum(&'static str),
    /// Greater than the upper bound (the bound as written in the annotation).
    Maximum(&'static str),
    /// Not greater than the exclusive lower bound (as written).
    ExclusiveMinimum(&'static str),
    /// Not less than the exclusive upper bound (as written).
    ExclusiveMaximum(&'static str),
    /// A required member is missing or null.
    Required,
    /// The JSON value has the wrong type (`"string"`, `"integer"`, ...).
    Type(&'static str),
    /// Not a valid value of the named format (`"date-time"`).
    Format(&'static str),
    /// The payload is not well-formed JSON. `reason` is serde_json's wording
    /// of the error kind (`"expected value"`), which never quotes the input.
    Syntax {
        /// What is wrong, e.g. `"trailing characters"`.
        reason: &'static str,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// A member the type does not declare, in an object whose type denies
    /// unknown members (`#[serde(deny_unknown_fields)]`); holds the known ones.
    UnknownField(&'static [&'static str]),
    /// A member name that appears more than once in one object.
    DuplicateField,
    /// The payload is larger than this many bytes.
    MaxBytes(usize),
    /// Arrays and objects are nested deeper than this many levels.
    MaxDepth(usize),
    /// A rule defined by its own module under `rules/` (`contains`,
    /// `prefix`, ...): its code, and its AWS wording, `text` followed by the
    /// rule's argument as annotated (never the value).
    Rule {
        /// The rule's stable code, e.g. `"contains"`.
        code: &'static str,
        /// The wording before the argument, e.g. `"Member must contain: "`.
        text: &'static str,
        /// The annotation's argument, e.g. `"iam"`.
        arg: &'static str,
    },
    /// A rule whose code or message the annotation overrides
    /// (`length(min = 3, code = "too_short", message = "...")`): the
    /// service's own words for the constraint `of`.
    Relabeled {
        /// The annotation's code, or the rule's own.
        code: &'static str,
        /// The annotation's message, or the rule's own wording.
        message: std::borrow::Cow<'static, str>,
        /// The constraint the rule found.
        of: Box<Constraint>,
    },
    /// A user's check failed: a `custom = f` rule's [`CustomError`].
    Custom {
        /// The user's code.
        code: &'static str,
        /// The user's message (after `Value at '<path>' failed to satisfy
        /// constraint: `).
        message: std::borrow::Cow<'static, str>,
    },
    /// The value could not be read as the expected type for a reason no
    /// other constraint describes (a custom `Deserialize` that is stricter
    /// than its `JsonCheck`).
    Invalid,
}

impl Constraint {
    /// Whether a user's own check found it (`custom`, `must_match`): what
    /// JSON Schema cannot express, so the schema accepts what it refuses.
    pub fn is_users_check(&self) -> bool {
        matches!(
            self,
            Constraint::Custom { .. }
                | Constraint::Rule {
                    code: "must_match",
                    ..
                }
        )
    }

    /// This constraint in the annotation's words: its `code` and
    /// `message` where given, the rule's own where not.
    #[doc(hidden)]
    pub fn relabeled(self, code: Option<&'static str>, message: Option<&'static str>) -> Self {
        if code.is_none() && message.is_none() {
            return self;
        }
        let message = match message {
            Some(m) => std::borrow::Cow::Borrowed(m),
            None => std::borrow::Cow::Owned(self.to_string()),
        };
        Constraint::Relabeled {
            code: code.unwrap_or(self.code()),
            message,
            of: Box::new(self),
        }
    }

    /// The stable machine code of this constraint kind.
    pub fn code(&self) -> &'static str {
        match self {
            Constraint::MinLength(_) | Constraint::MaxLength(_) => rules::length::CODE,
            Constraint::Pattern(_) => rules::pattern::CODE,
            Constraint::Enum(_) => rules::one_of::CODE,
            Constraint::Minimum(_)
            | Constraint::Maximum(_)
            | Constraint::ExclusiveMinimum(_)
            | Constraint::ExclusiveMaximum(_) => rules::range::CODE,
            Constraint::Required => "required",
            Constraint::Type(_) => "type",
            Constraint::Format(_) => "format",
            Constraint::Syntax { .. } => "syntax",
            Constraint::UnknownField(_) => "unknown_field",
            Constraint::DuplicateField => "duplicate_field",
            Constraint::MaxBytes(_) | Constraint::MaxDepth(_) => "limit",
            Constraint::Invalid => "invalid",
            Constraint::Rule { code, .. } => code,
            Constraint::Custom { code, .. } => code,
            Constraint::Relabeled { code, .. } => code,
        }
    }
}

impl fmt::Display for Constraint {
    /// The AWS wording of the broken rule: `Member must ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constraint::MinLength(n) => rules::length::fmt_min(*n, f),
            Constraint::MaxLength(n) => rules::length::fmt_max(*n, f),
            Constraint::Pattern(p) => rules::pattern::fmt(p, f),
            Constraint::Enum(values) => rules::one_of::fmt(values, f),
            Constraint::Minimum(n) => rules::range::fmt(n, true, false, f),
            Constraint::Maximum(n) => rules::range::fmt(n, false, false, f),
            Constraint::ExclusiveMinimum(n) => rules::range::fmt(n, true, true, f),
            Constraint::ExclusiveMaximum(n) => rules::range::fmt(n, false, true, f),
            Constraint::Required => f.write_str("Member must not be null"),
            Constraint::Type(t) => write!(f, "Member must be of type {t}"),
            Constraint::Format(name) => write!(f, "Member must be a valid {name}"),
            Constraint::Syntax {
                reason,
                line,
                column,
            } => write!(
                f,
                "Member must be valid JSON: {reason} at line {line} column {column}"
            ),
            Constraint::UnknownField(known) => {
                f.write_str("Member must not be present (known members: ")?;
                write_list(known, f)?;
                f.write_str(")")
            }
            Constraint::DuplicateField => f.write_str("Member must not appear more than once"),
            Constraint::Custom { message, .. } => f.write_str(message),
            Constraint::Relabeled { message, .. } => f.write_str(message),
            Constraint::Rule { text, arg, .. } => {
                f.write_str(text)?;
                f.write_str(arg)
            }
            Constraint::MaxBytes(n) => {
                write!(f, "Member must have size less than or equal to {n} bytes")
            }
            Constraint::MaxDepth(n) => {
                write!(
                    f,
                    "Member must have nesting depth less than or equal to {n}"
                )
            }
            Constraint::Invalid => f.write_str("Member must be a valid value of its type"),
        }
    }
}

/// `[a, b, c]`: a list of names or values as AWS writes one in a message.
pub(crate) fn write_list(items: &[&str], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("[")?;
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(v)?;
    }
    f.write_str("]")
}

/// A rendered JSON Pointer, stored without allocating when it is short (most
/// are: `/UserName`, `/Children/2/Name`), so recording a violation costs no
/// allocation beyond the report's own vector.
#[derive(Clone)]
enum PathText {
    /// Up to [`PathText::INLINE`] bytes of UTF-8; `len` of them are used.
    Inline {
        len: u8,
        bytes: [u8; PathText::INLINE],
    },
    Heap(Box<str>),
    /// A pointer known at compile time (a top-level member of a derived
    /// struct): nothing is copied.
    Static(&'static str),
}

impl PathText {
    const INLINE: usize = 30;
    const EMPTY: PathText = PathText::Inline {
        len: 0,
        bytes: [0; PathText::INLINE],
    };

    fn as_str(&self) -> &str {
        match self {
            // Only whole `&str`s are ever copied in, so this cannot fail.
            PathText::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            PathText::Heap(s) => s,
            PathText::Static(s) => s,
        }
    }

    #[inline]
    fn render(path: &Path<'_>) -> PathText {
        if let Some(s) = path.as_static() {
            return PathText::Static(s);
        }
        let mut bytes = [0u8; PathText::INLINE];
        match path.render_bytes(&mut bytes, 0) {
            Some(len) => PathText::Inline {
                len: len as u8,
                bytes,
            },
            None => PathText::Heap(path.render().into_boxed_str()),
        }
    }

    fn push_str(&mut self, piece: &str) {
        match self {
            PathText::Inline { len, bytes } => {
                let at = usize::from(*len);
                let end = at + piece.len();
                if end <= PathText::INLINE {
                    bytes[at..end].copy_from_slice(piece.as_bytes());
                    *len = end as u8;
                } else {
                    let mut s = String::with_capacity(end.max(64));
                    s.push_str(self.as_str());
                    s.push_str(piece);
                    *self = PathText::Heap(s.into_boxed_str());
                }
            }
            PathText::Heap(s) => {
                let mut owned = std::mem::take(s).into_string();
                owned.push_str(piece);
                *s = owned.into_boxed_str();
            }
            PathText::Static(s) => {
                let mut owned = String::with_capacity(s.len() + piece.len());
                owned.push_str(s);
                owned.push_str(piece);
                *self = PathText::Heap(owned.into_boxed_str());
            }
        }
    }
}

impl From<String> for PathText {
    fn from(s: String) -> Self {
        if s.len() <= PathText::INLINE {
            let mut out = PathText::EMPTY;
            out.push_str(&s);
            out
        } else {
            PathText::Heap(s.into_boxed_str())
        }
    }
}

impl PartialEq for PathText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl fmt::Debug for PathText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for PathText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken rule at one place in the payload.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    path: PathText,
    constraint: Constraint,
}

impl Violation {
    /// A violation at an already rendered JSON Pointer.
    pub fn new(path: impl Into<String>, constraint: Constraint) -> Self {
        Violation {
            path: PathText::from(path.into()),
            constraint,
        }
    }

    /// A violation at `path`, rendered as [`ValidationErrors::add`] renders
    /// it (inline or static, without allocating when it is short).
    #[inline]
    pub(crate) fn at(path: &Path<'_>, constraint: Constraint) -> Self {
        Violation {
            path: PathText::render(path),
            constraint,
        }
    }

    /// JSON Pointer of serialized member names: `/UserName`, `/Children/2/Name`.
    pub fn path(&self) -> &str {
        self.path.as_str()
    }

    /// Stable machine code: `length`, `pattern`, `enum`, `range`, `required`,
    /// `type`, `format`, and for payloads read with `from_json`: `syntax`,
    /// `unknown_field`, `duplicate_field`, `limit`, `invalid`.
    pub fn code(&self) -> &'static str {
        self.constraint.code()
    }

    /// The rule that was broken.
    pub fn constraint(&self) -> &Constraint {
        &self.constraint
    }

    /// AWS wording: `Value at '/UserName' failed to satisfy constraint: Member must ...`.
    pub fn message(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Value at '{}' failed to satisfy constraint: {}",
            self.path, self.constraint
        )
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Violation", 3)?;
        s.serialize_field("path", self.path())?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.message())?;
        s.end()
    }
}

/// Every violation found in a value, in the order the fields were declared.
///
/// `Display` gives the AWS report: `2 validation errors detected: <msg>; <msg>`.
/// Serializes as `{"message": "...", "fieldList": [{"path", "code", "message"}]}`,
/// ready to be an HTTP 400 body.
///
/// A report can be capped ([`with_max`](Self::with_max); `from_json` caps at
/// [`Limits::max_violations`](crate::Limits::max_violations)): past the cap
/// violations are counted, not kept, so a hostile payload cannot make the
/// report much larger than the cap. [`len`](Self::len) counts them all,
/// [`violations`](Self::violations) holds the kept ones, and the message ends
/// with `; and 7 more` when some were left out.
#[derive(Clone, Debug)]
pub struct ValidationErrors {
    violations: Vec<Violation>,
    /// Found past `max`, counted only.
    omitted: usize,
    max: usize,
}

/// Two reports are equal when they found the same: the same kept violations
/// and the same count of omitted ones, whatever their caps.
impl PartialEq for ValidationErrors {
    fn eq(&self, other: &Self) -> bool {
        self.violations == other.violations && self.omitted == other.omitted
    }
}

impl Default for ValidationErrors {
    #[inline]
    fn default() -> Self {
        ValidationErrors {
            violations: Vec::new(),
            omitted: 0,
            max: usize::MAX,
        }
    }
}

impl ValidationErrors {
    /// An empty report, to be filled by
    /// [`Validate::validate_into`](crate::Validate::validate_into); it keeps
    /// every violation.
    #[inline]
    pub fn new() -> Self {
        Self::default()
    }

    /// The report of `violations` in order, kept as [`push`](Self::push)
    /// would keep them one by one into [`with_max`](Self::with_max)`(max)`.
    pub(crate) fn from_violations(mut violations: Vec<Violation>, max: usize) -> Self {
        let max = max.max(1);
        let omitted = violations.len().saturating_sub(max);
        violations.truncate(max);
        ValidationErrors {
            violations,
            omitted,
            max,
        }
    }

    /// An empty report that keeps the first `max` violations (at least one)
    /// and only counts the rest.
    #[inline]
    pub fn with_max(max: usize) -> Self {
        ValidationErrors {
            max: max.max(1),
            ..Self::default()
        }
    }

    /// The kept violations, in declaration order (all of them unless the
    /// report is capped).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Number of violations found, kept or not.
    #[inline]
    pub fn len(&self) -> usize {
        self.violations.len() + self.omitted
    }

    /// Number of violations found past the cap and left out of
    /// [`violations`](Self::violations).
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// True when the next violation would only be counted.
    pub(crate) fn is_full(&self) -> bool {
        self.violations.len() >= self.max
    }

    /// True when nothing was found.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Records a violation at `path` (only counts it past the cap).
    #[inline]
    pub fn add(&mut self, path: &Path<'_>, constraint: Constraint) {
        if self.violations.len() < self.max {
            self.violations.push(Violation {
                path: PathText::render(path),
                constraint,
            });
        } else {
            self.omitted += 1;
        }
    }

    /// Gives every violation kept since `start` (an earlier [`len`]'s
    /// count of kept ones) the annotation's `code` and `message`: what
    /// `length(.., code = "..", message = "..")` emits around its rule.
    ///
    /// [`len`]: Self::len
    #[doc(hidden)]
    pub fn relabel_since(
        &mut self,
        start: usize,
        code: Option<&'static str>,
        message: Option<&'static str>,
    ) {
        for v in self.violations.iter_mut().skip(start) {
            let of = std::mem::replace(&mut v.constraint, Constraint::Invalid);
            v.constraint = of.relabeled(code, message);
        }
    }

    /// [`relabel_since`](Self::relabel_since) for the `required` violation
    /// recorded at `path` itself (a missing or `null` member read with
    /// `required(code = .., message = ..)`), leaving every other one alone.
    #[doc(hidden)]
    pub fn relabel_required_since(
        &mut self,
        start: usize,
        path: &Path<'_>,
        code: Option<&'static str>,
        message: Option<&'static str>,
    ) {
        if self.violations.len() <= start {
            return;
        }
        let at = path.render();
        for v in self.violations.iter_mut().skip(start) {
            if v.constraint == Constraint::Required && v.path() == at {
                v.constraint = Constraint::Required.relabeled(code, message);
            }
        }
    }

    /// The number of violations kept so far (not those only counted).
    #[doc(hidden)]
    pub fn kept(&self) -> usize {
        self.violations.len()
    }

    /// Records an already built violation (only counts it past the cap).
    pub fn push(&mut self, violation: Violation) {
        if self.violations.len() < self.max {
            self.violations.push(violation);
        } else {
            self.omitted += 1;
        }
    }

    /// `Ok(())` when empty, the report otherwise.
    #[inline]
    pub fn into_result(self) -> Result<(), ValidationErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.violations.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.len();
        let noun = if n == 1 { "error" } else { "errors" };
        write!(f, "{n} validation {noun} detected: ")?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            fmt::Display::fmt(v, f)?;
        }
        if self.omitted > 0 {
            if !self.violations.is_empty() {
                f.write_str("; ")?;
            }
            write!(f, "and {} more", self.omitted)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl Serialize for ValidationErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(2))?;
        m.serialize_entry("message", &self.to_string())?;
        m.serialize_entry("fieldList", &self.violations)?;
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_uses_aws_wording_and_pluralizes() {
        let mut e = ValidationErrors::new();
        let root = Path::ROOT;
        e.add(&root.field("UserName"), Constraint::MaxLength(64));
        assert_eq!(
            e.to_string(),
            "1 validation error detected: Value at '/UserName' failed to satisfy constraint: \
             Member must have length less than or equal to 64"
        );
        e.add(
            &root.field("Status"),
            Constraint::Enum(&["Active", "Inactive"]),
        );
        assert_eq!(
            e.to_string(),
            "2 validation errors detected: Value at '/UserName' failed to satisfy constraint: \
             Member must have length less than or equal to 64; Value at '/Status' failed to \
             satisfy constraint: Member must satisfy enum value set: [Active, Inactive]"
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["fieldList"][1]["code"], "enum");
        assert_eq!(json["fieldList"][0]["path"], "/UserName");
        assert_eq!(json["message"], e.to_string());
    }

    #[test]
    fn a_capped_report_keeps_the_first_and_counts_the_rest() {
        let root = Path::ROOT;
        let mut e = ValidationErrors::with_max(2);
        for name in ["A", "B", "C", "D", "E"] {
            e.add(&root.field(name), Constraint::Required);
        }
        e.push(Violation::new("/F", Constraint::Required));
        assert_eq!(e.len(), 6);
        assert_eq!(e.omitted(), 4);
        let kept: Vec<_> = e.violations().iter().map(Violation::path).collect();
        assert_eq!(kept, ["/A", "/B"]);
        assert_eq!(
            e.to_string(),
            "6 validation errors detected: Value at '/A' failed to satisfy constraint: \
             Member must not be null; Value at '/B' failed to satisfy constraint: \
             Member must not be null; and 4 more"
        );
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["fieldList"].as_array().unwrap().len(), 2);
        assert_eq!(json["message"], e.to_string());
        assert!(e.clone().into_result().is_err());

        // Never fewer than one kept; uncapped keeps everything.
        let mut one = ValidationErrors::with_max(0);
        one.add(&root, Constraint::Invalid);
        one.add(&root, Constraint::Invalid);
        assert_eq!((one.violations().len(), one.omitted()), (1, 1));
        let mut all = ValidationErrors::new();
        for _ in 0..1000 {
            all.add(&root, Constraint::Invalid);
        }
        assert_eq!((all.violations().len(), all.omitted()), (1000, 0));
    }
}
