//! The service-level facts of what [`crate::select`] chose: protocol, renames, client settings,
//! and which shapes a response can carry.

use std::collections::VecDeque;

use serde_json::Value;

use super::Lowerer;
use crate::diagnostics::Diagnostic;
use crate::ir;
use crate::model::{ShapeId, ShapeType};

impl Lowerer<'_> {
    /// The protocol the generated wire functions speak: the first of the service's protocol
    /// traits in [`SUPPORTED_PROTOCOLS`](crate::traits::SUPPORTED_PROTOCOLS) order. A service on
    /// no protocol the generator supports is a diagnostic: its crate gets types and validators,
    /// and no client.
    pub(super) fn service_wire(&mut self, service: Option<&ShapeId>, has_operations: bool) -> Option<ir::Wire> {
        let id = service?;
        let shape = self.model.shape(id)?;
        let traits = self.traits.get(id);
        if let Some(&protocol) = traits.protocols.first() {
            let version: String = shape.relations.properties.get("version").and_then(Value::as_str).unwrap_or_default().to_string();
            return Some(ir::Wire {
                protocol,
                service: id.name().to_string(),
                version: version.clone(),
                xml_namespace: traits.xml_namespace.as_ref().map(|ns| (ns.uri.clone(), ns.prefix.clone())),
                query_compatible: traits.aws_query_compatible,
                no_error_wrapping: traits.no_error_wrapping,
                headers: crate::customize::service_headers(traits.sdk_id.as_deref(), &version),
            });
        }
        let offered: Vec<&str> = shape.traits.keys().filter(|k| k.starts_with("aws.protocols#") || k.starts_with("smithy.protocols#")).map(String::as_str).collect();
        let mut offered: Vec<&str> = offered.into_iter().filter(|k| *k != crate::traits::AWS_QUERY_COMPATIBLE).collect();
        offered.sort_unstable();
        if has_operations {
            let message = if offered.is_empty() {
                "the service names no protocol: operations get types and validators but no wire functions".to_string()
            } else {
                format!("protocol {} is not supported yet: operations get types and validators but no wire functions or client", offered.join(", "))
            };
            let severity = if self.settings().client { Diagnostic::error } else { Diagnostic::warning };
            let supported: Vec<&str> = crate::traits::SUPPORTED_PROTOCOLS.iter().map(|(id, _)| *id).collect();
            self.push(
                severity("UnsupportedProtocol", message)
                    .shape(id.as_str())
                    .file(shape.source.clone())
                    .hint(format!("supported: {}; generate without \"client\" to get the types", supported.join(", "))),
            );
        }
        None
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
        self.service()
            .and_then(|service| self.model.shape(service))
            .and_then(|service| service.relations.properties.get("rename"))
            .and_then(|rename| rename.get(id.as_str()))
            .and_then(Value::as_str)
            .unwrap_or(id.name())
    }

    /// An operation's errors: its own, then the service's (every operation can return those).
    pub(super) fn operation_errors(&self, op: &ShapeId) -> Vec<ShapeId> {
        crate::select::operation_errors(self.model, self.service(), op)
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

#[cfg(test)]
mod tests {
    use crate::config::Selection;
    use crate::ir::Protocol;

    fn service_with(protocols: &[&str], client: bool) -> Result<Option<Protocol>, String> {
        let traits: Vec<String> = protocols.iter().map(|p| format!(r#""{p}": {{}}"#)).collect();
        let model = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#Service": {{"type": "service", "version": "2010-08-01", "operations": [{{"target": "ex#Get"}}],
                    "traits": {{"aws.auth#sigv4": {{"name": "ex"}}, {}}}}},
                "ex#Get": {{"type": "operation", "input": {{"target": "smithy.api#Unit"}}, "output": {{"target": "smithy.api#Unit"}}}}
            }}}}"#,
            traits.join(", ")
        );
        let mut request = crate::Request::from_model("m.json", &model, Selection::All);
        request.settings.client = client;
        crate::lower_request(&request).map(|(krate, _)| krate.wire.map(|w| w.protocol)).map_err(|d| d.to_string())
    }

    #[test]
    fn a_service_with_several_protocols_speaks_the_first_supported_in_the_documented_order() {
        // CloudWatch's traits, in its model's order.
        let cloudwatch = ["aws.protocols#awsJson1_0", "aws.protocols#awsQuery", "aws.protocols#awsQueryCompatible", "smithy.protocols#rpcv2Cbor"];
        assert_eq!(service_with(&cloudwatch, true), Ok(Some(Protocol::AwsJson1_0)));
        assert_eq!(service_with(&["aws.protocols#awsQuery", "aws.protocols#restXml"], true), Ok(Some(Protocol::RestXml)));
        assert_eq!(service_with(&["aws.protocols#ec2Query"], true), Ok(Some(Protocol::Ec2Query)));
    }

    #[test]
    fn an_unsupported_protocol_is_named_never_an_empty_client() {
        let error = service_with(&["smithy.protocols#rpcv2Cbor"], true).expect_err("no client without a wire");
        assert!(error.contains("UnsupportedProtocol") && error.contains("smithy.protocols#rpcv2Cbor"), "{error}");
        // Without the client it is a warning, and the crate has types but no wire.
        assert_eq!(service_with(&["smithy.protocols#rpcv2Cbor"], false), Ok(None));
    }
}
