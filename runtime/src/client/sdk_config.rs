//! For programs that already run aws-config: an aws-types `SdkConfig` becomes a
//! [`ConfigBuilder`], so its region, credentials provider (behind a [`CachedCredentials`]),
//! endpoint URL, retries, timeouts and FIPS / dual-stack switches carry over.
//!
//! [`CachedCredentials`]: super::CachedCredentials

use super::config::{Config, ConfigBuilder};
use super::retry::RetryConfig;

impl ConfigBuilder {
    /// The settings of an aws-config `SdkConfig`, on top of this crate's defaults for what it
    /// leaves unset. Its HTTP client and sleep are aws-smithy's own traits and are not taken:
    /// the runtime's transport and timer apply.
    ///
    /// Retries keep their attempt count and backoff bounds (the runtime's standard mode;
    /// adaptive mode's client-side rate limiting has no counterpart here); retries that the
    /// `SdkConfig` disables stay disabled. Of its timeouts, the per-attempt and connect ones
    /// carry over (the runtime has no whole-operation timeout).
    pub fn from_sdk_config(sdk: &aws_types::SdkConfig) -> ConfigBuilder {
        let mut builder = Config::builder();
        if let Some(region) = sdk.region() {
            builder = builder.region(region.as_ref());
        }
        if let Some(provider) = sdk.credentials_provider() {
            // aws-config leaves caching to the SDK clients' identity cache, so its providers
            // (IMDS, STS, SSO) would otherwise be asked on every call.
            builder = builder.credentials_provider(super::CachedCredentials::new(provider));
        }
        if let Some(url) = sdk.endpoint_url() {
            builder = builder.endpoint_url(url);
        }
        if let Some(fips) = sdk.use_fips() {
            builder = builder.use_fips(fips);
        }
        if let Some(dual_stack) = sdk.use_dual_stack() {
            builder = builder.use_dual_stack(dual_stack);
        }
        if let Some(retry) = sdk.retry_config() {
            builder = builder.retry(
                RetryConfig::standard()
                    .with_max_attempts(retry.max_attempts())
                    .with_initial_backoff(retry.initial_backoff())
                    .with_max_backoff(retry.max_backoff()),
            );
        }
        if let Some(timeouts) = sdk.timeout_config() {
            if let Some(timeout) = timeouts.operation_attempt_timeout() {
                builder = builder.timeout(timeout);
            }
            if let Some(timeout) = timeouts.connect_timeout() {
                builder = builder.connect_timeout(timeout);
            }
        }
        builder
    }
}

impl From<&aws_types::SdkConfig> for Config {
    fn from(sdk: &aws_types::SdkConfig) -> Config {
        ConfigBuilder::from_sdk_config(sdk).build()
    }
}
