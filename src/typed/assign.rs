//! [`SetColumn`]: the column an INSERT or UPDATE sets, with its value.

use super::{Col, SqlValueType, TypedOperand};
use crate::{Expr, Ident};

/// A column that [`Insert::value`](crate::Insert::value) or
/// [`Update::set`](crate::Update::set) sets to a value of type `V`, made
/// into a `(column name, value)` pair.
///
/// Two kinds of column:
/// - a typed column, `&Col<T>` or `Col<T>`: the value must be a
///   [`TypedOperand<T>`] (a value of the column's Rust type or a lossless
///   conversion of one, or a typed column of the same type), so setting an
///   `Integer` column to a string does not compile;
/// - a column name (anything `Into<Ident>`: `"name"`, an [`Ident`]), for
///   tables known only at run time: any value or expression (`Into<Expr>`).
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::Sqlite;
///
/// sqlexpr::table! {
///     pub struct Users = "users" {
///         id: Integer [primary_key, autoincrement],
///         name: Text [not_null],
///         age: BigInteger,
///     }
/// }
///
/// let users = Users::new();
/// let q = insert(&users).value(&users.name, "ann").value(&users.age, 42);
/// let c = q.compile(&Sqlite::new())?;
/// assert_eq!(c.sql, r#"INSERT INTO "users" ("name", "age") VALUES (?, ?)"#);
/// assert_eq!(c.params, [Value::Text("ann".into()), Value::I64(42)]);
///
/// // A computed value goes by the column's name (not type-checked).
/// let q = update(&users)
///     .set(&users.age, None)
///     .set(users.name.name(), users.name.concat("!"))
///     .where_(users.id.eq(1));
/// let c = q.compile(&Sqlite::new())?;
/// assert_eq!(
///     c.sql,
///     r#"UPDATE "users" SET "age" = ?, "name" = "users"."name" || ? WHERE "users"."id" = ?"#
/// );
/// # Ok::<(), sqlexpr::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{V}` is not a value for column `{Self}`",
    label = "a typed column takes a value of its own Rust type; a column name takes any expression"
)]
pub trait SetColumn<V> {
    /// The column's name and the value as an expression.
    fn into_assignment(self, value: V) -> (Ident, Expr);
}

impl<C: Into<Ident>, V: Into<Expr>> SetColumn<V> for C {
    fn into_assignment(self, value: V) -> (Ident, Expr) {
        (self.into(), value.into())
    }
}

impl<T: SqlValueType, V: TypedOperand<T>> SetColumn<V> for &Col<T> {
    fn into_assignment(self, value: V) -> (Ident, Expr) {
        (self.name().clone(), value.into_operand())
    }
}

impl<T: SqlValueType, V: TypedOperand<T>> SetColumn<V> for Col<T> {
    fn into_assignment(self, value: V) -> (Ident, Expr) {
        (self.name().clone(), value.into_operand())
    }
}
