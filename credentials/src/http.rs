//! One request to a local credentials endpoint, with a per-attempt timeout and a few retries,
//! over the runtime's [`HttpTransport`] (so no second HTTP stack is compiled).

use std::sync::Arc;
use std::time::Duration;

use smithy_rt::client::HttpTransport;

/// The transport the providers use unless given another: the runtime's hyper transport with a
/// 1 s connect timeout (these endpoints are link-local or loopback) and a small body limit
/// (credential documents are a few hundred bytes).
pub(crate) fn default_transport() -> Arc<dyn HttpTransport> {
    Arc::new(smithy_rt::transport::HyperTransport::with_connect_timeout(Some(Duration::from_secs(1))).with_max_response_bytes(64 * 1024))
}

/// A boxed future: awaiting it from several places does not copy its body into each.
pub(crate) type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Why no response came back.
#[derive(Debug)]
pub(crate) enum Failure {
    /// No answer within the timeout, on every attempt.
    Timeout(Duration, u32),
    /// Connecting or the exchange failed, on every attempt.
    Transport(String, u32),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let attempts = |n: &u32| if *n == 1 { "1 attempt".to_string() } else { format!("{n} attempts") };
        match self {
            Failure::Timeout(timeout, n) => write!(f, "no response within {timeout:?} ({})", attempts(n)),
            Failure::Transport(error, n) => write!(f, "{error} ({})", attempts(n)),
        }
    }
}

/// How requests are sent.
#[derive(Debug, Clone)]
pub(crate) struct Sender {
    pub transport: Arc<dyn HttpTransport>,
    pub timeout: Duration,
    pub attempts: u32,
}

impl Sender {
    /// Send the request `make` builds, again after a timeout, a transport failure or a 5xx (with
    /// a short backoff); the last response or failure.
    ///
    /// `make` is a trait object and the future is boxed so the retry loop is compiled once, not
    /// once per caller (an async body is copied into every codegen unit that awaits it).
    pub fn send<'a>(&'a self, make: &'a (dyn Fn() -> http::Request<Vec<u8>> + Sync)) -> BoxFuture<'a, Result<http::Response<Vec<u8>>, Failure>> {
        Box::pin(async move {
            let attempts = self.attempts.max(1);
            let mut attempt = 0;
            loop {
                attempt += 1;
                let outcome = tokio::time::timeout(self.timeout, self.transport.send(make())).await;
                let last = attempt >= attempts;
                match outcome {
                    Ok(Ok(response)) if last || !response.status().is_server_error() => return Ok(response),
                    Ok(Err(error)) if last => return Err(Failure::Transport(error.to_string(), attempt)),
                    Err(_) if last => return Err(Failure::Timeout(self.timeout, attempt)),
                    _ => tokio::time::sleep(Duration::from_millis(50 << (attempt - 1).min(4))).await,
                }
            }
        })
    }
}

/// The start of an error response's body, for messages (error bodies carry no credentials).
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let cut: String = text.chars().take(200).collect();
    format!(": {cut}")
}
