//! Role assumption through STS: `AssumeRole` for a profile's `role_arn` (signed with the
//! credentials of its source), and `AssumeRoleWithWebIdentity` for a web identity token file
//! (unsigned: the token is the proof), from a profile or from `AWS_WEB_IDENTITY_TOKEN_FILE`,
//! `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME`.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use smithy_credentials_sts as sts;

use crate::clients::{call_failed, ServiceSettings};
use crate::env::{non_empty, SharedEnv};

/// STS's endpoint override variable.
const ENDPOINT_VARIABLE: &str = "AWS_ENDPOINT_URL_STS";

/// A role session name when the configuration gives none: unique per second, as the SDKs'.
fn default_session_name() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    format!("smithy-credentials-{seconds}")
}

/// The role to assume and how.
#[derive(Debug, Clone)]
pub struct Role {
    /// `role_arn`.
    pub arn: String,
    /// `role_session_name`; a generated name when `None`.
    pub session_name: Option<String>,
    /// `external_id`.
    pub external_id: Option<String>,
    /// `duration_seconds`; STS's default (one hour) when `None`.
    pub duration: Option<Duration>,
}

impl Role {
    /// Assume `arn` with the defaults.
    pub fn new(arn: impl Into<String>) -> Self {
        Role { arn: arn.into(), session_name: None, external_id: None, duration: None }
    }

    /// The session name to send: the configured one, else a generated one.
    fn session_name(&self) -> String {
        self.session_name.clone().unwrap_or_else(default_session_name)
    }

    /// `DurationSeconds`, when configured (saturated: STS refuses what is out of its range).
    fn duration_seconds(&self) -> Option<i32> {
        self.duration.map(|duration| i32::try_from(duration.as_secs()).unwrap_or(i32::MAX))
    }
}

/// Credentials from STS `AssumeRole`, signed with another provider's.
#[derive(Debug, Clone)]
pub struct AssumeRoleCredentials {
    role: Role,
    source: SharedCredentialsProvider,
    settings: ServiceSettings,
}

impl AssumeRoleCredentials {
    /// Assume `role` with the credentials `source` provides.
    pub fn new(role: Role, source: impl ProvideCredentials + 'static, settings: ServiceSettings) -> Self {
        AssumeRoleCredentials { role, source: SharedCredentialsProvider::new(source), settings }
    }

    async fn provide(&self) -> provider::Result {
        let role = &self.role;
        let client = sts::Client::new(self.settings.config(ENDPOINT_VARIABLE, None, Some(self.source.clone())));
        let mut call = client.assume_role().role_arn(&role.arn).role_session_name(role.session_name());
        if let Some(id) = &role.external_id {
            call = call.external_id(id);
        }
        if let Some(seconds) = role.duration_seconds() {
            call = call.duration_seconds(seconds);
        }
        let what = format!("STS AssumeRole of `{}`", role.arn);
        let output = call.send().await.map_err(|error| call_failed(&what, &error))?;
        credentials_of(&what, output.credentials, "AssumeRole")
    }
}

impl ProvideCredentials for AssumeRoleCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}

/// Credentials from STS `AssumeRoleWithWebIdentity` with the token in a file (re-read on each
/// refresh: EKS and others rotate it).
#[derive(Debug, Clone)]
pub struct WebIdentityCredentials {
    token_file: Option<PathBuf>,
    role: Option<Role>,
    env: SharedEnv,
    settings: ServiceSettings,
}

impl WebIdentityCredentials {
    /// From `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN` and `AWS_ROLE_SESSION_NAME`, read from
    /// the settings' environment when asked.
    pub fn from_env(settings: ServiceSettings) -> Self {
        WebIdentityCredentials { token_file: None, role: None, env: settings.env.clone(), settings }
    }

    /// This token file and role (a profile's `web_identity_token_file` and `role_arn`).
    pub fn new(token_file: impl Into<PathBuf>, role: Role, settings: ServiceSettings) -> Self {
        WebIdentityCredentials { token_file: Some(token_file.into()), role: Some(role), env: settings.env.clone(), settings }
    }

    fn configured(&self) -> Result<(PathBuf, Role), CredentialsError> {
        if let (Some(file), Some(role)) = (&self.token_file, &self.role) {
            return Ok((file.clone(), role.clone()));
        }
        let env = &*self.env;
        let Some(file) = non_empty(env, "AWS_WEB_IDENTITY_TOKEN_FILE") else {
            return Err(CredentialsError::not_loaded("AWS_WEB_IDENTITY_TOKEN_FILE is not set"));
        };
        let Some(arn) = non_empty(env, "AWS_ROLE_ARN") else {
            return Err(CredentialsError::invalid_configuration("AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not"));
        };
        Ok((PathBuf::from(file), Role { session_name: non_empty(env, "AWS_ROLE_SESSION_NAME"), ..Role::new(arn) }))
    }

    async fn provide(&self) -> provider::Result {
        let (file, role) = self.configured()?;
        let token = self
            .env
            .read_file(&file)
            .map_err(|error| CredentialsError::invalid_configuration(format!("web identity token file {} cannot be read: {error}", file.display())))?;
        let token = token.trim();
        if token.is_empty() {
            return Err(CredentialsError::invalid_configuration(format!("web identity token file {} is empty", file.display())));
        }
        let client = sts::Client::new(self.settings.config(ENDPOINT_VARIABLE, None, None));
        let mut call = client
            .assume_role_with_web_identity()
            .role_arn(&role.arn)
            .role_session_name(role.session_name())
            .web_identity_token(token);
        if let Some(seconds) = role.duration_seconds() {
            call = call.duration_seconds(seconds);
        }
        let what = format!("STS AssumeRoleWithWebIdentity of `{}`", role.arn);
        let output = call.send().await.map_err(|error| call_failed(&what, &error))?;
        credentials_of(&what, output.credentials, "WebIdentityToken")
    }
}

impl ProvideCredentials for WebIdentityCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}

/// The credentials of an STS response (which the model requires, so a response without them is
/// an error rather than anonymous credentials).
fn credentials_of(what: &str, credentials: Option<sts::types::Credentials>, provider: &'static str) -> provider::Result {
    let missing = |field: &str| CredentialsError::provider_error(format!("{what}: the response has no {field}"));
    let credentials = credentials.ok_or_else(|| missing("Credentials"))?;
    let id = credentials.access_key_id.ok_or_else(|| missing("AccessKeyId"))?;
    let secret = credentials.secret_access_key.ok_or_else(|| missing("SecretAccessKey"))?;
    let expiry = credentials.expiration.and_then(|at| SystemTime::try_from(at).ok());
    Ok(Credentials::new(id, secret, credentials.session_token, expiry, provider))
}
