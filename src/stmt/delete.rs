//! [`Delete`]: the DELETE statement.

use crate::expr::{Expr, OrderBy};
use crate::schema::Table;
use crate::stmt::update::and_into;
use crate::stmt::FromItem;

/// A DELETE statement.
///
/// ```
/// use sqlexpr::{delete, Column, SqlType, Table};
/// use sqlexpr_postgres::Postgres;
///
/// let users = Table::builder("users")
///     .column(Column::new("id", SqlType::Integer).primary_key())
///     .build()
///     .unwrap();
/// let c = delete(&users).where_(users.c("id").eq(3)).compile(&Postgres::new()).unwrap();
/// assert_eq!(c.sql, r#"DELETE FROM "users" WHERE "users"."id" = $1"#);
/// ```
///
/// A `WITH` clause will come before `DELETE` when statements carry CTEs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Delete {
    /// The table rows are deleted from.
    pub table: Table,
    /// Other tables the WHERE reads: `USING` (PostgreSQL), multi-table
    /// DELETE (MySQL), `WHERE EXISTS (SELECT 1 FROM ...)` elsewhere.
    pub using: Vec<FromItem>,
    /// The WHERE condition.
    pub where_: Option<Expr>,
    /// ORDER BY (MySQL only; with [`Delete::limit`]).
    pub order_by: Vec<OrderBy>,
    /// LIMIT (MySQL only).
    pub limit: Option<u64>,
    /// RETURNING expressions (an error where the dialect lacks it).
    pub returning: Vec<Expr>,
}

/// Starts a DELETE from `table` (a [`Table`], or a table declared with
/// [`table!`](crate::table!)).
pub fn delete(table: impl AsRef<Table>) -> Delete {
    Delete {
        table: table.as_ref().clone(),
        using: Vec::new(),
        where_: None,
        order_by: Vec::new(),
        limit: None,
        returning: Vec::new(),
    }
}

impl Delete {
    /// Adds another table the WHERE condition reads.
    pub fn using(mut self, item: impl Into<FromItem>) -> Self {
        self.using.push(item.into());
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
