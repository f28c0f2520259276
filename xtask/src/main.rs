//! `cargo xtask codegen [--model PATH] [--operation NAME ...] [--all-operations] [--out DIR] [--check]`
//!
//! Regenerates the client crate from the model named in `codegen.json`, or with `--check` fails
//! (listing stale, missing and extra files) when the committed crate is not what the model produces.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::config::{Config, Selection, Settings};

const USAGE: &str = "usage: cargo xtask codegen [--config FILE] [--model PATH ...] [--operation NAME ...] [--all-operations] [--client | --no-client] [--out DIR] [--check]

  --config FILE   generate the crate FILE describes (default: every crate of this repository)
  --model PATH    use this model; without --config, with default settings (no overlays or
                  suppressions, the model's only service, package `aws-<model file name>`)
  --operation N   only these operations (repeatable); --all-operations for every one
  --client        generate the callable client; --no-client for types and wire functions only
  --out DIR       write the crate here (outside this repository the runtime is copied beside it)
  --check         change nothing; fail, listing the files that differ, when the crate is stale";

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
    client: Option<bool>,
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
            "--client" => parsed.client = Some(true),
            "--no-client" => parsed.client = Some(false),
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
    let overrides = !args.models.is_empty() || !args.operations.is_empty() || args.all_operations || args.out.is_some() || args.client.is_some();
    let configs: Vec<PathBuf> = match &args.config {
        Some(path) => vec![path.clone()],
        // A model of its own is one crate with default settings.
        None if !args.models.is_empty() => return run_config(args, None),
        // Overrides describe one crate: apply them to the main config only.
        None if overrides => vec![root.join(codegen::CONFIGS[0])],
        None => codegen::CONFIGS.iter().map(|c| root.join(c)).collect(),
    };
    let mut failed = false;
    for config_path in &configs {
        if run_config(args, Some(config_path))? != ExitCode::SUCCESS {
            failed = true;
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A config for a model given on the command line alone: default settings, the package named
/// after the model file (`aws-lambda` for `lambda-2015-03-31.json`).
fn default_config(model: &Path) -> Config {
    let stem = model.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "generated".to_string());
    let name = codegen::config::service_from_file_stem(&stem);
    let out = std::env::temp_dir().join(format!("aws-{name}"));
    let mut settings = Settings::new(format!("aws-{name}"));
    settings.runtime_path = codegen::runtime_path_from(&out);
    settings.credentials_path = codegen::credentials_path_from(&out);
    Config { models: vec![model.to_path_buf()], overlays: Vec::new(), output: out, models_optional: false, settings }
}

fn run_config(args: &Args, config_path: Option<&Path>) -> Result<ExitCode, String> {
    let mut config = match config_path {
        Some(path) => Config::load(path).map_err(|d| d.to_string())?,
        None => default_config(&args.models[0]),
    };
    let config_path = config_path.map_or_else(|| args.models[0].clone(), Path::to_path_buf);
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
        config.settings.runtime_path = codegen::runtime_path_from(out);
        config.settings.credentials_path = codegen::credentials_path_from(out);
    }
    if args.all_operations {
        config.settings.selection = Selection::All;
    } else if !args.operations.is_empty() {
        config.settings.selection = Selection::Named(args.operations.clone());
    }
    if let Some(client) = args.client {
        config.settings.client = client;
    }
    let request = codegen::Request::from_config(&config).map_err(|d| d.to_string())?;
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
