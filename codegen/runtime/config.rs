//! Client configuration, credentials, SigV4 signing, retries, errors and the transport seam.
//!
//! Everything here is independent of any async runtime; the `default-https-client` feature adds
//! a hyper + rustls transport and a tokio timer (`crate::transport`).

use ::std::future::Future;
use ::std::pin::Pin;
use ::std::sync::Arc;
use ::std::time::{Duration, SystemTime};

/// A boxed future, as the transport, timer and credential traits return.
pub type BoxFuture<'a, T> = Pin<::std::boxed::Box<dyn Future<Output = T> + Send + 'a>>;

/// AWS credentials. `Debug` never shows the secret or the session token.
#[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct Credentials {
    access_key_id: ::std::string::String,
    secret_access_key: ::std::string::String,
    session_token: ::std::option::Option<::std::string::String>,
    expiry: ::std::option::Option<SystemTime>,
}

impl Credentials {
    /// Credentials from keys, with an optional session token (temporary credentials).
    pub fn new(
        access_key_id: impl ::std::convert::Into<::std::string::String>,
        secret_access_key: impl ::std::convert::Into<::std::string::String>,
        session_token: ::std::option::Option<::std::string::String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: ::std::option::Option::None,
        }
    }

    /// When temporary credentials stop working.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = ::std::option::Option::Some(expiry);
        self
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> ::std::option::Option<&str> {
        self.session_token.as_deref()
    }

    /// When the credentials expire, if they do.
    pub fn expiry(&self) -> ::std::option::Option<SystemTime> {
        self.expiry
    }
}

impl ::std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"*** Sensitive Data Redacted ***")
            .field("session_token", &self.session_token.as_ref().map(|_| "*** Sensitive Data Redacted ***"))
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Why credentials could not be had.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct CredentialsError {
    message: ::std::string::String,
}

impl CredentialsError {
    /// An error with a message for people.
    pub fn new(message: impl ::std::convert::Into<::std::string::String>) -> Self {
        CredentialsError { message: message.into() }
    }
}

impl ::std::fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for CredentialsError {}

/// A source of credentials. Implement it to plug in any provider (for example aws-config's
/// default chain) without this crate depending on it.
pub trait ProvideCredentials: ::std::fmt::Debug + Send + Sync {
    /// Credentials for the next request.
    fn provide_credentials(&self) -> BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        ::std::boxed::Box::pin(async move { ::std::result::Result::Ok(credentials) })
    }
}

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, read
/// each time they are asked for (so rotated environments are picked up).
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::default::Default)]
pub struct EnvironmentCredentials;

impl EnvironmentCredentials {
    fn read() -> ::std::result::Result<Credentials, CredentialsError> {
        let var = |name: &str| ::std::env::var(name).ok().filter(|v| !v.is_empty());
        match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            (::std::option::Option::Some(id), ::std::option::Option::Some(secret)) => {
                ::std::result::Result::Ok(Credentials::new(id, secret, var("AWS_SESSION_TOKEN")))
            }
            _ => ::std::result::Result::Err(CredentialsError::new(
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set",
            )),
        }
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, ::std::result::Result<Credentials, CredentialsError>> {
        ::std::boxed::Box::pin(async { Self::read() })
    }
}

/// A failure below HTTP: connecting, TLS, or the connection breaking.
#[derive(::std::fmt::Debug)]
pub struct TransportError {
    source: ::std::boxed::Box<dyn ::std::error::Error + Send + Sync>,
}

impl TransportError {
    /// Wrap the transport's own error.
    pub fn new(source: impl ::std::convert::Into<::std::boxed::Box<dyn ::std::error::Error + Send + Sync>>) -> Self {
        TransportError { source: source.into() }
    }
}

impl ::std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "transport error: {}", self.source)
    }
}

impl ::std::error::Error for TransportError {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        ::std::option::Option::Some(&*self.source)
    }
}

/// Sends an HTTP request and returns the whole response. Bring your own, or enable the
/// `default-https-client` feature for `crate::transport::HyperTransport`.
pub trait HttpTransport: ::std::fmt::Debug + Send + Sync {
    /// Send one request.
    fn send(
        &self,
        request: ::http::Request<::std::vec::Vec<u8>>,
    ) -> BoxFuture<'_, ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, TransportError>>;
}

/// Waits, for retry backoff and timeouts. Enable `default-https-client` for a tokio timer.
pub trait Sleep: ::std::fmt::Debug + Send + Sync {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Retry settings: the AWS SDKs' "standard" mode by default.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl ::std::default::Default for RetryConfig {
    fn default() -> Self {
        RetryConfig { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// Standard mode: 3 attempts, exponential backoff with full jitter from 1 s up to 20 s.
    pub fn standard() -> Self {
        Self::default()
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..Self::default() }
    }

    /// Total attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The backoff cap before jitter for the first retry; it doubles per retry.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The largest backoff.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Total attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay before retry number `retry` (1-based): uniformly random in
    /// `[0, min(max_backoff, initial_backoff * 2^(retry-1))]` ("full jitter").
    pub fn backoff(&self, retry: u32, random: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let cap = self.initial_backoff.saturating_mul(1u32 << exponent).min(self.max_backoff);
        cap.mul_f64(random.clamp(0.0, 1.0))
    }
}

/// Client configuration. Build it with [`Config::builder`] or read it from the environment
/// with [`Config::from_env`].
#[derive(::std::clone::Clone)]
pub struct Config {
    pub(crate) region: ::std::option::Option<::std::string::String>,
    pub(crate) credentials: ::std::option::Option<Arc<dyn ProvideCredentials>>,
    pub(crate) endpoint_url: ::std::option::Option<::std::string::String>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeout: ::std::option::Option<Duration>,
    pub(crate) validation: bool,
    pub(crate) user_agent: ::std::string::String,
    pub(crate) transport: ::std::option::Option<Arc<dyn HttpTransport>>,
    pub(crate) sleep: ::std::option::Option<Arc<dyn Sleep>>,
    pub(crate) clock: fn() -> SystemTime,
}

impl ::std::fmt::Debug for Config {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("validation", &self.validation)
            .field("user_agent", &self.user_agent)
            .field("transport", &self.transport)
            .field("sleep", &self.sleep)
            .finish()
    }
}

impl Config {
    /// A builder with the defaults: standard retries, validation on, no timeout.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder { config: Config::empty() }
    }

    fn empty() -> Config {
        Config {
            region: ::std::option::Option::None,
            credentials: ::std::option::Option::None,
            endpoint_url: ::std::option::Option::None,
            use_fips: false,
            use_dual_stack: false,
            retry: RetryConfig::default(),
            timeout: ::std::option::Option::None,
            validation: true,
            user_agent: crate::client::DEFAULT_USER_AGENT.to_string(),
            transport: ::std::option::Option::None,
            sleep: ::std::option::Option::None,
            clock: SystemTime::now,
        }
    }

    /// From the standard environment: `AWS_REGION` (or `AWS_DEFAULT_REGION`), credentials from
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, `AWS_ENDPOINT_URL`,
    /// `AWS_USE_FIPS_ENDPOINT` and `AWS_USE_DUALSTACK_ENDPOINT`, plus the default transport when
    /// the `default-https-client` feature is on.
    pub fn from_env() -> Config {
        let var = |name: &str| ::std::env::var(name).ok().filter(|v| !v.is_empty());
        let flag = |name: &str| var(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let mut builder = Config::builder().credentials_provider(EnvironmentCredentials);
        if let ::std::option::Option::Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
            builder = builder.region(region);
        }
        if let ::std::option::Option::Some(url) = var(crate::client::SERVICE_ENDPOINT_ENV).or_else(|| var("AWS_ENDPOINT_URL")) {
            builder = builder.endpoint_url(url);
        }
        builder.use_fips(flag("AWS_USE_FIPS_ENDPOINT")).use_dual_stack(flag("AWS_USE_DUALSTACK_ENDPOINT")).build()
    }

    /// The region requests go to.
    pub fn region(&self) -> ::std::option::Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint override, if any.
    pub fn endpoint_url(&self) -> ::std::option::Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Retry settings.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// Whether requests are validated before they are sent.
    pub fn validation(&self) -> bool {
        self.validation
    }

    /// Change settings of an existing config.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder { config: self.clone() }
    }
}

/// Builds a [`Config`].
#[derive(::std::fmt::Debug, ::std::clone::Clone)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The AWS region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.config.region = ::std::option::Option::Some(region.into());
        self
    }

    /// Fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Any credentials provider.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = ::std::option::Option::Some(Arc::new(provider));
        self
    }

    /// Send requests here instead of the resolved endpoint (e.g. a VPC endpoint or a local test server).
    pub fn endpoint_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.config.endpoint_url = ::std::option::Option::Some(url.into());
        self
    }

    /// Use FIPS endpoints.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Use dual-stack (IPv4 and IPv6) endpoints.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// A limit on each attempt (connect, send and receive).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = ::std::option::Option::Some(timeout);
        self
    }

    /// Validate inputs before sending (on by default). Turn off only when the service has
    /// relaxed a limit this crate still enforces.
    pub fn validation(mut self, validation: bool) -> Self {
        self.config.validation = validation;
        self
    }

    /// The `User-Agent` to send.
    pub fn user_agent(mut self, user_agent: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.config.user_agent = user_agent.into();
        self
    }

    /// The HTTP transport.
    pub fn transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.config.transport = ::std::option::Option::Some(Arc::new(transport));
        self
    }

    /// The timer for backoff and timeouts.
    pub fn sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.config.sleep = ::std::option::Option::Some(Arc::new(sleep));
        self
    }

    /// The clock requests are signed with (tests pin it to reproduce signatures).
    pub fn clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.config.clock = clock;
        self
    }

    /// Finish; with the `default-https-client` feature, a missing transport or timer is filled in.
    pub fn build(mut self) -> Config {
        crate::client::fill_defaults(&mut self.config);
        self.config
    }
}

/// Why a request was not sent at all.
#[derive(::std::fmt::Debug)]
#[non_exhaustive]
pub enum ConstructionError {
    /// The input violates constraints of the model.
    Validation(crate::validation::ValidationError),
    /// The request could not be formed.
    Request(crate::http::RequestError),
    /// No endpoint: no region and no endpoint override, or the rule set refused the settings.
    Endpoint(::std::string::String),
    /// No credentials provider, or it failed.
    Credentials(CredentialsError),
    /// Signing failed.
    Signing(::std::string::String),
    /// The config lacks a transport or timer (enable `default-https-client` or set them).
    MissingComponent(&'static str),
}

impl ::std::fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            ConstructionError::Validation(error) => ::std::fmt::Display::fmt(error, f),
            ConstructionError::Request(error) => ::std::fmt::Display::fmt(error, f),
            ConstructionError::Endpoint(message) => write!(f, "cannot resolve the endpoint: {message}"),
            ConstructionError::Credentials(error) => write!(f, "no credentials: {error}"),
            ConstructionError::Signing(message) => write!(f, "cannot sign the request: {message}"),
            ConstructionError::MissingComponent(what) => {
                write!(f, "the client config has no {what}; enable the `default-https-client` feature or set one")
            }
        }
    }
}

impl ::std::error::Error for ConstructionError {}

/// Everything that can go wrong calling an operation, with what was learned on the way.
#[derive(::std::fmt::Debug)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// Nothing was sent: invalid input, no endpoint, no credentials, signing failed.
    Construction(ConstructionError),
    /// Every attempt hit the timeout.
    Timeout {
        /// Attempts made.
        attempts: u32,
    },
    /// The transport failed on the last attempt.
    Transport {
        /// The transport's error.
        error: TransportError,
        /// Attempts made.
        attempts: u32,
    },
    /// The service returned an error (the operation's typed error).
    Service {
        /// The operation's error.
        error: E,
        /// The HTTP status.
        status: u16,
        /// The request id (`x-amzn-requestid`).
        request_id: ::std::option::Option<::std::string::String>,
        /// Attempts made.
        attempts: u32,
    },
    /// The response could not be understood.
    Response {
        /// What was wrong, and where.
        error: crate::json::DeserializeError,
        /// The HTTP status.
        status: u16,
        /// The request id (`x-amzn-requestid`).
        request_id: ::std::option::Option<::std::string::String>,
        /// Attempts made.
        attempts: u32,
    },
}

impl<E> SdkError<E> {
    /// The operation's error, when the service returned one.
    pub fn service_error(&self) -> ::std::option::Option<&E> {
        match self {
            SdkError::Service { error, .. } => ::std::option::Option::Some(error),
            _ => ::std::option::Option::None,
        }
    }

    /// Take the operation's error.
    pub fn into_service_error(self) -> ::std::option::Option<E> {
        match self {
            SdkError::Service { error, .. } => ::std::option::Option::Some(error),
            _ => ::std::option::Option::None,
        }
    }

    /// The request id of the last response, if any.
    pub fn request_id(&self) -> ::std::option::Option<&str> {
        match self {
            SdkError::Service { request_id, .. } | SdkError::Response { request_id, .. } => request_id.as_deref(),
            _ => ::std::option::Option::None,
        }
    }

    /// Attempts made (0 when nothing was sent).
    pub fn attempts(&self) -> u32 {
        match self {
            SdkError::Construction(_) => 0,
            SdkError::Timeout { attempts }
            | SdkError::Transport { attempts, .. }
            | SdkError::Service { attempts, .. }
            | SdkError::Response { attempts, .. } => *attempts,
        }
    }
}

impl<E: ::std::fmt::Display> ::std::fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        match self {
            SdkError::Construction(error) => write!(f, "request not sent: {error}"),
            SdkError::Timeout { attempts } => write!(f, "timed out ({attempts} attempt(s))"),
            SdkError::Transport { error, attempts } => write!(f, "{error} ({attempts} attempt(s))"),
            SdkError::Service { error, status, request_id, attempts } => {
                write!(f, "service error (HTTP {status}, {attempts} attempt(s)")?;
                if let ::std::option::Option::Some(id) = request_id {
                    write!(f, ", request id {id}")?;
                }
                write!(f, "): {error}")
            }
            SdkError::Response { error, status, .. } => write!(f, "cannot read the HTTP {status} response: {error}"),
        }
    }
}

impl<E: ::std::error::Error + 'static> ::std::error::Error for SdkError<E> {
    fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            SdkError::Construction(error) => ::std::option::Option::Some(error),
            SdkError::Timeout { .. } => ::std::option::Option::None,
            SdkError::Transport { error, .. } => ::std::option::Option::Some(error),
            SdkError::Service { error, .. } => ::std::option::Option::Some(error),
            SdkError::Response { error, .. } => ::std::option::Option::Some(error),
        }
    }
}

/// How an operation error bears on retrying.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq)]
pub enum RetryKind {
    /// The service is throttling: back off and retry.
    Throttling,
    /// A transient failure: retry.
    Transient,
}

/// Implemented by every operation's error enum.
pub trait ClassifyRetry {
    /// Whether this error is worth retrying, from the model (`@retryable`) and the error code.
    fn retry_kind(&self) -> ::std::option::Option<RetryKind>;
}

/// Error codes the AWS SDKs treat as throttling.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient.
pub const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Classify an error code (for errors the model does not describe).
pub fn classify_code(code: ::std::option::Option<&str>) -> ::std::option::Option<RetryKind> {
    let code = code?;
    if THROTTLING_CODES.contains(&code) {
        ::std::option::Option::Some(RetryKind::Throttling)
    } else if TRANSIENT_CODES.contains(&code) {
        ::std::option::Option::Some(RetryKind::Transient)
    } else {
        ::std::option::Option::None
    }
}

/// Serializes an input for an endpoint (without validating).
pub type SerializeFn<I> = fn(&I, &str) -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, crate::http::RequestError>;

/// Parses a response into the output or the operation's error.
pub type ParseFn<O, E> = fn(&::http::Response<::std::vec::Vec<u8>>) -> ::std::result::Result<O, crate::http::ResponseError<E>>;

/// One operation call as the send loop sees it (the generated fluent builders fill it in).
pub struct Invocation<'a, I, O, E> {
    /// The operation's name (for the user agent and errors).
    pub operation: &'static str,
    /// The input.
    pub input: &'a I,
    /// Validates the input.
    pub validate: fn(&I) -> ::std::result::Result<(), crate::validation::ValidationError>,
    /// Serializes without validating (the loop validates first when the config says so).
    pub serialize: SerializeFn<I>,
    /// Parses a response.
    pub parse: ParseFn<O, E>,
}

/// Random in `[0, 1)` without a dependency: SipHash with the OS-seeded keys of `RandomState`
/// over a counter and the time. Jitter needs spread, not secrecy.
fn jitter() -> f64 {
    use ::std::hash::{BuildHasher, Hasher};
    static COUNTER: ::std::sync::atomic::AtomicU64 = ::std::sync::atomic::AtomicU64::new(0);
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed));
    hasher.write_u128(SystemTime::now().duration_since(::std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Sign `request` with SigV4 using the official `aws-sigv4` crate.
pub fn sign(
    request: &mut ::http::Request<::std::vec::Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> ::std::result::Result<(), ::std::string::String> {
    use ::aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings};
    let identity: ::aws_smithy_runtime_api::client::identity::Identity = ::aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_string),
        credentials.expiry(),
        "generated-client",
    )
    .into();
    let params = ::aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| e.to_string())?
        .into();
    let uri = request.uri().to_string();
    let headers: ::std::vec::Vec<(&str, &str)> =
        request.headers().iter().filter_map(|(k, v)| ::std::option::Option::Some((k.as_str(), v.to_str().ok()?))).collect();
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))
        .map_err(|e| e.to_string())?;
    let (instructions, _signature) = ::aws_sigv4::http_request::sign(signable, &params).map_err(|e| e.to_string())?.into_parts();
    instructions.apply_to_request_http1x(request);
    ::std::result::Result::Ok(())
}

enum Raced<T> {
    Done(T),
    TimedOut,
}

/// Run `work`, giving up after `timeout` (when set) using the config's timer.
async fn with_timeout<T>(
    work: BoxFuture<'_, T>,
    timeout: ::std::option::Option<Duration>,
    sleep: &Arc<dyn Sleep>,
) -> Raced<T> {
    let ::std::option::Option::Some(timeout) = timeout else {
        return Raced::Done(work.await);
    };
    let mut work = work;
    let mut timer = sleep.sleep(timeout);
    ::std::future::poll_fn(move |cx| {
        if let ::std::task::Poll::Ready(value) = work.as_mut().poll(cx) {
            return ::std::task::Poll::Ready(Raced::Done(value));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return ::std::task::Poll::Ready(Raced::TimedOut);
        }
        ::std::task::Poll::Pending
    })
    .await
}

/// The send loop: validate, resolve, then per attempt sign, send (with timeout), parse, and
/// retry throttling, transient, 5xx and transport failures with backoff. Other errors return at once.
pub async fn invoke<I, O, E: ClassifyRetry>(
    config: &Config,
    endpoint: ::std::result::Result<::std::string::String, ::std::string::String>,
    invocation: Invocation<'_, I, O, E>,
) -> ::std::result::Result<O, SdkError<E>> {
    let construction = |e| ::std::result::Result::Err(SdkError::Construction(e));
    if config.validation {
        if let ::std::result::Result::Err(error) = (invocation.validate)(invocation.input) {
            return construction(ConstructionError::Validation(error));
        }
    }
    let endpoint = match endpoint {
        ::std::result::Result::Ok(endpoint) => endpoint,
        ::std::result::Result::Err(message) => return construction(ConstructionError::Endpoint(message)),
    };
    let unsigned = match (invocation.serialize)(invocation.input, &endpoint) {
        ::std::result::Result::Ok(request) => request,
        ::std::result::Result::Err(error) => return construction(ConstructionError::Request(error)),
    };
    let (::std::option::Option::Some(transport), ::std::option::Option::Some(sleep)) = (&config.transport, &config.sleep) else {
        return construction(ConstructionError::MissingComponent(if config.transport.is_none() { "transport" } else { "timer" }));
    };
    let ::std::option::Option::Some(provider) = &config.credentials else {
        return construction(ConstructionError::Credentials(CredentialsError::new("no credentials provider is configured")));
    };
    let credentials = match provider.provide_credentials().await {
        ::std::result::Result::Ok(credentials) => credentials,
        ::std::result::Result::Err(error) => return construction(ConstructionError::Credentials(error)),
    };
    let region = config.region.as_deref().unwrap_or(crate::client::DEFAULT_SIGNING_REGION);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut request = unsigned.clone();
        if let ::std::result::Result::Ok(agent) = ::http::HeaderValue::from_str(&config.user_agent) {
            request.headers_mut().insert(::http::header::USER_AGENT, agent);
        }
        if let ::std::result::Result::Err(message) = sign(&mut request, &credentials, region, crate::client::SIGNING_NAME, (config.clock)()) {
            return construction(ConstructionError::Signing(message));
        }
        // Every arm either returns or falls through to the backoff below.
        match with_timeout(transport.send(request), config.timeout, sleep).await {
            Raced::TimedOut => {
                if attempt >= config.retry.max_attempts {
                    return ::std::result::Result::Err(SdkError::Timeout { attempts: attempt });
                }
            }
            Raced::Done(::std::result::Result::Err(error)) => {
                if attempt >= config.retry.max_attempts {
                    return ::std::result::Result::Err(SdkError::Transport { error, attempts: attempt });
                }
            }
            Raced::Done(::std::result::Result::Ok(response)) => match (invocation.parse)(&response) {
                ::std::result::Result::Ok(output) => return ::std::result::Result::Ok(output),
                ::std::result::Result::Err(crate::http::ResponseError::Service(service)) => {
                    let status = service.status();
                    let request_id = service.request_id().map(str::to_string);
                    let error = service.into_error();
                    let retryable = error.retry_kind().is_some() || (500..600).contains(&status);
                    if !retryable || attempt >= config.retry.max_attempts {
                        return ::std::result::Result::Err(SdkError::Service { error, status, request_id, attempts: attempt });
                    }
                }
                ::std::result::Result::Err(crate::http::ResponseError::Deserialize { error, status, request_id }) => {
                    // A garbled 5xx is the server failing; a garbled success or 4xx will not improve.
                    if !(500..600).contains(&status) || attempt >= config.retry.max_attempts {
                        return ::std::result::Result::Err(SdkError::Response { error, status, request_id, attempts: attempt });
                    }
                }
            },
        }
        sleep.sleep(config.retry.backoff(attempt, jitter())).await;
    }
}
