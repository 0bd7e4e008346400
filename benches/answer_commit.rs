//! Time from "answer given" to committed row, as a child's tap goes: the engine accepts the
//! answer, the store commits it (WAL, synchronous=FULL) on a real SQLCipher-encrypted file. Measured on an empty
//! database and on one holding 100,000 finalised sessions.
//!
//! Run: cargo bench --no-default-features --bench answer_commit
//! (the core needs no UI; results go in BENCHMARKS.md)

use std::sync::Arc;
use std::time::{Duration, Instant};

use cercle::engine::{Answer, Survey};
use cercle::form::{AgeBand, Kind};
use cercle::lang::Lang;
use cercle::store::{KdfParams, Store};

const SAMPLES: usize = 2_000;

fn measure(store: &Store) -> Vec<Duration> {
    let form = Arc::new(store.form("cercle_participation").unwrap());
    let mut rng = rand::rng();
    let mut times = Vec::with_capacity(SAMPLES);
    while times.len() < SAMPLES {
        let record = store.start_session(&form, Lang::Fr, AgeBand::Age8To12, &mut rng).unwrap();
        let mut survey = Survey::new(form.clone(), Lang::Fr, AgeBand::Age8To12);
        while !survey.at_end() && times.len() < SAMPLES {
            let questions: Vec<_> = survey.current().into_iter().cloned().collect();
            for q in questions.iter().filter(|q| q.kind != Kind::Note) {
                let answer = match form.choices(q).first() {
                    Some(c) => Answer::Value(c.name.clone()),
                    None => Answer::RatherNotSay,
                };
                let started = Instant::now();
                // What the app does for a tap: the engine records, the store commits it all.
                survey.answer(&q.name, answer).unwrap();
                store.save_changes(record.id, &survey.drain_changes(), None).unwrap();
                times.push(started.elapsed());
            }
            survey.next().unwrap();
            store.save_position(record.id, survey.position()).unwrap();
        }
    }
    times
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{label}: n={} median={:.3} ms p99={:.3} ms max={:.3} ms",
        times.len(),
        pct(0.5).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
}

fn main() {
    let sessions: usize = std::env::var("CERCLE_BENCH_SESSIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    // The KDF runs once per unlock, not per answer: time it apart, with the app's real cost.
    let params = KdfParams::new_default();
    let started = Instant::now();
    params.derive("a passphrase for the benchmark").unwrap();
    println!(
        "KDF (Argon2id, {} MiB, {} passes): {:.0} ms per unlock",
        params.memory_kib / 1024,
        params.iterations,
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut store = Store::create(dir.path(), "a passphrase for the benchmark", KdfParams::with_cost(1024, 1)).unwrap();
    report("empty database", measure(&store));

    let started = Instant::now();
    cercle::simulate::run(&mut store, "cercle_participation", sessions, 9).unwrap();
    println!("(filled {sessions} sessions in {:.1} s)", started.elapsed().as_secs_f64());
    report(&format!("{sessions} stored sessions"), measure(&store));
    let size = std::fs::metadata(Store::file_in(dir.path())).map(|m| m.len()).unwrap_or(0);
    println!("(database file: {:.1} MiB)", size as f64 / (1024.0 * 1024.0));
}
