//! XLSForm import and re-evaluation on a generated large form: 2,000 questions, 20,000 choices,
//! skip logic, constraints and calculations. Import is compared with pyxform (`xls2xform`, from
//! PyPI) converting the same file in the same run, when it is installed.
//!
//! Run: cargo bench --no-default-features --bench forms
//! (pip install pyxform for the comparison; results go in BENCHMARKS.md)

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cercle::engine::{Answer, Survey};
use cercle::form::AgeBand;
use cercle::lang::Lang;
use rust_xlsxwriter::Workbook;

const QUESTIONS: usize = 2_000;
const CHOICES_PER_LIST: usize = 10;

/// Writes the form: each question a select_one with its own 10-choice list, shown only when the
/// one before was not answered "c0"; every 10th row a calculate summing the previous answers'
/// positions; every 5th question with a constraint.
fn write_form(path: &Path) {
    let mut wb = Workbook::new();
    let survey = wb.add_worksheet();
    survey.set_name("survey").unwrap();
    let header =
        ["type", "name", "label::English (en)", "label::Français (fr)", "relevant", "constraint", "calculation"];
    for (c, h) in header.iter().enumerate() {
        survey.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1u32;
    for q in 0..QUESTIONS {
        let name = format!("q{q}");
        survey.write_string(row, 0, format!("select_one l{q}")).unwrap();
        survey.write_string(row, 1, &name).unwrap();
        survey.write_string(row, 2, format!("Question {q}?")).unwrap();
        survey.write_string(row, 3, format!("Question {q} ?")).unwrap();
        if q > 0 {
            survey.write_string(row, 4, format!("${{q{}}} != 'c0'", q - 1)).unwrap();
        }
        if q % 5 == 0 {
            survey.write_string(row, 5, ". != 'c9'").unwrap();
        }
        row += 1;
        if q % 10 == 9 {
            survey.write_string(row, 0, "calculate").unwrap();
            survey.write_string(row, 1, format!("score{q}")).unwrap();
            let terms: Vec<String> = (q - 9..=q).map(|i| format!("count-selected(${{q{i}}})")).collect();
            survey.write_string(row, 6, terms.join(" + ")).unwrap();
            row += 1;
        }
    }
    let choices = wb.add_worksheet();
    choices.set_name("choices").unwrap();
    for (c, h) in ["list_name", "name", "label::English (en)", "label::Français (fr)"].iter().enumerate() {
        choices.write_string(0, c as u16, *h).unwrap();
    }
    let mut row = 1u32;
    for q in 0..QUESTIONS {
        for c in 0..CHOICES_PER_LIST {
            choices.write_string(row, 0, format!("l{q}")).unwrap();
            choices.write_string(row, 1, format!("c{c}")).unwrap();
            choices.write_string(row, 2, format!("Choice {c}")).unwrap();
            choices.write_string(row, 3, format!("Choix {c}")).unwrap();
            row += 1;
        }
    }
    let settings = wb.add_worksheet();
    settings.set_name("settings").unwrap();
    for (c, (h, v)) in [("form_id", "big"), ("version", "1"), ("default_language", "English (en)")].iter().enumerate() {
        settings.write_string(0, c as u16, *h).unwrap();
        settings.write_string(1, c as u16, *v).unwrap();
    }
    wb.save(path).unwrap();
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("big.xlsx");
    write_form(&xlsx);

    let mut runs = Vec::new();
    let mut form = None;
    for _ in 0..5 {
        let started = Instant::now();
        let imported = cercle::xlsform::import(&xlsx).unwrap();
        runs.push(started.elapsed());
        assert!(imported.problems.iter().all(|p| !p.is_error()), "{:?}", imported.problems.first());
        form = Some(imported.form);
    }
    let ours = median(runs);
    println!(
        "import, {QUESTIONS} questions and {} choices: median {:.1} ms (5 runs)",
        QUESTIONS * CHOICES_PER_LIST,
        ours.as_secs_f64() * 1e3
    );

    // pyxform on the same file, if installed.
    let out = dir.path().join("big.xml");
    let mut py_runs = Vec::new();
    for _ in 0..3 {
        let started = Instant::now();
        let status = std::process::Command::new("xls2xform")
            .arg(&xlsx)
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => py_runs.push(started.elapsed()),
            _ => break,
        }
    }
    if py_runs.is_empty() {
        println!("pyxform: xls2xform not found or failed (pip install pyxform)");
    } else {
        let py = median(py_runs);
        println!(
            "pyxform xls2xform, same file: median {:.1} ms ({} runs) -> Cercle is {:.1}x faster",
            py.as_secs_f64() * 1e3,
            3,
            py.as_secs_f64() / ours.as_secs_f64()
        );
    }

    // Re-evaluation after one answer, on a form answered all through: every skip rule,
    // constraint and calculation of the whole form is re-checked.
    let form = Arc::new(form.unwrap());
    let mut survey = Survey::new(form, Lang::En, AgeBand::Age8To12);
    for position in 0..survey.screen_count() {
        survey.go_to(position);
        let names: Vec<String> = survey.current().iter().map(|n| n.name.clone()).collect();
        for name in names {
            survey.answer(&name, Answer::Value("c3".into())).unwrap();
        }
    }
    survey.drain_changes();
    let q = format!("q{}", QUESTIONS / 2);
    let position = (0..survey.screen_count())
        .find(|&p| {
            survey.go_to(p);
            survey.current().iter().any(|n| n.name == q)
        })
        .unwrap();
    let mut times = Vec::new();
    for i in 0..400 {
        survey.go_to(position);
        let value = if i % 2 == 0 { "c4" } else { "c3" };
        let started = Instant::now();
        survey.answer(&q, Answer::Value(value.into())).unwrap();
        let changes = survey.drain_changes();
        times.push(started.elapsed());
        std::hint::black_box(changes);
    }
    times.sort();
    println!(
        "re-evaluation after one answer (all {QUESTIONS} answered): median {:.3} ms, p99 {:.3} ms (400 answers)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() * 99 / 100].as_secs_f64() * 1e3
    );
    // The worst case: an answer that hides the second half of the form and clears its answers.
    survey.go_to(position);
    let started = Instant::now();
    survey.answer(&q, Answer::Value("c0".into())).unwrap();
    let cleared = survey.drain_changes().len();
    println!(
        "one answer that clears {cleared} later answers and calculations: {:.3} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
}
