sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        name: Text [not_null],
    }
}

fn main() {
    let users = Users::new();
    let _ = users.nmae.eq("ann");
}
