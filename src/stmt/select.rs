//! [`Select`]: the SELECT statement.

use crate::expr::{and_, Expr, OrderBy, WindowSpec};
use crate::stmt::{Cte, FromItem, Join, JoinKind, Lock, Query, Subquery, With};
use crate::Ident;

/// A SELECT statement. Builders take `self` and return `Self`, so a query
/// composes as one expression and can be cloned and extended.
///
/// ```
/// use sqlexpr::{func, select, Column, SqlType, Table};
/// use sqlexpr_sqlite::Sqlite;
///
/// let users = Table::builder("users")
///     .column(Column::new("id", SqlType::Integer).primary_key())
///     .column(Column::new("age", SqlType::Integer))
///     .build()
///     .unwrap();
/// let q = select([func::count_star()])
///     .select_from(&users)
///     .where_(users.c("age").ge(18));
/// let c = q.compile(&Sqlite::new()).unwrap();
/// assert_eq!(c.sql, r#"SELECT COUNT(*) FROM "users" WHERE "users"."age" >= ?"#);
/// assert_eq!(c.params, [18.into()]);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Select {
    /// `WITH ...` before the SELECT.
    pub with: Option<With>,
    /// `SELECT DISTINCT` when true.
    pub distinct: bool,
    /// `SELECT DISTINCT ON (exprs)`: the first row (in ORDER BY order) of
    /// each group of equal `exprs`. Native on PostgreSQL; elsewhere emulated
    /// with `ROW_NUMBER() OVER (PARTITION BY exprs ORDER BY ...)` in a
    /// derived table, which needs every output column to have a name.
    pub distinct_on: Vec<Expr>,
    /// The select list.
    pub columns: Vec<Expr>,
    /// Explicit FROM items. Tables whose columns the query references but
    /// that are not listed here are added when compiling (unless an enclosing
    /// query provides them: correlation).
    pub from: Vec<FromItem>,
    /// Joins, applied after the FROM items in order.
    pub joins: Vec<Join>,
    /// The WHERE condition.
    pub where_: Option<Expr>,
    /// GROUP BY expressions.
    pub group_by: Vec<Expr>,
    /// The HAVING condition.
    pub having: Option<Expr>,
    /// ORDER BY items.
    pub order_by: Vec<OrderBy>,
    /// LIMIT.
    pub limit: Option<u64>,
    /// OFFSET (emulated with a maximal LIMIT where OFFSET needs one).
    pub offset: Option<u64>,
    /// Named windows: `WINDOW name AS (spec), ...` (before ORDER BY).
    pub windows: Vec<(Ident, WindowSpec)>,
    /// `FOR UPDATE` / `FOR SHARE` ...
    pub lock: Option<Lock>,
    /// Which enclosing FROM items this query may correlate to when nested:
    /// `None` is automatic (every enclosing table its expressions refer to);
    /// `Some(items)` only those (others are added to this query's FROM).
    pub correlate: Option<Vec<FromItem>>,
}

/// Starts a SELECT of the given columns.
pub fn select<I>(columns: I) -> Select
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    let mut s = Select::default();
    s.columns = columns.into_iter().map(Into::into).collect();
    s
}

fn and_into(slot: &mut Option<Expr>, condition: Expr) {
    *slot = Some(match slot.take() {
        Some(prev) => and_([prev, condition]),
        None => condition,
    });
}

impl Select {
    /// An empty SELECT; add columns with [`Select::column`].
    pub fn new() -> Self {
        Select::default()
    }

    /// Adds a column to the select list.
    pub fn column(mut self, column: impl Into<Expr>) -> Self {
        self.columns.push(column.into());
        self
    }

    /// Adds columns to the select list.
    pub fn columns<I>(mut self, columns: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        self.columns.extend(columns.into_iter().map(Into::into));
        self
    }

    /// `SELECT DISTINCT`.
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// Adds a FROM item (table, aliased table, subquery).
    pub fn select_from(mut self, item: impl Into<FromItem>) -> Self {
        self.from.push(item.into());
        self
    }

    fn add_join(mut self, kind: JoinKind, target: FromItem, on: Option<Expr>) -> Self {
        self.joins.push(Join { kind, target, on });
        self
    }

    /// `JOIN target`, the ON condition inferred from the foreign key between
    /// `target` and the tables before it.
    pub fn join(self, target: impl Into<FromItem>) -> Self {
        self.add_join(JoinKind::Inner, target.into(), None)
    }

    /// `JOIN target ON condition`.
    pub fn join_on(self, target: impl Into<FromItem>, on: impl Into<Expr>) -> Self {
        self.add_join(JoinKind::Inner, target.into(), Some(on.into()))
    }

    /// `LEFT OUTER JOIN target`, the condition inferred from foreign keys.
    pub fn left_join(self, target: impl Into<FromItem>) -> Self {
        self.add_join(JoinKind::Left, target.into(), None)
    }

    /// `LEFT OUTER JOIN target ON condition`.
    pub fn left_join_on(self, target: impl Into<FromItem>, on: impl Into<Expr>) -> Self {
        self.add_join(JoinKind::Left, target.into(), Some(on.into()))
    }

    /// `RIGHT OUTER JOIN target`, the condition inferred from foreign keys.
    pub fn right_join(self, target: impl Into<FromItem>) -> Self {
        self.add_join(JoinKind::Right, target.into(), None)
    }

    /// `RIGHT OUTER JOIN target ON condition`.
    pub fn right_join_on(self, target: impl Into<FromItem>, on: impl Into<Expr>) -> Self {
        self.add_join(JoinKind::Right, target.into(), Some(on.into()))
    }

    /// `FULL OUTER JOIN target`, the condition inferred from foreign keys.
    pub fn full_join(self, target: impl Into<FromItem>) -> Self {
        self.add_join(JoinKind::Full, target.into(), None)
    }

    /// `FULL OUTER JOIN target ON condition`.
    pub fn full_join_on(self, target: impl Into<FromItem>, on: impl Into<Expr>) -> Self {
        self.add_join(JoinKind::Full, target.into(), Some(on.into()))
    }

    /// `CROSS JOIN target`.
    pub fn cross_join(self, target: impl Into<FromItem>) -> Self {
        self.add_join(JoinKind::Cross, target.into(), None)
    }

    /// Adds a WHERE condition, AND-ed with any earlier one.
    pub fn where_(mut self, condition: impl Into<Expr>) -> Self {
        and_into(&mut self.where_, condition.into());
        self
    }

    /// Adds GROUP BY expressions.
    pub fn group_by<I>(mut self, exprs: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        self.group_by.extend(exprs.into_iter().map(Into::into));
        self
    }

    /// Adds a HAVING condition, AND-ed with any earlier one.
    pub fn having(mut self, condition: impl Into<Expr>) -> Self {
        and_into(&mut self.having, condition.into());
        self
    }

    /// Adds ORDER BY items (`expr`, `expr.desc()`, `expr.asc().nulls_last()`).
    pub fn order_by<I>(mut self, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<OrderBy>,
    {
        self.order_by.extend(items.into_iter().map(Into::into));
        self
    }

    /// Sets LIMIT.
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = Some(n);
        self
    }

    /// Sets OFFSET.
    pub fn offset(mut self, n: u64) -> Self {
        self.offset = Some(n);
        self
    }

    /// This query under an alias, for use in FROM.
    pub fn subquery(self, alias: impl Into<Ident>) -> Subquery {
        Query::from(self).subquery(alias)
    }

    /// This query as a scalar subquery expression `(SELECT ...)`.
    pub fn scalar_subquery(self) -> Expr {
        Query::from(self).scalar_subquery()
    }

    /// This query as the body of a CTE named `name`.
    pub fn cte(self, name: impl Into<Ident>) -> Cte {
        Query::from(self).cte(name)
    }

    /// Adds a CTE to the WITH clause.
    pub fn with(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, false);
        self
    }

    /// Adds a CTE and makes the WITH clause `WITH RECURSIVE`.
    pub fn with_recursive(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, true);
        self
    }

    /// `SELECT DISTINCT ON (exprs)`.
    pub fn distinct_on<I>(mut self, exprs: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        self.distinct_on.extend(exprs.into_iter().map(Into::into));
        self
    }

    /// Adds a named window `WINDOW name AS (spec)`, used with
    /// `.over("name")`.
    pub fn window(mut self, name: impl Into<Ident>, spec: WindowSpec) -> Self {
        self.windows.push((name.into(), spec));
        self
    }

    /// Sets the locking clause, e.g. `Lock::update().skip_locked()`.
    pub fn lock(mut self, lock: Lock) -> Self {
        self.lock = Some(lock);
        self
    }

    /// `FOR UPDATE`.
    pub fn for_update(self) -> Self {
        self.lock(Lock::update())
    }

    /// `FOR SHARE`.
    pub fn for_share(self) -> Self {
        self.lock(Lock::share())
    }

    /// Correlates, when nested, only to these enclosing FROM items; other
    /// tables the query refers to go into its own FROM.
    pub fn correlate<I>(mut self, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FromItem>,
    {
        self.correlate
            .get_or_insert_with(Vec::new)
            .extend(items.into_iter().map(Into::into));
        self
    }

    /// Turns correlation off: every table the query refers to goes into its
    /// own FROM.
    pub fn correlate_none(mut self) -> Self {
        self.correlate = Some(Vec::new());
        self
    }

    /// The names of the output columns that have one: labels and plain
    /// column references.
    pub fn output_names(&self) -> impl Iterator<Item = &Ident> {
        self.columns.iter().filter_map(|c| match c {
            Expr::Label(l) => Some(&l.name),
            Expr::Column(c) => Some(&c.name),
            _ => None,
        })
    }
}
