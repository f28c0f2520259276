//! Operations: their input and output structures, error enums, `@http` request lines and what the
//! client offers for them.

use std::collections::BTreeSet;

use super::Lowerer;
use crate::diagnostics::Diagnostic;
use crate::docs;
use crate::ir::{Binding, Docs, ErrorEnum, ErrorVariant, Field, Http, Ident, Location, Operation, OperationClient, PathPart, Structure, TypeDef};
use crate::model::ShapeId;
use crate::naming::{self, Scope};
use crate::traits::HttpTrait;

impl Lowerer<'_> {
    pub(super) fn operation(&mut self, id: &ShapeId) -> Operation {
        let shape = &self.model.shapes[id];
        let module = naming::operation_module(id.name());
        let marker = naming::to_camel(id.name());
        let relations = shape.relations.clone();
        let event_stream = self.is_event_stream(id);
        let wire = self.protocol.is_some() && !event_stream;
        let io = |this: &mut Self, target: &Option<ShapeId>, ident: String, client_builder: bool, what: &str| {
            let name = Self::type_name(ident, Location::Operation(module.clone()));
            let mut structure = match target.as_ref().and_then(|t| this.model.shape(t)) {
                Some(s) if s.id.as_str() != crate::model::prelude_unit() => this.structure(s, name, client_builder),
                _ => Structure {
                    shape_id: crate::model::prelude_unit().to_string(),
                    builder: naming::builder_name(&name.ident),
                    decode: false,
                    name,
                    docs: Docs::default(),
                    fields: Vec::new(),
                    error: None,
                    sensitive: false,
                    deprecated: None,
                    client_builder,
                    xml_name: None,
                    xml_namespace: None,
                },
            };
            if structure.docs.text.is_none() {
                structure.docs.text = Some(format!("The {what} of [`{marker}`](super::{marker})."));
            }
            // Inputs are only written; outputs are read when the operation has wire functions.
            structure.decode = what == "output" && this.protocol.is_some() && wire;
            let type_id = this.reserve_type(structure.name.clone());
            (type_id, structure)
        };
        let fluent = self.settings().client && wire;
        let (input_id, mut input) = io(self, &relations.input, naming::operation_input(id.name()), fluent, "input");
        let sdk_id = self.service().and_then(|s| self.traits.get(s).sdk_id.clone());
        crate::customize::input_fields(sdk_id.as_deref(), &mut input);
        let mut customizations = crate::customize::operation(sdk_id.as_deref(), id.name(), &input);
        if self.traits.get(id).unwrapped_output {
            customizations.push(crate::ir::Customization::UnwrappedOutput);
        }
        let (output_id, output) = io(self, &relations.output, naming::operation_output(id.name()), false, "output");
        if event_stream && self.protocol.is_some() {
            self.push(
                Diagnostic::warning("EventStreamUnsupported", "event streams are not supported yet: the operation gets its types but no wire functions or client method")
                    .shape(id.as_str())
                    .file(shape.source.clone()),
            );
        }
        let http = match (&self.traits.get(id).http, wire && self.protocol.is_some_and(crate::ir::Protocol::http_bindings)) {
            (Some(http), true) => match parse_http(http, &input.fields) {
                Ok(http) => Some(http),
                Err(d) => {
                    self.push(d.shape(id.as_str()).file(shape.source.clone()));
                    None
                }
            },
            _ => None,
        };
        let host_prefix = match (&self.traits.get(id).host_prefix, wire) {
            (Some(prefix), true) => parse_host_prefix(prefix, &input.fields).unwrap_or_else(|d| {
                self.push(d.shape(id.as_str()).file(shape.source.clone()));
                Vec::new()
            }),
            _ => Vec::new(),
        };
        self.types[input_id] = Some(TypeDef::Structure(input));
        self.types[output_id] = Some(TypeDef::Structure(output));
        let error = self.error_enum(id);
        let mut docs = self.shape_docs(id);
        if let Some(deprecated) = &self.traits.get(id).deprecated {
            docs.notes.push(format!("**Deprecated:** {}", docs::to_rustdoc(deprecated)));
        }
        let client = fluent
            .then(|| OperationClient { method: naming::client_method(id.name()), fluent: format!("{marker}FluentBuilder") });
        let paginator = if fluent { self.paginator(id, input_id, output_id) } else { None };
        Operation {
            shape_id: id.to_string(),
            name: id.name().to_string(),
            module,
            marker,
            docs,
            input: input_id,
            output: output_id,
            error,
            http,
            wire,
            gzip: self.traits.get(id).gzip,
            anonymous: self.anonymous(id),
            host_prefix,
            customizations: if wire { customizations } else { Vec::new() },
            // Filled in once the rule set is lowered (`Lowerer::endpoint_bindings`).
            endpoint_params: Vec::new(),
            client,
            paginator,
        }
    }

    /// Whether the operation's effective `@auth` (its own, else its service's) is empty. Smithy
    /// 1.0's `@optionalAuth` beside it changes nothing: no credentials are needed, so none are sent.
    fn anonymous(&self, id: &ShapeId) -> bool {
        let service = self.service().and_then(|service| self.traits.get(service).auth.as_ref());
        self.traits.get(id).auth.as_ref().or(service).is_some_and(Vec::is_empty)
    }

    fn error_enum(&mut self, id: &ShapeId) -> ErrorEnum {
        let shape = &self.model.shapes[id];
        let mut scope = Scope::new("errors", id.as_str(), Some(shape.source.clone()));
        scope.claim(naming::UNHANDLED_VARIANT, "(unhandled errors)");
        let is_unhandled = Ident::plain(format!("is_{}", naming::to_snake(naming::UNHANDLED_VARIANT)));
        scope.claim(&is_unhandled.name, "(unhandled errors)");
        let mut variants = Vec::new();
        for error in self.operation_errors(id).iter().collect::<BTreeSet<_>>() {
            let Some(&type_id) = self.names.get(error) else { continue };
            let name = &self.type_names[type_id].ident;
            let ident = if name == naming::UNHANDLED_VARIANT { format!("{name}Value") } else { name.clone() };
            let is_fn = Ident::plain(format!("is_{}", naming::to_snake(&ident)));
            scope.claim(&ident, error.as_str());
            scope.claim(&is_fn.name, error.as_str());
            let summary = self.traits.get(error).documentation.as_deref().map(docs::summary);
            variants.push(ErrorVariant { ident, is_fn, error: type_id, docs: Docs { text: summary, notes: Vec::new() } });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        let service = self
            .service()
            .map(|service| self.traits.get(service).sdk_id.clone().unwrap_or_else(|| service.name().to_string()).replace(' ', ""));
        let operation = match service {
            Some(service) => format!("{service}.{}", id.name()),
            None => id.name().to_string(),
        };
        ErrorEnum {
            ident: naming::operation_error(id.name()),
            operation,
            docs: Docs { text: Some(format!("Errors the `{}` operation can return.", id.name())), notes: Vec::new() },
            variants,
            unhandled: naming::UNHANDLED_VARIANT.to_string(),
            is_unhandled,
        }
    }
}

/// `@http` of an operation against its input's fields.
fn parse_http(http: &HttpTrait, input: &[Field]) -> Result<Http, Diagnostic> {
    let wrong = |what: &str| Diagnostic::error("InvalidTraitValue", format!("`{}` {what}", crate::traits::HTTP));
    let uri = &http.uri;
    let (path_text, query_text) = uri.split_once('?').unwrap_or((uri, ""));
    let mut path = Vec::new();
    let mut literal = String::new();
    for segment in path_text.split('/').skip(1) {
        literal.push('/');
        if let Some(label) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            let field = input.iter().position(|f| f.member == name && f.schema.binding == Binding::Label).ok_or_else(|| {
                wrong(&format!("uri `{uri}` has label `{{{label}}}` but the input has no `@httpLabel` member `{name}`"))
                    .hint("add the member with @httpLabel and @required to the operation input")
            })?;
            if !literal.is_empty() {
                path.push(PathPart::Literal(std::mem::take(&mut literal)));
            }
            path.push(PathPart::Label { field, greedy });
        } else if segment.contains('{') || segment.contains('}') {
            return Err(wrong(&format!("uri `{uri}` has a label that is not a whole path segment")));
        } else {
            literal.push_str(segment);
        }
    }
    if !literal.is_empty() {
        path.push(PathPart::Literal(literal));
    }
    for (i, field) in input.iter().enumerate() {
        if field.schema.binding == Binding::Label && !path.iter().any(|p| matches!(p, PathPart::Label { field, .. } if *field == i)) {
            return Err(wrong(&format!("uri `{uri}` has no label for the `@httpLabel` member `{}`", field.member)));
        }
    }
    let query = query_text
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (q.to_string(), None),
        })
        .collect();
    Ok(Http { method: http.method.clone(), path, query, code: http.code })
}

/// `@endpoint(hostPrefix: "foo.{label}.")` against the input's `@hostLabel` fields.
fn parse_host_prefix(prefix: &str, input: &[Field]) -> Result<Vec<PathPart>, Diagnostic> {
    let wrong = |message: String| {
        Diagnostic::error("InvalidHostPrefix", message).hint("a hostPrefix is literal host text with `{member}` labels naming @hostLabel input members")
    };
    let mut parts = Vec::new();
    let mut rest = prefix;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let close = rest[open..].find('}').map(|c| open + c).ok_or_else(|| wrong(format!("hostPrefix `{prefix}` has an unclosed label")))?;
        let name = &rest[open + 1..close];
        let field = input
            .iter()
            .position(|f| f.member == name && f.schema.host_label)
            .ok_or_else(|| wrong(format!("hostPrefix `{prefix}` has label `{{{name}}}` but the input has no `@hostLabel` member `{name}`")))?;
        parts.push(PathPart::Label { field, greedy: false });
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(wrong(format!("hostPrefix `{prefix}` has a `}}` without a `{{`")));
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    Ok(parts)
}
