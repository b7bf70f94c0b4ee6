//! Typed columns: [`Col<T>`], a column handle that knows its Rust value type.
//!
//! The [`table!`](crate::table!) macro declares a table at compile time and
//! gives one `Col<T>` per column, so a misspelt column does not compile and
//! comparing a column with a value of the wrong type does not compile either:
//! `users.id.eq(5)` is fine for an `Integer` column, `users.id.eq("x")` is an
//! error. Every comparison returns a plain [`Expr`], so the rest of the API
//! (`&`, [`and_`](crate::and_), [`select`](crate::select), ...) is unchanged,
//! and a `Col<T>` converts into an [`Expr`] wherever the dynamic API wants one.
//!
//! Rust types of the [`SqlType`]s: `SmallInteger` `i16`, `Integer` `i32`,
//! `BigInteger` `i64`, `Float` `f32`, `Double` `f64`, `Numeric`
//! `bigdecimal::BigDecimal`, `String(n)` / `Text` / `Enum` `String`, `Boolean`
//! `bool`, `Date` `chrono::NaiveDate`, `Time` `chrono::NaiveTime`, `DateTime`
//! `chrono::NaiveDateTime`, `DateTimeTz` `chrono::DateTime<FixedOffset>`,
//! `Binary` `Vec<u8>`, `Uuid` `uuid::Uuid`, `Json` `serde_json::Value`; a
//! nullable column holds `Option` of its type.
//!
//! Integer literals: an `i32` column takes `5` as is; an `i64` column takes
//! `5` too (the literal falls back to `i32`, which widens losslessly, and is
//! bound as an `i64`), and a literal beyond the `i32` range needs its suffix
//! (`5_000_000_000i64`). An `i16` column takes `5` as `i16`. Floats work the
//! same way for `f64` (from `f32`).
//!
//! Setting values is typed the same way: [`Insert::value`](crate::Insert::value)
//! and [`Update::set`](crate::Update::set) take a typed column (see
//! [`SetColumn`]), so `insert(&users).value(&users.id, "x")` does not
//! compile, and [`Col::to`] makes a typed `(column, value)` pair for
//! multi-row inserts ([`Insert::row`](crate::Insert::row)).
//!
//! Tables known only at run time (built with [`Table::builder`] or reflected
//! from a database) keep the dynamic API ([`Table::c`]); a typed view of one
//! is [`Col::from_table`], which checks the column exists with a matching
//! type.

mod assign;
mod value;

#[doc(hidden)]
pub mod __private;

use std::fmt;
use std::marker::PhantomData;

pub use assign::SetColumn;
pub use value::{IntoTypedValue, NotNullType, SqlValueType, TypedOperand};

use crate::expr::{ColumnRef, OrderBy, Relation};
use crate::schema::{SqlType, Table};
use crate::stmt::Select;
use crate::{Error, Expr, Ident, Result};

/// A column reference that carries the Rust type `T` of the column's values
/// (`Option<_>` for a nullable column).
///
/// Comparisons take the operand by [`TypedOperand<T>`]: a value of a
/// compatible Rust type or another typed column of the same base type. They
/// take `&self`, so a handle stays usable, and return a plain [`Expr`].
///
/// ```
/// use sqlexpr::typed::Col;
/// use sqlexpr::{Column, SqlType, Table};
///
/// let users = Table::builder("users")
///     .column(Column::new("id", SqlType::Integer).primary_key())
///     .build()?;
/// let id: Col<i32> = Col::from_table(&users, "id")?;
/// let cond = id.eq(5) & id.ne(6);
/// assert_eq!(
///     sqlexpr::select([id.expr()]).where_(cond).to_string(),
///     r#"SELECT "users"."id" FROM "users" WHERE "users"."id" = :p1 AND "users"."id" <> :p2"#
/// );
/// # Ok::<(), sqlexpr::Error>(())
/// ```
pub struct Col<T> {
    column: ColumnRef,
    ty: PhantomData<fn() -> T>,
}

impl<T> Clone for Col<T> {
    fn clone(&self) -> Self {
        Col {
            column: self.column.clone(),
            ty: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Col<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Col")
            .field("column", &self.column)
            .field("rust_type", &std::any::type_name::<T>())
            .finish()
    }
}

impl<T> PartialEq for Col<T> {
    fn eq(&self, other: &Self) -> bool {
        self.column == other.column
    }
}

impl<T> From<Col<T>> for Expr {
    fn from(c: Col<T>) -> Expr {
        Expr::Column(c.column)
    }
}

impl<T> From<&Col<T>> for Expr {
    fn from(c: &Col<T>) -> Expr {
        Expr::Column(c.column.clone())
    }
}

impl<T> Col<T> {
    /// A handle on column `name` of `table`, trusting the caller about its
    /// type and existence; [`Col::from_table`] checks both.
    pub fn of(table: &Table, name: impl Into<Ident>) -> Self {
        Col::from_ref(ColumnRef::new(
            Some(Relation::Table {
                table: table.clone(),
                alias: None,
            }),
            name,
        ))
    }

    /// A handle on an unqualified column (rendered as the bare name, as in
    /// a CHECK constraint), trusting the caller about its type.
    pub fn unqualified(name: impl Into<Ident>) -> Self {
        Col::from_ref(ColumnRef::new(None, name))
    }

    /// A handle on any column reference, trusting the caller about its type.
    pub fn from_ref(column: ColumnRef) -> Self {
        Col {
            column,
            ty: PhantomData,
        }
    }

    /// The column's name.
    pub fn name(&self) -> &Ident {
        &self.column.name
    }

    /// The column reference.
    pub fn column_ref(&self) -> &ColumnRef {
        &self.column
    }

    /// The column as an untyped [`Expr`], for the dynamic API (e.g. a select
    /// list of columns of several types: `select([users.id.expr(),
    /// users.name.expr()])`).
    pub fn expr(&self) -> Expr {
        Expr::Column(self.column.clone())
    }

    /// The same column qualified by a table alias (`u.id` for `users AS u`);
    /// for a column of a table only.
    pub fn aliased(&self, alias: impl Into<Ident>) -> Self {
        let relation = match &self.column.relation {
            Some(Relation::Table { table, .. }) => Some(Relation::Table {
                table: table.clone(),
                alias: Some(alias.into()),
            }),
            other => other.clone(),
        };
        Col::from_ref(ColumnRef::new(relation, self.column.name.clone()))
    }

    /// `self IS NULL`.
    pub fn is_null(&self) -> Expr {
        self.expr().is_null()
    }

    /// `self IS NOT NULL`.
    pub fn is_not_null(&self) -> Expr {
        self.expr().is_not_null()
    }

    /// `self IN (SELECT ...)` (the subquery is not type-checked).
    pub fn in_subquery(&self, subquery: Select) -> Expr {
        self.expr().in_subquery(subquery)
    }

    /// `self NOT IN (SELECT ...)` (the subquery is not type-checked).
    pub fn not_in_subquery(&self, subquery: Select) -> Expr {
        self.expr().not_in_subquery(subquery)
    }

    /// Ascending sort key.
    pub fn asc(&self) -> OrderBy {
        self.expr().asc()
    }

    /// Descending sort key.
    pub fn desc(&self) -> OrderBy {
        self.expr().desc()
    }

    /// `self AS name` (in a select list).
    pub fn label(&self, name: impl Into<Ident>) -> Expr {
        self.expr().label(name)
    }

    /// `CAST(self AS ty)`.
    pub fn cast(&self, ty: SqlType) -> Expr {
        self.expr().cast(ty)
    }
}

impl<T: SqlValueType> Col<T> {
    /// A typed handle on column `name` of a table built at run time (or
    /// reflected), checked: the column exists, its [`SqlType`] holds `T`'s
    /// base type, and a NOT NULL handle (`T` not an `Option`) is only taken
    /// on a NOT NULL column.
    pub fn from_table(table: &Table, name: &str) -> Result<Self> {
        let column = table.column(name).ok_or_else(|| Error::UnknownColumn {
            table: table.name.to_string(),
            column: name.to_owned(),
        })?;
        if !<T::Base as NotNullType>::accepts(&column.ty) {
            return Err(Error::invalid(
                "typed column",
                format!(
                    "column {}.{} of type {:?} does not hold Rust values of type {}",
                    table.name,
                    column.name,
                    column.ty,
                    std::any::type_name::<T::Base>()
                ),
            ));
        }
        if column.nullable && !T::NULLABLE {
            return Err(Error::invalid(
                "typed column",
                format!(
                    "column {}.{} is nullable: its Rust type must be Option<{}>",
                    table.name,
                    column.name,
                    std::any::type_name::<T::Base>()
                ),
            ));
        }
        Ok(Col::of(table, column.name.clone()))
    }

    /// The assignment `self = value` as a `(column name, value)` pair, for
    /// [`Insert::row`](crate::Insert::row) and
    /// [`Insert::rows`](crate::Insert::rows) (a row of several typed
    /// columns) and [`Update::set_all`](crate::Update::set_all):
    /// `insert(&users).row([users.name.to("ann"), users.age.to(42)])`.
    pub fn to(&self, value: impl TypedOperand<T>) -> (Ident, Expr) {
        (self.column.name.clone(), value.into_operand())
    }

    /// `self = other`; `None` gives `self IS NULL`.
    pub fn eq(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().eq(other.into_operand())
    }

    /// `self <> other`; `None` gives `self IS NOT NULL`.
    pub fn ne(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().ne(other.into_operand())
    }

    /// `self < other`.
    pub fn lt(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().lt(other.into_operand())
    }

    /// `self <= other`.
    pub fn le(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().le(other.into_operand())
    }

    /// `self > other`.
    pub fn gt(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().gt(other.into_operand())
    }

    /// `self >= other`.
    pub fn ge(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().ge(other.into_operand())
    }

    /// `self IS DISTINCT FROM other` (NULL-safe inequality).
    pub fn is_distinct_from(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().is_distinct_from(other.into_operand())
    }

    /// `self IS NOT DISTINCT FROM other` (NULL-safe equality).
    pub fn is_not_distinct_from(&self, other: impl TypedOperand<T>) -> Expr {
        self.expr().is_not_distinct_from(other.into_operand())
    }

    /// `self BETWEEN low AND high`.
    pub fn between(&self, low: impl TypedOperand<T>, high: impl TypedOperand<T>) -> Expr {
        self.expr().between(low.into_operand(), high.into_operand())
    }

    /// `self NOT BETWEEN low AND high`.
    pub fn not_between(&self, low: impl TypedOperand<T>, high: impl TypedOperand<T>) -> Expr {
        self.expr()
            .not_between(low.into_operand(), high.into_operand())
    }

    /// `self IN (a, b, ...)`; an empty list is always false.
    pub fn in_<I>(&self, list: I) -> Expr
    where
        I: IntoIterator,
        I::Item: TypedOperand<T>,
    {
        self.expr()
            .in_(list.into_iter().map(TypedOperand::into_operand))
    }

    /// `self NOT IN (a, b, ...)`; an empty list is always true.
    pub fn not_in<I>(&self, list: I) -> Expr
    where
        I: IntoIterator,
        I::Item: TypedOperand<T>,
    {
        self.expr()
            .not_in(list.into_iter().map(TypedOperand::into_operand))
    }
}

/// Pattern matching, for text columns only.
impl<T: SqlValueType<Base = String>> Col<T> {
    /// `self LIKE pattern`.
    pub fn like(&self, pattern: impl TypedOperand<String>) -> Expr {
        self.expr().like(pattern.into_operand())
    }

    /// `self NOT LIKE pattern`.
    pub fn not_like(&self, pattern: impl TypedOperand<String>) -> Expr {
        self.expr().not_like(pattern.into_operand())
    }

    /// `self ILIKE pattern` (case-insensitive).
    pub fn ilike(&self, pattern: impl TypedOperand<String>) -> Expr {
        self.expr().ilike(pattern.into_operand())
    }

    /// `self NOT ILIKE pattern`.
    pub fn not_ilike(&self, pattern: impl TypedOperand<String>) -> Expr {
        self.expr().not_ilike(pattern.into_operand())
    }

    /// Matches values containing `value` literally (`%`, `_` escaped).
    pub fn contains(&self, value: impl AsRef<str>) -> Expr {
        self.expr().contains(value)
    }

    /// Matches values starting with `value` literally.
    pub fn startswith(&self, value: impl AsRef<str>) -> Expr {
        self.expr().startswith(value)
    }

    /// Matches values ending with `value` literally.
    pub fn endswith(&self, value: impl AsRef<str>) -> Expr {
        self.expr().endswith(value)
    }

    /// String concatenation `self || other` (`CONCAT()` on MySQL).
    pub fn concat(&self, other: impl TypedOperand<String>) -> Expr {
        self.expr().concat(other.into_operand())
    }
}
