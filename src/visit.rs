//! Walking and rewriting statement trees: [`Visitor`] (read) and
//! [`VisitorMut`] (rewrite in place).
//!
//! Every method of both traits has a default that continues the walk into
//! the node's children through the matching `walk_*` function, so a visitor
//! overrides only the nodes it cares about and calls `walk_*` itself where it
//! wants the walk to go on (before or after its own work, or not at all).
//! The walk reaches every expression, FROM item, join, CTE body, window,
//! ORDER BY item and table of a statement, subqueries at any depth included
//! (scalar, `IN`, `EXISTS`, quantified, derived tables, CTE bodies, the
//! `SELECT` of an `INSERT ... SELECT`). DDL statements are not walked: the
//! expressions they carry (defaults, CHECK conditions, partial index
//! predicates) belong to the schema objects.
//!
//! ```
//! use sqlexpr::prelude::*;
//! use sqlexpr::visit::{Visit, Visitor, TableRole};
//!
//! let users = Table::builder("users")
//!     .column(Column::new("id", SqlType::Integer))
//!     .build()?;
//! let orders = Table::builder("orders")
//!     .column(Column::new("user_id", SqlType::Integer))
//!     .build()?;
//! let q = select([users.c("id")])
//!     .where_(users.c("id").in_subquery(select([orders.c("user_id")])));
//!
//! #[derive(Default)]
//! struct Tables(Vec<String>);
//! impl Visitor for Tables {
//!     fn visit_table(&mut self, t: &Table, _alias: Option<&sqlexpr::Ident>, _role: TableRole) {
//!         let name = t.name.to_string();
//!         if !self.0.contains(&name) {
//!             self.0.push(name);
//!         }
//!     }
//! }
//! let mut tables = Tables::default();
//! q.accept(&mut tables)?;
//! assert_eq!(tables.0, ["users", "orders"]);
//! # Ok::<(), sqlexpr::Error>(())
//! ```
//!
//! # Depth
//!
//! The walk is recursive, and [`walk_expr`] / [`walk_query`] (and their
//! `_mut` twins) continue on a new stack segment when the current one runs
//! low, so no tree overflows the stack. The entry points of [`Visit`]
//! ([`Visit::accept`], [`Visit::accept_mut`]) first measure the tree's
//! depth without recursion ([`Visit::depth`], in the renderer's units: one
//! per expression level, [`QUERY_DEPTH`] per query, one level for a
//! left-deep chain of one operator or one set operation, however long) and
//! return [`Error::TooDeep`] past
//! [`DEFAULT_MAX_DEPTH`] (the default of
//! [`Dialect::max_depth`](crate::Dialect::max_depth)), or past the limit given
//! to [`Visit::accept_within`] / [`Visit::accept_mut_within`]. Any tree the
//! renderer accepts can therefore be walked, and a tree nested 100,000 deep is
//! refused, as the renderer would refuse it. The `walk_*` functions do not
//! check the depth.
//!
//! # Rewriting
//!
//! [`Expr`], [`Select`] and [`Compound`] implement `Drop` (see the `expr`
//! module), so a [`VisitorMut`] cannot move their contents out by a
//! pattern: replace whole
//! nodes through the `&mut` it is given, with `std::mem::take` /
//! `std::mem::replace` where it needs the old value (e.g.
//! `let old = std::mem::replace(e, Expr::Null);`).

use crate::expr::{ColumnRef, Expr, OrderBy, Relation, Window, WindowSpec};
use crate::render::QUERY_DEPTH;
use crate::schema::Table;
use crate::stmt::{
    Compound, ConflictAction, Cte, Delete, FromItem, Insert, InsertSource, Join, Query, Select,
    Update, With,
};
use crate::{Error, Ident, Result};

/// The depth limit of [`Visit::accept`] and [`Visit::accept_mut`]: the
/// default of [`Dialect::max_depth`](crate::Dialect::max_depth).
pub const DEFAULT_MAX_DEPTH: usize = 256;

/// Where a table appears in a statement, as passed to
/// [`Visitor::visit_table`] and [`VisitorMut::visit_table_mut`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableRole {
    /// The table an INSERT, UPDATE or DELETE writes.
    Target,
    /// A FROM item, JOIN target, `UPDATE ... FROM` or `DELETE ... USING`
    /// item.
    From,
    /// The qualifier of a column reference or of `table.*`. A table that
    /// appears only so, not in any FROM, is added to the FROM of its query
    /// level by the renderer (unless an enclosing query provides it).
    Column,
    /// An item of [`Select::correlate`]: a table of an enclosing query.
    Correlate,
}

/// A read-only walk over a statement tree. Every method defaults to
/// continuing the walk into the node's children; see the module docs.
pub trait Visitor {
    /// An expression. Default: [`walk_expr`].
    fn visit_expr(&mut self, e: &Expr) {
        walk_expr(self, e);
    }

    /// A column reference. Default: [`walk_column_ref`] (its table, if any).
    fn visit_column_ref(&mut self, c: &ColumnRef) {
        walk_column_ref(self, c);
    }

    /// A table, with its alias and where it appears. Default: nothing.
    fn visit_table(&mut self, table: &Table, alias: Option<&Ident>, role: TableRole) {
        let _ = (table, alias, role);
    }

    /// A query (SELECT or compound), at the top or nested. Default:
    /// [`walk_query`].
    fn visit_query(&mut self, q: &Query) {
        walk_query(self, q);
    }

    /// A SELECT. Default: [`walk_select`].
    fn visit_select(&mut self, s: &Select) {
        walk_select(self, s);
    }

    /// A set operation. Default: [`walk_compound`].
    fn visit_compound(&mut self, c: &Compound) {
        walk_compound(self, c);
    }

    /// A WITH clause. Default: [`walk_with`].
    fn visit_with(&mut self, with: &With) {
        walk_with(self, with);
    }

    /// One CTE. Default: [`walk_cte`].
    fn visit_cte(&mut self, cte: &Cte) {
        walk_cte(self, cte);
    }

    /// A FROM item (also a JOIN target, UPDATE FROM and DELETE USING item).
    /// Default: [`walk_from_item`].
    fn visit_from_item(&mut self, item: &FromItem) {
        walk_from_item(self, item);
    }

    /// A join. Default: [`walk_join`].
    fn visit_join(&mut self, join: &Join) {
        walk_join(self, join);
    }

    /// An ORDER BY item. Default: [`walk_order_by`].
    fn visit_order_by(&mut self, item: &OrderBy) {
        walk_order_by(self, item);
    }

    /// A window specification (inline or named). Default:
    /// [`walk_window_spec`].
    fn visit_window_spec(&mut self, spec: &WindowSpec) {
        walk_window_spec(self, spec);
    }

    /// An INSERT. Default: [`walk_insert`].
    fn visit_insert(&mut self, s: &Insert) {
        walk_insert(self, s);
    }

    /// An UPDATE. Default: [`walk_update`].
    fn visit_update(&mut self, s: &Update) {
        walk_update(self, s);
    }

    /// A DELETE. Default: [`walk_delete`].
    fn visit_delete(&mut self, s: &Delete) {
        walk_delete(self, s);
    }
}

/// Visits the children of an expression: operands, arguments, subqueries,
/// window specifications, column references and `table.*` qualifiers.
pub fn walk_expr<V: Visitor + ?Sized>(v: &mut V, e: &Expr) {
    crate::expr::grow(|| match e {
        Expr::Column(c) => v.visit_column_ref(c),
        Expr::Star(Some(rel)) => walk_relation(v, rel),
        Expr::Binary(b) => {
            v.visit_expr(b.left());
            v.visit_expr(b.right());
        }
        Expr::Unary(u) => v.visit_expr(&u.expr),
        Expr::And(list) | Expr::Or(list) | Expr::Tuple(list) => {
            list.iter().for_each(|e| v.visit_expr(e))
        }
        Expr::IsNull(x) => v.visit_expr(&x.expr),
        Expr::Between(x) => {
            v.visit_expr(&x.expr);
            v.visit_expr(&x.low);
            v.visit_expr(&x.high);
        }
        Expr::InList(x) => {
            v.visit_expr(&x.expr);
            x.list.iter().for_each(|e| v.visit_expr(e));
        }
        Expr::InSubquery(x) => {
            v.visit_expr(&x.expr);
            v.visit_query(&x.subquery);
        }
        Expr::Like(x) => {
            v.visit_expr(&x.expr);
            v.visit_expr(&x.pattern);
        }
        Expr::Function(f) => f.args.iter().for_each(|e| v.visit_expr(e)),
        Expr::Cast(c) => v.visit_expr(&c.expr),
        Expr::Case(c) => {
            if let Some(operand) = &c.operand {
                v.visit_expr(operand);
            }
            for (when, then) in &c.whens {
                v.visit_expr(when);
                v.visit_expr(then);
            }
            if let Some(else_) = &c.else_ {
                v.visit_expr(else_);
            }
        }
        Expr::Exists(x) => v.visit_query(&x.subquery),
        Expr::Subquery(q) => v.visit_query(q),
        Expr::Label(l) => v.visit_expr(&l.expr),
        Expr::Over(o) => {
            v.visit_expr(&o.func);
            if let Window::Spec(spec) = &*o.window {
                v.visit_window_spec(spec);
            }
        }
        Expr::Filter(f) => {
            v.visit_expr(&f.func);
            v.visit_expr(&f.condition);
        }
        Expr::Quantified(q) => {
            v.visit_expr(&q.expr);
            v.visit_query(&q.subquery);
        }
        Expr::Extract(x) => v.visit_expr(&x.expr),
        _ => {}
    })
}

fn walk_relation<V: Visitor + ?Sized>(v: &mut V, rel: &Relation) {
    if let Relation::Table { table, alias } = rel {
        v.visit_table(table, alias.as_ref(), TableRole::Column);
    }
}

/// Visits the table qualifying a column reference
/// ([`TableRole::Column`]), if it is one.
pub fn walk_column_ref<V: Visitor + ?Sized>(v: &mut V, c: &ColumnRef) {
    if let Some(rel) = &c.relation {
        walk_relation(v, rel);
    }
}

/// Visits the SELECT or compound.
pub fn walk_query<V: Visitor + ?Sized>(v: &mut V, q: &Query) {
    crate::expr::grow(|| match q {
        Query::Select(s) => v.visit_select(s),
        Query::Compound(c) => v.visit_compound(c),
    })
}

/// Visits a SELECT's parts in the order they are written: WITH, DISTINCT
/// ON, select list, FROM, joins, WHERE, GROUP BY, HAVING, named windows,
/// ORDER BY, then the correlated tables ([`TableRole::Correlate`]).
pub fn walk_select<V: Visitor + ?Sized>(v: &mut V, s: &Select) {
    if let Some(with) = &s.with {
        v.visit_with(with);
    }
    s.distinct_on.iter().for_each(|e| v.visit_expr(e));
    s.columns.iter().for_each(|e| v.visit_expr(e));
    s.from.iter().for_each(|item| v.visit_from_item(item));
    s.joins.iter().for_each(|j| v.visit_join(j));
    if let Some(w) = &s.where_ {
        v.visit_expr(w);
    }
    s.group_by.iter().for_each(|e| v.visit_expr(e));
    if let Some(h) = &s.having {
        v.visit_expr(h);
    }
    s.windows
        .iter()
        .for_each(|(_, spec)| v.visit_window_spec(spec));
    s.order_by.iter().for_each(|o| v.visit_order_by(o));
    for item in s.correlate.iter().flatten() {
        if let FromItem::Table { table, alias } = item {
            v.visit_table(table, alias.as_ref(), TableRole::Correlate);
        }
    }
}

/// Visits a compound's WITH, both members and ORDER BY.
pub fn walk_compound<V: Visitor + ?Sized>(v: &mut V, c: &Compound) {
    if let Some(with) = &c.with {
        v.visit_with(with);
    }
    v.visit_query(&c.left);
    v.visit_query(&c.right);
    c.order_by.iter().for_each(|o| v.visit_order_by(o));
}

/// Visits each CTE.
pub fn walk_with<V: Visitor + ?Sized>(v: &mut V, with: &With) {
    with.ctes.iter().for_each(|cte| v.visit_cte(cte));
}

/// Visits a CTE's body, if it has one.
pub fn walk_cte<V: Visitor + ?Sized>(v: &mut V, cte: &Cte) {
    if let Some(q) = &cte.query {
        v.visit_query(q);
    }
}

/// Visits a table item ([`TableRole::From`]) or a derived table's query.
pub fn walk_from_item<V: Visitor + ?Sized>(v: &mut V, item: &FromItem) {
    match item {
        FromItem::Table { table, alias } => v.visit_table(table, alias.as_ref(), TableRole::From),
        FromItem::Subquery { query, .. } => v.visit_query(query),
        FromItem::Named(_) => {}
    }
}

/// Visits a join's target and ON condition.
pub fn walk_join<V: Visitor + ?Sized>(v: &mut V, join: &Join) {
    v.visit_from_item(&join.target);
    if let Some(on) = &join.on {
        v.visit_expr(on);
    }
}

/// Visits the ORDER BY item's expression.
pub fn walk_order_by<V: Visitor + ?Sized>(v: &mut V, item: &OrderBy) {
    v.visit_expr(&item.expr);
}

/// Visits PARTITION BY expressions and ORDER BY items.
pub fn walk_window_spec<V: Visitor + ?Sized>(v: &mut V, spec: &WindowSpec) {
    spec.partition_by.iter().for_each(|e| v.visit_expr(e));
    spec.order_by.iter().for_each(|o| v.visit_order_by(o));
}

/// Visits the WITH clause, the target ([`TableRole::Target`]), the rows or the SELECT, the
/// upsert's assignments and condition, and RETURNING.
pub fn walk_insert<V: Visitor + ?Sized>(v: &mut V, s: &Insert) {
    if let Some(with) = &s.with {
        v.visit_with(with);
    }
    v.visit_table(&s.table, None, TableRole::Target);
    match &s.source {
        InsertSource::Values(rows) => rows.iter().flatten().for_each(|(_, e)| v.visit_expr(e)),
        InsertSource::Select { query, .. } => v.visit_select(query),
    }
    if let Some(oc) = &s.on_conflict {
        if let ConflictAction::DoUpdate { set, where_ } = &oc.action {
            set.iter().for_each(|(_, e)| v.visit_expr(e));
            if let Some(w) = where_ {
                v.visit_expr(w);
            }
        }
    }
    s.returning.iter().for_each(|e| v.visit_expr(e));
}

/// Visits the WITH clause, the target ([`TableRole::Target`]), the assignments, FROM, WHERE,
/// ORDER BY and RETURNING.
pub fn walk_update<V: Visitor + ?Sized>(v: &mut V, s: &Update) {
    if let Some(with) = &s.with {
        v.visit_with(with);
    }
    v.visit_table(&s.table, None, TableRole::Target);
    s.set.iter().for_each(|(_, e)| v.visit_expr(e));
    s.from.iter().for_each(|item| v.visit_from_item(item));
    if let Some(w) = &s.where_ {
        v.visit_expr(w);
    }
    s.order_by.iter().for_each(|o| v.visit_order_by(o));
    s.returning.iter().for_each(|e| v.visit_expr(e));
}

/// Visits the WITH clause, the target ([`TableRole::Target`]), USING, WHERE, ORDER BY and
/// RETURNING.
pub fn walk_delete<V: Visitor + ?Sized>(v: &mut V, s: &Delete) {
    if let Some(with) = &s.with {
        v.visit_with(with);
    }
    v.visit_table(&s.table, None, TableRole::Target);
    s.using.iter().for_each(|item| v.visit_from_item(item));
    if let Some(w) = &s.where_ {
        v.visit_expr(w);
    }
    s.order_by.iter().for_each(|o| v.visit_order_by(o));
    s.returning.iter().for_each(|e| v.visit_expr(e));
}

/// A walk that may rewrite the tree in place. The same nodes, in the same
/// order, as [`Visitor`]; every method defaults to continuing the walk.
pub trait VisitorMut {
    /// An expression; replace it through `e` to rewrite it. Default:
    /// [`walk_expr_mut`].
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        walk_expr_mut(self, e);
    }

    /// A column reference. Default: [`walk_column_ref_mut`].
    fn visit_column_ref_mut(&mut self, c: &mut ColumnRef) {
        walk_column_ref_mut(self, c);
    }

    /// A table, with its alias (none for a [`TableRole::Target`]) and where
    /// it appears. Default: nothing.
    fn visit_table_mut(&mut self, table: &mut Table, alias: Option<&mut Ident>, role: TableRole) {
        let _ = (table, alias, role);
    }

    /// A query. Default: [`walk_query_mut`].
    fn visit_query_mut(&mut self, q: &mut Query) {
        walk_query_mut(self, q);
    }

    /// A SELECT. Default: [`walk_select_mut`].
    fn visit_select_mut(&mut self, s: &mut Select) {
        walk_select_mut(self, s);
    }

    /// A set operation. Default: [`walk_compound_mut`].
    fn visit_compound_mut(&mut self, c: &mut Compound) {
        walk_compound_mut(self, c);
    }

    /// A WITH clause. Default: [`walk_with_mut`].
    fn visit_with_mut(&mut self, with: &mut With) {
        walk_with_mut(self, with);
    }

    /// One CTE. Default: [`walk_cte_mut`].
    fn visit_cte_mut(&mut self, cte: &mut Cte) {
        walk_cte_mut(self, cte);
    }

    /// A FROM item. Default: [`walk_from_item_mut`].
    fn visit_from_item_mut(&mut self, item: &mut FromItem) {
        walk_from_item_mut(self, item);
    }

    /// A join. Default: [`walk_join_mut`].
    fn visit_join_mut(&mut self, join: &mut Join) {
        walk_join_mut(self, join);
    }

    /// An ORDER BY item. Default: [`walk_order_by_mut`].
    fn visit_order_by_mut(&mut self, item: &mut OrderBy) {
        walk_order_by_mut(self, item);
    }

    /// A window specification. Default: [`walk_window_spec_mut`].
    fn visit_window_spec_mut(&mut self, spec: &mut WindowSpec) {
        walk_window_spec_mut(self, spec);
    }

    /// An INSERT. Default: [`walk_insert_mut`].
    fn visit_insert_mut(&mut self, s: &mut Insert) {
        walk_insert_mut(self, s);
    }

    /// An UPDATE. Default: [`walk_update_mut`].
    fn visit_update_mut(&mut self, s: &mut Update) {
        walk_update_mut(self, s);
    }

    /// A DELETE. Default: [`walk_delete_mut`].
    fn visit_delete_mut(&mut self, s: &mut Delete) {
        walk_delete_mut(self, s);
    }
}

/// Visits the children of an expression (see [`walk_expr`]).
pub fn walk_expr_mut<V: VisitorMut + ?Sized>(v: &mut V, e: &mut Expr) {
    crate::expr::grow(|| match e {
        Expr::Column(c) => v.visit_column_ref_mut(c),
        Expr::Star(Some(rel)) => walk_relation_mut(v, rel),
        Expr::Binary(b) => {
            v.visit_expr_mut(b.left_mut());
            v.visit_expr_mut(b.right_mut());
        }
        Expr::Unary(u) => v.visit_expr_mut(&mut u.expr),
        Expr::And(list) | Expr::Or(list) | Expr::Tuple(list) => {
            list.iter_mut().for_each(|e| v.visit_expr_mut(e))
        }
        Expr::IsNull(x) => v.visit_expr_mut(&mut x.expr),
        Expr::Between(x) => {
            v.visit_expr_mut(&mut x.expr);
            v.visit_expr_mut(&mut x.low);
            v.visit_expr_mut(&mut x.high);
        }
        Expr::InList(x) => {
            v.visit_expr_mut(&mut x.expr);
            x.list.iter_mut().for_each(|e| v.visit_expr_mut(e));
        }
        Expr::InSubquery(x) => {
            v.visit_expr_mut(&mut x.expr);
            v.visit_query_mut(&mut x.subquery);
        }
        Expr::Like(x) => {
            v.visit_expr_mut(&mut x.expr);
            v.visit_expr_mut(&mut x.pattern);
        }
        Expr::Function(f) => f.args.iter_mut().for_each(|e| v.visit_expr_mut(e)),
        Expr::Cast(c) => v.visit_expr_mut(&mut c.expr),
        Expr::Case(c) => {
            if let Some(operand) = &mut c.operand {
                v.visit_expr_mut(operand);
            }
            for (when, then) in &mut c.whens {
                v.visit_expr_mut(when);
                v.visit_expr_mut(then);
            }
            if let Some(else_) = &mut c.else_ {
                v.visit_expr_mut(else_);
            }
        }
        Expr::Exists(x) => v.visit_query_mut(&mut x.subquery),
        Expr::Subquery(q) => v.visit_query_mut(q),
        Expr::Label(l) => v.visit_expr_mut(&mut l.expr),
        Expr::Over(o) => {
            v.visit_expr_mut(&mut o.func);
            if let Window::Spec(spec) = &mut *o.window {
                v.visit_window_spec_mut(spec);
            }
        }
        Expr::Filter(f) => {
            v.visit_expr_mut(&mut f.func);
            v.visit_expr_mut(&mut f.condition);
        }
        Expr::Quantified(q) => {
            v.visit_expr_mut(&mut q.expr);
            v.visit_query_mut(&mut q.subquery);
        }
        Expr::Extract(x) => v.visit_expr_mut(&mut x.expr),
        _ => {}
    })
}

fn walk_relation_mut<V: VisitorMut + ?Sized>(v: &mut V, rel: &mut Relation) {
    if let Relation::Table { table, alias } = rel {
        v.visit_table_mut(table, alias.as_mut(), TableRole::Column);
    }
}

/// Visits the table qualifying a column reference, if it is one.
pub fn walk_column_ref_mut<V: VisitorMut + ?Sized>(v: &mut V, c: &mut ColumnRef) {
    if let Some(rel) = &mut c.relation {
        walk_relation_mut(v, rel);
    }
}

/// Visits the SELECT or compound.
pub fn walk_query_mut<V: VisitorMut + ?Sized>(v: &mut V, q: &mut Query) {
    crate::expr::grow(|| match q {
        Query::Select(s) => v.visit_select_mut(s),
        Query::Compound(c) => v.visit_compound_mut(c),
    })
}

/// Visits a SELECT's parts (see [`walk_select`]).
pub fn walk_select_mut<V: VisitorMut + ?Sized>(v: &mut V, s: &mut Select) {
    if let Some(with) = &mut s.with {
        v.visit_with_mut(with);
    }
    s.distinct_on.iter_mut().for_each(|e| v.visit_expr_mut(e));
    s.columns.iter_mut().for_each(|e| v.visit_expr_mut(e));
    s.from
        .iter_mut()
        .for_each(|item| v.visit_from_item_mut(item));
    s.joins.iter_mut().for_each(|j| v.visit_join_mut(j));
    if let Some(w) = &mut s.where_ {
        v.visit_expr_mut(w);
    }
    s.group_by.iter_mut().for_each(|e| v.visit_expr_mut(e));
    if let Some(h) = &mut s.having {
        v.visit_expr_mut(h);
    }
    s.windows
        .iter_mut()
        .for_each(|(_, spec)| v.visit_window_spec_mut(spec));
    s.order_by.iter_mut().for_each(|o| v.visit_order_by_mut(o));
    for item in s.correlate.iter_mut().flatten() {
        if let FromItem::Table { table, alias } = item {
            v.visit_table_mut(table, alias.as_mut(), TableRole::Correlate);
        }
    }
}

/// Visits a compound's WITH, both members and ORDER BY.
pub fn walk_compound_mut<V: VisitorMut + ?Sized>(v: &mut V, c: &mut Compound) {
    if let Some(with) = &mut c.with {
        v.visit_with_mut(with);
    }
    v.visit_query_mut(&mut c.left);
    v.visit_query_mut(&mut c.right);
    c.order_by.iter_mut().for_each(|o| v.visit_order_by_mut(o));
}

/// Visits each CTE.
pub fn walk_with_mut<V: VisitorMut + ?Sized>(v: &mut V, with: &mut With) {
    with.ctes.iter_mut().for_each(|cte| v.visit_cte_mut(cte));
}

/// Visits a CTE's body, if it has one.
pub fn walk_cte_mut<V: VisitorMut + ?Sized>(v: &mut V, cte: &mut Cte) {
    if let Some(q) = &mut cte.query {
        v.visit_query_mut(q);
    }
}

/// Visits a table item ([`TableRole::From`]) or a derived table's query.
pub fn walk_from_item_mut<V: VisitorMut + ?Sized>(v: &mut V, item: &mut FromItem) {
    match item {
        FromItem::Table { table, alias } => {
            v.visit_table_mut(table, alias.as_mut(), TableRole::From)
        }
        FromItem::Subquery { query, .. } => v.visit_query_mut(query),
        FromItem::Named(_) => {}
    }
}

/// Visits a join's target and ON condition.
pub fn walk_join_mut<V: VisitorMut + ?Sized>(v: &mut V, join: &mut Join) {
    v.visit_from_item_mut(&mut join.target);
    if let Some(on) = &mut join.on {
        v.visit_expr_mut(on);
    }
}

/// Visits the ORDER BY item's expression.
pub fn walk_order_by_mut<V: VisitorMut + ?Sized>(v: &mut V, item: &mut OrderBy) {
    v.visit_expr_mut(&mut item.expr);
}

/// Visits PARTITION BY expressions and ORDER BY items.
pub fn walk_window_spec_mut<V: VisitorMut + ?Sized>(v: &mut V, spec: &mut WindowSpec) {
    spec.partition_by
        .iter_mut()
        .for_each(|e| v.visit_expr_mut(e));
    spec.order_by
        .iter_mut()
        .for_each(|o| v.visit_order_by_mut(o));
}

/// Visits an INSERT's parts (see [`walk_insert`]).
pub fn walk_insert_mut<V: VisitorMut + ?Sized>(v: &mut V, s: &mut Insert) {
    if let Some(with) = &mut s.with {
        v.visit_with_mut(with);
    }
    v.visit_table_mut(&mut s.table, None, TableRole::Target);
    match &mut s.source {
        InsertSource::Values(rows) => rows
            .iter_mut()
            .flatten()
            .for_each(|(_, e)| v.visit_expr_mut(e)),
        InsertSource::Select { query, .. } => v.visit_select_mut(query),
    }
    if let Some(oc) = &mut s.on_conflict {
        if let ConflictAction::DoUpdate { set, where_ } = &mut oc.action {
            set.iter_mut().for_each(|(_, e)| v.visit_expr_mut(e));
            if let Some(w) = where_ {
                v.visit_expr_mut(w);
            }
        }
    }
    s.returning.iter_mut().for_each(|e| v.visit_expr_mut(e));
}

/// Visits an UPDATE's parts (see [`walk_update`]).
pub fn walk_update_mut<V: VisitorMut + ?Sized>(v: &mut V, s: &mut Update) {
    if let Some(with) = &mut s.with {
        v.visit_with_mut(with);
    }
    v.visit_table_mut(&mut s.table, None, TableRole::Target);
    s.set.iter_mut().for_each(|(_, e)| v.visit_expr_mut(e));
    s.from
        .iter_mut()
        .for_each(|item| v.visit_from_item_mut(item));
    if let Some(w) = &mut s.where_ {
        v.visit_expr_mut(w);
    }
    s.order_by.iter_mut().for_each(|o| v.visit_order_by_mut(o));
    s.returning.iter_mut().for_each(|e| v.visit_expr_mut(e));
}

/// Visits a DELETE's parts (see [`walk_delete`]).
pub fn walk_delete_mut<V: VisitorMut + ?Sized>(v: &mut V, s: &mut Delete) {
    if let Some(with) = &mut s.with {
        v.visit_with_mut(with);
    }
    v.visit_table_mut(&mut s.table, None, TableRole::Target);
    s.using
        .iter_mut()
        .for_each(|item| v.visit_from_item_mut(item));
    if let Some(w) = &mut s.where_ {
        v.visit_expr_mut(w);
    }
    s.order_by.iter_mut().for_each(|o| v.visit_order_by_mut(o));
    s.returning.iter_mut().for_each(|e| v.visit_expr_mut(e));
}

// ---- depth -------------------------------------------------------------

/// A node on the explicit stack of [`Visit::depth`].
enum Node<'a> {
    Expr(&'a Expr),
    Query(&'a Query),
    Select(&'a Select),
    Compound(&'a Compound),
    Insert(&'a Insert),
    Update(&'a Update),
    Delete(&'a Delete),
}

/// Pushes the children of a query-level node with the depth they are at.
fn push_select<'a>(s: &'a Select, d: usize, stack: &mut Vec<(Node<'a>, usize)>) {
    let exprs = s
        .distinct_on
        .iter()
        .chain(&s.columns)
        .chain(s.joins.iter().filter_map(|j| j.on.as_ref()))
        .chain(&s.where_)
        .chain(&s.group_by)
        .chain(&s.having)
        .chain(s.order_by.iter().map(|o| &o.expr))
        .chain(s.windows.iter().flat_map(|(_, w)| spec_exprs(w)));
    stack.extend(exprs.map(|e| (Node::Expr(e), d + 1)));
    let items = s.from.iter().chain(s.joins.iter().map(|j| &j.target));
    push_items(items, d, stack);
    push_with(s.with.as_ref(), d, stack);
}

fn spec_exprs(spec: &WindowSpec) -> impl Iterator<Item = &Expr> {
    spec.partition_by
        .iter()
        .chain(spec.order_by.iter().map(|o| &o.expr))
}

fn push_items<'a>(
    items: impl Iterator<Item = &'a FromItem>,
    d: usize,
    stack: &mut Vec<(Node<'a>, usize)>,
) {
    for item in items {
        if let FromItem::Subquery { query, .. } = item {
            stack.push((Node::Query(query), d + QUERY_DEPTH));
        }
    }
}

fn push_with<'a>(with: Option<&'a With>, d: usize, stack: &mut Vec<(Node<'a>, usize)>) {
    for cte in with.iter().flat_map(|w| &w.ctes) {
        if let Some(q) = &cte.query {
            stack.push((Node::Query(q), d + QUERY_DEPTH));
        }
    }
}

fn push_exprs<'a>(
    exprs: impl Iterator<Item = &'a Expr>,
    d: usize,
    stack: &mut Vec<(Node<'a>, usize)>,
) {
    stack.extend(exprs.map(|e| (Node::Expr(e), d + 1)));
}

/// Pushes the children of an expression at depth `d`.
fn push_expr_children<'a>(e: &'a Expr, d: usize, stack: &mut Vec<(Node<'a>, usize)>) {
    let one = |stack: &mut Vec<(Node<'a>, usize)>, e: &'a Expr| stack.push((Node::Expr(e), d + 1));
    let query = |stack: &mut Vec<(Node<'a>, usize)>, q: &'a Query| {
        stack.push((Node::Query(q), d + QUERY_DEPTH))
    };
    match e {
        Expr::Binary(b) => {
            // A left-deep chain of one operator (`a + b + c`) is one level,
            // as the renderer writes it.
            match b.left() {
                Expr::Binary(l) if l.op == b.op => stack.push((Node::Expr(b.left()), d)),
                left => one(stack, left),
            }
            one(stack, b.right());
        }
        Expr::Unary(u) => one(stack, &u.expr),
        Expr::And(list) | Expr::Or(list) | Expr::Tuple(list) => push_exprs(list.iter(), d, stack),
        Expr::IsNull(x) => one(stack, &x.expr),
        Expr::Between(x) => {
            one(stack, &x.expr);
            one(stack, &x.low);
            one(stack, &x.high);
        }
        Expr::InList(x) => {
            one(stack, &x.expr);
            push_exprs(x.list.iter(), d, stack);
        }
        Expr::InSubquery(x) => {
            one(stack, &x.expr);
            query(stack, &x.subquery);
        }
        Expr::Like(x) => {
            one(stack, &x.expr);
            one(stack, &x.pattern);
        }
        Expr::Function(f) => push_exprs(f.args.iter(), d, stack),
        Expr::Cast(c) => one(stack, &c.expr),
        Expr::Case(c) => {
            push_exprs(c.operand.iter().map(|b| &**b), d, stack);
            push_exprs(c.whens.iter().flat_map(|(a, b)| [a, b]), d, stack);
            push_exprs(c.else_.iter().map(|b| &**b), d, stack);
        }
        Expr::Exists(x) => query(stack, &x.subquery),
        Expr::Subquery(q) => query(stack, q),
        Expr::Label(l) => one(stack, &l.expr),
        Expr::Over(o) => {
            one(stack, &o.func);
            if let Window::Spec(spec) = &*o.window {
                push_exprs(spec_exprs(spec), d, stack);
            }
        }
        Expr::Filter(f) => {
            one(stack, &f.func);
            one(stack, &f.condition);
        }
        Expr::Quantified(q) => {
            one(stack, &q.expr);
            query(stack, &q.subquery);
        }
        Expr::Extract(x) => one(stack, &x.expr),
        _ => {}
    }
}

/// The depth of the tree under `root`, measured with a heap stack.
fn measure(root: Node<'_>, start: usize) -> usize {
    let mut stack = vec![(root, start)];
    let mut max = 0;
    while let Some((node, d)) = stack.pop() {
        max = max.max(d);
        let node = match node {
            Node::Query(Query::Select(s)) => Node::Select(s),
            Node::Query(Query::Compound(c)) => Node::Compound(c),
            other => other,
        };
        match node {
            Node::Expr(e) => push_expr_children(e, d, &mut stack),
            Node::Select(s) => push_select(s, d, &mut stack),
            Node::Compound(c) => {
                // A chain of one set operation is one level, as rendered.
                let left_depth = match &*c.left {
                    Query::Compound(l)
                        if l.op == c.op && !crate::render::query::compound_has_tail(l) =>
                    {
                        d
                    }
                    _ => d + QUERY_DEPTH,
                };
                stack.push((Node::Query(&c.left), left_depth));
                stack.push((Node::Query(&c.right), d + QUERY_DEPTH));
                push_exprs(c.order_by.iter().map(|o| &o.expr), d, &mut stack);
                push_with(c.with.as_ref(), d, &mut stack);
            }
            Node::Query(_) => {}
            Node::Insert(s) => {
                push_with(s.with.as_ref(), d, &mut stack);
                match &s.source {
                    InsertSource::Values(rows) => {
                        push_exprs(rows.iter().flatten().map(|(_, e)| e), d, &mut stack)
                    }
                    InsertSource::Select { query, .. } => {
                        stack.push((Node::Select(query), d + QUERY_DEPTH))
                    }
                }
                if let Some(oc) = &s.on_conflict {
                    if let ConflictAction::DoUpdate { set, where_ } = &oc.action {
                        push_exprs(set.iter().map(|(_, e)| e).chain(where_), d, &mut stack);
                    }
                }
                push_exprs(s.returning.iter(), d, &mut stack);
            }
            Node::Update(s) => {
                push_with(s.with.as_ref(), d, &mut stack);
                let exprs = s
                    .set
                    .iter()
                    .map(|(_, e)| e)
                    .chain(&s.where_)
                    .chain(s.order_by.iter().map(|o| &o.expr))
                    .chain(&s.returning);
                push_exprs(exprs, d, &mut stack);
                push_items(s.from.iter(), d, &mut stack);
            }
            Node::Delete(s) => {
                push_with(s.with.as_ref(), d, &mut stack);
                let exprs = s
                    .where_
                    .iter()
                    .chain(s.order_by.iter().map(|o| &o.expr))
                    .chain(&s.returning);
                push_exprs(exprs, d, &mut stack);
                push_items(s.using.iter(), d, &mut stack);
            }
        }
    }
    max
}

mod sealed {
    pub trait Sealed {}
}

/// A tree that can be walked: the statements and [`Expr`]. The entry point
/// of a walk (see the module docs on depth).
pub trait Visit: sealed::Sealed {
    /// Walks `self` with `v` (starting at the matching `visit_*` method),
    /// after checking that the tree is at most [`DEFAULT_MAX_DEPTH`] deep:
    /// deeper is [`Error::TooDeep`] and nothing is visited.
    fn accept<V: Visitor + ?Sized>(&self, v: &mut V) -> Result<()> {
        self.accept_within(v, DEFAULT_MAX_DEPTH)
    }

    /// [`Visit::accept`] with the depth limit `max_depth`.
    fn accept_within<V: Visitor + ?Sized>(&self, v: &mut V, max_depth: usize) -> Result<()> {
        check(self.depth(), max_depth)?;
        self.accept_unchecked(v);
        Ok(())
    }

    /// Walks `self` with `v` and may rewrite it, after checking that the tree
    /// is at most [`DEFAULT_MAX_DEPTH`] deep: deeper is [`Error::TooDeep`]
    /// and the tree is left as it was.
    fn accept_mut<V: VisitorMut + ?Sized>(&mut self, v: &mut V) -> Result<()> {
        self.accept_mut_within(v, DEFAULT_MAX_DEPTH)
    }

    /// [`Visit::accept_mut`] with the depth limit `max_depth`.
    fn accept_mut_within<V: VisitorMut + ?Sized>(
        &mut self,
        v: &mut V,
        max_depth: usize,
    ) -> Result<()> {
        check(self.depth(), max_depth)?;
        self.accept_mut_unchecked(v);
        Ok(())
    }

    /// Walks without measuring the depth first: recursion proportional to
    /// the tree's depth, so only for trees known to be shallow enough.
    fn accept_unchecked<V: Visitor + ?Sized>(&self, v: &mut V);

    /// Rewrites without measuring the depth first (see
    /// [`Visit::accept_unchecked`]).
    fn accept_mut_unchecked<V: VisitorMut + ?Sized>(&mut self, v: &mut V);

    /// The nesting depth of the tree in the renderer's units (one per
    /// expression level, [`QUERY_DEPTH`] per query level), measured without
    /// recursion, so it is safe on a tree of any depth.
    fn depth(&self) -> usize;
}

fn check(depth: usize, max_depth: usize) -> Result<()> {
    if depth > max_depth {
        Err(Error::TooDeep { limit: max_depth })
    } else {
        Ok(())
    }
}

macro_rules! impl_visit {
    ($($t:ty => $visit:ident, $visit_mut:ident, $node:ident, $start:expr;)*) => {
        $(
            impl sealed::Sealed for $t {}

            impl Visit for $t {
                fn accept_unchecked<V: Visitor + ?Sized>(&self, v: &mut V) {
                    v.$visit(self);
                }

                fn accept_mut_unchecked<V: VisitorMut + ?Sized>(&mut self, v: &mut V) {
                    v.$visit_mut(self);
                }

                fn depth(&self) -> usize {
                    measure(Node::$node(self), $start)
                }
            }
        )*
    };
}

impl_visit! {
    Expr => visit_expr, visit_expr_mut, Expr, 1;
    Query => visit_query, visit_query_mut, Query, QUERY_DEPTH;
    Select => visit_select, visit_select_mut, Select, QUERY_DEPTH;
    Compound => visit_compound, visit_compound_mut, Compound, QUERY_DEPTH;
    Insert => visit_insert, visit_insert_mut, Insert, 1;
    Update => visit_update, visit_update_mut, Update, 1;
    Delete => visit_delete, visit_delete_mut, Delete, 1;
}

// ---- FROM sources --------------------------------------------------------

/// The key a FROM item is known by to nested queries: `(None, alias)` for
/// an aliased item, `(schema, name)` for a table without alias, `(None,
/// name)` for a derived table or CTE reference.
pub type SourceKey = (Option<Ident>, Ident);

/// The key of a table under an optional alias (see [`SourceKey`]).
pub fn table_key(table: &Table, alias: Option<&Ident>) -> SourceKey {
    match alias {
        Some(a) => (None, a.clone()),
        None => (table.name.schema.clone(), table.name.name.clone()),
    }
}

/// The key of a FROM item (see [`SourceKey`]).
pub fn source_key(item: &FromItem) -> SourceKey {
    match item {
        FromItem::Table { table, alias } => table_key(table, alias.as_ref()),
        FromItem::Subquery { alias, .. } => (None, alias.clone()),
        FromItem::Named(name) => (None, name.clone()),
    }
}

/// The FROM a SELECT renders with, for code that must act on every query
/// reading a table (row filters, access checks): its FROM items and JOIN
/// targets, then the tables its expressions reference at its own level
/// (subqueries excluded) that the renderer adds to its FROM.
///
/// `enclosing` lists the [`SourceKey`]s the enclosing queries expose; a
/// referenced table found there is correlated (it stays out of this FROM), as
/// when rendering: honouring [`Select::correlate`], and unless nothing else
/// would be left in this FROM, in which case it is this query's own. The
/// result is computed without rendering, by the renderer's own inference; for
/// a SELECT the renderer rejects as ambiguously correlated, the listed FROM
/// items alone.
pub fn select_sources(s: &Select, enclosing: &[SourceKey]) -> Vec<FromItem> {
    let mut out: Vec<FromItem> = s.from.clone();
    out.extend(s.joins.iter().map(|j| j.target.clone()));
    let is_enclosing = |(schema, name): (Option<&Ident>, &Ident)| {
        enclosing
            .iter()
            .any(|(sc, n)| sc.as_ref() == schema && n == name)
    };
    // A query the renderer refuses (ambiguous correlation) reads what it
    // lists.
    if let Ok((implicit, _)) = crate::render::select::infer_from(s, is_enclosing) {
        out.extend(implicit.iter().map(|(table, alias)| FromItem::Table {
            table: table.clone(),
            alias: alias.cloned(),
        }));
    }
    out
}
