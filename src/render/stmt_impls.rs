//! [`Render`], `Display` and inherent `compile` for the DML and DDL
//! statements.

use std::fmt;

use crate::render::ddl as rddl;
use crate::render::{display, Compiled, Dialect, Render, RenderCtx, SqlWriter};

use crate::stmt::ddl::{CommentOn, CreateEnumType, DropEnumType};
use crate::stmt::{
    AlterTable, CreateIndex, CreateTable, Ddl, Delete, DropIndex, DropTable, Insert, Update,
};
use crate::Result;

impl Render for Insert {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_insert(w, self, RenderCtx::top())
    }

    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        self.returning.iter().map(crate::Expr::sql_type).collect()
    }
}

impl Render for Update {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_update(w, self, RenderCtx::top())
    }

    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        self.returning.iter().map(crate::Expr::sql_type).collect()
    }
}

impl Render for Delete {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_delete(w, self, RenderCtx::top())
    }

    fn column_types(&self) -> Vec<Option<crate::SqlType>> {
        self.returning.iter().map(crate::Expr::sql_type).collect()
    }
}

impl Render for CreateTable {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_create_table(w, self)
    }
}

impl Render for DropTable {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_drop_table(w, self)
    }
}

impl Render for CreateIndex {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_create_index(w, self)
    }
}

impl Render for DropIndex {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_drop_index(w, self)
    }
}

impl Render for AlterTable {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        let d = w.dialect();
        d.render_alter_table(w, self)
    }
}

impl Render for CreateEnumType {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        rddl::render_create_enum_type(w, self)
    }
}

impl Render for DropEnumType {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        rddl::render_drop_enum_type(w, self)
    }
}

impl Render for CommentOn {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        rddl::render_comment_on(w, self)
    }
}

impl Render for Ddl {
    fn render(&self, w: &mut SqlWriter<'_>) -> Result<()> {
        match self {
            Ddl::CreateTable(s) => s.render(w),
            Ddl::DropTable(s) => s.render(w),
            Ddl::CreateIndex(s) => s.render(w),
            Ddl::DropIndex(s) => s.render(w),
            Ddl::AlterTable(s) => s.render(w),
            Ddl::CreateEnumType(s) => s.render(w),
            Ddl::DropEnumType(s) => s.render(w),
            Ddl::CommentOn(s) => s.render(w),
        }
    }
}

macro_rules! display_and_compile {
    ($($t:ty),*) => {
        $(
            impl fmt::Display for $t {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    display(self, f)
                }
            }
        )*
        inherent_compile!($($t),*);
    };
}

display_and_compile!(
    Insert,
    Update,
    Delete,
    CreateTable,
    DropTable,
    CreateIndex,
    DropIndex,
    AlterTable,
    CreateEnumType,
    DropEnumType,
    CommentOn,
    Ddl
);
