//! ORDER BY items.

use super::Expr;

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Direction {
    /// `ASC`
    Asc,
    /// `DESC`
    Desc,
}

/// Where NULLs sort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Nulls {
    /// `NULLS FIRST`
    First,
    /// `NULLS LAST`
    Last,
}

/// An `ORDER BY` item: expression, direction, NULLs placement.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OrderBy {
    /// The sort key.
    pub expr: Expr,
    /// `ASC` / `DESC`; `None` renders neither (ascending).
    pub direction: Option<Direction>,
    /// `NULLS FIRST` / `NULLS LAST`; emulated with an `x IS NULL` key where the
    /// dialect lacks it.
    pub nulls: Option<Nulls>,
}

impl OrderBy {
    /// Sorts NULLs first.
    pub fn nulls_first(mut self) -> Self {
        self.nulls = Some(Nulls::First);
        self
    }

    /// Sorts NULLs last.
    pub fn nulls_last(mut self) -> Self {
        self.nulls = Some(Nulls::Last);
        self
    }
}

impl<T: Into<Expr>> From<T> for OrderBy {
    fn from(e: T) -> Self {
        OrderBy {
            expr: e.into(),
            direction: None,
            nulls: None,
        }
    }
}
