//! Foreign-key dependency order of tables, for creating and dropping them.

use crate::schema::{Table, TableName};

/// Tables in the order they can be created: every table after the tables
/// its foreign keys reference (self-references and references to tables
/// outside the list do not count).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DependencyOrder {
    /// Indexes into the table list, in creation order.
    pub order: Vec<usize>,
    /// Foreign keys, as (table index, index into its `foreign_keys`), that
    /// point forward in `order`: they close a cycle and must be added after
    /// the tables exist.
    pub deferred: Vec<(usize, usize)>,
    /// The first cycle found, as table names in reference order (empty
    /// when there is none).
    pub cycle: Vec<String>,
}

fn refers(target: &TableName, table: &Table) -> bool {
    target.name == table.name.name
        && (target.schema.is_none()
            || table.name.schema.is_none()
            || target.schema == table.name.schema)
}

/// For each table, the indexes of the other tables it references.
fn edges(tables: &[Table]) -> Vec<Vec<usize>> {
    tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut out: Vec<usize> = Vec::new();
            for fk in &t.foreign_keys {
                for (j, other) in tables.iter().enumerate() {
                    if j != i && refers(&fk.ref_table, other) && !out.contains(&j) {
                        out.push(j);
                    }
                }
            }
            out
        })
        .collect()
}

/// Sorts `tables` by foreign-key dependency, keeping the given order where
/// there is no dependency. A cycle is broken at the first table (in the
/// given order) of the remaining ones: its foreign keys to tables not yet
/// placed are deferred.
pub fn dependency_order(tables: &[Table]) -> DependencyOrder {
    let deps = edges(tables);
    let n = tables.len();
    let mut placed = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut deferred = Vec::new();
    let mut cycle = Vec::new();
    while order.len() < n {
        let ready = (0..n).find(|&i| !placed[i] && deps[i].iter().all(|&j| placed[j]));
        let i = match ready {
            Some(i) => i,
            None => {
                let Some(start) = (0..n).find(|&i| !placed[i]) else {
                    break;
                };
                if cycle.is_empty() {
                    cycle = find_cycle(tables, &deps, &placed, start);
                }
                for (k, fk) in tables[start].foreign_keys.iter().enumerate() {
                    let forward = (0..n)
                        .any(|j| j != start && !placed[j] && refers(&fk.ref_table, &tables[j]));
                    if forward {
                        deferred.push((start, k));
                    }
                }
                start
            }
        };
        placed[i] = true;
        order.push(i);
    }
    DependencyOrder {
        order,
        deferred,
        cycle,
    }
}

fn find_cycle(tables: &[Table], deps: &[Vec<usize>], placed: &[bool], start: usize) -> Vec<String> {
    let mut path = vec![start];
    let mut at = start;
    while let Some(&next) = deps[at].iter().find(|&&j| !placed[j]) {
        if let Some(pos) = path.iter().position(|&p| p == next) {
            let mut names: Vec<String> = path[pos..]
                .iter()
                .map(|&i| tables[i].name.to_string())
                .collect();
            names.push(tables[next].name.to_string());
            return names;
        }
        path.push(next);
        at = next;
    }
    path.iter().map(|&i| tables[i].name.to_string()).collect()
}
