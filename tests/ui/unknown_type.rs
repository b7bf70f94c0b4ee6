sqlexpr::table! {
    pub struct Users = "users" {
        id: Integr [primary_key],
        name: Text [not_nul],
    }
}

fn main() {}
