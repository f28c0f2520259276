//! `cargo xtask codegen [--model PATH] [--operation NAME ...] [--all-operations] [--out DIR] [--check]`
//!
//! Regenerates the client crate from the model named in `codegen.json`, or with `--check` fails
//! (listing stale, missing and extra files) when the committed crate is not what the model produces.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::config::Config;
use codegen::lower::Selection;

const USAGE: &str = "usage: cargo xtask codegen [--config FILE] [--model PATH ...] [--operation NAME ...] [--all-operations] [--out DIR] [--check]";

/// Print to stdout, ignoring a closed pipe (`cargo xtask codegen | head` must not panic).
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

#[derive(Debug, Default)]
struct Args {
    config: Option<PathBuf>,
    models: Vec<PathBuf>,
    operations: Vec<String>,
    all_operations: bool,
    out: Option<PathBuf>,
    check: bool,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args::default();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--config" => parsed.config = Some(value("--config")?.into()),
            "--model" => parsed.models.push(value("--model")?.into()),
            "--operation" => parsed.operations.push(value("--operation")?),
            "--all-operations" => parsed.all_operations = true,
            "--out" => parsed.out = Some(value("--out")?.into()),
            "--check" => parsed.check = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if parsed.all_operations && !parsed.operations.is_empty() {
        return Err(format!("--operation and --all-operations exclude each other\n{USAGE}"));
    }
    Ok(parsed)
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

fn main() -> ExitCode {
    let mut argv = std::env::args().skip(1);
    match argv.next().as_deref() {
        Some("codegen") => {}
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    }
    let args = match parse(argv) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match codegen_command(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn codegen_command(args: &Args) -> Result<ExitCode, String> {
    let root = workspace_root();
    let overrides = !args.models.is_empty() || !args.operations.is_empty() || args.all_operations || args.out.is_some();
    let configs: Vec<PathBuf> = match &args.config {
        Some(path) => vec![path.clone()],
        // Overrides describe one crate: apply them to the main config only.
        None if overrides => vec![root.join(codegen::CONFIGS[0])],
        None => codegen::CONFIGS.iter().map(|c| root.join(c)).collect(),
    };
    let mut failed = false;
    for config_path in &configs {
        if run_config(args, config_path)? != ExitCode::SUCCESS {
            failed = true;
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

fn run_config(args: &Args, config_path: &Path) -> Result<ExitCode, String> {
    let mut config = Config::load(config_path).map_err(|d| d.to_string())?;
    if config.models_optional && args.models.is_empty() {
        if let Some(missing) = config.models.iter().find(|m| !m.is_file()) {
            say!("skipped {}: its model {} is absent", config_path.display(), missing.display());
            return Ok(ExitCode::SUCCESS);
        }
    }
    if !args.models.is_empty() {
        config.models = args.models.clone();
    }
    if let Some(out) = &args.out {
        config.output = out.clone();
    }
    let selection = if args.all_operations {
        Some(Selection::All)
    } else if !args.operations.is_empty() {
        Some(Selection::Named(args.operations.clone()))
    } else {
        None
    };
    let request = codegen::Request::from_config(&config, selection).map_err(|d| d.to_string())?;
    let generated = codegen::generate(&request).map_err(|d| format!("{d}\nnothing was written"))?;
    for warning in &generated.warnings.0 {
        eprintln!("{warning}");
    }
    let out = &config.output;
    if args.check {
        let drift = codegen::output::check(out, &generated.files).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        if drift.is_clean() {
            say!("{} is fresh ({} files)", out.display(), generated.files.len());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is not what the model produces:\n{drift}run `cargo xtask codegen` and commit the result", out.display());
        return Ok(ExitCode::FAILURE);
    }
    let report = codegen::output::write(out, &generated.files).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    say!(
        "{}: {} written, {} unchanged, {} removed",
        out.display(),
        report.written.len(),
        report.unchanged,
        report.removed.len()
    );
    for path in report.written.iter().chain(&report.removed) {
        say!("  {path}");
    }
    Ok(ExitCode::SUCCESS)
}
