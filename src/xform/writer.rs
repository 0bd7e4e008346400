//! Writing the XForm and its instances as text. Plain string building: the documents are
//! small, their shape is fixed, and every text and attribute goes through [`esc`].

use std::collections::BTreeMap;
use std::fmt::Write;

use quick_xml::escape::escape;

use super::{
    answerable, has_state_field, itext_language, Layout, XformError, CERCLE_NS, SESSION_FIELDS, SESSION_GROUP,
};
use crate::engine::{answer_key, Answer};
use crate::form::{Form, Kind, Node, Text};

fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    escape(s)
}

/// The facts of a session that go with its answers (no times of day, C10).
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFacts {
    pub instance_id: String,
    pub participant_code: String,
    pub age_band: String,
    pub language: String,
    pub form_version: String,
    pub started: chrono::NaiveDate,
    pub finalised: Option<chrono::NaiveDate>,
}

/// The form as an ODK XForm (itext in every language of the form).
pub fn write_xform(form: &Form) -> Result<String, XformError> {
    let layout = Layout::of(form)?;
    let root = &layout.root;
    let mut x = String::with_capacity(64 * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(
        "<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\" \
         xmlns:ev=\"http://www.w3.org/2001/xml-events\" xmlns:jr=\"http://openrosa.org/javarosa\" \
         xmlns:odk=\"http://www.opendatakit.org/xforms\" xmlns:orx=\"http://openrosa.org/xforms\" \
         xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"",
    );
    let _ = writeln!(x, " xmlns:cercle=\"{CERCLE_NS}\">");
    let _ = writeln!(
        x,
        "<h:head>\n<h:title>{}</h:title>",
        esc(form.title.get(form.default_language, form.default_language))
    );
    x.push_str("<model odk:xforms-version=\"1.0.0\">\n");

    // Translations: one itext entry per text, per language, default language first.
    let mut itext = Itext::default();
    // The title in every language (h:title has one); JavaRosa ignores an unused entry.
    itext.add("cercle:title".into(), &form.title, None, &Text::default());
    collect_itext(form, &form.body, &layout, &mut itext);
    let mut langs = vec![form.default_language];
    langs.extend(form.languages.iter().copied().filter(|l| *l != form.default_language));
    x.push_str("<itext>\n");
    for lang in &langs {
        let default = if *lang == form.default_language { " default=\"true()\"" } else { "" };
        let _ = writeln!(x, "<translation lang=\"{}\"{default}>", itext_language(*lang));
        for entry in &itext.entries {
            let _ = write!(x, "<text id=\"{}\">", esc(&entry.id));
            // "-" where a language has no text, as pyxform writes it: Cercle itself shows the
            // default language there, and reads "-" back as no text.
            let text = entry.text.0.get(lang).map(|t| t.trim()).filter(|t| !t.is_empty()).unwrap_or("-");
            let _ = write!(x, "<value>{}</value>", esc(text));
            if let Some(image) = &entry.image {
                let _ = write!(x, "<value form=\"image\">jr://images/{}</value>", esc(image));
            }
            if let Some(audio) = entry.audio.0.get(lang) {
                let _ = write!(x, "<value form=\"audio\">jr://audio/{}</value>", esc(audio));
            }
            x.push_str("</text>\n");
        }
        x.push_str("</translation>\n");
    }
    x.push_str("</itext>\n");

    // The primary instance: the shape every submission has.
    let _ = writeln!(x, "<instance>\n<{root} id=\"{}\" version=\"{}\">", esc(&form.id), esc(&form.version));
    instance_template(&form.body, &mut x);
    let _ = write!(x, "<{SESSION_GROUP}>");
    for f in SESSION_FIELDS {
        let _ = write!(x, "<{f}/>");
    }
    let _ = writeln!(x, "</{SESSION_GROUP}>");
    x.push_str("<meta><instanceID/></meta>\n");
    let _ = writeln!(x, "</{root}>\n</instance>");

    // Choice lists as secondary instances, so choice filters work as in pyxform's forms.
    for (list, choices) in &form.choice_lists {
        let _ = writeln!(x, "<instance id=\"{}\">\n<root>", esc(list));
        for (i, c) in choices.iter().enumerate() {
            let _ =
                write!(x, "<item><itextId>{}</itextId><name>{}</name>", esc(&choice_itext_id(list, i)), esc(&c.name));
            for (k, v) in &c.extra {
                if valid_element_name(k) && k != "name" && k != "itextId" {
                    let _ = write!(x, "<{k}>{}</{k}>", esc(v));
                }
            }
            x.push_str("</item>\n");
        }
        x.push_str("</root>\n</instance>\n");
    }

    // Binds.
    binds(&form.body, &layout, &mut x);
    for f in SESSION_FIELDS {
        let kind = if f == "started" || f == "finalised" { "date" } else { "string" };
        let _ = writeln!(x, "<bind nodeset=\"/{root}/{SESSION_GROUP}/{f}\" type=\"{kind}\" readonly=\"true()\"/>");
    }
    let _ = writeln!(
        x,
        "<bind nodeset=\"/{root}/meta/instanceID\" type=\"string\" readonly=\"true()\" jr:preload=\"uid\"/>"
    );
    if let Some(name) = &form.instance_name {
        let _ = writeln!(
            x,
            "<bind nodeset=\"/{root}/meta/instanceName\" type=\"string\" calculate=\"{}\"/>",
            esc(&layout.xpath(name))
        );
    }
    if form.public_key.is_some() || form.submission_url.is_some() {
        x.push_str("<submission method=\"post\"");
        if let Some(url) = &form.submission_url {
            let _ = write!(x, " action=\"{}\"", esc(url));
        }
        if let Some(key) = &form.public_key {
            let _ = write!(x, " base64RsaPublicKey=\"{}\"", esc(key.trim()));
        }
        x.push_str(" orx:auto-send=\"false\"/>\n");
    }
    x.push_str("</model>\n</h:head>\n<h:body>\n");
    body(form, &form.body, &layout, &mut x);
    x.push_str("</h:body>\n</h:html>\n");
    if form.instance_name.is_some() {
        // instanceName lives in meta; add its element to the primary instance.
        x = x.replacen("<meta><instanceID/></meta>", "<meta><instanceID/><instanceName/></meta>", 1);
    }
    Ok(x)
}

fn valid_element_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[derive(Default)]
struct Itext {
    entries: Vec<ItextEntry>,
}

struct ItextEntry {
    id: String,
    text: Text,
    image: Option<String>,
    audio: Text,
}

impl Itext {
    fn add(&mut self, id: String, text: &Text, image: Option<&String>, audio: &Text) {
        self.entries.push(ItextEntry { id, text: text.clone(), image: image.cloned(), audio: audio.clone() });
    }
}

fn choice_itext_id(list: &str, index: usize) -> String {
    format!("{list}-{index}")
}

fn collect_itext(form: &Form, nodes: &[Node], layout: &Layout, itext: &mut Itext) {
    if std::ptr::eq(nodes, form.body.as_slice()) {
        for (list, choices) in &form.choice_lists {
            for (i, c) in choices.iter().enumerate() {
                itext.add(choice_itext_id(list, i), &c.label, c.image.as_ref(), &c.audio);
            }
        }
    }
    for n in nodes {
        let path = layout.path(&n.name).unwrap_or_default().to_string();
        if !n.label.is_empty() || n.image.is_some() || !n.audio.is_empty() {
            itext.add(format!("{path}:label"), &n.label, n.image.as_ref(), &n.audio);
        }
        if !n.hint.is_empty() {
            itext.add(format!("{path}:hint"), &n.hint, None, &Text::default());
        }
        if !n.constraint_message.is_empty() {
            itext.add(format!("{path}:jr:constraintMsg"), &n.constraint_message, None, &Text::default());
        }
        if !n.required_message.is_empty() {
            itext.add(format!("{path}:jr:requiredMsg"), &n.required_message, None, &Text::default());
        }
        collect_itext(form, &n.children, layout, itext);
    }
}

fn instance_template(nodes: &[Node], x: &mut String) {
    for n in nodes {
        match n.kind {
            Kind::Group => {
                let _ = write!(x, "<{}>", n.name);
                instance_template(&n.children, x);
                let _ = writeln!(x, "</{}>", n.name);
            }
            Kind::Repeat => {
                // The template JavaRosa copies for each new instance.
                let _ = write!(x, "<{} jr:template=\"\">", n.name);
                instance_template(&n.children, x);
                let _ = writeln!(x, "</{}>", n.name);
            }
            _ => {
                match n.default.as_deref().filter(|d| is_literal(d)) {
                    Some(d) => {
                        let _ = write!(x, "<{0}>{1}</{0}>", n.name, esc(d.trim_matches(['\'', '"'])));
                    }
                    None => {
                        let _ = write!(x, "<{}/>", n.name);
                    }
                }
                if has_state_field(n) {
                    let _ = write!(x, "<{}_state/>", n.name);
                }
                x.push('\n');
            }
        }
    }
}

/// A default written as a plain value, not an expression such as `today()`.
fn is_literal(d: &str) -> bool {
    !d.contains(['(', '$', '/'])
}

/// The `relevant` of a row: its own, plus the age bands it is limited to.
fn relevant(node: &Node, layout: &Layout) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(r) = &node.relevant {
        parts.push(layout.xpath(r));
    }
    if !node.age_bands.is_empty() {
        let bands: Vec<String> = node
            .age_bands
            .iter()
            .map(|b| format!("/{}/{SESSION_GROUP}/age_band = '{}'", layout.root, b.code()))
            .collect();
        parts.push(bands.join(" or "));
    }
    conjunction(parts)
}

/// `a and b`, each part in parentheses when there are several.
fn conjunction(parts: Vec<String>) -> Option<String> {
    match parts.len() {
        0 => None,
        1 => parts.into_iter().next(),
        _ => Some(parts.iter().map(|p| format!("({p})")).collect::<Vec<_>>().join(" and ")),
    }
}

fn binds(nodes: &[Node], layout: &Layout, x: &mut String) {
    for n in nodes {
        let path = layout.path(&n.name).unwrap_or_default();
        let mut attrs: Vec<(&str, String)> = Vec::new();
        let kind = match n.kind {
            Kind::Group | Kind::Repeat => None,
            Kind::Integer => Some("int"),
            Kind::Decimal => Some("decimal"),
            Kind::Range if n.step.is_some_and(|s| s.fract() != 0.0) => Some("decimal"),
            Kind::Range => Some("int"),
            Kind::Date => Some("date"),
            _ => Some("string"),
        };
        if let Some(k) = kind {
            attrs.push(("type", k.to_string()));
        }
        if let Some(r) = relevant(n, layout) {
            attrs.push(("relevant", r));
        }
        let mut constraints = Vec::new();
        if let Some(c) = &n.constraint {
            constraints.push(layout.xpath(c));
        }
        if n.kind == Kind::Integer || n.kind == Kind::Decimal {
            if let Some(min) = n.min {
                constraints.push(format!(". >= {min}"));
            }
            if let Some(max) = n.max {
                constraints.push(format!(". <= {max}"));
            }
        }
        if let Some(len) = n.max_length {
            constraints.push(format!("string-length(.) <= {len}"));
        }
        if let Some(c) = conjunction(constraints) {
            attrs.push(("constraint", c));
        }
        if !n.constraint_message.is_empty() {
            attrs.push(("jr:constraintMsg", format!("jr:itext('{path}:jr:constraintMsg')")));
        }
        if n.required {
            attrs.push(("required", "true()".into()));
        } else if let Some(r) = &n.required_if {
            attrs.push(("required", layout.xpath(r)));
        }
        if !n.required_message.is_empty() {
            attrs.push(("jr:requiredMsg", format!("jr:itext('{path}:jr:requiredMsg')")));
        }
        if let Some(c) = &n.calculation {
            attrs.push(("calculate", layout.xpath(c)));
        }
        if let Some(d) = n.default.as_deref().filter(|d| !is_literal(d)) {
            if d.trim() == "today()" || d.trim() == "now()" {
                attrs.push(("jr:preload", "date".into()));
                attrs.push(("jr:preloadParams", "today".into()));
            }
        }
        if n.read_only || n.kind == Kind::Note {
            attrs.push(("readonly", "true()".into()));
        }
        // What the model says beyond XForms, for the reader (`xform::reader`): other clients
        // ignore attributes of a namespace they do not know.
        if answerable(n) {
            let states: Vec<&str> = [(n.rather_not_say, "rather_not_say"), (n.dont_know, "dont_know")]
                .into_iter()
                .filter_map(|(on, s)| on.then_some(s))
                .collect();
            attrs.push(("cercle:states", if states.is_empty() { "none".into() } else { states.join(" ") }));
        }
        if !n.age_bands.is_empty() {
            let bands: Vec<&str> = n.age_bands.iter().map(|b| b.code()).collect();
            attrs.push(("cercle:age-bands", bands.join(" ")));
            attrs.push(("cercle:relevant", n.relevant.clone().unwrap_or_default()));
        }
        if n.quasi_identifier {
            attrs.push(("cercle:quasi-identifier", "true()".into()));
        }
        let bounds =
            [("cercle:min", n.min), ("cercle:max", n.max), ("cercle:max-length", n.max_length.map(|l| l as i64))];
        let mut bounded = false;
        for (attr, value) in bounds {
            if let Some(v) = value {
                attrs.push((attr, v.to_string()));
                bounded = true;
            }
        }
        if bounded && n.kind != Kind::Range {
            attrs.push(("cercle:constraint", n.constraint.clone().unwrap_or_default()));
        }
        if !attrs.is_empty() {
            let _ = write!(x, "<bind nodeset=\"{path}\"");
            for (k, v) in attrs {
                let _ = write!(x, " {k}=\"{}\"", esc(&v));
            }
            x.push_str("/>\n");
        }
        if has_state_field(n) {
            let _ = write!(x, "<bind nodeset=\"{path}_state\" type=\"string\"");
            if let Some(r) = relevant(n, layout) {
                let _ = write!(x, " relevant=\"{}\"", esc(&r));
            }
            x.push_str("/>\n");
        }
        binds(&n.children, layout, x);
    }
}

fn label(path: &str, node: &Node) -> String {
    let mut s = String::new();
    if !node.label.is_empty() || node.image.is_some() || !node.audio.is_empty() {
        let _ = write!(s, "<label ref=\"jr:itext('{}')\"/>", esc(&format!("{path}:label")));
    }
    if !node.hint.is_empty() {
        let _ = write!(s, "<hint ref=\"jr:itext('{}')\"/>", esc(&format!("{path}:hint")));
    }
    s
}

fn body(form: &Form, nodes: &[Node], layout: &Layout, x: &mut String) {
    for n in nodes {
        let path = layout.path(&n.name).unwrap_or_default();
        let appearance = n.appearance.as_deref().map(|a| format!(" appearance=\"{}\"", esc(a))).unwrap_or_default();
        let labels = label(path, n);
        match n.kind {
            Kind::Calculate | Kind::Hidden => {}
            Kind::Group => {
                let _ = writeln!(x, "<group ref=\"{path}\"{appearance}>{labels}");
                body(form, &n.children, layout, x);
                x.push_str("</group>\n");
            }
            Kind::Repeat => {
                let count = n
                    .repeat_count
                    .as_deref()
                    .map(|c| format!(" jr:count=\"{}\" jr:noAddRemove=\"true()\"", esc(&layout.xpath(c))))
                    .unwrap_or_default();
                let _ = writeln!(x, "<group ref=\"{path}\">{labels}");
                let _ = writeln!(x, "<repeat nodeset=\"{path}\"{count}{appearance}>");
                body(form, &n.children, layout, x);
                x.push_str("</repeat>\n</group>\n");
            }
            Kind::SelectOne | Kind::SelectMultiple => {
                let element = if n.kind == Kind::SelectOne { "select1" } else { "select" };
                let list = n.list.as_deref().unwrap_or_default();
                let filter = n.choice_filter.as_deref().map(|f| format!("[{}]", layout.xpath(f))).unwrap_or_default();
                let _ = writeln!(
                    x,
                    "<{element} ref=\"{path}\"{appearance}>{labels}<itemset nodeset=\"{}\"><value ref=\"name\"/><label ref=\"jr:itext(itextId)\"/></itemset></{element}>",
                    esc(&format!("instance('{list}')/root/item{filter}"))
                );
            }
            Kind::Range => {
                let start = n.min.unwrap_or(0);
                let end = n.max.unwrap_or(10);
                let step = n.step.unwrap_or(1.0);
                let _ = writeln!(x, "<range ref=\"{path}\" start=\"{start}\" end=\"{end}\" step=\"{step}\"{appearance}>{labels}</range>");
            }
            Kind::Acknowledge => {
                let _ = writeln!(x, "<trigger ref=\"{path}\"{appearance}>{labels}</trigger>");
            }
            _ => {
                let _ = writeln!(x, "<input ref=\"{path}\"{appearance}>{labels}</input>");
            }
        }
    }
}

/// A session as an instance of the form's XForm: every row of the form in order (a row not
/// shown is an empty element), repeats once per instance, the state fields, the session's
/// facts and `meta/instanceID`.
pub fn write_instance(
    form: &Form,
    facts: &SessionFacts,
    answers: &BTreeMap<String, Answer>,
) -> Result<String, XformError> {
    let layout = Layout::of(form)?;
    let root = &layout.root;
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        x,
        "<{root} xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" id=\"{}\" version=\"{}\">",
        esc(&form.id),
        esc(&facts.form_version)
    );
    instance_values(&form.body, answers, None, &mut x);
    let _ = write!(x, "<{SESSION_GROUP}>");
    let values = [
        facts.participant_code.clone(),
        facts.age_band.clone(),
        facts.language.clone(),
        facts.form_version.clone(),
        facts.started.format("%Y-%m-%d").to_string(),
        facts.finalised.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    ];
    for (f, v) in SESSION_FIELDS.iter().zip(values) {
        element(&mut x, f, &v);
    }
    let _ = write!(x, "</{SESSION_GROUP}>");
    let _ = write!(x, "<meta><instanceID>{}</instanceID></meta></{root}>\n", esc(&facts.instance_id));
    Ok(x)
}

fn element(x: &mut String, name: &str, value: &str) {
    if value.is_empty() {
        let _ = write!(x, "<{name}/>");
    } else {
        let _ = write!(x, "<{name}>{}</{name}>", esc(value));
    }
}

fn instance_values(nodes: &[Node], answers: &BTreeMap<String, Answer>, instance: Option<usize>, x: &mut String) {
    for n in nodes {
        match n.kind {
            Kind::Group => {
                let _ = write!(x, "<{}>", n.name);
                instance_values(&n.children, answers, instance, x);
                let _ = write!(x, "</{}>", n.name);
            }
            Kind::Repeat => {
                // The repeat's own key holds how many instances the child made.
                let count = match answers.get(&n.name) {
                    Some(Answer::Value(v)) => v.parse::<usize>().unwrap_or(0),
                    _ => 0,
                };
                for k in 1..=count {
                    let _ = write!(x, "<{}>", n.name);
                    instance_values(&n.children, answers, Some(k), x);
                    let _ = write!(x, "</{}>", n.name);
                }
            }
            _ => {
                let answer = answers.get(&answer_key(&n.name, instance));
                let value = match answer {
                    Some(Answer::Value(v)) => v.as_str(),
                    _ => "",
                };
                element(x, &n.name, value);
                if has_state_field(n) {
                    element(x, &format!("{}_state", n.name), answer.map(Answer::state).unwrap_or(""));
                }
            }
        }
    }
}
