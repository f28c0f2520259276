//! The cache: reuse until the refresh buffer, single-flight refresh, expired and failing sources.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials};
use aws_credential_types::Credentials;
use smithy_credentials::{describe, CachedCredentials, ManualClock};

const START: u64 = 1_800_000_000;

/// Hands out credentials numbered by call, expiring `lifetime` after the clock's now (or never),
/// after `delay`; fails while `failing` is set.
#[derive(Debug, Clone)]
struct Counting {
    calls: Arc<AtomicUsize>,
    clock: ManualClock,
    lifetime: Option<Duration>,
    delay: Duration,
    failing: Arc<Mutex<bool>>,
}

impl Counting {
    fn new(clock: &ManualClock, lifetime: Option<Duration>) -> Self {
        Counting { calls: Arc::default(), clock: clock.clone(), lifetime, delay: Duration::ZERO, failing: Arc::default() }
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl ProvideCredentials for Counting {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            tokio::time::sleep(self.delay).await;
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            if *self.failing.lock().unwrap() {
                return Err(CredentialsError::provider_error("source down"));
            }
            let expiry = self.lifetime.map(|lifetime| smithy_credentials::Clock::now(&self.clock) + lifetime);
            Ok(Credentials::new(format!("AKID{n}"), "SECRET", None, expiry, "Counting"))
        })
    }
}

fn clock() -> ManualClock {
    ManualClock::new(UNIX_EPOCH + Duration::from_secs(START))
}

fn cache(source: &Counting, clock: &ManualClock) -> CachedCredentials {
    CachedCredentials::new(source.clone()).clock(Arc::new(clock.clone()))
}

async fn id(cache: &CachedCredentials) -> String {
    cache.provide_credentials().await.unwrap().access_key_id().to_string()
}

#[tokio::test]
async fn reuses_until_five_minutes_before_expiry() {
    let clock = clock();
    let source = Counting::new(&clock, Some(Duration::from_secs(3600)));
    let cache = cache(&source, &clock);
    assert_eq!(id(&cache).await, "AKID1");
    clock.advance(Duration::from_secs(3600 - 301));
    assert_eq!(id(&cache).await, "AKID1");
    clock.advance(Duration::from_secs(2));
    assert_eq!(id(&cache).await, "AKID2");
    assert_eq!(source.calls(), 2);
}

#[tokio::test]
async fn credentials_without_expiry_live_fifteen_minutes() {
    let clock = clock();
    let source = Counting::new(&clock, None);
    let cache = cache(&source, &clock);
    assert_eq!(id(&cache).await, "AKID1");
    clock.advance(Duration::from_secs(14 * 60));
    assert_eq!(id(&cache).await, "AKID1");
    clock.advance(Duration::from_secs(2 * 60));
    assert_eq!(id(&cache).await, "AKID2");
    cache.invalidate().await;
    assert_eq!(id(&cache).await, "AKID3");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_refresh() {
    let clock = clock();
    let mut source = Counting::new(&clock, Some(Duration::from_secs(3600)));
    source.delay = Duration::from_millis(100);
    let cache = Arc::new(cache(&source, &clock));
    let tasks: Vec<_> = (0..16).map(|_| tokio::spawn({
        let cache = cache.clone();
        async move { cache.provide_credentials().await.unwrap().access_key_id().to_string() }
    })).collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), "AKID1");
    }
    assert_eq!(source.calls(), 1);
}

#[tokio::test]
async fn expired_credentials_are_an_error() {
    let clock = clock();
    let source = Counting::new(&clock, Some(Duration::ZERO));
    let error = cache(&source, &clock).provide_credentials().await.unwrap_err();
    assert!(matches!(error, CredentialsError::ProviderError(_)));
    assert!(describe(&error).contains("the provider returned credentials that expired at 2027-01-15T08:00:00Z"), "{}", describe(&error));
}

#[tokio::test]
async fn failed_refresh_serves_unexpired_credentials_then_fails() {
    let clock = clock();
    let source = Counting::new(&clock, Some(Duration::from_secs(600)));
    let cache = cache(&source, &clock);
    assert_eq!(id(&cache).await, "AKID1");
    *source.failing.lock().unwrap() = true;
    clock.advance(Duration::from_secs(400));
    assert_eq!(id(&cache).await, "AKID1");
    clock.advance(Duration::from_secs(300));
    let error = cache.provide_credentials().await.unwrap_err();
    assert!(describe(&error).contains("source down"));
    *source.failing.lock().unwrap() = false;
    assert!(id(&cache).await.starts_with("AKID"));
}
