//! The [`Postgres`] dialect: what PostgreSQL spells differently from ANSI SQL.

use std::fmt::Write as _;

use sqlexpr::expr::{Func, FunctionCall};
use sqlexpr::render::ddl::{CommentStyle, EnumStyle};
use sqlexpr::render::expr::{render_function_default, render_operand};
use sqlexpr::render::literal::{self, write_hex};
use sqlexpr::render::precedence::level;
use sqlexpr::{Dialect, RenderCtx, Result, SqlType, SqlWriter, Value};

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

    /// `$1, $2, ...`
    fn write_placeholder(&self, out: &mut String, index: usize) {
        out.push('$');
        out.push_str(itoa::Buffer::new().format(index));
    }

    /// Floats are typed literals (`'1.5e0'::float8`: a bare `1.5e0` would be
    /// NUMERIC), bytes are `'\x..'::bytea`, uuids `'..'::uuid`.
    fn write_literal(&self, out: &mut String, value: &Value) -> Result<()> {
        match value {
            Value::F64(v) if v.is_finite() => write_float(out, &format!("{v:e}"), "float8"),
            Value::F32(v) if v.is_finite() => write_float(out, &format!("{v:e}"), "float4"),
            Value::Bytes(b) => {
                out.push_str("'\\x");
                write_hex(out, b);
                out.push_str("'::bytea");
            }
            Value::Uuid(u) => {
                let _ = write!(out, "'{}'::uuid", u.hyphenated());
            }
            other => return literal::write_literal_default(self, out, other),
        }
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

    /// About 4,000 operators exhaust the default 2 MB `max_stack_depth`.
    fn max_expr_depth(&self) -> Option<usize> {
        Some(2000)
    }

    /// About 7,000 members exhaust the default 2 MB `max_stack_depth`.
    fn max_compound_members(&self) -> Option<usize> {
        Some(4000)
    }

    /// `$n` may be repeated: a named parameter used twice binds once.
    fn supports_placeholder_reuse(&self) -> bool {
        true
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
    /// NULL has no type of its own and stays as it is; an inline literal
    /// carries its type already.
    fn render_untyped_value(&self, w: &mut SqlWriter<'_>, v: &Value) -> Result<()> {
        if w.is_inline() {
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
        match ty {
            SqlType::Binary => out.push_str("BYTEA"),
            SqlType::Json => out.push_str("JSONB"),
            SqlType::DateTimeTz => out.push_str("TIMESTAMPTZ"),
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
