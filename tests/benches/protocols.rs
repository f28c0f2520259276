//! One representative operation per protocol family, serialized (validation included, and
//! without) and parsed: DynamoDB PutItem (awsJson1_0), SQS SendMessage (awsJson1_0 with
//! `@awsQueryCompatible`), STS AssumeRole (awsQuery: form body, XML response) and Route 53
//! ListResourceRecordSets (restXml). restJson1 has its own bench (`protocol`). Allocations per
//! call are printed before the timings (a counting global allocator).
//!
//! `cargo bench -p integration-tests --bench protocols -- --measurement-time 5 --warm-up-time 1`

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use integration_tests::alloc::{CountingAllocator, allocations};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn response(body: String, content_type: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("content-type", content_type)
        .header("x-amzn-requestid", "5c1e3c3a-6f6e-4c2b-9a33-000000000000")
        .body(body.into_bytes())
        .expect("valid response")
}

/// Print the allocations of one call, then time it.
fn measure<T>(c: &mut Criterion, name: &str, mut f: impl FnMut() -> T) {
    let (count, bytes, _) = allocations(&mut f);
    println!("{name}: {count} allocations, {bytes} bytes");
    c.bench_function(name, |b| b.iter(&mut f));
}

fn dynamodb(c: &mut Criterion) {
    use aws_dynamodb_bench::operation::put_item::{PutItem, PutItemInput};
    use aws_dynamodb_bench::types::AttributeValue;
    // An item of 20 attributes: strings, numbers, a list and a nested map, as an order record.
    let mut builder = PutItemInput::builder().table_name("orders");
    for i in 0..16 {
        builder = builder.item(format!("attr{i}"), AttributeValue::S(format!("value number {i} of the order")));
    }
    builder = builder.item("total", AttributeValue::N("1234.56".to_string()));
    builder = builder.item("lines", AttributeValue::L((0..10).map(|i| AttributeValue::N(i.to_string())).collect()));
    let nested: HashMap<String, AttributeValue> = (0..5).map(|i| (format!("k{i}"), AttributeValue::Bool(i % 2 == 0))).collect();
    builder = builder.item("flags", AttributeValue::M(nested));
    builder = builder.item("id", AttributeValue::S("order-0001".to_string()));
    let input = builder.build().expect("valid input");
    let endpoint = "https://dynamodb.us-east-1.amazonaws.com";
    measure(c, "dynamodb_put_item/serialize_request", || PutItem::serialize_request(black_box(&input), endpoint));
    measure(c, "dynamodb_put_item/serialize_request_unvalidated", || PutItem::serialize_request_unvalidated(black_box(&input), endpoint));
    let attributes: Vec<String> = (0..16).map(|i| format!(r#""attr{i}":{{"S":"value number {i} of the order"}}"#)).collect();
    let body = format!(r#"{{"Attributes":{{{}}},"ConsumedCapacity":{{"TableName":"orders","CapacityUnits":1.0}}}}"#, attributes.join(","));
    let ok = response(body, "application/x-amz-json-1.0");
    measure(c, "dynamodb_put_item/parse_response", || PutItem::parse_response(black_box(&ok)).map(|_| ()));
}

fn sqs(c: &mut Criterion) {
    use aws_sqs_bench::operation::send_message::{SendMessage, SendMessageInput};
    let input = SendMessageInput::builder()
        .queue_url("https://sqs.us-east-1.amazonaws.com/123456789012/orders")
        .message_body("x".repeat(4_096))
        .delay_seconds(5)
        .build()
        .expect("valid input");
    let endpoint = "https://sqs.us-east-1.amazonaws.com";
    measure(c, "sqs_send_message/serialize_request", || SendMessage::serialize_request(black_box(&input), endpoint));
    let body = r#"{"MD5OfMessageBody":"fafb00f5732ab283681e124bf8747ed1","MessageId":"219f8380-5770-4cc2-8c3e-5c715e145f5e"}"#;
    let ok = response(body.to_string(), "application/x-amz-json-1.0");
    measure(c, "sqs_send_message/parse_response", || SendMessage::parse_response(black_box(&ok)).map(|_| ()));
}

fn sts(c: &mut Criterion) {
    use aws_sts_bench::operation::assume_role::{AssumeRole, AssumeRoleInput};
    let input = AssumeRoleInput::builder()
        .role_arn("arn:aws:iam::123456789012:role/demo")
        .role_session_name("bench-session")
        .duration_seconds(3600)
        .external_id("external-id-0001")
        .build()
        .expect("valid input");
    let endpoint = "https://sts.us-east-1.amazonaws.com";
    measure(c, "sts_assume_role/serialize_request", || AssumeRole::serialize_request(black_box(&input), endpoint));
    let body = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/bench-session</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:bench-session</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2026-12-01T18:00:00Z</Expiration>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>"#;
    let ok = response(body.to_string(), "text/xml");
    measure(c, "sts_assume_role/parse_response", || AssumeRole::parse_response(black_box(&ok)).map(|_| ()));
}

fn route53(c: &mut Criterion) {
    use aws_route53_bench::operation::list_resource_record_sets::{ListResourceRecordSets, ListResourceRecordSetsInput};
    let input = ListResourceRecordSetsInput::builder().hosted_zone_id("Z1D633PJN98FT9").max_items(100).build().expect("valid input");
    let endpoint = "https://route53.amazonaws.com";
    measure(c, "route53_list_resource_record_sets/serialize_request", || {
        ListResourceRecordSets::serialize_request(black_box(&input), endpoint)
    });
    // 100 record sets, as one full page.
    let records: String = (0..100)
        .map(|i| {
            format!(
                "<ResourceRecordSet><Name>host{i}.example.com.</Name><Type>A</Type><TTL>300</TTL>\
                 <ResourceRecords><ResourceRecord><Value>192.0.2.{}</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>",
                i % 250
            )
        })
        .collect();
    let body = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets>{records}</ResourceRecordSets><IsTruncated>true</IsTruncated><MaxItems>100</MaxItems><NextRecordName>host100.example.com.</NextRecordName><NextRecordType>A</NextRecordType></ListResourceRecordSetsResponse>"#
    );
    let ok = response(body, "text/xml");
    let parsed = ListResourceRecordSets::parse_response(&ok).expect("parses");
    assert_eq!(parsed.resource_record_sets().len(), 100);
    measure(c, "route53_list_resource_record_sets/parse_response_100_records", || {
        ListResourceRecordSets::parse_response(black_box(&ok)).map(|_| ())
    });
}

fn bench(c: &mut Criterion) {
    dynamodb(c);
    sqs(c);
    sts(c);
    route53(c);
}

criterion_group!(benches, bench);
criterion_main!(benches);
