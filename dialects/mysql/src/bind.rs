//! [`Value`]s to and from mysql_async: [`Bind`] converts a value to a
//! `mysql_async::Value`; [`row_values`] reads a row back.

use std::fmt;
use std::str::FromStr;

use bigdecimal::num_bigint::Sign;
use bigdecimal::BigDecimal;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use mysql_async::consts::{ColumnFlags, ColumnType};
use mysql_async::{Params, Row, Value as MyValue};

use sqlexpr::Value;

use crate::exec::{Error, Result};

/// A value that MySQL cannot take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindError {
    /// The kind of value (see [`Value::kind`]).
    pub value: &'static str,
    /// Why it cannot be sent.
    pub reason: String,
}

impl fmt::Display for BindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot bind a {} value: {}", self.value, self.reason)
    }
}

impl std::error::Error for BindError {}

/// A [`Value`] converted for mysql_async.
///
/// mysql_async's parameters own their values, so text and bytes are copied
/// once. Booleans are sent as 0/1, `u64` as unsigned, decimals, uuids
/// (hyphenated) and JSON as text, date-times with a time zone converted to
/// UTC (DATETIME has no zone); times below a microsecond are truncated, as
/// MySQL keeps microseconds. The dialect writes a bound decimal as
/// `CAST(? AS DECIMAL(p, s))` and a date as `CAST(? AS DATE)`, so the server
/// computes with the value's own type (text would be a DOUBLE, a date a
/// DATETIME); a named parameter filled in after rendering gets the same
/// cast from [`Compiled::with_params_for`](sqlexpr::Compiled::with_params_for)
/// (`with_params` refuses such a value). NaN and infinities (MySQL stores neither),
/// decimals beyond DECIMAL's 65 digits (38 after the point), and years
/// outside 0..=9999, are a [`BindError`].
#[derive(Debug, Clone, Copy)]
pub struct Bind<'a>(pub &'a Value);

fn micros(nanos: u32, value: &Value) -> std::result::Result<u32, BindError> {
    if nanos >= 1_000_000_000 {
        return Err(BindError {
            value: value.kind(),
            reason: "MySQL has no leap seconds".to_owned(),
        });
    }
    Ok(nanos / 1000)
}

fn date_time(d: NaiveDate, t: NaiveTime, value: &Value) -> std::result::Result<MyValue, BindError> {
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or_else(|| BindError {
            value: value.kind(),
            reason: format!("year {} is outside MySQL's 0..=9999", d.year()),
        })?;
    Ok(MyValue::Date(
        year,
        d.month() as u8,
        d.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
        micros(t.nanosecond(), value)?,
    ))
}

fn float(v: f64, value: &Value) -> std::result::Result<(), BindError> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(BindError {
            value: value.kind(),
            reason: format!("MySQL cannot store {v}"),
        })
    }
}

/// The most digits a MySQL (and MariaDB) DECIMAL has.
const MAX_DECIMAL_DIGITS: i128 = 65;
/// The most of them after the decimal point: MariaDB's 38 (MySQL 8 has 30;
/// the two flavours share one binding, and MySQL rounds a value with more
/// digits after the point than its column's scale in any case).
const MAX_DECIMAL_SCALE: i128 = 38;

/// `d` as the text MySQL reads into a DECIMAL, exactly: at most 65 digits,
/// 38 after the point (trailing zeros after the point do not count). The
/// bounds are checked on digit counts (in `i128`: no exponent overflows)
/// before the text is built, so its length is bounded too.
fn decimal(d: &BigDecimal, value: &Value) -> std::result::Result<MyValue, BindError> {
    let reject = |reason: String| BindError {
        value: value.kind(),
        reason: format!("the decimal has {reason}"),
    };
    let (int, scale) = d.as_bigint_and_exponent();
    if int.sign() == Sign::NoSign {
        return Ok(MyValue::Bytes(b"0".to_vec()));
    }
    let mut digits = int.magnitude().to_string();
    let mut scale = i128::from(scale);
    // Trailing zeros after the point are kept (they are the value's scale,
    // which `SELECT ?` returns) unless the value only fits without them.
    let too_long = |digits: &str, scale: i128| {
        let len = i128::try_from(digits.len()).unwrap_or(i128::MAX);
        scale > MAX_DECIMAL_SCALE || len.max(scale) > MAX_DECIMAL_DIGITS
    };
    while scale > 0 && digits.ends_with('0') && too_long(&digits, scale) {
        digits.pop();
        scale -= 1;
    }
    let len = i128::try_from(digits.len()).map_err(|e| reject(e.to_string()))?;
    let int_len = len - scale;
    if scale > MAX_DECIMAL_SCALE {
        return Err(reject(format!(
            "{scale} digits after the decimal point (MySQL DECIMAL takes at most {MAX_DECIMAL_SCALE})"
        )));
    }
    if int_len > MAX_DECIMAL_DIGITS {
        return Err(reject(format!(
            "{int_len} digits before the decimal point (MySQL DECIMAL takes at most {MAX_DECIMAL_DIGITS})"
        )));
    }
    let total = int_len.max(0) + scale.max(0);
    if total > MAX_DECIMAL_DIGITS {
        return Err(reject(format!(
            "{total} digits (MySQL DECIMAL takes at most {MAX_DECIMAL_DIGITS})"
        )));
    }
    // Every count is now at most 65.
    let count = |n: i128| usize::try_from(n.max(0)).unwrap_or(0);
    let mut text = String::with_capacity(68);
    if int.sign() == Sign::Minus {
        text.push('-');
    }
    if scale <= 0 {
        text.push_str(&digits);
        text.extend(std::iter::repeat('0').take(count(-scale)));
    } else if int_len > 0 {
        let (whole, frac) = digits
            .split_at_checked(count(int_len))
            .ok_or_else(|| reject("no decimal point".to_owned()))?;
        text.push_str(whole);
        text.push('.');
        text.push_str(frac);
    } else {
        text.push_str("0.");
        text.extend(std::iter::repeat('0').take(count(-int_len)));
        text.push_str(&digits);
    }
    Ok(MyValue::Bytes(text.into_bytes()))
}

impl Bind<'_> {
    /// The value as mysql_async sends it.
    pub fn to_mysql(&self) -> std::result::Result<MyValue, BindError> {
        let value = self.0;
        Ok(match value {
            Value::Null => MyValue::NULL,
            Value::Bool(b) => MyValue::Int(i64::from(*b)),
            Value::I8(v) => MyValue::Int(i64::from(*v)),
            Value::I16(v) => MyValue::Int(i64::from(*v)),
            Value::I32(v) => MyValue::Int(i64::from(*v)),
            Value::I64(v) => MyValue::Int(*v),
            Value::U8(v) => MyValue::UInt(u64::from(*v)),
            Value::U16(v) => MyValue::UInt(u64::from(*v)),
            Value::U32(v) => MyValue::UInt(u64::from(*v)),
            Value::U64(v) => MyValue::UInt(*v),
            Value::F32(v) => {
                float(f64::from(*v), value)?;
                MyValue::Float(*v)
            }
            Value::F64(v) => {
                float(*v, value)?;
                MyValue::Double(*v)
            }
            Value::Text(s) => MyValue::Bytes(s.as_bytes().to_vec()),
            Value::Bytes(b) => MyValue::Bytes(b.to_vec()),
            Value::Decimal(d) => decimal(d, value)?,
            Value::Uuid(u) => MyValue::Bytes(u.hyphenated().to_string().into_bytes()),
            Value::Date(d) => date_time(*d, NaiveTime::MIN, value)?,
            Value::Time(t) => MyValue::Time(
                false,
                0,
                t.hour() as u8,
                t.minute() as u8,
                t.second() as u8,
                micros(t.nanosecond(), value)?,
            ),
            Value::DateTime(t) => date_time(t.date(), t.time(), value)?,
            Value::DateTimeTz(t) => {
                let utc = t.naive_utc();
                date_time(utc.date(), utc.time(), value)?
            }
            Value::Json(j) => MyValue::Bytes(j.to_string().into_bytes()),
            other => {
                return Err(BindError {
                    value: other.kind(),
                    reason: "no MySQL binding".to_owned(),
                })
            }
        })
    }
}

/// The statement parameters for `values`, or the first that cannot be sent
/// ([`Error::Bind`], numbered from 1).
pub fn params(values: &[Value]) -> Result<Params> {
    if values.is_empty() {
        return Ok(Params::Empty);
    }
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Bind(v).to_mysql().map_err(|error| Error::Bind {
                param: i + 1,
                error,
            })
        })
        .collect::<Result<Vec<_>>>()
        .map(Params::Positional)
}

fn integer(v: &MyValue) -> std::result::Result<i128, String> {
    match v {
        MyValue::Int(n) => Ok(i128::from(*n)),
        MyValue::UInt(n) => Ok(i128::from(*n)),
        MyValue::Bytes(b) => text(b)?.parse().map_err(|e| format!("{e}")),
        other => Err(format!("unexpected {other:?}")),
    }
}

fn text(b: &[u8]) -> std::result::Result<&str, String> {
    std::str::from_utf8(b).map_err(|e| e.to_string())
}

fn parse<T: FromStr>(v: &MyValue) -> std::result::Result<T, String>
where
    T::Err: fmt::Display,
{
    match v {
        MyValue::Bytes(b) => text(b)?.parse().map_err(|e: T::Err| e.to_string()),
        other => Err(format!("unexpected {other:?}")),
    }
}

fn naive(v: &MyValue) -> std::result::Result<NaiveDateTime, String> {
    match v {
        MyValue::Date(y, mo, d, h, mi, s, us) => {
            NaiveDate::from_ymd_opt(i32::from(*y), u32::from(*mo), u32::from(*d))
                .and_then(|date| {
                    date.and_hms_micro_opt(u32::from(*h), u32::from(*mi), u32::from(*s), *us)
                })
                .ok_or_else(|| format!("invalid date {v:?} (zero dates have no Value)"))
        }
        MyValue::Bytes(b) => {
            let s = text(b)?;
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f")
                .or_else(|_| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(NaiveTime::MIN))
                })
                .map_err(|e| e.to_string())
        }
        other => Err(format!("unexpected {other:?}")),
    }
}

fn time(v: &MyValue) -> std::result::Result<NaiveTime, String> {
    match v {
        MyValue::Time(false, 0, h, m, s, us) => {
            NaiveTime::from_hms_micro_opt(u32::from(*h), u32::from(*m), u32::from(*s), *us)
                .ok_or_else(|| format!("invalid time {v:?}"))
        }
        MyValue::Time(..) => Err("a negative or 24h+ TIME has no time-of-day Value".to_owned()),
        MyValue::Bytes(b) => {
            NaiveTime::parse_from_str(text(b)?, "%H:%M:%S%.f").map_err(|e| e.to_string())
        }
        other => Err(format!("unexpected {other:?}")),
    }
}

const BINARY_CHARSET: u16 = 63;

fn decode(
    v: &MyValue,
    ty: ColumnType,
    flags: ColumnFlags,
    charset: u16,
) -> std::result::Result<Value, String> {
    use ColumnType::*;
    if let MyValue::NULL = v {
        return Ok(Value::Null);
    }
    let unsigned = flags.contains(ColumnFlags::UNSIGNED_FLAG);
    let int = |v| -> std::result::Result<i128, String> { integer(v) };
    let range = |_| "integer out of range".to_owned();
    Ok(match ty {
        MYSQL_TYPE_TINY if unsigned => Value::U8(u8::try_from(int(v)?).map_err(range)?),
        MYSQL_TYPE_TINY => Value::I8(i8::try_from(int(v)?).map_err(range)?),
        MYSQL_TYPE_SHORT | MYSQL_TYPE_YEAR if unsigned => {
            Value::U16(u16::try_from(int(v)?).map_err(range)?)
        }
        MYSQL_TYPE_SHORT | MYSQL_TYPE_YEAR => Value::I16(i16::try_from(int(v)?).map_err(range)?),
        MYSQL_TYPE_INT24 | MYSQL_TYPE_LONG if unsigned => {
            Value::U32(u32::try_from(int(v)?).map_err(range)?)
        }
        MYSQL_TYPE_INT24 | MYSQL_TYPE_LONG => Value::I32(i32::try_from(int(v)?).map_err(range)?),
        MYSQL_TYPE_LONGLONG if unsigned => Value::U64(u64::try_from(int(v)?).map_err(range)?),
        MYSQL_TYPE_LONGLONG => Value::I64(i64::try_from(int(v)?).map_err(range)?),
        MYSQL_TYPE_FLOAT => match v {
            MyValue::Float(f) => Value::F32(*f),
            other => Value::F32(parse(other)?),
        },
        MYSQL_TYPE_DOUBLE => match v {
            MyValue::Double(f) => Value::F64(*f),
            MyValue::Float(f) => Value::F64(f64::from(*f)),
            other => Value::F64(parse(other)?),
        },
        MYSQL_TYPE_DECIMAL | MYSQL_TYPE_NEWDECIMAL => Value::Decimal(parse::<BigDecimal>(v)?),
        MYSQL_TYPE_DATE | MYSQL_TYPE_NEWDATE => Value::Date(naive(v)?.date()),
        MYSQL_TYPE_DATETIME
        | MYSQL_TYPE_DATETIME2
        | MYSQL_TYPE_TIMESTAMP
        | MYSQL_TYPE_TIMESTAMP2 => Value::DateTime(naive(v)?),
        MYSQL_TYPE_TIME | MYSQL_TYPE_TIME2 => Value::Time(time(v)?),
        MYSQL_TYPE_JSON => match v {
            MyValue::Bytes(b) => Value::Json(serde_json::from_slice(b).map_err(|e| e.to_string())?),
            other => return Err(format!("unexpected {other:?}")),
        },
        MYSQL_TYPE_VARCHAR
        | MYSQL_TYPE_VAR_STRING
        | MYSQL_TYPE_STRING
        | MYSQL_TYPE_TINY_BLOB
        | MYSQL_TYPE_MEDIUM_BLOB
        | MYSQL_TYPE_LONG_BLOB
        | MYSQL_TYPE_BLOB
        | MYSQL_TYPE_ENUM
        | MYSQL_TYPE_SET
        | MYSQL_TYPE_BIT => match v {
            MyValue::Bytes(b) if charset == BINARY_CHARSET || ty == MYSQL_TYPE_BIT => {
                Value::Bytes(b.as_slice().into())
            }
            MyValue::Bytes(b) => Value::Text(text(b)?.into()),
            other => return Err(format!("unexpected {other:?}")),
        },
        other => return Err(format!("no sqlexpr Value for MySQL type {other:?}")),
    })
}

/// Column `index` of `row` as a [`Value`], by the column's MySQL type:
/// integer types as `I8`..`I64` (`U8`..`U64` when UNSIGNED; `TINYINT(1)` is
/// `I8`, not a bool), `FLOAT`/`DOUBLE`, `DECIMAL` as a decimal, `DATE`,
/// `DATETIME`/`TIMESTAMP` (naive), `TIME` (a time of day: negative or 24h+
/// times are errors), MySQL 8's `JSON`, text (binary character set: bytes).
/// MariaDB's JSON is LONGTEXT and reads as text.
pub fn get_value(row: &Row, index: usize) -> Result<Value> {
    let columns = row.columns_ref();
    let column = columns.get(index).ok_or_else(|| Error::Decode {
        column: index.to_string(),
        ty: String::new(),
        reason: format!("the row has {} columns", columns.len()),
    })?;
    let err = |reason: String| Error::Decode {
        column: column.name_str().into_owned(),
        ty: format!("{:?}", column.column_type()),
        reason,
    };
    let v = row
        .as_ref(index)
        .ok_or_else(|| err("the value was taken from the row".to_owned()))?;
    decode(
        v,
        column.column_type(),
        column.flags(),
        column.character_set(),
    )
    .map_err(err)
}

/// Every column of `row` as a [`Value`] (see [`get_value`]).
pub fn row_values(row: &Row) -> Result<Vec<Value>> {
    (0..row.len()).map(|i| get_value(row, i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let d: BigDecimal = s.parse().unwrap();
        match decimal(&d, &Value::Decimal(d.clone())).unwrap() {
            MyValue::Bytes(b) => String::from_utf8(b).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decimal_text_is_exact_and_bounded() {
        for (s, want) in [
            ("0", "0"),
            ("-0.000", "0"),
            ("12.50", "12.50"),
            ("-0.001", "-0.001"),
            ("1e10", "10000000000"),
            ("-12345e-2", "-123.45"),
            (
                "1.0000000000000000000000000000000000000000",
                "1.00000000000000000000000000000000000000",
            ),
        ] {
            assert_eq!(text(s), want, "{s}");
        }
        let big = BigDecimal::new(1.into(), i64::MIN);
        let err = decimal(&big, &Value::Decimal(big.clone())).unwrap_err();
        assert_eq!(
            err.reason,
            "the decimal has 9223372036854775809 digits before the decimal point \
             (MySQL DECIMAL takes at most 65)"
        );
    }
}
