//! Support for the code the [`table!`](crate::table!) macro generates; not a
//! public API.

pub use bigdecimal::BigDecimal;
pub use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
pub use serde_json::Value as JsonValue;
pub use uuid::Uuid;

use super::{Col, IntoTypedValue, NotNullType, SqlValueType};
use crate::schema::SqlType;
use crate::schema::TableBuilder;
use crate::Value;

/// The SQL name of a field written as a raw identifier (`r#type` is
/// `type`).
pub const fn unraw(field: &'static str) -> &'static str {
    let bytes = field.as_bytes();
    if bytes.len() > 2 && bytes[0] == b'r' && bytes[1] == b'#' {
        let (_, rest) = bytes.split_at(2);
        if let Ok(name) = std::str::from_utf8(rest) {
            return name;
        }
    }
    field
}

/// The SQL name of field `field` in a generated table's
/// `(field, sql name)` list.
pub fn column_name(names: &[(&'static str, &'static str)], field: &'static str) -> &'static str {
    names
        .iter()
        .find(|(f, _)| *f == field)
        .map_or_else(|| unraw(field), |(_, sql)| *sql)
}

/// A column default, type-checked against the column's handle.
pub fn typed_default<T: SqlValueType, V: IntoTypedValue<T>>(_column: &Col<T>, value: V) -> Value {
    value.into_typed_value()
}

/// Applies a user hook to the table builder.
pub fn apply(
    builder: TableBuilder,
    hook: impl FnOnce(TableBuilder) -> TableBuilder,
) -> TableBuilder {
    hook(builder)
}

/// The Rust type of a column whose SQL type the macro does not know; the
/// macro reports the unknown type itself, and this stand-in keeps the
/// rest of the expansion free of follow-up errors.
#[derive(Debug, Clone, Copy)]
pub enum UnknownSqlType {}

impl From<UnknownSqlType> for Value {
    fn from(v: UnknownSqlType) -> Value {
        match v {}
    }
}

impl SqlValueType for UnknownSqlType {
    type Base = UnknownSqlType;
    const NULLABLE: bool = false;
}

impl NotNullType for UnknownSqlType {
    fn accepts(_: &SqlType) -> bool {
        false
    }
}
