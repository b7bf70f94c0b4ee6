//! [`Update`]: the UPDATE statement.

use crate::expr::{and_, Expr, OrderBy};
use crate::schema::Table;
use crate::stmt::{Cte, FromItem, With};
use crate::typed::SetColumn;
use crate::Ident;

/// An UPDATE statement.
///
/// ```
/// use sqlexpr::{update, Column, SqlType, Table};
/// use sqlexpr_sqlite::Sqlite;
///
/// let products = Table::builder("products")
///     .column(Column::new("id", SqlType::Integer).primary_key())
///     .column(Column::new("stock", SqlType::Integer).not_null())
///     .build()
///     .unwrap();
/// let q = update(&products)
///     .set("stock", products.c("stock") - 1)
///     .where_(products.c("id").eq(7));
/// let c = q.compile(&Sqlite::new()).unwrap();
/// assert_eq!(
///     c.sql,
///     r#"UPDATE "products" SET "stock" = "products"."stock" - ? WHERE "products"."id" = ?"#
/// );
/// ```
///
/// A WITH clause ([`Update::with`]) comes before `UPDATE`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Update {
    /// The statement's WITH clause.
    pub with: Option<With>,
    /// The updated table.
    pub table: Table,
    /// `column = value` assignments, in order (at least one).
    pub set: Vec<(Ident, Expr)>,
    /// Other tables the WHERE and values read: `UPDATE ... FROM`
    /// (PostgreSQL, SQLite 3.33+) or `UPDATE t JOIN other` (MySQL).
    pub from: Vec<FromItem>,
    /// The WHERE condition.
    pub where_: Option<Expr>,
    /// ORDER BY (MySQL only; with [`Update::limit`]).
    pub order_by: Vec<OrderBy>,
    /// LIMIT (MySQL only).
    pub limit: Option<u64>,
    /// RETURNING expressions (an error where the dialect lacks it).
    pub returning: Vec<Expr>,
}

/// Starts an UPDATE of `table` (a [`Table`], or a table declared with
/// [`table!`](crate::table!)).
pub fn update(table: impl AsRef<Table>) -> Update {
    Update {
        with: None,
        table: table.as_ref().clone(),
        set: Vec::new(),
        from: Vec::new(),
        where_: None,
        order_by: Vec::new(),
        limit: None,
        returning: Vec::new(),
    }
}

pub(crate) fn and_into(slot: &mut Option<Expr>, condition: Expr) {
    *slot = Some(match slot.take() {
        Some(prev) => and_([prev, condition]),
        None => condition,
    });
}

impl Update {
    /// Adds a CTE to the statement's WITH clause (`WITH name AS (...) UPDATE
    /// ...`), for the statement's subqueries and FROM to read. Where the
    /// dialect cannot put a WITH clause on UPDATE, compiling gives
    /// [`Error::Unsupported`](crate::Error::Unsupported).
    pub fn with(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, false);
        self
    }

    /// Adds a CTE and makes the WITH clause `WITH RECURSIVE`.
    pub fn with_recursive(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, true);
        self
    }

    /// Adds `column = value`. A typed column (`&users.age`) takes a value
    /// of its Rust type, or a typed column of the same type; a column name
    /// takes any value or expression such as `t.c("stock") - 1` (see
    /// [`SetColumn`]).
    pub fn set<V>(mut self, column: impl SetColumn<V>, value: V) -> Self {
        self.set.push(column.into_assignment(value));
        self
    }

    /// Adds several `column = value` assignments: `(column name, value)`
    /// pairs, such as typed ones made by [`Col::to`](crate::Col::to).
    pub fn set_all<I, C, E>(mut self, assignments: I) -> Self
    where
        I: IntoIterator<Item = (C, E)>,
        C: Into<Ident>,
        E: Into<Expr>,
    {
        self.set
            .extend(assignments.into_iter().map(|(c, e)| (c.into(), e.into())));
        self
    }

    /// Adds another table to read from.
    pub fn from(mut self, item: impl Into<FromItem>) -> Self {
        self.from.push(item.into());
        self
    }

    /// Adds a WHERE condition, AND-ed with any earlier one.
    pub fn where_(mut self, condition: impl Into<Expr>) -> Self {
        and_into(&mut self.where_, condition.into());
        self
    }

    /// Adds ORDER BY items (MySQL).
    pub fn order_by<I>(mut self, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<OrderBy>,
    {
        self.order_by.extend(items.into_iter().map(Into::into));
        self
    }

    /// Sets LIMIT (MySQL).
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = Some(n);
        self
    }

    /// Adds RETURNING expressions.
    pub fn returning<I>(mut self, exprs: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        self.returning.extend(exprs.into_iter().map(Into::into));
        self
    }
}
