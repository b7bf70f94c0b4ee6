sqlexpr::table! {
    pub struct Teams = "teams" {
        id: Integer [primary_key],
        season: Integer [primary_key],
    }
}

sqlexpr::table! {
    pub struct Users = "users" {
        id: Integer [primary_key],
        team_id: Integer,
    }
    foreign_key(team_id) references Teams(id, season);
}

fn main() {}
