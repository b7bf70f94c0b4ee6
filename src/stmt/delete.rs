//! [`Delete`]: the DELETE statement.

use crate::expr::{Expr, OrderBy};
use crate::schema::Table;
use crate::stmt::update::and_into;
use crate::stmt::{Cte, FromItem, With};

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
/// A WITH clause ([`Delete::with`]) comes before `DELETE`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Delete {
    /// The statement's WITH clause.
    pub with: Option<With>,
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
        with: None,
        table: table.as_ref().clone(),
        using: Vec::new(),
        where_: None,
        order_by: Vec::new(),
        limit: None,
        returning: Vec::new(),
    }
}

impl Delete {
    /// Adds a CTE to the statement's WITH clause (`WITH name AS (...) DELETE
    /// ...`), for the statement's subqueries and FROM to read. Where the
    /// dialect cannot put a WITH clause on DELETE, compiling gives
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
