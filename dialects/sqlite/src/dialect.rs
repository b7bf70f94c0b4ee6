//! The [`Sqlite`] dialect: what SQLite spells differently from ANSI SQL.

use std::fmt::Write as _;
use std::str::FromStr;

use bigdecimal::{BigDecimal, ToPrimitive};

use sqlexpr::expr::{BinaryExpr, BinaryOp, DateField, ExtractExpr, Func, FunctionCall};
use sqlexpr::render::ddl::{render_create_index_default, render_create_table_default};
use sqlexpr::render::expr::{
    render_binary_default, render_function_default, render_function_name, render_operand,
};
use sqlexpr::render::literal::{self, write_hex};
use sqlexpr::render::precedence::level;
use sqlexpr::render::select::{check_limit_offset, render_limit_offset_default};
use sqlexpr::stmt::{CreateIndex, CreateTable};
use sqlexpr::{Dialect, Error, RenderCtx, Result, SqlType, SqlWriter, Value};

/// The text of a zoned timestamp in UTC: what binds and what an inline
/// literal holds, so that stored values compare in time order as text.
pub(crate) const DATE_TIME_UTC: &str = "%Y-%m-%d %H:%M:%S%.f+00:00";

/// How a decimal is held in SQLite, which has no exact decimal type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum StoredDecimal {
    /// A whole number within `i64`.
    Integer(i64),
    /// The double whose shortest form is the decimal (`47.79`).
    Real(f64),
    /// Any other decimal: text, as written, so no digit changes (it
    /// compares with a numeric column by the column's affinity, but as text
    /// against a computed number).
    Text,
}

/// A decimal as INTEGER when it is a whole number within `i64`, as REAL
/// when the double nearest to it prints back as the same number (so
/// arithmetic and comparison with computed numbers work, and nothing is
/// lost), otherwise as text. The digit and exponent counts are bounded
/// before any conversion, so a huge exponent costs nothing.
pub(crate) fn stored_decimal(d: &BigDecimal) -> StoredDecimal {
    let (_, scale) = d.as_bigint_and_exponent();
    if d.digits() > 40 || !(-20..=400).contains(&scale) {
        return StoredDecimal::Text;
    }
    if d.is_integer() {
        if let Some(n) = d.to_i64() {
            return StoredDecimal::Integer(n);
        }
    }
    match d.to_f64() {
        Some(f)
            if f.is_finite()
                && BigDecimal::from_str(&f.to_string()).is_ok_and(|back| back == *d) =>
        {
            StoredDecimal::Real(f)
        }
        _ => StoredDecimal::Text,
    }
}

/// The SQLite dialect, targeting a given SQLite version (default: the
/// version bundled with rusqlite; at least 3.35 is assumed by the features
/// that need it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sqlite {
    version: (u32, u32, u32),
}

impl Default for Sqlite {
    fn default() -> Self {
        Sqlite::new()
    }
}

impl Sqlite {
    /// SQLite 3.45, the oldest release the bundled library is newer than.
    pub const fn new() -> Self {
        Sqlite {
            version: (3, 45, 0),
        }
    }

    /// A dialect targeting a specific SQLite version.
    pub const fn with_version(major: u32, minor: u32, patch: u32) -> Self {
        Sqlite {
            version: (major, minor, patch),
        }
    }

    /// The targeted version.
    pub const fn version(&self) -> (u32, u32, u32) {
        self.version
    }

    fn at_least(&self, minor: u32) -> bool {
        self.version >= (3, minor, 0)
    }
}

/// SQLite keeps names beginning with `sqlite_` (any case) for its own
/// tables and indexes: creating one is [`Error::InvalidName`] (reading
/// `sqlite_master` or `sqlite_schema` stays possible).
fn check_object_name(kind: &'static str, name: &str) -> Result<()> {
    let reserved = name
        .get(..7)
        .is_some_and(|p| p.eq_ignore_ascii_case("sqlite_"));
    if reserved {
        return Err(Error::InvalidName {
            kind,
            name: name.to_owned(),
        });
    }
    Ok(())
}

impl Dialect for Sqlite {
    fn name(&self) -> &'static str {
        "sqlite"
    }

    /// Plain names are written `"name"`, and none is refused.
    fn plain_identifier_quotes(&self) -> Option<(char, char)> {
        Some(('"', '"'))
    }

    /// A string with NUL characters becomes `CAST(X'..' AS TEXT)`: SQL text
    /// cannot carry NUL.
    fn write_string_literal(&self, out: &mut String, s: &str) -> Result<()> {
        if s.contains('\0') {
            out.push_str("CAST(X'");
            write_hex(out, s.as_bytes());
            out.push_str("' AS TEXT)");
            return Ok(());
        }
        literal::write_string_literal_default(self.name(), out, s)
    }

    /// Dates and times are text in SQLite: plain string literals, within
    /// the years SQLite's date functions read (0000 to 9999); a zoned
    /// timestamp in UTC (`'2024-01-05 08:00:00+00:00'`), as it binds, so
    /// that text order is time order. A decimal is a bare number where it
    /// binds as one (`12.50`, `1000`: see the binding), else text in
    /// positional notation (`'0.1000000000000000000001'`).
    /// A `u64` past `i64::MAX` has no literal: SQLite integers are signed
    /// 64-bit, and a larger literal is read as a REAL.
    fn write_literal(&self, out: &mut String, value: &Value) -> Result<()> {
        literal::check_date_time(self, value)?;
        match value {
            Value::U64(v) if i64::try_from(*v).is_err() => {
                return Err(Error::Literal {
                    dialect: self.name().into(),
                    reason: format!(
                        "the u64 {v} is past SQLite's largest integer (i64::MAX): it would be read as a REAL"
                    ),
                });
            }
            Value::Decimal(d) => {
                let mut text = String::new();
                literal::write_decimal(self.name(), self.decimal_literal_limits(), &mut text, d)?;
                if matches!(stored_decimal(d), StoredDecimal::Text) {
                    out.push('\'');
                    out.push_str(&text);
                    out.push('\'');
                } else {
                    out.push_str(&text);
                }
            }
            Value::Date(v) => {
                let _ = write!(out, "'{}'", v.format("%Y-%m-%d"));
            }
            Value::Time(v) => {
                let _ = write!(out, "'{}'", v.format("%H:%M:%S%.f"));
            }
            Value::DateTime(v) => {
                let _ = write!(out, "'{}'", v.format("%Y-%m-%d %H:%M:%S%.f"));
            }
            Value::DateTimeTz(v) => {
                let _ = write!(out, "'{}'", v.naive_utc().format(DATE_TIME_UTC));
            }
            other => return literal::write_literal_default(self, out, other),
        }
        Ok(())
    }

    /// Years 0000 to 9999: what SQLite's date and time functions read.
    fn date_literal_range(&self) -> literal::DateRange {
        literal::date_range((0, 1, 1), (9999, 12, 31))
    }

    /// SQLite reads a literal past the double range as infinity; NaN it
    /// stores as NULL, so it has no literal.
    fn write_non_finite_float(&self, out: &mut String, value: f64) -> Result<()> {
        if value.is_nan() {
            return Err(Error::Literal {
                dialect: self.name().into(),
                reason: "SQLite has no NaN (it stores NULL)".into(),
            });
        }
        out.push_str(if value > 0.0 { "9e999" } else { "-9e999" });
        Ok(())
    }

    /// TRUE / FALSE are keywords from 3.23; 1 / 0 before.
    fn write_bool(&self, out: &mut String, value: bool) {
        match (self.at_least(23), value) {
            (true, true) => out.push_str("TRUE"),
            (true, false) => out.push_str("FALSE"),
            (false, true) => out.push('1'),
            (false, false) => out.push('0'),
        }
    }

    /// From 3.39.
    fn supports_full_join(&self) -> bool {
        self.at_least(39)
    }

    /// From 3.39.
    fn supports_right_join(&self) -> bool {
        self.at_least(39)
    }

    /// From 3.30.
    fn supports_nulls_ordering(&self) -> bool {
        self.at_least(30)
    }

    /// OFFSET needs a LIMIT (`LIMIT -1` means none).
    fn supports_offset_without_limit(&self) -> bool {
        false
    }

    /// No LATERAL.
    fn supports_lateral(&self) -> bool {
        false
    }

    /// From 3.35.
    fn supports_cte_materialized(&self) -> bool {
        self.at_least(35)
    }

    /// No INTERSECT ALL / EXCEPT ALL: emulated with `ROW_NUMBER()`.
    fn supports_intersect_except_all(&self) -> bool {
        false
    }

    /// Members of a compound cannot be parenthesised: wrapped in
    /// `SELECT * FROM (...)`.
    fn supports_parenthesized_set_operands(&self) -> bool {
        false
    }

    /// From 3.28.
    fn supports_window_groups(&self) -> bool {
        self.at_least(28)
    }

    /// From 3.30.
    fn supports_aggregate_filter(&self) -> bool {
        self.at_least(30)
    }

    /// No ANY / ALL: `= ANY` is `IN`, `<> ALL` is `NOT IN`, the rest an
    /// aggregate over the subquery.
    fn supports_quantified_subquery(&self) -> bool {
        false
    }

    /// From 3.15.
    fn supports_row_values(&self) -> bool {
        self.at_least(15)
    }

    /// No row locking (a transaction locks the whole database).
    fn supports_row_locking(&self) -> bool {
        false
    }

    /// FOR UPDATE / FOR SHARE render as nothing: transactions are
    /// serializable, so a row read in a transaction cannot be changed under
    /// it unnoticed (a conflicting write fails with SQLITE_BUSY instead of
    /// waiting); `BEGIN IMMEDIATE` takes the write lock up front, stronger
    /// than row locks as it locks the whole database. NOWAIT and SKIP LOCKED
    /// stay unsupported.
    fn drops_row_locking(&self) -> bool {
        true
    }

    /// Every bound value is a `?`.
    fn value_sql_is_uniform(&self) -> bool {
        true
    }

    /// SQLITE_MAX_VARIABLE_NUMBER since 3.32.
    fn max_params(&self) -> usize {
        32_766
    }

    /// CREATE TABLE with a name SQLite reserves (`sqlite_...`) is refused.
    fn render_create_table(&self, w: &mut SqlWriter<'_>, s: &CreateTable) -> Result<()> {
        check_object_name(
            "table name (the sqlite_ prefix is SQLite's own)",
            &s.table.name.name,
        )?;
        render_create_table_default(w, s)
    }

    /// CREATE INDEX with a name SQLite reserves (`sqlite_...`) is refused.
    fn render_create_index(&self, w: &mut SqlWriter<'_>, s: &CreateIndex) -> Result<()> {
        check_object_name(
            "index name (the sqlite_ prefix is SQLite's own)",
            &s.index.name,
        )?;
        render_create_index_default(w, s)
    }

    /// SQLITE_MAX_EXPR_DEPTH.
    fn max_expr_depth(&self) -> Option<usize> {
        Some(1000)
    }

    /// SQLITE_MAX_COMPOUND_SELECT.
    fn max_compound_members(&self) -> Option<usize> {
        Some(500)
    }

    /// `IS NOT` / `IS` are SQLite's NULL-safe comparisons.
    fn render_binary(&self, w: &mut SqlWriter<'_>, e: &BinaryExpr, ctx: RenderCtx) -> Result<()> {
        let op = match e.op {
            BinaryOp::IsDistinctFrom => " IS NOT ",
            BinaryOp::IsNotDistinctFrom => " IS ",
            _ => return render_binary_default(w, e, ctx),
        };
        render_operand(w, e.left(), level::PREDICATE + 1, ctx)?;
        w.push(op);
        render_operand(w, e.right(), level::PREDICATE + 1, ctx)
    }

    /// `length()` counts characters.
    fn function_name(&self, func: &Func) -> &'static str {
        match func {
            Func::Length => "length",
            Func::Substring => "substr",
            Func::Greatest => "MAX",
            Func::Least => "MIN",
            other => sqlexpr::render::expr::known_function_name(other),
        }
    }

    /// `trim(s, chars)`, `ltrim(s, chars)`, `rtrim(s, chars)`.
    fn render_function(
        &self,
        w: &mut SqlWriter<'_>,
        f: &FunctionCall,
        ctx: RenderCtx,
    ) -> Result<()> {
        if let (Func::Coalesce, [only]) = (&f.func, f.args.as_slice()) {
            w.push("COALESCE(");
            render_operand(w, only, level::ANY, ctx)?;
            w.push(", NULL)");
            return Ok(());
        }
        if let (Func::Trim | Func::LTrim | Func::RTrim, [s, chars]) = (&f.func, f.args.as_slice()) {
            render_function_name(w, &f.func)?;
            w.push_char('(');
            render_operand(w, s, level::ANY, ctx)?;
            w.push(", ");
            render_operand(w, chars, level::ANY, ctx)?;
            w.push_char(')');
            return Ok(());
        }
        render_function_default(w, f, ctx)
    }

    /// `CAST(strftime('%Y', x) AS INTEGER)`.
    fn render_extract(&self, w: &mut SqlWriter<'_>, e: &ExtractExpr, ctx: RenderCtx) -> Result<()> {
        w.push("CAST(strftime('");
        w.push(match e.field {
            DateField::Year => "%Y",
            DateField::Month => "%m",
            DateField::Day => "%d",
            DateField::Hour => "%H",
            DateField::Minute => "%M",
            DateField::Second => "%S",
            _ => return Err(Error::unsupported(self.name(), "EXTRACT of this field")),
        });
        w.push("', ");
        render_operand(w, &e.expr, level::ANY, ctx)?;
        w.push(") AS INTEGER)");
        Ok(())
    }

    fn render_limit_offset(
        &self,
        w: &mut SqlWriter<'_>,
        limit: Option<u64>,
        offset: Option<u64>,
    ) -> Result<()> {
        check_limit_offset(self, limit, offset)?;
        if let (None, Some(n)) = (limit, offset) {
            w.push(" LIMIT -1 OFFSET ");
            w.push_u64(n);
            return Ok(());
        }
        render_limit_offset_default(w, limit, offset)
    }

    /// SQLite's type names, chosen for their column affinity.
    fn write_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        literal::check_type(self, ty)?;
        out.push_str(match ty {
            SqlType::SmallInteger | SqlType::Integer | SqlType::BigInteger | SqlType::Boolean => {
                "INTEGER"
            }
            SqlType::Float | SqlType::Double => "REAL",
            SqlType::Text
            | SqlType::Uuid
            | SqlType::Json
            | SqlType::Enum(..)
            | SqlType::DateTimeTz => "TEXT",
            SqlType::Date => "DATE",
            SqlType::Time => "TIME",
            SqlType::DateTime => "DATETIME",
            SqlType::Binary => "BLOB",
            other => return literal::write_type_default(self, out, other),
        });
        Ok(())
    }

    /// CAST targets are SQLite's five storage classes.
    fn write_cast_type(&self, out: &mut String, ty: &SqlType) -> Result<()> {
        out.push_str(match ty {
            SqlType::SmallInteger | SqlType::Integer | SqlType::BigInteger | SqlType::Boolean => {
                "INTEGER"
            }
            SqlType::Float | SqlType::Double => "REAL",
            SqlType::Numeric(..) => "NUMERIC",
            SqlType::Binary => "BLOB",
            _ => "TEXT",
        });
        Ok(())
    }

    /// RETURNING from 3.35.
    fn supports_insert_returning(&self) -> bool {
        self.at_least(35)
    }

    /// RETURNING from 3.35.
    fn supports_update_returning(&self) -> bool {
        self.at_least(35)
    }

    /// RETURNING from 3.35.
    fn supports_delete_returning(&self) -> bool {
        self.at_least(35)
    }

    /// The last ON CONFLICT clause may omit its target from 3.35.
    fn supports_upsert_update_without_target(&self) -> bool {
        self.at_least(35)
    }

    /// UPDATE ... FROM from 3.33.
    fn supports_update_from(&self) -> bool {
        self.at_least(33)
    }

    /// No DELETE ... USING: emulated with WHERE EXISTS.
    fn supports_delete_using(&self) -> bool {
        false
    }

    /// An autoincrement key is the rowid alias `INTEGER PRIMARY KEY`.
    fn autoincrement_inline_primary_key(&self) -> bool {
        true
    }

    /// Foreign keys are resolved when used, not when declared.
    fn supports_forward_foreign_keys(&self) -> bool {
        true
    }

    /// No DROP TABLE ... CASCADE.
    fn supports_drop_cascade(&self) -> bool {
        false
    }

    /// ALTER TABLE cannot add or drop constraints.
    fn supports_alter_constraints(&self) -> bool {
        false
    }

    /// DROP COLUMN from 3.35.
    fn supports_drop_column(&self) -> bool {
        self.at_least(35)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(s: &str) -> StoredDecimal {
        stored_decimal(&BigDecimal::from_str(s).unwrap())
    }

    #[test]
    fn a_decimal_is_stored_as_a_number_only_where_nothing_changes() {
        assert_eq!(stored("50.00"), StoredDecimal::Integer(50));
        assert_eq!(stored("-1E+3"), StoredDecimal::Integer(-1000));
        assert_eq!(stored("0"), StoredDecimal::Integer(0));
        assert_eq!(stored("47.79"), StoredDecimal::Real(47.79));
        assert_eq!(stored("-0.000123"), StoredDecimal::Real(-0.000123));
        assert_eq!(stored("1.5E-7"), StoredDecimal::Real(1.5e-7));
        // Past i64, and the shortest form of a double.
        assert_eq!(stored("1E+20"), StoredDecimal::Real(1e20));
        // Past i64, and not a double's shortest form (9223372036854776000).
        assert_eq!(stored("9223372036854775808"), StoredDecimal::Text);
        // More digits than a double keeps: text, as written.
        for s in [
            "0.1000000000000000000001",
            "12345678901234567.89",
            "123456789012345678901234567890",
            "1E+1000000000",
            "1E-1000000000",
            "1E+400",
        ] {
            assert_eq!(stored(s), StoredDecimal::Text, "{s}");
        }
    }
}
