//! Cell suppression for the report's frequency tables (C11).
//!
//! Primary suppression hides every count below the threshold. Complementary (secondary)
//! suppression then hides more cells until no hidden cell can be worked out from what is shown:
//! a table is a set of cells and of *lines*, each line a list of cells that add up to another
//! cell (a row adds up to its row total, a column to its column total, the totals to the grand
//! total). A line with exactly one hidden cell gives it away, so one more cell of that line is
//! hidden: the smallest shown one, preferring inner cells over totals (sdcTable's and Statistics
//! Norway's rule of thumb). Repeated until no line has exactly one hidden cell.
//!
//! `tests::no_hidden_cell_can_be_derived` checks the result the attacker's way: every hidden
//! primary cell can take at least two values consistent with everything shown.

/// A table of counts with the sums that are published beside them.
#[derive(Debug, Clone)]
pub struct Table {
    pub counts: Vec<u64>,
    /// Each line: (the cells that add up, the cell holding their sum).
    pub lines: Vec<(Vec<usize>, usize)>,
    /// Cells that are totals (hidden last when a complement is needed).
    pub totals: Vec<bool>,
}

/// Which cells are hidden, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    pub hidden: Vec<bool>,
    /// Hidden because below the threshold (the others were hidden to protect these).
    pub primary: Vec<bool>,
}

impl Suppression {
    pub fn primary_count(&self) -> usize {
        self.primary.iter().filter(|p| **p).count()
    }
    pub fn secondary_count(&self) -> usize {
        self.hidden.iter().zip(&self.primary).filter(|(h, p)| **h && !**p).count()
    }
}

/// Hides every count below `threshold` (zeros included: "nobody" is a count too), then the
/// complements. A threshold of 0 or 1 hides nothing below it except nothing.
pub fn suppress(table: &Table, threshold: u64) -> Suppression {
    let primary: Vec<bool> = table.counts.iter().map(|&c| c < threshold).collect();
    let mut hidden = primary.clone();
    loop {
        let mut changed = false;
        for (members, total) in &table.lines {
            let cells: Vec<usize> = members.iter().copied().chain(std::iter::once(*total)).collect();
            let hidden_here = cells.iter().filter(|&&c| hidden[c]).count();
            // Hidden members summing to a shown total of zero are all zero: as good as shown.
            let all_zero = !hidden[*total]
                && hidden_here > 0
                && members.iter().filter(|&&c| hidden[c]).map(|&c| table.counts[c]).sum::<u64>() == 0;
            if hidden_here != 1 && !all_zero {
                continue;
            }
            let pick =
                cells.iter().copied().filter(|&c| !hidden[c]).min_by_key(|&c| (table.totals[c], table.counts[c], c));
            if let Some(c) = pick {
                hidden[c] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    Suppression { hidden, primary }
}

/// A rows × columns table with row totals, column totals and a grand total, laid out as
/// `rows*cols` inner cells, then `rows` row totals, then `cols` column totals, then the grand
/// total. `columns_add_up`: false for select_multiple (a child counts in several rows), where
/// only the rows and the column bases add up.
pub fn crosstab(inner: &[Vec<u64>], bases: Option<&[u64]>) -> Table {
    let rows = inner.len();
    let cols = inner.first().map_or(0, Vec::len);
    let at = |r: usize, c: usize| r * cols + c;
    let row_total = |r: usize| rows * cols + r;
    let col_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    let mut counts: Vec<u64> = inner.iter().flatten().copied().collect();
    counts.extend(inner.iter().map(|r| r.iter().sum::<u64>()));
    let column_sums: Vec<u64> = match bases {
        Some(b) => b.to_vec(),
        None => (0..cols).map(|c| inner.iter().map(|r| r[c]).sum()).collect(),
    };
    counts.extend(column_sums.iter().copied());
    counts.push(column_sums.iter().sum());
    let mut lines = Vec::new();
    for r in 0..rows {
        lines.push(((0..cols).map(|c| at(r, c)).collect(), row_total(r)));
    }
    if bases.is_none() {
        for c in 0..cols {
            lines.push(((0..rows).map(|r| at(r, c)).collect(), col_total(c)));
        }
        lines.push(((0..rows).map(row_total).collect(), grand));
    }
    lines.push(((0..cols).map(col_total).collect(), grand));
    let mut totals = vec![false; counts.len()];
    for t in totals.iter_mut().skip(rows * cols) {
        *t = true;
    }
    Table { counts, lines, totals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    /// Every value a hidden cell can take given the shown cells and the lines (a search over
    /// small tables, pruned line by line): the attacker's view.
    fn feasible_values(table: &Table, hidden: &[bool]) -> Vec<std::collections::BTreeSet<u64>> {
        let unknown: Vec<usize> = (0..hidden.len()).filter(|&c| hidden[c]).collect();
        let everything: u64 = table.counts.iter().sum();
        // An unknown is at most the smallest shown total of a line it is in.
        let bound: Vec<u64> = (0..hidden.len())
            .map(|c| {
                table
                    .lines
                    .iter()
                    .filter(|(m, t)| m.contains(&c) && !hidden[*t])
                    .map(|(_, t)| table.counts[*t])
                    .min()
                    .unwrap_or(everything)
            })
            .collect();
        let mut values = vec![std::collections::BTreeSet::new(); table.counts.len()];
        let mut guess: Vec<Option<u64>> = (0..hidden.len()).map(|c| (!hidden[c]).then_some(table.counts[c])).collect();
        fn consistent(table: &Table, guess: &[Option<u64>]) -> bool {
            table.lines.iter().all(|(m, t)| {
                let Some(total) = guess[*t] else { return true };
                let mut sum = 0;
                let mut open = false;
                for &c in m {
                    match guess[c] {
                        Some(v) => sum += v,
                        None => open = true,
                    }
                }
                if open {
                    sum <= total
                } else {
                    sum == total
                }
            })
        }
        fn search(
            i: usize,
            unknown: &[usize],
            bound: &[u64],
            guess: &mut Vec<Option<u64>>,
            table: &Table,
            values: &mut [std::collections::BTreeSet<u64>],
        ) {
            if i == unknown.len() {
                for &c in unknown {
                    values[c].insert(guess[c].expect("assigned"));
                }
                return;
            }
            for v in 0..=bound[unknown[i]] {
                guess[unknown[i]] = Some(v);
                if consistent(table, guess) {
                    search(i + 1, unknown, bound, guess, table, values);
                }
            }
            guess[unknown[i]] = None;
        }
        search(0, &unknown, &bound, &mut guess, table, &mut values);
        values
    }

    #[test]
    fn one_small_cell_takes_a_neighbour_in_its_row_and_column() {
        let table = crosstab(&[vec![2, 10, 12], vec![8, 9, 11]], None);
        let s = suppress(&table, 5);
        assert!(s.hidden[0] && s.primary[0]);
        assert_eq!(s.primary_count(), 1);
        assert!(s.secondary_count() >= 3, "a row neighbour, a column neighbour and the cell closing the rectangle");
        assert!(!s.hidden[table.counts.len() - 1], "the grand total stays");
    }

    #[test]
    fn no_hidden_cell_can_be_derived() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let mut checked = 0;
        for round in 0..150 {
            let rows = rng.random_range(1..4);
            let cols = rng.random_range(1..4);
            let inner: Vec<Vec<u64>> = (0..rows).map(|_| (0..cols).map(|_| rng.random_range(0..9)).collect()).collect();
            let multiple = round % 3 == 0;
            let bases: Vec<u64> = (0..cols).map(|c| inner.iter().map(|r| r[c]).max().unwrap_or(0) + 1).collect();
            let table = crosstab(&inner, multiple.then_some(&bases[..]));
            let s = suppress(&table, 5);
            if s.hidden.iter().filter(|h| **h).count() > 6 {
                continue; // too many unknowns to search; smaller tables cover the rule
            }
            checked += 1;
            let values = feasible_values(&table, &s.hidden);
            for c in 0..table.counts.len() {
                if s.primary[c] {
                    assert!(s.hidden[c]);
                    assert!(
                        values[c].len() >= 2,
                        "cell {c} ({}) of {inner:?} can be worked out: {:?}",
                        table.counts[c],
                        values[c]
                    );
                }
            }
        }
        assert!(checked > 100, "only {checked} tables checked");
    }
}
