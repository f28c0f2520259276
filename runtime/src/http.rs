//! The HTTP side of the protocol: building `http::Request`s and reading `http::Response`s.
//!
//! Sans-IO: nothing here sends or receives; the caller moves bytes.

/// Why a request could not be built.
#[derive(::std::fmt::Debug)]
#[non_exhaustive]
pub enum RequestError {
    /// The input violates constraints of the model; nothing was built.
    Validation(crate::validate::ValidationError),
    /// A member bound to the URI path is unset or empty.
    MissingLabel {
        /// The member's name in the model.
        member: &'static str,
    },
    /// The endpoint is not an absolute `http://` or `https://` URI.
    InvalidEndpoint(::std::string::String),
    /// A value cannot be sent in an HTTP header (e.g. it contains a line break).
    InvalidHeader {
        /// The header's name.
        name: ::std::string::String,
    },
    /// The assembled request was refused by the `http` crate.
    Http(::http::Error),
    /// A `@hostLabel` member is unset, or its value is not a host label (letters, digits, `-`).
    InvalidHostLabel {
        /// The member's name in the model.
        member: &'static str,
    },
    /// This build of the runtime lacks the feature of the service's protocol.
    UnsupportedProtocol(crate::schema::Protocol),
}

impl ::std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            RequestError::Validation(error) => ::std::fmt::Display::fmt(error, f),
            RequestError::MissingLabel { member } => {
                write!(f, "the path label `{member}` is unset or empty; it is required to build the request URI")
            }
            RequestError::InvalidEndpoint(endpoint) => {
                write!(f, "endpoint `{endpoint}` is not an absolute http:// or https:// URI")
            }
            RequestError::InvalidHeader { name } => write!(f, "the value of header `{name}` cannot be sent in HTTP"),
            RequestError::Http(error) => write!(f, "cannot build the HTTP request: {error}"),
            RequestError::InvalidHostLabel { member } => {
                write!(f, "the host label `{member}` is unset or not a valid host label (letters, digits and `-`, at most 63)")
            }
            RequestError::UnsupportedProtocol(protocol) => {
                write!(f, "this build of smithy-rt lacks the {protocol:?} protocol; enable its feature")
            }
        }
    }
}

impl ::std::error::Error for RequestError {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            RequestError::Validation(error) => ::std::option::Option::Some(error),
            RequestError::Http(error) => ::std::option::Option::Some(error),
            _ => ::std::option::Option::None,
        }
    }
}

/// Collects the parts of a request; the protocol serializers fill it in order.
#[derive(::std::fmt::Debug)]
pub struct RequestBuilder {
    method: &'static str,
    endpoint: ::std::string::String,
    path: ::std::string::String,
    query: ::std::vec::Vec<(::std::string::String, ::std::option::Option<::std::string::String>)>,
    headers: ::std::vec::Vec<(::std::string::String, ::std::string::String)>,
    body: ::std::vec::Vec<u8>,
}

impl RequestBuilder {
    /// Start a request to `endpoint` (scheme, host and optional base path).
    pub fn new(method: &'static str, endpoint: &str) -> ::std::result::Result<Self, RequestError> {
        let rest = endpoint.strip_prefix("https://").or_else(|| endpoint.strip_prefix("http://"));
        match rest {
            ::std::option::Option::Some(rest) if !rest.is_empty() && !rest.starts_with('/') && !rest.contains(['?', '#', ' ']) => {}
            _ => return ::std::result::Result::Err(RequestError::InvalidEndpoint(endpoint.to_string())),
        }
        ::std::result::Result::Ok(RequestBuilder {
            method,
            endpoint: endpoint.trim_end_matches('/').to_string(),
            path: ::std::string::String::new(),
            query: ::std::vec::Vec::new(),
            headers: ::std::vec::Vec::new(),
            body: ::std::vec::Vec::new(),
        })
    }

    /// Append literal path text (already valid in a URI).
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Append a label's value, percent-encoded; greedy labels keep `/`.
    pub fn label(&mut self, member: &'static str, value: &str, greedy: bool) -> ::std::result::Result<(), RequestError> {
        if value.is_empty() {
            return ::std::result::Result::Err(RequestError::MissingLabel { member });
        }
        let encoded = if greedy { crate::text::encode_greedy_label(value) } else { crate::text::encode_label(value) };
        self.path.push_str(&encoded);
        ::std::result::Result::Ok(())
    }

    /// Add a query parameter (the value is encoded here).
    pub fn query(&mut self, name: &str, value: &str) {
        self.query.push((name.to_string(), ::std::option::Option::Some(value.to_string())));
    }

    /// Add a query parameter without a value (`?flag`), as a URI pattern may have.
    pub fn query_flag(&mut self, name: &str) {
        self.query.push((name.to_string(), ::std::option::Option::None));
    }

    /// Add a query parameter from `@httpQueryParams` unless a bound member already set that name.
    pub fn query_param_if_absent(&mut self, bound: &[&str], name: &str, value: &str) {
        if !bound.contains(&name) {
            self.query(name, value);
        }
    }

    /// Set a header.
    pub fn header(&mut self, name: &str, value: impl ::std::convert::Into<::std::string::String>) {
        self.headers.push((name.to_string(), value.into()));
    }

    /// Set a header from `@httpPrefixHeaders` unless a member bound to that exact header set it.
    pub fn header_if_absent(&mut self, name: &str, value: impl ::std::convert::Into<::std::string::String>) {
        if !self.has_header(name) {
            self.header(name, value);
        }
    }

    /// Whether a header of this name (case-insensitive) is already set.
    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Set the body and its content type.
    pub fn body(&mut self, content_type: &str, body: ::std::vec::Vec<u8>) {
        if !self.has_header("content-type") {
            self.header("Content-Type", content_type);
        }
        self.body = body;
    }

    /// Assemble the `http::Request`.
    pub fn build(self) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, RequestError> {
        let mut uri = self.endpoint;
        uri.push_str(if self.path.is_empty() { "/" } else { &self.path });
        for (i, (name, value)) in self.query.iter().enumerate() {
            uri.push(if i == 0 { '?' } else { '&' });
            uri.push_str(&crate::text::encode_query(name));
            if let ::std::option::Option::Some(value) = value {
                uri.push('=');
                uri.push_str(&crate::text::encode_query(value));
            }
        }
        let mut request = ::http::Request::builder().method(self.method).uri(uri);
        for (name, value) in &self.headers {
            let value = ::http::HeaderValue::from_str(value)
                .map_err(|_| RequestError::InvalidHeader { name: name.clone() })?;
            let name = ::http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| RequestError::InvalidHeader { name: name.clone() })?;
            request = request.header(name, value);
        }
        if !self.body.is_empty() {
            request = request.header("Content-Length", self.body.len());
        }
        request.body(self.body).map_err(RequestError::Http)
    }
}

/// `true`/`false` as HTTP text.
pub fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

/// Join header list items, quoting those that need it.
pub fn header_list<'a>(items: impl ::std::iter::Iterator<Item = ::std::borrow::Cow<'a, str>>) -> ::std::string::String {
    let mut out = ::std::string::String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&item);
    }
    out
}

/// An error the service returned, with what the response said about it.
#[derive(::std::fmt::Debug)]
pub struct ServiceError<E> {
    error: E,
    status: u16,
    request_id: ::std::option::Option<::std::boxed::Box<str>>,
    /// Boxed: the cold path should not make every `Result` of the operation larger.
    query_code: ::std::option::Option<::std::boxed::Box<str>>,
}

impl<E> ServiceError<E> {
    /// The operation's error.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// Take the operation's error.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id (`x-amzn-requestid`), for AWS support cases.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        self.request_id.as_deref()
    }

    /// The code the service's older awsQuery API uses for this error, when an
    /// `@awsQueryCompatible` service sent one (`x-amzn-query-error: Code;Fault`).
    pub fn query_code(&self) -> ::std::option::Option<&str> {
        self.query_code.as_deref()
    }

    /// Attach the awsQuery code of the error.
    pub fn with_query_code(mut self, code: ::std::option::Option<::std::string::String>) -> Self {
        self.query_code = code.map(::std::string::String::into_boxed_str);
        self
    }
}

impl<E> ResponseError<E> {
    /// Attach the awsQuery code of a service error; other errors are left as they are.
    pub(crate) fn with_query_code(self, code: Option<String>) -> Self {
        match self {
            ResponseError::Service(service) => ResponseError::Service(service.with_query_code(code)),
            other => other,
        }
    }
}

impl<E> ServiceError<E> {
    /// The error, and the rest to put another error in.
    pub(crate) fn split(self) -> (E, ServiceError<()>) {
        let ServiceError { error, status, request_id, query_code } = self;
        (error, ServiceError { error: (), status, request_id, query_code })
    }
}

impl ServiceError<()> {
    /// The same response's details around `error`.
    pub(crate) fn with_error<E>(self, error: E) -> ServiceError<E> {
        let ServiceError { error: (), status, request_id, query_code } = self;
        ServiceError { error, status, request_id, query_code }
    }
}

/// Why a response did not become the operation's output.
#[derive(::std::fmt::Debug)]
#[non_exhaustive]
pub enum ResponseError<E> {
    /// The service returned an error: one the model describes, or `Unhandled`.
    Service(ServiceError<E>),
    /// The response is not what the protocol allows (garbled, truncated or mistyped body, bad header).
    Deserialize {
        /// What was wrong, and where.
        error: crate::error::DeserializeError,
        /// The HTTP status code.
        status: u16,
        /// The request id (`x-amzn-requestid`), if sent.
        request_id: ::std::option::Option<::std::string::String>,
    },
}

impl<E> ResponseError<E> {
    /// Wrap a service error.
    pub fn service(error: E, status: u16, request_id: ::std::option::Option<::std::string::String>) -> Self {
        ResponseError::Service(ServiceError {
            error,
            status,
            request_id: request_id.map(::std::string::String::into_boxed_str),
            query_code: ::std::option::Option::None,
        })
    }

    /// The HTTP status code of the response.
    pub fn status(&self) -> u16 {
        match self {
            ResponseError::Service(e) => e.status,
            ResponseError::Deserialize { status, .. } => *status,
        }
    }

    /// The request id, if the response had one.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        match self {
            ResponseError::Service(e) => e.request_id.as_deref(),
            ResponseError::Deserialize { request_id, .. } => request_id.as_deref(),
        }
    }

    /// The operation's error, if the service returned one.
    pub fn service_error(&self) -> ::std::option::Option<&E> {
        match self {
            ResponseError::Service(e) => ::std::option::Option::Some(&e.error),
            ResponseError::Deserialize { .. } => ::std::option::Option::None,
        }
    }
}

/// The operation, the service's code and message, the status and the request id.
impl<E: crate::error::OperationError> ::std::fmt::Display for ResponseError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        let operation = E::OPERATION;
        match self {
            ResponseError::Service(e) => {
                let view = e.error.error();
                write!(f, "{operation} failed: {}", view.code().unwrap_or("an error without a code"))?;
                if let ::std::option::Option::Some(message) = view.message() {
                    write!(f, ": {message}")?;
                }
                write!(f, " (HTTP {}", e.status)?;
                if let ::std::option::Option::Some(id) = &e.request_id {
                    write!(f, ", request id {id}")?;
                }
                f.write_str(")")
            }
            ResponseError::Deserialize { error, status, .. } => write!(f, "{operation} got an HTTP {status} response it cannot read: {error}"),
        }
    }
}

impl<E: crate::error::OperationError> ::std::error::Error for ResponseError<E> {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            ResponseError::Service(e) => ::std::option::Option::Some(&e.error),
            ResponseError::Deserialize { error, .. } => ::std::option::Option::Some(error),
        }
    }
}

/// A header's value as text; a value that is not visible ASCII/UTF-8 is a protocol error.
pub fn header<'a>(
    headers: &'a ::http::HeaderMap,
    name: &str,
) -> ::std::result::Result<::std::option::Option<&'a str>, crate::error::DeserializeError> {
    match headers.get(name) {
        ::std::option::Option::None => ::std::result::Result::Ok(::std::option::Option::None),
        ::std::option::Option::Some(value) => value.to_str().map(::std::option::Option::Some).map_err(|_| {
            crate::error::DeserializeError::new(format!("header {name}"), "the value is not valid text")
        }),
    }
}

/// Every header starting with `prefix` (case-insensitive), keyed by the rest of its name.
pub fn prefix_headers(
    headers: &::http::HeaderMap,
    prefix: &str,
) -> ::std::collections::HashMap<::std::string::String, ::std::string::String> {
    let prefix = prefix.to_ascii_lowercase();
    headers
        .iter()
        .filter_map(|(name, value)| {
            let suffix = name.as_str().strip_prefix(prefix.as_str())?;
            ::std::option::Option::Some((suffix.to_string(), value.to_str().ok()?.to_string()))
        })
        .collect()
}

/// The request id header AWS services send.
pub fn request_id(headers: &::http::HeaderMap) -> ::std::option::Option<::std::string::String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()).map(str::to_string))
}
