//! The default chain: environment, profile (static keys, `credential_process`, roles, web
//! identity, SSO), web identity from the environment, container, IMDS; the first that has
//! credentials wins.
//!
//! A provider that has nothing (`CredentialsNotLoaded`) passes to the next; any other failure
//! stops the chain, as in the SDKs, since a broken configuration should not silently fall back
//! to other credentials. Every error names the provider it came from.

use std::sync::Arc;

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials, SharedCredentialsProvider};
use smithy_rt::client::{CachedCredentials, Clock, HttpTransport, ProfileEndpoints, SystemClock};

use crate::clients::{profile_endpoints, ServiceSettings};
use crate::container::ContainerCredentials;
use crate::env::{OsEnv, SharedEnv};
use crate::environment::EnvironmentCredentials;
use crate::error::{reason, with_context};
use crate::imds::ImdsCredentials;
use crate::profile::{load, selected_profile, ProfileSet};
use crate::profile_credentials::ProfileCredentials;
use crate::sts::WebIdentityCredentials;

/// Providers tried in order.
#[derive(Debug, Clone, Default)]
pub struct CredentialsChain {
    links: Vec<(&'static str, SharedCredentialsProvider)>,
}

impl CredentialsChain {
    /// No providers (it reports that it has none).
    pub fn new() -> Self {
        CredentialsChain::default()
    }

    /// With `provider`, named `name` in errors, tried after the ones before it.
    pub fn with(mut self, name: &'static str, provider: impl ProvideCredentials + 'static) -> Self {
        self.links.push((name, SharedCredentialsProvider::new(provider)));
        self
    }

    /// The providers' names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.links.iter().map(|(name, _)| *name).collect()
    }

    async fn provide(&self) -> provider::Result {
        let mut skipped = Vec::new();
        for (name, provider) in &self.links {
            match provider.provide_credentials().await {
                Ok(credentials) => return Ok(credentials),
                Err(error @ CredentialsError::CredentialsNotLoaded(_)) => skipped.push(format!("{name}: {}", reason(&error))),
                Err(error) => return Err(with_context(name, &error)),
            }
        }
        let tried = if skipped.is_empty() { "no providers are configured".to_string() } else { skipped.join("; ") };
        Err(CredentialsError::not_loaded(format!("no credentials found ({tried})")))
    }
}

impl ProvideCredentials for CredentialsChain {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}

/// Builds the default chain, cached.
#[derive(Debug, Clone)]
pub struct DefaultChain {
    env: SharedEnv,
    transport: Option<Arc<dyn HttpTransport>>,
    profile: Option<String>,
    region: Option<String>,
    endpoints: Option<ProfileEndpoints>,
    /// The profile files, when the caller read them already.
    files: Option<ProfileSet>,
    clock: Arc<dyn Clock>,
}

impl Default for DefaultChain {
    fn default() -> Self {
        DefaultChain::new()
    }
}

impl DefaultChain {
    /// Reading the real environment and files, with the runtime's hyper transport.
    pub fn new() -> Self {
        DefaultChain { env: Arc::new(OsEnv), transport: None, profile: None, region: None, endpoints: None, files: None, clock: Arc::new(SystemClock) }
    }

    /// Read this environment instead.
    pub fn env(mut self, env: SharedEnv) -> Self {
        self.env = env;
        self
    }

    /// Send STS, SSO, container and IMDS requests through this transport.
    pub fn transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Use this profile instead of `AWS_PROFILE`'s.
    pub fn profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// Call STS for web identity in this region, instead of the one the environment and the
    /// profile give (read when the chain is built).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Call STS for web identity with these profile endpoint settings, instead of the ones the
    /// profile gives (read when the chain is built).
    pub fn profile_endpoints(mut self, endpoints: ProfileEndpoints) -> Self {
        self.endpoints = Some(endpoints);
        self
    }

    /// Take the region and endpoint settings the chain's own calls need from these profile
    /// files rather than reading them again.
    pub(crate) fn profile_files(mut self, files: ProfileSet) -> Self {
        self.files = Some(files);
        self
    }

    /// The cache's clock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// The chain, uncached: `environment`, `profile`, `web identity`, `container`, `IMDS`.
    pub fn chain(self) -> CredentialsChain {
        let mut profile = ProfileCredentials::new(self.env.clone()).clock(self.clock.clone());
        if let Some(name) = &self.profile {
            profile = profile.profile_name(name.clone());
        }
        // The files are read here only for what was not given; a broken file is the profile
        // provider's error to report.
        let name = self.profile.clone().unwrap_or_else(|| selected_profile(&*self.env).0);
        let set = match (self.files, &self.region, &self.endpoints) {
            (Some(files), _, _) => files,
            (None, Some(_), Some(_)) => ProfileSet::default(),
            (None, _, _) => load(&*self.env).map(|loaded| loaded.set).unwrap_or_default(),
        };
        let mut settings = ServiceSettings::new(self.env.clone());
        if let Some(region) = self.region.or_else(|| crate::region::region_in(&*self.env, &set, &name)) {
            settings = settings.region(region);
        }
        settings = settings.profile_endpoints(self.endpoints.unwrap_or_else(|| profile_endpoints(&set, &name)));
        let mut container = ContainerCredentials::new(self.env.clone());
        let mut imds = ImdsCredentials::new(self.env.clone());
        if let Some(transport) = self.transport {
            profile = profile.transport(transport.clone());
            settings = settings.transport(transport.clone());
            container = container.transport(transport.clone());
            imds = imds.transport(transport);
        }
        CredentialsChain::new()
            .with("environment", EnvironmentCredentials::new(self.env))
            .with("profile", profile)
            .with("web identity", WebIdentityCredentials::from_env(settings))
            .with("container", container)
            .with("IMDS", imds)
    }

    /// The chain behind a [`CachedCredentials`]: what a client should be given.
    pub fn build(self) -> CachedCredentials {
        let clock = self.clock.clone();
        CachedCredentials::new(self.chain()).clock(clock)
    }
}
