//! The AWS SDKs' public profile-parser test suite (as published with the SDKs, e.g. the Kotlin
//! SDK's `SpecTestSuites.kt`), case by case, plus the file-location suite.

use std::collections::BTreeMap;
use std::path::PathBuf;

use smithy_credentials::profile::{load, selected_profile, Locations, Named, ProfileSet, Section};
use smithy_credentials::FakeEnv;

type Profiles = BTreeMap<String, BTreeMap<String, String>>;

/// Profile names with their properties, as the suite writes its expected output.
type Expected<'a> = &'a [(&'a str, &'a [(&'a str, &'a str)])];

/// Name, config file, credentials file, expected profiles.
type Case<'a> = (&'a str, &'a str, &'a str, Expected<'a>);

fn flat(map: &Named<Section>) -> Profiles {
    map.iter().map(|(name, section)| (name.to_string(), section.properties().iter().map(|(k, v)| (k.to_string(), v.value().to_string())).collect())).collect()
}

fn profiles(config: &str, credentials: &str) -> Profiles {
    match ProfileSet::parse(config, credentials) {
        Ok(set) => flat(set.profiles()),
        Err(error) => panic!("{config:?} / {credentials:?} should parse: {error}"),
    }
}

fn expect(pairs: Expected<'_>) -> Profiles {
    pairs.iter().map(|(name, props)| (name.to_string(), props.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())).collect()
}

fn fails(config: &str, credentials: &str) {
    assert!(ProfileSet::parse(config, credentials).is_err(), "{config:?} / {credentials:?} should be an error");
}

#[test]
fn suite_profiles() {
    let cases: &[Case<'_>] = &[
        ("Empty files have no profiles.", "", "", &[]),
        ("Empty profiles have no properties.", "[profile foo]", "", &[("foo", &[])]),
        ("Profile names should be trimmed.", "[profile \tfoo \t]", "", &[("foo", &[])]),
        ("Tabs can separate profile names from profile prefix.", "[profile\tfoo]", "", &[("foo", &[])]),
        ("Profiles can contain properties.", "[profile foo]\nname = value", "", &[("foo", &[("name", "value")])]),
        ("Windows style line endings are supported.", "[profile foo]\r\nname = value", "", &[("foo", &[("name", "value")])]),
        ("Equals signs are supported in property values.", "[profile foo]\nname = val=ue", "", &[("foo", &[("name", "val=ue")])]),
        ("Unicode characters are supported in property values.", "[profile foo]\nname = \u{1F602}", "", &[("foo", &[("name", "\u{1F602}")])]),
        ("Profiles can contain multiple properties.", "[profile foo]\nname = value\nname2 = value2", "", &[("foo", &[("name", "value"), ("name2", "value2")])]),
        ("Property keys and values are trimmed.", "[profile foo]\nname \t=  \tvalue \t", "", &[("foo", &[("name", "value")])]),
        ("Property values can be empty.", "[profile foo]\nname =", "", &[("foo", &[("name", "")])]),
        ("Multiple profiles can be empty.", "[profile foo]\n[profile bar]", "", &[("foo", &[]), ("bar", &[])]),
        ("Multiple profiles can have properties.", "[profile foo]\nname = value\n[profile bar]\nname2 = value2", "", &[("foo", &[("name", "value")]), ("bar", &[("name2", "value2")])]),
        ("Blank lines are ignored.", "\t \n[profile foo]\n\t\n \nname = value\n\t \n[profile bar]\n \t", "", &[("foo", &[("name", "value")]), ("bar", &[])]),
        ("Pound sign comments are ignored.", "# Comment\n[profile foo] # Comment\nname = value # Comment with # sign", "", &[("foo", &[("name", "value")])]),
        ("Semicolon sign comments are ignored.", "; Comment\n[profile foo] ; Comment\nname = value ; Comment with ; sign", "", &[("foo", &[("name", "value")])]),
        ("All comment types can be used together.", "# Comment\n[profile foo] ; Comment\nname = value # Comment with ; sign", "", &[("foo", &[("name", "value")])]),
        ("Comments can be empty.", ";\n[profile foo];\nname = value ;\n", "", &[("foo", &[("name", "value")])]),
        ("Comments can be adjacent to profile names.", "[profile foo]; Adjacent semicolons\n[profile bar]# Adjacent pound signs", "", &[("foo", &[]), ("bar", &[])]),
        (
            "Comments adjacent to values are included in the value.",
            "[profile foo]\nname = value; Adjacent semicolons\nname2 = value# Adjacent pound signs",
            "",
            &[("foo", &[("name", "value; Adjacent semicolons"), ("name2", "value# Adjacent pound signs")])],
        ),
        ("Property values can be continued on the next line.", "[profile foo]\nname = value\n -continued", "", &[("foo", &[("name", "value\n-continued")])]),
        ("Property values can be continued with multiple lines.", "[profile foo]\nname = value\n -continued\n -and-continued", "", &[("foo", &[("name", "value\n-continued\n-and-continued")])]),
        ("Continuations are trimmed.", "[profile foo]\nname = value\n \t -continued \t ", "", &[("foo", &[("name", "value\n-continued")])]),
        ("Continuation values include pound comments.", "[profile foo]\nname = value\n -continued # Comment", "", &[("foo", &[("name", "value\n-continued # Comment")])]),
        ("Continuation values include semicolon comments.", "[profile foo]\nname = value\n -continued ; Comment", "", &[("foo", &[("name", "value\n-continued ; Comment")])]),
        ("Duplicate profiles in the same file merge properties.", "[profile foo]\nname = value\n[profile foo]\nname2 = value2", "", &[("foo", &[("name", "value"), ("name2", "value2")])]),
        ("Duplicate properties in a profile use the last one defined.", "[profile foo]\nname = value\nname = value2", "", &[("foo", &[("name", "value2")])]),
        ("Duplicate properties in duplicate profiles use the last one defined.", "[profile foo]\nname = value\n[profile foo]\nname = value2", "", &[("foo", &[("name", "value2")])]),
        ("Default profile with profile prefix overrides default profile without prefix when profile prefix is first.", "[profile default]\nname = value\n[default]\nname2 = value2", "", &[("default", &[("name", "value")])]),
        ("Default profile with profile prefix overrides default profile without prefix when profile prefix is last.", "[default]\nname2 = value2\n[profile default]\nname = value", "", &[("default", &[("name", "value")])]),
        ("Invalid profile names are ignored.", "[profile in valid]\nname = value", "[in valid 2]\nname2 = value2", &[]),
        ("Invalid property names are ignored.", "[profile foo]\nin valid = value", "", &[("foo", &[])]),
        (
            "All valid profile name characters are supported.",
            "[profile ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_]",
            "",
            &[("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", &[])],
        ),
        (
            "All valid property name characters are supported.",
            "[profile foo]\nABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ = value",
            "",
            &[("foo", &[("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", "value")])],
        ),
        ("Profiles duplicated in multiple files are merged.", "[profile foo]\nname = value", "[foo]\nname2 = value2", &[("foo", &[("name", "value"), ("name2", "value2")])]),
        (
            "Default profiles with mixed prefixes in the config file ignore the one without prefix when merging.",
            "[profile default]\nname = value\n[default]\nname2 = value2\n[profile default]\nname3 = value3",
            "",
            &[("default", &[("name", "value"), ("name3", "value3")])],
        ),
        (
            "Default profiles with mixed prefixes merge with credentials",
            "[profile default]\nname = value\n[default]\nname2 = value2\n[profile default]\nname3 = value3",
            "[default]\nsecret=foo",
            &[("default", &[("name", "value"), ("name3", "value3"), ("secret", "foo")])],
        ),
        ("Duplicate properties between files uses credentials property.", "[profile foo]\nname = value", "[foo]\nname = value2", &[("foo", &[("name", "value2")])]),
        ("Config profiles without prefix are ignored.", "[foo]\nname = value", "", &[]),
        ("Credentials profiles with prefix are ignored.", "", "[profile foo]\nname = value", &[]),
        ("Comment characters adjacent to profile decls", "[profile foo]; semicolon\n[profile bar]# pound", "", &[("foo", &[]), ("bar", &[])]),
        ("sneaky profile name", "[profilefoo]\nname = value\n[profile bar]", "", &[("bar", &[])]),
        (
            "properties from an invalid profile name are ignored",
            "[profile foo]\nname = value\n[profile in valid]\nx = 1\n[profile bar]\nname = value2",
            "",
            &[("bar", &[("name", "value2")]), ("foo", &[("name", "value")])],
        ),
        ("profile name with extra whitespace", "[   profile foo    ]\nname = value\n[profile bar]", "", &[("bar", &[]), ("foo", &[("name", "value")])]),
        ("profile name with extra whitespace in credentials", "", "[   foo    ]\nname = value\n[profile bar]", &[("foo", &[("name", "value")])]),
        ("SSO Session in config file is parsed", "[sso-session my-session]\nname = value1", "", &[]),
        ("Default SSO session is ignored", "[sso-session]\nname = value\n", "", &[]),
    ];
    for (name, config, credentials, expected) in cases {
        assert_eq!(profiles(config, credentials), expect(expected), "{name}");
    }
}

#[test]
fn suite_errors() {
    let cases: &[(&str, &str, &str)] = &[
        ("Profile definitions must end with brackets.", "[profile foo", ""),
        ("Properties must be defined in a profile.", "name = value", ""),
        ("Property key cannot be empty.", "[profile foo]\n= value", ""),
        ("Property definitions must contain an equals sign.", "[profile foo]\nkey : value", ""),
        ("Continuations cannot be used outside of a profile.", " -continued", ""),
        ("Continuations cannot be used outside of a property.", "[profile foo]\n -continued", ""),
        ("Continuations reset with profile definitions.", "[profile foo]\nname = value\n[profile foo]\n -continued", ""),
        ("Invalid sub-property definitions cause an error.", "[profile foo]\ns3 =\n invalid", ""),
        ("Sub-property definitions cannot have an empty name.", "[profile foo]\ns3 =\n = value", ""),
        ("SSO Session in credentials file is invalid", "", "[sso-session my-session]\nname = value1"),
    ];
    for (name, config, credentials) in cases {
        let _ = name;
        fails(config, credentials);
    }
}

#[test]
fn errors_name_the_file_and_line() {
    let error = ProfileSet::parse("[default]\nregion = x\n[profile foo", "").unwrap_err();
    assert_eq!(error.to_string(), "the config file's line 3: a section header must end with `]`");
    let error = ProfileSet::parse("", "\n\nkey : value").unwrap_err();
    assert!(error.to_string().starts_with("the credentials file's line 3: "), "{error}");
}

fn sub(config: &str, profile: &str, property: &str) -> BTreeMap<String, String> {
    let set = ProfileSet::parse(config, "").unwrap();
    set.profile(profile).and_then(|p| p.property(property)).map(|p| pairs(p.sub_properties())).unwrap_or_default()
}

fn pairs(named: &Named<String>) -> BTreeMap<String, String> {
    named.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn suite_sub_properties() {
    assert_eq!(sub("[profile foo]\ns3 =\n name = value", "foo", "s3"), map(&[("name", "value")]));
    assert_eq!(sub("[profile foo]\ns3 =\n name =", "foo", "s3"), map(&[("name", "")]));
    assert_eq!(sub("[profile foo]\ns3 =\n in valid = value\n valid = value", "foo", "s3"), map(&[("valid", "value")]));
    assert_eq!(sub("[profile foo]\ns3 =\n name = value\n\t \n name2 = value2", "foo", "s3"), map(&[("name", "value"), ("name2", "value2")]));
    let config = "[default]\nname = value1\n value2 = 12 \n value3\nname2 = value2\nname3 =\n name3_0 = 1";
    let set = ProfileSet::parse(config, "").unwrap();
    let default = set.profile("default").unwrap();
    assert_eq!(default.get("name"), Some("value1\nvalue2 = 12\nvalue3"));
    assert!(default.property("name").unwrap().sub_properties().is_empty());
    assert_eq!(default.get("name2"), Some("value2"));
    assert_eq!(sub(config, "default", "name3"), map(&[("name3_0", "1")]));
}

#[test]
fn suite_other_sections() {
    let set = ProfileSet::parse("[sso-session foo]\nname = value1\n[profile foo]\nname2 = value2\n", "").unwrap();
    assert_eq!(flat(set.profiles()), expect(&[("foo", &[("name2", "value2")])]));
    assert_eq!(flat(set.sso_sessions()), expect(&[("foo", &[("name", "value1")])]));

    let set = ProfileSet::parse("[   sso-session foo    ]\nname = value\n[profile bar]", "").unwrap();
    assert_eq!(flat(set.sso_sessions()), expect(&[("foo", &[("name", "value")])]));

    let set = ProfileSet::parse("[sso-session]\nname = value\n", "").unwrap();
    assert!(set.sso_sessions().is_empty());

    let set = ProfileSet::parse("[default]\nname = profile-default\n[sso-session default]\nname = sso-session-default", "").unwrap();
    assert_eq!(flat(set.profiles()), expect(&[("default", &[("name", "profile-default")])]));
    assert_eq!(flat(set.sso_sessions()), expect(&[("default", &[("name", "sso-session-default")])]));

    let set = ProfileSet::parse("[default]\nservices = my-services\n[services my-services]\ns3 =\n\tendpoint_url = https://s3-endpoint-override.aws", "").unwrap();
    assert_eq!(set.profile("default").unwrap().get("services"), Some("my-services"));
    let s3 = set.services().get("my-services").unwrap().property("s3").unwrap();
    assert_eq!(pairs(s3.sub_properties()), map(&[("endpoint_url", "https://s3-endpoint-override.aws")]));

    let set = ProfileSet::parse("[default]\nregion = us-weast-4\n[foobar my-custom-section]\napple =\n\tbanana = cherry", "").unwrap();
    assert_eq!(set.profile("default").unwrap().get("region"), Some("us-weast-4"));
    let custom = set.other_sections().get("foobar").and_then(|sections| sections.get("my-custom-section")).unwrap();
    assert_eq!(pairs(custom.property("apple").unwrap().sub_properties()), map(&[("banana", "cherry")]));
}

#[test]
fn names_iterate_in_order_and_a_later_definition_wins() {
    let config = "[profile zed]\nb = 1\na = 2\n[profile alpha]\nx = 1\n[profile zed]\nb = 3\n";
    let set = ProfileSet::parse(config, "[mid]\nk = v\n[alpha]\nx = 2\n").unwrap();
    assert_eq!(set.profiles().names().collect::<Vec<_>>(), ["alpha", "mid", "zed"]);
    let zed = set.profile("zed").unwrap();
    assert_eq!(zed.properties().names().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(zed.get("b"), Some("3"));
    // The credentials file's value wins over the config file's.
    assert_eq!(set.profile("alpha").unwrap().get("x"), Some("2"));
    assert_eq!(set.profiles().len(), 3);
}

#[test]
fn property_debug_hides_values() {
    let set = ProfileSet::parse("", "[default]\naws_secret_access_key = SECRET123").unwrap();
    let debug = format!("{set:?}");
    assert!(debug.contains("aws_secret_access_key") && !debug.contains("SECRET123"), "{debug}");
}

// The file-location suite (Linux cases; Windows differs only in separators).
#[test]
fn suite_file_locations() {
    let home = FakeEnv::new().var("HOME", "/home/user").var("USERPROFILE", "ignored").var("HOMEDRIVE", "ignored").var("HOMEPATH", "ignored");
    let locations = Locations::from_env(&home);
    assert_eq!(locations.config, Some(PathBuf::from("/home/user/.aws/config")));
    assert_eq!(locations.credentials, Some(PathBuf::from("/home/user/.aws/credentials")));
    assert_eq!(selected_profile(&home), ("default".to_string(), false));

    let profile = FakeEnv::new().var("USERPROFILE", "/users/user");
    assert_eq!(Locations::from_env(&profile).config, Some(PathBuf::from("/users/user/.aws/config")));
    let drive = FakeEnv::new().var("HOMEDRIVE", "/c").var("HOMEPATH", "/users/user");
    assert_eq!(Locations::from_env(&drive).credentials, Some(PathBuf::from("/c/users/user/.aws/credentials")));

    let config = FakeEnv::new().var("AWS_CONFIG_FILE", "/other/path/config").var("HOME", "/home/user");
    let locations = Locations::from_env(&config);
    assert_eq!(locations.config, Some(PathBuf::from("/other/path/config")));
    assert_eq!(locations.credentials, Some(PathBuf::from("/home/user/.aws/credentials")));

    let credentials = FakeEnv::new().var("AWS_SHARED_CREDENTIALS_FILE", "/other/path/credentials").var("HOME", "/home/user");
    let locations = Locations::from_env(&credentials);
    assert_eq!(locations.config, Some(PathBuf::from("/home/user/.aws/config")));
    assert_eq!(locations.credentials, Some(PathBuf::from("/other/path/credentials")));

    let tilde = FakeEnv::new().var("AWS_CONFIG_FILE", "~/elsewhere/config").var("HOME", "/home/user");
    assert_eq!(Locations::from_env(&tilde).config, Some(PathBuf::from("/home/user/elsewhere/config")));

    let other = FakeEnv::new().var("AWS_PROFILE", "other").var("HOME", "/home/user");
    assert_eq!(selected_profile(&other), ("other".to_string(), true));
    assert_eq!(Locations::from_env(&FakeEnv::new()), Locations { config: None, credentials: None });
}

#[test]
fn load_merges_files_and_tolerates_missing_ones() {
    let env = FakeEnv::new()
        .var("HOME", "/home/user")
        .file("/home/user/.aws/config", "[default]\nregion = eu-west-1\n")
        .file("/home/user/.aws/credentials", "[default]\naws_access_key_id = AKID\n");
    let loaded = load(&env).unwrap();
    let default = loaded.set.profile("default").unwrap();
    assert_eq!((default.get("region"), default.get("aws_access_key_id")), (Some("eu-west-1"), Some("AKID")));
    assert_eq!(loaded.found.len(), 2);

    let none = load(&FakeEnv::new().var("HOME", "/home/user")).unwrap();
    assert!(none.set.profiles().is_empty() && none.found.is_empty());

    let bad = FakeEnv::new().var("HOME", "/h").file("/h/.aws/config", "[default\n");
    assert_eq!(load(&bad).unwrap_err().to_string(), "/h/.aws/config is malformed: line 1: a section header must end with `]`");
}
