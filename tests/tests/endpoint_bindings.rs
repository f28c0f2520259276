//! Endpoint rule-set parameters bound from operations (`smithy.rules#staticContextParams`,
//! `contextParam` and `operationContextParams`) and the `authSchemes` the rules return, end to
//! end, on the `tests/fixtures/endpoint_bindings.json` service.
//!
//! Its operations bind every kind of parameter (a multi-select path, `keys(...)`, a member that
//! a path and a static value both compete with), its rules return SigV4a, SigV4 with a signing
//! name and region of their own, a scheme no client supports, and endpoint headers. The
//! generated crate must pass its endpoint cases (each `operationInputs` entry run through the
//! operation's bindings), clippy and rustdoc with warnings denied, and a client built from it
//! must sign each call as the endpoint it resolves says, against a loopback server.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::Request;
use codegen::config::Selection;
use codegen::diagnostics::{Diagnostics, Severity};
use codegen::ir::endpoints::{ContextSource, ParamValue, PathStep};
use integration_tests::loopback::{Reply, Server};
use integration_tests::workspace_root;

const ACCESS_KEY: &str = "AKIDBINDINGS";
const SECRET: &str = "bindings/secret/key+0123456789abcdefghij";

fn model() -> String {
    let path = workspace_root().join("tests").join("fixtures").join("endpoint_bindings.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn crate_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("endpoint-bindings").join("bindings")
}

fn request(model: &str) -> Request {
    let mut request = Request::from_model("endpoint_bindings.json", model, Selection::All);
    request.settings.package = "endpoint-bindings".to_string();
    request.settings.client = true;
    request.settings.runtime_path = codegen::runtime_path_from(&crate_dir());
    request.settings.credentials_path = codegen::credentials_path_from(&crate_dir());
    request
}

/// The fixture with the first occurrence of `from` replaced.
fn model_with(from: &str, to: &str) -> String {
    let model = model();
    assert!(model.contains(from), "{from} is in the fixture");
    model.replacen(from, to, 1)
}

fn errors(model: &str) -> Diagnostics {
    match codegen::generate(&request(model)) {
        Ok(_) => panic!("generation must fail"),
        Err(diagnostics) => diagnostics,
    }
}

#[test]
fn each_operation_binds_its_parameters_least_specific_first() {
    let generated = codegen::generate(&request(&model())).unwrap_or_else(|d| panic!("generation failed:\n{d}"));
    let krate = &generated.krate;
    let rules = krate.endpoint.as_ref().expect("a rule set");
    let param = |name: &str| rules.parameters.iter().position(|p| p.name == name).expect("a parameter");
    let bindings = |op: &str| {
        let op = krate.operations.iter().find(|o| o.name == op).expect("an operation");
        op.endpoint_params.iter().map(|b| (b.param, b.source.clone())).collect::<Vec<_>>()
    };
    let member = |index| ContextSource::Input(vec![PathStep::Member(index)]);
    // PinnedObject: its `Source.Name` path, then its `Bucket` member, which wins when both are set.
    assert_eq!(bindings("PinnedObject"), [(param("Bucket"), ContextSource::Input(vec![PathStep::Member(1), PathStep::Member(0)])), (param("Bucket"), member(0))]);
    // StaticBucket: the member, then the static value, which always wins.
    assert_eq!(bindings("StaticBucket"), [(param("Bucket"), member(0)), (param("Bucket"), ContextSource::Static(ParamValue::String("pinned".into())))]);
    assert_eq!(bindings("DeleteBucketPolicy"), [(param("Bucket"), member(0)), (param("Control"), ContextSource::Static(ParamValue::Boolean(true)))]);
    let select = PathStep::Select(vec![vec![PathStep::Member(0), PathStep::Member(0)], vec![PathStep::Member(1), PathStep::Member(0)]]);
    assert_eq!(bindings("BatchRead"), [(param("TableNames"), ContextSource::Input(vec![PathStep::Member(0), PathStep::Items, select]))]);
    assert_eq!(bindings("ListLabels"), [(param("TableNames"), ContextSource::Input(vec![PathStep::Member(0), PathStep::Keys]))]);
    let bound: Vec<&str> = rules.parameters.iter().filter(|p| p.bound).map(|p| p.name.as_str()).collect();
    assert_eq!(bound, ["EndpointId", "Bucket", "Control", "TableNames"]);
    assert!(rules.sigv4a, "the rules return sigv4a");
    let inputs: usize = rules.tests.iter().map(|case| case.operation_inputs.len()).sum();
    assert_eq!(inputs, 13, "every operation input of the cases is kept");
    let manifest = generated.files.get("Cargo.toml").expect("a manifest");
    assert!(manifest.contains("sigv4a = [\"smithy-rt/sigv4a\"]"), "{manifest}");
    let table = generated.files.get("src/operation/batch_read/mod.rs").expect("the operation");
    assert!(table.contains("::smithy_rt::schema::PathStep::Select("), "{table}");
}

/// The test the generated crate runs against the loopback server at `BINDINGS_ENDPOINT`; the
/// outer test checks what arrived.
const LOOPBACK_TEST: &str = r#"//! Calls through the client to the loopback server of the outer test (`BINDINGS_ENDPOINT`).

use endpoint_bindings::config::{Config, ConstructionError, Credentials, SdkError};
use endpoint_bindings::types::{ReadRequest, TableAction};
use endpoint_bindings::Client;

fn client() -> Client {
    let url = std::env::var("BINDINGS_ENDPOINT").expect("the outer test sets BINDINGS_ENDPOINT");
    let credentials = Credentials::new("AKIDBINDINGS", "bindings/secret/key+0123456789abcdefghij", None, None, "test");
    Client::new(Config::builder().region("us-east-1").endpoint_url(url).credentials(credentials).build())
}

fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime").block_on(future)
}

#[test]
fn an_endpoint_id_signs_with_sigv4a() {
    let sent = block_on(client().send_message().endpoint_id("abc123.xyz").body("hello").send());
    if cfg!(feature = "sigv4a") {
        sent.expect("sent");
    } else {
        match sent {
            Err(SdkError::Construction(error @ ConstructionError::AuthSchemes(_))) => {
                assert!(error.to_string().contains("sigv4a needs the `sigv4a` feature"), "{error}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_bucket_signs_with_the_name_and_region_of_the_first_supported_scheme() {
    block_on(client().put_object().bucket("my-bucket").key("k").send()).expect("sent");
}

#[test]
fn tables_from_a_path_reach_the_endpoint_headers() {
    let requests = vec![
        ReadRequest::builder().get(TableAction::builder().table("t1").build_unvalidated()).build_unvalidated(),
        ReadRequest::builder().put(TableAction::builder().table("t2").build_unvalidated()).build_unvalidated(),
    ];
    block_on(client().batch_read().set_requests(Some(requests)).send()).expect("sent");
}

#[test]
fn only_unsupported_schemes_is_not_sent() {
    match block_on(client().delete_bucket_policy().bucket("b").send()) {
        Err(SdkError::Construction(ConstructionError::AuthSchemes(names))) => assert_eq!(names, ["sigv4-s3express"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_blank_required_bucket_is_not_sent() {
    match block_on(client().put_object().bucket("  ").send()) {
        Err(SdkError::Construction(ConstructionError::Endpoint(message))) => assert!(message.contains("`Bucket` must be set and not blank"), "{message}"),
        other => panic!("{other:?}"),
    }
}
"#;

/// Run cargo in the generated crate, panicking with its output when it fails.
fn cargo(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    // Shared with the other tests that build generated crates, so dependencies compile once.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("checks");
    let mut command = Command::new(env!("CARGO"));
    command.current_dir(dir).args(args).env("CARGO_TARGET_DIR", &target);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run cargo");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "`cargo {}` failed:\n{stdout}\n{}", args.join(" "), String::from_utf8_lossy(&output.stderr));
    stdout
}

/// The request whose `X-Amz-Target` names `operation`.
fn arrived<'a>(requests: &'a [integration_tests::loopback::Recorded], operation: &str) -> &'a integration_tests::loopback::Recorded {
    let target = format!("Bindings.{operation}");
    let mut found = requests.iter().filter(|r| r.header("x-amz-target") == Some(target.as_str()));
    let request = found.next().unwrap_or_else(|| panic!("no {operation} request arrived"));
    assert!(found.next().is_none(), "one {operation} request");
    request
}

#[test]
fn the_generated_client_routes_and_signs_as_its_endpoints_say() {
    let generated = codegen::generate(&request(&model())).unwrap_or_else(|d| panic!("generation failed:\n{d}"));
    let dir = crate_dir();
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the old crate");
    }
    for (path, contents) in &generated.files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("files live in a directory")).expect("create a directory");
        let contents = if path == "Cargo.toml" {
            format!("{contents}\n[dev-dependencies]\ntokio = {{ version = \"1\", features = [\"rt\", \"time\"] }}\n\n[workspace]\n")
        } else {
            contents.clone()
        };
        std::fs::write(&file, contents).expect("write a file");
    }
    std::fs::write(dir.join("tests").join("loopback.rs"), LOOPBACK_TEST).expect("write the loopback test");
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");

    let report = cargo(&dir, &["test", "--offline", "--quiet", "--test", "endpoint_tests"], &[]);
    assert!(report.contains("12 passed"), "every case runs and passes:\n{report}");

    for sigv4a in [true, false] {
        let server = Server::start(vec![Reply::json(200, "{}")]);
        let url = server.url();
        let mut args = vec!["test", "--offline", "--quiet", "--test", "loopback"];
        if sigv4a {
            args.extend(["--features", "sigv4a"]);
        }
        cargo(&dir, &args, &[("BINDINGS_ENDPOINT", url.as_str())]);
        let requests = server.requests();
        // Neither the call whose endpoint offers only `sigv4-s3express` nor the blank bucket is sent.
        assert_eq!(requests.len(), if sigv4a { 3 } else { 2 }, "{requests:#?}");

        let put = arrived(&requests, "PutObject");
        let signature = put.verify(SECRET).expect("a valid SigV4 signature");
        assert_eq!((signature.access_key.as_str(), signature.region.as_str(), signature.service.as_str()), (ACCESS_KEY, "us-west-2", "bindings-storage"));
        assert_eq!(put.header("x-bucket"), Some("my-bucket"), "the endpoint's header is sent");

        let read = arrived(&requests, "BatchRead");
        let signature = read.verify(SECRET).expect("a valid SigV4 signature");
        assert_eq!((signature.region.as_str(), signature.service.as_str()), ("us-east-1", "bindings"), "no authSchemes: the service's defaults");
        assert_eq!(read.header("x-first-table"), Some("t1"));

        if sigv4a {
            let send = arrived(&requests, "SendMessage");
            let authorization = send.header("authorization").expect("signed");
            let scope = format!("AWS4-ECDSA-P256-SHA256 Credential={ACCESS_KEY}/");
            assert!(authorization.starts_with(&scope), "{authorization}");
            assert!(authorization.contains("/bindings/aws4_request"), "a SigV4a scope names no region: {authorization}");
            assert!(authorization.contains("x-amz-region-set"), "the region set is signed: {authorization}");
            assert_eq!(send.header("x-amz-region-set"), Some("*"));
            assert_eq!(send.header("x-endpoint-id"), Some("abc123.xyz"));
        }
    }

    for features in [None, Some("sigv4a")] {
        let mut args = vec!["clippy", "--offline", "--quiet", "--all-targets"];
        if let Some(features) = features {
            args.extend(["--features", features]);
        }
        args.extend(["--", "-D", "warnings"]);
        cargo(&dir, &args, &[]);
    }
    cargo(&dir, &["doc", "--offline", "--quiet", "--no-deps"], &[("RUSTDOCFLAGS", "-Dwarnings")]);
}

#[test]
fn bindings_the_generator_cannot_compile_are_reported_each_with_its_shape() {
    for (from, to, shape, says) in [
        (r#""path": "Requests[*].[Get.Table, Put.Table][]""#, r#""path": "Requests[0].Get.Table""#, "example.bindings#BatchRead", "index"),
        (r#""path": "keys(Labels)""#, r#""path": "length(Labels)""#, "example.bindings#ListLabels", "function `length`"),
        (r#""path": "Source.Name""#, r#""path": "Source.Nome""#, "example.bindings#PinnedObject", "no member `Nome`"),
        (r#""path": "Requests[*].[Get.Table, Put.Table][]""#, r#""path": "Requests[*].[Get.Table, Put.Table]""#, "example.bindings#BatchRead", "flatten"),
        (r#""TableNames": { "path": "keys(Labels)" }"#, r#""Tables": { "path": "keys(Labels)" }"#, "example.bindings#ListLabels", "`Tables`, which is not a parameter"),
        (r#""Control": { "value": true }"#, r#""Control": { "value": "yes" }"#, "example.bindings#DeleteBucketPolicy", "does not fit"),
        (r#""smithy.rules#contextParam": { "name": "EndpointId" }"#, r#""smithy.rules#contextParam": { "name": "Control" }"#, "example.bindings#SendMessageInput$EndpointId", "boolean parameter"),
        (r#""smithy.rules#contextParam": { "name": "EndpointId" }"#, r#""smithy.rules#contextParam": { "nom": "EndpointId" }"#, "example.bindings#SendMessageInput$EndpointId", "no `name`"),
    ] {
        let diagnostics = errors(&model_with(from, to));
        let found = diagnostics.errors().find(|d| d.code == "EndpointBindingInvalid");
        let d = found.unwrap_or_else(|| panic!("{to}: {diagnostics}"));
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.shape.as_deref(), Some(shape), "{d}");
        assert!(d.message.contains(says), "{to}: {d}");
        assert!(d.hint.is_some(), "{d}");
    }
}

#[test]
fn operation_inputs_the_generator_cannot_build_are_reported_at_their_pointer() {
    for (from, to, pointer) in [
        (r#""operationName": "ListLabels""#, r#""operationName": "ListLabes""#, "/testCases/5/operationInputs/0/operationName"),
        (r#""builtInParams": { "AWS::Region": "eu-west-1" }"#, r#""builtInParams": { "AWS::Regio": "eu-west-1" }"#, "/testCases/1/operationInputs/0/builtInParams/AWS::Regio"),
        (r#""clientParams": { "Bucket": "client-bucket" }"#, r#""clientParams": { "Bucket": true }"#, "/testCases/9/operationInputs/0/clientParams/Bucket"),
        (r#""operationParams": { "Bucket": "b" }"#, r#""operationParams": { "Buckets": "b" }"#, "/testCases/3/operationInputs/0/operationParams"),
    ] {
        let diagnostics = errors(&model_with(from, to));
        let d = diagnostics.errors().find(|d| d.code == "EndpointTestInvalid").unwrap_or_else(|| panic!("{to}: {diagnostics}"));
        assert_eq!(d.pointer.as_deref(), Some(pointer), "{d}");
        assert_eq!(d.shape.as_deref(), Some("example.bindings#Bindings"), "{d}");
    }
}

#[test]
fn malformed_auth_schemes_are_an_error_of_the_rule_set() {
    let model = model_with(r#""authSchemes": [{ "name": "sigv4-s3express", "signingName": "bindings" }]"#, r#""authSchemes": { "name": "sigv4" }"#);
    let diagnostics = errors(&model);
    let d = diagnostics.errors().find(|d| d.code == "EndpointRuleSetInvalid").unwrap_or_else(|| panic!("{diagnostics}"));
    assert!(d.message.contains("authSchemes"), "{d}");
    assert_eq!(d.pointer.as_deref(), Some("/rules/0/rules/1/endpoint/properties/authSchemes"));
}
