//! Reuse credentials until shortly before they expire; one refresh at a time.
//!
//! Concurrent callers that find the cache stale wait on one lock while the first refreshes, so a
//! burst of requests makes one call to IMDS or the credential process, not one each.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::{self, error::CredentialsError, future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;

/// Refresh this long before expiry, as the AWS SDKs do: a request signed just before expiry can
/// still be in flight (or retried) after it.
pub const DEFAULT_REFRESH_BUFFER: Duration = Duration::from_secs(5 * 60);

/// How long credentials without an expiry are reused: static keys can still be rotated in the
/// files, and this picks that up (the SDKs' 15 minutes).
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// The cache's idea of now.
pub trait Clock: std::fmt::Debug + Send + Sync {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that moves only when told to, for tests; clones share the time.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<SystemTime>>,
}

impl ManualClock {
    /// Showing `now`.
    pub fn new(now: SystemTime) -> Self {
        ManualClock { now: Arc::new(Mutex::new(now)) }
    }

    /// Move forward by `by`.
    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.now.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[derive(Debug)]
struct Cached {
    credentials: Credentials,
    refresh_at: SystemTime,
}

/// Wraps a provider with a cache.
#[derive(Debug)]
pub struct CachedCredentials {
    inner: SharedCredentialsProvider,
    clock: Arc<dyn Clock>,
    buffer: Duration,
    lifetime: Duration,
    state: tokio::sync::Mutex<Option<Cached>>,
}

impl CachedCredentials {
    /// Caching `inner`'s credentials on the system clock, with [`DEFAULT_REFRESH_BUFFER`] and
    /// [`DEFAULT_LIFETIME`].
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        CachedCredentials {
            inner: SharedCredentialsProvider::new(inner),
            clock: Arc::new(SystemClock),
            buffer: DEFAULT_REFRESH_BUFFER,
            lifetime: DEFAULT_LIFETIME,
            state: tokio::sync::Mutex::new(None),
        }
    }

    /// Use this clock.
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Refresh this long before expiry.
    pub fn refresh_buffer(mut self, buffer: Duration) -> Self {
        self.buffer = buffer;
        self
    }

    /// Reuse credentials without an expiry this long.
    pub fn lifetime(mut self, lifetime: Duration) -> Self {
        self.lifetime = lifetime;
        self
    }

    /// Forget the cached credentials (after the service rejected them, say).
    pub async fn invalidate(&self) {
        *self.state.lock().await = None;
    }

    async fn provide(&self) -> provider::Result {
        let mut state = self.state.lock().await;
        let now = self.clock.now();
        if let Some(cached) = state.as_ref().filter(|cached| now < cached.refresh_at) {
            return Ok(cached.credentials.clone());
        }
        let fresh = match self.inner.provide_credentials().await {
            Ok(fresh) => fresh,
            // A failed refresh keeps serving credentials that have not actually expired yet, so
            // a brief IMDS or network hiccup inside the buffer does not fail requests.
            Err(error) => {
                return match state.as_ref().filter(|cached| cached.credentials.expiry().is_some_and(|expiry| now < expiry)) {
                    Some(cached) => Ok(cached.credentials.clone()),
                    None => Err(error),
                };
            }
        };
        let refresh_at = match fresh.expiry() {
            Some(expiry) if expiry <= now => {
                let when = aws_smithy_types::DateTime::from(expiry).fmt(aws_smithy_types::date_time::Format::DateTime).unwrap_or_default();
                return Err(CredentialsError::provider_error(format!("the provider returned credentials that expired at {when}")));
            }
            Some(expiry) => expiry.checked_sub(self.buffer).unwrap_or(now),
            None => now + self.lifetime,
        };
        *state = Some(Cached { credentials: fresh.clone(), refresh_at });
        Ok(fresh)
    }
}

impl ProvideCredentials for CachedCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.provide())
    }
}
