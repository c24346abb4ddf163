//! `url::Url` fields (cargo feature `url`): the `url` rule's language, so
//! `from_json` accepts exactly what the schema does. The `url` crate (the
//! WHATWG parser) accepts far more (`http:example.com`, IP hosts,
//! spaces it escapes, any port up to 65535 written any way): a string
//! outside the language is a `format` violation before the crate sees it,
//! and every string of the language parses (tested on the rule's probes and
//! the vectors' samples). Schema: `format: uri` and the rule's patterns.

use ::url::Url;

use super::{foreign_impls, Foreign};
use crate::rules::format::Format;

impl Foreign for Url {
    fn format() -> &'static Format {
        &crate::rules::url::FORMAT
    }
    fn read(s: &str) -> Option<Self> {
        if Self::format().matches(s) {
            Url::parse(s).ok()
        } else {
            None
        }
    }
}
foreign_impls!(Url);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of the language that the tests and vectors know parses
    /// with the `url` crate.
    #[test]
    fn the_language_parses() {
        let mut seen = 0;
        for s in crate::rules::url::tests::ACCEPT
            .iter()
            .chain(crate::vectors::format_samples("uri"))
        {
            if crate::rules::url::FORMAT.matches(s) {
                assert!(Url::parse(s).is_ok(), "{s}");
                seen += 1;
            }
        }
        assert!(seen > 20, "{seen}");
        // Strings the crate accepts but the language does not.
        for s in [
            "http:example.com",
            "http://[::1]/",
            "http://example.com/a b",
            "http://a.b:080/",
        ] {
            assert!(Url::parse(s).is_ok());
            assert!(Url::read(s).is_none(), "{s}");
        }
    }
}
