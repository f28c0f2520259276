//! The rule set's `parameters`: their types and defaults, and the Rust names that carry them.

use serde_json::{Map, Value};

use super::{Report, child};
use crate::ir::endpoints::{ParamType, ParamValue, Parameter, ValueType};
use crate::ir::Ident;
use crate::naming;

/// A declared parameter: its name is in scope whether or not the declaration is valid.
pub(super) struct Declared {
    pub(super) name: String,
    /// The field of `Params` and the local `resolve` binds it to.
    pub(super) local: Ident,
    /// `None` when the declaration is invalid (and reported).
    pub(super) parameter: Option<Parameter>,
}

impl Declared {
    /// The type the rules see: set when it has a default or is required (`resolve` checks
    /// required parameters first), optional otherwise. `None` for an invalid declaration.
    pub(super) fn value_type(&self) -> Option<ValueType> {
        let parameter = self.parameter.as_ref()?;
        let ty = match parameter.ty {
            ParamType::String => ValueType::String,
            ParamType::Boolean => ValueType::Bool,
            ParamType::StringArray => ValueType::StringArray,
        };
        Some(if parameter.required || parameter.always_set() { ty } else { ValueType::optional(ty) })
    }
}

/// The declared parameters, in model order; `None` (reported) without a `parameters` object.
pub(super) fn lower(value: Option<&Value>, report: &mut Report) -> Option<Vec<Declared>> {
    let Some(map) = value.and_then(Value::as_object) else {
        report.rule_set(
            "/parameters",
            "the endpoint rule set has no `parameters` object",
            r#"declare the parameters as an object keyed by name, e.g. `"Region": {"type": "string", "builtIn": "AWS::Region"}`"#,
        );
        return None;
    };
    let mut declared: Vec<Declared> = Vec::new();
    for (name, spec) in map {
        let at = child("/parameters", name);
        let field = naming::field_name(name);
        let mut parameter = parameter(name, spec, &at, &field, report);
        if let Some(other) = declared.iter().find(|d| d.local == field.ident) {
            report.rule_set(
                &at,
                format!("parameters `{}` and `{name}` both become the Rust name `{}`", other.name, field.ident.name),
                "rename one of the two parameters (in the rules and the test cases too)",
            );
            parameter = None;
        }
        declared.push(Declared { name: name.clone(), local: field.ident, parameter });
    }
    Some(declared)
}

fn parameter(name: &str, spec: &Value, at: &str, field: &naming::FieldName, report: &mut Report) -> Option<Parameter> {
    let Some(spec) = spec.as_object() else {
        report.rule_set(at, format!("parameter `{name}` is not an object"), r#"declare it as an object such as `{"type": "string", "required": false}`"#);
        return None;
    };
    let ty = match spec.get("type").and_then(Value::as_str).map(str::to_ascii_lowercase).as_deref() {
        Some("string") => Some(ParamType::String),
        Some("boolean") => Some(ParamType::Boolean),
        Some("stringarray") => Some(ParamType::StringArray),
        _ => {
            let found = spec.get("type").map_or_else(|| "none".to_string(), Value::to_string);
            report.rule_set(
                &child(at, "type"),
                format!("parameter `{name}` has unsupported type {found} (expected string, boolean or stringArray)"),
                "the rules engine's parameter types are `string`, `boolean` and `stringArray`",
            );
            None
        }
    };
    let mut fields = Fields { spec, name, at, report, valid: true };
    let required = fields.get("required", "a boolean", Value::as_bool).unwrap_or(false);
    let built_in = fields.get("builtIn", "a string", Value::as_str).map(str::to_string);
    let documentation = fields.get("documentation", "a string", Value::as_str).map(str::to_string);
    let deprecated = fields.get("deprecated", "an object", Value::as_object).map(deprecation);
    let valid = fields.valid;
    let default = match (spec.get("default").filter(|v| !v.is_null()), ty) {
        (None, _) => None,
        (Some(value), Some(ty)) => match param_value(ty, value) {
            Some(value) => Some(value),
            None => {
                report.rule_set(
                    &child(at, "default"),
                    format!("the default of parameter `{name}` ({value}) does not match its type"),
                    "give a default of the parameter's type (a string, a boolean or an array of strings), or none",
                );
                return None;
            }
        },
        (Some(_), None) => None,
    };
    if !valid {
        return None;
    }
    Some(Parameter {
        name: name.to_string(),
        field: field.ident.clone(),
        set: Ident::plain(format!("set_{}", field.ident.name)),
        rename_note: field.rename_note.clone(),
        ty: ty?,
        built_in,
        required,
        default,
        deprecated,
        documentation,
        read: false,
        bound: false,
    })
}

/// The optional members of a parameter declaration, each of one JSON type (`null` is absent).
struct Fields<'a, 'r> {
    spec: &'a Map<String, Value>,
    name: &'a str,
    at: &'a str,
    report: &'r mut Report,
    valid: bool,
}

impl<'a> Fields<'a, '_> {
    fn get<T>(&mut self, key: &str, kind: &str, read: impl Fn(&'a Value) -> Option<T>) -> Option<T> {
        let value = self.spec.get(key).filter(|v| !v.is_null())?;
        let read = read(value);
        if read.is_none() {
            self.report.rule_set(
                &child(self.at, key),
                format!("`{key}` of parameter `{}` is {value}, not {kind}", self.name),
                format!("write `{key}` as {kind}, or leave it out"),
            );
            self.valid = false;
        }
        read
    }
}

fn deprecation(deprecated: &Map<String, Value>) -> String {
    let message = deprecated.get("message").and_then(Value::as_str).unwrap_or("deprecated");
    match deprecated.get("since").and_then(Value::as_str) {
        Some(since) => format!("{message} (since {since})"),
        None => message.to_string(),
    }
}

/// `value` as a value of a parameter of type `ty` (a default, or what a test case sets).
pub(super) fn param_value(ty: ParamType, value: &Value) -> Option<ParamValue> {
    match (ty, value) {
        (ParamType::String, Value::String(s)) => Some(ParamValue::String(s.clone())),
        (ParamType::Boolean, Value::Bool(b)) => Some(ParamValue::Boolean(*b)),
        (ParamType::StringArray, Value::Array(items)) => {
            items.iter().map(|item| item.as_str().map(str::to_string)).collect::<Option<Vec<_>>>().map(ParamValue::StringArray)
        }
        _ => None,
    }
}
