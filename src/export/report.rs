//! The report: one self-contained HTML file (no network, no script), in one of the four
//! languages, printable, to be read with children too. Per question a chart of the answers
//! overall and by age band, with the form's own pictures; every count below the threshold is
//! suppressed, with its complements (`cells`), and the report says so in plain words.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use base64::Engine as _;

use super::cells::{crosstab, suppress};
use super::{io_error, write_file_atomically, Progress};
use crate::engine::{answer_key, Answer};
use crate::form::{AgeBand, Form, Kind, Node};
use crate::i18n::{tr, tr_args, Arg};
use crate::lang::Lang;
use crate::store::{Result, Store};

#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub lang: Lang,
    /// Counts below this are suppressed (C11: default 5).
    pub threshold: u64,
}

#[derive(Debug, Clone, Default)]
pub struct ReportSummary {
    pub sessions: usize,
    /// Cells hidden, primary and complementary.
    pub suppressed: usize,
}

/// One charted question: its categories and their counts per age band.
struct Chart<'a> {
    node: &'a Node,
    bands: Vec<AgeBand>,
    /// (category code, label): the choices, then "I'd rather not say", "I don't know".
    categories: Vec<(String, String)>,
    /// counts[category][band index]
    counts: Vec<Vec<u64>>,
    /// Children shown the question, per band (select_multiple: the base; else the sum).
    bases: Vec<u64>,
}

const RATHER_NOT_SAY: &str = "\u{1}rather_not_say";
const DONT_KNOW: &str = "\u{1}dont_know";

/// Whether a row gets a chart: answers from a fixed set (choices, a range, yes/no).
fn charted(node: &Node) -> bool {
    matches!(node.kind, Kind::SelectOne | Kind::SelectMultiple | Kind::Range)
        || (node.kind == Kind::Integer && node.min.zip(node.max).is_some_and(|(a, b)| b >= a && b - a <= 12))
}

fn categories(form: &Form, node: &Node, lang: Lang) -> Vec<(String, String)> {
    let fallback = form.default_language;
    let mut out: Vec<(String, String)> = match node.kind {
        Kind::SelectOne | Kind::SelectMultiple => {
            form.choices(node).iter().map(|c| (c.name.clone(), c.label.get(lang, fallback).to_string())).collect()
        }
        _ => {
            let (start, end) = (node.min.unwrap_or(1), node.max.unwrap_or(10));
            let step = node.step.unwrap_or(1.0).max(1.0) as usize;
            (start..=end).step_by(step).map(|v| (v.to_string(), v.to_string())).collect()
        }
    };
    if node.rather_not_say {
        out.push((RATHER_NOT_SAY.into(), tr(lang, "child-rather-not-say")));
    }
    if node.dont_know {
        out.push((DONT_KNOW.into(), tr(lang, "child-dont-know")));
    }
    out
}

/// Writes the report of `form_id`'s finalised sessions to `path`.
pub fn write(
    store: &Store,
    form_id: &str,
    options: &ReportOptions,
    path: &Path,
    progress: Progress<'_>,
) -> Result<ReportSummary> {
    let form = store.form(form_id)?;
    let lang = options.lang;
    let leaves = form.leaves();
    let mut charts: Vec<Chart> = leaves
        .iter()
        .filter(|l| l.repeat.is_none() && charted(l.node))
        .map(|l| {
            let bands: Vec<AgeBand> = AgeBand::ALL
                .into_iter()
                .filter(|b| l.node.age_bands.is_empty() || l.node.age_bands.contains(b))
                .collect();
            let categories = categories(&form, l.node, lang);
            Chart {
                node: l.node,
                counts: vec![vec![0; bands.len()]; categories.len()],
                bases: vec![0; bands.len()],
                bands,
                categories,
            }
        })
        .collect();
    let mut by_band = [0u64; 3];
    let mut sessions = 0;
    store.for_each_finalised(form_id, |s, answers| {
        sessions += 1;
        if sessions % 1000 == 0 {
            progress(sessions, 0);
        }
        let band = AgeBand::ALL.iter().position(|b| *b == s.age_band).unwrap_or(1);
        by_band[band] += 1;
        for chart in &mut charts {
            let Some(b) = chart.bands.iter().position(|x| *x == s.age_band) else { continue };
            let picked: Vec<&str> = match answers.get(&answer_key(&chart.node.name, None)) {
                None => continue,
                Some(Answer::RatherNotSay) => vec![RATHER_NOT_SAY],
                Some(Answer::DontKnow) => vec![DONT_KNOW],
                Some(Answer::Value(v)) => v.split_whitespace().collect(),
            };
            chart.bases[b] += 1;
            for p in picked {
                if let Some(c) = chart.categories.iter().position(|(code, _)| code == p) {
                    chart.counts[c][b] += 1;
                }
            }
        }
        Ok(())
    })?;
    progress(sessions, sessions);

    let mut suppressed = 0;
    let mut html = String::new();
    let rtl = lang.is_rtl();
    let title = form.title.get(lang, form.default_language);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang.code(),
        if rtl { "rtl" } else { "ltr" },
        escape(&format!("{} — {}", tr(lang, "report-title"), title)),
        STYLE
    );
    let _ =
        write!(html, "<header><h1>{}</h1><p class=\"form\">{}</p>", escape(&tr(lang, "report-title")), escape(title));

    // Who took part: one line of counts by age band, protected like every other table.
    let overview = crosstab(&[by_band.to_vec()], None);
    let hidden = suppress(&overview, options.threshold);
    suppressed += hidden.hidden.iter().filter(|h| **h).count();
    let total_cell = overview.counts.len() - 1;
    let shown = |i: usize| -> String {
        if hidden.hidden[i] {
            "—".into()
        } else {
            overview.counts[i].to_string()
        }
    };
    let _ = write!(
        html,
        "<p class=\"lead\">{}</p><ul class=\"bands\">",
        escape(&tr_args(lang, "report-intro", &[("count", Arg::Str(shown(total_cell)))]))
    );
    for (b, band) in AgeBand::ALL.iter().enumerate() {
        let _ = write!(
            html,
            "<li><span class=\"swatch band{b}\"></span>{}: <b>{}</b></li>",
            escape(&tr(lang, &format!("age-band-{}", band.code()))),
            shown(b)
        );
    }
    let _ = write!(
        html,
        "</ul><p class=\"note\">{}</p></header>\n<main>\n",
        escape(&tr_args(lang, "report-protection", &[("threshold", Arg::Num(options.threshold as i64))]))
    );

    for chart in &charts {
        suppressed += chart_html(&mut html, store, &form, chart, lang, options.threshold)?;
    }
    let _ = write!(
        html,
        "</main>\n<footer><p>{}</p><p>{}</p></footer>\n</body>\n</html>\n",
        escape(&tr_args(lang, "report-suppressed-summary", &[("count", Arg::Num(suppressed as i64))])),
        escape(&tr(lang, "report-footer"))
    );
    write_file_atomically(path, |file| file.write_all(html.as_bytes()).map_err(io_error))?;
    Ok(ReportSummary { sessions, suppressed })
}

/// One question: its title, then a row per category with the overall bar and one bar per age
/// band. Returns how many cells were hidden.
fn chart_html(
    html: &mut String,
    store: &Store,
    form: &Form,
    chart: &Chart,
    lang: Lang,
    threshold: u64,
) -> Result<usize> {
    let multiple = chart.node.kind == Kind::SelectMultiple;
    let table = crosstab(&chart.counts, multiple.then_some(&chart.bases[..]));
    let s = suppress(&table, threshold);
    let rows = chart.categories.len();
    let cols = chart.bands.len();
    let cell = |r: usize, c: usize| r * cols + c;
    let row_total = |r: usize| rows * cols + r;
    let col_total = |c: usize| rows * cols + rows + c;
    let grand = rows * cols + rows + cols;
    let max = table
        .counts
        .iter()
        .enumerate()
        .filter(|(i, _)| !s.hidden[*i] && *i < rows * cols + rows)
        .map(|(_, c)| *c)
        .max()
        .unwrap_or(1)
        .max(1);
    let label = chart.node.label.get(lang, form.default_language);
    let _ = write!(html, "<section class=\"question\"><h2>{}</h2>", escape(label));
    let answered = if s.hidden[grand] { "—".to_string() } else { table.counts[grand].to_string() };
    let key = if multiple { "report-answered-multiple" } else { "report-answered" };
    let _ = write!(html, "<p class=\"base\">{}</p>", escape(&tr_args(lang, key, &[("count", Arg::Str(answered))])));
    // The legend: overall, then each band with its count of children.
    html.push_str("<ul class=\"legend\">");
    if cols > 1 {
        let _ = write!(html, "<li><span class=\"swatch all\"></span>{}</li>", escape(&tr(lang, "report-all-ages")));
    }
    for (c, band) in chart.bands.iter().enumerate() {
        let b = AgeBand::ALL.iter().position(|x| x == band).unwrap_or(0);
        let n = if s.hidden[col_total(c)] { "—".to_string() } else { table.counts[col_total(c)].to_string() };
        let _ = write!(
            html,
            "<li><span class=\"swatch band{b}\"></span>{} ({n})</li>",
            escape(&tr(lang, &format!("age-band-{}", band.code())))
        );
    }
    html.push_str("</ul><div class=\"rows\">");
    let faces = chart.node.appearance.as_deref().is_some_and(|a| a.contains("faces"));
    let choices = form.choices(chart.node);
    for (r, (code, text)) in chart.categories.iter().enumerate() {
        html.push_str("<div class=\"row\"><div class=\"label\">");
        let is_choice = code != RATHER_NOT_SAY && code != DONT_KNOW;
        let picture = match code.as_str() {
            RATHER_NOT_SAY => Some("icon-rather-not-say.svg"),
            _ => choices.iter().find(|c| &c.name == code).and_then(|c| c.image.as_deref()),
        };
        if let Some(data) = picture.map(|name| picture_data(store, form, name)).transpose()?.flatten() {
            let _ = write!(html, "<img alt=\"\" src=\"{data}\">");
        } else if faces && is_choice {
            let choice_count = chart.categories.iter().filter(|(c, _)| c != RATHER_NOT_SAY && c != DONT_KNOW).count();
            html.push_str(&face_svg(r, choice_count));
        }
        let _ = write!(html, "<span>{}</span></div>", escape(text));
        // The bars: overall first, then one per band; a hidden count draws no bar.
        let bar_height = 16;
        // One band only: its bar is the overall one.
        let bars = if cols > 1 { 1 + cols } else { 1 };
        let height = bars * (bar_height + 4);
        let _ = write!(
            html,
            "<svg class=\"bars\" viewBox=\"0 0 400 {height}\" width=\"400\" height=\"{height}\" role=\"img\" aria-label=\"{}\"{}>",
            escape(text),
            if lang.is_rtl() { " style=\"transform:scaleX(-1)\"" } else { "" }
        );
        for i in 0..bars {
            let (index, class) = if i == 0 && cols > 1 {
                (row_total(r), "all".to_string())
            } else {
                let band = chart.bands[i.saturating_sub(1).min(cols - 1)];
                (
                    cell(r, i.saturating_sub(1).min(cols - 1)),
                    format!("band{}", AgeBand::ALL.iter().position(|x| *x == band).unwrap_or(0)),
                )
            };
            let y = i * (bar_height + 4);
            if s.hidden[index] {
                let _ = write!(html, "<rect class=\"hidden\" x=\"0\" y=\"{y}\" width=\"60\" height=\"{bar_height}\"/>");
                continue;
            }
            let w = (table.counts[index] as f64 / max as f64 * 320.0).round();
            let _ = write!(
                html,
                "<rect class=\"{class}\" x=\"0\" y=\"{y}\" width=\"{w}\" height=\"{bar_height}\" rx=\"3\"/>"
            );
        }
        html.push_str("</svg><div class=\"counts\">");
        for i in 0..bars {
            let index = if i == 0 && cols > 1 { row_total(r) } else { cell(r, i.saturating_sub(1).min(cols - 1)) };
            let v = if s.hidden[index] { "—".to_string() } else { table.counts[index].to_string() };
            let _ = write!(html, "<span class=\"n\">{v}</span>");
        }
        html.push_str("</div></div>");
    }
    html.push_str("</div>");
    if s.hidden.iter().any(|h| *h) {
        let _ = write!(html, "<p class=\"note\">{}</p>", escape(&tr(lang, "report-hidden-note")));
    }
    html.push_str("</section>\n");
    Ok(s.hidden.iter().filter(|h| **h).count())
}

/// A picture as a data: URL (the report needs no file beside it): the form's media, else a
/// picture shipped with the app. Large files are left out rather than bloating the report.
fn picture_data(store: &Store, form: &Form, name: &str) -> Result<Option<String>> {
    let bytes = match store.media_file(&form.id, &form.version, name)? {
        Some(b) => b,
        None => match crate::form::builtin_picture(name) {
            Some(b) => b.to_vec(),
            None => return Ok(None),
        },
    };
    if bytes.len() > 300_000 {
        return Ok(None);
    }
    let lower = name.to_ascii_lowercase();
    let mime = if lower.ends_with(".svg") {
        "image/svg+xml"
    } else if lower.ends_with(".png") {
        "image/png"
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        "image/jpeg"
    } else {
        return Ok(None);
    };
    Ok(Some(format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))))
}

/// A face from sad to happy by the choice's place in the list, for faces questions whose
/// choices have no picture of their own.
fn face_svg(position: usize, count: usize) -> String {
    let mood = if count <= 1 { 0.5 } else { position as f64 / (count - 1) as f64 };
    let curve = 22.0 + (mood - 0.5) * 16.0;
    format!(
        "<svg class=\"face\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\" aria-hidden=\"true\"><circle cx=\"16\" cy=\"16\" r=\"14\" fill=\"#ffd75e\" stroke=\"#8a6d00\"/><circle cx=\"11\" cy=\"12\" r=\"2\"/><circle cx=\"21\" cy=\"12\" r=\"2\"/><path d=\"M9 21 Q16 {curve:.1} 23 21\" fill=\"none\" stroke=\"#333\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg>"
    )
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", Arial, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d2430; line-height: 1.45; }
h1 { font-size: 2rem; margin: 0; color: #24527a; }
h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
.form { font-size: 1.2rem; margin: .25rem 0 1rem; }
.lead { font-size: 1.15rem; }
.note { color: #555; font-size: .95rem; }
.bands, .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin: .5rem 0; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border-radius: 3px; margin-inline-end: .4rem; vertical-align: -2px; }
.all, rect.all { background: #24527a; fill: #24527a; }
.band0, rect.band0 { background: #f4a259; fill: #f4a259; }
.band1, rect.band1 { background: #5b8e7d; fill: #5b8e7d; }
.band2, rect.band2 { background: #bc4b51; fill: #bc4b51; }
rect.hidden { fill: none; stroke: #999; stroke-dasharray: 4 3; }
.question { border-top: 2px solid #e3e8ef; padding: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
.base { margin: 0 0 .5rem; color: #444; }
.row { display: grid; grid-template-columns: 16rem 400px 3rem; justify-content: start; align-items: center; gap: .75rem; margin: .4rem 0; }
.label { display: flex; align-items: center; gap: .5rem; }
.label img, .label svg.face { width: 32px; height: 32px; flex: none; }
.counts { display: flex; flex-direction: column; font-size: .8rem; line-height: 20px; }
svg.bars { max-width: 100%; height: auto; }
footer { border-top: 2px solid #e3e8ef; margin-top: 1rem; color: #444; }
@media (max-width: 50rem) { .row { grid-template-columns: 1fr; } }
@media print { body { margin: 0; max-width: none; } .question { break-inside: avoid; } a { color: inherit; } }
"#;
