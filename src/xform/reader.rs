//! Reading an ODK XForm (from a server's form list, or a file) into the same [`Form`] model the
//! XLSForm importer builds, so that a form behaves the same in Cercle however it arrived.
//!
//! The primary instance gives the shape (groups, repeats, fields in order); binds give types and
//! logic; body controls give the kind of question, labels and appearances; itext gives the
//! translations and media; secondary instances give choice lists. What the model cannot hold
//! is refused with the element, its line and the feature named, never dropped: a dropped skip
//! rule or constraint changes what children are asked. Device metadata (start, end, deviceid...)
//! is left out with a warning, as in the XLSForm importer (C10).
//!
//! Cercle's own XForms ([`super::write_xform`]) carry what the model has beyond XForms in
//! attributes of the `cercle:` namespace on binds ([`CERCLE_NS`]), so they read back into the
//! model they came from; their answer-state fields and session group are not questions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use roxmltree::{Document, Node as XmlNode, ParsingOptions};

use super::xpath::{self, Mode, Paths, Unsupported};
use super::{CERCLE_NS, SESSION_FIELDS, SESSION_GROUP};
use crate::form::{AgeBand, Choice, Form, Kind, Message, Node, Problem, Text};
use crate::lang::{parse_language, Lang};

/// The largest XForm read (the 3 MB `nigeria_wards` form, with room to spare).
pub const MAX_XFORM_BYTES: usize = 32 * 1024 * 1024;

/// A form read from an XForm, with everything doubtful about it.
#[derive(Debug, Clone)]
pub struct ReadXform {
    pub form: Form,
    /// Errors (the form must not be installed) and warnings, in document order, then
    /// [`Form::check`]'s.
    pub problems: Vec<Problem>,
    /// Media file names the form refers to (`jr://images/a.png` → `a.png`), sorted.
    pub media: Vec<String>,
}

/// A file that cannot be read as an XForm at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum XformReadError {
    #[error("the file is not well-formed XML (line {line}): {detail}")]
    NotXml { line: u32, detail: String },
    #[error("the XML file is not an ODK XForm: it has no {0}")]
    NotAnXform(&'static str),
    #[error("the XForm is larger than {} MB", MAX_XFORM_BYTES / (1024 * 1024))]
    TooLarge,
}

impl crate::i18n::UserMessage for XformReadError {
    fn message_in(&self, lang: Lang) -> String {
        use crate::i18n::{tr_args, Arg};
        match self {
            XformReadError::NotXml { line, detail } => tr_args(
                lang,
                "form-import-xform-not-xml",
                &[("line", Arg::Num(i64::from(*line))), ("detail", detail.as_str().into())],
            ),
            XformReadError::NotAnXform(what) => {
                tr_args(lang, "form-import-xform-not-an-xform", &[("element", (*what).into())])
            }
            XformReadError::TooLarge => tr_args(
                lang,
                "form-import-xform-too-large",
                &[("limit", Arg::Num(i64::try_from(MAX_XFORM_BYTES / (1024 * 1024)).unwrap_or(0)))],
            ),
        }
    }
}

/// Reads an XForm. A form with errors is still returned (so every problem can be listed at
/// once); callers must refuse to install it.
pub fn read_xform(xml: &str) -> Result<ReadXform, XformReadError> {
    if xml.len() > MAX_XFORM_BYTES {
        return Err(XformReadError::TooLarge);
    }
    // No DTD: XForms have none, and entity expansion is how an XML file exhausts memory.
    let options = ParsingOptions { allow_dtd: false, nodes_limit: 8_000_000, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(xml, options)
        .map_err(|e| XformReadError::NotXml { line: e.pos().row, detail: e.to_string() })?;
    Reader::new(&doc)?.read()
}

/// One element of the primary instance.
struct Field<'a, 'i> {
    name: String,
    path: String,
    element: XmlNode<'a, 'i>,
    children: Vec<Field<'a, 'i>>,
}

/// One itext entry: text per language, and its media.
#[derive(Default, Clone)]
struct Entry {
    text: Text,
    image: Option<String>,
    audio: Text,
}

/// A body control, by the absolute path of its field.
#[derive(Clone, Copy)]
struct Control<'a, 'i> {
    element: XmlNode<'a, 'i>,
    /// For a repeat: the group around it with the same ref, which holds its label.
    group: Option<XmlNode<'a, 'i>>,
}

struct Reader<'a, 'i> {
    head_title: String,
    model: XmlNode<'a, 'i>,
    body: Option<XmlNode<'a, 'i>>,
    root: XmlNode<'a, 'i>,
    itext: HashMap<String, Entry>,
    default_language: Lang,
    languages: Vec<Lang>,
    binds: HashMap<String, XmlNode<'a, 'i>>,
    controls: HashMap<String, Control<'a, 'i>>,
    secondary: HashMap<String, XmlNode<'a, 'i>>,
    /// `setvalue` on first load or on a new repeat: a default written as an expression.
    dynamic_defaults: HashMap<String, String>,
    paths: Paths,
    problems: Vec<Problem>,
    lists: BTreeMap<String, Vec<Choice>>,
    media: BTreeSet<String>,
    /// pyxform's `{repeat}_count` calculates, folded into their repeat's count.
    folded_counts: HashMap<String, String>,
}

fn local<'a>(n: &XmlNode<'a, '_>) -> &'a str {
    n.tag_name().name()
}

fn children<'a, 'i>(n: XmlNode<'a, 'i>) -> impl Iterator<Item = XmlNode<'a, 'i>> {
    n.children().filter(XmlNode::is_element)
}

fn child<'a, 'i>(n: XmlNode<'a, 'i>, name: &str) -> Option<XmlNode<'a, 'i>> {
    children(n).find(|c| local(c) == name)
}

/// An attribute by local name, whatever its prefix (`jr:count`, `count`).
fn attr<'a>(n: XmlNode<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

fn cercle_attr<'a>(n: XmlNode<'a, '_>, name: &str) -> Option<&'a str> {
    n.attribute((CERCLE_NS, name))
}

/// A path as written in a `ref` or `nodeset`, spaces removed (pyxform pads with spaces).
fn clean_path(p: &str) -> String {
    p.trim().to_string()
}

/// `jr:itext('id')` → `id`.
fn itext_id(reference: &str) -> Option<&str> {
    let r = reference.trim();
    let inner = r.strip_prefix("jr:itext(")?.strip_suffix(')')?.trim();
    Some(inner.trim_matches(['\'', '"']))
}

/// `jr://images/a.png` → `a.png` (any `jr://` folder).
fn media_name(uri: &str) -> String {
    let uri = uri.trim();
    match uri.strip_prefix("jr://") {
        Some(rest) => rest.split_once('/').map(|(_, name)| name).unwrap_or(rest).to_string(),
        None => uri.to_string(),
    }
}

fn line_of(n: XmlNode) -> usize {
    n.document().text_pos_at(n.range().start).row as usize
}

fn is_true(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "true()" | "true" | "yes" | "1")
}

fn is_false(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "false()" | "false" | "no" | "0" | "")
}

impl<'a, 'i> Reader<'a, 'i> {
    fn new(doc: &'a Document<'i>) -> Result<Reader<'a, 'i>, XformReadError> {
        let html = doc.root_element();
        if local(&html) != "html" {
            return Err(XformReadError::NotAnXform("<h:html>"));
        }
        let head = child(html, "head").ok_or(XformReadError::NotAnXform("<h:head>"))?;
        let model = child(head, "model").ok_or(XformReadError::NotAnXform("<model>"))?;
        let primary = children(model)
            .find(|c| local(c) == "instance" && attr(*c, "id").is_none())
            .ok_or(XformReadError::NotAnXform("<instance>"))?;
        let root = children(primary).next().ok_or(XformReadError::NotAnXform("<instance>"))?;
        let head_title = child(head, "title").and_then(|t| t.text()).unwrap_or("").trim().to_string();
        Ok(Reader {
            head_title,
            model,
            body: child(html, "body"),
            root,
            itext: HashMap::new(),
            default_language: Lang::En,
            languages: Vec::new(),
            binds: HashMap::new(),
            controls: HashMap::new(),
            secondary: HashMap::new(),
            dynamic_defaults: HashMap::new(),
            paths: HashMap::new(),
            problems: Vec::new(),
            lists: BTreeMap::new(),
            media: BTreeSet::new(),
            folded_counts: HashMap::new(),
        })
    }

    fn error(&mut self, row: Option<&str>, text: Message) {
        self.problems.push(match row {
            Some(r) => Problem::error(r, text),
            None => Problem::form_error(text),
        });
    }

    fn warning(&mut self, row: Option<&str>, text: Message) {
        self.problems.push(match row {
            Some(r) => Problem::warning(r, text),
            None => Problem::new(crate::form::Severity::Warning, None, text),
        });
    }

    /// "<element> (line n): feature is not supported".
    fn unsupported(&mut self, row: Option<&str>, at: XmlNode, feature: impl Into<crate::form::MessageArg>) {
        let text = Message::new("form-problem-xform-unsupported")
            .arg("feature", feature)
            .arg("element", at.tag_name().name())
            .arg("line", line_of(at).to_string());
        self.error(row, text);
    }

    fn read(mut self) -> Result<ReadXform, XformReadError> {
        self.read_itext();
        let root_name = local(&self.root).to_string();
        let root_path = format!("/{root_name}");
        let tree = self.instance_tree(self.root, &root_path);
        fn index(fields: &[Field], paths: &mut Paths) {
            for f in fields {
                paths.insert(f.path.clone(), f.name.clone());
                index(&f.children, paths);
            }
        }
        index(&tree, &mut self.paths);
        for c in children(self.model) {
            match local(&c) {
                "bind" => {
                    if let Some(path) = attr(c, "nodeset").or_else(|| attr(c, "ref")) {
                        self.binds.insert(clean_path(path), c);
                    }
                }
                "instance" => {
                    if let Some(id) = attr(c, "id") {
                        if let Some(r) = children(c).next() {
                            self.secondary.insert(id.to_string(), r);
                        }
                    }
                }
                _ => {}
            }
        }
        // setvalue / odk:setgeopoint actions, in the model or the body.
        let actions: Vec<XmlNode> = self
            .model
            .descendants()
            .chain(self.body.iter().flat_map(|b| b.descendants()))
            .filter(|n| n.is_element() && matches!(local(n), "setvalue" | "setgeopoint"))
            .collect();
        for action in actions {
            self.read_action(action);
        }
        if let Some(body) = self.body {
            self.read_controls(body, &root_path);
        }
        self.fold_repeat_counts(&tree);

        let id = attr(self.root, "id").unwrap_or("").trim().to_string();
        if id.is_empty() {
            self.error(None, Message::new("form-problem-xform-no-id").arg("element", root_name.as_str()));
        }
        let version = attr(self.root, "version").unwrap_or("").trim().to_string();
        let mut title = self.itext.get("cercle:title").map(|e| e.text.clone()).unwrap_or_default();
        if title.is_empty() {
            let shown = if self.head_title.is_empty() { id.clone() } else { self.head_title.clone() };
            title = Text(BTreeMap::from([(self.default_language, shown)]));
        }
        let mut instance_name = None;
        let mut body = Vec::new();
        for field in &tree {
            if field.name == "meta" && !field.children.is_empty() {
                instance_name = self.read_meta(field);
                continue;
            }
            if field.name == SESSION_GROUP
                && field.children.iter().map(|c| c.name.as_str()).eq(SESSION_FIELDS.iter().copied())
            {
                continue;
            }
            if let Some(node) = self.node(field, &tree) {
                body.push(node);
            }
        }
        // Choice lists no question uses (Cercle's XForms keep them, as its forms do).
        let mut unused: Vec<(String, XmlNode)> = self
            .secondary
            .iter()
            .filter(|(id, _)| !self.lists.contains_key(*id))
            .map(|(id, r)| (id.clone(), *r))
            .collect();
        unused.sort_by(|a, b| a.0.cmp(&b.0));
        for (id, root) in unused {
            let items: Vec<XmlNode> = children(root).collect();
            if items.is_empty() || !items.iter().all(|i| local(i) == "item" && child(*i, "name").is_some()) {
                continue;
            }
            let label =
                if items.iter().any(|i| child(*i, "itextId").is_some()) { "jr:itext(itextId)" } else { "label" };
            let choices = self.list_from_instance(root, "name", label);
            self.lists.insert(id, choices);
        }
        let (public_key, submission_url) = match child(self.model, "submission") {
            Some(s) => (
                attr(s, "base64RsaPublicKey")
                    .map(|k| k.split_whitespace().collect::<String>())
                    .filter(|k| !k.is_empty()),
                attr(s, "action").map(str::trim).filter(|a| !a.is_empty()).map(String::from),
            ),
            None => (None, None),
        };
        let form = Form {
            id,
            version,
            title,
            default_language: self.default_language,
            languages: self.languages.clone(),
            public_key,
            submission_url,
            instance_name,
            // A server's form may hold a name twice in a list (pyxform's allow_choice_duplicates).
            allow_choice_duplicates: self.lists.values().any(|choices| {
                let mut seen = BTreeSet::new();
                choices.iter().any(|c| !seen.insert(c.name.as_str()))
            }),
            choice_lists: std::mem::take(&mut self.lists),
            body,
        };
        let mut problems = self.problems;
        for p in form.check() {
            if !problems.iter().any(|q| q.row == p.row && q.key() == p.key()) {
                problems.push(p);
            }
        }
        Ok(ReadXform { form, problems, media: self.media.into_iter().collect() })
    }

    fn read_itext(&mut self) {
        let Some(itext) = child(self.model, "itext") else {
            self.languages = vec![Lang::En];
            return;
        };
        let mut found: Vec<Lang> = Vec::new();
        let mut default_attr: Option<Lang> = None;
        let mut has_plain_default = false;
        let translations: Vec<XmlNode> = children(itext).filter(|t| local(t) == "translation").collect();
        // The languages first: a translation named "default" holds the default language's text.
        let mut langs: Vec<Option<Lang>> = Vec::new();
        for t in &translations {
            let name = attr(*t, "lang").unwrap_or("").trim();
            let lang = if name.eq_ignore_ascii_case("default") {
                has_plain_default = true;
                None
            } else {
                let lang = parse_language(name);
                match lang {
                    Some(l) if !found.contains(&l) => found.push(l),
                    Some(_) => {}
                    None => {
                        self.warning(None, Message::new("form-problem-xform-foreign-language").arg("language", name))
                    }
                }
                if attr(*t, "default").is_some_and(is_true) && lang.is_some() {
                    default_attr = lang;
                }
                lang
            };
            langs.push(lang);
        }
        let default = default_attr.unwrap_or_else(|| {
            if has_plain_default || found.contains(&Lang::En) || found.is_empty() {
                Lang::En
            } else {
                found[0]
            }
        });
        if !found.contains(&default) {
            found.push(default);
        }
        if translations.iter().zip(&langs).all(|(_, l)| l.is_none()) && !has_plain_default {
            self.error(None, Message::new("form-problem-xform-no-language"));
        }
        self.default_language = default;
        self.languages = Lang::ALL.into_iter().filter(|l| found.contains(l)).collect();
        // Named translations first, so that "default" fills only what they leave empty.
        let mut order: Vec<(XmlNode, Lang, bool)> = Vec::new();
        for (t, lang) in translations.iter().zip(&langs) {
            match lang {
                Some(l) => order.push((*t, *l, false)),
                None if attr(*t, "lang").is_some_and(|n| n.trim().eq_ignore_ascii_case("default")) => {
                    order.push((*t, default, true))
                }
                None => {}
            }
        }
        order.sort_by_key(|(_, _, fallback)| *fallback);
        for (t, lang, fallback) in order {
            for text in children(t).filter(|e| local(e) == "text") {
                let Some(id) = attr(text, "id") else { continue };
                let mut values = Vec::new();
                for value in children(text).filter(|v| local(v) == "value") {
                    values.push((attr(value, "form").map(str::to_string), value));
                }
                for (form, value) in values {
                    let content = self.rich_text(value);
                    let entry = self.itext.entry(id.to_string()).or_default();
                    let keep = |map: &BTreeMap<Lang, String>| !(fallback && map.contains_key(&lang));
                    match form.as_deref() {
                        None | Some("long") | Some("short") => {
                            if content.trim() != "-" && !content.trim().is_empty() && keep(&entry.text.0) {
                                entry.text.0.insert(lang, content);
                            }
                        }
                        Some("image") | Some("big-image") => {
                            let name = media_name(&content);
                            if !name.is_empty() && (entry.image.is_none() || lang == default) {
                                if form.as_deref() == Some("image") || entry.image.is_none() {
                                    entry.image = Some(name.clone());
                                }
                            }
                            if !name.is_empty() {
                                self.media.insert(name);
                            }
                        }
                        Some("audio") => {
                            let name = media_name(&content);
                            if !name.is_empty() {
                                if keep(&entry.audio.0) {
                                    entry.audio.0.insert(lang, name.clone());
                                }
                                self.media.insert(name);
                            }
                        }
                        // Video and guidance hints: not shown to children; the text stays.
                        Some(_) => {}
                    }
                }
            }
        }
    }

    /// A label or value's text, with `<output value="path"/>` as `${name}` (paths resolved
    /// later, when every field is known: see [`Reader::outputs`]).
    fn rich_text(&self, n: XmlNode) -> String {
        let mut s = String::new();
        for c in n.children() {
            if c.is_text() {
                s.push_str(c.text().unwrap_or(""));
            } else if c.is_element() && local(&c) == "output" {
                s.push_str("\u{1}");
                s.push_str(attr(c, "value").unwrap_or("").trim());
                s.push_str("\u{2}");
            } else if c.is_element() {
                s.push_str(&self.rich_text(c));
            }
        }
        s.trim().to_string()
    }

    /// Resolves the `<output>` markers [`Reader::rich_text`] left, relative to `context`.
    fn outputs(&self, text: &Text, context: &str) -> Text {
        let mut out = Text::default();
        for (lang, s) in &text.0 {
            let mut result = String::new();
            let mut rest = s.as_str();
            while let Some(start) = rest.find('\u{1}') {
                result.push_str(&rest[..start]);
                let end = rest[start..].find('\u{2}').map(|e| start + e).unwrap_or(rest.len());
                let expr = &rest[start + 1..end];
                match xpath::to_model(expr, context, Mode::Field, &self.paths) {
                    Ok(e) => result.push_str(&e),
                    Err(_) => result.push_str(expr),
                }
                rest = rest.get(end + 1..).unwrap_or("");
            }
            result.push_str(rest);
            out.0.insert(*lang, result);
        }
        out
    }

    fn instance_tree(&mut self, parent: XmlNode<'a, 'i>, path: &str) -> Vec<Field<'a, 'i>> {
        let mut fields: Vec<Field> = Vec::new();
        for c in children(parent) {
            let name = local(&c).to_string();
            // A repeat's extra instances (pyxform writes its template and one instance).
            if fields.iter().any(|f| f.name == name) {
                continue;
            }
            let p = format!("{path}/{name}");
            let kids = if path.matches('/').count() > 40 { Vec::new() } else { self.instance_tree(c, &p) };
            fields.push(Field { name, path: p, element: c, children: kids });
        }
        fields
    }

    fn read_action(&mut self, action: XmlNode) {
        let target = attr(action, "ref").map(clean_path).unwrap_or_default();
        let row = self.paths.get(&target).cloned();
        if local(&action) == "setgeopoint" {
            let why = Message::new("form-problem-type-location").arg("type", "setgeopoint");
            self.unsupported(row.as_deref(), action, why);
            return;
        }
        let event = attr(action, "event").unwrap_or("");
        let value = attr(action, "value").map(str::to_string).or_else(|| action.text().map(str::to_string));
        let on_load = event.split_whitespace().all(|e| matches!(e, "odk-instance-first-load" | "odk-new-repeat"));
        match (on_load, value, row) {
            (true, Some(v), Some(row)) => match xpath::to_model(&v, &target, Mode::Field, &self.paths) {
                Ok(expr) => {
                    self.dynamic_defaults.insert(target, expr);
                }
                Err(e) => self.expression_problem(&row, action, "value", e),
            },
            (true, None, _) => {}
            (_, _, row) => self.unsupported(row.as_deref(), action, format!("setvalue ({event})")),
        }
    }

    /// Records every control by the absolute path it binds to.
    fn read_controls(&mut self, parent: XmlNode<'a, 'i>, context: &str) {
        for c in children(parent) {
            let kind = local(&c);
            if matches!(kind, "label" | "hint" | "help" | "item" | "itemset" | "setvalue" | "setgeopoint") {
                continue;
            }
            let reference = attr(c, "ref").or_else(|| attr(c, "nodeset")).map(clean_path);
            let path = match reference {
                Some(r) if r.starts_with('/') => Some(r),
                Some(r) => Some(format!("{context}/{}", r.trim_start_matches("./"))),
                None => None,
            };
            match (kind, path) {
                ("group", None) => self.read_controls(c, context),
                ("group", Some(p)) => {
                    // A group holding the repeat of the same field: the repeat's label.
                    let inner = children(c).find(|r| {
                        local(r) == "repeat" && attr(*r, "nodeset").map(clean_path).as_deref() == Some(p.as_str())
                    });
                    match inner {
                        Some(repeat) => {
                            self.controls.insert(p.clone(), Control { element: repeat, group: Some(c) });
                            self.read_controls(repeat, &p);
                        }
                        None => {
                            self.controls.insert(p.clone(), Control { element: c, group: None });
                            self.read_controls(c, &p);
                        }
                    }
                }
                ("repeat", Some(p)) => {
                    self.controls.entry(p.clone()).or_insert(Control { element: c, group: None });
                    self.read_controls(c, &p);
                }
                (_, Some(p)) => {
                    if !self.paths.contains_key(&p) {
                        let text = Message::new("form-problem-xform-control-without-field")
                            .arg("element", kind)
                            .arg("line", line_of(c).to_string())
                            .arg("path", p.as_str());
                        self.error(None, text);
                        continue;
                    }
                    self.controls.insert(p, Control { element: c, group: None });
                }
                (_, None) => {
                    let text = Message::new("form-problem-xform-control-without-field")
                        .arg("element", kind)
                        .arg("line", line_of(c).to_string())
                        .arg("path", "");
                    self.error(None, text);
                }
            }
        }
    }

    /// pyxform turns an expression in `repeat_count` into a calculate named `{repeat}_count`
    /// beside the repeat; the model holds the expression on the repeat itself.
    fn fold_repeat_counts(&mut self, fields: &[Field]) {
        for f in fields {
            if let Some(control) = self.controls.get(&f.path).copied() {
                if local(&control.element) == "repeat" {
                    if let Some(count) = attr(control.element, "count") {
                        let count_path = clean_path(count);
                        let generated = format!("{}_count", f.path);
                        if count_path == generated && !self.controls.contains_key(&generated) {
                            if let Some(calc) = self.binds.get(&generated).and_then(|b| attr(*b, "calculate")) {
                                self.folded_counts.insert(generated, calc.to_string());
                            }
                        }
                    }
                }
            }
            self.fold_repeat_counts(&f.children);
        }
    }

    fn read_meta(&mut self, meta: &Field) -> Option<String> {
        let mut instance_name = None;
        for f in &meta.children {
            match f.name.as_str() {
                "instanceID" | "deprecatedID" => {}
                "instanceName" => {
                    if let Some(calc) = self.binds.get(&f.path).and_then(|b| attr(*b, "calculate")) {
                        match xpath::to_model(calc, &f.path, Mode::Field, &self.paths) {
                            Ok(e) => instance_name = Some(e),
                            Err(e) => {
                                let bind = self.binds[&f.path];
                                self.expression_problem("instanceName", bind, "calculate", e)
                            }
                        }
                    }
                }
                other => {
                    let text = Message::new("form-problem-xform-metadata")
                        .arg("row", other)
                        .arg("what", format!("meta/{other}"));
                    self.warning(Some(other), text);
                }
            }
        }
        instance_name
    }

    fn expression_problem(&mut self, row: &str, at: XmlNode, attribute: &str, e: Unsupported) {
        let (key, detail) = match e {
            Unsupported::InstanceLookup(id) => ("form-problem-xform-expr-instance", id),
            Unsupported::Predicate(p) => ("form-problem-xform-expr-predicate", p),
            Unsupported::PathSyntax(p) => ("form-problem-xform-expr-path", p),
            Unsupported::Variable(v) => ("form-problem-xform-expr-variable", v),
            Unsupported::UnknownPath(p) => ("form-problem-xform-expr-unknown-path", p),
            Unsupported::Syntax(s) => ("form-problem-xform-expr-syntax", s),
        };
        let text = Message::new("form-problem-xform-expression")
            .arg("attribute", attribute)
            .arg("element", at.tag_name().name())
            .arg("line", line_of(at).to_string())
            .arg("detail", Message::new(key).arg("what", detail));
        self.error(Some(row), text);
    }

    /// An expression of a bind, converted and checked with the engine's parser.
    /// Cercle's own XForms give the model's relevant and constraint as written (before the
    /// writer added age bands, bounds and lengths to them) in `cercle:` attributes.
    fn expression(&mut self, row: &str, bind: XmlNode, attribute: &str, context: &str) -> Option<String> {
        if let Some(own) = cercle_attr(bind, attribute) {
            return (!own.trim().is_empty()).then(|| own.to_string());
        }
        let raw = attr(bind, attribute)?;
        self.convert(row, bind, attribute, raw, context, Mode::Field)
    }

    fn convert(
        &mut self,
        row: &str,
        at: XmlNode,
        attribute: &str,
        raw: &str,
        context: &str,
        mode: Mode,
    ) -> Option<String> {
        let converted = match xpath::to_model(raw, context, mode, &self.paths) {
            Ok(e) => e,
            Err(e) => {
                self.expression_problem(row, at, attribute, e);
                return None;
            }
        };
        let parsed = match mode {
            Mode::Field => crate::expr::parse(&converted).map(|_| ()),
            Mode::ChoiceFilter => crate::expr::parse_choice_filter(&converted).map(|_| ()),
        };
        if let Err(e) = parsed {
            let detail: crate::form::MessageArg = match crate::expr::unsupported_function(&e) {
                Some(f) => Message::new("form-problem-xform-expr-function").arg("function", f).into(),
                None => e.to_string().into(),
            };
            let text = Message::new("form-problem-xform-expression")
                .arg("attribute", attribute)
                .arg("element", at.tag_name().name())
                .arg("line", line_of(at).to_string())
                .arg("detail", detail);
            self.error(Some(row), text);
            return None;
        }
        Some(converted)
    }

    /// A label, hint or message: `ref="jr:itext('id')"` or inline text.
    fn text_of(&self, element: Option<XmlNode>, context: &str) -> Entry {
        let Some(e) = element else { return Entry::default() };
        let entry = match attr(e, "ref").and_then(itext_id) {
            Some(id) => self.itext.get(id).cloned().unwrap_or_default(),
            None => {
                let text = self.rich_text(e);
                let mut entry = Entry::default();
                if !text.is_empty() && text != "-" {
                    entry.text.0.insert(self.default_language, text);
                }
                entry
            }
        };
        Entry { text: self.outputs(&entry.text, context), ..entry }
    }

    /// `jr:constraintMsg` / `jr:requiredMsg`: an itext reference or the message itself.
    fn message_attr(&self, bind: XmlNode, name: &str) -> Text {
        match attr(bind, name) {
            None => Text::default(),
            Some(v) => match itext_id(v) {
                Some(id) => self.itext.get(id).map(|e| e.text.clone()).unwrap_or_default(),
                None if v.trim().is_empty() => Text::default(),
                None => Text(BTreeMap::from([(self.default_language, v.trim().to_string())])),
            },
        }
    }

    fn node(&mut self, field: &Field, siblings: &[Field]) -> Option<Node> {
        let name = field.name.clone();
        // pyxform's folded repeat counts, and the header rows it adds to a table-list.
        if self.folded_counts.contains_key(&field.path) || name.starts_with("reserved_name_for_field_list_labels_") {
            return None;
        }
        // A Cercle answer-state field: part of its question, not a question.
        if let Some(question) = name.strip_suffix("_state") {
            let parent = field.path.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
            let q_path = format!("{parent}/{question}");
            if siblings.iter().any(|s| s.name == question)
                && self.binds.get(&q_path).and_then(|b| cercle_attr(*b, "states")).is_some_and(|s| s != "none")
            {
                return None;
            }
        }
        let control = self.controls.get(&field.path).copied();
        let bind = self.binds.get(&field.path).copied();
        let is_repeat = control.is_some_and(|c| local(&c.element) == "repeat")
            || field.element.attribute(("http://openrosa.org/javarosa", "template")).is_some();
        let mut node = Node::new(&name, Kind::Text);
        if !field.children.is_empty() || is_repeat || control.is_some_and(|c| local(&c.element) == "group") {
            node.kind = if is_repeat { Kind::Repeat } else { Kind::Group };
            let label_holder = control.map(|c| c.group.unwrap_or(c.element));
            if let Some(holder) = label_holder {
                let label = self.text_of(child(holder, "label"), &field.path);
                node.label = label.text;
                node.image = label.image;
                node.audio = label.audio;
                node.hint = self.text_of(child(holder, "hint"), &field.path).text;
                node.appearance = attr(control.map(|c| c.element).unwrap_or(holder), "appearance")
                    .or_else(|| attr(holder, "appearance"))
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty());
            }
            if let Some(c) = control.filter(|c| local(&c.element) == "repeat") {
                // A fixed number of instances with no count: Cercle lets the child add them.
                if attr(c.element, "count").is_none() && attr(c.element, "noAddRemove").is_some_and(is_true) {
                    let text = Message::new("form-problem-xform-fixed-repeat")
                        .arg("row", name.as_str())
                        .arg("line", line_of(c.element).to_string());
                    self.warning(Some(&name), text);
                }
                if let Some(count) = attr(c.element, "count") {
                    let generated = format!("{}_count", field.path);
                    let raw = match self.folded_counts.get(&generated) {
                        Some(calc) if clean_path(count) == generated => calc.clone(),
                        _ => count.to_string(),
                    };
                    node.repeat_count = self.convert(&name, c.element, "jr:count", &raw, &field.path, Mode::Field);
                }
            }
            if let Some(b) = bind {
                node.relevant = self.expression(&name, b, "relevant", &field.path);
            }
            self.apply_cercle(&mut node, bind);
            let kids: Vec<Node> = field.children.iter().filter_map(|c| self.node(c, &field.children)).collect();
            node.children = kids;
            // pyxform writes a table-list as a field-list with a header row it made, and the
            // group's label as a note of its own.
            if node.appearance.as_deref() == Some("field-list")
                && field.children.iter().any(|c| c.name.starts_with("reserved_name_for_field_list_labels_"))
            {
                node.appearance = Some("table-list".into());
                for kid in &mut node.children {
                    if kid.appearance.as_deref() == Some("list-nolabel") {
                        kid.appearance = None;
                    }
                }
                if let Some(i) = node.children.iter().position(|c| c.name.starts_with("generated_table_list_label_")) {
                    let note = node.children.remove(i);
                    if node.label.is_empty() {
                        node.label = note.label;
                    }
                    if node.hint.is_empty() {
                        node.hint = note.hint;
                    }
                }
            }
            return Some(node);
        }

        let bind_type = bind.and_then(|b| attr(b, "type")).unwrap_or("string").trim();
        let bind_type = bind_type.rsplit(':').next().unwrap_or(bind_type).to_string();
        let preload = bind.and_then(|b| attr(b, "preload"));
        match control {
            None => {
                if let Some(p) = preload {
                    let what = match bind.and_then(|b| attr(b, "preloadParams")) {
                        Some(params) => format!("{p} {params}"),
                        None => p.to_string(),
                    };
                    let text = Message::new("form-problem-xform-metadata").arg("row", name.as_str()).arg("what", what);
                    self.warning(Some(&name), text);
                    return None;
                }
                let calculate = bind.and_then(|b| attr(b, "calculate"));
                node.kind = if calculate.is_some() { Kind::Calculate } else { Kind::Hidden };
                // Cercle's XForms keep such a row's label (exports show it) in itext.
                if let Some(entry) = self.itext.get(&format!("{}:label", field.path)) {
                    node.label = entry.text.clone();
                }
            }
            Some(c) => {
                let element = c.element;
                let kind = match local(&element) {
                    "input" => match bind_type.as_str() {
                        // A note: read-only text with nothing to show but its label.
                        "string"
                            if bind.and_then(|b| attr(b, "readonly")).is_some_and(is_true)
                                && bind.and_then(|b| attr(b, "calculate")).is_none()
                                && field.element.text().is_none_or(|t| t.trim().is_empty())
                                && !self.dynamic_defaults.contains_key(&field.path) =>
                        {
                            Some(Kind::Note)
                        }
                        "string" => Some(Kind::Text),
                        "int" | "integer" | "long" | "short" => Some(Kind::Integer),
                        "decimal" | "double" | "float" => Some(Kind::Decimal),
                        "date" => Some(Kind::Date),
                        "geopoint" | "geotrace" | "geoshape" => {
                            let why = Message::new("form-problem-type-location").arg("type", bind_type.as_str());
                            self.unsupported(Some(&name), element, why);
                            None
                        }
                        other => {
                            self.unsupported(Some(&name), element, format!("type=\"{other}\""));
                            None
                        }
                    },
                    "select1" => Some(Kind::SelectOne),
                    "select" => Some(Kind::SelectMultiple),
                    "range" => Some(Kind::Range),
                    "trigger" => Some(Kind::Acknowledge),
                    "upload" => {
                        let mediatype = attr(element, "mediatype").unwrap_or("");
                        let key = if mediatype.starts_with("audio") {
                            "form-problem-type-voice"
                        } else if mediatype.starts_with("image") || mediatype.starts_with("video") {
                            "form-problem-type-photo"
                        } else {
                            "form-problem-type-not-supported"
                        };
                        let why = Message::new(key).arg("type", format!("upload {mediatype}").trim().to_string());
                        self.unsupported(Some(&name), element, why);
                        None
                    }
                    other => {
                        self.unsupported(Some(&name), element, format!("<{other}>"));
                        None
                    }
                };
                let kind = kind?;
                node.kind = kind;
                let label = self.text_of(child(element, "label"), &field.path);
                node.label = label.text;
                node.image = label.image;
                node.audio = label.audio;
                node.hint = self.text_of(child(element, "hint"), &field.path).text;
                node.appearance = attr(element, "appearance").map(|a| a.trim().to_string()).filter(|a| !a.is_empty());
                if matches!(kind, Kind::SelectOne | Kind::SelectMultiple) {
                    self.read_choices(&mut node, element, &field.path);
                }
                if kind == Kind::Range {
                    self.read_range(&mut node, element);
                }
                if preload == Some("date") {
                    node.default = Some("today()".into());
                }
            }
        }
        // The field's literal default, unless a setvalue gives an expression.
        if let Some(expr) = self.dynamic_defaults.get(&field.path) {
            node.default = Some(expr.clone());
        } else if let Some(text) = field.element.text().map(str::trim).filter(|t| !t.is_empty()) {
            if field.element.children().all(|c| !c.is_element()) {
                node.default = Some(text.to_string());
            }
        }
        if let Some(b) = bind {
            self.apply_bind(&mut node, b, &field.path);
        }
        self.apply_cercle(&mut node, bind);
        Some(node)
    }

    fn apply_bind(&mut self, node: &mut Node, b: XmlNode, path: &str) {
        let name = node.name.clone();
        node.relevant = self.expression(&name, b, "relevant", path);
        node.constraint = self.expression(&name, b, "constraint", path);
        node.calculation = self.expression(&name, b, "calculate", path);
        node.constraint_message = self.message_attr(b, "constraintMsg");
        node.required_message = self.message_attr(b, "requiredMsg");
        match attr(b, "required") {
            Some(v) if is_true(v) => node.required = true,
            Some(v) if is_false(v) => {}
            Some(_) => node.required_if = self.expression(&name, b, "required", path),
            None => {}
        }
        match attr(b, "readonly") {
            Some(v) if is_true(v) => node.read_only = node.kind != Kind::Note,
            Some(v) if is_false(v) => {}
            Some(v) => {
                let feature = format!("readonly=\"{v}\"");
                self.unsupported(Some(&name), b, feature);
            }
            None => {}
        }
        // Calculations are read-only by nature; pyxform marks them so.
        if matches!(node.kind, Kind::Calculate | Kind::Hidden) {
            node.read_only = false;
        }
    }

    /// What Cercle's own XForms say beyond XForms (see [`CERCLE_NS`]).
    fn apply_cercle(&mut self, node: &mut Node, bind: Option<XmlNode>) {
        let Some(b) = bind else { return };
        if let Some(states) = cercle_attr(b, "states") {
            node.rather_not_say = states.split_whitespace().any(|s| s == "rather_not_say");
            node.dont_know = states.split_whitespace().any(|s| s == "dont_know");
        }
        node.quasi_identifier = cercle_attr(b, "quasi-identifier").is_some_and(is_true);
        if let Some(bands) = cercle_attr(b, "age-bands") {
            node.age_bands = bands.split_whitespace().filter_map(AgeBand::from_code).collect();
        }
        let number = |n: &str| cercle_attr(b, n).and_then(|v| v.trim().parse::<i64>().ok());
        if let Some(min) = number("min") {
            node.min = Some(min);
        }
        if let Some(max) = number("max") {
            node.max = Some(max);
        }
        if let Some(len) = number("max-length") {
            node.max_length = usize::try_from(len).ok();
        }
    }

    fn read_range(&mut self, node: &mut Node, element: XmlNode) {
        let value = |n: &str| attr(element, n).and_then(|v| v.trim().parse::<f64>().ok());
        let (start, end, step) = (value("start").unwrap_or(1.0), value("end").unwrap_or(10.0), value("step"));
        if start.fract() != 0.0 || end.fract() != 0.0 {
            self.unsupported(Some(&node.name.clone()), element, "range start/end with decimals");
            return;
        }
        node.min = Some(start as i64);
        node.max = Some(end as i64);
        node.step = step;
    }

    fn read_choices(&mut self, node: &mut Node, element: XmlNode, path: &str) {
        let name = node.name.clone();
        if let Some(itemset) = child(element, "itemset") {
            let nodeset = attr(itemset, "nodeset").unwrap_or("").trim();
            // instance('list')/root/item[filter]
            let parsed = nodeset
                .strip_prefix("instance(")
                .and_then(|r| r.split_once(')'))
                .map(|(id, rest)| (id.trim().trim_matches(['\'', '"']).to_string(), rest));
            let Some((list, rest)) = parsed else {
                self.unsupported(Some(&name), itemset, format!("itemset {nodeset}"));
                return;
            };
            let (steps, filter) = match rest.find('[') {
                Some(open) if rest.trim_end().ends_with(']') => {
                    let close = rest.trim_end().len() - 1;
                    (&rest[..open], Some(&rest[open + 1..close]))
                }
                _ => (rest, None),
            };
            if steps.trim() != "/root/item" {
                self.unsupported(Some(&name), itemset, format!("itemset {nodeset}"));
                return;
            }
            if list.ends_with(".csv") || list.ends_with(".xml") || list.ends_with(".geojson") {
                let what =
                    Message::new("form-problem-type-not-supported").arg("type", format!("select_one_from_file {list}"));
                self.unsupported(Some(&name), itemset, what);
                return;
            }
            let value_ref = child(itemset, "value").and_then(|v| attr(v, "ref")).unwrap_or("name").trim().to_string();
            let label_ref = child(itemset, "label").and_then(|v| attr(v, "ref")).unwrap_or("label").trim().to_string();
            if !self.lists.contains_key(&list) {
                let Some(root) = self.secondary.get(&list).copied() else {
                    let text = Message::new("form-problem-xform-no-instance")
                        .arg("list", list.as_str())
                        .arg("line", line_of(itemset).to_string());
                    self.error(Some(&name), text);
                    return;
                };
                if attr(root.parent().unwrap_or(root), "src").is_some() {
                    let what = Message::new("form-problem-type-not-supported")
                        .arg("type", format!("select_one_from_file {list}"));
                    self.unsupported(Some(&name), itemset, what);
                    return;
                }
                let choices = self.list_from_instance(root, &value_ref, &label_ref);
                self.lists.insert(list.clone(), choices);
            }
            node.list = Some(list);
            if let Some(f) = filter {
                node.choice_filter = self.convert(&name, itemset, "nodeset", f, path, Mode::ChoiceFilter);
            }
        } else {
            // Inline items: a list of the question's own.
            let mut choices = Vec::new();
            for item in children(element).filter(|i| local(i) == "item") {
                let value = child(item, "value").and_then(|v| v.text()).unwrap_or("").trim().to_string();
                let label = self.text_of(child(item, "label"), path);
                choices.push(Choice {
                    name: value,
                    label: label.text,
                    image: label.image,
                    audio: label.audio,
                    extra: BTreeMap::new(),
                });
            }
            let mut list = name.clone();
            while self.lists.contains_key(&list) || self.secondary.contains_key(&list) {
                list.push('_');
            }
            self.lists.insert(list.clone(), choices);
            node.list = Some(list);
        }
    }

    fn list_from_instance(&mut self, root: XmlNode, value_ref: &str, label_ref: &str) -> Vec<Choice> {
        let mut choices = Vec::new();
        let label_itext = label_ref.strip_prefix("jr:itext(").and_then(|r| r.strip_suffix(')')).map(str::trim);
        for item in children(root) {
            let mut choice = Choice {
                name: String::new(),
                label: Text::default(),
                image: None,
                audio: Text::default(),
                extra: BTreeMap::new(),
            };
            for c in children(item) {
                let key = local(&c);
                let text = c.text().unwrap_or("").trim().to_string();
                if key == value_ref {
                    choice.name = text;
                } else if Some(key) == label_itext {
                    if let Some(e) = self.itext.get(&text) {
                        choice.label = e.text.clone();
                        choice.image = e.image.clone();
                        choice.audio = e.audio.clone();
                    }
                } else if key == label_ref {
                    if !text.is_empty() {
                        choice.label.0.insert(self.default_language, text);
                    }
                } else if key != "itextId" {
                    choice.extra.insert(key.to_string(), text);
                }
            }
            choices.push(choice);
        }
        choices
    }
}
