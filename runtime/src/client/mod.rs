//! The callable client: a [`Handle`] holds a service's description and a [`Config`]; generated
//! clients wrap one and call [`Handle::invoke`] for every operation.
//!
//! The send loop is written once and is not generic: it validates, resolves the endpoint,
//! serializes, then per attempt signs, sends (with the attempt timeout) and decides whether to
//! retry from the response's status and error code. Only the final response is parsed into the
//! operation's output or error.

#[cfg(feature = "credentials-cache")]
mod cache;
mod config;
mod configured_endpoint;
mod error;
mod paginate;
mod retry;
#[cfg(feature = "sdk-config")]
mod sdk_config;
mod sign;
mod transport;
pub mod waiter;

use std::sync::Arc;
use std::time::Duration;

pub use aws_credential_types::provider::error::CredentialsError;
pub use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
pub use aws_credential_types::Credentials;
#[cfg(feature = "credentials-cache")]
pub use cache::{CachedCredentials, Clock, ManualClock, SystemClock, DEFAULT_LIFETIME, DEFAULT_REFRESH_BUFFER};
pub use config::{Config, ConfigBuilder, EnvironmentCredentials, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT};
pub use configured_endpoint::{configured_endpoint, ProfileEndpoints};
pub use error::{ConstructionError, SdkError};
pub use paginate::{Items, Pages, Pagination};
pub use retry::{classify_code, RetryConfig, RetryKind, THROTTLING_CODES, TRANSIENT_CODES};
pub use sign::{sign, sign_with, Scheme, Signing};
pub use transport::{BoxFuture, HttpTransport, Sleep, TransportError};

use crate::decode::Decode;
use crate::endpoint::{Endpoint, ParamValue, ResolveError};
use crate::error::OperationError;
use crate::http::ResponseError;
use crate::schema::Operation;
use crate::value::Structure;

/// What an endpoint rule set reads for one call: the client's settings (its built-in
/// parameters) and what the operation binds from its input.
#[derive(Debug, Clone, Copy)]
pub struct EndpointSettings<'a> {
    /// `AWS::Region`.
    pub region: Option<&'a str>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`.
    pub endpoint_url: Option<&'a str>,
    /// The parameters the operation binds, by rule-set index, least specific first (what
    /// [`crate::endpoint::bind`] returns); they take precedence over the settings above.
    pub params: &'a [(usize, ParamValue<'a>)],
}

/// What the client of one service needs to know about it; generated crates hold one in a static.
#[derive(Debug)]
pub struct Service {
    /// The SigV4 signing name (`aws.auth#sigv4` `name`).
    pub signing_name: &'static str,
    /// The service-specific endpoint variable, e.g. `AWS_ENDPOINT_URL_CONNECT`.
    pub endpoint_env: &'static str,
    /// The default `User-Agent`: the generated crate's name and version.
    pub user_agent: &'static str,
    /// The service's endpoint rule set, compiled.
    pub resolve_endpoint: fn(&EndpointSettings<'_>) -> Result<Endpoint, ResolveError>,
}

/// The resolver of a service whose model has no endpoint rules: the configured endpoint URL.
///
/// # Errors
///
/// When no endpoint URL is configured.
pub fn endpoint_url_only(settings: &EndpointSettings<'_>) -> Result<Endpoint, ResolveError> {
    settings.endpoint_url.map(Endpoint::new).ok_or_else(|| ResolveError::new("the service's model has no endpoint rules: set an endpoint URL"))
}

/// Region used for signing when none is configured (requests then need an endpoint override).
pub const DEFAULT_SIGNING_REGION: &str = "us-east-1";

struct Inner {
    service: &'static Service,
    config: Config,
}

/// A service's client state: cheap to clone, clones share the configuration and the transport's
/// connection pool.
#[derive(Clone)]
pub struct Handle {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle").field("service", &self.inner.service.signing_name).field("config", &self.inner.config).finish()
    }
}

impl Handle {
    /// A client of `service` with this configuration. A configuration read from the environment
    /// picks up the service's own `AWS_ENDPOINT_URL_<SERVICE>` here, and its profile's endpoints
    /// for the service ([`configured_endpoint`]).
    pub fn new(service: &'static Service, mut config: Config) -> Handle {
        if config.endpoint_from_env {
            config.endpoint_url = configured_endpoint(Some(service.endpoint_env), &config::env_var, config.profile_endpoints.as_deref());
            config.endpoint_from_env = false;
        }
        Handle { inner: Arc::new(Inner { service, config }) }
    }

    /// A client configured from the standard environment variables (see [`Config::from_env`]).
    ///
    /// # Errors
    ///
    /// When neither a region nor an endpoint override is set.
    pub fn from_env(service: &'static Service) -> Result<Handle, ConstructionError> {
        Handle::from_env_config(service, Config::from_env())
    }

    /// A client with a configuration read from the environment (the runtime's
    /// [`Config::from_env`] or a credentials chain's), refused without a region or endpoint.
    ///
    /// # Errors
    ///
    /// When neither a region nor an endpoint override is set.
    pub fn from_env_config(service: &'static Service, config: Config) -> Result<Handle, ConstructionError> {
        let handle = Handle::new(service, config);
        if handle.config().region().is_none() && handle.config().endpoint_url().is_none() {
            return Err(ConstructionError::Endpoint("set AWS_REGION (or an endpoint with AWS_ENDPOINT_URL)".to_string()));
        }
        Ok(handle)
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// A handle with some settings changed (timeouts, retries, endpoint, validation), for one
    /// call or a few; it shares the transport, its connection pool and the credentials provider.
    pub fn with_overrides(&self, f: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> Handle {
        let config = f(self.inner.config.to_builder()).build();
        Handle { inner: Arc::new(Inner { service: self.inner.service, config }) }
    }

    /// Where requests go under the current settings.
    ///
    /// # Errors
    ///
    /// When the settings have no endpoint (no region, no override) or the service's endpoint
    /// rules refuse them.
    pub fn endpoint(&self) -> Result<String, String> {
        let config = &self.inner.config;
        let settings = EndpointSettings {
            region: config.region.as_deref(),
            use_fips: config.use_fips,
            use_dual_stack: config.use_dual_stack,
            endpoint_url: config.endpoint_url.as_deref(),
            params: &[],
        };
        (self.inner.service.resolve_endpoint)(&settings).map(|endpoint| endpoint.url().to_string()).map_err(|error| error.to_string())
    }

    /// Call `op` with `input`: validate (unless the config turned it off), sign, send with
    /// retries, and parse the final response into the output or the operation's error.
    ///
    /// Generic only in its types: the future it returns runs the one send loop every operation
    /// shares.
    ///
    /// # Errors
    ///
    /// An [`SdkError`]: not sent (invalid input, no endpoint or credentials), timed out,
    /// transport failure, the operation's error, or an unreadable response; with the attempt
    /// count and request id where known.
    pub fn invoke<I, O, E>(&self, op: &'static Operation, input: I) -> impl std::future::Future<Output = Result<O, SdkError<E>>> + Send + use<I, O, E>
    where
        I: Structure + Send + 'static,
        O: Decode + Send + 'static,
        E: OperationError,
    {
        let handle = self.clone();
        let call = async move {
            let (response, attempts) = handle.send(op, &input).await.map_err(SdkError::cast)?;
            handle.parse(op, response, attempts)
        };
        #[cfg(feature = "tracing")]
        let call = tracing::Instrument::instrument(call, call_span(E::OPERATION));
        call
    }

    fn parse<O: Decode, E: OperationError>(&self, op: &'static Operation, response: http::Response<Vec<u8>>, attempts: u32) -> Result<O, SdkError<E>> {
        let (parts, body) = response.into_parts();
        let parsed = crate::protocol::parse_response::<O, E>(op, parts.status.as_u16(), &parts.headers, &body);
        parsed.map_err(|error| match error {
            ResponseError::Service(service) => {
                let status = service.status();
                let request_id = service.request_id().map(str::to_string);
                SdkError::Service { error: service.into_error(), status, request_id, attempts }
            }
            ResponseError::Deserialize { error, status, request_id } => SdkError::Response { error, status, request_id, attempts },
        })
    }

    /// The send loop: the final response and the attempts made.
    fn send<'a>(
        &'a self,
        op: &'static Operation,
        input: &'a (dyn Structure + Sync),
    ) -> BoxFuture<'a, Sent> {
        Box::pin(send(&self.inner, op, input))
    }
}

/// The span of one call: named `call` (span names are static), with the operation in `rpc`
/// and, for OpenTelemetry exporters, as the span's display name in `otel.name`. Only names and
/// numbers are recorded, never a value of the input or output, so nothing `@sensitive` can leak.
#[cfg(feature = "tracing")]
fn call_span(operation: &'static str) -> tracing::Span {
    tracing::info_span!("call", rpc = operation, otel.name = operation)
}

/// The final response of the send loop and the attempts made, or why there is none.
type Sent = Result<(http::Response<Vec<u8>>, u32), SdkError<std::convert::Infallible>>;

enum Raced<T> {
    Done(T),
    TimedOut,
}

/// Run `work`, giving up after `timeout` (when set) using the config's timer.
async fn with_timeout<T>(work: BoxFuture<'_, T>, timeout: Option<Duration>, sleep: &Arc<dyn Sleep>) -> Raced<T> {
    let Some(timeout) = timeout else {
        return Raced::Done(work.await);
    };
    let mut work = work;
    let mut timer = sleep.sleep(timeout);
    std::future::poll_fn(move |cx| {
        if let std::task::Poll::Ready(value) = work.as_mut().poll(cx) {
            return std::task::Poll::Ready(Raced::Done(value));
        }
        if timer.as_mut().poll(cx).is_ready() {
            return std::task::Poll::Ready(Raced::TimedOut);
        }
        std::task::Poll::Pending
    })
    .await
}

/// Whether a final-looking response is worth another attempt: a 5xx, or an error whose code
/// the model marks `@retryable` or the AWS SDKs treat as throttling or transient.
fn retryable(op: &Operation, response: &http::Response<Vec<u8>>) -> bool {
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        return false;
    }
    if (500..600).contains(&status) {
        return true;
    }
    let Some(code) = crate::protocol::response_error_code(op, response.headers(), response.body()) else { return false };
    let modelled = op.errors.iter().filter_map(|e| e.error).find(|info| info.code == code);
    modelled.is_some_and(|info| info.retryable) || classify_code(Some(&code)).is_some()
}

async fn send(inner: &Inner, op: &'static Operation, input: &(dyn Structure + Sync)) -> Sent {
    let config = &inner.config;
    let construction = |e| Err(SdkError::Construction(e));
    if config.validation {
        let mut collector = crate::validate::Collector::default();
        crate::validate::walk::structure(op.input, input, &mut collector);
        if let Err(error) = collector.finish() {
            return construction(ConstructionError::Validation(error));
        }
    }
    let bound = match crate::endpoint::bind(op, input) {
        Ok(bound) => bound,
        Err(error) => return construction(ConstructionError::Endpoint(error.to_string())),
    };
    let settings = EndpointSettings {
        region: config.region.as_deref(),
        use_fips: config.use_fips,
        use_dual_stack: config.use_dual_stack,
        endpoint_url: config.endpoint_url.as_deref(),
        params: &bound,
    };
    let endpoint = match (inner.service.resolve_endpoint)(&settings) {
        Ok(endpoint) => endpoint,
        Err(error) => return construction(ConstructionError::Endpoint(error.to_string())),
    };
    let region = config.region.as_deref().unwrap_or(DEFAULT_SIGNING_REGION);
    // An anonymous operation is neither signed nor given credentials: it is how credentials are
    // obtained (STS web identity, SSO), so it must not depend on them.
    let signing = if op.anonymous {
        None
    } else {
        match Signing::for_endpoint(&endpoint, inner.service.signing_name, region) {
            Ok(signing) => Some(signing),
            Err(schemes) => return construction(ConstructionError::AuthSchemes(schemes)),
        }
    };
    let serialize = || crate::protocol::serialize_request_unvalidated(op, input, endpoint.url());
    #[cfg(feature = "test-util")]
    let serialized = match config.idempotency_token {
        Some(token) => crate::testing::with_idempotency_token(token, serialize),
        None => serialize(),
    };
    #[cfg(not(feature = "test-util"))]
    let serialized = serialize();
    let mut unsigned = match serialized {
        Ok(request) => request,
        Err(error) => return construction(ConstructionError::Request(error)),
    };
    if let Err(message) = add_endpoint_headers(&mut unsigned, &endpoint) {
        return construction(ConstructionError::Endpoint(message));
    }
    let (Some(transport), Some(sleep)) = (&config.transport, &config.sleep) else {
        return construction(ConstructionError::MissingComponent(if config.transport.is_none() { "transport" } else { "timer" }));
    };
    let credentials = match (&signing, &config.credentials) {
        (None, _) => None,
        (Some(signing), Some(provider)) => match provider.provide_credentials().await {
            Ok(credentials) => Some((credentials, signing)),
            Err(error) => return construction(ConstructionError::Credentials(error)),
        },
        (Some(_), None) => {
            return construction(ConstructionError::Credentials(CredentialsError::not_loaded("no credentials provider is configured")));
        }
    };
    let user_agent = config.user_agent.as_deref().unwrap_or(inner.service.user_agent);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut request = unsigned.clone();
        if let Ok(agent) = http::HeaderValue::from_str(user_agent) {
            request.headers_mut().insert(http::header::USER_AGENT, agent);
        }
        if let Some((credentials, signing)) = &credentials {
            if let Err(message) = sign_with(&mut request, credentials, signing, (config.clock)()) {
                return construction(ConstructionError::Signing(message));
            }
        }
        let last = attempt >= config.retry.max_attempts();
        let exchange = with_timeout(transport.send(request), config.timeout, sleep);
        #[cfg(feature = "tracing")]
        let exchange = tracing::Instrument::instrument(exchange, tracing::info_span!("attempt", number = attempt, status = tracing::field::Empty));
        // Every arm either returns or falls through to the backoff below.
        let outcome = exchange.await;
        #[cfg(feature = "tracing")]
        trace_outcome(attempt, &outcome);
        match outcome {
            Raced::TimedOut => {
                if last {
                    return Err(SdkError::Timeout { attempts: attempt });
                }
            }
            Raced::Done(Err(error)) => {
                if last {
                    return Err(SdkError::Transport { error, attempts: attempt });
                }
            }
            Raced::Done(Ok(response)) => {
                if last || !retryable(op, &response) {
                    return Ok((response, attempt));
                }
            }
        }
        sleep.sleep(config.retry.backoff(attempt, retry::jitter())).await;
    }
}

/// One event per attempt: its status, or why it got none (no bodies, headers or values).
#[cfg(feature = "tracing")]
fn trace_outcome(attempt: u32, outcome: &Raced<Result<http::Response<Vec<u8>>, TransportError>>) {
    match outcome {
        Raced::TimedOut => tracing::warn!(attempt, "attempt timed out"),
        Raced::Done(Err(error)) => tracing::warn!(attempt, %error, "attempt failed"),
        Raced::Done(Ok(response)) => {
            let request_id = crate::http::request_id(response.headers());
            tracing::debug!(attempt, status = response.status().as_u16(), request_id = request_id.as_deref(), "response");
        }
    }
}

/// Set the headers the endpoint's rules give (its `headers`), replacing any of the same name:
/// the rules know the endpoint, the serializer does not (the AWS SDKs do the same).
fn add_endpoint_headers(request: &mut http::Request<Vec<u8>>, endpoint: &Endpoint) -> Result<(), String> {
    for (name, values) in endpoint.headers() {
        let header = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| format!("the endpoint's header name `{name}` is not a valid HTTP header name"))?;
        request.headers_mut().remove(&header);
        for value in values {
            let value = http::HeaderValue::from_str(value).map_err(|_| format!("the endpoint's header `{name}` has a value that cannot be sent"))?;
            request.headers_mut().append(header.clone(), value);
        }
    }
    Ok(())
}
