//! [`Update`]: the UPDATE statement.

use crate::expr::{and_, Expr, OrderBy};
use crate::schema::Table;
use crate::stmt::FromItem;
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
/// A `WITH` clause will come before `UPDATE` when statements carry CTEs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Update {
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

/// Starts an UPDATE of `table`.
pub fn update(table: &Table) -> Update {
    Update {
        table: table.clone(),
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
    /// Adds `column = value` (a value or an expression such as
    /// `t.c("stock") - 1`).
    pub fn set(mut self, column: impl Into<Ident>, value: impl Into<Expr>) -> Self {
        self.set.push((column.into(), value.into()));
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
