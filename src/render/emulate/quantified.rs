//! `x op ANY (q)` / `x op ALL (q)` where the dialect lacks them (`= ANY` and
//! `<> ALL` are `IN` / `NOT IN` there, which mean the same): each row of `q`
//! gets a code for how `x op c` came out, and the largest code decides.
//!
//! ```sql
//! -- x > ALL (q): FALSE (2) beats NULL (1) beats TRUE (0); no row is TRUE
//! (SELECT CASE MAX(CASE WHEN x > "_q"."c" THEN 0 WHEN NOT (x > "_q"."c") THEN 2 ELSE 1 END)
//!         WHEN 2 THEN FALSE WHEN 1 THEN NULL ELSE TRUE END
//!  FROM (q) AS "_q")
//! -- x > ANY (q): TRUE (2) beats NULL (1) beats FALSE (0); no row is FALSE
//! (SELECT CASE MAX(CASE WHEN x > "_q"."c" THEN 2 WHEN NOT (x > "_q"."c") THEN 0 ELSE 1 END)
//!         WHEN 2 THEN TRUE WHEN 1 THEN NULL ELSE FALSE END
//!  FROM (q) AS "_q")
//! ```
//!
//! These are PostgreSQL's three-valued answers: `ALL` over no rows is TRUE,
//! FALSE if some comparison is FALSE, else NULL if some is NULL (a NULL `x`
//! or a NULL row); `ANY` over no rows is FALSE, TRUE if some comparison is
//! TRUE, else NULL if some is NULL. `q` keeps its correlation to the
//! enclosing query; its single output column is read by name (a column's or
//! a label's; any other expression is labelled `"_c"`).

use crate::expr::{BinaryExpr, ColumnRef, Expr, QuantifiedExpr, Relation};
use crate::render::emulate::{is_known_aggregate, leftmost_mut, output_name};
use crate::render::expr::{render_operand, render_subquery};
use crate::render::precedence::level;
use crate::render::select::walk_same_level;
use crate::render::{RenderCtx, SqlWriter};
use crate::{not_, Error, Ident, Result};

const ALIAS: &str = "_q";
const COLUMN: &str = "_c";

/// Renders the emulation of `e` (a comparison other than `= ANY` and
/// `<> ALL`).
pub fn render(w: &mut SqlWriter<'_>, e: &QuantifiedExpr, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    let mut aggregate = false;
    walk_same_level(&e.expr, |x| {
        if let Expr::Function(f) = x {
            aggregate |= is_known_aggregate(&f.func);
        }
    });
    if aggregate {
        // The comparison runs inside the subquery, where the enclosing
        // query's aggregates cannot be used (SQLite: "misuse of aggregate").
        return Err(Error::unsupported(
            d.name(),
            "comparison with ANY / ALL (subquery) of an aggregate",
        ));
    }
    if matches!(*e.expr, Expr::Tuple(_)) {
        return Err(Error::unsupported(
            d.name(),
            "comparison of a row value with ANY / ALL (subquery)",
        ));
    }
    let mut q = (*e.subquery).clone();
    let first = leftmost_mut(&mut q);
    let [item] = first.columns.as_mut_slice() else {
        return Err(Error::invalid(
            "ANY / ALL",
            "the subquery must return exactly one column",
        ));
    };
    let name = match output_name(item) {
        Some(name) => name.clone(),
        None if matches!(item, Expr::Star(_)) => {
            return Err(Error::unsupported(
                d.name(),
                "comparison with ANY / ALL (SELECT *): name the column",
            ))
        }
        None => {
            *item = item.clone().label(COLUMN);
            Ident::from_static(COLUMN)
        }
    };
    let cmp = Expr::Binary(BinaryExpr::new(
        (*e.expr).clone(),
        e.op,
        Expr::Column(ColumnRef::new(
            Some(Relation::Named(Ident::from_static(ALIAS))),
            name,
        )),
    ));
    // The code of a TRUE comparison and of a FALSE one; NULL is 1.
    let (when_true, when_false) = if e.all { ("0", "2") } else { ("2", "0") };
    let ctx = ctx.nested();
    w.push("(SELECT CASE MAX(CASE WHEN ");
    render_operand(w, &cmp, level::ANY, ctx)?;
    w.push(" THEN ");
    w.push(when_true);
    w.push(" WHEN ");
    render_operand(w, &not_(cmp), level::ANY, ctx)?;
    w.push(" THEN ");
    w.push(when_false);
    w.push(" ELSE 1 END) WHEN 2 THEN ");
    // ALL: some row is FALSE; ANY: some row is TRUE.
    w.push_bool(!e.all);
    w.push(" WHEN 1 THEN NULL ELSE ");
    w.push_bool(e.all);
    w.push(" END FROM ");
    render_subquery(w, &q)?;
    w.push(" AS ");
    w.push_identifier(ALIAS);
    w.push_char(')');
    Ok(())
}
