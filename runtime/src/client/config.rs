//! Client configuration: region, credentials, endpoint override, retries, timeouts, validation,
//! user agent, and the transport and timer.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;

use super::retry::RetryConfig;
use super::transport::{HttpTransport, Sleep};

/// Client configuration. Build it with [`Config::builder`] or read it from the environment
/// with [`Config::from_env`].
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) credentials: Option<SharedCredentialsProvider>,
    pub(crate) endpoint_url: Option<String>,
    /// The endpoint came from `AWS_ENDPOINT_URL` (or nowhere) while reading the environment: a
    /// service-specific `AWS_ENDPOINT_URL_<SERVICE>` takes precedence once the service is known,
    /// and the profile's endpoints apply below both.
    pub(crate) endpoint_from_env: bool,
    pub(crate) profile_endpoints: Option<Arc<super::ProfileEndpoints>>,
    pub(crate) use_fips: bool,
    pub(crate) use_dual_stack: bool,
    pub(crate) retry: RetryConfig,
    pub(crate) timeout: Option<Duration>,
    pub(crate) connect_timeout: Option<Duration>,
    #[cfg(feature = "test-util")]
    pub(crate) idempotency_token: Option<&'static str>,
    pub(crate) validation: bool,
    /// `None`: the generated crate's name and version.
    pub(crate) user_agent: Option<String>,
    pub(crate) transport: Option<Arc<dyn HttpTransport>>,
    pub(crate) sleep: Option<Arc<dyn Sleep>>,
    pub(crate) clock: fn() -> SystemTime,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint_url", &self.endpoint_url)
            .field("profile_endpoints", &self.profile_endpoints)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("validation", &self.validation)
            .field("user_agent", &self.user_agent)
            .field("transport", &self.transport)
            .field("sleep", &self.sleep)
            .finish()
    }
}

impl Config {
    /// A builder with the defaults: standard retries, validation on, [`DEFAULT_ATTEMPT_TIMEOUT`]
    /// and [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder { config: Config::empty() }
    }

    fn empty() -> Config {
        Config {
            region: None,
            credentials: None,
            endpoint_url: None,
            endpoint_from_env: false,
            profile_endpoints: None,
            use_fips: false,
            use_dual_stack: false,
            retry: RetryConfig::default(),
            timeout: Some(DEFAULT_ATTEMPT_TIMEOUT),
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            #[cfg(feature = "test-util")]
            idempotency_token: None,
            validation: true,
            user_agent: None,
            transport: None,
            sleep: None,
            clock: SystemTime::now,
        }
    }

    /// From the standard environment: `AWS_REGION` (or `AWS_DEFAULT_REGION`), credentials from
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN`, `AWS_ENDPOINT_URL`,
    /// `AWS_USE_FIPS_ENDPOINT` and `AWS_USE_DUALSTACK_ENDPOINT`, plus the default transport when
    /// the `default-https-client` feature is on. A client made from it also honours its service's
    /// `AWS_ENDPOINT_URL_<SERVICE>`, which takes precedence over `AWS_ENDPOINT_URL`; with
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` it honours neither (see [`super::configured_endpoint`]).
    pub fn from_env() -> Config {
        let var = env_var;
        let flag = |name: &str| var(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        let mut builder = Config::builder().credentials_provider(EnvironmentCredentials);
        if let Some(region) = var("AWS_REGION").or_else(|| var("AWS_DEFAULT_REGION")) {
            builder = builder.region(region);
        }
        if let Some(url) = super::configured_endpoint(None, &var, None) {
            builder = builder.endpoint_url(url);
        }
        builder.config.endpoint_from_env = true;
        builder.use_fips(flag("AWS_USE_FIPS_ENDPOINT")).use_dual_stack(flag("AWS_USE_DUALSTACK_ENDPOINT")).build()
    }

    /// The region requests go to.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
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

/// An environment variable, `None` when unset or empty (the SDKs treat both alike).
pub(crate) fn env_var(name: &str) -> Option<String> {
    ::std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Builds a [`Config`].
#[derive(Debug, Clone)]
pub struct ConfigBuilder {
    config: Config,
}

impl ConfigBuilder {
    /// The AWS region, e.g. `us-east-1`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// Fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Any implementation of aws-credential-types' `ProvideCredentials`, such as aws-config's
    /// providers.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Send requests here instead of the resolved endpoint (e.g. a VPC endpoint or a local test server).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self.config.endpoint_from_env = false;
        self
    }

    /// The shared config file's endpoint settings, for a configuration read from the
    /// environment ([`Config::from_env`]): a client applies them below the environment's
    /// endpoint variables. An endpoint URL set on the builder takes precedence over both.
    pub fn profile_endpoints(mut self, endpoints: super::ProfileEndpoints) -> Self {
        self.config.profile_endpoints = Some(Arc::new(endpoints));
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

    /// A limit on each attempt (connect, send and receive); [`DEFAULT_ATTEMPT_TIMEOUT`] unless
    /// set.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = Some(timeout);
        self
    }

    /// Fill every unset idempotency token with `token`, so tests can assert on whole requests.
    #[cfg(feature = "test-util")]
    pub fn idempotency_token(mut self, token: &'static str) -> Self {
        self.config.idempotency_token = Some(token);
        self
    }

    /// No limit on attempts (a slow large upload, say): only the connect timeout applies.
    pub fn no_timeout(mut self) -> Self {
        self.config.timeout = None;
        self
    }

    /// A limit on opening a connection (TCP and TLS) with the default transport;
    /// [`DEFAULT_CONNECT_TIMEOUT`] unless set. A transport set with [`transport`](Self::transport)
    /// keeps its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = Some(timeout);
        self
    }

    /// Validate inputs before sending (on by default). Turn off only when the service has
    /// relaxed a limit this crate still enforces.
    pub fn validation(mut self, validation: bool) -> Self {
        self.config.validation = validation;
        self
    }

    /// The `User-Agent` to send.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.config.user_agent = Some(user_agent.into());
        self
    }

    /// The HTTP transport.
    pub fn transport(mut self, transport: impl HttpTransport + 'static) -> Self {
        self.config.transport = Some(Arc::new(transport));
        self
    }

    /// The timer for backoff and timeouts.
    pub fn sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.config.sleep = Some(Arc::new(sleep));
        self
    }

    /// The clock requests are signed with (tests pin it to reproduce signatures).
    pub fn clock(mut self, clock: fn() -> SystemTime) -> Self {
        self.config.clock = clock;
        self
    }

    /// Finish; with the `default-https-client` feature, a missing transport or timer is filled in.
    #[cfg_attr(not(feature = "default-https-client"), allow(unused_mut, reason = "only the default transport fills anything in"))]
    pub fn build(mut self) -> Config {
        #[cfg(feature = "default-https-client")]
        {
            if self.config.transport.is_none() {
                self.config.transport = Some(Arc::new(crate::transport::HyperTransport::with_connect_timeout(self.config.connect_timeout)));
            }
            if self.config.sleep.is_none() {
                self.config.sleep = Some(Arc::new(crate::transport::TokioSleep));
            }
        }
        self.config
    }
}


/// The default limit on opening a connection: 3.1 s, the AWS SDKs' `standard` defaults mode
/// (`connectTimeoutInMillis`): long enough for a TLS handshake across regions, short enough that
/// an unreachable endpoint fails fast and the retry goes elsewhere.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3_100);

/// The default limit on one attempt: 60 s. Every non-streaming AWS response (a full page of
/// DynamoDB `Scan` or S3 `ListObjectsV2`) comes well within it, and a connection that went silent
/// is retried instead of hanging the program; the AWS SDKs set none, which is how calls hang.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, read
/// each time they are asked for (so rotated environments are picked up).
#[derive(Debug, Clone, Copy, Default)]
pub struct EnvironmentCredentials;

impl EnvironmentCredentials {
    fn read() -> aws_credential_types::provider::Result {
        let var = env_var;
        match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, var("AWS_SESSION_TOKEN"), None, "environment")),
            _ => Err(aws_credential_types::provider::error::CredentialsError::not_loaded(
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set",
            )),
        }
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Self::read())
    }
}
