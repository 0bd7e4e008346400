//! Repeats at their largest: a repeat of 20 questions (skip logic, a constraint and a
//! calculation in each instance, a sum and a count over all instances outside it), filled to
//! the 50-instance cap. Peers slow down here (ODK Collect: ~10 s at 60 repeats, openrosa.md), so
//! each step a child takes is timed: adding an instance, answering in the last one, removing
//! the first (which renumbers all the others).
//!
//! Run: cargo bench --no-default-features --bench repeats (results go in BENCHMARKS.md)

use std::sync::Arc;
use std::time::{Duration, Instant};

use cercle::engine::{Answer, Survey};
use cercle::form::{AgeBand, Form, MAX_REPEAT_INSTANCES};
use cercle::lang::Lang;

const PER_INSTANCE: usize = 20;

fn form() -> Form {
    let mut rows = Vec::new();
    for q in 0..PER_INSTANCE {
        let relevant = if q > 0 { format!(r#", "relevant": "${{r{}}} != 'no'""#, q - 1) } else { String::new() };
        let constraint = if q % 5 == 0 { r#", "constraint": ". != 'maybe' or position(..) > 0""# } else { "" };
        rows.push(format!(
            r#"{{"type": "select_one", "name": "r{q}", "list": "ymn", "label": {{"en": "Q{q}"}}{relevant}{constraint}}}"#
        ));
    }
    rows.push(
        r#"{"type": "calculate", "name": "yeses", "calculation": "count-selected(concat(${r0}, ' ', ${r1}))"}"#.into(),
    );
    let json = format!(
        r#"{{"id": "big_repeat", "version": "1", "title": {{"en": "R"}}, "default_language": "en", "languages": ["en"],
            "choice_lists": {{"ymn": [{{"name": "yes", "label": {{"en": "Yes"}}}}, {{"name": "maybe", "label": {{"en": "Maybe"}}}}, {{"name": "no", "label": {{"en": "No"}}}}]}},
            "body": [
              {{"type": "repeat", "name": "rep", "label": {{"en": "Rep"}}, "children": [{}]}},
              {{"type": "calculate", "name": "total", "calculation": "sum(${{yeses}})"}},
              {{"type": "calculate", "name": "instances", "calculation": "count(${{rep}})"}}
            ]}}"#,
        rows.join(",")
    );
    Form::from_json(&json).unwrap()
}

fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label}: n={} median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[(times.len() - 1) * 99 / 100]),
        ms(*times.last().unwrap())
    );
}

fn main() {
    let form = Arc::new(form());
    let mut survey = Survey::new(form, Lang::En, AgeBand::Age8To12);
    let (mut adds, mut answers) = (Vec::new(), Vec::new());
    for k in 0..MAX_REPEAT_INSTANCES {
        // The add-another screen comes last before the end.
        survey.go_to(survey.screen_count() - 1);
        let started = Instant::now();
        survey.add_instance().unwrap();
        adds.push(started.elapsed());
        for q in 0..PER_INSTANCE {
            let value = if (q + k) % 7 == 0 { "maybe" } else { "yes" };
            let started = Instant::now();
            survey.answer(&format!("r{q}"), Answer::Value(value.into())).unwrap();
            let _ = survey.drain_changes();
            answers.push(started.elapsed());
            survey.next().unwrap();
        }
    }
    survey.drain_changes();
    report(&format!("add an instance (1st to {MAX_REPEAT_INSTANCES}th, {PER_INSTANCE} questions each)"), adds);
    report("one answer in an instance (all instances so far answered)", answers);

    // In the last instance: an answer that hides the 19 questions after it and changes the sum.
    let last = survey.screen_count() - 1 - PER_INSTANCE;
    let mut flips = Vec::new();
    for i in 0..200 {
        survey.go_to(last);
        let started = Instant::now();
        survey.answer("r0", Answer::Value(if i % 2 == 0 { "no" } else { "yes" }.into())).unwrap();
        let _ = survey.drain_changes();
        flips.push(started.elapsed());
    }
    report(&format!("one answer in instance {MAX_REPEAT_INSTANCES} that hides or shows its other questions"), flips);

    survey.go_to(survey.screen_count() - 1);
    let started = Instant::now();
    survey.remove_instance(1).unwrap();
    let renumbered = survey.drain_changes().len();
    println!(
        "remove the first of {MAX_REPEAT_INSTANCES} instances ({renumbered} answers renumbered or cleared): {:.3} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
}
