//! The command line: the same core as the app, for coordinators, scripts, tests and benchmarks.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use crate::export::{self, ExportOptions};
use crate::form::AgeBand;
use crate::i18n::tr;
use crate::lang::Lang;
use crate::privacy::{SiteSettings, SITE_KEYS};
use crate::store::{ParticipantCode, StoreError};
use crate::store::{Status, Store};

#[derive(Debug, Parser)]
#[command(name = "cercle", version, about = "Offline data collection for child participation")]
pub struct Cli {
    /// Folder holding the database (default: the platform's data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app window (the default when no command is given).
    Ui,
    /// Forms installed on this device.
    #[command(subcommand)]
    Forms(FormsCommand),
    /// Sessions on this device.
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Answer N sessions through the real engine and store (demos, tests, benchmarks).
    Simulate {
        #[arg(long)]
        form: String,
        #[arg(long)]
        sessions: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Export finalised sessions of a form.
    Export {
        #[arg(long)]
        form: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Include free-text answers (left out by default: they may identify a child).
        #[arg(long)]
        include_free_text: bool,
    },
    /// The audit log of facilitator actions (never a child's answers).
    Audit,
    /// Delete everything of one child from this device, by participant code (C5).
    Withdraw {
        #[arg(long)]
        code: String,
    },
    /// The site's child-protection rules.
    #[command(subcommand)]
    Site(SiteCommand),
    /// The facilitator's passphrase.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Render screen N of child mode (0 = first) to a PNG, headless.
    #[cfg(feature = "ui")]
    Screenshot {
        #[arg(long)]
        form: String,
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        screen: usize,
        /// Window size in pixels.
        #[arg(long, default_value = "1280x800", value_parser = parse_size)]
        size: (u32, u32),
        /// The child's age band (picks age-banded variants).
        #[arg(long, default_value = "8-12", value_parser = parse_age_band)]
        age_band: AgeBand,
        /// An answer given before the screen is drawn, as the form stores it: `NAME=VALUE`, or
        /// `NAME[K]=VALUE` in instance K of a repeat (repeatable; e.g. `--answer friends_count=2`
        /// to see a repeat's instances).
        #[arg(long = "answer", value_name = "NAME=VALUE", value_parser = parse_answer)]
        answers: Vec<(String, String)>,
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
    },
}

#[cfg(feature = "ui")]
fn parse_answer(text: &str) -> std::result::Result<(String, String), String> {
    let (name, value) = text.split_once('=').ok_or("write an answer as NAME=VALUE")?;
    Ok((name.trim().to_string(), value.to_string()))
}

#[derive(Debug, Subcommand)]
pub enum FormsCommand {
    /// List the installed forms.
    List,
    /// Print every problem of an XLSForm (.xlsx, or .zip with media) with its sheet, row and
    /// column; exits non-zero when there is an error (warnings alone exit 0). Needs no passphrase.
    Check {
        file: PathBuf,
        /// The language of the problems (en, fr, es, ar); the summary line stays English for scripts.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Import an XLSForm (.xlsx with a `{name}-media/` or `media/` folder beside it, or a .zip).
    Import {
        file: PathBuf,
        /// The language of the problems (en, fr, es, ar).
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// List sessions, newest first.
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Show the rules in force.
    Show,
    /// Set one rule: jurisdiction, consent_age, count_refusals, idle_lock_minutes, retention_days, names.
    Set { key: String, value: String },
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Re-key the database with a new passphrase (read from CERCLE_NEW_PASSPHRASE or prompted twice).
    Change,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    InProgress,
    Finalised,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
}

pub fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("'{s}' is not one of en, fr, es, ar"))
}

pub fn parse_age_band(s: &str) -> Result<AgeBand, String> {
    AgeBand::from_code(s).ok_or_else(|| format!("'{s}' is not one of 6-7, 8-12, 13-17"))
}

pub fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("'{s}' is not WIDTHxHEIGHT, e.g. 1280x800"))?;
    let w: u32 = w.trim().parse().map_err(|_| format!("'{w}' is not a width"))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("'{h}' is not a height"))?;
    if !(200..=8000).contains(&w) || !(200..=8000).contains(&h) {
        return Err(format!("{w}x{h}: each side must be between 200 and 8000 pixels"));
    }
    Ok((w, h))
}

/// Runs a command that is not the app window.
pub fn run(data_dir: &Path, command: Command, out: &mut impl Write) -> Result<()> {
    let open = || -> Result<Store> {
        let passphrase = passphrase("CERCLE_PASSPHRASE", "Facilitator passphrase: ")?;
        let created = !Store::exists_in(data_dir);
        let store = Store::open_dir(data_dir, &passphrase).map_err(|e| match e {
            StoreError::WrongPassphrase => anyhow::anyhow!("wrong passphrase for the data in {}", data_dir.display()),
            StoreError::WeakPassphrase(rule) => {
                anyhow::anyhow!("{} (a new data folder takes the passphrase it is given)", tr(Lang::En, rule))
            }
            e => anyhow::Error::new(e).context(format!("opening the data in {}", data_dir.display())),
        })?;
        store.audit(if created { "create" } else { "unlock" }, "cli")?;
        Ok(store)
    };
    match command {
        Command::Ui => bail!("the app window is opened by main, not by cli::run"),
        Command::Forms(FormsCommand::Check { file, lang }) => {
            let problems = crate::xlsform::check(&file).map_err(|e| anyhow::anyhow!(e.message_in(lang)))?;
            for p in &problems {
                writeln!(out, "{}", p.to_string_in(lang))?;
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let warnings = problems.len() - errors;
            writeln!(out, "{}: {errors} errors, {warnings} warnings", file.display())?;
            if errors > 0 {
                bail!("{} has {errors} errors: fix them before importing", file.display());
            }
        }
        Command::Forms(FormsCommand::Import { file, lang }) => {
            let read = |e: crate::xlsform::ImportError| anyhow::anyhow!(e.message_in(lang));
            let imported = crate::xlsform::import(&file).map_err(read)?;
            let problems = crate::xlsform::check(&file).map_err(read)?;
            let errors: Vec<_> = problems.iter().filter(|p| p.is_error()).collect();
            for p in &problems {
                writeln!(out, "{}", p.to_string_in(lang))?;
            }
            if !errors.is_empty() {
                bail!("{} was not imported: it has {} errors (see above)", file.display(), errors.len());
            }
            let store = open()?;
            store.install_form(&imported.form, &imported.media)?;
            writeln!(
                out,
                "imported {} version {} ({} media files, {} warnings)",
                imported.form.id,
                imported.form.version,
                imported.media.len(),
                problems.len()
            )?;
        }
        Command::Forms(FormsCommand::List) => {
            let store = open()?;
            let rows: Vec<Vec<String>> = store
                .forms()?
                .into_iter()
                .map(|f| vec![f.id, f.version, if f.builtin { "built-in".into() } else { "imported".into() }, f.title])
                .collect();
            print_table(out, &["FORM", "VERSION", "SOURCE", "TITLE"], &rows)?;
        }
        Command::Sessions(SessionsCommand::List { status }) => {
            let store = open()?;
            let status = status.map(|s| match s {
                StatusArg::InProgress => Status::InProgress,
                StatusArg::Finalised => Status::Finalised,
            });
            let rows: Vec<Vec<String>> = store
                .sessions(status)?
                .into_iter()
                .map(|s| {
                    vec![
                        s.code.clone(),
                        s.form_id.clone(),
                        s.lang.code().into(),
                        s.age_band.code().into(),
                        s.status.code().into(),
                        s.answered.to_string(),
                        s.created_on().to_string(),
                    ]
                })
                .collect();
            print_table(out, &["CODE", "FORM", "LANG", "AGE", "STATUS", "ANSWERED", "STARTED"], &rows)?;
        }
        Command::Audit => {
            let store = open()?;
            let rows: Vec<Vec<String>> = store
                .audit_log()?
                .into_iter()
                .map(|e| vec![e.at.format("%Y-%m-%d %H:%M:%S").to_string(), e.action, e.detail])
                .collect();
            print_table(out, &["TIME (UTC)", "ACTION", "DETAIL"], &rows)?;
        }
        Command::Withdraw { code } => {
            let code = ParticipantCode::parse(&code).with_context(|| {
                format!("'{code}' is not a participant code (six letters and digits, like K7M-4QX)")
            })?;
            let store = open()?;
            if store.withdraw(&code)? {
                writeln!(out, "withdrew {}: everything of this child was deleted from this device", code.as_str())?;
            } else {
                bail!("no session with code {} on this device", code.as_str());
            }
        }
        Command::Site(SiteCommand::Show) => {
            let store = open()?;
            let site = SiteSettings::load(&store)?;
            let rows: Vec<Vec<String>> = SITE_KEYS.iter().map(|k| vec![k.to_string(), site.value_of(k)]).collect();
            print_table(out, &["RULE", "VALUE"], &rows)?;
        }
        Command::Site(SiteCommand::Set { key, value }) => {
            let store = open()?;
            let site = SiteSettings::set(&store, &key, &value).map_err(anyhow::Error::msg)?;
            writeln!(out, "{key} = {}", site.value_of(&key))?;
        }
        Command::Passphrase(PassphraseCommand::Change) => {
            let store = open()?;
            let new = passphrase("CERCLE_NEW_PASSPHRASE", "New passphrase: ")?;
            if std::env::var_os("CERCLE_NEW_PASSPHRASE").is_none() {
                let again = passphrase("CERCLE_NEW_PASSPHRASE", "New passphrase again: ")?;
                if again != new {
                    bail!("{}", tr(Lang::En, "lock-mismatch"));
                }
            }
            store.change_passphrase(data_dir, &new).map_err(|e| match e {
                StoreError::WeakPassphrase(rule) => anyhow::anyhow!("{}", tr(Lang::En, rule)),
                e => e.into(),
            })?;
            writeln!(out, "the passphrase was changed and the data re-encrypted")?;
        }
        Command::Simulate { form, sessions, seed } => {
            let mut store = open()?;
            let summary = crate::simulate::run(&mut store, &form, sessions, seed)?;
            writeln!(
                out,
                "simulated {} sessions of {form}: {} answers ({} \"rather not say\")",
                summary.sessions, summary.answers, summary.rather_not_say
            )?;
        }
        Command::Export { form, format: ExportFormat::Csv, out: path, include_free_text } => {
            let store = open()?;
            let options = ExportOptions { include_free_text };
            let rows = write_atomically(&path, |file| Ok(export::write_csv(&store, &form, &options, file)?))?;
            store.audit("export", &format!("{rows} sessions of {form} as csv"))?;
            writeln!(out, "exported {rows} finalised sessions of {form} to {}", path.display())?;
        }
        #[cfg(feature = "ui")]
        Command::Screenshot { form, lang, screen, size, age_band, answers, out: path } => {
            let store = open()?;
            let form = store.form(&form)?;
            crate::ui::images::register_form_media(&form.id, &store.media(&form.id, &form.version)?);
            let png = crate::ui::screenshot::child_screen(form, lang, age_band, &answers, screen, size)?.to_png()?;
            write_atomically(&path, |file| Ok(file.write_all(&png)?))?;
            writeln!(out, "wrote {}", path.display())?;
        }
    }
    Ok(())
}

/// The passphrase from the environment (for scripts) or typed at the terminal, never from an
/// argument (arguments show in process lists and shell history).
fn passphrase(var: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(var) {
        return Ok(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        bail!("no passphrase: set {var} or run the command in a terminal to be asked for it");
    }
    rpassword::prompt_password(prompt).context("reading the passphrase")
}

/// Writes a file next to its destination, then renames it: a full disk or a crash never leaves
/// a half-written export where the coordinator expects a whole one.
fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> Result<T>,
) -> Result<T> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.partial",
        path.file_name().and_then(|n| n.to_str()).context("the output path has no file name")?
    ));
    let result = (|| {
        let file = std::fs::File::create(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
        let mut buf = std::io::BufWriter::new(file);
        let value = write(&mut buf)?;
        let file = buf.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
        Ok(value)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn print_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        s
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    if rows.is_empty() {
        writeln!(out, "(none)")?;
    }
    Ok(())
}
