//! FROM items and joins.

use crate::expr::{ColumnRef, Expr, Relation};
use crate::schema::{Table, TableAlias};
use crate::stmt::Query;
use crate::{Ident, Result};

/// An item of a FROM clause.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FromItem {
    /// A table, possibly under an alias.
    Table {
        /// The table.
        table: Table,
        /// `AS alias`.
        alias: Option<Ident>,
    },
    /// A subquery under an alias: `[LATERAL] (SELECT ...) AS alias`.
    Subquery {
        /// The query.
        query: Box<Query>,
        /// The alias (required by SQL).
        alias: Ident,
        /// `LATERAL`: the subquery may refer to the FROM items before it
        /// (PostgreSQL, MySQL 8.0.14+).
        lateral: bool,
    },
    /// A relation by name only, e.g. a CTE.
    Named(Ident),
}

impl FromItem {
    /// The name the item is known by in the query.
    pub fn exposed_name(&self) -> &Ident {
        match self {
            FromItem::Table {
                alias: Some(alias), ..
            } => alias,
            FromItem::Table { table, alias: None } => &table.name.name,
            FromItem::Subquery { alias, .. } => alias,
            FromItem::Named(name) => name,
        }
    }
}

impl From<Table> for FromItem {
    fn from(table: Table) -> Self {
        FromItem::Table { table, alias: None }
    }
}

impl From<&Table> for FromItem {
    fn from(table: &Table) -> Self {
        FromItem::Table {
            table: table.clone(),
            alias: None,
        }
    }
}

impl From<TableAlias> for FromItem {
    fn from(a: TableAlias) -> Self {
        FromItem::Table {
            table: a.table,
            alias: Some(a.alias),
        }
    }
}

impl From<&TableAlias> for FromItem {
    fn from(a: &TableAlias) -> Self {
        FromItem::Table {
            table: a.table.clone(),
            alias: Some(a.alias.clone()),
        }
    }
}

impl From<Subquery> for FromItem {
    fn from(s: Subquery) -> Self {
        FromItem::Subquery {
            query: Box::new(s.query),
            alias: s.alias,
            lateral: false,
        }
    }
}

impl From<&Subquery> for FromItem {
    fn from(s: &Subquery) -> Self {
        FromItem::Subquery {
            query: Box::new(s.query.clone()),
            alias: s.alias.clone(),
            lateral: false,
        }
    }
}

/// A query under an alias, for use in FROM; its output columns are
/// referenced with [`Subquery::c`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Subquery {
    /// The query.
    pub query: Query,
    /// The alias.
    pub alias: Ident,
}

impl Subquery {
    /// Whether the subquery has an output column of that name (a column's own
    /// name or a label).
    pub fn has_column(&self, name: &str) -> bool {
        self.query.output_names().into_iter().any(|n| n == name)
    }

    /// This subquery as a `LATERAL` FROM item, which may refer to the items
    /// before it: `.cross_join(sq.lateral())`, `.left_join_on(sq.lateral(),
    /// true)`.
    pub fn lateral(self) -> FromItem {
        FromItem::Subquery {
            query: Box::new(self.query),
            alias: self.alias,
            lateral: true,
        }
    }

    /// A reference to output column `name` of the subquery, or
    /// [`crate::Error::UnknownColumn`].
    pub fn col(&self, name: &str) -> Result<Expr> {
        if self.has_column(name) {
            Ok(Expr::Column(ColumnRef {
                relation: Some(Relation::Named(self.alias.clone())),
                name: Ident::from(name.to_owned()),
            }))
        } else {
            Err(crate::Error::UnknownColumn {
                table: format!("subquery {}", self.alias),
                column: name.to_owned(),
            })
        }
    }

    /// A reference to output column `name` of the subquery.
    ///
    /// # Panics
    ///
    /// Panics when the subquery has no such output column; use
    /// [`Subquery::col`] for a `Result`.
    #[track_caller]
    pub fn c(&self, name: &str) -> Expr {
        match self.col(name) {
            Ok(e) => e,
            Err(e) => panic!("{e}"),
        }
    }

    /// `alias.*`.
    pub fn star(&self) -> Expr {
        Expr::Star(Some(Relation::Named(self.alias.clone())))
    }
}

/// The kind of a join.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum JoinKind {
    /// `JOIN` (inner).
    Inner,
    /// `LEFT OUTER JOIN`.
    Left,
    /// `RIGHT OUTER JOIN`.
    Right,
    /// `FULL OUTER JOIN`.
    Full,
    /// `CROSS JOIN` (no condition).
    Cross,
}

impl JoinKind {
    /// The SQL keywords.
    pub fn as_sql(self) -> &'static str {
        match self {
            JoinKind::Inner => "JOIN",
            JoinKind::Left => "LEFT OUTER JOIN",
            JoinKind::Right => "RIGHT OUTER JOIN",
            JoinKind::Full => "FULL OUTER JOIN",
            JoinKind::Cross => "CROSS JOIN",
        }
    }
}

/// A join of `target` onto what precedes it in the FROM clause.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Join {
    /// Inner, left, ...
    pub kind: JoinKind,
    /// The joined item.
    pub target: FromItem,
    /// The ON condition. `None` on a non-cross join means: inferred at compile
    /// time from the single foreign key between the target and the tables
    /// before it (zero or several candidates is an error).
    pub on: Option<Expr>,
}
