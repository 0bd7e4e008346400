//! Time from "answer given" to committed row, as a child's tap goes: the engine accepts the
//! answer, the store commits it (WAL, synchronous=FULL) on a real SQLCipher-encrypted file;
//! beside it, in the same run on the same file, a bare INSERT + COMMIT of the same row (the
//! storage limit). Measured on an empty database and on one holding 100,000 finalised sessions.
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

/// Times, per tap: Cercle's answer path, and right after it on the same connection and file, a
/// bare INSERT + COMMIT of the same row (the storage limit: no engine, no savepoint).
fn measure(store: &Store) -> (Vec<Duration>, Vec<Duration>) {
    let form = Arc::new(store.form("cercle_participation").unwrap());
    let mut rng = rand::rng();
    let mut cercle = Vec::with_capacity(SAMPLES);
    let mut bare = Vec::with_capacity(SAMPLES);
    // The bare rows go to a session of their own, so they never touch the measured one's.
    let bare_session = store.start_session(&form, Lang::Fr, AgeBand::Age8To12, &mut rng).unwrap();
    while cercle.len() < SAMPLES {
        let record = store.start_session(&form, Lang::Fr, AgeBand::Age8To12, &mut rng).unwrap();
        let mut survey = Survey::new(form.clone(), Lang::Fr, AgeBand::Age8To12);
        while !survey.at_end() && cercle.len() < SAMPLES {
            let questions: Vec<_> = survey.current().into_iter().cloned().collect();
            for q in questions.iter().filter(|q| q.kind != Kind::Note) {
                let answer = match form.choices(q).first() {
                    Some(c) => Answer::Value(c.name.clone()),
                    None => Answer::RatherNotSay,
                };
                let value = answer.value().unwrap_or("").to_string();
                let started = Instant::now();
                // What the app does for a tap: the engine records, the store commits it all.
                survey.answer(&q.name, answer).unwrap();
                store.save_changes(record.id, &survey.drain_changes(), None).unwrap();
                cercle.push(started.elapsed());

                let started = Instant::now();
                store.bare_answer_commit_for_benchmarks(bare_session.id, &q.name, &value).unwrap();
                bare.push(started.elapsed());
            }
            survey.next().unwrap();
            store.save_position(record.id, survey.position()).unwrap();
        }
    }
    (cercle, bare)
}

fn median(times: &[Duration]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted[sorted.len() / 2].as_secs_f64() * 1e3
}

fn compare(label: &str, (cercle, bare): (Vec<Duration>, Vec<Duration>)) {
    let ratio = median(&cercle) / median(&bare);
    report(&format!("{label}, Cercle's answer path"), cercle);
    report(&format!("{label}, bare INSERT + COMMIT"), bare);
    println!("{label}: ratio of medians {ratio:.2} (target at most 1.30)");
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
    compare("empty database", measure(&store));

    let started = Instant::now();
    cercle::simulate::run(&mut store, "cercle_participation", sessions, 9).unwrap();
    println!("(filled {sessions} sessions in {:.1} s)", started.elapsed().as_secs_f64());
    compare(&format!("{sessions} stored sessions"), measure(&store));
    let size = std::fs::metadata(Store::file_in(dir.path())).map(|m| m.len()).unwrap_or(0);
    println!("(database file: {:.1} MiB)", size as f64 / (1024.0 * 1024.0));
}
