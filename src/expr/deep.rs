//! `Clone`, `PartialEq`, `Debug` and (with the `serde` feature) `Serialize`
//! / `Deserialize` of trees of any depth.
//!
//! Every recursion through the tree passes through [`Expr`] (an expression
//! inside an expression, a query inside an expression) or [`Query`] (a
//! member of a set operation, a derived table, a CTE body). The impls of
//! these two types are written by hand, each the derived code wrapped in
//! [`stacker::maybe_grow`]: when less than [`RED_ZONE`] of the stack is left,
//! the call continues on a fresh heap-allocated segment, so cloning,
//! comparing, debug-printing or (de)serializing a tree nested 100,000 deep
//! does not overflow the stack (`{:#?}` indents the first
//! [`PRETTY_LEVELS`] levels and prints the rest as `{:?}` does). The check is a comparison of the stack
//! pointer with a thread-local limit: a tree of ordinary depth never
//! allocates a segment. Rendering needs none of this (it is bounded by
//! [`Dialect::max_depth`](crate::Dialect::max_depth)); dropping is handled
//! by the `drop` module without recursion.

use std::fmt;

use super::Expr;
use crate::stmt::Query;

/// The stack that must be left when entering a node; below it, a new
/// segment is allocated. Ample for one level of any of the impls (derived
/// `Debug` with `{:#?}`, a serde format's frames) in debug builds.
const RED_ZONE: usize = 128 * 1024;

/// The size of each stack segment allocated past the red zone.
const SEGMENT: usize = 2 * 1024 * 1024;

/// Runs `f`, on a new stack segment if this one is nearly used up.
#[inline]
pub(crate) fn grow<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}

/// How many levels of [`Expr`] / [`Query`] `{:#?}` indents; deeper levels
/// print compactly, as `{:?}` does. Each indented level wraps the output in
/// one more of the standard library's indenting adapters, through which
/// every write passes (a recursion as deep as the indentation, that no
/// stack growth reaches).
const PRETTY_LEVELS: usize = 32;

thread_local! {
    /// The levels being pretty-printed on this thread.
    static PRETTY_DEPTH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Debug-prints `value` with `body` (the derived code), within [`grow`];
/// with `{:#?}`, compactly past [`PRETTY_LEVELS`] levels.
fn debug<T: fmt::Debug>(
    value: &T,
    f: &mut fmt::Formatter<'_>,
    body: impl FnOnce(&mut fmt::Formatter<'_>) -> fmt::Result,
) -> fmt::Result {
    grow(|| {
        if !f.alternate() {
            return body(f);
        }
        let depth = PRETTY_DEPTH.with(std::cell::Cell::get);
        if depth >= PRETTY_LEVELS {
            // A new formatter without `#`: nothing below indents.
            return write!(f, "{value:?}");
        }
        PRETTY_DEPTH.with(|d| d.set(depth + 1));
        let result = body(f);
        PRETTY_DEPTH.with(|d| d.set(depth));
        result
    })
}

/// `Clone`, `PartialEq` and `Debug` as derived, within [`grow`], for an enum
/// whose variants have one field each (and optionally unit variants).
macro_rules! deep_impls {
    ($t:ident { units: [$($u:ident),*], fields: [$($v:ident),* $(,)?] }) => {
        impl Clone for $t {
            fn clone(&self) -> Self {
                grow(|| match self {
                    $($t::$u => $t::$u,)*
                    $($t::$v(x) => $t::$v(x.clone()),)*
                })
            }
        }

        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                grow(|| match (self, other) {
                    $(($t::$u, $t::$u) => true,)*
                    $(($t::$v(a), $t::$v(b)) => a == b,)*
                    _ => false,
                })
            }
        }

        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                debug(self, f, |f| match self {
                    $($t::$u => f.write_str(stringify!($u)),)*
                    $($t::$v(x) => f.debug_tuple(stringify!($v)).field(x).finish(),)*
                })
            }
        }
    };
}

deep_impls!(Expr {
    units: [Null],
    fields: [
        Column, Value, Bool, Raw, Star, Binary, Unary, And, Or, IsNull, Between, InList,
        InSubquery, Like, Function, Cast, Case, Exists, Subquery, Tuple, Label, Over, Filter,
        Quantified, Extract, Param,
    ]
});

deep_impls!(Query {
    units: [],
    fields: [Select, Compound]
});

/// `Serialize` and `Deserialize` through the derived code (generated as
/// inherent functions by `#[serde(remote = "Self")]`), within [`grow`].
#[cfg(feature = "serde")]
macro_rules! deep_serde {
    ($($t:ident),*) => {
        $(
            impl serde::Serialize for $t {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    grow(|| $t::serialize(self, s))
                }
            }

            impl<'de> serde::Deserialize<'de> for $t {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    grow(|| $t::deserialize(d))
                }
            }
        )*
    };
}

#[cfg(feature = "serde")]
deep_serde!(Expr, Query);
