//! The retry delays against the specification's table, path evaluation against JMESPath's
//! semantics, the matchers, and the loop driven with a scripted operation, a recording timer, a
//! fake clock and a fixed random source (nothing sleeps for real).

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use super::expr::{Scope, Val};
use super::*;
use crate::client::{ConstructionError, SdkError};
use crate::decode::{Decoder, Slot};
use crate::error::{DeserializeError, ErrorRef, OperationError, Unhandled};
use crate::schema::{ErrorInfo, Member, Schema};
use crate::value::{Structure, Value, View};

// ------------------------------------------------------------------------------------------
// Test shapes: what generated structures implement, by hand.

static ITEM: Schema = Schema::structure("ex#Item", "Item", &[Member::string("Status", "status"), Member::integer("Size", "size")]);
static ITEMS: Schema = Schema::list("ex#Items", &[Member::new("member", "member", &ITEM)]);
static NESTED: Schema = Schema::list("ex#Nested", &[Member::new("member", "member", &ITEMS)]);
static TAGS: Schema = Schema::map("ex#Tags", &[Member::string("key", "key"), Member::string("value", "value")]);
static OUT: Schema = Schema::structure(
    "ex#Out",
    "Out",
    &[
        Member::string("State", "state"),
        Member::new("Items", "items", &ITEMS),
        Member::new("Tags", "tags", &TAGS),
        Member::boolean("Ready", "ready"),
        Member::new("Nested", "nested", &NESTED),
    ],
);
static IN: Schema = Schema::structure("ex#In", "In", &[Member::string("Name", "name")]);
static MISSING: Schema = Schema::structure("ex#ResourceNotFound", "ResourceNotFound", &[]).error(ErrorInfo::new("ResourceNotFound", false).query_code("NoSuchThing", 404));

#[derive(Debug, Default, Clone)]
struct Item {
    status: Option<String>,
    size: Option<i32>,
}

#[derive(Debug, Default, Clone)]
struct Out {
    state: Option<String>,
    items: Option<Vec<Item>>,
    tags: Option<HashMap<String, String>>,
    ready: Option<bool>,
    nested: Option<Vec<Vec<Item>>>,
}

#[derive(Debug, Default, Clone)]
struct In {
    name: Option<String>,
}

#[derive(Debug)]
struct Missing;

macro_rules! structure {
    ($ty:ident, $schema:ident, [$($index:literal $field:ident),*]) => {
        impl Structure for $ty {
            #[allow(unused_variables, reason = "the error structure has no members")]
            fn member(&self, index: usize) -> Option<&dyn Slot> {
                match index {
                    $($index => Some(&self.$field),)*
                    _ => None,
                }
            }
        }

        impl Value for $ty {
            fn view(&self) -> View<'_> {
                View::Structure(&$schema, self)
            }
        }
    };
}

structure!(Item, ITEM, [0 status, 1 size]);
structure!(Out, OUT, [0 state, 1 items, 2 tags, 3 ready, 4 nested]);
structure!(In, IN, [0 name]);
structure!(Missing, MISSING, []);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ResourceNotFound")
    }
}

impl std::error::Error for Missing {}

#[derive(Debug)]
enum TestError {
    Missing(Missing),
    Unhandled(Unhandled),
}

impl std::fmt::Display for TestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error().display(f)
    }
}

impl std::error::Error for TestError {}

impl OperationError for TestError {
    const OPERATION: &'static str = "Test.Describe";

    fn modelled(_: usize, decoder: &mut dyn Decoder) -> Result<Self, DeserializeError> {
        Err(decoder.error("not decoded in these tests"))
    }

    fn unhandled(error: Unhandled) -> Self {
        TestError::Unhandled(error)
    }

    fn error(&self) -> ErrorRef<'_> {
        match self {
            TestError::Missing(error) => ErrorRef::Modelled("Missing", error),
            TestError::Unhandled(error) => ErrorRef::Unhandled(error),
        }
    }
}

fn item(status: &str, size: i32) -> Item {
    Item { status: Some(status.to_string()), size: Some(size) }
}

fn out() -> Out {
    Out {
        state: Some("ACTIVE".to_string()),
        items: Some(vec![item("ACTIVE", 3), item("FAILED", 1), Item { status: None, size: Some(2) }]),
        tags: Some(HashMap::from([("b".to_string(), "2".to_string()), ("a".to_string(), "1".to_string())])),
        ready: Some(false),
        nested: Some(vec![vec![item("X", 1)], vec![item("Y", 2), item("Z", 3)]]),
    }
}

fn service(error: TestError) -> SdkError<TestError> {
    SdkError::Service { error, status: 400, request_id: None, attempts: 1 }
}

fn unhandled(code: &str) -> SdkError<TestError> {
    service(TestError::Unhandled(Unhandled::new(Some(code.to_string()), None)))
}

// ------------------------------------------------------------------------------------------
// Delays

fn waiter(min_delay: u64, max_delay: u64) -> Waiter {
    Waiter { name: "Test", min_delay, max_delay, acceptors: &[] }
}

#[test]
fn delays_follow_the_specification_table() {
    // The specification's example: minDelay 2, maxDelay 120, 300 s to wait, calls taking no time.
    let waiter = waiter(2, 120);
    let table = [2, 3, 6, 6, 22, 62, 43, 24, 71, 42, 9, 6, 4];
    let caps = [2, 4, 8, 16, 32, 64, 120, 120, 120, 120, 120, 120, 120];
    let mut elapsed = Duration::ZERO;
    for (index, (&delay, &cap)) in table.iter().zip(&caps).enumerate() {
        let attempt = index as u32 + 1;
        let mut random = |low: u64, high: u64| {
            assert_eq!((low, high), (2, cap), "attempt {attempt}: the range jitter draws from");
            delay
        };
        let got = waiter.delay(attempt, elapsed, Duration::from_secs(300), &mut random);
        assert_eq!(got, Some(Duration::from_secs(delay)), "attempt {attempt}");
        elapsed += Duration::from_secs(delay);
    }
    assert_eq!(elapsed, Duration::from_secs(300));
    assert_eq!(waiter.delay(14, elapsed, Duration::from_secs(300), &mut |low, _| low), None, "no time is left for another attempt");
}

#[test]
fn the_last_delay_is_whatever_time_is_left() {
    let waiter = waiter(2, 120);
    let max_wait = Duration::from_secs(300);
    // 10 s left and 9 drawn: 1 s would remain, not more than minDelay, so all 10 are slept.
    assert_eq!(waiter.delay(11, Duration::from_secs(290), max_wait, &mut |_, _| 9), Some(Duration::from_secs(10)));
    // A fraction of a second left is still one last attempt.
    assert_eq!(waiter.delay(3, Duration::from_millis(299_500), max_wait, &mut |low, _| low), Some(Duration::from_millis(500)));
    assert_eq!(waiter.delay(3, Duration::from_secs(301), max_wait, &mut |low, _| low), None);
    // A max_wait shorter than minDelay: one retry after what little time there is.
    assert_eq!(waiter.delay(1, Duration::ZERO, Duration::from_secs(1), &mut |low, _| low), Some(Duration::from_secs(1)));
}

#[test]
fn the_attempt_ceiling_caps_the_exponent() {
    let caps = |min, max| {
        let waiter = waiter(min, max);
        (1..=5)
            .map(|attempt| {
                let mut cap = 0;
                waiter.delay(attempt, Duration::ZERO, Duration::from_secs(100_000), &mut |_, high| {
                    cap = high;
                    high
                });
                cap
            })
            .collect::<Vec<_>>()
    };
    // log2(10 / 3) + 1 = 2.7: attempts 1 and 2 double, from 3 on maxDelay.
    assert_eq!(caps(3, 10), [3, 6, 10, 10, 10]);
    // minDelay equal to maxDelay: linear.
    assert_eq!(caps(5, 5), [5, 5, 5, 5, 5]);
    assert_eq!(caps(1, 1_000_000), [1, 2, 4, 8, 16]);
    // The default random source stays in range.
    for _ in 0..1000 {
        let drawn = random(2, 5);
        assert!((2..=5).contains(&drawn), "{drawn}");
    }
    assert_eq!(random(7, 7), 7);
}

// ------------------------------------------------------------------------------------------
// Paths

fn eval(expr: &'static Expr, output: &Out, input: &In) -> String {
    let scope = Scope { input: input.view(), output: output.view() };
    show(&expr.eval(&Val::of(output.view()), scope))
}

/// A value as JSON-ish text, so tests read like JMESPath's compliance cases.
fn show(value: &Val<'_>) -> String {
    match value {
        Val::Null => "null".into(),
        Val::Bool(b) => b.to_string(),
        Val::Number(n) => n.to_string(),
        Val::String(s) => format!("{s:?}"),
        Val::Array(items) => format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(",")),
        Val::Model(View::List(list)) => {
            format!("[{}]", (0..list.len()).map(|i| show(&list.item(i).map_or(Val::Null, |v| Val::of(v.view())))).collect::<Vec<_>>().join(","))
        }
        Val::Model(View::Map(map)) => format!("{{{} entries}}", map.len()),
        Val::Model(View::Structure(schema, _)) => format!("<{}>", schema.name),
        Val::Model(_) => "<other>".into(),
    }
}

const STATE: Expr = Expr::Member(&Expr::Current, 0);
const ITEMS_OF: Expr = Expr::Member(&Expr::Current, 1);
const STATUS: Expr = Expr::Member(&Expr::Current, 0);
const SIZE: Expr = Expr::Member(&Expr::Current, 1);

#[test]
fn paths_evaluate_as_jmespath_does() {
    let (output, input) = (out(), In { name: Some("t".into()) });
    let cases: &[(&'static Expr, &str)] = &[
        (&STATE, r#""ACTIVE""#),
        // `Items[*].Status`: the unset status drops out.
        (&Expr::Project { kind: Projection::Items, of: &ITEMS_OF, then: &STATUS }, r#"["ACTIVE","FAILED"]"#),
        // `Nested[].Status` merges the inner lists; `Nested[*]` keeps them.
        (&Expr::Project { kind: Projection::Flatten, of: &Expr::Member(&Expr::Current, 4), then: &STATUS }, r#"["X","Y","Z"]"#),
        (
            &Expr::Project { kind: Projection::Items, of: &Expr::Member(&Expr::Current, 4), then: &Expr::Current },
            "[[<Item>],[<Item>,<Item>]]",
        ),
        // `Items[?Size > `1`].Status`
        (
            &Expr::Filter { of: &ITEMS_OF, condition: &Expr::Compare(Comparison::Gt, &SIZE, &Expr::Number(1.0)), then: &STATUS },
            r#"["ACTIVE"]"#,
        ),
        // `length(Items[?Status == 'FAILED' || Status == 'ACTIVE']) == length(Items)`
        (
            &Expr::Compare(
                Comparison::Eq,
                &Expr::Length(&Expr::Filter {
                    of: &ITEMS_OF,
                    condition: &Expr::Or(
                        &Expr::Compare(Comparison::Eq, &STATUS, &Expr::String("FAILED")),
                        &Expr::Compare(Comparison::Eq, &STATUS, &Expr::String("ACTIVE")),
                    ),
                    then: &Expr::Current,
                }),
                &Expr::Length(&ITEMS_OF),
            ),
            "false",
        ),
        (&Expr::Length(&STATE), "6"),
        (&Expr::Length(&Expr::Member(&Expr::Current, 2)), "2"),
        (&Expr::Length(&Expr::Member(&Expr::Current, 3)), "null"),
        // Ordering comparisons of anything but numbers give null; equality compares types too.
        (&Expr::Compare(Comparison::Lt, &STATE, &Expr::String("B")), "null"),
        (&Expr::Compare(Comparison::Eq, &Expr::Number(1.0), &Expr::String("1")), "false"),
        (&Expr::Compare(Comparison::Ne, &Expr::Member(&Expr::Current, 3), &Expr::Null), "true"),
        // Lists compare item by item, model lists with literal ones.
        (
            &Expr::Compare(
                Comparison::Eq,
                &Expr::Project { kind: Projection::Items, of: &ITEMS_OF, then: &SIZE },
                &Expr::Array(&[Expr::Number(3.0), Expr::Number(1.0), Expr::Number(2.0)]),
            ),
            "true",
        ),
        // `&&` and `||` give one of their operands; `!` a boolean.
        (&Expr::And(&Expr::Member(&Expr::Current, 3), &STATE), "false"),
        (&Expr::Or(&Expr::Member(&Expr::Current, 3), &STATE), r#""ACTIVE""#),
        (&Expr::Not(&Expr::Array(&[])), "true"),
        (&Expr::Index(&ITEMS_OF, -1), "<Item>"),
        (&Expr::Member(&Expr::Index(&ITEMS_OF, 1), 0), r#""FAILED""#),
        (&Expr::Index(&ITEMS_OF, 7), "null"),
        (&Expr::Contains(&Expr::Project { kind: Projection::Items, of: &ITEMS_OF, then: &STATUS }, &Expr::String("FAILED")), "true"),
        (&Expr::Contains(&STATE, &Expr::String("TIV")), "true"),
        // Map keys and values come in key order.
        (&Expr::Keys(&Expr::Member(&Expr::Current, 2)), r#"["a","b"]"#),
        (&Expr::Project { kind: Projection::Values, of: &Expr::Member(&Expr::Current, 2), then: &Expr::Current }, r#"["1","2"]"#),
        (&Expr::Key(&Expr::Member(&Expr::Current, 2), "b"), r#""2""#),
        (&Expr::Key(&Expr::Member(&Expr::Current, 2), "c"), "null"),
        // A multi-select on null is null; a sub-expression on null is null; a pipe is not.
        (&Expr::Select(&Expr::Member(&Expr::Current, 7), &[Expr::Current]), "null"),
        (&Expr::Select(&STATE, &[Expr::Current, Expr::Length(&Expr::Current)]), r#"["ACTIVE",6]"#),
        (&Expr::Sub(&Expr::Member(&Expr::Current, 7), &Expr::Length(&Expr::String("abc"))), "null"),
        (&Expr::Pipe(&Expr::Member(&Expr::Current, 7), &Expr::Length(&Expr::String("abc"))), "3"),
        // `inputOutput`: `input.Name == 't'`.
        (&Expr::Compare(Comparison::Eq, &Expr::Member(&Expr::Input, 0), &Expr::String("t")), "true"),
        (&Expr::Member(&Expr::Output, 0), r#""ACTIVE""#),
    ];
    for (expr, want) in cases {
        assert_eq!(eval(expr, &output, &input), *want, "{expr:?}");
    }
    // An empty output: every path reaches nothing.
    assert_eq!(eval(&Expr::Project { kind: Projection::Items, of: &ITEMS_OF, then: &STATUS }, &Out::default(), &input), "null");
    assert_eq!(eval(&Expr::Length(&Expr::Member(&Expr::Current, 0)), &Out::default(), &input), "null");
}

// ------------------------------------------------------------------------------------------
// Matchers

fn matches(matcher: Matcher, result: &Result<Out, SdkError<TestError>>) -> bool {
    matcher.matches(In::default().view(), result)
}

fn path(expr: Expr, comparator: Comparator) -> Matcher {
    Matcher::Path { source: "test", expr, comparator }
}

const STATUSES: Expr = Expr::Project { kind: Projection::Items, of: &ITEMS_OF, then: &STATUS };

#[test]
fn comparators_and_matchers() {
    let ok: Result<Out, SdkError<TestError>> = Ok(out());
    assert!(matches(path(STATE, Comparator::StringEquals("ACTIVE")), &ok));
    assert!(!matches(path(STATE, Comparator::StringEquals("active")), &ok));
    assert!(matches(path(Expr::Member(&Expr::Current, 3), Comparator::BooleanEquals(false)), &ok));
    // A string "false" is not a boolean.
    assert!(!matches(path(Expr::String("false"), Comparator::BooleanEquals(false)), &ok));
    assert!(matches(path(STATUSES, Comparator::AnyStringEquals("FAILED")), &ok));
    assert!(!matches(path(STATUSES, Comparator::AllStringEquals("ACTIVE")), &ok));
    assert!(matches(path(Expr::Array(&[Expr::String("A"), Expr::String("A")]), Comparator::AllStringEquals("A")), &ok));
    // `allStringEquals` needs at least one item; `anyStringEquals` finds none in an empty list.
    assert!(!matches(path(Expr::Array(&[]), Comparator::AllStringEquals("A")), &ok));
    assert!(!matches(path(Expr::Array(&[]), Comparator::AnyStringEquals("A")), &ok));
    assert!(!matches(path(ITEMS_OF, Comparator::AnyStringEquals("A")), &Ok(Out { items: Some(Vec::new()), ..out() })));

    let missing: Result<Out, SdkError<TestError>> = Err(service(TestError::Missing(Missing)));
    assert!(!matches(path(STATE, Comparator::StringEquals("ACTIVE")), &missing), "paths read outputs only");
    assert!(matches(Matcher::Success(true), &ok) && !matches(Matcher::Success(true), &missing));
    assert!(matches(Matcher::Success(false), &missing) && !matches(Matcher::Success(false), &ok));
    // By shape name, by `awsQueryError` code, by an unmodelled error's code.
    assert!(matches(Matcher::ErrorType("ResourceNotFound"), &missing));
    assert!(matches(Matcher::ErrorType("NoSuchThing"), &missing));
    assert!(!matches(Matcher::ErrorType("Throttling"), &missing));
    assert!(matches(Matcher::ErrorType("Throttling"), &Err(unhandled("Throttling"))));
    assert!(!matches(Matcher::ErrorType("Throttling"), &Err(SdkError::Timeout { attempts: 3 })));
    assert!(!matches(Matcher::ErrorType("Throttling"), &ok));
}

// ------------------------------------------------------------------------------------------
// The loop

/// Completes at once and records what it was asked to wait.
#[derive(Debug, Default)]
struct Recording(Mutex<Vec<Duration>>);

impl Sleep for Recording {
    fn sleep(&self, duration: Duration) -> crate::client::BoxFuture<'static, ()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(duration);
        Box::pin(async {})
    }
}

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut context) {
            return value;
        }
    }
}

static THING_EXISTS: Waiter = Waiter {
    name: "ThingExists",
    min_delay: 2,
    max_delay: 8,
    acceptors: &[
        Acceptor { state: State::Failure, matcher: Matcher::Path { source: "State", expr: STATE, comparator: Comparator::StringEquals("FAILED") } },
        Acceptor { state: State::Success, matcher: Matcher::Path { source: "State", expr: STATE, comparator: Comparator::StringEquals("ACTIVE") } },
        Acceptor { state: State::Retry, matcher: Matcher::ErrorType("ResourceNotFound") },
    ],
};

static THING_GONE: Waiter = Waiter {
    name: "ThingGone",
    min_delay: 2,
    max_delay: 2,
    acceptors: &[
        Acceptor { state: State::Success, matcher: Matcher::ErrorType("ResourceNotFound") },
        Acceptor { state: State::Retry, matcher: Matcher::Success(false) },
    ],
};

struct Run {
    result: WaitResult<Out, TestError>,
    sleeps: Vec<Duration>,
    polls: usize,
}

/// `waiter` over `script` (the last entry repeats), each call taking `call_time` on the fake
/// clock, jitter always drawing the top of its range.
fn drive(waiter: &'static Waiter, max_wait: Duration, call_time: Duration, script: Vec<Result<Out, SdkError<TestError>>>) -> Run {
    let sleep = Recording::default();
    let now = Mutex::new(Duration::ZERO);
    let clock = || *now.lock().unwrap_or_else(|e| e.into_inner());
    let script = Mutex::new(script);
    let polls = Mutex::new(0);
    let poll = || {
        *now.lock().unwrap_or_else(|e| e.into_inner()) += call_time;
        *polls.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        let mut script = script.lock().unwrap_or_else(|e| e.into_inner());
        let next = if script.len() > 1 { script.remove(0) } else { replay(&script[0]) };
        async move { next }
    };
    let input = In::default();
    let result = block_on(run(waiter, max_wait, input.view(), Some(&sleep), &mut |_, high| high, &clock, poll));
    let sleeps = sleep.0.into_inner().unwrap_or_else(|e| e.into_inner());
    Run { result, sleeps, polls: polls.into_inner().unwrap_or_else(|e| e.into_inner()) }
}

fn replay(result: &Result<Out, SdkError<TestError>>) -> Result<Out, SdkError<TestError>> {
    match result {
        Ok(output) => Ok(output.clone()),
        Err(SdkError::Service { error: TestError::Missing(_), .. }) => Err(service(TestError::Missing(Missing))),
        Err(SdkError::Service { error: TestError::Unhandled(error), .. }) => Err(service(TestError::Unhandled(error.clone()))),
        Err(_) => Err(SdkError::Timeout { attempts: 1 }),
    }
}

fn state(state: &str) -> Result<Out, SdkError<TestError>> {
    Ok(Out { state: Some(state.to_string()), ..Out::default() })
}

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn success_after_retries_gives_the_matching_output() {
    let run = drive(&THING_EXISTS, 600 * SECOND, Duration::ZERO, vec![Err(service(TestError::Missing(Missing))), state("CREATING"), state("ACTIVE")]);
    let poll = run.result.expect("success");
    assert_eq!(poll.output().and_then(|o| o.state.as_deref()), Some("ACTIVE"));
    assert_eq!((poll.attempts(), run.polls, poll.waiter()), (3, 3, "ThingExists"));
    // Jitter draws the top: 2 s, then 4 s (2 * 2^1).
    assert_eq!(run.sleeps, [2 * SECOND, 4 * SECOND]);
    assert_eq!(poll.elapsed(), 6 * SECOND);
}

#[test]
fn a_success_acceptor_on_an_error_gives_the_error() {
    let run = drive(&THING_GONE, 60 * SECOND, Duration::ZERO, vec![state("ACTIVE"), Err(unhandled("Throttling")), Err(service(TestError::Missing(Missing)))]);
    let poll = run.result.expect("success");
    assert!(matches!(poll.error(), Some(SdkError::Service { error: TestError::Missing(_), .. })), "{poll:?}");
    assert_eq!(poll.attempts(), 3);
}

#[test]
fn a_failure_acceptor_ends_the_wait() {
    let run = drive(&THING_EXISTS, 600 * SECOND, SECOND, vec![state("CREATING"), state("FAILED")]);
    let error = run.result.expect_err("failure");
    assert!(matches!(&error, WaiterError::Failure(poll) if poll.output().and_then(|o| o.state.as_deref()) == Some("FAILED")), "{error:?}");
    assert_eq!((error.attempts(), error.elapsed()), (2, 4 * SECOND), "two calls of 1 s and a delay of 2 s");
    assert_eq!(error.to_string(), "waiter `ThingExists` reached a failure state after 2 attempt(s) over 4.0 s");
}

#[test]
fn running_out_of_time_is_a_timeout_with_the_last_poll() {
    // 2 s delays (min = max): polls at 0, 2, 4, 6, then 4 s left minus 2 leaves no more than
    // minDelay, so the last delay is the 4 s left and the last poll is at 10 s.
    let run = drive(&THING_GONE, 10 * SECOND, Duration::ZERO, vec![state("ACTIVE")]);
    let error = run.result.expect_err("timeout");
    assert!(matches!(&error, WaiterError::Timeout(poll) if poll.output().is_some()), "{error:?}");
    assert_eq!(run.sleeps, [2 * SECOND, 2 * SECOND, 2 * SECOND, 4 * SECOND]);
    assert_eq!((error.attempts(), error.elapsed()), (5, 10 * SECOND));
    // Slow calls eat the time too: 3 s each leaves room for fewer polls.
    let run = drive(&THING_GONE, 10 * SECOND, 3 * SECOND, vec![state("ACTIVE")]);
    assert_eq!(run.sleeps, [2 * SECOND, 2 * SECOND]);
    assert_eq!(run.result.expect_err("timeout").attempts(), 3);
}

#[test]
fn an_error_no_acceptor_expects_ends_the_wait_at_once() {
    let run = drive(&THING_EXISTS, 600 * SECOND, Duration::ZERO, vec![Err(unhandled("AccessDenied")), state("ACTIVE")]);
    let error = run.result.expect_err("unexpected");
    assert!(matches!(&error, WaiterError::Unexpected(poll) if poll.attempts() == 1), "{error:?}");
    assert!(run.sleeps.is_empty());
    assert!(error.to_string().starts_with("waiter `ThingExists` stopped at an error no acceptor expects, after 1 attempt(s): "), "{error}");
    assert!(std::error::Error::source(&error).is_some());
    // A request that could not be made is not an error the service returned: `success: false`
    // would retry it, and it ends the wait instead.
    let construction = SdkError::Construction(ConstructionError::MissingComponent("transport"));
    let run = drive(&THING_GONE, 60 * SECOND, Duration::ZERO, vec![Err(construction), state("ACTIVE")]);
    assert!(matches!(run.result, Err(WaiterError::Unexpected(_))));
    assert_eq!(run.polls, 1);
}
