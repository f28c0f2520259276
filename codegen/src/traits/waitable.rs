//! `smithy.waiters#waitable`: the waiters of an operation, read into typed values. Paths stay
//! text here; lowering compiles them against the shapes.
//!
//! A waiter is optional sugar over its operation, so a malformed one is a warning that names it
//! and says why it is left out, never an error that stops the crate (the operation itself is
//! still generated and callable).

use serde_json::Value;

use crate::diagnostics::Diagnostic;

pub const WAITABLE: &str = "smithy.waiters#waitable";

/// The spec's defaults for `minDelay` and `maxDelay`, in seconds.
pub const DEFAULT_MIN_DELAY: u64 = 2;
pub const DEFAULT_MAX_DELAY: u64 = 120;

/// Why a waiter is not generated, the code every such warning has.
pub const WAITER_SKIPPED: &str = "WaiterSkipped";

/// One waiter of `@waitable`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiter {
    /// Its name in the trait (UpperCamelCase, checked).
    pub name: String,
    pub documentation: Option<String>,
    /// Seconds.
    pub min_delay: u64,
    /// Seconds.
    pub max_delay: u64,
    pub deprecated: bool,
    pub acceptors: Vec<Acceptor>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptor {
    pub state: AcceptorState,
    pub matcher: Matcher,
}

/// The state an acceptor moves the waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

impl AcceptorState {
    pub fn name(self) -> &'static str {
        match self {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// A path over the output.
    Output(PathMatcher),
    /// A path over `{input, output}`.
    InputOutput(PathMatcher),
    /// `true`: the call succeeded; `false`: it failed with any error.
    Success(bool),
    /// The call failed with this error (a shape name, or a code the model does not list).
    ErrorType(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathMatcher {
    pub path: String,
    pub expected: String,
    pub comparator: Comparator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

impl Comparator {
    pub fn name(self) -> &'static str {
        match self {
            Comparator::StringEquals => "stringEquals",
            Comparator::BooleanEquals => "booleanEquals",
            Comparator::AllStringEquals => "allStringEquals",
            Comparator::AnyStringEquals => "anyStringEquals",
        }
    }
}

/// The waiters of one `@waitable` value that are well formed, and a warning for each that is not.
pub fn parse(value: &Value) -> (Vec<Waiter>, Vec<Diagnostic>) {
    let Some(object) = value.as_object() else {
        let warning = Diagnostic::warning(WAITER_SKIPPED, format!("`{WAITABLE}` is not a map of waiter names to waiters; no waiter is generated"))
            .hint("see the Smithy waiters specification for the trait's form");
        return (Vec::new(), vec![warning]);
    };
    let mut waiters = Vec::new();
    let mut problems = Vec::new();
    for (name, waiter) in object {
        match self::waiter(name, waiter) {
            Ok(waiter) => waiters.push(waiter),
            Err(why) => problems.push(
                Diagnostic::warning(WAITER_SKIPPED, format!("waiter `{name}` is not generated: {why}"))
                    .hint("fix the waiter as the Smithy waiters specification describes it; the operation is generated either way"),
            ),
        }
    }
    (waiters, problems)
}

fn waiter(name: &str, value: &Value) -> Result<Waiter, String> {
    let mut chars = name.chars();
    if !chars.next().is_some_and(|c| c.is_ascii_uppercase()) || !chars.all(|c| c.is_ascii_alphanumeric()) {
        return Err("waiter names are UpperCamelCase letters and digits".to_string());
    }
    let object = value.as_object().ok_or("it is not an object")?;
    let delay = |key: &str, default: u64| match object.get(key) {
        None | Some(Value::Null) => Ok(default),
        Some(value) => value.as_u64().filter(|n| *n >= 1).ok_or_else(|| format!("`{key}` must be an integer of at least 1")),
    };
    let min_delay = delay("minDelay", DEFAULT_MIN_DELAY)?;
    let max_delay = delay("maxDelay", DEFAULT_MAX_DELAY)?;
    if min_delay > max_delay {
        return Err(format!("`minDelay` ({min_delay}) is greater than `maxDelay` ({max_delay})"));
    }
    let acceptors = object.get("acceptors").and_then(Value::as_array).ok_or("it has no `acceptors` list")?;
    let acceptors = acceptors
        .iter()
        .enumerate()
        .map(|(index, acceptor)| self::acceptor(acceptor).map_err(|why| format!("acceptor {index} {why}")))
        .collect::<Result<Vec<_>, _>>()?;
    if !acceptors.iter().any(|a| a.state == AcceptorState::Success) {
        return Err("no acceptor has the `success` state, so it could never succeed".to_string());
    }
    Ok(Waiter {
        name: name.to_string(),
        documentation: object.get("documentation").and_then(Value::as_str).map(str::to_string),
        min_delay,
        max_delay,
        deprecated: object.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
        acceptors,
    })
}

fn acceptor(value: &Value) -> Result<Acceptor, String> {
    let state = match value.get("state").and_then(Value::as_str) {
        Some("success") => AcceptorState::Success,
        Some("failure") => AcceptorState::Failure,
        Some("retry") => AcceptorState::Retry,
        Some(other) => return Err(format!("has the state `{other}`; states are `success`, `failure` and `retry`")),
        None => return Err("has no `state`".to_string()),
    };
    let matcher = value.get("matcher").and_then(Value::as_object).ok_or("has no `matcher` object")?;
    let mut entries = matcher.iter();
    let (Some((kind, body)), None) = (entries.next(), entries.next()) else {
        return Err("needs a matcher with exactly one of `output`, `inputOutput`, `success` and `errorType`".to_string());
    };
    let matcher = match kind.as_str() {
        "output" => Matcher::Output(path_matcher(body)?),
        "inputOutput" => Matcher::InputOutput(path_matcher(body)?),
        "success" => Matcher::Success(body.as_bool().ok_or("has a `success` matcher that is not a boolean")?),
        "errorType" => {
            let text = body.as_str().filter(|s| !s.is_empty()).ok_or("has an `errorType` matcher that is not an error name")?;
            // An absolute shape id matches by its name alone.
            Matcher::ErrorType(text.rsplit('#').next().unwrap_or(text).to_string())
        }
        other => return Err(format!("has the matcher `{other}`; matchers are `output`, `inputOutput`, `success` and `errorType`")),
    };
    Ok(Acceptor { state, matcher })
}

fn path_matcher(value: &Value) -> Result<PathMatcher, String> {
    let field = |key: &str| value.get(key).and_then(Value::as_str).ok_or_else(|| format!("has a path matcher without a `{key}` string"));
    let comparator = match field("comparator")? {
        "stringEquals" => Comparator::StringEquals,
        "booleanEquals" => Comparator::BooleanEquals,
        "allStringEquals" => Comparator::AllStringEquals,
        "anyStringEquals" => Comparator::AnyStringEquals,
        other => return Err(format!("has the comparator `{other}`, which the specification does not define")),
    };
    Ok(PathMatcher { path: field("path")?.to_string(), expected: field("expected")?.to_string(), comparator })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waiters_parse_with_the_specification_defaults() {
        let value = serde_json::json!({
            "TableExists": {
                "documentation": "Waits for the table.",
                "minDelay": 20,
                "acceptors": [
                    {"state": "success", "matcher": {"output": {"path": "Table.TableStatus", "expected": "ACTIVE", "comparator": "stringEquals"}}},
                    {"state": "retry", "matcher": {"errorType": "com.example#ResourceNotFoundException"}}
                ]
            },
            "Gone": {"acceptors": [{"state": "success", "matcher": {"success": false}}], "deprecated": true}
        });
        let (waiters, problems) = parse(&value);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(waiters[0].name, "TableExists");
        assert_eq!((waiters[0].min_delay, waiters[0].max_delay), (20, DEFAULT_MAX_DELAY));
        assert_eq!(waiters[0].acceptors[1].matcher, Matcher::ErrorType("ResourceNotFoundException".into()));
        assert_eq!((waiters[1].min_delay, waiters[1].deprecated), (DEFAULT_MIN_DELAY, true));
        assert_eq!(waiters[1].acceptors[0].matcher, Matcher::Success(false));
    }

    #[test]
    fn a_malformed_waiter_is_a_warning_naming_it_and_the_others_still_parse() {
        let ok = serde_json::json!([{"state": "success", "matcher": {"success": true}}]);
        for (waiter, says) in [
            (serde_json::json!({"acceptors": [{"state": "retry", "matcher": {"success": true}}]}), "no acceptor has the `success` state"),
            (serde_json::json!({"acceptors": ok, "minDelay": 0}), "`minDelay` must be an integer of at least 1"),
            (serde_json::json!({"acceptors": ok, "minDelay": 30, "maxDelay": 5}), "greater than `maxDelay`"),
            (serde_json::json!({"acceptors": [{"state": "done", "matcher": {"success": true}}]}), "acceptor 0 has the state `done`"),
            (serde_json::json!({"acceptors": [{"state": "success", "matcher": {"success": true, "errorType": "X"}}]}), "exactly one"),
            (
                serde_json::json!({"acceptors": [{"state": "success", "matcher": {"output": {"path": "a", "expected": "b", "comparator": "numberEquals"}}}]}),
                "comparator `numberEquals`",
            ),
            (serde_json::json!({"acceptors": [{"state": "success", "matcher": {"output": {"path": "a", "comparator": "stringEquals"}}}]}), "`expected`"),
        ] {
            let (waiters, problems) = parse(&serde_json::json!({"Broken": waiter, "Fine": {"acceptors": ok}}));
            assert_eq!(waiters.iter().map(|w| w.name.as_str()).collect::<Vec<_>>(), ["Fine"]);
            assert!(matches!(&problems[..], [d] if d.code == WAITER_SKIPPED && d.message.contains("`Broken`") && d.message.contains(says)), "{says}: {problems:?}");
        }
        let (waiters, problems) = parse(&serde_json::json!({"lowerCase": {"acceptors": ok}}));
        assert!(waiters.is_empty() && problems[0].message.contains("UpperCamelCase"), "{problems:?}");
    }
}
