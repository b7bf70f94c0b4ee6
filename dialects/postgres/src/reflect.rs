//! Reflection: reading an existing PostgreSQL schema into [`MetaData`], from
//! `pg_catalog`.
//!
//! Normalisations:
//! - types map from `format_type`: `smallint`, `integer`, `bigint`, `real`
//!   (`Float`), `double precision`, `numeric(p,s)`, `character varying(n)`
//!   and `character(n)` (`String(n)`; unbounded `character varying` is
//!   `Text`), `text`, `boolean`, `date`, `time`, `timestamp`,
//!   `timestamptz`, `bytea`, `uuid`, `json` and `jsonb` (both `Json`), enum
//!   types (`Enum(type name, labels)`), domains as their base type;
//!   precision of times is dropped. Other types (unconstrained `numeric`,
//!   arrays, `time with time zone`, ...) have no `SqlType` and are
//!   [`Error::Reflect`];
//! - identity columns and `serial` columns (a `nextval(...)` default) are
//!   `autoincrement` with no `server_default`; other defaults are
//!   PostgreSQL's text of the expression (`pg_get_expr`), as
//!   [`raw`](sqlexpr::raw) expressions;
//! - constraint names are PostgreSQL's (generated ones included);
//!   `NO ACTION` (the default) is `None`;
//! - single-column UNIQUE constraints set `Column::unique`, others go to
//!   `uniques`; indexes that back a constraint are not listed as indexes;
//!   indexes on expressions are left out; INCLUDE columns are not listed;
//! - tables come in name order; comments are read.

use tokio_postgres::GenericClient;

use sqlexpr::{
    raw, Column, ForeignKey, Ident, Index, MetaData, ReferentialAction, SqlType, Table, TableName,
};

use crate::exec::{Error, Result};

/// Reads every table of the current schema (the first of the
/// `search_path`), with unqualified names.
pub async fn reflect<C: GenericClient + Sync>(client: &C) -> Result<MetaData> {
    let schema: String = client
        .query_one("SELECT current_schema()::text", &[])
        .await?
        .try_get(0)?;
    reflect_tables(client, &schema, false).await
}

/// Reads every table of `schema`, with schema-qualified names.
pub async fn reflect_schema<C: GenericClient + Sync>(client: &C, schema: &str) -> Result<MetaData> {
    reflect_tables(client, schema, true).await
}

async fn reflect_tables<C: GenericClient + Sync>(
    client: &C,
    schema: &str,
    qualify: bool,
) -> Result<MetaData> {
    let tables = client
        .query(
            "SELECT c.oid, c.relname::text, obj_description(c.oid, 'pg_class')
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
             ORDER BY c.relname",
            &[&schema],
        )
        .await?;
    let mut meta = MetaData::new();
    for t in tables {
        let oid: u32 = t.try_get(0)?;
        let name: String = t.try_get(1)?;
        let comment: Option<String> = t.try_get(2)?;
        let table_name = if qualify {
            TableName::qualified(schema.to_owned(), name.clone())
        } else {
            TableName::new(name.clone())
        };
        let table = reflect_table(client, oid, table_name, schema, qualify, comment).await?;
        meta.add(table)?;
    }
    Ok(meta)
}

fn split_type(formatted: &str) -> (String, Vec<u32>) {
    match (formatted.find('('), formatted.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let args = formatted[open + 1..close]
                .split(',')
                .filter_map(|a| a.trim().parse().ok())
                .collect();
            let base = format!("{}{}", &formatted[..open], &formatted[close + 1..]);
            (base.split_whitespace().collect::<Vec<_>>().join(" "), args)
        }
        _ => (formatted.to_owned(), Vec::new()),
    }
}

/// The [`SqlType`] of a type as `format_type` writes it (see the module
/// docs); `None` when it has none.
pub fn sql_type(formatted: &str) -> Option<SqlType> {
    let (base, args) = split_type(formatted);
    Some(match (base.as_str(), args.as_slice()) {
        ("smallint", _) => SqlType::SmallInteger,
        ("integer", _) => SqlType::Integer,
        ("bigint", _) => SqlType::BigInteger,
        ("real", _) => SqlType::Float,
        ("double precision", _) => SqlType::Double,
        ("numeric", [p, s]) => SqlType::Numeric(*p, *s),
        ("numeric", [p]) => SqlType::Numeric(*p, 0),
        ("character varying" | "character", [n]) => SqlType::String(*n),
        ("character varying" | "text", []) => SqlType::Text,
        ("boolean", _) => SqlType::Boolean,
        ("date", _) => SqlType::Date,
        ("time without time zone", _) => SqlType::Time,
        ("timestamp without time zone", _) => SqlType::DateTime,
        ("timestamp with time zone", _) => SqlType::DateTimeTz,
        ("bytea", _) => SqlType::Binary,
        ("uuid", _) => SqlType::Uuid,
        ("json" | "jsonb", _) => SqlType::Json,
        _ => return None,
    })
}

fn action(code: &str) -> Option<ReferentialAction> {
    match code {
        "c" => Some(ReferentialAction::Cascade),
        "n" => Some(ReferentialAction::SetNull),
        "d" => Some(ReferentialAction::SetDefault),
        "r" => Some(ReferentialAction::Restrict),
        _ => None,
    }
}

fn idents(names: Vec<String>) -> Vec<Ident> {
    names.into_iter().map(Into::into).collect()
}

async fn reflect_table<C: GenericClient + Sync>(
    client: &C,
    oid: u32,
    name: TableName,
    schema: &str,
    qualify: bool,
    comment: Option<String>,
) -> Result<Table> {
    let err = |reason: String| Error::Reflect {
        table: name.to_string(),
        reason,
    };
    let columns = client
        .query(
            "SELECT a.attname::text,
                    format_type(bt.oid, CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END),
                    a.attnotnull,
                    pg_get_expr(d.adbin, d.adrelid), a.attidentity::text,
                    col_description(a.attrelid, a.attnum),
                    bt.typtype::text, bt.typname::text, bt.oid
             FROM pg_attribute a
             JOIN pg_type t ON t.oid = a.atttypid
             JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum",
            &[&oid],
        )
        .await?;
    let constraints = client
        .query(
            "SELECT con.conname::text, con.contype::text,
                    ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n
                          ORDER BY k.o),
                    fn.nspname::text, fc.relname::text,
                    ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n
                          ORDER BY k.o),
                    con.confupdtype::text, con.confdeltype::text
             FROM pg_constraint con
             LEFT JOIN pg_class fc ON fc.oid = con.confrelid
             LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
             WHERE con.conrelid = $1 AND con.contype IN ('p', 'u', 'f')
             ORDER BY con.conname",
            &[&oid],
        )
        .await?;
    let indexes = client
        .query(
            "SELECT ic.relname::text, i.indisunique,
                    ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n
                          WHERE k.o <= i.indnkeyatts ORDER BY k.o),
                    pg_get_expr(i.indpred, i.indrelid),
                    0 = ANY(i.indkey::int2[]) OR i.indexprs IS NOT NULL
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indrelid = $1 AND NOT i.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                               WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
             ORDER BY ic.relname",
            &[&oid],
        )
        .await?;

    let mut primary_key = Vec::new();
    let mut single_uniques = Vec::new();
    let mut builder = Table::builder(name.clone());
    let mut fks = Vec::new();
    let mut uniques = Vec::new();
    for c in &constraints {
        let con_name: String = c.try_get(0)?;
        let kind: String = c.try_get(1)?;
        let cols: Vec<String> = c.try_get(2)?;
        match kind.as_str() {
            "p" => primary_key = cols,
            "u" if cols.len() == 1 => single_uniques.extend(cols),
            "u" => uniques.push((con_name, cols)),
            _ => {
                let ref_schema: Option<String> = c.try_get(3)?;
                let ref_name: Option<String> = c.try_get(4)?;
                let ref_name =
                    ref_name.ok_or_else(|| err(format!("foreign key {con_name}: no table")))?;
                let ref_table = match ref_schema {
                    Some(s) if qualify || s != schema => TableName::qualified(s, ref_name),
                    _ => TableName::new(ref_name),
                };
                let mut fk =
                    ForeignKey::new(idents(cols), ref_table, idents(c.try_get(5)?)).name(con_name);
                fk.on_update = action(c.try_get(6)?);
                fk.on_delete = action(c.try_get(7)?);
                fks.push(fk);
            }
        }
    }

    for c in &columns {
        let col_name: String = c.try_get(0)?;
        let formatted: String = c.try_get(1)?;
        let typtype: String = c.try_get(6)?;
        let ty = if typtype == "e" {
            let type_oid: u32 = c.try_get(8)?;
            let labels = client
                    .query(
                        "SELECT enumlabel::text FROM pg_enum WHERE enumtypid = $1 ORDER BY enumsortorder",
                        &[&type_oid],
                    )
                    .await?
                    .iter()
                    .map(|r| r.try_get(0))
                    .collect::<Result<Vec<String>, _>>()?;
            let type_name: String = c.try_get(7)?;
            SqlType::Enum(type_name.into(), labels)
        } else {
            sql_type(&formatted)
                .ok_or_else(|| err(format!("column {col_name:?}: no SqlType for {formatted}")))?
        };
        let mut column = Column::new(col_name.clone(), ty);
        column.nullable = !c.try_get::<_, bool>(2)?;
        let default: Option<String> = c.try_get(3)?;
        let identity: String = c.try_get(4)?;
        let serial = default
            .as_deref()
            .is_some_and(|d| d.starts_with("nextval("));
        column.autoincrement = !identity.is_empty() || serial;
        column.server_default = if serial { None } else { default.map(raw) };
        column.comment = c.try_get(5)?;
        column.unique = single_uniques.contains(&col_name);
        builder = builder.column(column);
    }
    builder = builder.primary_key(primary_key);
    for (con_name, cols) in uniques {
        builder = builder.unique_named(con_name, cols);
    }
    for fk in fks {
        builder = builder.foreign_key(fk);
    }
    for i in &indexes {
        if i.try_get::<_, bool>(4)? {
            continue; // an index on an expression
        }
        let mut ix = Index::new(i.try_get::<_, String>(0)?, idents(i.try_get(2)?));
        ix.unique = i.try_get(1)?;
        ix.predicate = i.try_get::<_, Option<String>>(3)?.map(raw);
        builder = builder.index(ix);
    }
    if let Some(comment) = comment {
        builder = builder.comment(comment);
    }
    Ok(builder.build()?)
}
