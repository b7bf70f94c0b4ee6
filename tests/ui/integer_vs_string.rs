sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        name: Text [not_null],
    }
}

fn main() {
    let users = Users::new();
    let _ = users.id.eq("x");
    let _ = users.id.eq(&users.name);
    let _ = users.id.like("1%");
}
