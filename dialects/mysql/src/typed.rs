//! Rows read as the [`Value`]s of the statement's column types.

use mysql_async::Row;
use sqlexpr::expr::types::convert_value;
use sqlexpr::row::{FromRow, Record};
use sqlexpr::{SqlType, Value};

use crate::{get_value, Error, Result};

/// Every column of `row` as a [`Value`] of the type the statement gives it
/// (`types[i]` for column `i`, from
/// [`Select::column_types`](sqlexpr::Select::column_types)), converted from
/// what MySQL / MariaDB returns by [`convert_value`]: a boolean (`1` / `0`)
/// reads as `Bool`, a `SUM` of integers (`DECIMAL`) as `I64`, MariaDB's
/// JSON (`LONGTEXT`) as `Json`, a zoned timestamp (stored as a `DATETIME`
/// in UTC) as a `DateTimeTz` at UTC, a UUID (`CHAR(36)` text) as `Uuid`, a
/// [custom type](sqlexpr::CustomType) through its result processor. A column without a type (`None`, or past the
/// end of `types`) reads as [`get_value`] reads it. A value that does not
/// convert is [`Error::Decode`] naming the column.
pub fn typed_row_values(row: &Row, types: &[Option<SqlType>]) -> Result<Vec<Value>> {
    (0..row.len())
        .map(|i| {
            let v = get_value(row, i)?;
            convert_value(v, types.get(i).and_then(Option::as_ref)).map_err(|reason| {
                let columns = row.columns_ref();
                let column = columns.get(i);
                Error::Decode {
                    column: column.map_or_else(|| i.to_string(), |c| c.name_str().into_owned()),
                    ty: column.map_or_else(String::new, |c| format!("{:?}", c.column_type())),
                    reason,
                }
            })
        })
        .collect()
}

/// `row` as a [`Record`] of the values [`typed_row_values`] reads, named by
/// the result's column names.
pub fn typed_record(row: &Row, types: &[Option<SqlType>]) -> Result<Record> {
    let names = row
        .columns_ref()
        .iter()
        .map(|c| c.name_str().into_owned())
        .collect();
    Record::new(names, typed_row_values(row, types)?).map_err(Error::Compile)
}

/// `row` as a `T` by column name (see [`sqlexpr::from_row!`]), its values
/// typed by `types` as [`typed_row_values`] types them; a missing column or
/// a value of another type is [`Error::Decode`] naming the column.
pub fn read_row<T: FromRow>(row: &Row, types: &[Option<SqlType>]) -> Result<T> {
    T::from_row(&typed_record(row, types)?).map_err(decode_error)
}

fn decode_error(e: sqlexpr::Error) -> Error {
    let column = match &e {
        sqlexpr::Error::UnknownColumn { column, .. } => column.clone(),
        _ => String::new(),
    };
    Error::Decode {
        column,
        ty: String::new(),
        reason: e.to_string(),
    }
}
