//! The checked model -> the Rust-shaped IR, for the [`Scope`] selection chose: service-level
//! facts ([`select`]), every Rust name ([`names`], through
//! [`crate::naming`]), the types ([`shapes`]), their schemas and constraints ([`schemas`]),
//! operations and their errors ([`operations`]) and paginators ([`paginators`]), typed values for
//! defaults and test cases ([`values`]), compliance cases ([`protocol_tests`]) and endpoint rules ([`endpoints`]).

mod endpoints;
mod jmespath;
mod names;
mod operations;
mod paginators;
mod protocol_tests;
mod schemas;
mod select;
mod shapes;
mod values;
mod waiters;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::check::TraitIndex;
use crate::config::Settings;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ir::{self, Crate, Docs, Primitives, TypeDef, TypeId};
use crate::model::{Model, ShapeId};
use crate::overlay::OverlayNotes;
use crate::pattern;
use crate::select::Scope;

pub use crate::config::Selection;
pub use schemas::code_span;

/// How a pattern is analysed the first time a generated shape uses it: [`pattern::analyze`], or
/// an equivalent that compiles the translations elsewhere (see `codegen::lower_request`).
pub type Analyzer<'a> = &'a dyn Fn(&str) -> Result<pattern::Analysis, pattern::PatternError>;

/// Everything lowering reads.
pub struct LowerRequest<'a> {
    pub model: &'a Model,
    /// What the run generates.
    pub scope: &'a Scope,
    pub traits: &'a TraitIndex,
    pub analyze: Analyzer<'a>,
    pub settings: &'a Settings,
    pub overlay_notes: &'a OverlayNotes,
}

pub fn lower(request: &LowerRequest<'_>) -> (Option<Crate>, Diagnostics) {
    let mut lowerer = Lowerer::new(request);
    let krate = lowerer.run();
    let mut diagnostics = lowerer.diagnostics;
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    diagnostics.0.sort_by(|a, b| (a.severity, &a.shape, &a.code, &a.message).cmp(&(b.severity, &b.shape, &b.code, &b.message)));
    diagnostics.0.dedup();
    (krate, diagnostics)
}

/// The state of one lowering run.
struct Lowerer<'a> {
    request: &'a LowerRequest<'a>,
    model: &'a Model,
    traits: &'a TraitIndex,
    diagnostics: Diagnostics,
    protocol: Option<ir::Protocol>,
    /// Member-target named types by shape id.
    names: BTreeMap<ShapeId, TypeId>,
    /// Every type, filled in once its id is known (an id is handed out before the type is
    /// lowered, so recursive shapes can refer to each other).
    types: Vec<Option<TypeDef>>,
    /// Type names decided up front, by id.
    type_names: Vec<ir::TypeName>,
    collections: Vec<ir::Collection>,
    collection_ids: HashMap<ShapeId, usize>,
    constraints: Vec<ir::ConstraintSet>,
    constraint_ids: HashMap<ir::ConstraintSet, usize>,
    patterns: Vec<ir::Pattern>,
    pattern_ids: HashMap<String, usize>,
    analyses: schemas::Analyses,
    /// Static names handed out in `crate::schemas` (collections, constraint sets, patterns).
    statics: BTreeSet<String>,
    /// Memo: whether validation has anything to check in a value of this shape.
    needs_validation: HashMap<ShapeId, bool>,
    /// Shapes a response can carry (outputs and errors of operations with wire functions, and
    /// what they reach): these are decoded.
    read: std::collections::HashSet<ShapeId>,
    /// Memo: structure/union -> its strongly connected component over direct (unboxed) members.
    direct_components: Option<HashMap<ShapeId, usize>>,
}

impl<'a> Lowerer<'a> {
    fn new(request: &'a LowerRequest<'a>) -> Lowerer<'a> {
        Lowerer {
            request,
            model: request.model,
            traits: request.traits,
            diagnostics: Diagnostics::default(),
            protocol: None,
            names: BTreeMap::new(),
            types: Vec::new(),
            type_names: Vec::new(),
            collections: Vec::new(),
            collection_ids: HashMap::new(),
            constraints: Vec::new(),
            constraint_ids: HashMap::new(),
            patterns: Vec::new(),
            pattern_ids: HashMap::new(),
            analyses: HashMap::new(),
            statics: BTreeSet::new(),
            needs_validation: HashMap::new(),
            read: Default::default(),
            direct_components: None,
        }
    }

    fn settings(&self) -> &'a Settings {
        self.request.settings
    }

    /// The service the scope chose, if the model has one.
    fn service(&self) -> Option<&'a ShapeId> {
        self.request.scope.service.as_ref()
    }

    fn run(&mut self) -> Option<Crate> {
        let scope = self.request.scope;
        let (service, operations, reached) = (scope.service.as_ref(), &scope.operations, &scope.reached);
        let wire = self.service_wire(service, !operations.is_empty());
        self.protocol = wire.as_ref().map(|w| w.protocol);
        self.compute_needs_validation(reached);
        self.read = self.read_closure(operations);
        self.assign_type_names(operations, reached);
        if self.diagnostics.has_errors() {
            return None;
        }
        for (id, type_id) in self.names.clone() {
            let def = self.lower_named(&id, type_id);
            self.types[type_id] = Some(def);
        }
        let mut lowered: Vec<ir::Operation> = operations.iter().map(|op| self.operation(op)).collect();
        let protocol_tests = self.protocol_tests(operations, &lowered);
        let client = if self.settings().client { self.client_info(service, &lowered) } else { None };
        let waiters = if client.is_some() { self.waiters(operations, &lowered) } else { Vec::new() };
        let mut endpoint = self.endpoint_rules(service);
        if let Some(rules) = endpoint.as_mut() {
            self.endpoint_bindings(rules, operations, &mut lowered);
        }
        if self.diagnostics.has_errors() {
            return None;
        }
        let types: Vec<TypeDef> = std::mem::take(&mut self.types).into_iter().map(|t| t.expect("every type id is lowered")).collect();
        let service_shape = service.and_then(|id| self.model.shape(id));
        let service_traits = service.map(|id| self.traits.get(id));
        let mut docs = Docs::default();
        if let Some(text) = service_traits.and_then(|t| t.documentation.as_deref()) {
            docs.text = Some(crate::docs::to_rustdoc(text));
        }
        let title = service_traits
            .and_then(|t| t.title.clone())
            .or_else(|| service_shape.map(|s| s.id.name().to_string()))
            .unwrap_or_else(|| "the service".to_string());
        let settings = self.settings();
        let gzip = lowered.iter().any(|op| op.wire && op.gzip);
        let tree_hash = lowered.iter().any(|op| op.customizations.contains(&ir::Customization::TreeHashHeaders));
        let runtime = self.runtime_dependency(client.is_some(), endpoint.is_some(), gzip, tree_hash);
        let credentials_chain = match (&client, settings.credentials_chain, &settings.credentials_path) {
            (Some(_), true, Some(path)) => Some(path.clone()),
            (Some(_), true, None) => {
                self.push(
                    Diagnostic::warning(
                        "CredentialsChainUnavailable",
                        "generated outside this repository, the client's `from_env` reads credentials from the environment variables only",
                    )
                    .hint("depend on the repository's `credentials/` crate (smithy-credentials) and build the client with `Client::new(smithy_credentials::config_from_env().await)`"),
                );
                None
            }
            _ => None,
        };
        Some(Crate {
            package: settings.package.clone(),
            lib_name: settings.package.replace('-', "_"),
            version: settings.version.clone(),
            description: settings.description.clone().unwrap_or_else(|| format!("A validated Rust client for {title}, generated from its Smithy model.")),
            docs,
            service_id: service.map(|s| s.to_string()),
            runtime,
            credentials_chain,
            primitives: if client.is_some() { Primitives::SmithyTypes } else { Primitives::Runtime },
            operations: lowered,
            types,
            collections: std::mem::take(&mut self.collections),
            constraints: std::mem::take(&mut self.constraints),
            patterns: std::mem::take(&mut self.patterns),
            wire,
            protocol_tests,
            client,
            endpoint,
            waiters,
        })
    }

    /// The runtime's features this crate needs.
    fn runtime_dependency(&self, client: bool, endpoint: bool, gzip: bool, tree_hash: bool) -> ir::RuntimeDependency {
        let mut features = vec!["validate".to_string()];
        if !self.patterns.is_empty() {
            features.push("pattern".to_string());
        }
        match self.protocol {
            Some(ir::Protocol::RestJson1) => features.push("rest-json".to_string()),
            Some(ir::Protocol::AwsJson1_0 | ir::Protocol::AwsJson1_1) => features.push("aws-json".to_string()),
            Some(ir::Protocol::RestXml) => features.push("rest-xml".to_string()),
            Some(ir::Protocol::AwsQuery | ir::Protocol::Ec2Query) => features.push("query".to_string()),
            None => {}
        }
        if gzip {
            features.push("request-compression".to_string());
        }
        if tree_hash {
            features.push("tree-hash".to_string());
        }
        if endpoint {
            features.push("endpoint".to_string());
        }
        if client {
            features.push("client".to_string());
        }
        ir::RuntimeDependency { path: self.settings().runtime_path.clone(), features }
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The file a shape was defined in.
    fn source(&self, id: &ShapeId) -> String {
        self.model.shape(&id.root()).map(|s| s.source.clone()).unwrap_or_default()
    }
}
