//! EC2 instance-profile credentials over IMDSv2: a session token (`PUT /latest/api/token`),
//! then the role name and the role's credentials.
//!
//! An unreachable IMDS means "not on EC2", so it is `CredentialsNotLoaded` (the chain's last
//! link then reports it among the others); an IMDS that answers wrongly is an error.

use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use smithy_rt::client::HttpTransport;

use crate::env::{non_empty, SharedEnv};
use crate::http::{default_transport, snippet, BoxFuture, Sender};
use crate::json::{self, Shape};

const TOKEN_PATH: &str = "/latest/api/token";
const ROLE_PATH: &str = "/latest/meta-data/iam/security-credentials/";
/// The instance's region.
const REGION_PATH: &str = "/latest/meta-data/placement/region";
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
const TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";

/// Fetches the instance profile's credentials from IMDS.
#[derive(Debug, Clone)]
pub struct ImdsCredentials {
    env: SharedEnv,
    sender: Sender,
    token_ttl: u32,
}

impl ImdsCredentials {
    /// IMDS at `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else per
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`IPv6`: `http://[fd00:ec2::254]`), else
    /// `http://169.254.169.254`; 1 s per attempt, 3 attempts, as the SDKs.
    pub fn new(env: SharedEnv) -> Self {
        ImdsCredentials { env, sender: Sender { transport: default_transport(), timeout: Duration::from_secs(1), attempts: 3 }, token_ttl: 21_600 }
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

    fn endpoint(&self) -> String {
        let env = &*self.env;
        if let Some(endpoint) = non_empty(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT") {
            return endpoint.trim_end_matches('/').to_string();
        }
        match non_empty(env, "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE") {
            Some(mode) if mode.eq_ignore_ascii_case("ipv6") => "http://[fd00:ec2::254]".to_string(),
            _ => "http://169.254.169.254".to_string(),
        }
    }

    /// A session token (boxed: three callers await it).
    fn token<'a>(&'a self, endpoint: &'a str) -> BoxFuture<'a, Result<http::HeaderValue, CredentialsError>> {
        Box::pin(self.new_token(endpoint))
    }

    async fn new_token(&self, endpoint: &str) -> Result<http::HeaderValue, CredentialsError> {
        let ttl = http::HeaderValue::from(self.token_ttl);
        let uri = parse(endpoint, TOKEN_PATH)?;
        let make = || {
            let mut request = http::Request::new(Vec::new());
            *request.method_mut() = http::Method::PUT;
            *request.uri_mut() = uri.clone();
            request.headers_mut().insert(TTL_HEADER, ttl.clone());
            request
        };
        let response = self.sender.send(&make).await.map_err(|failure| CredentialsError::not_loaded(format!("IMDS at {endpoint} is unreachable: {failure}")))?;
        let status = response.status().as_u16();
        match status {
            200..=299 => {}
            403 => return Err(CredentialsError::provider_error(format!("IMDS at {endpoint} refused a session token (HTTP 403): IMDS is disabled on this instance"))),
            _ => return Err(CredentialsError::provider_error(format!("IMDS at {endpoint} answered the token request with HTTP {status}{}", snippet(response.body())))),
        }
        let token = String::from_utf8_lossy(response.body()).trim().to_string();
        let mut value = http::HeaderValue::from_str(&token).map_err(|_| CredentialsError::provider_error(format!("IMDS at {endpoint} sent an unusable session token")))?;
        value.set_sensitive(true);
        Ok(value)
    }

    /// GET `path` with the session token; a 401 (the token expired or was rejected) gets a new
    /// token and one more try. Boxed: the credentials and the region both await it.
    fn get<'a>(&'a self, endpoint: &'a str, path: &'a str, token: &'a mut http::HeaderValue) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, CredentialsError>> {
        Box::pin(self.get_retrying(endpoint, path, token))
    }

    async fn get_retrying(&self, endpoint: &str, path: &str, token: &mut http::HeaderValue) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        let uri = parse(endpoint, path)?;
        let response = self.get_once(endpoint, &uri, token).await?;
        if response.status() != http::StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        *token = self.token(endpoint).await?;
        self.get_once(endpoint, &uri, token).await
    }

    async fn get_once(&self, endpoint: &str, uri: &http::Uri, token: &http::HeaderValue) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        let make = || {
            let mut request = http::Request::new(Vec::new());
            *request.uri_mut() = uri.clone();
            request.headers_mut().insert(TOKEN_HEADER, token.clone());
            request
        };
        self.sender.send(&make).await.map_err(|failure| CredentialsError::provider_error(format!("IMDS at {endpoint} failed: {failure}")))
    }

    async fn provide(&self) -> provider::Result {
        if self.disabled() {
            return Err(CredentialsError::not_loaded("AWS_EC2_METADATA_DISABLED is true"));
        }
        let endpoint = self.endpoint();
        let mut token = self.token(&endpoint).await?;
        let failed = |why: String| CredentialsError::provider_error(format!("IMDS at {endpoint} {why}"));
        let response = self.get(&endpoint, ROLE_PATH, &mut token).await?;
        match response.status().as_u16() {
            200..=299 => {}
            404 => return Err(CredentialsError::not_loaded("no IAM role is attached to this instance (IMDS answered 404)")),
            status => return Err(failed(format!("answered the role-name request with HTTP {status}{}", snippet(response.body())))),
        }
        let body = String::from_utf8_lossy(response.body());
        let Some(role) = body.lines().map(str::trim).find(|line| !line.is_empty()) else {
            return Err(CredentialsError::not_loaded("no IAM role is attached to this instance (IMDS listed none)"));
        };
        // IAM role names are `[\w+=,.@-]+`; anything else would change the request's path.
        if !role.chars().all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)) {
            return Err(failed("listed a role name that is not a valid IAM role name".to_string()));
        }
        let response = self.get(&endpoint, &format!("{ROLE_PATH}{role}"), &mut token).await?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(failed(format!("answered the credentials request for role `{role}` with HTTP {status}{}", snippet(response.body()))));
        }
        json::credentials(response.body(), Shape { token: "Token", version: false, code: true }, "Ec2InstanceMetadata")
            .map_err(|why| failed(format!("sent unusable credentials for role `{role}`: {why}")))
    }
}

impl ImdsCredentials {
    /// `AWS_EC2_METADATA_DISABLED` is `true`.
    fn disabled(&self) -> bool {
        non_empty(&*self.env, "AWS_EC2_METADATA_DISABLED").is_some_and(|value| value.eq_ignore_ascii_case("true"))
    }

    /// The instance's region (`/latest/meta-data/placement/region`), for the region chain's last
    /// step; `None` when IMDS is disabled, unreachable or has none.
    pub async fn region(&self) -> Option<String> {
        if self.disabled() {
            return None;
        }
        let endpoint = self.endpoint();
        let mut token = self.token(&endpoint).await.ok()?;
        let response = self.get(&endpoint, REGION_PATH, &mut token).await.ok()?;
        if !response.status().is_success() {
            return None;
        }
        let region = String::from_utf8_lossy(response.body()).trim().to_string();
        // Region names are lowercase letters, digits and dashes; anything else is not one.
        (!region.is_empty() && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')).then_some(region)
    }
}

fn parse(endpoint: &str, path: &str) -> Result<http::Uri, CredentialsError> {
    format!("{endpoint}{path}").parse().map_err(|_| CredentialsError::invalid_configuration(format!("IMDS endpoint `{endpoint}` is not a valid URL")))
}

impl ProvideCredentials for ImdsCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}
