//! Behaviour of the generated `aws-connect` crate, used as an ordinary dependency: every constraint
//! of UpdateContactAttributes at its boundaries, with Smithy's exact messages and JSON-pointer paths.

use std::collections::HashMap;

use aws_connect::operation::update_contact_attributes::{
    UpdateContactAttributes, UpdateContactAttributesError, UpdateContactAttributesInput,
};
use aws_connect::types::error::{InvalidRequestException, ResourceNotFoundException};
use aws_connect::types::{AttachedFileInvalidRequestExceptionReason, InvalidRequestExceptionReason};
use aws_connect::error::Constraint;
use aws_connect::{Validate, ValidationError};

fn valid() -> aws_connect::operation::update_contact_attributes::builders::UpdateContactAttributesInputBuilder {
    UpdateContactAttributesInput::builder()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("11111111-2222-3333-4444-555555555555")
        .attributes("customerName", "Jane")
}

fn messages(err: &ValidationError) -> Vec<(&str, &str)> {
    err.violations().iter().map(|v| (v.path(), v.message())).collect()
}

fn only_message(result: Result<UpdateContactAttributesInput, ValidationError>) -> String {
    let err = result.expect_err("expected a validation error");
    assert_eq!(err.violations().len(), 1, "{err}");
    err.to_string()
}

#[test]
fn a_valid_request_builds() {
    let input = valid().attributes("reason", "").build().expect("valid");
    assert_eq!(input.instance_id(), Some("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"));
    assert_eq!(input.attributes().map(HashMap::len), Some(2));
    assert_eq!(input.validate(), Ok(()));
    assert_eq!(UpdateContactAttributes::NAME, "UpdateContactAttributes");
}

#[test]
fn every_missing_required_member_is_reported_at_once_in_path_order() {
    let err = UpdateContactAttributesInput::builder().build().expect_err("nothing set");
    assert_eq!(
        err.to_string(),
        "3 validation errors detected. \
         Value at '/Attributes' failed to satisfy constraint: Member must not be null; \
         Value at '/InitialContactId' failed to satisfy constraint: Member must not be null; \
         Value at '/InstanceId' failed to satisfy constraint: Member must not be null"
    );
    assert!(err.violations().iter().all(|v| v.constraint() == Constraint::Required));
}

#[test]
fn instance_id_length_boundaries() {
    assert_eq!(
        only_message(valid().instance_id("").build()),
        "1 validation error detected. Value with length 0 at '/InstanceId' failed to satisfy constraint: \
         Member must have length between 1 and 100, inclusive"
    );
    assert!(valid().instance_id("x").build().is_ok());
    assert!(valid().instance_id("x".repeat(100)).build().is_ok());
    assert_eq!(
        only_message(valid().instance_id("x".repeat(101)).build()),
        "1 validation error detected. Value with length 101 at '/InstanceId' failed to satisfy constraint: \
         Member must have length between 1 and 100, inclusive"
    );
}

#[test]
fn lengths_count_unicode_scalar_values_not_bytes() {
    // 100 two-byte and 100 four-byte characters are 100 characters: allowed.
    assert!(valid().instance_id("é".repeat(100)).build().is_ok());
    assert!(valid().instance_id("👍".repeat(100)).build().is_ok());
    assert!(only_message(valid().instance_id("👍".repeat(101)).build()).contains("Value with length 101 at '/InstanceId'"));
    // One astral character is length 1, not 2 (UTF-16) or 4 (UTF-8).
    assert!(valid().instance_id("👍").build().is_ok());
}

#[test]
fn initial_contact_id_length_boundaries() {
    assert!(valid().initial_contact_id("c".repeat(256)).build().is_ok());
    assert_eq!(
        only_message(valid().initial_contact_id("c".repeat(257)).build()),
        "1 validation error detected. Value with length 257 at '/InitialContactId' failed to satisfy constraint: \
         Member must have length between 1 and 256, inclusive"
    );
    assert!(only_message(valid().initial_contact_id("").build()).contains("Value with length 0 at '/InitialContactId'"));
}

#[test]
fn attribute_keys_are_checked_at_the_map_path() {
    // The overlay's key rule: letters, digits, `-` and `_` only; reported at the map itself.
    for bad in ["customer name", "name!", "名前", "a/b", "tab\t"] {
        let err = valid().attributes(bad, "v").build().expect_err(bad);
        assert_eq!(
            messages(&err),
            [("/Attributes", "Value at '/Attributes' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Za-z0-9_-]+$")],
            "{bad}"
        );
        assert_eq!(err.violations()[0].constraint(), Constraint::Pattern);
    }
    assert!(valid().attributes("Customer-Name_2", "v").build().is_ok());
    // An empty key breaks both the model's length rule and the overlay's key rule.
    let err = valid().attributes("", "v").build().expect_err("empty key");
    assert_eq!(
        err.to_string(),
        "2 validation errors detected. \
         Value at '/Attributes' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Za-z0-9_-]+$; \
         Value with length 0 at '/Attributes' failed to satisfy constraint: Member must have length between 1 and 32767, inclusive"
    );
}

#[test]
fn attribute_values_are_checked_at_their_key_path() {
    // "customerName" + "Jane" + "notes" + 32,768 bytes = 32,789 bytes in all.
    let err = valid().attributes("notes", "n".repeat(32_768)).build().expect_err("too long");
    assert_eq!(
        messages(&err),
        [
            ("/Attributes", "Value with 32789 UTF-8 bytes at '/Attributes' failed to satisfy constraint: Member must have at most 32768 UTF-8 bytes across all keys and values"),
            ("/Attributes/notes", "Value with length 32768 at '/Attributes/notes' failed to satisfy constraint: Member must have length between 0 and 32767, inclusive"),
        ]
    );
}

#[test]
fn total_attribute_size_boundary_is_32768_utf8_bytes() {
    let base = UpdateContactAttributesInput::builder().instance_id("i").initial_contact_id("c");
    // Key "k" (1 byte) + 32,767 bytes of value = 32,768: allowed.
    assert!(base.clone().attributes("k", "v".repeat(32_767)).build().is_ok());
    // One more byte anywhere is refused, even though each entry is within its own length limit.
    let err = base.clone().attributes("k", "v".repeat(32_767)).attributes("x", "").build().expect_err("32,769 bytes");
    assert_eq!(err.violations().len(), 1, "{err}");
    assert_eq!(err.violations()[0].constraint(), Constraint::TotalUtf8Bytes);
    assert!(err.to_string().contains("Value with 32769 UTF-8 bytes at '/Attributes'"));
    // Bytes, not characters: "k" + 8,191 four-byte characters is 32,765 bytes; 8,192 of them is 32,769.
    assert!(base.clone().attributes("k", "👍".repeat(8_191)).build().is_ok());
    let err = base.attributes("k", "👍".repeat(8_192)).build().expect_err("32,769 bytes of emoji");
    assert!(err.to_string().contains("Value with 32769 UTF-8 bytes"), "{err}");
}

#[test]
fn several_violations_are_reported_together_with_their_paths() {
    let err = UpdateContactAttributesInput::builder()
        .instance_id("")
        .initial_contact_id("c".repeat(300))
        .attributes("bad key", "v")
        .build()
        .expect_err("three problems");
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["/Attributes", "/InitialContactId", "/InstanceId"]);
    assert!(err.to_string().starts_with("3 validation errors detected. "));
}

#[test]
fn build_unvalidated_is_the_escape_hatch_and_validate_still_works_on_it() {
    let input = valid().instance_id("x".repeat(500)).build_unvalidated();
    assert_eq!(input.instance_id().map(str::len), Some(500));
    let err = input.validate().expect_err("still too long");
    assert_eq!(err.violations()[0].path(), "/InstanceId");
    // Public fields let callers repair a value in place; `validate` then agrees.
    let mut input = input;
    input.instance_id = Some("ok".into());
    assert_eq!(input.validate(), Ok(()));
}

#[test]
fn the_error_enum_keeps_codes_messages_and_unknown_errors() {
    let not_found = ResourceNotFoundException::builder().message("no such contact").build().expect("valid");
    let error = UpdateContactAttributesError::ResourceNotFoundException(not_found);
    assert_eq!(error.code(), Some("ResourceNotFoundException"));
    assert_eq!(error.message(), Some("no such contact"));
    assert!(error.is_resource_not_found_exception());
    assert_eq!(error.to_string(), "ResourceNotFoundException: no such contact");
    assert!(std::error::Error::source(&error).is_some());

    let unhandled = UpdateContactAttributesError::Unhandled(aws_connect::error::Unhandled::new(
        Some("ThrottlingException".into()),
        Some("slow down".into()),
    ));
    assert_eq!(unhandled.code(), Some("ThrottlingException"));
    assert_eq!(unhandled.to_string(), "ThrottlingException: slow down");
}

#[test]
fn invalid_request_exception_carries_its_reason_union() {
    let reason = InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(
        AttachedFileInvalidRequestExceptionReason::InvalidFileSize,
    );
    let error = InvalidRequestException::builder().message("too big").reason(reason.clone()).build().expect("valid");
    assert_eq!(error.reason(), Some(&reason));
    assert_eq!(error.to_string(), "InvalidRequestException: too big");
}

#[test]
fn enums_keep_unknown_values_and_validation_rejects_sending_them() {
    let known = AttachedFileInvalidRequestExceptionReason::from("INVALID_FILE_TYPE");
    assert_eq!(known, AttachedFileInvalidRequestExceptionReason::InvalidFileType);
    let newer = AttachedFileInvalidRequestExceptionReason::from("INVALID_FILE_COLOUR");
    assert_eq!(newer.as_str(), "INVALID_FILE_COLOUR");
    let err = newer.validate().expect_err("unknown value");
    assert_eq!(
        err.to_string(),
        "1 validation error detected. Value at '/' failed to satisfy constraint: Member must satisfy enum value set: \
         [INVALID_FILE_SIZE, INVALID_FILE_TYPE, INVALID_FILE_NAME]"
    );
    // Nested inside the error structure the path names the members.
    let reason = InvalidRequestExceptionReason::AttachedFileInvalidRequestExceptionReason(newer);
    let err = InvalidRequestException::builder().reason(reason).build().expect_err("unknown nested value");
    assert_eq!(err.violations()[0].path(), "/Reason/AttachedFileInvalidRequestExceptionReason");
}

#[test]
fn debug_output_names_members() {
    let input = valid().build().expect("valid");
    let debug = format!("{input:?}");
    assert!(debug.starts_with("UpdateContactAttributesInput { initial_contact_id: Some("), "{debug}");
}
