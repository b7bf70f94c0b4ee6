//! Rows read as the [`Value`]s of the statement's column types: SQLite
//! stores only INTEGER, REAL, TEXT and BLOB, the statement says what they
//! are.

use rusqlite::types::{Type, ValueRef};
use rusqlite::Row;
use sqlexpr::expr::types::convert_value;
use sqlexpr::{SqlType, Value};

/// Column `index` of `row` as SQLite stores it: INTEGER as `I64`, REAL as
/// `F64`, TEXT as `Text` (`Bytes` when not UTF-8), BLOB as `Bytes`.
pub fn get_value(row: &Row<'_>, index: usize) -> rusqlite::Result<Value> {
    Ok(match row.get_ref(index)? {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(n) => Value::I64(n),
        ValueRef::Real(f) => Value::F64(f),
        ValueRef::Text(t) => match std::str::from_utf8(t) {
            Ok(s) => Value::Text(s.into()),
            Err(_) => Value::Bytes(t.into()),
        },
        ValueRef::Blob(b) => Value::Bytes(b.into()),
    })
}

/// Every column of `row` as a [`Value`] of the type the statement gives it
/// (`types[i]` for column `i`, from
/// [`Select::column_types`](sqlexpr::Select::column_types)), converted from
/// SQLite's storage class by [`convert_value`]: a `NUMERIC` column reads as
/// `Decimal`, `DATETIME` text as `DateTime`, a `BOOLEAN` 1 / 0 as `Bool`. A
/// column without a type (`None`, or past the end of `types`) reads as
/// [`get_value`] reads it. A value that does not convert is
/// [`rusqlite::Error::FromSqlConversionFailure`] with the column's index and
/// the reason; the function fits the row closures of
/// [`SqliteExt`](crate::SqliteExt):
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::{typed_row_values, SqliteExt};
///
/// let t = Table::builder("t")
///     .column(Column::new("ok", SqlType::Boolean))
///     .column(Column::new("price", SqlType::Numeric(10, 2)))
///     .build()?;
/// let conn = rusqlite::Connection::open_in_memory()?;
/// conn.exec(&create_table(&t))?;
/// conn.exec(&insert(&t).value("ok", true).value("price", 12.5))?;
/// let q = select([t.c("ok"), t.c("price")]);
/// let types = q.column_types();
/// let rows = conn.fetch_all(&q, |row| typed_row_values(row, &types))?;
/// assert_eq!(
///     rows,
///     [vec![Value::Bool(true), Value::Decimal("12.50".parse()?)]]
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn typed_row_values(row: &Row<'_>, types: &[Option<SqlType>]) -> rusqlite::Result<Vec<Value>> {
    let n = row.as_ref().column_count();
    (0..n)
        .map(|i| {
            let v = get_value(row, i)?;
            let ty = match &v {
                Value::Null => Type::Null,
                Value::I64(_) => Type::Integer,
                Value::F64(_) => Type::Real,
                Value::Text(_) => Type::Text,
                _ => Type::Blob,
            };
            convert_value(v, types.get(i).and_then(Option::as_ref))
                .map_err(|reason| rusqlite::Error::FromSqlConversionFailure(i, ty, reason.into()))
        })
        .collect()
}
