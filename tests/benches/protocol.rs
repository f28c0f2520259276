//! restJson1 cost of UpdateContactAttributes: serializing a maximal request (32 KB of attributes,
//! validation included) and parsing a 4 KB modelled error response. Allocations per call are
//! printed before the timings (a counting global allocator).
//!
//! `cargo bench -p integration-tests --bench protocol -- --measurement-time 5 --warm-up-time 1`

use std::hint::black_box;

use aws_connect::operation::update_contact_attributes::{UpdateContactAttributes, UpdateContactAttributesInput};
use criterion::{Criterion, criterion_group, criterion_main};
use integration_tests::alloc::{CountingAllocator, allocations};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const ENDPOINT: &str = "https://connect.us-east-1.amazonaws.com";

/// 1,023 entries of 32 bytes and one of 31: 32,767 bytes of keys and values, just under the limit.
fn maximal_input() -> UpdateContactAttributesInput {
    let mut builder = UpdateContactAttributesInput::builder()
        .instance_id("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")
        .initial_contact_id("c1d2e3f4-5678-90ab-cdef-EXAMPLE22222");
    for i in 0..1023 {
        builder = builder.attributes(format!("attr_{i:04}"), "v".repeat(23));
    }
    builder.attributes("last_attr", "v".repeat(22)).build().expect("valid maximal input")
}

/// A 4 KB InvalidRequestException body, code in the header.
fn error_response() -> http::Response<Vec<u8>> {
    let message = "x".repeat(4_000);
    let body = format!(
        r#"{{"Message":"{message}","Reason":{{"AttachedFileInvalidRequestExceptionReason":"INVALID_FILE_SIZE"}}}}"#
    );
    http::Response::builder()
        .status(400)
        .header("x-amzn-errortype", "InvalidRequestException")
        .header("x-amzn-requestid", "5c1e3c3a-6f6e-4c2b-9a33-000000000000")
        .body(body.into_bytes())
        .expect("valid response")
}

fn bench(c: &mut Criterion) {
    let input = maximal_input();
    let response = error_response();
    let (count, bytes, request) = allocations(|| UpdateContactAttributes::serialize_request(&input, ENDPOINT));
    let request = request.expect("serializes");
    println!("serialize_request (32 KB, validated): {count} allocations, {bytes} bytes; body {} bytes", request.body().len());
    let (count, bytes, _) = allocations(|| UpdateContactAttributes::parse_response(&response));
    println!("parse_response (4 KB error): {count} allocations, {bytes} bytes; body {} bytes", response.body().len());

    c.bench_function("serialize_request/32KB_attributes_validated", |b| {
        b.iter(|| UpdateContactAttributes::serialize_request(black_box(&input), ENDPOINT))
    });
    c.bench_function("serialize_request_unvalidated/32KB_attributes", |b| {
        b.iter(|| UpdateContactAttributes::serialize_request_unvalidated(black_box(&input), ENDPOINT))
    });
    c.bench_function("parse_response/4KB_error", |b| b.iter(|| UpdateContactAttributes::parse_response(black_box(&response))));
}

criterion_group!(benches, bench);
criterion_main!(benches);
