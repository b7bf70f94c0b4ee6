//! [`Query`]: a SELECT or a compound of SELECTs ([`Compound`]: UNION,
//! INTERSECT, EXCEPT), usable wherever a query is: subqueries, FROM items,
//! CTE bodies.

use crate::expr::{Expr, OrderBy};
use crate::stmt::{Cte, Select, Subquery, With};
use crate::Ident;

/// A query: a plain [`Select`] or a [`Compound`] of queries.
// Clone, PartialEq, Debug and serde's impls are in `expr/deep.rs`: they
// grow the stack on deep trees.
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(remote = "Self")
)]
pub enum Query {
    /// `SELECT ...`
    Select(Box<Select>),
    /// `query UNION query ...`
    Compound(Box<Compound>),
}

impl From<Select> for Query {
    fn from(s: Select) -> Self {
        Query::Select(Box::new(s))
    }
}

impl From<Compound> for Query {
    fn from(c: Compound) -> Self {
        Query::Compound(Box::new(c))
    }
}

impl Query {
    /// The names of the output columns: those of the first SELECT.
    pub fn output_names(&self) -> Vec<&Ident> {
        let mut q = self;
        loop {
            match q {
                Query::Select(s) => return s.output_names().collect(),
                Query::Compound(c) => q = &c.left,
            }
        }
    }

    /// This query under an alias, for use in FROM.
    pub fn subquery(self, alias: impl Into<Ident>) -> Subquery {
        Subquery {
            query: self,
            alias: alias.into(),
        }
    }

    /// This query as a scalar subquery expression `(SELECT ...)`.
    pub fn scalar_subquery(self) -> Expr {
        Expr::Subquery(Box::new(self))
    }

    /// This query as the body of a CTE named `name`.
    pub fn cte(self, name: impl Into<Ident>) -> Cte {
        Cte::new(name).as_(self)
    }
}

/// A set operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SetOp {
    /// `UNION` (duplicates removed).
    Union,
    /// `UNION ALL`.
    UnionAll,
    /// `INTERSECT`.
    Intersect,
    /// `INTERSECT ALL` (PostgreSQL, MySQL 8.0.31+, MariaDB).
    IntersectAll,
    /// `EXCEPT`.
    Except,
    /// `EXCEPT ALL` (PostgreSQL, MySQL 8.0.31+, MariaDB).
    ExceptAll,
}

impl SetOp {
    /// The SQL keywords.
    pub fn as_sql(self) -> &'static str {
        match self {
            SetOp::Union => "UNION",
            SetOp::UnionAll => "UNION ALL",
            SetOp::Intersect => "INTERSECT",
            SetOp::IntersectAll => "INTERSECT ALL",
            SetOp::Except => "EXCEPT",
            SetOp::ExceptAll => "EXCEPT ALL",
        }
    }

    /// Standard precedence: INTERSECT binds tighter than UNION and EXCEPT.
    pub fn precedence(self) -> u8 {
        match self {
            SetOp::Intersect | SetOp::IntersectAll => 2,
            _ => 1,
        }
    }
}

/// `left op right [ORDER BY ...] [LIMIT ...]`: a set operation. Nest
/// compounds for more members; a member with its own ORDER BY / LIMIT keeps
/// it (parenthesised, or as a derived table where the dialect cannot
/// parenthesise members).
///
/// ```
/// use sqlexpr::{col, select};
/// use sqlexpr_sqlite::Sqlite;
/// let q = select([col("a")]).union_all(select([col("b")])).order_by([col("a")]).limit(5);
/// assert_eq!(
///     q.compile(&Sqlite::new()).unwrap().sql,
///     r#"SELECT "a" UNION ALL SELECT "b" ORDER BY "a" LIMIT 5"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Compound {
    /// `WITH ...` before the whole compound.
    pub with: Option<With>,
    /// The operator.
    pub op: SetOp,
    /// The left member.
    pub left: Box<Query>,
    /// The right member.
    pub right: Box<Query>,
    /// ORDER BY of the whole result; column references render unqualified,
    /// naming output columns.
    pub order_by: Vec<OrderBy>,
    /// LIMIT of the whole result.
    pub limit: Option<u64>,
    /// OFFSET of the whole result.
    pub offset: Option<u64>,
}

impl Compound {
    /// `left op right`.
    pub fn new(op: SetOp, left: impl Into<Query>, right: impl Into<Query>) -> Self {
        Compound {
            with: None,
            op,
            left: Box::new(left.into()),
            right: Box::new(right.into()),
            order_by: Vec::new(),
            limit: None,
            offset: None,
        }
    }

    /// Adds ORDER BY items for the whole result.
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

    /// Adds a CTE to the WITH clause before the compound.
    pub fn with(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, false);
        self
    }

    /// Adds a CTE and makes the WITH clause `WITH RECURSIVE`.
    pub fn with_recursive(mut self, cte: Cte) -> Self {
        With::add(&mut self.with, cte, true);
        self
    }

    /// This compound under an alias, for use in FROM.
    pub fn subquery(self, alias: impl Into<Ident>) -> Subquery {
        Query::from(self).subquery(alias)
    }

    /// This compound as a scalar subquery expression.
    pub fn scalar_subquery(self) -> Expr {
        Query::from(self).scalar_subquery()
    }

    /// This compound as the body of a CTE named `name`.
    pub fn cte(self, name: impl Into<Ident>) -> Cte {
        Query::from(self).cte(name)
    }
}

macro_rules! set_op_builders {
    ($($t:ty),*) => {
        $(
            impl $t {
                /// `self UNION other`.
                pub fn union(self, other: impl Into<Query>) -> Compound {
                    Compound::new(SetOp::Union, self, other)
                }

                /// `self UNION ALL other`.
                pub fn union_all(self, other: impl Into<Query>) -> Compound {
                    Compound::new(SetOp::UnionAll, self, other)
                }

                /// `self INTERSECT other`.
                pub fn intersect(self, other: impl Into<Query>) -> Compound {
                    Compound::new(SetOp::Intersect, self, other)
                }

                /// `self INTERSECT ALL other`.
                pub fn intersect_all(self, other: impl Into<Query>) -> Compound {
                    Compound::new(SetOp::IntersectAll, self, other)
                }

                /// `self EXCEPT other`.
                pub fn except(self, other: impl Into<Query>) -> Compound {
                    Compound::new(SetOp::Except, self, other)
                }

                /// `self EXCEPT ALL other`.
                pub fn except_all(self, other: impl Into<Query>) -> Compound {
                    Compound::new(SetOp::ExceptAll, self, other)
                }
            }
        )*
    };
}

set_op_builders!(Select, Compound, Query);
