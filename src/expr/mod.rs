//! The expression tree: [`Expr`] and its nodes.
//!
//! Everything that yields a value is an [`Expr`]. The tree is plain data: every
//! node is an owned enum or a struct with `pub` fields, so dialect crates and
//! embedding ORMs can read and rewrite it. Build it with the methods on [`Expr`]
//! (`eq`, `like`, `in_`, ...), the operators `+ - * / % & | !` and unary `-`,
//! and the free functions [`and_`], [`or_`], [`not_`], [`func`], [`case`],
//! [`cast`], [`exists`], [`tuple()`], [`raw`].
//!
//! Expressions know their SQL type where the tree says it
//! ([`Expr::sql_type`], see [`types`]): `+` on a string is concatenation,
//! and an operator whose meaning differs between engines for its operands'
//! types (a date plus a number, text in arithmetic) is an error when
//! compiling.

mod build;
mod case;
mod deep;
mod drop;
pub mod func;
mod ops;
mod order;
pub mod types;
pub mod window;

pub use build::{
    and_, cast, col, exists, lit_null, not_, or_, raw, raw_with, tuple, type_coerce, value,
};
pub use case::{case, case_on, CaseExpr};
pub(crate) use deep::grow;
pub use func::{Func, FunctionCall};
pub use order::{Direction, Nulls, OrderBy};
pub use window::{
    bind, extract, window, DateField, ExtractExpr, FilterExpr, Frame, FrameBound, FrameUnits,
    QuantifiedExpr, Window, WindowExpr, WindowSpec,
};

use crate::schema::{SqlType, Table};
use crate::stmt::Query;
use crate::{Ident, Value};

/// An SQL expression.
// Clone, PartialEq, Debug and serde's impls are in `expr/deep.rs`: they
// grow the stack on deep trees.
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(remote = "Self")
)]
pub enum Expr {
    /// A column reference, e.g. `"users"."id"`.
    Column(ColumnRef),
    /// A value sent as a bound parameter (`?` / `$1`).
    Value(Value),
    /// The `NULL` keyword.
    Null,
    /// The boolean keywords `TRUE` / `FALSE`.
    Bool(bool),
    /// A raw SQL fragment with its own bound values: each `?` outside quotes
    /// in `sql` takes the next value of `params`.
    Raw(RawSql),
    /// `*` or `table.*`.
    Star(Option<Relation>),
    /// A binary operator: comparison, arithmetic, concatenation.
    Binary(BinaryExpr),
    /// `NOT x` or `-x`.
    Unary(UnaryExpr),
    /// `a AND b AND ...`; empty is `TRUE`.
    And(Vec<Expr>),
    /// `a OR b OR ...`; empty is `FALSE`.
    Or(Vec<Expr>),
    /// `x IS NULL` / `x IS NOT NULL`.
    IsNull(IsNullExpr),
    /// `x BETWEEN low AND high` / `NOT BETWEEN`.
    Between(BetweenExpr),
    /// `x IN (a, b, ...)` / `NOT IN`; an empty list is always false (true when
    /// negated).
    InList(InListExpr),
    /// `x IN (SELECT ...)` / `NOT IN`.
    InSubquery(InSubqueryExpr),
    /// `x LIKE pattern [ESCAPE c]`, also NOT and case-insensitive forms.
    Like(LikeExpr),
    /// A function call, e.g. `COUNT(DISTINCT x)`.
    Function(FunctionCall),
    /// `CAST(x AS type)`.
    Cast(CastExpr),
    /// `CASE ... END`.
    Case(CaseExpr),
    /// `EXISTS (SELECT ...)` / `NOT EXISTS`.
    Exists(ExistsExpr),
    /// A scalar subquery `(SELECT ...)`.
    Subquery(Box<Query>),
    /// A row value `(a, b, ...)`.
    Tuple(Vec<Expr>),
    /// `x AS name` in a select list; elsewhere the inner expression (in ORDER
    /// BY and GROUP BY, the name).
    Label(LabelExpr),
    /// `f(...) OVER (...)`: a window function or an aggregate over a window.
    Over(WindowExpr),
    /// `aggregate FILTER (WHERE condition)`.
    Filter(FilterExpr),
    /// `x op ANY (SELECT ...)` / `x op ALL (SELECT ...)`.
    Quantified(QuantifiedExpr),
    /// `EXTRACT(field FROM x)`.
    Extract(ExtractExpr),
    /// A named bind parameter whose value is supplied at execution
    /// (see [`bind`]).
    Param(Ident),
}

/// What a column reference is qualified by.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Relation {
    /// A table, possibly under an alias: renders as the alias if there is one,
    /// else the (schema-qualified) table name.
    Table {
        /// The table.
        table: Table,
        /// The alias it is known by in the query.
        alias: Option<Ident>,
    },
    /// A named relation without metadata: a subquery alias or a CTE name.
    Named(Ident),
}

impl Relation {
    /// The name the relation is known by in a query (alias or table name).
    pub fn exposed_name(&self) -> &Ident {
        match self {
            Relation::Table {
                alias: Some(alias), ..
            } => alias,
            Relation::Table { table, alias: None } => &table.name.name,
            Relation::Named(name) => name,
        }
    }
}

/// A column reference.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ColumnRef {
    /// The table, alias or subquery the column belongs to; `None` renders the
    /// bare column name.
    pub relation: Option<Relation>,
    /// The column name.
    pub name: Ident,
}

impl ColumnRef {
    /// A column reference.
    pub fn new(relation: Option<Relation>, name: impl Into<Ident>) -> Self {
        ColumnRef {
            relation,
            name: name.into(),
        }
    }
}

/// Raw SQL text with its own bound values.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RawSql {
    /// The text; each `?` outside quotes is a placeholder.
    pub sql: String,
    /// The values for the placeholders, in order.
    pub params: Vec<Value>,
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BinaryOp {
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `IS DISTINCT FROM` (NULL-safe `<>`).
    IsDistinctFrom,
    /// `IS NOT DISTINCT FROM` (NULL-safe `=`).
    IsNotDistinctFrom,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// String concatenation (`||`; `CONCAT()` where `||` means something else).
    Concat,
}

impl BinaryOp {
    /// The ANSI spelling of the operator.
    pub fn as_sql(self) -> &'static str {
        match self {
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::IsDistinctFrom => "IS DISTINCT FROM",
            BinaryOp::IsNotDistinctFrom => "IS NOT DISTINCT FROM",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Concat => "||",
        }
    }
}

/// `left op right`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BinaryExpr {
    /// The operator.
    pub op: BinaryOp,
    /// The operands, left then right, in one allocation: a comparison costs
    /// one box, not two. Read them with [`left`](Self::left) and
    /// [`right`](Self::right).
    pub operands: Box<[Expr; 2]>,
}

impl BinaryExpr {
    /// `left op right`.
    pub fn new(left: impl Into<Expr>, op: BinaryOp, right: impl Into<Expr>) -> Self {
        BinaryExpr {
            op,
            operands: Box::new([left.into(), right.into()]),
        }
    }

    /// The left operand.
    pub fn left(&self) -> &Expr {
        &self.operands[0]
    }

    /// The right operand.
    pub fn right(&self) -> &Expr {
        &self.operands[1]
    }

    /// The left operand, to rewrite in place.
    pub fn left_mut(&mut self) -> &mut Expr {
        &mut self.operands[0]
    }

    /// The right operand, to rewrite in place.
    pub fn right_mut(&mut self) -> &mut Expr {
        &mut self.operands[1]
    }
}

/// A unary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum UnaryOp {
    /// `NOT x`
    Not,
    /// `-x`
    Neg,
}

/// `op expr`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UnaryExpr {
    /// The operator.
    pub op: UnaryOp,
    /// The operand.
    pub expr: Box<Expr>,
}

/// `expr IS [NOT] NULL`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct IsNullExpr {
    /// The operand.
    pub expr: Box<Expr>,
    /// `IS NOT NULL` when true.
    pub negated: bool,
}

/// `expr [NOT] BETWEEN low AND high`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BetweenExpr {
    /// The tested value.
    pub expr: Box<Expr>,
    /// Lower bound (inclusive).
    pub low: Box<Expr>,
    /// Upper bound (inclusive).
    pub high: Box<Expr>,
    /// `NOT BETWEEN` when true.
    pub negated: bool,
}

/// `expr [NOT] IN (list)`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InListExpr {
    /// The tested value (a [`Expr::Tuple`] for a row-value IN).
    pub expr: Box<Expr>,
    /// The candidates; may be empty.
    pub list: Vec<Expr>,
    /// `NOT IN` when true.
    pub negated: bool,
}

/// `expr [NOT] IN (SELECT ...)`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct InSubqueryExpr {
    /// The tested value.
    pub expr: Box<Expr>,
    /// The subquery.
    pub subquery: Box<Query>,
    /// `NOT IN` when true.
    pub negated: bool,
}

/// `expr [NOT] LIKE pattern [ESCAPE 'c']`, or ILIKE.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LikeExpr {
    /// The tested value.
    pub expr: Box<Expr>,
    /// The pattern.
    pub pattern: Box<Expr>,
    /// NOT LIKE when true.
    pub negated: bool,
    /// ILIKE (case-insensitive) when true; emulated with `LOWER()` where the
    /// dialect has no ILIKE.
    pub case_insensitive: bool,
    /// The escape character, if any.
    pub escape: Option<char>,
}

/// `CAST(expr AS ty)`, or a type coercion without SQL of its own.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CastExpr {
    /// The operand.
    pub expr: Box<Expr>,
    /// The target type, named per dialect.
    pub ty: SqlType,
    /// A type coercion ([`type_coerce`]) rather than a
    /// CAST: the operand is written as it is, and only its type is `ty`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub coerce: bool,
}

/// `[NOT] EXISTS (SELECT ...)`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExistsExpr {
    /// The subquery.
    pub subquery: Box<Query>,
    /// `NOT EXISTS` when true.
    pub negated: bool,
}

/// `expr AS name`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LabelExpr {
    /// The labelled expression.
    pub expr: Box<Expr>,
    /// The label.
    pub name: Ident,
}
