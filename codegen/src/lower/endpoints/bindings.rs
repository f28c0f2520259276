//! What each operation binds to the rule set's parameters, and the test cases that call
//! operations: `smithy.rules#staticContextParams` values, `smithy.rules#contextParam` input
//! members and `smithy.rules#operationContextParams` paths ([`paths`](super::paths)), each checked
//! against the parameter's type, then the `operationInputs` of `smithy.rules#endpointTests`
//! built as values of the operations' inputs.

use serde_json::Value;

use super::parameters::param_value;
use super::{Report, TESTS_TRAIT, child, paths};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::endpoints::{ContextBinding, ContextSource, OperationInput, ParamType, Parameter, PathStep};
use crate::ir::{self, EndpointRules, NamedKind, Type, TypeDef};
use crate::lower::Lowerer;
use crate::lower::values::Keys;
use crate::model::{ShapeId, ShapeType};
use crate::node::Node;

const STATIC_TRAIT: &str = "smithy.rules#staticContextParams";
const CONTEXT_TRAIT: &str = "smithy.rules#contextParam";
const OPERATION_TRAIT: &str = "smithy.rules#operationContextParams";

/// A binding the generator cannot compile: it names no parameter, has the wrong type, or a path
/// outside the subset.
const BINDING_INVALID: &str = "EndpointBindingInvalid";

impl Lowerer<'_> {
    /// Every operation's `endpoint_params`, the parameters some operation binds, and every
    /// case's `operation_inputs`. `ids` are the shape ids of `operations`, in order.
    pub(in crate::lower) fn endpoint_bindings(&mut self, rules: &mut EndpointRules, ids: &[ShapeId], operations: &mut [ir::Operation]) {
        for (id, op) in ids.iter().zip(operations.iter_mut()) {
            op.endpoint_params = self.operation_bindings(id, op.input, &rules.parameters);
        }
        for binding in operations.iter().flat_map(|op| &op.endpoint_params) {
            rules.parameters[binding.param].bound = true;
        }
        self.operation_inputs(rules, ids, operations);
    }

    /// One operation's bindings, least specific first.
    fn operation_bindings(&mut self, id: &ShapeId, input: usize, parameters: &[Parameter]) -> Vec<ContextBinding> {
        let Some(shape) = self.model.shape(id) else { return Vec::new() };
        let source = shape.source.clone();
        let mut problems = Vec::new();
        let mut bindings = Vec::new();
        let mut problem = |shape: &str, message: String, hint: &str| {
            problems.push(Diagnostic::error(BINDING_INVALID, message).shape(shape).file(source.clone()).hint(hint));
        };
        let find = |name: &str| parameters.iter().position(|p| p.name == name);
        let unknown_hint = "bind only parameters the service's `smithy.rules#endpointRuleSet` declares (names are case-sensitive)";

        for (name, spec) in trait_entries(shape.traits.get(OPERATION_TRAIT)) {
            let Some(param) = find(name) else {
                problem(id.as_str(), format!("`{OPERATION_TRAIT}` of `{id}` binds `{name}`, which is not a parameter of the rule set"), unknown_hint);
                continue;
            };
            let Some(path) = spec.get("path").and_then(Value::as_str) else {
                problem(id.as_str(), format!("`{OPERATION_TRAIT}` of `{id}` gives `{name}` no `path` string"), r#"write the binding as `{"path": "Member.Nested"}`"#);
                continue;
            };
            match paths::compile(path, input, &self.types, parameters[param].ty) {
                Ok(steps) => bindings.push(ContextBinding { param, source: ContextSource::Input(steps) }),
                Err(why) => problem(
                    id.as_str(),
                    format!("`{OPERATION_TRAIT}` of `{id}` binds `{name}` to the path `{path}`, which cannot be compiled: {why}"),
                    "use the JMESPath subset the rules engine allows (identifiers, `a.b`, `[*]`, `*`, `[a, b]`, `[]`, `keys(...)`) over the input's members, giving the parameter's type",
                ),
            }
        }

        let input_shape = shape.relations.input.as_ref().and_then(|i| self.model.shape(i));
        let fields = match self.types.get(input).and_then(Option::as_ref) {
            Some(TypeDef::Structure(s)) => s.fields.as_slice(),
            _ => &[],
        };
        for (input_shape, member) in input_shape.iter().flat_map(|s| s.members.iter().map(move |m| (s, m))) {
            let Some(spec) = member.traits.get(CONTEXT_TRAIT) else { continue };
            let member_id = input_shape.id.with_member(&member.name).to_string();
            let Some(name) = spec.get("name").and_then(Value::as_str) else {
                problem(&member_id, format!("`{CONTEXT_TRAIT}` on `{member_id}` has no `name` string"), r#"write the trait as `{"name": "Bucket"}`"#);
                continue;
            };
            let Some(param) = find(name) else {
                problem(&member_id, format!("`{CONTEXT_TRAIT}` on `{member_id}` binds `{name}`, which is not a parameter of the rule set"), unknown_hint);
                continue;
            };
            let Some(index) = fields.iter().position(|f| f.member == member.name) else { continue };
            let steps = match (parameters[param].ty, &fields[index].ty) {
                (ParamType::String, ty) if is_string(ty) => vec![PathStep::Member(index)],
                (ParamType::Boolean, Type::Bool) => vec![PathStep::Member(index)],
                (ParamType::StringArray, Type::List { item, .. }) if is_string(item) => vec![PathStep::Member(index), PathStep::Items],
                (ty, _) => {
                    let ty = match ty {
                        ParamType::String => "string",
                        ParamType::Boolean => "boolean",
                        ParamType::StringArray => "stringArray",
                    };
                    problem(
                        &member_id,
                        format!("`{CONTEXT_TRAIT}` binds `{member_id}` to `{name}`, a {ty} parameter, and the member's type does not fit it"),
                        "bind a string (or string enum) member to a `string` parameter, a boolean to a `boolean`, a list of strings to a `stringArray`",
                    );
                    continue;
                }
            };
            bindings.push(ContextBinding { param, source: ContextSource::Input(steps) });
        }

        for (name, spec) in trait_entries(shape.traits.get(STATIC_TRAIT)) {
            let Some(param) = find(name) else {
                problem(id.as_str(), format!("`{STATIC_TRAIT}` of `{id}` sets `{name}`, which is not a parameter of the rule set"), unknown_hint);
                continue;
            };
            match spec.get("value").and_then(|value| param_value(parameters[param].ty, value)) {
                Some(value) => bindings.push(ContextBinding { param, source: ContextSource::Static(value) }),
                None => problem(
                    id.as_str(),
                    format!("`{STATIC_TRAIT}` of `{id}` sets `{name}` to {}, which does not fit the parameter's type", spec.get("value").map_or_else(|| "nothing".to_string(), Value::to_string)),
                    r#"write the binding as `{"value": ...}` with a string, a boolean or an array of strings, as the parameter declares"#,
                ),
            }
        }
        for trait_id in [OPERATION_TRAIT, STATIC_TRAIT] {
            if shape.traits.get(trait_id).is_some_and(|v| !v.is_object()) {
                problem(id.as_str(), format!("`{trait_id}` of `{id}` is not an object"), "write the trait as an object from parameter name to binding");
            }
        }
        self.diagnostics.0.extend(problems);
        bindings
    }

    /// The `operationInputs` of every case, for operations this crate calls (cases for other
    /// operations of the service are left to crates that generate them).
    fn operation_inputs(&mut self, rules: &mut EndpointRules, ids: &[ShapeId], operations: &[ir::Operation]) {
        let Some(service) = self.service().and_then(|s| self.model.shape(s)) else { return };
        let Some(cases) = service.traits.get(TESTS_TRAIT).and_then(|t| t.get("testCases")).and_then(Value::as_array) else { return };
        let mut report = Report { service: service.id.to_string(), diagnostics: Diagnostics::default() };
        for (index, (case, lowered)) in cases.iter().zip(rules.tests.iter_mut()).enumerate() {
            let Some(inputs) = case.get("operationInputs").filter(|v| !v.is_null()) else { continue };
            let at = child(&child("/testCases", index), "operationInputs");
            let Some(inputs) = inputs.as_array() else {
                report.test(&at, format!("`operationInputs` of the test case at /testCases/{index} is not an array"), "write the operation inputs as an array of objects with `operationName`");
                continue;
            };
            for (i, input) in inputs.iter().enumerate() {
                if let Some(input) = self.operation_input(input, &child(&at, i), &rules.parameters, ids, operations, &mut report) {
                    lowered.operation_inputs.push(input);
                }
            }
        }
        self.diagnostics.extend(report.diagnostics);
    }

    fn operation_input(
        &self,
        input: &Value,
        at: &str,
        parameters: &[Parameter],
        ids: &[ShapeId],
        operations: &[ir::Operation],
        report: &mut Report,
    ) -> Option<OperationInput> {
        let Some(name) = input.get("operationName").and_then(Value::as_str) else {
            report.test(at, format!("the operation input at {at} has no `operationName` string"), "name the operation the case calls with `operationName`");
            return None;
        };
        let Some(operation) = ids.iter().position(|id| id.name() == name) else {
            if self.model.find_by_name(name, ShapeType::Operation).is_empty() {
                report.test(&child(at, "operationName"), format!("the operation input at {at} calls `{name}`, which the model does not have"), "name an operation of the service");
            }
            return None;
        };
        // Only operations with wire functions have the bindings a test calls.
        if !operations[operation].wire {
            return None;
        }
        let mut valid = true;
        let mut params = Vec::new();
        for (key, by_built_in) in [("builtInParams", true), ("clientParams", false)] {
            let group_at = child(at, key);
            for (param_name, value) in trait_entries(input.get(key)) {
                let found = parameters.iter().position(|p| if by_built_in { p.built_in.as_deref() == Some(param_name) } else { p.name == param_name });
                let Some(index) = found else {
                    let what = if by_built_in { "built-in" } else { "client parameter" };
                    report.test(
                        &child(&group_at, param_name),
                        format!("the operation input at {at} sets the {what} `{param_name}`, which no parameter of the rule set is"),
                        if by_built_in { "set only built-ins that a parameter of the rule set declares with `builtIn`" } else { "set only parameters the rule set declares" },
                    );
                    valid = false;
                    continue;
                };
                if value.is_null() {
                    continue;
                }
                match param_value(parameters[index].ty, value) {
                    Some(value) => params.push((index, value)),
                    None => {
                        report.test(&child(&group_at, param_name), format!("the operation input at {at} sets `{param_name}` to {value}, which does not fit its type"), "give a value of the parameter's type");
                        valid = false;
                    }
                }
            }
        }
        let op = &operations[operation];
        let entries = match input.get("operationParams").map(Node::from_json) {
            None | Some(Node::Null) => Vec::new(),
            Some(Node::Object(entries)) => entries,
            Some(_) => {
                report.test(&child(at, "operationParams"), format!("`operationParams` of the operation input at {at} is not an object"), "write the input as an object from member name to value");
                return None;
            }
        };
        let literal = match self.structure_literal(&self.types, op.input, &entries, Keys::Members) {
            Ok(literal) => literal,
            Err(why) => {
                report.test(
                    &child(at, "operationParams"),
                    format!("`operationParams` of the operation input at {at} is not an input of `{name}`: {why}"),
                    "write the members of the operation's input by their model names, with values of their types",
                );
                return None;
            }
        };
        valid.then_some(OperationInput { operation, input: literal, params })
    }
}

/// The entries of an object-valued trait (none when it is absent or not an object, which the
/// caller reports where it matters).
fn trait_entries(value: Option<&Value>) -> impl Iterator<Item = (&str, &Value)> {
    value.and_then(Value::as_object).into_iter().flatten().map(|(k, v)| (k.as_str(), v))
}

fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::String | Type::Named { kind: NamedKind::Enum, .. })
}
