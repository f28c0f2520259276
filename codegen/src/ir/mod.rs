//! The Rust-shaped intermediate representation: every name, type, schema and check decided.
//!
//! Emitters read only this. Types refer to each other by [`TypeId`] (an index into
//! [`Crate::types`]); every identifier and path an emitter writes is stored here, derived names
//! (setters, getters, builders, schema statics, client methods) included.

use crate::node::Node;
use crate::traits::{Fault, TimestampFormat};

pub mod endpoints;
pub mod protocol_tests;
pub mod waiters;

pub use endpoints::EndpointRules;
pub use protocol_tests::ProtocolTest;

/// A Rust identifier; `raw` marks keywords written as `r#type`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident {
    pub name: String,
    pub raw: bool,
}

impl Ident {
    pub fn plain(name: impl Into<String>) -> Ident {
        Ident { name: name.into(), raw: false }
    }

    pub fn to_ident(&self) -> proc_macro2::Ident {
        if self.raw {
            proc_macro2::Ident::new_raw(&self.name, proc_macro2::Span::call_site())
        } else {
            proc_macro2::Ident::new(&self.name, proc_macro2::Span::call_site())
        }
    }
}

/// A path from the crate root, e.g. `crate::types::ContactState`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(pub Vec<String>);

impl Path {
    pub fn join(&self, last: &str) -> Path {
        let mut segments = self.0.clone();
        segments.push(last.to_string());
        Path(segments)
    }
}

/// An index into [`Crate::types`].
pub type TypeId = usize;

/// Where a named type lives in the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<module>` (operation inputs and outputs)
    Operation(String),
}

/// A named type: its identifier, the private module (file stem) that holds it, its public path
/// and the path of its schema static.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    pub ident: String,
    pub module: String,
    pub location: Location,
    /// `crate::types::ContactState`
    pub path: Path,
    /// `crate::types::_contact_state::SCHEMA`
    pub schema: Path,
}

/// Rustdoc for an item: the converted model docs plus notes the generator adds (renames,
/// overlay rules, suppressed constraints, defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Docs {
    pub text: Option<String>,
    pub notes: Vec<String>,
}

/// The Rust type of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    Bool,
    I8,
    I16,
    I32,
    I64,
    F32,
    F64,
    BigInteger,
    BigDecimal,
    Blob,
    Timestamp,
    Document,
    Named { id: TypeId, kind: NamedKind, boxed: bool },
    /// `sparse`: items are `Option<T>` (a `@sparse` list holds nulls).
    List { item: Box<Type>, sparse: bool },
    Map { key: Box<Type>, value: Box<Type>, sparse: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Structure,
    Union,
    Enum,
    IntEnum,
}

/// A schema static a member can target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaRef {
    /// `::smithy_rt::schema::prelude::<NAME>`
    Prelude(&'static str),
    /// The schema of a named type.
    Type(TypeId),
    /// A list or map schema in `crate::schemas`, by index into [`Crate::collections`].
    Collection(usize),
}

/// The schema data of one value position (a member, a list item, a map key or value).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberSchema {
    /// The member's name in the model.
    pub name: String,
    /// The Rust field name (`Debug` prints it).
    pub field: String,
    pub target: SchemaRef,
    pub required: bool,
    pub sensitive: bool,
    /// Validation has something to check here or deeper down.
    pub checks: bool,
    /// The constraints at this position, by index into [`Crate::constraints`].
    pub constraints: Option<usize>,
    pub binding: Binding,
    pub json_name: Option<String>,
    pub timestamp_format: Option<TimestampFormat>,
    pub media_type: Option<String>,
    pub idempotency_token: bool,
    pub streaming: bool,
    /// `@default`, checked against the member's type.
    pub default: Option<Node>,
    pub client_optional: bool,
    pub xml_name: Option<String>,
    pub xml_attribute: bool,
    pub xml_flattened: bool,
    pub xml_namespace: Option<(String, Option<String>)>,
    pub ec2_query_name: Option<String>,
    pub host_label: bool,
    /// Sent when the caller leaves the member unset ([`crate::customize::input_fields`]).
    pub unset_value: Option<String>,
}

/// Where an operation's input or output member travels in an HTTP message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Binding {
    #[default]
    Body,
    Label,
    Query(String),
    QueryParams,
    Header(String),
    PrefixHeaders(String),
    Payload,
    ResponseCode,
}

/// One `static` of constraints, shared by every position with the same ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConstraintSet {
    pub ident: String,
    pub length: Option<(Option<u64>, Option<u64>)>,
    pub range: Option<(Option<Bound>, Option<Bound>)>,
    /// Index into [`Crate::patterns`].
    pub pattern: Option<usize>,
    pub unique_items: bool,
    pub key_pattern: Option<usize>,
    pub max_total_utf8_bytes: Option<u64>,
}

/// A `@range` bound: the text as written, and what the comparison uses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bound {
    /// An integer bound: text and value.
    Int(String, i64),
    /// A fractional bound on a float or integer: text, and the bits of the nearest f64 and the
    /// nearest f32 (bits so the IR stays `Eq`; a bound past a type's range is its infinity).
    Float(String, u64, u32),
    /// A bound of a big number, compared as decimal text.
    Decimal(String),
}

/// A compiled `@pattern`, shared by every position with the same expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub ident: String,
    /// The ECMA-262 expression as the model wrote it (shown in messages).
    pub source: String,
    /// Equivalent `regex` crate syntax.
    pub regex: String,
    pub requirements: Vec<String>,
    pub exclusions: Vec<String>,
}

/// A list or map schema (`crate::schemas::<ident>`).
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    pub ident: String,
    pub shape_id: String,
    /// One member for a list, two (key, value) for a map.
    pub members: Vec<MemberSchema>,
    pub map: bool,
}

/// A member of a structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The member name on the wire and in validation paths.
    pub member: String,
    /// The field, its getter and its chain setter.
    pub ident: Ident,
    /// `set_x`
    pub set: Ident,
    pub docs: Docs,
    /// One line for getters and setters (the first sentence of the docs).
    pub summary: Option<String>,
    pub ty: Type,
    pub deprecated: Option<String>,
    pub schema: MemberSchema,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    pub fault: Fault,
    pub http_status: Option<u16>,
    /// The error code on the wire (the shape name).
    pub code: String,
    /// Index into `fields` of the member holding the message, if any.
    pub message_field: Option<usize>,
    /// `@retryable`, with its throttling flag.
    pub retryable: Option<bool>,
    pub query_error: Option<(String, u16)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Docs,
    pub fields: Vec<Field>,
    pub error: Option<ErrorInfo>,
    /// The whole structure is `@sensitive`: its `Debug` shows nothing.
    pub sensitive: bool,
    pub deprecated: Option<String>,
    pub builder: String,
    /// A response can carry it: it is decoded from the wire.
    pub decode: bool,
    /// Operation inputs: the builder takes a client handle type parameter (`XBuilder<C = ()>`), so
    /// the builder `Client::x()` returns is this same builder.
    pub client_builder: bool,
    pub xml_name: Option<String>,
    pub xml_namespace: Option<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariant {
    pub ident: String,
    /// The string value (or integer, for intEnum, as text).
    pub value: String,
    pub docs: Docs,
    pub internal: bool,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Docs,
    pub variants: Vec<EnumVariant>,
    /// The catch-all variant for values this crate does not know.
    pub unknown_variant: String,
    pub int_enum: bool,
    pub sensitive: bool,
    /// The value set validation messages name: `[a, b]`, internal values left out.
    pub allowed: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    pub member: String,
    pub ident: String,
    /// `as_x`, for variants with a value.
    pub as_fn: Option<Ident>,
    /// `is_x`
    pub is_fn: Ident,
    pub docs: Docs,
    /// `None` for members targeting `smithy.api#Unit` (a variant without a value).
    pub ty: Option<Type>,
    pub deprecated: Option<String>,
    pub schema: MemberSchema,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Docs,
    pub variants: Vec<UnionVariant>,
    pub unknown_variant: String,
    pub is_unknown: Ident,
    pub sensitive: bool,
    /// A response can carry it: it is decoded from the wire.
    pub decode: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    Structure(Structure),
    Enum(Enum),
    Union(Union),
}

impl TypeDef {
    pub fn name(&self) -> &TypeName {
        match self {
            TypeDef::Structure(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }

    pub fn shape_id(&self) -> &str {
        match self {
            TypeDef::Structure(s) => &s.shape_id,
            TypeDef::Enum(e) => &e.shape_id,
            TypeDef::Union(u) => &u.shape_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    pub ident: String,
    /// `is_x`
    pub is_fn: Ident,
    /// The error structure.
    pub error: TypeId,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    pub ident: String,
    /// What errors say they come from: `Connect.UpdateContactAttributes` (the service's `sdkId`
    /// without spaces, or its shape name, then the operation's name).
    pub operation: String,
    pub docs: Docs,
    pub variants: Vec<ErrorVariant>,
    pub unhandled: String,
    pub is_unhandled: Ident,
}

/// The request line of an operation (`@http`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub path: Vec<PathPart>,
    /// Constant query parameters of the URI pattern (`?list-type=2`, or `?flag` without a value).
    pub query: Vec<(String, Option<String>)>,
    /// The status code of a successful response.
    pub code: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// A label bound to the input field at this index; greedy labels (`{Key+}`) keep `/`.
    Label { field: usize, greedy: bool },
}

/// What the client offers for an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationClient {
    /// `client.update_contact_attributes()`
    pub method: Ident,
    /// `UpdateContactAttributesFluentBuilder`
    pub fluent: String,
}

/// `@paginated` (merged with the service's), resolved against the lowered input and output:
/// what `into_paginator()` on the operation's fluent builder offers. Paths are field indices,
/// one per segment, each into the fields of the structure the previous segment targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginator {
    /// `ListUsersPaginator`
    pub ident: String,
    /// The input field the token is sent in.
    pub input_token: usize,
    /// Where the next token is in the output.
    pub output_token: Vec<usize>,
    /// The input field `page_size(n)` sets.
    pub page_size: Option<usize>,
    pub items: Option<PaginatorItems>,
}

/// The `items` of a paginator: `.items()` flattens the pages into them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaginatorItems {
    /// `ListUsersPaginatorItems`
    pub ident: String,
    /// Where the list (or map, whose entries become `(key, value)` items) is in the output.
    pub path: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub shape_id: String,
    /// The operation's name in the model.
    pub name: String,
    /// Module under `crate::operation`, e.g. `update_contact_attributes`.
    pub module: String,
    /// The marker struct, e.g. `UpdateContactAttributes`.
    pub marker: String,
    pub docs: Docs,
    pub input: TypeId,
    pub output: TypeId,
    pub error: ErrorEnum,
    /// `@http`, when the service speaks an HTTP protocol and the operation has wire functions.
    pub http: Option<Http>,
    /// The sans-IO functions exist (the protocol is supported and the operation is not an
    /// event stream).
    pub wire: bool,
    /// `@requestCompression` with gzip: large bodies travel compressed.
    pub gzip: bool,
    /// `@auth([])` on the operation (or its service): sent unsigned, with no credentials.
    pub anonymous: bool,
    /// `@endpoint` `hostPrefix`: literal text and `@hostLabel` input fields put before the host.
    pub host_prefix: Vec<PathPart>,
    /// Where the operation departs from its protocol: [`output_unwrapped`](Customization) from
    /// `aws.customizations#s3UnwrappedXmlOutput`, the rest from [`crate::customize`].
    pub customizations: Vec<Customization>,
    /// The endpoint rule-set parameters a call binds, least specific first: its
    /// `operationContextParams`, then its `contextParam` members, then its `staticContextParams`
    /// (applied in order, the most specific wins).
    pub endpoint_params: Vec<endpoints::ContextBinding>,
    pub client: Option<OperationClient>,
    /// `@paginated`, for operations the client offers.
    pub paginator: Option<Paginator>,
}

pub use crate::traits::Protocol;

/// How one operation departs from its protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Customization {
    /// `aws.customizations#s3UnwrappedXmlOutput`: the response document is the output's one
    /// body member, not a wrapper around it.
    UnwrappedOutput,
    /// The request goes to the URL an input field holds (Machine Learning's `Predict`).
    EndpointFromMember { field: usize },
    /// Glacier's `x-amz-content-sha256` and `x-amz-sha256-tree-hash` headers.
    TreeHashHeaders,
}

/// How the service's operations travel: its protocol and the service facts that protocol reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wire {
    pub protocol: Protocol,
    /// The service shape's name (`X-Amz-Target` prefix of the JSON RPC protocols).
    pub service: String,
    /// The service's `version` (the query protocols' `Version` parameter).
    pub version: String,
    /// `@xmlNamespace` of the service: uri and prefix.
    pub xml_namespace: Option<(String, Option<String>)>,
    /// `aws.protocols#awsQueryCompatible`.
    pub query_compatible: bool,
    /// `restXml(noErrorWrapping: true)`.
    pub no_error_wrapping: bool,
    /// Headers every request carries ([`crate::customize::service_headers`]).
    pub headers: Vec<(String, String)>,
}

/// What the generated client needs to know about the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// The SigV4 signing name (`aws.auth#sigv4` `name`).
    pub signing_name: String,
    /// The service-specific endpoint variable, e.g. `AWS_ENDPOINT_URL_CONNECT`.
    pub endpoint_env: String,
}

/// Which primitive types the crate uses: aws-smithy-types' with the client, the runtime's own
/// otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitives {
    Runtime,
    SmithyTypes,
}

/// How the generated crate depends on the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeDependency {
    /// The `path` of the dependency, relative to the generated crate.
    pub path: String,
    /// The runtime's features the crate needs.
    pub features: Vec<String>,
}

/// The whole crate to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Crate {
    pub package: String,
    pub lib_name: String,
    pub version: String,
    pub description: String,
    pub docs: Docs,
    pub service_id: Option<String>,
    pub runtime: RuntimeDependency,
    /// The `path` of `smithy-credentials`, when the client's `from_env` offers the AWS default
    /// credentials chain (a default feature).
    pub credentials_chain: Option<String>,
    pub primitives: Primitives,
    pub operations: Vec<Operation>,
    /// Every named type, operation inputs and outputs included; [`TypeId`]s index this.
    pub types: Vec<TypeDef>,
    pub collections: Vec<Collection>,
    pub constraints: Vec<ConstraintSet>,
    pub patterns: Vec<Pattern>,
    /// The protocol the wire functions speak; `None` when the service has none the generator supports.
    pub wire: Option<Wire>,
    pub protocol_tests: Vec<ProtocolTest>,
    pub client: Option<ClientInfo>,
    pub endpoint: Option<EndpointRules>,
    /// The waiters of the operations the client offers (`smithy.waiters#waitable`).
    pub waiters: Vec<waiters::Waiter>,
}

impl Crate {
    pub fn structure(&self, id: TypeId) -> Option<&Structure> {
        match self.types.get(id) {
            Some(TypeDef::Structure(s)) => Some(s),
            _ => None,
        }
    }
}
