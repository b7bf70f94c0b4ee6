//! An arbitrary statement tree that maps onto sqlexpr's builders.

use arbitrary::Arbitrary;
use sqlexpr::expr::func;
use sqlexpr::{
    and_, case, case_on, col, exists, not_, or_, raw_with, select, tuple, Column, Expr, ForeignKey,
    Select, SqlType, Table, Value,
};

/// A value to bind (or write inline).
#[derive(Arbitrary, Debug, Clone)]
pub enum FValue {
    Null,
    Bool(bool),
    I32(i32),
    I64(i64),
    U64(u64),
    F64(f64),
    Text(String),
    Bytes(Vec<u8>),
}

impl FValue {
    fn value(&self) -> Value {
        match self {
            FValue::Null => Value::Null,
            FValue::Bool(b) => Value::Bool(*b),
            FValue::I32(v) => Value::I32(*v),
            FValue::I64(v) => Value::I64(*v),
            FValue::U64(v) => Value::U64(*v),
            FValue::F64(v) => Value::F64(*v),
            FValue::Text(s) => Value::Text(s.as_str().into()),
            FValue::Bytes(b) => Value::Bytes(b.as_slice().into()),
        }
    }
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FBinOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    IsDistinctFrom,
    IsNotDistinctFrom,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Concat,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FFunc {
    Count,
    CountStar,
    CountDistinct,
    Sum,
    Avg,
    Min,
    Max,
    Coalesce,
    Lower,
    Upper,
    Length,
    Abs,
    Round,
    RoundTo(i8),
    Now,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FType {
    SmallInteger,
    Integer,
    BigInteger,
    Float,
    Double,
    Numeric(u8, u8),
    String(u16),
    Text,
    Boolean,
    Date,
    Time,
    DateTime,
    Binary,
}

/// A column of the fixed schema, or a bare name.
#[derive(Arbitrary, Debug, Clone)]
pub enum FColumn {
    UsersId,
    UsersName,
    PostsId,
    PostsUserId,
    PostsTitle,
    AliasedUsersName,
    Bare(String),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum FExpr {
    Column(FColumn),
    Value(FValue),
    Null,
    Bool(bool),
    RawParam(FValue),
    Star,
    Binary(FBinOp, Box<FExpr>, Box<FExpr>),
    Not(Box<FExpr>),
    Neg(Box<FExpr>),
    And(Vec<FExpr>),
    Or(Vec<FExpr>),
    IsNull(Box<FExpr>, bool),
    Between(Box<FExpr>, Box<FExpr>, Box<FExpr>, bool),
    InList(Box<FExpr>, Vec<FExpr>, bool),
    InSubquery(Box<FExpr>, Box<FSelect>, bool),
    Like(Box<FExpr>, Box<FExpr>, bool, bool, Option<char>),
    Contains(Box<FExpr>, String),
    Func(FFunc, Vec<FExpr>),
    Named(String, Vec<FExpr>),
    Cast(Box<FExpr>, FType),
    Case(Option<Box<FExpr>>, Vec<(FExpr, FExpr)>, Option<Box<FExpr>>),
    Exists(Box<FSelect>, bool),
    Subquery(Box<FSelect>),
    Tuple(Vec<FExpr>),
    Label(Box<FExpr>, String),
}

#[derive(Arbitrary, Debug, Clone)]
pub enum FFrom {
    Users,
    Posts,
    AliasedUsers,
    Subquery(Box<FSelect>, String),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum FJoin {
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct FOrder {
    pub expr: FExpr,
    pub desc: Option<bool>,
    pub nulls_first: Option<bool>,
}

#[derive(Arbitrary, Debug, Clone)]
pub struct FSelect {
    pub distinct: bool,
    pub columns: Vec<FExpr>,
    pub from: Vec<FFrom>,
    pub joins: Vec<(FJoin, FFrom, Option<FExpr>)>,
    pub where_: Option<FExpr>,
    pub group_by: Vec<FExpr>,
    pub having: Option<FExpr>,
    pub order_by: Vec<FOrder>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// The fixed schema: `users(id, name)` and `posts(id, user_id -> users.id,
/// title)`.
pub struct Schema {
    pub users: Table,
    pub posts: Table,
}

impl Schema {
    pub fn new() -> Self {
        let users = Table::builder("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::Text))
            .build()
            .expect("users");
        let posts = Table::builder("posts")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("user_id", SqlType::Integer))
            .column(Column::new("title", SqlType::Text))
            .foreign_key(ForeignKey::new(["user_id"], "users", ["id"]))
            .build()
            .expect("posts");
        Schema { users, posts }
    }

    fn column(&self, c: &FColumn) -> Expr {
        match c {
            FColumn::UsersId => self.users.c("id"),
            FColumn::UsersName => self.users.c("name"),
            FColumn::PostsId => self.posts.c("id"),
            FColumn::PostsUserId => self.posts.c("user_id"),
            FColumn::PostsTitle => self.posts.c("title"),
            FColumn::AliasedUsersName => self.users.alias("u").c("name"),
            FColumn::Bare(name) => col(name.clone()),
        }
    }

    fn sql_type(t: FType) -> SqlType {
        match t {
            FType::SmallInteger => SqlType::SmallInteger,
            FType::Integer => SqlType::Integer,
            FType::BigInteger => SqlType::BigInteger,
            FType::Float => SqlType::Float,
            FType::Double => SqlType::Double,
            FType::Numeric(p, s) => SqlType::Numeric(p.into(), s.into()),
            FType::String(n) => SqlType::String(n.into()),
            FType::Text => SqlType::Text,
            FType::Boolean => SqlType::Boolean,
            FType::Date => SqlType::Date,
            FType::Time => SqlType::Time,
            FType::DateTime => SqlType::DateTime,
            FType::Binary => SqlType::Binary,
        }
    }

    fn exprs(&self, v: &[FExpr]) -> Vec<Expr> {
        v.iter().map(|e| self.expr(e)).collect()
    }

    /// The sqlexpr expression, built through the public builders.
    pub fn expr(&self, e: &FExpr) -> Expr {
        let b = |e: &FExpr| self.expr(e);
        match e {
            FExpr::Column(c) => self.column(c),
            FExpr::Value(v) => Expr::Value(v.value()),
            FExpr::Null => Expr::Null,
            FExpr::Bool(v) => Expr::Bool(*v),
            FExpr::RawParam(v) => raw_with("(?)", [v.value()]),
            // `*` is only valid as a select-list item (see `column_item`);
            // as an operand the renderer would write it as given.
            FExpr::Star => func::count_star(),
            FExpr::Binary(op, l, r) => {
                let (l, r) = (b(l), b(r));
                match op {
                    FBinOp::Eq => l.eq(r),
                    FBinOp::Ne => l.ne(r),
                    FBinOp::Lt => l.lt(r),
                    FBinOp::Le => l.le(r),
                    FBinOp::Gt => l.gt(r),
                    FBinOp::Ge => l.ge(r),
                    FBinOp::IsDistinctFrom => l.is_distinct_from(r),
                    FBinOp::IsNotDistinctFrom => l.is_not_distinct_from(r),
                    FBinOp::Add => l + r,
                    FBinOp::Sub => l - r,
                    FBinOp::Mul => l * r,
                    FBinOp::Div => l / r,
                    FBinOp::Mod => l % r,
                    FBinOp::Concat => l.concat(r),
                }
            }
            FExpr::Not(x) => not_(b(x)),
            FExpr::Neg(x) => -b(x),
            FExpr::And(v) => and_(self.exprs(v)),
            FExpr::Or(v) => or_(self.exprs(v)),
            FExpr::IsNull(x, neg) => {
                if *neg {
                    b(x).is_not_null()
                } else {
                    b(x).is_null()
                }
            }
            FExpr::Between(x, lo, hi, neg) => {
                if *neg {
                    b(x).not_between(b(lo), b(hi))
                } else {
                    b(x).between(b(lo), b(hi))
                }
            }
            FExpr::InList(x, list, neg) => {
                if *neg {
                    b(x).not_in(self.exprs(list))
                } else {
                    b(x).in_(self.exprs(list))
                }
            }
            FExpr::InSubquery(x, s, neg) => {
                if *neg {
                    b(x).not_in_subquery(self.select(s))
                } else {
                    b(x).in_subquery(self.select(s))
                }
            }
            FExpr::Like(x, p, neg, ci, esc) => {
                let e = match (neg, ci) {
                    (false, false) => b(x).like(b(p)),
                    (true, false) => b(x).not_like(b(p)),
                    (false, true) => b(x).ilike(b(p)),
                    (true, true) => b(x).not_ilike(b(p)),
                };
                match esc {
                    Some(c) => e.escape(*c),
                    None => e,
                }
            }
            FExpr::Contains(x, s) => b(x).contains(s),
            FExpr::Func(f, args) => {
                let first = args.first().map(b).unwrap_or(Expr::Null);
                match f {
                    FFunc::Count => func::count(first),
                    FFunc::CountStar => func::count_star(),
                    FFunc::CountDistinct => func::count_distinct(first),
                    FFunc::Sum => func::sum(first),
                    FFunc::Avg => func::avg(first),
                    FFunc::Min => func::min(first),
                    FFunc::Max => func::max(first),
                    FFunc::Coalesce => func::coalesce(self.exprs(args)),
                    FFunc::Lower => func::lower(first),
                    FFunc::Upper => func::upper(first),
                    FFunc::Length => func::length(first),
                    FFunc::Abs => func::abs(first),
                    FFunc::Round => func::round(first),
                    FFunc::RoundTo(d) => func::round_to(first, (*d).into()),
                    FFunc::Now => func::now(),
                }
            }
            FExpr::Named(name, args) => func::call(name.clone(), self.exprs(args)),
            FExpr::Cast(x, t) => b(x).cast(Self::sql_type(*t)),
            FExpr::Case(operand, whens, else_) => {
                let mut c = match operand {
                    Some(o) => case_on(b(o)),
                    None => case(),
                };
                for (w, t) in whens {
                    c = c.when(b(w), b(t));
                }
                if let Some(e) = else_ {
                    c = c.else_(b(e));
                }
                c.end()
            }
            FExpr::Exists(s, neg) => {
                let e = exists(self.select(s));
                if *neg {
                    not_(e)
                } else {
                    e
                }
            }
            FExpr::Subquery(s) => self.select(s).scalar_subquery(),
            FExpr::Tuple(v) => tuple(self.exprs(v)),
            FExpr::Label(x, name) => b(x).label(name.clone()),
        }
    }

    /// A select-list item: `*` stays `*`.
    fn column_item(&self, e: &FExpr) -> Expr {
        match e {
            FExpr::Star => Expr::Star(None),
            other => self.expr(other),
        }
    }

    fn make_from_item(&self, f: &FFrom) -> sqlexpr::FromItem {
        match f {
            FFrom::Users => (&self.users).into(),
            FFrom::Posts => (&self.posts).into(),
            FFrom::AliasedUsers => self.users.alias("u").into(),
            FFrom::Subquery(s, alias) => self.select(s).subquery(alias.clone()).into(),
        }
    }

    /// The sqlexpr SELECT.
    pub fn select(&self, s: &FSelect) -> Select {
        let mut q = select(s.columns.iter().map(|e| self.column_item(e)));
        if s.distinct {
            q = q.distinct();
        }
        for f in &s.from {
            q = q.select_from(self.make_from_item(f));
        }
        for (kind, target, on) in &s.joins {
            let t = self.make_from_item(target);
            let on = on.as_ref().map(|e| self.expr(e));
            q = match (kind, on) {
                (FJoin::Inner, Some(on)) => q.join_on(t, on),
                (FJoin::Inner, None) => q.join(t),
                (FJoin::Left, Some(on)) => q.left_join_on(t, on),
                (FJoin::Left, None) => q.left_join(t),
                (FJoin::Right, Some(on)) => q.right_join_on(t, on),
                (FJoin::Right, None) => q.right_join(t),
                (FJoin::Full, Some(on)) => q.full_join_on(t, on),
                (FJoin::Full, None) => q.full_join(t),
                (FJoin::Cross, _) => q.cross_join(t),
            };
        }
        if let Some(w) = &s.where_ {
            q = q.where_(self.expr(w));
        }
        q = q.group_by(self.exprs(&s.group_by));
        if let Some(h) = &s.having {
            q = q.having(self.expr(h));
        }
        for o in &s.order_by {
            let e = self.expr(&o.expr);
            let mut item = match o.desc {
                Some(true) => e.desc(),
                Some(false) => e.asc(),
                None => sqlexpr::expr::OrderBy::from(e),
            };
            item = match o.nulls_first {
                Some(true) => item.nulls_first(),
                Some(false) => item.nulls_last(),
                None => item,
            };
            q = q.order_by([item]);
        }
        if let Some(n) = s.limit {
            q = q.limit(n);
        }
        if let Some(n) = s.offset {
            q = q.offset(n);
        }
        q
    }
}

impl Default for Schema {
    fn default() -> Self {
        Schema::new()
    }
}
