//! Identifiers: names of tables, columns, aliases and schemas.

use std::sync::Arc;

/// A name (of a table, column, alias, schema, CTE, ...), cheap to clone.
///
/// A name written in the program (`&'static str`) is kept by reference; any
/// other is shared behind an `Arc`, so cloning never allocates. Identifiers are
/// always quoted and escaped when rendered: any string is a valid name.
#[derive(Clone)]
pub struct Ident(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Ident {
    /// A name from a string literal, without allocating.
    pub const fn from_static(name: &'static str) -> Self {
        Ident(Repr::Static(name))
    }

    /// A name from any string.
    pub fn new(name: impl Into<Ident>) -> Self {
        name.into()
    }

    /// The name as written (unquoted).
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
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
        Ident(Repr::Static(s))
    }
}

impl From<String> for Ident {
    fn from(s: String) -> Self {
        Ident(Repr::Shared(s.into()))
    }
}

impl From<&String> for Ident {
    fn from(s: &String) -> Self {
        Ident(Repr::Shared(s.as_str().into()))
    }
}

impl From<Arc<str>> for Ident {
    fn from(s: Arc<str>) -> Self {
        Ident(Repr::Shared(s))
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
