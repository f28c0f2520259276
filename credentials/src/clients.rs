//! Configuration of the chain's own service clients (STS, SSO, SSO OIDC): the region, the
//! endpoint overrides of the AWS SDKs' shared settings, and the transport.

use std::sync::Arc;

use aws_credential_types::provider::SharedCredentialsProvider;
use smithy_rt::client::{configured_endpoint, Config, HttpTransport, ProfileEndpoints};

use crate::env::{non_empty, SharedEnv};
use crate::profile::ProfileSet;

/// Used when nothing configures a region: STS answers there for every partition's global
/// endpoint, as aws-config assumes too.
pub(crate) const FALLBACK_REGION: &str = "us-east-1";

/// Each attempt of a chain call: credentials are wanted before the application's first request,
/// so a hung endpoint should fail that request in seconds, not after the clients' minute.
pub const DEFAULT_CHAIN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// How the chain's providers reach AWS services.
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    pub(crate) env: SharedEnv,
    pub(crate) region: Option<String>,
    pub(crate) transport: Option<Arc<dyn HttpTransport>>,
    pub(crate) timeout: std::time::Duration,
    pub(crate) profile_endpoints: Option<Arc<ProfileEndpoints>>,
}

impl ServiceSettings {
    /// Endpoints from `env` (`AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, unless
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true`), no region (the caller's), the runtime's
    /// default transport, [`DEFAULT_CHAIN_TIMEOUT`] per attempt.
    pub fn new(env: SharedEnv) -> Self {
        ServiceSettings { env, region: None, transport: None, timeout: DEFAULT_CHAIN_TIMEOUT, profile_endpoints: None }
    }

    /// Apply the profile's endpoint settings below the environment's ([`configured_endpoint`]).
    pub fn profile_endpoints(mut self, endpoints: ProfileEndpoints) -> Self {
        self.profile_endpoints = Some(Arc::new(endpoints));
        self
    }

    /// Calls go to this region unless a profile names its own (`sso_region`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Send through this transport.
    pub fn transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Limit each attempt of a call to this ([`DEFAULT_CHAIN_TIMEOUT`] unless set).
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The override for a service whose endpoint variable is `variable`.
    fn endpoint(&self, variable: &str) -> Option<String> {
        let env = &*self.env;
        configured_endpoint(Some(variable), &|name| non_empty(env, name), self.profile_endpoints.as_deref())
    }

    /// A client configuration for the service whose endpoint variable is `variable`, in
    /// `region` (else the settings' region, else [`FALLBACK_REGION`]), signing with
    /// `credentials` when given.
    pub(crate) fn config(&self, variable: &str, region: Option<&str>, credentials: Option<SharedCredentialsProvider>) -> Config {
        let region = region.or(self.region.as_deref()).unwrap_or(FALLBACK_REGION);
        let mut builder = Config::builder().region(region).timeout(self.timeout);
        if let Some(url) = self.endpoint(variable) {
            builder = builder.endpoint_url(url);
        }
        if let Some(credentials) = credentials {
            builder = builder.credentials_provider(credentials);
        }
        if let Some(transport) = &self.transport {
            builder = builder.transport(transport.clone());
        }
        builder.build()
    }
}

/// The endpoint settings of `profile` in `set`: its `endpoint_url`, the `endpoint_url`
/// sub-properties of the `[services name]` section its `services` names, and its
/// `ignore_configured_endpoint_urls`.
pub fn profile_endpoints(set: &ProfileSet, profile: &str) -> ProfileEndpoints {
    let Some(section) = set.profile(profile) else { return ProfileEndpoints::default() };
    let url = |value: &str| (!value.is_empty()).then(|| value.to_string());
    let services = section.get("services").and_then(|name| set.services().get(name));
    let services = services.into_iter().flat_map(|services| services.properties().iter());
    ProfileEndpoints {
        endpoint_url: section.get("endpoint_url").and_then(url),
        services: services.filter_map(|(service, property)| Some((service.to_string(), url(property.sub_properties().get("endpoint_url")?)?))).collect(),
        ignore_configured: section.get("ignore_configured_endpoint_urls").is_some_and(|value| value.eq_ignore_ascii_case("true")),
    }
}

/// A credentials error from a failed service call, readable (the call's `Display` names the
/// operation, the service's code and message, or the transport's failure).
pub(crate) fn call_failed(what: &str, error: &dyn std::fmt::Display) -> aws_credential_types::provider::error::CredentialsError {
    aws_credential_types::provider::error::CredentialsError::provider_error(format!("{what}: {error}"))
}
