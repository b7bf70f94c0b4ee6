//! SQL functions: [`call`] any function by name, and helpers for the common
//! ones whose spelling differs between dialects.

use super::Expr;
use crate::{Ident, Value};

/// Which function a [`FunctionCall`] calls. The known ones are named per
/// dialect (e.g. [`Func::Length`] is `length` on SQLite, `CHAR_LENGTH`
/// elsewhere); [`Func::Named`] is rendered as given.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Func {
    /// `COUNT`
    Count,
    /// `SUM`
    Sum,
    /// `AVG`
    Avg,
    /// `MIN`
    Min,
    /// `MAX`
    Max,
    /// `COALESCE`
    Coalesce,
    /// `LOWER`
    Lower,
    /// `UPPER`
    Upper,
    /// Length in characters (`CHAR_LENGTH`; `length` on SQLite).
    Length,
    /// `ABS`
    Abs,
    /// `ROUND(x)` or `ROUND(x, digits)`.
    Round,
    /// The current date and time (`CURRENT_TIMESTAMP`).
    Now,
    /// `CURRENT_TIMESTAMP`
    CurrentTimestamp,
    /// `CURRENT_DATE`
    CurrentDate,
    /// `NULLIF(a, b)`
    NullIf,
    /// `GREATEST(a, b, ...)` (scalar `MAX` on SQLite: NULL if any argument is
    /// NULL there and on MySQL, while PostgreSQL ignores NULL arguments).
    Greatest,
    /// `LEAST(a, b, ...)` (scalar `MIN` on SQLite; NULLs as for
    /// [`Func::Greatest`]).
    Least,
    /// `SUBSTRING(s, start[, length])` (`substr` on SQLite); 1-based.
    Substring,
    /// `TRIM(s)`, or with a second argument `TRIM(BOTH chars FROM s)`.
    Trim,
    /// `LTRIM(s)`, or with a second argument `TRIM(LEADING chars FROM s)`.
    LTrim,
    /// `RTRIM(s)`, or with a second argument `TRIM(TRAILING chars FROM s)`.
    RTrim,
    /// `REPLACE(s, from, to)`
    Replace,
    /// `ROW_NUMBER()` (window).
    RowNumber,
    /// `RANK()` (window).
    Rank,
    /// `DENSE_RANK()` (window).
    DenseRank,
    /// `PERCENT_RANK()` (window).
    PercentRank,
    /// `CUME_DIST()` (window).
    CumeDist,
    /// `NTILE(n)` (window).
    Ntile,
    /// `LAG(x[, offset[, default]])` (window).
    Lag,
    /// `LEAD(x[, offset[, default]])` (window).
    Lead,
    /// `FIRST_VALUE(x)` (window).
    FirstValue,
    /// `LAST_VALUE(x)` (window).
    LastValue,
    /// Any other function, by name. The name must be letters, digits, `_` and
    /// `.` (for schema-qualified functions); anything else is an error at
    /// compile time.
    Named(Ident),
}

impl Func {
    /// The ANSI name of the function.
    pub fn ansi_name(&self) -> &str {
        match self {
            Func::Count => "COUNT",
            Func::Sum => "SUM",
            Func::Avg => "AVG",
            Func::Min => "MIN",
            Func::Max => "MAX",
            Func::Coalesce => "COALESCE",
            Func::Lower => "LOWER",
            Func::Upper => "UPPER",
            Func::Length => "CHAR_LENGTH",
            Func::Abs => "ABS",
            Func::Round => "ROUND",
            Func::Now | Func::CurrentTimestamp => "CURRENT_TIMESTAMP",
            Func::Named(name) => name,
            other => crate::render::expr::known_function_name(other),
        }
    }
}

/// A function call.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FunctionCall {
    /// The function.
    pub func: Func,
    /// Arguments; `COUNT(*)` has the single argument [`Expr::Star`]`(None)`.
    pub args: Vec<Expr>,
    /// `DISTINCT` before the arguments (aggregates).
    pub distinct: bool,
}

fn call_known(func: Func, args: Vec<Expr>) -> Expr {
    Expr::Function(FunctionCall {
        func,
        args,
        distinct: false,
    })
}

/// Any function by name: `call("json_extract", [col("doc"), "$.a".into()])`.
pub fn call<I>(name: impl Into<Ident>, args: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    call_known(
        Func::Named(name.into()),
        args.into_iter().map(Into::into).collect(),
    )
}

/// `COUNT(expr)`.
pub fn count(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Count, vec![expr.into()])
}

/// `COUNT(*)`.
pub fn count_star() -> Expr {
    call_known(Func::Count, vec![Expr::Star(None)])
}

/// `COUNT(DISTINCT expr)`.
pub fn count_distinct(expr: impl Into<Expr>) -> Expr {
    Expr::Function(FunctionCall {
        func: Func::Count,
        args: vec![expr.into()],
        distinct: true,
    })
}

/// `SUM(expr)`.
pub fn sum(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Sum, vec![expr.into()])
}

/// `AVG(expr)`.
pub fn avg(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Avg, vec![expr.into()])
}

/// `MIN(expr)`.
pub fn min(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Min, vec![expr.into()])
}

/// `MAX(expr)`.
pub fn max(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Max, vec![expr.into()])
}

/// `COALESCE(a, b, ...)`.
pub fn coalesce<I>(args: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    call_known(Func::Coalesce, args.into_iter().map(Into::into).collect())
}

/// `LOWER(expr)`.
pub fn lower(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Lower, vec![expr.into()])
}

/// `UPPER(expr)`.
pub fn upper(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Upper, vec![expr.into()])
}

/// The length of a string in characters (`CHAR_LENGTH`, `length` on SQLite).
pub fn length(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Length, vec![expr.into()])
}

/// `ABS(expr)`.
pub fn abs(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Abs, vec![expr.into()])
}

/// `ROUND(expr)`: rounds to an integer value.
pub fn round(expr: impl Into<Expr>) -> Expr {
    call_known(Func::Round, vec![expr.into()])
}

/// `ROUND(expr, digits)`; the digit count is rendered inline (it is an
/// integer, not user text).
pub fn round_to(expr: impl Into<Expr>, digits: i32) -> Expr {
    call_known(
        Func::Round,
        vec![
            expr.into(),
            Expr::Raw(super::RawSql {
                sql: digits.to_string(),
                params: Vec::<Value>::new(),
            }),
        ],
    )
}

/// The current date and time of the transaction (`CURRENT_TIMESTAMP`).
pub fn now() -> Expr {
    call_known(Func::Now, Vec::new())
}

/// `CURRENT_TIMESTAMP`.
pub fn current_timestamp() -> Expr {
    call_known(Func::CurrentTimestamp, Vec::new())
}

fn int_literal(n: u64) -> Expr {
    Expr::Raw(super::RawSql {
        sql: n.to_string(),
        params: Vec::<Value>::new(),
    })
}

/// `CURRENT_DATE`.
pub fn current_date() -> Expr {
    call_known(Func::CurrentDate, Vec::new())
}

/// `NULLIF(a, b)`: NULL when `a = b`, else `a`.
pub fn nullif(a: impl Into<Expr>, b: impl Into<Expr>) -> Expr {
    call_known(Func::NullIf, vec![a.into(), b.into()])
}

/// `GREATEST(a, b, ...)`; scalar `MAX(a, b, ...)` on SQLite. NULL semantics
/// differ: PostgreSQL ignores NULL arguments, MySQL, MariaDB and SQLite
/// return NULL when any argument is NULL.
pub fn greatest<I>(args: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    call_known(Func::Greatest, args.into_iter().map(Into::into).collect())
}

/// `LEAST(a, b, ...)`; scalar `MIN(a, b, ...)` on SQLite. NULLs as for
/// [`greatest`].
pub fn least<I>(args: I) -> Expr
where
    I: IntoIterator,
    I::Item: Into<Expr>,
{
    call_known(Func::Least, args.into_iter().map(Into::into).collect())
}

/// `SUBSTRING(s, start, length)` (1-based; `substr` on SQLite).
pub fn substring(s: impl Into<Expr>, start: impl Into<Expr>, length: impl Into<Expr>) -> Expr {
    call_known(Func::Substring, vec![s.into(), start.into(), length.into()])
}

/// `SUBSTRING(s, start)`: from `start` (1-based) to the end.
pub fn substring_from(s: impl Into<Expr>, start: impl Into<Expr>) -> Expr {
    call_known(Func::Substring, vec![s.into(), start.into()])
}

/// `TRIM(s)`: strips spaces on both sides.
pub fn trim(s: impl Into<Expr>) -> Expr {
    call_known(Func::Trim, vec![s.into()])
}

/// `LTRIM(s)`: strips leading spaces.
pub fn ltrim(s: impl Into<Expr>) -> Expr {
    call_known(Func::LTrim, vec![s.into()])
}

/// `RTRIM(s)`: strips trailing spaces.
pub fn rtrim(s: impl Into<Expr>) -> Expr {
    call_known(Func::RTrim, vec![s.into()])
}

/// `TRIM(BOTH chars FROM s)` (`trim(s, chars)` on SQLite). `chars` is a set
/// of characters on PostgreSQL and SQLite, a whole string on MySQL: use a
/// single character for the same result everywhere.
pub fn trim_chars(s: impl Into<Expr>, chars: impl Into<Expr>) -> Expr {
    call_known(Func::Trim, vec![s.into(), chars.into()])
}

/// `REPLACE(s, from, to)`.
pub fn replace(s: impl Into<Expr>, from: impl Into<Expr>, to: impl Into<Expr>) -> Expr {
    call_known(Func::Replace, vec![s.into(), from.into(), to.into()])
}

/// `ROW_NUMBER()`; use with [`Expr::over`].
pub fn row_number() -> Expr {
    call_known(Func::RowNumber, Vec::new())
}

/// `RANK()`.
pub fn rank() -> Expr {
    call_known(Func::Rank, Vec::new())
}

/// `DENSE_RANK()`.
pub fn dense_rank() -> Expr {
    call_known(Func::DenseRank, Vec::new())
}

/// `PERCENT_RANK()`.
pub fn percent_rank() -> Expr {
    call_known(Func::PercentRank, Vec::new())
}

/// `CUME_DIST()`.
pub fn cume_dist() -> Expr {
    call_known(Func::CumeDist, Vec::new())
}

/// `NTILE(n)` (`n` written inline).
pub fn ntile(n: u64) -> Expr {
    call_known(Func::Ntile, vec![int_literal(n)])
}

/// `LAG(x)`: the value one row before.
pub fn lag(x: impl Into<Expr>) -> Expr {
    call_known(Func::Lag, vec![x.into()])
}

/// `LAG(x, offset, default)` (`offset` written inline).
pub fn lag_by(x: impl Into<Expr>, offset: u64, default: impl Into<Expr>) -> Expr {
    call_known(
        Func::Lag,
        vec![x.into(), int_literal(offset), default.into()],
    )
}

/// `LEAD(x)`: the value one row after.
pub fn lead(x: impl Into<Expr>) -> Expr {
    call_known(Func::Lead, vec![x.into()])
}

/// `LEAD(x, offset, default)` (`offset` written inline).
pub fn lead_by(x: impl Into<Expr>, offset: u64, default: impl Into<Expr>) -> Expr {
    call_known(
        Func::Lead,
        vec![x.into(), int_literal(offset), default.into()],
    )
}

/// `FIRST_VALUE(x)`.
pub fn first_value(x: impl Into<Expr>) -> Expr {
    call_known(Func::FirstValue, vec![x.into()])
}

/// `LAST_VALUE(x)`.
pub fn last_value(x: impl Into<Expr>) -> Expr {
    call_known(Func::LastValue, vec![x.into()])
}
