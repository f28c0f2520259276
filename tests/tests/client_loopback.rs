//! The generated client end to end, against a scripted HTTP server on 127.0.0.1 that checks
//! every request's SigV4 signature with an independent implementation. Nothing leaves the machine.

use std::time::Duration;

use aws_connect::config::{Config, Credentials, RetryConfig, SdkError};
use aws_connect::operation::update_contact_attributes::UpdateContactAttributesError;
use aws_connect::Client;
use integration_tests::loopback::{Reply, Server};

const ACCESS_KEY: &str = "AKIDLOOPBACKTEST";
const SECRET: &str = "loopback/secret/key+0123456789abcdefghij";

fn client(server: &Server, session_token: Option<&str>) -> Client {
    Client::new(
        Config::builder()
            .region("us-west-2")
            .endpoint_url(server.url())
            .credentials(Credentials::new(ACCESS_KEY, SECRET, session_token.map(str::to_string), None, "loopback-test"))
            .retry(RetryConfig::standard().with_initial_backoff(Duration::from_millis(2)))
            .timeout(Duration::from_secs(5))
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

async fn update(client: &Client) -> Result<aws_connect::operation::update_contact_attributes::UpdateContactAttributesOutput, SdkError<UpdateContactAttributesError>> {
    client
        .update_contact_attributes()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("11111111-2222-3333-4444-555555555555")
        .attributes("customerName", "Jane")
        .send()
        .await
}

fn error_reply(status: u16, code: &str) -> Reply {
    Reply::json(status, r#"{"Message":"scripted"}"#).header("x-amzn-errortype", code).header("x-amzn-requestid", "req-7")
}

#[test]
fn a_successful_call_is_signed_and_shaped_as_aws_expects() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    runtime().block_on(update(&client(&server, Some("session-token-xyz")))).expect("success");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/contact/attributes");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(request.header("user-agent").is_some_and(|ua| ua.starts_with("aws-connect/")));
    let body = request.body_text();
    assert!(body.contains(r#""customerName":"Jane""#), "{body}");
    let signature = request.verify(SECRET).expect("a valid SigV4 signature");
    assert_eq!(signature.access_key, ACCESS_KEY);
    assert_eq!(signature.region, "us-west-2");
    assert_eq!(signature.service, "connect");
    assert!(signature.has_session_token, "the session token is sent and signed");
}

#[test]
fn each_modelled_error_comes_back_typed_with_request_id_and_attempts() {
    let cases: [(&str, u16); 4] = [
        ("InvalidActiveRegionException", 400),
        ("InvalidParameterException", 400),
        ("InvalidRequestException", 400),
        ("ResourceNotFoundException", 404),
    ];
    for (code, status) in cases {
        let server = Server::start(vec![error_reply(status, code)]);
        let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
        assert_eq!(error.attempts(), 1, "{code}: a 4xx is never retried");
        assert_eq!(error.request_id(), Some("req-7"));
        assert_eq!(error.service_error().and_then(UpdateContactAttributesError::code), Some(code));
        assert_eq!(server.requests().len(), 1);
    }
    // InternalServiceException is a 500: retried, then returned typed.
    let server = Server::start(vec![error_reply(500, "InternalServiceException")]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
    assert!(error.service_error().is_some_and(UpdateContactAttributesError::is_internal_service_exception));
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn throttling_twice_then_success_is_retried() {
    let server = Server::start(vec![
        error_reply(400, "ThrottlingException"),
        error_reply(429, "TooManyRequestsException"),
        Reply::json(200, "{}"),
    ]);
    runtime().block_on(update(&client(&server, None))).expect("third attempt succeeds");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        request.verify(SECRET).expect("every attempt is signed afresh");
    }
}

#[test]
fn a_500_then_success_is_retried_once() {
    let server = Server::start(vec![Reply::new(500).body("oops"), Reply::json(200, "{}")]);
    runtime().block_on(update(&client(&server, None))).expect("second attempt succeeds");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_non_retryable_400_gets_one_attempt() {
    let server = Server::start(vec![error_reply(400, "AccessDeniedException"), Reply::json(200, "{}")]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.requests().len(), 1);
    assert!(error.service_error().is_some_and(UpdateContactAttributesError::is_unhandled));
}

#[test]
fn a_slow_response_times_out() {
    let server = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_millis(800))]);
    let client = Client::new(
        client(&server, None)
            .config()
            .to_builder()
            .timeout(Duration::from_millis(100))
            .retry(RetryConfig::disabled())
            .build(),
    );
    let error = runtime().block_on(update(&client)).expect_err("timeout");
    assert!(matches!(error, SdkError::Timeout { attempts: 1 }), "{error}");
}

#[test]
fn malformed_bodies_are_errors_not_panics() {
    // A body of the wrong shape for the modelled error: a response error naming where.
    let server = Server::start(vec![error_reply(400, "InvalidRequestException").body(r#"{"Message": 42}"#)]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
    assert!(matches!(error, SdkError::Response { status: 400, attempts: 1, .. }), "{error}");
    // A truncated body: the header still names the error, so it arrives typed, without members.
    let server = Server::start(vec![error_reply(400, "InvalidRequestException").body(r#"{"Message": "cut of"#)]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
    assert!(error.service_error().is_some_and(UpdateContactAttributesError::is_invalid_request_exception), "{error}");
    // Garbage from a proxy with a 502: retried as a server failure, then reported.
    let server = Server::start(vec![Reply::new(502).body("<html>bad gateway")]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
    assert_eq!(error.attempts(), 3);
}

#[test]
fn an_invalid_request_is_never_sent() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let result = runtime().block_on(client(&server, None).update_contact_attributes().instance_id("").send());
    let error = result.expect_err("invalid");
    assert!(matches!(error, SdkError::Construction(_)), "{error}");
    assert_eq!(error.attempts(), 0);
    assert!(server.requests().is_empty());
    // With validation off, the same input goes out (the service is the judge).
    let relaxed = Client::new(client(&server, None).config().to_builder().validation(false).build());
    let _ = runtime().block_on(relaxed.update_contact_attributes().instance_id("x").send());
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn transport_failures_are_retried_then_reported() {
    let server = Server::start(vec![Reply::hang_up()]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("transport error");
    assert!(matches!(error, SdkError::Transport { attempts: 3, .. }), "{error}");
}

#[test]
fn signatures_are_reproducible_for_a_fixed_clock() {
    fn fixed() -> std::time::SystemTime {
        std::time::UNIX_EPOCH + Duration::from_secs(1_440_938_160) // 2015-08-30T12:36:00Z
    }
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let client = Client::new(client(&server, None).config().to_builder().clock(fixed).build());
    runtime().block_on(update(&client)).expect("success");
    let request = &server.requests()[0];
    assert_eq!(request.header("x-amz-date"), Some("20150830T123600Z"));
    let info = request.verify(SECRET).expect("valid signature");
    // The independent signer, given the same signed headers, produces the very same header.
    let signed: Vec<&str> = info.signed_headers.iter().map(String::as_str).collect();
    let expected = integration_tests::sigv4::sign_for_test(
        &request.sigv4_request(),
        &integration_tests::sigv4::TestKey { access_key: ACCESS_KEY, secret_key: SECRET, region: "us-west-2", service: "connect" },
        &signed,
    );
    assert_eq!(request.header("authorization"), Some(expected.as_str()));
}

#[test]
fn endpoints_come_from_the_model_rules() {
    let config = |builder: aws_connect::config::ConfigBuilder| Client::new(builder.build());
    let regional = config(Config::builder().region("us-west-2"));
    assert_eq!(regional.endpoint().as_deref(), Ok("https://connect.us-west-2.amazonaws.com"));
    let fips = config(Config::builder().region("us-gov-west-1").use_fips(true));
    assert_eq!(fips.endpoint().as_deref(), Ok("https://connect.us-gov-west-1.amazonaws.com"));
    let china = config(Config::builder().region("cn-north-1"));
    assert_eq!(china.endpoint().as_deref(), Ok("https://connect.cn-north-1.amazonaws.com.cn"));
    let conflicting = config(Config::builder().endpoint_url("https://example.com").use_fips(true));
    assert!(conflicting.endpoint().is_err());
    let nothing = config(Config::builder());
    assert!(nothing.endpoint().is_err());
}

/// A credentials provider written against aws-credential-types' own trait, as aws-config's
/// providers are: it plugs into the config with no adapter, and is asked on every call.
#[derive(Debug)]
struct CountingProvider {
    calls: std::sync::atomic::AtomicUsize,
}

impl aws_credential_types::provider::ProvideCredentials for CountingProvider {
    fn provide_credentials<'a>(&'a self) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        aws_credential_types::provider::future::ProvideCredentials::ready(Ok(aws_credential_types::Credentials::new(
            ACCESS_KEY,
            SECRET,
            Some("from-the-provider".to_string()),
            None,
            "counting",
        )))
    }
}

#[test]
fn an_aws_credential_types_provider_plugs_in_without_an_adapter() {
    let server = Server::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]);
    let provider = std::sync::Arc::new(CountingProvider { calls: Default::default() });
    let shared = aws_credential_types::provider::SharedCredentialsProvider::new(std::sync::Arc::clone(&provider) as std::sync::Arc<dyn aws_credential_types::provider::ProvideCredentials>);
    let client = Client::new(
        Config::builder()
            .region("us-west-2")
            .endpoint_url(server.url())
            .credentials_provider(shared)
            .timeout(Duration::from_secs(5))
            .build(),
    );
    let runtime = runtime();
    runtime.block_on(update(&client)).expect("first call");
    runtime.block_on(update(&client)).expect("second call");
    assert_eq!(provider.calls.load(std::sync::atomic::Ordering::SeqCst), 2);
    for request in server.requests() {
        let signature = request.verify(SECRET).expect("signed with the provider's keys");
        assert_eq!(signature.access_key, ACCESS_KEY);
        assert!(signature.has_session_token);
    }
}

#[test]
fn errors_say_which_operation_failed_and_why() {
    let server = Server::start(vec![error_reply(400, "InvalidRequestException")]);
    let error = runtime().block_on(update(&client(&server, None))).expect_err("error");
    assert_eq!(
        error.to_string(),
        "Connect.UpdateContactAttributes failed: InvalidRequestException: scripted (HTTP 400, request id req-7, 1 attempt)"
    );
    assert_eq!(error.operation(), "Connect.UpdateContactAttributes");
    assert_eq!((error.code(), error.message(), error.status()), (Some("InvalidRequestException"), Some("scripted"), Some(400)));
    // The chain: the operation's error, then the error structure it holds.
    let source = std::error::Error::source(&error).expect("the operation's error");
    assert_eq!(source.to_string(), "InvalidRequestException: scripted");
    assert!(source.source().is_some(), "the modelled error is the next link");
    // Not sent at all: the validation message is the cause.
    let error = runtime().block_on(client(&server, None).update_contact_attributes().instance_id("").send()).expect_err("invalid");
    let text = error.to_string();
    assert!(text.starts_with("Connect.UpdateContactAttributes was not sent: "), "{text}");
    assert!(std::error::Error::source(&error).and_then(std::error::Error::source).is_some(), "the validation error is reachable");
    assert_eq!((error.code(), error.status()), (None, None));
}

#[test]
fn the_defaults_bound_every_attempt_and_connection() {
    let config = aws_connect::config::Config::builder().build();
    assert!(format!("{config:?}").contains("timeout: Some(60s)"), "{config:?}");
    assert!(format!("{config:?}").contains("connect_timeout: Some(3.1s)"), "{config:?}");
    assert_eq!(aws_connect::config::DEFAULT_ATTEMPT_TIMEOUT, Duration::from_secs(60));
    assert_eq!(aws_connect::config::DEFAULT_CONNECT_TIMEOUT, Duration::from_millis(3_100));
}

#[test]
fn one_call_can_override_timeout_retries_and_endpoint() {
    // The client's own settings: generous timeout, three attempts.
    let slow = Server::start(vec![Reply::json(200, "{}").delay(Duration::from_millis(800))]);
    let client = client(&slow, None);
    let fast = || client
        .update_contact_attributes()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("11111111-2222-3333-4444-555555555555")
        .attributes("customerName", "Jane");
    let error = runtime()
        .block_on(fast().config_override(|c| c.timeout(Duration::from_millis(100)).retry(RetryConfig::disabled())).send())
        .expect_err("this call's timeout");
    assert!(matches!(error, SdkError::Timeout { attempts: 1 }), "{error}");
    assert_eq!(error.to_string(), "Connect.UpdateContactAttributes timed out (1 attempt)");
    // Another endpoint for one call; the client itself is unchanged.
    let other = Server::start(vec![Reply::json(200, "{}")]);
    let url = other.url();
    runtime().block_on(fast().config_override(|c| c.endpoint_url(url)).send()).expect("sent to the other server");
    assert_eq!(other.requests().len(), 1);
    assert_eq!(client.config().endpoint_url(), Some(slow.url().as_str()));
}
