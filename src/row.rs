//! Result rows read by column name into Rust values: [`Record`],
//! [`FromValue`], [`FromRow`] and the [`from_row!`](crate::from_row!) macro
//! that implements [`FromRow`] for a struct.
//!
//! A dialect crate reads a row as a [`Record`] typed from the statement's
//! columns (`typed_record` in `sqlexpr-sqlite`, `sqlexpr-postgres` and
//! `sqlexpr-mysql`), so a field reads the same on the three: a `NUMERIC`
//! column is a `BigDecimal`, a `BOOLEAN` a `bool`, a `DATETIME` a
//! `chrono::NaiveDateTime`, on SQLite too.
//!
//! ```
//! use sqlexpr::row::{FromRow, Record};
//! use sqlexpr::Value;
//!
//! sqlexpr::from_row! {
//!     #[derive(Debug, PartialEq)]
//!     pub struct Item {
//!         pub id: i32,
//!         pub name: Option<String>,
//!     }
//! }
//!
//! let rec = Record::new(
//!     vec!["id".into(), "name".into()],
//!     vec![Value::I32(7), Value::Null],
//! )?;
//! assert_eq!(Item::from_row(&rec)?, Item { id: 7, name: None });
//! # Ok::<(), sqlexpr::Error>(())
//! ```

use bigdecimal::BigDecimal;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use uuid::Uuid;

use crate::{Error, Result, Value};

/// One result row: its column names and values, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    names: Vec<String>,
    values: Vec<Value>,
}

impl Record {
    /// A row of `values` named by `names`; [`Error::Invalid`] when the
    /// counts differ.
    pub fn new(names: Vec<String>, values: Vec<Value>) -> Result<Self> {
        if names.len() != values.len() {
            return Err(Error::invalid(
                "row",
                format!("{} column names for {} values", names.len(), values.len()),
            ));
        }
        Ok(Record { names, values })
    }

    /// The column names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The values, in column order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }

    /// The values, in column order, taken out of the row.
    pub fn into_values(self) -> Vec<Value> {
        self.values
    }

    /// The value of the first column named `name`, if any.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let i = self.names.iter().position(|n| n == name)?;
        self.values.get(i)
    }

    /// The value of column `name` as a `T`: [`Error::UnknownColumn`] when the
    /// row has no such column, [`Error::Invalid`] naming the column when its
    /// value is not a `T`.
    pub fn read<T: FromValue>(&self, name: &str) -> Result<T> {
        let v = self.get(name).ok_or_else(|| Error::UnknownColumn {
            table: "the result row".to_owned(),
            column: name.to_owned(),
        })?;
        T::from_value(v)
            .map_err(|reason| Error::invalid("row column", format!("column {name:?}: {reason}")))
    }
}

/// A Rust type that a [`Value`] reads as.
///
/// Each type takes the [`Value`] variant of its SQL type (the variant
/// `typed_record` gives a column of that type) and the narrower integer and
/// float variants that convert losslessly; `Option<T>` takes `Null` as
/// `None`. Anything else is `Err` with the reason.
pub trait FromValue: Sized {
    /// `v` as a `Self`.
    fn from_value(v: &Value) -> std::result::Result<Self, String>;
}

fn mismatch<T>(v: &Value, rust: &str) -> std::result::Result<T, String> {
    Err(format!("a {} value does not read as {rust}", v.kind()))
}

macro_rules! from_value_int {
    ($($t:ty),* $(,)?) => {
        $(
            impl FromValue for $t {
                fn from_value(v: &Value) -> std::result::Result<Self, String> {
                    let n: i128 = match v {
                        Value::I8(n) => i128::from(*n),
                        Value::I16(n) => i128::from(*n),
                        Value::I32(n) => i128::from(*n),
                        Value::I64(n) => i128::from(*n),
                        Value::U8(n) => i128::from(*n),
                        Value::U16(n) => i128::from(*n),
                        Value::U32(n) => i128::from(*n),
                        Value::U64(n) => i128::from(*n),
                        other => return mismatch(other, stringify!($t)),
                    };
                    <$t>::try_from(n).map_err(|_| format!("{n} is out of range for {}", stringify!($t)))
                }
            }
        )*
    };
}

from_value_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl FromValue for f64 {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::F64(f) => Ok(*f),
            Value::F32(f) => Ok(f64::from(*f)),
            other => mismatch(other, "f64"),
        }
    }
}

impl FromValue for f32 {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::F32(f) => Ok(*f),
            other => mismatch(other, "f32"),
        }
    }
}

macro_rules! from_value_variant {
    ($($t:ty => $variant:ident),* $(,)?) => {
        $(
            impl FromValue for $t {
                fn from_value(v: &Value) -> std::result::Result<Self, String> {
                    match v {
                        Value::$variant(x) => Ok(x.clone()),
                        other => mismatch(other, stringify!($t)),
                    }
                }
            }
        )*
    };
}

from_value_variant! {
    bool => Bool,
    BigDecimal => Decimal,
    Uuid => Uuid,
    NaiveDate => Date,
    NaiveTime => Time,
    NaiveDateTime => DateTime,
    DateTime<FixedOffset> => DateTimeTz,
    serde_json::Value => Json,
}

impl FromValue for String {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Text(t) => Ok(t.as_str().to_owned()),
            other => mismatch(other, "String"),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Bytes(b) => Ok(b.as_ref().to_vec()),
            other => mismatch(other, "Vec<u8>"),
        }
    }
}

impl FromValue for Value {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        Ok(v.clone())
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> std::result::Result<Self, String> {
        match v {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// A type built from a result row by column name (see
/// [`from_row!`](crate::from_row!) to implement it for a struct).
pub trait FromRow: Sized {
    /// `row` as a `Self`.
    fn from_row(row: &Record) -> Result<Self>;
}

/// Declares a struct and implements [`FromRow`](crate::row::FromRow) for
/// it: each field reads the column of its name (`r#type` reads `type`)
/// through [`FromValue`](crate::row::FromValue).
///
/// ```
/// use sqlexpr::row::{FromRow, Record};
/// use sqlexpr::Value;
///
/// sqlexpr::from_row! {
///     /// A user.
///     #[derive(Debug)]
///     pub struct User {
///         pub id: i64,
///         pub r#type: String,
///     }
/// }
///
/// let rec = Record::new(
///     vec!["type".into(), "id".into()],
///     vec![Value::Text("admin".into()), Value::I64(1)],
/// )?;
/// let u = User::from_row(&rec)?;
/// assert_eq!((u.id, u.r#type.as_str()), (1, "admin"));
/// // A missing column is an error naming it.
/// let rec = Record::new(vec!["id".into()], vec![Value::I64(1)])?;
/// assert!(User::from_row(&rec).unwrap_err().to_string().contains("type"));
/// # Ok::<(), sqlexpr::Error>(())
/// ```
#[macro_export]
macro_rules! from_row {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $fvis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $(
                $(#[$fmeta])*
                $fvis $field: $ty,
            )*
        }

        impl $crate::row::FromRow for $name {
            fn from_row(row: &$crate::row::Record) -> $crate::Result<Self> {
                Ok($name {
                    $(
                        $field: row.read::<$ty>($crate::typed::__private::unraw(
                            ::core::stringify!($field),
                        ))?,
                    )*
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_rust_types() {
        let rec = Record::new(
            vec!["a".into(), "b".into(), "c".into(), "d".into()],
            vec![
                Value::I32(5),
                Value::Null,
                Value::I64(300),
                Value::Text("x".into()),
            ],
        )
        .unwrap();
        assert_eq!(rec.read::<i64>("a").unwrap(), 5);
        assert_eq!(rec.read::<Option<i32>>("b").unwrap(), None);
        assert!(rec.read::<i32>("b").is_err());
        let err = rec.read::<u8>("c").unwrap_err().to_string();
        assert!(
            err.contains("\"c\"") && err.contains("out of range"),
            "{err}"
        );
        let err = rec.read::<i32>("d").unwrap_err().to_string();
        assert!(err.contains("a text value does not read as i32"), "{err}");
        assert!(matches!(
            rec.read::<i32>("e"),
            Err(Error::UnknownColumn { .. })
        ));
        assert!(Record::new(vec!["a".into()], vec![]).is_err());
    }
}
