//! Cercle against pyxform, the reference XLSForm converter, over a corpus of real-world
//! XLSForms (`tests/forms/corpus`, pyxform's verdicts and XForms made by
//! `tests/tools/pyxform_corpus.py` with pyxform 4.5.0).
//!
//! - Where pyxform refuses a form, Cercle refuses it too.
//! - Where pyxform accepts a form and Cercle refuses it, every error names a feature Cercle
//!   does not run (a type, a column, a function), never "broken form".
//! - Where both accept it, pyxform's XForm read by Cercle's XForm reader gives the same form
//!   model as Cercle's own import of the XLSForm, expression for expression, and the two run
//!   answer for answer alike through the session engine.
//!
//! The agreement figure printed here is the one recorded in BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use cercle::engine::{Answer, Refusal, Survey};
use cercle::form::{AgeBand, Form, Kind, MessageArg, Node, Problem};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/corpus")
}

/// Errors that say "Cercle does not run this", as opposed to "this form is broken".
const UNSUPPORTED: &[&str] = &[
    "form-problem-type-not-supported",
    "form-problem-type-location",
    "form-problem-type-photo",
    "form-problem-type-voice",
    "form-problem-or-other",
    "form-problem-column-unsupported",
    "form-problem-function-unsupported",
    "form-problem-select-from-file",
];

/// Errors in forms pyxform passes without checking (ODK Validate, which pyxform runs apart,
/// or Collect when the form loads, would refuse them): a broken expression.
const BROKEN: &[&str] = &["form-problem-expr-invalid", "form-problem-expr-uses-unknown"];

/// Forms pyxform refuses that Cercle accepts on purpose, and why.
const ACCEPTED_ON_PURPOSE: &[(&str, &str)] = [(
    "cercle_autoname.xlsx",
    "KoboToolbox's `$autoname` column, which Kobo's own converter reads and pyxform does not",
)]
.as_slice();

/// Differences between Cercle's import and pyxform's XForm that are Cercle's choice, and why.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[(
    "repeat_date_test.xls",
    "a label typed as a date: Cercle shows it as typed (2012-12-12), pyxform as a timestamp (2012-12-12 00:00:00)",
)];

/// Expressions compared as the engine reads them (fully parenthesised), not as spelled.
fn normalise(node: &mut Value) {
    match node {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                let is_expr = matches!(
                    key.as_str(),
                    "relevant" | "constraint" | "calculation" | "required_if" | "repeat_count" | "instance_name"
                );
                match value {
                    Value::String(s) if is_expr => {
                        if let Ok(e) = cercle::expr::parse(s) {
                            *s = e.to_string();
                        }
                    }
                    Value::String(s) if key == "choice_filter" => {
                        if let Ok(e) = cercle::expr::parse_choice_filter(s) {
                            *s = e.to_string();
                        }
                    }
                    other => normalise(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise),
        _ => {}
    }
}

/// What pyxform's XForm can say: without Cercle's own columns (age bands, answer states,
/// quasi-identifiers), without choice lists no question uses (pyxform leaves them out), and a
/// form with no version has none (Cercle's import says "1").
fn model(form: &Form) -> Value {
    let mut v = serde_json::to_value(form).unwrap();
    normalise(&mut v);
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for key in ["age_bands", "rather_not_say", "dont_know", "quasi_identifier"] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v["body"]);
    fn used(nodes: &[Node], out: &mut Vec<String>) {
        for n in nodes {
            out.extend(n.list.clone());
            used(&n.children, out);
        }
    }
    let mut lists = Vec::new();
    used(&form.body, &mut lists);
    if let Some(map) = v["choice_lists"].as_object_mut() {
        map.retain(|k, _| lists.contains(k));
    }
    if v["version"] == "1" || v["version"] == "" {
        v["version"] = Value::String("1".into());
    }
    v
}

fn first_difference(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (l, r) = (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                let name = x.get("name").and_then(Value::as_str).map(|n| format!("{at}/{n}")).unwrap_or(at.to_string());
                first_difference(l, r, &format!("{name}.{k}"))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            x.iter().zip(y).enumerate().find_map(|(i, (l, r))| first_difference(l, r, &format!("{at}[{i}]")))
        }
        _ if a == b => None,
        _ => Some(format!("{at}: XLSForm import {a} / pyxform's XForm {b}")),
    }
}

/// The message key that says what is wrong: a refused row's reason, else the problem's own.
fn reason(p: &Problem) -> &'static str {
    let reason = p.text.args.iter().find_map(|(name, value)| match value {
        MessageArg::Message(m) if *name == "reason" => Some(m.key),
        _ => None,
    });
    reason.unwrap_or(p.key())
}

/// The refusal names a feature Cercle lacks.
fn names_a_feature(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.is_error() && UNSUPPORTED.contains(&reason(p)))
}

/// Every error is a broken expression pyxform does not check.
fn broken_only(problems: &[Problem]) -> bool {
    problems.iter().filter(|p| p.is_error()).all(|p| BROKEN.contains(&reason(p)))
}

fn count(nodes: &[Node]) -> usize {
    nodes.iter().map(|n| 1 + count(&n.children)).sum()
}

#[test]
fn cercle_agrees_with_pyxform_on_the_corpus() {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("pyxform.json")).unwrap()).unwrap();
    let forms = manifest["forms"].as_array().unwrap();
    assert!(forms.len() >= 60, "the corpus has {} forms", forms.len());
    let (mut agree, mut same_model, mut both_accept, mut unsupported_refusals) = (0, 0, 0, 0);
    let mut broken = Vec::new();
    let mut failures = Vec::new();
    for entry in forms {
        let file = entry["file"].as_str().unwrap();
        let path = corpus().join(file);
        let pyxform_accepts = entry["accepted"].as_bool().unwrap();
        let problems = match cercle::xlsform::check(&path) {
            Ok(p) => p,
            Err(e) => {
                if pyxform_accepts {
                    failures.push(format!("{file}: pyxform accepts it; Cercle cannot read it: {e}"));
                } else {
                    agree += 1;
                }
                continue;
            }
        };
        let cercle_accepts = !problems.iter().any(Problem::is_error);
        let errors: Vec<String> = problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
        match (pyxform_accepts, cercle_accepts) {
            (false, false) => agree += 1,
            (false, true) => {
                if !ACCEPTED_ON_PURPOSE.iter().any(|(f, _)| *f == file) {
                    failures.push(format!("{file}: pyxform refuses it ({}); Cercle accepts it", entry["error"]));
                }
            }
            (true, false) => {
                if names_a_feature(&problems) {
                    unsupported_refusals += 1;
                } else if broken_only(&problems) {
                    broken.push(format!("{file}: {errors:?}"));
                } else {
                    failures.push(format!("{file}: pyxform accepts it; Cercle refuses it with {errors:?}"));
                }
            }
            (true, true) => {
                agree += 1;
                both_accept += 1;
                let imported = cercle::xlsform::import(&path).unwrap().form;
                let stem = file.rsplit_once('.').unwrap().0;
                let xml = std::fs::read_to_string(corpus().join("pyxform").join(format!("{stem}.xml"))).unwrap();
                let read = cercle::xform::read_xform(&xml).unwrap();
                let read_errors: Vec<String> =
                    read.problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
                if !read_errors.is_empty() {
                    failures
                        .push(format!("{file}: Cercle imports the XLSForm but not pyxform's XForm: {read_errors:?}"));
                    continue;
                }
                match first_difference(&model(&imported), &model(&read.form), "") {
                    None => same_model += 1,
                    Some(_) if KNOWN_DIFFERENCES.iter().any(|(f, _)| *f == file) => same_model += 1,
                    Some(d) => failures.push(format!("{file}: models differ at {d}")),
                }
                assert!(count(&read.form.body) > 0);
            }
        }
    }
    let total = forms.len();
    println!(
        "pyxform {}: {total} forms; verdicts agree on {agree} ({:.0}%); {unsupported_refusals} refused by Cercle for a named unsupported feature; {} refused by Cercle for a broken expression pyxform does not check:\n  {}\n{same_model} of {both_accept} accepted by both read into the same model from pyxform's XForm",
        manifest["pyxform_version"].as_str().unwrap_or("?"),
        100.0 * agree as f64 / total as f64,
        broken.len(),
        broken.join("\n  "),
    );
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

/// Every XLSForm fixture, written by `forms xform`'s writer, reads back into the model it was
/// written from.
#[test]
fn every_xlsform_fixture_reads_back_from_cercles_own_xform() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms");
    let mut files: Vec<_> = ["small", "xls", "audio", ".", "corpus"]
        .iter()
        .flat_map(|d| std::fs::read_dir(dir.join(d)).into_iter().flatten().flatten().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx" || e == "xls"))
        .collect();
    files.sort();
    let mut checked = 0;
    for file in files {
        let Ok(imported) = cercle::xlsform::import(&file) else { continue };
        if cercle::xlsform::check(&file).unwrap().iter().any(Problem::is_error) {
            continue;
        }
        let xml = cercle::xform::write_xform(&imported.form).unwrap();
        let read = cercle::xform::read_xform(&xml).unwrap();
        let errors: Vec<String> = read.problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
        let (a, b) = (serde_json::to_value(&imported.form).unwrap(), serde_json::to_value(&read.form).unwrap());
        if let Some(d) = first_difference(&a, &b, "") {
            panic!("{}: Cercle's XForm does not read back the same: {d}", file.display());
        }
        checked += 1;
    }
    assert!(checked >= 35, "only {checked} forms checked");
}

/// The forms of the corpus both pyxform and Cercle accept: Cercle's import of the XLSForm and
/// Cercle's reading of pyxform's XForm of it.
fn accepted_by_both() -> Vec<(String, Form, Form)> {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("pyxform.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for entry in manifest["forms"].as_array().unwrap() {
        let file = entry["file"].as_str().unwrap();
        let path = corpus().join(file);
        if !entry["accepted"].as_bool().unwrap()
            || cercle::xlsform::check(&path).map_or(true, |p| p.iter().any(Problem::is_error))
        {
            continue;
        }
        let imported = cercle::xlsform::import(&path).unwrap().form;
        let stem = file.rsplit_once('.').unwrap().0;
        let xml = std::fs::read_to_string(corpus().join("pyxform").join(format!("{stem}.xml"))).unwrap();
        let read = cercle::xform::read_xform(&xml).unwrap();
        if !read.problems.iter().any(Problem::is_error) {
            out.push((file.to_string(), imported, read.form));
        }
    }
    // The Get forms fixture: pictures, four languages, a repeat, choice filters, made by pyxform.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms/getforms");
    let imported = cercle::xlsform::import(&dir.join("children_voices.xlsx")).unwrap().form;
    let read = cercle::xform::read_xform(&std::fs::read_to_string(dir.join("children_voices.xml")).unwrap()).unwrap();
    out.push(("getforms/children_voices.xlsx".to_string(), imported, read.form));
    out
}

/// Cercle's own columns (age bands, answer states, quasi-identifiers) are not in pyxform's
/// XForm: both forms run with the same defaults for them.
fn without_cercle_columns(mut form: Form) -> Arc<Form> {
    fn clear(nodes: &mut [Node]) {
        for n in nodes {
            n.age_bands.clear();
            n.rather_not_say = true;
            n.dont_know = false;
            n.quasi_identifier = false;
            clear(&mut n.children);
        }
    }
    clear(&mut form.body);
    Arc::new(form)
}

/// An answer a child might give, valid or not: the engine's refusals are compared too.
fn any_answer(survey: &Survey, q: &Node, rng: &mut StdRng) -> Option<Answer> {
    let choices: Vec<String> = survey.choices(q).into_iter().map(|c| c.name.clone()).collect();
    if rng.random_bool(0.08) {
        return Some(Answer::RatherNotSay);
    }
    let value = match q.kind {
        Kind::SelectOne if !choices.is_empty() => choices[rng.random_range(0..choices.len())].clone(),
        Kind::SelectMultiple if !choices.is_empty() => {
            let n = rng.random_range(1..=choices.len().min(3));
            (0..n).map(|_| choices[rng.random_range(0..choices.len())].clone()).collect::<Vec<_>>().join(" ")
        }
        Kind::SelectOne | Kind::SelectMultiple => "no_such_choice".to_string(),
        Kind::Integer | Kind::Range => {
            let (min, max) = (q.min.unwrap_or(-3), q.max.unwrap_or(120));
            rng.random_range(min - 1..=max + 1).to_string()
        }
        Kind::Decimal => format!("{:.2}", rng.random_range(-5.0..200.0)),
        Kind::Date => {
            format!("{}-{:02}-{:02}", rng.random_range(1990..2030), rng.random_range(1..=12), rng.random_range(1..=28))
        }
        Kind::Text => {
            ["yes", "no", "12", "Plus d'endroits pour jouer", "أماكن أكثر للعب", ""][rng.random_range(0..6)].to_string()
        }
        Kind::Acknowledge => "OK".to_string(),
        Kind::Note | Kind::Calculate | Kind::Hidden | Kind::Group | Kind::Repeat => return None,
    };
    Some(Answer::Value(value))
}

/// Drives two sessions with the same answers, step by step, and says where they first part.
fn run_in_lockstep(a: Arc<Form>, b: Arc<Form>, band: AgeBand, seed: u64) -> Result<usize, String> {
    let lang = a.default_language;
    let (mut sa, mut sb) = (Survey::new(a, lang, band), Survey::new(b, lang, band));
    let mut rng = StdRng::seed_from_u64(seed);
    let names = |s: &Survey| -> Vec<String> { s.current().iter().map(|n| n.name.clone()).collect() };
    let place = |s: &Survey| s.repeat_place().map(|p| (p.node.name.clone(), p.instance, p.count));
    let mut steps = 0;
    while !sa.at_end() || !sb.at_end() {
        steps += 1;
        let at = format!("step {steps}, screen {}", sa.position());
        if (sa.position(), names(&sa), place(&sa)) != (sb.position(), names(&sb), place(&sb)) {
            return Err(format!(
                "{at}: XLSForm import shows {:?} {:?}, pyxform's XForm {:?} {:?} (screen {})",
                names(&sa),
                place(&sa),
                names(&sb),
                place(&sb),
                sb.position()
            ));
        }
        if steps > 400 {
            break; // a required question no answer here satisfies: both stuck alike so far
        }
        let questions: Vec<Node> = sa.current().into_iter().filter(|q| q.kind != Kind::Note).cloned().collect();
        for q in &questions {
            let qb = sb.current().into_iter().find(|n| n.name == q.name).cloned().unwrap();
            let choices =
                |s: &Survey, n: &Node| -> Vec<String> { s.choices(n).into_iter().map(|c| c.name.clone()).collect() };
            if choices(&sa, q) != choices(&sb, &qb) {
                return Err(format!("{at}: '{}' offers {:?} / {:?}", q.name, choices(&sa, q), choices(&sb, &qb)));
            }
            let Some(answer) = any_answer(&sa, q, &mut rng) else { continue };
            let (ra, rb) = (sa.answer(&q.name, answer.clone()), sb.answer(&q.name, answer.clone()));
            if ra != rb {
                return Err(format!("{at}: '{}' = {answer:?}: {ra:?} / {rb:?}", q.name));
            }
        }
        if let Some((_, None, count)) = place(&sa) {
            if count < 3 && rng.random_bool(0.5) {
                let (ra, rb) = (sa.add_instance(), sb.add_instance());
                if ra != rb {
                    return Err(format!("{at}: add another: {ra:?} / {rb:?}"));
                }
                continue;
            }
        }
        let (ra, rb) = (sa.next(), sb.next());
        if ra != rb {
            return Err(format!("{at}: next: {ra:?} / {rb:?}"));
        }
        if let Err(Refusal::Required(q)) = ra {
            let (ra, rb) = (sa.answer(&q, Answer::RatherNotSay), sb.answer(&q, Answer::RatherNotSay));
            if ra != rb {
                return Err(format!("{at}: '{q}' rather not say: {ra:?} / {rb:?}"));
            }
        }
    }
    if sa.answers() != sb.answers() {
        return Err(format!("answers differ at the end:\n  {:?}\n  {:?}", sa.answers(), sb.answers()));
    }
    if sa.question_names() != sb.question_names() {
        return Err(format!("questions shown differ: {:?} / {:?}", sa.question_names(), sb.question_names()));
    }
    Ok(sa.answers().len())
}

/// Where both accept a form, pyxform's XForm and Cercle's import of the XLSForm run alike: the
/// same screens, the same choices offered, the same answers accepted or refused (constraints,
/// bounds, required), the same calculations, the same repeats, the same answers at the end.
#[test]
fn pyxform_xforms_run_answer_for_answer_like_the_xlsform_import() {
    let forms = accepted_by_both();
    assert!(forms.len() >= 30, "only {} forms accepted by both", forms.len());
    let (mut runs, mut answers) = (0, 0);
    let mut failures = Vec::new();
    for (file, imported, read) in forms {
        let (a, b) = (without_cercle_columns(imported), without_cercle_columns(read));
        for seed in 0..12u64 {
            let band = AgeBand::ALL[seed as usize % AgeBand::ALL.len()];
            match run_in_lockstep(a.clone(), b.clone(), band, seed) {
                Ok(n) => {
                    runs += 1;
                    answers += n;
                }
                Err(e) => {
                    failures.push(format!("{file} (seed {seed}): {e}"));
                    break;
                }
            }
        }
    }
    println!("{runs} sessions run in lockstep, {answers} answers alike");
    assert!(failures.is_empty(), "{} forms run differently:\n{}", failures.len(), failures.join("\n"));
    assert!(answers > 200, "only {answers} answers given: the sessions did not get far");
}
