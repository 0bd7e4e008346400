use std::collections::BTreeMap;

use super::*;
use crate::engine::Answer;
use crate::form::builtin_forms;

/// Well-formed XML, read with a real parser; returns the element names in order.
fn elements(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                names.push(e.name().as_ref().to_string())
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}", reader.buffer_position()),
        }
    }
    names
}

fn facts() -> SessionFacts {
    SessionFacts {
        instance_id: "uuid:6f1c2d3e-0000-4000-8000-000000000001".into(),
        participant_code: "K7M-4QX".into(),
        age_band: "8-12".into(),
        language: "ar".into(),
        form_version: "2026.11.30".into(),
        started: chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        finalised: Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()),
    }
}

#[test]
fn every_builtin_form_writes_a_well_formed_xform_in_its_four_languages() {
    for form in builtin_forms().into_iter().chain([crate::form::withdrawal_form()]) {
        let xml = write_xform(&form).unwrap();
        let names = elements(&xml);
        assert!(names.contains(&"h:html".to_string()) && names.contains(&"itext".to_string()), "{}", form.id);
        for lang in &form.languages {
            assert!(xml.contains(&format!("<translation lang=\"{}\"", itext_language(*lang))), "{} {lang}", form.id);
        }
        assert!(xml.contains(&format!("<{} id=\"{}\" version=\"{}\">", root_name(&form), form.id, form.version)));
        assert!(xml.contains("jr:preload=\"uid\""));
        // Every row is in the primary instance and has a bind or body control.
        let layout = Layout::of(&form).unwrap();
        for leaf in form.leaves() {
            let path = layout.path(&leaf.node.name).unwrap();
            assert!(xml.contains(&format!("\"{path}\"")), "{} has no bind or control", path);
        }
    }
}

#[test]
fn expressions_become_paths_but_quoted_text_is_left_alone() {
    let form = builtin_forms().into_iter().find(|f| f.id == "cercle_advisory_feedback").unwrap();
    let layout = Layout::of(&form).unwrap();
    let topic = layout.path("topic").unwrap().to_string();
    assert_eq!(layout.xpath("${topic} != ''"), format!("{topic} != ''"));
    assert_eq!(layout.xpath("'${topic}' = ${topic}"), format!("'${{topic}}' = {topic}"));
    assert_eq!(layout.xpath("${unknown} = 1"), "${unknown} = 1");
}

#[test]
fn answer_states_reach_the_instance_apart_from_questions_not_shown() {
    let form = builtin_forms().into_iter().find(|f| f.id == "cercle_participation").unwrap();
    let leaves = form.leaves();
    let questions: Vec<&Node> =
        leaves.iter().map(|l| l.node).filter(|n| has_state_field(n) && l_is_top(&form, n)).collect();
    assert!(questions.len() >= 3);
    let mut answers = BTreeMap::new();
    answers.insert(questions[0].name.clone(), Answer::RatherNotSay);
    let answered = questions[1];
    let value = match form.choices(answered).first() {
        Some(c) => c.name.clone(),
        None => "3".into(),
    };
    answers.insert(answered.name.clone(), Answer::Value(value.clone()));
    let xml = write_instance(&form, &facts(), &answers).unwrap();
    elements(&xml);
    let q0 = &questions[0].name;
    assert!(xml.contains(&format!("<{q0}/><{q0}_state>rather_not_say</{q0}_state>")), "{xml}");
    let q1 = &answered.name;
    assert!(xml.contains(&format!("<{q1}>{value}</{q1}><{q1}_state>answered</{q1}_state>")));
    let q2 = &questions[2].name;
    assert!(xml.contains(&format!("<{q2}/><{q2}_state/>")), "not shown: both empty");
    for needle in [
        "<participant_code>K7M-4QX</participant_code>",
        "<age_band>8-12</age_band>",
        "<language>ar</language>",
        "<form_version>2026.11.30</form_version>",
        "<started>2026-11-28</started>",
        "<finalised>2026-11-29</finalised>",
        "<meta><instanceID>uuid:6f1c2d3e-0000-4000-8000-000000000001</instanceID></meta>",
        "id=\"cercle_participation\" version=\"2026.11.30\"",
    ] {
        assert!(xml.contains(needle), "{needle}");
    }
    assert!(!xml.contains("T0") && !xml.contains(":00"), "no time of day (C10)");
}

fn l_is_top(form: &Form, node: &Node) -> bool {
    form.leaves().iter().any(|l| std::ptr::eq(l.node, node) && l.repeat.is_none() && l.node.age_bands.is_empty())
}

#[test]
fn the_instance_follows_the_xform_element_for_element() {
    // The submission's element order is the primary instance's (templates aside): Central
    // maps fields by path, Briefcase by order.
    for form in builtin_forms() {
        let xform = write_xform(&form).unwrap();
        let start = xform.find("<instance>").unwrap() + "<instance>".len();
        let end = xform[start..].find("</instance>").unwrap() + start;
        let template: Vec<String> = elements(&xform[start..end]).into_iter().collect();
        let answers = BTreeMap::new();
        let instance = elements(&write_instance(&form, &facts(), &answers).unwrap());
        // With no repeat instance, the instance is the template without the repeats' rows.
        let repeat_rows: Vec<String> = form
            .repeats()
            .iter()
            .flat_map(|r| {
                let mut names = vec![r.node.name.clone()];
                fn all(n: &Node, out: &mut Vec<String>) {
                    for c in &n.children {
                        out.push(c.name.clone());
                        if has_state_field(c) {
                            out.push(format!("{}_state", c.name));
                        }
                        all(c, out);
                    }
                }
                all(r.node, &mut names);
                names
            })
            .collect();
        let expected: Vec<String> = template.into_iter().filter(|n| !repeat_rows.contains(n)).collect();
        assert_eq!(instance, expected, "{}", form.id);
    }
}

#[test]
fn a_row_named_like_a_state_field_is_refused_not_overwritten() {
    let mut form = builtin_forms().remove(0);
    let q = form.leaves().iter().find(|l| has_state_field(l.node)).unwrap().node.name.clone();
    let mut clash = form.body[0].clone();
    clash.name = format!("{q}_state");
    clash.children.clear();
    form.body.push(clash);
    assert_eq!(write_xform(&form), Err(XformError::StateNameTaken(q)));
}

/// Every form Cercle writes reads back into the model it was written from.
fn round_trip(form: &Form) {
    let xml = write_xform(form).unwrap();
    let read = read_xform(&xml).unwrap_or_else(|e| panic!("{}: {e}", form.id));
    let errors: Vec<String> = read.problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
    assert!(errors.is_empty(), "{}: {errors:?}", form.id);
    let (a, b) = (serde_json::to_value(form).unwrap(), serde_json::to_value(&read.form).unwrap());
    if a != b {
        let (a, b) = (serde_json::to_string_pretty(&a).unwrap(), serde_json::to_string_pretty(&b).unwrap());
        let first = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
        let show = |s: &str| s.lines().skip(first.saturating_sub(8)).take(16).collect::<Vec<_>>().join("\n");
        panic!("{} does not read back the same:\nwritten:\n{}\nread:\n{}", form.id, show(&a), show(&b));
    }
}

#[test]
fn every_builtin_form_reads_back_into_the_same_model() {
    for form in crate::form::builtin_forms().iter().chain([&crate::form::withdrawal_form()]) {
        round_trip(form);
    }
}

#[test]
fn what_cercle_cannot_run_is_refused_by_element_and_feature() {
    let xform = |body: &str, binds: &str, fields: &str| {
        format!(
            r#"<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
<h:head><h:title>T</h:title><model>
<instance><data id="t" version="1"><ok/>{fields}<meta><instanceID/></meta></data></instance>
<bind nodeset="/data/ok" type="string"/>{binds}
<bind nodeset="/data/meta/instanceID" type="string" readonly="true()" jr:preload="uid"/>
</model></h:head>
<h:body><input ref="/data/ok"><label>OK?</label></input>
{body}</h:body></h:html>"#
        )
    };
    let problems = |xml: String| -> Vec<String> {
        read_xform(&xml).unwrap().problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect()
    };
    let cases = [
        (
            xform(
                r#"<upload ref="/data/p" mediatype="image/*"><label>Photo</label></upload>"#,
                r#"<bind nodeset="/data/p" type="binary"/>"#,
                "<p/>",
            ),
            "photos",
        ),
        (
            xform(
                r#"<input ref="/data/g"><label>Where</label></input>"#,
                r#"<bind nodeset="/data/g" type="geopoint"/>"#,
                "<g/>",
            ),
            "locations",
        ),
        (
            xform(
                r#"<input ref="/data/t2"><label>When</label></input>"#,
                r#"<bind nodeset="/data/t2" type="time"/>"#,
                "<t2/>",
            ),
            "type=\"time\"",
        ),
        (
            xform(
                r#"<odk:rank ref="/data/r"><label>Rank</label></odk:rank>"#,
                r#"<bind nodeset="/data/r" type="odk:rank"/>"#,
                "<r/>",
            ),
            "<rank>",
        ),
        (
            xform(
                "",
                r#"<bind nodeset="/data/c" type="string" calculate="pulldata('fruits', 'name', 'key', /data/ok)"/>"#,
                "<c/>",
            ),
            "pulldata",
        ),
        (
            xform(
                "",
                r#"<bind nodeset="/data/c" type="string" calculate="instance('fruits')/root/item[name = /data/ok]/label"/>"#,
                "<c/>",
            ),
            "list 'fruits'",
        ),
        (
            xform("", r#"<bind nodeset="/data/c" type="string" calculate="/data/nothing + 1"/>"#, "<c/>"),
            "/data/nothing",
        ),
        (
            xform(
                r#"<select1 ref="/data/s"><label>S</label><itemset nodeset="instance('towns')/root/item"><value ref="name"/><label ref="label"/></itemset></select1>"#,
                "",
                "<s/>",
            ),
            "towns",
        ),
    ];
    for (xml, named) in cases {
        let found = problems(xml);
        assert!(found.iter().any(|p| p.contains(named)), "{named}: {found:?}");
        assert!(found.iter().any(|p| p.contains(named) && p.contains("line ")), "{found:?}");
    }
    // Metadata is left out with a warning (C10), not refused.
    let xml = xform(
        "",
        r#"<bind nodeset="/data/start" type="dateTime" jr:preload="timestamp" jr:preloadParams="start"/>"#,
        "<start/>",
    );
    let read = read_xform(&xml).unwrap();
    assert!(read.problems.iter().all(|p| !p.is_error()), "{:?}", read.problems);
    assert!(read.form.body.iter().all(|n| n.name != "start"));
    assert!(read.problems.iter().any(|p| p.row.as_deref() == Some("start")));
}

#[test]
fn damaged_xml_is_refused_with_its_line_never_a_panic() {
    for (xml, want) in [
        ("<h:html xmlns:h='x'><h:head>", "line"),
        ("", "line"),
        ("<html/>", "<h:head>"),
        ("<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>", "line"),
        ("<h:html xmlns:h='http://www.w3.org/1999/xhtml'><h:head><model/></h:head></h:html>", "<instance>"),
    ] {
        let e = read_xform(xml).unwrap_err();
        assert!(e.to_string().contains(want), "{xml}: {e}");
    }
}
