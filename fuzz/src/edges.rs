//! Inputs at the edges of what each engine accepts, and the check that runs
//! them on the three real engines (see [`crate::live`]): identifiers around
//! each engine's length limit (in bytes and in characters) and with the
//! characters engines treat specially, values at and past each engine's
//! range (integers, decimals with huge exponents, non-finite floats, NUL in
//! text, dates outside years 1..9999), and statements whose parameter count
//! is around the dialect's limit (an IN list, a multi-row INSERT split into
//! batches).
//!
//! The rule checked: whatever sqlexpr compiles and binds, the server runs.
//! sqlexpr may refuse (a compile or bind error) but must never hand the
//! server SQL or a value it rejects, and what comes back must be what went
//! in: an identifier reads back as the column's label, text, bytes and
//! integers read back exactly, bound and inline alike.

use arbitrary::Arbitrary;
use bigdecimal::num_bigint::BigInt;
use bigdecimal::BigDecimal;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use sqlexpr::prelude::*;
use sqlexpr::{create_table, drop_table, Compiled, Render, Value};

use crate::live::{engines, Engine, Outcome};

/// A name: arbitrary text, or one character repeated around a length limit.
#[derive(Arbitrary, Debug)]
pub enum NameInput {
    /// Any string.
    Any(String),
    /// `ch` repeated `len % 72` times (around the 63-byte and 64-character
    /// limits), `ch` taken from characters of 1 to 4 UTF-8 bytes and the
    /// quote characters.
    Repeat {
        /// Which character (index into a fixed list).
        ch: u8,
        /// How many times.
        len: u8,
        /// A character appended at the end (a trailing space, a quote...).
        tail: Option<u8>,
    },
}

const CHARS: &[char] = &['a', 'é', '€', '😀', ' ', '"', '`', '\'', '\\', '\0', '.', 'Z'];

fn pick(i: u8) -> char {
    CHARS
        .get(usize::from(i) % CHARS.len())
        .copied()
        .unwrap_or('a')
}

impl NameInput {
    fn build(&self) -> String {
        match self {
            NameInput::Any(s) => s.clone(),
            NameInput::Repeat { ch, len, tail } => {
                let mut s: String = std::iter::repeat(pick(*ch))
                    .take(usize::from(*len) % 72)
                    .collect();
                if let Some(t) = tail {
                    s.push(pick(*t));
                }
                s
            }
        }
    }
}

/// A value, drawn towards the edges of each engine's range.
#[derive(Arbitrary, Debug)]
pub enum ValueInput {
    /// A signed integer.
    Int(i64),
    /// An integer from a list of boundaries (i32 / i64 / u64 limits).
    EdgeInt(u8),
    /// An unsigned 64-bit integer.
    Unsigned(u64),
    /// A double (NaN and infinities included).
    Float(f64),
    /// A float from a list of edges (NaN, ±inf, -0.0, subnormal, max).
    EdgeFloat(u8),
    /// A decimal `mantissa × 10^-scale`, the scale anywhere in i64.
    Decimal {
        /// The digits.
        mantissa: i128,
        /// The scale (negative: a positive exponent).
        scale: i64,
    },
    /// A decimal with a scale near the engines' limits.
    EdgeDecimal {
        /// The digits.
        mantissa: i64,
        /// Index into a list of scales.
        scale: u8,
    },
    /// Text.
    Text(String),
    /// One character repeated.
    RepeatText {
        /// Which character.
        ch: u8,
        /// How many times.
        len: u16,
    },
    /// Bytes.
    Bytes(Vec<u8>),
    /// A date from its day number in the proleptic Gregorian calendar.
    Date(i32),
    /// A date and time.
    DateTime {
        /// Days from 0001-01-01 (CE).
        days: i32,
        /// Seconds in the day.
        secs: u32,
        /// Nanoseconds.
        nanos: u32,
    },
    /// A time of day.
    Time {
        /// Seconds in the day.
        secs: u32,
        /// Nanoseconds.
        nanos: u32,
    },
    /// A boolean.
    Bool(bool),
}

const EDGE_INTS: &[i128] = &[
    0,
    -1,
    i32::MAX as i128,
    i32::MAX as i128 + 1,
    i32::MIN as i128,
    i64::MAX as i128,
    i64::MIN as i128,
    i64::MAX as i128 + 1,
    u64::MAX as i128,
];

const EDGE_FLOATS: &[f64] = &[
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    -0.0,
    f64::MIN_POSITIVE,
    5e-324,
    f64::MAX,
    f64::MIN,
    1e308,
];

const EDGE_SCALES: &[i64] = &[
    0, 1, 30, 31, 65, 66, 1000, 16383, 16384, -1, -30, -65, -131_071, -131_072, -131_073,
];

impl ValueInput {
    fn build(&self) -> Value {
        match self {
            ValueInput::Int(i) => Value::I64(*i),
            ValueInput::EdgeInt(i) => {
                let v = EDGE_INTS
                    .get(usize::from(*i) % EDGE_INTS.len())
                    .copied()
                    .unwrap_or(0);
                match (i64::try_from(v), u64::try_from(v)) {
                    (Ok(s), _) => Value::I64(s),
                    (Err(_), Ok(u)) => Value::U64(u),
                    _ => Value::I64(0),
                }
            }
            ValueInput::Unsigned(u) => Value::U64(*u),
            ValueInput::Float(f) => Value::F64(*f),
            ValueInput::EdgeFloat(i) => Value::F64(
                EDGE_FLOATS
                    .get(usize::from(*i) % EDGE_FLOATS.len())
                    .copied()
                    .unwrap_or(0.0),
            ),
            ValueInput::Decimal { mantissa, scale } => {
                Value::Decimal(BigDecimal::new(BigInt::from(*mantissa), *scale))
            }
            ValueInput::EdgeDecimal { mantissa, scale } => {
                let s = EDGE_SCALES
                    .get(usize::from(*scale) % EDGE_SCALES.len())
                    .copied()
                    .unwrap_or(0);
                Value::Decimal(BigDecimal::new(BigInt::from(*mantissa), s))
            }
            ValueInput::Text(s) => Value::from(s.as_str()),
            ValueInput::RepeatText { ch, len } => {
                let s: String = std::iter::repeat(pick(*ch))
                    .take(usize::from(*len))
                    .collect();
                Value::from(s)
            }
            ValueInput::Bytes(b) => Value::from(b.clone()),
            ValueInput::Date(d) => NaiveDate::from_num_days_from_ce_opt(*d)
                .map_or(Value::Null, Value::Date),
            ValueInput::DateTime { days, secs, nanos } => {
                match (
                    NaiveDate::from_num_days_from_ce_opt(*days),
                    NaiveTime::from_num_seconds_from_midnight_opt(secs % 86_400, nanos % 1_000_000_000),
                ) {
                    (Some(d), Some(t)) => Value::DateTime(NaiveDateTime::new(d, t)),
                    _ => Value::Null,
                }
            }
            ValueInput::Time { secs, nanos } => {
                NaiveTime::from_num_seconds_from_midnight_opt(secs % 86_400, nanos % 1_000_000_000)
                    .map_or(Value::Null, Value::Time)
            }
            ValueInput::Bool(b) => Value::Bool(*b),
        }
    }
}

/// How many parameters a statement binds: few, or around the dialect's
/// limit (at it, one past it, twice it for a split insert).
#[derive(Arbitrary, Debug)]
pub enum CountInput {
    /// `n % 300`.
    Few(u16),
    /// The dialect's limit plus `offset % 5 - 2`.
    NearLimit(u8),
    /// An INSERT of more rows than one statement can bind.
    Split(u8),
}

/// One input of the `edges` target.
#[derive(Arbitrary, Debug)]
pub struct Input {
    /// A table and column name.
    pub name: NameInput,
    /// Values to bind and to inline.
    pub values: Vec<ValueInput>,
    /// A parameter count.
    pub count: Option<CountInput>,
}

/// Runs `input` on every engine; panics on a finding.
pub fn check(input: &Input) {
    let mut guard = match engines().lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    for engine in guard.iter_mut() {
        check_name(engine.as_mut(), &input.name.build());
        for v in input.values.iter().take(4) {
            check_value(engine.as_mut(), &v.build());
        }
        if let Some(count) = &input.count {
            check_count(engine.as_mut(), count);
        }
    }
}

/// Compiles `stmt` for the engine's dialect, or `None` when sqlexpr refuses.
fn compile(engine: &dyn Engine, stmt: &dyn Render) -> Option<Compiled> {
    stmt.compile(engine.dialect()).ok()
}

/// Runs `c`, panicking when the server rejects what sqlexpr accepted.
fn must_run(engine: &mut dyn Engine, c: &Compiled, what: &str) -> Option<Vec<Vec<Value>>> {
    match engine.run(c) {
        Outcome::Rows(rows) => Some(rows),
        Outcome::Refused(_) => None,
        Outcome::Rejected(e) => panic!(
            "{}: the server rejected {what} that sqlexpr accepted: {e}\nSQL: {:.2000}\nparams: {:.2000?}",
            engine.name(),
            c.sql,
            c.params
        ),
    }
}

fn check_name(engine: &mut dyn Engine, name: &str) {
    // Unqualified: a dot is part of the name, not a schema separator.
    let Ok(table) = Table::builder(sqlexpr::TableName::new(name.to_owned()))
        .column(Column::new(name.to_owned(), SqlType::Integer))
        .build()
    else {
        return;
    };
    let (Some(drop), Some(create)) = (
        compile(engine, &drop_table(&table).if_exists()),
        compile(engine, &create_table(&table)),
    ) else {
        return;
    };
    let what = format!("the identifier {name:?}");
    must_run(engine, &drop, &what);
    if must_run(engine, &create, &what).is_none() {
        return;
    }
    if let Some(ins) = compile(engine, &insert(&table).row([(name.to_owned(), value(7))])) {
        must_run(engine, &ins, &what);
        if let Some(sel) = compile(engine, &select([table.c(name)])) {
            let rows = must_run(engine, &sel, &what);
            if let Some(rows) = rows {
                let got: Vec<Option<i128>> = rows
                    .iter()
                    .map(|r| r.first().and_then(as_int))
                    .collect();
                assert_eq!(got, vec![Some(7)], "{}: {what}: rows", engine.name());
            }
        }
    }
    must_run(engine, &drop, &what);
}

fn as_int(v: &Value) -> Option<i128> {
    Some(match v {
        Value::I8(i) => i128::from(*i),
        Value::I16(i) => i128::from(*i),
        Value::I32(i) => i128::from(*i),
        Value::I64(i) => i128::from(*i),
        Value::U8(i) => i128::from(*i),
        Value::U16(i) => i128::from(*i),
        Value::U32(i) => i128::from(*i),
        Value::U64(i) => i128::from(*i),
        Value::Text(t) => t.parse().ok()?,
        _ => return None,
    })
}

/// What of a value read back can be compared exactly across engines.
#[derive(Debug, PartialEq)]
enum Exact {
    Int(i128),
    Text(String),
    Bytes(Vec<u8>),
}

fn exact_sent(v: &Value) -> Option<Exact> {
    match v {
        Value::Text(t) => Some(Exact::Text(t.to_string())),
        Value::Bytes(b) => Some(Exact::Bytes(b.to_vec())),
        other => as_int(other).map(Exact::Int),
    }
}

fn exact_read(sent: &Exact, v: &Value) -> Option<Exact> {
    match (sent, v) {
        (Exact::Int(_), other) => as_int(other).map(Exact::Int),
        (Exact::Text(_), Value::Text(t)) => Some(Exact::Text(t.to_string())),
        (Exact::Text(_), Value::Bytes(b)) => {
            String::from_utf8(b.to_vec()).ok().map(Exact::Text)
        }
        (Exact::Bytes(_), Value::Bytes(b)) => Some(Exact::Bytes(b.to_vec())),
        // PostgreSQL's text protocol writes bytea as `\x` and hex digits.
        (Exact::Bytes(_), Value::Text(t)) => match t.strip_prefix("\\x") {
            Some(hex) => unhex(hex).map(Exact::Bytes),
            None => Some(Exact::Bytes(t.as_bytes().to_vec())),
        },
        _ => None,
    }
}

/// The bytes of lowercase or uppercase hex digits.
fn unhex(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect()
}

fn check_value(engine: &mut dyn Engine, v: &Value) {
    let stmt = select([value(v.clone()).label("v")]);
    let sent = exact_sent(v);
    let what = format!("the value {v:.200?}");
    if let Some(c) = compile(engine, &stmt) {
        if let Some(rows) = must_run(engine, &c, &what) {
            compare(engine, sent.as_ref(), &rows, &what, "bound");
        }
    }
    let Ok(sql) = stmt.to_sql_inline(engine.dialect()) else {
        return;
    };
    match engine.run_text(&sql) {
        Outcome::Rows(rows) => compare(engine, sent.as_ref(), &rows, &what, "inline"),
        Outcome::Refused(_) => {}
        Outcome::Rejected(e) => panic!(
            "{}: the server rejected the inline literal of {what}: {e}\nSQL: {sql:.2000}",
            engine.name()
        ),
    }
}

fn compare(
    engine: &dyn Engine,
    sent: Option<&Exact>,
    rows: &[Vec<Value>],
    what: &str,
    how: &str,
) {
    let Some(sent) = sent else { return };
    let got = rows.first().and_then(|r| r.first());
    let Some(got) = got else {
        panic!("{}: {what} ({how}) returned no row", engine.name());
    };
    if let Some(read) = exact_read(sent, got) {
        assert_eq!(
            &read,
            sent,
            "{}: {what} ({how}) reads back differently",
            engine.name()
        );
    }
}

fn check_count(engine: &mut dyn Engine, count: &CountInput) {
    let limit = engine.dialect().max_params();
    let n = match count {
        CountInput::Few(n) => usize::from(*n % 300),
        CountInput::NearLimit(o) => (limit + usize::from(*o % 5)).saturating_sub(2),
        CountInput::Split(k) => limit + 1 + usize::from(*k) * 7,
    };
    let Ok(t) = Table::builder("edges_count")
        .column(Column::new("a", SqlType::BigInteger))
        .build()
    else {
        return;
    };
    let (Some(drop), Some(create)) = (
        compile(engine, &drop_table(&t).if_exists()),
        compile(engine, &create_table(&t)),
    ) else {
        return;
    };
    must_run(engine, &drop, "DROP TABLE");
    must_run(engine, &create, "CREATE TABLE");
    let what = format!("{n} parameters");
    if matches!(count, CountInput::Split(_)) {
        let rows = (0..n).map(|i| [("a", value(i64::try_from(i).unwrap_or(0)))]);
        let ins = insert(&t).rows(rows);
        let Ok(batches) = ins.compile_batches(engine.dialect()) else {
            return;
        };
        for b in &batches {
            if must_run(engine, b, &what).is_none() {
                return;
            }
        }
        let counted = compile(engine, &select([func::count_star()]).select_from(&t))
            .and_then(|c| must_run(engine, &c, "COUNT(*)"));
        if let Some(rows) = counted {
            let got = rows.first().and_then(|r| r.first()).and_then(as_int);
            assert_eq!(
                got,
                i128::try_from(n).ok(),
                "{}: a split insert of {n} rows",
                engine.name()
            );
        }
    } else {
        let ins = insert(&t).rows((0..3i64).map(|i| [("a", value(i))]));
        if let Some(c) = compile(engine, &ins) {
            must_run(engine, &c, "INSERT");
        }
        let list = (0..n).map(|i| value(i64::try_from(i).unwrap_or(0)));
        let q = select([t.c("a")]).where_(t.c("a").in_(list));
        if let Some(c) = compile(engine, &q) {
            if let Some(rows) = must_run(engine, &c, &what) {
                assert_eq!(rows.len(), n.min(3), "{}: IN list of {n}", engine.name());
            }
        }
    }
    must_run(engine, &drop, "DROP TABLE");
}
