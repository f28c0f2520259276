//! The test doubles a generated client offers its users (feature `test-util`): code that calls
//! AWS is tested without a network, with canned responses and the requests it sent.

use aws_connect::config::{Config, Credentials, SdkError};
use aws_connect::test_util::{InstantSleep, ReplayTransport};
use aws_connect::Client;

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).header("x-amzn-requestid", "replayed").body(body.as_bytes().to_vec()).expect("a response")
}

fn client(transport: &ReplayTransport) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKID", "secret", None, None, "test"))
            .transport(transport.clone())
            .sleep(InstantSleep)
            .build(),
    )
}

#[test]
fn a_replay_transport_answers_in_order_and_keeps_the_requests() {
    let transport = ReplayTransport::new([response(503, ""), response(200, "{}")]);
    let client = client(&transport);
    let call = client
        .update_contact_attributes()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("11111111-2222-3333-4444-555555555555")
        .attributes("customerName", "Jane")
        .send();
    tokio::runtime::Builder::new_current_thread().build().expect("runtime").block_on(call).expect("the retry succeeds");
    let requests = transport.requests();
    assert_eq!(requests.len(), 2, "a 503, then the retry");
    for request in &requests {
        assert_eq!(request.uri().path(), "/contact/attributes");
        assert!(request.headers().contains_key("authorization"), "requests are signed as they would go out");
        assert!(String::from_utf8_lossy(request.body()).contains(r#""customerName":"Jane""#));
    }
}

#[test]
fn running_out_of_responses_is_a_clear_error() {
    let transport = ReplayTransport::new([]);
    let call = client(&transport).update_contact_attributes().instance_id("i").initial_contact_id("c").attributes("k", "v").send();
    let error = tokio::runtime::Builder::new_current_thread().build().expect("runtime").block_on(call).expect_err("no response");
    assert!(matches!(error, SdkError::Transport { .. }), "{error}");
    assert!(error.to_string().contains("the replay transport has no response left"), "{error}");
}
