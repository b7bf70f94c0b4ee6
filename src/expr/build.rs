//! Free functions that build expressions.

use super::{CastExpr, ColumnRef, ExistsExpr, Expr, RawSql, UnaryExpr, UnaryOp};
use crate::schema::SqlType;
use crate::stmt::Query;
use crate::{Ident, Value};

/// `a AND b AND ...` over any number of conditions; nested ANDs are flattened
/// and an empty list is `TRUE`.
///
/// ```
/// use sqlexpr::{and_, col, Expr};
/// let e = and_([col("a").eq(1), and_([col("b").eq(2), col("c").eq(3)])]);
/// assert!(matches!(e, Expr::And(ref v) if v.len() == 3));
/// ```
pub fn and_<I>(conditions: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    let mut out = Vec::new();
    for c in conditions {
        match c.into() {
            Expr::And(ref mut inner) => out.append(inner),
            other => out.push(other),
        }
    }
    if out.len() == 1 {
        return out.pop().unwrap_or(Expr::Bool(true));
    }
    Expr::And(out)
}

/// `a OR b OR ...` over any number of conditions; nested ORs are flattened and
/// an empty list is `FALSE`.
pub fn or_<I>(conditions: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    let mut out = Vec::new();
    for c in conditions {
        match c.into() {
            Expr::Or(ref mut inner) => out.append(inner),
            other => out.push(other),
        }
    }
    if out.len() == 1 {
        return out.pop().unwrap_or(Expr::Bool(false));
    }
    Expr::Or(out)
}

/// `NOT condition`.
pub fn not_(condition: impl Into<Expr>) -> Expr {
    Expr::Unary(UnaryExpr {
        op: UnaryOp::Not,
        expr: Box::new(condition.into()),
    })
}

/// An unqualified column reference by name, e.g. for a column of a CTE or to
/// refer to a label.
pub fn col(name: impl Into<Ident>) -> Expr {
    Expr::Column(ColumnRef {
        relation: None,
        name: name.into(),
    })
}

/// A value as a bound parameter (the same as `Expr::from(value)`); for a
/// named parameter whose value comes at execution, see [`bind`](super::bind).
pub fn value(value: impl Into<Value>) -> Expr {
    Expr::Value(value.into())
}

/// The `NULL` keyword (rendered inline, not bound).
pub fn lit_null() -> Expr {
    Expr::Null
}

/// `CAST(expr AS ty)`, with the type named per dialect.
pub fn cast(expr: impl Into<Expr>, ty: SqlType) -> Expr {
    Expr::Cast(CastExpr {
        expr: Box::new(expr.into()),
        ty,
        coerce: false,
    })
}

/// `expr` treated as being of type `ty`, with no CAST in the SQL (as
/// SQLAlchemy's `type_coerce`): the SQL is `expr`'s own, but its type, for
/// the operators built on it ([`Expr::sql_type`]: `+` on a coerced text is
/// concatenation), for the statement's column types (a typed row reads
/// the column as `ty`) and for a bound value under it, is `ty`. A value
/// coerced to a [`SqlType::Custom`] goes through the type's bind
/// processor; a result column coerced to one through its result processor.
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr::{type_coerce, GenericDialect};
///
/// let t = Table::builder("t")
///     .column(Column::new("doc", SqlType::Text))
///     .build()?;
/// let q = select([type_coerce(t.c("doc"), SqlType::Json).label("doc")]);
/// assert_eq!(q.to_string(), r#"SELECT "t"."doc" AS "doc" FROM "t""#);
/// assert_eq!(q.column_types(), [Some(SqlType::Json)]);
/// // The operand's precedence is kept.
/// let e = type_coerce(t.c("doc") + "x", SqlType::Text) + "y";
/// let sql = select([e]).compile(&GenericDialect)?.sql;
/// assert_eq!(sql, r#"SELECT ("t"."doc" || :p1) || :p2 FROM "t""#);
/// # Ok::<(), sqlexpr::Error>(())
/// ```
pub fn type_coerce(expr: impl Into<Expr>, ty: SqlType) -> Expr {
    Expr::Cast(CastExpr {
        expr: Box::new(expr.into()),
        ty,
        coerce: true,
    })
}

/// `EXISTS (subquery)`.
pub fn exists(subquery: impl Into<Query>) -> Expr {
    Expr::Exists(ExistsExpr {
        subquery: Box::new(subquery.into()),
        negated: false,
    })
}

/// A row value `(a, b, ...)`.
pub fn tuple<I>(items: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    Expr::Tuple(items.into_iter().map(Into::into).collect())
}

/// Raw SQL text, rendered as written. The caller vouches for it: it is not
/// quoted or escaped. Use [`raw_with`] to bind values into it.
pub fn raw(sql: impl Into<String>) -> Expr {
    Expr::Raw(RawSql {
        sql: sql.into(),
        params: Vec::new(),
    })
}

/// Raw SQL text whose `?` placeholders (outside quoted strings and
/// identifiers) take `params` in order, rendered in the dialect's placeholder
/// style. A count mismatch is an error at compile time.
///
/// ```
/// use sqlexpr::{raw_with, select, Compiled};
/// use sqlexpr_postgres::Postgres;
/// let q = select([raw_with("? + ?", [1, 2]).label("three")]);
/// let c = q.compile(&Postgres::new()).unwrap();
/// assert_eq!(c.sql, r#"SELECT $1 + $2 AS "three""#);
/// ```
pub fn raw_with<I>(sql: impl Into<String>, params: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Value>,
{
    Expr::Raw(RawSql {
        sql: sql.into(),
        params: params.into_iter().map(Into::into).collect(),
    })
}
