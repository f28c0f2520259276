//! Container credentials: the ECS task role endpoint and EKS Pod Identity.
//!
//! `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is a path on `http://169.254.170.2`;
//! `AWS_CONTAINER_CREDENTIALS_FULL_URI` is a whole URL, which over plain HTTP must point at a
//! loopback address or the ECS / EKS agents (169.254.170.2, 169.254.170.23, fd00:ec2::23), as the
//! SDKs require, so credentials never cross a network in clear text. The `Authorization` header
//! comes from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read each time: EKS rotates it) or
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use smithy_rt::client::HttpTransport;

use crate::env::{non_empty, SharedEnv};
use crate::http::{default_transport, snippet, Sender};
use crate::json::{self, Shape};

/// The ECS agent, for relative URIs.
const ECS_HOST: &str = "http://169.254.170.2";

/// Fetches credentials from the container endpoint the environment names.
#[derive(Debug, Clone)]
pub struct ContainerCredentials {
    env: SharedEnv,
    sender: Sender,
}

impl ContainerCredentials {
    /// Reading the endpoint and token from `env`; 2 s per attempt, 3 attempts, the runtime's
    /// hyper transport.
    pub fn new(env: SharedEnv) -> Self {
        ContainerCredentials { env, sender: Sender { transport: default_transport(), timeout: Duration::from_secs(2), attempts: 3 } }
    }

    /// Send through this transport.
    pub fn transport(mut self, transport: Arc<dyn HttpTransport>) -> Self {
        self.sender.transport = transport;
        self
    }

    /// The limit on each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.sender.timeout = timeout;
        self
    }

    /// How many attempts (at least 1) after timeouts, transport failures and 5xx responses.
    pub fn attempts(mut self, attempts: u32) -> Self {
        self.sender.attempts = attempts;
        self
    }

    /// The endpoint, or why there is none.
    fn endpoint(&self) -> Result<http::Uri, CredentialsError> {
        let env = &*self.env;
        let invalid = |message: String| CredentialsError::invalid_configuration(message);
        if let Some(relative) = non_empty(env, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            let slash = if relative.starts_with('/') { "" } else { "/" };
            return format!("{ECS_HOST}{slash}{relative}").parse().map_err(|_| invalid("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a valid URI path".to_string()));
        }
        let Some(full) = non_empty(env, "AWS_CONTAINER_CREDENTIALS_FULL_URI") else {
            return Err(CredentialsError::not_loaded("neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set"));
        };
        let uri: http::Uri = full.parse().map_err(|_| invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URI".to_string()))?;
        let host = uri.host().ok_or_else(|| invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI has no host".to_string()))?;
        match uri.scheme_str() {
            Some("https") => Ok(uri),
            Some("http") if allowed_http_host(host) => Ok(uri),
            Some("http") => Err(invalid(format!(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI's host `{host}` is not allowed over plain http: use https, a loopback address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23"
            ))),
            _ => Err(invalid("AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http or https URL".to_string())),
        }
    }

    /// The `Authorization` header's value, if any.
    fn token(&self) -> Result<Option<http::HeaderValue>, CredentialsError> {
        let env = &*self.env;
        let token = match non_empty(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            Some(path) => {
                let text = env.read_file(&PathBuf::from(&path)).map_err(|error| {
                    CredentialsError::invalid_configuration(format!("could not read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}: {error}"))
                })?;
                Some(text.trim().to_string())
            }
            None => non_empty(env, "AWS_CONTAINER_AUTHORIZATION_TOKEN"),
        };
        let Some(token) = token else { return Ok(None) };
        let mut value = http::HeaderValue::from_str(&token)
            .map_err(|_| CredentialsError::invalid_configuration("the container authorization token contains characters a header cannot carry"))?;
        value.set_sensitive(true);
        Ok(Some(value))
    }

    async fn provide(&self) -> provider::Result {
        let uri = self.endpoint()?;
        let token = self.token()?;
        // The path can be a capability (ECS's is a per-task GUID): messages show only the origin.
        let origin = format!("{}://{}", uri.scheme_str().unwrap_or("http"), uri.authority().map_or("", |a| a.as_str()));
        let make = || {
            let mut request = http::Request::new(Vec::new());
            *request.uri_mut() = uri.clone();
            request.headers_mut().insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
            if let Some(token) = &token {
                request.headers_mut().insert(http::header::AUTHORIZATION, token.clone());
            }
            request
        };
        let failed = |why: String| CredentialsError::provider_error(format!("the container credentials endpoint {origin} {why}"));
        let response = self.sender.send(&make).await.map_err(|failure| failed(format!("failed: {failure}")))?;
        let status = response.status();
        if !status.is_success() {
            return Err(failed(format!("answered HTTP {}{}", status.as_u16(), snippet(response.body()))));
        }
        json::credentials(response.body(), Shape { token: "Token", version: false, code: false }, "ContainerCredentials")
            .map_err(|why| failed(format!("sent unusable credentials: {why}")))
    }
}

/// Hosts plain HTTP may reach: loopback (by name or address) and the container agents.
fn allowed_http_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let Ok(ip) = bare.parse::<IpAddr>() else { return false };
    let agents: [IpAddr; 3] = [[169, 254, 170, 2].into(), [169, 254, 170, 23].into(), [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23].into()];
    ip.is_loopback() || agents.contains(&ip)
}

impl ProvideCredentials for ContainerCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}
