//! Which names the rules read (a binding nothing reads later costs the generated code nothing,
//! and `resolve` binds only the parameters some rule reads) and which auth schemes they return.

use crate::ir::endpoints::{Binds, Condition, Document, Expr, ExprKind, Outcome, Rule, TemplatePart};

/// Whether an endpoint of `rules` lists the auth scheme `name` (as a literal) in `authSchemes`.
pub(super) fn returns_auth_scheme(name: &str, rules: &[Rule]) -> bool {
    rules.iter().any(|rule| match &rule.outcome {
        Outcome::Endpoint(endpoint) => endpoint.properties.iter().any(|(property, value)| property == "authSchemes" && lists_scheme(value, name)),
        Outcome::Tree(rules) => returns_auth_scheme(name, rules),
        Outcome::Error(_) => false,
    })
}

fn lists_scheme(schemes: &Document<Expr>, name: &str) -> bool {
    let Document::Array(schemes) = schemes else { return false };
    schemes.iter().any(|scheme| match scheme {
        Document::Object(fields) => fields.iter().any(|(key, value)| key == "name" && is_literal(value, name)),
        _ => false,
    })
}

fn is_literal(value: &Document<Expr>, text: &str) -> bool {
    let Document::String(Expr { kind: ExprKind::Template(parts), .. }) = value else { return false };
    matches!(parts.as_slice(), [TemplatePart::Literal(literal)] if literal == text)
}

/// Whether any of `rules` reads `name`.
pub(super) fn rules_read(name: &str, rules: &[Rule]) -> bool {
    rules.iter().any(|rule| rule.conditions.iter().any(|c| expr_reads(name, &c.call)) || outcome_reads(name, &rule.outcome))
}

/// Drop the bindings of `conditions` that neither a later condition nor `outcome` reads.
pub(super) fn keep_read_bindings(conditions: &mut [Condition], outcome: &Outcome) {
    for i in 0..conditions.len() {
        let (head, later) = conditions.split_at_mut(i + 1);
        let condition = &mut head[i];
        let name = match (&condition.binds, &condition.assign) {
            (Binds::ProvenSet(reference), _) => reference.name.as_str(),
            (Binds::Value { .. }, Some(name)) => name.as_str(),
            _ => continue,
        };
        let read = later.iter().any(|c| expr_reads(name, &c.call)) || outcome_reads(name, outcome);
        if !read {
            condition.binds = Binds::Nothing;
        }
    }
}

fn outcome_reads(name: &str, outcome: &Outcome) -> bool {
    match outcome {
        Outcome::Endpoint(endpoint) => {
            expr_reads(name, &endpoint.url)
                || endpoint.headers.iter().flat_map(|(_, values)| values).any(|v| expr_reads(name, v))
                || endpoint.properties.iter().any(|(_, p)| document_reads(name, p))
        }
        Outcome::Error(message) => expr_reads(name, message),
        Outcome::Tree(rules) => rules_read(name, rules),
    }
}

fn document_reads(name: &str, document: &Document<Expr>) -> bool {
    match document {
        Document::String(expr) => expr_reads(name, expr),
        Document::Array(items) => items.iter().any(|item| document_reads(name, item)),
        Document::Object(entries) => entries.iter().any(|(_, item)| document_reads(name, item)),
        Document::Null | Document::Bool(_) | Document::Number(_) => false,
    }
}

fn expr_reads(name: &str, expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Bool(_) | ExprKind::Int(_) => false,
        ExprKind::Template(parts) => parts.iter().any(|part| matches!(part, TemplatePart::Value(value) if expr_reads(name, value))),
        ExprKind::Ref(reference) => reference.name == name,
        ExprKind::GetAttr(get) => expr_reads(name, &get.target),
        ExprKind::Call(function) => function.arguments().into_iter().any(|arg| expr_reads(name, arg)),
    }
}
