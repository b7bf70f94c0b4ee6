//! Window calls (`f(...) OVER (...)`), aggregate `FILTER (WHERE ...)`, and the
//! other expression nodes of the full SELECT language: quantified
//! comparisons (`= ANY (SELECT ...)`), `EXTRACT`, named bind parameters.

use super::{BinaryOp, Expr, OrderBy};
use crate::stmt::Query;
use crate::Ident;

/// `func OVER window`: a window function or an aggregate over a window.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WindowExpr {
    /// The function call (possibly an [`Expr::Filter`]ed aggregate).
    pub func: Box<Expr>,
    /// The window: a name from the WINDOW clause or an inline specification
    /// (boxed: a specification is large, and every [`Expr`] is as large as
    /// its largest variant).
    pub window: Box<Window>,
}

/// The window of an `OVER`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Window {
    /// `OVER name`: a window defined in the query's WINDOW clause.
    Named(Ident),
    /// `OVER (PARTITION BY ... ORDER BY ... frame)`.
    Spec(WindowSpec),
}

impl From<WindowSpec> for Window {
    fn from(s: WindowSpec) -> Self {
        Window::Spec(s)
    }
}

impl From<&str> for Window {
    fn from(name: &str) -> Self {
        Window::Named(Ident::from(name.to_owned()))
    }
}

impl From<Ident> for Window {
    fn from(name: Ident) -> Self {
        Window::Named(name)
    }
}

/// A window specification: `(base PARTITION BY ... ORDER BY ... frame)`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WindowSpec {
    /// A named window this one refines (`OVER (w ORDER BY x)`).
    pub base: Option<Ident>,
    /// `PARTITION BY` expressions.
    pub partition_by: Vec<Expr>,
    /// `ORDER BY` items.
    pub order_by: Vec<OrderBy>,
    /// The frame clause, e.g. `ROWS BETWEEN 1 PRECEDING AND CURRENT ROW`.
    pub frame: Option<Frame>,
}

/// An empty window specification `()`: the whole result is one partition.
pub fn window() -> WindowSpec {
    WindowSpec::default()
}

impl WindowSpec {
    /// Refines the named window `base`.
    pub fn base(mut self, base: impl Into<Ident>) -> Self {
        self.base = Some(base.into());
        self
    }

    /// Adds `PARTITION BY` expressions.
    pub fn partition_by<I>(mut self, exprs: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        self.partition_by.extend(exprs.into_iter().map(Into::into));
        self
    }

    /// Adds `ORDER BY` items.
    pub fn order_by<I>(mut self, items: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<OrderBy>,
    {
        self.order_by.extend(items.into_iter().map(Into::into));
        self
    }

    /// Sets the frame.
    pub fn frame(mut self, frame: Frame) -> Self {
        self.frame = Some(frame);
        self
    }

    /// `ROWS BETWEEN start AND end`.
    pub fn rows(self, start: FrameBound, end: FrameBound) -> Self {
        self.frame(Frame::between(FrameUnits::Rows, start, end))
    }

    /// `RANGE BETWEEN start AND end`.
    pub fn range(self, start: FrameBound, end: FrameBound) -> Self {
        self.frame(Frame::between(FrameUnits::Range, start, end))
    }

    /// `GROUPS BETWEEN start AND end` (not on MySQL / MariaDB).
    pub fn groups(self, start: FrameBound, end: FrameBound) -> Self {
        self.frame(Frame::between(FrameUnits::Groups, start, end))
    }
}

/// A window frame: `units start` or `units BETWEEN start AND end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Frame {
    /// `ROWS`, `RANGE` or `GROUPS`.
    pub units: FrameUnits,
    /// The frame start.
    pub start: FrameBound,
    /// The frame end; `None` renders the short form (end = `CURRENT ROW`).
    pub end: Option<FrameBound>,
}

impl Frame {
    /// `units BETWEEN start AND end`.
    pub fn between(units: FrameUnits, start: FrameBound, end: FrameBound) -> Self {
        Frame {
            units,
            start,
            end: Some(end),
        }
    }

    /// `units start` (the end is the current row).
    pub fn starting(units: FrameUnits, start: FrameBound) -> Self {
        Frame {
            units,
            start,
            end: None,
        }
    }
}

/// The unit a frame counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FrameUnits {
    /// `ROWS`: physical rows.
    Rows,
    /// `RANGE`: rows whose sort key is within an offset.
    Range,
    /// `GROUPS`: peer groups (PostgreSQL, SQLite).
    Groups,
}

/// One end of a frame. Offsets are written inline (they are integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum FrameBound {
    /// `UNBOUNDED PRECEDING`
    UnboundedPreceding,
    /// `n PRECEDING`
    Preceding(u64),
    /// `CURRENT ROW`
    CurrentRow,
    /// `n FOLLOWING`
    Following(u64),
    /// `UNBOUNDED FOLLOWING`
    UnboundedFollowing,
}

/// `aggregate FILTER (WHERE condition)`; emulated as
/// `aggregate(CASE WHEN condition THEN arg END)` where the dialect lacks
/// FILTER.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FilterExpr {
    /// The aggregate call ([`Expr::Function`]).
    pub func: Box<Expr>,
    /// The condition.
    pub condition: Box<Expr>,
}

/// `expr op ANY (subquery)` / `expr op ALL (subquery)`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct QuantifiedExpr {
    /// The tested value.
    pub expr: Box<Expr>,
    /// The comparison operator (`=`, `<>`, `<`, `<=`, `>`, `>=`).
    pub op: BinaryOp,
    /// `ALL` when true, `ANY` when false.
    pub all: bool,
    /// The subquery.
    pub subquery: Box<Query>,
}

/// A date/time field for [`extract`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DateField {
    /// The year.
    Year,
    /// The month, 1-12.
    Month,
    /// The day of the month, 1-31.
    Day,
    /// The hour, 0-23.
    Hour,
    /// The minute, 0-59.
    Minute,
    /// The second (whole seconds on MySQL and SQLite; PostgreSQL includes
    /// the fraction).
    Second,
}

impl DateField {
    /// The SQL keyword.
    pub fn as_sql(self) -> &'static str {
        match self {
            DateField::Year => "YEAR",
            DateField::Month => "MONTH",
            DateField::Day => "DAY",
            DateField::Hour => "HOUR",
            DateField::Minute => "MINUTE",
            DateField::Second => "SECOND",
        }
    }
}

/// `EXTRACT(field FROM expr)`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtractExpr {
    /// The field.
    pub field: DateField,
    /// The date / time value.
    pub expr: Box<Expr>,
}

/// `EXTRACT(field FROM expr)` (`CAST(strftime(...) AS INTEGER)` on SQLite).
pub fn extract(field: DateField, expr: impl Into<Expr>) -> Expr {
    Expr::Extract(ExtractExpr {
        field,
        expr: Box::new(expr.into()),
    })
}

/// A named bind parameter: it appears in the tree without a value; the
/// compiled statement lists its name in
/// [`Compiled::named_params`](crate::Compiled::named_params) and takes the
/// value at execution through [`Compiled::with_params`](crate::Compiled::with_params).
///
/// ```
/// use sqlexpr::{bind, col, select, Value};
/// use sqlexpr_postgres::Postgres;
/// let q = select([col("id")]).where_(col("age").ge(bind("min")) & col("age").lt(bind("min") + 10));
/// let c = q.compile(&Postgres::new()).unwrap();
/// // Each occurrence of a name is its own placeholder.
/// assert_eq!(c.sql, r#"SELECT "id" WHERE "age" >= $1 AND "age" < $2 + $3"#);
/// let run = c.with_params([("min", Value::I32(18))]).unwrap();
/// assert_eq!(run.params, [Value::I32(18), Value::I32(18), Value::I32(10)]);
/// ```
pub fn bind(name: impl Into<Ident>) -> Expr {
    Expr::Param(name.into())
}

impl Expr {
    /// `self OVER window`: `row_number().over(window().order_by([x]))`, or
    /// `.over("w")` for a window of the WINDOW clause.
    pub fn over(self, window: impl Into<Window>) -> Expr {
        Expr::Over(WindowExpr {
            func: Box::new(self),
            window: Box::new(window.into()),
        })
    }

    /// `self FILTER (WHERE condition)` on an aggregate.
    pub fn filter(self, condition: impl Into<Expr>) -> Expr {
        Expr::Filter(FilterExpr {
            func: Box::new(self),
            condition: Box::new(condition.into()),
        })
    }

    /// `self op ANY (subquery)`.
    pub fn cmp_any(self, op: BinaryOp, subquery: impl Into<Query>) -> Expr {
        self.quantified(op, false, subquery.into())
    }

    /// `self op ALL (subquery)`.
    pub fn cmp_all(self, op: BinaryOp, subquery: impl Into<Query>) -> Expr {
        self.quantified(op, true, subquery.into())
    }

    fn quantified(self, op: BinaryOp, all: bool, subquery: Query) -> Expr {
        Expr::Quantified(QuantifiedExpr {
            expr: Box::new(self),
            op,
            all,
            subquery: Box::new(subquery),
        })
    }
}
