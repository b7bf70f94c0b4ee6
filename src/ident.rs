//! Identifiers: names of tables, columns, aliases and schemas.

use std::sync::Arc;

/// A name (of a table, column, alias, schema, CTE, ...), cheap to clone.
///
/// A name written in the program (`&'static str`) is kept by reference; any
/// other is shared behind an `Arc`, so cloning never allocates. Identifiers are
/// always quoted and escaped when rendered: any string is a valid name.
///
/// Whether the name is *plain* (see [`Ident::is_plain`]) is decided once,
/// when the `Ident` is made (for a `&'static str` converted with `From`, when
/// a table or column declaration takes it), so that rendering it again and
/// again does not look at its characters again.
#[derive(Clone)]
pub struct Ident(Repr);

// The flag sits next to the enum's tag: an `Ident` stays 24 bytes.
#[derive(Clone)]
enum Repr {
    Static(&'static str, Plain),
    Shared(Arc<str>, Plain),
}

/// Whether a name is plain, or not looked at yet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plain {
    Yes,
    No,
    Unknown,
}

impl Plain {
    const fn of(name: &str) -> Plain {
        if is_plain(name) {
            Plain::Yes
        } else {
            Plain::No
        }
    }
}

/// Whether `name` is plain: not empty, only ASCII letters, digits and `_`.
/// Such a name needs no escaping in any quoting, and no database refuses
/// its characters (only, perhaps, its length).
pub(crate) const fn is_plain(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b.is_ascii_alphanumeric() || b == b'_') {
            return false;
        }
        i += 1;
    }
    true
}

impl Ident {
    /// A name from a string literal, without allocating.
    pub const fn from_static(name: &'static str) -> Self {
        Ident(Repr::Static(name, Plain::of(name)))
    }

    /// Whether the name is plain: not empty and only ASCII letters, digits
    /// and `_` (decided when the `Ident` was made). A plain name is written
    /// between the dialect's quotes as it is, and only its length can make
    /// a dialect refuse it.
    pub fn is_plain(&self) -> bool {
        match &self.0 {
            Repr::Static(_, Plain::Yes) | Repr::Shared(_, Plain::Yes) => true,
            Repr::Static(_, Plain::No) | Repr::Shared(_, Plain::No) => false,
            Repr::Static(s, Plain::Unknown) => is_plain(s),
            Repr::Shared(s, Plain::Unknown) => is_plain(s),
        }
    }

    /// The same name with its plainness decided, for names kept and
    /// rendered many times (a table's and its columns' names): a
    /// `&'static str` converted with `From` (a column name in every row of
    /// an INSERT) is only looked at when rendered.
    pub(crate) fn decided(self) -> Self {
        match self.0 {
            Repr::Static(s, Plain::Unknown) => Ident(Repr::Static(s, Plain::of(s))),
            Repr::Shared(s, Plain::Unknown) => {
                let plain = Plain::of(&s);
                Ident(Repr::Shared(s, plain))
            }
            decided => Ident(decided),
        }
    }

    /// A name from any string.
    pub fn new(name: impl Into<Ident>) -> Self {
        name.into()
    }

    fn shared(s: Arc<str>) -> Self {
        let plain = Plain::of(&s);
        Ident(Repr::Shared(s, plain))
    }

    /// The name as written (unquoted).
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s, _) => s,
            Repr::Shared(s, _) => s,
        }
    }
}

impl PartialEq for Ident {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.as_str(), other.as_str());
        // The same name written once in the program (or shared) is the same
        // memory: no need to compare the bytes.
        (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
    }
}

str_newtype_impls!(Ident);

impl From<&'static str> for Ident {
    fn from(s: &'static str) -> Self {
        Ident(Repr::Static(s, Plain::Unknown))
    }
}

impl From<String> for Ident {
    fn from(s: String) -> Self {
        Ident::shared(s.into())
    }
}

impl From<&String> for Ident {
    fn from(s: &String) -> Self {
        Ident::shared(s.as_str().into())
    }
}

impl From<Arc<str>> for Ident {
    fn from(s: Arc<str>) -> Self {
        Ident::shared(s)
    }
}

impl From<&Ident> for Ident {
    fn from(s: &Ident) -> Self {
        s.clone()
    }
}

/// Deserialised from a string.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Ident {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Ident::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Ident;

    #[test]
    fn plainness_is_decided_when_made_and_costs_no_room() {
        assert_eq!(std::mem::size_of::<Ident>(), 24);
        assert!(Ident::from_static("user_id2").is_plain());
        assert!(Ident::from(String::from("Users")).is_plain());
        assert!(Ident::from("id").is_plain());
        assert!(Ident::from("id").decided().is_plain());
        assert!(!Ident::from("a b").decided().is_plain());
        for name in ["", "a b", "a\"b", "a`b", "é", "a\0", "a-b", "a.b"] {
            assert!(!Ident::from(name.to_string()).is_plain(), "{name:?}");
            assert!(!Ident::new(name).is_plain(), "{name:?}");
        }
    }
}
