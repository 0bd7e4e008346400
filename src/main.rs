use clap::Parser;

mod cli;

use cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let data_dir = cli.data_dir.clone().unwrap_or_else(cercle::default_data_dir);
    let result = match cli.command {
        None | Some(Command::Ui) => run_app(&data_dir),
        Some(command) => cli::run(&data_dir, command, &mut std::io::stdout().lock()),
    };
    if let Err(e) = result {
        // A message that already says it is an error is not prefixed again ("error: error:").
        let message = format!("{e:#}");
        if message.to_lowercase().starts_with("error") {
            eprintln!("{message}");
        } else {
            eprintln!("error: {message}");
        }
        std::process::exit(1);
    }
}

#[cfg(feature = "ui")]
fn run_app(data_dir: &std::path::Path) -> anyhow::Result<()> {
    cercle::ui::run(data_dir)
}

#[cfg(not(feature = "ui"))]
fn run_app(_: &std::path::Path) -> anyhow::Result<()> {
    anyhow::bail!("this build has no app window (built without the `ui` feature); use a command, see --help")
}
