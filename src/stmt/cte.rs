//! Common table expressions: [`With`] (the reusable WITH clause, for any
//! statement) and [`Cte`].

use crate::expr::{ColumnRef, Expr, Relation};
use crate::stmt::{FromItem, Query};
use crate::Ident;

/// A WITH clause: `WITH [RECURSIVE] cte, cte, ...`. Statements hold an
/// `Option<With>` and render it with
/// [`render_with`](crate::render::cte::render_with).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct With {
    /// `WITH RECURSIVE` when true (needed when a CTE refers to itself).
    pub recursive: bool,
    /// The CTEs, in order; later ones may refer to earlier ones.
    pub ctes: Vec<Cte>,
}

impl With {
    /// Adds `cte` to the WITH clause in `slot` (starting one if there is
    /// none), making it `WITH RECURSIVE` when `recursive`.
    pub(crate) fn add(slot: &mut Option<With>, cte: Cte, recursive: bool) {
        let with = slot.get_or_insert_with(With::default);
        with.recursive |= recursive;
        with.ctes.push(cte);
    }
}

/// One common table expression: `name (columns) AS [NOT] MATERIALIZED
/// (query)`.
///
/// A recursive CTE refers to itself in its body, so the name comes first
/// and the body after:
///
/// ```
/// use sqlexpr::{select, value, stmt::Cte};
/// use sqlexpr_postgres::Postgres;
/// let nums = Cte::new("nums").columns(["n"]);
/// let body = select([value(1)])
///     .union_all(select([nums.c("n") + 1]).select_from(&nums).where_(nums.c("n").lt(3)));
/// let nums = nums.as_(body);
/// let q = select([nums.c("n")]).select_from(&nums).with_recursive(nums);
/// assert_eq!(
///     q.compile(&Postgres::new()).unwrap().sql,
///     r#"WITH RECURSIVE "nums" ("n") AS (SELECT CAST($1 AS INTEGER) UNION ALL SELECT "nums"."n" + $2 FROM "nums" WHERE "nums"."n" < $3) SELECT "nums"."n" FROM "nums""#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cte {
    /// The name it is referred to by.
    pub name: Ident,
    /// Explicit column names (`name (a, b)`); empty: the query's own.
    pub columns: Vec<Ident>,
    /// The body; a CTE without one is an error when rendered.
    pub query: Option<Box<Query>>,
    /// `MATERIALIZED` (`Some(true)`) / `NOT MATERIALIZED` (`Some(false)`).
    pub materialized: Option<bool>,
}

impl Cte {
    /// A CTE named `name`, its body to be given with [`Cte::as_`].
    pub fn new(name: impl Into<Ident>) -> Self {
        Cte {
            name: name.into(),
            columns: Vec::new(),
            query: None,
            materialized: None,
        }
    }

    /// Sets explicit column names.
    pub fn columns<I>(mut self, columns: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Ident>,
    {
        self.columns = columns.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the body.
    pub fn as_(mut self, query: impl Into<Query>) -> Self {
        self.query = Some(Box::new(query.into()));
        self
    }

    /// `AS MATERIALIZED` (PostgreSQL 12+, SQLite 3.35+).
    pub fn materialized(mut self) -> Self {
        self.materialized = Some(true);
        self
    }

    /// `AS NOT MATERIALIZED` (PostgreSQL 12+, SQLite 3.35+).
    pub fn not_materialized(mut self) -> Self {
        self.materialized = Some(false);
        self
    }

    /// A reference to column `name` of the CTE, qualified by the CTE name.
    pub fn c(&self, name: impl Into<Ident>) -> Expr {
        Expr::Column(ColumnRef::new(
            Some(Relation::Named(self.name.clone())),
            name,
        ))
    }

    /// `name.*`.
    pub fn star(&self) -> Expr {
        Expr::Star(Some(Relation::Named(self.name.clone())))
    }
}

impl From<&Cte> for FromItem {
    fn from(c: &Cte) -> Self {
        FromItem::Named(c.name.clone())
    }
}
