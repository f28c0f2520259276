//! The official DynamoDB (awsJson1_0) and S3 (restXml) models generated with all operations and
//! the client: every case of their `smithy.rules#endpointTests` passes, and the cases with
//! `operationInputs` pass again through the operations' own bindings (DynamoDB's `contextParam`
//! members and `keys(RequestItems)` path, S3's `Bucket` members and `staticContextParams`), with
//! the expected `authSchemes` checked.
//!
//! Skips with a printed reason when `../shared/models` is absent.

use std::path::PathBuf;
use std::process::Command;

use codegen::config::Selection;
use integration_tests::{shared_file, workspace_root};

/// Each model, its package, and how many cases and operation inputs its tests hold.
const MODELS: &[(&str, &str, usize, usize)] =
    &[("models/dynamodb-2012-08-10.json", "aws-dynamodb-cases", 370, 145), ("models/s3-2006-03-01.json", "aws-s3-cases", 392, 215)];

#[test]
fn dynamodb_and_s3_endpoint_cases_pass_through_their_operations() {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("shared-endpoint-cases");
    let mut members = Vec::new();
    for &(model, package, cases, inputs) in MODELS {
        let Some(path) = shared_file(model) else { return };
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let out = root.join(package);
        let mut request = codegen::Request::from_model(&path.display().to_string(), &text, Selection::All);
        request.settings.package = package.to_string();
        request.settings.client = true;
        request.settings.runtime_path = codegen::runtime_path_from(&out);
        request.settings.credentials_path = codegen::credentials_path_from(&out);
        let generated = codegen::generate(&request).unwrap_or_else(|d| panic!("{model} does not generate:\n{d}"));
        let tests = generated.files.get("tests/endpoint_tests.rs").expect("endpoint tests");
        assert_eq!(tests.matches("#[test]").count(), cases, "{model}: one test per case");
        assert_eq!(tests.matches("::endpoint_params(").count(), inputs, "{model}: every operation input runs through its operation");
        codegen::output::write(&out, &generated.files).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        members.push(package);
    }
    let manifest = format!(
        "# Written by tests/tests/shared_endpoint_cases.rs.\n[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
    );
    std::fs::write(root.join("Cargo.toml"), manifest).expect("write the workspace manifest");
    std::fs::copy(workspace_root().join("Cargo.lock"), root.join("Cargo.lock")).expect("copy Cargo.lock");
    // Shared with the other tests that build generated crates, so dependencies compile once.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("checks");
    let output = Command::new(env!("CARGO"))
        .args(["test", "--offline", "--quiet", "--workspace", "--test", "endpoint_tests"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("run cargo test");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "cargo test failed in {}:\n{stdout}\n{}", root.display(), String::from_utf8_lossy(&output.stderr));
    for &(model, _, cases, _) in MODELS {
        assert!(stdout.contains(&format!("{cases} passed; 0 failed")), "{model}: every case passes:\n{stdout}");
    }
}
