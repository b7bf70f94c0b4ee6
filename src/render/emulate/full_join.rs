//! `FULL OUTER JOIN` where the dialect lacks it: the rows of the LEFT JOIN,
//! then the right rows that match no left row.
//!
//! ```sql
//! SELECT cols FROM a LEFT JOIN b ON cond WHERE w
//! UNION ALL
//! SELECT cols FROM a RIGHT JOIN b ON FALSE
//! WHERE NOT EXISTS (SELECT 1 FROM a WHERE cond) AND w
//! ```
//!
//! The second member gives each right row once with the left columns NULL,
//! kept when no left row satisfies the ON condition (a NULL key included,
//! which `a.key IS NULL` after a RIGHT JOIN would miss when the left key
//! column is nullable); the inner `a` shadows the outer one. Duplicates are
//! kept (`UNION ALL`) and WHERE applies to the joined row as it does after a
//! full join.
//!
//! This is the full join only when the SELECT does nothing across the joined
//! rows: its FROM is exactly one item FULL JOINed to one other, without
//! DISTINCT, GROUP BY, HAVING, aggregates or window functions, ORDER BY,
//! LIMIT / OFFSET or a locking clause. Any other shape is
//! [`Error::Unsupported`]; wrap the full join in a derived table and apply
//! those outside it.

use crate::expr::{and_, Expr, Func};
use crate::render::emulate::is_known_aggregate;
use crate::render::select::{infer_from, infer_join_condition, walk_same_level};
use crate::render::SqlWriter;
use crate::stmt::{Compound, FromItem, Join, JoinKind, Select, SetOp};
use crate::{not_, raw, Dialect, Error, Result};

/// Whether `s` is rendered through this emulation by `d`.
pub fn is_emulated(d: &dyn Dialect, s: &Select) -> bool {
    !d.supports_full_join() && s.joins.iter().any(|j| j.kind == JoinKind::Full)
}

fn shape_error(d: &dyn Dialect, what: &str) -> Error {
    Error::unsupported(
        d.name(),
        format!(
            "FULL OUTER JOIN (emulated as LEFT JOIN UNION ALL the unmatched right rows) {what}; \
             wrap the full join in a derived table"
        ),
    )
}

/// Whether a select-list item may compute across rows: an aggregate or
/// window function, or a function or raw SQL the renderer cannot see into.
fn spans_rows(e: &Expr) -> bool {
    let mut found = false;
    walk_same_level(e, |x| {
        found |= match x {
            Expr::Function(f) => is_known_aggregate(&f.func) || matches!(f.func, Func::Named(_)),
            Expr::Over(_) | Expr::Filter(_) | Expr::Raw(_) => true,
            _ => false,
        };
    });
    found
}

/// The set operation that stands for `s`, which has a FULL JOIN that `d`
/// lacks, or [`Error::Unsupported`] naming why its shape has none.
pub fn emulate(w: &SqlWriter<'_>, s: &Select) -> Result<Compound> {
    let d = w.dialect();
    let ([left], [join]) = (s.from.as_slice(), s.joins.as_slice()) else {
        return Err(shape_error(
            d,
            "needs a FROM of exactly one item FULL JOINed to one other",
        ));
    };
    let clause = if s.distinct || !s.distinct_on.is_empty() {
        Some("DISTINCT")
    } else if !s.group_by.is_empty() || s.having.is_some() {
        Some("GROUP BY / HAVING")
    } else if !s.order_by.is_empty() {
        Some("ORDER BY")
    } else if s.limit.is_some() || s.offset.is_some() {
        Some("LIMIT / OFFSET")
    } else if s.lock.is_some() {
        Some("a locking clause")
    } else if !s.windows.is_empty() || s.columns.iter().any(spans_rows) {
        Some("aggregates, window functions or opaque functions in the select list")
    } else {
        None
    };
    if let Some(clause) = clause {
        return Err(shape_error(d, &format!("cannot take {clause}")));
    }
    let (implicit, _) = infer_from(s, |key| w.is_correlated(key.0, key.1))?;
    if implicit.iter().next().is_some() {
        return Err(shape_error(
            d,
            "cannot take tables that are referenced but not in FROM",
        ));
    }
    if !d.supports_right_join() {
        return Err(shape_error(d, "needs RIGHT JOIN"));
    }
    let on = match (&join.on, left) {
        (Some(on), _) => on.clone(),
        (None, FromItem::Table { table, alias }) => {
            infer_join_condition(&[(table, alias.as_ref())], &join.target)?
        }
        (None, _) => infer_join_condition(&[], &join.target)?,
    };
    let mut matched = s.clone();
    matched.with = None;
    matched.joins = vec![Join {
        kind: JoinKind::Left,
        target: join.target.clone(),
        on: Some(on.clone()),
    }];
    let mut probe = Select::new().column(raw("1"));
    probe.from = vec![left.clone()];
    probe.where_ = Some(on);
    // The enclosing query's own tables stay correlated as they were.
    probe.correlate = None;
    let no_match = not_(crate::exists(probe));
    let mut unmatched = s.clone();
    unmatched.with = None;
    unmatched.joins = vec![Join {
        kind: JoinKind::Right,
        target: join.target.clone(),
        on: Some(Expr::Bool(false)),
    }];
    unmatched.where_ = Some(match &s.where_ {
        Some(cond) => and_([no_match, cond.clone()]),
        None => no_match,
    });
    let mut c = Compound::new(SetOp::UnionAll, matched, unmatched);
    c.with = s.with.clone();
    Ok(c)
}
