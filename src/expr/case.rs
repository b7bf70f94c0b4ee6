//! `CASE` expressions.

use super::Expr;

/// A `CASE` expression: searched (`CASE WHEN cond THEN x ... END`) or simple
/// (`CASE operand WHEN value THEN x ... END`). Converts into an [`Expr`].
///
/// ```
/// use sqlexpr::{case, col, Expr};
/// let e: Expr = case().when(col("age").lt(18), "minor").else_("adult").into();
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CaseExpr {
    /// The operand of a simple CASE; `None` for a searched CASE.
    pub operand: Option<Box<Expr>>,
    /// `WHEN` conditions (or values) and their results; must not be empty.
    pub whens: Vec<(Expr, Expr)>,
    /// The `ELSE` result.
    pub else_: Option<Box<Expr>>,
}

/// Starts a searched `CASE WHEN ... END`.
pub fn case() -> CaseExpr {
    CaseExpr {
        operand: None,
        whens: Vec::new(),
        else_: None,
    }
}

/// Starts a simple `CASE operand WHEN value THEN ... END`.
pub fn case_on(operand: impl Into<Expr>) -> CaseExpr {
    CaseExpr {
        operand: Some(Box::new(operand.into())),
        whens: Vec::new(),
        else_: None,
    }
}

impl CaseExpr {
    /// Adds `WHEN condition THEN result`.
    pub fn when(mut self, condition: impl Into<Expr>, result: impl Into<Expr>) -> Self {
        self.whens.push((condition.into(), result.into()));
        self
    }

    /// Sets `ELSE result`.
    pub fn else_(mut self, result: impl Into<Expr>) -> Self {
        self.else_ = Some(Box::new(result.into()));
        self
    }

    /// The expression (same as `Expr::from(self)`).
    pub fn end(self) -> Expr {
        Expr::Case(self)
    }
}

impl From<CaseExpr> for Expr {
    fn from(c: CaseExpr) -> Self {
        Expr::Case(c)
    }
}
