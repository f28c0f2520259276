//! UpdateContactAttributes on the wire (restJson1): the request the generated crate builds, and
//! what it makes of every response the service (or a broken proxy) can send back.

use aws_connect::error::{RequestError, ResponseError};
use aws_connect::operation::update_contact_attributes::{
    UpdateContactAttributes, UpdateContactAttributesError, UpdateContactAttributesInput,
};
use aws_connect::types::{AttachedFileInvalidRequestExceptionReason, InvalidRequestExceptionReason};

const ENDPOINT: &str = "https://connect.us-east-1.amazonaws.com";

fn input() -> UpdateContactAttributesInput {
    UpdateContactAttributesInput::builder()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("11111111-2222-3333-4444-555555555555")
        .attributes("customerName", "Jane \"JJ\" Doe")
        .build()
        .expect("valid")
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("valid response")
}

fn service_error(result: Result<aws_connect::operation::update_contact_attributes::UpdateContactAttributesOutput, ResponseError<UpdateContactAttributesError>>) -> UpdateContactAttributesError {
    match result.expect_err("an error") {
        ResponseError::Service(error) => error.into_error(),
        other => panic!("expected a service error, got {other}"),
    }
}

#[test]
fn serializes_to_post_contact_attributes_with_a_json_body() {
    let request = UpdateContactAttributes::serialize_request(&input(), ENDPOINT).expect("serializes");
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri().to_string(), "https://connect.us-east-1.amazonaws.com/contact/attributes");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["content-length"], request.body().len().to_string().as_str());
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
    assert_eq!(body.get("InstanceId").and_then(|v| v.as_str()), Some("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"));
    assert_eq!(body.get("InitialContactId").and_then(|v| v.as_str()), Some("11111111-2222-3333-4444-555555555555"));
    let attributes = body.get("Attributes").expect("attributes");
    assert_eq!(attributes.get("customerName").and_then(|v| v.as_str()), Some("Jane \"JJ\" Doe"));
}

#[test]
fn an_invalid_input_never_becomes_a_request() {
    let bad = UpdateContactAttributesInput::builder().instance_id("").build_unvalidated();
    match UpdateContactAttributes::serialize_request(&bad, ENDPOINT) {
        Err(RequestError::Validation(error)) => assert_eq!(error.violations().len(), 3, "{error}"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    // The unvalidated path is explicit, and still refuses what HTTP cannot carry.
    assert!(UpdateContactAttributes::serialize_request_unvalidated(&bad, ENDPOINT).is_ok());
    assert!(matches!(
        UpdateContactAttributes::serialize_request(&input(), "connect.us-east-1.amazonaws.com"),
        Err(RequestError::InvalidEndpoint(_))
    ));
}

#[test]
fn a_success_response_is_the_empty_output() {
    let output = UpdateContactAttributes::parse_response(&response(200, &[], "{}")).expect("success");
    assert_eq!(output, aws_connect::operation::update_contact_attributes::UpdateContactAttributesOutput::builder().build_unvalidated());
    assert!(UpdateContactAttributes::parse_response(&response(200, &[], "")).is_ok());
}

#[test]
fn each_modelled_error_is_parsed_with_its_members() {
    type Is = fn(&UpdateContactAttributesError) -> bool;
    let cases: [(&str, u16, Is); 5] = [
        ("InternalServiceException", 500, UpdateContactAttributesError::is_internal_service_exception),
        ("InvalidActiveRegionException", 400, UpdateContactAttributesError::is_invalid_active_region_exception),
        ("InvalidParameterException", 400, UpdateContactAttributesError::is_invalid_parameter_exception),
        ("InvalidRequestException", 400, UpdateContactAttributesError::is_invalid_request_exception),
        ("ResourceNotFoundException", 404, UpdateContactAttributesError::is_resource_not_found_exception),
    ];
    for (code, status, is) in cases {
        // The code may come from the header (with a namespace and URI suffix), the body's `code`, or `__type`.
        let header = format!("{code}:http://internal.amazon.com/coral/com.amazon.coral.validate/");
        let bodies = [
            (vec![("X-Amzn-ErrorType", header.as_str())], r#"{"Message":"nope"}"#.to_string()),
            (vec![], format!(r#"{{"code":"{code}","Message":"nope"}}"#)),
            (vec![], format!(r#"{{"__type":"com.amazonaws.connect#{code}","Message":"nope"}}"#)),
        ];
        for (headers, body) in bodies {
            let error = service_error(UpdateContactAttributes::parse_response(&response(status, &headers, &body)));
            assert!(is(&error), "{code}: {error:?}");
            assert_eq!(error.code(), Some(code));
            assert_eq!(error.message(), Some("nope"));
        }
    }
}

#[test]
fn invalid_request_exception_keeps_its_reason_union() {
    let body = r#"{"Message":"bad file","Reason":{"AttachedFileInvalidRequestExceptionReason":"INVALID_FILE_TYPE"}}"#;
    let error = service_error(UpdateContactAttributes::parse_response(&response(400, &[("x-amzn-errortype", "InvalidRequestException")], body)));
    let UpdateContactAttributesError::InvalidRequestException(error) = error else { panic!("wrong variant") };
    assert_eq!(
        error.reason(),
        Some(&InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
            AttachedFileInvalidRequestExceptionReason::InvalidFileType
        ))
    );
    // A newer reason the model does not know is kept, not an error.
    let body = r#"{"Reason":{"SomethingNew":"X"}}"#;
    let error = service_error(UpdateContactAttributes::parse_response(&response(400, &[("x-amzn-errortype", "InvalidRequestException")], body)));
    let UpdateContactAttributesError::InvalidRequestException(error) = error else { panic!("wrong variant") };
    assert!(error.reason().is_some_and(InvalidRequestExceptionReason::is_unknown));
}

#[test]
fn unknown_errors_keep_code_message_status_and_request_id() {
    let result = UpdateContactAttributes::parse_response(&response(
        429,
        &[("x-amzn-errortype", "ThrottlingException"), ("x-amzn-RequestId", "req-123")],
        r#"{"message":"Rate exceeded"}"#,
    ));
    let error = result.expect_err("error");
    assert_eq!(error.status(), 429);
    assert_eq!(error.request_id(), Some("req-123"));
    let UpdateContactAttributesError::Unhandled(unhandled) = error.service_error().expect("service error").clone() else {
        panic!("expected unhandled")
    };
    assert_eq!(unhandled.code(), Some("ThrottlingException"));
    assert_eq!(unhandled.message(), Some("Rate exceeded"));
    assert_eq!(unhandled.status(), Some(429));
    assert_eq!(unhandled.request_id(), Some("req-123"));
}

#[test]
fn garbled_truncated_or_mistyped_responses_are_errors_not_panics() {
    // A garbled error body with no code is still an error: unhandled, with the status.
    let error = UpdateContactAttributes::parse_response(&response(502, &[], "<html>Bad Gateway</html>")).expect_err("error");
    assert_eq!(error.status(), 502);
    assert!(error.service_error().is_some_and(UpdateContactAttributesError::is_unhandled));
    // A modelled error whose body has the wrong types is a deserialization error naming where.
    let error = UpdateContactAttributes::parse_response(&response(
        400,
        &[("x-amzn-errortype", "InvalidRequestException")],
        r#"{"Message": 12}"#,
    ))
    .expect_err("error");
    let ResponseError::Deserialize { error, status, .. } = error else { panic!("expected a deserialize error") };
    assert_eq!(status, 400);
    assert_eq!(error.path(), "/Message");
    // Truncated, enormous, deeply nested and non-UTF-8 bodies.
    let hostile = [
        r#"{"Message": "unterminated"#.to_string(),
        format!(r#"{{"Message": "x", "Reason": {{"AttachedFileInvalidRequestExceptionReason": {}}}}}"#, "9".repeat(400)),
        "[".repeat(100_000),
    ];
    for body in hostile {
        let _ = UpdateContactAttributes::parse_response(&response(400, &[("x-amzn-errortype", "InvalidRequestException")], &body));
        let _ = UpdateContactAttributes::parse_response(&response(200, &[], &body));
    }
    let bytes = http::Response::builder().status(400).body(vec![0xff, 0xfe, b'{']).expect("response");
    assert!(UpdateContactAttributes::parse_response(&bytes).is_err());
}
