//! Reflection: reading an existing SQLite database into [`MetaData`], from
//! `sqlite_schema` and the `pragma_table_info`, `pragma_foreign_key_list`,
//! `pragma_index_list` and `pragma_index_info` table-valued functions.
//!
//! Normalisations (SQLite keeps declared type names verbatim and types
//! values by affinity):
//! - declared types map by name: `INTEGER`/`INT` → `Integer`, `BIGINT`/`INT8`
//!   → `BigInteger`, `SMALLINT`/`INT2`/`TINYINT` → `SmallInteger`,
//!   `BOOLEAN`/`BOOL` → `Boolean`, `VARCHAR(n)`/`CHAR(n)`/... → `String(n)`,
//!   `NUMERIC(p, s)`/`DECIMAL(p, s)` → `Numeric`, `DATE`, `TIME`,
//!   `DATETIME`/`TIMESTAMP` → `DateTime`, `UUID`, `JSON`; other names follow
//!   SQLite's affinity rules: containing `INT` → `BigInteger`; `CHAR`,
//!   `CLOB`, `TEXT` → `Text`; `BLOB` or no type → `Binary`; `REAL`, `FLOA`,
//!   `DOUB` → `Double` (SQLite floats are 8 bytes, so `Float` reflects as
//!   `Double`). A NUMERIC-affinity name without precision (`NUMERIC`,
//!   `MONEY`) has no `SqlType` and is [`Error::Reflect`];
//! - a single `INTEGER PRIMARY KEY` column (the rowid) is `autoincrement`;
//! - defaults are the declared SQL text, as [`raw`](sqlexpr::raw)
//!   expressions in `server_default`;
//! - foreign keys have no names; `NO ACTION` (the default) is `None`;
//! - UNIQUE constraints have no names: single-column ones set
//!   `Column::unique`, others go to `uniques`;
//! - indexes on expressions are left out (an [`Index`] lists columns);
//! - tables come in name order.

use rusqlite::Connection;
use sqlexpr::{raw, Column, ForeignKey, Ident, Index, MetaData, ReferentialAction, SqlType, Table};

use crate::exec::{Error, Result};

/// Reads every table of the main database (except SQLite's own
/// `sqlite_*` tables).
pub fn reflect(conn: &Connection) -> Result<MetaData> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )?;
    let names = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut meta = MetaData::new();
    for name in names {
        meta.add(reflect_table(conn, &name)?)?;
    }
    Ok(meta)
}

fn split_type(declared: &str) -> (String, Vec<u32>) {
    let upper = declared.trim().to_ascii_uppercase();
    match upper.split_once('(') {
        Some((base, rest)) => {
            let args = rest
                .trim_end_matches(')')
                .split(',')
                .filter_map(|a| a.trim().parse().ok())
                .collect();
            (base.trim().to_owned(), args)
        }
        None => (upper, Vec::new()),
    }
}

/// The [`SqlType`] of a declared column type (see the module docs).
pub fn sql_type(declared: &str) -> Option<SqlType> {
    let (base, args) = split_type(declared);
    let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match (base.as_str(), args.as_slice()) {
        ("INTEGER" | "INT", _) => SqlType::Integer,
        ("BIGINT" | "INT8" | "UNSIGNED BIG INT", _) => SqlType::BigInteger,
        ("SMALLINT" | "INT2" | "TINYINT", _) => SqlType::SmallInteger,
        ("BOOLEAN" | "BOOL", _) => SqlType::Boolean,
        (
            "VARCHAR" | "CHAR" | "CHARACTER" | "VARYING CHARACTER" | "CHARACTER VARYING" | "NCHAR"
            | "NATIVE CHARACTER" | "NVARCHAR",
            [n],
        ) => SqlType::String(*n),
        ("NUMERIC" | "DECIMAL", [p, s]) => SqlType::Numeric(*p, *s),
        ("NUMERIC" | "DECIMAL", [p]) => SqlType::Numeric(*p, 0),
        ("DATE", _) => SqlType::Date,
        ("TIME", _) => SqlType::Time,
        ("DATETIME" | "TIMESTAMP", _) => SqlType::DateTime,
        ("UUID", _) => SqlType::Uuid,
        ("JSON", _) => SqlType::Json,
        (b, _) if b.contains("INT") => SqlType::BigInteger,
        (b, _) if b.contains("CHAR") || b.contains("CLOB") || b.contains("TEXT") => SqlType::Text,
        (b, _) if b.is_empty() || b.contains("BLOB") => SqlType::Binary,
        (b, _) if b.contains("REAL") || b.contains("FLOA") || b.contains("DOUB") => SqlType::Double,
        _ => return None,
    })
}

fn action(s: &str) -> Option<ReferentialAction> {
    match s {
        "CASCADE" => Some(ReferentialAction::Cascade),
        "SET NULL" => Some(ReferentialAction::SetNull),
        "SET DEFAULT" => Some(ReferentialAction::SetDefault),
        "RESTRICT" => Some(ReferentialAction::Restrict),
        _ => None,
    }
}

struct ColumnInfo {
    name: String,
    declared: String,
    not_null: bool,
    default: Option<String>,
    pk: i64,
}

fn columns(conn: &Connection, table: &str) -> Result<Vec<ColumnInfo>> {
    let mut stmt = conn.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let rows = stmt
        .query_map([table], |r| {
            Ok(ColumnInfo {
                name: r.get(0)?,
                declared: r.get(1)?,
                not_null: r.get(2)?,
                default: r.get(3)?,
                pk: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn primary_key(cols: &[ColumnInfo]) -> Vec<String> {
    let mut pk: Vec<&ColumnInfo> = cols.iter().filter(|c| c.pk > 0).collect();
    pk.sort_by_key(|c| c.pk);
    pk.into_iter().map(|c| c.name.clone()).collect()
}

/// The partial-index condition of `CREATE INDEX ... WHERE cond`.
fn predicate(sql: &str) -> Option<String> {
    let upper = sql.to_ascii_uppercase();
    let at = upper.rfind(" WHERE ")?;
    sql.get(at + 7..).map(|s| s.trim().to_owned())
}

/// Reads one table.
pub fn reflect_table(conn: &Connection, name: &str) -> Result<Table> {
    let err = |reason: String| Error::Reflect {
        table: name.to_owned(),
        reason,
    };
    let cols = columns(conn, name)?;
    if cols.is_empty() {
        return Err(err("no such table".to_owned()));
    }
    let pk = primary_key(&cols);
    let mut builder = Table::builder(name.to_owned());

    // Indexes and UNIQUE constraints.
    let mut uniques: Vec<Vec<String>> = Vec::new();
    let mut indexes = Vec::new();
    let mut list = conn.prepare(
        "SELECT l.name, l.\"unique\", l.origin, l.partial, s.sql FROM pragma_index_list(?1) l LEFT JOIN sqlite_schema s ON s.type = 'index' AND s.name = l.name ORDER BY l.name",
    )?;
    let list = list
        .query_map([name], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (index, unique, origin, partial, sql) in list {
        if origin == "pk" {
            continue;
        }
        let mut info = conn.prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")?;
        let names = info
            .query_map([&index], |r| r.get::<_, Option<String>>(0))?
            .collect::<rusqlite::Result<Option<Vec<String>>>>()?;
        let Some(names) = names else {
            continue; // an index on an expression
        };
        if origin == "u" {
            uniques.push(names);
        } else {
            let mut ix = Index::new(index, names);
            ix.unique = unique;
            if partial {
                ix.predicate = sql.as_deref().and_then(predicate).map(raw);
            }
            indexes.push(ix);
        }
    }

    for c in &cols {
        let ty = sql_type(&c.declared).ok_or_else(|| {
            err(format!(
                "column {:?}: no SqlType for {:?}",
                c.name, c.declared
            ))
        })?;
        let mut column = Column::new(c.name.clone(), ty);
        column.nullable = !c.not_null;
        column.server_default = c.default.clone().map(raw);
        column.autoincrement =
            pk.len() == 1 && c.pk == 1 && c.declared.trim().eq_ignore_ascii_case("INTEGER");
        column.unique = uniques
            .iter()
            .any(|u| u.len() == 1 && u[..] == [c.name.clone()]);
        builder = builder.column(column);
    }
    builder = builder.primary_key(pk);
    for u in uniques.into_iter().filter(|u| u.len() > 1) {
        builder = builder.unique(u);
    }
    for ix in indexes {
        builder = builder.index(ix);
    }

    // Foreign keys, in declaration order (SQLite numbers them backwards).
    let mut fks = conn.prepare(
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1) ORDER BY id DESC, seq",
    )?;
    let rows = fks
        .query_map([name], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut current: Option<(i64, ForeignKey, bool)> = None;
    let mut done = Vec::new();
    for (id, table, from, to, on_update, on_delete) in rows {
        if current.as_ref().map(|c| c.0) != Some(id) {
            done.extend(current.take());
            let mut fk = ForeignKey::new(Vec::<Ident>::new(), table, Vec::<Ident>::new());
            fk.on_update = action(&on_update);
            fk.on_delete = action(&on_delete);
            current = Some((id, fk, false));
        }
        if let Some((_, fk, implicit)) = current.as_mut() {
            fk.columns.push(from.into());
            match to {
                Some(to) => fk.ref_columns.push(to.into()),
                None => *implicit = true,
            }
        }
    }
    done.extend(current);
    for (_, mut fk, implicit) in done {
        if implicit {
            // `REFERENCES t` without columns: the referenced primary key.
            let target = fk.ref_table.name.to_string();
            fk.ref_columns = primary_key(&columns(conn, &target)?)
                .into_iter()
                .map(Into::into)
                .collect();
        }
        builder = builder.foreign_key(fk);
    }
    Ok(builder.build()?)
}
