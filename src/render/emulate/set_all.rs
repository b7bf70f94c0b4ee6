//! `INTERSECT ALL` / `EXCEPT ALL` where the dialect has only `INTERSECT` /
//! `EXCEPT`: each member's rows are numbered within their group of equal
//! rows, so the n-th copy of a row meets only the n-th copy on the other
//! side, and the set operation on (row, number) keeps the multiset answer.
//!
//! ```sql
//! SELECT "_s"."a", "_s"."b" FROM (
//!   SELECT "_l"."a", "_l"."b",
//!          ROW_NUMBER() OVER (PARTITION BY "_l"."a", "_l"."b" ORDER BY "_l"."a", "_l"."b") AS "_rn"
//!   FROM (left) AS "_l"
//!   EXCEPT
//!   SELECT "_r"."x", "_r"."y",
//!          ROW_NUMBER() OVER (PARTITION BY "_r"."x", "_r"."y" ORDER BY "_r"."x", "_r"."y") AS "_rn"
//!   FROM (right) AS "_r"
//! ) AS "_s" [ORDER BY ...] [LIMIT ...]
//! ```
//!
//! A row appearing m times on the left and n times on the right comes out
//! min(m, n) times (INTERSECT ALL) or max(m - n, 0) times (EXCEPT ALL), as
//! in PostgreSQL; NULLs are equal to each other both in PARTITION BY and in
//! the set operation. The rows of a group are identical, so the order in
//! which they are numbered does not matter. The members keep their
//! correlation to an enclosing query. Their output columns are read by name:
//! each must be a column or labelled, with distinct names.

use crate::render::emulate::{leftmost, output_name};
use crate::render::expr::render_subquery;
use crate::render::{RenderCtx, SqlWriter};
use crate::stmt::{Compound, Query, SetOp};
use crate::{Dialect, Error, Ident, Result};

/// Whether `c` is rendered through this emulation by `d`.
pub fn is_emulated(d: &dyn Dialect, c: &Compound) -> bool {
    matches!(c.op, SetOp::IntersectAll | SetOp::ExceptAll)
        && d.supports_intersect_except()
        && !d.supports_intersect_except_all()
}

fn output_names(q: &Query, construct: &'static str) -> Result<Vec<Ident>> {
    let s = leftmost(q);
    let mut names: Vec<Ident> = Vec::with_capacity(s.columns.len());
    for item in &s.columns {
        let Some(name) = output_name(item) else {
            return Err(Error::invalid(
                construct,
                "its emulation needs every output column to be a column or labelled",
            ));
        };
        if names.contains(name) {
            return Err(Error::invalid(
                construct,
                format!("its emulation needs distinct output column names ({name:?} repeats): label them"),
            ));
        }
        names.push(name.clone());
    }
    Ok(names)
}

fn push_columns(w: &mut SqlWriter<'_>, alias: &str, names: &[Ident]) {
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            w.push(", ");
        }
        w.push_identifier(alias);
        w.push_char('.');
        w.push_identifier(name);
    }
}

/// `SELECT alias.cols, ROW_NUMBER() OVER (PARTITION BY alias.cols ORDER BY
/// alias.cols) AS "_rn" FROM (member) AS alias`.
fn render_numbered(
    w: &mut SqlWriter<'_>,
    member: &Query,
    alias: &str,
    names: &[Ident],
) -> Result<()> {
    w.push("SELECT ");
    push_columns(w, alias, names);
    w.push(", ROW_NUMBER() OVER (PARTITION BY ");
    push_columns(w, alias, names);
    // The rows of a partition are equal; the ORDER BY is for servers that
    // require one in ROW_NUMBER().
    w.push(" ORDER BY ");
    push_columns(w, alias, names);
    w.push(") AS ");
    w.push_identifier("_rn");
    w.push(" FROM ");
    render_subquery(w, member)?;
    w.push(" AS ");
    w.push_identifier(alias);
    Ok(())
}

/// Renders the emulation of `c`, an `INTERSECT ALL` or `EXCEPT ALL`.
pub fn render(w: &mut SqlWriter<'_>, c: &Compound, ctx: RenderCtx) -> Result<()> {
    w.enter_query()?;
    let result = render_body(w, c, ctx);
    w.leave_query();
    result
}

fn render_body(w: &mut SqlWriter<'_>, c: &Compound, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    let (construct, op) = match c.op {
        SetOp::IntersectAll => ("INTERSECT ALL", SetOp::Intersect),
        _ => ("EXCEPT ALL", SetOp::Except),
    };
    let left = output_names(&c.left, construct)?;
    let right = output_names(&c.right, construct)?;
    if left.len() != right.len() {
        return Err(Error::invalid(
            construct,
            "its members return different numbers of columns",
        ));
    }
    if let Some(with) = &c.with {
        d.render_with(w, with)?;
    }
    w.push("SELECT ");
    push_columns(w, "_s", &left);
    w.push(" FROM (");
    render_numbered(w, &c.left, "_l", &left)?;
    w.push_char(' ');
    w.push(op.as_sql());
    w.push_char(' ');
    render_numbered(w, &c.right, "_r", &right)?;
    w.push(") AS ");
    w.push_identifier("_s");
    // The ORDER BY items name output columns, which the outer SELECT keeps.
    crate::render::query::render_compound_tail(w, c, ctx)
}
