//! Operator precedence: parentheses exactly where the grouping needs them.

use crate::expr::{BinaryOp, Expr, UnaryOp};
use crate::render::Dialect;

/// Precedence levels; higher binds tighter. An operand whose level is below
/// what its parent requires is parenthesised.
pub mod level {
    /// Anything: no parentheses (top level, inside delimiters).
    pub const ANY: u8 = 0;
    /// `OR`
    pub const OR: u8 = 10;
    /// `AND`
    pub const AND: u8 = 20;
    /// `NOT`
    pub const NOT: u8 = 30;
    /// Comparisons and predicates: `= <> < IS LIKE IN BETWEEN`. They do not
    /// chain: an operand at this level is parenthesised.
    pub const PREDICATE: u8 = 40;
    /// String concatenation `||`. Its precedence relative to arithmetic
    /// differs between databases, so it never mixes with arithmetic without
    /// parentheses.
    pub const CONCAT: u8 = 50;
    /// `+ -`
    pub const ADDITIVE: u8 = 60;
    /// `* / %`
    pub const MULTIPLICATIVE: u8 = 70;
    /// Unary minus.
    pub const UNARY: u8 = 80;
    /// Atoms: columns, values, function calls, parenthesised forms.
    pub const ATOM: u8 = 100;
}

/// The ANSI precedence of a binary operator.
pub fn binary_precedence_default(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Eq
        | BinaryOp::Ne
        | BinaryOp::Lt
        | BinaryOp::Le
        | BinaryOp::Gt
        | BinaryOp::Ge
        | BinaryOp::IsDistinctFrom
        | BinaryOp::IsNotDistinctFrom => level::PREDICATE,
        BinaryOp::Concat => level::CONCAT,
        BinaryOp::Add | BinaryOp::Sub => level::ADDITIVE,
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => level::MULTIPLICATIVE,
    }
}

/// The precedence level of an expression as the dialect renders it.
pub fn precedence(dialect: &dyn Dialect, mut e: &Expr) -> u8 {
    loop {
        return match e {
            Expr::Binary(b) => dialect.binary_precedence(b.op),
            Expr::Unary(u) => match u.op {
                UnaryOp::Not => level::NOT,
                UnaryOp::Neg => level::UNARY,
            },
            Expr::And(v) | Expr::Or(v) if v.len() == 1 => {
                e = &v[0];
                continue;
            }
            Expr::Label(l) => {
                e = &l.expr;
                continue;
            }
            // A type coercion writes its operand as it is.
            Expr::Cast(c) if c.coerce => {
                e = &c.expr;
                continue;
            }
            Expr::And(v) | Expr::Or(v) if v.is_empty() => level::ATOM,
            Expr::And(_) => level::AND,
            Expr::Or(_) => level::OR,
            Expr::IsNull(_)
            | Expr::Between(_)
            | Expr::InList(_)
            | Expr::InSubquery(_)
            | Expr::Like(_)
            | Expr::Quantified(_) => level::PREDICATE,
            Expr::Exists(x) if x.negated => level::NOT,
            Expr::Raw(_) => level::ANY,
            _ => level::ATOM,
        };
    }
}
