//! The Rust value types of typed columns: [`SqlValueType`], [`NotNullType`],
//! and the conversions [`IntoTypedValue`] (a value for a column) and
//! [`TypedOperand`] (a value or a column, as a comparison operand).

use bigdecimal::BigDecimal;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use uuid::Uuid;

use super::Col;
use crate::schema::SqlType;
use crate::{Expr, Value};

/// A Rust type a typed column holds: a [`NotNullType`] for a NOT NULL
/// column, or `Option` of one for a nullable column.
pub trait SqlValueType: Into<Value> + Send + Sync + 'static {
    /// The type without NULL: `T` for both `T` and `Option<T>`. Two typed
    /// columns are comparable when their `Base` types are the same.
    type Base: NotNullType;
    /// Whether the type admits NULL (`None`).
    const NULLABLE: bool;
}

/// A Rust type of a NOT NULL column (`i32`, `String`, `chrono::NaiveDate`,
/// ...), with the SQL types it stands for.
pub trait NotNullType: SqlValueType {
    /// Whether a column of SQL type `ty` holds values of this Rust type
    /// (`i32` for [`SqlType::Integer`], `String` for `Text`, `String(n)` and
    /// `Enum`, ...).
    fn accepts(ty: &SqlType) -> bool;
}

/// A Rust value that can be stored in, or compared with, a column of Rust
/// type `T`: the value itself, a lossless widening (`i32` for an `i64`
/// column, `f32` for `f64`), a borrowed form (`&str` for `String`, `&[u8]`
/// for `Vec<u8>`, `&T` for `T`), and for a nullable column (`Option<T>`)
/// any of those, `Option<T>` and `None`. (`Option<&str>` is not accepted for
/// `Option<String>`, nor `Option<i32>` for `Option<i64>`: with several
/// `Option` types accepted, a bare `None` would not infer.)
///
/// Implemented for the built-in types; implement it (with
/// [`TypedOperand`]) for a newtype of your own to use it with typed columns.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value for a column of Rust type `{T}`",
    label = "expected a value of type `{T}` (or a lossless conversion of one)"
)]
pub trait IntoTypedValue<T: SqlValueType> {
    /// The bound value, converted to the column's Rust type.
    fn into_typed_value(self) -> Value;
}

/// Something a column of Rust type `T` can be compared with: a value
/// ([`IntoTypedValue<T>`]) or another typed column with the same
/// [`SqlValueType::Base`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not match a column of Rust type `{T}`",
    label = "expected a value of type `{T}` or a typed column of the same type"
)]
pub trait TypedOperand<T: SqlValueType> {
    /// The operand as an expression (a bound value or a column reference).
    fn into_operand(self) -> Expr;
}

impl<T: SqlValueType, U: SqlValueType<Base = T::Base>> TypedOperand<T> for Col<U> {
    fn into_operand(self) -> Expr {
        self.into()
    }
}

impl<T: SqlValueType, U: SqlValueType<Base = T::Base>> TypedOperand<T> for &Col<U> {
    fn into_operand(self) -> Expr {
        self.into()
    }
}

impl<T: NotNullType> SqlValueType for Option<T> {
    type Base = T;
    const NULLABLE: bool = true;
}

/// `[$target] <= [$source]: |v| conversion`: a value of type `$source` for a
/// column of Rust type `$target`, and for a column of `Option<$target>`.
/// (`Option<$source>` is accepted only where `$source` is `$target` itself,
/// so that a bare `None` infers its type.)
macro_rules! typed_value {
    ($([$target:ty] <= [$source:ty]: |$v:ident| $conv:expr;)*) => {
        $(
            impl IntoTypedValue<$target> for $source {
                fn into_typed_value(self) -> Value {
                    let $v = self;
                    Value::from($conv)
                }
            }
            impl TypedOperand<$target> for $source {
                fn into_operand(self) -> Expr {
                    Expr::Value(IntoTypedValue::<$target>::into_typed_value(self))
                }
            }
            impl IntoTypedValue<Option<$target>> for $source {
                fn into_typed_value(self) -> Value {
                    IntoTypedValue::<$target>::into_typed_value(self)
                }
            }
            impl TypedOperand<Option<$target>> for $source {
                fn into_operand(self) -> Expr {
                    Expr::Value(IntoTypedValue::<$target>::into_typed_value(self))
                }
            }
        )*
    };
}

/// The built-in NOT NULL types: each with the SQL types it accepts, itself
/// and `&itself` as values.
macro_rules! not_null_type {
    ($($t:ty => $pat:pat,)*) => {
        $(
            impl SqlValueType for $t {
                type Base = $t;
                const NULLABLE: bool = false;
            }
            impl NotNullType for $t {
                fn accepts(ty: &SqlType) -> bool {
                    matches!(ty, $pat)
                }
            }
            typed_value! {
                [$t] <= [$t]: |v| v;
                [$t] <= [&$t]: |v| v.clone();
            }
            impl IntoTypedValue<Option<$t>> for Option<$t> {
                fn into_typed_value(self) -> Value {
                    Value::from(self)
                }
            }
            impl TypedOperand<Option<$t>> for Option<$t> {
                fn into_operand(self) -> Expr {
                    Expr::Value(Value::from(self))
                }
            }
        )*
    };
}

not_null_type! {
    i16 => SqlType::SmallInteger,
    i32 => SqlType::Integer,
    i64 => SqlType::BigInteger,
    f32 => SqlType::Float,
    f64 => SqlType::Double,
    bool => SqlType::Boolean,
    String => SqlType::String(_) | SqlType::Text | SqlType::Enum(..),
    Vec<u8> => SqlType::Binary,
    BigDecimal => SqlType::Numeric(..),
    Uuid => SqlType::Uuid,
    NaiveDate => SqlType::Date,
    NaiveTime => SqlType::Time,
    NaiveDateTime => SqlType::DateTime,
    DateTime<FixedOffset> => SqlType::DateTimeTz,
    serde_json::Value => SqlType::Json,
}

// Lossless widenings and borrowed forms.
typed_value! {
    [i32] <= [i16]: |v| i32::from(v);
    [i64] <= [i16]: |v| i64::from(v);
    [i64] <= [i32]: |v| i64::from(v);
    [f64] <= [f32]: |v| f64::from(v);
    [String] <= [&str]: |v| v.to_owned();
    [Vec<u8>] <= [&[u8]]: |v| v.to_vec();
    [DateTime<FixedOffset>] <= [DateTime<Utc>]: |v| v.fixed_offset();
}
