//! The seams the client sends through: an HTTP transport and a timer. Bring your own, or enable
//! the `default-https-client` feature for a hyper + rustls transport and a tokio timer.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A boxed future, as the transport and timer traits return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A failure below HTTP: connecting, TLS, or the connection breaking.
#[derive(std::fmt::Debug)]
pub struct TransportError {
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl TransportError {
    /// Wrap the transport's own error.
    pub fn new(source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError { source: source.into() }
    }
}

impl std::fmt::Display for TransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "transport error: {}", self.source)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// Sends an HTTP request and returns the whole response. Bring your own, or enable the
/// `default-https-client` feature for `crate::transport::HyperTransport`.
pub trait HttpTransport: std::fmt::Debug + Send + Sync {
    /// Send one request.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

/// A shared transport is one too, so one connection pool can serve several clients.
impl<T: HttpTransport + ?Sized> HttpTransport for std::sync::Arc<T> {
    fn send(&self, request: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        (**self).send(request)
    }
}

/// Waits, for retry backoff and timeouts. Enable `default-https-client` for a tokio timer.
pub trait Sleep: std::fmt::Debug + Send + Sync {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

