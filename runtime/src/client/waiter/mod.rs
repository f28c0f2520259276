//! Waiters (`smithy.waiters#waitable`): poll an operation until an acceptor says the resource
//! reached the state waited for, reached a state it cannot leave, or `max_wait` ran out.
//!
//! Generated crates hold each waiter as a static [`Waiter`] (delays and acceptors, paths compiled
//! to [`Expr`] trees at codegen) and call [`Handle::wait`]; the loop, the retry delays of the
//! Smithy waiter specification and the evaluation of paths are written once, here.
//!
//! The outcome follows aws-sdk-rust: `Ok(FinalPoll)` when a `success` acceptor matched (holding
//! the output, or the error the acceptor matched, such as a `TableNotExists` waiter's
//! `ResourceNotFoundException`), and a [`WaiterError`] telling a `failure` acceptor, running
//! out of time and an error no acceptor matched apart.
//!
//! Time is the delays asked of the client's [`Sleep`] plus the time each call took, so a
//! `Sleep` that returns at once (a test's) shortens the wall time of a wait without changing its
//! decisions.

mod expr;

use std::time::{Duration, Instant};

pub use expr::{Comparison, Expr, Projection};
use expr::{Scope, Val};

use super::{Handle, SdkError, Sleep};
use crate::decode::Decode;
use crate::error::{ErrorRef, OperationError};
use crate::schema::Operation;
use crate::value::{Structure, Value, View};

/// One waiter: its name, delays in seconds, and acceptors in the model's order.
#[derive(Debug, Clone, Copy)]
pub struct Waiter {
    /// The waiter's name in the model (`TableExists`).
    pub name: &'static str,
    /// The least delay between polls, in seconds (at least 1).
    pub min_delay: u64,
    /// The largest delay between polls, in seconds (at least `min_delay`).
    pub max_delay: u64,
    /// Checked in order after each poll; the first that matches decides.
    pub acceptors: &'static [Acceptor],
}

/// A state transition: when `matcher` matches a poll, the waiter moves to `state`.
#[derive(Debug, Clone, Copy)]
pub struct Acceptor {
    /// Where the waiter goes.
    pub state: State,
    /// What must hold.
    pub matcher: Matcher,
}

/// The state an acceptor moves a waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The resource is in the state waited for: stop with the poll.
    Success,
    /// The resource cannot reach that state: stop with an error.
    Failure,
    /// Poll again.
    Retry,
}

/// What an acceptor tests a poll with.
#[derive(Debug, Clone, Copy)]
pub enum Matcher {
    /// A compiled path over a successful call's output (and input), and what it must give.
    Path {
        /// The path as the model writes it, for messages.
        source: &'static str,
        /// The path, compiled.
        expr: Expr,
        /// What the path's value must be.
        comparator: Comparator,
    },
    /// `true`: the call succeeded; `false`: the call failed with any error.
    Success(bool),
    /// The call failed with an error of this name: a modelled error's shape name (or its
    /// `awsQueryError` code), or the code of an error the model does not describe.
    ErrorType(&'static str),
}

/// How a path's value is compared with the acceptor's expected value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// A string equal to this.
    StringEquals(&'static str),
    /// A boolean equal to this.
    BooleanEquals(bool),
    /// A non-empty list whose every item is a string equal to this.
    AllStringEquals(&'static str),
    /// A list with at least one item a string equal to this.
    AnyStringEquals(&'static str),
}

impl Comparator {
    fn holds(self, value: &Val<'_>) -> bool {
        match self {
            Comparator::StringEquals(expected) => value.text() == Some(expected),
            Comparator::BooleanEquals(expected) => matches!(value, Val::Bool(b) if *b == expected),
            Comparator::AllStringEquals(expected) => {
                items_of(value).is_some_and(|items| !items.is_empty() && items.iter().all(|item| item.text() == Some(expected)))
            }
            Comparator::AnyStringEquals(expected) => items_of(value).is_some_and(|items| items.iter().any(|item| item.text() == Some(expected))),
        }
    }
}

fn items_of<'a>(value: &Val<'a>) -> Option<Vec<Val<'a>>> {
    match value {
        Val::Array(items) => Some(items.clone()),
        Val::Model(View::List(list)) => Some((0..list.len()).map(|i| list.item(i).map_or(Val::Null, |item| Val::of(item.view()))).collect()),
        _ => None,
    }
}

impl Matcher {
    /// Whether this matches a poll whose input is `input` (a structure of `op.input`).
    pub fn matches<O: Value, E: OperationError>(&self, input: View<'_>, result: &Result<O, SdkError<E>>) -> bool {
        match (self, result) {
            (Matcher::Path { expr, comparator, .. }, Ok(output)) => {
                let output = output.view();
                comparator.holds(&expr.eval(&Val::of(output), Scope { input, output }))
            }
            (Matcher::Path { .. }, Err(_)) => false,
            (Matcher::Success(success), result) => *success == result.is_ok(),
            (Matcher::ErrorType(name), Err(SdkError::Service { error, .. })) => error_is(error.error(), name),
            (Matcher::ErrorType(_), _) => false,
        }
    }
}

/// Whether an operation's error is the one an `errorType` matcher names.
fn error_is(error: ErrorRef<'_>, name: &str) -> bool {
    match error {
        ErrorRef::Modelled(_, modelled) => {
            let View::Structure(schema, _) = modelled.as_value().view() else { return false };
            let shape_name = schema.id.rsplit('#').next().unwrap_or(schema.id);
            shape_name == name || schema.error.is_some_and(|info| info.code == name || info.query_code.is_some_and(|(code, _)| code == name))
        }
        ErrorRef::Unhandled(unhandled) => unhandled.code() == Some(name),
    }
}

impl Waiter {
    /// The state the first matching acceptor gives a poll, if any matches.
    pub fn decide<O: Value, E: OperationError>(&self, input: View<'_>, result: &Result<O, SdkError<E>>) -> Option<State> {
        self.acceptors.iter().find(|acceptor| acceptor.matcher.matches(input, result)).map(|acceptor| acceptor.state)
    }

    /// The delay before retry number `attempt` (1-based) when `elapsed` of `max_wait` has gone,
    /// by the Smithy waiter specification: `min_delay * 2^(attempt - 1)` capped at `max_delay`
    /// (once past the attempt where it would exceed it), then a uniformly random whole number
    /// of seconds from `min_delay` to that (`random(low, high)`, both inclusive), then all the
    /// time left when no more than `min_delay` would remain after it, for one last attempt.
    /// `None` when no time is left.
    pub fn delay(&self, attempt: u32, elapsed: Duration, max_wait: Duration, random: &mut dyn FnMut(u64, u64) -> u64) -> Option<Duration> {
        let remaining = max_wait.checked_sub(elapsed).filter(|left| !left.is_zero())?;
        let (min, max) = (self.min_delay, self.max_delay.max(self.min_delay));
        let ceiling = ((max as f64 / min.max(1) as f64).ln() / std::f64::consts::LN_2) + 1.0;
        let cap = if f64::from(attempt) > ceiling {
            max
        } else {
            // Within the ceiling, `min * 2^(attempt - 1)` is at most `max`.
            min.saturating_mul(1u64 << attempt.saturating_sub(1).min(63))
        };
        let delay = Duration::from_secs(random(min, cap).clamp(min, cap));
        if remaining.saturating_sub(delay) <= Duration::from_secs(min) { Some(remaining) } else { Some(delay) }
    }
}

/// A random whole number from `low` to `high`, both inclusive (jitter: spread, not secrecy).
fn random(low: u64, high: u64) -> u64 {
    let span = high.saturating_sub(low).saturating_add(1);
    low.saturating_add(((super::retry::jitter() * span as f64) as u64).min(span - 1))
}

/// The last poll of a wait: the call's result, with the attempts made and the time waited.
///
/// `Ok` of a waiter's `wait()` holds the poll a `success` acceptor matched (the output, or an
/// error when the acceptor matches errors); [`WaiterError`] holds the last poll otherwise.
#[derive(Debug)]
pub struct FinalPoll<O, E> {
    waiter: &'static str,
    result: Result<O, E>,
    attempts: u32,
    elapsed: Duration,
}

impl<O, E> FinalPoll<O, E> {
    /// The name of the waiter (`TableExists`).
    pub fn waiter(&self) -> &'static str {
        self.waiter
    }

    /// The output, when the last call succeeded.
    pub fn output(&self) -> Option<&O> {
        self.result.as_ref().ok()
    }

    /// The error, when the last call failed.
    pub fn error(&self) -> Option<&E> {
        self.result.as_ref().err()
    }

    /// The last call's result.
    pub fn as_result(&self) -> Result<&O, &E> {
        self.result.as_ref()
    }

    /// Take the last call's result.
    pub fn into_result(self) -> Result<O, E> {
        self.result
    }

    /// The calls made (at least 1).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The time waited: the delays between calls plus the time the calls took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// Why a wait ended without reaching the state waited for. Each variant holds the last poll.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<O, E> {
    /// A `failure` acceptor matched the last poll: the resource cannot reach the state waited
    /// for (a function whose state is `Failed`).
    Failure(Box<FinalPoll<O, SdkError<E>>>),
    /// `max_wait` ran out before an acceptor ended the wait (the next attempt would have gone
    /// past it).
    Timeout(Box<FinalPoll<O, SdkError<E>>>),
    /// The call failed with an error no acceptor matched, or the request could not be made at
    /// all (invalid input, no credentials): waiting longer would not change it.
    Unexpected(Box<FinalPoll<O, SdkError<E>>>),
}

impl<O, E> WaiterError<O, E> {
    /// The last poll.
    pub fn last_poll(&self) -> &FinalPoll<O, SdkError<E>> {
        match self {
            WaiterError::Failure(poll) | WaiterError::Timeout(poll) | WaiterError::Unexpected(poll) => poll,
        }
    }

    /// Take the last poll.
    pub fn into_last_poll(self) -> FinalPoll<O, SdkError<E>> {
        match self {
            WaiterError::Failure(poll) | WaiterError::Timeout(poll) | WaiterError::Unexpected(poll) => *poll,
        }
    }

    /// The last call's error, if it failed.
    pub fn sdk_error(&self) -> Option<&SdkError<E>> {
        self.last_poll().error()
    }

    /// The calls made.
    pub fn attempts(&self) -> u32 {
        self.last_poll().attempts()
    }

    /// The time waited.
    pub fn elapsed(&self) -> Duration {
        self.last_poll().elapsed()
    }
}

impl<O, E: OperationError> std::fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let poll = self.last_poll();
        let (name, attempts, elapsed) = (poll.waiter, poll.attempts, poll.elapsed.as_secs_f64());
        match self {
            WaiterError::Failure(_) => write!(f, "waiter `{name}` reached a failure state after {attempts} attempt(s) over {elapsed:.1} s")?,
            WaiterError::Timeout(_) => write!(f, "waiter `{name}` ran out of time after {attempts} attempt(s) over {elapsed:.1} s")?,
            WaiterError::Unexpected(_) => write!(f, "waiter `{name}` stopped at an error no acceptor expects, after {attempts} attempt(s)")?,
        }
        match poll.error() {
            Some(error) => write!(f, ": {error}"),
            None => Ok(()),
        }
    }
}

impl<O: std::fmt::Debug, E: OperationError> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.sdk_error().map(|error| error as &(dyn std::error::Error + 'static))
    }
}

/// How a wait ended: `Ok` for success, the error otherwise.
pub type WaitResult<O, E> = Result<FinalPoll<O, SdkError<E>>, WaiterError<O, E>>;

impl Handle {
    /// Poll `op` with `input` until one of `waiter`'s acceptors ends the wait or `max_wait` runs
    /// out; each call is a whole [`invoke`](Handle::invoke), retries included, and the delays
    /// between calls are slept with the configuration's timer.
    ///
    /// # Errors
    ///
    /// A [`WaiterError`]: a `failure` acceptor matched, `max_wait` ran out, or a call failed with
    /// an error no acceptor matched; each with the last poll.
    pub fn wait<I, O, E>(
        &self,
        op: &'static Operation,
        waiter: &'static Waiter,
        input: I,
        max_wait: Duration,
    ) -> impl std::future::Future<Output = WaitResult<O, E>> + Send + use<I, O, E>
    where
        I: Structure + Clone + Send + Sync + 'static,
        O: Decode + Value + Send + 'static,
        E: OperationError,
    {
        let handle = self.clone();
        async move {
            let sleep = handle.inner.config.sleep.clone();
            let origin = Instant::now();
            let clock = move || origin.elapsed();
            let poll = || handle.invoke::<I, O, E>(op, input.clone());
            run(waiter, max_wait, View::Structure(op.input, &input), sleep.as_deref(), &mut random, &clock, poll).await
        }
    }
}

/// The wait loop, with its seams as arguments so tests can drive it: `poll` makes one call,
/// `clock` tells the time around calls, `random` draws the jitter and `sleep` waits (without a
/// timer there is nothing to wait with, so the first poll is the last).
async fn run<O, E, F, Fut>(
    waiter: &'static Waiter,
    max_wait: Duration,
    input: View<'_>,
    sleep: Option<&dyn Sleep>,
    random: &mut (dyn FnMut(u64, u64) -> u64 + Send),
    clock: &(dyn Fn() -> Duration + Sync),
    mut poll: F,
) -> WaitResult<O, E>
where
    O: Value,
    E: OperationError,
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<O, SdkError<E>>>,
{
    let mut elapsed = Duration::ZERO;
    let mut attempts = 0;
    loop {
        attempts += 1;
        let started = clock();
        let result = poll().await;
        elapsed += clock().saturating_sub(started);
        // A request that was never sent says nothing about the resource: no acceptor reads it.
        let state = if matches!(result, Err(SdkError::Construction(_))) { None } else { waiter.decide(input, &result) };
        let failed = result.is_err();
        let last = Box::new(FinalPoll { waiter: waiter.name, result, attempts, elapsed });
        match state {
            Some(State::Success) => return Ok(*last),
            Some(State::Failure) => return Err(WaiterError::Failure(last)),
            None if failed => return Err(WaiterError::Unexpected(last)),
            Some(State::Retry) | None => {}
        }
        let (Some(sleep), Some(delay)) = (sleep, waiter.delay(attempts, elapsed, max_wait, random)) else {
            return Err(WaiterError::Timeout(last));
        };
        sleep.sleep(delay).await;
        elapsed += delay;
    }
}

#[cfg(test)]
mod tests;
