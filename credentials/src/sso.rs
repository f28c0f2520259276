//! IAM Identity Center (SSO) profiles: an `sso_session` (or the legacy `sso_start_url` in the
//! profile itself) names a token that `aws sso login` cached under `~/.aws/sso/cache`; SSO
//! `GetRoleCredentials` trades it for the role's credentials. A session's token is refreshed
//! through SSO OIDC `CreateToken` when it is within five minutes of expiring, and the cache file
//! is updated, as the AWS SDKs do. Legacy profiles cannot refresh: their token lasts until it
//! expires.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials};
use aws_credential_types::Credentials;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use smithy_rt::json::{Json, JsonWriter};
use sha1::Digest;
use smithy_credentials_sso as sso;
use smithy_credentials_sso_oidc as oidc;

use smithy_rt::client::{Clock, SystemClock};
use crate::clients::{call_failed, ServiceSettings};
use crate::json::parse_time;
use crate::env::home_dir;

/// A token this close to expiring is refreshed first.
const REFRESH_WINDOW: Duration = Duration::from_secs(5 * 60);

/// What an SSO profile names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoProfile {
    /// The `[sso-session]` it uses; `None` for a legacy profile.
    pub session: Option<String>,
    /// `sso_start_url`.
    pub start_url: String,
    /// `sso_region`: where the portal and OIDC calls go.
    pub region: String,
    /// `sso_account_id`.
    pub account_id: String,
    /// `sso_role_name`.
    pub role_name: String,
}

/// Credentials of an SSO profile's role.
#[derive(Debug, Clone)]
pub struct SsoCredentials {
    profile: SsoProfile,
    settings: ServiceSettings,
    clock: Arc<dyn Clock>,
}

/// The cached token, with the document it came from (written back whole after a refresh).
struct CachedToken {
    path: PathBuf,
    /// The cache file's object, entries in order.
    document: Json,
    access_token: String,
    expires_at: SystemTime,
}

impl SsoCredentials {
    /// For `profile`, reading the token cache under the settings' environment's home directory.
    pub fn new(profile: SsoProfile, settings: ServiceSettings) -> Self {
        SsoCredentials { profile, settings, clock: Arc::new(SystemClock) }
    }

    /// Judge expiry by this clock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    fn login_hint(&self) -> String {
        match &self.profile.session {
            Some(session) => format!("run `aws sso login --sso-session {session}`"),
            None => "run `aws sso login`".to_string(),
        }
    }

    /// `~/.aws/sso/cache/<SHA-1 of the session name, or of the start URL for a legacy profile>.json`.
    fn cache_path(&self) -> Result<PathBuf, CredentialsError> {
        let key = self.profile.session.as_deref().unwrap_or(&self.profile.start_url);
        let digest = sha1::Sha1::digest(key.as_bytes());
        let name: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let home = home_dir(&*self.settings.env).ok_or_else(|| CredentialsError::invalid_configuration("the SSO token cache needs a home directory: HOME is not set"))?;
        Ok(home.join(".aws").join("sso").join("cache").join(format!("{name}.json")))
    }

    fn read_token(&self) -> Result<CachedToken, CredentialsError> {
        let path = self.cache_path()?;
        let hint = self.login_hint();
        let text = self
            .settings
            .env
            .read_file(&path)
            .map_err(|error| CredentialsError::provider_error(format!("the SSO token cache {} cannot be read ({error}): {hint}", path.display())))?;
        let invalid = |why: &str| CredentialsError::provider_error(format!("the SSO token cache {} {why}: {hint}", path.display()));
        let document = match smithy_rt::json::parse(text.as_bytes()) {
            Ok(document @ Json::Object(_)) => document,
            _ => return Err(invalid("is not a JSON object")),
        };
        let field = |name: &str| document.get(name).and_then(Json::as_str);
        let access_token = field("accessToken").filter(|t| !t.is_empty()).ok_or_else(|| invalid("has no accessToken"))?.to_string();
        let expires_at = field("expiresAt").ok_or_else(|| invalid("has no expiresAt"))?;
        let expires_at = parse_time(expires_at).ok_or_else(|| invalid("has an expiresAt that is not an RFC 3339 time"))?;
        Ok(CachedToken { path, document, access_token, expires_at })
    }

    /// A fresh token from the cached refresh token, written back to the cache; `None` when the
    /// cache holds no refresh token and client registration.
    async fn refresh(&self, token: &CachedToken) -> Result<Option<CachedToken>, CredentialsError> {
        let text = |name: &str| token.document.get(name).and_then(Json::as_str).filter(|v| !v.is_empty()).map(str::to_string);
        let (Some(refresh_token), Some(client_id), Some(client_secret)) = (text("refreshToken"), text("clientId"), text("clientSecret")) else {
            return Ok(None);
        };
        let now = self.clock.now();
        if text("registrationExpiresAt").and_then(|at| parse_time(&at)).is_some_and(|at| at <= now) {
            return Ok(None);
        }
        let client = oidc::Client::new(self.settings.config("AWS_ENDPOINT_URL_SSO_OIDC", Some(&self.profile.region), None));
        let output = client
            .create_token()
            .client_id(client_id)
            .client_secret(client_secret)
            .grant_type("refresh_token")
            .refresh_token(refresh_token)
            .send()
            .await
            .map_err(|error| call_failed("SSO OIDC CreateToken (refreshing the SSO token)", &error))?;
        let access_token = output.access_token.filter(|t| !t.is_empty()).ok_or_else(|| CredentialsError::provider_error("SSO OIDC CreateToken: the response has no accessToken"))?;
        let expires_at = now + Duration::from_secs(u64::try_from(output.expires_in.unwrap_or(0)).unwrap_or(0));
        let mut document = token.document.clone();
        set(&mut document, "accessToken", access_token.clone());
        set(&mut document, "expiresAt", format_time(expires_at));
        if let Some(rotated) = output.refresh_token.filter(|t| !t.is_empty()) {
            set(&mut document, "refreshToken", rotated);
        }
        let mut writer = JsonWriter::new();
        crate::json::write(&mut writer, &document);
        let written = writer.into_string();
        // A cache that cannot be written costs a refresh next time, not these credentials.
        let _ = self.settings.env.write_file(&token.path, &written);
        Ok(Some(CachedToken { path: token.path.clone(), document, access_token, expires_at }))
    }

    async fn provide(&self) -> provider::Result {
        let mut token = self.read_token()?;
        let now = self.clock.now();
        if self.profile.session.is_some() && token.expires_at <= now + REFRESH_WINDOW {
            match self.refresh(&token).await {
                Ok(Some(fresh)) => token = fresh,
                Ok(None) => {}
                // Still valid for a few minutes: use it, and try refreshing next time.
                Err(_) if token.expires_at > now => {}
                Err(error) => return Err(error),
            }
        }
        if token.expires_at <= now {
            return Err(CredentialsError::provider_error(format!(
                "the SSO token in {} expired at {}: {}",
                token.path.display(),
                format_time(token.expires_at),
                self.login_hint()
            )));
        }
        let client = sso::Client::new(self.settings.config("AWS_ENDPOINT_URL_SSO", Some(&self.profile.region), None));
        let what = format!("SSO GetRoleCredentials of role `{}` in account {}", self.profile.role_name, self.profile.account_id);
        let output = client
            .get_role_credentials()
            .role_name(&self.profile.role_name)
            .account_id(&self.profile.account_id)
            .access_token(token.access_token)
            .send()
            .await
            .map_err(|error| call_failed(&what, &error))?;
        let missing = |field: &str| CredentialsError::provider_error(format!("{what}: the response has no {field}"));
        let credentials = output.role_credentials.ok_or_else(|| missing("roleCredentials"))?;
        let id = credentials.access_key_id.filter(|v| !v.is_empty()).ok_or_else(|| missing("accessKeyId"))?;
        let secret = credentials.secret_access_key.filter(|v| !v.is_empty()).ok_or_else(|| missing("secretAccessKey"))?;
        let expiry = credentials.expiration.and_then(|ms| u64::try_from(ms).ok()).map(|ms| UNIX_EPOCH + Duration::from_millis(ms));
        Ok(Credentials::new(id, secret, credentials.session_token, expiry, "SSO"))
    }
}

impl ProvideCredentials for SsoCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}

/// Replace the entry `name` of the cache object (every copy of it), or add it at the end.
fn set(document: &mut Json, name: &str, value: String) {
    if let Json::Object(entries) = document {
        entries.retain(|(key, _)| key != name);
        entries.push((name.to_string(), Json::String(value)));
    }
}

fn format_time(at: SystemTime) -> String {
    DateTime::from(at).fmt(Format::DateTime).unwrap_or_default()
}
