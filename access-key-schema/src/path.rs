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
    /// A member whose pointer segment (`/` and the escaped name, e.g.
    /// `/AccessKeyId`) was rendered at compile time: what
    /// `#[derive(Validate)]` builds, so recording a violation of a top-level
    /// member copies nothing.
    Segment(&'a Path<'a>, &'static str),
}

impl<'a> Path<'a> {
    /// The root path.
    pub const ROOT: Path<'static> = Path::Root;

    /// The path of member `name` below this one.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// The path of the member whose pointer segment is `segment`: `/`
    /// followed by the name with `~` escaped as `~0` and `/` as `~1`.
    /// Renders exactly as [`field`](Self::field) of the name.
    pub fn segment(&'a self, segment: &'static str) -> Path<'a> {
        Path::Segment(self, segment)
    }

    /// The pointer of a top-level member with a compile-time segment, which
    /// needs no rendering.
    pub(crate) fn as_static(&self) -> Option<&'static str> {
        match *self {
            Path::Root => Some(""),
            Path::Segment(Path::Root, segment) => Some(segment),
            _ => None,
        }
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
                Path::Segment(parent, segment) => {
                    len += segment.len();
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
            Path::Segment(parent, segment) => {
                let at = parent.render_bytes(buf, at)?;
                let end = at + segment.len();
                buf.get_mut(at..end)?.copy_from_slice(segment.as_bytes());
                Some(end)
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

    #[test]
    fn segments_render_as_fields() {
        let root = Path::ROOT;
        for name in ["Name", "a/b~c", "~~x/", "", "é"] {
            let seg: &'static str = Box::leak(root.field(name).render().into_boxed_str());
            assert_eq!(root.segment(seg).render(), root.field(name).render());
            let items = root.segment(seg);
            let deeper = items.index(3);
            assert_eq!(
                deeper.segment(seg).render(),
                root.field(name).index(3).field(name).render()
            );
        }
        assert_eq!(root.segment("/A").as_static(), Some("/A"));
        assert_eq!(root.as_static(), Some(""));
        assert_eq!(root.field("A").as_static(), None);
    }
}
