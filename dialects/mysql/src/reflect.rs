//! Reflection: reading an existing MySQL or MariaDB database into
//! [`MetaData`], from `information_schema`.
//!
//! Normalisations:
//! - types map from `COLUMN_TYPE`: `tinyint(1)` → `Boolean`; `tinyint`,
//!   `smallint`, `year` → `SmallInteger` (`smallint unsigned` → `Integer`);
//!   `mediumint`, `int` → `Integer` (`int unsigned` → `BigInteger`);
//!   `bigint` (signed or not) → `BigInteger`; `float` → `Float`; `double` →
//!   `Double`; `decimal(p,s)` → `Numeric`; `char(n)`/`varchar(n)` →
//!   `String(n)` (so a `CHAR(36)` uuid reflects as `String(36)`); the text
//!   types → `Text`; `json` (and, on MariaDB, a LONGTEXT with its
//!   `json_valid` check) → `Json`; `uuid` (MariaDB) → `Uuid`; binary and
//!   blob types → `Binary`; `date`, `time` → `Time`, `datetime`/`timestamp`
//!   → `DateTime`; `enum(...)` → `Enum(column name, values)`. Others (`set`,
//!   `bit`, spatial types) are [`Error::Reflect`];
//! - `auto_increment` columns are `autoincrement`; defaults are raw SQL
//!   (MySQL 8's unquoted literal defaults are quoted back);
//! - RESTRICT and NO ACTION (the same in InnoDB, and the default) are
//!   `None`; constraint names are the server's;
//! - a UNIQUE index is a unique constraint (MySQL makes no difference):
//!   single-column ones set `Column::unique`, others go to `uniques`; the
//!   index InnoDB creates for a foreign key (named after the constraint or
//!   its first column) is not listed; indexes on expressions are left out;
//! - tables come in name order; comments are read.

use mysql_async::prelude::Queryable;
use mysql_async::Row;

use sqlexpr::{
    raw, Column, Dialect, ForeignKey, Ident, Index, MetaData, ReferentialAction, SqlType, Table,
    TableName,
};

use crate::exec::{Error, Result};
use crate::MySql;

fn text(row: &Row, index: usize) -> Result<Option<String>> {
    row.get_opt::<Option<String>, _>(index)
        .transpose()
        .map_err(|e| Error::Decode {
            column: index.to_string(),
            ty: "text".to_owned(),
            reason: e.to_string(),
        })
        .map(Option::flatten)
}

fn int(row: &Row, index: usize) -> Result<i64> {
    row.get_opt::<i64, _>(index)
        .transpose()
        .map_err(|e| Error::Decode {
            column: index.to_string(),
            ty: "integer".to_owned(),
            reason: e.to_string(),
        })
        .map(Option::unwrap_or_default)
}

/// Reads every table of the current database, with unqualified names.
pub async fn reflect<Q: Queryable>(conn: &mut Q) -> Result<MetaData> {
    let row: Option<Row> = conn.query_first("SELECT DATABASE(), VERSION()").await?;
    let (database, version) = match row {
        Some(r) => (text(&r, 0)?, text(&r, 1)?.unwrap_or_default()),
        None => (None, String::new()),
    };
    let database = database.ok_or_else(|| Error::Reflect {
        table: String::new(),
        reason: "no database selected".to_owned(),
    })?;
    let mariadb = version.contains("MariaDB");
    let tables: Vec<Row> = conn
        .exec(
            "SELECT TABLE_NAME, TABLE_COMMENT FROM information_schema.TABLES
             WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
            (database.as_str(),),
        )
        .await?;
    let mut meta = MetaData::new();
    for t in tables {
        let name = text(&t, 0)?.unwrap_or_default();
        let comment = text(&t, 1)?.filter(|c| !c.is_empty());
        meta.add(reflect_table(conn, &database, &name, comment, mariadb).await?)?;
    }
    Ok(meta)
}

fn split_type(column_type: &str) -> (String, Vec<u32>, bool) {
    let lower = column_type.to_ascii_lowercase();
    let unsigned = lower.contains(" unsigned");
    let (base, args) = match (lower.find('('), lower.find(')')) {
        (Some(open), Some(close)) if open < close => (
            lower[..open].to_owned(),
            lower[open + 1..close]
                .split(',')
                .filter_map(|a| a.trim().parse().ok())
                .collect(),
        ),
        _ => (
            lower
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned(),
            Vec::new(),
        ),
    };
    (base, args, unsigned)
}

/// The values of `enum('a','b''c')`.
fn enum_values(column_type: &str) -> Vec<String> {
    let inner = column_type
        .find('(')
        .and_then(|open| column_type.rfind(')').map(|close| (open, close)))
        .and_then(|(open, close)| column_type.get(open + 1..close))
        .unwrap_or_default();
    let mut values = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    let mut quoted = false;
    while let Some(ch) = chars.next() {
        match ch {
            '\'' if quoted && chars.peek() == Some(&'\'') => {
                chars.next();
                current.push('\'');
            }
            '\'' if quoted => {
                quoted = false;
                values.push(std::mem::take(&mut current));
            }
            '\'' => quoted = true,
            '\\' if quoted => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            c if quoted => current.push(c),
            _ => {}
        }
    }
    values
}

/// The [`SqlType`] of a `COLUMN_TYPE` (see the module docs); `None` when it
/// has none.
pub fn sql_type(column_type: &str, column: &str) -> Option<SqlType> {
    let (base, args, unsigned) = split_type(column_type);
    Some(match (base.as_str(), args.as_slice()) {
        ("tinyint", [1]) if !unsigned => SqlType::Boolean,
        ("tinyint" | "year", _) => SqlType::SmallInteger,
        ("smallint", _) if unsigned => SqlType::Integer,
        ("smallint", _) => SqlType::SmallInteger,
        ("int" | "integer", _) if unsigned => SqlType::BigInteger,
        ("mediumint" | "int" | "integer", _) => SqlType::Integer,
        ("bigint", _) => SqlType::BigInteger,
        ("float", _) => SqlType::Float,
        ("double" | "real", _) => SqlType::Double,
        ("decimal" | "numeric", [p, s]) => SqlType::Numeric(*p, *s),
        ("decimal" | "numeric", [p]) => SqlType::Numeric(*p, 0),
        ("char" | "varchar", [n]) => SqlType::String(*n),
        ("tinytext" | "text" | "mediumtext" | "longtext", _) => SqlType::Text,
        ("json", _) => SqlType::Json,
        ("uuid", _) => SqlType::Uuid,
        ("binary" | "varbinary" | "tinyblob" | "blob" | "mediumblob" | "longblob", _) => {
            SqlType::Binary
        }
        ("date", _) => SqlType::Date,
        ("time", _) => SqlType::Time,
        ("datetime" | "timestamp", _) => SqlType::DateTime,
        ("enum", _) => SqlType::Enum(column.to_owned().into(), enum_values(column_type)),
        _ => return None,
    })
}

fn action(rule: &str) -> Option<ReferentialAction> {
    match rule {
        "CASCADE" => Some(ReferentialAction::Cascade),
        "SET NULL" => Some(ReferentialAction::SetNull),
        "SET DEFAULT" => Some(ReferentialAction::SetDefault),
        _ => None,
    }
}

/// A MySQL 8 `COLUMN_DEFAULT` (literals unquoted) as SQL.
fn mysql_default(default: &str, extra: &str, ty: &SqlType) -> Result<String> {
    let numeric = matches!(
        ty,
        SqlType::SmallInteger
            | SqlType::Integer
            | SqlType::BigInteger
            | SqlType::Float
            | SqlType::Double
            | SqlType::Numeric(..)
            | SqlType::Boolean
    );
    if extra.contains("DEFAULT_GENERATED") || numeric {
        return Ok(default.to_owned());
    }
    let mut out = String::new();
    MySql::new().write_string_literal(&mut out, default)?;
    Ok(out)
}

async fn reflect_table<Q: Queryable>(
    conn: &mut Q,
    database: &str,
    name: &str,
    comment: Option<String>,
    mariadb: bool,
) -> Result<Table> {
    let err = |reason: String| Error::Reflect {
        table: name.to_owned(),
        reason,
    };
    let columns: Vec<Row> = conn
        .exec(
            "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT
             FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?
             ORDER BY ORDINAL_POSITION",
            (database, name),
        )
        .await?;
    let json_checks: Vec<String> = if mariadb {
        let rows: Vec<Row> = conn
            .exec(
                "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
                 WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?",
                (database, name),
            )
            .await?;
        rows.iter()
            .map(|r| text(r, 0).map(Option::unwrap_or_default))
            .collect::<Result<_>>()?
    } else {
        Vec::new()
    };
    let stats: Vec<Row> = conn
        .exec(
            "SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
             WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX",
            (database, name),
        )
        .await?;
    let fk_rows: Vec<Row> = conn
        .exec(
            "SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA,
                    k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE
             FROM information_schema.KEY_COLUMN_USAGE k
             JOIN information_schema.REFERENTIAL_CONSTRAINTS r
               ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
              AND r.TABLE_NAME = k.TABLE_NAME
             WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL
             ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION",
            (database, name),
        )
        .await?;

    // Foreign keys, one per constraint name.
    let mut fks: Vec<ForeignKey> = Vec::new();
    for r in &fk_rows {
        let con = text(r, 0)?.unwrap_or_default();
        let col = text(r, 1)?.unwrap_or_default();
        let ref_col = text(r, 4)?.unwrap_or_default();
        match fks.last_mut() {
            Some(fk) if fk.name.as_deref() == Some(con.as_str()) => {
                fk.columns.push(col.into());
                fk.ref_columns.push(ref_col.into());
            }
            _ => {
                let ref_schema = text(r, 2)?.unwrap_or_default();
                let ref_name = text(r, 3)?.unwrap_or_default();
                let ref_table = if ref_schema == database {
                    TableName::new(ref_name)
                } else {
                    TableName::qualified(ref_schema, ref_name)
                };
                let mut fk = ForeignKey::new([col], ref_table, [ref_col]).name(con);
                fk.on_update = action(&text(r, 5)?.unwrap_or_default());
                fk.on_delete = action(&text(r, 6)?.unwrap_or_default());
                fks.push(fk);
            }
        }
    }

    // Indexes, grouped by name: (name, unique, columns or None for an
    // expression).
    let mut groups: Vec<(String, bool, Option<Vec<Ident>>)> = Vec::new();
    for r in &stats {
        let index = text(r, 0)?.unwrap_or_default();
        let unique = int(r, 1)? == 0;
        let column = text(r, 2)?;
        match groups.last_mut() {
            Some((n, _, cols)) if *n == index => match (cols.as_mut(), column) {
                (Some(cols), Some(c)) => cols.push(c.into()),
                _ => *cols = None,
            },
            _ => groups.push((index, unique, column.map(|c| vec![c.into()]))),
        }
    }
    let mut primary_key = Vec::new();
    let mut uniques = Vec::new();
    let mut indexes = Vec::new();
    for (index, unique, cols) in groups {
        let Some(cols) = cols else { continue };
        if index == "PRIMARY" {
            primary_key = cols;
        } else if unique {
            uniques.push((index, cols));
        } else if !fks.iter().any(|fk| {
            fk.columns == cols
                && (fk.name.as_deref() == Some(index.as_str())
                    || fk.columns.first().map(|c| &**c) == Some(index.as_str()))
        }) {
            indexes.push(Index::new(index, cols));
        }
    }

    let mut builder = Table::builder(name.to_owned());
    for c in &columns {
        let col_name = text(c, 0)?.unwrap_or_default();
        let column_type = text(c, 1)?.unwrap_or_default();
        let mut ty = sql_type(&column_type, &col_name)
            .ok_or_else(|| err(format!("column {col_name:?}: no SqlType for {column_type}")))?;
        if ty == SqlType::Text
            && json_checks
                .iter()
                .any(|check| *check == format!("json_valid(`{col_name}`)"))
        {
            ty = SqlType::Json;
        }
        let extra = text(c, 4)?.unwrap_or_default();
        let default = text(c, 3)?;
        let server_default = match default {
            Some(d) if mariadb && d == "NULL" => None,
            Some(d) if mariadb => Some(d),
            Some(d) => Some(mysql_default(&d, &extra, &ty)?),
            None => None,
        };
        let mut column = Column::new(col_name.clone(), ty);
        column.nullable = text(c, 2)?.as_deref() == Some("YES");
        column.autoincrement = extra.contains("auto_increment");
        column.server_default = server_default.map(raw);
        column.comment = text(c, 5)?.filter(|s| !s.is_empty());
        column.unique = uniques
            .iter()
            .any(|(_, cols)| cols.len() == 1 && *cols[0] == *col_name);
        builder = builder.column(column);
    }
    builder = builder.primary_key(primary_key);
    for (index, cols) in uniques.into_iter().filter(|(_, c)| c.len() > 1) {
        builder = builder.unique_named(index, cols);
    }
    for fk in fks {
        builder = builder.foreign_key(fk);
    }
    for ix in indexes {
        builder = builder.index(ix);
    }
    if let Some(comment) = comment {
        builder = builder.comment(comment);
    }
    Ok(builder.build()?)
}
