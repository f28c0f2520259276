//! The runtime's `text` module (base64, timestamps, header lists, scalar text), checked
//! against every relevant case of the Smithy restJson1 protocol tests (hardcoded below; the
//! last test re-reads `../shared` when it is present) plus round trips and hostile input.

use std::borrow::Cow;
use std::collections::HashSet;

use smithy_rt::primitives::DateTime;
use smithy_rt::text::*;

mod common;

use common::{Rng, shared_file};

fn ms(secs: i64, millis: u32) -> DateTime {
    DateTime::from_secs_and_nanos(secs, millis * 1_000_000)
}

// ------------------------------------------------------------------------------------------
// Percent-encoding
// ------------------------------------------------------------------------------------------

#[test]
fn labels_and_query_values_are_percent_encoded() {
    // RestJsonHttpRequestLabelEscaping and RestJsonQueryStringEscaping.
    let all = " %:/?#[]@!$&'()*+,;=😹";
    let encoded = "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9";
    assert_eq!(encode_label(all), encoded);
    assert_eq!(encode_query(all), encoded);
    // Greedy labels keep '/': RestJsonHttpRequestWithGreedyLabelInPath.
    assert_eq!(encode_label("hello/escape"), "hello%2Fescape");
    assert_eq!(encode_greedy_label("there/guy"), "there/guy");
    assert_eq!(encode_greedy_label(all), encoded.replace("%2F", "/"));
    // RestJsonAllQueryStringTypes: a space is %20, not '+'; timestamps escape ':'.
    assert_eq!(encode_query("Hello there"), "Hello%20there");
    assert_eq!(encode_query("1970-01-01T00:00:01Z"), "1970-01-01T00%3A00%3A01Z");
    // RestJsonHttpRequestWithLabelsAndTimestampFormat.
    assert_eq!(encode_label("Mon, 16 Dec 2019 23:48:18 GMT"), "Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT");
    assert_eq!(encode_label("2019-12-16T23:48:18Z"), "2019-12-16T23%3A48%3A18Z");
    // Unreserved characters stay, everything else is %XX of UTF-8 with uppercase hex.
    let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
    assert_eq!(encode_label(unreserved), unreserved);
    assert_eq!(encode_label(""), "");
    assert_eq!(encode_label("é\u{0}\u{7f}"), "%C3%A9%00%7F");
    assert_eq!(encode_label("a+b=c&d"), "a%2Bb%3Dc%26d");
    assert_eq!(encode_greedy_label("a//b/"), "a//b/");
}

#[test]
fn percent_encoding_round_trips() {
    fn decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
    let mut rng = Rng(7);
    let alphabet: Vec<char> = "aZ09-._~ /%+?#&=:é😹\u{0}".chars().collect();
    for _ in 0..2_000 {
        let s: String = (0..rng.below(12)).map(|_| alphabet[rng.below(alphabet.len())]).collect();
        for encoded in [encode_label(&s), encode_query(&s), encode_greedy_label(&s)] {
            assert!(encoded.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%/".contains(&b)));
            assert_eq!(decode(&encoded), s);
        }
        assert!(!encode_label(&s).contains('/'));
    }
}

// ------------------------------------------------------------------------------------------
// Base64
// ------------------------------------------------------------------------------------------

#[test]
fn base64_matches_rfc4648_and_the_protocol_tests() {
    let vectors: &[(&[u8], &str)] = &[
        (b"", ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"fooba", "Zm9vYmE="),
        (b"foobar", "Zm9vYmFy"),
        // RestJsonJsonBlobs and MediaTypeHeader{Input,Output}Base64.
        (b"value", "dmFsdWU="),
        (b"true", "dHJ1ZQ=="),
        (b"blob", "YmxvYg=="),
        (&[0xfb, 0xff, 0xbf], "+/+/"),
        (&[0, 0, 0], "AAAA"),
    ];
    for (bytes, text) in vectors {
        assert_eq!(base64_encode(bytes), *text);
        assert_eq!(base64_decode(text).unwrap(), *bytes, "{text}");
    }
}

#[test]
fn base64_decoding_is_strict() {
    let rejected = [
        // RestJsonBodyMalformedBlobInvalidBase64 and RestJsonHeaderMalformedStringInvalidBase64MediaType.
        "xyz",
        "YmxvYg=",
        "[][]",
        "-_==",
        // Padding in the wrong place or too much of it.
        "Zg=",
        "Zg",
        "Z===",
        "====",
        "=Zg=",
        "Zg==Zg==",
        "Zm=v",
        "Z=g=",
        // Whitespace and line breaks are not skipped.
        "Zm9v ",
        " Zm9v",
        "Zm9v\n",
        "Zm 9v",
        "Zm9v\r\nYmFy",
        // Non-zero bits before the padding (non-canonical encodings).
        "Zh==",
        "Zm9=",
        "Zm/=",
        // Other alphabets and non-ASCII.
        "Zm9v_w==",
        "Zm9v-w==",
        "Zm9vé===",
        "Zm9v\u{0}AAA",
    ];
    for text in rejected {
        let err = base64_decode(text).expect_err(text);
        assert_eq!(err.kind(), "base64");
        assert!(err.to_string().starts_with("invalid base64: "), "{err}");
    }
    assert_eq!(base64_decode("xyz").unwrap_err().message(), "length is not a multiple of 4");
    assert_eq!(
        base64_decode("Zm9v_w==").unwrap_err().message(),
        "a character outside the standard alphabet at offset 4"
    );
    assert_eq!(base64_decode("Zg==Zg==").unwrap_err().message(), "'=' padding before the end at offset 2");
    assert_eq!(base64_decode("Zh==").unwrap_err().message(), "non-zero bits before the padding");
}

#[test]
fn base64_round_trips_every_length() {
    let mut rng = Rng(42);
    for len in 0..200usize {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = base64_encode(&bytes);
        assert_eq!(text.len(), len.div_ceil(3) * 4);
        assert_eq!(base64_decode(&text).unwrap(), bytes);
    }
}

// ------------------------------------------------------------------------------------------
// Timestamps: formatting
// ------------------------------------------------------------------------------------------

#[test]
fn timestamps_format_like_the_protocol_tests() {
    // (instant, epoch-seconds, date-time, http-date)
    let cases: &[(DateTime, &str, &str, &str)] = &[
        // RestJsonTimestampFormatHeaders, RestJsonHttpRequestWithLabelsAndTimestampFormat,
        // RestJsonInputAndOutputWithTimestampHeaders.
        (DateTime::from_secs(1576540098), "1576540098", "2019-12-16T23:48:18Z", "Mon, 16 Dec 2019 23:48:18 GMT"),
        // RestJsonJsonTimestamps*.
        (DateTime::from_secs(1398796238), "1398796238", "2014-04-29T18:30:38Z", "Tue, 29 Apr 2014 18:30:38 GMT"),
        // RestJsonAllQueryStringTypes timestamp lists.
        (DateTime::from_secs(1), "1", "1970-01-01T00:00:01Z", "Thu, 01 Jan 1970 00:00:01 GMT"),
        (DateTime::from_secs(2), "2", "1970-01-01T00:00:02Z", "Thu, 01 Jan 1970 00:00:02 GMT"),
        // RestJsonDateTimeWithFractionalSeconds.
        (ms(946845296, 123), "946845296.123", "2000-01-02T20:34:56.123Z", "Sun, 02 Jan 2000 20:34:56 GMT"),
        // The Smithy specification's date-time example.
        (ms(482196050, 520), "482196050.52", "1985-04-12T23:20:50.52Z", "Fri, 12 Apr 1985 23:20:50 GMT"),
        (ms(1576540098, 500), "1576540098.5", "2019-12-16T23:48:18.5Z", "Mon, 16 Dec 2019 23:48:18 GMT"),
        (ms(0, 1), "0.001", "1970-01-01T00:00:00.001Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        (DateTime::from_secs(0), "0", "1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        // Before the epoch: seconds are floored, the fraction counts up from them.
        (DateTime::from_secs(-1), "-1", "1969-12-31T23:59:59Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
        (ms(-1, 500), "-0.5", "1969-12-31T23:59:59.5Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
        (ms(-2, 750), "-1.25", "1969-12-31T23:59:58.75Z", "Wed, 31 Dec 1969 23:59:58 GMT"),
        (ms(-1, 999), "-0.001", "1969-12-31T23:59:59.999Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
        // Leap days and century rules.
        (DateTime::from_secs(951782400), "951782400", "2000-02-29T00:00:00Z", "Tue, 29 Feb 2000 00:00:00 GMT"),
        (DateTime::from_secs(951868800), "951868800", "2000-03-01T00:00:00Z", "Wed, 01 Mar 2000 00:00:00 GMT"),
        (DateTime::from_secs(-2203891200), "-2203891200", "1900-03-01T00:00:00Z", "Thu, 01 Mar 1900 00:00:00 GMT"),
        (DateTime::from_secs(1709164800), "1709164800", "2024-02-29T00:00:00Z", "Thu, 29 Feb 2024 00:00:00 GMT"),
        // The ends of Smithy's range.
        (DateTime::from_secs(-62135596800), "-62135596800", "0001-01-01T00:00:00Z", "Mon, 01 Jan 0001 00:00:00 GMT"),
        (ms(253402300799, 999), "253402300799.999", "9999-12-31T23:59:59.999Z", "Fri, 31 Dec 9999 23:59:59 GMT"),
        // Outside it, years use the expanded form (which services reject).
        (
            DateTime::from_secs(253402300800),
            "253402300800",
            "+10000-01-01T00:00:00Z",
            "Sat, 01 Jan +10000 00:00:00 GMT",
        ),
        (DateTime::from_secs(-62135596801), "-62135596801", "0000-12-31T23:59:59Z", "Sun, 31 Dec 0000 23:59:59 GMT"),
        (DateTime::from_secs(-62167219201), "-62167219201", "-0001-12-31T23:59:59Z", "Fri, 31 Dec -0001 23:59:59 GMT"),
    ];
    for (time, epoch, date_time, http_date) in cases {
        assert_eq!(format_epoch_seconds(time), *epoch, "{time:?}");
        assert_eq!(format_date_time(time), *date_time, "{time:?}");
        assert_eq!(format_http_date(time), *http_date, "{time:?}");
        let in_range = !date_time.starts_with(['+', '-']) && !date_time.starts_with("0000");
        assert_eq!(timestamp_in_range(time), in_range, "{time:?}");
    }
}

#[test]
fn sub_millisecond_precision_is_truncated_when_formatting() {
    let t = DateTime::from_secs_and_nanos(1576540098, 123_456_789);
    assert_eq!(format_epoch_seconds(&t), "1576540098.123");
    assert_eq!(format_date_time(&t), "2019-12-16T23:48:18.123Z");
    assert_eq!(format_http_date(&t), "Mon, 16 Dec 2019 23:48:18 GMT");
    let t = DateTime::from_secs_and_nanos(1576540098, 999_999);
    assert_eq!(format_epoch_seconds(&t), "1576540098");
    assert_eq!(format_date_time(&t), "2019-12-16T23:48:18Z");
    let t = DateTime::from_secs_and_nanos(1576540098, 100_000_000);
    assert_eq!(format_epoch_seconds(&t), "1576540098.1");
    assert_eq!(format_date_time(&t), "2019-12-16T23:48:18.1Z");
}

#[test]
fn formatting_extreme_timestamps_does_not_panic() {
    for secs in [i64::MIN, i64::MIN + 1, -1 << 50, 1 << 50, i64::MAX - 1, i64::MAX] {
        for nanos in [0, 1, 999_999_999] {
            let t = DateTime::from_secs_and_nanos(secs, nanos);
            let epoch = format_epoch_seconds(&t);
            let _ = (format_date_time(&t), format_http_date(&t), timestamp_in_range(&t));
            assert_eq!(parse_epoch_seconds(&epoch).unwrap(), ms(t.secs(), t.subsec_nanos() / 1_000_000), "{epoch}");
        }
    }
    assert_eq!(format_epoch_seconds(&DateTime::from_secs(i64::MIN)), "-9223372036854775808");
    assert_eq!(format_epoch_seconds(&ms(i64::MIN, 1)), "-9223372036854775807.999");
}

// ------------------------------------------------------------------------------------------
// Timestamps: parsing
// ------------------------------------------------------------------------------------------

/// Every malformed-timestamp value in the Smithy restJson1 suite (server-side tests, but the
/// formats are the same for a client reading a response), by the format they are not.
const NOT_DATE_TIME: &[&str] = &[
    // *DateTimeRejectsDifferent8601Formats / *DefaultRejectsDifferent8601Formats.
    "1996-12-19T16:39:57+00",
    "1996-12-19T16:39:57+00Z",
    "1996-12-19T16:39:57",
    "1996-12-19T163957",
    "19961219T163957Z",
    "19961219T163957",
    "19961219T16:39:57Z",
    "19961219T16:39:57",
    "1996-12-19T16:39Z",
    "1996-12-19T16:39",
    "1996-12-19T1639",
    "1996-12-19T16Z",
    "1996-12-19T16",
    "1996-12-19 16:39:57Z",
    "2011-12-03T10:15:30+01:00[Europe/Paris]",
    // *RejectsHttpDate and *RejectsEpochSeconds.
    "Tue, 29 Apr 2014 18:30:38 GMT",
    "Sun, 02 Jan 2000 20:34:56.000 GMT",
    "1515531081.1234",
    "1515531081",
];

const NOT_HTTP_DATE: &[&str] = &[
    // *HttpDateRejectsDateTime and *HttpDateRejectsEpoch(Seconds).
    "1985-04-12T23:20:50.52Z",
    "1985-04-12T23:20:50Z",
    "1996-12-19T16:39:57-08:00",
    "1515531081.1234",
    "1515531081",
];

const NOT_EPOCH_SECONDS: &[&str] = &[
    // *EpochRejectsDateTime, *EpochRejectsHttpDate, *EpochRejectsMalformedValues and
    // RestJsonBodyTimestampDefaultRejectsMalformedEpochSeconds.
    "1985-04-12T23:20:50.52Z",
    "1985-04-12T23:20:50Z",
    "1996-12-19T16:39:57-08:00",
    "Tue, 29 Apr 2014 18:30:38 GMT",
    "Sun, 02 Jan 2000 20:34:56.000 GMT",
    "true",
    "1515531081ABC",
    "0x42",
    "1515531081.123.456",
    "Infinity",
    "-Infinity",
    "NaN",
    "\"Infinity\"",
    "\"-Infinity\"",
    "\"NaN\"",
    "\"1515531081\"",
];

#[test]
fn date_time_parsing_accepts_rfc3339_and_normalizes_offsets() {
    let cases: &[(&str, DateTime)] = &[
        ("2019-12-16T23:48:18Z", DateTime::from_secs(1576540098)),
        // RestJsonDateTimeWithNegativeOffset / RestJsonDateTimeWithPositiveOffset (client tests).
        ("2019-12-16T22:48:18-01:00", DateTime::from_secs(1576540098)),
        ("2019-12-17T00:48:18+01:00", DateTime::from_secs(1576540098)),
        // RestJsonDateTimeWithFractionalSeconds.
        ("2000-01-02T20:34:56.123Z", ms(946845296, 123)),
        ("2014-04-29T18:30:38Z", DateTime::from_secs(1398796238)),
        ("1970-01-01T00:00:01Z", DateTime::from_secs(1)),
        ("1985-04-12T23:20:50.52Z", ms(482196050, 520)),
        ("1996-12-19T16:39:57-08:00", DateTime::from_secs(851042397)),
        // RFC 3339 section 5.6 allows lowercase t and z.
        ("2019-12-16t23:48:18z", DateTime::from_secs(1576540098)),
        ("2019-12-16T23:48:18.5z", ms(1576540098, 500)),
        // Any number of fraction digits; beyond milliseconds they are truncated.
        ("2019-12-16T23:48:18.1Z", ms(1576540098, 100)),
        ("2019-12-16T23:48:18.000Z", DateTime::from_secs(1576540098)),
        ("2019-12-16T23:48:18.123456789Z", ms(1576540098, 123)),
        ("2019-12-16T23:48:18.9999999999999999999999999Z", ms(1576540098, 999)),
        ("1969-12-31T23:59:59.9999Z", ms(-1, 999)),
        ("2019-12-16T23:48:18-00:00", DateTime::from_secs(1576540098)),
        ("2019-12-16T23:48:18+23:59", DateTime::from_secs(1576540098 - 86340)),
        ("2000-02-29T00:00:00Z", DateTime::from_secs(951782400)),
        ("2024-02-29T12:00:00Z", DateTime::from_secs(1709208000)),
        ("0001-01-01T00:00:00Z", DateTime::from_secs(-62135596800)),
        ("9999-12-31T23:59:59.999Z", ms(253402300799, 999)),
        ("0001-01-01T00:59:00+00:59", DateTime::from_secs(-62135596800)),
        ("9999-12-31T22:59:59-01:00", DateTime::from_secs(253402300799)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_date_time(text).as_ref(), Ok(expected), "{text}");
    }
}

#[test]
fn date_time_parsing_rejects_everything_else() {
    let invalid = [
        // Impossible dates and times.
        "2019-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2019-02-30T00:00:00Z",
        "2019-04-31T00:00:00Z",
        "2019-13-01T00:00:00Z",
        "2019-00-01T00:00:00Z",
        "2019-01-00T00:00:00Z",
        "2019-01-32T00:00:00Z",
        "2019-12-16T24:00:00Z",
        "2019-12-16T23:60:00Z",
        "2019-12-16T23:59:60Z",
        "2019-12-16T23:48:18+24:00",
        "2019-12-16T23:48:18+01:60",
        // Outside 0001-9999 once in UTC.
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00+00:01",
        "9999-12-31T23:59:59-00:01",
        // Shape.
        "",
        "2019-12-16T23:48:18.Z",
        "2019-12-16T23:48:18,5Z",
        "2019-12-16T23:48:18 Z",
        " 2019-12-16T23:48:18Z",
        "2019-12-16T23:48:18Z ",
        "2019-12-16T23:48:18ZZ",
        "+2019-12-16T23:48:18Z",
        "20190-12-16T23:48:18Z",
        "2019-1-16T23:48:18Z",
        "2019-12-16T23:48:18+0100",
        "2019-12-16T23:48:18+01",
        "2019-12-16T23:48:18UTC",
        "2019-12-16T23:48:18GMT",
        "２０１９-12-16T23:48:18Z",
        "2019-12-16T23:48:1８Z",
        "2019-12-16T23:48:18.１Z",
        "2019-12-16Té23:48:18Z",
    ];
    for text in invalid.iter().chain(NOT_DATE_TIME) {
        let err = parse_date_time(text).expect_err(text);
        assert_eq!(err.kind(), "date-time timestamp");
    }
    assert_eq!(parse_date_time("2019-02-29T00:00:00Z").unwrap_err().message(), "day does not exist in that month");
    assert_eq!(
        parse_date_time("2019-12-16T24:00:00Z").unwrap_err().to_string(),
        "invalid date-time timestamp: hour out of range (00-23)"
    );
}

#[test]
fn http_date_parsing() {
    let cases: &[(&str, DateTime)] = &[
        ("Mon, 16 Dec 2019 23:48:18 GMT", DateTime::from_secs(1576540098)),
        ("Tue, 29 Apr 2014 18:30:38 GMT", DateTime::from_secs(1398796238)),
        // Smithy: implementations MUST accept optional fractional seconds.
        ("Sun, 02 Jan 2000 20:34:56.000 GMT", DateTime::from_secs(946845296)),
        ("Sun, 02 Jan 2000 20:34:56.123 GMT", ms(946845296, 123)),
        ("Sun, 02 Jan 2000 20:34:56.1239 GMT", ms(946845296, 123)),
        ("Sun, 02 Jan 2000 20:34:56.5 GMT", ms(946845296, 500)),
        ("Thu, 01 Jan 1970 00:00:00 GMT", DateTime::from_secs(0)),
        ("Mon, 01 Jan 0001 00:00:00 GMT", DateTime::from_secs(-62135596800)),
        ("Fri, 31 Dec 9999 23:59:59 GMT", DateTime::from_secs(253402300799)),
        ("Tue, 29 Feb 2000 00:00:00 GMT", DateTime::from_secs(951782400)),
        // The day name is checked for syntax only, as most HTTP stacks do.
        ("Fri, 16 Dec 2019 23:48:18 GMT", DateTime::from_secs(1576540098)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_http_date(text).as_ref(), Ok(expected), "{text}");
    }
    let invalid = [
        "",
        "Mon, 16 Dec 2019 23:48:18 UTC",
        "Mon, 16 Dec 2019 23:48:18 gmt",
        "Mon, 16 Dec 2019 23:48:18 +0000",
        "Mon, 16 Dec 2019 23:48:18",
        "Mon, 16 Dec 2019 23:48:18 GMT ",
        " Mon, 16 Dec 2019 23:48:18 GMT",
        "mon, 16 Dec 2019 23:48:18 GMT",
        "MON, 16 Dec 2019 23:48:18 GMT",
        "Monday, 16-Dec-19 23:48:18 GMT",
        "Mon Dec 16 23:48:18 2019",
        "Mon, 16 dec 2019 23:48:18 GMT",
        "Mon, 16 December 2019 23:48:18 GMT",
        "Mon, 6 Dec 2019 23:48:18 GMT",
        "Mon,  6 Dec 2019 23:48:18 GMT",
        "Mon,16 Dec 2019 23:48:18 GMT",
        "Mon, 16 Dec 19 23:48:18 GMT",
        "Mon, 16 Dec 2019 23:48 GMT",
        "Mon, 16 Dec 2019 23:48:18. GMT",
        "Mon, 16 Dec 2019 24:00:00 GMT",
        "Mon, 16 Dec 2019 23:60:00 GMT",
        "Mon, 16 Dec 2019 23:59:60 GMT",
        "Mon, 31 Apr 2019 00:00:00 GMT",
        "Mon, 29 Feb 2019 00:00:00 GMT",
        "Mon, 00 Dec 2019 00:00:00 GMT",
        "Mon, 16 Dec 0000 00:00:00 GMT",
        "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT",
        "Mo",
        "Mon, 1",
        "Mon, 16 Dé",
    ];
    for text in invalid.iter().chain(NOT_HTTP_DATE) {
        let err = parse_http_date(text).expect_err(text);
        assert_eq!(err.kind(), "http-date timestamp");
    }
}

#[test]
fn epoch_seconds_parsing_is_exact() {
    let cases: &[(&str, DateTime)] = &[
        ("1576540098", DateTime::from_secs(1576540098)),
        ("1398796238", DateTime::from_secs(1398796238)),
        ("946845296.123", ms(946845296, 123)),
        ("1515531081.1234", ms(1515531081, 123)),
        ("0", DateTime::from_secs(0)),
        ("-0", DateTime::from_secs(0)),
        ("0.0005", DateTime::from_secs(0)),
        ("-1", DateTime::from_secs(-1)),
        ("-1.5", ms(-2, 500)),
        ("-0.001", ms(-1, 999)),
        // Below a millisecond is truncated toward the past.
        ("-0.0001", ms(-1, 999)),
        ("1.9999", ms(1, 999)),
        // Exponent forms (some services send them) are exact, not rounded through f64.
        ("1.515531081123E9", ms(1515531081, 123)),
        ("1515531081123e-3", ms(1515531081, 123)),
        ("1e3", DateTime::from_secs(1000)),
        ("1E+3", DateTime::from_secs(1000)),
        ("5e-1", ms(0, 500)),
        ("1e-99999999999999", DateTime::from_secs(0)),
        ("-1e-99999999999999", ms(-1, 999)),
        ("0e99999999999999999", DateTime::from_secs(0)),
        ("9223372036854775807", DateTime::from_secs(i64::MAX)),
        ("-9223372036854775808", DateTime::from_secs(i64::MIN)),
        ("9223372036854775807.999", ms(i64::MAX, 999)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_epoch_seconds(text).as_ref(), Ok(expected), "{text}");
    }
    let invalid = [
        "",
        "-",
        "+1",
        " 1",
        "1 ",
        "1.",
        ".5",
        "01",
        "-01",
        "1e",
        "1e+",
        "1,5",
        "１",
        "1_000",
        "9223372036854775808",
        "-9223372036854775809",
        "1e19",
        "1e400",
        "-1e400",
        "99999999999999999999999999999999999999999999",
    ];
    for text in invalid.iter().chain(NOT_EPOCH_SECONDS) {
        let err = parse_epoch_seconds(text).expect_err(text);
        assert_eq!(err.kind(), "epoch-seconds timestamp");
    }
    assert_eq!(parse_epoch_seconds("1e400").unwrap_err().message(), "out of range");
}

#[test]
fn timestamps_round_trip_through_every_format() {
    let mut rng = Rng(0xdead_beef);
    for _ in 0..50_000 {
        let secs = -62135596800 + (rng.next() % (253402300799 + 62135596800 + 1)) as i64;
        let t = ms(secs, rng.below(1000) as u32);
        assert_eq!(parse_epoch_seconds(&format_epoch_seconds(&t)), Ok(t));
        assert_eq!(parse_date_time(&format_date_time(&t)), Ok(t));
        assert_eq!(parse_http_date(&format_http_date(&t)), Ok(DateTime::from_secs(secs)));
    }
}

#[test]
fn every_day_of_the_range_round_trips_with_the_right_weekday() {
    const NAMES: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    // Walk the calendar by hand, one day at a time, independently of the module's arithmetic,
    // and compare in full on every day of 1582-2500 plus every 61st day of the whole range
    // (every day of all 10,000 years takes too long in a debug build).
    let (mut y, mut m, mut d) = (1u32, 1u32, 1u32);
    let first_day = -62135596800 / 86400;
    let last_day = 253402300799 / 86400;
    let mut checked = 0;
    for day in first_day..=last_day {
        if (1582..=2500).contains(&y) || day % 61 == 0 || day == last_day {
            let t = DateTime::from_secs(day * 86400 + 43_200);
            let text = format_date_time(&t);
            assert_eq!(text, format!("{y:04}-{m:02}-{d:02}T12:00:00Z"), "day {day}");
            assert_eq!(parse_date_time(&text), Ok(t));
            let http = format_http_date(&t);
            assert_eq!(&http[..3], NAMES[(day.rem_euclid(7)) as usize], "{http}");
            assert_eq!(parse_http_date(&http), Ok(t));
            checked += 1;
        }
        let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        let month_len = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(m - 1) as usize];
        (y, m, d) = if d < month_len {
            (y, m, d + 1)
        } else if m < 12 {
            (y, m + 1, 1)
        } else {
            (y + 1, 1, 1)
        };
    }
    assert_eq!((y, m, d), (10000, 1, 1));
    assert!(checked > 380_000, "{checked}");
}

// ------------------------------------------------------------------------------------------
// Scalars in headers, query strings and labels
// ------------------------------------------------------------------------------------------

#[test]
fn booleans_are_exactly_true_or_false() {
    assert_eq!(parse_bool("true"), Ok(true));
    assert_eq!(parse_bool("false"), Ok(false));
    // Rest*BooleanStringCoercion / RestJsonBodyBooleanBadLiteral values.
    for text in [
        "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "1", "on", "On", "ON", "False", "FALSE", "n", "N", "no", "No",
        "NO", "0", "off", "Off", "OFF", "", " true", "true ",
    ] {
        assert_eq!(parse_bool(text).unwrap_err().to_string(), "invalid boolean: expected 'true' or 'false'", "{text}");
    }
}

#[test]
fn integers_from_text() {
    // RestJsonInputAndOutputWithNumericHeaders.
    assert_eq!(parse_i8("1"), Ok(1));
    assert_eq!(parse_i16("123"), Ok(123));
    assert_eq!(parse_i32("123"), Ok(123));
    assert_eq!(parse_i64("123"), Ok(123));
    assert_eq!(parse_i8("-128"), Ok(-128));
    assert_eq!(parse_i32("-2147483648"), Ok(i32::MIN));
    assert_eq!(parse_i64("9223372036854775807"), Ok(i64::MAX));
    assert_eq!(parse_i64("-9223372036854775808"), Ok(i64::MIN));
    assert_eq!(parse_i32("007"), Ok(7));
    assert_eq!(parse_i32(&format!("{}1", "0".repeat(100))), Ok(1));
    // Rest*UnderflowOverflow values.
    for text in ["256", "-256", "-9223372000000000000", "9223372000000000000", "123000000000000000000000"] {
        assert!(parse_i8(text).is_err(), "{text}");
        assert!(parse_i32(text).is_err() || text.len() < 11, "{text}");
    }
    for text in ["-9223372000000000000", "9223372000000000000", "123000000000000000000000"] {
        assert!(parse_i16(text).is_err() && parse_i32(text).is_err(), "{text}");
    }
    assert!(parse_i64("123000000000000000000000").is_err());
    assert!(parse_i64(&"9".repeat(400)).is_err());
    assert_eq!(parse_i8("128").unwrap_err().to_string(), "invalid byte: out of range (-128 to 127)");
    // Rest*MalformedValueRejected values (path, query and header forms).
    for text in
        ["true", "1.001", "2ABC", "0x42", "Infinity", "-Infinity", "NaN", "+1", " 1", "1 ", "", "-", "1e2", "1.0", "١"]
    {
        assert!(
            parse_i8(text).is_err() && parse_i16(text).is_err() && parse_i32(text).is_err() && parse_i64(text).is_err(),
            "{text}"
        );
    }
}

#[test]
fn floats_from_and_to_text() {
    // RestJsonInputAndOutputWithNumericHeaders, RestJsonAllQueryStringTypes, label tests.
    assert_eq!(parse_f32("1.1"), Ok(1.1));
    assert_eq!(parse_f64("1.1"), Ok(1.1));
    assert_eq!(parse_f32("4.1"), Ok(4.1));
    assert_eq!(parse_f64("5.1"), Ok(5.1));
    assert_eq!(parse_f64("-2e10"), Ok(-2e10));
    assert_eq!(parse_f64("007.5"), Ok(7.5));
    assert_eq!(parse_f64("1E-3"), Ok(0.001));
    // RestJsonSupports{NaN,Infinity,NegativeInfinity}Float{HeaderInputs,QueryValues,Labels}.
    assert!(parse_f64("NaN").unwrap().is_nan() && parse_f32("NaN").unwrap().is_nan());
    assert_eq!(parse_f64("Infinity"), Ok(f64::INFINITY));
    assert_eq!(parse_f32("-Infinity"), Ok(f32::NEG_INFINITY));
    // Rest*{Float,Double}MalformedValueRejected and other spellings.
    for text in [
        "true",
        "2ABC",
        "0x42",
        "inf",
        "-inf",
        "nan",
        "infinity",
        "+Infinity",
        "+1",
        ".5",
        "5.",
        "1e",
        " 1",
        "1 ",
        "",
        "1,5",
        "1e400",
        "-1e400",
    ] {
        assert!(parse_f64(text).is_err(), "{text}");
        assert!(parse_f32(text).is_err(), "{text}");
    }
    assert!(parse_f32("1e39").is_err(), "beyond f32");
    assert_eq!(parse_f64("1e400").unwrap_err().message(), "out of range");
    let cases: &[(f64, &str)] = &[
        (1.1, "1.1"),
        (5.1, "5.1"),
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (1e21, "1e21"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
    ];
    for (value, text) in cases {
        assert_eq!(format_f64(*value), *text);
    }
    assert_eq!(format_f32(1.1), "1.1");
    assert_eq!(format_f32(4.1), "4.1");
    assert_eq!(format_f32(f32::NAN), "NaN");
    assert_eq!(format_f32(f32::NEG_INFINITY), "-Infinity");
    let mut rng = Rng(99);
    for _ in 0..20_000 {
        let d = f64::from_bits(rng.next());
        let back = parse_f64(&format_f64(d)).unwrap();
        assert!(back.to_bits() == d.to_bits() || d.is_nan() && back.is_nan(), "{d:e}");
        let f = f32::from_bits(rng.next() as u32);
        let back = parse_f32(&format_f32(f)).unwrap();
        assert!(back.to_bits() == f.to_bits() || f.is_nan() && back.is_nan(), "{f:e}");
    }
}

// ------------------------------------------------------------------------------------------
// Header lists
// ------------------------------------------------------------------------------------------

#[test]
fn header_lists_split_like_the_protocol_tests() {
    let cases: &[(&str, &[&str])] = &[
        // RestJsonInputAndOutputWith{String,Numeric,Boolean,Enum,IntEnum}Headers.
        ("a, b, c", &["a", "b", "c"]),
        ("1, 2, 3", &["1", "2", "3"]),
        ("true, false, true", &["true", "false", "true"]),
        ("Foo, Bar, Baz", &["Foo", "Bar", "Baz"]),
        // RestJsonInputAndOutputWithQuotedStringHeaders.
        ("\"b,c\", \"\\\"def\\\"\", a", &["b,c", "\"def\"", "a"]),
        // RestJsonNullAndEmptyHeaders: an empty list is an empty header.
        ("", &[]),
        ("   ", &[]),
        ("a", &["a"]),
        ("a,b", &["a", "b"]),
        (" a ,\tb\t, c ", &["a", "b", "c"]),
        // Empty elements are ignored (RFC 9110 section 5.6.1); quoted empty items are kept.
        ("a,,b", &["a", "b"]),
        ("a, ,b,", &["a", "b"]),
        (",a", &["a"]),
        ("\"\"", &[""]),
        ("\"\", a", &["", "a"]),
        ("\" spaced \"", &[" spaced "]),
        ("\"a\\\\b\"", &["a\\b"]),
        ("\"\\é\\x\"", &["éx"]),
        ("\"😹,😹\" , x y", &["😹,😹", "x y"]),
        // Inside an unquoted item, quotes and backslashes are ordinary characters.
        ("a\"b, c\\d", &["a\"b", "c\\d"]),
    ];
    for (value, expected) in cases {
        assert_eq!(split_header_list(value).unwrap(), *expected, "{value:?}");
    }
    for value in ["\"abc", "\"abc\\\"", "\"a\\", "\"abc\"def", "\"abc\" \"def\"", "a, \"b"] {
        let err = split_header_list(value).expect_err(value);
        assert_eq!(err.kind(), "header list");
    }
    assert_eq!(split_header_list("\"abc").unwrap_err().to_string(), "invalid header list: unterminated quoted string");
}

#[test]
fn header_list_items_are_quoted_only_when_needed() {
    let cases: &[(&str, &str)] = &[
        ("a", "a"),
        ("b,c", "\"b,c\""),
        ("\"def\"", "\"\\\"def\\\"\""),
        ("", "\"\""),
        (" a", "\" a\""),
        ("a\t", "\"a\t\""),
        ("a b", "a b"),
        ("back\\slash", "back\\slash"),
        ("both,\\", "\"both,\\\\\""),
    ];
    for (item, quoted) in cases {
        let out = quote_header_list_item(item);
        assert_eq!(out, *quoted);
        assert_eq!(matches!(out, Cow::Borrowed(_)), item == quoted, "{item:?}");
    }
    // The request side of RestJsonInputAndOutputWithQuotedStringHeaders, exactly.
    let items = ["b,c", "\"def\"", "a"];
    let header = items.iter().map(|i| quote_header_list_item(i)).collect::<Vec<_>>().join(", ");
    assert_eq!(header, "\"b,c\", \"\\\"def\\\"\", a");
}

#[test]
fn header_lists_round_trip() {
    let mut rng = Rng(5);
    let alphabet: Vec<char> = "ab ,\"\\\té😹".chars().collect();
    for _ in 0..20_000 {
        let items: Vec<String> = (0..rng.below(5))
            .map(|_| (0..rng.below(6)).map(|_| alphabet[rng.below(alphabet.len())]).collect())
            .collect();
        let header = items.iter().map(|i| quote_header_list_item(i)).collect::<Vec<_>>().join(", ");
        assert_eq!(split_header_list(&header).unwrap(), items, "{header:?}");
    }
}

#[test]
fn http_date_lists_keep_their_inner_commas() {
    // RestJsonInputAndOutputWithTimestampHeaders.
    let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT";
    let items = split_http_date_list(value).unwrap();
    assert_eq!(items, ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon, 16 Dec 2019 23:48:18 GMT"]);
    for item in &items {
        assert_eq!(parse_http_date(item), Ok(DateTime::from_secs(1576540098)));
    }
    assert_eq!(split_http_date_list("").unwrap(), Vec::<String>::new());
    assert_eq!(split_http_date_list("Tue, 29 Apr 2014 18:30:38 GMT").unwrap(), ["Tue, 29 Apr 2014 18:30:38 GMT"]);
    assert_eq!(
        split_http_date_list("\"Tue, 29 Apr 2014 18:30:38 GMT\",Sun, 02 Jan 2000 20:34:56.123 GMT").unwrap(),
        ["Tue, 29 Apr 2014 18:30:38 GMT", "Sun, 02 Jan 2000 20:34:56.123 GMT"]
    );
    // Malformed lists give items that fail to parse, never a panic.
    let items = split_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Mon").unwrap();
    assert_eq!(items, ["Mon, 16 Dec 2019 23:48:18 GMT", "Mon"]);
    assert!(parse_http_date(&items[1]).is_err());
    // The serializer side: format each and join with ", " without quoting.
    let mut rng = Rng(11);
    for _ in 0..2_000 {
        let times: Vec<DateTime> =
            (0..rng.below(4)).map(|_| DateTime::from_secs((rng.next() % 253402300799) as i64)).collect();
        let header = times.iter().map(format_http_date).collect::<Vec<_>>().join(", ");
        let parsed: Vec<DateTime> =
            split_http_date_list(&header).unwrap().iter().map(|s| parse_http_date(s).unwrap()).collect();
        assert_eq!(parsed, times, "{header}");
    }
}

// ------------------------------------------------------------------------------------------
// Error codes
// ------------------------------------------------------------------------------------------

#[test]
fn error_codes_are_sanitized_per_the_spec() {
    let cases: &[(&str, &str)] = &[
        // The restJson1 specification's examples and the RestJsonFooError* tests.
        ("FooError", "FooError"),
        ("FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
        ("aws.protocoltests.restjson#FooError", "FooError"),
        ("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
        ("aws.different.namespace#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError"),
        ("ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/", "ValidationException"),
        // Edge cases of the two steps: first ':' first, then first '#'.
        ("", ""),
        ("#", ""),
        (":", ""),
        ("a#b#c", "b#c"),
        ("a:b#c", "a"),
        ("ns#Err:x#y", "Err"),
        ("😹#É:z", "É"),
    ];
    for (raw, code) in cases {
        assert_eq!(sanitize_error_code(raw), *code, "{raw}");
    }
}

#[test]
fn error_codes_resolve_from_header_then_code_then_type() {
    let body = |text: &str| smithy_rt::json::parse(text.as_bytes()).unwrap();
    let uri = "http://internal.amazon.com/coral/com.amazon.coral.validate/";
    // RestJsonFooErrorUsingXAmznErrorType*.
    for header in [
        "FooError".to_owned(),
        format!("FooError:{uri}"),
        format!("aws.protocoltests.restjson#FooError:{uri}"),
        format!("aws.different.namespace#FooError:{uri}"),
    ] {
        assert_eq!(smithy_rt::protocol::rest_json::error_code(Some(&header), None), Some("FooError"));
    }
    // RestJsonFooErrorUsingCode*, RestJsonFooErrorWithDunderType*, RestJsonFooErrorWithNestedTypeProperty.
    let bodies = [
        "{\n    \"code\": \"FooError\"\n}".to_owned(),
        "{\n    \"code\": \"aws.protocoltests.restjson#FooError\"\n}".to_owned(),
        format!("{{\n    \"code\": \"aws.protocoltests.restjson#FooError:{uri}\"\n}}"),
        "{\n    \"__type\": \"FooError\"\n}".to_owned(),
        "{\n    \"__type\": \"aws.protocoltests.restjson#FooError\"\n}".to_owned(),
        format!("{{\n    \"__type\": \"aws.protocoltests.restjson#FooError:{uri}\"\n}}"),
        "{\n    \"__type\": \"aws.protocoltests.restjson#FooError\",\n    \"ErrorDetails\": [\n      {\n          \"__type\": \"com.amazon.internal#ErrorDetails\",\n          \"reason\": \"Some reason\"\n      }\n    ]\n}".to_owned(),
        "{\"ErrorDetails\": [{\"__type\": \"Nested\"}], \"__type\": \"FooError\"}".to_owned(),
    ];
    for text in &bodies {
        let b = body(text);
        assert_eq!(smithy_rt::protocol::rest_json::error_code(None, Some(&b)), Some("FooError"), "{text}");
        // The header wins over the body.
        assert_eq!(smithy_rt::protocol::rest_json::error_code(Some("BarError"), Some(&b)), Some("BarError"), "{text}");
        // An empty header falls back to the body.
        assert_eq!(smithy_rt::protocol::rest_json::error_code(Some(""), Some(&b)), Some("FooError"), "{text}");
    }
    // `code` is checked before `__type`.
    let b = body(r#"{"__type": "TypeError", "code": "CodeError"}"#);
    assert_eq!(smithy_rt::protocol::rest_json::error_code(None, Some(&b)), Some("CodeError"));
    // Nothing usable.
    for text in
        [r#"{}"#, r#"{"code": 5}"#, r#"{"code": ""}"#, r#"[{"code": "X"}]"#, r#""FooError""#, r#"{"a": {"code": "X"}}"#]
    {
        assert_eq!(smithy_rt::protocol::rest_json::error_code(None, Some(&body(text))), None, "{text}");
    }
    assert_eq!(smithy_rt::protocol::rest_json::error_code(None, None), None);
    assert_eq!(smithy_rt::protocol::rest_json::error_code(Some("ns#"), None), None);
}

#[test]
fn error_messages() {
    let body = |text: &str| smithy_rt::json::parse(text.as_bytes()).unwrap();
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body(r#"{"message": "m"}"#)), Some("m"));
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body(r#"{"Message": "M"}"#)), Some("M"));
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body(r#"{"errorMessage": "e"}"#)), Some("e"));
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body(r#"{"Message": "M", "message": "m"}"#)), Some("m"));
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body(r#"{"message": null, "Message": "M"}"#)), Some("M"));
    // RestJsonComplexErrorWithNoMessage / RestJsonEmptyComplexErrorWithNoMessage.
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body(r#"{"Header": "Header", "TopLevel": "Top level"}"#)), None);
    assert_eq!(smithy_rt::protocol::rest_json::error_message(&body("{}")), None);
}

// ------------------------------------------------------------------------------------------
// Idempotency tokens
// ------------------------------------------------------------------------------------------

fn assert_uuid_v4(token: &str) {
    let b = token.as_bytes();
    assert_eq!(b.len(), 36, "{token}");
    for (i, c) in b.iter().enumerate() {
        if [8, 13, 18, 23].contains(&i) {
            assert_eq!(*c, b'-', "{token}");
        } else {
            assert!(c.is_ascii_digit() || (b'a'..=b'f').contains(c), "{token}");
        }
    }
    assert_eq!(b[14], b'4', "version nibble of {token}");
    assert!(b"89ab".contains(&b[19]), "variant nibble of {token}");
}

#[test]
fn idempotency_tokens_are_unique_v4_uuids() {
    // RestJsonQueryIdempotencyTokenAutoFill expects a token of this shape
    // (00000000-0000-4000-8000-000000000000 in the test, any v4 UUID in practice).
    assert_uuid_v4("00000000-0000-4000-8000-000000000000");
    let mut seen = HashSet::new();
    for _ in 0..100_000 {
        let token = new_idempotency_token();
        assert_uuid_v4(&token);
        assert!(seen.insert(token));
    }
    let threads: Vec<_> = (0..8)
        .map(|_| std::thread::spawn(|| (0..10_000).map(|_| new_idempotency_token()).collect::<Vec<_>>()))
        .collect();
    for handle in threads {
        for token in handle.join().unwrap() {
            assert!(seen.insert(token));
        }
    }
    // Every random nibble varies.
    let tokens: Vec<String> = seen.into_iter().take(2_000).collect();
    for position in (0..36).filter(|p| ![8, 13, 14, 18, 23].contains(p)) {
        let distinct: HashSet<u8> = tokens.iter().map(|t| t.as_bytes()[position]).collect();
        let expected = if position == 19 { 4 } else { 16 };
        assert_eq!(distinct.len(), expected, "position {position}");
    }
}

// ------------------------------------------------------------------------------------------
// Hostile input
// ------------------------------------------------------------------------------------------

#[test]
fn random_text_never_panics_any_parser() {
    let pieces = [
        "0", "1", "9", "-", "+", ".", "e", "E", ":", ",", " ", "\t", "T", "t", "Z", "z", "GMT", "Mon", "Dec", "2019",
        "\"", "\\", "=", "/", "A", "z", "é", "😹", "\u{0}", "NaN", "Infinity", "#", "%", "12", "-08:00", "1e999",
    ];
    let mut rng = Rng(0x5eed);
    for _ in 0..100_000 {
        let text: String = (0..rng.below(30)).map(|_| pieces[rng.below(pieces.len())]).collect();
        let _ = (parse_epoch_seconds(&text), parse_date_time(&text), parse_http_date(&text), base64_decode(&text));
        let _ = (parse_bool(&text), parse_i8(&text), parse_i64(&text), parse_f32(&text), parse_f64(&text));
        if let Ok(items) = split_header_list(&text) {
            let rejoined = items.iter().map(|i| quote_header_list_item(i)).collect::<Vec<_>>().join(", ");
            assert_eq!(split_header_list(&rejoined).unwrap(), items, "{text:?}");
        }
        let _ = split_http_date_list(&text);
        let _ = (sanitize_error_code(&text), encode_label(&text), encode_greedy_label(&text), encode_query(&text));
        // Valid timestamps re-format to equal values.
        if let Ok(t) = parse_date_time(&text) {
            assert_eq!(parse_date_time(&format_date_time(&t)), Ok(t), "{text:?}");
        }
        if let Ok(t) = parse_epoch_seconds(&text) {
            assert_eq!(parse_epoch_seconds(&format_epoch_seconds(&t)), Ok(t), "{text:?}");
        }
    }
    // Sliding windows over valid values hit every truncation.
    for valid in ["2019-12-16T23:48:18.123+01:00", "Sun, 02 Jan 2000 20:34:56.123 GMT", "1.515531081123E9", "Zm9vYmFy"]
    {
        for start in 0..valid.len() {
            for end in start..=valid.len() {
                if let Some(slice) = valid.get(start..end) {
                    let _ = (
                        parse_date_time(slice),
                        parse_http_date(slice),
                        parse_epoch_seconds(slice),
                        base64_decode(slice),
                    );
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------
// Cross-check against the Smithy protocol test file, when it is present
// ------------------------------------------------------------------------------------------

/// Decode `%XX` sequences (path and query test values are percent-encoded).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 3 <= bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn smithy_protocol_test_file_cases() {
    let Some(path) = shared_file("protocol-tests/aws.protocoltests.restjson.json") else {
        return;
    };
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let (mut error_cases, mut rejected) = (0, 0);
    for shape in model["shapes"].as_object().unwrap().values() {
        let Some(traits) = shape.get("traits") else { continue };
        // Every FooError response test resolves to FooError.
        for case in traits.get("smithy.test#httpResponseTests").and_then(|v| v.as_array()).into_iter().flatten() {
            let id = case["id"].as_str().unwrap();
            if !id.starts_with("RestJsonFooError") {
                continue;
            }
            let header = case["headers"].get("X-Amzn-Errortype").and_then(|v| v.as_str());
            let body = case["body"].as_str().filter(|b| !b.is_empty()).map(|b| smithy_rt::json::parse(b.as_bytes()).unwrap());
            assert_eq!(smithy_rt::protocol::rest_json::error_code(header, body.as_ref()), Some("FooError"), "{id}");
            error_cases += 1;
        }
        // Every malformed-timestamp value is rejected by the parser of the format it is not.
        for case in traits.get("smithy.test#httpMalformedRequestTests").and_then(|v| v.as_array()).into_iter().flatten()
        {
            let id = case["id"].as_str().unwrap();
            if !id.contains("Timestamp") || id.contains("RejectsUTCOffsets") || id.contains("Stringified") {
                // UTC offsets: servers reject them, but clients must accept them
                // (RestJsonDateTimeWithPositiveOffset); stringified epoch seconds are a JSON-type check.
                continue;
            }
            let Some(values) = case["testParameters"]["value"].as_array() else { continue };
            let location_default = if id.contains("Header") {
                "http-date"
            } else if id.contains("Body") {
                "epoch"
            } else {
                "date-time"
            };
            let format = if id.contains("TimestampDateTime") {
                "date-time"
            } else if id.contains("TimestampHttpDate") {
                "http-date"
            } else if id.contains("TimestampEpoch") {
                "epoch"
            } else {
                location_default
            };
            for value in values {
                let text = percent_decode(value.as_str().unwrap());
                let result = match format {
                    "date-time" => parse_date_time(&text).map(|_| ()),
                    "http-date" => parse_http_date(&text).map(|_| ()),
                    _ => parse_epoch_seconds(&text).map(|_| ()),
                };
                assert!(result.is_err(), "{id}: {text:?} must not parse as {format}");
                rejected += 1;
            }
        }
    }
    assert_eq!(error_cases, 11);
    assert!(rejected > 100, "only {rejected} malformed timestamp values found");
}
