//! Exporting 100,000 finalised sessions × 30 questions, side by side in one run:
//!
//! - CSV: Cercle's export (disclosure control planned and applied, one session at a time)
//!   against the SQLCipher shell (`.mode csv`) writing the same table from the same encrypted
//!   file with a pivot query (built by benches/tools/build-sqlcipher-shell.sh: the SQLCipher
//!   rusqlite bundles). Target: at most 1.5× the shell's time.
//! - XLSX: Cercle's export against Python's XlsxWriter writing the same table (read from
//!   Cercle's CSV beforehand, so only its writing is timed; constant-memory mode, like
//!   Cercle's). Target: at least 3× faster.
//! - Memory: the `cercle export` command's peak RSS (/usr/bin/time) at 25,000, 50,000 and
//!   100,000 sessions.
//!
//! Run: benches/tools/build-sqlcipher-shell.sh target/sqlcipher-shell
//!      cargo bench --no-default-features --bench export   (results go in BENCHMARKS.md)

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use cercle::export::{ExportOptions, Format};
use cercle::form::{AgeBand, Form};
use cercle::lang::Lang;
use cercle::store::{KdfParams, Store, TransferredSession};
use rand::{Rng, SeedableRng};

const PASS: &str = "blue river 2026";
const QUESTIONS: usize = 30;

fn form() -> Form {
    let body: Vec<String> = (1..=QUESTIONS)
        .map(|q| {
            format!(
                r#"{{"type": "select_one", "name": "q{q:02}", "list": "ymn", "label": {{"en": "Question {q}"}}, "rather_not_say": false}}"#
            )
        })
        .collect();
    Form::from_json(&format!(
        r#"{{"id": "bench", "version": "1", "title": {{"en": "Bench"}}, "default_language": "en", "languages": ["en"],
            "choice_lists": {{"ymn": [{{"name": "yes", "label": {{"en": "Yes"}}}}, {{"name": "maybe", "label": {{"en": "Maybe"}}}}, {{"name": "no", "label": {{"en": "No"}}}}]}},
            "body": [{}]}}"#,
        body.join(",")
    ))
    .unwrap()
}

/// A coordinator's data folder with `n` finalised sessions (two sites, four languages, three
/// age bands), written in one transaction.
fn data(dir: &Path, n: usize) {
    let mut store = Store::create(dir, PASS, KdfParams::with_cost(1024, 1)).unwrap();
    let form = form();
    store.install_form(&form, &[]).unwrap();
    let mut rng = rand::rngs::StdRng::seed_from_u64(n as u64);
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    store
        .in_transaction(|s| {
            for i in 0..n {
                let answers = (1..=QUESTIONS)
                    .map(|q| {
                        let v = ["yes", "maybe", "no"][rng.random_range(0..3)];
                        (format!("q{q:02}"), "answered".to_string(), Some(v.to_string()))
                    })
                    .collect();
                s.import_session(&TransferredSession {
                    instance_id: format!("uuid:{:08x}-0000-4000-8000-{i:012x}", n),
                    code: format!("B{i:06}"),
                    form_id: "bench".into(),
                    form_version: "1".into(),
                    lang: Lang::ALL[rng.random_range(0..4)],
                    age_band: AgeBand::ALL[rng.random_range(0..3)],
                    started: day,
                    finalised: day,
                    site: ["École Nord", "مركز الجنوب"][rng.random_range(0..2)].into(),
                    tablet: String::new(),
                    answers,
                })?;
            }
            Ok(())
        })
        .unwrap();
}

fn seconds(start: Instant) -> f64 {
    start.elapsed().as_secs_f64()
}

/// The shell's side: the same columns, one row per session, from the encrypted file.
fn shell_csv(shell: &Path, dir: &Path, out: &Path) -> f64 {
    let key = KdfParams::load(dir).unwrap().unwrap().derive(PASS).unwrap();
    let pivot: Vec<String> =
        (1..=QUESTIONS).map(|q| format!("MAX(CASE WHEN a.question = 'q{q:02}' THEN a.value END) AS q{q:02}")).collect();
    let script = format!(
        "PRAGMA key = \"{}\";\n.headers on\n.mode csv\n.output {}\n\
         SELECT s.instance_id AS _key, s.form_version, s.lang AS language, s.age_band, s.site,
                date(s.created_at) AS started, date(s.finalised_at) AS finalised, {}
         FROM sessions s JOIN answers a ON a.session_id = s.id
         WHERE s.form_id = 'bench' AND s.status = 'finalised' GROUP BY s.id ORDER BY s.id;\n",
        cercle::store::sqlcipher_key(&key).as_str(),
        out.display(),
        pivot.join(", ")
    );
    let start = Instant::now();
    let mut child = Command::new(shell)
        .arg(Store::file_in(dir))
        .stdin(Stdio::piped())
        .spawn()
        .expect("the SQLCipher shell (benches/tools/build-sqlcipher-shell.sh)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), script.as_bytes()).unwrap();
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
    seconds(start)
}

fn cercle_export(dir: &Path, format: Format, out: &Path) -> f64 {
    let store = Store::unlock(dir, PASS).unwrap();
    let options = ExportOptions { format, ..ExportOptions::default() };
    let start = Instant::now();
    let summary = cercle::export::export(&store, "bench", &options, out, &mut |_, _| {}).unwrap();
    let t = seconds(start);
    assert!(summary.sessions > 0);
    t
}

/// Python's XlsxWriter writing the rows of `csv` (read before the clock starts).
fn xlsxwriter(csv: &Path, out: &Path) -> f64 {
    let script = r#"
import csv, sys, time, xlsxwriter
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
start = time.perf_counter()
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet("bench")
for r, row in enumerate(rows):
    sheet.write_row(r, 0, row)
sheet.freeze_panes(1, 0)
sheet.autofilter(0, 0, len(rows) - 1, len(rows[0]) - 1)
book.close()
print(time.perf_counter() - start)
"#;
    let out = Command::new("python3").arg("-c").arg(script).arg(csv).arg(out).output().unwrap();
    assert!(out.status.success(), "python3 with xlsxwriter: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Peak resident memory of `cercle export` in KiB.
fn peak_rss(dir: &Path, format: &str, out: &Path) -> u64 {
    let result = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_cercle"))
        .arg("--data-dir")
        .arg(dir)
        .args(["export", "--form", "bench", "--format", format, "--out"])
        .arg(out)
        .env("CERCLE_PASSPHRASE", PASS)
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    String::from_utf8_lossy(&result.stderr).lines().last().unwrap().trim().parse().unwrap()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let shell = std::env::var("CERCLE_SQLCIPHER_SHELL")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/sqlcipher-shell/sqlcipher-shell").into());
    let root = tempfile::tempdir().unwrap();
    println!("sessions  format  cercle_s  reference_s  ratio  cercle_peak_rss_MiB");
    for n in [25_000, 50_000, 100_000] {
        let dir = root.path().join(format!("n{n}"));
        let t = Instant::now();
        data(&dir, n);
        eprintln!("{n} sessions written in {:.1} s", seconds(t));
        let csv = root.path().join(format!("cercle-{n}.csv"));
        let runs = if n == 100_000 { 3 } else { 1 };
        let ours: Vec<f64> = (0..runs).map(|_| cercle_export(&dir, Format::Csv, &csv)).collect();
        let theirs: Vec<f64> =
            (0..runs).map(|_| shell_csv(Path::new(&shell), &dir, &root.path().join("shell.csv"))).collect();
        let shell_lines = std::fs::read_to_string(root.path().join("shell.csv")).unwrap().lines().count();
        let our_lines = std::fs::read_to_string(&csv).unwrap().lines().count();
        assert_eq!(shell_lines, our_lines, "the same rows");
        let rss = peak_rss(&dir, "csv", &root.path().join("rss.csv")) as f64 / 1024.0;
        let (o, s) = (median(ours), median(theirs));
        println!("{n:>8}  csv     {o:>8.2}  {s:>11.2}  {:>5.2}  {rss:>6.1}", o / s);
        let xlsx = root.path().join("cercle.xlsx");
        let ours: Vec<f64> = (0..runs).map(|_| cercle_export(&dir, Format::Xlsx, &xlsx)).collect();
        let theirs: Vec<f64> = (0..runs).map(|_| xlsxwriter(&csv, &root.path().join("python.xlsx"))).collect();
        let rss = peak_rss(&dir, "xlsx", &root.path().join("rss.xlsx")) as f64 / 1024.0;
        let (o, s) = (median(ours), median(theirs));
        println!(
            "{n:>8}  xlsx    {o:>8.2}  {s:>11.2}  {:>5.2}  {rss:>6.1}  (XlsxWriter / Cercle = {:.1}×)",
            o / s,
            s / o
        );
    }
}
