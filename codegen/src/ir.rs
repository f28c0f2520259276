//! The Rust-shaped intermediate representation: every name, type and check already decided.
//!
//! Emitters read only this. Nothing here refers back to the raw model except shape ids kept for
//! documentation and error codes.

use crate::traits::{Length, Range};

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
pub struct TypePath(pub Vec<String>);

/// Where a named type lives in the generated crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// `crate::types`
    Types,
    /// `crate::types::error`
    Errors,
    /// `crate::operation::<module>`
    Operation(String),
}

/// A named type: its identifier, the private module file that holds it, and its public path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    pub ident: String,
    /// The private module (file stem) that defines it, e.g. `_contact_state`.
    pub module: String,
    pub location: Location,
    pub builder: String,
}

impl TypeName {
    pub fn path(&self) -> TypePath {
        let mut path = vec!["crate".to_string()];
        match &self.location {
            Location::Types => path.push("types".into()),
            Location::Errors => path.extend(["types".to_string(), "error".to_string()]),
            Location::Operation(module) => path.extend(["operation".to_string(), module.clone()]),
        }
        path.push(self.ident.clone());
        TypePath(path)
    }
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
    Named { path: TypePath, kind: NamedKind, boxed: bool },
    List(Box<Type>),
    Map(Box<Type>, Box<Type>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Structure,
    Union,
    Enum,
    IntEnum,
}

impl Type {
    /// Whether values can be hashed (decides how `@uniqueItems` is checked and which derives apply).
    pub fn is_hashable(&self) -> bool {
        match self {
            Type::F32 | Type::F64 | Type::Document | Type::Map(..) => false,
            Type::Named { kind, .. } => matches!(kind, NamedKind::Enum | NamedKind::IntEnum),
            Type::List(item) => item.is_hashable(),
            _ => true,
        }
    }
}

/// Constraints on one value position (a member, a list item, a map key or value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    pub length: Option<Length>,
    pub range: Option<Range>,
    pub pattern: Option<PatternRef>,
    pub unique_items: bool,
    /// Overlay extension: every map key must match; reported at the map's path.
    pub key_pattern: Option<PatternRef>,
    /// Overlay extension: total UTF-8 bytes of all keys and values of a map.
    pub max_total_utf8_bytes: Option<u64>,
    pub items: Option<Box<Check>>,
    pub keys: Option<Box<Check>>,
    pub values: Option<Box<Check>>,
    /// The value is a named type whose own `Validate` impl has something to check.
    pub nested: bool,
}

impl Check {
    /// True when nothing at all would be checked.
    pub fn is_empty(&self) -> bool {
        self.length.is_none()
            && self.range.is_none()
            && self.pattern.is_none()
            && !self.unique_items
            && self.key_pattern.is_none()
            && self.max_total_utf8_bytes.is_none()
            && self.items.as_ref().is_none_or(|c| c.is_empty())
            && self.keys.as_ref().is_none_or(|c| c.is_empty())
            && self.values.as_ref().is_none_or(|c| c.is_empty())
            && !self.nested
    }
}

/// A compiled `@pattern`, shared by every value that uses the same expression.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PatternRef {
    /// The static in `crate::patterns` that holds the compiled regex.
    pub static_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub static_name: String,
    /// The ECMA-262 expression as the model wrote it (shown in messages).
    pub source: String,
    /// Equivalent `regex` crate syntax.
    pub regex: String,
    /// Leading `(?=X)` lookaheads, as separate expressions that must all match too.
    pub requirements: Vec<String>,
    /// Leading `(?!X)` lookaheads, as separate expressions none of which may match.
    pub exclusions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The member name on the wire and in validation paths.
    pub member: String,
    pub ident: Ident,
    pub docs: Docs,
    pub ty: Type,
    pub required: bool,
    /// Redacted in `Debug`.
    pub sensitive: bool,
    pub check: Check,
    pub deprecated: Option<String>,
    pub wire: Wire,
    /// `@default`, as the model wrote it (a Smithy node value), unless it is `null`.
    pub default: Option<serde_json::Value>,
    /// `@clientOptional`: a client does not fill in the default for this member.
    pub client_optional: bool,
}

/// Where an operation's input or output member travels in an HTTP message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Binding {
    /// A member of the JSON body (everything not bound elsewhere, and every nested member).
    #[default]
    Body,
    /// `@httpLabel`: a segment of the path.
    Label,
    /// `@httpQuery`: a query parameter of this name.
    Query(String),
    /// `@httpQueryParams`: a map spread into query parameters.
    QueryParams,
    /// `@httpHeader`: a header of this name.
    Header(String),
    /// `@httpPrefixHeaders`: a map spread into headers starting with this prefix.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`: the status code of a response.
    ResponseCode,
}

impl Binding {
    /// Members a response carries in its JSON body: `@httpQuery`, `@httpQueryParams` and
    /// `@httpLabel` only mean something in requests, so outputs read them from the body.
    pub fn in_response_body(&self) -> bool {
        matches!(self, Binding::Body | Binding::Query(_) | Binding::QueryParams | Binding::Label)
    }
}

/// Timestamp encodings of `@timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// How a member is encoded on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wire {
    pub binding: Binding,
    /// The key in a JSON object (`@jsonName`, else the member name).
    pub json_name: String,
    /// The format of timestamps in this value (itself, or its list items / map values);
    /// `None` means the protocol's default for where the value travels.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@mediaType` of the target: a media-typed string travels base64-encoded in headers, and a
    /// payload's media type becomes the `Content-Type`.
    pub media_type: Option<String>,
    /// `@idempotencyToken`: filled with a fresh UUID when unset.
    pub idempotency_token: bool,
    /// `@streaming` blob payloads.
    pub streaming: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Client,
    Server,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorInfo {
    pub fault: Fault,
    pub http_status: Option<u16>,
    /// The error code on the wire (the shape name).
    pub code: String,
    /// Index into `fields` of the member holding the message, if any.
    pub message_field: Option<usize>,
    pub retryable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Docs,
    pub fields: Vec<Field>,
    pub error: Option<ErrorInfo>,
    /// The whole structure is `@sensitive`: its `Debug` shows nothing.
    pub sensitive: bool,
    pub deprecated: Option<String>,
    pub codec: Codec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariant {
    pub ident: String,
    /// The string value (or integer, for intEnum, as text).
    pub value: String,
    pub docs: Docs,
    pub internal: bool,
    pub deprecated: Option<String>,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionVariant {
    pub member: String,
    pub ident: String,
    /// snake_case stem for `as_x`/`is_x` accessors.
    pub snake: String,
    pub docs: Docs,
    /// `None` for members targeting `smithy.api#Unit` (a variant without a value).
    pub ty: Option<Type>,
    pub check: Check,
    pub sensitive: bool,
    pub deprecated: Option<String>,
    pub wire: Wire,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Union {
    pub shape_id: String,
    pub name: TypeName,
    pub docs: Docs,
    pub variants: Vec<UnionVariant>,
    pub unknown_variant: String,
    pub sensitive: bool,
    pub codec: Codec,
}

#[derive(Debug, Clone, PartialEq, Eq)]
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorVariant {
    /// `@retryable`: `Some(true)` when it is throttling.
    pub retryable: Option<bool>,
    pub ident: String,
    /// snake_case stem for the `is_x` accessor.
    pub snake: String,
    pub path: TypePath,
    pub code: String,
    pub docs: Docs,
    /// The error struct's getter for its message member, when it has one.
    pub message_getter: Option<Ident>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnum {
    pub ident: String,
    pub docs: Docs,
    pub variants: Vec<ErrorVariant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub shape_id: String,
    /// Module under `crate::operation`, e.g. `update_contact_attributes`.
    pub module: String,
    pub name: String,
    pub docs: Docs,
    pub input: Structure,
    pub output: Structure,
    pub error: ErrorEnum,
    /// `@http`, when the service speaks an HTTP protocol.
    pub http: Option<Http>,
}

/// The request line of an operation (`@http`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub path: Vec<PathPart>,
    /// Constant query parameters written in the URI pattern (`?list-type=2`, or `?flag` without a value).
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

/// The wire protocol of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    RestJson1,
}

/// Which JSON codec functions a structure or union needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Codec {
    /// Reached from some operation input: needs a JSON writer.
    pub write: bool,
    /// Reached from some operation output or error: needs a JSON reader.
    pub read: bool,
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
    pub operations: Vec<Operation>,
    /// Types in `crate::types` and `crate::types::error`, sorted by module.
    pub types: Vec<TypeDef>,
    pub patterns: Vec<Pattern>,
    pub protocol: Option<Protocol>,
    /// Smithy protocol compliance cases to turn into tests (only when the config asks for them).
    pub protocol_tests: Vec<ProtocolTest>,
    /// The callable client, when the config asks for one and the service is signed with SigV4.
    pub client: Option<ClientInfo>,
    /// The service's `smithy.rules#endpointRuleSet`, as the model wrote it.
    pub endpoint_rules: Option<serde_json::Value>,
    /// The service's `smithy.rules#endpointTests`, turned into tests of the generated resolver.
    pub endpoint_tests: Option<serde_json::Value>,
}

/// What the generated client needs to know about the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    /// The SigV4 signing name (`aws.auth#sigv4` `name`).
    pub signing_name: String,
    /// The service-specific endpoint variable, e.g. `AWS_ENDPOINT_URL_CONNECT`.
    pub endpoint_env: String,
    /// Endpoint rule-set parameters fed from client settings: (Params field, builtIn name).
    pub endpoint_builtins: Vec<(Ident, String)>,
}

/// One case of `smithy.test#httpRequestTests`, `httpResponseTests` or `httpMalformedRequestTests`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolTest {
    pub id: String,
    pub kind: ProtocolTestKind,
    /// Index into `Crate::operations` of the operation the case exercises.
    pub operation: usize,
    /// The case as the model wrote it; malformed-request cases have their `testParameters`
    /// already substituted (one case per parameter set, id suffixed `_case<N>`).
    pub case: serde_json::Value,
    /// Why the case does not run, from the checked-in skip list.
    pub skip: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolTestKind {
    Request,
    Response,
    /// A response carrying the error whose variant in the operation's error enum is named here.
    ErrorResponse { variant: String },
    MalformedRequest,
}
