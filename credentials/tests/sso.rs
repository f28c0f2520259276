//! SSO profiles against loopback SSO and SSO OIDC servers: the cached token, its refresh (and
//! the cache rewritten), legacy profiles, and each failure's message.

mod support;

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::ProvideCredentials;
use smithy_credentials::{describe, FakeEnv, ManualClock, ProfileCredentials};
use support::{Reply, Server};

/// SHA-1 of `my-sso` and of the legacy start URL, computed independently (Python's hashlib).
const SESSION_CACHE: &str = "/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json";
const LEGACY_CACHE: &str = "/home/u/.aws/sso/cache/40a89917e3175433e361b710a9d43528d7f1890a.json";

const CONFIG: &str = "[profile dev]\nsso_session = my-sso\nsso_account_id = 123456789012\nsso_role_name = Developer\nregion = eu-west-1\n\
[sso-session my-sso]\nsso_start_url = https://d-abc123.awsapps.com/start\nsso_region = eu-central-1\nsso_registration_scopes = sso:account:access\n";

const ROLE: &str = r#"{"roleCredentials": {"accessKeyId": "ASIASSO", "secretAccessKey": "sso-secret", "sessionToken": "sso-token", "expiration": 1893456000000}}"#;

/// 2026-01-01T00:00:00Z.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

fn env(server: &Server, cache_path: &str, cache: &str) -> FakeEnv {
    FakeEnv::new()
        .var("HOME", "/home/u")
        .var("AWS_PROFILE", "dev")
        .var("AWS_ENDPOINT_URL_SSO", server.url())
        .var("AWS_ENDPOINT_URL_SSO_OIDC", server.url())
        .file("/home/u/.aws/config", CONFIG)
        .file(cache_path, cache)
}

fn provider(env: &FakeEnv) -> ProfileCredentials {
    ProfileCredentials::new(env.clone().shared()).clock(Arc::new(ManualClock::new(now())))
}

#[tokio::test]
async fn a_valid_cached_token_buys_role_credentials() {
    let server = Server::start(vec![Reply::new(200, ROLE)]).await;
    let env = env(&server, SESSION_CACHE, r#"{"accessToken": "cached-token", "expiresAt": "2026-01-01T08:00:00Z", "region": "eu-central-1", "startUrl": "https://d-abc123.awsapps.com/start"}"#);
    let credentials = provider(&env).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("ASIASSO", "sso-secret", Some("sso-token")));
    assert_eq!(credentials.expiry(), Some(UNIX_EPOCH + Duration::from_secs(1_893_456_000)));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "GET");
    assert!(request.path.starts_with("/federation/credentials?"), "{}", request.path);
    assert!(request.path.contains("role_name=Developer") && request.path.contains("account_id=123456789012"), "{}", request.path);
    assert_eq!(request.header("x-amz-sso_bearer_token"), Some("cached-token"));
    assert_eq!(request.header("authorization"), None, "GetRoleCredentials is not signed");
}

#[tokio::test]
async fn an_expiring_token_is_refreshed_and_the_cache_rewritten() {
    let server = Server::start(vec![Reply::new(200, r#"{"accessToken": "fresh-token", "tokenType": "Bearer", "expiresIn": 28800, "refreshToken": "rotated-refresh"}"#), Reply::new(200, ROLE)]).await;
    let cache = r#"{"accessToken": "old-token", "expiresAt": "2026-01-01T00:02:00Z", "refreshToken": "old-refresh", "clientId": "client-1", "clientSecret": "client-secret-1", "registrationExpiresAt": "2026-06-01T00:00:00Z", "region": "eu-central-1", "startUrl": "https://d-abc123.awsapps.com/start"}"#;
    let env = env(&server, SESSION_CACHE, cache);
    provider(&env).provide_credentials().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str()), ("POST", "/token"));
    let body: serde_json::Value = serde_json::from_str(&requests[0].body).unwrap();
    assert_eq!(body, serde_json::json!({"clientId": "client-1", "clientSecret": "client-secret-1", "grantType": "refresh_token", "refreshToken": "old-refresh"}));
    assert_eq!(requests[1].header("x-amz-sso_bearer_token"), Some("fresh-token"));
    let written: serde_json::Value = serde_json::from_str(&env.contents(SESSION_CACHE).unwrap()).unwrap();
    assert_eq!(written["accessToken"], "fresh-token");
    assert_eq!(written["refreshToken"], "rotated-refresh");
    assert_eq!(written["expiresAt"], "2026-01-01T08:00:00Z");
    assert_eq!(written["clientId"], "client-1", "the rest of the document is kept");
}

#[tokio::test]
async fn a_failed_refresh_uses_the_token_while_it_lasts() {
    let server = Server::start(vec![Reply::new(500, r#"{"error": "server_error"}"#), Reply::new(500, "{}"), Reply::new(500, "{}"), Reply::new(200, ROLE)]).await;
    let cache = r#"{"accessToken": "old-token", "expiresAt": "2026-01-01T00:02:00Z", "refreshToken": "r", "clientId": "c", "clientSecret": "s"}"#;
    let env = env(&server, SESSION_CACHE, cache);
    let credentials = provider(&env).provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "ASIASSO");
    assert_eq!(server.requests().last().unwrap().header("x-amz-sso_bearer_token"), Some("old-token"));
}

#[tokio::test]
async fn expired_tokens_and_broken_caches_say_to_log_in() {
    let server = Server::start(vec![Reply::new(200, ROLE)]).await;
    let error = |cache_path: &str, cache: &str| {
        let env = env(&server, cache_path, cache);
        async move { describe(&provider(&env).provide_credentials().await.unwrap_err()) }
    };
    let expired = error(SESSION_CACHE, r#"{"accessToken": "t", "expiresAt": "2025-12-31T00:00:00Z"}"#).await;
    assert!(expired.contains("expired at 2025-12-31T00:00:00Z") && expired.contains("aws sso login --sso-session my-sso"), "{expired}");
    let missing = error("/elsewhere.json", "{}").await;
    assert!(missing.contains(SESSION_CACHE) && missing.contains("cannot be read"), "{missing}");
    let garbled = error(SESSION_CACHE, "{not json").await;
    assert!(garbled.contains("is not a JSON object"), "{garbled}");
    let no_expiry = error(SESSION_CACHE, r#"{"accessToken": "t"}"#).await;
    assert!(no_expiry.contains("has no expiresAt"), "{no_expiry}");
    let bad_time = error(SESSION_CACHE, r#"{"accessToken": "t", "expiresAt": "tomorrow"}"#).await;
    assert!(bad_time.contains("not an RFC 3339 time"), "{bad_time}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn legacy_profiles_and_configuration_errors() {
    let server = Server::start(vec![Reply::new(200, ROLE)]).await;
    let legacy = "[default]\nsso_start_url = https://d-abc123.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n";
    let env = FakeEnv::new()
        .var("HOME", "/home/u")
        .var("AWS_ENDPOINT_URL", server.url())
        .file("/home/u/.aws/config", legacy)
        .file(LEGACY_CACHE, r#"{"accessToken": "legacy-token", "expiresAt": "2026-01-01T01:00:00Z"}"#);
    provider(&env).provide_credentials().await.unwrap();
    assert_eq!(server.requests()[0].header("x-amz-sso_bearer_token"), Some("legacy-token"));

    let error = |config: &str| {
        let env = FakeEnv::new().var("HOME", "/home/u").file("/home/u/.aws/config", config);
        async move { describe(&provider(&env).provide_credentials().await.unwrap_err()) }
    };
    let no_session = error("[default]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = r\n").await;
    assert!(no_session.contains("there is no `[sso-session gone]`"), "{no_session}");
    let no_role = error("[default]\nsso_session = s\nsso_account_id = 1\n[sso-session s]\nsso_start_url = u\nsso_region = r\n").await;
    assert!(no_role.contains("has no `sso_role_name`"), "{no_role}");
    let conflict = error("[default]\nsso_session = s\nsso_start_url = other\nsso_account_id = 1\nsso_role_name = r\n[sso-session s]\nsso_start_url = u\nsso_region = r\n").await;
    assert!(conflict.contains("`sso_start_url = other`, but its `[sso-session s]` says `u`"), "{conflict}");
    let no_region = error("[default]\nsso_session = s\nsso_account_id = 1\nsso_role_name = r\n[sso-session s]\nsso_start_url = u\n").await;
    assert!(no_region.contains("`[sso-session s]` has no `sso_region`"), "{no_region}");
}
