//! Every official model in `../shared/models` besides Connect (which has its own test) generates
//! with all its operations and the client, and the crates compile clippy-clean together in one
//! workspace: every AWS protocol of these models (restJson1, awsJson1_0, awsJson1_1, awsQuery,
//! restXml) has a wire.
//!
//! Skips with a printed reason when `../shared/models` is absent.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use codegen::config::Selection;
use integration_tests::{empty_modules, workspace_root};

/// `lambda-2015-03-31` -> `lambda`, `route-53-2013-04-01` -> `route-53`.
fn service_name(stem: &str) -> String {
    codegen::config::service_from_file_stem(stem)
}

#[test]
fn every_shared_model_generates_with_all_operations_and_compiles() {
    let dir = workspace_root().join("..").join("shared").join("models");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: {} is absent (the official data lives in ../shared)", dir.display());
        return;
    };
    let mut models: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("connect-")))
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no models in {}", dir.display());

    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("shared-models");
    let mut members = Vec::new();
    for model in &models {
        let stem = model.file_stem().expect("a file").to_string_lossy().into_owned();
        let service = service_name(&stem);
        let package = format!("aws-{service}");
        let out = root.join(&package);
        let text = std::fs::read_to_string(model).unwrap_or_else(|e| panic!("cannot read {}: {e}", model.display()));
        let mut request = codegen::Request::from_model(&model.display().to_string(), &text, Selection::All);
        request.settings.package = package.clone();
        request.settings.client = true;
        request.settings.runtime_path = codegen::runtime_path_from(&out);
        request.settings.credentials_path = codegen::credentials_path_from(&out);
        let start = Instant::now();
        let generated = codegen::generate(&request).unwrap_or_else(|d| panic!("{stem} does not generate:\n{d}"));
        let operations = generated.files.keys().filter(|p| p.starts_with("src/operation/") && p.ends_with("/mod.rs") && p.matches('/').count() == 3).count();
        println!(
            "{stem}: {operations} operations, {} files, {} warnings, {:.0?}{}",
            generated.files.len(),
            generated.warnings.warnings().count(),
            start.elapsed(),
            if request.settings.client { ", with the client" } else { "" }
        );
        assert!(operations > 0, "{stem}: no operation modules");
        let empty = empty_modules(&generated.files);
        assert!(empty.is_empty(), "{stem}: {empty:#?}");
        codegen::output::write(&out, &generated.files).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        members.push(package);
    }
    let manifest = format!(
        "# Written by tests/tests/shared_models.rs.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(root.join("Cargo.toml"), manifest).expect("write the workspace manifest");
    let lock = root.join("Cargo.lock");
    if !lock.exists() {
        std::fs::copy(workspace_root().join("Cargo.lock"), &lock).expect("copy Cargo.lock");
    }
    // Shared with the other tests that build generated crates, so dependencies compile once.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("checks");
    let start = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--workspace", "--", "-D", "warnings"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("run cargo clippy");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "cargo clippy failed after {:.0?} in {}:\n{stderr}", start.elapsed(), root.display());
    println!("cargo clippy -- -D warnings over {} crates: {:.0?}", members.len(), start.elapsed());
}
