//! The generator against the full official Amazon Connect model (`../shared/models/connect-2017-08-08.json`,
//! 370 operations): every operation generates, the resulting crate compiles (and is clippy-clean), and
//! generating only `UpdateContactAttributes` from it yields the committed `generated/` crate except for
//! documentation, which proves the trimmed `models/connect.json` is faithful where it matters.
//!
//! Every test skips with a printed reason when the official model is absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use codegen::config::Selection;
use codegen::model::ModelSource;
use integration_tests::{empty_modules, shared_file, workspace_root};

const OFFICIAL: &str = "models/connect-2017-08-08.json";
const OPERATION_COUNT: usize = 370;
const FULL_PACKAGE: &str = "aws-connect-full";

/// A request for the official model with the repository's settings from `codegen.json`
/// (service, crate metadata, suppressions, overlays).
fn official_request(model: &Path, selection: Selection) -> codegen::Request {
    let root = workspace_root();
    let config = codegen::config::Config::load(&root.join("codegen.json"))
        .unwrap_or_else(|d| panic!("codegen.json:\n{d}"));
    let text = std::fs::read_to_string(model)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", model.display()));
    let mut request = codegen::Request::from_model(&model.display().to_string(), &text, selection.clone());
    request.settings = config.settings.clone();
    request.settings.selection = selection;
    request.overlays = config
        .overlays
        .iter()
        .map(|path| ModelSource {
            name: path.display().to_string(),
            text: std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())),
        })
        .collect();
    request
}

/// Where the all-operations crate is written to be built.
fn full_crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("connect-full-model").join(FULL_PACKAGE)
}

/// The all-operations crate, generated once per test binary and shared by the tests that need it.
struct FullCrate {
    files: BTreeMap<String, String>,
    naming: String,
    warnings: usize,
    elapsed: Duration,
}

fn full_crate(model: &Path) -> &'static FullCrate {
    static FULL: OnceLock<FullCrate> = OnceLock::new();
    FULL.get_or_init(|| {
        let mut request = official_request(model, Selection::All);
        request.settings.package = FULL_PACKAGE.to_string();
        request.settings.runtime_path = codegen::runtime_path_from(&full_crate_dir());
        request.settings.credentials_path = codegen::credentials_path_from(&full_crate_dir());
        let start = Instant::now();
        let generated = codegen::generate(&request)
            .unwrap_or_else(|d| panic!("generating every operation failed:\n{d}"));
        let elapsed = start.elapsed();
        FullCrate {
            naming: naming_table(&generated.krate),
            warnings: generated.warnings.warnings().count(),
            files: generated.files,
            elapsed,
        }
    })
}

#[test]
fn generates_every_operation_of_the_official_model() {
    let Some(model) = shared_file(OFFICIAL) else {
        return;
    };
    let full = full_crate(&model);
    println!(
        "generated {} files for all operations in {:.2?} (this profile; see `cargo bench -p codegen` for optimised numbers), {} warnings",
        full.files.len(),
        full.elapsed,
        full.warnings
    );
    let operation_modules: Vec<&String> = full
        .files
        .keys()
        .filter(|path| {
            path.strip_prefix("src/operation/")
                .and_then(|rest| rest.strip_suffix("/mod.rs"))
                .is_some_and(|name| !name.contains('/'))
        })
        .collect();
    assert_eq!(
        operation_modules.len(),
        OPERATION_COUNT,
        "one module per operation"
    );
    assert!(
        full.files
            .contains_key("src/operation/update_contact_attributes/mod.rs")
    );
    for required in [
        "Cargo.toml",
        "src/lib.rs",
        "src/operation/mod.rs",
        "src/types/mod.rs",
        "src/schemas.rs",
    ] {
        assert!(full.files.contains_key(required), "{required} is missing");
    }
    let cargo_toml = &full.files["Cargo.toml"];
    assert!(
        cargo_toml.contains(&format!("name = \"{FULL_PACKAGE}\"")),
        "package name not applied:\n{cargo_toml}"
    );
    // Every operation module declares at least an input, an output and an error file.
    for module in &operation_modules {
        let dir = module.strip_suffix("mod.rs").expect("filtered above");
        let in_dir = full
            .files
            .keys()
            .filter(|p| p.starts_with(dir) && !p.ends_with("mod.rs"))
            .count();
        assert!(in_dir >= 3, "{dir} has only {in_dir} files besides mod.rs");
    }
    let empty: Vec<&String> = full
        .files
        .iter()
        .filter(|(_, text)| text.trim().is_empty())
        .map(|(p, _)| p)
        .collect();
    assert!(empty.is_empty(), "empty files: {empty:?}");
    let empty = empty_modules(&full.files);
    assert!(empty.is_empty(), "{empty:#?}");
}

/// Run a cargo subcommand in `dir`, returning how long it took, or panicking with its output.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> (Duration, String) {
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo {args:?}: {e}"));
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success(),
        "cargo {} failed after {elapsed:.1?} in {}:\n{stderr}",
        args.join(" "),
        dir.display()
    );
    (elapsed, stderr)
}

#[test]
fn the_all_operations_crate_compiles_and_is_clippy_clean() {
    let Some(model) = shared_file(OFFICIAL) else {
        return;
    };
    let full = full_crate(&model);
    let dir = full_crate_dir();
    // Shared with the other tests that build generated crates, so dependencies compile once.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("checks");
    let mut files = full.files.clone();
    // Standalone: the temporary directory sits inside this workspace's target directory.
    files
        .get_mut("Cargo.toml")
        .expect("Cargo.toml is generated")
        .push_str("\n[workspace]\n");
    let report = codegen::output::write(&dir, &files)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", dir.display()));
    println!(
        "wrote {} ({} files changed, {} unchanged)",
        dir.display(),
        report.written.len(),
        report.unchanged
    );
    // Resolve dependencies to the versions this workspace already uses (and work offline when cached).
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(workspace_root().join("Cargo.lock"), &lock).expect("copy Cargo.lock");
    }

    // Clippy type-checks everything `cargo check` would, and fails on any warning.
    let (clippy_time, _) = cargo(
        &dir,
        &target,
        &["clippy", "--quiet", "--", "-D", "warnings"],
    );
    println!("cargo clippy -- -D warnings: {clippy_time:.1?}");
}

/// Lines that are not documentation (`///`, `//!`, `#[doc ...]`), so texts generated from models
/// with different documentation compare equal when everything else is the same.
fn without_docs(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| {
            let line = line.trim_start();
            !(line.starts_with("///") || line.starts_with("//!") || line.starts_with("#[doc"))
        })
        .collect()
}

#[test]
fn update_contact_attributes_from_the_official_model_matches_the_committed_crate() {
    let Some(model) = shared_file(OFFICIAL) else {
        return;
    };
    let request = official_request(
        &model,
        Selection::Named(vec!["UpdateContactAttributes".into()]),
    );
    let generated = codegen::generate(&request)
        .unwrap_or_else(|d| panic!("generating UpdateContactAttributes failed:\n{d}"));
    let committed_dir = workspace_root().join("generated");
    let mut mismatches = Vec::new();
    for (path, text) in &generated.files {
        let committed_path = committed_dir.join(path);
        let Ok(committed) = std::fs::read_to_string(&committed_path) else {
            mismatches.push(format!(
                "{path}: generated from the official model but not in generated/"
            ));
            continue;
        };
        let (ours, theirs) = (without_docs(&committed), without_docs(text));
        if ours != theirs {
            let first = ours
                .iter()
                .zip(&theirs)
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(theirs.len()));
            mismatches.push(format!(
                "{path}: first difference at non-doc line {}:\n  generated/:    {:?}\n  official model: {:?}",
                first + 1,
                ours.get(first),
                theirs.get(first)
            ));
        }
    }
    let committed_files = committed_rust_files(&committed_dir);
    for path in committed_files
        .iter()
        .filter(|p| !generated.files.contains_key(*p))
    {
        mismatches.push(format!(
            "{path}: in generated/ but not generated from the official model"
        ));
    }
    let compared: Vec<&String> = generated
        .files
        .keys()
        .filter(|p| p.starts_with("src/operation/") || p.starts_with("src/types/"))
        .collect();
    assert!(
        compared
            .iter()
            .any(|p| p.ends_with("_update_contact_attributes_input.rs")),
        "the operation's files were not generated: {compared:?}"
    );
    println!(
        "compared {} files ({} operation/type files) modulo documentation",
        generated.files.len(),
        compared.len()
    );
    assert!(
        mismatches.is_empty(),
        "the official model generates a different crate:\n{}",
        mismatches.join("\n")
    );
}

/// `Cargo.toml` and every file under `src/` of a generated crate, as relative `/` paths.
fn committed_rust_files(dir: &Path) -> Vec<String> {
    let mut found = vec!["Cargo.toml".to_string()];
    let mut stack = vec![dir.join("src")];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", current.display()))
        {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(
                    path.strip_prefix(dir)
                        .expect("under dir")
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    found.sort();
    found
}

/// Every Rust name the crate gives a model name, one `shape id -> Rust name` line each, sorted by
/// shape id: a rename anywhere shows up in review.
fn naming_table(krate: &codegen::ir::Crate) -> String {
    use codegen::ir::TypeDef;
    let path = |p: &codegen::ir::Path| p.0[1..].join("::");
    let ident = |i: &codegen::ir::Ident| if i.raw { format!("r#{}", i.name) } else { i.name.clone() };
    let mut lines = Vec::new();
    for op in &krate.operations {
        let client = op.client.as_ref().map_or(String::new(), |c| format!(", client.{}() -> {}", ident(&c.method), c.fluent));
        lines.push(format!("{} -> operation::{}::{} (error {}{client})", op.shape_id, op.module, op.marker, op.error.ident));
        for v in &op.error.variants {
            lines.push(format!("{} error {} -> {}::{} / {}", op.shape_id, krate.types[v.error].shape_id(), op.error.ident, v.ident, ident(&v.is_fn)));
        }
    }
    for ty in &krate.types {
        match ty {
            TypeDef::Structure(s) => {
                lines.push(format!("{} -> {} (builder {})", s.shape_id, path(&s.name.path), s.builder));
                for f in &s.fields {
                    lines.push(format!("{}${} -> {} / {}", s.shape_id, f.member, ident(&f.ident), ident(&f.set)));
                }
            }
            TypeDef::Enum(e) => {
                lines.push(format!("{} -> {}", e.shape_id, path(&e.name.path)));
                for v in &e.variants {
                    lines.push(format!("{} value {:?} -> {}", e.shape_id, v.value, v.ident));
                }
            }
            TypeDef::Union(u) => {
                lines.push(format!("{} -> {}", u.shape_id, path(&u.name.path)));
                for v in &u.variants {
                    let as_fn = v.as_fn.as_ref().map_or(String::new(), |a| format!(" / {}", ident(a)));
                    lines.push(format!("{}${} -> {} / {}{as_fn}", u.shape_id, v.member, v.ident, ident(&v.is_fn)));
                }
            }
        }
    }
    for c in &krate.collections {
        lines.push(format!("{} -> schemas::{}", c.shape_id, c.ident));
    }
    lines.sort();
    lines.dedup();
    lines.join("\n") + "\n"
}

#[test]
fn the_naming_table_of_the_official_model_is_pinned() {
    let Some(model) = shared_file(OFFICIAL) else {
        return;
    };
    insta::assert_snapshot!("connect_naming_table", full_crate(&model).naming);
}
