//! [`CustomType`]: a type of the application's own, stored as one of the
//! portable [`SqlType`]s, with a bind processor and a result processor (as
//! SQLAlchemy's `TypeDecorator`).
//!
//! A column declared with [`SqlType::Custom`] is created as its base type;
//! a value bound to it (an INSERT or UPDATE value, the other operand of a
//! comparison or of IN / BETWEEN, a value under
//! [`type_coerce`](crate::type_coerce)) goes through the bind processor at
//! compile time, and a result column of the type (the column itself, a
//! label, `MIN` / `MAX` / `COALESCE` of it, a `type_coerce`) goes through
//! the result processor when a dialect crate reads the row typed
//! (`typed_row_values`, `typed_record`, `read_row`). NULL is passed by
//! neither. Operators compute on the stored form: `price * 2` is the base
//! type's arithmetic, and reads as the base type (`type_coerce` it back).
//!
//! ```
//! use sqlexpr::prelude::*;
//! use sqlexpr::{CustomType, GenericDialect};
//! use bigdecimal::{BigDecimal, ToPrimitive};
//!
//! // Money as BIGINT cents; the application speaks decimals.
//! let money = CustomType::new(
//!     "money",
//!     SqlType::BigInteger,
//!     |v| match v {
//!         Value::Decimal(d) => {
//!             let cents = d * BigDecimal::from(100);
//!             if !cents.is_integer() {
//!                 return Err("not a whole number of cents".to_owned());
//!             }
//!             cents.to_i64().map(Value::I64).ok_or_else(|| "too much money".to_owned())
//!         }
//!         other => Err(format!("a {} value is not money", other.kind())),
//!     },
//!     |v| match v {
//!         Value::I64(c) => Ok(Value::Decimal(BigDecimal::new(c.into(), 2))),
//!         other => Err(format!("a {} value is not cents", other.kind())),
//!     },
//! );
//! let t = Table::builder("items")
//!     .column(Column::new("price", SqlType::Custom(money.clone())))
//!     .build()?;
//! let price: BigDecimal = "12.50".parse()?;
//! let ins = insert(&t).value("price", price.clone()).compile(&GenericDialect)?;
//! assert_eq!(ins.params, [Value::I64(1250)]);
//! // Compared with the column, a value is processed the same way.
//! let q = select([t.c("price")]).where_(t.c("price").lt(price.clone()));
//! assert_eq!(q.compile(&GenericDialect)?.params, [Value::I64(1250)]);
//! // Read back typed, the stored cents are money again.
//! let ty = &q.column_types()[0];
//! assert_eq!(
//!     sqlexpr::expr::types::convert_value(Value::I64(1250), ty.as_ref()),
//!     Ok(Value::Decimal(price))
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use super::SqlType;
use crate::{Error, Ident, Result, Value};

/// The processors of a [`CustomType`]: what a bound value becomes before it
/// is sent (a value of the base type), and what a stored value (read as the
/// base type) becomes for the application. Neither is called for NULL.
/// `Err` is the reason a value does not fit.
pub trait TypeProcessor: Send + Sync + 'static {
    /// A value given for the type, as the base type stores it.
    fn process_bind(&self, value: Value) -> std::result::Result<Value, String>;
    /// A stored value (of the base type's [`Value`] variant), as the
    /// application reads it.
    fn process_result(&self, value: Value) -> std::result::Result<Value, String>;
}

struct FnProcessor<B, R> {
    bind: B,
    result: R,
}

impl<B, R> TypeProcessor for FnProcessor<B, R>
where
    B: Fn(Value) -> std::result::Result<Value, String> + Send + Sync + 'static,
    R: Fn(Value) -> std::result::Result<Value, String> + Send + Sync + 'static,
{
    fn process_bind(&self, value: Value) -> std::result::Result<Value, String> {
        (self.bind)(value)
    }

    fn process_result(&self, value: Value) -> std::result::Result<Value, String> {
        (self.result)(value)
    }
}

/// A user-defined type: a name, the [`SqlType`] it is stored as, and its
/// [`TypeProcessor`] (see the [module docs](self)). Cloning shares the
/// processor; two custom types are equal when their names and base types
/// are. It is not serialized (the processor is code): serializing a tree
/// that holds one is an error.
#[derive(Clone)]
pub struct CustomType {
    name: Ident,
    base: Box<SqlType>,
    processor: Arc<dyn TypeProcessor>,
}

impl CustomType {
    /// A type `name` stored as `base`, with `bind` as its bind processor and
    /// `result` as its result processor.
    pub fn new<B, R>(name: impl Into<Ident>, base: SqlType, bind: B, result: R) -> Self
    where
        B: Fn(Value) -> std::result::Result<Value, String> + Send + Sync + 'static,
        R: Fn(Value) -> std::result::Result<Value, String> + Send + Sync + 'static,
    {
        Self::with_processor(name, base, FnProcessor { bind, result })
    }

    /// A type `name` stored as `base`, processed by `processor`.
    pub fn with_processor(
        name: impl Into<Ident>,
        base: SqlType,
        processor: impl TypeProcessor,
    ) -> Self {
        CustomType {
            name: name.into(),
            base: Box::new(base),
            processor: Arc::new(processor),
        }
    }

    /// The type's name (in error messages).
    pub fn name(&self) -> &Ident {
        &self.name
    }

    /// The type it is stored as.
    pub fn base(&self) -> &SqlType {
        &self.base
    }

    /// `value` through the bind processor (NULL stays NULL);
    /// [`Error::Invalid`] naming the type when it does not fit.
    pub fn process_bind(&self, value: Value) -> Result<Value> {
        if value.is_null() {
            return Ok(value);
        }
        self.processor.process_bind(value).map_err(|reason| {
            Error::invalid(
                "bound value",
                format!("custom type {:?}: {reason}", self.name.as_str()),
            )
        })
    }

    /// `value` through the result processor (NULL stays NULL); `Err` with
    /// the reason, naming the type.
    pub fn process_result(&self, value: Value) -> std::result::Result<Value, String> {
        if value.is_null() {
            return Ok(value);
        }
        self.processor
            .process_result(value)
            .map_err(|reason| format!("custom type {:?}: {reason}", self.name.as_str()))
    }
}

impl fmt::Debug for CustomType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomType")
            .field("name", &self.name)
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

impl PartialEq for CustomType {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.base == other.base
    }
}

impl Eq for CustomType {}

impl Hash for CustomType {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.base.hash(state);
    }
}

impl SqlType {
    /// The type a value of this type is stored as: the base of a
    /// [`SqlType::Custom`] (through any nesting), else the type itself.
    pub fn storage(&self) -> &SqlType {
        let mut t = self;
        while let SqlType::Custom(c) = t {
            t = c.base();
        }
        t
    }
}
