//! Retries: the AWS SDKs' standard mode (attempts, exponential backoff with full jitter) and which
//! responses are worth another attempt.

use std::time::{Duration, SystemTime};

/// Retry settings: the AWS SDKs' "standard" mode by default.
#[derive(std::fmt::Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig { max_attempts: 3, initial_backoff: Duration::from_secs(1), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// Standard mode: 3 attempts, exponential backoff with full jitter from 1 s up to 20 s.
    pub fn standard() -> Self {
        Self::default()
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        RetryConfig { max_attempts: 1, ..Self::default() }
    }

    /// Total attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The backoff cap before jitter for the first retry; it doubles per retry.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The largest backoff.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// Total attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The delay before retry number `retry` (1-based): uniformly random in
    /// `[0, min(max_backoff, initial_backoff * 2^(retry-1))]` ("full jitter").
    pub fn backoff(&self, retry: u32, random: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let cap = self.initial_backoff.saturating_mul(1u32 << exponent).min(self.max_backoff);
        cap.mul_f64(random.clamp(0.0, 1.0))
    }
}

/// How an operation error bears on retrying.
#[derive(std::fmt::Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryKind {
    /// The service is throttling: back off and retry.
    Throttling,
    /// A transient failure: retry.
    Transient,
}

/// Error codes the AWS SDKs treat as throttling.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient.
pub const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Classify an error code (for errors the model does not describe).
pub fn classify_code(code: Option<&str>) -> Option<RetryKind> {
    let code = code?;
    if THROTTLING_CODES.contains(&code) {
        Some(RetryKind::Throttling)
    } else if TRANSIENT_CODES.contains(&code) {
        Some(RetryKind::Transient)
    } else {
        None
    }
}

/// Random in `[0, 1)` without a dependency: SipHash with the OS-seeded keys of `RandomState`
/// over a counter and the time. Jitter needs spread, not secrecy.
pub(crate) fn jitter() -> f64 {
    use ::std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    hasher.write_u128(SystemTime::now().duration_since(::std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

