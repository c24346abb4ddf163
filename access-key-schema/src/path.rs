//! JSON Pointer paths, built on the stack while validating and rendered only
//! when a violation is recorded, so a valid value costs no allocation.

/// Where a value sits in the payload, as a chain of serialized member names
/// and array indexes. Rendered as a JSON Pointer (RFC 6901): `/Children/2/Name`.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    /// The payload itself: renders as the empty pointer `""`.
    Root,
    /// A member of an object, by its serialized (JSON) name.
    Field(&'a Path<'a>, &'a str),
    /// An element of an array.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The root path.
    pub const ROOT: Path<'static> = Path::Root;

    /// The path of member `name` below this one.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of element `index` below this one.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// Renders the JSON Pointer, escaping `~` as `~0` and `/` as `~1`.
    pub fn render(&self) -> String {
        let mut len = 0;
        let mut at: &Path<'_> = self;
        loop {
            match *at {
                Path::Root => break,
                Path::Field(parent, name) => {
                    len +=
                        1 + name.len() + name.bytes().filter(|&b| b == b'~' || b == b'/').count();
                    at = parent;
                }
                Path::Index(parent, _) => {
                    len += 21;
                    at = parent;
                }
            }
        }
        let mut buf = vec![0u8; len];
        let end = self.render_bytes(&mut buf, 0).unwrap_or(0);
        buf.truncate(end);
        // Whole `&str`s, ASCII escapes and digits: always UTF-8.
        String::from_utf8(buf).unwrap_or_default()
    }

    /// Renders the JSON Pointer into `buf` from `at`; the end, or `None`
    /// when it does not fit. The report stores short pointers inline this
    /// way, without allocating.
    pub(crate) fn render_bytes(&self, buf: &mut [u8], at: usize) -> Option<usize> {
        match *self {
            Path::Root => Some(at),
            Path::Field(parent, name) => {
                let mut at = parent.render_bytes(buf, at)?;
                *buf.get_mut(at)? = b'/';
                at += 1;
                if !name.bytes().any(|b| b == b'~' || b == b'/') {
                    let end = at + name.len();
                    buf.get_mut(at..end)?.copy_from_slice(name.as_bytes());
                    return Some(end);
                }
                for b in name.bytes() {
                    let escaped: &[u8] = match b {
                        b'~' => b"~0",
                        b'/' => b"~1",
                        _ => std::slice::from_ref(&b),
                    };
                    let end = at + escaped.len();
                    buf.get_mut(at..end)?.copy_from_slice(escaped);
                    at = end;
                }
                Some(at)
            }
            Path::Index(parent, index) => {
                let at = parent.render_bytes(buf, at)?;
                let mut digits = [0u8; 21];
                let mut start = digits.len();
                let mut n = index;
                loop {
                    start -= 1;
                    digits[start] = b'0' + (n % 10) as u8;
                    n /= 10;
                    if n == 0 {
                        break;
                    }
                }
                start -= 1;
                digits[start] = b'/';
                let end = at + (digits.len() - start);
                buf.get_mut(at..end)?.copy_from_slice(&digits[start..]);
                Some(end)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_json_pointers_with_escapes() {
        let root = Path::ROOT;
        assert_eq!(root.render(), "");
        let children = root.field("Children");
        let second = children.index(2);
        assert_eq!(second.field("Name").render(), "/Children/2/Name");
        assert_eq!(root.field("a/b~c").render(), "/a~1b~0c");
        assert_eq!(root.field("~~x/").render(), "/~0~0x~1");
        assert_eq!(
            root.index(0).index(usize::MAX).render(),
            "/0/18446744073709551615"
        );
    }
}
