//! Endpoint rule sets -> generated resolvers, beyond what Amazon Connect's rule set exercises.
//!
//! `WIDGETS` is a small service whose rule set calls every function the generator supports
//! (`isSet`, `not`, `booleanEquals`, `stringEquals`, `getAttr` with an index, `parseURL`,
//! `substring`, `uriEncode`, `isValidHostLabel`, `aws.partition`, `aws.parseArn`,
//! `aws.isVirtualHostableS3Bucket`), with `assign`s of every kind, headers, properties, template
//! escapes, a keyword parameter name, required parameters with and without defaults, and cases
//! for all of it. Its generated crate must pass its own generated tests, clippy and rustdoc with
//! warnings denied. The other tests pin the diagnostics for rule sets the generator cannot compile.

use std::path::Path;
use std::process::Command;

use codegen::Request;
use codegen::diagnostics::Severity;
use codegen::config::Selection;

/// A service with a rule set using every supported function, and its test cases.
const WIDGETS: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "example.widgets#Widgets": {
      "type": "service",
      "version": "2024-01-01",
      "traits": {
        "smithy.api#documentation": "A service whose endpoint rules use every function the generator supports.",
        "smithy.rules#endpointRuleSet": {
          "version": "1.0",
          "parameters": {
            "Region": { "type": "string", "builtIn": "AWS::Region", "required": false, "documentation": "The AWS Region." },
            "UseFIPS": { "type": "boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false, "documentation": "Use FIPS endpoints." },
            "Endpoint": { "type": "string", "builtIn": "SDK::Endpoint", "required": false, "documentation": "A custom endpoint." },
            "Bucket": { "type": "string", "required": false, "documentation": "A bucket [name] with <brackets>." },
            "ResourceArn": { "type": "string", "required": false, "documentation": "The ARN of a widget." },
            "Stage": { "type": "string", "required": true, "documentation": "The deployment stage." },
            "ApiVersion": { "type": "string", "required": true, "documentation": "Required but never read by the rules." },
            "Tags": { "type": "stringArray", "required": true, "default": ["blue"], "documentation": "Tags; the first is sent as a header." },
            "Accelerate": { "type": "boolean", "required": false, "documentation": "Use the accelerated endpoint.", "deprecated": { "message": "Accelerate is going away.", "since": "2024-06-01" } },
            "Type": { "type": "string", "required": false, "documentation": "A parameter whose Rust name is a keyword." }
          },
          "rules": [
            {
              "type": "tree",
              "conditions": [
                { "fn": "isSet", "argv": [{ "ref": "Endpoint" }] },
                { "fn": "parseURL", "argv": [{ "ref": "Endpoint" }], "assign": "Url" }
              ],
              "rules": [
                {
                  "type": "endpoint",
                  "conditions": [
                    { "fn": "booleanEquals", "argv": [{ "fn": "getAttr", "argv": [{ "ref": "Url" }, "isIp"] }, true] }
                  ],
                  "endpoint": {
                    "url": "{Url#scheme}://{Url#authority}{Url#normalizedPath}ip",
                    "headers": { "x-stage": ["{Stage}"] },
                    "properties": {}
                  }
                },
                {
                  "type": "endpoint",
                  "conditions": [],
                  "endpoint": { "url": "{Url#scheme}://{Url#authority}{Url#path}", "properties": { "custom": true } }
                }
              ]
            },
            {
              "type": "error",
              "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Endpoint" }] }],
              "error": "Custom endpoint `{Endpoint}` is not a URL"
            },
            {
              "type": "error",
              "conditions": [
                { "fn": "not", "argv": [{ "fn": "isSet", "argv": [{ "ref": "Region" }] }] },
                { "fn": "isSet", "argv": [{ "ref": "Bucket" }] }
              ],
              "error": "A bucket needs a region"
            },
            {
              "type": "tree",
              "conditions": [
                { "fn": "isSet", "argv": [{ "ref": "ResourceArn" }] },
                { "fn": "aws.parseArn", "argv": [{ "ref": "ResourceArn" }], "assign": "Arn" }
              ],
              "rules": [
                {
                  "type": "error",
                  "conditions": [
                    { "fn": "not", "argv": [{ "fn": "stringEquals", "argv": [{ "fn": "getAttr", "argv": [{ "ref": "Arn" }, "service"] }, "widgets"] }] }
                  ],
                  "error": "ARN service `{Arn#service}` is not widgets"
                },
                {
                  "type": "endpoint",
                  "conditions": [
                    { "fn": "getAttr", "argv": [{ "ref": "Arn" }, "resourceId[1]"], "assign": "WidgetId" },
                    { "fn": "isValidHostLabel", "argv": [{ "ref": "WidgetId" }, false] },
                    { "fn": "not", "argv": [{ "fn": "stringEquals", "argv": ["", "{Arn#region}"] }] }
                  ],
                  "endpoint": {
                    "url": "https://{WidgetId}.{Arn#region}.widgets.example.com",
                    "properties": {
                      "authSchemes": [
                        { "name": "sigv4", "signingName": "widgets", "signingRegion": "{Arn#region}", "disableDoubleEncoding": true }
                      ]
                    }
                  }
                },
                {
                  "type": "error",
                  "conditions": [],
                  "error": "ARN `{ResourceArn}` has no widget id or region"
                }
              ]
            },
            {
              "type": "tree",
              "conditions": [
                { "fn": "isSet", "argv": [{ "ref": "Region" }] },
                { "fn": "aws.partition", "argv": [{ "ref": "Region" }], "assign": "PartitionResult" }
              ],
              "rules": [
                {
                  "type": "tree",
                  "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Bucket" }] }],
                  "rules": [
                    {
                      "type": "endpoint",
                      "conditions": [
                        { "fn": "aws.isVirtualHostableS3Bucket", "argv": [{ "ref": "Bucket" }, false] },
                        { "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, false] },
                        { "fn": "isSet", "argv": [{ "ref": "Accelerate" }] },
                        { "fn": "booleanEquals", "argv": [{ "ref": "Accelerate" }, true] }
                      ],
                      "endpoint": { "url": "https://{Bucket}.accelerate.{PartitionResult#dnsSuffix}" }
                    },
                    {
                      "type": "endpoint",
                      "conditions": [
                        { "fn": "substring", "argv": [{ "ref": "Bucket" }, 0, 4, false], "assign": "Prefix" },
                        { "fn": "stringEquals", "argv": [{ "ref": "Prefix" }, "logs"] },
                        { "fn": "substring", "argv": [{ "ref": "Bucket" }, 0, 2, true], "assign": "Suffix" }
                      ],
                      "endpoint": { "url": "https://logs-{Suffix}.{Region}.{PartitionResult#dnsSuffix}" }
                    },
                    {
                      "type": "endpoint",
                      "conditions": [{ "fn": "uriEncode", "argv": [{ "ref": "Bucket" }], "assign": "Encoded" }],
                      "endpoint": { "url": "https://widgets.{Region}.{PartitionResult#dnsSuffix}/{Encoded}" }
                    }
                  ]
                },
                {
                  "type": "endpoint",
                  "conditions": [
                    { "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, true], "assign": "Fips" },
                    { "fn": "booleanEquals", "argv": [{ "ref": "Fips" }, { "fn": "getAttr", "argv": [{ "ref": "PartitionResult" }, "supportsFIPS"] }] },
                    { "fn": "getAttr", "argv": [{ "ref": "Tags" }, "[0]"], "assign": "FirstTag" }
                  ],
                  "endpoint": {
                    "url": "https://widgets-fips.{Region}.{PartitionResult#dnsSuffix}",
                    "headers": { "x-first-tag": ["{FirstTag}"] }
                  }
                },
                {
                  "type": "endpoint",
                  "conditions": [
                    { "fn": "isSet", "argv": [{ "ref": "Type" }] },
                    { "fn": "stringEquals", "argv": [{ "ref": "Type" }, "special"] }
                  ],
                  "endpoint": { "url": "https://widgets.{Region}.{PartitionResult#dnsSuffix}/{{special}}" }
                },
                {
                  "type": "endpoint",
                  "documentation": "The default; {EncodedRegion} is only named here, so it is never bound.",
                  "conditions": [{ "fn": "uriEncode", "argv": ["{Region}"], "assign": "EncodedRegion" }],
                  "endpoint": {
                    "url": "https://widgets.{Region}.{PartitionResult#dnsSuffix}",
                    "headers": { "x-global": ["{PartitionResult#implicitGlobalRegion}", "{PartitionResult#name}"] }
                  }
                }
              ]
            },
            { "type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region" }
          ]
        },
        "smithy.rules#endpointTests": {
          "version": "1.0",
          "testCases": [
            {
              "documentation": "custom endpoint at an IP address",
              "params": { "Stage": "prod", "ApiVersion": "1", "Endpoint": "http://127.0.0.1:8080/base" },
              "expect": { "endpoint": { "url": "http://127.0.0.1:8080/base/ip", "headers": { "x-stage": ["prod"] } } }
            },
            {
              "documentation": "custom endpoint at a host name",
              "params": { "Stage": "prod", "ApiVersion": "1", "Endpoint": "https://widgets.internal/v1" },
              "expect": { "endpoint": { "url": "https://widgets.internal/v1", "properties": { "custom": true } } }
            },
            {
              "documentation": "custom endpoint that is not a URL",
              "params": { "Stage": "prod", "ApiVersion": "1", "Endpoint": "not a url" },
              "expect": { "error": "Custom endpoint `not a url` is not a URL" }
            },
            {
              "documentation": "ARN of another service",
              "params": { "Stage": "prod", "ApiVersion": "1", "ResourceArn": "arn:aws:gadgets:us-west-2:123456789012:widget/w-1" },
              "expect": { "error": "ARN service `gadgets` is not widgets" }
            },
            {
              "documentation": "ARN of a widget",
              "params": { "Stage": "prod", "ApiVersion": "1", "ResourceArn": "arn:aws:widgets:us-west-2:123456789012:widget/w-1" },
              "expect": {
                "endpoint": {
                  "url": "https://w-1.us-west-2.widgets.example.com",
                  "properties": {
                    "authSchemes": [
                      { "signingRegion": "us-west-2", "name": "sigv4", "disableDoubleEncoding": true, "signingName": "widgets" }
                    ]
                  }
                }
              }
            },
            {
              "documentation": "ARN without a region",
              "params": { "Stage": "prod", "ApiVersion": "1", "ResourceArn": "arn:aws:widgets::123456789012:widget/w-1" },
              "expect": { "error": "ARN `arn:aws:widgets::123456789012:widget/w-1` has no widget id or region" }
            },
            {
              "documentation": "ARN without a widget id",
              "params": { "Stage": "prod", "ApiVersion": "1", "ResourceArn": "arn:aws:widgets:us-west-2:123456789012:widget" },
              "expect": { "error": "ARN `arn:aws:widgets:us-west-2:123456789012:widget` has no widget id or region" }
            },
            {
              "documentation": "accelerated bucket",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "us-west-2", "Bucket": "my-bucket", "Accelerate": true },
              "expect": { "endpoint": { "url": "https://my-bucket.accelerate.amazonaws.com" } }
            },
            {
              "documentation": "accelerate off",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "us-west-2", "Bucket": "my-bucket", "Accelerate": false },
              "expect": { "endpoint": { "url": "https://widgets.us-west-2.amazonaws.com/my-bucket" } }
            },
            {
              "documentation": "logs bucket in China",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "cn-north-1", "Bucket": "logs-archive" },
              "expect": { "endpoint": { "url": "https://logs-ve.cn-north-1.amazonaws.com.cn" } }
            },
            {
              "documentation": "bucket that needs encoding",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "us-east-1", "Bucket": "My Bucket/1" },
              "expect": { "endpoint": { "url": "https://widgets.us-east-1.amazonaws.com/My%20Bucket%2F1" } }
            },
            {
              "documentation": "FIPS sends the first tag",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "us-gov-west-1", "UseFIPS": true },
              "expect": { "endpoint": { "url": "https://widgets-fips.us-gov-west-1.amazonaws.com", "headers": { "x-first-tag": ["blue"] } } }
            },
            {
              "documentation": "FIPS without tags falls through",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "us-gov-west-1", "UseFIPS": true, "Tags": [] },
              "expect": {
                "endpoint": { "url": "https://widgets.us-gov-west-1.amazonaws.com", "headers": { "x-global": ["us-gov-west-1", "aws-us-gov"] } }
              }
            },
            {
              "documentation": "keyword parameter and escaped braces",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "eu-isoe-west-1", "Type": "special" },
              "expect": { "endpoint": { "url": "https://widgets.eu-isoe-west-1.cloud.adc-e.uk/{special}" } }
            },
            {
              "documentation": "regional default",
              "params": { "Stage": "prod", "ApiVersion": "1", "Region": "eusc-de-east-1" },
              "expect": {
                "endpoint": { "url": "https://widgets.eusc-de-east-1.amazonaws.eu", "headers": { "x-global": ["eusc-de-east-1", "aws-eusc"] } }
              }
            },
            {
              "documentation": "bucket without a region",
              "params": { "Stage": "prod", "ApiVersion": "1", "Bucket": "my-bucket" },
              "expect": { "error": "A bucket needs a region" }
            },
            {
              "documentation": "missing region",
              "params": { "Stage": "prod", "ApiVersion": "1" },
              "expect": { "error": "Invalid Configuration: Missing Region" }
            },
            {
              "documentation": "missing stage",
              "params": { "ApiVersion": "1", "Region": "us-east-1" },
              "expect": { "error": "Missing required parameter: 'Stage'" }
            },
            {
              "documentation": "missing API version",
              "params": { "Stage": "prod", "Region": "us-east-1" },
              "expect": { "error": "Missing required parameter: 'ApiVersion'" }
            }
          ]
        }
      }
    }
  }
}"##;

/// Where `the_generated_crate_passes_its_cases_clippy_and_rustdoc` writes the crate.
fn crate_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("endpoint-rules").join("widgets")
}

fn request(model: &str) -> Request {
    let mut request = Request::from_model("widgets.json", model, Selection::All);
    request.settings.package = "endpoint-rules-widgets".to_string();
    request.settings.runtime_path = codegen::runtime_path_from(&crate_dir());
    request.settings.credentials_path = codegen::credentials_path_from(&crate_dir());
    request
}

/// `WIDGETS` with one expression replaced (the first occurrence of `from`).
fn widgets_with(from: &str, to: &str) -> String {
    assert!(WIDGETS.contains(from), "{from} is in the fixture");
    WIDGETS.replacen(from, to, 1)
}

#[test]
fn the_generated_resolver_reads_like_the_rules() {
    let generated = codegen::generate(&request(WIDGETS)).unwrap_or_else(|d| panic!("generation failed:\n{d}"));
    let resolver = generated.files.get("src/endpoint.rs").expect("a resolver");
    insta::with_settings!({ prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("endpoint_rules__widgets_resolver", resolver);
    });
    let tests = generated.files.get("tests/endpoint_tests.rs").expect("tests");
    assert_eq!(tests.matches("#[test]").count(), 19, "one test per case");
    let lib = generated.files.get("src/lib.rs").expect("lib.rs");
    assert!(lib.contains("pub mod endpoint;"));
}

#[test]
fn the_generated_crate_passes_its_cases_clippy_and_rustdoc() {
    let generated = codegen::generate(&request(WIDGETS)).unwrap_or_else(|d| panic!("generation failed:\n{d}"));
    let dir = crate_dir();
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("clear the old crate");
    }
    for (path, contents) in &generated.files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("files live in a directory")).expect("create a directory");
        let contents = if path == "Cargo.toml" { format!("{contents}\n[workspace]\n") } else { contents.clone() };
        std::fs::write(&file, contents).expect("write a file");
    }
    // Shared with the other tests that build generated crates, so dependencies compile once.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("checks");
    let cargo = |args: &[&str], rustdocflags: Option<&str>| {
        let mut command = Command::new(env!("CARGO"));
        command.current_dir(&dir).args(args).env("CARGO_TARGET_DIR", &target);
        if let Some(flags) = rustdocflags {
            command.env("RUSTDOCFLAGS", flags);
        }
        let output = command.output().expect("run cargo");
        assert!(
            output.status.success(),
            "`cargo {}` failed:\n{}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let report = cargo(&["test", "--offline", "--quiet", "--test", "endpoint_tests"], None);
    assert!(report.contains("19 passed"), "every case runs and passes:\n{report}");
    cargo(&["clippy", "--offline", "--quiet", "--all-targets", "--", "-D", "warnings"], None);
    cargo(&["doc", "--offline", "--quiet", "--no-deps"], Some("-Dwarnings"));
}

#[test]
fn unsupported_functions_are_reported_with_the_function_and_the_service() {
    let model = widgets_with(r#""fn": "uriEncode""#, r#""fn": "aws.madeUp""#).replacen(r#""fn": "substring""#, r#""fn": "split""#, 1);
    let diagnostics = match codegen::generate(&request(&model)) {
        Ok(_) => panic!("an unsupported function must stop generation"),
        Err(diagnostics) => diagnostics,
    };
    let unsupported: Vec<_> = diagnostics.0.iter().filter(|d| d.code == "EndpointFunctionUnsupported").collect();
    assert_eq!(unsupported.len(), 2, "each function once:\n{diagnostics}");
    for (d, name) in unsupported.iter().zip(["split", "aws.madeUp"]) {
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.shape.as_deref(), Some("example.widgets#Widgets"));
        assert!(d.message.contains(&format!("`{name}`")), "{d}");
        assert!(d.message.contains("example.widgets#Widgets"), "{d}");
        assert!(d.message.contains("/rules/4/rules/0/rules/"), "located: {d}");
    }
}

#[test]
fn optional_values_must_be_proven_set_before_use() {
    // Drop the `isSet(Region)` that guards the partition lookup.
    let model = widgets_with(
        r#"{ "fn": "isSet", "argv": [{ "ref": "Region" }] },
                { "fn": "aws.partition""#,
        r#"{ "fn": "aws.partition""#,
    );
    let diagnostics = codegen::generate(&request(&model)).err().expect("a type error");
    let error = diagnostics.0.iter().find(|d| d.code == "EndpointRuleSetInvalid").unwrap_or_else(|| panic!("{diagnostics}"));
    assert!(error.message.contains("argument 1 of `aws.partition`"), "{error}");
    assert!(error.message.contains("isSet"), "the message says how to fix it: {error}");
    assert_eq!(error.shape.as_deref(), Some("example.widgets#Widgets"));
}

#[test]
fn malformed_rules_and_cases_are_errors_not_panics() {
    for (from, to, code) in [
        (r#""type": "stringArray""#, r#""type": "integer""#, "EndpointRuleSetInvalid"),
        (r#""assign": "WidgetId""#, r#""assign": "Arn""#, "EndpointRuleSetInvalid"),
        (r#""resourceId[1]""#, r#""resourceIdentifier""#, "EndpointRuleSetInvalid"),
        (r#"{ "ref": "Prefix" }"#, r#"{ "ref": "Nowhere" }"#, "EndpointRuleSetInvalid"),
        (r#""type": "error", "conditions": [], "error": "Invalid"#, r#""type": "mystery", "conditions": [], "error": "Invalid"#, "EndpointRuleSetInvalid"),
        (r#""Bucket": "my-bucket", "Accelerate": true"#, r#""Bucket": "my-bucket", "Accelerate": "yes""#, "EndpointTestInvalid"),
        (r#""Region": "cn-north-1""#, r#""Regin": "cn-north-1""#, "EndpointTestInvalid"),
    ] {
        let diagnostics = codegen::generate(&request(&widgets_with(from, to))).err().unwrap_or_else(|| panic!("{to} must be rejected"));
        assert!(diagnostics.0.iter().any(|d| d.code == code && d.severity == Severity::Error), "{to}: {diagnostics}");
    }
}

#[test]
fn independent_errors_are_all_reported_each_at_its_pointer() {
    // An unknown attribute, a reference to nothing, and a test case value of the wrong type; the
    // uses of `WidgetId` (whose `getAttr` fails) say nothing more.
    let model = widgets_with(r#""resourceId[1]""#, r#""resourceIdentifier""#)
        .replacen(r#"{ "ref": "Prefix" }"#, r#"{ "ref": "Nowhere" }"#, 1)
        .replacen(r#""Bucket": "my-bucket", "Accelerate": true"#, r#""Bucket": "my-bucket", "Accelerate": "yes""#, 1);
    let diagnostics = codegen::generate(&request(&model)).err().expect("errors");
    let found: Vec<(&str, Option<&str>)> = diagnostics.errors().map(|d| (d.code, d.pointer.as_deref())).collect();
    assert_eq!(
        found,
        [
            ("EndpointRuleSetInvalid", Some("/rules/3/rules/1/conditions/0/argv/1")),
            ("EndpointRuleSetInvalid", Some("/rules/4/rules/0/rules/1/conditions/1/argv/0")),
            ("EndpointTestInvalid", Some("/testCases/7/params/Accelerate")),
        ],
        "{diagnostics}"
    );
    for d in diagnostics.errors() {
        assert_eq!(d.shape.as_deref(), Some("example.widgets#Widgets"), "{d}");
        assert!(d.hint.is_some(), "every diagnostic says how to fix it: {d}");
    }
    let messages: Vec<&str> = diagnostics.errors().map(|d| d.message.as_str()).collect();
    assert!(messages[0].contains("`resourceIdentifier`") && messages[0].contains("ARN"), "{}", messages[0]);
    assert!(messages[1].contains("`Nowhere`"), "{}", messages[1]);
    assert!(messages[2].contains("`Accelerate`") && messages[2].contains("/testCases/7"), "{}", messages[2]);
}

#[test]
fn a_use_reported_as_possibly_unset_is_reported_once() {
    // Without `isSet(Region)`, the partition lookup reads an optional Region; the templates of
    // the tree below it use Region too, and the one report covers them.
    let model = widgets_with(
        r#"{ "fn": "isSet", "argv": [{ "ref": "Region" }] },
                { "fn": "aws.partition""#,
        r#"{ "fn": "aws.partition""#,
    );
    let diagnostics = codegen::generate(&request(&model)).err().expect("a type error");
    let pointers: Vec<Option<&str>> = diagnostics.errors().map(|d| d.pointer.as_deref()).collect();
    assert_eq!(pointers, [Some("/rules/4/conditions/0/argv/0")], "{diagnostics}");
}

#[test]
fn services_without_a_rule_set_get_no_endpoint_module() {
    let model = r#"{"smithy": "2.0", "shapes": { "example#Plain": { "type": "service", "version": "1" } }}"#;
    let generated = codegen::generate(&request(model)).unwrap_or_else(|d| panic!("{d}"));
    for path in ["src/endpoint.rs", "tests/endpoint_tests.rs"] {
        assert!(!generated.files.contains_key(path), "{path}");
    }
    assert!(!generated.files.get("src/lib.rs").expect("lib.rs").contains("endpoint"));
}
