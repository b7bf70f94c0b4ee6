//! Emulations of constructs a dialect lacks, each behind the capability
//! flag that says it is missing, each giving the rows PostgreSQL gives for
//! the native construct (NULLs and duplicates included):
//!
//! - [`quantified`]: `x op ANY / ALL (subquery)` as an aggregate over the
//!   subquery ([`Dialect::supports_quantified_subquery`]);
//! - [`full_join`]: `FULL OUTER JOIN` as a LEFT JOIN and the unmatched right
//!   rows, `UNION ALL` ([`Dialect::supports_full_join`]);
//! - [`set_all`]: `INTERSECT ALL` / `EXCEPT ALL` as `INTERSECT` / `EXCEPT` of
//!   rows numbered with `ROW_NUMBER()`
//!   ([`Dialect::supports_intersect_except_all`]).
//!
//! [`Dialect::supports_quantified_subquery`]: crate::Dialect::supports_quantified_subquery
//! [`Dialect::supports_full_join`]: crate::Dialect::supports_full_join
//! [`Dialect::supports_intersect_except_all`]: crate::Dialect::supports_intersect_except_all

pub mod full_join;
pub mod quantified;
pub mod set_all;

use crate::expr::{Expr, Func};
use crate::stmt::{Query, Select};
use crate::Ident;

/// The first SELECT of a query: the one that names its output columns.
pub(crate) fn leftmost(q: &Query) -> &Select {
    let mut q = q;
    loop {
        match q {
            Query::Select(s) => return s,
            Query::Compound(c) => q = &c.left,
        }
    }
}

/// The first SELECT of a query, to rewrite.
pub(crate) fn leftmost_mut(q: &mut Query) -> &mut Select {
    let mut q = q;
    loop {
        match q {
            Query::Select(s) => return s,
            Query::Compound(c) => q = &mut c.left,
        }
    }
}

/// The name a select-list item gives its output column, when it gives one
/// the renderer knows (a column or a label).
pub(crate) fn output_name(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Column(c) => Some(&c.name),
        Expr::Label(l) => Some(&l.name),
        _ => None,
    }
}

/// Whether `f` is one of the aggregates the renderer knows by name.
pub(crate) fn is_known_aggregate(f: &Func) -> bool {
    matches!(
        f,
        Func::Count | Func::Sum | Func::Avg | Func::Min | Func::Max
    )
}
