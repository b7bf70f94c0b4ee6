//! Rows read as the [`Value`]s of the statement's column types: SQLite
//! stores only INTEGER, REAL, TEXT and BLOB, the statement says what they
//! are.

use rusqlite::types::{Type, ValueRef};
use rusqlite::Row;
use sqlexpr::expr::types::convert_value;
use sqlexpr::row::{FromRow, Record};
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

/// `row` as a [`Record`] of the values [`typed_row_values`] reads, named by
/// the result's column names.
pub fn typed_record(row: &Row<'_>, types: &[Option<SqlType>]) -> rusqlite::Result<Record> {
    let stmt = row.as_ref();
    let names = (0..stmt.column_count())
        .map(|i| stmt.column_name(i).map(str::to_owned))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Record::new(names, typed_row_values(row, types)?).map_err(conversion_error)
}

/// `row` as a `T` by column name (see [`sqlexpr::from_row!`]), its values
/// typed by `types` as [`typed_row_values`] types them; a missing column or
/// a value of another type is
/// [`rusqlite::Error::FromSqlConversionFailure`] whose error names the
/// column. It fits the row closures of [`SqliteExt`](crate::SqliteExt):
///
/// ```
/// use sqlexpr::prelude::*;
/// use sqlexpr_sqlite::{read_row, SqliteExt};
///
/// sqlexpr::from_row! {
///     #[derive(Debug, PartialEq)]
///     struct Price {
///         ok: bool,
///         price: Value,
///     }
/// }
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
/// let rows: Vec<Price> = conn.fetch_all(&q, |row| read_row(row, &types))?;
/// assert_eq!(rows, [Price { ok: true, price: Value::Decimal("12.50".parse()?) }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_row<T: FromRow>(row: &Row<'_>, types: &[Option<SqlType>]) -> rusqlite::Result<T> {
    T::from_row(&typed_record(row, types)?).map_err(conversion_error)
}

fn conversion_error(e: sqlexpr::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, Type::Null, Box::new(e))
}
