//! The [`Postgres`] dialect: what PostgreSQL spells differently from ANSI SQL.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use sqlexpr::expr::{Func, FunctionCall};
use sqlexpr::render::ddl::{CommentStyle, EnumStyle};
use sqlexpr::render::expr::{render_function_default, render_operand};
use sqlexpr::render::literal::{self, write_hex};
use sqlexpr::render::precedence::level;
use sqlexpr::render::IdentifierKind;
use sqlexpr::{Dialect, Error, RenderCtx, Result, SqlType, SqlWriter, Value};

/// The PostgreSQL dialect, targeting a server version (default 12; the
/// features used need at least 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Postgres {
    version: (u32, u32),
}

impl Default for Postgres {
    fn default() -> Self {
        Postgres::new()
    }
}

impl Postgres {
    /// PostgreSQL 12 or later.
    pub const fn new() -> Self {
        Postgres { version: (12, 0) }
    }

    /// A dialect targeting a specific server version.
    pub const fn with_version(major: u32, minor: u32) -> Self {
        Postgres {
            version: (major, minor),
        }
    }

    /// The targeted version.
    pub const fn version(&self) -> (u32, u32) {
        self.version
    }
}

/// Writes `YYYY-MM-DD` (year 0 and before as 1 BC and before, years past
/// 9999 with all their digits); returns whether the date is BC.
fn write_date(out: &mut String, d: NaiveDate) -> bool {
    let year = d.year();
    let (shown, bc) = if year <= 0 {
        (1 - i64::from(year), true)
    } else {
        (i64::from(year), false)
    };
    let _ = write!(out, "{shown:04}-{:02}-{:02}", d.month(), d.day());
    bc
}

fn finish_date(out: &mut String, bc: bool) {
    if bc {
        out.push_str(" BC");
    }
    out.push('\'');
}

fn write_float(out: &mut String, text: &str, ty: &str) {
    out.push('\'');
    out.push_str(text);
    out.push_str("'::");
    out.push_str(ty);
}

impl Dialect for Postgres {
    fn name(&self) -> &'static str {
        "postgresql"
    }

    /// Plain names are written `"name"`, and none is refused (but for its length).
    fn plain_identifier_quotes(&self) -> Option<(char, char)> {
        Some(('"', '"'))
    }

    /// `$1, $2, ...`
    fn write_placeholder(&self, out: &mut String, index: usize) {
        out.push('$');
        // Up to three digits (a multi-row INSERT's hundreds of values) one
        // character at a time: cheaper than formatting and copying them.
        let digit = |n: usize| char::from(b'0' + (n % 10) as u8);
        if index < 10 {
            out.push(digit(index));
        } else if index < 100 {
            out.push(digit(index / 10));
            out.push(digit(index));
        } else if index < 1000 {
            out.push(digit(index / 100));
            out.push(digit(index / 10));
            out.push(digit(index));
        } else {
            out.push_str(itoa::Buffer::new().format(index));
        }
    }

    /// Floats are typed literals (`'1.5e0'::float8`: a bare `1.5e0` would be
    /// NUMERIC), bytes are `E'\\x..'::bytea` (the same bytes whatever
    /// `standard_conforming_strings` says), uuids `'..'::uuid`. A decimal
    /// without a fractional part is `CAST(5 AS NUMERIC)` (a bare `5` is an
    /// integer, and `5 / 2` would be 2). Dates before year
    /// 1 are written with `BC` (`DATE '0044-03-15 BC'`), years past 9999
    /// with all their digits; PostgreSQL reads from 4714-11-24 BC.
    fn write_literal(&self, out: &mut String, value: &Value) -> Result<()> {
        match value {
            Value::F64(v) if v.is_finite() => write_float(out, &format!("{v:e}"), "float8"),
            Value::F32(v) if v.is_finite() => write_float(out, &format!("{v:e}"), "float4"),
            Value::Bytes(b) => {
                out.push_str("E'\\\\x");
                write_hex(out, b);
                out.push_str("'::bytea");
            }
            Value::Uuid(u) => {
                let _ = write!(out, "'{}'::uuid", u.hyphenated());
            }
            Value::Decimal(d) if d.fractional_digit_count() <= 0 => {
                out.push_str("CAST(");
                literal::write_decimal(self.name(), self.decimal_literal_limits(), out, d)?;
                out.push_str(" AS NUMERIC)");
            }
            Value::Date(d) => {
                literal::check_date_time(self, value)?;
                out.push_str("DATE '");
                let bc = write_date(out, *d);
                finish_date(out, bc);
            }
            Value::DateTime(t) => {
                literal::check_date_time(self, value)?;
                out.push_str("TIMESTAMP '");
                let bc = write_date(out, t.date());
                let _ = write!(out, " {}", t.time().format("%H:%M:%S%.f"));
                finish_date(out, bc);
            }
            Value::DateTimeTz(t) => {
                literal::check_date_time(self, value)?;
                out.push_str("TIMESTAMP WITH TIME ZONE '");
                let bc = write_date(out, t.date_naive());
                let _ = write!(out, " {}", t.format("%H:%M:%S%.f%:z"));
                finish_date(out, bc);
            }
            other => return literal::write_literal_default(self, out, other),
        }
        Ok(())
    }

    /// From 4714-11-24 BC (Julian day 0), PostgreSQL's first date; chrono's
    /// last date is before PostgreSQL's.
    fn date_literal_range(&self) -> literal::DateRange {
        literal::date_range((-4713, 11, 24), (i32::MAX, 12, 31))
    }

    /// `'...'` with `'` doubled; a string holding a backslash is an escape
    /// string, `E'...'` with `\` and `'` doubled, which reads the same
    /// whether `standard_conforming_strings` is on (the default, where `\`
    /// in `'...'` is an ordinary character) or off (where it escapes): a
    /// session setting can never turn a literal into SQL. NUL is
    /// [`Error::Literal`](sqlexpr::Error::Literal): text cannot hold it.
    fn write_string_literal(&self, out: &mut String, s: &str) -> Result<()> {
        if !s.contains('\\') || s.contains('\0') {
            return literal::write_string_literal_default(self.name(), out, s);
        }
        out.reserve(s.len() + 8);
        out.push_str("E'");
        for ch in s.chars() {
            match ch {
                '\'' => out.push_str("''"),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out.push('\'');
        Ok(())
    }

    /// `'NaN'::float8`, `'Infinity'::float8`, `'-Infinity'::float8`.
    fn write_non_finite_float(&self, out: &mut String, value: f64) -> Result<()> {
        let text = if value.is_nan() {
            "NaN"
        } else if value > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        write_float(out, text, "float8");
        Ok(())
    }

    /// ILIKE is native.
    fn supports_ilike(&self) -> bool {
        true
    }

    /// `SELECT DISTINCT ON (...)` is native.
    fn supports_distinct_on(&self) -> bool {
        true
    }

    /// NTILE's bucket count and LAG / LEAD's offset are `integer` (32-bit).
    fn max_window_function_argument(&self) -> u64 {
        i32::MAX as u64
    }

    /// `varchar(n)` is at most 10,485,760.
    fn max_varchar_length(&self) -> u32 {
        10_485_760
    }

    /// `numeric` precision is at most 1000.
    fn max_numeric_precision(&self) -> u32 {
        1000
    }

    /// `numeric` scale is at most 1000.
    fn max_numeric_scale(&self) -> u32 {
        1000
    }

    /// About 4,000 operators exhaust the default 2 MB `max_stack_depth`.
    fn max_expr_depth(&self) -> Option<usize> {
        Some(2000)
    }

    /// About 7,000 members exhaust the default 2 MB `max_stack_depth`.
    fn max_compound_members(&self) -> Option<usize> {
        Some(4000)
    }

    /// `$n` may be repeated: an expression repeated in GROUP BY, ORDER BY,
    /// DISTINCT ON or HAVING re-uses the placeholders of the select list.
    fn supports_placeholder_reuse(&self) -> bool {
        true
    }

    /// NAMEDATALEN - 1 = 63 bytes for every kind of name: a longer one is
    /// truncated without an error, so two long names would become one.
    fn max_identifier_length(&self, _kind: IdentifierKind) -> Option<usize> {
        Some(63)
    }

    /// `round(double precision, int)` does not exist: the two-argument form
    /// rounds `CAST(x AS NUMERIC)`. `SUBSTRING`'s start and length are cast
    /// to INTEGER: untyped, bound parameters there resolve to
    /// `substring(text, text, text)` (the regular-expression form).
    fn render_function(
        &self,
        w: &mut SqlWriter<'_>,
        f: &FunctionCall,
        ctx: RenderCtx,
    ) -> Result<()> {
        if let (Func::Round, [x, digits]) = (&f.func, f.args.as_slice()) {
            w.push("ROUND(CAST(");
            render_operand(w, x, level::ANY, ctx)?;
            w.push(" AS NUMERIC), ");
            render_operand(w, digits, level::ANY, ctx)?;
            w.push_char(')');
            return Ok(());
        }
        if let (Func::Substring, [s, rest @ ..]) = (&f.func, f.args.as_slice()) {
            w.push("SUBSTRING(");
            render_operand(w, s, level::ANY, ctx)?;
            for arg in rest {
                w.push(", CAST(");
                render_operand(w, arg, level::ANY, ctx)?;
                w.push(" AS INTEGER)");
            }
            w.push_char(')');
            return Ok(());
        }
        render_function_default(w, f, ctx)
    }

    /// PostgreSQL types a parameter from the SQL around it; where that
    /// gives no type (`$1 IS NULL`, `SELECT $1`, `CASE ... THEN $1`) the
    /// server would reject the statement or read the value as text, so the
    /// value is cast to the type of its Rust value: `CAST($1 AS BIGINT)`.
    /// NULL has no type of its own and stays as it is. An inline literal
    /// carries its type already, but for integers (a bare `5` is `integer`,
    /// a bare `2^63` `numeric`) and JSON (a string literal, read as text):
    /// those are cast as the bound value is.
    fn render_untyped_value(&self, w: &mut SqlWriter<'_>, v: &Value) -> Result<()> {
        let literal_typed = !matches!(
            v,
            Value::I8(_)
                | Value::I16(_)
                | Value::U8(_)
                | Value::I64(_)
                | Value::U32(_)
                | Value::U64(_)
                | Value::Json(_)
        );
        if w.is_inline() && literal_typed {
            return w.push_value(v);
        }
        let ty = match v {
            Value::Bool(_) => "BOOLEAN",
            Value::I8(_) | Value::I16(_) | Value::U8(_) => "SMALLINT",
            Value::I32(_) | Value::U16(_) => "INTEGER",
            Value::I64(_) | Value::U32(_) => "BIGINT",
            Value::U64(_) | Value::Decimal(_) => "NUMERIC",
            Value::F32(_) => "REAL",
            Value::F64(_) => "DOUBLE PRECISION",
            Value::Text(_) => "TEXT",
            Value::Bytes(_) => "BYTEA",
            Value::Uuid(_) => "UUID",
            Value::Date(_) => "DATE",
            Value::Time(_) => "TIME",
            Value::DateTime(_) => "TIMESTAMP",
            Value::DateTimeTz(_) => "TIMESTAMPTZ",
            Value::Json(_) => "JSONB",
            _ => return w.push_value(v),
        };
        w.push("CAST(");
        w.push_value(v)?;
        w.push(" AS ");
        w.push(ty);
        w.push_char(')');
        Ok(())
    }

    /// PostgreSQL's type names; an enum is its own named type.
    fn write_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        literal::check_type(self, ty)?;
        match ty {
            SqlType::Binary => out.push_str("BYTEA"),
            SqlType::Json => out.push_str("JSONB"),
            SqlType::DateTimeTz => out.push_str("TIMESTAMPTZ"),
            // A type name is an identifier: not empty, at most 63 bytes.
            SqlType::Enum(name, _) if name.is_empty() || name.len() > 63 => {
                return Err(Error::InvalidName {
                    kind: "enum type",
                    name: name.to_string(),
                })
            }
            SqlType::Enum(name, _) => self.write_identifier(out, name),
            other => return literal::write_type_default(self, out, other),
        }
        Ok(())
    }

    /// Enums are named types: `CREATE TYPE ... AS ENUM`.
    fn enum_style(&self) -> EnumStyle {
        EnumStyle::NamedType
    }

    /// Comments are `COMMENT ON` statements.
    fn comment_style(&self) -> CommentStyle {
        CommentStyle::Statement
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_in_decimal() {
        let d = Postgres::new();
        for n in [
            1, 9, 10, 99, 100, 101, 999, 1000, 10_000, 65_535, 65_536, 1_000_007,
        ] {
            let mut out = String::new();
            d.write_placeholder(&mut out, n);
            assert_eq!(out, format!("${n}"));
        }
    }
}
