//! The default HTTPS transport (hyper 1 over rustls with the webpki roots, HTTP/1.1) and a tokio
//! timer, behind the `default-https-client` feature.
//!
//! hyper + rustls rather than reqwest: the client needs one request/response exchange, and this
//! stack avoids reqwest's extra layers (cookie, redirect, proxy, compression machinery) and a second
//! TLS stack, which keeps clean builds short.

/// Sends requests with hyper over rustls; connections are pooled and reused.
#[derive(::std::clone::Clone)]
pub struct HyperTransport {
    client: ::hyper_util::client::legacy::Client<
        ::hyper_rustls::HttpsConnector<::hyper_util::client::legacy::connect::HttpConnector>,
        ::http_body_util::Full<::bytes::Bytes>,
    >,
    max_response_bytes: usize,
}

/// The largest response body [`HyperTransport`] reads by default: 256 MiB. Bodies are read
/// whole before parsing (streaming payloads are not supported yet), so a bound keeps a
/// misbehaving or hostile endpoint from exhausting memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 256 << 20;

impl ::std::fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str("HyperTransport")
    }
}

impl ::std::default::Default for HyperTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl HyperTransport {
    /// HTTPS (and plain HTTP, for local endpoints) with the Mozilla root certificates and the
    /// default connect timeout.
    pub fn new() -> Self {
        Self::with_connect_timeout(::std::option::Option::Some(crate::client::DEFAULT_CONNECT_TIMEOUT))
    }

    /// As [`new`](Self::new), with this limit on opening a connection (`None`: the OS's).
    pub fn with_connect_timeout(timeout: ::std::option::Option<::std::time::Duration>) -> Self {
        let mut http = ::hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(timeout);
        let connector = ::hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = ::hyper_util::client::legacy::Client::builder(::hyper_util::rt::TokioExecutor::new()).build(connector);
        HyperTransport { client, max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES }
    }

    /// Refuse response bodies longer than `bytes` (a transport error) instead of
    /// [`DEFAULT_MAX_RESPONSE_BYTES`].
    pub fn with_max_response_bytes(mut self, bytes: usize) -> Self {
        self.max_response_bytes = bytes;
        self
    }
}

impl crate::client::HttpTransport for HyperTransport {
    fn send(
        &self,
        request: ::http::Request<::std::vec::Vec<u8>>,
    ) -> crate::client::BoxFuture<'_, ::std::result::Result<::http::Response<::std::vec::Vec<u8>>, crate::client::TransportError>> {
        ::std::boxed::Box::pin(async move {
            use ::http_body_util::BodyExt as _;
            let (parts, body) = request.into_parts();
            let request = ::http::Request::from_parts(parts, ::http_body_util::Full::new(::bytes::Bytes::from(body)));
            let response = self.client.request(request).await.map_err(crate::client::TransportError::new)?;
            let (parts, body) = response.into_parts();
            let limited = ::http_body_util::Limited::new(body, self.max_response_bytes);
            let bytes = limited.collect().await.map_err(crate::client::TransportError::new)?.to_bytes();
            ::std::result::Result::Ok(::http::Response::from_parts(parts, bytes.to_vec()))
        })
    }
}

/// Sleeps on the tokio timer.
#[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy, ::std::default::Default)]
pub struct TokioSleep;

impl crate::client::Sleep for TokioSleep {
    fn sleep(&self, duration: ::std::time::Duration) -> crate::client::BoxFuture<'static, ()> {
        ::std::boxed::Box::pin(::tokio::time::sleep(duration))
    }
}
