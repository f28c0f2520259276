//! The codegen config (`codegen.json`): which model, which operations, which crate, which suppressions.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// By name (`UpdateContactAttributes`) or absolute shape id.
    Named(Vec<String>),
    /// Every operation of the service.
    All,
}

/// Everything that decides what one generated crate holds: the one settings value every stage
/// (config, request, lowering) reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The package name.
    pub package: String,
    pub version: String,
    pub description: Option<String>,
    /// The service shape id; may be omitted when the model has exactly one service.
    pub service: Option<String>,
    pub selection: Selection,
    /// Generate the callable client (needs a service signed with SigV4 on a supported protocol).
    pub client: bool,
    pub suppressions: Vec<Suppression>,
    /// Which of the model's `smithy.test#...` compliance cases become tests: any of `requests`,
    /// `responses` (both client-side), `malformed_requests` (server-side cases run as client validation).
    pub protocol_tests: Vec<String>,
    /// Cases that do not run, by id, with the reason (from the file `protocol_test_skips` names).
    pub protocol_test_skips: std::collections::BTreeMap<String, String>,
    /// The `path` of the generated crate's dependency on the runtime crate, relative to the
    /// generated crate.
    pub runtime_path: String,
    /// A client's `from_env` uses the AWS default credentials chain (`smithy-credentials`),
    /// behind a default feature. Off for the chain's own clients, which it depends on.
    pub credentials_chain: bool,
    /// The `path` of the dependency on `smithy-credentials`, relative to the generated crate
    /// (by default beside the runtime's, as `runtime_path`'s default assumes); `None` outside
    /// this repository, where only the runtime is copied beside the crate.
    pub credentials_path: Option<String>,
}

impl Settings {
    /// Default settings for a package: every operation, no client.
    pub fn new(package: impl Into<String>) -> Settings {
        Settings {
            package: package.into(),
            version: "0.1.0".to_string(),
            description: None,
            service: None,
            selection: Selection::All,
            client: false,
            suppressions: Vec::new(),
            protocol_tests: Vec::new(),
            protocol_test_skips: Default::default(),
            runtime_path: "../runtime".to_string(),
            credentials_chain: true,
            credentials_path: Some("../credentials".to_string()),
        }
    }
}

/// A codegen config file: where the inputs and output are, and the crate's [`Settings`]; paths are
/// resolved against the config file's directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub models: Vec<PathBuf>,
    pub overlays: Vec<PathBuf>,
    pub output: PathBuf,
    /// The models are optional data (e.g. under `../shared`): when absent, the crate is skipped
    /// with a printed reason instead of failing.
    pub models_optional: bool,
    pub settings: Settings,
}

/// A constraint the generated client deliberately does not enforce, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// A shape or member id (`ns#Shape` or `ns#Shape$member`).
    pub shape: String,
    /// The constraint trait id, e.g. `smithy.api#pattern`.
    pub constraint: String,
    pub reason: String,
}

impl Config {
    /// Read a config file; every problem is reported with the file name and JSON pointer.
    pub fn load(path: &Path) -> Result<Config, Diagnostics> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| {
            Diagnostics(vec![Diagnostic::error("ConfigUnreadable", format!("cannot read the codegen config: {err}")).file(&file)])
        })?;
        let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Config::parse(&file, &text, &base)
    }

    pub fn parse(file: &str, text: &str, base: &Path) -> Result<Config, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let error = |pointer: &str, message: String| Diagnostic::error("InvalidConfig", message).file(file).pointer(pointer);
        let root: Value = serde_json::from_str(text)
            .map_err(|err| Diagnostics(vec![Diagnostic::error("InvalidConfig", format!("not valid JSON: {err}")).file(file)]))?;
        let Some(root) = root.as_object() else {
            return Err(Diagnostics(vec![error("", "the config must be a JSON object".into())]));
        };
        let mut strings = |key: &str, required: bool| -> Vec<String> {
            match root.get(key) {
                None if !required => Vec::new(),
                Some(Value::String(s)) => vec![s.clone()],
                Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                    items.iter().filter_map(Value::as_str).map(str::to_string).collect()
                }
                _ => {
                    diagnostics.push(error(&format!("/{key}"), format!("`{key}` must be a string or an array of strings")));
                    Vec::new()
                }
            }
        };
        let models = strings("model", true);
        let overlays = strings("overlays", false);
        let operations = strings("operations", false);
        let output = strings("output", true);
        let service = strings("service", false).into_iter().next();
        let krate = root.get("crate").and_then(Value::as_object);
        let crate_field = |key: &str| krate.and_then(|c| c.get(key)).and_then(Value::as_str).map(str::to_string);
        let crate_name = crate_field("name");
        if crate_name.is_none() {
            diagnostics.push(error("/crate/name", "`crate.name` (the generated package name) is required".into()));
        }
        let mut suppressions = Vec::new();
        if let Some(list) = root.get("suppressions") {
            match list.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let field = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_string);
                        match (field("shape"), field("constraint"), field("reason")) {
                            (Some(shape), Some(constraint), Some(reason)) if !reason.trim().is_empty() => {
                                suppressions.push(Suppression { shape, constraint, reason })
                            }
                            _ => diagnostics.push(
                                error(&format!("/suppressions/{i}"), "each suppression needs `shape`, `constraint` and a non-empty `reason`".into())
                                    .hint("a suppression without a written reason is not accepted"),
                            ),
                        }
                    }
                }
                None => diagnostics.push(error("/suppressions", "`suppressions` must be an array".into())),
            }
        }
        let mut protocol_test_skips = std::collections::BTreeMap::new();
        if let Some(skip_file) = root.get("protocol_test_skips").and_then(Value::as_str) {
            let path = base.join(skip_file);
            let parsed = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|e| e.to_string()));
            match parsed {
                Ok(Value::Object(entries)) => {
                    for (id, reason) in entries {
                        match reason.as_str().filter(|r| !r.trim().is_empty()) {
                            Some(reason) => {
                                protocol_test_skips.insert(id, reason.to_string());
                            }
                            None => diagnostics.push(
                                Diagnostic::error("InvalidConfig", format!("skipped case `{id}` needs a written reason")).file(path.display().to_string()),
                            ),
                        }
                    }
                }
                Ok(_) => diagnostics.push(Diagnostic::error("InvalidConfig", "the skip list must be an object of id -> reason").file(path.display().to_string())),
                Err(e) => diagnostics.push(Diagnostic::error("InvalidConfig", format!("cannot read the skip list: {e}")).file(path.display().to_string())),
            }
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        let output = base.join(output.first().map(String::as_str).unwrap_or("generated"));
        let all_operations = root.get("all_operations").and_then(Value::as_bool).unwrap_or(false);
        Ok(Config {
            models: models.iter().map(|m| base.join(m)).collect(),
            overlays: overlays.iter().map(|m| base.join(m)).collect(),
            models_optional: root.get("models_optional").and_then(Value::as_bool).unwrap_or(false),
            settings: Settings {
                package: crate_name.unwrap_or_default(),
                version: crate_field("version").unwrap_or_else(|| "0.1.0".to_string()),
                description: crate_field("description"),
                service,
                selection: if all_operations { Selection::All } else { Selection::Named(operations) },
                client: root.get("client").and_then(Value::as_bool).unwrap_or(false),
                suppressions,
                protocol_tests: root
                    .get("protocol_tests")
                    .and_then(Value::as_array)
                    .map(|kinds| kinds.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default(),
                protocol_test_skips,
                runtime_path: crate::runtime_path_from(&output),
                credentials_chain: root.get("credentials_chain").and_then(Value::as_bool).unwrap_or(true),
                credentials_path: crate::credentials_path_from(&output),
            },
            output,
        })
    }
}

/// The service part of an AWS model file's stem, without its API version date:
/// `lambda-2015-03-31` -> `lambda`, `route-53-2013-04-01` -> `route-53`; a stem without a
/// trailing `YYYY-MM-DD` is returned whole.
pub fn service_from_file_stem(stem: &str) -> String {
    let parts: Vec<&str> = stem.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [name @ .., y, m, d] if !name.is_empty() && digits(y, 4) && digits(m, 2) && digits(d, 2) => name.join("-"),
        _ => stem.to_string(),
    }
}

#[cfg(test)]
mod stem_tests {
    use super::service_from_file_stem;

    #[test]
    fn the_date_is_dropped_and_nothing_else() {
        assert_eq!(service_from_file_stem("lambda-2015-03-31"), "lambda");
        assert_eq!(service_from_file_stem("route-53-2013-04-01"), "route-53");
        assert_eq!(service_from_file_stem("sso-oidc-2019-06-10"), "sso-oidc");
        assert_eq!(service_from_file_stem("widgets"), "widgets");
        assert_eq!(service_from_file_stem("2019-06-10"), "2019-06-10");
    }
}
