sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        name: Text [not_null],
        age: BigInteger,
    }
}

fn main() {
    let users = Users::new();
    let _ = sqlexpr::update(&users).set(&users.age, "x");
    let _ = sqlexpr::update(&users).set(&users.age, &users.name);
    let _ = sqlexpr::update(&users).set(&users.name, None);
}
