//! The waiters of the `waiters` fixture end to end against the scripted loopback server: a
//! waiter that succeeds after retries, one that hits a failure acceptor, one that runs out of
//! time, one that meets an error no acceptor expects, one whose success is an error, and the
//! `inputOutput` and `success` matchers. The client's timer records the delays and returns at
//! once, so nothing sleeps for real.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use fixture_waiters::config::{BoxFuture, Config, Credentials, RetryConfig, SdkError, Sleep};
use fixture_waiters::operation::describe_table::DescribeTableError;
use fixture_waiters::types::TableStatus;
use fixture_waiters::waiters::WaiterError;
use fixture_waiters::Client;
use integration_tests::loopback::{Reply, Server};

const SECRET: &str = "waiter/secret";

/// Records each delay and completes at once; the attempt timeout (an hour here) never fires.
#[derive(Debug, Clone, Default)]
struct Recording(Arc<Mutex<Vec<Duration>>>);

const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(3600);

impl Sleep for Recording {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        if duration >= ATTEMPT_TIMEOUT {
            return Box::pin(std::future::pending());
        }
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(duration);
        Box::pin(async {})
    }
}

impl Recording {
    fn delays(&self) -> Vec<Duration> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

fn client(server: &Server, sleep: &Recording) -> Client {
    Client::new(
        Config::builder()
            .region("us-west-2")
            .endpoint_url(server.url())
            .credentials(Credentials::new("AKIDWAITER", SECRET, None, None, "loopback-test"))
            // Every retry below is the waiter's, not the send loop's.
            .retry(RetryConfig::disabled())
            .timeout(ATTEMPT_TIMEOUT)
            .sleep(sleep.clone())
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

fn table(name: &str, status: &str) -> Reply {
    Reply::json(200, &format!(r#"{{"Table":{{"TableName":"{name}","TableStatus":"{status}"}}}}"#)).header("content-type", "application/x-amz-json-1.0")
}

fn error(code: &str) -> Reply {
    Reply::json(400, &format!(r#"{{"__type":"example.waiters#{code}","message":"scripted"}}"#)).header("content-type", "application/x-amz-json-1.0")
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn table_exists_succeeds_after_retries() {
    let server = Server::start(vec![error("ResourceNotFoundException"), table("t", "CREATING"), table("t", "ACTIVE")]);
    let sleep = Recording::default();
    let client = client(&server, &sleep);
    let poll = runtime().block_on(client.wait_until_table_exists().table_name("t").wait(60 * SECOND)).expect("the table becomes active");
    let output = poll.output().expect("the last call succeeded");
    assert_eq!(output.table().and_then(|t| t.table_status()), Some(&TableStatus::Active));
    assert_eq!((poll.attempts(), poll.waiter()), (3, "TableExists"));
    // minDelay 1, maxDelay 5: the first retry waits 1 s, the second from 1 s to 2 s.
    let delays = sleep.delays();
    assert_eq!(delays.len(), 2, "{delays:?}");
    assert_eq!(delays[0], SECOND);
    assert!((SECOND..=2 * SECOND).contains(&delays[1]), "{delays:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.header("x-amz-target"), Some("Tables.DescribeTable"));
        assert_eq!(request.body_text(), r#"{"TableName":"t"}"#);
        request.verify(SECRET).expect("every poll is signed");
    }
}

#[test]
fn a_failure_acceptor_ends_the_wait() {
    let server = Server::start(vec![table("t", "CREATING"), table("t", "FAILED"), table("t", "ACTIVE")]);
    let client = client(&server, &Recording::default());
    let error = runtime().block_on(client.wait_until_table_exists().table_name("t").wait(60 * SECOND)).expect_err("a failed table");
    let WaiterError::Failure(poll) = &error else { panic!("{error:?}") };
    assert_eq!(poll.output().and_then(|o| o.table()).and_then(|t| t.table_status()), Some(&TableStatus::Failed));
    assert_eq!(error.attempts(), 2);
    assert!(error.to_string().starts_with("waiter `TableExists` reached a failure state after 2 attempt(s)"), "{error}");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn running_out_of_time_is_a_timeout_with_the_last_poll() {
    // `TableNotExists` waits 2 s between polls (minDelay = maxDelay); with 10 s to wait it polls
    // at 0, 2, 4 and 6 s, then sleeps the 4 s left (2 more would leave no more than minDelay)
    // for a last poll at 10 s.
    let server = Server::start(vec![table("t", "ACTIVE")]);
    let sleep = Recording::default();
    let client = client(&server, &sleep);
    let error = runtime().block_on(client.wait_until_table_not_exists().table_name("t").wait(10 * SECOND)).expect_err("the table stays");
    let WaiterError::Timeout(poll) = &error else { panic!("{error:?}") };
    assert!(poll.output().is_some(), "the last poll is kept");
    assert_eq!(error.attempts(), 5);
    assert_eq!(server.requests().len(), 5);
    let delays = sleep.delays();
    assert_eq!(&delays[..3], [2 * SECOND; 3]);
    // The calls' own time (milliseconds here) comes off the last delay.
    assert!(delays[3] <= 4 * SECOND && delays[3] > 3 * SECOND, "{delays:?}");
    assert!(error.elapsed() >= 10 * SECOND, "{:?}", error.elapsed());
    assert!(error.to_string().starts_with("waiter `TableNotExists` ran out of time after 5 attempt(s)"), "{error}");
}

#[test]
fn an_error_no_acceptor_expects_ends_the_wait() {
    let server = Server::start(vec![error("AccessDeniedException"), table("t", "ACTIVE")]);
    let sleep = Recording::default();
    let client = client(&server, &sleep);
    let error = runtime().block_on(client.wait_until_table_exists().table_name("t").wait(60 * SECOND)).expect_err("access denied");
    assert!(matches!(error, WaiterError::Unexpected(_)), "{error:?}");
    let sdk = error.sdk_error().expect("the call's error");
    assert!(sdk.service_error().is_some_and(DescribeTableError::is_unhandled), "{sdk:?}");
    assert_eq!(sdk.service_error().and_then(DescribeTableError::code), Some("AccessDeniedException"));
    assert_eq!((error.attempts(), server.requests().len()), (1, 1));
    assert!(sleep.delays().is_empty());
    // Invalid input never reaches the service: the wait ends before any request.
    let error = runtime().block_on(client.wait_until_table_exists().wait(60 * SECOND)).expect_err("no table name");
    assert!(matches!(error.sdk_error(), Some(SdkError::Construction(_))), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_success_acceptor_matching_an_error_gives_the_error() {
    let server = Server::start(vec![table("t", "DELETING"), error("ResourceNotFoundException")]);
    let client = client(&server, &Recording::default());
    let poll = runtime().block_on(client.wait_until_table_not_exists().table_name("t").wait(60 * SECOND)).expect("the table is gone");
    let error = poll.error().expect("the matched error");
    assert!(error.service_error().is_some_and(DescribeTableError::is_resource_not_found_exception), "{error:?}");
    assert_eq!(poll.attempts(), 2);
}

#[test]
fn input_output_paths_read_the_input() {
    let server = Server::start(vec![table("other", "ACTIVE"), table("t", "ACTIVE")]);
    let client = client(&server, &Recording::default());
    let poll = runtime().block_on(client.wait_until_table_named().table_name("t").wait(600 * SECOND)).expect("the names agree");
    assert_eq!(poll.attempts(), 2);
    assert_eq!(poll.into_result().ok().and_then(|o| o.table).and_then(|t| t.table_name).as_deref(), Some("t"));
}

#[test]
fn error_codes_the_model_does_not_list_can_be_retried() {
    // `ServiceReachable`: success on any response, retry on `ServiceUnavailable` (not modelled).
    let server = Server::start(vec![error("ServiceUnavailable"), error("ServiceUnavailable"), Reply::json(200, "{}")]);
    let sleep = Recording::default();
    let client = client(&server, &sleep);
    let poll = runtime().block_on(client.wait_until_service_reachable().wait(60 * SECOND)).expect("reachable");
    assert_eq!(poll.attempts(), 3);
    assert_eq!(sleep.delays(), [SECOND, SECOND]);
}
