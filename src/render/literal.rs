//! Literal and type-name rendering shared by the dialects.

use std::fmt::Write as _;

use bigdecimal::BigDecimal;
use chrono::{NaiveDate, NaiveTime, Timelike};

use crate::render::Dialect;
use crate::schema::SqlType;
use crate::{Error, Result, Value};

/// Writes `name` between `open` and `close`, doubling `close` inside.
#[inline]
pub fn quote_identifier(out: &mut String, name: &str, open: char, close: char) {
    // Almost every name has no quote character to double: one copy.
    if let (Ok(o), Ok(c)) = (u8::try_from(open), u8::try_from(close)) {
        if o.is_ascii() && c.is_ascii() && !name.bytes().any(|b| b == c) {
            out.reserve(name.len() + 2);
            out.push(char::from(o));
            out.push_str(name);
            out.push(char::from(c));
            return;
        }
    }
    out.reserve(name.len() + 2);
    out.push(open);
    for ch in name.chars() {
        if ch == close {
            out.push(close);
        }
        out.push(ch);
    }
    out.push(close);
}

/// Writes `'s'` with `'` doubled; a NUL character is [`Error::Literal`].
pub fn write_string_literal_default(
    dialect: &'static str,
    out: &mut String,
    s: &str,
) -> Result<()> {
    if s.contains('\0') {
        return Err(Error::Literal {
            dialect: dialect.into(),
            reason: "a string with a NUL character has no literal form".into(),
        });
    }
    out.reserve(s.len() + 2);
    out.push('\'');
    for ch in s.chars() {
        if ch == '\'' {
            out.push('\'');
        }
        out.push(ch);
    }
    out.push('\'');
    Ok(())
}

/// Writes bytes as lowercase hex digits.
pub fn write_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(bytes.len() * 2);
    for b in bytes {
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
}

/// Writes a finite float in exponent form (`1.5e0`), shortest round-trip
/// digits: an approximate-numeric literal in SQL, never mistaken for an
/// integer or exact decimal.
pub fn write_float(out: &mut String, v: f64) {
    let _ = write!(out, "{v:e}");
}

/// Writes a finite single-precision float in exponent form, shortest
/// round-trip digits of the `f32` (for a dialect with a typed `f32`
/// literal; a double-precision literal takes [`write_float`] of
/// `f64::from(v)`, the value a bound `f32` has on the server).
pub fn write_f32(out: &mut String, v: f32) {
    let _ = write!(out, "{v:e}");
}

/// The most digits an exact decimal literal may have: before the point,
/// after it, and in all (a dialect's DECIMAL / NUMERIC range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalLimits {
    /// Digits before the decimal point.
    pub integer: u64,
    /// Digits after the decimal point.
    pub fraction: u64,
    /// Digits in all.
    pub total: u64,
}

impl DecimalLimits {
    /// PostgreSQL's NUMERIC: 131072 digits before the point, 16383 after.
    pub const NUMERIC: DecimalLimits = DecimalLimits {
        integer: 131_072,
        fraction: 16_383,
        total: 131_072 + 16_383,
    };
}

/// Writes `v` in plain positional notation (`12.50`, `1000`, `-0.000123`:
/// never the exponent form, which SQL reads as an approximate number), or
/// [`Error::Literal`] when it has more digits than `limits` allow (checked
/// before anything is written, so a huge exponent allocates nothing).
pub fn write_decimal(
    dialect: &'static str,
    limits: DecimalLimits,
    out: &mut String,
    v: &BigDecimal,
) -> Result<()> {
    let (_, scale) = v.as_bigint_and_scale();
    let digits = v.digits();
    let (integer, fraction) = if scale < 0 {
        (digits.saturating_add(scale.unsigned_abs()), 0)
    } else {
        (
            digits.saturating_sub(scale.unsigned_abs()),
            scale.unsigned_abs(),
        )
    };
    if integer > limits.integer
        || fraction > limits.fraction
        || integer.saturating_add(fraction) > limits.total
    {
        return Err(Error::Literal {
            dialect: dialect.into(),
            reason: format!(
                "a decimal with {integer} digits before the point and {fraction} after is \
                 outside the dialect's exact range ({} before, {} after, {} in all): {}",
                limits.integer,
                limits.fraction,
                limits.total,
                v.to_scientific_notation()
            ),
        });
    }
    let _ = v.write_plain_string(out);
    Ok(())
}

/// The date a date, timestamp or zoned timestamp value holds (for a zoned
/// one, both its local and its UTC date must be in range).
fn dates_of(value: &Value) -> Option<[NaiveDate; 2]> {
    match value {
        Value::Date(d) => Some([*d, *d]),
        Value::DateTime(t) => Some([t.date(), t.date()]),
        Value::DateTimeTz(t) => Some([t.date_naive(), t.naive_utc().date()]),
        _ => None,
    }
}

/// The time of day a time or timestamp value holds.
fn time_of(value: &Value) -> Option<NaiveTime> {
    match value {
        Value::Time(t) => Some(*t),
        Value::DateTime(t) => Some(t.time()),
        Value::DateTimeTz(t) => Some(t.time()),
        _ => None,
    }
}

/// [`Error::Literal`] unless the dates of a date / time value lie within
/// the dialect's [`Dialect::date_literal_range`] and its time is no leap
/// second (`23:59:60`, which no server reads back as the same time):
/// outside them a server rejects the literal, or reads another value.
pub fn check_date_time<D: Dialect + ?Sized>(d: &D, value: &Value) -> Result<()> {
    let (lo, hi) = d.date_literal_range();
    let fail = |why: String| Error::Literal {
        dialect: d.name().into(),
        reason: why,
    };
    if let Some(dates) = dates_of(value) {
        if dates.iter().any(|x| *x < lo || *x > hi) {
            return Err(fail(format!(
                "the {} {} is outside the dates the dialect reads ({lo} to {hi})",
                value.kind(),
                show(value)
            )));
        }
    }
    if let Some(t) = time_of(value) {
        if t.nanosecond() >= 1_000_000_000 {
            return Err(fail(format!(
                "the {} {} is a leap second, which the dialect does not read",
                value.kind(),
                show(value)
            )));
        }
    }
    Ok(())
}

/// A date / time value as chrono displays it, for error messages.
fn show(value: &Value) -> String {
    match value {
        Value::Date(v) => v.to_string(),
        Value::Time(v) => v.to_string(),
        Value::DateTime(v) => v.to_string(),
        Value::DateTimeTz(v) => v.to_string(),
        other => format!("{other:?}"),
    }
}

/// Writes any value as an ANSI literal, through the dialect's string, float
/// and boolean hooks. Decimals are positional within
/// [`Dialect::decimal_literal_limits`]; dates and times within
/// [`Dialect::date_literal_range`] (else [`Error::Literal`]).
pub fn write_literal_default<D: Dialect + ?Sized>(
    d: &D,
    out: &mut String,
    value: &Value,
) -> Result<()> {
    let mut buf = itoa::Buffer::new();
    check_date_time(d, value)?;
    match value {
        Value::Null => out.push_str("NULL"),
        Value::Bool(b) => d.write_bool(out, *b),
        Value::I8(v) => out.push_str(buf.format(*v)),
        Value::I16(v) => out.push_str(buf.format(*v)),
        Value::I32(v) => out.push_str(buf.format(*v)),
        Value::I64(v) => out.push_str(buf.format(*v)),
        Value::U8(v) => out.push_str(buf.format(*v)),
        Value::U16(v) => out.push_str(buf.format(*v)),
        Value::U32(v) => out.push_str(buf.format(*v)),
        Value::U64(v) => out.push_str(buf.format(*v)),
        Value::F32(v) if v.is_finite() => write_float(out, f64::from(*v)),
        Value::F64(v) if v.is_finite() => write_float(out, *v),
        Value::F32(v) => d.write_non_finite_float(out, f64::from(*v))?,
        Value::F64(v) => d.write_non_finite_float(out, *v)?,
        Value::Text(s) => d.write_string_literal(out, s)?,
        Value::Bytes(b) => {
            out.push_str("X'");
            write_hex(out, b);
            out.push('\'');
        }
        Value::Decimal(v) => write_decimal(d.name(), d.decimal_literal_limits(), out, v)?,
        Value::Uuid(v) => {
            let _ = write!(out, "'{}'", v.hyphenated());
        }
        Value::Date(v) => {
            let _ = write!(out, "DATE '{}'", v.format("%Y-%m-%d"));
        }
        Value::Time(v) => {
            let _ = write!(out, "TIME '{}'", v.format("%H:%M:%S%.f"));
        }
        Value::DateTime(v) => {
            let _ = write!(out, "TIMESTAMP '{}'", v.format("%Y-%m-%d %H:%M:%S%.f"));
        }
        Value::DateTimeTz(v) => {
            let _ = write!(
                out,
                "TIMESTAMP WITH TIME ZONE '{}'",
                v.format("%Y-%m-%d %H:%M:%S%.f%:z")
            );
        }
        Value::Json(v) => d.write_string_literal(out, &v.to_string())?,
    }
    Ok(())
}

/// Writes the ANSI name of a column type.
pub fn write_type_default<D: Dialect + ?Sized>(
    d: &D,
    out: &mut String,
    ty: &SqlType,
) -> Result<()> {
    check_type(d, ty)?;
    match ty {
        SqlType::SmallInteger => out.push_str("SMALLINT"),
        SqlType::Integer => out.push_str("INTEGER"),
        SqlType::BigInteger => out.push_str("BIGINT"),
        SqlType::Float => out.push_str("REAL"),
        SqlType::Double => out.push_str("DOUBLE PRECISION"),
        SqlType::Numeric(p, s) => {
            let _ = write!(out, "NUMERIC({p}, {s})");
        }
        SqlType::String(n) => {
            let _ = write!(out, "VARCHAR({n})");
        }
        SqlType::Text => out.push_str("TEXT"),
        SqlType::Boolean => out.push_str("BOOLEAN"),
        SqlType::Date => out.push_str("DATE"),
        SqlType::Time => out.push_str("TIME"),
        SqlType::DateTime => out.push_str("TIMESTAMP"),
        SqlType::DateTimeTz => out.push_str("TIMESTAMP WITH TIME ZONE"),
        SqlType::Binary => out.push_str("BLOB"),
        SqlType::Uuid => out.push_str("UUID"),
        SqlType::Json => out.push_str("JSON"),
        SqlType::Enum(_, variants) => {
            let n = variants
                .iter()
                .map(|v| v.chars().count())
                .max()
                .unwrap_or(1)
                .max(1);
            let _ = write!(out, "VARCHAR({n})");
        }
        // Created as the type it is stored as, named by the dialect.
        SqlType::Custom(c) => return d.write_type(out, c.base()),
    }
    Ok(())
}

/// Checks the parameters of a column type against the dialect's limits
/// ([`Dialect::max_varchar_length`], [`Dialect::max_numeric_precision`],
/// [`Dialect::max_numeric_scale`]) and the rules every database shares: a
/// VARCHAR holds at least one character, a NUMERIC's precision is at least
/// 1 and at least its scale, an ENUM has variants, none empty or twice.
/// [`Error::InvalidType`] otherwise (without the column: the caller adds it
/// with [`Error::with_column`]). Called by [`write_type_default`]; a
/// dialect's `write_type` that writes a type itself calls it first.
pub fn check_type<D: Dialect + ?Sized>(d: &D, ty: &SqlType) -> Result<()> {
    let invalid = |ty: String, reason: String| Err(Error::invalid_type(ty, d.name(), reason));
    match ty {
        SqlType::String(n) => {
            let ty = || format!("VARCHAR({n})");
            let max = d.max_varchar_length();
            if *n == 0 {
                return invalid(ty(), "the length must be at least 1".into());
            }
            if *n > max {
                return invalid(ty(), format!("the length is beyond the maximum of {max}"));
            }
        }
        SqlType::Numeric(p, s) => {
            let ty = || format!("NUMERIC({p}, {s})");
            let (max_p, max_s) = (d.max_numeric_precision(), d.max_numeric_scale());
            if *p == 0 {
                return invalid(ty(), "the precision must be at least 1".into());
            }
            if s > p {
                return invalid(ty(), "the scale is greater than the precision".into());
            }
            if *p > max_p {
                return invalid(
                    ty(),
                    format!("the precision is beyond the maximum of {max_p}"),
                );
            }
            if *s > max_s {
                return invalid(ty(), format!("the scale is beyond the maximum of {max_s}"));
            }
        }
        SqlType::Enum(name, variants) => check_enum_variants(d, name, variants)?,
        _ => {}
    }
    Ok(())
}

/// The variants of an enum type `name`: at least one, none empty, none
/// twice; [`Error::InvalidType`] otherwise.
pub fn check_enum_variants<D: Dialect + ?Sized>(
    d: &D,
    name: &str,
    variants: &[String],
) -> Result<()> {
    let reason = if variants.is_empty() {
        Some("it has no variants".to_owned())
    } else if variants.iter().any(String::is_empty) {
        Some("a variant is the empty string".to_owned())
    } else {
        variants
            .iter()
            .enumerate()
            .find(|(i, v)| variants.get(..*i).is_some_and(|before| before.contains(v)))
            .map(|(_, v)| format!("the variant {v:?} is listed twice"))
    };
    match reason {
        None => Ok(()),
        Some(reason) => Err(Error::invalid_type(
            format!("ENUM {name:?}"),
            d.name(),
            reason,
        )),
    }
}

/// The first and last date a dialect's date literals may hold.
pub type DateRange = (NaiveDate, NaiveDate);

/// The dates from `lo` to `hi` (year, month, day), for
/// [`Dialect::date_literal_range`]; an impossible date stands for the
/// widest one chrono has.
pub fn date_range(lo: (i32, u32, u32), hi: (i32, u32, u32)) -> DateRange {
    (
        NaiveDate::from_ymd_opt(lo.0, lo.1, lo.2).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(hi.0, hi.1, hi.2).unwrap_or(NaiveDate::MAX),
    )
}
