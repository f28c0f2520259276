//! A client configuration from the standard environment, with the whole default chain: what
//! `Client::from_env()` gives, plus credentials from profiles, roles, web identity, SSO,
//! containers and IMDS, and the region from the profile or IMDS.

use crate::chain::DefaultChain;
use crate::clients::profile_endpoints;
use crate::profile::{load, selected_profile};
use crate::env::{OsEnv, SharedEnv};
use crate::imds::ImdsCredentials;

/// The runtime's `Config::from_env()` (region, endpoint overrides, FIPS and dual-stack flags
/// from the environment) with the credentials of the cached [`DefaultChain`], the region
/// resolved as the SDKs do (`AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's `region`, then
/// IMDS), and the profile's endpoint settings below the environment's (`endpoint_url`, its
/// `services` section, `ignore_configured_endpoint_urls`). Give it to a generated crate's
/// `Client::new`.
///
/// ```no_run
/// # async fn demo() {
/// let config = smithy_credentials::config_from_env().await;
/// # let _ = config;
/// // let client = aws_connect::Client::new(config);
/// # }
/// ```
pub async fn config_from_env() -> smithy_rt::client::Config {
    config_from(std::sync::Arc::new(OsEnv)).await
}

/// [`config_from_env`] with the chain reading `env`.
async fn config_from(env: SharedEnv) -> smithy_rt::client::Config {
    let base = smithy_rt::client::Config::from_env();
    // Read once, for the client and the chain's own calls. A broken profile file is reported by
    // the credentials chain when it reads it.
    let (name, _) = selected_profile(&*env);
    let set = load(&*env).map(|loaded| loaded.set).unwrap_or_default();
    let configured = crate::region::region_in(&*env, &set, &name);
    let endpoints = profile_endpoints(&set, &name);
    let chain = DefaultChain::new().env(env.clone()).profile_files(set);
    let mut builder = base.to_builder().credentials_provider(chain.build()).profile_endpoints(endpoints);
    if base.region().is_none() {
        let region = match configured {
            Some(region) => Some(region),
            // One short try: off EC2 nothing answers, and startup should not wait long for that.
            None => ImdsCredentials::new(env).timeout(std::time::Duration::from_secs(1)).attempts(1).region().await,
        };
        if let Some(region) = region {
            builder = builder.region(region);
        }
    }
    builder.build()
}
