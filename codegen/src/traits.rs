//! The traits the generator understands, parsed once (by [`crate::check`]) from the model's trait
//! values into a typed [`TraitSet`] per shape and member. A malformed value is a diagnostic naming
//! the trait; nothing later reads the raw values again.

use serde_json::Value;

use crate::diagnostics::Diagnostic;
use crate::model::Traits;
use crate::node::Node;

pub mod waitable;

pub const REQUIRED: &str = "smithy.api#required";
pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const LENGTH: &str = "smithy.api#length";
pub const RANGE: &str = "smithy.api#range";
pub const PATTERN: &str = "smithy.api#pattern";
pub const UNIQUE_ITEMS: &str = "smithy.api#uniqueItems";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ENUM_TRAIT: &str = "smithy.api#enum";
pub const INTERNAL: &str = "smithy.api#internal";
pub const DEFAULT: &str = "smithy.api#default";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const ERROR: &str = "smithy.api#error";
pub const HTTP_ERROR: &str = "smithy.api#httpError";
pub const RETRYABLE: &str = "smithy.api#retryable";
pub const MIXIN: &str = "smithy.api#mixin";
pub const TITLE: &str = "smithy.api#title";
pub const STREAMING: &str = "smithy.api#streaming";
pub const SPARSE: &str = "smithy.api#sparse";
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
pub const HTTP: &str = "smithy.api#http";
pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
pub const HOST_LABEL: &str = "smithy.api#hostLabel";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const XML_NAME: &str = "smithy.api#xmlName";
pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
pub const QUERY_ERROR: &str = "aws.protocols#awsQueryError";
pub const SIGV4: &str = "aws.auth#sigv4";
pub const AWS_SERVICE: &str = "aws.api#service";
pub const REST_JSON1: &str = "aws.protocols#restJson1";
pub const AWS_JSON1_0: &str = "aws.protocols#awsJson1_0";
pub const AWS_JSON1_1: &str = "aws.protocols#awsJson1_1";
pub const REST_XML: &str = "aws.protocols#restXml";
pub const AWS_QUERY: &str = "aws.protocols#awsQuery";
pub const EC2_QUERY: &str = "aws.protocols#ec2Query";
pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
pub const ENDPOINT: &str = "smithy.api#endpoint";
pub const AUTH: &str = "smithy.api#auth";
pub const S3_UNWRAPPED_XML_OUTPUT: &str = "aws.customizations#s3UnwrappedXmlOutput";
pub const PAGINATED: &str = "smithy.api#paginated";

/// A protocol trait the generator can speak, in the order it prefers them when a service offers
/// several: JSON before XML (smaller bodies, no XML code in the crate), REST before RPC.
pub const SUPPORTED_PROTOCOLS: &[(&str, Protocol)] = &[
    (REST_JSON1, Protocol::RestJson1),
    (AWS_JSON1_0, Protocol::AwsJson1_0),
    (AWS_JSON1_1, Protocol::AwsJson1_1),
    (REST_XML, Protocol::RestXml),
    (AWS_QUERY, Protocol::AwsQuery),
    (EC2_QUERY, Protocol::Ec2Query),
];

/// A wire protocol of the AWS SDKs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    RestJson1,
    AwsJson1_0,
    AwsJson1_1,
    RestXml,
    AwsQuery,
    Ec2Query,
}

impl Protocol {
    /// The trait's shape id.
    pub fn trait_id(self) -> &'static str {
        SUPPORTED_PROTOCOLS.iter().find(|(_, p)| *p == self).map_or("", |(id, _)| id)
    }

    /// Whether the protocol reads the HTTP binding traits (`@http`, `@httpHeader`, ...).
    pub fn http_bindings(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }

    /// Whether `@jsonName` renames members on the wire (only restJson1 honours it).
    pub fn json_name(self) -> bool {
        self == Protocol::RestJson1
    }
}
/// Our extension for overlays: a pattern every key of a map must satisfy.
pub const KEY_PATTERN: &str = "codegen.constraints#keyPattern";
/// Our extension for overlays: an upper bound on the UTF-8 bytes of all keys and values of a map.
pub const MAX_TOTAL_UTF8_BYTES: &str = "codegen.constraints#maxTotalUtf8Bytes";

/// Bounds of `@length`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// Bounds of `@range`, kept as the model wrote them so messages print `2.2`, not `2.2000000000000002`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Range {
    pub min: Option<String>,
    pub max: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Client,
    Server,
}

/// `@timestampFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// `@enumValue`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    String(String),
    Int(i32),
}

/// One entry of a Smithy 1.0 `@enum` trait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyEnumValue {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    pub internal: bool,
    pub deprecated: bool,
}

/// `@http`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpTrait {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

/// `@xmlNamespace`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    pub uri: String,
    pub prefix: Option<String>,
}

/// `@paginated` as written on one shape: member names (`outputToken` and `items` may be paths,
/// `Result.NextToken`). A service's values are defaults for its operations' ([`Paginated::merged`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

impl Paginated {
    /// The operation's values, each falling back to the service's.
    pub fn merged(&self, service: Option<&Paginated>) -> Paginated {
        let pick = |own: &Option<String>, default: Option<&Option<String>>| own.clone().or_else(|| default.cloned().flatten());
        Paginated {
            input_token: pick(&self.input_token, service.map(|s| &s.input_token)),
            output_token: pick(&self.output_token, service.map(|s| &s.output_token)),
            items: pick(&self.items, service.map(|s| &s.items)),
            page_size: pick(&self.page_size, service.map(|s| &s.page_size)),
        }
    }
}

/// Every trait the generator reads, of one shape or member.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TraitSet {
    pub documentation: Option<String>,
    pub required: bool,
    pub sensitive: bool,
    pub length: Option<Length>,
    pub range: Option<Range>,
    pub pattern: Option<String>,
    pub unique_items: bool,
    pub key_pattern: Option<String>,
    pub max_total_utf8_bytes: Option<u64>,
    /// `@default`, `null` included (which removes an inherited default).
    pub default: Option<Node>,
    pub client_optional: bool,
    /// The message of `@deprecated` (a fixed text when it gives none).
    pub deprecated: Option<String>,
    pub error: Option<Fault>,
    pub http_error: Option<u16>,
    /// `@retryable`, with its `throttling` flag.
    pub retryable: Option<bool>,
    pub json_name: Option<String>,
    pub timestamp_format: Option<TimestampFormat>,
    pub media_type: Option<String>,
    pub idempotency_token: bool,
    pub streaming: bool,
    pub sparse: bool,
    pub http_label: bool,
    pub http_query: Option<String>,
    pub http_query_params: bool,
    pub http_header: Option<String>,
    pub http_prefix_headers: Option<String>,
    pub http_payload: bool,
    pub http_response_code: bool,
    pub host_label: bool,
    pub xml_name: Option<String>,
    pub xml_attribute: bool,
    pub xml_flattened: bool,
    pub xml_namespace: Option<XmlNamespace>,
    pub ec2_query_name: Option<String>,
    /// `aws.protocols#awsQueryError`: code and HTTP status.
    pub query_error: Option<(String, u16)>,
    pub enum_value: Option<EnumValue>,
    pub internal: bool,
    pub legacy_enum: Option<Vec<LegacyEnumValue>>,
    pub mixin: bool,
    pub title: Option<String>,
    pub http: Option<HttpTrait>,
    /// `@requestCompression` lists `gzip` (the one encoding Smithy defines).
    pub gzip: bool,
    /// `@endpoint` `hostPrefix`.
    pub host_prefix: Option<String>,
    /// `@auth`: the auth schemes in priority order; empty for an operation sent anonymously.
    pub auth: Option<Vec<String>>,
    /// `aws.customizations#s3UnwrappedXmlOutput`.
    pub unwrapped_output: bool,
    /// `aws.auth#sigv4` `name`.
    pub sigv4_name: Option<String>,
    /// `aws.api#service` `sdkId`.
    pub sdk_id: Option<String>,
    /// The protocol traits the generator supports, in its order of preference.
    pub protocols: Vec<Protocol>,
    /// `aws.protocols#awsQueryCompatible`.
    pub aws_query_compatible: bool,
    /// `aws.protocols#restXml` `noErrorWrapping`.
    pub no_error_wrapping: bool,
    /// `@paginated`, on an operation or a service.
    pub paginated: Option<Paginated>,
    /// `smithy.waiters#waitable`: the well-formed waiters, in the trait's order.
    pub waiters: Vec<waitable::Waiter>,
}

impl TraitSet {
    /// Whether any constraint trait is set.
    pub fn has_constraints(&self) -> bool {
        self.length.is_some()
            || self.range.is_some()
            || self.pattern.is_some()
            || self.unique_items
            || self.key_pattern.is_some()
            || self.max_total_utf8_bytes.is_some()
    }
}

fn wrong(key: &str, expected: &str) -> Diagnostic {
    let short = key.rsplit('#').next().unwrap_or(key);
    Diagnostic::error("InvalidTraitValue", format!("`{key}` must be {expected}"))
        .hint(format!("see the `@{short}` trait in the Smithy specification for its exact form"))
}

fn string(traits: &Traits, key: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    match traits.get(key)? {
        Value::String(s) => Some(s.clone()),
        _ => {
            problems.push(wrong(key, "a string"));
            None
        }
    }
}

fn bound_u64(object: &serde_json::Map<String, Value>, key: &str, name: &str) -> Result<Option<u64>, Diagnostic> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| wrong(key, &format!("an object whose `{name}` is a non-negative integer"))),
        Some(_) => Err(wrong(key, &format!("an object whose `{name}` is a number"))),
    }
}

fn length(value: &Value) -> Result<Length, Diagnostic> {
    let object = value.as_object().ok_or_else(|| wrong(LENGTH, "an object with `min` and/or `max`"))?;
    let length = Length { min: bound_u64(object, LENGTH, "min")?, max: bound_u64(object, LENGTH, "max")? };
    if let (Some(min), Some(max)) = (length.min, length.max) {
        if min > max {
            return Err(Diagnostic::error("InvalidTraitValue", format!("`{LENGTH}` has min {min} greater than max {max}")).hint("swap the bounds or fix the typo"));
        }
    }
    if length.min.is_none() && length.max.is_none() {
        return Err(wrong(LENGTH, "an object with at least one of `min` and `max`"));
    }
    Ok(length)
}

fn range(value: &Value) -> Result<Range, Diagnostic> {
    let object = value.as_object().ok_or_else(|| wrong(RANGE, "an object with `min` and/or `max`"))?;
    let bound = |name: &str| -> Result<Option<String>, Diagnostic> {
        match object.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) if n.to_string().parse::<f64>().is_ok() => Ok(Some(n.to_string())),
            Some(_) => Err(wrong(RANGE, &format!("an object whose `{name}` is a number"))),
        }
    };
    let range = Range { min: bound("min")?, max: bound("max")? };
    if let (Some(min), Some(max)) = (&range.min, &range.max) {
        if let (Ok(a), Ok(b)) = (min.parse::<f64>(), max.parse::<f64>()) {
            if a > b {
                return Err(Diagnostic::error("InvalidTraitValue", format!("`{RANGE}` has min {min} greater than max {max}")).hint("swap the bounds or fix the typo"));
            }
        }
    }
    if range.min.is_none() && range.max.is_none() {
        return Err(wrong(RANGE, "an object with at least one of `min` and `max`"));
    }
    Ok(range)
}

fn deprecated(value: &Value) -> String {
    let message = value.get("message").and_then(Value::as_str);
    let since = value.get("since").and_then(Value::as_str);
    match (message, since) {
        (Some(m), Some(s)) => format!("{m} (deprecated since {s})"),
        (Some(m), None) => m.to_string(),
        (None, Some(s)) => format!("deprecated since {s}"),
        (None, None) => "deprecated".to_string(),
    }
}

fn legacy_enum(value: &Value) -> Result<Vec<LegacyEnumValue>, Diagnostic> {
    let items = value.as_array().ok_or_else(|| wrong(ENUM_TRAIT, "an array of enum definitions"))?;
    items
        .iter()
        .map(|entry| {
            let value = entry.get("value").and_then(Value::as_str).ok_or_else(|| wrong(ENUM_TRAIT, "an array of objects each with a string `value`"))?;
            Ok(LegacyEnumValue {
                value: value.to_string(),
                name: entry.get("name").and_then(Value::as_str).map(str::to_string),
                documentation: entry.get("documentation").and_then(Value::as_str).map(str::to_string),
                internal: entry.get("tags").and_then(Value::as_array).is_some_and(|t| t.iter().any(|t| t == "internal")),
                deprecated: entry.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
            })
        })
        .collect()
}

fn http(value: &Value) -> Result<HttpTrait, Diagnostic> {
    let wrong = |what: &str| Diagnostic::error("InvalidTraitValue", format!("`{HTTP}` {what}"));
    let method = value.get("method").and_then(Value::as_str).ok_or_else(|| wrong("needs a string `method`"))?;
    let uri = value.get("uri").and_then(Value::as_str).ok_or_else(|| wrong("needs a string `uri`"))?;
    let code = match value.get("code") {
        None => 200,
        Some(code) => code
            .as_u64()
            .and_then(|c| u16::try_from(c).ok())
            .filter(|c| (100..600).contains(c))
            .ok_or_else(|| wrong("has a `code` that is not an HTTP status"))?,
    };
    if !uri.starts_with('/') {
        return Err(wrong(&format!("uri `{uri}` must start with `/`")));
    }
    Ok(HttpTrait { method: method.to_string(), uri: uri.to_string(), code })
}

fn paginated(value: &Value) -> Result<Paginated, Diagnostic> {
    let object = value.as_object().ok_or_else(|| wrong(PAGINATED, "an object of member names"))?;
    let name = |key: &str| match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
        Some(_) => Err(wrong(PAGINATED, &format!("an object whose `{key}` is a non-empty member name"))),
    };
    Ok(Paginated { input_token: name("inputToken")?, output_token: name("outputToken")?, items: name("items")?, page_size: name("pageSize")? })
}

/// Parse the traits of one shape or member; problems come back without a location (the caller
/// adds shape id and file).
pub fn parse(traits: &Traits) -> (TraitSet, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut set = TraitSet::default();
    let has = |key: &str| traits.contains_key(key);
    set.documentation = string(traits, DOCUMENTATION, &mut problems);
    set.required = has(REQUIRED);
    set.sensitive = has(SENSITIVE);
    set.unique_items = has(UNIQUE_ITEMS);
    set.client_optional = has(CLIENT_OPTIONAL);
    set.idempotency_token = has(IDEMPOTENCY_TOKEN);
    set.streaming = has(STREAMING);
    set.sparse = has(SPARSE);
    set.http_label = has(HTTP_LABEL);
    set.http_query_params = has(HTTP_QUERY_PARAMS);
    set.http_payload = has(HTTP_PAYLOAD);
    set.http_response_code = has(HTTP_RESPONSE_CODE);
    set.host_label = has(HOST_LABEL);
    set.xml_attribute = has(XML_ATTRIBUTE);
    set.xml_flattened = has(XML_FLATTENED);
    set.internal = has(INTERNAL);
    set.mixin = has(MIXIN);
    set.protocols = SUPPORTED_PROTOCOLS.iter().filter(|(id, _)| has(id)).map(|(_, p)| *p).collect();
    set.aws_query_compatible = has(AWS_QUERY_COMPATIBLE);
    set.unwrapped_output = has(S3_UNWRAPPED_XML_OUTPUT);
    set.no_error_wrapping = traits.get(REST_XML).and_then(|t| t.get("noErrorWrapping")).and_then(Value::as_bool).unwrap_or(false);
    if let Some(value) = traits.get(LENGTH) {
        match length(value) {
            Ok(length) => set.length = Some(length),
            Err(d) => problems.push(d),
        }
    }
    if let Some(value) = traits.get(RANGE) {
        match range(value) {
            Ok(range) => set.range = Some(range),
            Err(d) => problems.push(d),
        }
    }
    set.pattern = string(traits, PATTERN, &mut problems);
    set.key_pattern = string(traits, KEY_PATTERN, &mut problems);
    match traits.get(MAX_TOTAL_UTF8_BYTES) {
        None => {}
        Some(Value::Number(n)) if n.as_u64().is_some() => set.max_total_utf8_bytes = n.as_u64(),
        Some(_) => problems.push(wrong(MAX_TOTAL_UTF8_BYTES, "a non-negative integer")),
    }
    set.default = traits.get(DEFAULT).map(Node::from_json);
    set.deprecated = traits.get(DEPRECATED).map(deprecated);
    match string(traits, ERROR, &mut problems).as_deref() {
        None => {}
        Some("client") => set.error = Some(Fault::Client),
        Some("server") => set.error = Some(Fault::Server),
        Some(_) => problems.push(wrong(ERROR, "\"client\" or \"server\"")),
    }
    match traits.get(HTTP_ERROR) {
        None => {}
        Some(Value::Number(n)) => match n.as_u64() {
            Some(code @ 100..=599) => set.http_error = Some(code as u16),
            _ => problems.push(wrong(HTTP_ERROR, "an HTTP status code between 100 and 599")),
        },
        Some(_) => problems.push(wrong(HTTP_ERROR, "a number")),
    }
    set.retryable = traits.get(RETRYABLE).map(|r| r.get("throttling").and_then(Value::as_bool).unwrap_or(false));
    set.json_name = string(traits, JSON_NAME, &mut problems);
    match string(traits, TIMESTAMP_FORMAT, &mut problems).as_deref() {
        None => {}
        Some("epoch-seconds") => set.timestamp_format = Some(TimestampFormat::EpochSeconds),
        Some("date-time") => set.timestamp_format = Some(TimestampFormat::DateTime),
        Some("http-date") => set.timestamp_format = Some(TimestampFormat::HttpDate),
        Some(_) => problems.push(wrong(TIMESTAMP_FORMAT, "\"epoch-seconds\", \"date-time\" or \"http-date\"")),
    }
    set.media_type = string(traits, MEDIA_TYPE, &mut problems);
    set.http_query = string(traits, HTTP_QUERY, &mut problems);
    set.http_header = string(traits, HTTP_HEADER, &mut problems);
    set.http_prefix_headers = string(traits, HTTP_PREFIX_HEADERS, &mut problems);
    set.xml_name = string(traits, XML_NAME, &mut problems);
    set.ec2_query_name = string(traits, EC2_QUERY_NAME, &mut problems);
    set.title = string(traits, TITLE, &mut problems);
    if let Some(value) = traits.get(XML_NAMESPACE) {
        match value.get("uri").and_then(Value::as_str) {
            Some(uri) => {
                set.xml_namespace = Some(XmlNamespace { uri: uri.to_string(), prefix: value.get("prefix").and_then(Value::as_str).map(str::to_string) })
            }
            None => problems.push(wrong(XML_NAMESPACE, "an object with a string `uri`")),
        }
    }
    if let Some(value) = traits.get(QUERY_ERROR) {
        let code = value.get("code").and_then(Value::as_str);
        let status = value.get("httpResponseCode").and_then(Value::as_u64).and_then(|s| u16::try_from(s).ok());
        match (code, status) {
            (Some(code), Some(status)) => set.query_error = Some((code.to_string(), status)),
            _ => problems.push(wrong(QUERY_ERROR, "an object with a string `code` and a number `httpResponseCode`")),
        }
    }
    match traits.get(ENUM_VALUE) {
        None => {}
        Some(Value::String(s)) => set.enum_value = Some(EnumValue::String(s.clone())),
        Some(Value::Number(n)) => match n.as_i64().and_then(|v| i32::try_from(v).ok()) {
            Some(v) => set.enum_value = Some(EnumValue::Int(v)),
            None => problems.push(wrong(ENUM_VALUE, "a non-empty string or a 32-bit integer")),
        },
        Some(_) => problems.push(wrong(ENUM_VALUE, "a non-empty string or a 32-bit integer")),
    }
    if let Some(value) = traits.get(ENUM_TRAIT) {
        match legacy_enum(value) {
            Ok(values) => set.legacy_enum = Some(values),
            Err(d) => problems.push(d),
        }
    }
    if let Some(value) = traits.get(ENDPOINT) {
        match value.get("hostPrefix").and_then(Value::as_str) {
            Some(prefix) => set.host_prefix = Some(prefix.to_string()),
            None => problems.push(wrong(ENDPOINT, "an object with a `hostPrefix` string")),
        }
    }
    if let Some(value) = traits.get(AUTH) {
        match value.as_array().map(|schemes| schemes.iter().map(|s| s.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()) {
            Some(Some(schemes)) => set.auth = Some(schemes),
            _ => problems.push(wrong(AUTH, "a list of auth scheme shape ids")),
        }
    }
    if let Some(value) = traits.get(REQUEST_COMPRESSION) {
        match value.get("encodings").and_then(Value::as_array) {
            Some(encodings) => set.gzip = encodings.iter().any(|e| e.as_str().is_some_and(|e| e.eq_ignore_ascii_case("gzip"))),
            None => problems.push(wrong(REQUEST_COMPRESSION, "an object with an `encodings` list")),
        }
    }
    if let Some(value) = traits.get(HTTP) {
        match http(value) {
            Ok(http) => set.http = Some(http),
            Err(d) => problems.push(d),
        }
    }
    if let Some(value) = traits.get(SIGV4) {
        match value.get("name").and_then(Value::as_str) {
            Some(name) => set.sigv4_name = Some(name.to_string()),
            None => problems.push(wrong(SIGV4, "an object with a string `name`")),
        }
    }
    if let Some(value) = traits.get(PAGINATED) {
        match paginated(value) {
            Ok(value) => set.paginated = Some(value),
            Err(d) => problems.push(d),
        }
    }
    if let Some(value) = traits.get(waitable::WAITABLE) {
        let (waiters, warnings) = waitable::parse(value);
        set.waiters = waiters;
        problems.extend(warnings);
    }
    set.sdk_id = traits.get(AWS_SERVICE).and_then(|s| s.get("sdkId")).and_then(Value::as_str).map(str::to_string);
    (set, problems)
}
