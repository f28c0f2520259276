//! The rule tree: rules, their conditions and outcomes, each checked in the scope the
//! conditions before it make.

use serde_json::{Map, Value};

use super::parameters::Declared;
use super::{Report, child, number, usage};
use crate::ir::Ident;
use crate::ir::endpoints::{Binds, Condition, Document, EndpointValue, Expr, ExprKind, Function, Outcome, Rule, ValueType};
use crate::naming;

/// Walks the rule tree with the names in scope.
pub(super) struct Checker<'r> {
    pub(super) report: &'r mut Report,
    pub(super) scope: Vec<Var>,
    /// Unsupported functions already reported: each is reported once, at its first use.
    pub(super) unsupported: Vec<String>,
    /// The parameters are declared, so a name not in scope is worth a report.
    pub(super) names_known: bool,
}

/// A name in scope: a parameter or an assigned value.
pub(super) struct Var {
    pub(super) name: String,
    pub(super) local: Ident,
    /// `None` when what defines it is invalid (and reported): uses of it are not reported again.
    pub(super) ty: Option<ValueType>,
}

impl<'r> Checker<'r> {
    pub(super) fn new(report: &'r mut Report, declared: &[Declared], names_known: bool) -> Checker<'r> {
        let scope = declared.iter().map(|d| Var { name: d.name.clone(), local: d.local.clone(), ty: d.value_type() }).collect();
        Checker { report, scope, unsupported: Vec::new(), names_known }
    }

    pub(super) fn lookup(&self, name: &str) -> Option<&Var> {
        self.scope.iter().rev().find(|v| v.name == name)
    }

    /// Rules evaluated in order; every one is checked, also after one fails.
    pub(super) fn rules(&mut self, values: &[Value], at: &str) -> Option<Vec<Rule>> {
        let mut rules = Some(Vec::with_capacity(values.len()));
        for (i, value) in values.iter().enumerate() {
            match (self.rule(value, &child(at, i)), rules.as_mut()) {
                (Some(rule), Some(rules)) => rules.push(rule),
                _ => rules = None,
            }
        }
        rules
    }

    fn rule(&mut self, value: &Value, at: &str) -> Option<Rule> {
        let Some(object) = value.as_object() else {
            self.report.rule_set(at, format!("the rule at {at} is not an object"), "a rule is an object with `type`, `conditions` and its outcome");
            return None;
        };
        let kind = match object.get("type") {
            Some(Value::String(kind)) if matches!(kind.as_str(), "endpoint" | "error" | "tree") => Some(kind.as_str()),
            Some(Value::String(other)) => {
                self.report.rule_set(&child(at, "type"), format!("the rule at {at} has unknown type `{other}`"), "a rule's type is `endpoint`, `error` or `tree`");
                None
            }
            _ => {
                self.report.rule_set(at, format!("the rule at {at} has no `type`"), "give the rule a `type`: `endpoint`, `error` or `tree`");
                None
            }
        };
        let conditions: &[Value] = match object.get("conditions") {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                // Without the conditions, the names they bind are unknown: checking the outcome
                // would only report their absence.
                self.report.rule_set(&child(at, "conditions"), format!("`conditions` of the rule at {at} is not an array"), "write the conditions as an array of function calls");
                return None;
            }
        };
        let mut valid = kind.is_some();
        let mark = self.scope.len();
        let mut lowered = Vec::with_capacity(conditions.len());
        let conditions_at = child(at, "conditions");
        for (i, condition) in conditions.iter().enumerate() {
            match self.condition(condition, &child(&conditions_at, i)) {
                Some(condition) => lowered.push(condition),
                None => valid = false,
            }
        }
        let outcome = kind.and_then(|kind| self.outcome(object, kind, at));
        self.scope.truncate(mark);
        let outcome = outcome.filter(|_| valid)?;
        usage::keep_read_bindings(&mut lowered, &outcome);
        let documentation = object.get("documentation").and_then(Value::as_str).map(str::to_string);
        Some(Rule { documentation, conditions: lowered, outcome })
    }

    fn outcome(&mut self, rule: &Map<String, Value>, kind: &str, at: &str) -> Option<Outcome> {
        match kind {
            "endpoint" => {
                let Some(endpoint) = rule.get("endpoint") else {
                    self.report.rule_set(at, format!("the endpoint rule at {at} has no `endpoint`"), "give the rule an `endpoint` object with a `url`");
                    return None;
                };
                self.endpoint(endpoint, &child(at, "endpoint")).map(Outcome::Endpoint)
            }
            "error" => {
                let Some(message) = rule.get("error") else {
                    self.report.rule_set(at, format!("the error rule at {at} has no `error`"), "give the rule an `error` message (a string template)");
                    return None;
                };
                self.string_expr(message, &child(at, "error"), &format!("the error message at {at}")).map(Outcome::Error)
            }
            _ => match rule.get("rules") {
                Some(Value::Array(rules)) => self.rules(rules, &child(at, "rules")).map(Outcome::Tree),
                _ => {
                    self.report.rule_set(at, format!("the tree rule at {at} has no `rules` array"), "give the tree rule a `rules` array");
                    None
                }
            },
        }
    }

    /// A condition: a function call, optionally assigned. Puts what it proves or assigns in
    /// scope for the rest of the rule; [`usage::keep_read_bindings`] later keeps the binding
    /// only if something reads it.
    fn condition(&mut self, value: &Value, at: &str) -> Option<Condition> {
        let Some(object) = value.as_object().filter(|o| o.contains_key("fn")) else {
            self.report.rule_set(
                at,
                format!("the condition at {at} is not a function call"),
                r#"a condition is a function call such as `{"fn": "isSet", "argv": [{"ref": "Region"}]}`"#,
            );
            return None;
        };
        let mut valid = true;
        let assign = match object.get("assign") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => Some(name.clone()),
            Some(_) => {
                self.report.rule_set(&child(at, "assign"), format!("`assign` of the condition at {at} is not a string"), "`assign` names the value of the call");
                valid = false;
                None
            }
        };
        let call = self.call(object, at);
        let mut binds = Binds::Nothing;
        if let Some(name) = &assign {
            let local = naming::field_name(name).ident;
            let taken = if self.lookup(name).is_some() {
                self.report.rule_set(
                    &child(at, "assign"),
                    format!("the condition at {at} assigns `{name}`, which is already defined"),
                    "assign a name that no parameter and no earlier condition in scope uses",
                );
                true
            } else if let Some(other) = self.scope.iter().find(|v| v.local == local) {
                let message = format!("the condition at {at} assigns `{name}`, whose Rust name `{}` is already taken by `{}`", local.name, other.name);
                self.report.rule_set(&child(at, "assign"), message, "assign a name that differs from the names in scope by more than case and separators");
                true
            } else {
                false
            };
            valid &= !taken;
            let ty = call.as_ref().filter(|_| !taken).map(|call| unwrapped(&call.ty));
            if let Some(ty) = &ty {
                binds = Binds::Value { local: local.clone(), ty: ty.clone() };
            }
            self.scope.push(Var { name: name.clone(), local, ty });
        } else if let Some((reference, inner)) = call.as_ref().and_then(proves_set) {
            binds = Binds::ProvenSet(reference.clone());
            self.scope.push(Var { name: reference.name.clone(), local: reference.local.clone(), ty: Some(inner) });
        }
        let call = call.filter(|_| valid)?;
        Some(Condition { call, assign, binds })
    }

    fn endpoint(&mut self, value: &Value, at: &str) -> Option<EndpointValue> {
        let Some(object) = value.as_object() else {
            self.report.rule_set(at, format!("the endpoint at {at} is not an object"), "an endpoint is an object with `url`, and optionally `headers` and `properties`");
            return None;
        };
        let url = match object.get("url") {
            Some(url) => self.string_expr(url, &child(at, "url"), &format!("the URL at {at}")),
            None => {
                self.report.rule_set(at, format!("the endpoint at {at} has no `url`"), "give the endpoint a `url` (a string template)");
                None
            }
        };
        let mut valid = true;
        let mut headers = Vec::new();
        if let Some(value) = object.get("headers").filter(|h| !h.is_null()) {
            let headers_at = child(at, "headers");
            match value.as_object() {
                Some(map) => {
                    for (name, values) in map {
                        let header_at = child(&headers_at, name);
                        let Some(values) = values.as_array() else {
                            self.report.rule_set(&header_at, format!("the values of header `{name}` at {at} are not an array"), "write a header's values as an array of strings");
                            valid = false;
                            continue;
                        };
                        let what = format!("a value of header `{name}` at {at}");
                        let values: Vec<_> = values.iter().enumerate().map(|(i, v)| self.string_expr(v, &child(&header_at, i), &what)).collect();
                        match values.into_iter().collect::<Option<Vec<_>>>() {
                            Some(values) => headers.push((name.clone(), values)),
                            None => valid = false,
                        }
                    }
                }
                None => {
                    self.report.rule_set(&headers_at, format!("the headers at {at} are not an object"), "write the headers as an object from header name to an array of values");
                    valid = false;
                }
            }
        }
        let mut properties = Vec::new();
        if let Some(value) = object.get("properties").filter(|p| !p.is_null()) {
            let properties_at = child(at, "properties");
            match value.as_object() {
                Some(map) => {
                    for (name, property) in map {
                        let property_at = child(&properties_at, name);
                        match self.document(property, &property_at) {
                            Some(document) if name == "authSchemes" && !auth_schemes_well_formed(&document) => {
                                self.report.rule_set(
                                    &property_at,
                                    format!("the `authSchemes` of the endpoint at {at} are not a list of objects, each with a string `name`"),
                                    r#"write `authSchemes` as a list such as `[{"name": "sigv4", "signingName": "s3"}]`; clients sign with the first scheme they support"#,
                                );
                                valid = false;
                            }
                            Some(document) => properties.push((name.clone(), document)),
                            None => valid = false,
                        }
                    }
                }
                None => {
                    self.report.rule_set(&properties_at, format!("the properties at {at} are not an object"), "write the properties as an object from name to value");
                    valid = false;
                }
            }
        }
        let url = url.filter(|_| valid)?;
        Some(EndpointValue { url, headers, properties })
    }

    /// A property value; its strings are templates.
    fn document(&mut self, value: &Value, at: &str) -> Option<Document<Expr>> {
        Some(match value {
            Value::Null => Document::Null,
            Value::Bool(b) => Document::Bool(*b),
            Value::Number(n) => Document::Number(number(n, at, self.report, super::RULE_SET_INVALID)?),
            Value::String(text) => Document::String(self.template(text, at)?),
            Value::Array(items) => {
                let items: Vec<_> = items.iter().enumerate().map(|(i, item)| self.document(item, &child(at, i))).collect();
                Document::Array(items.into_iter().collect::<Option<_>>()?)
            }
            Value::Object(entries) => {
                let entries: Vec<_> = entries.iter().map(|(key, item)| Some((key.clone(), self.document(item, &child(at, key))?))).collect();
                Document::Object(entries.into_iter().collect::<Option<_>>()?)
            }
        })
    }
}

/// `authSchemes` as clients read it: a list of objects, each naming its scheme with a string.
fn auth_schemes_well_formed(schemes: &Document<Expr>) -> bool {
    let Document::Array(schemes) = schemes else { return false };
    schemes.iter().all(|scheme| matches!(scheme, Document::Object(fields) if fields.iter().any(|(key, value)| key == "name" && matches!(value, Document::String(_)))))
}

/// The type of an assigned value: a condition holds only when its value is set.
fn unwrapped(ty: &ValueType) -> ValueType {
    match ty {
        ValueType::Optional(inner) => (**inner).clone(),
        other => other.clone(),
    }
}

/// `isSet` of an optional reference: the reference and the type it has once proven set.
fn proves_set(call: &Expr) -> Option<(&crate::ir::endpoints::Ref, ValueType)> {
    let ExprKind::Call(function) = &call.kind else { return None };
    let Function::IsSet(Expr { kind: ExprKind::Ref(reference), ty: ValueType::Optional(inner) }) = function.as_ref() else { return None };
    Some((reference, (**inner).clone()))
}
