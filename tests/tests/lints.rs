//! The generated crates build warning-free under clippy (`-D warnings`) and rustdoc (`-D warnings`).
//!
//! Runs cargo on each generated package with its own target directory, so it neither waits for
//! nor disturbs the outer `cargo test`.

use std::path::PathBuf;
use std::process::Command;

use integration_tests::workspace_root;

fn target_dir() -> PathBuf {
    // Shared with the other tests that build generated crates, so dependencies compile once.
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("checks")
}

fn cargo(args: &[&str], envs: &[(&str, &str)]) {
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(workspace_root()).args(args).env("CARGO_TARGET_DIR", target_dir());
    for (key, value) in envs {
        command.env(key, value);
    }
    let output = command.output().expect("run cargo");
    assert!(
        output.status.success(),
        "`cargo {}` failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn generated_packages() -> Vec<String> {
    let root = workspace_root();
    codegen::CONFIGS
        .iter()
        .map(|c| codegen::config::Config::load(&root.join(c)).expect("config").settings.package)
        .collect()
}

/// `-p a -p b ...`: one cargo run for all, so the runtime compiles once with their features
/// unified instead of once per feature set.
fn package_args(packages: &[String]) -> Vec<&str> {
    packages.iter().flat_map(|p| ["-p", p.as_str()]).collect()
}

#[test]
fn generated_crates_pass_clippy_with_warnings_denied() {
    let packages = generated_packages();
    let mut args = vec!["clippy", "--quiet"];
    args.extend(package_args(&packages));
    args.extend(["--all-targets", "--", "-D", "warnings"]);
    cargo(&args, &[]);
}

#[test]
fn the_client_crate_builds_without_its_default_transport() {
    // Users who bring their own transport turn the default feature off; that must still compile cleanly.
    cargo(&["clippy", "--quiet", "-p", "aws-connect", "--no-default-features", "--", "-D", "warnings"], &[]);
}

#[test]
fn generated_crates_document_without_warnings() {
    let packages = generated_packages();
    let mut args = vec!["doc", "--quiet", "--no-deps"];
    args.extend(package_args(&packages));
    cargo(&args, &[("RUSTDOCFLAGS", "-Dwarnings")]);
}

#[test]
fn the_runtime_documents_without_warnings_with_every_feature() {
    cargo(&["doc", "--quiet", "--no-deps", "-p", "smithy-rt", "--all-features"], &[("RUSTDOCFLAGS", "-Dwarnings")]);
}

#[test]
fn the_credentials_crate_documents_without_warnings() {
    cargo(&["doc", "--quiet", "--no-deps", "-p", "smithy-credentials"], &[("RUSTDOCFLAGS", "-Dwarnings")]);
}
