//! The runtime's `endpoint` module: the rules engine standard library functions, the AWS library
//! functions and the partition table, checked against the examples of the Smithy specification
//! and the published partition facts.


use smithy_rt::endpoint::{
    Endpoint, PARTITIONS, ResolveError, is_valid_host_label, is_virtual_hostable_s3_bucket, parse_arn, parse_url,
    partition, substring, uri_encode,
};
use smithy_rt::primitives::Document;

#[test]
fn host_labels_follow_rfc_1123() {
    for valid in ["a", "abc", "a-b", "A1", "0", &"x".repeat(63)] {
        assert!(is_valid_host_label(valid, false), "{valid:?}");
    }
    for invalid in ["", "-a", "a-", "a.b", "a_b", "a b", "ü", &"x".repeat(64)] {
        assert!(!is_valid_host_label(invalid, false), "{invalid:?}");
    }
    assert!(is_valid_host_label("a.b-c.d", true));
    assert!(!is_valid_host_label("a..b", true));
    assert!(!is_valid_host_label("a.-b", true));
    assert!(!is_valid_host_label(".a", true));
}

#[test]
fn parse_url_matches_the_specification_examples() {
    let url = parse_url("https://example.com").expect("valid");
    assert_eq!((url.scheme(), url.authority(), url.path(), url.normalized_path(), url.is_ip()), ("https", "example.com", "", "/", false));

    assert_eq!(parse_url("https://example.com:8443?foo=bar&faz=baz"), None);

    let url = parse_url("http://example.com:80/foo/bar").expect("valid");
    assert_eq!((url.scheme(), url.authority(), url.path(), url.normalized_path(), url.is_ip()), ("http", "example.com:80", "/foo/bar", "/foo/bar/", false));

    let url = parse_url("https://127.0.0.1").expect("valid");
    assert_eq!((url.authority(), url.normalized_path(), url.is_ip()), ("127.0.0.1", "/", true));

    let url = parse_url("https://[fe80::1]").expect("valid");
    assert_eq!((url.authority(), url.normalized_path(), url.is_ip()), ("[fe80::1]", "/", true));

    let url = parse_url("https://[fe80::1]:8443/a/").expect("valid");
    assert_eq!((url.authority(), url.path(), url.normalized_path(), url.is_ip()), ("[fe80::1]:8443", "/a/", "/a/", true));
}

#[test]
fn parse_url_rejects_what_is_not_an_http_url() {
    for invalid in [
        "",
        "example.com",
        "ftp://example.com",
        "https://",
        "https:///path",
        "https://example.com#fragment",
        "https://example.com/a?b",
        "https://exa mple.com",
        "https://example.com:port",
        "https://example.com:99999",
        "https://[fe80::1",
        "https://[zz]",
    ] {
        assert_eq!(parse_url(invalid), None, "{invalid:?}");
    }
    // User info is never part of the authority.
    assert_eq!(parse_url("https://user:pw@example.com/x").expect("valid").authority(), "example.com");
    // Four numbers above 255 are a host name, not an address.
    assert!(!parse_url("https://256.1.1.1").expect("valid").is_ip());
    assert!(!parse_url("https://1.2.3").expect("valid").is_ip());
}

#[test]
fn substring_counts_from_either_end_and_refuses_short_or_non_ascii_input() {
    assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
    assert_eq!(substring("abcdefg", 1, 3, false), Some("bc"));
    assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
    assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
    assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
    assert_eq!(substring("abc", 0, 4, false), None);
    assert_eq!(substring("abcdef", 3, 3, false), None);
    assert_eq!(substring("abcdef", 4, 2, false), None);
    assert_eq!(substring("aüaaaa", 0, 1, false), None);
}

#[test]
fn uri_encode_keeps_only_unreserved_characters() {
    assert_eq!(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(uri_encode("a b"), "a%20b");
    assert_eq!(
        uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
        "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
    );
    assert_eq!(uri_encode("ü"), "%C3%BC");
}

#[test]
fn parse_arn_matches_the_specification_examples() {
    let arn = parse_arn("arn:aws:sns:us-west-2:012345678910:example-sns-topic-name").expect("valid");
    assert_eq!((arn.partition(), arn.service(), arn.region(), arn.account_id()), ("aws", "sns", "us-west-2", "012345678910"));
    assert_eq!(arn.resource_id(), ["example-sns-topic-name"]);

    assert_eq!(parse_arn("11111111-2222-3333-4444-555555555555"), None);

    let arn = parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e9801d129EXAMPLE").expect("valid");
    assert_eq!(arn.resource_id(), ["vpc", "vpc-0e9801d129EXAMPLE"]);

    let arn = parse_arn("arn:aws:iam::012345678910:user/johndoe").expect("valid");
    assert_eq!((arn.region(), arn.account_id()), ("", "012345678910"));
    assert_eq!(arn.resource_id(), ["user", "johndoe"]);

    let arn = parse_arn("arn:aws:s3:::bucket_name").expect("valid");
    assert_eq!((arn.region(), arn.account_id()), ("", ""));
    assert_eq!(arn.resource_id(), ["bucket_name"]);

    // The resource keeps its colons as separators.
    let arn = parse_arn("arn:aws:s3-outposts:us-west-2:123456789012:outpost:op-01234567890123456:accesspoint:reports").expect("valid");
    assert_eq!(arn.resource_id(), ["outpost", "op-01234567890123456", "accesspoint", "reports"]);

    for invalid in ["arn:aws:s3:us-east-1:123", "arn::s3:::bucket", "arn:aws::::bucket", "arn:aws:s3:::", "ARN:aws:s3:::bucket"] {
        assert_eq!(parse_arn(invalid), None, "{invalid:?}");
    }
}

#[test]
fn virtual_hostable_buckets() {
    for valid in ["abc", "my-bucket", "bucket123", &"b".repeat(63)] {
        assert!(is_virtual_hostable_s3_bucket(valid, false), "{valid:?}");
    }
    for invalid in ["ab", "My-Bucket", "-bucket", "bucket-", "my.bucket", "my_bucket", &"b".repeat(64)] {
        assert!(!is_virtual_hostable_s3_bucket(invalid, false), "{invalid:?}");
    }
    assert!(is_virtual_hostable_s3_bucket("abc.dotted.bucket", true));
    assert!(!is_virtual_hostable_s3_bucket("my..bucket", true));
    assert!(!is_virtual_hostable_s3_bucket("192.168.100.200", true));
    assert!(!is_virtual_hostable_s3_bucket("my.dotted.bucket", true), "every label needs three characters");
}

/// The published facts of each partition: name, DNS suffix, dual-stack DNS suffix, implicit global region.
const FACTS: &[(&str, &str, &str, &str)] = &[
    ("aws", "amazonaws.com", "api.aws", "us-east-1"),
    ("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn", "cn-northwest-1"),
    ("aws-us-gov", "amazonaws.com", "api.aws", "us-gov-west-1"),
    ("aws-iso", "c2s.ic.gov", "api.aws.ic.gov", "us-iso-east-1"),
    ("aws-iso-b", "sc2s.sgov.gov", "api.aws.scloud", "us-isob-east-1"),
    ("aws-iso-e", "cloud.adc-e.uk", "api.cloud-aws.adc-e.uk", "eu-isoe-west-1"),
    ("aws-iso-f", "csp.hci.ic.gov", "api.aws.hci.ic.gov", "us-isof-south-1"),
    ("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu", "eusc-de-east-1"),
];

#[test]
fn the_partition_table_has_every_partition_once() {
    let names: Vec<&str> = PARTITIONS.iter().map(|p| p.name()).collect();
    assert_eq!(names, FACTS.iter().map(|f| f.0).collect::<Vec<_>>());
    for (name, dns, dual_stack, global) in FACTS {
        let p = PARTITIONS.iter().find(|p| p.name() == *name).expect("listed");
        assert_eq!((p.dns_suffix(), p.dual_stack_dns_suffix(), p.implicit_global_region()), (*dns, *dual_stack, *global), "{name}");
        assert!(p.supports_fips() && p.supports_dual_stack(), "{name}");
        assert!(p.regions().contains(global), "{name} lists its implicit global region");
    }
}

#[test]
fn every_listed_region_resolves_to_its_partition_and_matches_its_pattern() {
    for p in PARTITIONS {
        for region in p.regions() {
            assert_eq!(partition(region).map(|found| found.name()), Some(p.name()), "{region}");
        }
        // The pattern alone places every real region (not the `*-global` pseudo-regions) there too:
        // a sibling with a number no partition lists resolves to the same partition.
        for region in p.regions().iter().filter(|r| !r.ends_with("-global")) {
            let (stem, _) = region.rsplit_once('-').expect("regions end in a number");
            let probe = format!("{stem}-987");
            assert!(!PARTITIONS.iter().any(|q| q.regions().contains(&probe.as_str())), "{probe} is unlisted");
            assert_eq!(partition(&probe).map(|found| found.name()), Some(p.name()), "{probe} by pattern");
        }
    }
}

#[test]
fn unlisted_regions_resolve_by_pattern_then_fall_back_to_aws() {
    for (region, expected) in [
        ("us-east-99", "aws"),
        ("mx-south-7", "aws"),
        ("cn-south-2", "aws-cn"),
        ("us-gov-central-3", "aws-us-gov"),
        ("us-iso-north-9", "aws-iso"),
        ("us-isob-west-2", "aws-iso-b"),
        ("eu-isoe-east-5", "aws-iso-e"),
        ("us-isof-north-1", "aws-iso-f"),
        ("eusc-de-west-4", "aws-eusc"),
        // Shapes no pattern accepts fall back to `aws`, as in the AWS SDKs.
        ("eusc-fr-east-1", "aws"),
        ("us-gov-west", "aws"),
        ("us-gov--1", "aws"),
        ("us-gov-we.t-1", "aws"),
        ("us-gov-west-1a", "aws"),
        ("cn-north-x", "aws"),
        ("xx-east-1", "aws"),
        ("", "aws"),
        ("ümlaut", "aws"),
    ] {
        assert_eq!(partition(region).map(|p| p.name()), Some(expected), "{region:?}");
    }
}

#[test]
fn endpoints_and_errors_carry_what_the_rules_say() {
    let endpoint = Endpoint::new("https://example.com")
        .with_header("x-amz-a", vec!["1".to_string(), "2".to_string()])
        .with_property("authSchemes", Document::Array(vec![Document::String("sigv4".to_string())]));
    assert_eq!(endpoint.url(), "https://example.com");
    assert_eq!(endpoint.header("X-Amz-A"), Some(&["1".to_string(), "2".to_string()][..]));
    assert_eq!(endpoint.header("x-other"), None);
    assert_eq!(endpoint.headers().len(), 1);
    assert_eq!(endpoint.property("authSchemes"), Some(&Document::Array(vec![Document::String("sigv4".to_string())])));
    assert_eq!(endpoint.properties().len(), 1);

    let error = ResolveError::new("Invalid Configuration: Missing Region");
    assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
    assert_eq!(error.message(), "Invalid Configuration: Missing Region");
    let _: &dyn std::error::Error = &error;
}

#[test]
fn endpoint_properties_are_kept_by_name_and_a_later_one_replaces_an_earlier() {
    let endpoint = Endpoint::new("https://example.com")
        .with_property("zeta", Document::Bool(true))
        .with_property("authSchemes", Document::Array(Vec::new()))
        .with_property("zeta", Document::String("second".to_string()))
        .with_property("mid", Document::Null);
    let names: Vec<&str> = endpoint.properties().names().collect();
    assert_eq!(names, ["authSchemes", "mid", "zeta"]);
    assert_eq!(endpoint.property("zeta"), Some(&Document::String("second".to_string())));
    assert_eq!(endpoint.property("mid"), Some(&Document::Null));
    assert_eq!(endpoint.property("absent"), None);
}
