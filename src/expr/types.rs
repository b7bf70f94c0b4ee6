//! Type inference: the [`SqlType`] an expression yields, and the operators
//! whose meaning depends on the types of their operands.
//!
//! Modelled on SQLAlchemy's `TypeEngine` coercion: a column has its
//! column's type, a bound value the type of its [`Value`] variant, and an
//! operator, a function or a CASE a type derived from its operands. The
//! answer is `None` where the tree does not say (raw SQL, a named
//! parameter, NULL, a column of a subquery alias or of an unqualified
//! reference, a function sqlexpr does not know), or where the tree is
//! nested deeper than [`MAX_INFER_DEPTH`].
//!
//! The rules, chosen for the same answer on SQLite, PostgreSQL and
//! MySQL/MariaDB:
//! - comparisons, `AND` / `OR` / `NOT`, `IS NULL`, `BETWEEN`, `IN`, `LIKE`,
//!   `EXISTS`, `ANY` / `ALL`: `Boolean`;
//! - concatenation: `Text`;
//! - arithmetic: the usual numeric promotion, integers widen to the wider
//!   integer, an integer with a decimal is the decimal, anything with a
//!   float is `Double` (`Float` with `Float` stays `Float`); decimals follow
//!   SQL's rules for scale (the larger scale for `+ - %`, the sum of scales
//!   for `*`) with the precision that holds the result; `/` of integers is
//!   the wider integer (as PostgreSQL and SQLite divide; on MySQL, where
//!   `/` gives a decimal, the dialect writes `DIV`);
//! - `COUNT`, `ROW_NUMBER`, `RANK`, `DENSE_RANK`, `NTILE`: `BigInteger`;
//! - `SUM` of any integer: `BigInteger` (PostgreSQL returns `BIGINT` for
//!   `SMALLINT` / `INTEGER` and `NUMERIC` for `BIGINT`, MySQL `DECIMAL`,
//!   SQLite `INTEGER` and an overflow error: `i64` holds every sum the
//!   three can all return); `SUM` of a decimal the decimal, of a float
//!   `Double`;
//! - `AVG` of an integer or a decimal: a decimal (`NUMERIC(38, s)` with
//!   at least 4 digits of scale, as MySQL's `AVG` gives 4 more; SQLite's
//!   REAL reads as that decimal too); of a float `Double`;
//! - `MIN`, `MAX`, `ABS`, `ROUND`, `NULLIF`, `LAG`, `LEAD`,
//!   `FIRST_VALUE`, `LAST_VALUE`: their (first) argument's type;
//!   `COALESCE`, `GREATEST`, `LEAST` and CASE: their arguments' / results'
//!   types promoted as arithmetic does, else the first known;
//! - `LOWER`, `UPPER`, `TRIM`s, `REPLACE`, `SUBSTRING`: `Text`; the length:
//!   `Integer`; `PERCENT_RANK`, `CUME_DIST`: `Double`;
//! - `CURRENT_TIMESTAMP` / `NOW()`: `DateTime` (PostgreSQL's has a time
//!   zone, MySQL's and SQLite's none); `CURRENT_DATE`: `Date`;
//! - `EXTRACT`: `Integer`, but `NUMERIC(9, 6)` for the second (PostgreSQL
//!   gives the fraction);
//! - a scalar subquery: its single column's type.
//!
//! ```
//! use sqlexpr::{Column, SqlType, Table, func};
//!
//! let t = Table::builder("t")
//!     .column(Column::new("n", SqlType::Integer))
//!     .column(Column::new("name", SqlType::String(20)))
//!     .build()?;
//! assert_eq!(t.c("n").sql_type(), Some(SqlType::Integer));
//! assert_eq!((t.c("n") + 1.5).sql_type(), Some(SqlType::Double));
//! assert_eq!(func::sum(t.c("n")).sql_type(), Some(SqlType::BigInteger));
//! assert_eq!(t.c("n").gt(1).sql_type(), Some(SqlType::Boolean));
//! // `+` on a string is concatenation.
//! assert_eq!((t.c("name") + " <").sql_type(), Some(SqlType::Text));
//! # Ok::<(), sqlexpr::Error>(())
//! ```

use super::{BinaryOp, ColumnRef, Expr, Func, Relation, UnaryOp};
use crate::schema::SqlType;
use crate::stmt::Query;
use crate::{Error, Result, Value};

/// How deep [`Expr::sql_type`] looks into a tree: below, the type is
/// unknown (`None`). A left-deep chain of one binary operator (`a + b + c`)
/// counts one level, however long.
pub const MAX_INFER_DEPTH: usize = 128;

/// The largest precision of an inferred decimal.
const MAX_PRECISION: u32 = 1000;

impl Expr {
    /// The SQL type this expression yields, or `None` when the tree does not
    /// say (see the [module docs](crate::expr::types) for the rules).
    pub fn sql_type(&self) -> Option<SqlType> {
        infer(self, 0)
    }
}

impl Value {
    /// The SQL type of this value's variant: `Bool` is `Boolean`, `I8` /
    /// `I16` / `U8` `SmallInteger`, `I32` / `U16` `Integer`, `I64` / `U32`
    /// `BigInteger`, `U64` `NUMERIC(20, 0)` (beyond `BIGINT`), `F32`
    /// `Float`, `F64` `Double`, `Text` `Text`, `Bytes` `Binary`, `Decimal`
    /// `NUMERIC(p, s)` of its digits, and the others their namesakes;
    /// `Null` has none.
    pub fn sql_type(&self) -> Option<SqlType> {
        Some(match self {
            Value::Null => return None,
            Value::Bool(_) => SqlType::Boolean,
            Value::I8(_) | Value::I16(_) | Value::U8(_) => SqlType::SmallInteger,
            Value::I32(_) | Value::U16(_) => SqlType::Integer,
            Value::I64(_) | Value::U32(_) => SqlType::BigInteger,
            Value::U64(_) => SqlType::Numeric(20, 0),
            Value::F32(_) => SqlType::Float,
            Value::F64(_) => SqlType::Double,
            Value::Text(_) => SqlType::Text,
            Value::Bytes(_) => SqlType::Binary,
            Value::Decimal(d) => decimal_type(d),
            Value::Uuid(_) => SqlType::Uuid,
            Value::Date(_) => SqlType::Date,
            Value::Time(_) => SqlType::Time,
            Value::DateTime(_) => SqlType::DateTime,
            Value::DateTimeTz(_) => SqlType::DateTimeTz,
            Value::Json(_) => SqlType::Json,
        })
    }
}

/// `NUMERIC(p, s)` holding `d` exactly.
fn decimal_type(d: &bigdecimal::BigDecimal) -> SqlType {
    let (_, exp) = d.as_bigint_and_exponent();
    let digits = d.digits();
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX).min(MAX_PRECISION);
    if exp >= 0 {
        let scale = exp.unsigned_abs();
        SqlType::Numeric(clamp(digits.max(scale)), clamp(scale))
    } else {
        SqlType::Numeric(clamp(digits.saturating_add(exp.unsigned_abs())), 0)
    }
}

/// The SQL types of a query's output columns, in order (those of the first
/// SELECT of a set operation, promoted with the other members'): what each
/// column of a row it returns holds. `None` for a column the tree does not
/// type, and for `*`.
pub fn query_column_types(q: &Query) -> Vec<Option<SqlType>> {
    query_types(q, 0)
}

/// The SQL types of a set operation's output columns: what
/// [`query_column_types`] says of it.
pub fn compound_column_types(c: &crate::stmt::Compound) -> Vec<Option<SqlType>> {
    let left = super::grow(|| query_types(&c.left, 1));
    let right = super::grow(|| query_types(&c.right, 1));
    left.into_iter()
        .enumerate()
        .map(|(i, l)| unify(l, right.get(i).cloned().flatten()))
        .collect()
}

impl crate::stmt::Select {
    /// The SQL types of the select list's columns, in order: what
    /// [`query_column_types`] says of this SELECT.
    pub fn column_types(&self) -> Vec<Option<SqlType>> {
        self.columns.iter().map(|c| infer(c, 0)).collect()
    }
}

fn query_types(q: &Query, depth: usize) -> Vec<Option<SqlType>> {
    if depth > MAX_INFER_DEPTH {
        return Vec::new();
    }
    match q {
        Query::Select(s) => s.columns.iter().map(|c| infer(c, depth + 1)).collect(),
        Query::Compound(c) => {
            let left = super::grow(|| query_types(&c.left, depth + 1));
            let right = super::grow(|| query_types(&c.right, depth + 1));
            left.into_iter()
                .enumerate()
                .map(|(i, l)| unify(l, right.get(i).cloned().flatten()))
                .collect()
        }
    }
}

/// The integer rank, for widening.
fn int_rank(t: &SqlType) -> Option<u8> {
    match t.storage() {
        SqlType::SmallInteger => Some(1),
        SqlType::Integer => Some(2),
        SqlType::BigInteger => Some(3),
        _ => None,
    }
}

/// An integer type as the decimal that holds it.
fn as_decimal(t: &SqlType) -> Option<(u32, u32)> {
    match t.storage() {
        SqlType::SmallInteger => Some((5, 0)),
        SqlType::Integer => Some((10, 0)),
        SqlType::BigInteger => Some((19, 0)),
        SqlType::Numeric(p, s) => Some((*p, *s)),
        _ => None,
    }
}

/// Whether `t` is a number type.
pub fn is_numeric(t: &SqlType) -> bool {
    matches!(
        t.storage(),
        SqlType::SmallInteger
            | SqlType::Integer
            | SqlType::BigInteger
            | SqlType::Float
            | SqlType::Double
            | SqlType::Numeric(..)
    )
}

/// Whether `t` is a character string type (`VARCHAR`, `TEXT`, an enum).
pub fn is_text(t: &SqlType) -> bool {
    matches!(
        t.storage(),
        SqlType::String(_) | SqlType::Text | SqlType::Enum(..)
    )
}

/// Whether `t` is a date, time or timestamp type.
pub fn is_temporal(t: &SqlType) -> bool {
    matches!(
        t.storage(),
        SqlType::Date | SqlType::Time | SqlType::DateTime | SqlType::DateTimeTz
    )
}

/// The type of `left op right` for an arithmetic operator on two numbers,
/// by the usual promotion; `None` unless both are numbers.
pub fn numeric_promotion(op: BinaryOp, left: &SqlType, right: &SqlType) -> Option<SqlType> {
    if !is_numeric(left) || !is_numeric(right) {
        return None;
    }
    // A custom type computes as its base type.
    let (left, right) = (left.storage(), right.storage());
    if let (Some(a), Some(b)) = (int_rank(left), int_rank(right)) {
        return Some(if a >= b { left.clone() } else { right.clone() });
    }
    match (left, right) {
        (SqlType::Float, SqlType::Float) => return Some(SqlType::Float),
        (SqlType::Float | SqlType::Double, _) | (_, SqlType::Float | SqlType::Double) => {
            return Some(SqlType::Double)
        }
        _ => {}
    }
    let ((p1, s1), (p2, s2)) = (as_decimal(left)?, as_decimal(right)?);
    let int1 = p1.saturating_sub(s1);
    let int2 = p2.saturating_sub(s2);
    let (p, s) = match op {
        BinaryOp::Mul => (p1.saturating_add(p2), s1.saturating_add(s2)),
        BinaryOp::Div => (p1.max(p2), s1.max(s2)),
        _ => {
            let s = s1.max(s2);
            (int1.max(int2).saturating_add(s).saturating_add(1), s)
        }
    };
    Some(SqlType::Numeric(p.min(MAX_PRECISION), s.min(MAX_PRECISION)))
}

/// Two branches' types as one (CASE results, COALESCE arguments, set
/// operation members): numbers promoted, strings as `Text` when they
/// differ, else the first known.
fn unify(a: Option<SqlType>, b: Option<SqlType>) -> Option<SqlType> {
    match (a, b) {
        (Some(a), Some(b)) => {
            if a == b {
                Some(a)
            } else if let Some(t) = numeric_promotion(BinaryOp::Add, &a, &b) {
                Some(t)
            } else if is_text(&a) && is_text(&b) {
                Some(SqlType::Text)
            } else {
                Some(a)
            }
        }
        (a, None) => a,
        (None, b) => b,
    }
}

/// Whether `op` compares its operands.
pub fn is_comparison(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::IsDistinctFrom
            | BinaryOp::IsNotDistinctFrom
    )
}

/// The type of `left op right` given its operands' types.
pub fn binary_result_type(
    op: BinaryOp,
    left: Option<&SqlType>,
    right: Option<&SqlType>,
) -> Option<SqlType> {
    if is_comparison(op) {
        return Some(SqlType::Boolean);
    }
    if op == BinaryOp::Concat {
        return Some(SqlType::Text);
    }
    match (left, right) {
        (Some(l), Some(r)) => numeric_promotion(op, l, r),
        // A number with a NULL or an untyped operand: the number's type.
        (Some(t), None) | (None, Some(t)) if is_numeric(t) => Some(t.clone()),
        _ => None,
    }
}

/// The type of a column reference: its column's, for a column of a table
/// with metadata.
fn column_type(c: &ColumnRef) -> Option<SqlType> {
    match &c.relation {
        Some(Relation::Table { table, .. }) => table.column(&c.name).map(|col| col.ty.clone()),
        _ => None,
    }
}

fn infer(e: &Expr, depth: usize) -> Option<SqlType> {
    if depth > MAX_INFER_DEPTH {
        return None;
    }
    match e {
        // Leaves need no room on the stack (as in `infer_node`).
        Expr::Column(c) => column_type(c),
        Expr::Value(v) => v.sql_type(),
        _ => super::grow(|| infer_node(e, depth + 1)),
    }
}

fn first_arg(args: &[Expr], depth: usize) -> Option<SqlType> {
    args.first().and_then(|a| infer(a, depth))
}

fn unify_all<'a>(items: impl IntoIterator<Item = &'a Expr>, depth: usize) -> Option<SqlType> {
    items
        .into_iter()
        .fold(None, |acc, e| unify(acc, infer(e, depth)))
}

fn infer_node(e: &Expr, depth: usize) -> Option<SqlType> {
    match e {
        Expr::Column(c) => column_type(c),
        Expr::Value(v) => v.sql_type(),
        Expr::Bool(_)
        | Expr::And(_)
        | Expr::Or(_)
        | Expr::IsNull(_)
        | Expr::Between(_)
        | Expr::InList(_)
        | Expr::InSubquery(_)
        | Expr::Like(_)
        | Expr::Exists(_)
        | Expr::Quantified(_) => Some(SqlType::Boolean),
        Expr::Null | Expr::Raw(_) | Expr::Star(_) | Expr::Tuple(_) | Expr::Param(_) => None,
        Expr::Binary(_) => infer_binary_chain(e, depth),
        Expr::Unary(u) => match u.op {
            UnaryOp::Not => Some(SqlType::Boolean),
            UnaryOp::Neg => infer(&u.expr, depth),
        },
        Expr::Function(f) => function_type(&f.func, &f.args, depth),
        Expr::Cast(c) => Some(c.ty.clone()),
        Expr::Case(c) => unify_all(
            c.whens.iter().map(|(_, r)| r).chain(c.else_.as_deref()),
            depth,
        ),
        Expr::Subquery(q) => query_types(q, depth).into_iter().next().flatten(),
        Expr::Label(l) => infer(&l.expr, depth),
        Expr::Over(w) => infer(&w.func, depth),
        Expr::Filter(f) => infer(&f.func, depth),
        Expr::Extract(x) => Some(match x.field {
            super::DateField::Second => SqlType::Numeric(9, 6),
            _ => SqlType::Integer,
        }),
    }
}

/// The type of a binary node, walking the left spine of its operator in a
/// loop: a chain `a + b + c + ...` counts one level.
fn infer_binary_chain(e: &Expr, depth: usize) -> Option<SqlType> {
    let Expr::Binary(top) = e else {
        return infer(e, depth);
    };
    if !matches!(top.left(), Expr::Binary(b) if b.op == top.op) {
        // One node: no spine to collect (nor allocate).
        let (l, r) = (infer(top.left(), depth), infer(top.right(), depth));
        return binary_result_type(top.op, l.as_ref(), r.as_ref());
    }
    let mut spine = Vec::new();
    let mut cur = e;
    while let Expr::Binary(b) = cur {
        // Another operator is a level deeper (`(a + b) * c`).
        if b.op != top.op {
            break;
        }
        spine.push(b);
        cur = b.left();
    }
    let mut acc = infer(cur, depth);
    for b in spine.iter().rev() {
        let right = infer(b.right(), depth);
        acc = binary_result_type(b.op, acc.as_ref(), right.as_ref());
    }
    acc
}

fn function_type(func: &Func, args: &[Expr], depth: usize) -> Option<SqlType> {
    let arg = || first_arg(args, depth);
    match func {
        Func::Count | Func::RowNumber | Func::Rank | Func::DenseRank | Func::Ntile => {
            Some(SqlType::BigInteger)
        }
        Func::PercentRank | Func::CumeDist => Some(SqlType::Double),
        Func::Sum => match arg()? {
            // The sum of a custom number is read through its processors.
            t @ SqlType::Custom(_) if is_numeric(&t) => Some(t),
            t if t.is_integer() => Some(SqlType::BigInteger),
            t @ SqlType::Numeric(..) => Some(t),
            SqlType::Float | SqlType::Double => Some(SqlType::Double),
            _ => None,
        },
        Func::Avg => match arg()?.storage() {
            SqlType::Float | SqlType::Double => Some(SqlType::Double),
            t => as_decimal(t).map(|(_, s)| SqlType::Numeric(38, s.clamp(4, 30))),
        },
        Func::Min
        | Func::Max
        | Func::Abs
        | Func::Round
        | Func::NullIf
        | Func::Lag
        | Func::Lead
        | Func::FirstValue
        | Func::LastValue => arg(),
        Func::Coalesce | Func::Greatest | Func::Least => unify_all(args, depth),
        Func::Lower
        | Func::Upper
        | Func::Trim
        | Func::LTrim
        | Func::RTrim
        | Func::Replace
        | Func::Substring => Some(SqlType::Text),
        Func::Length => Some(SqlType::Integer),
        Func::Now | Func::CurrentTimestamp => Some(SqlType::DateTime),
        Func::CurrentDate => Some(SqlType::Date),
        Func::Named(_) => None,
    }
}

/// What [`std::ops::Add`] on two expressions builds: concatenation when one
/// operand is a string and the other a string or of unknown type (as
/// SQLAlchemy's `String` makes `+` into `||`), else arithmetic.
///
/// Decided from the operands' own nodes, in constant time for an operator
/// node (a chain `a + b + c` built term by term costs one look per term):
/// concatenation is text, any other operator is not.
pub(crate) fn add_operator(left: &Expr, right: &Expr) -> BinaryOp {
    let text = |e: &Expr| match e {
        Expr::Binary(b) => Some(b.op == BinaryOp::Concat),
        other => other.sql_type().map(|t| is_text(&t)),
    };
    match (text(left), text(right)) {
        (Some(true), Some(true) | None) | (None, Some(true)) => BinaryOp::Concat,
        _ => BinaryOp::Add,
    }
}

/// A type's SQL spelling in errors.
fn type_name(t: &SqlType) -> String {
    match t {
        SqlType::SmallInteger => "SMALLINT".into(),
        SqlType::Integer => "INTEGER".into(),
        SqlType::BigInteger => "BIGINT".into(),
        SqlType::Float => "REAL".into(),
        SqlType::Double => "DOUBLE PRECISION".into(),
        SqlType::Numeric(p, s) => format!("NUMERIC({p}, {s})"),
        SqlType::String(n) => format!("VARCHAR({n})"),
        SqlType::Text => "TEXT".into(),
        SqlType::Boolean => "BOOLEAN".into(),
        SqlType::Date => "DATE".into(),
        SqlType::Time => "TIME".into(),
        SqlType::DateTime => "TIMESTAMP".into(),
        SqlType::DateTimeTz => "TIMESTAMP WITH TIME ZONE".into(),
        SqlType::Binary => "BLOB".into(),
        SqlType::Uuid => "UUID".into(),
        SqlType::Json => "JSON".into(),
        SqlType::Enum(name, _) => format!("enum {}", name.as_str()),
        SqlType::Custom(c) => format!("{} ({})", c.name().as_str(), type_name(c.base())),
    }
}

/// Checks that `left op right` means the same on every engine for the
/// operands' types (each `None` when unknown, which passes), and is
/// [`Error::Unsupported`] naming the operator, the types and `dialect`
/// where it does not:
/// - arithmetic (`+ - * / %`, `+` built directly rather than by the `+`
///   operator) on a string, a boolean, binary data, a UUID or JSON: text
///   is read as 0 by SQLite and MySQL and refused by PostgreSQL, booleans
///   are 0 / 1 on SQLite and MySQL and refused by PostgreSQL;
/// - arithmetic on a date, time or timestamp: PostgreSQL adds days to a
///   date, MySQL makes `DATE + 1` the number `20240102`, SQLite the year
///   plus one;
/// - `%` on a float or a decimal: SQLite truncates both operands to
///   integers, PostgreSQL has no `%` for floats;
/// - comparing a number with a string: SQLite orders every number before
///   every text (unless a column's affinity converts), MySQL compares as
///   numbers, PostgreSQL refuses;
/// - ordering JSON, or comparing it with another type (equality of two
///   JSON operands is kept: PostgreSQL stores `Json` columns as `jsonb`);
pub fn check_binary_types(
    dialect: &'static str,
    op: BinaryOp,
    left: Option<&SqlType>,
    right: Option<&SqlType>,
) -> Result<()> {
    // A custom type is checked as the type it is stored as.
    let (left, right) = (left.map(SqlType::storage), right.map(SqlType::storage));
    let refuse = |why: &str| -> Result<()> {
        // The operands' types as written, left then right.
        let types = match (left, right) {
            (Some(l), Some(r)) => format!("{} and {}", type_name(l), type_name(r)),
            (Some(t), None) | (None, Some(t)) => type_name(t),
            (None, None) => String::new(),
        };
        Err(Error::unsupported(
            dialect,
            format!("`{}` on {types}: {why}", op.as_sql()),
        ))
    };
    let known = left.into_iter().chain(right);
    if matches!(
        op,
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod
    ) {
        for t in known {
            if is_text(t) {
                return refuse("text in arithmetic is 0 on SQLite and MySQL and an error on PostgreSQL (concatenate with `concat()` or `+` on text of known type, or cast)",
                );
            }
            if is_temporal(t) {
                return refuse("date and time arithmetic differs between engines (days on PostgreSQL, digits on MySQL, the year on SQLite)",
                );
            }
            if matches!(
                t,
                SqlType::Boolean | SqlType::Binary | SqlType::Uuid | SqlType::Json
            ) {
                return refuse("not a number on every engine (cast it to a number type first)");
            }
            if op == BinaryOp::Mod && !t.is_integer() {
                return refuse("`%` of non-integers differs between engines (SQLite truncates to integers, PostgreSQL has none for floats)",
                );
            }
        }
        return Ok(());
    }
    if is_comparison(op) {
        if let (Some(l), Some(r)) = (left, right) {
            if (is_numeric(l) && is_text(r)) || (is_text(l) && is_numeric(r)) {
                return refuse("comparing a number with text orders differently between engines (cast one side)",
                );
            }
        }
        // Equality of two JSON documents is kept (what sqlexpr writes, it
        // writes the same way each time; SQLite compares the text); an
        // ordering, or JSON against another type, is not portable.
        let equality = matches!(
            op,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::IsDistinctFrom | BinaryOp::IsNotDistinctFrom
        );
        let both_json = left == Some(&SqlType::Json) && right == Some(&SqlType::Json);
        if !(equality && both_json) {
            for t in left.into_iter().chain(right) {
                if *t == SqlType::Json {
                    return refuse("JSON has no portable ordering, nor comparison with other types (cast it to text)");
                }
            }
        }
    }
    Ok(())
}

/// How many digits `d` has before its decimal point (or would have,
/// without computing them): negative for a value below 0.1.
fn int_digits(d: &bigdecimal::BigDecimal) -> i128 {
    let (_, scale) = d.as_bigint_and_exponent();
    i128::from(d.digits()) - i128::from(scale)
}

/// `v` as the [`Value`] variant of `ty`, for reading a result column whose
/// type the statement says ([`Select::column_types`](crate::Select::column_types))
/// from a driver that returns another: SQLite's INTEGER / REAL / TEXT / BLOB,
/// MySQL's DECIMAL for a SUM, 1 / 0 for a boolean. `Null` stays `Null`;
/// `None` for `ty` keeps `v`. The conversions:
/// - integer types: any integer in range, a decimal or float without a
///   fraction, text of an integer, a boolean as 1 / 0;
/// - `Float` / `Double`: any number, text of a number;
/// - `Numeric(p, s)`: any integer, a decimal, a finite float (its shortest
///   decimal form, rounded half to even to scale `s`: the float
///   approximates a decimal of that scale), text of a number; given at
///   least scale `s` (`12.5` of a `NUMERIC(10, 2)` reads as `12.50`, more
///   digits of a decimal or text are kept);
/// - `Boolean`: a boolean, an integer 0 or 1;
/// - strings and enums: text, UTF-8 bytes, an integer;
/// - `Date`, `Time`, `DateTime`: the value, or text in ISO form
///   (`2024-01-31`, `12:30:00.5`, `2024-01-31 12:30:00` or with `T`); a
///   timestamp with a time zone as its UTC time;
/// - `DateTimeTz`: the value, a timestamp without zone as UTC, text in
///   RFC 3339 form or without an offset (UTC);
/// - `Binary`: bytes, text as its UTF-8 bytes; `Uuid`: a UUID, its text,
///   16 bytes; `Json`: JSON, its text or UTF-8 bytes;
/// - [`SqlType::Custom`]: as its base type, then through its result
///   processor ([`CustomType::process_result`](crate::CustomType::process_result)).
///
/// Anything else is `Err` with the reason, which the dialect crates report
/// with the column's name.
pub fn convert_value(v: Value, ty: Option<&SqlType>) -> std::result::Result<Value, String> {
    use bigdecimal::{BigDecimal, ToPrimitive};
    use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
    let Some(ty) = ty else { return Ok(v) };
    if v.is_null() {
        return Ok(v);
    }
    if let SqlType::Custom(c) = ty {
        let stored = convert_value(v, Some(c.base()))?;
        return c.process_result(stored);
    }
    let fail = |v: &Value| {
        Err(format!(
            "a {} value does not read as {}",
            v.kind(),
            type_name(ty)
        ))
    };
    let int = |v: &Value| -> Option<i128> {
        Some(match v {
            Value::Bool(b) => i128::from(*b),
            Value::I8(n) => i128::from(*n),
            Value::I16(n) => i128::from(*n),
            Value::I32(n) => i128::from(*n),
            Value::I64(n) => i128::from(*n),
            Value::U8(n) => i128::from(*n),
            Value::U16(n) => i128::from(*n),
            Value::U32(n) => i128::from(*n),
            Value::U64(n) => i128::from(*n),
            Value::Decimal(d) if d.is_integer() && int_digits(d) <= 39 => d.to_i128()?,
            Value::F64(f) if f.fract() == 0.0 && f.abs() < 1e38 => *f as i128,
            Value::F32(f) if f.fract() == 0.0 && f.abs() < 1e38 => *f as i128,
            Value::Text(t) => t.as_str().trim().parse().ok()?,
            _ => return None,
        })
    };
    let decimal = |v: &Value| -> Option<BigDecimal> {
        match v {
            Value::Decimal(d) => Some(d.clone()),
            Value::F64(f) if f.is_finite() => f.to_string().parse().ok(),
            Value::F32(f) if f.is_finite() => f.to_string().parse().ok(),
            Value::Text(t) => t.as_str().trim().parse().ok(),
            Value::Bool(_) => None,
            other => int(other).map(BigDecimal::from),
        }
    };
    let float = |v: &Value| -> Option<f64> {
        match v {
            Value::F64(f) => Some(*f),
            Value::F32(f) => Some(f64::from(*f)),
            // Past f64's range: no float (and no work on a huge exponent).
            Value::Decimal(d) if int_digits(d) > 310 => None,
            Value::Decimal(d) => d.to_f64(),
            Value::Text(t) => t
                .as_str()
                .trim()
                .parse()
                .ok()
                .filter(|f: &f64| f.is_finite()),
            Value::Bool(_) => None,
            other => int(other).map(|n| n as f64),
        }
    };
    let text = |v: &Value| -> Option<String> {
        match v {
            Value::Text(t) => Some(t.as_str().to_owned()),
            Value::Bytes(b) => std::str::from_utf8(b.as_ref()).ok().map(str::to_owned),
            _ => None,
        }
    };
    let naive_datetime = |s: &str| {
        let s = s.trim();
        [
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d",
        ]
        .iter()
        .find_map(|f| {
            NaiveDateTime::parse_from_str(s, f).ok().or_else(|| {
                NaiveDate::parse_from_str(s, f)
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            })
        })
    };
    let out = match ty {
        SqlType::SmallInteger => int(&v).and_then(|n| i16::try_from(n).ok()).map(Value::I16),
        SqlType::Integer => int(&v).and_then(|n| i32::try_from(n).ok()).map(Value::I32),
        SqlType::BigInteger => int(&v).and_then(|n| i64::try_from(n).ok()).map(Value::I64),
        SqlType::Float => float(&v).map(|f| Value::F32(f as f32)),
        SqlType::Double => float(&v).map(Value::F64),
        SqlType::Numeric(_, s) => decimal(&v).map(|d| {
            let want = i64::from(*s);
            // A float (SQLite's REAL) is the decimal of the type's scale it
            // approximates: `84.29 + 0.01` is 84.30, not 84.30000000000001.
            let d = if matches!(v, Value::F64(_) | Value::F32(_))
                && d.as_bigint_and_exponent().1 > want
            {
                d.with_scale_round(want, bigdecimal::RoundingMode::HalfEven)
            } else {
                d
            };
            // Padded with zeros only within MAX_PRECISION digits.
            let (_, scale) = d.as_bigint_and_exponent();
            let padded = i128::from(d.digits()) + i128::from(want) - i128::from(scale);
            if scale < want && padded <= i128::from(MAX_PRECISION) {
                Value::Decimal(d.with_scale(want))
            } else {
                Value::Decimal(d)
            }
        }),
        SqlType::Boolean => match v {
            Value::Bool(b) => Some(Value::Bool(b)),
            ref other if !matches!(other, Value::Text(_)) => match int(other) {
                Some(0) => Some(Value::Bool(false)),
                Some(1) => Some(Value::Bool(true)),
                _ => None,
            },
            _ => None,
        },
        SqlType::String(_) | SqlType::Text | SqlType::Enum(..) => match &v {
            Value::Text(_) => Some(v.clone()),
            Value::Bytes(_) => text(&v).map(|s| Value::Text(s.into())),
            other => match other {
                Value::Bool(_) | Value::Decimal(_) | Value::F32(_) | Value::F64(_) => None,
                n => int(n).map(|n| Value::Text(n.to_string().into())),
            },
        },
        SqlType::Date => match &v {
            Value::Date(_) => Some(v.clone()),
            Value::DateTime(dt) => Some(Value::Date(dt.date())),
            _ => text(&v)
                .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
                .map(Value::Date),
        },
        SqlType::Time => match &v {
            Value::Time(_) => Some(v.clone()),
            _ => text(&v)
                .and_then(|s| NaiveTime::parse_from_str(s.trim(), "%H:%M:%S%.f").ok())
                .map(Value::Time),
        },
        SqlType::DateTime => match &v {
            Value::DateTime(_) => Some(v.clone()),
            Value::DateTimeTz(dt) => Some(Value::DateTime(dt.naive_utc())),
            Value::Date(d) => d.and_hms_opt(0, 0, 0).map(Value::DateTime),
            _ => text(&v)
                .and_then(|s| naive_datetime(&s))
                .map(Value::DateTime),
        },
        SqlType::DateTimeTz => match &v {
            Value::DateTimeTz(_) => Some(v.clone()),
            Value::DateTime(dt) => Some(Value::DateTimeTz(dt.and_utc().fixed_offset())),
            _ => text(&v).and_then(|s| {
                DateTime::parse_from_rfc3339(s.trim())
                    .or_else(|_| DateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S%.f%#z"))
                    .ok()
                    .or_else(|| {
                        naive_datetime(&s).map(|dt| {
                            DateTime::<Utc>::from_naive_utc_and_offset(dt, Utc).fixed_offset()
                        })
                    })
                    .map(Value::DateTimeTz)
            }),
        },
        SqlType::Binary => match &v {
            Value::Bytes(_) => Some(v.clone()),
            Value::Text(t) => Some(Value::Bytes(t.as_str().as_bytes().into())),
            _ => None,
        },
        SqlType::Uuid => match &v {
            Value::Uuid(_) => Some(v.clone()),
            Value::Bytes(b) => uuid::Uuid::from_slice(b.as_ref()).ok().map(Value::Uuid),
            Value::Text(t) => uuid::Uuid::parse_str(t.as_str().trim())
                .ok()
                .map(Value::Uuid),
            _ => None,
        },
        SqlType::Json => match &v {
            Value::Json(_) => Some(v.clone()),
            _ => text(&v)
                .and_then(|s| serde_json::from_str(&s).ok())
                .map(Value::Json),
        },
        // Handled above.
        SqlType::Custom(_) => None,
    };
    match out {
        Some(out) => Ok(out),
        None => fail(&v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::{case, cast, func};
    use crate::schema::{Column, Table};
    use crate::{select, Expr};

    fn t() -> Table {
        Table::builder("t")
            .column(Column::new("i", SqlType::Integer))
            .column(Column::new("s", SqlType::SmallInteger))
            .column(Column::new("b", SqlType::BigInteger))
            .column(Column::new("d", SqlType::Numeric(10, 2)))
            .column(Column::new("f", SqlType::Double))
            .column(Column::new("r", SqlType::Float))
            .column(Column::new("name", SqlType::String(20)))
            .column(Column::new("txt", SqlType::Text))
            .column(Column::new("day", SqlType::Date))
            .column(Column::new("ok", SqlType::Boolean))
            .build()
            .unwrap()
    }

    #[test]
    fn columns_values_labels_casts() {
        let t = t();
        assert_eq!(t.c("i").sql_type(), Some(SqlType::Integer));
        assert_eq!(t.c("name").label("n").sql_type(), Some(SqlType::String(20)));
        let nope = ColumnRef::new(
            Some(Relation::Table {
                table: t.clone(),
                alias: Some("x".into()),
            }),
            "nope",
        );
        assert_eq!(Expr::Column(nope).sql_type(), None);
        assert_eq!(crate::col("i").sql_type(), None);
        assert_eq!(Expr::from(5i64).sql_type(), Some(SqlType::BigInteger));
        assert_eq!(Expr::from(5u64).sql_type(), Some(SqlType::Numeric(20, 0)));
        assert_eq!(Expr::from("x").sql_type(), Some(SqlType::Text));
        assert_eq!(Expr::from(true).sql_type(), Some(SqlType::Boolean));
        assert_eq!(Expr::Null.sql_type(), None);
        assert_eq!(Expr::from(Option::<i32>::None).sql_type(), None);
        assert_eq!(
            cast(t.c("name"), SqlType::Integer).sql_type(),
            Some(SqlType::Integer)
        );
        let dec = |s: &str| Value::Decimal(s.parse().unwrap()).sql_type();
        assert_eq!(dec("12.50"), Some(SqlType::Numeric(4, 2)));
        assert_eq!(dec("0.05"), Some(SqlType::Numeric(2, 2)));
        assert_eq!(dec("-7"), Some(SqlType::Numeric(1, 0)));
        assert_eq!(dec("1e3"), Some(SqlType::Numeric(4, 0)));
        assert_eq!(dec("1e-2000"), Some(SqlType::Numeric(1000, 1000)));
    }

    #[test]
    fn predicates_are_boolean() {
        let t = t();
        for e in [
            t.c("i").eq(1),
            t.c("i").is_null(),
            t.c("name").like("a%"),
            t.c("i").in_([1, 2]),
            t.c("i").between(1, 2),
            !t.c("ok"),
            t.c("ok") & t.c("i").gt(1),
            crate::exists(select([t.c("i")])),
        ] {
            assert_eq!(e.sql_type(), Some(SqlType::Boolean), "{e:?}");
        }
    }

    #[test]
    fn arithmetic_promotes() {
        let t = t();
        assert_eq!((t.c("s") + t.c("i")).sql_type(), Some(SqlType::Integer));
        assert_eq!((t.c("i") * t.c("b")).sql_type(), Some(SqlType::BigInteger));
        assert_eq!(
            (t.c("i") + t.c("d")).sql_type(),
            Some(SqlType::Numeric(13, 2))
        );
        assert_eq!(
            (t.c("d") * t.c("d")).sql_type(),
            Some(SqlType::Numeric(20, 4))
        );
        assert_eq!((t.c("d") + t.c("f")).sql_type(), Some(SqlType::Double));
        assert_eq!((t.c("r") + t.c("r")).sql_type(), Some(SqlType::Float));
        assert_eq!((t.c("i") / 2).sql_type(), Some(SqlType::Integer));
        assert_eq!((t.c("i") + Expr::Null).sql_type(), Some(SqlType::Integer));
        assert_eq!((-t.c("d")).sql_type(), Some(SqlType::Numeric(10, 2)));
        assert_eq!((t.c("day") + 1).sql_type(), None);
        // A long chain is walked in a loop.
        let mut e = t.c("s");
        for _ in 0..10_000 {
            e = e + t.c("i");
        }
        assert_eq!(e.sql_type(), Some(SqlType::Integer));
    }

    #[test]
    fn plus_on_text_is_concatenation() {
        let t = t();
        let is_concat = |e: &Expr| matches!(e, Expr::Binary(b) if b.op == BinaryOp::Concat);
        assert!(is_concat(&(t.c("name") + " <")));
        assert!(is_concat(&("> ".into_expr() + t.c("txt"))));
        assert!(is_concat(&(t.c("name") + t.c("txt"))));
        assert!(is_concat(&(t.c("name") + crate::col("x"))));
        assert!(is_concat(&(t.c("name") + " <" + ">")));
        // A string with a number stays `+`, which renders as an error.
        assert!(!is_concat(&(t.c("name") + 1)));
        assert!(!is_concat(&(t.c("i") + 1)));
        assert!(!is_concat(&(crate::col("a") + crate::col("b"))));
        assert_eq!((t.c("name") + "x").sql_type(), Some(SqlType::Text));
    }

    trait IntoExpr {
        fn into_expr(self) -> Expr;
    }
    impl IntoExpr for &str {
        fn into_expr(self) -> Expr {
            Expr::from(self)
        }
    }

    #[test]
    fn functions_case_subquery() {
        let t = t();
        assert_eq!(
            func::count(t.c("name")).sql_type(),
            Some(SqlType::BigInteger)
        );
        assert_eq!(func::sum(t.c("s")).sql_type(), Some(SqlType::BigInteger));
        assert_eq!(
            func::sum(t.c("d")).sql_type(),
            Some(SqlType::Numeric(10, 2))
        );
        assert_eq!(func::sum(t.c("r")).sql_type(), Some(SqlType::Double));
        assert_eq!(
            func::avg(t.c("i")).sql_type(),
            Some(SqlType::Numeric(38, 4))
        );
        assert_eq!(func::avg(t.c("f")).sql_type(), Some(SqlType::Double));
        assert_eq!(func::max(t.c("day")).sql_type(), Some(SqlType::Date));
        assert_eq!(func::lower(t.c("name")).sql_type(), Some(SqlType::Text));
        assert_eq!(
            func::coalesce([t.c("i"), t.c("b")]).sql_type(),
            Some(SqlType::BigInteger)
        );
        assert_eq!(func::now().sql_type(), Some(SqlType::DateTime));
        assert_eq!(
            case()
                .when(t.c("ok"), t.c("i"))
                .else_(t.c("d"))
                .end()
                .sql_type(),
            Some(SqlType::Numeric(13, 2))
        );
        assert_eq!(
            case()
                .when(t.c("ok"), Expr::Null)
                .else_("x")
                .end()
                .sql_type(),
            Some(SqlType::Text)
        );
        let sub = Expr::Subquery(Box::new(select([func::max(t.c("f"))]).into()));
        assert_eq!(sub.sql_type(), Some(SqlType::Double));
        let q: Query = select([t.c("i"), t.c("name"), crate::raw("1")]).into();
        assert_eq!(
            query_column_types(&q),
            [Some(SqlType::Integer), Some(SqlType::String(20)), None]
        );
    }

    #[test]
    fn type_dependent_operators() {
        let i = Some(&SqlType::Integer);
        let d = Some(&SqlType::Date);
        let txt = Some(&SqlType::Text);
        let f = Some(&SqlType::Double);
        assert!(check_binary_types("x", BinaryOp::Add, i, i).is_ok());
        assert!(check_binary_types("x", BinaryOp::Add, None, i).is_ok());
        assert!(check_binary_types("x", BinaryOp::Eq, txt, txt).is_ok());
        for (op, l, r, says) in [
            (BinaryOp::Add, d, i, "`+` on DATE and INTEGER"),
            (BinaryOp::Sub, txt, None, "`-` on TEXT"),
            (BinaryOp::Add, i, txt, "`+` on INTEGER and TEXT"),
            (BinaryOp::Mod, f, i, "`%` on DOUBLE PRECISION and INTEGER"),
            (BinaryOp::Mul, Some(&SqlType::Boolean), i, "`*` on BOOLEAN"),
            (BinaryOp::Lt, i, txt, "`<` on INTEGER and TEXT"),
            (BinaryOp::Eq, Some(&SqlType::Json), None, "`=` on JSON"),
        ] {
            match check_binary_types("sqlite", op, l, r) {
                Err(Error::Unsupported { dialect, feature }) => {
                    assert_eq!(dialect, "sqlite");
                    assert!(feature.contains(says), "{feature}");
                }
                other => panic!("{op:?} {l:?} {r:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn values_convert_to_the_statement_types() {
        let conv = |v: Value, t: SqlType| convert_value(v, Some(&t));
        let dec = |s: &str| Value::Decimal(s.parse().unwrap());
        assert_eq!(conv(Value::I64(1), SqlType::Boolean), Ok(Value::Bool(true)));
        assert!(conv(Value::I64(2), SqlType::Boolean).is_err());
        assert_eq!(conv(dec("15"), SqlType::BigInteger), Ok(Value::I64(15)));
        assert!(conv(dec("1.5"), SqlType::BigInteger).is_err());
        assert!(conv(Value::I64(70_000), SqlType::SmallInteger).is_err());
        assert!(conv(Value::F64(1e300), SqlType::BigInteger).is_err());
        assert_eq!(
            format!("{:?}", conv(Value::F64(12.5), SqlType::Numeric(10, 2))),
            format!("{:?}", Ok::<_, String>(dec("12.50")))
        );
        assert!(conv(Value::F64(f64::NAN), SqlType::Numeric(10, 2)).is_err());
        // Huge exponents are no work.
        let huge = || Value::Text("1e999999999".into());
        assert!(conv(huge(), SqlType::BigInteger).is_err());
        assert!(conv(huge(), SqlType::Double).is_err());
        assert_eq!(
            format!("{:?}", conv(huge(), SqlType::Numeric(10, 2))),
            format!("{:?}", Ok::<_, String>(dec("1e999999999")))
        );
        assert!(conv(dec("1e999999999"), SqlType::BigInteger).is_err());
        assert!(conv(dec("1e999999999"), SqlType::Double).is_err());
        let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap();
        let noon = day.and_hms_opt(12, 0, 0).unwrap();
        for s in [
            "2024-01-31 12:00:00",
            "2024-01-31T12:00:00",
            "2024-01-31 12:00",
        ] {
            assert_eq!(
                conv(Value::Text(s.into()), SqlType::DateTime),
                Ok(Value::DateTime(noon))
            );
        }
        assert_eq!(
            conv(Value::Text("2024-01-31".into()), SqlType::Date),
            Ok(Value::Date(day))
        );
        assert_eq!(
            conv(Value::DateTime(noon), SqlType::DateTimeTz),
            Ok(Value::DateTimeTz(noon.and_utc().fixed_offset()))
        );
        assert_eq!(
            conv(Value::Text("{\"a\": 1}".into()), SqlType::Json),
            Ok(Value::Json(serde_json::json!({"a": 1})))
        );
        assert_eq!(conv(Value::Null, SqlType::Integer), Ok(Value::Null));
        assert_eq!(convert_value(Value::I64(3), None), Ok(Value::I64(3)));
        assert_eq!(
            conv(Value::Text("x".into()), SqlType::Integer),
            Err("a text value does not read as INTEGER".to_owned())
        );
    }
}
