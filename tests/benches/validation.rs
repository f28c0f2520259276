//! Client-side validation cost of the generated `UpdateContactAttributesInput`.
//!
//! Valid inputs are as large as the service allows: attributes totalling just under the 32,768
//! UTF-8 byte limit, as many small entries, as one 32 KB value, and as multi-byte text. Measured:
//! builder + `build()` (which validates), `Validate::validate` alone on a prebuilt input, and an
//! invalid input with many violations (the error path). A counting global allocator reports the
//! heap allocations of one `validate` call per case before the timings.
//!
//! `cargo bench -p integration-tests --bench validation -- --measurement-time 5 --warm-up-time 1`

use std::collections::HashMap;
use std::hint::black_box;

use aws_connect::Validate;
use aws_connect::operation::update_contact_attributes::UpdateContactAttributesInput;
use integration_tests::alloc::{CountingAllocator, allocations};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const LIMIT: usize = 32_768;
const INSTANCE_ID: &str = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
const CONTACT_ID: &str = "c1d2e3f4-5678-90ab-cdef-EXAMPLE22222";

fn total_bytes(map: &HashMap<String, String>) -> usize {
    map.iter().map(|(k, v)| k.len() + v.len()).sum()
}

/// 1,023 entries of 32 bytes (`attr_0000` + 23 bytes) and one of 31: 32,767 bytes.
fn many_keys() -> HashMap<String, String> {
    let mut map: HashMap<String, String> = (0..1023)
        .map(|i| (format!("attr_{i:04}"), "v".repeat(23)))
        .collect();
    map.insert("attr_last".into(), "v".repeat(22));
    map
}

/// One key and one 32,766-byte value: 32,767 bytes (and within the 32,767-character value limit).
fn single_value() -> HashMap<String, String> {
    HashMap::from([("a".to_string(), "x".repeat(LIMIT - 2))])
}

/// 64 entries whose values mix 2-, 3- and 4-byte characters (`é`, `日`, `👍`) up to 32,767 bytes,
/// so the character counts of the length checks differ from the byte counts.
fn multi_byte() -> HashMap<String, String> {
    let unit = "é日👍"; // 9 bytes, 3 characters
    let mut map = HashMap::new();
    let mut total = 0;
    for i in 0..64 {
        let key = format!("k{i:02}");
        let value = unit.repeat(56); // 504 bytes
        total += key.len() + value.len();
        map.insert(key, value);
    }
    // Top up with 2-byte characters, then ASCII, to land on LIMIT - 1.
    let mut rest = LIMIT - 1 - total - "tail".len();
    let mut tail = "é".repeat(rest / 2);
    rest -= tail.len();
    tail.push_str(&"x".repeat(rest));
    map.insert("tail".into(), tail);
    map
}

/// Every member wrong: an empty instance id, a 300-character contact id, 200 keys with characters
/// outside `[A-Za-z0-9_-]` (one of them also empty) and a value over the 32,767-character limit
/// that pushes the total beyond 32,768 bytes.
fn invalid() -> UpdateContactAttributesInput {
    let mut map: HashMap<String, String> = (0..199)
        .map(|i| (format!("bad key {i}!"), "v".into()))
        .collect();
    map.insert(String::new(), "empty key".into());
    map.insert("huge".into(), "x".repeat(40_000));
    UpdateContactAttributesInput::builder()
        .instance_id("")
        .initial_contact_id("c".repeat(300))
        .set_attributes(Some(map))
        .build_unvalidated()
}

fn build(map: HashMap<String, String>) -> UpdateContactAttributesInput {
    UpdateContactAttributesInput::builder()
        .instance_id(INSTANCE_ID)
        .initial_contact_id(CONTACT_ID)
        .set_attributes(Some(map))
        .build()
        .expect("a maximal valid input validates")
}

fn cases() -> Vec<(&'static str, HashMap<String, String>)> {
    vec![
        ("many_keys", many_keys()),
        ("single_32k_value", single_value()),
        ("multi_byte", multi_byte()),
    ]
}

fn report_allocations() {
    for (name, map) in cases() {
        let bytes = total_bytes(&map);
        assert!(
            bytes < LIMIT && bytes > LIMIT - 64,
            "{name}: {bytes} bytes is not just under the limit"
        );
        let entries = map.len();
        let input = build(map);
        let (count, allocated, result) = allocations(|| input.validate());
        assert!(result.is_ok());
        println!(
            "{name}: {entries} entries, {bytes} bytes; one validate() allocates {count} times ({allocated} bytes)"
        );
    }
    let input = invalid();
    let (count, allocated, result) = allocations(|| input.validate());
    let violations = result
        .expect_err("the invalid input is rejected")
        .violations()
        .len();
    println!(
        "invalid: {violations} violations; one validate() allocates {count} times ({allocated} bytes)"
    );
}

fn build_and_validate(c: &mut Criterion) {
    report_allocations();
    let mut group = c.benchmark_group("build");
    for (name, map) in cases() {
        group.bench_function(name, |b| {
            b.iter_batched(
                || map.clone(),
                |map| build(black_box(map)),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

fn validate_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for (name, map) in cases() {
        let input = build(map);
        group.bench_function(name, |b| b.iter(|| black_box(&input).validate()));
    }
    let input = invalid();
    group.bench_function("invalid", |b| {
        b.iter(|| black_box(&input).validate().expect_err("invalid"))
    });
    group.finish();
}

criterion_group!(benches, build_and_validate, validate_only);
criterion_main!(benches);
