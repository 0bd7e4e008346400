//! Loading a large XForm, as "Get forms" does before a facilitator can start: parse the XML,
//! build the form model, check it, and open its first screen with the choices shown.
//!
//! The form is generated to be comparable to ODK's `nigeria_wards` (about 3 MB, which JavaRosa
//! takes 11.5 s to build its FormDef for on a tablet): 37 states, 774 local government areas
//! and 8,809 wards as cascading selects from secondary instances with choice filters, every
//! label in four languages through itext, and 60 other questions with skip logic.
//!
//! Run: cargo bench --no-default-features --bench xform_load   (results go in BENCHMARKS.md)

use std::fmt::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use cercle::engine::Survey;
use cercle::form::AgeBand;

const STATES: usize = 37;
const LGAS: usize = 774;
const WARDS: usize = 8_809;
const OTHER_QUESTIONS: usize = 60;
const LANGS: [&str; 4] = ["English (en)", "French (fr)", "Spanish (es)", "Arabic (ar)"];

fn words(lang: usize, kind: &str, i: usize) -> String {
    match lang {
        0 => format!("{kind} number {i}"),
        1 => format!("{kind} numéro {i}"),
        2 => format!("{kind} número {i}"),
        _ => format!("{kind} رقم {i}"),
    }
}

/// The XForm, as pyxform writes one: itext per language, one secondary instance per list.
fn generate() -> String {
    let mut x = String::with_capacity(4 << 20);
    x.push_str(
        r#"<?xml version="1.0"?>
<h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa" xmlns:odk="http://www.opendatakit.org/xforms">
<h:head><h:title>Wards</h:title><model odk:xforms-version="1.0.0"><itext>
"#,
    );
    let lists: [(&str, usize); 3] = [("state", STATES), ("lga", LGAS), ("ward", WARDS)];
    for (l, lang) in LANGS.iter().enumerate() {
        let _ = writeln!(x, "<translation lang=\"{lang}\"{}>", if l == 0 { " default=\"true()\"" } else { "" });
        for (list, n) in lists {
            for i in 0..n {
                let _ = writeln!(x, "<text id=\"{list}-{i}\"><value>{}</value></text>", words(l, list, i));
            }
        }
        for q in ["state", "lga", "ward"] {
            let _ = writeln!(x, "<text id=\"/data/{q}:label\"><value>{}</value></text>", words(l, q, 0));
        }
        for q in 0..OTHER_QUESTIONS {
            let _ = writeln!(x, "<text id=\"/data/q{q}:label\"><value>{}</value></text>", words(l, "question", q));
        }
        x.push_str("</translation>\n");
    }
    x.push_str("</itext>\n<instance><data id=\"wards\" version=\"1\"><state/><lga/><ward/>");
    for q in 0..OTHER_QUESTIONS {
        let _ = write!(x, "<q{q}/>");
    }
    x.push_str("<meta><instanceID/></meta></data></instance>\n");
    for (list, n) in lists {
        let _ = writeln!(x, "<instance id=\"{list}\"><root>");
        for i in 0..n {
            let parent = match list {
                "lga" => format!("<state>{}</state>", i % STATES),
                "ward" => format!("<lga>{}</lga>", i % LGAS),
                _ => String::new(),
            };
            let _ = writeln!(x, "<item><itextId>{list}-{i}</itextId><name>{i}</name>{parent}</item>");
        }
        x.push_str("</root></instance>\n");
    }
    x.push_str("<bind nodeset=\"/data/state\" type=\"string\" required=\"true()\"/>\n");
    x.push_str("<bind nodeset=\"/data/lga\" type=\"string\" relevant=\" /data/state  != ''\"/>\n");
    x.push_str("<bind nodeset=\"/data/ward\" type=\"string\" relevant=\" /data/lga  != ''\"/>\n");
    for q in 0..OTHER_QUESTIONS {
        let relevant = if q > 0 { format!(" relevant=\" /data/q{} != 'no'\"", q - 1) } else { String::new() };
        let _ = writeln!(x, "<bind nodeset=\"/data/q{q}\" type=\"string\"{relevant}/>");
    }
    x.push_str("<bind nodeset=\"/data/meta/instanceID\" type=\"string\" readonly=\"true()\" jr:preload=\"uid\"/>\n");
    x.push_str("</model></h:head><h:body>\n");
    let select = |x: &mut String, q: &str, filter: &str| {
        let _ = writeln!(
            x,
            "<select1 ref=\"/data/{q}\"><label ref=\"jr:itext('/data/{q}:label')\"/><itemset nodeset=\"instance('{q}')/root/item{filter}\"><value ref=\"name\"/><label ref=\"jr:itext(itextId)\"/></itemset></select1>"
        );
    };
    select(&mut x, "state", "");
    select(&mut x, "lga", "[state= current()/../state ]");
    select(&mut x, "ward", "[lga= current()/../lga ]");
    for q in 0..OTHER_QUESTIONS {
        let _ = writeln!(x, "<input ref=\"/data/q{q}\"><label ref=\"jr:itext('/data/q{q}:label')\"/></input>");
    }
    x.push_str("</h:body></h:html>\n");
    x
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let xml = generate();
    let runs = 15;
    let (mut parse, mut total) = (Vec::new(), Vec::new());
    let mut shown = 0;
    for _ in 0..runs {
        let t0 = Instant::now();
        let read = cercle::xform::read_xform(&xml).expect("the generated XForm reads");
        let t1 = Instant::now();
        assert!(read.problems.iter().all(|p| !p.is_error()), "{:?}", read.problems.first());
        let form = Arc::new(read.form);
        let errors = form.check().into_iter().filter(|p| p.is_error()).count();
        assert_eq!(errors, 0);
        let lang = form.default_language;
        let survey = Survey::new(form, lang, AgeBand::Age8To12);
        let first = survey.current();
        shown = first.iter().map(|n| survey.choices(n).len()).sum::<usize>();
        let t2 = Instant::now();
        parse.push(t1 - t0);
        total.push(t2 - t0);
    }
    println!(
        "XForm of {:.1} MB: {STATES} states, {LGAS} LGAs, {WARDS} wards in 4 languages, {} other questions",
        xml.len() as f64 / 1e6,
        OTHER_QUESTIONS
    );
    println!("read into the form model (parse, itext, itemsets, binds): median {:?} of {runs}", median(parse));
    println!(
        "read + Form::check + engine + first screen ({shown} choices shown): median {:?} of {runs}",
        median(total)
    );
    println!("reference: JavaRosa builds nigeria_wards' FormDef (3 MB) in 11.5 s on a tablet");
}
