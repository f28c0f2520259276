//! The generated clients of the other protocols end to end against the scripted loopback server,
//! which checks every SigV4 signature independently: STS (awsQuery), DynamoDB (awsJson1_0) and
//! Route 53 (restXml), each with a success, a modelled error and a retried throttling error.

use std::time::Duration;

use integration_tests::loopback::{Reply, Server};

const ACCESS_KEY: &str = "AKIDLOOPBACKTEST";
const SECRET: &str = "loopback/secret/key+0123456789abcdefghij";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime")
}

fn xml(status: u16, body: &str) -> Reply {
    Reply::new(status).header("content-type", "text/xml").header("x-amzn-requestid", "req-9").body(body.as_bytes().to_vec())
}

macro_rules! config {
    ($krate:ident, $server:expr) => {
        $krate::config::Config::builder()
            .region("us-west-2")
            .endpoint_url($server.url())
            .credentials($krate::config::Credentials::new(ACCESS_KEY, SECRET, None, None, "loopback-test"))
            .retry($krate::config::RetryConfig::standard().with_initial_backoff(Duration::from_millis(2)))
            .timeout(Duration::from_secs(5))
            .build()
    };
}

const ASSUMED: &str = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>secret</SecretAccessKey>
      <SessionToken>token</SessionToken>
      <Expiration>2026-12-01T18:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/demo/s</Arn><AssumedRoleId>ARO:s</AssumedRoleId></AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>req-9</RequestId></ResponseMetadata>
</AssumeRoleResponse>"#;

fn sts_error(code: &str) -> String {
    format!("<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>scripted</Message></Error><RequestId>req-9</RequestId></ErrorResponse>")
}

#[test]
fn sts_assume_role_speaks_aws_query() {
    use aws_sts_bench::operation::assume_role::AssumeRoleError;
    let server = Server::start(vec![xml(400, &sts_error("Throttling")), xml(200, ASSUMED), xml(400, &sts_error("ExpiredTokenException"))]);
    let client = aws_sts_bench::Client::new(config!(aws_sts_bench, server));
    let call = || client.assume_role().role_arn("arn:aws:iam::123456789012:role/demo").role_session_name("bench").send();
    let output = runtime().block_on(call()).expect("success after a retried throttle");
    let credentials = output.credentials().expect("credentials");
    assert_eq!(credentials.access_key_id(), Some("ASIAEXAMPLE"));
    assert_eq!(output.assumed_role_user().and_then(|u| u.arn()), Some("arn:aws:sts::123456789012:assumed-role/demo/s"));
    let error = runtime().block_on(call()).expect_err("a modelled error");
    assert!(error.service_error().is_some_and(AssumeRoleError::is_expired_token_exception), "{error:?}");
    assert_eq!(error.request_id(), Some("req-9"));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!((request.method.as_str(), request.path.as_str()), ("POST", "/"));
        assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded"));
        let body = request.body_text();
        assert!(body.starts_with("Action=AssumeRole&Version=2011-06-15&"), "{body}");
        assert!(body.contains("RoleSessionName=bench"), "{body}");
        let signature = request.verify(SECRET).expect("a valid SigV4 signature");
        assert_eq!((signature.region.as_str(), signature.service.as_str()), ("us-west-2", "sts"));
    }
}

#[test]
fn dynamodb_put_item_speaks_aws_json() {
    use aws_dynamodb_bench::operation::put_item::PutItemError;
    use aws_dynamodb_bench::types::AttributeValue;
    let json = |status: u16, body: &str| Reply::json(status, body).header("content-type", "application/x-amz-json-1.0");
    let server = Server::start(vec![
        json(400, r#"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow down"}"#),
        json(200, r#"{"Attributes":{"id":{"S":"old"}}}"#),
        json(400, r#"{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"}"#),
    ]);
    let client = aws_dynamodb_bench::Client::new(config!(aws_dynamodb_bench, server));
    let call = || client.put_item().table_name("orders").item("id", AttributeValue::S("new".to_string())).send();
    let output = runtime().block_on(call()).expect("success after a retried throttle");
    assert_eq!(output.attributes().and_then(|a| a.get("id")), Some(&AttributeValue::S("old".to_string())));
    let error = runtime().block_on(call()).expect_err("a modelled error");
    assert!(error.service_error().is_some_and(PutItemError::is_resource_not_found_exception), "{error:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.header("x-amz-target"), Some("DynamoDB_20120810.PutItem"));
        assert_eq!(request.header("content-type"), Some("application/x-amz-json-1.0"));
        assert_eq!(request.body_text(), r#"{"TableName":"orders","Item":{"id":{"S":"new"}}}"#);
        let signature = request.verify(SECRET).expect("a valid SigV4 signature");
        assert_eq!(signature.service, "dynamodb");
    }
}

#[test]
fn route53_list_resource_record_sets_speaks_rest_xml() {
    use aws_route53_bench::operation::list_resource_record_sets::ListResourceRecordSetsError;
    let page = r#"<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ResourceRecordSets><ResourceRecordSet><Name>a.example.com.</Name><Type>A</Type><TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListResourceRecordSetsResponse>"#;
    let error = r#"<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type><Code>NoSuchHostedZone</Code><Message>none</Message></Error><RequestId>req-9</RequestId></ErrorResponse>"#;
    let throttled = r#"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-9</RequestId></ErrorResponse>"#;
    let server = Server::start(vec![xml(400, throttled), xml(200, page), xml(404, error)]);
    let client = aws_route53_bench::Client::new(config!(aws_route53_bench, server));
    let call = || client.list_resource_record_sets().hosted_zone_id("Z1D633PJN98FT9").max_items(100).send();
    let output = runtime().block_on(call()).expect("success after a retried throttle");
    let records = output.resource_record_sets();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].name(), Some("a.example.com."));
    let failure = runtime().block_on(call()).expect_err("a modelled error");
    assert!(failure.service_error().is_some_and(ListResourceRecordSetsError::is_no_such_hosted_zone), "{failure:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset"));
        assert!(request.query.contains("maxitems=100"), "{}", request.query);
        let signature = request.verify(SECRET).expect("a valid SigV4 signature");
        assert_eq!(signature.service, "route53");
    }
}
