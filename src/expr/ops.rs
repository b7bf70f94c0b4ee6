//! Methods and operators that build expressions from an [`Expr`].

use std::ops;

use super::{
    BetweenExpr, BinaryExpr, BinaryOp, CastExpr, Direction, Expr, InListExpr, InSubqueryExpr,
    IsNullExpr, LabelExpr, LikeExpr, OrderBy, UnaryExpr, UnaryOp,
};
use crate::schema::SqlType;
use crate::stmt::Query;
use crate::{Ident, Value};

impl<T: Into<Value>> From<T> for Expr {
    fn from(v: T) -> Self {
        Expr::Value(v.into())
    }
}

impl From<&Expr> for Expr {
    fn from(e: &Expr) -> Self {
        e.clone()
    }
}

/// The escape character used by [`Expr::contains`], [`Expr::startswith`] and
/// [`Expr::endswith`].
pub const LIKE_ESCAPE: char = '/';

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for ch in s.chars() {
        if ch == '%' || ch == '_' || ch == LIKE_ESCAPE {
            out.push(LIKE_ESCAPE);
        }
        out.push(ch);
    }
    out
}

fn is_null_value(e: &Expr) -> bool {
    matches!(e, Expr::Null | Expr::Value(Value::Null))
}

impl Expr {
    fn binary(self, op: BinaryOp, right: impl Into<Expr>) -> Expr {
        Expr::Binary(BinaryExpr::new(self, op, right))
    }

    /// `self = other`; comparing with NULL (`None`) gives `self IS NULL`.
    pub fn eq(self, other: impl Into<Expr>) -> Expr {
        let other = other.into();
        if is_null_value(&other) {
            return self.is_null();
        }
        self.binary(BinaryOp::Eq, other)
    }

    /// `self <> other`; comparing with NULL (`None`) gives `self IS NOT NULL`.
    pub fn ne(self, other: impl Into<Expr>) -> Expr {
        let other = other.into();
        if is_null_value(&other) {
            return self.is_not_null();
        }
        self.binary(BinaryOp::Ne, other)
    }

    /// `self < other`.
    pub fn lt(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::Lt, other)
    }

    /// `self <= other`.
    pub fn le(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::Le, other)
    }

    /// `self > other`.
    pub fn gt(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::Gt, other)
    }

    /// `self >= other`.
    pub fn ge(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::Ge, other)
    }

    /// `self IS NULL`.
    pub fn is_null(self) -> Expr {
        Expr::IsNull(IsNullExpr {
            expr: Box::new(self),
            negated: false,
        })
    }

    /// `self IS NOT NULL`.
    pub fn is_not_null(self) -> Expr {
        Expr::IsNull(IsNullExpr {
            expr: Box::new(self),
            negated: true,
        })
    }

    /// `self IS DISTINCT FROM other` (NULL-safe inequality; `IS NOT` on
    /// SQLite, `NOT (a <=> b)` on MySQL).
    pub fn is_distinct_from(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::IsDistinctFrom, other)
    }

    /// `self IS NOT DISTINCT FROM other` (NULL-safe equality; `IS` on SQLite,
    /// `<=>` on MySQL).
    pub fn is_not_distinct_from(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::IsNotDistinctFrom, other)
    }

    /// `self BETWEEN low AND high`.
    pub fn between(self, low: impl Into<Expr>, high: impl Into<Expr>) -> Expr {
        Expr::Between(BetweenExpr {
            expr: Box::new(self),
            low: Box::new(low.into()),
            high: Box::new(high.into()),
            negated: false,
        })
    }

    /// `self NOT BETWEEN low AND high`.
    pub fn not_between(self, low: impl Into<Expr>, high: impl Into<Expr>) -> Expr {
        Expr::Between(BetweenExpr {
            expr: Box::new(self),
            low: Box::new(low.into()),
            high: Box::new(high.into()),
            negated: true,
        })
    }

    /// `self IN (a, b, ...)`; an empty list gives a predicate that is always
    /// false.
    pub fn in_<I>(self, list: I) -> Expr
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        Expr::InList(InListExpr {
            expr: Box::new(self),
            list: list.into_iter().map(Into::into).collect(),
            negated: false,
        })
    }

    /// `self NOT IN (a, b, ...)`; an empty list gives a predicate that is
    /// always true.
    pub fn not_in<I>(self, list: I) -> Expr
    where
        I: IntoIterator,
        I::Item: Into<Expr>,
    {
        Expr::InList(InListExpr {
            expr: Box::new(self),
            list: list.into_iter().map(Into::into).collect(),
            negated: true,
        })
    }

    /// `self IN (SELECT ...)`.
    pub fn in_subquery(self, subquery: impl Into<Query>) -> Expr {
        Expr::InSubquery(InSubqueryExpr {
            expr: Box::new(self),
            subquery: Box::new(subquery.into()),
            negated: false,
        })
    }

    /// `self NOT IN (SELECT ...)`.
    pub fn not_in_subquery(self, subquery: impl Into<Query>) -> Expr {
        Expr::InSubquery(InSubqueryExpr {
            expr: Box::new(self),
            subquery: Box::new(subquery.into()),
            negated: true,
        })
    }

    fn like_impl(self, pattern: Expr, negated: bool, ci: bool, escape: Option<char>) -> Expr {
        Expr::Like(LikeExpr {
            expr: Box::new(self),
            pattern: Box::new(pattern),
            negated,
            case_insensitive: ci,
            escape,
        })
    }

    /// `self LIKE pattern`.
    pub fn like(self, pattern: impl Into<Expr>) -> Expr {
        self.like_impl(pattern.into(), false, false, None)
    }

    /// `self NOT LIKE pattern`.
    pub fn not_like(self, pattern: impl Into<Expr>) -> Expr {
        self.like_impl(pattern.into(), true, false, None)
    }

    /// `self ILIKE pattern` (case-insensitive; `LOWER(self) LIKE
    /// LOWER(pattern)` where the dialect has no ILIKE).
    pub fn ilike(self, pattern: impl Into<Expr>) -> Expr {
        self.like_impl(pattern.into(), false, true, None)
    }

    /// `self NOT ILIKE pattern`.
    pub fn not_ilike(self, pattern: impl Into<Expr>) -> Expr {
        self.like_impl(pattern.into(), true, true, None)
    }

    /// Sets the `ESCAPE` character of a LIKE / ILIKE expression; on any other
    /// expression it does nothing.
    pub fn escape(mut self, escape: char) -> Expr {
        if let Expr::Like(like) = &mut self {
            like.escape = Some(escape);
        }
        self
    }

    /// `self LIKE '%' || value || '%'` with `%`, `_` and the escape character
    /// in `value` escaped, so it matches `value` literally anywhere.
    pub fn contains(self, value: impl AsRef<str>) -> Expr {
        let pattern = format!("%{}%", escape_like(value.as_ref()));
        self.like_impl(pattern.into(), false, false, Some(LIKE_ESCAPE))
    }

    /// Matches strings that start with `value` literally.
    pub fn startswith(self, value: impl AsRef<str>) -> Expr {
        let pattern = format!("{}%", escape_like(value.as_ref()));
        self.like_impl(pattern.into(), false, false, Some(LIKE_ESCAPE))
    }

    /// Matches strings that end with `value` literally.
    pub fn endswith(self, value: impl AsRef<str>) -> Expr {
        let pattern = format!("%{}", escape_like(value.as_ref()));
        self.like_impl(pattern.into(), false, false, Some(LIKE_ESCAPE))
    }

    /// String concatenation `self || other` (`CONCAT(self, other)` on MySQL).
    pub fn concat(self, other: impl Into<Expr>) -> Expr {
        self.binary(BinaryOp::Concat, other)
    }

    /// `CAST(self AS ty)`.
    pub fn cast(self, ty: SqlType) -> Expr {
        Expr::Cast(CastExpr {
            expr: Box::new(self),
            ty,
            coerce: false,
        })
    }

    /// `self` typed as `ty` without a CAST: see
    /// [`type_coerce`](crate::type_coerce).
    pub fn type_coerce(self, ty: SqlType) -> Expr {
        crate::expr::type_coerce(self, ty)
    }

    /// `self AS name` (in a select list).
    pub fn label(self, name: impl Into<Ident>) -> Expr {
        Expr::Label(LabelExpr {
            expr: Box::new(self),
            name: name.into(),
        })
    }

    /// Ascending sort key.
    pub fn asc(self) -> OrderBy {
        OrderBy {
            expr: self,
            direction: Some(Direction::Asc),
            nulls: None,
        }
    }

    /// Descending sort key.
    pub fn desc(self) -> OrderBy {
        OrderBy {
            expr: self,
            direction: Some(Direction::Desc),
            nulls: None,
        }
    }
}

macro_rules! binary_operator {
    ($($trait:ident $method:ident => $op:ident),* $(,)?) => {
        $(
            impl<T: Into<Expr>> ops::$trait<T> for Expr {
                type Output = Expr;
                fn $method(self, rhs: T) -> Expr {
                    self.binary(BinaryOp::$op, rhs)
                }
            }
        )*
    };
}

/// `+`: concatenation when one operand is a string and the other a string
/// or of unknown type (`name + " <"` is `name || ' <'`, `CONCAT(...)` on
/// MySQL), else arithmetic; see [`types`](super::types).
impl<T: Into<Expr>> ops::Add<T> for Expr {
    type Output = Expr;
    fn add(self, rhs: T) -> Expr {
        let rhs = rhs.into();
        let op = super::types::add_operator(&self, &rhs);
        self.binary(op, rhs)
    }
}

binary_operator! {
    Sub sub => Sub,
    Mul mul => Mul,
    Div div => Div,
    Rem rem => Mod,
}

impl ops::Neg for Expr {
    type Output = Expr;
    fn neg(self) -> Expr {
        Expr::Unary(UnaryExpr {
            op: UnaryOp::Neg,
            expr: Box::new(self),
        })
    }
}

impl ops::Not for Expr {
    type Output = Expr;
    fn not(self) -> Expr {
        super::not_(self)
    }
}

impl<T: Into<Expr>> ops::BitAnd<T> for Expr {
    type Output = Expr;
    fn bitand(self, rhs: T) -> Expr {
        super::and_([self, rhs.into()])
    }
}

impl<T: Into<Expr>> ops::BitOr<T> for Expr {
    type Output = Expr;
    fn bitor(self, rhs: T) -> Expr {
        super::or_([self, rhs.into()])
    }
}
