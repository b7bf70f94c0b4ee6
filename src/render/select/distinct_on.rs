//! The emulation of `SELECT DISTINCT ON (keys)` where the dialect lacks it:
//!
//! ```sql
//! SELECT "_d"."a", "_d"."b" FROM (
//!     SELECT a, b, ROW_NUMBER() OVER (PARTITION BY keys ORDER BY order) AS "_rn",
//!            order_1 AS "_o0", ...
//!     FROM ... WHERE ...
//! ) AS "_d" WHERE "_d"."_rn" = ? /* 1 */ ORDER BY "_d"."_o0", ...
//! ```
//!
//! The first row of each group in ORDER BY order, as PostgreSQL keeps; the
//! output columns need names (columns or labels). An ORDER BY or DISTINCT ON
//! item that is a bare name of a label of the select list means that
//! label's expression (as in PostgreSQL, where an output name wins), since a
//! window's PARTITION BY / ORDER BY and the inner select list cannot refer to
//! an output name.

use crate::expr::func::row_number;
use crate::expr::{window, ColumnRef, Expr, OrderBy, Relation};
use crate::stmt::{FromItem, Query, Select};
use crate::{Error, Ident, Result, Value};

const ALIAS: &str = "_d";

fn outer_col(name: impl Into<Ident>) -> Expr {
    Expr::Column(ColumnRef::new(
        Some(Relation::Named(Ident::from_static(ALIAS))),
        name,
    ))
}

/// `e`, or the expression of the select-list label it names when it is a
/// bare (unqualified) name of one; a label's expression for a label.
fn resolve_label(s: &Select, e: &Expr) -> Expr {
    if let Expr::Label(l) = e {
        return (*l.expr).clone();
    }
    if let Expr::Column(ColumnRef {
        relation: None,
        name,
    }) = e
    {
        let label = s.columns.iter().find_map(|c| match c {
            Expr::Label(l) if l.name == *name => Some(&*l.expr),
            _ => None,
        });
        if let Some(expr) = label {
            return expr.clone();
        }
    }
    e.clone()
}

/// The SELECT that emulates `s` (which has DISTINCT ON) with ROW_NUMBER().
pub fn emulate(s: &Select) -> Result<Select> {
    if s.lock.is_some() {
        return Err(Error::invalid(
            "DISTINCT ON",
            "its emulation cannot take a locking clause",
        ));
    }
    let mut names: Vec<Ident> = Vec::with_capacity(s.columns.len());
    for c in &s.columns {
        match c {
            Expr::Label(l) => names.push(l.name.clone()),
            Expr::Column(c) => names.push(c.name.clone()),
            _ => {
                return Err(Error::invalid(
                    "DISTINCT ON",
                    "its emulation needs every output column to be a column or labelled",
                ))
            }
        }
    }
    let mut inner = s.clone();
    inner.with = None;
    inner.distinct_on = Vec::new();
    inner.order_by = Vec::new();
    inner.limit = None;
    inner.offset = None;
    let resolved: Vec<OrderBy> = s
        .order_by
        .iter()
        .map(|o| OrderBy {
            expr: resolve_label(s, &o.expr),
            direction: o.direction,
            nulls: o.nulls,
        })
        .collect();
    inner.columns.push(
        row_number()
            .over(
                window()
                    .partition_by(s.distinct_on.iter().map(|e| resolve_label(s, e)))
                    .order_by(resolved.iter().cloned()),
            )
            .label("_rn"),
    );
    let mut order_by = Vec::with_capacity(resolved.len());
    for (i, o) in resolved.into_iter().enumerate() {
        let name = format!("_o{i}");
        inner.columns.push(o.expr.label(name.clone()));
        order_by.push(OrderBy {
            expr: outer_col(name),
            direction: o.direction,
            nulls: o.nulls,
        });
    }
    let mut outer = Select::default();
    outer.with = s.with.clone();
    outer.columns = names.into_iter().map(outer_col).collect();
    outer.from = vec![FromItem::Subquery {
        query: Box::new(Query::from(inner)),
        alias: Ident::from_static(ALIAS),
        lateral: false,
    }];
    outer.where_ = Some(outer_col("_rn").eq(Value::I64(1)));
    outer.order_by = order_by;
    outer.limit = s.limit;
    outer.offset = s.offset;
    Ok(outer)
}
