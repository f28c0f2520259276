//! An aws-config `SdkConfig` as a generated client's configuration (feature `sdk-config`):
//! region, credentials provider, endpoint URL, retries and timeouts carry over.

use std::time::Duration;

use aws_connect::config::{Config, Credentials, SharedCredentialsProvider};
use aws_connect::test_util::{InstantSleep, ReplayTransport};
use aws_connect::Client;

fn response(status: u16) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(b"{}".to_vec()).expect("a response")
}

#[test]
fn region_credentials_endpoint_and_retries_come_from_the_sdk_config() {
    let sdk = aws_types::SdkConfig::builder()
        .region(aws_types::region::Region::new("eu-west-2"))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new("AKIDFROMSDKCONFIG", "secret", None, None, "aws-config")))
        .endpoint_url("https://connect.internal.example")
        .retry_config(aws_smithy_types::retry::RetryConfig::standard().with_max_attempts(5))
        .timeout_config(aws_smithy_types::timeout::TimeoutConfig::builder().operation_attempt_timeout(Duration::from_secs(7)).build())
        .build();
    let config = Config::from(&sdk);
    assert_eq!(config.region(), Some("eu-west-2"));
    assert_eq!(config.endpoint_url(), Some("https://connect.internal.example"));
    assert_eq!(config.retry().max_attempts(), 5);

    // Four unavailable answers and a success: the fifth attempt is allowed.
    let transport = ReplayTransport::new([response(503), response(503), response(503), response(503), response(200)]);
    let client = Client::new(config.to_builder().transport(transport.clone()).sleep(InstantSleep).build());
    let call = client
        .update_contact_attributes()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("11111111-2222-3333-4444-555555555555")
        .attributes("customerName", "Jane")
        .send();
    tokio::runtime::Builder::new_current_thread().build().expect("runtime").block_on(call).expect("the fifth attempt succeeds");
    let requests = transport.requests();
    assert_eq!(requests.len(), 5);
    let request = &requests[4];
    assert_eq!(request.uri().host(), Some("connect.internal.example"));
    let authorization = request.headers()["authorization"].to_str().expect("ASCII");
    assert!(authorization.contains("Credential=AKIDFROMSDKCONFIG/") && authorization.contains("/eu-west-2/connect/aws4_request"), "{authorization}");
}

#[test]
fn what_the_sdk_config_leaves_unset_keeps_the_defaults() {
    let config = Config::from(&aws_types::SdkConfig::builder().build());
    let defaults = Config::builder().build();
    assert_eq!(config.region(), None);
    assert_eq!(config.endpoint_url(), None);
    assert_eq!(config.retry().max_attempts(), defaults.retry().max_attempts());
}

/// How often [`Counting`] was asked.
static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Counts how often it is asked.
#[derive(Debug, Default)]
struct Counting;

impl aws_credential_types::provider::ProvideCredentials for Counting {
    fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let expiry = std::time::SystemTime::now() + Duration::from_secs(3600);
        aws_credential_types::provider::future::ProvideCredentials::ready(Ok(Credentials::new("AKID", "secret", None, Some(expiry), "counting")))
    }
}

#[test]
fn the_sdk_config_provider_is_cached() {
    // aws-config's providers leave caching to the SDK's identity cache; without one here every
    // call would go to IMDS or STS.
    let sdk = aws_types::SdkConfig::builder()
        .region(aws_types::region::Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(Counting))
        .build();
    let transport = ReplayTransport::new([response(200), response(200)]);
    let client = Client::new(Config::from(&sdk).to_builder().transport(transport.clone()).sleep(InstantSleep).build());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    for _ in 0..2 {
        let call = client.update_contact_attributes().instance_id("i").initial_contact_id("c").attributes("k", "v").send();
        runtime.block_on(call).expect("sent");
    }
    assert_eq!(CALLS.load(std::sync::atomic::Ordering::SeqCst), 1);
}
