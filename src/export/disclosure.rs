//! Disclosure control for microdata (C11): k-anonymity over the quasi-identifiers.
//!
//! The way sdcMicro works, in two steps: a global recode of the age band along its hierarchy
//! (6-7 | 8-12 | 13-17 → 6-12 | 13-17 → 6-17), then local suppression of single values in the
//! records still in a group smaller than k. The recode level chosen is the one that changes the
//! fewest values in all (recoded bands, suppressed values, and the answers they would betray), so
//! a small pilot is not flattened to one age band for the sake of three children.
//!
//! A suppressed value is released as [`SUPPRESSED`], a category of its own: every released
//! combination, suppressed values included, occurs at least k times. Records that cannot be
//! made safe even with every quasi-identifier suppressed (fewer than k of them in all) are
//! withheld, and the export says how many.

use std::collections::HashMap;

/// What a suppressed cell holds in every export.
pub const SUPPRESSED: &str = "suppressed";

/// The age band's generalisation hierarchy: level 0 is the band itself.
pub const AGE_BAND_LEVELS: usize = 3;

/// Records are planned on small codes, not text: 100,000 sessions then take a few megabytes.
/// Each quasi-identifier's values are numbered by the caller; a suppressed value is this code.
pub const SUPPRESSED_CODE: u32 = u32::MAX;

/// The age band's codes (the first quasi-identifier, when it is the age band): the bands, then
/// their generalisations.
pub const BAND_CODES: [&str; 5] = ["6-7", "8-12", "13-17", "6-12", "6-17"];

fn generalised_code(code: u32, level: usize) -> u32 {
    let band = BAND_CODES.get(code as usize).copied().unwrap_or("6-17");
    let released = generalised_band(band, level);
    BAND_CODES.iter().position(|b| *b == released).unwrap_or(4) as u32
}

/// The band released for `band` at `level`.
pub fn generalised_band(band: &str, level: usize) -> String {
    match (level, band) {
        (0, b) => b.to_string(),
        (1, "6-7" | "8-12") => "6-12".to_string(),
        (1, b) => b.to_string(),
        _ => "6-17".to_string(),
    }
}

/// The bands a released band stands for.
pub fn bands_in(released: &str) -> &'static [&'static str] {
    match released {
        "6-7" => &["6-7"],
        "8-12" => &["8-12"],
        "13-17" => &["13-17"],
        "6-12" => &["6-7", "8-12"],
        _ => &["6-7", "8-12", "13-17"],
    }
}

/// The protection chosen for a set of records.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub k: usize,
    /// The age band's recode level (0: as given). Meaningful when the first quasi-identifier
    /// is the age band.
    pub age_level: usize,
    /// Per record: the released quasi-identifier codes ([`SUPPRESSED_CODE`] where suppressed).
    pub released: Vec<Vec<u32>>,
    /// Per record: whether it is left out altogether.
    pub withheld: Vec<bool>,
    /// Per quasi-identifier: how many values were suppressed.
    pub suppressed: Vec<usize>,
    /// How many age bands were recoded.
    pub recoded: usize,
}

impl Plan {
    pub fn withheld_count(&self) -> usize {
        self.withheld.iter().filter(|w| **w).count()
    }
}

/// Makes `records` (one value per quasi-identifier each) k-anonymous. `age_band_first`: the
/// first quasi-identifier is the age band and may be recoded. `cost_of_recoding(record,
/// released_band)` and `cost_of_suppressing(record, qi)` count the extra values each change
/// hides (the answers of age-banded questions, say), so the cheaper protection wins.
pub fn protect(
    records: &[Vec<u32>],
    k: usize,
    age_band_first: bool,
    cost_of_recoding: &dyn Fn(usize, &str) -> usize,
    cost_of_suppressing: &dyn Fn(usize, usize) -> usize,
) -> Plan {
    let qis = records.first().map_or(0, Vec::len);
    let levels = if age_band_first && qis > 0 && k > 1 { AGE_BAND_LEVELS } else { 1 };
    let mut best: Option<(usize, Plan)> = None;
    for level in 0..levels {
        let mut released = records.to_vec();
        let mut recoded = 0;
        let mut cost = 0;
        if level > 0 {
            for (i, r) in released.iter_mut().enumerate() {
                let band = generalised_code(r[0], level);
                if band != r[0] {
                    recoded += 1;
                    cost += 1 + cost_of_recoding(i, BAND_CODES[band as usize]);
                    r[0] = band;
                }
            }
        }
        let (withheld, suppressed) = suppress_locally(&mut released, k, cost_of_suppressing);
        // A suppressed value loses more than a recoded one (6-12 still says something).
        for (i, r) in released.iter().enumerate() {
            for (q, v) in r.iter().enumerate() {
                if *v == SUPPRESSED_CODE && records[i][q] != SUPPRESSED_CODE {
                    cost += 2 + cost_of_suppressing(i, q);
                }
            }
        }
        // A withheld record loses everything it holds: never cheaper than suppressing.
        cost += withheld.iter().filter(|w| **w).count() * 1000;
        let plan = Plan { k, age_level: level, released, withheld, suppressed, recoded };
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, plan));
        }
    }
    best.map(|(_, p)| p).unwrap_or(Plan {
        k,
        age_level: 0,
        released: Vec::new(),
        withheld: Vec::new(),
        suppressed: vec![0; qis],
        recoded: 0,
    })
}

/// Local suppression, group by group: a combination held by fewer than k records is merged
/// with the group it costs least to merge with, by suppressing (in both) the values where the
/// two differ. Merged groups only grow, so this ends; a group left alone and still too small is
/// withheld. Returns the withheld records and the values suppressed per QI.
///
/// Suppressed values form a category of their own (an attacker who knows a child's site must
/// not find them among records that merely hide theirs), which is why a rare record takes its
/// nearest neighbours with it rather than only blanking its own value as sdcMicro's default does.
fn suppress_locally(
    released: &mut [Vec<u32>],
    k: usize,
    cost_of_suppressing: &dyn Fn(usize, usize) -> usize,
) -> (Vec<bool>, Vec<usize>) {
    let qis = released.first().map_or(0, Vec::len);
    let mut suppressed = vec![0; qis];
    let mut withheld = vec![false; released.len()];
    if k <= 1 || released.is_empty() {
        return (withheld, suppressed);
    }
    // Each group: its records, and what suppressing each QI in all of them costs.
    struct Group {
        members: Vec<usize>,
        cost: Vec<usize>,
    }
    let mut groups: HashMap<Vec<u32>, Group> = HashMap::new();
    for (i, r) in released.iter().enumerate() {
        let g = groups.entry(r.clone()).or_insert_with(|| Group { members: Vec::new(), cost: vec![0; qis] });
        g.members.push(i);
        for (q, c) in g.cost.iter_mut().enumerate() {
            *c += 1 + cost_of_suppressing(i, q);
        }
    }
    loop {
        // The smallest unsafe group first (ties: by its values, so runs are repeatable).
        let Some(small) = groups
            .iter()
            .filter(|(_, g)| g.members.len() < k)
            .min_by(|a, b| a.1.members.len().cmp(&b.1.members.len()).then_with(|| a.0.cmp(b.0)))
            .map(|(t, _)| t.clone())
        else {
            break;
        };
        let mut best: Option<(usize, Vec<u32>, Vec<u32>)> = None;
        for (other, group) in &groups {
            if *other == small {
                continue;
            }
            let merged: Vec<u32> =
                (0..qis).map(|q| if small[q] == other[q] { small[q] } else { SUPPRESSED_CODE }).collect();
            let mut cost = 0;
            for q in (0..qis).filter(|&q| merged[q] == SUPPRESSED_CODE) {
                if small[q] != SUPPRESSED_CODE {
                    cost += groups[&small].cost[q];
                }
                if other[q] != SUPPRESSED_CODE {
                    cost += group.cost[q];
                }
            }
            if best.as_ref().is_none_or(|(c, t, _)| cost < *c || (cost == *c && other < t)) {
                best = Some((cost, other.clone(), merged));
            }
        }
        let Some((_, other, merged)) = best else {
            for &i in &groups[&small].members {
                withheld[i] = true;
            }
            groups.remove(&small);
            continue;
        };
        let a = groups.remove(&small).expect("present");
        let b = groups.remove(&other).expect("present");
        let mut members = a.members;
        members.extend(b.members);
        let mut cost: Vec<usize> = a.cost.iter().zip(&b.cost).map(|(x, y)| x + y).collect();
        for &i in &members {
            for q in 0..qis {
                if merged[q] == SUPPRESSED_CODE && released[i][q] != SUPPRESSED_CODE {
                    released[i][q] = SUPPRESSED_CODE;
                    suppressed[q] += 1;
                }
            }
        }
        // A group already holding the merged values takes them in.
        if let Some(existing) = groups.remove(&merged) {
            members.extend(existing.members);
            cost = cost.iter().zip(&existing.cost).map(|(x, y)| x + y).collect();
        }
        groups.insert(merged, Group { members, cost });
    }
    (withheld, suppressed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn no_cost(_: usize, _: &str) -> usize {
        0
    }
    fn no_cost2(_: usize, _: usize) -> usize {
        0
    }

    /// Strings to codes and back: the age band by [`BAND_CODES`], other values numbered.
    struct Coded {
        dict: Vec<Vec<String>>,
    }

    impl Coded {
        fn encode(rows: &[Vec<String>]) -> (Coded, Vec<Vec<u32>>) {
            let qis = rows.first().map_or(0, Vec::len);
            let mut dict: Vec<Vec<String>> = vec![Vec::new(); qis];
            if qis > 0 {
                dict[0] = BAND_CODES.iter().map(|b| b.to_string()).collect();
            }
            let coded = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(q, v)| match dict[q].iter().position(|x| x == v) {
                            Some(c) => c as u32,
                            None => {
                                dict[q].push(v.clone());
                                dict[q].len() as u32 - 1
                            }
                        })
                        .collect()
                })
                .collect();
            (Coded { dict }, coded)
        }

        fn decode(&self, plan: &Plan) -> Vec<Vec<String>> {
            plan.released
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(q, c)| {
                            if *c == SUPPRESSED_CODE {
                                SUPPRESSED.to_string()
                            } else {
                                self.dict[q][*c as usize].clone()
                            }
                        })
                        .collect()
                })
                .collect()
        }
    }

    /// `protect` on text values: (the plan, its released values as text).
    fn protect_text(
        rows: &[Vec<String>],
        k: usize,
        age_first: bool,
        recode: &dyn Fn(usize, &str) -> usize,
        suppress: &dyn Fn(usize, usize) -> usize,
    ) -> (Plan, Vec<Vec<String>>) {
        let (coded, records) = Coded::encode(rows);
        let plan = protect(&records, k, age_first, recode, suppress);
        let text = coded.decode(&plan);
        (plan, text)
    }

    fn records(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
    }

    /// The property every export relies on: each released combination occurs at least k times.
    fn assert_k_anonymous(plan: &Plan) {
        let mut counts: HashMap<&Vec<u32>, usize> = HashMap::new();
        for (r, w) in plan.released.iter().zip(&plan.withheld) {
            if !w {
                *counts.entry(r).or_default() += 1;
            }
        }
        for (combination, n) in counts {
            assert!(n >= plan.k, "{combination:?} occurs {n} times, fewer than k = {}", plan.k);
        }
    }

    #[test]
    fn a_rare_combination_loses_one_value_not_the_record() {
        let mut rows: Vec<&[&str]> = vec![&["8-12", "girl", "north", "fr"]; 5];
        rows.extend(vec![&["8-12", "boy", "north", "fr"] as &[&str]; 5]);
        rows.push(&["8-12", "girl", "south", "fr"]);
        let (plan, text) = protect_text(&records(&rows), 5, true, &no_cost, &no_cost2);
        assert_k_anonymous(&plan);
        assert_eq!(plan.withheld_count(), 0);
        assert_eq!(text[10], ["8-12", "girl", SUPPRESSED, "fr"], "the site goes: it joins the girls of north");
        assert!(text[..5].iter().all(|r| r[2] == SUPPRESSED), "who hide theirs too");
        assert!(text[5..10].iter().all(|r| r[2] == "north"), "the boys keep theirs");
        assert_eq!(plan.suppressed, [0, 0, 6, 0]);
        assert_eq!(plan.age_level, 0);
    }

    #[test]
    fn k_of_one_changes_nothing() {
        let rows = records(&[&["6-7", "girl"], &["13-17", "boy"]]);
        let (plan, text) = protect_text(&rows, 1, true, &no_cost, &no_cost2);
        assert_eq!(text, rows);
        assert_eq!(plan.withheld_count(), 0);
    }

    #[test]
    fn fewer_records_than_k_are_withheld() {
        // (With k records or more, the smallest group always has a partner to merge with.)
        let rows = records(&[&["6-7", "girl"], &["13-17", "boy"], &["13-17", "boy"]]);
        let (plan, _) = protect_text(&rows, 5, true, &no_cost, &no_cost2);
        assert_eq!(plan.withheld_count(), 3);
        assert_k_anonymous(&plan);
    }

    #[test]
    fn neighbouring_bands_merge_when_that_changes_less() {
        // Three 6-7 year-olds among many 8-12s: merging the bands recodes every 6-7 and 8-12
        // record, suppressing recodes three values. With recoding cheap and suppression costly
        // (the answers an age band betrays), merging wins.
        let mut rows: Vec<&[&str]> = vec![&["6-7", "girl"]; 3];
        rows.extend(vec![&["8-12", "girl"] as &[&str]; 6]);
        let rows = records(&rows);
        let (plan, text) = protect_text(&rows, 5, true, &no_cost, &|_, _| 100);
        assert_eq!(plan.age_level, 1);
        assert!(text.iter().all(|r| r[0] == "6-12"), "{text:?}");
        assert_k_anonymous(&plan);
        // With recoding costly (it would hide many answers), they lose their band instead.
        let (plan, _) = protect_text(&rows, 5, true, &|_, _| 100, &no_cost2);
        assert_eq!(plan.age_level, 0);
        assert_k_anonymous(&plan);
    }

    #[test]
    fn random_data_is_always_k_anonymous() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        let bands = ["6-7", "8-12", "13-17"];
        let genders = ["girl", "boy", "other", "rather_not_say", ""];
        let sites = ["a", "b", "c", "d"];
        let langs = ["en", "fr", "es", "ar"];
        for round in 0..300 {
            let n = rng.random_range(0..120);
            let k = rng.random_range(1..8);
            let site_count = rng.random_range(1..5);
            let rows: Vec<Vec<String>> = (0..n)
                .map(|_| {
                    vec![
                        bands[rng.random_range(0..3)].to_string(),
                        genders[rng.random_range(0..5)].to_string(),
                        sites[rng.random_range(0..site_count)].to_string(),
                        langs[rng.random_range(0..4)].to_string(),
                    ]
                })
                .collect();
            let (plan, text) = protect_text(&rows, k, round % 2 == 0, &no_cost, &|_, q| q);
            assert_k_anonymous(&plan);
            assert_eq!(plan.released.len(), n);
            for (orig, rel) in rows.iter().zip(&text) {
                for (q, (o, r)) in orig.iter().zip(rel).enumerate() {
                    let kept = r == o || r == SUPPRESSED || (q == 0 && bands_in(r).contains(&o.as_str()));
                    assert!(kept, "a released value is the original, its generalisation or suppressed: {o} → {r}");
                }
            }
            if n >= k {
                assert_eq!(plan.withheld_count(), 0, "with k records or more, every group finds a partner");
            }
        }
    }
}
