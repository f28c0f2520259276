//! What a run generates, decided right after loading: the service, the chosen operations and
//! every shape they reach. Checking and lowering look at these shapes only, so one operation of a
//! model with thousands of shapes costs what that operation needs, and a problem in a shape the
//! crate does not contain is not the user's problem today.

use std::collections::{BTreeSet, VecDeque};

use crate::config::{Selection, Settings};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Model, ShapeId, ShapeType};

/// The service, the operations and the shapes a run generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub service: Option<ShapeId>,
    /// The chosen operations, sorted.
    pub operations: Vec<ShapeId>,
    /// The shapes the operations reach (inputs, outputs, errors and what their members target),
    /// without the service and the operations themselves.
    pub reached: BTreeSet<ShapeId>,
}

impl Scope {
    /// Whether a shape (or the shape of a member id) is generated or read by this run. The
    /// prelude always is: any member may target it (union variants target `smithy.api#Unit`).
    pub fn contains(&self, id: &ShapeId) -> bool {
        let root = id.as_str().split_once('$').map_or(id.as_str(), |(root, _)| root);
        id.namespace() == "smithy.api"
            || self.reached.contains(root) || self.service.as_ref().is_some_and(|s| s.as_str() == root) || self.operations.iter().any(|op| op.as_str() == root)
    }
}

/// The scope the settings ask for, or every reason it cannot be decided.
pub fn select(model: &Model, settings: &Settings) -> Result<Scope, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let service = service(model, settings, &mut diagnostics);
    let operations = match &service {
        Some(service) => operations(model, service.as_ref(), &settings.selection, &mut diagnostics),
        None => Vec::new(),
    };
    let Some(service) = service.filter(|_| !diagnostics.has_errors()) else { return Err(diagnostics) };
    let reached = reached(model, service.as_ref(), &operations);
    Ok(Scope { service, operations, reached })
}

/// `Some(None)`: the model has no service, and every operation is a candidate.
fn service(model: &Model, settings: &Settings, diagnostics: &mut Diagnostics) -> Option<Option<ShapeId>> {
    match &settings.service {
        Some(text) => match ShapeId::parse(text).filter(|id| model.shape(id).is_some_and(|s| s.shape_type == ShapeType::Service)) {
            Some(id) => Some(Some(id)),
            None => {
                let services: Vec<String> = model.services().map(|s| s.id.to_string()).collect();
                diagnostics.push(
                    Diagnostic::error("UnknownService", format!("service `{text}` is not in the model"))
                        .hint(format!("services in the model: {}", if services.is_empty() { "none".into() } else { services.join(", ") })),
                );
                None
            }
        },
        None => {
            let services: Vec<ShapeId> = model.services().map(|s| s.id.clone()).collect();
            if services.len() > 1 {
                let list: Vec<String> = services.iter().map(ShapeId::to_string).collect();
                diagnostics.push(
                    Diagnostic::error("AmbiguousService", format!("the model has {} services and none was chosen", services.len()))
                        .hint(format!("set \"service\" in the codegen config to one of: {}", list.join(", "))),
                );
                return None;
            }
            Some(services.into_iter().next())
        }
    }
}

/// The service's operations, through its resources, in a stable order.
fn service_operations(model: &Model, service: &ShapeId) -> Vec<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([service.clone()]);
    let mut operations = BTreeSet::new();
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        let Some(shape) = model.shape(&id) else { continue };
        operations.extend(shape.relations.operations.iter().cloned());
        queue.extend(shape.relations.resources.iter().cloned());
    }
    operations.into_iter().collect()
}

fn operations(model: &Model, service: Option<&ShapeId>, selection: &Selection, diagnostics: &mut Diagnostics) -> Vec<ShapeId> {
    let candidates: Vec<ShapeId> = match service {
        Some(service) => service_operations(model, service),
        None => model.shapes.values().filter(|s| s.shape_type == ShapeType::Operation).map(|s| s.id.clone()).collect(),
    };
    let names = match selection {
        Selection::All => return candidates,
        Selection::Named(names) => names,
    };
    let mut chosen = Vec::new();
    for name in names {
        match candidates.iter().find(|id| id.name() == name || id.as_str() == name) {
            Some(id) if !chosen.contains(id) => chosen.push(id.clone()),
            Some(_) => {}
            None => {
                let lower = name.to_ascii_lowercase();
                let close: Vec<&str> = candidates
                    .iter()
                    .map(ShapeId::name)
                    .filter(|c| c.to_ascii_lowercase().contains(&lower) || lower.contains(&c.to_ascii_lowercase()))
                    .take(5)
                    .collect();
                let hint = if close.is_empty() {
                    format!("the service has {} operations; pass --all-operations to list them all", candidates.len())
                } else {
                    format!("similar operations: {}", close.join(", "))
                };
                diagnostics.push(Diagnostic::error("UnknownOperation", format!("operation `{name}` is not in the service")).hint(hint));
            }
        }
    }
    chosen.sort();
    chosen
}

/// An operation's errors: its own, then the service's (every operation can return those).
pub fn operation_errors(model: &Model, service: Option<&ShapeId>, op: &ShapeId) -> Vec<ShapeId> {
    let mut errors = model.shape(op).map(|s| s.relations.errors.clone()).unwrap_or_default();
    if let Some(service) = service.and_then(|id| model.shape(id)) {
        for error in &service.relations.errors {
            if !errors.contains(error) {
                errors.push(error.clone());
            }
        }
    }
    errors
}

/// Every shape the operations reach (inputs, outputs, errors and what their members target).
fn reached(model: &Model, service: Option<&ShapeId>, operations: &[ShapeId]) -> BTreeSet<ShapeId> {
    let mut queue = VecDeque::new();
    for op in operations {
        if let Some(shape) = model.shape(op) {
            queue.extend(shape.relations.input.iter().chain(&shape.relations.output).cloned());
        }
        queue.extend(operation_errors(model, service, op));
    }
    let mut seen = BTreeSet::new();
    while let Some(id) = queue.pop_front() {
        if id.as_str() == crate::model::prelude_unit() || seen.contains(&id) {
            continue;
        }
        if let Some(shape) = model.shape(&id) {
            queue.extend(shape.members.iter().map(|m| m.target.clone()));
        }
        seen.insert(id);
    }
    seen
}
