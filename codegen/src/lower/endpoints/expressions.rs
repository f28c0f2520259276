//! Expressions: literals, string templates and references, and the type expectations of the
//! places that use them.

use serde_json::Value;

use super::child;
use super::rules::{Checker, Var};
use crate::ir::endpoints::{Expr, ExprKind, Ref, TemplatePart, ValueType};

impl Checker<'_> {
    pub(super) fn expr(&mut self, value: &Value, at: &str) -> Option<Expr> {
        match value {
            Value::String(text) => self.template(text, at),
            Value::Bool(b) => Some(Expr { kind: ExprKind::Bool(*b), ty: ValueType::Bool }),
            Value::Number(n) => {
                let Some(n) = n.as_u64() else {
                    self.report.rule_set(at, format!("the number {n} at {at} is not a non-negative integer"), "the rules engine's only numbers are indexes (`substring`)");
                    return None;
                };
                let Ok(n) = usize::try_from(n) else {
                    self.report.rule_set(at, format!("the number {n} at {at} is too large"), "use an index that fits the platform's `usize`");
                    return None;
                };
                Some(Expr { kind: ExprKind::Int(n), ty: ValueType::Int })
            }
            Value::Object(object) if object.contains_key("ref") => match object.get("ref") {
                Some(Value::String(name)) => self.reference(name, at),
                _ => {
                    self.report.rule_set(&child(at, "ref"), format!("the reference at {at} is not a string"), r#"a reference names a parameter or an assigned value: `{"ref": "Region"}`"#);
                    None
                }
            },
            Value::Object(object) if object.contains_key("fn") => self.call(object, at),
            other => {
                self.report.rule_set(
                    at,
                    format!("the value at {at} ({other}) is not an expression this generator understands"),
                    "an expression is a string template, a boolean, a non-negative integer, a `ref` or a function call (`fn`)",
                );
                None
            }
        }
    }

    fn reference(&mut self, name: &str, at: &str) -> Option<Expr> {
        let Some(var) = self.lookup(name) else {
            if !self.names_known {
                return None;
            }
            self.report.rule_set(
                at,
                format!("the reference at {at} names `{name}`, which is not a parameter or an assigned variable in scope"),
                "refer to a parameter of the rule set, or to a name that an earlier condition of this rule or of an enclosing tree rule assigns",
            );
            return None;
        };
        let ty = var.ty.clone()?;
        Some(Expr { kind: ExprKind::Ref(Ref { name: name.to_string(), local: var.local.clone() }), ty })
    }

    /// A template string: `{Name}` and `{Name#path}` are string references, `{{` and `}}` are
    /// literal braces. Every reference is checked, also after one fails.
    pub(super) fn template(&mut self, text: &str, at: &str) -> Option<Expr> {
        let mut parts = Vec::new();
        let mut valid = true;
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => {
                                self.report.rule_set(at, format!("the template {text:?} at {at} has an unclosed `{{`"), "close the reference with `}`, or write a literal brace as `{{`");
                                return None;
                            }
                        }
                    }
                    let value = match inner.split_once('#') {
                        Some((name, path)) => {
                            let target = self.reference(name.trim(), at);
                            self.get_attr(target, path, at, at)
                        }
                        None => self.reference(inner.trim(), at),
                    };
                    match value {
                        Some(value) if self.expect(&value, &ValueType::String, &format!("`{{{inner}}}` in the template at {at}"), at) => {
                            if !literal.is_empty() {
                                parts.push(TemplatePart::Literal(std::mem::take(&mut literal)));
                            }
                            parts.push(TemplatePart::Value(value));
                        }
                        _ => valid = false,
                    }
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Literal(literal));
        }
        valid.then_some(Expr { kind: ExprKind::Template(parts), ty: ValueType::String })
    }

    /// After one report that a reference may be unset, the reference is set as far as the rest
    /// of the rule is concerned: proving it set once fixes every use.
    pub(super) fn silence(&mut self, expr: &Expr) {
        if let ExprKind::Ref(reference) = &expr.kind {
            self.scope.push(Var { name: reference.name.clone(), local: reference.local.clone(), ty: None });
        }
    }

    /// A string expression where `what` needs one.
    pub(super) fn string_expr(&mut self, value: &Value, at: &str, what: &str) -> Option<Expr> {
        let expr = self.expr(value, at)?;
        self.expect(&expr, &ValueType::String, what, at).then_some(expr)
    }

    /// Whether `expr` has the type `want`; reports it when not, saying how to prove an optional
    /// value set.
    pub(super) fn expect(&mut self, expr: &Expr, want: &ValueType, what: &str, at: &str) -> bool {
        if &expr.ty == want {
            return true;
        }
        let unset = matches!(&expr.ty, ValueType::Optional(inner) if inner.as_ref() == want);
        if unset {
            self.report.rule_set(
                at,
                format!(
                    "{what} must be {want} but may be unset (it is {}); prove it set with `isSet` or bind it with `assign` in an earlier condition",
                    expr.ty
                ),
                "parameters without a default that are not required, and the results of `parseURL`, `substring`, `aws.partition`, `aws.parseArn` and indexed `getAttr`, may be unset",
            );
            self.silence(expr);
        } else {
            self.report.rule_set(
                at,
                format!("{what} must be {want}, found {}", expr.ty),
                "see the function signatures of the rules engine's standard library (https://smithy.io/2.0/additional-specs/rules-engine/standard-library.html)",
            );
        }
        false
    }
}
