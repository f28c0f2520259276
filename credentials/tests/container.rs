//! Container credentials against a loopback server: full URI, tokens, retries, failures.

mod support;

use std::time::Duration;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use smithy_credentials::{describe, ContainerCredentials, FakeEnv};
use support::{Reply, Server};

const GOOD: &str = r#"{"AccessKeyId": "AKID", "SecretAccessKey": "SECRET", "Token": "TOKEN", "Expiration": "2030-01-02T03:04:05Z", "RoleArn": "arn"}"#;

fn provider(env: FakeEnv) -> ContainerCredentials {
    ContainerCredentials::new(env.shared()).timeout(Duration::from_millis(300)).attempts(2)
}

#[tokio::test]
async fn full_uri_with_token() {
    let server = Server::start(vec![Reply::new(200, GOOD)]).await;
    let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("{}/creds", server.url())).var("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic abc");
    let credentials = provider(env).provide_credentials().await.unwrap();
    assert_eq!((credentials.access_key_id(), credentials.secret_access_key(), credentials.session_token()), ("AKID", "SECRET", Some("TOKEN")));
    assert!(credentials.expiry().is_some());
    let requests = server.requests();
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str(), requests[0].header("authorization")), ("GET", "/creds", Some("Basic abc")));
}

#[tokio::test]
async fn token_file_wins_and_is_trimmed() {
    let server = Server::start(vec![Reply::new(200, GOOD)]).await;
    let env = FakeEnv::new()
        .var("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("{}/v1/credentials", server.url()))
        .var("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignored")
        .var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token")
        .file("/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token", "eyJhbGciOi.jwt\n");
    provider(env).provide_credentials().await.unwrap();
    assert_eq!(server.requests()[0].header("authorization"), Some("eyJhbGciOi.jwt"));

    let missing = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url()).var("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/nope");
    let error = provider(missing).provide_credentials().await.unwrap_err();
    assert!(matches!(error, CredentialsError::InvalidConfiguration(_)));
    assert!(describe(&error).contains("could not read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE /nope"), "{}", describe(&error));
}

#[tokio::test]
async fn retries_server_errors_and_timeouts() {
    let server = Server::start(vec![Reply::new(500, "busy"), Reply::new(200, GOOD)]).await;
    let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url());
    assert_eq!(provider(env).provide_credentials().await.unwrap().access_key_id(), "AKID");
    assert_eq!(server.requests().len(), 2);

    let slow = Server::start(vec![Reply::new(200, GOOD).delayed(Duration::from_secs(5)), Reply::new(200, GOOD)]).await;
    let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", slow.url());
    assert_eq!(provider(env).provide_credentials().await.unwrap().access_key_id(), "AKID");
}

async fn failure(replies: Vec<Reply>) -> String {
    let server = Server::start(replies).await;
    let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("{}/secret-path", server.url()));
    let started = std::time::Instant::now();
    let error = provider(env).provide_credentials().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
    assert!(matches!(error, CredentialsError::ProviderError(_)), "{error:?}");
    let text = describe(&error);
    assert!(!text.contains("secret-path") && !text.contains("SECRET"), "{text}");
    text
}

#[tokio::test]
async fn failures_are_clear() {
    let status = failure(vec![Reply::new(500, "internal")]).await;
    assert!(status.ends_with("answered HTTP 500: internal"), "{status}");
    let denied = failure(vec![Reply::new(403, r#"{"message":"expired token"}"#)]).await;
    assert!(denied.contains("answered HTTP 403: {\"message\":\"expired token\"}"), "{denied}");
    let bad = failure(vec![Reply::new(200, "{not json")]).await;
    assert!(bad.contains("sent unusable credentials: the response is not valid JSON"), "{bad}");
    let partial = failure(vec![Reply::new(200, r#"{"AccessKeyId": "A", "Token": "T"}"#)]).await;
    assert!(partial.contains("`SecretAccessKey` is missing"), "{partial}");
    let timeout = failure(vec![Reply::new(200, GOOD).delayed(Duration::from_secs(10))]).await;
    assert!(timeout.contains("failed: no response within 300ms (2 attempts)"), "{timeout}");
}

#[tokio::test]
async fn refused_connection_is_an_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", format!("http://127.0.0.1:{port}/"));
    let error = provider(env).provide_credentials().await.unwrap_err();
    assert!(describe(&error).contains("the container credentials endpoint http://127.0.0.1:"), "{}", describe(&error));
    assert!(describe(&error).contains("(2 attempts)"), "{}", describe(&error));
}

#[tokio::test]
async fn endpoint_rules() {
    let not_set = provider(FakeEnv::new()).provide_credentials().await.unwrap_err();
    assert!(matches!(not_set, CredentialsError::CredentialsNotLoaded(_)));

    for refused in ["http://example.com/creds", "http://169.254.169.254/", "http://[fd00:ec2::254]/", "ftp://127.0.0.1/"] {
        let error = provider(FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", refused)).provide_credentials().await.unwrap_err();
        assert!(matches!(error, CredentialsError::InvalidConfiguration(_)), "{refused}: {error:?}");
    }
    let error = provider(FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/")).provide_credentials().await.unwrap_err();
    assert!(describe(&error).contains("host `example.com` is not allowed over plain http"), "{}", describe(&error));

    // Allowed hosts get as far as sending (nothing listens on them here, so they time out fast).
    for allowed in ["http://169.254.170.2/x", "http://169.254.170.23/x", "http://[fd00:ec2::23]/x", "http://localhost:1/x", "http://127.0.0.2:1/x", "http://[::1]:1/x"] {
        let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", allowed);
        let error = ContainerCredentials::new(env.shared()).timeout(Duration::from_millis(50)).attempts(1).provide_credentials().await.unwrap_err();
        assert!(matches!(error, CredentialsError::ProviderError(_)), "{allowed}: {error:?}");
    }
}

#[tokio::test]
async fn relative_uri_goes_to_the_ecs_agent() {
    let env = FakeEnv::new().var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/guid").var("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/");
    let error = ContainerCredentials::new(env.shared()).timeout(Duration::from_millis(50)).attempts(1).provide_credentials().await.unwrap_err();
    let text = describe(&error);
    assert!(text.contains("the container credentials endpoint http://169.254.170.2 "), "{text}");
}
