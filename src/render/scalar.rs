//! Rendering of EXTRACT, quantified comparisons (ANY / ALL), named
//! parameters, and the expansion of row values where a dialect lacks them.

use crate::expr::{and_, or_, BinaryOp, Expr, ExtractExpr, InListExpr, QuantifiedExpr};
use crate::render::expr::{render_operand, render_untyped_operand};
use crate::render::precedence::level;
use crate::render::{RenderCtx, SqlWriter};
use crate::{Error, Result};

/// Renders `EXTRACT(FIELD FROM x)`.
pub fn render_extract_default(
    w: &mut SqlWriter<'_>,
    e: &ExtractExpr,
    ctx: RenderCtx,
) -> Result<()> {
    w.push("EXTRACT(");
    w.push(e.field.as_sql());
    w.push(" FROM ");
    render_untyped_operand(w, &e.expr, level::ANY, ctx)?;
    w.push_char(')');
    Ok(())
}

fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
    )
}

/// Renders `x op ANY (subquery)` / `x op ALL (subquery)`; without native
/// support, `= ANY` becomes `IN` and `<> ALL` becomes `NOT IN` (the same
/// meaning, NULLs included) and the rest is emulated by
/// [`emulate::quantified`](crate::render::emulate::quantified).
pub fn render_quantified(w: &mut SqlWriter<'_>, e: &QuantifiedExpr, ctx: RenderCtx) -> Result<()> {
    let d = w.dialect();
    if !is_comparison(e.op) {
        return Err(Error::invalid(
            "ANY / ALL",
            format!("{} is not a comparison operator", e.op.as_sql()),
        ));
    }
    let membership = matches!((e.op, e.all), (BinaryOp::Eq, false) | (BinaryOp::Ne, true));
    if !d.supports_quantified_subquery() && !membership {
        return crate::render::emulate::quantified::render(w, e, ctx);
    }
    render_operand(w, &e.expr, level::PREDICATE + 1, ctx)?;
    if d.supports_quantified_subquery() {
        w.push_char(' ');
        w.push(e.op.as_sql());
        w.push(if e.all { " ALL " } else { " ANY " });
    } else {
        match (e.op, e.all) {
            (BinaryOp::Eq, false) => w.push(" IN "),
            (BinaryOp::Ne, true) => w.push(" NOT IN "),
            _ => {
                return Err(Error::unsupported(
                    d.name(),
                    "comparison with ANY / ALL (subquery)",
                ))
            }
        }
    }
    crate::render::in_subquery::render_in_subquery(w, &e.subquery)
}

fn row_mismatch() -> Error {
    Error::invalid(
        "row value",
        "the row values compared have different lengths",
    )
}

/// The scalar expansion of `(a1, a2, ...) op (b1, b2, ...)`:
/// `=` is `a1 = b1 AND ...`, `<>` is `a1 <> b1 OR ...`, `<` is
/// `a1 < b1 OR (a1 = b1 AND a2 < b2) ...` (with `<=` on the last pair for
/// `<=`).
pub fn expand_row_comparison(
    dialect: &str,
    op: BinaryOp,
    left: &[Expr],
    right: &[Expr],
) -> Result<Expr> {
    if left.len() != right.len() || left.is_empty() {
        return Err(row_mismatch());
    }
    let pairs = left.iter().cloned().zip(right.iter().cloned());
    Ok(match op {
        BinaryOp::Eq => and_(pairs.map(|(a, b)| a.eq(b))),
        BinaryOp::Ne => or_(pairs.map(|(a, b)| a.ne(b))),
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            let strict = match op {
                BinaryOp::Lt | BinaryOp::Le => BinaryOp::Lt,
                _ => BinaryOp::Gt,
            };
            let n = left.len();
            let mut terms = Vec::with_capacity(n);
            for i in 0..n {
                let mut conj: Vec<Expr> = left[..i]
                    .iter()
                    .zip(&right[..i])
                    .map(|(a, b)| a.clone().eq(b.clone()))
                    .collect();
                let this_op = if i + 1 == n { op } else { strict };
                conj.push(Expr::Binary(crate::expr::BinaryExpr::new(
                    left[i].clone(),
                    this_op,
                    right[i].clone(),
                )));
                terms.push(and_(conj));
            }
            or_(terms)
        }
        other => {
            return Err(Error::unsupported(
                dialect.to_owned(),
                format!("row value comparison with {}", other.as_sql()),
            ))
        }
    })
}

/// The scalar expansion of `(a, b) [NOT] IN ((x, y), ...)`.
pub fn expand_row_in_list(dialect: &str, x: &InListExpr) -> Result<Expr> {
    let Expr::Tuple(left) = &*x.expr else {
        return Err(row_mismatch());
    };
    let mut alts = Vec::with_capacity(x.list.len());
    for item in &x.list {
        let Expr::Tuple(right) = item else {
            return Err(row_mismatch());
        };
        alts.push(expand_row_comparison(dialect, BinaryOp::Eq, left, right)?);
    }
    let any = Expr::Or(alts);
    Ok(if x.negated { crate::not_(any) } else { any })
}

/// Renders an expansion built by the functions above, parenthesised so it
/// stands where a predicate stood.
pub fn render_expansion(w: &mut SqlWriter<'_>, e: &Expr, ctx: RenderCtx) -> Result<()> {
    w.push_char('(');
    render_operand(w, e, level::ANY, ctx)?;
    w.push_char(')');
    Ok(())
}
