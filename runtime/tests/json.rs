//! The runtime's `json` module: writer output,
//! strict parsing, typed accessors, hostile inputs, and agreement with `serde_json`.

use smithy_rt::json::{DeserializeError, Json, JsonNumber, JsonWriter, MAX_DEPTH, child_path, index_path, is_empty_body, parse};
use smithy_rt::primitives::{Document, Number};

mod common;

use common::{Rng, shared_file};

/// An object document from entries.
fn obj(entries: Vec<(String, Document)>) -> Document {
    Document::Object(entries.into_iter().collect())
}

fn parse_str(text: &str) -> Result<Json, smithy_rt::json::JsonError> {
    parse(text.as_bytes())
}

fn num(text: &str) -> Json {
    Json::Number(JsonNumber::new(text).expect("valid number literal"))
}

fn write_f64(v: f64) -> String {
    let mut w = JsonWriter::new();
    w.f64(v);
    w.into_string()
}

fn write_f32(v: f32) -> String {
    let mut w = JsonWriter::new();
    w.f32(v);
    w.into_string()
}

// ------------------------------------------------------------------------------------------
// Writer
// ------------------------------------------------------------------------------------------

#[test]
fn writer_inserts_commas_and_nests() {
    let mut w = JsonWriter::new();
    w.begin_object()
        .key("a")
        .i64(1)
        .key("b")
        .begin_array()
        .bool(true)
        .null()
        .begin_object()
        .end_object()
        .begin_array()
        .end_array()
        .string("x")
        .end_array()
        .key("c")
        .begin_object()
        .key("d")
        .u64(u64::MAX)
        .end_object()
        .end_object();
    assert_eq!(w.as_str(), r#"{"a":1,"b":[true,null,{},[],"x"],"c":{"d":18446744073709551615}}"#);
    assert_eq!(w.into_string(), r#"{"a":1,"b":[true,null,{},[],"x"],"c":{"d":18446744073709551615}}"#);
}

#[test]
fn writer_scalar_roots() {
    let mut w = JsonWriter::new();
    w.string("hello");
    assert_eq!(w.into_string(), r#""hello""#);
    let mut w = JsonWriter::new();
    w.i64(i64::MIN);
    assert_eq!(w.into_string(), "-9223372036854775808");
    let mut w = JsonWriter::new();
    w.begin_array().end_array();
    assert_eq!(w.into_string(), "[]");
}

/// Every byte that needs escaping, at every offset of strings longer than the eight-byte words
/// the writer scans, among ASCII and multi-byte text: the same as escaping byte by byte.
#[test]
fn writer_escapes_at_every_offset_like_a_byte_by_byte_reference() {
    fn reference(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }
    let fillers = ["abcdefghijklmnopqrstu", "é😹ü\u{7f}\u{80}\u{ff}ÿ~ ~", "\u{2028}xyz\u{1f600}0123456789"];
    let specials = ['"', '\\', '\u{0}', '\n', '\u{1f}', '\u{1b}'];
    for filler in fillers {
        for special in specials {
            for at in 0..=filler.chars().count() {
                let mut text: String = filler.chars().take(at).collect();
                text.push(special);
                text.extend(filler.chars().skip(at));
                text.push_str(filler);
                let mut w = JsonWriter::new();
                w.string(&text);
                assert_eq!(w.into_string(), reference(&text), "escaping {text:?}");
            }
        }
        let mut w = JsonWriter::new();
        w.string(filler);
        assert_eq!(w.into_string(), reference(filler), "{filler:?} needs no escapes");
    }
}

#[test]
fn writer_escapes_strings() {
    let cases: &[(&str, &str)] = &[
        ("", r#""""#),
        ("plain", r#""plain""#),
        ("a\"b", r#""a\"b""#),
        ("back\\slash", r#""back\\slash""#),
        ("line\nfeed\ttab\rcr", r#""line\u000afeed\u0009tab\u000dcr""#),
        ("\u{0}\u{1}\u{1f}", r#""\u0000\u0001\u001f""#),
        ("\u{7f}", "\"\u{7f}\""),
        ("slash/stays", r#""slash/stays""#),
        ("ünïcödé 😹 \u{2028}", "\"ünïcödé 😹 \u{2028}\""),
        (" %:/?#[]@!$&'()*+,;=", r#"" %:/?#[]@!$&'()*+,;=""#),
    ];
    for (input, expected) in cases {
        let mut w = JsonWriter::new();
        w.string(input);
        let out = w.into_string();
        assert_eq!(&out, expected, "escaping {input:?}");
        assert_eq!(parse_str(&out).unwrap(), Json::String((*input).to_owned()), "round trip {input:?}");
        // Keys use the same escaping.
        let mut w = JsonWriter::new();
        w.begin_object().key(input).null().end_object();
        assert_eq!(w.into_string(), format!("{{{expected}:null}}"));
    }
}

#[test]
fn writer_formats_doubles_like_the_protocol_tests() {
    // Smithy's bodies write 5.5, 6.5, 1.0, 0.0, 2.0 for float and double members.
    let cases: &[(f64, &str)] = &[
        (5.5, "5.5"),
        (6.5, "6.5"),
        (1.0, "1.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (2.0, "2.0"),
        (1.1, "1.1"),
        (0.1, "0.1"),
        (-3.25, "-3.25"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e16"),
        (1e21, "1e21"),
        (1.5e300, "1.5e300"),
        (1e-5, "0.00001"),
        (1.5e-7, "1.5e-7"),
        (f64::MAX, "1.7976931348623157e308"),
        (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        (5e-324, "5e-324"),
        (f64::NAN, r#""NaN""#),
        (f64::INFINITY, r#""Infinity""#),
        (f64::NEG_INFINITY, r#""-Infinity""#),
    ];
    for (value, expected) in cases {
        assert_eq!(write_f64(*value), *expected, "{value:e}");
    }
}

#[test]
fn writer_formats_floats_with_f32_precision() {
    let cases: &[(f32, &str)] = &[
        (1.1, "1.1"),
        (5.5, "5.5"),
        (1.0, "1.0"),
        (16_777_216.0, "16777216.0"),
        (3.402_823_5e38, "3.4028235e38"),
        (1e-10, "1e-10"),
        (f32::NAN, r#""NaN""#),
        (f32::INFINITY, r#""Infinity""#),
        (f32::NEG_INFINITY, r#""-Infinity""#),
    ];
    for (value, expected) in cases {
        assert_eq!(write_f32(*value), *expected, "{value:e}");
    }
}

#[test]
fn doubles_round_trip_through_text_bit_for_bit() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let v = f64::from_bits(rng.next());
        let text = write_f64(v);
        let back = parse_str(&text).unwrap().to_f64("").unwrap();
        if v.is_nan() {
            assert!(back.is_nan(), "{text}");
        } else {
            assert_eq!(back.to_bits(), v.to_bits(), "{text}");
        }
        let f = f32::from_bits(rng.next() as u32);
        let text = write_f32(f);
        let back = parse_str(&text).unwrap().to_f32("").unwrap();
        if f.is_nan() {
            assert!(back.is_nan(), "{text}");
        } else {
            assert_eq!(back.to_bits(), f.to_bits(), "{text}");
        }
    }
}

#[test]
fn raw_numbers_are_written_or_normalized() {
    let cases: &[(&str, &str)] = &[
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        ("-1.5e-300", "-1.5e-300"),
        ("1E5", "1E5"),
        ("0", "0"),
        ("+1", "1"),
        (".5", "0.5"),
        ("5.", "5"),
        ("007", "7"),
        ("-00.25", "-0.25"),
        (" 42 ", "42"),
        ("1e+5", "1e+5"),
        ("+.5e-3", "0.5e-3"),
    ];
    for (input, expected) in cases {
        let mut w = JsonWriter::new();
        w.begin_array().raw_number(input).end_array();
        assert_eq!(w.into_string(), format!("[{expected}]"), "{input:?}");
    }
    // BigInteger and BigDecimal text can always be written.
    for text in ["1", "-0", "1.25", "-9.5e10", "+3"] {
        let d: smithy_rt::primitives::BigDecimal = text.parse().unwrap();
        let mut w = JsonWriter::new();
        w.raw_number(d.as_str());
        assert!(parse_str(&w.into_string()).is_ok(), "{text}");
    }
}

#[test]
#[cfg(debug_assertions)]
fn raw_number_rejects_non_numbers_in_debug_builds() {
    let result = std::panic::catch_unwind(|| {
        let mut w = JsonWriter::new();
        w.raw_number("1}, {\"injected\": true");
        w.into_string()
    });
    assert!(result.is_err());
}

#[test]
#[cfg(debug_assertions)]
fn writer_misuse_is_caught_in_debug_builds() {
    type Misuse = fn(&mut JsonWriter);
    let misuses: &[(&str, Misuse)] = &[
        ("value without key", |w| {
            w.begin_object().string("x");
        }),
        ("key outside object", |w| {
            w.begin_array().key("k");
        }),
        ("two keys", |w| {
            w.begin_object().key("a").key("b");
        }),
        ("end_object on array", |w| {
            w.begin_array().end_object();
        }),
        ("end_array on object", |w| {
            w.begin_object().end_array();
        }),
        ("end_object after key", |w| {
            w.begin_object().key("a").end_object();
        }),
        ("two roots", |w| {
            w.i64(1).i64(2);
        }),
        ("unbalanced end", |w| {
            w.end_array();
        }),
    ];
    for (name, misuse) in misuses {
        let result = std::panic::catch_unwind(|| {
            let mut w = JsonWriter::new();
            misuse(&mut w);
        });
        assert!(result.is_err(), "{name} should trip a debug assertion");
    }
    let unclosed = std::panic::catch_unwind(|| {
        let mut w = JsonWriter::new();
        w.begin_object();
        w.into_string()
    });
    assert!(unclosed.is_err(), "into_string with an open object");
}

#[test]
fn writer_writes_documents() {
    let doc = obj(vec![
        ("z".to_owned(), Document::Number(Number::PosInt(10))),
        ("a".to_owned(), Document::Number(Number::NegInt(-3))),
        ("f".to_owned(), Document::Number(Number::Float(1.5))),
        ("nan".to_owned(), Document::Number(Number::Float(f64::NAN))),
        (
            "list".to_owned(),
            Document::Array(vec![Document::Null, Document::Bool(false), Document::String("s\"".to_owned())]),
        ),
        ("empty".to_owned(), obj(vec![])),
        ("emptyList".to_owned(), Document::Array(vec![])),
    ]);
    let mut w = JsonWriter::new();
    w.begin_object().key("documentValue").document(&doc).key("after").bool(true).end_object();
    // Object members come in the map's order; compare as values.
    let written = parse_str(&w.into_string()).unwrap();
    let expected = parse_str(r#"{"documentValue":{"z":10,"a":-3,"f":1.5,"nan":"NaN","list":[null,false,"s\""],"empty":{},"emptyList":[]},"after":true}"#).unwrap();
    assert_eq!(written.to_document(), expected.to_document());
    // Scalar documents (DocumentTypeAsPayloadInputString sends "hello").
    let mut w = JsonWriter::new();
    w.document(&Document::String("hello".to_owned()));
    assert_eq!(w.into_string(), r#""hello""#);
}

#[test]
fn writer_handles_very_deep_documents_without_recursion() {
    let mut doc = Document::Null;
    for _ in 0..100_000 {
        doc = Document::Array(vec![doc]);
    }
    let mut w = JsonWriter::new();
    w.document(&doc);
    let text = w.into_string();
    // Dropping a deep document recurses in std; take it apart by hand before any assertion.
    let mut current = doc;
    while let Document::Array(mut items) = current {
        current = items.pop().unwrap_or(Document::Null);
    }
    assert!(text == format!("{}null{}", "[".repeat(100_000), "]".repeat(100_000)));
}

// ------------------------------------------------------------------------------------------
// Parser: valid input
// ------------------------------------------------------------------------------------------

#[test]
fn parses_scalars_and_containers() {
    let cases: Vec<(&str, Json)> = vec![
        ("null", Json::Null),
        ("true", Json::Bool(true)),
        (" \t\r\nfalse\n", Json::Bool(false)),
        ("0", num("0")),
        ("-0", num("-0")),
        ("-12.5e+3", num("-12.5e+3")),
        ("1E-2", num("1E-2")),
        (r#""""#, Json::String(String::new())),
        ("[]", Json::Array(vec![])),
        ("{}", Json::Object(vec![])),
        ("[ 1 , [ ] , { } ]", Json::Array(vec![num("1"), Json::Array(vec![]), Json::Object(vec![])])),
        (
            r#"{"a": {"b": [null]}, "c": "d"}"#,
            Json::Object(vec![
                ("a".to_owned(), Json::Object(vec![("b".to_owned(), Json::Array(vec![Json::Null]))])),
                ("c".to_owned(), Json::String("d".to_owned())),
            ]),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_str(text).unwrap(), expected, "{text}");
    }
}

#[test]
fn parses_the_smithy_protocol_test_bodies() {
    // RestJsonSimpleScalarProperties (request and response body).
    let body = "{\n    \"stringValue\": \"string\",\n    \"trueBooleanValue\": true,\n    \"falseBooleanValue\": false,\n    \"byteValue\": 1,\n    \"shortValue\": 2,\n    \"integerValue\": 3,\n    \"longValue\": 4,\n    \"floatValue\": 5.5,\n    \"DoubleDribble\": 6.5\n}";
    let v = parse_str(body).unwrap();
    assert_eq!(v.get("stringValue").unwrap().expect_string("/stringValue").unwrap(), "string");
    assert!(v.get("trueBooleanValue").unwrap().expect_bool("/trueBooleanValue").unwrap());
    assert!(!v.get("falseBooleanValue").unwrap().expect_bool("/falseBooleanValue").unwrap());
    assert_eq!(v.get("byteValue").unwrap().to_i8("/byteValue").unwrap(), 1);
    assert_eq!(v.get("shortValue").unwrap().to_i16("/shortValue").unwrap(), 2);
    assert_eq!(v.get("integerValue").unwrap().to_i32("/integerValue").unwrap(), 3);
    assert_eq!(v.get("longValue").unwrap().to_i64("/longValue").unwrap(), 4);
    assert_eq!(v.get("floatValue").unwrap().to_f32("/floatValue").unwrap(), 5.5);
    assert_eq!(v.get("DoubleDribble").unwrap().to_f64("/DoubleDribble").unwrap(), 6.5);

    // RestJsonSupportsNaNFloatInputs / RestJsonSupportsInfinityFloatInputs / NegativeInfinity.
    let v = parse_str("{\n    \"floatValue\": \"NaN\",\n    \"DoubleDribble\": \"NaN\"\n}").unwrap();
    assert!(v.get("floatValue").unwrap().to_f32("").unwrap().is_nan());
    assert!(v.get("DoubleDribble").unwrap().to_f64("").unwrap().is_nan());
    let v = parse_str("{\n    \"floatValue\": \"Infinity\",\n    \"DoubleDribble\": \"-Infinity\"\n}").unwrap();
    assert_eq!(v.get("floatValue").unwrap().to_f32("").unwrap(), f32::INFINITY);
    assert_eq!(v.get("DoubleDribble").unwrap().to_f64("").unwrap(), f64::NEG_INFINITY);

    // DocumentOutputNumber, DocumentTypeAsPayloadOutputString.
    let v = parse_str("{\n    \"stringValue\": \"string\",\n    \"documentValue\": 10\n}").unwrap();
    assert_eq!(v.get("documentValue").unwrap().to_document(), Document::Number(Number::PosInt(10)));
    assert_eq!(parse_str("\"hello\"").unwrap().to_document(), Document::String("hello".to_owned()));

    // RestJsonFooErrorWithNestedTypeProperty: the nested __type is not the top-level one.
    let body = "{\n    \"__type\": \"aws.protocoltests.restjson#FooError\",\n    \"ErrorDetails\": [\n      {\n          \"__type\": \"com.amazon.internal#ErrorDetails\",\n          \"reason\": \"Some reason\"\n      }\n    ]\n}";
    let v = parse_str(body).unwrap();
    assert_eq!(v.get("__type").and_then(Json::as_str), Some("aws.protocoltests.restjson#FooError"));

    // RestJsonDateTimeWithNegativeOffset: leading whitespace and a trailing newline.
    let v = parse_str("      {\n          \"datetime\": \"2019-12-16T22:48:18-01:00\"\n      }\n").unwrap();
    assert_eq!(v.get("datetime").and_then(Json::as_str), Some("2019-12-16T22:48:18-01:00"));

    // RestJsonTechnicallyValidJsonBody values parse; the shape check is the deserializer's job.
    for text in ["[{ \"int\": 10}]", "10", "null"] {
        let v = parse_str(text).unwrap();
        assert!(v.expect_object("").is_err(), "{text}");
    }
}

#[test]
fn decodes_escapes_and_surrogate_pairs() {
    let cases: &[(&str, &str)] = &[
        (r#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{c}\n\r\t"),
        (r#""\u0041\u00e9\u20AC""#, "Aé€"),
        (r#""\ud83d\ude39""#, "😹"),
        (r#""\uD834\uDD1E x""#, "𝄞 x"),
        (r#""\u0000""#, "\u{0}"),
        ("\"raw 😹 é\"", "raw 😹 é"),
        (r#""a\u0022b""#, "a\"b"),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_str(text).unwrap(), Json::String((*expected).to_owned()), "{text}");
    }
}

#[test]
fn duplicate_keys_last_one_wins() {
    let v = parse_str(r#"{"a": 1, "b": 2, "a": 3}"#).unwrap();
    // Every entry is kept in order...
    assert_eq!(v.expect_object("").unwrap().len(), 3);
    // ...lookups take the last...
    assert_eq!(v.get("a").unwrap().to_i32("/a").unwrap(), 3);
    // ...and so do documents.
    assert_eq!(
        v.to_document(),
        obj(vec![
            ("a".to_owned(), Document::Number(Number::PosInt(3))),
            ("b".to_owned(), Document::Number(Number::PosInt(2))),
        ])
    );
    assert_eq!(v.get("missing"), None);
    assert_eq!(parse_str("[1]").unwrap().get("a"), None);
}

#[test]
fn empty_bodies_are_reported_distinctly() {
    for body in [&b""[..], b"  ", b"\n\t\r "] {
        assert!(is_empty_body(body));
        let err = parse(body).unwrap_err();
        assert_eq!(err.message(), "empty input");
    }
    assert!(!is_empty_body(b" {}"));
    assert!(!is_empty_body(b"\x0c"));
}

// ------------------------------------------------------------------------------------------
// Parser: invalid input
// ------------------------------------------------------------------------------------------

#[test]
fn rejects_the_smithy_malformed_bodies() {
    // RestJsonInvalidJsonBody, RestJsonBodyMalformedListUnclosed, RestJsonBodyMalformedMapNullKey,
    // and RestJsonBodyBooleanBadLiteral / *MalformedValueRejected literals placed in a body.
    let bodies = [
        "{[",
        "{ \"int\": 10 }abc",
        "abc{ \"int\": 10 }",
        "{\n    \"int\": 10 // the integer should be 10\n}",
        "{\n    \"int\": 10 /* the integer should be 10 */\n}",
        "{\"int\" :\u{c}10}",
        "{'int': 10}",
        "{\"int\": 10,}",
        "{ \"bodyList\" : [\"a\", \"b\", \"c\" }",
        "{ \"bodyMap\" : { null: \"abc\" }  }",
        "{ \"booleanInBody\" : True }",
        "{ \"booleanInBody\" : yes }",
        "{ \"integerInBody\" : 2ABC }",
        "{ \"integerInBody\" : 0x42 }",
        "{ \"integerInBody\" : Infinity }",
        "{ \"integerInBody\" : -Infinity }",
        "{ \"integerInBody\" : NaN }",
        "{ \"blob\" : blob }",
        "{ \"blob\" : [][] }",
        "{ \"timestamp\": 1515531081.123.456 }",
        "{ \"timestamp\": 1515531081ABC }",
    ];
    for body in bodies {
        assert!(parse_str(body).is_err(), "{body:?} must be rejected");
    }
}

#[test]
fn rejects_invalid_json_with_offsets() {
    let cases: &[(&[u8], usize, &str)] = &[
        (b"[1,]", 3, "expected a value"),
        (b"[1 2]", 3, "expected ',' or ']'"),
        (b"{\"a\" 1}", 5, "expected ':' after an object key"),
        (b"{\"a\":1 \"b\":2}", 7, "expected ',' or '}'"),
        (b"{,}", 1, "expected a double-quoted object key"),
        (b"01", 1, "leading zeros are not allowed in numbers"),
        (b"-01", 2, "leading zeros are not allowed in numbers"),
        (b"-", 0, "invalid number"),
        (b"1.", 0, "invalid number"),
        (b".5", 0, "expected a value"),
        (b"+1", 0, "expected a value"),
        (b"1e", 0, "invalid number"),
        (b"1e+", 0, "invalid number"),
        (b"tru", 0, "expected a value (literals are lowercase true, false and null)"),
        (b"nul", 0, "expected a value (literals are lowercase true, false and null)"),
        (b"True", 0, "expected a value"),
        (b"truex", 4, "unexpected data after the JSON value"),
        (b"\"abc", 4, "unterminated string"),
        (b"\"a\\", 3, "unterminated string"),
        (b"\"\\x\"", 2, "invalid escape sequence"),
        (b"\"\\u12G4\"", 5, "expected four hex digits after \\u"),
        (b"\"\\u12", 5, "unexpected end of input in a \\u escape"),
        (b"\"\\ud800\"", 1, "lone high surrogate in a \\u escape"),
        (b"\"\\ud800\\u0041\"", 1, "high surrogate not followed by a low surrogate"),
        (b"\"\\ud800\\ud800\"", 1, "high surrogate not followed by a low surrogate"),
        (b"\"\\udc00\"", 1, "lone low surrogate in a \\u escape"),
        (b"\"\\udfff\\ud800\"", 1, "lone low surrogate in a \\u escape"),
        (b"\"a\nb\"", 2, "unescaped control character in a string"),
        (b"\"a\x1fb\"", 2, "unescaped control character in a string"),
        (b"\"\\n\x01\"", 3, "unescaped control character in a string"),
        (b"\xef\xbb\xbf{}", 0, "expected a value"),
        (b"\"\xff\"", 1, "invalid UTF-8"),
        (b"\"\xc0\xaf\"", 1, "invalid UTF-8"),
        (b"\"\xed\xa0\x80\"", 1, "invalid UTF-8"),
        (b"[\"ok\", \"\xe2\x82\"]", 8, "invalid UTF-8"),
        (b"[", 1, "unexpected end of input, expected a value"),
        (b"[1", 2, "unexpected end of input in an array"),
        (b"{\"a\":1", 6, "unexpected end of input in an object"),
        (b"{\"a\"", 4, "unexpected end of input, expected ':'"),
        (b"{", 1, "unexpected end of input, expected an object key"),
        (b"{} {}", 3, "unexpected data after the JSON value"),
        (b"\x0c{}", 0, "expected a value"),
        (b"\xc2\xa0{}", 0, "expected a value"),
    ];
    for (input, offset, message) in cases {
        let err = parse(input).expect_err(&String::from_utf8_lossy(input));
        assert_eq!((err.offset(), err.message()), (*offset, *message), "{:?}", String::from_utf8_lossy(input));
        assert_eq!(err.to_string(), format!("invalid JSON at byte {offset}: {message}"));
    }
}

#[test]
fn nesting_is_limited_without_recursion() {
    let nested = |depth: usize, open: &str, close: &str| format!("{}{}", open.repeat(depth), close.repeat(depth));
    assert!(parse_str(&nested(MAX_DEPTH, "[", "]")).is_ok());
    assert!(parse_str(&nested(MAX_DEPTH, "{\"a\":", "}").replacen("{\"a\":}", "{}", 1)).is_ok());
    let err = parse_str(&nested(MAX_DEPTH + 1, "[", "]")).unwrap_err();
    assert_eq!((err.offset(), err.message()), (MAX_DEPTH, "arrays and objects are nested too deeply"));
    // Hostile bodies: 100k openers, closed or not, arrays or objects, fail fast.
    for body in [
        "[".repeat(100_000),
        nested(100_000, "[", "]"),
        "{\"a\":".repeat(100_000),
        "[{\"a\":".repeat(50_000),
        format!("{}1", "[".repeat(100_000)),
    ] {
        let err = parse_str(&body).unwrap_err();
        assert_eq!(err.message(), "arrays and objects are nested too deeply");
    }
    // Wide is fine: one million siblings.
    let wide = format!("[{}0]", "0,".repeat(1_000_000));
    assert_eq!(parse_str(&wide).unwrap().expect_array("").unwrap().len(), 1_000_001);
}

#[test]
fn truncations_of_a_valid_body_never_parse() {
    let body = r#"{"a":[1,-2.5e3,true,false,null,"s\u00e9\"",{"b":{}}],"c":"😹"}"#;
    assert!(parse_str(body).is_ok());
    for end in 0..body.len() {
        if body.is_char_boundary(end) {
            assert!(parse_str(&body[..end]).is_err(), "{}", &body[..end]);
        }
        assert!(parse(&body.as_bytes()[..end]).is_err());
    }
}

// ------------------------------------------------------------------------------------------
// Typed accessors
// ------------------------------------------------------------------------------------------

#[test]
fn kinds_and_type_mismatch_messages() {
    let cases: &[(&str, &str)] = &[
        ("null", "null"),
        ("true", "a boolean"),
        ("1", "a number"),
        ("\"s\"", "a string"),
        ("[]", "an array"),
        ("{}", "an object"),
    ];
    for (text, kind) in cases {
        let v = parse_str(text).unwrap();
        assert_eq!(v.kind(), *kind);
        assert_eq!(v.is_null(), *text == "null");
    }
    let v = parse_str("1").unwrap();
    let err = v.expect_string("/a/b").unwrap_err();
    assert_eq!(err.to_string(), "at '/a/b': expected a string, found a number");
    assert_eq!((err.path(), err.message()), ("/a/b", "expected a string, found a number"));
    let s = parse_str("\"true\"").unwrap();
    assert_eq!(s.expect_bool("/flag").unwrap_err().to_string(), "at '/flag': expected a boolean, found a string");
    assert_eq!(s.expect_array("").unwrap_err().to_string(), "at the document root: expected an array, found a string");
    assert_eq!(s.expect_object("/o").unwrap_err().message(), "expected an object, found a string");
    assert_eq!(s.expect_number("/n").unwrap_err().message(), "expected a number, found a string");
    assert_eq!(Json::Null.expect_string("/x").unwrap_err().message(), "expected a string, found null");
    let custom = DeserializeError::new("/m", "missing required member");
    assert_eq!(custom.to_string(), "at '/m': missing required member");
}

#[test]
fn json_pointer_paths_escape_tilde_and_slash() {
    assert_eq!(child_path("", "a"), "/a");
    assert_eq!(child_path("/a", "b/c~d"), "/a/b~1c~0d");
    assert_eq!(child_path("/a", ""), "/a/");
    assert_eq!(index_path("/list", 3), "/list/3");
    assert_eq!(index_path(&child_path("", "m"), 0), "/m/0");
}

#[test]
fn integer_conversions_are_exact_and_checked() {
    // (literal, i8, i16, i32, i64) where None means an error.
    type Row = (&'static str, Option<i8>, Option<i16>, Option<i32>, Option<i64>);
    let rows: &[Row] = &[
        ("0", Some(0), Some(0), Some(0), Some(0)),
        ("-0", Some(0), Some(0), Some(0), Some(0)),
        ("127", Some(127), Some(127), Some(127), Some(127)),
        ("128", None, Some(128), Some(128), Some(128)),
        ("-128", Some(-128), Some(-128), Some(-128), Some(-128)),
        ("-129", None, Some(-129), Some(-129), Some(-129)),
        ("32767", None, Some(32767), Some(32767), Some(32767)),
        ("32768", None, None, Some(32768), Some(32768)),
        ("2147483647", None, None, Some(i32::MAX), Some(2147483647)),
        ("2147483648", None, None, None, Some(2147483648)),
        ("-2147483648", None, None, Some(i32::MIN), Some(-2147483648)),
        ("-2147483649", None, None, None, Some(-2147483649)),
        ("9223372036854775807", None, None, None, Some(i64::MAX)),
        ("9223372036854775808", None, None, None, None),
        ("-9223372036854775808", None, None, None, Some(i64::MIN)),
        ("-9223372036854775809", None, None, None, None),
        // Smithy's *UnderflowOverflow cases.
        ("256", None, Some(256), Some(256), Some(256)),
        ("-256", None, Some(-256), Some(-256), Some(-256)),
        ("-9223372000000000000", None, None, None, Some(-9223372000000000000)),
        ("9223372000000000000", None, None, None, Some(9223372000000000000)),
        ("123000000000000000000000", None, None, None, None),
        // Exactly integral non-integer literals are accepted.
        ("1.0", Some(1), Some(1), Some(1), Some(1)),
        ("1e2", Some(100), Some(100), Some(100), Some(100)),
        ("1E+2", Some(100), Some(100), Some(100), Some(100)),
        ("1.5e1", Some(15), Some(15), Some(15), Some(15)),
        ("100e-2", Some(1), Some(1), Some(1), Some(1)),
        ("0.05e2", Some(5), Some(5), Some(5), Some(5)),
        ("-0.0e-7", Some(0), Some(0), Some(0), Some(0)),
        ("0e99999999999999999999999", Some(0), Some(0), Some(0), Some(0)),
        ("9.223372036854775807e18", None, None, None, Some(i64::MAX)),
        // Fractions and huge magnitudes are errors.
        ("1.5", None, None, None, None),
        ("1.001", None, None, None, None),
        ("1e-1", None, None, None, None),
        ("1e-400", None, None, None, None),
        ("1e400", None, None, None, None),
        ("-1e99999999999999999999999", None, None, None, None),
        ("1e-99999999999999999999999", None, None, None, None),
    ];
    for (text, i8v, i16v, i32v, i64v) in rows {
        let v = num(text);
        assert_eq!(v.to_i8("/v").ok(), *i8v, "i8 {text}");
        assert_eq!(v.to_i16("/v").ok(), *i16v, "i16 {text}");
        assert_eq!(v.to_i32("/v").ok(), *i32v, "i32 {text}");
        assert_eq!(v.to_i64("/v").ok(), *i64v, "i64 {text}");
    }
    // A 400-digit number is out of range, not a panic or a wrap.
    let huge = "9".repeat(400);
    let err = num(&huge).to_i32("/integerValue").unwrap_err();
    assert_eq!(
        err.to_string(),
        "at '/integerValue': number is out of range for an integer (-2147483648 to 2147483647)"
    );
    let err = num(&format!("-{huge}.5")).to_i64("/x").unwrap_err();
    assert_eq!(err.message(), "expected a long, found a number with a fractional part");
    assert_eq!(num("256").to_i8("/b").unwrap_err().message(), "number is out of range for a byte (-128 to 127)");
    assert_eq!(
        num("1.001").to_i16("/s").unwrap_err().message(),
        "expected a short, found a number with a fractional part"
    );
    // Smithy's *MalformedValueRejected: coercions from other kinds are errors.
    for text in ["\"123\"", "true", "\"Infinity\"", "\"-Infinity\"", "\"NaN\"", "null", "[1]", "{}"] {
        let v = parse_str(text).unwrap();
        assert!(
            v.to_i8("").is_err() && v.to_i16("").is_err() && v.to_i32("").is_err() && v.to_i64("").is_err(),
            "{text}"
        );
    }
}

#[test]
fn float_conversions() {
    let v = num("1.1");
    assert_eq!(v.to_f64("").unwrap(), 1.1);
    assert_eq!(v.to_f32("").unwrap(), 1.1f32);
    assert_eq!(num("-0").to_f64("").unwrap().to_bits(), (-0.0f64).to_bits());
    assert_eq!(num("1e-400").to_f64("").unwrap(), 0.0);
    assert_eq!(num("123456789012345678901234567890").to_f64("").unwrap(), 1.2345678901234568e29);
    assert_eq!(num("3.4028235e38").to_f32("").unwrap(), f32::MAX);
    assert_eq!(
        num(&"9".repeat(400)).to_f64("/d").unwrap_err().to_string(),
        "at '/d': number is out of range for a double"
    );
    assert_eq!(num("1e400").to_f64("").unwrap_err().message(), "number is out of range for a double");
    assert_eq!(num("3.4028236e38").to_f32("").unwrap_err().message(), "number is out of range for a float");
    assert_eq!(num("1e39").to_f32("").unwrap_err().message(), "number is out of range for a float");
    for (text, expected) in
        [("\"NaN\"", f64::NAN), ("\"Infinity\"", f64::INFINITY), ("\"-Infinity\"", f64::NEG_INFINITY)]
    {
        let v = parse_str(text).unwrap();
        let (d, f) = (v.to_f64("").unwrap(), v.to_f32("").unwrap());
        if expected.is_nan() {
            assert!(d.is_nan() && f.is_nan());
        } else {
            assert_eq!((d, f64::from(f)), (expected, expected));
        }
    }
    // Smithy's Body{Float,Double}MalformedValueRejected string_coercion / boolean_coercion, and
    // spellings other than the three the protocol defines.
    for text in ["\"123\"", "true", "\"nan\"", "\"inf\"", "\"infinity\"", "\"+Infinity\"", "null", "[]"] {
        let v = parse_str(text).unwrap();
        assert!(v.to_f64("").is_err() && v.to_f32("").is_err(), "{text}");
    }
    assert_eq!(
        parse_str("\"123\"").unwrap().to_f64("/f").unwrap_err().message(),
        "expected a number, found a string other than \"NaN\", \"Infinity\" or \"-Infinity\""
    );
}

#[test]
fn big_number_text() {
    let cases: &[(&str, Option<&str>)] = &[
        ("123456789012345678901234567890123456789", Some("123456789012345678901234567890123456789")),
        ("-5", Some("-5")),
        ("-0", Some("0")),
        ("0", Some("0")),
        ("1e3", Some("1000")),
        ("1.5e3", Some("1500")),
        ("-12.50e1", Some("-125")),
        ("100e-2", Some("1")),
        ("1.5", None),
        ("1e-3", None),
        ("1e100", None),
        ("1e99999999999", None),
    ];
    for (text, expected) in cases {
        assert_eq!(num(text).to_big_integer_text("").ok().as_deref(), *expected, "{text}");
    }
    assert_eq!(num("1e60").to_big_integer_text("").unwrap(), format!("1{}", "0".repeat(60)));
    // The text is accepted by the BigInteger type.
    let text = num("4.2e1").to_big_integer_text("").unwrap();
    assert_eq!(text.parse::<smithy_rt::primitives::BigInteger>().unwrap().as_str(), "42");
    assert_eq!(
        num("1.5").to_big_integer_text("/b").unwrap_err().to_string(),
        "at '/b': expected a big integer, found a number with a fractional part"
    );
    assert_eq!(num("1.5e-3").to_big_decimal_text("").unwrap(), "1.5e-3");
    let d: smithy_rt::primitives::BigDecimal = num("-1.5E+300").to_big_decimal_text("").unwrap().parse().unwrap();
    assert_eq!(d.as_str(), "-1.5E+300");
    assert!(parse_str("\"1\"").unwrap().to_big_decimal_text("").is_err());
    assert!(parse_str("\"1\"").unwrap().to_big_integer_text("").is_err());
}

#[test]
fn documents_from_json() {
    let cases: &[(&str, Number)] = &[
        ("10", Number::PosInt(10)),
        ("0", Number::PosInt(0)),
        ("-0", Number::PosInt(0)),
        ("-10", Number::NegInt(-10)),
        ("18446744073709551615", Number::PosInt(u64::MAX)),
        ("18446744073709551616", Number::Float(18446744073709551616.0)),
        ("-9223372036854775808", Number::NegInt(i64::MIN)),
        ("-9223372036854775809", Number::Float(-9223372036854775809.0)),
        ("1.5", Number::Float(1.5)),
        ("1e2", Number::Float(100.0)),
        ("1.0", Number::Float(1.0)),
        ("1e400", Number::Float(f64::INFINITY)),
    ];
    for (text, expected) in cases {
        assert_eq!(num(text).to_document(), Document::Number(*expected), "{text}");
    }
    let v = parse_str(r#"{"foo": "bar", "list": [true, null, {"x": "NaN"}]}"#).unwrap();
    assert_eq!(
        v.to_document(),
        obj(vec![
            ("foo".to_owned(), Document::String("bar".to_owned())),
            (
                "list".to_owned(),
                Document::Array(vec![
                    Document::Bool(true),
                    Document::Null,
                    obj(vec![("x".to_owned(), Document::String("NaN".to_owned()))]),
                ])
            ),
        ])
    );
}

// ------------------------------------------------------------------------------------------
// Hostile input and agreement with serde_json
// ------------------------------------------------------------------------------------------

/// Run every accessor on every value of a tree; none may panic.
fn exercise(v: &Json) {
    let _ = (v.kind(), v.is_null(), v.as_str(), v.as_bool(), v.as_number(), v.as_array(), v.as_object());
    let _ = (v.expect_string("/x"), v.expect_bool("/x"), v.expect_number("/x"));
    let _ = (v.to_i8("/x"), v.to_i16("/x"), v.to_i32("/x"), v.to_i64("/x"), v.to_f32("/x"), v.to_f64("/x"));
    let _ = (v.to_big_integer_text("/x"), v.to_big_decimal_text("/x"), v.get("a"));
    match v {
        Json::Array(items) => items.iter().for_each(exercise),
        Json::Object(entries) => entries.iter().for_each(|(_, v)| exercise(v)),
        _ => {}
    }
}

/// The tree as a serde_json value (numbers via their literal text, duplicate keys last-wins).
fn to_serde(v: &Json) -> serde_json::Value {
    match v {
        Json::Null => serde_json::Value::Null,
        Json::Bool(b) => serde_json::Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n.as_str()).expect("serde_json reads our number literal"),
        Json::String(s) => serde_json::Value::String(s.clone()),
        Json::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(entries) => {
            let mut map = serde_json::Map::new();
            for (k, v) in entries {
                map.insert(k.clone(), to_serde(v));
            }
            serde_json::Value::Object(map)
        }
    }
}

const PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\n",
    "\"",
    "\"a\"",
    "\"k\":",
    "1",
    "-",
    "0",
    "01",
    ".5",
    "e",
    "E+",
    "1e5",
    "-2.5",
    "true",
    "false",
    "null",
    "tru",
    "\\",
    "\\u",
    "\\ud83d",
    "\\ude39",
    "\\n",
    "\\x",
    "é",
    "😹",
    "\u{1}",
    "\t",
    "NaN",
    "//",
    "/*",
    "'",
    "[]",
    "{}",
    "\"\\u00e9\"",
    "123456789012345678901234567890",
];

fn random_document(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(40) {
        text.push_str(PIECES[rng.below(PIECES.len())]);
    }
    text
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 => bytes.insert(at, rng.next() as u8),
            2 if at < bytes.len() => bytes[at] = rng.next() as u8,
            _ => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                bytes.splice(at..at, piece.iter().copied());
            }
        }
    }
    bytes
}

fn has_infinity(doc: &Document) -> bool {
    match doc {
        Document::Number(Number::Float(f)) => f.is_infinite(),
        Document::Array(items) => items.iter().any(has_infinity),
        Document::Object(entries) => entries.iter().any(|(_, v)| has_infinity(v)),
        _ => false,
    }
}

fn check_against_serde(input: &[u8]) -> bool {
    let ours = parse(input);
    let theirs = serde_json::from_slice::<serde_json::Value>(input);
    match (&ours, &theirs) {
        (Ok(v), Ok(expected)) => {
            exercise(v);
            assert_eq!(&to_serde(v), expected, "{:?}", String::from_utf8_lossy(input));
            // What we read, we write back to the same document (unless a number overflowed to
            // infinity, which documents write as the string "Infinity").
            let doc = v.to_document();
            if !has_infinity(&doc) {
                let mut w = JsonWriter::new();
                w.document(&doc);
                let again = parse_str(&w.into_string()).unwrap();
                assert_eq!(again.to_document(), doc);
            }
            true
        }
        (Err(_), Err(_)) => false,
        _ => panic!(
            "parsers disagree on {:?}: ours {:?}, serde_json {:?}",
            String::from_utf8_lossy(input),
            ours.map(|_| ()),
            theirs.map(|_| ())
        ),
    }
}

#[test]
fn random_inputs_never_panic_and_agree_with_serde_json() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let seeds: &[&[u8]] = &[
        br#"{"a":[1,-2.5e3,true,false,null,"s\u00e9\"",{"b":{}}],"c":"x"}"#,
        br#"[{"__type":"aws#FooError","message":"m"},[[[]]],0.5,-0,1E+2]"#,
        "{\"😹\": \"\\ud83d\\ude39\", \"k\": [\"\\\\\", \"\\/\"]}".as_bytes(),
    ];
    let mut accepted = 0;
    for i in 0..60_000 {
        let input = if i % 2 == 0 {
            random_document(&mut rng).into_bytes()
        } else {
            let seed = seeds[rng.below(seeds.len())];
            mutate(&mut rng, seed)
        };
        if check_against_serde(&input) {
            accepted += 1;
        }
    }
    // Make sure the generator exercises both outcomes.
    assert!(accepted > 1_000, "only {accepted} random inputs were valid JSON");
}

#[test]
fn every_json_body_in_the_smithy_protocol_tests() {
    let Some(path) = shared_file("protocol-tests/aws.protocoltests.restjson.json") else {
        return;
    };
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut checked = 0;
    let mut invalid = 0;
    for shape in model["shapes"].as_object().unwrap().values() {
        let Some(traits) = shape.get("traits") else { continue };
        for kind in ["smithy.test#httpRequestTests", "smithy.test#httpResponseTests"] {
            for case in traits.get(kind).and_then(|v| v.as_array()).into_iter().flatten() {
                let (Some(body), Some("application/json")) = (case["body"].as_str(), case["bodyMediaType"].as_str())
                else {
                    continue;
                };
                if is_empty_body(body.as_bytes()) {
                    continue;
                }
                assert!(check_against_serde(body.as_bytes()), "{}: {body}", case["id"]);
                checked += 1;
            }
        }
        // RestJsonInvalidJsonBody and friends: malformed bodies with a $value:L placeholder.
        for case in traits.get("smithy.test#httpMalformedRequestTests").and_then(|v| v.as_array()).into_iter().flatten()
        {
            let id = case["id"].as_str().unwrap();
            if id != "RestJsonInvalidJsonBody" {
                continue;
            }
            for value in case["testParameters"]["value"].as_array().unwrap() {
                let body = case["request"]["body"].as_str().unwrap().replace("$value:L", value.as_str().unwrap());
                assert!(parse_str(&body).is_err(), "{id}: {body:?}");
                invalid += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} bodies found");
    assert_eq!(invalid, 8);
}
