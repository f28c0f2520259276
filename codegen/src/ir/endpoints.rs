//! The service's endpoint rule set and its test cases.

/// The rule set as the model wrote it, with its test cases.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointRules {
    pub rule_set: serde_json::Value,
    pub tests: Option<serde_json::Value>,
}
