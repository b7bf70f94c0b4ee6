//! The subquery of `IN` / `NOT IN` / `op ANY` / `op ALL` where the dialect
//! refuses a LIMIT there ([`Dialect::supports_limit_in_in_subquery`]):
//! wrapped in a derived table, which may have one.
//!
//! ```sql
//! x IN (SELECT * FROM (SELECT y FROM t ORDER BY z LIMIT 2) AS "_in")
//! ```
//!
//! A derived table cannot see the enclosing query, so a correlated subquery
//! with a LIMIT is [`Error::Unsupported`] there.

use crate::render::expr::render_subquery;
use crate::render::SqlWriter;
use crate::stmt::{FromItem, Query, Select};
use crate::{Dialect, Error, Expr, Ident, Result};

const ALIAS: &str = "_in";

/// Whether `q` or one of its set-operation members has a LIMIT or OFFSET.
fn has_limit(q: &Query) -> bool {
    let mut todo = vec![q];
    while let Some(q) = todo.pop() {
        match q {
            Query::Select(s) => {
                if s.limit.is_some() || s.offset.is_some() {
                    return true;
                }
            }
            Query::Compound(c) => {
                if c.limit.is_some() || c.offset.is_some() {
                    return true;
                }
                todo.push(&c.left);
                todo.push(&c.right);
            }
        }
    }
    false
}

/// Renders `(subquery)` as the right side of IN / ANY / ALL.
pub fn render_in_subquery(w: &mut SqlWriter<'_>, q: &Query) -> Result<()> {
    let d: &dyn Dialect = w.dialect();
    if d.supports_limit_in_in_subquery() || !has_limit(q) {
        return render_subquery(w, q);
    }
    render_wrapped(w, d, q)
}

/// The derived-table form, apart so that the common path keeps a small
/// stack frame (a query nests through it once per level).
#[inline(never)]
fn render_wrapped(w: &mut SqlWriter<'_>, d: &dyn Dialect, q: &Query) -> Result<()> {
    // Correlated when hiding the enclosing query's FROM names changes the
    // subquery (a name that was the outer table becomes one of its own).
    if w.has_scopes() {
        let mut seen = w.scratch(true);
        render_subquery(&mut seen, q)?;
        let mut hidden = w.scratch(false);
        render_subquery(&mut hidden, q)?;
        if seen.sql() != hidden.sql() {
            return Err(Error::unsupported(
                d.name(),
                "a correlated subquery with LIMIT in IN / ANY / ALL",
            ));
        }
    }
    let mut wrapped = Select::default();
    wrapped.columns = vec![Expr::Star(None)];
    wrapped.from = vec![FromItem::Subquery {
        query: Box::new(q.clone()),
        alias: Ident::from_static(ALIAS),
        lateral: false,
    }];
    render_subquery(w, &Query::from(wrapped))
}
