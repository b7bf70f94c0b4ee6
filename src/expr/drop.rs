//! Dropping deep trees in constant stack space.
//!
//! The drop glue the compiler derives for a recursive type recurses once per
//! level, so an expression nested 100,000 deep (built in a loop, or decoded
//! from user input) would overflow the stack when it goes out of scope. The
//! `Drop` impls here move the children of a node onto a heap stack before the
//! node itself is dropped, so every node is dropped with its children already
//! gone (the technique of regex-syntax's `impl Drop for Ast`). Recursion
//! passes through [`Expr`] and, via scalar, `IN` and `EXISTS` subqueries and
//! derived tables, through [`Select`]: both are covered.
//!
//! Consequences for code that rewrites trees:
//! - a node whose children are all leaves is dropped by the plain glue (no
//!   allocation), so the common case costs nothing extra;
//! - because `Expr` and `Select` implement `Drop`, their contents cannot be
//!   moved out by a pattern (`let Expr::And(v) = e`): take them with
//!   `std::mem::take` / `std::mem::replace` through `&mut` instead.
//!
//! `Clone`, `PartialEq` and `Debug` are derived and stay recursive: on a tree
//! nested deeper than the stack allows they overflow it. Rendering is bounded
//! by [`Dialect::max_depth`](crate::Dialect::max_depth) and never gets there;
//! code that clones, compares or debug-prints untrusted trees should bound
//! their depth first.

use std::mem;

use super::Expr;
use crate::stmt::{FromItem, Query, Select};

/// Whether `e` has no child expressions (nothing to recurse into).
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

/// Whether every child of `e` is a leaf, so the derived glue drops it with a
/// bounded recursion of two levels.
fn is_shallow(e: &Expr) -> bool {
    match e {
        Expr::Binary(b) => is_leaf(&b.left) && is_leaf(&b.right),
        Expr::Unary(u) => is_leaf(&u.expr),
        Expr::And(v) | Expr::Or(v) | Expr::Tuple(v) => v.iter().all(is_leaf),
        Expr::IsNull(x) => is_leaf(&x.expr),
        Expr::Between(x) => is_leaf(&x.expr) && is_leaf(&x.low) && is_leaf(&x.high),
        Expr::InList(x) => is_leaf(&x.expr) && x.list.iter().all(is_leaf),
        Expr::InSubquery(x) => is_leaf(&x.expr) && query_is_shallow(&x.subquery),
        Expr::Like(x) => is_leaf(&x.expr) && is_leaf(&x.pattern),
        Expr::Function(f) => f.args.iter().all(is_leaf),
        Expr::Cast(c) => is_leaf(&c.expr),
        Expr::Case(c) => {
            c.operand.as_deref().map_or(true, is_leaf)
                && c.else_.as_deref().map_or(true, is_leaf)
                && c.whens.iter().all(|(a, b)| is_leaf(a) && is_leaf(b))
        }
        Expr::Exists(x) => query_is_shallow(&x.subquery),
        Expr::Subquery(s) => query_is_shallow(s),
        Expr::Label(l) => is_leaf(&l.expr),
        Expr::Over(o) => is_leaf(&o.func),
        Expr::Filter(f) => is_leaf(&f.func) && is_leaf(&f.condition),
        Expr::Quantified(q) => is_leaf(&q.expr) && query_is_shallow(&q.subquery),
        Expr::Extract(x) => is_leaf(&x.expr),
        _ => true,
    }
}

/// Whether a query is a shallow SELECT (a compound never is).
fn query_is_shallow(q: &Query) -> bool {
    match q {
        Query::Select(s) => select_is_shallow(s),
        _ => false,
    }
}

/// Whether a SELECT holds only leaf expressions and no derived tables.
fn select_is_shallow(s: &Select) -> bool {
    let from_ok = |item: &FromItem| !matches!(item, FromItem::Subquery { .. });
    s.columns.iter().all(is_leaf)
        && s.where_.as_ref().map_or(true, is_leaf)
        && s.group_by.iter().all(is_leaf)
        && s.having.as_ref().map_or(true, is_leaf)
        && s.order_by.iter().all(|o| is_leaf(&o.expr))
        && s.distinct_on.iter().all(is_leaf)
        && s.with.is_none()
        && s.from.iter().all(from_ok)
        && s.joins
            .iter()
            .all(|j| from_ok(&j.target) && j.on.as_ref().map_or(true, is_leaf))
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
        Query::Compound(c) => {
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
}

/// Moves the children of `e` onto `stack`, leaving `e` shallow.
fn take_children(e: &mut Expr, stack: &mut Vec<Expr>) {
    match e {
        Expr::Binary(b) => {
            take_box(&mut b.left, stack);
            take_box(&mut b.right, stack);
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
        Expr::Over(o) => take_box(&mut o.func, stack),
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
    fn drop(&mut self) {
        if is_shallow(self) {
            return;
        }
        let mut stack = Vec::new();
        take_children(self, &mut stack);
        drain(stack);
    }
}

impl Drop for Select {
    fn drop(&mut self) {
        if select_is_shallow(self) {
            return;
        }
        let mut stack = Vec::new();
        take_select(self, &mut stack);
        drain(stack);
    }
}
