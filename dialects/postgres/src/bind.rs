//! [`Value`]s to and from tokio-postgres: [`Bind`] encodes a value for the
//! type the server gave the parameter; [`row_values`] reads a row back.

use std::error::Error as StdError;
use std::fmt;

use bigdecimal::num_bigint::BigInt;
use bigdecimal::{BigDecimal, ToPrimitive};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
// `ToSql` names `bytes::BytesMut` in its signature; tokio-postgres exposes it
// here (its own `to_sql_checked!` macro uses this path), which spares a direct
// dependency on `bytes`.
use tokio_postgres::types::private::BytesMut;
use tokio_postgres::types::{to_sql_checked, FromSql, IsNull, Kind, ToSql, Type};
use tokio_postgres::Row;
use uuid::Uuid;

use sqlexpr::Value;

use crate::exec::{Error, Result};
use crate::numeric;

type BoxError = Box<dyn StdError + Sync + Send>;

/// A value that the parameter's server-side type cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    /// The kind of value (see [`Value::kind`]).
    pub value: &'static str,
    /// The PostgreSQL type of the parameter.
    pub ty: String,
    /// Why the value does not fit.
    pub reason: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot bind a {} value to a parameter of type {}: {}",
            self.value, self.ty, self.reason
        )
    }
}

impl StdError for BindError {}

/// A [`Value`] bound to a tokio-postgres statement, encoded for the type the
/// server inferred for its parameter. Text, bytes and JSON are written
/// straight from the borrowed value.
///
/// Conversions made where they lose nothing:
/// - any integer to `int2`/`int4`/`int8`/`oid` when it is in range, to
///   `numeric`, and to `float4`/`float8` when exactly representable;
/// - `f32` to `float8`; `f64` to `float4` when exact; finite floats to
///   `numeric` (their shortest decimal form);
/// - a decimal to an integer type when it is integral and in range;
/// - text to `uuid` and `numeric` when it parses, to `json`/`jsonb` (the
///   server checks it) and to enum types; uuids and JSON to text types.
///
/// Anything else (e.g. a naive date-time for `timestamptz`, whose zone would
/// be guessed) is a [`BindError`], never a driver panic; so are text with a
/// NUL byte for text, enum and JSON types (bytes go to `bytea`), and
/// decimals beyond `numeric`'s 131072 digits before the point or 16383
/// after it. Floats keep NaN and infinities in `float4`/`float8`.
#[derive(Debug, Clone, Copy)]
pub struct Bind<'a>(pub &'a Value);

fn is_text(ty: &Type) -> bool {
    [
        Type::TEXT,
        Type::VARCHAR,
        Type::BPCHAR,
        Type::NAME,
        Type::UNKNOWN,
    ]
    .contains(ty)
        || ty.name() == "citext"
}

fn reject(value: &Value, ty: &Type, reason: impl Into<String>) -> BoxError {
    Box::new(BindError {
        value: value.kind(),
        ty: ty.name().to_owned(),
        reason: reason.into(),
    })
}

/// PostgreSQL's dates and timestamps start at 4714-11-24 BC (chrono's
/// year -4713); their ends (5874897 and 294276 AD) lie past chrono's.
fn check_date(value: &Value, ty: &Type, d: NaiveDate) -> std::result::Result<(), BoxError> {
    match NaiveDate::from_ymd_opt(-4713, 11, 24) {
        Some(first) if d < first => Err(reject(
            value,
            ty,
            format!("{d} is before 4714-11-24 BC, PostgreSQL's first date"),
        )),
        _ => Ok(()),
    }
}

fn mismatch(value: &Value, ty: &Type) -> BoxError {
    reject(
        value,
        ty,
        "no lossless conversion; cast the parameter in SQL",
    )
}

fn bind_numeric(
    d: &BigDecimal,
    value: &Value,
    ty: &Type,
    out: &mut BytesMut,
) -> Result<IsNull, BoxError> {
    let mut buf = Vec::new();
    numeric::encode(d, &mut buf).map_err(|reason| reject(value, ty, reason))?;
    out.extend_from_slice(&buf);
    Ok(IsNull::No)
}

fn bind_integer(n: i128, value: &Value, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    let range = || reject(value, ty, format!("{n} is out of range"));
    if *ty == Type::INT2 {
        i16::try_from(n).map_err(|_| range())?.to_sql(ty, out)
    } else if *ty == Type::INT4 {
        i32::try_from(n).map_err(|_| range())?.to_sql(ty, out)
    } else if *ty == Type::INT8 {
        i64::try_from(n).map_err(|_| range())?.to_sql(ty, out)
    } else if *ty == Type::OID {
        u32::try_from(n).map_err(|_| range())?.to_sql(ty, out)
    } else if *ty == Type::NUMERIC {
        bind_numeric(&BigDecimal::new(BigInt::from(n), 0), value, ty, out)
    } else if *ty == Type::FLOAT4 && n.unsigned_abs() <= 1 << f32::MANTISSA_DIGITS {
        (n as f32).to_sql(ty, out)
    } else if *ty == Type::FLOAT8 && n.unsigned_abs() <= 1 << f64::MANTISSA_DIGITS {
        (n as f64).to_sql(ty, out)
    } else {
        Err(mismatch(value, ty))
    }
}

fn bind_float(
    v: f64,
    exact_f32: bool,
    value: &Value,
    ty: &Type,
    out: &mut BytesMut,
) -> Result<IsNull, BoxError> {
    if *ty == Type::FLOAT8 {
        v.to_sql(ty, out)
    } else if *ty == Type::FLOAT4 && exact_f32 {
        (v as f32).to_sql(ty, out)
    } else if *ty == Type::NUMERIC && v.is_finite() {
        // The shortest decimal that reads back as the same float.
        let text = if exact_f32 {
            (v as f32).to_string()
        } else {
            v.to_string()
        };
        let d: BigDecimal = text.parse().map_err(|_| mismatch(value, ty))?;
        bind_numeric(&d, value, ty, out)
    } else {
        Err(mismatch(value, ty))
    }
}

/// PostgreSQL's text types (and JSON, and enum labels) cannot hold a NUL
/// byte; the server's own error names an encoding, not the value.
fn no_nul(s: &str, value: &Value, ty: &Type) -> Result<(), BoxError> {
    match s.bytes().position(|b| b == 0) {
        Some(at) => Err(reject(
            value,
            ty,
            format!(
                "the text has a NUL byte at offset {at}, which PostgreSQL {} cannot store \
                 (bind bytes for bytea instead)",
                ty.name()
            ),
        )),
        None => Ok(()),
    }
}

fn bind_text(s: &str, value: &Value, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    let textual = is_text(ty) || matches!(ty.kind(), Kind::Enum(_));
    if textual || *ty == Type::JSON || *ty == Type::JSONB {
        no_nul(s, value, ty)?;
    }
    if textual || *ty == Type::JSON {
        out.extend_from_slice(s.as_bytes());
        Ok(IsNull::No)
    } else if *ty == Type::JSONB {
        out.extend_from_slice(&[1]);
        out.extend_from_slice(s.as_bytes());
        Ok(IsNull::No)
    } else if *ty == Type::UUID {
        let u = Uuid::parse_str(s).map_err(|e| reject(value, ty, e.to_string()))?;
        u.to_sql(ty, out)
    } else if *ty == Type::NUMERIC {
        let d: BigDecimal = s
            .parse()
            .map_err(|e: bigdecimal::ParseBigDecimalError| reject(value, ty, e.to_string()))?;
        bind_numeric(&d, value, ty, out)
    } else {
        Err(mismatch(value, ty))
    }
}

/// Encodes `value` for a parameter of type `ty`.
fn encode(value: &Value, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    if let Kind::Domain(base) = ty.kind() {
        return encode(value, base, out);
    }
    match value {
        Value::Null => Ok(IsNull::Yes),
        Value::Bool(b) if *ty == Type::BOOL => b.to_sql(ty, out),
        Value::I8(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::I16(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::I32(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::I64(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::U8(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::U16(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::U32(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::U64(v) => bind_integer(i128::from(*v), value, ty, out),
        Value::F32(v) => bind_float(f64::from(*v), true, value, ty, out),
        Value::F64(v) => {
            let exact = (*v as f32) as f64 == *v || v.is_nan();
            bind_float(*v, exact, value, ty, out)
        }
        Value::Text(s) => bind_text(s, value, ty, out),
        Value::Bytes(b) if *ty == Type::BYTEA => {
            out.extend_from_slice(b);
            Ok(IsNull::No)
        }
        Value::Decimal(d) if *ty == Type::NUMERIC => bind_numeric(d, value, ty, out),
        Value::Decimal(d) if d.is_integer() => match d.to_i128() {
            Some(n) => bind_integer(n, value, ty, out),
            None => Err(mismatch(value, ty)),
        },
        Value::Uuid(u) if *ty == Type::UUID => u.to_sql(ty, out),
        Value::Uuid(u) if is_text(ty) => {
            out.extend_from_slice(
                u.hyphenated()
                    .encode_lower(&mut Uuid::encode_buffer())
                    .as_bytes(),
            );
            Ok(IsNull::No)
        }
        Value::Date(d) if *ty == Type::DATE => {
            check_date(value, ty, *d)?;
            d.to_sql(ty, out)
        }
        Value::Time(t) if *ty == Type::TIME => t.to_sql(ty, out),
        Value::DateTime(t) if *ty == Type::TIMESTAMP => {
            check_date(value, ty, t.date())?;
            t.to_sql(ty, out)
        }
        Value::DateTimeTz(t) if *ty == Type::TIMESTAMPTZ => {
            check_date(value, ty, t.naive_utc().date())?;
            t.to_sql(ty, out)
        }
        Value::Json(j) if *ty == Type::JSON || *ty == Type::JSONB => j.to_sql(ty, out),
        Value::Json(j) if is_text(ty) => {
            out.extend_from_slice(j.to_string().as_bytes());
            Ok(IsNull::No)
        }
        other => Err(mismatch(other, ty)),
    }
}

impl ToSql for Bind<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        encode(self.0, ty, out)
    }

    /// Every type is accepted here; [`ToSql::to_sql`] says precisely which
    /// value does not fit which type.
    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// A column read into a [`Value`], whatever its type (see [`row_values`]).
struct Decoded(Value);

fn decode(ty: &Type, raw: &[u8]) -> Result<Value, BoxError> {
    if let Kind::Domain(base) = ty.kind() {
        return decode(base, raw);
    }
    Ok(if *ty == Type::BOOL {
        Value::Bool(bool::from_sql(ty, raw)?)
    } else if *ty == Type::INT2 {
        Value::I16(i16::from_sql(ty, raw)?)
    } else if *ty == Type::INT4 {
        Value::I32(i32::from_sql(ty, raw)?)
    } else if *ty == Type::INT8 {
        Value::I64(i64::from_sql(ty, raw)?)
    } else if *ty == Type::OID {
        Value::U32(u32::from_sql(ty, raw)?)
    } else if *ty == Type::FLOAT4 {
        Value::F32(f32::from_sql(ty, raw)?)
    } else if *ty == Type::FLOAT8 {
        Value::F64(f64::from_sql(ty, raw)?)
    } else if *ty == Type::NUMERIC {
        Value::Decimal(numeric::decode(raw)?)
    } else if is_text(ty) || matches!(ty.kind(), Kind::Enum(_)) {
        Value::Text(std::str::from_utf8(raw)?.into())
    } else if *ty == Type::BYTEA {
        Value::Bytes(raw.into())
    } else if *ty == Type::UUID {
        Value::Uuid(Uuid::from_sql(ty, raw)?)
    } else if *ty == Type::DATE {
        Value::Date(NaiveDate::from_sql(ty, raw)?)
    } else if *ty == Type::TIME {
        Value::Time(NaiveTime::from_sql(ty, raw)?)
    } else if *ty == Type::TIMESTAMP {
        Value::DateTime(NaiveDateTime::from_sql(ty, raw)?)
    } else if *ty == Type::TIMESTAMPTZ {
        Value::DateTimeTz(DateTime::<FixedOffset>::from_sql(ty, raw)?)
    } else if *ty == Type::JSON || *ty == Type::JSONB {
        Value::Json(serde_json::Value::from_sql(ty, raw)?)
    } else {
        return Err(format!("no sqlexpr Value for PostgreSQL type {}", ty.name()).into());
    })
}

impl<'a> FromSql<'a> for Decoded {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        decode(ty, raw).map(Decoded)
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(Decoded(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// Column `index` of `row` as a [`Value`]: `bool`, `int2/4/8`, `oid` (as
/// `U32`), `float4/8`, `numeric` (NaN and infinities are errors), text types
/// and enums (as text), `bytea`, `uuid`, `date`, `time`, `timestamp`,
/// `timestamptz` (offset +00:00), `json`/`jsonb`, and domains over these.
/// Other types are [`Error::Decode`].
pub fn get_value(row: &Row, index: usize) -> Result<Value> {
    let column = row.columns().get(index).ok_or_else(|| Error::Decode {
        column: index.to_string(),
        ty: String::new(),
        reason: format!("the row has {} columns", row.len()),
    })?;
    match row.try_get::<_, Decoded>(index) {
        Ok(d) => Ok(d.0),
        Err(e) => Err(Error::Decode {
            column: column.name().to_owned(),
            ty: column.type_().name().to_owned(),
            reason: match e.source() {
                Some(s) => s.to_string(),
                None => e.to_string(),
            },
        }),
    }
}

/// Every column of `row` as a [`Value`] (see [`get_value`]).
pub fn row_values(row: &Row) -> Result<Vec<Value>> {
    (0..row.len()).map(|i| get_value(row, i)).collect()
}
