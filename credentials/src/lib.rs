#![forbid(unsafe_code)]
#![deny(missing_docs)]
//! The local providers of the AWS default credentials chain, natively: environment variables,
//! the shared profile files (static keys and `credential_process`), container credentials
//! (ECS, EKS Pod Identity) and IMDSv2, plus a cache and the chain itself. Each provider
//! implements aws-credential-types' `ProvideCredentials`, so it plugs into
//! `smithy_rt::client::Config::builder().credentials_provider(...)`.
//!
//! Everything reads the machine through an [`Env`], so tests describe one with [`FakeEnv`].
//!
//! ```no_run
//! let credentials = smithy_credentials::DefaultChain::new().build();
//! let mut config = smithy_rt::client::Config::builder().credentials_provider(credentials);
//! if let Some(region) = smithy_credentials::region(&smithy_credentials::OsEnv)? {
//!     config = config.region(region);
//! }
//! let config = config.build();
//! # let _ = config;
//! # Ok::<(), smithy_credentials::profile::LoadError>(())
//! ```

mod chain;
mod clients;
mod config;
mod container;
pub mod env;
mod environment;
mod error;
mod http;
mod imds;
mod json;
mod process;
pub mod profile;
mod profile_credentials;
mod region;
mod sso;
mod sts;

/// The cache lives in the runtime (feature `credentials-cache`), which the SDK-config conversion
/// shares.
pub use smithy_rt::client::{CachedCredentials, Clock, ManualClock, ProfileEndpoints, SystemClock, DEFAULT_LIFETIME, DEFAULT_REFRESH_BUFFER};
pub use chain::{CredentialsChain, DefaultChain};
pub use clients::{profile_endpoints, ServiceSettings, DEFAULT_CHAIN_TIMEOUT};
pub use config::config_from_env;
pub use container::ContainerCredentials;
pub use env::{Env, FakeEnv, OsEnv, SharedEnv};
pub use environment::EnvironmentCredentials;
pub use error::describe;
pub use imds::ImdsCredentials;
pub use process::{CredentialProcess, DEFAULT_PROCESS_TIMEOUT};
pub use profile_credentials::ProfileCredentials;
pub use region::region;
pub use sso::{SsoCredentials, SsoProfile};
pub use sts::{AssumeRoleCredentials, Role, WebIdentityCredentials};
