//! Helpers for tests of generated crates: canned responses and the comparisons Smithy's
//! protocol-compliance cases call for (JSON bodies as values, query parameters and headers as
//! sets).

/// A canned response.
///
/// # Panics
///
/// When a header name or value is not valid HTTP (a bug in the test).
#[cfg(feature = "http")]
pub fn response(code: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::builder().status(code);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.as_bytes().to_vec()).expect("a valid test response")
}

/// Query parameters as `name=value` pairs, still percent-encoded, in order.
#[cfg(feature = "http")]
fn query_pairs<B>(request: &http::Request<B>) -> Vec<String> {
    request.uri().query().unwrap_or_default().split('&').filter(|p| !p.is_empty()).map(str::to_string).collect()
}

/// Every `expected` pair is sent; no `forbid` name is; every `require` name is.
///
/// # Panics
///
/// When the query does not match, naming what differs.
#[cfg(feature = "http")]
pub fn assert_query<B>(request: &http::Request<B>, expected: &[&str], forbid: &[&str], require: &[&str]) {
    let actual = query_pairs(request);
    for pair in expected {
        assert!(actual.iter().any(|a| a == pair), "query {pair} missing from {actual:?}");
    }
    let names: Vec<&str> = actual.iter().map(|p| p.split('=').next().unwrap_or_default()).collect();
    for name in forbid {
        assert!(!names.contains(name), "query {name} must not be sent: {actual:?}");
    }
    for name in require {
        assert!(names.contains(name), "query {name} must be sent: {actual:?}");
    }
}

/// Every `expected` header has the value (repeated headers joined with `, `); no `forbid`
/// header is sent; every `require` header is.
///
/// # Panics
///
/// When the headers do not match, naming what differs.
#[cfg(feature = "http")]
pub fn assert_headers(headers: &http::HeaderMap, expected: &[(&str, &str)], forbid: &[&str], require: &[&str]) {
    for (name, value) in expected {
        let actual: Vec<&str> = headers.get_all(*name).iter().filter_map(|v| v.to_str().ok()).collect();
        assert_eq!(actual.join(", "), *value, "header {name}");
    }
    for name in forbid {
        assert!(headers.get(*name).is_none(), "header {name} must not be sent");
    }
    for name in require {
        assert!(headers.get(*name).is_some(), "header {name} must be sent");
    }
}

/// JSON bodies compared as values: key order and number spelling do not matter.
///
/// # Panics
///
/// When the bodies differ, or `actual` is not JSON.
#[cfg(feature = "json")]
pub fn assert_json_eq(actual: &[u8], expected: &str) {
    if expected.trim().is_empty() {
        assert!(actual.is_empty(), "expected no body, got {}", String::from_utf8_lossy(actual));
        return;
    }
    let actual_json = crate::json::parse(actual).unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", String::from_utf8_lossy(actual)));
    let expected_json = crate::json::parse(expected.as_bytes()).expect("the expected body is JSON");
    assert!(same_json(&actual_json, &expected_json), "body\n  actual: {}\nexpected: {expected}", String::from_utf8_lossy(actual));
}

#[cfg(feature = "json")]
fn same_json(a: &crate::json::Json, b: &crate::json::Json) -> bool {
    use crate::json::Json;
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_str() == y.as_str() || x.as_str().parse::<f64>().ok() == y.as_str().parse::<f64>().ok(),
        (Json::Array(x), Json::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (Json::Object(x), Json::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.iter().any(|(k2, v2)| k == k2 && same_json(v, v2))),
        _ => a == b,
    }
}

/// XML bodies compared as documents: attribute order, whitespace between elements, the order of
/// differently named siblings (structure members) and of map entries (same-named siblings that
/// each hold a key and a value element, compared by content) do not matter; the order of
/// same-named siblings otherwise (list items) and everything else does.
///
/// # Panics
///
/// When the bodies differ, or `actual` is not XML.
#[cfg(feature = "xml")]
pub fn assert_xml_eq(actual: &[u8], expected: &str) {
    if expected.trim().is_empty() {
        assert!(actual.iter().all(u8::is_ascii_whitespace), "expected no body, got {}", String::from_utf8_lossy(actual));
        return;
    }
    let actual_tree = crate::xml::parse(actual).unwrap_or_else(|e| panic!("body is not XML ({e}): {}", String::from_utf8_lossy(actual)));
    let expected_tree = crate::xml::parse(expected.as_bytes()).expect("the expected body is XML");
    assert_eq!(
        canonical_xml(&actual_tree),
        canonical_xml(&expected_tree),
        "XML body\n  actual: {}\nexpected: {expected}",
        String::from_utf8_lossy(actual)
    );
}

#[cfg(feature = "xml")]
fn canonical_xml(element: &crate::xml::Element) -> String {
    use crate::xml::Content;
    let mut attributes: Vec<String> = element.attributes.iter().map(|a| format!("{}={:?}", a.name, a.value)).collect();
    attributes.sort();
    let entry_key = |e: &crate::xml::Element| {
        let parts: Vec<&str> = e.elements().map(|c| c.name.as_str()).collect();
        (parts.len() == 2).then(|| parts[0].to_string())
    };
    let mut children: Vec<(String, Option<String>, String)> = Vec::new();
    for child in &element.children {
        match child {
            Content::Element(e) => children.push((e.name.clone(), entry_key(e), canonical_xml(e))),
            Content::Text(t) if t.trim().is_empty() => {}
            Content::Text(t) => children.push((String::new(), None, format!("{t:?}"))),
        }
    }
    // Stable: list items keep their order.
    children.sort_by(|a, b| a.0.cmp(&b.0));
    let mut start = 0;
    while start < children.len() {
        let mut end = start + 1;
        while end < children.len() && children[end].0 == children[start].0 {
            end += 1;
        }
        let group = &mut children[start..end];
        if group[0].1.is_some() && group.iter().all(|c| c.1 == group[0].1) {
            group.sort_by(|a, b| a.2.cmp(&b.2));
        }
        start = end;
    }
    let inner: Vec<String> = children.into_iter().map(|(_, _, text)| text).collect();
    format!("<{} {}>{}</>", element.name, attributes.join(" "), inner.join(""))
}

/// `application/x-www-form-urlencoded` bodies compared as sets of `key=value` pairs: order does
/// not matter, percent-encoding is undone on both sides.
///
/// # Panics
///
/// When the bodies differ.
pub fn assert_form_eq(actual: &[u8], expected: &str) {
    let pairs = |text: &str| -> Vec<String> {
        let mut pairs: Vec<String> = text.split('&').filter(|p| !p.is_empty()).map(|p| percent_decode(p.trim())).collect();
        pairs.sort();
        pairs
    };
    let actual_text = String::from_utf8_lossy(actual);
    assert_eq!(pairs(&actual_text), pairs(expected), "form body\n  actual: {actual_text}\nexpected: {expected}");
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The error code a response carried: its awsQuery code when it has one, else the error's own.
///
/// # Panics
///
/// When `error` is not a service error or the code differs.
#[cfg(feature = "http")]
pub fn assert_error_code<E: crate::error::OperationError>(error: &crate::http::ResponseError<E>, expected: &str) {
    let crate::http::ResponseError::Service(service) = error else { panic!("not a service error") };
    let code = service.query_code().or_else(|| service.error().error().code());
    assert_eq!(code, Some(expected), "error code");
}

/// Run `f` with every idempotency token this thread fills in set to `token`, as Smithy's
/// compliance cases expect (`00000000-0000-4000-8000-000000000000`) and as users' own tests may
/// want. The previous setting comes back afterwards, even if `f` panics.
pub fn with_idempotency_token<T>(token: &'static str, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<&'static str>);
    impl Drop for Restore {
        fn drop(&mut self) {
            crate::text::FIXED_IDEMPOTENCY_TOKEN.with(|fixed| fixed.set(self.0));
        }
    }
    let _restore = Restore(crate::text::FIXED_IDEMPOTENCY_TOKEN.with(|fixed| fixed.replace(Some(token))));
    f()
}

/// The idempotency token Smithy's compliance cases expect a client to fill in.
pub const COMPLIANCE_IDEMPOTENCY_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// Equal, or (for values holding NaN, which is never equal to itself) equal when printed.
///
/// # Panics
///
/// When the values differ.
pub fn assert_same<T: PartialEq + std::fmt::Debug>(actual: &T, expected: &T) {
    if actual != expected {
        assert_eq!(format!("{actual:?}"), format!("{expected:?}"));
    }
}

/// A transport that answers from a script instead of the network, for tests of code that uses
/// a generated client: canned responses in order, every request kept to assert on. Running out
/// of responses is a transport error, so a test that sends more than it expects fails clearly.
#[cfg(feature = "client")]
#[derive(Debug, Clone, Default)]
pub struct ReplayTransport {
    state: std::sync::Arc<std::sync::Mutex<Replay>>,
}

#[cfg(feature = "client")]
#[derive(Debug, Default)]
struct Replay {
    responses: std::collections::VecDeque<http::Response<Vec<u8>>>,
    requests: Vec<http::Request<Vec<u8>>>,
}

#[cfg(feature = "client")]
impl ReplayTransport {
    /// Answer with these responses, in order.
    pub fn new(responses: impl IntoIterator<Item = http::Response<Vec<u8>>>) -> ReplayTransport {
        let replay = Replay { responses: responses.into_iter().collect(), requests: Vec::new() };
        ReplayTransport { state: std::sync::Arc::new(std::sync::Mutex::new(replay)) }
    }

    /// Queue one more response.
    pub fn push(&self, response: http::Response<Vec<u8>>) {
        self.lock().responses.push_back(response);
    }

    /// The requests sent so far (signed, as they would have gone out).
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.lock().requests.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Replay> {
        // A test that panicked while holding the lock has failed already; keep its data.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(feature = "client")]
impl crate::client::HttpTransport for ReplayTransport {
    fn send(&self, request: http::Request<Vec<u8>>) -> crate::client::BoxFuture<'_, Result<http::Response<Vec<u8>>, crate::client::TransportError>> {
        let mut replay = self.lock();
        replay.requests.push(request);
        let next = replay.responses.pop_front();
        drop(replay);
        Box::pin(std::future::ready(next.ok_or_else(|| crate::client::TransportError::new("the replay transport has no response left"))))
    }
}

/// A timer that does not wait: backoff and timeouts in tests take no time (a timeout never
/// fires before the transport answers).
#[cfg(feature = "client")]
#[derive(Debug, Clone, Copy, Default)]
pub struct InstantSleep;

#[cfg(feature = "client")]
impl crate::client::Sleep for InstantSleep {
    fn sleep(&self, _duration: std::time::Duration) -> crate::client::BoxFuture<'static, ()> {
        Box::pin(std::future::ready(()))
    }
}
