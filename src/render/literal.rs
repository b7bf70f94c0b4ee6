//! Literal and type-name rendering shared by the dialects.

use std::fmt::Write as _;

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

/// Writes a finite single-precision float in exponent form.
pub fn write_f32(out: &mut String, v: f32) {
    let _ = write!(out, "{v:e}");
}

/// Writes any value as an ANSI literal, through the dialect's string, float
/// and boolean hooks.
pub fn write_literal_default<D: Dialect + ?Sized>(
    d: &D,
    out: &mut String,
    value: &Value,
) -> Result<()> {
    let mut buf = itoa::Buffer::new();
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
        Value::F32(v) if v.is_finite() => write_f32(out, *v),
        Value::F64(v) if v.is_finite() => write_float(out, *v),
        Value::F32(v) => d.write_non_finite_float(out, f64::from(*v))?,
        Value::F64(v) => d.write_non_finite_float(out, *v)?,
        Value::Text(s) => d.write_string_literal(out, s)?,
        Value::Bytes(b) => {
            out.push_str("X'");
            write_hex(out, b);
            out.push('\'');
        }
        Value::Decimal(v) => {
            let _ = write!(out, "{v}");
        }
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
