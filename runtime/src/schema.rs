//! Shapes as data: every generated type carries a static [`Schema`] describing its members, their
//! wire names and bindings, their constraints and defaults. Validation, the wire protocols and
//! `Debug` read these schemas instead of per-shape code.
//!
//! Schemas are built in `static` items of the generated crate with the `const fn` constructors
//! here, so they cost no start-up time. Statics may refer to each other in cycles, which is how
//! recursive shapes are described.

/// What kind of value a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
    /// A string enum; the text lists the values validation messages name (`[a, b]`, model order,
    /// `@internal` values left out).
    Enum(&'static str),
    /// An integer enum; the text lists its values as for [`Kind::Enum`].
    IntEnum(&'static str),
    /// A list: `members[0]` describes the items.
    List,
    /// A map: `members[0]` describes the keys, `members[1]` the values.
    Map,
    Structure,
    Union,
}

impl Kind {
    /// Whether values of this kind are text, numbers or booleans (what fits in a header or query).
    pub const fn is_scalar(self) -> bool {
        !matches!(self, Kind::List | Kind::Map | Kind::Structure | Kind::Union | Kind::Document)
    }
}

/// An `@error` structure's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error code on the wire: the shape's name.
    pub code: &'static str,
    /// `@error("server")`.
    pub server: bool,
    /// `@httpError`.
    pub http_status: Option<u16>,
    /// `@retryable`.
    pub retryable: bool,
    /// `@retryable(throttling: true)`.
    pub throttling: bool,
    /// The index of the member holding the message, if any.
    pub message: Option<usize>,
    /// `aws.protocols#awsQueryError`: the code and status an awsQuery service sends instead.
    pub query_code: Option<(&'static str, u16)>,
}

impl ErrorInfo {
    pub const fn new(code: &'static str, server: bool) -> ErrorInfo {
        ErrorInfo { code, server, http_status: None, retryable: false, throttling: false, message: None, query_code: None }
    }

    pub const fn status(mut self, status: u16) -> ErrorInfo {
        self.http_status = Some(status);
        self
    }

    pub const fn retryable(mut self, throttling: bool) -> ErrorInfo {
        self.retryable = true;
        self.throttling = throttling;
        self
    }

    pub const fn message(mut self, member: usize) -> ErrorInfo {
        self.message = Some(member);
        self
    }

    pub const fn query_code(mut self, code: &'static str, status: u16) -> ErrorInfo {
        self.query_code = Some((code, status));
        self
    }
}

/// `@xmlNamespace`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlNamespace {
    pub uri: &'static str,
    pub prefix: Option<&'static str>,
}

/// A shape: its kind, members and shape-level traits.
#[derive(Debug)]
pub struct Schema {
    /// The absolute shape id (`com.amazonaws.connect#ContactId`); `smithy.api#String` and the like
    /// for the prelude schemas.
    pub id: &'static str,
    /// The Rust type's name, which `Debug` prints (empty for lists, maps and the prelude).
    pub name: &'static str,
    pub kind: Kind,
    /// Structure and union members in model order; a list's item; a map's key and value.
    pub members: &'static [Member],
    /// `@sensitive` on the shape: `Debug` shows nothing of its values.
    pub sensitive: bool,
    /// `@xmlName` on the shape.
    pub xml_name: Option<&'static str>,
    /// `@xmlNamespace` on the shape.
    pub xml_namespace: Option<XmlNamespace>,
    /// `@error` structures.
    pub error: Option<ErrorInfo>,
}

impl Schema {
    pub const fn new(id: &'static str, kind: Kind, members: &'static [Member]) -> Schema {
        Schema { id, name: "", kind, members, sensitive: false, xml_name: None, xml_namespace: None, error: None }
    }

    pub const fn structure(id: &'static str, name: &'static str, members: &'static [Member]) -> Schema {
        Schema { name, ..Schema::new(id, Kind::Structure, members) }
    }

    pub const fn union(id: &'static str, name: &'static str, members: &'static [Member]) -> Schema {
        Schema { name, ..Schema::new(id, Kind::Union, members) }
    }

    pub const fn list(id: &'static str, item: &'static [Member]) -> Schema {
        Schema::new(id, Kind::List, item)
    }

    pub const fn map(id: &'static str, entry: &'static [Member]) -> Schema {
        Schema::new(id, Kind::Map, entry)
    }

    pub const fn enumeration(id: &'static str, name: &'static str, allowed: &'static str) -> Schema {
        Schema { name, ..Schema::new(id, Kind::Enum(allowed), &[]) }
    }

    pub const fn int_enumeration(id: &'static str, name: &'static str, allowed: &'static str) -> Schema {
        Schema { name, ..Schema::new(id, Kind::IntEnum(allowed), &[]) }
    }

    pub const fn sensitive(mut self) -> Schema {
        self.sensitive = true;
        self
    }

    pub const fn xml_name(mut self, name: &'static str) -> Schema {
        self.xml_name = Some(name);
        self
    }

    pub const fn xml_namespace(mut self, uri: &'static str, prefix: Option<&'static str>) -> Schema {
        self.xml_namespace = Some(XmlNamespace { uri, prefix });
        self
    }

    pub const fn error(mut self, error: ErrorInfo) -> Schema {
        self.error = Some(error);
        self
    }

    /// The index of the member named `name` (model name).
    pub fn member_index(&self, name: &str) -> Option<usize> {
        self.members.iter().position(|m| m.name == name)
    }

    /// A list's item member (the schema itself when misused on another kind, which never
    /// happens for generated schemas).
    pub fn item(&self) -> &'static Member {
        match self.members.first() {
            Some(member) => member,
            None => &prelude::DOCUMENT_MEMBER,
        }
    }

    /// A map's value member.
    pub fn value(&self) -> &'static Member {
        match self.members.get(1) {
            Some(member) => member,
            None => &prelude::DOCUMENT_MEMBER,
        }
    }
}

/// `@timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// Where a top-level input or output member travels in an HTTP message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Binding {
    /// The body (everything not bound elsewhere, and every nested member).
    #[default]
    Body,
    /// `@httpLabel`: a segment of the URI path.
    Label,
    /// `@httpQuery`: a query parameter of this name.
    Query(&'static str),
    /// `@httpQueryParams`: a map spread into query parameters.
    QueryParams,
    /// `@httpHeader`: a header of this name.
    Header(&'static str),
    /// `@httpPrefixHeaders`: a map spread into headers with this prefix.
    PrefixHeaders(&'static str),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`: the status code of a response.
    ResponseCode,
}

impl Binding {
    /// Members a response carries in its body: `@httpQuery`, `@httpQueryParams` and `@httpLabel`
    /// only mean something in requests, so outputs read them from the body.
    pub fn in_response_body(self) -> bool {
        matches!(self, Binding::Body | Binding::Query(_) | Binding::QueryParams | Binding::Label)
    }
}

/// A bound of `@range` as the model wrote it (messages print `2.2`, not `2.2000000000000002`) and
/// as the numbers each value kind compares with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    pub text: &'static str,
    /// The bound when it is an integer that fits `i64`.
    pub int: Option<i64>,
    /// Nearest `f64`.
    pub double: f64,
    /// Nearest `f32`, rounded from the text (not from `double`).
    pub single: f32,
}

impl Bound {
    pub const fn int(text: &'static str, value: i64) -> Bound {
        Bound { text, int: Some(value), double: value as f64, single: value as f32 }
    }

    pub const fn float(text: &'static str, double: f64, single: f32) -> Bound {
        Bound { text, int: None, double, single }
    }

    /// A bound of a big number, compared as decimal text.
    pub const fn decimal(text: &'static str) -> Bound {
        Bound { text, int: None, double: 0.0, single: 0.0 }
    }
}

/// The constraints on one value position (a member, a list item, a map key or value): the
/// member's own constraint traits merged over its target's, decided at codegen.
#[derive(Debug, Clone, Copy)]
pub struct Constraints {
    /// `@length`: characters of a string, bytes of a blob, entries of a list or map.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range`.
    pub range: Option<(Option<Bound>, Option<Bound>)>,
    /// `@pattern`.
    pub pattern: Option<&'static Pattern>,
    /// `@uniqueItems`.
    pub unique_items: bool,
    /// Overlay extension: every key of a map must match; reported at the map itself.
    pub key_pattern: Option<&'static Pattern>,
    /// Overlay extension: total UTF-8 bytes of a map's keys and values.
    pub max_total_utf8_bytes: Option<u64>,
}

impl Constraints {
    pub const NONE: Constraints = Constraints {
        length: None,
        range: None,
        pattern: None,
        unique_items: false,
        key_pattern: None,
        max_total_utf8_bytes: None,
    };

    pub const fn length(mut self, min: Option<u64>, max: Option<u64>) -> Constraints {
        self.length = Some((min, max));
        self
    }

    pub const fn range(mut self, min: Option<Bound>, max: Option<Bound>) -> Constraints {
        self.range = Some((min, max));
        self
    }

    pub const fn pattern(mut self, pattern: &'static Pattern) -> Constraints {
        self.pattern = Some(pattern);
        self
    }

    pub const fn unique_items(mut self) -> Constraints {
        self.unique_items = true;
        self
    }

    pub const fn key_pattern(mut self, pattern: &'static Pattern) -> Constraints {
        self.key_pattern = Some(pattern);
        self
    }

    pub const fn max_total_utf8_bytes(mut self, max: u64) -> Constraints {
        self.max_total_utf8_bytes = Some(max);
        self
    }
}

/// An `@pattern` expression: the ECMA-262 text the model wrote (shown in messages) and its
/// translation for the `regex` crate, compiled on first use.
///
/// The translation keeps ECMA-262 semantics (ASCII `\d`, `\w`, `\s` and `.`); leading lookaheads
/// `(?=X)` / `(?!X)` become separate expressions that must / must not match.
pub struct Pattern {
    pub source: &'static str,
    pub regex: &'static str,
    pub requirements: &'static [&'static str],
    pub exclusions: &'static [&'static str],
    #[cfg(feature = "pattern")]
    pub(crate) compiled: std::sync::OnceLock<crate::pattern::Compiled>,
}

impl Pattern {
    pub const fn new(
        source: &'static str,
        regex: &'static str,
        requirements: &'static [&'static str],
        exclusions: &'static [&'static str],
    ) -> Pattern {
        Pattern {
            source,
            regex,
            requirements,
            exclusions,
            #[cfg(feature = "pattern")]
            compiled: std::sync::OnceLock::new(),
        }
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

/// A Smithy node value as a `@default` gives it, read against the member's target kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// A number, as the model wrote it.
    Number(&'static str),
    String(&'static str),
    List(&'static [Node]),
    Map(&'static [(&'static str, Node)]),
}

/// XML details of a member (`@xmlName`, `@xmlAttribute`, `@xmlFlattened`, `@xmlNamespace`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct XmlMember {
    pub name: Option<&'static str>,
    pub attribute: bool,
    pub flattened: bool,
    pub namespace: Option<XmlNamespace>,
}

/// A member of a structure or union, or the item / key / value of a list or map.
#[derive(Debug)]
pub struct Member {
    /// The member's name in the model (validation paths, default JSON key).
    pub name: &'static str,
    /// The Rust field name, or for a union member its variant's name (what `Debug` prints).
    pub field: &'static str,
    pub target: &'static Schema,
    /// `@required`.
    pub required: bool,
    /// The value is `@sensitive` (the member's target, or the member): redacted in `Debug`.
    pub sensitive: bool,
    /// Validation has something to check in this value, here or deeper down.
    pub checks: bool,
    /// The constraints at this position.
    pub constraints: &'static Constraints,
    pub binding: Binding,
    /// `@jsonName`.
    pub json_name: Option<&'static str>,
    /// `@timestampFormat` of the member or its target; `None` means the protocol's default for
    /// where the value travels.
    pub timestamp_format: Option<TimestampFormat>,
    /// `@mediaType` of the target: such a string travels base64-encoded in headers, and a payload's
    /// media type is the request's `Content-Type`.
    pub media_type: Option<&'static str>,
    /// `@idempotencyToken`: a fresh UUID is sent when unset.
    pub idempotency_token: bool,
    /// `@streaming` (blob payloads).
    pub streaming: bool,
    /// `@default`.
    pub default: Option<&'static Node>,
    /// `@clientOptional`: a client does not send the default for this member.
    pub client_optional: bool,
    pub xml: XmlMember,
    /// `aws.protocols#ec2QueryName`.
    pub ec2_query_name: Option<&'static str>,
    /// `@hostLabel`.
    pub host_label: bool,
    /// Sent when the caller leaves the member unset (an AWS customization, e.g. Glacier's
    /// `accountId` of `-`).
    pub unset_value: Option<&'static str>,
}

impl Member {
    pub const fn new(name: &'static str, field: &'static str, target: &'static Schema) -> Member {
        Member {
            name,
            field,
            target,
            required: false,
            sensitive: false,
            checks: false,
            constraints: &Constraints::NONE,
            binding: Binding::Body,
            json_name: None,
            timestamp_format: None,
            media_type: None,
            idempotency_token: false,
            streaming: false,
            default: None,
            client_optional: false,
            xml: XmlMember { name: None, attribute: false, flattened: false, namespace: None },
            ec2_query_name: None,
            host_label: false,
            unset_value: None,
        }
    }

    /// A member targeting `smithy.api#Blob` (or a blob shape without traits the runtime reads).
    pub const fn blob(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::BLOB)
    }

    /// A member targeting a boolean.
    pub const fn boolean(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::BOOLEAN)
    }

    /// A member targeting a string.
    pub const fn string(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::STRING)
    }

    /// A member targeting a byte.
    pub const fn byte(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::BYTE)
    }

    /// A member targeting a short.
    pub const fn short(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::SHORT)
    }

    /// A member targeting an integer.
    pub const fn integer(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::INTEGER)
    }

    /// A member targeting a long.
    pub const fn long(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::LONG)
    }

    /// A member targeting a float.
    pub const fn float(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::FLOAT)
    }

    /// A member targeting a double.
    pub const fn double(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::DOUBLE)
    }

    /// A member targeting a big integer.
    pub const fn big_integer(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::BIG_INTEGER)
    }

    /// A member targeting a big decimal.
    pub const fn big_decimal(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::BIG_DECIMAL)
    }

    /// A member targeting a timestamp.
    pub const fn timestamp(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::TIMESTAMP)
    }

    /// A member targeting a document.
    pub const fn document(name: &'static str, field: &'static str) -> Member {
        Member::new(name, field, &prelude::DOCUMENT)
    }

    pub const fn required(mut self) -> Member {
        self.required = true;
        self
    }

    pub const fn sensitive(mut self) -> Member {
        self.sensitive = true;
        self
    }

    /// The value has something to validate (deep); `constraints` are its own checks.
    pub const fn checks(mut self, constraints: &'static Constraints) -> Member {
        self.checks = true;
        self.constraints = constraints;
        self
    }

    /// The value has nothing to check itself, but its members do (a nested structure or union,
    /// an enum, or a collection of such).
    pub const fn nested(mut self) -> Member {
        self.checks = true;
        self
    }

    pub const fn binding(mut self, binding: Binding) -> Member {
        self.binding = binding;
        self
    }

    pub const fn json_name(mut self, name: &'static str) -> Member {
        self.json_name = Some(name);
        self
    }

    pub const fn timestamp_format(mut self, format: TimestampFormat) -> Member {
        self.timestamp_format = Some(format);
        self
    }

    pub const fn media_type(mut self, media_type: &'static str) -> Member {
        self.media_type = Some(media_type);
        self
    }

    pub const fn idempotency_token(mut self) -> Member {
        self.idempotency_token = true;
        self
    }

    pub const fn streaming(mut self) -> Member {
        self.streaming = true;
        self
    }

    pub const fn default(mut self, value: &'static Node) -> Member {
        self.default = Some(value);
        self
    }

    pub const fn client_optional(mut self) -> Member {
        self.client_optional = true;
        self
    }

    pub const fn xml_name(mut self, name: &'static str) -> Member {
        self.xml.name = Some(name);
        self
    }

    pub const fn xml_attribute(mut self) -> Member {
        self.xml.attribute = true;
        self
    }

    pub const fn xml_flattened(mut self) -> Member {
        self.xml.flattened = true;
        self
    }

    pub const fn xml_namespace(mut self, uri: &'static str, prefix: Option<&'static str>) -> Member {
        self.xml.namespace = Some(XmlNamespace { uri, prefix });
        self
    }

    pub const fn ec2_query_name(mut self, name: &'static str) -> Member {
        self.ec2_query_name = Some(name);
        self
    }

    pub const fn unset_value(mut self, value: &'static str) -> Member {
        self.unset_value = Some(value);
        self
    }

    pub const fn host_label(mut self) -> Member {
        self.host_label = true;
        self
    }

    /// The key of this member in a JSON object.
    pub fn json_key(&self) -> &'static str {
        match self.json_name {
            Some(name) => name,
            None => self.name,
        }
    }
}

/// One segment of an `@http` URI pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, already valid in a URI.
    Literal(&'static str),
    /// The input member at this index; greedy labels (`{Key+}`) keep `/`.
    Label { member: usize, greedy: bool },
}

/// An operation's `@http` trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Http {
    pub method: &'static str,
    pub path: &'static [PathPart],
    /// Constant query parameters of the URI pattern (`?list-type=2`, or `?flag` with no value).
    pub query: &'static [(&'static str, Option<&'static str>)],
    /// The status code of a successful response.
    pub code: u16,
}

/// A wire protocol of the AWS SDKs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#awsQuery`.
    AwsQuery,
    /// `aws.protocols#ec2Query`.
    Ec2Query,
    /// `aws.protocols#restXml`.
    RestXml,
}

/// How a service's operations travel: the facts every request and response of its protocol
/// needs beyond the operation's own schema.
#[derive(Debug)]
pub struct Wire {
    pub protocol: Protocol,
    /// The service shape's name: the `X-Amz-Target` prefix of the JSON RPC protocols.
    pub service: &'static str,
    /// The service's `version`: the `Version` parameter of the query protocols.
    pub version: &'static str,
    /// `@xmlNamespace` on the service: the namespace of XML request bodies.
    pub xml_namespace: Option<XmlNamespace>,
    /// `aws.protocols#awsQueryCompatible`: requests say `x-amzn-query-mode: true` and errors
    /// carry their query code in `x-amzn-query-error`.
    pub query_compatible: bool,
    /// `restXml(noErrorWrapping: true)`: error documents have `<Error>` as their root.
    pub no_error_wrapping: bool,
    /// Headers every request carries unless it sets them itself (AWS customizations such as
    /// API Gateway's `Accept`).
    pub headers: &'static [(&'static str, &'static str)],
}

impl Wire {
    pub const fn new(protocol: Protocol, service: &'static str, version: &'static str) -> Wire {
        Wire { protocol, service, version, xml_namespace: None, query_compatible: false, no_error_wrapping: false, headers: &[] }
    }

    pub const fn xml_namespace(mut self, uri: &'static str, prefix: Option<&'static str>) -> Wire {
        self.xml_namespace = Some(XmlNamespace { uri, prefix });
        self
    }

    pub const fn query_compatible(mut self) -> Wire {
        self.query_compatible = true;
        self
    }

    pub const fn no_error_wrapping(mut self) -> Wire {
        self.no_error_wrapping = true;
        self
    }

    pub const fn headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Wire {
        self.headers = headers;
        self
    }
}

/// An operation: its shapes and how it travels.
#[derive(Debug)]
pub struct Operation {
    /// The operation's name in the model.
    pub name: &'static str,
    pub id: &'static str,
    pub input: &'static Schema,
    pub output: &'static Schema,
    /// The errors it can return (its own, then the service's), in the order of the operation's
    /// error enum.
    pub errors: &'static [&'static Schema],
    pub http: Option<Http>,
    /// The service's protocol facts.
    pub wire: &'static Wire,
    /// `@requestCompression` lists `gzip`: bodies of at least
    /// [`MIN_COMPRESSION_BYTES`](crate::protocol::MIN_COMPRESSION_BYTES) travel gzipped.
    pub gzip: bool,
    /// `@auth([])`: sent unsigned, and no credentials are looked up (STS
    /// `AssumeRoleWithWebIdentity`, SSO `GetRoleCredentials`: the calls that obtain credentials).
    pub anonymous: bool,
    /// `@endpoint` `hostPrefix`: put before the endpoint's host, labels from `@hostLabel` members.
    pub host_prefix: &'static [PathPart],
    /// Where the operation departs from its protocol.
    pub customizations: &'static [Customization],
    /// The endpoint rule-set parameters a call binds, least specific first (see [`ContextParam`]).
    pub endpoint_params: &'static [ContextParam],
}

impl Operation {
    /// Whether the operation has this customization.
    pub fn has(&self, customization: Customization) -> bool {
        self.customizations.contains(&customization)
    }
}

/// How one operation departs from its protocol: a trait of `aws.customizations`, or one of the
/// few AWS SDK customizations the generator documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Customization {
    /// `aws.customizations#s3UnwrappedXmlOutput`: the response document is the output's one
    /// body member, not a wrapper around the output's members.
    UnwrappedOutput,
    /// The request goes to the URL this input member holds, when set (Machine Learning's
    /// `Predict` and its `PredictEndpoint`).
    EndpointFromMember { member: usize },
    /// Glacier's `x-amz-content-sha256` and `x-amz-sha256-tree-hash` headers on uploads.
    TreeHashHeaders,
}

/// A rule-set parameter an operation binds (`smithy.rules#staticContextParams`, `contextParam`
/// or `operationContextParams`), as codegen compiled it. An operation's table lists
/// `operationContextParams`, then `contextParam`, then `staticContextParams`: applied in that
/// order, the most specific value wins, as the rules engine specification orders them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextParam {
    /// The parameter's index among the rule set's parameters (the generated resolver's numbering).
    pub param: usize,
    pub value: ContextValue,
}

impl ContextParam {
    pub const fn new(param: usize, value: ContextValue) -> ContextParam {
        ContextParam { param, value }
    }

    /// The value at `path` of the input, read as a value of `kind`.
    pub const fn input(param: usize, kind: ParamKind, path: &'static [PathStep]) -> ContextParam {
        ContextParam { param, value: ContextValue::Input { kind, path } }
    }
}

/// Where a bound parameter's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextValue {
    /// A `staticContextParams` boolean.
    Bool(bool),
    /// A `staticContextParams` string.
    String(&'static str),
    /// A `staticContextParams` string array.
    Strings(&'static [&'static str]),
    /// A `contextParam` member (a path of one step) or an `operationContextParams` path: the
    /// value found there, or nothing when the input sets nothing there.
    Input { kind: ParamKind, path: &'static [PathStep] },
}

/// The type of a rule-set parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    String,
    Bool,
    /// `stringArray`: every string the path reaches, in order.
    Strings,
}

/// One step of a compiled `operationContextParams` path (the JMESPath subset the rules engine
/// allows), applied to every value the steps before it reached; unset values drop out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep {
    /// The member at this index of a structure, or of a union when it is the member set
    /// (`Name`, `a.b`).
    Member(usize),
    /// Every item of a list (`[*]`, and the flatten operator `[]`).
    Items,
    /// Every value of a map (`*`).
    Values,
    /// Every key of a map (`keys(...)`).
    Keys,
    /// Each of these paths from the same value, in order (a multi-select list `[a, b]`, flattened).
    Select(&'static [&'static [PathStep]]),
}

/// Schemas of the prelude's simple shapes, shared by every member whose target carries nothing
/// the runtime needs beyond its kind.
pub mod prelude {
    use super::{Kind, Member, Schema};

    pub static BLOB: Schema = Schema::new("smithy.api#Blob", Kind::Blob, &[]);
    pub static BOOLEAN: Schema = Schema::new("smithy.api#Boolean", Kind::Boolean, &[]);
    pub static STRING: Schema = Schema::new("smithy.api#String", Kind::String, &[]);
    pub static BYTE: Schema = Schema::new("smithy.api#Byte", Kind::Byte, &[]);
    pub static SHORT: Schema = Schema::new("smithy.api#Short", Kind::Short, &[]);
    pub static INTEGER: Schema = Schema::new("smithy.api#Integer", Kind::Integer, &[]);
    pub static LONG: Schema = Schema::new("smithy.api#Long", Kind::Long, &[]);
    pub static FLOAT: Schema = Schema::new("smithy.api#Float", Kind::Float, &[]);
    pub static DOUBLE: Schema = Schema::new("smithy.api#Double", Kind::Double, &[]);
    pub static BIG_INTEGER: Schema = Schema::new("smithy.api#BigInteger", Kind::BigInteger, &[]);
    pub static BIG_DECIMAL: Schema = Schema::new("smithy.api#BigDecimal", Kind::BigDecimal, &[]);
    pub static TIMESTAMP: Schema = Schema::new("smithy.api#Timestamp", Kind::Timestamp, &[]);
    pub static DOCUMENT: Schema = Schema::new("smithy.api#Document", Kind::Document, &[]);
    /// The operation input or output of `smithy.api#Unit`.
    pub static UNIT: Schema = Schema::structure("smithy.api#Unit", "Unit", &[]);

    pub(crate) static DOCUMENT_MEMBER: Member = Member::new("member", "member", &DOCUMENT);
}
