//! Smithy protocol compliance cases (`smithy.test#httpRequestTests`, `httpResponseTests`,
//! `httpMalformedRequestTests`) as typed test cases of the generated crate.

use std::collections::BTreeMap;

use super::values::Keys;
use super::Lowerer;
use crate::ir::protocol_tests::{Body, BodyMedia, CannedResponse, ExpectedRequest, ProtocolTest, TestKind};
use crate::ir::{self, Binding, Ident, Type, TypeDef};
use crate::model::ShapeId;
use crate::naming;
use crate::node::Node;

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";
const MALFORMED_TESTS: &str = "smithy.test#httpMalformedRequestTests";

/// What a case asks of the test before its values are built.
enum Case {
    Request(Node),
    Response(Node),
    Error { variant: usize, error: usize, case: Node },
    Malformed(Node),
}

fn strings(case: &Node, key: &str) -> Vec<String> {
    case.get(key).and_then(Node::as_array).into_iter().flatten().filter_map(Node::as_str).map(str::to_string).collect()
}

fn pairs(case: &Node, key: &str) -> Vec<(String, String)> {
    case.get(key)
        .and_then(Node::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect()
}

fn text<'n>(case: &'n Node, key: &str) -> Option<&'n str> {
    case.get(key).and_then(Node::as_str)
}

fn canned(case: &Node) -> CannedResponse {
    CannedResponse {
        code: case.get("code").and_then(Node::as_number).and_then(|n| n.parse().ok()).unwrap_or(200),
        headers: pairs(case, "headers"),
        body: text(case, "body").unwrap_or_default().to_string(),
    }
}

fn body(case: &Node) -> Option<Body> {
    let text = text(case, "body")?;
    let media = self::text(case, "bodyMediaType").unwrap_or_default();
    let media = if media.contains("json") {
        BodyMedia::Json
    } else if media.contains("xml") {
        BodyMedia::Xml
    } else if media == "application/x-www-form-urlencoded" {
        BodyMedia::Form
    } else {
        BodyMedia::Literal
    };
    Some(Body { text: text.to_string(), media })
}

/// A malformed-request case once per `testParameters` set: `$name:S` becomes the JSON string of
/// the value, `$name:L` the value as is, and `$$` a single `$`. The flag says whether there were
/// parameters at all.
fn expand_test_parameters(case: &Node) -> Vec<(Node, bool)> {
    let Some(params) = case.get("testParameters").and_then(Node::as_object) else {
        return vec![(undouble_dollars(case), false)];
    };
    let count = params.iter().filter_map(|(_, v)| v.as_array()).map(<[Node]>::len).max().unwrap_or(0);
    (0..count)
        .map(|i| {
            let substitute = |text: &str| -> String {
                let mut out = text.to_string();
                for (name, values) in params {
                    let value = values.as_array().and_then(|v| v.get(i)).and_then(Node::as_str).unwrap_or_default();
                    out = out.replace(&format!("${name}:S"), &serde_json::Value::String(value.to_string()).to_string());
                    out = out.replace(&format!("${name}:L"), value);
                }
                out.replace("$$", "$")
            };
            (map_strings(case, &substitute), true)
        })
        .collect()
}

/// Cases without parameters are not substituted upstream, so a literal `$` stays doubled there
/// (Smithy issue 1506, e.g. `^([0-9]+)+$$`); the intended text has a single `$`.
fn undouble_dollars(case: &Node) -> Node {
    map_strings(case, &|text: &str| text.replace("$$", "$"))
}

fn map_strings(node: &Node, f: &dyn Fn(&str) -> String) -> Node {
    match node {
        Node::String(s) => Node::String(f(s)),
        Node::Array(items) => Node::Array(items.iter().map(|v| map_strings(v, f)).collect()),
        Node::Object(entries) => Node::Object(entries.iter().map(|(k, v)| (k.clone(), map_strings(v, f))).collect()),
        other => other.clone(),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            if let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn kind_label(case: &Case) -> &'static str {
    match case {
        Case::Request(_) => "request",
        Case::Response(_) => "response",
        Case::Error { .. } => "error",
        Case::Malformed(_) => "malformed",
    }
}

impl Lowerer<'_> {
    /// A skip-list entry names a case id, or a malformed case's base id for all its parameter sets.
    fn skip_reason(&self, id: &str) -> Option<String> {
        let skips = &self.settings().protocol_test_skips;
        let base = id.rsplit_once("_case").map_or(id, |(base, _)| base);
        skips.get(id).or_else(|| skips.get(base)).cloned()
    }

    fn cases(&self, shape: &ShapeId, key: &str) -> Vec<Node> {
        let raw = self.model.shape(shape).and_then(|s| s.traits.get(key));
        let node = raw.map(Node::from_json);
        let applies_to_client = |case: &Node| text(case, "appliesTo") != Some("server");
        node.and_then(|n| n.as_array().map(<[Node]>::to_vec)).unwrap_or_default().into_iter().filter(applies_to_client).collect()
    }

    /// The compliance cases attached to the operations and their errors, for the client side.
    pub(super) fn protocol_tests(&mut self, operations: &[ShapeId], lowered: &[ir::Operation]) -> Vec<ProtocolTest> {
        let wants = |kind: &str| self.settings().protocol_tests.iter().any(|k| k == kind);
        let mut found: Vec<(String, usize, Case)> = Vec::new();
        let mut error_owner: BTreeMap<ShapeId, usize> = BTreeMap::new();
        for (index, op) in operations.iter().enumerate() {
            if wants("requests") {
                for case in self.cases(op, REQUEST_TESTS) {
                    found.push((text(&case, "id").unwrap_or_default().to_string(), index, Case::Request(case)));
                }
            }
            if wants("responses") {
                for case in self.cases(op, RESPONSE_TESTS) {
                    found.push((text(&case, "id").unwrap_or_default().to_string(), index, Case::Response(case)));
                }
            }
            if wants("malformed_requests") {
                for case in self.cases(op, MALFORMED_TESTS) {
                    let base = text(&case, "id").unwrap_or_default().to_string();
                    for (n, (expanded, numbered)) in expand_test_parameters(&case).into_iter().enumerate() {
                        let id = if numbered { format!("{base}_case{n}") } else { base.clone() };
                        found.push((id, index, Case::Malformed(expanded)));
                    }
                }
            }
            for error in self.operation_errors(op) {
                error_owner.entry(error).or_insert(index);
            }
        }
        // Error cases live on the error shape; run each through the first operation that can return it.
        if wants("responses") {
            for (error, index) in error_owner {
                let Some(&type_id) = self.names.get(&error) else { continue };
                let Some(variant) = lowered[index].error.variants.iter().position(|v| v.error == type_id) else { continue };
                for case in self.cases(&error, RESPONSE_TESTS) {
                    found.push((text(&case, "id").unwrap_or_default().to_string(), index, Case::Error { variant, error: type_id, case }));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found
            .into_iter()
            .map(|(id, index, case)| {
                let op = &lowered[index];
                let name = Ident::plain(naming::to_snake(&format!("{}_{id}", kind_label(&case))));
                let node = match &case {
                    Case::Request(n) | Case::Response(n) | Case::Malformed(n) | Case::Error { case: n, .. } => n,
                };
                let docs = text(node, "documentation").map(crate::docs::to_rustdoc).unwrap_or_default();
                let kind = self.test_kind(op, &case);
                ProtocolTest { skip: self.skip_reason(&id), id, name, docs, operation: index, kind }
            })
            .collect()
    }

    fn test_kind(&self, op: &ir::Operation, case: &Case) -> Result<TestKind, String> {
        let types = &self.types;
        let params = |case: &Node| case.get("params").and_then(Node::as_object).map(<[(String, Node)]>::to_vec).unwrap_or_default();
        match case {
            Case::Request(case) => {
                let input = self.structure_literal(types, op.input, &params(case), Keys::Members)?;
                let host = text(case, "host").unwrap_or("example.com");
                Ok(TestKind::Request {
                    input,
                    expect: ExpectedRequest {
                        endpoint: format!("https://{host}"),
                        host: text(case, "resolvedHost").map(str::to_string),
                        method: text(case, "method").unwrap_or_default().to_string(),
                        path: text(case, "uri").unwrap_or_default().to_string(),
                        query: strings(case, "queryParams"),
                        forbid_query: strings(case, "forbidQueryParams"),
                        require_query: strings(case, "requireQueryParams"),
                        headers: pairs(case, "headers"),
                        forbid_headers: strings(case, "forbidHeaders"),
                        require_headers: strings(case, "requireHeaders"),
                        body: body(case),
                    },
                })
            }
            Case::Response(case) => {
                let output = self.structure_literal(types, op.output, &params(case), Keys::Members)?;
                Ok(TestKind::Response { response: canned(case), output })
            }
            Case::Error { variant, error, case } => {
                let error = self.structure_literal(types, *error, &params(case), Keys::Members)?;
                let query_code = case
                    .get("vendorParamsShape")
                    .and_then(Node::as_str)
                    .filter(|shape| shape.ends_with("#ErrorCodeParams"))
                    .and_then(|_| case.get("vendorParams")?.get("code")?.as_str())
                    .map(str::to_string);
                Ok(TestKind::Error { response: canned(case), variant: *variant, error, query_code })
            }
            Case::Malformed(case) => {
                let entries = self.malformed_input(op, case)?;
                let input = self.structure_literal(types, op.input, &entries, Keys::Wire)?;
                let body = case.get("response").and_then(|r| r.get("body")).and_then(|b| b.get("assertion")).and_then(|a| text(a, "contents"));
                let body = body.ok_or("no expected body")?;
                let expected: serde_json::Value = serde_json::from_str(body).map_err(|e| format!("expected body is not JSON: {e}"))?;
                let expected = Node::from_json(&expected);
                let message = text(&expected, "message").ok_or("no expected message")?.to_string();
                let fields = expected
                    .get("fieldList")
                    .and_then(Node::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|f| Some((text(f, "path")?.to_string(), text(f, "message")?.to_string())))
                    .collect();
                Ok(TestKind::Malformed { input, message, fields })
            }
        }
    }

    /// Map the malformed request back to input members: the JSON body by `jsonName`, query
    /// parameters and headers through their bindings.
    fn malformed_input(&self, op: &ir::Operation, case: &Node) -> Result<Vec<(String, Node)>, String> {
        let Some(Some(TypeDef::Structure(input))) = self.types.get(op.input) else { return Err("no input structure".into()) };
        let request = case.get("request").ok_or("no request")?;
        let mut params: Vec<(String, Node)> = Vec::new();
        let wire_name = |f: &ir::Field| f.schema.json_name.clone().unwrap_or_else(|| f.member.clone());
        if let Some(body) = text(request, "body").filter(|b| !b.trim().is_empty()) {
            let parsed: serde_json::Value = serde_json::from_str(body).map_err(|e| format!("request body is not JSON: {e}"))?;
            let parsed = Node::from_json(&parsed);
            let object = parsed.as_object().ok_or("request body is not an object")?;
            for (key, value) in object {
                // Unknown body members are ignored, as a server would.
                if input.fields.iter().any(|f| f.schema.binding == Binding::Body && &wire_name(f) == key) {
                    params.push((key.clone(), value.clone()));
                }
            }
        }
        for item in strings(request, "queryParams") {
            let (name, value) = item.split_once('=').unwrap_or((&item, ""));
            let field = input.fields.iter().find(|f| f.schema.binding == Binding::Query(name.to_string()));
            let field = field.ok_or_else(|| format!("no query member `{name}`"))?;
            let value = Node::String(percent_decode(value));
            let key = wire_name(field);
            match &field.ty {
                Type::List { .. } => match params.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, Node::Array(items))) => items.push(value),
                    _ => params.push((key, Node::Array(vec![value]))),
                },
                _ => params.push((key, value)),
            }
        }
        for (name, value) in pairs(request, "headers") {
            let field = input.fields.iter().find(|f| matches!(&f.schema.binding, Binding::Header(h) if h.eq_ignore_ascii_case(&name)));
            if let Some(field) = field {
                params.push((wire_name(field), Node::String(value)));
            }
        }
        Ok(params)
    }
}
