//! The command line: the binary's, not the library's. It parses arguments and prints; every
//! action goes through `cercle::service`, the same layer as the window.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};

use cercle::export::ExportOptions;
#[cfg(feature = "ui")]
use cercle::form::AgeBand;
use cercle::i18n::{tr, UserMessage};
use cercle::lang::Lang;
use cercle::privacy::SITE_KEYS;
use cercle::service::{self, Device, Facilitator, FrontEnd, ServiceError, UnlockError};
use cercle::store::{ParticipantCode, Status};
use cercle::sync::{ConnectionCheck, SendPolicy, ServerKind, ServerSettings};

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
        /// The form to answer, by id (see `forms list`).
        #[arg(long, value_name = "ID")]
        form: String,
        /// How many sessions to answer and finalise.
        #[arg(long, value_name = "N")]
        sessions: usize,
        /// Decides the answers (the same seed gives the same answers); participant codes and
        /// instanceIDs are always random.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Export finalised sessions of a form, anonymised: k-anonymous over the quasi-identifiers
    /// (C11), dates without times, no participant codes, free text only on request.
    Export {
        /// The form whose finalised sessions are exported, by id (see `forms list`).
        #[arg(long, value_name = "ID")]
        form: String,
        /// The file format: csv (UTF-8 with BOM; a zip of one CSV per table when the form has
        /// repeats), xlsx (a sheet per table, a codebook, what disclosure control changed) or json.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The file to write (written whole or not at all; may be on another disk).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Headers and values as labels in this language (en, fr, es, ar); without it, codes.
        #[arg(long, value_name = "LANG", value_parser = parse_lang)]
        labels: Option<Lang>,
        /// k-anonymity's k: every combination of quasi-identifiers occurs at least k times;
        /// 1 turns it off (recorded in the audit log).
        #[arg(long, default_value_t = 5, value_name = "N")]
        k: usize,
        /// The quasi-identifiers, comma-separated, replacing the defaults (age_band, site,
        /// language, gender/sex/disability questions and those the form marks): a default left
        /// out lowers protection, and the export says so.
        #[arg(long, value_name = "a,b,...", value_delimiter = ',')]
        quasi_identifiers: Option<Vec<String>>,
        /// Include free-text answers (left out by default: they may identify a child), scanned
        /// and redacted (C12).
        #[arg(long)]
        include_free_text: bool,
        /// Age-banded variants of a question as one column, with a `_variant` column beside it.
        #[arg(long)]
        merge_age_variants: bool,
    },
    /// Write a form's report: one HTML file with a chart per question, overall and by age
    /// band, every count below the threshold suppressed (and what would give it away).
    Report {
        /// The form, by id (see `forms list`).
        #[arg(long, value_name = "ID")]
        form: String,
        /// The report's language (en, fr, es, ar; Arabic right to left).
        #[arg(long, value_name = "LANG", value_parser = parse_lang)]
        lang: Lang,
        /// The HTML file to write.
        #[arg(long, value_name = "FILE.html")]
        out: PathBuf,
        /// Counts below this are suppressed.
        #[arg(long, default_value_t = 5, value_name = "N")]
        threshold: u64,
    },
    /// The audit log of facilitator actions (never a child's answers).
    Audit,
    /// Delete everything of one child from this device, by participant code (C5).
    Withdraw {
        /// The child's participant code, as on the review screen (e.g. K7M-4QX; case and dash
        /// do not matter).
        #[arg(long)]
        code: String,
    },
    /// The site's child-protection rules.
    #[command(subcommand)]
    Site(SiteCommand),
    /// Encrypted transfer files, for sites with no server: a coordinator's key pair, a
    /// tablet's file for the coordinator, the coordinator's import.
    #[command(subcommand)]
    Transfer(TransferCommand),
    /// The server finalised sessions are sent to (ODK Central, KoboToolbox, any OpenRosa server).
    #[command(subcommand)]
    Server(ServerCommand),
    /// Send every queued submission to the server, then print one summary line:
    /// `sent N, already on server N, conflicts N, failed N, left N`. Exits 0 only when nothing
    /// is left. Safe to stop and run again at any moment: nothing is lost or sent twice.
    Sync {
        /// How long to keep retrying failed sends (with growing waits) before giving up for now.
        #[arg(long, default_value_t = 20.0, value_name = "SECONDS")]
        patience: f64,
        /// The longest one request may take.
        #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
        timeout: f64,
        /// The wait before the first retry of a failed send (each next wait doubles).
        #[arg(long, default_value_t = 2.0, value_name = "SECONDS")]
        first_retry: f64,
    },
    /// The facilitator's passphrase.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// Save every readable session of a damaged database into a new data folder (the damaged
    /// file is only read). Open the new folder with --data-dir afterwards.
    Recover {
        /// The new data folder (must not hold a database yet); same passphrase as the old one.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Render screen N of child mode (0 = first) to a PNG, headless.
    #[cfg(feature = "ui")]
    Screenshot {
        /// The form to draw, by id (see `forms list`).
        #[arg(long, value_name = "ID")]
        form: String,
        /// The session language (en, fr, es, ar).
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        /// Which screen: 0 is the assent screen, 1 the limits of confidentiality, then one per
        /// question screen, the last the thank-you screen.
        #[arg(long, value_name = "N")]
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
        /// The PNG file to write.
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
    /// Print every problem of an XLSForm (.xlsx, .xls, or .zip with media) with its sheet, row
    /// and column, or of an ODK XForm (.xml) with its element and line; exits non-zero when
    /// there is an error (warnings alone exit 0). Needs no passphrase.
    Check {
        file: PathBuf,
        /// The language of the problems (en, fr, es, ar); the summary line stays English for scripts.
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Write a form (built-in or imported, or `cercle_withdrawal`) as an ODK XForm to publish on
    /// ODK Central or KoboToolbox. Built-in forms need no passphrase.
    Xform {
        /// The form, by id (see `forms list`).
        #[arg(long, value_name = "ID")]
        form: String,
        /// The XForm file to write.
        #[arg(long, value_name = "FILE.xml")]
        out: PathBuf,
    },
    /// Get forms from the server (`server set`): without --form or --all, list the server's
    /// forms (ID, VERSION, STATE new|update|installed, NAME); with them, download each form's
    /// XForm and media, checked against the server's md5 hashes, and install them. Older
    /// versions stay while sessions use them. Exits non-zero when a form could not be got.
    Download {
        /// Download this form (repeat for several), new or updated or again.
        #[arg(long, value_name = "ID")]
        form: Vec<String>,
        /// Download every form that is new or updated on the server.
        #[arg(long)]
        all: bool,
        /// The longest one request may take.
        #[arg(long, default_value_t = 120.0, value_name = "SECONDS")]
        timeout: f64,
        /// The language of the messages (en, fr, es, ar).
        #[arg(long, default_value = "en", value_parser = parse_lang)]
        lang: Lang,
    },
    /// Import an XLSForm (.xlsx with a `{name}-media/` or `media/` folder beside it, or a .zip)
    /// or an ODK XForm (.xml, with its media in `{name}-media/` beside it).
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
        /// Only sessions with this status.
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Show the rules in force.
    Show,
    /// Set one rule. The rules: site_name (carried by transfer files), jurisdiction, consent_age, count_refusals, idle_lock_minutes,
    /// retention_days, names (comma-separated, looked for in free text), and the referral
    /// pathway and help contacts per language: referral_en, referral_fr, referral_es,
    /// referral_ar, help_en, help_fr, help_es, help_ar.
    Set {
        /// The rule's name (see above, or `site show`).
        key: String,
        /// Its new value.
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TransferCommand {
    /// A new coordinator key pair: DIR/coordinator.pub (one line, safe to e-mail to every
    /// facilitator) and DIR/coordinator.key (the private key, protected by a passphrase from
    /// CERCLE_TRANSFER_PASSPHRASE or asked twice). Needs no data folder.
    Keygen {
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write this tablet's finalised sessions not yet handed over, the forms they use and the
    /// withdrawal notices, encrypted to the coordinator's public key (never concerns or notes).
    Export {
        /// The coordinator's public key: the coordinator.pub file, or its line (age1…).
        #[arg(long, value_name = "PUBLIC_KEY_FILE_OR_STRING")]
        to: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import tablets' transfer files (each whole or not at all; the same file twice changes
    /// nothing; a withdrawal notice deletes that child's session wherever it came from).
    Import {
        /// The coordinator's coordinator.key (its passphrase from CERCLE_TRANSFER_PASSPHRASE or asked).
        #[arg(long, value_name = "KEY_FILE")]
        key: PathBuf,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Set the server: an ODK Central app-user URL as Central shows it
    /// (https://host/v1/key/TOKEN/projects/ID/), or a KoboToolbox or OpenRosa server URL with
    /// --username (the password from CERCLE_SERVER_PASSWORD, or asked). https only, except to
    /// this computer.
    Set {
        url: String,
        #[arg(long)]
        username: Option<String>,
    },
    /// Show the server (never a token or password).
    Show,
    /// Check that the server answers, takes these credentials, and has this device's forms.
    Test {
        /// The longest the test may wait for the server.
        #[arg(long, default_value_t = 20.0, value_name = "SECONDS")]
        timeout: f64,
    },
    /// Forget the server (queued submissions stay queued).
    Forget,
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Re-key the database with a new passphrase (read from CERCLE_NEW_PASSPHRASE or prompted twice).
    Change,
}

/// A session's status, written as `sessions list` prints it (`in_progress`) or with a dash.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    #[value(name = "in_progress", alias = "in-progress")]
    InProgress,
    Finalised,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Json,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s).ok_or_else(|| format!("'{s}' is not one of en, fr, es, ar"))
}

#[cfg(feature = "ui")]
fn parse_age_band(s: &str) -> Result<AgeBand, String> {
    AgeBand::from_code(s).ok_or_else(|| format!("'{s}' is not one of 6-7, 8-12, 13-17"))
}

#[cfg(feature = "ui")]
fn parse_size(s: &str) -> Result<(u32, u32), String> {
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
    // Opens the data through the same layer as the window. The unlock is logged with the
    // command's first change, so a command that only reads never writes (a full or read-only
    // device can still give its data up).
    let open = || -> Result<Facilitator> {
        let passphrase = passphrase("CERCLE_PASSPHRASE", "Facilitator passphrase: ")?;
        Device::open(data_dir).open_or_create(&passphrase, FrontEnd::Cli).map_err(|e| match e {
            UnlockError::Wrong { .. } => anyhow::anyhow!("wrong passphrase for the data in {}", data_dir.display()),
            UnlockError::Weak(rule) => {
                anyhow::anyhow!("{} (a new data folder takes the passphrase it is given)", tr(Lang::En, rule))
            }
            UnlockError::Store(e @ cercle::store::StoreError::Damaged(_)) => anyhow::anyhow!(
                "{} To save every readable session into a new folder: cercle --data-dir {} recover --out NEW_FOLDER",
                e.message_in(Lang::En),
                data_dir.display()
            ),
            e => anyhow::anyhow!("opening the data in {}: {}", data_dir.display(), e.message_in(Lang::En)),
        })
    };
    // English for scripts, as the rest of the CLI's output. A device that takes no writes, a
    // damaged or busy file get the plain sentence that says what to do; the rest their `Display`.
    let failed = |e: ServiceError| match &e {
        ServiceError::Store(store) if store.is_no_room_to_write() || store.sqlite_code().is_some() => {
            anyhow::anyhow!(e.message_in(Lang::En))
        }
        _ => anyhow::anyhow!(e.to_string()),
    };
    match command {
        Command::Ui => bail!("the app window is opened by main, not by cli::run"),
        Command::Forms(FormsCommand::Check { file, lang }) => {
            let problems = service::form_problems(&file).map_err(|e| anyhow::anyhow!(e.message_in(lang)))?;
            for p in &problems {
                writeln!(out, "{}", p.to_string_in(lang))?;
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let warnings = problems.len() - errors;
            writeln!(out, "{}: {}, {}", file.display(), count(errors, "error"), count(warnings, "warning"))?;
            if errors > 0 {
                bail!("{} has {}: fix them before importing", file.display(), count(errors, "error"));
            }
        }
        Command::Forms(FormsCommand::Import { file, lang }) => {
            let checked = match service::check_form(&file) {
                Ok(checked) => checked,
                Err(ServiceError::FormRefused { problems, .. }) => {
                    for p in &problems {
                        writeln!(out, "{}", p.to_string_in(lang))?;
                    }
                    let errors = problems.iter().filter(|p| p.is_error()).count();
                    bail!("{} was not imported: it has {} (see above)", file.display(), count(errors, "error"));
                }
                Err(e) => bail!("{}", e.message_in(lang)),
            };
            for p in &checked.problems {
                writeln!(out, "{}", p.to_string_in(lang))?;
            }
            let mut fac = open()?;
            fac.import_form(&checked).map_err(|e| anyhow::anyhow!(e.message_in(lang)))?;
            let form = &checked.imported.form;
            writeln!(
                out,
                "imported {} version {} ({}, {})",
                form.id,
                form.version,
                count(checked.imported.media.len(), "media file"),
                count(checked.problems.len(), "warning")
            )?;
        }
        Command::Forms(FormsCommand::Xform { form: form_id, out: path }) => {
            // Built-in forms (and the withdrawal notice) need no data; others come from the store.
            let with_data = Device::open(data_dir).has_data() && std::env::var_os("CERCLE_PASSPHRASE").is_some();
            let form = match builtin_or_withdrawal(&form_id) {
                Some(form) if !with_data => form,
                builtin => match open()?.store().form(&form_id) {
                    Ok(form) => form,
                    Err(e) => builtin.ok_or_else(|| failed(e.into()))?,
                },
            };
            let xml = cercle::xform::write_xform(&form).map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            cercle::export::write_file_atomically(&path, |file| {
                file.write_all(xml.as_bytes()).map_err(|e| cercle::store::StoreError::Export(e.to_string()))
            })?;
            writeln!(out, "wrote {} version {} as an XForm to {}", form.id, form.version, path.display())?;
        }
        Command::Transfer(TransferCommand::Keygen { out: dir }) => {
            let public_path = dir.join(cercle::transfer::PUBLIC_KEY_FILE);
            let private_path = dir.join(cercle::transfer::PRIVATE_KEY_FILE);
            if private_path.exists() {
                bail!("{} already exists: a new key would lock out every file made for the old one; choose another folder", private_path.display());
            }
            let pass = passphrase("CERCLE_TRANSFER_PASSPHRASE", "Passphrase for the coordinator's key: ")?;
            if std::env::var_os("CERCLE_TRANSFER_PASSPHRASE").is_none() {
                let again = passphrase("CERCLE_TRANSFER_PASSPHRASE", "The same passphrase again: ")?;
                if again != pass {
                    bail!("{}", tr(Lang::En, "lock-mismatch"));
                }
            }
            if let Some(rule) = cercle::store::passphrase_rule_broken(&pass) {
                bail!("{}", tr(Lang::En, rule));
            }
            let (public, private) =
                cercle::transfer::keygen(&pass).map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            std::fs::write(&public_path, format!("{public}\n"))
                .with_context(|| format!("writing {}", public_path.display()))?;
            write_private(&private_path, private.as_bytes())?;
            writeln!(
                out,
                "wrote {} (give it to every facilitator) and {} (keep it safe; it needs the passphrase)",
                public_path.display(),
                private_path.display()
            )?;
        }
        Command::Transfer(TransferCommand::Export { to, out: path }) => {
            let key_text = match std::fs::read_to_string(&to) {
                Ok(text) => text,
                Err(_) => to.clone(),
            };
            let mut fac = open()?;
            let written = fac.transfer_export(&key_text, &path).map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            writeln!(
                out,
                "wrote {} and {} to {}",
                count(written.sessions, "session"),
                count(written.notices, "withdrawal notice"),
                path.display()
            )?;
        }
        Command::Transfer(TransferCommand::Import { key, files }) => {
            let key_text = std::fs::read_to_string(&key).with_context(|| format!("reading {}", key.display()))?;
            let pass = passphrase("CERCLE_TRANSFER_PASSPHRASE", "Passphrase for the coordinator's key: ")?;
            let identity =
                cercle::transfer::unlock_key(&key_text, &pass).map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            let mut fac = open()?;
            let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let report = fac.transfer_import(&identity, &paths).map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            writeln!(
                out,
                "imported {}: {} new, {} already here, {} withdrawn",
                count(files.len(), "file"),
                report.new,
                report.already,
                report.withdrawn
            )?;
        }
        Command::Server(ServerCommand::Set { url, username }) => {
            let password = match &username {
                Some(_) => Some(passphrase("CERCLE_SERVER_PASSWORD", "Server password: ")?),
                None => None,
            };
            let server = ServerSettings::parse(&url, username.as_deref(), password.as_deref())
                .map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            let mut fac = open()?;
            fac.set_server(Some(&server)).map_err(failed)?;
            writeln!(out, "server set: {} ({})", server.shown_url(), kind_name(server.kind))?;
        }
        Command::Server(ServerCommand::Show) => {
            let fac = open()?;
            match fac.server().map_err(failed)? {
                None => writeln!(out, "no server set: cercle server set URL")?,
                Some(server) => {
                    let mut rows = vec![
                        vec!["kind".to_string(), kind_name(server.kind).to_string()],
                        vec!["url".to_string(), server.shown_url()],
                    ];
                    if let Some(user) = &server.username {
                        rows.push(vec!["username".into(), user.clone()]);
                    }
                    if server.password.is_some() {
                        rows.push(vec!["password".into(), "(set, not shown)".into()]);
                    }
                    print_table(out, &["SETTING", "VALUE"], &rows)?;
                }
            }
        }
        Command::Server(ServerCommand::Test { timeout }) => {
            let fac = open()?;
            let server =
                fac.server().map_err(failed)?.ok_or_else(|| anyhow::anyhow!("no server set: cercle server set URL"))?;
            let check = fac.test_server(&server, seconds(timeout)).map_err(failed)?;
            let message = check.message_in(Lang::En);
            match check {
                ConnectionCheck::Ok { .. } => writeln!(out, "{message}")?,
                ConnectionCheck::Failed(_) => bail!("{message}"),
            }
        }
        Command::Server(ServerCommand::Forget) => {
            let mut fac = open()?;
            fac.set_server(None).map_err(failed)?;
            writeln!(out, "server forgotten; queued submissions stay queued")?;
        }
        Command::Sync { patience, timeout, first_retry } => {
            let mut fac = open()?;
            let policy = SendPolicy {
                patience: seconds(patience),
                timeout: seconds(timeout),
                first_delay: seconds(first_retry),
                ..SendPolicy::default()
            };
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} sent or tried")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            let stop = std::sync::atomic::AtomicBool::new(false);
            let report = fac
                .send_now(&policy, &stop, &mut |p| {
                    bar.set_length(p.total as u64);
                    bar.set_position(p.done as u64);
                })
                .map_err(|e| anyhow::anyhow!(e.message_in(Lang::En)))?;
            bar.finish_and_clear();
            for (code, failure) in &report.failed {
                let who = if code.is_empty() { String::new() } else { format!("{code}: ") };
                writeln!(out, "not sent: {who}{}", failure.message_in(Lang::En))?;
            }
            writeln!(out, "{}", report.summary_line())?;
            if report.left > 0 {
                bail!("{} left to send", count(report.left, "submission"));
            }
        }
        Command::Forms(FormsCommand::Download { form: wanted, all, timeout, lang }) => {
            let fac = open()?;
            let mut downloads =
                fac.form_downloads(seconds(timeout)).map_err(|e| anyhow::anyhow!(e.message_in(lang)))?;
            let listed = downloads.list().map_err(|e| anyhow::anyhow!(e.message_in(lang)))?;
            if wanted.is_empty() && !all {
                let rows: Vec<Vec<String>> = listed
                    .iter()
                    .map(|l| {
                        vec![l.form.id.clone(), l.form.version.clone(), l.state.code().into(), l.form.name.clone()]
                    })
                    .collect();
                print_table(out, &["ID", "VERSION", "STATE", "NAME"], &rows)?;
                return Ok(());
            }
            for id in &wanted {
                if !listed.iter().any(|l| &l.form.id == id) {
                    bail!("the server has no form '{id}' (see `cercle forms download`)");
                }
            }
            let chosen: Vec<_> = listed
                .iter()
                .filter(|l| {
                    wanted.contains(&l.form.id) || (all && l.state != cercle::sync::getforms::FormState::Installed)
                })
                .collect();
            let mut failed = 0;
            for l in &chosen {
                let bar = progress_bar();
                let result = downloads.download(&l.form, &mut |done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                });
                bar.finish_and_clear();
                match result {
                    Ok(done) => {
                        for w in &done.warnings {
                            writeln!(out, "{}", w.to_string_in(lang))?;
                        }
                        writeln!(
                            out,
                            "got {} version {} ({} fetched, {} unchanged{})",
                            done.id,
                            done.version,
                            count(done.media_fetched, "media file"),
                            done.media_kept,
                            if done.versions_removed > 0 {
                                format!(", {} no session used removed", count(done.versions_removed, "older version"))
                            } else {
                                String::new()
                            }
                        )?;
                    }
                    Err(e) => {
                        failed += 1;
                        writeln!(out, "not got {}: {}", l.form.id, e.message_in(lang))?;
                    }
                }
            }
            if chosen.is_empty() {
                writeln!(out, "every form on the server is installed and up to date")?;
            }
            if failed > 0 {
                bail!("{} could not be got (see above)", count(failed, "form"));
            }
        }
        Command::Forms(FormsCommand::List) => {
            let fac = open()?;
            let rows: Vec<Vec<String>> = fac
                .store()
                .forms()?
                .into_iter()
                .map(|f| vec![f.id, f.version, if f.builtin { "built-in".into() } else { "imported".into() }, f.title])
                .collect();
            print_table(out, &["FORM", "VERSION", "SOURCE", "TITLE"], &rows)?;
        }
        Command::Sessions(SessionsCommand::List { status }) => {
            let fac = open()?;
            let status = status.map(|s| match s {
                StatusArg::InProgress => Status::InProgress,
                StatusArg::Finalised => Status::Finalised,
            });
            let rows: Vec<Vec<String>> = fac
                .store()
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
                        fac.store()
                            .upload_state_of(s.id)
                            .ok()
                            .flatten()
                            .map(|u| u.code().to_string())
                            .unwrap_or_else(|| "-".into()),
                    ]
                })
                .collect();
            print_table(out, &["CODE", "FORM", "LANG", "AGE", "STATUS", "ANSWERED", "STARTED", "UPLOAD"], &rows)?;
        }
        Command::Audit => {
            let fac = open()?;
            let rows: Vec<Vec<String>> = fac
                .store()
                .audit_log()?
                .into_iter()
                .map(|e| vec![e.at.format("%Y-%m-%d %H:%M:%S").to_string(), e.action, e.detail])
                .collect();
            print_table(out, &["TIME (UTC)", "ACTION", "DETAIL"], &rows)?;
        }
        Command::Withdraw { code } => {
            if ParticipantCode::parse(&code).is_none() {
                bail!("'{code}' is not a participant code (six letters and digits, like K7M-4QX)");
            }
            let mut fac = open()?;
            let code = fac.withdraw(&code).map_err(failed)?;
            writeln!(out, "withdrew {code}: everything of this child was deleted from this device")?;
        }
        Command::Site(SiteCommand::Show) => {
            let fac = open()?;
            let site = fac.site();
            let rows: Vec<Vec<String>> = SITE_KEYS.iter().map(|k| vec![k.to_string(), site.value_of(k)]).collect();
            print_table(out, &["RULE", "VALUE"], &rows)?;
        }
        Command::Site(SiteCommand::Set { key, value }) => {
            let mut fac = open()?;
            match fac.set_site_rules(&[(key.clone(), value)]) {
                Ok(()) => {}
                Err(ServiceError::SiteRules(invalid)) => {
                    bail!("{}", invalid.into_iter().map(|(_, why)| why).collect::<Vec<_>>().join("; "))
                }
                Err(e) => return Err(failed(e)),
            }
            writeln!(out, "{key} = {}", fac.site().value_of(&key))?;
        }
        Command::Passphrase(PassphraseCommand::Change) => {
            let mut fac = open()?;
            let new = passphrase("CERCLE_NEW_PASSPHRASE", "New passphrase: ")?;
            if std::env::var_os("CERCLE_NEW_PASSPHRASE").is_none() {
                let again = passphrase("CERCLE_NEW_PASSPHRASE", "New passphrase again: ")?;
                if again != new {
                    bail!("{}", tr(Lang::En, "lock-mismatch"));
                }
            }
            fac.change_passphrase_unchecked(&new).map_err(failed)?;
            writeln!(out, "the passphrase was changed and the data re-encrypted")?;
        }
        Command::Recover { out: new_dir } => {
            let passphrase = passphrase("CERCLE_PASSPHRASE", "Facilitator passphrase: ")?;
            let report = Device::open(data_dir)
                .recover(&passphrase, &new_dir)
                .map_err(|e| anyhow::anyhow!("{}", e.message_in(Lang::En)))?;
            writeln!(
                out,
                "saved {} into {} ({} unreadable{})",
                count(report.sessions, "session"),
                new_dir.display(),
                count(report.sessions_lost, "session"),
                if report.other_rows_lost > 0 {
                    format!(", {} other rows unreadable", report.other_rows_lost)
                } else {
                    String::new()
                }
            )?;
        }
        Command::Simulate { form, sessions, seed } => {
            let mut fac = open()?;
            let summary = fac.simulate(&form, sessions, seed).map_err(failed)?;
            writeln!(
                out,
                "simulated {} of {form}: {} ({} \"rather not say\")",
                count(summary.sessions, "session"),
                count(summary.answers, "answer"),
                summary.rather_not_say
            )?;
        }
        Command::Export {
            form,
            format,
            out: path,
            labels,
            k,
            quasi_identifiers,
            include_free_text,
            merge_age_variants,
        } => {
            let mut fac = open()?;
            let format = match format {
                ExportFormat::Csv => cercle::export::Format::Csv,
                ExportFormat::Xlsx => cercle::export::Format::Xlsx,
                ExportFormat::Json => cercle::export::Format::Json,
            };
            let options = ExportOptions { format, labels, k, quasi_identifiers, include_free_text, merge_age_variants };
            let bar = progress_bar();
            let done = fac
                .export(&form, &options, &path, &mut |done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .map_err(failed)?;
            bar.finish_and_clear();
            writeln!(out, "exported {} of {form} to {}", count(done.rows, "finalised session"), path.display())?;
            for line in done.disclosure.lines(Lang::En) {
                writeln!(out, "  {line}")?;
            }
            if let Some(e) = done.not_logged {
                eprintln!("warning: the export could not be written to the audit log: {}", e.message_in(Lang::En));
            }
        }
        Command::Report { form, lang, out: path, threshold } => {
            let mut fac = open()?;
            let bar = progress_bar();
            let done = fac
                .report(&form, lang, threshold, &path, &mut |done, total| {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                })
                .map_err(failed)?;
            bar.finish_and_clear();
            writeln!(
                out,
                "wrote the report of {form} ({}) to {}",
                count(done.rows, "finalised session"),
                path.display()
            )?;
            if let Some(e) = done.not_logged {
                eprintln!("warning: the report could not be written to the audit log: {}", e.message_in(Lang::En));
            }
        }
        #[cfg(feature = "ui")]
        Command::Screenshot { form: form_id, lang, screen, size, age_band, answers, out: path } => {
            // A built-in form needs no data: drawn without a passphrase, no database created.
            // With data and a passphrase, the site's help contacts are drawn too.
            let builtin = cercle::form::builtin_forms().into_iter().find(|f| f.id == form_id);
            let with_data = Device::open(data_dir).has_data() && std::env::var_os("CERCLE_PASSPHRASE").is_some();
            let (form, help) = match builtin {
                Some(form) if !with_data => (form, String::new()),
                _ => {
                    let fac = open()?;
                    let store = fac.store();
                    let form = store.form(&form_id).map_err(|e| failed(e.into()))?;
                    cercle::ui::images::register_form_media(&form.id, &store.media(&form.id, &form.version)?);
                    let help = fac.site().help.get(&lang).cloned().unwrap_or_default();
                    (form, help)
                }
            };
            if !cercle::form::session_languages(&form).contains(&lang) {
                let offered: Vec<&str> = cercle::form::session_languages(&form).iter().map(|l| l.code()).collect();
                bail!("form {form_id} has no text in {}: it can be drawn in {}", lang.code(), offered.join(", "));
            }
            let png =
                cercle::ui::screenshot::child_screen(form, lang, age_band, &answers, screen, size, &help)?.to_png()?;
            cercle::export::write_file_atomically(&path, |file| {
                file.write_all(&png).map_err(|e| cercle::store::StoreError::Export(e.to_string()))
            })?;
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

/// The private key file: readable by its owner only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(bytes).with_context(|| format!("writing {}", path.display()))?;
    file.sync_all().with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

fn builtin_or_withdrawal(id: &str) -> Option<cercle::form::Form> {
    cercle::form::builtin_forms().into_iter().chain([cercle::form::withdrawal_form()]).find(|f| f.id == id)
}

fn kind_name(kind: ServerKind) -> &'static str {
    match kind {
        ServerKind::Central => "ODK Central app user",
        ServerKind::Kobo => "KoboToolbox",
        ServerKind::OpenRosa => "OpenRosa server",
    }
}

/// Seconds given on the command line (negative or absurd values made sane).
fn seconds(s: f64) -> std::time::Duration {
    std::time::Duration::from_secs_f64(if s.is_finite() { s.clamp(0.0, 86_400.0) } else { 60.0 })
}

/// "1 error", "2 errors": English for scripts, but not "1 errors".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
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

/// A progress bar on the terminal for long work (hidden when the output is not a terminal).
fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}
