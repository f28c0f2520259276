//! The service's `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`, parsed and
//! type-checked once into [`EndpointRules`]: [`parameters`], the rule tree ([`rules`]) with its
//! expressions ([`expressions`]) and function calls ([`functions`]), what each binding is read by
//! ([`usage`]), and the test cases ([`cases`]). Once the operations are lowered, [`bindings`]
//! adds what each operation binds to the parameters (with [`paths`] compiling
//! `operationContextParams`) and the cases' `operationInputs`.
//!
//! Every problem is reported, each with the service's shape id, a JSON pointer into the trait
//! and a hint. A value that fails to lower makes whatever depends on it fail without a word of
//! its own (a name whose `assign` failed is in scope with no type, and so is a reference once it
//! is reported as possibly unset), so one mistake reads as one diagnostic however often the
//! rules use what it broke.

mod bindings;
mod cases;
mod expressions;
mod functions;
mod parameters;
mod paths;
mod rules;
mod usage;

use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::EndpointRules;
use crate::ir::endpoints::Number;
use crate::model::ShapeId;

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// A problem of the rule set itself.
const RULE_SET_INVALID: &str = "EndpointRuleSetInvalid";
/// A problem of a test case.
const TEST_INVALID: &str = "EndpointTestInvalid";
/// A call of a function the generator does not compile.
const FUNCTION_UNSUPPORTED: &str = "EndpointFunctionUnsupported";

impl Lowerer<'_> {
    pub(super) fn endpoint_rules(&mut self, service: Option<&ShapeId>) -> Option<EndpointRules> {
        let shape = self.model.shape(service?)?;
        let rule_set = shape.traits.get(RULE_SET_TRAIT)?;
        let mut report = Report { service: shape.id.to_string(), diagnostics: Diagnostics::default() };
        let lowered = lower(rule_set, shape.traits.get(TESTS_TRAIT), &mut report);
        let failed = report.diagnostics.has_errors();
        self.diagnostics.extend(report.diagnostics);
        if failed { None } else { lowered }
    }
}

fn lower(rule_set: &Value, tests: Option<&Value>, report: &mut Report) -> Option<EndpointRules> {
    let Some(object) = rule_set.as_object() else {
        report.rule_set("", "the endpoint rule set is not an object", "write the trait as an object with `version`, `parameters` and `rules`");
        return None;
    };
    let version = object.get("version").and_then(Value::as_str).map(str::to_string);
    // Without a `parameters` object every name is unknown; saying so at each use would bury
    // the one report that matters.
    let declared = parameters::lower(object.get("parameters"), report);
    let names_known = declared.is_some();
    let declared = declared.unwrap_or_default();
    let rules = match object.get("rules") {
        Some(Value::Array(rules)) => rules::Checker::new(report, &declared, names_known).rules(rules, "/rules"),
        _ => {
            report.rule_set("/rules", "the endpoint rule set has no `rules` array", "give the rule set a `rules` array of endpoint, error and tree rules");
            None
        }
    };
    let tests = cases::lower(tests, &declared, names_known, report);
    let (rules, tests) = (rules?, tests?);
    let mut parameters = declared.into_iter().map(|d| d.parameter).collect::<Option<Vec<_>>>()?;
    for parameter in &mut parameters {
        parameter.read = usage::rules_read(&parameter.name, &rules);
    }
    let sigv4a = usage::returns_auth_scheme("sigv4a", &rules);
    Some(EndpointRules { version, parameters, rules, tests, sigv4a })
}

/// The diagnostics of one rule set, all about the same service.
struct Report {
    service: String,
    diagnostics: Diagnostics,
}

impl Report {
    fn error(&mut self, code: &'static str, at: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(code, message).shape(self.service.clone()).pointer(at).hint(hint));
    }

    /// A problem at `at` in `smithy.rules#endpointRuleSet`.
    fn rule_set(&mut self, at: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.error(RULE_SET_INVALID, at, message, hint);
    }

    /// A problem at `at` in `smithy.rules#endpointTests`.
    fn test(&mut self, at: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.error(TEST_INVALID, at, message, hint);
    }
}

/// `at` with one more segment: an object key (escaped) or an array index.
fn child(at: &str, segment: impl std::fmt::Display) -> String {
    format!("{at}/{}", crate::diagnostics::pointer_segment(&segment.to_string()))
}

/// A number of a document: an integer when it is one, else a finite float.
fn number(n: &serde_json::Number, at: &str, report: &mut Report, code: &'static str) -> Option<Number> {
    if let Some(u) = n.as_u64() {
        return Some(Number::PosInt(u));
    }
    if let Some(i) = n.as_i64() {
        return Some(Number::NegInt(i));
    }
    match n.as_f64().filter(|f| f.is_finite()) {
        Some(f) => Some(Number::Float(f)),
        None => {
            report.error(code, at, format!("the number {n} at {at} is out of range"), "write a number that fits a 64-bit integer or float");
            None
        }
    }
}
