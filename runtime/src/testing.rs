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
