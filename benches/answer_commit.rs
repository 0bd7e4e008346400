//! Time from "answer given" to committed row, as a child's tap goes through the facilitator
//! layer: the engine accepts the answer, the store commits it (WAL, synchronous=FULL) on a real
//! SQLCipher-encrypted file;
//! beside it, in the same run on the same file, a bare INSERT + COMMIT of the same row (the
//! storage limit). Measured on an empty database and on one holding 100,000 finalised sessions.
//!
//! Run: cargo bench --no-default-features --bench answer_commit
//! (the core needs no UI; results go in BENCHMARKS.md)

use std::time::{Duration, Instant};

use cercle::engine::Answer;
use cercle::form::{AgeBand, Kind};
use cercle::lang::Lang;
use cercle::service::{Device, Facilitator, FrontEnd};
use cercle::store::{KdfParams, Store};

const SAMPLES: usize = 2_000;

/// Times, per tap: Cercle's answer path as the window takes it (`Facilitator::choose` or
/// `toggle_state`: the engine, then one savepoint committed), and right after it on the same
/// connection and file, a bare INSERT + COMMIT of a row of the same shape (the storage limit).
fn measure(fac: &mut Facilitator) -> (Vec<Duration>, Vec<Duration>) {
    let mut cercle = Vec::with_capacity(SAMPLES);
    let mut bare = Vec::with_capacity(SAMPLES);
    // The bare rows go to a session of their own, so they never touch the measured one's.
    fac.start_session("cercle_participation", Lang::Fr, AgeBand::Age8To12, true).unwrap();
    let bare_session = fac.child().unwrap().record.id;
    fac.close_session();
    while cercle.len() < SAMPLES {
        fac.start_session("cercle_participation", Lang::Fr, AgeBand::Age8To12, true).unwrap();
        fac.assent(true).unwrap();
        fac.limits_understood();
        while !fac.child().unwrap().survey.at_end() && cercle.len() < SAMPLES {
            let survey = &fac.child().unwrap().survey;
            let form = survey.form().clone();
            let questions: Vec<_> = survey.current().into_iter().filter(|q| q.kind != Kind::Note).cloned().collect();
            for q in questions {
                let choice = form.choices(&q).first().map(|c| c.name.clone());
                let started = Instant::now();
                match &choice {
                    Some(c) => fac.choose(&q.name, c).unwrap(),
                    None => fac.toggle_state(&q.name, Answer::RatherNotSay).unwrap(),
                }
                cercle.push(started.elapsed());

                // A new row each time, as the child's answers are: rewriting a row with the
                // same value commits nothing to disk and would flatter the bare side.
                let key = format!("{}.{}", q.name, bare.len());
                let value = choice.unwrap_or_default();
                let started = Instant::now();
                fac.store().bare_answer_commit_for_benchmarks(bare_session, &key, &value).unwrap();
                bare.push(started.elapsed());
            }
            fac.step(true).unwrap();
        }
        fac.close_session();
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
    let mut device = Device::open(dir.path());
    let pass = "a passphrase for the benchmark";
    let mut fac = device.create_with(pass, KdfParams::with_cost(1024, 1), FrontEnd::Window).unwrap();
    compare("empty database", measure(&mut fac));

    let started = Instant::now();
    fac.simulate("cercle_participation", sessions, 9).unwrap();
    println!("(filled {sessions} sessions in {:.1} s)", started.elapsed().as_secs_f64());
    compare(&format!("{sessions} stored sessions"), measure(&mut fac));
    // Unlocking checks the file's integrity before anything is written: its cost grows with
    // the file. Measured with the cheap KDF used here, so this is the check and the opening.
    fac.lock().unwrap();
    let started = Instant::now();
    let fac = Device::open(dir.path()).unlock(pass, FrontEnd::Cli).unwrap();
    println!(
        "unlock with the integrity check, {sessions} sessions: {:.0} ms (KDF apart)",
        started.elapsed().as_secs_f64() * 1e3
    );
    drop(fac);
    let size = std::fs::metadata(Store::file_in(dir.path())).map(|m| m.len()).unwrap_or(0);
    println!("(database file: {:.1} MiB)", size as f64 / (1024.0 * 1024.0));
}
