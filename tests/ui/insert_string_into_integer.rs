sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        name: Text [not_null],
        age: Integer,
    }
}

fn main() {
    let users = Users::new();
    let _ = sqlexpr::insert(&users).value(&users.id, "x");
    let _ = sqlexpr::insert(&users).value(&users.age, 1.5);
    let _ = sqlexpr::insert(&users).row([users.age.to("x")]);
}
