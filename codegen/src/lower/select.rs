//! What to generate: the service, the chosen operations, the shapes they reach, and the
//! service-level facts (protocol, renames, client settings).

use std::collections::{BTreeSet, VecDeque};

use serde_json::Value;

use super::Lowerer;
use crate::config::Selection;
use crate::diagnostics::Diagnostic;
use crate::ir;
use crate::model::{ShapeId, ShapeType};

impl Lowerer<'_> {
    pub(super) fn service(&mut self) -> Option<Option<ShapeId>> {
        match &self.settings().service {
            Some(text) => match ShapeId::parse(text).filter(|id| self.model.shape(id).is_some_and(|s| s.shape_type == ShapeType::Service)) {
                Some(id) => Some(Some(id)),
                None => {
                    let services: Vec<String> = self.model.services().map(|s| s.id.to_string()).collect();
                    self.push(
                        Diagnostic::error("UnknownService", format!("service `{text}` is not in the model"))
                            .hint(format!("services in the model: {}", if services.is_empty() { "none".into() } else { services.join(", ") })),
                    );
                    None
                }
            },
            None => {
                let services: Vec<ShapeId> = self.model.services().map(|s| s.id.clone()).collect();
                if services.len() > 1 {
                    let list: Vec<String> = services.iter().map(ShapeId::to_string).collect();
                    self.push(
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
    fn service_operations(&self, service: &ShapeId) -> Vec<ShapeId> {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([service.clone()]);
        let mut operations = BTreeSet::new();
        while let Some(id) = queue.pop_front() {
            if !seen.insert(id.clone()) {
                continue;
            }
            let Some(shape) = self.model.shape(&id) else { continue };
            operations.extend(shape.relations.operations.iter().cloned());
            queue.extend(shape.relations.resources.iter().cloned());
        }
        operations.into_iter().collect()
    }

    pub(super) fn operations(&mut self, service: Option<&ShapeId>) -> Vec<ShapeId> {
        let candidates: Vec<ShapeId> = match service {
            Some(service) => self.service_operations(service),
            None => self.model.shapes.values().filter(|s| s.shape_type == ShapeType::Operation).map(|s| s.id.clone()).collect(),
        };
        match &self.settings().selection {
            Selection::All => candidates,
            Selection::Named(names) => {
                let mut chosen = Vec::new();
                for name in names {
                    let found = candidates.iter().find(|id| id.name() == name || id.as_str() == name);
                    match found {
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
                            self.push(Diagnostic::error("UnknownOperation", format!("operation `{name}` is not in the service")).hint(hint));
                        }
                    }
                }
                chosen.sort();
                chosen
            }
        }
    }

    /// The protocol the generated wire functions speak. A service on a protocol the generator
    /// does not support is a diagnostic: its crate gets types and validators, and no client.
    pub(super) fn service_protocol(&mut self, service: Option<&ShapeId>, has_operations: bool) -> Option<ir::Protocol> {
        let id = service?;
        let shape = self.model.shape(id)?;
        if self.traits.get(id).rest_json1 {
            return Some(ir::Protocol::RestJson1);
        }
        let offered: Vec<&str> = shape.traits.keys().filter(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#")).map(String::as_str).collect();
        let offered: Vec<&str> = offered.into_iter().filter(|k| !matches!(*k, "aws.protocols#awsQueryCompatible")).collect();
        if has_operations {
            let message = if offered.is_empty() {
                "the service names no protocol: operations get types and validators but no wire functions".to_string()
            } else {
                format!("protocol {} is not supported yet: operations get types and validators but no wire functions or client", offered.join(", "))
            };
            let severity = if self.settings().client { Diagnostic::error } else { Diagnostic::warning };
            self.push(
                severity("UnsupportedProtocol", message)
                    .shape(id.as_str())
                    .file(shape.source.clone())
                    .hint("supported: aws.protocols#restJson1; generate without \"client\" to get the types"),
            );
        }
        None
    }

    /// Every shape the operations reach (inputs, outputs, errors and what their members target).
    pub(super) fn reached(&self, operations: &[ShapeId]) -> BTreeSet<ShapeId> {
        let mut roots = Vec::new();
        for op in operations {
            let r = &self.model.shapes[op].relations;
            roots.extend(r.input.iter().chain(&r.output).cloned());
            roots.extend(self.operation_errors(op));
        }
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<ShapeId> = roots.into();
        while let Some(id) = queue.pop_front() {
            if id.as_str() == crate::model::prelude_unit() || !seen.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.model.shape(&id) {
                queue.extend(shape.members.iter().map(|m| m.target.clone()));
            }
        }
        seen
    }

    /// Every shape a response of the operations can carry: their outputs and errors and what
    /// those reach, stopping at event streams (they are not decoded); without a protocol, the errors alone.
    pub(super) fn read_closure(&self, operations: &[ShapeId]) -> std::collections::HashSet<ShapeId> {
        let mut seen = std::collections::HashSet::new();
        let mut queue: VecDeque<ShapeId> = VecDeque::new();
        for op in operations {
            // Every operation's error enum decodes its errors (event streams' and those of
            // services without a wire included: the enum is the same everywhere).
            queue.extend(self.operation_errors(op));
            if self.protocol.is_some() && !self.is_event_stream(op) {
                queue.extend(self.model.shapes[op].relations.output.iter().cloned());
            }
        }
        while let Some(id) = queue.pop_front() {
            let Some(shape) = self.model.shape(&id) else { continue };
            if shape.shape_type == ShapeType::Union && self.traits.get(&id).streaming {
                continue;
            }
            if seen.insert(id) {
                queue.extend(shape.members.iter().map(|m| m.target.clone()));
            }
        }
        seen
    }

    /// The name a shape goes by: the service's `rename` entry for it, else its own.
    pub(super) fn renamed<'s>(&'s self, id: &'s ShapeId) -> &'s str {
        self.service
            .as_ref()
            .and_then(|service| self.model.shape(service))
            .and_then(|service| service.relations.properties.get("rename"))
            .and_then(|rename| rename.get(id.as_str()))
            .and_then(Value::as_str)
            .unwrap_or(id.name())
    }

    /// An operation's errors: its own, then the service's (every operation can return those).
    pub(super) fn operation_errors(&self, op: &ShapeId) -> Vec<ShapeId> {
        let mut errors = self.model.shapes[op].relations.errors.clone();
        if let Some(service) = self.service.as_ref().and_then(|id| self.model.shape(id)) {
            for error in &service.relations.errors {
                if !errors.contains(error) {
                    errors.push(error.clone());
                }
            }
        }
        errors
    }

    /// Whether an operation's input or output carries an event stream (a `@streaming` union).
    pub(super) fn is_event_stream(&self, op: &ShapeId) -> bool {
        let r = &self.model.shapes[op].relations;
        r.input.iter().chain(&r.output).filter_map(|id| self.model.shape(id)).flat_map(|s| &s.members).any(|m| {
            self.model.shape(&m.target).is_some_and(|t| t.shape_type == ShapeType::Union && self.traits.get(&t.id).streaming)
        })
    }

    /// The client's view of the service: it needs SigV4 and a supported protocol.
    pub(super) fn client_info(&mut self, service: Option<&ShapeId>, operations: &[ir::Operation]) -> Option<ir::ClientInfo> {
        let id = service?;
        let shape = self.model.shape(id)?;
        let traits = self.traits.get(id);
        self.protocol?;
        let Some(signing_name) = traits.sigv4_name.clone() else {
            self.push(
                Diagnostic::error("ClientUnsupported", "the client signs requests with SigV4, and the service has no `aws.auth#sigv4` trait")
                    .shape(id.as_str())
                    .file(shape.source.clone())
                    .hint("generate without \"client\" to get the types and the sans-IO wire functions"),
            );
            return None;
        };
        if operations.iter().all(|op| op.client.is_none()) && !operations.is_empty() {
            self.push(Diagnostic::error("ClientWithoutOperations", "none of the chosen operations can be called by the client").shape(id.as_str()));
        }
        let sdk_id = traits.sdk_id.clone().unwrap_or_else(|| id.name().to_string());
        let endpoint_env = format!("AWS_ENDPOINT_URL_{}", crate::naming::to_snake(&sdk_id).to_ascii_uppercase());
        Some(ir::ClientInfo { signing_name, endpoint_env })
    }
}
