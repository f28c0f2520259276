//! The default chain's order, its errors, the region, and that secrets stay out of `Debug`.

mod support;

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::ProvideCredentials;
use smithy_credentials::{describe, region, DefaultChain, FakeEnv};
use support::{Reply, Server};

const CONTAINER: &str = r#"{"AccessKeyId": "CONTAINER", "SecretAccessKey": "S", "Token": "T", "Expiration": "2030-01-01T00:00:00Z"}"#;
const IMDS: &str = r#"{"Code": "Success", "AccessKeyId": "IMDS", "SecretAccessKey": "S", "Token": "T", "Expiration": "2030-01-01T00:00:00Z"}"#;

/// A machine with a home directory, nothing listening for IMDS, and no credentials yet.
fn machine() -> FakeEnv {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    FakeEnv::new().var("HOME", "/home/u").var("AWS_EC2_METADATA_SERVICE_ENDPOINT", format!("http://127.0.0.1:{closed}"))
}

async fn id(env: FakeEnv) -> Result<String, CredentialsError> {
    DefaultChain::new().env(env.shared()).build().provide_credentials().await.map(|c| c.access_key_id().to_string())
}

const PROFILE: &str = "[default]\naws_access_key_id = PROFILE\naws_secret_access_key = S\n";

#[tokio::test]
async fn environment_comes_first() {
    let env = machine().var("AWS_ACCESS_KEY_ID", "ENV").var("AWS_SECRET_ACCESS_KEY", "S").file("/home/u/.aws/credentials", PROFILE);
    assert_eq!(id(env).await.unwrap(), "ENV");
}

#[tokio::test]
async fn then_the_profile() {
    assert_eq!(id(machine().file("/home/u/.aws/credentials", PROFILE)).await.unwrap(), "PROFILE");
    let process = "[default]\ncredential_process = printf '%s' '{\"Version\": 1, \"AccessKeyId\": \"PROCESS\", \"SecretAccessKey\": \"S\"}'\n";
    assert_eq!(id(machine().file("/home/u/.aws/config", process)).await.unwrap(), "PROCESS");
}

#[tokio::test]
async fn then_the_container_then_imds() {
    let container = Server::start(vec![Reply::new(200, CONTAINER)]).await;
    assert_eq!(id(machine().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url())).await.unwrap(), "CONTAINER");

    let imds = Server::start(vec![Reply::new(200, "token"), Reply::new(200, "role"), Reply::new(200, IMDS)]).await;
    assert_eq!(id(machine().var("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url())).await.unwrap(), "IMDS");
}

#[tokio::test]
async fn nothing_found_lists_every_provider() {
    let error = id(machine().file("/home/u/.aws/config", "[default]\nregion = eu-west-1\n")).await.unwrap_err();
    assert!(matches!(error, CredentialsError::CredentialsNotLoaded(_)));
    let text = describe(&error);
    for part in [
        "no credentials found (environment: AWS_ACCESS_KEY_ID is not set",
        "; profile: profile `default` has neither `aws_access_key_id`, `credential_process`, SSO settings nor `role_arn`",
        "; web identity: AWS_WEB_IDENTITY_TOKEN_FILE is not set",
        "; container: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is set",
        "; IMDS: IMDS at http://127.0.0.1:",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text}");
    }
}

#[tokio::test]
async fn a_broken_provider_stops_the_chain_and_is_named() {
    let container = Server::start(vec![Reply::new(200, CONTAINER)]).await;
    let env = machine().file("/home/u/.aws/config", "[default]\ncredential_process = exit 7\n").var("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url());
    let error = id(env).await.unwrap_err();
    assert!(matches!(error, CredentialsError::ProviderError(_)));
    assert!(describe(&error).contains("profile: profile `default`: credential_process `exit` exited with status 7"), "{}", describe(&error));
    assert!(container.requests().is_empty());

    let error = id(machine().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://example.com/")).await.unwrap_err();
    assert!(describe(&error).contains("container: AWS_CONTAINER_CREDENTIALS_FULL_URI's host `example.com`"), "{}", describe(&error));
}

#[tokio::test]
async fn the_chain_is_cached() {
    let container = Server::start(vec![Reply::new(200, CONTAINER)]).await;
    let chain = DefaultChain::new().env(machine().var("AWS_CONTAINER_CREDENTIALS_FULL_URI", container.url()).shared()).build();
    for _ in 0..3 {
        assert_eq!(chain.provide_credentials().await.unwrap().access_key_id(), "CONTAINER");
    }
    assert_eq!(container.requests().len(), 1);
}

#[tokio::test]
async fn debug_shows_no_secrets() {
    let env = machine().var("AWS_ACCESS_KEY_ID", "AKIDVALUE").var("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI").var("AWS_SESSION_TOKEN", "IQoJsessiontoken").var("AWS_CONTAINER_AUTHORIZATION_TOKEN", "tok3n");
    let chain = DefaultChain::new().env(env.shared()).build();
    let credentials = chain.provide_credentials().await.unwrap();
    let debug = format!("{chain:?} {credentials:?}");
    for secret in ["wJalrXUtnFEMI", "IQoJsessiontoken", "tok3n"] {
        assert!(!debug.contains(secret), "{debug}");
    }
}

#[test]
fn region_order() {
    let files = FakeEnv::new().var("HOME", "/h").file("/h/.aws/config", "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n");
    assert_eq!(region(&files.clone().var("AWS_REGION", "us-east-2").var("AWS_DEFAULT_REGION", "us-west-1")).unwrap().as_deref(), Some("us-east-2"));
    assert_eq!(region(&files.clone().var("AWS_DEFAULT_REGION", "us-west-1")).unwrap().as_deref(), Some("us-west-1"));
    assert_eq!(region(&files.clone()).unwrap().as_deref(), Some("eu-west-1"));
    assert_eq!(region(&files.clone().var("AWS_PROFILE", "dev")).unwrap().as_deref(), Some("ap-south-1"));
    assert_eq!(region(&FakeEnv::new()).unwrap(), None);
    assert!(region(&FakeEnv::new().var("HOME", "/h").file("/h/.aws/config", "[default")).is_err());
}
