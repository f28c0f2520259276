//! A crate generated outside this repository (`--out` elsewhere) carries its own copy of the
//! runtime and builds on its own, with only the runtime features it asks for (in the workspace,
//! features of all generated crates are unified, which could hide a missing one).

use std::process::Command;

use codegen::config::Selection;
use integration_tests::workspace_root;

fn build_elsewhere(model: &[&str], client: bool) {
    let name = model.last().expect("a file").trim_end_matches(".json").replace('_', "-");
    let out = std::env::temp_dir().join(format!("smithy-out-of-tree-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let model = model.iter().fold(workspace_root(), |path, part| path.join(part));
    let text = std::fs::read_to_string(&model).expect("the model");
    let mut request = codegen::Request::from_model(&model.display().to_string(), &text, Selection::All);
    request.settings.package = format!("out-of-tree-{name}");
    request.settings.client = client;
    request.settings.runtime_path = codegen::runtime_path_from(&out);
    request.settings.credentials_path = codegen::credentials_path_from(&out);
    assert_eq!(request.settings.runtime_path, codegen::RUNTIME_COPY_DIR);
    assert_eq!(request.settings.credentials_path, None);
    let generated = codegen::generate(&request).unwrap_or_else(|d| panic!("{d}"));
    assert!(generated.files.contains_key("smithy-rt/Cargo.toml"), "the runtime is copied beside the crate");
    // The credentials crate and its clients are not copied: the client says so rather than
    // quietly offering less.
    assert_eq!(generated.warnings.to_string().contains("CredentialsChainUnavailable"), client, "{}", generated.warnings);
    assert!(!generated.files["Cargo.toml"].contains("smithy-credentials"));
    codegen::output::write(&out, &generated.files).expect("write the crate");
    // Pin the dependencies to this repository's, so the check needs no new downloads.
    std::fs::copy(workspace_root().join("Cargo.lock"), out.join("Cargo.lock")).expect("copy Cargo.lock");
    std::fs::write(out.join("Cargo.toml"), format!("{}\n[workspace]\n", generated.files["Cargo.toml"])).expect("a workspace of its own");
    let target = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("checks");
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--all-targets"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("run cargo");
    let _ = std::fs::remove_dir_all(&out);
    assert!(output.status.success(), "cargo check of {name} failed:\n{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn a_crate_generated_elsewhere_builds_with_its_runtime_copy() {
    build_elsewhere(&["tests", "fixtures", "glacier_customizations.json"], false);
}

#[test]
fn a_client_generated_elsewhere_builds_with_its_runtime_copy() {
    // awsQuery: the XML, query, endpoint and client features together.
    build_elsewhere(&["models", "sts.json"], true);
}
