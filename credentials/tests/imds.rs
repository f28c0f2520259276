//! IMDSv2 against a loopback server: the token dance, 401 refresh, retries and failures.

mod support;

use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use smithy_credentials::{describe, FakeEnv, ImdsCredentials};
use support::{Reply, Server};

const CREDENTIALS: &str = r#"{"Code": "Success", "LastUpdated": "2026-01-01T00:00:00Z", "Type": "AWS-HMAC", "AccessKeyId": "AKID", "SecretAccessKey": "SECRET", "Token": "TOKEN", "Expiration": "2030-01-02T03:04:05Z"}"#;

fn provider(server: &Server) -> ImdsCredentials {
    ImdsCredentials::new(FakeEnv::new().var("AWS_EC2_METADATA_SERVICE_ENDPOINT", format!("{}/", server.url())).shared()).timeout(Duration::from_millis(300)).attempts(2)
}

#[tokio::test]
async fn token_role_credentials() {
    let server = Server::start(vec![Reply::new(200, "session-token"), Reply::new(200, "my-role\n"), Reply::new(200, CREDENTIALS)]).await;
    let credentials = provider(&server).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("AKID", "SECRET", Some("TOKEN")));
    assert!(credentials.expiry().is_some());
    let requests = server.requests();
    let seen: Vec<_> = requests.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect();
    assert_eq!(seen, [("PUT", "/latest/api/token"), ("GET", "/latest/meta-data/iam/security-credentials/"), ("GET", "/latest/meta-data/iam/security-credentials/my-role")]);
    assert_eq!(requests[0].header("x-aws-ec2-metadata-token-ttl-seconds"), Some("21600"));
    assert_eq!(requests[1].header("x-aws-ec2-metadata-token"), Some("session-token"));
    assert_eq!(requests[2].header("x-aws-ec2-metadata-token"), Some("session-token"));
}

#[tokio::test]
async fn expired_token_is_refreshed_once() {
    let script = vec![Reply::new(200, "old"), Reply::new(200, "my-role"), Reply::new(401, ""), Reply::new(200, "new"), Reply::new(200, CREDENTIALS)];
    let server = Server::start(script).await;
    assert_eq!(provider(&server).provide_credentials().await.unwrap().access_key_id(), "AKID");
    let requests = server.requests();
    assert_eq!(requests.len(), 5);
    assert_eq!(requests[4].header("x-aws-ec2-metadata-token"), Some("new"));

    let always = Server::start(vec![Reply::new(200, "t"), Reply::new(401, ""), Reply::new(200, "t2"), Reply::new(401, "")]).await;
    let error = describe(&provider(&always).provide_credentials().await.unwrap_err());
    assert!(error.contains("answered the role-name request with HTTP 401"), "{error}");
}

#[tokio::test]
async fn retries_server_errors_and_timeouts() {
    let script = vec![Reply::new(503, ""), Reply::new(200, "t"), Reply::new(200, "r").delayed(Duration::from_secs(5)), Reply::new(200, "r"), Reply::new(200, CREDENTIALS)];
    let server = Server::start(script).await;
    assert_eq!(provider(&server).provide_credentials().await.unwrap().access_key_id(), "AKID");
}

async fn failure(script: Vec<Reply>) -> CredentialsError {
    let server = Server::start(script).await;
    let started = std::time::Instant::now();
    let error = provider(&server).provide_credentials().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert!(!describe(&error).contains("SECRET"));
    error
}

#[tokio::test]
async fn failures_are_clear() {
    let no_role = failure(vec![Reply::new(200, "t"), Reply::new(404, "")]).await;
    assert!(matches!(no_role, CredentialsError::CredentialsNotLoaded(_)));
    assert!(describe(&no_role).contains("no IAM role is attached"));

    let disabled = failure(vec![Reply::new(403, "")]).await;
    assert!(describe(&disabled).contains("refused a session token (HTTP 403)"), "{}", describe(&disabled));

    let broken = failure(vec![Reply::new(500, "oops")]).await;
    assert!(describe(&broken).contains("answered the token request with HTTP 500: oops"), "{}", describe(&broken));

    let bad_json = failure(vec![Reply::new(200, "t"), Reply::new(200, "r"), Reply::new(200, "<html>")]).await;
    assert!(describe(&bad_json).contains("sent unusable credentials for role `r`: the response is not valid JSON"), "{}", describe(&bad_json));

    let code = failure(vec![Reply::new(200, "t"), Reply::new(200, "r"), Reply::new(200, r#"{"Code": "AssumeRoleUnauthorizedAccess", "AccessKeyId": "A", "SecretAccessKey": "SECRET"}"#)]).await;
    assert!(describe(&code).contains("Code is `AssumeRoleUnauthorizedAccess`"), "{}", describe(&code));

    let role = failure(vec![Reply::new(200, "t"), Reply::new(200, "../../etc")]).await;
    assert!(describe(&role).contains("not a valid IAM role name"), "{}", describe(&role));

    let timeout = failure(vec![Reply::new(200, "t").delayed(Duration::from_secs(10))]).await;
    assert!(matches!(timeout, CredentialsError::CredentialsNotLoaded(_)));
    assert!(describe(&timeout).contains("is unreachable: no response within 300ms (2 attempts)"), "{}", describe(&timeout));
}

#[tokio::test]
async fn disabled_by_environment() {
    let env = FakeEnv::new().var("AWS_EC2_METADATA_DISABLED", "TRUE").var("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:1");
    let error = ImdsCredentials::new(env.shared()).provide_credentials().await.unwrap_err();
    assert!(matches!(error, CredentialsError::CredentialsNotLoaded(_)));
    assert!(describe(&error).contains("AWS_EC2_METADATA_DISABLED is true"));
}

#[tokio::test]
async fn unreachable_is_not_loaded() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = FakeEnv::new().var("AWS_EC2_METADATA_SERVICE_ENDPOINT", format!("http://127.0.0.1:{port}"));
    let error = ImdsCredentials::new(env.shared()).attempts(1).provide_credentials().await.unwrap_err();
    assert!(matches!(error, CredentialsError::CredentialsNotLoaded(_)), "{error:?}");
}

#[tokio::test]
async fn the_instance_region() {
    let server = Server::start(vec![Reply::new(200, "session-token"), Reply::new(200, "eu-north-1\n")]).await;
    assert_eq!(provider(&server).region().await.as_deref(), Some("eu-north-1"));
    let requests = server.requests();
    assert_eq!((requests[1].path.as_str(), requests[1].header("x-aws-ec2-metadata-token")), ("/latest/meta-data/placement/region", Some("session-token")));

    // Not a region name, a 404, or IMDS disabled: no region.
    let garbled = Server::start(vec![Reply::new(200, "t"), Reply::new(200, "<html>")]).await;
    assert_eq!(provider(&garbled).region().await, None);
    let missing = Server::start(vec![Reply::new(200, "t"), Reply::new(404, "")]).await;
    assert_eq!(provider(&missing).region().await, None);
    let disabled = ImdsCredentials::new(FakeEnv::new().var("AWS_EC2_METADATA_DISABLED", "true").var("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url()).shared());
    assert_eq!(disabled.region().await, None);
    assert_eq!(server.requests().len(), 2, "nothing sent when disabled");
}
