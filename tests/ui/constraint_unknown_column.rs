sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        name: Text [not_null],
    }
    unique(id, nmae);
}

sqlexpr::table! {
    pub struct Posts = "posts" {
        id: Integer [primary_key],
        author: Integer [references(Users.uid)],
    }
}

fn main() {}
