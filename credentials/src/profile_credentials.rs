//! Credentials from the selected profile: static keys, or its `credential_process`.

use std::time::Duration;

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use aws_credential_types::Credentials;

use crate::env::SharedEnv;
use crate::process::{CredentialProcess, DEFAULT_PROCESS_TIMEOUT};
use crate::profile::{load, selected_profile};

/// Properties whose providers need the STS, SSO or SSO OIDC clients, which this crate does not
/// have yet: a profile using them is an error rather than silently skipped, since the SDKs
/// would use them before any static keys.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("role_arn", "STS AssumeRole"),
    ("web_identity_token_file", "web identity (STS AssumeRoleWithWebIdentity)"),
    ("sso_session", "IAM Identity Center (SSO)"),
    ("sso_start_url", "IAM Identity Center (SSO)"),
];

/// Reads the profile files each time it is asked (wrap it in a cache), so edits are picked up.
#[derive(Debug, Clone)]
pub struct ProfileCredentials {
    env: SharedEnv,
    profile: Option<String>,
    process_timeout: Duration,
}

impl ProfileCredentials {
    /// The profile `AWS_PROFILE` names (else `default`), from the files `env` locates.
    pub fn new(env: SharedEnv) -> Self {
        ProfileCredentials { env, profile: None, process_timeout: DEFAULT_PROCESS_TIMEOUT }
    }

    /// This profile instead of `AWS_PROFILE`'s.
    pub fn profile_name(mut self, name: impl Into<String>) -> Self {
        self.profile = Some(name.into());
        self
    }

    /// The limit on a `credential_process` command ([`DEFAULT_PROCESS_TIMEOUT`] unless set).
    pub fn process_timeout(mut self, timeout: Duration) -> Self {
        self.process_timeout = timeout;
        self
    }

    /// What the profile yields: credentials, or the command to run for them.
    fn resolve(&self) -> Result<Source, CredentialsError> {
        let (name, explicit) = match &self.profile {
            Some(name) => (name.clone(), true),
            None => selected_profile(&*self.env),
        };
        let loaded = load(&*self.env).map_err(|error| CredentialsError::invalid_configuration(error.to_string()))?;
        let Some(profile) = loaded.set.profile(&name) else {
            let message = match loaded.found.as_slice() {
                [] => format!("profile `{name}` is not defined: there are no profile files"),
                files => format!("profile `{name}` is not defined in {}", files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(" or ")),
            };
            // A profile asked for by name must exist; the implicit `default` may not.
            return Err(if explicit { CredentialsError::invalid_configuration(message) } else { CredentialsError::not_loaded(message) });
        };
        if let Some((property, what)) = UNSUPPORTED.iter().find(|(property, _)| profile.get(property).is_some()) {
            return Err(CredentialsError::invalid_configuration(format!("profile `{name}` uses `{property}` ({what}), which smithy-credentials does not support yet")));
        }
        if let Some(id) = profile.get("aws_access_key_id").filter(|v| !v.is_empty()) {
            let Some(secret) = profile.get("aws_secret_access_key").filter(|v| !v.is_empty()) else {
                return Err(CredentialsError::invalid_configuration(format!("profile `{name}` has `aws_access_key_id` but no `aws_secret_access_key`")));
            };
            let token = profile.get("aws_session_token").filter(|v| !v.is_empty()).map(str::to_string);
            return Ok(Source::Static(Credentials::new(id, secret, token, None, "ProfileFile")));
        }
        if let Some(command) = profile.get("credential_process").filter(|v| !v.is_empty()) {
            return Ok(Source::Process(name, CredentialProcess::new(command).timeout(self.process_timeout)));
        }
        Err(CredentialsError::not_loaded(format!("profile `{name}` has neither `aws_access_key_id` nor `credential_process`")))
    }

    async fn provide(&self) -> provider::Result {
        match self.resolve()? {
            Source::Static(credentials) => Ok(credentials),
            Source::Process(name, process) => process.run().await.map_err(|error| crate::error::with_context(&format!("profile `{name}`"), &error)),
        }
    }
}

enum Source {
    Static(Credentials),
    Process(String, CredentialProcess),
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}
