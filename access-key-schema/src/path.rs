//! JSON Pointer paths, built on the stack while validating and rendered only
//! when a violation is recorded, so a valid value costs no allocation.

use std::fmt::Write as _;

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
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        match *self {
            Path::Root => {}
            Path::Field(parent, name) => {
                parent.render_into(out);
                out.push('/');
                for c in name.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Path::Index(parent, index) => {
                parent.render_into(out);
                let _ = write!(out, "/{index}");
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
    }
}
