//! Dropping deep trees in constant stack space.
//!
//! The drop glue the compiler derives for a recursive type recurses once per
//! level, so an expression nested 100,000 deep (built in a loop, or decoded
//! from user input) would overflow the stack when it goes out of scope. The
//! `Drop` impls here move the children of a node onto a heap stack before the
//! node itself is dropped, so every node is dropped with its children already
//! gone (the technique of regex-syntax's `impl Drop for Ast`). Recursion
//! passes through [`Expr`] and, via scalar, `IN` and `EXISTS` subqueries and
//! derived tables, through [`Select`]; chains of set operations (`a UNION b
//! UNION ...`) nest through [`Compound`]: all three are covered.
//!
//! Consequences for code that rewrites trees:
//! - a tree at most a few dozen levels deep is dropped by the plain glue (no
//!   allocation), so the common case costs nothing extra;
//! - because `Expr`, `Select` and `Compound` implement `Drop`, their
//!   contents cannot be moved out by a pattern (`let Expr::And(v) = e`): take them with
//!   `std::mem::take` / `std::mem::replace` through `&mut` instead.
//!
//! `Clone`, `PartialEq`, `Debug` and serde's impls of [`Expr`] and
//! [`Query`] grow the stack on deep trees instead (the `deep` module), so
//! they are safe at any depth too.

use std::mem;

use super::window::{Window, WindowSpec};
use super::Expr;
use crate::stmt::{Compound, FromItem, Query, Select};

/// Whether `e` has no child expressions (nothing to recurse into).
#[inline]
fn is_leaf(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Column(_)
            | Expr::Value(_)
            | Expr::Null
            | Expr::Bool(_)
            | Expr::Raw(_)
            | Expr::Star(_)
    )
}

/// How many levels the derived drop glue may recurse: a tree no deeper than
/// this is dropped by the glue, without the heap stack (and its allocation).
const GLUE_DEPTH: usize = 32;

/// Whether `e` is at most `budget` levels deep (counting subqueries), so the
/// derived glue drops it with bounded recursion. The check itself recurses
/// at most `budget` levels.
fn fits(e: &Expr, budget: usize) -> bool {
    if is_leaf(e) {
        return true;
    }
    let Some(b) = budget.checked_sub(1) else {
        return false;
    };
    match e {
        Expr::Binary(x) => x.operands.iter().all(|e| fits(e, b)),
        Expr::Unary(u) => fits(&u.expr, b),
        Expr::And(v) | Expr::Or(v) | Expr::Tuple(v) => v.iter().all(|e| fits(e, b)),
        Expr::IsNull(x) => fits(&x.expr, b),
        Expr::Between(x) => fits(&x.expr, b) && fits(&x.low, b) && fits(&x.high, b),
        Expr::InList(x) => fits(&x.expr, b) && x.list.iter().all(|e| fits(e, b)),
        Expr::InSubquery(x) => fits(&x.expr, b) && query_fits(&x.subquery, b),
        Expr::Like(x) => fits(&x.expr, b) && fits(&x.pattern, b),
        Expr::Function(f) => f.args.iter().all(|e| fits(e, b)),
        Expr::Cast(c) => fits(&c.expr, b),
        Expr::Case(c) => {
            c.operand.as_deref().map_or(true, |e| fits(e, b))
                && c.else_.as_deref().map_or(true, |e| fits(e, b))
                && c.whens.iter().all(|(x, y)| fits(x, b) && fits(y, b))
        }
        Expr::Exists(x) => query_fits(&x.subquery, b),
        Expr::Subquery(s) => query_fits(s, b),
        Expr::Label(l) => fits(&l.expr, b),
        Expr::Over(o) => {
            fits(&o.func, b)
                && match &*o.window {
                    Window::Spec(spec) => spec_fits(spec, b),
                    _ => true,
                }
        }
        Expr::Filter(f) => fits(&f.func, b) && fits(&f.condition, b),
        Expr::Quantified(q) => fits(&q.expr, b) && query_fits(&q.subquery, b),
        Expr::Extract(x) => fits(&x.expr, b),
        _ => true,
    }
}

/// Whether the expressions of a window specification are at most `budget`
/// levels deep.
fn spec_fits(spec: &WindowSpec, budget: usize) -> bool {
    spec.partition_by.iter().all(|e| fits(e, budget))
        && spec.order_by.iter().all(|o| fits(&o.expr, budget))
}

/// Whether a query is at most `budget` levels deep.
fn query_fits(q: &Query, budget: usize) -> bool {
    let Some(b) = budget.checked_sub(1) else {
        return false;
    };
    match q {
        Query::Select(s) => select_fits(s, b),
        Query::Compound(c) => compound_fits(c, b),
    }
}

/// Whether the members, ORDER BY and CTEs of a set operation are at most
/// `budget` levels deep.
fn compound_fits(c: &Compound, budget: usize) -> bool {
    query_fits(&c.left, budget)
        && query_fits(&c.right, budget)
        && c.order_by.iter().all(|o| fits(&o.expr, budget))
        && c.with.as_ref().map_or(true, |w| {
            w.ctes
                .iter()
                .all(|cte| cte.query.as_deref().map_or(true, |q| query_fits(q, budget)))
        })
}

/// Whether every expression, CTE and derived table of a SELECT is at most
/// `budget` levels deep.
fn select_fits(s: &Select, budget: usize) -> bool {
    let from_ok = |item: &FromItem| match item {
        FromItem::Subquery { query, .. } => query_fits(query, budget),
        _ => true,
    };
    let e_ok = |e: &Expr| fits(e, budget);
    s.columns.iter().all(e_ok)
        && s.where_.as_ref().map_or(true, e_ok)
        && s.group_by.iter().all(e_ok)
        && s.having.as_ref().map_or(true, e_ok)
        && s.order_by.iter().all(|o| e_ok(&o.expr))
        && s.distinct_on.iter().all(e_ok)
        && s.with.as_ref().map_or(true, |w| {
            w.ctes
                .iter()
                .all(|cte| cte.query.as_deref().map_or(true, |q| query_fits(q, budget)))
        })
        && s.from.iter().all(from_ok)
        && s.joins
            .iter()
            .all(|j| from_ok(&j.target) && j.on.as_ref().map_or(true, e_ok))
        && s.windows.iter().all(|(_, spec)| spec_fits(spec, budget))
        && s.correlate
            .as_ref()
            .map_or(true, |items| items.iter().all(from_ok))
}

fn take_box(b: &mut Expr, stack: &mut Vec<Expr>) {
    stack.push(mem::replace(b, Expr::Null));
}

/// An empty query, left in the place of one moved onto the stack.
fn empty_query() -> Query {
    Query::Select(Box::default())
}

fn take_boxed_query(q: &mut Box<Query>, stack: &mut Vec<Expr>) {
    stack.push(Expr::Subquery(Box::new(mem::replace(
        &mut **q,
        empty_query(),
    ))));
}

fn take_from_item(item: &mut FromItem, stack: &mut Vec<Expr>) {
    if let FromItem::Subquery { query, .. } = item {
        take_boxed_query(query, stack);
    }
}

/// Moves the parts of a query onto `stack`: a SELECT's expressions, or a
/// compound's members (as scalar subqueries) and ORDER BY.
fn take_query(q: &mut Query, stack: &mut Vec<Expr>) {
    match q {
        Query::Select(s) => take_select(s, stack),
        Query::Compound(c) => take_compound(c, stack),
    }
}

/// Moves the members of a set operation (as scalar subqueries), its ORDER
/// BY and its CTE bodies onto `stack`.
fn take_compound(c: &mut Compound, stack: &mut Vec<Expr>) {
    take_boxed_query(&mut c.left, stack);
    take_boxed_query(&mut c.right, stack);
    stack.extend(
        c.order_by
            .iter_mut()
            .map(|o| mem::replace(&mut o.expr, Expr::Null)),
    );
    if let Some(with) = &mut c.with {
        for cte in &mut with.ctes {
            if let Some(q) = &mut cte.query {
                take_boxed_query(q, stack);
            }
        }
    }
}

/// Moves every expression of `s` (and its derived tables, as scalar
/// subqueries) onto `stack`.
fn take_select(s: &mut Select, stack: &mut Vec<Expr>) {
    stack.append(&mut s.columns);
    stack.append(&mut s.distinct_on);
    if let Some(with) = &mut s.with {
        for cte in &mut with.ctes {
            if let Some(q) = &mut cte.query {
                take_boxed_query(q, stack);
            }
        }
    }
    stack.extend(s.where_.take());
    stack.append(&mut s.group_by);
    stack.extend(s.having.take());
    stack.extend(
        s.order_by
            .iter_mut()
            .map(|o| mem::replace(&mut o.expr, Expr::Null)),
    );
    for item in &mut s.from {
        take_from_item(item, stack);
    }
    for join in &mut s.joins {
        take_from_item(&mut join.target, stack);
        stack.extend(join.on.take());
    }
    for (_, spec) in &mut s.windows {
        take_spec(spec, stack);
    }
    for item in s.correlate.iter_mut().flatten() {
        take_from_item(item, stack);
    }
}

/// Moves the expressions of a window specification onto `stack`.
fn take_spec(spec: &mut WindowSpec, stack: &mut Vec<Expr>) {
    stack.append(&mut spec.partition_by);
    stack.extend(
        spec.order_by
            .iter_mut()
            .map(|o| mem::replace(&mut o.expr, Expr::Null)),
    );
}

/// Moves the children of `e` onto `stack`, leaving `e` shallow.
fn take_children(e: &mut Expr, stack: &mut Vec<Expr>) {
    match e {
        Expr::Binary(b) => {
            for e in b.operands.iter_mut() {
                take_box(e, stack);
            }
        }
        Expr::Unary(u) => take_box(&mut u.expr, stack),
        Expr::And(v) | Expr::Or(v) | Expr::Tuple(v) => stack.append(v),
        Expr::IsNull(x) => take_box(&mut x.expr, stack),
        Expr::Between(x) => {
            take_box(&mut x.expr, stack);
            take_box(&mut x.low, stack);
            take_box(&mut x.high, stack);
        }
        Expr::InList(x) => {
            take_box(&mut x.expr, stack);
            stack.append(&mut x.list);
        }
        Expr::InSubquery(x) => {
            take_box(&mut x.expr, stack);
            take_query(&mut x.subquery, stack);
        }
        Expr::Like(x) => {
            take_box(&mut x.expr, stack);
            take_box(&mut x.pattern, stack);
        }
        Expr::Function(f) => stack.append(&mut f.args),
        Expr::Cast(c) => take_box(&mut c.expr, stack),
        Expr::Case(c) => {
            stack.extend(c.operand.take().map(|b| *b));
            stack.extend(c.else_.take().map(|b| *b));
            for (a, b) in c.whens.drain(..) {
                stack.push(a);
                stack.push(b);
            }
        }
        Expr::Exists(x) => take_query(&mut x.subquery, stack),
        Expr::Subquery(s) => take_query(s, stack),
        Expr::Label(l) => take_box(&mut l.expr, stack),
        Expr::Over(o) => {
            take_box(&mut o.func, stack);
            if let Window::Spec(spec) = &mut *o.window {
                take_spec(spec, stack);
            }
        }
        Expr::Filter(f) => {
            take_box(&mut f.func, stack);
            take_box(&mut f.condition, stack);
        }
        Expr::Quantified(q) => {
            take_box(&mut q.expr, stack);
            take_query(&mut q.subquery, stack);
        }
        Expr::Extract(x) => take_box(&mut x.expr, stack),
        _ => {}
    }
}

/// Drops everything on `stack`, each node after its children.
fn drain(mut stack: Vec<Expr>) {
    while let Some(mut e) = stack.pop() {
        take_children(&mut e, &mut stack);
        // `e` is shallow now: its own `drop` returns at once.
    }
}

impl Drop for Expr {
    #[inline]
    fn drop(&mut self) {
        // Leaves (most nodes) are decided without a call.
        if is_leaf(self) || fits(self, GLUE_DEPTH) {
            return;
        }
        drop_deep(self);
    }
}

/// Drops the children of a tree too deep for the glue through the heap stack.
#[cold]
fn drop_deep(e: &mut Expr) {
    let mut stack = Vec::new();
    take_children(e, &mut stack);
    drain(stack);
}

impl Drop for Select {
    fn drop(&mut self) {
        if select_fits(self, GLUE_DEPTH) {
            return;
        }
        let mut stack = Vec::new();
        take_select(self, &mut stack);
        drain(stack);
    }
}

impl Drop for Compound {
    fn drop(&mut self) {
        if compound_fits(self, GLUE_DEPTH) {
            return;
        }
        let mut stack = Vec::new();
        take_compound(self, &mut stack);
        drain(stack);
    }
}
