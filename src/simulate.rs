//! Simulated sessions: answers N surveys through the same engine and store a child's tablet
//! uses, for demos, tests and benchmarks. A seed decides the answers, never the identities:
//! participant codes and instanceIDs are always random, as on a tablet, so two data folders
//! (or two forms) simulated with the same seed never share one.

use std::sync::Arc;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::engine::{Answer, Refusal, Survey};
use crate::form::{session_languages, AgeBand, Choice, Form, Kind, Node};
use crate::lang::Lang;
use crate::store::{Result, Store, StoreError};

/// Sessions written per transaction: one commit per answer (as on a tablet) would make a
/// 100,000-session benchmark corpus take hours; the answer path itself is the same code.
const SESSIONS_PER_COMMIT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub sessions: usize,
    pub answers: usize,
    pub rather_not_say: usize,
}

/// Answers and finalises `count` sessions of `form_id`.
pub fn run(store: &mut Store, form_id: &str, count: usize, seed: u64) -> Result<Summary> {
    let form = Arc::new(store.form(form_id)?);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut summary = Summary::default();
    let mut left = count;
    while left > 0 {
        let batch = left.min(SESSIONS_PER_COMMIT);
        store.in_transaction(|store| {
            for _ in 0..batch {
                one_session(store, &form, &mut rng, &mut summary)?;
            }
            Ok(())
        })?;
        left -= batch;
    }
    Ok(summary)
}

fn one_session(store: &Store, form: &Arc<Form>, rng: &mut StdRng, summary: &mut Summary) -> Result<()> {
    let langs = session_languages(form);
    let lang = langs[rng.random_range(0..langs.len())];
    let band = AgeBand::ALL[rng.random_range(0..AgeBand::ALL.len())];
    // Identities come from the system's generator, not the seed (see the module comment).
    let record = store.start_session(form, lang, band, &mut rand::rng())?;
    let mut survey = Survey::new(form.clone(), lang, band);
    store.save_changes(record.id, &survey.drain_changes(), None)?;
    while !survey.at_end() {
        let questions: Vec<Node> = survey.current().into_iter().cloned().collect();
        for q in questions.iter().filter(|q| q.kind != Kind::Note) {
            let choices: Vec<Choice> = survey.choices(q).into_iter().cloned().collect();
            let Some(answer) = pick(&choices, q, lang, rng) else {
                continue;
            };
            if let Ok(Some(stored)) = survey.answer(&q.name, answer) {
                if stored == Answer::RatherNotSay {
                    summary.rather_not_say += 1;
                }
                summary.answers += 1;
            }
            // The answer itself, then what the engine changed by itself.
            store.save_changes(record.id, &survey.drain_changes(), None)?;
        }
        if let Some(place) = survey.repeat_place().filter(|p| p.instance.is_none()) {
            // "Add another?": a child adds up to three, each time less likely.
            if place.count < 3 && rng.random_bool(0.6 / (place.count + 1) as f64) {
                survey.add_instance().expect("an add-another screen accepts an instance");
                store.save_changes(record.id, &survey.drain_changes(), None)?;
                store.save_position(record.id, survey.position())?;
                continue;
            }
        }
        let mut tries = 0;
        while let Err(refusal) = survey.next() {
            // A required question left open: the child chooses "I'd rather not say", or, where
            // the form does not offer it, answers after all.
            let Refusal::Required(q) = refusal else { break };
            let node = survey.current().into_iter().find(|n| n.name == q).cloned();
            let answered = survey.answer(&q, Answer::RatherNotSay).is_ok()
                || node.is_some_and(|n| {
                    let choices: Vec<Choice> = survey.choices(&n).into_iter().cloned().collect();
                    let value = pick(&choices, &n, lang, rng).filter(|a| matches!(a, Answer::Value(_)));
                    value.is_some_and(|v| survey.answer(&q, v).is_ok())
                });
            summary.answers += usize::from(answered);
            tries += 1;
            if tries > 100 {
                return Err(StoreError::Simulate(format!(
                    "the simulated child could not answer the required question '{q}'"
                )));
            }
        }
        store.save_changes(record.id, &survey.drain_changes(), None)?;
        store.save_position(record.id, survey.position())?;
    }
    store.finalise(record.id)?;
    summary.sessions += 1;
    Ok(())
}

/// A plausible answer: mostly a value, sometimes "rather not say", "don't know" or nothing.
fn pick(choices: &[Choice], q: &Node, lang: Lang, rng: &mut StdRng) -> Option<Answer> {
    let roll: f64 = rng.random();
    if roll < 0.05 {
        return None;
    }
    if q.rather_not_say && roll < 0.12 {
        return Some(Answer::RatherNotSay);
    }
    if q.dont_know && roll < 0.2 {
        return Some(Answer::DontKnow);
    }
    let value = match q.kind {
        Kind::SelectOne if !choices.is_empty() => choices[rng.random_range(0..choices.len())].name.clone(),
        Kind::SelectMultiple if !choices.is_empty() => {
            let n = rng.random_range(1..=choices.len().min(3));
            (0..n).map(|_| choices[rng.random_range(0..choices.len())].name.as_str()).collect::<Vec<_>>().join(" ")
        }
        Kind::Integer | Kind::Range => {
            let (min, max) = (q.min.unwrap_or(0), q.max.unwrap_or(10));
            rng.random_range(min..=max).to_string()
        }
        Kind::Text => {
            let phrases = PHRASES.iter().find(|(l, _)| *l == lang).map(|(_, p)| *p).unwrap_or(PHRASES[0].1);
            phrases[rng.random_range(0..phrases.len())].to_string()
        }
        Kind::Acknowledge => "OK".to_string(),
        _ => return None,
    };
    Some(Answer::Value(value))
}

/// Harmless free-text answers for simulated sessions, per language.
const PHRASES: [(Lang, &[&str]); 4] = [
    (Lang::En, &["More places to play", "Adults should listen more", "A safer way to school", "More time to talk"]),
    (
        Lang::Fr,
        &[
            "Plus d'endroits pour jouer",
            "Que les adultes écoutent plus",
            "Un chemin plus sûr pour l'école",
            "Plus de temps pour parler",
        ],
    ),
    (
        Lang::Es,
        &[
            "Más lugares para jugar",
            "Que los adultos escuchen más",
            "Un camino más seguro a la escuela",
            "Más tiempo para hablar",
        ],
    ),
    (Lang::Ar, &["أماكن أكثر للعب", "أن يستمع الكبار أكثر", "طريق أكثر أمانًا إلى المدرسة", "وقت أطول للكلام"]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Status;

    #[test]
    fn simulated_sessions_are_finalised_and_reproducible() {
        let mut a = Store::open_in_memory().unwrap();
        let mut b = Store::open_in_memory().unwrap();
        let sa = run(&mut a, "cercle_participation", 20, 42).unwrap();
        let sb = run(&mut b, "cercle_participation", 20, 42).unwrap();
        assert_eq!(sa, sb);
        assert_eq!(sa.sessions, 20);
        assert!(sa.answers > 100 && sa.rather_not_say > 0, "{sa:?}");
        let sessions = a.sessions(Some(Status::Finalised)).unwrap();
        assert_eq!(sessions.len(), 20);
        assert!(sessions.iter().all(|s| s.answered > 0));
    }

    #[test]
    fn the_same_seed_gives_the_same_answers_but_never_the_same_identities() {
        let mut a = Store::open_in_memory().unwrap();
        let mut b = Store::open_in_memory().unwrap();
        run(&mut a, "cercle_participation", 5, 7).unwrap();
        run(&mut b, "cercle_participation", 5, 7).unwrap();
        // Two forms in one folder with one seed: no UNIQUE clash on codes or instanceIDs.
        run(&mut a, "cercle_advisory_feedback", 5, 7).unwrap();
        let ids = |s: &Store| -> Vec<(String, String)> {
            s.sessions(None).unwrap().into_iter().map(|r| (r.code, r.instance_id)).collect()
        };
        let (ia, ib) = (ids(&a), ids(&b));
        assert_eq!(ia.len(), 10);
        for (code, instance) in &ib {
            assert!(ia.iter().all(|(c, i)| c != code && i != instance), "{code} {instance} reused");
        }
        let answers = |s: &Store| -> Vec<_> {
            let mut v: Vec<_> = s
                .sessions(None)
                .unwrap()
                .into_iter()
                .filter(|r| r.form_id == "cercle_participation")
                .map(|r| s.answers(r.id).unwrap())
                .collect();
            v.sort_by_key(|m| format!("{m:?}"));
            v
        };
        assert_eq!(answers(&a), answers(&b), "the seed still decides the answers");
    }
}
