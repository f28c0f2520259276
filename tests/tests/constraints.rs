//! Every constraint kind at min-1, min, max and max+1, through a crate generated from
//! `tests/crates/constraints/model.json` and used as an ordinary dependency.

use std::collections::HashMap;

use constraints_crate::operation::put_constrained::PutConstrainedInput;
use constraints_crate::operation::put_constrained::builders::PutConstrainedInputBuilder;
use constraints_crate::operation::put_nested::PutNestedInput;
use constraints_crate::primitives::{BigDecimal, BigInteger, Blob};
use constraints_crate::types::{Choice, Colour, Credentials, Level, Node, Point};
use constraints_crate::{Validate, ValidationError};

fn base() -> PutConstrainedInputBuilder {
    PutConstrainedInput::builder().name("abcd")
}

/// The single message of a result that must fail with exactly one violation.
fn one(result: Result<PutConstrainedInput, ValidationError>) -> String {
    let err = result.expect_err("expected one violation");
    assert_eq!(err.violations().len(), 1, "{err}");
    err.violations()[0].message().to_string()
}

fn ok(result: Result<PutConstrainedInput, ValidationError>) {
    if let Err(err) = result {
        panic!("expected valid, got: {err}");
    }
}

#[test]
fn required() {
    assert_eq!(
        PutConstrainedInput::builder().build().expect_err("name missing").to_string(),
        "1 validation error detected. Value at '/name' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn string_length_between() {
    let msg = |n: usize| format!("Value with length {n} at '/name' failed to satisfy constraint: Member must have length between 2 and 8, inclusive");
    assert_eq!(one(base().name("a").build()), msg(1));
    ok(base().name("ab").build());
    ok(base().name("abcdefgh").build());
    assert_eq!(one(base().name("abcdefghi").build()), msg(9));
    // Unicode scalar values: two astral characters are length 2; nine two-byte ones are 9.
    ok(base().name("👍👍").build());
    assert_eq!(one(base().name("é".repeat(9)).build()), msg(9));
    assert_eq!(one(base().name("👍").build()), msg(1));
}

#[test]
fn string_length_min_only_and_max_only() {
    assert_eq!(
        one(base().min_only("a").build()),
        "Value with length 1 at '/minOnly' failed to satisfy constraint: Member must have length greater than or equal to 2"
    );
    ok(base().min_only("ab").build());
    ok(base().max_only("abcdefgh").build());
    assert_eq!(
        one(base().max_only("abcdefghi").build()),
        "Value with length 9 at '/maxOnly' failed to satisfy constraint: Member must have length less than or equal to 8"
    );
}

#[test]
fn member_constraint_replaces_the_targets() {
    // `override` targets Name (2..8) but narrows it to 4..6 on the member.
    ok(base().r#override("abcd").build());
    ok(base().r#override("abcdef").build());
    assert_eq!(
        one(base().r#override("abc").build()),
        "Value with length 3 at '/override' failed to satisfy constraint: Member must have length between 4 and 6, inclusive"
    );
    assert!(one(base().r#override("abcdefg").build()).contains("between 4 and 6"));
}

#[test]
fn blob_length_counts_bytes() {
    ok(base().token(Blob::new(vec![0u8; 2])).build());
    ok(base().token(Blob::new(vec![0u8; 4])).build());
    assert_eq!(
        one(base().token(Blob::new(vec![0u8; 1])).build()),
        "Value with length 1 at '/token' failed to satisfy constraint: Member must have length between 2 and 4, inclusive"
    );
    assert!(one(base().token(Blob::new("👍👍".as_bytes())).build()).contains("Value with length 8 at '/token'"));
}

#[test]
fn list_and_map_length_count_entries() {
    let err = base().set_names(Some(vec![])).build().expect_err("empty list");
    assert_eq!(
        err.violations()[0].message(),
        "Value with length 0 at '/names' failed to satisfy constraint: Member must have length between 1 and 3, inclusive"
    );
    ok(base().names("ab").names("cd").names("ef").build());
    assert!(one(base().names("ab").names("cd").names("ef").names("gh").build()).contains("Value with length 4 at '/names'"));
    ok(base().labels("abc", "xy").labels("m", "xy").build());
    assert_eq!(
        one(base().labels("a", "xy").labels("b", "xy").labels("c", "xy").build()),
        "Value with length 3 at '/labels' failed to satisfy constraint: Member must have length less than or equal to 2"
    );
}

#[test]
fn list_members_and_map_values_are_checked_at_their_paths_and_keys_at_the_map() {
    let err = base().names("ok").names("x").build().expect_err("short item");
    assert_eq!(
        err.violations()[0].message(),
        "Value with length 1 at '/names/1' failed to satisfy constraint: Member must have length between 2 and 8, inclusive"
    );
    let err = base().labels("abc", "x").build().expect_err("short value");
    assert_eq!(
        err.violations()[0].message(),
        "Value with length 1 at '/labels/abc' failed to satisfy constraint: Member must have length between 2 and 8, inclusive"
    );
    let err = base().labels("xyz", "okay").build().expect_err("bad key");
    assert_eq!(
        err.violations()[0].message(),
        "Value at '/labels' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$"
    );
}

#[test]
fn patterns_follow_ecma_262() {
    ok(base().letters("abcm").build());
    assert_eq!(
        one(base().letters("abcz").build()),
        "Value at '/letters' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-m]+$"
    );
    // ECMA `\d` is ASCII only: Arabic-Indic digits do not match.
    ok(base().digits("0123456789").build());
    assert!(one(base().digits("٣").build()).contains("pattern: ^\\d+$"));
    // ECMA `.` (with the `u` flag) matches one code point, astral included, but no line terminator.
    ok(base().anything("👍").build());
    assert!(one(base().anything("\u{2028}").build()).contains("pattern: ^.$"));
    assert!(one(base().anything("\n").build()).contains("pattern: ^.$"));
}

#[test]
fn leading_lookaheads_are_enforced_exactly() {
    // `^(?!aws:)(?=.*[a-z])[a-z0-9:]+$`: the lookaheads run as separate linear-time expressions.
    ok(base().tag_key("team:blue").build());
    ok(base().tag_key("awsome").build());
    let message = "Value at '/tagKey' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!aws:)(?=.*[a-z])[a-z0-9:]+$";
    assert_eq!(one(base().tag_key("aws:reserved").build()), message);
    assert_eq!(one(base().tag_key("1234").build()), message);
    assert_eq!(one(base().tag_key("Team").build()), message);
}

#[test]
fn the_smithy_redos_case_finishes_at_once() {
    let hostile = format!("{}!", "0".repeat(84));
    assert_eq!(
        one(base().redos(hostile).build()),
        "Value at '/redos' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([0-9]+)+$"
    );
    // Linear time: a megabyte of digits with a bad last character is still instant.
    let long = format!("{}!", "0".repeat(1 << 20));
    assert!(base().redos(long).build().is_err());
}

#[test]
fn integer_ranges() {
    let msg = |path: &str| format!("Value at '/{path}' failed to satisfy constraint: Member must be between 2 and 8, inclusive");
    assert_eq!(one(base().tiny(1i8).build()), msg("tiny"));
    ok(base().tiny(2i8).small(8i16).count(2).build());
    assert_eq!(one(base().small(9i16).build()), msg("small"));
    assert_eq!(one(base().count(-1).build()), msg("count"));
    assert_eq!(
        one(base().at_least_two(1).build()),
        "Value at '/atLeastTwo' failed to satisfy constraint: Member must be greater than or equal to 2"
    );
    assert_eq!(
        one(base().at_most_eight(9).build()),
        "Value at '/atMostEight' failed to satisfy constraint: Member must be less than or equal to 8"
    );
    ok(base().at_least_two(i32::MAX).at_most_eight(i32::MIN).build());
}

#[test]
fn long_ranges_are_exact_beyond_2_pow_53() {
    ok(base().big(9_007_199_254_740_993i64).build());
    assert!(one(base().big(9_007_199_254_740_994i64).build()).contains("between -9007199254740993 and 9007199254740993"));
}

#[test]
fn float_ranges_print_bounds_as_the_model_wrote_them() {
    let msg = |path: &str| format!("Value at '/{path}' failed to satisfy constraint: Member must be between 2.2 and 8.8, inclusive");
    ok(base().score(2.2).ratio(8.8f32).build());
    assert_eq!(one(base().score(2.1999).build()), msg("score"));
    assert_eq!(one(base().score(8.8001).build()), msg("score"));
    assert_eq!(one(base().score(f64::NAN).build()), msg("score"));
    assert_eq!(one(base().ratio(9.0f32).build()), msg("ratio"));
}

#[test]
fn big_number_ranges_compare_exactly() {
    let exact = |s: &str| base().exact(s.parse::<BigDecimal>().expect("decimal")).build();
    ok(exact("2.2"));
    ok(exact("8.80000"));
    assert!(one(exact("2.19999999999999999999999")).contains("'/exact'"));
    assert!(one(exact("8.80000000000000000000001")).contains("between 2.2 and 8.8, inclusive"));
    let huge = |s: &str| base().huge(s.parse::<BigInteger>().expect("integer")).build();
    ok(huge("100000000000000000000"));
    assert!(one(huge("100000000000000000001")).contains("between 2 and 100000000000000000000, inclusive"));
    assert!("1.5".parse::<BigInteger>().is_err());
}

#[test]
fn enums_list_public_values_and_accept_internal_ones() {
    ok(base().colour(Colour::Green).build());
    ok(base().colour(Colour::from("secret")).build());
    assert_eq!(
        one(base().colour(Colour::from("blue")).build()),
        "Value at '/colour' failed to satisfy constraint: Member must satisfy enum value set: [red, green]"
    );
    assert_eq!(
        one(base().colours(Colour::Red).colours(Colour::from("blue")).build()),
        "Value at '/colours/1' failed to satisfy constraint: Member must satisfy enum value set: [red, green]"
    );
    ok(base().level(Level::from(10)).build());
    assert_eq!(
        one(base().level(Level::from(5)).build()),
        "Value at '/level' failed to satisfy constraint: Member must satisfy enum value set: [1, 10]"
    );
}

#[test]
fn unique_items() {
    ok(base().unique_names("a").unique_names("b").build());
    assert_eq!(
        one(base().unique_names("a").unique_names("b").unique_names("a").build()),
        "Value at '/uniqueNames' failed to satisfy constraint: Member must have unique values"
    );
    let p = |x: i32| Point::builder().x(x).build().expect("point");
    ok(base().unique_points(p(1)).unique_points(p(2)).build());
    assert!(one(base().unique_points(p(1)).unique_points(p(1)).build()).contains("'/uniquePoints'"));
}

#[test]
fn defaults_are_documented_and_still_ranged() {
    ok(base().retries(5).build());
    assert!(one(base().retries(6).build()).contains("between 0 and 5"));
}

#[test]
fn many_violations_are_all_reported_in_path_order() {
    let err = PutConstrainedInput::builder()
        .letters("z")
        .count(0)
        .names("x")
        .labels("q", "y")
        .build()
        .expect_err("many");
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["/count", "/labels", "/labels/q", "/letters", "/name", "/names/0"]);
    assert!(err.to_string().starts_with("6 validation errors detected. Value at '/count'"), "{err}");
}

#[test]
fn nested_structures_recursion_and_unions_report_full_paths() {
    let leaf = Node::builder().label("x").build_unvalidated();
    let node = Node::builder().label("root").next(Node::builder().label("ok").next(leaf.clone()).build_unvalidated()).children(leaf).build_unvalidated();
    let err = PutNestedInput::builder().owner("me").node(node).build().expect_err("deep");
    let paths: Vec<&str> = err.violations().iter().map(|v| v.path()).collect();
    assert_eq!(paths, ["/node/children/0/label", "/node/next/next/label"]);

    let err = PutNestedInput::builder()
        .owner("me")
        .point(Point::builder().build_unvalidated())
        .choice(Choice::Nested(Box::new(Choice::Name("n".into()))))
        .build()
        .expect_err("nested");
    assert_eq!(
        err.to_string(),
        "2 validation errors detected. Value with length 1 at '/choice/nested/name' failed to satisfy constraint: \
         Member must have length between 2 and 8, inclusive; Value at '/point/X' failed to satisfy constraint: Member must not be null"
    );
    assert!(PutNestedInput::builder().owner("me").choice(Choice::Nothing).build().is_ok());
    assert!(PutNestedInput::builder().owner("me").choice(Choice::Unknown).build().is_err());
}

#[test]
fn sensitive_values_never_reach_debug_or_messages() {
    let input = PutNestedInput::builder()
        .owner("me")
        .secret("hunter2")
        .api_key("AKIDEXAMPLE")
        .credentials(Credentials::builder().user("root").password("swordfish").build().expect("valid"))
        .build_unvalidated();
    let debug = format!("{input:?}");
    for secret in ["hunter2", "AKIDEXAMPLE", "swordfish", "root"] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
    assert!(debug.contains("*** Sensitive Data Redacted ***"));
    assert!(debug.contains("\"me\""), "non-sensitive members stay visible: {debug}");
    let err = input.validate().expect_err("secret too short");
    assert_eq!(
        err.to_string(),
        "1 validation error detected. Value with length 7 at '/secret' failed to satisfy constraint: Member must have length greater than or equal to 8"
    );
    assert!(!err.to_string().contains("hunter2"));
    let builder_debug = format!("{:?}", PutNestedInput::builder().api_key("AKIDEXAMPLE"));
    assert!(!builder_debug.contains("AKIDEXAMPLE"), "{builder_debug}");
}

#[test]
fn values_built_without_the_builder_are_validated_by_the_trait() {
    let mut input = base().build().expect("valid");
    input.count = Some(100);
    input.labels = Some(HashMap::from([("abc".to_string(), "x".to_string())]));
    let err = input.validate().expect_err("mutated");
    assert_eq!(err.violations().len(), 2);
}

#[test]
fn debug_prints_like_derive_through_the_schemas() {
    let input = PutNestedInput::builder()
        .owner("me")
        .point(Point::builder().x(1).build_unvalidated())
        .choice(Choice::Nested(Box::new(Choice::Point(Point::builder().y(-2).build_unvalidated()))))
        .build_unvalidated();
    assert_eq!(
        format!("{input:?}"),
        "PutNestedInput { owner: Some(\"me\"), point: Some(Point { x: Some(1), y: None }), node: None, \
         choice: Some(Nested(Point(Point { x: None, y: Some(-2) }))), secret: \"*** Sensitive Data Redacted ***\", \
         api_key: \"*** Sensitive Data Redacted ***\", credentials: \"*** Sensitive Data Redacted ***\" }"
    );
    let colours = PutConstrainedInput::builder().colour(Colour::Red).colours(Colour::Green).colours(Colour::from("mauve"));
    let debug = format!("{:?}", colours.as_ref());
    assert!(debug.contains("colour: Some(Colour(\"red\")), colours: Some([Colour(\"green\"), Colour(\"mauve\")])"), "{debug}");
    assert!(format!("{colours:?}").starts_with("PutConstrainedInputBuilder { name: None,"));
}

#[test]
fn equality_is_structural_like_derive() {
    let a = PutNestedInput::builder().owner("me").choice(Choice::Name("n".into())).build_unvalidated();
    let b = a.clone();
    assert_eq!(a, b);
    assert_ne!(a, PutNestedInput::builder().owner("me").choice(Choice::Name("m".into())).build_unvalidated());
    assert_ne!(a, PutNestedInput::builder().owner("me").build_unvalidated());
    assert_eq!(Choice::Unknown, Choice::Unknown);
    assert_ne!(Choice::Nothing, Choice::Unknown);
    let nan = PutConstrainedInput::builder().score(f64::NAN).build_unvalidated();
    assert_ne!(nan, nan.clone(), "NaN is unequal to itself, as with derive(PartialEq)");
    let map = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<HashMap<_, _>>();
    let with = |m| PutConstrainedInput::builder().set_labels(Some(m)).build_unvalidated();
    assert_eq!(with(map(&[("a", "1"), ("b", "2")])), with(map(&[("b", "2"), ("a", "1")])));
    assert_ne!(with(map(&[("a", "1")])), with(map(&[("a", "2")])));
}
