sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        age: BigInteger [not_null, default("old")],
    }
}

fn main() {
    let users = Users::new();
    let _ = users.id.eq(None);
}
