use super::*;
use crate::engine::Survey;
use crate::form::{AgeBand, Form};
use crate::lang::Lang;
use std::sync::Arc;

fn form(version: &str, question: &str) -> Form {
    Form::from_json(&format!(
        r#"{{"id": "f", "version": "{version}", "title": {{"en": "F"}}, "default_language": "en", "languages": ["en"],
            "body": [{{"type": "integer", "name": "{question}", "label": {{"en": "Q"}}}},
                     {{"type": "integer", "name": "both", "label": {{"en": "B"}}}}]}}"#
    ))
    .unwrap()
}

fn finalised_session(store: &Store, form: &Form, band: AgeBand, answers: &[(&str, &str)]) {
    let record = store.start_session(form, Lang::En, band, &mut rand::rng()).unwrap();
    let mut survey = Survey::new(Arc::new(form.clone()), Lang::En, band);
    for (q, v) in answers {
        survey.revise(q, Answer::Value(v.to_string())).unwrap();
    }
    store.save_changes(record.id, &survey.drain_changes(), None).unwrap();
    store.finalise(record.id).unwrap();
}

fn csv_of(store: &Store, options: &ExportOptions) -> (Vec<String>, Vec<Vec<String>>, ExportSummary) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let summary = export(store, "f", options, &path, &mut |_, _| {}).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows, summary)
}

#[test]
fn sessions_of_an_older_version_keep_the_questions_it_had() {
    let store = Store::open_in_memory().unwrap();
    let v1 = form("1", "old_question");
    store.install_form(&v1, &[]).unwrap();
    finalised_session(&store, &v1, AgeBand::Age8To12, &[("old_question", "7"), ("both", "1")]);
    let v2 = form("2", "new_question");
    store.install_form(&v2, &[]).unwrap();
    finalised_session(&store, &v2, AgeBand::Age8To12, &[("new_question", "8"), ("both", "2")]);
    let (header, rows, summary) = csv_of(&store, &ExportOptions { k: 1, ..Default::default() });
    assert_eq!(summary.sessions, 2);
    let values: Vec<usize> = (FACTS_LEN..header.len()).filter(|&c| !header[c].ends_with("_state")).collect();
    let names: Vec<&str> = values.iter().map(|&c| header[c].as_str()).collect();
    assert_eq!(names, ["new_question", "both", "old_question"]);
    let ends: Vec<String> =
        rows.iter().map(|r| values.iter().map(|&c| r[c].as_str()).collect::<Vec<_>>().join(",")).collect();
    assert!(ends.contains(&",1,7".to_string()), "the old session keeps its old answer: {ends:?}");
    assert!(ends.contains(&"8,2,".to_string()), "{ends:?}");
}

const FACTS_LEN: usize = dataset::FACTS.len();

#[test]
fn a_lone_age_band_is_protected_and_its_variant_answers_with_it() {
    let store = Store::open_in_memory().unwrap();
    let f = Form::from_json(
        r#"{"id": "f", "version": "1", "title": {"en": "F"}, "default_language": "en", "languages": ["en"],
            "body": [{"type": "integer", "name": "q_6_7", "label": {"en": "Q"}, "age_bands": ["6-7"]},
                     {"type": "integer", "name": "q", "label": {"en": "Q"}, "age_bands": ["8-12"]},
                     {"type": "integer", "name": "all", "label": {"en": "A"}}]}"#,
    )
    .unwrap();
    store.install_form(&f, &[]).unwrap();
    for _ in 0..6 {
        finalised_session(&store, &f, AgeBand::Age8To12, &[("q", "3"), ("all", "1")]);
    }
    finalised_session(&store, &f, AgeBand::Age6To7, &[("q_6_7", "2"), ("all", "1")]);
    let (header, rows, summary) = csv_of(&store, &ExportOptions::default());
    let at = |c: &str| header.iter().position(|h| h == c).unwrap();
    assert_eq!(summary.disclosure.withheld, 0);
    // One 6-7 year-old among 8-12s can only hide among them: their bands merge into 6-12, and
    // the age-banded variants, whose being answered would tell the bands apart, are hidden.
    assert_eq!(rows.len(), 7);
    for row in &rows {
        assert_eq!(row[at("age_band")], "6-12", "{row:?}");
        assert_eq!(row[at("q_6_7")], SUPPRESSED, "the 6-7 variant would give the band back");
        assert_eq!(row[at("q")], SUPPRESSED, "so would the 8-12 variant");
        assert_eq!(row[at("all")], "1", "a question for every band stays");
    }
    assert_eq!(summary.disclosure.recoded, 7);
    assert_eq!(summary.disclosure.betrayed, 7);
    assert_eq!(summary.disclosure.changed(), 14);
    // With more 6-7 year-olds than k, nothing needs protecting.
    for _ in 0..4 {
        finalised_session(&store, &f, AgeBand::Age6To7, &[("q_6_7", "2"), ("all", "1")]);
    }
    let (_, rows, summary) = csv_of(&store, &ExportOptions::default());
    assert_eq!(summary.disclosure.changed(), 0);
    assert!(rows.iter().any(|r| r[at("age_band")] == "6-7" && r[at("q_6_7")] == "2"));
    // The same, merged into one column with the variant beside it: suppressed too.
    let (header, rows, _) = csv_of(&store, &ExportOptions { merge_age_variants: true, ..Default::default() });
    let at = |c: &str| header.iter().position(|h| h == c).unwrap();
    assert!(rows.iter().any(|r| r[at("q")] == "3" && r[at("q_variant")] == "q"));
    assert!(rows.iter().any(|r| r[at("q")] == "2" && r[at("q_variant")] == "q_6_7"));
    assert!(!header.iter().any(|h| h == "q_6_7"));
}

#[test]
fn k_of_one_releases_everything_and_says_so() {
    let store = Store::open_in_memory().unwrap();
    let f = form("1", "x");
    store.install_form(&f, &[]).unwrap();
    finalised_session(&store, &f, AgeBand::Age6To7, &[("x", "1")]);
    let (_, rows, summary) = csv_of(&store, &ExportOptions { k: 1, ..Default::default() });
    assert_eq!(rows.len(), 1);
    assert!(summary.disclosure.lines(Lang::En)[0].contains("off"));
    let (_, rows, summary) = csv_of(&store, &ExportOptions::default());
    assert_eq!(rows.len(), 0, "one child alone cannot be k-anonymous");
    assert_eq!(summary.disclosure.withheld, 1);
}
