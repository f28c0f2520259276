//! The model (checked) -> the Rust-shaped IR. All decisions about what to generate happen here:
//! which shapes the operations reach, their Rust names (through `naming`), boxing for recursion,
//! the constraints each value carries, and the notes the docs will show.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::Value;

use crate::bindings;
use crate::config::Suppression;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::docs;
use crate::ir::{
    Check, Codec, Crate, Docs, Enum, EnumVariant, ErrorEnum, ErrorInfo, ErrorVariant, Fault, Field, Location, NamedKind, Operation,
    Pattern, PatternRef, Structure, Type, TypeDef, TypeName, Union, UnionVariant,
};
use crate::model::{Model, Shape, ShapeId, ShapeType, Traits};
use crate::naming::{self, Scope};
use crate::overlay::OverlayNotes;
use crate::pattern::{self, PatternWarning};
use crate::traits;

/// Which operations to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// By name (`UpdateContactAttributes`) or absolute shape id.
    Named(Vec<String>),
    /// Every operation of the service.
    All,
}

/// Pattern analyses by source text (the model check has already reported the invalid ones).
type PatternCache = BTreeMap<String, Result<pattern::Analysis, pattern::PatternError>>;

/// How a pattern is analysed the first time a generated shape uses it: [`pattern::analyze`], or
/// an equivalent that compiles the translations elsewhere (see `codegen::lower_request`).
pub type Analyzer<'a> = &'a dyn Fn(&str) -> Result<pattern::Analysis, pattern::PatternError>;

/// Everything lowering needs besides the model.
pub struct LowerRequest<'a> {
    pub model: &'a Model,
    pub analyze: Analyzer<'a>,
    pub service: Option<&'a str>,
    pub selection: &'a Selection,
    pub package: &'a str,
    pub version: &'a str,
    pub description: Option<&'a str>,
    pub suppressions: &'a [Suppression],
    pub overlay_notes: &'a OverlayNotes,
    /// Generate the callable client.
    pub client: bool,
    /// Which compliance cases to collect into the IR (`requests`, `responses`, `malformed_requests`).
    pub protocol_tests: &'a [String],
    /// Cases that do not run, by id, with the reason.
    pub protocol_test_skips: &'a BTreeMap<String, String>,
}

pub fn lower(request: &LowerRequest<'_>) -> (Option<Crate>, Diagnostics) {
    let mut lowerer = Lowerer {
        request,
        model: request.model,
        diagnostics: Diagnostics::default(),
        names: BTreeMap::new(),
        patterns: BTreeMap::new(),
        analyses: PatternCache::new(),
        pattern_statics: BTreeSet::new(),
        direct_reach: BTreeMap::new(),
        service_id: None,
        protocol: None,
        written: BTreeSet::new(),
        read: BTreeSet::new(),
    };
    let krate = lowerer.run();
    let mut diagnostics = lowerer.diagnostics;
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    diagnostics.0.sort_by(|a, b| (a.severity, &a.shape, &a.code).cmp(&(b.severity, &b.shape, &b.code)));
    diagnostics.0.dedup();
    (krate, diagnostics)
}

struct Lowerer<'a> {
    request: &'a LowerRequest<'a>,
    model: &'a Model,
    diagnostics: Diagnostics,
    /// Named types by shape id.
    names: BTreeMap<ShapeId, TypeName>,
    /// Patterns by source text.
    patterns: BTreeMap<String, Pattern>,
    /// Analyses by source text, made on first use: only the patterns of generated shapes.
    analyses: PatternCache,
    pattern_statics: BTreeSet<String>,
    /// Memo: structure/union -> shapes reachable through direct (unboxed) members.
    direct_reach: BTreeMap<ShapeId, BTreeSet<ShapeId>>,
    service_id: Option<ShapeId>,
    protocol: Option<crate::ir::Protocol>,
    /// Shapes reached from operation inputs (need JSON writers) and from outputs/errors (readers).
    written: BTreeSet<ShapeId>,
    read: BTreeSet<ShapeId>,
}

impl<'a> Lowerer<'a> {
    fn run(&mut self) -> Option<Crate> {
        let service = self.service()?;
        self.service_id = service.clone();
        let operations = self.operations(service.as_ref());
        if self.diagnostics.has_errors() {
            return None;
        }
        self.protocol = service
            .as_ref()
            .and_then(|id| self.model.shape(id))
            .filter(|s| s.has_trait(bindings::REST_JSON1))
            .map(|_| crate::ir::Protocol::RestJson1);
        let reached = self.reached(&operations);
        // Event-stream operations get no HTTP functions, so nothing needs codecs for them.
        let http_operations: Vec<&ShapeId> = operations.iter().filter(|op| !self.is_event_stream(op)).collect();
        let inputs: Vec<ShapeId> = http_operations.iter().filter_map(|op| self.model.shapes[*op].relations.input.clone()).collect();
        let outputs: Vec<ShapeId> = http_operations
            .iter()
            .flat_map(|op| {
                let mut roots: Vec<ShapeId> = self.model.shapes[*op].relations.output.iter().cloned().collect();
                roots.extend(self.operation_errors(op));
                roots
            })
            .collect();
        self.written = self.closure(&inputs);
        self.read = self.closure(&outputs);
        let member_targets = self.member_targets(&reached);
        self.assign_names(&operations, &reached, &member_targets);
        if self.diagnostics.has_errors() {
            return None;
        }
        let mut types = Vec::new();
        for id in &reached {
            let Some(name) = self.names.get(id).cloned() else { continue };
            let shape = &self.model.shapes[id];
            types.push(match shape.shape_type {
                ShapeType::Structure => TypeDef::Structure(self.structure(shape, name)),
                ShapeType::Union => TypeDef::Union(self.union(shape, name)),
                _ => TypeDef::Enum(self.enumeration(shape, name)),
            });
        }
        types.sort_by(|a, b| (&a.name().location, &a.name().module).cmp(&(&b.name().location, &b.name().module)));
        let protocol_tests = self.protocol_tests(&operations);
        let operations: Vec<Operation> = operations.iter().map(|op| self.operation(op)).collect();
        let service_shape = service.as_ref().and_then(|id| self.model.shape(id));
        let mut crate_docs = Docs::default();
        if let Some(shape) = service_shape {
            crate_docs.text = traits::documentation(&shape.traits).map(docs::to_rustdoc);
        }
        let mut patterns: Vec<Pattern> = self.patterns.values().cloned().collect();
        patterns.sort_by(|a, b| a.static_name.cmp(&b.static_name));
        let title = service_shape
            .and_then(|s| traits::string(&s.traits, traits::TITLE).ok().flatten())
            .map(str::to_string)
            .or_else(|| service.as_ref().map(|s| s.name().to_string()))
            .unwrap_or_else(|| "the service".to_string());
        Some(Crate {
            package: self.request.package.to_string(),
            lib_name: self.request.package.replace('-', "_"),
            version: self.request.version.to_string(),
            description: self
                .request
                .description
                .map(str::to_string)
                .unwrap_or_else(|| format!("A validated Rust client for {title}, generated from its Smithy model.")),
            docs: crate_docs,
            service_id: service.map(|s| s.to_string()),
            operations,
            types,
            patterns,
            protocol: self.protocol,
            protocol_tests,
            client: if self.request.client { service_shape.and_then(client_info) } else { None },
            endpoint_rules: service_shape.and_then(|s| s.traits.get("smithy.rules#endpointRuleSet")).cloned(),
            endpoint_tests: service_shape.and_then(|s| s.traits.get("smithy.rules#endpointTests")).cloned(),
        })
    }

    fn service(&mut self) -> Option<Option<ShapeId>> {
        match self.request.service {
            Some(text) => match ShapeId::parse(text).filter(|id| self.model.shape(id).is_some_and(|s| s.shape_type == ShapeType::Service)) {
                Some(id) => Some(Some(id)),
                None => {
                    let services: Vec<String> = self.model.services().map(|s| s.id.to_string()).collect();
                    self.diagnostics.push(
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
                    self.diagnostics.push(
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

    fn operations(&mut self, service: Option<&ShapeId>) -> Vec<ShapeId> {
        let candidates: Vec<ShapeId> = match service {
            Some(service) => self.service_operations(service),
            None => self.model.shapes.values().filter(|s| s.shape_type == ShapeType::Operation).map(|s| s.id.clone()).collect(),
        };
        match self.request.selection {
            Selection::All => candidates,
            Selection::Named(names) => {
                let mut chosen = Vec::new();
                for name in names {
                    let found = candidates.iter().find(|id| id.name() == name || id.as_str() == name);
                    match found {
                        Some(id) if !chosen.contains(id) => chosen.push(id.clone()),
                        Some(_) => {}
                        None => {
                            let close: Vec<&str> = candidates
                                .iter()
                                .map(ShapeId::name)
                                .filter(|c| c.to_ascii_lowercase().contains(&name.to_ascii_lowercase()) || name.to_ascii_lowercase().contains(&c.to_ascii_lowercase()))
                                .take(5)
                                .collect();
                            let hint = if close.is_empty() {
                                format!("the service has {} operations; pass --all-operations to list them all", candidates.len())
                            } else {
                                format!("similar operations: {}", close.join(", "))
                            };
                            self.diagnostics.push(Diagnostic::error("UnknownOperation", format!("operation `{name}` is not in the service")).hint(hint));
                        }
                    }
                }
                chosen.sort();
                chosen
            }
        }
    }

    /// Every shape the operations reach (inputs, outputs, errors and what their members target).
    fn reached(&self, operations: &[ShapeId]) -> BTreeSet<ShapeId> {
        let mut roots = Vec::new();
        for op in operations {
            let r = &self.model.shapes[op].relations;
            roots.extend(r.input.iter().chain(&r.output).cloned());
            roots.extend(self.operation_errors(op));
        }
        self.walk(roots, |id| id.as_str() == crate::model::prelude_unit())
    }

    /// Every shape reachable from `roots` through member targets, leaving out (and not following)
    /// the shapes `skip` names.
    fn walk(&self, roots: Vec<ShapeId>, skip: impl Fn(&ShapeId) -> bool) -> BTreeSet<ShapeId> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<ShapeId> = roots.into();
        while let Some(id) = queue.pop_front() {
            if skip(&id) || !seen.insert(id.clone()) {
                continue;
            }
            if let Some(shape) = self.model.shape(&id) {
                queue.extend(shape.members.iter().map(|m| m.target.clone()));
            }
        }
        seen
    }

    /// The compliance cases attached to the operations and their errors, for the client side.
    fn protocol_tests(&mut self, operations: &[ShapeId]) -> Vec<crate::ir::ProtocolTest> {
        use crate::ir::{ProtocolTest, ProtocolTestKind};
        let wants = |kind: &str| self.request.protocol_tests.iter().any(|k| k == kind);
        let applies_to_client = |case: &Value| case.get("appliesTo").and_then(Value::as_str) != Some("server");
        let mut tests = Vec::new();
        let mut error_owner: BTreeMap<ShapeId, usize> = BTreeMap::new();
        for (index, op) in operations.iter().enumerate() {
            let shape = &self.model.shapes[op];
            for (key, kind, wanted) in [
                ("smithy.test#httpRequestTests", ProtocolTestKind::Request, wants("requests")),
                ("smithy.test#httpResponseTests", ProtocolTestKind::Response, wants("responses")),
            ] {
                if !wanted {
                    continue;
                }
                for case in shape.traits.get(key).and_then(Value::as_array).into_iter().flatten() {
                    if applies_to_client(case) {
                        let id = case.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
                        tests.push(ProtocolTest { skip: self.skip_reason(&id), id, kind: kind.clone(), operation: index, case: case.clone() });
                    }
                }
            }
            let malformed = if wants("malformed_requests") { shape.traits.get("smithy.test#httpMalformedRequestTests").and_then(Value::as_array) } else { None };
            for case in malformed.into_iter().flatten() {
                for (n, expanded) in expand_test_parameters(case).into_iter().enumerate() {
                    let id = case.get("id").and_then(Value::as_str).unwrap_or_default();
                    let id = if expanded.1 { format!("{id}_case{n}") } else { id.to_string() };
                    tests.push(ProtocolTest { skip: self.skip_reason(&id), id, kind: ProtocolTestKind::MalformedRequest, operation: index, case: expanded.0 });
                }
            }
            for error in self.operation_errors(op) {
                error_owner.entry(error).or_insert(index);
            }
        }
        // Error cases live on the error shape; run each through the first operation that can return it.
        for (error, index) in error_owner.into_iter().filter(|_| wants("responses")) {
            let Some(shape) = self.model.shape(&error) else { continue };
            let variant = naming::type_name(self.renamed(&error));
            for case in shape.traits.get("smithy.test#httpResponseTests").and_then(Value::as_array).into_iter().flatten() {
                if applies_to_client(case) {
                    let id = case.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
                    tests.push(ProtocolTest { skip: self.skip_reason(&id), id, kind: ProtocolTestKind::ErrorResponse { variant: variant.clone() }, operation: index, case: case.clone() });
                }
            }
        }
        tests.sort_by(|a, b| a.id.cmp(&b.id));
        tests
    }

    /// A skip-list entry names a case id, or a malformed case's base id for all its parameter sets.
    fn skip_reason(&self, id: &str) -> Option<String> {
        let base = id.rsplit_once("_case").map_or(id, |(base, _)| base);
        self.request.protocol_test_skips.get(id).or_else(|| self.request.protocol_test_skips.get(base)).cloned()
    }

    /// The name a shape goes by: the service's `rename` entry for it, else its own.
    fn renamed<'s>(&'s self, id: &'s ShapeId) -> &'s str {
        self.service_id
            .as_ref()
            .and_then(|service| self.model.shape(service))
            .and_then(|service| service.relations.properties.get("rename"))
            .and_then(|rename| rename.get(id.as_str()))
            .and_then(Value::as_str)
            .unwrap_or(id.name())
    }

    /// An operation's errors: its own, then the service's (every operation can return those).
    fn operation_errors(&self, op: &ShapeId) -> Vec<ShapeId> {
        let mut errors = self.model.shapes[op].relations.errors.clone();
        if let Some(service) = self.service_id.as_ref().and_then(|id| self.model.shape(id)) {
            for error in &service.relations.errors {
                if !errors.contains(error) {
                    errors.push(error.clone());
                }
            }
        }
        errors
    }

    /// Whether an operation's input or output carries an event stream (a `@streaming` union).
    fn is_event_stream(&self, op: &ShapeId) -> bool {
        let r = &self.model.shapes[op].relations;
        r.input.iter().chain(&r.output).filter_map(|id| self.model.shape(id)).flat_map(|s| &s.members).any(|m| {
            self.model.shape(&m.target).is_some_and(|t| t.shape_type == ShapeType::Union && t.has_trait(traits::STREAMING))
        })
    }

    /// Shapes whose JSON codecs the roots need. Event streams are not JSON documents (and not
    /// supported yet), so the walk stops at `@streaming` unions.
    fn closure(&self, roots: &[ShapeId]) -> BTreeSet<ShapeId> {
        self.walk(roots.to_vec(), |id| {
            self.model.shape(id).is_some_and(|t| t.shape_type == ShapeType::Union && t.has_trait(traits::STREAMING))
        })
    }

    fn codec(&self, id: &ShapeId) -> Codec {
        if self.protocol.is_none() {
            return Codec::default();
        }
        Codec { write: self.written.contains(id), read: self.read.contains(id) }
    }

    /// Shapes targeted by some member (an operation input used as a member must also be a type).
    fn member_targets(&self, reached: &BTreeSet<ShapeId>) -> BTreeSet<ShapeId> {
        reached.iter().flat_map(|id| self.model.shapes[id].members.iter().map(|m| m.target.clone())).collect()
    }

    fn is_named_type(shape: &Shape) -> bool {
        match shape.shape_type {
            ShapeType::Structure => !shape.has_trait(traits::MIXIN) && shape.id.as_str() != crate::model::prelude_unit(),
            ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => true,
            ShapeType::String => shape.has_trait(traits::ENUM_TRAIT),
            _ => false,
        }
    }

    fn assign_names(&mut self, operations: &[ShapeId], reached: &BTreeSet<ShapeId>, member_targets: &BTreeSet<ShapeId>) {
        let io: BTreeSet<ShapeId> = operations
            .iter()
            .flat_map(|op| {
                let r = &self.model.shapes[op].relations;
                r.input.iter().chain(&r.output).cloned().collect::<Vec<_>>()
            })
            .collect();
        let mut types_scope = Scope::new("shapes", "crate::types", None);
        let mut errors_scope = Scope::new("error shapes", "crate::types::error", None);
        for id in reached {
            let shape = &self.model.shapes[id];
            if !Self::is_named_type(shape) || (io.contains(id) && !member_targets.contains(id)) {
                continue;
            }
            let ident = naming::type_name(self.renamed(id));
            let is_error = shape.shape_type == ShapeType::Structure && shape.has_trait(traits::ERROR);
            let scope = if is_error { &mut errors_scope } else { &mut types_scope };
            scope.claim(&ident, id.as_str());
            let module = naming::type_module(&ident);
            scope.claim(&module, id.as_str());
            let location = if is_error { Location::Errors } else { Location::Types };
            self.names.insert(id.clone(), TypeName { builder: naming::builder_name(&ident), module, location, ident });
        }
        let mut ops_scope = Scope::new("operations", "crate::operation", None);
        for op in operations {
            ops_scope.claim(&naming::operation_module(op.name()), op.as_str());
        }
        for scope in [types_scope, errors_scope, ops_scope] {
            self.diagnostics.0.extend(scope.diagnostics);
        }
    }

    /// A member's docs; a simple target's docs stand in when the member has none (a named type's
    /// docs describe the type, and appear on it already).
    fn member_docs(&self, member_traits: &Traits, target: &Shape) -> Option<String> {
        let own = traits::documentation(member_traits);
        let inherited = || (!self.names.contains_key(&target.id)).then(|| traits::documentation(&target.traits)).flatten();
        own.or_else(inherited).map(docs::to_rustdoc)
    }

    fn shape_docs(traits_map: &Traits) -> Docs {
        Docs { text: traits::documentation(traits_map).map(docs::to_rustdoc), notes: Vec::new() }
    }

    fn operation(&mut self, id: &ShapeId) -> Operation {
        let shape = &self.model.shapes[id];
        let module = naming::operation_module(id.name());
        let relations = shape.relations.clone();
        let io_name = |ident: String| TypeName {
            builder: naming::builder_name(&ident),
            module: naming::type_module(&ident),
            location: Location::Operation(module.clone()),
            ident,
        };
        let empty = |shape_id: String, name: TypeName| Structure {
            codec: Codec::default(),
            shape_id,
            name,
            docs: Docs::default(),
            fields: Vec::new(),
            error: None,
            sensitive: false,
            deprecated: None,
        };
        let input_name = io_name(naming::operation_input(id.name()));
        let mut input = match relations.input.as_ref().and_then(|i| self.model.shape(i)) {
            Some(s) if s.id.as_str() != crate::model::prelude_unit() => self.structure(s, input_name),
            _ => empty(crate::model::prelude_unit().to_string(), input_name),
        };
        let marker = naming::to_camel(id.name());
        if input.docs.text.is_none() {
            input.docs.text = Some(format!("The input of [`{marker}`](super::{marker})."));
        }
        let output_name = io_name(naming::operation_output(id.name()));
        let mut output = match relations.output.as_ref().and_then(|o| self.model.shape(o)) {
            Some(s) if s.id.as_str() != crate::model::prelude_unit() => self.structure(s, output_name),
            _ => empty(crate::model::prelude_unit().to_string(), output_name),
        };
        if output.docs.text.is_none() {
            output.docs.text = Some(format!("The output of [`{marker}`](super::{marker})."));
        }
        let mut variants = Vec::new();
        let mut scope = Scope::new("errors", id.as_str(), Some(shape.source.clone()));
        scope.claim(naming::UNHANDLED_VARIANT, "(unhandled errors)");
        for error in self.operation_errors(id).iter().collect::<BTreeSet<_>>() {
            let Some(name) = self.names.get(error) else { continue };
            let error_shape = &self.model.shapes[error];
            scope.claim(&name.ident, error.as_str());
            variants.push(ErrorVariant {
                retryable: error_shape
                    .traits
                    .get(traits::RETRYABLE)
                    .map(|r| r.get("throttling").and_then(Value::as_bool).unwrap_or(false)),
                ident: name.ident.clone(),
                snake: naming::to_snake(&name.ident),
                path: name.path(),
                code: error.name().to_string(),
                docs: Docs {
                    text: traits::documentation(&error_shape.traits).map(docs::summary),
                    notes: Vec::new(),
                },
                message_getter: message_member(self.model, error_shape).map(|m| naming::field_name(m).ident),
            });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        let mut docs = Self::shape_docs(&shape.traits);
        if let Some(deprecated) = traits::deprecated(&shape.traits) {
            docs.notes.push(format!("**Deprecated:** {}", docs::to_rustdoc(&deprecated)));
        }
        let event_stream = [&input, &output].iter().flat_map(|s| &s.fields).any(|f| f.wire.streaming && matches!(f.ty, Type::Named { .. }));
        if event_stream && self.protocol.is_some() {
            self.diagnostics.push(
                Diagnostic::warning("EventStreamUnsupported", "event streams are not supported yet: the operation gets its types but no HTTP functions")
                    .shape(id.as_str())
                    .file(shape.source.clone()),
            );
        }
        let http = if self.protocol.is_some() && !event_stream {
            match bindings::http(&shape.traits, &input.fields) {
                Ok(http) => http,
                Err(d) => {
                    self.diagnostics.push(d.shape(id.as_str()).file(shape.source.clone()));
                    None
                }
            }
        } else {
            None
        };
        Operation {
            http,
            shape_id: id.to_string(),
            module,
            name: naming::to_camel(id.name()),
            docs,
            input,
            output,
            error: ErrorEnum {
                ident: naming::operation_error(id.name()),
                docs: Docs {
                    text: Some(format!("Errors the `{}` operation can return.", id.name())),
                    notes: Vec::new(),
                },
                variants,
            },
        }
    }

    fn structure(&mut self, shape: &Shape, name: TypeName) -> Structure {
        let mut scope = Scope::new("members", shape.id.as_str(), Some(shape.source.clone()));
        let mut fields = Vec::new();
        for member in &shape.members {
            let member_id = shape.id.with_member(&member.name);
            let Some(target) = self.model.shape(&member.target) else { continue };
            let field_name = naming::field_name(&member.name);
            scope.claim(&field_name.ident.name, &member.name);
            // Builders also get `set_x`/`get_x`; those must not collide with another member's `x`.
            scope.claim(&format!("set_{}", field_name.ident.name), &member.name);
            scope.claim(&format!("get_{}", field_name.ident.name), &member.name);
            let ty = self.value_type(&shape.id, target);
            let required = traits::has(&member.traits, traits::REQUIRED);
            let check = self.check(&member_id, &member.traits, target);
            let mut docs = Docs { text: self.member_docs(&member.traits, target), notes: Vec::new() };
            if let Some(note) = field_name.rename_note {
                docs.notes.push(note);
            }
            self.constraint_notes(&member_id, &member.traits, target, required, &mut docs);
            let deprecated = traits::deprecated(&member.traits);
            let wire = bindings::wire(self.model, &member.name, &member.traits, target);
            fields.push(Field {
                default: member.traits.get(traits::DEFAULT).filter(|d| !d.is_null()).cloned(),
                client_optional: traits::has(&member.traits, "smithy.api#clientOptional"),
                wire,
                member: member.name.clone(),
                ident: field_name.ident,
                docs,
                ty,
                required,
                sensitive: self.is_sensitive(&member.traits, target),
                check,
                deprecated,
            });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        let error = match traits::error_fault(&shape.traits).ok().flatten() {
            Some(fault) => Some(ErrorInfo {
                fault: if fault == "server" { Fault::Server } else { Fault::Client },
                http_status: traits::http_error(&shape.traits).ok().flatten(),
                code: shape.id.name().to_string(),
                message_field: message_member(self.model, shape).and_then(|m| fields.iter().position(|f| f.member == m)),
                retryable: shape.has_trait(traits::RETRYABLE),
            }),
            None => None,
        };
        let mut docs = Self::shape_docs(&shape.traits);
        self.overlay_notes(&shape.id, &mut docs);
        Structure {
            codec: self.codec(&shape.id),
            shape_id: shape.id.to_string(),
            name,
            docs,
            fields,
            error,
            sensitive: shape.has_trait(traits::SENSITIVE),
            deprecated: traits::deprecated(&shape.traits),
        }
    }

    fn union(&mut self, shape: &Shape, name: TypeName) -> Union {
        let member_names: Vec<&str> = shape.members.iter().map(|m| m.name.as_str()).collect();
        let idents = naming::variant_names(&member_names, naming::UNKNOWN_VARIANT);
        let mut scope = Scope::new("union members", shape.id.as_str(), Some(shape.source.clone()));
        let mut variants = Vec::new();
        for (member, ident) in shape.members.iter().zip(idents) {
            scope.claim(&ident, &member.name);
            let Some(target) = self.model.shape(&member.target) else { continue };
            let member_id = shape.id.with_member(&member.name);
            let ty = (member.target.as_str() != crate::model::prelude_unit()).then(|| self.value_type(&shape.id, target));
            let check = if ty.is_some() { self.check(&member_id, &member.traits, target) } else { Check::default() };
            let mut docs = Docs { text: self.member_docs(&member.traits, target), notes: Vec::new() };
            self.constraint_notes(&member_id, &member.traits, target, false, &mut docs);
            variants.push(UnionVariant {
                wire: bindings::wire(self.model, &member.name, &member.traits, target),
                member: member.name.clone(),
                snake: naming::to_snake(&ident),
                ident,
                docs,
                ty,
                check,
                sensitive: self.is_sensitive(&member.traits, target),
                deprecated: traits::deprecated(&member.traits),
            });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        Union {
            codec: self.codec(&shape.id),
            shape_id: shape.id.to_string(),
            name,
            docs: Self::shape_docs(&shape.traits),
            variants,
            unknown_variant: naming::UNKNOWN_VARIANT.to_string(),
            sensitive: shape.has_trait(traits::SENSITIVE),
        }
    }

    fn enumeration(&mut self, shape: &Shape, name: TypeName) -> Enum {
        let constants = enum_constants(shape);
        let member_names: Vec<&str> = constants.iter().map(|c| c.member_name.as_str()).collect();
        let idents = naming::variant_names(&member_names, naming::UNKNOWN_VARIANT);
        let mut scope = Scope::new("enum values", shape.id.as_str(), Some(shape.source.clone()));
        let mut variants = Vec::new();
        for (constant, ident) in constants.into_iter().zip(idents) {
            scope.claim(&ident, &constant.member_name);
            let value = match &constant.value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            variants.push(EnumVariant {
                ident,
                value,
                docs: Docs { text: constant.documentation.as_deref().map(docs::to_rustdoc), notes: Vec::new() },
                internal: constant.internal,
                deprecated: constant.deprecated.then(|| "deprecated".to_string()),
            });
        }
        self.diagnostics.0.extend(scope.diagnostics);
        Enum {
            shape_id: shape.id.to_string(),
            name,
            docs: Self::shape_docs(&shape.traits),
            variants,
            unknown_variant: naming::UNKNOWN_VARIANT.to_string(),
            int_enum: shape.shape_type == ShapeType::IntEnum,
            sensitive: shape.has_trait(traits::SENSITIVE),
        }
    }

    /// The Rust type of a value of shape `target`, reached from aggregate `owner`.
    fn value_type(&mut self, owner: &ShapeId, target: &Shape) -> Type {
        match target.shape_type {
            ShapeType::Blob => Type::Blob,
            ShapeType::Boolean => Type::Bool,
            ShapeType::Byte => Type::I8,
            ShapeType::Short => Type::I16,
            ShapeType::Integer => Type::I32,
            ShapeType::Long => Type::I64,
            ShapeType::Float => Type::F32,
            ShapeType::Double => Type::F64,
            ShapeType::BigInteger => Type::BigInteger,
            ShapeType::BigDecimal => Type::BigDecimal,
            ShapeType::Timestamp => Type::Timestamp,
            ShapeType::Document => Type::Document,
            ShapeType::String if !target.has_trait(traits::ENUM_TRAIT) => Type::String,
            ShapeType::List | ShapeType::Set => {
                let item = target.members.first().and_then(|m| self.model.shape(&m.target));
                match item {
                    // Collections give indirection, so items never need a Box.
                    Some(item) => Type::List(Box::new(self.value_type(&target.id, item))),
                    None => Type::List(Box::new(Type::Document)),
                }
            }
            ShapeType::Map => {
                let key = target.member("key").and_then(|m| self.model.shape(&m.target));
                let value = target.member("value").and_then(|m| self.model.shape(&m.target));
                match (key, value) {
                    (Some(key), Some(value)) => {
                        Type::Map(Box::new(self.value_type(&target.id, key)), Box::new(self.value_type(&target.id, value)))
                    }
                    _ => Type::Map(Box::new(Type::String), Box::new(Type::Document)),
                }
            }
            _ => {
                let path = self.names.get(&target.id).map(TypeName::path).unwrap_or_else(|| crate::ir::TypePath(vec!["crate".into()]));
                let kind = match target.shape_type {
                    ShapeType::Structure => NamedKind::Structure,
                    ShapeType::Union => NamedKind::Union,
                    ShapeType::IntEnum => NamedKind::IntEnum,
                    _ => NamedKind::Enum,
                };
                let direct = matches!(self.model.shapes.get(owner).map(|s| s.shape_type), Some(ShapeType::Structure | ShapeType::Union));
                let boxed = direct
                    && matches!(kind, NamedKind::Structure | NamedKind::Union)
                    && self.reaches_directly(&target.id, owner);
                Type::Named { path, kind, boxed }
            }
        }
    }

    /// Whether `from` reaches `to` through structure/union members alone (no list or map between),
    /// which is what makes a Rust type infinitely sized without a Box.
    fn reaches_directly(&mut self, from: &ShapeId, to: &ShapeId) -> bool {
        if !self.direct_reach.contains_key(from) {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from.clone()];
            while let Some(id) = stack.pop() {
                let Some(shape) = self.model.shape(&id) else { continue };
                if !matches!(shape.shape_type, ShapeType::Structure | ShapeType::Union) {
                    continue;
                }
                for member in &shape.members {
                    let is_aggregate = self.model.shape(&member.target).is_some_and(|t| matches!(t.shape_type, ShapeType::Structure | ShapeType::Union));
                    if is_aggregate && seen.insert(member.target.clone()) {
                        stack.push(member.target.clone());
                    }
                }
            }
            self.direct_reach.insert(from.clone(), seen);
        }
        self.direct_reach[from].contains(to)
    }

    fn is_sensitive(&self, member_traits: &Traits, target: &Shape) -> bool {
        traits::has(member_traits, traits::SENSITIVE) || self.contains_sensitive(target, &mut BTreeSet::new())
    }

    /// A value is redacted when its shape, or any list item / map entry shape inside it, is sensitive.
    fn contains_sensitive(&self, shape: &Shape, seen: &mut BTreeSet<ShapeId>) -> bool {
        if shape.has_trait(traits::SENSITIVE) {
            return true;
        }
        if !matches!(shape.shape_type, ShapeType::List | ShapeType::Set | ShapeType::Map) || !seen.insert(shape.id.clone()) {
            return false;
        }
        shape.members.iter().any(|m| {
            traits::has(&m.traits, traits::SENSITIVE) || self.model.shape(&m.target).is_some_and(|t| self.contains_sensitive(t, seen))
        })
    }

    fn suppressed(&self, owner: &ShapeId, target: &ShapeId, constraint: &str) -> Option<String> {
        self.request
            .suppressions
            .iter()
            .find(|s| s.constraint == constraint && (s.shape == owner.as_str() || s.shape == target.as_str()))
            .map(|s| s.reason.clone())
    }

    /// Constraint traits of a value: the target's, each replaced by the member's own where it has one.
    fn effective<'t>(member_traits: &'t Traits, target: &'t Shape) -> Traits {
        let mut effective = Traits::new();
        for key in [
            traits::LENGTH,
            traits::RANGE,
            traits::PATTERN,
            traits::UNIQUE_ITEMS,
            traits::KEY_PATTERN,
            traits::MAX_TOTAL_UTF8_BYTES,
        ] {
            if let Some(value) = member_traits.get(key).or_else(|| target.traits.get(key)) {
                effective.insert(key.to_string(), value.clone());
            }
        }
        effective
    }

    /// The checks for a value of `target` at a position described by `member_traits`.
    fn check(&mut self, position: &ShapeId, member_traits: &Traits, target: &Shape) -> Check {
        let effective = Self::effective(member_traits, target);
        let mut check = Check::default();
        let keep = |this: &Self, key: &str| this.suppressed(position, &target.id, key).is_none() && effective.contains_key(key);
        if keep(self, traits::LENGTH) {
            check.length = traits::length(&effective).ok().flatten();
        }
        if keep(self, traits::RANGE) {
            check.range = traits::range(&effective).ok().flatten();
        }
        if keep(self, traits::PATTERN) {
            let text = traits::string(&effective, traits::PATTERN).ok().flatten().map(str::to_string);
            check.pattern = text.and_then(|t| self.pattern(position, &target.id, &t));
        }
        if keep(self, traits::KEY_PATTERN) {
            let text = traits::string(&effective, traits::KEY_PATTERN).ok().flatten().map(str::to_string);
            check.key_pattern = text.and_then(|t| self.pattern(position, &target.id, &t));
        }
        check.unique_items = keep(self, traits::UNIQUE_ITEMS);
        if keep(self, traits::MAX_TOTAL_UTF8_BYTES) {
            check.max_total_utf8_bytes = traits::max_total_utf8_bytes(&effective).ok().flatten();
        }
        match target.shape_type {
            ShapeType::List | ShapeType::Set => {
                if let Some(member) = target.members.first() {
                    if let Some(item) = self.model.shape(&member.target) {
                        let items = self.check(&target.id.with_member(&member.name), &member.traits.clone(), item);
                        check.items = (!items.is_empty()).then(|| Box::new(items));
                    }
                }
            }
            ShapeType::Map => {
                for (name, slot) in [("key", 0), ("value", 1)] {
                    let Some(member) = target.member(name) else { continue };
                    let Some(value_shape) = self.model.shape(&member.target) else { continue };
                    let nested = self.check(&target.id.with_member(name), &member.traits.clone(), value_shape);
                    let nested = (!nested.is_empty()).then(|| Box::new(nested));
                    if slot == 0 { check.keys = nested } else { check.values = nested }
                }
            }
            // Enums and unions always validate (unknown values); structures when they check anything.
            ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
                check.nested = self.names.contains_key(&target.id) && self.needs_validation(&target.id, &mut BTreeSet::new());
            }
            ShapeType::String => check.nested = target.has_trait(traits::ENUM_TRAIT),
            _ => {}
        }
        check
    }

    /// Whether a named type's `Validate` impl checks anything (cycles count as "no" on re-entry).
    fn needs_validation(&self, id: &ShapeId, visiting: &mut BTreeSet<ShapeId>) -> bool {
        let Some(shape) = self.model.shape(id) else { return false };
        match shape.shape_type {
            ShapeType::Enum | ShapeType::IntEnum | ShapeType::Union => true,
            ShapeType::String => shape.has_trait(traits::ENUM_TRAIT),
            ShapeType::Structure => {
                if !visiting.insert(id.clone()) {
                    return false;
                }
                let result = shape.members.iter().any(|m| {
                    let Some(target) = self.model.shape(&m.target) else { return false };
                    traits::has(&m.traits, traits::REQUIRED) || self.value_needs_validation(&m.traits, target, visiting)
                });
                visiting.remove(id);
                result
            }
            _ => false,
        }
    }

    fn value_needs_validation(&self, member_traits: &Traits, target: &Shape, visiting: &mut BTreeSet<ShapeId>) -> bool {
        if !Self::effective(member_traits, target).is_empty() {
            return true;
        }
        match target.shape_type {
            ShapeType::List | ShapeType::Set | ShapeType::Map => target.members.iter().any(|m| {
                self.model.shape(&m.target).is_some_and(|t| self.value_needs_validation(&m.traits, t, visiting))
            }),
            _ => self.needs_validation(&target.id, visiting),
        }
    }

    /// Register a pattern and report what the analysis found about it.
    fn pattern(&mut self, position: &ShapeId, target: &ShapeId, text: &str) -> Option<PatternRef> {
        if let Some(existing) = self.patterns.get(text) {
            return Some(PatternRef { static_name: existing.static_name.clone() });
        }
        let analysis = match self.analyses.entry(text.to_string()).or_insert_with(|| (self.request.analyze)(text)) {
            Ok(analysis) => analysis.clone(),
            // Invalid patterns were already reported by the model check.
            Err(_) => return None,
        };
        let file = self.model.shape(&position.root()).map(|s| s.source.clone()).unwrap_or_default();
        for warning in &analysis.warnings {
            let code = match warning {
                PatternWarning::DoubleEscaped { .. } => "PatternDoubleEscaped",
                PatternWarning::Unmatchable { .. } => "PatternUnmatchable",
            };
            self.diagnostics.push(
                Diagnostic::warning(code, format!("pattern `{text}` {warning}"))
                    .shape(target.as_str())
                    .file(file.clone())
                    .hint(format!(
                        "this is a model bug; to stop enforcing it, add to the codegen config: {{\"shape\": \"{target}\", \"constraint\": \"{}\", \"reason\": \"...\"}}",
                        traits::PATTERN
                    )),
            );
        }
        let regex = match analysis.translated {
            Ok(regex) => regex,
            Err(unsupported) => {
                self.diagnostics.push(
                    Diagnostic::warning("PatternNotEnforced", format!("pattern `{text}` is not enforced on the client: {unsupported}"))
                        .shape(position.as_str())
                        .file(file)
                        .hint("the service still enforces it; a linear-time engine cannot express this pattern"),
                );
                return None;
            }
        };
        let mut static_name = naming::pattern_static(target.name());
        let mut n = 2;
        while self.pattern_statics.contains(&static_name) {
            static_name = format!("{}_{n}", naming::pattern_static(target.name()));
            n += 1;
        }
        self.pattern_statics.insert(static_name.clone());
        self.patterns.insert(
            text.to_string(),
            Pattern {
                static_name: static_name.clone(),
                source: text.to_string(),
                regex,
                requirements: analysis.requirements.clone(),
                exclusions: analysis.exclusions.clone(),
            },
        );
        Some(PatternRef { static_name })
    }

    fn overlay_notes(&self, id: &ShapeId, docs: &mut Docs) {
        if let Some(notes) = self.request.overlay_notes.get(id) {
            for note in notes {
                docs.notes.push(format!(
                    "Constraint `{}` added by this crate's overlay (documented but not in the model): {}",
                    note.trait_id.rsplit('#').next().unwrap_or(&note.trait_id),
                    docs::to_rustdoc(&note.source)
                ));
            }
        }
    }

    /// Plain words for the constraints of a value, including those on list items and map entries.
    fn describe(&self, member_traits: &Traits, target: &Shape, depth: usize) -> Vec<String> {
        let effective = Self::effective(member_traits, target);
        let mut parts = Vec::new();
        if let Ok(Some(length)) = traits::length(&effective) {
            parts.push(match (length.min, length.max) {
                (Some(min), Some(max)) => format!("length {min}..={max}"),
                (Some(min), None) => format!("length at least {min}"),
                (None, Some(max)) => format!("length at most {max}"),
                (None, None) => String::new(),
            });
        }
        if let Ok(Some(range)) = traits::range(&effective) {
            parts.push(match (range.min, range.max) {
                (Some(min), Some(max)) => format!("between {min} and {max}"),
                (Some(min), None) => format!("at least {min}"),
                (None, Some(max)) => format!("at most {max}"),
                (None, None) => String::new(),
            });
        }
        if let Ok(Some(pattern)) = traits::string(&effective, traits::PATTERN) {
            parts.push(format!("matches {}", code_span(pattern)));
        }
        if let Ok(Some(pattern)) = traits::string(&effective, traits::KEY_PATTERN) {
            parts.push(format!("keys match {}", code_span(pattern)));
        }
        if let Ok(Some(max)) = traits::max_total_utf8_bytes(&effective) {
            parts.push(format!("at most {max} UTF-8 bytes across all keys and values"));
        }
        if traits::has(&effective, traits::UNIQUE_ITEMS) {
            parts.push("unique items".to_string());
        }
        // Nested positions, one level deep is what a reader can take in at a glance.
        if depth == 0 {
            let nested = |name: &str, label: &str| -> Option<String> {
                let member = target.member(name)?;
                let item = self.model.shape(&member.target)?;
                let inner = self.describe(&member.traits, item, depth + 1);
                (!inner.is_empty()).then(|| format!("{label}: {}", inner.join(", ")))
            };
            match target.shape_type {
                ShapeType::List | ShapeType::Set => parts.extend(nested("member", "each item")),
                ShapeType::Map => {
                    parts.extend(nested("key", "each key"));
                    parts.extend(nested("value", "each value"));
                }
                _ => {}
            }
        }
        parts.retain(|p| !p.is_empty());
        parts
    }

    /// The "Constraints:" note on a member: what the builder checks, plus suppressed rules and overlay sources.
    fn constraint_notes(&mut self, member_id: &ShapeId, member_traits: &Traits, target: &Shape, required: bool, docs: &mut Docs) {
        let effective = Self::effective(member_traits, target);
        let mut parts = Vec::new();
        if required {
            parts.push("required".to_string());
        }
        parts.extend(self.describe(member_traits, target, 0));
        if let Some(default) = member_traits.get(traits::DEFAULT) {
            parts.push(format!("the service assumes {} when unset", code_span(&default.to_string())));
        }
        parts.retain(|p| !p.is_empty());
        if !parts.is_empty() {
            docs.notes.push(format!("Constraints: {}.", parts.join("; ")));
        }
        for key in [traits::LENGTH, traits::RANGE, traits::PATTERN, traits::UNIQUE_ITEMS, traits::KEY_PATTERN, traits::MAX_TOTAL_UTF8_BYTES] {
            if !effective.contains_key(key) {
                continue;
            }
            if let Some(reason) = self.suppressed(member_id, &target.id, key) {
                docs.notes.push(format!(
                    "**Not checked by this crate:** the model's `{}` constraint is suppressed in the codegen config: {}",
                    key.rsplit('#').next().unwrap_or(key),
                    docs::to_rustdoc(&reason)
                ));
            }
        }
        self.overlay_notes(member_id, docs);
        self.overlay_notes(&target.id, docs);
    }
}

/// The member an error's message lives in: the one named `message` in any case, if it is a string.
fn message_member<'m>(model: &Model, shape: &'m Shape) -> Option<&'m str> {
    shape
        .members
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("message") && model.shape(&m.target).is_some_and(|t| t.shape_type == ShapeType::String && !t.has_trait(traits::ENUM_TRAIT)))
        .map(|m| m.name.as_str())
}

/// A malformed-request case once per `testParameters` set: `$name:S` becomes the JSON string of
/// the value, `$name:L` the value as is, and `$$` a single `$`. The flag says whether there were
/// parameters at all.
fn expand_test_parameters(case: &Value) -> Vec<(Value, bool)> {
    let Some(params) = case.get("testParameters").and_then(Value::as_object) else {
        return vec![(undouble_dollars(case), false)];
    };
    let count = params.values().filter_map(Value::as_array).map(Vec::len).max().unwrap_or(0);
    (0..count)
        .map(|i| {
            let substitute = |text: &str| -> String {
                let mut out = text.to_string();
                for (name, values) in params {
                    let value = values.get(i).and_then(Value::as_str).unwrap_or_default();
                    out = out.replace(&format!("${name}:S"), &Value::String(value.to_string()).to_string());
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
fn undouble_dollars(case: &Value) -> Value {
    map_strings(case, &|text: &str| text.replace("$$", "$"))
}

fn map_strings(value: &Value, f: &dyn Fn(&str) -> String) -> Value {
    match value {
        Value::String(s) => Value::String(f(s)),
        Value::Array(items) => Value::Array(items.iter().map(|v| map_strings(v, f)).collect()),
        Value::Object(entries) => Value::Object(entries.iter().map(|(k, v)| (k.clone(), map_strings(v, f))).collect()),
        other => other.clone(),
    }
}

/// The client's view of a SigV4-signed service; `None` when the service is not signed with SigV4.
fn client_info(service: &Shape) -> Option<crate::ir::ClientInfo> {
    let signing_name = service.traits.get("aws.auth#sigv4")?.get("name")?.as_str()?.to_string();
    let sdk_id = service
        .traits
        .get("aws.api#service")
        .and_then(|s| s.get("sdkId"))
        .and_then(Value::as_str)
        .unwrap_or(service.id.name());
    let endpoint_env = format!("AWS_ENDPOINT_URL_{}", naming::to_snake(sdk_id).to_ascii_uppercase());
    let endpoint_builtins = service
        .traits
        .get("smithy.rules#endpointRuleSet")
        .and_then(|r| r.get("parameters"))
        .and_then(Value::as_object)
        .map(|params| {
            params
                .iter()
                .filter_map(|(name, p)| Some((naming::field_name(name).ident, p.get("builtIn")?.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Some(crate::ir::ClientInfo { signing_name, endpoint_env, endpoint_builtins })
}

/// A Markdown code span that survives backticks in its content.
pub fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Enum constants of an `enum`/`intEnum` shape or a Smithy 1.0 `@enum` string.
fn enum_constants(shape: &Shape) -> Vec<traits::EnumConstant> {
    if shape.shape_type == ShapeType::String {
        let list = shape.traits.get(traits::ENUM_TRAIT).and_then(Value::as_array).cloned().unwrap_or_default();
        return list
            .iter()
            .filter_map(|entry| {
                let value = entry.get("value")?.as_str()?.to_string();
                Some(traits::EnumConstant {
                    member_name: entry.get("name").and_then(Value::as_str).unwrap_or(&value).to_string(),
                    value: Value::String(value),
                    internal: entry.get("tags").and_then(Value::as_array).is_some_and(|t| t.iter().any(|t| t == "internal")),
                    deprecated: entry.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                    documentation: entry.get("documentation").and_then(Value::as_str).map(str::to_string),
                })
            })
            .collect();
    }
    shape
        .members
        .iter()
        .map(|m| traits::EnumConstant {
            member_name: m.name.clone(),
            value: m.traits.get(traits::ENUM_VALUE).cloned().unwrap_or_else(|| Value::String(m.name.clone())),
            // Smithy 2 enums mark internal values with `@internal` (a tag named "internal" is just a
            // tag); the 1.0 `@enum` trait used tags, handled above.
            internal: traits::has(&m.traits, traits::INTERNAL),
            deprecated: traits::has(&m.traits, traits::DEPRECATED),
            documentation: traits::documentation(&m.traits).map(str::to_string),
        })
        .collect()
}
